/* glmcc-analysis-file.c: the .glmcc document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved analysis is the JSON of `glmcc run --output-json` (so every tool that reads results
 * reads it) with one more top-level member, "session":
 *
 *   "session": {
 *     "format": "glmcc-analysis", "version": 1,
 *     "recording_file": { "path", "relative_path", "is_folder", "size", "checksum" },
 *     "load_options": { "format", "time_unit", "sample_rate", "units", "variable",
 *                       "start_s", "duration_s" },
 *     "curation": [ { "pre", "post", "mark", "note" } ],   the authoritative list
 *     "state": { … }                                        the application's own
 *   }
 *
 * The README documents it for users; tests/engine/test-analysis-file.c reads it back.
 */
#define G_LOG_DOMAIN "glmcc-analysis-file"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-analysis-file.h"
#include "glmcc-error.h"
#include "glmcc-i18n.h"

#define SESSION_FORMAT "glmcc-analysis"

struct _GlmccAnalysisFile
{
  gatomicrefcount         ref_count;
  GlmccResults           *results;
  GlmccCuration          *curation;
  gboolean                has_session;
  GlmccRecordingFileInfo  recording_file;
  GlmccLoadOptions        load_options;
  char                   *format;       /* the strings load_options points to */
  char                   *units;
  char                   *variable;
  JsonNode               *state;
};

/* Recording file ------------------------------------------------------------------------------ */

char *
glmcc_recording_compute_checksum (GlmccRecording *recording)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GlmccRecording) all = NULL;

  g_return_val_if_fail (recording != NULL, NULL);

  /* Every spike, whatever epoch the caller analyses. */
  all = glmcc_recording_with_epoch (recording, -G_MAXDOUBLE / 4, G_MAXDOUBLE / 4, NULL);
  if (all == NULL)
    all = glmcc_recording_ref (recording);
  for (guint i = 0; i < glmcc_recording_get_n_neurons (all); i++)
    {
      const char *name = glmcc_recording_get_name (all, i);
      gsize n_spikes = 0;
      const double *train = glmcc_recording_get_train (all, i, &n_spikes);
      guint64 count = n_spikes;

      g_checksum_update (checksum, (const guchar *) name, strlen (name) + 1);
      g_checksum_update (checksum, (const guchar *) &count, sizeof count);
      if (n_spikes > 0)
        g_checksum_update (checksum, (const guchar *) train, n_spikes * sizeof (double));
    }
  return g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}

gboolean
glmcc_recording_file_info_compute (GlmccRecordingFileInfo *info,
                                   const char             *path,
                                   GlmccRecording         *recording,
                                   GError                **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (recording != NULL, FALSE);

  memset (info, 0, sizeof *info);
  file = g_file_new_for_path (path);
  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                 G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (file_info == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, local_error->message);
      return FALSE;
    }
  info->path = g_file_get_path (file);
  info->is_folder = g_file_info_get_file_type (file_info) == G_FILE_TYPE_DIRECTORY;
  if (!info->is_folder)
    info->size = (guint64) g_file_info_get_size (file_info);
  else
    {
      g_autoptr(GFileEnumerator) children =
        g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
      GFileInfo *child;

      while (children != NULL
             && (child = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          if (g_file_info_get_file_type (child) == G_FILE_TYPE_REGULAR)
            info->size += (guint64) g_file_info_get_size (child);
          g_object_unref (child);
        }
    }
  info->checksum = glmcc_recording_compute_checksum (recording);
  return TRUE;
}

void
glmcc_recording_file_info_clear (GlmccRecordingFileInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->path, g_free);
  g_clear_pointer (&info->relative_path, g_free);
  g_clear_pointer (&info->checksum, g_free);
  memset (info, 0, sizeof *info);
}

void
glmcc_recording_file_info_copy (GlmccRecordingFileInfo       *dest,
                                const GlmccRecordingFileInfo *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  dest->path = g_strdup (src->path);
  dest->relative_path = g_strdup (src->relative_path);
  dest->is_folder = src->is_folder;
  dest->size = src->size;
  dest->checksum = g_strdup (src->checksum);
}

/* The file ------------------------------------------------------------------------------------ */

GlmccAnalysisFile *
glmcc_analysis_file_new (GlmccResults *results)
{
  GlmccAnalysisFile *file;

  g_return_val_if_fail (results != NULL, NULL);

  file = g_new0 (GlmccAnalysisFile, 1);
  g_atomic_ref_count_init (&file->ref_count);
  file->results = glmcc_results_ref (results);
  glmcc_load_options_init (&file->load_options);
  return file;
}

