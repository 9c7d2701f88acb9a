/* glmcc-plot-graph.c: the connections a figure shows, its colour scale and neuron orderings
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

/* The line width and colour scales reach their end at this percentile of |PSP| by default. */
#define DEFAULT_PERCENTILE 95.0
/* The weakest connection is this far from the background towards its end colour. */
#define COLOR_FLOOR 0.25
/* Columns of recording x further apart than this are different shanks (µm: the columns of
 * one shank lie 16–32 µm apart, shanks 150–250 µm). */
#define SHANK_GAP 100.0

/* Filter ----------------------------------------------------------------------------------- */

void
glmcc_plot_filter_init (GlmccPlotFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->max_p_value = NAN;
  filter->min_statistic = NAN;
}

gboolean
glmcc_plot_filter_accepts (const GlmccPlotFilter *filter,
                           guint                  n,
                           const GlmccPlotEdge   *edge)
{
  double v;

  g_return_val_if_fail (edge != NULL, FALSE);

  v = edge->psp_mv;
  if (!isfinite (v) || v == 0.0 || edge->pre == edge->post)
    return FALSE;
  if (filter == NULL)
    return TRUE;
  if (v > 0 && filter->hide_excitatory)
    return FALSE;
  if (v < 0 && filter->hide_inhibitory)
    return FALSE;
  if (filter->min_abs_psp_mv > 0.0 && fabs (v) < filter->min_abs_psp_mv)
    return FALSE;
  if (filter->max_p_value > 0.0 && isfinite (edge->p_value) && edge->p_value > filter->max_p_value)
    return FALSE;
  if (filter->min_statistic > 0.0 && isfinite (edge->statistic)
      && fabs (edge->statistic) < filter->min_statistic)
    return FALSE;
  if (filter->mask != NULL && edge->pre < n && edge->post < n
      && filter->mask[(gsize) edge->pre * n + edge->post] == 0)
    return FALSE;
  return TRUE;
}

/* Connections ------------------------------------------------------------------------------ */

double
glmcc_plot_percentile (double *values,
                       guint   n,
                       double  percentile)
{
  double r;
  guint k;

  if (n == 0)
    return 0.0;
  qsort (values, n, sizeof (double), glmcc_number_compare);
  r = CLAMP (percentile, 0.0, 100.0) / 100.0 * (n - 1);
  k = (guint) floor (r);
  if (k + 1 >= n)
    return values[n - 1];
  return values[k] + (values[k + 1] - values[k]) * (r - k);
}

/* By |PSP|, then by index so that the order (and the drawing) never depends on qsort. */
static int
compare_edges (const void *a,
               const void *b)
{
  const GlmccPlotEdge *x = a, *y = b;
  double mx = fabs (x->psp_mv), my = fabs (y->psp_mv);

  if (mx != my)
    return (mx > my) - (mx < my);
  if (x->pre != y->pre)
    return (x->pre > y->pre) - (x->pre < y->pre);
  return (x->post > y->post) - (x->post < y->post);
}

GlmccPlotGraph *
glmcc_plot_graph_new (const GlmccNetworkPlot *data)
{
  GlmccPlotGraph *graph = g_new0 (GlmccPlotGraph, 1);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (GlmccPlotEdge));
  g_autofree double *magnitudes = NULL;
  guint n = data->n;

  graph->n = n;
  if (data->edges != NULL)
    {
      for (guint k = 0; k < data->n_edges; k++)
        {
          const GlmccPlotEdge *e = &data->edges[k];

          if (e->pre >= n || e->post >= n || e->pre == e->post || !isfinite (e->psp_mv)
              || e->psp_mv == 0.0)
            continue;
          graph->n_total++;
          if (glmcc_plot_filter_accepts (&data->filter, n, e))
            g_array_append_val (edges, *e);
        }
    }
  else if (data->psp_mv != NULL)
    {
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          {
            double v = data->psp_mv[(gsize) i * n + j];
            GlmccPlotEdge e;

            if (i == j || !isfinite (v) || v == 0.0)
              continue;
            e = (GlmccPlotEdge) { i, j, v, NAN, NAN, NAN, NAN };
            graph->n_total++;
            if (glmcc_plot_filter_accepts (&data->filter, n, &e))
              g_array_append_val (edges, e);
          }
    }
  if (edges->len > 1)
    qsort (edges->data, edges->len, sizeof (GlmccPlotEdge), compare_edges);
  graph->n_edges = edges->len;
  graph->edges = (GlmccPlotEdge *) (gpointer) g_array_free (g_steal_pointer (&edges), FALSE);

  magnitudes = g_new (double, MAX (graph->n_edges, 1u));
  for (guint k = 0; k < graph->n_edges; k++)
    {
      magnitudes[k] = fabs (graph->edges[k].psp_mv);
      if (graph->edges[k].psp_mv > 0)
        graph->n_excitatory++;
      else
        graph->n_inhibitory++;
    }
  graph->max_abs_psp = graph->n_edges > 0 ? magnitudes[graph->n_edges - 1] : 0.0;
  /* Already sorted: the percentile is a lookup. */
  graph->width_ref = glmcc_plot_percentile (magnitudes, graph->n_edges, DEFAULT_PERCENTILE);
  return graph;
}

