/* test-plot-views.c: the network and matrix at 1,000 neurons — hit tests, layouts, orderings,
 * colour scale, labels at every size, the cache, the line rasteriser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-plot-private.h"
#include "plot-test-util.h"

/* A network for the tests ------------------------------------------------------------------- */

typedef struct
{
  guint              n;
  char             **names;
  double            *psp;
  GlmccPlotNodeType *types;
  double            *rates;
  GlmccPlotEdge     *edges;
  guint              n_edges;
  double            *layout;
  GlmccNetworkPlot   plot;
} Net;

static void
net_add (Net    *net,
         guint   pre,
         guint   post,
         double  psp,
         double  p,
         double  delay)
{
  net->edges[net->n_edges++] = (GlmccPlotEdge) { pre, post, psp, psp / 2.0, p, 10.0, delay };
  net->psp[(gsize) pre * net->n + post] = psp;
}

/* n neurons, the first 80 % excitatory; @density of the ordered pairs connected at random
 * (seeded), plus whatever the caller adds. */
static void
net_init (Net    *net,
          guint   n,
          double  density,
          guint32 seed,
          gboolean long_names)
{
  GRand *rand = g_rand_new_with_seed (seed);

  memset (net, 0, sizeof *net);
  net->n = n;
  net->names = g_new0 (char *, n + 1);
  net->psp = g_new0 (double, (gsize) n * n);
  net->types = g_new (GlmccPlotNodeType, n);
  net->rates = g_new (double, n);
  net->edges = g_new (GlmccPlotEdge, (gsize) n * n);
  net->layout = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      net->names[i] = long_names ? g_strdup_printf ("shank%u:cluster%u", i % 4, i) : g_strdup_printf ("n%u", i);
      net->types[i] = i < (n * 4) / 5 ? GLMCC_PLOT_NODE_EXCITATORY : GLMCC_PLOT_NODE_INHIBITORY;
      net->rates[i] = 1.0 + g_rand_double (rand) * 20.0;
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (i != j && g_rand_double (rand) < density)
        net_add (net, i, j, net->types[i] == GLMCC_PLOT_NODE_EXCITATORY ? 0.2 + 2.0 * g_rand_double (rand)
                                                                          : -0.2 - 1.6 * g_rand_double (rand),
                 1e-6, 1.0 + g_rand_int_range (rand, 0, 4));
  g_rand_free (rand);
  glmcc_network_plot_init (&net->plot);
  net->plot.n = n;
  net->plot.names = (const char * const *) net->names;
  net->plot.psp_mv = net->psp;
  net->plot.types = net->types;
  net->plot.rates = net->rates;
  net->plot.edges = net->edges;
  net->plot.n_edges = net->n_edges;
  net->plot.title = "test network";
}

static void
net_clear (Net *net)
{
  g_strfreev (net->names);
  g_free (net->psp);
  g_free (net->types);
  g_free (net->rates);
  g_free (net->edges);
  g_free (net->layout);
}

static cairo_surface_t *
render_view (gboolean                matrix,
             const GlmccNetworkPlot *data,
             const GlmccPlotStyle   *style,
             const GlmccPlotView    *view,
             GlmccPlotCache         *cache,
             int                     width,
             int                     height,
             const char             *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  if (matrix)
    glmcc_plot_matrix_draw (cr, width, height, data, style, view, cache);
  else
    glmcc_plot_network_draw (cr, width, height, data, style, view, cache);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (name != NULL && test_output_dir () != NULL)
    {
      g_autofree char *path = g_build_filename (test_output_dir (), name, NULL);

      cairo_surface_write_to_png (surface, path);
    }
  return surface;
}

/* Pixels of @a and @b (same size) with a channel more than @tolerance apart. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1,
                   int              tolerance)
{
  int stride = cairo_image_surface_get_stride (a);
  const unsigned char *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      for (int k = 0; k < 4; k++)
        if (ABS ((int) pa[(gsize) y * stride + 4 * x + k] - (int) pb[(gsize) y * stride + 4 * x + k]) > tolerance)
          {
            n++;
            break;
          }
  return n;
}

/* Hit testing ------------------------------------------------------------------------------- */

static void
test_network_pick (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotView view;
  GlmccPlotHit hit;
  GlmccPlotCache *cache;
  double centres[2 * 12], radius, mx, my;
  cairo_surface_t *surface;

  net_init (&net, 12, 0.0, 1, FALSE);
  net_add (&net, 0, 6, 1.5, 2e-5, 3.0);
  net_add (&net, 3, 9, -0.8, 4e-4, 2.0);
  net.plot.n_edges = net.n_edges;
  glmcc_plot_style_init_light (&style);
  glmcc_plot_view_init (&view);
  glmcc_plot_network_get_nodes (600, 500, &net.plot, &style, centres, &radius);

  /* A node: its index. */
  g_assert_cmpint (glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, centres[2 * 4],
                                            centres[2 * 4 + 1], &hit), ==, GLMCC_NETWORK_HIT_NODE);
  g_assert_cmpuint (hit.pre, ==, 4);

  /* The middle of the edge 0 → 6 (a chord through the centre, bowed to its right): pre, post,
   * PSP, p and delay for the readout. */
  mx = (centres[0] + centres[12]) / 2.0 - (centres[13] - centres[1]) * 0.06;
  my = (centres[1] + centres[13]) / 2.0 + (centres[12] - centres[0]) * 0.06;
  g_assert_cmpint (glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, mx, my, &hit), ==,
                   GLMCC_NETWORK_HIT_EDGE);
  g_assert_cmpuint (hit.pre, ==, 0);
  g_assert_cmpuint (hit.post, ==, 6);
  g_assert_true (hit.has_edge);
  g_assert_cmpfloat (hit.edge.psp_mv, ==, 1.5);
  g_assert_cmpfloat (hit.edge.p_value, ==, 2e-5);
  g_assert_cmpfloat (hit.edge.delay_ms, ==, 3.0);

  /* Nothing far from everything. */
  g_assert_cmpint (glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, 3, 3, &hit), ==,
                   GLMCC_NETWORK_HIT_NONE);

  /* Zoomed 3× about the middle of the edge, it is still under the same point; a node is under
   * its transformed centre. */
  glmcc_plot_transform_zoom_at (&view.transform, 3.0, mx, my);
  g_assert_cmpint (glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, mx, my, &hit), ==,
                   GLMCC_NETWORK_HIT_EDGE);
  g_assert_cmpuint (hit.post, ==, 6);
  {
    double x = centres[0], y = centres[1];

    glmcc_plot_transform_apply (&view.transform, &x, &y);
    if (x > 20 && x < 580 && y > 20 && y < 480)
      {
        g_assert_cmpint (glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, x, y, &hit), ==,
                         GLMCC_NETWORK_HIT_NODE);
        g_assert_cmpuint (hit.pre, ==, 0);
      }
  }

  /* With the cache that drew the view, during a pan, the same answers as without. */
  cache = glmcc_plot_cache_new ();
  surface = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
  cairo_surface_destroy (surface);
  view.panning = TRUE;
  view.transform.pan_x += 17.0;
  view.transform.pan_y -= 9.0;
  surface = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
  cairo_surface_destroy (surface);
  for (int k = 0; k < 60; k++)
    {
      double x = 40 + (k * 97) % 520, y = 40 + (k * 61) % 420;
      GlmccPlotHit a, b;
      GlmccNetworkHitKind ka = glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, cache, x, y, &a);
      GlmccNetworkHitKind kb = glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, x, y, &b);

      g_assert_cmpint (ka, ==, kb);
      if (ka != GLMCC_NETWORK_HIT_NONE)
        {
          g_assert_cmpuint (a.pre, ==, b.pre);
          g_assert_cmpuint (a.post, ==, b.post);
        }
    }
  glmcc_plot_cache_free (cache);

  /* A filtered-out connection cannot be picked. */
  glmcc_plot_view_init (&view);
  net.plot.filter.hide_excitatory = TRUE;
  g_assert_cmpint (glmcc_plot_network_pick (600, 500, &net.plot, &style, &view, NULL, mx, my, &hit), !=,
                   GLMCC_NETWORK_HIT_EDGE);
  net_clear (&net);
}

