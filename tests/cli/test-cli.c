/* test-cli.c: the `glmcc` program as a user runs it: exit codes, messages, outputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

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
                   "pre\tpost\tstatus\tj\tthreshold\tstatistic\tp_value\tq_value\tpsp_mv\tdelay_ms\tn_lags");
  for (guint l = 1; edge_lines[l] != NULL; l++)
    {
      g_auto(GStrv) f = g_strsplit (edge_lines[l], "\t", -1);
      guint pre, post;

      g_assert_cmpuint (g_strv_length (f), ==, 11);
      g_assert_true (g_str_has_prefix (f[0], "cell") && g_str_has_prefix (f[1], "cell"));
      pre = atoi (f[0] + 4);
      post = atoi (f[1] + 4);
      if (g_str_equal (f[2], "significant"))
        g_assert_cmpfloat_with_epsilon (read_number (f[8]), w[pre][post], 1e-6);
      else
        g_assert_cmpfloat (w[pre][post], ==, 0.0);
      /* A whole run has the Benjamini–Hochberg q of each tested edge, never below its p. */
      if (g_str_equal (f[2], "significant") || g_str_equal (f[2], "not-significant"))
        g_assert_cmpfloat (read_number (f[7]), >=, read_number (f[6]));
      g_assert_cmpfloat (read_number (f[9]), ==, 3.0);
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

/* The error is exactly one line, starting "glmcc COMMAND: " and containing @part. */
static void
assert_one_line (const char *err,
                 const char *command,
                 const char *part)
{
  g_autofree char *prefix = g_strdup_printf ("glmcc %s: ", command);

  g_test_message ("stderr: %s", err);
  g_assert_true (g_str_has_prefix (err, prefix));
  g_assert_nonnull (strstr (err, part));
  g_assert_cmpuint (strlen (err), ==, strcspn (err, "\n") + 1);
}

/* Every number option refuses NaN, infinities, overflows and non-numbers with exit 2 naming
 * it, before anything is read: NaN is not a way to say "the default". */
static void
test_bad_numbers (void)
{
  const char *options[] = {
    "--window", "--bin", "--tau", "--gamma", "--alpha", "--exclude-center", "--start",
    "--duration", "--sample-rate", "--checkpoint",
  };
  const char *values[] = { "nan", "-inf", "1e999", "3x", "" };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autofree char *out = NULL, *err = NULL;

        g_test_message ("glmcc run %s '%s'", options[i], values[v]);
        g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, options[i], values[v], NULL), ==, 2);
        assert_one_line (err, "run", options[i]);
        g_assert_cmpstr (out, ==, "");
      }
  /* The same options in `pair`, and --threads, which GOption reads as an integer. */
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "pair", sample_dir, "cell9", "cell4", "--tau", "nan",
                                NULL), ==, 2);
    assert_one_line (err, "pair", "--tau");
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--threads", "nan", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--threads"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--threads", "-2", NULL), ==, 2);
    assert_one_line (err, "run", "--threads");
  }
}

/* --threads 0 means one thread per core (as documented), and gives the same result. */
static void
test_threads_zero (void)
{
  g_autofree char *out0 = NULL, *err0 = NULL, *out1 = NULL, *err1 = NULL;

  g_assert_cmpint (run_glmcc (&out0, &err0, "run", sample_dir, "--duration", "5400", "--threads", "0",
                              NULL), ==, 0);
  g_assert_cmpint (run_glmcc (&out1, &err1, "run", sample_dir, "--duration", "5400", "--threads", "1",
                              NULL), ==, 0);
  g_assert_nonnull (strstr (out0, "190 of 190 pairs analysed"));
  g_assert_cmpstr (out0, ==, out1);
}

/* A copy of the sample recording in the temporary directory, for tests that could write into
 * it if they failed. */
static char *
sample_copy (void)
{
  g_autofree char *command = NULL;
  char *copy = tmp_path ("sample-copy");

  if (!g_file_test (copy, G_FILE_TEST_IS_DIR))
    {
      command = g_strdup_printf ("cp -r '%s' '%s'", sample_dir, copy);
      g_assert_cmpint (system (command), ==, 0);
    }
  return copy;
}

