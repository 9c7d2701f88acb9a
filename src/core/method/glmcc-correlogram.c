/* glmcc-correlogram.c: the lags of a pair and their correlogram (METHOD §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference implementation first: it is METHOD §2 written out. Then the fast one, which
 * gives the same counts and the same S± up to rounding:
 *
 * - Each lag is binned as it is found. Delays are whole bins, so a lag strictly inside bin f
 *   (not within 1e-9 of a bin of an edge) is beyond every delay d ≤ its distance from 0 and
 *   short of every other: S+(d) = e^{d/τ} Σ_{bins beyond d} Σ_{t in bin} e^{−|t|/τ}. So one
 *   accumulator per pair holds, per bin, its count and its sum of e^{−|t|/τ} (one exponential
 *   per lag, from two small tables), and the suffix sums give S± of every delay at the end.
 *   Lags on or near a bin edge — where t > d and t ≥ d differ, where the count is split, where
 *   the excluded centre begins — go the slow way: the reference's rules, delay by delay.
 * - The lags of a pair are met target-major: for each target spike, the reference spikes
 *   within the window, in time order. A lag is a lag under the published comparisons, which
 *   only depend on the two spike times: fl(t_R − W) < t_X ≤ fl(t_R + W) and fl(t_X − t_R) < W.
 *   For a target spike, the reference spikes passing them are one run of the sorted train, and
 *   the run only moves forward, so two pointers find every lag in one linear pass.
 * - A batch run finds the lags of many pairs at once: the spikes of a block of neurons merged
 *   into one time-sorted stream (with each spike's neuron), one pass of the target block's
 *   stream against the reference block's stream gives every pair of the two blocks, each lag
 *   scattered into its pair's accumulator. Each spike is read once per block pair instead of
 *   once per pair, and the accumulators of a block pair stay in the cache.
 */
#define G_LOG_DOMAIN "glmcc-correlogram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-correlogram.h"
#include "glmcc-exp.h"

/* --- Reference ---------------------------------------------------------------------------- */

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

void
glmcc_correlogram_reference_lags (const double *ref,
                                  gsize         n_ref,
                                  const double *target,
                                  gsize         n_target,
                                  double        window_ms,
                                  GArray       *lags)
{
  gsize lo = 0, hi = 0;

  for (gsize r = 0; r < n_ref; r++)
    {
      const double t_r = ref[r];

      /* lo: the first target spike > t_R − W; hi: the first > t_R + W. Both only move on. */
      while (lo < n_target && !(target[lo] > t_r - window_ms))
        lo++;
      if (hi < lo)
        hi = lo;
      while (hi < n_target && !(target[hi] > t_r + window_ms))
        hi++;
      for (gsize k = lo; k < hi; k++)
        {
          double lag = target[k] - t_r;
          if (lag < window_ms)
            g_array_append_val (lags, lag);
        }
    }
}

void
glmcc_correlogram_reference_counts (const double *lags,
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
glmcc_correlogram_reference_stats (const double *lags,
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
      /* Both, not either: with d = 0 a lag of 0 sits on +d and on −d. */
      if (t >= delay_ms)
        sp += plus_weight (t, delay_ms, compat) * exp (-(t - delay_ms) / tau_ms);
      if (t <= -delay_ms)
        sm += minus_weight (t, delay_ms, compat) * exp ((t + delay_ms) / tau_ms);
    }
  *s_plus = sp;
  *s_minus = sm;
}

/* --- Fast --------------------------------------------------------------------------------- */

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

/* Where the parts of an accumulator start: per bin its count and its sum of e^{−|t|/τ}
 * (2·n_bins), then per delay the directly summed S+ and S− of the slow lags, then what the
 * slow lags added to the counts and how many slow lags there were. */
#define ACC_DIRECT_PLUS(plan) (2 * (gsize) (plan)->n_bins)
#define ACC_DIRECT_MINUS(plan) (ACC_DIRECT_PLUS (plan) + (plan)->n_delays)
#define ACC_SLOW_COUNTED(plan) (ACC_DIRECT_MINUS (plan) + (plan)->n_delays)
#define ACC_SLOW_LAGS(plan) (ACC_SLOW_COUNTED (plan) + 1)
#define ACC_END(plan) (ACC_SLOW_LAGS (plan) + 1)

/* Exactly a whole number of bins. */
static gboolean
exact_bins (double value,
            double bin_ms,
            int   *n)
{
  double k = value / bin_ms;

  if (!(k == floor (k)) || fabs (k) > G_MAXINT / 2 || k * bin_ms != value)
    return FALSE;
  *n = (int) k;
  return TRUE;
}

void
glmcc_correlogram_plan_init (GlmccCorrelogramPlan *plan,
                             const GlmccParams    *params)
{
  static GOnce exp_tables_once = G_ONCE_INIT;
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  int half_bins = 0, excluded_bins = 0, frexp_exponent;

  g_return_if_fail (n_delays >= 1 && n_delays <= GLMCC_MAX_DELAYS);

  g_once (&exp_tables_once, exp_tables_init, NULL);
  glmcc_exp_init ();
  memset (plan, 0, sizeof *plan);
  plan->window_ms = params->window_ms;
  plan->bin_ms = params->bin_ms;
  plan->tau_ms = params->tau_ms;
  plan->inv_tau = 1.0 / params->tau_ms;
  plan->exclude_ms = params->exclude_center_ms;
  plan->n_bins = glmcc_params_get_n_bins (params);
  plan->n_delays = n_delays;
  plan->compat = params->compat_reference;
  memcpy (plan->delays_ms, delays, n_delays * sizeof (double));
  /* A power of two: multiplying by its inverse is the division, to the bit. */
  if (frexp (params->bin_ms, &frexp_exponent) == 0.5)
    plan->inv_bin = 1.0 / params->bin_ms;

  /* The binned sums need whole bins everywhere (the window, the delays, the excluded centre,
   * which must not reach past a delay) and e^{±W/τ} inside the tables' range. Anything else is
   * summed lag by lag and delay by delay, like the reference. */
  plan->binned = plan->window_ms / plan->tau_ms <= 599.0
                 && exact_bins (plan->window_ms, plan->bin_ms, &half_bins)
                 && (guint) (2 * half_bins) == plan->n_bins
                 && exact_bins (plan->exclude_ms, plan->bin_ms, &excluded_bins)
                 && excluded_bins >= 0;
  for (guint i = 0; i < n_delays && plan->binned; i++)
    plan->binned = exact_bins (delays[i], plan->bin_ms, &plan->delay_bins[i])
                   && plan->delay_bins[i] >= 0 && plan->delay_bins[i] < half_bins
                   && delays[i] >= plan->exclude_ms;

  /* Streamed lags get e^{−|t|/τ} as a product of per-spike weights (see scan_binned()),
   * within epochs of a power of two of milliseconds, so that epoch bounds and the offsets of
   * spike times from them are exact, and the weights stay far from overflow. */
  if (plan->binned)
    {
      plan->epoch_ms = exp2 (ceil (log2 (plan->window_ms)));
      if (plan->epoch_ms / plan->tau_ms > 600.0)
        plan->epoch_ms = 0.0;
      else
        plan->epoch_decay = exp (-plan->epoch_ms / plan->tau_ms);
    }

  /* Whole cache lines per accumulator, so that neighbouring pairs do not share one. */
  plan->size = (ACC_END (plan) + 7) & ~(gsize) 7;
}