static void
test_matrix_pick (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotView view;
  GlmccPlotHit hit;
  GlmccMatrixLayout layout;
  guint order[10];
  double c;

  net_init (&net, 10, 0.0, 1, FALSE);
  net_add (&net, 7, 2, -0.9, 1e-4, 4.0);
  net.plot.n_edges = net.n_edges;
  /* Reversed order: row k shows neuron 9 − k. */
  for (guint k = 0; k < 10; k++)
    order[k] = 9 - k;
  net.plot.order = order;
  glmcc_plot_style_init_light (&style);
  glmcc_plot_view_init (&view);
  glmcc_plot_matrix_get_layout (500, 400, &net.plot, &style, &layout);
  c = layout.cell_size;

  /* Row of neuron 7 is 2, column of neuron 2 is 7. */
  g_assert_true (glmcc_plot_matrix_pick (500, 400, &net.plot, &style, &view, NULL,
                                         layout.cells.x + 7.5 * c, layout.cells.y + 2.5 * c, &hit));
  g_assert_cmpuint (hit.pre, ==, 7);
  g_assert_cmpuint (hit.post, ==, 2);
  g_assert_true (hit.has_edge);
  g_assert_cmpfloat (hit.edge.psp_mv, ==, -0.9);
  g_assert_cmpfloat (hit.edge.delay_ms, ==, 4.0);
  /* An empty cell: no connection. */
  g_assert_true (glmcc_plot_matrix_pick (500, 400, &net.plot, &style, &view, NULL,
                                         layout.cells.x + 0.5 * c, layout.cells.y + 1.5 * c, &hit));
  g_assert_false (hit.has_edge);
  g_assert_cmpuint (hit.pre, ==, 8);
  g_assert_cmpuint (hit.post, ==, 9);

  /* Zoomed onto that cell: its middle is still the same cell, and so is a point a quarter of
   * a zoomed cell away. */
  glmcc_plot_transform_zoom_at (&view.transform, 1.2, layout.cells.x + 7.5 * c, layout.cells.y + 2.5 * c);
  glmcc_plot_matrix_clamp_transform (500, 400, &net.plot, &style, &view.transform);
  g_assert_cmpfloat_with_epsilon (view.transform.zoom, 1.2, 1e-12);
  {
    double x = layout.cells.x + 7.5 * c, y = layout.cells.y + 2.5 * c, quarter = 0.25 * c * view.transform.zoom;

    glmcc_plot_transform_apply (&view.transform, &x, &y);
    g_assert_true (glmcc_plot_matrix_pick (500, 400, &net.plot, &style, &view, NULL, x + quarter, y - quarter, &hit));
    g_assert_cmpuint (hit.pre, ==, 7);
    g_assert_cmpuint (hit.post, ==, 2);
  }
  /* Too far in: clamped to a cell of 4 font sizes, and the grid still covers its rectangle. */
  glmcc_plot_transform_zoom_at (&view.transform, 100.0, layout.cells.x, layout.cells.y);
  glmcc_plot_matrix_clamp_transform (500, 400, &net.plot, &style, &view.transform);
  g_assert_cmpfloat_with_epsilon (c * view.transform.zoom, 4.0 * style.font_size, 1e-9);
  g_assert_cmpfloat (view.transform.zoom * layout.cells.x + view.transform.pan_x, <=, layout.cells.x + 1e-9);
  g_assert_cmpfloat (view.transform.zoom * (layout.cells.x + layout.cells.width) + view.transform.pan_x, >=,
                     layout.cells.x + layout.cells.width - 1e-9);
  /* Outside the grid's rectangle: nothing, whatever the zoom shows. */
  g_assert_false (glmcc_plot_matrix_pick (500, 400, &net.plot, &style, &view, NULL, 2, 2, &hit));
  net_clear (&net);
}

/* Layouts ----------------------------------------------------------------------------------- */

static void
test_layout_force (void)
{
  Net net;
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree double *c = NULL;
  GCancellable *cancellable;
  gboolean differ = FALSE;

  net_init (&net, 150, 0.04, 7, FALSE);
  a = g_new (double, 2 * net.n);
  b = g_new (double, 2 * net.n);
  c = g_new (double, 2 * net.n);
  g_assert_true (glmcc_plot_layout_force (&net.plot, 42, NULL, a));
  g_assert_true (glmcc_plot_layout_force (&net.plot, 42, NULL, b));
  g_assert_true (glmcc_plot_layout_force (&net.plot, 43, NULL, c));
  /* The same seed gives the same layout, to the bit; another seed another one. */
  g_assert_cmpmem (a, 2 * sizeof (double) * net.n, b, 2 * sizeof (double) * net.n);
  for (guint i = 0; i < 2 * net.n; i++)
    {
      g_assert_true (isfinite (a[i]));
      differ |= fabs (a[i] - c[i]) > 1e-6;
    }
  g_assert_true (differ);

  /* Connected neurons end up closer than unconnected ones on average. */
  {
    double linked = 0.0, all = 0.0;
    guint n_all = 0;

    for (guint k = 0; k < net.n_edges; k++)
      linked += hypot (a[2 * net.edges[k].pre] - a[2 * net.edges[k].post],
                       a[2 * net.edges[k].pre + 1] - a[2 * net.edges[k].post + 1]);
    linked /= net.n_edges;
    for (guint i = 0; i < net.n; i++)
      for (guint j = i + 1; j < net.n; j++, n_all++)
        all += hypot (a[2 * i] - a[2 * j], a[2 * i + 1] - a[2 * j + 1]);
    all /= n_all;
    g_assert_cmpfloat (linked, <, all);
  }

  /* A cancelled layout stops and says so. */
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_assert_false (glmcc_plot_layout_force (&net.plot, 42, cancellable, c));
  g_object_unref (cancellable);
  net_clear (&net);
}