/* Output paths are checked before the run: exit 2 at once, nothing written, nothing read. */
static void
test_output_paths (void)
{
  g_autofree char *copy = sample_copy ();
  g_autofree char *cell0 = g_build_filename (copy, "cell0.txt", NULL);
  g_autofree char *cell0_before = NULL, *cell0_after = NULL;
  g_autofree char *good = tmp_path ("paths-good.tsv"), *same = tmp_path ("paths-same.csv");
  g_autofree char *alias = tmp_path ("paths-alias.csv"), *dir = tmp_path ("paths-dir");
  g_autofree char *missing = tmp_path ("no-such-dir/W.csv");
  g_autofree char *dot_same = g_strdup_printf ("%s/./paths-same.csv", tmp_dir);
  struct {
    const char *args[6];
    const char *part;
  } cases[] = {
    { { "--output-matrix", "", NULL }, "--output-matrix: the file name is empty" },
    { { "--output-edges", missing, NULL }, "does not exist" },
    { { "--output-json", dir, NULL }, "is a directory" },
    { { "--output-matrix", same, "--output-graphml", dot_same, NULL }, "name the same file" },
    { { "--output-matrix", same, "--output-edges", alias, NULL }, "name the same file" },
    { { "--output-matrix", cell0, NULL }, "the recording" },
    { { "--output-edges", good, "--output-json", copy, NULL }, "is a directory" },
    /* The saved analysis is checked like every other output. */
    { { "--output-json", same, "--output-analysis", alias, NULL }, "--output-json and --output-analysis name the same file" },
    { { "--output-analysis", cell0, NULL }, "--output-analysis:" },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (symlink (same, alias), ==, 0);
  cell0_before = read_file (cell0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char **a = cases[i].args;

      g_assert_cmpint (run_glmcc (&out, &err, "run", copy, "--duration", "5400", a[0], a[1], a[2],
                                  a[3], NULL), ==, 2);
      assert_one_line (err, "run", cases[i].part);
      /* Refused before loading: the loader's notes never appear. */
      g_assert_null (strstr (err, "spike files read"));
      g_assert_false (g_file_test (good, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (same, G_FILE_TEST_EXISTS));
    }
  cell0_after = read_file (cell0);
  g_assert_cmpstr (cell0_after, ==, cell0_before);
  g_assert_true (g_file_test (alias, G_FILE_TEST_IS_SYMLINK));
}

/* A failing output does not stop the others; its message names the user's path. The device
 * is reached through a link in the temporary directory, so that a glmcc that replaced what it
 * writes (as it once did) would replace the link, never /dev/full itself. */
static void
test_output_failure_continues (void)
{
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *expected = NULL;
  g_autofree char *edges = tmp_path ("failure-edges.tsv"), *json = tmp_path ("failure.json");
  g_autofree char *full = tmp_path ("full-device");

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here to make a write fail");
      return;
    }
  g_assert_cmpint (symlink ("/dev/full", full), ==, 0);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                              "--output-matrix", full, "--output-edges", edges,
                              "--output-json", json, NULL), ==, 1);
  g_test_message ("%s", err);
  expected = g_strdup_printf ("glmcc run: %s: ", full);
  g_assert_nonnull (strstr (err, expected));
  g_assert_null (strstr (err, "XXXXXX"));
  g_assert_true (g_file_test (full, G_FILE_TEST_IS_SYMLINK));
  text = read_file (edges);
  g_assert_true (g_str_has_prefix (text, "pre\tpost\tstatus"));
  g_assert_cmpuint (strlen (text), >, 1000);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
}

/* Writing goes through a symlink to its target (the link stays), to /dev/stdout as the
 * standard output, and into a FIFO as a stream; a device is not replaced by a file. */
