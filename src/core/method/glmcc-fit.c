/* glmcc-fit.c: the MAP fit of the GLMCC model to one cross-correlogram (METHOD §3–§6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-fit"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_expint.h>

#include "glmcc-fit.h"

#define EULER_GAMMA 0.57721566490153286060651209008240243
/* The published clip of J. The default mode widens it: strong inhibitory synapses need J below
 * −3 (e^{−3}: the rate falls to 5 % just after the delay), and at the clip the published
 * optimiser can stall for its whole pass budget. */
#define J_CLIP_LOW (-3.0)
#define J_CLIP_HIGH 5.0
#define J_BOUND_LOW (-8.0)
#define J_BOUND_HIGH 8.0
#define LM_C0 0.01
#define LM_ETA 0.1
#define LM_TOLERANCE 1e-4
#define LM_MAX_PASSES 1000
#define LM_POLISH_PASSES 30
#define LM_POLISH_STEP 1e-13
#define LM_POLISH_SLACK 1e-12
/* Rejected passes are not counted by the published code and could loop forever (P2). */
#define LM_MAX_PASSES_HARD 1500
#define G_SMALL 1e-6      /* |J·f| below this: the bin integral is Δ·e^a */
#define DERIV_SMALL 1e-3  /* |J| below this: the J → 0 limits of the derivatives */

static const char * const status_names[] = {
  [GLMCC_STATUS_PENDING] = "pending",
  [GLMCC_STATUS_SIGNIFICANT] = "significant",
  [GLMCC_STATUS_NOT_SIGNIFICANT] = "not-significant",
  [GLMCC_STATUS_INSUFFICIENT_DATA] = "insufficient-data",
  [GLMCC_STATUS_NO_LAGS] = "no-lags",
  [GLMCC_STATUS_NOT_CONVERGED] = "not-converged",
  [GLMCC_STATUS_NUMERICAL_ERROR] = "numerical-error",
};

const char *
glmcc_status_to_string (GlmccStatus status)
{
  if ((guint) status < G_N_ELEMENTS (status_names))
    return status_names[status];
  return "unknown";
}

gboolean
glmcc_status_from_string (const char  *text,
                          GlmccStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (GlmccStatus) i;
        return TRUE;
      }
  return FALSE;
}

double
glmcc_kernel (double s,
              double delay_ms,
              double tau_ms)
{
  if (s < delay_ms || !(tau_ms > 0.0))
    return 0.0;
  return exp (-(s - delay_ms) / tau_ms);
}

/* 1/(n·n!) for n = 1 … EI_TERMS: the coefficients of Ein(x) = Σ xⁿ/(n·n!). */
#define EI_TERMS 56
static double ei_coefficients[EI_TERMS + 1];

static gpointer
ei_init_coefficients (gpointer data)
{
  double factorial = 1.0;

  ei_coefficients[0] = 0.0;
  for (int n = 1; n <= EI_TERMS; n++)
    {
      factorial *= n;
      ei_coefficients[n] = 1.0 / (n * factorial);
    }
  return NULL;
}

/* Ei(x) = γ + ln|x| + Σ xⁿ/(n·n!), by Horner's rule over enough terms for double precision on
 * the range the fit uses (|x| <= 5, METHOD §3.1); GSL beyond it. Horner avoids the two
 * divisions per term of the naive series, which made Ei the hot spot of the fit. */
double
glmcc_ei (double x)
{
  static GOnce once = G_ONCE_INIT;
  double ax = fabs (x), sum = 0.0;
  int terms;

  if (ax > 6.0)
    {
      gsl_sf_result result;
      if (gsl_sf_expint_Ei_e (x, &result) != GSL_SUCCESS)
        return NAN;
      return result.val;
    }
  g_once (&once, ei_init_coefficients, NULL);
  /* The first neglected term, 6ⁿ/(n·n!), is below 1e-17 of the sum at these counts. */
  terms = ax <= 0.5 ? 16 : ax <= 1.5 ? 22 : ax <= 3.0 ? 30 : ax <= 4.5 ? 38 : 44;
  for (int n = terms; n >= 1; n--)
    sum = (sum + ei_coefficients[n]) * x;
  return EULER_GAMMA + log (ax) + sum;
}