static void
test_layout_circle (void)
{
  Net net;
  g_autofree double *xy = NULL;
  g_autofree double *angle = NULL;

  net_init (&net, 40, 0.0, 3, FALSE);
  net.types[5] = GLMCC_PLOT_NODE_UNKNOWN;
  xy = g_new (double, 2 * net.n);
  angle = g_new (double, net.n);
  glmcc_plot_layout_circle (&net.plot, xy);
  for (guint i = 0; i < net.n; i++)
    {
      g_assert_cmpfloat_with_epsilon (hypot (xy[2 * i], xy[2 * i + 1]), 1.0, 1e-9);
      /* Clockwise from the top (y down): the angle from 12 o'clock. */
      angle[i] = fmod (atan2 (xy[2 * i + 1], xy[2 * i]) + G_PI / 2.0 + 2.0 * G_PI, 2.0 * G_PI);
    }
  /* Every excitatory neuron before every inhibitory one, the unlabelled one last; within a
   * group, higher rates first. */
  for (guint i = 0; i < net.n; i++)
    for (guint j = 0; j < net.n; j++)
      {
        int gi = net.types[i] == GLMCC_PLOT_NODE_EXCITATORY ? 0 : net.types[i] == GLMCC_PLOT_NODE_INHIBITORY ? 1 : 2;
        int gj = net.types[j] == GLMCC_PLOT_NODE_EXCITATORY ? 0 : net.types[j] == GLMCC_PLOT_NODE_INHIBITORY ? 1 : 2;

        if (gi < gj)
          g_assert_cmpfloat (angle[i], <, angle[j]);
        else if (gi == gj && net.rates[i] > net.rates[j])
          g_assert_cmpfloat (angle[i], <, angle[j]);
      }
  net_clear (&net);
}

static void
test_layout_position (void)
{
  Net net;
  g_autofree double *probe = NULL;
  g_autofree double *xy = NULL;
  GlmccPlotGuides guides;
  GlmccPlotStyle style;
  double centres[2 * 24], radius;
  cairo_surface_t *surface;

  /* Two shanks 250 µm apart, columns 16 µm apart on each; depths spread; neuron 23 has none. */
  net_init (&net, 24, 0.05, 5, FALSE);
  probe = g_new (double, 2 * net.n);
  xy = g_new (double, 2 * net.n);
  for (guint i = 0; i < net.n; i++)
    {
      probe[2 * i] = (i < 12 ? 0.0 : 250.0) + (i % 2) * 16.0;
      probe[2 * i + 1] = 40.0 + 150.0 * (i % 12);
    }
  /* Two neurons at the very same site. */
  probe[2 * 5] = probe[2 * 4];
  probe[2 * 5 + 1] = probe[2 * 4 + 1];
  probe[2 * 23] = probe[2 * 23 + 1] = NAN;
  net.plot.recording_positions = probe;
  g_assert_true (glmcc_plot_layout_position (&net.plot, xy, &guides));
  net.plot.positions = xy;
  net.plot.guides = &guides;

  /* Two shanks, and a column for the neuron without a position. */
  g_assert_cmpuint (guides.n_columns, ==, 3);
  g_assert_cmpstr (guides.column_label[0], ==, "shank 1");
  g_assert_cmpstr (guides.column_label[2], ==, "not placed");
  g_assert_true (guides.y_title[0] != '\0');
  glmcc_plot_style_init_light (&style);
  glmcc_plot_network_get_nodes (700, 600, &net.plot, &style, centres, &radius);
  for (guint i = 0; i < 22; i++)
    for (guint j = 0; j < 22; j++)
      {
        /* Higher on the probe (larger y) is higher in the figure; the second shank is right
         * of the first. */
        if (probe[2 * i + 1] > probe[2 * j + 1] + 1.0)
          g_assert_cmpfloat (centres[2 * i + 1], <, centres[2 * j + 1]);
        if (i < 12 && j >= 12)
          g_assert_cmpfloat (centres[2 * i], <, centres[2 * j]);
      }
  /* The two neurons at one site stand side by side, not on each other. */
  g_assert_cmpfloat (hypot (centres[8] - centres[10], centres[9] - centres[11]), >=, 2.0 * radius);
  /* The axis reads the probe's coordinates back: value = y_scale · layout y + y_offset. */
  g_assert_cmpfloat_with_epsilon (guides.y_scale * xy[2 * 7 + 1] + guides.y_offset, probe[2 * 7 + 1], 1e-9);

  surface = render_view (FALSE, &net.plot, &style, NULL, NULL, 700, 600, "views-position.png");
  cairo_surface_destroy (surface);

  /* Shanks without positions (Neuroscope): a column per group. */
  {
    int groups[24];

    for (guint i = 0; i < net.n; i++)
      groups[i] = 1 + (int) (i / 8);
    net.plot.recording_positions = NULL;
    net.plot.groups = groups;
    g_assert_true (glmcc_plot_layout_position (&net.plot, xy, &guides));
    g_assert_cmpuint (guides.n_columns, ==, 3);
    g_assert_cmpstr (guides.column_label[2], ==, "shank 3");
    g_assert_cmpstr (guides.y_title, ==, "");
    for (guint i = 0; i < net.n; i++)
      for (guint j = 0; j < net.n; j++)
        if (groups[i] < groups[j])
          g_assert_cmpfloat (xy[2 * i], <, xy[2 * j]);
    /* Neither positions nor groups: no such layout. */
    net.plot.groups = NULL;
    g_assert_false (glmcc_plot_layout_position (&net.plot, xy, &guides));
  }
  net_clear (&net);
}

/* Orderings --------------------------------------------------------------------------------- */

static void
test_order_cluster (void)
{
  guint n = 120, blocks = 4;
  Net net;
  g_autofree guint *hidden = g_new (guint, n);
  g_autofree guint *order = g_new (guint, n);
  g_autofree guint *again = g_new (guint, n);
  g_autofree int *block_of = g_new (int, n);
  g_autofree guint *position = g_new (guint, n);
  GRand *rand = g_rand_new_with_seed (99);

  /* Four planted communities of 30 neurons, their members scattered over the indices. */
  net_init (&net, n, 0.0, 1, FALSE);
  for (guint i = 0; i < n; i++)
    hidden[i] = i % blocks;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (i != j && g_rand_double (rand) < (hidden[i] == hidden[j] ? 0.35 : 0.01))
        net_add (&net, i, j, g_rand_double (rand) < 0.5 ? 1.0 : -0.7, 1e-5, 2.0);
  net.plot.n_edges = net.n_edges;
  g_rand_free (rand);

  glmcc_plot_order_neurons (&net.plot, GLMCC_PLOT_ORDER_CLUSTER, order, block_of);
  glmcc_plot_order_neurons (&net.plot, GLMCC_PLOT_ORDER_CLUSTER, again, NULL);
  /* Deterministic. */
  g_assert_cmpmem (order, n * sizeof (guint), again, n * sizeof (guint));
  /* A permutation. */
  memset (position, 0xff, n * sizeof (guint));
  for (guint k = 0; k < n; k++)
    {
      g_assert_cmpuint (order[k], <, n);
      g_assert_cmpuint (position[order[k]], ==, G_MAXUINT);
      position[order[k]] = k;
    }
  /* Each planted community is one block, and its members are contiguous. */
  for (guint b = 0; b < blocks; b++)
    {
      guint lo = n, hi = 0, count = 0;
      int id = -1;

      for (guint i = 0; i < n; i++)
        if (hidden[i] == b)
          {
            lo = MIN (lo, position[i]);
            hi = MAX (hi, position[i]);
            count++;
            if (id < 0)
              id = block_of[i];
            g_assert_cmpint (block_of[i], ==, id);
          }
      g_assert_cmpuint (hi - lo + 1, ==, count);
    }

  /* By type: excitatory first, each type by rate, highest first. */
  glmcc_plot_order_neurons (&net.plot, GLMCC_PLOT_ORDER_TYPE, order, block_of);
  for (guint k = 1; k < n; k++)
    {
      GlmccPlotNodeType a = net.types[order[k - 1]], b = net.types[order[k]];

      g_assert_true (a == b || (a == GLMCC_PLOT_NODE_EXCITATORY && b == GLMCC_PLOT_NODE_INHIBITORY));
      if (a == b)
        g_assert_cmpfloat (net.rates[order[k - 1]], >=, net.rates[order[k]]);
    }
  net_clear (&net);
}

