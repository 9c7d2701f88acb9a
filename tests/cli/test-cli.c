/* test-cli.c: the `glmcc` program as a user runs it: exit codes, messages, outputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *sample_dir;
static char *tmp_dir;

/* Runs glmcc with @args (NULL-terminated) and returns its exit status. */
static int
run_glmcc (char       **out,
           char       **err,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GLMCC_CLI");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (tmp_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
test_usage_errors (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_glmcc (&out, &err, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command 'frobnicate'"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--mode", "fast", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--mode"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--no-such-option", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-option"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--delays", "1,x", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--delays"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "pair", sample_dir, "cell9", "cell99", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "cell99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "simulate"));
}

static void
test_runtime_errors (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *missing = tmp_path ("does-not-exist");
  g_autofree char *bad_dir = tmp_path ("bad");
  g_autofree char *bad_file = g_build_filename (bad_dir, "cell1.txt", NULL);
  g_autofree char *good_file = g_build_filename (bad_dir, "cell0.txt", NULL);

  g_assert_cmpint (run_glmcc (&out, &err, "run", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "does-not-exist"));
  g_assert_null (strchr (strchr (err, '\n') + 1, '\n'));   /* one line */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (g_mkdir_with_parents (bad_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (good_file, "1.0\n2.0\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_file, "1.5\n2.5\nthree\n", -1, NULL));
  g_assert_cmpint (run_glmcc (&out, &err, "run", bad_dir, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cell1.txt"));
  g_assert_nonnull (strstr (err, "3"));   /* the line number */
}

static double
read_number (const char *text)
{
  if (g_str_equal (text, "NaN"))
    return NAN;
  return g_ascii_strtod (text, NULL);
}

/* One run with every output; the matrix must match the published W, and the TSV, JSON and
 * GraphML must agree with the matrix. */
static void
test_outputs_agree (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *matrix_path = tmp_path ("W.csv"), *edges_path = tmp_path ("edges.tsv");
  g_autofree char *json_path = tmp_path ("run.json"), *graphml_path = tmp_path ("run.graphml");
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "expected",
                                                          "W_sim_GLM.csv", NULL);
  g_autofree char *matrix_text = NULL, *expected_text = NULL, *edges_text = NULL;
  g_autofree char *graphml_text = NULL;
  g_auto(GStrv) rows = NULL, expected_rows = NULL, edge_lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  double w[20][20];
  guint n_significant = 0, n_graph_edges = 0;
  JsonObject *root;
  JsonArray *edges;
  const char *cursor;

  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400", "--mode", "sim",
                              "--compat", "reference", "--output-matrix", matrix_path,
                              "--output-edges", edges_path, "--output-json", json_path,
                              "--output-graphml", graphml_path, NULL), ==, 0);

  g_assert_true (g_file_get_contents (matrix_path, &matrix_text, NULL, NULL));
  g_assert_true (g_file_get_contents (expected_path, &expected_text, NULL, NULL));
  rows = g_strsplit (g_strchomp (matrix_text), "\n", -1);
  expected_rows = g_strsplit (g_strchomp (expected_text), "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 20);
  for (guint r = 0; r < 20; r++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[r], ", ", -1);
      g_auto(GStrv) expected_cells = g_strsplit (expected_rows[r], ", ", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 20);
      for (guint c = 0; c < 20; c++)
        {
          w[r][c] = g_ascii_strtod (cells[c], NULL);
          g_assert_cmpfloat_with_epsilon (w[r][c], g_ascii_strtod (expected_cells[c], NULL), 1e-6);
          n_significant += w[r][c] != 0.0;
        }
    }
  g_assert_cmpuint (n_significant, >, 10);

  /* TSV: one header, N(N−1) rows, psp equal to the matrix where significant. */
  g_assert_true (g_file_get_contents (edges_path, &edges_text, NULL, NULL));
  edge_lines = g_strsplit (g_strchomp (edges_text), "\n", -1);
  g_assert_cmpuint (g_strv_length (edge_lines), ==, 1 + 20 * 19);
  g_assert_cmpstr (edge_lines[0], ==,
                   "pre\tpost\tstatus\tj\tthreshold\tstatistic\tp_value\tpsp_mv\tdelay_ms\tn_lags");
  for (guint l = 1; edge_lines[l] != NULL; l++)
    {
      g_auto(GStrv) f = g_strsplit (edge_lines[l], "\t", -1);
      guint pre, post;

      g_assert_cmpuint (g_strv_length (f), ==, 10);
      g_assert_true (g_str_has_prefix (f[0], "cell") && g_str_has_prefix (f[1], "cell"));
      pre = atoi (f[0] + 4);
      post = atoi (f[1] + 4);
      if (g_str_equal (f[2], "significant"))
        g_assert_cmpfloat_with_epsilon (read_number (f[7]), w[pre][post], 1e-6);
      else
        g_assert_cmpfloat (w[pre][post], ==, 0.0);
      g_assert_cmpfloat (read_number (f[8]), ==, 3.0);
    }

  /* JSON: the documented keys, and the same edges. */
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "version"));
  g_assert_true (json_object_has_member (root, "parameters"));
  g_assert_true (json_object_has_member (root, "recording"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "neurons")), ==, 20);
  edges = json_object_get_array_member (root, "edges");
  g_assert_cmpuint (json_array_get_length (edges), ==, 380);
  for (guint e = 0; e < json_array_get_length (edges); e++)
    {
      JsonObject *edge = json_array_get_object_element (edges, e);
      guint pre = atoi (json_object_get_string_member (edge, "pre") + 4);
      guint post = atoi (json_object_get_string_member (edge, "post") + 4);
      gboolean significant = g_str_equal (json_object_get_string_member (edge, "status"),
                                          "significant");

      g_assert_cmpint (significant, ==, w[pre][post] != 0.0);
      if (significant)
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (edge, "psp_mv"),
                                        w[pre][post], 1e-6);
    }

  /* GraphML: one node per neuron, one edge per significant connection. */
  g_assert_true (g_file_get_contents (graphml_path, &graphml_text, NULL, NULL));
  for (cursor = graphml_text; (cursor = strstr (cursor, "<edge ")) != NULL; cursor++)
    n_graph_edges++;
  g_assert_cmpuint (n_graph_edges, ==, n_significant);
  g_assert_nonnull (strstr (graphml_text, "<node id=\"n19\">"));
}

