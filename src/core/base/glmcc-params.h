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

/* The detection method of a run: GLMCC, or one of the two baselines it is compared with. */
typedef enum
{
  GLMCC_METHOD_GLMCC,   /* the GLM fit of the correlogram (the default) */
  GLMCC_METHOD_CC,      /* classical cross-correlation test: window after the delay against the flanks */
  GLMCC_METHOD_JITTER,  /* interval jitter of the postsynaptic train (Amarasingham et al. 2012) */
} GlmccMethod;

#define GLMCC_DEFAULT_SURROGATES 1000
#define GLMCC_DEFAULT_JITTER_WIDTH_MS 5.0

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
  GlmccMethod method;           /* GLMCC or a baseline */
  double    fdr;                /* 0: decide by α per edge; else Benjamini–Hochberg at this q */
  guint     surrogates;         /* jitter: surrogates per directed edge at most; 0 = 1000 */
  double    jitter_width_ms;    /* jitter: width of the jitter intervals; 0 = 5 ms */
  guint32   seed;               /* jitter: the surrogates of a run are a function of this */
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
guint       glmcc_params_get_surrogates   (const GlmccParams *params);
double      glmcc_params_get_jitter_width (const GlmccParams *params);
const char *glmcc_mode_to_string       (GlmccMode          mode);
const char *glmcc_test_to_string       (GlmccTest          test);
const char *glmcc_method_to_string     (GlmccMethod        method);
/* "glmcc", "cc" or "jitter" (case-insensitive). */
gboolean    glmcc_method_from_string   (const char        *text,
                                        GlmccMethod       *method);

G_END_DECLS
