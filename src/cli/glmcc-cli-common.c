/* glmcc-cli-common.c: options and helpers shared by the subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glmcc-analysis-file.h"
#include "glmcc-cli.h"
#include "glmcc-error.h"
#include "glmcc-output.h"
#include "glmcc-results-hdf5.h"
#include "glmcc-i18n.h"

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
  fprintf (stderr, _("glmcc %s: %s\n"), command, message);
}

void
glmcc_cli_common_init (GlmccCliCommon *common)
{
  memset (common, 0, sizeof *common);
  glmcc_load_options_init (&common->load);
  glmcc_params_init (&common->params);
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
  g_clear_pointer (&common->sample_rate, g_free);
  g_clear_pointer (&common->start, g_free);
  g_clear_pointer (&common->duration, g_free);
  g_clear_pointer (&common->tau, g_free);
  g_clear_pointer (&common->gamma, g_free);
  g_clear_pointer (&common->window, g_free);
  g_clear_pointer (&common->bin, g_free);
  g_clear_pointer (&common->exclude_center, g_free);
  g_clear_pointer (&common->alpha, g_free);
  g_clear_pointer (&common->method, g_free);
  g_clear_pointer (&common->fdr, g_free);
  g_clear_pointer (&common->surrogates, g_free);
  g_clear_pointer (&common->jitter_width, g_free);
}

GOptionGroup *
glmcc_cli_load_group (GlmccCliCommon *common)
{
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &common->format,
      N_("Input format: auto, text-dir, text, csv, phy, nwb, neuroscope, mat (default auto)"), "FORMAT" },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &common->time_unit,
      N_("Unit of the times in the file: ms, s or samples"), "UNIT" },
    { "sample-rate", 0, 0, G_OPTION_ARG_STRING, &common->sample_rate,
      N_("Sample rate in Hz, for times given in samples"), "HZ" },
    { "units", 0, 0, G_OPTION_ARG_STRING, &common->units,
      N_("phy cluster labels to keep, comma separated (default good)"), "LABELS" },
    { "variable", 0, 0, G_OPTION_ARG_STRING, &common->variable,
      N_("MATLAB variable holding the spikes"), "NAME" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &common->start,
      N_("Start of the analysed epoch in seconds (default 0)"), "S" },
    { "duration", 0, 0, G_OPTION_ARG_STRING, &common->duration,
      N_("Length of the analysed epoch in seconds (default: through the last spike)"), "S" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("input", _("Reading the recording:"),
                                            _("Show the input options"), NULL, NULL);

  /* The title is given translated: GLib prints a group's title without translating it under
   * --help-all; the entries are translated through the domain. */
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

