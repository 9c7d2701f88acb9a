/* test-phy.c: Kilosort/phy folders: params.py, npy files, labels, positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "glmcc-error.h"
#include "glmcc-load-phy.h"
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

static void
test_fixture (void)
{
  g_autofree char *dir = io_test_data_path ("formats", "phy", NULL);
  g_autofree char *params = g_build_filename (dir, "params.py", NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const double c2[] = { 1, 20, 50, 1e9 }, c5[] = { 1.5, 30, 110 }, c11[] = { 100 };
  double x, y;

  g_assert_cmpstr (glmcc_loader_detect (dir), ==, "phy");
  g_assert_cmpstr (glmcc_loader_detect (params), ==, "phy");
  recording = glmcc_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "phy");
  /* good in cluster_group.tsv (2, 5), and 11 from cluster_KSLabel.tsv; 7 mua and 9 noise out. */
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  assert_train (recording, 0, "2", c2, 4);
  assert_train (recording, 1, "5", c5, 3);
  assert_train (recording, 2, "11", c11, 1);
  g_assert_true (io_test_has_note (recording, "3 clusters labelled good kept (labels from cluster_group.tsv); dropped: "));
  g_assert_true (io_test_has_note (recording, "1 mua"));
  g_assert_true (io_test_has_note (recording, "1 noise"));
  g_assert_true (io_test_has_note (recording, "× 1000 / 30000 Hz"));

  /* Best channels of the main templates: 0, 1 and 2. */
  g_assert_true (glmcc_recording_get_position (recording, 0, &x, &y));
  g_assert_cmpfloat (x, ==, 0.0);
  g_assert_cmpfloat (y, ==, 0.0);
  g_assert_true (glmcc_recording_get_position (recording, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 16.0);
  g_assert_cmpfloat (y, ==, 20.0);
  g_assert_true (glmcc_recording_get_position (recording, 2, &x, &y));
  g_assert_cmpfloat (x, ==, 32.0);
  g_assert_cmpfloat (y, ==, 40.0);
  g_assert_true (io_test_has_note (recording, "positions of 3 of 3 clusters"));
}

static void
test_units_option (void)
{
  g_autofree char *dir = io_test_data_path ("formats", "phy", NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  options.units = "good, mua";
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 4);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 2), ==, "7");
  g_clear_pointer (&recording, glmcc_recording_unref);

  options.units = "all";
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 5);
  g_clear_pointer (&recording, glmcc_recording_unref);

  options.units = "unsorted";
  g_assert_null (glmcc_load (dir, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_FEW_NEURONS);
  g_assert_nonnull (strstr (error->message, "no cluster is labelled unsorted (5 dropped)"));
}

/* A minimal folder written on the fly: times, clusters and params. */
static char *
make_folder (const char *params)
{
  char *dir = io_test_make_dir ();
  const gint64 times[] = { 20, 40, 60, 80 };
  const guint32 clusters[] = { 3, 1, 3, 1 };

  g_free (io_test_write_npy (dir, "spike_times.npy", "<i8", "(4,)", times, sizeof times));
  g_free (io_test_write_npy (dir, "spike_clusters.npy", "<u4", "(4,)", clusters, sizeof clusters));
  if (params != NULL)
    g_free (io_test_write (dir, "params.py", params));
  return dir;
}