static void
test_order_position (void)
{
  Net net;
  double probe[2 * 6] = { 0, 100, 300, 50, 0, 400, NAN, NAN, 300, 900, 10, 250 };
  guint order[6];
  int blocks[6];

  net_init (&net, 6, 0.0, 1, FALSE);
  net.plot.recording_positions = probe;
  glmcc_plot_order_neurons (&net.plot, GLMCC_PLOT_ORDER_POSITION, order, blocks);
  /* First shank (x ≈ 0) from the top of the probe down, then the second, then the unplaced. */
  g_assert_cmpuint (order[0], ==, 2);
  g_assert_cmpuint (order[1], ==, 5);
  g_assert_cmpuint (order[2], ==, 0);
  g_assert_cmpuint (order[3], ==, 4);
  g_assert_cmpuint (order[4], ==, 1);
  g_assert_cmpuint (order[5], ==, 3);
  g_assert_cmpint (blocks[2], ==, blocks[0]);
  g_assert_cmpint (blocks[4], !=, blocks[0]);
  net_clear (&net);
}

/* Colour scale ------------------------------------------------------------------------------ */

static void
test_color_scale (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotColorScale scale;
  GlmccPlotColor weak, strong, clipped, background;

  /* 100 EPSPs of 0.1 … 10 mV spread out, one of +6 mV… and 20 IPSPs of −0.2 … −1.8 mV. */
  net_init (&net, 30, 0.0, 1, FALSE);
  for (guint k = 0; k < 100; k++)
    net_add (&net, k / 10, 10 + k % 10, 0.1 * (k + 1), 1e-6, 2.0);
  for (guint k = 0; k < 20; k++)
    net_add (&net, 20 + k % 10, k, -0.2 - 1.6 * k / 19.0, 1e-6, 2.0);
  net.plot.n_edges = net.n_edges;
  glmcc_plot_style_init_light (&style);

  glmcc_plot_color_scale_compute (&net.plot, &scale);
  /* Clipped at the 95th percentile of each sign, not at the largest value. */
  g_assert_cmpfloat (scale.excitatory_max, ==, 10.0);
  g_assert_cmpfloat (scale.excitatory_limit, >=, 9.4);
  g_assert_cmpfloat (scale.excitatory_limit, <, 9.7);
  g_assert_cmpfloat_with_epsilon (scale.inhibitory_max, 1.8, 1e-9);
  /* The 95th percentile of the IPSPs, 1.72, rounded up to two digits. */
  g_assert_cmpfloat_with_epsilon (scale.inhibitory_limit, 1.8, 1e-9);

  /* Beyond the limit: the end colour; the weakest IPSP is clearly not the background. */
  glmcc_plot_color_scale_color (&style, &scale, 50.0, &clipped);
  g_assert_cmpfloat (test_color_distance (&clipped, &style.excitatory), <, 1.0);
  glmcc_plot_color_scale_color (&style, &scale, -0.2, &weak);
  glmcc_plot_color_scale_color (&style, &scale, -1.8, &strong);
  glmcc_plot_color_scale_color (&style, &scale, 0.0, &background);
  g_assert_cmpfloat (test_color_distance (&background, &style.background), <, 1.0);
  g_assert_cmpfloat (test_color_distance (&weak, &style.background), >, 40.0);
  g_assert_cmpfloat (weak.blue, >, weak.red);
  g_assert_cmpfloat (test_color_distance (&strong, &style.inhibitory), <, 1.0);

  /* A shared scale puts both signs on one, and no clip at 100. */
  net.plot.shared_scale = TRUE;
  net.plot.clip_percentile = 100.0;
  glmcc_plot_color_scale_compute (&net.plot, &scale);
  g_assert_cmpfloat (scale.excitatory_limit, ==, scale.inhibitory_limit);
  g_assert_cmpfloat (scale.excitatory_limit, ==, 10.0);

  /* Filters change what the scale is made of. */
  net.plot.shared_scale = FALSE;
  net.plot.filter.max_p_value = 1e-3;
  net.plot.filter.min_abs_psp_mv = 5.0;
  glmcc_plot_color_scale_compute (&net.plot, &scale);
  g_assert_cmpfloat (scale.inhibitory_max, ==, 0.0);
  net_clear (&net);
}

/* Labels at every size ---------------------------------------------------------------------- */

/* TRUE when nothing but the background lies within @band pixels of the image's border: text
 * cut off at an edge would leave ink there. */
static gboolean
border_clear (cairo_surface_t      *surface,
              const GlmccPlotStyle *style,
              int                   band)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        GlmccPlotColor c;

        if (x >= band && x < w - band && y >= band && y < h - band)
          continue;
        test_pixel (surface, x, y, &c);
        if (test_color_distance (&c, &style->background) > 8.0)
          {
            g_test_message ("ink at (%d, %d) of a %d × %d figure", x, y, w, h);
            return FALSE;
          }
      }
  return TRUE;
}

static void
test_labels_fit (void)
{
  static const int sizes[][2] = { { 240, 180 }, { 320, 300 }, { 640, 600 }, { 900, 420 }, { 1600, 1200 } };
  Net net;
  g_autofree double *probe = NULL;
  GlmccPlotGuides guides;

  net_init (&net, 60, 0.05, 11, TRUE);
  probe = g_new (double, 2 * net.n);
  for (guint i = 0; i < net.n; i++)
    {
      probe[2 * i] = (i % 4) * 200.0;
      probe[2 * i + 1] = 20.0 * i;
    }
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int figure = 0; figure < 4; figure++)
      {
        GlmccPlotStyle style;
        GlmccPlotView view;
        cairo_surface_t *surface;
        int w = sizes[s][0], h = sizes[s][1];
        g_autofree char *name = g_strdup_printf ("views-fit-%d-%dx%d.png", figure, w, h);

        glmcc_plot_style_init_light (&style);
        glmcc_plot_style_scale_for_size (&style, w, h);
        glmcc_plot_view_init (&view);
        net.plot.positions = NULL;
        net.plot.guides = NULL;
        net.plot.recording_positions = NULL;
        if (figure == 1)
          {
            /* By position, with its axis and shank labels, and a neuron in focus. */
            net.plot.recording_positions = probe;
            g_assert_true (glmcc_plot_layout_position (&net.plot, net.layout, &guides));
            net.plot.positions = net.layout;
            net.plot.guides = &guides;
            view.focus = 7;
          }
        else if (figure == 2)
          {
            glmcc_plot_layout_circle (&net.plot, net.layout);
            net.plot.positions = net.layout;
            view.hover_node = 3;
          }
        surface = render_view (figure == 3, &net.plot, &style, &view, NULL, w, h, name);
        g_assert_true (border_clear (surface, &style, MAX (2, (int) (0.5 * style.font_size))));
        cairo_surface_destroy (surface);
      }
  net_clear (&net);
}