GOptionGroup *
glmcc_cli_params_group (GlmccCliCommon *common)
{
  const GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &common->mode,
      N_("sim: delay fixed at 3 ms; exp: delay chosen from --delays (default exp)"), "MODE" },
    { "test", 0, 0, G_OPTION_ARG_STRING, &common->test,
      N_("Significance test: wald or lr (default wald)"), "TEST" },
    { "delays", 0, 0, G_OPTION_ARG_STRING, &common->delays,
      N_("Candidate synaptic delays in ms for mode exp (default 1,2,3,4)"), "LIST" },
    { "tau", 0, 0, G_OPTION_ARG_STRING, &common->tau,
      N_("Synaptic time constant τ in ms (default 4)"), "MS" },
    { "gamma", 0, 0, G_OPTION_ARG_STRING, &common->gamma,
      N_("Smoothness hyperparameter γ (default 5e-4 for wald, 2e-4 for lr)"), "G" },
    { "window", 0, 0, G_OPTION_ARG_STRING, &common->window,
      N_("Half width W of the correlogram in ms (default 50)"), "MS" },
    { "bin", 0, 0, G_OPTION_ARG_STRING, &common->bin,
      N_("Bin width Δ in ms (default 1)"), "MS" },
    { "exclude-center", 0, 0, G_OPTION_ARG_STRING, &common->exclude_center,
      N_("Leave out lags with |t| ≤ MS (spike-sorting shadow; default 0)"), "MS" },
    { "alpha", 0, 0, G_OPTION_ARG_STRING, &common->alpha,
      N_("Two-sided significance level (default 0.001 for wald, 0.0001 for lr)"), "A" },
    { "compat", 0, 0, G_OPTION_ARG_STRING, &common->compat,
      N_("reference: reproduce the published implementation, defects included"), "MODE" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &common->method,
      N_("Detection method: glmcc, cc (classical cross-correlation test) or jitter (default glmcc)"),
      "METHOD" },
    { "fdr", 0, 0, G_OPTION_ARG_STRING, &common->fdr,
      N_("Decide by Benjamini–Hochberg q ≤ Q over all tested edges instead of p ≤ α per edge"), "Q" },
    { "surrogates", 0, 0, G_OPTION_ARG_STRING, &common->surrogates,
      N_("Jitter method: surrogates per directed edge at most (default 1000)"), "N" },
    { "jitter-width", 0, 0, G_OPTION_ARG_STRING, &common->jitter_width,
      N_("Jitter method: width of the jitter intervals in ms (default 5)"), "MS" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &common->threads,
      N_("Worker threads; 0 (the default) uses one per core"), "N" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("method", _("The GLMCC method:"),
                                            _("Show the method options"), NULL, NULL);

  /* The title is given translated: GLib prints a group's title without translating it under
   * --help-all; the entries are translated through the domain. */
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
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
    case GLMCC_PARAM_METHOD: return "--method";
    case GLMCC_PARAM_FDR: return "--fdr";
    case GLMCC_PARAM_SURROGATES: return "--surrogates";
    case GLMCC_PARAM_JITTER_WIDTH: return "--jitter-width";
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
        case GLMCC_ERROR_NEEDS_SAMPLE_RATE: hint = _("give it with --sample-rate HZ"); break;
        case GLMCC_ERROR_UNKNOWN_FORMAT: hint = _("choose one with --format"); break;
        case GLMCC_ERROR_NEEDS_VARIABLE: hint = _("choose one with --variable NAME"); break;
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
    message = g_strdup_printf (_("%s; %s"), error->message, hint);
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

  double value;

  /* Input. */
  if (common->format != NULL && !g_str_equal (common->format, "auto"))
    {
      const char * const *formats = glmcc_loader_list_formats ();
      if (!g_strv_contains (formats, common->format))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) formats);
          USAGE_FAIL (_("--format: unknown format '%s' (known: auto, %s)"), common->format, known);
        }
      load->format = common->format;
    }
  if (common->time_unit != NULL)
    {
      if (!glmcc_time_unit_parse (common->time_unit, &load->time_unit))
        USAGE_FAIL (_("--time-unit: '%s' is not ms, s or samples"), common->time_unit);
    }
  if (common->sample_rate != NULL)
    {
      if (!glmcc_cli_parse_number ("--sample-rate", common->sample_rate, &value, error))
        return FALSE;
      if (!(value > 0.0))
        USAGE_FAIL (_("--sample-rate must be a positive number of Hz (got %g)"), value);
      load->sample_rate = value;
    }
  load->units = common->units;
  load->variable = common->variable;
  if (!glmcc_cli_parse_number ("--start", common->start, &load->start_s, error))
    return FALSE;
  if (common->duration != NULL)
    {
      if (!glmcc_cli_parse_number ("--duration", common->duration, &value, error))
        return FALSE;
      if (!(value > 0.0))
        USAGE_FAIL (_("--duration must be a positive number of seconds (got %g)"), value);
      load->duration_s = value;
    }

  /* Method. */
  if (common->mode != NULL)
    {
      if (g_str_equal (common->mode, "sim"))
        params->mode = GLMCC_MODE_SIM;
      else if (g_str_equal (common->mode, "exp"))
        params->mode = GLMCC_MODE_EXP;
      else
        USAGE_FAIL (_("--mode: '%s' is not sim or exp"), common->mode);
    }
  if (common->test != NULL)
    {
      if (g_ascii_strcasecmp (common->test, "wald") == 0)
        params->test = GLMCC_TEST_WALD;
      else if (g_ascii_strcasecmp (common->test, "lr") == 0)
        params->test = GLMCC_TEST_LR;
      else
        USAGE_FAIL (_("--test: '%s' is not wald or lr"), common->test);
    }
  if (common->delays != NULL && !glmcc_params_set_delays (params, common->delays, error))
    {
      glmcc_cli_describe_error (*error);
      return FALSE;
    }
  if (!glmcc_cli_parse_number ("--tau", common->tau, &params->tau_ms, error))
    return FALSE;
  if (common->gamma != NULL)
    {
      if (!glmcc_cli_parse_number ("--gamma", common->gamma, &value, error))
        return FALSE;
      if (!(value > 0.0))
        USAGE_FAIL (_("--gamma must be positive (got %g)"), value);
      params->gamma = value;
    }
  if (!glmcc_cli_parse_number ("--window", common->window, &params->window_ms, error)
      || !glmcc_cli_parse_number ("--bin", common->bin, &params->bin_ms, error)
      || !glmcc_cli_parse_number ("--exclude-center", common->exclude_center,
                                  &params->exclude_center_ms, error))
    return FALSE;
  if (common->alpha != NULL)
    {
      if (!glmcc_cli_parse_number ("--alpha", common->alpha, &value, error))
        return FALSE;
      if (!(value > 0.0 && value < 1.0))
        USAGE_FAIL (_("--alpha must be between 0 and 1 (got %g)"), value);
      params->alpha = value;
    }
  if (common->compat != NULL)
    {
      if (g_str_equal (common->compat, "reference"))
        params->compat_reference = TRUE;
      else if (g_str_equal (common->compat, "none"))
        params->compat_reference = FALSE;
      else
        USAGE_FAIL (_("--compat: '%s' is not reference or none"), common->compat);
    }
  if (common->method != NULL && !glmcc_method_from_string (common->method, &params->method))
    USAGE_FAIL (_("--method: '%s' is not glmcc, cc or jitter"), common->method);
  if (common->fdr != NULL)
    {
      if (!glmcc_cli_parse_number ("--fdr", common->fdr, &value, error))
        return FALSE;
      if (!(value > 0.0 && value < 1.0))
        USAGE_FAIL (_("--fdr must be between 0 and 1 (got %g)"), value);
      params->fdr = value;
    }
  if (common->surrogates != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (common->surrogates, 10, 1, 10000000, &n, NULL))
        USAGE_FAIL (_("--surrogates: '%s' is not a whole number from 1 to 10000000"), common->surrogates);
      params->surrogates = (guint) n;
    }
  if (common->jitter_width != NULL)
    {
      if (!glmcc_cli_parse_number ("--jitter-width", common->jitter_width, &value, error))
        return FALSE;
      if (!(value > 0.0))
        USAGE_FAIL (_("--jitter-width must be a positive number of ms (got %g)"), value);
      params->jitter_width_ms = value;
    }
  if (params->method != GLMCC_METHOD_GLMCC && (common->test != NULL || common->gamma != NULL))
    USAGE_FAIL (_("%s: only GLMCC uses it, not the %s method"), common->test != NULL ? _("--test") : "--gamma",
                glmcc_method_to_string (params->method));
  if (params->method != GLMCC_METHOD_JITTER
      && (common->surrogates != NULL || common->jitter_width != NULL))
    USAGE_FAIL (_("%s: only the jitter method uses it (add --method jitter)"),
                common->surrogates != NULL ? _("--surrogates") : "--jitter-width");
  if (common->threads < 0)
    USAGE_FAIL (_("--threads must not be negative (got %d; 0 uses one thread per core)"), common->threads);
  if (!glmcc_params_validate (params, error))
    {
      glmcc_cli_describe_error (*error);
      return FALSE;
    }
  return TRUE;
}

