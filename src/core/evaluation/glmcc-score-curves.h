/* glmcc-score-curves.h: ROC and precision–recall curves against a ground truth, and the scatter
 * of estimated against true PSP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every directed pair the results computed gets a score: the size of its test statistic (|z| of
 * the Wald test and of the baselines, 2D of the likelihood-ratio test) or −log10 of its p-value,
 * and a sign, that of its J (or strength). Lowering a threshold through the scores calls more
 * and more pairs connected, each with its sign; a detection counts only with the right sign.
 * For the excitatory curve the positives are the true excitatory synapses and every other pair
 * is a negative (a pair is called excitatory when J > 0 and its score passes); likewise for the
 * inhibitory one. For "all", the positives are all true synapses and the negatives the
 * unconnected pairs; a true synapse called with the wrong sign counts against precision (a
 * false discovery) but not as a false positive rate (its pair is not a negative). Pairs without
 * a test (insufficient data, failed fits) and pairs of the other sign come last, tied, so the
 * ROC curves end at (1, 1) — that of "all" at (1, the share of synapses whose J has their sign). AUC is the area under the ROC curve (trapezoids; ties are
 * diagonals), average precision AP = Σ_k (R_k − R_{k−1}) P_k over the distinct thresholds.
 */
#pragma once

#include <glib.h>

#include "glmcc-score.h"

G_BEGIN_DECLS

typedef enum
{
  GLMCC_SCORE_RANK_STATISTIC,   /* |statistic| */
  GLMCC_SCORE_RANK_P_VALUE,     /* −log10 p (ties where p-values are capped or saturated) */
} GlmccScoreRank;

typedef enum
{
  GLMCC_SCORE_CLASS_EXCITATORY,
  GLMCC_SCORE_CLASS_INHIBITORY,
  GLMCC_SCORE_CLASS_ALL,
  GLMCC_SCORE_N_CLASSES,
} GlmccScoreClass;

/* One class's curves, thinned to at most a few thousand points for figures (the areas are
 * computed on every threshold). Points run from the highest threshold (0, 0) to (1, 1). */
typedef struct
{
  guint    n_points;
  double  *fpr;                /* false positive rate */
  double  *tpr;                /* true positive rate = recall */
  double  *precision;          /* NAN before the first call */
  double   auc;
  double   average_precision;
  guint64  n_positive;
  guint64  n_negative;
} GlmccScoreCurve;

typedef struct
{
  GlmccScoreCurve curves[GLMCC_SCORE_N_CLASSES];
  GlmccScoreRank  rank;
  GlmccMethod     method;
  /* The scatter: every true synapse and every significant pair. */
  guint           n_scatter;
  double         *true_psp;      /* mV (0 for a pair without a synapse) */
  double         *estimated;     /* PSP in mV for GLMCC (from J, significant or not), the signed
                                  * strength for a baseline */
  gboolean       *detected;      /* significant with the right sign */
} GlmccScoreCurves;

GlmccScoreCurves *glmcc_score_curves_compute (GlmccResults     *results,
                                              GlmccTruth       *truth,
                                              GlmccScoreRank    rank,
                                              GError          **error);
void              glmcc_score_curves_free    (GlmccScoreCurves *curves);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccScoreCurves, glmcc_score_curves_free)

G_END_DECLS
