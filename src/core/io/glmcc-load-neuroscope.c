/* glmcc-load-neuroscope.c: Neuroscope / Klusters sessions (base.res.N + base.clu.N + base.xml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every electrode group (shank) N, base.res.N holds one sample index per line and
 * base.clu.N the cluster count on its first line, then one cluster id per spike. Clusters 0
 * (artefacts) and 1 (noise, multi-unit) are dropped; the others are named "N:cluster". The
 * sample rate is <acquisitionSystem><samplingRate> of base.xml. The session is given as its
 * folder, its base name (folder/base), or any of its files. base.N.res / base.N.clu are read too.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-io-private.h"
#include "glmcc-load-neuroscope.h"
#include "glmcc-i18n.h"

/* ---- base.xml ---- */

#define MAX_XML_DEPTH 64

static gboolean
skip_past (const char **p,
           const char  *end,
           const char  *marker)
{
  gsize len = strlen (marker);

  while (*p + len <= end)
    {
      if (memcmp (*p, marker, len) == 0)
        {
          *p += len;
          return TRUE;
        }
      (*p)++;
    }
  *p = end;
  return FALSE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':';
}

gboolean
glmcc_neuroscope_parse_xml_rate (const char *data,
                                 gsize       length,
                                 const char *filename,
                                 double     *rate,
                                 GError    **error)
{
  /* Element names of the open path; only the depth and the names we look for matter. */
  const char *names[MAX_XML_DEPTH];
  gsize name_lens[MAX_XML_DEPTH];
  const char *p, *end;
  const char *text_start = NULL;
  guint depth = 0;
  gboolean in_rate = FALSE, found = FALSE, found_in_acquisition = FALSE;
  double value = 0.0, fallback = 0.0;
  gboolean have_fallback = FALSE;

  glmcc_io_skip_bom (&data, &length);
  p = data;
  end = data + length;
  while (p < end)
    {
      const char *name;
      gsize name_len;
      gboolean closing = FALSE, self_closing = FALSE;

      if (*p != '<')
        {
          p++;
          continue;
        }
      if (in_rate && text_start != NULL)
        {
          /* The text of <samplingRate>: from its start tag to this tag. */
          const char *a = text_start, *b = p;
          gboolean inside_acquisition = FALSE;
          GlmccNumberStatus status;
          double v;

          while (a < b && g_ascii_isspace (*a))
            a++;
          while (b > a && g_ascii_isspace (b[-1]))
            b--;
          for (guint i = 0; i + 1 < MIN (depth, MAX_XML_DEPTH); i++)
            if (name_lens[i] == strlen ("acquisitionSystem")
                && memcmp (names[i], "acquisitionSystem", name_lens[i]) == 0)
              inside_acquisition = TRUE;
          status = glmcc_io_parse_double (a, b - a, &v);
          if (status != GLMCC_NUMBER_OK || !(v > 0.0))
            {
              if (inside_acquisition)
                {
                  g_autofree char *quoted = glmcc_io_quote (a, b - a);
                  gsize line_of_value = 1;
                  int code = status == GLMCC_NUMBER_OK ? GLMCC_ERROR_INVALID_DATA
                                                       : GLMCC_ERROR_PARSE;

                  for (const char *c = data; c < a; c++)
                    line_of_value += *c == '\n';
                  g_set_error (error, GLMCC_ERROR, code,
                               _("%s:%zu: <samplingRate> %s is not a positive number"),
                               filename, line_of_value, quoted);
                  return FALSE;
                }
            }
          else if (inside_acquisition && !found_in_acquisition)
            {
              value = v;
              found_in_acquisition = TRUE;
            }
          else if (!have_fallback)
            {
              fallback = v;
              have_fallback = TRUE;
            }
          in_rate = FALSE;
          text_start = NULL;
        }

      p++;
      if (p < end && *p == '!')
        {
          /* Comment, CDATA or DOCTYPE. */
          if (end - p >= 3 && memcmp (p, "!--", 3) == 0)
            skip_past (&p, end, "-->");
          else if (end - p >= 8 && memcmp (p, "![CDATA[", 8) == 0)
            skip_past (&p, end, "]]>");
          else
            skip_past (&p, end, ">");
          continue;
        }
      if (p < end && *p == '?')
        {
          skip_past (&p, end, "?>");
          continue;
        }
      if (p < end && *p == '/')
        {
          closing = TRUE;
          p++;
        }
      name = p;
      while (p < end && is_name_char (*p))
        p++;
      name_len = p - name;
      /* Attributes: skip to the end of the tag, minding quotes. */
      while (p < end && *p != '>')
        {
          if (*p == '"' || *p == '\'')
            {
              char quote = *p++;
              while (p < end && *p != quote)
                p++;
            }
          if (p < end && *p == '/' && p + 1 < end && p[1] == '>')
            self_closing = TRUE;
          if (p < end)
            p++;
        }
      if (p >= end)
        {
          glmcc_io_set_parse_error (error, filename, 0, _("the XML ends inside a tag"));
          return FALSE;
        }
      p++;  /* '>' */
      if (name_len == 0)
        {
          glmcc_io_set_parse_error (error, filename, 0, _("malformed XML: a tag without a name"));
          return FALSE;
        }

      if (closing)
        {
          if (depth > 0)
            depth--;
          in_rate = FALSE;
          continue;
        }
      if (self_closing)
        continue;
      if (depth < MAX_XML_DEPTH)
        {
          names[depth] = name;
          name_lens[depth] = name_len;
        }
      depth++;
      if (depth <= MAX_XML_DEPTH && name_len == strlen ("samplingRate")
          && memcmp (name, "samplingRate", name_len) == 0)
        {
          in_rate = TRUE;
          text_start = p;
        }
    }

  if (found_in_acquisition)
    {
      *rate = value;
      found = TRUE;
    }
  else if (have_fallback)
    {
      *rate = fallback;
      found = TRUE;
    }
  if (!found)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: no <acquisitionSystem><samplingRate> element"), filename);
      return FALSE;
    }
  return TRUE;
}

