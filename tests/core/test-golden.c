/* test-golden.c: --compat reference against the published implementation's outputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <gsl/gsl_errno.h>

#include "glmcc-loader.h"
#include "glmcc-pair.h"

#define N_NEURONS 20

static GlmccRecording *sample;

static GlmccRecording *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample", NULL);
  GlmccLoadOptions options;
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  glmcc_load_options_init (&options);
  options.start_s = 0.0;
  options.duration_s = 5400.0;
  recording = glmcc_load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recording);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, N_NEURONS);
  return recording;
}

static JsonObject *
load_detail (JsonParser **parser_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "expected",
                                                 "pair_fits_detail.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  *parser_out = parser;
  return json_node_get_object (json_parser_get_root (parser));
}

/* "../simulation_data/cell11.txt" → index 11 */
static guint
cell_index (const char *path)
{
  const char *base = strrchr (path, '/');
  guint64 index = 0;

  base = base != NULL ? base + 1 : path;
  g_assert_true (g_str_has_prefix (base, "cell"));
  index = g_ascii_strtoull (base + 4, NULL, 10);
  return (guint) index;
}

static void
collect_lags (guint   ref,
              guint   target,
              GArray *lags)
{
  const double *r, *t;
  gsize nr, nt;

  r = glmcc_recording_get_train (sample, ref, &nr);
  t = glmcc_recording_get_train (sample, target, &nt);
  g_array_set_size (lags, 0);
  glmcc_correlogram_reference_lags (r, nr, t, nt, 50.0, lags);
}

static void
assert_close (double      actual,
              double      expected,
              double      tolerance,
              const char *what)
{
  double scale = MAX (1.0, fabs (expected));

  if (!(fabs (actual - expected) <= tolerance * scale))
    g_error ("%s: got %.15g, expected %.15g (tolerance %g)", what, actual, expected, tolerance);
}

static void
test_counts (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = load_detail (&parser);
  g_autoptr(GList) members = json_object_get_members (root);
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *pair = json_object_get_object_member (root, l->data);
      JsonObject *inputs = json_object_get_object_member (pair, "glm_input_c_102");
      guint ref = cell_index (json_object_get_string_member (pair, "ref"));
      guint target = cell_index (json_object_get_string_member (pair, "tar"));
      gsize n;

      glmcc_recording_get_train (sample, ref, &n);
      g_assert_cmpint (n, ==, json_object_get_int_member (pair, "n_ref_in_0_T"));
      glmcc_recording_get_train (sample, target, &n);
      g_assert_cmpint (n, ==, json_object_get_int_member (pair, "n_tar_in_0_T"));
      collect_lags (ref, target, lags);
      g_assert_cmpint (lags->len, ==, json_object_get_int_member (pair, "n_sp"));

      for (guint d = 1; d <= 4; d++)
        {
          g_autofree char *key = g_strdup_printf ("d%u", d);
          JsonArray *expected = json_object_get_array_member (inputs, key);
          double counts[100], s_plus, s_minus;

          /* The fast correlogram, streamed from the trains as a batch run finds it. */
          {
            GlmccParams params;
            GlmccCorrelogramPlan plan;
            const double *r, *t;
            gsize nr, nt;
            g_autofree double *acc = NULL;
            double fast_counts[100], fast_plus, fast_minus;

            glmcc_params_init (&params);
            params.mode = GLMCC_MODE_SIM;
            params.sim_delay_ms = d;
            params.compat_reference = TRUE;
            glmcc_correlogram_plan_init (&plan, &params);
            acc = g_new0 (double, glmcc_correlogram_plan_get_size (&plan));
            r = glmcc_recording_get_train (sample, ref, &nr);
            t = glmcc_recording_get_train (sample, target, &nt);
            glmcc_correlogram_add_trains (&plan, acc, r, nr, t, nt);
            g_assert_cmpuint (glmcc_correlogram_finish (&plan, acc, fast_counts, &fast_plus,
                                                        &fast_minus), ==, lags->len);
            for (guint k = 0; k < 100; k++)
              g_assert_cmpfloat (fast_counts[k], ==, json_array_get_double_element (expected, k));
            assert_close (fast_plus, json_array_get_double_element (expected, 100), 1e-12, "S+");
            assert_close (fast_minus, json_array_get_double_element (expected, 101), 1e-12, "S-");
          }

          g_assert_cmpuint (json_array_get_length (expected), ==, 102);
          glmcc_correlogram_reference_counts ((double *) (gpointer) lags->data, lags->len, 50.0, 1.0, 100, 0.0,
                             counts);
          for (guint k = 0; k < 100; k++)
            g_assert_cmpfloat (counts[k], ==, json_array_get_double_element (expected, k));
          glmcc_correlogram_reference_stats ((double *) (gpointer) lags->data, lags->len, d, 4.0, 0.0, TRUE,
                                &s_plus, &s_minus);
          assert_close (s_plus, json_array_get_double_element (expected, 100), 1e-12, "S+");
          assert_close (s_minus, json_array_get_double_element (expected, 101), 1e-12, "S-");
        }
    }
}

