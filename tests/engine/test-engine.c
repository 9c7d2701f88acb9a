/* test-engine.c: the all-pairs engine — thread-count independence, cancellation, resume,
 * shards and merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "engine-test-util.h"
#include "glmcc-engine.h"
#include "glmcc-engine-private.h"
#include "glmcc-error.h"
#include "glmcc-memory.h"
#include "glmcc-simulate.h"

static GlmccRecording *
shared_recording (void)
{
  static GlmccRecording *recording = NULL;

  if (recording == NULL)
    recording = engine_test_simulated_recording (14, 300.0, 21);
  return recording;
}

/* Bitwise equality of two edges, field by field (struct padding is not compared). */
static gboolean
edges_identical (GlmccEdge a,
                 GlmccEdge b)
{
  return a.status == b.status && a.n_lags == b.n_lags &&
         memcmp (&a.j, &b.j, sizeof (double)) == 0 &&
         memcmp (&a.threshold, &b.threshold, sizeof (double)) == 0 &&
         memcmp (&a.statistic, &b.statistic, sizeof (double)) == 0 &&
         memcmp (&a.p_value, &b.p_value, sizeof (double)) == 0 &&
         memcmp (&a.psp_mv, &b.psp_mv, sizeof (double)) == 0 &&
         memcmp (&a.delay_ms, &b.delay_ms, sizeof (double)) == 0;
}

static void
assert_results_identical (GlmccResults *a,
                          GlmccResults *b)
{
  guint n = glmcc_results_get_n_neurons (a);

  g_assert_cmpuint (n, ==, glmcc_results_get_n_neurons (b));
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post && !edges_identical (glmcc_results_get_edge (a, pre, post),
                                           glmcc_results_get_edge (b, pre, post)))
        g_error ("edge %u → %u differs", pre, post);
}

static GlmccResults *
run_all (GlmccRecording *recording,
         guint           n_threads)
{
  GlmccParams params;
  GlmccResults *results;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  engine = glmcc_engine_new (results);
  glmcc_engine_set_threads (engine, n_threads);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_engine_get_n_threads (engine), ==, n_threads);
  g_assert_cmpuint (glmcc_engine_get_n_done (engine), ==, glmcc_engine_get_n_total (engine));
  return results;
}

static void
test_threads_identical (void)
{
  GlmccRecording *recording = shared_recording ();
  guint n = glmcc_recording_get_n_neurons (recording);
  g_autoptr(GlmccResults) one = run_all (recording, 1);
  g_autoptr(GlmccResults) two = run_all (recording, 2);
  g_autoptr(GlmccResults) three = run_all (recording, 3);
  guint64 pairs = (guint64) n * (n - 1) / 2;

  g_assert_cmpuint (glmcc_results_count_done (one), ==, pairs);
  /* The network is strongly connected enough that some pair is significant, so the
   * comparison covers more than failure statuses. */
  g_assert_cmpuint (glmcc_results_count_significant (one), >, 0);
  assert_results_identical (one, two);
  assert_results_identical (one, three);
}

/* The engine's table equals fitting each pair by hand, reference = lower index. */
static void
test_matches_single_pairs (void)
{
  GlmccRecording *recording = shared_recording ();
  guint n = glmcc_recording_get_n_neurons (recording);
  g_autoptr(GlmccResults) results = run_all (recording, 2);
  GlmccParams params;
  GlmccWorkspace *workspace;
  GlmccPairResult pair;

  glmcc_params_init (&params);
  workspace = glmcc_workspace_new (&params);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < i; j += 3)
      {
        glmcc_pair_analyse (workspace, &params, recording, j, i, &pair);
        g_assert_true (edges_identical (pair.forward, glmcc_results_get_edge (results, j, i)));
        g_assert_true (edges_identical (pair.backward, glmcc_results_get_edge (results, i, j)));
      }
  glmcc_workspace_free (workspace);
}

