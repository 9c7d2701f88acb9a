/* test-baselines.c: the classical cross-correlation test and the jitter method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts and p-values on trains small enough to check by hand, the decisions and strengths, the
 * jitter null's exact moments, detection of a real synchrony, and runs that are the same on any
 * number of threads (the jitter's surrogates depend on the seed and the edge only).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-cc-test.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"
#include "glmcc-jitter.h"
#include "glmcc-method.h"
#include "glmcc-simulate.h"

#define CLOSE(a, b, eps) g_assert_cmpfloat_with_epsilon ((a), (b), (eps))

/* One reference spike at 1000 ms and targets at chosen lags (binary fractions, so every lag is
 * exact). Mode sim: d = 3, τ = 4, W = 50: window (3, 7], window back [−7, −3), flanks
 * (−50, −25] and [25, 50). */
static void
test_cc_counts (void)
{
  const double ref[] = { 1000.0 };
  const double target[] = { 950.0, 975.0, 993.0, 997.0, 1003.0, 1003.5, 1007.0, 1007.5,
                            1025.0, 1049.5, 1050.0 };
  GlmccParams params;
  GlmccCcCounts counts;

  glmcc_params_init (&params);
  params.mode = GLMCC_MODE_SIM;
  params.method = GLMCC_METHOD_CC;
  g_assert_true (glmcc_params_validate (&params, NULL));
  glmcc_cc_count (&params, ref, 1, target, G_N_ELEMENTS (target), &counts);
  /* −50 and +50 are outside (−W, W). */
  g_assert_cmpuint (counts.n_lags, ==, 9);
  /* −25, 25, 49.5 */
  g_assert_cmpuint (counts.flank, ==, 3);
  /* 3.5 and 7, not 3 nor 7.5 */
  g_assert_cmpuint (counts.window_plus[0], ==, 2);
  /* −7, not −3 */
  g_assert_cmpuint (counts.window_minus[0], ==, 1);

  /* Mode exp: each delay its window; (1, 5] holds 3, 3.5; (4, 8] holds 7, 7.5. */
  params.mode = GLMCC_MODE_EXP;
  glmcc_cc_count (&params, ref, 1, target, G_N_ELEMENTS (target), &counts);
  g_assert_cmpuint (counts.window_plus[0], ==, 2);
  g_assert_cmpuint (counts.window_plus[3], ==, 2);
  /* [−5, −1) holds −3; [−8, −4) holds −7. */
  g_assert_cmpuint (counts.window_minus[0], ==, 1);
  g_assert_cmpuint (counts.window_minus[3], ==, 1);
}

static void
test_cc_binomial (void)
{
  /* Binomial(5, 1/2): P(X ≥ 5) = 1/32, doubled. */
  CLOSE (glmcc_cc_binomial_p (5, 5, 0.5), 2.0 / 32.0, 1e-12);
  /* Binomial(3, 1/2): P(X ≤ 0) = 1/8, doubled. */
  CLOSE (glmcc_cc_binomial_p (0, 3, 0.5), 0.25, 1e-12);
  /* Binomial(4, 1/2) at its middle: capped at 1. */
  CLOSE (glmcc_cc_binomial_p (2, 4, 0.5), 1.0, 1e-12);
  g_assert_cmpfloat (glmcc_cc_binomial_p (0, 0, 0.5), ==, 1.0);
}

