/* test-hdf5.c: the HDF5 results file — round trip against the JSON, shards and merge, sync
 * while a run goes on, damaged files, mixed runs, and a build without libhdf5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "engine-test-util.h"
#include "glmcc-engine.h"
#include "glmcc-error.h"
#include "glmcc-fdr.h"
#include "glmcc-results-file.h"
#include "glmcc-results-hdf5.h"
#include "glmcc-simulate.h"

#if HAVE_HDF5
#include <hdf5.h>
#endif

static char *workdir;

static char *
path_in (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static GlmccRecording *
shared_recording (void)
{
  static GlmccRecording *recording = NULL;

  if (recording == NULL)
    recording = engine_test_simulated_recording (16, 300.0, 5);
  return recording;
}

static GlmccResults *
run_shard (GlmccRecording *recording,
           guint           shard,
           guint           n_shards,
           GlmccTest       test)
{
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GlmccParams params;
  GlmccResults *results;

  glmcc_params_init (&params);
  params.test = test;
  results = glmcc_results_new (recording, &params);
  engine = glmcc_engine_new (results);
  glmcc_engine_set_shard (engine, shard, n_shards);
  g_assert_true (glmcc_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  return results;
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0 || (isnan (a) && isnan (b));
}

/* Every field of every edge, bit for bit (NaN equal to NaN), q-values too when asked. */
static void
assert_same_edges (GlmccResults *a,
                   GlmccResults *b,
                   gboolean      with_q)
{
  guint n = glmcc_results_get_n_neurons (a);

  g_assert_cmpuint (n, ==, glmcc_results_get_n_neurons (b));
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        GlmccEdge x = glmcc_results_get_edge (a, pre, post), y = glmcc_results_get_edge (b, pre, post);

        if (pre == post)
          continue;
        if (x.status != y.status || x.n_lags != y.n_lags || !same_double (x.j, y.j)
            || !same_double (x.threshold, y.threshold) || !same_double (x.statistic, y.statistic)
            || !same_double (x.p_value, y.p_value) || !same_double (x.psp_mv, y.psp_mv)
            || !same_double (x.delay_ms, y.delay_ms) || (with_q && !same_double (x.q_value, y.q_value)))
          g_error ("edge %u → %u differs", pre, post);
      }
}

/* The JSON of a run read line by line (what glmcc_results_load and merge_file do) equals the
 * whole-document parse; a JSON laid out otherwise is still read; a truncated one is refused
 * naming the file; members the reader does not know are skipped; another run is refused. */