/* The cache --------------------------------------------------------------------------------- */

static void
test_cache_pixels (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotView view;
  GlmccPlotCache *cache = glmcc_plot_cache_new ();

  net_init (&net, 40, 0.08, 21, FALSE);
  glmcc_plot_layout_circle (&net.plot, net.layout);
  net.plot.positions = net.layout;
  net.plot.highlight_pre = 0;
  net.plot.highlight_post = (int) net.edges[0].post;
  glmcc_plot_style_init_light (&style);
  glmcc_plot_view_init (&view);

  for (int matrix = 0; matrix < 2; matrix++)
    {
      for (int step = 0; step < 4; step++)
        {
          cairo_surface_t *cached, *direct;
          guint renders = glmcc_plot_cache_get_n_renders (cache);

          /* Plain; hovered; a neuron in focus and zoomed; zoomed and panned. */
          view.hover_node = step == 1 ? 5 : -1;
          view.hover_pre = step == 1 ? (int) net.edges[3].pre : -1;
          view.hover_post = step == 1 ? (int) net.edges[3].post : -1;
          view.focus = step == 2 ? 9 : -1;
          if (step == 2)
            glmcc_plot_transform_zoom_at (&view.transform, 2.0, 300, 250);
          if (step == 3)
            {
              view.transform.pan_x += 40.0;
              view.transform.pan_y -= 25.0;
            }
          cached = render_view (matrix, &net.plot, &style, &view, cache, 600, 500, NULL);
          direct = render_view (matrix, &net.plot, &style, &view, NULL, 600, 500, NULL);
          /* The cache gives the very pixels of a direct draw. */
          g_assert_cmpuint (count_differences (cached, direct, 0, 0, 600, 500, 0), ==, 0);
          /* So does its texture path: the layer's image, then the highlights over it. */
          {
            cairo_surface_t *texture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 500);
            cairo_t *cr = cairo_create (texture);
            GlmccPlotRect content;
            double s, dx, dy;

            if (matrix)
              glmcc_plot_matrix_update_cache (cache, 600, 500, &net.plot, &style, &view);
            else
              glmcc_plot_network_update_cache (cache, 600, 500, &net.plot, &style, &view);
            glmcc_plot_cache_get_content (cache, &view, &content, &s, &dx, &dy);
            g_assert_cmpfloat (s, ==, 1.0);
            g_assert_cmpfloat (content.width, >, 100.0);
            cairo_set_source_surface (cr, glmcc_plot_cache_get_surface (cache), 0, 0);
            cairo_paint (cr);
            if (matrix)
              glmcc_plot_matrix_draw_highlights (cr, cache, &net.plot, &view);
            else
              glmcc_plot_network_draw_highlights (cr, cache, &net.plot, &view);
            cairo_destroy (cr);
            cairo_surface_flush (texture);
            g_assert_cmpuint (count_differences (texture, direct, 0, 0, 600, 500, 0), ==, 0);
            cairo_surface_destroy (texture);
          }
          /* A hover alone redraws no static layer. */
          if (step == 1)
            g_assert_cmpuint (glmcc_plot_cache_get_n_renders (cache), ==, renders);
          cairo_surface_destroy (cached);
          cairo_surface_destroy (direct);
        }
      glmcc_plot_view_init (&view);
      glmcc_plot_cache_invalidate (cache);
    }

  glmcc_plot_cache_free (cache);
  net_clear (&net);

  /* While panning, the cached layer is shifted, not redrawn; the middle of the area shows what
   * a direct draw at that pan shows (300 neurons: no names, whose places could differ). At the
   * end of the pan it is redrawn. */
  cache = glmcc_plot_cache_new ();
  net_init (&net, 300, 0.02, 22, FALSE);
  glmcc_plot_layout_circle (&net.plot, net.layout);
  net.plot.positions = net.layout;
  glmcc_plot_view_init (&view);
  {
    cairo_surface_t *cached, *direct;
    guint renders;
    GlmccPlotRect area;

    glmcc_plot_network_get_area (600, 500, &net.plot, &style, &area);
    glmcc_plot_transform_zoom_at (&view.transform, 1.5, 300, 250);
    cached = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
    cairo_surface_destroy (cached);
    renders = glmcc_plot_cache_get_n_renders (cache);
    view.panning = TRUE;
    view.transform.pan_x += 30.0;
    view.transform.pan_y += 12.0;
    cached = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, "views-pan-cached.png");
    g_assert_cmpuint (glmcc_plot_cache_get_n_renders (cache), ==, renders);
    view.panning = FALSE;
    direct = render_view (FALSE, &net.plot, &style, &view, NULL, 600, 500, "views-pan-direct.png");
    /* To the rounding of the lines' coverage, which a shift changes in the last bit. */
    g_assert_cmpuint (count_differences (cached, direct, (int) area.x + 40, (int) area.y + 20,
                                         (int) (area.x + area.width) - 10, (int) (area.y + area.height) - 10, 2),
                      ==, 0);
    cairo_surface_destroy (cached);
    cairo_surface_destroy (direct);
    cached = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
    g_assert_cmpuint (glmcc_plot_cache_get_n_renders (cache), ==, renders + 1);
    cairo_surface_destroy (cached);

    /* A zoom gesture scales the layer until it ends, then redraws it once. */
    view.panning = TRUE;
    for (int k = 0; k < 3; k++)
      {
        glmcc_plot_transform_zoom_at (&view.transform, 1.1, 250, 200);
        cached = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
        cairo_surface_destroy (cached);
      }
    g_assert_cmpuint (glmcc_plot_cache_get_n_renders (cache), ==, renders + 1);
    view.panning = FALSE;
    cached = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
    g_assert_cmpuint (glmcc_plot_cache_get_n_renders (cache), ==, renders + 2);
    cairo_surface_destroy (cached);
  }

  /* A new filter is new data: redrawn. */
  {
    guint renders = glmcc_plot_cache_get_n_renders (cache);
    cairo_surface_t *cached;

    net.plot.filter.min_abs_psp_mv = 1.0;
    cached = render_view (FALSE, &net.plot, &style, &view, cache, 600, 500, NULL);
    g_assert_cmpuint (glmcc_plot_cache_get_n_renders (cache), ==, renders + 1);
    g_assert_nonnull (glmcc_plot_cache_get_surface (cache));
    cairo_surface_destroy (cached);
  }
  glmcc_plot_cache_free (cache);
  net_clear (&net);
}

/* The line rasteriser ------------------------------------------------------------------------ */

static double
ink (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data = cairo_image_surface_get_data (surface);
  double sum = 0.0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      sum += (((const guint32 *) (gconstpointer) (data + (gsize) y * stride))[x] >> 24) / 255.0;
  return sum;
}

