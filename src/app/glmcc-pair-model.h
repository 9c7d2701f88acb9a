/* glmcc-pair-model.h: the analysed pairs filtered and sorted, fast at half a million
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "glmcc-pair-item.h"

G_BEGIN_DECLS

/* Which pairs to keep. */
typedef gboolean (*GlmccPairFilterFunc) (GlmccPairItem *item,
                                         gpointer       user_data);

#define GLMCC_TYPE_PAIR_MODEL (glmcc_pair_model_get_type ())

G_DECLARE_FINAL_TYPE (GlmccPairModel, glmcc_pair_model, GLMCC, PAIR_MODEL, GObject)

/* A GListModel of the GlmccPairItem of @source (a GListModel of them, usually the session's
 * pairs) that the filter keeps, in the order of one column. It does what a
 * GtkFilterListModel and a GtkSortListModel do, on plain arrays: the keys are read from the
 * items once per sort and sorted with qsort(), so that 499,500 pairs sort in a fraction of a
 * second where a sorter called per comparison took seconds. Pairs added to @source are
 * merged in order. */
GlmccPairModel *glmcc_pair_model_new             (void);
void            glmcc_pair_model_set_source      (GlmccPairModel      *self,
                                                  GListModel          *source);
void            glmcc_pair_model_set_filter_func (GlmccPairModel      *self,
                                                  GlmccPairFilterFunc  func,
                                                  gpointer             user_data);
/* The filter's answers changed: every pair is asked again. */
void            glmcc_pair_model_refilter        (GlmccPairModel      *self);
void            glmcc_pair_model_set_sort        (GlmccPairModel      *self,
                                                  GlmccPairColumn      column,
                                                  gboolean             descending);
void            glmcc_pair_model_get_sort        (GlmccPairModel      *self,
                                                  GlmccPairColumn     *column,
                                                  gboolean            *descending);
/* The row at @position, borrowed; NULL beyond the end. */
GlmccPairItem  *glmcc_pair_model_peek            (GlmccPairModel      *self,
                                                  guint                position);
/* The row of the unordered pair {a, b}, or GTK_INVALID_LIST_POSITION. */
guint           glmcc_pair_model_find            (GlmccPairModel      *self,
                                                  guint                a,
                                                  guint                b);
/* Pairs in the source, shown or not. */
guint           glmcc_pair_model_get_n_total     (GlmccPairModel      *self);

G_END_DECLS
