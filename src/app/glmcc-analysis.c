/* glmcc-analysis.c: runs the engine over every pair in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine is run slice by slice (glmcc_engine_set_shard): between slices the worker knows
 * exactly which pairs are finished, copies them and hands them to the main thread, so the
 * pair table fills while the run goes on and a cancel keeps every finished pair. Each slice
 * still uses every core. Progress inside a slice is polled from the engine's atomic counter.
 */
#define G_LOG_DOMAIN "glmcc-analysis"

#include "config.h"

#include <gio/gio.h>

#include "glmcc-analysis.h"
#include "glmcc-analysis-private.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"

struct _GlmccAnalysis
{
  GObject          parent_instance;

  GlmccRecording  *recording;
  GlmccParams      params;
  GlmccResults    *results;
  GCancellable    *cancellable;
  GError          *error;

  guint64          n_total;
  guint64          n_done;          /* as last reported on the main thread */
  gint64           started_at;
  gint64           finished_at;
  guint            poll_id;
  gboolean         running;
  gboolean         cancelled;
  guint            hold_after;      /* test hook: pause after this many slices */

  /* Shared with the worker, under lock. */
  GMutex           lock;
  GlmccEngine     *engine;          /* the slice running */
  guint64          base_done;       /* pairs of the finished slices */
  GPtrArray       *ready;           /* GlmccFinishedPair not yet handed over */
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
  self->params = *params;
  self->results = glmcc_results_new (recording, params);
  n = glmcc_recording_get_n_neurons (recording);
  self->n_total = (guint64) n * (n - 1) / 2;
  return self;
}

static guint64
current_done (GlmccAnalysis *self)
{
  guint64 done;

  g_mutex_lock (&self->lock);
  done = self->base_done;
  if (self->engine != NULL)
    done += glmcc_engine_get_n_done (self->engine);
  g_mutex_unlock (&self->lock);
  return MIN (done, self->n_total);
}

static void
hand_over (GlmccAnalysis *self)
{
  g_autoptr(GPtrArray) batch = NULL;

  g_mutex_lock (&self->lock);
  if (self->ready->len > 0)
    {
      batch = g_steal_pointer (&self->ready);
      self->ready = g_ptr_array_new_with_free_func (g_free);
    }
  g_mutex_unlock (&self->lock);

  if (batch != NULL)
    g_signal_emit (self, signals[PAIRS_READY], 0, batch);
}

static void
update_progress (GlmccAnalysis *self)
{
  guint64 done = current_done (self);

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
  update_progress (GLMCC_ANALYSIS (data));
  return G_SOURCE_CONTINUE;
}

static gboolean
finished_cb (gpointer data)
{
  GlmccAnalysis *self = data;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->finished_at = g_get_monotonic_time ();
  update_progress (self);
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
  guint n = glmcc_recording_get_n_neurons (self->recording);
  g_autofree guint8 *reported = g_new0 (guint8, (gsize) n * n);
  guint n_slices = (guint) CLAMP (self->n_total / 16, 1, 64);
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < n_slices && error == NULL; k++)
    {
      GlmccEngine *engine;
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      if (g_cancellable_is_cancelled (self->cancellable))
        break;

      engine = glmcc_engine_new (self->results);
      glmcc_engine_set_shard (engine, k, n_slices);
      g_mutex_lock (&self->lock);
      self->engine = engine;
      g_mutex_unlock (&self->lock);

      glmcc_engine_run (engine, self->cancellable, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, GLMCC_ERROR, GLMCC_ERROR_CANCELLED))
        g_clear_error (&error);

      /* The engine's threads have joined: every pair marked done is complete. */
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          if (!reported[i * n + j] && glmcc_results_pair_done (self->results, i, j))
            {
              GlmccFinishedPair *pair = g_new0 (GlmccFinishedPair, 1);

              reported[i * n + j] = TRUE;
              pair->ref = i;
              pair->target = j;
              pair->forward = glmcc_results_get_edge (self->results, i, j);
              pair->backward = glmcc_results_get_edge (self->results, j, i);
              g_ptr_array_add (found, pair);
            }

      g_mutex_lock (&self->lock);
      self->base_done += found->len;
      self->engine = NULL;
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (self->ready, found->pdata[i]);
      g_mutex_unlock (&self->lock);
      glmcc_engine_free (engine);

      /* Test hook: hold here until cancelled, so a test can cancel a run half-way. */
      while (self->hold_after != 0 && k + 1 >= self->hold_after &&
             !g_cancellable_is_cancelled (self->cancellable))
        g_usleep (2000);
    }

  if (error != NULL)
    self->error = g_steal_pointer (&error);

  g_idle_add_full (G_PRIORITY_DEFAULT, finished_cb, self, g_object_unref);
  return NULL;
}

void
glmcc_analysis_start (GlmccAnalysis *self)
{
  g_return_if_fail (GLMCC_IS_ANALYSIS (self));
  g_return_if_fail (!self->running && self->started_at == 0);

  self->running = TRUE;
  self->started_at = g_get_monotonic_time ();
  self->poll_id = g_timeout_add (100, poll_cb, self);
  g_thread_unref (g_thread_new ("glmcc-analysis", analysis_worker, g_object_ref (self)));
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

const GlmccParams *
glmcc_analysis_get_params (GlmccAnalysis *self)
{
  g_return_val_if_fail (GLMCC_IS_ANALYSIS (self), NULL);
  return &self->params;
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
                                guint          n_slices)
{
  g_return_if_fail (GLMCC_IS_ANALYSIS (self));
  self->hold_after = n_slices;
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

  g_clear_pointer (&self->results, glmcc_results_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  g_clear_pointer (&self->ready, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
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
  self->ready = g_ptr_array_new_with_free_func (g_free);
}
