/* test-robust.c: inputs that must not hang, crash, exhaust or silently change a load (issue 9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Special files where a recording is expected, permissions, byte-order marks, names that are
 * not UTF-8, overflowing conversions, the loader helper process (its answers equal an in-process
 * load; its crashes and limits become errors), HDF5 handles on error paths, and the size checks
 * and stream parser on crafted bytes.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-hdf5-check.h"
#include "glmcc-io-private.h"
#include "glmcc-load-stream.h"
#include "glmcc-loader.h"
#include "glmcc-mat-check.h"
#include "io-test-util.h"

static GlmccRecording *
load (const char  *path,
      gboolean     in_process,
      GError     **error)
{
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  options.in_process = in_process;
  return glmcc_load (path, &options, error);
}

static void
assert_one_line_naming (const GError *error,
                        const char   *name)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* ---- special files ---- */

typedef struct
{
  const char *layout;   /* a directory to make, with the FIFO inside it, or NULL */
  const char *fifo;     /* the FIFO's name */
  const char *format;   /* NULL: detect */
} FifoCase;

static void
test_fifo (void)
{
  static const FifoCase cases[] = {
    { "text-dir", "cell1.txt", NULL },
    { NULL, "trains.txt", "text" },
    { NULL, "spikes.csv", "csv" },
    { NULL, "units.nwb", NULL },
    { NULL, "units.nwb", "nwb" },
    { NULL, "spikes.mat", NULL },
    { NULL, "spikes.mat", "mat" },
    { "phy", "spike_times.npy", NULL },
    { "neuroscope", "s.res.1", "neuroscope" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = io_test_make_dir ();
      g_autofree char *where = NULL;
      g_autofree char *fifo = NULL;
      g_autofree char *target = NULL;

      if (cases[i].layout != NULL)
        {
          where = g_build_filename (dir, cases[i].layout, NULL);
          g_assert_cmpint (g_mkdir (where, 0755), ==, 0);
          if (g_str_equal (cases[i].layout, "text-dir"))
            io_test_put (where, "cell0.txt", "1\n2\n");
          else if (g_str_equal (cases[i].layout, "phy"))
            {
              io_test_put (where, "params.py", "sample_rate = 30000.0\n");
              io_test_put (where, "spike_clusters.npy", "");
            }
          else
            {
              io_test_put (where, "s.xml", "<parameters><acquisitionSystem><samplingRate>20000"
                                           "</samplingRate></acquisitionSystem></parameters>");
              io_test_put (where, "s.clu.1", "2\n2\n");
            }
          target = g_strdup (where);
        }
      else
        where = g_strdup (dir);
      fifo = g_build_filename (where, cases[i].fifo, NULL);
      g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
      if (target == NULL)
        target = g_strdup (fifo);

      g_test_message ("FIFO %s (format %s)", fifo, cases[i].format);
      /* In a subprocess with a deadline: a hang fails the test instead of stopping it. */
      if (fork () == 0)
        {
          g_autoptr(GError) error = NULL;
          GlmccLoadOptions options;

          alarm (20);
          glmcc_load_options_init (&options);
          options.format = cases[i].format;
          g_assert_null (glmcc_load (target, &options, &error));
          g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
          assert_one_line_naming (error, cases[i].fifo);
          g_assert_nonnull (strstr (error->message, "a named pipe (FIFO), not a file a recording "
                                                    "can be read from"));
          _exit (0);
        }
      else
        {
          int status = 0;

          g_assert_cmpint (wait (&status), >, 0);
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
        }
      io_test_remove_tree (dir);
    }
}

static void
test_symlinks (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *link = g_build_filename (dir, "cell1.txt", NULL);
  g_autoptr(GError) error = NULL;

  io_test_put (dir, "cell0.txt", "1\n2\n");
  io_test_put (dir, "cell2.txt", "3\n4\n");

  /* Dangling: an error naming it, not a neuron dropped (which shifted cell2 to index 1). */
  g_assert_cmpint (symlink ("missing.txt", link), ==, 0);
  g_assert_null (load (dir, FALSE, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  assert_one_line_naming (error, "cell1.txt: cannot open: a symbolic link to a file that does "
                                 "not exist");
  g_clear_error (&error);

  /* A loop. */
  g_assert_cmpint (g_remove (link), ==, 0);
  g_assert_cmpint (symlink ("cell1.txt", link), ==, 0);
  g_assert_null (load (dir, FALSE, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  assert_one_line_naming (error, "cell1.txt: cannot open: a loop of symbolic links");
  g_clear_error (&error);

  /* A folder named like a spike file. */
  g_assert_cmpint (g_remove (link), ==, 0);
  g_assert_cmpint (g_mkdir (link, 0755), ==, 0);
  g_assert_null (load (dir, FALSE, &error));
  assert_one_line_naming (error, "cell1.txt: a directory, not a file a recording can be read from");
  io_test_remove_tree (dir);
}

/* Runs @func in a child without root's right to ignore permissions; FALSE when that cannot be
 * arranged (the caller skips). */
static gboolean
run_unprivileged (void (*func) (const char *dir),
                  const char *dir)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (77);
      func (dir);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    return FALSE;
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return TRUE;
}

static void
check_permissions (const char *dir)
{
  g_autofree char *folder = g_build_filename (dir, "unsearchable", NULL);
  g_autofree char *mat = g_build_filename (dir, "locked.mat", NULL);
  g_autofree char *nwb = g_build_filename (dir, "locked.nwb", NULL);
  g_autoptr(GError) error = NULL;

  /* Readable but not searchable: the names are listed, the files cannot be opened. */
  g_assert_null (load (folder, FALSE, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  assert_one_line_naming (error, "cell0.txt: cannot open: Permission denied");
  g_clear_error (&error);

  for (int in_process = 0; in_process <= 1; in_process++)
    {
      g_assert_null (load (mat, in_process, &error));
      g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
      assert_one_line_naming (error, "locked.mat: cannot open: Permission denied");
      g_clear_error (&error);
      g_assert_null (load (nwb, in_process, &error));
      g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
      assert_one_line_naming (error, "locked.nwb: cannot open: Permission denied");
      g_clear_error (&error);
    }
}

static void
test_permissions (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "unsearchable", NULL);
  g_autofree char *mat = NULL;
  g_autofree char *nwb = NULL;
  g_autofree char *fixture_mat = io_test_data_path ("formats", "spikes-v5.mat", NULL);
  g_autofree char *fixture_nwb = io_test_data_path ("formats", "units.nwb", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  io_test_put (folder, "cell0.txt", "1\n2\n");
  io_test_put (folder, "cell1.txt", "3\n4\n");
  g_assert_cmpint (g_chmod (folder, 0444), ==, 0);
  g_assert_true (g_file_get_contents (fixture_mat, &contents, &length, NULL));
  mat = io_test_write_bytes (dir, "locked.mat", contents, length);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (fixture_nwb, &contents, &length, NULL));
  nwb = io_test_write_bytes (dir, "locked.nwb", contents, length);
  g_assert_cmpint (g_chmod (mat, 0), ==, 0);
  g_assert_cmpint (g_chmod (nwb, 0), ==, 0);

  if (!run_unprivileged (check_permissions, dir))
    g_test_skip ("cannot drop root's privileges to test permissions");
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  io_test_remove_tree (dir);
}

/* ---- text details ---- */

static void
assert_train (GlmccRecording *recording,
              guint           neuron,
              const double   *expected,
              gsize           n_expected)
{
  gsize n;
  const double *train = glmcc_recording_get_train (recording, neuron, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (train[i], ==, expected[i]);
}

static void
test_byte_order_mark (void)
{
  static const char bom[] = "\xef\xbb\xbf";
  static const double one_two[] = { 1.0, 2.0 }, three[] = { 3.0 };
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *text_dir = g_build_filename (dir, "cells", NULL);
  g_autofree char *phy = g_build_filename (dir, "phy", NULL);
  g_autofree char *session = g_build_filename (dir, "session", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (text_dir, 0755), ==, 0);
  contents = g_strconcat (bom, "1\n2\n", NULL);
  io_test_put (text_dir, "cell0.txt", contents);
  g_clear_pointer (&contents, g_free);
  contents = g_strconcat (bom, "3\n", NULL);
  io_test_put (text_dir, "cell1.txt", contents);
  recording = load (text_dir, FALSE, &error);
  g_assert_no_error (error);
  assert_train (recording, 0, one_two, 2);
  assert_train (recording, 1, three, 1);
  g_clear_pointer (&recording, glmcc_recording_unref);
  g_clear_pointer (&contents, g_free);

  contents = g_strconcat (bom, "1,2;3", NULL);
  text = io_test_write (dir, "web.txt", contents);
  recording = load (text, FALSE, &error);
  g_assert_no_error (error);
  assert_train (recording, 0, one_two, 2);
  g_clear_pointer (&recording, glmcc_recording_unref);
  g_clear_pointer (&contents, g_free);

  /* The header is found behind the mark, and the unit column with it. */
  contents = g_strconcat (bom, "unit,time\n1,1\n1,2\n2,3\n", NULL);
  csv = io_test_write (dir, "spikes.csv", contents);
  recording = load (csv, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "1");
  assert_train (recording, 0, one_two, 2);
  g_assert_true (io_test_has_note (recording, "header on line 1"));
  g_clear_pointer (&recording, glmcc_recording_unref);
  g_clear_pointer (&contents, g_free);

  /* phy: params.py and cluster_group.tsv with marks (as Windows editors save them). */
  g_assert_cmpint (g_mkdir (phy, 0755), ==, 0);
  {
    static const guint64 samples[] = { 30, 60, 90, 120 };
    static const gint32 clusters[] = { 1, 2, 1, 3 };

    g_free (io_test_write_npy (phy, "spike_times.npy", "<u8", "(4,)", samples, sizeof samples));
    g_free (io_test_write_npy (phy, "spike_clusters.npy", "<i4", "(4,)", clusters,
                               sizeof clusters));
  }
  contents = g_strconcat (bom, "sample_rate = 30000.0\n", NULL);
  io_test_put (phy, "params.py", contents);
  g_clear_pointer (&contents, g_free);
  contents = g_strconcat (bom, "cluster_id\tgroup\n1\tgood\n2\tgood\n3\tnoise\n", NULL);
  io_test_put (phy, "cluster_group.tsv", contents);
  g_clear_pointer (&contents, g_free);
  recording = load (phy, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 2);
  g_clear_pointer (&recording, glmcc_recording_unref);

  /* Neuroscope: .xml, .res and .clu with marks. */
  g_assert_cmpint (g_mkdir (session, 0755), ==, 0);
  contents = g_strconcat (bom, "<parameters><acquisitionSystem><samplingRate>1000"
                               "</samplingRate></acquisitionSystem></parameters>", NULL);
  io_test_put (session, "s.xml", contents);
  g_clear_pointer (&contents, g_free);
  contents = g_strconcat (bom, "1\n2\n3\n", NULL);
  io_test_put (session, "s.res.1", contents);
  g_clear_pointer (&contents, g_free);
  contents = g_strconcat (bom, "2\n2\n2\n3\n", NULL);
  io_test_put (session, "s.clu.1", contents);
  recording = load (session, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 2);
  assert_train (recording, 0, one_two, 2);
  io_test_remove_tree (dir);
}

static void
test_out_of_range (void)
{
  static const struct
  {
    double        value;
    GlmccTimeUnit unit;
    double        rate;
    const char   *text;
  } cases[] = {
    { 1e306, GLMCC_TIME_UNIT_S, 0.0, "1e306 s is beyond the range of spike times (±1e15 ms)" },
    { 10.0, GLMCC_TIME_UNIT_SAMPLES, 1e-300, "10 samples at 1e-300 Hz is beyond the range" },
    { -2.5e15, GLMCC_TIME_UNIT_MS, 0.0, "-2.5e15 ms is beyond the range" },
    { 1.25e16, GLMCC_TIME_UNIT_MS, 0.0, "1.25e16 ms is beyond the range" },
    { INFINITY, GLMCC_TIME_UNIT_MS, 0.0, "inf ms is not a finite number" },
  };
  double t;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_false (glmcc_io_convert_time (cases[i].value, cases[i].unit, cases[i].rate, &t));
      text = glmcc_io_describe_out_of_range (cases[i].value, cases[i].unit, cases[i].rate);
      g_test_message ("%s", text);
      g_assert_true (g_str_has_prefix (text, cases[i].text));
    }
  /* The edge itself is a time. */
  g_assert_true (glmcc_io_convert_time (1e12, GLMCC_TIME_UNIT_S, 0.0, &t));
  g_assert_cmpfloat (t, ==, 1e15);
  g_assert_true (glmcc_io_convert_time (12.5, GLMCC_TIME_UNIT_SAMPLES, 1e-12, &t) == FALSE);
}

/* ---- names ---- */

static void
test_names_not_utf8 (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *bad = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *notes;

  io_test_put (dir, "cell\xe9.txt", "1\n2\n");       /* Latin-1 é */
  io_test_put (dir, "cell\tb.txt", "3\n4\n");         /* a tab would split a TSV row */
  io_test_put (dir, "cellé.txt", "5\n");              /* valid UTF-8 stays as it is */
  recording = load (dir, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *name = glmcc_recording_get_name (recording, i);

      g_test_message ("name %u: %s", i, name);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      for (const char *p = name; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20);
    }
  /* Natural order sorts bytes: "cell\t…" < "cellé" (0xc3) < "cell\xe9". */
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "cell\\x09b");
  g_assert_cmpstr (glmcc_recording_get_raw_name (recording, 0), ==, "cell\tb");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 1), ==, "cellé");
  g_assert_cmpstr (glmcc_recording_get_raw_name (recording, 1), ==, "cellé");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 2), ==, "cell\\xe9");
  g_assert_cmpstr (glmcc_recording_get_raw_name (recording, 2), ==, "cell\xe9");
  /* Either form finds the neuron. */
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "cell\xe9"), ==, 2);
  g_assert_cmpint (glmcc_recording_find_neuron (recording, "cell\\xe9"), ==, 2);
  notes = glmcc_recording_get_notes (recording);
  for (guint i = 0; notes[i] != NULL; i++)
    g_assert_true (g_utf8_validate (notes[i], -1, NULL));

  /* An error about such a file is valid text too. */
  bad = g_build_filename (dir, "cell\xff.txt", NULL);
  g_assert_true (g_file_set_contents (bad, "oops\n", -1, NULL));
  g_clear_pointer (&recording, glmcc_recording_unref);
  g_assert_null (load (dir, FALSE, &error));
  assert_one_line_naming (error, "cell\\xff.txt:1: “oops” is not a number");
  io_test_remove_tree (dir);
}

