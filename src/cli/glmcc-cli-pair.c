/* glmcc-cli-pair.c: `glmcc pair`, one pair in detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "glmcc-cli.h"
#include "glmcc-error.h"
#include "glmcc-method.h"
#include "glmcc-pair.h"
#include "glmcc-i18n.h"

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
add_edge (JsonBuilder     *builder,
          const char      *key,
          const char      *pre,
          const char      *post,
          const GlmccEdge *edge,
          double           c_bar,
          double           j_min,
          double           standard_error)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pre");
  json_builder_add_string_value (builder, pre);
  json_builder_set_member_name (builder, "post");
  json_builder_add_string_value (builder, post);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, glmcc_status_to_string (edge->status));
  add_number (builder, "j", edge->j);
  add_number (builder, "threshold", edge->threshold);
  add_number (builder, "statistic", edge->statistic);
  add_number (builder, "p_value", edge->p_value);
  add_number (builder, "psp_mv", edge->psp_mv);
  add_number (builder, "delay_ms", edge->delay_ms);
  add_number (builder, "c_bar", c_bar);
  add_number (builder, "j_min", j_min);
  add_number (builder, "standard_error", standard_error);
  json_builder_end_object (builder);
}

static void
print_json (const char            *ref_name,
            const char            *target_name,
            const GlmccParams     *params,
            const GlmccPairResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, ref_name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target_name);
  json_builder_set_member_name (builder, "n_lags");
  json_builder_add_int_value (builder, (gint64) MIN (result->n_lags, (guint64) G_MAXINT64));
  json_builder_set_member_name (builder, "delays");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->n_delays; i++)
    {
      json_builder_begin_object (builder);
      add_number (builder, "delay_ms", result->delays_ms[i]);
      add_number (builder, "log_posterior", result->log_post[i]);
      add_number (builder, "log_likelihood", result->log_lik[i]);
      json_builder_set_member_name (builder, "chosen");
      json_builder_add_boolean_value (builder, i == result->delay_index
                                               && result->fit.status == GLMCC_STATUS_PENDING);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fit_status");
  json_builder_add_string_value (builder, result->fit.status == GLMCC_STATUS_PENDING
                                            ? "converged" : glmcc_status_to_string (result->fit.status));
  add_number (builder, "j_plus", result->fit.j_plus);
  add_number (builder, "j_minus", result->fit.j_minus);
  json_builder_set_member_name (builder, "lm_passes");
  json_builder_add_int_value (builder, result->fit.n_passes);
  add_edge (builder, "forward", ref_name, target_name, &result->forward, result->c_bar_plus,
            result->j_min_plus, result->sd_plus);
  add_edge (builder, "backward", target_name, ref_name, &result->backward, result->c_bar_minus,
            result->j_min_minus, result->sd_minus);
  if (params->test == GLMCC_TEST_LR)
    {
      add_number (builder, "d_plus", result->d_plus);
      add_number (builder, "d_minus", result->d_minus);
    }
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_array (builder);
  for (guint k = 0; k < result->n_bins; k++)
    json_builder_add_double_value (builder, result->counts[k]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "a");
  json_builder_begin_array (builder);
  for (guint k = 0; k < result->n_bins; k++)
    json_builder_add_double_value (builder, result->a[k]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_edge (const char        *pre,
            const char        *post,
            const GlmccParams *params,
            const GlmccEdge   *edge,
            double             c_bar)
{
  printf ("  %s → %s: J = %+.6f", pre, post, edge->j);
  if (params->test == GLMCC_TEST_LR)
    printf (", 2D = %.4f", edge->statistic);
  else
    printf (_(", threshold ±%.6f"), edge->threshold);
  printf (_(", p = %.3g, c̄ = %.3f per bin\n"), edge->p_value, c_bar);
  printf ("    %s", glmcc_status_to_string (edge->status));
  if (edge->status == GLMCC_STATUS_SIGNIFICANT)
    printf (_(": %s, PSP %+.4f mV"), edge->psp_mv > 0 ? _("excitatory") : _("inhibitory"), edge->psp_mv);
  printf ("\n");
}

/* A baseline's two edges: no fit, a strength instead of J. */
static void
print_baseline_json (const char            *ref_name,
                     const char            *target_name,
                     const GlmccParams     *params,
                     const GlmccPairResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, ref_name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target_name);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, glmcc_method_to_string (params->method));
  json_builder_set_member_name (builder, "n_lags");
  json_builder_add_int_value (builder, (gint64) MIN (result->n_lags, (guint64) G_MAXINT64));
  add_edge (builder, "forward", ref_name, target_name, &result->forward, NAN, NAN, NAN);
  add_edge (builder, "backward", target_name, ref_name, &result->backward, NAN, NAN, NAN);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_baseline_edge (const char        *pre,
                     const char        *post,
                     const GlmccParams *params,
                     const GlmccEdge   *edge)
{
  printf (_("  %s → %s: strength %+.4f (relative excess of lags), "), pre, post, edge->j);
  if (params->method == GLMCC_METHOD_CC)
    printf (_("z = %+.3f (threshold ±%.3f), delay %g ms"), edge->statistic, edge->threshold,
            edge->delay_ms);
  else
    printf (_("largest deviation %+.3f s.d. at lags (%g, %g] ms"), edge->statistic, edge->delay_ms,
            edge->delay_ms + params->bin_ms);
  printf (", p = %.3g\n    %s", edge->p_value, glmcc_status_to_string (edge->status));
  if (edge->status == GLMCC_STATUS_SIGNIFICANT)
    printf (": %s", edge->psp_mv > 0 ? _("excitatory") : _("inhibitory"));
  printf ("\n");
}

