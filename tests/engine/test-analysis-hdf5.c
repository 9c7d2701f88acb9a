/* test-analysis-hdf5.c: a saved analysis of `glmcc run --output-hdf5 X.h5 --output-analysis
 * Y.glmcc` refers to X instead of holding the edges, reads them back from X, and refuses X when
 * it is gone or changed; the application reads X itself as an analysis without session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "glmcc-analysis-file.h"
#include "glmcc-error.h"
#include "glmcc-results-file.h"

static char *workdir;

static char *
path_in (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

#if HAVE_HDF5

static char *
demo_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "demo", NULL);
}

/* Runs the command line tool; returns its exit status, stderr into @err. */
static int
glmcc_run (const char **args,
           char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GLMCC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
assert_same_edges (GlmccResults *a,
                   GlmccResults *b)
{
  guint n = glmcc_results_get_n_neurons (a);
  guint64 compared = 0;

  g_assert_cmpuint (n, ==, glmcc_results_get_n_neurons (b));
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        GlmccEdge x, y;

        if (pre == post)
          continue;
        x = glmcc_results_get_edge (a, pre, post);
        y = glmcc_results_get_edge (b, pre, post);
        if (x.status != y.status || x.n_lags != y.n_lags || !same_double (x.j, y.j)
            || !same_double (x.threshold, y.threshold) || !same_double (x.statistic, y.statistic)
            || !same_double (x.p_value, y.p_value) || !same_double (x.q_value, y.q_value)
            || !same_double (x.psp_mv, y.psp_mv) || !same_double (x.delay_ms, y.delay_ms))
          g_error ("edge %u → %u differs", pre, post);
        compared += x.status != GLMCC_STATUS_PENDING;
      }
  g_assert_cmpuint (compared, ==, (guint64) n * (n - 1));
}

/* The run of the demo recording into runs/demo.h5 and analyses/demo.glmcc, made once. */
static void
run_demo (char **h5_out,
          char **analysis_out)
{
  static char *h5, *analysis;

  if (h5 == NULL)
    {
      g_autofree char *demo = demo_dir ();
      g_autofree char *runs = path_in ("runs"), *analyses = path_in ("analyses");
      g_autofree char *err = NULL;
      int status;

      g_assert_cmpint (g_mkdir_with_parents (runs, 0755), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (analyses, 0755), ==, 0);
      h5 = path_in ("runs/demo.h5");
      analysis = path_in ("analyses/demo.glmcc");
      status = glmcc_run ((const char *[]) { "run", demo, "--output-hdf5", h5,
                                             "--output-analysis", analysis, NULL }, &err);
      g_test_message ("stderr: %s", err);
      g_assert_cmpint (status, ==, 0);
    }
  *h5_out = g_strdup (h5);
  *analysis_out = g_strdup (analysis);
}

/* Y names X by a path relative to itself and X's SHA-256, lists no edges, and reads back with
 * the edges of X (through the analysis reader and through glmcc_results_load, which the
 * commands that take results use). A curation saved into Y stays in Y. */
static void
test_refers (void)
{
  g_autofree char *h5 = NULL, *analysis = NULL, *checksum = NULL, *resaved = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GlmccResults) from_h5 = NULL, loaded = NULL;
  g_autoptr(GlmccAnalysisFile) file = NULL, again = NULL;
  g_autoptr(GlmccCuration) curation = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *top, *reference;
  const char *checksum_read = NULL;
  GStatBuf h5_stat, analysis_stat;

  run_demo (&h5, &analysis);
  g_assert_true (json_parser_load_from_file (parser, analysis, &error));
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (top, "edges"));
  reference = json_object_get_object_member (json_object_get_object_member (top, "session"),
                                             "results_file");
  g_assert_nonnull (reference);
  g_assert_cmpstr (json_object_get_string_member (reference, "format"), ==, "hdf5");
  g_assert_cmpstr (json_object_get_string_member (reference, "path"), ==, "../runs/demo.h5");
  checksum = glmcc_results_file_checksum (h5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (reference, "checksum"), ==, checksum);
  /* The point: the analysis is small next to its results. */
  g_assert_cmpint (g_stat (h5, &h5_stat), ==, 0);
  g_assert_cmpint (g_stat (analysis, &analysis_stat), ==, 0);
  g_assert_cmpint (analysis_stat.st_size, <, h5_stat.st_size / 2);

  from_h5 = glmcc_results_load (h5, &error);
  g_assert_no_error (error);
  file = glmcc_analysis_file_read (analysis, &error);
  g_assert_no_error (error);
  g_assert_true (glmcc_analysis_file_has_session (file));
  assert_same_edges (from_h5, glmcc_analysis_file_get_results (file));
  g_assert_cmpstr (glmcc_analysis_file_get_results_file (file, &checksum_read), ==, h5);
  g_assert_cmpstr (checksum_read, ==, checksum);
  g_assert_nonnull (glmcc_analysis_file_get_recording_file (file)->path);

  loaded = glmcc_results_load (analysis, &error);
  g_assert_no_error (error);
  assert_same_edges (from_h5, loaded);

  /* Marks saved next to the reference are read back from Y, with X unchanged. */
  curation = glmcc_curation_new (glmcc_results_get_n_neurons (from_h5));
  glmcc_curation_set_mark (curation, 0, 1, GLMCC_MARK_ACCEPTED);
  glmcc_curation_set_note (curation, 0, 1, "checked by eye");
  glmcc_analysis_file_set_curation (file, curation);
  resaved = path_in ("analyses/curated.glmcc");
  g_assert_true (glmcc_analysis_file_write (file, resaved, &error));
  g_assert_no_error (error);
  again = glmcc_analysis_file_read (resaved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (glmcc_curation_get_mark (glmcc_analysis_file_get_curation (again), 0, 1), ==,
                   GLMCC_MARK_ACCEPTED);
  g_assert_cmpstr (glmcc_curation_get_note (glmcc_analysis_file_get_curation (again), 0, 1), ==,
                   "checked by eye");
  assert_same_edges (from_h5, glmcc_analysis_file_get_results (again));
  {
    g_autofree char *checksum_after = glmcc_results_file_checksum (h5, &error);

    g_assert_cmpstr (checksum_after, ==, checksum);
  }
}

