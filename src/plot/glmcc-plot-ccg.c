/* glmcc-plot-ccg.c: the cross-correlogram with its GLMCC fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-fit.h"
#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"

#define FIT_SAMPLES_PER_BIN 10
#define MAX_TICKS 64
#define MAX_LEGEND 12

static double side_block_height (const GlmccCcgSide   *side,
                                 const GlmccPlotStyle *style);

/* Values ----------------------------------------------------------------------------------- */

void
glmcc_ccg_plot_init (GlmccCcgPlot *data)
{
  g_return_if_fail (data != NULL);

  memset (data, 0, sizeof *data);
  data->unit = GLMCC_PLOT_UNIT_COUNT;
  data->forward.p_value = NAN;
  data->forward.threshold = NAN;
  data->forward.statistic = NAN;
  data->backward = data->forward;
}

const char *
glmcc_plot_unit_label (GlmccPlotUnit unit)
{
  switch (unit)
    {
    case GLMCC_PLOT_UNIT_RATE:
      return _("rate (Hz)");
    case GLMCC_PLOT_UNIT_COUNT:
    default:
      return _("count per bin");
    }
}

static gboolean
use_rate (const GlmccCcgPlot *data)
{
  return data->unit == GLMCC_PLOT_UNIT_RATE && data->n_ref_spikes > 0.0 && data->bin_ms > 0.0;
}

/* Multiplies a count per bin into the data's unit. */
static double
unit_factor (const GlmccCcgPlot *data)
{
  if (use_rate (data))
    return 1000.0 / (data->n_ref_spikes * data->bin_ms);
  return 1.0;
}

static gboolean
has_curves (const GlmccCcgPlot *data)
{
  return data->has_fit && data->a != NULL && data->n_bins > 0;
}

double
glmcc_ccg_plot_bar_value (const GlmccCcgPlot *data,
                          guint               bin)
{
  g_return_val_if_fail (data != NULL, 0.0);

  if (data->counts == NULL || bin >= data->n_bins)
    return 0.0;
  return data->counts[bin] * unit_factor (data);
}

double
glmcc_ccg_plot_slow_log (const GlmccCcgPlot *data,
                         double              lag_ms)
{
  double u;
  guint k;

  g_return_val_if_fail (data != NULL, NAN);

  if (data->a == NULL || data->n_bins == 0 || !(data->bin_ms > 0.0))
    return NAN;

  u = (lag_ms + data->window_ms) / data->bin_ms - 0.5;
  if (!(u > 0.0))
    return data->a[0];
  if (u >= data->n_bins - 1)
    return data->a[data->n_bins - 1];
  k = (guint) floor (u);
  return data->a[k] + (data->a[k + 1] - data->a[k]) * (u - k);
}

gboolean
glmcc_ccg_plot_evaluate (const GlmccCcgPlot *data,
                         double              lag_ms,
                         double             *slow,
                         double             *fit)
{
  double a, scale;

  g_return_val_if_fail (data != NULL, FALSE);

  if (!has_curves (data))
    {
      if (slow != NULL)
        *slow = NAN;
      if (fit != NULL)
        *fit = NAN;
      return FALSE;
    }

  a = glmcc_ccg_plot_slow_log (data, lag_ms);
  scale = data->bin_ms * unit_factor (data);
  if (slow != NULL)
    *slow = scale * exp (a);
  if (fit != NULL)
    *fit = scale * exp (a
                        + data->j_plus * glmcc_kernel (lag_ms, data->delay_ms, data->tau_ms)
                        + data->j_minus * glmcc_kernel (-lag_ms, data->delay_ms, data->tau_ms));
  return TRUE;
}

/* Highest value anything in the plot reaches. */
static double
data_max (const GlmccCcgPlot *data)
{
  double top = 0.0;

  for (guint k = 0; k < data->n_bins; k++)
    {
      double v = glmcc_ccg_plot_bar_value (data, k);

      if (isfinite (v))
        top = MAX (top, v);
    }
  if (data->band_global_hi != NULL || data->band_pointwise_hi != NULL || data->band_expected != NULL)
    for (guint k = 0; k < data->n_bins; k++)
      {
        const double *curves[] = { data->band_global_hi, data->band_pointwise_hi, data->band_expected };

        for (guint c = 0; c < G_N_ELEMENTS (curves); c++)
          if (curves[c] != NULL && isfinite (curves[c][k]))
            top = MAX (top, curves[c][k] * unit_factor (data));
      }
  if (has_curves (data))
    {
      guint n = data->n_bins * FIT_SAMPLES_PER_BIN;

      for (guint i = 0; i <= n; i++)
        {
          double t = -data->window_ms + 2.0 * data->window_ms * i / n;
          double slow, fit;

          glmcc_ccg_plot_evaluate (data, t, &slow, &fit);
          if (isfinite (slow))
            top = MAX (top, slow);
          if (isfinite (fit))
            top = MAX (top, fit);
        }
      /* The peak of each kernel sits right at ±d. */
      for (int side = -1; side <= 1; side += 2)
        {
          double fit;

          glmcc_ccg_plot_evaluate (data, side * data->delay_ms, NULL, &fit);
          if (isfinite (fit))
            top = MAX (top, fit);
        }
    }
  return top;
}

/* Layout ----------------------------------------------------------------------------------- */

static double
title_block_height (const GlmccCcgPlot   *data,
                    const GlmccPlotStyle *style)
{
  double fs = style->font_size;
  double h = 1.25 * fs * GLMCC_PLOT_LINE_HEIGHT;

  if (data->subtitle != NULL && data->subtitle[0] != '\0')
    h += 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
  return h;
}

typedef struct
{
  guint  n_entries;
  double entry_width[MAX_LEGEND];
  guint  n_rows;
} LegendFlow;

typedef enum
{
  LEGEND_BARS,
  LEGEND_SLOW,
  LEGEND_FIT,
  LEGEND_COUPLING,
  LEGEND_DELAY,
  LEGEND_EXCLUDED,
  LEGEND_EXPECTED,
  LEGEND_POINTWISE,
  LEGEND_GLOBAL,
} LegendKind;

typedef struct
{
  LegendKind  kind;
  const char *text;
} LegendEntry;

static gboolean
has_band (const double *values,
          guint         n_bins)
{
  for (guint k = 0; values != NULL && k < n_bins; k++)
    if (isfinite (values[k]))
      return TRUE;
  return FALSE;
}

