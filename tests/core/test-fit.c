/* test-fit.c: the numerical pieces of the fit, each against an independent computation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_expint.h>

#include "glmcc-exp.h"
#include "glmcc-fit.h"
#include "glmcc-pair.h"

/* Ei against GSL on [−3, 5], outside a small neighbourhood of 0 where Ei → −∞. */
static void
test_ei (void)
{
  guint n_checked = 0;

  for (double x = -3.0; x <= 5.0; x += 0.001)
    {
      gsl_sf_result expected;
      double actual;

      if (fabs (x) < 1e-3)
        continue;
      g_assert_cmpint (gsl_sf_expint_Ei_e (x, &expected), ==, GSL_SUCCESS);
      actual = glmcc_ei (x);
      if (fabs (actual - expected.val) > 1e-13 * MAX (1.0, fabs (expected.val)))
        g_error ("Ei(%g) = %.17g, GSL says %.17g", x, actual, expected.val);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 7000);
  /* Far from the fit's range it falls back on GSL, and is still right. */
  g_assert_cmpfloat_with_epsilon (glmcc_ei (10.0), 2492.2289762418777, 1e-9);
  g_assert_cmpfloat_with_epsilon (glmcc_ei (-10.0), -4.156968929685324e-06, 1e-15);
}

/* The O(M) arrowhead solve against a dense LU solve of the same system. */
static void
test_arrowhead (void)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);

  gsl_rng_set (rng, 42);
  for (guint trial = 0; trial < 200; trial++)
    {
      guint n = 4 + gsl_rng_uniform_int (rng, 120);
      gboolean use_plus = trial % 3 != 1, use_minus = trial % 3 != 2;
      g_autofree double *diag = g_new (double, n), *off = g_new (double, n);
      g_autofree double *bp = g_new0 (double, n), *bm = g_new0 (double, n);
      g_autofree double *rhs = g_new (double, n + 2), *x = g_new (double, n + 2);
      g_autofree double *work = g_new (double, 4 * n);
      gsl_matrix *dense = gsl_matrix_calloc (n + 2, n + 2);
      gsl_vector *b = gsl_vector_alloc (n + 2), *sol = gsl_vector_alloc (n + 2);
      gsl_permutation *perm = gsl_permutation_alloc (n + 2);
      double border_total = 0.0, dpp, dmm;
      int sign;
      guint split = n / 2;

      for (guint k = 0; k + 1 < n; k++)
        off[k] = -gsl_rng_uniform (rng) * 10.0;
      for (guint k = 0; k < n; k++)
        {
          double neighbours = (k > 0 ? fabs (off[k - 1]) : 0.0) + (k + 1 < n ? fabs (off[k]) : 0.0);
          diag[k] = neighbours * (1.0 + gsl_rng_uniform (rng)) + 0.1;
          /* Disjoint supports, as in the model: J− on the left, J+ on the right. */
          if (k >= split)
            bp[k] = gsl_rng_uniform (rng);
          else
            bm[k] = gsl_rng_uniform (rng);
          border_total += bp[k] + bm[k];
        }
      dpp = border_total + 1.0 + gsl_rng_uniform (rng);
      dmm = border_total + 1.0 + gsl_rng_uniform (rng);
      for (guint k = 0; k < n + 2; k++)
        rhs[k] = gsl_rng_uniform (rng) * 2.0 - 1.0;

      for (guint k = 0; k < n; k++)
        {
          gsl_matrix_set (dense, k, k, diag[k]);
          if (k + 1 < n)
            {
              gsl_matrix_set (dense, k, k + 1, off[k]);
              gsl_matrix_set (dense, k + 1, k, off[k]);
            }
          gsl_matrix_set (dense, k, n, use_plus ? bp[k] : 0.0);
          gsl_matrix_set (dense, n, k, use_plus ? bp[k] : 0.0);
          gsl_matrix_set (dense, k, n + 1, use_minus ? bm[k] : 0.0);
          gsl_matrix_set (dense, n + 1, k, use_minus ? bm[k] : 0.0);
        }
      gsl_matrix_set (dense, n, n, use_plus ? dpp : 1.0);
      gsl_matrix_set (dense, n + 1, n + 1, use_minus ? dmm : 1.0);
      for (guint k = 0; k < n + 2; k++)
        gsl_vector_set (b, k, rhs[k]);
      if (!use_plus)
        gsl_vector_set (b, n, 0.0);
      if (!use_minus)
        gsl_vector_set (b, n + 1, 0.0);

      g_assert_true (glmcc_arrowhead_solve (n, diag, off, bp, bm, dpp, dmm, use_plus, use_minus,
                                            rhs, x, work));
      g_assert_cmpint (gsl_linalg_LU_decomp (dense, perm, &sign), ==, GSL_SUCCESS);
      g_assert_cmpint (gsl_linalg_LU_solve (dense, perm, b, sol), ==, GSL_SUCCESS);
      for (guint k = 0; k < n + 2; k++)
        {
          double expected = gsl_vector_get (sol, k);
          if (fabs (x[k] - expected) > 1e-10 * MAX (1.0, fabs (expected)))
            g_error ("trial %u (n=%u) x[%u] = %.17g, dense solve %.17g", trial, n, k, x[k], expected);
        }
      gsl_matrix_free (dense);
      gsl_vector_free (b);
      gsl_vector_free (sol);
      gsl_permutation_free (perm);
    }
  gsl_rng_free (rng);
}

