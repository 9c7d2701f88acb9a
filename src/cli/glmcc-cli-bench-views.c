/* glmcc-cli-bench-views.c: `glmcc bench --views`, how fast the network and matrix draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws each view into an image surface the way the application does, with the static layer
 * kept in a GlmccPlotCache: a full draw (the cache emptied first), a hover (hit test, then the
 * highlights over the cached layer) and a pan step (the cached layer shifted). Prints the
 * median and 95th percentile of each, one "key: value" line per figure, and a summary line.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-cli.h"
#include "glmcc-results-file.h"
#include "glmcc-i18n.h"
#include "glmcc-plot-data.h"
#include "glmcc-plot.h"
#include "glmcc-results.h"
#include "glmcc-number.h"

#define COMMAND "bench"

typedef struct
{
  guint               n;
  char              **names;
  double             *psp;
  GlmccPlotNodeType  *types;
  double             *rates;
  GlmccPlotEdge      *edges;
  guint               n_edges;
  double             *positions;
  GlmccNetworkPlot    plot;
} Synthetic;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

typedef struct
{
  double median;
  double p95;
} Timing;

static Timing
summarise (double *values,
           guint   n)
{
  Timing t;
  guint k;

  qsort (values, n, sizeof (double), glmcc_number_compare);
  t.median = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  k = (guint) ceil (0.95 * n) - 1;
  t.p95 = values[MIN (k, n - 1)];
  return t;
}

static double
lognormal (GRand  *rand,
           double  median,
           double  sigma)
{
  /* Box–Muller from two uniforms in (0, 1]. */
  double u = 1.0 - g_rand_double (rand), v = g_rand_double (rand);

  return median * exp (sigma * sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v));
}

/* 80 % excitatory neurons, connections between random distinct pairs, EPSPs log-normal around
 * 0.8 mV (up to about 6), IPSPs around −0.8 mV (−0.2 to −1.8). No simulation. */
static void
synthesise (Synthetic *s,
            guint      n,
            guint      n_edges,
            guint64    seed)
{
  GRand *rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) seed, (guint32) (seed >> 32) }, 2);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_direct_hash, g_direct_equal);

  memset (s, 0, sizeof *s);
  s->n = n;
  s->names = g_new0 (char *, n + 1);
  s->psp = g_new0 (double, (gsize) n * n);
  s->types = g_new (GlmccPlotNodeType, n);
  s->rates = g_new (double, n);
  s->positions = g_new (double, 2 * (gsize) n);
  n_edges = MIN (n_edges, n * (n - 1));
  s->edges = g_new (GlmccPlotEdge, MAX (n_edges, 1u));
  for (guint i = 0; i < n; i++)
    {
      s->names[i] = g_strdup_printf ("n%u", i);
      s->types[i] = g_rand_double (rand) < 0.8 ? GLMCC_PLOT_NODE_EXCITATORY : GLMCC_PLOT_NODE_INHIBITORY;
      s->rates[i] = lognormal (rand, 4.0, 0.6);
    }
  while (s->n_edges < n_edges)
    {
      guint pre = (guint) g_rand_int_range (rand, 0, (gint32) n);
      guint post = (guint) g_rand_int_range (rand, 0, (gint32) n);
      gsize key = (gsize) pre * n + post;
      double psp;
      GlmccPlotEdge *e;

      if (pre == post || g_hash_table_contains (taken, GSIZE_TO_POINTER (key + 1)))
        continue;
      g_hash_table_add (taken, GSIZE_TO_POINTER (key + 1));
      psp = s->types[pre] == GLMCC_PLOT_NODE_EXCITATORY ? MIN (lognormal (rand, 0.8, 0.6), 6.0)
                                                        : -CLAMP (lognormal (rand, 0.8, 0.4), 0.2, 1.8);
      e = &s->edges[s->n_edges++];
      *e = (GlmccPlotEdge) { pre, post, psp, psp / 2.5, pow (10.0, -g_rand_double_range (rand, 3.0, 30.0)),
                             g_rand_double_range (rand, 3.0, 40.0), (double) g_rand_int_range (rand, 1, 5) };
      s->psp[key] = psp;
    }
  g_rand_free (rand);

  glmcc_network_plot_init (&s->plot);
  s->plot.n = n;
  s->plot.names = (const char * const *) s->names;
  s->plot.psp_mv = s->psp;
  s->plot.types = s->types;
  s->plot.rates = s->rates;
  s->plot.edges = s->edges;
  s->plot.n_edges = s->n_edges;
  s->plot.title = "synthetic network";
  glmcc_plot_layout_circle (&s->plot, s->positions);
  s->plot.positions = s->positions;
}

