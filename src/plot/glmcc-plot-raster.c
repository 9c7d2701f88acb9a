/* glmcc-plot-raster.c: antialiased lines straight into pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo strokes each line through a general polygon rasteriser, about 0.1 ms per curve: 30,000
 * connections take seconds. A network's connections are thin, flat-coloured lines, which a
 * column-by-column scan draws exactly enough: at each pixel column (or row, for steep lines)
 * the line's cross-section is an interval whose overlap with each pixel is its coverage.
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <string.h>


#include "glmcc-plot-private.h"

GlmccRaster *
glmcc_raster_new (int                   width,
                  int                   height,
                  guint                 n_planes,
                  const GlmccPlotColor *colors)
{
  GlmccRaster *raster = g_new0 (GlmccRaster, 1);
  gsize n;

  raster->width = MAX (width, 1);
  raster->height = MAX (height, 1);
  raster->n_planes = CLAMP (n_planes, 1u, (guint) GLMCC_RASTER_MAX_PLANES);
  for (guint p = 0; p < raster->n_planes; p++)
    raster->colors[p] = colors[p];
  n = (gsize) raster->width * raster->height * raster->n_planes;
  raster->planes = g_new (guint16, n);
  for (gsize k = 0; k < n; k++)
    raster->planes[k] = G_MAXUINT16;
  return raster;
}

void
glmcc_raster_free (GlmccRaster *raster)
{
  if (raster == NULL)
    return;
  g_free (raster->planes);
  g_free (raster);
}

/* Lets 1 − opacity · coverage of the light through (16-bit fixed point). */
static inline void
attenuate (guint16 *t,
           guint32  opacity,
           float    coverage)
{
  guint32 through = 65535u - ((opacity * (guint32) (coverage * 65536.0f)) >> 16);

  *t = (guint16) ((*t * through + 32767u) >> 16);
}

/* The cross-section [lo, hi] of one column (or row) @t: every pixel along the minor axis,
 * @step apart, of which there are @limit, gets its overlap with it. */
static inline void
cover_span (guint16 *t,
            gsize    step,
            int      limit,
            float    lo,
            float    hi,
            guint32  opacity)
{
  int first = (int) floorf (lo), last = (int) floorf (hi);

  if (last < 0 || first >= limit)
    return;
  if (first == last)
    {
      attenuate (t + (gsize) first * step, opacity, hi - lo);
      return;
    }
  if (first >= 0)
    attenuate (t + (gsize) first * step, opacity, (float) (first + 1) - lo);
  for (int m = MAX (first + 1, 0); m < MIN (last, limit); m++)
    attenuate (t + (gsize) m * step, opacity, 1.0f);
  if (last < limit && hi > (float) last)
    attenuate (t + (gsize) last * step, opacity, hi - (float) last);
}

void
glmcc_raster_line (GlmccRaster *raster,
                   double       x0,
                   double       y0,
                   double       x1,
                   double       y1,
                   double       width,
                   guint        plane,
                   double       alpha)
{
  double dx = x1 - x0, dy = y1 - y0;
  gboolean x_major = fabs (dx) >= fabs (dy);
  double a0, a1, b0, slope, half;
  float centre, fslope, fhalf;
  int first, last, major_limit, minor_limit;
  gsize major_step, minor_step, planes = raster->n_planes;
  guint32 opacity;

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1) || !(width > 0.0)
      || plane >= raster->n_planes)
    return;
  opacity = (guint32) lround (CLAMP (alpha * raster->colors[plane].alpha, 0.0, 1.0) * 65535.0);
  if (opacity == 0)
    return;

  /* Walk along the major axis: a the major coordinate, b the minor one. */
  if (x_major)
    {
      a0 = x0; a1 = x1; b0 = y0;
      slope = dx != 0.0 ? dy / dx : 0.0;
      major_limit = raster->width;
      minor_limit = raster->height;
      major_step = planes;
      minor_step = (gsize) raster->width * planes;
    }
  else
    {
      a0 = y0; a1 = y1; b0 = x0;
      slope = dx / dy;
      major_limit = raster->height;
      minor_limit = raster->width;
      major_step = (gsize) raster->width * planes;
      minor_step = planes;
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
  first = MAX (first, 0);
  last = MIN (last, major_limit - 1);
  if (first > last)
    return;
  centre = (float) (b0 + (first + 0.5 - a0) * slope);
  fslope = (float) slope;
  fhalf = (float) half;
  for (int m = first; m <= last; m++, centre += fslope)
    cover_span (raster->planes + (gsize) m * major_step + plane, minor_step, minor_limit,
                centre - fhalf, centre + fhalf, opacity);
}

void
glmcc_raster_quad (GlmccRaster  *raster,
                   const double  g[6],
                   double        width,
                   guint         plane,
                   double        alpha)
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

      glmcc_raster_line (raster, px, py, qx, qy, width, plane, alpha);
      px = qx;
      py = qy;
    }
}

/* −ln (t / 65535) for every 16-bit transmittance: the optical depth, looked up. */
static const float *
depth_table (void)
{
  static float *table;

  if (g_once_init_enter (&table))
    {
      float *t = g_new (float, 65536);

      t[0] = (float) -log (0.5 / 65535.0);
      for (guint k = 1; k < 65536; k++)
        t[k] = (float) -log (k / 65535.0);
      g_once_init_leave (&table, t);
    }
  return table;
}

static inline guint32
to_byte (float v)
{
  return (guint32) CLAMP ((int) (v * 255.0f + 0.5f), 0, 255);
}

cairo_surface_t *
glmcc_raster_to_surface (GlmccRaster *raster)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, raster->width, raster->height);
  const float *depth = depth_table ();
  unsigned char *data;
  int stride;
  guint planes = raster->n_planes;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < raster->height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      const guint16 *t = raster->planes + (gsize) y * raster->width * planes;

      for (int x = 0; x < raster->width; x++, t += planes)
        {
          float through = 1.0f, total = 0.0f, r = 0.0f, g = 0.0f, b = 0.0f, a;

          for (guint p = 0; p < planes; p++)
            if (t[p] != G_MAXUINT16)
              {
                float d = depth[t[p]];

                through *= t[p] / 65535.0f;
                total += d;
                r += d * (float) raster->colors[p].red;
                g += d * (float) raster->colors[p].green;
                b += d * (float) raster->colors[p].blue;
              }
          if (total <= 0.0f)
            {
              row[x] = 0;
              continue;
            }
          /* Premultiplied: the mixed colour times the opacity. */
          a = 1.0f - through;
          row[x] = (to_byte (a) << 24) | (to_byte (r / total * a) << 16) | (to_byte (g / total * a) << 8)
                   | to_byte (b / total * a);
        }
    }
  cairo_surface_mark_dirty (image);
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
