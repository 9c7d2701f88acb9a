/* glmcc-figure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-figure"

#include "config.h"

#include "glmcc-figure.h"

struct _GlmccFigure
{
  gboolean          correlogram;
  GlmccPlotFigure   kind;
  GlmccNetworkPlot  plot;        /* points into the references below */
  GlmccGraphData   *graph;
  GBytes           *positions;
  GlmccPlotGuides   guides;
  GBytes           *order;
  GBytes           *blocks;
  GBytes           *mask;
  GlmccPlotView     view;
  GlmccCcgPlotData *ccg;
  char             *title;
  GlmccScorePlotData *score;
};

static gconstpointer
bytes_data (GBytes *bytes)
{
  return bytes != NULL ? g_bytes_get_data (bytes, NULL) : NULL;
}

GlmccFigure *
glmcc_figure_new_graph (GlmccPlotFigure         kind,
                        GlmccGraphData         *graph,
                        const GlmccNetworkPlot *plot,
                        GBytes                 *positions,
                        const GlmccPlotGuides  *guides,
                        GBytes                 *order,
                        GBytes                 *blocks,
                        GBytes                 *mask,
                        const GlmccPlotView    *view)
{
  GlmccFigure *self;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (plot != NULL, NULL);

  self = g_atomic_rc_box_new0 (GlmccFigure);
  self->kind = kind;
  self->graph = glmcc_graph_data_ref (graph);
  self->positions = positions != NULL ? g_bytes_ref (positions) : NULL;
  self->order = order != NULL ? g_bytes_ref (order) : NULL;
  self->blocks = blocks != NULL ? g_bytes_ref (blocks) : NULL;
  self->mask = mask != NULL ? g_bytes_ref (mask) : NULL;
  if (guides != NULL)
    self->guides = *guides;
  self->plot = *plot;
  self->plot.positions = bytes_data (self->positions);
  self->plot.guides = guides != NULL ? &self->guides : NULL;
  self->plot.order = bytes_data (self->order);
  self->plot.blocks = bytes_data (self->blocks);
  self->plot.filter.mask = bytes_data (self->mask);
  self->plot.title = NULL;
  if (view != NULL)
    self->view = *view;
  else
    glmcc_plot_view_init (&self->view);
  return self;
}

GlmccFigure *
glmcc_figure_new_correlogram (GlmccCcgPlotData *data,
                              const char       *title)
{
  GlmccFigure *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_atomic_rc_box_new0 (GlmccFigure);
  self->correlogram = TRUE;
  self->ccg = data;
  self->title = g_strdup (title);
  self->ccg->plot.title = self->title;
  glmcc_plot_view_init (&self->view);
  return self;
}

GlmccFigure *
glmcc_figure_new_score (GlmccScorePlotData *data)
{
  GlmccFigure *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_atomic_rc_box_new0 (GlmccFigure);
  self->score = data;
  glmcc_plot_view_init (&self->view);
  return self;
}

GlmccFigure *
glmcc_figure_ref (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
figure_clear (gpointer mem)
{
  GlmccFigure *self = mem;

  g_clear_pointer (&self->graph, glmcc_graph_data_unref);
  g_clear_pointer (&self->positions, g_bytes_unref);
  g_clear_pointer (&self->order, g_bytes_unref);
  g_clear_pointer (&self->blocks, g_bytes_unref);
  g_clear_pointer (&self->mask, g_bytes_unref);
  g_clear_pointer (&self->ccg, glmcc_ccg_plot_data_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->score, glmcc_score_plot_data_free);
}

void
glmcc_figure_unref (GlmccFigure *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, figure_clear);
}

gboolean
glmcc_figure_is_correlogram (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->correlogram;
}

GlmccPlotFigure
glmcc_figure_get_kind (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, GLMCC_PLOT_FIGURE_NETWORK);
  return self->kind;
}

