/* test-plot-network.c: the connectivity matrix and the network graph, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "plot-test-util.h"

#define N 4

typedef struct
{
  GlmccNetworkPlot  plot;
  double            psp[N * N];
  GlmccPlotNodeType types[N];
} TestNet;

static const char * const names[N] = { "cell0", "cell1", "cell2", "cell3" };

/* 0 → 1 excitatory (+2 mV), 2 → 3 inhibitory (−1 mV), 1 → 0 none, 3 → 0 not computed. */
static void
test_net_init (TestNet *net)
{
  glmcc_network_plot_init (&net->plot);
  for (guint i = 0; i < N * N; i++)
    net->psp[i] = 0.0;
  net->psp[0 * N + 1] = 2.0;
  net->psp[2 * N + 3] = -1.0;
  net->psp[3 * N + 0] = NAN;
  net->types[0] = GLMCC_PLOT_NODE_EXCITATORY;
  net->types[1] = GLMCC_PLOT_NODE_UNKNOWN;
  net->types[2] = GLMCC_PLOT_NODE_INHIBITORY;
  net->types[3] = GLMCC_PLOT_NODE_UNKNOWN;
  net->plot.n = N;
  net->plot.names = names;
  net->plot.psp_mv = net->psp;
  net->plot.types = net->types;
  net->plot.title = "test network";
}

typedef void (*DrawFunc) (cairo_t *, double, double, const GlmccNetworkPlot *, const GlmccPlotStyle *);

static cairo_surface_t *
render (DrawFunc                draw,
        const GlmccNetworkPlot *data,
        const GlmccPlotStyle   *style,
        int                     width,
        int                     height,
        const char             *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  draw (cr, width, height, data, style);
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

static void
test_psp_color (void)
{
  GlmccPlotStyle style;
  GlmccPlotColor c, half;

  glmcc_plot_style_init_light (&style);
  glmcc_plot_psp_color (&style, 0.0, 2.0, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 1e-9);
  glmcc_plot_psp_color (&style, NAN, 2.0, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 1e-9);
  glmcc_plot_psp_color (&style, 2.0, 2.0, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.excitatory), <, 1e-9);
  /* Saturates beyond the limit. */
  glmcc_plot_psp_color (&style, 50.0, 2.0, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.excitatory), <, 1e-9);
  glmcc_plot_psp_color (&style, -2.0, 2.0, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.inhibitory), <, 1e-9);
  /* Halfway is between background and the end colour. */
  glmcc_plot_psp_color (&style, 1.0, 2.0, &half);
  g_assert_cmpfloat (test_color_distance (&half, &style.background), >, 20.0);
  g_assert_cmpfloat (test_color_distance (&half, &style.excitatory), >, 20.0);
  g_assert_cmpfloat (half.red, >, half.blue);
}

static void
cell_centre (const GlmccMatrixLayout *layout,
             guint                    pre,
             guint                    post,
             int                     *x,
             int                     *y)
{
  *x = (int) (layout->cells.x + (post + 0.5) * layout->cell_size);
  *y = (int) (layout->cells.y + (pre + 0.5) * layout->cell_size);
}

