/* glmcc-method.c: one pair by the run's method, and the bands a figure overlays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-method"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "glmcc-cc-test.h"
#include "glmcc-jitter.h"
#include "glmcc-method.h"

struct _GlmccMethodWorkspace
{
  GlmccWorkspace       *glmcc;
  GlmccJitterWorkspace *jitter;
};

GlmccMethodWorkspace *
glmcc_method_workspace_new (const GlmccParams *params)
{
  GlmccMethodWorkspace *ws;

  g_return_val_if_fail (params != NULL, NULL);

  ws = g_new0 (GlmccMethodWorkspace, 1);
  ws->glmcc = glmcc_workspace_new (params);
  if (params->method == GLMCC_METHOD_JITTER)
    ws->jitter = glmcc_jitter_workspace_new ();
  return ws;
}

void
glmcc_method_workspace_free (GlmccMethodWorkspace *ws)
{
  if (ws == NULL)
    return;
  glmcc_workspace_free (ws->glmcc);
  glmcc_jitter_workspace_free (ws->jitter);
  g_free (ws);
}

GlmccWorkspace *
glmcc_method_workspace_get_glmcc (GlmccMethodWorkspace *ws)
{
  g_return_val_if_fail (ws != NULL, NULL);
  return ws->glmcc;
}

/* A baseline's result: the edges, and no fit. */
static void
baseline_result_init (const GlmccParams *params,
                      guint64            n_lags,
                      GlmccPairResult   *result)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);

  memset (result, 0, sizeof *result);
  result->n_lags = n_lags;
  result->n_delays = n_delays;
  memcpy (result->delays_ms, delays, n_delays * sizeof (double));
  result->fit.status = GLMCC_STATUS_PENDING;
  result->fit.j_plus = result->fit.j_minus = NAN;
  result->sd_plus = result->sd_minus = NAN;
  for (guint i = 0; i < n_delays; i++)
    result->log_post[i] = result->log_lik[i] = NAN;
}

void
glmcc_method_analyse_pair (GlmccMethodWorkspace *ws,
                           const GlmccParams    *params,
                           GlmccRecording       *recording,
                           guint                 ref,
                           guint                 target,
                           GlmccPairResult      *result)
{
  const double *ref_train, *target_train;
  gsize n_ref, n_target;
  guint64 n = glmcc_recording_get_n_neurons (recording);

  g_return_if_fail (ws != NULL && params != NULL && recording != NULL && result != NULL);

  switch (params->method)
    {
    case GLMCC_METHOD_CC:
      {
        GlmccCcCounts counts;

        ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
        target_train = glmcc_recording_get_train (recording, target, &n_target);
        glmcc_cc_count (params, ref_train, n_ref, target_train, n_target, &counts);
        baseline_result_init (params, counts.n_lags, result);
        glmcc_cc_decide (params, &counts, TRUE, &result->forward);
        glmcc_cc_decide (params, &counts, FALSE, &result->backward);
      }
      break;

    case GLMCC_METHOD_JITTER:
      {
        guint64 n_lags;

        if (ws->jitter == NULL)
          ws->jitter = glmcc_jitter_workspace_new ();
        ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
        target_train = glmcc_recording_get_train (recording, target, &n_target);
        n_lags = glmcc_count_lags (ref_train, n_ref, target_train, n_target, params->window_ms);
        baseline_result_init (params, n_lags, result);
        glmcc_jitter_test (ws->jitter, params, ref_train, n_ref, target_train, n_target,
                           ref * n + target, n_lags, &result->forward);
        glmcc_jitter_test (ws->jitter, params, target_train, n_target, ref_train, n_ref,
                           target * n + ref, n_lags, &result->backward);
      }
      break;

    case GLMCC_METHOD_GLMCC:
    default:
      glmcc_pair_analyse (ws->glmcc, params, recording, ref, target, result);
      result->forward.q_value = NAN;
      result->backward.q_value = NAN;
      break;
    }
}

double
glmcc_method_strength (const GlmccParams *params,
                       double             j)
{
  if (params->method == GLMCC_METHOD_GLMCC)
    return glmcc_psp_from_j (j);
  return j;
}

