/* test-score.c: ground-truth files and precision / recall / MCC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-score-curves.h"
#include "glmcc-score.h"

static GlmccResults *
make_results (guint n)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("test", "test");
  g_autoptr(GlmccRecording) recording = NULL;
  GlmccParams params;
  GlmccEdge none = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);
      double times[2] = { 10.0 + i, 500.0 + i };
      glmcc_recording_builder_add_train (builder, name, times, 2);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_nonnull (recording);
  glmcc_params_init (&params);
  {
    GlmccResults *results = glmcc_results_new (recording, &params);

    none.status = GLMCC_STATUS_NOT_SIGNIFICANT;
    for (guint i = 0; i < n; i++)
      for (guint j = 0; j < n; j++)
        if (i != j)
          glmcc_results_set_edge (results, i, j, &none);
    return results;
  }
}

static void
set_found (GlmccResults *results,
           guint         pre,
           guint         post,
           double        psp)
{
  GlmccEdge edge = { 0 };

  edge.status = GLMCC_STATUS_SIGNIFICANT;
  edge.psp_mv = psp;
  edge.j = psp > 0 ? psp / 2.532 : psp / 0.612;
  glmcc_results_set_edge (results, pre, post, &edge);
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("glmcc-truth-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  return path;
}

static void
test_counts (void)
{
  g_autoptr(GlmccResults) results = make_results (4);
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (4);
  GlmccScore score;
  g_autoptr(GError) error = NULL;
  GlmccEdge pending = { 0 };

  /* Truth: 0→1 E, 0→2 E, 3→0 I, 3→1 I. */
  glmcc_truth_set (truth, 0, 1, 0.5);
  glmcc_truth_set (truth, 0, 2, 0.7);
  glmcc_truth_set (truth, 3, 0, -1.5);
  glmcc_truth_set (truth, 3, 1, -1.0);
  /* Found: 0→1 E (TP), 1→2 E (FP), 3→0 I (TP), 3→1 E (wrong sign). 0→2 missed. */
  set_found (results, 0, 1, 0.6);
  set_found (results, 1, 2, 0.4);
  set_found (results, 3, 0, -1.2);
  set_found (results, 3, 1, 0.8);
  /* One pair not computed: skipped, not counted. */
  pending.status = GLMCC_STATUS_PENDING;
  glmcc_results_set_edge (results, 2, 3, &pending);

  g_assert_true (glmcc_score_compute (results, truth, &score, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (score.n_scored, ==, 11);
  g_assert_cmpuint (score.n_pending, ==, 1);

  /* E: TP 0→1; FP 1→2, 3→1; FN 0→2; TN 11 − 4 = 7. */
  g_assert_cmpuint (score.excitatory.tp, ==, 1);
  g_assert_cmpuint (score.excitatory.fp, ==, 2);
  g_assert_cmpuint (score.excitatory.fn, ==, 1);
  g_assert_cmpuint (score.excitatory.tn, ==, 7);
  g_assert_cmpfloat_with_epsilon (score.excitatory.precision, 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.excitatory.recall, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.excitatory.mcc,
                                  (1.0 * 7 - 2.0 * 1) / sqrt (3.0 * 2 * 9 * 8), 1e-12);

  /* I: TP 3→0; FN 3→1; no FP. */
  g_assert_cmpuint (score.inhibitory.tp, ==, 1);
  g_assert_cmpuint (score.inhibitory.fp, ==, 0);
  g_assert_cmpuint (score.inhibitory.fn, ==, 1);
  g_assert_cmpuint (score.inhibitory.tn, ==, 9);
  g_assert_cmpfloat_with_epsilon (score.inhibitory.precision, 1.0, 1e-12);

  /* Overall: TP 0→1, 3→0; FP 1→2 and 3→1 (wrong sign); FN 0→2 and 3→1. */
  g_assert_cmpuint (score.overall.tp, ==, 2);
  g_assert_cmpuint (score.overall.fp, ==, 2);
  g_assert_cmpuint (score.overall.fn, ==, 2);
  g_assert_cmpuint (score.overall.tn, ==, 6);
  /* Each pair's outcome, as a truth column shows it. */
  g_assert_cmpint (glmcc_score_edge_outcome (&(GlmccEdge) { GLMCC_STATUS_SIGNIFICANT, 0.2, 0, 0, 0, 0.5, 1, 1, 0 },
                                             0.5), ==, GLMCC_SCORE_TRUE_POSITIVE);
  g_assert_cmpint (glmcc_score_edge_outcome (&(GlmccEdge) { GLMCC_STATUS_SIGNIFICANT, 0.2, 0, 0, 0, 0.5, 1, 1, 0 },
                                             -1.0), ==, GLMCC_SCORE_WRONG_SIGN);
  g_assert_cmpint (glmcc_score_edge_outcome (&(GlmccEdge) { GLMCC_STATUS_SIGNIFICANT, -0.2, 0, 0, 0, -0.1, 1, 1, 0 },
                                             0.0), ==, GLMCC_SCORE_FALSE_POSITIVE);
  g_assert_cmpint (glmcc_score_edge_outcome (&(GlmccEdge) { GLMCC_STATUS_INSUFFICIENT_DATA, 0, 0, 0, 0, 0, 1, 1, 0 },
                                             -1.0), ==, GLMCC_SCORE_FALSE_NEGATIVE);
  g_assert_cmpint (glmcc_score_edge_outcome (&(GlmccEdge) { GLMCC_STATUS_NOT_SIGNIFICANT, 0.1, 0, 0, 0, 0, 1, 1, 0 },
                                             0.0), ==, GLMCC_SCORE_TRUE_NEGATIVE);
  g_assert_cmpint (glmcc_score_edge_outcome (&(GlmccEdge) { GLMCC_STATUS_PENDING, 0, 0, 0, 0, 0, 1, 1, 0 },
                                             0.5), ==, GLMCC_SCORE_NOT_SCORED);
  g_assert_cmpstr (glmcc_score_outcome_to_string (GLMCC_SCORE_FALSE_NEGATIVE), ==, "FN");

  /* Accuracy: the pairs called right among the 11 scored, (TP + TN) / 11 (a wrong sign is one
   * wrong pair, though it is both a FP and a FN). */
  g_assert_cmpfloat_with_epsilon (score.excitatory.accuracy, 8.0 / 11.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.inhibitory.accuracy, 10.0 / 11.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.overall.accuracy, 8.0 / 11.0, 1e-12);
}

/* Six directed edges of three neurons with hand-set statistics (sign from J); 2 → 1 untested. */
static GlmccResults *
make_scored_results (void)
{
  GlmccResults *results = make_results (3);
  static const struct
  {
    guint pre, post;
    GlmccStatus status;
    double j, statistic;
  } edges[] = {
    { 0, 1, GLMCC_STATUS_SIGNIFICANT, 1.0, 5.0 },
    { 1, 0, GLMCC_STATUS_NOT_SIGNIFICANT, 0.3, 3.0 },
    { 0, 2, GLMCC_STATUS_NOT_SIGNIFICANT, -0.5, -4.0 },
    { 2, 0, GLMCC_STATUS_NOT_SIGNIFICANT, 0.1, 1.0 },
    { 1, 2, GLMCC_STATUS_NOT_SIGNIFICANT, -0.4, -2.0 },
    { 2, 1, GLMCC_STATUS_INSUFFICIENT_DATA, 0.0, NAN },
  };

  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    {
      GlmccEdge edge = { 0 };

      edge.status = edges[e].status;
      edge.j = edges[e].j;
      edge.statistic = edges[e].statistic;
      edge.p_value = NAN;
      edge.psp_mv = edge.status == GLMCC_STATUS_SIGNIFICANT ? 2.532 * edge.j : 0.0;
      glmcc_results_set_edge (results, edges[e].pre, edges[e].post, &edge);
    }
  return results;
}

#define CLOSE(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-12)

/* Truth 0 → 1 E, 1 → 2 I. E: scores 5 (true), 3, 1, then the three other pairs tied at the end:
 * ROC (0, 1), (0.2, 1), (0.4, 1), (1, 1): AUC 1, AP 1. I: 4 (false), 2 (true): (0.2, 0),
 * (0.2, 1), (1, 1): AUC 0.8, AP 0.5. All: 5 T, 4 F, 3 F, 2 T, 1 F, then 2 → 1: AUC 0.75,
 * AP 0.5·1 + 0.5·0.5 = 0.75. */
static void
test_curves (void)
{
  g_autoptr(GlmccResults) results = make_scored_results ();
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (3);
  g_autoptr(GlmccScoreCurves) curves = NULL;
  g_autoptr(GError) error = NULL;
  const GlmccScoreCurve *e, *i, *all;

  glmcc_truth_set (truth, 0, 1, 0.5);
  glmcc_truth_set (truth, 1, 2, -1.0);
  curves = glmcc_score_curves_compute (results, truth, GLMCC_SCORE_RANK_STATISTIC, &error);
  g_assert_no_error (error);
  e = &curves->curves[GLMCC_SCORE_CLASS_EXCITATORY];
  i = &curves->curves[GLMCC_SCORE_CLASS_INHIBITORY];
  all = &curves->curves[GLMCC_SCORE_CLASS_ALL];

  g_assert_cmpuint (e->n_positive, ==, 1);
  g_assert_cmpuint (e->n_negative, ==, 5);
  CLOSE (e->auc, 1.0);
  CLOSE (e->average_precision, 1.0);
  g_assert_cmpuint (e->n_points, ==, 5);
  CLOSE (e->fpr[1], 0.0);
  CLOSE (e->tpr[1], 1.0);
  CLOSE (e->fpr[2], 0.2);
  CLOSE (e->precision[2], 0.5);
  CLOSE (e->fpr[4], 1.0);
  CLOSE (e->precision[4], 1.0 / 6.0);

  CLOSE (i->auc, 0.8);
  CLOSE (i->average_precision, 0.5);
  CLOSE (i->fpr[1], 0.2);
  CLOSE (i->tpr[1], 0.0);
  CLOSE (i->precision[1], 0.0);

  g_assert_cmpuint (all->n_positive, ==, 2);
  g_assert_cmpuint (all->n_negative, ==, 4);
  CLOSE (all->auc, 0.75);
  CLOSE (all->average_precision, 0.75);
  g_assert_cmpuint (all->n_points, ==, 7);
  CLOSE (all->fpr[4], 0.5);
  CLOSE (all->tpr[4], 1.0);
  CLOSE (all->precision[4], 0.5);

  /* The scatter: the two synapses (only 0 → 1 detected), their PSPs from J. */
  g_assert_cmpuint (curves->n_scatter, ==, 2);
  for (guint s = 0; s < curves->n_scatter; s++)
    if (curves->true_psp[s] > 0)
      {
        CLOSE (curves->estimated[s], 2.532);
        g_assert_true (curves->detected[s]);
      }
    else
      {
        CLOSE (curves->estimated[s], -0.4 * 0.612);
        g_assert_false (curves->detected[s]);
      }
}

/* A synapse found with the wrong sign: truth 0 → 2 excitatory, called inhibitory (score 4).
 * E: 5 T, 3 F, 1 F, then {0 → 2 true, two false}: AUC 0.625, AP 0.5 + 0.5/3. All: 5 T, 4 (wrong
 * sign: neither true nor a negative), 3 F, 2 T, 1 F, untested F: the curve ends at TPR 2/3,
 * AUC 5/9, AP 1/3 + 1/6. */
static void
test_curves_wrong_sign (void)
{
  g_autoptr(GlmccResults) results = make_scored_results ();
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (3);
  g_autoptr(GlmccScoreCurves) curves = NULL;
  const GlmccScoreCurve *e, *all;

  glmcc_truth_set (truth, 0, 1, 0.5);
  glmcc_truth_set (truth, 1, 2, -1.0);
  glmcc_truth_set (truth, 0, 2, 0.4);
  curves = glmcc_score_curves_compute (results, truth, GLMCC_SCORE_RANK_STATISTIC, NULL);
  e = &curves->curves[GLMCC_SCORE_CLASS_EXCITATORY];
  all = &curves->curves[GLMCC_SCORE_CLASS_ALL];
  CLOSE (e->auc, 0.625);
  CLOSE (e->average_precision, 0.5 + 0.5 / 3.0);
  g_assert_cmpuint (all->n_positive, ==, 3);
  g_assert_cmpuint (all->n_negative, ==, 3);
  CLOSE (all->auc, 5.0 / 9.0);
  CLOSE (all->average_precision, 0.5);
  CLOSE (all->tpr[all->n_points - 1], 2.0 / 3.0);
  CLOSE (all->fpr[all->n_points - 1], 1.0);
}

/* By p-value: equal p-values are one threshold (a diagonal in the ROC). Two pairs, one true,
 * both p = 0.01: E's ROC goes from (0, 0) straight to (1, 1) — AUC 0.5. */
static void
test_curves_ties (void)
{
  g_autoptr(GlmccResults) results = make_results (2);
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (2);
  g_autoptr(GlmccScoreCurves) curves = NULL;
  GlmccEdge edge = { 0 };
  const GlmccScoreCurve *e;

  edge.status = GLMCC_STATUS_NOT_SIGNIFICANT;
  edge.j = 0.2;
  edge.statistic = 2.0;
  edge.p_value = 0.01;
  glmcc_results_set_edge (results, 0, 1, &edge);
  edge.statistic = 3.0;
  glmcc_results_set_edge (results, 1, 0, &edge);
  glmcc_truth_set (truth, 0, 1, 0.5);
  curves = glmcc_score_curves_compute (results, truth, GLMCC_SCORE_RANK_P_VALUE, NULL);
  e = &curves->curves[GLMCC_SCORE_CLASS_EXCITATORY];
  CLOSE (e->auc, 0.5);
  CLOSE (e->average_precision, 0.5);
  g_assert_cmpuint (e->n_points, ==, 2);
  /* By statistic the false one ranks first: AUC 0. */
  glmcc_score_curves_free (g_steal_pointer (&curves));
  curves = glmcc_score_curves_compute (results, truth, GLMCC_SCORE_RANK_STATISTIC, NULL);
  CLOSE (curves->curves[GLMCC_SCORE_CLASS_EXCITATORY].auc, 0.0);
}

static void
test_perfect_and_empty (void)
{
  g_autoptr(GlmccResults) results = make_results (3);
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (3);
  GlmccScore score;

  g_assert_true (glmcc_score_compute (results, truth, &score, NULL));
  g_assert_true (isnan (score.excitatory.precision));
  g_assert_true (isnan (score.excitatory.recall));
  g_assert_cmpfloat (score.excitatory.mcc, ==, 0.0);

  glmcc_truth_set (truth, 2, 1, 1.0);
  set_found (results, 2, 1, 0.9);
  g_assert_true (glmcc_score_compute (results, truth, &score, NULL));
  g_assert_cmpfloat_with_epsilon (score.excitatory.mcc, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (score.overall.mcc, 1.0, 1e-12);
}

static void
test_load_table (void)
{
  const char *names[] = { "cell0", "cell1", "cell2", "cell3", NULL };
  g_autofree char *path = write_temp ("# a comment\n"
                                      "PRE\tPost\tPSP_mV\tdelay_ms\r\n"
                                      "0\t1\t0.5\t1.2\n"
                                      "cell3\tcell2\t-1.5\t2.0\n"
                                      "\n"
                                      "2\t0\t0.25\t3\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccTruth) truth = glmcc_truth_load (path, 4, names, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (glmcc_truth_get (truth, 0, 1), ==, 0.5);
  g_assert_cmpfloat (glmcc_truth_get (truth, 3, 2), ==, -1.5);
  g_assert_cmpfloat (glmcc_truth_get (truth, 2, 0), ==, 0.25);
  g_assert_cmpfloat (glmcc_truth_get (truth, 1, 0), ==, 0.0);
  g_assert_cmpuint (glmcc_truth_count (truth, 1), ==, 2);
  g_assert_cmpuint (glmcc_truth_count (truth, -1), ==, 1);
  g_assert_cmpuint (glmcc_truth_count (truth, 0), ==, 3);
  g_unlink (path);
}

/* Names win over indices, as everywhere a neuron is named. */
static void
test_load_names_first (void)
{
  const char *names[] = { "1", "0", NULL };
  g_autofree char *path = write_temp ("source,target,weight\n1,0,2.0\n");
  g_autoptr(GlmccTruth) truth = glmcc_truth_load (path, 2, names, NULL);

  g_assert_nonnull (truth);
  g_assert_cmpfloat (glmcc_truth_get (truth, 0, 1), ==, 2.0);
  g_assert_cmpfloat (glmcc_truth_get (truth, 1, 0), ==, 0.0);
  g_unlink (path);
}

static void
test_load_matrix (void)
{
  g_autofree char *path = write_temp ("0, 0.5, 0\n0 0 -1.25\n0.75, 0, 9\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccTruth) truth = glmcc_truth_load (path, 3, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (glmcc_truth_get (truth, 0, 1), ==, 0.5);
  g_assert_cmpfloat (glmcc_truth_get (truth, 1, 2), ==, -1.25);
  g_assert_cmpfloat (glmcc_truth_get (truth, 2, 0), ==, 0.75);
  /* The diagonal is ignored. */
  g_assert_cmpfloat (glmcc_truth_get (truth, 2, 2), ==, 0.0);
  g_unlink (path);
}

static void
assert_load_fails (const char *contents,
                   guint       n,
                   int         code,
                   const char *message_part)
{
  g_autofree char *path = write_temp (contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccTruth) truth = glmcc_truth_load (path, n, NULL, &error);

  g_assert_null (truth);
  g_assert_error (error, GLMCC_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_nonnull (strstr (error->message, path));
  g_unlink (path);
}

static void
test_load_errors (void)
{
  assert_load_fails ("", 2, GLMCC_ERROR_PARSE, "empty");
  assert_load_fails ("pre\tpost\n0\t1\n", 2, GLMCC_ERROR_PARSE, "header needs");
  assert_load_fails ("pre\tpost\tpsp_mV\n0\t7\t0.5\n", 2, GLMCC_ERROR_PARSE, ":2: '7' is neither");
  assert_load_fails ("pre\tpost\tpsp_mV\n0\t1\tbig\n", 2, GLMCC_ERROR_PARSE, ":2: the PSP 'big'");
  assert_load_fails ("pre\tpost\tpsp_mV\n0\t1\n", 2, GLMCC_ERROR_PARSE, ":2: 2 fields");
  assert_load_fails ("0, 1\n1, 0\n", 3, GLMCC_ERROR_MISMATCH, "2 values");
  assert_load_fails ("0, 1\n1, 0\n0, 0\n", 2, GLMCC_ERROR_MISMATCH, "more than 2 rows");
  assert_load_fails ("0, x\n1, 0\n", 2, GLMCC_ERROR_PARSE, ":1: value 2 ('x')");
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (glmcc_truth_load ("/nonexistent/truth.tsv", 2, NULL, &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  }
}

static void
test_size_mismatch (void)
{
  g_autoptr(GlmccResults) results = make_results (3);
  g_autoptr(GlmccTruth) truth = glmcc_truth_new (4);
  g_autoptr(GError) error = NULL;
  GlmccScore score;

  g_assert_false (glmcc_score_compute (results, truth, &score, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/score/counts", test_counts);
  g_test_add_func ("/score/curves", test_curves);
  g_test_add_func ("/score/curves-wrong-sign", test_curves_wrong_sign);
  g_test_add_func ("/score/curves-ties", test_curves_ties);
  g_test_add_func ("/score/perfect-and-empty", test_perfect_and_empty);
  g_test_add_func ("/score/load-table", test_load_table);
  g_test_add_func ("/score/load-names-first", test_load_names_first);
  g_test_add_func ("/score/load-matrix", test_load_matrix);
  g_test_add_func ("/score/load-errors", test_load_errors);
  g_test_add_func ("/score/size-mismatch", test_size_mismatch);

  return g_test_run ();
}
