/* glmcc-cli-run.c: `glmcc run`, every pair of a recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <glib-unix.h>
#include <gio/gio.h>

#include "glmcc-cli.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"
#include "glmcc-fdr.h"
#include "glmcc-output.h"
#include "glmcc-results.h"
#include "glmcc-results-file.h"
#include "glmcc-results-hdf5.h"
#include "glmcc-i18n.h"

/* Checkpoints: at most every DEFAULT_CHECKPOINT_S seconds, and each one costing no more than
 * 2 % of the time since the one before, so that together they cost at most 2 % of the run. The
 * cost is the processor time of this thread (taken from the workers); waiting for the disk
 * (fsync) takes nothing from them. A checkpoint costs in proportion to the finished pairs it
 * writes; before the first one is measured, a pair is taken to cost FIRST_GUESS_US (this
 * project's machine writes one in about 3.5 µs).
 * When pairs are computed faster than 2 % of their writing time allows (the tile engine does
 * some 13,000 a second on two cores, and a JSON pair costs 3.5 µs), the share alone would never
 * allow one: then a checkpoint is also taken whenever the finished pairs have doubled since the
 * last one, so that all of them together cost at most twice the final write. */
#define DEFAULT_CHECKPOINT_S 5.0
#define CHECKPOINT_MAX_SHARE 0.02
#define FIRST_GUESS_US 5.0

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
      fprintf (stderr, _("\nglmcc run: interrupted again; quitting without writing\n"));
      _exit (GLMCC_EXIT_INTERRUPTED);
    }
  fprintf (stderr, _("\nglmcc run: interrupted; finishing the pairs under way and writing what is done "
                   "(Ctrl-C again to quit at once)\n"));
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
      /* The carriage return stays out of the message: translators never see control codes. */
      fputc ('\r', stderr);
      fprintf (stderr, _("[%s] %5.1f%%  %" PRIu64 "/%" PRIu64 " pairs  "
                         "%.0f pairs/s  elapsed %s  ETA %s "), bar, 100.0 * fraction, done, total,
               rate, elapsed_text, eta_text);
      if (last)
        fputc ('\n', stderr);
    }
  else
    fprintf (stderr, _("glmcc run: %" PRIu64 "/%" PRIu64 " pairs (%.1f%%), "
                     "%.0f pairs/s, elapsed %s, ETA %s\n"), done, total, 100.0 * fraction, rate,
             elapsed_text, eta_text);
  fflush (stderr);
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
        printf (_("%-*s -> %-*s  %+9.3f  %+9.4f  %9.4f  %9.2g  %g ms\n"), width,
                glmcc_results_get_name (results, pre), width, glmcc_results_get_name (results, post),
                edge->psp_mv, edge->j, lr ? edge->statistic : edge->threshold, edge->p_value,
                edge->delay_ms);
      }
  pairs = glmcc_results_count_done (results);
  printf (_("\n%" PRIu64 " of %" PRIu64 " pairs analysed: %" PRIu64
          " significant connections (%" PRIu64 " excitatory, %" PRIu64
          " inhibitory)"), pairs, glmcc_pair_count (n), excitatory + inhibitory, excitatory, inhibitory);
  if (failed > 0)
    printf (_(", %" PRIu64 " directed edges failed to fit (see their status with --output-edges)"),
            failed);
  printf (".\n");
}

/* The finished pairs, saved into the --output-json file during the run, so that a run killed
 * without warning (kill -9, a node lost) can be resumed from it. Written atomically (a new file
 * renamed over the old one), so the file is always a whole results file. */
