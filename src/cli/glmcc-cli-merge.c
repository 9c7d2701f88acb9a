/* glmcc-cli-merge.c: `glmcc merge`, shards of a run joined into the outputs of one run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "glmcc-cli.h"
#include "glmcc-results.h"

#define COMMAND "merge"

int
glmcc_cli_merge_main (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccResults) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_matrix = NULL;
  g_autofree char *out_edges = NULL;
  g_autofree char *out_json = NULL;
  g_autofree char *out_graphml = NULL;
  guint64 done, total;
  guint n;
  GOptionEntry entries[] = {
    { "output-matrix", 0, 0, G_OPTION_ARG_FILENAME, &out_matrix,
      "N×N PSP matrix (mV, row = pre, column = post)", "FILE.csv" },
    { "output-edges", 0, 0, G_OPTION_ARG_FILENAME, &out_edges,
      "One row per directed pair with its status", "FILE.tsv" },
    { "output-json", 0, 0, G_OPTION_ARG_FILENAME, &out_json,
      "Everything, including parameters and provenance", "FILE.json" },
    { "output-graphml", 0, 0, G_OPTION_ARG_FILENAME, &out_graphml,
      "The significant connections as a graph", "FILE.graphml" },
    { NULL }
  };

  context = g_option_context_new ("PART.json… — join the shards of a run");
  g_option_context_set_summary (context,
    "Joins the JSON outputs of `glmcc run --shard K/N` (or of interrupted runs) into the\n"
    "outputs a single run gives. The parts must come from the same recording and parameters.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!glmcc_cli_parse (context, &argc, &argv))
    return GLMCC_EXIT_USAGE;
  if (argc < 2)
    {
      glmcc_cli_error (COMMAND, "no PART.json given");
      return GLMCC_EXIT_USAGE;
    }
  if (out_matrix == NULL && out_edges == NULL && out_json == NULL && out_graphml == NULL)
    {
      glmcc_cli_error (COMMAND, "no output given: use --output-matrix, --output-edges, "
                       "--output-json or --output-graphml");
      return GLMCC_EXIT_USAGE;
    }

  for (int k = 1; k < argc; k++)
    {
      g_autoptr(GlmccResults) part = glmcc_results_load_json (argv[k], &error);

      if (part == NULL)
        {
          glmcc_cli_error (COMMAND, "%s", error->message);
          return GLMCC_EXIT_FAILURE;
        }
      if (merged == NULL)
        merged = g_steal_pointer (&part);
      else if (!glmcc_results_merge (merged, part, &error))
        {
          glmcc_cli_error (COMMAND, "%s: %s (compared with %s)", argv[k], error->message, argv[1]);
          return GLMCC_EXIT_FAILURE;
        }
    }

  n = glmcc_results_get_n_neurons (merged);
  total = (guint64) n * (n - 1) / 2;
  done = glmcc_results_count_done (merged);
  if (done < total)
    fprintf (stderr, "glmcc %s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " pairs are still "
             "missing (a shard not given, or not finished); they are written as pending\n",
             COMMAND, total - done, total);
  else
    glmcc_results_set_shard (merged, 0, 1);

  if ((out_matrix != NULL && !glmcc_results_write_matrix (merged, out_matrix, &error)) ||
      (out_edges != NULL && !glmcc_results_write_edges (merged, out_edges, &error)) ||
      (out_json != NULL && !glmcc_results_write_json (merged, out_json, &error)) ||
      (out_graphml != NULL && !glmcc_results_write_graphml (merged, out_graphml, &error)))
    {
      glmcc_cli_error (COMMAND, "%s", error->message);
      return GLMCC_EXIT_FAILURE;
    }
  return GLMCC_EXIT_OK;
}
