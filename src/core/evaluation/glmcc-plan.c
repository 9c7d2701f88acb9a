/* glmcc-plan.c: the recording time needed to detect a connection (METHOD §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The published rule: the Wald test calls J significant when |J| > k / √(τ c̄) with k = 1.57·z_α,
 * and c̄, the expected count per correlogram bin near the delay, is λ_pre·λ_post·T·Δ; a
 * connection of PSP w has |J| = |w| / c (c = 2.532 mV for E, 0.612 mV for I), so it is
 * detected once T > (k·c)² / (τ λ_pre λ_post w²).
 *
 * The default test divides J by its sandwich standard error, which the fit computes from the
 * curvature of its log posterior, and multiplies the p-value by the number of delays tried. So
 * the planner asks the fit itself: for a flat correlogram of c̄ lags per bin with the
 * connection's J on one side, it sets up the expected counts and evaluates the sandwich variance
 * at that point (glmcc_fit_variance()), exactly as a fit of such data would; J / error against
 * z = Φ⁻¹(1 − α / (2K)) then gives the chance of a detection with the right sign,
 * Φ(|J| / error − z). The error is not quite 1.57 / √(τ c̄): a(t) grows more flexible as the
 * counts grow (the prior's weight stays, the likelihood's grows), so it takes a little more of
 * the kernel and the effective constant creeps up with T — and past some 10⁵ lags per bin the
 * error stops shrinking altogether for a while (measured: 0.0086 from 5·10⁴ to 4·10⁵ lags per
 * bin at the defaults), so the time needed for a weak connection jumps.
 *
 * Independently, GLMCC declines to test a side with τ·c̄ <= 10 (τ in ms, the number of bins it
 * averages over), which needs T > 10 / (τ_ms λ_pre λ_post Δ_s).
 */
#define G_LOG_DOMAIN "glmcc-plan"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "glmcc-error.h"
#include "glmcc-fit.h"
#include "glmcc-plan.h"
#include "glmcc-i18n.h"

#define PSP_PER_J_EXC 2.532
#define PSP_PER_J_INH 0.612
#define COMPAT_COEFFICIENT (1.277 * 4.0373258476372698)   /* 1.277·√16.3 */
#define FISHER_INFLATION 1.57
#define MIN_TAU_CBAR 10.0
#define MAX_ABS_J 8.0
#define SUBSAMPLES 16

void
glmcc_plan_input_init (GlmccPlanInput *input)
{
  g_return_if_fail (input != NULL);

  memset (input, 0, sizeof *input);
  input->tau_ms = 4.0;
  input->alpha = 1e-3;
  input->bin_ms = 1.0;
  input->compat = FALSE;
  input->window_ms = 50.0;
  input->gamma = 0.0;
  input->n_delays = 4;
  input->delay_ms = 3.0;
  input->power = 0.5;
}

static double
plan_gamma (const GlmccPlanInput *in)
{
  return in->gamma > 0.0 ? in->gamma : 5e-4;
}

static double
z_threshold (const GlmccPlanInput *in)
{
  return gsl_cdf_ugaussian_Qinv (in->alpha / (2.0 * MAX (in->n_delays, 1)));
}

