/* glmcc-pair.c: lags, counts, delay choice, significance and PSP of one pair (METHOD §2, §7–§9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-pair"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "glmcc-pair.h"

/* The published code's constants (METHOD §8–§9). */
#define PSP_EXCITATORY 2.532
#define PSP_INHIBITORY 0.612
#define COMPAT_JMIN_NUMERATOR 16.3
#define COMPAT_THRESHOLD_FACTOR 1.277
#define COMPAT_LR_CRITICAL 15.14
#define FISHER_INFLATION 1.57
#define MIN_TAU_CBAR 10.0

/* How much of a lag at t counts in S+ and S− for delay d (METHOD §2.4, §17). The default mode
 * applies the half-split of the counts to t = ±d too: spike times come on a sampling grid, so
 * lags land exactly on ±d, and counting such a lag in the coupled bin but not (or fully) in S±
 * biases J by about half a grid step's worth of lags — more than its standard error at high
 * rates — with opposite signs on the two sides. One rule for both sides also makes the analysis
 * of (A, B) the mirror image of that of (B, A). The published code counts neither (P7). */
static inline double
plus_weight (double   t,
             double   delay_ms,
             gboolean compat)
{
  if (t > delay_ms)
    return 1.0;
  if (t == delay_ms && !compat)
    return 0.5;
  return 0.0;
}

static inline double
minus_weight (double   t,
              double   delay_ms,
              gboolean compat)
{
  return plus_weight (-t, delay_ms, compat);
}

/* Lags inside the excluded centre are left out; a lag exactly on its edge is split like any
 * lag on a bin edge, and the half that falls into the excluded bin is dropped with it. */
static inline gboolean
lag_excluded (double t,
              double exclude_ms)
{
  return exclude_ms > 0.0 && fabs (t) < exclude_ms;
}

/* The counts of the excluded central bins are zero: the fit gives those bins no likelihood. */
static void
counts_clear_excluded (double *counts,
                       guint   n_bins,
                       double  bin_ms,
                       double  exclude_ms)
{
  guint half = n_bins / 2;
  guint n_excluded = MIN ((guint) lround (exclude_ms / bin_ms), half);

  for (guint k = half - n_excluded; k < half + n_excluded; k++)
    counts[k] = 0.0;
}

struct _GlmccWorkspace
{
  guint   n_bins;
  guint   max_delays;
  double *counts;
  double *a_per_delay;   /* max_delays × n_bins */
  double *a_fixed;       /* n_bins, for the constrained LR fits */
  double *scratch;
  GArray *lags;
  GCancellable *cancellable;
};

GlmccWorkspace *
glmcc_workspace_new (const GlmccParams *params)
{
  GlmccWorkspace *ws = g_new0 (GlmccWorkspace, 1);
  guint n = glmcc_params_get_n_bins (params);

  ws->n_bins = n;
  ws->max_delays = GLMCC_MAX_DELAYS;
  ws->counts = g_new0 (double, n);
  ws->a_per_delay = g_new0 (double, (gsize) n * GLMCC_MAX_DELAYS);
  ws->a_fixed = g_new0 (double, n);
  ws->scratch = g_new0 (double, glmcc_fit_scratch_size (n));
  ws->lags = g_array_sized_new (FALSE, FALSE, sizeof (double), 4096);
  return ws;
}

void
glmcc_workspace_free (GlmccWorkspace *ws)
{
  if (ws == NULL)
    return;
  g_free (ws->counts);
  g_free (ws->a_per_delay);
  g_free (ws->a_fixed);
  g_free (ws->scratch);
  g_array_unref (ws->lags);
  g_clear_object (&ws->cancellable);
  g_free (ws);
}

void
glmcc_workspace_set_cancellable (GlmccWorkspace *ws,
                                 GCancellable   *cancellable)
{
  g_return_if_fail (ws != NULL);
  g_set_object (&ws->cancellable, cancellable);
}

void
glmcc_lags_collect (const double *ref,
                    gsize         n_ref,
                    const double *target,
                    gsize         n_target,
                    double        window_ms,
                    GArray       *lags)
{
  gsize lo = 0, hi = 0, start = lags->len, capacity;
  double *data, *out, *end;

  /* The array's length serves as its capacity while collecting; it is trimmed at the end. */
  g_array_set_size (lags, start + 4096);
  capacity = lags->len;
  data = (double *) (gpointer) lags->data;
  out = data + start;
  end = data + capacity;

  /* The published comparisons: the window starts at the first target spike > t_R − W, ends at
   * the first one > t_R + W, and keeps lags < W. Both pointers only move forward. */
  for (gsize r = 0; r < n_ref; r++)
    {
      const double t_r = ref[r];
      const double low = t_r - window_ms;
      const double high = t_r + window_ms;

      while (lo < n_target && !(target[lo] > low))
        lo++;
      if (hi < lo)
        hi = lo;
      while (hi < n_target && !(target[hi] > high))
        hi++;
      if ((gsize) (end - out) < hi - lo)
        {
          gsize used = out - data;
          g_array_set_size (lags, MAX (2 * capacity, used + (hi - lo)));
          capacity = lags->len;
          data = (double *) (gpointer) lags->data;
          out = data + used;
          end = data + capacity;
        }
      for (gsize k = lo; k < hi; k++)
        {
          double lag = target[k] - t_r;
          if (lag < window_ms)
            *out++ = lag;
        }
    }
  g_array_set_size (lags, out - data);
}