gsize
glmcc_correlogram_plan_get_size (const GlmccCorrelogramPlan *plan)
{
  return plan->size;
}

/* The slow way for one lag: the reference's rules, delay by delay (see the file comment). */
static void
add_lag_slow (const GlmccCorrelogramPlan *plan,
              double                     *acc,
              double                      t)
{
  const guint n = plan->n_bins;
  double *direct_plus = acc + ACC_DIRECT_PLUS (plan);
  double *direct_minus = acc + ACC_DIRECT_MINUS (plan);
  double *counted = acc + ACC_SLOW_COUNTED (plan);
  double k, f, weight;

  acc[ACC_SLOW_LAGS (plan)] += 1.0;
  if (lag_excluded (t, plan->exclude_ms))
    return;

  k = plan->inv_bin > 0.0 ? (t + plan->window_ms) * plan->inv_bin
                          : (t + plan->window_ms) / plan->bin_ms;
  f = floor (k);
  if (k == f)
    {
      if (f >= 0.0 && f < n)
        {
          acc[2 * (gsize) f] += 0.5;
          *counted += 0.5;
        }
      if (f - 1.0 >= 0.0 && f - 1.0 < n)
        {
          acc[2 * (gsize) f - 2] += 0.5;
          *counted += 0.5;
        }
    }
  else if (f >= 0.0 && f < n)
    {
      acc[2 * (gsize) f] += 1.0;
      *counted += 1.0;
    }

  if (plan->binned)
    {
      /* Scaled by e^{d/τ} with the binned sums at the end. A lag adds to one side only (to
       * both only at t = 0 with a delay of 0), and adding a zero weight changes no sum. */
      weight = glmcc_exp_fast (-fabs (t) * plan->inv_tau);
      for (guint d = 0; d < plan->n_delays; d++)
        {
          double wp, wm;

          if (t >= 0.0 && (wp = plus_weight (t, plan->delays_ms[d], plan->compat)) > 0.0)
            direct_plus[d] += wp * weight;
          if (t <= 0.0 && (wm = minus_weight (t, plan->delays_ms[d], plan->compat)) > 0.0)
            direct_minus[d] += wm * weight;
        }
      return;
    }
  for (guint d = 0; d < plan->n_delays; d++)
    {
      double delay = plan->delays_ms[d];
      double wp = plus_weight (t, delay, plan->compat), wm = minus_weight (t, delay, plan->compat);

      if (wp > 0.0)
        direct_plus[d] += wp * exp (-(t - delay) / plan->tau_ms);
      if (wm > 0.0)
        direct_minus[d] += wm * exp ((t + delay) / plan->tau_ms);
    }
}

/* The constants of the hot loop, copied out of the plan so that the compiler keeps them in
 * registers (stores into the accumulators could otherwise alias the plan). */
typedef struct
{
  double window_ms;
  double bin_ms;
  double inv_bin;
  double inv_tau;
  guint  n_bins;
} Hot;

static inline void
hot_init (Hot                        *hot,
          const GlmccCorrelogramPlan *plan)
{
  hot->window_ms = plan->window_ms;
  hot->bin_ms = plan->bin_ms;
  hot->inv_bin = plan->inv_bin;
  hot->inv_tau = plan->inv_tau;
  hot->n_bins = plan->n_bins;
}

/* One lag strictly inside a bin (away from its edges by 1e-9 of a bin): its count and weight.
 * FALSE for the others, which go the slow way. @pow2: Δ is a power of two. */
static G_ALWAYS_INLINE inline gboolean
add_lag_binned (const Hot *hot,
                double    *acc,
                double     t,
                gboolean   pow2)
{
  double x = pow2 ? (t + hot->window_ms) * hot->inv_bin : (t + hot->window_ms) / hot->bin_ms;
  gint64 f = (gint64) x;
  double frac = x - (double) f;

  if (G_UNLIKELY (!(fabs (frac - 0.5) < 0.5 - 1e-9) || (guint64) f >= hot->n_bins))
    return FALSE;
  acc[2 * f] += 1.0;
  acc[2 * f + 1] += exp_neg (fabs (t) * hot->inv_tau);
  return TRUE;
}

void
glmcc_correlogram_add_lags (const GlmccCorrelogramPlan *plan,
                            double                     *acc,
                            const double               *lags,
                            gsize                       n_lags)
{
  Hot hot;

  hot_init (&hot, plan);
  for (gsize i = 0; i < n_lags; i++)
    if (!plan->binned || !add_lag_binned (&hot, acc, lags[i], plan->inv_bin > 0.0))
      add_lag_slow (plan, acc, lags[i]);
}

