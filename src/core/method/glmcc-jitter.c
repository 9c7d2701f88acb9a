/* glmcc-jitter.c: the jitter method (see the header for the rule)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the postsynaptic spikes whose jitter interval can bring them into the tested lags of
 * some presynaptic spike matter; for each of them the set-up keeps the offsets o = b − t_pre
 * (b the start of its interval), so that a surrogate is one uniform draw u per such spike and
 * its lags o + u. The mean and variance of every bin under the null follow from the same
 * offsets: a moved spike adds to bin k the number of its offsets whose lag lands there, an
 * independent random number per spike whose moments are lengths of intervals.
 */
#define G_LOG_DOMAIN "glmcc-jitter"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-jitter.h"
#include "glmcc-number.h"

/* ---- The generator ------------------------------------------------------------------------ */

void
glmcc_random_init (GlmccRandom *random,
                   guint64      seed,
                   guint64      stream)
{
  guint64 state = seed;
  guint64 mixed = glmcc_splitmix64 (&state) ^ stream;

  state = mixed;
  for (guint i = 0; i < 4; i++)
    random->s[i] = glmcc_splitmix64 (&state);
}

/* ---- Lags ---------------------------------------------------------------------------------- */

guint64
glmcc_count_lags (const double *ref,
                  gsize         n_ref,
                  const double *target,
                  gsize         n_target,
                  double        window_ms)
{
  gsize lo = 0, hi = 0;
  guint64 n = 0;

  /* The published comparisons: targets after t_R − W, lags below W. */
  for (gsize r = 0; r < n_ref; r++)
    {
      while (lo < n_target && !(target[lo] > ref[r] - window_ms))
        lo++;
      if (hi < lo)
        hi = lo;
      while (hi < n_target && target[hi] - ref[r] < window_ms)
        hi++;
      n += hi - lo;
    }
  return n;
}

/* ---- The jitter null of a range of bins ---------------------------------------------------- */

typedef struct
{
  guint first;   /* its offsets: offsets[first … first + n) */
  guint n;
} MovedSpike;

struct _GlmccJitterWorkspace
{
  GArray  *spikes;     /* MovedSpike */
  GArray  *offsets;    /* double */
  guint    capacity;   /* of the per-bin arrays */
  double  *mean;
  double  *var;
  double  *inv_sd;     /* 0 for a bin whose count cannot vary */
  double  *observed;
  double  *spike_mean; /* per-spike scratch, for the variance of spikes with several offsets */
  double  *spike_square;
  guint   *counts;
};

GlmccJitterWorkspace *
glmcc_jitter_workspace_new (void)
{
  GlmccJitterWorkspace *ws = g_new0 (GlmccJitterWorkspace, 1);

  ws->spikes = g_array_new (FALSE, FALSE, sizeof (MovedSpike));
  ws->offsets = g_array_new (FALSE, FALSE, sizeof (double));
  return ws;
}

void
glmcc_jitter_workspace_free (GlmccJitterWorkspace *ws)
{
  if (ws == NULL)
    return;
  g_array_unref (ws->spikes);
  g_array_unref (ws->offsets);
  g_free (ws->mean);
  g_free (ws->var);
  g_free (ws->inv_sd);
  g_free (ws->observed);
  g_free (ws->spike_mean);
  g_free (ws->spike_square);
  g_free (ws->counts);
  g_free (ws);
}

static void
workspace_reserve (GlmccJitterWorkspace *ws,
                   guint                 n_bins)
{
  if (n_bins <= ws->capacity)
    return;
  ws->capacity = n_bins;
  ws->mean = g_renew (double, ws->mean, n_bins);
  ws->var = g_renew (double, ws->var, n_bins);
  ws->inv_sd = g_renew (double, ws->inv_sd, n_bins);
  ws->observed = g_renew (double, ws->observed, n_bins);
  ws->spike_mean = g_renew (double, ws->spike_mean, n_bins);
  ws->spike_square = g_renew (double, ws->spike_square, n_bins);
  ws->counts = g_renew (guint, ws->counts, n_bins);
}

