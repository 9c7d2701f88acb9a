/* glmcc.c: the command-line tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "glmcc-cli.h"
#include "glmcc-i18n.h"

typedef struct
{
  const char *name;
  int       (*main) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "run",      glmcc_cli_run_main,      N_("all pairs → matrix, edge table, JSON, GraphML") },
  { "pair",     glmcc_cli_pair_main,     N_("the fit of one pair in detail") },
  { "merge",    glmcc_cli_merge_main,    N_("join shards into the outputs of one run") },
  { "plot",     glmcc_cli_plot_main,     N_("draw a correlogram, network or matrix to PNG/SVG/PDF") },
  { "simulate", glmcc_cli_simulate_main, N_("a leaky integrate-and-fire network with ground truth") },
  { "score",    glmcc_cli_score_main,    N_("precision, recall and MCC against a ground truth") },
  { "plan",     glmcc_cli_plan_main,     N_("recording time needed to detect a connection") },
  { "bench",    glmcc_cli_bench_main,    N_("throughput on a generated network") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: glmcc COMMAND [OPTION…]\n\n"
                  "Synaptic connections from parallel spike trains with GLMCC\n"
                  "(Kobayashi et al., Nature Communications 10:4468, 2019).\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun 'glmcc COMMAND --help' for the options of a command.\n"));
}

int
main (int   argc,
      char *argv[])
{
  /* Messages and human-readable numbers follow the user's locale; every machine-readable
   * output formats its numbers with g_ascii_formatd/g_ascii_dtostr, never printf. */
  setlocale (LC_ALL, "");
  glmcc_i18n_init ();
  /* GSL's default handler aborts; every GSL call here checks its status instead. */
  gsl_set_error_handler_off ();

  if (argc < 2)
    {
      print_usage (stderr);
      return GLMCC_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return GLMCC_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("glmcc %s\n", PACKAGE_VERSION);
      return GLMCC_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].main (argc - 1, argv + 1);

  fprintf (stderr, _("glmcc: unknown command '%s'; run 'glmcc --help' for the list\n"), argv[1]);
  return GLMCC_EXIT_USAGE;
}