static void
test_raster_lines (void)
{
  static const double lines[][5] = {
    /* x0, y0, x1, y1, width */
    { 10.3, 20.7, 180.2, 60.1, 1.0 },
    { 30.0, 190.0, 60.5, 15.25, 2.5 },
    { 100.0, 100.0, 101.0, 100.0, 3.0 },
    { 15.5, 150.5, 185.5, 150.5, 0.4 },
  };
  GlmccPlotColor color = { 0.2, 0.4, 0.9, 1.0 };

  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      const double *l = lines[k];
      GlmccRaster *raster = glmcc_raster_new (200, 200, 1, &color);
      cairo_surface_t *ours, *reference = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
      cairo_t *cr = cairo_create (reference);
      double a, b;

      glmcc_raster_line (raster, l[0], l[1], l[2], l[3], l[4], 0, 1.0);
      ours = glmcc_raster_to_surface (raster);
      cairo_move_to (cr, l[0], l[1]);
      cairo_line_to (cr, l[2], l[3]);
      cairo_set_line_width (cr, l[4]);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
      cairo_destroy (cr);
      cairo_surface_flush (reference);
      /* The same ink as cairo's stroke, to a pixel's worth, and only near the line. */
      a = ink (ours);
      b = ink (reference);
      g_test_message ("line %u: %.2f vs cairo %.2f", k, a, b);
      g_assert_cmpfloat (fabs (a - b), <, 0.02 * b + 1.5);
      g_assert_cmpfloat (fabs (a - hypot (l[2] - l[0], l[3] - l[1]) * l[4]), <, 0.03 * b + 1.5);
      cairo_surface_destroy (ours);
      cairo_surface_destroy (reference);
      glmcc_raster_free (raster);
    }

  /* Faint lines add up like OVER: n lines of opacity a let (1 − a)ⁿ through. */
  {
    GlmccRaster *raster = glmcc_raster_new (20, 20, 2, (GlmccPlotColor[2]) { color, color });
    cairo_surface_t *image;
    GlmccPlotColor c;

    for (int i = 0; i < 30; i++)
      glmcc_raster_line (raster, 0.0, 10.5, 20.0, 10.5, 1.0, (guint) i % 2, 0.05);
    image = glmcc_raster_to_surface (raster);
    test_pixel (image, 10, 10, &c);
    g_assert_cmpfloat_with_epsilon (c.alpha, 1.0 - pow (0.95, 30), 0.01);
    g_assert_cmpfloat_with_epsilon (c.blue, color.blue, 0.01);
    cairo_surface_destroy (image);
    glmcc_raster_free (raster);
  }
}

/* A large network end to end --------------------------------------------------------------- */

static void
test_large (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotView view;
  GlmccPlotCache *cache = glmcc_plot_cache_new ();
  cairo_surface_t *surface;
  GlmccMatrixLayout layout;
  GlmccPlotColor c;
  g_autofree guint *order = NULL;
  g_autofree int *blocks = NULL;

  /* 400 neurons, about 6,400 connections: drawn without a stroke per line, every connection
   * in the matrix visible although cells are smaller than pixels. */
  net_init (&net, 400, 0.04, 31, FALSE);
  glmcc_plot_layout_circle (&net.plot, net.layout);
  net.plot.positions = net.layout;
  glmcc_plot_style_init_light (&style);
  glmcc_plot_view_init (&view);
  surface = render_view (FALSE, &net.plot, &style, &view, cache, 900, 800, "views-large-network.png");
  /* Against a truth that calls every one of the 6,400 connections false, the crosses are as
   * faint as the lines: the picture keeps about its lightness instead of turning black. */
  {
    g_autofree guint8 *truth = g_malloc0 ((gsize) net.n * net.n);
    cairo_surface_t *marked;
    double light = 0.0, light_marked = 0.0;

    for (guint k = 0; k < net.n_edges; k++)
      truth[(gsize) net.edges[k].pre * net.n + net.edges[k].post] = GLMCC_PLOT_TRUTH_FALSE_POSITIVE;
    net.plot.truth = truth;
    marked = render_view (FALSE, &net.plot, &style, &view, NULL, 900, 800, "views-large-network-truth.png");
    net.plot.truth = NULL;
    for (int y = 300; y < 500; y += 4)
      for (int x = 350; x < 550; x += 4)
        {
          test_pixel (surface, x, y, &c);
          light += test_luminance (&c);
          test_pixel (marked, x, y, &c);
          light_marked += test_luminance (&c);
        }
    g_assert_cmpfloat (light_marked, >, 0.75 * light);
    cairo_surface_destroy (marked);
  }
  cairo_surface_destroy (surface);
  view.focus = 401 - 2;
  surface = render_view (FALSE, &net.plot, &style, &view, cache, 900, 800, "views-large-focus.png");
  cairo_surface_destroy (surface);

  order = g_new (guint, net.n);
  blocks = g_new (int, net.n);
  glmcc_plot_order_neurons (&net.plot, GLMCC_PLOT_ORDER_TYPE, order, blocks);
  net.plot.order = order;
  net.plot.blocks = blocks;
  glmcc_plot_view_init (&view);
  surface = render_view (TRUE, &net.plot, &style, &view, NULL, 500, 420, "views-large-matrix.png");
  glmcc_plot_matrix_get_layout (500, 420, &net.plot, &style, &layout);
  g_assert_cmpfloat (layout.cell_size, <, 1.0);
  /* The cell of the strongest inhibitory connection is not the background colour. */
  {
    const GlmccPlotEdge *strongest = NULL;
    guint row = 0, col = 0;

    for (guint k = 0; k < net.n_edges; k++)
      if (net.edges[k].psp_mv < 0 && (strongest == NULL || net.edges[k].psp_mv < strongest->psp_mv))
        strongest = &net.edges[k];
    for (guint k = 0; k < net.n; k++)
      {
        if (order[k] == strongest->pre)
          row = k;
        if (order[k] == strongest->post)
          col = k;
      }
    test_pixel (surface, (int) (layout.cells.x + (col + 0.5) * layout.cell_size),
                (int) (layout.cells.y + (row + 0.5) * layout.cell_size), &c);
    g_assert_cmpfloat (c.blue, >, c.red + 0.1);
    cairo_surface_destroy (surface);

    /* With a ground truth, marks on cells smaller than pixels would hide the colours: they
     * are left out (the key says to zoom in) until a cell is a few units wide. */
    {
      g_autofree guint8 *truth = g_malloc ((gsize) net.n * net.n);
      GlmccPlotColor foreground;
      double zoom = 12.0 / layout.cell_size;

      memset (truth, GLMCC_PLOT_TRUTH_FALSE_POSITIVE, (gsize) net.n * net.n);
      net.plot.truth = truth;
      surface = render_view (TRUE, &net.plot, &style, &view, NULL, 500, 420, "views-large-matrix-truth.png");
      {
        GlmccMatrixLayout with_key;

        gboolean blue = FALSE;

        /* The cells moved left to make room for the key of the marks (and are pooled to
         * pixels at another phase: the cell is one of the pixels around its centre). */
        glmcc_plot_matrix_get_layout (500, 420, &net.plot, &style, &with_key);
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              test_pixel (surface, (int) (with_key.cells.x + (col + 0.5) * with_key.cell_size) + dx,
                          (int) (with_key.cells.y + (row + 0.5) * with_key.cell_size) + dy, &c);
              blue = blue || c.blue > c.red + 0.1;
            }
        g_assert_true (blue);
        layout = with_key;
      }
      /* The key fits in the figure: nothing is drawn in its last columns. */
      for (int y = 0; y < 420; y++)
        for (int x = 496; x < 500; x++)
          {
            test_pixel (surface, x, y, &c);
            g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 0.02);
          }
      cairo_surface_destroy (surface);

      /* Zoomed in to cells of 12 units around that one, its mark (a dot in the foreground
       * colour for a true detection) covers the cell's centre. */
      memset (truth, GLMCC_PLOT_TRUTH_TRUE_POSITIVE, (gsize) net.n * net.n);
      view.transform.zoom = zoom;
      view.transform.pan_x = 250.0 - zoom * (layout.cells.x + (col + 0.5) * layout.cell_size);
      view.transform.pan_y = 210.0 - zoom * (layout.cells.y + (row + 0.5) * layout.cell_size);
      surface = render_view (TRUE, &net.plot, &style, &view, NULL, 500, 420, "views-large-matrix-truth-zoom.png");
      test_pixel (surface, 250, 210, &c);
      foreground = style.foreground;
      g_assert_cmpfloat (test_color_distance (&c, &foreground), <, 60.0);
      net.plot.truth = NULL;
      glmcc_plot_view_init (&view);
    }
  }
  cairo_surface_destroy (surface);
  glmcc_plot_cache_free (cache);
  net_clear (&net);
}