/* The bins (lo + kΔ, lo + (k+1)Δ], k < n_bins. */
typedef struct
{
  double lo;
  double bin;
  guint  n_bins;
  double width;   /* Δj */
} Range;

/* The bin of @lag, or −1 outside the range. */
static inline int
range_bin (const Range *range,
           double       lag)
{
  int k;

  if (!(lag > range->lo))
    return -1;
  k = (int) ceil ((lag - range->lo) / range->bin) - 1;
  if (k >= (int) range->n_bins)
    return -1;
  return MAX (k, 0);
}

static inline double
overlap (double a_lo,
         double a_hi,
         double b_lo,
         double b_hi)
{
  return MAX (0.0, MIN (a_hi, b_hi) - MAX (a_lo, b_lo));
}

/* Finds the moved spikes and their offsets, the observed counts and the null's mean and
 * variance of every bin of @range. */
static void
setup (GlmccJitterWorkspace *ws,
       const Range          *range,
       const double         *pre,
       gsize                 n_pre,
       const double         *post,
       gsize                 n_post)
{
  const double hi = range->lo + range->n_bins * range->bin;
  const double width = range->width;
  const guint n_bins = range->n_bins;
  gsize first = 0, last = 0;

  workspace_reserve (ws, n_bins);
  g_array_set_size (ws->spikes, 0);
  g_array_set_size (ws->offsets, 0);
  memset (ws->mean, 0, n_bins * sizeof (double));
  memset (ws->var, 0, n_bins * sizeof (double));
  memset (ws->observed, 0, n_bins * sizeof (double));
  memset (ws->spike_mean, 0, n_bins * sizeof (double));
  memset (ws->spike_square, 0, n_bins * sizeof (double));

  for (gsize q = 0; q < n_post; q++)
    {
      const double x = post[q];
      const double b = floor (x / width) * width;
      MovedSpike spike;

      /* Presynaptic spikes t with a lag x' − t in (lo, hi] for some x' in [b, b + Δj). */
      while (first < n_pre && pre[first] < b - hi)
        first++;
      if (last < first)
        last = first;
      while (last < n_pre && pre[last] < b + width - range->lo)
        last++;
      if (last == first)
        continue;

      spike.first = ws->offsets->len;
      spike.n = (guint) (last - first);
      for (gsize r = first; r < last; r++)
        {
          double o = b - pre[r];
          int k = range_bin (range, x - pre[r]);

          g_array_append_val (ws->offsets, o);
          if (k >= 0)
            ws->observed[k] += 1.0;
        }
      g_array_append_val (ws->spikes, spike);

      /* Moments of this spike's contribution to each bin: lengths of the u in [0, Δj) that
       * put one offset (or two at once) into the bin, over Δj. */
      {
        const double *o = &g_array_index (ws->offsets, double, spike.first);

        for (guint k = 0; k < n_bins; k++)
          {
            const double b_lo = range->lo + k * range->bin, b_hi = b_lo + range->bin;
            double m = 0.0, square = 0.0;

            for (guint j = 0; j < spike.n; j++)
              {
                double p = overlap (o[j], o[j] + width, b_lo, b_hi) / width;

                m += p;
                square += p;
                for (guint l = j + 1; l < spike.n && p > 0.0; l++)
                  square += 2.0 * overlap (MAX (b_lo - o[j], b_lo - o[l]),
                                           MIN (b_hi - o[j], b_hi - o[l]), 0.0, width) / width;
              }
            ws->mean[k] += m;
            ws->var[k] += square - m * m;
          }
      }
    }
  for (guint k = 0; k < n_bins; k++)
    ws->inv_sd[k] = ws->var[k] > 1e-12 ? 1.0 / sqrt (ws->var[k]) : 0.0;
}

