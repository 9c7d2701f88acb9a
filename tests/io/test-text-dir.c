/* test-text-dir.c: the registry, glmcc_load() and the directory-of-text-files loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "io-test-util.h"

static void
test_formats (void)
{
  const char * const *formats = glmcc_loader_list_formats ();
  const char *expected[] = { "text-dir", "text", "csv", "phy", "nwb", "neuroscope", "mat" };
  guint n = 0;

  for (; formats[n] != NULL; n++)
    {
      g_assert_cmpstr (formats[n], ==, expected[n]);

    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  g_assert_null (glmcc_loader_get_description ("xls"));
}

static void
test_time_units (void)
{
  GlmccTimeUnit unit;

  g_assert_true (glmcc_time_unit_parse ("ms", &unit) && unit == GLMCC_TIME_UNIT_MS);
  g_assert_true (glmcc_time_unit_parse ("s", &unit) && unit == GLMCC_TIME_UNIT_S);
  g_assert_true (glmcc_time_unit_parse ("samples", &unit) && unit == GLMCC_TIME_UNIT_SAMPLES);
  g_assert_true (glmcc_time_unit_parse ("auto", &unit) && unit == GLMCC_TIME_UNIT_DEFAULT);
  g_assert_true (glmcc_time_unit_parse (NULL, &unit) && unit == GLMCC_TIME_UNIT_DEFAULT);
  g_assert_false (glmcc_time_unit_parse ("minutes", &unit));
  g_assert_false (glmcc_time_unit_parse ("furlongs", &unit));
  g_assert_true (glmcc_time_unit_parse ("Seconds", &unit));
  g_assert_cmpint (unit, ==, GLMCC_TIME_UNIT_S);
}

static void
test_options_init (void)
{
  GlmccLoadOptions options;

  memset (&options, 0x5a, sizeof options);
  glmcc_load_options_init (&options);
  g_assert_null (options.format);
  g_assert_cmpint (options.time_unit, ==, GLMCC_TIME_UNIT_DEFAULT);
  g_assert_cmpfloat (options.sample_rate, ==, 0.0);
  g_assert_null (options.units);
  g_assert_null (options.variable);
  g_assert_cmpint (options.unit_column, ==, -1);
  g_assert_cmpint (options.time_column, ==, -1);
  g_assert_cmpfloat (options.start_s, ==, 0.0);
  g_assert_cmpfloat (options.duration_s, <, 0.0);
  g_assert_cmpuint (options.threads, ==, 0);
}

/* Reads a file the way the reference does: strtod on every line. */
static GArray *
read_reference (const char *filename)
{
  g_autofree char *contents = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p;

  g_assert_true (g_file_get_contents (filename, &contents, NULL, NULL));
  for (p = contents; *p != '\0';)
    {
      char *end;
      double v = strtod (p, &end);

      if (end == p)
        {
          g_assert_true (g_ascii_isspace (*p));
          p++;
          continue;
        }
      g_array_append_val (values, v);
      p = end;
    }
  return values;
}

static void
test_sample (void)
{
  g_autofree char *dir = io_test_data_path ("sample", NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;
  gsize total_dropped = 0;
  gboolean epoch_note = FALSE;
  const char * const *notes;

  g_assert_cmpstr (glmcc_loader_detect (dir), ==, "text-dir");

  glmcc_load_options_init (&options);
  options.start_s = 0.0;
  options.duration_s = 5400.0;
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 20);
  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "text-dir");
  g_assert_cmpfloat (glmcc_recording_get_epoch_start (recording), ==, 0.0);
  g_assert_cmpfloat (glmcc_recording_get_epoch_end (recording), ==, 5400000.0);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("cell%u", i);
      g_autofree char *file = g_strdup_printf ("%s/cell%u.txt", dir, i);
      g_autoptr(GArray) reference = read_reference (file);
      const double *train;
      gsize n, k = 0;

      /* Natural order and names from the stems. */
      g_assert_cmpstr (glmcc_recording_get_name (recording, i), ==, name);
      train = glmcc_recording_get_train (recording, i, &n);
      g_assert_cmpuint (glmcc_recording_get_n_total (recording, i), ==, reference->len);
      /* Exactly strtod's values, in the epoch. */
      for (guint j = 0; j < reference->len; j++)
        {
          double v = g_array_index (reference, double, j);
          if (v < 0.0 || v >= 5400000.0)
            continue;
          g_assert_cmpuint (k, <, n);
          g_assert_true (train[k] == v);
          k++;
        }
      g_assert_cmpuint (k, ==, n);
      total_dropped += glmcc_recording_get_n_dropped (recording, i);
    }
  g_assert_cmpuint (total_dropped, >, 0);

  notes = glmcc_recording_get_notes (recording);
  for (guint i = 0; notes[i] != NULL; i++)
    if (strstr (notes[i], "negative") != NULL && strstr (notes[i], "dropped") != NULL)
      epoch_note = TRUE;
  g_assert_true (epoch_note);
}