/* The analytic gradient of the log posterior against central finite differences, in the
 * default (corrected) mode, at J values on both sides of the published small-J switches,
 * which the default mode does not have: its objective is smooth through J = 0. */
static void
test_gradient (void)
{
  const guint n = 100;
  GlmccFitConfig config = {
    .n_bins = n, .window_ms = 50.0, .bin_ms = 1.0, .tau_ms = 4.0, .beta = 4000.0,
    .delay_ms = 2.0, .n_excluded = 0, .fix = GLMCC_FIX_NONE, .compat = FALSE,
  };
  g_autofree double *scratch = g_new0 (double, glmcc_fit_scratch_size (n));
  double counts[100], a[102], grad[102], probe[100];
  const double j_values[][2] = { { 0.7, -0.4 }, { 2.5, -1.8 }, { 0.0005, -0.0002 }, { -2.0, 4.0 },
                                 { 1e-9, 0.0 }, { -6.5, 7.5 } };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);

  gsl_rng_set (rng, 7);
  for (guint k = 0; k < n; k++)
    {
      counts[k] = gsl_ran_poisson (rng, 20.0 + 5.0 * sin (k / 10.0));
      a[k] = log (20.0) + 0.2 * sin (k / 7.0);
    }
  for (guint t = 0; t < G_N_ELEMENTS (j_values); t++)
    {
      double jp = j_values[t][0], jm = j_values[t][1], lp, ll, s_plus = 35.0, s_minus = 28.0;
      double h = 1e-6;

      glmcc_fit_evaluate (&config, counts, s_plus, s_minus, a, jp, jm, scratch, &lp, &ll, grad);
      for (guint k = 0; k < n + 2; k++)
        {
          double up, down, dummy, numeric;
          double jp_up = jp, jp_down = jp, jm_up = jm, jm_down = jm;

          memcpy (probe, a, sizeof probe);
          if (k < n)
            probe[k] = a[k] + h;
          else if (k == n)
            jp_up = jp + h;
          else
            jm_up = jm + h;
          glmcc_fit_evaluate (&config, counts, s_plus, s_minus, probe, jp_up, jm_up, scratch,
                              &up, &dummy, NULL);
          memcpy (probe, a, sizeof probe);
          if (k < n)
            probe[k] = a[k] - h;
          else if (k == n)
            jp_down = jp - h;
          else
            jm_down = jm - h;
          glmcc_fit_evaluate (&config, counts, s_plus, s_minus, probe, jp_down, jm_down, scratch,
                              &down, &dummy, NULL);
          numeric = (up - down) / (2.0 * h);
          if (fabs (numeric - grad[k]) > 1e-5 * MAX (1.0, fabs (numeric)))
            g_error ("J=(%g,%g): ∂/∂θ[%u] analytic %.10g, numeric %.10g", jp, jm, k, grad[k], numeric);
        }
    }
  gsl_rng_free (rng);
}