guint64
glmcc_correlogram_finish (const GlmccCorrelogramPlan *plan,
                          const double               *acc,
                          double                     *counts,
                          double                     *s_plus,
                          double                     *s_minus)
{
  const guint n = plan->n_bins;
  const int half = (int) (n / 2);
  const double *direct_plus = acc + ACC_DIRECT_PLUS (plan);
  const double *direct_minus = acc + ACC_DIRECT_MINUS (plan);
  double total = 0.0;

  for (guint f = 0; f < n; f++)
    {
      counts[f] = acc[2 * f];
      total += counts[f];
    }
  counts_clear_excluded (counts, n, plan->bin_ms, plan->exclude_ms);

  for (guint d = 0; d < plan->n_delays; d++)
    {
      double plus_tail = 0.0, minus_tail = 0.0, scale;

      if (!plan->binned)
        {
          s_plus[d] = direct_plus[d];
          s_minus[d] = direct_minus[d];
          continue;
        }
      /* From the outermost bin inwards on both sides. */
      for (int f = (int) n - 1; f >= half + plan->delay_bins[d]; f--)
        plus_tail += acc[2 * f + 1];
      for (int f = 0; f < half - plan->delay_bins[d]; f++)
        minus_tail += acc[2 * f + 1];
      scale = exp (plan->delays_ms[d] * plan->inv_tau);
      s_plus[d] = scale * (plus_tail + direct_plus[d]);
      s_minus[d] = scale * (minus_tail + direct_minus[d]);
    }

  /* Every binned lag added exactly 1 to a count; the slow ones are counted apart. */
  return (guint64) (total - acc[ACC_SLOW_COUNTED (plan)] + acc[ACC_SLOW_LAGS (plan)]);
}

/* For target spike x: moves @lo past the reference spikes that can no longer give a lag —
 * fl(t_R + W) < x, or fl(x − t_R) >= W, both of which stay true for later target spikes —
 * and @hi past those with fl(t_R − W) < x. The lags of x are then x − ref[lo … hi). */
static G_ALWAYS_INLINE inline void
window_advance (const double *ref,
                gsize         n_ref,
                double        x,
                double        window_ms,
                gsize        *lo,
                gsize        *hi)
{
  gsize l = *lo, h = *hi;

  while (l < n_ref && (ref[l] + window_ms < x || !(x - ref[l] < window_ms)))
    l++;
  if (h < l)
    h = l;
  while (h < n_ref && ref[h] - window_ms < x)
    h++;
  *lo = l;
  *hi = h;
}

void
glmcc_lags_collect (const double *ref,
                    gsize         n_ref,
                    const double *target,
                    gsize         n_target,
                    double        window_ms,
                    GArray       *lags)
{
  gsize lo = 0, hi = 0, used;
  double *out;

  for (gsize x = 0; x < n_target; x++)
    {
      window_advance (ref, n_ref, target[x], window_ms, &lo, &hi);
      if (hi <= lo)
        continue;
      used = lags->len;
      g_array_set_size (lags, used + (hi - lo));
      out = (double *) (gpointer) lags->data + used;
      for (gsize k = lo; k < hi; k++)
        *out++ = target[x] - ref[k];
    }
}

/* Lags that go the slow way, set aside during a window so that the hot loop calls nothing. */
#define SLOW_BATCH 64
/* Block streams and the weights of their spikes have this many entries past their end. */
#define STREAM_PAD 4

typedef struct
{
  double *cell[SLOW_BATCH];
  double  t[SLOW_BATCH];
  guint   n;
} SlowBatch;

static void
slow_batch_flush (const GlmccCorrelogramPlan *plan,
                  SlowBatch                  *batch)
{
  for (guint i = 0; i < batch->n; i++)
    add_lag_slow (plan, batch->cell[i], batch->t[i]);
  batch->n = 0;
}

/* The largest multiple of @epoch (a power of two) at or below t, exactly. */
static inline double
epoch_start (double t,
             double epoch,
             double inv_epoch)
{
  double start = (double) (gint64) (t * inv_epoch) * epoch;

  if (start > t)
    start -= epoch;
  else if (start + epoch <= t)
    start += epoch;
  return start;
}

/* Each spike's weights within its epoch: P = e^{(t − B)/τ} and Q = 1/P, B = epoch_start(). For
 * two spikes of the same epoch e^{−|t_X − t_R|/τ} = Q_X·P_R (t_X > t_R) or P_X·Q_R; a
 * reference spike of the epoch before or after the target's adds a factor e^{−epoch/τ}.
 * @starts: NULL, or where B goes. */
static void
spike_weights_range (const GlmccCorrelogramPlan *plan,
                     const double               *times,
                     gsize                       n,
                     double                     *p,
                     double                     *q,
                     double                     *starts)
{
  const double epoch = plan->epoch_ms, inv_epoch = 1.0 / epoch, inv_tau = plan->inv_tau;

  for (gsize k = 0; k < n; k++)
    {
      double start = epoch_start (times[k], epoch, inv_epoch);

      p[k] = glmcc_exp_fast ((times[k] - start) * inv_tau);
      q[k] = 1.0 / p[k];
      if (starts != NULL)
        starts[k] = start;
    }
}

/* The same for a stream, and zeros in its padding. */
static void
spike_weights (const GlmccCorrelogramPlan *plan,
               const double               *times,
               gsize                       n,
               double                     *p,
               double                     *q,
               double                     *starts)
{
  spike_weights_range (plan, times, n, p, q, starts);
  for (gsize k = n; k < n + STREAM_PAD; k++)
    {
      p[k] = q[k] = 0.0;
      if (starts != NULL)
        starts[k] = 0.0;
    }
}

/* One run of a target spike's window: reference spikes [from, to), all on one side of it, so
 * that each lag's weight is a factor of the target spike times the reference spike's @weight:
 * @factors[0] for reference spikes before @boundary (an epoch bound), @factors[1] from it on
 * (a table rather than a branch: where a run crosses the bound is unpredictable). */
