/* glmcc-graph-view.c: matrix and network figures of src/plot, with focus, hover, pan and zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 1,000 neurons and tens of thousands of connections a network takes the renderer half a
 * second, so the view never draws it on the main thread. The plot layer's cache (a
 * GlmccPlotCache) keeps the static layer as an image; a worker thread brings a cache up to
 * date and the widget shows that image as a texture, with the hover and the selected pair
 * drawn over it on the main thread (glmcc_plot_*_draw_highlights), which takes a
 * millisecond. Two frames take turns: the front one is on screen and answers hit tests and
 * highlights, the other is redrawn by the worker and becomes the front when it is done, so
 * the main thread never touches a cache the worker uses. During a pan or zoom gesture the
 * front image is moved and scaled (glmcc_plot_cache_get_content) and redrawn once the gesture
 * settles. Each frame holds a GlmccFigure: the session's immutable snapshot of the data and
 * the view's own arrays (layout, order, mask), all by reference, so nothing is copied for a
 * picture. Layouts and orderings are computed on the same worker thread, at its lower
 * priority; a force-directed layout can be cancelled by the next request.
 */
#define G_LOG_DOMAIN "glmcc-graph-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glmcc-analysis.h"
#include "glmcc-enums.h"
#include "glmcc-format.h"
#include "glmcc-graph-view.h"
#include "glmcc-pair-item.h"

/* A key or wheel step zooms by this factor; an arrow key pans by this share of the area. */
#define ZOOM_STEP 1.5
#define WHEEL_ZOOM 1.2
#define PAN_STEP 0.15
/* A scroll or key gesture ends (and the layer is redrawn) after this much quiet. */
#define SETTLE_MS 250
/* A press that moves less than this is a click, not a drag. */
#define DRAG_THRESHOLD 6.0

/* One picture: the figure it shows, the cache that drew it and the texture made of it. */
typedef struct
{
  GlmccFigure      *figure;
  GlmccNetworkPlot  data;       /* the figure's data at a stable address: the cache's key */
  GlmccPlotCache   *cache;
  GdkTexture       *texture;
  guint64           texture_serial;
  int               width;
  int               height;
  int               scale;
  GlmccPlotView     view;       /* the transform and focus it was drawn at */
  guint64           serial;     /* the view's serial it shows */
} Frame;

struct _GlmccGraphView
{
  GtkWidget           parent_instance;

  GlmccGraphKind      kind;
  GlmccGraphData     *graph;
  int                 highlight_pre;
  int                 highlight_post;

  /* Settings */
  GlmccPlotLayoutKind layout;
  guint               seed;
  GlmccPlotOrder      order;
  double              clip;
  GlmccPlotFilter     filter;      /* mask unset: see below */
  gboolean            hide_rejected;
  gboolean            follow_table;
  GBytes             *table_mask;

  /* Derived arrays, replaced (never changed in place) when their inputs change */
  GBytes             *positions;
  GlmccPlotGuides     guides;
  gboolean            has_guides;
  GBytes             *order_bytes;
  GBytes             *blocks_bytes;
  GBytes             *mask;
  GCancellable       *layout_cancellable;
  guint64             layout_request;
  guint64             order_request;
  guint               n_busy;

  /* The view */
  GlmccPlotView       view;
  guint64             serial;      /* every change of what the static layer shows */
  GlmccFigure        *current;     /* the figure of the current state, made when asked */
  guint64             current_serial;
  Frame              *front;       /* on screen */
  Frame              *spare;       /* the other, when the worker does not have it */
  gboolean            rendering;
  guint               n_renders;
  guint               settle_id;
  GlmccPlotTransform  drag_start;
  gboolean            dragging;
  gboolean            dragged;
  GlmccPlotTransform  zoom_start;
  gboolean            zooming;
  gboolean            pointer_inside;
  double              pointer_x;
  double              pointer_y;
  char               *readout;
  GtkWidget          *menu;
};

G_DEFINE_FINAL_TYPE (GlmccGraphView, glmcc_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_READOUT,
  PROP_FOCUS,
  PROP_LAYOUT,
  PROP_SEED,
  PROP_ORDER,
  PROP_CLIP,
  PROP_BUSY,
  PROP_ZOOM,
  PROP_HAS_POSITIONS,
  N_PROPS
};

enum {
  PAIR_ACTIVATED,
  PAIR_SELECTED,
  NEURON_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The worker --------------------------------------------------------------------------------- */

/* One thread does the views' heavy work (pictures, layouts, orderings) at a lower priority
 * than the interface: figures never compete with each other, nor with the window. */
typedef struct _Job Job;
struct _Job
{
  GWeakRef  view;
  void    (*run)  (Job *job);
  void    (*done) (Job *job, GlmccGraphView *view);   /* on the main thread; view may be NULL */
  void    (*free) (Job *job);
};

static GThreadPool *worker_pool;

static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;
  g_autoptr(GlmccGraphView) view = g_weak_ref_get (&job->view);

  job->done (job, view);
  return G_SOURCE_REMOVE;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_weak_ref_clear (&job->view);
  job->free (job);
}

static void
worker_func (gpointer data,
             gpointer pool_data)
{
  Job *job = data;

  /* A figure can wait; the interface cannot. */
  glmcc_thread_enter_background ();
  job->run (job);
  g_idle_add_full (G_PRIORITY_DEFAULT, job_done_cb, job, job_free);
}

static void
job_push (GlmccGraphView *self,
          Job            *job)
{
  g_weak_ref_init (&job->view, self);
  if (worker_pool == NULL)
    worker_pool = g_thread_pool_new (worker_func, NULL, 1, FALSE, NULL);
  g_thread_pool_push (worker_pool, job, NULL);
}

/* Small helpers ------------------------------------------------------------------------------- */

static void
get_style (GlmccPlotStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    glmcc_plot_style_init_dark (style);
  else
    glmcc_plot_style_init_light (style);
  style->fill_background = FALSE;
}

static const char *
name_of (GlmccGraphView *self,
         guint           i)
{
  return self->graph != NULL && i < self->graph->n ? self->graph->names[i] : "?";
}