gboolean
glmcc_cli_parse_seed (const char  *option,
                      gint64       value,
                      guint32     *seed,
                      GError     **error)
{
  if (value < 0 || value > G_MAXUINT32)
    USAGE_FAIL (_("%s: %" PRId64 " is not a seed from 0 to %u"), option, value, G_MAXUINT32);
  *seed = (guint32) value;
  return TRUE;
}

gboolean
glmcc_cli_parse_number (const char  *option,
                        const char  *text,
                        double      *value,
                        GError     **error)
{
  char *end = NULL;
  double number;

  if (text == NULL)
    return TRUE;
  number = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || g_ascii_isspace (*text))
    USAGE_FAIL (_("%s: '%s' is not a number"), option, text);
  if (!isfinite (number))
    USAGE_FAIL (_("%s: '%s' is not a finite number"), option, text);
  *value = number;
  return TRUE;
}

gboolean
glmcc_cli_check_finite (const char  *option,
                        double       value,
                        GError     **error)
{
  if (!isfinite (value))
    USAGE_FAIL (_("%s: %g is not a finite number"), option, value);
  return TRUE;
}

gboolean
glmcc_cli_parse_shard (const char  *option,
                       const char  *text,
                       guint       *index,
                       guint       *count,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 k, n;

  if (text != NULL)
    parts = g_strsplit (text, "/", 2);
  if (parts == NULL || g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &k, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT32, &n, NULL)
      || k > n)
    USAGE_FAIL (_("%s: '%s' is not K/N with 1 ≤ K ≤ N"), option, text != NULL ? text : "");
  *index = (guint) k - 1;
  *count = (guint) n;
  return TRUE;
}