static void
test_matrix (void)
{
  TestNet net;
  GlmccPlotStyle style;
  GlmccMatrixLayout layout;
  cairo_surface_t *surface;
  GlmccPlotColor c, expected;
  guint pre = 99, post = 99;
  int x, y;

  test_net_init (&net);
  glmcc_plot_style_init_light (&style);
  surface = render (glmcc_plot_matrix, &net.plot, &style, 600, 480, "matrix-light.png");
  glmcc_plot_matrix_get_layout (600, 480, &net.plot, &style, &layout);

  /* Square cells inside the figure, a colour bar to their right, a symmetric range ≥ max. */
  g_assert_cmpfloat (layout.cells.width, ==, layout.cells.height);
  g_assert_cmpfloat (layout.cell_size, >, 40.0);
  g_assert_cmpfloat (layout.cells.x, >, 0.0);
  g_assert_cmpfloat (layout.colorbar.x, >, layout.cells.x + layout.cells.width);
  g_assert_cmpfloat (layout.colorbar.x + layout.colorbar.width, <, 600);
  g_assert_cmpfloat (layout.limit_mv, >=, 2.0);

  /* Row = presynaptic, column = postsynaptic: cell (0, 1) is the excitatory one. */
  cell_centre (&layout, 0, 1, &x, &y);
  test_pixel (surface, x, y, &c);
  glmcc_plot_psp_color (&style, 2.0, layout.limit_mv, &expected);
  g_assert_cmpfloat (test_color_distance (&c, &expected), <, 3.0);
  g_assert_cmpfloat (c.red, >, c.blue + 0.2);
  /* The transpose holds no connection: background. */
  cell_centre (&layout, 1, 0, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 3.0);
  /* The inhibitory cell is cool. */
  cell_centre (&layout, 2, 3, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (c.blue, >, c.red + 0.1);
  /* Not computed and the diagonal are grey, not white. */
  cell_centre (&layout, 3, 0, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), >, 5.0);
  g_assert_cmpfloat (fabs (c.red - c.blue), <, 0.05);
  cell_centre (&layout, 2, 2, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), >, 5.0);

  /* The colour bar: warm at the top, cool at the bottom. */
  test_pixel (surface, (int) (layout.colorbar.x + layout.colorbar.width / 2), (int) layout.colorbar.y + 3, &c);
  g_assert_cmpfloat (c.red, >, c.blue + 0.2);
  test_pixel (surface, (int) (layout.colorbar.x + layout.colorbar.width / 2),
              (int) (layout.colorbar.y + layout.colorbar.height) - 3, &c);
  g_assert_cmpfloat (c.blue, >, c.red + 0.2);

  /* Hit test: the cell under the pointer, nothing outside. */
  cell_centre (&layout, 2, 3, &x, &y);
  g_assert_true (glmcc_plot_matrix_hit_test (600, 480, &net.plot, &style, x, y, &pre, &post));
  g_assert_cmpuint (pre, ==, 2);
  g_assert_cmpuint (post, ==, 3);
  g_assert_false (glmcc_plot_matrix_hit_test (600, 480, &net.plot, &style, 2, 2, &pre, &post));
  g_assert_false (glmcc_plot_matrix_hit_test (600, 480, &net.plot, &style,
                                              layout.cells.x + layout.cells.width + 1, y, &pre, &post));
  cairo_surface_destroy (surface);

  /* Dark style: dark background, and a zero cell follows it. */
  glmcc_plot_style_init_dark (&style);
  surface = render (glmcc_plot_matrix, &net.plot, &style, 600, 480, "matrix-dark.png");
  test_pixel (surface, 1, 1, &c);
  g_assert_cmpfloat (test_luminance (&c), <, 0.2);
  cell_centre (&layout, 1, 0, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_luminance (&c), <, 0.2);
  cairo_surface_destroy (surface);
}

static void
test_matrix_large (void)
{
  guint n = 300;
  g_autofree double *psp = g_new0 (double, n * n);
  GlmccNetworkPlot plot;
  GlmccPlotStyle style;
  GlmccMatrixLayout layout;
  cairo_surface_t *surface;
  GlmccPlotColor c;
  int x, y;

  /* Drawn as an image above the vector limit: cells must still land where the layout says. */
  psp[5 * n + 200] = 3.0;
  psp[250 * n + 7] = -3.0;
  glmcc_network_plot_init (&plot);
  plot.n = n;
  plot.psp_mv = psp;
  glmcc_plot_style_init_light (&style);
  surface = render (glmcc_plot_matrix, &plot, &style, 900, 900, "matrix-large.png");
  glmcc_plot_matrix_get_layout (900, 900, &plot, &style, &layout);
  cell_centre (&layout, 5, 200, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.excitatory), <, 3.0);
  cell_centre (&layout, 250, 7, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.inhibitory), <, 3.0);
  cell_centre (&layout, 100, 150, &x, &y);
  test_pixel (surface, x, y, &c);
  g_assert_cmpfloat (test_color_distance (&c, &style.background), <, 3.0);
  cairo_surface_destroy (surface);
}

