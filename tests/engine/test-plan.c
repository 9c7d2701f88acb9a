/* test-plan.c: recording time needed (METHOD §10), against the published formula and against
 * simulated pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-pair.h"
#include "glmcc-plan.h"

/* METHOD §10's examples: 10 Hz each, 1 mV, code coefficient: E ≈ 426 s, I ≈ 25 s. */
static void
test_method_examples (void)
{
  GlmccPlanInput in;
  GlmccPlan plan;
  g_autoptr(GError) error = NULL;

  glmcc_plan_input_init (&in);
  in.rate_pre_hz = in.rate_post_hz = 10.0;
  in.psp_mv = 1.0;
  in.compat = TRUE;
  g_assert_true (glmcc_plan_compute (&in, &plan, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (plan.time_s - 426.0), <, 1.0);
  /* T·λ²·w² ≈ 4.26e4 */
  g_assert_cmpfloat (fabs (plan.time_test_s * 100.0 - 4.26e4), <, 0.01e4);

  in.psp_mv = -1.0;
  g_assert_true (glmcc_plan_compute (&in, &plan, &error));
  g_assert_cmpfloat (fabs (plan.time_test_s * 100.0 - 2.49e3), <, 0.01e3);
  /* At 10 Hz each the data rule needs 10 / (4 · 100 · 0.001) = 25 s. */
  g_assert_cmpfloat (fabs (plan.time_data_s - 25.0), <, 1e-9);
  g_assert_cmpfloat (plan.time_s, ==, MAX (plan.time_test_s, plan.time_data_s));
}

/* The default test: the T ∝ 1/(λ λ w²) law holds roughly — halving the PSP takes more than 4
 * times as long, since the error shrinks more slowly than 1/√T (a(t) gets more flexible with
 * more lags) — more power needs more time, a smaller α or more delays tried more time. */
static void
test_default_mode (void)
{
  GlmccPlanInput in;
  GlmccPlan plan, larger, more_power, sim, strict;

  glmcc_plan_input_init (&in);
  in.rate_pre_hz = 5.0;
  in.rate_post_hz = 5.0;
  in.psp_mv = 0.5;
  g_assert_true (glmcc_plan_compute (&in, &plan, NULL));
  g_assert_cmpfloat (fabs (plan.j - 0.5 / 2.532), <, 1e-12);
  /* z of α/8 (four delays, two-sided). */
  g_assert_cmpfloat (fabs (plan.z_threshold - 3.6623), <, 1e-3);
  /* Power 0.5 by default: the planned T is where |J| equals the threshold. */
  g_assert_cmpfloat (fabs (plan.time_test_s / plan.time_even_s - 1.0), <, 1e-6);
  g_assert_cmpfloat (fabs (fabs (plan.j) / plan.standard_error - plan.z_threshold), <, 1e-4);
  /* The effective constant of |J| > k/√(τ c̄) is near the published one, a little above. */
  g_assert_cmpfloat (plan.coefficient / plan.z_threshold, >, 1.4);
  g_assert_cmpfloat (plan.coefficient / plan.z_threshold, <, 2.0);

  in.psp_mv = 1.0;
  g_assert_true (glmcc_plan_compute (&in, &larger, NULL));
  g_assert_cmpfloat (plan.time_test_s / larger.time_test_s, >, 4.0);
  g_assert_cmpfloat (plan.time_test_s / larger.time_test_s, <, 7.0);
  in.psp_mv = 0.5;
  in.rate_pre_hz = 10.0;
  g_assert_true (glmcc_plan_compute (&in, &larger, NULL));
  g_assert_cmpfloat (fabs (plan.time_test_s / larger.time_test_s - 2.0), <, 0.3);
  in.rate_pre_hz = 5.0;

  in.power = 0.8;
  g_assert_true (glmcc_plan_compute (&in, &more_power, NULL));
  g_assert_cmpfloat (more_power.time_test_s, >, plan.time_test_s);
  g_assert_cmpfloat (fabs (more_power.time_even_s - plan.time_even_s), <, 1e-6 * plan.time_even_s);
  in.power = 0.5;
  in.n_delays = 1;
  g_assert_true (glmcc_plan_compute (&in, &sim, NULL));
  g_assert_cmpfloat (sim.time_test_s, <, plan.time_test_s);
  in.n_delays = 4;
  in.alpha = 1e-5;
  g_assert_true (glmcc_plan_compute (&in, &strict, NULL));
  g_assert_cmpfloat (strict.time_test_s, >, plan.time_test_s);

  /* Both signs: an IPSP of the same size has a larger |J| (0.612 mV per unit) and needs less. */
  in.alpha = 1e-3;
  in.psp_mv = -0.5;
  g_assert_true (glmcc_plan_compute (&in, &larger, NULL));
  g_assert_cmpfloat (larger.j, <, 0.0);
  g_assert_cmpfloat (larger.time_test_s, <, plan.time_test_s / 5.0);
}

/* The smallest PSPs are where the power reaches its target; more lags, smaller PSPs. */
static void
test_min_psp (void)
{
  GlmccPlanInput in;
  double e, i, e_long, i_long;

  glmcc_plan_input_init (&in);
  in.power = 0.8;
  glmcc_plan_min_psp (&in, 135.0, &e, &i);
  g_assert_cmpfloat (e, >, 0.0);
  g_assert_cmpfloat (i, <, 0.0);
  g_assert_cmpfloat (fabs (glmcc_plan_power (&in, 135.0, e / 2.532) - 0.8), <, 1e-3);
  g_assert_cmpfloat (fabs (glmcc_plan_power (&in, 135.0, i / 0.612) - 0.8), <, 1e-3);
  glmcc_plan_min_psp (&in, 1350.0, &e_long, &i_long);
  g_assert_cmpfloat (e_long, <, e);
  g_assert_cmpfloat (i_long, >, i);
  /* Too few lags to test at all. */
  glmcc_plan_min_psp (&in, 1.0, &e, &i);
  g_assert_true (isinf (e) && e > 0);
  g_assert_true (isinf (i) && i < 0);
}

/* A pair that follows GLMCC's model: the postsynaptic neuron fires at λ0·exp(J·Σ f(t − t_pre))
 * over the presynaptic spikes t_pre (f the kernel after the delay), made by thinning. */
static void
simulate_pair (GRand  *rand,
               double  rate_pre,
               double  rate_post,
               double  j,
               double  delay_ms,
               double  tau_ms,
               double  duration_s,
               GArray *pre,
               GArray *post)
{
  const double end = duration_s * 1000.0;
  /* Σ f above 5 is rare at these rates; the bound of the thinning. */
  const double bound = j > 0 ? exp (5.0 * j) : 1.0;
  const double rate_max = rate_post / 1000.0 * bound;
  double t = 0.0;
  guint first = 0;

  g_array_set_size (pre, 0);
  g_array_set_size (post, 0);
  while ((t += -log1p (-g_rand_double (rand)) * 1000.0 / rate_pre) < end)
    g_array_append_val (pre, t);
  t = 0.0;
  while ((t += -log1p (-g_rand_double (rand)) / rate_max) < end)
    {
      double sum = 0.0;

      while (first < pre->len && g_array_index (pre, double, first) < t - delay_ms - 12.0 * tau_ms)
        first++;
      for (guint k = first; k < pre->len && g_array_index (pre, double, k) <= t - delay_ms; k++)
        sum += exp (-(t - delay_ms - g_array_index (pre, double, k)) / tau_ms);
      if (g_rand_double (rand) * bound < exp (j * MIN (sum, 5.0)))
        {
          /* On the 0.01 ms grid of text files. */
          double x = round (t * 100.0) / 100.0;

          if (post->len == 0 || x > g_array_index (post, double, post->len - 1))
            g_array_append_val (post, x);
        }
    }
  for (guint k = 0; k < pre->len; k++)
    g_array_index (pre, double, k) = round (g_array_index (pre, double, k) * 100.0) / 100.0;
}

/* Detections with the right sign of M simulated pairs of J at T, by the default analysis. */
static double
detection_rate (double   j,
                double   duration_s,
                guint    m,
                guint32  seed,
                double  *mean_se)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) pre = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) post = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  GlmccParams params;
  GlmccWorkspace *ws;
  guint found = 0;
  double se_sum = 0.0;

  glmcc_params_init (&params);
  ws = glmcc_workspace_new (&params);
  for (guint i = 0; i < m; i++)
    {
      GlmccPairResult result;

      simulate_pair (rand, 10.0, 10.0, j, 3.0, 4.0, duration_s, pre, post);
      g_array_set_size (lags, 0);
      glmcc_lags_collect ((double *) (gpointer) pre->data, pre->len, (double *) (gpointer) post->data,
                          post->len, params.window_ms, lags);
      glmcc_pair_analyse_lags (ws, &params, (double *) (gpointer) lags->data, lags->len, &result);
      found += result.forward.status == GLMCC_STATUS_SIGNIFICANT && result.forward.j * j > 0;
      se_sum += result.sd_plus;
    }
  glmcc_workspace_free (ws);
  if (mean_se != NULL)
    *mean_se = se_sum / m;
  return (double) found / m;
}