/* The variances of J from glmcc_fit_variance() against a dense computation: the Hessian of
 * the log posterior by central differences of the analytic gradient, inverted by LU; the
 * posterior variance is [Q⁻¹]_JJ, the sandwich one [Q⁻¹ (Q − P) Q⁻¹]_JJ with P the prior's
 * precision. */
static void
test_variance (void)
{
  const guint n = 100, np = n + 2;
  GlmccFitConfig config = {
    .n_bins = n, .window_ms = 50.0, .bin_ms = 1.0, .tau_ms = 4.0, .beta = 4000.0,
    .delay_ms = 3.0, .n_excluded = 0, .fix = GLMCC_FIX_NONE, .compat = FALSE,
  };
  g_autofree double *scratch = g_new0 (double, glmcc_fit_scratch_size (n));
  double counts[100], a[100], probe[100], grad_up[102], grad_down[102];
  const double j_values[][2] = { { 0.6, -0.5 }, { 0.0002, 0.0 }, { -3.5, 1.5 } };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_matrix *q = gsl_matrix_alloc (np, np), *q_inv = gsl_matrix_alloc (np, np);
  gsl_matrix *f = gsl_matrix_alloc (np, np), *tmp = gsl_matrix_alloc (np, np);
  gsl_matrix *sandwich = gsl_matrix_alloc (np, np);
  gsl_permutation *perm = gsl_permutation_alloc (np);
  const double beta_bin = config.beta / config.bin_ms;

  gsl_rng_set (rng, 11);
  for (guint k = 0; k < n; k++)
    {
      counts[k] = gsl_ran_poisson (rng, 40.0);
      a[k] = log (40.0) + 0.1 * sin (k / 9.0);
    }
  for (guint t = 0; t < G_N_ELEMENTS (j_values); t++)
    {
      double jp = j_values[t][0], jm = j_values[t][1], lp, ll, h = 1e-5;
      GlmccFitVariance variance;
      int sign;

      for (guint c = 0; c < np; c++)
        {
          double jp_up = jp + (c == n ? h : 0.0), jm_up = jm + (c == n + 1 ? h : 0.0);
          double jp_down = jp - (c == n ? h : 0.0), jm_down = jm - (c == n + 1 ? h : 0.0);

          memcpy (probe, a, sizeof probe);
          if (c < n)
            probe[c] += h;
          glmcc_fit_evaluate (&config, counts, 50.0, 45.0, probe, jp_up, jm_up, scratch, &lp, &ll,
                              grad_up);
          memcpy (probe, a, sizeof probe);
          if (c < n)
            probe[c] -= h;
          glmcc_fit_evaluate (&config, counts, 50.0, 45.0, probe, jp_down, jm_down, scratch, &lp,
                              &ll, grad_down);
          for (guint r = 0; r < np; r++)
            gsl_matrix_set (q, r, c, -(grad_up[r] - grad_down[r]) / (2.0 * h));
        }
      /* Symmetrise the finite differences; F = Q − P. */
      for (guint r = 0; r < np; r++)
        for (guint c = 0; c < r; c++)
          {
            double mean = 0.5 * (gsl_matrix_get (q, r, c) + gsl_matrix_get (q, c, r));
            gsl_matrix_set (q, r, c, mean);
            gsl_matrix_set (q, c, r, mean);
          }
      gsl_matrix_memcpy (f, q);
      for (guint k = 0; k < n; k++)
        {
          double neighbours = (k > 0) + (k + 1 < n);
          gsl_matrix_set (f, k, k, gsl_matrix_get (f, k, k) - beta_bin * neighbours);
          if (k + 1 < n)
            {
              gsl_matrix_set (f, k, k + 1, gsl_matrix_get (f, k, k + 1) + beta_bin);
              gsl_matrix_set (f, k + 1, k, gsl_matrix_get (f, k + 1, k) + beta_bin);
            }
        }
      gsl_matrix_memcpy (tmp, q);
      gsl_linalg_LU_decomp (tmp, perm, &sign);
      gsl_linalg_LU_invert (tmp, perm, q_inv);
      gsl_blas_dgemm (CblasNoTrans, CblasNoTrans, 1.0, q_inv, f, 0.0, tmp);
      gsl_blas_dgemm (CblasNoTrans, CblasNoTrans, 1.0, tmp, q_inv, 0.0, sandwich);

      g_assert_true (glmcc_fit_variance (&config, counts, 50.0, 45.0, a, jp, jm, scratch,
                                         &variance));
      for (guint side = 0; side < 2; side++)
        {
          double post = gsl_matrix_get (q_inv, n + side, n + side);
          double sand = gsl_matrix_get (sandwich, n + side, n + side);

          g_test_message ("J=(%g,%g) side %u: posterior %.6g (dense %.6g), sandwich %.6g (dense %.6g)",
                          jp, jm, side, variance.posterior[side], post, variance.sandwich[side], sand);
          g_assert_cmpfloat_with_epsilon (variance.posterior[side], post, 1e-5 * post);
          g_assert_cmpfloat_with_epsilon (variance.sandwich[side], sand, 1e-4 * sand);
          g_assert_cmpfloat (variance.sandwich[side], <, variance.posterior[side]);
        }
    }
  gsl_permutation_free (perm);
  gsl_matrix_free (sandwich);
  gsl_matrix_free (tmp);
  gsl_matrix_free (f);
  gsl_matrix_free (q_inv);
  gsl_matrix_free (q);
  gsl_rng_free (rng);
}