static void
test_cancel_before (void)
{
  GlmccRecording *recording = shared_recording ();
  GlmccParams params;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  engine = glmcc_engine_new (results);
  g_cancellable_cancel (cancellable);
  g_assert_false (glmcc_engine_run (engine, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (glmcc_engine_get_n_done (engine), ==, 0);
  g_assert_cmpuint (glmcc_results_count_done (results), ==, 0);
  g_assert_cmpint (glmcc_results_get_edge (results, 0, 1).status, ==, GLMCC_STATUS_PENDING);
}

typedef struct
{
  GlmccEngine  *engine;
  GCancellable *cancellable;
  guint64       after;
  gboolean      stop;
} Canceller;

/* Cancels as soon as the engine reports @after finished pairs (busy poll, no timing). */
static gpointer
canceller_thread (gpointer data)
{
  Canceller *c = data;

  while (!g_atomic_int_get (&c->stop))
    if (glmcc_engine_get_n_done (c->engine) >= c->after)
      {
        g_cancellable_cancel (c->cancellable);
        break;
      }
  return NULL;
}

/* A run cancelled midway keeps its finished pairs, leaves the others pending, and a second
 * run on the same table (a resume) completes it to exactly the uninterrupted result. */
static void
test_cancel_and_resume (void)
{
  g_autoptr(GlmccRecording) recording = engine_test_simulated_recording (40, 200.0, 5);
  g_autoptr(GlmccResults) reference = run_all (recording, 1);
  GlmccParams params;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GlmccEngine) again = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Canceller canceller = { 0 };
  GThread *thread;
  gboolean finished;
  guint64 done, total = 40 * 39 / 2;

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  engine = glmcc_engine_new (results);
  glmcc_engine_set_threads (engine, 2);
  g_assert_cmpuint (glmcc_engine_get_n_total (engine), ==, total);

  canceller.engine = engine;
  canceller.cancellable = cancellable;
  canceller.after = 20;
  thread = g_thread_new ("canceller", canceller_thread, &canceller);
  finished = glmcc_engine_run (engine, cancellable, &error);
  g_atomic_int_set (&canceller.stop, TRUE);
  g_thread_join (thread);

  done = glmcc_engine_get_n_done (engine);
  g_assert_cmpuint (glmcc_results_count_done (results), ==, done);
  if (finished)
    {
      /* The run outran the canceller; nothing more to check about cancellation. */
      g_test_message ("the run finished before the cancellation took effect");
      g_assert_cmpuint (done, ==, total);
      return;
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (done, >=, 20);
  g_assert_cmpuint (done, <, total);
  for (guint i = 0; i < 40; i++)
    for (guint j = 0; j < i; j++)
      if (glmcc_results_pair_done (results, j, i))
        {
          g_assert_true (edges_identical (glmcc_results_get_edge (results, j, i),
                                          glmcc_results_get_edge (reference, j, i)));
          g_assert_true (edges_identical (glmcc_results_get_edge (results, i, j),
                                          glmcc_results_get_edge (reference, i, j)));
        }
      else
        {
          g_assert_cmpint (glmcc_results_get_edge (results, j, i).status, ==, GLMCC_STATUS_PENDING);
          g_assert_cmpint (glmcc_results_get_edge (results, i, j).status, ==, GLMCC_STATUS_PENDING);
        }

  /* Resume: only the missing pairs are computed. */
  g_clear_error (&error);
  again = glmcc_engine_new (results);
  g_assert_cmpuint (glmcc_engine_get_n_total (again), ==, total - done);
  g_assert_true (glmcc_engine_run (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_engine_get_n_done (again), ==, total - done);
  assert_results_identical (results, reference);
}

/* Resume from a saved file: the partial run's JSON merged into a fresh table. */
static void
test_resume_from_json (void)
{
  GlmccRecording *recording = shared_recording ();
  guint n = glmcc_recording_get_n_neurons (recording);
  g_autoptr(GlmccResults) reference = run_all (recording, 1);
  GlmccParams params;
  g_autoptr(GlmccResults) partial = NULL;
  g_autoptr(GlmccResults) loaded = NULL;
  g_autoptr(GlmccResults) resumed = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-engine-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "partial.json", NULL);

  glmcc_params_init (&params);
  partial = glmcc_results_new (recording, &params);
  /* A partial run: the first shard of two. */
  engine = glmcc_engine_new (partial);
  glmcc_engine_set_shard (engine, 0, 2);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_clear_pointer (&engine, glmcc_engine_free);
  g_assert_true (glmcc_results_write_json (partial, path, &error));
  g_assert_no_error (error);

  loaded = glmcc_results_load_json (path, &error);
  g_assert_no_error (error);
  resumed = glmcc_results_new (recording, &params);
  g_assert_true (glmcc_results_merge (resumed, loaded, &error));
  g_assert_no_error (error);
  engine = glmcc_engine_new (resumed);
  g_assert_cmpuint (glmcc_engine_get_n_total (engine), ==,
                    (guint64) n * (n - 1) / 2 - glmcc_results_count_done (partial));
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  assert_results_identical (resumed, reference);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_shards_cover (void)
{
  GlmccRecording *recording = shared_recording ();
  guint n = glmcc_recording_get_n_neurons (recording);
  guint64 pairs = (guint64) n * (n - 1) / 2, sum = 0;
  GlmccParams params;
  g_autofree guint *owner = g_new0 (guint, (gsize) n * n);

  glmcc_params_init (&params);
  for (guint k = 0; k < 5; k++)
    {
      g_autoptr(GlmccResults) results = glmcc_results_new (recording, &params);
      g_autoptr(GlmccEngine) engine = glmcc_engine_new (results);
      guint64 done;

      glmcc_engine_set_shard (engine, k, 5);
      g_assert_true (glmcc_engine_run (engine, NULL, NULL));
      done = glmcc_results_count_done (results);
      /* Equal slices: sizes differ by at most one. */
      g_assert_cmpuint (done, >=, pairs / 5);
      g_assert_cmpuint (done, <=, pairs / 5 + 1);
      g_assert_cmpuint (glmcc_engine_get_n_done (engine), ==, done);
      sum += done;
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < i; j++)
          if (glmcc_results_pair_done (results, j, i))
            {
              g_assert_cmpuint (owner[i * n + j], ==, 0);
              owner[i * n + j] = k + 1;
            }
    }
  g_assert_cmpuint (sum, ==, pairs);
  /* Slices follow the reference loop order: shard numbers never decrease along it. */
  {
    guint last = 1;
    for (guint i = 1; i < n; i++)
      for (guint j = 0; j < i; j++)
        {
          g_assert_cmpuint (owner[i * n + j], >=, last);
          last = owner[i * n + j];
        }
  }
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  return contents;
}

/* Three shards written as JSON and merged give the outputs of one run, byte for byte. */
static void
test_shards_merge (void)
{
  GlmccRecording *recording = shared_recording ();
  g_autoptr(GlmccResults) single = run_all (recording, 2);
  g_autoptr(GlmccResults) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-merge-XXXXXX", NULL);
  GlmccParams params;

  glmcc_params_init (&params);
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(GlmccResults) part = glmcc_results_new (recording, &params);
      g_autoptr(GlmccEngine) engine = glmcc_engine_new (part);
      g_autofree char *name = g_strdup_printf ("part%u.json", k);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      glmcc_engine_set_shard (engine, k, 3);
      glmcc_engine_set_threads (engine, 1 + k % 2);
      g_assert_true (glmcc_engine_run (engine, NULL, &error));
      g_assert_true (glmcc_results_write_json (part, path, &error));
      g_assert_no_error (error);
    }
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *name = g_strdup_printf ("part%u.json", k);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GlmccResults) part = glmcc_results_load_json (path, &error);

      g_assert_no_error (error);
      if (merged == NULL)
        merged = glmcc_results_ref (part);
      else
        g_assert_true (glmcc_results_merge (merged, part, &error));
      g_assert_no_error (error);
      g_unlink (path);
    }
  assert_results_identical (merged, single);

  {
    g_autofree char *m1 = NULL, *m2 = NULL, *e1 = NULL, *e2 = NULL;
    g_autofree char *p = NULL;

    p = g_build_filename (dir, "single.csv", NULL);
    g_assert_true (glmcc_results_write_matrix (single, p, &error));
    g_free (p);
    p = g_build_filename (dir, "merged.csv", NULL);
    g_assert_true (glmcc_results_write_matrix (merged, p, &error));
    g_free (p);
    p = g_build_filename (dir, "single.tsv", NULL);
    g_assert_true (glmcc_results_write_edges (single, p, &error));
    g_free (p);
    p = g_build_filename (dir, "merged.tsv", NULL);
    g_assert_true (glmcc_results_write_edges (merged, p, &error));
    g_assert_no_error (error);
    m1 = read_file (dir, "single.csv");
    m2 = read_file (dir, "merged.csv");
    e1 = read_file (dir, "single.tsv");
    e2 = read_file (dir, "merged.tsv");
    g_assert_cmpstr (m1, ==, m2);
    g_assert_cmpstr (e1, ==, e2);
  }
  g_rmdir (dir);
}

