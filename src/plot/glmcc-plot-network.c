/* glmcc-plot-network.c: the network graph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figure is drawn in three layers. The static layer (frame, connections, nodes, names) is
 * the expensive one; the focus layer fades it and draws one neuron's connections over it; the
 * highlights (hovered node and connection, selected pair) are a handful of cairo calls. With a
 * GlmccPlotCache the first two are images kept between draws.
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"
#include "glmcc-number.h"

/* Arrow heads while at most this many connections are shown: beyond, they are noise. */
#define ARROW_LIMIT 1500
#define LABEL_SCALE 0.8
#define MAX_ZOOM 64.0
/* How far an edge bows to the right of its direction, as a fraction of its length. */
#define BEND 0.12
/* Target ink of the connection layer: the sum of line area × opacity over the plot area. */
#define INK_TARGET 0.45

/* Shared by the matrix and the network ----------------------------------------------------- */

char *
glmcc_plot_neuron_name (const GlmccNetworkPlot *data,
                        guint                   i)
{
  if (data->names != NULL && data->names[i] != NULL)
    return g_strdup (data->names[i]);
  return g_strdup_printf ("%u", i);
}

double
glmcc_plot_max_name_width (const GlmccNetworkPlot *data,
                           const GlmccPlotStyle   *style,
                           double                  scale)
{
  double w = 0.0;

  for (guint i = 0; i < data->n; i++)
    {
      glong chars;

      if (data->names != NULL && data->names[i] != NULL)
        chars = g_utf8_strlen (data->names[i], -1);
      else
        chars = i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : i < 10000 ? 4 : 5;
      w = MAX (w, MIN (chars, GLMCC_PLOT_NAME_CHARS) * GLMCC_PLOT_CHAR_WIDTH * style->font_size * scale);
    }
  return w;
}

double
glmcc_plot_figure_title_height (const GlmccNetworkPlot *data,
                                const GlmccPlotStyle   *style)
{
  if (data->title == NULL || data->title[0] == '\0')
    return 0.0;
  return 1.25 * style->font_size * GLMCC_PLOT_LINE_HEIGHT + 0.4 * style->font_size;
}

void
glmcc_plot_figure_title (cairo_t                *cr,
                         const GlmccNetworkPlot *data,
                         const GlmccPlotStyle   *style,
                         double                  width)
{
  double pad = 1.1 * style->font_size;

  if (data->title != NULL && data->title[0] != '\0')
    glmcc_plot_text_fit (cr, style, &style->foreground, data->title, pad, pad, width - 2 * pad, 1.25, TRUE);
}

void
glmcc_network_plot_init (GlmccNetworkPlot *data)
{
  g_return_if_fail (data != NULL);

  memset (data, 0, sizeof *data);
  data->highlight_pre = -1;
  data->highlight_post = -1;
  glmcc_plot_filter_init (&data->filter);
}

GlmccPlotMark
glmcc_network_plot_get_mark (const GlmccNetworkPlot *data,
                             guint                   pre,
                             guint                   post)
{
  guint lo = 0, hi;

  g_return_val_if_fail (data != NULL, GLMCC_PLOT_MARK_NONE);

  if (data->marks == NULL)
    return GLMCC_PLOT_MARK_NONE;
  hi = data->n_marks;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const GlmccPlotMarkedEdge *m = &data->marks[mid];

      if (m->pre < pre || (m->pre == pre && m->post < post))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < data->n_marks && data->marks[lo].pre == pre && data->marks[lo].post == post)
    return data->marks[lo].mark;
  return GLMCC_PLOT_MARK_NONE;
}

void
glmcc_plot_psp_color (const GlmccPlotStyle *style,
                      double                psp_mv,
                      double                limit_mv,
                      GlmccPlotColor       *color)
{
  GlmccPlotStyle storage;
  double t;

  g_return_if_fail (color != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  if (!isfinite (psp_mv) || psp_mv == 0.0 || !(limit_mv > 0.0))
    {
      *color = style->background;
      color->alpha = 1.0;
      return;
    }
  t = MIN (1.0, fabs (psp_mv) / limit_mv);
  glmcc_plot_color_mix (&style->background, psp_mv > 0 ? &style->excitatory : &style->inhibitory,
                        t, color);
  color->alpha = 1.0;
}

/* View state ------------------------------------------------------------------------------- */

void
glmcc_plot_view_init (GlmccPlotView *view)
{
  g_return_if_fail (view != NULL);

  memset (view, 0, sizeof *view);
  view->transform.zoom = 1.0;
  view->focus = -1;
  view->hover_node = -1;
  view->hover_pre = -1;
  view->hover_post = -1;
}

void
glmcc_plot_transform_zoom_at (GlmccPlotTransform *transform,
                              double              factor,
                              double              x,
                              double              y)
{
  g_return_if_fail (transform != NULL);

  if (!(factor > 0.0) || !isfinite (factor))
    return;
  /* x = zoom·u + pan stays x for the u under it: pan' = x − factor·(x − pan). */
  transform->pan_x = x - factor * (x - transform->pan_x);
  transform->pan_y = y - factor * (y - transform->pan_y);
  transform->zoom *= factor;
}

void
glmcc_plot_transform_apply (const GlmccPlotTransform *transform,
                            double                   *x,
                            double                   *y)
{
  *x = transform->zoom * *x + transform->pan_x;
  *y = transform->zoom * *y + transform->pan_y;
}

void
glmcc_plot_transform_invert (const GlmccPlotTransform *transform,
                             double                   *x,
                             double                   *y)
{
  *x = (*x - transform->pan_x) / transform->zoom;
  *y = (*y - transform->pan_y) / transform->zoom;
}

void
glmcc_plot_clamp_to_rect (GlmccPlotTransform  *transform,
                          const GlmccPlotRect *rect,
                          double               max_zoom)
{
  double z;

  if (!(transform->zoom > 0.0) || !isfinite (transform->zoom))
    transform->zoom = 1.0;
  /* Out of range: back to the limit about the middle of the rectangle, which stays put. */
  z = CLAMP (transform->zoom, 1.0, MAX (max_zoom, 1.0));
  if (z != transform->zoom)
    glmcc_plot_transform_zoom_at (transform, z / transform->zoom, rect->x + rect->width / 2.0,
                                  rect->y + rect->height / 2.0);
  transform->zoom = z;
  /* zoom·rect + pan must cover rect. */
  transform->pan_x = CLAMP (transform->pan_x, rect->x + rect->width - z * (rect->x + rect->width),
                            rect->x - z * rect->x);
  transform->pan_y = CLAMP (transform->pan_y, rect->y + rect->height - z * (rect->y + rect->height),
                            rect->y - z * rect->y);
}

void
glmcc_plot_style_scale_for_size (GlmccPlotStyle *style,
                                 double          width,
                                 double          height)
{
  double s;

  g_return_if_fail (style != NULL);

  if (!(width > 0.0) || !(height > 0.0))
    return;
  s = CLAMP (MIN (width / 640.0, height / 600.0), 0.65, 4.0);
  style->font_size *= s;
  style->line_width *= s;
}

/* Layout of the figure --------------------------------------------------------------------- */

typedef enum
{
  LEGEND_NODE_E,
  LEGEND_NODE_I,
  LEGEND_NODE_U,
  LEGEND_EDGE_E,
  LEGEND_EDGE_I,
  LEGEND_TRUTH_MISSED,
  LEGEND_TRUTH_FALSE,
  LEGEND_TEXT,
} LegendKind;

#define MAX_LEGEND 12

typedef struct
{
  LegendKind kind;
  char       text[112];
  double     x;       /* relative to the legend's left edge */
  guint      row;
} LegendEntry;

typedef struct
{
  GlmccPlotRect area;          /* where the nodes go, and the clip of every zoom */
  double        legend_x;
  double        legend_y;
  double        legend_line;
  guint         n_legend;
  LegendEntry   legend[MAX_LEGEND];
  gboolean      y_axis;        /* a position layout's axis left of the area */
  gboolean      columns;       /* its column labels under the area */
  /* Layout coordinates → figure at zoom 1: X = ox + sx·x, Y = oy + sy·y. */
  double        sx, sy, ox, oy;
  double        spacing;       /* median distance to the nearest node at zoom 1 */
  gboolean      radial;        /* names point away from the centre */
  gboolean      circular;      /* every node on one circle: names along its radii */
  double        cx, cy;        /* that centre, at zoom 1 */
} NetLayout;

typedef struct
{
  const GlmccNetworkPlot *data;
  const GlmccPlotStyle   *style;
  double                  width;
  double                  height;
  GlmccPlotGraph         *graph;
  guint                  *degree;      /* shown connections per neuron */
  double                 *xy;          /* layout coordinates, 2n */
  NetLayout               layout;
  GlmccPlotTransform      transform;
  double                 *centres;     /* at transform, 2n */
  double                 *geometry;    /* for hit tests, made on the first: 6 per connection */
  double                  radius;      /* at transform */
  double                  line_unit;   /* width of a connection at the reference |PSP| / 4 */
  double                  alpha;       /* opacity of a connection */
  gboolean                arrows;
} NetScene;

static const GlmccPlotColor *
node_color (const GlmccPlotStyle *style,
            GlmccPlotNodeType     type)
{
  switch (type)
    {
    case GLMCC_PLOT_NODE_EXCITATORY:
      return &style->excitatory;
    case GLMCC_PLOT_NODE_INHIBITORY:
      return &style->inhibitory;
    case GLMCC_PLOT_NODE_UNKNOWN:
    default:
      return &style->neutral;
    }
}

static GlmccPlotNodeType
type_at (const GlmccNetworkPlot *data,
         guint                   i)
{
  return data->types != NULL ? data->types[i] : GLMCC_PLOT_NODE_UNKNOWN;
}

static double
legend_swatch (const GlmccPlotStyle *style)
{
  return 2.0 * style->font_size;
}

/* The legend's entries and their flow into rows of @width (estimated widths, so hit tests
 * and drawing agree without measuring text). */
static void
legend_flow (const GlmccNetworkPlot *data,
             const GlmccPlotStyle   *style,
             const GlmccPlotGraph   *graph,
             double                  width,
             NetLayout              *layout)
{
  double fs = style->font_size;
  gboolean has[3] = { FALSE, FALSE, FALSE };
  double x = 0.0;
  guint row = 0;

  layout->n_legend = 0;
  for (guint i = 0; i < data->n; i++)
    has[type_at (data, i) == GLMCC_PLOT_NODE_EXCITATORY ? 0 : type_at (data, i) == GLMCC_PLOT_NODE_INHIBITORY ? 1 : 2] = TRUE;

#define ADD(k, ...) G_STMT_START {                                                        \
    LegendEntry *e_ = &layout->legend[layout->n_legend++];                                \
    e_->kind = (k);                                                                        \
    g_snprintf (e_->text, sizeof e_->text, __VA_ARGS__);                                   \
  } G_STMT_END

  if (has[0])
    ADD (LEGEND_NODE_E, _("excitatory neuron"));
  if (has[1])
    ADD (LEGEND_NODE_I, _("inhibitory neuron"));
  if (has[2])
    ADD (LEGEND_NODE_U, has[0] || has[1] ? _("unlabelled") : _("neuron"));
  ADD (LEGEND_EDGE_E, _("excitatory connection"));
  ADD (LEGEND_EDGE_I, _("inhibitory connection"));
  if (data->truth != NULL)
    {
      ADD (LEGEND_TRUTH_FALSE, _("false detection"));
      ADD (LEGEND_TRUTH_MISSED, _("missed synapse"));
    }
  if (graph->n_edges > 0)
    {
      g_autofree char *widest = glmcc_plot_format_value (graph->width_ref);

      ADD (LEGEND_TEXT, _("width \xe2\x88\x9d |PSP|, widest \xe2\x89\xa5 %s mV"), widest);
    }
  if (graph->n_edges < graph->n_total)
    {
      g_autofree char *shown = glmcc_plot_format_count (graph->n_edges);
      g_autofree char *total = glmcc_plot_format_count (graph->n_total);

      ADD (LEGEND_TEXT, _("%s of %s connections shown"), shown, total);
    }
  else
    {
      g_autofree char *shown = glmcc_plot_format_count (graph->n_edges);

      ADD (LEGEND_TEXT, glmcc_ngettext ("%s connection", "%s connections", graph->n_edges), shown);
    }
  if (graph->n_edges > ARROW_LIMIT)
    ADD (LEGEND_TEXT, _("lines bow to the right from pre to post"));
#undef ADD

  for (guint k = 0; k < layout->n_legend; k++)
    {
      LegendEntry *e = &layout->legend[k];
      double w = glmcc_plot_text_estimate (style, e->text, 0.85)
                 + (e->kind == LEGEND_TEXT ? 0.0 : legend_swatch (style) + 0.4 * fs);

      /* An entry wider than a row gets a row of its own and is shrunk to fit it. */
      if (x > 0.0 && x + w > width)
        {
          row++;
          x = 0.0;
        }
      e->x = x;
      e->row = row;
      x += w + 1.3 * fs;
    }
  layout->legend_line = 0.85 * fs * GLMCC_PLOT_LINE_HEIGHT;
}

