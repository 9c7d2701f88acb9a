/* glmcc-null.h: calibration on independent spike trains (no connection anywhere)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A detection method is only as good as its behaviour where there is nothing to detect. This
 * module makes recordings of independent Poisson neurons, with their times on the grid a
 * recording system would write them on, analyses every pair, and summarises how often edges
 * are called connected and how the p-values are distributed.
 */
#pragma once

#include <glib.h>

#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_neurons;
  double  rate_hz;         /* every neuron fires as a Poisson process at this rate */
  double  duration_s;
  double  sample_rate_hz;  /* times as sample indices at this rate; 0 = exact (1 ns) */
  guint32 seed;
} GlmccNullCondition;

typedef struct
{
  guint64 n_edges;          /* directed edges analysed */
  guint64 n_tested;         /* edges with a test decision (significant or not) */
  guint64 n_significant;    /* false connections: every edge here is unconnected */
  guint64 n_p_01;           /* tested edges with p <= 0.1 */
  guint64 n_p_001;          /* … with p <= 0.01 */
  guint64 n_p_alpha;        /* … with p <= α */
  guint64 n_failed;         /* not-converged or numerical-error */
  guint64 n_mismatch;       /* decisions that disagree with p <= α: must stay 0 */
  double  alpha;
  double  ks;               /* Kolmogorov–Smirnov D of the tested p-values against U(0, 1) */
  double  ks_upper;         /* the one-sided D⁺ = sup (F_n(u) − u): excess of small p-values */
  guint64 bound_significant;/* 0.999 quantile of Binomial(n_tested, α) */
  guint64 bound_p_001;      /* 0.999 quantile of Binomial(n_tested, 0.01) */
} GlmccNullSummary;

/* The recording of a condition: deterministic for its seed. */
GlmccRecording *glmcc_null_recording     (const GlmccNullCondition *condition);

/* Analyses every pair of @recording with @params on @n_threads threads (0 = all cores) and
 * summarises the edges as if none were connected. */
void            glmcc_null_analyse       (GlmccRecording           *recording,
                                          const GlmccParams        *params,
                                          guint                     n_threads,
                                          GlmccNullSummary         *summary);

/* The smallest k with P(X <= k) >= q for X ~ Binomial(n, p). */
guint64         glmcc_binomial_quantile  (guint64                   n,
                                          double                    p,
                                          double                    q);

/* Whether a summary keeps the promise: false connections and p <= 0.01 within their 0.999
 * binomial quantiles, and every decision equal to p <= α. */
gboolean        glmcc_null_summary_ok    (const GlmccNullSummary   *summary);

G_END_DECLS