double
glmcc_ein (double x)
{
  static GOnce once = G_ONCE_INIT;
  double ax = fabs (x), sum = 0.0;
  int terms;

  if (x == 0.0)
    return 0.0;
  if (ax > 8.0)
    return glmcc_ei (x) - EULER_GAMMA - log (ax);
  g_once (&once, ei_init_coefficients, NULL);
  terms = ax <= 1e-3 ? 5 : ax <= 0.5 ? 16 : ax <= 1.5 ? 22 : ax <= 3.0 ? 30 : ax <= 4.5 ? 38
          : ax <= 6.0 ? 44 : EI_TERMS;
  for (int n = terms; n >= 1; n--)
    sum = (sum + ei_coefficients[n]) * x;
  return sum;
}

/* Layout of the scratch buffer, in units of n_bins doubles. */
enum
{
  SCR_EXP_A,     /* e^{a_k} */
  SCR_G,         /* G_k */
  SCR_EXP_A_ALT, /* the same two for a proposed step, swapped in when it is accepted */
  SCR_G_ALT,
  SCR_DG,        /* ∂G_k/∂J of the bin's side */
  SCR_D2G,       /* ∂²G_k/∂J² */
  SCR_F_HI,      /* f at the bin edge nearer the delay */
  SCR_F_LO,      /* f at the far edge */
  SCR_A_NEW,
  SCR_DIAG,
  SCR_OFF,
  SCR_BP,
  SCR_BM,
  SCR_RHS,       /* n_bins + 2 */
  SCR_X = SCR_RHS + 2,
  SCR_WORK = SCR_X + 2,
  SCR_END = SCR_WORK + 4,
};

gsize
glmcc_fit_scratch_size (guint n_bins)
{
  return (gsize) SCR_END * n_bins + 16;
}

typedef struct
{
  const GlmccFitConfig *config;
  const double *counts;
  guint  n_bins;
  guint  plus_first;   /* J+ bins: plus_first … n_bins − 1 */
  guint  minus_last;   /* J− bins: 0 … minus_last − 1 */
  guint  excl_first;   /* excluded bins: excl_first … excl_last − 1 */
  guint  excl_last;
  double s_plus;
  double s_minus;
  double beta_bin;     /* β' = β/Δ */
  double *exp_a;
  double *g;
  double *exp_a_alt;
  double *g_alt;
  double *dg;
  double *d2g;
  double *f_hi;
  double *f_lo;
} Model;

static inline gboolean
bin_is_plus (const Model *m,
             guint        k)
{
  return k >= m->plus_first;
}

static inline gboolean
bin_is_minus (const Model *m,
              guint        k)
{
  return k < m->minus_last;
}

static inline gboolean
bin_is_excluded (const Model *m,
                 guint        k)
{
  return k >= m->excl_first && k < m->excl_last;
}

/* Bin layout and kernel values of one configuration. */
static void
model_init (Model                *m,
            const GlmccFitConfig *config,
            const double         *counts,
            double                s_plus,
            double                s_minus,
            double               *scratch)
{
  const guint n = config->n_bins;
  const guint half = n / 2;
  const gboolean fit_plus = config->fix != GLMCC_FIX_J_PLUS;
  const gboolean fit_minus = config->fix != GLMCC_FIX_J_MINUS;
  guint delay_bins;

  m->config = config;
  m->counts = counts;
  m->n_bins = n;
  m->s_plus = fit_plus ? s_plus : 0.0;
  m->s_minus = fit_minus ? s_minus : 0.0;
  m->beta_bin = config->beta / config->bin_ms;
  m->exp_a = scratch + SCR_EXP_A * n;
  m->g = scratch + SCR_G * n;
  m->exp_a_alt = scratch + SCR_EXP_A_ALT * n;
  m->g_alt = scratch + SCR_G_ALT * n;
  m->dg = scratch + SCR_DG * n;
  m->d2g = scratch + SCR_D2G * n;
  m->f_hi = scratch + SCR_F_HI * n;
  m->f_lo = scratch + SCR_F_LO * n;

  /* Bin k is (x_k − Δ, x_k] with x_k = (k + 1)Δ − W. J+ acts where x_k > d, J− where x_k <= −d. */
  delay_bins = (guint) lround (config->delay_ms / config->bin_ms);
  m->plus_first = half + delay_bins;
  m->minus_last = half > delay_bins ? half - delay_bins : 0;
  m->excl_first = half - MIN (config->n_excluded, half);
  m->excl_last = half + MIN (config->n_excluded, half);
  for (guint k = 0; k < n; k++)
    {
      double x_k = (k + 1) * config->bin_ms - config->window_ms;
      if (bin_is_plus (m, k))
        {
          m->f_hi[k] = exp (-(x_k - config->bin_ms - config->delay_ms) / config->tau_ms);
          m->f_lo[k] = exp (-(x_k - config->delay_ms) / config->tau_ms);
        }
      else if (bin_is_minus (m, k))
        {
          m->f_hi[k] = exp (-(-x_k - config->delay_ms) / config->tau_ms);
          m->f_lo[k] = exp (-(-x_k + config->bin_ms - config->delay_ms) / config->tau_ms);
        }
      else
        m->f_hi[k] = m->f_lo[k] = 0.0;
    }
  /* Adjacent coupled bins share an edge: make the shared f one and the same double, so that
   * Ei and exp at that edge are evaluated once (model_objective, model_derivatives). */
  for (guint k = m->plus_first; k + 1 < n; k++)
    m->f_lo[k] = m->f_hi[k + 1];
  for (guint k = 1; k < m->minus_last; k++)
    m->f_lo[k] = m->f_hi[k - 1];
}

