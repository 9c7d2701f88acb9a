/* glmcc-correlogram.h: the lags of a pair and their correlogram, counts and S± for every delay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two implementations of METHOD §2. The reference one reads like the method: a two-pointer pass
 * that lists the lags, the half-split binning, and S± of one delay summed lag by lag. The fast
 * one is what runs: it bins each lag as it is found, with one exponential per lag for every
 * delay, and finds the lags of a whole block of pairs in one pass over merged spike streams.
 * tests/core/test-correlogram.c holds the two equal: counts exactly, S± to rounding.
 *
 * The rules both keep (METHOD §2, §17): a lag t = t_target − t_reference is kept when
 * −W < t < W with the published comparisons; a lag exactly on a bin edge counts half in each
 * neighbouring bin, and a lag on −W loses the half that would fall outside the counts; a lag
 * exactly on ±d adds weight ½ to S± in the default mode and 0 in compat mode; lags with
 * |t| < the excluded centre are left out, and the counts of the excluded central bins are zero.
 */
#pragma once

#include <glib.h>

#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

/* --- The reference implementation (METHOD §2 as written) ----------------------------------- */

/* Appends every lag t = t_X − t_R with −W < t < W to @lags (a GArray of double) in
 * reference-major order: for each reference spike, the target spikes after the first one
 * > t_R − W and up to the first one > t_R + W, keeping t < W (METHOD §2.2). */
void     glmcc_correlogram_reference_lags   (const double *ref,
                                             gsize         n_ref,
                                             const double *target,
                                             gsize         n_target,
                                             double        window_ms,
                                             GArray       *lags);

/* Half-split binning (METHOD §2.3) into @n_bins counts: k = (t + W)/Δ; on an edge (k whole)
 * half to bin k and half to bin k − 1, else 1 to bin ⌊k⌋, dropping what falls outside. Lags with
 * |t| < @exclude_ms are left out and the excluded central bins are zero. */
void     glmcc_correlogram_reference_counts (const double *lags,
                                             gsize         n_lags,
                                             double        window_ms,
                                             double        bin_ms,
                                             guint         n_bins,
                                             double        exclude_ms,
                                             double       *counts);

/* S+ = Σ w+(t) e^{−(t − d)/τ} and S− = Σ w−(t) e^{(t + d)/τ} for one delay d (METHOD §2.4), with
 * w+(t) = 1 for t > d, ½ for t = d in the default mode (0 in compat mode), else 0, and w−(t) =
 * w+(−t); lags with |t| < @exclude_ms are left out. */
void     glmcc_correlogram_reference_stats  (const double *lags,
                                             gsize         n_lags,
                                             double        delay_ms,
                                             double        tau_ms,
                                             double        exclude_ms,
                                             gboolean      compat,
                                             double       *s_plus,
                                             double       *s_minus);

/* --- The fast implementation --------------------------------------------------------------- */

/* The constants of the binning for one set of parameters. Lags are accumulated into an
 * accumulator of glmcc_correlogram_plan_get_size() doubles per pair (zeroed before use), then
 * glmcc_correlogram_finish() gives the counts, S± of every delay and the number of lags. */
typedef struct
{
  double   window_ms;
  double   bin_ms;
  double   inv_bin;        /* 1/Δ when Δ is a power of two (then t·(1/Δ) = t/Δ exactly), else 0 */
  double   tau_ms;
  double   inv_tau;
  double   exclude_ms;
  guint    n_bins;
  guint    n_delays;
  double   delays_ms[GLMCC_MAX_DELAYS];
  int      delay_bins[GLMCC_MAX_DELAYS];
  gboolean compat;
  gboolean binned;         /* the fast path applies; else every lag is summed directly */
  double   epoch_ms;       /* streamed lags: e^{−|t|/τ} as a product of the two spikes'
                            * weights within epochs of this (a power of two >= W); 0: from t */
  double   epoch_decay;    /* e^{−epoch/τ} */
  gsize    size;           /* doubles per accumulator */
} GlmccCorrelogramPlan;

void     glmcc_correlogram_plan_init        (GlmccCorrelogramPlan *plan,
                                             const GlmccParams    *params);
