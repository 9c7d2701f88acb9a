/* test-fdr.c: Benjamini–Hochberg q-values, on arrays and over the edges of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "glmcc-fdr.h"

/* The definition, O(m²): q_i = min over p_j ≥ p_i of min(1, p_j·m / rank_j), rank_j the number
 * of p-values ≤ p_j. */
static double
brute_force_q (const double *p,
               gsize         n,
               gsize         i)
{
  gsize m = 0;
  double q = 1.0;

  for (gsize k = 0; k < n; k++)
    m += !isnan (p[k]);
  for (gsize j = 0; j < n; j++)
    {
      gsize rank = 0;

      if (isnan (p[j]) || p[j] < p[i])
        continue;
      for (gsize k = 0; k < n; k++)
        rank += !isnan (p[k]) && p[k] <= p[j];
      q = MIN (q, p[j] * (double) m / (double) rank);
    }
  return q;
}

static void
test_known_values (void)
{
  /* Sorted: 0.005, 0.01, 0.03, 0.04 (m = 4): p·m/rank = 0.02, 0.02, 0.04, 0.04. */
  const double p[] = { 0.01, 0.04, NAN, 0.03, 0.005 };
  const double expected[] = { 0.02, 0.04, NAN, 0.04, 0.02 };
  double q[G_N_ELEMENTS (p)];

  g_assert_true (glmcc_fdr_q_values (p, G_N_ELEMENTS (p), q));
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    if (isnan (expected[i]))
      g_assert_true (isnan (q[i]));
    else
      g_assert_cmpfloat_with_epsilon (q[i], expected[i], 1e-15);
}

/* A larger p-value lowers the q of smaller ones (the running minimum), and q never passes 1. */
static void
test_monotone_and_capped (void)
{
  const double p[] = { 0.9, 0.8, 0.02, 0.021 };
  double q[G_N_ELEMENTS (p)];

  g_assert_true (glmcc_fdr_q_values (p, G_N_ELEMENTS (p), q));
  /* 0.8·4/3 = 1.067 is capped by 0.9·4/4 = 0.9; 0.02·4/1 = 0.08 by 0.021·4/2 = 0.042. */
  g_assert_cmpfloat_with_epsilon (q[0], 0.9, 1e-15);
  g_assert_cmpfloat_with_epsilon (q[1], 0.9, 1e-15);
  g_assert_cmpfloat_with_epsilon (q[2], 0.042, 1e-15);
  g_assert_cmpfloat_with_epsilon (q[3], 0.042, 1e-15);
}

/* Random p-values with many ties against the definition; in place too. */
static void
test_against_definition (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const gsize n = 300;
  g_autofree double *p = g_new (double, n);
  g_autofree double *q = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    {
      double u = g_rand_double (rand);

      /* A third NaN, a third on a coarse grid (ties), a third spread out and small. */
      p[i] = i % 3 == 0 ? (double) NAN : i % 3 == 1 ? floor (u * 20.0) / 20.0 : pow (u, 6.0);
    }
  g_assert_true (glmcc_fdr_q_values (p, n, q));
  for (gsize i = 0; i < n; i++)
    if (isnan (p[i]))
      g_assert_true (isnan (q[i]));
    else
      {
        g_assert_cmpfloat_with_epsilon (q[i], brute_force_q (p, n, i), 1e-12);
        g_assert_cmpfloat (q[i], >=, p[i]);
      }
  g_assert_true (glmcc_fdr_q_values (p, n, p));
  for (gsize i = 0; i < n; i++)
    g_assert_true ((isnan (q[i]) && isnan (p[i])) || q[i] == p[i]);
}

static GlmccRecording *
tiny_recording (guint n)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("fdr", "test");
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);
      double t = 1.0 + i;

      glmcc_recording_builder_add_train (builder, name, &t, 1);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), &error);
  g_assert_no_error (error);
  return recording;
}

/* Over a run: every computed edge with a p-value counts, pending edges and NaN p-values do not
 * and get NaN; the values are those of the array version over the same p-values. */
static void
test_results (void)
{
  g_autoptr(GlmccRecording) recording = tiny_recording (6);
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) p = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) q = NULL;
  GlmccParams params;
  guint n = 6, index = 0;

  glmcc_params_init (&params);
  results = glmcc_results_new (recording, &params);
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        GlmccEdge edge = { GLMCC_STATUS_NOT_SIGNIFICANT, 0.1, 0.2, 0.3, NAN, 0.0, 2.0, 10, NAN };

        /* The pair (0, 5) stays pending; one pair has no p-value (insufficient data). */
        if (pre == post || (MIN (pre, post) == 0 && MAX (pre, post) == 5))
          continue;
        if (MIN (pre, post) == 1 && MAX (pre, post) == 2)
          edge.status = GLMCC_STATUS_INSUFFICIENT_DATA;
        else
          edge.p_value = pow (g_rand_double (rand), 3.0);
        glmcc_results_set_edge (results, pre, post, &edge);
      }
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, pre, post);
          g_assert_true (isnan (edge.q_value));
          if (edge.status != GLMCC_STATUS_PENDING && !isnan (edge.p_value))
            g_array_append_val (p, edge.p_value);
        }
  g_assert_cmpuint (p->len, ==, 30 - 2 - 2);
  q = g_array_sized_new (FALSE, FALSE, sizeof (double), p->len);
  g_array_set_size (q, p->len);
  g_assert_true (glmcc_fdr_q_values ((double *) (gpointer) p->data, p->len,
                                     (double *) (gpointer) q->data));

  g_assert_true (glmcc_results_compute_q_values (results, &error));
  g_assert_no_error (error);
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, pre, post);

          if (edge.status == GLMCC_STATUS_PENDING || isnan (edge.p_value))
            g_assert_true (isnan (edge.q_value));
          else
            g_assert_cmpfloat (edge.q_value, ==, g_array_index (q, double, index++));
        }
  g_assert_cmpuint (index, ==, p->len);

  /* A new fit of a pair clears its q-values: they belonged to the old p-values. */
  {
    GlmccPairResult pair = { 0 };

    pair.forward = glmcc_results_get_edge (results, 3, 4);
    pair.backward = glmcc_results_get_edge (results, 4, 3);
    g_assert_false (isnan (pair.forward.q_value));
    glmcc_results_set_pair (results, 3, 4, &pair);
    g_assert_true (isnan (glmcc_results_get_edge (results, 3, 4).q_value));
    g_assert_true (isnan (glmcc_results_get_edge (results, 4, 3).q_value));
    g_assert_false (isnan (glmcc_results_get_edge (results, 2, 3).q_value));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fdr/known-values", test_known_values);
  g_test_add_func ("/fdr/monotone-and-capped", test_monotone_and_capped);
  g_test_add_func ("/fdr/against-definition", test_against_definition);
  g_test_add_func ("/fdr/results", test_results);

  return g_test_run ();
}
