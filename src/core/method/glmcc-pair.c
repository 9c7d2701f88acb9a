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

struct _GlmccWorkspace
{
  guint   n_bins;
  double *counts;
  double *a_per_delay;   /* GLMCC_MAX_DELAYS × n_bins */
  double *a_fixed;       /* n_bins, for the constrained LR fits */
  double *scratch;
  double *accumulator;   /* one pair's correlogram accumulator (glmcc-correlogram.h) */
  gsize   accumulator_size;
  gboolean warm_start;
  GCancellable *cancellable;
};

GlmccWorkspace *
glmcc_workspace_new (const GlmccParams *params)
{
  GlmccWorkspace *ws = g_new0 (GlmccWorkspace, 1);
  guint n = glmcc_params_get_n_bins (params);

  ws->n_bins = n;
  ws->counts = g_new0 (double, n);
  ws->a_per_delay = g_new0 (double, (gsize) n * GLMCC_MAX_DELAYS);
  ws->a_fixed = g_new0 (double, n);
  ws->scratch = g_new0 (double, glmcc_fit_scratch_size (n));
  /* Room for the accumulator of any number of delays (glmcc_correlogram_plan_init()). */
  ws->accumulator_size = 2 * (gsize) n + 2 * GLMCC_MAX_DELAYS + 8;
  ws->accumulator = g_new0 (double, ws->accumulator_size);
  ws->warm_start = TRUE;
  return ws;
}

void
glmcc_workspace_set_warm_start (GlmccWorkspace *ws,
                                gboolean        warm_start)
{
  g_return_if_fail (ws != NULL);
  ws->warm_start = warm_start;
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
  g_free (ws->accumulator);
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
  edge->q_value = NAN;
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
  config->start = NULL;
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

          GlmccFitStart start = { a, fit->j_plus, fit->j_minus };

          fit_config_init (&config, ws, params, n, delay,
                           side == 0 ? GLMCC_FIX_J_PLUS : GLMCC_FIX_J_MINUS);
          if (ws->warm_start)
            config.start = &start;
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
          tests->d[side] = glmcc_fit_log_post_difference (&config, ws->counts, s_plus, s_minus,
                                                          a, fit->j_plus, fit->j_minus,
                                                          ws->a_fixed, fixed.j_plus,
                                                          fixed.j_minus, ws->scratch);
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
/* In the default mode each delay's fit starts where the previous delay's ended (the first
 * from @start, if given): the fit polishes to the optimum, which does not depend on where it
 * began, and neighbouring delays' optima are close, so this saves passes. */
static void
analyse_counts (GlmccWorkspace      *ws,
                const GlmccParams   *params,
                gsize                n_lags,
                const double        *s_plus,
                const double        *s_minus,
                const GlmccFitStart *start,
                GlmccPairResult     *result)
{
  const guint n = ws->n_bins;
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  gboolean by_likelihood = params->test == GLMCC_TEST_LR;
  int best = -1;
  double best_value = -INFINITY;
  GlmccStatus failure = GLMCC_STATUS_PENDING;
  GlmccFitStart previous;
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
      if (ws->warm_start)
        config.start = start;
      glmcc_fit_run (&config, ws->counts, s_plus[i], s_minus[i], (double) n_lags, a, ws->scratch,
                     &fit);
      start = NULL;
      if (fit.status == GLMCC_STATUS_PENDING && !fit.cancelled)
        {
          previous.a = a;
          previous.j_plus = fit.j_plus;
          previous.j_minus = fit.j_minus;
          start = &previous;
        }
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
          edge_fail (&result->forward, tests.failure, (guint64) n_lags, delay);
          edge_fail (&result->backward, tests.failure, (guint64) n_lags, delay);
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
glmcc_pair_analyse_accumulated (GlmccWorkspace             *ws,
                                const GlmccParams          *params,
                                const GlmccCorrelogramPlan *plan,
                                const double               *accumulator,
                                GlmccPairResult            *result)
{
  double s_plus[GLMCC_MAX_DELAYS], s_minus[GLMCC_MAX_DELAYS];
  guint64 n_lags;

  g_return_if_fail (ws->n_bins == plan->n_bins);

  n_lags = glmcc_correlogram_finish (plan, accumulator, ws->counts, s_plus, s_minus);
  result_init (ws, params, n_lags, result);
  analyse_counts (ws, params, n_lags, s_plus, s_minus, NULL, result);
}

void
glmcc_pair_analyse_lags_from (GlmccWorkspace      *ws,
                              const GlmccParams   *params,
                              const double        *lags,
                              gsize                n_lags,
                              const GlmccFitStart *start,
                              GlmccPairResult     *result)
{
  GlmccCorrelogramPlan plan;
  double s_plus[GLMCC_MAX_DELAYS], s_minus[GLMCC_MAX_DELAYS];
  guint64 counted;

  g_return_if_fail (ws->n_bins == glmcc_params_get_n_bins (params));

  glmcc_correlogram_plan_init (&plan, params);
  g_assert (plan.size <= ws->accumulator_size);
  memset (ws->accumulator, 0, plan.size * sizeof (double));
  glmcc_correlogram_add_lags (&plan, ws->accumulator, lags, n_lags);
  counted = glmcc_correlogram_finish (&plan, ws->accumulator, ws->counts, s_plus, s_minus);
  result_init (ws, params, counted, result);
  analyse_counts (ws, params, counted, s_plus, s_minus, start, result);
}

void
glmcc_pair_analyse_lags (GlmccWorkspace    *ws,
                         const GlmccParams *params,
                         const double      *lags,
                         gsize              n_lags,
                         GlmccPairResult   *result)
{
  glmcc_pair_analyse_lags_from (ws, params, lags, n_lags, NULL, result);
}

void
glmcc_pair_analyse (GlmccWorkspace    *ws,
                    const GlmccParams *params,
                    GlmccRecording    *recording,
                    guint              ref,
                    guint              target,
                    GlmccPairResult   *result)
{
  const double *ref_train, *target_train;
  gsize n_ref, n_target;
  GlmccCorrelogramPlan plan;

  g_return_if_fail (ws->n_bins == glmcc_params_get_n_bins (params));

  ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
  target_train = glmcc_recording_get_train (recording, target, &n_target);
  glmcc_correlogram_plan_init (&plan, params);
  g_assert (plan.size <= ws->accumulator_size);
  memset (ws->accumulator, 0, plan.size * sizeof (double));
  glmcc_correlogram_add_trains (&plan, ws->accumulator, ref_train, n_ref, target_train, n_target);
  glmcc_pair_analyse_accumulated (ws, params, &plan, ws->accumulator, result);
}
