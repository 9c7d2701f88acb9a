/* test-null.c: no connection where there is none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small, deterministic version of `glmcc bench --null`: independent Poisson neurons at low
 * and high rates, with exact times and with times on the grids acquisition systems use, for
 * both tests and both delay modes. Every condition must keep its false connections and its
 * p-values <= 0.01 within the 0.999 binomial quantiles, and every decision must be p <= α.
 * Before the default mode was calibrated, the 50 Hz conditions on a 0.1 ms grid called most
 * of these edges connected. The two baselines (the classical cross-correlation test and the
 * jitter method) keep the same promise on the same conditions.
 */
#include "config.h"

#include <math.h>

#include "glmcc-null.h"

typedef struct
{
  double rate_hz;
  double duration_s;
  double sample_rate_hz;
} Condition;

static const Condition conditions[] = {
  { 5.0, 600.0, 0.0 },
  { 20.0, 300.0, 10000.0 },
  { 50.0, 200.0, 10000.0 },
  { 50.0, 200.0, 30000.0 },
};

static void
check_method (GlmccMethod method,
              GlmccTest   test)
{
  static const GlmccMode modes[] = { GLMCC_MODE_SIM, GLMCC_MODE_EXP };
  GlmccNullSummary pooled = { 0 };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint c = 0; c < G_N_ELEMENTS (conditions); c++)
      {
        GlmccNullCondition condition = {
          .n_neurons = 14,
          .rate_hz = conditions[c].rate_hz,
          .duration_s = conditions[c].duration_s,
          .sample_rate_hz = conditions[c].sample_rate_hz,
          .seed = 40 + c,
        };
        g_autoptr(GlmccRecording) recording = glmcc_null_recording (&condition);
        GlmccParams params;
        GlmccNullSummary summary;

        glmcc_params_init (&params);
        params.method = method;
        params.test = test;
        params.mode = modes[m];
        glmcc_null_analyse (recording, &params, 2, &summary);
        g_test_message ("%s %s %s %g Hz %g s grid %g Hz: %" G_GUINT64_FORMAT " tested, %"
                        G_GUINT64_FORMAT " false (<= %" G_GUINT64_FORMAT "), %" G_GUINT64_FORMAT
                        " p <= 0.01 (<= %" G_GUINT64_FORMAT "), KS %.3f",
                        glmcc_method_to_string (method), glmcc_test_to_string (test),
                        glmcc_mode_to_string (modes[m]),
                        condition.rate_hz, condition.duration_s, condition.sample_rate_hz,
                        summary.n_tested, summary.n_significant, summary.bound_significant,
                        summary.n_p_001, summary.bound_p_001, summary.ks);
        g_assert_cmpuint (summary.n_tested, ==, summary.n_edges);
        g_assert_cmpuint (summary.n_mismatch, ==, 0);
        g_assert_cmpuint (summary.n_failed, ==, 0);
        g_assert_true (glmcc_null_summary_ok (&summary));
        pooled.n_tested += summary.n_tested;
        pooled.n_significant += summary.n_significant;
        pooled.n_p_001 += summary.n_p_001;
      }
  /* Pooled over the conditions, the bounds are tighter. */
  g_assert_cmpuint (pooled.n_significant, <=,
                    glmcc_binomial_quantile (pooled.n_tested,
                                             method == GLMCC_METHOD_GLMCC && test == GLMCC_TEST_LR
                                               ? 1e-4 : 1e-3, 0.999));
  g_assert_cmpuint (pooled.n_p_001, <=, glmcc_binomial_quantile (pooled.n_tested, 0.01, 0.999));
}

static void
test_wald (void)
{
  check_method (GLMCC_METHOD_GLMCC, GLMCC_TEST_WALD);
}

static void
test_lr (void)
{
  check_method (GLMCC_METHOD_GLMCC, GLMCC_TEST_LR);
}

static void
test_cc (void)
{
  check_method (GLMCC_METHOD_CC, GLMCC_TEST_WALD);
}

static void
test_jitter (void)
{
  check_method (GLMCC_METHOD_JITTER, GLMCC_TEST_WALD);
}

/* The recordings are what a loader would make of such files: the grid shows in the times. */
static void
test_recording (void)
{
  GlmccNullCondition condition = { .n_neurons = 3, .rate_hz = 20.0, .duration_s = 10.0,
                                   .sample_rate_hz = 10000.0, .seed = 1 };
  g_autoptr(GlmccRecording) recording = glmcc_null_recording (&condition);
  g_autoptr(GlmccRecording) again = glmcc_null_recording (&condition);
  gsize n, m;
  const double *times = glmcc_recording_get_train (recording, 2, &n);
  const double *same = glmcc_recording_get_train (again, 2, &m);

  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  g_assert_cmpuint (n, >, 120);
  g_assert_cmpuint (n, <, 280);
  g_assert_cmpuint (n, ==, m);
  for (gsize k = 0; k < n; k++)
    {
      g_assert_cmpfloat (times[k], ==, same[k]);
      g_assert_cmpfloat (times[k], ==, glmcc_time_snap_ms (round (times[k] * 10.0) / 10.0));
      if (k > 0)
        g_assert_cmpfloat (times[k], >, times[k - 1]);
    }
  g_assert_cmpuint (glmcc_binomial_quantile (1000, 0.01, 0.999), ==, 21);
  g_assert_cmpuint (glmcc_binomial_quantile (0, 0.01, 0.999), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/null/recording", test_recording);
  g_test_add_func ("/null/wald", test_wald);
  g_test_add_func ("/null/lr", test_lr);
  g_test_add_func ("/null/cc", test_cc);
  g_test_add_func ("/null/jitter", test_jitter);
  return g_test_run ();
}
