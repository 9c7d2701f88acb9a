/* glmcc-plot-network.c: the connectivity matrix and the network graph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-plot-private.h"

#define MAX_TICKS 32
/* Above this many neurons the matrix is drawn as one image of n × n pixels. */
#define MATRIX_VECTOR_LIMIT 150
/* Longest name the label margins make room for (longer ones are ellipsized). */
#define NAME_CHARS 10

void
glmcc_network_plot_init (GlmccNetworkPlot *data)
{
  g_return_if_fail (data != NULL);

  memset (data, 0, sizeof *data);
  data->highlight_pre = -1;
  data->highlight_post = -1;
}

static double
psp_at (const GlmccNetworkPlot *data,
        guint                   pre,
        guint                   post)
{
  if (data->psp_mv == NULL)
    return 0.0;
  return data->psp_mv[(gsize) pre * data->n + post];
}

static GlmccPlotNodeType
type_at (const GlmccNetworkPlot *data,
         guint                   i)
{
  return data->types != NULL ? data->types[i] : GLMCC_PLOT_NODE_UNKNOWN;
}

static char *
name_at (const GlmccNetworkPlot *data,
         guint                   i)
{
  if (data->names != NULL && data->names[i] != NULL)
    return g_strdup (data->names[i]);
  return g_strdup_printf ("%u", i);
}

static double
max_name_width (const GlmccNetworkPlot *data,
                const GlmccPlotStyle   *style,
                double                  scale)
{
  double w = 0.0;

  for (guint i = 0; i < data->n; i++)
    {
      g_autofree char *name = name_at (data, i);
      glong chars = MIN (g_utf8_strlen (name, -1), NAME_CHARS);

      w = MAX (w, chars * GLMCC_PLOT_CHAR_WIDTH * style->font_size * scale);
    }
  return w;
}

static double
max_abs_psp (const GlmccNetworkPlot *data)
{
  double m = 0.0;

  for (guint i = 0; i < data->n; i++)
    for (guint j = 0; j < data->n; j++)
      {
        double v = psp_at (data, i, j);

        if (isfinite (v) && i != j)
          m = MAX (m, fabs (v));
      }
  return m;
}

static double
title_height (const GlmccNetworkPlot *data,
              const GlmccPlotStyle   *style)
{
  if (data->title == NULL || data->title[0] == '\0')
    return 0.0;
  return 1.25 * style->font_size * GLMCC_PLOT_LINE_HEIGHT + 0.4 * style->font_size;
}

static void
draw_title (cairo_t                *cr,
            const GlmccNetworkPlot *data,
            const GlmccPlotStyle   *style,
            double                  width)
{
  double pad = 1.1 * style->font_size;

  if (data->title != NULL && data->title[0] != '\0')
    glmcc_plot_text_fit (cr, style, &style->foreground, data->title, pad, pad, width - 2 * pad, 1.25, TRUE);
}

