/* glmcc-cli-common.c: options and helpers shared by the subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glmcc-cli.h"
#include "glmcc-error.h"

void
glmcc_cli_error (const char *command,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "glmcc %s: %s\n", command, message);
}

void
glmcc_cli_common_init (GlmccCliCommon *common)
{
  memset (common, 0, sizeof *common);
  glmcc_load_options_init (&common->load);
  glmcc_params_init (&common->params);
  /* NAN marks "not given": the defaults then come from the format or the method. */
  common->sample_rate = NAN;
  common->start_s = NAN;
  common->duration_s = NAN;
  common->tau_ms = NAN;
  common->gamma = NAN;
  common->window_ms = NAN;
  common->bin_ms = NAN;
  common->exclude_center_ms = NAN;
  common->alpha = NAN;
  common->threads = 0;
}

void
glmcc_cli_common_clear (GlmccCliCommon *common)
{
  g_clear_pointer (&common->format, g_free);
  g_clear_pointer (&common->time_unit, g_free);
  g_clear_pointer (&common->units, g_free);
  g_clear_pointer (&common->variable, g_free);
  g_clear_pointer (&common->mode, g_free);
  g_clear_pointer (&common->test, g_free);
  g_clear_pointer (&common->delays, g_free);
  g_clear_pointer (&common->compat, g_free);
}

GOptionGroup *
glmcc_cli_load_group (GlmccCliCommon *common)
{
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &common->format,
      "Input format: auto, text-dir, text, csv, phy, nwb, neuroscope, mat (default auto)", "FORMAT" },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &common->time_unit,
      "Unit of the times in the file: ms, s or samples", "UNIT" },
    { "sample-rate", 0, 0, G_OPTION_ARG_DOUBLE, &common->sample_rate,
      "Sample rate in Hz, for times given in samples", "HZ" },
    { "units", 0, 0, G_OPTION_ARG_STRING, &common->units,
      "phy cluster labels to keep, comma separated (default good)", "LABELS" },
    { "variable", 0, 0, G_OPTION_ARG_STRING, &common->variable,
      "MATLAB variable holding the spikes", "NAME" },
    { "start", 0, 0, G_OPTION_ARG_DOUBLE, &common->start_s,
      "Start of the analysed epoch in seconds (default 0)", "S" },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &common->duration_s,
      "Length of the analysed epoch in seconds (default: through the last spike)", "S" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("input", "Reading the recording:",
                                            "Show the input options", NULL, NULL);

  g_option_group_add_entries (group, entries);
  return group;
}

GOptionGroup *
glmcc_cli_params_group (GlmccCliCommon *common)
{
  const GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &common->mode,
      "sim: delay fixed at 3 ms; exp: delay chosen from --delays (default exp)", "MODE" },
    { "test", 0, 0, G_OPTION_ARG_STRING, &common->test,
      "Significance test: wald or lr (default wald)", "TEST" },
    { "delays", 0, 0, G_OPTION_ARG_STRING, &common->delays,
      "Candidate synaptic delays in ms for mode exp (default 1,2,3,4)", "LIST" },
    { "tau", 0, 0, G_OPTION_ARG_DOUBLE, &common->tau_ms,
      "Synaptic time constant τ in ms (default 4)", "MS" },
    { "gamma", 0, 0, G_OPTION_ARG_DOUBLE, &common->gamma,
      "Smoothness hyperparameter γ (default 5e-4 for wald, 2e-4 for lr)", "G" },
    { "window", 0, 0, G_OPTION_ARG_DOUBLE, &common->window_ms,
      "Half width W of the correlogram in ms (default 50)", "MS" },
    { "bin", 0, 0, G_OPTION_ARG_DOUBLE, &common->bin_ms,
      "Bin width Δ in ms (default 1)", "MS" },
    { "exclude-center", 0, 0, G_OPTION_ARG_DOUBLE, &common->exclude_center_ms,
      "Leave out lags with |t| ≤ MS (spike-sorting shadow; default 0)", "MS" },
    { "alpha", 0, 0, G_OPTION_ARG_DOUBLE, &common->alpha,
      "Two-sided significance level (default 0.001 for wald, 0.0001 for lr)", "A" },
    { "compat", 0, 0, G_OPTION_ARG_STRING, &common->compat,
      "reference: reproduce the published implementation, defects included", "MODE" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &common->threads,
      "Worker threads (default: all cores)", "N" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("method", "The GLMCC method:",
                                            "Show the method options", NULL, NULL);

  g_option_group_add_entries (group, entries);
  return group;
}

