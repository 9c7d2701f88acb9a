/* glmcc-plot-raster.c: antialiased lines straight into pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo strokes each line through a general polygon rasteriser, about 0.1 ms per curve: 30,000
 * connections take seconds. A network's connections are thin, flat-coloured lines, which a
 * column-by-column scan draws exactly enough: at each pixel column (or row, for steep lines)
 * the line's cross-section is an interval whose overlap with each pixel is its coverage. The
 * result is composited OVER like cairo would, into a float buffer that becomes one image.
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <string.h>


#include "glmcc-plot-private.h"

GlmccRaster *
glmcc_raster_new (int width,
                  int height)
{
  GlmccRaster *raster = g_new0 (GlmccRaster, 1);

  raster->width = MAX (width, 1);
  raster->height = MAX (height, 1);
  raster->pixels = g_new0 (float, (gsize) raster->width * raster->height * 4);
  return raster;
}

void
glmcc_raster_free (GlmccRaster *raster)
{
  if (raster == NULL)
    return;
  g_free (raster->pixels);
  g_free (raster);
}

static inline void
blend (float       *p,
       const float  src[4],
       float        coverage)
{
  float keep = 1.0f - src[3] * coverage;

  p[0] = src[0] * coverage + p[0] * keep;
  p[1] = src[1] * coverage + p[1] * keep;
  p[2] = src[2] * coverage + p[2] * keep;
  p[3] = src[3] * coverage + p[3] * keep;
}

/* Covers the cross-section [c − h/2, c + h/2] of one column (or row) @major: pixels along the
 * minor axis get their overlap with it. */
static inline void
cover_span (GlmccRaster *raster,
            gboolean     x_major,
            int          major,
            double       centre,
            double       half,
            const float  src[4])
{
  double lo = centre - half, hi = centre + half;
  int first = (int) floor (lo), last = (int) floor (hi);
  int limit = x_major ? raster->height : raster->width;

  if (major < 0 || major >= (x_major ? raster->width : raster->height))
    return;
  first = MAX (first, 0);
  last = MIN (last, limit - 1);
  for (int m = first; m <= last; m++)
    {
      double coverage = MIN (hi, m + 1.0) - MAX (lo, (double) m);
      float *p;

      if (coverage <= 0.0)
        continue;
      p = x_major ? raster->pixels + ((gsize) m * raster->width + major) * 4
                  : raster->pixels + ((gsize) major * raster->width + m) * 4;
      blend (p, src, (float) MIN (coverage, 1.0));
    }
}

void
glmcc_raster_line (GlmccRaster          *raster,
                   double                x0,
                   double                y0,
                   double                x1,
                   double                y1,
                   double                width,
                   const GlmccPlotColor *color,
                   double                alpha)
{
  double dx = x1 - x0, dy = y1 - y0;
  gboolean x_major = fabs (dx) >= fabs (dy);
  double a0, a1, b0, slope, half;
  float src[4];
  int first, last;

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1) || !(width > 0.0))
    return;
  alpha *= color->alpha;
  src[3] = (float) CLAMP (alpha, 0.0, 1.0);
  src[0] = (float) color->red * src[3];
  src[1] = (float) color->green * src[3];
  src[2] = (float) color->blue * src[3];

  /* Walk along the major axis: a the major coordinate, b the minor one. */
  if (x_major)
    {
      a0 = x0; a1 = x1; b0 = y0;
      slope = dx != 0.0 ? dy / dx : 0.0;
    }
  else
    {
      a0 = y0; a1 = y1; b0 = x0;
      slope = dx / dy;
    }
  /* The cross-section along the minor axis is the width divided by the cosine of the angle. */
  half = 0.5 * width * sqrt (1.0 + slope * slope);
  if (a1 < a0)
    {
      /* Columns from the lower end, still leaving out the one at the line's end (x1, y1). */
      first = (int) floor (a1 - 0.5) + 1;
      last = (int) floor (a0 - 0.5);
    }
  else
    {
      first = (int) ceil (a0 - 0.5);
      last = (int) ceil (a1 - 0.5) - 1;
    }
  /* Only what can land on the raster. */
  first = MAX (first, -1);
  last = MIN (last, (x_major ? raster->width : raster->height));
  for (int m = first; m <= last; m++)
    {
      double centre = b0 + (m + 0.5 - a0) * slope;

      cover_span (raster, x_major, m, centre, half, src);
    }
}

