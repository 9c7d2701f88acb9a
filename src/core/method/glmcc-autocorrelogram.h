/* glmcc-autocorrelogram.h: the autocorrelogram of one spike train
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Counts the lags t_j − t_i between distinct spikes (every ordered pair i ≠ j) of one sorted
 * train with −W < lag < W, binned exactly as glmcc_correlogram_reference_counts() bins a cross-correlogram's
 * lags (half-split on bin edges), so that it can be drawn beside one: it is the
 * cross-correlogram of the train with itself without the zero lag of each spike with itself.
 * The counts are symmetric about 0. @counts receives @n_bins values. Returns the number of
 * ordered pairs counted (twice the number of spike pairs closer than W). */
guint64 glmcc_autocorrelogram (const double *times_ms,
                               gsize         n_spikes,
                               double        window_ms,
                               double        bin_ms,
                               guint         n_bins,
                               double       *counts);

G_END_DECLS
