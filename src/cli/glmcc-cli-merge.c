/* glmcc-cli-merge.c: `glmcc merge`, shards of a run joined into the outputs of one run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>

#include "glmcc-cli.h"
#include "glmcc-error.h"
#include "glmcc-fdr.h"
#include "glmcc-results.h"
#include "glmcc-results-file.h"
#include "glmcc-i18n.h"

#define COMMAND "merge"

/* Names listed in a message before "…". */
#define MAX_NAMED_SHARDS 8

typedef struct
{
  guint index;
  guint count;
} ShardId;

static void
append_shard_list (GString    *text,
                   GArray     *shards,
                   guint       count,
                   const char *verb)
{
  if (shards->len == 0)
    return;
  if (text->len > 0)
    g_string_append (text, "; ");
  g_string_append (text, shards->len == 1 ? "shard " : "shards ");
  for (guint i = 0; i < shards->len && i < MAX_NAMED_SHARDS; i++)
    g_string_append_printf (text, "%s%u/%u", i > 0 ? ", " : "",
                            g_array_index (shards, guint, i) + 1, count);
  if (shards->len > MAX_NAMED_SHARDS)
    g_string_append_printf (text, " and %u more", shards->len - MAX_NAMED_SHARDS);
  g_string_append_printf (text, " %s", verb);
}

/* Which shards the pending pairs belong to: those not given and those given but unfinished.
 * Only when every part is a shard of the same split; otherwise NULL. */
static char *
describe_missing (GlmccResults *merged,
                  GArray       *parts)
{
  g_autoptr(GArray) absent = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) unfinished = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) text = g_string_new (NULL);
  guint count = g_array_index (parts, ShardId, 0).count;
  guint n = glmcc_results_get_n_neurons (merged);

  for (guint p = 1; p < parts->len; p++)
    if (g_array_index (parts, ShardId, p).count != count)
      return NULL;
  if (count < 2)
    return NULL;
  for (guint k = 0; k < count; k++)
    {
      guint64 first, last;
      gboolean given = FALSE;

      glmcc_shard_range (n, k, count, &first, &last);
      if (glmcc_results_count_done_in_range (merged, first, last) == last - first)
        continue;
      for (guint p = 0; p < parts->len; p++)
        given |= g_array_index (parts, ShardId, p).index == k;
      g_array_append_val (given ? unfinished : absent, k);
    }
  append_shard_list (text, absent, count, absent->len == 1 ? "is missing" : "are missing");
  append_shard_list (text, unfinished, count,
                     unfinished->len == 1 ? "is not finished" : "are not finished");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
glmcc_cli_merge_main (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccResults) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ShardId));
  g_autofree GlmccCliInput *inputs = NULL;
  GlmccCliOutputs outputs = { 0 };
  guint64 pending, total;
  int status = GLMCC_EXIT_OK;
  GOptionEntry entries[] = {
    { "output-matrix", 0, 0, G_OPTION_ARG_FILENAME, &outputs.matrix,
      N_("N×N PSP matrix (mV, row = pre, column = post)"), "FILE.csv" },
    { "output-edges", 0, 0, G_OPTION_ARG_FILENAME, &outputs.edges,
      N_("One row per directed pair with its status"), "FILE.tsv" },
    { "output-json", 0, 0, G_OPTION_ARG_FILENAME, &outputs.json,
      N_("Everything, including parameters and provenance"), "FILE.json" },
    { "output-graphml", 0, 0, G_OPTION_ARG_FILENAME, &outputs.graphml,
      N_("The significant connections as a graph"), "FILE.graphml" },
    { "output-hdf5", 0, 0, G_OPTION_ARG_FILENAME, &outputs.hdf5,
      N_("Everything, in a compressed HDF5 file (large runs)"), "FILE.h5" },
    { "partial", 0, 0, G_OPTION_ARG_NONE, &outputs.partial,
      N_("Accept missing shards: write the matrix and GraphML anyway (pending pairs NaN)"), NULL },
    { NULL }
  };

  context = g_option_context_new (N_("PART.h5|PART.json… — join the shards of a run"));
  g_option_context_set_summary (context,
    N_("Joins the HDF5 or JSON outputs of `glmcc run --shard K/N` (or of interrupted runs) into\n"
    "the outputs a single run gives, with the q-values that need every edge. The parts must\n"
    "come from the same recording and parameters; they are read one at a time, an HDF5 part\n"
    "block by block. Pairs that no part computed make it exit 1, naming the missing shards,\n"
    "unless --partial."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!glmcc_cli_parse (context, &argc, &argv))
    goto usage;
  if (argc < 2)
    {
      glmcc_cli_error (COMMAND, _("no PART.h5 or PART.json given"));
      goto usage;
    }
  if (!glmcc_cli_outputs_any (&outputs))
    {
      glmcc_cli_error (COMMAND, _("no output given: use --output-matrix, --output-edges, "
                       "--output-json, --output-graphml or --output-hdf5"));
      goto usage;
    }
  inputs = g_new0 (GlmccCliInput, argc - 1);
  for (int k = 1; k < argc; k++)
    {
      inputs[k - 1].path = argv[k];
      inputs[k - 1].role = "one of the parts being merged";
    }
  if (!glmcc_cli_outputs_check (&outputs, inputs, argc - 1, &error))
    {
      glmcc_cli_error (COMMAND, _("%s"), error->message);
      goto usage;
    }

  /* One part at a time: the first becomes the merged results, each next one is copied into them
   * (an HDF5 part block by block) and forgotten. */
  for (int k = 1; k < argc; k++)
    {
      ShardId id;

      if (merged == NULL)
        {
          merged = glmcc_results_load (argv[k], &error);
          if (merged != NULL)
            glmcc_results_get_shard (merged, &id.index, &id.count);
        }
      if (merged == NULL
          || (k > 1 && !glmcc_results_merge_file (merged, argv[k], &id.index, &id.count, &error)))
        {
          if (g_error_matches (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH))
            glmcc_cli_error (COMMAND, _("%s: %s (compared with %s)"), argv[k], error->message, argv[1]);
          else
            glmcc_cli_error (COMMAND, "%s", error->message);
          glmcc_cli_outputs_clear (&outputs);
          return GLMCC_EXIT_FAILURE;
        }
      g_array_append_val (parts, id);
    }

  total = glmcc_pair_count (glmcc_results_get_n_neurons (merged));
  pending = glmcc_results_count_pending (merged);
  if (pending == 0)
    {
      glmcc_results_set_shard (merged, 0, 1);
      /* Benjamini–Hochberg over the whole run, which no shard could do alone. */
      glmcc_results_compute_q_values (merged, NULL);
    }
  else
    {
      g_autofree char *which = describe_missing (merged, parts);

      glmcc_cli_error (COMMAND, _("%" PRIu64 " of %" PRIu64 " pairs are missing "
                       "(%s)%s"), pending, total,
                       which != NULL ? which : _("no part computed them"),
                       outputs.partial ? _("; writing a partial result as --partial asks") : "");
      if (!outputs.partial)
        status = GLMCC_EXIT_FAILURE;
    }

  if (!glmcc_cli_outputs_write (COMMAND, &outputs, merged))
    status = GLMCC_EXIT_FAILURE;
  glmcc_cli_outputs_clear (&outputs);
  return status;

usage:
  glmcc_cli_outputs_clear (&outputs);
  return GLMCC_EXIT_USAGE;
}
