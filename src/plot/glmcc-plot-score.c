/* glmcc-plot-score.c: ROC and precision–recall curves, and estimated against true PSP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"
#include "glmcc-number.h"

static const char * const class_names[GLMCC_PLOT_SCORE_CLASSES] = {
  N_("excitatory"), N_("inhibitory"), N_("all (right sign)")
};

/* A series' colour: with one series, the class's own (E warm, I cool, all neutral); with
 * several, one per series. */
static const GlmccPlotColor *
series_color (const GlmccScorePlot *data,
              const GlmccPlotStyle *style,
              guint                 s,
              guint                 c)
{
  const GlmccPlotColor *palette[] = { &style->fit, &style->accent, &style->slow,
                                      &style->inhibitory, &style->excitatory, &style->foreground };

  if (data->n_series == 1)
    return c == 0 ? &style->excitatory : c == 1 ? &style->inhibitory : &style->foreground;
  return palette[s % G_N_ELEMENTS (palette)];
}

typedef struct
{
  GlmccPlotRect area;     /* the data area, [0, 1] × [0, 1] (or the scatter's ranges) */
  double        x_min, x_max, y_min, y_max;
} Panel;

static double
panel_x (const Panel *p,
         double       v)
{
  return p->area.x + (v - p->x_min) / (p->x_max - p->x_min) * p->area.width;
}

static double
panel_y (const Panel *p,
         double       v)
{
  return p->area.y + p->area.height - (v - p->y_min) / (p->y_max - p->y_min) * p->area.height;
}

/* Frame, ticks and their labels, axis titles and the panel's title. */
static void
draw_frame (cairo_t              *cr,
            const GlmccPlotStyle *style,
            const Panel          *p,
            const char           *title,
            const char           *x_title,
            const char           *y_title)
{
  double fs = style->font_size;
  double ticks[16], step;
  guint n;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color_alpha (cr, &style->muted, 0.35);
  n = glmcc_plot_nice_ticks (p->x_min, p->x_max, 4, ticks, G_N_ELEMENTS (ticks), &step);
  for (guint i = 0; i < n; i++)
    {
      double x = glmcc_plot_snap (panel_x (p, ticks[i]), 1.0);
      g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

      cairo_move_to (cr, x, p->area.y);
      cairo_line_to (cr, x, p->area.y + p->area.height);
      glmcc_plot_text (cr, style, &style->foreground, label, x, p->area.y + p->area.height + 0.3 * fs,
                       0.5, 0.0, 0.8, FALSE, 0.0);
    }
  n = glmcc_plot_nice_ticks (p->y_min, p->y_max, 4, ticks, G_N_ELEMENTS (ticks), &step);
  for (guint i = 0; i < n; i++)
    {
      double y = glmcc_plot_snap (panel_y (p, ticks[i]), 1.0);
      g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

      cairo_move_to (cr, p->area.x, y);
      cairo_line_to (cr, p->area.x + p->area.width, y);
      glmcc_plot_text (cr, style, &style->foreground, label, p->area.x - 0.35 * fs, y,
                       1.0, 0.5, 0.8, FALSE, 0.0);
    }
  cairo_stroke (cr);
  glmcc_plot_set_color (cr, &style->foreground);
  cairo_rectangle (cr, glmcc_plot_snap (p->area.x, 1.0), glmcc_plot_snap (p->area.y, 1.0),
                   p->area.width, p->area.height);
  cairo_stroke (cr);
  cairo_restore (cr);

  glmcc_plot_text_fit (cr, style, &style->foreground, title, p->area.x,
                       p->area.y - 1.35 * fs, p->area.width, 0.95, TRUE);
  glmcc_plot_text (cr, style, &style->foreground, x_title, p->area.x + p->area.width / 2.0,
                   p->area.y + p->area.height + 1.45 * fs, 0.5, 0.0, 0.85, FALSE, 0.0);
  glmcc_plot_text (cr, style, &style->foreground, y_title, p->area.x - 2.6 * fs,
                   p->area.y + p->area.height / 2.0, 0.5, 1.0, 0.85, FALSE, G_PI / 2.0);
}

