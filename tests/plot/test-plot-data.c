/* test-plot-data.c: figure data from pair fits and results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-plot-data.h"
#include "plot-test-util.h"

static void
test_ccg_from_pair (void)
{
  GlmccParams params;
  GlmccPairResult pair;
  double counts[100], a[100];
  g_autoptr(GlmccCcgPlotData) data = NULL;
  double slow, fit;

  glmcc_params_init (&params);
  memset (&pair, 0, sizeof pair);
  for (guint k = 0; k < 100; k++)
    {
      counts[k] = 40.0 + k % 7;
      a[k] = log (40.0);
    }
  pair.n_bins = 100;
  pair.counts = counts;
  pair.a = a;
  pair.n_lags = 4000;
  pair.n_delays = 2;
  pair.delays_ms[0] = 1.0;
  pair.delays_ms[1] = 3.0;
  pair.delay_index = 1;
  pair.fit.status = GLMCC_STATUS_PENDING;
  pair.fit.j_plus = 1.0;
  pair.fit.j_minus = -0.5;
  pair.forward = (GlmccEdge) { GLMCC_STATUS_SIGNIFICANT, 1.0, 0.4, 2.5, 1e-9, 2.532, 3.0, 4000 };
  pair.backward = (GlmccEdge) { GLMCC_STATUS_INSUFFICIENT_DATA, 0.0, 0.4, 0.0, NAN, 0.0, 3.0, 4000 };

  data = glmcc_ccg_plot_data_new (&pair, &params, "cell9", "cell4", 2000, 1500);

  /* Copies, not pointers into the workspace. */
  g_assert_true (data->plot.counts != counts);
  g_assert_true (data->plot.a != a);
  counts[0] = -1;
  g_assert_cmpfloat (data->plot.counts[0], ==, 40.0);

  g_assert_cmpuint (data->plot.n_bins, ==, 100);
  g_assert_cmpfloat (data->plot.window_ms, ==, params.window_ms);
  g_assert_cmpfloat (data->plot.bin_ms, ==, params.bin_ms);
  g_assert_cmpfloat (data->plot.tau_ms, ==, params.tau_ms);
  g_assert_true (data->plot.has_fit);
  /* The chosen delay, not the first candidate. */
  g_assert_cmpfloat (data->plot.delay_ms, ==, 3.0);
  g_assert_cmpfloat (data->plot.j_plus, ==, 1.0);
  g_assert_cmpfloat (data->plot.j_minus, ==, -0.5);
  g_assert_cmpfloat (data->plot.n_ref_spikes, ==, 2000.0);
  g_assert_cmpstr (data->plot.ref_name, ==, "cell9");
  g_assert_cmpstr (data->plot.target_name, ==, "cell4");
  g_assert_nonnull (strstr (data->plot.subtitle, "2000 reference"));
  g_assert_nonnull (strstr (data->plot.subtitle, "4000 lags"));

  g_assert_cmpstr (data->plot.forward.status, ==, "significant");
  g_assert_true (data->plot.forward.significant);
  g_assert_cmpfloat (data->plot.forward.psp_mv, ==, 2.532);
  g_assert_cmpfloat (data->plot.forward.threshold, ==, 0.4);
  g_assert_false (data->plot.backward.significant);
  g_assert_nonnull (strstr (data->plot.backward.status, "insufficient data"));

  /* The curves follow the fit: the kernel switches on at the chosen delay. */
  glmcc_ccg_plot_evaluate (&data->plot, 3.5, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit / slow, exp (1.0 * exp (-0.5 / params.tau_ms)), 1e-9);
  glmcc_ccg_plot_evaluate (&data->plot, 2.5, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit, slow, 1e-12);

  /* GLMCC's band: a(t) in counts per bin, and e^{a ± threshold·f} after the delay on each side
   * (the forward threshold 0.4 here), copied into the data. */
  {
    g_autoptr(GlmccMethodBands) bands = glmcc_method_bands_new (&params, NULL, 0, 1, &pair);

    glmcc_ccg_plot_data_set_bands (data, bands);
    g_assert_cmpfloat_with_epsilon (data->plot.band_expected[60], 40.0, 1e-9);
    g_assert_true (isnan (data->plot.band_global_hi[52]));          /* lag 2.5 < d */
    g_assert_cmpfloat_with_epsilon (data->plot.band_global_hi[53],   /* lag 3.5 */
                                    40.0 * exp (0.4 * exp (-0.5 / params.tau_ms)), 1e-9);
    g_assert_true (isnan (data->plot.band_pointwise_hi[53]));
    /* The backward direction was not tested (too few lags): no kernel there, whatever its
     * threshold (a huge one ran the axis up to 10^21 counts per bin). */
    g_assert_cmpfloat (pair.backward.threshold, ==, 0.4);
    g_assert_true (isnan (data->plot.band_global_hi[46]));           /* lag −3.5 */
    bands->global_hi[53] = 0.0;
    g_assert_cmpfloat (data->plot.band_global_hi[53], >, 40.0);
    glmcc_ccg_plot_data_set_bands (data, NULL);
    g_assert_null (data->plot.band_global_hi);
  }

  /* A baseline's edges replace the fit: its strength and z, no curves. */
  {
    GlmccParams baseline = params;
    GlmccPairResult decided = pair;

    baseline.method = GLMCC_METHOD_CC;
    decided.forward.statistic = 5.5;
    decided.forward.threshold = 3.66;
    glmcc_ccg_plot_data_set_baseline (data, &baseline, &decided);
    g_assert_true (data->plot.baseline);
    g_assert_false (data->plot.has_fit);
    g_assert_cmpfloat (data->plot.forward.statistic, ==, 5.5);
    g_assert_nonnull (strstr (data->plot.subtitle, "cross-correlation"));
  }

  /* A fit that did not converge draws no curves. */
  pair.fit.status = GLMCC_STATUS_NOT_CONVERGED;
  glmcc_ccg_plot_data_free (g_steal_pointer (&data));
  data = glmcc_ccg_plot_data_new (&pair, &params, "a", "b", 10, 10);
  g_assert_false (data->plot.has_fit);
  g_assert_false (glmcc_ccg_plot_evaluate (&data->plot, 3.5, &slow, &fit));
}