static void
set_readout (GlmccGraphView *self,
             const char     *text)
{
  if (g_strcmp0 (self->readout, text) == 0)
    return;
  g_free (self->readout);
  self->readout = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

static gboolean
same_transform (const GlmccPlotTransform *a,
                const GlmccPlotTransform *b)
{
  return a->zoom == b->zoom && a->pan_x == b->pan_x && a->pan_y == b->pan_y;
}

static void
set_busy (GlmccGraphView *self,
          gboolean        busy)
{
  gboolean was = self->n_busy > 0;

  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;
  if (was != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What the static layer shows changed: a new picture is needed. */
static void
invalidate (GlmccGraphView *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Frames ---------------------------------------------------------------------------------------- */

static Frame *
frame_new (void)
{
  Frame *frame = g_new0 (Frame, 1);

  frame->cache = glmcc_plot_cache_new ();
  return frame;
}

static void
frame_free (Frame *frame)
{
  if (frame == NULL)
    return;
  g_clear_pointer (&frame->figure, glmcc_figure_unref);
  g_clear_pointer (&frame->cache, glmcc_plot_cache_free);
  g_clear_object (&frame->texture);
  g_free (frame);
}

/* The figure of the current state: the session's snapshot and the view's arrays, by
 * reference. Made again only when something changed. */
static GlmccFigure *
current_figure (GlmccGraphView *self)
{
  GlmccNetworkPlot plot;

  if (self->graph == NULL)
    return NULL;
  if (self->current != NULL && self->current_serial == self->serial)
    return self->current;
  plot = self->graph->plot;
  plot.filter = self->filter;
  plot.clip_percentile = self->clip;
  plot.highlight_pre = self->highlight_pre;
  plot.highlight_post = self->highlight_post;
  g_clear_pointer (&self->current, glmcc_figure_unref);
  self->current = glmcc_figure_new_graph (self->kind == GLMCC_GRAPH_MATRIX ? GLMCC_PLOT_FIGURE_MATRIX
                                                                           : GLMCC_PLOT_FIGURE_NETWORK,
                                          self->graph, &plot,
                                          self->kind == GLMCC_GRAPH_NETWORK ? self->positions : NULL,
                                          self->kind == GLMCC_GRAPH_NETWORK && self->has_guides
                                          ? &self->guides : NULL,
                                          self->kind == GLMCC_GRAPH_MATRIX ? self->order_bytes : NULL,
                                          self->kind == GLMCC_GRAPH_MATRIX ? self->blocks_bytes : NULL,
                                          self->mask, &self->view);
  self->current_serial = self->serial;
  return self->current;
}

typedef struct
{
  Job             job;
  Frame          *frame;
  GlmccGraphKind  kind;
  GlmccPlotStyle  style;
} RenderJob;

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  /* A copy: the cache draws into the same surface next time. Cairo's ARGB32 is
   * GDK_MEMORY_DEFAULT (premultiplied, in the machine's byte order). */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
render_run (Job *job)
{
  RenderJob *render = (RenderJob *) job;
  Frame *frame = render->frame;
  cairo_surface_t *surface;

  glmcc_plot_cache_set_scale (frame->cache, frame->scale);
  if (render->kind == GLMCC_GRAPH_MATRIX)
    glmcc_plot_matrix_update_cache (frame->cache, frame->width, frame->height, &frame->data,
                                    &render->style, &frame->view);
  else
    glmcc_plot_network_update_cache (frame->cache, frame->width, frame->height, &frame->data,
                                     &render->style, &frame->view);
  surface = glmcc_plot_cache_get_surface (frame->cache);
  if (surface != NULL && (frame->texture == NULL ||
                          frame->texture_serial != glmcc_plot_cache_get_serial (frame->cache)))
    {
      g_clear_object (&frame->texture);
      frame->texture = texture_from_surface (surface);
      frame->texture_serial = glmcc_plot_cache_get_serial (frame->cache);
    }
}

static void request_pick (GlmccGraphView *self);

static void
render_done (Job            *job,
             GlmccGraphView *self)
{
  RenderJob *render = (RenderJob *) job;
  Frame *frame = g_steal_pointer (&render->frame);

  if (self == NULL)
    {
      frame_free (frame);
      return;
    }
  self->rendering = FALSE;
  self->n_renders++;
  if (self->spare != NULL)
    frame_free (self->spare);
  self->spare = self->front;
  self->front = frame;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* The readout follows the new picture under a pointer that did not move. */
  request_pick (self);
}

static void
render_free (Job *job)
{
  RenderJob *render = (RenderJob *) job;

  frame_free (render->frame);
  g_free (render);
}

/* TRUE when the front picture shows what the view would draw now (during a gesture, any
 * transform will do: the picture is moved and scaled until it ends). */
static gboolean
front_is_current (GlmccGraphView *self,
                  int             width,
                  int             height,
                  int             scale)
{
  Frame *f = self->front;

  return f != NULL && f->serial == self->serial && f->width == width && f->height == height &&
         f->scale == scale &&
         (self->view.panning || same_transform (&f->view.transform, &self->view.transform)) &&
         (self->kind == GLMCC_GRAPH_MATRIX || f->view.focus == self->view.focus);
}

static void
request_render (GlmccGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  RenderJob *job;
  Frame *frame;
  GlmccFigure *figure;

  if (self->rendering || self->graph == NULL || width <= 0 || height <= 0 ||
      front_is_current (self, width, height, scale))
    return;
  figure = current_figure (self);
  frame = self->spare != NULL ? g_steal_pointer (&self->spare) : frame_new ();
  g_clear_pointer (&frame->figure, glmcc_figure_unref);
  frame->figure = glmcc_figure_ref (figure);
  frame->data = *glmcc_figure_get_plot (figure);
  frame->width = width;
  frame->height = height;
  frame->scale = scale;
  frame->view = self->view;
  frame->view.panning = FALSE;
  frame->view.hover_node = frame->view.hover_pre = frame->view.hover_post = -1;
  frame->serial = self->serial;

  job = g_new0 (RenderJob, 1);
  job->job.run = render_run;
  job->job.done = render_done;
  job->job.free = render_free;
  job->frame = frame;
  job->kind = self->kind;
  get_style (&job->style);
  self->rendering = TRUE;
  job_push (self, &job->job);
}

/* Layouts and orderings -------------------------------------------------------------------------- */

typedef struct
{
  Job                  job;
  guint64              request;
  GlmccPlotLayoutKind  kind;
  guint64              seed;
  GlmccFigure         *figure;   /* the data and filter it is computed from */
  GCancellable        *cancellable;
  double              *positions;
  GlmccPlotGuides      guides;
  gboolean             has_guides;
  gboolean             ok;
} LayoutJob;

static void
layout_run (Job *job)
{
  LayoutJob *layout = (LayoutJob *) job;
  const GlmccNetworkPlot *data = glmcc_figure_get_plot (layout->figure);

  layout->positions = g_new (double, 2 * (gsize) MAX (data->n, 1u));
  switch (layout->kind)
    {
    case GLMCC_PLOT_LAYOUT_FORCE:
      layout->ok = glmcc_plot_layout_force (data, layout->seed, layout->cancellable, layout->positions);
      break;
    case GLMCC_PLOT_LAYOUT_POSITION:
      layout->ok = glmcc_plot_layout_position (data, layout->positions, &layout->guides);
      layout->has_guides = layout->ok;
      if (layout->ok)
        break;
      G_GNUC_FALLTHROUGH;
    case GLMCC_PLOT_LAYOUT_CIRCLE:
    case GLMCC_PLOT_LAYOUT_AUTO:
    default:
      glmcc_plot_layout_circle (data, layout->positions);
      layout->ok = TRUE;
      break;
    }
}

static void
layout_done (Job            *job,
             GlmccGraphView *self)
{
  LayoutJob *layout = (LayoutJob *) job;

  if (self == NULL)
    return;
  set_busy (self, FALSE);
  /* A newer request replaces this one. */
  if (layout->request != self->layout_request || !layout->ok || self->graph == NULL ||
      glmcc_figure_get_plot (layout->figure)->n != self->graph->n)
    return;
  g_clear_pointer (&self->positions, g_bytes_unref);
  self->positions = g_bytes_new_take (g_steal_pointer (&layout->positions),
                                      2 * sizeof (double) * MAX (self->graph->n, 1u));
  self->guides = layout->guides;
  self->has_guides = layout->has_guides;
  invalidate (self);
}

static void
layout_free (Job *job)
{
  LayoutJob *layout = (LayoutJob *) job;

  g_clear_pointer (&layout->figure, glmcc_figure_unref);
  g_clear_object (&layout->cancellable);
  g_free (layout->positions);
  g_free (layout);
}

/* The layout chosen, with AUTO resolved: by position when the recording has positions. */
static GlmccPlotLayoutKind
effective_layout (GlmccGraphView *self)
{
  if (self->layout != GLMCC_PLOT_LAYOUT_AUTO)
    return self->layout;
  return self->graph != NULL && glmcc_graph_data_has_positions (self->graph)
         ? GLMCC_PLOT_LAYOUT_POSITION : GLMCC_PLOT_LAYOUT_CIRCLE;
}

static void
update_layout (GlmccGraphView *self)
{
  LayoutJob *job;

  if (self->kind != GLMCC_GRAPH_NETWORK || self->graph == NULL)
    return;
  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  self->layout_cancellable = g_cancellable_new ();
  /* Positions of other neurons mean nothing: a circle by index until the new ones come. */
  if (self->positions != NULL &&
      g_bytes_get_size (self->positions) != 2 * sizeof (double) * MAX (self->graph->n, 1u))
    {
      g_clear_pointer (&self->positions, g_bytes_unref);
      self->has_guides = FALSE;
      invalidate (self);
    }
  job = g_new0 (LayoutJob, 1);
  job->job.run = layout_run;
  job->job.done = layout_done;
  job->job.free = layout_free;
  job->request = ++self->layout_request;
  job->kind = effective_layout (self);
  job->seed = self->seed;
  job->figure = glmcc_figure_ref (current_figure (self));
  job->cancellable = g_object_ref (self->layout_cancellable);
  set_busy (self, TRUE);
  job_push (self, &job->job);
}

typedef struct
{
  Job             job;
  guint64         request;
  GlmccPlotOrder  kind;
  GlmccFigure    *figure;
  guint          *order;
  int            *blocks;
} OrderJob;

static void
order_run (Job *job)
{
  OrderJob *order = (OrderJob *) job;
  const GlmccNetworkPlot *data = glmcc_figure_get_plot (order->figure);

  order->order = g_new (guint, MAX (data->n, 1u));
  order->blocks = g_new (int, MAX (data->n, 1u));
  glmcc_plot_order_neurons (data, order->kind, order->order, order->blocks);
}

static void
order_done (Job            *job,
            GlmccGraphView *self)
{
  OrderJob *order = (OrderJob *) job;
  gsize n;

  if (self == NULL)
    return;
  set_busy (self, FALSE);
  if (order->request != self->order_request || self->graph == NULL ||
      glmcc_figure_get_plot (order->figure)->n != self->graph->n)
    return;
  n = MAX (self->graph->n, 1u);
  g_clear_pointer (&self->order_bytes, g_bytes_unref);
  g_clear_pointer (&self->blocks_bytes, g_bytes_unref);
  self->order_bytes = g_bytes_new_take (g_steal_pointer (&order->order), sizeof (guint) * n);
  self->blocks_bytes = g_bytes_new_take (g_steal_pointer (&order->blocks), sizeof (int) * n);
  invalidate (self);
}

static void
order_free (Job *job)
{
  OrderJob *order = (OrderJob *) job;

  g_clear_pointer (&order->figure, glmcc_figure_unref);
  g_free (order->order);
  g_free (order->blocks);
  g_free (order);
}

static void
update_order (GlmccGraphView *self)
{
  OrderJob *job;

  if (self->kind != GLMCC_GRAPH_MATRIX || self->graph == NULL)
    return;
  self->order_request++;
  if (self->order == GLMCC_PLOT_ORDER_INDEX)
    {
      g_clear_pointer (&self->order_bytes, g_bytes_unref);
      g_clear_pointer (&self->blocks_bytes, g_bytes_unref);
      invalidate (self);
      return;
    }
  /* An order of other neurons is no order: the index until the new one comes. */
  if (self->order_bytes != NULL &&
      g_bytes_get_size (self->order_bytes) != sizeof (guint) * MAX (self->graph->n, 1u))
    {
      g_clear_pointer (&self->order_bytes, g_bytes_unref);
      g_clear_pointer (&self->blocks_bytes, g_bytes_unref);
      invalidate (self);
    }
  job = g_new0 (OrderJob, 1);
  job->job.run = order_run;
  job->job.done = order_done;
  job->job.free = order_free;
  job->request = self->order_request;
  job->kind = self->order;
  job->figure = glmcc_figure_ref (current_figure (self));
  set_busy (self, TRUE);
  job_push (self, &job->job);
}

/* The filter mask: the pairs the table lists, less the rejected connections if hidden. */
static void
update_mask (GlmccGraphView *self)
{
  guint n = self->graph != NULL ? self->graph->n : 0;
  gsize size = (gsize) n * n;
  gboolean table = self->follow_table && self->table_mask != NULL &&
                   g_bytes_get_size (self->table_mask) == size;
  gboolean rejected = FALSE;
  guint8 *mask;

  for (guint k = 0; self->hide_rejected && n > 0 && k < self->graph->n_marks; k++)
    rejected |= self->graph->marks[k].mark == GLMCC_PLOT_MARK_REJECTED;
  g_clear_pointer (&self->mask, g_bytes_unref);
  self->filter.mask = NULL;
  if (table || rejected)
    {
      mask = table ? g_memdup2 (g_bytes_get_data (self->table_mask, NULL), size) : g_malloc (size);
      if (!table)
        memset (mask, 1, size);
      for (guint k = 0; rejected && k < self->graph->n_marks; k++)
        if (self->graph->marks[k].mark == GLMCC_PLOT_MARK_REJECTED)
          mask[(gsize) self->graph->marks[k].pre * n + self->graph->marks[k].post] = 0;
      self->mask = g_bytes_new_take (mask, size);
    }
  invalidate (self);
}

/* Hover and readout ------------------------------------------------------------------------------- */

static char *
describe_edge (GlmccGraphView      *self,
               const GlmccPlotEdge *edge)
{
  g_autofree char *psp = glmcc_format_number (edge->psp_mv, 3);
  GString *text = g_string_new (NULL);
  GlmccMark mark;

  /* Translators: the readout of a connection: "cell3 → cell7 · excitatory · PSP 0.82 mV". */
  g_string_append_printf (text, _("%s → %s · %s · PSP %s mV"), name_of (self, edge->pre),
                          name_of (self, edge->post),
                          edge->psp_mv > 0 ? _("excitatory") : _("inhibitory"), psp);
  if (isfinite (edge->delay_ms))
    {
      g_autofree char *delay = glmcc_format_number (edge->delay_ms, 3);

      g_string_append_printf (text, _(" · delay %s ms"), delay);
    }
  if (isfinite (edge->p_value))
    g_string_append_printf (text, _(" · p %.2g"), edge->p_value);
  mark = (GlmccMark) glmcc_network_plot_get_mark (&self->graph->plot, edge->pre, edge->post);
  if (mark != GLMCC_MARK_NONE)
    g_string_append_printf (text, " · %s", glmcc_mark_describe (mark));
  return g_string_free (text, FALSE);
}

/* In and out degree of @neuron among the connections the filter lets through. */
static void
count_shown (GlmccGraphView *self,
             guint           neuron,
             guint          *n_out,
             guint          *n_in)
{
  const GlmccNetworkPlot *data = glmcc_figure_get_plot (current_figure (self));

  *n_out = *n_in = 0;
  for (guint k = 0; k < self->graph->n_edges; k++)
    {
      const GlmccPlotEdge *e = &self->graph->edges[k];

      if ((e->pre == neuron || e->post == neuron) &&
          glmcc_plot_filter_accepts (&data->filter, data->n, e))
        {
          if (e->pre == neuron)
            (*n_out)++;
          else
            (*n_in)++;
        }
    }
}

static char *
describe_hit (GlmccGraphView     *self,
              GlmccNetworkHitKind kind,
              const GlmccPlotHit *hit)
{
  const GlmccPlotEdge *edge;

  switch (kind)
    {
    case GLMCC_NETWORK_HIT_NODE:
      {
        guint n_out, n_in;

        count_shown (self, hit->pre, &n_out, &n_in);
        /* Translators: the readout of a neuron in the network: name, connections shown. */
        return g_strdup_printf (_("%s · %u outgoing, %u incoming — click to focus on it"),
                                name_of (self, hit->pre), n_out, n_in);
      }
    case GLMCC_NETWORK_HIT_EDGE:
      if (hit->pre == hit->post)
        return g_strdup (name_of (self, hit->pre));
      if (hit->has_edge)
        {
          g_autofree char *text = describe_edge (self, &hit->edge);

          return g_strdup_printf (_("%s — click to open the pair"), text);
        }
      if (isnan (hit->edge.psp_mv))
        return g_strdup_printf (_("%s → %s: not analysed yet"), name_of (self, hit->pre),
                                name_of (self, hit->post));
      edge = glmcc_graph_data_find_edge (self->graph, hit->pre, hit->post);
      if (edge != NULL)
        {
          g_autofree char *text = describe_edge (self, edge);

          return g_strdup_printf (_("%s · hidden by the filters"), text);
        }
      return g_strdup_printf (_("%s → %s: no significant connection"), name_of (self, hit->pre),
                              name_of (self, hit->post));
    case GLMCC_NETWORK_HIT_NONE:
    default:
      return NULL;
    }
}

/* What is under (x, y) in the picture on screen; NONE while none matches the view closely
 * enough (another size, or a zoom the worker has not drawn yet). */
static GlmccNetworkHitKind
pick (GlmccGraphView *self,
      double          x,
      double          y,
      GlmccPlotHit   *hit)
{
  Frame *f = self->front;
  GlmccPlotStyle style;

  memset (hit, 0, sizeof *hit);
  if (f == NULL || self->graph == NULL || f->width != gtk_widget_get_width (GTK_WIDGET (self)) ||
      f->height != gtk_widget_get_height (GTK_WIDGET (self)) ||
      glmcc_figure_get_plot (f->figure)->n != self->graph->n)
    return GLMCC_NETWORK_HIT_NONE;
  get_style (&style);
  if (self->kind == GLMCC_GRAPH_MATRIX)
    return glmcc_plot_matrix_pick (f->width, f->height, &f->data, &style, &self->view, f->cache, x, y,
                                   hit)
           ? GLMCC_NETWORK_HIT_EDGE : GLMCC_NETWORK_HIT_NONE;
  if (f->view.transform.zoom != self->view.transform.zoom)
    return GLMCC_NETWORK_HIT_NONE;
  return glmcc_plot_network_pick (f->width, f->height, &f->data, &style, &self->view, f->cache, x, y,
                                  hit);
}

static void
set_hover (GlmccGraphView *self,
           int             node,
           int             pre,
           int             post)
{
  if (self->view.hover_node == node && self->view.hover_pre == pre && self->view.hover_post == post)
    return;
  self->view.hover_node = node;
  self->view.hover_pre = pre;
  self->view.hover_post = post;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_hover (GlmccGraphView *self)
{
  GlmccPlotHit hit;
  GlmccNetworkHitKind kind = GLMCC_NETWORK_HIT_NONE;
  g_autofree char *text = NULL;

  if (self->pointer_inside && !self->view.panning && !self->dragged)
    kind = pick (self, self->pointer_x, self->pointer_y, &hit);
  switch (kind)
    {
    case GLMCC_NETWORK_HIT_NODE:
      set_hover (self, (int) hit.pre, -1, -1);
      break;
    case GLMCC_NETWORK_HIT_EDGE:
      set_hover (self, -1, (int) hit.pre, (int) hit.post);
      break;
    case GLMCC_NETWORK_HIT_NONE:
    default:
      set_hover (self, -1, -1, -1);
      break;
    }
  text = describe_hit (self, kind, &hit);
  set_readout (self, text != NULL ? text : "");
}

static void
request_pick (GlmccGraphView *self)
{
  if (self->pointer_inside)
    update_hover (self);
}

static void
motion_cb (GlmccGraphView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  update_hover (self);
}

static void
leave_cb (GlmccGraphView           *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  set_hover (self, -1, -1, -1);
  set_readout (self, "");
}

void
_glmcc_graph_view_hover (GlmccGraphView *self,
                         double          x,
                         double          y)
{
  motion_cb (self, x, y, NULL);
}

/* Pan and zoom ------------------------------------------------------------------------------------- */

static void
clamp_transform (GlmccGraphView     *self,
                 GlmccPlotTransform *transform)
{
  if (self->front != NULL && glmcc_plot_cache_clamp_transform (self->front->cache, transform))
    return;
  /* Nothing drawn yet: the whole figure. */
  transform->zoom = 1.0;
  transform->pan_x = transform->pan_y = 0.0;
}

static void
set_transform (GlmccGraphView           *self,
               const GlmccPlotTransform *transform)
{
  GlmccPlotTransform t = *transform;
  double old_zoom = self->view.transform.zoom;

  clamp_transform (self, &t);
  if (same_transform (&t, &self->view.transform))
    return;
  self->view.transform = t;
  if (t.zoom != old_zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer data)
{
  GlmccGraphView *self = data;

  self->settle_id = 0;
  if (!self->dragging && !self->zooming)
    {
      self->view.panning = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      request_pick (self);
    }
  return G_SOURCE_REMOVE;
}

/* A step of a gesture without an end of its own (wheel, keys): the picture follows at once,
 * and is redrawn once the steps stop. */
static void
gesture_step (GlmccGraphView *self)
{
  self->view.panning = TRUE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

/* The content area on screen (where zooming centres), or the widget. */
static void
content_area (GlmccGraphView *self,
              GlmccPlotRect  *area)
{
  double scale, dx, dy;

  if (self->front != NULL)
    {
      glmcc_plot_cache_get_content (self->front->cache, NULL, area, &scale, &dx, &dy);
      if (area->width > 0.0 && area->height > 0.0)
        return;
    }
  *area = (GlmccPlotRect) { 0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)) };
}

static void
zoom_at (GlmccGraphView *self,
         double          factor,
         double          x,
         double          y)
{
  GlmccPlotTransform t = self->view.transform;

  glmcc_plot_transform_zoom_at (&t, factor, x, y);
  gesture_step (self);
  set_transform (self, &t);
}

void
glmcc_graph_view_zoom (GlmccGraphView *self,
                       double          factor)
{
  GlmccPlotRect area;

  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  content_area (self, &area);
  zoom_at (self, factor, area.x + area.width / 2.0, area.y + area.height / 2.0);
}

void
glmcc_graph_view_pan (GlmccGraphView *self,
                      double          dx,
                      double          dy)
{
  GlmccPlotTransform t;

  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  t = self->view.transform;
  t.pan_x += dx;
  t.pan_y += dy;
  gesture_step (self);
  set_transform (self, &t);
}

void
glmcc_graph_view_reset_zoom (GlmccGraphView *self)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  set_transform (self, &(GlmccPlotTransform) { 1.0, 0.0, 0.0 });
}

const GlmccPlotTransform *
glmcc_graph_view_get_transform (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), NULL);
  return &self->view.transform;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (widget);

  if (g_str_equal (action_name, "graph.zoom-in"))
    glmcc_graph_view_zoom (self, ZOOM_STEP);
  else if (g_str_equal (action_name, "graph.zoom-out"))
    glmcc_graph_view_zoom (self, 1.0 / ZOOM_STEP);
  else
    glmcc_graph_view_reset_zoom (self);
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (widget);
  GlmccPlotRect area;
  double fx, fy;

  /* The arrow says where to look: the content moves the other way. */
  g_variant_get (parameter, "(dd)", &fx, &fy);
  content_area (self, &area);
  glmcc_graph_view_pan (self, -fx * PAN_STEP * area.width, -fy * PAN_STEP * area.height);
}

static void
clear_focus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  glmcc_graph_view_set_focus (GLMCC_GRAPH_VIEW (widget), -1);
}

static gboolean
scroll_cb (GlmccGraphView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->graph == NULL)
    return FALSE;
  /* A wheel zooms where the pointer is; a touchpad's two fingers pan, and zoom with Ctrl. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ||
      (state & GDK_CONTROL_MASK) != 0)
    zoom_at (self, pow (WHEEL_ZOOM, -dy), self->pointer_x, self->pointer_y);
  else
    glmcc_graph_view_pan (self, -dx, -dy);
  return TRUE;
}

static void
drag_begin_cb (GlmccGraphView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_start = self->view.transform;
  self->dragging = TRUE;
  self->dragged = FALSE;
  /* The keys go on where the mouse left off: after a drag, + − 0 and the arrows act here. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GlmccGraphView *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  GlmccPlotTransform t = self->drag_start;

  if (!self->dragged && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragged)
    {
      self->dragged = TRUE;
      set_hover (self, -1, -1, -1);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  self->view.panning = TRUE;
  t.pan_x += dx;
  t.pan_y += dy;
  set_transform (self, &t);
}

static void
drag_end_cb (GlmccGraphView *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  self->dragging = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (self->dragged && !self->zooming && self->settle_id == 0)
    {
      self->view.panning = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
zoom_begin_cb (GlmccGraphView *self,
               GdkEventSequence *sequence,
               GtkGesture     *gesture)
{
  self->zoom_start = self->view.transform;
  self->zooming = TRUE;
  self->view.panning = TRUE;
}

static void
zoom_scale_cb (GlmccGraphView *self,
               double          scale,
               GtkGestureZoom *gesture)
{
  GlmccPlotTransform t = self->zoom_start;
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  glmcc_plot_transform_zoom_at (&t, scale, x, y);
  set_transform (self, &t);
}

static void
zoom_end_cb (GlmccGraphView   *self,
             GdkEventSequence *sequence,
             GtkGesture       *gesture)
{
  self->zooming = FALSE;
  if (!self->dragging && self->settle_id == 0)
    {
      self->view.panning = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Clicks ------------------------------------------------------------------------------------------- */

static void
released_cb (GlmccGraphView  *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  GlmccPlotHit hit;

  /* The end of a pan is not a click. */
  if (self->dragged)
    {
      self->dragged = FALSE;
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  switch (pick (self, x, y, &hit))
    {
    case GLMCC_NETWORK_HIT_NODE:
      g_signal_emit (self, signals[NEURON_ACTIVATED], 0, hit.pre);
      break;
    case GLMCC_NETWORK_HIT_EDGE:
      if (hit.pre != hit.post)
        g_signal_emit (self, signals[PAIR_ACTIVATED], 0, hit.pre, hit.post);
      break;
    case GLMCC_NETWORK_HIT_NONE:
    default:
      break;
    }
}

static void
menu_pressed_cb (GlmccGraphView  *self,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkGestureClick *gesture)
{
  GlmccPlotHit hit;

  if (pick (self, x, y, &hit) != GLMCC_NETWORK_HIT_EDGE || hit.pre == hit.post)
    return;
  g_signal_emit (self, signals[PAIR_SELECTED], 0, hit.pre, hit.post);
  if (self->menu == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Drawing ------------------------------------------------------------------------------------------ */

static void
append_texture (GtkSnapshot *snapshot,
                Frame       *f)
{
  gtk_snapshot_append_texture (snapshot, f->texture, &GRAPHENE_RECT_INIT (0, 0, f->width, f->height));
}

static void
glmcc_graph_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Frame *f = self->front;
  GlmccPlotRect area;
  double scale, dx, dy;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->graph == NULL)
    return;
  /* Out of date: ask for a new picture, and show the last one meanwhile. */
  request_render (self);
  if (f == NULL || f->texture == NULL)
    return;

  glmcc_plot_cache_get_content (f->cache, &self->view, &area, &scale, &dx, &dy);
  if (scale == 1.0 && dx == 0.0 && dy == 0.0)
    append_texture (snapshot, f);
  else
    {
      /* The frame (title, legend, axes) stays; the content moves and scales with the
       * gesture, clipped to its area. */
      graphene_rect_t strips[4] = {
        GRAPHENE_RECT_INIT (0, 0, f->width, area.y),
        GRAPHENE_RECT_INIT (0, area.y + area.height, f->width, f->height - area.y - area.height),
        GRAPHENE_RECT_INIT (0, area.y, area.x, area.height),
        GRAPHENE_RECT_INIT (area.x + area.width, area.y, f->width - area.x - area.width, area.height),
      };

      for (guint k = 0; k < G_N_ELEMENTS (strips); k++)
        if (strips[k].size.width > 0 && strips[k].size.height > 0)
          {
            gtk_snapshot_push_clip (snapshot, &strips[k]);
            append_texture (snapshot, f);
            gtk_snapshot_pop (snapshot);
          }
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (area.x, area.y, area.width, area.height));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (dx, dy));
      gtk_snapshot_scale (snapshot, scale, scale);
      append_texture (snapshot, f);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_pop (snapshot);
    }

  /* Hover, focus (matrix) and the pair on display, over the picture. */
  f->data.highlight_pre = self->highlight_pre;
  f->data.highlight_post = self->highlight_post;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, MAX (width, f->width),
                                                                 MAX (height, f->height)));
  if (self->kind == GLMCC_GRAPH_MATRIX)
    glmcc_plot_matrix_draw_highlights (cr, f->cache, &f->data, &self->view);
  else
    glmcc_plot_network_draw_highlights (cr, f->cache, &f->data, &self->view);
  cairo_destroy (cr);
}