static guint
legend_entries (const GlmccCcgPlot *data,
                LegendEntry        *entries)
{
  guint n = 0;

  entries[n++] = (LegendEntry) { LEGEND_BARS, _("cross-correlogram") };
  if (has_curves (data))
    {
      entries[n++] = (LegendEntry) { LEGEND_SLOW, _("slow co-modulation a(t)") };
      entries[n++] = (LegendEntry) { LEGEND_FIT, _("fit with synaptic coupling") };
      entries[n++] = (LegendEntry) { LEGEND_COUPLING, _("coupling J·f(t): E warm, I cool") };
      entries[n++] = (LegendEntry) { LEGEND_DELAY, _("synaptic delay ±d") };
    }
  if (data->exclude_center_ms > 0.0)
    entries[n++] = (LegendEntry) { LEGEND_EXCLUDED, _("excluded centre") };
  if (has_band (data->band_expected, data->n_bins) && data->baseline)
    entries[n++] = (LegendEntry) { LEGEND_EXPECTED, _("expected without a connection") };
  if (has_band (data->band_pointwise_hi, data->n_bins))
    entries[n++] = (LegendEntry) { LEGEND_POINTWISE, _("pointwise band (one bin, \xce\xb1)") };
  if (has_band (data->band_global_hi, data->n_bins))
    entries[n++] = (LegendEntry) { LEGEND_GLOBAL, data->baseline ? _("global band: the decision")
                                                                 : _("smallest significant kernel") };
  return n;
}

static double
legend_swatch_width (const GlmccPlotStyle *style)
{
  return 2.2 * style->font_size;
}

/* The legend under a narrow plot is a grid of equal columns, as many as the widest entry
 * allows (at most 3). */
static guint
legend_grid_columns (const GlmccCcgPlot   *data,
                     const GlmccPlotStyle *style,
                     double                width)
{
  LegendEntry entries[MAX_LEGEND];
  guint n = legend_entries (data, entries);
  double widest = 0.0;
  guint columns;

  for (guint i = 0; i < n; i++)
    widest = MAX (widest, legend_swatch_width (style) + 0.6 * style->font_size
                          + glmcc_plot_text_estimate (style, entries[i].text, 0.9) + 1.0 * style->font_size);
  /* The estimate is generous, and text_fit shrinks an entry a little where needed. */
  columns = widest > 0.0 ? (guint) floor (width / (0.8 * widest)) : 1;
  return CLAMP (columns, 1u, MIN (3u, MAX (n, 1u)));
}

static guint
legend_flow_rows (const GlmccCcgPlot   *data,
                  const GlmccPlotStyle *style,
                  double                width)
{
  LegendEntry entries[MAX_LEGEND];
  guint n = legend_entries (data, entries);
  guint columns = legend_grid_columns (data, style, width);

  return (n + columns - 1) / columns;
}

static double
y_label_width (const GlmccPlotStyle *style,
               double                value_max,
               double                step)
{
  double ticks[MAX_TICKS];
  guint n = glmcc_plot_nice_ticks (0.0, value_max, 5, ticks, MAX_TICKS, NULL);
  double w = 0.0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

      w = MAX (w, glmcc_plot_text_estimate (style, label, 0.9));
    }
  return w;
}

static gboolean
has_acgs (const GlmccCcgPlot *data)
{
  return data->ref_acg != NULL && data->target_acg != NULL && data->acg_n_bins > 0
         && data->acg_window_ms > 0.0;
}

/* Room above an autocorrelogram for its title, below it for its lag labels. */
static double
acg_title_height (const GlmccPlotStyle *style)
{
  return 0.8 * style->font_size * GLMCC_PLOT_LINE_HEIGHT;
}

static double
acg_labels_height (const GlmccPlotStyle *style)
{
  return 0.35 * style->font_size + 0.75 * style->font_size * GLMCC_PLOT_LINE_HEIGHT;
}

/* The autocorrelograms go into the side panel, between the readout and the legend, where the
 * panel has room; in a narrow figure, into a column right of the plot. */
static void
acg_layout (const GlmccCcgPlot   *data,
            const GlmccPlotStyle *style,
            GlmccCcgLayout       *layout)
{
  double fs = style->font_size;
  double frame = acg_title_height (style) + acg_labels_height (style);

  layout->has_acgs = FALSE;
  if (!has_acgs (data))
    return;
  if (layout->side_panel)
    {
      LegendEntry entries[MAX_LEGEND];
      const GlmccPlotRect *p = &layout->panel;
      double blocks = side_block_height (&data->forward, style) + side_block_height (&data->backward, style)
                      + 1.2 * fs;
      double legend_h = legend_entries (data, entries) * 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
      /* Where draw_panel() puts the legend: at the plot's foot, below the readout. */
      double legend_y = MAX (p->y + blocks + 0.4 * fs, layout->plot.y + layout->plot.height - legend_h);
      double top = p->y + blocks + 0.3 * fs + acg_title_height (style);
      double bottom = legend_y - 1.1 * fs - acg_labels_height (style);
      double h = MIN (bottom - top, 12.0 * fs), w = (p->width - 1.5 * fs) / 2.0;

      if (h < 3.5 * fs || w < 5.0 * fs)
        return;
      /* Centred in the free space when it is taller than needed. */
      top += (bottom - top - h) / 2.0;
      layout->ref_acg = (GlmccPlotRect) { p->x + 0.3 * fs, top, w, h };
      layout->target_acg = layout->ref_acg;
      layout->target_acg.x += w + 1.2 * fs;
      layout->has_acgs = TRUE;
      return;
    }
  if (layout->plot.width >= 28.0 * fs && layout->plot.height >= 2.0 * frame + 7.0 * fs)
    {
      double w = 0.24 * layout->plot.width, gap = 1.5 * fs;
      double h = (layout->plot.height - 2.0 * frame - 0.5 * fs) / 2.0;

      layout->plot.width -= w + gap;
      layout->ref_acg = (GlmccPlotRect) { layout->plot.x + layout->plot.width + gap,
                                          layout->plot.y + acg_title_height (style), w, h };
      layout->target_acg = layout->ref_acg;
      layout->target_acg.y += h + frame + 0.5 * fs;
      layout->has_acgs = TRUE;
    }
}

