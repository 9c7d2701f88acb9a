/* glmcc-engine.c: every unordered pair of a recording over a pool of worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pair list is the reference implementation's loop: for i = 0 … N−1 and j = 0 … i−1,
 * pair k = i(i−1)/2 + j is fitted once with neuron j as the reference and neuron i as the
 * target, which gives both directions. A run covers the slice [first, last) of that list
 * (the whole list, or one shard). Workers claim pair indices from an atomic counter and
 * write both directed edges of their pair into the preallocated result table, which no
 * other worker touches; every fit depends only on its own pair, so the table is the same
 * bit for bit whatever the number of threads and whichever thread fitted which pair.
 *
 * Before it starts, a run reserves the storage of its slice in the results (and refuses, with
 * GLMCC_ERROR_TOO_LARGE, a slice whose results cannot fit in memory). When the system refuses a
 * thread, the run goes on with the threads it has; the calling thread always works.
 */
#define G_LOG_DOMAIN "glmcc-engine"

#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "glmcc-engine.h"
#include "glmcc-engine-private.h"
#include "glmcc-error.h"
#include "glmcc-method.h"

struct _GlmccEngine
{
  GlmccResults    *results;
  guint            n_neurons;
  guint            n_threads;      /* requested; 0 = all cores */
  guint            n_threads_used;
  GlmccThreadNewFunc thread_new;   /* g_thread_try_new(), or a test's replacement */
  guint            shard_index;
  guint            shard_count;
  guint64          first;          /* the slice of the pair list this run covers */
  guint64          last;
  GlmccEnginePairFunc pair_func;
  gpointer         pair_func_data;

  /* Shared with the workers during run(). */
  GlmccRecording  *recording;
  GCancellable    *cancellable;
  atomic_uint_fast64_t next;       /* next pair index to claim */
  atomic_uint_fast64_t n_done;     /* pairs fitted in this run */
  atomic_uint_fast64_t n_total;    /* pairs of the slice not done before the run */
  atomic_bool      running;
};

static void
engine_update_slice (GlmccEngine *engine)
{
  glmcc_shard_range (engine->n_neurons, engine->shard_index, engine->shard_count,
                     &engine->first, &engine->last);
}

static guint64
engine_count_todo (GlmccEngine *engine)
{
  return (engine->last - engine->first)
         - glmcc_results_count_done_in_range (engine->results, engine->first, engine->last);
}

GlmccEngine *
glmcc_engine_new (GlmccResults *results)
{
  GlmccEngine *engine;

  g_return_val_if_fail (results != NULL, NULL);

  engine = g_new0 (GlmccEngine, 1);
  engine->results = glmcc_results_ref (results);
  engine->n_neurons = glmcc_results_get_n_neurons (results);
  engine->shard_index = 0;
  engine->shard_count = 1;
  engine->thread_new = g_thread_try_new;
  engine_update_slice (engine);
  atomic_init (&engine->next, 0);
  atomic_init (&engine->n_done, 0);
  atomic_init (&engine->n_total, engine_count_todo (engine));
  atomic_init (&engine->running, false);
  return engine;
}

void
glmcc_engine_free (GlmccEngine *engine)
{
  if (engine == NULL)
    return;
  g_return_if_fail (!atomic_load (&engine->running));

  glmcc_results_unref (engine->results);
  g_free (engine);
}

void
glmcc_engine_set_threads (GlmccEngine *engine,
                          guint        n_threads)
{
  g_return_if_fail (engine != NULL);
  g_return_if_fail (!atomic_load (&engine->running));

  engine->n_threads = n_threads;
}

void
glmcc_engine_set_pair_func (GlmccEngine         *engine,
                            GlmccEnginePairFunc  func,
                            gpointer             user_data)
{
  g_return_if_fail (engine != NULL);
  g_return_if_fail (!atomic_load (&engine->running));

  engine->pair_func = func;
  engine->pair_func_data = user_data;
}

void
glmcc_engine_set_shard (GlmccEngine *engine,
                        guint        index,
                        guint        count)
{
  g_return_if_fail (engine != NULL);
  g_return_if_fail (count > 0 && index < count);
  g_return_if_fail (!atomic_load (&engine->running));

  engine->shard_index = index;
  engine->shard_count = count;
  engine_update_slice (engine);
  atomic_store (&engine->n_total, engine_count_todo (engine));
  atomic_store (&engine->n_done, 0);
}