void
glmcc_plot_graph_free (GlmccPlotGraph *graph)
{
  if (graph == NULL)
    return;
  g_free (graph->edges);
  g_free (graph);
}

const GlmccPlotEdge *
glmcc_plot_graph_find (const GlmccPlotGraph *graph,
                       guint                 pre,
                       guint                 post)
{
  for (guint k = 0; k < graph->n_edges; k++)
    if (graph->edges[k].pre == pre && graph->edges[k].post == post)
      return &graph->edges[k];
  return NULL;
}

/* Colour scale ----------------------------------------------------------------------------- */

/* Up to two significant digits, never below @v. */
static double
round_up_2 (double v)
{
  double magnitude, r;

  if (!(v > 0.0) || !isfinite (v))
    return 1.0;
  magnitude = pow (10.0, floor (log10 (v)) - 1.0);
  r = ceil (v / magnitude - 1e-9) * magnitude;
  /* Print-friendly: 2.4, not 2.4000000000000004. */
  return round (r / magnitude) * magnitude;
}

void
glmcc_plot_color_scale_compute (const GlmccNetworkPlot *data,
                                GlmccPlotColorScale    *scale)
{
  GlmccPlotGraph *graph;

  g_return_if_fail (data != NULL);
  g_return_if_fail (scale != NULL);

  graph = glmcc_plot_graph_new (data);
  glmcc_plot_color_scale_from_graph (data, graph, scale);
  glmcc_plot_graph_free (graph);
}

void
glmcc_plot_color_scale_from_graph (const GlmccNetworkPlot *data,
                                   const GlmccPlotGraph   *graph,
                                   GlmccPlotColorScale    *scale)
{
  g_autofree double *pos = NULL;
  g_autofree double *neg = NULL;
  guint n_pos = 0, n_neg = 0;
  double percentile;

  percentile = data->clip_percentile > 0.0 ? MIN (data->clip_percentile, 100.0) : DEFAULT_PERCENTILE;
  pos = g_new (double, MAX (graph->n_edges, 1u));
  neg = g_new (double, MAX (graph->n_edges, 1u));
  for (guint k = 0; k < graph->n_edges; k++)
    {
      double v = graph->edges[k].psp_mv;

      if (v > 0)
        pos[n_pos++] = v;
      else
        neg[n_neg++] = -v;
    }
  memset (scale, 0, sizeof *scale);
  scale->floor = COLOR_FLOOR;
  scale->excitatory_max = n_pos > 0 ? pos[n_pos - 1] : 0.0;   /* the edges are sorted by |PSP| */
  scale->inhibitory_max = n_neg > 0 ? neg[n_neg - 1] : 0.0;
  if (data->shared_scale)
    {
      g_autofree double *all = g_new (double, MAX (graph->n_edges, 1u));
      double limit;

      for (guint k = 0; k < graph->n_edges; k++)
        all[k] = fabs (graph->edges[k].psp_mv);
      limit = graph->n_edges > 0 ? round_up_2 (glmcc_plot_percentile (all, graph->n_edges, percentile)) : 1.0;
      scale->excitatory_limit = scale->inhibitory_limit = limit;
    }
  else
    {
      scale->excitatory_limit = n_pos > 0 ? round_up_2 (glmcc_plot_percentile (pos, n_pos, percentile)) : 1.0;
      scale->inhibitory_limit = n_neg > 0 ? round_up_2 (glmcc_plot_percentile (neg, n_neg, percentile)) : 1.0;
    }
}

