/* glmcc-engine.c: every unordered pair of a recording over a pool of worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pair list is the reference implementation's loop: for i = 0 … N−1 and j = 0 … i−1,
 * pair k = i(i−1)/2 + j is fitted once with neuron j as the reference and neuron i as the
 * target, which gives both directions. A run covers the slice [first, last) of that list
 * (the whole list, or one shard).
 *
 * The work is cut into tiles: the neurons in blocks of a few (glmcc_spike_blocks_new()), a
 * tile is the pairs of a target block and a reference block at or before it, in the order of
 * the pair list. Workers claim tiles from an atomic counter; for each tile they find the lags
 * of all its pairs in one pass over the two blocks' merged spike streams
 * (glmcc_correlogram_add_blocks()), then fit the tile's pairs of the slice that are not done
 * yet, and write both directed edges of each pair into the preallocated result table, which no
 * other worker touches. Every pair's lags come in the same order whatever the tile and the
 * thread, and every fit depends only on its own pair, so the table is the same bit for bit
 * whatever the number of threads (and equal to glmcc_pair_analyse() of each pair).
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
#include "glmcc-i18n.h"

/* Neurons per block. Each spike is read once per tile, and the per-spike work of a pass (its
 * window, its weights) is shared by the lags of all the other block's neurons: larger blocks
 * share it more, while the accumulators of a tile (block² pairs of about 1.8 kB with the
 * default 100 bins) outgrow the caches. On the 1,000-neuron network the time per lag is flat
 * from 24 to 40 neurons and 20 % higher at 16 (build-aux/bench's machine). */
#define BLOCK_SIZE 32
/* Smaller blocks when there would be too few tiles per thread to share the work evenly. */
#define MIN_TILES_PER_THREAD 8

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
  GlmccSpikeBlocks *blocks;
  GlmccCorrelogramPlan plan;
  guint            block_size;
  guint64          last_tile;      /* tiles [next at the start, last_tile) hold the slice */
  atomic_uint_fast64_t next;       /* next tile to claim */
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

/* Tile t = A(A+1)/2 + B: target block A, reference block B <= A. */
static guint64
tile_index (guint target_block,
            guint ref_block)
{
  return (guint64) target_block * (target_block + 1) / 2 + ref_block;
}

static void
tile_from_index (guint64  t,
                 guint   *target_block,
                 guint   *ref_block)
{
  guint64 a = (guint64) floor ((sqrt (8.0 * (double) t + 1.0) - 1.0) / 2.0);

  while (a * (a + 1) / 2 > t)
    a--;
  while ((a + 1) * (a + 2) / 2 <= t)
    a++;
  *target_block = (guint) a;
  *ref_block = (guint) (t - a * (a + 1) / 2);
}

/* Whether pair (reference j, target i) is one this run must fit. */
static gboolean
pair_todo (GlmccEngine *engine,
           guint        i,
           guint        j)
{
  guint64 k;

  if (j >= i || i >= engine->n_neurons)
    return FALSE;
  k = glmcc_pair_index (i, j);
  return k >= engine->first && k < engine->last && !glmcc_results_pair_done (engine->results, j, i);
}