void
glmcc_raster_quad (GlmccRaster          *raster,
                   const double          g[6],
                   double                width,
                   const GlmccPlotColor *color,
                   double                alpha)
{
  /* Enough segments that the chord error stays below a quarter pixel. */
  double len = hypot (g[2] - g[0], g[3] - g[1]) + hypot (g[4] - g[2], g[5] - g[3]);
  double bow = hypot (g[2] - 0.5 * (g[0] + g[4]), g[3] - 0.5 * (g[1] + g[5]));
  int segments = (int) CLAMP (ceil (sqrt (bow / 0.25) * 0.6), 1.0, 48.0);
  double px = g[0], py = g[1];

  if (len < 0.5)
    return;
  for (int s = 1; s <= segments; s++)
    {
      double t = (double) s / segments, u = 1.0 - t;
      double qx = u * u * g[0] + 2 * u * t * g[2] + t * t * g[4];
      double qy = u * u * g[1] + 2 * u * t * g[3] + t * t * g[5];

      glmcc_raster_line (raster, px, py, qx, qy, width, color, alpha);
      px = qx;
      py = qy;
    }
}

static inline guint8
to_byte (float v)
{
  return (guint8) CLAMP (lrintf (v * 255.0f), 0, 255);
}

void
glmcc_raster_composite (GlmccRaster     *raster,
                        cairo_surface_t *image)
{
  unsigned char *data;
  int stride, w, h;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  w = MIN (raster->width, cairo_image_surface_get_width (image));
  h = MIN (raster->height, cairo_image_surface_get_height (image));
  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      const float *p = raster->pixels + (gsize) y * raster->width * 4;

      for (int x = 0; x < w; x++, p += 4)
        {
          guint32 d;
          float keep, a, r, g, b;

          if (p[3] <= 0.0f)
            continue;
          d = row[x];
          keep = 1.0f - p[3];
          a = p[3] + ((d >> 24) & 0xff) / 255.0f * keep;
          r = p[0] + ((d >> 16) & 0xff) / 255.0f * keep;
          g = p[1] + ((d >> 8) & 0xff) / 255.0f * keep;
          b = p[2] + (d & 0xff) / 255.0f * keep;
          row[x] = ((guint32) to_byte (a) << 24) | ((guint32) to_byte (r) << 16)
                   | ((guint32) to_byte (g) << 8) | to_byte (b);
        }
    }
  cairo_surface_mark_dirty (image);
}

cairo_surface_t *
glmcc_raster_to_surface (GlmccRaster *raster)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, raster->width, raster->height);

  glmcc_raster_composite (raster, image);
  return image;
}

gboolean
glmcc_plot_raster_target (cairo_t *cr,
                          double  *scale,
                          double  *offset_x,
                          double  *offset_y)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx = 1.0, sy = 1.0;
  cairo_surface_type_t type = cairo_surface_get_type (target);

  /* Vector files get real strokes. */
  if (type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_PS || type == CAIRO_SURFACE_TYPE_SVG
      || type == CAIRO_SURFACE_TYPE_SCRIPT)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xy != 0.0 || m.yx != 0.0 || !(m.xx > 0.0) || fabs (m.xx * sx - m.yy * sy) > 1e-9 * m.xx * sx)
    return FALSE;
  /* Pixels of the target: the matrix, then the surface's own device scale. */
  *scale = m.xx * sx;
  *offset_x = m.x0 * sx;
  *offset_y = m.y0 * sy;
  return TRUE;
}

void
glmcc_plot_paint_pixels (cairo_t         *cr,
                         cairo_surface_t *image,
                         double           px,
                         double           py)
{
  double sx = 1.0, sy = 1.0;

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  cairo_surface_set_device_scale (image, sx, sy);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, image, px / sx, py / sy);
  cairo_paint (cr);
  cairo_restore (cr);
}