static inline void
swap_buffers (Model *m)
{
  double *t;

  t = m->g;
  m->g = m->g_alt;
  m->g_alt = t;
  t = m->exp_a;
  m->exp_a = m->exp_a_alt;
  m->exp_a_alt = t;
}

/* Ei (or Ein) at one edge of a coupled bin, reusing the value of the neighbouring bin's
 * shared edge. */
static inline double
ei_cached (double  u,
           double *last_u,
           double *last_ei,
           double (*function) (double))
{
  if (u != *last_u)
    {
      *last_u = u;
      *last_ei = function (u);
    }
  return *last_ei;
}

/* G_k of a coupled bin in the default mode: ∫ e^{a + J f(t)} dt over the bin is
 * τ e^a [Ei(J f_hi) − Ei(J f_lo)], and since Ei(u) = γ + ln|u| + Ein(u) with the entire
 * function Ein, and ln(f_hi/f_lo) = Δ/τ, it equals e^a [Δ + τ (Ein(J f_hi) − Ein(J f_lo))].
 * That form is exact for every J, 0 included, so the default mode needs no switch to Δ e^a
 * for small |J f| (the published code's switch makes the objective disagree with its
 * derivatives, which moves the optimum of a fit by about 1e-7). */
static inline double
bin_integral (double  exp_a,
              double  j,
              double  f_hi,
              double  f_lo,
              double  bin,
              double  tau,
              double *last_u,
              double *last_ein)
{
  return exp_a * (bin + tau * (ei_cached (j * f_hi, last_u, last_ein, glmcc_ein)
                               - ei_cached (j * f_lo, last_u, last_ein, glmcc_ein)));
}

/* G_k for every bin (into m->g, with e^{a_k} in m->exp_a) and the log posterior and log
 * likelihood at (a, J±). */
static void
model_objective (Model        *m,
                 const double *a,
                 double        j_plus,
                 double        j_minus,
                 double       *log_post,
                 double       *log_lik)
{
  const double tau = m->config->tau_ms;
  const double bin = m->config->bin_ms;
  double sum_ac = 0.0, sum_g = 0.0, prior = 0.0;
  double last_u = NAN, last_ei = NAN;

  for (guint k = 0; k < m->n_bins; k++)
    {
      m->exp_a[k] = exp (a[k]);
      m->g[k] = bin_is_excluded (m, k) ? 0.0 : bin * m->exp_a[k];
    }
  if (!m->config->compat)
    {
      /* Both sides by one rule, outward from the delay, so (B, A) mirrors (A, B) exactly. */
      for (guint k = m->plus_first; k < m->n_bins; k++)
        m->g[k] = bin_integral (m->exp_a[k], j_plus, m->f_hi[k], m->f_lo[k], bin, tau,
                                &last_u, &last_ei);
      last_u = NAN;
      for (guint k = m->minus_last; k-- > 0;)
        m->g[k] = bin_integral (m->exp_a[k], j_minus, m->f_hi[k], m->f_lo[k], bin, tau,
                                &last_u, &last_ei);
    }
  else
    {
      /* The published code: Δ e^a where |J f| <= 1e-6, tested at the far edge on the + side
       * and at the near edge on the − side. J+ bins outward from the delay: bin k's far edge
       * is bin k + 1's near edge; J− bins likewise. */
      for (guint k = m->plus_first; k < m->n_bins; k++)
        if (fabs (j_plus * m->f_lo[k]) > G_SMALL)
          m->g[k] = tau * m->exp_a[k] * (ei_cached (j_plus * m->f_hi[k], &last_u, &last_ei, glmcc_ei)
                                         - ei_cached (j_plus * m->f_lo[k], &last_u, &last_ei, glmcc_ei));
      last_u = NAN;
      for (guint k = m->minus_last; k-- > 0;)
        if (fabs (j_minus * m->f_hi[k]) > G_SMALL)
          m->g[k] = tau * m->exp_a[k] * (ei_cached (j_minus * m->f_hi[k], &last_u, &last_ei, glmcc_ei)
                                         - ei_cached (j_minus * m->f_lo[k], &last_u, &last_ei, glmcc_ei));
    }

  for (guint k = 0; k < m->n_bins; k++)
    {
      sum_ac += a[k] * m->counts[k];
      sum_g += m->g[k];
    }
  for (guint k = 0; k + 1 < m->n_bins; k++)
    {
      double d = a[k + 1] - a[k];
      prior += d * d;
    }
  *log_lik = sum_ac + j_plus * m->s_plus + j_minus * m->s_minus - sum_g;
  *log_post = *log_lik - m->config->beta / (2.0 * bin) * prior;
}

