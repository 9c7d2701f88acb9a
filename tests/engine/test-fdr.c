/* test-fdr.c: Benjamini–Hochberg q-values and --fdr decisions, on cases checked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "glmcc-fdr.h"
#include "glmcc-method.h"

#define CLOSE(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-12)

/* m = 4: sorted 0.005, 0.01, 0.03, 0.04 give m·p/rank = 0.02, 0.02, 0.04, 0.04. */
static void
test_hand (void)
{
  const double p[] = { 0.01, 0.04, 0.03, 0.005 };
  double q[4];

  glmcc_bh_q_values (p, 4, q);
  CLOSE (q[0], 0.02);
  CLOSE (q[1], 0.04);
  CLOSE (q[2], 0.04);
  CLOSE (q[3], 0.02);
}

/* The running minimum: m·p/rank = 0.03, 0.0525, 0.04 for 0.01, 0.035, 0.04 (m = 3); the middle
 * one takes the smaller q of the p above it. */
static void
test_running_minimum (void)
{
  const double p[] = { 0.04, 0.035, 0.01 };
  double q[3];

  glmcc_bh_q_values (p, 3, q);
  CLOSE (q[2], 0.03);
  CLOSE (q[1], 0.04);
  CLOSE (q[0], 0.04);
}

/* Ties: three p of 0.02 and one of 0.5 (m = 4): all three get 4·0.02/3, the q of the last. */
static void
test_ties (void)
{
  const double p[] = { 0.02, 0.5, 0.02, 0.02 };
  double q[4];

  glmcc_bh_q_values (p, 4, q);
  CLOSE (q[0], 0.08 / 3.0);
  CLOSE (q[2], 0.08 / 3.0);
  CLOSE (q[3], 0.08 / 3.0);
  CLOSE (q[1], 0.5);
}

/* Untested edges (NaN p) are not counted in m and get no q; q never exceeds 1. */
static void
test_nan_and_cap (void)
{
  const double p[] = { NAN, 0.01, NAN, 0.02 };
  const double large[] = { 0.9, 0.8, 1.0 };
  double q[4], q_large[3];

  glmcc_bh_q_values (p, 4, q);
  g_assert_true (isnan (q[0]));
  g_assert_true (isnan (q[2]));
  CLOSE (q[1], 0.02);
  CLOSE (q[3], 0.02);

  /* 0.8 → 3·0.8/1 = 2.4, 0.9 → 3·0.9/2 = 1.35, 1 → 1: the running minimum caps all at 1. */
  glmcc_bh_q_values (large, 3, q_large);
  CLOSE (q_large[0], 1.0);
  CLOSE (q_large[1], 1.0);
  CLOSE (q_large[2], 1.0);

  glmcc_bh_q_values (NULL, 0, NULL);
}

/* Many p-values: q ≥ p, q ≤ 1, and q in the order of p. */
static void
test_monotone (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  double p[500], q[500];

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    p[i] = i % 50 == 0 ? (double) NAN : pow (g_rand_double (rand), 3.0);
  glmcc_bh_q_values (p, G_N_ELEMENTS (p), q);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      if (isnan (p[i]))
        {
          g_assert_true (isnan (q[i]));
          continue;
        }
      g_assert_cmpfloat (q[i], >=, p[i]);
      g_assert_cmpfloat (q[i], <=, 1.0);
      for (guint j = 0; j < G_N_ELEMENTS (p); j++)
        if (!isnan (p[j]) && p[j] < p[i])
          g_assert_cmpfloat (q[j], <=, q[i]);
    }
}

/* BH written out: sort by p (ties by position) with qsort(), then the running minimum. */
typedef struct
{
  double p;
  gsize  index;
} Entry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a, *y = b;

  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
reference_q_values (const double *p,
                    gsize         n,
                    double       *q)
{
  g_autofree Entry *entries = g_new (Entry, n);
  gsize m = 0;
  double running = 1.0;

  for (gsize i = 0; i < n; i++)
    {
      q[i] = NAN;
      if (!isnan (p[i]))
        entries[m++] = (Entry) { CLAMP (p[i], 0.0, 1.0), i };
    }
  qsort (entries, m, sizeof (Entry), compare_entries);
  for (gsize r = m; r-- > 0;)
    {
      running = MIN (running, (double) m * entries[r].p / (double) (r + 1));
      q[entries[r].index] = running;
    }
}

/* Many p-values with ties, zeros of both signs, ones, values past [0, 1], tiny and NaN ones:
 * the same q-values, to the bit, as the written-out procedure. */
