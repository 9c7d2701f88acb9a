/* glmcc-null.c: calibration on independent spike trains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-null"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "glmcc-null.h"
#include "glmcc-method.h"
#include "glmcc-number.h"

GlmccRecording *
glmcc_null_recording (const GlmccNullCondition *condition)
{
  GlmccRecordingBuilder *builder;
  g_autoptr(GRand) rand = g_rand_new_with_seed (condition->seed);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const double end_ms = condition->duration_s * 1000.0;
  const double rate_per_ms = condition->rate_hz / 1000.0;
  const double samples_per_ms = condition->sample_rate_hz / 1000.0;

  g_return_val_if_fail (condition->n_neurons >= 2 && rate_per_ms > 0.0 && end_ms > 0.0, NULL);

  builder = glmcc_recording_builder_new ("null", "generated");
  for (guint i = 0; i < condition->n_neurons; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);
      double t = 0.0;

      g_array_set_size (times, 0);
      for (;;)
        {
          double u = g_rand_double (rand);
          double time;

          t += -log1p (-u) / rate_per_ms;
          if (t >= end_ms)
            break;
          /* As a loader would read it: a sample index turned into ms, or the exact time,
           * both snapped to the nanosecond (DESIGN: one conversion for every format). */
          if (samples_per_ms > 0.0)
            time = glmcc_time_snap_ms (floor (t * samples_per_ms) * 1000.0
                                       / condition->sample_rate_hz);
          else
            time = glmcc_time_snap_ms (t);
          /* Two spikes in one sample are one spike to a sorter. */
          if (times->len > 0 && time <= g_array_index (times, double, times->len - 1))
            continue;
          g_array_append_val (times, time);
        }
      glmcc_recording_builder_add_train (builder, name, (double *) (gpointer) times->data,
                                         times->len);
    }
  return glmcc_recording_builder_finish (builder, NULL);  /* consumes the builder */
}

typedef struct
{
  GlmccRecording    *recording;
  const GlmccParams *params;
  guint              n_neurons;
  guint64            n_pairs;
  gsize              next;        /* atomic pair counter */
  GMutex             lock;
  GArray            *p_values;    /* tested edges' p, under lock */
  GlmccNullSummary  *summary;     /* counts, under lock */
} Job;

static void
pair_from_index (guint64  k,
                 guint   *target,
                 guint   *reference)
{
  guint64 t = (guint64) floor ((1.0 + sqrt (1.0 + 8.0 * (double) k)) / 2.0);

  while (t * (t - 1) / 2 > k)
    t--;
  while ((t + 1) * t / 2 <= k)
    t++;
  *target = (guint) t;
  *reference = (guint) (k - t * (t - 1) / 2);
}

static void
count_edge (const GlmccEdge  *edge,
            double            alpha,
            GlmccNullSummary *local,
            GArray           *p_values)
{
  gboolean significant;

  local->n_edges++;
  if (edge->status == GLMCC_STATUS_NOT_CONVERGED || edge->status == GLMCC_STATUS_NUMERICAL_ERROR)
    local->n_failed++;
  if (edge->status != GLMCC_STATUS_SIGNIFICANT && edge->status != GLMCC_STATUS_NOT_SIGNIFICANT)
    return;
  significant = edge->status == GLMCC_STATUS_SIGNIFICANT;
  local->n_tested++;
  local->n_significant += significant;
  local->n_p_01 += edge->p_value <= 0.1;
  local->n_p_001 += edge->p_value <= 0.01;
  local->n_p_alpha += edge->p_value <= alpha;
  local->n_mismatch += significant != (edge->p_value <= alpha);
  g_array_append_val (p_values, edge->p_value);
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  GlmccMethodWorkspace *ws = glmcc_method_workspace_new (job->params);
  GlmccNullSummary local = { 0 };
  g_autoptr(GArray) p_values = g_array_new (FALSE, FALSE, sizeof (double));
  double alpha = glmcc_params_get_alpha (job->params);

  for (;;)
    {
      gsize k = (gsize) g_atomic_pointer_add (&job->next, 1);
      GlmccPairResult result;
      guint target, reference;

      if ((guint64) k >= job->n_pairs)
        break;
      pair_from_index ((guint64) k, &target, &reference);
      glmcc_method_analyse_pair (ws, job->params, job->recording, reference, target, &result);
      count_edge (&result.forward, alpha, &local, p_values);
      count_edge (&result.backward, alpha, &local, p_values);
    }
  glmcc_method_workspace_free (ws);

  g_mutex_lock (&job->lock);
  job->summary->n_edges += local.n_edges;
  job->summary->n_tested += local.n_tested;
  job->summary->n_significant += local.n_significant;
  job->summary->n_p_01 += local.n_p_01;
  job->summary->n_p_001 += local.n_p_001;
  job->summary->n_p_alpha += local.n_p_alpha;
  job->summary->n_failed += local.n_failed;
  job->summary->n_mismatch += local.n_mismatch;
  g_array_append_vals (job->p_values, p_values->data, p_values->len);
  g_mutex_unlock (&job->lock);
  return NULL;
}

void
glmcc_null_analyse (GlmccRecording    *recording,
                    const GlmccParams *params,
                    guint              n_threads,
                    GlmccNullSummary  *summary)
{
  Job job = { 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  double *p;
  guint n;

  *summary = (GlmccNullSummary) { 0 };
  job.recording = recording;
  job.params = params;
  job.n_neurons = glmcc_recording_get_n_neurons (recording);
  job.n_pairs = (guint64) job.n_neurons * (job.n_neurons - 1) / 2;
  job.p_values = g_array_new (FALSE, FALSE, sizeof (double));
  job.summary = summary;
  g_mutex_init (&job.lock);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  for (guint i = 1; i < n_threads; i++)
    {
      GThread *thread = g_thread_try_new ("glmcc-null", worker, &job, NULL);
      if (thread == NULL)
        break;
      g_ptr_array_add (threads, thread);
    }
  worker (&job);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  g_mutex_clear (&job.lock);

  /* Kolmogorov–Smirnov distance of the p-values from U(0, 1). */
  p = (double *) (gpointer) job.p_values->data;
  n = job.p_values->len;
  qsort (p, n, sizeof (double), glmcc_number_compare);
  for (guint i = 0; i < n; i++)
    {
      double above = (double) (i + 1) / n - p[i];
      double below = p[i] - (double) i / n;
      summary->ks_upper = MAX (summary->ks_upper, above);
      summary->ks = MAX (summary->ks, MAX (above, below));
    }
  g_array_unref (job.p_values);

  summary->alpha = glmcc_params_get_alpha (params);
  summary->bound_significant = glmcc_binomial_quantile (summary->n_tested, summary->alpha, 0.999);
  summary->bound_p_001 = glmcc_binomial_quantile (summary->n_tested, 0.01, 0.999);
}

guint64
glmcc_binomial_quantile (guint64 n,
                         double  p,
                         double  q)
{
  guint64 k;

  if (n == 0)
    return 0;
  /* Start a little below the normal approximation and walk up: the CDF is monotone. */
  k = (guint64) MAX (0.0, floor (n * p - 10.0 * sqrt (n * p * (1.0 - p)) - 10.0));
  while (k < n && gsl_cdf_binomial_P ((unsigned int) k, p, (unsigned int) n) < q)
    k++;
  return k;
}

gboolean
glmcc_null_summary_ok (const GlmccNullSummary *summary)
{
  return summary->n_significant <= summary->bound_significant
         && summary->n_p_001 <= summary->bound_p_001
         && summary->n_mismatch == 0;
}