static inline double
exp_cached (double  u,
            double *last_u,
            double *last_exp)
{
  if (u != *last_u)
    {
      *last_u = u;
      *last_exp = exp (u);
    }
  return *last_exp;
}

/* ∂G/∂J and ∂²G/∂J² of one coupled bin (METHOD §4). */
static inline void
bin_derivatives (Model  *m,
                 guint   k,
                 double  j,
                 double  lim1,
                 double  lim2,
                 double *last_u,
                 double *last_exp)
{
  const double tau = m->config->tau_ms;
  double e = m->exp_a[k];

  if (fabs (j) >= DERIV_SMALL)
    {
      double u_hi = j * m->f_hi[k], u_lo = j * m->f_lo[k];
      double e_hi = exp_cached (u_hi, last_u, last_exp);
      double e_lo = exp_cached (u_lo, last_u, last_exp);
      m->dg[k] = tau * e / j * (e_hi - e_lo);
      m->d2g[k] = tau * e / (j * j) * ((u_hi - 1.0) * e_hi - (u_lo - 1.0) * e_lo);
    }
  else if (m->config->compat)
    {
      /* The J → 0 limits; B1: the published code leaves out e^{a_k} in the second. */
      m->dg[k] = tau * e * m->f_hi[k] * lim1;
      m->d2g[k] = 0.5 * tau * m->f_hi[k] * m->f_hi[k] * lim2;
    }
  else
    {
      /* The series of the closed forms in J: ∂G/∂J = τ e Σ_{n>=1} J^{n−1} (f_hiⁿ − f_loⁿ)/n!
       * and ∂²G/∂J² = τ e Σ_{n>=2} (n−1) J^{n−2} (f_hiⁿ − f_loⁿ)/n!; for |J| < 1e-3 six
       * terms are exact to rounding, where the J → 0 limits are off by |J|. */
      double hi_n = m->f_hi[k], lo_n = m->f_lo[k], factorial = 1.0;
      double j_n1 = 1.0, j_n2 = 0.0;   /* J^{n−1} and J^{n−2} */
      double first = 0.0, second = 0.0;

      for (int n = 1; n <= 6; n++)
        {
          double diff;

          factorial *= n;
          diff = (hi_n - lo_n) / factorial;
          first += j_n1 * diff;
          second += (n - 1) * j_n2 * diff;
          hi_n *= m->f_hi[k];
          lo_n *= m->f_lo[k];
          j_n2 = j_n1;
          j_n1 *= j;
        }
      m->dg[k] = tau * e * first;
      m->d2g[k] = tau * e * second;
    }
}

/* ∂G/∂J and ∂²G/∂J² of every bin, after model_objective() at the same point. */
static void
model_derivatives (Model  *m,
                   double  j_plus,
                   double  j_minus)
{
  const double tau = m->config->tau_ms;
  const double bin = m->config->bin_ms;
  const double lim1 = 1.0 - exp (-bin / tau);
  const double lim2 = 1.0 - exp (-2.0 * bin / tau);
  double last_u = NAN, last_exp = NAN;

  memset (m->dg, 0, m->n_bins * sizeof (double));
  memset (m->d2g, 0, m->n_bins * sizeof (double));
  for (guint k = m->plus_first; k < m->n_bins; k++)
    bin_derivatives (m, k, j_plus, lim1, lim2, &last_u, &last_exp);
  last_u = NAN;
  for (guint k = m->minus_last; k-- > 0;)
    bin_derivatives (m, k, j_minus, lim1, lim2, &last_u, &last_exp);
}

