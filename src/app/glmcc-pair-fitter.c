/* glmcc-pair-fitter.c: live refits of one pair on one worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pattern of GNOME Text Editor's document statistics: a request is coalesced with a
 * timeout, a fit runs on a worker that never touches GTK, and its result comes back through
 * an idle callback that applies it only if the fitter still exists (weak ref), the result is
 * newer than the one shown and its job was not cancelled. The worker is a thread pool of
 * one thread, so fits never pile up on the cores the all-pairs run uses. Unlike a plain
 * debounce, a fit in flight for the same pair is allowed to finish while the slider keeps
 * moving, so the curves follow the slider instead of waiting for it to stop; a fit of a pair
 * no longer shown is cancelled inside the optimiser.
 */
#define G_LOG_DOMAIN "glmcc-pair-fitter"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "glmcc-pair-cache.h"
#include "glmcc-pair-fitter.h"

struct _GlmccPairFitter
{
  GObject          parent_instance;

  GlmccRecording  *recording;
  GlmccFitted     *result;

  /* The newest request. */
  guint64          requested;
  guint            ref;
  guint            target;
  GlmccParams      params;
  gboolean         has_request;

  guint            timeout_id;
  guint            delay_ms;
  GCancellable    *in_flight;      /* the job queued or running, if any */
  guint64          in_flight_generation;
  guint            in_flight_ref;
  guint            in_flight_target;

  GThreadPool     *pool;           /* one thread */
  GlmccPairCache  *cache;          /* lags of recently viewed pairs; thread-safe */
};

G_DEFINE_FINAL_TYPE (GlmccPairFitter, glmcc_pair_fitter, G_TYPE_OBJECT)

enum {
  FITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef         fitter;
  GCancellable    *cancellable;
  GlmccRecording  *recording;
  GlmccPairCache  *cache;
  guint            ref;
  guint            target;
  GlmccParams      params;
  guint64          generation;
  GlmccFitted     *fitted;
} Job;

static void start_job (GlmccPairFitter *self);

static void
fitted_clear (gpointer data)
{
  GlmccFitted *fitted = data;

  g_free (fitted->a);
  g_free (fitted->counts);
  g_clear_pointer (&fitted->bands, glmcc_method_bands_free);
  g_clear_pointer (&fitted->recording, glmcc_recording_unref);
}

GlmccFitted *
glmcc_fitted_ref (GlmccFitted *fitted)
{
  g_return_val_if_fail (fitted != NULL, NULL);
  return g_atomic_rc_box_acquire (fitted);
}

void
glmcc_fitted_unref (GlmccFitted *fitted)
{
  g_return_if_fail (fitted != NULL);
  g_atomic_rc_box_release_full (fitted, fitted_clear);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_weak_ref_clear (&job->fitter);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->recording, glmcc_recording_unref);
  g_clear_pointer (&job->cache, glmcc_pair_cache_unref);
  g_clear_pointer (&job->fitted, glmcc_fitted_unref);
  g_free (job);
}

static gboolean
deliver_cb (gpointer data)
{
  Job *job = data;
  g_autoptr(GlmccPairFitter) self = g_weak_ref_get (&job->fitter);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  if (self->in_flight == job->cancellable)
    g_clear_object (&self->in_flight);

  if (job->fitted != NULL && !g_cancellable_is_cancelled (job->cancellable) &&
      (self->result == NULL || job->generation > self->result->generation))
    {
      g_clear_pointer (&self->result, glmcc_fitted_unref);
      self->result = g_steal_pointer (&job->fitted);
      g_signal_emit (self, signals[FITTED], 0);
    }

  /* Newer requests waited for this fit to finish. */
  if (self->in_flight == NULL && self->timeout_id == 0 && self->has_request &&
      self->requested > (self->result != NULL ? self->result->generation : 0) &&
      self->requested > job->generation)
    start_job (self);

  return G_SOURCE_REMOVE;
}

