/* glmcc-pair-table.c: the pair table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model chain is declared in glmcc-pair-table.ui: the session's pairs → a GlmccPairModel
 * that filters and sorts them → a single selection. A 1,000-neuron run has 499,500 pairs, and
 * GtkSortListModel calls the column view's sorter for every comparison (seconds for one
 * sort), so the model sorts itself, from keys, and the column headers only say what to sort
 * by: their sorters (GlmccPairSorter) are asked, with two probe objects, which column is
 * first and in which direction. The cells are GtkBuilderListItemFactory templates in the same
 * file; their closures (number formatting, sign classes) and the right-click handler are this
 * file's template callbacks. The table starts sorted by (reference, target), with the arrow
 * shown, and goes back to the top whenever the order changes.
 */
#define G_LOG_DOMAIN "glmcc-pair-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "glmcc-enums.h"
#include "glmcc-format.h"
#include "glmcc-pair-item.h"
#include "glmcc-pair-model.h"
#include "glmcc-pair-sorter.h"
#include "glmcc-pair-table-private.h"

struct _GlmccPairTable
{
  GtkWidget            parent_instance;

  GlmccSession        *session;
  char               **needles;        /* casefolded search words */
  gboolean            *exact;          /* per word: it is a whole neuron name */
  guint32             *matches;        /* per neuron: bit i set when word i names it */
  guint                n_matches;
  guint32              n_needles_bits; /* a bit per word */
  char                *signature;      /* the neurons the filters were set for */
  gboolean             updating;
  GtkWidget           *menu;           /* GtkPopoverMenu, or NULL */
  guint                pending_scroll; /* a row to scroll to once the rows have a size */
  guint                scroll_tick_id;

  /* Template widgets */
  GtkWidget           *box;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *significance_dropdown;
  GtkDropDown         *curation_dropdown;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkLabel            *no_match_label;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *ref_column;
  GtkColumnViewColumn *truth_column;
  GtkColumnViewColumn *psp_fwd_column;
  GtkColumnViewColumn *psp_bwd_column;
  GtkSingleSelection  *selection;
  GlmccPairModel      *pair_model;
};