static void
test_natural_order_and_comments (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const double *train;
  gsize n;

  io_test_put (dir, "cell10.txt", "5\n6\n");
  io_test_put (dir, "cell2.txt", "# header comment\n\n1.5   \r\n  2.25 # inline\n\n");
  io_test_put (dir, "cell1.txt", "");  /* an empty neuron is kept */
  io_test_put (dir, "LICENSE", "not spikes\n");
  io_test_put (dir, "truth.tsv", "pre\tpost\n");

  recording = glmcc_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "cell1");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 1), ==, "cell2");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 2), ==, "cell10");
  glmcc_recording_get_train (recording, 0, &n);
  g_assert_cmpuint (n, ==, 0);
  train = glmcc_recording_get_train (recording, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (train[0], ==, 1.5);
  g_assert_cmpfloat (train[1], ==, 2.25);
  g_assert_true (io_test_has_note (recording, "2 other files"));

  io_test_remove_tree (dir);
}

static void
test_unit_seconds (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;
  const double *train;
  gsize n;

  io_test_put (dir, "a.txt", "0.1\n1.0000000004\n");
  io_test_put (dir, "b.txt", "0.3\n");
  glmcc_load_options_init (&options);
  options.time_unit = GLMCC_TIME_UNIT_S;
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  train = glmcc_recording_get_train (recording, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (train[0] == 100.0);
  g_assert_true (train[1] == 1000.0);  /* snapped to the nanosecond */
  g_assert_true (io_test_has_note (recording, "from seconds"));

  /* Samples without a rate are refused. */
  g_clear_pointer (&recording, glmcc_recording_unref);
  options.time_unit = GLMCC_TIME_UNIT_SAMPLES;
  g_assert_null (glmcc_load (dir, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE);
  g_assert_nonnull (strstr (error->message, "sample rate"));

  io_test_remove_tree (dir);
}

static void
test_epoch_start (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;
  const double *train;
  gsize n;

  io_test_put (dir, "a.txt", "-3\n500\n1000\n2500\n");
  io_test_put (dir, "b.txt", "1500\n3000\n");
  glmcc_load_options_init (&options);
  options.start_s = 1.0;  /* through the last spike */
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (glmcc_recording_get_epoch_start (recording), ==, 1000.0);
  g_assert_cmpfloat (glmcc_recording_get_epoch_end (recording), >, 3000.0);
  train = glmcc_recording_get_train (recording, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (train[0], ==, 1000.0);
  g_assert_cmpuint (glmcc_recording_get_n_dropped (recording, 0), ==, 2);
  g_assert_true (io_test_has_note (recording, "1 negative, 1 before the start"));
  g_clear_pointer (&recording, glmcc_recording_unref);

  options.start_s = 1.0;
  options.duration_s = 1.0;
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (glmcc_recording_get_epoch_end (recording), ==, 2000.0);
  glmcc_recording_get_train (recording, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (io_test_has_note (recording, "2 at or after the end"));
  g_clear_pointer (&recording, glmcc_recording_unref);

  /* Nothing after the start. */
  options.start_s = 10.0;
  options.duration_s = -1.0;
  g_assert_null (glmcc_load (dir, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES);
  g_clear_error (&error);

  options.start_s = 0.0;
  options.duration_s = 0.0;
  g_assert_null (glmcc_load (dir, &options, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_EPOCH);

  io_test_remove_tree (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *empty = io_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "nothing-here", NULL);
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  io_test_put (dir, "a.txt", "1\n2\n");
  io_test_put (dir, "b.txt", "1\n\n  x17\n");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_true (g_str_has_suffix (error->message, "b.txt:3: “x17” is not a number (one spike time per line expected)"));
  g_clear_error (&error);

  io_test_put (dir, "b.txt", "1\nNaN\n");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "b.txt:2: “NaN” is not a finite spike time"));
  g_clear_error (&error);

  io_test_put (dir, "b.txt", "-inf\n");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "b.txt:1:"));
  g_clear_error (&error);

  io_test_put (dir, "b.txt", "1e999\n");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_clear_error (&error);

  io_test_put (dir, "b.txt", "1 2\n");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_clear_error (&error);

  /* Only one neuron. */
  io_test_remove (dir, "b.txt");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_FEW_NEURONS);
  g_clear_error (&error);

  /* No spike at all. */
  io_test_put (dir, "a.txt", "");
  io_test_put (dir, "b.txt", "\n# nothing\n");
  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES);
  g_clear_error (&error);

  /* A directory without spike files. */
  io_test_put (empty, "README", "hello\n");
  g_assert_null (glmcc_load (empty, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "no spike files"));
  g_clear_error (&error);

  g_assert_null (glmcc_load (missing, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "nothing-here"));
  g_clear_error (&error);

  glmcc_load_options_init (&options);
  options.format = "excel";
  g_assert_null (glmcc_load (dir, &options, &error));
  g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_FORMAT);
  g_assert_nonnull (strstr (error->message, "excel"));

  io_test_remove_tree (dir);
  io_test_remove_tree (empty);
}

