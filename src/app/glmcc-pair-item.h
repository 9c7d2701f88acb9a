/* glmcc-pair-item.h: one analysed pair (both directions), as the pair table shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "glmcc-curation.h"
#include "glmcc-pair.h"
#include "glmcc-score.h"

G_BEGIN_DECLS

/* The pair table's columns, for sorting: each has a numeric key (glmcc_pair_item_get_key). */
typedef enum
{
  GLMCC_PAIR_COLUMN_REF,           /* reference, then target */
  GLMCC_PAIR_COLUMN_TARGET,        /* target, then reference */
  GLMCC_PAIR_COLUMN_CURATION,
  GLMCC_PAIR_COLUMN_J_FORWARD,
  GLMCC_PAIR_COLUMN_PSP_FORWARD,   /* NaN unless significant */
  GLMCC_PAIR_COLUMN_STAT_FORWARD,
  GLMCC_PAIR_COLUMN_J_BACKWARD,
  GLMCC_PAIR_COLUMN_PSP_BACKWARD,
  GLMCC_PAIR_COLUMN_STAT_BACKWARD,
  GLMCC_PAIR_COLUMN_DELAY,
  GLMCC_PAIR_COLUMN_STATUS,
  GLMCC_PAIR_COLUMN_TRUTH,         /* errors first: wrong sign, FP, FN, TP, TN; NaN unscored */
} GlmccPairColumn;

#define GLMCC_PAIR_N_COLUMNS (GLMCC_PAIR_COLUMN_TRUTH + 1)

#define GLMCC_TYPE_PAIR_ITEM (glmcc_pair_item_get_type ())

G_DECLARE_FINAL_TYPE (GlmccPairItem, glmcc_pair_item, GLMCC, PAIR_ITEM, GObject)

/* @forward is ref → target, @backward target → ref. The names are interned strings shared by
 * every item (GRefString): a run of 1,000 neurons makes half a million items. */
GlmccPairItem   *glmcc_pair_item_new             (guint            ref,
                                                  guint            target,
                                                  const char      *ref_name,
                                                  const char      *target_name,
                                                  const GlmccEdge *forward,
                                                  const GlmccEdge *backward);
guint            glmcc_pair_item_get_ref         (GlmccPairItem   *self);
guint            glmcc_pair_item_get_target      (GlmccPairItem   *self);
const char      *glmcc_pair_item_get_ref_name    (GlmccPairItem   *self);
const char      *glmcc_pair_item_get_target_name (GlmccPairItem   *self);
const GlmccEdge *glmcc_pair_item_get_edge        (GlmccPairItem   *self,
                                                  gboolean         forward);
gboolean         glmcc_pair_item_is_significant  (GlmccPairItem   *self);
gboolean         glmcc_pair_item_has_sign        (GlmccPairItem   *self,
                                                  int              sign);
/* The orientation to show the pair in: its significant direction as reference → target, so
 * that what a curation key marks is the connection found (the table's order otherwise). */
void             glmcc_pair_item_get_shown_pair  (GlmccPairItem   *self,
                                                  guint           *ref,
                                                  guint           *target);
GlmccMark        glmcc_pair_item_get_mark        (GlmccPairItem   *self,
                                                  gboolean         forward);
/* Updates the curation shown for both directions ("curation-forward", "curation-backward" and
 * "curation-text" notify when they change). */
void             glmcc_pair_item_set_curation    (GlmccPairItem   *self,
                                                  GlmccMark        forward,
                                                  GlmccMark        backward,
                                                  gboolean         has_note);
/* TRUE when either direction carries @mark (GLMCC_MARK_NONE: either is uncurated). */
gboolean         glmcc_pair_item_has_mark        (GlmccPairItem   *self,
                                                  GlmccMark        mark);
/* How each direction compares with a ground truth ("truth-text" notifies). */
void             glmcc_pair_item_set_truth       (GlmccPairItem     *self,
                                                  GlmccScoreOutcome  forward,
                                                  GlmccScoreOutcome  backward);
GlmccScoreOutcome glmcc_pair_item_get_truth      (GlmccPairItem     *self,
                                                  gboolean           forward);
/* A short summary of both directions ("→ E ← n.s.") and a sentence for tooltips. */
char            *glmcc_pair_item_dup_status_text (GlmccPairItem   *self);
char            *glmcc_pair_item_dup_description (GlmccPairItem   *self);
/* The number a column sorts by (NaN: no value, sorted last); the reference and target
 * columns break ties with the other neuron (see glmcc_pair_item_get_tie). */
double           glmcc_pair_item_get_key         (GlmccPairItem   *self,
                                                  GlmccPairColumn  column);
/* The second key of @column: the other neuron for REF and TARGET, the pair (reference,
 * target) for the others. */
guint64          glmcc_pair_item_get_tie         (GlmccPairItem   *self,
                                                  GlmccPairColumn  column);
/* Human words for a status and for a mark. */
const char      *glmcc_status_describe           (GlmccStatus      status);
const char      *glmcc_mark_describe             (GlmccMark        mark);

G_END_DECLS
