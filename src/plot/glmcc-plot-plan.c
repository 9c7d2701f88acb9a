/* glmcc-plot-plan.c: the recording time a connection needs against its size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>

#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"

typedef struct
{
  GlmccPlotRect area;
  double        log_x_min, log_x_max, log_y_min, log_y_max;   /* log10 */
} Axes;

static double
axes_x (const Axes *a,
        double      psp)
{
  return a->area.x + (log10 (psp) - a->log_x_min) / (a->log_x_max - a->log_x_min) * a->area.width;
}

static double
axes_y (const Axes *a,
        double      seconds)
{
  return a->area.y + a->area.height
         - (log10 (seconds) - a->log_y_min) / (a->log_y_max - a->log_y_min) * a->area.height;
}

static void
trace (cairo_t             *cr,
       const Axes          *a,
       const GlmccPlanPlot *data,
       const double        *times)
{
  gboolean started = FALSE;

  for (guint i = 0; i < data->n_points; i++)
    {
      if (!(times[i] > 0.0) || !isfinite (times[i]) || !(data->psp_mv[i] > 0.0))
        {
          started = FALSE;
          continue;
        }
      if (started)
        cairo_line_to (cr, axes_x (a, data->psp_mv[i]), axes_y (a, times[i]));
      else
        cairo_move_to (cr, axes_x (a, data->psp_mv[i]), axes_y (a, times[i]));
      started = TRUE;
    }
}

/* "100 s", "0.1 mV": a power of ten in plain digits. */
static char *
format_power (int    exponent,
              const char *unit)
{
  g_autofree char *number = glmcc_plot_format_compact (pow (10.0, exponent));

  if (exponent >= 4)
    return g_strdup_printf ("10%s %s", exponent == 4 ? "\xe2\x81\xb4" : exponent == 5 ? "\xe2\x81\xb5"
                            : exponent == 6 ? "\xe2\x81\xb6" : exponent == 7 ? "\xe2\x81\xb7"
                            : exponent == 8 ? "\xe2\x81\xb8" : "\xe2\x81\xb9", unit);
  return g_strdup_printf ("%s %s", number, unit);
}

