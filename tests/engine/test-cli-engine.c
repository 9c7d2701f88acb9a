/* test-cli-engine.c: `glmcc simulate`, `plan`, `score`, `merge` and `bench` as a user runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "engine-test-util.h"
#include "glmcc-engine.h"
#include "glmcc-fdr.h"
#include "glmcc-loader.h"
#include "glmcc-score.h"

static char *workdir;   /* one simulated network shared by the tests */
static char *netdir;

static char *
path_in (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static GlmccResults *
run_engine (guint shard,
            guint n_shards,
            gboolean lr)
{
  GlmccLoadOptions options;
  GlmccParams params;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GlmccResults *results;

  glmcc_load_options_init (&options);
  recording = glmcc_load (netdir, &options, &error);
  g_assert_no_error (error);
  glmcc_params_init (&params);
  if (lr)
    params.test = GLMCC_TEST_LR;
  results = glmcc_results_new (recording, &params);
  engine = glmcc_engine_new (results);
  glmcc_engine_set_shard (engine, shard, n_shards);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  return results;
}

static void
test_simulate (void)
{
  g_auto(CliRun) run;
  g_autofree char *cell = g_build_filename (netdir, "cell11.txt", NULL);
  g_autofree char *truth = g_build_filename (netdir, "truth.tsv", NULL);
  g_autofree char *text = NULL;

  run_glmcc (&run, "simulate", netdir, "--neurons", "12", "--duration", "400", "--seed", "4",
         "--rate", "8", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "12 neurons"));
  g_assert_nonnull (strstr (run.out, "mean rate"));
  g_assert_true (g_file_test (cell, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (truth, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "pre\tpost\tpsp_mV\tdelay_ms\n"));

  /* The written directory loads as a recording of 12 neurons. */
  {
    GlmccLoadOptions options;
    g_autoptr(GlmccRecording) rec = NULL;
    g_autoptr(GError) error = NULL;

    glmcc_load_options_init (&options);
    rec = glmcc_load (netdir, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (glmcc_recording_get_n_neurons (rec), ==, 12);
    g_assert_cmpstr (glmcc_recording_get_name (rec, 11), ==, "cell11");
  }
}

static void
test_simulate_usage (void)
{
  g_auto(CliRun) a;
  g_auto(CliRun) b;
  g_auto(CliRun) c;

  run_glmcc (&a, "simulate", NULL);
  g_assert_cmpint (a.status, ==, 2);
  cli_run_assert_one_line_error (&a, "simulate", "output directory");

  run_glmcc (&b, "simulate", "/tmp/unused", "--neurons", "1", NULL);
  g_assert_cmpint (b.status, ==, 2);
  cli_run_assert_one_line_error (&b, "simulate", "--neurons");

  run_glmcc (&c, "simulate", "/tmp/unused", "--p-exc", "2", NULL);
  g_assert_cmpint (c.status, ==, 2);
  cli_run_assert_one_line_error (&c, "simulate", "probability");
}

static void
test_plan (void)
{
  g_auto(CliRun) ok;
  g_auto(CliRun) missing;
  g_auto(CliRun) zero;

  run_glmcc (&ok, "plan", "--rate-pre", "10", "--rate-post", "10", "--psp", "1", "--compat", "reference", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "excitatory"));
  g_assert_nonnull (strstr (ok.out, "needs about 426 s"));

  run_glmcc (&missing, "plan", "--rate-pre", "10", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  cli_run_assert_one_line_error (&missing, "plan", "--psp");

  run_glmcc (&zero, "plan", "--rate-pre", "10", "--rate-post", "10", "--psp", "0", NULL);
  g_assert_cmpint (zero.status, ==, 2);
  cli_run_assert_one_line_error (&zero, "plan", "PSP");

  /* The default test: a time for the power and one for an even chance; the smallest PSPs of a
   * given length; both signs. */
  {
    g_auto(CliRun) power;
    g_auto(CliRun) smallest;
    g_auto(CliRun) bad_power;

    run_glmcc (&power, "plan", "--rate-pre", "5", "--rate-post", "5", "--psp", "-0.5", "--power", "0.9",
           NULL);
    g_assert_cmpint (power.status, ==, 0);
    g_assert_nonnull (strstr (power.out, "inhibitory"));
    g_assert_nonnull (strstr (power.out, "probability 0.9"));
    g_assert_nonnull (strstr (power.out, "half the time"));
    run_glmcc (&smallest, "plan", "--rate-pre", "5", "--rate-post", "5", "--duration", "5400", NULL);
    g_assert_cmpint (smallest.status, ==, 0);
    g_assert_nonnull (strstr (smallest.out, "excitatory connections from +"));
    g_assert_nonnull (strstr (smallest.out, "inhibitory ones from -"));
    run_glmcc (&bad_power, "plan", "--rate-pre", "5", "--rate-post", "5", "--psp", "1", "--power", "1",
           NULL);
    g_assert_cmpint (bad_power.status, ==, 2);
    cli_run_assert_one_line_error (&bad_power, "plan", "power");
  }
}

/* run --method for the baselines: the same outputs, the method in the JSON, q-values, --fdr;
 * the options a method does not use are refused by name. */
static void
test_methods (void)
{
  g_autofree char *cc_json = path_in ("cc.json");
  g_autofree char *jitter_json = path_in ("jitter.json");
  g_autofree char *fdr_tsv = path_in ("fdr.tsv");
  g_autofree char *matrix = path_in ("cc.csv");
  g_autofree char *graphml = path_in ("cc.graphml");
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) cc;
  g_auto(CliRun) jitter;
  g_auto(CliRun) fdr;
  g_autoptr(GlmccResults) back = NULL;
  g_autofree char *text = NULL;
  static const char * const refused[][4] = {
    { "--method", "gauss", NULL, "--method" },
    { "--surrogates", "100", NULL, "--surrogates" },
    { "--seed", "3", NULL, "--seed" },
    { "--method", "cc", "--test", "--test" },
    { "--method", "jitter", "--surrogates", "--surrogates" },
    { "--fdr", "1.5", NULL, "--fdr" },
    { "--method", "cc", "--compat", "--method" },
  };

  run_glmcc (&cc, "run", netdir, "--method", "cc", "--output-json", cc_json, "--output-matrix", matrix,
         "--output-graphml", graphml, NULL);
  g_assert_cmpint (cc.status, ==, 0);
  back = glmcc_results_load_json (cc_json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (glmcc_results_get_params (back)->method, ==, GLMCC_METHOD_CC);
  g_assert_cmpuint (glmcc_results_count_pending (back), ==, 0);
  g_assert_true (isfinite (glmcc_results_get_edge (back, 0, 1).q_value));
  g_assert_true (g_file_test (matrix, G_FILE_TEST_EXISTS) && g_file_test (graphml, G_FILE_TEST_EXISTS));

  run_glmcc (&jitter, "run", netdir, "--method", "jitter", "--surrogates", "200", "--alpha", "0.01",
         "--seed", "4", "--output-json", jitter_json, NULL);
  g_assert_cmpint (jitter.status, ==, 0);
  g_assert_true (g_file_get_contents (jitter_json, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"method\" : \"jitter\""));
  g_assert_nonnull (strstr (text, "\"surrogates\" : 200"));
  g_assert_nonnull (strstr (text, "\"seed\" : 4"));

  /* A run of one method does not resume another's, nor another seed's. */
  {
    g_auto(CliRun) other_method;
    g_auto(CliRun) other_seed;
    g_autofree char *resumed = path_in ("resumed.json");

    run_glmcc (&other_method, "run", netdir, "--resume", jitter_json, "--output-json", resumed, NULL);
    /* (After the loader's notes.) */
    g_assert_cmpint (other_method.status, ==, 1);
    g_assert_nonnull (strstr (other_method.err, "glmcc run: --resume"));
    g_assert_nonnull (strstr (other_method.err, "different parameters"));
    run_glmcc (&other_seed, "run", netdir, "--method", "jitter", "--surrogates", "200", "--alpha", "0.01",
           "--seed", "5", "--resume", jitter_json, "--output-json", resumed, NULL);
    g_assert_cmpint (other_seed.status, ==, 1);
    g_assert_nonnull (strstr (other_seed.err, "different parameters"));
  }

  /* --fdr: every significant edge has q ≤ the level. */
  run_glmcc (&fdr, "run", netdir, "--fdr", "0.05", "--output-edges", fdr_tsv, NULL);
  g_assert_cmpint (fdr.status, ==, 0);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (fdr_tsv, &text, NULL, NULL));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    guint significant = 0;

    for (guint l = 1; lines[l] != NULL && lines[l][0] != '\0'; l++)
      {
        g_auto(GStrv) f = g_strsplit (lines[l], "\t", -1);

        if (g_str_equal (f[2], "significant"))
          {
            g_assert_cmpfloat (g_ascii_strtod (f[7], NULL), <=, 0.05);
            significant++;
          }
        else if (g_str_equal (f[2], "not-significant"))
          g_assert_cmpfloat (g_ascii_strtod (f[7], NULL), >, 0.05);
      }
    g_assert_cmpuint (significant, >, 0);
  }

  for (guint r = 0; r < G_N_ELEMENTS (refused); r++)
    {
      g_auto(CliRun) bad;

      run_glmcc (&bad, "run", netdir, refused[r][0], refused[r][1],
             refused[r][2], refused[r][2] != NULL ? (strcmp (refused[r][2], "--compat") == 0 ? "reference"
                                                     : strcmp (refused[r][2], "--test") == 0 ? "lr" : "100")
                                                  : NULL,
             NULL);
      g_assert_cmpint (bad.status, ==, 2);
      cli_run_assert_one_line_error (&bad, "run", refused[r][3]);
    }
}