void
glmcc_plot_psp_color (const GlmccPlotStyle *style,
                      double                psp_mv,
                      double                limit_mv,
                      GlmccPlotColor       *color)
{
  GlmccPlotStyle storage;
  double t;

  g_return_if_fail (color != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  if (!isfinite (psp_mv) || psp_mv == 0.0 || !(limit_mv > 0.0))
    {
      *color = style->background;
      color->alpha = 1.0;
      return;
    }
  t = MIN (1.0, fabs (psp_mv) / limit_mv);
  glmcc_plot_color_mix (&style->background, psp_mv > 0 ? &style->excitatory : &style->inhibitory,
                        t, color);
  color->alpha = 1.0;
}

/* Matrix ----------------------------------------------------------------------------------- */

static double
matrix_limit (const GlmccNetworkPlot *data)
{
  double m = max_abs_psp (data);

  if (!(m > 0.0))
    return 1.0;
  return ceil (m / glmcc_plot_nice_step (m / 4.0) - 1e-9) * glmcc_plot_nice_step (m / 4.0);
}

void
glmcc_plot_matrix_get_layout (double                  width,
                              double                  height,
                              const GlmccNetworkPlot *data,
                              const GlmccPlotStyle   *style,
                              GlmccMatrixLayout      *layout)
{
  GlmccPlotStyle storage;
  double fs, pad, top, left, right, bottom, names, avail_w, avail_h, cell;
  guint n;

  g_return_if_fail (data != NULL);
  g_return_if_fail (layout != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  fs = style->font_size;
  pad = 1.1 * fs;
  n = MAX (data->n, 1u);
  memset (layout, 0, sizeof *layout);
  layout->limit_mv = matrix_limit (data);

  names = max_name_width (data, style, 0.8);
  top = pad + title_height (data, style) + 0.3 * fs;
  left = pad + fs * GLMCC_PLOT_LINE_HEIGHT + 0.3 * fs + names + 0.4 * fs;
  bottom = height - pad - fs * GLMCC_PLOT_LINE_HEIGHT - 0.3 * fs - names - 0.4 * fs;
  right = width - pad - fs * GLMCC_PLOT_LINE_HEIGHT - 4.5 * GLMCC_PLOT_CHAR_WIDTH * 0.9 * fs
          - 0.8 * fs - 1.2 * fs - 1.5 * fs;

  avail_w = MAX (1.0, right - left);
  avail_h = MAX (1.0, bottom - top);
  cell = MIN (avail_w, avail_h) / n;
  layout->cell_size = cell;
  layout->cells.width = cell * n;
  layout->cells.height = cell * n;
  layout->cells.x = left + (avail_w - layout->cells.width) / 2.0;
  layout->cells.y = top + (avail_h - layout->cells.height) / 2.0;

  layout->colorbar.x = layout->cells.x + layout->cells.width + 1.5 * fs;
  layout->colorbar.width = 1.2 * fs;
  layout->colorbar.height = MIN (layout->cells.height, MAX (10.0 * fs, layout->cells.height * 0.8));
  layout->colorbar.y = layout->cells.y + (layout->cells.height - layout->colorbar.height) / 2.0;
}

gboolean
glmcc_plot_matrix_hit_test (double                  width,
                            double                  height,
                            const GlmccNetworkPlot *data,
                            const GlmccPlotStyle   *style,
                            double                  x,
                            double                  y,
                            guint                  *pre,
                            guint                  *post)
{
  GlmccMatrixLayout layout;
  double col, row;

  g_return_val_if_fail (data != NULL, FALSE);

  if (data->n == 0)
    return FALSE;
  glmcc_plot_matrix_get_layout (width, height, data, style, &layout);
  col = floor ((x - layout.cells.x) / layout.cell_size);
  row = floor ((y - layout.cells.y) / layout.cell_size);
  if (col < 0 || row < 0 || col >= data->n || row >= data->n)
    return FALSE;
  if (pre != NULL)
    *pre = (guint) row;
  if (post != NULL)
    *post = (guint) col;
  return TRUE;
}

static void
cell_color (const GlmccNetworkPlot *data,
            const GlmccPlotStyle   *style,
            double                  limit,
            guint                   pre,
            guint                   post,
            GlmccPlotColor         *color)
{
  double v = psp_at (data, pre, post);

  if (pre == post)
    glmcc_plot_color_mix (&style->background, &style->muted, 0.3, color);
  else if (isnan (v))
    glmcc_plot_color_mix (&style->background, &style->muted, 0.15, color);
  else
    glmcc_plot_psp_color (style, v, limit, color);
  color->alpha = 1.0;
}

static void
draw_cells_image (cairo_t                 *cr,
                  const GlmccNetworkPlot  *data,
                  const GlmccPlotStyle    *style,
                  const GlmccMatrixLayout *layout)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) data->n, (int) data->n);
  unsigned char *pixels;
  int stride;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  cairo_surface_flush (image);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint i = 0; i < data->n; i++)
    {
      guint32 *row = (guint32 *) (gpointer) (pixels + (gsize) i * stride);

      for (guint j = 0; j < data->n; j++)
        {
          GlmccPlotColor c;

          cell_color (data, style, layout->limit_mv, i, j, &c);
          row[j] = ((guint32) lround (c.red * 255) << 16) | ((guint32) lround (c.green * 255) << 8)
                   | (guint32) lround (c.blue * 255);
        }
    }
  cairo_surface_mark_dirty (image);

  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&matrix, 1.0 / layout->cell_size, 1.0 / layout->cell_size);
  cairo_matrix_translate (&matrix, -layout->cells.x, -layout->cells.y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_save (cr);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, layout->cells.x, layout->cells.y, layout->cells.width, layout->cells.height);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (image);
}

