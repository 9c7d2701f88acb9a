/* glmcc-fdr.h: false discovery rate control over a run's edges (Benjamini–Hochberg)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

/* Benjamini–Hochberg q-values of @n p-values: q_(i) = min over j ≥ i of m·p_(j)/j (ranks of the
 * ascending p-values, m the number of finite ones), at most 1. NaN p-values (edges not tested)
 * are left out of m and get a NaN q. Tied p-values get the same q, and q is monotone in p.
 * @q_values may be @p_values (the q-values replace the p-values); @n is at most G_MAXUINT32. */
void     glmcc_bh_q_values               (const double *p_values,
                                          gsize         n,
                                          double       *q_values);

/* The q-value of every tested edge (significant or not significant, with a p-value) of a whole
 * run, over all of them; untested edges (insufficient data, failed fits …) get NaN. When the
 * run's parameters ask for it (params->fdr > 0) the decisions are then made by q instead of the
 * per-edge α: significant ⇔ q ≤ fdr, the matrix value following (glmcc_method_strength()).
 * Call it when the run is done (after the engine, a merge or a resume), never while an engine
 * fills @results. A run with pending pairs is left as it is (FALSE): its q-values would change
 * with the missing edges; so is one whose q-values would not fit in memory (about 40 bytes per
 * directed edge while they are computed). @n_tested (may be NULL) receives the number of tested
 * edges. */
gboolean glmcc_results_compute_q_values  (GlmccResults *results,
                                          guint64      *n_tested);

/* glmcc_results_compute_q_values() in two steps, for a caller that ranks on one thread and
 * applies on another: the first only reads @results (so another thread may read it meanwhile)
 * and returns the q-value of every directed edge in the row-major order of the matrix without
 * its diagonal (free with g_free()), or NULL where glmcc_results_compute_q_values() would return
 * FALSE; the second writes them and the decisions they make. */
double  *glmcc_results_rank_q_values     (GlmccResults *results) G_GNUC_WARN_UNUSED_RESULT;
void     glmcc_results_apply_q_values    (GlmccResults *results,
                                          const double *q_values,
                                          guint64      *n_tested);

G_END_DECLS
