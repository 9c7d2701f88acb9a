/* glmcc-cli-plot.c: `glmcc plot`, the figures of the app from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "glmcc-cli.h"
#include "glmcc-engine.h"
#include "glmcc-pair.h"
#include "glmcc-plot-data.h"
#include "glmcc-plot.h"
#include "glmcc-results.h"

typedef struct
{
  char     *output;
  char     *results;
  double    width;
  double    height;
  double    dpi;
  gboolean  rate;
  gboolean  dark;
  gboolean  network;
  gboolean  matrix;
} PlotOptions;

static int
plot_pair (GlmccCliCommon    *common,
           const PlotOptions *options,
           GlmccRecording    *recording,
           const char        *path,
           const char        *ref_arg,
           const char        *target_arg,
           GError           **error)
{
  g_autoptr(GlmccCcgPlotData) data = NULL;
  GlmccPlotStyle style;
  GlmccWorkspace *workspace;
  GlmccPairResult result;
  gsize n_ref = 0, n_target = 0;
  int ref, target;

  ref = glmcc_recording_find_neuron (recording, ref_arg);
  target = glmcc_recording_find_neuron (recording, target_arg);
  if (ref < 0 || target < 0)
    {
      glmcc_cli_error ("plot", "%s: no neuron named or numbered '%s' (%u neurons, 0–%u)", path,
                       ref < 0 ? ref_arg : target_arg, glmcc_recording_get_n_neurons (recording),
                       glmcc_recording_get_n_neurons (recording) - 1);
      return GLMCC_EXIT_USAGE;
    }
  if (ref == target)
    {
      glmcc_cli_error ("plot", "REF and TARGET are the same neuron '%s'", ref_arg);
      return GLMCC_EXIT_USAGE;
    }

  workspace = glmcc_workspace_new (&common->params);
  glmcc_pair_analyse (workspace, &common->params, recording, ref, target, &result);
  glmcc_recording_get_train (recording, ref, &n_ref);
  glmcc_recording_get_train (recording, target, &n_target);
  /* Copies counts and a(t) out of the workspace. */
  data = glmcc_ccg_plot_data_new (&result, &common->params,
                                  glmcc_recording_get_name (recording, ref),
                                  glmcc_recording_get_name (recording, target),
                                  n_ref, n_target);
  glmcc_workspace_free (workspace);
  if (options->rate)
    data->plot.unit = GLMCC_PLOT_UNIT_RATE;

  if (options->dark)
    glmcc_plot_style_init_dark (&style);
  else
    glmcc_plot_style_init_light (&style);
  if (!glmcc_plot_export_ccg (options->output, GLMCC_PLOT_FORMAT_AUTO,
                              options->width > 0 ? options->width : 720.0,
                              options->height > 0 ? options->height : 480.0,
                              options->dpi, &data->plot, &style, error))
    return GLMCC_EXIT_FAILURE;
  return GLMCC_EXIT_OK;
}

static int
plot_network (GlmccCliCommon    *common,
              const PlotOptions *options,
              GlmccRecording    *recording,
              const char        *path,
              GError           **error)
{
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccNetworkPlotData) data = NULL;
  GlmccPlotStyle style;
  gboolean ok;

  if (options->results != NULL)
    {
      results = glmcc_results_load_json (options->results, error);
      if (results == NULL)
        return GLMCC_EXIT_FAILURE;
      if (glmcc_results_get_n_neurons (results) != glmcc_recording_get_n_neurons (recording))
        {
          glmcc_cli_error ("plot", "%s: %u neurons, but %s has %u", options->results,
                           glmcc_results_get_n_neurons (results), path,
                           glmcc_recording_get_n_neurons (recording));
          return GLMCC_EXIT_FAILURE;
        }
    }
  else
    {
      g_autoptr(GlmccEngine) engine = NULL;

      results = glmcc_results_new (recording, &common->params);
      engine = glmcc_engine_new (results);
      glmcc_engine_set_threads (engine, (guint) MAX (common->threads, 0));
      if (!glmcc_engine_run (engine, NULL, error))
        return GLMCC_EXIT_FAILURE;
    }

  data = glmcc_network_plot_data_new (results, recording);
  if (options->dark)
    glmcc_plot_style_init_dark (&style);
  else
    glmcc_plot_style_init_light (&style);
  if (options->matrix)
    ok = glmcc_plot_export_matrix (options->output, GLMCC_PLOT_FORMAT_AUTO,
                                   options->width > 0 ? options->width : 640.0,
                                   options->height > 0 ? options->height : 560.0,
                                   options->dpi, &data->plot, &style, error);
  else
    ok = glmcc_plot_export_network (options->output, GLMCC_PLOT_FORMAT_AUTO,
                                    options->width > 0 ? options->width : 640.0,
                                    options->height > 0 ? options->height : 600.0,
                                    options->dpi, &data->plot, &style, error);
  return ok ? GLMCC_EXIT_OK : GLMCC_EXIT_FAILURE;
}

