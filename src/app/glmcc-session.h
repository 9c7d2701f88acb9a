/* glmcc-session.h: one analysis being worked on: recording, parameters, results, curation,
 * undo history, and the background work on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "glmcc-analysis-file.h"
#include "glmcc-graph-data.h"
#include "glmcc-history.h"
#include "glmcc-pair-fitter.h"
#include "glmcc-plot.h"
#include "glmcc-score.h"

G_BEGIN_DECLS

/* Whether the recording behind the results is at hand. */
typedef enum
{
  GLMCC_RECORDING_STATE_NONE,      /* nothing open */
  GLMCC_RECORDING_STATE_LOADED,    /* loaded and, for saved results, verified */
  GLMCC_RECORDING_STATE_MISSING,   /* saved results whose recording is not where it was */
  GLMCC_RECORDING_STATE_CHANGED,   /* saved results whose recording holds other spikes now */
} GlmccRecordingState;

#define GLMCC_TYPE_SESSION (glmcc_session_get_type ())

G_DECLARE_FINAL_TYPE (GlmccSession, glmcc_session, GLMCC, SESSION, GObject)

GlmccSession        *glmcc_session_new                (void);

/* Opening and saving (glmcc-session-io.c) */
/* Opens a recording, a saved analysis (.glmcc) or the results of `glmcc run` (--output-json or
 * --output-hdf5: the recording is found from the path the file names). A
 * saved analysis whose recording moved or changed still opens, with its results and curation,
 * and "recording-state" says why the correlograms are missing. @options (may be NULL) apply
 * to recordings. */
