/* glmcc-fdr.c: Benjamini–Hochberg q-values and decisions over a run's edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-fdr"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "glmcc-fdr.h"
#include "glmcc-memory.h"
#include "glmcc-method.h"

typedef struct
{
  double p;
  gsize  index;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  /* Equal p: by position, so that the order (not the q) is deterministic. */
  return (x->index > y->index) - (x->index < y->index);
}

void
glmcc_bh_q_values (const double *p_values,
                   gsize         n,
                   double       *q_values)
{
  g_autofree Ranked *ranked = NULL;
  gsize m = 0;
  double running = 1.0;

  g_return_if_fail (n == 0 || (p_values != NULL && q_values != NULL));

  ranked = g_new (Ranked, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      q_values[i] = NAN;
      if (!isnan (p_values[i]))
        ranked[m++] = (Ranked) { CLAMP (p_values[i], 0.0, 1.0), i };
    }
  qsort (ranked, m, sizeof (Ranked), compare_ranked);
  /* From the largest p down, the running minimum of m·p/rank: tied p-values all reach the q of
   * the last of them. */
  for (gsize r = m; r-- > 0;)
    {
      double q = (double) m * ranked[r].p / (double) (r + 1);

      running = MIN (running, q);
      q_values[ranked[r].index] = running;
    }
}

static gboolean
is_tested (const GlmccEdge *edge)
{
  return (edge->status == GLMCC_STATUS_SIGNIFICANT || edge->status == GLMCC_STATUS_NOT_SIGNIFICANT)
         && !isnan (edge->p_value);
}

gboolean
glmcc_results_compute_q_values (GlmccResults *results,
                                guint64      *n_tested)
{
  const GlmccParams *params;
  g_autoptr(GArray) p_values = NULL;
  g_autofree double *q_values = NULL;
  guint n;
  gsize e = 0;

  g_return_val_if_fail (results != NULL, FALSE);

  if (n_tested != NULL)
    *n_tested = 0;
  if (glmcc_results_count_pending (results) > 0)
    return FALSE;
  params = glmcc_results_get_params (results);
  n = glmcc_results_get_n_neurons (results);
  /* p and q of every directed edge, their ranks, and the q-values kept beside the pairs. */
  if (!glmcc_memory_check ((guint64) n * (n - 1) * (8 + 8 + 16 + 8), "the q-values", NULL))
    return FALSE;
  p_values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, pre, post);
          double p = is_tested (&edge) ? edge.p_value : (double) NAN;

          g_array_append_val (p_values, p);
        }
  q_values = g_new (double, MAX (p_values->len, 1));
  glmcc_bh_q_values ((const double *) (gpointer) p_values->data, p_values->len, q_values);

  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      if (pre != post)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, pre, post);
          double q = q_values[e++];

          edge.q_value = q;
          if (!isnan (q))
            {
              if (n_tested != NULL)
                (*n_tested)++;
              if (params->fdr > 0.0)
                {
                  gboolean significant = q <= params->fdr;

                  edge.status = significant ? GLMCC_STATUS_SIGNIFICANT : GLMCC_STATUS_NOT_SIGNIFICANT;
                  edge.psp_mv = significant ? glmcc_method_strength (params, edge.j) : 0.0;
                }
            }
          glmcc_results_set_edge (results, pre, post, &edge);
          glmcc_results_set_q_value (results, pre, post, q);
        }
  return TRUE;
}