void
glmcc_counts_fill (const double *lags,
                   gsize         n_lags,
                   double        window_ms,
                   double        bin_ms,
                   guint         n_bins,
                   double        exclude_ms,
                   double       *counts)
{
  memset (counts, 0, n_bins * sizeof (double));
  for (gsize i = 0; i < n_lags; i++)
    {
      const double t = lags[i];
      double k, f;

      if (lag_excluded (t, exclude_ms))
        continue;
      k = (t + window_ms) / bin_ms;
      f = floor (k);
      if (k == f)
        {
          /* On a bin edge: half to each neighbour. A lag exactly on −W has no left neighbour;
           * the published code would write past the counts (P10), so both modes drop that half. */
          if (f >= 0.0 && f < n_bins)
            counts[(guint) f] += 0.5;
          if (f - 1.0 >= 0.0 && f - 1.0 < n_bins)
            counts[(guint) f - 1] += 0.5;
        }
      else if (f >= 0.0 && f < n_bins)
        counts[(guint) f] += 1.0;
    }
  counts_clear_excluded (counts, n_bins, bin_ms, exclude_ms);
}

void
glmcc_coupling_stats (const double *lags,
                      gsize         n_lags,
                      double        delay_ms,
                      double        tau_ms,
                      double        exclude_ms,
                      gboolean      compat,
                      double       *s_plus,
                      double       *s_minus)
{
  double sp = 0.0, sm = 0.0;

  for (gsize i = 0; i < n_lags; i++)
    {
      const double t = lags[i];

      if (lag_excluded (t, exclude_ms))
        continue;
      if (t >= delay_ms)
        sp += plus_weight (t, delay_ms, compat) * exp (-(t - delay_ms) / tau_ms);
      else if (t <= -delay_ms)
        sm += minus_weight (t, delay_ms, compat) * exp ((t + delay_ms) / tau_ms);
    }
  *s_plus = sp;
  *s_minus = sm;
}

void
glmcc_coupling_stats_delays (const double *lags,
                             gsize         n_lags,
                             const double *delays_ms,
                             guint         n_delays,
                             double        tau_ms,
                             double        exclude_ms,
                             gboolean      compat,
                             double       *s_plus,
                             double       *s_minus)
{
  double max_abs = 0.0, plus_part[GLMCC_MAX_DELAYS] = { 0 }, minus_part[GLMCC_MAX_DELAYS] = { 0 };
  double plus_edge[GLMCC_MAX_DELAYS] = { 0 }, minus_edge[GLMCC_MAX_DELAYS] = { 0 };
  gboolean sorted = TRUE;

  g_return_if_fail (n_delays >= 1 && n_delays <= GLMCC_MAX_DELAYS);

  for (guint i = 0; i < n_delays; i++)
    {
      max_abs = MAX (max_abs, delays_ms[i]);
      if (i > 0 && !(delays_ms[i] > delays_ms[i - 1]))
        sorted = FALSE;
    }
  for (gsize i = 0; i < n_lags; i++)
    max_abs = MAX (max_abs, fabs (lags[i]));
  /* exp(d/τ)·exp(−t/τ) must neither overflow nor underflow; else one delay at a time. */
  if (!sorted || max_abs / tau_ms > 600.0)
    {
      for (guint i = 0; i < n_delays; i++)
        glmcc_coupling_stats (lags, n_lags, delays_ms[i], tau_ms, exclude_ms, compat,
                              &s_plus[i], &s_minus[i]);
      return;
    }

  /* One exp per lag for all delays: S+(d) = e^{d/τ} Σ_{t>d} e^{−t/τ}. Each lag goes into the
   * bucket of the largest delay it exceeds; suffix sums then give every delay. A lag exactly
   * on a delay adds its edge weight to that delay's sum alone. */
  for (gsize i = 0; i < n_lags; i++)
    {
      const double t = lags[i];
      const double u = fabs (t);
      int bucket = -1;
      double weight;
      double *part, *edge;

      if (lag_excluded (t, exclude_ms) || u < delays_ms[0])
        continue;
      if (t == 0.0)
        {
          /* Only a delay of 0 reaches here: the lag sits on both sides' edge. */
          plus_edge[0] += plus_weight (0.0, 0.0, compat);
          minus_edge[0] += minus_weight (0.0, 0.0, compat);
          continue;
        }
      if (t > 0.0)
        {
          part = plus_part;
          edge = plus_edge;
        }
      else
        {
          part = minus_part;
          edge = minus_edge;
        }
      while (bucket + 1 < (int) n_delays && u > delays_ms[bucket + 1])
        bucket++;
      weight = exp (-u / tau_ms);
      if (bucket >= 0)
        part[bucket] += weight;
      if (bucket + 1 < (int) n_delays && u == delays_ms[bucket + 1])
        edge[bucket + 1] += plus_weight (u, u, compat) * weight;
    }
  {
    double plus_tail = 0.0, minus_tail = 0.0;

    for (guint i = n_delays; i-- > 0;)
      {
        double scale = exp (delays_ms[i] / tau_ms);
        plus_tail += plus_part[i];
        minus_tail += minus_part[i];
        s_plus[i] = scale * (plus_tail + plus_edge[i]);
        s_minus[i] = scale * (minus_tail + minus_edge[i]);
      }
  }
}