/* The option of the command line that sets @param. */
static const char *
option_for_param (GlmccParam param)
{
  switch (param)
    {
    case GLMCC_PARAM_MODE: return "--mode";
    case GLMCC_PARAM_TEST: return "--test";
    case GLMCC_PARAM_WINDOW: return "--window";
    case GLMCC_PARAM_BIN: return "--bin";
    case GLMCC_PARAM_TAU: return "--tau";
    case GLMCC_PARAM_GAMMA: return "--gamma";
    case GLMCC_PARAM_ALPHA: return "--alpha";
    case GLMCC_PARAM_EXCLUDE_CENTER: return "--exclude-center";
    case GLMCC_PARAM_DELAYS: return "--delays";
    case GLMCC_PARAM_EPOCH: return "--start/--duration";
    case GLMCC_PARAM_FORMAT: return "--format";
    case GLMCC_PARAM_TIME_UNIT: return "--time-unit";
    case GLMCC_PARAM_SAMPLE_RATE: return "--sample-rate";
    case GLMCC_PARAM_UNITS: return "--units";
    case GLMCC_PARAM_VARIABLE: return "--variable";
    case GLMCC_PARAM_COLUMNS: return "--format";
    case GLMCC_PARAM_RECORDING:
    case GLMCC_PARAM_OTHER:
    default:
      return NULL;
    }
}

void
glmcc_cli_describe_error (GError *error)
{
  const char *option = NULL, *hint = NULL;
  char *message;

  if (error == NULL)
    return;
  if (error->domain == GLMCC_PARAMS_ERROR)
    option = option_for_param ((GlmccParam) error->code);
  else if (error->domain == GLMCC_ERROR)
    {
      switch ((GlmccErrorCode) error->code)
        {
        case GLMCC_ERROR_NEEDS_SAMPLE_RATE: hint = "give it with --sample-rate HZ"; break;
        case GLMCC_ERROR_UNKNOWN_FORMAT: hint = "choose one with --format"; break;
        case GLMCC_ERROR_NEEDS_VARIABLE: hint = "choose one with --variable NAME"; break;
        case GLMCC_ERROR_IO:
        case GLMCC_ERROR_PARSE:
        case GLMCC_ERROR_INVALID_DATA:
        case GLMCC_ERROR_UNSUPPORTED:
        case GLMCC_ERROR_TOO_FEW_NEURONS:
        case GLMCC_ERROR_NO_SPIKES:
        case GLMCC_ERROR_INVALID_PARAMS:
        case GLMCC_ERROR_MISMATCH:
        case GLMCC_ERROR_CANCELLED:
        case GLMCC_ERROR_TOO_LARGE:
        case GLMCC_ERROR_LIBRARY:
        default:
          break;
        }
    }
  if (option != NULL)
    message = g_strdup_printf ("%s: %s", option, error->message);
  else if (hint != NULL)
    message = g_strdup_printf ("%s; %s", error->message, hint);
  else
    return;
  g_free (error->message);
  error->message = message;
}

#define USAGE_FAIL(...) G_STMT_START { \
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

