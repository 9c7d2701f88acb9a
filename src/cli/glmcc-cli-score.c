/* glmcc-cli-score.c: `glmcc score`, precision, recall and MCC against a ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "glmcc-cli.h"
#include "glmcc-results-file.h"
#include "glmcc-score.h"

static void
print_row (const char             *label,
           const GlmccScoreCounts *c)
{
  g_autofree char *precision = isnan (c->precision) ? g_strdup ("n/a") : g_strdup_printf ("%.3f", c->precision);
  g_autofree char *recall = isnan (c->recall) ? g_strdup ("n/a") : g_strdup_printf ("%.3f", c->recall);

  printf ("%-11s %7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT
          " %9s %7s %7.3f\n", label, c->tp, c->fp, c->fn, c->tn, precision, recall, c->mcc);
}

static void
add_counts (JsonBuilder            *builder,
            const char             *name,
            const GlmccScoreCounts *c)
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
  json_builder_set_member_name (builder, "precision");
  if (isnan (c->precision))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, c->precision);
  json_builder_set_member_name (builder, "recall");
  if (isnan (c->recall))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, c->recall);
  json_builder_set_member_name (builder, "mcc");
  json_builder_add_double_value (builder, c->mcc);
  json_builder_end_object (builder);
}

static void
print_json (const GlmccScore *score)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_counts (builder, "excitatory", &score->excitatory);
  add_counts (builder, "inhibitory", &score->inhibitory);
  add_counts (builder, "overall", &score->overall);
  json_builder_set_member_name (builder, "scored_pairs");
  json_builder_add_int_value (builder, (gint64) score->n_scored);
  json_builder_set_member_name (builder, "pending_pairs");
  json_builder_add_int_value (builder, (gint64) score->n_pending);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

int
glmcc_cli_score_main (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccTruth) truth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean as_json = FALSE;
  GlmccScore score;
  guint n;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the scores as JSON", NULL },
    { NULL }
  };

  context = g_option_context_new ("RESULTS.json|RESULTS.h5 TRUTH — precision, recall and MCC against a ground truth");
  g_option_context_set_summary (context,
    "TRUTH is a table with the columns pre, post and psp_mV (as `glmcc simulate` writes\n"
    "truth.tsv; neurons by name or 0-based index) or an N×N matrix CSV (row = pre).\n"
    "Excitatory and inhibitory connections are scored separately, and together with a\n"
    "connection of the wrong sign counted as a false positive and a false negative.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!glmcc_cli_parse (context, &argc, &argv))
    return GLMCC_EXIT_USAGE;
  if (argc != 3)
    {
      glmcc_cli_error ("score", "expected RESULTS (.json or .h5) and TRUTH, got %d argument%s",
                       argc - 1, argc == 2 ? "" : "s");
      return GLMCC_EXIT_USAGE;
    }

  results = glmcc_results_load (argv[1], &error);
  if (results == NULL)
    {
      glmcc_cli_error ("score", "%s", error->message);
      return GLMCC_EXIT_FAILURE;
    }
  n = glmcc_results_get_n_neurons (results);
  names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = glmcc_results_get_name (results, i);
  truth = glmcc_truth_load (argv[2], n, names, &error);
  if (truth == NULL || !glmcc_score_compute (results, truth, &score, &error))
    {
      glmcc_cli_error ("score", "%s", error->message);
      return GLMCC_EXIT_FAILURE;
    }

  if (as_json)
    {
      print_json (&score);
      return GLMCC_EXIT_OK;
    }

  printf ("%u neurons, %" G_GUINT64_FORMAT " directed pairs scored; truth: %" G_GSIZE_FORMAT
          " excitatory, %" G_GSIZE_FORMAT " inhibitory connections\n",
          n, score.n_scored, glmcc_truth_count (truth, 1), glmcc_truth_count (truth, -1));
  if (score.n_pending > 0)
    printf ("%" G_GUINT64_FORMAT " directed pairs were not computed (a partial run or shard) and are left out\n",
            score.n_pending);
  printf ("%-11s %7s %7s %7s %9s %9s %7s %7s\n", "", "TP", "FP", "FN", "TN", "precision", "recall", "MCC");
  print_row ("excitatory", &score.excitatory);
  print_row ("inhibitory", &score.inhibitory);
  print_row ("all", &score.overall);
  return GLMCC_EXIT_OK;
}