/* 500 lags in the flanks (W = 50 ms) make a baseline of 40 lags in a 4 ms window. */
static void
test_cc_decide (void)
{
  GlmccParams params;
  GlmccCcCounts counts = { 0 };
  GlmccEdge edge;
  const double pi = 4.0 / 54.0;

  glmcc_params_init (&params);
  params.mode = GLMCC_MODE_SIM;
  params.method = GLMCC_METHOD_CC;
  counts.n_lags = 1000;
  counts.flank = 500;

  counts.window_plus[0] = 40;
  glmcc_cc_decide (&params, &counts, TRUE, &edge);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_NOT_SIGNIFICANT);
  CLOSE (edge.j, 0.0, 1e-12);
  CLOSE (edge.p_value, glmcc_cc_binomial_p (40, 540, pi), 1e-15);
  g_assert_true (isnan (edge.q_value));

  counts.window_plus[0] = 90;
  glmcc_cc_decide (&params, &counts, TRUE, &edge);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_SIGNIFICANT);
  CLOSE (edge.j, 90.0 / 40.0 - 1.0, 1e-12);
  g_assert_cmpfloat (edge.psp_mv, ==, edge.j);
  g_assert_cmpfloat (edge.statistic, >, edge.threshold);
  g_assert_cmpfloat (edge.delay_ms, ==, 3.0);
  /* z is the p-value in standard deviations: z_α = 3.29 at α = 10⁻³. */
  CLOSE (edge.threshold, 3.2905267, 1e-6);

  counts.window_minus[0] = 5;
  glmcc_cc_decide (&params, &counts, FALSE, &edge);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_SIGNIFICANT);
  CLOSE (edge.j, 5.0 / 40.0 - 1.0, 1e-12);
  g_assert_cmpfloat (edge.statistic, <, -edge.threshold);

  /* Mode exp: the smallest p of the four delays, times four; ties keep the first delay. */
  params.mode = GLMCC_MODE_EXP;
  for (guint i = 0; i < 4; i++)
    counts.window_plus[i] = 40;
  counts.window_plus[2] = 60;
  glmcc_cc_decide (&params, &counts, TRUE, &edge);
  g_assert_cmpfloat (edge.delay_ms, ==, 3.0);
  CLOSE (edge.p_value, MIN (1.0, 4.0 * glmcc_cc_binomial_p (60, 560, pi)), 1e-15);
  CLOSE (edge.threshold, 3.6622599, 1e-6);    /* z at α / 8 */

  /* No lags at all: nothing to test. */
  memset (&counts, 0, sizeof counts);
  glmcc_cc_decide (&params, &counts, TRUE, &edge);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_NO_LAGS);
}

/* One reference spike at 100 ms and one target spike in the jitter interval [100, 105): moved
 * uniformly, its lag is uniform on [0, 5), so each of the bins (0, 1] … (4, 5] expects 1/5. */
static void
test_jitter_moments (void)
{
  g_autoptr(GlmccJitterWorkspace) ws = glmcc_jitter_workspace_new ();
  const double pre[] = { 100.0 };
  const double post[] = { 103.2 };
  double expected[8], lo[8], hi[8], glo[8], ghi[8];
  GlmccParams params;

  glmcc_params_init (&params);
  params.method = GLMCC_METHOD_JITTER;
  params.surrogates = 2000;
  glmcc_jitter_bands (ws, &params, pre, 1, post, 1, 7, 8, expected, lo, hi, glo, ghi);
  for (guint k = 0; k < 8; k++)
    {
      CLOSE (expected[k], k < 5 ? 0.2 : 0.0, 1e-12);
      g_assert_cmpfloat (lo[k], ==, 0.0);
      g_assert_cmpfloat (hi[k], ==, k < 5 ? 1.0 : 0.0);
    }
  /* The tested lags in mode exp are (1, 8]: bins 1 to 7 have a global band (where they vary). */
  g_assert_true (isnan (glo[0]));
  g_assert_true (isfinite (ghi[1]) && ghi[1] > 0.2);
  g_assert_true (isnan (ghi[6]));   /* its count cannot vary */
}

/* A postsynaptic train that follows the presynaptic one by 4–4.5 ms half of the time, on top
 * of its own Poisson spikes: a sharp synchrony the jitter destroys. (At 2 ms, jittering the
 * presynaptic train in the test of the other direction would spread the peak at −2 ms into the
 * tested lags (1, 8], and the data's deficit there would be called a connection back: the
 * jitter method is not directional within a jitter width.) */
