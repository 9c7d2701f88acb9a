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

#include "glmcc-exp.h"
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
/* The default mode polishes to the optimum whatever the path, so it can take full Newton steps
 * from the start: they converge quadratically where the published damping (an error shrinking
 * about C-fold per pass) needs two or three passes more. */
#define LM_C0_DEFAULT 1e-6
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

/* 1/(n·n!) for n = 1 … EI_TERMS: the coefficients of Ein(x) = Σ xⁿ/(n·n!); and 1/n!, those of
 * e^x − 1 = Σ xⁿ/n!. */
#define EI_TERMS 56
static double ei_coefficients[EI_TERMS + 1];
static double exp_coefficients[EI_TERMS + 1];

static gpointer
ei_init_coefficients (gpointer data)
{
  double factorial = 1.0;

  ei_coefficients[0] = 0.0;
  exp_coefficients[0] = 1.0;
  for (int n = 1; n <= EI_TERMS; n++)
    {
      factorial *= n;
      ei_coefficients[n] = 1.0 / (n * factorial);
      exp_coefficients[n] = 1.0 / factorial;
    }
  return NULL;
}

static GOnce ei_coefficients_once = G_ONCE_INIT;


/* Ei(x) = γ + ln|x| + Σ xⁿ/(n·n!), by Horner's rule over enough terms for double precision on
 * the range the fit uses (|x| <= 5, METHOD §3.1); GSL beyond it. Horner avoids the two
 * divisions per term of the naive series, which made Ei the hot spot of the fit. */
double
glmcc_ei (double x)
{
  double ax = fabs (x), sum = 0.0;
  int terms;

  if (ax > 6.0)
    {
      gsl_sf_result result;
      if (gsl_sf_expint_Ei_e (x, &result) != GSL_SUCCESS)
        return NAN;
      return result.val;
    }
  g_once (&ei_coefficients_once, ei_init_coefficients, NULL);
  /* The first neglected term, 6ⁿ/(n·n!), is below 1e-17 of the sum at these counts. */
  terms = ax <= 0.5 ? 16 : ax <= 1.5 ? 22 : ax <= 3.0 ? 30 : ax <= 4.5 ? 38 : 44;
  for (int n = terms; n >= 1; n--)
    sum = (sum + ei_coefficients[n]) * x;
  return EULER_GAMMA + log (ax) + sum;
}

double
glmcc_ein (double x)
{
  double ax = fabs (x), sum = 0.0;
  int terms;

  if (x == 0.0)
    return 0.0;
  if (ax > 8.0)
    return glmcc_ei (x) - EULER_GAMMA - log (ax);
  g_once (&ei_coefficients_once, ei_init_coefficients, NULL);
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
  SCR_E_HI,      /* default mode: e^{J f} at the bin's edge nearer the delay … */
  SCR_E_LO,      /* … and at its far edge */
  SCR_EXP_A_ALT, /* the same four for a proposed step, swapped in when it is accepted */
  SCR_G_ALT,
  SCR_E_HI_ALT,
  SCR_E_LO_ALT,
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
  SCR_F_EDGE = SCR_WORK + 5,   /* f at the edges, outward from the delay (n_bins + 1), and … */
  SCR_END = SCR_F_EDGE + 2,
};

/* … the Δ, τ and n_bins it was computed for, after the last unit. */
#define SCR_KEY_SIZE 4

