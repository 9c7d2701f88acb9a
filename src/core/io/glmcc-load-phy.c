/* glmcc-load-phy.c: a Kilosort / phy output folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads params.py (sample_rate), spike_times.npy (sample indices) and spike_clusters.npy, or
 * spike_templates.npy when phy has not written clusters yet. Cluster labels come from
 * cluster_group.tsv, then the legacy cluster_groups.csv (tab-separated despite its name), then
 * cluster_KSLabel.tsv, the first file that labels a cluster winning; clusters whose label is
 * among options->units (default "good"; "all" keeps every cluster) are kept.
 *
 * Positions for the network layout, when the files allow it: the best channel of the template
 * most of a cluster's spikes use (largest peak-to-peak amplitude in templates.npy, through
 * templates_ind.npy when present) located by channel_positions.npy; else the `ch` column of
 * cluster_info.tsv with channel_positions.npy; else its `depth` column as (0, depth). Positions
 * are a convenience: when they cannot be found the loader says why and goes on.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "glmcc-io-private.h"
#include "glmcc-load-phy.h"
#include "glmcc-npy.h"
#include "glmcc-i18n.h"

/* Cluster ids (0 included) as hash table keys. */
#define CLUSTER_KEY(id) GSIZE_TO_POINTER ((gsize) (id) + 1)

/* ---- params.py ---- */

/* Python numeric literal, with '_' digit separators. */
static GlmccNumberStatus
parse_python_number (const char *text,
                     gsize       len,
                     double     *value)
{
  char buffer[128];
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '_' && i > 0 && i + 1 < len && g_ascii_isdigit (text[i - 1])
          && g_ascii_isdigit (text[i + 1]))
        continue;
      if (n + 1 >= sizeof buffer)
        return GLMCC_NUMBER_INVALID;
      buffer[n++] = text[i];
    }
  return glmcc_io_parse_double (buffer, n, value);
}

gboolean
glmcc_phy_parse_params (const char *data,
                        gsize       length,
                        const char *filename,
                        double     *sample_rate,
                        GError    **error)
{
  const char *cursor, *end, *line;
  gsize len, line_no = 0, rate_line = 0;
  int depth = 0;   /* open brackets carried over from previous lines */
  char quote = 0;  /* inside a triple-quoted or continued string */
  gboolean found = FALSE;

  glmcc_io_skip_bom (&data, &length);
  cursor = data;
  end = data + length;
  while (glmcc_io_next_line (&cursor, end, &line, &len))
    {
      gboolean at_top = depth == 0 && quote == 0;
      const char *p = line, *q = line + len, *name, *value;
      gsize name_len;

      line_no++;
      /* Track brackets and strings so that multi-line values (lists) are skipped. */
      for (const char *c = line; c < line + len; c++)
        {
          if (quote != 0)
            {
              if (*c == '\\' && c + 1 < line + len)
                c++;
              else if (*c == quote)
                quote = 0;
            }
          else if (*c == '\'' || *c == '"')
            quote = *c;
          else if (*c == '#')
            break;
          else if (*c == '(' || *c == '[' || *c == '{')
            depth++;
          else if ((*c == ')' || *c == ']' || *c == '}') && depth > 0)
            depth--;
        }
      /* An unterminated one-line string is a syntax error in Python; forget it at the line end. */
      if (quote != 0)
        quote = 0;
      if (!at_top)
        continue;

      while (p < q && g_ascii_isspace (*p))
        p++;
      if (p == q || *p == '#')
        continue;
      name = p;
      while (p < q && (g_ascii_isalnum (*p) || *p == '_'))
        p++;
      name_len = p - name;
      while (p < q && g_ascii_isspace (*p))
        p++;
      if (name_len == 0 || p == q || *p != '=')
        continue;  /* not an assignment; Python would say more, we only need one value */
      if (name_len != strlen ("sample_rate") || memcmp (name, "sample_rate", name_len) != 0)
        continue;

      p++;
      while (p < q && g_ascii_isspace (*p))
        p++;
      value = p;
      while (p < q && *p != '#')
        p++;
      while (p > value && g_ascii_isspace (p[-1]))
        p--;

      switch (parse_python_number (value, p - value, sample_rate))
        {
        case GLMCC_NUMBER_OK:
          break;
        case GLMCC_NUMBER_NOT_FINITE:
        case GLMCC_NUMBER_INVALID:
        default:
          {
            g_autofree char *quoted = glmcc_io_quote (value, p - value);
            glmcc_io_set_parse_error (error, filename, line_no,
                                      _("sample_rate = %s is not a number"), quoted);
            return FALSE;
          }
        }
      found = TRUE;
      rate_line = line_no;
    }

  if (!found)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: no sample_rate = … line"), filename);
      return FALSE;
    }
  if (!(*sample_rate > 0.0))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s:%zu: sample_rate = %g is not a positive rate"), filename,
                   rate_line, *sample_rate);
      return FALSE;
    }
  return TRUE;
}