/* One surrogate: every moved spike at a uniform place in its interval. */
static void
draw_surrogate (GlmccJitterWorkspace *ws,
                const Range          *range,
                GlmccRandom          *random,
                guint                *counts)
{
  const MovedSpike *spikes = (const MovedSpike *) (gpointer) ws->spikes->data;
  const double *offsets = (const double *) (gpointer) ws->offsets->data;
  const double hi = range->lo + range->n_bins * range->bin;
  const double inv_bin = 1.0 / range->bin;

  memset (counts, 0, range->n_bins * sizeof (guint));
  for (guint s = 0; s < ws->spikes->len; s++)
    {
      const double u = glmcc_random_double (random) * range->width;
      const double *o = offsets + spikes[s].first;

      for (guint j = 0; j < spikes[s].n; j++)
        {
          double lag = o[j] + u;

          if (lag > range->lo && lag <= hi)
            {
              int k = (int) ceil ((lag - range->lo) * inv_bin) - 1;
              counts[CLAMP (k, 0, (int) range->n_bins - 1)]++;
            }
        }
    }
}

/* The largest standardised deviation over bins [from, to), with the bin and sign where it is. */
static double
deviation_max (GlmccJitterWorkspace *ws,
               const double         *values,
               const guint          *counts,
               guint                 from,
               guint                 to,
               int                  *where)
{
  double best = 0.0;

  if (where != NULL)
    *where = -1;
  for (guint k = from; k < to; k++)
    {
      double c = values != NULL ? values[k] : (double) counts[k];
      double z = fabs (c - ws->mean[k]) * ws->inv_sd[k];

      if (z > best)
        {
          best = z;
          if (where != NULL)
            *where = (int) k;
        }
    }
  return best;
}

/* The tested lags (d_min, d_max + τ] as whole bins. */
static void
tested_range (const GlmccParams *params,
              Range             *range)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  double lo = delays[0], hi = delays[0];

  for (guint i = 1; i < n_delays; i++)
    {
      lo = MIN (lo, delays[i]);
      hi = MAX (hi, delays[i]);
    }
  hi += params->tau_ms;
  range->lo = lo;
  range->bin = params->bin_ms;
  range->n_bins = (guint) MAX (1.0, ceil ((hi - lo) / params->bin_ms - 1e-9));
  range->width = glmcc_params_get_jitter_width (params);
}

void
glmcc_jitter_test (GlmccJitterWorkspace *ws,
                   const GlmccParams    *params,
                   const double         *pre,
                   gsize                 n_pre,
                   const double         *post,
                   gsize                 n_post,
                   guint64               stream,
                   guint64               n_lags,
                   GlmccEdge            *edge)
{
  const guint n_surrogates = glmcc_params_get_surrogates (params);
  const double alpha = glmcc_params_get_alpha (params);
  GlmccRandom random;
  Range range;
  double observed, limit, mean;
  guint exceeded = 0, drawn = 0;
  int peak;

  memset (edge, 0, sizeof *edge);
  edge->n_lags = n_lags;
  edge->q_value = NAN;
  edge->threshold = NAN;
  tested_range (params, &range);
  if (n_lags == 0)
    {
      edge->status = GLMCC_STATUS_NO_LAGS;
      edge->statistic = edge->p_value = NAN;
      edge->delay_ms = range.lo;
      return;
    }

  setup (ws, &range, pre, n_pre, post, n_post);
  observed = deviation_max (ws, ws->observed, NULL, 0, range.n_bins, &peak);
  /* Values equal to the data's up to rounding count as at least as extreme. */
  limit = observed * (1.0 - 1e-12);
  glmcc_random_init (&random, params->seed, stream);
  while (drawn < n_surrogates && exceeded < GLMCC_JITTER_EXCEEDANCES)
    {
      draw_surrogate (ws, &range, &random, ws->counts);
      drawn++;
      if (deviation_max (ws, NULL, ws->counts, 0, range.n_bins, NULL) >= limit)
        exceeded++;
    }
  if (exceeded == GLMCC_JITTER_EXCEEDANCES)
    edge->p_value = MIN (1.0, (double) exceeded / drawn);
  else
    edge->p_value = (exceeded + 1.0) / (n_surrogates + 1.0);

  if (peak >= 0)
    {
      mean = ws->mean[peak];
      edge->j = (ws->observed[peak] - mean) / mean;
      edge->statistic = ws->observed[peak] >= mean ? observed : -observed;
      edge->delay_ms = range.lo + peak * range.bin;
    }
  else
    {
      edge->j = 0.0;
      edge->statistic = 0.0;
      edge->delay_ms = range.lo;
    }
  if (edge->p_value <= alpha && peak >= 0)
    {
      edge->status = GLMCC_STATUS_SIGNIFICANT;
      edge->psp_mv = edge->j;
    }
  else
    {
      edge->status = GLMCC_STATUS_NOT_SIGNIFICANT;
      edge->psp_mv = 0.0;
    }
}

