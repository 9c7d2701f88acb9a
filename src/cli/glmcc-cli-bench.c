/* glmcc-cli-bench.c: `glmcc bench`, throughput on a generated network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one "key: value" line per measurement so that scripts (build-aux/bench) can pick
 * them up. Micro timings are single-threaded medians over a fixed sample of pairs; the
 * all-pairs figure is the wall time of the engine with the requested threads.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "glmcc-cli.h"
#include "glmcc-i18n.h"
#include "glmcc-engine.h"
#include "glmcc-pair-cache.h"
#include "glmcc-score.h"
#include "glmcc-simulate.h"
#include "glmcc-number.h"

#define COMMAND "bench"

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* This thread's processor time: single-thread costs measured on a shared machine count only
 * the time the thread ran. */
static double
thread_cpu_s (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return now_s ();
  return now.tv_sec + now.tv_nsec / 1e9;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return NAN;
  return usage.ru_maxrss / 1024.0;  /* KiB on Linux */
}

static gboolean
has_cells (const char *dir)
{
  g_autofree char *cell0 = g_build_filename (dir, "cell0.txt", NULL);
  return g_file_test (cell0, G_FILE_TEST_IS_REGULAR);
}

/* The recording: read back from DIR, or simulated (and written to DIR if given). */
static GlmccRecording *
get_recording (const GlmccSimParams *sim_params,
               const char           *reuse,
               GlmccTruth          **truth,
               GError              **error)
{
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccSimulation) sim = NULL;
  double t0 = now_s ();

  if (reuse != NULL && has_cells (reuse))
    {
      GlmccLoadOptions options;
      g_autofree char *truth_path = g_build_filename (reuse, "truth.tsv", NULL);

      glmcc_load_options_init (&options);
      options.start_s = 0.0;
      options.duration_s = sim_params->duration_s;
      recording = glmcc_load (reuse, &options, error);
      if (recording == NULL)
        return NULL;
      printf ("recording: %s (reused)\n", reuse);
      printf ("load_s: %.2f\n", now_s () - t0);
      if (g_file_test (truth_path, G_FILE_TEST_IS_REGULAR))
        *truth = glmcc_truth_load (truth_path, glmcc_recording_get_n_neurons (recording), NULL, NULL);
      return g_steal_pointer (&recording);
    }

  sim = glmcc_simulate (sim_params, NULL, error);
  if (sim == NULL)
    return NULL;
  printf ("recording: simulated, %u neurons, %g s, seed %" G_GUINT64_FORMAT "\n",
          sim_params->n_neurons, sim_params->duration_s, sim_params->seed);
  printf ("simulate_s: %.2f\n", now_s () - t0);
  if (reuse != NULL)
    {
      t0 = now_s ();
      if (!glmcc_simulation_write (sim, reuse, error))
        return NULL;
      printf ("write_s: %.2f (%s)\n", now_s () - t0, reuse);
    }
  {
    gsize n_syn;
    const GlmccSynapse *syn = glmcc_simulation_get_synapses (sim, &n_syn);

    *truth = glmcc_truth_new (sim_params->n_neurons);
    for (gsize s = 0; s < n_syn; s++)
      glmcc_truth_set (*truth, syn[s].pre, syn[s].post, syn[s].psp_mv);
  }
  return glmcc_simulation_to_recording (sim, error);
}

/* Single-threaded timings, in the thread's processor time (which a shared machine disturbs
 * least), on about @n_sample pairs: whole tiles spread evenly over the recording, as a batch
 * run does them (one pass over two blocks' spike streams for the lags of all their pairs, then
 * the fits of each pair), and the same pairs' correlograms one by one, as `glmcc pair` finds
 * them. */
