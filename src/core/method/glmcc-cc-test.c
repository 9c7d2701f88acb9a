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
  double window_end = 0.0;
  gsize lo = 0, hi = 0;

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < n_delays; i++)
    window_end = MAX (window_end, delays[i] + tau);

  /* Every lag t with −W < t < W (the published comparisons, as glmcc_lags_collect() finds
   * them), visited once. The flanks (−W, −W/2] and [W/2, W) are as long as each other, so that
   * on a time grid both hold the same number of grid points; so are the windows (d, d + τ] and
   * [−d − τ, −d). */
  for (gsize r = 0; r < n_ref; r++)
    {
      const double t_r = ref[r];

      while (lo < n_target && !(target[lo] > t_r - w))
        lo++;
      if (hi < lo)
        hi = lo;
      while (hi < n_target && target[hi] - t_r < w)
        hi++;
      counts->n_lags += hi - lo;
      for (gsize k = lo; k < hi; k++)
        {
          const double t = target[k] - t_r;

          if (t >= half || t <= -half)
            counts->flank++;
          else if (t > -window_end - 1.0 && t <= window_end)
            for (guint i = 0; i < n_delays; i++)
              {
                counts->window_plus[i] += t > delays[i] && t <= delays[i] + tau;
                counts->window_minus[i] += t >= -delays[i] - tau && t < -delays[i];
              }
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