/* API ------------------------------------------------------------------------------------------------ */

GtkWidget *
glmcc_graph_view_new (GlmccGraphKind kind)
{
  return g_object_new (GLMCC_TYPE_GRAPH_VIEW, "kind", kind, NULL);
}

GlmccGraphKind
glmcc_graph_view_get_kind (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), GLMCC_GRAPH_MATRIX);
  return self->kind;
}

void
glmcc_graph_view_set_data (GlmccGraphView *self,
                           GlmccGraphData *data)
{
  gboolean other_neurons, had_positions;

  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (data == self->graph)
    return;
  other_neurons = data == NULL || self->graph == NULL || data->n != self->graph->n;
  had_positions = self->graph != NULL && glmcc_graph_data_has_positions (self->graph);
  if (data != NULL)
    glmcc_graph_data_ref (data);
  g_clear_pointer (&self->graph, glmcc_graph_data_unref);
  self->graph = data;
  if (had_positions != (data != NULL && glmcc_graph_data_has_positions (data)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_POSITIONS]);
  if (other_neurons)
    {
      /* Another recording: its own focus, view and readout. */
      self->view.focus = -1;
      self->view.hover_node = self->view.hover_pre = self->view.hover_post = -1;
      self->view.transform = (GlmccPlotTransform) { 1.0, 0.0, 0.0 };
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      set_readout (self, "");
    }
  if (data == NULL)
    {
      g_cancellable_cancel (self->layout_cancellable);
      g_clear_pointer (&self->positions, g_bytes_unref);
      g_clear_pointer (&self->order_bytes, g_bytes_unref);
      g_clear_pointer (&self->blocks_bytes, g_bytes_unref);
      g_clear_pointer (&self->mask, g_bytes_unref);
      g_clear_pointer (&self->current, glmcc_figure_unref);
      self->has_guides = FALSE;
      invalidate (self);
      return;
    }
  update_mask (self);
  update_layout (self);
  update_order (self);
  invalidate (self);
}