static G_ALWAYS_INLINE inline void
scan_run (const GlmccCorrelogramPlan *plan,
          const Hot                  *hot,
          double                      t_x,
          guint                       target_id,
          double                     *row,
          const double               *ref,
          const guint8               *ref_ids,
          gsize                       column_stride,
          const double               *weight,
          const double               *factors,
          double                      boundary,
          gsize                       from,
          gsize                       to,
          SlowBatch                  *slow,
          gboolean                    pow2,
          gboolean                    ids,
          gboolean                    diagonal)
{
  for (gsize k = from; k < to; k++)
    {
      double *cell = ids ? row + ref_ids[k] * column_stride : row;
      double t = t_x - ref[k];
      double x = pow2 ? (t + hot->window_ms) * hot->inv_bin : (t + hot->window_ms) / hot->bin_ms;
      gint64 f = (gint64) x;
      double frac = x - (double) f;

      if (diagonal && ref_ids[k] >= target_id)
        continue;
      /* A streamed lag is < W, so x < n_bins, and away from the edges x is inside the counts. */
      if (G_LIKELY (fabs (frac - 0.5) < 0.5 - 1e-9))
        {
          cell[2 * f] += 1.0;
          cell[2 * f + 1] += factors[ref[k] >= boundary] * weight[k];
          continue;
        }
      slow->cell[slow->n] = cell;
      slow->t[slow->n++] = t;
      if (G_UNLIKELY (slow->n == SLOW_BATCH))
        slow_batch_flush (plan, slow);
    }
}

/* The lags of target spikes (with their accumulator row) against reference spikes (with
 * their column), binned. @ids: the streams carry neuron indices (else one neuron each);
 * @diagonal: the two streams are one block, and only references before the target count.
 * @scratch: 2·n_ref doubles for the reference spikes' weights. Each target spike's window is
 * cut where the reference spikes pass the target spike (a pointer that only moves forward);
 * on each side one factor of the target spike, chosen by the reference spike's epoch, and the
 * reference spikes' weights give e^{−|t|/τ}: one multiplication per lag instead of an
 * exponential. A slow lag only changes its own pair's direct sums, in the order of that pair's
 * lags, so setting it aside changes no bit. */
static G_ALWAYS_INLINE inline void
scan_binned (const GlmccCorrelogramPlan *plan,
             const double               *target,
             const guint8               *target_ids,
             gsize                       n_target,
             const double               *ref,
             const guint8               *ref_ids,
             gsize                       n_ref,
             double                     *acc,
             gsize                       row_stride,
             gsize                       column_stride,
             double                     *scratch,
             gboolean                    pow2,
             gboolean                    ids,
             gboolean                    diagonal)
{
  const double window_ms = plan->window_ms, epoch = plan->epoch_ms, inv_epoch = 1.0 / epoch;
  const double decay = plan->epoch_decay, inv_tau = plan->inv_tau;
  double *ref_p = scratch, *ref_q = scratch + n_ref + STREAM_PAD;
  gsize lo = 0, hi = 0, mid = 0;
  SlowBatch slow;
  Hot hot;

  hot_init (&hot, plan);
  slow.n = 0;
  spike_weights (plan, ref, n_ref, ref_p, ref_q, NULL);
  for (gsize x = 0; x < n_target; x++)
    {
      const double t_x = target[x];
      const guint target_id = ids ? target_ids[x] : 0;
      double *row = ids ? acc + target_id * row_stride : acc;
      double start, p_x, q_x, before[2], after[2];

      window_advance (ref, n_ref, t_x, window_ms, &lo, &hi);
      if (lo >= hi)
        continue;
      while (mid < n_ref && ref[mid] < t_x)
        mid++;
      start = epoch_start (t_x, epoch, inv_epoch);
      p_x = glmcc_exp_fast ((t_x - start) * inv_tau);
      q_x = 1.0 / p_x;

      /* t > 0: e^{−t/τ} = Q_X·P_R, times e^{−epoch/τ} for a reference spike of the epoch
       * before; t <= 0: P_X·Q_R, times e^{−epoch/τ} for one of the epoch after. */
      before[0] = q_x * decay;
      before[1] = q_x;
      after[0] = p_x;
      after[1] = p_x * decay;
      scan_run (plan, &hot, t_x, target_id, row, ref, ref_ids, column_stride, ref_p, before,
                start, lo, MAX (mid, lo), &slow, pow2, ids, diagonal);
      scan_run (plan, &hot, t_x, target_id, row, ref, ref_ids, column_stride, ref_q, after,
                start + epoch, MAX (mid, lo), hi, &slow, pow2, ids, diagonal);
      if (slow.n > 0)
        slow_batch_flush (plan, &slow);
    }
}

#ifdef GLMCC_HAVE_EXP_AVX2
#define HAVE_AVX2_SCAN 1

/* spike_weights() four spikes at a time: epoch_start() with the same operations in vector
 * registers (rounding toward zero for the cast to an integer) and glmcc_exp_fast_avx2(), so
 * that the weights are the same to the bit. */
__attribute__ ((target ("avx2")))
static void
spike_weights_avx2 (const GlmccCorrelogramPlan *plan,
                    const double               *times,
                    gsize                       n,
                    double                     *p,
                    double                     *q,
                    double                     *starts)
{
  const double epoch = plan->epoch_ms, inv_epoch = 1.0 / epoch;
  const __m256d vepoch = _mm256_set1_pd (epoch), vinv_epoch = _mm256_set1_pd (inv_epoch);
  const __m256d vinv_tau = _mm256_set1_pd (plan->inv_tau), one = _mm256_set1_pd (1.0);
  gsize k = 0;

  for (; k + 4 <= n; k += 4)
    {
      __m256d t = _mm256_loadu_pd (times + k);
      /* + 0: the cast to an integer and back gives +0, not −0, for −1 < t/epoch < 0. */
      __m256d start = _mm256_mul_pd (_mm256_add_pd (_mm256_round_pd (_mm256_mul_pd (t, vinv_epoch),
                                                                     _MM_FROUND_TO_ZERO
                                                                     | _MM_FROUND_NO_EXC),
                                                    _mm256_setzero_pd ()),
                                     vepoch);
      __m256d next = _mm256_add_pd (start, vepoch);
      __m256d x, weight;

      /* if (start > t) start −= epoch; else if (start + epoch <= t) start += epoch; */
      start = _mm256_blendv_pd (_mm256_blendv_pd (start, next, _mm256_cmp_pd (next, t, _CMP_LE_OQ)),
                                _mm256_sub_pd (start, vepoch), _mm256_cmp_pd (start, t, _CMP_GT_OQ));
      x = _mm256_mul_pd (_mm256_sub_pd (t, start), vinv_tau);
      if (!glmcc_exp_avx2_in_range (x))
        {
          /* exp() itself for a lane out of the series' range (not for times in epochs). */
          spike_weights_range (plan, times + k, 4, p + k, q + k, starts != NULL ? starts + k : NULL);
          continue;
        }
      weight = glmcc_exp_fast_avx2 (x);
      _mm256_storeu_pd (p + k, weight);
      _mm256_storeu_pd (q + k, _mm256_div_pd (one, weight));
      if (starts != NULL)
        _mm256_storeu_pd (starts + k, start);
    }
  /* The last spikes and the padding. */
  spike_weights (plan, times + k, n - k, p + k, q + k, starts != NULL ? starts + k : NULL);
}

