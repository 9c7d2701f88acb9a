/* glmcc-cli-plan.c: `glmcc plan`, the recording time needed to detect a connection, or the
 * smallest connection a recording reveals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glmcc-cli.h"
#include "glmcc-output.h"
#include "glmcc-plan.h"
#include "glmcc-plot-data.h"
#include "glmcc-i18n.h"

static char *
format_duration (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("more than 10⁹ s");
  if (seconds < 120)
    return g_strdup_printf ("%.0f s", seconds);
  if (seconds < 7200)
    return g_strdup_printf ("%.0f s (%.0f min)", seconds, seconds / 60);
  if (seconds < 48 * 3600)
    return g_strdup_printf ("%.0f s (%.0f h %02.0f min)", seconds, floor (seconds / 3600),
                            floor (fmod (seconds, 3600) / 60));
  return g_strdup_printf ("%.0f s (%.1f days)", seconds, seconds / 86400);
}

static char *
format_psp (double mv)
{
  if (!isfinite (mv))
    return g_strdup ("none up to |J| = 8");
  return g_strdup_printf ("%+.3f mV", mv);
}

int
glmcc_cli_plan_main (int    argc,
                     char **argv)
{
  GlmccPlanInput in;
  GlmccPlan plan;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  char *compat = NULL;
  /* Numbers as given (NULL: not given), so that NaN cannot pass for "not given". */
  g_autofree char *rate_pre = NULL, *rate_post = NULL, *psp = NULL, *tau = NULL, *alpha = NULL;
  g_autofree char *power = NULL, *mode = NULL, *delays = NULL, *duration = NULL, *plot = NULL;
  double duration_s = 0.0;
  gboolean ok;

  glmcc_plan_input_init (&in);
  {
    GOptionEntry entries[] = {
      { "rate-pre", 0, 0, G_OPTION_ARG_STRING, &rate_pre, N_("Firing rate of the presynaptic neuron"), "HZ" },
      { "rate-post", 0, 0, G_OPTION_ARG_STRING, &rate_post, N_("Firing rate of the postsynaptic neuron"), "HZ" },
      { "psp", 0, 0, G_OPTION_ARG_STRING, &psp,
        N_("PSP to detect: positive excitatory, negative inhibitory"), "MV" },
      { "duration", 0, 0, G_OPTION_ARG_STRING, &duration,
        N_("Instead of --psp: the smallest PSPs a recording of S seconds reveals"), "S" },
      { "power", 0, 0, G_OPTION_ARG_STRING, &power,
        N_("The chance of finding the connection to plan for (default 0.8)"), "P" },
      { "tau", 0, 0, G_OPTION_ARG_STRING, &tau, N_("Synaptic time scale τ (default 4)"), "MS" },
      { "alpha", 0, 0, G_OPTION_ARG_STRING, &alpha,
        N_("Two-sided level of the test per directed pair, delay choice included (default 0.001)"), "A" },
      { "mode", 0, 0, G_OPTION_ARG_STRING, &mode,
        N_("exp: the delay is chosen among --delays (default); sim: fixed"), "MODE" },
      { "delays", 0, 0, G_OPTION_ARG_STRING, &delays,
        N_("The candidate delays of mode exp: their number corrects the p-value (default 1,2,3,4)"), "LIST" },
      { "compat", 0, 0, G_OPTION_ARG_STRING, &compat,
        N_("'reference': the published code's threshold 1.277·√16.3"), "reference" },
      { "plot", 0, 0, G_OPTION_ARG_FILENAME, &plot,
        N_("Draw the time needed against |PSP| for both signs into FILE.png, .svg or .pdf"), "FILE" },
      { NULL }
    };

    context = g_option_context_new (N_("— recording time needed to detect a connection"));
    g_option_context_set_summary (context,
      N_("GLMCC detects a connection of PSP w between neurons firing at λ_pre and λ_post after\n"
      "about T ∝ 1 / (λ_pre·λ_post·w²) of recording. The planner asks the fit itself: the\n"
      "standard error of J for a correlogram of λ_pre·λ_post·T·Δ lags per bin, against the\n"
      "default test's threshold with the correction for the choice of delay. It prints the T at\n"
      "which the connection is found with the chosen power, and at which half the time (the\n"
      "published formula's T = (1.57·z_α·c)² / (τ·λ_pre·λ_post·w²), c = 2.532 mV for excitatory,\n"
      "0.612 mV for inhibitory connections). With --duration instead of --psp it prints the\n"
      "smallest connections of both signs such a recording reveals."));
    g_option_context_add_main_entries (context, entries, NULL);
  }

  ok = glmcc_cli_parse (context, &argc, &argv);
  if (ok && argc > 1)
    {
      glmcc_cli_error ("plan", _("unexpected argument '%s'"), argv[1]);
      ok = FALSE;
    }
  if (ok && compat != NULL && strcmp (compat, "reference") != 0)
    {
      glmcc_cli_error ("plan", _("--compat: only 'reference' is known, not '%s'"), compat);
      ok = FALSE;
    }
  if (ok && (rate_pre == NULL || rate_post == NULL || (psp == NULL) == (duration == NULL)))
    {
      glmcc_cli_error ("plan", _("--rate-pre, --rate-post and one of --psp or --duration are required"));
      ok = FALSE;
    }
  in.power = 0.8;
  if (ok && (!glmcc_cli_parse_number ("--rate-pre", rate_pre, &in.rate_pre_hz, &error)
             || !glmcc_cli_parse_number ("--rate-post", rate_post, &in.rate_post_hz, &error)
             || !glmcc_cli_parse_number ("--psp", psp, &in.psp_mv, &error)
             || !glmcc_cli_parse_number ("--duration", duration, &duration_s, &error)
             || !glmcc_cli_parse_number ("--power", power, &in.power, &error)
             || !glmcc_cli_parse_number ("--tau", tau, &in.tau_ms, &error)
             || !glmcc_cli_parse_number ("--alpha", alpha, &in.alpha, &error)))
    {
      glmcc_cli_error ("plan", "%s", error->message);
      ok = FALSE;
    }
  if (ok && mode != NULL && !g_str_equal (mode, "sim") && !g_str_equal (mode, "exp"))
    {
      glmcc_cli_error ("plan", _("--mode: '%s' is not sim or exp"), mode);
      ok = FALSE;
    }
  if (ok && delays != NULL)
    {
      GlmccParams params;

      glmcc_params_init (&params);
      if (!glmcc_params_set_delays (&params, delays, &error))
        {
          glmcc_cli_error ("plan", _("--delays: %s"), error->message);
          ok = FALSE;
        }
      else
        in.n_delays = params.n_delays;
    }
  if (ok && mode != NULL && g_str_equal (mode, "sim"))
    in.n_delays = 1;
  if (ok && duration != NULL && !(duration_s > 0.0))
    {
      glmcc_cli_error ("plan", _("--duration must be a positive number of seconds (got %g)"), duration_s);
      ok = FALSE;
    }
  if (ok && duration != NULL && compat != NULL)
    {
      glmcc_cli_error ("plan", _("--duration: the smallest PSPs are planned for the default test only"));
      ok = FALSE;
    }
  if (ok && plot != NULL && (*plot == '\0' || !glmcc_output_check (plot, &error)
                             || glmcc_plot_format_from_path (plot) == GLMCC_PLOT_FORMAT_AUTO))
    {
      glmcc_cli_error ("plan", _("--plot: %s"), error != NULL ? error->message
                                             : _("the name must end in .png, .svg or .pdf"));
      ok = FALSE;
    }
  in.compat = compat != NULL;
  g_free (compat);
  if (!ok)
    return GLMCC_EXIT_USAGE;
  if (plot != NULL)
    {
      g_autoptr(GlmccPlanPlotData) data = NULL;
      GlmccPlanInput figure_in = in;
      GlmccPlotStyle style;

      /* The curves need only what is valid; a PSP error is reported below, as without --plot. */
      if (figure_in.psp_mv == 0.0 || !isfinite (figure_in.psp_mv))
        figure_in.psp_mv = 0.0;
      data = glmcc_plan_plot_data_new (&figure_in, duration != NULL ? duration_s : 0.0);
      glmcc_plot_style_init_light (&style);
      if (!glmcc_plot_export_plan (plot, GLMCC_PLOT_FORMAT_AUTO, 640.0, 440.0, 150.0, &data->plot,
                                   &style, &error))
        {
          glmcc_cli_error ("plan", "%s", error->message);
          return GLMCC_EXIT_FAILURE;
        }
    }

  if (duration != NULL)
    {
      double c_bar = in.rate_pre_hz * in.rate_post_hz * duration_s * in.bin_ms / 1000.0;
      double excitatory, inhibitory;
      g_autofree char *e = NULL, *i = NULL;

      /* Any PSP passes the checks; only the rates, τ, α and the power matter here. */
      in.psp_mv = 1.0;
      if (!glmcc_plan_compute (&in, &plan, &error))
        {
          glmcc_cli_error ("plan", "%s", error->message);
          return GLMCC_EXIT_USAGE;
        }
      glmcc_plan_min_psp (&in, c_bar, &excitatory, &inhibitory);
      e = format_psp (excitatory);
      i = format_psp (inhibitory);
      printf (_("A %g s recording of a %g Hz and a %g Hz neuron (%.1f lags per %g ms bin) finds, with "
              "probability %g:\n  excitatory connections from %s, inhibitory ones from %s\n"),
              duration_s, in.rate_pre_hz, in.rate_post_hz, c_bar, in.bin_ms, in.power, e, i);
      if (!(in.tau_ms * c_bar > 10.0))
        printf (_("  (too few lags to test at all: τ·c̄ = %.1f ≤ 10)\n"), in.tau_ms * c_bar);
      return GLMCC_EXIT_OK;
    }

  if (!glmcc_plan_compute (&in, &plan, &error))
    {
      glmcc_cli_error ("plan", "%s", error->message);
      return GLMCC_EXIT_USAGE;
    }
  {
    g_autofree char *total = format_duration (plan.time_s);
    g_autofree char *even = format_duration (MAX (plan.time_even_s, plan.time_data_s));

    level = in.compat ? g_strdup (_("the published code's threshold"))
                      : g_strdup_printf (glmcc_ngettext ("α = %g with %u delay tried",
                                                         "α = %g with %u delays tried", in.n_delays),
                                         in.alpha, in.n_delays);
    if (in.compat)
      printf (_("An %s connection of %g mV (J = %+.4f) from a %g Hz to a %g Hz neuron\n"
              "needs about %s of recording to be detected (τ = %g ms, %s).\n"),
              in.psp_mv > 0 ? _("excitatory") : _("inhibitory"), in.psp_mv, plan.j,
              in.rate_pre_hz, in.rate_post_hz, total, in.tau_ms, level);
    else
      printf (_("An %s connection of %g mV (J = %+.4f) from a %g Hz to a %g Hz neuron\n"
              "is found with probability %g after %s of recording, half the time after %s\n"
              "(τ = %g ms, %s).\n"),
              in.psp_mv > 0 ? _("excitatory") : _("inhibitory"), in.psp_mv, plan.j, in.rate_pre_hz,
              in.rate_post_hz, in.power, total, even, in.tau_ms, level);
    printf (_("  significance test: %.0f s; enough data to test (τ·c̄ > 10): %.0f s\n"),
            plan.time_test_s, plan.time_data_s);
    if (!in.compat && isfinite (plan.standard_error))
      printf (_("  at %.0f s: standard error of J %.4f = %.3f/√(τ·c̄) (the published code takes "
              "1.57), threshold |J| > %.4f (z = %.3f)\n"), plan.time_s, plan.standard_error,
              plan.coefficient / plan.z_threshold, plan.z_threshold * plan.standard_error,
              plan.z_threshold);
  }
  return GLMCC_EXIT_OK;
}