static guint
legend_rows (const NetLayout *layout)
{
  return layout->n_legend > 0 ? layout->legend[layout->n_legend - 1].row + 1 : 0;
}

/* Layout coordinates: the data's, or a circle in index order. */
static double *
layout_coordinates (const GlmccNetworkPlot *data)
{
  guint n = data->n;
  double *xy = g_new (double, 2 * (gsize) MAX (n, 1u));

  if (data->positions != NULL)
    {
      for (guint i = 0; i < 2 * n; i++)
        xy[i] = isfinite (data->positions[i]) ? data->positions[i] : 0.0;
      return xy;
    }
  for (guint i = 0; i < n; i++)
    {
      double angle = -G_PI / 2.0 + 2.0 * G_PI * i / n;

      xy[2 * i] = n == 1 ? 0.0 : cos (angle);
      xy[2 * i + 1] = n == 1 ? 0.0 : sin (angle);
    }
  return xy;
}

/* Median distance of a node to its nearest neighbour, in layout units scaled by (sx, sy). */
static double
median_spacing (const double *xy,
                guint         n,
                double        sx,
                double        sy)
{
  g_autofree double *nearest = NULL;
  guint step = MAX (1u, n / 400), m = 0;

  if (n < 2)
    return G_MAXDOUBLE;
  nearest = g_new (double, n / step + 1);
  /* A sample of the nodes is enough for a median. */
  for (guint i = 0; i < n; i += step)
    {
      double best = G_MAXDOUBLE;

      for (guint j = 0; j < n; j++)
        {
          double dx = (xy[2 * i] - xy[2 * j]) * sx, dy = (xy[2 * i + 1] - xy[2 * j + 1]) * sy;
          double d2 = dx * dx + dy * dy;

          if (j != i && d2 < best)
            best = d2;
        }
      nearest[m++] = sqrt (best);
    }
  qsort (nearest, m, sizeof (double), glmcc_number_compare);
  return nearest[m / 2];
}

static void
fit_coordinates (const double          *xy,
                 guint                  n,
                 const GlmccPlotGuides *guides,
                 double                 margin,
                 double                 max_lane,
                 NetLayout             *layout)
{
  const GlmccPlotRect *a = &layout->area;
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double span_x, span_y, avail_w, avail_h;
  gboolean stretch = guides != NULL && guides->stretch;

  for (guint i = 0; i < n; i++)
    {
      min_x = MIN (min_x, xy[2 * i]);
      max_x = MAX (max_x, xy[2 * i]);
      min_y = MIN (min_y, xy[2 * i + 1]);
      max_y = MAX (max_y, xy[2 * i + 1]);
    }
  if (n == 0)
    min_x = max_x = min_y = max_y = 0.0;
  /* The columns of a position layout, not only the nodes, span the width. */
  if (guides != NULL && guides->x_max > guides->x_min)
    {
      min_x = MIN (min_x, guides->x_min);
      max_x = MAX (max_x, guides->x_max);
    }
  span_x = max_x - min_x;
  span_y = max_y - min_y;
  avail_w = MAX (1.0, a->width - 2.0 * margin);
  avail_h = MAX (1.0, a->height - 2.0 * margin);
  layout->sx = span_x > 1e-12 ? avail_w / span_x : 0.0;
  layout->sy = span_y > 1e-12 ? avail_h / span_y : 0.0;
  if (!stretch)
    {
      double s = MIN (span_x > 1e-12 ? layout->sx : G_MAXDOUBLE, span_y > 1e-12 ? layout->sy : G_MAXDOUBLE);

      layout->sx = layout->sy = s < G_MAXDOUBLE ? s : 0.0;
    }
  else
    /* Lanes side by side, not across the page: at most a few font sizes apart. */
    layout->sx = MIN (layout->sx, max_lane);
  layout->ox = a->x + a->width / 2.0 - layout->sx * (min_x + max_x) / 2.0;
  layout->oy = a->y + a->height / 2.0 - layout->sy * (min_y + max_y) / 2.0;
  layout->cx = a->x + a->width / 2.0;
  layout->cy = a->y + a->height / 2.0;
}

static double
node_radius (const NetLayout      *layout,
             const GlmccPlotStyle *style,
             double                zoom)
{
  double r = 0.4 * layout->spacing * zoom;

  return CLAMP (r, 1.2, 0.85 * style->font_size);
}

static double
label_height (const GlmccPlotStyle *style)
{
  return LABEL_SCALE * style->font_size * 1.2;
}

static void
net_layout (double                  width,
            double                  height,
            const GlmccNetworkPlot *data,
            const GlmccPlotStyle   *style,
            const GlmccPlotGraph   *graph,
            const double           *xy,
            NetLayout              *layout)
{
  const GlmccPlotGuides *guides = data->guides;
  double fs = style->font_size;
  double pad = 1.1 * fs;
  double top = pad + glmcc_plot_figure_title_height (data, style);
  double left = pad, bottom, margin, r;
  guint rows;

  memset (layout, 0, sizeof *layout);
  layout->y_axis = guides != NULL && guides->y_title[0] != '\0';
  layout->columns = guides != NULL && guides->n_columns > 0;
  if (layout->y_axis)
    left += fs * GLMCC_PLOT_LINE_HEIGHT + 0.3 * fs + 6.0 * GLMCC_PLOT_CHAR_WIDTH * 0.85 * fs + 0.8 * fs;
  legend_flow (data, style, graph, MAX (1.0, width - 2.0 * pad), layout);
  rows = legend_rows (layout);
  layout->legend_x = pad;
  layout->legend_y = height - pad - rows * layout->legend_line;
  bottom = layout->legend_y - 0.6 * fs;
  if (layout->columns)
    bottom -= 0.85 * fs * GLMCC_PLOT_LINE_HEIGHT + 0.2 * fs;

  layout->area.x = left;
  layout->area.y = top;
  layout->area.width = MAX (1.0, width - pad - left);
  layout->area.height = MAX (1.0, bottom - top);
  layout->radial = guides == NULL;

  /* Fit once to learn how close the nodes are, then leave room at the edge for a node and,
   * when names fit beside the nodes, for the names of the outermost ones. */
  fit_coordinates (xy, data->n, guides, 0.0, 4.0 * fs, layout);
  layout->spacing = median_spacing (xy, data->n, layout->sx, layout->sy);
  if (layout->radial && data->n >= 3)
    {
      double lo = G_MAXDOUBLE, hi = 0.0;

      for (guint i = 0; i < data->n; i++)
        {
          double d = hypot (layout->ox + layout->sx * xy[2 * i] - layout->cx,
                            layout->oy + layout->sy * xy[2 * i + 1] - layout->cy);

          lo = MIN (lo, d);
          hi = MAX (hi, d);
        }
      layout->circular = hi > 0.0 && hi - lo <= 0.01 * hi;
    }
  r = node_radius (layout, style, 1.0);
  margin = r + 0.15 * fs;
  /* A circle always keeps room for names: those of a neuron in focus and its partners at
   * least are drawn, and only there. */
  if (layout->circular || (layout->radial && layout->spacing >= 1.15 * label_height (style)))
    margin += MIN (glmcc_plot_max_name_width (data, style, LABEL_SCALE) + 0.4 * fs,
                   (layout->circular ? 0.15 : 0.25) * MIN (layout->area.width, layout->area.height));
  else if (!layout->radial)
    margin += 0.2 * fs;
  fit_coordinates (xy, data->n, guides, margin, 4.0 * fs, layout);
  layout->spacing = median_spacing (xy, data->n, layout->sx, layout->sy);
  if (data->n == 1)
    layout->spacing = 2.0 * fs;
}