/* The LM system −(H + C·diag H) δ = −g after model_derivatives(): @rhs gets the gradient g
 * (n + 2 entries), the tridiagonal block, the borders and the corner get −(H + C·diag H),
 * whose block and corner are positive. */
static void
assemble_system (const Model  *m,
                 const double *a,
                 double        j_plus,
                 double        j_minus,
                 double        damping,
                 double       *rhs,
                 double       *diag,
                 double       *off,
                 double       *bp,
                 double       *bm,
                 double       *dpp,
                 double       *dmm)
{
  const guint n = m->n_bins;
  const gboolean compat = m->config->compat;
  double gp = m->s_plus, gm = m->s_minus, hpp = 0.0, hmm = 0.0;

  for (guint k = 0; k < n; k++)
    {
      double neighbours = (k > 0 ? 1.0 : 0.0) + (k + 1 < n ? 1.0 : 0.0);
      double grad = m->counts[k] - m->g[k];
      double cross = m->dg[k];

      if (bin_is_excluded (m, k))
        grad = 0.0;
      if (k > 0)
        grad -= m->beta_bin * (a[k] - a[k - 1]);
      if (k + 1 < n)
        grad -= m->beta_bin * (a[k] - a[k + 1]);
      rhs[k] = grad;
      diag[k] = (1.0 + damping) * (m->g[k] + m->beta_bin * neighbours);
      if (k + 1 < n)
        off[k] = -m->beta_bin;

      /* B2: the published code flips the sign of the a–J terms in the small-J branch. */
      bp[k] = 0.0;
      bm[k] = 0.0;
      if (bin_is_plus (m, k))
        {
          gp -= m->dg[k];
          hpp += m->d2g[k];
          if (compat && fabs (j_plus) < DERIV_SMALL)
            cross = -cross;
          bp[k] = cross;
        }
      else if (bin_is_minus (m, k))
        {
          gm -= m->dg[k];
          hmm += m->d2g[k];
          if (compat && fabs (j_minus) < DERIV_SMALL)
            cross = -cross;
          bm[k] = cross;
        }
    }
  rhs[n] = gp;
  rhs[n + 1] = gm;
  *dpp = (1.0 + damping) * hpp;
  *dmm = (1.0 + damping) * hmm;
}

/* Thomas algorithm on a symmetric tridiagonal matrix for up to three right-hand sides at once;
 * @cprime holds n doubles. Solves in place. */
static gboolean
thomas_solve (guint         n,
              const double *diag,
              const double *off,
              double       *cprime,
              double      **rhs,
              guint         n_rhs)
{
  double denom = diag[0];

  if (denom == 0.0 || !isfinite (denom))
    return FALSE;
  cprime[0] = n > 1 ? off[0] / denom : 0.0;
  for (guint r = 0; r < n_rhs; r++)
    rhs[r][0] /= denom;
  for (guint i = 1; i < n; i++)
    {
      denom = diag[i] - off[i - 1] * cprime[i - 1];
      if (denom == 0.0 || !isfinite (denom))
        return FALSE;
      cprime[i] = i + 1 < n ? off[i] / denom : 0.0;
      for (guint r = 0; r < n_rhs; r++)
        rhs[r][i] = (rhs[r][i] - off[i - 1] * rhs[r][i - 1]) / denom;
    }
  for (guint i = n - 1; i-- > 0;)
    for (guint r = 0; r < n_rhs; r++)
      rhs[r][i] -= cprime[i] * rhs[r][i + 1];
  return TRUE;
}