/* e^{−u} for 0 <= u < 601, from two small tables and a short series: e^{−u} =
 * e^{−i}·e^{−j/256}·e^{−r} with r < 1/256, where the series to r⁵ is exact to 3e-18. About
 * three times cheaper than exp(), and within two ulps of it. */
#define EXP_TABLE_INT 601
static double exp_neg_int[EXP_TABLE_INT];
static double exp_neg_frac[256];

static gpointer
exp_tables_init (gpointer data)
{
  for (guint i = 0; i < EXP_TABLE_INT; i++)
    exp_neg_int[i] = exp (-(double) i);
  for (guint j = 0; j < 256; j++)
    exp_neg_frac[j] = exp (-(double) j / 256.0);
  return NULL;
}

static inline double
exp_neg (double u)
{
  guint m = (guint) (u * 256.0);
  double r = u - (double) m * (1.0 / 256.0);
  double series = 1.0 - r * (1.0 - r * (0.5 - r * (1.0 / 6.0 - r * (1.0 / 24.0 - r * (1.0 / 120.0)))));

  return exp_neg_int[m >> 8] * exp_neg_frac[m & 255] * series;
}

/* Counts and S± accumulated lag by lag (METHOD §2.3–§2.4), so that a batch run can feed lags
 * straight from the two-pointer pass without storing them. Each lag's bin gives its count
 * and, delays being whole bins, the bucket of S± it belongs to: bucket b of a side holds lags
 * b·Δ < |t| < (b+1)·Δ, and S+(d) = e^{d/τ} Σ_{b >= d/Δ} bucket[b]. Lags on or within rounding
 * of a bin edge, where t > d and t >= d differ, are compared with each delay directly. */
typedef struct
{
  double        window_ms;
  double        bin_ms;
  guint         n_bins;
  int           half;
  double        inv_tau;
  double        exclude_ms;
  gboolean      compat;
  const double *delays_ms;
  guint         n_delays;
  int           delay_bins[GLMCC_MAX_DELAYS];
  int           first_bucket;
  double       *counts;
  double        plus_bucket[GLMCC_MAX_BINS_HALF + 2];
  double        minus_bucket[GLMCC_MAX_BINS_HALF + 2];
  double        plus_direct[GLMCC_MAX_DELAYS];
  double        minus_direct[GLMCC_MAX_DELAYS];
} Accumulator;

/* FALSE when the bucketed sums cannot be used (delays not ascending, too many bins, or e^{W/τ}
 * out of range); the caller then sums directly. */
static gboolean
accumulator_init (Accumulator  *acc,
                  double        window_ms,
                  double        bin_ms,
                  guint         n_bins,
                  const double *delays_ms,
                  guint         n_delays,
                  double        tau_ms,
                  double        exclude_ms,
                  gboolean      compat,
                  double       *counts)
{
  static GOnce exp_tables_once = G_ONCE_INIT;

  g_return_val_if_fail (n_delays >= 1 && n_delays <= GLMCC_MAX_DELAYS, FALSE);

  if (n_bins / 2 > GLMCC_MAX_BINS_HALF || window_ms / tau_ms > 599.0)
    return FALSE;
  acc->window_ms = window_ms;
  acc->bin_ms = bin_ms;
  acc->n_bins = n_bins;
  acc->half = (int) (n_bins / 2);
  acc->inv_tau = 1.0 / tau_ms;
  acc->exclude_ms = exclude_ms;
  acc->compat = compat;
  acc->delays_ms = delays_ms;
  acc->n_delays = n_delays;
  acc->first_bucket = G_MAXINT;
  for (guint i = 0; i < n_delays; i++)
    {
      acc->delay_bins[i] = (int) lround (delays_ms[i] / bin_ms);
      acc->first_bucket = MIN (acc->first_bucket, acc->delay_bins[i]);
      if (i > 0 && !(delays_ms[i] > delays_ms[i - 1]))
        return FALSE;
    }
  g_once (&exp_tables_once, exp_tables_init, NULL);
  acc->counts = counts;
  memset (counts, 0, n_bins * sizeof (double));
  memset (acc->plus_bucket, 0, (acc->half + 2) * sizeof (double));
  memset (acc->minus_bucket, 0, (acc->half + 2) * sizeof (double));
  memset (acc->plus_direct, 0, sizeof acc->plus_direct);
  memset (acc->minus_direct, 0, sizeof acc->minus_direct);
  return TRUE;
}