/* ---- Bands --------------------------------------------------------------------------------- */

static GlmccMethodBands *
bands_alloc (GlmccMethod method,
             guint       n_bins,
             double      alpha)
{
  GlmccMethodBands *bands = g_new0 (GlmccMethodBands, 1);

  bands->method = method;
  bands->n_bins = n_bins;
  bands->alpha = alpha;
  bands->expected = g_new (double, n_bins);
  bands->pointwise_lo = g_new (double, n_bins);
  bands->pointwise_hi = g_new (double, n_bins);
  bands->global_lo = g_new (double, n_bins);
  bands->global_hi = g_new (double, n_bins);
  for (guint k = 0; k < n_bins; k++)
    bands->expected[k] = bands->pointwise_lo[k] = bands->pointwise_hi[k]
      = bands->global_lo[k] = bands->global_hi[k] = NAN;
  return bands;
}

void
glmcc_method_bands_free (GlmccMethodBands *bands)
{
  if (bands == NULL)
    return;
  g_free (bands->expected);
  g_free (bands->pointwise_lo);
  g_free (bands->pointwise_hi);
  g_free (bands->global_lo);
  g_free (bands->global_hi);
  g_free (bands);
}

static double
bin_centre (const GlmccParams *params,
            guint              k)
{
  return -params->window_ms + (k + 0.5) * params->bin_ms;
}

/* Whether a lag of either sign lies where the baselines test: (d_min, d_max + τ]. */
static gboolean
in_tested_lags (const GlmccParams *params,
                double             t)
{
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  double lo = delays[0], hi = delays[0];

  for (guint i = 1; i < n_delays; i++)
    {
      lo = MIN (lo, delays[i]);
      hi = MAX (hi, delays[i]);
    }
  return fabs (t) > lo && fabs (t) <= hi + params->tau_ms;
}

static void
glmcc_bands (const GlmccParams     *params,
             const GlmccPairResult *pair,
             GlmccMethodBands      *bands)
{
  double d;

  if (pair == NULL || pair->a == NULL || pair->n_bins != bands->n_bins
      || pair->fit.status != GLMCC_STATUS_PENDING || pair->n_delays == 0)
    return;
  d = pair->delays_ms[pair->delay_index];
  for (guint k = 0; k < bands->n_bins; k++)
    {
      double t = bin_centre (params, k);
      double base = pair->a[k];
      const GlmccEdge *edge = t > 0.0 ? &pair->forward : &pair->backward;
      double s = fabs (t);

      bands->expected[k] = params->bin_ms * exp (base);
      /* The kernel that just passes the Wald threshold, where it is above 5 % of its peak; only
       * for a direction that was tested: with too few lags the threshold is huge (tens) and
       * e^{threshold} ran the figure's axis up to 10^21 counts per bin. */
      if (s > d && s <= MIN (d + 3.0 * params->tau_ms, params->window_ms) && isfinite (edge->threshold)
          && (edge->status == GLMCC_STATUS_SIGNIFICANT || edge->status == GLMCC_STATUS_NOT_SIGNIFICANT))
        {
          double f = glmcc_kernel (s, d, params->tau_ms);

          bands->global_lo[k] = params->bin_ms * exp (base - edge->threshold * f);
          bands->global_hi[k] = params->bin_ms * exp (base + edge->threshold * f);
        }
    }
}