static void
test_score (void)
{
  g_autoptr(GlmccResults) results = run_engine (0, 1, FALSE);
  g_autofree char *json = path_in ("score.json");
  g_autofree char *truth = g_build_filename (netdir, "truth.tsv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliRun) table;
  g_auto(CliRun) machine;
  g_auto(CliRun) bad;
  JsonObject *root, *exc;
  gsize n_true_exc;

  g_assert_true (glmcc_results_write_json (results, json, &error));
  g_assert_no_error (error);

  run_glmcc (&table, "score", json, truth, NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "excitatory"));
  g_assert_nonnull (strstr (table.out, "inhibitory"));
  g_assert_nonnull (strstr (table.out, "MCC"));

  run_glmcc (&machine, "score", "--json", json, truth, NULL);
  g_assert_cmpint (machine.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, machine.out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  exc = json_object_get_object_member (root, "excitatory");
  {
    g_autoptr(GlmccTruth) t = glmcc_truth_load (truth, 12, NULL, &error);
    g_assert_no_error (error);
    n_true_exc = glmcc_truth_count (t, 1);
  }
  /* Every true excitatory synapse is either found or missed. */
  g_assert_cmpint (json_object_get_int_member (exc, "tp") + json_object_get_int_member (exc, "fn"),
                   ==, (gint64) n_true_exc);
  g_assert_cmpint (json_object_get_int_member (root, "scored_pairs"), ==, 12 * 11);

  run_glmcc (&bad, "score", json, "/nonexistent/truth.tsv", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  cli_run_assert_one_line_error (&bad, "score", "truth.tsv");

  /* Accuracy and the curves' areas, in the table and the JSON. */
  g_assert_nonnull (strstr (table.out, "accuracy"));
  g_assert_nonnull (strstr (table.out, "AUC"));
  g_assert_true (json_object_has_member (exc, "auc") && json_object_has_member (exc, "accuracy"));
  g_assert_cmpfloat (json_object_get_double_member (exc, "auc"), >, 0.5);

  /* Two runs and a figure: the figure is a PNG, the JSON a list of runs. */
  {
    g_autofree char *figure = path_in ("score.png");
    g_autofree char *header = NULL;
    g_autoptr(JsonParser) runs_parser = json_parser_new ();
    g_auto(CliRun) two;
    g_auto(CliRun) two_json;
    g_auto(CliRun) bad_figure;
    gsize length;

    run_glmcc (&two, "score", json, json, truth, "--plot", figure, NULL);
    g_assert_cmpint (two.status, ==, 0);
    g_assert_true (g_file_get_contents (figure, &header, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (memcmp (header, "\x89PNG", 4) == 0);
    run_glmcc (&two_json, "score", "--json", json, json, truth, NULL);
    g_assert_cmpint (two_json.status, ==, 0);
    g_assert_true (json_parser_load_from_data (runs_parser, two_json.out, -1, &error));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_node_get_object (json_parser_get_root (runs_parser)), "runs")), ==, 2);
    run_glmcc (&bad_figure, "score", json, truth, "--plot", "/nonexistent/dir/figure.png", NULL);
    g_assert_cmpint (bad_figure.status, ==, 2);
    cli_run_assert_one_line_error (&bad_figure, "score", "--plot");
    g_unlink (figure);
  }
  g_unlink (json);
}

static void
test_merge (void)
{
  g_autoptr(GlmccResults) single = run_engine (0, 1, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *p0 = path_in ("part0.json");
  g_autofree char *p1 = path_in ("part1.json");
  g_autofree char *p2 = path_in ("part2.json");
  g_autofree char *plr = path_in ("part-lr.json");
  g_autofree char *m_single = path_in ("single.csv");
  g_autofree char *e_single = path_in ("single.tsv");
  g_autofree char *m_merged = path_in ("merged.csv");
  g_autofree char *e_merged = path_in ("merged.tsv");
  g_autofree char *j_merged = path_in ("merged.json");
  const char *parts[] = { p0, p1, p2 };
  g_auto(CliRun) merge;
  g_auto(CliRun) mismatch;
  g_auto(CliRun) no_output;
  g_auto(CliRun) partial;
  g_auto(CliRun) accepted;
  g_auto(CliRun) overwrite;

  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(GlmccResults) part = run_engine (k, 3, FALSE);
      g_assert_true (glmcc_results_write_json (part, parts[k], &error));
      g_assert_no_error (error);
    }
  /* A finished run has its q-values, as `glmcc run` and `glmcc merge` compute them. */
  g_assert_true (glmcc_results_compute_q_values (single, NULL));
  g_assert_true (glmcc_results_write_matrix (single, m_single, &error));
  g_assert_true (glmcc_results_write_edges (single, e_single, &error));

  /* Shards in any order give the single run's outputs. */
  run_glmcc (&merge, "merge", p2, p0, p1, "--output-matrix", m_merged, "--output-edges", e_merged,
         "--output-json", j_merged, NULL);
  g_assert_cmpint (merge.status, ==, 0);
  g_assert_cmpstr (merge.err, ==, "");
  {
    g_autofree char *a = engine_test_slurp (m_single), *b = engine_test_slurp (m_merged);
    g_autofree char *c = engine_test_slurp (e_single), *d = engine_test_slurp (e_merged);
    g_autoptr(GlmccResults) back = glmcc_results_load_json (j_merged, &error);

    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (c, ==, d);
    g_assert_no_error (error);
    g_assert_cmpuint (glmcc_results_count_done (back), ==, 66);
  }

  /* Parts computed with other parameters are refused, naming the file. */
  {
    g_autoptr(GlmccResults) lr = run_engine (1, 3, TRUE);
    g_assert_true (glmcc_results_write_json (lr, plr, &error));
  }
  run_glmcc (&mismatch, "merge", p0, plr, "--output-matrix", m_merged, NULL);
  g_assert_cmpint (mismatch.status, ==, 1);
  cli_run_assert_one_line_error (&mismatch, "merge", plr);

  run_glmcc (&no_output, "merge", p0, p1, NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  cli_run_assert_one_line_error (&no_output, "merge", "no output");

  /* A missing shard fails, naming it; the JSON and the edge table are written with the pending
   * pairs marked, the matrix and the GraphML are not. */
  g_unlink (m_merged);
  g_unlink (e_merged);
  g_unlink (j_merged);
  run_glmcc (&partial, "merge", p0, p1, "--output-matrix", m_merged, "--output-edges", e_merged,
         "--output-json", j_merged, NULL);
  g_test_message ("%s", partial.err);
  g_assert_cmpint (partial.status, ==, 1);
  g_assert_true (g_str_has_prefix (partial.err, "glmcc merge: "));
  g_assert_nonnull (strstr (partial.err, "shard 3/3 is missing"));
  g_assert_nonnull (strstr (partial.err, "--output-matrix"));
  g_assert_false (g_file_test (m_merged, G_FILE_TEST_EXISTS));
  {
    g_autofree char *edges = engine_test_slurp (e_merged), *json = engine_test_slurp (j_merged);
    g_autoptr(GlmccResults) back = glmcc_results_load_json (j_merged, &error);
    guint64 first, last;

    g_assert_no_error (error);
    glmcc_shard_range (12, 2, 3, &first, &last);
    g_assert_cmpuint (glmcc_results_count_pending (back), ==, last - first);
    g_assert_nonnull (strstr (edges, "\tpending\t"));
    g_assert_nonnull (strstr (json, "\"complete\" : false"));
  }

  /* With --partial the matrix is written, its pending pairs NaN. */
  run_glmcc (&accepted, "merge", p0, p1, "--partial", "--output-matrix", m_merged, NULL);
  g_assert_cmpint (accepted.status, ==, 0);
  g_assert_nonnull (strstr (accepted.err, "shard 3/3 is missing"));
  {
    g_autofree char *matrix = engine_test_slurp (m_merged);
    g_assert_nonnull (strstr (matrix, "NaN"));
  }

  /* An output that is one of the parts is refused before anything is read. */
  run_glmcc (&overwrite, "merge", p0, p1, "--output-json", p1, NULL);
  g_assert_cmpint (overwrite.status, ==, 2);
  cli_run_assert_one_line_error (&overwrite, "merge", "parts being merged");

  for (guint k = 0; k < 3; k++)
    g_unlink (parts[k]);
  g_unlink (plr);
  g_unlink (m_single);
  g_unlink (e_single);
  g_unlink (m_merged);
  g_unlink (e_merged);
  g_unlink (j_merged);
}

static void
test_bench (void)
{
  g_auto(CliRun) run;
  g_auto(CliRun) bad;

  run_glmcc (&run, "bench", "--neurons", "8", "--duration", "60", "--sample", "10", "--threads", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("%s", run.out);
  g_assert_nonnull (strstr (run.out, "\nneurons: 8\n"));
  g_assert_nonnull (strstr (run.out, "\nthreads: 2\n"));
  g_assert_nonnull (strstr (run.out, "\npairs: 28\n"));
  g_assert_nonnull (strstr (run.out, "\npairs_per_s: "));
  g_assert_nonnull (strstr (run.out, "\ntime_per_fit_us: "));
  g_assert_nonnull (strstr (run.out, "\ntime_per_correlogram_us: "));
  g_assert_nonnull (strstr (run.out, "\nrefit_cached_ms: "));
  g_assert_nonnull (strstr (run.out, "\npeak_rss_mib: "));

  run_glmcc (&bad, "bench", "--shard", "4/3", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  cli_run_assert_one_line_error (&bad, "bench", "--shard");
}

/* NaN, an infinity or an overflow for a number option of plan, simulate, bench or plot is a
 * usage error naming the option; "nan" is never taken for "not given". */
static void
test_bad_numbers (void)
{
  const char *cases[][3] = {
    { "plan", "--psp", "nan" },
    { "plan", "--rate-pre", "inf" },
    { "plan", "--tau", "1e999" },
    { "plan", "--alpha", "nan" },
    { "simulate", "--rate", "nan" },
    { "simulate", "--modulation", "inf" },
    { "simulate", "--exc-fraction", "nan" },
    { "simulate", "--duration", "-inf" },
    { "bench", "--duration", "nan" },
    { "plot", "--width", "nan" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run;
      const char *command = cases[i][0], *option = cases[i][1], *value = cases[i][2];

      if (g_str_equal (command, "plan"))
        run_glmcc (&run, "plan", "--rate-pre", "5", "--rate-post", "5", "--psp", "1", option, value, NULL);
      else if (g_str_equal (command, "simulate"))
        run_glmcc (&run, "simulate", "/nonexistent/never-written", option, value, NULL);
      else if (g_str_equal (command, "plot"))
        run_glmcc (&run, "plot", netdir, "0", "1", "-o", "/nonexistent/x.png", option, value, NULL);
      else
        run_glmcc (&run, command, option, value, NULL);
      g_test_message ("glmcc %s %s %s: %d", command, option, value, run.status);
      g_assert_cmpint (run.status, ==, 2);
      cli_run_assert_one_line_error (&run, command, option);
    }
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("glmcc-cli-engine-XXXXXX", NULL);
  netdir = g_build_filename (workdir, "net", NULL);

  /* test_simulate makes the network the later tests use. */
  g_test_add_func ("/cli-engine/simulate", test_simulate);
  g_test_add_func ("/cli-engine/simulate-usage", test_simulate_usage);
  g_test_add_func ("/cli-engine/plan", test_plan);
  g_test_add_func ("/cli-engine/score", test_score);
  g_test_add_func ("/cli-engine/methods", test_methods);
  g_test_add_func ("/cli-engine/merge", test_merge);
  g_test_add_func ("/cli-engine/bench", test_bench);
  g_test_add_func ("/cli-engine/bad-numbers", test_bad_numbers);

  status = g_test_run ();
  remove_tree (workdir);
  g_free (netdir);
  g_free (workdir);
  return status;
}
