/* glmcc-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window shows one recording: the neuron list, the pair on display (reference and target)
 * with its live fit, the pair table filled by an all-pairs run, and the matrix and network of
 * that run. Loading, refits and runs all happen off the main thread; the window only applies
 * their results. The actions (open, export, navigation, …) live in glmcc-window-actions.c.
 */
#define G_LOG_DOMAIN "glmcc-window"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "glmcc-analysis-private.h"
#include "glmcc-error.h"
#include "glmcc-neuron-item.h"
#include "glmcc-pair-item.h"
#include "glmcc-plot-data.h"
#include "glmcc-window-private.h"

G_DEFINE_FINAL_TYPE (GlmccWindow, glmcc_window, ADW_TYPE_APPLICATION_WINDOW)

#define MAX_RECENT 10

enum {
  FILTER_ALL,
  FILTER_SIGNIFICANT,
  FILTER_EXCITATORY,
  FILTER_INHIBITORY,
};

static void request_fit (GlmccWindow *self);

/* Small helpers ---------------------------------------------------------------------------- */

void
_glmcc_window_toast (GlmccWindow *self,
                     const char  *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_glmcc_window_show_error (GlmccWindow *self,
                          const char  *heading,
                          const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static guint
n_neurons (GlmccWindow *self)
{
  return self->recording != NULL ? glmcc_recording_get_n_neurons (self->recording) : 0;
}

static const char *
neuron_name (GlmccWindow *self,
             guint        i)
{
  return glmcc_recording_get_name (self->recording, i);
}

static char *
display_name_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

static void
update_title (GlmccWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->recording != NULL);
  if (self->recording == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("GLMCC Studio"));
      adw_view_switcher_title_set_title (self->switcher_title, _("GLMCC Studio"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, "");
      return;
    }

  {
    g_autofree char *name = display_name_of (self->path);
    double start = glmcc_recording_get_epoch_start (self->recording) / 1000.0;
    double end = glmcc_recording_get_epoch_end (self->recording) / 1000.0;

    /* Translators: window title, "recording — GLMCC Studio". */
    title = g_strdup_printf (_("%s — GLMCC Studio"), name);
    subtitle = g_strdup_printf (_("%s · %u neurons · %.6g–%.6g s"), name, n_neurons (self),
                                start, end);
  }
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, _("GLMCC Studio"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

/* Lists ------------------------------------------------------------------------------------- */

typedef enum
{
  COL_REF,
  COL_TARGET,
  COL_J_FWD,
  COL_PSP_FWD,
  COL_STAT_FWD,
  COL_J_BWD,
  COL_PSP_BWD,
  COL_STAT_BWD,
  COL_DELAY,
  COL_STATUS,
  COL_NEURON_NAME,
  COL_NEURON_SPIKES,
  COL_NEURON_RATE,
  COL_NEURON_LABEL,
} Column;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label),
                        column == COL_REF || column == COL_TARGET || column == COL_STATUS ||
                        column == COL_NEURON_NAME || column == COL_NEURON_LABEL ? 0.0 : 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

/* Three significant digits and a true minus sign, as the figures print them. */
static char *
format_number (double value)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup ("—");
  text = g_strdup_printf ("%.3g", value);
  if (text[0] == '-')
    return g_strconcat ("−", text + 1, NULL);
  return g_steal_pointer (&text);
}

static void
set_sign_class (GtkWidget       *label,
                const GlmccEdge *edge)
{
  gtk_widget_remove_css_class (label, "excitatory");
  gtk_widget_remove_css_class (label, "inhibitory");
  gtk_widget_remove_css_class (label, "dim-label");
  if (edge == NULL)
    return;
  if (edge->status == GLMCC_STATUS_SIGNIFICANT)
    gtk_widget_add_css_class (label, edge->j > 0 ? "excitatory" : "inhibitory");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static void
pair_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GlmccPairItem *item = gtk_list_item_get_item (list_item);
  const GlmccEdge *fwd = glmcc_pair_item_get_edge (item, TRUE);
  const GlmccEdge *bwd = glmcc_pair_item_get_edge (item, FALSE);
  const GlmccEdge *sign_edge = NULL;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_REF:
      text = g_strdup (glmcc_pair_item_get_ref_name (item));
      break;
    case COL_TARGET:
      text = g_strdup (glmcc_pair_item_get_target_name (item));
      break;
    case COL_J_FWD:
      text = format_number (fwd->j);
      sign_edge = fwd;
      break;
    case COL_PSP_FWD:
      /* A PSP exists only for a significant connection. */
      text = fwd->status == GLMCC_STATUS_SIGNIFICANT ? format_number (fwd->psp_mv) : g_strdup ("—");
      sign_edge = fwd;
      break;
    case COL_STAT_FWD:
      text = format_number (isnan (fwd->threshold) ? fwd->statistic : fwd->threshold);
      break;
    case COL_J_BWD:
      text = format_number (bwd->j);
      sign_edge = bwd;
      break;
    case COL_PSP_BWD:
      text = bwd->status == GLMCC_STATUS_SIGNIFICANT ? format_number (bwd->psp_mv) : g_strdup ("—");
      sign_edge = bwd;
      break;
    case COL_STAT_BWD:
      text = format_number (isnan (bwd->threshold) ? bwd->statistic : bwd->threshold);
      break;
    case COL_DELAY:
      text = format_number (fwd->delay_ms);
      break;
    case COL_STATUS:
      text = glmcc_pair_item_dup_status_text (item);
      break;
    case COL_NEURON_NAME:
    case COL_NEURON_SPIKES:
    case COL_NEURON_RATE:
    case COL_NEURON_LABEL:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (label), text);
  set_sign_class (label, sign_edge);
  if (column == COL_STATUS)
    {
      g_autofree char *description = glmcc_pair_item_dup_description (item);

      gtk_widget_set_tooltip_text (label, description);
    }
}

static void
neuron_cell_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GlmccNeuronItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (label, "excitatory");
  gtk_widget_remove_css_class (label, "inhibitory");
  switch (column)
    {
    case COL_NEURON_NAME:
      text = g_strdup (glmcc_neuron_item_get_name (item));
      break;
    case COL_NEURON_SPIKES:
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, glmcc_neuron_item_get_n_spikes (item));
      break;
    case COL_NEURON_RATE:
      text = g_strdup_printf ("%.2f", glmcc_neuron_item_get_rate (item));
      break;
    case COL_NEURON_LABEL:
      switch (glmcc_neuron_item_get_label (item))
        {
        case GLMCC_LABEL_EXCITATORY:
          text = g_strdup (C_("neuron type", "E"));
          gtk_widget_add_css_class (label, "excitatory");
          break;
        case GLMCC_LABEL_INHIBITORY:
          text = g_strdup (C_("neuron type", "I"));
          gtk_widget_add_css_class (label, "inhibitory");
          break;
        case GLMCC_LABEL_UNKNOWN:
        default:
          text = g_strdup ("–");
          break;
        }
      break;
    case COL_REF:
    case COL_TARGET:
    case COL_J_FWD:
    case COL_PSP_FWD:
    case COL_STAT_FWD:
    case COL_J_BWD:
    case COL_PSP_BWD:
    case COL_STAT_BWD:
    case COL_DELAY:
    case COL_STATUS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