static inline void
accumulator_add (Accumulator *acc,
                 double       t)
{
  double k, f, frac;

  if (lag_excluded (t, acc->exclude_ms))
    return;
  k = (t + acc->window_ms) / acc->bin_ms;
  if (!(k >= 0.0))
    return;
  f = (double) (gint64) k;   /* floor, for k >= 0 */
  frac = k - f;
  if (frac == 0.0)
    {
      if (f < acc->n_bins)
        acc->counts[(guint) f] += 0.5;
      if (f - 1.0 >= 0.0 && f - 1.0 < acc->n_bins)
        acc->counts[(guint) f - 1] += 0.5;
    }
  else if (f < acc->n_bins)
    acc->counts[(guint) f] += 1.0;

  if (frac > 1e-9 && frac < 1.0 - 1e-9 && f < acc->n_bins)
    {
      int b = (int) f - acc->half;

      if (b >= acc->first_bucket)
        acc->plus_bucket[b] += exp_neg (t * acc->inv_tau);
      else if (b < 0 && -b - 1 >= acc->first_bucket)
        acc->minus_bucket[-b - 1] += exp_neg (-t * acc->inv_tau);
    }
  else
    {
      double weight = exp (-fabs (t) * acc->inv_tau);

      for (guint d = 0; d < acc->n_delays; d++)
        {
          acc->plus_direct[d] += plus_weight (t, acc->delays_ms[d], acc->compat) * weight;
          acc->minus_direct[d] += minus_weight (t, acc->delays_ms[d], acc->compat) * weight;
        }
    }
}

static void
accumulator_finish (Accumulator *acc,
                    double      *s_plus,
                    double      *s_minus)
{
  double plus_tail = 0.0, minus_tail = 0.0;
  int b = acc->half + 1;

  counts_clear_excluded (acc->counts, acc->n_bins, acc->bin_ms, acc->exclude_ms);
  for (guint d = acc->n_delays; d-- > 0;)
    {
      double scale = exp (acc->delays_ms[d] * acc->inv_tau);

      for (; b > acc->delay_bins[d]; b--)
        {
          plus_tail += acc->plus_bucket[b - 1];
          minus_tail += acc->minus_bucket[b - 1];
        }
      s_plus[d] = scale * (plus_tail + acc->plus_direct[d]);
      s_minus[d] = scale * (minus_tail + acc->minus_direct[d]);
    }
}

void
glmcc_correlogram_fill (const double *lags,
                        gsize         n_lags,
                        double        window_ms,
                        double        bin_ms,
                        guint         n_bins,
                        const double *delays_ms,
                        guint         n_delays,
                        double        tau_ms,
                        double        exclude_ms,
                        gboolean      compat,
                        double       *counts,
                        double       *s_plus,
                        double       *s_minus)
{
  Accumulator acc;

  if (!accumulator_init (&acc, window_ms, bin_ms, n_bins, delays_ms, n_delays, tau_ms,
                         exclude_ms, compat, counts))
    {
      glmcc_counts_fill (lags, n_lags, window_ms, bin_ms, n_bins, exclude_ms, counts);
      glmcc_coupling_stats_delays (lags, n_lags, delays_ms, n_delays, tau_ms, exclude_ms, compat,
                                   s_plus, s_minus);
      return;
    }
  for (gsize i = 0; i < n_lags; i++)
    accumulator_add (&acc, lags[i]);
  accumulator_finish (&acc, s_plus, s_minus);
}

double
glmcc_psp_from_j (double j)
{
  if (j > 0.0)
    return PSP_EXCITATORY * j;
  if (j < 0.0)
    return PSP_INHIBITORY * j;
  return 0.0;
}

/* Python's round (x, 6): correctly rounded to six decimals, as printf does it. */
static double
round6 (double x)
{
  char text[64];

  if (!isfinite (x))
    return x;
  /* g_ascii_formatd, not snprintf: under a locale with a decimal comma g_ascii_strtod would
   * stop at the comma. */
  g_ascii_formatd (text, sizeof text, "%.6f", x);
  return g_ascii_strtod (text, NULL);
}

/* Mean of e^{a_k} over the n_τ bins next to the delay on one side (METHOD §8.1). */
static double
side_c_bar (const GlmccParams *params,
            const double      *a,
            guint              n_bins,
            double             delay_ms,
            gboolean           plus)
{
  guint half = n_bins / 2;
  int delay_bins = (int) lround (delay_ms / params->bin_ms);
  int n_tau = (int) (params->tau_ms / params->bin_ms + 0.1);
  double sum = 0.0;
  int used = 0;

  if (n_tau < 1)
    n_tau = 1;
  for (int m = 0; m < n_tau; m++)
    {
      int k;
      if (plus)
        k = (int) half + delay_bins + m;
      else if (params->compat_reference)
        k = (int) half - delay_bins - m;       /* P6: one bin off, as published */
      else
        k = (int) half - delay_bins - 1 - m;   /* lags (−d − n_τ, −d] */
      if (k < 0 || k >= (int) n_bins)
        continue;
      sum += exp (a[k]);
      used++;
    }
  return used > 0 ? sum / used : 0.0;
}

