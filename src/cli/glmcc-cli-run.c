/* glmcc-cli-run.c: `glmcc run`, every pair of a recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gio.h>

#include "glmcc-cli.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"
#include "glmcc-results.h"

#define EXIT_INTERRUPTED 130

typedef struct
{
  GlmccEngine  *engine;
  GCancellable *cancellable;
  GError       *error;
  gboolean      finished;
} RunJob;

static gpointer
run_worker (gpointer data)
{
  RunJob *job = data;

  glmcc_engine_run (job->engine, job->cancellable, &job->error);
  g_atomic_int_set (&job->finished, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* The first Ctrl-C stops the run cleanly; a second one quits at once. */
static gboolean
on_interrupt (gpointer data)
{
  GCancellable *cancellable = data;

  if (g_cancellable_is_cancelled (cancellable))
    {
      fprintf (stderr, "\nglmcc run: interrupted again; quitting without writing\n");
      _exit (EXIT_INTERRUPTED);
    }
  fprintf (stderr, "\nglmcc run: interrupted; finishing the pairs under way and writing what is done "
                   "(Ctrl-C again to quit at once)\n");
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
format_duration (char   *buffer,
                 gsize   size,
                 double  seconds)
{
  if (!isfinite (seconds) || seconds < 0.0)
    g_strlcpy (buffer, "--:--", size);
  else if (seconds < 3600.0)
    g_snprintf (buffer, size, "%02d:%02d", (int) seconds / 60, (int) seconds % 60);
  else
    g_snprintf (buffer, size, "%d:%02d:%02d", (int) seconds / 3600, ((int) seconds / 60) % 60,
                (int) seconds % 60);
}

/* A bar with rate and ETA on a terminal; a plain line every few seconds otherwise. */
static void
print_progress (guint64  done,
                guint64  total,
                double   elapsed,
                gboolean tty,
                gboolean last)
{
  double rate = elapsed > 0.0 ? done / elapsed : 0.0;
  double eta = rate > 0.0 ? (total - done) / rate : (double) NAN;
  double fraction = total > 0 ? (double) done / total : 1.0;
  char eta_text[32], elapsed_text[32];

  format_duration (eta_text, sizeof eta_text, eta);
  format_duration (elapsed_text, sizeof elapsed_text, elapsed);
  if (tty)
    {
      char bar[31];
      guint filled = (guint) (fraction * 30.0);

      for (guint i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '-';
      bar[30] = '\0';
      fprintf (stderr, "\r[%s] %5.1f%%  %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " pairs  "
                       "%.0f pairs/s  elapsed %s  ETA %s ", bar, 100.0 * fraction, done, total,
               rate, elapsed_text, eta_text);
      if (last)
        fputc ('\n', stderr);
    }
  else
    fprintf (stderr, "glmcc run: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " pairs (%.1f%%), "
                     "%.0f pairs/s, elapsed %s, ETA %s\n", done, total, 100.0 * fraction, rate,
             elapsed_text, eta_text);
  fflush (stderr);
}

static gboolean
parse_shard (const char *text,
             guint      *index,
             guint      *count)
{
  g_auto(GStrv) parts = NULL;
  guint64 k, n;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "/", 2);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &k, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT32, &n, NULL)
      || k > n)
    return FALSE;
  *index = (guint) k - 1;
  *count = (guint) n;
  return TRUE;
}