neuron_label_notify_cb (GlmccNeuronItem *item,
                        GParamSpec      *pspec,
                        GtkListItem     *list_item)
{
  if (gtk_list_item_get_item (list_item) == (gpointer) item)
    neuron_cell_bind_cb (NULL, list_item, GINT_TO_POINTER (COL_NEURON_LABEL));
}

static void
neuron_label_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  neuron_cell_bind_cb (factory, list_item, user_data);
  g_signal_connect_object (gtk_list_item_get_item (list_item), "notify::label",
                           G_CALLBACK (neuron_label_notify_cb), list_item, 0);
}

static void
neuron_label_unbind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item),
                                        neuron_label_notify_cb, list_item);
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            const char    *tooltip,
            Column         column,
            GtkSorter     *sorter,
            gboolean       expand,
            int            fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  gboolean is_neuron = column >= COL_NEURON_NAME;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (column));
  if (column == COL_NEURON_LABEL)
    {
      g_signal_connect (factory, "bind", G_CALLBACK (neuron_label_bind_cb),
                        GINT_TO_POINTER (column));
      g_signal_connect (factory, "unbind", G_CALLBACK (neuron_label_unbind_cb),
                        GINT_TO_POINTER (column));
    }
  else
    g_signal_connect (factory, "bind",
                      is_neuron ? G_CALLBACK (neuron_cell_bind_cb) : G_CALLBACK (pair_cell_bind_cb),
                      GINT_TO_POINTER (column));

  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (view, col);
  (void) tooltip;
  g_object_unref (col);
  if (sorter != NULL)
    g_object_unref (sorter);
  return col;
}

static GtkSorter *
numeric_sorter (GType       type,
                const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (type, NULL, property)));
}

static gboolean
pair_filter_func (gpointer item,
                  gpointer user_data)
{
  GlmccWindow *self = user_data;
  GlmccPairItem *pair = item;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pair_search));

  switch (gtk_drop_down_get_selected (self->pair_filter))
    {
    case FILTER_SIGNIFICANT:
      if (!glmcc_pair_item_is_significant (pair))
        return FALSE;
      break;
    case FILTER_EXCITATORY:
      if (!glmcc_pair_item_has_sign (pair, 1))
        return FALSE;
      break;
    case FILTER_INHIBITORY:
      if (!glmcc_pair_item_has_sign (pair, -1))
        return FALSE;
      break;
    default:
      break;
    }

  if (text != NULL && *text != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (text, -1);
      g_autofree char *a = g_utf8_casefold (glmcc_pair_item_get_ref_name (pair), -1);
      g_autofree char *b = g_utf8_casefold (glmcc_pair_item_get_target_name (pair), -1);

      if (strstr (a, needle) == NULL && strstr (b, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_pair_count (GlmccWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->pair_sort_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->pair_store));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u pair", "%u pairs", total), total);
  else
    /* Translators: pairs shown by the filter, of all analysed pairs. */
    text = g_strdup_printf (_("%u of %u pairs"), shown, total);
  gtk_label_set_label (self->pair_count_label, text);
  gtk_stack_set_visible_child_name (self->pair_table_stack, total > 0 ? "table" : "empty");
}

static void
filter_changed_cb (GlmccWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->pair_custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_pair_count (self);
}

static void
setup_lists (GlmccWindow *self)
{
  GtkSortListModel *neuron_sort;
  GtkSorter *sorter;

  /* Neurons: name (in file order), spikes, rate, E/I. */
  self->neuron_store = g_list_store_new (GLMCC_TYPE_NEURON_ITEM);
  add_column (self->neuron_view, _("Name"), NULL, COL_NEURON_NAME,
              numeric_sorter (GLMCC_TYPE_NEURON_ITEM, "index"), TRUE, -1);
  add_column (self->neuron_view, _("Spikes"), NULL, COL_NEURON_SPIKES,
              numeric_sorter (GLMCC_TYPE_NEURON_ITEM, "n-spikes"), FALSE, -1);
  add_column (self->neuron_view, _("Hz"), NULL, COL_NEURON_RATE,
              numeric_sorter (GLMCC_TYPE_NEURON_ITEM, "rate"), FALSE, -1);
  add_column (self->neuron_view, _("E/I"), NULL, COL_NEURON_LABEL,
              numeric_sorter (GLMCC_TYPE_NEURON_ITEM, "label"), FALSE, -1);
  sorter = gtk_column_view_get_sorter (self->neuron_view);
  neuron_sort = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->neuron_store)),
                                         g_object_ref (sorter));
  self->neuron_selection = gtk_single_selection_new (G_LIST_MODEL (neuron_sort));
  gtk_single_selection_set_autoselect (self->neuron_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->neuron_selection, TRUE);
  gtk_column_view_set_model (self->neuron_view, GTK_SELECTION_MODEL (self->neuron_selection));

  /* Pairs: store → filter → sort (by the column headers) → selection. */
  self->pair_store = g_list_store_new (GLMCC_TYPE_PAIR_ITEM);
  self->pair_items = g_hash_table_new (NULL, NULL);
  add_column (self->pair_view, _("Reference"), NULL, COL_REF,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "ref"), FALSE, 72);
  add_column (self->pair_view, _("Target"), NULL, COL_TARGET,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "target"), FALSE, 72);
  add_column (self->pair_view, _("J →"), NULL, COL_J_FWD,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "j-forward"), FALSE, 74);
  add_column (self->pair_view, _("PSP → mV"), NULL, COL_PSP_FWD,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "psp-forward"), FALSE, 76);
  add_column (self->pair_view, _("Thr./LR →"), NULL, COL_STAT_FWD,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "stat-forward"), FALSE, 74);
  add_column (self->pair_view, _("J ←"), NULL, COL_J_BWD,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "j-backward"), FALSE, 74);
  add_column (self->pair_view, _("PSP ← mV"), NULL, COL_PSP_BWD,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "psp-backward"), FALSE, 76);
  add_column (self->pair_view, _("Thr./LR ←"), NULL, COL_STAT_BWD,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "stat-backward"), FALSE, 74);
  add_column (self->pair_view, _("Delay ms"), NULL, COL_DELAY,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "delay"), FALSE, 70);
  add_column (self->pair_view, _("Status"), NULL, COL_STATUS,
              numeric_sorter (GLMCC_TYPE_PAIR_ITEM, "rank"), TRUE, 112);

  self->pair_custom_filter = gtk_custom_filter_new (pair_filter_func, self, NULL);
  self->pair_filter_model =
    gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->pair_store)),
                               GTK_FILTER (g_object_ref (self->pair_custom_filter)));
  self->pair_sort_model =
    gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->pair_filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->pair_view)));
  self->pair_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->pair_sort_model)));
  gtk_single_selection_set_autoselect (self->pair_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->pair_selection, TRUE);
  gtk_column_view_set_model (self->pair_view, GTK_SELECTION_MODEL (self->pair_selection));

  g_signal_connect_object (self->pair_search, "search-changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pair_filter, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  update_pair_count (self);
}