static void
edge_fail (GlmccEdge   *edge,
           GlmccStatus  status,
           guint64      n_lags,
           double       delay_ms)
{
  edge->status = status;
  edge->j = 0.0;
  edge->threshold = NAN;
  edge->statistic = NAN;
  edge->p_value = NAN;
  edge->psp_mv = 0.0;
  edge->delay_ms = delay_ms;
  edge->n_lags = n_lags;
}

/* The Wald-type test of one side. */
static void
edge_wald (const GlmccParams *params,
           double             j,
           double             c_bar,
           double            *j_min_out,
           GlmccEdge         *edge)
{
  const double tau = params->tau_ms;
  double tau_c = tau * c_bar;
  double j_min, scale;

  j_min = sqrt (COMPAT_JMIN_NUMERATOR / tau_c);
  scale = FISHER_INFLATION / sqrt (tau_c);    /* the standard error of J */
  if (params->compat_reference)
    {
      j = round6 (j);
      j_min = round6 (j_min);
    }
  *j_min_out = j_min;

  edge->j = j;
  edge->statistic = j / scale;
  edge->p_value = 2.0 * gsl_cdf_ugaussian_Q (fabs (j / scale));
  if (params->compat_reference)
    edge->threshold = COMPAT_THRESHOLD_FACTOR * j_min;
  else
    edge->threshold = scale * gsl_cdf_ugaussian_Qinv (glmcc_params_get_alpha (params) / 2.0);

  if (!(tau_c > MIN_TAU_CBAR))
    {
      edge->status = GLMCC_STATUS_INSUFFICIENT_DATA;
      edge->j = 0.0;
      edge->psp_mv = 0.0;
      return;
    }
  if (j > edge->threshold || j < -edge->threshold)
    {
      edge->status = GLMCC_STATUS_SIGNIFICANT;
      edge->psp_mv = glmcc_psp_from_j (j);
      if (params->compat_reference)
        edge->psp_mv = round6 (edge->psp_mv);
    }
  else
    {
      edge->status = GLMCC_STATUS_NOT_SIGNIFICANT;
      edge->psp_mv = 0.0;
    }
}

/* The likelihood-ratio test of one side: d = log L(full) − log L(coupling fixed at 0). */
static void
edge_lr (const GlmccParams *params,
         double             j,
         double             c_bar,
         double             d,
         GlmccEdge         *edge)
{
  double tau_c = params->tau_ms * c_bar;
  double critical;

  if (params->compat_reference)
    {
      j = round6 (j);
      d = round6 (d);
      critical = COMPAT_LR_CRITICAL;
    }
  else
    critical = gsl_cdf_chisq_Qinv (glmcc_params_get_alpha (params), 1.0);

  edge->j = j;
  edge->threshold = NAN;
  edge->statistic = 2.0 * d;
  edge->p_value = 2.0 * d > 0.0 ? gsl_cdf_chisq_Q (2.0 * d, 1.0) : 1.0;

  if (!(tau_c > MIN_TAU_CBAR))
    {
      edge->status = GLMCC_STATUS_INSUFFICIENT_DATA;
      edge->j = 0.0;
      edge->psp_mv = 0.0;
      return;
    }
  if (2.0 * d > critical)
    {
      edge->status = GLMCC_STATUS_SIGNIFICANT;
      edge->psp_mv = glmcc_psp_from_j (j);
      if (params->compat_reference)
        edge->psp_mv = round6 (edge->psp_mv);
    }
  else
    {
      edge->status = GLMCC_STATUS_NOT_SIGNIFICANT;
      edge->psp_mv = 0.0;
    }
}

/* Default mode: the decision of one side from its test statistic, calibrated for the choice
 * among @n_choices delays (Bonferroni: the p-value of the chosen delay times the number of
 * delays tried bounds the chance that any of them looks connected by chance). The p-value
 * written is that of the decision: significant ⇔ p <= α. */
static void
edge_decide (const GlmccParams *params,
             double             j,
             double             c_bar,
             double             p_single,
             guint              n_choices,
             GlmccEdge         *edge)
{
  double tau_c = params->tau_ms * c_bar;

  edge->j = j;
  edge->p_value = MIN (1.0, n_choices * p_single);
  if (!(tau_c > MIN_TAU_CBAR))
    {
      edge->status = GLMCC_STATUS_INSUFFICIENT_DATA;
      edge->j = 0.0;
      edge->psp_mv = 0.0;
      return;
    }
  if (edge->p_value <= glmcc_params_get_alpha (params))
    {
      edge->status = GLMCC_STATUS_SIGNIFICANT;
      edge->psp_mv = glmcc_psp_from_j (j);
    }
  else
    {
      edge->status = GLMCC_STATUS_NOT_SIGNIFICANT;
      edge->psp_mv = 0.0;
    }
}