static void
fit_worker (gpointer data,
            gpointer pool_data)
{
  Job *job = data;
  GlmccWorkspace *workspace;
  GlmccFitted *fitted;
  g_autoptr(GBytes) lags = NULL;
  gint64 begin = g_get_monotonic_time ();
  guint64 hits;

  if (g_cancellable_is_cancelled (job->cancellable))
    goto out;

  hits = glmcc_pair_cache_get_hits (job->cache);
  lags = glmcc_pair_cache_get_lags (job->cache, job->recording, &job->params, job->ref,
                                    job->target);
  if (g_cancellable_is_cancelled (job->cancellable))
    goto out;

  fitted = g_atomic_rc_box_new0 (GlmccFitted);
  fitted->ref = job->ref;
  fitted->target = job->target;
  fitted->params = job->params;
  fitted->generation = job->generation;
  fitted->lags_cached = glmcc_pair_cache_get_hits (job->cache) > hits;
  fitted->recording = glmcc_recording_ref (job->recording);
  glmcc_recording_get_train (job->recording, job->ref, &fitted->n_ref_spikes);
  glmcc_recording_get_train (job->recording, job->target, &fitted->n_target_spikes);

  workspace = glmcc_workspace_new (&job->params);
  glmcc_workspace_set_cancellable (workspace, job->cancellable);
  /* Through the cache, so that the fit starts from the pair's previous one. */
  glmcc_pair_cache_analyse (job->cache, workspace, &job->params, job->recording, job->ref,
                            job->target, &fitted->result);
  fitted->n_bins = fitted->result.n_bins;
  fitted->a = g_memdup2 (fitted->result.a, sizeof (double) * fitted->n_bins);
  fitted->counts = g_memdup2 (fitted->result.counts, sizeof (double) * fitted->n_bins);
  fitted->result.a = fitted->a;
  fitted->result.counts = fitted->counts;

  /* The chosen method's decisions and bands, so the view shows why the methods disagree. */
  if (!fitted->result.cancelled && !g_cancellable_is_cancelled (job->cancellable))
    {
      if (job->params.method != GLMCC_METHOD_GLMCC)
        {
          GlmccMethodWorkspace *method_workspace = glmcc_method_workspace_new (&job->params);

          glmcc_method_analyse_pair (method_workspace, &job->params, job->recording, job->ref,
                                     job->target, &fitted->baseline);
          glmcc_method_workspace_free (method_workspace);
        }
      if (fitted->result.n_bins > 0)
        fitted->bands = glmcc_method_bands_new (&job->params, job->recording, job->ref,
                                                job->target, &fitted->result);
    }
  glmcc_workspace_free (workspace);

  fitted->elapsed_ms = (g_get_monotonic_time () - begin) / 1000.0;
  if (fitted->result.cancelled)
    glmcc_fitted_unref (fitted);
  else
    job->fitted = fitted;

out:
  g_idle_add_full (G_PRIORITY_DEFAULT, deliver_cb, job, job_free);
}

static void
start_job (GlmccPairFitter *self)
{
  Job *job;

  g_assert (self->in_flight == NULL);

  if (self->recording == NULL || !self->has_request)
    return;

  job = g_new0 (Job, 1);
  g_weak_ref_init (&job->fitter, self);
  job->cancellable = g_cancellable_new ();
  job->recording = glmcc_recording_ref (self->recording);
  job->cache = glmcc_pair_cache_ref (self->cache);
  job->ref = self->ref;
  job->target = self->target;
  job->params = self->params;
  job->generation = self->requested;

  self->in_flight = g_object_ref (job->cancellable);
  self->in_flight_generation = job->generation;
  self->in_flight_ref = job->ref;
  self->in_flight_target = job->target;

  g_thread_pool_push (self->pool, job, NULL);
}

static gboolean
timeout_cb (gpointer data)
{
  GlmccPairFitter *self = data;

  self->timeout_id = 0;
  /* A fit of the same pair is running: let it finish (it shows an intermediate frame);
   * deliver_cb starts the newest request after it. */
  if (self->in_flight == NULL)
    start_job (self);
  return G_SOURCE_REMOVE;
}