/* The pair on display ----------------------------------------------------------------------- */

static guint
pair_key (GlmccWindow *self,
          guint        a,
          guint        b)
{
  guint n = n_neurons (self);

  return MIN (a, b) * n + MAX (a, b) + 1;
}

static void
select_pair_row (GlmccWindow *self)
{
  GlmccPairItem *item = g_hash_table_lookup (self->pair_items,
                                             GUINT_TO_POINTER (pair_key (self, self->ref, self->target)));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pair_selection));
  GlmccPairItem *selected = gtk_single_selection_get_selected_item (self->pair_selection);

  if (item == NULL)
    {
      gtk_single_selection_set_selected (self->pair_selection, GTK_INVALID_LIST_POSITION);
      return;
    }
  if (selected == item)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlmccPairItem) row = g_list_model_get_item (G_LIST_MODEL (self->pair_selection), i);

      if (row == item)
        {
          GtkWidget *child;

          gtk_single_selection_set_selected (self->pair_selection, i);
          /* Bring the row into view: GtkListBase's scroll action lives on the inner list. */
          for (child = gtk_widget_get_first_child (GTK_WIDGET (self->pair_view));
               child != NULL; child = gtk_widget_get_next_sibling (child))
            if (GTK_IS_LIST_VIEW (child))
              gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->pair_selection, GTK_INVALID_LIST_POSITION);
}

void
_glmcc_window_set_pair (GlmccWindow *self,
                        guint        ref,
                        guint        target)
{
  guint n = n_neurons (self);

  g_return_if_fail (GLMCC_IS_WINDOW (self));

  if (n < 2 || ref >= n || target >= n || ref == target)
    return;
  if (self->has_pair && self->ref == ref && self->target == target)
    return;

  self->ref = ref;
  self->target = target;
  self->has_pair = TRUE;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->ref_dropdown, ref);
  gtk_drop_down_set_selected (self->target_dropdown, target);
  select_pair_row (self);
  self->updating = FALSE;

  glmcc_graph_view_set_highlight (self->matrix_view, ref, target);
  glmcc_graph_view_set_highlight (self->network_view, ref, target);
  request_fit (self);
}

static void
dropdown_changed_cb (GlmccWindow *self)
{
  guint ref = gtk_drop_down_get_selected (self->ref_dropdown);
  guint target = gtk_drop_down_get_selected (self->target_dropdown);
  guint n = n_neurons (self);

  if (self->updating || n < 2 || ref == GTK_INVALID_LIST_POSITION ||
      target == GTK_INVALID_LIST_POSITION)
    return;
  if (ref == target)
    {
      /* The other dropdown moved onto the same neuron: move it aside. */
      if (ref != self->ref)
        target = self->ref;
      else
        ref = self->target;
    }
  _glmcc_window_set_pair (self, ref, target);
}

static void
pair_selection_changed_cb (GlmccWindow *self)
{
  GlmccPairItem *item = gtk_single_selection_get_selected_item (self->pair_selection);

  if (self->updating || item == NULL)
    return;
  /* Keep the orientation on screen if the row is the same unordered pair. */
  if (self->has_pair && glmcc_pair_item_get_ref (item) == self->target &&
      glmcc_pair_item_get_target (item) == self->ref)
    return;
  _glmcc_window_set_pair (self, glmcc_pair_item_get_ref (item), glmcc_pair_item_get_target (item));
}

static void
neuron_selection_changed_cb (GlmccWindow *self)
{
  GlmccNeuronItem *item = gtk_single_selection_get_selected_item (self->neuron_selection);
  guint index;
  guint target;

  if (self->updating || item == NULL)
    return;
  index = glmcc_neuron_item_get_index (item);
  target = self->target;
  if (target == index)
    target = self->ref;
  _glmcc_window_set_pair (self, index, target);
}

void
_glmcc_window_step_pair (GlmccWindow *self,
                         int          direction,
                         gboolean     significant_only)
{
  GListModel *rows = G_LIST_MODEL (self->pair_selection);
  guint n_rows = g_list_model_get_n_items (rows);
  guint n = n_neurons (self);

  if (n < 2)
    return;

  if (n_rows > 0)
    {
      guint pos = gtk_single_selection_get_selected (self->pair_selection);
      int i;

      if (pos == GTK_INVALID_LIST_POSITION)
        i = direction > 0 ? -1 : (int) n_rows;
      else
        i = (int) pos;
      for (i += direction; i >= 0 && i < (int) n_rows; i += direction)
        {
          g_autoptr(GlmccPairItem) item = g_list_model_get_item (rows, i);

          if (!significant_only || glmcc_pair_item_is_significant (item))
            {
              _glmcc_window_set_pair (self, glmcc_pair_item_get_ref (item),
                                      glmcc_pair_item_get_target (item));
              return;
            }
        }
      _glmcc_window_toast (self, significant_only
                                 ? (direction > 0 ? _("No significant pair further down the table")
                                                  : _("No significant pair further up the table"))
                                 : (direction > 0 ? _("This is the last pair of the table")
                                                  : _("This is the first pair of the table")));
      return;
    }

  if (significant_only)
    {
      _glmcc_window_toast (self, _("Analyse all pairs first to know which pairs are significant"));
      return;
    }

  /* No table yet: walk the unordered pairs (i < j) in index order. */
  {
    guint i = MIN (self->ref, self->target);
    guint j = MAX (self->ref, self->target);

    if (direction > 0)
      {
        if (j + 1 < n)
          j++;
        else if (i + 2 < n)
          {
            i++;
            j = i + 1;
          }
        else
          return;
      }
    else
      {
        if (j > i + 1)
          j--;
        else if (i > 0)
          {
            i--;
            j = n - 1;
          }
        else
          return;
      }
    _glmcc_window_set_pair (self, i, j);
  }
}

