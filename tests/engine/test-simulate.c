/* test-simulate.c: the LIF network simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-simulate.h"

static GlmccSimulation *
simulate (guint   n,
          double  duration_s,
          guint64 seed)
{
  GlmccSimParams params;
  g_autoptr(GError) error = NULL;
  GlmccSimulation *sim;

  glmcc_sim_params_init (&params);
  params.n_neurons = n;
  params.duration_s = duration_s;
  params.seed = seed;
  sim = glmcc_simulate (&params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sim);
  return sim;
}

static gboolean
same_trains (GlmccSimulation *a,
             GlmccSimulation *b)
{
  for (guint i = 0; i < glmcc_simulation_get_n_neurons (a); i++)
    {
      gsize na, nb;
      const double *ta = glmcc_simulation_get_train (a, i, &na);
      const double *tb = glmcc_simulation_get_train (b, i, &nb);

      if (na != nb || memcmp (ta, tb, na * sizeof (double)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_deterministic (void)
{
  g_autoptr(GlmccSimulation) a = simulate (20, 20.0, 7);
  g_autoptr(GlmccSimulation) b = simulate (20, 20.0, 7);
  g_autoptr(GlmccSimulation) c = simulate (20, 20.0, 8);
  gsize na, nb;
  const GlmccSynapse *sa = glmcc_simulation_get_synapses (a, &na);
  const GlmccSynapse *sb = glmcc_simulation_get_synapses (b, &nb);

  g_assert_true (same_trains (a, b));
  g_assert_cmpuint (na, ==, nb);
  g_assert_cmpmem (sa, na * sizeof *sa, sb, nb * sizeof *sb);
  g_assert_false (same_trains (a, c));
}

static void
test_rate_and_trains (void)
{
  g_autoptr(GlmccSimulation) sim = simulate (50, 60.0, 3);
  double mean = glmcc_simulation_get_mean_rate (sim);
  gsize total = 0;

  /* The drive is calibrated for 5 Hz; the Siegert estimate is approximate. */
  g_assert_cmpfloat (mean, >, 3.5);
  g_assert_cmpfloat (mean, <, 7.0);
  for (guint i = 0; i < 50; i++)
    {
      gsize n;
      const double *t = glmcc_simulation_get_train (sim, i, &n);

      total += n;
      for (gsize k = 0; k < n; k++)
        {
          g_assert_cmpfloat (t[k], >=, 0.0);
          g_assert_cmpfloat (t[k], <, 60000.0);
          /* On the 0.01 ms grid of the files. */
          g_assert_cmpfloat (fabs (t[k] * 100.0 - round (t[k] * 100.0)), <, 1e-6);
          /* Sorted and at least the refractory period apart. */
          if (k > 0)
            g_assert_cmpfloat (t[k] - t[k - 1], >=, 2.0 - 0.011);
        }
    }
  g_assert_cmpfloat (fabs (total / (50 * 60.0) - mean), <, 1e-9);
}

static void
test_truth (void)
{
  g_autoptr(GlmccSimulation) sim = simulate (200, 1.0, 11);
  gsize n, n_exc = 0, n_inh = 0;
  const GlmccSynapse *syn = glmcc_simulation_get_synapses (sim, &n);
  double expected_exc = 160 * 199 * 0.1, expected_inh = 40 * 199 * 0.2;
  double sum_log_e = 0;

  g_assert_true (glmcc_simulation_is_excitatory (sim, 159));
  g_assert_false (glmcc_simulation_is_excitatory (sim, 160));
  for (gsize s = 0; s < n; s++)
    {
      g_assert_cmpuint (syn[s].pre, !=, syn[s].post);
      g_assert_cmpuint (syn[s].post, <, 200);
      if (s > 0)
        g_assert_true (syn[s].pre > syn[s - 1].pre ||
                       (syn[s].pre == syn[s - 1].pre && syn[s].post > syn[s - 1].post));
      g_assert_cmpfloat (syn[s].delay_ms, >=, 1.0 - 1e-9);
      g_assert_cmpfloat (syn[s].delay_ms, <=, 3.0 + 1e-9);
      if (syn[s].pre < 160)
        {
          g_assert_cmpfloat (syn[s].psp_mv, >, 0.0);
          sum_log_e += log (syn[s].psp_mv);
          n_exc++;
        }
      else
        {
          g_assert_cmpfloat (syn[s].psp_mv, <, 0.0);
          n_inh++;
        }
    }
  /* Binomial counts within 5 s.d. of p = 0.1 (from E) and 0.2 (from I). */
  g_assert_cmpfloat (fabs (n_exc - expected_exc), <, 5 * sqrt (expected_exc * 0.9));
  g_assert_cmpfloat (fabs (n_inh - expected_inh), <, 5 * sqrt (expected_inh * 0.8));
  /* Log-normal around a median of 0.5 mV. */
  g_assert_cmpfloat (fabs (exp (sum_log_e / n_exc) - 0.5), <, 0.03);
}

