/* glmcc-graph-view.c: matrix and network figures of src/plot, with hover and click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A network of a few hundred neurons takes the renderer a good part of a second, so the
 * figure is rasterised into a texture by a worker thread (on a copy of the data), and every
 * frame only blits the latest texture, as Sysprof's flame graph keeps its static layer. A new
 * texture is asked for when the data, the highlight, the size or the style changes; until it
 * comes the previous one stays on screen, so the interface never waits for the renderer.
 * Requests are coalesced: one render at a time, the newest next.
 */
#define G_LOG_DOMAIN "glmcc-graph-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glmcc-analysis.h"
#include "glmcc-enums.h"
#include "glmcc-graph-view.h"
#include "glmcc-pair-item.h"

struct _GlmccGraphView
{
  GtkWidget         parent_instance;

  GlmccGraphKind    kind;
  gboolean          has_data;
  GlmccNetworkPlot  data;
  char             *readout;
  GtkWidget        *menu;
  GdkTexture       *cache;       /* the figure as last drawn, or NULL */
  int               cache_width;
  int               cache_height;
  int               cache_scale;
  guint64           serial;      /* bumped by every change of what the figure shows */
  guint64           cache_serial;
  gboolean          rendering;   /* a job is on the worker */
};

/* One thread renders for every view: figures never compete with each other for the cores. */
static GThreadPool *render_pool;

typedef struct
{
  GWeakRef          view;
  guint64           serial;
  GlmccGraphKind    kind;
  GlmccPlotStyle    style;
  int               width;
  int               height;
  int               scale;
  GlmccNetworkPlot  data;        /* points into the copies below */
  char            **names;
  double           *psp;
  GlmccPlotNodeType *types;
  GlmccPlotMarkedEdge *marks;
  double           *positions;
  GdkTexture       *texture;
} RenderJob;

G_DEFINE_FINAL_TYPE (GlmccGraphView, glmcc_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_READOUT,
  N_PROPS
};