/* Fitting ------------------------------------------------------------------------------------ */

static void
update_fit_busy (GlmccWindow *self)
{
  gboolean busy = glmcc_pair_fitter_is_busy (self->fitter);

  gtk_spinner_set_spinning (self->fit_spinner, busy);
}

static void
request_fit (GlmccWindow *self)
{
  if (self->recording == NULL || !self->has_pair || !self->params_valid)
    return;
  glmcc_pair_fitter_request (self->fitter, self->ref, self->target, &self->params);
  update_fit_busy (self);
}

static void
fitted_cb (GlmccWindow     *self,
           GlmccPairFitter *fitter)
{
  const GlmccFitted *fitted = glmcc_pair_fitter_get_result (fitter);
  g_autofree char *text = NULL;

  if (fitted == NULL || self->recording == NULL)
    return;
  glmcc_correlogram_view_set_fitted (self->correlogram_view, fitted,
                                     neuron_name (self, fitted->ref),
                                     neuron_name (self, fitted->target));
  text = g_strdup_printf (_("%llu lags · %.1f ms"), (unsigned long long) fitted->result.n_lags,
                          fitted->elapsed_ms);
  gtk_label_set_label (self->fit_time_label, text);
  update_fit_busy (self);
}

static void
params_changed_cb (GlmccWindow *self)
{
  GlmccParams params;

  self->params_valid = glmcc_param_panel_get_params (self->param_panel, &params, NULL);
  if (!self->params_valid)
    return;
  self->params = params;

  if (self->analysis != NULL)
    gtk_revealer_set_reveal_child (self->stale_revealer,
                                   !glmcc_params_equal (glmcc_analysis_get_params (self->analysis),
                                                        &self->params));
  request_fit (self);
}

/* All pairs ---------------------------------------------------------------------------------- */

static void
update_graph_types (GlmccWindow *self)
{
  guint n = n_neurons (self);

  for (guint i = 0; i < n; i++)
    {
      gboolean e = FALSE, inh = FALSE;

      for (guint j = 0; j < n; j++)
        {
          double psp = self->psp[(gsize) i * n + j];

          if (psp > 0)
            e = TRUE;
          else if (psp < 0)
            inh = TRUE;
        }
      self->types[i] = e && !inh ? GLMCC_PLOT_NODE_EXCITATORY
                     : inh && !e ? GLMCC_PLOT_NODE_INHIBITORY
                     : GLMCC_PLOT_NODE_UNKNOWN;
    }
}

static void
reset_graph (GlmccWindow *self)
{
  guint n = n_neurons (self);

  glmcc_graph_view_set_data (self->matrix_view, NULL);
  glmcc_graph_view_set_data (self->network_view, NULL);
  g_clear_pointer (&self->graph_data, glmcc_network_plot_data_free);
  g_clear_pointer (&self->psp, g_free);
  g_clear_pointer (&self->types, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  gtk_stack_set_visible_child_name (self->matrix_stack, "none");
  gtk_stack_set_visible_child_name (self->network_stack, "none");
  if (n == 0)
    return;

  self->names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->names[i] = g_strdup (neuron_name (self, i));
  self->psp = g_new (double, (gsize) n * n);
  for (gsize k = 0; k < (gsize) n * n; k++)
    self->psp[k] = NAN;
  for (guint i = 0; i < n; i++)
    self->psp[(gsize) i * n + i] = 0.0;
  self->types = g_new0 (GlmccPlotNodeType, n);

  glmcc_network_plot_init (&self->graph);
  self->graph.n = n;
  self->graph.names = (const char * const *) self->names;
  self->graph.psp_mv = self->psp;
  self->graph.types = self->types;
  self->graph.highlight_pre = -1;
  self->graph.highlight_post = -1;
}

static void
clear_pairs (GlmccWindow *self)
{
  g_hash_table_remove_all (self->pair_items);
  g_list_store_remove_all (self->pair_store);
  update_pair_count (self);
}

static double
shown_psp (const GlmccEdge *edge)
{
  return edge->status == GLMCC_STATUS_SIGNIFICANT ? edge->psp_mv : 0.0;
}

static void
pairs_ready_cb (GlmccWindow   *self,
                GPtrArray     *batch,
                GlmccAnalysis *analysis)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n = n_neurons (self);

  if (analysis != self->analysis)
    return;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < batch->len; k++)
    {
      const GlmccFinishedPair *pair = batch->pdata[k];
      GlmccPairItem *item = glmcc_pair_item_new (pair->ref, pair->target,
                                                 neuron_name (self, pair->ref),
                                                 neuron_name (self, pair->target),
                                                 &pair->forward, &pair->backward);

      g_ptr_array_add (items, item);
      g_hash_table_insert (self->pair_items,
                           GUINT_TO_POINTER (pair_key (self, pair->ref, pair->target)), item);
      self->psp[(gsize) pair->ref * n + pair->target] = shown_psp (&pair->forward);
      self->psp[(gsize) pair->target * n + pair->ref] = shown_psp (&pair->backward);
    }

  self->updating = TRUE;
  g_list_store_splice (self->pair_store, g_list_model_get_n_items (G_LIST_MODEL (self->pair_store)),
                       0, items->pdata, items->len);
  select_pair_row (self);
  self->updating = FALSE;
  update_pair_count (self);

  update_graph_types (self);
  glmcc_graph_view_set_data (self->matrix_view, &self->graph);
  glmcc_graph_view_set_data (self->network_view, &self->graph);
  glmcc_graph_view_set_highlight (self->matrix_view, self->ref, self->target);
  glmcc_graph_view_set_highlight (self->network_view, self->ref, self->target);
  gtk_stack_set_visible_child_name (self->matrix_stack, "view");
  gtk_stack_set_visible_child_name (self->network_stack, "view");
}

static char *
format_duration (double seconds)
{
  if (seconds < 0)
    return g_strdup ("—");
  if (seconds < 60)
    return g_strdup_printf (_("%.0f s"), ceil (seconds));
  if (seconds < 3600)
    return g_strdup_printf (_("%.0f min %02.0f s"), floor (seconds / 60), fmod (seconds, 60));
  return g_strdup_printf (_("%.0f h %02.0f min"), floor (seconds / 3600),
                          floor (fmod (seconds, 3600) / 60));
}

