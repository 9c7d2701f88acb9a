/* glmcc-pair-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The source's items are mirrored in an array (the source is a GListStore, whose lookups are
 * logarithmic); the rows are an array of borrowed pointers into it. A new filter or order
 * rebuilds the rows in one pass: one call of the filter per pair, one key per row, one
 * qsort(). Pairs a run adds are filtered, sorted among themselves and merged into the rows
 * in linear time. Each change is announced as one items-changed covering the rows between
 * the first and the last that differ, as GtkSortListModel does.
 */
#define G_LOG_DOMAIN "glmcc-pair-model"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-pair-model.h"

struct _GlmccPairModel
{
  GObject              parent_instance;

  GListModel          *source;
  GPtrArray           *all;        /* the source's items, in its order (references) */
  GlmccPairItem      **rows;       /* shown, in order (borrowed from all) */
  guint                n_rows;
  GlmccPairFilterFunc  filter;
  gpointer             filter_data;
  GlmccPairColumn      column;
  gboolean             descending;
};

static void glmcc_pair_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlmccPairModel, glmcc_pair_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      glmcc_pair_model_list_model_init))

/* Sorting ------------------------------------------------------------------------------------ */

typedef struct
{
  double         key;     /* negated for a descending order */
  guint64        tie;
  GlmccPairItem *item;
} Entry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a, *y = b;

  /* A missing number comes last, whichever the direction. */
  if (isnan (x->key) != isnan (y->key))
    return isnan (x->key) ? 1 : -1;
  if (x->key != y->key && !isnan (x->key))
    return (x->key > y->key) - (x->key < y->key);
  return (x->tie > y->tie) - (x->tie < y->tie);
}

static void
fill_entry (GlmccPairModel *self,
            GlmccPairItem  *item,
            Entry          *entry)
{
  double key = glmcc_pair_item_get_key (item, self->column);

  entry->key = self->descending ? -key : key;
  entry->tie = glmcc_pair_item_get_tie (item, self->column);
  entry->item = item;
}

static gboolean
keeps (GlmccPairModel *self,
       GlmccPairItem  *item)
{
  return self->filter == NULL || self->filter (item, self->filter_data);
}

/* Makes @rows (n_rows, taken) the rows, announcing what changed (all of it when @all: the old
 * rows' items are gone, and a new item may have the address of an old one). */
static void
replace_rows (GlmccPairModel  *self,
              GlmccPairItem  **rows,
              guint            n_rows,
              gboolean         all)
{
  guint old_n = self->n_rows, first = 0, tail = 0;

  while (!all && first < old_n && first < n_rows && self->rows[first] == rows[first])
    first++;
  while (!all && tail < old_n - first && tail < n_rows - first &&
         self->rows[old_n - 1 - tail] == rows[n_rows - 1 - tail])
    tail++;
  g_free (self->rows);
  self->rows = rows;
  self->n_rows = n_rows;
  if (old_n - first - tail > 0 || n_rows - first - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, old_n - first - tail,
                                n_rows - first - tail);
}

/* Every pair filtered and sorted anew. */
static void
rebuild (GlmccPairModel *self,
         gboolean        all)
{
  guint n = self->all->len, n_kept = 0;
  g_autofree Entry *entries = g_new (Entry, MAX (n, 1u));
  GlmccPairItem **rows;

  for (guint i = 0; i < n; i++)
    {
      GlmccPairItem *item = self->all->pdata[i];

      if (keeps (self, item))
        fill_entry (self, item, &entries[n_kept++]);
    }
  qsort (entries, n_kept, sizeof (Entry), compare_entries);
  rows = g_new (GlmccPairItem *, MAX (n_kept, 1u));
  for (guint i = 0; i < n_kept; i++)
    rows[i] = entries[i].item;
  replace_rows (self, rows, n_kept, all);
}

/* Pairs added to the source: sorted among themselves and merged into the rows. */
static void
merge_added (GlmccPairModel *self,
             guint           position,
             guint           added)
{
  g_autofree Entry *fresh = g_new (Entry, MAX (added, 1u));
  guint n_fresh = 0, i = 0, j = 0, k = 0;
  GlmccPairItem **rows;

  for (guint a = 0; a < added; a++)
    {
      GlmccPairItem *item = self->all->pdata[position + a];

      if (keeps (self, item))
        fill_entry (self, item, &fresh[n_fresh++]);
    }
  if (n_fresh == 0)
    return;
  qsort (fresh, n_fresh, sizeof (Entry), compare_entries);
  rows = g_new (GlmccPairItem *, self->n_rows + n_fresh);
  while (i < self->n_rows || j < n_fresh)
    {
      Entry current;

      if (i < self->n_rows)
        fill_entry (self, self->rows[i], &current);
      if (j >= n_fresh || (i < self->n_rows && compare_entries (&current, &fresh[j]) <= 0))
        rows[k++] = self->rows[i++];
      else
        rows[k++] = fresh[j++].item;
    }
  replace_rows (self, rows, k, FALSE);
}

