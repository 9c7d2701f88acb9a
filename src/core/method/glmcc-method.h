/* glmcc-method.h: one pair by the run's method (GLMCC or a baseline), and each method's bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine, the null calibration and the command line analyse a pair through this one entry
 * point, whatever params->method says: GLMCC (glmcc-pair.h), the classical cross-correlation
 * test (glmcc-cc-test.h) or the jitter method (glmcc-jitter.h). Every method gives both
 * directed edges of the pair with a status, a p-value that is that of the decision (significant
 * ⇔ p ≤ α, the choice of delay included) and a signed strength.
 */
#pragma once

#include <glib.h>

#include "glmcc-pair.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

/* Per-thread buffers of every method. */
typedef struct _GlmccMethodWorkspace GlmccMethodWorkspace;

GlmccMethodWorkspace *glmcc_method_workspace_new  (const GlmccParams    *params);
void                  glmcc_method_workspace_free (GlmccMethodWorkspace *workspace);
/* The GLMCC workspace inside (for callers that want the fit's arrays). */
GlmccWorkspace       *glmcc_method_workspace_get_glmcc (GlmccMethodWorkspace *workspace);

/* Both directions of (ref, target) by params->method: forward = ref → target, backward =
 * target → ref. For GLMCC this is glmcc_pair_analyse(); for a baseline only the edges, n_lags
 * and the delays are filled (no fit: result->n_bins is 0). The edges' q_value is NAN. The
 * jitter method's surrogates depend only on params->seed and the two neurons' indices, so a
 * run gives the same result on any number of threads. */
void     glmcc_method_analyse_pair (GlmccMethodWorkspace *workspace,
                                    const GlmccParams    *params,
                                    GlmccRecording       *recording,
                                    guint                 ref,
                                    guint                 target,
                                    GlmccPairResult      *result);

/* The value the matrix shows for a significant edge of coupling @j: the PSP in mV for GLMCC,
 * the signed strength itself for the baselines (j is their relative excess of coincidences). */
double   glmcc_method_strength     (const GlmccParams    *params,
                                    double                j);

/* What a correlogram figure overlays to show how a method decides, per bin of the correlogram
 * (bin k covers lags (−W + kΔ, −W + (k+1)Δ]), in lags per bin. NAN where a curve has no value
 * (a band outside the lags a method tests, a method without such a band). */
typedef struct
{
  GlmccMethod method;
  guint       n_bins;
  double      alpha;          /* the level of the bands */
  double     *expected;       /* what the method expects without a connection */
  double     *pointwise_lo;   /* one bin alone falls outside with probability α */
  double     *pointwise_hi;
  double     *global_lo;      /* the decision: a connection where the data (or, for GLMCC, */
  double     *global_hi;      /* the fit) leaves this band inside the tested lags */
  guint       n_surrogates;   /* jitter: the surrogates the bands come from */
} GlmccMethodBands;

/* The bands of params->method for the pair (ref, target). For GLMCC, @pair must be its
 * glmcc_pair_analyse() result (expected = Δ·e^{a}; the global band is e^{a ± threshold·f}, the
 * smallest kernel the Wald test calls significant; no pointwise band); the baselines ignore it.
 * The jitter bands come from params' surrogates (all of them; pointwise quantiles and the
 * quantile of the largest standardised deviation inside the tested lags). */
GlmccMethodBands *glmcc_method_bands_new  (const GlmccParams     *params,
                                           GlmccRecording        *recording,
                                           guint                  ref,
                                           guint                  target,
                                           const GlmccPairResult *pair);
void              glmcc_method_bands_free (GlmccMethodBands      *bands);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccMethodBands, glmcc_method_bands_free)

G_END_DECLS