/* Ein, the entire part of Ei, against Ei − γ − ln|x| where that has no cancellation, and
 * against its series near 0, where Ei has a singularity and Ein none. */
static void
test_ein (void)
{
  for (double x = -8.0; x <= 8.0; x += 0.0625)
    {
      if (fabs (x) < 0.25)
        continue;
      g_assert_cmpfloat_with_epsilon (glmcc_ein (x), glmcc_ei (x) - 0.57721566490153286 - log (fabs (x)),
                                      1e-13 * MAX (1.0, fabs (glmcc_ein (x))));
    }
  g_assert_cmpfloat (glmcc_ein (0.0), ==, 0.0);
  for (double x = -1e-3; x <= 1e-3; x += 1.25e-4)
    {
      double series = x + x * x / 4.0 + x * x * x / 18.0 + x * x * x * x / 96.0;
      g_assert_cmpfloat_with_epsilon (glmcc_ein (x), series, 1e-17 + 1e-14 * fabs (series));
    }
}

/* The standard error of Ĵ the method assumes, 1.57/sqrt(τ c̄) at J = 0 (1.57/√2 times the
 * inverse square root of the Fisher information), taken at the true J: inhibition lowers the
 * rate where it acts and so carries less information. */
static double
standard_error (double j,
                double c_bar,
                double tau)
{
  double information = 0.0, du = 0.001;

  for (double u = 0.5 * du; u < 20.0 * tau; u += du)
    {
      double f = exp (-u / tau);
      information += exp (j * f) * f * f * du;
    }
  return 1.57 / G_SQRT2 / sqrt (c_bar * information);
}

/* Lags drawn from the GLMCC model with the given background level and couplings, on a 0.01 ms
 * grid as real recordings have them. */
static GArray *
model_lags (gsl_rng *rng,
            double   level,
            double   delay,
            double   tau,
            double   j_plus,
            double   j_minus)
{
  GArray *lags = g_array_new (FALSE, FALSE, sizeof (double));

  for (double t = -50.0 + 0.005; t < 50.0; t += 0.01)
    {
      double a_t = log (level) + 0.15 * cos (t / 30.0);
      double rate = exp (a_t + j_plus * glmcc_kernel (t, delay, tau)
                             + j_minus * glmcc_kernel (-t, delay, tau));
      guint count = gsl_ran_poisson (rng, rate * 0.01);
      for (guint c = 0; c < count; c++)
        {
          double lag = t + (gsl_rng_uniform (rng) - 0.5) * 0.01;
          g_array_append_val (lags, lag);
        }
    }
  return lags;
}

/* The default mode's standard error is honest where there is a connection too: over many
 * draws from the model, J falls within 1.96 standard errors of the truth about 95 % of the
 * time, on both sides, at two count levels. */
