/* glmcc-plot-layout.c: where the network's nodes go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layouts write plain coordinates; the network figure fits them into its area. None of them
 * touches cairo, so they may run on any thread.
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"

/* Force-directed iterations: enough for 1,000 nodes to settle. */
#define FORCE_ITERATIONS 300
/* Empty slots between the type groups of the circle. */
#define CIRCLE_GROUP_GAP 2.0
/* Rows of nodes a shank column is divided into before neurons at one depth go side by side. */
#define POSITION_ROWS 70.0

/* Circle ----------------------------------------------------------------------------------- */

typedef struct
{
  guint  neuron;
  int    group;
  double rate;
} CircleItem;

static int
compare_circle (const void *a,
                const void *b)
{
  const CircleItem *p = a, *q = b;

  if (p->group != q->group)
    return (p->group > q->group) - (p->group < q->group);
  if (isnan (p->rate) != isnan (q->rate))
    return isnan (p->rate) ? 1 : -1;
  if (p->rate != q->rate && !isnan (p->rate))
    return (p->rate < q->rate) - (p->rate > q->rate);
  return (p->neuron > q->neuron) - (p->neuron < q->neuron);
}

void
glmcc_plot_layout_circle (const GlmccNetworkPlot *data,
                          double                 *positions)
{
  g_autofree CircleItem *items = NULL;
  guint n, n_groups = 0;
  double slots, slot = 0.0;

  g_return_if_fail (data != NULL);
  g_return_if_fail (positions != NULL || data->n == 0);

  n = data->n;
  if (n == 0)
    return;
  items = g_new (CircleItem, n);
  for (guint i = 0; i < n; i++)
    {
      GlmccPlotNodeType type = data->types != NULL ? data->types[i] : GLMCC_PLOT_NODE_UNKNOWN;

      items[i].neuron = i;
      items[i].group = type == GLMCC_PLOT_NODE_EXCITATORY ? 0 : type == GLMCC_PLOT_NODE_INHIBITORY ? 1 : 2;
      items[i].rate = data->rates != NULL ? data->rates[i] : (double) NAN;
    }
  qsort (items, n, sizeof (CircleItem), compare_circle);
  for (guint k = 0; k < n; k++)
    if (k == 0 || items[k].group != items[k - 1].group)
      n_groups++;
  /* A gap after each group when there is more than one, so the groups read as arcs. */
  slots = n + (n_groups > 1 ? n_groups * CIRCLE_GROUP_GAP : 0.0);
  for (guint k = 0; k < n; k++)
    {
      double angle;

      if (k > 0 && items[k].group != items[k - 1].group)
        slot += CIRCLE_GROUP_GAP;
      angle = -G_PI / 2.0 + 2.0 * G_PI * slot / slots;
      positions[2 * items[k].neuron] = n == 1 ? 0.0 : cos (angle);
      positions[2 * items[k].neuron + 1] = n == 1 ? 0.0 : sin (angle);
      slot += 1.0;
    }
}

/* Force-directed --------------------------------------------------------------------------- */