guint64
glmcc_engine_get_n_done (GlmccEngine *engine)
{
  g_return_val_if_fail (engine != NULL, 0);
  return atomic_load_explicit (&engine->n_done, memory_order_relaxed);
}

guint64
glmcc_engine_get_n_total (GlmccEngine *engine)
{
  g_return_val_if_fail (engine != NULL, 0);
  return atomic_load_explicit (&engine->n_total, memory_order_relaxed);
}

void
glmcc_engine_set_thread_new_func (GlmccEngine        *engine,
                                  GlmccThreadNewFunc  thread_new)
{
  g_return_if_fail (engine != NULL);
  g_return_if_fail (!atomic_load (&engine->running));

  engine->thread_new = thread_new != NULL ? thread_new : g_thread_try_new;
}

guint
glmcc_engine_get_n_threads (GlmccEngine *engine)
{
  guint n;

  g_return_val_if_fail (engine != NULL, 0);

  if (engine->n_threads_used > 0)
    return engine->n_threads_used;
  n = engine->n_threads > 0 ? engine->n_threads : (guint) g_get_num_processors ();
  return MAX (n, 1);
}

static gpointer
worker (gpointer data)
{
  GlmccEngine *engine = data;
  const GlmccParams *params = glmcc_results_get_params (engine->results);
  GlmccMethodWorkspace *workspace = glmcc_method_workspace_new (params);
  GlmccPairResult result;

  for (;;)
    {
      guint64 k;
      guint i, j;

      if (g_cancellable_is_cancelled (engine->cancellable))
        break;
      k = atomic_fetch_add_explicit (&engine->next, 1, memory_order_relaxed);
      if (k >= engine->last)
        break;
      glmcc_pair_from_index (k, &i, &j);
      if (glmcc_results_pair_done (engine->results, j, i))
        continue;

      glmcc_method_analyse_pair (workspace, params, engine->recording, j, i, &result);
      glmcc_results_set_pair (engine->results, j, i, &result);
      atomic_fetch_add_explicit (&engine->n_done, 1, memory_order_release);
      if (engine->pair_func != NULL)
        engine->pair_func (j, i, engine->pair_func_data);
    }

  glmcc_method_workspace_free (workspace);
  return NULL;
}

gboolean
glmcc_engine_run (GlmccEngine   *engine,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) threads = NULL;
  guint64 todo;
  guint n_threads;
  bool expected = false;

  g_return_val_if_fail (engine != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  engine->recording = glmcc_results_get_recording (engine->results);
  if (engine->recording == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "the results carry no recording to compute from; "
                   "create them from the recording and merge the saved results into them");
      return FALSE;
    }
  if (!atomic_compare_exchange_strong (&engine->running, &expected, true))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA, "the engine is already running");
      return FALSE;
    }

  if (!glmcc_results_reserve (engine->results, engine->first, engine->last, error))
    {
      atomic_store (&engine->running, false);
      return FALSE;
    }
  glmcc_results_set_shard (engine->results, engine->shard_index, engine->shard_count);
  todo = engine_count_todo (engine);
  atomic_store (&engine->n_total, todo);
  atomic_store (&engine->n_done, 0);
  atomic_store (&engine->next, engine->first);
  engine->cancellable = cancellable;

  n_threads = engine->n_threads > 0 ? engine->n_threads : (guint) g_get_num_processors ();
  n_threads = (guint) CLAMP ((guint64) n_threads, 1, MAX (todo, 1));

  /* The calling thread is one of the workers. A thread the system refuses (too many threads,
   * no memory for its stack) is not an error: the run goes on with those it has. */
  threads = g_ptr_array_new ();
  for (guint t = 1; t < n_threads; t++)
    {
      g_autofree char *name = g_strdup_printf ("glmcc-worker-%u", t);
      g_autoptr(GError) thread_error = NULL;
      GThread *thread = engine->thread_new (name, worker, engine, &thread_error);

      if (thread == NULL)
        {
          g_debug ("running on %u threads instead of %u: %s", t, n_threads, thread_error->message);
          break;
        }
      g_ptr_array_add (threads, thread);
    }
  engine->n_threads_used = threads->len + 1;
  worker (engine);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));

  engine->cancellable = NULL;
  atomic_store (&engine->running, false);

  /* Pairs finished before the cancellation are kept; the others stay pending. */
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable) &&
      atomic_load (&engine->n_done) < todo)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}
