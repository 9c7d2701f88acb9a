/* test-neuroscope.c: Neuroscope/Klusters sessions (.res.N, .clu.N, .xml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "glmcc-error.h"
#include "glmcc-load-neuroscope.h"
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
check_session1 (GlmccRecording *recording)
{
  const double a[] = { 5, 1000 }, b[] = { 20, 2000 }, c[] = { 0.25, 0.35, 499999999.95 };

  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "neuroscope");
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  assert_train (recording, 0, "1:2", a, 2);
  assert_train (recording, 1, "1:3", b, 2);
  assert_train (recording, 2, "2:5", c, 3);
  /* The shank of each unit, for layouts by shank. */
  g_assert_cmpint (glmcc_recording_get_group (recording, 0), ==, 1);
  g_assert_cmpint (glmcc_recording_get_group (recording, 2), ==, 2);
  g_assert_true (io_test_has_note (recording, "shank 1: 2 clusters kept, dropped 1 spikes of "
                                   "cluster 0 (artefacts) and 1 of cluster 1 (noise/multi-unit)"));
  g_assert_true (io_test_has_note (recording, "the .clu header says 2 clusters, 1 seen"));
  g_assert_true (io_test_has_note (recording, "× 1000 / 20000 Hz"));
}

static void
test_fixture (void)
{
  g_autofree char *dir = io_test_data_path ("formats", "neuroscope", "session1", NULL);
  g_autofree char *base = g_build_filename (dir, "session1", NULL);
  g_autofree char *xml = g_build_filename (dir, "session1.xml", NULL);
  g_autofree char *res = g_build_filename (dir, "session1.res.2", NULL);
  const char *paths[] = { dir, base, xml, res };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", paths[i]);
      g_assert_cmpstr (glmcc_loader_detect (paths[i]), ==, "neuroscope");
      recording = glmcc_load (paths[i], NULL, &error);
      g_assert_no_error (error);
      check_session1 (recording);
    }
}

static void
test_alternative_names (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;
  const double a[] = { 1, 2 }, b[] = { 3 };

  /* base.N.res / base.N.clu, two sessions in one folder, no xml: the rate is given. */
  io_test_put (dir, "rat.3.res", "10\n20\n30\n");
  io_test_put (dir, "rat.3.clu", "3\n7\n7\n9\n");
  io_test_put (dir, "other.res.1", "1\n");
  io_test_put (dir, "other.clu.1", "1\n2\n");

  g_assert_null (glmcc_load (dir, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "several sessions (other, rat); give the base name"));
  g_clear_error (&error);

  {
    g_autofree char *base = g_build_filename (dir, "rat", NULL);
    g_assert_cmpstr (glmcc_loader_detect (base), ==, "neuroscope");
    g_assert_null (glmcc_load (base, NULL, &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE);
    g_assert_nonnull (strstr (error->message, "rat.xml: missing, and it gives the sample rate"));
    g_clear_error (&error);

    glmcc_load_options_init (&options);
    options.sample_rate = 10000.0;
    recording = glmcc_load (base, &options, &error);
    g_assert_no_error (error);
    assert_train (recording, 0, "3:7", a, 2);
    assert_train (recording, 1, "3:9", b, 1);
  }
  io_test_remove_tree (dir);
}

typedef struct
{
  const char *xml;
  gboolean    ok;
  double      rate;
  int         code;
  const char *message;
} XmlCase;

static void
test_xml (void)
{
  static const XmlCase cases[] = {
    { "<parameters><acquisitionSystem><samplingRate> 32552 </samplingRate></acquisitionSystem></parameters>", TRUE, 32552, 0, NULL },
    { "<?xml version='1.0'?><p><fieldPotentials><samplingRate>1250</samplingRate></fieldPotentials><acquisitionSystem a=\"x>y\"><samplingRate>30000</samplingRate></acquisitionSystem></p>", TRUE, 30000, 0, NULL },
    { "<p><![CDATA[<samplingRate>5</samplingRate>]]><samplingRate>20000.5</samplingRate><empty/></p>", TRUE, 20000.5, 0, NULL },
    { "<parameters><acquisitionSystem><nBits>16</nBits></acquisitionSystem></parameters>", FALSE, 0, GLMCC_ERROR_INVALID_DATA, "base.xml: no <acquisitionSystem><samplingRate> element" },
    { "<parameters>\n<acquisitionSystem>\n<samplingRate>fast</samplingRate>", FALSE, 0, GLMCC_ERROR_PARSE, "base.xml:3: <samplingRate> “fast” is not a positive number" },
    { "<parameters><acquisitionSystem><samplingRate>-20000</samplingRate>", FALSE, 0, GLMCC_ERROR_INVALID_DATA, "base.xml:1: <samplingRate> “-20000” is not a positive number" },
    { "<parameters><acquisitionSystem", FALSE, 0, GLMCC_ERROR_PARSE, "base.xml: the XML ends inside a tag" },
    { "\x89PNG\r\n\x1a\n", FALSE, 0, GLMCC_ERROR_INVALID_DATA, "no <acquisitionSystem><samplingRate>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double rate = 0.0;
      gboolean ok = glmcc_neuroscope_parse_xml_rate (cases[i].xml, strlen (cases[i].xml),
                                                     "base.xml", &rate, &error);

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

static void
test_res_clu (void)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 n_clusters = 0;
  const char *res = "1\n\n2.0e1\r\n30000000000\n";

  g_assert_true (glmcc_neuroscope_parse_res (res, strlen (res), "a.res.1", values, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpint (g_array_index (values, gint64, 1), ==, 20);
  g_assert_cmpint (g_array_index (values, gint64, 2), ==, 30000000000);

  g_assert_false (glmcc_neuroscope_parse_res ("1\n2.5\n", strlen ("1\n2.5\n"), "a.res.1", values, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "a.res.1:2: “2.5” is not an integer sample index");
  g_clear_error (&error);

  g_array_set_size (values, 0);
  g_assert_true (glmcc_neuroscope_parse_clu ("3\n2\n0\n", strlen ("3\n2\n0\n"), "a.clu.1", &n_clusters, values, &error));
  g_assert_cmpint (n_clusters, ==, 3);
  g_assert_cmpuint (values->len, ==, 2);

  g_assert_false (glmcc_neuroscope_parse_clu ("-3\n2\n", strlen ("-3\n2\n"), "a.clu.1", &n_clusters, values, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "a.clu.1:1: the cluster count -3 is negative");
  g_clear_error (&error);

  g_assert_false (glmcc_neuroscope_parse_clu ("", strlen (""), "a.clu.1", &n_clusters, values, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_false (glmcc_neuroscope_parse_clu ("2\n4\n-1\n", strlen ("2\n4\n-1\n"), "a.clu.1", &n_clusters, values, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "cluster id -1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/neuroscope/fixture", test_fixture);
  g_test_add_func ("/io/neuroscope/alternative-names", test_alternative_names);
  g_test_add_func ("/io/neuroscope/xml", test_xml);
  g_test_add_func ("/io/neuroscope/res-clu", test_res_clu);
  return g_test_run ();
}
