/* plot-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "plot-test-util.h"

void
test_ccg_init (TestCcg *ccg)
{
  GlmccCcgPlot *p = &ccg->plot;

  glmcc_ccg_plot_init (p);
  p->n_bins = TEST_N_BINS;
  p->window_ms = 50.0;
  p->bin_ms = 1.0;
  p->counts = ccg->counts;
  p->a = ccg->a;
  p->has_fit = TRUE;
  p->n_ref_spikes = 5000.0;
  p->j_plus = 1.2;
  p->j_minus = -0.6;
  p->delay_ms = 2.0;
  p->tau_ms = 4.0;
  p->ref_name = "cell9";
  p->target_name = "cell4";
  p->subtitle = "synthetic test data";

  for (guint k = 0; k < TEST_N_BINS; k++)
    {
      double t = -50.0 + k + 0.5;

      /* A slow bump, in lags per ms. */
      ccg->a[k] = log (40.0 + 15.0 * exp (-(t / 20.0) * (t / 20.0)));
    }
  for (guint k = 0; k < TEST_N_BINS; k++)
    {
      double t = -50.0 + k + 0.5;
      double fit;
      /* A deterministic jitter: ±15 %. */
      double jitter = 0.15 * sin (k * 2.399963);

      glmcc_ccg_plot_evaluate (p, t, NULL, &fit);
      ccg->counts[k] = round (fit * (1.0 + jitter));
    }
  ccg->counts[10] = 0.0;

  p->forward.status = "significant";
  p->forward.significant = TRUE;
  p->forward.j = p->j_plus;
  p->forward.psp_mv = 2.532 * p->j_plus;
  p->forward.threshold = 0.45;
  p->forward.delay_ms = 2.0;
  p->backward.status = "not significant";
  p->backward.significant = FALSE;
  p->backward.j = p->j_minus;
  p->backward.psp_mv = 0.0;
  p->backward.threshold = 0.71;
  p->backward.delay_ms = 2.0;
}

cairo_surface_t *
test_render_ccg (const GlmccCcgPlot   *data,
                 const GlmccPlotStyle *style,
                 int                   width,
                 int                   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  glmcc_plot_ccg (cr, width, height, data, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

void
test_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            GlmccPlotColor  *color)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;
  double a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  pixel = *(guint32 *) (gpointer) (data + (gsize) y * stride + (gsize) x * 4);
  a = ((pixel >> 24) & 0xff) / 255.0;
  color->alpha = a;
  if (a == 0.0)
    {
      color->red = color->green = color->blue = 0.0;
      return;
    }
  color->red = ((pixel >> 16) & 0xff) / 255.0 / a;
  color->green = ((pixel >> 8) & 0xff) / 255.0 / a;
  color->blue = (pixel & 0xff) / 255.0 / a;
}

double
test_color_distance (const GlmccPlotColor *a,
                     const GlmccPlotColor *b)
{
  double dr = 255.0 * (a->red - b->red);
  double dg = 255.0 * (a->green - b->green);
  double db = 255.0 * (a->blue - b->blue);

  return sqrt (dr * dr + dg * dg + db * db);
}

double
test_nearest_color (cairo_surface_t      *surface,
                    double                x,
                    double                y,
                    int                   radius,
                    const GlmccPlotColor *color)
{
  int cx = (int) floor (x), cy = (int) floor (y);
  double best = G_MAXDOUBLE;

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        GlmccPlotColor c;

        if (cx + dx < 0 || cy + dy < 0
            || cx + dx >= cairo_image_surface_get_width (surface)
            || cy + dy >= cairo_image_surface_get_height (surface))
          continue;
        test_pixel (surface, cx + dx, cy + dy, &c);
        best = MIN (best, test_color_distance (&c, color));
      }
  return best;
}

double
test_luminance (const GlmccPlotColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

char *
test_tmpdir_new (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("glmcc-plot-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_tmpdir_free (char *dir)
{
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle != NULL)
    {
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      g_dir_close (handle);
    }
  g_rmdir (dir);
  g_free (dir);
}

const char *
test_output_dir (void)
{
  const char *dir = g_getenv ("GLMCC_PLOT_OUTPUT_DIR");

  if (dir != NULL && dir[0] != '\0')
    {
      g_mkdir_with_parents (dir, 0755);
      return dir;
    }
  return NULL;
}