GlmccAnalysisFile *
glmcc_analysis_file_ref (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);

  g_atomic_ref_count_inc (&file->ref_count);
  return file;
}

void
glmcc_analysis_file_unref (GlmccAnalysisFile *file)
{
  g_return_if_fail (file != NULL);

  if (!g_atomic_ref_count_dec (&file->ref_count))
    return;
  glmcc_results_unref (file->results);
  g_clear_pointer (&file->curation, glmcc_curation_unref);
  glmcc_recording_file_info_clear (&file->recording_file);
  g_free (file->format);
  g_free (file->units);
  g_free (file->variable);
  g_clear_pointer (&file->state, json_node_unref);
  g_free (file);
}

GlmccResults *
glmcc_analysis_file_get_results (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->results;
}

gboolean
glmcc_analysis_file_has_session (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, FALSE);
  return file->has_session;
}

GlmccCuration *
glmcc_analysis_file_get_curation (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->curation;
}

void
glmcc_analysis_file_set_curation (GlmccAnalysisFile *file,
                                  GlmccCuration     *curation)
{
  g_return_if_fail (file != NULL);

  if (curation != NULL)
    glmcc_curation_ref (curation);
  g_clear_pointer (&file->curation, glmcc_curation_unref);
  file->curation = curation;
}

const GlmccRecordingFileInfo *
glmcc_analysis_file_get_recording_file (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return &file->recording_file;
}

void
glmcc_analysis_file_set_recording_file (GlmccAnalysisFile            *file,
                                        const GlmccRecordingFileInfo *info)
{
  g_return_if_fail (file != NULL);

  glmcc_recording_file_info_clear (&file->recording_file);
  if (info != NULL)
    glmcc_recording_file_info_copy (&file->recording_file, info);
}

const GlmccLoadOptions *
glmcc_analysis_file_get_load_options (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return &file->load_options;
}

static void
take_load_options (GlmccAnalysisFile      *file,
                   const GlmccLoadOptions *options,
                   const char             *format,
                   const char             *units,
                   const char             *variable)
{
  char *owned_format = g_strdup (format);
  char *owned_units = g_strdup (units);
  char *owned_variable = g_strdup (variable);

  g_free (file->format);
  g_free (file->units);
  g_free (file->variable);
  file->format = owned_format;
  file->units = owned_units;
  file->variable = owned_variable;
  file->load_options = *options;
  file->load_options.format = file->format;
  file->load_options.units = file->units;
  file->load_options.variable = file->variable;
}

void
glmcc_analysis_file_set_load_options (GlmccAnalysisFile      *file,
                                      const GlmccLoadOptions *options)
{
  g_return_if_fail (file != NULL);
  g_return_if_fail (options != NULL);

  take_load_options (file, options, options->format, options->units, options->variable);
}

JsonNode *
glmcc_analysis_file_get_state (GlmccAnalysisFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->state;
}

void
glmcc_analysis_file_set_state (GlmccAnalysisFile *file,
                               JsonNode          *state)
{
  g_return_if_fail (file != NULL);

  if (state != NULL)
    json_node_ref (state);
  g_clear_pointer (&file->state, json_node_unref);
  file->state = state;
}

/* Writing ------------------------------------------------------------------------------------- */