static void
progress_cb (GlmccWindow   *self,
             GParamSpec    *pspec,
             GlmccAnalysis *analysis)
{
  guint64 done = glmcc_analysis_get_n_done (analysis);
  guint64 total = glmcc_analysis_get_n_total (analysis);
  g_autofree char *eta = format_duration (glmcc_analysis_get_eta (analysis));
  g_autofree char *text = NULL;

  if (analysis != self->analysis)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  /* Translators: progress of the all-pairs run: done/total, speed, time left. */
  text = g_strdup_printf (_("%u / %u pairs · %.0f pairs/s · %s left"),
                          (guint) done, (guint) total, glmcc_analysis_get_rate (analysis), eta);
  gtk_label_set_label (self->progress_label, text);
}

static void
finished_cb (GlmccWindow   *self,
             GlmccAnalysis *analysis)
{
  GlmccResults *results = glmcc_analysis_get_results (analysis);
  guint n = n_neurons (self);
  guint64 done = glmcc_analysis_get_n_done (analysis);
  guint64 total = glmcc_analysis_get_n_total (analysis);
  g_autofree char *text = NULL;
  guint n_significant = 0;

  if (analysis != self->analysis)
    return;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  if (glmcc_analysis_get_error (analysis) != NULL)
    _glmcc_window_show_error (self, _("The Analysis Stopped"),
                              glmcc_analysis_get_error (analysis)->message);

  /* The run is over: its labels are final. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->neuron_store)); i++)
    {
      g_autoptr(GlmccNeuronItem) item = g_list_model_get_item (G_LIST_MODEL (self->neuron_store), i);
      guint index = glmcc_neuron_item_get_index (item);

      if (index < n)
        glmcc_neuron_item_set_label (item, glmcc_results_get_label (results, index));
    }
  for (gsize k = 0; k < (gsize) n * n; k++)
    if (self->psp != NULL && self->psp[k] != 0.0 && !isnan (self->psp[k]))
      n_significant++;

  /* The figures now come from the results, exactly as `glmcc plot --matrix|--network` draws
   * them (E/I labels from the core, positions when the recording has them). */
  g_clear_pointer (&self->graph_data, glmcc_network_plot_data_free);
  self->graph_data = glmcc_network_plot_data_new (results, self->recording);
  glmcc_graph_view_set_data (self->matrix_view, &self->graph_data->plot);
  glmcc_graph_view_set_data (self->network_view, &self->graph_data->plot);
  glmcc_graph_view_set_highlight (self->matrix_view, self->ref, self->target);
  glmcc_graph_view_set_highlight (self->network_view, self->ref, self->target);

  if (glmcc_analysis_was_cancelled (analysis))
    text = g_strdup_printf (_("Cancelled: %u of %u pairs kept"),
                            (guint) done, (guint) total);
  else
    text = g_strdup_printf (ngettext ("All %u pairs analysed: %u significant connection",
                                      "All %u pairs analysed: %u significant connections",
                                      n_significant),
                            (guint) total, n_significant);
  _glmcc_window_toast (self, text);
  gtk_revealer_set_reveal_child (self->stale_revealer,
                                 !glmcc_params_equal (glmcc_analysis_get_params (analysis),
                                                      &self->params));
  _glmcc_window_update_actions (self);
}