static void
make_pair (guint    seed,
           gboolean coupled,
           GArray  *pre,
           GArray  *post)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double t = 0.0;

  while ((t += -log1p (-g_rand_double (rand)) * 100.0) < 300000.0)
    g_array_append_val (pre, t);
  t = 0.0;
  while ((t += -log1p (-g_rand_double (rand)) * 100.0) < 300000.0)
    g_array_append_val (post, t);
  if (coupled)
    for (guint i = 0; i < pre->len; i += 2)
      {
        double x = g_array_index (pre, double, i) + 4.0 + 0.5 * g_rand_double (rand);
        g_array_append_val (post, x);
      }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_jitter_detects (void)
{
  g_autoptr(GArray) pre = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) post = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pre0 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) post0 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GlmccJitterWorkspace) ws = glmcc_jitter_workspace_new ();
  GlmccParams params;
  GlmccEdge edge, again;

  glmcc_params_init (&params);
  params.method = GLMCC_METHOD_JITTER;

  make_pair (3, TRUE, pre, post);
  g_array_sort (post, compare_doubles);
  glmcc_jitter_test (ws, &params, (double *) (gpointer) pre->data, pre->len,
                     (double *) (gpointer) post->data, post->len, 1, 100, &edge);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_SIGNIFICANT);
  /* Nothing beats it: p = 1/(N + 1). */
  CLOSE (edge.p_value, 1.0 / 1001.0, 1e-15);
  g_assert_cmpfloat (edge.statistic, >, 5.0);
  g_assert_cmpfloat (edge.j, >, 0.0);
  /* The peak is in the bin (4, 5]. */
  g_assert_cmpfloat (edge.delay_ms, ==, 4.0);
  /* The other direction: nothing there. */
  glmcc_jitter_test (ws, &params, (double *) (gpointer) post->data, post->len,
                     (double *) (gpointer) pre->data, pre->len, 2, 100, &edge);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_NOT_SIGNIFICANT);

  /* Independent trains: not significant, and the same p for the same seed and stream. */
  make_pair (4, FALSE, pre0, post0);
  g_array_sort (post0, compare_doubles);
  glmcc_jitter_test (ws, &params, (double *) (gpointer) pre0->data, pre0->len,
                     (double *) (gpointer) post0->data, post0->len, 5, 100, &edge);
  glmcc_jitter_test (ws, &params, (double *) (gpointer) pre0->data, pre0->len,
                     (double *) (gpointer) post0->data, post0->len, 5, 100, &again);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_NOT_SIGNIFICANT);
  g_assert_cmpfloat (edge.p_value, >, 0.001);
  g_assert_cmpfloat (edge.p_value, ==, again.p_value);
}

static GlmccRecording *
simulated (void)
{
  GlmccSimParams params;
  g_autoptr(GlmccSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  glmcc_sim_params_init (&params);
  params.n_neurons = 10;
  params.duration_s = 200.0;
  params.seed = 5;
  params.rate_hz = 8.0;
  /* Strong synapses, so that both baselines find some in 200 s. */
  params.p_exc = 0.3;
  params.epsp_mv = 3.0;
  params.ipsp_mv = -4.0;
  sim = glmcc_simulate (&params, NULL, &error);
  g_assert_no_error (error);
  recording = glmcc_simulation_to_recording (sim, &error);
  g_assert_no_error (error);
  return recording;
}

static GlmccResults *
run_engine (GlmccRecording    *recording,
            const GlmccParams *params,
            guint              n_threads)
{
  GlmccResults *results = glmcc_results_new (recording, params);
  g_autoptr(GlmccEngine) engine = glmcc_engine_new (results);
  g_autoptr(GError) error = NULL;

  glmcc_engine_set_threads (engine, n_threads);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  return results;
}

/* The engine runs each baseline; any thread count gives the same edges, bit for bit. */
static void
test_engine_threads (void)
{
  g_autoptr(GlmccRecording) recording = simulated ();
  static const GlmccMethod methods[] = { GLMCC_METHOD_CC, GLMCC_METHOD_JITTER };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      GlmccParams params;
      g_autoptr(GlmccResults) one = NULL;
      g_autoptr(GlmccResults) three = NULL;
      guint n_significant = 0;

      glmcc_params_init (&params);
      params.method = methods[m];
      params.surrogates = 200;
      params.alpha = 0.01;
      one = run_engine (recording, &params, 1);
      three = run_engine (recording, &params, 3);
      for (guint pre = 0; pre < 10; pre++)
        for (guint post = 0; post < 10; post++)
          {
            GlmccEdge a, b;

            if (pre == post)
              continue;
            a = glmcc_results_get_edge (one, pre, post);
            b = glmcc_results_get_edge (three, pre, post);
            g_assert_cmpint (a.status, ==, b.status);
            g_assert_true (memcmp (&a.p_value, &b.p_value, sizeof (double)) == 0);
            g_assert_true (memcmp (&a.statistic, &b.statistic, sizeof (double)) == 0);
            g_assert_true (memcmp (&a.j, &b.j, sizeof (double)) == 0);
            g_assert_cmpfloat (a.delay_ms, ==, b.delay_ms);
            g_assert_cmpuint (a.n_lags, ==, b.n_lags);
            g_assert_true (a.status == GLMCC_STATUS_SIGNIFICANT
                           || a.status == GLMCC_STATUS_NOT_SIGNIFICANT);
            g_assert_true (a.p_value > 0.0 && a.p_value <= 1.0);
            g_assert_true ((a.status == GLMCC_STATUS_SIGNIFICANT) == (a.p_value <= 0.01));
            n_significant += a.status == GLMCC_STATUS_SIGNIFICANT;
          }
      /* The network has connections, and both baselines find some. */
      g_assert_cmpuint (n_significant, >, 0);

      /* Another seed gives the jitter other surrogates. */
      if (methods[m] == GLMCC_METHOD_JITTER)
        {
          g_autoptr(GlmccResults) other = NULL;
          guint differ = 0;

          params.seed = 2;
          other = run_engine (recording, &params, 2);
          for (guint pre = 0; pre < 10; pre++)
            for (guint post = 0; post < 10; post++)
              if (pre != post)
                differ += glmcc_results_get_edge (other, pre, post).p_value
                          != glmcc_results_get_edge (one, pre, post).p_value;
          g_assert_cmpuint (differ, >, 0);
        }
    }
}