static void
clip_panel (cairo_t     *cr,
            const Panel *p)
{
  cairo_rectangle (cr, p->area.x, p->area.y, p->area.width, p->area.height);
  cairo_clip (cr);
}

/* One ROC (@pr FALSE) or precision–recall curve. */
static void
draw_curve (cairo_t                *cr,
            const GlmccScoreSeries *series,
            guint                   c,
            gboolean                pr,
            const Panel            *p)
{
  gboolean started = FALSE;

  for (guint i = 0; i < series->n_points[c]; i++)
    {
      double x = pr ? series->tpr[c][i] : series->fpr[c][i];
      double y = pr ? series->precision[c][i] : series->tpr[c][i];

      if (!isfinite (x) || !isfinite (y))
        continue;
      if (!started)
        cairo_move_to (cr, panel_x (p, x), panel_y (p, y));
      else
        cairo_line_to (cr, panel_x (p, x), panel_y (p, y));
      started = TRUE;
    }
}

static void
draw_curve_panel (cairo_t              *cr,
                  const GlmccScorePlot *data,
                  const GlmccPlotStyle *style,
                  guint                 c,
                  gboolean              pr,
                  const Panel          *p)
{
  double fs = style->font_size;
  double dash[2] = { 3.0, 3.0 };
  g_autofree char *title = g_strdup_printf ("%s: %s", pr ? _("precision–recall") : _("ROC"),
                                            _(class_names[c]));

  draw_frame (cr, style, p, title, pr ? _("recall") : _("false positive rate"),
              pr ? _("precision") : _("true positive rate (recall)"));

  cairo_save (cr);
  clip_panel (cr, p);
  /* Chance: the diagonal, or the share of positives. */
  cairo_set_dash (cr, dash, 2, 0.0);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color (cr, &style->muted);
  if (!pr)
    {
      cairo_move_to (cr, panel_x (p, 0.0), panel_y (p, 0.0));
      cairo_line_to (cr, panel_x (p, 1.0), panel_y (p, 1.0));
      cairo_stroke (cr);
    }
  else if (data->n_series > 0 && isfinite (data->series[0].positive_share[c]))
    {
      double y = glmcc_plot_snap (panel_y (p, data->series[0].positive_share[c]), 1.0);

      cairo_move_to (cr, p->area.x, y);
      cairo_line_to (cr, p->area.x + p->area.width, y);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, style->line_width);
  for (guint s = 0; s < data->n_series; s++)
    {
      draw_curve (cr, &data->series[s], c, pr, p);
      glmcc_plot_set_color (cr, series_color (data, style, s, c));
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* The areas, one line per series, where the curves are not: the lower right of a ROC, the
   * lower left of a precision–recall panel (above its chance line). */
  for (guint s = 0; s < data->n_series; s++)
    {
      double bottom = p->area.y + p->area.height;
      const GlmccScoreSeries *series = &data->series[s];
      double value = pr ? series->average_precision[c] : series->auc[c];
      g_autofree char *number = isfinite (value) ? g_strdup_printf ("%.3f", value) : g_strdup ("n/a");
      g_autofree char *text = data->n_series > 1
                              ? g_strdup_printf ("%s %s %s", series->label ? series->label : "",
                                                 pr ? "AP" : "AUC", number)
                              : g_strdup_printf ("%s %s", pr ? "AP" : "AUC", number);
      double y;

      if (pr && isfinite (data->series[0].positive_share[c]))
        bottom = MIN (bottom, panel_y (p, data->series[0].positive_share[c]));
      y = bottom - (data->n_series - s) * 1.2 * fs - 0.3 * fs;

      if (pr)
        glmcc_plot_text (cr, style, series_color (data, style, s, c), text,
                         p->area.x + 0.4 * fs, y, 0.0, 0.0, 0.8, TRUE, 0.0);
      else
        glmcc_plot_text (cr, style, series_color (data, style, s, c), text,
                         p->area.x + p->area.width - 0.4 * fs, y, 1.0, 0.0, 0.8, TRUE, 0.0);
    }
}

/* Estimated against true PSP: what a detection method makes of the synapses it finds. */
static void
draw_scatter (cairo_t                *cr,
              const GlmccScoreSeries *series,
              const GlmccPlotStyle   *style,
              Panel                  *p)
{
  g_autofree double *sorted = NULL;
  double fs = style->font_size;
  double r = MAX (0.9, 0.13 * fs);
  guint n = 0;

  /* x: every true PSP; y: the middle 99 % of the estimates (a few huge ones would flatten the
   * rest), and for PSPs the x range too, so that the identity line is the diagonal's slope. */
  p->x_min = p->y_min = 0.0;
  p->x_max = p->y_max = 0.0;
  sorted = g_new (double, MAX (series->n_scatter, 1));
  for (guint i = 0; i < series->n_scatter; i++)
    {
      if (isfinite (series->true_psp[i]))
        {
          p->x_min = MIN (p->x_min, series->true_psp[i]);
          p->x_max = MAX (p->x_max, series->true_psp[i]);
        }
      if (isfinite (series->estimated[i]))
        sorted[n++] = series->estimated[i];
    }
  if (n > 0)
    {
      qsort (sorted, n, sizeof (double), glmcc_number_compare);
      p->y_min = MIN (0.0, sorted[(guint) floor (0.005 * (n - 1))]);
      p->y_max = MAX (0.0, sorted[(guint) ceil (0.995 * (n - 1))]);
    }
  if (series->estimated_is_psp)
    {
      p->y_min = MIN (p->y_min, p->x_min);
      p->y_max = MAX (p->y_max, p->x_max);
    }
  /* A margin, and never an empty range. */
  {
    double dx = MAX (p->x_max - p->x_min, 0.1), dy = MAX (p->y_max - p->y_min, 0.1);

    p->x_min -= 0.04 * dx;
    p->x_max += 0.04 * dx;
    p->y_min -= 0.04 * dy;
    p->y_max += 0.04 * dy;
  }
  draw_frame (cr, style, p, series->estimated_is_psp ? _("estimated against true PSP")
                                                     : _("strength against true PSP"),
              _("true PSP (mV)"), series->estimated_is_psp ? _("estimated PSP (mV)")
                                                        : _("estimated strength (excess of lags)"));

  cairo_save (cr);
  clip_panel (cr, p);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color (cr, &style->muted);
  cairo_move_to (cr, panel_x (p, 0.0), p->area.y);
  cairo_line_to (cr, panel_x (p, 0.0), p->area.y + p->area.height);
  cairo_move_to (cr, p->area.x, panel_y (p, 0.0));
  cairo_line_to (cr, p->area.x + p->area.width, panel_y (p, 0.0));
  cairo_stroke (cr);
  if (series->estimated_is_psp)
    {
      double dash[2] = { 3.0, 3.0 };
      double lo = MAX (p->x_min, p->y_min), hi = MIN (p->x_max, p->y_max);

      cairo_set_dash (cr, dash, 2, 0.0);
      cairo_move_to (cr, panel_x (p, lo), panel_y (p, lo));
      cairo_line_to (cr, panel_x (p, hi), panel_y (p, hi));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
    }
  /* Missed synapses first, then false positives, then detections on top. */
  for (int layer = 0; layer < 3; layer++)
    {
      for (guint i = 0; i < series->n_scatter; i++)
        {
          double t = series->true_psp[i], e = series->estimated[i];
          int kind = series->detected[i] ? 2 : t == 0.0 ? 1 : 0;

          if (kind != layer || !isfinite (t) || !isfinite (e))
            continue;
          e = CLAMP (e, p->y_min, p->y_max);
          cairo_new_sub_path (cr);
          cairo_arc (cr, panel_x (p, t), panel_y (p, e), r, 0.0, 2.0 * G_PI);
          if (kind == 2)
            {
              glmcc_plot_set_color_alpha (cr, t > 0 ? &style->excitatory : &style->inhibitory, 0.6);
              cairo_fill (cr);
            }
        }
      if (layer == 0)
        glmcc_plot_set_color_alpha (cr, &style->muted, 0.45);
      else if (layer == 1)
        glmcc_plot_set_color_alpha (cr, &style->accent, 0.7);
      if (layer < 2)
        cairo_fill (cr);
    }
  cairo_restore (cr);

  /* What the colours mean. */
  {
    const char *lines[] = { _("detected (right sign)"), _("missed"), _("false positive (true PSP 0)") };
    const GlmccPlotColor *colors[] = { &style->excitatory, &style->muted, &style->accent };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      glmcc_plot_text (cr, style, colors[i], lines[i], p->area.x + 0.4 * fs,
                       p->area.y + 0.3 * fs + i * 1.15 * fs, 0.0, 0.0, 0.78, FALSE, 0.0);
  }
}

void
glmcc_plot_score (cairo_t              *cr,
                  double                width,
                  double                height,
                  const GlmccScorePlot *data,
                  const GlmccPlotStyle *style)
{
  GlmccPlotStyle storage;
  double fs, pad, top, legend_h, left_margin, bottom_margin, title_h, gap, cell_w, cell_h;
  gboolean scatter;
  guint columns;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  fs = style->font_size;
  pad = 1.1 * fs;
  scatter = data->n_series == 1;
  columns = GLMCC_PLOT_SCORE_CLASSES + (scatter ? 1 : 0);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, width, height, style);

  top = pad;
  if (data->title != NULL)
    {
      glmcc_plot_text_fit (cr, style, &style->foreground, data->title, pad, top, width - 2 * pad,
                           1.25, TRUE);
      top += 1.25 * fs * GLMCC_PLOT_LINE_HEIGHT;
    }
  if (data->subtitle != NULL)
    {
      glmcc_plot_text_fit (cr, style, &style->muted, data->subtitle, pad, top, width - 2 * pad,
                           0.9, FALSE);
      top += 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
    }
  /* Several series: a legend of their colours. */
  legend_h = 0.0;
  if (data->n_series > 1)
    {
      double x = pad;

      for (guint s = 0; s < data->n_series; s++)
        {
          const char *label = data->series[s].label != NULL ? data->series[s].label : "";

          cairo_save (cr);
          cairo_move_to (cr, x, top + 0.6 * fs);
          cairo_line_to (cr, x + 2.0 * fs, top + 0.6 * fs);
          cairo_set_line_width (cr, style->line_width * 1.5);
          glmcc_plot_set_color (cr, series_color (data, style, s, 0));
          cairo_stroke (cr);
          cairo_restore (cr);
          x += 2.5 * fs;
          x += glmcc_plot_text (cr, style, &style->foreground, label, x, top, 0.0, 0.0, 0.95,
                                FALSE, 0.0) + 1.5 * fs;
        }
      legend_h = 1.6 * fs;
    }
  top += legend_h + 0.4 * fs;

  /* A grid of panels: 3 classes × (ROC, precision–recall), and the scatter in a fourth column
   * spanning both rows. */
  left_margin = 3.4 * fs;
  bottom_margin = 2.9 * fs;
  title_h = 1.6 * fs;
  gap = 1.0 * fs;
  cell_w = (width - 2 * pad - columns * left_margin - (columns - 1) * gap) / columns;
  cell_h = (height - top - pad - 2 * (bottom_margin + title_h)) / 2.0;
  if (cell_w < 4.0 * fs || cell_h < 4.0 * fs)
    {
      glmcc_plot_text (cr, style, &style->muted, _("too small to draw"), width / 2.0, height / 2.0,
                       0.5, 0.5, 1.0, FALSE, 0.0);
      cairo_restore (cr);
      return;
    }
  for (guint row = 0; row < 2; row++)
    for (guint c = 0; c < GLMCC_PLOT_SCORE_CLASSES; c++)
      {
        Panel p = { { pad + left_margin + c * (cell_w + left_margin + gap),
                      top + title_h + row * (cell_h + bottom_margin + title_h), cell_w, cell_h },
                    0.0, 1.0, 0.0, 1.0 };

        draw_curve_panel (cr, data, style, c, row == 1, &p);
      }
  if (scatter)
    {
      Panel p = { { pad + left_margin + GLMCC_PLOT_SCORE_CLASSES * (cell_w + left_margin + gap),
                    top + title_h, cell_w, 2.0 * cell_h + bottom_margin + title_h },
                  0.0, 1.0, 0.0, 1.0 };

      draw_scatter (cr, &data->series[0], style, &p);
    }
  cairo_restore (cr);
}
