/* glmcc-results.h: the N×N directed edges of a run, labels, parameters and provenance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "glmcc-curation.h"
#include "glmcc-pair.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

typedef enum
{
  GLMCC_LABEL_UNKNOWN,
  GLMCC_LABEL_EXCITATORY,
  GLMCC_LABEL_INHIBITORY,
} GlmccLabel;

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
/* E/I label of each neuron from the signs of its significant outgoing connections. */
GlmccLabel        glmcc_results_get_label      (GlmccResults       *results,
                                                guint               neuron);
const char       *glmcc_label_to_string        (GlmccLabel          label);
/* Where the recording came from, as given to the loader, and the format it was read as. */
const char       *glmcc_results_get_source     (GlmccResults       *results);
const char       *glmcc_results_get_format     (GlmccResults       *results);
/* The analysed epoch [start, end) in ms. */
void              glmcc_results_get_epoch      (GlmccResults       *results,
                                                double             *start_ms,
                                                double             *end_ms);
/* TRUE when @recording (with its epoch) holds exactly the spike trains the results were
 * computed from: the same names, and the same spike times in the epoch. */
gboolean          glmcc_results_check_recording (GlmccResults      *results,
                                                GlmccRecording     *recording,
                                                GError            **error);
/* The marks and notes the outputs carry (a reference is kept; NULL: none). The edge TSV gets
 * a `curation` column, JSON edges `curation` and `note` members, GraphML edges `curation` and
 * `note` data, once any edge is curated. */
void              glmcc_results_set_curation   (GlmccResults       *results,
                                                GlmccCuration      *curation);
GlmccCuration    *glmcc_results_get_curation   (GlmccResults       *results);
/* TRUE: the outputs list only the edges marked accepted, and the matrix and GraphML hold only
 * the significant ones among them. */
void              glmcc_results_set_curated_only (GlmccResults     *results,
                                                gboolean            curated_only);
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
/* The same document with the marks of @curation (instead of the results' own; NULL: none)
 * and one more top-level member @extra_key (a saved analysis adds its session this way). */
gboolean          glmcc_results_write_json_full (GlmccResults      *results,
                                                GlmccCuration      *curation,
                                                const char         *extra_key,
                                                JsonNode           *extra,
                                                const char         *path,
                                                GError            **error);
/* Reads what write_json wrote (also a partial or sharded run), with its curation. */
GlmccResults     *glmcc_results_load_json      (const char         *path,
                                                GError            **error);
/* The same; *@extra receives a copy of the top-level member @extra_key, or NULL. */
GlmccResults     *glmcc_results_load_json_full (const char         *path,
                                                const char         *extra_key,
                                                JsonNode          **extra,
                                                GError            **error);
/* Copies every finished pair of @part into @into; fails if they come from different
 * recordings or parameters. */
gboolean          glmcc_results_merge          (GlmccResults       *into,
                                                GlmccResults       *part,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccResults, glmcc_results_unref)

G_END_DECLS
