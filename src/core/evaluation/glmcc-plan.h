/* glmcc-plan.h: the recording time needed to detect a connection (METHOD §10), and the
 * smallest connection a recording can reveal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

typedef struct
{
  double    rate_pre_hz;
  double    rate_post_hz;
  double    psp_mv;        /* > 0 excitatory, < 0 inhibitory */
  double    tau_ms;        /* 4 */
  double    alpha;         /* two-sided level per directed pair, delay choice included: 0.001 */
  double    bin_ms;        /* Δ, 1 */
  gboolean  compat;        /* the published threshold 1.277·√16.3/√(τ c̄) instead of the default test */
  double    window_ms;     /* W, 50 */
  double    gamma;         /* smoothness of a(t); 0 = the Wald test's 5e-4 */
  guint     n_delays;      /* delays tried (4 in mode exp, 1 in mode sim): the p-value is multiplied by it */
  double    delay_ms;      /* the connection's delay, 3 */
  double    power;         /* the chance of finding it that the time is planned for: 0.5 */
} GlmccPlanInput;

typedef struct
{
  double psp_per_j;       /* 2.532 (E) or 0.612 (I), mV */
  double j;               /* J of the connection: PSP / psp_per_j (signed) */
  double z_threshold;     /* |J| / its standard error must pass this: Φ⁻¹(1 − α / (2K)) */
  double time_test_s;     /* T at which the test finds the connection with the planned power */
  double time_even_s;     /* T at which it finds it half the time (the published formula's T) */
  double time_data_s;     /* T at which τ·c̄ exceeds 10 (else GLMCC reports insufficient data) */
  double time_s;          /* the larger of time_test_s and time_data_s */
  double standard_error;  /* of J at time_s: the sandwich error of the default test */
  double coefficient;     /* the k of |J| > k / √(τ c̄) at time_s (the published code: 1.277·√16.3
                           * = 5.16; the default test's grows slowly with T as a(t) gets more
                           * flexible) */
} GlmccPlan;

void     glmcc_plan_input_init     (GlmccPlanInput       *input);
/* Plans the recording time. Default mode: the standard error of J comes from the fit itself —
 * the sandwich variance at a flat correlogram with the counts the rates and length give, with
 * the connection's own J — and the test's threshold includes the correction for the delay
 * choice; T is where the power reaches input->power. Compat: T ≳ (1.277·√16.3·c)² / (τ λ λ w²). */
gboolean glmcc_plan_compute        (const GlmccPlanInput *input,
                                    GlmccPlan            *plan,
                                    GError              **error);
/* The sandwich standard error of J for a correlogram of @c_bar expected lags per bin (flat
 * slow part) and a coupling @j on one side, from the fit machinery; NAN if it fails. */
double   glmcc_plan_standard_error (const GlmccPlanInput *input,
                                    double                c_bar,
                                    double                j);
/* The chance that the default test calls a connection of coupling @j significant with the
 * right sign when the correlogram holds @c_bar lags per bin (0 when τ·c̄ ≤ 10). */
double   glmcc_plan_power          (const GlmccPlanInput *input,
                                    double                c_bar,
                                    double                j);
/* The smallest excitatory and inhibitory PSPs (mV, the second negative) found with
 * input->power at @c_bar lags per bin; INFINITY where no PSP up to |J| = 8 is. */
void     glmcc_plan_min_psp        (const GlmccPlanInput *input,
                                    double                c_bar,
                                    double               *excitatory_mv,
                                    double               *inhibitory_mv);
/* For every directed pair of @recording (row = pre, column = post, n × n each, the diagonal
 * NAN): the smallest PSPs it can reveal at its rates and length (the planner's matrix mode).
 * The standard error depends on the rates and length only through c̄ = λ_pre·λ_post·T·Δ, so
 * it is computed on a grid of c̄ and interpolated: fast for thousands of neurons. */
void     glmcc_plan_min_psp_matrix (const GlmccPlanInput *input,
                                    GlmccRecording       *recording,
                                    double               *excitatory_mv,
                                    double               *inhibitory_mv);

G_END_DECLS