GlmccGraphData *
glmcc_graph_view_get_data (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), NULL);
  return self->graph;
}

void
glmcc_graph_view_set_highlight (GlmccGraphView *self,
                                int             pre,
                                int             post)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->highlight_pre == pre && self->highlight_post == post)
    return;
  self->highlight_pre = pre;
  self->highlight_post = post;
  /* Drawn over the picture: no new picture, but the figure to export changes. */
  g_clear_pointer (&self->current, glmcc_figure_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
glmcc_graph_view_set_focus (GlmccGraphView *self,
                            int             neuron)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->graph == NULL || neuron < 0 || (guint) neuron >= self->graph->n)
    neuron = -1;
  if (self->view.focus == neuron)
    return;
  self->view.focus = neuron;
  g_clear_pointer (&self->current, glmcc_figure_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS]);
}

int
glmcc_graph_view_get_focus (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), -1);
  return self->view.focus;
}

void
glmcc_graph_view_set_layout (GlmccGraphView      *self,
                             GlmccPlotLayoutKind  layout)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->layout == layout)
    return;
  self->layout = layout;
  update_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

GlmccPlotLayoutKind
glmcc_graph_view_get_layout (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), GLMCC_PLOT_LAYOUT_AUTO);
  return self->layout;
}

void
glmcc_graph_view_set_seed (GlmccGraphView *self,
                           guint           seed)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->seed == seed)
    return;
  self->seed = seed;
  if (effective_layout (self) == GLMCC_PLOT_LAYOUT_FORCE)
    update_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