/* ---- cluster label files ---- */

typedef struct
{
  const char *file;
  const char *column;  /* the label column; NULL = the second column */
} LabelSource;

static const LabelSource label_sources[] = {
  { "cluster_group.tsv", "group" },
  { "cluster_groups.csv", "group" },
  { "cluster_KSLabel.tsv", "KSLabel" },
};

/* Fills @labels (cluster id → label string) with the entries not already there. */
gboolean
glmcc_phy_parse_labels (const char *data,
                        gsize       length,
                        const char *filename,
                        const char *column,
                        GHashTable *labels,
                        guint      *n_read,
                        GError    **error)
{
  const char *cursor, *end, *line;
  gsize len, line_no = 0;
  int id_column = -1, label_column = -1;
  g_auto(GStrv) header = NULL;

  *n_read = 0;
  glmcc_io_skip_bom (&data, &length);
  cursor = data;
  end = data + length;
  while (glmcc_io_next_line (&cursor, end, &line, &len))
    {
      g_autofree char *copy = g_strndup (line, len);
      g_auto(GStrv) fields = NULL;
      guint n_fields;
      gint64 id;

      line_no++;
      if (glmcc_io_is_blank (line, len))
        continue;
      if (strlen (copy) != len)
        {
          glmcc_io_set_parse_error (error, filename, line_no, _("a NUL byte in a text file"));
          return FALSE;
        }
      fields = g_strsplit (copy, "\t", -1);
      n_fields = g_strv_length (fields);
      for (guint i = 0; i < n_fields; i++)
        g_strstrip (fields[i]);

      if (header == NULL)
        {
          header = g_steal_pointer (&fields);
          for (guint i = 0; i < n_fields; i++)
            {
              if (g_ascii_strcasecmp (header[i], "cluster_id") == 0
                  || g_ascii_strcasecmp (header[i], "id") == 0)
                id_column = id_column < 0 ? (int) i : id_column;
              else if (column != NULL && g_ascii_strcasecmp (header[i], column) == 0)
                label_column = (int) i;
            }
          if (label_column < 0 && n_fields == 2 && id_column >= 0)
            label_column = 1 - id_column;
          if (id_column < 0 || label_column < 0)
            {
              glmcc_io_set_parse_error (error, filename, line_no,
                                        _("expected a tab-separated header cluster_id<TAB>%s"),
                                        column != NULL ? column : "label");
              return FALSE;
            }
          continue;
        }

      if (n_fields <= (guint) MAX (id_column, label_column))
        {
          glmcc_io_set_parse_error (error, filename, line_no,
                                    glmcc_ngettext ("%u field where %d are expected (tab-separated)",
                                                    "%u fields where %d are expected (tab-separated)",
                                                    n_fields),
                                    n_fields, MAX (id_column, label_column) + 1);
          return FALSE;
        }
      if (!glmcc_io_parse_int64 (fields[id_column], strlen (fields[id_column]), &id) || id < 0)
        {
          g_autofree char *quoted = glmcc_io_quote (fields[id_column], strlen (fields[id_column]));
          glmcc_io_set_parse_error (error, filename, line_no,
                                    _("cluster id %s is not a non-negative integer"), quoted);
          return FALSE;
        }
      if (!g_hash_table_contains (labels, CLUSTER_KEY (id)))
        g_hash_table_insert (labels, CLUSTER_KEY (id),
                             g_ascii_strdown (fields[label_column], -1));
      (*n_read)++;
    }
  if (header == NULL)
    {
      glmcc_io_set_parse_error (error, filename, 0, _("empty label file (no header)"));
      return FALSE;
    }
  return TRUE;
}

