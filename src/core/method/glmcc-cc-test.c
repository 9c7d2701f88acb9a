/* glmcc-cc-test.c: the classical cross-correlation test (see the header for the rule)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-cc-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "glmcc-cc-test.h"

/* The number of target spikes at or before (or, when @strict, strictly before) t_ref + offset,
 * as t_ref grows: an index that only moves forward. Counting spikes between two such bounds
 * counts the lags in an interval without visiting them. */
typedef struct
{
  double   offset;
  gboolean strict;
  gsize    index;
} Bound;

static inline gsize
bound_advance (Bound        *bound,
               const double *target,
               gsize         n_target,
               double        t_ref)
{
  const double limit = t_ref + bound->offset;

  if (bound->strict)
    while (bound->index < n_target && target[bound->index] < limit)
      bound->index++;
  else
    while (bound->index < n_target && target[bound->index] <= limit)
      bound->index++;
  return bound->index;
}

/* Bounds of the intervals, in this order: the window (−W, W), the two flanks, then for each
 * delay its window after +d and its window before −d. */
enum
{
  TOTAL_LO, TOTAL_HI,
  FLANK_MINUS_LO, FLANK_MINUS_HI,
  FLANK_PLUS_LO, FLANK_PLUS_HI,
  FIRST_DELAY_BOUND,
};

void
glmcc_cc_count (const GlmccParams *params,
                const double      *ref,
                gsize              n_ref,
                const double      *target,
                gsize              n_target,
                GlmccCcCounts     *counts)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  const double w = params->window_ms, half = params->window_ms / 2.0, tau = params->tau_ms;
  Bound bounds[FIRST_DELAY_BOUND + 4 * GLMCC_MAX_DELAYS];
  guint n_bounds = FIRST_DELAY_BOUND + 4 * n_delays;

  memset (counts, 0, sizeof *counts);
  /* (−W, W): after −W, before W. */
  bounds[TOTAL_LO] = (Bound) { -w, FALSE, 0 };
  bounds[TOTAL_HI] = (Bound) { w, TRUE, 0 };
  /* (−W, −W/2] and [W/2, W): as long as each other, so that on a time grid both hold the same
   * number of grid points. */
  bounds[FLANK_MINUS_LO] = (Bound) { -w, FALSE, 0 };
  bounds[FLANK_MINUS_HI] = (Bound) { -half, FALSE, 0 };
  bounds[FLANK_PLUS_LO] = (Bound) { half, TRUE, 0 };
  bounds[FLANK_PLUS_HI] = (Bound) { w, TRUE, 0 };
  for (guint i = 0; i < n_delays; i++)
    {
      Bound *b = bounds + FIRST_DELAY_BOUND + 4 * i;

      b[0] = (Bound) { delays[i], FALSE, 0 };           /* (d, d + τ] */
      b[1] = (Bound) { delays[i] + tau, FALSE, 0 };
      b[2] = (Bound) { -delays[i] - tau, TRUE, 0 };     /* [−d − τ, −d) */
      b[3] = (Bound) { -delays[i], TRUE, 0 };
    }

  for (gsize r = 0; r < n_ref; r++)
    {
      gsize at[FIRST_DELAY_BOUND + 4 * GLMCC_MAX_DELAYS];

      for (guint b = 0; b < n_bounds; b++)
        at[b] = bound_advance (&bounds[b], target, n_target, ref[r]);
      counts->n_lags += at[TOTAL_HI] - at[TOTAL_LO];
      counts->flank += (at[FLANK_MINUS_HI] - at[FLANK_MINUS_LO]) + (at[FLANK_PLUS_HI] - at[FLANK_PLUS_LO]);
      for (guint i = 0; i < n_delays; i++)
        {
          const gsize *a = at + FIRST_DELAY_BOUND + 4 * i;

          counts->window_plus[i] += a[1] - a[0];
          counts->window_minus[i] += a[3] - a[2];
        }
    }
}

double
glmcc_cc_binomial_p (guint64 s,
                     guint64 n,
                     double  pi)
{
  double lower, upper;

  if (n == 0 || n > G_MAXUINT || s > n)
    return 1.0;
  lower = gsl_cdf_binomial_P ((unsigned int) s, pi, (unsigned int) n);
  upper = s == 0 ? 1.0 : gsl_cdf_binomial_Q ((unsigned int) (s - 1), pi, (unsigned int) n);
  return MIN (1.0, 2.0 * MIN (lower, upper));
}

void
glmcc_cc_decide (const GlmccParams   *params,
                 const GlmccCcCounts *counts,
                 gboolean             forward,
                 GlmccEdge           *edge)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  const double tau = params->tau_ms, w = params->window_ms;
  const double pi = tau / (tau + w);
  const double alpha = glmcc_params_get_alpha (params);
  guint best = 0;
  double best_p = INFINITY;
  guint64 s;
  double expected;

  memset (edge, 0, sizeof *edge);
  edge->n_lags = counts->n_lags;
  edge->q_value = NAN;
  if (counts->n_lags == 0)
    {
      edge->status = GLMCC_STATUS_NO_LAGS;
      edge->j = 0.0;
      edge->threshold = edge->statistic = edge->p_value = NAN;
      edge->delay_ms = delays[0];
      return;
    }
  /* Strictly smaller: a tie keeps the earlier delay, as GLMCC's choice does. */
  for (guint i = 0; i < n_delays; i++)
    {
      guint64 si = forward ? counts->window_plus[i] : counts->window_minus[i];
      double p = glmcc_cc_binomial_p (si, si + counts->flank, pi);

      if (p < best_p)
        {
          best_p = p;
          best = i;
        }
    }
  s = forward ? counts->window_plus[best] : counts->window_minus[best];
  /* The baseline of the window: the flanks' lags per ms times τ (one lag if the flanks are
   * empty, so that the strength stays finite). */
  expected = MAX ((double) counts->flank, 1.0) * tau / w;

  edge->delay_ms = delays[best];
  edge->j = (double) s / expected - 1.0;
  edge->p_value = MIN (1.0, n_delays * best_p);
  edge->threshold = gsl_cdf_ugaussian_Qinv (alpha / (2.0 * n_delays));
  edge->statistic = best_p >= 1.0 ? 0.0 : gsl_cdf_ugaussian_Qinv (best_p / 2.0);
  if ((double) s < (s + counts->flank) * pi)
    edge->statistic = -edge->statistic;
  if (edge->p_value <= alpha)
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
