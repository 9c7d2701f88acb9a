/* test-correlogram.c: the fast correlogram against the reference implementation of METHOD §2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference lists the lags reference-major with the published comparisons, bins them with
 * the half split and sums S± delay by delay. The fast path bins each lag as it finds it,
 * target-major, with one exponential per lag; a batch run finds the lags of whole blocks of
 * pairs from merged spike streams. They must give the same lags, the same counts to the bit
 * and the same S± to rounding, for spike times on the sampling grids that put lags exactly on
 * bin edges, on ±d and on −W, and for every parameter the binned sums special-case.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-correlogram.h"

typedef struct
{
  const char *name;
  double      bin_ms;
  double      window_ms;
  double      tau_ms;
  double      exclude_ms;
  double      delays[4];
  guint       n_delays;
  gboolean    compat;
} Config;

static const Config configs[] = {
  { "default", 1.0, 50.0, 4.0, 0.0, { 1, 2, 3, 4 }, 4, FALSE },
  { "compat", 1.0, 50.0, 4.0, 0.0, { 1, 2, 3, 4 }, 4, TRUE },
  { "excluded-centre", 1.0, 50.0, 4.0, 1.0, { 1, 2, 3, 4 }, 4, FALSE },
  { "excluded-compat", 1.0, 50.0, 1.0, 2.0, { 2, 3 }, 2, TRUE },
  { "unsorted-delays", 1.0, 50.0, 4.0, 0.0, { 3, 1, 4, 2 }, 4, FALSE },
  { "half-ms-bins", 0.5, 50.0, 4.0, 0.5, { 0.5, 1.5, 3 }, 3, FALSE },
  { "odd-bins", 1.5, 48.0, 4.0, 0.0, { 1.5, 3, 4.5 }, 3, FALSE },   /* Δ not a power of two */
  { "delay-zero", 1.0, 20.0, 2.0, 0.0, { 0, 2 }, 2, FALSE },
  { "unbinned", 1.0, 50.0, 0.05, 0.0, { 1, 2 }, 2, FALSE },         /* e^{W/τ} out of range */
};

static void
params_from_config (const Config *config,
                    GlmccParams  *params)
{
  glmcc_params_init (params);
  params->mode = GLMCC_MODE_EXP;
  params->bin_ms = config->bin_ms;
  params->window_ms = config->window_ms;
  params->tau_ms = config->tau_ms;
  params->exclude_center_ms = config->exclude_ms;
  params->compat_reference = config->compat;
  params->n_delays = config->n_delays;
  memcpy (params->delays_ms, config->delays, config->n_delays * sizeof (double));
}