G_DEFINE_FINAL_TYPE (GlmccPairTable, glmcc_pair_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Cells (template callbacks) ---------------------------------------------------------------- */

static char *
format_value (GtkListItem *item,
              double       value)
{
  return glmcc_format_number (value, 3);
}

static char **
sign_classes (GtkListItem *item,
              int          sign)
{
  const char *classes[] = { "numeric", sign > 0 ? "excitatory" : sign < 0 ? "inhibitory"
                                                                          : "dim-label", NULL };

  return g_strdupv ((char **) classes);
}

static void
popup_menu (GlmccPairTable *self,
            GtkWidget      *from,
            double          x,
            double          y)
{
  double tx = x, ty = y;

  if (self->menu == NULL)
    return;
  if (from != NULL)
    gtk_widget_translate_coordinates (from, GTK_WIDGET (self), x, y, &tx, &ty);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) tx, (int) ty, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* A right click on a cell: that row's pair, then the curation menu. */
static void
cell_menu_cb (GtkListItem     *item,
              int              n_press,
              double           x,
              double           y,
              GtkGestureClick *gesture)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *table = gtk_widget_get_ancestor (cell, GLMCC_TYPE_PAIR_TABLE);
  guint position = gtk_list_item_get_position (item);

  if (table == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (GLMCC_PAIR_TABLE (table)->selection, position);
  popup_menu (GLMCC_PAIR_TABLE (table), cell, x, y);
}

/* Filtering --------------------------------------------------------------------------------- */

static gboolean
word_matches (const char *word,
              gboolean    exact,
              const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  /* "cell4" is that neuron, not cell40 … cell49 too. */
  return exact ? g_str_equal (folded, word) : strstr (folded, word) != NULL;
}

static gboolean
filter_func (GlmccPairItem *pair,
             gpointer       user_data)
{
  GlmccPairTable *self = user_data;
  guint ref = glmcc_pair_item_get_ref (pair), target = glmcc_pair_item_get_target (pair);

  switch (gtk_drop_down_get_selected (self->significance_dropdown))
    {
    case GLMCC_PAIR_FILTER_SIGNIFICANT:
      if (!glmcc_pair_item_is_significant (pair))
        return FALSE;
      break;
    case GLMCC_PAIR_FILTER_EXCITATORY:
      if (!glmcc_pair_item_has_sign (pair, 1))
        return FALSE;
      break;
    case GLMCC_PAIR_FILTER_INHIBITORY:
      if (!glmcc_pair_item_has_sign (pair, -1))
        return FALSE;
      break;
    default:
      break;
    }

  switch (gtk_drop_down_get_selected (self->curation_dropdown))
    {
    case GLMCC_CURATION_FILTER_ACCEPTED:
      if (!glmcc_pair_item_has_mark (pair, GLMCC_MARK_ACCEPTED))
        return FALSE;
      break;
    case GLMCC_CURATION_FILTER_REJECTED:
      if (!glmcc_pair_item_has_mark (pair, GLMCC_MARK_REJECTED))
        return FALSE;
      break;
    case GLMCC_CURATION_FILTER_UNSURE:
      if (!glmcc_pair_item_has_mark (pair, GLMCC_MARK_UNSURE))
        return FALSE;
      break;
    case GLMCC_CURATION_FILTER_CURATED:
      if (glmcc_pair_item_get_mark (pair, TRUE) == GLMCC_MARK_NONE &&
          glmcc_pair_item_get_mark (pair, FALSE) == GLMCC_MARK_NONE)
        return FALSE;
      break;
    case GLMCC_CURATION_FILTER_UNCURATED:
      if (glmcc_pair_item_get_mark (pair, TRUE) != GLMCC_MARK_NONE ||
          glmcc_pair_item_get_mark (pair, FALSE) != GLMCC_MARK_NONE)
        return FALSE;
      break;
    default:
      break;
    }

  /* Every word must name one of the two neurons: each neuron's words are known already. */
  if (self->needles == NULL || self->needles[0] == NULL)
    return TRUE;
  if (ref < self->n_matches && target < self->n_matches)
    {
      guint32 all = self->n_needles_bits;

      return ((self->matches[ref] | self->matches[target]) & all) == all;
    }
  for (guint i = 0; self->needles[i] != NULL; i++)
    if (!word_matches (self->needles[i], self->exact[i], glmcc_pair_item_get_ref_name (pair)) &&
        !word_matches (self->needles[i], self->exact[i], glmcc_pair_item_get_target_name (pair)))
      return FALSE;
  return TRUE;
}

static void
update_needles (GlmccPairTable *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " ,;\t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_neurons = self->session != NULL ? glmcc_session_get_n_neurons (self->session) : 0;
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  g_strfreev (self->needles);
  self->needles = g_strv_builder_end (builder);
  n = g_strv_length (self->needles);
  g_free (self->exact);
  self->exact = g_new0 (gboolean, n + 1);
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < n_neurons && !self->exact[i]; k++)
      {
        g_autofree char *name = g_utf8_casefold (glmcc_session_get_neuron_name (self->session, k), -1);

        self->exact[i] = g_str_equal (name, self->needles[i]);
      }
  /* Which words name which neuron, once, instead of for each of half a million pairs (up to
   * 32 words; more are matched pair by pair). */
  g_clear_pointer (&self->matches, g_free);
  self->n_matches = 0;
  self->n_needles_bits = n < 32 ? (1u << n) - 1 : 0xffffffffu;
  if (n > 0 && n <= 32)
    {
      self->matches = g_new0 (guint32, MAX (n_neurons, 1u));
      self->n_matches = n_neurons;
      for (guint k = 0; k < n_neurons; k++)
        for (guint i = 0; i < n; i++)
          if (word_matches (self->needles[i], self->exact[i], glmcc_session_get_neuron_name (self->session, k)))
            self->matches[k] |= 1u << i;
    }
}