static void
synthetic_clear (Synthetic *s)
{
  g_strfreev (s->names);
  g_free (s->psp);
  g_free (s->types);
  g_free (s->rates);
  g_free (s->edges);
  g_free (s->positions);
}

typedef void (*DrawFunc) (cairo_t *, double, double, const GlmccNetworkPlot *, const GlmccPlotStyle *,
                          const GlmccPlotView *, GlmccPlotCache *);

typedef struct
{
  Timing full;
  Timing hover;
  Timing pan;
} ViewTimings;

/* Points spread over the figure for the hovers: a fixed sequence, the same every run. */
static void
hover_point (guint   k,
             double  width,
             double  height,
             double *x,
             double *y)
{
  /* A low-discrepancy walk over the middle 80 % of the figure. */
  *x = width * (0.1 + 0.8 * fmod (0.5 + k * 0.6180339887498949, 1.0));
  *y = height * (0.1 + 0.8 * fmod (0.5 + k * 0.7548776662466927, 1.0));
}

static void
time_view (const char             *name,
           gboolean                matrix,
           cairo_t                *cr,
           double                  width,
           double                  height,
           const GlmccNetworkPlot *data,
           const GlmccPlotStyle   *style,
           guint                   repeat_full,
           guint                   repeat_fast,
           ViewTimings            *out)
{
  DrawFunc draw = matrix ? glmcc_plot_matrix_draw : glmcc_plot_network_draw;
  GlmccPlotCache *cache = glmcc_plot_cache_new ();
  g_autofree double *full = g_new (double, repeat_full);
  g_autofree double *hover = g_new (double, repeat_fast);
  g_autofree double *pan = g_new (double, repeat_fast);
  GlmccPlotView view;
  guint renders;

  glmcc_plot_view_init (&view);

  /* Full: the first draw of a view, or of new data, a new size or zoom. */
  for (guint r = 0; r < repeat_full; r++)
    {
      double t0;

      glmcc_plot_cache_invalidate (cache);
      t0 = now_ms ();
      draw (cr, width, height, data, style, &view, cache);
      cairo_surface_flush (cairo_get_target (cr));
      full[r] = now_ms () - t0;
    }

  /* Hover: the pointer moves; hit test, then the highlight over the cached layer. */
  renders = glmcc_plot_cache_get_n_renders (cache);
  for (guint r = 0; r < repeat_fast; r++)
    {
      GlmccPlotHit hit;
      double x, y, t0;

      hover_point (r, width, height, &x, &y);
      t0 = now_ms ();
      if (matrix)
        {
          if (glmcc_plot_matrix_pick (width, height, data, style, &view, cache, x, y, &hit))
            {
              view.hover_pre = (int) hit.pre;
              view.hover_post = (int) hit.post;
            }
        }
      else
        {
          view.hover_node = view.hover_pre = view.hover_post = -1;
          switch (glmcc_plot_network_pick (width, height, data, style, &view, cache, x, y, &hit))
            {
            case GLMCC_NETWORK_HIT_NODE:
              view.hover_node = (int) hit.pre;
              break;
            case GLMCC_NETWORK_HIT_EDGE:
              view.hover_pre = (int) hit.pre;
              view.hover_post = (int) hit.post;
              break;
            case GLMCC_NETWORK_HIT_NONE:
            default:
              break;
            }
        }
      draw (cr, width, height, data, style, &view, cache);
      cairo_surface_flush (cairo_get_target (cr));
      hover[r] = now_ms () - t0;
    }
  if (glmcc_plot_cache_get_n_renders (cache) != renders)
    g_printerr ("glmcc bench: %s: a hover redrew the static layer\n", name);

  /* Pan: zoomed in, the content follows the pointer while the gesture lasts. */
  view.hover_node = view.hover_pre = view.hover_post = -1;
  glmcc_plot_transform_zoom_at (&view.transform, 4.0, width / 2.0, height / 2.0);
  draw (cr, width, height, data, style, &view, cache);
  view.panning = TRUE;
  renders = glmcc_plot_cache_get_n_renders (cache);
  for (guint r = 0; r < repeat_fast; r++)
    {
      double t0 = now_ms ();

      view.transform.pan_x += (r % 2 ? -1.0 : 1.0) * (3.0 + r % 7);
      view.transform.pan_y += (r % 3 ? 1.0 : -1.0) * (2.0 + r % 5);
      draw (cr, width, height, data, style, &view, cache);
      cairo_surface_flush (cairo_get_target (cr));
      pan[r] = now_ms () - t0;
    }
  if (glmcc_plot_cache_get_n_renders (cache) != renders)
    g_printerr ("glmcc bench: %s: a pan step redrew the static layer\n", name);

  out->full = summarise (full, repeat_full);
  out->hover = summarise (hover, repeat_fast);
  out->pan = summarise (pan, repeat_fast);
  printf ("%s_full_ms: median %.1f p95 %.1f (%u draws)\n", name, out->full.median, out->full.p95, repeat_full);
  printf ("%s_hover_ms: median %.2f p95 %.2f (%u hovers)\n", name, out->hover.median, out->hover.p95, repeat_fast);
  printf ("%s_pan_ms: median %.2f p95 %.2f (%u steps)\n", name, out->pan.median, out->pan.p95, repeat_fast);
  glmcc_plot_cache_free (cache);
}

