/* glmcc-cli-plot.c: `glmcc plot`, the figures of the app from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "glmcc-cli.h"
#include "glmcc-results-file.h"
#include "glmcc-engine.h"
#include "glmcc-fdr.h"
#include "glmcc-method.h"
#include "glmcc-pair.h"
#include "glmcc-plot-data.h"
#include "glmcc-plot.h"
#include "glmcc-results.h"
#include "glmcc-i18n.h"

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
  /* Network and matrix. */
  char     *layout;
  gint64    seed;
  char     *order;
  double    min_psp;
  double    max_p;
  double    min_statistic;
  char     *sign;
  char     *focus;
  double    clip;
  gboolean  shared_scale;
  GlmccPlotLayoutKind layout_kind;
  GlmccPlotOrder      order_kind;
} PlotOptions;

/* Keywords of --layout and --order, in the order of their enums. */
static const char * const layout_names[] = { "auto", "circle", "force", "position", NULL };
static const char * const order_names[] = { "index", "type", "position", "cluster", NULL };

static int
keyword_index (const char * const *names,
               const char         *text)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], text) == 0)
      return i;
  return -1;
}

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
      glmcc_cli_error ("plot", _("%s: no neuron named or numbered '%s' (%u neurons, 0–%u)"), path,
                       ref < 0 ? ref_arg : target_arg, glmcc_recording_get_n_neurons (recording),
                       glmcc_recording_get_n_neurons (recording) - 1);
      return GLMCC_EXIT_USAGE;
    }
  if (ref == target)
    {
      glmcc_cli_error ("plot", _("REF and TARGET are the same neuron '%s'"), ref_arg);
      return GLMCC_EXIT_USAGE;
    }

  workspace = glmcc_workspace_new (&common->params);
  /* The correlogram (and GLMCC's fit, drawn unless a baseline is asked for). */
  glmcc_pair_analyse (workspace, &common->params, recording, ref, target, &result);
  glmcc_recording_get_train (recording, ref, &n_ref);
  glmcc_recording_get_train (recording, target, &n_target);
  /* Copies counts and a(t) out of the workspace. */
  data = glmcc_ccg_plot_data_new (&result, &common->params,
                                  glmcc_recording_get_name (recording, ref),
                                  glmcc_recording_get_name (recording, target),
                                  n_ref, n_target);
  if (common->method != NULL)
    {
      g_autoptr(GlmccMethodBands) bands = NULL;

      if (common->params.method != GLMCC_METHOD_GLMCC)
        {
          GlmccMethodWorkspace *method_workspace = glmcc_method_workspace_new (&common->params);
          GlmccPairResult decided;

          glmcc_method_analyse_pair (method_workspace, &common->params, recording, ref, target,
                                     &decided);
          glmcc_ccg_plot_data_set_baseline (data, &common->params, &decided);
          glmcc_method_workspace_free (method_workspace);
        }
      bands = glmcc_method_bands_new (&common->params, recording, ref, target, &result);
      glmcc_ccg_plot_data_set_bands (data, bands);
    }
  glmcc_workspace_free (workspace);
  {
    const double *ref_train, *target_train;

    ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
    target_train = glmcc_recording_get_train (recording, target, &n_target);
    glmcc_ccg_plot_data_set_autocorrelograms (data, ref_train, n_ref, target_train, n_target);
  }
  if (options->rate)
    data->plot.unit = GLMCC_PLOT_UNIT_RATE;

  if (options->dark)
    glmcc_plot_style_init_dark (&style);
  else
    glmcc_plot_style_init_light (&style);
  if (!glmcc_plot_export_ccg (options->output, GLMCC_PLOT_FORMAT_AUTO,
                              options->width > 0 ? options->width : 840.0,
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
  GlmccPlotView view;
  double width, height;
  gboolean ok;

  if (options->results != NULL)
    {
      results = glmcc_results_load (options->results, error);
      if (results == NULL)
        return GLMCC_EXIT_FAILURE;
      if (glmcc_results_get_n_neurons (results) != glmcc_recording_get_n_neurons (recording))
        {
          glmcc_cli_error ("plot", _("%s: %u neurons, but %s has %u"), options->results,
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
      glmcc_results_compute_q_values (results, NULL);
    }

  data = glmcc_network_plot_data_new (results, recording);
  data->plot.filter.min_abs_psp_mv = options->min_psp;
  data->plot.filter.max_p_value = options->max_p;
  data->plot.filter.min_statistic = options->min_statistic;
  data->plot.filter.hide_excitatory = g_strcmp0 (options->sign, "inhibitory") == 0;
  data->plot.filter.hide_inhibitory = g_strcmp0 (options->sign, "excitatory") == 0;
  data->plot.clip_percentile = options->clip;
  data->plot.shared_scale = options->shared_scale;
  if (options->network)
    {
      if (!glmcc_network_plot_data_set_layout (data, options->layout_kind, (guint64) options->seed))
        {
          glmcc_cli_error ("plot", _("--layout position: %s has no neuron positions or shanks"), path);
          return GLMCC_EXIT_FAILURE;
        }
    }
  else
    glmcc_network_plot_data_set_order (data, options->order_kind);
  glmcc_plot_view_init (&view);
  if (options->focus != NULL)
    {
      view.focus = glmcc_recording_find_neuron (recording, options->focus);
      if (view.focus < 0)
        {
          glmcc_cli_error ("plot", _("--focus: %s has no neuron named or numbered '%s'"), path, options->focus);
          return GLMCC_EXIT_USAGE;
        }
    }

  if (options->dark)
    glmcc_plot_style_init_dark (&style);
  else
    glmcc_plot_style_init_light (&style);
  width = options->width > 0 ? options->width : 640.0;
  height = options->height > 0 ? options->height : options->matrix ? 560.0 : 600.0;
  /* Text and lines grow and shrink with the figure, within limits. */
  glmcc_plot_style_scale_for_size (&style, width, height);
  ok = glmcc_plot_export_view (options->output, GLMCC_PLOT_FORMAT_AUTO, width, height, options->dpi,
                               options->matrix ? GLMCC_PLOT_FIGURE_MATRIX : GLMCC_PLOT_FIGURE_NETWORK,
                               &data->plot, &style, &view, error);
  return ok ? GLMCC_EXIT_OK : GLMCC_EXIT_FAILURE;
}

int
glmcc_cli_plot_main (int    argc,
                     char **argv)
{
  GlmccCliCommon common;
  PlotOptions options = { NULL, NULL, 0.0, 0.0, 150.0, FALSE, FALSE, FALSE, FALSE,
                          NULL, 1, NULL, 0.0, 0.0, 0.0, NULL, NULL, 0.0, FALSE,
                          GLMCC_PLOT_LAYOUT_AUTO, GLMCC_PLOT_ORDER_INDEX };
  int keyword;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("The figure to write: .png, .svg or .pdf (required)"), "FILE" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &options.width,
      N_("Figure width in points (default 840 for a pair, 640 otherwise)"), "PT" },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &options.height,
      N_("Figure height in points (default 480 for a pair, 560 matrix, 600 network)"), "PT" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &options.dpi,
      N_("Resolution of a PNG (default 150)"), "DPI" },
    { "rate", 0, 0, G_OPTION_ARG_NONE, &options.rate,
      N_("Correlogram in Hz (count / (reference spikes · bin)) instead of counts per bin"), NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &options.dark,
      N_("Dark colours"), NULL },
    { "network", 0, 0, G_OPTION_ARG_NONE, &options.network,
      N_("Draw the inferred network instead of one pair"), NULL },
    { "matrix", 0, 0, G_OPTION_ARG_NONE, &options.matrix,
      N_("Draw the connectivity matrix (row = pre, column = post) instead of one pair"), NULL },
    { "results", 0, 0, G_OPTION_ARG_FILENAME, &options.results,
      N_("With --network or --matrix: a run's JSON or HDF5 file to draw instead of analysing all pairs"),
      "FILE.json|FILE.h5" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &options.layout,
      N_("Network: auto (position if the recording has positions or shanks, else circle), circle "
      "(grouped by type, by rate), force, position"), "KIND" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed,
      N_("Seed of --layout force and of the jitter method's surrogates (default 1)"), "K" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &options.order,
      N_("Matrix: index, type (then rate), position (shank, then depth) or cluster (Louvain "
      "communities of the connections)"), "KIND" },
    { "min-psp", 0, 0, G_OPTION_ARG_DOUBLE, &options.min_psp, N_("Hide connections with |PSP| below MV"), "MV" },
    { "max-p", 0, 0, G_OPTION_ARG_DOUBLE, &options.max_p, N_("Hide connections with a p-value above P"), "P" },
    { "min-statistic", 0, 0, G_OPTION_ARG_DOUBLE, &options.min_statistic,
      N_("Hide connections whose |test statistic| is below S"), "S" },
    { "sign", 0, 0, G_OPTION_ARG_STRING, &options.sign,
      N_("Connections to draw: both, excitatory or inhibitory (default both)"), "SIGN" },
    { "focus", 0, 0, G_OPTION_ARG_STRING, &options.focus,
      N_("Highlight one neuron's connections and fade the rest"), "NEURON" },
    { "clip", 0, 0, G_OPTION_ARG_DOUBLE, &options.clip,
      N_("Matrix: full colour at this percentile of |PSP| (default 95; 100: the largest)"), "PERCENT" },
    { "shared-scale", 0, 0, G_OPTION_ARG_NONE, &options.shared_scale,
      N_("Matrix: one colour scale for both signs instead of one each"), NULL },
    { NULL }
  };

  glmcc_cli_common_init (&common);
  context = g_option_context_new (N_("RECORDING [REF TARGET] -o FILE — draw a figure"));
  g_option_context_set_summary (context,
    N_("glmcc plot RECORDING REF TARGET -o FILE.{png,svg,pdf}\n"
    "    the cross-correlogram of REF and TARGET (lag = t_target − t_ref) with its GLMCC fit\n"
    "glmcc plot RECORDING --network|--matrix [--results FILE.json] -o FILE\n"
    "    the inferred connections (all pairs are analysed unless --results is given),\n"
    "    with --layout (network), --order (matrix) and the thresholds below\n"
    "The figure is the one the desktop application shows; the format follows the extension."));
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
    USAGE (_("missing -o FILE (.png, .svg or .pdf)"));
  if (glmcc_plot_format_from_path (options.output) == GLMCC_PLOT_FORMAT_AUTO)
    USAGE (_("-o %s: use a .png, .svg or .pdf file name"), options.output);
  if (options.network && options.matrix)
    USAGE (_("--network and --matrix are exclusive; draw one figure at a time"));
  if (options.results != NULL && !options.network && !options.matrix)
    USAGE (_("--results needs --network or --matrix"));
  if (options.width < 0 || !isfinite (options.width) || options.width > 10000)
    USAGE (_("--width must be between 0 and 10000 pt (got %g)"), options.width);
  if (options.height < 0 || !isfinite (options.height) || options.height > 10000)
    USAGE (_("--height must be between 0 and 10000 pt (got %g)"), options.height);
  if (!(options.dpi > 0) || !isfinite (options.dpi) || options.dpi > 2400)
    USAGE (_("--dpi must be between 0 and 2400 (got %g)"), options.dpi);
  if ((options.network || options.matrix) ? argc != 2 : argc != 4)
    USAGE (_("expected %s, got %d arguments"),
           (options.network || options.matrix) ? _("RECORDING") : _("RECORDING REF TARGET"), argc - 1);
  if (options.rate && (options.network || options.matrix))
    USAGE (_("--rate applies to a pair's correlogram only"));
  if (!options.network && !options.matrix
      && (options.layout || options.order || options.sign || options.focus || options.min_psp != 0.0
          || options.max_p != 0.0 || options.min_statistic != 0.0 || options.clip != 0.0 || options.shared_scale))
    USAGE (_("--layout, --order, --sign, --focus, --min-psp, --max-p, --min-statistic, --clip and "
           "--shared-scale need --network or --matrix"));
  if (options.layout != NULL && !options.network)
    USAGE (_("--layout applies to --network only"));
  if (options.order != NULL && !options.matrix)
    USAGE (_("--order applies to --matrix only"));
  if (options.layout != NULL)
    {
      if ((keyword = keyword_index (layout_names, options.layout)) < 0)
        USAGE (_("--layout must be auto, circle, force or position (got '%s')"), options.layout);
      options.layout_kind = (GlmccPlotLayoutKind) keyword;
    }
  if (options.order != NULL)
    {
      if ((keyword = keyword_index (order_names, options.order)) < 0)
        USAGE (_("--order must be index, type, position or cluster (got '%s')"), options.order);
      options.order_kind = (GlmccPlotOrder) keyword;
    }
  if (options.sign != NULL && keyword_index ((const char * const[]) { "both", "excitatory", "inhibitory", NULL },
                                             options.sign) < 0)
    USAGE (_("--sign must be both, excitatory or inhibitory (got '%s')"), options.sign);
  if (options.min_psp < 0 || !isfinite (options.min_psp))
    USAGE (_("--min-psp must be 0 or more mV (got %g)"), options.min_psp);
  if (options.max_p < 0 || options.max_p > 1 || !isfinite (options.max_p))
    USAGE (_("--max-p must be between 0 and 1 (got %g)"), options.max_p);
  if (options.min_statistic < 0 || !isfinite (options.min_statistic))
    USAGE (_("--min-statistic must be 0 or more (got %g)"), options.min_statistic);
  if (options.clip != 0.0 && (!(options.clip >= 50.0) || options.clip > 100.0))
    USAGE (_("--clip must be a percentile between 50 and 100 (got %g)"), options.clip);
  if (options.seed < 0 || options.seed > G_MAXUINT32)
    USAGE (_("--seed must be a whole number from 0 to %u"), G_MAXUINT32);
  if (!glmcc_cli_common_finish (&common, &error))
    USAGE ("%s", error->message);
  common.params.seed = (guint32) options.seed;
  if (common.params.fdr > 0.0 && !(options.network || options.matrix))
    USAGE (_("--fdr: one pair has no false discovery rate; use it with --network or --matrix"));
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
  g_free (options.layout);
  g_free (options.order);
  g_free (options.sign);
  g_free (options.focus);
  glmcc_cli_common_clear (&common);
  return status;
}
