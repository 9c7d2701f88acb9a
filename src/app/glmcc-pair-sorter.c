/* glmcc-pair-sorter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-pair-sorter"

#include "config.h"

#include <math.h>

#include "glmcc-enums.h"
#include "glmcc-pair-sorter.h"

#define PROBE_KEY "glmcc-pair-probe"

struct _GlmccPairSorter
{
  GtkSorter        parent_instance;

  GlmccPairColumn  column;
};

G_DEFINE_FINAL_TYPE (GlmccPairSorter, glmcc_pair_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkOrdering
compare_keys (double a,
              double b)
{
  /* A missing number comes after every number. */
  if (isnan (a) || isnan (b))
    return isnan (a) == isnan (b) ? GTK_ORDERING_EQUAL
                                  : isnan (a) ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  return gtk_ordering_from_cmpfunc ((a > b) - (a < b));
}

static GtkOrdering
glmcc_pair_sorter_compare (GtkSorter *sorter,
                           gpointer   item1,
                           gpointer   item2)
{
  GlmccPairSorter *self = GLMCC_PAIR_SORTER (sorter);
  const double *probe1 = g_object_get_data (item1, PROBE_KEY);
  const double *probe2 = g_object_get_data (item2, PROBE_KEY);
  GtkOrdering order;
  guint64 tie1, tie2;

  if (probe1 != NULL && probe2 != NULL)
    return compare_keys (probe1[self->column], probe2[self->column]);
  if (!GLMCC_IS_PAIR_ITEM (item1) || !GLMCC_IS_PAIR_ITEM (item2))
    return GTK_ORDERING_EQUAL;
  order = compare_keys (glmcc_pair_item_get_key (item1, self->column),
                        glmcc_pair_item_get_key (item2, self->column));
  if (order != GTK_ORDERING_EQUAL)
    return order;
  tie1 = glmcc_pair_item_get_tie (item1, self->column);
  tie2 = glmcc_pair_item_get_tie (item2, self->column);
  return gtk_ordering_from_cmpfunc ((tie1 > tie2) - (tie1 < tie2));
}

static GtkSorterOrder
glmcc_pair_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

GtkSorter *
glmcc_pair_sorter_new (GlmccPairColumn column)
{
  return g_object_new (GLMCC_TYPE_PAIR_SORTER, "column", column, NULL);
}

GlmccPairColumn
glmcc_pair_sorter_get_column (GlmccPairSorter *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_SORTER (self), GLMCC_PAIR_COLUMN_REF);
  return self->column;
}

GObject *
glmcc_pair_sorter_new_probe (const double *keys)
{
  GObject *probe = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (probe, PROBE_KEY, g_memdup2 (keys, sizeof (double) * GLMCC_PAIR_N_COLUMNS),
                          g_free);
  return probe;
}

static void
glmcc_pair_sorter_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlmccPairSorter *self = GLMCC_PAIR_SORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_enum (value, self->column);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_pair_sorter_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlmccPairSorter *self = GLMCC_PAIR_SORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      self->column = g_value_get_enum (value);
      gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_pair_sorter_class_init (GlmccPairSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = glmcc_pair_sorter_get_property;
  object_class->set_property = glmcc_pair_sorter_set_property;
  sorter_class->compare = glmcc_pair_sorter_compare;
  sorter_class->get_order = glmcc_pair_sorter_get_order;

  properties[PROP_COLUMN] =
    g_param_spec_enum ("column", NULL, NULL, GLMCC_TYPE_PAIR_COLUMN, GLMCC_PAIR_COLUMN_REF,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glmcc_pair_sorter_init (GlmccPairSorter *self)
{
}
