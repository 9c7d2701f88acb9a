/* glmcc-score-curves.c: ROC and precision–recall curves, AUC, average precision, PSP scatter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-score"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "glmcc-error.h"
#include "glmcc-method.h"
#include "glmcc-score-curves.h"
#include "glmcc-i18n.h"

/* A figure needs no more: a point is kept when the curve moved by 1/2048 along the ROC or by
 * 1/256 in precision since the last one kept. */
#define ROC_STEP (1.0 / 2048.0)
#define PRECISION_STEP (1.0 / 256.0)

typedef struct
{
  double  score;      /* −INFINITY: never called (other sign, or not tested) */
  guint8  positive;   /* a true synapse of this class */
  guint8  correct;    /* … and called (when called at all) with its sign */
  guint8  negative;   /* a pair that counts in the false positive rate */
} Item;

static int
compare_items (const void *a,
               const void *b)
{
  const Item *x = a, *y = b;

  /* Descending scores. */
  return (x->score < y->score) - (x->score > y->score);
}

static int
sign_of (double x)
{
  return (x > 0) - (x < 0);
}

/* The edge's score, or −INFINITY when it has no test. */
static double
edge_score (const GlmccEdge *edge,
            GlmccScoreRank   rank)
{
  if (edge->status != GLMCC_STATUS_SIGNIFICANT && edge->status != GLMCC_STATUS_NOT_SIGNIFICANT)
    return -INFINITY;
  if (rank == GLMCC_SCORE_RANK_P_VALUE)
    {
      if (isnan (edge->p_value))
        return -INFINITY;
      /* An underflowed p is beyond every other. */
      return edge->p_value > 0.0 ? -log10 (edge->p_value) : (double) INFINITY;
    }
  if (isnan (edge->statistic))
    return -INFINITY;
  return fabs (edge->statistic);
}

static void
curve_append (GArray *points,
              double  fpr,
              double  tpr,
              double  precision,
              gboolean force)
{
  double last[3];

  if (points->len > 0 && !force)
    {
      const double *p = &g_array_index (points, double, points->len - 3);

      last[0] = p[0];
      last[1] = p[1];
      last[2] = p[2];
      if ((fpr - last[0]) + (tpr - last[1]) < ROC_STEP
          && !(fabs (precision - last[2]) >= PRECISION_STEP)
          && !(isnan (last[2]) && !isnan (precision)))
        return;
    }
  g_array_append_val (points, fpr);
  g_array_append_val (points, tpr);
  g_array_append_val (points, precision);
}

/* Sweeps the threshold down through the items, group of equal scores by group. */
static void
curve_compute (Item            *items,
               gsize            n,
               GlmccScoreCurve *curve)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 positives = 0, negatives = 0, tp = 0, fp = 0, called = 0;
  double auc = 0.0, ap = 0.0, last_fpr = 0.0, last_tpr = 0.0;
  gsize i = 0;

  for (gsize k = 0; k < n; k++)
    {
      positives += items[k].positive;
      negatives += items[k].negative;
    }
  qsort (items, n, sizeof (Item), compare_items);
  curve->n_positive = positives;
  curve->n_negative = negatives;
  curve_append (points, 0.0, 0.0, NAN, TRUE);
  while (i < n)
    {
      gsize j = i;
      double fpr, tpr, precision;

      while (j < n && items[j].score == items[i].score)
        {
          tp += items[j].correct;
          fp += items[j].negative;
          called++;
          j++;
        }
      fpr = negatives > 0 ? (double) fp / negatives : 0.0;
      tpr = positives > 0 ? (double) tp / positives : 0.0;
      precision = (double) tp / called;
      auc += (fpr - last_fpr) * (tpr + last_tpr) / 2.0;
      ap += (tpr - last_tpr) * precision;
      last_fpr = fpr;
      last_tpr = tpr;
      curve_append (points, fpr, tpr, precision, j == n);
      i = j;
    }
  curve->auc = positives > 0 && negatives > 0 ? auc : (double) NAN;
  curve->average_precision = positives > 0 ? ap : (double) NAN;
  curve->n_points = points->len / 3;
  curve->fpr = g_new (double, MAX (curve->n_points, 1));
  curve->tpr = g_new (double, MAX (curve->n_points, 1));
  curve->precision = g_new (double, MAX (curve->n_points, 1));
  for (guint p = 0; p < curve->n_points; p++)
    {
      curve->fpr[p] = g_array_index (points, double, 3 * p);
      curve->tpr[p] = g_array_index (points, double, 3 * p + 1);
      curve->precision[p] = g_array_index (points, double, 3 * p + 2);
    }
}