static void
test_output_targets (void)
{
  g_autofree char *reference = tmp_path ("targets-ref.csv"), *target = tmp_path ("targets-real.csv");
  g_autofree char *link = tmp_path ("targets-link.csv"), *dangling = tmp_path ("targets-dangling.csv");
  g_autofree char *created = tmp_path ("targets-created.csv"), *fifo = tmp_path ("targets.fifo");
  g_autofree char *stdout_link = tmp_path ("targets-stdout");
  g_autofree char *out = NULL, *err = NULL, *expected = NULL, *text = NULL;
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo_text = NULL;
  struct stat st;

  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                              "--output-matrix", reference, NULL), ==, 0);
  expected = read_file (reference);

  /* A symlink: the target gets the matrix, the link is still a link. */
  g_assert_true (g_file_set_contents (target, "old\n", -1, NULL));
  g_assert_cmpint (chmod (target, 0640), ==, 0);
  g_assert_cmpint (symlink ("targets-real.csv", link), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                              "--output-matrix", link, NULL), ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  text = read_file (target);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);   /* the replaced file keeps its mode */
  g_clear_pointer (&text, g_free);

  /* A dangling symlink: its target is created. */
  g_assert_cmpint (symlink ("targets-created.csv", dangling), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                              "--output-matrix", dangling, NULL), ==, 0);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  text = read_file (created);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);

  /* /dev/stdout, through a link of our own (a glmcc that replaced what it writes would replace
   * the link, not /dev/stdout): the matrix on the standard output. */
  g_assert_cmpint (symlink ("/dev/stdout", stdout_link), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                              "--output-matrix", stdout_link, NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_true (g_file_test (stdout_link, G_FILE_TEST_IS_SYMLINK));

  /* A FIFO: read as a stream by another process, and still a FIFO afterwards. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "cat", fifo, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&out, &err, "run", sample_dir, "--duration", "5400",
                              "--output-matrix", fifo, NULL), ==, 0);
  g_assert_true (g_subprocess_communicate_utf8 (reader, NULL, NULL, &fifo_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fifo_text, ==, expected);
  g_assert_cmpint (stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* A network big enough that a run on one thread takes a few seconds: the one
 * /cli/interrupt-and-resume simulated, or the same again. */
static const char *
network (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      g_autofree char *out = NULL, *err = NULL, *truth = NULL;

      dir = tmp_path ("network");
      truth = g_build_filename (dir, "truth.tsv", NULL);
      if (!g_file_test (truth, G_FILE_TEST_IS_REGULAR))
        g_assert_cmpint (run_glmcc (&out, &err, "simulate", dir, "--neurons", "120", "--duration",
                                    "600", "--seed", "3", NULL), ==, 0);
    }
  return dir;
}

