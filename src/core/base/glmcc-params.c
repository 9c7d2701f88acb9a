/* glmcc-params.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-params"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-params.h"
#include "glmcc-i18n.h"

void
glmcc_params_init (GlmccParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->mode = GLMCC_MODE_EXP;
  params->test = GLMCC_TEST_WALD;
  params->window_ms = 50.0;
  params->bin_ms = 1.0;
  params->tau_ms = 4.0;
  params->gamma = 0.0;
  params->alpha = 0.0;
  params->exclude_center_ms = 0.0;
  params->sim_delay_ms = 3.0;
  params->n_delays = 4;
  for (guint i = 0; i < 4; i++)
    params->delays_ms[i] = i + 1;
  params->compat_reference = FALSE;
  params->method = GLMCC_METHOD_GLMCC;
  params->fdr = 0.0;
  params->surrogates = 0;
  params->jitter_width_ms = 0.0;
  params->seed = 1;
}

double
glmcc_params_get_gamma (const GlmccParams *params)
{
  if (params->gamma > 0.0)
    return params->gamma;
  return params->test == GLMCC_TEST_LR ? 2e-4 : 5e-4;
}

double
glmcc_params_get_beta (const GlmccParams *params)
{
  return 2.0 / glmcc_params_get_gamma (params);
}

double
glmcc_params_get_alpha (const GlmccParams *params)
{
  if (params->alpha > 0.0)
    return params->alpha;
  /* The test applies to GLMCC only; the baselines keep the Wald test's level. */
  return params->test == GLMCC_TEST_LR && params->method == GLMCC_METHOD_GLMCC ? 1e-4 : 1e-3;
}

guint
glmcc_params_get_surrogates (const GlmccParams *params)
{
  return params->surrogates > 0 ? params->surrogates : GLMCC_DEFAULT_SURROGATES;
}

double
glmcc_params_get_jitter_width (const GlmccParams *params)
{
  return params->jitter_width_ms > 0.0 ? params->jitter_width_ms : GLMCC_DEFAULT_JITTER_WIDTH_MS;
}

guint
glmcc_params_get_n_bins (const GlmccParams *params)
{
  return (guint) lround (2.0 * params->window_ms / params->bin_ms);
}

guint
glmcc_params_get_delays (const GlmccParams *params,
                         const double     **delays_ms)
{
  if (params->mode == GLMCC_MODE_SIM)
    {
      *delays_ms = &params->sim_delay_ms;
      return 1;
    }
  *delays_ms = params->delays_ms;
  return params->n_delays;
}

/* A multiple of the bin, within a relative rounding error. */
static gboolean
is_whole_bins (double value,
               double bin)
{
  double k = value / bin;

  return fabs (k - round (k)) < 1e-9 * MAX (1.0, fabs (k));
}