static void
update_count (GlmccPairTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->pair_model));
  guint total = glmcc_pair_model_get_n_total (self->pair_model);
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u pair", "%u pairs", total), total);
  else
    /* Translators: pairs shown by the filter, of all analysed pairs. */
    text = g_strdup_printf (_("%u of %u pairs"), shown, total);
  gtk_label_set_label (self->count_label, text);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("None of the %u pair matches the filters.",
                                                            "None of the %u pairs match the filters.",
                                                            total), total);

      gtk_label_set_label (self->no_match_label, message);
      gtk_stack_set_visible_child_name (self->stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "table");
}

static void
filter_changed (GlmccPairTable *self)
{
  update_needles (self);
  glmcc_pair_model_refilter (self->pair_model);
  update_count (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
clear_filters_cb (GlmccPairTable *self)
{
  glmcc_pair_table_reset (self);
}

/* Selection ---------------------------------------------------------------------------------- */

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (user_data);
  guint position = self->pending_scroll;

  /* Not laid out yet: a list view told to scroll before it has a size shows one row, the
   * first, until the user scrolls (GTK 4.8). Wait for a frame in which it has one. */
  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_height (widget) <= 0)
    return G_SOURCE_CONTINUE;
  self->scroll_tick_id = 0;
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->pair_model)))
    gtk_widget_activate_action (widget, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

static void
scroll_to_row (GlmccPairTable *self,
               guint           position)
{
  /* GtkListBase's scroll action lives on the column view's inner list view. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        if (gtk_widget_get_mapped (child) && gtk_widget_get_height (child) > 0 && self->scroll_tick_id == 0)
          {
            gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
            return;
          }
        self->pending_scroll = position;
        if (self->scroll_tick_id == 0)
          self->scroll_tick_id = gtk_widget_add_tick_callback (child, scroll_tick_cb, self, NULL);
        return;
      }
}

/* Selects the row of the session's pair (either orientation), or nothing. */
static void
select_session_pair (GlmccPairTable *self)
{
  GlmccPairItem *selected = gtk_single_selection_get_selected_item (self->selection);
  guint ref, target, position;

  if (self->session == NULL || !glmcc_session_get_pair (self->session, &ref, &target))
    return;
  if (selected != NULL &&
      MIN (ref, target) == glmcc_pair_item_get_ref (selected) &&
      MAX (ref, target) == glmcc_pair_item_get_target (selected))
    return;

  self->updating = TRUE;
  position = glmcc_pair_model_find (self->pair_model, ref, target);
  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_to_row (self, position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
selection_changed_cb (GlmccPairTable *self)
{
  GlmccPairItem *item = gtk_single_selection_get_selected_item (self->selection);
  guint ref, target, shown_ref, shown_target;

  if (self->updating || item == NULL || self->session == NULL)
    return;
  /* Keep the orientation on screen if the row is the same unordered pair. */
  if (glmcc_session_get_pair (self->session, &ref, &target) &&
      MIN (ref, target) == glmcc_pair_item_get_ref (item) &&
      MAX (ref, target) == glmcc_pair_item_get_target (item))
    return;
  glmcc_pair_item_get_shown_pair (item, &shown_ref, &shown_target);
  glmcc_session_set_pair (self->session, shown_ref, shown_target);
}

/* The order the column headers show: asked of the column view's sorter with probes, since
 * GTK 4.8 does not say which column it sorts by. Each column's sorter compares two probes by
 * their key for it; the view's sorter asks its columns in the order the user clicked them. */
static gboolean
read_sort (GlmccPairTable  *self,
           GlmccPairColumn *column,
           gboolean        *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering direction[GLMCC_PAIR_N_COLUMNS];
  double a[GLMCC_PAIR_N_COLUMNS] = { 0 }, b[GLMCC_PAIR_N_COLUMNS] = { 0 };

  /* Which columns sort, and which way: probes that differ in that column only. */
  for (guint k = 0; k < GLMCC_PAIR_N_COLUMNS; k++)
    {
      g_autoptr(GObject) pa = NULL;
      g_autoptr(GObject) pb = NULL;

      b[k] = 1.0;
      pa = glmcc_pair_sorter_new_probe (a);
      pb = glmcc_pair_sorter_new_probe (b);
      direction[k] = gtk_sorter_compare (sorter, pa, pb);
      b[k] = 0.0;
    }
  /* The first of them: it decides against every other one. */
  for (guint k = 0; k < GLMCC_PAIR_N_COLUMNS; k++)
    {
      gboolean first = direction[k] != GTK_ORDERING_EQUAL;

      for (guint j = 0; j < GLMCC_PAIR_N_COLUMNS && first; j++)
        if (j != k && direction[j] != GTK_ORDERING_EQUAL)
          {
            g_autoptr(GObject) pa = NULL;
            g_autoptr(GObject) pb = NULL;

            a[j] = 1.0;
            b[k] = 1.0;
            pa = glmcc_pair_sorter_new_probe (a);
            pb = glmcc_pair_sorter_new_probe (b);
            first = gtk_sorter_compare (sorter, pa, pb) == direction[k];
            a[j] = b[k] = 0.0;
          }
      if (first)
        {
          *column = k;
          *descending = direction[k] == GTK_ORDERING_LARGER;
          return TRUE;
        }
    }
  return FALSE;
}

static void
sorter_changed_cb (GlmccPairTable *self)
{
  GlmccPairColumn column = GLMCC_PAIR_COLUMN_REF;
  gboolean descending = FALSE;

  if (self->column_view == NULL)
    return;
  read_sort (self, &column, &descending);
  /* A new order starts at its top, not at the old scroll position: scrolled there before the
   * rows change, while the list can still place the position (after, GTK warns "failed to
   * scroll to given position" on every sort of a large table, rows not laid out yet). */
  if (self->scroller != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
  glmcc_pair_model_set_sort (self->pair_model, column, descending);
}

static void
rows_changed_cb (GlmccPairTable *self)
{
  update_count (self);
}

/* The session -------------------------------------------------------------------------------- */

static char *
neurons_signature (GlmccSession *session)
{
  guint n = glmcc_session_get_n_neurons (session);

  if (n == 0)
    return g_strdup ("");
  return g_strdup_printf ("%u:%s:%s", n, glmcc_session_get_neuron_name (session, 0),
                          glmcc_session_get_neuron_name (session, n - 1));
}

/* Other neurons: a name filter for the old ones would only hide everything. */
static void
recording_changed_cb (GlmccPairTable *self)
{
  g_autofree char *signature = neurons_signature (self->session);

  if (g_strcmp0 (signature, self->signature) != 0)
    {
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      glmcc_pair_table_reset (self);
    }
}

/* TRUE when the rows are in the order of @column. */
static gboolean
sorted_by (GlmccPairTable  *self,
           GlmccPairColumn  column)
{
  GlmccPairColumn sort_column;

  glmcc_pair_model_get_sort (self->pair_model, &sort_column, NULL);
  return sort_column == column;
}

static void
curation_changed_cb (GlmccPairTable *self)
{
  if (gtk_drop_down_get_selected (self->curation_dropdown) != GLMCC_CURATION_FILTER_ANY)
    filter_changed (self);
  else if (sorted_by (self, GLMCC_PAIR_COLUMN_CURATION))
    glmcc_pair_model_refilter (self->pair_model);
}

/* The strength columns hold a PSP in mV for GLMCC, and for the baselines their signed strength,
 * the relative excess of coincidences, which has no unit: the titles follow the method of the
 * results shown. */
static void
results_changed_cb (GlmccPairTable *self)
{
  GlmccResults *results = self->session != NULL ? glmcc_session_get_results (self->session) : NULL;
  GlmccMethod method = GLMCC_METHOD_GLMCC;

  if (results != NULL)
    method = glmcc_results_get_params (results)->method;
  else if (self->session != NULL)
    method = glmcc_session_get_params (self->session)->method;
  if (method == GLMCC_METHOD_GLMCC)
    {
      gtk_column_view_column_set_title (self->psp_fwd_column, _("PSP → mV"));
      gtk_column_view_column_set_title (self->psp_bwd_column, _("PSP ← mV"));
    }
  else
    {
      /* Translators: the relative excess of coincidences of a baseline method, a column title. */
      gtk_column_view_column_set_title (self->psp_fwd_column, _("Excess →"));
      gtk_column_view_column_set_title (self->psp_bwd_column, _("Excess ←"));
    }
}

/* The truth column is there only while a ground truth is open. */
static void
truth_changed_cb (GlmccPairTable *self)
{
  gtk_column_view_column_set_visible (self->truth_column,
                                      self->session != NULL &&
                                      glmcc_session_get_truth (self->session) != NULL);
  /* Rows sorted by their truth are in another order now. */
  if (sorted_by (self, GLMCC_PAIR_COLUMN_TRUTH))
    glmcc_pair_model_refilter (self->pair_model);
}

GlmccSession *
glmcc_pair_table_get_session (GlmccPairTable *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), NULL);
  return self->session;
}

void
glmcc_pair_table_set_session (GlmccPairTable *self,
                              GlmccSession   *session)
{
  g_return_if_fail (GLMCC_IS_PAIR_TABLE (self));
  g_return_if_fail (session == NULL || GLMCC_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "pair-changed", G_CALLBACK (select_session_pair), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::recording", G_CALLBACK (recording_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "curation-changed", G_CALLBACK (curation_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "truth-changed", G_CALLBACK (truth_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "graph-changed", G_CALLBACK (results_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (glmcc_session_get_pairs (session), "items-changed",
                               G_CALLBACK (select_session_pair), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  glmcc_pair_model_set_source (self->pair_model,
                               session != NULL ? glmcc_session_get_pairs (session) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  truth_changed_cb (self);
  results_changed_cb (self);
  update_count (self);
}

/* API ------------------------------------------------------------------------------------------ */

GtkSingleSelection *
glmcc_pair_table_get_selection (GlmccPairTable *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), NULL);
  return self->selection;
}

const char *
glmcc_pair_table_get_search (GlmccPairTable *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
glmcc_pair_table_set_search (GlmccPairTable *self,
                             const char     *text)
{
  g_return_if_fail (GLMCC_IS_PAIR_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Now, not after the entry's search delay. */
  filter_changed (self);
}

GlmccPairFilter
glmcc_pair_table_get_filter (GlmccPairTable *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), GLMCC_PAIR_FILTER_ALL);
  return gtk_drop_down_get_selected (self->significance_dropdown);
}

void
glmcc_pair_table_set_filter (GlmccPairTable  *self,
                             GlmccPairFilter  filter)
{
  g_return_if_fail (GLMCC_IS_PAIR_TABLE (self));
  gtk_drop_down_set_selected (self->significance_dropdown, filter);
}

GlmccCurationFilter
glmcc_pair_table_get_curation_filter (GlmccPairTable *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), GLMCC_CURATION_FILTER_ANY);
  return gtk_drop_down_get_selected (self->curation_dropdown);
}

void
glmcc_pair_table_set_curation_filter (GlmccPairTable      *self,
                                      GlmccCurationFilter  filter)
{
  g_return_if_fail (GLMCC_IS_PAIR_TABLE (self));
  gtk_drop_down_set_selected (self->curation_dropdown, filter);
}

void
glmcc_pair_table_reset (GlmccPairTable *self)
{
  g_return_if_fail (GLMCC_IS_PAIR_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->significance_dropdown, GLMCC_PAIR_FILTER_ALL);
  gtk_drop_down_set_selected (self->curation_dropdown, GLMCC_CURATION_FILTER_ANY);
  filter_changed (self);
  gtk_column_view_sort_by_column (self->column_view, self->ref_column, GTK_SORT_ASCENDING);
}

gboolean
glmcc_pair_table_step (GlmccPairTable *self,
                       int             direction,
                       gboolean        significant_only,
                       guint          *ref,
                       guint          *target)
{
  GListModel *rows;
  guint n_rows, pos;
  int i;

  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), FALSE);

  rows = G_LIST_MODEL (self->selection);
  n_rows = g_list_model_get_n_items (rows);
  pos = gtk_single_selection_get_selected (self->selection);
  i = pos == GTK_INVALID_LIST_POSITION ? (direction > 0 ? -1 : (int) n_rows) : (int) pos;
  for (i += direction; i >= 0 && i < (int) n_rows; i += direction)
    {
      g_autoptr(GlmccPairItem) item = g_list_model_get_item (rows, i);

      if (!significant_only || glmcc_pair_item_is_significant (item))
        {
          glmcc_pair_item_get_shown_pair (item, ref, target);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
glmcc_pair_table_get_filtering (GlmccPairTable *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), FALSE);

  return (self->needles != NULL && self->needles[0] != NULL) ||
         gtk_drop_down_get_selected (self->significance_dropdown) != GLMCC_PAIR_FILTER_ALL ||
         gtk_drop_down_get_selected (self->curation_dropdown) != GLMCC_CURATION_FILTER_ANY;
}

