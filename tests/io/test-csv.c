/* test-csv.c: one spike per row, header and delimiter detection, columns, units
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
              const char     *name,
              const double   *expected,
              gsize           n_expected)
{
  const double *train;
  gsize n;

  g_assert_cmpstr (glmcc_recording_get_name (recording, neuron), ==, name);
  train = glmcc_recording_get_train (recording, neuron, &n);
  g_assert_cmpuint (n, ==, n_expected);
  for (gsize i = 0; i < n; i++)
    g_assert_true (train[i] == expected[i]);
}

static GlmccRecording *
load_text (const char       *dir,
           const char       *name,
           const char       *contents,
           GlmccLoadOptions *options)
{
  g_autofree char *path = io_test_write (dir, name, contents);
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  g_assert_cmpstr (glmcc_loader_detect (path), ==, "csv");
  recording = glmcc_load (path, options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "csv");
  return recording;
}

static void
test_hc3 (void)
{
  g_autofree char *path = io_test_data_path ("formats", "hc3.csv", NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const double c2[] = { 2.0 }, c3[] = { 0.75, 1.25 }, c10[] = { 0.5, 3.5 };

  recording = glmcc_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  /* Natural order of the labels; unsorted rows sorted with a note. */
  assert_train (recording, 0, "2", c2, 1);
  assert_train (recording, 1, "3", c3, 2);
  assert_train (recording, 2, "10", c10, 2);
  g_assert_true (io_test_has_note (recording, "unit from column 1 (cell), time from column 2 (spiketime)"));
  g_assert_true (io_test_has_note (recording, "neuron 3: spike times were not sorted"));
  g_assert_true (io_test_has_note (recording, "if they are seconds"));
}

static void
test_tab_separated_csv (void)
{
  g_autofree char *path = io_test_data_path ("formats", "tabs.csv", NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const double a[] = { 10.5, 20.5 }, b[] = { 15.25 };

  recording = glmcc_load (path, NULL, &error);
  g_assert_no_error (error);
  assert_train (recording, 0, "1", a, 2);
  assert_train (recording, 1, "2", b, 1);
  g_assert_true (io_test_has_note (recording, "tab-separated"));
  g_assert_true (io_test_has_note (recording, "time unit ms taken from the header"));
}

static void
test_layouts (void)
{
  g_autofree char *dir = io_test_make_dir ();
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);

  /* Seconds from the header, time before unit, semicolons, quotes, CRLF, comment. */
  {
    g_autoptr(GlmccRecording) r = load_text (dir, "a.csv",
                                             "# exported\r\n\"Spike Time (s)\";\"Unit\"\r\n"
                                             "0.0015;\"b\"\r\n0.001;\"a\"\r\n\r\n0.25;a\r\n", &options);
    const double a[] = { 1.0, 250.0 }, b[] = { 1.5 };
    assert_train (r, 0, "a", a, 2);
    assert_train (r, 1, "b", b, 1);
    g_assert_true (io_test_has_note (r, "semicolon-separated"));
    g_assert_true (io_test_has_note (r, "from seconds"));
  }

  /* No header, time first: the column of integers with few values is the unit. */
  {
    g_autoptr(GlmccRecording) r = load_text (dir, "b.csv", "10.5,7\n11,7\n12.25,3\n13,7\n", &options);
    const double u3[] = { 12.25 }, u7[] = { 10.5, 11, 13 };
    assert_train (r, 0, "3", u3, 1);
    assert_train (r, 1, "7", u7, 3);
    g_assert_true (io_test_has_note (r, "no header: unit from column 2, time from column 1 (guessed"));
  }

  /* Both integer columns, no header: fewer distinct values wins (here the first). */
  {
    g_autoptr(GlmccRecording) r = load_text (dir, "c.csv", "1 100\n2 150\n1 200\n2 250\n1 300\n",
                                             &options);
    const double u1[] = { 100, 200, 300 };
    assert_train (r, 0, "1", u1, 3);
    g_assert_true (io_test_has_note (r, "blanks-separated"));
  }

  /* Chosen columns among extra ones, samples at 30 kHz, large indices. */
  {
    g_autoptr(GlmccRecording) r = NULL;
    const double x[] = { 1.0, 333333333.333333 }, y[] = { 2.0 };

    options.unit_column = 2;
    options.time_column = 0;
    options.time_unit = GLMCC_TIME_UNIT_SAMPLES;
    options.sample_rate = 30000.0;
    r = load_text (dir, "d.tsv", "30\tq\tx\n10000000000\tq\tx\n60\tq\ty\n", &options);
    assert_train (r, 0, "x", x, 2);
    assert_train (r, 1, "y", y, 1);
    g_assert_true (io_test_has_note (r, "30000 Hz"));
  }

  io_test_remove_tree (dir);
}

typedef struct
{
  const char *contents;
  int         code;
  const char *message;
} BadCase;

static void
test_errors (void)
{
  static const BadCase cases[] = {
    { "unit,time\n1,2\n1,abc\n", GLMCC_ERROR_PARSE, "e.csv:3: the time “abc” (column 2) is not a number" },
    { "unit,time\n1,2\n2,nan\n", GLMCC_ERROR_PARSE, "e.csv:3: the time “nan” (column 2) is not a finite number" },
    { "unit,time\n1,2\n2\n", GLMCC_ERROR_PARSE, "e.csv:3: 1 field, but the time is in column 2" },
    { "unit,time\n1,2\n,3\n", GLMCC_ERROR_PARSE, "e.csv:3: the unit (column 1) is empty" },
    { "unit,time\n\"1,2\n", GLMCC_ERROR_PARSE, "e.csv:2: a quoted field is not closed" },
    { "a,b,c\n1,2,3\n", GLMCC_ERROR_PARSE, "e.csv:1: cannot tell which columns hold the unit and the time" },
    { "\n\n# only a comment\n", GLMCC_ERROR_INVALID_DATA, "e.csv: no rows" },
    { "unit,time\n", GLMCC_ERROR_INVALID_DATA, "e.csv: a header but no spike rows" },
    { "1\n2\n3\n", GLMCC_ERROR_PARSE, "e.csv:1: one column only" },
    { "unit,time\n1,5\n1,6\n", GLMCC_ERROR_TOO_FEW_NEURONS, "at least two" },
    { "unit,time_samples\n1,5\n2,6\n", GLMCC_ERROR_NEEDS_SAMPLE_RATE, "sample rate" },
  };
  g_autofree char *dir = io_test_make_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = io_test_write (dir, "e.csv", cases[i].contents);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_null (glmcc_load (path, NULL, &error));
      g_assert_error (error, GLMCC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
  io_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/csv/hc3", test_hc3);
  g_test_add_func ("/io/csv/tab-separated", test_tab_separated_csv);
  g_test_add_func ("/io/csv/layouts", test_layouts);
  g_test_add_func ("/io/csv/errors", test_errors);
  return g_test_run ();
}