guint
glmcc_graph_view_get_seed (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), 0);
  return self->seed;
}

void
glmcc_graph_view_set_order (GlmccGraphView *self,
                            GlmccPlotOrder  order)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->order == order)
    return;
  self->order = order;
  update_order (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

GlmccPlotOrder
glmcc_graph_view_get_order (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), GLMCC_PLOT_ORDER_INDEX);
  return self->order;
}

void
glmcc_graph_view_set_clip (GlmccGraphView *self,
                           double          percentile)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->clip == percentile)
    return;
  self->clip = percentile;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIP]);
}

double
glmcc_graph_view_get_clip (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), 0.0);
  return self->clip;
}

gboolean
glmcc_graph_view_get_busy (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), FALSE);
  return self->n_busy > 0;
}

void
glmcc_graph_view_set_filter (GlmccGraphView *self,
                             double          min_abs_psp_mv,
                             double          max_p_value,
                             gboolean        hide_excitatory,
                             gboolean        hide_inhibitory)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (!(min_abs_psp_mv > 0.0))
    min_abs_psp_mv = 0.0;
  if (!(max_p_value > 0.0))
    max_p_value = NAN;
  if (self->filter.min_abs_psp_mv == min_abs_psp_mv &&
      (self->filter.max_p_value == max_p_value || (isnan (self->filter.max_p_value) && isnan (max_p_value))) &&
      self->filter.hide_excitatory == !!hide_excitatory && self->filter.hide_inhibitory == !!hide_inhibitory)
    return;
  self->filter.min_abs_psp_mv = min_abs_psp_mv;
  self->filter.max_p_value = max_p_value;
  self->filter.hide_excitatory = !!hide_excitatory;
  self->filter.hide_inhibitory = !!hide_inhibitory;
  invalidate (self);
}