static const char *
time_unit_name (GlmccTimeUnit unit)
{
  switch (unit)
    {
    case GLMCC_TIME_UNIT_MS:
      return "ms";
    case GLMCC_TIME_UNIT_S:
      return "s";
    case GLMCC_TIME_UNIT_SAMPLES:
      return "samples";
    case GLMCC_TIME_UNIT_DEFAULT:
    default:
      return "default";
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *key,
                    double       value,
                    gboolean     present)
{
  json_builder_set_member_name (builder, key);
  if (present && isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

typedef struct
{
  JsonBuilder  *builder;
  GlmccResults *results;
} CurationWriter;

static void
write_curation_entry (guint        pre,
                      guint        post,
                      GlmccMark    mark,
                      const char  *note,
                      gpointer     user_data)
{
  CurationWriter *writer = user_data;

  json_builder_begin_object (writer->builder);
  json_builder_set_member_name (writer->builder, "pre");
  json_builder_add_string_value (writer->builder, glmcc_results_get_name (writer->results, pre));
  json_builder_set_member_name (writer->builder, "post");
  json_builder_add_string_value (writer->builder, glmcc_results_get_name (writer->results, post));
  json_builder_set_member_name (writer->builder, "mark");
  json_builder_add_string_value (writer->builder, glmcc_mark_to_string (mark));
  add_string_or_null (writer->builder, "note", note);
  json_builder_end_object (writer->builder);
}

/* @target as seen from the folder of @file ("../recordings/day1"), or NULL across roots. */
static char *
relative_path_from (const char *file,
                    const char *target)
{
  g_autofree char *absolute = g_canonicalize_filename (file, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *canonical_target = g_canonicalize_filename (target, NULL);
  g_auto(GStrv) from = g_strsplit (dir, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) to = g_strsplit (canonical_target, G_DIR_SEPARATOR_S, -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint common = 0;

  if (!g_path_is_absolute (dir) || !g_path_is_absolute (canonical_target))
    return NULL;
  while (from[common] != NULL && to[common] != NULL && g_str_equal (from[common], to[common]))
    common++;
  if (common < 1)
    return NULL;
  for (guint i = common; from[i] != NULL; i++)
    if (*from[i] != '\0')
      g_ptr_array_add (parts, (gpointer) "..");
  for (guint i = common; to[i] != NULL; i++)
    if (*to[i] != '\0')
      g_ptr_array_add (parts, to[i]);
  if (parts->len == 0)
    return g_strdup (".");
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static JsonNode *
build_session (GlmccAnalysisFile *file,
               const char        *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const GlmccRecordingFileInfo *info = &file->recording_file;
  const GlmccLoadOptions *options = &file->load_options;
  CurationWriter writer = { builder, file->results };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SESSION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, GLMCC_ANALYSIS_FORMAT_VERSION);

  json_builder_set_member_name (builder, "recording_file");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "path", info->path);
  {
    g_autofree char *relative = info->path != NULL ? relative_path_from (path, info->path) : NULL;

    /* Relative to the analysis, so a folder holding both can move as a whole. */
    add_string_or_null (builder, "relative_path", relative);
  }
  json_builder_set_member_name (builder, "is_folder");
  json_builder_add_boolean_value (builder, info->is_folder);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) info->size);
  add_string_or_null (builder, "checksum", info->checksum);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "load_options");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "format", options->format);
  json_builder_set_member_name (builder, "time_unit");
  json_builder_add_string_value (builder, time_unit_name (options->time_unit));
  add_number_or_null (builder, "sample_rate", options->sample_rate, options->sample_rate > 0);
  add_string_or_null (builder, "units", options->units);
  add_string_or_null (builder, "variable", options->variable);
  add_number_or_null (builder, "start_s", options->start_s, TRUE);
  add_number_or_null (builder, "duration_s", options->duration_s, options->duration_s > 0);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "curation");
  json_builder_begin_array (builder);
  if (file->curation != NULL)
    glmcc_curation_foreach (file->curation, write_curation_entry, &writer);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "state");
  if (file->state != NULL)
    json_builder_add_value (builder, json_node_copy (file->state));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
glmcc_analysis_file_write (GlmccAnalysisFile *file,
                           const char        *path,
                           GError           **error)
{
  g_autoptr(JsonNode) session = NULL;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  session = build_session (file, path);
  /* The edges carry the same marks, for readers that know only the results format. Nothing is
   * changed on the results, which other threads may be reading. */
  return glmcc_results_write_json_full (file->results, file->curation,
                                        GLMCC_ANALYSIS_SESSION_KEY, session, path, error);
}

/* Reading ------------------------------------------------------------------------------------- */

#define BAD_SESSION(...) G_STMT_START { \
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

static const char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
get_number (JsonObject *object,
            const char *key,
            double      fallback)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return fallback;
    }
}

static int
find_name (GlmccResults *results,
           const char   *name)
{
  for (guint i = 0; name != NULL && i < glmcc_results_get_n_neurons (results); i++)
    if (g_strcmp0 (glmcc_results_get_name (results, i), name) == 0)
      return (int) i;
  return -1;
}