/* ---- .res and .clu ---- */

static gboolean
parse_index (const char *text,
             gsize       len,
             gint64     *value)
{
  double v;

  if (glmcc_io_parse_int64 (text, len, value))
    return TRUE;
  /* Some exporters write whole numbers in floating-point notation. */
  if (glmcc_io_parse_double (text, len, &v) == GLMCC_NUMBER_OK && v == nearbyint (v)
      && fabs (v) <= 9007199254740992.0)
    {
      *value = (gint64) v;
      return TRUE;
    }
  return FALSE;
}

/* Calls @func on every non-blank line, trimmed. */
static gboolean
for_each_value (const char *data,
                gsize       length,
                const char *filename,
                const char *what,
                GArray     *values,
                GError    **error)
{
  const char *cursor, *end, *line;
  gsize len, line_no = 0;

  glmcc_io_skip_bom (&data, &length);
  cursor = data;
  end = data + length;
  while (glmcc_io_next_line (&cursor, end, &line, &len))
    {
      const char *p = line, *q = line + len;
      gint64 v;

      line_no++;
      while (p < q && g_ascii_isspace (*p))
        p++;
      while (q > p && g_ascii_isspace (q[-1]))
        q--;
      if (p == q)
        continue;
      if (!parse_index (p, q - p, &v))
        {
          g_autofree char *quoted = glmcc_io_quote (p, q - p);
          glmcc_io_set_parse_error (error, filename, line_no, _("%s is not %s"), quoted, what);
          return FALSE;
        }
      g_array_append_val (values, v);
    }
  return TRUE;
}

gboolean
glmcc_neuroscope_parse_res (const char *data,
                            gsize       length,
                            const char *filename,
                            GArray     *samples,
                            GError    **error)
{
  return for_each_value (data, length, filename, _("an integer sample index"), samples, error);
}

