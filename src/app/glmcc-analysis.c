/* glmcc-analysis.c: runs the engine over every pair in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One complete engine run (no slices: the results of a finished run say shard 1 of 1, as a
 * `glmcc run` of the same recording does). The engine tells about each finished pair from
 * its worker threads; the pair goes into a list under a lock, and the main thread takes the
 * list a few times a second, copies those pairs' edges (written before the lock was taken,
 * so complete) and hands them on. A cancel keeps every finished pair.
 *
 * The engine's threads lower their own priority, so on a machine with as many workers as
 * cores the interface thread (and the display server) still get the processor first.
 */
#define G_LOG_DOMAIN "glmcc-analysis"

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <gio/gio.h>

#include "glmcc-analysis.h"
#include "glmcc-analysis-private.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"
#include "glmcc-fdr.h"

/* The niceness of the engine's threads. */
#define BACKGROUND_NICENESS 10
#define PROGRESS_INTERVAL_MS 100
/* Pairs are handed over at most this often: every hand-over costs a list update. */
#define HAND_OVER_INTERVAL_US (250 * 1000)

struct _GlmccAnalysis
{
  GObject          parent_instance;

  GlmccRecording  *recording;
  GlmccResults    *results;
  GCancellable    *cancellable;
  GError          *error;
  double          *q_values;        /* set by the worker before "finished" */

  guint64          n_total;
  guint64          n_done;          /* as last reported on the main thread */
  gint64           started_at;
  gint64           finished_at;
  gint64           handed_at;
  guint            poll_id;
  gboolean         running;
  gboolean         cancelled;
  guint            hold_after;      /* test hook: workers wait after this many pairs */

  /* Shared with the workers. */
  GlmccEngine     *engine;          /* set before the worker starts, freed after it ends */
  GMutex           lock;
  GArray          *finished;        /* guint pairs (ref, target) not yet handed over */
  guint64          n_finished;      /* every pair reported, under lock */
};

G_DEFINE_FINAL_TYPE (GlmccAnalysis, glmcc_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DONE,
  PROP_RUNNING,
  N_PROPS
};

enum {
  PAIRS_READY,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GPrivate background_thread;

/* Lowers the priority of the calling thread (once per thread). Linux gives every thread its
 * own nice value; elsewhere the whole process would change, so nothing is done there. */
void
glmcc_thread_enter_background (void)
{
  if (g_private_get (&background_thread) != NULL)
    return;
  g_private_set (&background_thread, GINT_TO_POINTER (1));
#ifdef __linux__
  (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICENESS);
#endif
}

GlmccAnalysis *
glmcc_analysis_new (GlmccRecording    *recording,
                    const GlmccParams *params)
{
  GlmccAnalysis *self;
  guint n;

  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  self = g_object_new (GLMCC_TYPE_ANALYSIS, NULL);
  self->recording = glmcc_recording_ref (recording);
  self->results = glmcc_results_new (recording, params);
  n = glmcc_recording_get_n_neurons (recording);
  self->n_total = glmcc_pair_count (n);
  return self;
}

/* In a worker thread, right after the engine stored the pair. */
static void
pair_done_cb (guint    reference,
              guint    target,
              gpointer user_data)
{
  GlmccAnalysis *self = user_data;
  guint pair[2] = { reference, target };
  guint64 n_finished;

  glmcc_thread_enter_background ();
  g_mutex_lock (&self->lock);
  g_array_append_vals (self->finished, pair, 2);
  n_finished = ++self->n_finished;
  g_mutex_unlock (&self->lock);

  /* Test hook: hold every worker here until cancelled, so a test can cancel half-way. */
  while (self->hold_after != 0 && n_finished >= self->hold_after &&
         !g_cancellable_is_cancelled (self->cancellable))
    g_usleep (2000);
}

static void
hand_over (GlmccAnalysis *self)
{
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GPtrArray) batch = NULL;

