/* test-text.c: the single-file web layout (trains separated by ';')
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "io-test-util.h"

static void
assert_train (GlmccRecording *recording,
              guint           neuron,
              const double   *expected,
              gsize           n_expected)
{
  const double *train;
  gsize n;

  train = glmcc_recording_get_train (recording, neuron, &n);
  g_assert_cmpuint (n, ==, n_expected);
  for (gsize i = 0; i < n; i++)
    g_assert_true (train[i] == expected[i]);
}

static void
test_fixture (void)
{
  g_autofree char *path = io_test_data_path ("formats", "connect.txt", NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const double a[] = { 10.5, 20.25, 30, 40 }, b[] = { 5, 15, 25 }, c[] = { 1, 2, 3 };

  g_assert_cmpstr (glmcc_loader_detect (path), ==, "text");
  recording = glmcc_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "text");
  /* The trailing ';' does not add a fourth train. */
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "0");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 2), ==, "2");
  assert_train (recording, 0, a, G_N_ELEMENTS (a));
  assert_train (recording, 1, b, G_N_ELEMENTS (b));
  assert_train (recording, 2, c, G_N_ELEMENTS (c));
  g_assert_true (io_test_has_note (recording, "3 trains"));
}

static void
test_units_and_empty_train (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *path = io_test_write (dir, "web.dat", "0.001,0.002;;0.0035\r\n0.5\r\n");
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;
  const double a[] = { 1, 2 }, c[] = { 3.5, 500 };

  /* Not a .txt name: found by its content. */
  g_assert_cmpstr (glmcc_loader_detect (path), ==, "text");
  glmcc_load_options_init (&options);
  options.time_unit = GLMCC_TIME_UNIT_S;
  recording = glmcc_load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  assert_train (recording, 0, a, 2);
  assert_train (recording, 1, NULL, 0);   /* an empty train is kept */
  assert_train (recording, 2, c, 2);
  g_assert_true (io_test_has_note (recording, "from seconds"));
  g_clear_pointer (&recording, glmcc_recording_unref);

  /* Samples at 20 kHz. */
  io_test_put (dir, "web.dat", "20000 40000; 30000 1e10");
  options.time_unit = GLMCC_TIME_UNIT_SAMPLES;
  options.sample_rate = 20000.0;
  recording = glmcc_load (path, &options, &error);
  g_assert_no_error (error);
  {
    const double x[] = { 1000, 2000 }, y[] = { 1500, 500000000 };
    assert_train (recording, 0, x, 2);
    assert_train (recording, 1, y, 2);
  }

  io_test_remove_tree (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *path = io_test_write (dir, "bad.txt", "1 2 3;\n4 5\n6 seven;\n");
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  options.format = "text";
  g_assert_null (glmcc_load (path, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_true (g_str_has_suffix (error->message, "bad.txt:3: “seven” is not a number (trains are "
                                   "separated by ';', times by newlines, commas or blanks)"));
  g_clear_error (&error);

  io_test_put (dir, "bad.txt", "1;\n2;inf");
  g_assert_null (glmcc_load (path, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad.txt:2: “inf” is not a finite spike time"));
  g_clear_error (&error);

  io_test_put (dir, "bad.txt", "1 2 3\n4\n");
  g_assert_null (glmcc_load (path, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_FEW_NEURONS);
  g_clear_error (&error);

  io_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/text/fixture", test_fixture);
  g_test_add_func ("/io/text/units", test_units_and_empty_train);
  g_test_add_func ("/io/text/errors", test_errors);
  return g_test_run ();
}