static void
fit_config_init (GlmccFitConfig    *config,
                 GlmccWorkspace    *ws,
                 const GlmccParams *params,
                 guint              n_bins,
                 double             delay_ms,
                 GlmccFix           fix)
{
  config->n_bins = n_bins;
  config->window_ms = params->window_ms;
  config->bin_ms = params->bin_ms;
  config->tau_ms = params->tau_ms;
  config->beta = glmcc_params_get_beta (params);
  config->delay_ms = delay_ms;
  config->n_excluded = (guint) lround (params->exclude_center_ms / params->bin_ms);
  config->fix = fix;
  config->compat = params->compat_reference;
  config->cancellable = ws->cancellable;
}

/* After a cancelled fit: nothing was decided. */
static void
result_cancel (GlmccPairResult *result)
{
  result->cancelled = TRUE;
  result->fit.status = GLMCC_STATUS_PENDING;
  edge_fail (&result->forward, GLMCC_STATUS_PENDING, result->n_lags, result->delays_ms[0]);
  edge_fail (&result->backward, GLMCC_STATUS_PENDING, result->n_lags, result->delays_ms[0]);
}

static void
result_init (GlmccWorkspace    *ws,
             const GlmccParams *params,
             gsize              n_lags,
             GlmccPairResult   *result)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);

  memset (result, 0, sizeof *result);
  result->n_bins = ws->n_bins;
  result->n_lags = (guint64) n_lags;
  result->n_delays = n_delays;
  result->counts = ws->counts;
  result->a = ws->a_per_delay;
  memcpy (result->delays_ms, delays, n_delays * sizeof (double));
}

/* The default mode's test of both sides at one delay, from the full fit there. */
typedef struct
{
  double      p[2];          /* p of each side, before the correction for the delay choice */
  double      statistic[2];  /* Wald: z; LR: the rescaled statistic */
  double      sd[2];         /* sandwich standard errors of J+ and J− */
  double      d[2];          /* LR: log-posterior differences to the fits without a coupling */
  GlmccStatus failure;       /* PENDING unless a fit or the variance failed */
  gboolean    cancelled;
} SideTests;

/* @fit and @a are the full fit at @delay. */
static void
side_tests_run (GlmccWorkspace       *ws,
                const GlmccParams    *params,
                gsize                 n_lags,
                double                s_plus,
                double                s_minus,
                double                delay,
                const GlmccFitResult *fit,
                const double         *a,
                SideTests            *tests)
{
  const guint n = ws->n_bins;
  GlmccFitConfig config;
  GlmccFitVariance variance;
  const double j[2] = { fit->j_plus, fit->j_minus };

  memset (tests, 0, sizeof *tests);
  tests->failure = GLMCC_STATUS_PENDING;
  fit_config_init (&config, ws, params, n, delay, GLMCC_FIX_NONE);
  if (!glmcc_fit_variance (&config, ws->counts, s_plus, s_minus, a, fit->j_plus, fit->j_minus,
                           ws->scratch, &variance))
    {
      tests->failure = GLMCC_STATUS_NUMERICAL_ERROR;
      return;
    }
  for (guint side = 0; side < 2; side++)
    tests->sd[side] = sqrt (variance.sandwich[side]);

  if (params->test == GLMCC_TEST_LR)
    {
      for (guint side = 0; side < 2; side++)
        {
          GlmccFitResult fixed;
          double statistic;

          fit_config_init (&config, ws, params, n, delay,
                           side == 0 ? GLMCC_FIX_J_PLUS : GLMCC_FIX_J_MINUS);
          glmcc_fit_run (&config, ws->counts, s_plus, s_minus, (double) n_lags, ws->a_fixed,
                         ws->scratch, &fixed);
          if (fixed.cancelled)
            {
              tests->cancelled = TRUE;
              return;
            }
          if (fixed.status != GLMCC_STATUS_PENDING)
            {
              tests->failure = fixed.status;
              return;
            }
          /* Twice the log-posterior difference is, to second order, J² / posterior variance;
           * J has the sandwich variance, so rescaled the statistic is χ²₁ without a
           * connection. (The published test takes the log likelihoods of the two MAP fits,
           * which mixes in the change of the prior, so its null distribution is unknown.) */
          tests->d[side] = fit->log_post - fixed.log_post;
          statistic = MAX (0.0, 2.0 * tests->d[side] * variance.posterior[side]
                                / variance.sandwich[side]);
          tests->statistic[side] = statistic;
          tests->p[side] = gsl_cdf_chisq_Q (statistic, 1.0);
        }
    }
  else
    for (guint side = 0; side < 2; side++)
      {
        tests->statistic[side] = j[side] / tests->sd[side];
        tests->p[side] = 2.0 * gsl_cdf_ugaussian_Q (fabs (tests->statistic[side]));
      }
}

