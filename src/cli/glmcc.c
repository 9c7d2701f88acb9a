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

typedef struct
{
  const char *name;
  int       (*main) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "run",      glmcc_cli_run_main,      "all pairs → matrix, edge table, JSON, GraphML" },
  { "pair",     glmcc_cli_pair_main,     "the fit of one pair in detail" },
  { "merge",    glmcc_cli_merge_main,    "join shards into the outputs of one run" },
  { "plot",     glmcc_cli_plot_main,     "draw a correlogram, network or matrix to PNG/SVG/PDF" },
  { "simulate", glmcc_cli_simulate_main, "a leaky integrate-and-fire network with ground truth" },
  { "score",    glmcc_cli_score_main,    "precision, recall and MCC against a ground truth" },
  { "plan",     glmcc_cli_plan_main,     "recording time needed to detect a connection" },
  { "bench",    glmcc_cli_bench_main,    "throughput on a generated network" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: glmcc COMMAND [OPTION…]\n\n"
                "Synaptic connections from parallel spike trains with GLMCC\n"
                "(Kobayashi et al., Nature Communications 10:4468, 2019).\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun 'glmcc COMMAND --help' for the options of a command.\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
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

  fprintf (stderr, "glmcc: unknown command '%s'; run 'glmcc --help' for the list\n", argv[1]);
  return GLMCC_EXIT_USAGE;
}