static void
test_against_reference (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const gsize n = 20000;
  g_autofree double *p = g_new (double, n);
  g_autofree double *q = g_new (double, n);
  g_autofree double *expected = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    switch (g_rand_int_range (rand, 0, 9))
      {
      case 0: p[i] = NAN; break;
      case 1: p[i] = (i % 2) ? 0.0 : -0.0; break;
      case 2: p[i] = 1.0; break;
      case 3: p[i] = g_rand_int_range (rand, 0, 20) / 20.0; break;   /* ties */
      case 4: p[i] = 1.5; break;
      case 5: p[i] = ldexp (g_rand_double (rand), -g_rand_int_range (rand, 0, 1000)); break;
      default: p[i] = g_rand_double (rand); break;
      }
  glmcc_bh_q_values (p, n, q);
  reference_q_values (p, n, expected);
  g_assert_cmpmem (q, n * sizeof (double), expected, n * sizeof (double));
  /* In place: the q-values replace the p-values, as the run computes them. */
  glmcc_bh_q_values (p, n, p);
  g_assert_cmpmem (p, n * sizeof (double), expected, n * sizeof (double));
}

/* Three neurons, six edges: four tested with p 0.001, 0.004, 0.02, 0.5, one with insufficient
 * data, one failed fit. m = 4: q = 0.004, 0.008, 0.02·4/3, 0.5. */
static GlmccResults *
make_results (double fdr)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("fdr", "test");
  g_autoptr(GlmccRecording) recording = NULL;
  GlmccParams params;
  GlmccResults *results;
  static const struct
  {
    guint pre, post;
    GlmccStatus status;
    double p, j;
  } edges[] = {
    { 0, 1, GLMCC_STATUS_SIGNIFICANT, 0.001, 1.0 },
    { 1, 0, GLMCC_STATUS_NOT_SIGNIFICANT, 0.004, -0.8 },
    { 0, 2, GLMCC_STATUS_NOT_SIGNIFICANT, 0.02, 0.3 },
    { 2, 0, GLMCC_STATUS_NOT_SIGNIFICANT, 0.5, 0.1 },
    { 1, 2, GLMCC_STATUS_INSUFFICIENT_DATA, 0.0001, 0.0 },
    { 2, 1, GLMCC_STATUS_NOT_CONVERGED, NAN, 0.0 },
  };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);
      double times[2] = { 10.0 + i, 500.0 + i };

      glmcc_recording_builder_add_train (builder, name, times, 2);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), NULL);
  glmcc_params_init (&params);
  params.fdr = fdr;
  results = glmcc_results_new (recording, &params);
  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    {
      GlmccEdge edge = { 0 };

      edge.status = edges[e].status;
      edge.p_value = edges[e].p;
      edge.j = edges[e].j;
      edge.psp_mv = edge.status == GLMCC_STATUS_SIGNIFICANT ? glmcc_psp_from_j (edge.j) : 0.0;
      edge.delay_ms = 2.0;
      edge.threshold = edge.statistic = NAN;
      glmcc_results_set_edge (results, edges[e].pre, edges[e].post, &edge);
    }
  return results;
}

static void
test_results (void)
{
  g_autoptr(GlmccResults) results = make_results (0.0);
  guint64 tested;
  GlmccEdge edge;

  edge = glmcc_results_get_edge (results, 0, 1);
  g_assert_true (isnan (edge.q_value));
  g_assert_true (glmcc_results_compute_q_values (results, &tested));
  g_assert_cmpuint (tested, ==, 4);
  CLOSE (glmcc_results_get_edge (results, 0, 1).q_value, 0.004);
  CLOSE (glmcc_results_get_edge (results, 1, 0).q_value, 0.008);
  CLOSE (glmcc_results_get_edge (results, 0, 2).q_value, 0.08 / 3.0);
  CLOSE (glmcc_results_get_edge (results, 2, 0).q_value, 0.5);
  g_assert_true (isnan (glmcc_results_get_edge (results, 1, 2).q_value));
  g_assert_true (isnan (glmcc_results_get_edge (results, 2, 1).q_value));
  /* Without --fdr the decisions stay those by α. */
  g_assert_cmpint (glmcc_results_get_edge (results, 0, 1).status, ==, GLMCC_STATUS_SIGNIFICANT);
  g_assert_cmpint (glmcc_results_get_edge (results, 1, 0).status, ==, GLMCC_STATUS_NOT_SIGNIFICANT);
}

/* With --fdr 0.01: q ≤ 0.01 for the first two (one of them was not significant at α, with J < 0:
 * an inhibitory PSP of 0.612·J), not the third. Untested edges keep their status. */
