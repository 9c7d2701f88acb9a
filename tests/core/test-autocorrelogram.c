/* test-autocorrelogram.c: the autocorrelogram against a brute-force count of every lag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-autocorrelogram.h"
#include "glmcc-pair.h"

/* Every ordered pair i ≠ j with −W < t_j − t_i < W, binned by the cross-correlogram's own
 * binning: the definition the fast count must meet exactly. */
static guint64
brute_force (const double *times,
             gsize         n,
             double        window_ms,
             double        bin_ms,
             guint         n_bins,
             double       *counts)
{
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (double));

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < n; j++)
      {
        double t = times[j] - times[i];

        if (i != j && t > -window_ms && t < window_ms)
          g_array_append_val (lags, t);
      }
  glmcc_correlogram_reference_counts ((const double *) (gpointer) lags->data, lags->len,
                                      window_ms, bin_ms, n_bins, 0.0, counts);
  return lags->len;
}

static void
check_train (const double *times,
             gsize         n,
             double        window_ms,
             double        bin_ms)
{
  guint n_bins = (guint) lround (2.0 * window_ms / bin_ms);
  g_autofree double *fast = g_new0 (double, n_bins);
  g_autofree double *slow = g_new0 (double, n_bins);
  guint64 n_fast, n_slow;
  double total = 0.0;

  n_fast = glmcc_autocorrelogram (times, n, window_ms, bin_ms, n_bins, fast);
  n_slow = brute_force (times, n, window_ms, bin_ms, n_bins, slow);
  g_assert_cmpuint (n_fast, ==, n_slow);
  for (guint k = 0; k < n_bins; k++)
    {
      if (fast[k] != slow[k])
        g_error ("bin %u: %g counted, %g by brute force", k, fast[k], slow[k]);
      total += fast[k];
      /* Symmetric about 0. */
      g_assert_cmpfloat (fast[k], ==, fast[n_bins - 1 - k]);
    }
  /* Every pair landed somewhere (no lag sits exactly on ±W: t < W strictly). */
  g_assert_cmpfloat (total, ==, (double) n_fast);
}

static void
test_random_trains (void)
{
  GRand *rand = g_rand_new_with_seed (11);

  for (guint trial = 0; trial < 20; trial++)
    {
      gsize n = (gsize) g_rand_int_range (rand, 50, 900);
      g_autofree double *times = g_new (double, n);
      double t = 0.0;

      for (gsize i = 0; i < n; i++)
        {
          /* Bursts (2–6 ms apart) among Poisson intervals, and every third train on a 1-ms grid
           * so that lags fall exactly on bin edges. */
          if (g_rand_double (rand) < 0.3)
            t += g_rand_double_range (rand, 2.0, 6.0);
          else
            t += -log (1.0 - g_rand_double (rand)) * 40.0;
          times[i] = trial % 3 == 0 ? round (t) : round (t * 100.0) / 100.0;
        }
      check_train (times, n, 50.0, 1.0);
      check_train (times, n, 25.0, 0.5);
    }
  g_rand_free (rand);
}

static void
test_known_counts (void)
{
  /* Spikes at 0, 3 and 10.5 ms: lags ±3, ±10.5 and ±7.5. */
  const double times[] = { 0.0, 3.0, 10.5 };
  double counts[20];
  guint64 n;

  n = glmcc_autocorrelogram (times, 3, 10.0, 1.0, 20, counts);
  /* ±10.5 is outside the window; ±3 sits on bin edges and splits in halves. */
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (counts[12], ==, 0.5);   /* (2, 3] */
  g_assert_cmpfloat (counts[13], ==, 0.5);   /* (3, 4] */
  g_assert_cmpfloat (counts[6], ==, 0.5);    /* (−4, −3] */
  g_assert_cmpfloat (counts[7], ==, 0.5);    /* (−3, −2] */
  g_assert_cmpfloat (counts[17], ==, 1.0);   /* (7, 8] holds 7.5 */
  g_assert_cmpfloat (counts[2], ==, 1.0);    /* (−8, −7] holds −7.5 */
  check_train (times, 3, 10.0, 1.0);
}

static void
test_degenerate (void)
{
  const double duplicate[] = { 5.0, 5.0, 5.0 };
  double counts[10] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 };

  /* No spike, one spike: all zero. */
  g_assert_cmpuint (glmcc_autocorrelogram (NULL, 0, 5.0, 1.0, 10, counts), ==, 0);
  for (guint k = 0; k < 10; k++)
    g_assert_cmpfloat (counts[k], ==, 0.0);
  g_assert_cmpuint (glmcc_autocorrelogram (duplicate, 1, 5.0, 1.0, 10, counts), ==, 0);
  /* Duplicated spikes give zero lags, counted like any other lag on a bin edge. */
  g_assert_cmpuint (glmcc_autocorrelogram (duplicate, 3, 5.0, 1.0, 10, counts), ==, 6);
  g_assert_cmpfloat (counts[4] + counts[5], ==, 6.0);
  check_train (duplicate, 3, 5.0, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acg/random-trains", test_random_trains);
  g_test_add_func ("/acg/known-counts", test_known_counts);
  g_test_add_func ("/acg/degenerate", test_degenerate);

  return g_test_run ();
}
