/* test-cache.c: the LRU cache of pair lags used for live refits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <string.h>

#include "glmcc-pair-cache.h"
#include "glmcc-simulate.h"

static GlmccRecording *
recording (void)
{
  static GlmccRecording *rec = NULL;

  if (rec == NULL)
    {
      GlmccSimParams params;
      g_autoptr(GlmccSimulation) sim = NULL;

      glmcc_sim_params_init (&params);
      params.n_neurons = 8;
      params.duration_s = 200.0;
      params.seed = 3;
      sim = glmcc_simulate (&params, NULL, NULL);
      g_assert_nonnull (sim);
      rec = glmcc_simulation_to_recording (sim, NULL);
      g_assert_nonnull (rec);
    }
  return rec;
}

static void
assert_lags_equal (GBytes         *lags,
                   GlmccRecording *rec,
                   double          window_ms,
                   guint           ref,
                   guint           target)
{
  g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));
  const double *a, *b;
  gsize na, nb, size;

  a = glmcc_recording_get_train (rec, ref, &na);
  b = glmcc_recording_get_train (rec, target, &nb);
  glmcc_lags_collect (a, na, b, nb, window_ms, direct);
  g_assert_cmpuint (direct->len, >, 0);
  g_assert_cmpmem (g_bytes_get_data (lags, &size), g_bytes_get_size (lags),
                   direct->data, direct->len * sizeof (double));
  g_assert_cmpuint (size, ==, direct->len * sizeof (double));
}

static void
test_hit_and_miss (void)
{
  GlmccRecording *rec = recording ();
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (0);
  GlmccParams params;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) wider = NULL;
  g_autoptr(GBytes) reversed = NULL;

  glmcc_params_init (&params);
  g_assert_cmpuint (glmcc_pair_cache_get_capacity (cache), ==, GLMCC_PAIR_CACHE_DEFAULT_CAPACITY);

  first = glmcc_pair_cache_get_lags (cache, rec, &params, 1, 4);
  assert_lags_equal (first, rec, 50.0, 1, 4);
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 1);

  /* A change that only affects the fit is a hit, and shares the same lags. */
  params.tau_ms = 1.0;
  params.gamma = 1e-3;
  params.bin_ms = 0.5;
  second = glmcc_pair_cache_get_lags (cache, rec, &params, 1, 4);
  g_assert_true (first == second);
  g_assert_cmpuint (glmcc_pair_cache_get_hits (cache), ==, 1);

  /* The window changes the lags; so does the order of the pair. */
  params.window_ms = 80.0;
  wider = glmcc_pair_cache_get_lags (cache, rec, &params, 1, 4);
  assert_lags_equal (wider, rec, 80.0, 1, 4);
  g_assert_cmpuint (g_bytes_get_size (wider), >, g_bytes_get_size (first));
  reversed = glmcc_pair_cache_get_lags (cache, rec, &params, 4, 1);
  assert_lags_equal (reversed, rec, 80.0, 4, 1);
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 3);
  g_assert_cmpuint (glmcc_pair_cache_get_size (cache), ==, 3);

  glmcc_pair_cache_clear (cache);
  g_assert_cmpuint (glmcc_pair_cache_get_size (cache), ==, 0);
  /* Lags handed out survive a clear. */
  assert_lags_equal (first, rec, 50.0, 1, 4);
}

static void
test_epoch_is_key (void)
{
  GlmccRecording *rec = recording ();
  g_autoptr(GlmccRecording) early = glmcc_recording_with_epoch (rec, 0.0, 100000.0, NULL);
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (8);
  g_autoptr(GBytes) all = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) again = NULL;
  GlmccParams params;

  glmcc_params_init (&params);
  all = glmcc_pair_cache_get_lags (cache, rec, &params, 0, 2);
  part = glmcc_pair_cache_get_lags (cache, early, &params, 0, 2);
  assert_lags_equal (part, early, 50.0, 0, 2);
  g_assert_cmpuint (g_bytes_get_size (part), <, g_bytes_get_size (all));
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 2);
  /* An epoch view is a recording of its own: going back collects the lags again (the same). */
  again = glmcc_pair_cache_get_lags (cache, rec, &params, 0, 2);
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 3);
  g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again),
                   g_bytes_get_data (all, NULL), g_bytes_get_size (all));
}