static void
scene_clear (NetScene *scene)
{
  g_clear_pointer (&scene->graph, glmcc_plot_graph_free);
  g_clear_pointer (&scene->degree, g_free);
  g_clear_pointer (&scene->xy, g_free);
  g_clear_pointer (&scene->centres, g_free);
  g_clear_pointer (&scene->geometry, g_free);
}

static void
scene_free (gpointer data)
{
  NetScene *scene = data;

  scene_clear (scene);
  g_free (scene);
}

/* The curved edge pre → post: start, control point and end, shortened to the node rims (the
 * end leaves room for the arrow tip). */
static void
edge_geometry (const double *centres,
               double        r_node,
               guint         pre,
               guint         post,
               double        out[6])
{
  double x0 = centres[2 * pre], y0 = centres[2 * pre + 1];
  double x1 = centres[2 * post], y1 = centres[2 * post + 1];
  double dx = x1 - x0, dy = y1 - y0;
  double len = hypot (dx, dy);
  double cx, cy, ux, uy, l;

  if (len < 1e-9)
    {
      out[0] = out[2] = out[4] = x0;
      out[1] = out[3] = out[5] = y0;
      return;
    }
  /* Bend to the right of the direction of travel, so a → b and b → a do not overlap. */
  cx = (x0 + x1) / 2.0 - dy * BEND;
  cy = (y0 + y1) / 2.0 + dx * BEND;
  ux = cx - x0;
  uy = cy - y0;
  l = hypot (ux, uy);
  out[0] = x0 + ux / l * r_node;
  out[1] = y0 + uy / l * r_node;
  out[2] = cx;
  out[3] = cy;
  ux = cx - x1;
  uy = cy - y1;
  l = hypot (ux, uy);
  out[4] = x1 + ux / l * (r_node + 1.0);
  out[5] = y1 + uy / l * (r_node + 1.0);
}

static double
edge_width (const NetScene *scene,
            double          psp)
{
  double ref = scene->graph->width_ref;
  double t = ref > 0.0 ? MIN (1.0, fabs (psp) / ref) : 1.0;

  return scene->line_unit * (0.6 + 3.4 * t);
}

/* Centres and radius at the scene's transform, and the style of its connections. */
static void
scene_place (NetScene *scene)
{
  const NetLayout *layout = &scene->layout;
  const GlmccPlotTransform *t = &scene->transform;
  guint n = scene->data->n;
  double ink = 0.0, density;

  g_clear_pointer (&scene->centres, g_free);
  g_clear_pointer (&scene->geometry, g_free);
  scene->centres = g_new (double, 2 * (gsize) MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    {
      scene->centres[2 * i] = t->zoom * (layout->ox + layout->sx * scene->xy[2 * i]) + t->pan_x;
      scene->centres[2 * i + 1] = t->zoom * (layout->oy + layout->sy * scene->xy[2 * i + 1]) + t->pan_y;
    }
  scene->radius = node_radius (layout, scene->style, t->zoom);

  /* Thinner and fainter as connections get more: the ink they would lay on the area at
   * zoom 1, at full opacity, sets their opacity. */
  scene->line_unit = scene->style->line_width / 2.0
                     * CLAMP (sqrt (400.0 / MAX (scene->graph->n_edges, 1u)), 0.3, 1.0);
  for (guint k = 0; k < scene->graph->n_edges; k++)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[k];
      double dx = layout->sx * (scene->xy[2 * e->pre] - scene->xy[2 * e->post]);
      double dy = layout->sy * (scene->xy[2 * e->pre + 1] - scene->xy[2 * e->post + 1]);

      ink += hypot (dx, dy) * edge_width (scene, e->psp_mv);
    }
  density = ink / MAX (1.0, layout->area.width * layout->area.height);
  scene->alpha = density > 0.0 ? CLAMP (INK_TARGET / density, 0.012, 0.8) : 0.8;
  /* Zoomed in, fewer lines cross each pixel. */
  scene->alpha = MIN (0.8, scene->alpha * sqrt (MIN (t->zoom, 16.0)));
  scene->arrows = scene->graph->n_edges <= ARROW_LIMIT;
}

static void
scene_init (NetScene               *scene,
            double                  width,
            double                  height,
            const GlmccNetworkPlot *data,
            const GlmccPlotStyle   *style,
            const GlmccPlotTransform *transform,
            GlmccPlotGraph         *graph)
{
  memset (scene, 0, sizeof *scene);
  scene->data = data;
  scene->style = style;
  scene->width = width;
  scene->height = height;
  scene->graph = graph != NULL ? graph : glmcc_plot_graph_new (data);
  scene->degree = g_new0 (guint, MAX (data->n, 1u));
  for (guint k = 0; k < scene->graph->n_edges; k++)
    {
      scene->degree[scene->graph->edges[k].pre]++;
      scene->degree[scene->graph->edges[k].post]++;
    }
  scene->xy = layout_coordinates (data);
  net_layout (width, height, data, style, scene->graph, scene->xy, &scene->layout);
  scene->transform = transform != NULL ? *transform : (GlmccPlotTransform) { 1.0, 0.0, 0.0 };
  scene_place (scene);
}

void
glmcc_plot_network_get_nodes (double                  width,
                              double                  height,
                              const GlmccNetworkPlot *data,
                              const GlmccPlotStyle   *style,
                              double                 *centres,
                              double                 *radius)
{
  GlmccPlotStyle storage;
  NetScene scene;

  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  scene_init (&scene, width, height, data, style, NULL, NULL);
  if (centres != NULL)
    memcpy (centres, scene.centres, 2 * sizeof (double) * data->n);
  if (radius != NULL)
    *radius = scene.radius;
  scene_clear (&scene);
}

void
glmcc_plot_network_get_area (double                  width,
                             double                  height,
                             const GlmccNetworkPlot *data,
                             const GlmccPlotStyle   *style,
                             GlmccPlotRect          *area)
{
  GlmccPlotStyle storage;
  NetScene scene;

  g_return_if_fail (data != NULL);
  g_return_if_fail (area != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  scene_init (&scene, width, height, data, style, NULL, NULL);
  *area = scene.layout.area;
  scene_clear (&scene);
}

void
glmcc_plot_network_clamp_transform (double                  width,
                                    double                  height,
                                    const GlmccNetworkPlot *data,
                                    const GlmccPlotStyle   *style,
                                    GlmccPlotTransform     *transform)
{
  GlmccPlotRect area;

  g_return_if_fail (transform != NULL);

  glmcc_plot_network_get_area (width, height, data, style, &area);
  glmcc_plot_clamp_to_rect (transform, &area, MAX_ZOOM);
}

/* Drawing: the frame ----------------------------------------------------------------------- */

static void
draw_legend_swatch (cairo_t              *cr,
                    const GlmccPlotStyle *style,
                    LegendKind            kind,
                    double                x,
                    double                y,
                    double                line)
{
  double fs = style->font_size;
  double r = 0.38 * fs;
  double sw = legend_swatch (style);
  double cy = y + line / 2.0;

  cairo_save (cr);
  switch (kind)
    {
    case LEGEND_NODE_E:
    case LEGEND_NODE_I:
    case LEGEND_NODE_U:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + sw / 2.0, cy, r, 0, 2 * G_PI);
      glmcc_plot_set_color (cr, node_color (style, kind == LEGEND_NODE_E ? GLMCC_PLOT_NODE_EXCITATORY
                                                   : kind == LEGEND_NODE_I ? GLMCC_PLOT_NODE_INHIBITORY
                                                   : GLMCC_PLOT_NODE_UNKNOWN));
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, MAX (0.5, 0.5 * style->line_width));
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_stroke (cr);
      break;
    case LEGEND_EDGE_E:
    case LEGEND_EDGE_I:
      {
        double head = 0.55 * fs;

        cairo_move_to (cr, x, cy + 0.15 * fs);
        cairo_curve_to (cr, x + 0.3 * sw, cy - 0.25 * fs, x + 0.6 * sw, cy - 0.25 * fs, x + sw - 0.5 * head, cy);
        cairo_set_line_width (cr, style->line_width * 0.75);
        glmcc_plot_set_color (cr, kind == LEGEND_EDGE_E ? &style->excitatory : &style->inhibitory);
        cairo_stroke (cr);
        glmcc_plot_arrow_head (cr, x + sw, cy + 0.1 * fs, 0.2, head);
        cairo_fill (cr);
      }
      break;
    case LEGEND_TRUTH_MISSED:
      {
        double dot[2] = { 0.5 * style->line_width, 1.5 * style->line_width };

        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash (cr, dot, 2, 0);
        cairo_set_line_width (cr, MAX (1.0, 0.75 * style->line_width));
        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + sw, cy);
        glmcc_plot_set_color (cr, &style->muted);
        cairo_stroke (cr);
      }
      break;
    case LEGEND_TRUTH_FALSE:
      cairo_set_line_width (cr, MAX (1.0, 0.75 * style->line_width));
      cairo_move_to (cr, x + sw / 2.0 - r, cy - r);
      cairo_line_to (cr, x + sw / 2.0 + r, cy + r);
      cairo_move_to (cr, x + sw / 2.0 - r, cy + r);
      cairo_line_to (cr, x + sw / 2.0 + r, cy - r);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_stroke (cr);
      break;
    case LEGEND_TEXT:
    default:
      break;
    }
  cairo_restore (cr);
}