static void
draw_cells_vector (cairo_t                 *cr,
                   const GlmccNetworkPlot  *data,
                   const GlmccPlotStyle    *style,
                   const GlmccMatrixLayout *layout)
{
  double c = layout->cell_size;
  GlmccPlotColor zero;

  glmcc_plot_psp_color (style, 0.0, layout->limit_mv, &zero);
  cairo_save (cr);
  cairo_rectangle (cr, layout->cells.x, layout->cells.y, layout->cells.width, layout->cells.height);
  glmcc_plot_set_color (cr, &zero);
  cairo_fill (cr);
  for (guint i = 0; i < data->n; i++)
    for (guint j = 0; j < data->n; j++)
      {
        GlmccPlotColor color;
        double v = psp_at (data, i, j);

        if (i != j && isfinite (v) && v == 0.0)
          continue;
        cell_color (data, style, layout->limit_mv, i, j, &color);
        cairo_rectangle (cr, layout->cells.x + j * c, layout->cells.y + i * c, c, c);
        glmcc_plot_set_color (cr, &color);
        cairo_fill (cr);
      }
  /* Grid lines when the cells are big enough to be told apart. */
  if (c >= 6.0)
    {
      cairo_set_line_width (cr, 0.5);
      glmcc_plot_set_color_alpha (cr, &style->muted, 0.25);
      for (guint k = 1; k < data->n; k++)
        {
          cairo_move_to (cr, layout->cells.x + k * c, layout->cells.y);
          cairo_line_to (cr, layout->cells.x + k * c, layout->cells.y + layout->cells.height);
          cairo_move_to (cr, layout->cells.x, layout->cells.y + k * c);
          cairo_line_to (cr, layout->cells.x + layout->cells.width, layout->cells.y + k * c);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Every how many neurons a name fits along an axis. */
static guint
label_every (double cell,
             double font_size)
{
  double need = 0.8 * font_size * 1.15;

  if (cell >= need)
    return 1;
  return (guint) glmcc_plot_nice_step (need / cell);
}

static void
draw_matrix_labels (cairo_t                 *cr,
                    const GlmccNetworkPlot  *data,
                    const GlmccPlotStyle    *style,
                    const GlmccMatrixLayout *layout)
{
  double fs = style->font_size;
  double c = layout->cell_size;
  guint every = label_every (c, fs);
  double names = max_name_width (data, style, 0.8);
  double scale = MIN (0.8, MAX (0.5, c / fs));
  gboolean horizontal;
  double title_y;

  if (every > 1)
    scale = 0.8;
  /* Column names read horizontally when every one fits in its column. */
  horizontal = every == 1 && max_name_width (data, style, scale) <= 0.95 * c;
  title_y = layout->cells.y + layout->cells.height + 0.4 * fs
            + (horizontal ? scale * fs * GLMCC_PLOT_LINE_HEIGHT : names) + 0.3 * fs;
  for (guint i = 0; i < data->n; i += every)
    {
      g_autofree char *name = name_at (data, i);

      if (g_utf8_strlen (name, -1) > NAME_CHARS)
        {
          char *cut = g_utf8_offset_to_pointer (name, NAME_CHARS - 1);

          strcpy (cut, "\xe2\x80\xa6");
        }
      /* Row (presynaptic) names on the left, column (postsynaptic) names below. */
      glmcc_plot_text (cr, style, &style->foreground, name, layout->cells.x - 0.4 * fs,
                       layout->cells.y + (i + 0.5) * c, 1.0, 0.5, scale, FALSE, 0.0);
      if (horizontal)
        glmcc_plot_text (cr, style, &style->foreground, name, layout->cells.x + (i + 0.5) * c,
                         layout->cells.y + layout->cells.height + 0.4 * fs, 0.5, 0.0, scale, FALSE, 0.0);
      else
        glmcc_plot_text (cr, style, &style->foreground, name, layout->cells.x + (i + 0.5) * c,
                         layout->cells.y + layout->cells.height + 0.4 * fs, 1.0, 0.5, scale, FALSE,
                         G_PI / 2.0);
    }
  glmcc_plot_text (cr, style, &style->foreground, "presynaptic (row)",
                   layout->cells.x - 0.4 * fs - names - 0.3 * fs,
                   layout->cells.y + layout->cells.height / 2.0, 0.5, 1.0, 1.0, FALSE, G_PI / 2.0);
  glmcc_plot_text (cr, style, &style->foreground, "postsynaptic (column)",
                   layout->cells.x + layout->cells.width / 2.0,
                   title_y, 0.5, 0.0, 1.0, FALSE, 0.0);
}

static gboolean
any_untested (const GlmccNetworkPlot *data)
{
  for (guint i = 0; i < data->n; i++)
    for (guint j = 0; j < data->n; j++)
      if (i != j && isnan (psp_at (data, i, j)))
        return TRUE;
  return FALSE;
}

static void
draw_colorbar (cairo_t                 *cr,
               const GlmccPlotStyle    *style,
               const GlmccMatrixLayout *layout,
               gboolean                 has_untested)
{
  const GlmccPlotRect *bar = &layout->colorbar;
  double fs = style->font_size;
  double limit = layout->limit_mv;
  double ticks[MAX_TICKS];
  double step;
  guint n_steps = MAX (2u, (guint) ceil (bar->height));
  guint n;

  /* Top = +limit (excitatory), bottom = −limit. */
  cairo_save (cr);
  for (guint i = 0; i < n_steps; i++)
    {
      GlmccPlotColor color;
      double v = limit - 2.0 * limit * (i + 0.5) / n_steps;

      glmcc_plot_psp_color (style, v, limit, &color);
      cairo_rectangle (cr, bar->x, bar->y + bar->height * i / n_steps, bar->width,
                       bar->height / n_steps + 0.5);
      glmcc_plot_set_color (cr, &color);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color (cr, &style->foreground);
  cairo_stroke (cr);

  n = glmcc_plot_nice_ticks (-limit, limit, 4, ticks, MAX_TICKS, &step);
  for (guint i = 0; i < n; i++)
    {
      double y = bar->y + bar->height * (limit - ticks[i]) / (2.0 * limit);
      g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

      glmcc_plot_set_color (cr, &style->foreground);
      cairo_move_to (cr, bar->x + bar->width, y);
      cairo_line_to (cr, bar->x + bar->width + 0.35 * fs, y);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->foreground, label, bar->x + bar->width + 0.5 * fs, y,
                       0.0, 0.5, 0.9, FALSE, 0.0);
    }
  glmcc_plot_text (cr, style, &style->foreground, "PSP (mV)",
                   bar->x + bar->width + 0.8 * fs + 4.5 * GLMCC_PLOT_CHAR_WIDTH * 0.9 * fs,
                   bar->y + bar->height / 2.0, 0.5, 0.0, 1.0, FALSE, -G_PI / 2.0);
  glmcc_plot_text (cr, style, &style->muted, "excitatory", bar->x, bar->y - 0.8 * fs,
                   0.0, 1.0, 0.85, FALSE, 0.0);
  glmcc_plot_text (cr, style, &style->muted, "inhibitory", bar->x,
                   bar->y + bar->height + 0.8 * fs, 0.0, 0.0, 0.85, FALSE, 0.0);
  if (has_untested)
    {
      GlmccPlotColor grey;
      double y = bar->y + bar->height + 0.8 * fs + 1.6 * fs;

      glmcc_plot_color_mix (&style->background, &style->muted, 0.15, &grey);
      cairo_rectangle (cr, bar->x, y, bar->width, 0.9 * fs);
      glmcc_plot_set_color (cr, &grey);
      cairo_fill_preserve (cr);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->muted, "not tested", bar->x + bar->width + 0.5 * fs,
                       y + 0.45 * fs, 0.0, 0.5, 0.85, FALSE, 0.0);
    }
  cairo_restore (cr);
}

void
glmcc_plot_matrix (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const GlmccNetworkPlot *data,
                   const GlmccPlotStyle   *style)
{
  GlmccPlotStyle storage;
  GlmccMatrixLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  glmcc_plot_matrix_get_layout (width, height, data, style, &layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, width, height, style);
  draw_title (cr, data, style, width);

  if (data->n > 0)
    {
      if (data->n > MATRIX_VECTOR_LIMIT)
        draw_cells_image (cr, data, style, &layout);
      else
        draw_cells_vector (cr, data, style, &layout);

      cairo_save (cr);
      cairo_rectangle (cr, layout.cells.x, layout.cells.y, layout.cells.width, layout.cells.height);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_stroke (cr);
      if (data->highlight_pre >= 0 && data->highlight_post >= 0
          && (guint) data->highlight_pre < data->n && (guint) data->highlight_post < data->n)
        {
          double c = layout.cell_size;

          cairo_rectangle (cr, layout.cells.x + data->highlight_post * c - 1.0,
                           layout.cells.y + data->highlight_pre * c - 1.0, c + 2.0, c + 2.0);
          cairo_set_line_width (cr, 2.0);
          glmcc_plot_set_color (cr, &style->accent);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
      draw_matrix_labels (cr, data, style, &layout);
    }
  draw_colorbar (cr, style, &layout, any_untested (data));
  cairo_restore (cr);
}

/* Network ---------------------------------------------------------------------------------- */

typedef struct
{
  GlmccPlotRect area;       /* where the nodes go */
  double        legend_y;
  gboolean      names;      /* draw names at all */
} NetworkLayout;

static void
network_layout (double                  width,
                double                  height,
                const GlmccNetworkPlot *data,
                const GlmccPlotStyle   *style,
                NetworkLayout          *layout)
{
  double fs = style->font_size;
  double pad = 1.1 * fs;
  double top = pad + title_height (data, style);
  double legend_h = 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT * 2.0;

  layout->legend_y = height - pad - legend_h;
  layout->area.x = pad;
  layout->area.y = top;
  layout->area.width = MAX (1.0, width - 2.0 * pad);
  layout->area.height = MAX (1.0, layout->legend_y - 0.6 * fs - top);
  layout->names = data->n <= 80;
}

void
glmcc_plot_network_get_nodes (double                  width,
                              double                  height,
                              const GlmccNetworkPlot *data,
                              const GlmccPlotStyle   *style,
                              double                 *centres,
                              double                 *radius)
{
  GlmccPlotStyle storage;
  NetworkLayout layout;
  double fs, label_room, cx, cy, r_node, big_r;
  guint n;

  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  network_layout (width, height, data, style, &layout);
  fs = style->font_size;
  n = data->n;
  label_room = layout.names ? max_name_width (data, style, 0.9) + 0.5 * fs : 0.0;
  cx = layout.area.x + layout.area.width / 2.0;
  cy = layout.area.y + layout.area.height / 2.0;

  if (data->positions != NULL && n > 0)
    {
      double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      double span_x, span_y, s, margin;

      for (guint i = 0; i < n; i++)
        {
          min_x = MIN (min_x, data->positions[2 * i]);
          max_x = MAX (max_x, data->positions[2 * i]);
          min_y = MIN (min_y, data->positions[2 * i + 1]);
          max_y = MAX (max_y, data->positions[2 * i + 1]);
        }
      r_node = CLAMP (MIN (layout.area.width, layout.area.height) / (3.0 * sqrt ((double) n) + 2.0),
                      3.0, 1.1 * fs);
      margin = r_node + (layout.names ? 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT : 0.0);
      span_x = MAX (max_x - min_x, 1e-12);
      span_y = MAX (max_y - min_y, 1e-12);
      s = MIN ((layout.area.width - 2 * margin) / span_x, (layout.area.height - 2 * margin) / span_y);
      if (max_x - min_x < 1e-12 && max_y - min_y < 1e-12)
        s = 0.0;
      for (guint i = 0; i < n; i++)
        {
          if (centres != NULL)
            {
              centres[2 * i] = cx + (data->positions[2 * i] - (min_x + max_x) / 2.0) * s;
              centres[2 * i + 1] = cy + (data->positions[2 * i + 1] - (min_y + max_y) / 2.0) * s;
            }
        }
    }
  else
    {
      big_r = MAX (1.0, MIN (layout.area.width, layout.area.height) / 2.0 - label_room);
      r_node = n > 0 ? CLAMP (0.5 * G_PI * big_r / n, 3.0, 0.85 * fs) : 0.85 * fs;
      big_r = MAX (1.0, big_r - r_node);
      for (guint i = 0; i < n; i++)
        {
          double angle = -G_PI / 2.0 + 2.0 * G_PI * i / n;

          if (centres != NULL)
            {
              centres[2 * i] = n == 1 ? cx : cx + big_r * cos (angle);
              centres[2 * i + 1] = n == 1 ? cy : cy + big_r * sin (angle);
            }
        }
    }
  if (radius != NULL)
    *radius = r_node;
}

/* The curved edge pre → post: start, control point and end (already shortened to the node
 * rims, the end leaving room for the arrow tip). */
static void
edge_geometry (const double *centres,
               double        r_node,
               guint         pre,
               guint         post,
               double        out[6])
{
  double x0 = centres[2 * pre], y0 = centres[2 * pre + 1];
  double x1 = centres[2 * post], y1 = centres[2 * post + 1];
  double dx = x1 - x0, dy = y1 - y0;
  double len = hypot (dx, dy);
  double bend = 0.12;
  double cx, cy, ux, uy, l;

  if (len < 1e-9)
    {
      out[0] = out[2] = out[4] = x0;
      out[1] = out[3] = out[5] = y0;
      return;
    }
  /* Bend to the right of the direction of travel, so a → b and b → a do not overlap. */
  cx = (x0 + x1) / 2.0 - dy * bend;
  cy = (y0 + y1) / 2.0 + dx * bend;

  ux = cx - x0;
  uy = cy - y0;
  l = hypot (ux, uy);
  out[0] = x0 + ux / l * r_node;
  out[1] = y0 + uy / l * r_node;
  out[2] = cx;
  out[3] = cy;
  ux = cx - x1;
  uy = cy - y1;
  l = hypot (ux, uy);
  out[4] = x1 + ux / l * (r_node + 1.0);
  out[5] = y1 + uy / l * (r_node + 1.0);
}

static void
quad_point (const double g[6],
            double       t,
            double      *x,
            double      *y)
{
  double u = 1.0 - t;

  *x = u * u * g[0] + 2 * u * t * g[2] + t * t * g[4];
  *y = u * u * g[1] + 2 * u * t * g[3] + t * t * g[5];
}

static double
edge_width (const GlmccPlotStyle *style,
            double                psp,
            double                max_psp)
{
  double unit = style->line_width / 2.0;

  if (!(max_psp > 0.0))
    return unit;
  return unit * (0.6 + 3.4 * fabs (psp) / max_psp);
}

typedef struct
{
  guint  pre;
  guint  post;
  double magnitude;
} Edge;

static int
edge_compare (gconstpointer a,
              gconstpointer b)
{
  const Edge *ea = a, *eb = b;

  return (ea->magnitude > eb->magnitude) - (ea->magnitude < eb->magnitude);
}

static GArray *
collect_edges (const GlmccNetworkPlot *data)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < data->n; i++)
    for (guint j = 0; j < data->n; j++)
      {
        double v = psp_at (data, i, j);

        if (i != j && isfinite (v) && v != 0.0)
          {
            Edge e = { i, j, fabs (v) };

            g_array_append_val (edges, e);
          }
      }
  g_array_sort (edges, edge_compare);
  return edges;
}

static const GlmccPlotColor *
node_color (const GlmccPlotStyle *style,
            GlmccPlotNodeType     type)
{
  switch (type)
    {
    case GLMCC_PLOT_NODE_EXCITATORY:
      return &style->excitatory;
    case GLMCC_PLOT_NODE_INHIBITORY:
      return &style->inhibitory;
    case GLMCC_PLOT_NODE_UNKNOWN:
    default:
      return &style->neutral;
    }
}

static void
draw_edge (cairo_t              *cr,
           const GlmccPlotStyle *style,
           const double          g[6],
           double                psp,
           double                w,
           const GlmccPlotColor *color,
           double                alpha)
{
  double head = MAX (5.0, 2.2 * w + 3.0);
  double angle = atan2 (g[5] - g[3], g[4] - g[2]);
  double sx = g[4] - cos (angle) * head * 0.6;
  double sy = g[5] - sin (angle) * head * 0.6;

  /* The shaft stops inside the arrow head so that thick lines do not blunt the tip. */
  cairo_move_to (cr, g[0], g[1]);
  cairo_curve_to (cr, g[0] + 2.0 / 3.0 * (g[2] - g[0]), g[1] + 2.0 / 3.0 * (g[3] - g[1]),
                  sx + 2.0 / 3.0 * (g[2] - sx), sy + 2.0 / 3.0 * (g[3] - sy), sx, sy);
  cairo_set_line_width (cr, w);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  glmcc_plot_set_color_alpha (cr, color, alpha);
  cairo_stroke (cr);
  glmcc_plot_arrow_head (cr, g[4], g[5], angle, head);
  cairo_fill (cr);
  (void) style;
  (void) psp;
}

static void
draw_network_legend (cairo_t                *cr,
                     const GlmccNetworkPlot *data,
                     const GlmccPlotStyle   *style,
                     double                  x,
                     double                  y,
                     double                  max_psp)
{
  double fs = style->font_size;
  double line = 0.9 * fs * GLMCC_PLOT_LINE_HEIGHT;
  double r = 0.4 * fs;
  static const struct { GlmccPlotNodeType type; const char *text; } nodes[] = {
    { GLMCC_PLOT_NODE_EXCITATORY, "excitatory neuron" },
    { GLMCC_PLOT_NODE_INHIBITORY, "inhibitory neuron" },
    { GLMCC_PLOT_NODE_UNKNOWN, "unlabelled" },
  };
  double x0 = x;

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r, y + line / 2.0, r, 0, 2 * G_PI);
      glmcc_plot_set_color (cr, node_color (style, nodes[i].type));
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_stroke (cr);
      x += 2 * r + 0.4 * fs;
      x += glmcc_plot_text (cr, style, &style->foreground, nodes[i].text, x, y + line / 2.0,
                            0.0, 0.5, 0.9, FALSE, 0.0) + 1.4 * fs;
    }
  x = x0;
  y += line;
  for (int sign = 1; sign >= -1; sign -= 2)
    {
      double g[6] = { x, y + line / 2.0, x + 1.1 * fs, y + line / 2.0, x + 2.2 * fs, y + line / 2.0 };

      draw_edge (cr, style, g, sign, edge_width (style, 1.0, 1.0) * 0.6,
                 sign > 0 ? &style->excitatory : &style->inhibitory, 0.85);
      x += 2.6 * fs;
      x += glmcc_plot_text (cr, style, &style->foreground,
                            sign > 0 ? "excitatory connection" : "inhibitory connection",
                            x, y + line / 2.0, 0.0, 0.5, 0.9, FALSE, 0.0) + 1.4 * fs;
    }
  if (max_psp > 0.0)
    {
      g_autofree char *value = glmcc_plot_format_value (max_psp);
      g_autofree char *text = g_strdup_printf ("line width \xe2\x88\x9d |PSP|, widest %s mV", value);

      glmcc_plot_text (cr, style, &style->muted, text, x, y + line / 2.0, 0.0, 0.5, 0.9, FALSE, 0.0);
    }
  (void) data;
}