static void
test_status_text (void)
{
  g_assert_cmpstr (glmcc_plot_status_text (GLMCC_STATUS_NOT_SIGNIFICANT), ==, "not significant");
  g_assert_cmpstr (glmcc_plot_status_text (GLMCC_STATUS_NOT_CONVERGED), ==, "fit did not converge");
  g_assert_cmpstr (glmcc_plot_status_text (GLMCC_STATUS_NO_LAGS), ==, "no lags in the window");
  g_assert_cmpstr (glmcc_plot_status_text (GLMCC_STATUS_PENDING), ==, "not computed");
}

static void
test_network_from_results (void)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("test", "memory");
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccNetworkPlotData) data = NULL;
  GError *error = NULL;
  GlmccParams params;
  double times[] = { 1.0, 2.0, 3.0 };
  GlmccEdge e = { GLMCC_STATUS_SIGNIFICANT, 1.0, 0.4, 2.5, 1e-9, 2.532, 3.0, 100 };
  GlmccEdge i = { GLMCC_STATUS_SIGNIFICANT, -1.0, 0.4, 2.5, 1e-9, -0.612, 3.0, 100 };
  GlmccEdge none = { GLMCC_STATUS_NOT_SIGNIFICANT, 0.1, 0.4, 0.2, 0.5, 0.0, 3.0, 100 };

  glmcc_recording_builder_add_train (builder, "n0", times, 3);
  glmcc_recording_builder_add_train (builder, "n1", times, 3);
  glmcc_recording_builder_add_train (builder, "n2", times, 3);
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), &error);
  g_assert_no_error (error);
  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  glmcc_results_set_edge (results, 0, 1, &e);
  glmcc_results_set_edge (results, 1, 0, &none);
  glmcc_results_set_edge (results, 2, 0, &i);
  glmcc_results_set_edge (results, 0, 2, &none);
  /* 1 ↔ 2 stays pending. */

  data = glmcc_network_plot_data_new (results, recording);
  g_assert_cmpuint (data->plot.n, ==, 3);
  g_assert_cmpstr (data->plot.names[2], ==, "n2");
  g_assert_cmpfloat (data->plot.psp_mv[0 * 3 + 1], ==, 2.532);
  g_assert_cmpfloat (data->plot.psp_mv[2 * 3 + 0], ==, -0.612);
  g_assert_cmpfloat (data->plot.psp_mv[1 * 3 + 0], ==, 0.0);
  g_assert_true (isnan (data->plot.psp_mv[1 * 3 + 2]));
  g_assert_cmpfloat (data->plot.psp_mv[1 * 3 + 1], ==, 0.0);
  g_assert_cmpint (data->plot.types[0], ==, GLMCC_PLOT_NODE_EXCITATORY);
  g_assert_cmpint (data->plot.types[1], ==, GLMCC_PLOT_NODE_UNKNOWN);
  g_assert_cmpint (data->plot.types[2], ==, GLMCC_PLOT_NODE_INHIBITORY);
  /* The significant connections with their numbers. */
  g_assert_cmpuint (data->plot.n_edges, ==, 2);
  g_assert_cmpuint (data->plot.edges[0].pre, ==, 0);
  g_assert_cmpuint (data->plot.edges[0].post, ==, 1);
  g_assert_cmpfloat (data->plot.edges[0].psp_mv, ==, 2.532);
  g_assert_cmpfloat (data->plot.edges[0].p_value, ==, 1e-9);
  g_assert_cmpfloat (data->plot.edges[0].delay_ms, ==, 3.0);
  g_assert_cmpfloat (data->plot.edges[1].psp_mv, ==, -0.612);
  g_assert_nonnull (data->plot.rates);
  /* No positions or shanks in this recording: a circle of unit radius, no guides. */
  g_assert_null (data->plot.recording_positions);
  g_assert_null (data->plot.groups);
  g_assert_null (data->plot.guides);
  g_assert_nonnull (data->plot.positions);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat_with_epsilon (hypot (data->plot.positions[2 * k], data->plot.positions[2 * k + 1]), 1.0, 1e-9);
  g_assert_false (glmcc_network_plot_data_set_layout (data, GLMCC_PLOT_LAYOUT_POSITION, 1));
  g_assert_nonnull (strstr (data->plot.title, "2 significant"));

  /* Orders: by type puts the excitatory neuron first and the inhibitory one second. */
  glmcc_network_plot_data_set_order (data, GLMCC_PLOT_ORDER_TYPE);
  g_assert_cmpuint (data->plot.order[0], ==, 0);
  g_assert_cmpuint (data->plot.order[1], ==, 2);
  g_assert_cmpuint (data->plot.order[2], ==, 1);
  glmcc_network_plot_data_set_order (data, GLMCC_PLOT_ORDER_INDEX);
  g_assert_null (data->plot.order);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/data/ccg-from-pair", test_ccg_from_pair);
  g_test_add_func ("/plot/data/status-text", test_status_text);
  g_test_add_func ("/plot/data/network-from-results", test_network_from_results);

  return g_test_run ();
}