static void
test_table (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "cell9 ") );
  g_assert_nonnull (strstr (out, "190 of 190 pairs analysed"));
  g_assert_nonnull (strstr (err, "epoch [0 s, 5400 s)"));
}

static void
test_pair_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *forward;

  g_assert_cmpint (run_glmcc (&out, &err, "pair", sample_dir, "cell9", "4", "--duration", "5400",
                              "--mode", "sim", "--compat", "reference", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "n_lags"), ==, 2467);
  forward = json_object_get_object_member (root, "forward");
  g_assert_cmpstr (json_object_get_string_member (forward, "status"), ==, "significant");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (forward, "psp_mv"), 3.845027, 1e-6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "counts")), ==, 100);
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A run split into shards, merged, equals one run; a shard resumed equals one run too; a
 * resume with another epoch or other parameters is refused. */
static void
test_shard_merge_resume (void)
{
  g_autofree char *full = tmp_path ("full.csv"), *merged = tmp_path ("merged.csv");
  g_autofree char *resumed = tmp_path ("resumed.csv");
  g_autofree char *full_text = NULL, *merged_text = NULL, *resumed_text = NULL;
  char *parts[3];

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *name = g_strdup_printf ("part%u.json", k + 1);
      g_autofree char *shard = g_strdup_printf ("%u/3", k + 1);
      g_autofree char *out = NULL, *err = NULL;

      parts[k] = tmp_path (name);
      g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400", "--shard",
                                  shard, "--output-json", parts[k], NULL), ==, 0);
    }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                                "--output-matrix", full, NULL), ==, 0);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "merge", parts[0], parts[1], parts[2],
                                "--output-matrix", merged, NULL), ==, 0);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400", "--resume",
                                parts[1], "--output-matrix", resumed, NULL), ==, 0);
    g_assert_nonnull (strstr (err, "resuming"));
  }
  full_text = read_file (full);
  merged_text = read_file (merged);
  resumed_text = read_file (resumed);
  g_assert_cmpstr (merged_text, ==, full_text);
  g_assert_cmpstr (resumed_text, ==, full_text);

  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5000", "--resume",
                                parts[0], NULL), ==, 1);
    g_assert_nonnull (strstr (err, "different recordings"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400", "--tau", "3",
                                "--resume", parts[0], NULL), ==, 1);
    g_assert_nonnull (strstr (err, "different parameters"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--shard", "4/3", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--shard"));
  }
  for (guint k = 0; k < 3; k++)
    g_free (parts[k]);
}

/* Ctrl-C in the middle of a run: exit 130, a resumable JSON of what was done, and a resume
 * that ends where an uninterrupted run does. */
static void
test_interrupt_and_resume (void)
{
  g_autofree char *network = tmp_path ("network"), *json = tmp_path ("interrupted.json");
  g_autofree char *resumed = tmp_path ("interrupted-resumed.csv"), *full = tmp_path ("uninterrupted.csv");
  g_autofree char *resumed_text = NULL, *full_text = NULL, *out = NULL, *err = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean signalled = FALSE;
  char *line;
  guint n_edges;

  g_assert_cmpint (run_glmcc (&out, &err, "simulate", network, "--neurons", "120", "--duration", "600",
                              "--seed", "3", NULL), ==, 0);
  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          g_getenv ("GLMCC_CLI"), "run", network, "--threads", "1", "--progress",
                          "--output-json", json, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (run));
  /* Interrupt once the run has said it started, i.e. once its handler is in place. */
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (!signalled && strstr (line, "pairs to fit") != NULL)
        {
          g_subprocess_send_signal (run, SIGINT);
          signalled = TRUE;
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_assert_true (signalled);
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (run));
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 130);

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  n_edges = json_array_get_length (json_object_get_array_member (
              json_node_get_object (json_parser_get_root (parser)), "edges"));
  g_assert_cmpuint (n_edges, <, 120 * 119);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", network, "--resume", json, "--output-matrix", resumed,
                              NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", network, "--output-matrix", full, NULL), ==, 0);
  resumed_text = read_file (resumed);
  full_text = read_file (full);
  g_assert_cmpstr (resumed_text, ==, full_text);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sample_dir = g_test_build_filename (G_TEST_DIST, "data", "sample", NULL);
  tmp_dir = g_dir_make_tmp ("glmcc-cli-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/runtime-errors", test_runtime_errors);
  g_test_add_func ("/cli/outputs-agree", test_outputs_agree);
  g_test_add_func ("/cli/table", test_table);
  g_test_add_func ("/cli/pair-json", test_pair_json);
  g_test_add_func ("/cli/shard-merge-resume", test_shard_merge_resume);
  g_test_add_func ("/cli/interrupt-and-resume", test_interrupt_and_resume);
  status = g_test_run ();

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    if (system (command) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (sample_dir);
  g_free (tmp_dir);
  return status;
}
