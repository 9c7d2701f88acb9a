/* glmcc-load-text-dir.c: a directory of per-neuron text files (the original GLMCC layout)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every *.txt file of the directory is one neuron, named by its file stem; files are taken in
 * natural order (cell2 before cell10) and every other file is ignored. Each line holds one spike
 * time, in ms unless the caller says otherwise; blank lines and '#' comments are allowed.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-io-private.h"
#include "glmcc-load-text.h"
#include "glmcc-i18n.h"

gboolean
glmcc_text_parse_lines (const char    *data,
                        gsize          length,
                        const char    *filename,
                        GlmccTimeUnit  unit,
                        double         rate,
                        GArray        *values,
                        GError       **error)
{
  const char *cursor, *end, *line;
  gsize line_len, line_no = 0;

  glmcc_io_skip_bom (&data, &length);
  cursor = data;
  end = data + length;

  while (glmcc_io_next_line (&cursor, end, &line, &line_len))
    {
      const char *hash, *p, *q;
      double value;

      line_no++;
      hash = memchr (line, '#', line_len);
      if (hash != NULL)
        line_len = hash - line;
      p = line;
      q = line + line_len;
      while (p < q && g_ascii_isspace (*p))
        p++;
      while (q > p && g_ascii_isspace (q[-1]))
        q--;
      if (p == q)
        continue;

      switch (glmcc_io_parse_double (p, q - p, &value))
        {
        case GLMCC_NUMBER_OK:
          {
            double t;

            if (!glmcc_io_convert_time (value, unit, rate, &t))
              {
                g_autofree char *why = glmcc_io_describe_out_of_range (value, unit, rate);
                glmcc_io_set_parse_error (error, filename, line_no, "%s", why);
                return FALSE;
              }
            g_array_append_val (values, t);
          }
          break;
        case GLMCC_NUMBER_NOT_FINITE:
          {
            g_autofree char *quoted = glmcc_io_quote (p, q - p);
            glmcc_io_set_parse_error (error, filename, line_no,
                                      _("%s is not a finite spike time"), quoted);
            return FALSE;
          }
        case GLMCC_NUMBER_INVALID:
        default:
          {
            g_autofree char *quoted = glmcc_io_quote (p, q - p);
            glmcc_io_set_parse_error (error, filename, line_no,
                                      _("%s is not a number (one spike time per line expected)"),
                                      quoted);
            return FALSE;
          }
        }
    }
  return TRUE;
}

static gboolean
is_spike_file_name (const char *name)
{
  gsize len = strlen (name);

  return name[0] != '.' && len > 4 && g_ascii_strcasecmp (name + len - 4, ".txt") == 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return glmcc_io_natural_compare (*(const char * const *) a, *(const char * const *) b);
}

static int
text_dir_probe (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return 0;
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return 1;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_spike_file_name (name))
      return 50;
  /* A directory that is nothing else: let this loader explain that it has no spike files. */
  return 1;
}

/* Files read ahead of the one the recording takes next, per thread: enough to keep every
 * thread busy while bounding the spike times held twice (parsed, and in the recording). */
#define READ_AHEAD_PER_THREAD 4

/* The files of a directory read by several threads, taken by the recording in order. */
typedef struct
{
  const char    *path;
  GPtrArray     *names;
  GlmccTimeUnit  unit;
  double         rate;
  GMutex         lock;
  GCond          changed;
  guint          next;     /* the next file to read */
  guint          limit;    /* files before it may be read */
  gboolean       failed;   /* a file could not be read: read no more */
  GArray       **times;    /* per file, once read */
  GError       **errors;   /* per file that could not be read */
} FileReading;

static gboolean
file_read_done (FileReading *reading,
                guint        i)
{
  return reading->times[i] != NULL || reading->errors[i] != NULL;
}

/* Reads file @i outside the lock and files the result; called with the lock held. */
static void
file_read (FileReading *reading,
           guint        i)
{
  const char *file = g_ptr_array_index (reading->names, i);
  g_autofree char *filename = NULL;
  g_autofree char *contents = NULL;
  GArray *times = NULL;
  GError *error = NULL;
  gsize length;

  g_mutex_unlock (&reading->lock);
  filename = g_build_filename (reading->path, file, NULL);
  if (glmcc_io_read_file (filename, G_MAXSIZE - 1, &contents, &length, &error))
    {
      times = g_array_new (FALSE, FALSE, sizeof (double));
      if (!glmcc_text_parse_lines (contents, length, filename, reading->unit, reading->rate,
                                   times, &error))
        g_clear_pointer (&times, g_array_unref);
    }
  g_mutex_lock (&reading->lock);
  reading->times[i] = times;
  reading->errors[i] = error;
  if (error != NULL)
    reading->failed = TRUE;
  g_cond_broadcast (&reading->changed);
}

/* Whether a file may be read now; called with the lock held. */
static gboolean
file_read_possible (FileReading *reading)
{
  return !reading->failed && reading->next < reading->limit;
}

static gpointer
file_reader (gpointer data)
{
  FileReading *reading = data;

  g_mutex_lock (&reading->lock);
  for (;;)
    {
      while (!file_read_possible (reading) && !reading->failed
             && reading->next < reading->names->len)
        g_cond_wait (&reading->changed, &reading->lock);
      if (!file_read_possible (reading))
        break;
      file_read (reading, reading->next++);
    }
  g_mutex_unlock (&reading->lock);
  return NULL;
}