/* ---- positions ---- */

typedef struct
{
  gint64 id;
  GArray *samples;      /* gint64 sample indices */
  gsize  dominant_template;
  double x, y;
  gboolean has_position;
} Cluster;

static void
cluster_free (gpointer data)
{
  Cluster *cluster = data;

  g_array_unref (cluster->samples);
  g_free (cluster);
}

static GlmccNpyFile *
open_optional_npy (const char *dir,
                   const char *name,
                   GError    **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return glmcc_npy_file_open (path, error);
}

/* Best channel of every template: the largest peak-to-peak amplitude. */
static gsize *
best_channels (const GlmccNpyArray *templates,
               const GlmccNpyArray *templates_ind)
{
  gsize n_templates = templates->shape[0], n_samples = templates->shape[1];
  gsize n_channels = templates->shape[2];
  gsize *best = g_new0 (gsize, MAX (n_templates, 1));

  for (gsize t = 0; t < n_templates; t++)
    {
      double best_ptp = -1.0;

      for (gsize c = 0; c < n_channels; c++)
        {
          double lo = INFINITY, hi = -INFINITY;
          for (gsize s = 0; s < n_samples; s++)
            {
              double v = glmcc_npy_get_double (templates, (t * n_samples + s) * n_channels + c);
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          if (hi - lo > best_ptp)
            {
              best_ptp = hi - lo;
              best[t] = c;
            }
        }
      if (templates_ind != NULL)
        {
          double ch = glmcc_npy_get_double (templates_ind, t * n_channels + best[t]);
          best[t] = ch >= 0.0 && ch < (double) G_MAXSIZE ? (gsize) ch : G_MAXSIZE;
        }
    }
  return best;
}

static gboolean
set_channel_position (Cluster             *cluster,
                      const GlmccNpyArray *positions,
                      gsize                channel)
{
  if (channel >= positions->shape[0])
    return FALSE;
  cluster->x = glmcc_npy_get_double (positions, channel * 2);
  cluster->y = glmcc_npy_get_double (positions, channel * 2 + 1);
  cluster->has_position = isfinite (cluster->x) && isfinite (cluster->y);
  return cluster->has_position;
}

/* Reads cluster_info.tsv's ch and depth columns: id → (ch, depth). */
static GHashTable *
read_cluster_info (const char *dir,
                   gboolean   *has_ch,
                   gboolean   *has_depth)
{
  g_autofree char *path = g_build_filename (dir, "cluster_info.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  GHashTable *info;
  int id_col = -1, ch_col = -1, depth_col = -1;
  gsize length;

  *has_ch = *has_depth = FALSE;
  if (!glmcc_io_read_file (path, 64 * 1024 * 1024, &contents, &length, NULL)
      || strlen (contents) != length)
    return NULL;
  lines = g_strsplit (g_str_has_prefix (contents, "\xef\xbb\xbf") ? contents + 3 : contents, "\n",
                      -1);
  if (lines[0] == NULL)
    return NULL;
  header = g_strsplit (g_strstrip (lines[0]), "\t", -1);
  for (guint i = 0; header[i] != NULL; i++)
    {
      if (strcmp (header[i], "cluster_id") == 0 || strcmp (header[i], "id") == 0)
        id_col = i;
      else if (strcmp (header[i], "ch") == 0)
        ch_col = i;
      else if (strcmp (header[i], "depth") == 0)
        depth_col = i;
    }
  if (id_col < 0 || (ch_col < 0 && depth_col < 0))
    return NULL;
  *has_ch = ch_col >= 0;
  *has_depth = depth_col >= 0;

  info = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[l]), "\t", -1);
      guint n = g_strv_length (fields);
      double *entry;
      gint64 id;

      if (n <= (guint) id_col
          || !glmcc_io_parse_int64 (fields[id_col], strlen (fields[id_col]), &id) || id < 0)
        continue;
      entry = g_new (double, 2);
      entry[0] = entry[1] = NAN;
      if (ch_col >= 0 && (guint) ch_col < n)
        glmcc_io_parse_double (fields[ch_col], strlen (fields[ch_col]), &entry[0]);
      if (depth_col >= 0 && (guint) depth_col < n)
        glmcc_io_parse_double (fields[depth_col], strlen (fields[depth_col]), &entry[1]);
      g_hash_table_insert (info, CLUSTER_KEY (id), entry);
    }
  return info;
}