static void
test_json_stream (void)
{
  GlmccRecording *recording = shared_recording ();
  g_autoptr(GlmccResults) run = run_shard (recording, 1, 3, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) whole = NULL, streamed = NULL, compact_back = NULL, merged = NULL;
  g_autoptr(GlmccResults) lr = run_shard (recording, 0, 3, GLMCC_TEST_LR);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = path_in ("stream.json"), *other = path_in ("stream-other.json");
  char *text = NULL;
  guint index, count;

  g_assert_true (glmcc_results_write_json (run, json, &error));
  g_assert_no_error (error);
  whole = glmcc_results_load_json (json, &error);
  g_assert_no_error (error);
  streamed = glmcc_results_load (json, &error);
  g_assert_no_error (error);
  assert_same_edges (whole, streamed, FALSE);
  g_assert_cmpuint (glmcc_results_count_done (streamed), ==, glmcc_results_count_done (run));
  glmcc_results_get_shard (streamed, &index, &count);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (glmcc_results_get_fingerprint (streamed), ==, glmcc_results_get_fingerprint (run));

  /* Into results of the same run, with the part's shard reported. */
  merged = run_shard (recording, 0, 3, GLMCC_TEST_WALD);
  g_assert_true (glmcc_results_merge_file (merged, json, &index, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (glmcc_results_count_done (merged), ==,
                    glmcc_results_count_done (run) + glmcc_results_count_done (lr));
  g_assert_false (glmcc_results_merge_file (lr, json, NULL, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  /* Reformatted on one line by another tool: parsed whole. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
    json_generator_set_root (generator, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (generator, other, NULL));
    compact_back = glmcc_results_load (other, &error);
    g_assert_no_error (error);
    assert_same_edges (whole, compact_back, FALSE);
  }
  /* An extra member in an edge (a curation note, say) and an escaped name. */
  {
    g_autoptr(GString) edited = g_string_new (text);
    g_autoptr(GlmccResults) back = NULL;
    const char *first_edge = strstr (edited->str, "{\"pre\":");
    gsize at = first_edge - edited->str + 1;

    g_string_insert (edited, at, "\"note\":\"a \\\"quoted\\\" \\u00e9t\\u00e9\",");
    g_assert_true (g_file_set_contents (other, edited->str, -1, NULL));
    back = glmcc_results_load (other, &error);
    g_assert_no_error (error);
    assert_same_edges (whole, back, FALSE);
  }
  /* Cut in the middle of the edges. */
  {
    gsize length = strlen (text);
    gsize edges_at = (gsize) (strstr (text, "\"edges\" : [") - text);
    gsize cut = edges_at + (length - edges_at) / 2;
    g_autoptr(GlmccResults) back = NULL;

    g_assert_true (g_file_set_contents (other, text, cut, NULL));
    back = glmcc_results_load (other, &error);
    g_assert_null (back);
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, other));
    g_clear_error (&error);
    /* Cut at a line's end: the list is not closed. */
    while (cut < length && text[cut] != ']')
      cut++;
    while (cut > 0 && text[cut] != '\n')
      cut--;
    g_assert_true (g_file_set_contents (other, text, cut + 1, NULL));
    back = glmcc_results_load (other, &error);
    g_assert_null (back);
    g_assert_nonnull (strstr (error->message, "truncated"));
  }
  g_free (text);
}

#if HAVE_HDF5

/* No HDF5 object of ours is left open. */
static void
assert_no_open_handles (void)
{
  g_assert_cmpint (H5Fget_obj_count (H5F_OBJ_ALL, H5F_OBJ_ALL), ==, 0);
}

/* Written, read back: the same edges as the run and as its JSON read back, the same neurons,
 * parameters and provenance (the JSON written from the file read back is the run's JSON). */
static void
test_round_trip (void)
{
  g_autoptr(GlmccResults) run = run_shard (shared_recording (), 0, 1, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) from_h5 = NULL, from_json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *h5 = path_in ("round.h5"), *json = path_in ("round.json");
  g_autofree char *json_again = path_in ("round-again.json");
  g_autofree char *text = NULL, *text_again = NULL;
  guint index, count;

  g_assert_true (glmcc_results_write_hdf5 (run, h5, &error));
  g_assert_no_error (error);
  assert_no_open_handles ();
  g_assert_true (glmcc_results_write_json (run, json, &error));
  g_assert_true (glmcc_results_file_is_hdf5 (h5));
  g_assert_false (glmcc_results_file_is_hdf5 (json));

  from_h5 = glmcc_results_load (h5, &error);
  g_assert_no_error (error);
  assert_no_open_handles ();
  from_json = glmcc_results_load (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_results_count_pending (from_h5), ==, 0);
  g_assert_cmpuint (glmcc_results_count_significant (from_h5), >, 0);
  assert_same_edges (run, from_h5, TRUE);
  assert_same_edges (from_json, from_h5, FALSE);
  glmcc_results_get_shard (from_h5, &index, &count);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (count, ==, 1);
  for (guint i = 0; i < glmcc_results_get_n_neurons (run); i++)
    {
      g_assert_cmpstr (glmcc_results_get_name (from_h5, i), ==, glmcc_results_get_name (run, i));
      g_assert_cmpfloat (glmcc_results_get_rate (from_h5, i), ==, glmcc_results_get_rate (run, i));
    }
  g_assert_cmpstr (glmcc_results_get_fingerprint (from_h5), ==, glmcc_results_get_fingerprint (run));
  g_assert_true (glmcc_params_equal (glmcc_results_get_params (from_h5),
                                     glmcc_results_get_params (run)));

  /* The status codes the README and the man page document. */
  {
    const char *documented[] = { "pending", "significant", "not-significant", "insufficient-data",
                                 "no-lags", "not-converged", "numerical-error" };
    hid_t file = H5Fopen (h5, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t attribute = H5Aopen_by_name (file, "edges/status", "status_names", H5P_DEFAULT,
                                       H5P_DEFAULT);
    hid_t space = H5Aget_space (attribute);
    hid_t type = H5Tcopy (H5T_C_S1);
    char *names[256] = { NULL };
    hssize_t n_names = H5Sget_simple_extent_npoints (space);

    H5Tset_size (type, H5T_VARIABLE);
    g_assert_cmpint (n_names, >=, G_N_ELEMENTS (documented));
    g_assert_cmpint (n_names, <=, 256);
    g_assert_cmpint (H5Aread (attribute, type, names), >=, 0);
    for (guint c = 0; c < G_N_ELEMENTS (documented); c++)
      g_assert_cmpstr (names[c], ==, documented[c]);
    for (hssize_t c = 0; c < n_names; c++)
      H5free_memory (names[c]);
    H5Tclose (type);
    H5Sclose (space);
    H5Aclose (attribute);
    H5Fclose (file);
  }

  g_assert_true (glmcc_results_write_json (from_h5, json_again, &error));
  text = engine_test_slurp (json);
  text_again = engine_test_slurp (json_again);
  g_assert_cmpstr (text, ==, text_again);

  /* The writer computed the complete run's q-values, as compute_q_values does. */
  {
    g_autoptr(GlmccResults) fresh = run_shard (shared_recording (), 0, 1, GLMCC_TEST_WALD);

    g_assert_true (isnan (glmcc_results_get_edge (fresh, 0, 1).q_value));
    g_assert_true (glmcc_results_compute_q_values (fresh, NULL));
    assert_same_edges (fresh, from_h5, TRUE);
    g_assert_false (isnan (glmcc_results_get_edge (from_h5, 0, 1).q_value));
  }
}

/* Shards written as HDF5 parts and merged block by block give the single run, q-values
 * included (computed once the merge is complete); each part alone has pending pairs and NaN
 * q-values. */
static void
test_shards_merge (void)
{
  GlmccRecording *recording = shared_recording ();
  g_autoptr(GlmccResults) single = run_shard (recording, 0, 1, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_new0 (char *, 4);

  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(GlmccResults) part = run_shard (recording, k, 3, GLMCC_TEST_WALD);
      g_autoptr(GlmccResults) back = NULL;
      guint64 first, last;
      guint index, count;

      parts[k] = g_strdup_printf ("%s/part-%u.h5", workdir, k + 1);
      g_assert_true (glmcc_results_write_hdf5 (part, parts[k], &error));
      g_assert_no_error (error);
      back = glmcc_results_load_hdf5 (parts[k], &error);
      g_assert_no_error (error);
      glmcc_shard_range (glmcc_recording_get_n_neurons (recording), k, 3, &first, &last);
      g_assert_cmpuint (glmcc_results_count_done (back), ==, last - first);
      g_assert_cmpuint (glmcc_results_count_done_in_range (back, first, last), ==, last - first);
      glmcc_results_get_shard (back, &index, &count);
      g_assert_cmpuint (index, ==, k);
      g_assert_cmpuint (count, ==, 3);
      {
        guint target, reference;

        glmcc_pair_from_index (first, &target, &reference);
        g_assert_true (isnan (glmcc_results_get_edge (back, reference, target).q_value));
      }
    }
  /* In any order. */
  merged = glmcc_results_load (parts[2], &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      guint index = 99, count = 99;

      g_assert_true (glmcc_results_merge_file (merged, parts[k], &index, &count, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (index, ==, k);
      g_assert_cmpuint (count, ==, 3);
    }
  assert_no_open_handles ();
  g_assert_cmpuint (glmcc_results_count_pending (merged), ==, 0);
  g_assert_true (glmcc_results_compute_q_values (merged, NULL));
  g_assert_true (glmcc_results_compute_q_values (single, NULL));
  assert_same_edges (single, merged, TRUE);
}

/* The file written while an engine runs: each sync makes the finished pairs readable from the
 * file, and the finished file equals a whole-file write. */
static void
test_sync_during_run (void)
{
  GlmccRecording *recording = shared_recording ();
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccResults) whole = run_shard (recording, 0, 1, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *h5 = path_in ("sync.h5");
  GlmccResultsHdf5Writer *writer;
  GlmccParams params;
  guint n = glmcc_recording_get_n_neurons (recording);

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  writer = glmcc_results_hdf5_writer_new (results, h5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (writer);

  /* Pairs finished one at a time, as workers do; a sync after some of them. */
  for (guint64 k = 0; k < glmcc_pair_count (n); k++)
    {
      guint target, reference;
      GlmccPairResult pair = { 0 };

      glmcc_pair_from_index (k, &target, &reference);
      pair.forward = glmcc_results_get_edge (whole, reference, target);
      pair.backward = glmcc_results_get_edge (whole, target, reference);
      glmcc_results_set_pair (results, reference, target, &pair);
      if (k == 40)
        {
          g_assert_true (glmcc_results_hdf5_writer_sync (writer, &error));
          g_assert_no_error (error);
          /* Read while the writer still has the file open, as a reader of a killed run would. */
          back = glmcc_results_load_hdf5 (h5, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (glmcc_results_count_done (back), ==, 41);
          g_clear_pointer (&back, glmcc_results_unref);
        }
    }
  g_assert_true (glmcc_results_hdf5_writer_finish (writer, &error));
  g_assert_no_error (error);
  assert_no_open_handles ();
  back = glmcc_results_load_hdf5 (h5, &error);
  g_assert_no_error (error);
  g_assert_true (glmcc_results_compute_q_values (whole, NULL));
  assert_same_edges (whole, back, TRUE);
}

/* A run of other parameters or of another recording (or epoch) does not merge into this one. */
static void
test_mixed_runs_refused (void)
{
  GlmccRecording *recording = shared_recording ();
  g_autoptr(GlmccRecording) other = engine_test_simulated_recording (16, 300.0, 6);
  g_autoptr(GlmccRecording) shorter = glmcc_recording_with_epoch (recording, 0.0, 200000.0, NULL);
  g_autoptr(GlmccResults) wald = run_shard (recording, 0, 2, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) lr = run_shard (recording, 1, 2, GLMCC_TEST_LR);
  g_autoptr(GlmccResults) elsewhere = run_shard (other, 1, 2, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) early = run_shard (shorter, 1, 2, GLMCC_TEST_WALD);
  g_autoptr(GError) error = NULL;
  const struct { GlmccResults *results; const char *name; const char *says; } cases[] = {
    { lr, "mixed-lr.h5", "different parameters" },
    { elsewhere, "mixed-other.h5", "different recordings" },
    { early, "mixed-epoch.h5", "different recordings" },
  };

  g_assert_nonnull (shorter);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = path_in (cases[c].name);
      guint64 before = glmcc_results_count_done (wald);

      g_assert_true (glmcc_results_write_hdf5 (cases[c].results, path, &error));
      g_assert_no_error (error);
      g_assert_false (glmcc_results_merge_hdf5 (wald, path, NULL, NULL, &error));
      g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
      g_assert_nonnull (strstr (error->message, cases[c].says));
      g_clear_error (&error);
      /* Refused before a single pair was copied. */
      g_assert_cmpuint (glmcc_results_count_done (wald), ==, before);
      assert_no_open_handles ();
    }
}

/* Copies @length bytes of @from into @to. */
static void
write_head (const char *from,
            const char *to,
            gsize       length)
{
  g_autofree char *text = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &text, &size, NULL));
  g_assert_true (g_file_set_contents (to, text, MIN (length, size), NULL));
}

static void
assert_refused (const char *path,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccResults) results = glmcc_results_load (path, &error);

  g_test_message ("%s: %s", path, error != NULL ? error->message : "(loaded)");
  g_assert_null (results);
  g_assert_nonnull (error);
  g_assert_true (error->domain == GLMCC_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, says));
  g_assert_null (strchr (error->message, '\n'));
  assert_no_open_handles ();
}

/* Truncated files, a damaged block of edges, an HDF5 file that is not ours, and a file of a
 * newer format version: each refused with one line naming it, without a crash, and with every
 * HDF5 object closed. */
static void
test_damaged (void)
{
  g_autoptr(GlmccResults) run = run_shard (shared_recording (), 0, 1, GLMCC_TEST_WALD);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = path_in ("good.h5"), *bad = path_in ("bad.h5");
  g_autofree char *text = NULL;
  gsize size;

  g_assert_true (glmcc_results_write_hdf5 (run, good, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (good, &text, &size, NULL));

  /* Cut anywhere: before the superblock ends, in the metadata, in the data. */
  for (guint cut = 1; cut < 8; cut++)
    {
      write_head (good, bad, size * cut / 8);
      assert_refused (bad, "");
    }
  write_head (good, bad, 10);
  assert_refused (bad, "not a readable HDF5 file");

  /* One chunk of /edges/j overwritten: the block cannot be decompressed. */
  {
    hid_t file = H5Fopen (good, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t dataset = H5Dopen2 (file, "/edges/j", H5P_DEFAULT);
    hid_t space = H5Dget_space (dataset);
    hsize_t offset[1];
    unsigned filter_mask;
    haddr_t address;
    hsize_t chunk_size;
    g_autofree char *damaged = g_memdup2 (text, size);

    g_assert_cmpint (H5Dget_chunk_info (dataset, space, 0, offset, &filter_mask, &address,
                                        &chunk_size), >=, 0);
    H5Sclose (space);
    H5Dclose (dataset);
    H5Fclose (file);
    g_assert_cmpuint (address + chunk_size, <=, size);
    memset (damaged + address, 0x5a, chunk_size);
    g_assert_true (g_file_set_contents (bad, damaged, size, NULL));
    assert_refused (bad, "/edges/j cannot be read");
  }

  /* An HDF5 file of someone else, and one of a format version from the future. */
  {
    hid_t file = H5Fcreate (bad, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Fclose (file);
    assert_refused (bad, "not a glmcc results file");
  }
  {
    hid_t file, attribute;
    gint32 future = 99;

    g_assert_true (g_file_set_contents (bad, text, size, NULL));
    file = H5Fopen (bad, H5F_ACC_RDWR, H5P_DEFAULT);
    attribute = H5Aopen (file, "format_version", H5P_DEFAULT);
    H5Awrite (attribute, H5T_NATIVE_INT32, &future);
    H5Aclose (attribute);
    H5Fclose (file);
    assert_refused (bad, "format version 99");
  }
}

/* What the application needs for a saved analysis that refers to an HDF5 file: telling a
 * results file from a recording, a path relative to the analysis, and the file found again
 * only while its checksum holds. */
static void
test_reference (void)
{
  g_autoptr(GlmccResults) run = run_shard (shared_recording (), 0, 1, GLMCC_TEST_WALD);
  g_autoptr(GlmccResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = path_in ("runs"), *h5 = path_in ("runs/run.h5");
  g_autofree char *json = path_in ("ref.json"), *other_h5 = path_in ("other.h5");
  g_autofree char *analysis = path_in ("analyses/session.glmcc");
  g_autofree char *relative = NULL, *checksum = NULL, *text = NULL;
  gsize size;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_assert_true (glmcc_results_write_hdf5 (run, h5, &error));
  g_assert_true (glmcc_results_write_json (run, json, &error));
  g_assert_no_error (error);

  /* Results files are recognised; an HDF5 file of another kind (an NWB recording) is not. */
  g_assert_true (glmcc_results_file_probe (h5));
  g_assert_true (glmcc_results_file_probe (json));
  {
    hid_t file = H5Fcreate (other_h5, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Fclose (file);
  }
  g_assert_true (glmcc_results_file_is_hdf5 (other_h5));
  g_assert_false (glmcc_results_file_probe (other_h5));
  g_assert_false (glmcc_results_file_probe (g_getenv ("GLMCC_CLI")));

  relative = glmcc_results_file_relative_path (h5, analysis);
  g_assert_cmpstr (relative, ==, "../runs/run.h5");
  {
    g_autofree char *same = glmcc_results_file_relative_path ("/data/a/run.h5", "/data/a/x.glmcc");
    g_autofree char *apart = glmcc_results_file_relative_path ("/srv/run.h5", "/home/u/x.glmcc");
    g_autofree char *below = glmcc_results_file_relative_path ("/d/a/b/run.h5", "/d/x.glmcc");

    g_assert_cmpstr (same, ==, "run.h5");
    g_assert_cmpstr (apart, ==, "/srv/run.h5");
    g_assert_cmpstr (below, ==, "a/b/run.h5");
  }

  checksum = glmcc_results_file_checksum (h5, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (checksum, "sha256:"));
  g_assert_cmpuint (strlen (checksum), ==, strlen ("sha256:") + 64);
  back = glmcc_results_file_open_reference (analysis, relative, checksum, &error);
  g_assert_no_error (error);
  assert_same_edges (run, back, TRUE);
  assert_no_open_handles ();

  /* Changed since: refused, naming the file. */
  g_assert_true (g_file_get_contents (h5, &text, &size, NULL));
  text[size - 1] ^= 1;
  g_assert_true (g_file_set_contents (h5, text, size, NULL));
  g_clear_pointer (&back, glmcc_results_unref);
  back = glmcc_results_file_open_reference (analysis, relative, checksum, &error);
  g_assert_null (back);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "run.h5"));
  g_clear_error (&error);

  g_unlink (h5);
  back = glmcc_results_file_open_reference (analysis, relative, checksum, &error);
  g_assert_null (back);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  g_rmdir (sub);
}

/* A device cannot hold an HDF5 file: refused before anything, naming the path. */
static void
test_not_a_file (void)
{
  g_autoptr(GlmccResults) run = run_shard (shared_recording (), 0, 3, GLMCC_TEST_WALD);
  g_autoptr(GError) error = NULL;

  g_assert_false (glmcc_results_write_hdf5 (run, "/dev/null", &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/dev/null: not a regular file"));
}

#else /* !HAVE_HDF5 */

/* Without libhdf5 every entry point says which feature the build lacks. */
static void
test_unavailable (void)
{
  g_autoptr(GlmccResults) run = run_shard (shared_recording (), 0, 3, GLMCC_TEST_WALD);
  g_autoptr(GError) error = NULL;
  g_autofree char *h5 = path_in ("none.h5");

  g_assert_false (glmcc_results_hdf5_available ());
  g_assert_false (glmcc_results_write_hdf5 (run, h5, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "lacks the nwb feature (libhdf5)"));
  g_clear_error (&error);
  g_assert_null (glmcc_results_load_hdf5 (h5, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED);
}

#endif

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("glmcc-hdf5-XXXXXX", NULL);

  g_test_add_func ("/hdf5/json-stream", test_json_stream);
#if HAVE_HDF5
  g_test_add_func ("/hdf5/round-trip", test_round_trip);
  g_test_add_func ("/hdf5/shards-merge", test_shards_merge);
  g_test_add_func ("/hdf5/sync-during-run", test_sync_during_run);
  g_test_add_func ("/hdf5/mixed-runs-refused", test_mixed_runs_refused);
  g_test_add_func ("/hdf5/damaged", test_damaged);
  g_test_add_func ("/hdf5/not-a-file", test_not_a_file);
  g_test_add_func ("/hdf5/reference", test_reference);
#else
  g_test_add_func ("/hdf5/unavailable", test_unavailable);
#endif

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (workdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (workdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (workdir);
  }
  return status;
}