void                 glmcc_session_open_async         (GlmccSession           *self,
                                                       GFile                  *file,
                                                       const GlmccLoadOptions *options,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean             glmcc_session_open_finish        (GlmccSession           *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
/* The recording of opened results, found elsewhere by the user: loaded with the saved options
 * and accepted only if it holds the spikes the results were computed from. */
void                 glmcc_session_locate_recording_async  (GlmccSession      *self,
                                                            GFile             *file,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
gboolean             glmcc_session_locate_recording_finish (GlmccSession      *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);
/* Writes the analysis to @file (a .glmcc) in a worker thread; on success the session is
 * saved there and no longer modified, and its recovery copy goes. */
void                 glmcc_session_save_async         (GlmccSession           *self,
                                                       GFile                  *file,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean             glmcc_session_save_finish        (GlmccSession           *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
/* Writes the results as JSON, TSV, CSV or GraphML (by the extension of @path), with the
 * curation; @curated_only keeps the accepted edges only. */
gboolean             glmcc_session_export_results     (GlmccSession           *self,
                                                       const char             *path,
                                                       gboolean                curated_only,
                                                       GError                **error);
/* The user chose to throw the unsaved work away: its recovery copy goes too. */
void                 glmcc_session_discard_recovery   (GlmccSession           *self);
/* Recovery copies left by a session that ended without saving (a crash, a kill), newest
 * first; a new GStrv of paths. */
char               **glmcc_session_find_recovery_files (void);
/* Opens a recovery copy as unsaved work (its file is adopted and goes once saved). */
void                 glmcc_session_recover_async      (GlmccSession           *self,
                                                       const char             *path,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean             glmcc_session_recover_finish     (GlmccSession           *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* The recording */
GlmccRecording      *glmcc_session_get_recording      (GlmccSession           *self);
GlmccRecordingState  glmcc_session_get_recording_state (GlmccSession          *self);
const char          *glmcc_session_get_recording_path (GlmccSession           *self);
/* Whether the recording is a folder (text files, phy, Neuroscope) rather than one file. */
gboolean             glmcc_session_get_recording_is_folder (GlmccSession      *self);
/* Why the recording of opened results is not in use (state MISSING or CHANGED), or NULL. */
const char          *glmcc_session_get_recording_problem (GlmccSession        *self);
/* The last spike of the recording, in seconds (how far the epoch may go). */
double               glmcc_session_get_extent         (GlmccSession           *self);
guint                glmcc_session_get_n_neurons      (GlmccSession           *self);
const char          *glmcc_session_get_neuron_name    (GlmccSession           *self,
                                                       guint                   neuron);
/* Neurons by name or 0-based index; -1 when none matches. */
int                  glmcc_session_find_neuron        (GlmccSession           *self,
                                                       const char             *name_or_index);
/* A new view [start, start + duration) s of the loaded recording; clears the results. */
gboolean             glmcc_session_set_epoch          (GlmccSession           *self,
                                                       double                  start_s,
                                                       double                  duration_s,
                                                       GError                **error);
/* The E/I type the views show for @neuron: the core's one rule (glmcc_results_get_cell_type,
 * the majority of its significant outgoing connections) on the results so far, during a run
 * as after it; UNKNOWN without results. The outgoing counts and the Dale's-law flag (both
 * signs) may be NULL. */
GlmccLabel           glmcc_session_get_neuron_label   (GlmccSession           *self,
                                                       guint                   neuron,
                                                       guint                  *n_excitatory,
                                                       guint                  *n_inhibitory,
                                                       gboolean               *dale_violation);

/* The file and its state */
GFile               *glmcc_session_get_file           (GlmccSession           *self);
/* "recording.glmcc", or the recording's name, or NULL when nothing is open. */
char                *glmcc_session_dup_display_name   (GlmccSession           *self);
gboolean             glmcc_session_get_modified       (GlmccSession           *self);
/* TRUE when closing would lose results or curation that are not saved. */
gboolean             glmcc_session_has_unsaved_work   (GlmccSession           *self);
gboolean             glmcc_session_get_busy           (GlmccSession           *self);

/* Parameters */
const GlmccParams   *glmcc_session_get_params         (GlmccSession           *self);
/* New parameters from the panel: @error NULL and valid @params take effect (and go into the
 * undo history); an @error marks them invalid until valid ones come. */
void                 glmcc_session_set_params         (GlmccSession           *self,
                                                       const GlmccParams      *params,
                                                       const GError           *error);
gboolean             glmcc_session_get_params_valid   (GlmccSession           *self);
/* Why the parameters are invalid, or NULL (a GLMCC_PARAMS_ERROR naming the parameter). */
const GError        *glmcc_session_get_param_error    (GlmccSession           *self);

/* The pair on display and its live fit */
gboolean             glmcc_session_get_pair           (GlmccSession           *self,
                                                       guint                  *ref,
                                                       guint                  *target);
void                 glmcc_session_set_pair           (GlmccSession           *self,
                                                       guint                   ref,
                                                       guint                   target);
/* The fit of the pair on display under the current parameters, or NULL (borrowed). */
GlmccFitted         *glmcc_session_get_fitted         (GlmccSession           *self);
GlmccPairFitter     *glmcc_session_get_fitter         (GlmccSession           *self);

/* All pairs */
void                 glmcc_session_start_analysis     (GlmccSession           *self);
void                 glmcc_session_cancel_analysis    (GlmccSession           *self);
gboolean             glmcc_session_get_running        (GlmccSession           *self);
double               glmcc_session_get_progress       (GlmccSession           *self);
const char          *glmcc_session_get_progress_text  (GlmccSession           *self);
/* The results on display (of the last run or of the opened file), or NULL. */
GlmccResults        *glmcc_session_get_results        (GlmccSession           *self);
/* TRUE when the results were computed with other parameters than those now set. */
gboolean             glmcc_session_get_stale          (GlmccSession           *self);
/* GlmccNeuronItem of every neuron, and GlmccPairItem of every analysed pair. */
GListModel          *glmcc_session_get_neurons        (GlmccSession           *self);
GListModel          *glmcc_session_get_pairs          (GlmccSession           *self);
/* The matrix and network data (valid until "graph-changed" or a curation change), or NULL
 * without results. */
const GlmccNetworkPlot *glmcc_session_get_graph       (GlmccSession           *self);
/* The same as an immutable snapshot (borrowed: glmcc_graph_data_ref() to keep it, also on
 * another thread), or NULL without results. */
GlmccGraphData      *glmcc_session_get_graph_data     (GlmccSession           *self);

/* Curation, undoable */
GlmccCuration       *glmcc_session_get_curation       (GlmccSession           *self);
GlmccMark            glmcc_session_get_mark           (GlmccSession           *self,
                                                       guint                   pre,
                                                       guint                   post);
const char          *glmcc_session_get_note           (GlmccSession           *self,
                                                       guint                   pre,
                                                       guint                   post);
void                 glmcc_session_set_mark           (GlmccSession           *self,
                                                       guint                   pre,
                                                       guint                   post,
                                                       GlmccMark               mark);
void                 glmcc_session_set_note           (GlmccSession           *self,
                                                       guint                   pre,
                                                       guint                   post,
                                                       const char             *note);
GlmccHistory        *glmcc_session_get_history        (GlmccSession           *self);
void                 glmcc_session_undo               (GlmccSession           *self);
void                 glmcc_session_redo               (GlmccSession           *self);

/* Ground truth (glmcc-session-truth.c): a truth file (`pre post psp_mV delay_ms`, or the other
 * forms glmcc_truth_load() reads) for the recording's neurons. A truth.tsv beside the
 * recording is loaded when the recording opens. "truth-changed" follows a load or a clear. */
gboolean             glmcc_session_load_truth         (GlmccSession           *self,
                                                       const char             *path,
                                                       GError                **error);
void                 glmcc_session_clear_truth        (GlmccSession           *self);
/* The truth, or NULL (borrowed). */
GlmccTruth          *glmcc_session_get_truth          (GlmccSession           *self);
const char          *glmcc_session_get_truth_path     (GlmccSession           *self);
/* How the edge pre → post of the results compares with the truth, by the core's rule
 * (glmcc_score_edge_outcome()); NOT_SCORED without results, truth or a finished pair. */
GlmccScoreOutcome    glmcc_session_get_truth_outcome  (GlmccSession           *self,
                                                       guint                   pre,
                                                       guint                   post);
/* The score of the results against the truth, as `glmcc score` computes it; FALSE (and
 * @error) without results or truth. */
gboolean             glmcc_session_compute_score      (GlmccSession           *self,
                                                       GlmccScore             *score,
                                                       GError                **error);

/* What the window shows (view, unit, filters), saved with the analysis: a JSON object owned by
 * the window's code, kept verbatim. */
JsonNode            *glmcc_session_get_view_state     (GlmccSession           *self);
void                 glmcc_session_set_view_state     (GlmccSession           *self,
                                                       JsonNode               *state);

G_END_DECLS