void
glmcc_graph_view_get_filter (GlmccGraphView *self,
                             double         *min_abs_psp_mv,
                             double         *max_p_value,
                             gboolean       *hide_excitatory,
                             gboolean       *hide_inhibitory)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (min_abs_psp_mv != NULL)
    *min_abs_psp_mv = self->filter.min_abs_psp_mv;
  if (max_p_value != NULL)
    *max_p_value = self->filter.max_p_value;
  if (hide_excitatory != NULL)
    *hide_excitatory = self->filter.hide_excitatory;
  if (hide_inhibitory != NULL)
    *hide_inhibitory = self->filter.hide_inhibitory;
}

void
glmcc_graph_view_set_hide_rejected (GlmccGraphView *self,
                                    gboolean        hide)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->hide_rejected == !!hide)
    return;
  self->hide_rejected = !!hide;
  update_mask (self);
}

gboolean
glmcc_graph_view_get_hide_rejected (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), FALSE);
  return self->hide_rejected;
}

void
glmcc_graph_view_set_table_mask (GlmccGraphView *self,
                                 GBytes         *mask)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (mask == self->table_mask)
    return;
  if (mask != NULL)
    g_bytes_ref (mask);
  g_clear_pointer (&self->table_mask, g_bytes_unref);
  self->table_mask = mask;
  if (self->follow_table)
    update_mask (self);
}

