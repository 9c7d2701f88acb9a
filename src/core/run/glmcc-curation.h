/* glmcc-curation.h: a scientist's verdict on directed edges, with notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a person decided about one directed edge after looking at its correlogram. */
typedef enum
{
  GLMCC_MARK_NONE,      /* not curated */
  GLMCC_MARK_ACCEPTED,  /* a real connection */
  GLMCC_MARK_REJECTED,  /* not a connection (artefact, shared drive, …) */
  GLMCC_MARK_UNSURE,    /* looked at, undecided */
} GlmccMark;

/* The marks and notes of the directed edges of one recording of @n_neurons neurons. Storage
 * grows with the number of curated edges, not with N². Reference counted; not thread-safe
 * for writing (the owner writes on one thread, copies hand it to others). */
typedef struct _GlmccCuration GlmccCuration;

/* Called for every curated edge in (pre, post) order. */
typedef void (*GlmccCurationFunc) (guint        pre,
                                   guint        post,
                                   GlmccMark    mark,
                                   const char  *note,
                                   gpointer     user_data);

GlmccCuration *glmcc_curation_new          (guint              n_neurons);
GlmccCuration *glmcc_curation_ref          (GlmccCuration     *curation);
void           glmcc_curation_unref        (GlmccCuration     *curation);
GlmccCuration *glmcc_curation_copy         (GlmccCuration     *curation) G_GNUC_WARN_UNUSED_RESULT;

guint          glmcc_curation_get_n_neurons (GlmccCuration    *curation);
GlmccMark      glmcc_curation_get_mark     (GlmccCuration     *curation,
                                            guint              pre,
                                            guint              post);
/* NULL when the edge has no note. */
const char    *glmcc_curation_get_note     (GlmccCuration     *curation,
                                            guint              pre,
                                            guint              post);
void           glmcc_curation_set_mark     (GlmccCuration     *curation,
                                            guint              pre,
                                            guint              post,
                                            GlmccMark          mark);
/* NULL or "" removes the note. */
void           glmcc_curation_set_note     (GlmccCuration     *curation,
                                            guint              pre,
                                            guint              post,
                                            const char        *note);
/* Edges with a mark or a note. */
guint          glmcc_curation_get_n_curated (GlmccCuration    *curation);
/* Edges with this mark. */
guint          glmcc_curation_count_mark   (GlmccCuration     *curation,
                                            GlmccMark          mark);
void           glmcc_curation_foreach      (GlmccCuration     *curation,
                                            GlmccCurationFunc  func,
                                            gpointer           user_data);
gboolean       glmcc_curation_equal        (GlmccCuration     *a,
                                            GlmccCuration     *b);

/* "accepted", "rejected", "unsure" and "" for NONE, as the outputs write them. */
const char    *glmcc_mark_to_string        (GlmccMark          mark);
/* Also accepts "none"; FALSE for anything else. */
gboolean       glmcc_mark_from_string      (const char        *text,
                                            GlmccMark         *mark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccCuration, glmcc_curation_unref)

G_END_DECLS
