/* test-plot-ccg.c: the correlogram renderer, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "glmcc-plot-private.h"
#include "plot-test-util.h"

#define W 720
#define H 480

static void
test_nice_step (void)
{
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (0.7), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (1.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (1.5), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (3.0), 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (7.0), 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (0.012), 0.02, 1e-15);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (1000.0), 1000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_nice_step (4.9e6), 5e6, 1e-3);
  /* Garbage in, a usable step out. */
  g_assert_cmpfloat (glmcc_plot_nice_step (0.0), ==, 1.0);
  g_assert_cmpfloat (glmcc_plot_nice_step (NAN), ==, 1.0);
}

static void
test_nice_ticks (void)
{
  double ticks[32];
  double step = 0.0;
  guint n;

  n = glmcc_plot_nice_ticks (-50.0, 50.0, 10, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat (step, ==, 10.0);
  g_assert_cmpuint (n, ==, 11);
  g_assert_cmpfloat (ticks[0], ==, -50.0);
  g_assert_cmpfloat (ticks[5], ==, 0.0);
  g_assert_cmpfloat (ticks[10], ==, 50.0);

  n = glmcc_plot_nice_ticks (0.0, 37.0, 5, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat (step, ==, 10.0);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (ticks[3], ==, 30.0);

  /* 0.1 steps must land on exact-looking values, 0 included. */
  n = glmcc_plot_nice_ticks (-0.3, 0.3, 6, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpfloat_with_epsilon (step, 0.1, 1e-15);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpfloat (ticks[3], ==, 0.0);

  /* max_ticks caps the output. */
  n = glmcc_plot_nice_ticks (0.0, 100.0, 100, ticks, 5, &step);
  g_assert_cmpuint (n, ==, 5);

  /* An empty range still gives one tick and no infinite loop. */
  n = glmcc_plot_nice_ticks (3.0, 3.0, 5, ticks, G_N_ELEMENTS (ticks), &step);
  g_assert_cmpuint (n, ==, 1);
}

static void
test_format_tick (void)
{
  struct { double value, step; const char *text; } cases[] = {
    { 20.0, 10.0, "20" },
    { -50.0, 10.0, "\xe2\x88\x92" "50" },
    { 0.0, 10.0, "0" },
    { -1e-17, 0.1, "0.0" },
    { 0.30000000000000004, 0.1, "0.3" },
    { -0.5, 0.5, "\xe2\x88\x92" "0.5" },
    { 0.25, 0.05, "0.25" },
    { 2500.0, 500.0, "2500" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = glmcc_plot_format_tick (cases[i].value, cases[i].step);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_value (void)
{
  struct { double value; const char *text; } cases[] = {
    { 1.471868, "1.47" },
    { -0.6, "\xe2\x88\x92" "0.60" },
    { 12.34, "12.3" },
    { 250.0, "250" },
    { 0.0044, "0.004" },
    { 6.41e-40, "6.41\xc3\x97" "10\xe2\x81\xbb\xe2\x81\xb4\xe2\x81\xb0" },
    { 5e-4, "5\xc3\x97" "10\xe2\x81\xbb\xe2\x81\xb4" },
    { 1e-5, "10\xe2\x81\xbb\xe2\x81\xb5" },
    { 2e6, "2\xc3\x97" "10\xe2\x81\xb6" },
    { NAN, "n/a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = glmcc_plot_format_value (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *a = glmcc_plot_format_compact (2.0);
    g_autofree char *b = glmcc_plot_format_compact (0.25);
    g_autofree char *c = glmcc_plot_format_compact (-1.5);

    g_assert_cmpstr (a, ==, "2");
    g_assert_cmpstr (b, ==, "0.25");
    g_assert_cmpstr (c, ==, "\xe2\x88\x92" "1.5");
  }
}

static void
test_style_defaults (void)
{
  GlmccPlotStyle light, dark;
  GlmccPlotColor c;

  glmcc_plot_style_init_light (&light);
  glmcc_plot_style_init_dark (&dark);
  g_assert_false (light.dark);
  g_assert_true (dark.dark);
  g_assert_cmpfloat (test_luminance (&light.background), >, 0.9);
  g_assert_cmpfloat (test_luminance (&dark.background), <, 0.2);
  /* Text must contrast with its background in both. */
  g_assert_cmpfloat (fabs (test_luminance (&light.foreground) - test_luminance (&light.background)), >, 0.7);
  g_assert_cmpfloat (fabs (test_luminance (&dark.foreground) - test_luminance (&dark.background)), >, 0.7);
  /* Warm excitatory, cool inhibitory. */
  g_assert_cmpfloat (light.excitatory.red, >, light.excitatory.blue);
  g_assert_cmpfloat (light.inhibitory.blue, >, light.inhibitory.red);
  g_assert_cmpfloat (dark.excitatory.red, >, dark.excitatory.blue);
  g_assert_cmpfloat (dark.inhibitory.blue, >, dark.inhibitory.red);
  g_assert_cmpfloat (light.font_size, >, 0.0);
  g_assert_cmpstr (light.font_family, !=, "");

  g_assert_true (glmcc_plot_color_parse (&c, "#ff8000"));
  g_assert_cmpfloat (c.red, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (c.green, 128.0 / 255.0, 1e-12);
  g_assert_cmpfloat (c.blue, ==, 0.0);
  g_assert_false (glmcc_plot_color_parse (&c, "ff8000"));
  g_assert_false (glmcc_plot_color_parse (&c, "#ff80zz"));
}

static void
test_evaluate (void)
{
  TestCcg ccg;
  GlmccCcgPlot *p = &ccg.plot;
  double slow, fit;

  test_ccg_init (&ccg);

  /* At a bin centre a(t) is that bin's a_k. */
  g_assert_true (glmcc_ccg_plot_evaluate (p, -49.5, &slow, &fit));
  g_assert_cmpfloat_with_epsilon (slow, exp (ccg.a[0]), 1e-9);
  g_assert_true (glmcc_ccg_plot_evaluate (p, 10.5, &slow, NULL));
  g_assert_cmpfloat_with_epsilon (slow, exp (ccg.a[60]), 1e-9);
  /* Halfway between two centres: the mean of the two a_k. */
  g_assert_cmpfloat_with_epsilon (glmcc_ccg_plot_slow_log (p, 11.0), (ccg.a[60] + ccg.a[61]) / 2, 1e-12);

  /* Inside ±d there is no coupling. */
  glmcc_ccg_plot_evaluate (p, 0.3, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit, slow, 1e-12);
  glmcc_ccg_plot_evaluate (p, 1.99, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit, slow, 1e-12);
  /* From d on the kernel: fit / slow = exp(J+ f(t)), f(d) = 1. */
  glmcc_ccg_plot_evaluate (p, 2.0, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit / slow, exp (1.2), 1e-9);
  glmcc_ccg_plot_evaluate (p, 6.0, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit / slow, exp (1.2 * exp (-1.0)), 1e-9);
  /* Negative side: J− acts on t ≤ −d. */
  glmcc_ccg_plot_evaluate (p, -10.0, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (fit / slow, exp (-0.6 * exp (-2.0)), 1e-9);

  /* Rate: count / (n_ref · Δ / 1000). */
  g_assert_cmpfloat_with_epsilon (glmcc_ccg_plot_bar_value (p, 60), ccg.counts[60], 1e-12);
  p->unit = GLMCC_PLOT_UNIT_RATE;
  g_assert_cmpfloat_with_epsilon (glmcc_ccg_plot_bar_value (p, 60), ccg.counts[60] / (5000.0 * 1.0 / 1000.0), 1e-9);
  glmcc_ccg_plot_evaluate (p, 10.5, &slow, NULL);
  g_assert_cmpfloat_with_epsilon (slow, exp (ccg.a[60]) * 1000.0 / 5000.0, 1e-9);
  g_assert_cmpstr (glmcc_plot_unit_label (p->unit), ==, "rate (Hz)");
  g_assert_cmpstr (glmcc_plot_unit_label (GLMCC_PLOT_UNIT_COUNT), ==, "count per bin");

  /* No fit, no curves. */
  p->has_fit = FALSE;
  g_assert_false (glmcc_ccg_plot_evaluate (p, 0.0, &slow, &fit));
  g_assert_true (isnan (slow) && isnan (fit));
}

static void
test_layout (void)
{
  TestCcg ccg;
  GlmccCcgLayout layout, narrow;
  double max_value = 0.0;

  test_ccg_init (&ccg);
  glmcc_plot_ccg_get_layout (W, H, &ccg.plot, NULL, &layout);

  /* The plot area is inside the figure, with room for the axes. */
  g_assert_cmpfloat (layout.plot.x, >, 30.0);
  g_assert_cmpfloat (layout.plot.y, >, 20.0);
  g_assert_cmpfloat (layout.plot.x + layout.plot.width, <, W);
  g_assert_cmpfloat (layout.plot.y + layout.plot.height, <, H - 30.0);
  g_assert_cmpfloat (layout.plot.width, >, W / 2.0);
  g_assert_cmpfloat (layout.plot.height, >, H / 2.0);
  g_assert_true (layout.side_panel);
  g_assert_cmpfloat (layout.panel.x, >=, layout.plot.x + layout.plot.width);

  /* Lag axis from −W to W. */
  g_assert_cmpfloat_with_epsilon (glmcc_plot_ccg_lag_to_x (&layout, -50.0), layout.plot.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_ccg_lag_to_x (&layout, 50.0), layout.plot.x + layout.plot.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_ccg_x_to_lag (&layout, glmcc_plot_ccg_lag_to_x (&layout, 12.3)), 12.3, 1e-9);
  g_assert_cmpfloat (layout.lag_step, ==, 10.0);

  /* An honest value axis: starts at 0, ends above everything drawn, on a tick. */
  g_assert_cmpfloat_with_epsilon (glmcc_plot_ccg_value_to_y (&layout, 0.0), layout.plot.y + layout.plot.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (glmcc_plot_ccg_value_to_y (&layout, layout.value_max), layout.plot.y, 1e-9);
  for (guint k = 0; k < TEST_N_BINS; k++)
    max_value = MAX (max_value, ccg.counts[k]);
  g_assert_cmpfloat (layout.value_max, >=, max_value);
  g_assert_cmpfloat (layout.value_max, <, 2.0 * max_value);
  g_assert_cmpfloat_with_epsilon (fmod (layout.value_max, layout.value_step), 0.0, 1e-9);

  /* A narrow figure moves the text above the plot. */
  glmcc_plot_ccg_get_layout (360, 300, &ccg.plot, NULL, &narrow);
  g_assert_false (narrow.side_panel);
  g_assert_cmpfloat (narrow.panel.y + narrow.panel.height, <=, narrow.plot.y);
  g_assert_cmpfloat (narrow.plot.height, >, 60.0);
}

static void
assert_curve_at (cairo_surface_t      *surface,
                 const GlmccCcgLayout *layout,
                 const GlmccCcgPlot   *data,
                 double                lag,
                 gboolean              full,
                 const GlmccPlotColor *color,
                 int                   radius)
{
  double slow, fit, x, y, distance;

  glmcc_ccg_plot_evaluate (data, lag, &slow, &fit);
  x = glmcc_plot_ccg_lag_to_x (layout, lag);
  y = glmcc_plot_ccg_value_to_y (layout, full ? fit : slow);
  distance = test_nearest_color (surface, x, y, radius, color);
  if (distance > 40.0)
    g_error ("no %s colour near lag %g (%g, %g): nearest is %g away",
             full ? "fit" : "slow", lag, x, y, distance);
}

static void
test_render_pixels (void)
{
  TestCcg ccg;
  GlmccPlotStyle style;
  GlmccCcgLayout layout;
  cairo_surface_t *surface;
  GlmccPlotColor c;
  double y0;
  guint checked = 0;

  test_ccg_init (&ccg);
  glmcc_plot_style_init_light (&style);
  surface = test_render_ccg (&ccg.plot, &style, W, H);
  glmcc_plot_ccg_get_layout (W, H, &ccg.plot, &style, &layout);

  /* Background in the corner. */
  test_pixel (surface, 1, 1, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 1.0);

  /* The full fit passes through its expected pixels where it stands apart from a(t): the
   * excitatory peak right after d, and the inhibitory dip before −d. */
  assert_curve_at (surface, &layout, &ccg.plot, 2.6, TRUE, &style.fit, 1);
  assert_curve_at (surface, &layout, &ccg.plot, 4.5, TRUE, &style.fit, 1);
  assert_curve_at (surface, &layout, &ccg.plot, 8.0, TRUE, &style.fit, 1);
  assert_curve_at (surface, &layout, &ccg.plot, -3.5, TRUE, &style.fit, 1);
  /* The slow part is dashed: look a dash length around. */
  assert_curve_at (surface, &layout, &ccg.plot, 4.5, FALSE, &style.slow, 6);
  assert_curve_at (surface, &layout, &ccg.plot, -30.0, FALSE, &style.slow, 6);

  /* Between a(t) and the fit after d: the excitatory fill (significant: clearly visible). */
  {
    double slow, fit, x;
    GlmccPlotColor fill;

    glmcc_ccg_plot_evaluate (&ccg.plot, 4.0, &slow, &fit);
    x = glmcc_plot_ccg_lag_to_x (&layout, 4.0);
    test_pixel (surface, (int) x, (int) glmcc_plot_ccg_value_to_y (&layout, (slow + fit) / 2), &fill);
    g_assert_cmpfloat (fill.red, >, fill.blue + 0.15);
  }

  /* Bars: at the foot of every non-empty bar, the bar colour; where the bar is empty, the
   * background. */
  y0 = glmcc_plot_ccg_value_to_y (&layout, 0.0);
  for (guint k = 0; k < TEST_N_BINS; k++)
    {
      double x = glmcc_plot_ccg_lag_to_x (&layout, -50.0 + k + 0.5);

      test_pixel (surface, (int) x, (int) y0 - 3, &c);
      if (ccg.counts[k] > 0)
        {
          g_assert_cmpfloat (test_color_distance (&c, &style.bar), <, 12.0);
          checked++;
        }
      else
        g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 30.0);
    }
  g_assert_cmpuint (checked, ==, TEST_N_BINS - 1);

  /* A bar's top is where its count says: bar colour just below, none well above. */
  {
    guint k = 70;
    double x = glmcc_plot_ccg_lag_to_x (&layout, -50.0 + k + 0.5);
    double top = glmcc_plot_ccg_value_to_y (&layout, ccg.counts[k]);

    test_pixel (surface, (int) x, (int) top + 3, &c);
    g_assert_cmpfloat (test_color_distance (&c, &style.bar), <, 12.0);
    test_pixel (surface, (int) x, (int) top - 12, &c);
    g_assert_cmpfloat (test_color_distance (&c, &style.bar), >, 12.0);
  }

  if (test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), "ccg-light.png", NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

/* A method's bands: the global band (the decision) drawn in the accent colour at its values
 * inside the tested lags only, the pointwise band shaded behind the bars, the legend naming
 * both, and the value axis reaching the highest band. */
static void
test_render_bands (void)
{
  TestCcg ccg;
  GlmccPlotStyle style;
  GlmccCcgLayout layout;
  cairo_surface_t *surface;
  double expected[TEST_N_BINS], lo[TEST_N_BINS], hi[TEST_N_BINS], glo[TEST_N_BINS], ghi[TEST_N_BINS];
  GlmccPlotColor c;
  double x;

  test_ccg_init (&ccg);
  for (guint k = 0; k < TEST_N_BINS; k++)
    {
      expected[k] = 45.0;
      lo[k] = 55.0;
      hi[k] = 75.0;
      /* Tested lags (1, 8]: bins 51 … 57. */
      glo[k] = k >= 51 && k < 58 ? 5.0 : (double) NAN;
      ghi[k] = k >= 51 && k < 58 ? 300.0 : (double) NAN;
    }
  ccg.plot.band_expected = expected;
  ccg.plot.band_pointwise_lo = lo;
  ccg.plot.band_pointwise_hi = hi;
  ccg.plot.band_global_lo = glo;
  ccg.plot.band_global_hi = ghi;
  ccg.plot.baseline = TRUE;
  ccg.plot.has_fit = FALSE;
  glmcc_plot_style_init_light (&style);
  glmcc_plot_ccg_get_layout (W, H, &ccg.plot, &style, &layout);
  /* The axis reaches the global band's 300, far above every bar. */
  g_assert_cmpfloat (layout.value_max, >=, 300.0);
  surface = test_render_ccg (&ccg.plot, &style, W, H);

  /* The global band's upper edge at 300 over the lags 1–8 ms, and nowhere else. */
  x = glmcc_plot_ccg_lag_to_x (&layout, 4.5);
  g_assert_cmpfloat (test_nearest_color (surface, x, glmcc_plot_ccg_value_to_y (&layout, 300.0), 2,
                                         &style.accent), <, 40.0);
  x = glmcc_plot_ccg_lag_to_x (&layout, -20.5);
  g_assert_cmpfloat (test_nearest_color (surface, x, glmcc_plot_ccg_value_to_y (&layout, 300.0), 2,
                                         &style.accent), >, 60.0);
  /* The pointwise band (55 to 75 lags, above the bars far from the peak) shades the background
   * in the accent's direction; above it, the background again. */
  x = glmcc_plot_ccg_lag_to_x (&layout, -30.5);
  test_pixel (surface, (int) x, (int) glmcc_plot_ccg_value_to_y (&layout, 65.0), &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), >, 10.0);
  g_assert_cmpfloat (test_color_distance (&c, &style.accent), <,
                     test_color_distance (&style.background, &style.accent));
  test_pixel (surface, (int) x, (int) glmcc_plot_ccg_value_to_y (&layout, 90.0), &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 12.0);

  if (test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), "ccg-bands.png", NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

static void
test_render_dark (void)
{
  TestCcg ccg;
  GlmccPlotStyle style;
  GlmccCcgLayout layout;
  cairo_surface_t *surface;
  GlmccPlotColor c;
  double axis_x;

  test_ccg_init (&ccg);
  glmcc_plot_style_init_dark (&style);
  surface = test_render_ccg (&ccg.plot, &style, W, H);
  glmcc_plot_ccg_get_layout (W, H, &ccg.plot, &style, &layout);

  test_pixel (surface, 1, 1, &c);
  g_assert_cmpfloat (test_luminance (&c), <, 0.2);
  test_pixel (surface, W - 2, H - 2, &c);
  g_assert_cmpfloat (test_luminance (&c), <, 0.2);
  /* The axis line is drawn in the light foreground. */
  axis_x = glmcc_plot_snap (layout.plot.x, 1.0);
  test_pixel (surface, (int) floor (axis_x), (int) (layout.plot.y + layout.plot.height / 2), &c);
  g_assert_cmpfloat (test_luminance (&c), >, 0.7);
  assert_curve_at (surface, &layout, &ccg.plot, 4.5, TRUE, &style.fit, 1);

  if (test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), "ccg-dark.png", NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

static void
test_render_excluded_and_rate (void)
{
  TestCcg ccg;
  GlmccPlotStyle style;
  GlmccCcgLayout layout;
  cairo_surface_t *surface;
  GlmccPlotColor c, inside, outside;
  int y;

  test_ccg_init (&ccg);
  ccg.plot.exclude_center_ms = 1.0;
  ccg.counts[49] = ccg.counts[50] = 0.0;
  ccg.plot.unit = GLMCC_PLOT_UNIT_RATE;
  glmcc_plot_style_init_light (&style);
  surface = test_render_ccg (&ccg.plot, &style, W, H);
  glmcc_plot_ccg_get_layout (W, H, &ccg.plot, &style, &layout);

  /* The value axis is in Hz: it must reach the largest rate, not the largest count. */
  g_assert_cmpfloat (layout.value_max, >=, glmcc_ccg_plot_bar_value (&ccg.plot, 52));
  g_assert_cmpfloat (layout.value_max, <, 60.0);

  /* The excluded centre is shaded: greyer than the open background at the same height. */
  y = (int) (layout.plot.y + 6);
  test_pixel (surface, (int) glmcc_plot_ccg_lag_to_x (&layout, 0.0), y, &inside);
  test_pixel (surface, (int) glmcc_plot_ccg_lag_to_x (&layout, -25.0), y, &outside);
  g_assert_cmpfloat (test_color_distance (&outside, &style.background), <, 5.0);
  g_assert_cmpfloat (test_color_distance (&inside, &style.background), >, 10.0);

  test_pixel (surface, 0, 0, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 1.0);

  if (test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), "ccg-rate-excluded.png", NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

static void
test_hit (void)
{
  TestCcg ccg;
  GlmccCcgLayout layout;
  GlmccCcgHit hit;
  double y, slow, fit;

  test_ccg_init (&ccg);
  glmcc_plot_ccg_get_layout (W, H, &ccg.plot, NULL, &layout);
  y = layout.plot.y + layout.plot.height / 2;

  g_assert_true (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, glmcc_plot_ccg_lag_to_x (&layout, 2.5), y, &hit));
  g_assert_cmpuint (hit.bin, ==, 52);
  g_assert_cmpfloat_with_epsilon (hit.bin_start, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (hit.bin_end, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (hit.lag_ms, 2.5, 1e-9);
  g_assert_cmpfloat (hit.raw_count, ==, ccg.counts[52]);
  g_assert_cmpfloat (hit.count, ==, ccg.counts[52]);
  g_assert_true (hit.has_fit);
  glmcc_ccg_plot_evaluate (&ccg.plot, hit.lag_ms, &slow, &fit);
  g_assert_cmpfloat_with_epsilon (hit.fit, fit, 1e-9);
  g_assert_cmpfloat_with_epsilon (hit.slow, slow, 1e-9);
  g_assert_cmpfloat (hit.fit, >, hit.slow);

  /* Bins are (a, b]: a lag on an edge belongs to the bin on its left. */
  g_assert_true (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, glmcc_plot_ccg_lag_to_x (&layout, 2.0), y, &hit));
  g_assert_cmpuint (hit.bin, ==, 51);
  /* The ends of the axis. */
  g_assert_true (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, layout.plot.x, y, &hit));
  g_assert_cmpuint (hit.bin, ==, 0);
  g_assert_true (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, layout.plot.x + layout.plot.width, y, &hit));
  g_assert_cmpuint (hit.bin, ==, 99);

  /* Outside the plot area: nothing. */
  g_assert_false (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, layout.plot.x - 5, y, &hit));
  g_assert_false (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, W / 2, 2, &hit));
  g_assert_false (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, W - 3, y, &hit));

  /* Without a fit the readout has the bar only. */
  ccg.plot.has_fit = FALSE;
  g_assert_true (glmcc_plot_ccg_hit_test (W, H, &ccg.plot, NULL, glmcc_plot_ccg_lag_to_x (&layout, -20.5), y, &hit));
  g_assert_false (hit.has_fit);
  g_assert_cmpfloat (hit.count, ==, ccg.counts[29]);
}

static void
test_degenerate (void)
{
  TestCcg ccg;
  GlmccCcgPlot empty;
  cairo_surface_t *surface;
  GlmccPlotColor c;
  double nan_counts[TEST_N_BINS];
  int sizes[][2] = { { 720, 480 }, { 300, 200 }, { 40, 30 }, { 1, 1 } };

  /* No data at all: axes and text, no crash. */
  glmcc_ccg_plot_init (&empty);
  surface = test_render_ccg (&empty, NULL, 400, 300);
  test_pixel (surface, 0, 0, &c);
  g_assert_cmpfloat (c.alpha, ==, 1.0);
  cairo_surface_destroy (surface);

  /* Any size, with and without a fit. */
  test_ccg_init (&ccg);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      surface = test_render_ccg (&ccg.plot, NULL, sizes[i][0], sizes[i][1]);
      cairo_surface_destroy (surface);
    }
  ccg.plot.has_fit = FALSE;
  ccg.plot.forward.status = NULL;
  ccg.plot.backward.status = NULL;
  surface = test_render_ccg (&ccg.plot, NULL, 720, 480);
  cairo_surface_destroy (surface);

  /* Non-finite counts and an all-zero correlogram draw an empty frame. */
  for (guint k = 0; k < TEST_N_BINS; k++)
    nan_counts[k] = k % 2 ? (double) NAN : 0.0;
  ccg.plot.counts = nan_counts;
  surface = test_render_ccg (&ccg.plot, NULL, 720, 480);
  cairo_surface_destroy (surface);

  /* A delay of 0 and a fit with a non-finite J. */
  test_ccg_init (&ccg);
  ccg.plot.delay_ms = 0.0;
  ccg.plot.j_minus = NAN;
  surface = test_render_ccg (&ccg.plot, NULL, 720, 480);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/ticks/nice-step", test_nice_step);
  g_test_add_func ("/plot/ticks/nice-ticks", test_nice_ticks);
  g_test_add_func ("/plot/ticks/format", test_format_tick);
  g_test_add_func ("/plot/ticks/format-value", test_format_value);
  g_test_add_func ("/plot/style/defaults", test_style_defaults);
  g_test_add_func ("/plot/ccg/evaluate", test_evaluate);
  g_test_add_func ("/plot/ccg/layout", test_layout);
  g_test_add_func ("/plot/ccg/render-pixels", test_render_pixels);
  g_test_add_func ("/plot/ccg/render-dark", test_render_dark);
  g_test_add_func ("/plot/ccg/render-bands", test_render_bands);
  g_test_add_func ("/plot/ccg/render-excluded-rate", test_render_excluded_and_rate);
  g_test_add_func ("/plot/ccg/hit-test", test_hit);
  g_test_add_func ("/plot/ccg/degenerate", test_degenerate);

  return g_test_run ();
}