static void
source_changed_cb (GlmccPairModel *self,
                   guint           position,
                   guint           removed,
                   guint           added,
                   GListModel     *source)
{
  if (removed > 0)
    g_ptr_array_remove_range (self->all, position, removed);
  for (guint a = 0; a < added; a++)
    g_ptr_array_insert (self->all, (int) (position + a), g_list_model_get_item (source, position + a));
  /* Pairs go only when everything goes (another recording, another run): start over. */
  if (removed > 0)
    rebuild (self, TRUE);
  else if (added > 0)
    merge_added (self, position, added);
}

/* API ------------------------------------------------------------------------------------------- */

GlmccPairModel *
glmcc_pair_model_new (void)
{
  return g_object_new (GLMCC_TYPE_PAIR_MODEL, NULL);
}

void
glmcc_pair_model_set_source (GlmccPairModel *self,
                             GListModel     *source)
{
  g_return_if_fail (GLMCC_IS_PAIR_MODEL (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  g_ptr_array_set_size (self->all, 0);
  if (source != NULL)
    {
      guint n = g_list_model_get_n_items (source);

      g_signal_connect_object (source, "items-changed", G_CALLBACK (source_changed_cb), self,
                               G_CONNECT_SWAPPED);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->all, g_list_model_get_item (source, i));
    }
  rebuild (self, TRUE);
}

void
glmcc_pair_model_set_filter_func (GlmccPairModel      *self,
                                  GlmccPairFilterFunc  func,
                                  gpointer             user_data)
{
  g_return_if_fail (GLMCC_IS_PAIR_MODEL (self));

  self->filter = func;
  self->filter_data = user_data;
  rebuild (self, FALSE);
}

void
glmcc_pair_model_refilter (GlmccPairModel *self)
{
  g_return_if_fail (GLMCC_IS_PAIR_MODEL (self));
  rebuild (self, FALSE);
}

void
glmcc_pair_model_set_sort (GlmccPairModel  *self,
                           GlmccPairColumn  column,
                           gboolean         descending)
{
  g_return_if_fail (GLMCC_IS_PAIR_MODEL (self));

  if (self->column == column && self->descending == !!descending)
    return;
  self->column = column;
  self->descending = !!descending;
  rebuild (self, FALSE);
}

void
glmcc_pair_model_get_sort (GlmccPairModel  *self,
                           GlmccPairColumn *column,
                           gboolean        *descending)
{
  g_return_if_fail (GLMCC_IS_PAIR_MODEL (self));

  if (column != NULL)
    *column = self->column;
  if (descending != NULL)
    *descending = self->descending;
}

GlmccPairItem *
glmcc_pair_model_peek (GlmccPairModel *self,
                       guint           position)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_MODEL (self), NULL);
  return position < self->n_rows ? self->rows[position] : NULL;
}

guint
glmcc_pair_model_find (GlmccPairModel *self,
                       guint           a,
                       guint           b)
{
  guint lo = MIN (a, b), hi = MAX (a, b);

  g_return_val_if_fail (GLMCC_IS_PAIR_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->n_rows; i++)
    if (glmcc_pair_item_get_ref (self->rows[i]) == lo && glmcc_pair_item_get_target (self->rows[i]) == hi)
      return i;
  return G_MAXUINT;
}

guint
glmcc_pair_model_get_n_total (GlmccPairModel *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_MODEL (self), 0);
  return self->all->len;
}

/* GListModel ------------------------------------------------------------------------------------- */

static GType
glmcc_pair_model_get_item_type (GListModel *list)
{
  return GLMCC_TYPE_PAIR_ITEM;
}

static guint
glmcc_pair_model_get_n_items (GListModel *list)
{
  return GLMCC_PAIR_MODEL (list)->n_rows;
}

static gpointer
glmcc_pair_model_get_item (GListModel *list,
                           guint       position)
{
  GlmccPairModel *self = GLMCC_PAIR_MODEL (list);

  return position < self->n_rows ? g_object_ref (self->rows[position]) : NULL;
}

static void
glmcc_pair_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = glmcc_pair_model_get_item_type;
  iface->get_n_items = glmcc_pair_model_get_n_items;
  iface->get_item = glmcc_pair_model_get_item;
}

/* GObject ---------------------------------------------------------------------------------------- */

static void
glmcc_pair_model_dispose (GObject *object)
{
  GlmccPairModel *self = GLMCC_PAIR_MODEL (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (glmcc_pair_model_parent_class)->dispose (object);
}

static void
glmcc_pair_model_finalize (GObject *object)
{
  GlmccPairModel *self = GLMCC_PAIR_MODEL (object);

  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->all, g_ptr_array_unref);

  G_OBJECT_CLASS (glmcc_pair_model_parent_class)->finalize (object);
}

static void
glmcc_pair_model_class_init (GlmccPairModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glmcc_pair_model_dispose;
  object_class->finalize = glmcc_pair_model_finalize;
}

static void
glmcc_pair_model_init (GlmccPairModel *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->column = GLMCC_PAIR_COLUMN_REF;
}