static GlmccRecording *
scaled_recording (double scale)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("same/cells", "text-dir");
  double a[64], b[64];

  for (guint k = 0; k < 64; k++)
    {
      a[k] = (10.0 + 7.0 * k) * scale;
      b[k] = (12.0 + 7.0 * k) * scale;
    }
  glmcc_recording_builder_add_train (builder, "cell0", a, 64);
  glmcc_recording_builder_add_train (builder, "cell1", b, 64);
  return glmcc_recording_builder_finish (g_steal_pointer (&builder), NULL);
}

/* The same file loaded again with another time unit has the same source, names and size: the
 * cache must still not serve the lags of the first load (issue 9, 5). */
static void
test_reload_other_unit (void)
{
  g_autoptr(GlmccRecording) ms = scaled_recording (1.0);
  g_autoptr(GlmccRecording) seconds = scaled_recording (10.0);
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (8);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  GlmccParams params;

  glmcc_params_init (&params);
  first = glmcc_pair_cache_get_lags (cache, ms, &params, 0, 1);
  second = glmcc_pair_cache_get_lags (cache, seconds, &params, 0, 1);
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 2);
  g_assert_cmpuint (g_bytes_get_size (first), !=, g_bytes_get_size (second));
  assert_lags_equal (second, seconds, 50.0, 0, 1);
  /* Clearing forgets the recording too. */
  glmcc_pair_cache_clear (cache);
  g_clear_pointer (&first, g_bytes_unref);
  first = glmcc_pair_cache_get_lags (cache, ms, &params, 0, 1);
  assert_lags_equal (first, ms, 50.0, 0, 1);
}

static void
test_lru_eviction (void)
{
  GlmccRecording *rec = recording ();
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (3);
  GlmccParams params;
  guint64 misses;

  glmcc_params_init (&params);
  /* A, B, C; touch A; add D: B, the least recently used, goes. */
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 1));
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 2));
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 3));
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 1));
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 4));
  g_assert_cmpuint (glmcc_pair_cache_get_size (cache), ==, 3);
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 4);
  g_assert_cmpuint (glmcc_pair_cache_get_hits (cache), ==, 1);

  misses = glmcc_pair_cache_get_misses (cache);
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 1));  /* A: hit */
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 3));  /* C: hit */
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 4));  /* D: hit */
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, misses);
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 2));  /* B: evicted */
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, misses + 1);
  g_assert_cmpuint (glmcc_pair_cache_get_size (cache), ==, 3);
}

/* Another recording (other source or size) empties the cache instead of serving stale lags. */
static void
test_other_recording (void)
{
  GlmccRecording *rec = recording ();
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("other", "test");
  g_autoptr(GlmccRecording) other = NULL;
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (8);
  g_autoptr(GBytes) lags = NULL;
  GlmccParams params;
  double a[] = { 100.0, 200.0 }, b[] = { 110.0, 205.0 };
  gsize size;
  const double *data;

  glmcc_params_init (&params);
  g_bytes_unref (glmcc_pair_cache_get_lags (cache, rec, &params, 0, 1));
  glmcc_recording_builder_add_train (builder, "a", a, 2);
  glmcc_recording_builder_add_train (builder, "b", b, 2);
  other = glmcc_recording_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (other);
  lags = glmcc_pair_cache_get_lags (cache, other, &params, 0, 1);
  data = g_bytes_get_data (lags, &size);
  g_assert_cmpuint (size, ==, 2 * sizeof (double));
  g_assert_cmpfloat (data[0], ==, 10.0);
  g_assert_cmpfloat (data[1], ==, 5.0);
  g_assert_cmpuint (glmcc_pair_cache_get_size (cache), ==, 1);
}

/* Equal to 1e-9: a refit from stored lags against the streamed batch fit, whose S± differ
 * by rounding. */