gboolean
glmcc_arrowhead_solve (guint          n,
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
                       double        *work)
{
  double *cprime = work, *zp = work + n, *zm = work + 2 * n;
  double *cols[3];
  guint n_cols = 0;
  double s11, s12, s22, r1, r2, y1 = 0.0, y2 = 0.0;

  memcpy (x, rhs, n * sizeof (double));
  cols[n_cols++] = x;
  if (use_plus)
    {
      memcpy (zp, bp, n * sizeof (double));
      cols[n_cols++] = zp;
    }
  if (use_minus)
    {
      memcpy (zm, bm, n * sizeof (double));
      cols[n_cols++] = zm;
    }
  if (!thomas_solve (n, diag, off, cprime, cols, n_cols))
    return FALSE;

  /* Schur complement S = D − Bᵀ T⁻¹ B and its right-hand side s − Bᵀ T⁻¹ r. */
  s11 = dpp;
  s22 = dmm;
  s12 = 0.0;
  r1 = rhs[n];
  r2 = rhs[n + 1];
  for (guint k = 0; k < n; k++)
    {
      if (use_plus)
        {
          s11 -= bp[k] * zp[k];
          r1 -= bp[k] * x[k];
        }
      if (use_minus)
        {
          s22 -= bm[k] * zm[k];
          r2 -= bm[k] * x[k];
        }
      if (use_plus && use_minus)
        s12 -= bp[k] * zm[k];
    }
  if (use_plus && use_minus)
    {
      double det = s11 * s22 - s12 * s12;
      if (det == 0.0 || !isfinite (det))
        return FALSE;
      y1 = (r1 * s22 - s12 * r2) / det;
      y2 = (s11 * r2 - s12 * r1) / det;
    }
  else if (use_plus)
    {
      if (s11 == 0.0 || !isfinite (s11))
        return FALSE;
      y1 = r1 / s11;
    }
  else if (use_minus)
    {
      if (s22 == 0.0 || !isfinite (s22))
        return FALSE;
      y2 = r2 / s22;
    }
  for (guint k = 0; k < n; k++)
    {
      if (use_plus)
        x[k] -= zp[k] * y1;
      if (use_minus)
        x[k] -= zm[k] * y2;
    }
  x[n] = y1;
  x[n + 1] = y2;
  return TRUE;
}

