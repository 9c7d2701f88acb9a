/* test-ui-fitter.c: live refits: coalescing, stale results dropped, newest result wins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "glmcc-pair-fitter.h"

#define TIMEOUT_S 60

#define WAIT_FOR(cond)                                                                   \
  G_STMT_START {                                                                         \
    gint64 wait_end_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;             \
    while (!(cond))                                                                      \
      {                                                                                  \
        if (g_get_monotonic_time () > wait_end_)                                         \
          g_error ("timed out after %d s waiting for: %s", TIMEOUT_S, #cond);            \
        g_main_context_iteration (NULL, FALSE);                                          \
        g_usleep (200);                                                                  \
      }                                                                                  \
  } G_STMT_END

/* Three neurons with a few thousand spikes each; neuron 1 follows neuron 0 by ~2 ms. */
static GlmccRecording *
make_recording (void)
{
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("test", "test");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;
  double t;

  for (t = 0; t < 600e3; t += g_rand_double_range (rand, 20, 300))
    {
      double u = t + 2.0 + g_rand_double_range (rand, 0, 2);

      g_array_append_val (a, t);
      if (g_rand_double (rand) < 0.3)
        g_array_append_val (b, u);
    }
  for (t = 0; t < 600e3; t += g_rand_double_range (rand, 20, 300))
    {
      g_array_append_val (b, t);
      g_array_append_val (c, t);
    }
  glmcc_recording_builder_add_train (builder, "a", (double *) (gpointer) a->data, a->len);
  glmcc_recording_builder_add_train (builder, "b", (double *) (gpointer) b->data, b->len);
  glmcc_recording_builder_add_train (builder, "c", (double *) (gpointer) c->data, c->len);
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), &error);
  g_assert_no_error (error);
  return recording;
}

typedef struct
{
  GArray *generations;
  GArray *refs;
  GArray *targets;
} Log;

static void
fitted_cb (GlmccPairFitter *fitter,
           Log             *log)
{
  const GlmccFitted *fitted = glmcc_pair_fitter_get_result (fitter);

  g_array_append_val (log->generations, fitted->generation);
  g_array_append_val (log->refs, fitted->ref);
  g_array_append_val (log->targets, fitted->target);
}

static void
test_other_pair_drops_fit_in_flight (void)
{
  g_autoptr(GlmccRecording) recording = make_recording ();
  GlmccPairFitter *fitter = glmcc_pair_fitter_new ();
  Log log = {
    g_array_new (FALSE, FALSE, sizeof (guint64)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  GlmccParams params;

  glmcc_params_init (&params);
  glmcc_pair_fitter_set_recording (fitter, recording);
  glmcc_pair_fitter_set_delay (fitter, 0);
  g_signal_connect (fitter, "fitted", G_CALLBACK (fitted_cb), &log);

  /* Two requests before the first fit starts: only the second is fitted. */
  glmcc_pair_fitter_request (fitter, 0, 1, &params);
  glmcc_pair_fitter_request (fitter, 0, 2, &params);
  WAIT_FOR (!glmcc_pair_fitter_is_busy (fitter));
  g_assert_cmpuint (log.refs->len, ==, 1);
  g_assert_cmpuint (g_array_index (log.targets, guint, 0), ==, 2);

  /* A fit in flight for another pair is dropped when its result comes. */
  g_array_set_size (log.targets, 0);
  g_array_set_size (log.refs, 0);
  glmcc_pair_fitter_request (fitter, 0, 1, &params);
  /* One dispatch: the coalescing timeout starts the job. Iterating further could deliver its
   * result before the next request, on a fast machine. */
  g_main_context_iteration (NULL, TRUE);
  glmcc_pair_fitter_request (fitter, 1, 0, &params);
  WAIT_FOR (!glmcc_pair_fitter_is_busy (fitter));
  for (guint i = 0; i < log.targets->len; i++)
    g_assert_cmpuint (g_array_index (log.refs, guint, i), ==, 1);
  g_assert_cmpuint (glmcc_pair_fitter_get_result (fitter)->ref, ==, 1);
  g_assert_cmpuint (glmcc_pair_fitter_get_result (fitter)->target, ==, 0);

  g_signal_handlers_disconnect_by_data (fitter, &log);
  g_assert_finalize_object (fitter);
  g_array_unref (log.generations);
  g_array_unref (log.refs);
  g_array_unref (log.targets);
}

static void
test_newest_result_wins (void)
{
  g_autoptr(GlmccRecording) recording = make_recording ();
  GlmccPairFitter *fitter = glmcc_pair_fitter_new ();
  Log log = {
    g_array_new (FALSE, FALSE, sizeof (guint64)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
    g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  GlmccParams params;
  double last_gamma = 0;

  glmcc_params_init (&params);
  glmcc_pair_fitter_set_recording (fitter, recording);
  glmcc_pair_fitter_set_delay (fitter, 1);
  g_signal_connect (fitter, "fitted", G_CALLBACK (fitted_cb), &log);

  /* A slider dragged across its range: many requests while fits run. */
  for (guint i = 0; i < 40; i++)
    {
      params.gamma = pow (10.0, -5.0 + i * 0.1);
      last_gamma = params.gamma;
      glmcc_pair_fitter_request (fitter, 0, 1, &params);
      for (guint k = 0; k < 3; k++)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (300);
    }
  WAIT_FOR (!glmcc_pair_fitter_is_busy (fitter));

  g_assert_cmpuint (log.generations->len, >=, 1);
  for (guint i = 1; i < log.generations->len; i++)
    g_assert_cmpuint (g_array_index (log.generations, guint64, i), >,
                      g_array_index (log.generations, guint64, i - 1));
  /* The last result shown answers the last request. */
  g_assert_cmpfloat (glmcc_pair_fitter_get_result (fitter)->params.gamma, ==, last_gamma);
  g_assert_true (isfinite (glmcc_pair_fitter_get_result (fitter)->result.fit.j_plus));
  /* The lags were collected once and then came from the cache. */
  g_assert_true (glmcc_pair_fitter_get_result (fitter)->lags_cached);

  g_signal_handlers_disconnect_by_data (fitter, &log);
  g_assert_finalize_object (fitter);
  g_array_unref (log.generations);
  g_array_unref (log.refs);
  g_array_unref (log.targets);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/fitter/other-pair-drops-fit-in-flight", test_other_pair_drops_fit_in_flight);
  g_test_add_func ("/ui/fitter/newest-result-wins", test_newest_result_wins);

  return g_test_run ();
}