const GlmccNetworkPlot *
glmcc_figure_get_plot (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->correlogram || self->score != NULL ? NULL : &self->plot;
}

const GlmccScorePlot *
glmcc_figure_get_score (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->score != NULL ? &self->score->plot : NULL;
}

const GlmccPlotView *
glmcc_figure_get_view (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->view;
}

const GlmccCcgPlot *
glmcc_figure_get_ccg (GlmccFigure *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->correlogram ? &self->ccg->plot : NULL;
}

/* What a file shows of the view: its focus over the whole figure. Zoom and pan are left out
 * (they are in the widget's units, and a figure of another size lays itself out anew), and
 * so is the outline of the pair on display, which is a mark of the screen. */
static void
export_view (GlmccFigure   *self,
             GlmccPlotView *view)
{
  glmcc_plot_view_init (view);
  view->focus = self->view.focus;
}

/* The correlogram's default size, at which its text and lines are not scaled (as
 * `glmcc plot` draws it); the matrix and network have theirs in the plot layer. */
#define CCG_WIDTH 840.0
#define CCG_HEIGHT 480.0
/* The score figure's, as `glmcc score --plot` draws one run: smaller exports scale its text
 * down (to 0.65 at the least), so that its six panels keep their titles apart. */
#define SCORE_WIDTH 1000.0
#define SCORE_HEIGHT 520.0

static void
export_style (GlmccFigure    *self,
              GlmccPlotStyle *style,
              double          width,
              double          height)
{
  glmcc_plot_style_init_light (style);
  style->fill_background = TRUE;
  if (self->correlogram)
    glmcc_plot_style_scale_for_size (style, width * 640.0 / CCG_WIDTH, height * 600.0 / CCG_HEIGHT);
  else if (self->score != NULL)
    glmcc_plot_style_scale_for_size (style, width * 640.0 / SCORE_WIDTH, height * 600.0 / SCORE_HEIGHT);
  else
    glmcc_plot_style_scale_for_size (style, width, height);
}

void
glmcc_figure_draw_export (GlmccFigure *self,
                          cairo_t     *cr,
                          double       width,
                          double       height)
{
  GlmccPlotStyle style;
  GlmccPlotView view;
  GlmccNetworkPlot plot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  export_style (self, &style, width, height);
  if (self->score != NULL)
    {
      glmcc_plot_score (cr, width, height, &self->score->plot, &style);
      return;
    }
  if (self->correlogram)
    {
      glmcc_plot_ccg (cr, width, height, &self->ccg->plot, &style);
      return;
    }
  export_view (self, &view);
  plot = self->plot;
  plot.highlight_pre = plot.highlight_post = -1;
  if (self->kind == GLMCC_PLOT_FIGURE_MATRIX)
    glmcc_plot_matrix_draw (cr, width, height, &plot, &style, &view, NULL);
  else
    glmcc_plot_network_draw (cr, width, height, &plot, &style, &view, NULL);
}

gboolean
glmcc_figure_export (GlmccFigure      *self,
                     const char       *path,
                     GlmccPlotFormat   format,
                     double            width_pt,
                     double            height_pt,
                     double            dpi,
                     GError          **error)
{
  GlmccPlotStyle style;
  GlmccPlotView view;
  GlmccNetworkPlot plot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  export_style (self, &style, width_pt, height_pt);
  if (self->score != NULL)
    return glmcc_plot_export_score (path, format, width_pt, height_pt, dpi, &self->score->plot,
                                    &style, error);
  if (self->correlogram)
    return glmcc_plot_export_ccg (path, format, width_pt, height_pt, dpi, &self->ccg->plot, &style,
                                  error);
  export_view (self, &view);
  plot = self->plot;
  plot.highlight_pre = plot.highlight_post = -1;
  return glmcc_plot_export_view (path, format, width_pt, height_pt, dpi, self->kind, &plot,
                                 &style, &view, error);
}