int
glmcc_cli_plot_main (int    argc,
                     char **argv)
{
  GlmccCliCommon common;
  PlotOptions options = { NULL, NULL, 0.0, 0.0, 150.0, FALSE, FALSE, FALSE, FALSE };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      "The figure to write: .png, .svg or .pdf (required)", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &options.width,
      "Figure width in points (default 720 for a pair, 640 otherwise)", "PT" },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &options.height,
      "Figure height in points (default 480 for a pair, 560 matrix, 600 network)", "PT" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &options.dpi,
      "Resolution of a PNG (default 150)", "DPI" },
    { "rate", 0, 0, G_OPTION_ARG_NONE, &options.rate,
      "Correlogram in Hz (count / (reference spikes · bin)) instead of counts per bin", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &options.dark,
      "Dark colours", NULL },
    { "network", 0, 0, G_OPTION_ARG_NONE, &options.network,
      "Draw the inferred network instead of one pair", NULL },
    { "matrix", 0, 0, G_OPTION_ARG_NONE, &options.matrix,
      "Draw the connectivity matrix (row = pre, column = post) instead of one pair", NULL },
    { "results", 0, 0, G_OPTION_ARG_FILENAME, &options.results,
      "With --network or --matrix: a run's JSON to draw instead of analysing all pairs", "FILE.json" },
    { NULL }
  };

  glmcc_cli_common_init (&common);
  context = g_option_context_new ("RECORDING [REF TARGET] -o FILE — draw a figure");
  g_option_context_set_summary (context,
    "glmcc plot RECORDING REF TARGET -o FILE.{png,svg,pdf}\n"
    "    the cross-correlogram of REF and TARGET (lag = t_target − t_ref) with its GLMCC fit\n"
    "glmcc plot RECORDING --network|--matrix [--results FILE.json] -o FILE\n"
    "    the inferred connections (all pairs are analysed unless --results is given)\n"
    "The figure is the one the desktop application shows; the format follows the extension.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, glmcc_cli_load_group (&common));
  g_option_context_add_group (context, glmcc_cli_params_group (&common));

#define USAGE(...) G_STMT_START { glmcc_cli_error ("plot", __VA_ARGS__); status = GLMCC_EXIT_USAGE; goto out; } G_STMT_END

  if (!glmcc_cli_parse (context, &argc, &argv))
    {
      status = GLMCC_EXIT_USAGE;
      goto out;
    }
  if (options.output == NULL)
    USAGE ("missing -o FILE (.png, .svg or .pdf)");
  if (glmcc_plot_format_from_path (options.output) == GLMCC_PLOT_FORMAT_AUTO)
    USAGE ("-o %s: use a .png, .svg or .pdf file name", options.output);
  if (options.network && options.matrix)
    USAGE ("--network and --matrix are exclusive; draw one figure at a time");
  if (options.results != NULL && !options.network && !options.matrix)
    USAGE ("--results needs --network or --matrix");
  if (options.width < 0 || !isfinite (options.width) || options.width > 10000)
    USAGE ("--width must be between 0 and 10000 pt (got %g)", options.width);
  if (options.height < 0 || !isfinite (options.height) || options.height > 10000)
    USAGE ("--height must be between 0 and 10000 pt (got %g)", options.height);
  if (!(options.dpi > 0) || !isfinite (options.dpi) || options.dpi > 2400)
    USAGE ("--dpi must be between 0 and 2400 (got %g)", options.dpi);
  if ((options.network || options.matrix) ? argc != 2 : argc != 4)
    USAGE ("expected %s, got %d arguments",
           (options.network || options.matrix) ? "RECORDING" : "RECORDING REF TARGET", argc - 1);
  if (options.rate && (options.network || options.matrix))
    USAGE ("--rate applies to a pair's correlogram only");
  if (!glmcc_cli_common_finish (&common, &error))
    USAGE ("%s", error->message);
#undef USAGE

  recording = glmcc_cli_load (&common, argv[1], &error);
  if (recording == NULL)
    {
      glmcc_cli_error ("plot", "%s", error->message);
      status = GLMCC_EXIT_FAILURE;
      goto out;
    }

  if (options.network || options.matrix)
    status = plot_network (&common, &options, recording, argv[1], &error);
  else
    status = plot_pair (&common, &options, recording, argv[1], argv[2], argv[3], &error);
  if (status == GLMCC_EXIT_FAILURE && error != NULL)
    glmcc_cli_error ("plot", "%s", error->message);

out:
  g_free (options.output);
  g_free (options.results);
  glmcc_cli_common_clear (&common);
  return status;
}