static int
compare_uints (const void *a,
               const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

void
glmcc_jitter_bands (GlmccJitterWorkspace *ws,
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
                    double               *global_hi)
{
  /* The figure keeps every surrogate's bins: at most 20,000 of them (80 kB a bin). */
  const guint n_surrogates = MIN (glmcc_params_get_surrogates (params), GLMCC_JITTER_MAX_BAND_SURROGATES);
  const double alpha = glmcc_params_get_alpha (params);
  g_autofree guint *all = NULL;
  g_autofree guint *column = NULL;
  g_autofree double *largest = NULL;
  GlmccRandom random;
  Range range, tested;
  guint from, to, low_rank, high_rank;
  double g;

  g_return_if_fail (n_bins > 0);

  tested_range (params, &tested);
  range.lo = 0.0;
  range.bin = params->bin_ms;
  range.n_bins = n_bins;
  range.width = tested.width;
  setup (ws, &range, pre, n_pre, post, n_post);
  from = (guint) lround (tested.lo / range.bin);
  to = MIN (n_bins, from + tested.n_bins);

  all = g_new (guint, (gsize) n_surrogates * n_bins);
  column = g_new (guint, n_surrogates);
  largest = g_new (double, n_surrogates);
  glmcc_random_init (&random, params->seed, stream);
  for (guint s = 0; s < n_surrogates; s++)
    {
      draw_surrogate (ws, &range, &random, all + (gsize) s * n_bins);
      largest[s] = deviation_max (ws, NULL, all + (gsize) s * n_bins, from, to, NULL);
    }
  qsort (largest, n_surrogates, sizeof (double), glmcc_number_compare);
  /* Order statistics: the band holds all but a fraction α of the surrogates. */
  low_rank = (guint) floor (alpha / 2.0 * (n_surrogates - 1));
  high_rank = (guint) ceil ((1.0 - alpha / 2.0) * (n_surrogates - 1));
  g = largest[(guint) ceil ((1.0 - alpha) * (n_surrogates - 1))];
  for (guint k = 0; k < n_bins; k++)
    {
      for (guint s = 0; s < n_surrogates; s++)
        column[s] = all[(gsize) s * n_bins + k];
      qsort (column, n_surrogates, sizeof (guint), compare_uints);
      expected[k] = ws->mean[k];
      pointwise_lo[k] = column[low_rank];
      pointwise_hi[k] = column[high_rank];
      if (k >= from && k < to && ws->inv_sd[k] > 0.0)
        {
          global_lo[k] = MAX (0.0, ws->mean[k] - g / ws->inv_sd[k]);
          global_hi[k] = ws->mean[k] + g / ws->inv_sd[k];
        }
      else
        global_lo[k] = global_hi[k] = NAN;
    }
}