/* window_advance() on a padded stream, four reference spikes at a time: each loop stops at the
 * first spike where its condition fails, which is the first lane where it fails (the padding,
 * G_MAXDOUBLE, fails both), so @lo and @hi are the same. Where the scalar loops take a branch
 * per spike, whose exit the processor cannot foresee, these take one per four. */
__attribute__ ((target ("avx2"), always_inline))
static inline void
window_advance_avx2 (const double *ref,
                     double        x,
                     double        window_ms,
                     gsize        *lo,
                     gsize        *hi)
{
  const __m256d vx = _mm256_set1_pd (x), window = _mm256_set1_pd (window_ms);
  gsize l = *lo, h;
  guint passed;

  for (;;)
    {
      __m256d r = _mm256_loadu_pd (ref + l);
      /* fl(t_R + W) < x, or not fl(x − t_R) < W */
      __m256d gone = _mm256_or_pd (_mm256_cmp_pd (_mm256_add_pd (r, window), vx, _CMP_LT_OQ),
                                   _mm256_cmp_pd (_mm256_sub_pd (vx, r), window, _CMP_NLT_UQ));

      passed = (guint) _mm256_movemask_pd (gone);
      if (passed != 15)
        break;
      l += 4;
    }
  l += (guint) __builtin_ctz (~passed);
  h = MAX (*hi, l);
  for (;;)
    {
      /* fl(t_R − W) < x */
      __m256d r = _mm256_loadu_pd (ref + h);

      passed = (guint) _mm256_movemask_pd (_mm256_cmp_pd (_mm256_sub_pd (r, window), vx,
                                                           _CMP_LT_OQ));
      if (passed != 15)
        break;
      h += 4;
    }
  h += (guint) __builtin_ctz (~passed);
  *lo = l;
  *hi = h;
}

/* scan_binned() of two block streams (Δ a power of two) with AVX2: four lags at a time are
 * binned and weighted in vector registers, each lane picking its side and epoch factor by
 * comparison instead of the window being cut, then added to their accumulators lane by lane
 * in the order of the scalar scan, with the same operations on the same operands, so that the
 * accumulators are the same to the bit. Vector loads run past the window into the next spikes
 * and past the stream into its padding; lanes past the window are masked. @scratch also holds,
 * after the weights, each reference spike's accumulator column as an offset in doubles.
 * @target_p, @target_q, @target_starts: the target spikes' weights and epochs (spike_weights():
 * the P_X, Q_X and epoch_start() that scan_binned() computes spike by spike), kept from one
 * tile to the next. */
__attribute__ ((target ("avx2"), always_inline))
static inline void
scan_blocks_avx2_body (const GlmccCorrelogramPlan *plan,
                       const double               *target,
                       const guint8               *target_ids,
                       gsize                       n_target,
                       const double               *ref,
                       const guint8               *ref_ids,
                       gsize                       n_ref,
                       double                     *acc,
                       gsize                       row_stride,
                       gsize                       column_stride,
                       double                     *scratch,
                       const double               *target_p,
                       const double               *target_q,
                       const double               *target_starts,
                       gboolean                    diagonal)
{
  const double window_ms = plan->window_ms, epoch = plan->epoch_ms;
  const double decay = plan->epoch_decay;
  const __m256d window = _mm256_set1_pd (window_ms), inv_bin = _mm256_set1_pd (plan->inv_bin);
  const __m256d half = _mm256_set1_pd (0.5), limit = _mm256_set1_pd (0.5 - 1e-9);
  const __m256d magnitude = _mm256_castsi256_pd (_mm256_set1_epi64x (0x7fffffffffffffffLL));
  double *ref_p = scratch, *ref_q = scratch + n_ref + STREAM_PAD;
  gint32 *columns = (gint32 *) (gpointer) (scratch + 2 * (n_ref + STREAM_PAD));
  gsize lo = 0, hi = 0;
  SlowBatch slow;

  slow.n = 0;
  spike_weights_avx2 (plan, ref, n_ref, ref_p, ref_q, NULL);
  for (gsize k = 0; k < n_ref + STREAM_PAD; k++)
    columns[k] = (gint32) (ref_ids[k] * column_stride);
  for (gsize x = 0; x < n_target; x++)
    {
      const double t_x = target[x];
      const guint target_id = target_ids[x];
      double *row = acc + target_id * row_stride;
      double start, p_x, q_x;
      __m256d vx, vstart, vnext, before0, before1, after0, after1;

      window_advance_avx2 (ref, t_x, window_ms, &lo, &hi);
      if (lo >= hi)
        continue;
      start = target_starts[x];
      p_x = target_p[x];
      q_x = target_q[x];
      vx = _mm256_set1_pd (t_x);
      vstart = _mm256_set1_pd (start);
      vnext = _mm256_set1_pd (start + epoch);
      before0 = _mm256_set1_pd (q_x * decay);
      before1 = _mm256_set1_pd (q_x);
      after0 = _mm256_set1_pd (p_x);
      after1 = _mm256_set1_pd (p_x * decay);

      for (gsize k = lo; k < hi; k += 4)
        {
          __m256d r = _mm256_loadu_pd (ref + k);
          __m256d t = _mm256_sub_pd (vx, r);
          __m256d bin = _mm256_mul_pd (_mm256_add_pd (t, window), inv_bin);
          __m128i whole = _mm256_cvttpd_epi32 (bin);
          __m256d frac = _mm256_sub_pd (bin, _mm256_cvtepi32_pd (whole));
          __m256d inside = _mm256_cmp_pd (_mm256_and_pd (_mm256_sub_pd (frac, half), magnitude),
                                          limit, _CMP_LT_OQ);
          __m256d minus = _mm256_cmp_pd (r, vx, _CMP_GE_OQ);
          __m256d plus_factor = _mm256_blendv_pd (before0, before1,
                                                  _mm256_cmp_pd (r, vstart, _CMP_GE_OQ));
          __m256d minus_factor = _mm256_blendv_pd (after0, after1,
                                                   _mm256_cmp_pd (r, vnext, _CMP_GE_OQ));
          __m256d factor = _mm256_blendv_pd (plus_factor, minus_factor, minus);
          __m256d spike = _mm256_blendv_pd (_mm256_loadu_pd (ref_p + k),
                                            _mm256_loadu_pd (ref_q + k), minus);
          __m128i cells = _mm_add_epi32 (_mm_add_epi32 (whole, whole),
                                         _mm_loadu_si128 ((const __m128i *) (gconstpointer) (columns + k)));
          double weights[4];
          gint32 offsets[4];
          guint valid = hi - k >= 4 ? 15u : (1u << (hi - k)) - 1u;
          guint fast = (guint) _mm256_movemask_pd (inside) & valid, rest;

          _mm256_storeu_pd (weights, _mm256_mul_pd (factor, spike));
          _mm_storeu_si128 ((__m128i *) (gpointer) offsets, cells);
          if (diagonal)
            for (guint j = 0; j < 4; j++)
              if (ref_ids[k + j] >= target_id)
                {
                  valid &= ~(1u << j);
                  fast &= ~(1u << j);
                }
          /* Lane by lane, as the scalar scan adds them. */
#define LANE(j) G_STMT_START { \
            if (fast & (1u << (j))) \
              { \
                double *cell = row + offsets[j]; \
                cell[0] += 1.0; \
                cell[1] += weights[j]; \
              } \
          } G_STMT_END
          LANE (0);
          LANE (1);
          LANE (2);
          LANE (3);
#undef LANE
          rest = valid & ~fast;
          if (G_UNLIKELY (rest != 0))
            for (guint j = 0; j < 4; j++)
              if (rest & (1u << j))
                {
                  slow.cell[slow.n] = row + columns[k + j];
                  slow.t[slow.n++] = t_x - ref[k + j];
                  if (slow.n == SLOW_BATCH)
                    slow_batch_flush (plan, &slow);
                }
        }
      if (slow.n > 0)
        slow_batch_flush (plan, &slow);
    }
}