void
glmcc_pair_fitter_request (GlmccPairFitter   *self,
                           guint              ref,
                           guint              target,
                           const GlmccParams *params)
{
  g_return_if_fail (GLMCC_IS_PAIR_FITTER (self));
  g_return_if_fail (params != NULL);

  self->requested++;
  self->ref = ref;
  self->target = target;
  self->params = *params;
  self->has_request = TRUE;

  /* A fit of another pair is of no use any more: stop it where it is. */
  if (self->in_flight != NULL &&
      (self->in_flight_ref != ref || self->in_flight_target != target))
    {
      g_cancellable_cancel (self->in_flight);
      g_clear_object (&self->in_flight);
    }

  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->delay_ms, timeout_cb, self);
}

void
glmcc_pair_fitter_set_recording (GlmccPairFitter *self,
                                 GlmccRecording  *recording)
{
  g_return_if_fail (GLMCC_IS_PAIR_FITTER (self));

  if (self->recording == recording)
    return;

  glmcc_pair_fitter_clear (self);
  /* The cache keeps lags of the recording it last served: never mix two recordings. */
  glmcc_pair_cache_clear (self->cache);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  if (recording != NULL)
    self->recording = glmcc_recording_ref (recording);
}

void
glmcc_pair_fitter_clear (GlmccPairFitter *self)
{
  g_return_if_fail (GLMCC_IS_PAIR_FITTER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->in_flight != NULL)
    g_cancellable_cancel (self->in_flight);
  g_clear_object (&self->in_flight);
  self->has_request = FALSE;
  /* Keep the generation counter growing so late results are recognised as stale. */
  if (self->result != NULL)
    {
      self->requested = MAX (self->requested, self->result->generation);
      g_clear_pointer (&self->result, glmcc_fitted_unref);
    }
}

GlmccFitted *
glmcc_pair_fitter_get_result (GlmccPairFitter *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_FITTER (self), NULL);
  return self->result;
}

gboolean
glmcc_pair_fitter_is_busy (GlmccPairFitter *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_FITTER (self), FALSE);
  return self->timeout_id != 0 || self->in_flight != NULL ||
         (self->has_request &&
          self->requested > (self->result != NULL ? self->result->generation : 0));
}

void
glmcc_pair_fitter_set_delay (GlmccPairFitter *self,
                             guint            delay_ms)
{
  g_return_if_fail (GLMCC_IS_PAIR_FITTER (self));
  self->delay_ms = delay_ms;
}

GlmccPairFitter *
glmcc_pair_fitter_new (void)
{
  return g_object_new (GLMCC_TYPE_PAIR_FITTER, NULL);
}

static void
glmcc_pair_fitter_dispose (GObject *object)
{
  GlmccPairFitter *self = GLMCC_PAIR_FITTER (object);

  glmcc_pair_fitter_clear (self);

  G_OBJECT_CLASS (glmcc_pair_fitter_parent_class)->dispose (object);
}

static void
glmcc_pair_fitter_finalize (GObject *object)
{
  GlmccPairFitter *self = GLMCC_PAIR_FITTER (object);

  /* Jobs still queued hold their own references; the pool ends after them. */
  g_thread_pool_free (self->pool, FALSE, FALSE);
  g_clear_pointer (&self->result, glmcc_fitted_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  g_clear_pointer (&self->cache, glmcc_pair_cache_unref);

  G_OBJECT_CLASS (glmcc_pair_fitter_parent_class)->finalize (object);
}

static void
glmcc_pair_fitter_class_init (GlmccPairFitterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glmcc_pair_fitter_dispose;
  object_class->finalize = glmcc_pair_fitter_finalize;

  signals[FITTED] =
    g_signal_new ("fitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
glmcc_pair_fitter_init (GlmccPairFitter *self)
{
  self->delay_ms = 30;
  self->cache = glmcc_pair_cache_new (0);
  self->pool = g_thread_pool_new (fit_worker, NULL, 1, FALSE, NULL);
}
