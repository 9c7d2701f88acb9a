/* glmcc-graph-page.c: the matrix or network page: toolbar, figure and readout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controls are declared in glmcc-graph-page.ui; this file passes their values to the
 * GlmccGraphView (layout and seed for the network, order and colour clip for the matrix, the
 * connection filters for both) and shows the view's state back (focus, work in progress).
 */
#define G_LOG_DOMAIN "glmcc-graph-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-enums.h"
#include "glmcc-format.h"
#include "glmcc-graph-page.h"

struct _GlmccGraphPage
{
  GtkWidget       parent_instance;

  GlmccGraphKind  kind;
  gboolean        updating;

  /* Template widgets */
  GtkWidget      *box;
  GtkDropDown    *layout_dropdown;
  GtkSpinButton  *seed_spin;
  GtkDropDown    *order_dropdown;
  GtkDropDown    *clip_dropdown;
  GtkMenuButton  *filter_button;
  GtkScale       *psp_scale;
  GtkLabel       *psp_label;
  GtkScale       *p_scale;
  GtkLabel       *p_label;
  GtkCheckButton *excitatory_check;
  GtkCheckButton *inhibitory_check;
  GtkCheckButton *rejected_check;
  GtkCheckButton *table_check;
  GtkSpinner     *busy_spinner;
  GtkWidget      *focus_box;
  GtkLabel       *focus_label;
  GlmccGraphView *view;
  char           *notice;   /* the last thing said about a choice that could not be followed */
};

G_DEFINE_FINAL_TYPE (GlmccGraphPage, glmcc_graph_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The dropdowns' rows, in the order of the .ui file. */
static const GlmccPlotLayoutKind layouts[] = {
  GLMCC_PLOT_LAYOUT_CIRCLE, GLMCC_PLOT_LAYOUT_FORCE, GLMCC_PLOT_LAYOUT_POSITION,
};
static const GlmccPlotOrder orders[] = {
  GLMCC_PLOT_ORDER_INDEX, GLMCC_PLOT_ORDER_TYPE, GLMCC_PLOT_ORDER_POSITION, GLMCC_PLOT_ORDER_CLUSTER,
};
static const double clips[] = { 90.0, 95.0, 99.0, 100.0 };

/* Filters -------------------------------------------------------------------------------------- */

static double
p_threshold (GlmccGraphPage *self)
{
  double exponent = gtk_range_get_value (GTK_RANGE (self->p_scale));

  /* The slider is −log₁₀ p: 0 lets every connection through. */
  return exponent > 0.0 ? pow (10.0, -exponent) : 0.0;
}

static void
update_filter_labels (GlmccGraphPage *self)
{
  double psp = gtk_range_get_value (GTK_RANGE (self->psp_scale));
  double p = p_threshold (self);
  g_autofree char *psp_text = NULL;
  g_autofree char *p_text = NULL;

  if (psp > 0.0)
    {
      g_autofree char *number = glmcc_format_number (psp, 2);

      psp_text = g_strdup_printf (_("≥ %s mV"), number);
    }
  else
    psp_text = g_strdup (C_("filter", "all"));
  if (p > 0.0)
    /* Translators: a p-value threshold, "≤ 1e-6". */
    p_text = g_strdup_printf (_("≤ %.1g"), p);
  else
    p_text = g_strdup (C_("filter", "all"));
  gtk_label_set_label (self->psp_label, psp_text);
  gtk_label_set_label (self->p_label, p_text);
}

static void
filter_changed_cb (GlmccGraphPage *self)
{
  gboolean filtering;

  update_filter_labels (self);
  if (self->updating)
    return;
  glmcc_graph_view_set_filter (self->view, gtk_range_get_value (GTK_RANGE (self->psp_scale)),
                               p_threshold (self),
                               !gtk_check_button_get_active (self->excitatory_check),
                               !gtk_check_button_get_active (self->inhibitory_check));
  glmcc_graph_view_set_hide_rejected (self->view, gtk_check_button_get_active (self->rejected_check));
  glmcc_graph_view_set_follow_table (self->view, gtk_check_button_get_active (self->table_check));
  filtering = gtk_range_get_value (GTK_RANGE (self->psp_scale)) > 0.0 || p_threshold (self) > 0.0 ||
              !gtk_check_button_get_active (self->excitatory_check) ||
              !gtk_check_button_get_active (self->inhibitory_check) ||
              gtk_check_button_get_active (self->rejected_check);
  gtk_menu_button_set_label (self->filter_button, filtering ? _("Some Connections")
                                                            : _("Connections"));
}

static void
reset_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlmccGraphPage *self = GLMCC_GRAPH_PAGE (widget);

  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->psp_scale), 0.0);
  gtk_range_set_value (GTK_RANGE (self->p_scale), 0.0);
  gtk_check_button_set_active (self->excitatory_check, TRUE);
  gtk_check_button_set_active (self->inhibitory_check, TRUE);
  gtk_check_button_set_active (self->rejected_check, FALSE);
  self->updating = FALSE;
  filter_changed_cb (self);
}

