/* glmcc-graph-view.h: the connectivity matrix or the network graph of an all-pairs run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-plot.h"

G_BEGIN_DECLS

typedef enum
{
  GLMCC_GRAPH_MATRIX,
  GLMCC_GRAPH_NETWORK,
} GlmccGraphKind;

#define GLMCC_TYPE_GRAPH_VIEW (glmcc_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (GlmccGraphView, glmcc_graph_view, GLMCC, GRAPH_VIEW, GtkWidget)

GtkWidget   *glmcc_graph_view_new          (GlmccGraphKind          kind);
/* @data is copied, but the arrays it points to are borrowed: the caller keeps them alive
 * until the next call (NULL: nothing to show) and calls invalidate after changing them. */
void         glmcc_graph_view_set_data     (GlmccGraphView         *self,
                                            const GlmccNetworkPlot *data);
/* The arrays given to set_data changed: draw the figure again. */
void         glmcc_graph_view_invalidate   (GlmccGraphView         *self);
/* The curation changed: its list of marked edges (borrowed like the data's arrays; it moves
 * when it grows) replaces the one set_data gave, and the figure is drawn again. */
void         glmcc_graph_view_set_marks    (GlmccGraphView            *self,
                                            const GlmccPlotMarkedEdge *marks,
                                            guint                      n_marks);
void         glmcc_graph_view_set_highlight (GlmccGraphView        *self,
                                            int                     pre,
                                            int                     post);
const char  *glmcc_graph_view_get_readout  (GlmccGraphView         *self);
/* The menu a right click on a pair opens, after "pair-selected" made it the current pair. */
void         glmcc_graph_view_set_menu_model (GlmccGraphView       *self,
                                            GMenuModel             *model);
gboolean     glmcc_graph_view_export       (GlmccGraphView         *self,
                                            const char             *path,
                                            GlmccPlotFormat         format,
                                            double                  width_pt,
                                            double                  height_pt,
                                            double                  dpi,
                                            GError                **error);

/* Test hook: TRUE once the picture on screen shows the latest data. */
gboolean     _glmcc_graph_view_is_drawn    (GlmccGraphView         *self);
/* Test hook: what the next picture is drawn from. */
const GlmccNetworkPlot *_glmcc_graph_view_get_data (GlmccGraphView    *self);

G_END_DECLS
