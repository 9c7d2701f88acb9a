/* glmcc-pair-cache.c: the lags of recently viewed pairs, for live refits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hash table from key to a node of a queue ordered by last use (head = most recent). All
 * bookkeeping happens under one mutex; lags are collected outside it, so a slow miss never
 * blocks a hit in another thread. Lags are immutable GBytes shared with the callers.
 */
#define G_LOG_DOMAIN "glmcc-pair-cache"

#include "config.h"

#include <string.h>

#include "glmcc-pair-cache.h"

typedef struct
{
  guint  ref;
  guint  target;
  double window_ms;
  double epoch_start;
  double epoch_end;
} Key;

/* The last fit of the pair (its chosen delay's a and J±), where a refit after a change of
 * parameters starts (default mode): it converges to the same optimum in fewer passes. */
typedef struct
{
  double *a;
  guint   n_bins;
  double  j_plus;
  double  j_minus;
} LastFit;

typedef struct
{
  Key     key;
  GBytes *lags;
  LastFit last;
} Entry;

struct _GlmccPairCache
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  guint           capacity;
  GHashTable     *table;   /* Key* (inside the Entry) → GList* node of @order */
  GQueue          order;   /* Entry*, most recently used first */
  GlmccRecording *recording;  /* the recording served (a reference, so its address is not reused) */
  guint64         hits;
  guint64         misses;
};

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;
  guint hash = (key->ref * 2654435761u) ^ (key->target * 40503u + 0x9e3779b9u);

  hash ^= g_double_hash (&key->window_ms) * 31u;
  hash ^= g_double_hash (&key->epoch_start) * 131u;
  hash ^= g_double_hash (&key->epoch_end) * 1031u;
  return hash;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->ref == y->ref && x->target == y->target && x->window_ms == y->window_ms &&
         x->epoch_start == y->epoch_start && x->epoch_end == y->epoch_end;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_bytes_unref (entry->lags);
  g_free (entry->last.a);
  g_free (entry);
}

GlmccPairCache *
glmcc_pair_cache_new (guint capacity)
{
  GlmccPairCache *cache = g_new0 (GlmccPairCache, 1);

  g_atomic_ref_count_init (&cache->ref_count);
  g_mutex_init (&cache->mutex);
  cache->capacity = capacity > 0 ? capacity : GLMCC_PAIR_CACHE_DEFAULT_CAPACITY;
  cache->table = g_hash_table_new (key_hash, key_equal);
  g_queue_init (&cache->order);
  return cache;
}

GlmccPairCache *
glmcc_pair_cache_ref (GlmccPairCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  g_atomic_ref_count_inc (&cache->ref_count);
  return cache;
}

static void
clear_locked (GlmccPairCache *cache)
{
  g_hash_table_remove_all (cache->table);
  g_queue_clear_full (&cache->order, entry_free);
}

void
glmcc_pair_cache_unref (GlmccPairCache *cache)
{
  g_return_if_fail (cache != NULL);

  if (!g_atomic_ref_count_dec (&cache->ref_count))
    return;
  clear_locked (cache);
  g_hash_table_unref (cache->table);
  g_mutex_clear (&cache->mutex);
  g_clear_pointer (&cache->recording, glmcc_recording_unref);
  g_free (cache);
}

void
glmcc_pair_cache_clear (GlmccPairCache *cache)
{
  g_return_if_fail (cache != NULL);

  g_mutex_lock (&cache->mutex);
  clear_locked (cache);
  g_clear_pointer (&cache->recording, glmcc_recording_unref);
  g_mutex_unlock (&cache->mutex);
}

/* Empties the cache when it is handed another recording than before. The recording object
 * itself is the key: the same file loaded again (with another time unit, say) is another
 * recording, and so is another epoch of it. */
static void
check_recording_locked (GlmccPairCache *cache,
                        GlmccRecording *recording)
{
  if (cache->recording == recording)
    return;
  clear_locked (cache);
  g_clear_pointer (&cache->recording, glmcc_recording_unref);
  cache->recording = glmcc_recording_ref (recording);
}

static GBytes *
collect (GlmccRecording    *recording,
         const GlmccParams *params,
         guint              ref,
         guint              target)
{
  GArray *lags = g_array_new (FALSE, FALSE, sizeof (double));
  const double *ref_train, *target_train;
  gsize n_ref, n_target, size;

  ref_train = glmcc_recording_get_train (recording, ref, &n_ref);
  target_train = glmcc_recording_get_train (recording, target, &n_target);
  glmcc_lags_collect (ref_train, n_ref, target_train, n_target, params->window_ms, lags);
  size = (gsize) lags->len * sizeof (double);
  return g_bytes_new_take (g_array_free (lags, FALSE), size);
}

