/* glmcc-fdr.h: Benjamini–Hochberg q-values over the edges of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

/* The Benjamini–Hochberg q-value of each of @n p-values: with the m finite ones sorted,
 * p(1) ≤ … ≤ p(m), q(i) = min over j ≥ i of min(1, p(j)·m/j). Ties get the same q. A NaN p-value
 * (an edge not tested) is not counted in m and gets a NaN q. @q_values may be @p_values.
 * FALSE when the system refuses the memory it sorts in (16 bytes per finite p-value). */
gboolean glmcc_fdr_q_values              (const double  *p_values,
                                          gsize          n,
                                          double        *q_values);

/* Stores in @results the q-value of every computed edge with a finite p-value, the edges of
 * all pairs counted together (what glmcc_results_get_edge() then returns as q_value). q-values
 * need every edge: call it on complete results (a shard leaves them NaN, and merge computes
 * them). Fails with GLMCC_ERROR_TOO_LARGE when the memory for the sort is refused. */
gboolean glmcc_results_compute_q_values  (GlmccResults  *results,
                                          GError       **error);

G_END_DECLS