/* The planned length finds the connection about as often as the plan says: 10 Hz pairs, an
 * EPSP and an IPSP, at the lengths planned for a power of 0.5 and of 0.8 (60 pairs each:
 * ±0.065 and ±0.052 binomial standard deviations). */
static void
test_against_simulation (void)
{
  static const double psps[] = { 1.6, -0.35 };
  static const double powers[] = { 0.5, 0.8 };

  for (guint s = 0; s < G_N_ELEMENTS (psps); s++)
    for (guint p = 0; p < G_N_ELEMENTS (powers); p++)
      {
        GlmccPlanInput in;
        GlmccPlan plan;
        double rate, se, planned_se;

        glmcc_plan_input_init (&in);
        in.rate_pre_hz = in.rate_post_hz = 10.0;
        in.psp_mv = psps[s];
        in.power = powers[p];
        g_assert_true (glmcc_plan_compute (&in, &plan, NULL));
        g_assert_cmpfloat (plan.time_s, >, 30.0);
        g_assert_cmpfloat (plan.time_s, <, 2000.0);
        rate = detection_rate (plan.j, plan.time_s, 60, 17 + 10 * s + p, &se);
        planned_se = plan.standard_error;
        g_test_message ("PSP %+g mV (J %+.3f): planned %.0f s for power %.1f, found %.2f; "
                        "standard error planned %.4f, fitted %.4f", psps[s], plan.j, plan.time_s,
                        powers[p], rate, planned_se, se);
        g_assert_cmpfloat (fabs (rate - powers[p]), <, 0.2);
        /* The planner's error is the fit's. */
        g_assert_cmpfloat (fabs (se / planned_se - 1.0), <, 0.1);
      }
}