GlmccScoreCurves *
glmcc_score_curves_compute (GlmccResults   *results,
                            GlmccTruth     *truth,
                            GlmccScoreRank  rank,
                            GError        **error)
{
  g_autoptr(GlmccScoreCurves) curves = NULL;
  Item *items[GLMCC_SCORE_N_CLASSES];
  g_autoptr(GArray) scatter = g_array_new (FALSE, FALSE, sizeof (double));
  const GlmccParams *params;
  guint n;
  gsize m = 0;

  g_return_val_if_fail (results != NULL && truth != NULL, NULL);

  n = glmcc_results_get_n_neurons (results);
  if (glmcc_truth_get_n_neurons (truth) != n)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("the truth has %u neurons, the results %u"), glmcc_truth_get_n_neurons (truth), n);
      return NULL;
    }
  params = glmcc_results_get_params (results);
  curves = g_new0 (GlmccScoreCurves, 1);
  curves->rank = rank;
  curves->method = params->method;
  for (guint c = 0; c < GLMCC_SCORE_N_CLASSES; c++)
    items[c] = g_new (Item, MAX ((gsize) n * n, 1));

  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        GlmccEdge edge;
        double score, truth_psp;
        int called, true_sign;

        if (pre == post)
          continue;
        edge = glmcc_results_get_edge (results, pre, post);
        if (edge.status == GLMCC_STATUS_PENDING)
          continue;
        score = edge_score (&edge, rank);
        called = isinf (score) && score < 0 ? 0 : sign_of (edge.j);
        truth_psp = glmcc_truth_get (truth, pre, post);
        true_sign = sign_of (truth_psp);

        items[GLMCC_SCORE_CLASS_EXCITATORY][m] = (Item) {
          called > 0 ? score : (double) -INFINITY, true_sign > 0, true_sign > 0, true_sign <= 0 };
        items[GLMCC_SCORE_CLASS_INHIBITORY][m] = (Item) {
          called < 0 ? score : (double) -INFINITY, true_sign < 0, true_sign < 0, true_sign >= 0 };
        items[GLMCC_SCORE_CLASS_ALL][m] = (Item) {
          called != 0 ? score : (double) -INFINITY, true_sign != 0,
          true_sign != 0 && called == true_sign, true_sign == 0 };
        m++;

        if (true_sign != 0 || edge.status == GLMCC_STATUS_SIGNIFICANT)
          {
            double values[3];

            values[0] = truth_psp;
            values[1] = isfinite (edge.j) ? glmcc_method_strength (params, edge.j) : (double) NAN;
            values[2] = edge.status == GLMCC_STATUS_SIGNIFICANT && true_sign != 0
                        && sign_of (edge.psp_mv != 0.0 ? edge.psp_mv : edge.j) == true_sign;
            g_array_append_vals (scatter, values, 3);
          }
      }

  for (guint c = 0; c < GLMCC_SCORE_N_CLASSES; c++)
    {
      curve_compute (items[c], m, &curves->curves[c]);
      g_free (items[c]);
    }

  curves->n_scatter = scatter->len / 3;
  curves->true_psp = g_new (double, MAX (curves->n_scatter, 1));
  curves->estimated = g_new (double, MAX (curves->n_scatter, 1));
  curves->detected = g_new (gboolean, MAX (curves->n_scatter, 1));
  for (guint s = 0; s < curves->n_scatter; s++)
    {
      curves->true_psp[s] = g_array_index (scatter, double, 3 * s);
      curves->estimated[s] = g_array_index (scatter, double, 3 * s + 1);
      curves->detected[s] = g_array_index (scatter, double, 3 * s + 2) != 0.0;
    }
  return g_steal_pointer (&curves);
}

void
glmcc_score_curves_free (GlmccScoreCurves *curves)
{
  if (curves == NULL)
    return;
  for (guint c = 0; c < GLMCC_SCORE_N_CLASSES; c++)
    {
      g_free (curves->curves[c].fpr);
      g_free (curves->curves[c].tpr);
      g_free (curves->curves[c].precision);
    }
  g_free (curves->true_psp);
  g_free (curves->estimated);
  g_free (curves->detected);
  g_free (curves);
}
