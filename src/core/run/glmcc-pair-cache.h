/* glmcc-pair-cache.h: the lags of recently viewed pairs, for live refits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-pair.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

/* A bounded least-recently-used cache of the lags of (reference, target) pairs, keyed by the
 * pair and by what the lags depend on: the half window W and the epoch. Everything else
 * (bin, τ, γ, delays, test, exclusion, compat) only changes the fit, so a refit after such a
 * change costs no lag collection. Thread-safe; reference counted.
 *
 * One cache serves one recording object (it keeps a reference to it). Handed another one (a
 * reload of the same file, another epoch view), it empties itself first; clearing it also
 * forgets the recording. */
typedef struct _GlmccPairCache GlmccPairCache;

#define GLMCC_PAIR_CACHE_DEFAULT_CAPACITY 256

GlmccPairCache *glmcc_pair_cache_new          (guint              capacity);  /* 0 = default */
GlmccPairCache *glmcc_pair_cache_ref          (GlmccPairCache    *cache);
void            glmcc_pair_cache_unref        (GlmccPairCache    *cache);

/* The lags t = t_target − t_ref with −W < t < W, in the order glmcc_lags_collect() gives,
 * as an array of double; collected and remembered on a miss. Returns a new reference. */
GBytes         *glmcc_pair_cache_get_lags     (GlmccPairCache    *cache,
                                               GlmccRecording    *recording,
                                               const GlmccParams *params,
                                               guint              ref,
                                               guint              target);
/* Like glmcc_pair_analyse(), but with the cached lags; in the default mode the fit starts from
 * the pair's last fit through the cache (a live refit after a slider moved converges in fewer
 * passes to the same optimum: equal to a cold fit to 1e-9, with the same decisions). */
void            glmcc_pair_cache_analyse      (GlmccPairCache    *cache,
                                               GlmccWorkspace    *workspace,
                                               const GlmccParams *params,
                                               GlmccRecording    *recording,
                                               guint              ref,
                                               guint              target,
                                               GlmccPairResult   *result);
void            glmcc_pair_cache_clear        (GlmccPairCache    *cache);
guint           glmcc_pair_cache_get_size     (GlmccPairCache    *cache);
guint           glmcc_pair_cache_get_capacity (GlmccPairCache    *cache);
/* Lookups answered from the cache and lookups that collected lags, since creation. */
guint64         glmcc_pair_cache_get_hits     (GlmccPairCache    *cache);
guint64         glmcc_pair_cache_get_misses   (GlmccPairCache    *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccPairCache, glmcc_pair_cache_unref)

G_END_DECLS