void
_glmcc_window_start_analysis (GlmccWindow *self)
{
  g_return_if_fail (GLMCC_IS_WINDOW (self));

  if (self->recording == NULL)
    return;
  if (self->analysis != NULL && glmcc_analysis_is_running (self->analysis))
    return;
  if (!self->params_valid)
    {
      _glmcc_window_toast (self, _("Fix the parameters first"));
      return;
    }

  if (self->analysis != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->analysis, self);
      g_clear_object (&self->analysis);
    }
  clear_pairs (self);
  reset_graph (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->neuron_store)); i++)
    {
      g_autoptr(GlmccNeuronItem) item = g_list_model_get_item (G_LIST_MODEL (self->neuron_store), i);

      glmcc_neuron_item_set_label (item, GLMCC_LABEL_UNKNOWN);
    }

  self->analysis = glmcc_analysis_new (self->recording, &self->params);
  if (self->analysis_hold_after > 0)
    _glmcc_analysis_set_hold_after (self->analysis, self->analysis_hold_after);
  g_signal_connect_object (self->analysis, "pairs-ready", G_CALLBACK (pairs_ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analysis, "notify::n-done", G_CALLBACK (progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analysis, "finished", G_CALLBACK (finished_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_label (self->progress_label, _("Starting…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_revealer_set_reveal_child (self->stale_revealer, FALSE);
  glmcc_analysis_start (self->analysis);
  _glmcc_window_update_actions (self);
}

void
_glmcc_window_cancel_analysis (GlmccWindow *self)
{
  g_return_if_fail (GLMCC_IS_WINDOW (self));

  if (self->analysis != NULL && glmcc_analysis_is_running (self->analysis))
    {
      glmcc_analysis_cancel (self->analysis);
      gtk_label_set_label (self->progress_label, _("Cancelling…"));
    }
}

/* The recording ------------------------------------------------------------------------------ */

static void
fill_neurons (GlmccWindow *self)
{
  guint n = n_neurons (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  for (guint i = 0; i < n; i++)
    {
      gsize n_spikes = 0;

      glmcc_recording_get_train (self->recording, i, &n_spikes);
      g_ptr_array_add (items, glmcc_neuron_item_new (i, neuron_name (self, i), n_spikes,
                                                     glmcc_recording_get_rate (self->recording, i)));
    }
  self->updating = TRUE;
  g_list_store_splice (self->neuron_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->neuron_store)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->neuron_selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  count = g_strdup_printf ("%u", n);
  gtk_label_set_label (self->neuron_count_label, count);
}

static void
update_recording_info (GlmccWindow *self)
{
  g_autoptr(GString) info = g_string_new (NULL);
  const char * const *notes = glmcc_recording_get_notes (self->recording);
  guint n = n_neurons (self);
  gsize dropped = 0;

  for (guint i = 0; i < n; i++)
    dropped += glmcc_recording_get_n_dropped (self->recording, i);

  g_string_append_printf (info, _("Format: %s. Epoch %.6g–%.6g s."),
                          glmcc_recording_get_format (self->recording),
                          glmcc_recording_get_epoch_start (self->recording) / 1000.0,
                          glmcc_recording_get_epoch_end (self->recording) / 1000.0);
  if (dropped > 0)
    g_string_append_printf (info, ngettext (" %zu spike outside the epoch left out.",
                                            " %zu spikes outside the epoch left out.", dropped),
                            dropped);
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    g_string_append_printf (info, "\n%s", notes[i]);
  gtk_label_set_label (self->recording_info_label, info->str);
}

static void
recording_changed (GlmccWindow *self,
                   gboolean     keep_pair)
{
  guint n = n_neurons (self);
  guint ref = keep_pair && self->has_pair ? self->ref : 0;
  guint target = keep_pair && self->has_pair ? self->target : 1;

  /* A new recording or epoch: the old run does not describe it any more. */
  if (self->analysis != NULL)
    {
      glmcc_analysis_cancel (self->analysis);
      g_signal_handlers_disconnect_by_data (self->analysis, self);
      g_clear_object (&self->analysis);
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->stale_revealer, FALSE);
  clear_pairs (self);
  reset_graph (self);

  glmcc_pair_fitter_set_recording (self->fitter, self->recording);
  glmcc_correlogram_view_set_fitted (self->correlogram_view, NULL, NULL, NULL);
  gtk_label_set_label (self->fit_time_label, "");

  self->updating = TRUE;
  g_object_freeze_notify (G_OBJECT (self->ref_dropdown));
  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

    for (guint i = 0; i < n; i++)
      gtk_string_list_append (names, neuron_name (self, i));
    g_set_object (&self->name_list, names);
    gtk_drop_down_set_model (self->ref_dropdown, G_LIST_MODEL (names));
    gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (names));
  }
  g_object_thaw_notify (G_OBJECT (self->ref_dropdown));
  self->updating = FALSE;

  fill_neurons (self);
  update_recording_info (self);
  update_title (self);

  self->has_pair = FALSE;
  if (ref >= n || target >= n || ref == target)
    {
      ref = 0;
      target = 1;
    }
  _glmcc_window_set_pair (self, ref, target);
  _glmcc_window_update_actions (self);
}

static void
epoch_changed_cb (GlmccWindow *self)
{
  double start_s, duration_s;
  g_autoptr(GError) error = NULL;
  GlmccRecording *view;

  if (self->source == NULL)
    return;
  glmcc_param_panel_get_epoch (self->param_panel, &start_s, &duration_s);
  view = glmcc_recording_with_epoch (self->source, start_s * 1000.0,
                                     (start_s + duration_s) * 1000.0, &error);
  if (view == NULL)
    {
      _glmcc_window_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  self->recording = view;
  recording_changed (self, TRUE);
}

static void
add_recent (GlmccWindow *self,
            const char  *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-recordings");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-recordings", (const char * const *) recent);
}

void
_glmcc_window_update_recent_menu (GlmccWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-recordings");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = display_name_of (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
    }
}

/* Loading ------------------------------------------------------------------------------------ */

typedef struct
{
  char             *path;
  char             *format;
  GlmccLoadOptions  options;
  guint             serial;
  GlmccRecording   *recording;
  double            extent_s;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->path);
  g_free (job->format);
  g_clear_pointer (&job->recording, glmcc_recording_unref);
  g_free (job);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  GlmccRecording *recording = glmcc_load (job->path, &job->options, &error);
  g_autoptr(GlmccRecording) all = NULL;
  double extent = 0.0;

  if (recording == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* How far the recording goes, so the epoch controls can reach all of it. */
  all = glmcc_recording_with_epoch (recording, -G_MAXDOUBLE / 4, G_MAXDOUBLE / 4, NULL);
  for (guint i = 0; all != NULL && i < glmcc_recording_get_n_neurons (all); i++)
    {
      gsize n = 0;
      const double *train = glmcc_recording_get_train (all, i, &n);

      if (n > 0)
        extent = MAX (extent, train[n - 1]);
    }
  job->extent_s = MAX (extent / 1000.0, glmcc_recording_get_epoch_end (recording) / 1000.0);
  job->recording = recording;
  g_task_return_boolean (task, TRUE);
}

static void
stop_loading_indicator (GlmccWindow *self)
{
  g_clear_handle_id (&self->loading_pulse_id, g_source_remove);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
}

typedef struct
{
  char             *path;
  GlmccLoadOptions  options;
  char             *format;
  GtkEditable      *entry;
} RateRetry;

static void
rate_retry_free (gpointer data)
{
  RateRetry *retry = data;

  g_free (retry->path);
  g_free (retry->format);
  g_free (retry);
}

static void
rate_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GlmccWindow      *self)
{
  RateRetry *retry = g_object_get_data (G_OBJECT (dialog), "retry");
  const char *text = gtk_editable_get_text (retry->entry);
  g_autoptr(GFile) file = NULL;
  char *end = NULL;
  double rate;

  if (!g_str_equal (response, "open"))
    return;
  rate = g_ascii_strtod (text, &end);
  if (end == text || !(rate > 0) || !isfinite (rate))
    {
      _glmcc_window_toast (self, _("The sample rate must be a positive number of Hz"));
      return;
    }
  retry->options.sample_rate = rate;
  retry->options.format = retry->format;
  file = g_file_new_for_path (retry->path);
  glmcc_window_open (self, file, &retry->options);
}

/* The format counts time in samples and the files do not say the rate: ask for it. */
static void
ask_sample_rate (GlmccWindow *self,
                 LoadJob     *job,
                 const char  *message)
{
  g_autofree char *name = display_name_of (job->path);
  g_autofree char *heading = g_strdup_printf (_("What Is the Sample Rate of “%s”?"), name);
  g_autofree char *body = g_strdup_printf (_("%s\n\nThe spike times are sample indices. Give the "
                                             "rate they were sampled at to convert them to time."),
                                           message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();
  RateRetry *retry = g_new0 (RateRetry, 1);

  retry->path = g_strdup (job->path);
  retry->options = job->options;
  retry->format = g_strdup (job->format);
  retry->entry = GTK_EDITABLE (entry);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Hz, e.g. 30000"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sample rate in Hz"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "retry", retry, rate_retry_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GlmccWindow) self = user_data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable) || job->serial != self->load_serial)
    return;

  stop_loading_indicator (self);
  _glmcc_window_update_actions (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = display_name_of (job->path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (g_error_matches (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE)
          && !(job->options.sample_rate > 0))
        ask_sample_rate (self, job, error->message);
      else
        _glmcc_window_show_error (self, heading, error->message);
      return;
    }

  g_clear_pointer (&self->source, glmcc_recording_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  self->source = g_steal_pointer (&job->recording);
  self->recording = glmcc_recording_ref (self->source);
  self->extent_s = job->extent_s;
  g_free (self->path);
  self->path = g_strdup (job->path);

  {
    double start = glmcc_recording_get_epoch_start (self->recording) / 1000.0;
    double end = glmcc_recording_get_epoch_end (self->recording) / 1000.0;

    glmcc_param_panel_set_epoch (self->param_panel, self->extent_s, start, end - start);
  }

  gtk_stack_set_visible_child_name (self->main_stack, "recording");
  add_recent (self, self->path);
  recording_changed (self, FALSE);
}

static gboolean
loading_pulse_cb (gpointer data)
{
  GlmccWindow *self = data;
  double elapsed = (g_get_monotonic_time () - self->loading_since) / (double) G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  gtk_progress_bar_pulse (self->loading_progress);
  text = g_strdup_printf ("%.1f s", elapsed);
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_progress_bar_set_show_text (self->loading_progress, elapsed > 1.0);
  return G_SOURCE_CONTINUE;
}

void
glmcc_window_open (GlmccWindow            *self,
                   GFile                  *file,
                   const GlmccLoadOptions *options)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  LoadJob *job;

  g_return_if_fail (GLMCC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (LoadJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      load_job_free (job);
      _glmcc_window_show_error (self, _("Could Not Open the Recording"),
                                uri);
      return;
    }
  if (options != NULL)
    job->options = *options;
  else
    glmcc_load_options_init (&job->options);
  job->format = g_strdup (job->options.format);
  job->options.format = job->format;
  job->options.units = NULL;
  job->options.variable = NULL;
  job->serial = ++self->load_serial;

  name = display_name_of (job->path);
  label = g_strdup_printf (_("Reading %s…"), name);
  gtk_label_set_label (self->loading_label, label);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  self->loading_since = g_get_monotonic_time ();
  if (self->loading_pulse_id == 0)
    self->loading_pulse_id = g_timeout_add (100, loading_pulse_cb, self);

  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, glmcc_window_open);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_worker);
  _glmcc_window_update_actions (self);
}