gboolean
glmcc_neuroscope_parse_clu (const char *data,
                            gsize       length,
                            const char *filename,
                            gint64     *n_clusters,
                            GArray     *ids,
                            GError    **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 *v;

  if (!for_each_value (data, length, filename, _("an integer cluster id"), values, error))
    return FALSE;
  if (values->len == 0)
    {
      glmcc_io_set_parse_error (error, filename, 0,
                                _("empty; the first line must be the number of clusters"));
      return FALSE;
    }
  v = (const gint64 *) (gpointer) values->data;
  if (v[0] < 0)
    {
      glmcc_io_set_parse_error (error, filename, 1, _("the cluster count %" PRId64
                                " is negative"), v[0]);
      return FALSE;
    }
  for (guint i = 1; i < values->len; i++)
    if (v[i] < 0 || v[i] > G_MAXINT32)
      {
        /* Line numbers: blank lines are rare in .clu files; count values instead. */
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                     _("%s: cluster id %" PRId64 " (value %u) is not a valid id"),
                     filename, v[i], i + 1);
        return FALSE;
      }
  *n_clusters = v[0];
  g_array_append_vals (ids, v + 1, values->len - 1);
  return TRUE;
}

/* ---- finding the session ---- */

typedef struct
{
  guint  shank;
  char  *res;
  char  *clu;
} Shank;

static void
shank_clear (gpointer data)
{
  Shank *shank = data;

  g_free (shank->res);
  g_free (shank->clu);
}

/* "base.res.N", "base.N.res" (and clu): the base, the kind and N. */
static gboolean
split_spike_file_name (const char *name,
                       char      **base,
                       gboolean   *is_res,
                       guint      *shank)
{
  const char *last = strrchr (name, '.');
  const char *prev;
  guint64 n;

  if (last == NULL || last == name)
    return FALSE;
  for (prev = last - 1; prev > name && *prev != '.'; prev--)
    ;
  if (prev == name)
    return FALSE;
  /* base.res.N */
  if (g_ascii_string_to_unsigned (last + 1, 10, 0, G_MAXUINT, &n, NULL)
      && (last - prev - 1 == 3)
      && (strncmp (prev + 1, "res", 3) == 0 || strncmp (prev + 1, "clu", 3) == 0))
    {
      *is_res = strncmp (prev + 1, "res", 3) == 0;
      *shank = (guint) n;
      *base = g_strndup (name, prev - name);
      return TRUE;
    }
  /* base.N.res */
  if (strcmp (last + 1, "res") == 0 || strcmp (last + 1, "clu") == 0)
    {
      g_autofree char *digits = g_strndup (prev + 1, last - prev - 1);
      if (g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &n, NULL))
        {
          *is_res = strcmp (last + 1, "res") == 0;
          *shank = (guint) n;
          *base = g_strndup (name, prev - name);
          return TRUE;
        }
    }
  return FALSE;
}