/* Whether the filters keep one direction of a listed pair: a row lists a pair when either
 * direction passes, but the figures draw connections, and "Inhibitory" should not draw the
 * excitatory direction of a pair that is inhibitory the other way. The search names neurons,
 * so it keeps both. */
static gboolean
direction_listed (GlmccPairTable *self,
                  GlmccPairItem  *item,
                  gboolean        forward)
{
  const GlmccEdge *edge = glmcc_pair_item_get_edge (item, forward);
  gboolean significant = edge->status == GLMCC_STATUS_SIGNIFICANT;
  GlmccMark mark = glmcc_pair_item_get_mark (item, forward);

  switch (gtk_drop_down_get_selected (self->significance_dropdown))
    {
    case GLMCC_PAIR_FILTER_SIGNIFICANT:
      if (!significant)
        return FALSE;
      break;
    case GLMCC_PAIR_FILTER_EXCITATORY:
      if (!significant || edge->j <= 0)
        return FALSE;
      break;
    case GLMCC_PAIR_FILTER_INHIBITORY:
      if (!significant || edge->j > 0)
        return FALSE;
      break;
    default:
      break;
    }
  switch (gtk_drop_down_get_selected (self->curation_dropdown))
    {
    case GLMCC_CURATION_FILTER_ACCEPTED:
      return mark == GLMCC_MARK_ACCEPTED;
    case GLMCC_CURATION_FILTER_REJECTED:
      return mark == GLMCC_MARK_REJECTED;
    case GLMCC_CURATION_FILTER_UNSURE:
      return mark == GLMCC_MARK_UNSURE;
    case GLMCC_CURATION_FILTER_CURATED:
      return mark != GLMCC_MARK_NONE;
    case GLMCC_CURATION_FILTER_UNCURATED:
      return mark == GLMCC_MARK_NONE;
    default:
      return TRUE;
    }
}