GBytes *
glmcc_pair_cache_get_lags (GlmccPairCache    *cache,
                           GlmccRecording    *recording,
                           const GlmccParams *params,
                           guint              ref,
                           guint              target)
{
  Key key;
  GList *node;
  GBytes *lags;
  Entry *entry;

  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (ref < glmcc_recording_get_n_neurons (recording), NULL);
  g_return_val_if_fail (target < glmcc_recording_get_n_neurons (recording), NULL);

  memset (&key, 0, sizeof key);
  key.ref = ref;
  key.target = target;
  key.window_ms = params->window_ms;
  key.epoch_start = glmcc_recording_get_epoch_start (recording);
  key.epoch_end = glmcc_recording_get_epoch_end (recording);

  g_mutex_lock (&cache->mutex);
  check_recording_locked (cache, recording);
  node = g_hash_table_lookup (cache->table, &key);
  if (node != NULL)
    {
      g_queue_unlink (&cache->order, node);
      g_queue_push_head_link (&cache->order, node);
      cache->hits++;
      lags = g_bytes_ref (((Entry *) node->data)->lags);
      g_mutex_unlock (&cache->mutex);
      return lags;
    }
  cache->misses++;
  g_mutex_unlock (&cache->mutex);

  lags = collect (recording, params, ref, target);

  g_mutex_lock (&cache->mutex);
  check_recording_locked (cache, recording);
  if (g_hash_table_contains (cache->table, &key))
    {
      /* Another thread collected the same pair meanwhile; both are equal. */
      g_mutex_unlock (&cache->mutex);
      return lags;
    }
  entry = g_new0 (Entry, 1);
  entry->key = key;
  entry->lags = g_bytes_ref (lags);
  g_queue_push_head (&cache->order, entry);
  g_hash_table_insert (cache->table, &entry->key, cache->order.head);
  while (cache->order.length > cache->capacity)
    {
      Entry *oldest = g_queue_pop_tail (&cache->order);
      g_hash_table_remove (cache->table, &oldest->key);
      entry_free (oldest);
    }
  g_mutex_unlock (&cache->mutex);
  return lags;
}

/* The entry of (ref, target) under the lags' key, or NULL; with the mutex held. */
static Entry *
lookup_locked (GlmccPairCache    *cache,
               GlmccRecording    *recording,
               const GlmccParams *params,
               guint              ref,
               guint              target)
{
  Key key;
  GList *node;

  memset (&key, 0, sizeof key);
  key.ref = ref;
  key.target = target;
  key.window_ms = params->window_ms;
  key.epoch_start = glmcc_recording_get_epoch_start (recording);
  key.epoch_end = glmcc_recording_get_epoch_end (recording);
  node = g_hash_table_lookup (cache->table, &key);
  return node != NULL ? node->data : NULL;
}

void
glmcc_pair_cache_analyse (GlmccPairCache    *cache,
                          GlmccWorkspace    *workspace,
                          const GlmccParams *params,
                          GlmccRecording    *recording,
                          guint              ref,
                          guint              target,
                          GlmccPairResult   *result)
{
  g_autoptr(GBytes) lags = NULL;
  g_autofree double *start_a = NULL;
  GlmccFitStart start = { NULL, 0.0, 0.0 };
  guint n_bins = glmcc_params_get_n_bins (params);
  gsize size;
  const double *data;
  Entry *entry;

  g_return_if_fail (cache != NULL && workspace != NULL && result != NULL);

  lags = glmcc_pair_cache_get_lags (cache, recording, params, ref, target);
  g_return_if_fail (lags != NULL);
  data = g_bytes_get_data (lags, &size);

  /* The pair's last fit, if it has as many bins: a start for this one. */
  g_mutex_lock (&cache->mutex);
  entry = lookup_locked (cache, recording, params, ref, target);
  if (entry != NULL && entry->last.a != NULL && entry->last.n_bins == n_bins)
    {
      start_a = g_memdup2 (entry->last.a, n_bins * sizeof (double));
      start.a = start_a;
      start.j_plus = entry->last.j_plus;
      start.j_minus = entry->last.j_minus;
    }
  g_mutex_unlock (&cache->mutex);

  glmcc_pair_analyse_lags_from (workspace, params, data, size / sizeof (double),
                                start.a != NULL ? &start : NULL, result);

  if (result->cancelled || result->fit.status != GLMCC_STATUS_PENDING || result->n_bins != n_bins)
    return;
  g_mutex_lock (&cache->mutex);
  entry = lookup_locked (cache, recording, params, ref, target);
  if (entry != NULL)
    {
      if (entry->last.n_bins != n_bins)
        {
          g_free (entry->last.a);
          entry->last.a = g_new (double, n_bins);
          entry->last.n_bins = n_bins;
        }
      memcpy (entry->last.a, result->a, n_bins * sizeof (double));
      entry->last.j_plus = result->fit.j_plus;
      entry->last.j_minus = result->fit.j_minus;
    }
  g_mutex_unlock (&cache->mutex);
}

guint
glmcc_pair_cache_get_size (GlmccPairCache *cache)
{
  guint size;

  g_return_val_if_fail (cache != NULL, 0);

  g_mutex_lock (&cache->mutex);
  size = cache->order.length;
  g_mutex_unlock (&cache->mutex);
  return size;
}

guint
glmcc_pair_cache_get_capacity (GlmccPairCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);
  return cache->capacity;
}

guint64
glmcc_pair_cache_get_hits (GlmccPairCache *cache)
{
  guint64 hits;

  g_return_val_if_fail (cache != NULL, 0);

  g_mutex_lock (&cache->mutex);
  hits = cache->hits;
  g_mutex_unlock (&cache->mutex);
  return hits;
}

guint64
glmcc_pair_cache_get_misses (GlmccPairCache *cache)
{
  guint64 misses;

  g_return_val_if_fail (cache != NULL, 0);

  g_mutex_lock (&cache->mutex);
  misses = cache->misses;
  g_mutex_unlock (&cache->mutex);
  return misses;
}