static int
compare_shanks (gconstpointer a,
                gconstpointer b)
{
  const Shank *x = a, *y = b;

  return (x->shank > y->shank) - (x->shank < y->shank);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The folder and base name of the session @path designates. */
static gboolean
locate_session (const char *path,
                char      **dir_out,
                char      **base_out,
                GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *folder_name = g_path_get_basename (path);

      dir = g_strdup (path);
      handle = g_dir_open (dir, 0, &local_error);
      if (handle == NULL)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot open the folder: %s"), dir,
                       local_error->message);
          return FALSE;
        }
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *b = NULL;
          gboolean is_res;
          guint shank;

          if (split_spike_file_name (name, &b, &is_res, &shank)
              && !g_ptr_array_find_with_equal_func (bases, b, g_str_equal, NULL))
            g_ptr_array_add (bases, g_steal_pointer (&b));
        }
      if (bases->len == 0)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: no .res.N / .clu.N spike files in this folder"), dir);
          return FALSE;
        }
      if (bases->len == 1)
        base = g_strdup (g_ptr_array_index (bases, 0));
      else if (g_ptr_array_find_with_equal_func (bases, folder_name, g_str_equal, NULL))
        base = g_strdup (folder_name);
      else
        {
          g_ptr_array_sort (bases, compare_strings);
          g_ptr_array_add (bases, NULL);
          {
            g_autofree char *list = g_strjoinv (", ", (char **) bases->pdata);
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                         _("%s: several sessions (%s); give the base name, e.g. %s/%s"), dir, list,
                         dir, (const char *) g_ptr_array_index (bases, 0));
          }
          return FALSE;
        }
    }
  else
    {
      g_autofree char *file = g_path_get_basename (path);
      gboolean is_res;
      guint shank;

      dir = g_path_get_dirname (path);
      if (g_str_has_suffix (file, ".xml"))
        base = g_strndup (file, strlen (file) - 4);
      else if (!split_spike_file_name (file, &base, &is_res, &shank))
        base = g_strdup (file);
    }
  *dir_out = g_steal_pointer (&dir);
  *base_out = g_steal_pointer (&base);
  return TRUE;
}

/* Every shank of @base in @dir with its two files. */
static GArray *
list_shanks (const char *dir,
             const char *base,
             GError    **error)
{
  g_autoptr(GArray) shanks = g_array_new (FALSE, TRUE, sizeof (Shank));
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_array_set_clear_func (shanks, shank_clear);
  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot open the folder: %s"), dir,
                   local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *b = NULL;
      Shank *shank = NULL;
      gboolean is_res;
      guint n;

      if (!split_spike_file_name (name, &b, &is_res, &n) || strcmp (b, base) != 0)
        continue;
      for (guint i = 0; i < shanks->len; i++)
        if (g_array_index (shanks, Shank, i).shank == n)
          shank = &g_array_index (shanks, Shank, i);
      if (shank == NULL)
        {
          Shank s = { n, NULL, NULL };
          g_array_append_val (shanks, s);
          shank = &g_array_index (shanks, Shank, shanks->len - 1);
        }
      if (is_res && shank->res == NULL)
        shank->res = g_build_filename (dir, name, NULL);
      else if (!is_res && shank->clu == NULL)
        shank->clu = g_build_filename (dir, name, NULL);
    }
  if (shanks->len == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                   _("%s/%s: no %s.res.N / %s.clu.N spike files"), dir, base, base, base);
      return NULL;
    }
  g_array_sort (shanks, compare_shanks);
  for (guint i = 0; i < shanks->len; i++)
    {
      Shank *shank = &g_array_index (shanks, Shank, i);
      if (shank->res == NULL || shank->clu == NULL)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s/%s: shank %u has a %s file but no %s file"), dir, base, shank->shank,
                       shank->res != NULL ? ".res" : ".clu", shank->res != NULL ? ".clu" : ".res");
          return NULL;
        }
    }
  return g_steal_pointer (&shanks);
}

/* ---- the loader ---- */

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The line of the @index-th value (from 0) of a .res text, for an error message. */
static gsize
line_of_value (const char *data,
               gsize       length,
               gsize       index)
{
  const char *cursor = data, *end, *line;
  gsize len, line_no = 0, seen = 0;

  glmcc_io_skip_bom (&cursor, &length);
  end = cursor + length;
  while (glmcc_io_next_line (&cursor, end, &line, &len))
    {
      line_no++;
      if (glmcc_io_is_blank (line, len))
        continue;
      if (seen++ == index)
        return line_no;
    }
  return 0;
}