__attribute__ ((target ("avx2")))
static void
scan_blocks_avx2 (const GlmccCorrelogramPlan *plan,
                  const double               *target,
                  const guint8               *target_ids,
                  gsize                       n_target,
                  const double               *ref,
                  const guint8               *ref_ids,
                  gsize                       n_ref,
                  double                     *acc,
                  gsize                       row_stride,
                  gsize                       column_stride,
                  double                     *scratch,
                  const double               *target_p,
                  const double               *target_q,
                  const double               *target_starts,
                  gboolean                    diagonal)
{
  if (diagonal)
    scan_blocks_avx2_body (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc,
                           row_stride, column_stride, scratch, target_p, target_q, target_starts,
                           TRUE);
  else
    scan_blocks_avx2_body (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc,
                           row_stride, column_stride, scratch, target_p, target_q, target_starts,
                           FALSE);
}

#endif

/* The binned scan for a plan without epochs (e^{epoch/τ} out of range): e^{−|t|/τ} per lag. */
static void
scan_binned_unfactored (const GlmccCorrelogramPlan *plan,
                        const double               *target,
                        const guint8               *target_ids,
                        gsize                       n_target,
                        const double               *ref,
                        const guint8               *ref_ids,
                        gsize                       n_ref,
                        double                     *acc,
                        gsize                       row_stride,
                        gsize                       column_stride,
                        gboolean                    diagonal)
{
  gsize lo = 0, hi = 0;
  SlowBatch slow;
  Hot hot;

  hot_init (&hot, plan);
  slow.n = 0;
  for (gsize x = 0; x < n_target; x++)
    {
      const guint target_id = target_ids != NULL ? target_ids[x] : 0;
      double *row = acc + target_id * row_stride;

      window_advance (ref, n_ref, target[x], plan->window_ms, &lo, &hi);
      for (gsize k = lo; k < hi; k++)
        {
          guint ref_id = ref_ids != NULL ? ref_ids[k] : 0;
          double *cell = row + ref_id * column_stride;
          double t = target[x] - ref[k];

          if (diagonal && ref_id >= target_id)
            continue;
          if (add_lag_binned (&hot, cell, t, plan->inv_bin > 0.0))
            continue;
          slow.cell[slow.n] = cell;
          slow.t[slow.n++] = t;
          if (slow.n == SLOW_BATCH)
            slow_batch_flush (plan, &slow);
        }
      if (slow.n > 0)
        slow_batch_flush (plan, &slow);
    }
}

/* The same for parameters the binned sums do not cover: every lag the slow way. */
static void
scan_direct (const GlmccCorrelogramPlan *plan,
             const double               *target,
             const guint8               *target_ids,
             gsize                       n_target,
             const double               *ref,
             const guint8               *ref_ids,
             gsize                       n_ref,
             double                     *acc,
             gsize                       row_stride,
             gsize                       column_stride,
             gboolean                    diagonal)
{
  gsize lo = 0, hi = 0;

  for (gsize x = 0; x < n_target; x++)
    {
      const guint target_id = target_ids != NULL ? target_ids[x] : 0;
      double *row = acc + target_id * row_stride;

      window_advance (ref, n_ref, target[x], plan->window_ms, &lo, &hi);
      for (gsize k = lo; k < hi; k++)
        {
          guint ref_id = ref_ids != NULL ? ref_ids[k] : 0;

          if (diagonal && ref_id >= target_id)
            continue;
          add_lag_slow (plan, row + ref_id * column_stride, target[x] - ref[k]);
        }
    }
}

/* The scan for @plan: binned with per-spike weights, binned, or direct. @target_weights: NULL,
 * or the target spikes' weights P, then Q, then their epochs' starts (each n_target +
 * STREAM_PAD) for the AVX2 scan. */