static void
draw_legend (cairo_t              *cr,
             const GlmccPlotStyle *style,
             const NetLayout      *layout,
             double                width)
{
  double fs = style->font_size;
  double right = width - 1.1 * fs;

  for (guint k = 0; k < layout->n_legend; k++)
    {
      const LegendEntry *e = &layout->legend[k];
      double x = layout->legend_x + e->x;
      double y = layout->legend_y + e->row * layout->legend_line;

      if (e->kind != LEGEND_TEXT)
        {
          draw_legend_swatch (cr, style, e->kind, x, y, layout->legend_line);
          x += legend_swatch (style) + 0.4 * fs;
        }
      glmcc_plot_text_fit (cr, style, e->kind == LEGEND_TEXT ? &style->muted : &style->foreground,
                           e->text, x, y + 0.1 * layout->legend_line, MAX (1.0, right - x), 0.85, FALSE);
    }
}

/* Layout y ↔ figure y at @transform. */
static double
layout_y_to_figure (const NetLayout          *layout,
                    const GlmccPlotTransform *t,
                    double                    y)
{
  return t->zoom * (layout->oy + layout->sy * y) + t->pan_y;
}

static void
draw_guides (cairo_t        *cr,
             const NetScene *scene)
{
  const GlmccPlotGuides *guides = scene->data->guides;
  const GlmccPlotStyle *style = scene->style;
  const NetLayout *layout = &scene->layout;
  const GlmccPlotRect *a = &layout->area;
  const GlmccPlotTransform *t = &scene->transform;
  double fs = style->font_size;

  if (guides == NULL)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (0.5, 0.5 * style->line_width));
  if (layout->y_axis && layout->sy != 0.0)
    {
      /* The axis's values over the visible part of the area. */
      double ly0 = ((a->y - t->pan_y) / t->zoom - layout->oy) / layout->sy;
      double ly1 = ((a->y + a->height - t->pan_y) / t->zoom - layout->oy) / layout->sy;
      double v0 = guides->y_scale * ly0 + guides->y_offset, v1 = guides->y_scale * ly1 + guides->y_offset;
      double ticks[32], step;
      guint n = glmcc_plot_nice_ticks (MIN (v0, v1), MAX (v0, v1), MAX (2u, (guint) (a->height / (3.0 * fs))),
                                       ticks, 32, &step);
      double x0 = a->x - 0.3 * fs;

      glmcc_plot_set_color (cr, &style->foreground);
      cairo_move_to (cr, glmcc_plot_snap (x0, 1.0), a->y);
      cairo_line_to (cr, glmcc_plot_snap (x0, 1.0), a->y + a->height);
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          double ly = (ticks[i] - guides->y_offset) / guides->y_scale;
          double y = layout_y_to_figure (layout, t, ly);
          g_autofree char *label = glmcc_plot_format_tick (ticks[i], step);

          if (y < a->y - 0.5 || y > a->y + a->height + 0.5)
            continue;
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x0 - 0.35 * fs, y);
          cairo_stroke (cr);
          glmcc_plot_text (cr, style, &style->foreground, label, x0 - 0.5 * fs, y, 1.0, 0.5, 0.85, FALSE, 0.0);
        }
      glmcc_plot_text (cr, style, &style->foreground, guides->y_title, 1.1 * fs, a->y + a->height / 2.0,
                       0.5, 0.0, 0.9, FALSE, G_PI / 2.0);
    }
  if (layout->columns)
    {
      double last_right = -G_MAXDOUBLE;
      double y = a->y + a->height + 0.2 * fs;

      for (guint c = 0; c < guides->n_columns; c++)
        {
          double x = t->zoom * (layout->ox + layout->sx * guides->column_x[c]) + t->pan_x;
          double w = glmcc_plot_text_estimate (style, guides->column_label[c], 0.85);

          /* Within the area (moved in at its edges), and clear of the previous label. */
          x = CLAMP (x, a->x + w / 2.0, a->x + a->width - w / 2.0);
          if (x - w / 2.0 < last_right || t->zoom * (layout->ox + layout->sx * guides->column_x[c]) + t->pan_x < a->x
              || t->zoom * (layout->ox + layout->sx * guides->column_x[c]) + t->pan_x > a->x + a->width)
            continue;
          glmcc_plot_text (cr, style, &style->muted, guides->column_label[c], x, y, 0.5, 0.0, 0.85, FALSE, 0.0);
          last_right = x + w / 2.0 + 0.5 * fs;
        }
    }
  cairo_restore (cr);
}

/* Drawing: connections --------------------------------------------------------------------- */

static gboolean
edge_visible (const GlmccPlotRect *a,
              const double         g[6],
              double               slack)
{
  double min_x = MIN (g[0], MIN (g[2], g[4])), max_x = MAX (g[0], MAX (g[2], g[4]));
  double min_y = MIN (g[1], MIN (g[3], g[5])), max_y = MAX (g[1], MAX (g[3], g[5]));

  return max_x >= a->x - slack && min_x <= a->x + a->width + slack
         && max_y >= a->y - slack && min_y <= a->y + a->height + slack;
}

static double
arrow_size (double width)
{
  return MAX (5.0, 2.2 * width + 3.0);
}

/* The shaft of an edge stops inside its arrow head so that a thick line does not blunt it. */
static void
shaft_geometry (const double g[6],
                double       head,
                double       s[6])
{
  double angle = atan2 (g[5] - g[3], g[4] - g[2]);

  memcpy (s, g, 6 * sizeof (double));
  s[4] = g[4] - cos (angle) * head * 0.6;
  s[5] = g[5] - sin (angle) * head * 0.6;
}

static void
path_quad (cairo_t      *cr,
           const double  g[6])
{
  cairo_move_to (cr, g[0], g[1]);
  cairo_curve_to (cr, g[0] + 2.0 / 3.0 * (g[2] - g[0]), g[1] + 2.0 / 3.0 * (g[3] - g[1]),
                  g[4] + 2.0 / 3.0 * (g[2] - g[4]), g[5] + 2.0 / 3.0 * (g[3] - g[5]), g[4], g[5]);
}

typedef struct
{
  gboolean     raster;
  double       scale;     /* device pixels per unit */
  double       ox, oy;    /* device pixel of user (0, 0) */
  GlmccRaster *buffer;
  int          px, py;    /* the buffer's first pixel */
  const GlmccPlotStyle *style;
} LineTarget;

static void
line_target_begin (LineTarget           *target,
                   cairo_t              *cr,
                   const GlmccPlotRect  *area,
                   const GlmccPlotStyle *style)
{
  const GlmccPlotColor colors[2] = { style->excitatory, style->inhibitory };

  memset (target, 0, sizeof *target);
  target->style = style;
  target->raster = glmcc_plot_raster_target (cr, &target->scale, &target->ox, &target->oy);
  /* A poster-sized image would need gigabytes of planes: strokes then, slower but small. */
  if (target->raster && area->width * area->height * target->scale * target->scale > 40e6)
    target->raster = FALSE;
  if (target->raster)
    {
      double x0 = floor (area->x * target->scale + target->ox);
      double y0 = floor (area->y * target->scale + target->oy);
      double x1 = ceil ((area->x + area->width) * target->scale + target->ox);
      double y1 = ceil ((area->y + area->height) * target->scale + target->oy);

      target->px = (int) x0;
      target->py = (int) y0;
      target->buffer = glmcc_raster_new ((int) MAX (1.0, x1 - x0), (int) MAX (1.0, y1 - y0), 2, colors);
    }
}

static void
line_target_quad (LineTarget           *target,
                  cairo_t              *cr,
                  const double          g[6],
                  double                width,
                  const GlmccPlotColor *color,
                  double                alpha)
{
  if (target->raster)
    {
      double d[6];

      for (int k = 0; k < 3; k++)
        {
          d[2 * k] = g[2 * k] * target->scale + target->ox - target->px;
          d[2 * k + 1] = g[2 * k + 1] * target->scale + target->oy - target->py;
        }
      /* The raster's planes: 0 excitatory, 1 inhibitory. */
      glmcc_raster_quad (target->buffer, d, width * target->scale, color == &target->style->excitatory ? 0 : 1, alpha);
      return;
    }
  path_quad (cr, g);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  glmcc_plot_set_color_alpha (cr, color, alpha);
  cairo_stroke (cr);
}

static void
line_target_end (LineTarget *target,
                 cairo_t    *cr)
{
  cairo_surface_t *image;

  if (!target->raster)
    return;
  image = glmcc_raster_to_surface (target->buffer);
  glmcc_plot_paint_pixels (cr, image, target->px, target->py);
  cairo_surface_destroy (image);
  glmcc_raster_free (target->buffer);
  target->buffer = NULL;
}