static void
check_fit (guint       ref,
           guint       target,
           JsonObject *fit,
           double      beta,
           double      delay,
           GlmccFix    fix,
           GArray     *lags)
{
  GlmccFitConfig config = {
    .n_bins = 100, .window_ms = 50.0, .bin_ms = 1.0, .tau_ms = 4.0, .beta = beta,
    .delay_ms = delay, .n_excluded = 0, .fix = fix, .compat = TRUE,
  };
  g_autofree double *scratch = g_new0 (double, glmcc_fit_scratch_size (100));
  double counts[100], a[100], s_plus, s_minus;
  GlmccFitResult result;
  gboolean full = json_object_has_member (fit, "a");
  const char *plus_key = full ? "J_plus_ref_to_tar" : "J_plus";
  const char *minus_key = full ? "J_minus_tar_to_ref" : "J_minus";

  glmcc_correlogram_reference_counts ((double *) (gpointer) lags->data, lags->len, 50.0, 1.0, 100, 0.0, counts);
  glmcc_correlogram_reference_stats ((double *) (gpointer) lags->data, lags->len, delay, 4.0, 0.0, TRUE,
                        &s_plus, &s_minus);
  glmcc_fit_run (&config, counts, s_plus, s_minus, lags->len, a, scratch, &result);
  g_assert_cmpint (result.status, ==, GLMCC_STATUS_PENDING);
  assert_close (result.j_plus, json_object_get_double_member (fit, plus_key), 1e-8, "J+");
  assert_close (result.j_minus, json_object_get_double_member (fit, minus_key), 1e-8, "J-");
  assert_close (result.log_post, json_object_get_double_member (fit, "log_posterior"), 1e-8,
                "log posterior");
  assert_close (result.log_lik, json_object_get_double_member (fit, "log_likelihood"), 1e-8,
                "log likelihood");
  if (full)
    {
      JsonArray *expected_a = json_object_get_array_member (fit, "a");
      g_assert_cmpuint (json_array_get_length (expected_a), ==, 100);
      for (guint k = 0; k < 100; k++)
        assert_close (a[k], json_array_get_double_element (expected_a, k), 1e-8, "a");
    }
}

static void
test_fits (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = load_detail (&parser);
  g_autoptr(GList) members = json_object_get_members (root);
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_checked = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *pair = json_object_get_object_member (root, l->data);
      JsonObject *fits = json_object_get_object_member (pair, "fits");
      guint ref = cell_index (json_object_get_string_member (pair, "ref"));
      guint target = cell_index (json_object_get_string_member (pair, "tar"));
      g_autoptr(GList) keys = json_object_get_members (fits);

      collect_lags (ref, target, lags);
      for (GList *k = keys; k != NULL; k = k->next)
        {
          const char *key = k->data;
          double beta;
          guint delay;
          GlmccFix fix = GLMCC_FIX_NONE;

          g_assert_cmpint (sscanf (key, "beta%lf_d%u", &beta, &delay), ==, 2);
          if (g_str_has_suffix (key, "_cond1"))
            fix = GLMCC_FIX_J_PLUS;
          else if (g_str_has_suffix (key, "_cond2"))
            fix = GLMCC_FIX_J_MINUS;
          check_fit (ref, target, json_object_get_object_member (fits, key), beta, delay, fix, lags);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, ==, 36);
}

typedef struct
{
  const char *name;
  GlmccMode   mode;
  GlmccTest   test;
} Config;

static const Config configs[] = {
  { "sim_GLM", GLMCC_MODE_SIM, GLMCC_TEST_WALD },
  { "sim_LR", GLMCC_MODE_SIM, GLMCC_TEST_LR },
  { "exp_GLM", GLMCC_MODE_EXP, GLMCC_TEST_WALD },
};

