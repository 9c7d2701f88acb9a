/* test-plot-score.c: the ROC, precision–recall and PSP scatter figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-plot-data.h"
#include "plot-test-util.h"

#define W 1000
#define H 520

/* Pixels within 40 (of 255) of @color. */
static guint
count_color (cairo_surface_t      *surface,
             const GlmccPlotColor *color)
{
  guint n = 0;

  for (int y = 0; y < H; y += 1)
    for (int x = 0; x < W; x += 1)
      {
        GlmccPlotColor c;

        test_pixel (surface, x, y, &c);
        n += test_color_distance (&c, color) < 40.0;
      }
  return n;
}

/* A run of three neurons scored against a truth: one E synapse found, one I synapse found, one
 * false positive (as in test-score.c's hand-checked case). */
static GlmccScoreCurves *
make_curves (gboolean good)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("score", "test");
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (3);
  GlmccParams params;
  static const double stats[6] = { 5.0, 3.0, -4.0, 1.0, -2.0, 0.5 };
  static const guint pairs[6][2] = { { 0, 1 }, { 1, 0 }, { 0, 2 }, { 2, 0 }, { 1, 2 }, { 2, 1 } };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);
      double times[2] = { 10.0 + i, 500.0 + i };

      glmcc_recording_builder_add_train (builder, name, times, 2);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), NULL);
  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  for (guint e = 0; e < 6; e++)
    {
      GlmccEdge edge = { 0 };

      edge.status = fabs (stats[e]) >= 2.0 ? GLMCC_STATUS_SIGNIFICANT : GLMCC_STATUS_NOT_SIGNIFICANT;
      edge.statistic = good ? stats[e] : -stats[e];
      edge.j = edge.statistic / 5.0;
      edge.psp_mv = edge.status == GLMCC_STATUS_SIGNIFICANT ? glmcc_psp_from_j (edge.j) : 0.0;
      edge.p_value = 0.01;
      glmcc_results_set_edge (results, pairs[e][0], pairs[e][1], &edge);
    }
  glmcc_truth_set (truth, 0, 1, 0.5);
  glmcc_truth_set (truth, 1, 2, -1.0);
  return glmcc_score_curves_compute (results, truth, GLMCC_SCORE_RANK_STATISTIC, NULL);
}

/* One run: every panel in the class colours, the scatter with an inhibitory detection. */
static void
test_single (void)
{
  g_autoptr(GlmccScorePlotData) data = glmcc_score_plot_data_new ();
  GlmccPlotStyle style;
  cairo_surface_t *surface;
  guint red, blue;

  glmcc_score_plot_data_add (data, make_curves (TRUE), "GLMCC");
  glmcc_score_plot_data_set_title (data, "GLMCC against truth", NULL);
  g_assert_cmpuint (data->plot.n_series, ==, 1);
  g_assert_cmpstr (data->plot.series[0].label, ==, "GLMCC");
  g_assert_true (data->plot.series[0].estimated_is_psp);
  g_assert_cmpfloat_with_epsilon (data->plot.series[0].auc[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (data->plot.series[0].positive_share[0], 1.0 / 6.0, 1e-12);

  glmcc_plot_style_init_light (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  {
    cairo_t *cr = cairo_create (surface);

    glmcc_plot_score (cr, W, H, &data->plot, &style);
    cairo_destroy (cr);
  }
  red = count_color (surface, &style.excitatory);
  blue = count_color (surface, &style.inhibitory);
  /* Two excitatory curves (ROC, PR), their AUC and AP, and a red dot; the same in blue. */
  g_assert_cmpuint (red, >, 300);
  g_assert_cmpuint (blue, >, 300);
  if (test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), "score-single.png", NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

/* Several runs: one colour each (no class colours), and no scatter; SVG and PDF too. */
static void
test_several (void)
{
  g_autoptr(GlmccScorePlotData) data = glmcc_score_plot_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmpdir_new ();
  g_autofree char *svg = g_build_filename (dir, "score.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "score.pdf", NULL);
  g_autofree char *text = NULL;
  GlmccPlotStyle style;
  cairo_surface_t *surface;

  glmcc_score_plot_data_add (data, make_curves (TRUE), "GLMCC");
  glmcc_score_plot_data_add (data, make_curves (FALSE), "inverted");
  glmcc_plot_style_init_light (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  {
    cairo_t *cr = cairo_create (surface);

    glmcc_plot_score (cr, W, H, &data->plot, &style);
    cairo_destroy (cr);
  }
  g_assert_cmpuint (count_color (surface, &style.fit), >, 300);
  g_assert_cmpuint (count_color (surface, &style.accent), >, 300);
  g_assert_cmpuint (count_color (surface, &style.inhibitory), <, 20);
  cairo_surface_destroy (surface);

  g_assert_true (glmcc_plot_export_score (svg, GLMCC_PLOT_FORMAT_AUTO, 820, 520, 72, &data->plot,
                                         &style, &error));
  g_assert_true (glmcc_plot_export_score (pdf, GLMCC_PLOT_FORMAT_AUTO, 820, 520, 72, &data->plot,
                                         &style, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (pdf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF"));
  test_tmpdir_free (g_steal_pointer (&dir));
}

/* Too small to draw: a word, no crash; no series: the frames only. */
static void
test_degenerate (void)
{
  g_autoptr(GlmccScorePlotData) data = glmcc_score_plot_data_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 60, 40);
  cairo_t *cr = cairo_create (surface);

  glmcc_plot_score (cr, 60, 40, &data->plot, NULL);
  glmcc_plot_score (cr, 600, 400, &data->plot, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/score/single", test_single);
  g_test_add_func ("/plot/score/several", test_several);
  g_test_add_func ("/plot/score/degenerate", test_degenerate);
  return g_test_run ();
}