/* The connections a person rejected stay visible, dashed in the muted colour with their
 * heads: no longer connections, and the rejection itself shows. They are few, so cairo strokes
 * them one by one. */
static void
draw_rejected_edges (cairo_t        *cr,
                     const NetScene *scene,
                     const guint    *indices,
                     guint           n_indices)
{
  const GlmccPlotStyle *style = scene->style;
  double dash[2] = { 2.5 * style->line_width, 1.75 * style->line_width };
  double w = MAX (1.0, 0.75 * style->line_width);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint k = 0; k < n_indices; k++)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[indices != NULL ? indices[k] : k];
      double g[6], s[6], head = arrow_size (w);

      if (glmcc_network_plot_get_mark (scene->data, e->pre, e->post) != GLMCC_PLOT_MARK_REJECTED)
        continue;
      edge_geometry (scene->centres, scene->radius, e->pre, e->post, g);
      if (!edge_visible (&scene->layout.area, g, w + 10.0))
        continue;
      shaft_geometry (g, head, s);
      path_quad (cr, s);
      cairo_set_line_width (cr, w);
      cairo_set_dash (cr, dash, 2, 0);
      glmcc_plot_set_color_alpha (cr, &style->muted, 0.9);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      glmcc_plot_arrow_head (cr, g[4], g[5], atan2 (g[5] - g[3], g[4] - g[2]), head);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* Against a ground truth: a synapse that was missed is a dotted line in the muted colour, a
 * false detection gets a cross in the middle of its edge. Each kind is one path, stroked once,
 * at an opacity that falls with the number of connections as the edges' does: at 1,000
 * neurons tens of thousands of opaque crosses, each stroked on its own, drew a black field
 * over the network (and took most of the drawing's time). */
static void
draw_truth (cairo_t        *cr,
            const NetScene *scene)
{
  const GlmccPlotStyle *style = scene->style;
  const guint8 *truth = scene->data->truth;
  guint n = scene->data->n;
  double dot[2] = { 0.5 * style->line_width, 1.5 * style->line_width };
  double w = MAX (1.0, 0.75 * style->line_width);
  double r = 0.35 * style->font_size;
  double alpha = MIN (1.0, 2.0 * scene->alpha);

  if (truth == NULL)
    return;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, w);
  for (int kind = 0; kind < 2; kind++)
    {
      guint8 wanted = kind == 0 ? GLMCC_PLOT_TRUTH_FALSE_NEGATIVE : GLMCC_PLOT_TRUTH_FALSE_POSITIVE;

      cairo_new_path (cr);
      for (guint pre = 0; pre < n; pre++)
        for (guint post = 0; post < n; post++)
          {
            double g[6];

            if (pre == post || truth[(gsize) pre * n + post] != wanted)
              continue;
            edge_geometry (scene->centres, scene->radius, pre, post, g);
            if (!edge_visible (&scene->layout.area, g, w + 10.0))
              continue;
            if (kind == 0)
              path_quad (cr, g);
            else
              {
                /* The middle of the quadratic curve. */
                double mx = 0.25 * g[0] + 0.5 * g[2] + 0.25 * g[4];
                double my = 0.25 * g[1] + 0.5 * g[3] + 0.25 * g[5];

                cairo_move_to (cr, mx - r, my - r);
                cairo_line_to (cr, mx + r, my + r);
                cairo_move_to (cr, mx - r, my + r);
                cairo_line_to (cr, mx + r, my - r);
              }
          }
      if (kind == 0)
        {
          cairo_set_dash (cr, dot, 2, 0);
          glmcc_plot_set_color_alpha (cr, &style->muted, 0.9 * alpha);
        }
      else
        {
          cairo_set_dash (cr, NULL, 0, 0);
          glmcc_plot_set_color_alpha (cr, &style->foreground, alpha);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Draws @edges (indices into the graph, weakest first) with their arrow heads. */
static void
draw_edges (cairo_t        *cr,
            const NetScene *scene,
            const guint    *indices,
            guint           n_indices,
            double          alpha,
            double          extra_width,
            gboolean        arrows)
{
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *area = &scene->layout.area;
  gboolean marked = scene->data->marks != NULL && scene->data->n_marks > 0;
  LineTarget target;

  line_target_begin (&target, cr, area, style);
  for (guint k = 0; k < n_indices; k++)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[indices != NULL ? indices[k] : k];
      double g[6], s[6];
      double w = edge_width (scene, e->psp_mv) + extra_width;

      if (marked && glmcc_network_plot_get_mark (scene->data, e->pre, e->post) == GLMCC_PLOT_MARK_REJECTED)
        continue;
      edge_geometry (scene->centres, scene->radius, e->pre, e->post, g);
      if (!edge_visible (area, g, w + 10.0))
        continue;
      if (arrows)
        shaft_geometry (g, arrow_size (w), s);
      else
        memcpy (s, g, sizeof s);
      line_target_quad (&target, cr, s, w, e->psp_mv > 0 ? &style->excitatory : &style->inhibitory, alpha);
    }
  line_target_end (&target, cr);
  if (marked)
    draw_rejected_edges (cr, scene, indices, n_indices);

  if (!arrows)
    return;
  /* Heads in two paths, one per colour: a fill each. */
  for (int sign = 1; sign >= -1; sign -= 2)
    {
      gboolean any = FALSE;

      for (guint k = 0; k < n_indices; k++)
        {
          const GlmccPlotEdge *e = &scene->graph->edges[indices != NULL ? indices[k] : k];
          double g[6], w;

          if ((e->psp_mv > 0) != (sign > 0)
              || (marked && glmcc_network_plot_get_mark (scene->data, e->pre, e->post)
                              == GLMCC_PLOT_MARK_REJECTED))
            continue;
          w = edge_width (scene, e->psp_mv) + extra_width;
          edge_geometry (scene->centres, scene->radius, e->pre, e->post, g);
          if (!edge_visible (area, g, 10.0))
            continue;
          glmcc_plot_arrow_head (cr, g[4], g[5], atan2 (g[5] - g[3], g[4] - g[2]), arrow_size (w));
          any = TRUE;
        }
      if (any)
        {
          glmcc_plot_set_color_alpha (cr, sign > 0 ? &style->excitatory : &style->inhibitory,
                                      MIN (1.0, alpha + 0.15));
          cairo_fill (cr);
        }
      cairo_new_path (cr);
    }
}

/* Drawing: nodes and names ----------------------------------------------------------------- */

static gboolean
node_visible (const NetScene *scene,
              guint           i,
              double          slack)
{
  const GlmccPlotRect *a = &scene->layout.area;
  double x = scene->centres[2 * i], y = scene->centres[2 * i + 1];

  return x >= a->x - slack && x <= a->x + a->width + slack && y >= a->y - slack && y <= a->y + a->height + slack;
}

/* Nodes of @filter (NULL: all), one fill per colour and one stroke for the outlines. */
static void
draw_nodes (cairo_t        *cr,
            const NetScene *scene,
            const gboolean *filter,
            double          alpha,
            double          r)
{
  const GlmccPlotStyle *style = scene->style;
  gboolean outline = r >= 2.5;

  for (int type = GLMCC_PLOT_NODE_UNKNOWN; type <= GLMCC_PLOT_NODE_INHIBITORY; type++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < scene->data->n; i++)
        {
          if ((int) type_at (scene->data, i) != type || (filter != NULL && !filter[i]) || !node_visible (scene, i, r))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, scene->centres[2 * i], scene->centres[2 * i + 1], r, 0, 2 * G_PI);
          any = TRUE;
        }
      if (!any)
        continue;
      glmcc_plot_set_color_alpha (cr, node_color (style, type), alpha);
      if (outline)
        {
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, MIN (1.0, 0.5 * style->line_width) * MIN (1.0, r / 4.0));
          glmcc_plot_set_color_alpha (cr, &style->foreground, alpha);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
}

/* Greedy placement of names: a name goes where its box overlaps no placed box and stays in
 * the area; nodes are placed in @priority order. Boxes are estimated from the character
 * count (generous), then the drawn text is measured so that nothing leaves the area. */
typedef struct
{
  GArray *boxes;   /* GlmccPlotRect */
  GArray *anchors; /* names along radii: where each starts, 2 doubles */
} Placed;

static void
placed_init (Placed *placed)
{
  placed->boxes = g_array_new (FALSE, FALSE, sizeof (GlmccPlotRect));
  placed->anchors = g_array_new (FALSE, FALSE, 2 * sizeof (double));
}

static void
placed_clear (Placed *placed)
{
  g_array_unref (placed->boxes);
  g_array_unref (placed->anchors);
}

static gboolean
point_free (const Placed *placed,
            double        x,
            double        y)
{
  for (guint k = 0; k < placed->boxes->len; k++)
    {
      const GlmccPlotRect *b = &g_array_index (placed->boxes, GlmccPlotRect, k);

      if (x > b->x && x < b->x + b->width && y > b->y && y < b->y + b->height)
        return FALSE;
    }
  return TRUE;
}

static gboolean
point_inside (const GlmccPlotRect *area,
              double               x,
              double               y)
{
  return x >= area->x && y >= area->y && x <= area->x + area->width && y <= area->y + area->height;
}

/* A name along the radius of a circular layout, read left to right on both halves: it fits
 * where it starts at least a line's height from every other name's start and stays in the
 * area. */
static gboolean
place_radial_name (cairo_t              *cr,
                   const NetScene       *scene,
                   Placed               *placed,
                   const char           *name,
                   double                x,
                   double                y,
                   gboolean              halo,
                   const GlmccPlotColor *color)
{
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *area = &scene->layout.area;
  double h = label_height (style), gap = 0.25 * style->font_size;
  double dx = x - (scene->transform.zoom * scene->layout.cx + scene->transform.pan_x);
  double dy = y - (scene->transform.zoom * scene->layout.cy + scene->transform.pan_y);
  double l = hypot (dx, dy), ux, uy, ax, ay, tw, th, theta;

  if (l < 1e-6)
    return FALSE;
  ux = dx / l;
  uy = dy / l;
  ax = x + ux * (scene->radius + gap);
  ay = y + uy * (scene->radius + gap);
  for (guint k = 0; k < placed->anchors->len; k++)
    {
      const double *p = &g_array_index (placed->anchors, double, 2 * k);

      if (hypot (p[0] - ax, p[1] - ay) < h)
        return FALSE;
    }
  glmcc_plot_text_size (cr, style, name, LABEL_SCALE, FALSE, &tw, &th);
  /* The four corners of the rotated box, and its middle, in the area and on no other box. */
  for (int along = 0; along <= 2; along++)
    for (int side = -1; side <= 1; side += 2)
      {
        double px = ax + ux * tw * along / 2.0 - uy * side * th / 2.0;
        double py = ay + uy * tw * along / 2.0 + ux * side * th / 2.0;

        if (!point_inside (area, px, py) || !point_free (placed, px, py))
          return FALSE;
      }
  theta = atan2 (uy, ux);
  /* glmcc_plot_text() turns counter-clockwise; on the left half the text is turned half a
   * turn more and ends at the anchor, so that it never reads upside down. */
  if (halo)
    {
      cairo_save (cr);
      cairo_translate (cr, ax, ay);
      cairo_rotate (cr, ux >= 0.0 ? theta : theta - G_PI);
      glmcc_plot_text_halo (cr, style, color, name, 0.0, 0.0, ux >= 0.0 ? 0.0 : 1.0, 0.5, LABEL_SCALE);
      cairo_restore (cr);
    }
  else if (ux >= 0.0)
    glmcc_plot_text (cr, style, color, name, ax, ay, 0.0, 0.5, LABEL_SCALE, FALSE, -theta);
  else
    glmcc_plot_text (cr, style, color, name, ax, ay, 1.0, 0.5, LABEL_SCALE, FALSE, G_PI - theta);
  g_array_append_vals (placed->anchors, (double[2]) { ax, ay }, 1);
  return TRUE;
}

static gboolean
box_free (const Placed        *placed,
          const GlmccPlotRect *box)
{
  for (guint k = 0; k < placed->boxes->len; k++)
    {
      const GlmccPlotRect *b = &g_array_index (placed->boxes, GlmccPlotRect, k);

      if (box->x < b->x + b->width && b->x < box->x + box->width
          && box->y < b->y + b->height && b->y < box->y + box->height)
        return FALSE;
    }
  return TRUE;
}

static gboolean
box_inside (const GlmccPlotRect *box,
            const GlmccPlotRect *area)
{
  return box->x >= area->x && box->y >= area->y && box->x + box->width <= area->x + area->width
         && box->y + box->height <= area->y + area->height;
}

/* Tries to name node @i; TRUE if the name was drawn. */
static gboolean
place_name (cairo_t        *cr,
            const NetScene *scene,
            Placed         *placed,
            guint           i,
            gboolean        halo,
            const GlmccPlotColor *color)
{
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *area = &scene->layout.area;
  double fs = style->font_size;
  double x = scene->centres[2 * i], y = scene->centres[2 * i + 1];
  double r = scene->radius, gap = 0.25 * fs;
  g_autofree char *name = glmcc_plot_neuron_name (scene->data, i);
  double w, h = label_height (style);
  /* Candidate anchors (x, y, xalign, yalign): radial first, then right, left, below, above. */
  double candidates[5][4];
  guint n_candidates = 0;

  if (g_utf8_strlen (name, -1) > GLMCC_PLOT_NAME_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (name, GLMCC_PLOT_NAME_CHARS - 1);

      strcpy (cut, "\xe2\x80\xa6");
    }
  if (scene->layout.circular)
    return place_radial_name (cr, scene, placed, name, x, y, halo, color);
  w = glmcc_plot_text_estimate (style, name, LABEL_SCALE);
  if (scene->layout.radial)
    {
      double dx = x - (scene->transform.zoom * scene->layout.cx + scene->transform.pan_x);
      double dy = y - (scene->transform.zoom * scene->layout.cy + scene->transform.pan_y);
      double l = hypot (dx, dy);

      if (l > 1e-6)
        {
          double ux = dx / l, uy = dy / l;

          candidates[n_candidates][0] = x + ux * (r + gap);
          candidates[n_candidates][1] = y + uy * (r + gap);
          candidates[n_candidates][2] = 0.5 - 0.5 * ux;
          candidates[n_candidates][3] = 0.5 - 0.5 * uy;
          n_candidates++;
        }
    }
  /* Radial layouts keep every name outside, pointing away; others try four sides. */
  if (n_candidates == 0)
    {
      memcpy (candidates[n_candidates++], (double[4]) { x + r + gap, y, 0.0, 0.5 }, sizeof (double[4]));
      memcpy (candidates[n_candidates++], (double[4]) { x - r - gap, y, 1.0, 0.5 }, sizeof (double[4]));
      memcpy (candidates[n_candidates++], (double[4]) { x, y + r + 0.1 * fs, 0.5, 0.0 }, sizeof (double[4]));
      memcpy (candidates[n_candidates++], (double[4]) { x, y - r - 0.1 * fs, 0.5, 1.0 }, sizeof (double[4]));
    }

  for (guint c = 0; c < n_candidates; c++)
    {
      GlmccPlotRect box = { candidates[c][0] - candidates[c][2] * w, candidates[c][1] - candidates[c][3] * h, w, h };

      if (!box_inside (&box, area) || !box_free (placed, &box))
        continue;
      {
        double tw, th;
        GlmccPlotRect drawn;

        /* The real extent, aligned the same way, must stay in the area too. */
        glmcc_plot_text_size (cr, style, name, LABEL_SCALE, FALSE, &tw, &th);
        drawn = (GlmccPlotRect) { candidates[c][0] - candidates[c][2] * tw,
                                  candidates[c][1] - candidates[c][3] * th, tw, th };
        if (!box_inside (&drawn, area))
          continue;
        if (halo)
          glmcc_plot_text_halo (cr, style, color, name, candidates[c][0], candidates[c][1],
                                candidates[c][2], candidates[c][3], LABEL_SCALE);
        else
          glmcc_plot_text (cr, style, color, name, candidates[c][0], candidates[c][1],
                           candidates[c][2], candidates[c][3], LABEL_SCALE, FALSE, 0.0);
        box.x = MIN (box.x, drawn.x);
        box.y = MIN (box.y, drawn.y);
        box.width = MAX (box.width, drawn.width);
        box.height = MAX (box.height, drawn.height);
        g_array_append_val (placed->boxes, box);
        return TRUE;
      }
    }
  return FALSE;
}

typedef struct
{
  guint  neuron;
  double priority;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *p = a, *q = b;

  if (p->priority != q->priority)
    return (p->priority < q->priority) - (p->priority > q->priority);
  return (p->neuron > q->neuron) - (p->neuron < q->neuron);
}

/* Nodes are obstacles for names (a name never hides a node). */
static void
placed_add_nodes (Placed         *placed,
                  const NetScene *scene,
                  const gboolean *filter)
{
  for (guint i = 0; i < scene->data->n; i++)
    if ((filter == NULL || filter[i]) && node_visible (scene, i, scene->radius))
      {
        double r = scene->radius;
        GlmccPlotRect box = { scene->centres[2 * i] - r, scene->centres[2 * i + 1] - r, 2 * r, 2 * r };

        g_array_append_val (placed->boxes, box);
      }
}

static void
draw_names (cairo_t        *cr,
            const NetScene *scene)
{
  guint n = scene->data->n;
  g_autofree Ranked *ranked = NULL;
  Placed placed;
  guint n_ranked = 0;

  /* Names only where nodes are far enough apart for a line of text. */
  if (n == 0 || scene->layout.spacing * scene->transform.zoom < 0.9 * label_height (scene->style))
    return;
  ranked = g_new (Ranked, n);
  for (guint i = 0; i < n; i++)
    if (node_visible (scene, i, 0.0))
      ranked[n_ranked++] = (Ranked) { i, scene->degree[i] };
  qsort (ranked, n_ranked, sizeof (Ranked), compare_ranked);
  placed_init (&placed);
  /* Large sets test many boxes: a name per node at most, a few hundred at the most. */
  placed_add_nodes (&placed, scene, NULL);
  for (guint k = 0; k < MIN (n_ranked, 600u); k++)
    place_name (cr, scene, &placed, ranked[k].neuron, FALSE, &scene->style->foreground);
  placed_clear (&placed);
}

static void
draw_static (cairo_t        *cr,
             const NetScene *scene)
{
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *a = &scene->layout.area;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, scene->width, scene->height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, scene->width, scene->height, style);
  glmcc_plot_figure_title (cr, scene->data, style, scene->width);
  draw_legend (cr, style, &scene->layout, scene->width);
  draw_guides (cr, scene);

  cairo_rectangle (cr, a->x, a->y, a->width, a->height);
  cairo_clip (cr);
  draw_edges (cr, scene, NULL, scene->graph->n_edges, scene->alpha, 0.0, scene->arrows);
  draw_truth (cr, scene);
  draw_nodes (cr, scene, NULL, 1.0, scene->radius);
  draw_names (cr, scene);
  cairo_restore (cr);
}