gboolean
glmcc_plot_layout_force (const GlmccNetworkPlot *data,
                         guint64                 seed,
                         GCancellable           *cancellable,
                         double                 *positions)
{
  GlmccPlotGraph *graph;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *dx = NULL;
  g_autofree double *dy = NULL;
  g_autofree double *weights = NULL;
  GRand *rand;
  guint n;
  double k, k2, temperature, mean_w = 0.0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (positions != NULL || data->n == 0, FALSE);

  n = data->n;
  if (n == 0)
    return TRUE;
  graph = glmcc_plot_graph_new (data);
  x = g_new (double, n);
  y = g_new (double, n);
  dx = g_new (double, n);
  dy = g_new (double, n);
  weights = g_new (double, MAX (graph->n_edges, 1u));

  /* Start from a seeded scatter in the unit square: the seed fixes the layout. */
  rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) seed, (guint32) (seed >> 32) }, 2);
  for (guint i = 0; i < n; i++)
    {
      x[i] = g_rand_double (rand);
      y[i] = g_rand_double (rand);
    }
  g_rand_free (rand);

  /* Attraction ∝ |PSP| relative to the typical one, bounded so that one huge PSP cannot
   * collapse its pair. */
  for (guint e = 0; e < graph->n_edges; e++)
    mean_w += fabs (graph->edges[e].psp_mv);
  mean_w = graph->n_edges > 0 ? mean_w / graph->n_edges : 1.0;
  for (guint e = 0; e < graph->n_edges; e++)
    weights[e] = CLAMP (fabs (graph->edges[e].psp_mv) / mean_w, 0.25, 4.0);

  /* Fruchterman–Reingold in the unit square, with a weak pull to the centre so that neurons
   * without a shown connection stay near the rest. */
  k = sqrt (1.0 / n);
  k2 = k * k;
  temperature = 0.1;
  for (guint iteration = 0; iteration < FORCE_ITERATIONS; iteration++)
    {
      double cooling = 1.0 - (double) iteration / FORCE_ITERATIONS;

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      memset (dx, 0, n * sizeof (double));
      memset (dy, 0, n * sizeof (double));
      for (guint i = 0; i < n; i++)
        {
          double xi = x[i], yi = y[i], fx = 0.0, fy = 0.0;

          for (guint j = i + 1; j < n; j++)
            {
              double ddx = xi - x[j], ddy = yi - y[j];
              double d2 = ddx * ddx + ddy * ddy + 1e-9;
              double f = k2 / d2;   /* (k² / d) along the unit vector (ddx, ddy) / d */

              fx += ddx * f;
              fy += ddy * f;
              dx[j] -= ddx * f;
              dy[j] -= ddy * f;
            }
          dx[i] += fx;
          dy[i] += fy;
        }
      for (guint e = 0; e < graph->n_edges; e++)
        {
          guint a = graph->edges[e].pre, b = graph->edges[e].post;
          double ddx = x[a] - x[b], ddy = y[a] - y[b];
          double d = sqrt (ddx * ddx + ddy * ddy) + 1e-9;
          double f = weights[e] * d / k;   /* (d² / k) along the unit vector */

          dx[a] -= ddx * f;
          dy[a] -= ddy * f;
          dx[b] += ddx * f;
          dy[b] += ddy * f;
        }
      for (guint i = 0; i < n; i++)
        {
          double gx = 0.5 - x[i], gy = 0.5 - y[i];
          double len, step;

          dx[i] += gx * 0.05 * n * k;
          dy[i] += gy * 0.05 * n * k;
          len = sqrt (dx[i] * dx[i] + dy[i] * dy[i]);
          if (len < 1e-12)
            continue;
          step = MIN (len, temperature * cooling);
          x[i] += dx[i] / len * step;
          y[i] += dy[i] / len * step;
        }
    }
  glmcc_plot_graph_free (graph);
  if (cancelled)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      positions[2 * i] = x[i];
      positions[2 * i + 1] = y[i];
    }
  return TRUE;
}

/* By recording position -------------------------------------------------------------------- */

typedef struct
{
  guint  neuron;
  int    column;
  double depth;   /* recording y; NAN: unknown */
  double x;
} PlaceItem;

static int
compare_place (const void *a,
               const void *b)
{
  const PlaceItem *p = a, *q = b;

  if (p->column != q->column)
    return (p->column > q->column) - (p->column < q->column);
  if (isnan (p->depth) != isnan (q->depth))
    return isnan (p->depth) ? 1 : -1;
  /* From the top of the probe (largest y) down. */
  if (p->depth != q->depth && !isnan (p->depth))
    return (p->depth < q->depth) - (p->depth > q->depth);
  if (p->x != q->x && !isnan (p->x))
    return (p->x > q->x) - (p->x < q->x);
  return (p->neuron > q->neuron) - (p->neuron < q->neuron);
}