enum {
  PAIR_ACTIVATED,
  PAIR_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
get_style (GlmccGraphView *self,
           GlmccPlotStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    glmcc_plot_style_init_dark (style);
  else
    glmcc_plot_style_init_light (style);
  style->fill_background = FALSE;
}

static const char *
name_of (GlmccGraphView *self,
         guint           i,
         char            buf[16])
{
  if (self->data.names != NULL)
    return self->data.names[i];
  g_snprintf (buf, 16, "%u", i);
  return buf;
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

/* What is under (x, y): 0 nothing, 1 a neuron (*pre), 2 a pair (*pre → *post). */
static int
hit (GlmccGraphView *self,
     double          x,
     double          y,
     guint          *pre,
     guint          *post)
{
  GlmccPlotStyle style;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!self->has_data || self->data.n == 0)
    return 0;
  get_style (self, &style);
  if (self->kind == GLMCC_GRAPH_MATRIX)
    return glmcc_plot_matrix_hit_test (width, height, &self->data, &style, x, y, pre, post) ? 2 : 0;

  switch (glmcc_plot_network_hit_test (width, height, &self->data, &style, x, y, pre, post))
    {
    case GLMCC_NETWORK_HIT_NODE:
      return 1;
    case GLMCC_NETWORK_HIT_EDGE:
      return 2;
    case GLMCC_NETWORK_HIT_NONE:
    default:
      return 0;
    }
}

static void
motion_cb (GlmccGraphView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  guint pre = 0, post = 0;
  char a[16], b[16];
  g_autofree char *text = NULL;

  switch (hit (self, x, y, &pre, &post))
    {
    case 1:
      text = g_strdup_printf (_("%s — click to show its pairs"), name_of (self, pre, a));
      break;
    case 2:
      {
        double psp = self->data.psp_mv[(gsize) pre * self->data.n + post];

        if (pre == post)
          text = g_strdup (name_of (self, pre, a));
        else if (isnan (psp))
          text = g_strdup_printf (_("%s → %s: not analysed"), name_of (self, pre, a),
                                  name_of (self, post, b));
        else if (psp == 0.0)
          text = g_strdup_printf (_("%s → %s: no significant connection"),
                                  name_of (self, pre, a), name_of (self, post, b));
        else
          text = g_strdup_printf (_("%s → %s: %s, PSP %.3g mV — click to open the pair"),
                                  name_of (self, pre, a), name_of (self, post, b),
                                  psp > 0 ? _("excitatory") : _("inhibitory"), psp);
        if (pre != post && glmcc_network_plot_get_mark (&self->data, pre, post) != GLMCC_PLOT_MARK_NONE)
          {
            GlmccMark mark = (GlmccMark) glmcc_network_plot_get_mark (&self->data, pre, post);
            char *marked = g_strdup_printf ("%s · %s", text, glmcc_mark_describe (mark));

            g_free (text);
            text = marked;
          }
      }
      break;
    default:
      break;
    }
  set_readout (self, text != NULL ? text : "");
}

static void
leave_cb (GlmccGraphView           *self,
          GtkEventControllerMotion *controller)
{
  set_readout (self, "");
}

static void
pressed_cb (GlmccGraphView  *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  guint pre = 0, post = 0;

  switch (hit (self, x, y, &pre, &post))
    {
    case 1:
      g_signal_emit (self, signals[PAIR_ACTIVATED], 0, pre, G_MAXUINT);
      break;
    case 2:
      if (pre != post)
        g_signal_emit (self, signals[PAIR_ACTIVATED], 0, pre, post);
      break;
    default:
      break;
    }
}

static void request_render (GlmccGraphView *self);

static void
invalidate (GlmccGraphView *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_weak_ref_clear (&job->view);
  g_strfreev (job->names);
  g_free (job->psp);
  g_free (job->types);
  g_free (job->marks);
  g_free (job->positions);
  g_clear_object (&job->texture);
  g_free (job);
}

static gboolean
render_done_cb (gpointer data)
{
  RenderJob *job = data;
  g_autoptr(GlmccGraphView) self = g_weak_ref_get (&job->view);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  self->rendering = FALSE;
  if (job->texture != NULL && job->serial >= self->cache_serial)
    {
      g_set_object (&self->cache, job->texture);
      self->cache_width = job->width;
      self->cache_height = job->height;
      self->cache_scale = job->scale;
      self->cache_serial = job->serial;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

/* In the worker: the shared renderer into pixels of the screen's scale. */
static void
render_worker (gpointer data,
               gpointer pool_data)
{
  RenderJob *job = data;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;

  /* A figure can wait; the interface cannot. */
  glmcc_thread_enter_background ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width * job->scale,
                                        job->height * job->scale);
  cairo_surface_set_device_scale (surface, job->scale, job->scale);
  cr = cairo_create (surface);
  if (job->kind == GLMCC_GRAPH_MATRIX)
    glmcc_plot_matrix (cr, job->width, job->height, &job->data, &job->style);
  else
    glmcc_plot_network (cr, job->width, job->height, &job->data, &job->style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: premultiplied, in the machine's byte order. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * job->height * job->scale);
  job->texture = gdk_memory_texture_new (job->width * job->scale, job->height * job->scale,
                                         GDK_MEMORY_DEFAULT, bytes,
                                         cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_idle_add_full (G_PRIORITY_DEFAULT, render_done_cb, job, render_job_free);
}

/* A copy of everything the renderer reads, so the owner may change its arrays meanwhile. */
static RenderJob *
render_job_new (GlmccGraphView *self,
                int             width,
                int             height,
                int             scale)
{
  RenderJob *job = g_new0 (RenderJob, 1);
  guint n = self->data.n;

  g_weak_ref_init (&job->view, self);
  job->serial = self->serial;
  job->kind = self->kind;
  get_style (self, &job->style);
  job->width = width;
  job->height = height;
  job->scale = scale;
  job->data = self->data;
  if (self->data.names != NULL)
    {
      job->names = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        job->names[i] = g_strdup (self->data.names[i]);
    }
  job->psp = self->data.psp_mv != NULL ? g_memdup2 (self->data.psp_mv, sizeof (double) * n * n) : NULL;
  job->types = self->data.types != NULL ? g_memdup2 (self->data.types, sizeof (GlmccPlotNodeType) * n) : NULL;
  job->marks = self->data.marks != NULL
               ? g_memdup2 (self->data.marks, sizeof (GlmccPlotMarkedEdge) * self->data.n_marks) : NULL;
  job->positions = self->data.positions != NULL ? g_memdup2 (self->data.positions, sizeof (double) * 2 * n) : NULL;
  job->data.names = (const char * const *) job->names;
  job->data.psp_mv = job->psp;
  job->data.types = job->types;
  job->data.marks = job->marks;
  job->data.positions = job->positions;
  job->data.title = NULL;
  return job;
}

static void
request_render (GlmccGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->rendering || width <= 0 || height <= 0)
    return;
  if (render_pool == NULL)
    render_pool = g_thread_pool_new (render_worker, NULL, 1, FALSE, NULL);
  self->rendering = TRUE;
  g_thread_pool_push (render_pool,
                      render_job_new (self, width, height, gtk_widget_get_scale_factor (GTK_WIDGET (self))),
                      NULL);
}

static void
glmcc_graph_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  if (width <= 0 || height <= 0 || !self->has_data || self->data.n == 0)
    return;
  /* Out of date: ask for a new picture, and show the last one meanwhile. */
  if (self->cache == NULL || self->cache_serial != self->serial ||
      self->cache_width != width || self->cache_height != height || self->cache_scale != scale)
    request_render (self);
  if (self->cache != NULL)
    gtk_snapshot_append_texture (snapshot, self->cache,
                                 &GRAPHENE_RECT_INIT (0, 0, self->cache_width, self->cache_height));
}

/* Test hook: TRUE once the picture on screen shows the latest data. */
gboolean
_glmcc_graph_view_is_drawn (GlmccGraphView *self)
{
  return self->cache != NULL && self->cache_serial == self->serial && !self->rendering;
}

const GlmccNetworkPlot *
_glmcc_graph_view_get_data (GlmccGraphView *self)
{
  return self->has_data ? &self->data : NULL;
}

void
glmcc_graph_view_invalidate (GlmccGraphView *self)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));
  invalidate (self);
}

