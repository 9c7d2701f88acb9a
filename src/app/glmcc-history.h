/* glmcc-history.h: the undo history of a session (curation, notes, parameters)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "glmcc-curation.h"
#include "glmcc-params.h"

G_BEGIN_DECLS

typedef enum
{
  GLMCC_HISTORY_MARK,     /* an edge's mark changed */
  GLMCC_HISTORY_NOTE,     /* an edge's note changed */
  GLMCC_HISTORY_PARAMS,   /* the parameters changed */
} GlmccHistoryKind;

/* One undoable change: what it was before and after. */
typedef struct
{
  GlmccHistoryKind kind;
  guint            pre;
  guint            post;
  char            *pre_name;
  char            *post_name;
  GlmccMark        old_mark;
  GlmccMark        new_mark;
  char            *old_note;
  char            *new_note;
  GlmccParams      old_params;
  GlmccParams      new_params;
  gint64           time_us;     /* when (monotonic), to merge the steps of one slider drag */
} GlmccHistoryEntry;

GlmccHistoryEntry *glmcc_history_entry_new_mark   (guint                    pre,
                                                   guint                    post,
                                                   const char              *pre_name,
                                                   const char              *post_name,
                                                   GlmccMark                old_mark,
                                                   GlmccMark                new_mark);
GlmccHistoryEntry *glmcc_history_entry_new_note   (guint                    pre,
                                                   guint                    post,
                                                   const char              *pre_name,
                                                   const char              *post_name,
                                                   const char              *old_note,
                                                   const char              *new_note);
GlmccHistoryEntry *glmcc_history_entry_new_params (const GlmccParams       *old_params,
                                                   const GlmccParams       *new_params);
void               glmcc_history_entry_free       (GlmccHistoryEntry       *entry);
/* What the change did, for the Undo and Redo menu items ("Accept cell3 → cell7"). */
char              *glmcc_history_entry_describe   (const GlmccHistoryEntry *entry) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccHistoryEntry, glmcc_history_entry_free)

#define GLMCC_TYPE_HISTORY (glmcc_history_get_type ())

G_DECLARE_FINAL_TYPE (GlmccHistory, glmcc_history, GLMCC, HISTORY, GObject)

GlmccHistory            *glmcc_history_new          (void);
/* Records a change that was just made (the redo part of the history is dropped). Parameter
 * changes of the same parameter less than a second apart merge into one step. */
void                     glmcc_history_push         (GlmccHistory      *self,
                                                     GlmccHistoryEntry *entry);
/* The entry to revert, and the history steps back; NULL when there is nothing to undo. */
const GlmccHistoryEntry *glmcc_history_undo         (GlmccHistory      *self);
/* The entry to apply again, and the history steps forward; NULL when there is nothing. */
const GlmccHistoryEntry *glmcc_history_redo         (GlmccHistory      *self);
gboolean                 glmcc_history_can_undo     (GlmccHistory      *self);
gboolean                 glmcc_history_can_redo     (GlmccHistory      *self);
/* "Undo Accept cell3 → cell7", or NULL. */
const char              *glmcc_history_get_undo_label (GlmccHistory    *self);
const char              *glmcc_history_get_redo_label (GlmccHistory    *self);
guint                    glmcc_history_get_n_entries (GlmccHistory     *self);
guint                    glmcc_history_get_position (GlmccHistory      *self);
const GlmccHistoryEntry *glmcc_history_get_entry    (GlmccHistory      *self,
                                                     guint              index);
void                     glmcc_history_clear        (GlmccHistory      *self);
/* As saved in a .glmcc: { "position": P, "entries": [ … ] }, neurons by name. */
JsonNode                *glmcc_history_to_json      (GlmccHistory      *self);
/* Replaces the history with @node; @names are the neuron names (to find indices). */
gboolean                 glmcc_history_load_json    (GlmccHistory      *self,
                                                     JsonNode          *node,
                                                     const char * const *names,
                                                     GError           **error);

/* The parameters as a JSON object and back (also used for the parameters on screen). */
JsonNode                *glmcc_history_params_to_json   (const GlmccParams *params);
gboolean                 glmcc_history_params_from_json (JsonNode          *node,
                                                         GlmccParams       *params);

G_END_DECLS