/* ---- Outputs --------------------------------------------------------------------------- */

typedef struct
{
  const char *option;
  const char *path;
  gboolean  (*write) (GlmccResults *results, const char *path, GError **error);
  gboolean    whole_run;   /* written for an incomplete run only with --partial */
  gboolean    seekable;    /* a file, never a device or a pipe (HDF5) */
} OutputFile;

#define MAX_OUTPUTS 6

static guint
list_outputs (const GlmccCliOutputs *outputs,
              OutputFile            *files)
{
  /* The saved analysis (no plain writer: see write_analysis) holds a partial run as the JSON
   * does, and the application resumes nothing from it but shows what is there. */
  const OutputFile all[MAX_OUTPUTS] = {
    { "--output-matrix", outputs->matrix, glmcc_results_write_matrix, TRUE, FALSE },
    { "--output-edges", outputs->edges, glmcc_results_write_edges, FALSE, FALSE },
    { "--output-json", outputs->json, glmcc_results_write_json, FALSE, FALSE },
    { "--output-graphml", outputs->graphml, glmcc_results_write_graphml, TRUE, FALSE },
    { "--output-hdf5", outputs->hdf5, glmcc_results_write_hdf5, FALSE, TRUE },
    { "--output-analysis", outputs->analysis, NULL, FALSE, FALSE },
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i].path != NULL)
      files[n++] = all[i];
  return n;
}

void
glmcc_cli_outputs_clear (GlmccCliOutputs *outputs)
{
  g_clear_pointer (&outputs->matrix, g_free);
  g_clear_pointer (&outputs->edges, g_free);
  g_clear_pointer (&outputs->json, g_free);
  g_clear_pointer (&outputs->graphml, g_free);
  g_clear_pointer (&outputs->analysis, g_free);
  g_clear_pointer (&outputs->hdf5, g_free);
}

gboolean
glmcc_cli_outputs_any (const GlmccCliOutputs *outputs)
{
  OutputFile files[MAX_OUTPUTS];

  return list_outputs (outputs, files) > 0;
}

gboolean
glmcc_cli_outputs_check (const GlmccCliOutputs *outputs,
                         const GlmccCliInput   *inputs,
                         guint                  n_inputs,
                         GError               **error)
{
  OutputFile files[MAX_OUTPUTS];
  guint n = list_outputs (outputs, files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (*files[i].path == '\0')
        USAGE_FAIL (_("%s: the file name is empty"), files[i].option);
      if (!glmcc_output_check (files[i].path, &local_error))
        USAGE_FAIL ("%s: %s", files[i].option, local_error->message);
      if (files[i].seekable)
        {
          g_autofree char *file = NULL;

          if (!glmcc_results_hdf5_available ())
            USAGE_FAIL (_("%s: this build lacks the nwb feature (libhdf5), which HDF5 files need; "
                        "rebuild with -Dnwb=enabled"), files[i].option);
          file = glmcc_output_resolve_file (files[i].path, NULL, &local_error);
          if (file == NULL)
            USAGE_FAIL ("%s: %s", files[i].option, local_error->message);
        }
      for (guint j = 0; j < i; j++)
        if (glmcc_output_same_file (files[i].path, files[j].path))
          USAGE_FAIL (_("%s and %s name the same file, %s"), files[j].option, files[i].option,
                      files[i].path);
      for (guint j = 0; j < n_inputs; j++)
        if (inputs[j].path != NULL && glmcc_output_overwrites (files[i].path, inputs[j].path))
          USAGE_FAIL (_("%s: %s is (part of) %s; writing it would destroy it"), files[i].option,
                      files[i].path, inputs[j].role);
    }
  return TRUE;
}

