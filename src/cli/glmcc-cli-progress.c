/* glmcc-cli-progress.c: running the engine from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine works in a thread of its own; this thread only waits on a private main context
 * for three things: a periodic tick (progress), a signal (cancel) and the end of the run.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib-unix.h>

#include "glmcc-cli-progress.h"

typedef struct
{
  GlmccEngine  *engine;
  const char   *command;
  GCancellable *cancellable;
  GMainContext *context;
  GError       *error;
  gboolean      ok;
  gint          finished;     /* atomic */
  gboolean      tty;
  gint64        start_us;
  guint         width;        /* of the last line drawn in place */
  gboolean      interrupted;
} Run;

static gpointer
run_thread (gpointer data)
{
  Run *run = data;

  run->ok = glmcc_engine_run (run->engine, run->cancellable, &run->error);
  g_atomic_int_set (&run->finished, TRUE);
  g_main_context_wakeup (run->context);
  return NULL;
}

static char *
format_eta (double seconds)
{
  if (!(seconds >= 0) || seconds > 360000)
    return g_strdup ("--:--");
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) seconds / 3600, (int) seconds / 60 % 60,
                            (int) seconds % 60);
  return g_strdup_printf ("%d:%02d", (int) seconds / 60, (int) seconds % 60);
}

static void
report (Run      *run,
        gboolean  final)
{
  guint64 done = glmcc_engine_get_n_done (run->engine);
  guint64 total = glmcc_engine_get_n_total (run->engine);
  double elapsed = (g_get_monotonic_time () - run->start_us) / 1e6;
  double rate = elapsed > 0 ? done / elapsed : 0;
  double fraction = total > 0 ? (double) done / total : 1.0;
  g_autofree char *eta = format_eta (rate > 0 ? (total - done) / rate : -1);

  if (run->tty)
    {
      const guint bar = 30;
      guint filled = (guint) (fraction * bar);
      g_autoptr(GString) line = g_string_new ("\r[");

      for (guint k = 0; k < bar; k++)
        g_string_append_c (line, k < filled ? '#' : '.');
      g_string_append_printf (line, "] %5.1f %%  %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                              " pairs  %.0f pairs/s  ETA %s", 100 * fraction, done, total,
                              rate, eta);
      while (line->len < run->width)
        g_string_append_c (line, ' ');
      run->width = line->len;
      fputs (line->str, stderr);
      if (final)
        fputc ('\n', stderr);
    }
  else
    {
      g_autofree char *spent = format_eta (elapsed);

      fprintf (stderr, "glmcc %s: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " pairs (%.1f %%), "
               "%.0f pairs/s, %s %s\n", run->command, done, total, 100 * fraction, rate,
               final ? "elapsed" : "ETA", final ? spent : eta);
    }
  fflush (stderr);
}

static gboolean
on_tick (gpointer data)
{
  report (data, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_signal (gpointer data)
{
  Run *run = data;

  if (!run->interrupted)
    {
      run->interrupted = TRUE;
      if (run->tty && run->width > 0)
        fputc ('\n', stderr);
      fprintf (stderr, "glmcc %s: interrupted; finishing the pairs in progress\n", run->command);
      run->width = 0;
    }
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static GSource *
attach (GSource     *source,
        GSourceFunc  func,
        Run         *run)
{
  g_source_set_callback (source, func, run, NULL);
  g_source_attach (source, run->context);
  return source;
}

gboolean
glmcc_cli_run_engine (GlmccEngine *engine,
                      const char  *command,
                      gboolean     show_progress,
                      GError     **error)
{
  Run run = { 0 };
  GSource *tick = NULL, *sigint, *sigterm;
  GThread *thread;

  g_return_val_if_fail (engine != NULL, FALSE);

  run.engine = engine;
  run.command = command;
  run.cancellable = g_cancellable_new ();
  run.context = g_main_context_new ();
  run.tty = isatty (fileno (stderr));
  run.start_us = g_get_monotonic_time ();

  g_main_context_push_thread_default (run.context);
  sigint = attach (g_unix_signal_source_new (SIGINT), on_signal, &run);
  sigterm = attach (g_unix_signal_source_new (SIGTERM), on_signal, &run);
  if (show_progress)
    tick = attach (g_timeout_source_new (run.tty ? 250 : 10000), on_tick, &run);

  thread = g_thread_new ("glmcc-engine", run_thread, &run);
  while (!g_atomic_int_get (&run.finished))
    g_main_context_iteration (run.context, TRUE);
  g_thread_join (thread);

  if (show_progress)
    report (&run, TRUE);

  if (tick != NULL)
    {
      g_source_destroy (tick);
      g_source_unref (tick);
    }
  g_source_destroy (sigint);
  g_source_unref (sigint);
  g_source_destroy (sigterm);
  g_source_unref (sigterm);
  g_main_context_pop_thread_default (run.context);
  g_main_context_unref (run.context);
  g_object_unref (run.cancellable);

  if (!run.ok)
    g_propagate_error (error, run.error);
  return run.ok;
}
