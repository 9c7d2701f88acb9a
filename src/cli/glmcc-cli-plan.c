/* glmcc-cli-plan.c: `glmcc plan`, the recording time needed to detect a connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glmcc-cli.h"
#include "glmcc-plan.h"

static char *
format_duration (double seconds)
{
  if (seconds < 120)
    return g_strdup_printf ("%.0f s", seconds);
  if (seconds < 7200)
    return g_strdup_printf ("%.0f min", seconds / 60);
  if (seconds < 48 * 3600)
    return g_strdup_printf ("%.0f h %02.0f min", floor (seconds / 3600),
                            floor (fmod (seconds, 3600) / 60));
  return g_strdup_printf ("%.1f days", seconds / 86400);
}

int
glmcc_cli_plan_main (int    argc,
                     char **argv)
{
  GlmccPlanInput in;
  GlmccPlan plan;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  g_autofree char *level = NULL;
  char *compat = NULL;
  /* Numbers as given (NULL: not given), so that NaN cannot pass for "not given". */
  g_autofree char *rate_pre = NULL, *rate_post = NULL, *psp = NULL, *tau = NULL, *alpha = NULL;
  gboolean ok;

  glmcc_plan_input_init (&in);
  {
    GOptionEntry entries[] = {
      { "rate-pre", 0, 0, G_OPTION_ARG_STRING, &rate_pre, "Firing rate of the presynaptic neuron", "HZ" },
      { "rate-post", 0, 0, G_OPTION_ARG_STRING, &rate_post, "Firing rate of the postsynaptic neuron", "HZ" },
      { "psp", 0, 0, G_OPTION_ARG_STRING, &psp,
        "PSP to detect: positive excitatory, negative inhibitory", "MV" },
      { "tau", 0, 0, G_OPTION_ARG_STRING, &tau, "Synaptic time scale τ (default 4)", "MS" },
      { "alpha", 0, 0, G_OPTION_ARG_STRING, &alpha, "Two-sided level of the test (default 0.001)", "A" },
      { "compat", 0, 0, G_OPTION_ARG_STRING, &compat,
        "'reference': the published code's threshold 1.277·√16.3", "reference" },
      { NULL }
    };

    context = g_option_context_new ("— recording time needed to detect a connection");
    g_option_context_set_summary (context,
      "GLMCC detects a connection of PSP w between neurons firing at λ_pre and λ_post after\n"
      "about T = (1.57·z_α·c)² / (τ·λ_pre·λ_post·w²) of recording (c = 2.532 mV for\n"
      "excitatory, 0.612 mV for inhibitory connections), and needs τ·c̄ > 10 to test at all.");
    g_option_context_add_main_entries (context, entries, NULL);
  }

  ok = glmcc_cli_parse (context, &argc, &argv);
  if (ok && argc > 1)
    {
      glmcc_cli_error ("plan", "unexpected argument '%s'", argv[1]);
      ok = FALSE;
    }
  if (ok && compat != NULL && strcmp (compat, "reference") != 0)
    {
      glmcc_cli_error ("plan", "--compat: only 'reference' is known, not '%s'", compat);
      ok = FALSE;
    }
  if (ok && (rate_pre == NULL || rate_post == NULL || psp == NULL))
    {
      glmcc_cli_error ("plan", "--rate-pre, --rate-post and --psp are required");
      ok = FALSE;
    }
  if (ok && (!glmcc_cli_parse_number ("--rate-pre", rate_pre, &in.rate_pre_hz, &error)
             || !glmcc_cli_parse_number ("--rate-post", rate_post, &in.rate_post_hz, &error)
             || !glmcc_cli_parse_number ("--psp", psp, &in.psp_mv, &error)
             || !glmcc_cli_parse_number ("--tau", tau, &in.tau_ms, &error)
             || !glmcc_cli_parse_number ("--alpha", alpha, &in.alpha, &error)))
    {
      glmcc_cli_error ("plan", "%s", error->message);
      ok = FALSE;
    }
  in.compat = compat != NULL;
  g_free (compat);
  if (!ok)
    return GLMCC_EXIT_USAGE;
  if (!glmcc_plan_compute (&in, &plan, &error))
    {
      glmcc_cli_error ("plan", "%s", error->message);
      return GLMCC_EXIT_USAGE;
    }

  total = plan.time_s >= 120 ? format_duration (plan.time_s) : NULL;
  level = in.compat ? g_strdup ("the published code's threshold")
                    : g_strdup_printf ("α = %g", in.alpha);
  printf ("An %s connection of %g mV (|J| = %.4f) from a %g Hz to a %g Hz neuron\n"
          "needs about %.0f s%s%s%s of recording to be detected (τ = %g ms, %s).\n",
          in.psp_mv > 0 ? "excitatory" : "inhibitory", in.psp_mv, plan.j,
          in.rate_pre_hz, in.rate_post_hz, plan.time_s,
          total != NULL ? " (" : "", total != NULL ? total : "", total != NULL ? ")" : "",
          in.tau_ms, level);
  printf ("  significance test: %.0f s; enough data to test (τ·c̄ > 10): %.0f s\n",
          plan.time_test_s, plan.time_data_s);
  return GLMCC_EXIT_OK;
}