/* Drawing: the focus ----------------------------------------------------------------------- */

static void
draw_focus (cairo_t        *cr,
            const NetScene *scene,
            guint           focus)
{
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *a = &scene->layout.area;
  guint n = scene->data->n;
  g_autofree guint *indices = g_new (guint, MAX (scene->graph->n_edges, 1u));
  g_autofree gboolean *partner = g_new0 (gboolean, MAX (n, 1u));
  g_autofree Ranked *ranked = g_new (Ranked, MAX (n, 1u));
  guint n_indices = 0, n_out = 0, n_in = 0, n_ranked = 0;
  GlmccPlotColor veil = style->background;
  Placed placed;
  double fs = style->font_size;

  for (guint k = 0; k < scene->graph->n_edges; k++)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[k];

      if (e->pre != focus && e->post != focus)
        continue;
      indices[n_indices++] = k;
      partner[e->pre == focus ? e->post : e->pre] = TRUE;
      if (e->pre == focus)
        n_out++;
      else
        n_in++;
    }
  partner[focus] = TRUE;

  cairo_save (cr);
  cairo_rectangle (cr, a->x, a->y, a->width, a->height);
  cairo_clip (cr);
  /* Fade everything, then draw the neuron's connections and partners over it. */
  veil.alpha = 0.8;
  glmcc_plot_set_color (cr, &veil);
  cairo_paint (cr);
  draw_edges (cr, scene, indices, n_indices, 0.9, 0.3 * scene->style->line_width, TRUE);
  /* Partners stay visible even where nodes are dots. */
  draw_nodes (cr, scene, partner, 1.0, MAX (scene->radius, MIN (2.5, 0.85 * style->font_size)));

  /* The neuron in focus: an accent ring. */
  if (node_visible (scene, focus, scene->radius))
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, scene->centres[2 * focus], scene->centres[2 * focus + 1], scene->radius + 2.0, 0, 2 * G_PI);
      cairo_set_line_width (cr, MAX (1.5, 0.75 * style->line_width));
      glmcc_plot_set_color (cr, &style->accent);
      cairo_stroke (cr);
    }

  /* The summary in the area's top left corner, then names around it: the neuron first,
   * then its partners by the strength of their connection. */
  placed_init (&placed);
  {
    g_autofree char *name = glmcc_plot_neuron_name (scene->data, focus);
    g_autofree char *summary = g_strdup_printf (glmcc_ngettext ("%s: %u outgoing, %u incoming connection",
                                                                "%s: %u outgoing, %u incoming connections",
                                                                n_in),
                                                name, n_out, n_in);
    double tw, th;
    GlmccPlotRect box;

    glmcc_plot_text_size (cr, style, summary, 0.9, FALSE, &tw, &th);
    box = (GlmccPlotRect) { a->x, a->y, tw + 0.6 * fs, th + 0.4 * fs };
    glmcc_plot_text_halo (cr, style, &style->foreground, summary, a->x + 0.3 * fs, a->y + 0.2 * fs,
                          0.0, 0.0, 0.9);
    g_array_append_val (placed.boxes, box);
  }
  placed_add_nodes (&placed, scene, partner);
  for (guint k = n_indices; k-- > 0;)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[indices[k]];
      guint other = e->pre == focus ? e->post : e->pre;

      ranked[n_ranked++] = (Ranked) { other, fabs (e->psp_mv) };
    }
  place_name (cr, scene, &placed, focus, TRUE, &style->foreground);
  for (guint k = 0; k < n_ranked; k++)
    place_name (cr, scene, &placed, ranked[k].neuron, TRUE, &style->foreground);
  placed_clear (&placed);
  cairo_restore (cr);
}