GBytes *
glmcc_pair_table_dup_mask (GlmccPairTable *self)
{
  guint n, n_rows;
  guint8 *mask;

  g_return_val_if_fail (GLMCC_IS_PAIR_TABLE (self), NULL);

  if (self->session == NULL || !glmcc_pair_table_get_filtering (self))
    return NULL;
  n = glmcc_session_get_n_neurons (self->session);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->pair_model));
  mask = g_malloc0 (MAX ((gsize) n * n, 1u));
  for (guint i = 0; i < n_rows; i++)
    {
      GlmccPairItem *item = glmcc_pair_model_peek (self->pair_model, i);
      guint a = glmcc_pair_item_get_ref (item), b = glmcc_pair_item_get_target (item);

      if (a < n && b < n)
        {
          mask[(gsize) a * n + b] = direction_listed (self, item, TRUE);
          mask[(gsize) b * n + a] = direction_listed (self, item, FALSE);
        }
    }
  return g_bytes_new_take (mask, MAX ((gsize) n * n, 1u));
}

void
glmcc_pair_table_set_menu_model (GlmccPairTable *self,
                                 GMenuModel     *model)
{
  g_return_if_fail (GLMCC_IS_PAIR_TABLE (self));

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (model == NULL)
    return;
  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
}

GtkColumnView *
_glmcc_pair_table_get_column_view (GlmccPairTable *self)
{
  return self->column_view;
}