int
glmcc_cli_bench_views_main (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccNetworkPlotData) loaded = NULL;
  Synthetic synthetic = { 0 };
  const GlmccNetworkPlot *data;
  GlmccPlotStyle style;
  gboolean views = FALSE;
  int neurons = 1000, edges = 30000, repeat = 15, width = 1200, height = 900;
  gint64 seed = 1;
  cairo_surface_t *surface;
  cairo_t *cr;
  ViewTimings network, matrix;
  GOptionEntry entries[] = {
    { "views", 0, 0, G_OPTION_ARG_NONE, &views, N_("Time the network and matrix views only"), NULL },
    { "neurons", 'n', 0, G_OPTION_ARG_INT, &neurons, N_("Synthetic neurons (default 1000)"), "N" },
    { "edges", 0, 0, G_OPTION_ARG_INT, &edges, N_("Synthetic connections (default 30000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the synthetic network (default 1)"), "K" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat,
      N_("Full draws per view (default 15; hovers and pan steps: 4 times as many)"), "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Drawing width in pixels (default 1200)"), "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Drawing height in pixels (default 900)"), "PX" },
    { NULL }
  };

  context = g_option_context_new (N_("--views [RESULTS.json] — how fast the network and matrix draw"));
  g_option_context_set_summary (context,
    N_("Draws the network and the matrix at 1200 × 900 into an image surface with the static layer\n"
    "cached, as the application does, and prints the median and 95th percentile of a full draw,\n"
    "a hover and a pan step of each. Without RESULTS, a synthetic network of 1,000 neurons and\n"
    "30,000 connections (seed 1); no simulation."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!glmcc_cli_parse (context, &argc, &argv))
    return GLMCC_EXIT_USAGE;
  if (argc > 2)
    {
      glmcc_cli_error (COMMAND, _("unexpected argument '%s' (one RESULTS file at most)"), argv[2]);
      return GLMCC_EXIT_USAGE;
    }
  if (neurons < 2 || edges < 0 || repeat < 1 || width < 100 || height < 100 || seed < 0
      || width > 8000 || height > 8000)
    {
      glmcc_cli_error (COMMAND, _("--neurons must be at least 2, --repeat at least 1, --width and --height "
                       "between 100 and 8000, --edges and --seed not negative"));
      return GLMCC_EXIT_USAGE;
    }

  if (argc == 2)
    {
      results = glmcc_results_load (argv[1], &error);
      if (results == NULL)
        {
          glmcc_cli_error (COMMAND, _("%s"), error->message);
          return GLMCC_EXIT_FAILURE;
        }
      loaded = glmcc_network_plot_data_new (results, NULL);
      data = &loaded->plot;
      printf ("views: %s, %u neurons, %u connections\n", argv[1], data->n, data->n_edges);
    }
  else
    {
      synthesise (&synthetic, (guint) neurons, (guint) edges, (guint64) seed);
      data = &synthetic.plot;
      printf ("views: synthetic, %u neurons, %u connections, seed %" G_GINT64_FORMAT "\n", data->n,
              data->n_edges, seed);
    }
  printf ("size: %d x %d px\n", width, height);

  {
    /* The force-directed layout, as the application computes it off the main thread. */
    g_autofree double *positions = g_new (double, 2 * (gsize) data->n);
    double t0 = now_ms ();

    glmcc_plot_layout_force (data, 1, NULL, positions);
    printf ("force_layout_ms: %.0f (one run)\n", now_ms () - t0);
  }

  glmcc_plot_style_init_light (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  time_view ("network", FALSE, cr, width, height, data, &style, (guint) repeat, 4 * (guint) repeat, &network);
  time_view ("matrix", TRUE, cr, width, height, data, &style, (guint) repeat, 4 * (guint) repeat, &matrix);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  printf ("views: network full %.1f ms, hover %.2f ms, pan %.2f ms; matrix full %.1f ms, hover %.2f ms, pan %.2f ms\n",
          network.full.median, network.hover.median, network.pan.median,
          matrix.full.median, matrix.hover.median, matrix.pan.median);
  if (argc != 2)
    synthetic_clear (&synthetic);
  return GLMCC_EXIT_OK;
}