GtkWidget *
glmcc_graph_view_new (GlmccGraphKind kind)
{
  return g_object_new (GLMCC_TYPE_GRAPH_VIEW, "kind", kind, NULL);
}

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

static void
menu_pressed_cb (GlmccGraphView  *self,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkGestureClick *gesture)
{
  guint pre = 0, post = 0;

  if (hit (self, x, y, &pre, &post) != 2 || pre == post)
    return;
  g_signal_emit (self, signals[PAIR_SELECTED], 0, pre, post);
  if (self->menu == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
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
glmcc_graph_view_dispose (GObject *object)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->cache);
  self->has_data = FALSE;

  G_OBJECT_CLASS (glmcc_graph_view_parent_class)->dispose (object);
}

void
glmcc_graph_view_set_data (GlmccGraphView         *self,
                           const GlmccNetworkPlot *data)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  self->has_data = data != NULL;
  if (data != NULL)
    {
      int pre = self->data.highlight_pre, post = self->data.highlight_post;

      self->data = *data;
      self->data.highlight_pre = pre;
      self->data.highlight_post = post;
    }
  set_readout (self, "");
  invalidate (self);
}

void
glmcc_graph_view_set_marks (GlmccGraphView            *self,
                            const GlmccPlotMarkedEdge *marks,
                            guint                      n_marks)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  self->data.marks = marks;
  self->data.n_marks = marks != NULL ? n_marks : 0;
  invalidate (self);
}

void
glmcc_graph_view_set_highlight (GlmccGraphView *self,
                                int             pre,
                                int             post)
{
  g_return_if_fail (GLMCC_IS_GRAPH_VIEW (self));

  if (self->data.highlight_pre == pre && self->data.highlight_post == post)
    return;
  self->data.highlight_pre = pre;
  self->data.highlight_post = post;
  invalidate (self);
}

const char *
glmcc_graph_view_get_readout (GlmccGraphView *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), NULL);
  return self->readout != NULL ? self->readout : "";
}

gboolean
glmcc_graph_view_export (GlmccGraphView  *self,
                         const char      *path,
                         GlmccPlotFormat  format,
                         double           width_pt,
                         double           height_pt,
                         double           dpi,
                         GError         **error)
{
  GlmccPlotStyle style;
  GlmccNetworkPlot data;

  g_return_val_if_fail (GLMCC_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (self->has_data, FALSE);

  glmcc_plot_style_init_light (&style);
  style.fill_background = TRUE;
  data = self->data;
  data.highlight_pre = -1;
  data.highlight_post = -1;
  if (self->kind == GLMCC_GRAPH_MATRIX)
    return glmcc_plot_export_matrix (path, format, width_pt, height_pt, dpi, &data, &style, error);
  return glmcc_plot_export_network (path, format, width_pt, height_pt, dpi, &data, &style, error);
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
glmcc_graph_view_finalize (GObject *object)
{
  GlmccGraphView *self = GLMCC_GRAPH_VIEW (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_graph_view_class_init (GlmccGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_graph_view_dispose;
  object_class->finalize = glmcc_graph_view_finalize;
  object_class->get_property = glmcc_graph_view_get_property;
  object_class->set_property = glmcc_graph_view_set_property;

  widget_class->snapshot = glmcc_graph_view_snapshot;
  widget_class->measure = glmcc_graph_view_measure;
  widget_class->size_allocate = glmcc_graph_view_size_allocate;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GLMCC_TYPE_GRAPH_KIND, GLMCC_GRAPH_MATRIX,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click on a pair (post = G_MAXUINT: on a neuron). */
  signals[PAIR_ACTIVATED] =
    g_signal_new ("pair-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A right click on a pair: it becomes the current pair, and the menu opens. */
  signals[PAIR_SELECTED] =
    g_signal_new ("pair-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
glmcc_graph_view_init (GlmccGraphView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (menu_click, "pressed", G_CALLBACK (menu_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (menu_click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  glmcc_network_plot_init (&self->data);
  self->data.highlight_pre = -1;
  self->data.highlight_post = -1;
}
