/* glmcc-results.h: the N×N directed edges of a run, labels, parameters and provenance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "glmcc-curation.h"
#include "glmcc-pair.h"
#include "glmcc-cell-type.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS


/* Reference counted. Edges start PENDING; the engine fills them pair by pair. Each unordered
 * pair is written by exactly one worker, so no lock is needed for set_pair, and a finished pair
 * is published atomically: the writers (a checkpoint, say) may read the results while an engine
 * fills them, and then see every pair either whole or pending.
 *
 * Storage is proportional to what is stored: the pairs are kept in blocks of the pair list
 * allocated when a pair of the block is first set (or reserved for a run), about 104 bytes per
 * unordered pair, both directions included. The two directions of a pair come from one fit and
 * share its delay and lag count. */
typedef struct _GlmccResults GlmccResults;

/* The pair list, in the reference implementation's order: for target i = 1 … N−1 and reference
 * j = 0 … i−1, pair k = i(i−1)/2 + j. Runs, shards and merges all count in it. */
guint64           glmcc_pair_count             (guint               n_neurons);
guint64           glmcc_pair_index             (guint               target,
                                                guint               reference);
void              glmcc_pair_from_index        (guint64             k,
                                                guint              *target,
                                                guint              *reference);
/* The slice [first, last) of the pair list that shard @index (0-based) of @count covers. */
void              glmcc_shard_range            (guint               n_neurons,
                                                guint               index,
                                                guint               count,
                                                guint64            *first,
                                                guint64            *last);

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
/* A copy of the edge (PENDING, with NaN numbers, when not computed and on the diagonal). */
GlmccEdge         glmcc_results_get_edge       (GlmccResults       *results,
                                                guint               pre,
                                                guint               post);
/* Stores both directions of the pair fitted with @ref as reference. */
void              glmcc_results_set_pair       (GlmccResults       *results,
                                                guint               ref,
                                                guint               target,
                                                const GlmccPairResult *pair);
/* Sets one direction; its delay and lag count become the pair's (see above). */
void              glmcc_results_set_edge       (GlmccResults       *results,
                                                guint               pre,
                                                guint               post,
                                                const GlmccEdge    *edge);
/* The Benjamini–Hochberg q-value of one direction (NAN: none), which get_edge() returns in
 * edge.q_value; set_edge() leaves it alone. Stored beside the pairs (16 bytes per pair once
 * the first is set); set after a run (glmcc_results_compute_q_values()), never by its workers. */
void              glmcc_results_set_q_value    (GlmccResults       *results,
                                                guint               pre,
                                                guint               post,
                                                double              q);
/* Allocates the storage of the pairs [first, last) of the pair list before a run, so that the
 * run cannot fail half way for want of memory. Fails with GLMCC_ERROR_TOO_LARGE, saying how much
 * memory it would need and how much there is, when that does not fit. */
gboolean          glmcc_results_reserve        (GlmccResults       *results,
                                                guint64             first,
                                                guint64             last,
                                                GError            **error);
/* Bytes the storage of @n_pairs pairs takes. */
guint64           glmcc_results_bytes_for_pairs (guint64            n_pairs);
/* Bytes of pair storage allocated now (not counting names and other per-neuron data). */
guint64           glmcc_results_get_storage_bytes (GlmccResults     *results);
gboolean          glmcc_results_pair_done      (GlmccResults       *results,
                                                guint               i,
                                                guint               j);
guint64           glmcc_results_count_done     (GlmccResults       *results);
/* Pairs of [first, last) of the pair list with both directions computed. */
guint64           glmcc_results_count_done_in_range (GlmccResults  *results,
                                                guint64             first,
                                                guint64             last);
/* Pairs not computed (yet): 0 for a complete run. */
guint64           glmcc_results_count_pending  (GlmccResults       *results);
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
 * `note` data, once any edge is curated. The curation is stored apart from the edges, in a
 * table that grows with the number of curated edges. */
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
void              glmcc_results_get_shard      (GlmccResults       *results,
                                                guint              *index,
                                                guint              *count);

/* Exports, as DESIGN.md fixes them, through GlmccOutput (atomic, through symlinks, devices in
 * place). Pending pairs are NaN in the matrix; the GraphML of an incomplete run says
 * partial="true" with the count of pending pairs; the JSON says "complete" and counts them.
 * Deciding whether an incomplete run is written at all is the caller's business. The writers
 * may run while an engine fills @results (a checkpoint). */
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