static void
test_no_recording (void)
{
  GlmccRecording *recording = shared_recording ();
  GlmccParams params;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccResults) loaded = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-engine-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.json", NULL);

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  g_assert_true (glmcc_results_write_json (results, path, &error));
  loaded = glmcc_results_load_json (path, &error);
  g_assert_no_error (error);
  engine = glmcc_engine_new (loaded);
  g_assert_false (glmcc_engine_run (engine, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "no recording"));
  g_unlink (path);
  g_rmdir (dir);
}

/* @n neurons with one spike each: cheap pairs (no lags), for tests of size and storage. */
static GlmccRecording *
sparse_recording (guint n)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("sparse", "test");
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("u%u", i);
      double t = 1000.0 * i;

      glmcc_recording_builder_add_train (builder, name, &t, 1);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), &error);
  g_assert_no_error (error);
  return recording;
}

/* A shard allocates the storage of its own pairs, not of the whole table. */
static void
test_storage_proportional (void)
{
  g_autoptr(GlmccRecording) recording = sparse_recording (1000);
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GlmccParams params;
  guint64 all_pairs = glmcc_pair_count (1000), first, last, empty, shard;

  /* Both directions of a pair, numbers, delay, lag count and statuses: ~104 bytes. */
  g_assert_cmpuint (glmcc_results_bytes_for_pairs (1), <=, 104);

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  empty = glmcc_results_get_storage_bytes (results);
  g_assert_cmpuint (empty, <, glmcc_results_bytes_for_pairs (all_pairs) / 1000);

  engine = glmcc_engine_new (results);
  glmcc_engine_set_shard (engine, 4, 100);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  glmcc_shard_range (1000, 4, 100, &first, &last);
  g_assert_cmpuint (glmcc_results_count_done (results), ==, last - first);
  g_assert_cmpuint (glmcc_results_count_pending (results), ==, all_pairs - (last - first));
  shard = glmcc_results_get_storage_bytes (results);
  g_test_message ("storage: empty %" G_GUINT64_FORMAT " B, one shard of 100 %" G_GUINT64_FORMAT
                  " B, all pairs %" G_GUINT64_FORMAT " B", empty, shard,
                  glmcc_results_bytes_for_pairs (all_pairs));
  g_assert_cmpuint (shard, <, glmcc_results_bytes_for_pairs (all_pairs) / 20);
  g_assert_cmpuint (shard, >=, glmcc_results_bytes_for_pairs (last - first));
}