static void
test_minimal (void)
{
  g_autofree char *dir = make_folder ("sample_rate = 20000\n");
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const double c1[] = { 2, 4 }, c3[] = { 1, 3 };

  recording = glmcc_load (dir, NULL, &error);
  g_assert_no_error (error);
  assert_train (recording, 0, "1", c1, 2);
  assert_train (recording, 1, "3", c3, 2);
  g_assert_true (io_test_has_note (recording, "no cluster labels"));
  g_assert_true (io_test_has_note (recording, "no positions"));
  g_assert_false (glmcc_recording_get_position (recording, 0, NULL, NULL));
  g_clear_pointer (&recording, glmcc_recording_unref);

  /* Positions from cluster_info.tsv's depth column. */
  g_free (io_test_write (dir, "cluster_info.tsv", "cluster_id\tamp\tdepth\n1\t5.0\t120\n3\t6.0\t80\n"));
  recording = glmcc_load (dir, NULL, &error);
  g_assert_no_error (error);
  {
    double x, y;
    g_assert_true (glmcc_recording_get_position (recording, 1, &x, &y));
    g_assert_cmpfloat (y, ==, 80.0);
  }
  g_assert_true (io_test_has_note (recording, "depth column of cluster_info.tsv"));
  g_clear_pointer (&recording, glmcc_recording_unref);

  /* Falling back to spike_templates.npy, and the legacy cluster_groups.csv (tab-separated). */
  io_test_remove (dir, "spike_clusters.npy");
  {
    const gint32 templates[] = { 0, 4, 0, 4 };
    g_free (io_test_write_npy (dir, "spike_templates.npy", "<i4", "(4, 1)", templates, sizeof templates));
    g_free (io_test_write (dir, "cluster_groups.csv", "cluster_id\tgroup\n0\tgood\n4\tgood\n"));
  }
  recording = glmcc_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "0");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 1), ==, "4");
  g_assert_true (io_test_has_note (recording, "spike_templates.npy"));
  g_assert_true (io_test_has_note (recording, "labels from cluster_groups.csv"));

  io_test_remove_tree (dir);
}

static void
test_sample_rate_option (void)
{
  g_autofree char *dir = make_folder (NULL);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE);
  g_assert_nonnull (strstr (error->message, "params.py is missing"));
  g_clear_error (&error);

  glmcc_load_options_init (&options);
  options.sample_rate = 10000.0;
  recording = glmcc_load (dir, &options, &error);
  g_assert_no_error (error);
  {
    const double c1[] = { 4, 8 };
    assert_train (recording, 0, "1", c1, 2);
  }
  io_test_remove_tree (dir);
}

typedef struct
{
  const char *text;
  gboolean    ok;
  double      rate;
  int         code;
  const char *message;
} ParamsCase;

static void
test_params (void)
{
  static const ParamsCase cases[] = {
    { "sample_rate = 30000.0\n", TRUE, 30000.0, 0, NULL },
    { "dat_path = ['a.bin',\n  'b.bin']\nsample_rate=2.5e4 # Hz\n", TRUE, 25000.0, 0, NULL },
    { "dat_path = r'C:\\x'\nsample_rate = 30_000\nhp_filtered = True\n", TRUE, 30000.0, 0, NULL },
    { "x = [\nsample_rate = 5\n]\nsample_rate = 7\n", TRUE, 7.0, 0, NULL },
    { "n_channels_dat = 385\n", FALSE, 0, GLMCC_ERROR_INVALID_DATA, "params.py: no sample_rate = … line" },
    { "sample_rate = thirty\n", FALSE, 0, GLMCC_ERROR_PARSE, "params.py:1: sample_rate = “thirty” is not a number" },
    { "\nsample_rate = 0\n", FALSE, 0, GLMCC_ERROR_INVALID_DATA, "params.py:2: sample_rate = 0 is not a positive rate" },
    { "sample_rate = -3e4\n", FALSE, 0, GLMCC_ERROR_INVALID_DATA, "not a positive rate" },
    { "sample_rate = nan\n", FALSE, 0, GLMCC_ERROR_PARSE, "is not a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double rate = 0.0;
      gboolean ok = glmcc_phy_parse_params (cases[i].text, strlen (cases[i].text), "params.py",
                                            &rate, &error);

      g_test_message ("case %u", i);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpfloat (rate, ==, cases[i].rate);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, GLMCC_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, cases[i].message));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/phy/fixture", test_fixture);
  g_test_add_func ("/io/phy/units", test_units_option);
  g_test_add_func ("/io/phy/minimal", test_minimal);
  g_test_add_func ("/io/phy/sample-rate", test_sample_rate_option);
  g_test_add_func ("/io/phy/params", test_params);
  return g_test_run ();
}