static void
test_network (void)
{
  TestNet net;
  GlmccPlotStyle style;
  cairo_surface_t *surface;
  GlmccPlotColor c;
  double centres[2 * N], radius, mx, my;
  guint pre = 99, post = 99;

  test_net_init (&net);
  glmcc_plot_style_init_light (&style);
  surface = render (glmcc_plot_network, &net.plot, &style, 600, 500, "network-light.png");
  glmcc_plot_network_get_nodes (600, 500, &net.plot, &style, centres, &radius);
  g_assert_cmpfloat (radius, >=, 3.0);

  /* A circle: every node at the same distance from the common centre, first at the top. */
  {
    double cx = 0, cy = 0, r0;

    for (guint i = 0; i < N; i++)
      {
        cx += centres[2 * i] / N;
        cy += centres[2 * i + 1] / N;
      }
    r0 = hypot (centres[0] - cx, centres[1] - cy);
    g_assert_cmpfloat (r0, >, 100.0);
    for (guint i = 1; i < N; i++)
      g_assert_cmpfloat_with_epsilon (hypot (centres[2 * i] - cx, centres[2 * i + 1] - cy), r0, 1e-6);
    g_assert_cmpfloat (centres[1], <, cy);
  }

  /* Nodes are filled in their label's colour. */
  for (guint i = 0; i < N; i++)
    {
      const GlmccPlotColor *want = net.types[i] == GLMCC_PLOT_NODE_EXCITATORY ? &style.excitatory
                                   : net.types[i] == GLMCC_PLOT_NODE_INHIBITORY ? &style.inhibitory
                                   : &style.neutral;

      test_pixel (surface, (int) centres[2 * i], (int) centres[2 * i + 1], &c);
      g_assert_cmpfloat (test_color_distance (&c, want), <, 3.0);
    }

  /* An arrow between 0 and 1 in the excitatory colour (blended with the background). */
  mx = (centres[0] + centres[2]) / 2.0 - (centres[3] - centres[1]) * 0.06;
  my = (centres[1] + centres[3]) / 2.0 + (centres[2] - centres[0]) * 0.06;
  g_assert_cmpfloat (test_nearest_color (surface, mx, my, 3, &style.excitatory), <, 90.0);

  /* Hit tests: node first, then edge, then nothing. */
  g_assert_cmpint (glmcc_plot_network_hit_test (600, 500, &net.plot, &style, centres[4], centres[5], &pre, &post),
                   ==, GLMCC_NETWORK_HIT_NODE);
  g_assert_cmpuint (pre, ==, 2);
  g_assert_cmpint (glmcc_plot_network_hit_test (600, 500, &net.plot, &style, mx, my, &pre, &post),
                   ==, GLMCC_NETWORK_HIT_EDGE);
  g_assert_cmpuint (pre, ==, 0);
  g_assert_cmpuint (post, ==, 1);
  g_assert_cmpint (glmcc_plot_network_hit_test (600, 500, &net.plot, &style, 3, 3, &pre, &post),
                   ==, GLMCC_NETWORK_HIT_NONE);
  cairo_surface_destroy (surface);

  /* Given positions: the layout keeps their arrangement (left stays left, top stays top). */
  {
    double positions[2 * N] = { 0, 0, 10, 0, 0, 5, 10, 5 };

    net.plot.positions = positions;
    glmcc_plot_network_get_nodes (600, 500, &net.plot, &style, centres, &radius);
    g_assert_cmpfloat (centres[0], <, centres[2]);
    g_assert_cmpfloat_with_epsilon (centres[1], centres[3], 1e-9);
    g_assert_cmpfloat (centres[1], <, centres[5]);
    g_assert_cmpfloat_with_epsilon (centres[4], centres[0], 1e-9);
    /* Aspect ratio kept: 10 wide, 5 high. */
    g_assert_cmpfloat_with_epsilon ((centres[2] - centres[0]) / (centres[5] - centres[1]), 2.0, 1e-9);
    surface = render (glmcc_plot_network, &net.plot, &style, 600, 500, "network-positions.png");
    cairo_surface_destroy (surface);
  }
}

static void
test_network_degenerate (void)
{
  GlmccNetworkPlot plot;
  double one = 0.0;
  cairo_surface_t *surface;

  glmcc_network_plot_init (&plot);
  g_assert_cmpint (plot.highlight_pre, ==, -1);
  surface = render (glmcc_plot_network, &plot, NULL, 300, 200, NULL);
  cairo_surface_destroy (surface);
  surface = render (glmcc_plot_matrix, &plot, NULL, 300, 200, NULL);
  cairo_surface_destroy (surface);
  g_assert_cmpint (glmcc_plot_network_hit_test (300, 200, &plot, NULL, 150, 100, NULL, NULL), ==,
                   GLMCC_NETWORK_HIT_NONE);

  plot.n = 1;
  plot.psp_mv = &one;
  surface = render (glmcc_plot_network, &plot, NULL, 300, 200, NULL);
  cairo_surface_destroy (surface);
  surface = render (glmcc_plot_matrix, &plot, NULL, 20, 20, NULL);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/matrix/psp-color", test_psp_color);
  g_test_add_func ("/plot/matrix/render", test_matrix);
  g_test_add_func ("/plot/matrix/large", test_matrix_large);
  g_test_add_func ("/plot/network/render", test_network);
  g_test_add_func ("/plot/network/degenerate", test_network_degenerate);

  return g_test_run ();
}
