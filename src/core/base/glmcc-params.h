/* glmcc-params.h: the hyperparameters of one analysis (a plain value struct)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLMCC_MAX_DELAYS 16

typedef enum
{
  GLMCC_MODE_SIM,  /* delay fixed (3 ms) */
  GLMCC_MODE_EXP,  /* delay chosen from params->delays_ms */
} GlmccMode;

typedef enum
{
  GLMCC_TEST_WALD, /* original GLMCC: |J| > 1.57 z_α / sqrt(τ c̄) */
  GLMCC_TEST_LR,   /* revised GLMCC: likelihood ratio against J = 0 */
} GlmccTest;

typedef struct
{
  GlmccMode mode;
  GlmccTest test;
  double    window_ms;          /* half window W, 50 */
  double    bin_ms;             /* Δ, 1 */
  double    tau_ms;             /* τ for both sides, 4 */
  double    gamma;              /* smoothness; 0 = 5e-4 (Wald) or 2e-4 (LR) */
  double    alpha;              /* two-sided level; 0 = 1e-3 (Wald) or 1e-4 (LR) */
  double    exclude_center_ms;  /* lags with |t| <= this are left out; 0 = none */
  double    sim_delay_ms;       /* the delay of mode sim, 3 */
  guint     n_delays;           /* candidate delays of mode exp */
  double    delays_ms[GLMCC_MAX_DELAYS];
  gboolean  compat_reference;   /* reproduce the published code, defects included */
} GlmccParams;

void        glmcc_params_init          (GlmccParams       *params);
gboolean    glmcc_params_validate      (const GlmccParams *params,
                                        GError           **error);
double      glmcc_params_get_gamma     (const GlmccParams *params);
double      glmcc_params_get_beta      (const GlmccParams *params);
double      glmcc_params_get_alpha     (const GlmccParams *params);
guint       glmcc_params_get_n_bins    (const GlmccParams *params);
/* The delays fitted for each pair: one in mode sim, the candidates in mode exp. */
guint       glmcc_params_get_delays    (const GlmccParams *params,
                                        const double     **delays_ms);
gboolean    glmcc_params_equal         (const GlmccParams *a,
                                        const GlmccParams *b);
/* Parses "1,2,3,4" into the delay list. */
gboolean    glmcc_params_set_delays    (GlmccParams       *params,
                                        const char        *list,
                                        GError           **error);
const char *glmcc_mode_to_string       (GlmccMode          mode);
const char *glmcc_test_to_string       (GlmccTest          test);

G_END_DECLS
