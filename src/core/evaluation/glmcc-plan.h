/* glmcc-plan.h: the recording time needed to detect a connection (METHOD §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double rate_pre_hz;
  double rate_post_hz;
  double psp_mv;        /* > 0 excitatory, < 0 inhibitory */
  double tau_ms;        /* 4 */
  double alpha;         /* two-sided level of the Wald test, 0.001 */
  double bin_ms;        /* Δ, 1 */
  gboolean compat;      /* the published code's coefficient 1.277·√16.3 instead of 1.57·z_α */
} GlmccPlanInput;

typedef struct
{
  double coefficient;    /* 1.57·z_α, or 1.277·√16.3 */
  double psp_per_j;      /* 2.532 (E) or 0.612 (I), mV */
  double j;              /* |J| of the connection: |PSP| / psp_per_j */
  double time_test_s;    /* T at which |J| reaches the threshold */
  double time_data_s;    /* T at which τ·c̄ exceeds 10 (else GLMCC reports insufficient data) */
  double time_s;         /* the larger of the two */
} GlmccPlan;

void     glmcc_plan_input_init (GlmccPlanInput       *input);
/* T ≳ (coefficient·c)² / (τ λ_pre λ_post w²), and τ·λ_pre·λ_post·T·Δ > 10. */
gboolean glmcc_plan_compute    (const GlmccPlanInput *input,
                                GlmccPlan            *plan,
                                GError              **error);

G_END_DECLS