gboolean
glmcc_cli_common_finish (GlmccCliCommon *common,
                         GError        **error)
{
  GlmccParams *params = &common->params;
  GlmccLoadOptions *load = &common->load;

  /* Input. */
  if (common->format != NULL && !g_str_equal (common->format, "auto"))
    {
      const char * const *formats = glmcc_loader_list_formats ();
      if (!g_strv_contains (formats, common->format))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) formats);
          USAGE_FAIL ("--format: unknown format '%s' (known: auto, %s)", common->format, known);
        }
      load->format = common->format;
    }
  if (common->time_unit != NULL)
    {
      if (!glmcc_time_unit_parse (common->time_unit, &load->time_unit))
        USAGE_FAIL ("--time-unit: '%s' is not ms, s or samples", common->time_unit);
    }
  if (!isnan (common->sample_rate))
    {
      if (!(common->sample_rate > 0.0) || !isfinite (common->sample_rate))
        USAGE_FAIL ("--sample-rate must be a positive number of Hz (got %g)", common->sample_rate);
      load->sample_rate = common->sample_rate;
    }
  load->units = common->units;
  load->variable = common->variable;
  if (!isnan (common->start_s))
    {
      if (!isfinite (common->start_s))
        USAGE_FAIL ("--start must be a number of seconds");
      load->start_s = common->start_s;
    }
  if (!isnan (common->duration_s))
    {
      if (!(common->duration_s > 0.0) || !isfinite (common->duration_s))
        USAGE_FAIL ("--duration must be a positive number of seconds (got %g)", common->duration_s);
      load->duration_s = common->duration_s;
    }

  /* Method. */
  if (common->mode != NULL)
    {
      if (g_str_equal (common->mode, "sim"))
        params->mode = GLMCC_MODE_SIM;
      else if (g_str_equal (common->mode, "exp"))
        params->mode = GLMCC_MODE_EXP;
      else
        USAGE_FAIL ("--mode: '%s' is not sim or exp", common->mode);
    }
  if (common->test != NULL)
    {
      if (g_ascii_strcasecmp (common->test, "wald") == 0)
        params->test = GLMCC_TEST_WALD;
      else if (g_ascii_strcasecmp (common->test, "lr") == 0)
        params->test = GLMCC_TEST_LR;
      else
        USAGE_FAIL ("--test: '%s' is not wald or lr", common->test);
    }
  if (common->delays != NULL && !glmcc_params_set_delays (params, common->delays, error))
    {
      glmcc_cli_describe_error (*error);
      return FALSE;
    }
  if (!isnan (common->tau_ms))
    params->tau_ms = common->tau_ms;
  if (!isnan (common->gamma))
    {
      if (!(common->gamma > 0.0))
        USAGE_FAIL ("--gamma must be positive (got %g)", common->gamma);
      params->gamma = common->gamma;
    }
  if (!isnan (common->window_ms))
    params->window_ms = common->window_ms;
  if (!isnan (common->bin_ms))
    params->bin_ms = common->bin_ms;
  if (!isnan (common->exclude_center_ms))
    params->exclude_center_ms = common->exclude_center_ms;
  if (!isnan (common->alpha))
    {
      if (!(common->alpha > 0.0 && common->alpha < 1.0))
        USAGE_FAIL ("--alpha must be between 0 and 1 (got %g)", common->alpha);
      params->alpha = common->alpha;
    }
  if (common->compat != NULL)
    {
      if (g_str_equal (common->compat, "reference"))
        params->compat_reference = TRUE;
      else if (g_str_equal (common->compat, "none"))
        params->compat_reference = FALSE;
      else
        USAGE_FAIL ("--compat: '%s' is not reference or none", common->compat);
    }
  if (common->threads < 0)
    USAGE_FAIL ("--threads must not be negative (got %d)", common->threads);
  if (!glmcc_params_validate (params, error))
    {
      glmcc_cli_describe_error (*error);
      return FALSE;
    }
  return TRUE;
}

GlmccRecording *
glmcc_cli_load (GlmccCliCommon *common,
                const char     *path,
                GError        **error)
{
  GlmccRecording *recording = glmcc_load (path, &common->load, error);
  const char * const *notes;

  if (recording == NULL)
    {
      glmcc_cli_describe_error (error != NULL ? *error : NULL);
      return NULL;
    }
  notes = glmcc_recording_get_notes (recording);
  for (guint i = 0; notes[i] != NULL; i++)
    fprintf (stderr, "glmcc: %s: %s\n", path, notes[i]);
  return recording;
}

gboolean
glmcc_cli_parse (GOptionContext *context,
                 int            *argc,
                 char         ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *command = (*argv)[0];

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      glmcc_cli_error (command, "%s (see 'glmcc %s --help')", error->message, command);
      return FALSE;
    }
  return TRUE;
}

gboolean
glmcc_cli_parse_shard (const char *text,
                       guint      *index,
                       guint      *count)
{
  g_auto(GStrv) parts = NULL;
  guint64 k, n;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "/", 2);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &k, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT32, &n, NULL)
      || k > n)
    return FALSE;
  *index = (guint) k - 1;
  *count = (guint) n;
  return TRUE;
}