static gboolean
close_to (double a,
          double b)
{
  return (isnan (a) && isnan (b)) || fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static gboolean
same_pair_result (const GlmccPairResult *x,
                  const GlmccPairResult *y)
{
  gboolean same = x->forward.status == y->forward.status
                  && x->backward.status == y->backward.status
                  && x->delay_index == y->delay_index && x->n_lags == y->n_lags
                  && close_to (x->forward.j, y->forward.j)
                  && close_to (x->backward.j, y->backward.j)
                  && close_to (x->forward.psp_mv, y->forward.psp_mv)
                  && close_to (x->forward.p_value, y->forward.p_value)
                  && close_to (x->backward.p_value, y->backward.p_value);

  for (guint d = 0; d < x->n_delays; d++)
    same = same && close_to (x->log_post[d], y->log_post[d]);
  return same;
}

/* A refit through the cache is the same fit as the direct one, for several settings. */
static void
test_analyse_matches (void)
{
  GlmccRecording *rec = recording ();
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (4);
  GlmccParams params;
  GlmccWorkspace *w1, *w2;
  GlmccPairResult direct, cached;
  const double taus[] = { 4.0, 2.0, 1.0 };

  glmcc_params_init (&params);
  w1 = glmcc_workspace_new (&params);
  w2 = glmcc_workspace_new (&params);
  for (guint k = 0; k < G_N_ELEMENTS (taus); k++)
    {
      params.tau_ms = taus[k];
      glmcc_pair_analyse (w1, &params, rec, 2, 5, &direct);
      glmcc_pair_cache_analyse (cache, w2, &params, rec, 2, 5, &cached);
      g_assert_true (same_pair_result (&direct, &cached));
    }
  g_assert_cmpuint (glmcc_pair_cache_get_misses (cache), ==, 1);
  g_assert_cmpuint (glmcc_pair_cache_get_hits (cache), ==, 2);
  glmcc_workspace_free (w1);
  glmcc_workspace_free (w2);
}

typedef struct
{
  GlmccPairCache *cache;
  guint           seed;
  gboolean        ok;
} Hammer;

static gpointer
hammer_thread (gpointer data)
{
  Hammer *h = data;
  GlmccRecording *rec = recording ();
  GlmccParams params;
  GRand *rand = g_rand_new_with_seed (h->seed);

  glmcc_params_init (&params);
  h->ok = TRUE;
  for (guint k = 0; k < 400; k++)
    {
      guint ref = g_rand_int_range (rand, 0, 8);
      guint target = (ref + g_rand_int_range (rand, 1, 8)) % 8;
      g_autoptr(GBytes) lags = glmcc_pair_cache_get_lags (h->cache, rec, &params, ref, target);
      g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));
      const double *a, *b;
      gsize na, nb;

      a = glmcc_recording_get_train (rec, ref, &na);
      b = glmcc_recording_get_train (rec, target, &nb);
      glmcc_lags_collect (a, na, b, nb, params.window_ms, direct);
      if (g_bytes_get_size (lags) != direct->len * sizeof (double) ||
          memcmp (g_bytes_get_data (lags, NULL), direct->data, g_bytes_get_size (lags)) != 0)
        h->ok = FALSE;
    }
  g_rand_free (rand);
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (10);
  Hammer hammers[4];
  GThread *threads[4];

  for (guint t = 0; t < 4; t++)
    {
      hammers[t].cache = cache;
      hammers[t].seed = 17 + t;
      threads[t] = g_thread_new ("hammer", hammer_thread, &hammers[t]);
    }
  for (guint t = 0; t < 4; t++)
    {
      g_thread_join (threads[t]);
      g_assert_true (hammers[t].ok);
    }
  g_assert_cmpuint (glmcc_pair_cache_get_size (cache), <=, 10);
  g_assert_cmpuint (glmcc_pair_cache_get_hits (cache) + glmcc_pair_cache_get_misses (cache), ==, 1600);
  g_assert_cmpuint (glmcc_pair_cache_get_hits (cache), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/hit-and-miss", test_hit_and_miss);
  g_test_add_func ("/cache/epoch-is-key", test_epoch_is_key);
  g_test_add_func ("/cache/lru-eviction", test_lru_eviction);
  g_test_add_func ("/cache/other-recording", test_other_recording);
  g_test_add_func ("/cache/reload-other-unit", test_reload_other_unit);
  g_test_add_func ("/cache/analyse-matches", test_analyse_matches);
  g_test_add_func ("/cache/threads", test_threads);

  return g_test_run ();
}