gsize    glmcc_correlogram_plan_get_size    (const GlmccCorrelogramPlan *plan);

/* Adds stored lags (each −W < t < W) to one accumulator. */
void     glmcc_correlogram_add_lags         (const GlmccCorrelogramPlan *plan,
                                             double                     *accumulator,
                                             const double               *lags,
                                             gsize                       n_lags);
/* Adds the lags of one pair, found as glmcc_lags_collect() finds them, without storing them.
 * Equal to the same pair in glmcc_correlogram_add_blocks() to the bit, and to
 * glmcc_correlogram_add_lags() of its stored lags to rounding (the weights e^{−|t|/τ} of
 * streamed lags come from the two spike times, those of stored lags from t). */
void     glmcc_correlogram_add_trains       (const GlmccCorrelogramPlan *plan,
                                             double                     *accumulator,
                                             const double               *ref,
                                             gsize                       n_ref,
                                             const double               *target,
                                             gsize                       n_target);
/* The counts (plan->n_bins), S± of every delay (plan->n_delays each) and the number of lags. */
guint64  glmcc_correlogram_finish           (const GlmccCorrelogramPlan *plan,
                                             const double               *accumulator,
                                             double                     *counts,
                                             double                     *s_plus,
                                             double                     *s_minus);

/* The lags of glmcc_correlogram_reference_lags() in the order the fast pass meets them:
 * target-major (for each target spike, its reference spikes in time order). */
void     glmcc_lags_collect                 (const double *ref,
                                             gsize         n_ref,
                                             const double *target,
                                             gsize         n_target,
                                             double        window_ms,
                                             GArray       *lags);

/* The spikes of a recording in blocks of neurons, each block one time-sorted stream of its
 * neurons' spikes with their index in the block (built on first use, from any thread). The
 * lags of all pairs of two blocks come from one pass over their two streams. */
typedef struct _GlmccSpikeBlocks GlmccSpikeBlocks;

#define GLMCC_SPIKE_BLOCK_MAX 256

GlmccSpikeBlocks *glmcc_spike_blocks_new        (GlmccRecording   *recording,
                                                 guint             block_size);
void              glmcc_spike_blocks_free       (GlmccSpikeBlocks *blocks);
guint             glmcc_spike_blocks_get_size   (GlmccSpikeBlocks *blocks);   /* neurons per block */
guint             glmcc_spike_blocks_get_n_blocks (GlmccSpikeBlocks *blocks);
/* Bytes held by the streams built so far. */
guint64           glmcc_spike_blocks_get_bytes  (GlmccSpikeBlocks *blocks);
/* The most spikes in one block. */
gsize             glmcc_spike_blocks_get_max_spikes (GlmccSpikeBlocks *blocks);

/* One thread's working memory for glmcc_correlogram_add_blocks() on @blocks: the weights of
 * the reference block's spikes, and those of the last target block's, which the next tile of
 * the same target block uses again (a run takes the tiles of one target block in a row). */
typedef struct _GlmccCorrelogramScratch GlmccCorrelogramScratch;

GlmccCorrelogramScratch *glmcc_correlogram_scratch_new  (GlmccSpikeBlocks        *blocks);
void                     glmcc_correlogram_scratch_free (GlmccCorrelogramScratch *scratch);

/* Adds the lags of every pair (reference r of block @ref_block, target a of block
 * @target_block) to accumulators[(a_local · block_size + r_local) · plan size], each in the
 * order glmcc_lags_collect() gives for that pair. When the two blocks are one, only the pairs
 * with the reference before the target are accumulated (the others are left untouched).
 * @scratch: made for @blocks, used by one thread at a time. */
void              glmcc_correlogram_add_blocks  (const GlmccCorrelogramPlan *plan,
                                                 GlmccSpikeBlocks           *blocks,
                                                 guint                       target_block,
                                                 guint                       ref_block,
                                                 double                     *accumulators,
                                                 GlmccCorrelogramScratch    *scratch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccSpikeBlocks, glmcc_spike_blocks_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccCorrelogramScratch, glmcc_correlogram_scratch_free)

G_END_DECLS
