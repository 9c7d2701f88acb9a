/* glmcc-jitter.h: the jitter method (interval jitter, Amarasingham et al. 2012)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * To test pre → post, time is cut into intervals of width Δj (5 ms) and every spike of post is
 * moved to a uniformly random place inside its own interval. This keeps everything slower than
 * Δj (rates, slow co-modulation, the spike count of every interval) and destroys the fine timing
 * a synapse makes. The test looks at the correlogram's bins in the lags after the delays,
 * (d_min, d_max + τ]: for each bin its count under the jitter null has an exactly computable mean
 * m_k and variance v_k (the moved spikes are independent), and the statistic is the largest
 * standardised deviation over those bins, G = max_k |c_k − m_k| / √v_k: the global band of the
 * method is m_k ± g·√v_k with g the (1 − α) quantile of G under the null, so "the correlogram
 * leaves the global band" and "p ≤ α" are the same decision. The p-value is a Monte Carlo one
 * from surrogates, exact for any number of them (Besag & Clifford's sequential rule: stop after
 * ten surrogates at least as extreme as the data, p = 10/l, else p = (g + 1)/(N + 1)), so an
 * unconnected pair costs a few dozen surrogates and only pairs near significance take all N.
 * The maximum over the bins of every candidate delay is the method's own correction for the
 * choice of delay.
 */
#pragma once

#include <glib.h>

#include "glmcc-random.h"

#include "glmcc-pair.h"
#include "glmcc-params.h"

G_BEGIN_DECLS

/* A stop after this many surrogates at least as extreme as the data (Besag & Clifford 1991). */
#define GLMCC_JITTER_EXCEEDANCES 10

typedef struct _GlmccJitterWorkspace GlmccJitterWorkspace;

GlmccJitterWorkspace *glmcc_jitter_workspace_new  (void);
void                  glmcc_jitter_workspace_free (GlmccJitterWorkspace *workspace);

/* The test of pre → post (post's train jittered). @stream makes the surrogates of this edge
 * differ from every other's for the same params->seed (the engine passes pre·N + post).
 * @n_lags is the pair's number of lags within ±W, for the edge. */
void     glmcc_jitter_test   (GlmccJitterWorkspace *workspace,
                              const GlmccParams    *params,
                              const double         *pre,
                              gsize                 n_pre,
                              const double         *post,
                              gsize                 n_post,
                              guint64               stream,
                              guint64               n_lags,
                              GlmccEdge            *edge);

#define GLMCC_JITTER_MAX_BAND_SURROGATES 20000

/* The jitter null of the correlogram of pre → post over the lags (0, n_bins·Δ], bin i covering
 * (iΔ, (i+1)Δ], from params' surrogates (at most GLMCC_JITTER_MAX_BAND_SURROGATES): the expected count, the pointwise band at level α
 * and, over the bins of the tested lags, the global band (NAN elsewhere). Each array has
 * @n_bins entries. */
void     glmcc_jitter_bands  (GlmccJitterWorkspace *workspace,
                              const GlmccParams    *params,
                              const double         *pre,
                              gsize                 n_pre,
                              const double         *post,
                              gsize                 n_post,
                              guint64               stream,
                              guint                 n_bins,
                              double               *expected,
                              double               *pointwise_lo,
                              double               *pointwise_hi,
                              double               *global_lo,
                              double               *global_hi);

/* The lags of the two trains with −W < t < W, counted without visiting them. */
guint64  glmcc_count_lags    (const double         *ref,
                              gsize                 n_ref,
                              const double         *target,
                              gsize                 n_target,
                              double                window_ms);

/* The jitter's generator for (seed, stream): the surrogates of an edge are a function of
 * those two numbers only. */
void     glmcc_random_init   (GlmccRandom          *random,
                              guint64               seed,
                              guint64               stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccJitterWorkspace, glmcc_jitter_workspace_free)

G_END_DECLS
