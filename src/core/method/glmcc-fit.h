/* glmcc-fit.h: the GLMCC model of one cross-correlogram and its MAP fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  GLMCC_STATUS_PENDING,            /* not computed (yet): a cancelled or partial run */
  GLMCC_STATUS_SIGNIFICANT,
  GLMCC_STATUS_NOT_SIGNIFICANT,
  GLMCC_STATUS_INSUFFICIENT_DATA,  /* τ·c̄ <= 10 */
  GLMCC_STATUS_NO_LAGS,            /* no lag inside the window */
  GLMCC_STATUS_NOT_CONVERGED,      /* optimiser pass cap reached */
  GLMCC_STATUS_NUMERICAL_ERROR,    /* non-finite objective */
} GlmccStatus;

const char *glmcc_status_to_string   (GlmccStatus  status);
gboolean    glmcc_status_from_string (const char  *text,
                                      GlmccStatus *status);

/* Which coupling the fit holds at zero (for the likelihood-ratio test). */
typedef enum
{
  GLMCC_FIX_NONE,
  GLMCC_FIX_J_PLUS,
  GLMCC_FIX_J_MINUS,
} GlmccFix;

/* Where a fit may start instead of the published initial value (flat a, J± = 0.1). */
typedef struct
{
  const double *a;        /* n_bins values */
  double        j_plus;
  double        j_minus;
} GlmccFitStart;

/* What one fit needs, apart from the counts. */
typedef struct
{
  guint    n_bins;      /* M = 2W/Δ */
  double   window_ms;   /* W */
  double   bin_ms;      /* Δ */
  double   tau_ms;      /* τ, both sides */
  double   beta;        /* 2/γ */
  double   delay_ms;    /* d, a whole number of bins */
  guint    n_excluded;  /* central bins on each side given zero likelihood (exclude-center) */
  GlmccFix fix;
  gboolean compat;     /* reproduce defects B1/B2 of the published code */
  GCancellable *cancellable;  /* checked once per optimiser pass; NULL = never cancelled */
  const GlmccFitStart *start; /* default mode: start there (NULL: the published initial value);
                               * compat mode, whose result depends on the path, ignores it */
} GlmccFitConfig;

typedef struct
{
  GlmccStatus status;   /* PENDING on success, else NOT_CONVERGED / NUMERICAL_ERROR / NO_LAGS */
  double      j_plus;
  double      j_minus;
  double      log_post;
  double      log_lik;
  guint       n_passes;
  gboolean    cancelled;  /* stopped by config->cancellable; the numbers are not a fit */
} GlmccFitResult;

/* The synaptic kernel f(s) = exp(−(s − d)/τ) for s >= d, else 0 (also 0 for τ <= 0). */
double   glmcc_kernel      (double                s,
                            double                delay_ms,
                            double                tau_ms);
/* Exponential integral Ei(x), x != 0. */
double   glmcc_ei          (double                x);
/* Ein(x) = Σ_{n>=1} xⁿ/(n·n!) = Ei(x) − γ − ln|x|, the entire part of Ei (Ein(0) = 0). */
double   glmcc_ein         (double                x);

/* Fits a (length n_bins, written in place; its initial value is set here, or copied from
 * config->start, which may be @a itself) and J±.
 * @counts has n_bins entries; s_plus and s_minus are the sufficient statistics of J±;
 * @n_lags the number of lags (for the initial value). @scratch holds at least
 * glmcc_fit_scratch_size (n_bins) doubles, zeroed when it is allocated (g_new0): it keeps the
 * edge kernel under a key of its own, and stale bytes that happened to match would be read
 * as the kernel. Never allocates. */
gsize    glmcc_fit_scratch_size (guint            n_bins);
void     glmcc_fit_run     (const GlmccFitConfig *config,
                            const double         *counts,
                            double                s_plus,
                            double                s_minus,
                            double                n_lags,
                            double               *a,
                            double               *scratch,
                            GlmccFitResult       *result);

/* The log posterior, log likelihood and (if @gradient is not NULL, n_bins + 2 entries:
 * a, then J+, J−) the gradient of the log posterior at the given parameters. */
void     glmcc_fit_evaluate (const GlmccFitConfig *config,
                             const double         *counts,
                             double                s_plus,
                             double                s_minus,
                             const double         *a,
                             double                j_plus,
                             double                j_minus,
                             double               *scratch,
                             double               *log_post,
                             double               *log_lik,
                             double               *gradient);

/* The log posterior at (a_1, J±_1) minus that at (a_2, J±_2), summed term by term: the
 * difference of two nearby fits (the likelihood-ratio test's) keeps the digits that the
 * difference of their two log posteriors, each some 10⁴, loses to rounding. */
double   glmcc_fit_log_post_difference (const GlmccFitConfig *config,
                                        const double         *counts,
                                        double                s_plus,
                                        double                s_minus,
                                        const double         *a_1,
                                        double                j_plus_1,
                                        double                j_minus_1,
                                        const double         *a_2,
                                        double                j_plus_2,
                                        double                j_minus_2,
                                        double               *scratch);

/* The variances of J+ and J− (index 0 and 1) at a fit: the posterior one, [Q⁻¹]_JJ, and the
 * sandwich one, [Q⁻¹ F Q⁻¹]_JJ, where Q is the curvature of the log posterior and F that of
 * the log likelihood (see glmcc-fit.c). For unconstrained fits only. */
typedef struct
{
  double posterior[2];
  double sandwich[2];
} GlmccFitVariance;

gboolean glmcc_fit_variance (const GlmccFitConfig *config,
                             const double         *counts,
                             double                s_plus,
                             double                s_minus,
                             const double         *a,
                             double                j_plus,
                             double                j_minus,
                             double               *scratch,
                             GlmccFitVariance     *variance);

/* Solves the bordered tridiagonal (arrowhead) system of one LM step in O(M).
 * Matrix: tridiagonal block (diag[M], off[M-1] symmetric), border columns bp and bm
 * (length M), corner diagonal (dpp, dmm) with zero off-corner. rhs has M+2 entries; the
 * solution is written to x (M+2). @work holds at least 4*M doubles. A border
 * can be switched off (fixed coupling) with use_plus / use_minus. The tridiagonal block must be
 * positive definite, as the LM system's is; returns FALSE if a pivot is not positive and finite,
 * or the 2×2 Schur complement is singular. */
gboolean glmcc_arrowhead_solve (guint          n,
                                const double  *diag,
                                const double  *off,
                                const double  *bp,
                                const double  *bm,
                                double         dpp,
                                double         dmm,
                                gboolean       use_plus,
                                gboolean       use_minus,
                                const double  *rhs,
                                double        *x,
                                double        *work);

G_END_DECLS