  g_mutex_lock (&self->lock);
  if (self->finished->len > 0)
    {
      pairs = g_steal_pointer (&self->finished);
      self->finished = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  g_mutex_unlock (&self->lock);

  self->handed_at = g_get_monotonic_time ();
  if (pairs == NULL)
    return;

  batch = g_ptr_array_new_full (pairs->len / 2, g_free);
  for (guint k = 0; k + 1 < pairs->len; k += 2)
    {
      GlmccFinishedPair *pair = g_new0 (GlmccFinishedPair, 1);

      pair->ref = g_array_index (pairs, guint, k);
      pair->target = g_array_index (pairs, guint, k + 1);
      pair->forward = glmcc_results_get_edge (self->results, pair->ref, pair->target);
      pair->backward = glmcc_results_get_edge (self->results, pair->target, pair->ref);
      g_ptr_array_add (batch, pair);
    }
  g_signal_emit (self, signals[PAIRS_READY], 0, batch);
}

static void
update_progress (GlmccAnalysis *self,
                 gboolean       final)
{
  guint64 done = MIN (glmcc_engine_get_n_done (self->engine), self->n_total);

  if (final || g_get_monotonic_time () - self->handed_at >= HAND_OVER_INTERVAL_US)
    hand_over (self);
  if (done != self->n_done)
    {
      self->n_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }
}

static gboolean
poll_cb (gpointer data)
{
  update_progress (GLMCC_ANALYSIS (data), FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
finished_cb (gpointer data)
{
  GlmccAnalysis *self = data;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->finished_at = g_get_monotonic_time ();
  update_progress (self, TRUE);
  self->running = FALSE;
  self->cancelled = g_cancellable_is_cancelled (self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0);
  return G_SOURCE_REMOVE;
}

static gpointer
analysis_worker (gpointer data)
{
  GlmccAnalysis *self = data;
  g_autoptr(GError) error = NULL;

  glmcc_thread_enter_background ();
  if (!glmcc_engine_run (self->engine, self->cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, GLMCC_ERROR, GLMCC_ERROR_CANCELLED))
    self->error = g_steal_pointer (&error);
  /* The engine has stopped writing; the main thread only reads the results meanwhile. */
  if (self->error == NULL && !g_cancellable_is_cancelled (self->cancellable))
    self->q_values = glmcc_results_rank_q_values (self->results);

  g_idle_add_full (G_PRIORITY_DEFAULT, finished_cb, self, g_object_unref);
  return NULL;
}

void
glmcc_analysis_start (GlmccAnalysis *self)
{
  GThread *thread;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLMCC_IS_ANALYSIS (self));
  g_return_if_fail (!self->running && self->started_at == 0);

  self->engine = glmcc_engine_new (self->results);
  glmcc_engine_set_pair_func (self->engine, pair_done_cb, self);
  self->running = TRUE;
  self->started_at = g_get_monotonic_time ();
  self->handed_at = self->started_at;
  thread = g_thread_try_new ("glmcc-analysis", analysis_worker, g_object_ref (self), &error);
  if (thread == NULL)
    {
      g_set_error (&self->error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                   "could not start the analysis thread: %s", error->message);
      g_idle_add_full (G_PRIORITY_DEFAULT, finished_cb, self, g_object_unref);
    }
  else
    {
      g_thread_unref (thread);
      self->poll_id = g_timeout_add (PROGRESS_INTERVAL_MS, poll_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
glmcc_analysis_cancel (GlmccAnalysis *self)
{
  g_return_if_fail (GLMCC_IS_ANALYSIS (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
glmcc_analysis_is_running (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), FALSE);
  return self->running;
}

gboolean
glmcc_analysis_was_cancelled (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), FALSE);
  return self->cancelled;
}

GlmccResults *
glmcc_analysis_get_results (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), NULL);
  return self->results;
}

guint64
glmcc_analysis_get_n_done (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), 0);
  return self->n_done;
}

guint64
glmcc_analysis_get_n_total (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), 0);
  return self->n_total;
}

double
glmcc_analysis_get_rate (GlmccAnalysis *self)
{
  gint64 end;
  double seconds;

  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), 0.0);

  if (self->started_at == 0)
    return 0.0;
  end = self->running ? g_get_monotonic_time () : self->finished_at;
  seconds = (end - self->started_at) / (double) G_USEC_PER_SEC;
  return seconds > 0.0 ? self->n_done / seconds : 0.0;
}

double
glmcc_analysis_get_eta (GlmccAnalysis *self)
{
  double rate;

  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), -1.0);

  rate = glmcc_analysis_get_rate (self);
  if (!self->running)
    return 0.0;
  if (rate <= 0.0 || self->n_done == 0)
    return -1.0;
  return (self->n_total - self->n_done) / rate;
}

const GError *
glmcc_analysis_get_error (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), NULL);
  return self->error;
}

void
_glmcc_analysis_set_hold_after (GlmccAnalysis *self,
                                guint          n_pairs)
{
  g_return_if_fail (GLMCC_IS_ANALYSIS (self));
  self->hold_after = n_pairs;
}

static void
glmcc_analysis_dispose (GObject *object)
{
  GlmccAnalysis *self = GLMCC_ANALYSIS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);

  G_OBJECT_CLASS (glmcc_analysis_parent_class)->dispose (object);
}

static void
glmcc_analysis_finalize (GObject *object)
{
  GlmccAnalysis *self = GLMCC_ANALYSIS (object);

  /* The worker holds a reference until it has finished: the engine is idle here. */
  g_clear_pointer (&self->engine, glmcc_engine_free);
  g_clear_pointer (&self->results, glmcc_results_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  g_clear_pointer (&self->finished, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->q_values, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (glmcc_analysis_parent_class)->finalize (object);
}

static void
glmcc_analysis_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlmccAnalysis *self = GLMCC_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint64 (value, self->n_done);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_analysis_class_init (GlmccAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glmcc_analysis_dispose;
  object_class->finalize = glmcc_analysis_finalize;
  object_class->get_property = glmcc_analysis_get_property;

  properties[PROP_N_DONE] =
    g_param_spec_uint64 ("n-done", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PAIRS_READY] =
    g_signal_new ("pairs-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
glmcc_analysis_init (GlmccAnalysis *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->finished = g_array_new (FALSE, FALSE, sizeof (guint));
}

double *
glmcc_analysis_steal_q_values (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (!self->running, NULL);

  return g_steal_pointer (&self->q_values);
}