static void
test_coverage (void)
{
  const double levels[] = { 15.0, 400.0 };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  GlmccParams params;
  GlmccWorkspace *ws;

  glmcc_params_init (&params);
  params.mode = GLMCC_MODE_SIM;
  params.sim_delay_ms = 2.0;
  ws = glmcc_workspace_new (&params);
  gsl_rng_set (rng, 31);
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      guint trials = 300, within_plus = 0, within_minus = 0;

      for (guint trial = 0; trial < trials; trial++)
        {
          g_autoptr(GArray) lags = model_lags (rng, levels[l], 2.0, 4.0, 0.4, -0.3);
          GlmccPairResult result;

          glmcc_pair_analyse_lags (ws, &params, (double *) (gpointer) lags->data, lags->len,
                                   &result);
          g_assert_cmpint (result.fit.status, ==, GLMCC_STATUS_PENDING);
          within_plus += fabs (result.fit.j_plus - 0.4) < 1.96 * result.sd_plus;
          within_minus += fabs (result.fit.j_minus + 0.3) < 1.96 * result.sd_minus;
        }
      g_test_message ("level %g: within 1.96 sd: J+ %u/%u, J− %u/%u", levels[l], within_plus,
                      trials, within_minus, trials);
      /* Binomial(300, 0.95) lies in [271, 295] with probability above 0.999. */
      g_assert_cmpuint (within_plus, >=, 271);
      g_assert_cmpuint (within_minus, >=, 271);
      g_assert_cmpuint (within_plus, <=, 296);
      g_assert_cmpuint (within_minus, <=, 296);
    }
  glmcc_workspace_free (ws);
  gsl_rng_free (rng);
}

/* A synapse strong enough to silence its target for a while needs J below the published clip
 * of −3. The default mode fits it (bounded, projected steps), converges, and recovers it; the
 * compat mode keeps the published clip. */
static void
test_strong_inhibition (void)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  GlmccParams params;
  GlmccWorkspace *ws;

  glmcc_params_init (&params);
  params.mode = GLMCC_MODE_SIM;
  params.sim_delay_ms = 2.0;
  ws = glmcc_workspace_new (&params);
  gsl_rng_set (rng, 77);
  for (guint trial = 0; trial < 10; trial++)
    {
      g_autoptr(GArray) lags = model_lags (rng, 200.0, 2.0, 4.0, 0.2, -5.0);
      GlmccPairResult result;

      params.compat_reference = FALSE;
      glmcc_pair_analyse_lags (ws, &params, (double *) (gpointer) lags->data, lags->len, &result);
      g_assert_cmpint (result.fit.status, ==, GLMCC_STATUS_PENDING);
      g_assert_cmpint (result.backward.status, ==, GLMCC_STATUS_SIGNIFICANT);
      g_test_message ("J− %.3f ± %.3f", result.fit.j_minus, result.sd_minus);
      g_assert_cmpfloat (fabs (result.fit.j_minus + 5.0), <, 4.0 * result.sd_minus);

      params.compat_reference = TRUE;
      glmcc_pair_analyse_lags (ws, &params, (double *) (gpointer) lags->data, lags->len, &result);
      g_assert_cmpfloat (result.fit.j_minus, >=, -3.0);
    }
  glmcc_workspace_free (ws);
  gsl_rng_free (rng);
}

/* Counts drawn from the model itself: the fit must recover the J that made them, within the
 * standard error the significance test assumes. */