static gboolean
read_session (GlmccAnalysisFile *file,
              JsonNode          *node,
              const char        *path,
              GError           **error)
{
  JsonObject *session, *recording_file, *options_object;
  JsonArray *curation;
  JsonNode *state;
  GlmccLoadOptions options;
  g_autoptr(GHashTable) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    BAD_SESSION (_("%s: the session is not an object"), path);
  session = json_node_get_object (node);
  if (g_strcmp0 (get_string (session, "format"), SESSION_FORMAT) != 0)
    BAD_SESSION (_("%s: not a saved GLMCC analysis"), path);
  if (get_number (session, "version", 0) > GLMCC_ANALYSIS_FORMAT_VERSION)
    BAD_SESSION (_("%s: saved by a newer GLMCC Studio (analysis format %g; this one reads %d)"),
                 path, get_number (session, "version", 0), GLMCC_ANALYSIS_FORMAT_VERSION);

  recording_file = json_object_get_object_member (session, "recording_file");
  if (recording_file != NULL)
    {
      GlmccRecordingFileInfo *info = &file->recording_file;
      double size = get_number (recording_file, "size", 0);

      info->path = g_strdup (get_string (recording_file, "path"));
      info->relative_path = g_strdup (get_string (recording_file, "relative_path"));
      info->is_folder = json_object_get_boolean_member_with_default (recording_file, "is_folder",
                                                                     FALSE);
      info->size = size > 0 ? (guint64) size : 0;
      info->checksum = g_strdup (get_string (recording_file, "checksum"));
    }

  glmcc_load_options_init (&options);
  options_object = json_object_get_object_member (session, "load_options");
  if (options_object != NULL)
    {
      const char *unit = get_string (options_object, "time_unit");

      if (unit != NULL && !glmcc_time_unit_parse (unit, &options.time_unit))
        BAD_SESSION (_("%s: unknown time unit '%s' in the load options"), path, unit);
      options.sample_rate = get_number (options_object, "sample_rate", 0.0);
      options.start_s = get_number (options_object, "start_s", 0.0);
      options.duration_s = get_number (options_object, "duration_s", -1.0);
      take_load_options (file, &options, get_string (options_object, "format"),
                         get_string (options_object, "units"),
                         get_string (options_object, "variable"));
    }

  /* The session's list is the authority: it also holds marks on edges the run did not
   * reach. */
  curation = json_object_get_array_member (session, "curation");
  g_clear_pointer (&file->curation, glmcc_curation_unref);
  file->curation = glmcc_curation_new (glmcc_results_get_n_neurons (file->results));
  for (guint i = 0; curation != NULL && i < json_array_get_length (curation); i++)
    {
      JsonNode *entry_node = json_array_get_element (curation, i);
      JsonObject *entry;
      int pre, post;
      GlmccMark mark;

      if (!JSON_NODE_HOLDS_OBJECT (entry_node))
        BAD_SESSION (_("%s: curation entry %u is not an object"), path, i);
      entry = json_node_get_object (entry_node);
      pre = find_name (file->results, get_string (entry, "pre"));
      post = find_name (file->results, get_string (entry, "post"));
      if (pre < 0 || post < 0 || pre == post)
        BAD_SESSION (_("%s: curation entry %u names unknown neurons"), path, i);
      if (!glmcc_mark_from_string (get_string (entry, "mark"), &mark))
        BAD_SESSION (_("%s: curation entry %u has an unknown mark '%s'"), path, i,
                     get_string (entry, "mark"));
      glmcc_curation_set_mark (file->curation, pre, post, mark);
      glmcc_curation_set_note (file->curation, pre, post, get_string (entry, "note"));
    }

  state = json_object_get_member (session, "state");
  if (state != NULL && !JSON_NODE_HOLDS_NULL (state))
    file->state = json_node_copy (state);
  file->has_session = TRUE;
  return TRUE;
}

GlmccAnalysisFile *
glmcc_analysis_file_read (const char  *path,
                          GError     **error)
{
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccAnalysisFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  results = glmcc_results_load_json_full (path, GLMCC_ANALYSIS_SESSION_KEY, &session, error);
  if (results == NULL)
    return NULL;
  file = glmcc_analysis_file_new (results);
  if (session != NULL)
    {
      if (!read_session (file, session, path, error))
        return NULL;
    }
  else
    {
      /* A plain results JSON: its edges may carry marks (written by the application). */
      GlmccCuration *curation = glmcc_results_get_curation (results);

      file->curation = curation != NULL ? glmcc_curation_copy (curation)
                                        : glmcc_curation_new (glmcc_results_get_n_neurons (results));
    }
  /* The file's curation is the one that counts from now on. */
  glmcc_results_set_curation (results, NULL);
  return g_steal_pointer (&file);
}

gboolean
glmcc_analysis_file_probe (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[512];
  gssize n;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_str_has_suffix (path, ".glmcc"))
    return TRUE;
  if (!g_str_has_suffix (path, ".json") && !g_str_has_suffix (path, ".JSON"))
    return FALSE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  /* The results JSON starts with its version and the program that wrote it. */
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head - 1, NULL, NULL);
  if (n <= 0)
    return FALSE;
  head[n] = '\0';
  return strstr (head, "\"program\"") != NULL && strstr (head, "glmcc") != NULL;
}