gsize
glmcc_fit_scratch_size (guint n_bins)
{
  return (gsize) SCR_END * n_bins + 16 + SCR_KEY_SIZE;
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
  double *e_hi;
  double *e_lo;
  double *exp_a_alt;
  double *g_alt;
  double *e_hi_alt;
  double *e_lo_alt;
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

/* f(d + eΔ) = e^{−eΔ/τ} for e = 0 … n_bins: the kernel at the coupled bins' edges, outward
 * from the delay. The same for every delay and both sides, so it is kept in the scratch buffer
 * with the Δ, τ and n_bins it belongs to, and computed again only when they change. */
static const double *
edge_kernel (const GlmccFitConfig *config,
             double               *scratch)
{
  const guint n = config->n_bins;
  double *f_edge = scratch + SCR_F_EDGE * n;
  double *key = scratch + (gsize) SCR_END * n + 16;

  if (key[0] == config->bin_ms && key[1] == config->tau_ms && key[2] == (double) n && key[3] == 1.0)
    return f_edge;
  for (guint e = 0; e <= n; e++)
    f_edge[e] = exp (-(e * config->bin_ms) / config->tau_ms);
  key[0] = config->bin_ms;
  key[1] = config->tau_ms;
  key[2] = (double) n;
  key[3] = 1.0;
  return f_edge;
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
  const double *f_edge;
  guint delay_bins;

  g_once (&ei_coefficients_once, ei_init_coefficients, NULL);
  glmcc_exp_init ();
  f_edge = edge_kernel (config, scratch);

  m->config = config;
  m->counts = counts;
  m->n_bins = n;
  m->s_plus = fit_plus ? s_plus : 0.0;
  m->s_minus = fit_minus ? s_minus : 0.0;
  m->beta_bin = config->beta / config->bin_ms;
  m->exp_a = scratch + SCR_EXP_A * n;
  m->g = scratch + SCR_G * n;
  m->e_hi = scratch + SCR_E_HI * n;
  m->e_lo = scratch + SCR_E_LO * n;
  m->exp_a_alt = scratch + SCR_EXP_A_ALT * n;
  m->g_alt = scratch + SCR_G_ALT * n;
  m->e_hi_alt = scratch + SCR_E_HI_ALT * n;
  m->e_lo_alt = scratch + SCR_E_LO_ALT * n;
  m->dg = scratch + SCR_DG * n;
  m->d2g = scratch + SCR_D2G * n;
  m->f_hi = scratch + SCR_F_HI * n;
  m->f_lo = scratch + SCR_F_LO * n;

  /* Bin k is (x_k − Δ, x_k] with x_k = (k + 1)Δ − W. J+ acts where x_k > d, J− where x_k <= −d;
   * the e-th coupled bin of a side, counted outward from the delay, spans f_e … f_{e+1}.
   * Adjacent coupled bins share an edge, and with it one and the same double, so that Ei and
   * exp at that edge are evaluated once. */
  delay_bins = (guint) lround (config->delay_ms / config->bin_ms);
  m->plus_first = half + delay_bins;
  m->minus_last = half > delay_bins ? half - delay_bins : 0;
  m->excl_first = half - MIN (config->n_excluded, half);
  m->excl_last = half + MIN (config->n_excluded, half);
  for (guint k = 0; k < n; k++)
    {
      if (bin_is_plus (m, k))
        {
          m->f_hi[k] = f_edge[k - m->plus_first];
          m->f_lo[k] = f_edge[k - m->plus_first + 1];
        }
      else if (bin_is_minus (m, k))
        {
          m->f_hi[k] = f_edge[m->minus_last - 1 - k];
          m->f_lo[k] = f_edge[m->minus_last - k];
        }
      else
        m->f_hi[k] = m->f_lo[k] = 0.0;
    }
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
  t = m->e_hi;
  m->e_hi = m->e_hi_alt;
  m->e_hi_alt = t;
  t = m->e_lo;
  m->e_lo = m->e_lo_alt;
  m->e_lo_alt = t;
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

/* Ein(u) and e^u from their power series, which share the powers of u, by Horner's rule with
 * as many terms as |u| needs (the first term left out is below 1e-17 of either); glmcc_ein()
 * and exp() beyond |u| = 1. Along a side |u| = |J|·f only falls, so the tier, the index of the
 * smallest bound above |u|, only moves down. */
static const double ein_exp_bounds[] = { 1e-8, 1e-6, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 6e-2, 0.1, 0.2,
                                         0.3, 0.5, 1.0 };
static const int ein_exp_terms[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 19 };
#define EIN_EXP_TIERS ((int) G_N_ELEMENTS (ein_exp_bounds))

static inline void
ein_exp (double  u,
         int    *tier,
         double *ein,
         double *e)
{
  double au = fabs (u), s = 0.0, t = 0.0;

  if (au > ein_exp_bounds[EIN_EXP_TIERS - 1])
    {
      *ein = glmcc_ein (u);
      *e = exp (u);
      return;
    }
  while (*tier > 0 && au <= ein_exp_bounds[*tier - 1])
    (*tier)--;
  /* Horner's rule unrolled: a jump into the chain of steps instead of a counted loop. */
#define STEP(n) G_STMT_START { \
    s = (s + ei_coefficients[n]) * u; \
    t = (t + exp_coefficients[n]) * u; \
  } G_STMT_END
  switch (ein_exp_terms[*tier])
    {
    case 19:
      STEP (19);
      G_GNUC_FALLTHROUGH;
    case 18:
      STEP (18);
      G_GNUC_FALLTHROUGH;
    case 17:
      STEP (17);
      G_GNUC_FALLTHROUGH;
    case 16:
      STEP (16);
      G_GNUC_FALLTHROUGH;
    case 15:
      STEP (15);
      G_GNUC_FALLTHROUGH;
    case 14:
      STEP (14);
      G_GNUC_FALLTHROUGH;
    case 13:
      STEP (13);
      G_GNUC_FALLTHROUGH;
    case 12:
      STEP (12);
      G_GNUC_FALLTHROUGH;
    case 11:
      STEP (11);
      G_GNUC_FALLTHROUGH;
    case 10:
      STEP (10);
      G_GNUC_FALLTHROUGH;
    case 9:
      STEP (9);
      G_GNUC_FALLTHROUGH;
    case 8:
      STEP (8);
      G_GNUC_FALLTHROUGH;
    case 7:
      STEP (7);
      G_GNUC_FALLTHROUGH;
    case 6:
      STEP (6);
      G_GNUC_FALLTHROUGH;
    case 5:
      STEP (5);
      G_GNUC_FALLTHROUGH;
    case 4:
      STEP (4);
      G_GNUC_FALLTHROUGH;
    case 3:
      STEP (3);
      G_GNUC_FALLTHROUGH;
    case 2:
      STEP (2);
      G_GNUC_FALLTHROUGH;
    case 1:
      STEP (1);
      break;
    default:
      g_assert_not_reached ();
    }
#undef STEP
  *ein = s;
  *e = 1.0 + t;
}

/* G_k of the coupled bins of one side in the default mode, from the bin next to the delay
 * (@first) outward (@step ±1), with e^{J f} at both edges of each bin for the derivatives.
 * ∫ e^{a + J f(t)} dt over a bin is τ e^a [Ei(J f_hi) − Ei(J f_lo)], and since Ei(u) = γ +
 * ln|u| + Ein(u) with the entire function Ein, and ln(f_hi/f_lo) = Δ/τ, it equals
 * e^a [Δ + τ (Ein(J f_hi) − Ein(J f_lo))]. That form is exact for every J, 0 included, so the
 * default mode needs no switch to Δ e^a for small |J f| (the published code's switch makes the
 * objective disagree with its derivatives, which moves the optimum of a fit by about 1e-7). */
static void
side_integrals (Model  *m,
                double  j,
                guint   first,
                guint   count,
                int     step)
{
  const double tau = m->config->tau_ms;
  const double bin = m->config->bin_ms;
  int tier = EIN_EXP_TIERS - 1;
  double ein_hi, e_hi;
  guint k = first;

  if (count == 0)
    return;
  if (j == 0.0)
    {
      /* A coupling held at zero (the likelihood-ratio test's constrained fits). */
      for (guint c = 0; c < count; c++, k += step)
        {
          m->g[k] = m->exp_a[k] * bin;
          m->e_hi[k] = m->e_lo[k] = 1.0;
        }
      return;
    }
  ein_exp (j * m->f_hi[k], &tier, &ein_hi, &e_hi);
  for (guint c = 0; c < count; c++, k += step)
    {
      double ein_lo, e_lo;

      ein_exp (j * m->f_lo[k], &tier, &ein_lo, &e_lo);
      m->g[k] = m->exp_a[k] * (bin + tau * (ein_hi - ein_lo));
      m->e_hi[k] = e_hi;
      m->e_lo[k] = e_lo;
      ein_hi = ein_lo;
      e_hi = e_lo;
    }
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

  if (!m->config->compat)
    {
      /* e^{a_k} of every bin at once: four at a time where the processor can. */
      glmcc_exp_fast_many (a, m->n_bins, m->exp_a);
      for (guint k = 0; k < m->n_bins; k++)
        m->g[k] = bin_is_excluded (m, k) ? 0.0 : bin * m->exp_a[k];
      /* Both sides by one rule, outward from the delay, so (B, A) mirrors (A, B) exactly. */
      side_integrals (m, j_plus, m->plus_first, m->n_bins - m->plus_first, 1);
      side_integrals (m, j_minus, m->minus_last - 1, m->minus_last, -1);
    }
  else
    {
      for (guint k = 0; k < m->n_bins; k++)
        {
          m->exp_a[k] = exp (a[k]);
          m->g[k] = bin_is_excluded (m, k) ? 0.0 : bin * m->exp_a[k];
        }
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

  /* Three sums, each in bin order; in one loop their chains of additions run side by side. */
  for (guint k = 0; k < m->n_bins; k++)
    {
      sum_ac += a[k] * m->counts[k];
      sum_g += m->g[k];
      if (k + 1 < m->n_bins)
        {
          double d = a[k + 1] - a[k];
          prior += d * d;
        }
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

/* The default mode's ∂G/∂J and ∂²G/∂J² of one side, with e^{J f} at the edges that
 * model_objective() found at the same point. */
static void
side_derivatives (Model  *m,
                  double  j,
                  guint   first,
                  guint   count,
                  int     step)
{
  const double tau = m->config->tau_ms;
  double r1, r2, last_u = NAN, last_exp = NAN;
  guint k = first;

  if (fabs (j) < DERIV_SMALL)
    {
      for (guint c = 0; c < count; c++, k += step)
        bin_derivatives (m, k, j, 0.0, 0.0, &last_u, &last_exp);
      return;
    }
  r1 = tau / j;
  r2 = tau / (j * j);
  for (guint c = 0; c < count; c++, k += step)
    {
      double e = m->exp_a[k], e_hi = m->e_hi[k], e_lo = m->e_lo[k];
      double u_hi = j * m->f_hi[k], u_lo = j * m->f_lo[k];

      m->dg[k] = r1 * e * (e_hi - e_lo);
      m->d2g[k] = r2 * e * ((u_hi - 1.0) * e_hi - (u_lo - 1.0) * e_lo);
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
  double lim1, lim2;
  double last_u = NAN, last_exp = NAN;

  memset (m->dg, 0, m->n_bins * sizeof (double));
  memset (m->d2g, 0, m->n_bins * sizeof (double));
  if (!m->config->compat)
    {
      side_derivatives (m, j_plus, m->plus_first, m->n_bins - m->plus_first, 1);
      side_derivatives (m, j_minus, m->minus_last - 1, m->minus_last, -1);
      return;
    }
  lim1 = 1.0 - exp (-bin / tau);
  lim2 = 1.0 - exp (-2.0 * bin / tau);
  for (guint k = m->plus_first; k < m->n_bins; k++)
    bin_derivatives (m, k, j_plus, lim1, lim2, &last_u, &last_exp);
  last_u = NAN;
  for (guint k = m->minus_last; k-- > 0;)
    bin_derivatives (m, k, j_minus, lim1, lim2, &last_u, &last_exp);
}

/* The LM system −(H + C·diag H) δ = −g after model_derivatives(): @rhs gets the gradient g
 * (n + 2 entries), the tridiagonal block, the borders and the corner get −(H + C·diag H),
 * whose block and corner are positive. The borders are zero outside their side's bins. */
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
  const double beta_bin = m->beta_bin, scale = 1.0 + damping;
  double gp = m->s_plus, gm = m->s_minus, hpp = 0.0, hmm = 0.0;
  double plus_sign, minus_sign;

  /* The gradient in a and the tridiagonal block; the end bins have one neighbour. */
  rhs[0] = (m->counts[0] - m->g[0]) - beta_bin * (a[0] - a[1]);
  diag[0] = scale * (m->g[0] + beta_bin);
  for (guint k = 1; k + 1 < n; k++)
    {
      rhs[k] = ((m->counts[k] - m->g[k]) - beta_bin * (a[k] - a[k - 1]))
               - beta_bin * (a[k] - a[k + 1]);
      diag[k] = scale * (m->g[k] + beta_bin * 2.0);
      off[k - 1] = -beta_bin;
    }
  rhs[n - 1] = (m->counts[n - 1] - m->g[n - 1]) - beta_bin * (a[n - 1] - a[n - 2]);
  diag[n - 1] = scale * (m->g[n - 1] + beta_bin);
  off[n - 2] = -beta_bin;
  for (guint k = m->excl_first; k < m->excl_last; k++)
    {
      double prior = 0.0;

      if (k > 0)
        prior -= beta_bin * (a[k] - a[k - 1]);
      if (k + 1 < n)
        prior -= beta_bin * (a[k] - a[k + 1]);
      rhs[k] = prior;
    }

  /* The borders. B2: the published code flips the sign of the a–J terms in the small-J
   * branch. */
  memset (bp, 0, m->plus_first * sizeof (double));
  memset (bm + m->minus_last, 0, (n - m->minus_last) * sizeof (double));
  plus_sign = compat && fabs (j_plus) < DERIV_SMALL ? -1.0 : 1.0;
  minus_sign = compat && fabs (j_minus) < DERIV_SMALL ? -1.0 : 1.0;
  /* Each sum in the order of its side's bins, the two sides in step (their chains of
   * additions run side by side). */
  for (guint c = 0; c < MAX (n - m->plus_first, m->minus_last); c++)
    {
      if (c < n - m->plus_first)
        {
          guint k = m->plus_first + c;

          gp -= m->dg[k];
          hpp += m->d2g[k];
          bp[k] = plus_sign * m->dg[k];
        }
      if (c < m->minus_last)
        {
          gm -= m->dg[c];
          hmm += m->d2g[c];
          bm[c] = minus_sign * m->dg[c];
        }
    }
  rhs[n] = gp;
  rhs[n + 1] = gm;
  *dpp = scale * hpp;
  *dmm = scale * hmm;
}

/* The arrowhead solve of glmcc_arrowhead_solve(), told where the borders can be nonzero: bp
 * from @plus_first on, bm before @minus_last. Thomas's algorithm on the tridiagonal block for
 * the right-hand side and both borders at once (a border's forward sweep is zero until its
 * first nonzero entry), then the 2×2 Schur complement of the corner. */
static gboolean
arrowhead_solve (guint          n,
                 const double  *diag,
                 const double  *off,
                 const double  *bp,
                 const double  *bm,
                 guint          plus_first,
                 guint          minus_last,
                 double         dpp,
                 double         dmm,
                 gboolean       use_plus,
                 gboolean       use_minus,
                 const double  *rhs,
                 double        *x,
                 double        *work)
{
  double *cprime = work, *zp = work + n, *zm = work + 2 * n, *inverse = work + 3 * n;
  double s11 = dpp, s12 = 0.0, s22 = dmm, r1 = rhs[n], r2 = rhs[n + 1], y1 = 0.0, y2 = 0.0;
  double denom, inv;

  if (!use_plus)
    plus_first = n;
  if (!use_minus)
    minus_last = 0;

  /* Forward sweep, the previous row's values carried in registers; zm is bm until
   * minus_last, then only its fill-in; zp starts at plus_first. The block is positive
   * definite (strictly diagonally dominant in the LM system), so a pivot that is not positive
   * and finite means failure. The sweeps of the three right-hand sides go in the loop of the
   * pivots, whose chain of divisions sets the pace: in loops of their own they would add
   * their chains to it. */
  {
    double c_prev, x_prev, zm_prev, zp_prev = 0.0;
    guint i, split = MIN (minus_last, n - 1);

#define PIVOT_BAD(d) G_UNLIKELY (!((d) > 0.0) || !((d) <= G_MAXDOUBLE))
#define ZP_STEP(i, o, inv) G_STMT_START { \
      if ((i) > plus_first) \
        zp_prev = zp[i] = (bp[i] - (o) * zp_prev) * (inv); \
      else if ((i) == plus_first) \
        zp_prev = zp[i] = bp[i] * (inv); \
    } G_STMT_END
    denom = diag[0];
    if (PIVOT_BAD (denom))
      return FALSE;
    inv = inverse[0] = 1.0 / denom;
    c_prev = cprime[0] = n > 1 ? off[0] * inv : 0.0;
    x_prev = x[0] = rhs[0] * inv;
    zm_prev = zm[0] = minus_last > 0 ? bm[0] * inv : 0.0;
    if (plus_first == 0)
      zp_prev = zp[0] = bp[0] * inv;
    for (i = 1; i < split; i++)
      {
        double o = off[i - 1];

        denom = diag[i] - o * c_prev;
        if (PIVOT_BAD (denom))
          return FALSE;
        inv = inverse[i] = 1.0 / denom;
        c_prev = cprime[i] = off[i] * inv;
        x_prev = x[i] = (rhs[i] - o * x_prev) * inv;
        zm_prev = zm[i] = (bm[i] - o * zm_prev) * inv;
        ZP_STEP (i, o, inv);
      }
    for (; i + 1 < n; i++)
      {
        double o = off[i - 1];

        denom = diag[i] - o * c_prev;
        if (PIVOT_BAD (denom))
          return FALSE;
        inv = inverse[i] = 1.0 / denom;
        c_prev = cprime[i] = off[i] * inv;
        x_prev = x[i] = (rhs[i] - o * x_prev) * inv;
        zm_prev = zm[i] = (0.0 - o * zm_prev) * inv;
        ZP_STEP (i, o, inv);
      }
    if (i < n)
      {
        double o = off[i - 1];

        denom = diag[i] - o * c_prev;
        if (PIVOT_BAD (denom))
          return FALSE;
        inv = inverse[i] = 1.0 / denom;
        cprime[i] = 0.0;
        x[i] = (rhs[i] - o * x_prev) * inv;
        zm[i] = ((i < minus_last ? bm[i] : 0.0) - o * zm_prev) * inv;
        ZP_STEP (i, o, inv);
      }
#undef ZP_STEP
#undef PIVOT_BAD
  }

  /* Backward sweep; zp below plus_first is only its fill-in. */
  {
    double x_next = x[n - 1], zm_next = zm[n - 1];

    if (plus_first < n)
      {
        double zp_next = zp[n - 1];

        for (guint i = n - 1; i-- > 0;)
          {
            double c = cprime[i];

            x_next = x[i] -= c * x_next;
            zm_next = zm[i] -= c * zm_next;
            if (i >= plus_first)
              zp_next = zp[i] -= c * zp_next;
            else
              zp_next = zp[i] = -c * zp_next;
          }
      }
    else
      for (guint i = n - 1; i-- > 0;)
        {
          double c = cprime[i];

          x_next = x[i] -= c * x_next;
          zm_next = zm[i] -= c * zm_next;
        }
  }

  /* Schur complement S = D − Bᵀ T⁻¹ B and its right-hand side s − Bᵀ T⁻¹ r: five sums, each
   * in the order of the bins, the two sides' in step so that their chains of additions run
   * side by side. */
  {
    guint n_plus = n - plus_first, n_minus = minus_last;

    for (guint c = 0; c < MAX (n_plus, n_minus); c++)
      {
        if (c < n_plus)
          {
            guint k = plus_first + c;

            s11 -= bp[k] * zp[k];
            r1 -= bp[k] * x[k];
            s12 -= bp[k] * zm[k];
          }
        if (c < n_minus)
          {
            s22 -= bm[c] * zm[c];
            r2 -= bm[c] * x[c];
          }
      }
  }
  if (use_plus && use_minus)
    {
      double det;

      det = s11 * s22 - s12 * s12;
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
  if (use_plus)
    for (guint k = 0; k < n; k++)
      x[k] -= zp[k] * y1;
  if (use_minus)
    for (guint k = 0; k < n; k++)
      x[k] -= zm[k] * y2;
  x[n] = y1;
  x[n + 1] = y2;
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
  guint plus_first = 0, minus_last = n;

  /* The borders' nonzero ranges, for any borders. */
  while (plus_first < n && bp[plus_first] == 0.0)
    plus_first++;
  while (minus_last > 0 && bm[minus_last - 1] == 0.0)
    minus_last--;
  return arrowhead_solve (n, diag, off, bp, bm, plus_first, minus_last, dpp, dmm, use_plus,
                          use_minus, rhs, x, work);
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
  double j_plus, j_minus, log_post, log_lik, damping = config->compat ? LM_C0 : LM_C0_DEFAULT;
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

  if (config->start != NULL && !config->compat)
    {
      /* A warm start: the default mode polishes to the optimum, which does not depend on
       * where the optimiser began. */
      if (config->start->a != a)
        memcpy (a, config->start->a, n * sizeof (double));
      j_plus = fit_plus ? CLAMP (config->start->j_plus, j_low, j_high) : 0.0;
      j_minus = fit_minus ? CLAMP (config->start->j_minus, j_low, j_high) : 0.0;
    }
  else
    {
      double start = log (n_lags / (2.0 * config->window_ms));

      for (guint k = 0; k < n; k++)
        a[k] = start;
      j_plus = fit_plus ? 0.1 : 0.0;
      j_minus = fit_minus ? 0.1 : 0.0;
    }

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
      if (!arrowhead_solve (n, diag, off, bp, bm, m.plus_first, m.minus_last, dpp, dmm,
                            step_plus, step_minus, rhs, x, work))
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
      /* The default mode also accepts a step that loses no more than the objective's
       * rounding: near the optimum a true gain below the rounding would otherwise be refused
       * again and again while the damping grows (the polish below goes on from there). */
      accepted = new_post >= log_post
                 || (!config->compat && new_post >= log_post - LM_POLISH_SLACK * MAX (1.0, fabs (log_post)));
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
          /* The default mode starts almost undamped; a refused step brings back at least
           * the published damping at once. */
          if (!config->compat)
            damping = MAX (damping, LM_C0);
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
        if (!arrowhead_solve (n, diag, off, bp, bm, m.plus_first, m.minus_last, dpp, dmm,
                              fit_plus && j_plus > j_low && j_plus < j_high,
                              fit_minus && j_minus > j_low && j_minus < j_high,
                              rhs, x, work))
          break;
        for (guint k = 0; k < n + 2; k++)
          largest = MAX (largest, fabs (x[k]));
        /* At the optimum: the step would move nothing that matters, and the objective and
         * its derivatives are those of the current point. */
        if (largest <= LM_POLISH_STEP)
          break;
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

double
glmcc_fit_log_post_difference (const GlmccFitConfig *config,
                               const double         *counts,
                               double                s_plus,
                               double                s_minus,
                               const double         *a_1,
                               double                j_plus_1,
                               double                j_minus_1,
                               const double         *a_2,
                               double                j_plus_2,
                               double                j_minus_2,
                               double               *scratch)
{
  const guint n = config->n_bins;
  GlmccFitConfig unconstrained = *config;
  Model m;
  const double *g_1, *g_2;
  double log_post, log_lik, sum_ac = 0.0, sum_g = 0.0, prior = 0.0;

  /* G of both fits, each term of the objective as the difference of the two fits' terms. */
  unconstrained.fix = GLMCC_FIX_NONE;
  model_init (&m, &unconstrained, counts, s_plus, s_minus, scratch);
  model_objective (&m, a_1, j_plus_1, j_minus_1, &log_post, &log_lik);
  swap_buffers (&m);
  model_objective (&m, a_2, j_plus_2, j_minus_2, &log_post, &log_lik);
  g_1 = m.g_alt;
  g_2 = m.g;
  for (guint k = 0; k < n; k++)
    {
      sum_ac += (a_1[k] - a_2[k]) * counts[k];
      sum_g += g_1[k] - g_2[k];
    }
  for (guint k = 0; k + 1 < n; k++)
    {
      double d_1 = a_1[k + 1] - a_1[k], d_2 = a_2[k + 1] - a_2[k];
      prior += (d_1 - d_2) * (d_1 + d_2);
    }
  return sum_ac + (j_plus_1 - j_plus_2) * s_plus + (j_minus_1 - j_minus_2) * s_minus - sum_g
         - config->beta / (2.0 * config->bin_ms) * prior;
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
      if (!arrowhead_solve (n, diag, off, bp, bm, m.plus_first, m.minus_last, dpp, dmm, TRUE,
                            TRUE, rhs, x, work))
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