/* W[pre][post] of one configuration computed over all 190 pairs, and the per-pair edges. */
static void
compute_all (const Config *config,
             gboolean      compat,
             double        w[N_NEURONS][N_NEURONS],
             GlmccPairResult *pairs /* [N_NEURONS*N_NEURONS], indexed i*N + j with ref j < target i */)
{
  GlmccParams params;
  GlmccWorkspace *ws;

  glmcc_params_init (&params);
  params.mode = config->mode;
  params.test = config->test;
  params.compat_reference = compat;
  ws = glmcc_workspace_new (&params);
  memset (w, 0, sizeof (double) * N_NEURONS * N_NEURONS);
  for (guint i = 0; i < N_NEURONS; i++)
    for (guint j = 0; j < i; j++)
      {
        GlmccPairResult result;

        glmcc_pair_analyse (ws, &params, sample, j, i, &result);
        /* forward = reference j → target i, backward = i → j */
        w[j][i] = result.forward.status == GLMCC_STATUS_SIGNIFICANT ? result.forward.psp_mv : 0.0;
        w[i][j] = result.backward.status == GLMCC_STATUS_SIGNIFICANT ? result.backward.psp_mv : 0.0;
        result.a = NULL;
        result.counts = NULL;
        pairs[i * N_NEURONS + j] = result;
      }
  glmcc_workspace_free (ws);
}

static void
read_matrix (const char *name,
             double      w[N_NEURONS][N_NEURONS])
{
  g_autofree char *file = g_strdup_printf ("W_%s.csv", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "expected", file, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_NEURONS);
  for (guint r = 0; r < N_NEURONS; r++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[r], ", ", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, N_NEURONS);
      for (guint c = 0; c < N_NEURONS; c++)
        w[r][c] = g_ascii_strtod (cells[c], NULL);
    }
}

static void
test_matrices (gconstpointer data)
{
  const Config *config = data;
  double expected[N_NEURONS][N_NEURONS], actual[N_NEURONS][N_NEURONS];
  g_autofree GlmccPairResult *pairs = g_new0 (GlmccPairResult, N_NEURONS * N_NEURONS);
  g_autofree char *jfile = g_strdup_printf ("J_%s.txt", config->name);
  g_autofree char *jpath = g_test_build_filename (G_TEST_DIST, "data", "expected", jfile, NULL);
  g_autofree char *jtext = NULL;
  g_auto(GStrv) jlines = NULL;
  guint n_significant = 0, n_lines = 0;

  read_matrix (config->name, expected);
  compute_all (config, TRUE, actual, pairs);
  for (guint r = 0; r < N_NEURONS; r++)
    for (guint c = 0; c < N_NEURONS; c++)
      {
        g_autofree char *what = g_strdup_printf ("W[%u][%u]", r, c);
        g_assert_cmpint (actual[r][c] != 0.0, ==, expected[r][c] != 0.0);
        assert_close (actual[r][c], expected[r][c], 1e-6, what);
        n_significant += expected[r][c] != 0.0;
      }
  g_assert_cmpuint (n_significant, >, 10);

  /* i j J(i→j) J(j→i) Jmin(i→j) Jmin(j→i) D(i→j) D(j→i); reference j, target i. */
  g_assert_true (g_file_get_contents (jpath, &jtext, NULL, NULL));
  jlines = g_strsplit (g_strstrip (jtext), "\n", -1);
  for (guint l = 0; jlines[l] != NULL; l++)
    {
      guint i, j;
      double v[6];
      const GlmccPairResult *pair;

      g_assert_cmpint (sscanf (jlines[l], "%u %u %lf %lf %lf %lf %lf %lf", &i, &j,
                               &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]), ==, 8);
      pair = &pairs[i * N_NEURONS + j];
      assert_close (pair->backward.j, v[0], 1e-6, "J(i→j)");
      assert_close (pair->forward.j, v[1], 1e-6, "J(j→i)");
      if (pair->backward.status != GLMCC_STATUS_INSUFFICIENT_DATA)
        assert_close (config->test == GLMCC_TEST_LR ? round (pair->j_min_minus * 1e6) / 1e6
                                                    : pair->j_min_minus, v[2], 1e-6, "Jmin(i→j)");
      if (pair->forward.status != GLMCC_STATUS_INSUFFICIENT_DATA)
        assert_close (config->test == GLMCC_TEST_LR ? round (pair->j_min_plus * 1e6) / 1e6
                                                    : pair->j_min_plus, v[3], 1e-6, "Jmin(j→i)");
      if (config->test == GLMCC_TEST_LR)
        {
          assert_close (pair->backward.statistic / 2.0, v[4], 1e-6, "D(i→j)");
          assert_close (pair->forward.statistic / 2.0, v[5], 1e-6, "D(j→i)");
        }
      n_lines++;
    }
  g_assert_cmpuint (n_lines, ==, N_NEURONS * (N_NEURONS - 1) / 2);
}

