/* test-analysis-file.c: the .glmcc document as the README describes it, curation in the
 * outputs, the per-pair callback of a complete run, and glmcc_load_async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "glmcc-analysis-file.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"
#include "glmcc-load-async.h"
#include "glmcc-simulate.h"

static char *
sample_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sample", NULL);
}

/* The sample recording over its published epoch, analysed once for every test. */
static GlmccResults *
sample_results (GlmccRecording **recording_out)
{
  static GlmccResults *results;
  static GlmccRecording *recording;

  if (results == NULL)
    {
      g_autofree char *dir = sample_dir ();
      GlmccLoadOptions options;
      GlmccParams params;
      g_autoptr(GlmccEngine) engine = NULL;
      g_autoptr(GError) error = NULL;

      glmcc_load_options_init (&options);
      options.duration_s = 5400;
      recording = glmcc_load (dir, &options, &error);
      g_assert_no_error (error);
      glmcc_params_init (&params);
      results = glmcc_results_new (recording, &params);
      engine = glmcc_engine_new (results);
      g_assert_true (glmcc_engine_run (engine, NULL, &error));
      g_assert_no_error (error);
    }
  if (recording_out != NULL)
    *recording_out = recording;
  return results;
}

static char *
temp_path (const char *name)
{
  static char *dir;

  if (dir == NULL)
    dir = g_dir_make_tmp ("glmcc-analysis-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static JsonObject *
parse_object (const char *path,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* Written, the document has the README's keys; read back, everything is as it was. */
static void
test_round_trip (void)
{
  GlmccRecording *recording;
  GlmccResults *results = sample_results (&recording);
  g_autoptr(GlmccCuration) curation = glmcc_curation_new (20);
  g_autoptr(GlmccAnalysisFile) file = glmcc_analysis_file_new (results);
  g_autoptr(GlmccAnalysisFile) back = NULL;
  g_autofree char *path = temp_path ("round.glmcc");
  g_autofree char *dir = sample_dir ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = json_from_string ("{\"history\": {\"position\": 0, \"entries\": []}}", NULL);
  GlmccRecordingFileInfo info;
  GlmccLoadOptions options;
  JsonObject *top, *session, *recording_file, *load, *edge;
  JsonArray *marks, *edges;
  guint n_marked_edges = 0;

  glmcc_curation_set_mark (curation, 9, 4, GLMCC_MARK_ACCEPTED);
  glmcc_curation_set_note (curation, 9, 4, "clear peak after 2 ms");
  glmcc_curation_set_mark (curation, 4, 9, GLMCC_MARK_REJECTED);
  glmcc_curation_set_mark (curation, 0, 1, GLMCC_MARK_UNSURE);
  g_assert_cmpuint (glmcc_curation_get_n_curated (curation), ==, 3);
  g_assert_true (glmcc_recording_file_info_compute (&info, dir, recording, &error));
  g_assert_no_error (error);
  g_assert_true (info.is_folder);
  g_assert_cmpuint (info.size, >, 1000000);
  g_assert_true (g_str_has_prefix (info.checksum, "sha256:"));
  glmcc_analysis_file_set_recording_file (file, &info);
  glmcc_load_options_init (&options);
  options.format = "text-dir";
  options.duration_s = 5400;
  glmcc_analysis_file_set_load_options (file, &options);
  glmcc_analysis_file_set_curation (file, curation);
  glmcc_analysis_file_set_state (file, state);
  g_assert_true (glmcc_analysis_file_write (file, path, &error));
  g_assert_no_error (error);

  /* The documented layout. */
  top = parse_object (path, parser);
  for (const char * const *key = (const char * const[]) { "version", "program", "parameters",
                                                           "recording", "neurons", "edges",
                                                           "session", NULL };
       *key != NULL; key++)
    g_assert_true (json_object_has_member (top, *key));
  session = json_object_get_object_member (top, "session");
  g_assert_cmpstr (json_object_get_string_member (session, "format"), ==, "glmcc-analysis");
  g_assert_cmpint (json_object_get_int_member (session, "version"), ==, 1);
  recording_file = json_object_get_object_member (session, "recording_file");
  g_assert_cmpstr (json_object_get_string_member (recording_file, "path"), ==, info.path);
  g_assert_nonnull (json_object_get_string_member (recording_file, "relative_path"));
  g_assert_true (json_object_get_boolean_member (recording_file, "is_folder"));
  g_assert_cmpint (json_object_get_int_member (recording_file, "size"), ==, (gint64) info.size);
  g_assert_cmpstr (json_object_get_string_member (recording_file, "checksum"), ==, info.checksum);
  load = json_object_get_object_member (session, "load_options");
  g_assert_cmpstr (json_object_get_string_member (load, "format"), ==, "text-dir");
  g_assert_cmpstr (json_object_get_string_member (load, "time_unit"), ==, "default");
  g_assert_cmpfloat (json_object_get_double_member (load, "duration_s"), ==, 5400.0);
  marks = json_object_get_array_member (session, "curation");
  g_assert_cmpuint (json_array_get_length (marks), ==, 3);
  edge = json_array_get_object_element (marks, 0);
  g_assert_cmpstr (json_object_get_string_member (edge, "pre"), ==, "cell0");
  g_assert_cmpstr (json_object_get_string_member (edge, "post"), ==, "cell1");
  g_assert_cmpstr (json_object_get_string_member (edge, "mark"), ==, "unsure");
  g_assert_true (json_object_has_member (json_object_get_object_member (session, "state"), "history"));
  /* The edges carry the marks too, for readers of the plain results format. */
  edges = json_object_get_array_member (top, "edges");
  g_assert_cmpuint (json_array_get_length (edges), ==, 380);
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonObject *e = json_array_get_object_element (edges, i);

      if (json_object_has_member (e, "curation"))
        n_marked_edges++;
      if (g_str_equal (json_object_get_string_member (e, "pre"), "cell9") &&
          g_str_equal (json_object_get_string_member (e, "post"), "cell4"))
        {
          g_assert_cmpstr (json_object_get_string_member (e, "curation"), ==, "accepted");
          g_assert_cmpstr (json_object_get_string_member (e, "note"), ==, "clear peak after 2 ms");
        }
    }
  g_assert_cmpuint (n_marked_edges, ==, 3);

  /* Read back. */
  back = glmcc_analysis_file_read (path, &error);
  g_assert_no_error (error);
  g_assert_true (glmcc_analysis_file_has_session (back));
  g_assert_true (glmcc_curation_equal (glmcc_analysis_file_get_curation (back), curation));
  g_assert_cmpstr (glmcc_analysis_file_get_recording_file (back)->checksum, ==, info.checksum);
  g_assert_cmpstr (glmcc_analysis_file_get_recording_file (back)->path, ==, info.path);
  g_assert_cmpstr (glmcc_analysis_file_get_load_options (back)->format, ==, "text-dir");
  g_assert_cmpfloat (glmcc_analysis_file_get_load_options (back)->duration_s, ==, 5400.0);
  g_assert_true (json_node_equal (glmcc_analysis_file_get_state (back), state));
  g_assert_cmpuint (glmcc_results_count_done (glmcc_analysis_file_get_results (back)), ==, 190);
  /* The results know the recording they came from, and only that one. */
  g_assert_true (glmcc_results_check_recording (glmcc_analysis_file_get_results (back), recording,
                                                &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlmccRecording) other = glmcc_recording_with_epoch (recording, 0, 2700e3, NULL);

    g_assert_false (glmcc_results_check_recording (glmcc_analysis_file_get_results (back), other,
                                                   &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
    g_clear_error (&error);
  }
  /* A plain results JSON reads as an analysis without a session. */
  {
    g_autofree char *json = temp_path ("plain.json");
    g_autoptr(GlmccAnalysisFile) plain = NULL;

    g_assert_true (glmcc_results_write_json (results, json, &error));
    g_assert_true (glmcc_analysis_file_probe (json));
    plain = glmcc_analysis_file_read (json, &error);
    g_assert_no_error (error);
    g_assert_false (glmcc_analysis_file_has_session (plain));
    g_assert_null (glmcc_analysis_file_get_recording_file (plain)->path);
    g_assert_cmpuint (glmcc_curation_get_n_curated (glmcc_analysis_file_get_curation (plain)), ==, 0);
    g_unlink (json);
  }
  glmcc_recording_file_info_clear (&info);
  g_unlink (path);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The TSV's curation column, only once something is curated; curated-only outputs. */
static void
test_curated_outputs (void)
{
  GlmccResults *results = sample_results (NULL);
  g_autoptr(GlmccCuration) curation = glmcc_curation_new (20);
  g_autofree char *tsv = temp_path ("edges.tsv");
  g_autofree char *csv = temp_path ("w.csv");
  g_autofree char *graphml = temp_path ("net.graphml");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint significant_pre = 0, significant_post = 0;

  /* Nothing curated: the layout of every earlier version. */
  g_assert_true (glmcc_results_write_edges (results, tsv, &error));
  text = read_text (tsv);
  g_assert_true (g_str_has_prefix (text, "pre\tpost\tstatus\tj\tthreshold\tstatistic\tp_value\tq_value\tpsp_mv\tdelay_ms\tn_lags\n"));
  g_clear_pointer (&text, g_free);

  /* One significant edge accepted, cell0 → cell1 rejected. */
  for (guint pre = 0; pre < 20 && significant_post + significant_pre == 0; pre++)
    for (guint post = 0; post < 20; post++)
      if (pre != post && !(pre == 0 && post == 1)
          && glmcc_results_get_edge (results, pre, post).status == GLMCC_STATUS_SIGNIFICANT)
        {
          significant_pre = pre;
          significant_post = post;
          break;
        }
  g_assert_cmpuint (significant_post + significant_pre, >, 0);
  glmcc_curation_set_mark (curation, significant_pre, significant_post, GLMCC_MARK_ACCEPTED);
  glmcc_curation_set_mark (curation, 0, 1, GLMCC_MARK_REJECTED);
  glmcc_results_set_curation (results, curation);
  g_assert_true (glmcc_results_write_edges (results, tsv, &error));
  text = read_text (tsv);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], "\tn_lags\tcuration"));
  g_assert_cmpuint (g_strv_length (lines), ==, 380 + 2);
  g_assert_true (g_str_has_suffix (lines[1], "\trejected"));   /* cell0 → cell1 */
  g_assert_true (g_str_has_suffix (lines[2], "\t"));           /* cell0 → cell2: not curated */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&lines, g_strfreev);

  /* Curated only: the accepted edge alone, in the table and in the matrix. */
  glmcc_results_set_curated_only (results, TRUE);
  g_assert_true (glmcc_results_write_edges (results, tsv, &error));
  text = read_text (tsv);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_suffix (lines[1], "\taccepted"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&lines, g_strfreev);
  g_assert_true (glmcc_results_write_matrix (results, csv, &error));
  {
    g_autofree char *matrix = read_text (csv);
    guint nonzero = 0;
    g_auto(GStrv) cells = g_strsplit_set (matrix, ",\n", -1);

    for (guint i = 0; cells[i] != NULL; i++)
      if (*g_strstrip (cells[i]) != '\0' && g_ascii_strtod (cells[i], NULL) != 0.0)
        nonzero++;
    g_assert_cmpuint (nonzero, ==, 1);
  }
  g_assert_true (glmcc_results_write_graphml (results, graphml, &error));
  text = read_text (graphml);
  g_assert_nonnull (strstr (text, "<key id=\"curation\""));
  g_assert_nonnull (strstr (text, "<data key=\"curation\">accepted</data>"));
  g_assert_null (strstr (text, "rejected"));
  g_clear_pointer (&text, g_free);

  /* Off again, and the full matrix is back. */
  glmcc_results_set_curated_only (results, FALSE);
  glmcc_results_set_curation (results, NULL);
  g_assert_true (glmcc_results_write_matrix (results, csv, &error));
  g_assert_no_error (error);
  g_unlink (tsv);
  g_unlink (csv);
  g_unlink (graphml);
}

typedef struct
{
  GMutex   lock;
  guint8  *seen;
  guint    n;
  guint    calls;
} Seen;

static void
pair_cb (guint    reference,
         guint    target,
         gpointer user_data)
{
  Seen *seen = user_data;

  g_mutex_lock (&seen->lock);
  seen->seen[reference * seen->n + target]++;
  seen->calls++;
  g_mutex_unlock (&seen->lock);
}

/* A complete run calls back once per pair, with the pair already stored, and says shard 1/1. */
static void
test_pair_callback (void)
{
  GlmccRecording *recording;
  GlmccParams params;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = temp_path ("complete.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *shard;
  Seen seen = { 0 };

  sample_results (&recording);
  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  engine = glmcc_engine_new (results);
  glmcc_engine_set_threads (engine, 2);
  g_mutex_init (&seen.lock);
  seen.n = 20;
  seen.seen = g_new0 (guint8, 400);
  glmcc_engine_set_pair_func (engine, pair_cb, &seen);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_assert_cmpuint (seen.calls, ==, 190);
  for (guint i = 0; i < 20; i++)
    for (guint j = 0; j < 20; j++)
      g_assert_cmpuint (seen.seen[i * 20 + j], ==, i < j ? 1 : 0);
  g_assert_true (glmcc_results_write_json (results, json, &error));
  shard = json_object_get_object_member (parse_object (json, parser), "shard");
  g_assert_cmpint (json_object_get_int_member (shard, "index"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (shard, "count"), ==, 1);
  /* The engine's order of pairs, one helper for everyone. */
  for (guint64 k = 0; k < 190; k++)
    {
      guint target, reference;

      glmcc_pair_from_index (k, &target, &reference);
      g_assert_cmpuint (reference, <, target);
      g_assert_cmpuint ((guint64) target * (target - 1) / 2 + reference, ==, k);
    }
  g_free (seen.seen);
  g_mutex_clear (&seen.lock);
  g_unlink (json);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_load_async (void)
{
  g_autofree char *dir = sample_dir ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  options.duration_s = 5400;
  glmcc_load_async (dir, &options, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  recording = glmcc_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 20);
  g_assert_cmpfloat (glmcc_recording_get_epoch_end (recording), ==, 5400e3);
  g_clear_object (&result);

  glmcc_load_async ("/nonexistent/recording", NULL, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (glmcc_load_finish (result, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis-file/round-trip", test_round_trip);
  g_test_add_func ("/analysis-file/curated-outputs", test_curated_outputs);
  g_test_add_func ("/engine/pair-callback", test_pair_callback);
  g_test_add_func ("/io/load-async", test_load_async);

  return g_test_run ();
}
