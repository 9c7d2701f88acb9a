/* glmcc-score.h: estimated connections against a ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

/* The true N×N PSP matrix (mV; 0 = no synapse; [pre][post]). */
typedef struct _GlmccTruth GlmccTruth;

GlmccTruth *glmcc_truth_new             (guint               n_neurons);
/* An independent copy (for a worker thread, say, while the owner may replace its truth). */
GlmccTruth *glmcc_truth_copy            (GlmccTruth         *truth);
void        glmcc_truth_free            (GlmccTruth         *truth);
/* Reads a truth file for a recording of @n_neurons named @names (may be NULL):
 *  - a table with a header line naming (case-insensitively) the columns pre, post and
 *    psp_mV (also accepted: source/target, psp/weight), tab-, comma- or space-separated,
 *    neurons given by name or else by 0-based index, '#' comment lines ignored; or
 *  - an N×N matrix (row = pre), values separated by commas and/or spaces.
 * Errors name the file and line. */
GlmccTruth *glmcc_truth_load            (const char         *path,
                                         guint               n_neurons,
                                         const char * const *names,
                                         GError            **error);
void        glmcc_truth_set             (GlmccTruth         *truth,
                                         guint               pre,
                                         guint               post,
                                         double              psp_mv);
double      glmcc_truth_get             (GlmccTruth         *truth,
                                         guint               pre,
                                         guint               post);
guint       glmcc_truth_get_n_neurons   (GlmccTruth         *truth);
gsize       glmcc_truth_count           (GlmccTruth         *truth,
                                         int                 sign);   /* > 0, < 0, or 0 = all */

typedef struct
{
  guint64 tp, fp, fn, tn;
  double  precision;   /* NAN when nothing was predicted */
  double  recall;      /* NAN when nothing is true */
  double  mcc;         /* 0 when a margin is empty */
  double  accuracy;    /* (TP + TN) / pairs scored; NAN when nothing was scored */
} GlmccScoreCounts;

/* Over every directed pair the results have computed (pre != post): a pair is predicted
 * excitatory (inhibitory) when its status is significant and its PSP positive (negative).
 * "excitatory" scores the detection of excitatory synapses, "inhibitory" of inhibitory
 * ones; "overall" counts a synapse found with the right sign as a true positive, and one
 * found with the wrong sign as both a false positive and a false negative. */
typedef struct
{
  GlmccScoreCounts excitatory;
  GlmccScoreCounts inhibitory;
  GlmccScoreCounts overall;
  guint64          n_scored;    /* directed pairs compared */
  guint64          n_pending;   /* directed pairs the results have not computed (skipped) */
} GlmccScore;

/* How one directed pair compares with the truth, by the rule glmcc_score_compute() counts with
 * (what the application's truth column shows). */
typedef enum
{
  GLMCC_SCORE_NOT_SCORED,       /* pending: not computed */
  GLMCC_SCORE_TRUE_POSITIVE,    /* a synapse found with its sign */
  GLMCC_SCORE_FALSE_POSITIVE,   /* a connection where there is none */
  GLMCC_SCORE_FALSE_NEGATIVE,   /* a synapse not found */
  GLMCC_SCORE_WRONG_SIGN,       /* a synapse found with the other sign: a FP and a FN */
  GLMCC_SCORE_TRUE_NEGATIVE,
} GlmccScoreOutcome;

GlmccScoreOutcome glmcc_score_edge_outcome (const GlmccEdge    *edge,
                                            double              true_psp_mv);
const char *glmcc_score_outcome_to_string (GlmccScoreOutcome outcome);   /* "TP", "FP", … */

gboolean    glmcc_score_compute         (GlmccResults       *results,
                                         GlmccTruth         *truth,
                                         GlmccScore         *score,
                                         GError            **error);
/* Fills precision, recall, MCC and accuracy from the four counts. */
void        glmcc_score_counts_finish   (GlmccScoreCounts   *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccTruth, glmcc_truth_free)

G_END_DECLS