static gboolean
load_shank (GlmccLoadContext *context,
            const Shank      *shank,
            double            rate,
            GString          *summary,
            GString          *display_summary,
            GError          **error)
{
  g_autofree char *res_text = NULL;
  g_autofree char *clu_text = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autofree gint64 *distinct = NULL;
  gsize res_len, clu_len, n_noise = 0, n_artefact = 0;
  gint64 n_clusters;
  guint n_distinct = 0, n_kept = 0;

  if (!glmcc_io_read_file (shank->res, G_MAXSIZE - 1, &res_text, &res_len, error)
      || !glmcc_neuroscope_parse_res (res_text, res_len, shank->res, samples, error)
      || !glmcc_io_read_file (shank->clu, G_MAXSIZE - 1, &clu_text, &clu_len, error)
      || !glmcc_neuroscope_parse_clu (clu_text, clu_len, shank->clu, &n_clusters, ids, error))
    return FALSE;
  if (ids->len != samples->len)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: %u cluster ids, but %s has %u spikes"), shank->clu, ids->len, shank->res,
                   samples->len);
      return FALSE;
    }

  /* The spikes of every cluster, clusters in increasing order. */
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GArray *times = g_hash_table_lookup (by_id, &id);

      if (times == NULL)
        {
          times = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), times);
        }
      if (id == 0)
        n_artefact++;
      else if (id == 1)
        n_noise++;
      else
        {
          gint64 sample = g_array_index (samples, gint64, i);
          double t = glmcc_io_samples_to_ms (sample, rate);

          if (!glmcc_io_time_in_range (t))
            {
              g_autofree char *why = glmcc_io_describe_out_of_range ((double) sample,
                                                                     GLMCC_TIME_UNIT_SAMPLES,
                                                                     rate);
              glmcc_io_set_parse_error (error, shank->res, line_of_value (res_text, res_len, i),
                                        "%s", why);
              return FALSE;
            }
          g_array_append_val (times, t);
        }
    }
  n_distinct = g_hash_table_size (by_id);
  distinct = g_new (gint64, MAX (n_distinct, 1));
  {
    GHashTableIter iter;
    gpointer key;
    guint k = 0;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      distinct[k++] = *(gint64 *) key;
  }
  qsort (distinct, n_distinct, sizeof (gint64), compare_int64);

  for (guint c = 0; c < n_distinct; c++)
    {
      gint64 id = distinct[c];
      GArray *times = g_hash_table_lookup (by_id, &id);
      char name[64];

      if (id <= 1)
        continue;
      g_snprintf (name, sizeof name, "%u:%" G_GINT64_FORMAT, shank->shank, id);
      glmcc_recording_builder_set_group (context->builder,
                                         glmcc_load_context_add_train (context, name,
                                                                       (const double *) (gpointer) times->data,
                                                                       times->len),
                                         (int) shank->shank);
      n_kept++;
    }

  /* In English for the outputs, and translated for display (integers only: no locale). */
  for (int translated = 0; translated <= 1; translated++)
    {
      GString *text = translated ? display_summary : summary;

      if (text->len > 0)
        g_string_append (text, GLMCC_MAYBE_TRANSLATED (translated, N_("; ")));
      if (n_kept == 1)
        g_string_append_printf (text, GLMCC_MAYBE_TRANSLATED (translated, N_("shank %u: %u cluster kept")),
                                shank->shank, n_kept);
      else
        g_string_append_printf (text, GLMCC_MAYBE_TRANSLATED (translated, N_("shank %u: %u clusters kept")),
                                shank->shank, n_kept);
      if (n_artefact > 0 || n_noise > 0)
        g_string_append_printf (text, GLMCC_MAYBE_TRANSLATED (translated,
                                                              N_(", dropped %zu spikes of cluster 0 (artefacts) "
                                                                 "and %zu of cluster 1 (noise/multi-unit)")),
                                n_artefact, n_noise);
      if (n_clusters != n_distinct)
        g_string_append_printf (text, GLMCC_MAYBE_TRANSLATED (translated,
                                                              N_(" (the .clu header says %" PRId64
                                                                 " clusters, %u seen)")),
                                (gint64) n_clusters, n_distinct);
    }
  return TRUE;
}

