/* glmcc-cc-test.h: the classical cross-correlation test (Aertsen & Gerstein style)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection pre → post is called when the raw correlogram in the window (d, d + τ] after a
 * delay d holds more (excitatory) or fewer (inhibitory) lags than its baseline, estimated from
 * the flanks W/2 ≤ |t| < W, makes likely. Without a connection and with a flat correlogram,
 * each of the n = S + F lags of the window (S) and the flanks (F) falls into the window with
 * probability π = τ / (τ + W), so S is Binomial(n, π) given n: the two-sided p-value of S is
 * exact, whatever the counts (its variance, nπ(1 − π), is that of the window minus its
 * baseline even for rates where the correlogram's bins are overdispersed). The statistic is that
 * p-value in standard deviations, z = Φ⁻¹(1 − p/2) with the sign of S − baseline, so the test is
 * "z standard deviations from the baseline", and for large counts z ≈ (S − F·τ/W) /
 * √(F·τ/W · (1 + τ/W)). In mode exp each delay of the list is tested and the smallest p kept,
 * multiplied by the number of delays (as GLMCC corrects its choice of delay): z_α =
 * Φ⁻¹(1 − α / (2K)).
 */
#pragma once

#include <glib.h>

#include "glmcc-pair.h"
#include "glmcc-params.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 n_lags;                             /* lags with −W < t < W */
  guint64 flank;                              /* lags with W/2 ≤ |t| < W */
  guint64 window_plus[GLMCC_MAX_DELAYS];      /* lags in (d, d + τ], per delay */
  guint64 window_minus[GLMCC_MAX_DELAYS];     /* lags in [−d − τ, −d) */
} GlmccCcCounts;

/* Counts the lags t = t_target − t_ref of the pair in one pass of two pointers through both
 * trains (no lag is stored), for the delays of @params. */
void     glmcc_cc_count        (const GlmccParams *params,
                                const double      *ref,
                                gsize              n_ref,
                                const double      *target,
                                gsize              n_target,
                                GlmccCcCounts     *counts);

/* The test of one direction from the counts: @forward TRUE tests ref → target (the windows
 * after +d), FALSE target → ref. */
void     glmcc_cc_decide       (const GlmccParams   *params,
                                const GlmccCcCounts *counts,
                                gboolean             forward,
                                GlmccEdge           *edge);

/* The two-sided p-value of @s lags in the window when @n lags fall into window or flanks,
 * each into the window with probability @pi. */
double   glmcc_cc_binomial_p   (guint64            s,
                                guint64            n,
                                double             pi);

G_END_DECLS
