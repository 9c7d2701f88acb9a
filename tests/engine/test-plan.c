/* test-plan.c: recording time needed (METHOD §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-error.h"
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

static void
test_default_mode (void)
{
  GlmccPlanInput in;
  GlmccPlan plan, looser;

  glmcc_plan_input_init (&in);
  in.rate_pre_hz = 5.0;
  in.rate_post_hz = 5.0;
  in.psp_mv = 0.5;
  g_assert_true (glmcc_plan_compute (&in, &plan, NULL));
  /* 1.57 · z_{0.0005} = 1.57 · 3.2905 */
  g_assert_cmpfloat (fabs (plan.coefficient - 5.1661), <, 1e-3);
  g_assert_cmpfloat (fabs (plan.j - 0.5 / 2.532), <, 1e-12);
  g_assert_cmpfloat (fabs (plan.time_s - pow (5.1661 * 2.532 / 0.5, 2) / (0.004 * 25)), <, 5.0);

  /* Scaling: T ∝ 1/(λ λ w²), and a larger α needs less time; τ = 1 ms needs 4× more. */
  in.psp_mv = 1.0;
  g_assert_true (glmcc_plan_compute (&in, &looser, NULL));
  g_assert_cmpfloat (fabs (plan.time_test_s / looser.time_test_s - 4.0), <, 1e-9);
  in.alpha = 0.01;
  g_assert_true (glmcc_plan_compute (&in, &plan, NULL));
  g_assert_cmpfloat (plan.time_test_s, <, looser.time_test_s);
  in.alpha = 1e-3;
  in.tau_ms = 1.0;
  g_assert_true (glmcc_plan_compute (&in, &plan, NULL));
  g_assert_cmpfloat (fabs (plan.time_test_s / looser.time_test_s - 4.0), <, 1e-9);
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
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/method-examples", test_method_examples);
  g_test_add_func ("/plan/default-mode", test_default_mode);
  g_test_add_func ("/plan/invalid", test_invalid);

  return g_test_run ();
}
