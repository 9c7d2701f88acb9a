/* glmcc-cli-bench-null.c: `glmcc bench --null`, false connections on independent trains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every method (GLMCC with the Wald and the LR test, the classical cross-correlation test,
 * the jitter method; or the one --method names), delay mode (exp, sim) and condition (firing
 * rate, recording length, time grid) it analyses independent Poisson neurons and prints how many
 * edges were called connected and how many p-values fell at or below 0.01, each next to the
 * 0.999 quantile of the binomial count that a calibrated test stays under, and the
 * Kolmogorov–Smirnov distance of the p-values from uniform.
 */
#include "config.h"

#include <stdio.h>

#include "glmcc-cli.h"
#include "glmcc-null.h"

static const double null_rates[] = { 1.0, 5.0, 20.0, 50.0 };
static const double null_durations[] = { 600.0, 5400.0 };
static const double null_grids[] = { 0.0, 10000.0, 20000.0, 30000.0 };

static const char *
grid_name (double sample_rate_hz)
{
  if (sample_rate_hz == 0.0)
    return "exact";
  if (sample_rate_hz == 10000.0)
    return "0.1 ms";
  if (sample_rate_hz == 20000.0)
    return "1/20 ms";
  if (sample_rate_hz == 30000.0)
    return "1/30 ms";
  return "other";
}

/* What the first column names: GLMCC by its test, a baseline by itself. */
typedef struct
{
  GlmccMethod method;
  GlmccTest   test;
  const char *name;
} Variant;

static const Variant variants[] = {
  { GLMCC_METHOD_GLMCC, GLMCC_TEST_WALD, "wald" },
  { GLMCC_METHOD_GLMCC, GLMCC_TEST_LR, "lr" },
  { GLMCC_METHOD_CC, GLMCC_TEST_WALD, "cc" },
  { GLMCC_METHOD_JITTER, GLMCC_TEST_WALD, "jitter" },
};

int
glmcc_cli_bench_null (const GlmccParams *base,
                      gboolean           all_methods,
                      guint              n_neurons,
                      guint32            seed,
                      gboolean           quick,
                      guint              n_threads)
{
  static const GlmccMode modes[] = { GLMCC_MODE_EXP, GLMCC_MODE_SIM };
  guint n_conditions = 0, n_ok = 0;
  guint64 total_tested = 0, total_significant = 0, total_p_001 = 0;

  printf ("null: %u independent Poisson neurons per condition, seed %u%s\n", n_neurons, seed,
          base->compat_reference ? ", compat reference" : "");
  printf ("%-6s %-4s %5s %6s %-8s %7s %14s %14s %6s %6s %s\n", "method", "mode", "rate", "T",
          "grid", "tested", "false (≤q999)", "p≤.01 (≤q999)", "KS", "D+", "");
  for (guint t = 0; t < G_N_ELEMENTS (variants); t++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      for (guint r = 0; r < G_N_ELEMENTS (null_rates); r++)
        for (guint d = 0; d < G_N_ELEMENTS (null_durations); d++)
          for (guint g = 0; g < G_N_ELEMENTS (null_grids); g++)
            {
              GlmccNullCondition condition = {
                .n_neurons = n_neurons,
                .rate_hz = null_rates[r],
                .duration_s = null_durations[d],
                .sample_rate_hz = null_grids[g],
                .seed = seed + 1000 * r + 100 * d + g,
              };
              g_autoptr(GlmccRecording) recording = NULL;
              GlmccParams params = *base;
              GlmccNullSummary summary;
              g_autofree char *false_text = NULL, *p_text = NULL;
              gboolean ok;

              /* The quick set: the shorter recordings of the rates that have tested edges. */
              if (quick && (r == 0 || d == 1))
                continue;
              /* GLMCC with both tests, or only the method asked for (with its test, if GLMCC). */
              if (!all_methods && (variants[t].method != base->method
                                   || (base->method == GLMCC_METHOD_GLMCC
                                       && variants[t].test != base->test)))
                continue;
              if (all_methods && variants[t].method != GLMCC_METHOD_GLMCC && base->compat_reference)
                continue;
              params.method = variants[t].method;
              params.test = variants[t].test;
              params.mode = modes[m];
              recording = glmcc_null_recording (&condition);
              glmcc_null_analyse (recording, &params, n_threads, &summary);
              ok = glmcc_null_summary_ok (&summary);
              n_conditions++;
              n_ok += ok;
              total_tested += summary.n_tested;
              total_significant += summary.n_significant;
              total_p_001 += summary.n_p_001;
              false_text = g_strdup_printf ("%" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT ")",
                                            summary.n_significant, summary.bound_significant);
              p_text = g_strdup_printf ("%" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT ")",
                                        summary.n_p_001, summary.bound_p_001);
              printf ("%-6s %-4s %2g Hz %4g s %-8s %7" G_GUINT64_FORMAT " %14s %14s %6.3f %6.3f %s\n",
                      variants[t].name, glmcc_mode_to_string (params.mode),
                      condition.rate_hz, condition.duration_s, grid_name (condition.sample_rate_hz),
                      summary.n_tested, false_text, p_text, summary.ks, summary.ks_upper,
                      summary.n_tested == 0 ? "untested" : ok ? "ok" : "EXCEEDED");
              if (summary.n_failed > 0)
                printf ("     %" G_GUINT64_FORMAT " edges not converged or numerically failed\n",
                        summary.n_failed);
              fflush (stdout);
            }
  printf ("null_tested_edges: %" G_GUINT64_FORMAT "\n", total_tested);
  printf ("null_false_connections: %" G_GUINT64_FORMAT "\n", total_significant);
  printf ("null_p_001: %" G_GUINT64_FORMAT "\n", total_p_001);
  printf ("null: %u of %u conditions within their bounds\n", n_ok, n_conditions);
  return n_ok == n_conditions ? GLMCC_EXIT_OK : GLMCC_EXIT_FAILURE;
}