/* The default mode fixes the published defects and calibrates the tests; on the sample its
 * decisions differ from the published ones in exactly these connections (README, "Calibrated
 * inference"). At the sample's low rates the sandwich standard error of J is smaller than the
 * published 1.57/√(τ c̄), so connections just under the published threshold are found; in exp
 * mode the choice among four delays is paid for (Bonferroni), so weak ones at the edge are lost. */
typedef struct
{
  const char *config;
  guint       pre;
  guint       post;
  gboolean    found;   /* found by the default mode only (else by the reference only) */
} Flip;

static const Flip expected_flips[] = {
  { "sim_GLM", 0, 11, TRUE }, { "sim_GLM", 6, 15, TRUE }, { "sim_GLM", 11, 14, TRUE },
  { "sim_GLM", 19, 1, FALSE },
  { "sim_LR", 2, 11, TRUE }, { "sim_LR", 9, 18, TRUE }, { "sim_LR", 12, 9, TRUE },
  { "sim_LR", 16, 10, TRUE },
  { "exp_GLM", 0, 1, TRUE }, { "exp_GLM", 0, 11, TRUE }, { "exp_GLM", 4, 8, TRUE },
  { "exp_GLM", 5, 17, TRUE }, { "exp_GLM", 10, 3, TRUE }, { "exp_GLM", 11, 14, TRUE },
  { "exp_GLM", 17, 9, TRUE }, { "exp_GLM", 19, 1, FALSE },
};

static gboolean
flip_expected (const char *config,
               guint       pre,
               guint       post,
               gboolean    found)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_flips); i++)
    if (g_str_equal (expected_flips[i].config, config) && expected_flips[i].pre == pre
        && expected_flips[i].post == post && expected_flips[i].found == found)
      return TRUE;
  return FALSE;
}

static void
test_default_mode (gconstpointer data)
{
  const Config *config = data;
  double expected[N_NEURONS][N_NEURONS], actual[N_NEURONS][N_NEURONS];
  g_autofree GlmccPairResult *pairs = g_new0 (GlmccPairResult, N_NEURONS * N_NEURONS);
  guint flips = 0, listed = 0;
  double max_change = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (expected_flips); i++)
    listed += g_str_equal (expected_flips[i].config, config->name);
  read_matrix (config->name, expected);
  compute_all (config, FALSE, actual, pairs);
  for (guint r = 0; r < N_NEURONS; r++)
    for (guint c = 0; c < N_NEURONS; c++)
      {
        gboolean found = actual[r][c] != 0.0;

        if (found != (expected[r][c] != 0.0))
          {
            /* Pairs are fitted with the lower index as the reference, so r → c is the
             * forward edge when r < c. */
            const GlmccPairResult *pair = r < c ? &pairs[c * N_NEURONS + r]
                                                : &pairs[r * N_NEURONS + c];
            const GlmccEdge *edge = r < c ? &pair->forward : &pair->backward;

            g_test_message ("%s: cell%u → cell%u %s: reference %g mV, default %g mV "
                            "(statistic %.3f, p %.3g)", config->name, r, c,
                            found ? "found" : "lost", expected[r][c], actual[r][c],
                            edge->statistic, edge->p_value);
            if (!flip_expected (config->name, r, c, found))
              g_error ("%s: cell%u → cell%u is %s by the default mode only, which the list of "
                       "expected differences does not say", config->name, r, c,
                       found ? "found" : "lost");
            flips++;
          }
        else if (found)
          max_change = MAX (max_change, fabs (actual[r][c] - expected[r][c]));
      }
  g_test_message ("%s: %u differences, largest PSP change elsewhere %.3g mV", config->name,
                  flips, max_change);
  g_assert_cmpuint (flips, ==, listed);
  g_assert_cmpfloat (max_change, <, 0.1);
}