/* Curation marks ---------------------------------------------------------------------------- */

/* The marks of curated edges: found by a binary search of the sorted list, outlined in the
 * matrix (only there), and a rejected connection drawn differently in the network while an
 * accepted one looks as before. */
static void
test_curation_marks (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotCache *cache = glmcc_plot_cache_new ();
  GlmccPlotMarkedEdge marks[3];
  GlmccMatrixLayout layout;
  cairo_surface_t *plain, *marked;
  guint untested_pre = 0, untested_post = 0;
  guint inside = 0, outside = 0;

  net_init (&net, 20, 0.15, 5, FALSE);
  glmcc_plot_layout_circle (&net.plot, net.layout);
  net.plot.positions = net.layout;
  glmcc_plot_style_init_light (&style);
  /* A pair without a connection, to mark unsure. */
  for (guint i = 0; i < net.n && untested_post == 0; i++)
    for (guint j = 0; j < net.n; j++)
      if (i != j && net.psp[(gsize) i * net.n + j] == 0.0)
        {
          untested_pre = i;
          untested_post = j;
          break;
        }
  g_assert_cmpuint (untested_post, >, 0);
  marks[0] = (GlmccPlotMarkedEdge) { net.edges[0].pre, net.edges[0].post, GLMCC_PLOT_MARK_ACCEPTED };
  marks[1] = (GlmccPlotMarkedEdge) { net.edges[1].pre, net.edges[1].post, GLMCC_PLOT_MARK_REJECTED };
  marks[2] = (GlmccPlotMarkedEdge) { untested_pre, untested_post, GLMCC_PLOT_MARK_UNSURE };
  /* Sorted by pre, then post, as the API asks. */
  for (guint a = 0; a < 3; a++)
    for (guint b = a + 1; b < 3; b++)
      if (marks[b].pre < marks[a].pre || (marks[b].pre == marks[a].pre && marks[b].post < marks[a].post))
        {
          GlmccPlotMarkedEdge t = marks[a];

          marks[a] = marks[b];
          marks[b] = t;
        }

  g_assert_cmpint (glmcc_network_plot_get_mark (&net.plot, net.edges[0].pre, net.edges[0].post), ==,
                   GLMCC_PLOT_MARK_NONE);
  net.plot.marks = marks;
  net.plot.n_marks = 3;
  g_assert_cmpint (glmcc_network_plot_get_mark (&net.plot, net.edges[0].pre, net.edges[0].post), ==,
                   GLMCC_PLOT_MARK_ACCEPTED);
  g_assert_cmpint (glmcc_network_plot_get_mark (&net.plot, net.edges[1].pre, net.edges[1].post), ==,
                   GLMCC_PLOT_MARK_REJECTED);
  g_assert_cmpint (glmcc_network_plot_get_mark (&net.plot, untested_pre, untested_post), ==,
                   GLMCC_PLOT_MARK_UNSURE);
  g_assert_cmpint (glmcc_network_plot_get_mark (&net.plot, untested_post, untested_pre), ==,
                   net.edges[0].pre == untested_post && net.edges[0].post == untested_pre
                   ? GLMCC_PLOT_MARK_ACCEPTED
                   : net.edges[1].pre == untested_post && net.edges[1].post == untested_pre
                     ? GLMCC_PLOT_MARK_REJECTED : GLMCC_PLOT_MARK_NONE);

  /* Matrix: the marked cells change, nothing else does. */
  net.plot.marks = NULL;
  net.plot.n_marks = 0;
  plain = render_view (TRUE, &net.plot, &style, NULL, NULL, 500, 500, NULL);
  net.plot.marks = marks;
  net.plot.n_marks = 3;
  marked = render_view (TRUE, &net.plot, &style, NULL, NULL, 500, 500, "marks-matrix.png");
  glmcc_plot_matrix_get_layout (500, 500, &net.plot, &style, &layout);
  {
    int box[3][4];

    for (guint k = 0; k < 3; k++)
      {
        box[k][0] = (int) floor (layout.cells.x + marks[k].post * layout.cell_size) - 2;
        box[k][1] = (int) floor (layout.cells.y + marks[k].pre * layout.cell_size) - 2;
        box[k][2] = box[k][0] + (int) ceil (layout.cell_size) + 4;
        box[k][3] = box[k][1] + (int) ceil (layout.cell_size) + 4;
        g_assert_cmpuint (count_differences (plain, marked, box[k][0], box[k][1], box[k][2], box[k][3], 8), >, 0);
      }
    /* Pixel by pixel: a change outside every marked cell fails. */
    for (int y = 0; y < 500; y++)
      for (int x = 0; x < 500; x++)
        {
          gboolean in_box = FALSE;

          for (guint k = 0; k < 3; k++)
            in_box |= x >= box[k][0] && x < box[k][2] && y >= box[k][1] && y < box[k][3];
          if (count_differences (plain, marked, x, y, x + 1, y + 1, 8) > 0)
            {
              if (in_box)
                inside++;
              else
                outside++;
            }
        }
  }
  g_assert_cmpuint (inside, >, 12);
  g_assert_cmpuint (outside, ==, 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);

  /* Network: accepted and unsure leave it as it was; a rejected connection changes it. */
  net.plot.marks = NULL;
  net.plot.n_marks = 0;
  plain = render_view (FALSE, &net.plot, &style, NULL, NULL, 500, 500, NULL);
  marks[0].mark = marks[1].mark = marks[2].mark = GLMCC_PLOT_MARK_ACCEPTED;
  net.plot.marks = marks;
  net.plot.n_marks = 3;
  marked = render_view (FALSE, &net.plot, &style, NULL, NULL, 500, 500, NULL);
  g_assert_cmpuint (count_differences (plain, marked, 0, 0, 500, 500, 0), ==, 0);
  cairo_surface_destroy (marked);
  for (guint k = 0; k < 3; k++)
    if (marks[k].pre == net.edges[1].pre && marks[k].post == net.edges[1].post)
      marks[k].mark = GLMCC_PLOT_MARK_REJECTED;
  marked = render_view (FALSE, &net.plot, &style, NULL, NULL, 500, 500, "marks-network.png");
  g_assert_cmpuint (count_differences (plain, marked, 0, 0, 500, 500, 8), >, 20);
  cairo_surface_destroy (marked);

  /* A cache notices new marks (a new list), and draws what a direct draw does. */
  {
    GlmccPlotMarkedEdge fewer[1] = { { net.edges[1].pre, net.edges[1].post, GLMCC_PLOT_MARK_REJECTED } };
    cairo_surface_t *cached, *direct;

    cairo_surface_destroy (render_view (FALSE, &net.plot, &style, NULL, cache, 500, 500, NULL));
    net.plot.marks = fewer;
    net.plot.n_marks = 1;
    cached = render_view (FALSE, &net.plot, &style, NULL, cache, 500, 500, NULL);
    direct = render_view (FALSE, &net.plot, &style, NULL, NULL, 500, 500, NULL);
    g_assert_cmpuint (count_differences (cached, direct, 0, 0, 500, 500, 0), ==, 0);
    cairo_surface_destroy (cached);
    cairo_surface_destroy (direct);
  }
  cairo_surface_destroy (plain);
  glmcc_plot_cache_free (cache);
  net_clear (&net);
}

