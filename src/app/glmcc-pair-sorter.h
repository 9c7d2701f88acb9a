/* glmcc-pair-sorter.h: the sorter of one pair-table column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-pair-item.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_PAIR_SORTER (glmcc_pair_sorter_get_type ())

G_DECLARE_FINAL_TYPE (GlmccPairSorter, glmcc_pair_sorter, GLMCC, PAIR_SORTER, GtkSorter)

/* Compares two GlmccPairItem by the key of @column (glmcc_pair_item_get_key, NaN last, ties
 * by glmcc_pair_item_get_tie). A column view shows its header as sortable; the table sorts
 * half a million rows itself (GlmccPairModel) and learns from probes which column the user
 * chose: two objects made by glmcc_pair_sorter_new_probe() compare by their @keys. */
GtkSorter       *glmcc_pair_sorter_new        (GlmccPairColumn  column);
GlmccPairColumn  glmcc_pair_sorter_get_column (GlmccPairSorter *self);
/* An object that sorters compare by @keys[column] (GLMCC_PAIR_N_COLUMNS doubles, copied). */
GObject         *glmcc_pair_sorter_new_probe  (const double    *keys);

G_END_DECLS