gboolean
glmcc_plot_layout_position (const GlmccNetworkPlot *data,
                            double                 *positions,
                            GlmccPlotGuides        *guides)
{
  guint n, n_columns, n_placed = 0;
  g_autofree int *column = NULL;
  g_autofree PlaceItem *items = NULL;
  g_autofree guint *lanes = NULL;
  char (*labels)[24];
  double y_min = G_MAXDOUBLE, y_max = -G_MAXDOUBLE, row, column_width;
  gboolean has_depth;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (guides != NULL, FALSE);

  n = data->n;
  if (n == 0)
    return FALSE;
  column = g_new (int, n);
  labels = g_malloc0 (24 * GLMCC_PLOT_MAX_COLUMNS);
  n_columns = glmcc_plot_shank_columns (data, column, labels);
  if (n_columns == 0)
    {
      g_free (labels);
      return FALSE;
    }

  items = g_new (PlaceItem, n);
  for (guint i = 0; i < n; i++)
    {
      double px = NAN, py = NAN;

      if (data->recording_positions != NULL)
        {
          px = data->recording_positions[2 * i];
          py = data->recording_positions[2 * i + 1];
          if (!isfinite (px) || !isfinite (py))
            px = py = NAN;
        }
      items[i] = (PlaceItem) { i, column[i] >= 0 ? column[i] : (int) n_columns, py, px };
      if (!isnan (py))
        {
          y_min = MIN (y_min, py);
          y_max = MAX (y_max, py);
          n_placed++;
        }
    }
  has_depth = n_placed > 0;
  if (!has_depth)
    y_min = y_max = 0.0;
  qsort (items, n, sizeof (PlaceItem), compare_place);

  /* Lanes: within a column, a neuron takes the first lane whose last neuron is at least one
   * row higher up, so that neurons at one depth stand side by side instead of on each other. */
  row = has_depth ? MAX (y_max - y_min, 1.0) / POSITION_ROWS : 1.0;
  lanes = g_new0 (guint, n);
  {
    guint max_lanes = 1;
    guint k = 0;

    while (k < n)
      {
        guint end = k;
        double last[64];
        guint n_lanes = 0;
        double stack = 0.0;

        while (end < n && items[end].column == items[k].column)
          end++;
        for (guint m = k; m < end; m++)
          {
            guint lane = 0;

            if (isnan (items[m].depth))
              {
                /* Unplaced neurons stack below the column, one per row. */
                lanes[m] = 0;
                items[m].depth = y_min - row * (2.0 + stack++);
                continue;
              }
            while (lane < n_lanes && last[lane] - items[m].depth < row && lane < 63)
              lane++;
            if (lane == n_lanes && n_lanes < 64)
              n_lanes++;
            last[lane] = items[m].depth;
            lanes[m] = lane;
          }
        max_lanes = MAX (max_lanes, n_lanes);
        k = end;
      }
    column_width = MAX (max_lanes, 2u) + 1.5;
  }

  /* Layout coordinates: x in lane units, y down (the top of the probe at the top). */
  memset (guides, 0, sizeof *guides);
  guides->stretch = TRUE;
  for (guint m = 0; m < n; m++)
    {
      guint lane = lanes[m];
      /* Lanes alternate right and left of the column's centre. */
      double offset = lane == 0 ? 0.0 : (lane % 2 == 1 ? 1.0 : -1.0) * ((lane + 1) / 2);
      double cx = (items[m].column + 0.5) * column_width;

      positions[2 * items[m].neuron] = cx + offset;
      positions[2 * items[m].neuron + 1] = -items[m].depth;
    }
  guides->n_columns = MIN (n_columns, (guint) GLMCC_PLOT_MAX_COLUMNS);
  for (guint c = 0; c < guides->n_columns; c++)
    {
      guides->column_x[c] = (c + 0.5) * column_width;
      g_strlcpy (guides->column_label[c], labels[c], sizeof guides->column_label[c]);
    }
  /* The columns' full width, so that lanes keep their spacing whatever the fit. */
  guides->x_min = 0.0;
  guides->x_max = (items[n - 1].column + 1) * column_width;
  /* Neurons the format placed nowhere get a column of their own, and say so. */
  if (items[n - 1].column == (int) n_columns && guides->n_columns < GLMCC_PLOT_MAX_COLUMNS)
    {
      guides->column_x[guides->n_columns] = (n_columns + 0.5) * column_width;
      g_strlcpy (guides->column_label[guides->n_columns], _("not placed"), sizeof guides->column_label[0]);
      guides->n_columns++;
    }
  if (has_depth)
    {
      /* Probe coordinates are µm in phy and NWB files. */
      g_strlcpy (guides->y_title, _("position along the probe (\xc2\xb5m)"), sizeof guides->y_title);
      guides->y_scale = -1.0;
      guides->y_offset = 0.0;
    }
  g_free (labels);
  return TRUE;
}
