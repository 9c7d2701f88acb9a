/* glmcc-cli-score.c: `glmcc score`, a run (or several) against a ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "glmcc-cli.h"
#include "glmcc-output.h"
#include "glmcc-plot-data.h"
#include "glmcc-plot.h"
#include "glmcc-results-file.h"
#include "glmcc-score-curves.h"
#include "glmcc-score.h"
#include "glmcc-i18n.h"

#define COMMAND "score"

typedef struct
{
  const char       *path;
  char             *label;
  GlmccResults     *results;
  GlmccScore        score;
  GlmccScoreCurves *curves;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->label, g_free);
  g_clear_pointer (&run->results, glmcc_results_unref);
  g_clear_pointer (&run->curves, glmcc_score_curves_free);
}

static char *
format_or_na (double value)
{
  return isnan (value) ? g_strdup ("n/a") : g_strdup_printf ("%.3f", value);
}

static void
print_row (const char             *label,
           const GlmccScoreCounts *c,
           const GlmccScoreCurve  *curve)
{
  g_autofree char *precision = format_or_na (c->precision);
  g_autofree char *recall = format_or_na (c->recall);
  g_autofree char *accuracy = format_or_na (c->accuracy);
  g_autofree char *auc = format_or_na (curve->auc);
  g_autofree char *ap = format_or_na (curve->average_precision);

  printf ("%-11s %7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT
          " %8s %9s %7s %7.3f %7s %7s\n", label, c->tp, c->fp, c->fn, c->tn, accuracy, precision,
          recall, c->mcc, auc, ap);
}

static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_counts (JsonBuilder            *builder,
            const char             *name,
            const GlmccScoreCounts *c,
            const GlmccScoreCurve  *curve)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tp");
  json_builder_add_int_value (builder, (gint64) c->tp);
  json_builder_set_member_name (builder, "fp");
  json_builder_add_int_value (builder, (gint64) c->fp);
  json_builder_set_member_name (builder, "fn");
  json_builder_add_int_value (builder, (gint64) c->fn);
  json_builder_set_member_name (builder, "tn");
  json_builder_add_int_value (builder, (gint64) c->tn);
  add_number (builder, "accuracy", c->accuracy);
  add_number (builder, "precision", c->precision);
  add_number (builder, "recall", c->recall);
  json_builder_set_member_name (builder, "mcc");
  json_builder_add_double_value (builder, c->mcc);
  add_number (builder, "auc", curve->auc);
  add_number (builder, "average_precision", curve->average_precision);
  json_builder_end_object (builder);
}

static void
add_run (JsonBuilder *builder,
         const Run   *run)
{
  const GlmccParams *params = glmcc_results_get_params (run->results);

  json_builder_set_member_name (builder, "results");
  json_builder_add_string_value (builder, run->path);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, glmcc_method_to_string (params->method));
  add_counts (builder, "excitatory", &run->score.excitatory,
              &run->curves->curves[GLMCC_SCORE_CLASS_EXCITATORY]);
  add_counts (builder, "inhibitory", &run->score.inhibitory,
              &run->curves->curves[GLMCC_SCORE_CLASS_INHIBITORY]);
  add_counts (builder, "overall", &run->score.overall, &run->curves->curves[GLMCC_SCORE_CLASS_ALL]);
  json_builder_set_member_name (builder, "scored_pairs");
  json_builder_add_int_value (builder, (gint64) run->score.n_scored);
  json_builder_set_member_name (builder, "pending_pairs");
  json_builder_add_int_value (builder, (gint64) run->score.n_pending);
  json_builder_set_member_name (builder, "ranked_by");
  json_builder_add_string_value (builder, run->curves->rank == GLMCC_SCORE_RANK_P_VALUE
                                            ? "p_value" : "statistic");
}

/* One run: the keys at the top; several: a "runs" array of them. */
static void
print_json (const Run *runs,
            guint      n_runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  if (n_runs == 1)
    add_run (builder, &runs[0]);
  else
    {
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint r = 0; r < n_runs; r++)
        {
          json_builder_begin_object (builder);
          add_run (builder, &runs[r]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static const char *
method_label (GlmccMethod method)
{
  switch (method)
    {
    case GLMCC_METHOD_CC: return "cross-correlation";
    case GLMCC_METHOD_JITTER: return "jitter";
    case GLMCC_METHOD_GLMCC:
    default:
      return "GLMCC";
    }
}

int
glmcc_cli_score_main (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plot = NULL, *rank_text = NULL;
  g_autofree Run *runs = NULL;
  gboolean as_json = FALSE;
  double width = 0.0, height = 0.0, dpi = 150.0;
  GlmccScoreRank rank = GLMCC_SCORE_RANK_STATISTIC;
  const char *truth_path;
  guint n_runs;
  int status = GLMCC_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the scores as JSON"), NULL },
    { "plot", 0, 0, G_OPTION_ARG_FILENAME, &plot,
      N_("Draw ROC and precision–recall curves (and, for one run, estimated against true PSP) "
      "into FILE.png, .svg or .pdf"), "FILE" },
    { "rank", 0, 0, G_OPTION_ARG_STRING, &rank_text,
      N_("What orders the pairs for the curves: statistic (|z|, 2D; the default) or p-value"), "BY" },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width,
      N_("Figure width in points (default 1000 for one run, 820 for several)"), "PT" },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &height, N_("Figure height in points (default 520)"), "PT" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Resolution of a PNG (default 150)"), "DPI" },
    { NULL }
  };

  context = g_option_context_new (N_("RESULTS.json|RESULTS.h5… TRUTH — scores and curves against a ground truth"));
  g_option_context_set_summary (context,
    N_("TRUTH is a table with the columns pre, post and psp_mV (as `glmcc simulate` writes\n"
    "truth.tsv; neurons by name or 0-based index) or an N×N matrix CSV (row = pre).\n"
    "Excitatory and inhibitory connections are scored separately, and together with a\n"
    "connection of the wrong sign counted as a false positive and a false negative. Several\n"
    "RESULTS (say one per method) are scored one after the other and drawn together."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!glmcc_cli_parse (context, &argc, &argv))
    return GLMCC_EXIT_USAGE;
  if (argc < 3)
    {
      glmcc_cli_error (COMMAND, glmcc_ngettext ("expected RESULTS (.json or .h5) and TRUTH, got %d argument",
                                                "expected RESULTS (.json or .h5) and TRUTH, got %d arguments",
                                                argc - 1),
                       argc - 1);
      return GLMCC_EXIT_USAGE;
    }
  if (rank_text != NULL)
    {
      if (g_str_equal (rank_text, "statistic"))
        rank = GLMCC_SCORE_RANK_STATISTIC;
      else if (g_str_equal (rank_text, "p-value"))
        rank = GLMCC_SCORE_RANK_P_VALUE;
      else
        {
          glmcc_cli_error (COMMAND, _("--rank: '%s' is not statistic or p-value"), rank_text);
          return GLMCC_EXIT_USAGE;
        }
    }
  if (!glmcc_cli_check_finite ("--width", width, &error)
      || !glmcc_cli_check_finite ("--height", height, &error)
      || !glmcc_cli_check_finite ("--dpi", dpi, &error))
    {
      glmcc_cli_error (COMMAND, _("%s"), error->message);
      return GLMCC_EXIT_USAGE;
    }
  if (width < 0 || height < 0 || !(dpi > 0))
    {
      glmcc_cli_error (COMMAND, _("--width and --height must not be negative, --dpi must be positive"));
      return GLMCC_EXIT_USAGE;
    }
  if (plot != NULL)
    {
      /* Checked before the work, like an output of run: a writable file, none of the inputs. */
      if (*plot == '\0' || !glmcc_output_check (plot, &error))
        {
          glmcc_cli_error (COMMAND, _("--plot: %s"), error != NULL ? error->message : _("the file name is empty"));
          return GLMCC_EXIT_USAGE;
        }
      for (int k = 1; k < argc; k++)
        if (glmcc_output_overwrites (plot, argv[k]))
          {
            glmcc_cli_error (COMMAND, _("--plot: %s is (part of) %s; writing it would destroy it"), plot,
                             argv[k]);
            return GLMCC_EXIT_USAGE;
          }
      if (glmcc_plot_format_from_path (plot) == GLMCC_PLOT_FORMAT_AUTO)
        {
          glmcc_cli_error (COMMAND, _("--plot: %s: the name must end in .png, .svg or .pdf"), plot);
          return GLMCC_EXIT_USAGE;
        }
    }

  truth_path = argv[argc - 1];
  n_runs = (guint) argc - 2;
  runs = g_new0 (Run, n_runs);
  for (guint r = 0; r < n_runs && status == GLMCC_EXIT_OK; r++)
    {
      Run *run = &runs[r];
      g_autoptr(GlmccTruth) truth = NULL;
      g_autofree const char **names = NULL;
      guint n;

      run->path = argv[r + 1];
      run->results = glmcc_results_load (run->path, &error);
      if (run->results == NULL)
        {
          glmcc_cli_error (COMMAND, _("%s"), error->message);
          status = GLMCC_EXIT_FAILURE;
          break;
        }
      n = glmcc_results_get_n_neurons (run->results);
      names = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        names[i] = glmcc_results_get_name (run->results, i);
      truth = glmcc_truth_load (truth_path, n, names, &error);
      if (truth == NULL || !glmcc_score_compute (run->results, truth, &run->score, &error)
          || (run->curves = glmcc_score_curves_compute (run->results, truth, rank, &error)) == NULL)
        {
          glmcc_cli_error (COMMAND, _("%s"), error->message);
          status = GLMCC_EXIT_FAILURE;
          break;
        }
      run->label = g_strdup (method_label (glmcc_results_get_params (run->results)->method));
    }
  /* Two runs of one method are told apart by their files. */
  for (guint r = 0; r < n_runs && status == GLMCC_EXIT_OK; r++)
    for (guint q = 0; q < n_runs; q++)
      if (q != r && g_str_equal (method_label (glmcc_results_get_params (runs[q].results)->method),
                                 method_label (glmcc_results_get_params (runs[r].results)->method)))
        {
          g_free (runs[r].label);
          runs[r].label = g_path_get_basename (runs[r].path);
          break;
        }

  if (status == GLMCC_EXIT_OK && as_json)
    print_json (runs, n_runs);
  else if (status == GLMCC_EXIT_OK)
    for (guint r = 0; r < n_runs; r++)
      {
        const Run *run = &runs[r];
        g_autoptr(GlmccTruth) truth = NULL;

        if (n_runs > 1)
          printf ("%s%s (%s)\n", r > 0 ? "\n" : "", run->path, run->label);
        printf (_("%u neurons, %" PRIu64 " directed pairs scored; truth: %" PRIu64
                " excitatory, %" PRIu64 " inhibitory connections\n"),
                glmcc_results_get_n_neurons (run->results), run->score.n_scored,
                run->curves->curves[GLMCC_SCORE_CLASS_EXCITATORY].n_positive,
                run->curves->curves[GLMCC_SCORE_CLASS_INHIBITORY].n_positive);
        if (run->score.n_pending > 0)
          printf (_("%" PRIu64 " directed pairs were not computed (a partial run or shard) and are left out\n"),
                  run->score.n_pending);
        printf ("%-11s %7s %7s %7s %9s %8s %9s %7s %7s %7s %7s\n", "", "TP", "FP", "FN", "TN",
                "accuracy", "precision", "recall", "MCC", "AUC", "AP");
        print_row ("excitatory", &run->score.excitatory, &run->curves->curves[GLMCC_SCORE_CLASS_EXCITATORY]);
        print_row ("inhibitory", &run->score.inhibitory, &run->curves->curves[GLMCC_SCORE_CLASS_INHIBITORY]);
        print_row ("all", &run->score.overall, &run->curves->curves[GLMCC_SCORE_CLASS_ALL]);
      }

  if (status == GLMCC_EXIT_OK && plot != NULL)
    {
      g_autoptr(GlmccScorePlotData) data = glmcc_score_plot_data_new ();
      g_autofree char *title = NULL;
      GlmccPlotStyle style;

      for (guint r = 0; r < n_runs; r++)
        {
          glmcc_score_plot_data_add (data, g_steal_pointer (&runs[r].curves), runs[r].label);
        }
      title = n_runs == 1 ? g_strdup_printf ("%s against %s", runs[0].label, truth_path)
                          : g_strdup_printf ("%u runs against %s", n_runs, truth_path);
      glmcc_score_plot_data_set_title (data, title,
                                       rank == GLMCC_SCORE_RANK_P_VALUE
                                         ? "pairs ranked by p-value; a detection counts only with the right sign"
                                         : "pairs ranked by their test statistic; a detection counts only with the right sign");
      glmcc_plot_style_init_light (&style);
      if (!glmcc_plot_export_score (plot, GLMCC_PLOT_FORMAT_AUTO,
                                    width > 0 ? width : n_runs == 1 ? 1000.0 : 820.0,
                                    height > 0 ? height : 520.0, dpi, &data->plot, &style, &error))
        {
          glmcc_cli_error (COMMAND, _("%s"), error->message);
          status = GLMCC_EXIT_FAILURE;
        }
    }
  for (guint r = 0; r < n_runs; r++)
    run_clear (&runs[r]);
  return status;
}