/* Reads every file of @names into the recording, in their order. Parsing is most of the time
 * of a large directory, and the files are independent: several threads read them, a few files
 * ahead of the one the recording takes next. Files are claimed in order and nothing is claimed
 * after a failure, so the error is the one of the first file that fails, as when reading them
 * one by one. */
static gboolean
read_files (GlmccLoadContext *context,
            const char       *path,
            GPtrArray        *names,
            GlmccTimeUnit     unit,
            double            rate,
            GError          **error)
{
  FileReading reading = { 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_threads = context->options->threads > 0 ? context->options->threads
                                                  : (guint) g_get_num_processors ();
  gboolean ok = TRUE;

  n_threads = CLAMP (n_threads, 1, names->len);
  reading.path = path;
  reading.names = names;
  reading.unit = unit;
  reading.rate = rate;
  reading.limit = MIN (names->len, n_threads * READ_AHEAD_PER_THREAD);
  reading.times = g_new0 (GArray *, names->len);
  reading.errors = g_new0 (GError *, names->len);
  g_mutex_init (&reading.lock);
  g_cond_init (&reading.changed);

  /* A thread the system refuses is no error: this one reads too. */
  for (guint t = 1; t < n_threads; t++)
    {
      GThread *thread = g_thread_try_new ("glmcc-read", file_reader, &reading, NULL);

      if (thread == NULL)
        break;
      g_ptr_array_add (threads, thread);
    }

  g_mutex_lock (&reading.lock);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *stem = NULL;
      GArray *times;

      while (!file_read_done (&reading, i))
        {
          if (file_read_possible (&reading))
            file_read (&reading, reading.next++);
          else
            g_cond_wait (&reading.changed, &reading.lock);
        }
      if (reading.errors[i] != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&reading.errors[i]));
          reading.failed = TRUE;
          ok = FALSE;
          break;
        }
      times = g_steal_pointer (&reading.times[i]);
      reading.limit = MIN (names->len, reading.limit + 1);
      g_cond_broadcast (&reading.changed);
      g_mutex_unlock (&reading.lock);

      stem = g_strndup (file, strlen (file) - 4);
      glmcc_load_context_add_train (context, stem, (const double *) (gpointer) times->data,
                                    times->len);
      g_array_unref (times);
      g_mutex_lock (&reading.lock);
    }
  g_cond_broadcast (&reading.changed);
  g_mutex_unlock (&reading.lock);

  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  for (guint i = 0; i < names->len; i++)
    {
      if (reading.times[i] != NULL)
        g_array_unref (reading.times[i]);
      g_clear_error (&reading.errors[i]);
    }
  g_free (reading.times);
  g_free (reading.errors);
  g_cond_clear (&reading.changed);
  g_mutex_clear (&reading.lock);
  return ok;
}

static gboolean
text_dir_load (GlmccLoadContext *context,
               const char       *path,
               GError          **error)
{
  GlmccTimeUnit unit = context->options->time_unit;
  double rate = context->options->sample_rate;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_ignored = 0;

  if (unit == GLMCC_TIME_UNIT_DEFAULT)
    unit = GLMCC_TIME_UNIT_MS;
  if (!glmcc_io_check_rate (unit, rate, path, error))
    return FALSE;

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot open the directory: %s"),
                   path, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* Every *.txt is a neuron: one that cannot be read (a dangling link, a FIFO, a folder
       * that may not be searched) is an error, never a neuron quietly left out, which would
       * shift the index of every neuron after it. Reading it says what is wrong. */
      if (!is_spike_file_name (name))
        {
          n_ignored++;
          continue;
        }
      g_ptr_array_add (names, g_strdup (name));
    }
  if (names->len == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: no spike files (*.txt, one per neuron) in this directory"), path);
      return FALSE;
    }
  g_ptr_array_sort (names, compare_names);
  {
    g_autoptr(GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < names->len; i++)
      {
        const char *file = g_ptr_array_index (names, i);
        char *stem = g_strndup (file, strlen (file) - 4);
        const char *other = g_hash_table_lookup (stems, stem);

        if (other != NULL)
          {
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                         _("%s: %s and %s would both be the neuron %s"), path, other, file, stem);
            g_free (stem);
            return FALSE;
          }
        g_hash_table_insert (stems, stem, (gpointer) file);
      }
  }

  if (!read_files (context, path, names, unit, rate, error))
    return FALSE;

  glmcc_load_context_note (context,
                           names->len == 1 ? N_("%u spike file read, in natural order (%s … %s)")
                                           : N_("%u spike files read, in natural order (%s … %s)"),
                           names->len,
                           (const char *) g_ptr_array_index (names, 0),
                           (const char *) g_ptr_array_index (names, names->len - 1));
  if (n_ignored > 0)
    glmcc_load_context_note (context,
                             n_ignored == 1 ? N_("%u other file (not *.txt) ignored")
                                            : N_("%u other files (not *.txt) ignored"),
                             n_ignored);
  glmcc_io_note_conversion (context, unit, rate);
  return TRUE;
}

const GlmccLoader glmcc_loader_text_dir = {
  .name = "text-dir",
  .description = "a directory of per-neuron text files (cell0.txt …), one time per line",
  .probe = text_dir_probe,
  .load = text_dir_load,
};