static void
test_recovery (void)
{
  const double window = 50.0, delay = 2.0, tau = 4.0;
  const double true_plus = 1.2, true_minus = -0.8;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  GlmccParams params;
  GlmccWorkspace *ws;
  guint within = 0, trials = 20;

  glmcc_params_init (&params);
  params.mode = GLMCC_MODE_SIM;
  params.sim_delay_ms = delay;
  ws = glmcc_workspace_new (&params);
  gsl_rng_set (rng, 2019);

  for (guint trial = 0; trial < trials; trial++)
    {
      g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
      GlmccPairResult result;
      double se_plus, se_minus;

      /* A slow, symmetric background a(t) and the synaptic kernel on each side; lags on a 0.01 ms grid
       * as real recordings have them. */
      for (double t = -window + 0.005; t < window; t += 0.01)
        {
          double a_t = log (60.0) + 0.15 * cos (t / 30.0);
          double rate = exp (a_t + true_plus * glmcc_kernel (t, delay, tau)
                                 + true_minus * glmcc_kernel (-t, delay, tau));
          guint count = gsl_ran_poisson (rng, rate * 0.01);
          for (guint c = 0; c < count; c++)
            {
              double lag = t + (gsl_rng_uniform (rng) - 0.5) * 0.01;
              g_array_append_val (lags, lag);
            }
        }
      glmcc_pair_analyse_lags (ws, &params, (double *) (gpointer) lags->data, lags->len, &result);
      g_assert_cmpint (result.fit.status, ==, GLMCC_STATUS_PENDING);
      se_plus = standard_error (true_plus, result.c_bar_plus, tau);
      se_minus = standard_error (true_minus, result.c_bar_minus, tau);
      g_test_message ("J+ %.3f (se %.3f) J- %.3f (se %.3f)", result.fit.j_plus, se_plus, result.fit.j_minus, se_minus);
      if (fabs (result.fit.j_plus - true_plus) < 3.0 * se_plus
          && fabs (result.fit.j_minus - true_minus) < 3.0 * se_minus)
        within++;
      g_assert_cmpint (result.forward.status, ==, GLMCC_STATUS_SIGNIFICANT);
      g_assert_cmpint (result.backward.status, ==, GLMCC_STATUS_SIGNIFICANT);
      g_assert_cmpfloat (result.forward.psp_mv, >, 0.0);
      g_assert_cmpfloat (result.backward.psp_mv, <, 0.0);
    }
  g_assert_cmpuint (within, >=, trials - 1);
  glmcc_workspace_free (ws);
  gsl_rng_free (rng);
}

/* An empty correlogram crashes the published code; here it is a status for both directions. */
static void
test_no_lags (void)
{
  GlmccParams params;
  GlmccWorkspace *ws;
  GlmccPairResult result;
  double far_ref[] = { 1000.0, 2000.0 }, far_target[] = { 5000.0 };
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));

  glmcc_params_init (&params);
  ws = glmcc_workspace_new (&params);
  glmcc_lags_collect (far_ref, 2, far_target, 1, 50.0, lags);
  g_assert_cmpuint (lags->len, ==, 0);
  glmcc_pair_analyse_lags (ws, &params, NULL, 0, &result);
  g_assert_cmpint (result.forward.status, ==, GLMCC_STATUS_NO_LAGS);
  g_assert_cmpint (result.backward.status, ==, GLMCC_STATUS_NO_LAGS);
  g_assert_cmpfloat (result.forward.psp_mv, ==, 0.0);
  glmcc_workspace_free (ws);
}

