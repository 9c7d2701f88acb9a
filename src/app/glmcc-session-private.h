/* glmcc-session-private.h: the session's state, shared by its source files and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-analysis.h"
#include "glmcc-graph-data.h"
#include "glmcc-pair-item.h"
#include "glmcc-session.h"

G_BEGIN_DECLS

struct _GlmccSession
{
  GObject               parent_instance;

  /* The recording */
  GlmccRecording       *source;           /* as loaded; NULL for results without it */
  GlmccRecording       *recording;        /* the analysed epoch of it */
  GlmccRecordingState   recording_state;
  char                 *recording_path;
  GlmccLoadOptions      load_options;     /* strings below */
  char                 *load_format;
  char                 *load_units;
  char                 *load_variable;
  double                extent_s;
  GlmccRecordingFileInfo recording_info;  /* as saved: where the recording was, what it held */
  char                 *recording_problem;    /* why a saved recording is not in use */
  /* The HDF5 file of a complete run the results were read from, and its checksum: a save
   * refers to it instead of repeating the edges (NULL: embedded). */
  char                 *results_file;
  char                 *results_checksum;
  char                **names;            /* the neurons', also without a recording */
  guint                 n_names;          /* their number (asked for every pair: kept) */

  /* The analysis file */
  GFile                *file;
  gboolean              modified;
  guint                 busy;             /* loads and saves in progress */
  char                 *recovery_path;    /* this session's recovery copy, once written */
  guint                 recovery_id;
  guint                 recovery_serial;

  /* Parameters */
  GlmccParams           params;
  gboolean              params_valid;
  GError               *param_error;

  /* The pair on display */
  guint                 ref;
  guint                 target;
  gboolean              has_pair;
  GlmccPairFitter      *fitter;
  GlmccFitted          *fitted;

  /* Results */
  GlmccResults         *results;
  GlmccAnalysis        *analysis;         /* the run going on, or the last one */
  double                progress;
  char                 *progress_text;
  GListStore           *neurons;
  GListStore           *pairs;
  GHashTable           *pair_items;       /* pair index min·n + max → GlmccPairItem (borrowed) */
  /* The figures' data, kept as the plot layer takes it (an edge list, never n × n numbers),
   * and handed out as immutable snapshots (graph_data), remade when asked after a change. */
  GArray               *edges;            /* GlmccPlotEdge of the significant connections */
  guint32              *done;             /* n × n bits: the directed pair was analysed */
  guint                 n_graph;          /* the n of those arrays */
  guint64               n_done;           /* unordered pairs analysed */
  GlmccPlotNodeType    *types;
  GArray               *marks;            /* GlmccPlotMarkedEdge of the curated edges, sorted */
  int                  *groups;           /* the recording's shanks, or NULL */
  double               *recording_positions; /* 2n, or NULL */
  GlmccGraphData       *graph_data;       /* the last snapshot, or NULL */
  gboolean              graph_dirty;      /* the snapshot is older than the data */
  guint64               graph_serial;
  gboolean              has_graph;
  guint                 hold_after;       /* test hook: see _glmcc_session_set_analysis_hold */

  /* Curation and history */
  GlmccCuration        *curation;
  GlmccHistory         *history;
  gboolean              replaying;        /* undo/redo is applying an entry */

  /* Ground truth (glmcc-session-truth.c) */
  GlmccTruth           *truth;
  char                 *truth_path;
  guint8               *truth_marks;      /* n × n GlmccPlotTruth for the figures, or NULL */

  JsonNode             *view_state;
  GCancellable         *cancellable;      /* cancelled when the session goes */
};

/* glmcc-session.c, for glmcc-session-io.c */
void         _glmcc_session_set_modified      (GlmccSession        *self,
                                               gboolean             modified);
void         _glmcc_session_set_busy          (GlmccSession        *self,
                                               gboolean             busy);
void         _glmcc_session_set_file          (GlmccSession        *self,
                                               GFile               *file);
void         _glmcc_session_message           (GlmccSession        *self,
                                               const char          *text);
/* Replaces everything with a freshly loaded recording (no results). */
void         _glmcc_session_apply_recording   (GlmccSession        *self,
                                               const char          *path,
                                               const GlmccLoadOptions *options,
                                               GlmccRecording      *recording);
/* Replaces everything with opened results; @recording may be NULL (then @state says why). */
void         _glmcc_session_apply_analysis    (GlmccSession        *self,
                                               GlmccAnalysisFile   *file,
                                               const char          *recording_path,
                                               GlmccRecording      *recording,
                                               GlmccRecordingState  state);
/* Gives verified results their recording after the fact. */
void         _glmcc_session_attach_recording  (GlmccSession        *self,
                                               const char          *recording_path,
                                               GlmccRecording      *recording);
/* The session as a saved analysis (a snapshot: results shared, the rest copied). */
GlmccAnalysisFile *_glmcc_session_snapshot    (GlmccSession        *self);
/* Remembers the HDF5 file the results of @file came from, when they are a complete run. */
void         _glmcc_session_keep_results_file (GlmccSession        *self,
                                               GlmccAnalysisFile   *file);
void         _glmcc_session_schedule_recovery (GlmccSession        *self,
                                               guint                delay_ms);

/* glmcc-session-truth.c, for glmcc-session.c */
/* Loads truth.tsv from beside the recording, or drops the truth when there is none. */
void         _glmcc_session_find_truth        (GlmccSession        *self);
void         _glmcc_session_item_apply_truth  (GlmccSession        *self,
                                               GlmccPairItem       *item);
void         _glmcc_session_emit_truth_changed (GlmccSession       *self);
/* The figures' truth marks (truth_marks, copied into each graph snapshot): all of them, or one
 * finished pair's. */
void         _glmcc_session_update_truth_marks (GlmccSession       *self);
void         _glmcc_session_mark_truth_pair   (GlmccSession        *self,
                                               guint                ref,
                                               guint                target,
                                               const GlmccEdge     *forward,
                                               const GlmccEdge     *backward);

/* Test hooks */
void         _glmcc_session_set_analysis_hold (GlmccSession        *self,
                                               guint                n_pairs);
GlmccAnalysis *_glmcc_session_get_analysis    (GlmccSession        *self);
const char  *_glmcc_session_get_recovery_path (GlmccSession        *self);

G_END_DECLS