/* Many files read by several threads: the same recording as read by one, and of several
 * bad files always the first in natural order is reported, however many threads read ahead. */
static void
test_threads (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autoptr(GlmccRecording) one = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_files = 60;
  GlmccLoadOptions options;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("cell%u.txt", i);
      g_autoptr(GString) text = g_string_new (NULL);

      /* Different lengths, so that the threads finish their files out of order. */
      for (guint k = 0; k < 1 + (i * 37) % 500; k++)
        g_string_append_printf (text, "%u.%u\n", k * 7 + i, (k * 13 + i) % 10);
      io_test_put (dir, name, text->str);
    }

  glmcc_load_options_init (&options);
  options.threads = 1;
  one = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (one), ==, n_files);
  for (guint threads = 2; threads <= 8; threads *= 2)
    {
      g_autoptr(GlmccRecording) many = NULL;

      options.threads = threads;
      many = glmcc_load (dir, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (glmcc_recording_get_n_neurons (many), ==, n_files);
      for (guint i = 0; i < n_files; i++)
        {
          gsize n_one, n_many;
          const double *a = glmcc_recording_get_train (one, i, &n_one);
          const double *b = glmcc_recording_get_train (many, i, &n_many);

          g_assert_cmpstr (glmcc_recording_get_name (one, i), ==,
                           glmcc_recording_get_name (many, i));
          g_assert_cmpuint (n_one, ==, n_many);
          g_assert_cmpint (memcmp (a, b, n_one * sizeof (double)), ==, 0);
        }
    }

  /* The first bad file is long and fails at its end, the next ones fail at once: read by
   * other threads, they fail first. */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint k = 0; k < 200000; k++)
      g_string_append_printf (text, "%u\n", k);
    g_string_append (text, "bad2\n");
    io_test_put (dir, "cell2.txt", text->str);
  }
  io_test_put (dir, "cell3.txt", "bad3\n");
  io_test_put (dir, "cell5.txt", "1\nbad5\n");
  io_test_put (dir, "cell41.txt", "bad41\n");
  for (guint threads = 1; threads <= 8; threads *= 2)
    {
      options.threads = threads;
      g_assert_null (glmcc_load (dir, &options, &error));
      g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
      g_assert_true (g_str_has_suffix (error->message, "cell2.txt:200001: “bad2” is not a number (one spike time per line expected)"));
      g_clear_error (&error);
    }

  io_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/formats", test_formats);
  g_test_add_func ("/io/time-units", test_time_units);
  g_test_add_func ("/io/options-init", test_options_init);
  g_test_add_func ("/io/text-dir/sample", test_sample);
  g_test_add_func ("/io/text-dir/natural-order", test_natural_order_and_comments);
  g_test_add_func ("/io/text-dir/seconds", test_unit_seconds);
  g_test_add_func ("/io/text-dir/epoch", test_epoch_start);
  g_test_add_func ("/io/text-dir/errors", test_errors);
  g_test_add_func ("/io/text-dir/threads", test_threads);
  return g_test_run ();
}
