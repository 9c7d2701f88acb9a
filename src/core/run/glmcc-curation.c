/* glmcc-curation.c: marks and notes of directed edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hash table from the edge index pre·N + post to its mark and note: a curated network of
 * 1,000 neurons has a few hundred entries, never a million.
 */
#define G_LOG_DOMAIN "glmcc-curation"

#include "config.h"

#include <string.h>

#include "glmcc-curation.h"

typedef struct
{
  GlmccMark  mark;
  char      *note;
} Entry;

struct _GlmccCuration
{
  gatomicrefcount  ref_count;
  guint            n;
  GHashTable      *entries;   /* guint64* edge index → Entry* */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->note);
  g_free (entry);
}

static guint64
edge_index (GlmccCuration *curation,
            guint          pre,
            guint          post)
{
  return (guint64) pre * curation->n + post;
}

GlmccCuration *
glmcc_curation_new (guint n_neurons)
{
  GlmccCuration *curation = g_new0 (GlmccCuration, 1);

  g_atomic_ref_count_init (&curation->ref_count);
  curation->n = n_neurons;
  curation->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, entry_free);
  return curation;
}

GlmccCuration *
glmcc_curation_ref (GlmccCuration *curation)
{
  g_return_val_if_fail (curation != NULL, NULL);

  g_atomic_ref_count_inc (&curation->ref_count);
  return curation;
}

void
glmcc_curation_unref (GlmccCuration *curation)
{
  g_return_if_fail (curation != NULL);

  if (!g_atomic_ref_count_dec (&curation->ref_count))
    return;
  g_hash_table_unref (curation->entries);
  g_free (curation);
}

GlmccCuration *
glmcc_curation_copy (GlmccCuration *curation)
{
  GlmccCuration *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (curation != NULL, NULL);

  copy = glmcc_curation_new (curation->n);
  g_hash_table_iter_init (&iter, curation->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *entry = value;
      Entry *dup = g_new0 (Entry, 1);

      dup->mark = entry->mark;
      dup->note = g_strdup (entry->note);
      g_hash_table_insert (copy->entries, g_memdup2 (key, sizeof (guint64)), dup);
    }
  return copy;
}

guint
glmcc_curation_get_n_neurons (GlmccCuration *curation)
{
  g_return_val_if_fail (curation != NULL, 0);
  return curation->n;
}

static Entry *
lookup (GlmccCuration *curation,
        guint          pre,
        guint          post)
{
  guint64 index = edge_index (curation, pre, post);

  return g_hash_table_lookup (curation->entries, &index);
}

GlmccMark
glmcc_curation_get_mark (GlmccCuration *curation,
                         guint          pre,
                         guint          post)
{
  Entry *entry;

  g_return_val_if_fail (curation != NULL, GLMCC_MARK_NONE);
  g_return_val_if_fail (pre < curation->n && post < curation->n, GLMCC_MARK_NONE);

  entry = lookup (curation, pre, post);
  return entry != NULL ? entry->mark : GLMCC_MARK_NONE;
}

const char *
glmcc_curation_get_note (GlmccCuration *curation,
                         guint          pre,
                         guint          post)
{
  Entry *entry;

  g_return_val_if_fail (curation != NULL, NULL);
  g_return_val_if_fail (pre < curation->n && post < curation->n, NULL);

  entry = lookup (curation, pre, post);
  return entry != NULL ? entry->note : NULL;
}

/* The entry of the edge, created when missing; dropped again once it holds nothing. */
static Entry *
ensure (GlmccCuration *curation,
        guint          pre,
        guint          post)
{
  Entry *entry = lookup (curation, pre, post);

  if (entry == NULL)
    {
      guint64 *key = g_new (guint64, 1);

      *key = edge_index (curation, pre, post);
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (curation->entries, key, entry);
    }
  return entry;
}

static void
drop_if_empty (GlmccCuration *curation,
               guint          pre,
               guint          post)
{
  guint64 index = edge_index (curation, pre, post);
  Entry *entry = g_hash_table_lookup (curation->entries, &index);

  if (entry != NULL && entry->mark == GLMCC_MARK_NONE && entry->note == NULL)
    g_hash_table_remove (curation->entries, &index);
}