typedef struct
{
  const char *path;         /* NULL: no checkpoints */
  gint64      interval_us;
  gint64      last_end;     /* monotonic time the last one ended (or the run started) */
  double      us_per_pair;  /* processor time */
  guint64     done_at_last;
  gint64      spent_us;     /* wall time */
  gint64      spent_cpu_us;
  guint       count;
  gboolean    warned;
} Checkpoint;

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return g_get_monotonic_time ();
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
checkpoint_maybe (Checkpoint   *checkpoint,
                  GlmccResults *results)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time (), cpu;
  guint64 done;

  if (checkpoint->path == NULL || now < checkpoint->last_end + checkpoint->interval_us)
    return;
  done = glmcc_results_count_done (results);
  if (done == checkpoint->done_at_last
      || (checkpoint->us_per_pair * done > CHECKPOINT_MAX_SHARE * (now - checkpoint->last_end)
          && done < 2 * checkpoint->done_at_last))
    return;
  cpu = thread_cpu_us ();
  if (!glmcc_results_write_json (results, checkpoint->path, &error) && !checkpoint->warned)
    {
      glmcc_cli_error ("run", _("checkpoint failed (the run goes on): %s"), error->message);
      checkpoint->warned = TRUE;
    }
  checkpoint->last_end = g_get_monotonic_time ();
  cpu = thread_cpu_us () - cpu;
  checkpoint->spent_us += checkpoint->last_end - now;
  checkpoint->spent_cpu_us += cpu;
  checkpoint->count++;
  checkpoint->done_at_last = done;
  checkpoint->us_per_pair = (double) cpu / MAX (done, 1);
}

/* The --output-hdf5 file, written as pairs finish: every checkpoint interval the blocks of pairs
 * finished since the last sync are written and flushed. A sync costs in proportion to the pairs
 * it writes, not to the file, so it needs no budget like the JSON's. */
typedef struct
{
  GlmccResultsHdf5Writer *writer;  /* NULL: no HDF5 output */
  gint64      interval_us;         /* 0: only at the end */
  gint64      last_end;
  gint64      spent_us;
  gint64      spent_cpu_us;
  guint       count;
  gboolean    warned;
} Hdf5Sync;

static void
hdf5_sync_maybe (Hdf5Sync *sync)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time (), cpu;

  if (sync->writer == NULL || sync->interval_us == 0 || now < sync->last_end + sync->interval_us)
    return;
  cpu = thread_cpu_us ();
  if (!glmcc_results_hdf5_writer_sync (sync->writer, &error) && !sync->warned)
    {
      glmcc_cli_error ("run", _("saving into --output-hdf5 failed (the run goes on): %s"),
                       error->message);
      sync->warned = TRUE;
    }
  sync->last_end = g_get_monotonic_time ();
  sync->spent_us += sync->last_end - now;
  sync->spent_cpu_us += thread_cpu_us () - cpu;
  sync->count++;
}

static int
usage_failed (GlmccCliCommon  *common,
              GlmccCliOutputs *outputs,
              const GError    *error)
{
  glmcc_cli_error ("run", "%s", error->message);
  glmcc_cli_common_clear (common);
  glmcc_cli_outputs_clear (outputs);
  return GLMCC_EXIT_USAGE;
}