/* The same edge to 1e-9, with the same decision. */
static void
assert_same_edge (const GlmccEdge *x,
                  const GlmccEdge *y)
{
  g_assert_cmpint (x->status, ==, y->status);
  g_assert_cmpfloat (x->delay_ms, ==, y->delay_ms);
  g_assert_cmpuint (x->n_lags, ==, y->n_lags);
  assert_close (x->j, y->j, 1e-9, "J");
  assert_close (x->statistic, y->statistic, 1e-9, "statistic");
  assert_close (x->p_value, y->p_value, 1e-9, "p");
  assert_close (x->psp_mv, y->psp_mv, 1e-9, "PSP");
  if (!isnan (x->threshold) || !isnan (y->threshold))
    assert_close (x->threshold, y->threshold, 1e-9, "threshold");
}

/* A batch run streams lags into the counts; a viewed pair fits from stored lags. The counts
 * are the same, S± the same to rounding (the weight of a streamed lag comes from the two spike
 * times, that of a stored one from the lag), and so every number to 1e-9 and every decision. */
static void
test_stream_equals_array (void)
{
  GlmccParams params;
  GlmccWorkspace *ws;
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));

  glmcc_params_init (&params);
  ws = glmcc_workspace_new (&params);
  for (guint i = 1; i < N_NEURONS; i += 3)
    for (guint j = 0; j < i; j += 4)
      {
        GlmccPairResult streamed, stored;
        g_autofree double *counts = NULL, *a = NULL;
        const double *r, *t;
        gsize nr, nt;

        glmcc_pair_analyse (ws, &params, sample, j, i, &streamed);
        counts = g_memdup2 (streamed.counts, 100 * sizeof (double));
        a = g_memdup2 (streamed.a, 100 * sizeof (double));
        r = glmcc_recording_get_train (sample, j, &nr);
        t = glmcc_recording_get_train (sample, i, &nt);
        g_array_set_size (lags, 0);
        glmcc_lags_collect (r, nr, t, nt, 50.0, lags);
        glmcc_pair_analyse_lags (ws, &params, (double *) (gpointer) lags->data, lags->len, &stored);
        g_assert_cmpmem (counts, 100 * sizeof (double), stored.counts, 100 * sizeof (double));
        for (guint k = 0; k < 100; k++)
          assert_close (stored.a[k], a[k], 1e-9, "a");
        assert_same_edge (&streamed.forward, &stored.forward);
        assert_same_edge (&streamed.backward, &stored.backward);
        g_assert_cmpuint (streamed.n_lags, ==, stored.n_lags);
      }
  glmcc_workspace_free (ws);
}

/* A cancelled workspace stops inside the fit and decides nothing; uncancelled, the same
 * workspace fits as before. */
static void
test_cancel (void)
{
  GlmccParams params;
  GlmccWorkspace *ws;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GlmccPairResult result;

  glmcc_params_init (&params);
  params.test = GLMCC_TEST_LR;
  ws = glmcc_workspace_new (&params);
  glmcc_workspace_set_cancellable (ws, cancellable);
  g_cancellable_cancel (cancellable);
  glmcc_pair_analyse (ws, &params, sample, 9, 4, &result);
  g_assert_true (result.cancelled);
  g_assert_cmpint (result.forward.status, ==, GLMCC_STATUS_PENDING);
  g_assert_cmpint (result.backward.status, ==, GLMCC_STATUS_PENDING);

  glmcc_workspace_set_cancellable (ws, NULL);
  glmcc_pair_analyse (ws, &params, sample, 9, 4, &result);
  g_assert_false (result.cancelled);
  g_assert_cmpint (result.forward.status, !=, GLMCC_STATUS_PENDING);
  g_assert_cmpint (result.backward.status, !=, GLMCC_STATUS_PENDING);
  glmcc_workspace_free (ws);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off ();
  sample = load_sample ();

  g_test_add_func ("/golden/counts", test_counts);
  g_test_add_func ("/golden/fits", test_fits);
  g_test_add_func ("/golden/stream-equals-array", test_stream_equals_array);
  g_test_add_func ("/golden/cancel", test_cancel);
  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/golden/matrix/%s", configs[i].name);
      g_autofree char *path2 = g_strdup_printf ("/golden/default-mode/%s", configs[i].name);
      g_test_add_data_func (path, &configs[i], test_matrices);
      g_test_add_data_func (path2, &configs[i], test_default_mode);
    }
  status = g_test_run ();
  glmcc_recording_unref (sample);
  return status;
}
