/* glmcc-analysis.h: an all-pairs run in the background, with progress, rate, ETA and cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

/* A pair the run has finished, handed to the main thread. */
typedef struct
{
  guint     ref;
  guint     target;
  GlmccEdge forward;   /* ref → target */
  GlmccEdge backward;  /* target → ref */
} GlmccFinishedPair;

#define GLMCC_TYPE_ANALYSIS (glmcc_analysis_get_type ())

G_DECLARE_FINAL_TYPE (GlmccAnalysis, glmcc_analysis, GLMCC, ANALYSIS, GObject)

GlmccAnalysis *glmcc_analysis_new          (GlmccRecording    *recording,
                                            const GlmccParams *params);
/* Starts the run: one complete engine run over every pair, in a thread of its own whose
 * engine workers run at a lower priority than the interface. "pairs-ready" hands over
 * finished pairs (a GPtrArray of GlmccFinishedPair, owned by the signal) at most four times
 * a second, "notify::n-done" reports progress at most ten times a second, and "finished"
 * ends the run, cancelled or not. */
void           glmcc_analysis_start        (GlmccAnalysis     *self);
void           glmcc_analysis_cancel       (GlmccAnalysis     *self);
gboolean       glmcc_analysis_is_running   (GlmccAnalysis     *self);
gboolean       glmcc_analysis_was_cancelled (GlmccAnalysis    *self);
GlmccResults  *glmcc_analysis_get_results  (GlmccAnalysis     *self);
guint64        glmcc_analysis_get_n_done   (GlmccAnalysis     *self);
guint64        glmcc_analysis_get_n_total  (GlmccAnalysis     *self);
/* Pairs per second so far, and the seconds left at that rate (negative: unknown). */
double         glmcc_analysis_get_rate     (GlmccAnalysis     *self);
double         glmcc_analysis_get_eta      (GlmccAnalysis     *self);
/* The error that ended the run (not set for a cancel). */
const GError  *glmcc_analysis_get_error    (GlmccAnalysis     *self);
/* After a complete run: the q-value of every directed edge, ranked on the worker so that the
 * window does not wait for a million of them (glmcc_results_rank_q_values()), for
 * glmcc_results_apply_q_values(); the caller frees it. NULL otherwise, or when taken. */
double        *glmcc_analysis_steal_q_values (GlmccAnalysis   *self) G_GNUC_WARN_UNUSED_RESULT;

/* Lowers the priority of the calling worker thread below the interface's (once per thread;
 * Linux only, where each thread has its own nice value). */
void           glmcc_thread_enter_background (void);

G_END_DECLS