static void
test_invalid (void)
{
  GlmccPlanInput in;
  GlmccPlan plan;
  g_autoptr(GError) error = NULL;

  glmcc_plan_input_init (&in);
  in.rate_pre_hz = 5.0;
  in.rate_post_hz = 5.0;
  g_assert_false (glmcc_plan_compute (&in, &plan, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "PSP"));
  g_clear_error (&error);

  in.psp_mv = 1.0;
  in.rate_post_hz = 0.0;
  g_assert_false (glmcc_plan_compute (&in, &plan, &error));
  g_assert_nonnull (strstr (error->message, "rates"));
  g_clear_error (&error);

  in.rate_post_hz = 5.0;
  in.alpha = 1.5;
  g_assert_false (glmcc_plan_compute (&in, &plan, &error));
  g_assert_nonnull (strstr (error->message, "α"));
  g_clear_error (&error);

  in.alpha = 1e-3;
  in.power = 1.0;
  g_assert_false (glmcc_plan_compute (&in, &plan, &error));
  g_assert_nonnull (strstr (error->message, "power"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/method-examples", test_method_examples);
  g_test_add_func ("/plan/default-mode", test_default_mode);
  g_test_add_func ("/plan/min-psp", test_min_psp);
  g_test_add_func ("/plan/against-simulation", test_against_simulation);
  g_test_add_func ("/plan/invalid", test_invalid);

  return g_test_run ();
}
