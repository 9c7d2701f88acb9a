/* test-symmetry.c: the default mode analyses (A, B) as the mirror image of (B, A)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Swapping reference and target negates every lag. In the default mode one rule treats both
 * sides (lags on ±d, the small-|J·f| switch of G_k, c̄), so J+ of one order is J− of the other,
 * a(t) is reversed, the likelihoods are equal and every decision is the same. This is checked
 * for every pair of the published sample (0.01 ms times) and of a simulated network whose
 * times are on a 0.1 ms grid, where lags land exactly on ±d and on bin edges all the time.
 */
#include "config.h"

#include <math.h>

#include "glmcc-loader.h"
#include "glmcc-pair.h"
#include "glmcc-simulate.h"

#define TOLERANCE 1e-9

static void
assert_relative (double      a,
                 double      b,
                 double      scale,
                 const char *what,
                 guint       ref,
                 guint       target)
{
  double tolerance = TOLERANCE * MAX (1.0, MAX (fabs (scale), MAX (fabs (a), fabs (b))));

  if (isnan (a) && isnan (b))
    return;
  if (!(fabs (a - b) <= tolerance))
    g_error ("(%u, %u): %s differs between the two orders: %.17g against %.17g", ref, target,
             what, a, b);
}

static void
assert_same_edge (const GlmccEdge *a,
                  const GlmccEdge *b,
                  guint            ref,
                  guint            target)
{
  if (a->status != b->status)
    g_error ("(%u, %u): status %s against %s", ref, target, glmcc_status_to_string (a->status),
             glmcc_status_to_string (b->status));
  assert_relative (a->j, b->j, 1.0, "J", ref, target);
  assert_relative (a->statistic, b->statistic, 1.0, "statistic", ref, target);
  assert_relative (a->p_value, b->p_value, 0.0, "p", ref, target);
  assert_relative (a->psp_mv, b->psp_mv, 1.0, "PSP", ref, target);
  g_assert_cmpfloat (a->delay_ms, ==, b->delay_ms);
  g_assert_cmpuint (a->n_lags, ==, b->n_lags);
}

static guint
check_recording (GlmccRecording    *recording,
                 const GlmccParams *params)
{
  guint n = glmcc_recording_get_n_neurons (recording), n_significant = 0;
  GlmccWorkspace *ws_ab = glmcc_workspace_new (params);
  GlmccWorkspace *ws_ba = glmcc_workspace_new (params);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        GlmccPairResult ab, ba;
        guint bins;

        glmcc_pair_analyse (ws_ab, params, recording, i, j, &ab);
        glmcc_pair_analyse (ws_ba, params, recording, j, i, &ba);
        assert_same_edge (&ab.forward, &ba.backward, i, j);
        assert_same_edge (&ab.backward, &ba.forward, i, j);
        n_significant += (ab.forward.status == GLMCC_STATUS_SIGNIFICANT)
                         + (ab.backward.status == GLMCC_STATUS_SIGNIFICANT);
        if (ab.fit.status != GLMCC_STATUS_PENDING)
          continue;
        g_assert_cmpuint (ab.delay_index, ==, ba.delay_index);
        assert_relative (ab.fit.log_lik, ba.fit.log_lik, 0.0, "log likelihood", i, j);
        assert_relative (ab.fit.log_post, ba.fit.log_post, 0.0, "log posterior", i, j);
        assert_relative (ab.fit.j_plus, ba.fit.j_minus, 1.0, "J+", i, j);
        assert_relative (ab.fit.j_minus, ba.fit.j_plus, 1.0, "J−", i, j);
        bins = ab.n_bins;
        for (guint k = 0; k < bins; k++)
          {
            g_assert_cmpfloat (ab.counts[k], ==, ba.counts[bins - 1 - k]);
            assert_relative (ab.a[k], ba.a[bins - 1 - k], 1.0, "a", i, j);
          }
      }
  glmcc_workspace_free (ws_ab);
  glmcc_workspace_free (ws_ba);
  return n_significant;
}

static GlmccRecording *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample", NULL);
  GlmccLoadOptions options;
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  glmcc_load_options_init (&options);
  options.start_s = 0.0;
  options.duration_s = 5400.0;
  recording = glmcc_load (path, &options, &error);
  g_assert_no_error (error);
  return recording;
}

/* A small simulated network, its times written as a 10 kHz acquisition system would. */
static GlmccRecording *
simulate_on_grid (void)
{
  GlmccSimParams sim;
  GlmccSimulation *simulation;
  g_autoptr(GError) error = NULL;
  GlmccRecordingBuilder *builder;
  GlmccRecording *recording;

  glmcc_sim_params_init (&sim);
  sim.n_neurons = 12;
  sim.duration_s = 400.0;
  sim.seed = 5;
  sim.rate_hz = 10.0;
  simulation = glmcc_simulate (&sim, NULL, &error);
  g_assert_no_error (error);
  builder = glmcc_recording_builder_new ("simulated", "generated");
  for (guint i = 0; i < sim.n_neurons; i++)
    {
      gsize n_spikes;
      const double *train = glmcc_simulation_get_train (simulation, i, &n_spikes);
      g_autofree double *grid = g_new (double, MAX (n_spikes, 1));
      g_autofree char *name = g_strdup_printf ("cell%u", i);

      for (gsize k = 0; k < n_spikes; k++)
        grid[k] = glmcc_time_snap_ms (floor (train[k] * 10.0) / 10.0);
      glmcc_recording_builder_add_train (builder, name, grid, n_spikes);
    }
  glmcc_simulation_free (simulation);
  recording = glmcc_recording_builder_finish (builder, &error);
  g_assert_no_error (error);
  return recording;
}

typedef struct
{
  GlmccMode mode;
  GlmccTest test;
  double    exclude_ms;
} Config;

static const Config configs[] = {
  { GLMCC_MODE_EXP, GLMCC_TEST_WALD, 0.0 },
  { GLMCC_MODE_SIM, GLMCC_TEST_LR, 0.0 },
  { GLMCC_MODE_EXP, GLMCC_TEST_WALD, 1.0 },
};

static void
test_sample (void)
{
  g_autoptr(GlmccRecording) recording = load_sample ();

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      GlmccParams params;

      glmcc_params_init (&params);
      params.mode = configs[c].mode;
      params.test = configs[c].test;
      params.exclude_center_ms = configs[c].exclude_ms;
      /* The sample's connections are found, so decisions of both kinds were compared. */
      g_assert_cmpuint (check_recording (recording, &params), >, 10);
    }
}

static void
test_grid_network (void)
{
  g_autoptr(GlmccRecording) recording = simulate_on_grid ();

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      GlmccParams params;

      glmcc_params_init (&params);
      params.mode = configs[c].mode;
      params.test = configs[c].test;
      params.exclude_center_ms = configs[c].exclude_ms;
      check_recording (recording, &params);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/symmetry/sample", test_sample);
  g_test_add_func ("/symmetry/grid-network", test_grid_network);
  return g_test_run ();
}