static void
print_table (GlmccResults *results)
{
  guint n = glmcc_results_get_n_neurons (results);
  guint64 excitatory = 0, inhibitory = 0, failed = 0, pairs = 0;
  gboolean lr = glmcc_results_get_params (results)->test == GLMCC_TEST_LR;
  int width = 4;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (int) g_utf8_strlen (glmcc_results_get_name (results, i), -1));

  printf ("%-*s    %-*s  %9s  %9s  %9s  %9s  %s\n", width, "pre", width, "post", "PSP (mV)", "J",
          lr ? "2D" : "threshold", "p", "delay");
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        GlmccEdge stored;
        const GlmccEdge *edge = &stored;

        if (pre == post)
          continue;
        stored = glmcc_results_get_edge (results, pre, post);
        if (edge->status == GLMCC_STATUS_NOT_CONVERGED || edge->status == GLMCC_STATUS_NUMERICAL_ERROR)
          failed++;
        if (edge->status != GLMCC_STATUS_SIGNIFICANT)
          continue;
        if (edge->psp_mv > 0)
          excitatory++;
        else
          inhibitory++;
        printf ("%-*s -> %-*s  %+9.3f  %+9.4f  %9.4f  %9.2g  %g ms\n", width,
                glmcc_results_get_name (results, pre), width, glmcc_results_get_name (results, post),
                edge->psp_mv, edge->j, lr ? edge->statistic : edge->threshold, edge->p_value,
                edge->delay_ms);
      }
  pairs = glmcc_results_count_done (results);
  printf ("\n%" G_GUINT64_FORMAT " of %u pairs analysed: %" G_GUINT64_FORMAT
          " significant connections (%" G_GUINT64_FORMAT " excitatory, %" G_GUINT64_FORMAT
          " inhibitory)", pairs, n * (n - 1) / 2, excitatory + inhibitory, excitatory, inhibitory);
  if (failed > 0)
    printf (", %" G_GUINT64_FORMAT " directed edges failed to fit (see their status with --output-edges)",
            failed);
  printf (".\n");
}