static void
scan (const GlmccCorrelogramPlan *plan,
      const double               *target,
      const guint8               *target_ids,
      gsize                       n_target,
      const double               *ref,
      const guint8               *ref_ids,
      gsize                       n_ref,
      double                     *acc,
      gsize                       row_stride,
      gsize                       column_stride,
      double                     *scratch,
      const double               *target_weights,
      gboolean                    diagonal)
{
  gboolean ids = target_ids != NULL;

  g_assert (ids == (ref_ids != NULL) && (ids || !diagonal));
#ifdef HAVE_AVX2_SCAN
  /* Block streams have the padding the vector loads need. */
  if (plan->binned && plan->epoch_ms > 0.0 && plan->inv_bin > 0.0 && ids &&
      target_weights != NULL && glmcc_exp_have_avx2 ())
    {
      scan_blocks_avx2 (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc, row_stride,
                        column_stride, scratch, target_weights,
                        target_weights + n_target + STREAM_PAD,
                        target_weights + 2 * (n_target + STREAM_PAD), diagonal);
      return;
    }
#endif
  if (!plan->binned)
    scan_direct (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc, row_stride,
                 column_stride, diagonal);
  else if (plan->epoch_ms == 0.0)
    scan_binned_unfactored (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc,
                            row_stride, column_stride, diagonal);
  else if (plan->inv_bin > 0.0 && ids && diagonal)
    scan_binned (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc, row_stride,
                 column_stride, scratch, TRUE, TRUE, TRUE);
  else if (plan->inv_bin > 0.0 && ids)
    scan_binned (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc, row_stride,
                 column_stride, scratch, TRUE, TRUE, FALSE);
  else if (plan->inv_bin > 0.0)
    scan_binned (plan, target, NULL, n_target, ref, NULL, n_ref, acc, 0, 0, scratch, TRUE,
                 FALSE, FALSE);
  else if (ids)
    scan_binned (plan, target, target_ids, n_target, ref, ref_ids, n_ref, acc, row_stride,
                 column_stride, scratch, FALSE, TRUE, diagonal);
  else
    scan_binned (plan, target, NULL, n_target, ref, NULL, n_ref, acc, 0, 0, scratch, FALSE,
                 FALSE, FALSE);
}

void
glmcc_correlogram_add_trains (const GlmccCorrelogramPlan *plan,
                              double                     *acc,
                              const double               *ref,
                              gsize                       n_ref,
                              const double               *target,
                              gsize                       n_target)
{
  g_autofree double *scratch = g_new (double, 2 * (n_ref + STREAM_PAD));

  scan (plan, target, NULL, n_target, ref, NULL, n_ref, acc, 0, 0, scratch, NULL, FALSE);
}

/* --- Spike blocks ------------------------------------------------------------------------- */

typedef struct
{
  double *times;   /* n spikes, then STREAM_PAD that give no lag */
  guint8 *ids;
  gsize   n;
  gsize   ready;   /* g_once_init_enter() guard */
} Block;

struct _GlmccSpikeBlocks
{
  GlmccRecording *recording;
  guint           n_neurons;
  guint           size;
  guint           n_blocks;
  Block          *blocks;
};

GlmccSpikeBlocks *
glmcc_spike_blocks_new (GlmccRecording *recording,
                        guint           block_size)
{
  GlmccSpikeBlocks *blocks;

  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (block_size >= 1 && block_size <= GLMCC_SPIKE_BLOCK_MAX, NULL);

  blocks = g_new0 (GlmccSpikeBlocks, 1);
  blocks->recording = glmcc_recording_ref (recording);
  blocks->n_neurons = glmcc_recording_get_n_neurons (recording);
  blocks->size = block_size;
  blocks->n_blocks = (blocks->n_neurons + block_size - 1) / block_size;
  blocks->blocks = g_new0 (Block, MAX (blocks->n_blocks, 1));
  return blocks;
}

void
glmcc_spike_blocks_free (GlmccSpikeBlocks *blocks)
{
  if (blocks == NULL)
    return;
  for (guint b = 0; b < blocks->n_blocks; b++)
    {
      g_free (blocks->blocks[b].times);
      g_free (blocks->blocks[b].ids);
    }
  g_free (blocks->blocks);
  glmcc_recording_unref (blocks->recording);
  g_free (blocks);
}

guint
glmcc_spike_blocks_get_size (GlmccSpikeBlocks *blocks)
{
  return blocks->size;
}

guint
glmcc_spike_blocks_get_n_blocks (GlmccSpikeBlocks *blocks)
{
  return blocks->n_blocks;
}

gsize
glmcc_spike_blocks_get_max_spikes (GlmccSpikeBlocks *blocks)
{
  gsize most = 0;

  for (guint b = 0; b < blocks->n_blocks; b++)
    {
      gsize total = 0;

      for (guint i = b * blocks->size; i < MIN ((b + 1) * blocks->size, blocks->n_neurons); i++)
        {
          gsize n;

          glmcc_recording_get_train (blocks->recording, i, &n);
          total += n;
        }
      most = MAX (most, total);
    }
  return most;
}

guint64
glmcc_spike_blocks_get_bytes (GlmccSpikeBlocks *blocks)
{
  guint64 bytes = 0;

  for (guint b = 0; b < blocks->n_blocks; b++)
    if (g_atomic_pointer_get (&blocks->blocks[b].ready))
      bytes += blocks->blocks[b].n * (sizeof (double) + sizeof (guint8));
  return bytes;
}

/* Merges two sorted runs; on equal times the left run (lower neuron indices) comes first,
 * so the stream does not depend on who built it. */
static void
merge_runs (const double *lt,
            const guint8 *li,
            gsize         ln,
            const double *rt,
            const guint8 *ri,
            gsize         rn,
            double       *out_t,
            guint8       *out_i)
{
  gsize a = 0, b = 0, o = 0;

  /* Without a branch on which run gives the next spike: the trains of a block interleave
   * unpredictably, and a mispredicted branch per spike was most of the time. */
  while (a < ln && b < rn)
    {
      union { double d; guint64 u; } left_t = { lt[a] }, right_t = { rt[b] }, next;
      guint right = right_t.d < left_t.d;
      guint64 take_right = -(guint64) right;   /* all ones or zero */

      /* Chosen by masks: the compiler turns a ?: here back into the branch. */
      next.u = (right_t.u & take_right) | (left_t.u & ~take_right);
      out_t[o] = next.d;
      out_i[o++] = (guint8) ((ri[b] & take_right) | (li[a] & ~take_right));
      b += right;
      a += 1 - right;
    }
  memcpy (out_t + o, lt + a, (ln - a) * sizeof (double));
  memcpy (out_i + o, li + a, ln - a);
  o += ln - a;
  memcpy (out_t + o, rt + b, (rn - b) * sizeof (double));
  memcpy (out_i + o, ri + b, rn - b);
}