gboolean
glmcc_params_validate (const GlmccParams *params,
                       GError           **error)
{
  const double *delays;
  guint n_delays;

  g_return_val_if_fail (params != NULL, FALSE);

#define FAIL(param, ...) G_STMT_START { \
    g_set_error (error, GLMCC_PARAMS_ERROR, param, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (!(params->bin_ms > 0.0) || !isfinite (params->bin_ms))
    FAIL (GLMCC_PARAM_BIN, _("the bin must be a positive number of ms (got %g)"), params->bin_ms);
  if (!(params->window_ms > 0.0) || !isfinite (params->window_ms) || params->window_ms > 1000.0)
    FAIL (GLMCC_PARAM_WINDOW, _("the window must be between 0 and 1000 ms (got %g)"), params->window_ms);
  if (!is_whole_bins (params->window_ms, params->bin_ms))
    FAIL (GLMCC_PARAM_WINDOW, _("the window (%g ms) must be a whole number of bins of %g ms"), params->window_ms, params->bin_ms);
  if (glmcc_params_get_n_bins (params) < 4 || glmcc_params_get_n_bins (params) > 10000)
    FAIL (GLMCC_PARAM_BIN, _("the window and the bin give %u bins; use between 4 and 10000"), glmcc_params_get_n_bins (params));
  if (!(params->tau_ms > 0.0) || !isfinite (params->tau_ms) || params->tau_ms > 100.0)
    FAIL (GLMCC_PARAM_TAU, _("τ must be between 0 and 100 ms (got %g)"), params->tau_ms);
  if (params->gamma < 0.0 || !isfinite (params->gamma))
    FAIL (GLMCC_PARAM_GAMMA, _("γ must be positive (got %g)"), params->gamma);
  if (params->alpha < 0.0 || params->alpha >= 1.0 || !isfinite (params->alpha))
    FAIL (GLMCC_PARAM_ALPHA, _("α must be between 0 and 1 (got %g)"), params->alpha);
  if (params->exclude_center_ms < 0.0 || !isfinite (params->exclude_center_ms))
    FAIL (GLMCC_PARAM_EXCLUDE_CENTER, _("the excluded centre must be zero or positive (got %g ms)"), params->exclude_center_ms);
  if (!is_whole_bins (params->exclude_center_ms, params->bin_ms))
    FAIL (GLMCC_PARAM_EXCLUDE_CENTER, _("the excluded centre (%g ms) must be a whole number of bins of %g ms"),
          params->exclude_center_ms, params->bin_ms);

  n_delays = glmcc_params_get_delays (params, &delays);
  if (n_delays == 0)
    FAIL (GLMCC_PARAM_DELAYS, _("at least one delay is needed"));
  for (guint i = 0; i < n_delays; i++)
    {
      if (!(delays[i] >= 0.0) || !isfinite (delays[i]))
        FAIL (GLMCC_PARAM_DELAYS, _("the delay %g ms must not be negative"), delays[i]);
      if (!is_whole_bins (delays[i], params->bin_ms))
        FAIL (GLMCC_PARAM_DELAYS, _("the delay %g ms must be a whole number of bins of %g ms"), delays[i], params->bin_ms);
      if (delays[i] + params->bin_ms > params->window_ms - params->bin_ms)
        FAIL (GLMCC_PARAM_DELAYS, _("the delay %g ms leaves no coupled bins inside the %g ms window"), delays[i], params->window_ms);
      if (params->exclude_center_ms > delays[i])
        FAIL (GLMCC_PARAM_EXCLUDE_CENTER, _("the excluded centre (%g ms) must not exceed the delay %g ms"),
              params->exclude_center_ms, delays[i]);
    }

  if (params->method != GLMCC_METHOD_GLMCC && params->method != GLMCC_METHOD_CC
      && params->method != GLMCC_METHOD_JITTER)
    FAIL (GLMCC_PARAM_METHOD, _("unknown method %d"), (int) params->method);
  if (params->compat_reference && params->method != GLMCC_METHOD_GLMCC)
    FAIL (GLMCC_PARAM_METHOD, _("reference compatibility applies to GLMCC only, not to the %s method"),
          glmcc_method_to_string (params->method));
  if (params->method == GLMCC_METHOD_CC)
    for (guint i = 0; i < n_delays; i++)
      if (delays[i] + params->tau_ms > params->window_ms / 2.0)
        FAIL (GLMCC_PARAM_WINDOW, _("the classical test's window after the delay %g ms (τ = %g ms) "
              "must end before its baseline, the outer half of the %g ms window"), delays[i],
              params->tau_ms, params->window_ms);
  if (params->fdr < 0.0 || params->fdr >= 1.0 || !isfinite (params->fdr))
    FAIL (GLMCC_PARAM_FDR, _("the false discovery rate must be between 0 and 1 (got %g)"), params->fdr);
  if (params->fdr > 0.0 && params->compat_reference)
    FAIL (GLMCC_PARAM_FDR, _("false discovery rate control needs calibrated p-values, which reference "
          "compatibility does not give"));
  if (params->surrogates > 10000000)
    FAIL (GLMCC_PARAM_SURROGATES, _("at most 10000000 surrogates (got %u)"), params->surrogates);
  if (params->jitter_width_ms < 0.0 || !isfinite (params->jitter_width_ms)
      || params->jitter_width_ms > params->window_ms)
    FAIL (GLMCC_PARAM_JITTER_WIDTH, _("the jitter width must be positive and at most the window, "
          "%g ms (got %g ms)"), params->window_ms, params->jitter_width_ms);
  /* A Monte Carlo p-value is never below 1/(N + 1): with too few surrogates no edge could be
   * significant at α. */
  if (params->method == GLMCC_METHOD_JITTER && params->fdr == 0.0
      && (glmcc_params_get_surrogates (params) + 1.0) * glmcc_params_get_alpha (params) < 1.0)
    FAIL (GLMCC_PARAM_SURROGATES, _("with %u surrogates the jitter method's smallest p-value is "
          "1/%u, above α = %g: no connection could be found; use at least %.0f surrogates"),
          glmcc_params_get_surrogates (params), glmcc_params_get_surrogates (params) + 1,
          glmcc_params_get_alpha (params), ceil (1.0 / glmcc_params_get_alpha (params)) - 1.0);
#undef FAIL
  return TRUE;
}

gboolean
glmcc_params_equal (const GlmccParams *a,
                    const GlmccParams *b)
{
  const double *da, *db;
  guint na = glmcc_params_get_delays (a, &da);
  guint nb = glmcc_params_get_delays (b, &db);

  if (a->mode != b->mode || a->test != b->test || a->window_ms != b->window_ms
      || a->bin_ms != b->bin_ms || a->tau_ms != b->tau_ms
      || glmcc_params_get_gamma (a) != glmcc_params_get_gamma (b)
      || glmcc_params_get_alpha (a) != glmcc_params_get_alpha (b)
      || a->exclude_center_ms != b->exclude_center_ms
      || a->compat_reference != b->compat_reference || na != nb
      || a->method != b->method || a->fdr != b->fdr)
    return FALSE;
  if (a->method == GLMCC_METHOD_JITTER
      && (glmcc_params_get_surrogates (a) != glmcc_params_get_surrogates (b)
          || glmcc_params_get_jitter_width (a) != glmcc_params_get_jitter_width (b)
          || a->seed != b->seed))
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (da[i] != db[i])
      return FALSE;
  return TRUE;
}

gboolean
glmcc_params_set_delays (GlmccParams *params,
                         const char  *list,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint n = 0;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      const char *text = g_strstrip (parts[i]);
      double value;

      if (*text == '\0')
        continue;
      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || !isfinite (value))
        {
          g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_DELAYS,
                       _("the delay '%s' is not a number of ms"), text);
          return FALSE;
        }
      if (n == GLMCC_MAX_DELAYS)
        {
          g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_DELAYS,
                       _("at most %d delays can be tried"), GLMCC_MAX_DELAYS);
          return FALSE;
        }
      params->delays_ms[n++] = value;
    }
  if (n == 0)
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_DELAYS, _("no delay given"));
      return FALSE;
    }
  params->n_delays = n;
  return TRUE;
}

const char *
glmcc_mode_to_string (GlmccMode mode)
{
  switch (mode)
    {
    case GLMCC_MODE_SIM: return "sim";
    case GLMCC_MODE_EXP: return "exp";
    default: return "unknown";
    }
}

const char *
glmcc_test_to_string (GlmccTest test)
{
  switch (test)
    {
    case GLMCC_TEST_WALD: return "wald";
    case GLMCC_TEST_LR: return "lr";
    default: return "unknown";
    }
}

const char *
glmcc_method_to_string (GlmccMethod method)
{
  switch (method)
    {
    case GLMCC_METHOD_GLMCC: return "glmcc";
    case GLMCC_METHOD_CC: return "cc";
    case GLMCC_METHOD_JITTER: return "jitter";
    default: return "unknown";
    }
}

gboolean
glmcc_method_from_string (const char  *text,
                          GlmccMethod *method)
{
  static const GlmccMethod methods[] = { GLMCC_METHOD_GLMCC, GLMCC_METHOD_CC, GLMCC_METHOD_JITTER };

  g_return_val_if_fail (text != NULL && method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_ascii_strcasecmp (text, glmcc_method_to_string (methods[i])) == 0)
      {
        *method = methods[i];
        return TRUE;
      }
  return FALSE;
}
