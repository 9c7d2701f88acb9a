/* glmcc-cli-simulate.c: `glmcc simulate`, a LIF network with ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>

#include "glmcc-cli.h"
#include "glmcc-simulate.h"
#include "glmcc-i18n.h"

int
glmcc_cli_simulate_main (int    argc,
                         char **argv)
{
  GlmccSimParams params;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seed;
  int neurons;
  const GlmccSynapse *synapses;
  gsize n_synapses, n_exc_syn = 0;

  glmcc_sim_params_init (&params);
  neurons = (int) params.n_neurons;
  seed = (gint64) params.seed;

  {
    GOptionEntry entries[] = {
      { "neurons", 'n', 0, G_OPTION_ARG_INT, &neurons, N_("Number of neurons (default 100)"), "N" },
      { "duration", 'd', 0, G_OPTION_ARG_DOUBLE, &params.duration_s,
        N_("Simulated time in seconds (default 600)"), "S" },
      { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 1)"), "K" },
      { "exc-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &params.exc_fraction,
        N_("Fraction of excitatory neurons (default 0.8)"), "F" },
      { "p-exc", 0, 0, G_OPTION_ARG_DOUBLE, &params.p_exc,
        N_("Connection probability from an excitatory neuron (default 0.1)"), "P" },
      { "p-inh", 0, 0, G_OPTION_ARG_DOUBLE, &params.p_inh,
        N_("Connection probability from an inhibitory neuron (default 0.2)"), "P" },
      { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &params.rate_hz, N_("Mean firing rate (default 5)"), "HZ" },
      { "resolution", 0, 0, G_OPTION_ARG_DOUBLE, &params.resolution_ms,
        N_("Grid of the written spike times in ms, a multiple of 0.01 (default 0.01; 0.1 as many "
        "acquisition systems)"), "MS" },
      { "epsp", 0, 0, G_OPTION_ARG_DOUBLE, &params.epsp_mv, N_("Median EPSP peak (default 0.5)"), "MV" },
      { "ipsp", 0, 0, G_OPTION_ARG_DOUBLE, &params.ipsp_mv, N_("Median IPSP peak (default −1.5)"), "MV" },
      { "noise", 0, 0, G_OPTION_ARG_DOUBLE, &params.noise_mv,
        N_("S.d. of the membrane potential from private noise (default 6)"), "MV" },
      { "modulation", 0, 0, G_OPTION_ARG_DOUBLE, &params.modulation_mv,
        N_("S.d. of the slow shared modulation of the drive (default 1)"), "MV" },
      { NULL }
    };

    context = g_option_context_new (N_("OUTDIR — simulate a leaky integrate-and-fire network"));
    g_option_context_set_summary (context,
      N_("Writes OUTDIR/cell0.txt … (spike times in ms, one per line) and OUTDIR/truth.tsv\n"
      "(pre post psp_mV delay_ms, 0-based indices, the true PSP peak in mV)."));
    g_option_context_add_main_entries (context, entries, NULL);
  }

  if (!glmcc_cli_parse (context, &argc, &argv))
    return GLMCC_EXIT_USAGE;
  if (argc != 2)
    {
      glmcc_cli_error ("simulate", _("expected one output directory, got %d arguments"), argc - 1);
      return GLMCC_EXIT_USAGE;
    }
  if (neurons < 2)
    {
      glmcc_cli_error ("simulate", _("--neurons: at least 2, not %d"), neurons);
      return GLMCC_EXIT_USAGE;
    }
  if (seed < 0)
    {
      glmcc_cli_error ("simulate", _("--seed: must not be negative"));
      return GLMCC_EXIT_USAGE;
    }
  {
    const struct { const char *option; double value; } numbers[] = {
      { "--duration", params.duration_s }, { "--exc-fraction", params.exc_fraction },
      { "--p-exc", params.p_exc }, { "--p-inh", params.p_inh }, { "--rate", params.rate_hz },
      { "--epsp", params.epsp_mv }, { "--ipsp", params.ipsp_mv }, { "--noise", params.noise_mv },
      { "--modulation", params.modulation_mv },
    };

    for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
      if (!glmcc_cli_check_finite (numbers[i].option, numbers[i].value, &error))
        {
          glmcc_cli_error ("simulate", "%s", error->message);
          return GLMCC_EXIT_USAGE;
        }
  }
  params.n_neurons = (guint) neurons;
  params.seed = (guint64) seed;
  if (!glmcc_sim_params_validate (&params, &error))
    {
      glmcc_cli_error ("simulate", "%s", error->message);
      return GLMCC_EXIT_USAGE;
    }

  sim = glmcc_simulate (&params, NULL, &error);
  if (sim == NULL || !glmcc_simulation_write (sim, argv[1], &error))
    {
      glmcc_cli_error ("simulate", "%s", error->message);
      return GLMCC_EXIT_FAILURE;
    }

  synapses = glmcc_simulation_get_synapses (sim, &n_synapses);
  for (gsize s = 0; s < n_synapses; s++)
    if (synapses[s].psp_mv > 0)
      n_exc_syn++;
  printf (_("%u neurons, %g s, seed %" PRIu64 ": mean rate %.2f Hz, %zu synapses (%zu excitatory, %zu inhibitory)\n"
          "wrote %s/cell0.txt … cell%u.txt and %s/truth.tsv\n"),
          params.n_neurons, params.duration_s, params.seed,
          glmcc_simulation_get_mean_rate (sim), n_synapses, n_exc_syn, n_synapses - n_exc_syn,
          argv[1], params.n_neurons - 1, argv[1]);
  return GLMCC_EXIT_OK;
}
