/* test-warm-start.c: warm-started fits reach the same optimum, decision for decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default mode starts each delay's fit from the previous delay's optimum, the likelihood-
 * ratio test's constrained fits from the full fit, and a cached refit from the pair's last fit;
 * it polishes every fit until its Newton step is below 1e-13, so where it starts must not
 * matter. Checked for every pair of the published sample and of a simulated network, both
 * tests and both delay modes: the same status, delay and decision for every edge, every number
 * equal to 1e-9. Compat mode, whose result depends on the optimiser's path, never starts warm.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-loader.h"
#include "glmcc-pair-cache.h"
#include "glmcc-simulate.h"

#define TOLERANCE 1e-9

typedef struct
{
  GlmccMode mode;
  GlmccTest test;
} Config;

static const Config configs[] = {
  { GLMCC_MODE_EXP, GLMCC_TEST_WALD },
  { GLMCC_MODE_EXP, GLMCC_TEST_LR },
  { GLMCC_MODE_SIM, GLMCC_TEST_WALD },
  { GLMCC_MODE_SIM, GLMCC_TEST_LR },
};

static void
assert_close (double      a,
              double      b,
              const char *what,
              guint       ref,
              guint       target)
{
  if (isnan (a) && isnan (b))
    return;
  if (!(fabs (a - b) <= TOLERANCE * MAX (1.0, MAX (fabs (a), fabs (b)))))
    g_error ("(%u, %u): %s: warm %.17g, cold %.17g", ref, target, what, a, b);
}

static void
assert_same_edge (const GlmccEdge *warm,
                  const GlmccEdge *cold,
                  guint            ref,
                  guint            target)
{
  if (warm->status != cold->status)
    g_error ("(%u, %u): warm %s, cold %s", ref, target, glmcc_status_to_string (warm->status),
             glmcc_status_to_string (cold->status));
  g_assert_cmpfloat (warm->delay_ms, ==, cold->delay_ms);
  assert_close (warm->j, cold->j, "J", ref, target);
  assert_close (warm->statistic, cold->statistic, "statistic", ref, target);
  assert_close (warm->p_value, cold->p_value, "p", ref, target);
  assert_close (warm->threshold, cold->threshold, "threshold", ref, target);
  assert_close (warm->psp_mv, cold->psp_mv, "PSP", ref, target);
}

/* Every pair both ways; returns the fits' passes summed, warm then cold. */
static void
check_recording (GlmccRecording    *recording,
                 const GlmccParams *params,
                 guint64           *passes_warm,
                 guint64           *passes_cold,
                 guint             *n_significant)
{
  guint n = glmcc_recording_get_n_neurons (recording);
  GlmccWorkspace *warm = glmcc_workspace_new (params);
  GlmccWorkspace *cold = glmcc_workspace_new (params);

  glmcc_workspace_set_warm_start (cold, FALSE);
  for (guint i = 1; i < n; i++)
    for (guint j = 0; j < i; j++)
      {
        GlmccPairResult w, c;

        glmcc_pair_analyse (warm, params, recording, j, i, &w);
        glmcc_pair_analyse (cold, params, recording, j, i, &c);
        assert_same_edge (&w.forward, &c.forward, j, i);
        assert_same_edge (&w.backward, &c.backward, j, i);
        g_assert_cmpuint (w.delay_index, ==, c.delay_index);
        for (guint d = 0; d < w.n_delays; d++)
          assert_close (w.log_post[d], c.log_post[d], "log posterior", j, i);
        if (params->compat_reference)
          {
            /* Compat mode ignores the start: the very same fits. */
            g_assert_cmpmem (&w.forward, sizeof w.forward, &c.forward, sizeof c.forward);
            g_assert_cmpmem (&w.backward, sizeof w.backward, &c.backward, sizeof c.backward);
          }
        *passes_warm += w.fit.n_passes;
        *passes_cold += c.fit.n_passes;
        *n_significant += (w.forward.status == GLMCC_STATUS_SIGNIFICANT)
                          + (w.backward.status == GLMCC_STATUS_SIGNIFICANT);
      }
  glmcc_workspace_free (warm);
  glmcc_workspace_free (cold);
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

static GlmccRecording *
simulate (void)
{
  GlmccSimParams sim;
  g_autoptr(GlmccSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  glmcc_sim_params_init (&sim);
  sim.n_neurons = 24;
  sim.duration_s = 1200.0;
  sim.seed = 13;
  sim.rate_hz = 8.0;
  simulation = glmcc_simulate (&sim, NULL, &error);
  g_assert_no_error (error);
  recording = glmcc_simulation_to_recording (simulation, &error);
  g_assert_no_error (error);
  return recording;
}

static void
check_all (GlmccRecording *recording)
{
  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    for (guint compat = 0; compat < 2; compat++)
      {
        GlmccParams params;
        guint64 warm = 0, cold = 0;
        guint significant = 0;

        glmcc_params_init (&params);
        params.mode = configs[c].mode;
        params.test = configs[c].test;
        params.compat_reference = compat;
        check_recording (recording, &params, &warm, &cold, &significant);
        g_test_message ("%s/%s%s: %u significant edges; passes of the chosen fits %"
                        G_GUINT64_FORMAT " warm, %" G_GUINT64_FORMAT " cold",
                        glmcc_mode_to_string (params.mode), glmcc_test_to_string (params.test),
                        compat ? " compat" : "", significant, warm, cold);
        /* Decisions of both kinds were compared. */
        g_assert_cmpuint (significant, >, 0);
        if (compat)
          g_assert_cmpuint (warm, ==, cold);
        else if (params.mode == GLMCC_MODE_EXP)
          g_assert_cmpuint (warm, <, cold);
      }
}

static void
test_sample (void)
{
  g_autoptr(GlmccRecording) recording = load_sample ();

  check_all (recording);
}

static void
test_network (void)
{
  g_autoptr(GlmccRecording) recording = simulate ();

  check_all (recording);
}

/* A refit through the pair cache after γ, τ or the delays change starts from the pair's last
 * fit, and equals a cold fit. */
static void
test_cached_refit (void)
{
  g_autoptr(GlmccRecording) recording = load_sample ();
  g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (0);
  GlmccParams params;
  GlmccWorkspace *warm, *cold;
  const double gammas[] = { 5e-4, 1e-3, 2e-4, 5e-4 };
  const double taus[] = { 4.0, 4.0, 3.0, 2.0 };
  guint64 passes_warm = 0, passes_cold = 0;

  glmcc_params_init (&params);
  warm = glmcc_workspace_new (&params);
  cold = glmcc_workspace_new (&params);
  glmcc_workspace_set_warm_start (cold, FALSE);
  for (guint pair = 0; pair < 3; pair++)
    for (guint k = 0; k < G_N_ELEMENTS (gammas); k++)
      {
        guint ref = pair == 0 ? 9 : pair == 1 ? 4 : 16, target = pair == 0 ? 4 : pair == 1 ? 11 : 3;
        GlmccPairResult w, c;

        params.gamma = gammas[k];
        params.tau_ms = taus[k];
        params.mode = k == 3 ? GLMCC_MODE_SIM : GLMCC_MODE_EXP;
        glmcc_pair_cache_analyse (cache, warm, &params, recording, ref, target, &w);
        glmcc_pair_analyse (cold, &params, recording, ref, target, &c);
        assert_same_edge (&w.forward, &c.forward, ref, target);
        assert_same_edge (&w.backward, &c.backward, ref, target);
        if (k > 0)
          {
            passes_warm += w.fit.n_passes;
            passes_cold += c.fit.n_passes;
          }
      }
  g_test_message ("cached refits: %" G_GUINT64_FORMAT " passes warm, %" G_GUINT64_FORMAT
                  " cold", passes_warm, passes_cold);
  g_assert_cmpuint (passes_warm, <, passes_cold);
  glmcc_workspace_free (warm);
  glmcc_workspace_free (cold);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/warm-start/sample", test_sample);
  g_test_add_func ("/warm-start/network", test_network);
  g_test_add_func ("/warm-start/cached-refit", test_cached_refit);
  return g_test_run ();
}