static void
find_positions (GlmccLoadContext *context,
                const char       *dir,
                GPtrArray        *clusters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccNpyFile) positions = NULL;
  g_autoptr(GlmccNpyFile) templates = NULL;
  g_autoptr(GlmccNpyFile) templates_ind = NULL;
  g_autoptr(GHashTable) info = NULL;
  gboolean has_ch = FALSE, has_depth = FALSE;
  const GlmccNpyArray *pos = NULL;
  guint n_set = 0;
  const char *how = NULL;

  positions = open_optional_npy (dir, "channel_positions.npy", &error);
  if (error != NULL)
    {
      glmcc_load_context_note (context, N_("no positions: %s"), error->message);
      return;
    }
  if (positions != NULL)
    {
      pos = glmcc_npy_file_get_array (positions);
      if (pos->ndim != 2 || pos->shape[1] != 2)
        {
          glmcc_load_context_note (context,
                                   N_("no positions: channel_positions.npy is not (n_channels, 2)"));
          return;
        }
      templates = open_optional_npy (dir, "templates.npy", &error);
      if (error != NULL)
        {
          glmcc_load_context_note (context, N_("positions not from templates: %s"), error->message);
          g_clear_error (&error);
        }
      templates_ind = open_optional_npy (dir, "templates_ind.npy", &error);
      if (error != NULL)
        {
          glmcc_load_context_note (context, N_("positions not from templates: %s"), error->message);
          g_clear_error (&error);
          g_clear_pointer (&templates, glmcc_npy_file_free);
        }
    }

  if (templates != NULL)
    {
      const GlmccNpyArray *t = glmcc_npy_file_get_array (templates);
      const GlmccNpyArray *ind = templates_ind != NULL ? glmcc_npy_file_get_array (templates_ind)
                                                       : NULL;

      gboolean ind_ok = ind == NULL || (ind->ndim == 2 && ind->shape[0] == t->shape[0]
                                        && ind->shape[1] == t->shape[2]);

      if (t->ndim == 3 && t->shape[1] > 0 && t->shape[2] > 0 && ind_ok)
        {
          g_autofree gsize *best = best_channels (t, ind);

          for (guint i = 0; i < clusters->len; i++)
            {
              Cluster *cluster = g_ptr_array_index (clusters, i);
              if (cluster->dominant_template < t->shape[0]
                  && set_channel_position (cluster, pos, best[cluster->dominant_template]))
                n_set++;
            }
          how = "the best channel of each cluster's main template (templates.npy) in "
                "channel_positions.npy";
        }
      else
        glmcc_load_context_note (context, N_("positions not from templates: templates.npy or "
                                          "templates_ind.npy has an unexpected shape"));
    }

  if (how == NULL)
    {
      info = read_cluster_info (dir, &has_ch, &has_depth);
      if (info != NULL && (has_ch && pos != NULL))
        {
          for (guint i = 0; i < clusters->len; i++)
            {
              Cluster *cluster = g_ptr_array_index (clusters, i);
              double *entry = g_hash_table_lookup (info, CLUSTER_KEY (cluster->id));
              if (entry != NULL && entry[0] >= 0.0 && entry[0] == nearbyint (entry[0])
                  && set_channel_position (cluster, pos, (gsize) entry[0]))
                n_set++;
            }
          how = "the ch column of cluster_info.tsv in channel_positions.npy";
        }
      else if (info != NULL && has_depth)
        {
          for (guint i = 0; i < clusters->len; i++)
            {
              Cluster *cluster = g_ptr_array_index (clusters, i);
              double *entry = g_hash_table_lookup (info, CLUSTER_KEY (cluster->id));
              if (entry != NULL && isfinite (entry[1]))
                {
                  cluster->x = 0.0;
                  cluster->y = entry[1];
                  cluster->has_position = TRUE;
                  n_set++;
                }
            }
          how = "the depth column of cluster_info.tsv, as (0, depth)";
        }
    }

  if (how == NULL)
    glmcc_load_context_note (context, N_("no positions (they need channel_positions.npy with "
                                      "templates.npy, or cluster_info.tsv with ch or depth)"));
  else
    glmcc_load_context_note (context, N_("positions of %u of %u clusters from %s"), n_set,
                             clusters->len, how);
}