/* ---- the helper process ---- */

static char *
describe_load (GlmccRecording *recording,
               const GError   *error)
{
  GString *out = g_string_new (NULL);

  if (recording == NULL)
    {
      g_string_append_printf (out, "error %s %d: %s", g_quark_to_string (error->domain),
                              error->code, error->message);
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < glmcc_recording_get_n_neurons (recording); i++)
    {
      gsize n;
      const double *train = glmcc_recording_get_train (recording, i, &n);
      double x, y;

      g_string_append_printf (out, "%s:", glmcc_recording_get_raw_name (recording, i));
      for (gsize k = 0; k < n; k++)
        g_string_append_printf (out, " %.17g", train[k]);
      if (glmcc_recording_get_position (recording, i, &x, &y))
        g_string_append_printf (out, " @%.17g,%.17g", x, y);
      g_string_append_c (out, '\n');
    }
  for (const char * const *note = glmcc_recording_get_notes (recording); *note != NULL; note++)
    g_string_append_printf (out, "note %s\n", *note);
  g_string_append_printf (out, "epoch %.17g %.17g\n", glmcc_recording_get_epoch_start (recording),
                          glmcc_recording_get_epoch_end (recording));
  return g_string_free (out, FALSE);
}

/* The helper's answer gives the same recording, notes and errors as reading in process. */
static void
test_helper_same_as_in_process (void)
{
  static const char * const files[] = {
    "formats/spikes-v5.mat", "formats/spikes-v5z.mat", "formats/spikes-v73.mat",
    "formats/units.nwb", "bad/mat/huge-cell.mat", "bad/mat/truncated.mat",
    "bad/mat/duplicate-uid.mat", "bad/mat/truncated-v73.mat", "bad/mat/header-only.mat",
    "bad/mat/damaged-v73-listing.mat", "bad/mat/damaged-v73-cell.mat",
    "bad/nwb/duplicate-id.nwb", "bad/nwb/truncated.nwb", "bad/nwb/extent-beyond-file.nwb",
    "bad/nwb/damaged-heap.nwb", "bad/nwb/garbage.nwb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (int variant = 0; variant < 3; variant++)
      {
        g_auto(GStrv) parts = g_strsplit (files[i], "/", -1);
        g_autofree char *path = io_test_data_path (parts[0], parts[1], parts[2], NULL);
        g_autoptr(GlmccRecording) here = NULL;
        g_autoptr(GlmccRecording) there = NULL;
        g_autoptr(GError) here_error = NULL;
        g_autoptr(GError) there_error = NULL;
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;
        GlmccLoadOptions options;

        glmcc_load_options_init (&options);
        /* Options travel to the helper: labels, a time unit, an epoch (counted here). */
        if (variant == 1)
          {
            options.units = "good";
            options.time_unit = GLMCC_TIME_UNIT_MS;
          }
        else if (variant == 2)
          {
            options.start_s = 0.5;
            options.duration_s = 1.0;
          }
        options.in_process = TRUE;
        here = glmcc_load (path, &options, &here_error);
        options.in_process = FALSE;
        there = glmcc_load (path, &options, &there_error);
        a = describe_load (here, here_error);
        b = describe_load (there, there_error);
        g_test_message ("%s (variant %d): %.200s", files[i], variant, a);
        g_assert_cmpstr (a, ==, b);
      }
}

static void
expect_helper_failure (const char *hook,
                       const char *file,
                       int         code,
                       const char *message)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = io_test_data_path ("formats", file, NULL);
      g_autoptr(GError) error = NULL;

      g_setenv ("GLMCC_LOAD_HELPER_TEST", hook, TRUE);
      g_assert_null (load (path, FALSE, &error));
      g_assert_error (error, GLMCC_ERROR, code);
      assert_one_line_naming (error, message);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
check_hooks_available (void)
{
#if DEVELOPMENT_BUILD
  return TRUE;
#else
  g_test_skip ("the helper's test hooks exist in development builds only");
  return FALSE;
#endif
}

static void
test_helper_crash (void)
{
  if (check_hooks_available ())
    expect_helper_failure ("crash", "units.nwb", GLMCC_ERROR_LIBRARY,
                           "units.nwb: libhdf5 crashed reading this file (");
}

static void
test_helper_abort (void)
{
  if (check_hooks_available ())
    expect_helper_failure ("abort", "spikes-v5.mat", GLMCC_ERROR_LIBRARY,
                           "spikes-v5.mat: libmatio crashed reading this file (");
}

static void
test_helper_cpu_limit (void)
{
  if (check_hooks_available ())
    expect_helper_failure ("spin", "spikes-v73.mat", GLMCC_ERROR_TOO_LARGE,
                           "spikes-v73.mat: libmatio (libhdf5) did not finish reading this file "
                           "within ");
}

static void
test_helper_memory_limit (void)
{
  if (check_hooks_available ())
    expect_helper_failure ("allocate", "units.nwb", GLMCC_ERROR_TOO_LARGE,
                           "units.nwb: libhdf5 needed more than the ");
}

static void
test_helper_garbage (void)
{
  if (check_hooks_available ())
    expect_helper_failure ("garbage", "units.nwb", GLMCC_ERROR_LIBRARY,
                           "units.nwb: the loader helper gave a malformed answer (a damaged "
                           "train)");
}

/* A file that really crashes libhdf5 (under libmatio), in the helper: an error, and this
 * process goes on. */
static void
test_helper_real_crash (void)
{
  g_autofree char *path = io_test_data_path ("bad", "mat", "crashes-libhdf5.mat", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (load (path, FALSE, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY);
  assert_one_line_naming (error, "crashes-libhdf5.mat: libmatio (libhdf5) crashed reading this "
                                 "file (");
}

static void
test_helper_path (void)
{
  g_autofree char *helper = glmcc_load_helper_path ();

  /* This test runs from the build tree: the helper built with it. */
  g_assert_cmpstr (helper, ==, GLMCC_LOAD_HELPER_BUILD_PATH);
  g_assert_true (g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE));
}

/* ---- HDF5 handles ---- */

static void
test_hdf5_handles (void)
{
#if HAVE_HDF5
  static const char * const files[] = {
    "bad/nwb/duplicate-id.nwb", "bad/nwb/extent-beyond-file.nwb", "bad/nwb/damaged-heap.nwb",
    "bad/mat/truncated-v73.mat", "formats/units.nwb", "formats/spikes-v73.mat",
  };
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *fixture = io_test_data_path ("formats", "units.nwb", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* Every declared file, and the good one cut at many places: nothing stays open. */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(GStrv) parts = g_strsplit (files[i], "/", -1);
      g_autofree char *path = io_test_data_path (parts[0], parts[1], parts[2], NULL);
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;
      GlmccLoadOptions options;

      glmcc_load_options_init (&options);
      options.in_process = TRUE;
      options.units = "good";
      recording = glmcc_load (path, &options, &error);
      g_assert_cmpint (H5Fget_obj_count (H5F_OBJ_ALL, H5F_OBJ_ALL), ==, 0);
    }
  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  for (guint k = 1; k < 40; k++)
    {
      g_autofree char *damaged = g_memdup2 (contents, length);
      g_autofree char *path = NULL;
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;

      /* A word set to a large value somewhere in the metadata. */
      memcpy (damaged + (length * k / 40 & ~(gsize) 3), "\xff\xff\xff\x7f", 4);
      path = io_test_write_bytes (dir, "damaged.nwb", damaged, length);
      recording = load (path, TRUE, &error);
      g_assert_true (recording != NULL || error != NULL);
      g_assert_cmpint (H5Fget_obj_count (H5F_OBJ_ALL, H5F_OBJ_ALL), ==, 0);
    }
  io_test_remove_tree (dir);
#else
  g_test_skip ("built without libhdf5");
#endif
}

/* ---- the checks on crafted bytes ---- */

static GByteArray *
mat5_header (void)
{
  GByteArray *file = g_byte_array_new ();
  guint8 header[128];

  memset (header, ' ', 116);
  memcpy (header, "MATLAB 5.0 MAT-file", 19);
  memset (header + 116, 0, 8);
  header[124] = 0x00;
  header[125] = 0x01;
  header[126] = 'I';
  header[127] = 'M';
  g_byte_array_append (file, header, sizeof header);
  return file;
}

static void
put_u32 (GByteArray *file,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (file, (const guint8 *) &le, 4);
}

/* A cell array nested @depth deep, innermost empty. */
static void
put_nested_cell (GByteArray *file,
                 guint       depth)
{
  guint start;

  put_u32 (file, 14);
  start = file->len;
  put_u32 (file, 0);                               /* size, patched below */
  put_u32 (file, 6); put_u32 (file, 8); put_u32 (file, 1); put_u32 (file, 0);   /* cell */
  put_u32 (file, 5); put_u32 (file, 8); put_u32 (file, 1); put_u32 (file, depth > 0 ? 1 : 0);
  put_u32 (file, 1); put_u32 (file, 0);            /* no name */
  if (depth > 0)
    put_nested_cell (file, depth - 1);
  {
    guint32 size = GUINT32_TO_LE (file->len - start - 4);
    memcpy (file->data + start, &size, 4);
  }
}

static void
test_mat_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) nested = mat5_header ();
  g_autoptr(GByteArray) shallow = mat5_header ();
  g_autoptr(GByteArray) bomb = mat5_header ();
  g_autoptr(GByteArray) v4 = g_byte_array_new ();
  g_autofree char *fixture = io_test_data_path ("formats", "spikes-v5z.mat", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* Cells in cells beyond any real file: refused before the stack is. */
  put_nested_cell (nested, 200);
  g_assert_false (glmcc_mat_check (nested->data, nested->len, "deep.mat", 1 << 20, &error));
  assert_one_line_naming (error, "deep.mat: ");
  g_assert_nonnull (strstr (error->message, "arrays nested more than 32 deep"));
  g_clear_error (&error);
  put_nested_cell (shallow, 10);
  g_assert_true (glmcc_mat_check (shallow->data, shallow->len, "ok.mat", 1 << 20, &error));
  g_assert_no_error (error);

  /* A compressed variable that claims to expand beyond the limit. */
  put_u32 (bomb, 15);
  put_u32 (bomb, 16);
  {
    /* zlib of the tag "miMATRIX of 4294967280 bytes", and nothing more. */
    static const guint8 deflated[] = { 0x78, 0x9c, 0xe3, 0x63, 0x60, 0x60, 0xf8, 0xf0, 0xff,
                                       0xff, 0x7f, 0x00, 0x0a, 0x32, 0x03, 0xfc };
    g_byte_array_append (bomb, deflated, sizeof deflated);
  }
  g_assert_false (glmcc_mat_check (bomb->data, bomb->len, "bomb.mat", 1 << 20, &error));
  assert_one_line_naming (error, "bomb.mat: variable 1: expands to 4294967280 bytes, more than "
                                 "the 1048576 this loader accepts");
  g_clear_error (&error);

  /* Field names in a "small" element that claims 256 bytes (found by fuzz-mat: the names were
   * then read past the 4 bytes a small element holds). */
  {
    g_autoptr(GByteArray) names = mat5_header ();
    guint start;

    put_u32 (names, 14);
    start = names->len;
    put_u32 (names, 0);
    put_u32 (names, 6); put_u32 (names, 8); put_u32 (names, 2); put_u32 (names, 0);  /* struct */
    put_u32 (names, 5); put_u32 (names, 8); put_u32 (names, 1); put_u32 (names, 1);
    put_u32 (names, 1); put_u32 (names, 0);
    put_u32 (names, 5 | (4 << 16)); put_u32 (names, 1);     /* field names of 1 byte */
    put_u32 (names, 1 | (256 << 16)); put_u32 (names, 0);   /* 256 bytes in a small element */
    {
      guint32 size = GUINT32_TO_LE (names->len - start - 4);
      memcpy (names->data + start, &size, 4);
    }
    g_assert_false (glmcc_mat_check (names->data, names->len, "names.mat", 1 << 20, &error));
    assert_one_line_naming (error, "names.mat: a variable without a name: a small data element "
                                   "declares 256 bytes (at most 4 fit)");
    g_clear_error (&error);
  }

  /* Level 4: a 2×1 double matrix "x", then the same cut short. */
  put_u32 (v4, 0); put_u32 (v4, 2); put_u32 (v4, 1); put_u32 (v4, 0); put_u32 (v4, 2);
  g_byte_array_append (v4, (const guint8 *) "x\0", 2);
  {
    double values[2] = { 1.0, 2.0 };
    g_byte_array_append (v4, (const guint8 *) values, sizeof values);
  }
  g_assert_true (glmcc_mat_check (v4->data, v4->len, "v4.mat", 1 << 20, &error));
  g_assert_no_error (error);
  g_assert_false (glmcc_mat_check (v4->data, v4->len - 1, "v4.mat", 1 << 20, &error));
  assert_one_line_naming (error, "v4.mat: x: truncated: 2 × 1 values need 16 bytes, the file "
                                 "holds 15");
  g_clear_error (&error);

  /* Every cut of a compressed fixture is refused, with one line naming it. */
  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (glmcc_mat_check ((const guint8 *) contents, length, "z.mat", 1 << 30, &error));
  for (gsize cut = 128 + 9; cut < length; cut += 7)
    {
      g_assert_false (glmcc_mat_check ((const guint8 *) contents, cut, "z.mat", 1 << 30, &error));
      g_assert_true (g_str_has_prefix (error->message, "z.mat: "));
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
    }
}

static void
test_hdf5_superblock (void)
{
  g_autofree char *fixture = io_test_data_path ("formats", "spikes-v73.mat", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GlmccHdf5Info info;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  {
    GlmccHdf5Buffer image = { (const guint8 *) contents, length };

    /* MATLAB 7.3: the superblock after a 512-byte user block. */
    g_assert_true (glmcc_hdf5_check_superblock (glmcc_hdf5_read_buffer, &image, length, "a.mat",
                                                &info, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (info.base, ==, 512);
    g_assert_cmpuint (info.eof, ==, length);
  }
  for (gsize cut = 0; cut < length; cut += 97)
    {
      GlmccHdf5Buffer image = { (const guint8 *) contents, cut };

      g_assert_false (glmcc_hdf5_check_superblock (glmcc_hdf5_read_buffer, &image, cut, "a.mat",
                                                   &info, &error));
      g_assert_true (g_str_has_prefix (error->message, "a.mat: "));
      g_clear_error (&error);
    }
}

/* ---- the helper's answer ---- */

static GBytes *
stream_of (GlmccLoadContext *context,
           const GError     *load_error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int fd = g_file_open_tmp ("glmcc-stream-XXXXXX", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (glmcc_load_stream_write (fd, context, load_error));
  close (fd);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_remove (path);
  return g_bytes_new (contents, length);
}

static void
test_stream (void)
{
  static const double times[] = { 1.0, 2.5, 4.0 };
  static const struct
  {
    const char *bytes;
    gsize       length;
    const char *problem;
  } malformed[] = {
    { "GLMCCLH0Z", 9, "no header" },
    { "GLMCCLH1", 8, "it ends early" },
    { "GLMCCLH1T\x01\0\0\0a\xff\xff\xff\xff\xff\xff\xff\x0fZ", 23, "a train longer than the answer" },
    { "GLMCCLH1P\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0Z", 30, "a damaged position" },
    { "GLMCCLH1QZ", 10, "an unknown record" },
    { "GLMCCLH1ZZ", 10, "bytes after its end" },
    { "GLMCCLH1N\xff\xff\xff\x7fZ", 14, "a damaged note" },
    { "GLMCCLH1E\x05\0\0\0\0\0\0\0\0\0\0\0Z", 22, "a damaged error" },
  };
  GlmccLoadOptions options;
  GlmccLoadContext context, copy;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  glmcc_load_options_init (&options);
  glmcc_load_context_init (&context, "a.nwb", "nwb", &options);
  glmcc_load_context_add_train (&context, "7", times, 3);
  glmcc_load_context_add_train (&context, "n\xffme", times, 1);
  glmcc_recording_builder_set_position (context.builder, 1, 3.0, -4.0);
  glmcc_load_context_note (&context, "a note");
  bytes = stream_of (&context, NULL);
  glmcc_load_context_clear (&context);

  glmcc_load_context_init (&copy, "a.nwb", "nwb", &options);
  g_assert_true (glmcc_load_stream_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         &copy, "a.nwb", &error));
  g_assert_no_error (error);
  recording = glmcc_recording_builder_finish (g_steal_pointer (&copy.builder), &error);
  glmcc_load_context_clear (&copy);
  g_assert_no_error (error);
  assert_train (recording, 0, times, 3);
  g_assert_cmpstr (glmcc_recording_get_raw_name (recording, 1), ==, "n\xffme");
  g_assert_true (glmcc_recording_get_position (recording, 1, NULL, NULL));
  g_assert_true (io_test_has_note (recording, "a note"));

  /* An error travels with its domain and code. */
  {
    g_autoptr(GError) sent = g_error_new (GLMCC_PARAMS_ERROR, GLMCC_PARAM_VARIABLE, "x.mat: why");
    g_autoptr(GBytes) answer = NULL;

    glmcc_load_context_init (&context, "x.mat", "mat", &options);
    answer = stream_of (&context, sent);
    g_assert_false (glmcc_load_stream_read (g_bytes_get_data (answer, NULL),
                                            g_bytes_get_size (answer), &context, "x.mat",
                                            &error));
    g_assert_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_VARIABLE);
    g_assert_cmpstr (error->message, ==, "x.mat: why");
    g_clear_error (&error);
    glmcc_load_context_clear (&context);
  }

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *expected = g_strdup_printf ("b.nwb: the loader helper gave a malformed "
                                                   "answer (%s)", malformed[i].problem);

      glmcc_load_context_init (&context, "b.nwb", "nwb", &options);
      g_assert_false (glmcc_load_stream_read ((const guint8 *) malformed[i].bytes,
                                              malformed[i].length, &context, "b.nwb", &error));
      g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      glmcc_load_context_clear (&context);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/robust/fifo", test_fifo);
  g_test_add_func ("/io/robust/symlinks", test_symlinks);
  g_test_add_func ("/io/robust/permissions", test_permissions);
  g_test_add_func ("/io/robust/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/io/robust/out-of-range", test_out_of_range);
  g_test_add_func ("/io/robust/names-not-utf8", test_names_not_utf8);
  g_test_add_func ("/io/robust/helper/path", test_helper_path);
  g_test_add_func ("/io/robust/helper/same-as-in-process", test_helper_same_as_in_process);
  g_test_add_func ("/io/robust/helper/crash", test_helper_crash);
  g_test_add_func ("/io/robust/helper/abort", test_helper_abort);
  g_test_add_func ("/io/robust/helper/cpu-limit", test_helper_cpu_limit);
  g_test_add_func ("/io/robust/helper/memory-limit", test_helper_memory_limit);
  g_test_add_func ("/io/robust/helper/garbage", test_helper_garbage);
  g_test_add_func ("/io/robust/helper/real-crash", test_helper_real_crash);
  g_test_add_func ("/io/robust/hdf5-handles", test_hdf5_handles);
  g_test_add_func ("/io/robust/mat-check", test_mat_check);
  g_test_add_func ("/io/robust/hdf5-superblock", test_hdf5_superblock);
  g_test_add_func ("/io/robust/stream", test_stream);
  return g_test_run ();
}