int
glmcc_cli_pair_main (int    argc,
                     char **argv)
{
  GlmccCliCommon common;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccMethodWorkspace *workspace;
  GlmccPairResult result;
  gboolean json = FALSE;
  gint64 seed = -1;
  int ref, target;
  const char *ref_name, *target_name;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the fit as JSON (with counts and a(t))"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Jitter method: seed of the surrogates (default 1)"), "K" },
    { NULL }
  };

  glmcc_cli_common_init (&common);
  context = g_option_context_new (N_("RECORDING REF TARGET — the fit of one pair"));
  g_option_context_set_summary (context,
    N_("Fits GLMCC to the cross-correlogram of REF (reference) and TARGET, lag = t_target − t_ref.\n"
    "Neurons are given by name or by 0-based index."));
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, glmcc_cli_load_group (&common));
  g_option_context_add_group (context, glmcc_cli_params_group (&common));
  if (!glmcc_cli_parse (context, &argc, &argv))
    goto usage;
  if (argc != 4)
    {
      glmcc_cli_error ("pair", _("expected RECORDING REF TARGET, got %d arguments"), argc - 1);
      goto usage;
    }
  if (!glmcc_cli_common_finish (&common, &error)
      || (seed != -1 && !glmcc_cli_parse_seed ("--seed", seed, &common.params.seed, &error)))
    {
      glmcc_cli_error ("pair", "%s", error->message);
      goto usage;
    }
  if (common.params.fdr > 0.0)
    {
      glmcc_cli_error ("pair", _("--fdr: one pair has no false discovery rate; use it with 'glmcc run'"));
      goto usage;
    }
  if (seed != -1 && common.params.method != GLMCC_METHOD_JITTER)
    {
      glmcc_cli_error ("pair", _("--seed: only the jitter method uses it (add --method jitter)"));
      goto usage;
    }
  recording = glmcc_cli_load (&common, argv[1], &error);
  if (recording == NULL)
    {
      glmcc_cli_error ("pair", "%s", error->message);
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_FAILURE;
    }
  ref = glmcc_recording_find_neuron (recording, argv[2]);
  target = glmcc_recording_find_neuron (recording, argv[3]);
  if (ref < 0 || target < 0 || ref == target)
    {
      if (ref == target && ref >= 0)
        glmcc_cli_error ("pair", _("REF and TARGET are the same neuron '%s'"), argv[2]);
      else
        glmcc_cli_error ("pair", _("%s: no neuron named or numbered '%s' (%u neurons, 0–%u)"), argv[1],
                         ref < 0 ? argv[2] : argv[3], glmcc_recording_get_n_neurons (recording),
                         glmcc_recording_get_n_neurons (recording) - 1);
      goto usage;
    }

  ref_name = glmcc_recording_get_name (recording, ref);
  target_name = glmcc_recording_get_name (recording, target);
  workspace = glmcc_method_workspace_new (&common.params);
  glmcc_method_analyse_pair (workspace, &common.params, recording, ref, target, &result);

  if (common.params.method != GLMCC_METHOD_GLMCC && json)
    print_baseline_json (ref_name, target_name, &common.params, &result);
  else if (common.params.method != GLMCC_METHOD_GLMCC)
    {
      printf (_("Reference %s, target %s: %" PRIu64 " lags within ±%g ms; %s\n"), ref_name,
              target_name, result.n_lags, common.params.window_ms,
              common.params.method == GLMCC_METHOD_CC ? "classical cross-correlation test"
                                                      : "jitter method");
      print_baseline_edge (ref_name, target_name, &common.params, &result.forward);
      print_baseline_edge (target_name, ref_name, &common.params, &result.backward);
    }
  else if (json)
    print_json (ref_name, target_name, &common.params, &result);
  else
    {
      printf (_("Reference %s, target %s: %" PRIu64 " lags within ±%g ms\n"), ref_name, target_name,
              result.n_lags, common.params.window_ms);
      for (guint i = 0; i < result.n_delays; i++)
        printf (_("  delay %g ms: log posterior %.6f, log likelihood %.6f%s\n"), result.delays_ms[i],
                result.log_post[i], result.log_lik[i],
                i == result.delay_index && result.fit.status == GLMCC_STATUS_PENDING
                  ? "   ← chosen" : "");
      if (result.fit.status != GLMCC_STATUS_PENDING)
        printf (_("  fit: %s\n"), glmcc_status_to_string (result.fit.status));
      else
        printf (_("  fit converged in %u passes: J+ = %.6f, J− = %.6f\n"), result.fit.n_passes,
                result.fit.j_plus, result.fit.j_minus);
      print_edge (ref_name, target_name, &common.params, &result.forward, result.c_bar_plus);
      print_edge (target_name, ref_name, &common.params, &result.backward, result.c_bar_minus);
    }
  glmcc_method_workspace_free (workspace);
  glmcc_cli_common_clear (&common);
  return GLMCC_EXIT_OK;

usage:
  glmcc_cli_common_clear (&common);
  return GLMCC_EXIT_USAGE;
}