static void
cc_bands (const GlmccParams *params,
          GlmccRecording    *recording,
          guint              ref,
          guint              target,
          GlmccMethodBands  *bands)
{
  const double *ref_train, *target_train, *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  gsize n_ref, n_target;
  GlmccCcCounts counts;
  double per_bin, z_point, z_global, bins_in_window, ratio;

  ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
  target_train = glmcc_recording_get_train (recording, target, &n_target);
  glmcc_cc_count (params, ref_train, n_ref, target_train, n_target, &counts);
  per_bin = counts.flank * params->bin_ms / params->window_ms;
  z_point = gsl_cdf_ugaussian_Qinv (bands->alpha / 2.0);
  z_global = gsl_cdf_ugaussian_Qinv (bands->alpha / (2.0 * n_delays));
  bins_in_window = params->tau_ms / params->bin_ms;
  ratio = params->tau_ms / params->window_ms;
  for (guint k = 0; k < bands->n_bins; k++)
    {
      double t = bin_centre (params, k);

      bands->expected[k] = per_bin;
      bands->pointwise_lo[k] = MAX (0.0, per_bin - z_point * sqrt (per_bin));
      bands->pointwise_hi[k] = per_bin + z_point * sqrt (per_bin);
      /* The window's mean count per bin must leave this band (normal approximation of the
       * exact test, for the figure). */
      if (in_tested_lags (params, t))
        {
          double half = z_global * sqrt (per_bin * (1.0 + ratio) / bins_in_window);

          bands->global_lo[k] = MAX (0.0, per_bin - half);
          bands->global_hi[k] = per_bin + half;
        }
    }
}

static void
jitter_bands (const GlmccParams *params,
              GlmccRecording    *recording,
              guint              ref,
              guint              target,
              GlmccMethodBands  *bands)
{
  g_autofree double *side = NULL;
  GlmccJitterWorkspace *ws = glmcc_jitter_workspace_new ();
  const double *ref_train, *target_train;
  gsize n_ref, n_target;
  guint half = bands->n_bins / 2;
  guint64 n = glmcc_recording_get_n_neurons (recording);
  double *curves[5];

  ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
  target_train = glmcc_recording_get_train (recording, target, &n_target);
  side = g_new (double, 5 * (gsize) half);
  for (guint c = 0; c < 5; c++)
    curves[c] = side + (gsize) c * half;

  /* Positive lags: ref → target, the target jittered; bin i of the side is bin half + i. */
  glmcc_jitter_bands (ws, params, ref_train, n_ref, target_train, n_target, ref * n + target,
                      half, curves[0], curves[1], curves[2], curves[3], curves[4]);
  for (guint i = 0; i < half; i++)
    {
      bands->expected[half + i] = curves[0][i];
      bands->pointwise_lo[half + i] = curves[1][i];
      bands->pointwise_hi[half + i] = curves[2][i];
      bands->global_lo[half + i] = curves[3][i];
      bands->global_hi[half + i] = curves[4][i];
    }
  /* Negative lags: target → ref, the reference jittered; lag −t, bin half − 1 − i. */
  glmcc_jitter_bands (ws, params, target_train, n_target, ref_train, n_ref, target * n + ref,
                      half, curves[0], curves[1], curves[2], curves[3], curves[4]);
  for (guint i = 0; i < half; i++)
    {
      bands->expected[half - 1 - i] = curves[0][i];
      bands->pointwise_lo[half - 1 - i] = curves[1][i];
      bands->pointwise_hi[half - 1 - i] = curves[2][i];
      bands->global_lo[half - 1 - i] = curves[3][i];
      bands->global_hi[half - 1 - i] = curves[4][i];
    }
  bands->n_surrogates = MIN (glmcc_params_get_surrogates (params), GLMCC_JITTER_MAX_BAND_SURROGATES);
  glmcc_jitter_workspace_free (ws);
}

GlmccMethodBands *
glmcc_method_bands_new (const GlmccParams     *params,
                        GlmccRecording        *recording,
                        guint                  ref,
                        guint                  target,
                        const GlmccPairResult *pair)
{
  GlmccMethodBands *bands;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->method == GLMCC_METHOD_GLMCC || recording != NULL, NULL);

  bands = bands_alloc (params->method, glmcc_params_get_n_bins (params),
                       glmcc_params_get_alpha (params));
  switch (params->method)
    {
    case GLMCC_METHOD_CC:
      cc_bands (params, recording, ref, target, bands);
      break;
    case GLMCC_METHOD_JITTER:
      jitter_bands (params, recording, ref, target, bands);
      break;
    case GLMCC_METHOD_GLMCC:
    default:
      glmcc_bands (params, pair, bands);
      break;
    }
  return bands;
}