/* Layout, order, colours ---------------------------------------------------------------------------- */

static void
update_seed_visible (GlmccGraphPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->seed_spin),
                          self->kind == GLMCC_GRAPH_NETWORK &&
                          glmcc_graph_view_get_layout (self->view) == GLMCC_PLOT_LAYOUT_FORCE);
}

/* Says why a choice was not followed ("message": the window shows it in a toast). */
static void
tell (GlmccGraphPage *self,
      const char     *text)
{
  g_free (self->notice);
  self->notice = g_strdup (text);
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

const char *
_glmcc_graph_page_get_notice (GlmccGraphPage *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_PAGE (self), NULL);
  return self->notice;
}

static gboolean
lacks_positions (GlmccGraphPage *self)
{
  GlmccGraphData *data = glmcc_graph_view_get_data (self->view);

  return data != NULL && !glmcc_graph_data_has_positions (data);
}

static void
layout_selected_cb (GlmccGraphPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->layout_dropdown);
  GlmccGraphData *data = glmcc_graph_view_get_data (self->view);

  if (self->updating || selected >= G_N_ELEMENTS (layouts))
    return;
  /* A layout by position needs positions or shanks from the recording. */
  if (layouts[selected] == GLMCC_PLOT_LAYOUT_POSITION && data != NULL &&
      !glmcc_graph_data_has_positions (data))
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->layout_dropdown, 0);
      self->updating = FALSE;
      selected = 0;
      tell (self, _("This recording has no electrode positions or shanks: the network stays a circle"));
    }
  glmcc_graph_view_set_layout (self->view, layouts[selected]);
  update_seed_visible (self);
}

/* Until the user chooses, the layout is automatic (by position when the recording has
 * positions): the dropdown shows which. */
static void
positions_changed_cb (GlmccGraphPage *self)
{
  GlmccGraphData *data = glmcc_graph_view_get_data (self->view);

  if (glmcc_graph_view_get_layout (self->view) != GLMCC_PLOT_LAYOUT_AUTO)
    return;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->layout_dropdown,
                              data != NULL && glmcc_graph_data_has_positions (data) ? 2 : 0);
  self->updating = FALSE;
}

static void
seed_changed_cb (GlmccGraphPage *self)
{
  glmcc_graph_view_set_seed (self->view, (guint) gtk_spin_button_get_value_as_int (self->seed_spin));
}

static void
order_selected_cb (GlmccGraphPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->order_dropdown);

  if (self->updating || selected >= G_N_ELEMENTS (orders))
    return;
  /* By position without positions would be the recording order under another name. */
  if (orders[selected] == GLMCC_PLOT_ORDER_POSITION && lacks_positions (self))
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->order_dropdown, 0);
      self->updating = FALSE;
      selected = 0;
      tell (self, _("This recording has no electrode positions or shanks: the matrix stays in recording order"));
    }
  glmcc_graph_view_set_order (self->view, orders[selected]);
}

static void
clip_selected_cb (GlmccGraphPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->clip_dropdown);

  if (!self->updating && selected < G_N_ELEMENTS (clips))
    glmcc_graph_view_set_clip (self->view, clips[selected]);
}

/* The view's state ---------------------------------------------------------------------------------- */

static void
focus_changed_cb (GlmccGraphPage *self)
{
  int focus = glmcc_graph_view_get_focus (self->view);
  GlmccGraphData *data = glmcc_graph_view_get_data (self->view);

  gtk_widget_set_visible (self->focus_box, focus >= 0 && data != NULL);
  if (focus >= 0 && data != NULL && (guint) focus < data->n)
    {
      /* Translators: the neuron whose connections the figure shows over the rest. */
      g_autofree char *text = g_strdup_printf (_("Focus: %s"), data->names[focus]);

      gtk_label_set_label (self->focus_label, text);
    }
}

static void
busy_changed_cb (GlmccGraphPage *self)
{
  gboolean busy = glmcc_graph_view_get_busy (self->view);

  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
}