/* 40,000 neurons: 800 million pairs, about 83 GB of results. Refused before anything is
 * allocated, saying how much it needs and how much there is. */
static void
test_too_large (void)
{
  g_autoptr(GlmccRecording) recording = sparse_recording (40000);
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GlmccParams params;
  guint64 need = glmcc_results_bytes_for_pairs (glmcc_pair_count (40000)), before;
  g_autofree char *need_text = g_format_size (need);

  if (glmcc_memory_get_available () / 5 * 4 >= need)
    {
      g_test_skip ("this machine has room for 83 GB of results");
      return;
    }
  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  before = glmcc_results_get_storage_bytes (results);
  engine = glmcc_engine_new (results);
  g_assert_cmpuint (glmcc_engine_get_n_total (engine), ==, glmcc_pair_count (40000));
  g_assert_false (glmcc_engine_run (engine, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "799980000 pairs of 40000 neurons"));
  g_assert_nonnull (strstr (error->message, need_text));
  g_assert_nonnull (strstr (error->message, "available"));
  g_assert_cmpuint (glmcc_results_get_storage_bytes (results), ==, before);
}

static guint thread_budget;

/* Lets @thread_budget threads be made, then fails as a system out of threads would. */
static GThread *
thread_new_limited (const char   *name,
                    GThreadFunc   func,
                    gpointer      data,
                    GError      **error)
{
  if (thread_budget == 0)
    {
      g_set_error (error, G_THREAD_ERROR, G_THREAD_ERROR_AGAIN, "Resource temporarily unavailable");
      return NULL;
    }
  thread_budget--;
  return g_thread_try_new (name, func, data, error);
}

/* When threads cannot be made, the run goes on with those it has, down to the caller alone,
 * and gives the same table. */