void
glmcc_plot_network (cairo_t                *cr,
                    double                  width,
                    double                  height,
                    const GlmccNetworkPlot *data,
                    const GlmccPlotStyle   *style)
{
  GlmccPlotStyle storage;
  NetworkLayout layout;
  g_autofree double *centres = NULL;
  g_autoptr(GArray) edges = NULL;
  double r_node, max_psp, fs;
  double cx, cy;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  fs = style->font_size;
  network_layout (width, height, data, style, &layout);
  centres = g_new0 (double, 2 * (gsize) MAX (data->n, 1u));
  glmcc_plot_network_get_nodes (width, height, data, style, centres, &r_node);
  max_psp = max_abs_psp (data);
  edges = collect_edges (data);
  cx = layout.area.x + layout.area.width / 2.0;
  cy = layout.area.y + layout.area.height / 2.0;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, width, height, style);
  draw_title (cr, data, style, width);

  /* Weak edges first, strong ones on top. */
  for (guint k = 0; k < edges->len; k++)
    {
      const Edge *e = &g_array_index (edges, Edge, k);
      double v = psp_at (data, e->pre, e->post);
      double g[6];

      edge_geometry (centres, r_node, e->pre, e->post, g);
      draw_edge (cr, style, g, v, edge_width (style, v, max_psp),
                 v > 0 ? &style->excitatory : &style->inhibitory, 0.75);
    }
  if (data->highlight_pre >= 0 && data->highlight_post >= 0
      && (guint) data->highlight_pre < data->n && (guint) data->highlight_post < data->n)
    {
      double v = psp_at (data, data->highlight_pre, data->highlight_post);
      double g[6];

      edge_geometry (centres, r_node, data->highlight_pre, data->highlight_post, g);
      draw_edge (cr, style, g, v, edge_width (style, v, max_psp) + 2.0, &style->accent, 1.0);
    }

  for (guint i = 0; i < data->n; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, centres[2 * i], centres[2 * i + 1], r_node, 0, 2 * G_PI);
      glmcc_plot_set_color (cr, node_color (style, type_at (data, i)));
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_stroke (cr);
    }

  if (layout.names)
    for (guint i = 0; i < data->n; i++)
      {
        g_autofree char *name = name_at (data, i);
        double x = centres[2 * i], y = centres[2 * i + 1];
        double dx = x - cx, dy = y - cy;
        double l = hypot (dx, dy);

        if (data->positions != NULL || l < 1e-6)
          glmcc_plot_text (cr, style, &style->foreground, name, x, y + r_node + 0.15 * fs,
                           0.5, 0.0, 0.9, FALSE, 0.0);
        else
          {
            /* Outside the circle, pointing away from its centre. */
            double ux = dx / l, uy = dy / l;

            glmcc_plot_text (cr, style, &style->foreground, name,
                             x + ux * (r_node + 0.35 * fs), y + uy * (r_node + 0.35 * fs),
                             0.5 - 0.5 * ux, 0.5 - 0.5 * uy, 0.9, FALSE, 0.0);
          }
      }

  draw_network_legend (cr, data, style, layout.area.x, layout.legend_y, max_psp);
  cairo_restore (cr);
}

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