void
glmcc_fit_run (const GlmccFitConfig *config,
               const double         *counts,
               double                s_plus,
               double                s_minus,
               double                n_lags,
               double               *a,
               double               *scratch,
               GlmccFitResult       *result)
{
  const guint n = config->n_bins;
  const gboolean fit_plus = config->fix != GLMCC_FIX_J_PLUS;
  const gboolean fit_minus = config->fix != GLMCC_FIX_J_MINUS;
  Model m;
  double *a_new = scratch + SCR_A_NEW * n;
  double *diag = scratch + SCR_DIAG * n;
  double *off = scratch + SCR_OFF * n;
  double *bp = scratch + SCR_BP * n;
  double *bm = scratch + SCR_BM * n;
  double *rhs = scratch + SCR_RHS * n;
  double *x = scratch + SCR_X * n + 2;
  double *work = scratch + SCR_WORK * n + 4;
  double j_plus, j_minus, log_post, log_lik, damping = LM_C0;
  const double j_low = config->compat ? J_CLIP_LOW : J_BOUND_LOW;
  const double j_high = config->compat ? J_CLIP_HIGH : J_BOUND_HIGH;
  guint passes = 0;
  gboolean converged = FALSE;

  memset (result, 0, sizeof *result);
  result->status = GLMCC_STATUS_PENDING;

  if (!(n_lags > 0.0))
    {
      result->status = GLMCC_STATUS_NO_LAGS;
      result->log_post = result->log_lik = NAN;
      return;
    }

  model_init (&m, config, counts, s_plus, s_minus, scratch);

  for (guint k = 0; k < n; k++)
    a[k] = log (n_lags / (2.0 * config->window_ms));
  j_plus = fit_plus ? 0.1 : 0.0;
  j_minus = fit_minus ? 0.1 : 0.0;

  model_objective (&m, a, j_plus, j_minus, &log_post, &log_lik);
  if (!isfinite (log_post))
    {
      result->status = GLMCC_STATUS_NUMERICAL_ERROR;
      goto done;
    }

  for (;;)
    {
      double new_j_plus, new_j_minus, new_post, new_lik;
      double dpp, dmm;
      gboolean accepted, step_plus = fit_plus, step_minus = fit_minus;

      passes++;
      if (config->cancellable != NULL && g_cancellable_is_cancelled (config->cancellable))
        {
          result->cancelled = TRUE;
          break;
        }
      model_derivatives (&m, j_plus, j_minus);

      assemble_system (&m, a, j_plus, j_minus, damping, rhs, diag, off, bp, bm, &dpp, &dmm);

      /* Default mode: a coupling on its bound whose gradient points outward is held there for
       * this step (a projected Newton step), so a and the other coupling still converge. The
       * published code clips the whole step instead, which can stall at the clip. */
      if (!config->compat)
        {
          if ((j_plus <= j_low && rhs[n] < 0.0) || (j_plus >= j_high && rhs[n] > 0.0))
            step_plus = FALSE;
          if ((j_minus <= j_low && rhs[n + 1] < 0.0) || (j_minus >= j_high && rhs[n + 1] > 0.0))
            step_minus = FALSE;
        }
      if (!glmcc_arrowhead_solve (n, diag, off, bp, bm, dpp, dmm, step_plus, step_minus,
                                  rhs, x, work))
        {
          result->status = GLMCC_STATUS_NUMERICAL_ERROR;
          goto done;
        }

      /* θ_new = θ − (H + C diag H)⁻¹ g = θ + x. */
      for (guint k = 0; k < n; k++)
        a_new[k] = a[k] + x[k];
      new_j_plus = fit_plus ? CLAMP (j_plus + x[n], j_low, j_high) : 0.0;
      new_j_minus = fit_minus ? CLAMP (j_minus + x[n + 1], j_low, j_high) : 0.0;

      /* Evaluate the proposal into the spare buffers, so a rejection keeps G at θ. */
      swap_buffers (&m);
      model_objective (&m, a_new, new_j_plus, new_j_minus, &new_post, &new_lik);
      accepted = new_post >= log_post;
      if (accepted)
        {
          double change = new_post - log_post;

          memcpy (a, a_new, n * sizeof (double));
          j_plus = new_j_plus;
          j_minus = new_j_minus;
          log_post = new_post;
          log_lik = new_lik;
          damping *= LM_ETA;
          if (fabs (change) < LM_TOLERANCE)
            {
              converged = TRUE;
              break;
            }
          if (passes > LM_MAX_PASSES)
            {
              result->status = GLMCC_STATUS_NOT_CONVERGED;
              break;
            }
        }
      else
        {
          damping /= LM_ETA;
          swap_buffers (&m);
          if (passes > LM_MAX_PASSES_HARD)
            {
              result->status = GLMCC_STATUS_NOT_CONVERGED;
              break;
            }
        }
    }

  /* The published stopping rule (a change of the log posterior below 1e-4) leaves the
   * parameters short of the optimum by an amount that depends on the path, hence on rounding:
   * the same data fed another way (the other neuron as reference, stored or streamed lags)
   * would give J differing in the 7th digit. The default mode goes on with the same damped
   * steps until the step itself is negligible; near the optimum they are Newton steps and
   * converge quadratically, so this costs a pass or two. The objective is only asked not to
   * fall by more than its rounding. */
  if (converged && !config->compat)
    for (guint polish = 0; polish < LM_POLISH_PASSES; polish++)
      {
        double new_j_plus, new_j_minus, new_post, new_lik, dpp, dmm, largest = 0.0;

        passes++;
        model_derivatives (&m, j_plus, j_minus);
        assemble_system (&m, a, j_plus, j_minus, damping, rhs, diag, off, bp, bm, &dpp, &dmm);
        if (!glmcc_arrowhead_solve (n, diag, off, bp, bm, dpp, dmm,
                                    fit_plus && j_plus > j_low && j_plus < j_high,
                                    fit_minus && j_minus > j_low && j_minus < j_high,
                                    rhs, x, work))
          break;
        for (guint k = 0; k < n + 2; k++)
          largest = MAX (largest, fabs (x[k]));
        for (guint k = 0; k < n; k++)
          a_new[k] = a[k] + x[k];
        new_j_plus = fit_plus ? CLAMP (j_plus + x[n], j_low, j_high) : 0.0;
        new_j_minus = fit_minus ? CLAMP (j_minus + x[n + 1], j_low, j_high) : 0.0;
        swap_buffers (&m);
        model_objective (&m, a_new, new_j_plus, new_j_minus, &new_post, &new_lik);
        if (!(new_post >= log_post - LM_POLISH_SLACK * MAX (1.0, fabs (log_post))))
          {
            swap_buffers (&m);
            damping /= LM_ETA;
            continue;
          }
        memcpy (a, a_new, n * sizeof (double));
        j_plus = new_j_plus;
        j_minus = new_j_minus;
        log_post = new_post;
        log_lik = new_lik;
        damping *= LM_ETA;
        if (largest <= LM_POLISH_STEP)
          break;
      }

  if (!isfinite (log_post) || !isfinite (j_plus) || !isfinite (j_minus))
    result->status = GLMCC_STATUS_NUMERICAL_ERROR;

done:
  result->j_plus = j_plus;
  result->j_minus = j_minus;
  result->log_post = log_post;
  result->log_lik = log_lik;
  result->n_passes = passes;
}