double
glmcc_plan_standard_error (const GlmccPlanInput *in,
                           double                c_bar,
                           double                j)
{
  guint n = (guint) lround (2.0 * in->window_ms / in->bin_ms);
  g_autofree double *counts = g_new (double, n);
  g_autofree double *a = g_new (double, n);
  g_autofree double *scratch = g_new0 (double, glmcc_fit_scratch_size (n));
  GlmccFitConfig config = { 0 };
  GlmccFitVariance variance;
  double s_plus = 0.0, s_minus = 0.0;

  if (!(c_bar > 0.0) || n < 4)
    return NAN;
  config.n_bins = n;
  config.window_ms = in->window_ms;
  config.bin_ms = in->bin_ms;
  config.tau_ms = in->tau_ms;
  config.beta = 2.0 / plan_gamma (in);
  config.delay_ms = in->delay_ms;
  config.fix = GLMCC_FIX_NONE;

  /* What a long recording of such a pair gives on average: c̄ lags per bin, times e^{J f} on
   * the coupled side (J on the forward side, none back), and the sums S± of f over the lags. */
  for (guint k = 0; k < n; k++)
    {
      double lo = -in->window_ms + k * in->bin_ms, mean = 0.0;

      a[k] = log (c_bar / in->bin_ms);
      for (guint s = 0; s < SUBSAMPLES; s++)
        {
          double t = lo + (s + 0.5) * in->bin_ms / SUBSAMPLES;
          double f_plus = glmcc_kernel (t, in->delay_ms, in->tau_ms);
          double f_minus = glmcc_kernel (-t, in->delay_ms, in->tau_ms);
          double density = exp (j * f_plus) / SUBSAMPLES;

          mean += density;
          s_plus += c_bar * density * f_plus;
          s_minus += c_bar * density * f_minus;
        }
      counts[k] = c_bar * mean;
    }
  if (!glmcc_fit_variance (&config, counts, s_plus, s_minus, a, j, 0.0, scratch, &variance))
    return NAN;
  return sqrt (variance.sandwich[0]);
}

double
glmcc_plan_power (const GlmccPlanInput *in,
                  double                c_bar,
                  double                j)
{
  double se;

  if (!(in->tau_ms * c_bar > MIN_TAU_CBAR) || j == 0.0)
    return 0.0;
  se = glmcc_plan_standard_error (in, c_bar, j);
  if (!isfinite (se))
    return 0.0;
  /* A detection with the right sign: Ĵ / error beyond z on J's side. */
  return gsl_cdf_ugaussian_P (fabs (j) / se - z_threshold (in));
}

static double
c_bar_of (const GlmccPlanInput *in,
          double                duration_s)
{
  return in->rate_pre_hz * in->rate_post_hz * duration_s * (in->bin_ms / 1000.0);
}

/* The shortest T (s) at which |J| / error reaches z + Φ⁻¹(power); INFINITY if none up to 10⁹ s.
 * The ratio does not always grow with T: past some 10⁵ lags per bin the error stops shrinking
 * for a while (a(t), ever more flexible, takes the kernel), so the first crossing is looked for
 * on a grid of twelve points per decade, then refined by bisection. The data rule is left to
 * the caller. */
static double
time_for_power (const GlmccPlanInput *in,
                double                j,
                double                power)
{
  const double target = z_threshold (in) + gsl_cdf_ugaussian_Pinv (power);
  const double step = log (10.0) / 12.0;
  double lo = log (1e-3), hi = lo;
  gboolean found = FALSE;

  for (double t = log (1e-3); t <= log (1e9) + 1e-9; t += step)
    {
      double ratio = fabs (j) / glmcc_plan_standard_error (in, c_bar_of (in, exp (t)), j);

      if (ratio >= target)
        {
          hi = t;
          found = TRUE;
          break;
        }
      lo = t;
    }
  if (!found)
    return INFINITY;
  if (hi == lo)
    return exp (hi);
  for (int i = 0; i < 60 && hi - lo > 1e-7; i++)
    {
      double mid = 0.5 * (lo + hi);
      double ratio = fabs (j) / glmcc_plan_standard_error (in, c_bar_of (in, exp (mid)), j);

      if (ratio >= target)
        hi = mid;
      else
        lo = mid;
    }
  return exp (hi);
}