/* The merged stream of one block: its trains side by side, then merged pairwise, level by
 * level, between two buffers. */
static void
block_build (GlmccSpikeBlocks *blocks,
             guint             b,
             Block            *block)
{
  guint first = b * blocks->size;
  guint count = MIN (blocks->size, blocks->n_neurons - first);
  gsize total = 0, *starts = g_new (gsize, count + 1);
  double *times, *spare_times;
  guint8 *ids, *spare_ids;

  for (guint i = 0; i < count; i++)
    {
      gsize n;

      glmcc_recording_get_train (blocks->recording, first + i, &n);
      starts[i] = total;
      total += n;
    }
  starts[count] = total;
  times = g_new (double, total + STREAM_PAD);
  ids = g_new (guint8, total + STREAM_PAD);
  spare_times = g_new (double, total + STREAM_PAD);
  spare_ids = g_new (guint8, total + STREAM_PAD);
  for (guint i = 0; i < count; i++)
    {
      gsize n;
      const double *train = glmcc_recording_get_train (blocks->recording, first + i, &n);

      memcpy (times + starts[i], train, n * sizeof (double));
      memset (ids + starts[i], (int) i, n);
    }

  /* Runs of width 1, 2, 4 … trains. */
  for (guint width = 1; width < count; width *= 2)
    {
      double *swap_t;
      guint8 *swap_i;

      for (guint i = 0; i < count; i += 2 * width)
        {
          guint mid = MIN (i + width, count), end = MIN (i + 2 * width, count);

          merge_runs (times + starts[i], ids + starts[i], starts[mid] - starts[i],
                      times + starts[mid], ids + starts[mid], starts[end] - starts[mid],
                      spare_times + starts[i], spare_ids + starts[i]);
        }
      swap_t = times;
      times = spare_times;
      spare_times = swap_t;
      swap_i = ids;
      ids = spare_ids;
      spare_ids = swap_i;
    }
  /* Past the end, spikes that give no lag, so that vector loads may run over. */
  for (guint k = 0; k < STREAM_PAD; k++)
    {
      times[total + k] = G_MAXDOUBLE;
      ids[total + k] = 0;
    }
  g_free (spare_times);
  g_free (spare_ids);
  g_free (starts);
  block->times = times;
  block->ids = ids;
  block->n = total;
}

static Block *
block_get (GlmccSpikeBlocks *blocks,
           guint             b)
{
  Block *block = &blocks->blocks[b];

  if (g_once_init_enter (&block->ready))
    {
      block_build (blocks, b, block);
      g_once_init_leave (&block->ready, 1);
    }
  return block;
}

struct _GlmccCorrelogramScratch
{
  GlmccSpikeBlocks *blocks;
  double           *ref;            /* the reference spikes' weights P, Q and columns */
  double           *target;         /* the target spikes' weights P, Q */
  gboolean          target_valid;   /* target holds those of target_block for this epoch, τ */
  guint             target_block;
  double            epoch_ms;
  double            inv_tau;
};

GlmccCorrelogramScratch *
glmcc_correlogram_scratch_new (GlmccSpikeBlocks *blocks)
{
  GlmccCorrelogramScratch *scratch;
  gsize length;

  g_return_val_if_fail (blocks != NULL, NULL);

  length = glmcc_spike_blocks_get_max_spikes (blocks) + STREAM_PAD;
  scratch = g_new0 (GlmccCorrelogramScratch, 1);
  scratch->blocks = blocks;
  /* Two weights and a 32-bit column per reference spike; two weights and the start of the
   * epoch per target spike. */
  scratch->ref = g_new (double, 3 * length);
  scratch->target = g_new (double, 3 * length);
  return scratch;
}

void
glmcc_correlogram_scratch_free (GlmccCorrelogramScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_free (scratch->ref);
  g_free (scratch->target);
  g_free (scratch);
}

void
glmcc_correlogram_add_blocks (const GlmccCorrelogramPlan *plan,
                              GlmccSpikeBlocks           *blocks,
                              guint                       target_block,
                              guint                       ref_block,
                              double                     *accumulators,
                              GlmccCorrelogramScratch    *scratch)
{
  Block *target, *ref;
  const double *target_weights = NULL;
  gsize row;

  g_return_if_fail (target_block < blocks->n_blocks && ref_block < blocks->n_blocks);
  g_return_if_fail (scratch != NULL && scratch->blocks == blocks);

  target = block_get (blocks, target_block);
  ref = block_get (blocks, ref_block);
  row = blocks->size * plan->size;
  if (plan->binned && plan->epoch_ms > 0.0)
    {
      /* A spike's weights depend only on its time, the epoch and τ: those of the target block
       * serve all its tiles, one exponential per spike instead of one per spike and tile. */
      if (!scratch->target_valid || scratch->target_block != target_block ||
          scratch->epoch_ms != plan->epoch_ms || scratch->inv_tau != plan->inv_tau)
        {
          double *p = scratch->target, *q = p + target->n + STREAM_PAD;
          double *starts = q + target->n + STREAM_PAD;

#ifdef HAVE_AVX2_SCAN
          if (glmcc_exp_have_avx2 ())
            spike_weights_avx2 (plan, target->times, target->n, p, q, starts);
          else
#endif
            spike_weights (plan, target->times, target->n, p, q, starts);
          scratch->target_valid = TRUE;
          scratch->target_block = target_block;
          scratch->epoch_ms = plan->epoch_ms;
          scratch->inv_tau = plan->inv_tau;
        }
      target_weights = scratch->target;
    }
  scan (plan, target->times, target->ids, target->n, ref->times, ref->ids, ref->n, accumulators,
        row, plan->size, scratch->ref, target_weights, target_block == ref_block);
}
