/* glmcc-graph-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-graph-data"

#include "config.h"

#include <math.h>

#include "glmcc-graph-data.h"

GlmccGraphData *
glmcc_graph_data_new (guint n)
{
  GlmccGraphData *data = g_atomic_rc_box_new0 (GlmccGraphData);

  data->n = n;
  data->names = g_new0 (char *, n + 1);
  data->types = g_new0 (GlmccPlotNodeType, MAX (n, 1u));
  data->rates = g_new (double, MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    data->rates[i] = NAN;
  glmcc_network_plot_init (&data->plot);
  return data;
}

void
glmcc_graph_data_seal (GlmccGraphData *data)
{
  g_return_if_fail (data != NULL);

  glmcc_network_plot_init (&data->plot);
  data->plot.n = data->n;
  data->plot.names = (const char * const *) data->names;
  data->plot.types = data->types;
  data->plot.rates = data->rates;
  data->plot.groups = data->groups;
  data->plot.recording_positions = data->recording_positions;
  data->plot.edges = data->edges;
  data->plot.n_edges = data->n_edges;
  data->plot.marks = data->marks;
  data->plot.n_marks = data->n_marks;
  data->plot.pending = data->pending;
  data->plot.truth = data->truth;
}

GlmccGraphData *
glmcc_graph_data_ref (GlmccGraphData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return g_atomic_rc_box_acquire (data);
}

static void
graph_data_clear (gpointer mem)
{
  GlmccGraphData *data = mem;

  g_strfreev (data->names);
  g_free (data->types);
  g_free (data->rates);
  g_free (data->groups);
  g_free (data->recording_positions);
  g_free (data->edges);
  g_free (data->marks);
  g_free (data->pending);
  g_free (data->truth);
}

void
glmcc_graph_data_unref (GlmccGraphData *data)
{
  if (data != NULL)
    g_atomic_rc_box_release_full (data, graph_data_clear);
}

gboolean
glmcc_graph_data_has_positions (const GlmccGraphData *data)
{
  g_return_val_if_fail (data != NULL, FALSE);
  return data->groups != NULL || data->recording_positions != NULL;
}

const GlmccPlotEdge *
glmcc_graph_data_find_edge (const GlmccGraphData *data,
                            guint                 pre,
                            guint                 post)
{
  guint lo = 0, hi;

  g_return_val_if_fail (data != NULL, NULL);

  hi = data->n_edges;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const GlmccPlotEdge *e = &data->edges[mid];

      if (e->pre < pre || (e->pre == pre && e->post < post))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < data->n_edges && data->edges[lo].pre == pre && data->edges[lo].post == post)
    return &data->edges[lo];
  return NULL;
}