/* Pairs an incomplete run has not computed: drawn grey from the pending mask as from psp_mv's
 * NaNs, picked as not computed; and the cache clamps a transform as the figure does. */
static void
test_pending_and_clamp (void)
{
  Net net;
  GlmccPlotStyle style;
  GlmccPlotCache *cache = glmcc_plot_cache_new ();
  g_autofree guint8 *pending = NULL;
  GlmccMatrixLayout layout;
  GlmccPlotHit hit;
  cairo_surface_t *complete, *with_pending, *with_nan;
  guint pre = 0, post = 0;
  int x, y;

  net_init (&net, 30, 0.1, 9, FALSE);
  glmcc_plot_style_init_light (&style);
  /* A pair with no connection, made pending. */
  for (guint i = 0; i < net.n && post == 0; i++)
    for (guint j = 0; j < net.n; j++)
      if (i != j && net.psp[(gsize) i * net.n + j] == 0.0)
        {
          pre = i;
          post = j;
          break;
        }
  g_assert_cmpuint (post, >, 0);
  pending = g_new0 (guint8, net.n * net.n);
  complete = render_view (TRUE, &net.plot, &style, NULL, NULL, 500, 500, NULL);
  pending[pre * net.n + post] = 1;
  net.plot.psp_mv = NULL;
  net.plot.pending = pending;
  with_pending = render_view (TRUE, &net.plot, &style, NULL, NULL, 500, 500, "pending-matrix.png");
  net.plot.pending = NULL;
  net.plot.psp_mv = net.psp;
  net.psp[(gsize) pre * net.n + post] = NAN;
  with_nan = render_view (TRUE, &net.plot, &style, NULL, NULL, 500, 500, NULL);
  net.psp[(gsize) pre * net.n + post] = 0.0;
  /* The pending cell differs from the complete matrix, and looks as a NaN does. */
  glmcc_plot_matrix_get_layout (500, 500, &net.plot, &style, &layout);
  x = (int) (layout.cells.x + (post + 0.5) * layout.cell_size);
  y = (int) (layout.cells.y + (pre + 0.5) * layout.cell_size);
  g_assert_cmpuint (count_differences (complete, with_pending, x, y, x + 1, y + 1, 4), ==, 1);
  g_assert_cmpuint (count_differences (with_nan, with_pending, 0, 0, 500, 500, 0), ==, 0);
  net.plot.psp_mv = NULL;
  net.plot.pending = pending;
  g_assert_true (glmcc_plot_matrix_pick (500, 500, &net.plot, &style, NULL, NULL, x, y, &hit));
  g_assert_cmpuint (hit.pre, ==, pre);
  g_assert_cmpuint (hit.post, ==, post);
  g_assert_false (hit.has_edge);
  g_assert_true (isnan (hit.edge.psp_mv));
  cairo_surface_destroy (complete);
  cairo_surface_destroy (with_pending);
  cairo_surface_destroy (with_nan);

  /* Clamping from the cache: nothing before a layer, then what the figure's own clamp gives. */
  for (guint matrix = 0; matrix < 2; matrix++)
    {
      GlmccPlotTransform from_cache = { 500.0, 9000.0, -9000.0 }, direct = from_cache;
      GlmccPlotView view;

      glmcc_plot_cache_invalidate (cache);
      g_assert_false (glmcc_plot_cache_clamp_transform (cache, &from_cache));
      g_assert_cmpfloat (from_cache.zoom, ==, 500.0);
      glmcc_plot_view_init (&view);
      cairo_surface_destroy (render_view (matrix, &net.plot, &style, &view, cache, 500, 400, NULL));
      g_assert_true (glmcc_plot_cache_clamp_transform (cache, &from_cache));
      if (matrix)
        glmcc_plot_matrix_clamp_transform (500, 400, &net.plot, &style, &direct);
      else
        glmcc_plot_network_clamp_transform (500, 400, &net.plot, &style, &direct);
      g_assert_cmpfloat (from_cache.zoom, <, 500.0);
      g_assert_cmpfloat_with_epsilon (from_cache.zoom, direct.zoom, 1e-9);
      g_assert_cmpfloat_with_epsilon (from_cache.pan_x, direct.pan_x, 1e-6);
      g_assert_cmpfloat_with_epsilon (from_cache.pan_y, direct.pan_y, 1e-6);
    }
  glmcc_plot_cache_free (cache);
  net.plot.pending = NULL;
  net_clear (&net);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/views/network-pick", test_network_pick);
  g_test_add_func ("/plot/views/matrix-pick", test_matrix_pick);
  g_test_add_func ("/plot/views/layout-force", test_layout_force);
  g_test_add_func ("/plot/views/layout-circle", test_layout_circle);
  g_test_add_func ("/plot/views/layout-position", test_layout_position);
  g_test_add_func ("/plot/views/order-cluster", test_order_cluster);
  g_test_add_func ("/plot/views/order-position", test_order_position);
  g_test_add_func ("/plot/views/color-scale", test_color_scale);
  g_test_add_func ("/plot/views/labels-fit", test_labels_fit);
  g_test_add_func ("/plot/views/cache-pixels", test_cache_pixels);
  g_test_add_func ("/plot/views/raster-lines", test_raster_lines);
  g_test_add_func ("/plot/views/large", test_large);
  g_test_add_func ("/plot/views/curation-marks", test_curation_marks);
  g_test_add_func ("/plot/views/pending-and-clamp", test_pending_and_clamp);

  return g_test_run ();
}