GtkScrolledWindow *
_glmcc_pair_table_get_scroller (GlmccPairTable *self)
{
  return self->scroller;
}

const char *
_glmcc_pair_table_get_page (GlmccPairTable *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
glmcc_pair_table_new (void)
{
  return g_object_new (GLMCC_TYPE_PAIR_TABLE, NULL);
}

/* Widget ------------------------------------------------------------------------------------- */

/* One Tab stop for the whole table: Tab leaves the rows instead of walking them. */
static gboolean
glmcc_pair_table_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_rows = focus != NULL &&
                     (focus == GTK_WIDGET (self->column_view) ||
                      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)));

  if (in_rows && (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    {
      /* Backward still reaches the filters above the rows. */
      if (direction == GTK_DIR_TAB_BACKWARD)
        return gtk_widget_grab_focus (GTK_WIDGET (self->curation_dropdown));
      return FALSE;
    }
  return GTK_WIDGET_CLASS (glmcc_pair_table_parent_class)->focus (widget, direction);
}

static void
glmcc_pair_table_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
glmcc_pair_table_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
glmcc_pair_table_dispose (GObject *object)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (glmcc_session_get_pairs (self->session), self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  /* Taking the columns down changes the sorter and the rows: nothing of ours may run then. */
  if (self->column_view != NULL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
           child != NULL && self->scroll_tick_id != 0; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child))
          gtk_widget_remove_tick_callback (child, self->scroll_tick_id);
      self->scroll_tick_id = 0;
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_signal_handlers_disconnect_by_data (self->pair_model, self);
      glmcc_pair_model_set_source (self->pair_model, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_PAIR_TABLE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (glmcc_pair_table_parent_class)->dispose (object);
}

static void
glmcc_pair_table_finalize (GObject *object)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (object);

  g_strfreev (self->needles);
  g_free (self->exact);
  g_free (self->matches);
  g_free (self->signature);

  G_OBJECT_CLASS (glmcc_pair_table_parent_class)->finalize (object);
}