void
glmcc_curation_set_mark (GlmccCuration *curation,
                         guint          pre,
                         guint          post,
                         GlmccMark      mark)
{
  g_return_if_fail (curation != NULL);
  g_return_if_fail (pre < curation->n && post < curation->n && pre != post);
  g_return_if_fail (mark >= GLMCC_MARK_NONE && mark <= GLMCC_MARK_UNSURE);

  ensure (curation, pre, post)->mark = mark;
  drop_if_empty (curation, pre, post);
}

void
glmcc_curation_set_note (GlmccCuration *curation,
                         guint          pre,
                         guint          post,
                         const char    *note)
{
  Entry *entry;

  g_return_if_fail (curation != NULL);
  g_return_if_fail (pre < curation->n && post < curation->n && pre != post);

  entry = ensure (curation, pre, post);
  g_clear_pointer (&entry->note, g_free);
  if (note != NULL && *note != '\0')
    entry->note = g_strdup (note);
  drop_if_empty (curation, pre, post);
}

guint
glmcc_curation_get_n_curated (GlmccCuration *curation)
{
  g_return_val_if_fail (curation != NULL, 0);
  return g_hash_table_size (curation->entries);
}

guint
glmcc_curation_count_mark (GlmccCuration *curation,
                           GlmccMark      mark)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_return_val_if_fail (curation != NULL, 0);

  g_hash_table_iter_init (&iter, curation->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count += ((Entry *) value)->mark == mark;
  return count;
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint64 x = **(const guint64 * const *) a;
  guint64 y = **(const guint64 * const *) b;

  return x < y ? -1 : x > y;
}

void
glmcc_curation_foreach (GlmccCuration     *curation,
                        GlmccCurationFunc  func,
                        gpointer           user_data)
{
  g_autoptr(GPtrArray) keys = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (curation != NULL);
  g_return_if_fail (func != NULL);

  /* A stable order, so files written from the same curation are the same. */
  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, curation->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_index);
  for (guint i = 0; i < keys->len; i++)
    {
      guint64 index = *(const guint64 *) keys->pdata[i];
      const Entry *entry = g_hash_table_lookup (curation->entries, keys->pdata[i]);

      func ((guint) (index / curation->n), (guint) (index % curation->n), entry->mark,
            entry->note, user_data);
    }
}

gboolean
glmcc_curation_equal (GlmccCuration *a,
                      GlmccCuration *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->n != b->n || g_hash_table_size (a->entries) != g_hash_table_size (b->entries))
    return FALSE;
  g_hash_table_iter_init (&iter, a->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *x = value;
      const Entry *y = g_hash_table_lookup (b->entries, key);

      if (y == NULL || x->mark != y->mark || g_strcmp0 (x->note, y->note) != 0)
        return FALSE;
    }
  return TRUE;
}

const char *
glmcc_mark_to_string (GlmccMark mark)
{
  switch (mark)
    {
    case GLMCC_MARK_ACCEPTED:
      return "accepted";
    case GLMCC_MARK_REJECTED:
      return "rejected";
    case GLMCC_MARK_UNSURE:
      return "unsure";
    case GLMCC_MARK_NONE:
    default:
      return "";
    }
}

gboolean
glmcc_mark_from_string (const char *text,
                        GlmccMark  *mark)
{
  static const struct
  {
    const char *name;
    GlmccMark   mark;
  } names[] = {
    { "", GLMCC_MARK_NONE },
    { "none", GLMCC_MARK_NONE },
    { "accepted", GLMCC_MARK_ACCEPTED },
    { "rejected", GLMCC_MARK_REJECTED },
    { "unsure", GLMCC_MARK_UNSURE },
  };

  g_return_val_if_fail (mark != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text != NULL ? text : "", names[i].name) == 0)
      {
        *mark = names[i].mark;
        return TRUE;
      }
  return FALSE;
}