/* The analytic PSP peak against a fine Euler integration of τ_m V' = −V + I, τ_s I' = −I. */
static void
test_psp_peak (void)
{
  double tau_m = 20.0, tau_s = 0.5, h = 1e-4;
  double v = 0, cur = 1.0, peak = 0;

  for (int k = 0; k < 200000; k++)
    {
      double dv = (-v + cur) / tau_m;
      double di = -cur / tau_s;
      v += h * dv;
      cur += h * di;
      peak = MAX (peak, v);
    }
  g_assert_cmpfloat_with_epsilon (glmcc_sim_psp_peak_per_unit (tau_m, tau_s), peak, 1e-5);
}

/* A strong synapse must show in the correlogram: more lags just after the delay than in a
 * baseline window of the same width. */
static void
test_synapse_visible (void)
{
  GlmccSimParams params;
  g_autoptr(GlmccSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  const GlmccSynapse *syn;
  gsize n_syn, n_pre, n_post;
  const double *pre, *post;
  guint after = 0, baseline = 0;
  gsize lo = 0;

  glmcc_sim_params_init (&params);
  params.n_neurons = 2;
  params.duration_s = 1000.0;
  params.exc_fraction = 1.0;
  params.p_exc = 1.0;
  params.epsp_mv = 3.0;
  params.psp_sigma = 0.0;
  params.seed = 5;
  sim = glmcc_simulate (&params, NULL, &error);
  g_assert_no_error (error);
  syn = glmcc_simulation_get_synapses (sim, &n_syn);
  g_assert_cmpuint (n_syn, ==, 2);
  g_assert_cmpfloat_with_epsilon (syn[0].psp_mv, 3.0, 1e-12);

  pre = glmcc_simulation_get_train (sim, syn[0].pre, &n_pre);
  post = glmcc_simulation_get_train (sim, syn[0].post, &n_post);
  for (gsize k = 0; k < n_pre; k++)
    {
      while (lo < n_post && post[lo] <= pre[k] - 50.0)
        lo++;
      for (gsize m = lo; m < n_post && post[m] < pre[k] + 50.0; m++)
        {
          double lag = post[m] - pre[k];
          if (lag > syn[0].delay_ms && lag <= syn[0].delay_ms + 5.0)
            after++;
          else if (lag > -45.0 && lag <= -40.0)
            baseline++;
        }
    }
  g_test_message ("lags after the delay: %u, baseline: %u", after, baseline);
  g_assert_cmpuint (baseline, >, 50);
  g_assert_cmpfloat (after, >, 1.5 * baseline);
}

static void
test_write (void)
{
  g_autoptr(GlmccSimulation) sim = simulate (5, 10.0, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-sim-XXXXXX", &error);
  g_autofree char *cell0 = NULL, *truth = NULL, *contents = NULL, *truth_text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize n;
  const double *t;

  g_assert_no_error (error);
  g_assert_true (glmcc_simulation_write (sim, dir, &error));
  g_assert_no_error (error);

  cell0 = g_build_filename (dir, "cell0.txt", NULL);
  g_assert_true (g_file_get_contents (cell0, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  t = glmcc_simulation_get_train (sim, 0, &n);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  g_assert_cmpstr (lines[n], ==, "");
  for (gsize k = 0; k < n; k++)
    {
      /* Reading a line back gives exactly the time the recording holds. */
      g_assert_cmpfloat (g_ascii_strtod (lines[k], NULL), ==, t[k]);
      g_assert_nonnull (strchr (lines[k], '.'));
    }

  truth = g_build_filename (dir, "truth.tsv", NULL);
  g_assert_true (g_file_get_contents (truth, &truth_text, NULL, &error));
  g_assert_true (g_str_has_prefix (truth_text, "pre\tpost\tpsp_mV\tdelay_ms\n"));

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("cell%u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_remove (truth);
  {
    g_autofree char *ini = g_build_filename (dir, "simulation.ini", NULL);
    g_assert_cmpint (g_remove (ini), ==, 0);
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* With a coarser resolution every written time is on the grid (the last digit of the
 * hundredths is 0 for 0.1 ms), and the recording holds exactly what the files say. */
static void
test_resolution (void)
{
  GlmccSimParams params;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccSimulation) sim = NULL;
  g_autoptr(GlmccRecording) rec = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-sim-XXXXXX", &error);
  g_autofree char *cell1 = NULL, *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const double *times;
  gsize n;

  g_assert_no_error (error);
  glmcc_sim_params_init (&params);
  params.n_neurons = 3;
  params.duration_s = 20.0;
  params.seed = 8;
  params.resolution_ms = 0.1;
  sim = glmcc_simulate (&params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (glmcc_simulation_write (sim, dir, &error));
  rec = glmcc_simulation_to_recording (sim, &error);
  g_assert_no_error (error);
  cell1 = g_build_filename (dir, "cell1.txt", NULL);
  g_assert_true (g_file_get_contents (cell1, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  times = glmcc_recording_get_train (rec, 1, &n);
  g_assert_cmpuint (n, >, 10);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  for (gsize k = 0; k < n; k++)
    {
      g_assert_true (g_str_has_suffix (lines[k], "0"));
      g_assert_cmpfloat (glmcc_time_snap_ms (g_ascii_strtod (lines[k], NULL)), ==, times[k]);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("cell%u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  {
    g_autofree char *truth = g_build_filename (dir, "truth.tsv", NULL);
    g_autofree char *ini = g_build_filename (dir, "simulation.ini", NULL);
    g_remove (truth);
    g_remove (ini);
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  params.resolution_ms = 0.015;
  g_assert_false (glmcc_sim_params_validate (&params, &error));
  g_assert_nonnull (strstr (error->message, "resolution"));
}

static void
test_to_recording (void)
{
  g_autoptr(GlmccSimulation) sim = simulate (6, 10.0, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccRecording) rec = glmcc_simulation_to_recording (sim, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (rec), ==, 6);
  g_assert_cmpstr (glmcc_recording_get_name (rec, 5), ==, "cell5");
  g_assert_cmpfloat (glmcc_recording_get_epoch_end (rec), ==, 10000.0);
  for (guint i = 0; i < 6; i++)
    {
      gsize n, m;
      const double *a = glmcc_simulation_get_train (sim, i, &n);
      const double *b = glmcc_recording_get_train (rec, i, &m);
      g_assert_cmpuint (n, ==, m);
      for (gsize k = 0; k < n; k++)
        g_assert_cmpfloat (fabs (a[k] - b[k]), <, 1e-9);
    }
}

static void
test_invalid (void)
{
  GlmccSimParams params;
  g_autoptr(GError) error = NULL;

  glmcc_sim_params_init (&params);
  g_assert_true (glmcc_sim_params_validate (&params, NULL));

  params.n_neurons = 1;
  g_assert_null (glmcc_simulate (&params, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "at least 2 neurons"));
  g_clear_error (&error);

  glmcc_sim_params_init (&params);
  params.delay_min_ms = 0.5;
  g_assert_false (glmcc_sim_params_validate (&params, &error));
  g_assert_nonnull (strstr (error->message, "delays"));
  g_clear_error (&error);

  glmcc_sim_params_init (&params);
  params.p_inh = 1.5;
  g_assert_false (glmcc_sim_params_validate (&params, &error));
  g_assert_nonnull (strstr (error->message, "inhibitory connection probability"));
}

static void
test_cancel (void)
{
  GlmccSimParams params;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  glmcc_sim_params_init (&params);
  g_cancellable_cancel (cancellable);
  g_assert_null (glmcc_simulate (&params, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulate/deterministic", test_deterministic);
  g_test_add_func ("/simulate/rate-and-trains", test_rate_and_trains);
  g_test_add_func ("/simulate/truth", test_truth);
  g_test_add_func ("/simulate/psp-peak", test_psp_peak);
  g_test_add_func ("/simulate/synapse-visible", test_synapse_visible);
  g_test_add_func ("/simulate/write", test_write);
  g_test_add_func ("/simulate/to-recording", test_to_recording);
  g_test_add_func ("/simulate/resolution", test_resolution);
  g_test_add_func ("/simulate/invalid", test_invalid);
  g_test_add_func ("/simulate/cancel", test_cancel);

  return g_test_run ();
}
