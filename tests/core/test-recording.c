/* test-recording.c: the recording model: validation, sorting, epochs, lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-recording.h"

static void
test_too_few_neurons (void)
{
  GlmccRecordingBuilder *builder = glmcc_recording_builder_new ("one.txt", "text");
  double times[] = { 1.0, 2.0 };
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  glmcc_recording_builder_add_train (builder, "a", times, 2);
  recording = glmcc_recording_builder_finish (builder, &error);
  g_assert_null (recording);
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_FEW_NEURONS);
  g_assert_nonnull (strstr (error->message, "one.txt"));
  g_assert_nonnull (strstr (error->message, "at least two"));
}

static void
test_no_spikes (void)
{
  GlmccRecordingBuilder *builder = glmcc_recording_builder_new ("empty", "text-dir");
  g_autoptr(GError) error = NULL;

  glmcc_recording_builder_add_train (builder, "a", NULL, 0);
  glmcc_recording_builder_add_train (builder, "b", NULL, 0);
  g_assert_null (glmcc_recording_builder_finish (builder, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES);
}

static void
test_not_finite (void)
{
  GlmccRecordingBuilder *builder = glmcc_recording_builder_new ("nan.csv", "csv");
  double good[] = { 1.0 }, bad[] = { 2.0, NAN };
  g_autoptr(GError) error = NULL;

  glmcc_recording_builder_add_train (builder, "a", good, 1);
  glmcc_recording_builder_add_train (builder, "b", bad, 2);
  g_assert_null (glmcc_recording_builder_finish (builder, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "neuron b"));
}

static void
test_sort_and_epoch (void)
{
  GlmccRecordingBuilder *builder = glmcc_recording_builder_new ("x", "text-dir");
  double a[] = { -5.0, 3.0, 1.0, 2.0, 10.0 }, b[] = { 0.0, 4.0 }, empty[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccRecording) view = NULL;
  const char * const *notes;
  const double *train;
  gsize n;
  gboolean sorted_note = FALSE;

  glmcc_recording_builder_add_train (builder, "a", a, G_N_ELEMENTS (a));
  glmcc_recording_builder_add_train (builder, "b", b, G_N_ELEMENTS (b));
  glmcc_recording_builder_add_train (builder, "silent", empty, 0);
  recording = glmcc_recording_builder_finish (builder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);

  notes = glmcc_recording_get_notes (recording);
  for (guint i = 0; notes[i] != NULL; i++)
    sorted_note |= strstr (notes[i], "neuron a") != NULL && strstr (notes[i], "sorted") != NULL;
  g_assert_true (sorted_note);

  /* Default epoch: from 0 through the last spike; the negative time is dropped and counted. */
  train = glmcc_recording_get_train (recording, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (train[0], ==, 1.0);
  g_assert_cmpfloat (train[3], ==, 10.0);
  g_assert_cmpuint (glmcc_recording_get_n_dropped (recording, 0), ==, 1);
  g_assert_cmpuint (glmcc_recording_get_n_total (recording, 0), ==, 5);
  glmcc_recording_get_train (recording, 2, &n);
  g_assert_cmpuint (n, ==, 0);

  /* A narrower epoch is a view on the same trains: [2, 4) keeps 2 and 3 of a, nothing of b. */
  view = glmcc_recording_with_epoch (recording, 2.0, 4.0, &error);
  g_assert_no_error (error);
  train = glmcc_recording_get_train (view, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (train[0], ==, 2.0);
  glmcc_recording_get_train (view, 1, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (glmcc_recording_get_n_dropped (view, 1), ==, 2);
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_rate (view, 0), 2.0 / 0.002, 1e-9);

  g_assert_null (glmcc_recording_with_epoch (recording, 20.0, 30.0, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES);
  g_clear_error (&error);
  g_assert_null (glmcc_recording_with_epoch (recording, 5.0, 5.0, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_EPOCH);
}

static void
test_find_neuron (void)
{
  GlmccRecordingBuilder *builder = glmcc_recording_builder_new ("x", "csv");
  double t[] = { 1.0 };
  g_autoptr(GlmccRecording) recording = NULL;

  glmcc_recording_builder_add_train (builder, "cell9", t, 1);
  glmcc_recording_builder_add_train (builder, "1", t, 1);   /* a name that looks like an index */
  glmcc_recording_builder_add_train (builder, "cell4", t, 1);
  recording = glmcc_recording_builder_finish (builder, NULL);
  g_assert_nonnull (recording);
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "cell4"), ==, 2);
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "1"), ==, 1);   /* the name wins */
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "2"), ==, 2);
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "3"), ==, -1);
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "cell5"), ==, -1);
}

static void
test_snap (void)
{
  /* 1234567 samples at 30 kHz = 41152.2333… ms, snapped to the nanosecond. */
  double t = glmcc_time_snap_ms (1234567.0 * 1000.0 / 30000.0);
  g_assert_cmpfloat (t, ==, 41152.233333);
  g_assert_cmpfloat (glmcc_time_snap_ms (0.1 * 1000.0), ==, 100.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recording/too-few-neurons", test_too_few_neurons);
  g_test_add_func ("/recording/no-spikes", test_no_spikes);
  g_test_add_func ("/recording/not-finite", test_not_finite);
  g_test_add_func ("/recording/sort-and-epoch", test_sort_and_epoch);
  g_test_add_func ("/recording/find-neuron", test_find_neuron);
  g_test_add_func ("/recording/snap", test_snap);
  return g_test_run ();
}