/* Drawing: highlights ---------------------------------------------------------------------- */

static void
draw_one_edge (cairo_t              *cr,
               const NetScene       *scene,
               guint                 pre,
               guint                 post,
               double                psp,
               const GlmccPlotColor *color)
{
  double g[6], s[6], w = edge_width (scene, psp) + 0.75 * scene->style->line_width;
  double head = arrow_size (w);

  edge_geometry (scene->centres, scene->radius, pre, post, g);
  shaft_geometry (g, head, s);
  path_quad (cr, s);
  cairo_set_line_width (cr, w);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  glmcc_plot_set_color (cr, color);
  cairo_stroke (cr);
  glmcc_plot_arrow_head (cr, g[4], g[5], atan2 (g[5] - g[3], g[4] - g[2]), head);
  cairo_fill (cr);
}

static double
psp_of (const NetScene *scene,
        guint           pre,
        guint           post)
{
  const GlmccPlotEdge *e = glmcc_plot_graph_find (scene->graph, pre, post);

  if (e != NULL)
    return e->psp_mv;
  if (scene->data->psp_mv != NULL)
    return scene->data->psp_mv[(gsize) pre * scene->data->n + post];
  return 0.0;
}

/* Hover and selection over the static layer, whose content a gesture in progress has scaled
 * by @scale and moved by (dx, dy). */
static void
draw_highlights (cairo_t             *cr,
                 const NetScene      *scene,
                 const GlmccPlotView *view,
                 double               scale,
                 double               dx,
                 double               dy)
{
  const GlmccNetworkPlot *data = scene->data;
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *a = &scene->layout.area;
  guint n = data->n;

  cairo_save (cr);
  cairo_rectangle (cr, a->x, a->y, a->width, a->height);
  cairo_clip (cr);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  if (data->highlight_pre >= 0 && data->highlight_post >= 0 && (guint) data->highlight_pre < n
      && (guint) data->highlight_post < n && data->highlight_pre != data->highlight_post)
    draw_one_edge (cr, scene, data->highlight_pre, data->highlight_post,
                   psp_of (scene, data->highlight_pre, data->highlight_post), &style->accent);
  if (view != NULL && view->hover_pre >= 0 && view->hover_post >= 0 && (guint) view->hover_pre < n
      && (guint) view->hover_post < n && view->hover_pre != view->hover_post)
    {
      GlmccPlotColor hover;

      glmcc_plot_color_mix (&style->accent, &style->foreground, 0.25, &hover);
      draw_one_edge (cr, scene, view->hover_pre, view->hover_post,
                     psp_of (scene, view->hover_pre, view->hover_post), &hover);
    }
  if (view != NULL && view->hover_node >= 0 && (guint) view->hover_node < n)
    {
      guint i = (guint) view->hover_node;
      double x = scene->centres[2 * i], y = scene->centres[2 * i + 1];
      g_autofree char *name = glmcc_plot_neuron_name (data, i);

      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, scene->radius + 2.5, 0, 2 * G_PI);
      cairo_set_line_width (cr, MAX (1.5, 0.75 * style->line_width));
      glmcc_plot_set_color (cr, &style->accent);
      cairo_stroke (cr);
      /* The name above the node, kept inside the area (in the scene's frame). */
      {
        double tw, th, tx, ty;
        /* The area in the scene's frame (screen = scale · scene + d). */
        double left = (a->x - dx) / scale, right = (a->x + a->width - dx) / scale, top = (a->y - dy) / scale;

        glmcc_plot_text_size (cr, style, name, 0.9, TRUE, &tw, &th);
        tx = right - left > tw ? CLAMP (x, left + tw / 2.0, right - tw / 2.0) : x;
        ty = y - scene->radius - 3.0 - th;
        if (ty < top)
          ty = y + scene->radius + 3.0;
        glmcc_plot_text_halo (cr, style, &style->foreground, name, tx, ty, 0.5, 0.0, 0.9);
      }
    }
  cairo_restore (cr);
}

/* The public drawing function -------------------------------------------------------------- */

static NetScene *
cache_scene (GlmccPlotCache         *cache,
             double                  width,
             double                  height,
             const GlmccNetworkPlot *data,
             const GlmccPlotStyle   *style,
             gboolean                data_changed)
{
  NetScene *scene = cache->scene;
  GlmccPlotGraph *graph = NULL;

  if (scene != NULL && !data_changed)
    {
      graph = g_steal_pointer (&scene->graph);
      scene_clear (scene);
    }
  else
    {
      if (cache->scene != NULL && cache->scene_free != NULL)
        cache->scene_free (cache->scene);
      scene = g_new0 (NetScene, 1);
      cache->scene = scene;
      cache->scene_free = scene_free;
    }
  /* The scene keeps pointers to the caller's data and to the cache's copy of the style. */
  scene_init (scene, width, height, data, style, &cache->key.transform, graph);
  cache->graph_valid = TRUE;
  return scene;
}

/* The static layer, and the focus over it, brought up to date; TRUE if either was redrawn. */
static gboolean
update_cache (GlmccPlotCache         *cache,
              double                  scale,
              double                  width,
              double                  height,
              const GlmccNetworkPlot *data,
              const GlmccPlotStyle   *style,
              const GlmccPlotView    *view)
{
  int focus = view != NULL && view->focus >= 0 && (guint) view->focus < data->n ? view->focus : -1;
  guint64 serial = cache->serial;
  gboolean data_changed;
  NetScene *scene;

  if (glmcc_plot_cache_prepare (cache, GLMCC_PLOT_CACHE_NETWORK, width, height, scale, data, style,
                                view, &data_changed))
    {
      cairo_t *layer;

      scene = cache_scene (cache, width, height, data, &cache->key.style, data_changed);
      layer = glmcc_plot_cache_begin (cache);
      draw_static (layer, scene);
      glmcc_plot_cache_end (cache, layer);
    }
  scene = cache->scene;
  /* The caller's data may be a new struct with the same contents: follow it. */
  scene->data = data;
  cache->content = scene->layout.area;
  cache->max_zoom = MAX_ZOOM;
  if (!cache->surface_valid || cache->surface_focus != focus)
    {
      if (focus >= 0)
        {
          cairo_t *layer = glmcc_plot_cache_begin_surface (cache);

          draw_focus (layer, scene, (guint) focus);
          glmcc_plot_cache_end_surface (cache, layer, focus);
        }
      else
        glmcc_plot_cache_end_surface (cache, NULL, -1);
    }
  return cache->serial != serial;
}

