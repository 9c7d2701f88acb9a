/* glmcc-graph-view.h: the connectivity matrix or the network graph of an all-pairs run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-figure.h"
#include "glmcc-graph-data.h"
#include "glmcc-plot.h"

G_BEGIN_DECLS

typedef enum
{
  GLMCC_GRAPH_MATRIX,
  GLMCC_GRAPH_NETWORK,
} GlmccGraphKind;

#define GLMCC_TYPE_GRAPH_VIEW (glmcc_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (GlmccGraphView, glmcc_graph_view, GLMCC, GRAPH_VIEW, GtkWidget)

GtkWidget      *glmcc_graph_view_new              (GlmccGraphKind          kind);
GlmccGraphKind  glmcc_graph_view_get_kind         (GlmccGraphView         *self);
/* The data to show (a reference is kept), or NULL. */
void            glmcc_graph_view_set_data         (GlmccGraphView         *self,
                                                   GlmccGraphData         *data);
GlmccGraphData *glmcc_graph_view_get_data         (GlmccGraphView         *self);
/* The pair on display, outlined over the figure (−1: none). */
void            glmcc_graph_view_set_highlight    (GlmccGraphView         *self,
                                                   int                     pre,
                                                   int                     post);
/* The neuron in focus (−1: none): the network draws its connections over the faded rest,
 * the matrix marks its row and column. */
void            glmcc_graph_view_set_focus        (GlmccGraphView         *self,
                                                   int                     neuron);
int             glmcc_graph_view_get_focus        (GlmccGraphView         *self);

/* Network layout; FORCE is computed on a worker thread ("busy" meanwhile). */
void            glmcc_graph_view_set_layout       (GlmccGraphView         *self,
                                                   GlmccPlotLayoutKind     layout);
GlmccPlotLayoutKind glmcc_graph_view_get_layout   (GlmccGraphView         *self);
void            glmcc_graph_view_set_seed         (GlmccGraphView         *self,
                                                   guint                   seed);
guint           glmcc_graph_view_get_seed         (GlmccGraphView         *self);
/* Matrix ordering, computed on a worker thread. */
void            glmcc_graph_view_set_order        (GlmccGraphView         *self,
                                                   GlmccPlotOrder          order);
GlmccPlotOrder  glmcc_graph_view_get_order        (GlmccGraphView         *self);
/* Matrix colours: full at this percentile of |PSP| (≥ 100: the largest). */
void            glmcc_graph_view_set_clip         (GlmccGraphView         *self,
                                                   double                  percentile);
double          glmcc_graph_view_get_clip         (GlmccGraphView         *self);
/* TRUE while a layout or an ordering is being computed. */
gboolean        glmcc_graph_view_get_busy         (GlmccGraphView         *self);

/* Which connections are drawn: smallest |PSP| (0: all), largest p (≤ 0: all), and the signs. */
void            glmcc_graph_view_set_filter       (GlmccGraphView         *self,
                                                   double                  min_abs_psp_mv,
                                                   double                  max_p_value,
                                                   gboolean                hide_excitatory,
                                                   gboolean                hide_inhibitory);
void            glmcc_graph_view_get_filter       (GlmccGraphView         *self,
                                                   double                 *min_abs_psp_mv,
                                                   double                 *max_p_value,
                                                   gboolean               *hide_excitatory,
                                                   gboolean               *hide_inhibitory);
/* Rejected connections hidden (TRUE) or drawn dashed (FALSE, the default). */
void            glmcc_graph_view_set_hide_rejected (GlmccGraphView        *self,
                                                    gboolean               hide);
gboolean        glmcc_graph_view_get_hide_rejected (GlmccGraphView        *self);
/* The pairs the pair table lists (n × n bytes, nonzero: listed; NULL: all), and whether the
 * drawing follows them. */
void            glmcc_graph_view_set_table_mask   (GlmccGraphView         *self,
                                                   GBytes                 *mask);
void            glmcc_graph_view_set_follow_table (GlmccGraphView         *self,
                                                   gboolean                follow);
gboolean        glmcc_graph_view_get_follow_table (GlmccGraphView         *self);

/* Pan and zoom (user units of the widget; the identity shows the whole figure). */
const GlmccPlotTransform *glmcc_graph_view_get_transform (GlmccGraphView  *self);
void            glmcc_graph_view_zoom             (GlmccGraphView         *self,
                                                   double                  factor);
void            glmcc_graph_view_pan              (GlmccGraphView         *self,
                                                   double                  dx,
                                                   double                  dy);
void            glmcc_graph_view_reset_zoom       (GlmccGraphView         *self);

const char     *glmcc_graph_view_get_readout      (GlmccGraphView         *self);
/* The menu a right click on a pair opens, after "pair-selected" made it the current pair. */
void            glmcc_graph_view_set_menu_model   (GlmccGraphView         *self,
                                                   GMenuModel             *model);
/* The figure as shown (data, layout, ordering, filters, focus), for an export or a preview;
 * NULL without data. */
GlmccFigure    *glmcc_graph_view_dup_figure       (GlmccGraphView         *self);

/* Test hooks: TRUE once the picture on screen shows the latest state; what it is drawn from
 * (NULL before the first picture); how many pictures were made. */
gboolean        _glmcc_graph_view_is_drawn        (GlmccGraphView         *self);
const GlmccNetworkPlot *_glmcc_graph_view_get_data (GlmccGraphView        *self);
guint           _glmcc_graph_view_get_n_renders   (GlmccGraphView         *self);
/* Test hook: the picture on screen (the static layer), or NULL. */
GdkTexture     *_glmcc_graph_view_get_texture     (GlmccGraphView         *self);
/* Test hook: moves the pointer over (x, y) as a motion event would. */
void            _glmcc_graph_view_hover           (GlmccGraphView         *self,
                                                   double                  x,
                                                   double                  y);
/* Test hook: where neuron @i is drawn, in widget coordinates; FALSE before the first picture. */
gboolean        _glmcc_graph_view_get_node        (GlmccGraphView         *self,
                                                   guint                   i,
                                                   double                 *x,
                                                   double                 *y);

G_END_DECLS
