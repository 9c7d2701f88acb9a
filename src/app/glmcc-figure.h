/* glmcc-figure.h: one figure as a view shows it, frozen for drawing on any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-graph-data.h"
#include "glmcc-plot-data.h"
#include "glmcc-plot.h"

G_BEGIN_DECLS

/* Everything one figure is drawn from — the data and the view's state (layout, ordering,
 * filters, focus) — held by reference and never changed: the views draw from it on their
 * worker thread, the export dialog draws its preview from it, and an export writes it. */
typedef struct _GlmccFigure GlmccFigure;

/* The matrix or network of @graph as @plot describes it: @plot's numbers (filter, colour
 * clip, highlighted pair) are copied, and its arrays are replaced by the given ones, which
 * are kept: @positions (2n doubles) and @guides for the network, @order and @blocks (n each)
 * for the matrix, @mask (n × n) for the filter; each may be NULL. @view's focus and
 * transform are kept (in the units of the widget that made it). */
GlmccFigure            *glmcc_figure_new_graph      (GlmccPlotFigure         kind,
                                                     GlmccGraphData         *graph,
                                                     const GlmccNetworkPlot *plot,
                                                     GBytes                 *positions,
                                                     const GlmccPlotGuides  *guides,
                                                     GBytes                 *order,
                                                     GBytes                 *blocks,
                                                     GBytes                 *mask,
                                                     const GlmccPlotView    *view);
/* The correlogram of @data (taken: the figure frees it), with @title (NULL: ref → target). */
GlmccFigure            *glmcc_figure_new_correlogram (GlmccCcgPlotData      *data,
                                                     const char            *title);
/* The ROC and precision–recall curves of the score dialog (@data taken). */
GlmccFigure            *glmcc_figure_new_score      (GlmccScorePlotData     *data);
GlmccFigure            *glmcc_figure_ref            (GlmccFigure            *self);
void                    glmcc_figure_unref          (GlmccFigure            *self);

gboolean                glmcc_figure_is_correlogram (GlmccFigure            *self);
GlmccPlotFigure         glmcc_figure_get_kind       (GlmccFigure            *self);
/* The matrix or network data (NULL for a correlogram or a score); its arrays live as long
 * as @self. */
const GlmccNetworkPlot *glmcc_figure_get_plot       (GlmccFigure            *self);
const GlmccPlotView    *glmcc_figure_get_view       (GlmccFigure            *self);
const GlmccCcgPlot     *glmcc_figure_get_ccg        (GlmccFigure            *self);
/* The score curves (NULL unless made by glmcc_figure_new_score()). */
const GlmccScorePlot   *glmcc_figure_get_score      (GlmccFigure            *self);

/* Draws the figure as a file gets it, in a width × height rectangle of user space (points):
 * the light style with a background, text and lines scaled for that size
 * (glmcc_plot_style_scale_for_size()), the whole figure (no zoom), the focus kept.
 * Thread-safe. */
void                    glmcc_figure_draw_export    (GlmccFigure            *self,
                                                     cairo_t                *cr,
                                                     double                  width,
                                                     double                  height);
/* Writes what glmcc_figure_draw_export() draws (the matrix and network through
 * glmcc_plot_export_view()). Thread-safe. */
gboolean                glmcc_figure_export         (GlmccFigure            *self,
                                                     const char             *path,
                                                     GlmccPlotFormat         format,
                                                     double                  width_pt,
                                                     double                  height_pt,
                                                     double                  dpi,
                                                     GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccFigure, glmcc_figure_unref)

G_END_DECLS