/* The lag window is open at both ends and a lag on a bin edge is split in two. */
static void
test_lags_and_counts (void)
{
  double ref[] = { 100.0 };
  double target[] = { 50.0, 50.5, 99.0, 100.0, 101.25, 149.99, 150.0 };
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));
  double counts[100], s_plus, s_minus;

  glmcc_correlogram_reference_lags (ref, 1, target, G_N_ELEMENTS (target), 50.0, lags);
  g_assert_cmpuint (lags->len, ==, 5);   /* −49.5, −1, 0, 1.25, 49.99 */
  glmcc_correlogram_reference_counts ((double *) (gpointer) lags->data, lags->len, 50.0, 1.0,
                                      100, 0.0, counts);
  g_assert_cmpfloat (counts[0], ==, 1.0);    /* −49.5 */
  g_assert_cmpfloat (counts[48], ==, 0.5);   /* −1 is the edge of bins 48 and 49 */
  g_assert_cmpfloat (counts[49], ==, 1.0);   /* half of −1 and half of 0 */
  g_assert_cmpfloat (counts[50], ==, 0.5);
  g_assert_cmpfloat (counts[51], ==, 1.0);   /* 1.25 */
  g_assert_cmpfloat (counts[99], ==, 1.0);   /* 49.99 */

  /* A lag exactly on −d counts half in S− in the default mode, as it counts half in its bin,
   * and not at all in compat mode (P7). */
  glmcc_correlogram_reference_stats ((double *) (gpointer) lags->data, lags->len, 1.0, 4.0,
                                     0.0, FALSE, &s_plus, &s_minus);
  g_assert_cmpfloat_with_epsilon (s_minus, 0.5 * exp (0.0) + exp ((-49.5 + 1.0) / 4.0), 1e-15);
  g_assert_cmpfloat_with_epsilon (s_plus, exp (-0.25 / 4.0) + exp (-48.99 / 4.0), 1e-15);
  glmcc_correlogram_reference_stats ((double *) (gpointer) lags->data, lags->len, 1.0, 4.0,
                                     0.0, TRUE, &s_plus, &s_minus);
  g_assert_cmpfloat_with_epsilon (s_minus, exp ((-49.5 + 1.0) / 4.0), 1e-15);

  /* The same on the other side: a lag of exactly +d, mirrored. */
  {
    double mirrored[5];
    double mp, mm;

    for (guint i = 0; i < 5; i++)
      mirrored[i] = -g_array_index (lags, double, 4 - i);
    glmcc_correlogram_reference_stats (mirrored, 5, 1.0, 4.0, 0.0, FALSE, &mp, &mm);
    glmcc_correlogram_reference_stats ((double *) (gpointer) lags->data, lags->len, 1.0, 4.0,
                                       0.0, FALSE, &s_plus, &s_minus);
    g_assert_cmpfloat (mp, ==, s_minus);
    g_assert_cmpfloat (mm, ==, s_plus);
  }

  /* An excluded centre of 1 ms: the lag at 0 is left out, and the lags on ±1 keep the half
   * that falls outside the excluded bins. */
  glmcc_correlogram_reference_counts ((double *) (gpointer) lags->data, lags->len, 50.0, 1.0,
                                      100, 1.0, counts);
  g_assert_cmpfloat (counts[48], ==, 0.5);
  g_assert_cmpfloat (counts[49], ==, 0.0);
  g_assert_cmpfloat (counts[50], ==, 0.0);
  g_assert_cmpfloat (counts[51], ==, 1.0);
}

/* glmcc_exp_fast_many() (four at a time with AVX2 where the processor has it) is
 * glmcc_exp_fast() to the bit: negative and positive arguments, the edges of the series' range,
 * zeros of both signs, infinities and NaN, at every position of a group of four. */
static void
test_exp_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const double special[] = { 0.0, -0.0, 699.999, -699.999, 700.0, -700.0, 709.0, -745.0, 1e-300,
                             -1e-300, INFINITY, -INFINITY, NAN, 0.5 * G_LN2, -G_LN2 / 128.0 };
  const gsize n = 4099;
  g_autofree double *x = g_new (double, n);
  g_autofree double *many = g_new (double, n);
  g_autofree double *one = g_new (double, n);

  glmcc_exp_init ();
  for (gsize i = 0; i < n; i++)
    {
      if (i % 7 == 3)
        x[i] = special[(i / 7) % G_N_ELEMENTS (special)];
      else if (i % 2)
        x[i] = g_rand_double_range (rand, -720.0, 720.0);
      else
        x[i] = g_rand_double_range (rand, -2.0, 2.0);
      one[i] = glmcc_exp_fast (x[i]);
    }
  glmcc_exp_fast_many (x, n, many);
  g_assert_cmpmem (many, n * sizeof (double), one, n * sizeof (double));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off ();

  g_test_add_func ("/fit/ei", test_ei);
  g_test_add_func ("/fit/arrowhead-solve", test_arrowhead);
  g_test_add_func ("/fit/gradient", test_gradient);
  g_test_add_func ("/fit/variance", test_variance);
  g_test_add_func ("/fit/ein", test_ein);
  g_test_add_func ("/fit/exp-many", test_exp_many);
  g_test_add_func ("/fit/recovery", test_recovery);
  g_test_add_func ("/fit/coverage", test_coverage);
  g_test_add_func ("/fit/strong-inhibition", test_strong_inhibition);
  g_test_add_func ("/fit/no-lags", test_no_lags);
  g_test_add_func ("/fit/lags-and-counts", test_lags_and_counts);
  return g_test_run ();
}