/* A sorted train of about @n spikes on a grid of @grid_ms (0: exact times), from @offset_ms. */
static double *
make_train (GRand  *rand,
            gsize   n,
            double  rate_per_ms,
            double  grid_ms,
            double  offset_ms,
            gsize  *n_out)
{
  double *times = g_new (double, n);
  double t = offset_ms;

  for (gsize k = 0; k < n; k++)
    {
      t += -log (1.0 - g_rand_double (rand)) / rate_per_ms;
      times[k] = grid_ms > 0.0 ? offset_ms + round ((t - offset_ms) / grid_ms) * grid_ms : t;
    }
  /* Snapping can reorder nothing but may repeat a time: keep the order sorted. */
  for (gsize k = 1; k < n; k++)
    if (times[k] < times[k - 1])
      times[k] = times[k - 1];
  *n_out = n;
  return times;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
assert_close (double      actual,
              double      expected,
              double      relative,
              const char *what)
{
  if (!(fabs (actual - expected) <= relative * MAX (fabs (expected), 1e-300)))
    g_error ("%s: fast %.17g, reference %.17g", what, actual, expected);
}

/* Every check of one pair of trains under one configuration. */
static void
check_pair (const Config *config,
            const double *ref,
            gsize         n_ref,
            const double *target,
            gsize         n_target)
{
  GlmccParams params;
  GlmccCorrelogramPlan plan;
  g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fast = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *streamed = NULL, *stored = NULL;
  g_autofree double *counts = NULL, *expected_counts = NULL;
  double s_plus[4], s_minus[4];
  guint n;
  gsize size;

  params_from_config (config, &params);
  glmcc_correlogram_plan_init (&plan, &params);
  n = plan.n_bins;
  size = glmcc_correlogram_plan_get_size (&plan);
  counts = g_new (double, n);
  expected_counts = g_new (double, n);

  /* The same lags, in another order. */
  glmcc_correlogram_reference_lags (ref, n_ref, target, n_target, config->window_ms, reference);
  glmcc_lags_collect (ref, n_ref, target, n_target, config->window_ms, fast);
  g_assert_cmpuint (fast->len, ==, reference->len);
  {
    g_autofree double *a = g_memdup2 (reference->data, reference->len * sizeof (double));
    g_autofree double *b = g_memdup2 (fast->data, fast->len * sizeof (double));

    qsort (a, reference->len, sizeof (double), compare_doubles);
    qsort (b, fast->len, sizeof (double), compare_doubles);
    g_assert_cmpmem (a, reference->len * sizeof (double), b, fast->len * sizeof (double));
  }

  /* Streamed and stored: the same counts, S± to rounding (streamed lags get their weights
   * from the two spike times, stored ones from t). */
  streamed = g_new0 (double, size);
  stored = g_new0 (double, size);
  glmcc_correlogram_add_trains (&plan, streamed, ref, n_ref, target, n_target);
  glmcc_correlogram_add_lags (&plan, stored, (const double *) (gpointer) fast->data, fast->len);
  g_assert_cmpuint (glmcc_correlogram_finish (&plan, stored, expected_counts, s_plus, s_minus),
                    ==, reference->len);
  {
    double stored_plus[4], stored_minus[4];

    memcpy (stored_plus, s_plus, sizeof s_plus);
    memcpy (stored_minus, s_minus, sizeof s_minus);
    g_assert_cmpuint (glmcc_correlogram_finish (&plan, streamed, counts, s_plus, s_minus), ==,
                      reference->len);
    g_assert_cmpmem (counts, n * sizeof (double), expected_counts, n * sizeof (double));
    for (guint d = 0; d < config->n_delays; d++)
      {
        assert_close (s_plus[d], stored_plus[d], 1e-13, "S+ streamed against stored");
        assert_close (s_minus[d], stored_minus[d], 1e-13, "S− streamed against stored");
      }
  }

  /* Against the reference: counts exactly, S± to rounding. */
  glmcc_correlogram_reference_counts ((const double *) (gpointer) reference->data,
                                      reference->len, config->window_ms, config->bin_ms, n,
                                      config->exclude_ms, expected_counts);
  for (guint k = 0; k < n; k++)
    if (counts[k] != expected_counts[k])
      g_error ("%s: count of bin %u: fast %g, reference %g", config->name, k, counts[k],
               expected_counts[k]);
  for (guint d = 0; d < config->n_delays; d++)
    {
      double sp, sm;

      glmcc_correlogram_reference_stats ((const double *) (gpointer) reference->data,
                                         reference->len, config->delays[d], config->tau_ms,
                                         config->exclude_ms, config->compat, &sp, &sm);
      assert_close (s_plus[d], sp, 1e-12, "S+");
      assert_close (s_minus[d], sm, 1e-12, "S−");
    }
}

/* Spike times exact, on a 0.1 ms grid (lags on every bin edge and on ±d), on a 1/30 ms grid
 * (edges reached within rounding), far from 0 (rounding of t ± W), at high and low rates. */
static void
test_against_reference (gconstpointer data)
{
  const Config *config = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const double grids[] = { 0.0, 0.1, 1.0 / 30.0, 1.0, 0.01 };
  const double offsets[] = { 0.0, 0.0, 1e6 + 1.0 / 3.0, 0.0, 5.4e6 - 4000.0 };

  for (guint g = 0; g < G_N_ELEMENTS (grids); g++)
    for (guint rep = 0; rep < 3; rep++)
      {
        gsize n_ref, n_target;
        double rate_ref = rep == 0 ? 0.05 : 0.01, rate_target = rep == 2 ? 0.002 : 0.04;
        g_autofree double *ref = make_train (rand, 400, rate_ref, grids[g], offsets[g], &n_ref);
        g_autofree double *target = make_train (rand, 500, rate_target, grids[g], offsets[g],
                                                &n_target);

        check_pair (config, ref, n_ref, target, n_target);
        check_pair (config, target, n_target, ref, n_ref);
      }
}

/* Lags exactly on −W, ±d, 0, W and on the excluded centre's edge, one at a time. */
static void
test_exact_lags (gconstpointer data)
{
  const Config *config = data;
  const double w = config->window_ms;
  const double special[] = { -w, -w + 0.5, -4.0, -3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0,
                             1.5, 2.0, 3.0, 4.0, w - 1.0, w - 1e-9, w, w + 1.0 };
  double target[G_N_ELEMENTS (special)];
  const double ref[] = { 1000.0 };

  for (guint k = 0; k < G_N_ELEMENTS (special); k++)
    target[k] = 1000.0 + special[k];
  check_pair (config, ref, 1, target, G_N_ELEMENTS (target));
  check_pair (config, target, G_N_ELEMENTS (target), ref, 1);
}

/* A batch run: every pair of two blocks from one pass over their merged streams equals the
 * pair alone, to the bit; spikes at the same time in several neurons included. */
static void
test_blocks (gconstpointer data)
{
  const Config *config = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  GlmccRecordingBuilder *builder = glmcc_recording_builder_new ("test", "generated");
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_neurons = 11, block = 4;
  GlmccParams params;
  GlmccCorrelogramPlan plan;
  gsize size;
  g_autofree double *accumulators = NULL, *single = NULL;

  for (guint i = 0; i < n_neurons; i++)
    {
      gsize n;
      g_autofree double *train = make_train (rand, 300 + 40 * i, 0.03, i % 3 == 0 ? 0.1 : 0.0,
                                             0.0, &n);
      g_autofree char *name = g_strdup_printf ("n%u", i);

      /* Neurons 1 and 2 share some spikes with neuron 0. */
      if (i == 1 || i == 2)
        for (gsize k = 0; k < n; k += 7)
          train[k] = round (train[k] * 10.0) / 10.0;
      glmcc_recording_builder_add_train (builder, name, train, n);
    }
  recording = glmcc_recording_builder_finish (builder, &error);
  g_assert_no_error (error);

  params_from_config (config, &params);
  glmcc_correlogram_plan_init (&plan, &params);
  size = glmcc_correlogram_plan_get_size (&plan);
  accumulators = g_new (double, block * block * size);
  single = g_new (double, size);
  {
    g_autoptr(GlmccSpikeBlocks) blocks = glmcc_spike_blocks_new (recording, block);
    guint n_blocks = glmcc_spike_blocks_get_n_blocks (blocks);
    g_autoptr(GlmccCorrelogramScratch) scratch = glmcc_correlogram_scratch_new (blocks);

    g_assert_cmpuint (n_blocks, ==, 3);
    for (guint a = 0; a < n_blocks; a++)
      for (guint r = 0; r < n_blocks; r++)
        {
          memset (accumulators, 0, block * block * size * sizeof (double));
          glmcc_correlogram_add_blocks (&plan, blocks, a, r, accumulators, scratch);
          for (guint x = 0; x < block; x++)
            for (guint y = 0; y < block; y++)
              {
                guint i = a * block + x, j = r * block + y;
                const double *ref_train, *target_train;
                gsize n_ref, n_target;

                if (i >= n_neurons || j >= n_neurons)
                  continue;
                if (a == r && j >= i)
                  {
                    /* Within one block only references before the target are scanned. */
                    for (gsize k = 0; k < size; k++)
                      g_assert_cmpfloat (accumulators[(x * block + y) * size + k], ==, 0.0);
                    continue;
                  }
                ref_train = glmcc_recording_get_train (recording, j, &n_ref);
                target_train = glmcc_recording_get_train (recording, i, &n_target);
                memset (single, 0, size * sizeof (double));
                glmcc_correlogram_add_trains (&plan, single, ref_train, n_ref, target_train,
                                              n_target);
                g_assert_cmpmem (single, size * sizeof (double),
                                 accumulators + (x * block + y) * size, size * sizeof (double));
                check_pair (config, ref_train, n_ref, target_train, n_target);
              }
        }
    g_assert_cmpuint (glmcc_spike_blocks_get_bytes (blocks), >, 0);
  }
}

/* An empty side gives no lags, no counts and zero S±. */
static void
test_empty (void)
{
  GlmccParams params;
  GlmccCorrelogramPlan plan;
  const double train[] = { 10.0, 20.0 };
  g_autofree double *acc = NULL;
  double counts[100], s_plus[4], s_minus[4];

  glmcc_params_init (&params);
  params.mode = GLMCC_MODE_EXP;
  glmcc_correlogram_plan_init (&plan, &params);
  g_assert_true (plan.binned);
  acc = g_new0 (double, glmcc_correlogram_plan_get_size (&plan));
  glmcc_correlogram_add_trains (&plan, acc, train, 2, NULL, 0);
  glmcc_correlogram_add_trains (&plan, acc, NULL, 0, train, 2);
  g_assert_cmpuint (glmcc_correlogram_finish (&plan, acc, counts, s_plus, s_minus), ==, 0);
  for (guint k = 0; k < 100; k++)
    g_assert_cmpfloat (counts[k], ==, 0.0);
  for (guint d = 0; d < 4; d++)
    {
      g_assert_cmpfloat (s_plus[d], ==, 0.0);
      g_assert_cmpfloat (s_minus[d], ==, 0.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      g_autofree char *random = g_strdup_printf ("/correlogram/reference/%s", configs[c].name);
      g_autofree char *exact = g_strdup_printf ("/correlogram/exact-lags/%s", configs[c].name);
      g_autofree char *blocks = g_strdup_printf ("/correlogram/blocks/%s", configs[c].name);

      g_test_add_data_func (random, &configs[c], test_against_reference);
      g_test_add_data_func (exact, &configs[c], test_exact_lags);
      g_test_add_data_func (blocks, &configs[c], test_blocks);
    }
  g_test_add_func ("/correlogram/empty", test_empty);
  return g_test_run ();
}
