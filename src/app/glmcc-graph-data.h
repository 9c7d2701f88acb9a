/* glmcc-graph-data.h: the matrix and network data of a run, as one immutable snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-plot.h"

G_BEGIN_DECLS

/* What the session knows about the connections at one moment, in the form the plot layer
 * takes: the significant connections as an edge list (never an n × n array), the neurons'
 * names, types, rates and recording positions, the curated edges and, while a run is
 * incomplete, which pairs it has not computed. Reference counted (atomically) and never
 * changed once made, so the views and their worker threads share one snapshot instead of
 * copying it for every picture; the session makes a new one when the data change. */
typedef struct
{
  GlmccNetworkPlot     plot;                 /* points into the arrays below */
  guint                n;
  char               **names;
  GlmccPlotNodeType   *types;
  double              *rates;                /* Hz, NaN when unknown */
  int                 *groups;               /* shanks, or NULL */
  double              *recording_positions;  /* 2n, NaN when unknown, or NULL */
  GlmccPlotEdge       *edges;
  guint                n_edges;
  GlmccPlotMarkedEdge *marks;
  guint                n_marks;
  guint8              *pending;              /* n × n, nonzero: not computed yet; or NULL */
  guint8              *truth;                /* n × n GlmccPlotTruth against a ground truth, or NULL */
  guint64              serial;               /* different for every snapshot of a session */
} GlmccGraphData;

/* A snapshot of @n neurons with every array allocated (names empty, nothing connected,
 * nothing pending), for its maker to fill before glmcc_graph_data_seal(). */
GlmccGraphData *glmcc_graph_data_new      (guint                n);
/* Points data->plot at the arrays, once they are filled; from then on it is read only. */
void            glmcc_graph_data_seal     (GlmccGraphData      *data);
GlmccGraphData *glmcc_graph_data_ref      (GlmccGraphData      *data);
void            glmcc_graph_data_unref    (GlmccGraphData      *data);
/* TRUE when the recording gave shanks or positions (a layout by position is possible). */
gboolean        glmcc_graph_data_has_positions (const GlmccGraphData *data);
/* The connection pre → post, or NULL (a binary search: edges are sorted by pre, then post). */
const GlmccPlotEdge *glmcc_graph_data_find_edge (const GlmccGraphData *data,
                                                 guint                 pre,
                                                 guint                 post);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccGraphData, glmcc_graph_data_unref)

G_END_DECLS