static void
micro_timings (GlmccRecording    *recording,
               const GlmccParams *params,
               guint              n_sample)
{
  const guint block = 32;   /* the engine's tiles */
  guint n = glmcc_recording_get_n_neurons (recording);
  guint64 pairs = (guint64) n * (n - 1) / 2;
  GlmccWorkspace *workspace = glmcc_workspace_new (params);
  g_autoptr(GlmccSpikeBlocks) blocks = glmcc_spike_blocks_new (recording, block);
  guint n_blocks = glmcc_spike_blocks_get_n_blocks (blocks);
  /* Sampled tiles are off the diagonal when there are such tiles: they are nearly all of a
   * large run's tiles, while a diagonal tile costs a whole pass for half its pairs (sampling
   * tile 0 alone once gave twice the run's time per pair). */
  gboolean off_diagonal = n_blocks > 1;
  guint64 n_tiles = off_diagonal ? (guint64) n_blocks * (n_blocks - 1) / 2
                                 : (guint64) n_blocks * (n_blocks + 1) / 2;
  GlmccCorrelogramPlan plan;
  gsize stride;
  g_autofree double *accumulators = NULL;
  g_autofree double *single = NULL;
  g_autoptr(GlmccCorrelogramScratch) scratch = NULL;
  g_autofree double *t_fit = NULL;
  g_autofree double *t_single = NULL;
  g_autofree double *t_refit = NULL;
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  guint fits_per_pair = n_delays + (params->test == GLMCC_TEST_LR ? 2 : 0);
  guint64 total_lags = 0, sample_tiles;
  guint done = 0;
  double scan_s = 0.0, sum_fit = 0.0, sum_single = 0.0;
  GlmccPairResult result;
  const guint n_refits = 201;

  glmcc_correlogram_plan_init (&plan, params);
  stride = glmcc_correlogram_plan_get_size (&plan);
  accumulators = g_new (double, (gsize) block * block * stride);
  scratch = glmcc_correlogram_scratch_new (blocks);
  single = g_new (double, stride);
  n_sample = (guint) MIN ((guint64) n_sample, pairs);
  sample_tiles = MAX (1, MIN (n_tiles, (n_sample + block * block - 1) / (block * block)));
  t_fit = g_new (double, sample_tiles * block * block);
  t_single = g_new (double, sample_tiles * block * block);

  for (guint64 s = 0; s < sample_tiles; s++)
    {
      /* Target block a and reference block r of tile number (n_tiles · s) / sample_tiles,
       * counting the tiles with r < a (or r <= a). */
      guint64 t = n_tiles * s / sample_tiles;
      guint a = off_diagonal ? 1 : 0, r;
      double t0;

      if (off_diagonal)
        {
          while ((guint64) (a + 1) * a / 2 <= t)
            a++;
          r = (guint) (t - (guint64) a * (a - 1) / 2);
        }
      else
        {
          while ((guint64) (a + 1) * (a + 2) / 2 <= t)
            a++;
          r = (guint) (t - (guint64) a * (a + 1) / 2);
        }
      /* Once untimed: the first use of a block merges its spikes. */
      memset (accumulators, 0, (gsize) block * block * stride * sizeof (double));
      glmcc_correlogram_add_blocks (&plan, blocks, a, r, accumulators, scratch);
      memset (accumulators, 0, (gsize) block * block * stride * sizeof (double));
      t0 = thread_cpu_s ();
      glmcc_correlogram_add_blocks (&plan, blocks, a, r, accumulators, scratch);
      scan_s += thread_cpu_s () - t0;

      for (guint x = 0; x < block; x++)
        for (guint y = 0; y < block; y++)
          {
            guint i = a * block + x, j = r * block + y;
            const double *ref, *target;
            gsize n_ref, n_target;

            if (i >= n || j >= i)
              continue;
            t0 = thread_cpu_s ();
            glmcc_pair_analyse_accumulated (workspace, params, &plan,
                                            accumulators + ((gsize) x * block + y) * stride,
                                            &result);
            t_fit[done] = thread_cpu_s () - t0;
            total_lags += result.n_lags;

            ref = glmcc_recording_get_train (recording, j, &n_ref);
            target = glmcc_recording_get_train (recording, i, &n_target);
            memset (single, 0, stride * sizeof (double));
            t0 = thread_cpu_s ();
            glmcc_correlogram_add_trains (&plan, single, ref, n_ref, target, n_target);
            t_single[done] = thread_cpu_s () - t0;
            done++;
          }
    }
  for (guint s = 0; s < done; s++)
    {
      sum_fit += t_fit[s];
      sum_single += t_single[s];
    }
  printf ("sample_pairs: %u (%" G_GUINT64_FORMAT " %stiles of %u × %u neurons)\n", done,
          sample_tiles, off_diagonal ? "off-diagonal " : "", block, block);
  printf ("lags_per_pair_mean: %.0f\n", (double) total_lags / MAX (done, 1));
  /* Per pair of the tiles: the lags of block² pairs came from each pass. */
  printf ("time_per_correlogram_us: %.1f (batch: one pass per tile of %u pairs)\n",
          1e6 * scan_s / MAX (done, 1), block * block);
  printf ("time_per_lag_ns: %.2f\n", 1e9 * scan_s / MAX (total_lags, 1));
  printf ("time_per_correlogram_single_us: %.1f (mean; median %.1f; one pair alone)\n",
          1e6 * sum_single / MAX (done, 1), 1e6 * glmcc_number_median (t_single, done));
  printf ("time_per_pair_fits_us: %.1f (mean; median %.1f; %u fits per pair)\n",
          1e6 * sum_fit / MAX (done, 1), 1e6 * glmcc_number_median (t_fit, done), fits_per_pair);
  printf ("time_per_fit_us: %.1f (mean)\n", 1e6 * sum_fit / MAX (done, 1) / fits_per_pair);

  /* A slider refit: cached lags, a changed τ or γ, one pair (the busiest of the sample). */
  {
    g_autoptr(GlmccPairCache) cache = glmcc_pair_cache_new (0);
    GlmccParams moved = *params;
    guint i, j;

    t_refit = g_new (double, n_refits);
    glmcc_pair_from_index (pairs / 2, &i, &j);
    glmcc_pair_cache_analyse (cache, workspace, &moved, recording, j, i, &result);
    for (guint r = 0; r < n_refits; r++)
      {
        double t0;

        moved.gamma = glmcc_params_get_gamma (params) * (1.0 + 0.5 * (r % 3));
        moved.tau_ms = r % 2 ? params->tau_ms : params->tau_ms / 2;
        t0 = thread_cpu_s ();
        glmcc_pair_cache_analyse (cache, workspace, &moved, recording, j, i, &result);
        t_refit[r] = thread_cpu_s () - t0;
      }
    printf ("refit_cached_ms: %.3f (median of %u, pair %s → %s, %" G_GUINT64_FORMAT " lags)\n",
            1e3 * glmcc_number_median (t_refit, n_refits), n_refits,
            glmcc_recording_get_name (recording, j), glmcc_recording_get_name (recording, i),
            result.n_lags);
  }
  glmcc_workspace_free (workspace);
}

