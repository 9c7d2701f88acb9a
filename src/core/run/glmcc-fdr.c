/* glmcc-fdr.c: Benjamini–Hochberg q-values over the edges of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The procedure needs the rank of every p-value among all of them, so it runs once a run is
 * complete. Memory is a sorted copy of the finite p-values and their q-values at the same
 * positions (16 bytes per edge: 144 MB for the 9 million edges of 3,000 neurons, for the
 * time of the call); each edge finds its q-value by binary search of its p-value (equal
 * p-values have equal q-values, so the first of their positions gives the answer).
 */
#define G_LOG_DOMAIN "glmcc-fdr"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-fdr.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Replaces the sorted @p (m values) by the q-values of those positions. */
static void
q_from_sorted (double *p,
               gsize   m)
{
  double running = 1.0;

  for (gsize i = m; i-- > 0;)
    {
      double q = p[i] * (double) m / (double) (i + 1);

      running = MIN (running, q);
      p[i] = running;
    }
}

/* The q-value of @p among the m sorted p-values whose q-values @q holds at the same positions:
 * that of the first position holding @p. */
static double
q_lookup (const double *sorted_p,
          const double *q,
          gsize         m,
          double        p)
{
  gsize lo = 0, hi = m;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (sorted_p[mid] < p)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < m);
  return q[lo];
}

gboolean
glmcc_fdr_q_values (const double *p_values,
                    gsize         n,
                    double       *q_values)
{
  g_autofree double *sorted = NULL;
  g_autofree double *q = NULL;
  gsize m = 0;

  g_return_val_if_fail (n == 0 || (p_values != NULL && q_values != NULL), FALSE);

  for (gsize i = 0; i < n; i++)
    m += !isnan (p_values[i]);
  sorted = g_try_new (double, MAX (m, 1));
  q = g_try_new (double, MAX (m, 1));
  if (sorted == NULL || q == NULL)
    return FALSE;
  m = 0;
  for (gsize i = 0; i < n; i++)
    if (!isnan (p_values[i]))
      sorted[m++] = p_values[i];
  qsort (sorted, m, sizeof (double), compare_doubles);
  memcpy (q, sorted, m * sizeof (double));
  q_from_sorted (q, m);
  for (gsize i = 0; i < n; i++)
    q_values[i] = isnan (p_values[i]) ? (double) NAN : q_lookup (sorted, q, m, p_values[i]);
  return TRUE;
}

static gboolean
tested (const GlmccEdge *edge)
{
  return edge->status != GLMCC_STATUS_PENDING && !isnan (edge->p_value);
}

gboolean
glmcc_results_compute_q_values (GlmccResults  *results,
                                GError       **error)
{
  g_autofree double *sorted = NULL;
  guint n;
  gsize m = 0;

  g_return_val_if_fail (results != NULL, FALSE);

  n = glmcc_results_get_n_neurons (results);
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, pre, post);
          m += tested (&edge);
        }
  sorted = g_try_new (double, MAX (m, 1));
  if (sorted == NULL)
    {
      g_autofree char *size = g_format_size ((guint64) m * sizeof (double));
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                   "the q-values of %" G_GSIZE_FORMAT " edges need %s of memory, and the system "
                   "refused it", m, size);
      return FALSE;
    }
  m = 0;
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, pre, post);
          if (tested (&edge))
            sorted[m++] = edge.p_value;
        }
  qsort (sorted, m, sizeof (double), compare_doubles);
  /* The q-values at the sorted positions, beside the sorted p-values that find them. */
  {
    g_autofree double *q = g_try_new (double, MAX (m, 1));

    if (q == NULL)
      {
        g_autofree char *size = g_format_size ((guint64) m * sizeof (double));
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                     "the q-values of %" G_GSIZE_FORMAT " edges need %s of memory, and the "
                     "system refused it", m, size);
        return FALSE;
      }
    memcpy (q, sorted, m * sizeof (double));
    q_from_sorted (q, m);
    for (guint pre = 0; pre < n; pre++)
      for (guint post = 0; post < n; post++)
        if (pre != post)
          {
            GlmccEdge edge = glmcc_results_get_edge (results, pre, post);
            double q_value = tested (&edge) ? q_lookup (sorted, q, m, edge.p_value) : (double) NAN;

            if (edge.status == GLMCC_STATUS_PENDING
                || (isnan (q_value) && isnan (edge.q_value)))
              continue;
            edge.q_value = q_value;
            glmcc_results_set_edge (results, pre, post, &edge);
          }
  }
  return TRUE;
}