/* ---- the loader ---- */

static gboolean
wanted_label (char * const *wanted,
              const char   *label)
{
  for (guint i = 0; wanted[i] != NULL; i++)
    if (strcmp (wanted[i], "all") == 0 || strcmp (wanted[i], "*") == 0
        || g_ascii_strcasecmp (wanted[i], label) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  const Cluster *x = *(const Cluster * const *) a;
  const Cluster *y = *(const Cluster * const *) b;

  return (x->id > y->id) - (x->id < y->id);
}

static gboolean
phy_has_file (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
phy_dir (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_strdup (path);
  return g_path_get_dirname (path);
}

static int
phy_probe (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *params = NULL;
  g_autofree char *times = NULL;
  g_autofree char *base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && strcmp (base, "params.py") != 0
      && strcmp (base, "spike_times.npy") != 0)
    return 0;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  dir = phy_dir (path);
  params = g_build_filename (dir, "params.py", NULL);
  times = g_build_filename (dir, "spike_times.npy", NULL);
  if (g_file_test (times, G_FILE_TEST_EXISTS))
    return 90;
  if (g_file_test (params, G_FILE_TEST_EXISTS))
    return 80;
  return 0;
}

static gboolean
phy_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  const GlmccLoadOptions *options = context->options;
  g_autofree char *dir = phy_dir (path);
  g_autofree char *params_path = g_build_filename (dir, "params.py", NULL);
  g_autofree char *times_path = g_build_filename (dir, "spike_times.npy", NULL);
  g_autofree char *clusters_path = g_build_filename (dir, "spike_clusters.npy", NULL);
  g_autofree char *templates_path = g_build_filename (dir, "spike_templates.npy", NULL);
  g_autoptr(GlmccNpyFile) times_file = NULL;
  g_autoptr(GlmccNpyFile) clusters_file = NULL;
  g_autoptr(GlmccNpyFile) templates_file = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                        g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) dropped_by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                  NULL);
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (cluster_free);
  g_autoptr(GArray) times_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gint64 *samples = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree gint64 *template_ids = NULL;
  g_auto(GStrv) wanted = NULL;
  const GlmccNpyArray *times_array, *ids_array;
  const char *ids_name, *label_file = NULL;
  double rate = 0.0;
  gsize n;
  guint n_kept = 0, n_dropped = 0;
  gboolean have_labels = FALSE;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *base = g_path_get_basename (path);
      if (strcmp (base, "params.py") != 0 && strcmp (base, "spike_times.npy") != 0)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: a phy folder (or its params.py) is expected"), path);
          return FALSE;
        }
    }

  /* The sample rate: params.py, or the caller's. */
  if (g_file_test (params_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!glmcc_io_read_file (params_path, 16 * 1024 * 1024, &contents, &length, error))
        return FALSE;
      if (!glmcc_phy_parse_params (contents, length, params_path, &rate, error))
        {
          if (options->sample_rate <= 0.0)
            return FALSE;
          glmcc_load_context_note (context, N_("params.py unusable (%s); sample rate %g Hz as given"),
                                   (*error)->message, options->sample_rate);
          g_clear_error (error);
        }
    }
  else if (options->sample_rate <= 0.0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE,
                   _("%s: params.py is missing, and it gives the sample rate"), dir);
      return FALSE;
    }
  if (options->sample_rate > 0.0)
    {
      if (rate > 0.0 && rate != options->sample_rate)
        glmcc_load_context_note (context, N_("sample rate %g Hz as given instead of params.py's %g Hz"),
                                 options->sample_rate, rate);
      rate = options->sample_rate;
    }
  if (options->time_unit != GLMCC_TIME_UNIT_DEFAULT
      && options->time_unit != GLMCC_TIME_UNIT_SAMPLES)
    glmcc_load_context_note (context, N_("time unit %s ignored: phy spike times are sample indices"),
                             glmcc_io_unit_name (options->time_unit));

  /* Spike times and their clusters. */
  if (!g_file_test (times_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: spike_times.npy is missing"), dir);
      return FALSE;
    }
  times_file = glmcc_npy_file_open (times_path, error);
  if (times_file == NULL)
    return FALSE;
  times_array = glmcc_npy_file_get_array (times_file);
  if (!glmcc_npy_check_vector (times_array, times_path, error))
    return FALSE;
  if (!glmcc_npy_is_integer (times_array))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: dtype %s, but spike times must be integer sample indices"), times_path,
                   times_array->descr);
      return FALSE;
    }
  samples = glmcc_npy_to_int64 (times_array, times_path, error);
  if (samples == NULL)
    return FALSE;
  n = times_array->n_elements;

  if (g_file_test (templates_path, G_FILE_TEST_EXISTS))
    {
      templates_file = glmcc_npy_file_open (templates_path, error);
      if (templates_file == NULL)
        return FALSE;
    }
  if (g_file_test (clusters_path, G_FILE_TEST_EXISTS))
    {
      clusters_file = glmcc_npy_file_open (clusters_path, error);
      if (clusters_file == NULL)
        return FALSE;
      ids_name = clusters_path;
      ids_array = glmcc_npy_file_get_array (clusters_file);
    }
  else if (templates_file != NULL)
    {
      ids_name = templates_path;
      ids_array = glmcc_npy_file_get_array (templates_file);
      glmcc_load_context_note (context, N_("no spike_clusters.npy: clusters are the templates of "
                                        "spike_templates.npy"));
    }
  else
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                   _("%s: neither spike_clusters.npy nor spike_templates.npy is there"), dir);
      return FALSE;
    }
  if (!glmcc_npy_check_vector (ids_array, ids_name, error))
    return FALSE;
  if (!glmcc_npy_is_integer (ids_array))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: dtype %s, but cluster ids must be integers"), ids_name, ids_array->descr);
      return FALSE;
    }
  if (ids_array->n_elements != n)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: %zu entries, but spike_times.npy has %zu"),
                   ids_name, ids_array->n_elements, n);
      return FALSE;
    }
  ids = glmcc_npy_to_int64 (ids_array, ids_name, error);
  if (ids == NULL)
    return FALSE;
  if (templates_file != NULL && clusters_file != NULL)
    {
      const GlmccNpyArray *t = glmcc_npy_file_get_array (templates_file);
      if (glmcc_npy_check_vector (t, templates_path, NULL) && glmcc_npy_is_integer (t)
          && t->n_elements == n)
        template_ids = glmcc_npy_to_int64 (t, templates_path, NULL);
    }
  else if (templates_file != NULL)
    template_ids = g_memdup2 (ids, n * sizeof (gint64));

  for (gsize i = 0; i < n; i++)
    {
      Cluster *cluster;

      if (ids[i] < 0 || ids[i] >= G_MAXINT32)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: entry %zu is the cluster id %" PRId64
                       ", not a valid id"), ids_name, i, ids[i]);
          return FALSE;
        }
      cluster = g_hash_table_lookup (by_id, CLUSTER_KEY (ids[i]));
      if (cluster == NULL)
        {
          cluster = g_new0 (Cluster, 1);
          cluster->id = ids[i];
          cluster->samples = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_id, CLUSTER_KEY (ids[i]), cluster);
          g_ptr_array_add (clusters, cluster);
        }
      g_array_append_val (cluster->samples, samples[i]);
    }
  if (n == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES, _("%s: no spikes (0 entries)"),
                   times_path);
      return FALSE;
    }
  g_ptr_array_sort (clusters, compare_clusters);

  /* The dominant template of every cluster, for its position: only when positions can come
   * from the templates. */
  if (template_ids != NULL && phy_has_file (dir, "channel_positions.npy")
      && phy_has_file (dir, "templates.npy"))
    {
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            NULL);
      g_autoptr(GHashTable) index = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_autofree gsize *best_count = g_new0 (gsize, MAX (clusters->len, 1));

      for (guint c = 0; c < clusters->len; c++)
        {
          Cluster *cluster = g_ptr_array_index (clusters, c);
          g_hash_table_insert (index, CLUSTER_KEY (cluster->id), GUINT_TO_POINTER (c));
        }
      for (gsize i = 0; i < n; i++)
        {
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (index, CLUSTER_KEY (ids[i])));
          Cluster *cluster = g_ptr_array_index (clusters, c);
          gint64 key = (gint64) c * G_MAXINT32 + template_ids[i];
          gsize count;

          if (template_ids[i] < 0 || template_ids[i] >= G_MAXINT32)
            continue;
          count = GPOINTER_TO_SIZE (g_hash_table_lookup (counts, &key)) + 1;
          g_hash_table_replace (counts, g_memdup2 (&key, sizeof key), GSIZE_TO_POINTER (count));
          if (count > best_count[c])
            {
              best_count[c] = count;
              cluster->dominant_template = (gsize) template_ids[i];
            }
        }
    }

  /* Labels. */
  for (guint s = 0; s < G_N_ELEMENTS (label_sources); s++)
    {
      g_autofree char *file = g_build_filename (dir, label_sources[s].file, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      guint n_read;

      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        continue;
      if (!glmcc_io_read_file (file, 64 * 1024 * 1024, &contents, &length, error)
          || !glmcc_phy_parse_labels (contents, length, file, label_sources[s].column, labels,
                                      &n_read, error))
        return FALSE;
      if (!have_labels)
        label_file = label_sources[s].file;
      have_labels = TRUE;
    }

  wanted = g_strsplit (options->units != NULL && *options->units != '\0' ? options->units : "good",
                       ",", -1);
  for (guint i = 0; wanted[i] != NULL; i++)
    g_strstrip (wanted[i]);

  for (guint c = 0; c < clusters->len; c++)
    {
      Cluster *cluster = g_ptr_array_index (clusters, c);
      const char *label = g_hash_table_lookup (labels, CLUSTER_KEY (cluster->id));

      if (label == NULL)
        label = "unsorted";
      if (have_labels && !wanted_label (wanted, label))
        {
          gsize count = GPOINTER_TO_SIZE (g_hash_table_lookup (dropped_by_label, label));
          if (count == 0)
            g_hash_table_insert (dropped_by_label, g_strdup (label), GSIZE_TO_POINTER (1));
          else
            g_hash_table_replace (dropped_by_label, g_strdup (label), GSIZE_TO_POINTER (count + 1));
          n_dropped++;
          g_ptr_array_remove_index (clusters, c);
          c--;
          continue;
        }
      n_kept++;
    }

  if (n_kept > 0)
    find_positions (context, dir, clusters);

  for (guint c = 0; c < clusters->len; c++)
    {
      Cluster *cluster = g_ptr_array_index (clusters, c);
      char name[32];
      guint neuron;

      g_array_set_size (times_ms, cluster->samples->len);
      for (guint k = 0; k < cluster->samples->len; k++)
        {
          gint64 sample = g_array_index (cluster->samples, gint64, k);
          double t = glmcc_io_samples_to_ms (sample, rate);

          if (!glmcc_io_time_in_range (t))
            {
              g_autofree char *why = glmcc_io_describe_out_of_range ((double) sample,
                                                                     GLMCC_TIME_UNIT_SAMPLES,
                                                                     rate);
              g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("%s: a spike of cluster %" PRId64 ": %s"), times_path,
                           cluster->id, why);
              return FALSE;
            }
          g_array_index (times_ms, double, k) = t;
        }
      g_snprintf (name, sizeof name, "%" G_GINT64_FORMAT, cluster->id);
      neuron = glmcc_load_context_add_train (context, name,
                                             (const double *) (gpointer) times_ms->data,
                                             times_ms->len);
      if (cluster->has_position)
        glmcc_recording_builder_set_position (context->builder, neuron, cluster->x, cluster->y);
    }

  if (have_labels)
    {
      GString *why = g_string_new (NULL);
      GHashTableIter iter;
      gpointer key, value;
      g_autofree char *kept = g_strjoinv (", ", wanted);

      g_hash_table_iter_init (&iter, dropped_by_label);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_string_append_printf (why, "%s%" G_GSIZE_FORMAT " %s", why->len > 0 ? ", " : "",
                                GPOINTER_TO_SIZE (value), (const char *) key);
      if (n_dropped > 0)
        glmcc_load_context_note (context,
                                 n_kept == 1 ? N_("%u cluster labelled %s kept (labels from %s); dropped: %s")
                                             : N_("%u clusters labelled %s kept (labels from %s); dropped: %s"),
                                 n_kept, kept, label_file, why->str);
      else
        glmcc_load_context_note (context,
                                 n_kept == 1 ? N_("%u cluster labelled %s kept (labels from %s)")
                                             : N_("%u clusters labelled %s kept (labels from %s)"),
                                 n_kept, kept, label_file);
      g_string_free (why, TRUE);
    }
  else
    glmcc_load_context_note (context, N_("no cluster labels (cluster_group.tsv, cluster_groups.csv, "
                                      "cluster_KSLabel.tsv): all %u clusters kept"), n_kept);
  glmcc_io_note_conversion (context, GLMCC_TIME_UNIT_SAMPLES, rate);

  if (n_kept == 0)
    {
      g_autofree char *kept = g_strjoinv (", ", wanted);
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_FEW_NEURONS,
                   _("%s: no cluster is labelled %s (%u dropped); choose other unit labels to keep"),
                   dir, kept, n_dropped);
      return FALSE;
    }
  return TRUE;
}

const GlmccLoader glmcc_loader_phy = {
  .name = "phy",
  .description = "a Kilosort/phy folder: params.py, spike_times.npy, spike_clusters.npy, "
                 "cluster labels (default good)",
  .probe = phy_probe,
  .load = phy_load,
};