GlmccNetworkHitKind
glmcc_plot_network_hit_test (double                  width,
                             double                  height,
                             const GlmccNetworkPlot *data,
                             const GlmccPlotStyle   *style,
                             double                  x,
                             double                  y,
                             guint                  *pre,
                             guint                  *post)
{
  GlmccPlotStyle storage;
  g_autofree double *centres = NULL;
  g_autoptr(GArray) edges = NULL;
  double r_node, max_psp, best = G_MAXDOUBLE;
  GlmccNetworkHitKind kind = GLMCC_NETWORK_HIT_NONE;

  g_return_val_if_fail (data != NULL, GLMCC_NETWORK_HIT_NONE);

  if (data->n == 0)
    return GLMCC_NETWORK_HIT_NONE;
  style = glmcc_plot_style_or_default (style, &storage);
  centres = g_new0 (double, 2 * (gsize) data->n);
  glmcc_plot_network_get_nodes (width, height, data, style, centres, &r_node);

  for (guint i = 0; i < data->n; i++)
    {
      double d = hypot (x - centres[2 * i], y - centres[2 * i + 1]);

      if (d <= r_node + 2.0 && d < best)
        {
          best = d;
          kind = GLMCC_NETWORK_HIT_NODE;
          if (pre != NULL)
            *pre = i;
        }
    }
  if (kind == GLMCC_NETWORK_HIT_NODE)
    return kind;

  max_psp = max_abs_psp (data);
  edges = collect_edges (data);
  /* The strongest edge is drawn last, on top: search from there. */
  for (guint k = edges->len; k-- > 0;)
    {
      const Edge *e = &g_array_index (edges, Edge, k);
      double tolerance = MAX (3.0, edge_width (style, e->magnitude, max_psp) / 2.0 + 2.0);
      double g[6], px, py;

      edge_geometry (centres, r_node, e->pre, e->post, g);
      quad_point (g, 0.0, &px, &py);
      for (int s = 1; s <= 24; s++)
        {
          double qx, qy, d;

          quad_point (g, s / 24.0, &qx, &qy);
          d = segment_distance (x, y, px, py, qx, qy);
          if (d <= tolerance && d < best)
            {
              best = d;
              kind = GLMCC_NETWORK_HIT_EDGE;
              if (pre != NULL)
                *pre = e->pre;
              if (post != NULL)
                *post = e->post;
            }
          px = qx;
          py = qy;
        }
    }
  return kind;
}