static void
test_fdr_decisions (void)
{
  g_autoptr(GlmccResults) results = make_results (0.01);
  GlmccEdge edge;

  g_assert_true (glmcc_results_compute_q_values (results, NULL));
  edge = glmcc_results_get_edge (results, 0, 1);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_SIGNIFICANT);
  CLOSE (edge.psp_mv, 2.532);
  edge = glmcc_results_get_edge (results, 1, 0);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_SIGNIFICANT);
  CLOSE (edge.psp_mv, -0.8 * 0.612);
  edge = glmcc_results_get_edge (results, 0, 2);
  g_assert_cmpint (edge.status, ==, GLMCC_STATUS_NOT_SIGNIFICANT);
  g_assert_cmpfloat (edge.psp_mv, ==, 0.0);
  g_assert_cmpint (glmcc_results_get_edge (results, 1, 2).status, ==, GLMCC_STATUS_INSUFFICIENT_DATA);
  g_assert_cmpint (glmcc_results_get_edge (results, 2, 1).status, ==, GLMCC_STATUS_NOT_CONVERGED);

  /* A q exactly at the level is a discovery: 0.008 at --fdr 0.008. */
  {
    g_autoptr(GlmccResults) at_level = make_results (0.008);

    g_assert_true (glmcc_results_compute_q_values (at_level, NULL));
    g_assert_cmpint (glmcc_results_get_edge (at_level, 1, 0).status, ==, GLMCC_STATUS_SIGNIFICANT);
  }
}

/* A run with pending pairs is left alone: its q would change with the missing edges. */
static void
test_incomplete (void)
{
  g_autoptr(GlmccResults) results = make_results (0.01);
  GlmccEdge pending = { 0 };
  guint64 tested = 99;

  pending.status = GLMCC_STATUS_PENDING;
  glmcc_results_set_edge (results, 2, 1, &pending);
  g_assert_false (glmcc_results_compute_q_values (results, &tested));
  g_assert_cmpuint (tested, ==, 0);
  g_assert_true (isnan (glmcc_results_get_edge (results, 0, 1).q_value));
  g_assert_cmpint (glmcc_results_get_edge (results, 1, 0).status, ==, GLMCC_STATUS_NOT_SIGNIFICANT);
}

/* The q column of the edge table and the JSON, and --fdr in the parameters, survive a round
 * trip; set_edge() leaves a q alone. */
static void
test_files (void)
{
  g_autoptr(GlmccResults) results = make_results (0.01);
  g_autoptr(GlmccResults) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-fdr-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *tsv = g_build_filename (dir, "edges.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GlmccEdge edge;

  g_assert_true (glmcc_results_compute_q_values (results, NULL));
  edge = glmcc_results_get_edge (results, 0, 1);
  edge.q_value = 0.9;
  glmcc_results_set_edge (results, 0, 1, &edge);
  CLOSE (glmcc_results_get_edge (results, 0, 1).q_value, 0.004);

  g_assert_true (glmcc_results_write_json (results, json, &error));
  g_assert_true (glmcc_results_write_edges (results, tsv, &error));
  g_assert_no_error (error);
  back = glmcc_results_load_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (glmcc_results_get_params (back)->fdr, ==, 0.01);
  g_assert_cmpint (glmcc_results_get_params (back)->method, ==, GLMCC_METHOD_GLMCC);
  CLOSE (glmcc_results_get_edge (back, 1, 0).q_value, 0.008);
  g_assert_true (isnan (glmcc_results_get_edge (back, 1, 2).q_value));

  g_assert_true (g_file_get_contents (tsv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "pre\tpost\tstatus\tj\tthreshold\tstatistic\tp_value\tq_value\t"
                                 "psp_mv\tdelay_ms\tn_lags");
  g_assert_true (g_str_has_prefix (lines[1], "n0\tn1\tsignificant\t1\tNaN\tNaN\t0.001\t0.004\t2.532\t"));

  g_unlink (json);
  g_unlink (tsv);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fdr/hand", test_hand);
  g_test_add_func ("/fdr/running-minimum", test_running_minimum);
  g_test_add_func ("/fdr/ties", test_ties);
  g_test_add_func ("/fdr/nan-and-cap", test_nan_and_cap);
  g_test_add_func ("/fdr/monotone", test_monotone);
  g_test_add_func ("/fdr/against-reference", test_against_reference);
  g_test_add_func ("/fdr/results", test_results);
  g_test_add_func ("/fdr/decisions", test_fdr_decisions);
  g_test_add_func ("/fdr/incomplete", test_incomplete);
  g_test_add_func ("/fdr/files", test_files);
  return g_test_run ();
}
