/* glmcc-pair-table.h: the table of analysed pairs, with filters, sort and curation marks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-session.h"

G_BEGIN_DECLS

/* Which pairs the significance filter keeps. */
typedef enum
{
  GLMCC_PAIR_FILTER_ALL,
  GLMCC_PAIR_FILTER_SIGNIFICANT,
  GLMCC_PAIR_FILTER_EXCITATORY,
  GLMCC_PAIR_FILTER_INHIBITORY,
} GlmccPairFilter;

/* Which pairs the curation filter keeps (by the marks of either direction). */
typedef enum
{
  GLMCC_CURATION_FILTER_ANY,
  GLMCC_CURATION_FILTER_ACCEPTED,
  GLMCC_CURATION_FILTER_REJECTED,
  GLMCC_CURATION_FILTER_UNSURE,
  GLMCC_CURATION_FILTER_CURATED,
  GLMCC_CURATION_FILTER_UNCURATED,
} GlmccCurationFilter;

#define GLMCC_TYPE_PAIR_TABLE (glmcc_pair_table_get_type ())

G_DECLARE_FINAL_TYPE (GlmccPairTable, glmcc_pair_table, GLMCC, PAIR_TABLE, GtkWidget)

GtkWidget          *glmcc_pair_table_new                  (void);
GlmccSession       *glmcc_pair_table_get_session          (GlmccPairTable      *self);
/* The table shows the session's pairs and follows (and sets) its pair on display. */
void                glmcc_pair_table_set_session          (GlmccPairTable      *self,
                                                           GlmccSession        *session);
/* The rows as shown: filtered, sorted, with the selection. */
GtkSingleSelection *glmcc_pair_table_get_selection        (GlmccPairTable      *self);
const char         *glmcc_pair_table_get_search           (GlmccPairTable      *self);
void                glmcc_pair_table_set_search           (GlmccPairTable      *self,
                                                           const char          *text);
GlmccPairFilter     glmcc_pair_table_get_filter           (GlmccPairTable      *self);
void                glmcc_pair_table_set_filter           (GlmccPairTable      *self,
                                                           GlmccPairFilter      filter);
GlmccCurationFilter glmcc_pair_table_get_curation_filter  (GlmccPairTable      *self);
void                glmcc_pair_table_set_curation_filter  (GlmccPairTable      *self,
                                                           GlmccCurationFilter  filter);
/* Back to every pair, in (reference, target) order. */
void                glmcc_pair_table_reset                (GlmccPairTable      *self);
/* The next (+1) or previous (−1) row after the selected one, significant only if asked, in
 * the orientation to show it in; FALSE at the end of the table. */
gboolean            glmcc_pair_table_step                 (GlmccPairTable      *self,
                                                           int                  direction,
                                                           gboolean             significant_only,
                                                           guint               *ref,
                                                           guint               *target);
/* TRUE when the search or a filter hides some pairs. */
gboolean            glmcc_pair_table_get_filtering        (GlmccPairTable      *self);
/* The connections the table lists, for the figures: n × n bytes, nonzero at [a·n + b] when
 * the pair {a, b} is listed and its direction a → b passes the significance and curation
 * filters (a significant filter or a curation mark is per direction; the search keeps both);
 * NULL when nothing is filtered out. "filter-changed" says when it changes. */
GBytes             *glmcc_pair_table_dup_mask             (GlmccPairTable      *self);
/* The menu that a right click on a row opens (on that row's pair). */
void                glmcc_pair_table_set_menu_model       (GlmccPairTable      *self,
                                                           GMenuModel          *model);

G_END_DECLS
