/* glmcc-results.h: the N×N directed edges of a run, labels, parameters and provenance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-pair.h"
#include "glmcc-cell-type.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS


/* Reference counted. Edges start PENDING; the engine fills them pair by pair. Each unordered
 * pair is written by exactly one worker, so no lock is needed for set_pair. */
typedef struct _GlmccResults GlmccResults;

GlmccResults     *glmcc_results_new            (GlmccRecording     *recording,
                                                const GlmccParams  *params);
GlmccResults     *glmcc_results_ref            (GlmccResults       *results);
void              glmcc_results_unref          (GlmccResults       *results);

guint             glmcc_results_get_n_neurons  (GlmccResults       *results);
const char       *glmcc_results_get_name       (GlmccResults       *results,
                                                guint               neuron);
const GlmccParams*glmcc_results_get_params     (GlmccResults       *results);
/* NULL for results read back from JSON. */
GlmccRecording   *glmcc_results_get_recording  (GlmccResults       *results);
const GlmccEdge  *glmcc_results_get_edge       (GlmccResults       *results,
                                                guint               pre,
                                                guint               post);
/* Stores both directions of the pair fitted with @ref as reference. */
void              glmcc_results_set_pair       (GlmccResults       *results,
                                                guint               ref,
                                                guint               target,
                                                const GlmccPairResult *pair);
void              glmcc_results_set_edge       (GlmccResults       *results,
                                                guint               pre,
                                                guint               post,
                                                const GlmccEdge    *edge);
gboolean          glmcc_results_pair_done      (GlmccResults       *results,
                                                guint               i,
                                                guint               j);
guint64           glmcc_results_count_done     (GlmccResults       *results);
guint64           glmcc_results_count_significant (GlmccResults    *results);
/* E/I label of each neuron from its significant outgoing connections (glmcc_cell_type_decide);
 * the counts and the Dale's-law flag may be NULL. */
GlmccLabel        glmcc_results_get_label      (GlmccResults       *results,
                                                guint               neuron);
GlmccLabel        glmcc_results_get_cell_type  (GlmccResults       *results,
                                                guint               neuron,
                                                guint              *n_excitatory,
                                                guint              *n_inhibitory,
                                                gboolean           *dale_violation);
double            glmcc_results_get_rate       (GlmccResults       *results,
                                                guint               neuron);
/* A fingerprint of recording (names, spike counts, epoch) for resume and merge checks. */
const char       *glmcc_results_get_fingerprint (GlmccResults      *results);
/* Shard bookkeeping (1/1 for a whole run). */
void              glmcc_results_set_shard      (GlmccResults       *results,
                                                guint               index,
                                                guint               count);

/* Exports, as DESIGN.md fixes them. */
gboolean          glmcc_results_write_matrix   (GlmccResults       *results,
                                                const char         *path,
                                                GError            **error);
gboolean          glmcc_results_write_edges    (GlmccResults       *results,
                                                const char         *path,
                                                GError            **error);
gboolean          glmcc_results_write_json     (GlmccResults       *results,
                                                const char         *path,
                                                GError            **error);
gboolean          glmcc_results_write_graphml  (GlmccResults       *results,
                                                const char         *path,
                                                GError            **error);
/* Reads what write_json wrote (also a partial or sharded run). */
GlmccResults     *glmcc_results_load_json      (const char         *path,
                                                GError            **error);
/* Copies every finished pair of @part into @into; fails if they come from different
 * recordings or parameters. */
gboolean          glmcc_results_merge          (GlmccResults       *into,
                                                GlmccResults       *part,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccResults, glmcc_results_unref)

G_END_DECLS