void
glmcc_graph_view_set_follow_table (GlmccGraphView *self,
                                   gboolean        follow)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->follow_table == !!follow)
    return;
  self->follow_table = !!follow;
  update_mask (self);
}

gboolean
glmcc_graph_view_get_follow_table (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), FALSE);
  return self->follow_table;
}

const char *
glmcc_graph_view_get_readout (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), NULL);
  return self->readout != NULL ? self->readout : "";
}

void
glmcc_graph_view_set_menu_model (GlmccGraphView *self,
                                 GMenuModel     *model)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (model == NULL)
    return;
  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
}

GlmccFigure *
glmcc_graph_view_dup_figure (GlmccGraphView *self)
{
  GlmccFigure *figure;

  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), NULL);

  figure = current_figure (self);
  return figure != NULL ? glmcc_figure_ref (figure) : NULL;
}

gboolean
_glmcc_graph_view_is_drawn (GlmccGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  return self->graph != NULL && self->n_busy == 0 && !self->rendering &&
         self->front != NULL && self->front->texture != NULL &&
         front_is_current (self, width, height, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

const GlmccNetworkPlot *
_glmcc_graph_view_get_data (GlmccGraphView *self)
{
  GlmccFigure *figure = current_figure (self);

  return figure != NULL ? glmcc_figure_get_plot (figure) : NULL;
}

GdkTexture *
_glmcc_graph_view_get_texture (GlmccGraphView *self)
{
  return self->front != NULL ? self->front->texture : NULL;
}

guint
_glmcc_graph_view_get_n_renders (GlmccGraphView *self)
{
  return self->n_renders;
}

gboolean
_glmcc_graph_view_get_node (GlmccGraphView *self,
                            guint           i,
                            double         *x,
                            double         *y)
{
  Frame *f = self->front;
  GlmccPlotStyle style;
  g_autofree double *centres = NULL;

  if (f == NULL || i >= f->data.n)
    return FALSE;
  get_style (&style);
  centres = g_new (double, 2 * (gsize) f->data.n);
  glmcc_plot_network_get_nodes (f->width, f->height, &f->data, &style, centres, NULL);
  *x = centres[2 * i];
  *y = centres[2 * i + 1];
  glmcc_plot_transform_apply (&self->view.transform, x, y);
  return TRUE;
}

/* GObject --------------------------------------------------------------------------------------------- */

static void
set_kind (GlmccGraphView *self,
          GlmccGraphKind  kind)
{
  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == GLMCC_GRAPH_MATRIX ? _("Connectivity matrix")
                                                             : _("Network graph"),
                                  -1);
}

static void
glmcc_graph_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
glmcc_graph_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 240;
  *natural = 480;
}