void
glmcc_plot_color_scale_color (const GlmccPlotStyle      *style,
                              const GlmccPlotColorScale *scale,
                              double                     psp_mv,
                              GlmccPlotColor            *color)
{
  GlmccPlotStyle storage;
  double limit, t;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (color != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  if (!isfinite (psp_mv) || psp_mv == 0.0)
    {
      *color = style->background;
      color->alpha = 1.0;
      return;
    }
  limit = psp_mv > 0 ? scale->excitatory_limit : scale->inhibitory_limit;
  t = limit > 0.0 ? MIN (1.0, fabs (psp_mv) / limit) : 1.0;
  t = scale->floor + (1.0 - scale->floor) * t;
  glmcc_plot_color_mix (&style->background, psp_mv > 0 ? &style->excitatory : &style->inhibitory,
                        t, color);
  color->alpha = 1.0;
}

/* Shanks ----------------------------------------------------------------------------------- */

typedef struct
{
  double x;
  guint  neuron;
} XKey;

static int
compare_x (const void *a,
           const void *b)
{
  const XKey *p = a, *q = b;

  if (p->x != q->x)
    return (p->x > q->x) - (p->x < q->x);
  return (p->neuron > q->neuron) - (p->neuron < q->neuron);
}

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

guint
glmcc_plot_shank_columns (const GlmccNetworkPlot *data,
                          int                    *column,
                          char                  (*labels)[24])
{
  guint n = data->n, n_columns = 0;

  for (guint i = 0; i < n; i++)
    column[i] = -1;

  if (data->groups != NULL)
    {
      /* Distinct groups in ascending order, each a column. */
      g_autofree int *sorted = g_new (int, MAX (n, 1u));
      g_autofree int *distinct = g_new (int, MAX (n, 1u));
      guint n_sorted = 0;

      for (guint i = 0; i < n; i++)
        if (data->groups[i] >= 0)
          sorted[n_sorted++] = data->groups[i];
      qsort (sorted, n_sorted, sizeof (int), compare_ints);
      for (guint k = 0; k < n_sorted; k++)
        if (n_columns == 0 || distinct[n_columns - 1] != sorted[k])
          distinct[n_columns++] = sorted[k];
      for (guint i = 0; i < n; i++)
        if (data->groups[i] >= 0)
          {
            int *found = bsearch (&data->groups[i], distinct, n_columns, sizeof (int), compare_ints);

            column[i] = (int) (found - distinct);
          }
      if (labels != NULL)
        for (guint c = 0; c < MIN (n_columns, (guint) GLMCC_PLOT_MAX_COLUMNS); c++)
          g_snprintf (labels[c], 24, _("shank %d"), distinct[c]);
      if (n_columns > 0)
        return n_columns;
    }

  if (data->recording_positions != NULL)
    {
      g_autofree XKey *keys = g_new (XKey, MAX (n, 1u));
      guint n_keys = 0;

      for (guint i = 0; i < n; i++)
        {
          double x = data->recording_positions[2 * i], y = data->recording_positions[2 * i + 1];

          if (isfinite (x) && isfinite (y))
            keys[n_keys++] = (XKey) { x, i };
        }
      qsort (keys, n_keys, sizeof (XKey), compare_x);
      for (guint k = 0; k < n_keys; k++)
        {
          if (k == 0 || keys[k].x - keys[k - 1].x > SHANK_GAP)
            n_columns++;
          column[keys[k].neuron] = (int) n_columns - 1;
        }
      if (labels != NULL)
        for (guint c = 0; c < MIN (n_columns, (guint) GLMCC_PLOT_MAX_COLUMNS); c++)
          g_snprintf (labels[c], 24, n_columns > 1 ? _("shank %u") : _("probe"), c + 1);
    }
  return n_columns;
}

/* Orderings -------------------------------------------------------------------------------- */

typedef struct
{
  guint  neuron;
  int    block;
  double key1;    /* ascending */
  double key2;    /* ascending */
} SortItem;

static int
compare_items (const void *a,
               const void *b)
{
  const SortItem *p = a, *q = b;

  if (p->block != q->block)
    return (p->block > q->block) - (p->block < q->block);
  /* NaN keys last. */
  if (isnan (p->key1) != isnan (q->key1))
    return isnan (p->key1) ? 1 : -1;
  if (p->key1 != q->key1 && !isnan (p->key1))
    return (p->key1 > q->key1) - (p->key1 < q->key1);
  if (isnan (p->key2) != isnan (q->key2))
    return isnan (p->key2) ? 1 : -1;
  if (p->key2 != q->key2 && !isnan (p->key2))
    return (p->key2 > q->key2) - (p->key2 < q->key2);
  return (p->neuron > q->neuron) - (p->neuron < q->neuron);
}

static int
type_rank (const GlmccNetworkPlot *data,
           guint                   i)
{
  switch (data->types != NULL ? data->types[i] : GLMCC_PLOT_NODE_UNKNOWN)
    {
    case GLMCC_PLOT_NODE_EXCITATORY:
      return 0;
    case GLMCC_PLOT_NODE_INHIBITORY:
      return 1;
    case GLMCC_PLOT_NODE_UNKNOWN:
    default:
      return 2;
    }
}

/* Louvain modularity (Blondel et al. 2008) on the undirected graph whose weight between two
 * neurons is the sum of |PSP| of their shown connections in both directions. Deterministic:
 * nodes are visited in index order and a tie keeps the lower community. */

typedef struct
{
  guint   n;
  guint  *start;    /* n + 1 */
  guint  *target;
  double *weight;   /* self-loops appear once with the weight inside the node, counted twice */
} Adjacency;

static void
adjacency_clear (Adjacency *a)
{
  g_free (a->start);
  g_free (a->target);
  g_free (a->weight);
}

typedef struct
{
  guint  u;
  guint  v;
  double w;
} Triple;

static int
compare_triples (const void *a,
                 const void *b)
{
  const Triple *p = a, *q = b;

  if (p->u != q->u)
    return (p->u > q->u) - (p->u < q->u);
  return (p->v > q->v) - (p->v < q->v);
}

/* From (u, v, w) triples, merging duplicates. */
static void
adjacency_build (Adjacency *a,
                 guint      n,
                 Triple    *triples,
                 gsize      n_triples)
{
  gsize m = 0;

  qsort (triples, n_triples, sizeof (Triple), compare_triples);
  for (gsize k = 0; k < n_triples; k++)
    {
      if (m > 0 && triples[m - 1].u == triples[k].u && triples[m - 1].v == triples[k].v)
        triples[m - 1].w += triples[k].w;
      else
        triples[m++] = triples[k];
    }
  a->n = n;
  a->start = g_new0 (guint, n + 1);
  a->target = g_new (guint, MAX (m, 1));
  a->weight = g_new (double, MAX (m, 1));
  for (gsize k = 0; k < m; k++)
    {
      a->start[triples[k].u + 1]++;
      a->target[k] = triples[k].v;
      a->weight[k] = triples[k].w;
    }
  for (guint i = 0; i < n; i++)
    a->start[i + 1] += a->start[i];
}

/* One level: moves nodes between communities while modularity grows. Returns TRUE if any
 * node moved; @community receives the (renumbered, 0..k−1 by first node) community of each
 * node and *n_communities their number. */
static gboolean
louvain_level (const Adjacency *a,
               guint           *community,
               guint           *n_communities)
{
  guint n = a->n;
  g_autofree double *strength = g_new0 (double, MAX (n, 1u));
  g_autofree double *total = g_new0 (double, MAX (n, 1u));
  g_autofree double *link = g_new0 (double, MAX (n, 1u));
  g_autofree guint *touched = g_new (guint, MAX (n, 1u));
  g_autofree int *renumber = g_new (int, MAX (n, 1u));
  double m2 = 0.0;
  gboolean moved_any = FALSE;
  guint passes = 0;

  for (guint i = 0; i < n; i++)
    {
      for (guint k = a->start[i]; k < a->start[i + 1]; k++)
        strength[i] += a->weight[k];
      m2 += strength[i];
      community[i] = i;
      total[i] = strength[i];
    }
  if (!(m2 > 0.0))
    {
      *n_communities = n;
      return FALSE;
    }

  for (gboolean moved = TRUE; moved && passes < 100; passes++)
    {
      moved = FALSE;
      for (guint i = 0; i < n; i++)
        {
          guint own = community[i], best = own, n_touched = 0;
          double best_gain;

          /* Weights from i to each neighbouring community (self-loop excluded). */
          for (guint k = a->start[i]; k < a->start[i + 1]; k++)
            {
              guint c = community[a->target[k]];

              if (a->target[k] == i)
                continue;
              if (link[c] == 0.0)
                touched[n_touched++] = c;
              link[c] += a->weight[k];
            }
          total[own] -= strength[i];
          best_gain = link[own] - total[own] * strength[i] / m2;
          for (guint t = 0; t < n_touched; t++)
            {
              guint c = touched[t];
              double gain = link[c] - total[c] * strength[i] / m2;

              if (gain > best_gain + 1e-12 || (fabs (gain - best_gain) <= 1e-12 && c < best && best != own))
                {
                  best_gain = gain;
                  best = c;
                }
            }
          total[best] += strength[i];
          for (guint t = 0; t < n_touched; t++)
            link[touched[t]] = 0.0;
          link[own] = 0.0;
          if (best != own)
            {
              community[i] = best;
              moved = TRUE;
              moved_any = TRUE;
            }
        }
    }

  for (guint i = 0; i < n; i++)
    renumber[i] = -1;
  *n_communities = 0;
  for (guint i = 0; i < n; i++)
    {
      if (renumber[community[i]] < 0)
        renumber[community[i]] = (int) (*n_communities)++;
      community[i] = (guint) renumber[community[i]];
    }
  return moved_any;
}

typedef struct
{
  guint  neuron;
  guint  community;
  guint  size;
  guint  first;      /* lowest neuron of the community */
  double strength;
} ClusterItem;

static int
compare_cluster_items (const void *a,
                       const void *b)
{
  const ClusterItem *p = a, *q = b;

  /* Bigger communities first, isolated neurons (size 1) last in index order. */
  if (p->size != q->size)
    return (p->size < q->size) - (p->size > q->size);
  if (p->first != q->first)
    return (p->first > q->first) - (p->first < q->first);
  if (p->strength != q->strength)
    return (p->strength < q->strength) - (p->strength > q->strength);
  return (p->neuron > q->neuron) - (p->neuron < q->neuron);
}

static void
order_by_cluster (const GlmccNetworkPlot *data,
                  guint                  *order,
                  int                    *blocks)
{
  guint n = data->n;
  GlmccPlotGraph *graph = glmcc_plot_graph_new (data);
  g_autofree Triple *triples = g_new (Triple, 2 * (gsize) MAX (graph->n_edges, 1u));
  g_autofree guint *membership = g_new (guint, MAX (n, 1u));
  g_autofree guint *level = g_new (guint, MAX (n, 1u));
  g_autofree guint *sizes = NULL;
  g_autofree guint *firsts = NULL;
  g_autofree double *strength = g_new0 (double, MAX (n, 1u));
  g_autofree ClusterItem *items = g_new (ClusterItem, MAX (n, 1u));
  Adjacency adjacency;
  gsize n_triples = 0;
  guint n_nodes = n, n_communities = n;

  for (guint k = 0; k < graph->n_edges; k++)
    {
      const GlmccPlotEdge *e = &graph->edges[k];
      double w = fabs (e->psp_mv);

      triples[n_triples++] = (Triple) { e->pre, e->post, w };
      triples[n_triples++] = (Triple) { e->post, e->pre, w };
      strength[e->pre] += w;
      strength[e->post] += w;
    }
  adjacency_build (&adjacency, n, triples, n_triples);
  for (guint i = 0; i < n; i++)
    membership[i] = i;

  /* Levels until no node moves: each aggregates the communities of the last into nodes. */
  for (guint depth = 0; depth < 32; depth++)
    {
      g_autofree Triple *coarse = NULL;
      gsize n_coarse = 0;
      gboolean moved = louvain_level (&adjacency, level, &n_communities);

      if (!moved)
        break;
      for (guint i = 0; i < n; i++)
        membership[i] = level[membership[i]];
      coarse = g_new (Triple, MAX (adjacency.start[n_nodes], 1u));
      for (guint u = 0; u < n_nodes; u++)
        for (guint k = adjacency.start[u]; k < adjacency.start[u + 1]; k++)
          coarse[n_coarse++] = (Triple) { level[u], level[adjacency.target[k]], adjacency.weight[k] };
      adjacency_clear (&adjacency);
      adjacency_build (&adjacency, n_communities, coarse, n_coarse);
      n_nodes = n_communities;
    }
  adjacency_clear (&adjacency);

  sizes = g_new0 (guint, MAX (n, 1u));
  firsts = g_new (guint, MAX (n, 1u));
  for (guint c = 0; c < n; c++)
    firsts[c] = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      sizes[membership[i]]++;
      firsts[membership[i]] = MIN (firsts[membership[i]], i);
    }
  for (guint i = 0; i < n; i++)
    {
      /* Neurons without a shown connection are one block at the end, by index. */
      gboolean isolated = sizes[membership[i]] == 1;

      items[i] = (ClusterItem) { i, membership[i], isolated ? 0 : sizes[membership[i]],
                                 isolated ? G_MAXUINT : firsts[membership[i]], strength[i] };
    }
  qsort (items, n, sizeof (ClusterItem), compare_cluster_items);
  {
    int block = -1;

    for (guint k = 0; k < n; k++)
      {
        if (k == 0 || items[k].size != items[k - 1].size || items[k].first != items[k - 1].first)
          block++;
        order[k] = items[k].neuron;
        if (blocks != NULL)
          blocks[items[k].neuron] = block;
      }
  }
  glmcc_plot_graph_free (graph);
}