gboolean
glmcc_plot_network_update_cache (GlmccPlotCache         *cache,
                                 double                  width,
                                 double                  height,
                                 const GlmccNetworkPlot *data,
                                 const GlmccPlotStyle   *style,
                                 const GlmccPlotView    *view)
{
  GlmccPlotStyle storage;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  style = glmcc_plot_style_or_default (style, &storage);
  return update_cache (cache, cache->scale > 0.0 ? cache->scale : 1.0, width, height, data, style, view);
}

void
glmcc_plot_network_draw_highlights (cairo_t                *cr,
                                    GlmccPlotCache         *cache,
                                    const GlmccNetworkPlot *data,
                                    const GlmccPlotView    *view)
{
  NetScene *scene;
  double map_scale, dx, dy;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cache != NULL);
  g_return_if_fail (data != NULL);

  if (!cache->valid || cache->key.kind != GLMCC_PLOT_CACHE_NETWORK || cache->scene == NULL)
    return;
  scene = cache->scene;
  scene->data = data;
  glmcc_plot_cache_gesture_map (cache, view, &map_scale, &dx, &dy);
  draw_highlights (cr, scene, view, map_scale, dx, dy);
}

void
glmcc_plot_network_draw (cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const GlmccNetworkPlot *data,
                         const GlmccPlotStyle   *style,
                         const GlmccPlotView    *view,
                         GlmccPlotCache         *cache)
{
  GlmccPlotStyle storage;
  int focus;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  focus = view != NULL && view->focus >= 0 && (guint) view->focus < data->n ? view->focus : -1;

  if (cache == NULL)
    {
      NetScene scene;

      scene_init (&scene, width, height, data, style, view != NULL ? &view->transform : NULL, NULL);
      draw_static (cr, &scene);
      if (focus >= 0)
        draw_focus (cr, &scene, (guint) focus);
      draw_highlights (cr, &scene, view, 1.0, 0.0, 0.0);
      scene_clear (&scene);
      return;
    }

  update_cache (cache, glmcc_plot_cache_effective_scale (cache, cr), width, height, data, style, view);
  glmcc_plot_cache_paint (cache, cr, &((NetScene *) cache->scene)->layout.area, view);
  glmcc_plot_network_draw_highlights (cr, cache, data, view);
}

void
glmcc_plot_network (cairo_t                *cr,
                    double                  width,
                    double                  height,
                    const GlmccNetworkPlot *data,
                    const GlmccPlotStyle   *style)
{
  glmcc_plot_network_draw (cr, width, height, data, style, NULL, NULL);
}

/* Hit testing ------------------------------------------------------------------------------ */

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0.0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static GlmccNetworkHitKind
scene_pick (const NetScene *scene,
            int             focus,
            double          x,
            double          y,
            GlmccPlotHit   *hit)
{
  const GlmccPlotRect *a = &scene->layout.area;
  double best = G_MAXDOUBLE;
  GlmccNetworkHitKind kind = GLMCC_NETWORK_HIT_NONE;
  const GlmccPlotEdge *best_edge = NULL;

  if (x < a->x || y < a->y || x > a->x + a->width || y > a->y + a->height)
    return GLMCC_NETWORK_HIT_NONE;
  for (guint i = 0; i < scene->data->n; i++)
    {
      double d = hypot (x - scene->centres[2 * i], y - scene->centres[2 * i + 1]);

      if (d <= scene->radius + 2.0 && d < best)
        {
          best = d;
          kind = GLMCC_NETWORK_HIT_NODE;
          hit->pre = hit->post = i;
        }
    }
  if (kind == GLMCC_NETWORK_HIT_NODE)
    return kind;

  /* The curves, once per scene: a hover then only tests the few near the pointer. */
  if (scene->geometry == NULL)
    {
      NetScene *mutable_scene = (NetScene *) scene;

      mutable_scene->geometry = g_new (double, 6 * (gsize) MAX (scene->graph->n_edges, 1u));
      for (guint k = 0; k < scene->graph->n_edges; k++)
        edge_geometry (scene->centres, scene->radius, scene->graph->edges[k].pre, scene->graph->edges[k].post,
                       mutable_scene->geometry + 6 * (gsize) k);
    }

  /* The strongest connection is drawn last, on top: search from there. */
  for (guint k = scene->graph->n_edges; k-- > 0;)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[k];
      const double *g = scene->geometry + 6 * (gsize) k;
      double tolerance = MAX (3.0, edge_width (scene, e->psp_mv) / 2.0 + 2.0);
      double px, py, cx, cy, chord, side, bow;

      /* With a neuron in focus the rest is faded context: only its connections answer. */
      if (focus >= 0 && e->pre != (guint) focus && e->post != (guint) focus)
        continue;
      if (x < MIN (g[0], MIN (g[2], g[4])) - tolerance || x > MAX (g[0], MAX (g[2], g[4])) + tolerance
          || y < MIN (g[1], MIN (g[3], g[5])) - tolerance || y > MAX (g[1], MAX (g[3], g[5])) + tolerance)
        continue;
      /* The curve lies between its chord and half way to its control point: a point further
       * from the chord, on either side, is not on it. */
      cx = g[4] - g[0];
      cy = g[5] - g[1];
      chord = hypot (cx, cy);
      if (chord > 1e-9)
        {
          side = ((x - g[0]) * cy - (y - g[1]) * cx) / chord;
          bow = ((g[2] - g[0]) * cy - (g[3] - g[1]) * cx) / chord / 2.0;
          if (side < MIN (0.0, bow) - tolerance || side > MAX (0.0, bow) + tolerance)
            continue;
        }
      px = g[0];
      py = g[1];
      for (int s = 1; s <= 16; s++)
        {
          double t = s / 16.0, u = 1.0 - t;
          double qx = u * u * g[0] + 2 * u * t * g[2] + t * t * g[4];
          double qy = u * u * g[1] + 2 * u * t * g[3] + t * t * g[5];
          double d = segment_distance (x, y, px, py, qx, qy);

          if (d <= tolerance && d < best)
            {
              best = d;
              best_edge = e;
            }
          px = qx;
          py = qy;
        }
    }
  if (best_edge == NULL)
    return GLMCC_NETWORK_HIT_NONE;
  hit->pre = best_edge->pre;
  hit->post = best_edge->post;
  hit->has_edge = TRUE;
  hit->edge = *best_edge;
  return GLMCC_NETWORK_HIT_EDGE;
}

GlmccNetworkHitKind
glmcc_plot_network_pick (double                  width,
                         double                  height,
                         const GlmccNetworkPlot *data,
                         const GlmccPlotStyle   *style,
                         const GlmccPlotView    *view,
                         GlmccPlotCache         *cache,
                         double                  x,
                         double                  y,
                         GlmccPlotHit           *hit)
{
  GlmccPlotStyle storage;
  GlmccPlotHit scratch;
  GlmccPlotTransform transform = { 1.0, 0.0, 0.0 };
  int focus = -1;

  g_return_val_if_fail (data != NULL, GLMCC_NETWORK_HIT_NONE);

  if (hit == NULL)
    hit = &scratch;
  memset (hit, 0, sizeof *hit);
  hit->edge.p_value = hit->edge.statistic = hit->edge.delay_ms = hit->edge.j = NAN;
  if (data->n == 0)
    return GLMCC_NETWORK_HIT_NONE;
  style = glmcc_plot_style_or_default (style, &storage);
  if (view != NULL)
    transform = view->transform;
  if (view != NULL && view->focus >= 0 && (guint) view->focus < data->n)
    focus = view->focus;

  /* The cached scene serves while only the pan differs: shift the point instead. */
  if (cache != NULL && cache->valid && cache->scene != NULL && cache->key.kind == GLMCC_PLOT_CACHE_NETWORK
      && cache->key.data == data && cache->key.width == width && cache->key.height == height
      && cache->key.transform.zoom == transform.zoom)
    {
      NetScene *scene = cache->scene;
      double dx = transform.pan_x - cache->key.transform.pan_x;
      double dy = transform.pan_y - cache->key.transform.pan_y;

      scene->data = data;

      /* The area stays put while its content moves. */
      if (x < scene->layout.area.x || y < scene->layout.area.y
          || x > scene->layout.area.x + scene->layout.area.width
          || y > scene->layout.area.y + scene->layout.area.height)
        return GLMCC_NETWORK_HIT_NONE;
      {
        GlmccPlotRect saved = scene->layout.area;
        GlmccNetworkHitKind kind;

        /* Test in the scene's frame, where the area is shifted back by the pan. */
        scene->layout.area.x -= dx;
        scene->layout.area.y -= dy;
        kind = scene_pick (scene, focus, x - dx, y - dy, hit);
        scene->layout.area = saved;
        hit->kind = kind;
        return kind;
      }
    }

  {
    NetScene scene;
    GlmccNetworkHitKind kind;

    scene_init (&scene, width, height, data, style, &transform, NULL);
    kind = scene_pick (&scene, focus, x, y, hit);
    scene_clear (&scene);
    hit->kind = kind;
    return kind;
  }
}

GlmccNetworkHitKind
glmcc_plot_network_hit_test (double                  width,
                             double                  height,
                             const GlmccNetworkPlot *data,
                             const GlmccPlotStyle   *style,
                             double                  x,
                             double                  y,
                             guint                  *pre,
                             guint                  *post)
{
  GlmccPlotHit hit;
  GlmccNetworkHitKind kind = glmcc_plot_network_pick (width, height, data, style, NULL, NULL, x, y, &hit);

  if (kind != GLMCC_NETWORK_HIT_NONE && pre != NULL)
    *pre = hit.pre;
  if (kind == GLMCC_NETWORK_HIT_EDGE && post != NULL)
    *post = hit.post;
  return kind;
}