static gpointer
worker (gpointer data)
{
  GlmccEngine *engine = data;
  const GlmccParams *params = glmcc_results_get_params (engine->results);
  const GlmccCorrelogramPlan *plan = &engine->plan;
  const guint size = engine->block_size;
  const gsize stride = glmcc_correlogram_plan_get_size (plan);
  /* GLMCC fits the correlograms a tile's scan accumulates; the baselines read the two trains
   * of each pair themselves (the jitter surrogates need the spikes, not the counts). */
  const gboolean accumulate = params->method == GLMCC_METHOD_GLMCC;
  GlmccMethodWorkspace *workspace = glmcc_method_workspace_new (params);
  double *accumulators = accumulate ? g_new (double, (gsize) size * size * stride) : NULL;
  GlmccCorrelogramScratch *scratch = accumulate ? glmcc_correlogram_scratch_new (engine->blocks)
                                                 : NULL;
  GlmccPairResult result;
  gboolean cancelled = FALSE;

  while (!cancelled)
    {
      guint64 t;
      guint target_block, ref_block, n_todo = 0;

      if (g_cancellable_is_cancelled (engine->cancellable))
        break;
      t = atomic_fetch_add_explicit (&engine->next, 1, memory_order_relaxed);
      if (t >= engine->last_tile)
        break;
      tile_from_index (t, &target_block, &ref_block);
      for (guint a = 0; a < size; a++)
        for (guint r = 0; r < size; r++)
          n_todo += pair_todo (engine, target_block * size + a, ref_block * size + r);
      if (n_todo == 0)
        continue;

      if (accumulate)
        {
          memset (accumulators, 0, (gsize) size * size * stride * sizeof (double));
          glmcc_correlogram_add_blocks (plan, engine->blocks, target_block, ref_block,
                                        accumulators, scratch);
        }

      /* In the order of the pair list: target, then reference. */
      for (guint a = 0; a < size && !cancelled; a++)
        for (guint r = 0; r < size; r++)
          {
            guint i = target_block * size + a, j = ref_block * size + r;

            if (!pair_todo (engine, i, j))
              continue;
            if (g_cancellable_is_cancelled (engine->cancellable))
              {
                cancelled = TRUE;
                break;
              }
            if (accumulate)
              glmcc_pair_analyse_accumulated (glmcc_method_workspace_get_glmcc (workspace), params,
                                              plan,
                                              accumulators + ((gsize) a * size + r) * stride,
                                              &result);
            else
              glmcc_method_analyse_pair (workspace, params, engine->recording, j, i, &result);
            glmcc_results_set_pair (engine->results, j, i, &result);
            atomic_fetch_add_explicit (&engine->n_done, 1, memory_order_release);
            if (engine->pair_func != NULL)
              engine->pair_func (j, i, engine->pair_func_data);
          }
    }

  g_free (accumulators);
  glmcc_correlogram_scratch_free (scratch);
  glmcc_method_workspace_free (workspace);
  return NULL;
}

/* The block size and the tiles that hold the slice [first, last) of the pair list. */
static void
engine_plan_tiles (GlmccEngine *engine,
                   guint        n_threads,
                   guint64     *first_tile)
{
  guint first_i, first_j, last_i, last_j;

  engine->block_size = BLOCK_SIZE;
  while (engine->block_size > 1)
    {
      guint n_blocks = (engine->n_neurons + engine->block_size - 1) / engine->block_size;

      if (tile_index (n_blocks, 0) >= (guint64) MIN_TILES_PER_THREAD * n_threads)
        break;
      engine->block_size /= 2;
    }
  if (engine->last <= engine->first)
    {
      *first_tile = engine->last_tile = 0;
      return;
    }
  glmcc_pair_from_index (engine->first, &first_i, &first_j);
  glmcc_pair_from_index (engine->last - 1, &last_i, &last_j);
  /* Every tile of the target blocks from the first pair's to the last pair's. */
  *first_tile = tile_index (first_i / engine->block_size, 0);
  engine->last_tile = tile_index (last_i / engine->block_size + 1, 0);
}

gboolean
glmcc_engine_run (GlmccEngine   *engine,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) threads = NULL;
  guint64 todo, first_tile;
  guint n_threads;
  bool expected = false;

  g_return_val_if_fail (engine != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  engine->recording = glmcc_results_get_recording (engine->results);
  if (engine->recording == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("the results carry no recording to compute from; "
                   "create them from the recording and merge the saved results into them"));
      return FALSE;
    }
  if (!atomic_compare_exchange_strong (&engine->running, &expected, true))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA, _("the engine is already running"));
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
  engine->cancellable = cancellable;

  n_threads = engine->n_threads > 0 ? engine->n_threads : (guint) g_get_num_processors ();
  n_threads = (guint) CLAMP ((guint64) n_threads, 1, MAX (todo, 1));
  engine_plan_tiles (engine, n_threads, &first_tile);
  atomic_store (&engine->next, first_tile);
  glmcc_correlogram_plan_init (&engine->plan, glmcc_results_get_params (engine->results));
  engine->blocks = glmcc_spike_blocks_new (engine->recording, engine->block_size);

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

  g_clear_pointer (&engine->blocks, glmcc_spike_blocks_free);
  engine->cancellable = NULL;
  atomic_store (&engine->running, false);

  /* Pairs finished before the cancellation are kept; the others stay pending. */
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable) &&
      atomic_load (&engine->n_done) < todo)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}