void
glmcc_plot_plan (cairo_t             *cr,
                 double               width,
                 double               height,
                 const GlmccPlanPlot *data,
                 const GlmccPlotStyle *style)
{
  GlmccPlotStyle storage;
  double fs, pad, top, lo_t = INFINITY, hi_t = 0.0;
  Axes a;
  static const struct { double seconds; const char *label; } guides[] = {
    { 60.0, N_("1 min") }, { 3600.0, N_("1 h") }, { 86400.0, N_("1 day") }, { 7 * 86400.0, N_("1 week") },
  };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  fs = style->font_size;
  pad = 1.1 * fs;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, width, height, style);

  top = pad;
  if (data->title != NULL)
    {
      glmcc_plot_text_fit (cr, style, &style->foreground, data->title, pad, top, width - 2 * pad, 1.25, TRUE);
      top += 1.25 * fs * GLMCC_PLOT_LINE_HEIGHT;
    }
  if (data->subtitle != NULL)
    {
      glmcc_plot_text_fit (cr, style, &style->muted, data->subtitle, pad, top, width - 2 * pad, 0.9, FALSE);
      top += 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
    }
  top += 0.8 * fs;

  a.area = (GlmccPlotRect) { pad + 4.2 * fs, top, width - 2 * pad - 4.2 * fs - 4.0 * fs,
                             height - top - pad - 4.4 * fs };
  if (a.area.width < 4 * fs || a.area.height < 4 * fs || data->n_points == 0)
    {
      glmcc_plot_text (cr, style, &style->muted, data->n_points == 0 ? _("nothing to plan") : _("too small to draw"),
                       width / 2.0, height / 2.0, 0.5, 0.5, 1.0, FALSE, 0.0);
      cairo_restore (cr);
      return;
    }
  /* Decades covering the PSPs and every finite time (and the recording). */
  for (guint i = 0; i < data->n_points; i++)
    {
      const double *curves[] = { data->time_excitatory_s, data->time_inhibitory_s,
                                 data->time_even_excitatory_s, data->time_even_inhibitory_s };

      for (guint c = 0; c < G_N_ELEMENTS (curves); c++)
        if (curves[c] != NULL && curves[c][i] > 0.0 && isfinite (curves[c][i]))
          {
            lo_t = MIN (lo_t, curves[c][i]);
            hi_t = MAX (hi_t, curves[c][i]);
          }
    }
  if (data->recording_s > 0.0)
    {
      lo_t = MIN (lo_t, data->recording_s);
      hi_t = MAX (hi_t, data->recording_s);
    }
  if (!(hi_t > 0.0))
    lo_t = hi_t = 1.0;
  a.log_x_min = floor (log10 (data->psp_mv[0]) + 1e-9);
  a.log_x_max = ceil (log10 (data->psp_mv[data->n_points - 1]) - 1e-9);
  a.log_y_min = floor (log10 (lo_t));
  a.log_y_max = MAX (ceil (log10 (hi_t)), a.log_y_min + 1.0);
  if (a.log_x_max <= a.log_x_min)
    a.log_x_max = a.log_x_min + 1.0;

  /* Grid and ticks at the decades. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color_alpha (cr, &style->muted, 0.3);
  for (int e = (int) a.log_x_min; e <= (int) a.log_x_max; e++)
    {
      double x = glmcc_plot_snap (axes_x (&a, pow (10.0, e)), 1.0);
      g_autofree char *label = format_power (e, "mV");

      cairo_move_to (cr, x, a.area.y);
      cairo_line_to (cr, x, a.area.y + a.area.height);
      glmcc_plot_text (cr, style, &style->foreground, label, x, a.area.y + a.area.height + 0.3 * fs,
                       0.5, 0.0, 0.85, FALSE, 0.0);
    }
  for (int e = (int) a.log_y_min; e <= (int) a.log_y_max; e++)
    {
      double y = glmcc_plot_snap (axes_y (&a, pow (10.0, e)), 1.0);
      g_autofree char *label = format_power (e, "s");

      cairo_move_to (cr, a.area.x, y);
      cairo_line_to (cr, a.area.x + a.area.width, y);
      glmcc_plot_text (cr, style, &style->foreground, label, a.area.x - 0.35 * fs, y, 1.0, 0.5, 0.85,
                       FALSE, 0.0);
    }
  cairo_stroke (cr);
  /* A minute, an hour, a day, a week, named on the right. */
  {
    double dash[2] = { 2.0, 3.0 };

    cairo_set_dash (cr, dash, 2, 0.0);
    for (guint g = 0; g < G_N_ELEMENTS (guides); g++)
      {
        double l = log10 (guides[g].seconds), y;

        if (l <= a.log_y_min || l >= a.log_y_max)
          continue;
        y = glmcc_plot_snap (axes_y (&a, guides[g].seconds), 1.0);
        cairo_move_to (cr, a.area.x, y);
        cairo_line_to (cr, a.area.x + a.area.width, y);
        glmcc_plot_text (cr, style, &style->muted, _(guides[g].label), a.area.x + a.area.width + 0.3 * fs,
                         y, 0.0, 0.5, 0.8, FALSE, 0.0);
      }
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0.0);
  }
  glmcc_plot_set_color (cr, &style->foreground);
  cairo_rectangle (cr, glmcc_plot_snap (a.area.x, 1.0), glmcc_plot_snap (a.area.y, 1.0), a.area.width,
                   a.area.height);
  cairo_stroke (cr);
  cairo_restore (cr);
  glmcc_plot_text (cr, style, &style->foreground, _("|PSP| of the connection"),
                   a.area.x + a.area.width / 2.0, a.area.y + a.area.height + 1.6 * fs, 0.5, 0.0, 0.9,
                   FALSE, 0.0);
  glmcc_plot_text (cr, style, &style->foreground, _("recording time needed"),
                   a.area.x - 3.6 * fs, a.area.y + a.area.height / 2.0, 0.5, 1.0, 0.9, FALSE, G_PI / 2.0);

  cairo_save (cr);
  cairo_rectangle (cr, a.area.x, a.area.y, a.area.width, a.area.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (data->recording_s > 0.0 && isfinite (data->recording_s))
    {
      double y = axes_y (&a, data->recording_s);

      cairo_move_to (cr, a.area.x, y);
      cairo_line_to (cr, a.area.x + a.area.width, y);
      glmcc_plot_set_color (cr, &style->accent);
      cairo_set_line_width (cr, style->line_width * 0.8);
      cairo_stroke (cr);
    }
  for (int sign = 0; sign < 2; sign++)
    {
      const GlmccPlotColor *color = sign == 0 ? &style->excitatory : &style->inhibitory;
      const double *even = sign == 0 ? data->time_even_excitatory_s : data->time_even_inhibitory_s;
      double dash[2] = { 4.0 * style->line_width, 2.5 * style->line_width };

      glmcc_plot_set_color (cr, color);
      if (even != NULL)
        {
          trace (cr, &a, data, even);
          cairo_set_dash (cr, dash, 2, 0.0);
          cairo_set_line_width (cr, style->line_width * 0.7);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0.0);
        }
      trace (cr, &a, data, sign == 0 ? data->time_excitatory_s : data->time_inhibitory_s);
      cairo_set_line_width (cr, style->line_width);
      cairo_stroke (cr);
    }
  if (data->marker_psp_mv != 0.0 && data->marker_time_s > 0.0 && isfinite (data->marker_time_s))
    {
      double x = axes_x (&a, fabs (data->marker_psp_mv)), y = axes_y (&a, data->marker_time_s);

      cairo_arc (cr, x, y, 0.45 * fs, 0.0, 2.0 * G_PI);
      glmcc_plot_set_color (cr, data->marker_psp_mv > 0 ? &style->excitatory : &style->inhibitory);
      cairo_fill_preserve (cr);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* Legend in the upper right, where the curves (falling) are not. */
  {
    g_autofree char *power = g_strdup_printf (_("found with probability %g (solid), half the time (dashed)"),
                                              data->power);
    const char *lines[] = { _("excitatory"), _("inhibitory"), power };
    const GlmccPlotColor *colors[] = { &style->excitatory, &style->inhibitory, &style->muted };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      glmcc_plot_text (cr, style, colors[i], lines[i], a.area.x + a.area.width - 0.5 * fs,
                       a.area.y + 0.4 * fs + i * 1.2 * fs, 1.0, 0.0, 0.85, i < 2, 0.0);
  }
  cairo_restore (cr);
}