/* The results with what the application needs to find the recording again. */
static gboolean
write_analysis (const GlmccCliOutputs  *outputs,
                GlmccResults           *results,
                const char             *path,
                GError                **error)
{
  g_autoptr(GlmccAnalysisFile) file = NULL;
  GlmccRecording *recording = glmcc_results_get_recording (results);
  GlmccRecordingFileInfo info;
  GlmccLoadOptions options;

  if (recording == NULL || outputs->recording_path == NULL || outputs->load == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: a saved analysis needs the recording it was computed from"), path);
      return FALSE;
    }
  if (!glmcc_recording_file_info_compute (&info, outputs->recording_path, recording, error))
    return FALSE;
  file = glmcc_analysis_file_new (results);
  glmcc_analysis_file_set_recording_file (file, &info);
  glmcc_recording_file_info_clear (&info);
  /* The format found, so that reopening does not depend on detection. */
  options = *outputs->load;
  options.format = glmcc_recording_get_format (recording);
  glmcc_analysis_file_set_load_options (file, &options);
  /* A large run's edges stay in its HDF5 file; the analysis records where, and its checksum. */
  if (outputs->hdf5_finished != NULL)
    glmcc_analysis_file_set_results_file (file, outputs->hdf5_finished, NULL);
  return glmcc_analysis_file_write (file, path, error);
}

gboolean
glmcc_cli_outputs_write (const char            *command,
                         const GlmccCliOutputs *outputs,
                         GlmccResults          *results)
{
  OutputFile files[MAX_OUTPUTS];
  guint n = list_outputs (outputs, files);
  guint64 pending = glmcc_results_count_pending (results);
  guint64 total = glmcc_pair_count (glmcc_results_get_n_neurons (results));
  gboolean ok = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (files[i].whole_run && pending > 0 && !outputs->partial)
        {
          glmcc_cli_error (command, "%s %s not written: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                           " pairs are not computed (with --partial it is written, the pending pairs marked)",
                           files[i].option, files[i].path, pending, total);
          continue;
        }
      if (files[i].write != NULL ? !files[i].write (results, files[i].path, &error)
                                 : !write_analysis (outputs, results, files[i].path, &error))
        {
          glmcc_cli_error (command, "%s", error->message);
          ok = FALSE;
        }
    }
  return ok;
}

GlmccRecording *
glmcc_cli_load (GlmccCliCommon *common,
                const char     *path,
                GError        **error)
{
  GlmccRecording *recording;
  const char * const *notes;

  common->load.threads = (guint) MAX (common->threads, 0);
  recording = glmcc_load (path, &common->load, error);
  if (recording == NULL)
    {
      glmcc_cli_describe_error (error != NULL ? *error : NULL);
      return NULL;
    }
  notes = glmcc_recording_get_display_notes (recording);
  for (guint i = 0; notes[i] != NULL; i++)
    fprintf (stderr, _("glmcc: %s: %s\n"), path, notes[i]);
  return recording;
}

gboolean
glmcc_cli_parse (GOptionContext *context,
                 int            *argc,
                 char         ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *command = (*argv)[0];

  GOptionGroup *main_group = g_option_context_get_main_group (context);

  /* The summary and parameter string (the context's domain) and the options' descriptions (the
   * main group's); the input and method groups set theirs where they are made. */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (main_group != NULL)
    g_option_group_set_translation_domain (main_group, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      glmcc_cli_error (command, _("%s (see 'glmcc %s --help')"), error->message, command);
      return FALSE;
    }
  return TRUE;
}
