/* glmcc-pair.h: one pair of neurons: lags, correlogram, fits for every delay, tests, PSP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-correlogram.h"
#include "glmcc-fit.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

/* One directed connection as the outputs report it. */
typedef struct
{
  GlmccStatus status;
  double      j;          /* fitted coupling (0 when τ·c̄ <= 10, as the reference writes it) */
  double      threshold;  /* Wald: the |J| a connection must exceed; LR: NAN */
  double      statistic;  /* Wald: J / J_min … (the z-like ratio); LR: 2·D */
  double      p_value;
  double      psp_mv;     /* 0 unless significant */
  double      delay_ms;
  guint64     n_lags;     /* lags in the window: a 64-bit count */
  double      q_value;    /* Benjamini–Hochberg q over the run's tested edges; NAN until the
                           * whole run is done (glmcc_results_compute_q_values()) */
} GlmccEdge;

/* Both directions of a pair, fitted once with the reference as R and the target as X:
 * forward = R → X (J+, lags t > d), backward = X → R (J−, lags t < −d). */
typedef struct
{
  GlmccEdge forward;
  GlmccEdge backward;
  guint64   n_lags;
  guint     n_delays;
  guint     delay_index;                 /* the chosen delay */
  double    delays_ms[GLMCC_MAX_DELAYS];
  double    log_post[GLMCC_MAX_DELAYS];
  double    log_lik[GLMCC_MAX_DELAYS];
  GlmccFitResult fit;                    /* the fit at the chosen delay */
  double    c_bar_plus;                  /* c̄ of each side (expected count per bin) */
  double    c_bar_minus;
  double    j_min_plus;
  double    j_min_minus;
  double    d_plus;                      /* LR: log-likelihood differences (compat) or log-posterior
                                          * differences (default) to the fit without that
                                          * coupling; else 0 */
  double    d_minus;
  double    sd_plus;                     /* default mode: sandwich standard errors of J±;
                                          * NAN in compat mode */
  double    sd_minus;
  guint     n_bins;
  double   *a;          /* n_bins values of a(t) at the chosen delay; owned by the workspace */
  double   *counts;     /* n_bins half-split counts; owned by the workspace */
  gboolean  cancelled;  /* the workspace's cancellable stopped the analysis */
} GlmccPairResult;

/* Per-thread buffers, so the fit never allocates. */
typedef struct _GlmccWorkspace GlmccWorkspace;

GlmccWorkspace *glmcc_workspace_new   (const GlmccParams *params);
void            glmcc_workspace_free  (GlmccWorkspace    *workspace);
/* Fits made with @workspace stop as soon as @cancellable is cancelled (checked once per
 * optimiser pass); the pair's edges are then left PENDING and result->cancelled is set. */
void            glmcc_workspace_set_cancellable (GlmccWorkspace *workspace,
                                                 GCancellable   *cancellable);
/* Default mode: whether a fit starts from a neighbouring fit of the same pair (the previous
 * delay's, the full fit for the likelihood-ratio test's constrained fits, a given start) or,
 * like the published code, from a flat a and J± = 0.1. TRUE by default; both reach the same
 * optimum (tests/core/test-warm-start.c). */
void            glmcc_workspace_set_warm_start  (GlmccWorkspace *workspace,
                                                 gboolean        warm_start);

/* Fits every delay, picks one, runs the test and converts to PSP, from stored lags (in the
 * order glmcc_lags_collect() gives, for results equal to the streamed ones to the last bit).
 * The result's a and counts point into @workspace and stay valid until its next use. */
void     glmcc_pair_analyse_lags (GlmccWorkspace    *workspace,
                                  const GlmccParams *params,
                                  const double      *lags,
                                  gsize              n_lags,
                                  GlmccPairResult   *result);
/* The same, the default mode's first fit starting from @start (the same pair's fit before a
 * parameter changed, say: a refit converges in fewer passes to the same optimum). NULL, and
 * compat mode, start from the published initial value. */
void     glmcc_pair_analyse_lags_from (GlmccWorkspace      *workspace,
                                       const GlmccParams   *params,
                                       const double        *lags,
                                       gsize                n_lags,
                                       const GlmccFitStart *start,
                                       GlmccPairResult     *result);
/* The same from a correlogram accumulated for @plan (made from @params). */
void     glmcc_pair_analyse_accumulated (GlmccWorkspace             *workspace,
                                         const GlmccParams          *params,
                                         const GlmccCorrelogramPlan *plan,
                                         const double               *accumulator,
                                         GlmccPairResult            *result);
/* The same, finding the lags of (ref, target) in @recording without storing them. */
void     glmcc_pair_analyse      (GlmccWorkspace    *workspace,
                                  const GlmccParams *params,
                                  GlmccRecording    *recording,
                                  guint              ref,
                                  guint              target,
                                  GlmccPairResult   *result);

/* PSP of a coupling: 2.532·J for J > 0, 0.612·J for J < 0 (mV). */
double   glmcc_psp_from_j        (double j);

G_END_DECLS