static int
neuroscope_probe (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GArray) shanks = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *file = g_path_get_basename (path);
      g_autofree char *b = NULL;
      gboolean is_res;
      guint n;

      if (!g_str_has_suffix (file, ".xml") && !split_spike_file_name (file, &b, &is_res, &n))
        return 0;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) handle = g_dir_open (path, 0, NULL);
      const char *name;

      /* Any spike file makes it a session folder; the loader explains what is wrong with it. */
      while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *b = NULL;
          gboolean is_res;
          guint n;

          if (split_spike_file_name (name, &b, &is_res, &n))
            return 85;
        }
      return 0;
    }
  if (!locate_session (path, &dir, &base, NULL))
    return 0;
  shanks = list_shanks (dir, base, NULL);
  return shanks != NULL ? 85 : 0;
}

static gboolean
neuroscope_load (GlmccLoadContext *context,
                 const char       *path,
                 GError          **error)
{
  const GlmccLoadOptions *options = context->options;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GArray) shanks = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) display_summary = g_string_new (NULL);
  double rate = 0.0;

  if (!locate_session (path, &dir, &base, error))
    return FALSE;
  shanks = list_shanks (dir, base, error);
  if (shanks == NULL)
    return FALSE;

  xml = g_strdup_printf ("%s/%s.xml", dir, base);
  if (g_file_test (xml, G_FILE_TEST_EXISTS))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!glmcc_io_read_file (xml, 256 * 1024 * 1024, &contents, &length, error))
        return FALSE;
      if (!glmcc_neuroscope_parse_xml_rate (contents, length, xml, &rate, error))
        {
          if (options->sample_rate <= 0.0)
            return FALSE;
          glmcc_load_context_note (context, N_("%s unusable (%s); sample rate %g Hz as given"), xml,
                                   (*error)->message, options->sample_rate);
          g_clear_error (error);
        }
    }
  else if (options->sample_rate <= 0.0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE,
                   _("%s: missing, and it gives the sample rate"), xml);
      return FALSE;
    }
  if (options->sample_rate > 0.0)
    {
      if (rate > 0.0 && rate != options->sample_rate)
        glmcc_load_context_note (context, N_("sample rate %g Hz as given instead of %g Hz from %s.xml"),
                                 options->sample_rate, rate, base);
      rate = options->sample_rate;
    }
  if (options->time_unit != GLMCC_TIME_UNIT_DEFAULT
      && options->time_unit != GLMCC_TIME_UNIT_SAMPLES)
    glmcc_load_context_note (context, N_("time unit %s ignored: .res files hold sample indices"),
                             glmcc_io_unit_name (options->time_unit));

  for (guint i = 0; i < shanks->len; i++)
    if (!load_shank (context, &g_array_index (shanks, Shank, i), rate, summary,
                     display_summary, error))
      return FALSE;

  {
    gboolean one = shanks->len == 1;
    g_autofree char *text = g_strdup_printf (one ? "session %s, %u shank: %s" : "session %s, %u shanks: %s",
                                             base, shanks->len, summary->str);
    g_autofree char *display_text = g_strdup_printf (one ? _("session %s, %u shank: %s")
                                                         : _("session %s, %u shanks: %s"),
                                                     base, shanks->len, display_summary->str);

    glmcc_recording_builder_add_note_texts (context->builder, text, display_text);
  }
  glmcc_io_note_conversion (context, GLMCC_TIME_UNIT_SAMPLES, rate);
  return TRUE;
}

const GlmccLoader glmcc_loader_neuroscope = {
  .name = "neuroscope",
  .description = "a Neuroscope/Klusters session: base.res.N + base.clu.N for every shank, "
                 "sample rate from base.xml",
  .probe = neuroscope_probe,
  .load = neuroscope_load,
};