/* Starts `glmcc run` and sends @signal once it says it has started. */
static GSubprocess *
start_and_signal (int         signal,
                  const char *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  GSubprocess *run;
  gboolean signalled = FALSE;
  va_list args;
  char *line;

  g_ptr_array_add (argv, (char *) g_getenv ("GLMCC_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, (char *) "--progress");
  g_ptr_array_add (argv, NULL);
  run = g_subprocess_newv ((const char * const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (run));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (!signalled && strstr (line, "pairs to fit") != NULL)
        {
          g_subprocess_send_signal (run, signal);
          signalled = TRUE;
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_assert_true (signalled);
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  g_assert_no_error (error);
  return run;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* "pending_pairs" of a results JSON, after checking it agrees with "complete". */
static guint64
read_pending (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  gint64 pending;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  pending = json_object_get_int_member (root, "pending_pairs");
  g_assert_cmpint (json_object_get_boolean_member (root, "complete"), ==, pending == 0);
  return (guint64) pending;
}

/* After Ctrl-C the matrix and the GraphML are not written (they would look complete); the JSON
 * and the edge table are, with the pending pairs marked. With --partial the matrix has NaN for
 * the pending pairs and the GraphML says partial="true" with their count. */
static void
test_interrupt_partial_outputs (void)
{
  const char *net = network ();
  g_autofree char *matrix = tmp_path ("int-W.csv"), *graphml = tmp_path ("int.graphml");
  g_autofree char *edges = tmp_path ("int-edges.tsv"), *json = tmp_path ("int.json");
  g_autofree char *text = NULL, *attribute = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GSubprocess) partial = NULL;
  guint64 pending;

  run = start_and_signal (SIGINT, "run", net, "--threads", "1", "--output-matrix", matrix,
                          "--output-graphml", graphml, "--output-edges", edges, "--output-json",
                          json, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 130);
  g_assert_false (g_file_test (matrix, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (graphml, G_FILE_TEST_EXISTS));
  pending = read_pending (json);
  g_assert_cmpuint (pending, >, 0);
  text = read_file (edges);
  g_assert_cmpuint (count (text, "\tpending\t"), ==, 2 * pending);
  g_clear_pointer (&text, g_free);

  partial = start_and_signal (SIGINT, "run", net, "--threads", "1", "--partial",
                              "--output-matrix", matrix, "--output-graphml", graphml,
                              "--output-json", json, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (partial), ==, 130);
  pending = read_pending (json);
  g_assert_cmpuint (pending, >, 0);
  text = read_file (matrix);
  g_assert_cmpuint (count (text, "NaN"), ==, 2 * pending);
  g_clear_pointer (&text, g_free);
  text = read_file (graphml);
  attribute = g_strdup_printf ("partial=\"true\" pending_pairs=\"%" G_GUINT64_FORMAT "\"", pending);
  g_assert_nonnull (strstr (text, attribute));
}

/* kill -9 in the middle of a run loses only what came after the last checkpoint: the JSON is
 * a whole results file at every moment, and --resume from it ends where an uninterrupted run
 * does. */
static void
test_kill_and_resume (void)
{
  const char *net = network ();
  g_autofree char *json = tmp_path ("killed.json"), *resumed = tmp_path ("killed-resumed.csv");
  g_autofree char *full = tmp_path ("uninterrupted.csv"), *resumed_text = NULL, *full_text = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *already;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GError) error = NULL;
  guint64 pending = 0;
  gint64 deadline;

  g_unlink (json);
  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                          g_getenv ("GLMCC_CLI"), "run", net, "--threads", "1", "--checkpoint", "0.05",
                          "--output-json", json, NULL);
  g_assert_no_error (error);
  /* Wait for the first checkpoint, then kill without warning. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!g_file_test (json, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_subprocess_force_exit (run);
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
  if (g_subprocess_get_if_exited (run))
    {
      g_test_skip ("the run finished before it could be killed");
      return;
    }
  g_assert_cmpint (g_subprocess_get_term_sig (run), ==, SIGKILL);
  pending = read_pending (json);
  g_assert_cmpuint (pending, >, 0);
  g_assert_cmpuint (pending, <, 120 * 119 / 2);

  g_assert_cmpint (run_glmcc (&out, &err, "run", net, "--resume", json, "--output-json", json,
                              "--output-matrix", resumed, NULL), ==, 0);
  /* The checkpoint counted its pending pairs first; pairs that finished while it was written
   * are in it too. */
  already = strstr (err, "resuming; ");
  g_assert_nonnull (already);
  g_assert_cmpuint (g_ascii_strtoull (already + strlen ("resuming; "), NULL, 10), >=,
                    (guint64) 120 * 119 / 2 - pending);
  g_assert_cmpuint (read_pending (json), ==, 0);
  /* The uninterrupted run's matrix, from /cli/interrupt-and-resume when it ran. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
    g_assert_cmpint (run_glmcc (&out, &err, "run", net, "--output-matrix", full, NULL), ==, 0);
  resumed_text = read_file (resumed);
  full_text = read_file (full);
  g_assert_cmpstr (resumed_text, ==, full_text);
}

/* 40,000 neurons in a 40 kB file: the run is refused at once, saying how much memory it would
 * need, instead of aborting in malloc or taking the machine. */
static void
test_too_large (void)
{
  g_autofree char *path = tmp_path ("forty-thousand.txt"), *out = NULL, *err = NULL;
  g_autoptr(GString) text = g_string_new ("1.5");
  const char *last_line;

  for (guint i = 1; i < 40000; i++)
    g_string_append (text, ";2.5");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_assert_cmpint (run_glmcc (&out, &err, "run", path, "--format", "text", NULL), ==, 1);
  last_line = g_strrstr_len (err, strlen (err) - 1, "\n");
  last_line = last_line != NULL ? last_line + 1 : err;
  g_test_message ("%s", last_line);
  if (strstr (last_line, "would need") == NULL && strstr (err, "pairs analysed") != NULL)
    {
      g_test_skip ("this machine has room for 83 GB of results");
      return;
    }
  assert_one_line (last_line, "run", "the results of 799980000 pairs of 40000 neurons would need 83.2");
  g_assert_nonnull (strstr (last_line, "GB of memory"));
  g_assert_nonnull (strstr (last_line, "available"));
  g_assert_cmpstr (out, ==, "");
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
  g_test_add_func ("/cli/bad-numbers", test_bad_numbers);
  g_test_add_func ("/cli/threads-zero", test_threads_zero);
  g_test_add_func ("/cli/output-paths", test_output_paths);
  g_test_add_func ("/cli/output-failure-continues", test_output_failure_continues);
  g_test_add_func ("/cli/output-targets", test_output_targets);
  g_test_add_func ("/cli/interrupt-partial-outputs", test_interrupt_partial_outputs);
  g_test_add_func ("/cli/kill-and-resume", test_kill_and_resume);
  g_test_add_func ("/cli/too-large", test_too_large);
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