static void
glmcc_pair_table_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (object);

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
glmcc_pair_table_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlmccPairTable *self = GLMCC_PAIR_TABLE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      glmcc_pair_table_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_pair_table_class_init (GlmccPairTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_pair_table_dispose;
  object_class->finalize = glmcc_pair_table_finalize;
  object_class->get_property = glmcc_pair_table_get_property;
  object_class->set_property = glmcc_pair_table_set_property;
  widget_class->focus = glmcc_pair_table_focus;
  widget_class->measure = glmcc_pair_table_measure;
  widget_class->size_allocate = glmcc_pair_table_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLMCC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The search or a filter changed: the pairs listed are others. */
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-pair-table.ui");
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, box);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, significance_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, curation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, stack);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, ref_column);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, truth_column);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, psp_fwd_column);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, psp_bwd_column);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, selection);
  gtk_widget_class_bind_template_child (widget_class, GlmccPairTable, pair_model);
  gtk_widget_class_bind_template_callback (widget_class, format_value);
  gtk_widget_class_bind_template_callback (widget_class, sign_classes);
  gtk_widget_class_bind_template_callback (widget_class, cell_menu_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_set_css_name (widget_class, "pairtable");
}

static void
glmcc_pair_table_init (GlmccPairTable *self)
{
  g_type_ensure (GLMCC_TYPE_PAIR_ITEM);
  g_type_ensure (GLMCC_TYPE_PAIR_MODEL);
  g_type_ensure (GLMCC_TYPE_PAIR_SORTER);
  g_type_ensure (GLMCC_TYPE_SESSION);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  glmcc_pair_model_set_filter_func (self->pair_model, filter_func, self);
  gtk_column_view_sort_by_column (self->column_view, self->ref_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (filter_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->significance_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pair_model, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}