static void
test_thread_fallback (void)
{
  GlmccRecording *recording = shared_recording ();
  g_autoptr(GlmccResults) reference = run_all (recording, 1);
  GlmccParams params;

  glmcc_params_init (&params);
  for (guint budget = 0; budget < 2; budget++)
    {
      g_autoptr(GlmccResults) results = glmcc_results_new (recording, &params);
      g_autoptr(GlmccEngine) engine = glmcc_engine_new (results);
      g_autoptr(GError) error = NULL;

      thread_budget = budget;
      glmcc_engine_set_thread_new_func (engine, thread_new_limited);
      glmcc_engine_set_threads (engine, 4);
      g_assert_true (glmcc_engine_run (engine, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (glmcc_engine_get_n_threads (engine), ==, budget + 1);
      g_assert_cmpuint (glmcc_results_count_pending (results), ==, 0);
      assert_results_identical (results, reference);
    }
}

/* n_lags is a 64-bit count from the pair to the files and back. */
static void
test_n_lags_64 (void)
{
  g_autoptr(GlmccRecording) recording = sparse_recording (3);
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-nlags-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *tsv = g_build_filename (dir, "run.tsv", NULL);
  g_autofree char *text = NULL;
  GlmccParams params;
  GlmccEdge edge = { GLMCC_STATUS_SIGNIFICANT, 0.5, 0.2, 4.0, 1e-5, 1.266, 2.0, 0 };
  const guint64 many = G_GUINT64_CONSTANT (5000000007);   /* > 2^32 */

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  edge.n_lags = many;
  glmcc_results_set_edge (results, 0, 1, &edge);
  edge.status = GLMCC_STATUS_NOT_SIGNIFICANT;
  edge.psp_mv = 0.0;
  glmcc_results_set_edge (results, 1, 0, &edge);
  g_assert_cmpuint (glmcc_results_get_edge (results, 0, 1).n_lags, ==, many);
  g_assert_cmpuint (glmcc_results_get_edge (results, 1, 0).n_lags, ==, many);

  g_assert_true (glmcc_results_write_json (results, json, &error));
  g_assert_no_error (error);
  g_assert_true (glmcc_results_write_edges (results, tsv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tsv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "u0\tu1\tsignificant\t"));
  g_assert_nonnull (strstr (text, "\t5000000007\n"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"n_lags\":5000000007}"));

  back = glmcc_results_load_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_results_get_edge (back, 0, 1).n_lags, ==, many);
  g_assert_cmpuint (glmcc_results_get_edge (back, 1, 0).n_lags, ==, many);
  g_assert_true (edges_identical (glmcc_results_get_edge (back, 0, 1),
                                  glmcc_results_get_edge (results, 0, 1)));
  g_assert_cmpint (glmcc_results_get_edge (back, 0, 2).status, ==, GLMCC_STATUS_PENDING);

  g_unlink (json);
  g_unlink (tsv);
  g_rmdir (dir);
}

/* A JSON whose two directions of a pair disagree on the lag count is refused, naming them. */
static void
test_json_pair_disagrees (void)
{
  g_autoptr(GlmccRecording) recording = sparse_recording (3);
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-pair-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  GlmccParams params;
  GlmccEdge edge = { GLMCC_STATUS_NOT_SIGNIFICANT, 0.1, 0.2, 0.5, 0.6, 0.0, 2.0, 77 };
  char *second;

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  glmcc_results_set_edge (results, 0, 1, &edge);
  glmcc_results_set_edge (results, 1, 0, &edge);
  g_assert_true (glmcc_results_write_json (results, json, &error));
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  second = strstr (strstr (text, "\"n_lags\":77") + 1, "\"n_lags\":77");
  g_assert_nonnull (second);
  edited = g_string_new_len (text, second - text);
  g_string_append (edited, "\"n_lags\":78");
  g_string_append (edited, second + strlen ("\"n_lags\":77"));
  g_assert_true (g_file_set_contents (json, edited->str, -1, NULL));

  back = glmcc_results_load_json (json, &error);
  g_assert_null (back);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "'u1' → 'u0'"));

  g_unlink (json);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/threads-identical", test_threads_identical);
  g_test_add_func ("/engine/matches-single-pairs", test_matches_single_pairs);
  g_test_add_func ("/engine/cancel-before", test_cancel_before);
  g_test_add_func ("/engine/cancel-and-resume", test_cancel_and_resume);
  g_test_add_func ("/engine/resume-from-json", test_resume_from_json);
  g_test_add_func ("/engine/shards-cover", test_shards_cover);
  g_test_add_func ("/engine/shards-merge", test_shards_merge);
  g_test_add_func ("/engine/no-recording", test_no_recording);
  g_test_add_func ("/engine/storage-proportional", test_storage_proportional);
  g_test_add_func ("/engine/too-large", test_too_large);
  g_test_add_func ("/engine/thread-fallback", test_thread_fallback);
  g_test_add_func ("/engine/n-lags-64", test_n_lags_64);
  g_test_add_func ("/engine/json-pair-disagrees", test_json_pair_disagrees);

  return g_test_run ();
}