int
glmcc_cli_run_main (int    argc,
                    char **argv)
{
  GlmccCliCommon common;
  GlmccCliOutputs outputs = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *resume = NULL, *shard = NULL, *checkpoint_text = NULL;
  gboolean progress = FALSE, interrupted = FALSE, print, tty;
  guint shard_index = 0, shard_count = 1, sigint_id, sigterm_id;
  double checkpoint_s = DEFAULT_CHECKPOINT_S;
  gint64 seed = -1;
  Checkpoint checkpoint = { 0 };
  Hdf5Sync hdf5 = { 0 };
  gboolean hdf5_finished = FALSE;
  RunJob job = { 0 };
  GThread *thread;
  gint64 started;
  guint wake_id = 0;
  int status = GLMCC_EXIT_OK;
  const GOptionEntry entries[] = {
    { "output-matrix", 0, 0, G_OPTION_ARG_FILENAME, &outputs.matrix,
      N_("Write the N×N PSP matrix (mV; row = pre, column = post)"), "FILE.csv" },
    { "output-edges", 0, 0, G_OPTION_ARG_FILENAME, &outputs.edges,
      N_("Write one row per directed pair with its status"), "FILE.tsv" },
    { "output-json", 0, 0, G_OPTION_ARG_FILENAME, &outputs.json,
      N_("Write parameters, recording, neurons and edges (and the finished pairs during the run)"),
      "FILE.json" },
    { "output-graphml", 0, 0, G_OPTION_ARG_FILENAME, &outputs.graphml,
      N_("Write the significant connections as a graph"), "FILE.graphml" },
    { "output-hdf5", 0, 0, G_OPTION_ARG_FILENAME, &outputs.hdf5,
      N_("Write everything into a compressed HDF5 file as pairs finish (large runs; resumable)"),
      "FILE.h5" },
    { "output-analysis", 0, 0, G_OPTION_ARG_FILENAME, &outputs.analysis,
      N_("Write a saved analysis that GLMCC Studio opens for curation"), "FILE.glmcc" },
    { "partial", 0, 0, G_OPTION_ARG_NONE, &outputs.partial,
      N_("Write the matrix and GraphML of an incomplete run too (pending pairs NaN)"), NULL },
    { "checkpoint", 0, 0, G_OPTION_ARG_STRING, &checkpoint_text,
      N_("Save the finished pairs into --output-json and --output-hdf5 at most every S seconds "
      "(default 5; 0: never)"),
      "S" },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress,
      N_("Show progress, rate and ETA on stderr"), NULL },
    { "resume", 0, 0, G_OPTION_ARG_FILENAME, &resume,
      N_("Continue an interrupted run from its JSON or HDF5 output"), "FILE.json|FILE.h5" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard,
      N_("Compute only the K-th of N equal slices of the pairs (for clusters)"), "K/N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Jitter method: seed of the surrogates (default 1)"), "K" },
    { NULL }
  };

  glmcc_cli_common_init (&common);
  context = g_option_context_new (N_("RECORDING — every pair of neurons"));
  g_option_context_set_summary (context,
    N_("Fits GLMCC to the cross-correlogram of every pair of neurons and reports the significant\n"
    "synaptic connections. Without an --output option, prints them as a table."));
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, glmcc_cli_load_group (&common));
  g_option_context_add_group (context, glmcc_cli_params_group (&common));
  if (!glmcc_cli_parse (context, &argc, &argv))
    {
      glmcc_cli_common_clear (&common);
      glmcc_cli_outputs_clear (&outputs);
      return GLMCC_EXIT_USAGE;
    }
  if (argc != 2)
    {
      glmcc_cli_error ("run", _("expected one RECORDING (a folder or file), got %d arguments"), argc - 1);
      glmcc_cli_common_clear (&common);
      glmcc_cli_outputs_clear (&outputs);
      return GLMCC_EXIT_USAGE;
    }
  if (!glmcc_cli_common_finish (&common, &error)
      || (shard != NULL && !glmcc_cli_parse_shard ("--shard", shard, &shard_index, &shard_count, &error))
      || !glmcc_cli_parse_number ("--checkpoint", checkpoint_text, &checkpoint_s, &error)
      || (seed != -1 && !glmcc_cli_parse_seed ("--seed", seed, &common.params.seed, &error)))
    return usage_failed (&common, &outputs, error);
  if (seed != -1 && common.params.method != GLMCC_METHOD_JITTER)
    {
      g_set_error (&error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   _("--seed: only the jitter method uses it (add --method jitter)"));
      return usage_failed (&common, &outputs, error);
    }
  if (checkpoint_s < 0.0)
    {
      g_set_error (&error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   _("--checkpoint: %g is not a number of seconds (0 turns checkpoints off)"), checkpoint_s);
      return usage_failed (&common, &outputs, error);
    }

  /* Every output is checked before an hour of work, not after it. The JSON or the HDF5 file may
   * be the file --resume reads: it is read before anything is written. */
  {
    const GlmccCliInput inputs[] = { { argv[1], "the recording" } };
    const GlmccCliOutputs others = { .matrix = outputs.matrix, .edges = outputs.edges,
                                     .graphml = outputs.graphml, .analysis = outputs.analysis };
    const GlmccCliInput resumed[] = { { resume, "the file given to --resume" } };

    if (!glmcc_cli_outputs_check (&outputs, inputs, G_N_ELEMENTS (inputs), &error)
        || (resume != NULL && !glmcc_cli_outputs_check (&others, resumed, 1, &error)))
      return usage_failed (&common, &outputs, error);
  }
  if (shard_count > 1 && !outputs.partial && (outputs.matrix != NULL || outputs.graphml != NULL))
    {
      g_set_error (&error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   _("--shard: one shard is not the whole matrix or graph; write --output-hdf5 (or "
                   "--output-json) and join the shards with 'glmcc merge', or add --partial"));
      return usage_failed (&common, &outputs, error);
    }

  recording = glmcc_cli_load (&common, argv[1], &error);
  if (recording == NULL)
    {
      glmcc_cli_error ("run", "%s", error->message);
      glmcc_cli_common_clear (&common);
      glmcc_cli_outputs_clear (&outputs);
      return GLMCC_EXIT_FAILURE;
    }

  results = glmcc_results_new (recording, &common.params);
  outputs.recording_path = argv[1];
  outputs.load = &common.load;
  if (resume != NULL)
    {
      /* An HDF5 file is streamed into the results block by block; a JSON one read whole. */
      if (!glmcc_results_merge_file (results, resume, NULL, NULL, &error))
        {
          glmcc_cli_error ("run", _("--resume %s: %s"), resume, error->message);
          glmcc_cli_common_clear (&common);
          glmcc_cli_outputs_clear (&outputs);
          return GLMCC_EXIT_FAILURE;
        }
      fprintf (stderr, _("glmcc run: resuming; %" PRIu64 " pairs already done in %s\n"),
               glmcc_results_count_done (results), resume);
    }
  glmcc_results_set_shard (results, shard_index, shard_count);

  /* The HDF5 file holds the finished pairs from the start (a resumed run's too). The storage of
   * the slice is taken first, so that a run refused for memory leaves no file behind. */
  if (outputs.hdf5 != NULL)
    {
      guint64 first, last;

      glmcc_shard_range (glmcc_results_get_n_neurons (results), shard_index, shard_count,
                         &first, &last);
      if (glmcc_results_reserve (results, first, last, &error))
        hdf5.writer = glmcc_results_hdf5_writer_new (results, outputs.hdf5, &error);
      if (hdf5.writer == NULL)
        {
          glmcc_cli_error ("run", "%s", error->message);
          glmcc_cli_common_clear (&common);
          glmcc_cli_outputs_clear (&outputs);
          return GLMCC_EXIT_FAILURE;
        }
      hdf5.interval_us = (gint64) (checkpoint_s * G_USEC_PER_SEC);
      hdf5.last_end = g_get_monotonic_time ();
    }

  engine = glmcc_engine_new (results);
  glmcc_engine_set_threads (engine, (guint) common.threads);
  glmcc_engine_set_shard (engine, shard_index, shard_count);
  cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);

  /* A device or FIFO (/dev/stdout) cannot be replaced atomically: no checkpoints into it. */
  if (outputs.json != NULL && checkpoint_s > 0.0 && glmcc_output_is_replaceable (outputs.json))
    {
      checkpoint.path = outputs.json;
      checkpoint.interval_us = (gint64) (checkpoint_s * G_USEC_PER_SEC);
      checkpoint.last_end = g_get_monotonic_time ();
      checkpoint.us_per_pair = FIRST_GUESS_US;
    }

  tty = isatty (STDERR_FILENO);
  if (progress)
    fprintf (stderr, _("glmcc run: %" PRIu64 " pairs to fit on %u threads (Ctrl-C stops "
                     "and keeps what is done)\n"), glmcc_engine_get_n_total (engine),
             glmcc_engine_get_n_threads (engine));
  job.engine = engine;
  job.cancellable = cancellable;
  started = g_get_monotonic_time ();
  thread = g_thread_try_new ("glmcc-run", run_worker, &job, NULL);
  if (thread == NULL)
    {
      /* No thread for the engine: run it here, without progress or a clean Ctrl-C. */
      g_source_remove (sigint_id);
      g_source_remove (sigterm_id);
      sigint_id = sigterm_id = 0;
      run_worker (&job);
    }
  /* The worker wakes this loop when it finishes; a timer wakes it for the progress line and
   * the checkpoints. */
  if (progress || checkpoint.path != NULL || hdf5.interval_us > 0)
    {
      guint period_ms = progress ? (tty ? 250 : 5000) : 1000;

      if (checkpoint.path != NULL || hdf5.interval_us > 0)
        period_ms = (guint) CLAMP ((checkpoint_s * G_USEC_PER_SEC) / 1000, 10, (gint64) period_ms);
      wake_id = g_timeout_add (period_ms, wake_up, NULL);
    }
  while (!g_atomic_int_get (&job.finished))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_atomic_int_get (&job.finished))
        break;
      if (progress)
        print_progress (glmcc_engine_get_n_done (engine), glmcc_engine_get_n_total (engine),
                        (g_get_monotonic_time () - started) / 1e6, tty, FALSE);
      if (!g_cancellable_is_cancelled (cancellable))
        {
          checkpoint_maybe (&checkpoint, results);
          hdf5_sync_maybe (&hdf5);
        }
    }
  if (wake_id != 0)
    g_source_remove (wake_id);
  if (thread != NULL)
    g_thread_join (thread);
  if (sigint_id != 0)
    {
      g_source_remove (sigint_id);
      g_source_remove (sigterm_id);
    }
  if (progress)
    {
      double elapsed = (g_get_monotonic_time () - started) / 1e6;

      print_progress (glmcc_engine_get_n_done (engine), glmcc_engine_get_n_total (engine),
                      elapsed, tty, TRUE);
      if (checkpoint.count > 0)
        fprintf (stderr, _("glmcc run: %u checkpoints into %s took %.3f s (%.3f s of processor "
                         "time, %.2f %% of the run)\n"),
                 checkpoint.count, checkpoint.path, checkpoint.spent_us / 1e6,
                 checkpoint.spent_cpu_us / 1e6,
                 100.0 * checkpoint.spent_cpu_us / 1e6 / MAX (elapsed, 1e-9));
      if (hdf5.count > 0)
        fprintf (stderr, _("glmcc run: %u saves into %s took %.3f s (%.3f s of processor time, "
                         "%.2f %% of the run)\n"), hdf5.count, outputs.hdf5, hdf5.spent_us / 1e6,
                 hdf5.spent_cpu_us / 1e6, 100.0 * hdf5.spent_cpu_us / 1e6 / MAX (elapsed, 1e-9));
    }

  if (job.error != NULL)
    {
      if (!g_error_matches (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Refused before it started (too large for memory): nothing new to write. */
          glmcc_cli_error ("run", "%s", job.error->message);
          g_clear_error (&job.error);
          glmcc_results_hdf5_writer_free (hdf5.writer);
          glmcc_cli_common_clear (&common);
          glmcc_cli_outputs_clear (&outputs);
          return GLMCC_EXIT_FAILURE;
        }
      interrupted = TRUE;
      status = GLMCC_EXIT_INTERRUPTED;
      g_clear_error (&job.error);
    }

  /* q-values (and, with --fdr, the decisions) need every edge of the run. */
  if (!glmcc_results_compute_q_values (results, NULL) && common.params.fdr > 0.0)
    fprintf (stderr, _("glmcc run: --fdr: %s decides by p ≤ α; the decisions by q are made when "
                     "the run is complete (glmcc merge, or --resume)\n"),
             shard_count > 1 ? _("this shard") : _("this incomplete run"));

  /* The HDF5 file is finished first (with the q-values just computed). */
  if (hdf5.writer != NULL)
    {
      g_autoptr(GError) hdf5_error = NULL;

      if (!glmcc_results_hdf5_writer_finish (g_steal_pointer (&hdf5.writer), &hdf5_error))
        {
          glmcc_cli_error ("run", "%s", hdf5_error->message);
          status = GLMCC_EXIT_FAILURE;
        }
      else
        hdf5_finished = TRUE;
    }

  /* An interrupted run keeps what it finished: in the requested JSON or HDF5 file, or else in
   * a JSON file that --resume can continue from. */
  print = !glmcc_cli_outputs_any (&outputs);
  if (interrupted && outputs.json == NULL && outputs.hdf5 == NULL)
    outputs.json = g_strdup ("glmcc-run.partial.json");
  {
    /* Written above, as the run went. */
    g_autofree char *hdf5_path = g_steal_pointer (&outputs.hdf5);

    outputs.hdf5_finished = hdf5_finished ? hdf5_path : NULL;
    if (!glmcc_cli_outputs_write ("run", &outputs, results))
      status = GLMCC_EXIT_FAILURE;
    outputs.hdf5 = g_steal_pointer (&hdf5_path);
    outputs.hdf5_finished = NULL;
  }
  if (print)
    print_table (results);

  if (interrupted)
    {
      const char *saved = outputs.hdf5 != NULL ? outputs.hdf5 : outputs.json;

      fprintf (stderr, _("glmcc run: stopped after %" PRIu64 " of %" PRIu64
                       " pairs; continue with: glmcc run %s --resume %s --output-%s %s (and the "
                       "same options)\n"), glmcc_engine_get_n_done (engine),
               glmcc_engine_get_n_total (engine), argv[1], saved,
               outputs.hdf5 != NULL ? "hdf5" : "json", saved);
    }
  glmcc_cli_common_clear (&common);
  glmcc_cli_outputs_clear (&outputs);
  return status;
}