static void
print_score (GlmccResults *results,
             GlmccTruth   *truth)
{
  GlmccScore score;

  if (truth == NULL || !glmcc_score_compute (results, truth, &score, NULL))
    return;
  printf ("score_excitatory: precision %.3f recall %.3f mcc %.3f (true %" G_GSIZE_FORMAT ")\n",
          score.excitatory.precision, score.excitatory.recall, score.excitatory.mcc,
          glmcc_truth_count (truth, 1));
  printf ("score_inhibitory: precision %.3f recall %.3f mcc %.3f (true %" G_GSIZE_FORMAT ")\n",
          score.inhibitory.precision, score.inhibitory.recall, score.inhibitory.mcc,
          glmcc_truth_count (truth, -1));
}

int
glmcc_cli_bench_main (int    argc,
                      char **argv)
{
  GlmccCliCommon common;
  GlmccSimParams sim_params;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GlmccEngine) engine = NULL;
  g_autoptr(GlmccTruth) truth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reuse = NULL;
  g_autofree char *shard = NULL;
  int neurons = -1, sample = 1000;
  gint64 seed = 1;
  double duration = 5400.0, t0, wall;
  gboolean skip_run = FALSE, null_run = FALSE, quick = FALSE;
  guint shard_index = 0, shard_count = 1;
  int status = GLMCC_EXIT_OK;
  GOptionEntry entries[] = {
    { "views", 0, 0, G_OPTION_ARG_NONE, &skip_run, N_("Only the view benchmark (glmcc bench --views --help)"), NULL },
    { "neurons", 'n', 0, G_OPTION_ARG_INT, &neurons,
      N_("Neurons to simulate (default 1000; 30 per condition with --null)"), "N" },
    { "duration", 'd', 0, G_OPTION_ARG_DOUBLE, &duration, N_("Seconds to simulate (default 5400)"), "S" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Simulation seed, and the jitter method's (default 1)"), "K" },
    { "reuse", 0, 0, G_OPTION_ARG_FILENAME, &reuse,
      N_("Read the network from DIR if it holds one, else simulate and write it there"), "DIR" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard,
      N_("Time only the K-th of N equal slices of the pair list"), "K/N" },
    { "sample", 0, 0, G_OPTION_ARG_INT, &sample,
      N_("Pairs for the single-thread timings (default 1000; 0 = skip them)"), "N" },
    { "no-run", 0, 0, G_OPTION_ARG_NONE, &skip_run, N_("Skip the all-pairs run"), NULL },
    { "null", 0, 0, G_OPTION_ARG_NONE, &null_run,
      N_("Instead: false connections on independent trains, per test, mode, rate, length and time grid"),
      NULL },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, N_("With --null: the 600 s recordings only"), NULL },
    { NULL }
  };

  /* Every line the bench prints is a machine-read 'key: value' (build-aux/bench parses them):
   * its numbers keep the C locale's decimal point whatever the user's locale. */
  setlocale (LC_NUMERIC, "C");
  /* The view benchmark has options of its own. */
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--views") == 0)
      return glmcc_cli_bench_views_main (argc, argv);

  glmcc_cli_common_init (&common);
  context = g_option_context_new (N_("— throughput of GLMCC on a simulated network"));
  g_option_context_set_summary (context,
    N_("Simulates a network with `glmcc simulate`'s model (or reads it back with --reuse),\n"
    "then reports time per correlogram, per fit, per cached refit, and the pairs per second,\n"
    "threads and peak memory of the all-pairs run. One 'key: value' line per figure."));
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, glmcc_cli_params_group (&common));
  if (!glmcc_cli_parse (context, &argc, &argv))
    {
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_USAGE;
    }
  if (argc > 1)
    {
      glmcc_cli_error (COMMAND, _("unexpected argument '%s'"), argv[1]);
      status = GLMCC_EXIT_USAGE;
    }
  else if (!glmcc_cli_common_finish (&common, &error))
    {
      glmcc_cli_error (COMMAND, _("%s"), error->message);
      status = GLMCC_EXIT_USAGE;
    }
  else if ((shard != NULL && !glmcc_cli_parse_shard ("--shard", shard, &shard_index, &shard_count,
                                                       &error))
           || !glmcc_cli_check_finite ("--duration", duration, &error))
    {
      glmcc_cli_error (COMMAND, _("%s"), error->message);
      status = GLMCC_EXIT_USAGE;
    }
  else if (sample < 0 || seed < 0)
    {
      glmcc_cli_error (COMMAND, _("--sample and --seed must not be negative"));
      status = GLMCC_EXIT_USAGE;
    }
  else if (null_run && neurons != -1 && neurons < 2)
    {
      glmcc_cli_error (COMMAND, _("--neurons: at least 2, not %d"), neurons);
      status = GLMCC_EXIT_USAGE;
    }
  if (status == GLMCC_EXIT_OK && seed <= G_MAXUINT32)
    common.params.seed = (guint32) seed;
  if (status == GLMCC_EXIT_OK && null_run)
    {
      status = glmcc_cli_bench_null (&common.params, common.method == NULL && common.test == NULL,
                                     neurons == -1 ? 30 : (guint) neurons,
                                     (guint32) seed, quick, (guint) common.threads);
      glmcc_cli_common_clear (&common);
      return status;
    }
  if (status == GLMCC_EXIT_OK)
    {
      glmcc_sim_params_init (&sim_params);
      sim_params.n_neurons = (guint) (neurons == -1 ? 1000 : MAX (neurons, 0));
      sim_params.duration_s = duration;
      sim_params.seed = (guint64) seed;
      if (!glmcc_sim_params_validate (&sim_params, &error))
        {
          glmcc_cli_error (COMMAND, _("%s"), error->message);
          status = GLMCC_EXIT_USAGE;
        }
    }
  if (status != GLMCC_EXIT_OK)
    {
      glmcc_cli_common_clear (&common);
      return status;
    }

  printf ("glmcc: %s\n", PACKAGE_VERSION);
  printf ("cores: %u\n", g_get_num_processors ());
  recording = get_recording (&sim_params, reuse, &truth, &error);
  if (recording == NULL)
    {
      glmcc_cli_error (COMMAND, _("%s"), error->message);
      glmcc_cli_common_clear (&common);
      return GLMCC_EXIT_FAILURE;
    }
  {
    guint n = glmcc_recording_get_n_neurons (recording);
    gsize spikes = 0;

    for (guint i = 0; i < n; i++)
      spikes += glmcc_recording_get_n_total (recording, i) - glmcc_recording_get_n_dropped (recording, i);
    printf ("neurons: %u\n", n);
    printf ("spikes: %" G_GSIZE_FORMAT "\n", spikes);
    printf ("mean_rate_hz: %.3f\n", spikes / (double) n /
            ((glmcc_recording_get_epoch_end (recording) - glmcc_recording_get_epoch_start (recording)) / 1000.0));
    printf ("method: mode %s, test %s%s\n", glmcc_mode_to_string (common.params.mode),
            glmcc_test_to_string (common.params.test),
            common.params.compat_reference ? ", compat reference" : "");
  }

  if (sample > 0)
    micro_timings (recording, &common.params, (guint) sample);

  if (!skip_run)
    {
      results = glmcc_results_new (recording, &common.params);
      engine = glmcc_engine_new (results);
      glmcc_engine_set_threads (engine, (guint) common.threads);
      glmcc_engine_set_shard (engine, shard_index, shard_count);
      t0 = now_s ();
      if (!glmcc_engine_run (engine, NULL, &error))
        {
          glmcc_cli_error (COMMAND, _("%s"), error->message);
          glmcc_cli_common_clear (&common);
          return GLMCC_EXIT_FAILURE;
        }
      wall = now_s () - t0;
      printf ("threads: %u\n", glmcc_engine_get_n_threads (engine));
      printf ("pairs: %" G_GUINT64_FORMAT "%s\n", glmcc_engine_get_n_done (engine),
              shard_count > 1 ? " (one shard)" : "");
      printf ("run_wall_s: %.2f\n", wall);
      printf ("pairs_per_s: %.0f\n", glmcc_engine_get_n_done (engine) / wall);
      printf ("significant_edges: %" G_GUINT64_FORMAT "\n", glmcc_results_count_significant (results));
      if (shard_count == 1)
        print_score (results, truth);
    }
  printf ("peak_rss_mib: %.1f\n", peak_rss_mib ());

  glmcc_cli_common_clear (&common);
  return GLMCC_EXIT_OK;
}