void
glmcc_plot_ccg_get_layout (double                width,
                           double                height,
                           const GlmccCcgPlot   *data,
                           const GlmccPlotStyle *style,
                           GlmccCcgLayout       *layout)
{
  GlmccPlotStyle storage;
  double fs, pad, top, bottom, left, right, vmax, step;

  g_return_if_fail (data != NULL);
  g_return_if_fail (layout != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  fs = style->font_size;
  pad = 1.1 * fs;

  memset (layout, 0, sizeof *layout);
  layout->lag_min = -data->window_ms;
  layout->lag_max = data->window_ms;
  if (!(layout->lag_max > layout->lag_min))
    {
      layout->lag_min = -1.0;
      layout->lag_max = 1.0;
    }
  glmcc_plot_nice_ticks (layout->lag_min, layout->lag_max, 10, NULL, MAX_TICKS, &layout->lag_step);

  vmax = data_max (data);
  if (!(vmax > 0.0) || !isfinite (vmax))
    vmax = 1.0;
  step = glmcc_plot_nice_step (vmax * 1.04 / 5.0);
  layout->value_step = step;
  layout->value_max = ceil (vmax * 1.04 / step - 1e-9) * step;

  top = pad + title_block_height (data, style) + 0.4 * fs;
  layout->side_panel = width >= 50.0 * fs;
  if (layout->side_panel)
    {
      double panel_width = CLAMP (width * 0.3, 19.0 * fs, 24.0 * fs);

      layout->panel.x = width - pad - panel_width;
      layout->panel.y = top;
      layout->panel.width = panel_width;
      layout->panel.height = MAX (0.0, height - pad - top);
      right = layout->panel.x - 1.5 * fs;
    }
  else
    {
      layout->panel.x = pad;
      layout->panel.y = top;
      layout->panel.width = MAX (0.0, width - 2.0 * pad);
      /* Two lines per direction (status, J and PSP; the test and the delay), one in a short
       * figure. */
      layout->panel.height = (height >= 32.0 * fs ? 4.0 : 2.0) * 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
      top += layout->panel.height + 0.3 * fs;
      right = width - pad - 0.8 * fs;
    }
  /* Room above the plot for the delay labels. */
  top += 1.2 * fs * GLMCC_PLOT_LINE_HEIGHT * 0.75;

  left = pad
         + fs * GLMCC_PLOT_LINE_HEIGHT            /* rotated axis title */
         + 0.5 * fs
         + y_label_width (style, layout->value_max, step)
         + 0.5 * fs                               /* gap */
         + 0.45 * fs;                             /* tick */
  bottom = height - pad
           - fs * GLMCC_PLOT_LINE_HEIGHT          /* axis title */
           - 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT    /* tick labels */
           - 0.45 * fs - 0.2 * fs;
  if (!layout->side_panel)
    bottom -= legend_flow_rows (data, style, width - 2.0 * pad) * 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT
              + 0.4 * fs;

  layout->plot.x = left;
  layout->plot.y = top;
  layout->plot.width = MAX (1.0, right - left);
  layout->plot.height = MAX (1.0, bottom - top);
  acg_layout (data, style, layout);
}

double
glmcc_plot_ccg_lag_to_x (const GlmccCcgLayout *layout,
                         double                lag_ms)
{
  return layout->plot.x
         + (lag_ms - layout->lag_min) / (layout->lag_max - layout->lag_min) * layout->plot.width;
}

double
glmcc_plot_ccg_x_to_lag (const GlmccCcgLayout *layout,
                         double                x)
{
  return layout->lag_min
         + (x - layout->plot.x) / layout->plot.width * (layout->lag_max - layout->lag_min);
}

double
glmcc_plot_ccg_value_to_y (const GlmccCcgLayout *layout,
                           double                value)
{
  return layout->plot.y + layout->plot.height * (1.0 - value / layout->value_max);
}

/* Hit test --------------------------------------------------------------------------------- */

gboolean
glmcc_plot_ccg_hit_test (double                width,
                         double                height,
                         const GlmccCcgPlot   *data,
                         const GlmccPlotStyle *style,
                         double                x,
                         double                y,
                         GlmccCcgHit          *hit)
{
  GlmccCcgLayout layout;
  double lag, u;
  guint bin;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  if (data->n_bins == 0 || !(data->bin_ms > 0.0))
    return FALSE;

  glmcc_plot_ccg_get_layout (width, height, data, style, &layout);
  if (x < layout.plot.x || x > layout.plot.x + layout.plot.width
      || y < layout.plot.y || y > layout.plot.y + layout.plot.height)
    return FALSE;

  lag = glmcc_plot_ccg_x_to_lag (&layout, x);
  /* Bin k is (−W + kΔ, −W + (k + 1)Δ]. */
  u = ceil ((lag + data->window_ms) / data->bin_ms) - 1.0;
  bin = (guint) CLAMP (u, 0.0, (double) data->n_bins - 1);

  hit->bin = bin;
  hit->bin_start = -data->window_ms + bin * data->bin_ms;
  hit->bin_end = hit->bin_start + data->bin_ms;
  hit->lag_ms = lag;
  hit->raw_count = data->counts != NULL ? data->counts[bin] : 0.0;
  hit->count = glmcc_ccg_plot_bar_value (data, bin);
  hit->has_fit = glmcc_ccg_plot_evaluate (data, lag, &hit->slow, &hit->fit);
  return TRUE;
}

/* Drawing ---------------------------------------------------------------------------------- */

static void
clip_to_plot (cairo_t              *cr,
              const GlmccCcgLayout *layout)
{
  cairo_rectangle (cr, layout->plot.x, layout->plot.y, layout->plot.width, layout->plot.height);
  cairo_clip (cr);
}

static void
draw_grid (cairo_t              *cr,
           const GlmccCcgLayout *layout,
           const GlmccPlotStyle *style)
{
  double ticks[MAX_TICKS];
  guint n = glmcc_plot_nice_ticks (0.0, layout->value_max, 5, ticks, MAX_TICKS, NULL);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color_alpha (cr, &style->muted, 0.22);
  for (guint i = 1; i < n; i++)
    {
      double y = glmcc_plot_snap (glmcc_plot_ccg_value_to_y (layout, ticks[i]), 1.0);

      cairo_move_to (cr, layout->plot.x, y);
      cairo_line_to (cr, layout->plot.x + layout->plot.width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_excluded (cairo_t              *cr,
               const GlmccCcgPlot   *data,
               const GlmccCcgLayout *layout,
               const GlmccPlotStyle *style)
{
  double x0, x1;

  if (!(data->exclude_center_ms > 0.0))
    return;

  x0 = glmcc_plot_ccg_lag_to_x (layout, -data->exclude_center_ms);
  x1 = glmcc_plot_ccg_lag_to_x (layout, data->exclude_center_ms);
  cairo_save (cr);
  clip_to_plot (cr, layout);
  cairo_rectangle (cr, x0, layout->plot.y, x1 - x0, layout->plot.height);
  glmcc_plot_set_color_alpha (cr, &style->muted, 0.18);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  /* Hatching, so the band reads as "no data" also in greyscale print. */
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color_alpha (cr, &style->muted, 0.45);
  for (double s = -layout->plot.height; s < x1 - x0 + layout->plot.height; s += 6.0)
    {
      cairo_move_to (cr, x0 + s, layout->plot.y + layout->plot.height);
      cairo_line_to (cr, x0 + s + layout->plot.height, layout->plot.y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
bar_outline_color (const GlmccPlotStyle *style,
                   GlmccPlotColor       *color)
{
  glmcc_plot_color_mix (&style->bar, &style->foreground, 0.3, color);
}

static void
draw_bars (cairo_t              *cr,
           const GlmccCcgPlot   *data,
           const GlmccCcgLayout *layout,
           const GlmccPlotStyle *style)
{
  GlmccPlotColor outline;
  double y0 = glmcc_plot_ccg_value_to_y (layout, 0.0);

  if (data->counts == NULL || data->n_bins == 0)
    return;

  cairo_save (cr);
  clip_to_plot (cr, layout);

  /* One step path: filled, then its top outlined. */
  cairo_move_to (cr, glmcc_plot_ccg_lag_to_x (layout, -data->window_ms), y0);
  for (guint k = 0; k < data->n_bins; k++)
    {
      double xa = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + k * data->bin_ms);
      double xb = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + (k + 1) * data->bin_ms);
      double v = glmcc_ccg_plot_bar_value (data, k);
      double y = glmcc_plot_ccg_value_to_y (layout, isfinite (v) ? MAX (v, 0.0) : 0.0);

      cairo_line_to (cr, xa, y);
      cairo_line_to (cr, xb, y);
    }
  cairo_line_to (cr, glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + data->n_bins * data->bin_ms), y0);
  cairo_close_path (cr);
  glmcc_plot_set_color (cr, &style->bar);
  cairo_fill_preserve (cr);
  bar_outline_color (style, &outline);
  glmcc_plot_set_color_alpha (cr, &outline, 0.8);
  cairo_set_line_width (cr, 0.8);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke (cr);

  /* Thin separators between bars, when they are wide enough to show. */
  if (layout->plot.width / data->n_bins >= 4.0)
    {
      GlmccPlotColor separator;

      glmcc_plot_color_mix (&style->bar, &style->background, 0.55, &separator);
      glmcc_plot_set_color (cr, &separator);
      cairo_set_line_width (cr, 0.6);
      for (guint k = 1; k < data->n_bins; k++)
        {
          double x = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + k * data->bin_ms);
          double v = MIN (glmcc_ccg_plot_bar_value (data, k - 1), glmcc_ccg_plot_bar_value (data, k));

          if (!(v > 0.0))
            continue;
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, glmcc_plot_ccg_value_to_y (layout, v) + 0.8);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The band values of bin @k in the data's unit (NAN: none). */
static double
band_value (const GlmccCcgPlot *data,
            const double       *values,
            guint               k)
{
  return values != NULL && isfinite (values[k]) ? values[k] * unit_factor (data) : (double) NAN;
}

/* Steps through the bins where both curves have values: the area between them filled, or (with
 * @lo NULL) the upper curve as a line. Runs of bins without values break the shape. */
static void
trace_band (cairo_t              *cr,
            const GlmccCcgPlot   *data,
            const GlmccCcgLayout *layout,
            const double         *lo,
            const double         *hi,
            gboolean              fill)
{
  guint k = 0;

  while (k < data->n_bins)
    {
      guint first, last;

      while (k < data->n_bins && (!isfinite (band_value (data, hi, k))
                                  || (lo != NULL && !isfinite (band_value (data, lo, k)))))
        k++;
      if (k == data->n_bins)
        break;
      first = k;
      while (k < data->n_bins && isfinite (band_value (data, hi, k))
             && (lo == NULL || isfinite (band_value (data, lo, k))))
        k++;
      last = k;
      for (guint b = first; b < last; b++)
        {
          double xa = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + b * data->bin_ms);
          double xb = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + (b + 1) * data->bin_ms);
          double y = glmcc_plot_ccg_value_to_y (layout, band_value (data, hi, b));

          if (b == first)
            cairo_move_to (cr, xa, y);
          else
            cairo_line_to (cr, xa, y);
          cairo_line_to (cr, xb, y);
        }
      if (fill && lo != NULL)
        {
          for (guint b = last; b-- > first;)
            {
              double xa = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + b * data->bin_ms);
              double xb = glmcc_plot_ccg_lag_to_x (layout, -data->window_ms + (b + 1) * data->bin_ms);
              double y = glmcc_plot_ccg_value_to_y (layout, band_value (data, lo, b));

              cairo_line_to (cr, xb, y);
              cairo_line_to (cr, xa, y);
            }
          cairo_close_path (cr);
        }
    }
}

/* The pointwise band, shaded behind the bars. */
static void
draw_pointwise_band (cairo_t              *cr,
                     const GlmccCcgPlot   *data,
                     const GlmccCcgLayout *layout,
                     const GlmccPlotStyle *style)
{
  if (data->band_pointwise_lo == NULL || data->band_pointwise_hi == NULL)
    return;
  cairo_save (cr);
  clip_to_plot (cr, layout);
  trace_band (cr, data, layout, data->band_pointwise_lo, data->band_pointwise_hi, TRUE);
  glmcc_plot_set_color_alpha (cr, &style->accent, 0.22);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Over the bars: the pointwise band's edges thin, the expectation dotted, the global band (the
 * decision) as two solid steps over the lags the method tests. */
static void
draw_bands (cairo_t              *cr,
            const GlmccCcgPlot   *data,
            const GlmccCcgLayout *layout,
            const GlmccPlotStyle *style)
{
  double dots[2] = { 1.0 * style->line_width, 2.0 * style->line_width };

  cairo_save (cr);
  clip_to_plot (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (int edge = 0; edge < 2 && data->band_pointwise_lo != NULL; edge++)
    {
      trace_band (cr, data, layout, NULL,
                  edge == 0 ? data->band_pointwise_lo : data->band_pointwise_hi, FALSE);
      glmcc_plot_set_color_alpha (cr, &style->accent, 0.55);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
    }
  if (data->band_expected != NULL && data->baseline)
    {
      trace_band (cr, data, layout, NULL, data->band_expected, FALSE);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, style->line_width * 0.6);
      cairo_set_dash (cr, dots, 2, 0.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }
  for (int edge = 0; edge < 2; edge++)
    {
      const double *values = edge == 0 ? data->band_global_lo : data->band_global_hi;

      if (values == NULL)
        continue;
      trace_band (cr, data, layout, NULL, values, FALSE);
      glmcc_plot_set_color (cr, &style->accent);
      cairo_set_line_width (cr, style->line_width * 0.9);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Appends the fit (or the slow part) from lag @from to @to, sampled finely, as line_to's. */
static void
trace_curve (cairo_t              *cr,
             const GlmccCcgPlot   *data,
             const GlmccCcgLayout *layout,
             double                from,
             double                to,
             gboolean              full,
             gboolean              start)
{
  double span = to - from;
  guint n = MAX (2u, (guint) ceil (fabs (span) / data->bin_ms * FIT_SAMPLES_PER_BIN));

  for (guint i = 0; i <= n; i++)
    {
      double t = from + span * i / n;
      double slow, fit, x, y;

      glmcc_ccg_plot_evaluate (data, t, &slow, &fit);
      x = glmcc_plot_ccg_lag_to_x (layout, t);
      y = glmcc_plot_ccg_value_to_y (layout, full ? fit : slow);
      if (start && i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
}

static gboolean
side_has_coupling (const GlmccCcgPlot *data,
                   double              j)
{
  return has_curves (data) && j != 0.0 && isfinite (j) && data->delay_ms < data->window_ms;
}

static void
draw_coupling (cairo_t              *cr,
               const GlmccCcgPlot   *data,
               const GlmccCcgLayout *layout,
               const GlmccPlotStyle *style)
{
  const double d = data->delay_ms;
  const double w = data->window_ms;

  cairo_save (cr);
  clip_to_plot (cr, layout);
  for (int side = 0; side < 2; side++)
    {
      double j = side == 0 ? data->j_plus : data->j_minus;
      const GlmccCcgSide *info = side == 0 ? &data->forward : &data->backward;
      double from = side == 0 ? d : -w;
      double to = side == 0 ? w : -d;

      if (!side_has_coupling (data, j))
        continue;
      /* Along the fit outward, back along the slow part. */
      trace_curve (cr, data, layout, from, to, TRUE, TRUE);
      trace_curve (cr, data, layout, to, from, FALSE, FALSE);
      cairo_close_path (cr);
      glmcc_plot_set_color_alpha (cr, j > 0 ? &style->excitatory : &style->inhibitory,
                                  info->significant ? 0.38 : 0.16);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_curves (cairo_t              *cr,
             const GlmccCcgPlot   *data,
             const GlmccCcgLayout *layout,
             const GlmccPlotStyle *style)
{
  const double d = data->delay_ms;
  const double w = data->window_ms;
  double dash[2];

  cairo_save (cr);
  clip_to_plot (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The full fit: continuous except for the jumps at ±d where the kernel switches on. */
  if (d > 0.0 && d < w)
    {
      trace_curve (cr, data, layout, -w, -d, TRUE, TRUE);
      trace_curve (cr, data, layout, -d + 1e-9, d - 1e-9, TRUE, FALSE);
      trace_curve (cr, data, layout, d, w, TRUE, FALSE);
    }
  else
    trace_curve (cr, data, layout, -w, w, TRUE, TRUE);
  glmcc_plot_set_color (cr, &style->fit);
  cairo_set_line_width (cr, style->line_width);
  cairo_stroke (cr);

  /* The slow part on top, dashed, so that where the two coincide both stay visible. */
  trace_curve (cr, data, layout, -w, w, FALSE, TRUE);
  glmcc_plot_set_color (cr, &style->slow);
  cairo_set_line_width (cr, style->line_width * 0.75);
  dash[0] = 4.0 * style->line_width;
  dash[1] = 2.5 * style->line_width;
  cairo_set_dash (cr, dash, 2, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_delay_markers (cairo_t              *cr,
                    const GlmccCcgPlot   *data,
                    const GlmccCcgLayout *layout,
                    const GlmccPlotStyle *style)
{
  double dash[] = { 3.0, 3.0 };
  double label_y = layout->plot.y - 0.25 * style->font_size;
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;

  if (!has_curves (data) || !(data->delay_ms < data->window_ms))
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, 2, 0.0);
  glmcc_plot_set_color (cr, &style->muted);
  for (int sign = -1; sign <= 1; sign += 2)
    {
      double x = glmcc_plot_snap (glmcc_plot_ccg_lag_to_x (layout, sign * data->delay_ms), 1.0);

      cairo_move_to (cr, x, layout->plot.y - 0.2 * style->font_size);
      cairo_line_to (cr, x, layout->plot.y + layout->plot.height);
      if (data->delay_ms == 0.0)
        break;
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  value = glmcc_plot_format_compact (data->delay_ms);
  label = g_strdup_printf ("d = %s ms", value);
  glmcc_plot_text (cr, style, &style->muted, label,
                   glmcc_plot_ccg_lag_to_x (layout, data->delay_ms) + 0.3 * style->font_size,
                   label_y, 0.0, 1.0, 0.85, FALSE, 0.0);
  if (data->delay_ms > 0.0)
    glmcc_plot_text (cr, style, &style->muted, "\xe2\x88\x92" "d",
                     glmcc_plot_ccg_lag_to_x (layout, -data->delay_ms) - 0.3 * style->font_size,
                     label_y, 1.0, 1.0, 0.85, FALSE, 0.0);
}

static void
draw_axes (cairo_t              *cr,
           const GlmccCcgPlot   *data,
           const GlmccCcgLayout *layout,
           const GlmccPlotStyle *style)
{
  double ticks[MAX_TICKS];
  double fs = style->font_size;
  double tick_len = 0.45 * fs;
  double x0 = glmcc_plot_snap (layout->plot.x, 1.0);
  double y0 = glmcc_plot_snap (layout->plot.y + layout->plot.height, 1.0);
  double step;
  guint n;
  g_autofree char *x_title = NULL;

  cairo_save (cr);
  glmcc_plot_set_color (cr, &style->foreground);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_move_to (cr, x0, layout->plot.y);
  cairo_line_to (cr, x0, y0);
  cairo_line_to (cr, layout->plot.x + layout->plot.width, y0);
  cairo_stroke (cr);

  /* Lag axis. */
  n = glmcc_plot_nice_ticks (layout->lag_min, layout->lag_max, 10, ticks, MAX_TICKS, &step);
  for (guint i = 0; i < n; i++)
    {
      double x = glmcc_plot_snap (glmcc_plot_ccg_lag_to_x (layout, ticks[i]), 1.0);
      g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

      glmcc_plot_set_color (cr, &style->foreground);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y0 + tick_len);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->foreground, label, x, y0 + tick_len + 0.2 * fs,
                       0.5, 0.0, 0.9, FALSE, 0.0);
    }
  if (data->ref_name != NULL && data->target_name != NULL)
    x_title = g_strdup_printf (_("lag t = t(%s) \xe2\x88\x92 t(%s)  (ms)"), data->target_name, data->ref_name);
  else
    x_title = g_strdup (_("lag t = t(target) \xe2\x88\x92 t(reference)  (ms)"));
  glmcc_plot_text (cr, style, &style->foreground, x_title,
                   layout->plot.x + layout->plot.width / 2.0,
                   y0 + tick_len + 0.2 * fs + 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT,
                   0.5, 0.0, 1.0, FALSE, 0.0);

  /* Value axis. */
  n = glmcc_plot_nice_ticks (0.0, layout->value_max, 5, ticks, MAX_TICKS, &step);
  for (guint i = 0; i < n; i++)
    {
      double y = glmcc_plot_snap (glmcc_plot_ccg_value_to_y (layout, ticks[i]), 1.0);
      g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

      glmcc_plot_set_color (cr, &style->foreground);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 - tick_len, y);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->foreground, label, x0 - tick_len - 0.3 * fs, y,
                       1.0, 0.5, 0.9, FALSE, 0.0);
    }
  glmcc_plot_text (cr, style, &style->foreground, glmcc_plot_unit_label (data->unit),
                   1.1 * fs, layout->plot.y + layout->plot.height / 2.0,
                   0.5, 0.0, 1.0, FALSE, G_PI / 2.0);
  cairo_restore (cr);
}

static void
draw_title (cairo_t              *cr,
            const GlmccCcgPlot   *data,
            const GlmccPlotStyle *style,
            double                width)
{
  double fs = style->font_size;
  double pad = 1.1 * fs;
  g_autofree char *title = NULL;

  if (data->title != NULL)
    title = g_strdup (data->title);
  else if (data->ref_name != NULL && data->target_name != NULL)
    title = g_strdup_printf (_("%s \xe2\x86\x92 %s: cross-correlogram%s"), data->ref_name,
                             data->target_name, data->baseline ? "" : _(" and GLMCC fit"));
  else
    title = g_strdup (_("Cross-correlogram and GLMCC fit"));

  glmcc_plot_text_fit (cr, style, &style->foreground, title, pad, pad, width - 2 * pad, 1.25, TRUE);
  if (data->subtitle != NULL && data->subtitle[0] != '\0')
    glmcc_plot_text_fit (cr, style, &style->muted, data->subtitle, pad,
                         pad + 1.25 * fs * GLMCC_PLOT_LINE_HEIGHT, width - 2 * pad, 0.9, FALSE);
}

/* Autocorrelograms ------------------------------------------------------------------------- */

static void
draw_acg (cairo_t              *cr,
          const GlmccCcgPlot   *data,
          const GlmccPlotStyle *style,
          const GlmccPlotRect  *r,
          const double         *counts,
          double                n_spikes,
          const char           *name)
{
  double fs = style->font_size;
  guint n = data->acg_n_bins;
  double w = data->acg_window_ms, bin = 2.0 * w / n;
  double factor = data->unit == GLMCC_PLOT_UNIT_RATE && n_spikes > 0.0 ? 1000.0 / (n_spikes * bin) : 1.0;
  double top = 0.0, step, vmax, y0 = r->y + r->height;
  g_autofree char *title = g_strdup_printf (_("%s, autocorrelogram"), name != NULL ? name : "");
  g_autofree char *peak = NULL;
  g_autofree char *label = NULL;
  GlmccPlotColor outline;

  /* The short form where the long one would be cut. */
  if (glmcc_plot_text_estimate (style, title, 0.8) > r->width)
    {
      g_free (title);
      title = g_strdup_printf (_("%s ACG"), name != NULL ? name : "");
    }

  for (guint k = 0; k < n; k++)
    if (isfinite (counts[k]))
      top = MAX (top, counts[k] * factor);
  step = glmcc_plot_nice_step (MAX (top, 1e-9) * 1.05 / 8.0);
  vmax = top > 0.0 ? ceil (top * 1.05 / step - 1e-9) * step : 1.0;

  cairo_save (cr);
  glmcc_plot_text_fit (cr, style, &style->foreground, title, r->x, r->y - acg_title_height (style) + 0.1 * fs,
                       r->width, 0.8, TRUE);
  /* Bars as one step path, like the cross-correlogram's. */
  cairo_move_to (cr, r->x, y0);
  for (guint k = 0; k < n; k++)
    {
      double v = isfinite (counts[k]) ? MAX (counts[k] * factor, 0.0) : 0.0;
      double y = y0 - r->height * MIN (v / vmax, 1.0);

      cairo_line_to (cr, r->x + r->width * k / n, y);
      cairo_line_to (cr, r->x + r->width * (k + 1) / n, y);
    }
  cairo_line_to (cr, r->x + r->width, y0);
  cairo_close_path (cr);
  glmcc_plot_set_color (cr, &style->bar);
  cairo_fill_preserve (cr);
  bar_outline_color (style, &outline);
  glmcc_plot_set_color_alpha (cr, &outline, 0.8);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);

  /* Axes: the lag axis with −W, 0, W; the height as one number (its top). */
  glmcc_plot_set_color (cr, &style->foreground);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, r->x, glmcc_plot_snap (y0, 1.0));
  cairo_line_to (cr, r->x + r->width, glmcc_plot_snap (y0, 1.0));
  cairo_stroke (cr);
  for (int i = -1; i <= 1; i++)
    {
      double x = glmcc_plot_snap (r->x + r->width * (i + 1) / 2.0, 1.0);
      g_autofree char *tick = glmcc_plot_format_tick (i * w, 1.0);

      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y0 + 0.3 * fs);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->foreground, tick, x, y0 + 0.35 * fs, i < 0 ? 0.0 : i > 0 ? 1.0 : 0.5,
                       0.0, 0.75, FALSE, 0.0);
    }
  {
    double dash[] = { 2.0, 2.0 };

    cairo_set_dash (cr, dash, 2, 0.0);
    glmcc_plot_set_color_alpha (cr, &style->muted, 0.6);
    cairo_move_to (cr, r->x, glmcc_plot_snap (r->y, 1.0));
    cairo_line_to (cr, r->x + r->width, glmcc_plot_snap (r->y, 1.0));
    cairo_stroke (cr);
  }
  peak = glmcc_plot_format_tick (vmax, step);
  label = g_strdup_printf ("%s %s", peak, data->unit == GLMCC_PLOT_UNIT_RATE ? "Hz" : _("per bin"));
  glmcc_plot_text_fit (cr, style, &style->muted, label, r->x + 0.2 * fs, r->y + 0.1 * fs, r->width - 0.4 * fs,
                       0.72, FALSE);
  cairo_restore (cr);
}

static void
draw_acgs (cairo_t              *cr,
           const GlmccCcgPlot   *data,
           const GlmccCcgLayout *layout,
           const GlmccPlotStyle *style)
{
  if (!layout->has_acgs)
    return;
  draw_acg (cr, data, style, &layout->ref_acg, data->ref_acg, data->n_ref_spikes, data->ref_name);
  draw_acg (cr, data, style, &layout->target_acg, data->target_acg, data->n_target_spikes, data->target_name);
}

/* Side panel ------------------------------------------------------------------------------- */

static const GlmccPlotColor *
side_color (const GlmccCcgSide   *side,
            const GlmccPlotStyle *style)
{
  if (side->status == NULL || !side->significant)
    return &style->muted;
  return side->j > 0 ? &style->excitatory : &style->inhibitory;
}

static char *
side_status_text (const GlmccCcgSide *side)
{
  if (side->status == NULL)
    return g_strdup (_("not fitted"));
  if (side->significant)
    return g_strdup_printf (_("%s, %s"), side->status, side->j > 0 ? _("excitatory") : _("inhibitory"));
  return g_strdup (side->status);
}

static char *
side_test_text (const GlmccCcgPlot *data,
                const GlmccCcgSide *side)
{
  g_autofree char *p = NULL;

  /* A p-value that underflowed to 0 is below the smallest double, not zero. */
  if (side->p_value == 0.0)
    p = g_strdup ("p < 10⁻³⁰⁰");
  else if (!isnan (side->p_value))
    {
      g_autofree char *value = glmcc_plot_format_value (side->p_value);
      p = g_strconcat ("p = ", value, NULL);
    }

  if (data->baseline && isfinite (side->statistic))
    {
      g_autofree char *z = glmcc_plot_format_value (side->statistic);

      if (isfinite (side->threshold))
        {
          g_autofree char *t = glmcc_plot_format_value (side->threshold);

          return g_strdup_printf (_("z = %s (threshold \xc2\xb1%s)%s%s"), z, t, p ? _(", ") : "", p ? p : "");
        }
      return g_strdup_printf (_("largest deviation %s s.d.%s%s"), z, p ? _(", ") : "", p ? p : "");
    }
  if (isfinite (side->threshold))
    {
      g_autofree char *t = glmcc_plot_format_value (side->threshold);

      return g_strdup_printf (_("|J| threshold %s%s%s"), t, p ? _(", ") : "", p ? p : "");
    }
  if (isfinite (side->statistic))
    {
      g_autofree char *s = glmcc_plot_format_value (side->statistic);

      return g_strdup_printf (_("LR statistic 2D = %s%s%s"), s, p ? _(", ") : "", p ? p : "");
    }
  return g_steal_pointer (&p);
}

static char *
side_values_text (const GlmccCcgPlot *data,
                  const GlmccCcgSide *side)
{
  g_autofree char *j = glmcc_plot_format_value (side->j);

  if (data->baseline)
    return g_strdup_printf (_("strength %s%s (excess of lags)"), side->j > 0 ? "+" : "", j);
  if (side->significant && isfinite (side->psp_mv))
    {
      g_autofree char *psp = glmcc_plot_format_value (side->psp_mv);

      return g_strdup_printf (_("J = %s, PSP = %s%s mV"), j, side->psp_mv > 0 ? "+" : "", psp);
    }
  return g_strdup_printf (_("J = %s, PSP \xe2\x80\x94"), j);
}

static char *
side_title (const GlmccCcgPlot *data,
            gboolean            forward)
{
  const char *ref = data->ref_name != NULL ? data->ref_name : _("reference");
  const char *target = data->target_name != NULL ? data->target_name : _("target");

  return g_strdup_printf ("%s \xe2\x86\x92 %s", forward ? ref : target, forward ? target : ref);
}

static void
draw_side_block (cairo_t              *cr,
                 const GlmccCcgPlot   *data,
                 const GlmccPlotStyle *style,
                 gboolean              forward,
                 double                x,
                 double                y,
                 double                width)
{
  const GlmccCcgSide *side = forward ? &data->forward : &data->backward;
  double fs = style->font_size;
  double line = fs * GLMCC_PLOT_LINE_HEIGHT;
  double mark = 0.7 * fs;
  g_autofree char *title = side_title (data, forward);
  g_autofree char *status = side_status_text (side);
  g_autofree char *values = NULL;
  g_autofree char *test = NULL;
  g_autofree char *delay = NULL;
  const char *which = data->baseline ? (forward ? _("lags t > 0") : _("lags t < 0"))
                     : forward ? _("J\xe2\x82\x8a, acts on lags t > d")
                               : _("J\xe2\x82\x8b, acts on lags t < \xe2\x88\x92" "d");

  /* A swatch in the connection's colour before the name. */
  cairo_save (cr);
  cairo_rectangle (cr, x, y + (line - mark) / 2.0, mark, mark);
  glmcc_plot_set_color (cr, side_color (side, style));
  cairo_fill (cr);
  cairo_restore (cr);
  glmcc_plot_text_fit (cr, style, &style->foreground, title, x + mark + 0.5 * fs, y + 0.1 * fs,
                       width - mark - 0.5 * fs, 1.0, TRUE);
  y += line;
  glmcc_plot_text_fit (cr, style, &style->muted, which, x, y, width, 0.85, FALSE);
  y += 0.9 * line;
  glmcc_plot_text_fit (cr, style, side_color (side, style), status, x, y, width, 0.95, side->significant);
  y += line;
  if (side->status == NULL)
    return;

  values = side_values_text (data, side);
  glmcc_plot_text_fit (cr, style, &style->foreground, values, x, y, width, 0.9, FALSE);
  y += 0.95 * line;
  test = side_test_text (data, side);
  if (test != NULL)
    {
      glmcc_plot_text_fit (cr, style, &style->foreground, test, x, y, width, 0.9, FALSE);
      y += 0.95 * line;
    }
  if (isfinite (side->delay_ms))
    {
      g_autofree char *d = glmcc_plot_format_compact (side->delay_ms);

      delay = g_strdup_printf (_("delay %s ms"), d);
      glmcc_plot_text_fit (cr, style, &style->foreground, delay, x, y, width, 0.9, FALSE);
    }
}

static double
side_block_height (const GlmccCcgSide   *side,
                   const GlmccPlotStyle *style)
{
  double line = style->font_size * GLMCC_PLOT_LINE_HEIGHT;

  if (side->status == NULL)
    return 2.9 * line;
  return 2.9 * line + 3.0 * 0.95 * line;
}

static void
draw_swatch (cairo_t              *cr,
             const GlmccCcgPlot   *data,
             const GlmccPlotStyle *style,
             LegendKind            kind,
             double                x,
             double                y,
             double                w,
             double                h)
{
  double cy = y + h / 2.0;

  cairo_save (cr);
  switch (kind)
    {
    case LEGEND_BARS:
      {
        GlmccPlotColor outline;

        cairo_rectangle (cr, x, y + 0.15 * h, w, 0.7 * h);
        glmcc_plot_set_color (cr, &style->bar);
        cairo_fill_preserve (cr);
        bar_outline_color (style, &outline);
        glmcc_plot_set_color_alpha (cr, &outline, 0.8);
        cairo_set_line_width (cr, 0.8);
        cairo_stroke (cr);
      }
      break;
    case LEGEND_SLOW:
      {
        double dash[2] = { 4.0 * style->line_width, 2.5 * style->line_width };

        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + w, cy);
        cairo_set_dash (cr, dash, 2, 0.0);
        cairo_set_line_width (cr, style->line_width * 0.75);
        glmcc_plot_set_color (cr, &style->slow);
        cairo_stroke (cr);
      }
      break;
    case LEGEND_FIT:
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + w, cy);
      cairo_set_line_width (cr, style->line_width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      glmcc_plot_set_color (cr, &style->fit);
      cairo_stroke (cr);
      break;
    case LEGEND_COUPLING:
      cairo_rectangle (cr, x, y + 0.15 * h, w / 2.0, 0.7 * h);
      glmcc_plot_set_color_alpha (cr, &style->excitatory, 0.5);
      cairo_fill (cr);
      cairo_rectangle (cr, x + w / 2.0, y + 0.15 * h, w / 2.0, 0.7 * h);
      glmcc_plot_set_color_alpha (cr, &style->inhibitory, 0.5);
      cairo_fill (cr);
      break;
    case LEGEND_DELAY:
      {
        double dash[] = { 3.0, 3.0 };

        for (int i = 0; i < 2; i++)
          {
            double xi = glmcc_plot_snap (x + w * (i == 0 ? 0.3 : 0.7), 1.0);

            cairo_move_to (cr, xi, y);
            cairo_line_to (cr, xi, y + h);
          }
        cairo_set_dash (cr, dash, 2, 0.0);
        cairo_set_line_width (cr, 1.0);
        glmcc_plot_set_color (cr, &style->muted);
        cairo_stroke (cr);
      }
      break;
    case LEGEND_EXCLUDED:
      cairo_rectangle (cr, x, y + 0.15 * h, w, 0.7 * h);
      glmcc_plot_set_color_alpha (cr, &style->muted, 0.35);
      cairo_fill (cr);
      break;
    case LEGEND_EXPECTED:
      {
        double dots[2] = { 1.0 * style->line_width, 2.0 * style->line_width };

        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + w, cy);
        cairo_set_dash (cr, dots, 2, 0.0);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_width (cr, style->line_width * 0.6);
        glmcc_plot_set_color (cr, &style->foreground);
        cairo_stroke (cr);
      }
      break;
    case LEGEND_POINTWISE:
      cairo_rectangle (cr, x, y + 0.15 * h, w, 0.7 * h);
      glmcc_plot_set_color_alpha (cr, &style->accent, 0.22);
      cairo_fill_preserve (cr);
      glmcc_plot_set_color_alpha (cr, &style->accent, 0.55);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      break;
    case LEGEND_GLOBAL:
      cairo_move_to (cr, x, y + 0.2 * h);
      cairo_line_to (cr, x + w, y + 0.2 * h);
      cairo_move_to (cr, x, y + 0.8 * h);
      cairo_line_to (cr, x + w, y + 0.8 * h);
      cairo_set_line_width (cr, style->line_width * 0.9);
      glmcc_plot_set_color (cr, &style->accent);
      cairo_stroke (cr);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
  (void) data;
}

static void
draw_legend_column (cairo_t              *cr,
                    const GlmccCcgPlot   *data,
                    const GlmccPlotStyle *style,
                    double                x,
                    double                y,
                    double                width)
{
  LegendEntry entries[MAX_LEGEND];
  guint n = legend_entries (data, entries);
  double fs = style->font_size;
  double line = 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
  double sw = legend_swatch_width (style);

  for (guint i = 0; i < n; i++)
    {
      draw_swatch (cr, data, style, entries[i].kind, x, y + 0.1 * line, sw, 0.8 * line);
      glmcc_plot_text_fit (cr, style, &style->foreground, entries[i].text, x + sw + 0.6 * fs,
                           y + 0.05 * line, width - sw - 0.6 * fs, 0.9, FALSE);
      y += line;
    }
}

static void
draw_legend_flow (cairo_t              *cr,
                  const GlmccCcgPlot   *data,
                  const GlmccPlotStyle *style,
                  double                x0,
                  double                y0,
                  double                width)
{
  LegendEntry entries[MAX_LEGEND];
  guint n = legend_entries (data, entries);
  guint columns = legend_grid_columns (data, style, width);
  double fs = style->font_size;
  double line = 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
  double sw = legend_swatch_width (style);
  double column_width = width / columns;

  for (guint i = 0; i < n; i++)
    {
      double x = x0 + (i % columns) * column_width;
      double y = y0 + (i / columns) * line;

      draw_swatch (cr, data, style, entries[i].kind, x, y + 0.1 * line, sw, 0.8 * line);
      glmcc_plot_text_fit (cr, style, &style->foreground, entries[i].text, x + sw + 0.6 * fs,
                           y + 0.05 * line, column_width - sw - 1.0 * fs, 0.9, FALSE);
    }
}

static void
draw_panel (cairo_t              *cr,
            const GlmccCcgPlot   *data,
            const GlmccCcgLayout *layout,
            const GlmccPlotStyle *style,
            double                height)
{
  double fs = style->font_size;
  const GlmccPlotRect *p = &layout->panel;

  if (layout->side_panel)
    {
      LegendEntry entries[MAX_LEGEND];
      double y = p->y;
      double legend_h = legend_entries (data, entries) * 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;

      draw_side_block (cr, data, style, TRUE, p->x, y, p->width);
      y += side_block_height (&data->forward, style) + 0.6 * fs;
      draw_side_block (cr, data, style, FALSE, p->x, y, p->width);
      y += side_block_height (&data->backward, style) + 0.6 * fs;

      /* The legend sits at the bottom of the panel, aligned with the plot's foot, unless the
       * panel is too short. */
      y = MAX (y + 0.4 * fs, layout->plot.y + layout->plot.height - legend_h);
      cairo_save (cr);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color_alpha (cr, &style->muted, 0.4);
      cairo_move_to (cr, p->x, glmcc_plot_snap (y - 0.5 * fs, 1.0));
      cairo_line_to (cr, p->x + p->width, glmcc_plot_snap (y - 0.5 * fs, 1.0));
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_legend_column (cr, data, style, p->x, y, p->width);
    }
  else
    {
      double line = 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
      double legend_y;

      gboolean two_lines = p->height > 3.0 * line;

      for (int i = 0; i < 2; i++)
        {
          const GlmccCcgSide *side = i == 0 ? &data->forward : &data->backward;
          g_autofree char *title = side_title (data, i == 0);
          g_autofree char *status = side_status_text (side);
          g_autofree char *values = side->status ? side_values_text (data, side) : NULL;
          g_autofree char *text = g_strdup_printf ("%s: %s%s%s", title, status,
                                                   values ? " \xc2\xb7 " : "", values ? values : "");

          if (!two_lines)
            {
              /* Everything on one line, shrunk to fit. */
              g_autofree char *test = side->status != NULL ? side_test_text (data, side) : NULL;
              g_autofree char *all = g_strdup_printf ("%s%s%s", text, test != NULL ? " \xc2\xb7 " : "",
                                                      test != NULL ? test : "");

              glmcc_plot_text_fit (cr, style, side_color (side, style), all, p->x, p->y + i * line,
                                   p->width, 0.9, FALSE);
              continue;
            }
          glmcc_plot_text_fit (cr, style, side_color (side, style), text, p->x, p->y + 2 * i * line,
                               p->width, 0.9, FALSE);
          if (side->status != NULL)
            {
              g_autofree char *test = side_test_text (data, side);
              g_autofree char *delay = isfinite (side->delay_ms) ? glmcc_plot_format_compact (side->delay_ms) : NULL;
              g_autofree char *delay_text = delay != NULL ? g_strdup_printf (_("delay %s ms"), delay) : NULL;
              g_autofree char *details = g_strdup_printf ("%s%s%s", test != NULL ? test : "",
                                                          test != NULL && delay != NULL ? " \xc2\xb7 " : "",
                                                          delay != NULL ? delay_text : "");

              glmcc_plot_text_fit (cr, style, &style->muted, details, p->x + 1.0 * fs,
                                   p->y + (2 * i + 1) * line, p->width - 1.0 * fs, 0.85, FALSE);
            }
        }
      legend_y = height - 1.1 * fs
                 - legend_flow_rows (data, style, p->width) * line;
      draw_legend_flow (cr, data, style, p->x, legend_y, p->width);
    }
}

void
glmcc_plot_ccg (cairo_t              *cr,
                double                width,
                double                height,
                const GlmccCcgPlot   *data,
                const GlmccPlotStyle *style)
{
  GlmccPlotStyle storage;
  GlmccCcgLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  glmcc_plot_ccg_get_layout (width, height, data, style, &layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, width, height, style);
  draw_title (cr, data, style, width);

  if (data->n_bins > 0 && data->bin_ms > 0.0)
    {
      draw_grid (cr, &layout, style);
      draw_excluded (cr, data, &layout, style);
      draw_pointwise_band (cr, data, &layout, style);
      draw_bars (cr, data, &layout, style);
      draw_bands (cr, data, &layout, style);
      if (has_curves (data))
        {
          draw_coupling (cr, data, &layout, style);
          draw_curves (cr, data, &layout, style);
        }
      draw_delay_markers (cr, data, &layout, style);
    }
  draw_axes (cr, data, &layout, style);
  draw_acgs (cr, data, &layout, style);
  draw_panel (cr, data, &layout, style, height);
  cairo_restore (cr);
}