static void
dark_changed_cb (GlmccGraphView *self)
{
  invalidate (self);
}

static void
glmcc_graph_view_dispose (GObject *object)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (object);

  g_cancellable_cancel (self->layout_cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->front, frame_free);
  g_clear_pointer (&self->spare, frame_free);
  g_clear_pointer (&self->current, glmcc_figure_unref);
  g_clear_pointer (&self->graph, glmcc_graph_data_unref);

  G_OBJECT_CLASS (glmcc_graph_view_parent_class)->dispose (object);
}

static void
glmcc_graph_view_finalize (GObject *object)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (object);

  g_clear_object (&self->layout_cancellable);
  g_clear_pointer (&self->positions, g_bytes_unref);
  g_clear_pointer (&self->order_bytes, g_bytes_unref);
  g_clear_pointer (&self->blocks_bytes, g_bytes_unref);
  g_clear_pointer (&self->mask, g_bytes_unref);
  g_clear_pointer (&self->table_mask, g_bytes_unref);
  g_clear_pointer (&self->readout, g_free);

  G_OBJECT_CLASS (glmcc_graph_view_parent_class)->finalize (object);
}

static void
glmcc_graph_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_READOUT:
      g_value_set_string (value, glmcc_graph_view_get_readout (self));
      break;
    case PROP_FOCUS:
      g_value_set_int (value, self->view.focus);
      break;
    case PROP_LAYOUT:
      g_value_set_enum (value, self->layout);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_ORDER:
      g_value_set_enum (value, self->order);
      break;
    case PROP_CLIP:
      g_value_set_double (value, self->clip);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->view.transform.zoom);
      break;
    case PROP_HAS_POSITIONS:
      g_value_set_boolean (value, self->graph != NULL && glmcc_graph_data_has_positions (self->graph));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_graph_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      set_kind (self, g_value_get_enum (value));
      break;
    case PROP_FOCUS:
      glmcc_graph_view_set_focus (self, g_value_get_int (value));
      break;
    case PROP_LAYOUT:
      glmcc_graph_view_set_layout (self, g_value_get_enum (value));
      break;
    case PROP_SEED:
      glmcc_graph_view_set_seed (self, g_value_get_uint (value));
      break;
    case PROP_ORDER:
      glmcc_graph_view_set_order (self, g_value_get_enum (value));
      break;
    case PROP_CLIP:
      glmcc_graph_view_set_clip (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_graph_view_class_init (GlmccGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const struct { guint key; const char *action; double x, y; } keys[] = {
    { GDK_KEY_plus, "graph.zoom-in" }, { GDK_KEY_KP_Add, "graph.zoom-in" },
    { GDK_KEY_equal, "graph.zoom-in" }, { GDK_KEY_minus, "graph.zoom-out" },
    { GDK_KEY_KP_Subtract, "graph.zoom-out" }, { GDK_KEY_0, "graph.zoom-reset" },
    { GDK_KEY_KP_0, "graph.zoom-reset" }, { GDK_KEY_Escape, "graph.clear-focus" },
    { GDK_KEY_Left, "graph.pan", -1, 0 }, { GDK_KEY_Right, "graph.pan", 1, 0 },
    { GDK_KEY_Up, "graph.pan", 0, -1 }, { GDK_KEY_Down, "graph.pan", 0, 1 },
  };

  object_class->dispose = glmcc_graph_view_dispose;
  object_class->finalize = glmcc_graph_view_finalize;
  object_class->get_property = glmcc_graph_view_get_property;
  object_class->set_property = glmcc_graph_view_set_property;

  widget_class->snapshot = glmcc_graph_view_snapshot;
  widget_class->measure = glmcc_graph_view_measure;
  widget_class->size_allocate = glmcc_graph_view_size_allocate;

#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GLMCC_TYPE_GRAPH_KIND, GLMCC_GRAPH_MATRIX,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_READOUT] = g_param_spec_string ("readout", NULL, NULL, "", RO);
  properties[PROP_FOCUS] = g_param_spec_int ("focus", NULL, NULL, -1, G_MAXINT, -1, RW);
  properties[PROP_LAYOUT] =
    g_param_spec_enum ("layout", NULL, NULL, GLMCC_TYPE_PLOT_LAYOUT_KIND, GLMCC_PLOT_LAYOUT_AUTO, RW);
  properties[PROP_SEED] = g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT, 1, RW);
  properties[PROP_ORDER] =
    g_param_spec_enum ("order", NULL, NULL, GLMCC_TYPE_PLOT_ORDER, GLMCC_PLOT_ORDER_INDEX, RW);
  properties[PROP_CLIP] = g_param_spec_double ("clip", NULL, NULL, 0.0, 100.0, 95.0, RW);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0.0, G_MAXDOUBLE, 1.0, RO);
  /* The data has recording positions or shanks: a layout by position is possible. */
  properties[PROP_HAS_POSITIONS] = g_param_spec_boolean ("has-positions", NULL, NULL, FALSE, RO);
#undef RW
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click on a connection or a cell. */
  signals[PAIR_ACTIVATED] =
    g_signal_new ("pair-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A right click on a pair: it becomes the current pair, and the menu opens. */
  signals[PAIR_SELECTED] =
    g_signal_new ("pair-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A click on a neuron (network). */
  signals[NEURON_ACTIVATED] =
    g_signal_new ("neuron-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (widget_class, "graph.clear-focus", NULL, clear_focus_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (g_str_equal (keys[i].action, "graph.pan"))
        gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, keys[i].action, "(dd)",
                                             keys[i].x, keys[i].y);
      else
        gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, keys[i].action, NULL);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "graph.zoom-reset", NULL);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
glmcc_graph_view_init (GlmccGraphView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (menu_click, "pressed", G_CALLBACK (menu_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (menu_click));
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_object (zoom, "begin", G_CALLBACK (zoom_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (zoom, "scale-changed", G_CALLBACK (zoom_scale_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (zoom, "end", G_CALLBACK (zoom_end_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (zoom, "cancel", G_CALLBACK (zoom_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  self->highlight_pre = self->highlight_post = -1;
  self->seed = 1;
  self->clip = 95.0;
  glmcc_plot_filter_init (&self->filter);
  glmcc_plot_view_init (&self->view);
}
