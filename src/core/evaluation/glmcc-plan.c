/* glmcc-plan.c: the recording time needed to detect a connection (METHOD §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Wald test calls J significant when |J| > k / sqrt(τ c̄), with k = 1.57·z_α, and c̄, the
 * expected count per correlogram bin near the delay, is about λ_pre·λ_post·T·Δ. A connection
 * of PSP w has |J| = |w| / c (c = 2.532 mV for E, 0.612 mV for I), so it is detected once
 *
 *     T > (k·c)² / (τ λ_pre λ_post w²)         (τ in s, λ in Hz, T in s).
 *
 * Independently, GLMCC declines to test a side with τ·c̄ <= 10 (τ in ms, the number of bins
 * it averages over), which needs T > 10 / (τ_ms λ_pre λ_post Δ_s).
 */
#define G_LOG_DOMAIN "glmcc-plan"

#include "config.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "glmcc-error.h"
#include "glmcc-plan.h"

#define PSP_PER_J_EXC 2.532
#define PSP_PER_J_INH 0.612

void
glmcc_plan_input_init (GlmccPlanInput *input)
{
  g_return_if_fail (input != NULL);

  input->rate_pre_hz = 0.0;
  input->rate_post_hz = 0.0;
  input->psp_mv = 0.0;
  input->tau_ms = 4.0;
  input->alpha = 1e-3;
  input->bin_ms = 1.0;
  input->compat = FALSE;
}

gboolean
glmcc_plan_compute (const GlmccPlanInput *in,
                    GlmccPlan            *plan,
                    GError              **error)
{
  double tau_s, lambda2;

  g_return_val_if_fail (in != NULL, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!(in->rate_pre_hz > 0) || !(in->rate_post_hz > 0) ||
      !isfinite (in->rate_pre_hz) || !isfinite (in->rate_post_hz))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   "firing rates must be positive, not %g Hz and %g Hz",
                   in->rate_pre_hz, in->rate_post_hz);
      return FALSE;
    }
  if (in->psp_mv == 0 || !isfinite (in->psp_mv))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   "the PSP must be a non-zero number of mV (positive for excitatory, "
                   "negative for inhibitory), not %g", in->psp_mv);
      return FALSE;
    }
  if (!(in->tau_ms > 0) || !isfinite (in->tau_ms) || !(in->bin_ms > 0))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   "τ and the bin must be positive, not %g ms and %g ms", in->tau_ms, in->bin_ms);
      return FALSE;
    }
  if (!in->compat && !(in->alpha > 0 && in->alpha < 1))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   "α must lie in (0, 1), not %g", in->alpha);
      return FALSE;
    }

  if (in->compat)
    plan->coefficient = 1.277 * sqrt (16.3);
  else
    plan->coefficient = 1.57 * gsl_cdf_ugaussian_Qinv (in->alpha / 2.0);
  plan->psp_per_j = in->psp_mv > 0 ? PSP_PER_J_EXC : PSP_PER_J_INH;
  plan->j = fabs (in->psp_mv) / plan->psp_per_j;

  tau_s = in->tau_ms / 1000.0;
  lambda2 = in->rate_pre_hz * in->rate_post_hz;
  plan->time_test_s = pow (plan->coefficient / plan->j, 2.0) / (tau_s * lambda2);
  plan->time_data_s = 10.0 / (in->tau_ms * lambda2 * (in->bin_ms / 1000.0));
  plan->time_s = MAX (plan->time_test_s, plan->time_data_s);
  return TRUE;
}