static gboolean
check_input (const GlmccPlanInput *in,
             GError              **error)
{
#define FAIL(...) G_STMT_START { \
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (!(in->rate_pre_hz > 0) || !(in->rate_post_hz > 0) ||
      !isfinite (in->rate_pre_hz) || !isfinite (in->rate_post_hz))
    FAIL (_("firing rates must be positive, not %g Hz and %g Hz"), in->rate_pre_hz, in->rate_post_hz);
  if (in->psp_mv == 0 || !isfinite (in->psp_mv))
    FAIL (_("the PSP must be a non-zero number of mV (positive for excitatory, negative for "
          "inhibitory), not %g"), in->psp_mv);
  if (!(in->tau_ms > 0) || !isfinite (in->tau_ms) || !(in->bin_ms > 0) || !isfinite (in->bin_ms))
    FAIL (_("τ and the bin must be positive, not %g ms and %g ms"), in->tau_ms, in->bin_ms);
  if (!in->compat && !(in->alpha > 0 && in->alpha < 1))
    FAIL (_("α must lie in (0, 1), not %g"), in->alpha);
  if (!(in->power > 0 && in->power < 1))
    FAIL (_("the power must lie in (0, 1), not %g"), in->power);
  if (!(in->window_ms > 2.0 * in->bin_ms) || !isfinite (in->window_ms)
      || !(in->delay_ms >= 0.0) || !(in->delay_ms + in->bin_ms < in->window_ms)
      || in->gamma < 0.0 || !isfinite (in->gamma) || in->n_delays == 0)
    FAIL (_("the window (%g ms), delay (%g ms), γ (%g) and number of delays (%u) do not make a fit"),
          in->window_ms, in->delay_ms, in->gamma, in->n_delays);
#undef FAIL
  return TRUE;
}

gboolean
glmcc_plan_compute (const GlmccPlanInput *in,
                    GlmccPlan            *plan,
                    GError              **error)
{
  double tau_s, lambda2;

  g_return_val_if_fail (in != NULL, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!check_input (in, error))
    return FALSE;

  memset (plan, 0, sizeof *plan);
  plan->psp_per_j = in->psp_mv > 0 ? PSP_PER_J_EXC : PSP_PER_J_INH;
  plan->j = in->psp_mv / plan->psp_per_j;
  tau_s = in->tau_ms / 1000.0;
  lambda2 = in->rate_pre_hz * in->rate_post_hz;
  plan->time_data_s = MIN_TAU_CBAR / (in->tau_ms * lambda2 * (in->bin_ms / 1000.0));

  if (in->compat)
    {
      plan->coefficient = COMPAT_COEFFICIENT;
      plan->z_threshold = COMPAT_COEFFICIENT / FISHER_INFLATION;
      plan->time_test_s = pow (plan->coefficient / plan->j, 2.0) / (tau_s * lambda2);
      plan->time_even_s = plan->time_test_s;
      plan->time_s = MAX (plan->time_test_s, plan->time_data_s);
      plan->standard_error = FISHER_INFLATION / sqrt (in->tau_ms * c_bar_of (in, plan->time_s));
      return TRUE;
    }

  plan->z_threshold = z_threshold (in);
  plan->time_test_s = time_for_power (in, plan->j, in->power);
  plan->time_even_s = time_for_power (in, plan->j, 0.5);
  plan->time_s = MAX (plan->time_test_s, plan->time_data_s);
  if (!isfinite (plan->time_s))
    {
      plan->standard_error = plan->coefficient = NAN;
      return TRUE;
    }
  plan->standard_error = glmcc_plan_standard_error (in, c_bar_of (in, plan->time_s), plan->j);
  plan->coefficient = plan->z_threshold * plan->standard_error
                      * sqrt (in->tau_ms * c_bar_of (in, plan->time_s));
  return TRUE;
}