void
glmcc_plot_order_neurons (const GlmccNetworkPlot *data,
                          GlmccPlotOrder          kind,
                          guint                  *order,
                          int                    *blocks)
{
  guint n;
  g_autofree SortItem *items = NULL;
  g_autofree int *column = NULL;

  g_return_if_fail (data != NULL);
  g_return_if_fail (order != NULL || data->n == 0);

  n = data->n;
  if (n == 0)
    return;
  if (kind == GLMCC_PLOT_ORDER_CLUSTER)
    {
      order_by_cluster (data, order, blocks);
      return;
    }

  items = g_new (SortItem, n);
  column = g_new (int, n);
  if (kind == GLMCC_PLOT_ORDER_POSITION)
    glmcc_plot_shank_columns (data, column, NULL);
  for (guint i = 0; i < n; i++)
    {
      SortItem *item = &items[i];

      item->neuron = i;
      item->block = 0;
      item->key1 = item->key2 = NAN;
      switch (kind)
        {
        case GLMCC_PLOT_ORDER_TYPE:
          item->block = type_rank (data, i);
          /* Highest rate first. */
          item->key1 = data->rates != NULL && isfinite (data->rates[i]) ? -data->rates[i] : (double) NAN;
          break;
        case GLMCC_PLOT_ORDER_POSITION:
          /* Shanks in order, unplaced neurons last; along each from the top of the probe. */
          item->block = column[i] >= 0 ? column[i] : G_MAXINT;
          if (data->recording_positions != NULL)
            {
              double x = data->recording_positions[2 * i], y = data->recording_positions[2 * i + 1];

              if (isfinite (x) && isfinite (y))
                {
                  item->key1 = -y;
                  item->key2 = x;
                }
            }
          break;
        case GLMCC_PLOT_ORDER_INDEX:
        case GLMCC_PLOT_ORDER_CLUSTER:
        default:
          break;
        }
    }
  qsort (items, n, sizeof (SortItem), compare_items);
  for (guint k = 0; k < n; k++)
    {
      order[k] = items[k].neuron;
      if (blocks != NULL)
        blocks[items[k].neuron] = kind == GLMCC_PLOT_ORDER_INDEX ? 0 : items[k].block;
    }
}