int
glmcc_cli_run_main (int    argc,
                    char **argv)
{
  GlmccCliCommon common;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output_matrix = NULL, *output_edges = NULL, *output_json = NULL;
  g_autofree char *output_graphml = NULL, *resume = NULL, *shard = NULL;
  g_autofree char *partial_json = NULL;
  gboolean progress = FALSE, interrupted = FALSE, tty;
  guint shard_index = 0, shard_count = 1, sigint_id, sigterm_id;
  RunJob job = { 0 };
  GThread *thread;
  gint64 started;
  guint progress_id = 0;
  int status = GLMCC_EXIT_OK;
  const GOptionEntry entries[] = {
    { "output-matrix", 0, 0, G_OPTION_ARG_FILENAME, &output_matrix,
      "Write the N×N PSP matrix (mV; row = pre, column = post)", "FILE.csv" },
    { "output-edges", 0, 0, G_OPTION_ARG_FILENAME, &output_edges,
      "Write one row per directed pair with its status", "FILE.tsv" },
    { "output-json", 0, 0, G_OPTION_ARG_FILENAME, &output_json,
      "Write parameters, recording, neurons and edges", "FILE.json" },
    { "output-graphml", 0, 0, G_OPTION_ARG_FILENAME, &output_graphml,
      "Write the significant connections as a graph", "FILE.graphml" },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress,
      "Show progress, rate and ETA on stderr", NULL },
    { "resume", 0, 0, G_OPTION_ARG_FILENAME, &resume,
      "Continue an interrupted run from its JSON output", "FILE.json" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard,
      "Compute only the K-th of N equal slices of the pairs (for clusters)", "K/N" },
    { NULL }
  };

  glmcc_cli_common_init (&common);
  context = g_option_context_new ("RECORDING — every pair of neurons");
  g_option_context_set_summary (context,
    "Fits GLMCC to the cross-correlogram of every pair of neurons and reports the significant\n"
    "synaptic connections. Without an --output option, prints them as a table.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, glmcc_cli_load_group (&common));
  g_option_context_add_group (context, glmcc_cli_params_group (&common));
  if (!glmcc_cli_parse (context, &argc, &argv))
    {
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_USAGE;
    }
  if (argc != 2)
    {
      glmcc_cli_error ("run", "expected one RECORDING (a folder or file), got %d arguments", argc - 1);
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_USAGE;
    }
  if (!glmcc_cli_common_finish (&common, &error)
      || (shard != NULL && !parse_shard (shard, &shard_index, &shard_count)))
    {
      if (error != NULL)
        glmcc_cli_error ("run", "%s", error->message);
      else
        glmcc_cli_error ("run", "--shard: '%s' is not K/N with 1 ≤ K ≤ N", shard);
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_USAGE;
    }

  recording = glmcc_cli_load (&common, argv[1], &error);
  if (recording == NULL)
    {
      glmcc_cli_error ("run", "%s", error->message);
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_FAILURE;
    }

  results = glmcc_results_new (recording, &common.params);
  if (resume != NULL)
    {
      g_autoptr(GlmccResults) previous = glmcc_results_load_json (resume, &error);

      if (previous == NULL || !glmcc_results_merge (results, previous, &error))
        {
          glmcc_cli_error ("run", "--resume %s: %s", resume, error->message);
          glmcc_cli_common_clear (&common);
          return GLMCC_EXIT_FAILURE;
        }
      fprintf (stderr, "glmcc run: resuming; %" G_GUINT64_FORMAT " pairs already done in %s\n",
               glmcc_results_count_done (results), resume);
    }
  glmcc_results_set_shard (results, shard_index, shard_count);

  engine = glmcc_engine_new (results);
  glmcc_engine_set_threads (engine, (guint) common.threads);
  glmcc_engine_set_shard (engine, shard_index, shard_count);
  cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);

  tty = isatty (STDERR_FILENO);
  if (progress)
    fprintf (stderr, "glmcc run: %" G_GUINT64_FORMAT " pairs to fit on %u threads (Ctrl-C stops "
                     "and keeps what is done)\n", glmcc_engine_get_n_total (engine),
             glmcc_engine_get_n_threads (engine));
  job.engine = engine;
  job.cancellable = cancellable;
  started = g_get_monotonic_time ();
  thread = g_thread_new ("glmcc-run", run_worker, &job);
  /* The worker wakes this loop when it finishes; a timer wakes it for the progress line. */
  if (progress)
    progress_id = g_timeout_add (tty ? 250 : 5000, wake_up, NULL);
  while (!g_atomic_int_get (&job.finished))
    {
      g_main_context_iteration (NULL, TRUE);
      if (progress && !g_atomic_int_get (&job.finished))
        print_progress (glmcc_engine_get_n_done (engine), glmcc_engine_get_n_total (engine),
                        (g_get_monotonic_time () - started) / 1e6, tty, FALSE);
    }
  if (progress_id != 0)
    g_source_remove (progress_id);
  g_thread_join (thread);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (progress)
    print_progress (glmcc_engine_get_n_done (engine), glmcc_engine_get_n_total (engine),
                    (g_get_monotonic_time () - started) / 1e6, tty, TRUE);

  if (job.error != NULL)
    {
      if (g_error_matches (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        interrupted = TRUE;
      else
        {
          glmcc_cli_error ("run", "%s", job.error->message);
          status = GLMCC_EXIT_FAILURE;
        }
      g_clear_error (&job.error);
    }

  /* An interrupted run keeps what it finished: in the requested JSON, or else in one that
   * --resume can continue from. */
  if (interrupted && output_json == NULL)
    {
      partial_json = g_strdup ("glmcc-run.partial.json");
      output_json = g_strdup (partial_json);
    }

  if (output_matrix != NULL && !glmcc_results_write_matrix (results, output_matrix, &error))
    goto write_failed;
  if (output_edges != NULL && !glmcc_results_write_edges (results, output_edges, &error))
    goto write_failed;
  if (output_json != NULL && !glmcc_results_write_json (results, output_json, &error))
    goto write_failed;
  if (output_graphml != NULL && !glmcc_results_write_graphml (results, output_graphml, &error))
    goto write_failed;

  if (output_matrix == NULL && output_edges == NULL && output_graphml == NULL
      && (output_json == NULL || partial_json != NULL))
    print_table (results);

  if (interrupted)
    {
      fprintf (stderr, "glmcc run: stopped after %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                       " pairs; continue with: glmcc run %s --resume %s (and the same options)\n",
               glmcc_engine_get_n_done (engine), glmcc_engine_get_n_total (engine), argv[1],
               output_json);
      status = EXIT_INTERRUPTED;
    }
  glmcc_cli_common_clear (&common);
  return status;

write_failed:
  glmcc_cli_error ("run", "%s", error->message);
  glmcc_cli_common_clear (&common);
  return GLMCC_EXIT_FAILURE;
}