/* The smallest |J| of sign @sign with power ≥ input->power at c̄ (INFINITY if none ≤ 8). */
static double
min_abs_j (const GlmccPlanInput *in,
           double                c_bar,
           int                   sign)
{
  double lo = 0.0, hi = MAX_ABS_J;

  if (glmcc_plan_power (in, c_bar, sign * hi) < in->power)
    return INFINITY;
  for (int i = 0; i < 50 && hi - lo > 1e-5; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (glmcc_plan_power (in, c_bar, sign * mid) >= in->power)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

void
glmcc_plan_min_psp (const GlmccPlanInput *in,
                    double                c_bar,
                    double               *excitatory_mv,
                    double               *inhibitory_mv)
{
  g_return_if_fail (in != NULL);

  if (excitatory_mv != NULL)
    *excitatory_mv = PSP_PER_J_EXC * min_abs_j (in, c_bar, 1);
  if (inhibitory_mv != NULL)
    *inhibitory_mv = -PSP_PER_J_INH * min_abs_j (in, c_bar, -1);
}

#define GRID 48

void
glmcc_plan_min_psp_matrix (const GlmccPlanInput *in,
                           GlmccRecording       *recording,
                           double               *excitatory_mv,
                           double               *inhibitory_mv)
{
  guint n;
  double duration_s, lo = INFINITY, hi = 0.0;
  g_autofree double *rates = NULL;
  double grid_e[GRID], grid_i[GRID];

  g_return_if_fail (in != NULL && recording != NULL && excitatory_mv != NULL && inhibitory_mv != NULL);

  n = glmcc_recording_get_n_neurons (recording);
  duration_s = (glmcc_recording_get_epoch_end (recording)
                - glmcc_recording_get_epoch_start (recording)) / 1000.0;
  rates = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      rates[i] = glmcc_recording_get_rate (recording, i);
      if (rates[i] > 0.0)
        {
          lo = MIN (lo, rates[i]);
          hi = MAX (hi, rates[i]);
        }
    }
  /* The smallest PSPs on a grid of log c̄ over the pairs' range, then each pair interpolated. */
  if (hi > 0.0)
    {
      GlmccPlanInput grid_in = *in;
      double log_lo = log (lo * lo * duration_s * in->bin_ms / 1000.0);
      double log_hi = log (hi * hi * duration_s * in->bin_ms / 1000.0);

      if (log_hi - log_lo < 1e-6)
        log_hi = log_lo + 1e-6;
      for (guint g = 0; g < GRID; g++)
        glmcc_plan_min_psp (&grid_in, exp (log_lo + (log_hi - log_lo) * g / (GRID - 1)),
                            &grid_e[g], &grid_i[g]);
      for (guint pre = 0; pre < n; pre++)
        for (guint post = 0; post < n; post++)
          {
            gsize k = (gsize) pre * n + post;
            double c_bar = rates[pre] * rates[post] * duration_s * in->bin_ms / 1000.0;
            double x, w;
            guint g;

            if (pre == post || !(c_bar > 0.0))
              {
                excitatory_mv[k] = inhibitory_mv[k] = pre == post ? (double) NAN : (double) INFINITY;
                continue;
              }
            x = (log (c_bar) - log_lo) / (log_hi - log_lo) * (GRID - 1);
            x = CLAMP (x, 0.0, GRID - 1.0);
            g = MIN ((guint) x, GRID - 2);
            w = x - g;
            /* Interpolating INFINITY with a finite neighbour stays infinite: never detectable
             * is kept rather than averaged away. */
            excitatory_mv[k] = isinf (grid_e[g]) || isinf (grid_e[g + 1])
                               ? (w < 0.5 ? grid_e[g] : grid_e[g + 1])
                               : (1.0 - w) * grid_e[g] + w * grid_e[g + 1];
            inhibitory_mv[k] = isinf (grid_i[g]) || isinf (grid_i[g + 1])
                               ? (w < 0.5 ? grid_i[g] : grid_i[g + 1])
                               : (1.0 - w) * grid_i[g] + w * grid_i[g + 1];
          }
    }
  else
    for (gsize k = 0; k < (gsize) n * n; k++)
      excitatory_mv[k] = inhibitory_mv[k] = (k / n == k % n) ? (double) NAN : (double) INFINITY;
}