/* Drag and drop ------------------------------------------------------------------------------ */

/* The options given on the command line, if the window belongs to the application. */
static const GlmccLoadOptions *
drop_load_options (void)
{
  GApplication *app = g_application_get_default ();

  return GLMCC_IS_APPLICATION (app) ? glmcc_application_get_load_options (GLMCC_APPLICATION (app))
                                    : NULL;
}

static gboolean
drop_cb (GlmccWindow   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  glmcc_window_open (self, G_FILE (files->data), drop_load_options ());
  return TRUE;
}

/* Figures and results ------------------------------------------------------------------------ */

gboolean
_glmcc_window_export_figure (GlmccWindow *self,
                             const char  *path,
                             int          format,
                             double       width_pt,
                             double       height_pt,
                             double       dpi,
                             GError     **error)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "matrix") == 0 || g_strcmp0 (page, "network") == 0)
    {
      GlmccGraphView *view = g_str_equal (page, "matrix") ? self->matrix_view : self->network_view;

      if (self->psp == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->pair_store)) == 0)
        {
          g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                               _("Analyse all pairs before exporting this figure."));
          return FALSE;
        }
      return glmcc_graph_view_export (view, path, format, width_pt, height_pt, dpi, error);
    }

  if (!glmcc_correlogram_view_has_fit (self->correlogram_view))
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("There is no correlogram to export yet."));
      return FALSE;
    }
  return glmcc_correlogram_view_export (self->correlogram_view, path, format, width_pt,
                                        height_pt, dpi, error);
}

gboolean
_glmcc_window_export_results (GlmccWindow *self,
                              const char  *path,
                              GError     **error)
{
  GlmccResults *results;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (self->analysis == NULL || glmcc_analysis_get_n_done (self->analysis) == 0)
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("Analyse all pairs before exporting results."));
      return FALSE;
    }
  results = glmcc_analysis_get_results (self->analysis);
  if (g_str_has_suffix (lower, ".csv"))
    return glmcc_results_write_matrix (results, path, error);
  if (g_str_has_suffix (lower, ".tsv"))
    return glmcc_results_write_edges (results, path, error);
  if (g_str_has_suffix (lower, ".graphml"))
    return glmcc_results_write_graphml (results, path, error);
  return glmcc_results_write_json (results, path, error);
}

/* Window life -------------------------------------------------------------------------------- */

static void
unit_toggled_cb (GlmccWindow *self)
{
  GlmccPlotUnit unit = gtk_toggle_button_get_active (self->unit_rate_button)
                       ? GLMCC_PLOT_UNIT_RATE : GLMCC_PLOT_UNIT_COUNT;

  glmcc_correlogram_view_set_unit (self->correlogram_view, unit);
  g_settings_set_enum (self->settings, "y-unit", unit == GLMCC_PLOT_UNIT_RATE ? 1 : 0);
}

static void
graph_pair_activated_cb (GlmccWindow    *self,
                         guint           pre,
                         guint           post,
                         GlmccGraphView *view)
{
  if (post == G_MAXUINT)
    {
      /* A neuron: list its pairs. */
      gtk_editable_set_text (GTK_EDITABLE (self->pair_search), neuron_name (self, pre));
      return;
    }
  _glmcc_window_set_pair (self, pre, post);
  adw_view_stack_set_visible_child_name (self->view_stack, "correlogram");
}

static void
readout_cb (GlmccWindow *self)
{
  gtk_label_set_label (self->readout_label,
                       glmcc_correlogram_view_get_readout (self->correlogram_view));
  gtk_label_set_label (self->matrix_readout_label,
                       glmcc_graph_view_get_readout (self->matrix_view));
  gtk_label_set_label (self->network_readout_label,
                       glmcc_graph_view_get_readout (self->network_view));
}

static gboolean
glmcc_window_close_request (GtkWindow *window)
{
  GlmccWindow *self = GLMCC_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  g_cancellable_cancel (self->cancellable);
  if (self->analysis != NULL)
    glmcc_analysis_cancel (self->analysis);

  return GTK_WINDOW_CLASS (glmcc_window_parent_class)->close_request (window);
}

static void
glmcc_window_dispose (GObject *object)
{
  GlmccWindow *self = GLMCC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->loading_pulse_id, g_source_remove);
  if (self->analysis != NULL)
    {
      glmcc_analysis_cancel (self->analysis);
      g_signal_handlers_disconnect_by_data (self->analysis, self);
      g_clear_object (&self->analysis);
    }
  if (self->fitter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->fitter, self);
      glmcc_pair_fitter_clear (self->fitter);
    }
  if (self->pair_view != NULL)
    gtk_column_view_set_model (self->pair_view, NULL);
  if (self->neuron_view != NULL)
    gtk_column_view_set_model (self->neuron_view, NULL);
  if (self->matrix_view != NULL)
    glmcc_graph_view_set_data (self->matrix_view, NULL);
  if (self->network_view != NULL)
    glmcc_graph_view_set_data (self->network_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_WINDOW);

  g_clear_object (&self->fitter);
  g_clear_object (&self->pair_selection);
  g_clear_object (&self->pair_sort_model);
  g_clear_object (&self->pair_filter_model);
  g_clear_object (&self->pair_custom_filter);
  g_clear_object (&self->pair_store);
  g_clear_object (&self->neuron_selection);
  g_clear_object (&self->neuron_store);
  g_clear_object (&self->name_list);
  g_clear_pointer (&self->pair_items, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glmcc_window_parent_class)->dispose (object);
}

