/* test-plot-plan.c: the planner's figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "glmcc-plot-data.h"
#include "plot-test-util.h"

#define W 640
#define H 440

static guint
count_color (cairo_surface_t      *surface,
             const GlmccPlotColor *color)
{
  guint n = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        GlmccPlotColor c;

        test_pixel (surface, x, y, &c);
        n += test_color_distance (&c, color) < 40.0;
      }
  return n;
}

/* The curves come from the planner: falling with |PSP|, the inhibitory one below for equal
 * |PSP| (larger |J|), the even chance below the planned power; both drawn in their colours. */
static void
test_curves (void)
{
  g_autoptr(GlmccPlanPlotData) data = NULL;
  GlmccPlanInput in;
  GlmccPlotStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint i;

  glmcc_plan_input_init (&in);
  in.rate_pre_hz = in.rate_post_hz = 10.0;
  in.psp_mv = 0.5;
  in.power = 0.8;
  data = glmcc_plan_plot_data_new (&in, 600.0);
  g_assert_cmpuint (data->plot.n_points, >, 10);
  for (i = 1; i < data->plot.n_points; i++)
    g_assert_cmpfloat (data->plot.psp_mv[i], >, data->plot.psp_mv[i - 1]);
  /* Around 1 mV: E needs more than I, the planned power more than an even chance. */
  for (i = 0; data->plot.psp_mv[i] < 1.0; i++)
    ;
  g_assert_cmpfloat (data->plot.time_excitatory_s[i], >, data->plot.time_inhibitory_s[i]);
  g_assert_cmpfloat (data->plot.time_excitatory_s[i], >, data->plot.time_even_excitatory_s[i]);
  g_assert_cmpfloat (data->plot.time_excitatory_s[0], >, data->plot.time_excitatory_s[i]);
  g_assert_cmpfloat (data->plot.marker_psp_mv, ==, 0.5);
  g_assert_cmpfloat (data->plot.marker_time_s, >, 0.0);

  glmcc_plot_style_init_light (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (surface);
  glmcc_plot_plan (cr, W, H, &data->plot, &style);
  cairo_destroy (cr);
  g_assert_cmpuint (count_color (surface, &style.excitatory), >, 200);
  g_assert_cmpuint (count_color (surface, &style.inhibitory), >, 200);
  /* The recording's 600 s as a line in the accent colour. */
  g_assert_cmpuint (count_color (surface, &style.accent), >, 100);
  if (test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), "plan.png", NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

static void
test_degenerate (void)
{
  GlmccPlanPlot empty = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 50, 30);
  cairo_t *cr = cairo_create (surface);

  glmcc_plot_plan (cr, 50, 30, &empty, NULL);
  glmcc_plot_plan (cr, 640, 440, &empty, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/plan/curves", test_curves);
  g_test_add_func ("/plot/plan/degenerate", test_degenerate);
  return g_test_run ();
}
