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

static gboolean
text_dir_load (GlmccLoadContext *context,
               const char       *path,
               GError          **error)
{
  GlmccTimeUnit unit = context->options->time_unit;
  double rate = context->options->sample_rate;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
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

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *filename = g_build_filename (path, file, NULL);
      g_autofree char *stem = g_strndup (file, strlen (file) - 4);
      g_autofree char *contents = NULL;
      gsize length;

      if (!glmcc_io_read_file (filename, G_MAXSIZE - 1, &contents, &length, error))
        return FALSE;
      g_array_set_size (values, 0);
      if (!glmcc_text_parse_lines (contents, length, filename, unit, rate, values, error))
        return FALSE;
      glmcc_load_context_add_train (context, stem, (const double *) (gpointer) values->data,
                                    values->len);
    }

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
