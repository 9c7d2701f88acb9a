/* glmcc-neuron-list.c: the neuron list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model, sorters and cells are declared in glmcc-neuron-list.ui; this file formats the cells
 * and turns a chosen neuron into the reference of the pair on display. The list is a single
 * Tab stop: Tab from a row goes on to the next control instead of through every neuron (arrow
 * keys move between rows).
 */
#define G_LOG_DOMAIN "glmcc-neuron-list"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-enums.h"
#include "glmcc-neuron-item.h"
#include "glmcc-neuron-list.h"

struct _GlmccNeuronList
{
  GtkWidget           parent_instance;

  GlmccSession       *session;
  gboolean            updating;

  /* Template widgets */
  GtkWidget          *box;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkSingleSelection *selection;
  GtkSortListModel   *sort_model;
};

G_DEFINE_FINAL_TYPE (GlmccNeuronList, glmcc_neuron_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cells -------------------------------------------------------------------------------------- */

static char *
format_count (GtkListItem *item,
              guint64      count)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, count);
}

static char *
format_rate (GtkListItem *item,
             double       rate)
{
  return isfinite (rate) ? g_strdup_printf ("%.2f", rate) : g_strdup ("—");
}

static char *
format_label (GtkListItem *item,
              GlmccLabel   label)
{
  switch (label)
    {
    case GLMCC_LABEL_EXCITATORY:
      return g_strdup (C_("neuron type", "E"));
    case GLMCC_LABEL_INHIBITORY:
      return g_strdup (C_("neuron type", "I"));
    case GLMCC_LABEL_UNKNOWN:
    default:
      return g_strdup ("–");
    }
}

/* Why the warning beside a label: the counts behind a violation of Dale's law. */
static char *
format_dale (GtkListItem *item,
             guint        n_excitatory,
             guint        n_inhibitory)
{
  /* Translators: tooltip of the warning icon beside a neuron's E/I label. */
  return g_strdup_printf (_("Dale’s law: %u excitatory and %u inhibitory significant outgoing "
                            "connections; some of them are probably wrong"),
                          n_excitatory, n_inhibitory);
}

static char **
label_classes (GtkListItem *item,
               GlmccLabel   label)
{
  const char *classes[] = { "numeric",
                            label == GLMCC_LABEL_EXCITATORY ? "excitatory"
                            : label == GLMCC_LABEL_INHIBITORY ? "inhibitory" : "dim-label",
                            NULL };

  return g_strdupv ((char **) classes);
}

/* The session -------------------------------------------------------------------------------- */

static void
update_count (GlmccNeuronList *self)
{
  g_autofree char *text = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)));

  gtk_label_set_label (self->count_label, text);
}

static void
neurons_changed_cb (GlmccNeuronList *self)
{
  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
  update_count (self);
}

static void
selection_changed_cb (GlmccNeuronList *self)
{
  GlmccNeuronItem *item = gtk_single_selection_get_selected_item (self->selection);
  guint index, ref, target;

  if (self->updating || item == NULL || self->session == NULL)
    return;
  index = glmcc_neuron_item_get_index (item);
  if (!glmcc_session_get_pair (self->session, &ref, &target))
    target = index == 0 ? 1 : 0;
  if (target == index)
    target = ref;
  glmcc_session_set_pair (self->session, index, target);
}

GlmccSession *
glmcc_neuron_list_get_session (GlmccNeuronList *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_LIST (self), NULL);
  return self->session;
}

void
glmcc_neuron_list_set_session (GlmccNeuronList *self,
                               GlmccSession    *session)
{
  g_return_if_fail (GLMCC_IS_NEURON_LIST (self));
  g_return_if_fail (session == NULL || GLMCC_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  update_count (self);
}

GtkSingleSelection *
glmcc_neuron_list_get_selection (GlmccNeuronList *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_LIST (self), NULL);
  return self->selection;
}

void
glmcc_neuron_list_select (GlmccNeuronList *self,
                          int              neuron)
{
  GListModel *rows;
  guint n;

  g_return_if_fail (GLMCC_IS_NEURON_LIST (self));

  if (neuron == glmcc_neuron_list_get_selected (self))
    return;
  rows = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n && neuron >= 0; i++)
    {
      g_autoptr(GlmccNeuronItem) item = g_list_model_get_item (rows, i);

      if ((int) glmcc_neuron_item_get_index (item) == neuron)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* GtkListBase's scroll action lives on the column view's inner list view. */
          for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
               child != NULL; child = gtk_widget_get_next_sibling (child))
            if (GTK_IS_LIST_VIEW (child))
              gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

int
glmcc_neuron_list_get_selected (GlmccNeuronList *self)
{
  GlmccNeuronItem *item;

  g_return_val_if_fail (GLMCC_IS_NEURON_LIST (self), -1);

  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL ? (int) glmcc_neuron_item_get_index (item) : -1;
}

GtkWidget *
glmcc_neuron_list_new (void)
{
  return g_object_new (GLMCC_TYPE_NEURON_LIST, NULL);
}

/* Widget ------------------------------------------------------------------------------------- */

/* GtkListView moves Tab from row to row; here Tab leaves the list in one step. */
static gboolean
glmcc_neuron_list_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  GlmccNeuronList *self = GLMCC_NEURON_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean inside = focus != NULL && gtk_widget_is_ancestor (focus, widget);

  if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
    {
      if (inside)
        return FALSE;
      return gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
  return GTK_WIDGET_CLASS (glmcc_neuron_list_parent_class)->focus (widget, direction);
}

static void
glmcc_neuron_list_dispose (GObject *object)
{
  GlmccNeuronList *self = GLMCC_NEURON_LIST (object);

  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_signal_handlers_disconnect_by_data (self->sort_model, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_NEURON_LIST);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (glmcc_neuron_list_parent_class)->dispose (object);
}

static void
glmcc_neuron_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlmccNeuronList *self = GLMCC_NEURON_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_neuron_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlmccNeuronList *self = GLMCC_NEURON_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      glmcc_neuron_list_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_neuron_list_class_init (GlmccNeuronListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_neuron_list_dispose;
  object_class->get_property = glmcc_neuron_list_get_property;
  object_class->set_property = glmcc_neuron_list_set_property;
  widget_class->focus = glmcc_neuron_list_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLMCC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-neuron-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GlmccNeuronList, box);
  gtk_widget_class_bind_template_child (widget_class, GlmccNeuronList, count_label);
  gtk_widget_class_bind_template_child (widget_class, GlmccNeuronList, column_view);
  gtk_widget_class_bind_template_child (widget_class, GlmccNeuronList, name_column);
  gtk_widget_class_bind_template_child (widget_class, GlmccNeuronList, selection);
  gtk_widget_class_bind_template_child (widget_class, GlmccNeuronList, sort_model);
  gtk_widget_class_bind_template_callback (widget_class, format_count);
  gtk_widget_class_bind_template_callback (widget_class, format_rate);
  gtk_widget_class_bind_template_callback (widget_class, format_label);
  gtk_widget_class_bind_template_callback (widget_class, label_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_dale);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "neuronlist");
}

static void
glmcc_neuron_list_init (GlmccNeuronList *self)
{
  g_type_ensure (GLMCC_TYPE_NEURON_ITEM);
  g_type_ensure (GLMCC_TYPE_SESSION);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (neurons_changed_cb),
                           self, G_CONNECT_SWAPPED);
}