void
glmcc_fit_evaluate (const GlmccFitConfig *config,
                    const double         *counts,
                    double                s_plus,
                    double                s_minus,
                    const double         *a,
                    double                j_plus,
                    double                j_minus,
                    double               *scratch,
                    double               *log_post,
                    double               *log_lik,
                    double               *gradient)
{
  const guint n = config->n_bins;
  Model m;
  double dpp, dmm;

  model_init (&m, config, counts, s_plus, s_minus, scratch);
  model_objective (&m, a, j_plus, j_minus, log_post, log_lik);
  if (gradient == NULL)
    return;
  model_derivatives (&m, j_plus, j_minus);
  assemble_system (&m, a, j_plus, j_minus, 0.0, gradient,
                   scratch + SCR_DIAG * n, scratch + SCR_OFF * n,
                   scratch + SCR_BP * n, scratch + SCR_BM * n, &dpp, &dmm);
}

/* Why two variances. The fit maximises the log posterior: the Poisson log likelihood plus a
 * Gaussian smoothness prior on a (precision P = β'·D, D the second-difference matrix); J has a
 * flat prior. With Q = −∇² log posterior = F + P at the optimum (F = −∇² log L, which for this
 * model does not depend on the counts), the Laplace approximation gives the posterior variance
 * [Q⁻¹]_JJ. The estimator's own sampling variance is the sandwich [Q⁻¹ F Q⁻¹]_JJ, the
 * frequentist quantity a test needs: with v = Q⁻¹ e_J it is vᵀ(Q − P)v = v_J − β' Σ (Δv_a)².
 * It is smaller than the posterior variance, because the prior that stiffens a also stiffens
 * the estimate of J next to it. Both account for the trade-off between J and a(t) next to the
 * delay, which grows with the counts; the published threshold, 1.57/√(τ c̄), does not. */
gboolean
glmcc_fit_variance (const GlmccFitConfig *config,
                    const double         *counts,
                    double                s_plus,
                    double                s_minus,
                    const double         *a,
                    double                j_plus,
                    double                j_minus,
                    double               *scratch,
                    GlmccFitVariance     *variance)
{
  const guint n = config->n_bins;
  Model m;
  double *diag = scratch + SCR_DIAG * n;
  double *off = scratch + SCR_OFF * n;
  double *bp = scratch + SCR_BP * n;
  double *bm = scratch + SCR_BM * n;
  double *rhs = scratch + SCR_RHS * n;
  double *x = scratch + SCR_X * n + 2;
  double *work = scratch + SCR_WORK * n + 4;
  double log_post, log_lik, dpp, dmm, beta_bin = config->beta / config->bin_ms;

  g_return_val_if_fail (config->fix == GLMCC_FIX_NONE, FALSE);

  model_init (&m, config, counts, s_plus, s_minus, scratch);
  model_objective (&m, a, j_plus, j_minus, &log_post, &log_lik);
  model_derivatives (&m, j_plus, j_minus);
  assemble_system (&m, a, j_plus, j_minus, 0.0, rhs, diag, off, bp, bm, &dpp, &dmm);

  for (guint side = 0; side < 2; side++)
    {
      double roughness = 0.0, posterior;

      memset (rhs, 0, (n + 2) * sizeof (double));
      rhs[n + side] = 1.0;
      if (!glmcc_arrowhead_solve (n, diag, off, bp, bm, dpp, dmm, TRUE, TRUE, rhs, x, work))
        return FALSE;
      posterior = x[n + side];
      for (guint k = 0; k + 1 < n; k++)
        roughness += (x[k + 1] - x[k]) * (x[k + 1] - x[k]);
      if (!(posterior > 0.0) || !isfinite (posterior))
        return FALSE;
      variance->posterior[side] = posterior;
      /* Rounding can only make it smaller than the posterior, never negative in exact
       * arithmetic; keep it positive. */
      variance->sandwich[side] = MAX (posterior - beta_bin * roughness, 1e-3 * posterior);
    }
  return TRUE;
}