/* The decision of one side (0 = forward, 1 = backward) from its test. */
static void
side_decide (const GlmccParams *params,
             double             j,
             double             c_bar,
             const SideTests   *tests,
             guint              side,
             guint              n_choices,
             GlmccEdge         *edge)
{
  double alpha = glmcc_params_get_alpha (params);

  edge->statistic = tests->statistic[side];
  if (params->test == GLMCC_TEST_LR)
    edge->threshold = NAN;
  else
    edge->threshold = tests->sd[side] * gsl_cdf_ugaussian_Qinv (alpha / (2.0 * n_choices));
  edge_decide (params, j, c_bar, tests->p[side], n_choices, edge);
}

/* Fits every delay to the counts in the workspace, picks one, runs the test, converts to PSP. */
static void
analyse_counts (GlmccWorkspace    *ws,
                const GlmccParams *params,
                gsize              n_lags,
                const double      *s_plus,
                const double      *s_minus,
                GlmccPairResult   *result)
{
  const guint n = ws->n_bins;
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  gboolean by_likelihood = params->test == GLMCC_TEST_LR;
  int best = -1;
  double best_value = -INFINITY;
  GlmccStatus failure = GLMCC_STATUS_PENDING;
  double delay;

  if (n_lags == 0)
    {
      for (guint i = 0; i < n_delays; i++)
        result->log_post[i] = result->log_lik[i] = NAN;
      memset (ws->a_per_delay, 0, n * sizeof (double));
      result->fit.status = GLMCC_STATUS_NO_LAGS;
      edge_fail (&result->forward, GLMCC_STATUS_NO_LAGS, 0, delays[0]);
      edge_fail (&result->backward, GLMCC_STATUS_NO_LAGS, 0, delays[0]);
      return;
    }

  for (guint i = 0; i < n_delays; i++)
    {
      GlmccFitConfig config;
      GlmccFitResult fit;
      double value;
      double *a = ws->a_per_delay + (gsize) i * n;

      fit_config_init (&config, ws, params, n, delays[i], GLMCC_FIX_NONE);
      glmcc_fit_run (&config, ws->counts, s_plus[i], s_minus[i], (double) n_lags, a, ws->scratch,
                     &fit);
      if (fit.cancelled)
        {
          result_cancel (result);
          return;
        }
      result->log_post[i] = fit.log_post;
      result->log_lik[i] = fit.log_lik;
      if (fit.status != GLMCC_STATUS_PENDING)
        {
          if (failure == GLMCC_STATUS_PENDING)
            failure = fit.status;
          continue;
        }
      /* Strictly greater: a tie keeps the earlier delay, as published. */
      value = by_likelihood ? fit.log_lik : fit.log_post;
      if (best < 0 || value > best_value)
        {
          best = (int) i;
          best_value = value;
          result->fit = fit;
        }
    }

  if (best < 0)
    {
      result->fit.status = failure;
      edge_fail (&result->forward, failure, (guint64) n_lags, delays[0]);
      edge_fail (&result->backward, failure, (guint64) n_lags, delays[0]);
      return;
    }

  result->delay_index = (guint) best;
  result->a = ws->a_per_delay + (gsize) best * n;
  delay = delays[best];
  result->c_bar_plus = side_c_bar (params, result->a, n, delay, TRUE);
  result->c_bar_minus = side_c_bar (params, result->a, n, delay, FALSE);
  result->j_min_plus = sqrt (COMPAT_JMIN_NUMERATOR / (params->tau_ms * result->c_bar_plus));
  result->j_min_minus = sqrt (COMPAT_JMIN_NUMERATOR / (params->tau_ms * result->c_bar_minus));
  result->sd_plus = result->sd_minus = NAN;
  if (!params->compat_reference)
    {
      SideTests tests;

      side_tests_run (ws, params, n_lags, s_plus[best], s_minus[best], delay, &result->fit,
                      result->a, &tests);
      if (tests.cancelled)
        {
          result_cancel (result);
          return;
        }
      if (tests.failure != GLMCC_STATUS_PENDING)
        {
          edge_fail (&result->forward, tests.failure, (guint) n_lags, delay);
          edge_fail (&result->backward, tests.failure, (guint) n_lags, delay);
          result->forward.j = result->fit.j_plus;
          result->backward.j = result->fit.j_minus;
          return;
        }
      result->sd_plus = tests.sd[0];
      result->sd_minus = tests.sd[1];
      result->d_plus = tests.d[0];
      result->d_minus = tests.d[1];
      side_decide (params, result->fit.j_plus, result->c_bar_plus, &tests, 0, n_delays,
                   &result->forward);
      side_decide (params, result->fit.j_minus, result->c_bar_minus, &tests, 1, n_delays,
                   &result->backward);

    }
  else if (params->test == GLMCC_TEST_LR)
    {
      GlmccFitConfig config;
      GlmccFitResult fixed;
      GlmccStatus lr_failure = GLMCC_STATUS_PENDING;

      fit_config_init (&config, ws, params, n, delay, GLMCC_FIX_J_PLUS);
      glmcc_fit_run (&config, ws->counts, s_plus[best], s_minus[best], (double) n_lags,
                     ws->a_fixed, ws->scratch, &fixed);
      if (fixed.cancelled)
        {
          result_cancel (result);
          return;
        }
      if (fixed.status != GLMCC_STATUS_PENDING)
        lr_failure = fixed.status;
      result->d_plus = result->fit.log_lik - fixed.log_lik;

      fit_config_init (&config, ws, params, n, delay, GLMCC_FIX_J_MINUS);
      glmcc_fit_run (&config, ws->counts, s_plus[best], s_minus[best], (double) n_lags,
                     ws->a_fixed, ws->scratch, &fixed);
      if (fixed.cancelled)
        {
          result_cancel (result);
          return;
        }
      if (fixed.status != GLMCC_STATUS_PENDING && lr_failure == GLMCC_STATUS_PENDING)
        lr_failure = fixed.status;
      result->d_minus = result->fit.log_lik - fixed.log_lik;

      if (lr_failure != GLMCC_STATUS_PENDING)
        {
          edge_fail (&result->forward, lr_failure, (guint64) n_lags, delay);
          edge_fail (&result->backward, lr_failure, (guint64) n_lags, delay);
          result->forward.j = result->fit.j_plus;
          result->backward.j = result->fit.j_minus;
          return;
        }
      edge_lr (params, result->fit.j_plus, result->c_bar_plus, result->d_plus, &result->forward);
      edge_lr (params, result->fit.j_minus, result->c_bar_minus, result->d_minus,
               &result->backward);
    }
  else
    {
      edge_wald (params, result->fit.j_plus, result->c_bar_plus, &result->j_min_plus,
                 &result->forward);
      edge_wald (params, result->fit.j_minus, result->c_bar_minus, &result->j_min_minus,
                 &result->backward);
    }

  result->forward.delay_ms = delay;
  result->backward.delay_ms = delay;
  result->forward.n_lags = (guint64) n_lags;
  result->backward.n_lags = (guint64) n_lags;
}