/* The parameters refuse what cannot work, naming the parameter. */
static void
test_params (void)
{
  GlmccParams params;
  g_autoptr(GError) error = NULL;

  glmcc_params_init (&params);
  params.method = GLMCC_METHOD_JITTER;
  params.surrogates = 500;
  g_assert_false (glmcc_params_validate (&params, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_SURROGATES);
  g_clear_error (&error);
  /* With FDR control, α does not bound the p-values needed. */
  params.fdr = 0.05;
  g_assert_true (glmcc_params_validate (&params, NULL));

  glmcc_params_init (&params);
  params.method = GLMCC_METHOD_CC;
  params.compat_reference = TRUE;
  g_assert_false (glmcc_params_validate (&params, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_METHOD);
  g_clear_error (&error);

  glmcc_params_init (&params);
  params.method = GLMCC_METHOD_CC;
  params.window_ms = 12.0;   /* the window after 4 ms ends at 8 ms, past W/2 = 6 */
  g_assert_false (glmcc_params_validate (&params, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_WINDOW);
  g_clear_error (&error);

  glmcc_params_init (&params);
  params.fdr = 1.0;
  g_assert_false (glmcc_params_validate (&params, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_FDR);
  g_clear_error (&error);
  params.fdr = 0.1;
  params.compat_reference = TRUE;
  g_assert_false (glmcc_params_validate (&params, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_FDR);

  /* The baselines keep the Wald level whatever the test says; the jitter's options matter for
   * equality only to the jitter. */
  {
    GlmccParams a, b;

    glmcc_params_init (&a);
    a.test = GLMCC_TEST_LR;
    a.method = GLMCC_METHOD_CC;
    g_assert_cmpfloat (glmcc_params_get_alpha (&a), ==, 1e-3);
    b = a;
    b.seed = 9;
    g_assert_true (glmcc_params_equal (&a, &b));
    a.method = b.method = GLMCC_METHOD_JITTER;
    g_assert_false (glmcc_params_equal (&a, &b));
    b.seed = a.seed;
    b.method = GLMCC_METHOD_CC;
    g_assert_false (glmcc_params_equal (&a, &b));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/baselines/cc-counts", test_cc_counts);
  g_test_add_func ("/baselines/cc-binomial", test_cc_binomial);
  g_test_add_func ("/baselines/cc-decide", test_cc_decide);
  g_test_add_func ("/baselines/jitter-moments", test_jitter_moments);
  g_test_add_func ("/baselines/jitter-detects", test_jitter_detects);
  g_test_add_func ("/baselines/engine-threads", test_engine_threads);
  g_test_add_func ("/baselines/params", test_params);
  return g_test_run ();
}