static void
zoom_changed_cb (GlmccGraphPage *self)
{
  gboolean zoomed = glmcc_graph_view_get_transform (self->view)->zoom > 1.0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.zoom-out", zoomed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.zoom-reset", zoomed);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlmccGraphPage *self = GLMCC_GRAPH_PAGE (widget);

  /* The view's own actions: the same as its keys. */
  gtk_widget_activate_action (GTK_WIDGET (self->view),
                              g_str_equal (action_name, "page.zoom-in") ? "graph.zoom-in"
                              : g_str_equal (action_name, "page.zoom-out") ? "graph.zoom-out"
                              : "graph.zoom-reset", NULL);
}

static void
clear_focus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  glmcc_graph_view_set_focus (GLMCC_GRAPH_PAGE (widget)->view, -1);
}

static void
set_kind (GlmccGraphPage *self,
          GlmccGraphKind  kind)
{
  gboolean network = kind == GLMCC_GRAPH_NETWORK;

  self->kind = kind;
  g_object_set (self->view, "kind", kind, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->layout_dropdown), network);
  gtk_widget_set_visible (GTK_WIDGET (self->order_dropdown), !network);
  gtk_widget_set_visible (GTK_WIDGET (self->clip_dropdown), !network);
  update_seed_visible (self);
}

/* Saved state ------------------------------------------------------------------------------------- */

static const char *layout_names[] = { "circle", "force", "position" };
static const char *order_names[] = { "index", "type", "position", "cluster" };

static guint
index_of (const char * const *names,
          guint               n_names,
          const char         *name,
          guint               fallback)
{
  for (guint i = 0; i < n_names && name != NULL; i++)
    if (g_str_equal (names[i], name))
      return i;
  return fallback;
}

JsonNode *
glmcc_graph_page_save_state (GlmccGraphPage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint layout = gtk_drop_down_get_selected (self->layout_dropdown);
  guint order = gtk_drop_down_get_selected (self->order_dropdown);

  g_return_val_if_fail (GLMCC_IS_GRAPH_PAGE (self), NULL);

  json_builder_begin_object (builder);
  if (self->kind == GLMCC_GRAPH_NETWORK)
    {
      json_builder_set_member_name (builder, "layout");
      json_builder_add_string_value (builder, layout < G_N_ELEMENTS (layout_names)
                                              ? layout_names[layout] : "circle");
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (self->seed_spin));
    }
  else
    {
      json_builder_set_member_name (builder, "order");
      json_builder_add_string_value (builder, order < G_N_ELEMENTS (order_names)
                                              ? order_names[order] : "index");
      json_builder_set_member_name (builder, "clip");
      json_builder_add_double_value (builder, clips[MIN (gtk_drop_down_get_selected (self->clip_dropdown),
                                                         G_N_ELEMENTS (clips) - 1)]);
    }
  json_builder_set_member_name (builder, "min_psp");
  json_builder_add_double_value (builder, gtk_range_get_value (GTK_RANGE (self->psp_scale)));
  json_builder_set_member_name (builder, "max_p");
  json_builder_add_double_value (builder, p_threshold (self));
  json_builder_set_member_name (builder, "excitatory");
  json_builder_add_boolean_value (builder, gtk_check_button_get_active (self->excitatory_check));
  json_builder_set_member_name (builder, "inhibitory");
  json_builder_add_boolean_value (builder, gtk_check_button_get_active (self->inhibitory_check));
  json_builder_set_member_name (builder, "hide_rejected");
  json_builder_add_boolean_value (builder, gtk_check_button_get_active (self->rejected_check));
  json_builder_set_member_name (builder, "follow_table");
  json_builder_add_boolean_value (builder, gtk_check_button_get_active (self->table_check));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
glmcc_graph_page_load_state (GlmccGraphPage *self,
                             JsonObject     *state)
{
  double max_p;

  g_return_if_fail (GLMCC_IS_GRAPH_PAGE (self));
  g_return_if_fail (state != NULL);

  if (json_object_has_member (state, "seed"))
    gtk_spin_button_set_value (self->seed_spin,
                               CLAMP (json_object_get_int_member (state, "seed"), 1, 9999));
  if (json_object_has_member (state, "layout"))
    gtk_drop_down_set_selected (self->layout_dropdown,
                                index_of (layout_names, G_N_ELEMENTS (layout_names),
                                          json_object_get_string_member_with_default (state, "layout", NULL),
                                          gtk_drop_down_get_selected (self->layout_dropdown)));
  if (json_object_has_member (state, "order"))
    gtk_drop_down_set_selected (self->order_dropdown,
                                index_of (order_names, G_N_ELEMENTS (order_names),
                                          json_object_get_string_member_with_default (state, "order", NULL),
                                          gtk_drop_down_get_selected (self->order_dropdown)));
  if (json_object_has_member (state, "clip"))
    {
      double clip = json_object_get_double_member (state, "clip");

      for (guint i = 0; i < G_N_ELEMENTS (clips); i++)
        if (clips[i] == clip)
          gtk_drop_down_set_selected (self->clip_dropdown, i);
    }
  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->psp_scale),
                       json_object_get_double_member_with_default (state, "min_psp", 0.0));
  max_p = json_object_get_double_member_with_default (state, "max_p", 0.0);
  gtk_range_set_value (GTK_RANGE (self->p_scale), max_p > 0.0 ? -log10 (max_p) : 0.0);
  gtk_check_button_set_active (self->excitatory_check,
                               json_object_get_boolean_member_with_default (state, "excitatory", TRUE));
  gtk_check_button_set_active (self->inhibitory_check,
                               json_object_get_boolean_member_with_default (state, "inhibitory", TRUE));
  gtk_check_button_set_active (self->rejected_check,
                               json_object_get_boolean_member_with_default (state, "hide_rejected", FALSE));
  gtk_check_button_set_active (self->table_check,
                               json_object_get_boolean_member_with_default (state, "follow_table", TRUE));
  self->updating = FALSE;
  filter_changed_cb (self);
}