void
glmcc_pair_analyse_lags (GlmccWorkspace    *ws,
                         const GlmccParams *params,
                         const double      *lags,
                         gsize              n_lags,
                         GlmccPairResult   *result)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  double s_plus[GLMCC_MAX_DELAYS], s_minus[GLMCC_MAX_DELAYS];

  g_return_if_fail (ws->n_bins == glmcc_params_get_n_bins (params));

  result_init (ws, params, n_lags, result);
  glmcc_correlogram_fill (lags, n_lags, params->window_ms, params->bin_ms, ws->n_bins, delays,
                          n_delays, params->tau_ms, params->exclude_center_ms,
                          params->compat_reference, ws->counts, s_plus, s_minus);
  analyse_counts (ws, params, n_lags, s_plus, s_minus, result);
}

/* The lags of (ref, target) fed straight into the accumulator, as glmcc_lags_collect()
 * finds them: a batch run never stores them. Returns the number of lags. */
static gsize
stream_lags (const double *ref,
             gsize         n_ref,
             const double *target,
             gsize         n_target,
             double        window_ms,
             Accumulator  *acc)
{
  gsize lo = 0, hi = 0, n_lags = 0;

  for (gsize r = 0; r < n_ref; r++)
    {
      const double t_r = ref[r];
      const double low = t_r - window_ms;
      const double high = t_r + window_ms;

      while (lo < n_target && !(target[lo] > low))
        lo++;
      if (hi < lo)
        hi = lo;
      while (hi < n_target && !(target[hi] > high))
        hi++;
      for (gsize k = lo; k < hi; k++)
        {
          double lag = target[k] - t_r;
          if (lag < window_ms)
            {
              accumulator_add (acc, lag);
              n_lags++;
            }
        }
    }
  return n_lags;
}

void
glmcc_pair_analyse (GlmccWorkspace    *ws,
                    const GlmccParams *params,
                    GlmccRecording    *recording,
                    guint              ref,
                    guint              target,
                    GlmccPairResult   *result)
{
  const double *ref_train, *target_train, *delays;
  gsize n_ref, n_target, n_lags;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  double s_plus[GLMCC_MAX_DELAYS], s_minus[GLMCC_MAX_DELAYS];
  Accumulator acc;

  g_return_if_fail (ws->n_bins == glmcc_params_get_n_bins (params));

  ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
  target_train = glmcc_recording_get_train (recording, target, &n_target);
  if (!accumulator_init (&acc, params->window_ms, params->bin_ms, ws->n_bins, delays, n_delays,
                         params->tau_ms, params->exclude_center_ms, params->compat_reference,
                         ws->counts))
    {
      g_array_set_size (ws->lags, 0);
      glmcc_lags_collect (ref_train, n_ref, target_train, n_target, params->window_ms, ws->lags);
      glmcc_pair_analyse_lags (ws, params, (const double *) (gpointer) ws->lags->data,
                               ws->lags->len, result);
      return;
    }
  n_lags = stream_lags (ref_train, n_ref, target_train, n_target, params->window_ms, &acc);
  accumulator_finish (&acc, s_plus, s_minus);
  result_init (ws, params, n_lags, result);
  analyse_counts (ws, params, n_lags, s_plus, s_minus, result);
}
