/* glmcc-autocorrelogram.c: the autocorrelogram of one spike train
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-acg"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-autocorrelogram.h"

/* One lag into the counts, with glmcc_correlogram_reference_counts()'s arithmetic: (t + W) / Δ, half to each
 * neighbour on an exact edge. */
static inline void
add_lag (double  t,
         double  window_ms,
         double  bin_ms,
         guint   n_bins,
         double *counts)
{
  double k = (t + window_ms) / bin_ms;
  double f = floor (k);

  if (k == f)
    {
      if (f >= 0.0 && f < n_bins)
        counts[(guint) f] += 0.5;
      if (f - 1.0 >= 0.0 && f - 1.0 < n_bins)
        counts[(guint) f - 1] += 0.5;
    }
  else if (f >= 0.0 && f < n_bins)
    counts[(guint) f] += 1.0;
}

guint64
glmcc_autocorrelogram (const double *times_ms,
                       gsize         n_spikes,
                       double        window_ms,
                       double        bin_ms,
                       guint         n_bins,
                       double       *counts)
{
  guint64 n_pairs = 0;

  g_return_val_if_fail (counts != NULL || n_bins == 0, 0);
  g_return_val_if_fail (times_ms != NULL || n_spikes == 0, 0);

  if (n_bins > 0)
    memset (counts, 0, n_bins * sizeof (double));
  if (!(window_ms > 0.0) || !(bin_ms > 0.0))
    return 0;

  /* The train is sorted: the later spikes within W of spike i follow it. Each such pair gives
   * the lag t_j − t_i and its mirror t_i − t_j (exactly its negation in IEEE arithmetic). */
  for (gsize i = 0; i < n_spikes; i++)
    for (gsize j = i + 1; j < n_spikes; j++)
      {
        double t = times_ms[j] - times_ms[i];

        if (!(t < window_ms))
          break;
        add_lag (t, window_ms, bin_ms, n_bins, counts);
        add_lag (-t, window_ms, bin_ms, n_bins, counts);
        n_pairs += 2;
      }
  return n_pairs;
}