/* GObject --------------------------------------------------------------------------------------------- */

GtkWidget *
glmcc_graph_page_new (GlmccGraphKind kind)
{
  return g_object_new (GLMCC_TYPE_GRAPH_PAGE, "kind", kind, NULL);
}

GlmccGraphView *
glmcc_graph_page_get_view (GlmccGraphPage *self)
{
  g_return_val_if_fail (GLMCC_IS_GRAPH_PAGE (self), NULL);
  return self->view;
}

static void
glmcc_graph_page_dispose (GObject *object)
{
  GlmccGraphPage *self = GLMCC_GRAPH_PAGE (object);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_pointer (&self->notice, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_GRAPH_PAGE);

  G_OBJECT_CLASS (glmcc_graph_page_parent_class)->dispose (object);
}

static void
glmcc_graph_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlmccGraphPage *self = GLMCC_GRAPH_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_graph_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlmccGraphPage *self = GLMCC_GRAPH_PAGE (object);

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
glmcc_graph_page_class_init (GlmccGraphPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_graph_page_dispose;
  object_class->get_property = glmcc_graph_page_get_property;
  object_class->set_property = glmcc_graph_page_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GLMCC_TYPE_GRAPH_KIND, GLMCC_GRAPH_MATRIX,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A sentence for the user: why a choice of the page was not followed. */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.clear-focus", NULL, clear_focus_action);
  gtk_widget_class_install_action (widget_class, "page.reset-filter", NULL, reset_filter_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-graph-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GlmccGraphPage, name)
  BIND (box); BIND (layout_dropdown); BIND (seed_spin); BIND (order_dropdown); BIND (clip_dropdown);
  BIND (filter_button); BIND (psp_scale); BIND (psp_label); BIND (p_scale); BIND (p_label);
  BIND (excitatory_check); BIND (inhibitory_check); BIND (rejected_check); BIND (table_check);
  BIND (busy_spinner); BIND (focus_box); BIND (focus_label); BIND (view);
#undef BIND
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "graphpage");
}

#define CONNECT(instance, signal, handler) \
  g_signal_connect_object ((instance), (signal), G_CALLBACK (handler), self, G_CONNECT_SWAPPED)

static void
glmcc_graph_page_init (GlmccGraphPage *self)
{
  g_type_ensure (GLMCC_TYPE_GRAPH_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_selected (self->clip_dropdown, 1);
  CONNECT (self->layout_dropdown, "notify::selected", layout_selected_cb);
  CONNECT (self->seed_spin, "value-changed", seed_changed_cb);
  CONNECT (self->order_dropdown, "notify::selected", order_selected_cb);
  CONNECT (self->clip_dropdown, "notify::selected", clip_selected_cb);
  CONNECT (self->psp_scale, "value-changed", filter_changed_cb);
  CONNECT (self->p_scale, "value-changed", filter_changed_cb);
  CONNECT (self->excitatory_check, "toggled", filter_changed_cb);
  CONNECT (self->inhibitory_check, "toggled", filter_changed_cb);
  CONNECT (self->rejected_check, "toggled", filter_changed_cb);
  CONNECT (self->table_check, "toggled", filter_changed_cb);
  CONNECT (self->view, "notify::focus", focus_changed_cb);
  CONNECT (self->view, "notify::busy", busy_changed_cb);
  CONNECT (self->view, "notify::zoom", zoom_changed_cb);
  CONNECT (self->view, "notify::has-positions", positions_changed_cb);
  filter_changed_cb (self);
  busy_changed_cb (self);
  zoom_changed_cb (self);
  set_kind (self, GLMCC_GRAPH_MATRIX);
}

#undef CONNECT