/* The HDF5 file opened on its own, as the application does: results without session. */
static void
test_open_results_file (void)
{
  g_autofree char *h5 = NULL, *analysis = NULL;
  g_autoptr(GlmccAnalysisFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GlmccResults *results;

  run_demo (&h5, &analysis);
  g_assert_true (glmcc_analysis_file_probe (h5));
  file = glmcc_analysis_file_read (h5, &error);
  g_assert_no_error (error);
  g_assert_false (glmcc_analysis_file_has_session (file));
  results = glmcc_analysis_file_get_results (file);
  g_assert_cmpuint (glmcc_results_get_n_neurons (results), ==, 30);
  g_assert_cmpuint (glmcc_results_count_done (results), ==, 30 * 29 / 2);
  /* The recording it names, to find it again. */
  g_assert_true (g_str_has_suffix (glmcc_results_get_source (results), "demo"));
  g_assert_nonnull (glmcc_analysis_file_get_curation (file));
  /* Where the results came from, so that an analysis saved from them may refer to it. */
  {
    const char *checksum = NULL;
    g_autofree char *expected = glmcc_results_file_checksum (h5, &error);

    g_assert_cmpstr (glmcc_analysis_file_get_results_file (file, &checksum), ==, h5);
    g_assert_cmpstr (checksum, ==, expected);
  }
}

/* A copy of the run's files in @name: (the .h5, the .glmcc) in the same layout. */
static void
copy_run (const char  *name,
          char       **h5_copy,
          char       **analysis_copy)
{
  g_autofree char *h5 = NULL, *analysis = NULL, *dir = path_in (name);
  g_autofree char *runs = g_build_filename (dir, "runs", NULL);
  g_autofree char *analyses = g_build_filename (dir, "analyses", NULL);
  g_autofree char *text = NULL;
  gsize size;

  run_demo (&h5, &analysis);
  g_assert_cmpint (g_mkdir_with_parents (runs, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (analyses, 0755), ==, 0);
  *h5_copy = g_build_filename (runs, "demo.h5", NULL);
  *analysis_copy = g_build_filename (analyses, "demo.glmcc", NULL);
  g_assert_true (g_file_get_contents (h5, &text, &size, NULL));
  g_assert_true (g_file_set_contents (*h5_copy, text, size, NULL));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (analysis, &text, &size, NULL));
  g_assert_true (g_file_set_contents (*analysis_copy, text, size, NULL));
}

/* X changed since Y was written (one byte): refused, naming X, whichever reader. */
static void
test_changed (void)
{
  g_autofree char *h5 = NULL, *analysis = NULL, *text = NULL;
  g_autoptr(GlmccAnalysisFile) file = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  copy_run ("changed", &h5, &analysis);
  g_assert_true (g_file_get_contents (h5, &text, &size, NULL));
  text[size / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (h5, text, size, NULL));

  file = glmcc_analysis_file_read (analysis, &error);
  g_assert_null (file);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, h5));
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);

  results = glmcc_results_load (analysis, &error);
  g_assert_null (results);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
}

/* X gone (moved away): refused, naming Y and where X was looked for. */
static void
test_missing (void)
{
  g_autofree char *h5 = NULL, *analysis = NULL;
  g_autoptr(GlmccAnalysisFile) file = NULL;
  g_autoptr(GError) error = NULL;

  copy_run ("missing", &h5, &analysis);
  g_assert_cmpint (g_unlink (h5), ==, 0);
  file = glmcc_analysis_file_read (analysis, &error);
  g_assert_null (file);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, analysis));
  g_assert_nonnull (strstr (error->message, h5));
}

/* Both moved together: the relative path still finds X. */
static void
test_moved_together (void)
{
  g_autofree char *h5 = NULL, *analysis = NULL, *from_dir = NULL, *to_dir = path_in ("moved");
  g_autofree char *moved_analysis = NULL;
  g_autoptr(GlmccAnalysisFile) file = NULL;
  g_autoptr(GError) error = NULL;

  copy_run ("before-move", &h5, &analysis);
  from_dir = path_in ("before-move");
  g_assert_cmpint (g_rename (from_dir, to_dir), ==, 0);
  moved_analysis = g_build_filename (to_dir, "analyses", "demo.glmcc", NULL);
  file = glmcc_analysis_file_read (moved_analysis, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_results_count_done (glmcc_analysis_file_get_results (file)), ==,
                    30 * 29 / 2);
}

#endif /* HAVE_HDF5 */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("glmcc-analysis-hdf5-XXXXXX", &error);
  g_assert_no_error (error);
#if HAVE_HDF5
  g_test_add_func ("/analysis-hdf5/refers", test_refers);
  g_test_add_func ("/analysis-hdf5/open-results-file", test_open_results_file);
  g_test_add_func ("/analysis-hdf5/changed", test_changed);
  g_test_add_func ("/analysis-hdf5/missing", test_missing);
  g_test_add_func ("/analysis-hdf5/moved-together", test_moved_together);
#endif
  status = g_test_run ();
  remove_tree (workdir);
  return status;
}