static void
glmcc_window_finalize (GObject *object)
{
  GlmccWindow *self = GLMCC_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->source, glmcc_recording_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->psp, g_free);
  g_clear_pointer (&self->types, g_free);
  g_clear_pointer (&self->graph_data, glmcc_network_plot_data_free);

  G_OBJECT_CLASS (glmcc_window_parent_class)->finalize (object);
}

static void
glmcc_window_class_init (GlmccWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = glmcc_window_dispose;
  object_class->finalize = glmcc_window_finalize;
  window_class->close_request = glmcc_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GlmccWindow, name)
  BIND (toast_overlay);
  BIND (switcher_title);
  BIND (recent_section);
  BIND (loading_revealer);
  BIND (loading_spinner);
  BIND (loading_label);
  BIND (loading_progress);
  BIND (main_stack);
  BIND (demo_button);
  BIND (neuron_flap);
  BIND (param_flap);
  BIND (center_paned);
  BIND (neuron_count_label);
  BIND (neuron_view);
  BIND (recording_info_label);
  BIND (stale_revealer);
  BIND (progress_revealer);
  BIND (progress_bar);
  BIND (progress_label);
  BIND (ref_dropdown);
  BIND (target_dropdown);
  BIND (fit_spinner);
  BIND (fit_time_label);
  BIND (unit_count_button);
  BIND (unit_rate_button);
  BIND (view_stack);
  BIND (correlogram_view);
  BIND (readout_label);
  BIND (matrix_stack);
  BIND (network_stack);
  BIND (matrix_view);
  BIND (network_view);
  BIND (matrix_readout_label);
  BIND (network_readout_label);
  BIND (pair_search);
  BIND (pair_filter);
  BIND (pair_count_label);
  BIND (pair_table_stack);
  BIND (pair_view);
  BIND (param_panel);
#undef BIND

  _glmcc_window_class_actions_init (widget_class);
}

static void
glmcc_window_init (GlmccWindow *self)
{
  GtkDropTarget *drop;
  GtkExpression *expression;
  g_autofree char *demo = NULL;
  int width, height;

  g_type_ensure (GLMCC_TYPE_CORRELOGRAM_VIEW);
  g_type_ensure (GLMCC_TYPE_GRAPH_VIEW);
  g_type_ensure (GLMCC_TYPE_PARAM_PANEL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = glmcc_settings_new ();
  self->cancellable = g_cancellable_new ();
  self->fitter = glmcc_pair_fitter_new ();
  glmcc_network_plot_init (&self->graph);

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  setup_lists (self);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->ref_dropdown, expression);
  gtk_drop_down_set_expression (self->target_dropdown, expression);
  gtk_expression_unref (expression);

  g_signal_connect_object (self->ref_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->target_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pair_selection, "notify::selected",
                           G_CALLBACK (pair_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->neuron_selection, "notify::selected",
                           G_CALLBACK (neuron_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fitter, "fitted", G_CALLBACK (fitted_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->param_panel, "changed", G_CALLBACK (params_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->param_panel, "epoch-changed", G_CALLBACK (epoch_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->correlogram_view, "notify::readout", G_CALLBACK (readout_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "notify::readout", G_CALLBACK (readout_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network_view, "notify::readout", G_CALLBACK (readout_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "pair-activated",
                           G_CALLBACK (graph_pair_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network_view, "pair-activated",
                           G_CALLBACK (graph_pair_activated_cb), self, G_CONNECT_SWAPPED);

  if (g_settings_get_enum (self->settings, "y-unit") == 1)
    {
      gtk_toggle_button_set_active (self->unit_rate_button, TRUE);
      glmcc_correlogram_view_set_unit (self->correlogram_view, GLMCC_PLOT_UNIT_RATE);
    }
  g_signal_connect_object (self->unit_rate_button, "toggled", G_CALLBACK (unit_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::recent-recordings",
                           G_CALLBACK (_glmcc_window_update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  _glmcc_window_update_recent_menu (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  demo = glmcc_find_demo_recording ();
  gtk_widget_set_visible (self->demo_button, demo != NULL);

  self->params_valid = glmcc_param_panel_get_params (self->param_panel, &self->params, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  update_title (self);
  _glmcc_window_update_actions (self);
}

GlmccWindow *
glmcc_window_new (GlmccApplication *application)
{
  return g_object_new (GLMCC_TYPE_WINDOW, "application", application, NULL);
}

/* Test hooks --------------------------------------------------------------------------------- */

gboolean
_glmcc_window_is_loading (GlmccWindow *self)
{
  return self->loading_pulse_id != 0;
}

GlmccRecording *
_glmcc_window_get_recording (GlmccWindow *self)
{
  return self->recording;
}

GListModel *
_glmcc_window_get_pair_model (GlmccWindow *self)
{
  return G_LIST_MODEL (self->pair_selection);
}

GListStore *
_glmcc_window_get_pair_store (GlmccWindow *self)
{
  return self->pair_store;
}

GlmccPairFitter *
_glmcc_window_get_fitter (GlmccWindow *self)
{
  return self->fitter;
}

GlmccCorrelogramView *
_glmcc_window_get_correlogram_view (GlmccWindow *self)
{
  return self->correlogram_view;
}

GlmccParamPanel *
_glmcc_window_get_param_panel (GlmccWindow *self)
{
  return self->param_panel;
}

GlmccAnalysis *
_glmcc_window_get_analysis (GlmccWindow *self)
{
  return self->analysis;
}

gboolean
_glmcc_window_is_stale (GlmccWindow *self)
{
  return gtk_revealer_get_reveal_child (self->stale_revealer);
}

void
_glmcc_window_set_analysis_hold (GlmccWindow *self,
                                 guint        n_slices)
{
  self->analysis_hold_after = n_slices;
}

void
_glmcc_window_select_row (GlmccWindow *self,
                          guint        position)
{
  gtk_single_selection_set_selected (self->pair_selection, position);
}
