/* glmcc-plot-export.c: one drawing function, written to PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-plot-private.h"
#include "glmcc-i18n.h"

/* Largest raster we agree to allocate (pixels per side). */
#define MAX_PIXELS 20000.0

GlmccPlotFormat
glmcc_plot_format_from_path (const char *path)
{
  const char *dot;

  if (path == NULL)
    return GLMCC_PLOT_FORMAT_AUTO;
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return GLMCC_PLOT_FORMAT_AUTO;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return GLMCC_PLOT_FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return GLMCC_PLOT_FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return GLMCC_PLOT_FORMAT_PDF;
  return GLMCC_PLOT_FORMAT_AUTO;
}

typedef struct
{
  FILE *file;
  int   saved_errno;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (length > 0 && fwrite (data, 1, length, sink->file) != length)
    {
      sink->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
io_error (GError    **error,
          const char *path,
          int         saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: could not write the figure: %s"),
               display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
glmcc_plot_export (const char        *path,
                   GlmccPlotFormat    format,
                   double             width_pt,
                   double             height_pt,
                   double             dpi,
                   GlmccPlotDrawFunc  draw,
                   gpointer           user_data,
                   GError           **error)
{
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  Sink sink = { NULL, 0 };
  double scale = 1.0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == GLMCC_PLOT_FORMAT_AUTO)
    format = glmcc_plot_format_from_path (path);
  if (format == GLMCC_PLOT_FORMAT_AUTO)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: unknown figure format; use a .png, .svg or .pdf file name"), display);
      return FALSE;
    }
  if (!(width_pt > 0.0) || !(height_pt > 0.0) || !isfinite (width_pt) || !isfinite (height_pt))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                   _("figure size %g × %g pt must be positive"), width_pt, height_pt);
      return FALSE;
    }
  if (format == GLMCC_PLOT_FORMAT_PNG)
    {
      if (!(dpi > 0.0) || !isfinite (dpi))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                       _("resolution %g dpi must be positive"), dpi);
          return FALSE;
        }
      scale = dpi / 72.0;
      if (ceil (width_pt * scale) > MAX_PIXELS || ceil (height_pt * scale) > MAX_PIXELS)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS,
                       _("a %g × %g pt figure at %g dpi exceeds %.0f pixels per side"),
                       width_pt, height_pt, dpi, MAX_PIXELS);
          return FALSE;
        }
    }

  sink.file = g_fopen (path, "wb");
  if (sink.file == NULL)
    return io_error (error, path, errno);

  switch (format)
    {
    case GLMCC_PLOT_FORMAT_PNG:
      /* 480 pt at 150 dpi is 1000 px, not 1001: forgive the rounding of dpi / 72. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) MAX (1.0, ceil (width_pt * scale - 1e-6)),
                                            (int) MAX (1.0, ceil (height_pt * scale - 1e-6)));
      break;
    case GLMCC_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, width_pt, height_pt);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;
    case GLMCC_PLOT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, width_pt, height_pt);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "GLMCC Studio");
      break;
    case GLMCC_PLOT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  draw (cr, width_pt, height_pt, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == GLMCC_PLOT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fclose (sink.file) != 0 && sink.saved_errno == 0)
    sink.saved_errno = errno;
  if (sink.saved_errno != 0)
    {
      g_unlink (path);
      return io_error (error, path, sink.saved_errno);
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (path);
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: could not draw the figure: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const void           *data;
  const GlmccPlotStyle *style;
  const GlmccPlotView  *view;
} Figure;

static void
draw_ccg (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  Figure *figure = user_data;

  glmcc_plot_ccg (cr, width, height, figure->data, figure->style);
}

static void
draw_matrix (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  Figure *figure = user_data;

  glmcc_plot_matrix_draw (cr, width, height, figure->data, figure->style, figure->view, NULL);
}

static void
draw_network (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  Figure *figure = user_data;

  glmcc_plot_network_draw (cr, width, height, figure->data, figure->style, figure->view, NULL);
}

static void
draw_score (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  Figure *figure = user_data;

  glmcc_plot_score (cr, width, height, figure->data, figure->style);
}

gboolean
glmcc_plot_export_score (const char           *path,
                         GlmccPlotFormat       format,
                         double                width_pt,
                         double                height_pt,
                         double                dpi,
                         const GlmccScorePlot *data,
                         const GlmccPlotStyle *style,
                         GError              **error)
{
  Figure figure = { data, style, NULL };

  return glmcc_plot_export (path, format, width_pt, height_pt, dpi, draw_score, &figure, error);
}

static void
draw_plan (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  Figure *figure = user_data;

  glmcc_plot_plan (cr, width, height, figure->data, figure->style);
}

gboolean
glmcc_plot_export_plan (const char           *path,
                        GlmccPlotFormat       format,
                        double                width_pt,
                        double                height_pt,
                        double                dpi,
                        const GlmccPlanPlot  *data,
                        const GlmccPlotStyle *style,
                        GError              **error)
{
  Figure figure = { data, style, NULL };

  return glmcc_plot_export (path, format, width_pt, height_pt, dpi, draw_plan, &figure, error);
}

gboolean
glmcc_plot_export_ccg (const char           *path,
                       GlmccPlotFormat       format,
                       double                width_pt,
                       double                height_pt,
                       double                dpi,
                       const GlmccCcgPlot   *data,
                       const GlmccPlotStyle *style,
                       GError              **error)
{
  Figure figure = { data, style, NULL };

  return glmcc_plot_export (path, format, width_pt, height_pt, dpi, draw_ccg, &figure, error);
}

gboolean
glmcc_plot_export_matrix (const char             *path,
                          GlmccPlotFormat         format,
                          double                  width_pt,
                          double                  height_pt,
                          double                  dpi,
                          const GlmccNetworkPlot *data,
                          const GlmccPlotStyle   *style,
                          GError                **error)
{
  Figure figure = { data, style, NULL };

  return glmcc_plot_export (path, format, width_pt, height_pt, dpi, draw_matrix, &figure, error);
}

gboolean
glmcc_plot_export_network (const char             *path,
                           GlmccPlotFormat         format,
                           double                  width_pt,
                           double                  height_pt,
                           double                  dpi,
                           const GlmccNetworkPlot *data,
                           const GlmccPlotStyle   *style,
                           GError                **error)
{
  Figure figure = { data, style, NULL };

  return glmcc_plot_export (path, format, width_pt, height_pt, dpi, draw_network, &figure, error);
}

gboolean
glmcc_plot_export_view (const char             *path,
                        GlmccPlotFormat         format,
                        double                  width_pt,
                        double                  height_pt,
                        double                  dpi,
                        GlmccPlotFigure         kind,
                        const GlmccNetworkPlot *data,
                        const GlmccPlotStyle   *style,
                        const GlmccPlotView    *view,
                        GError                **error)
{
  Figure figure = { data, style, view };

  return glmcc_plot_export (path, format, width_pt, height_pt, dpi,
                            kind == GLMCC_PLOT_FIGURE_MATRIX ? draw_matrix : draw_network, &figure, error);
}
