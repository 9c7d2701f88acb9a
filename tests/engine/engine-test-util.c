/* engine-test-util.c: what the engine and CLI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "engine-test-util.h"
#include "glmcc-simulate.h"

GlmccRecording *
engine_test_simulated_recording (guint   n,
                                 double  duration_s,
                                 guint64 seed)
{
  GlmccSimParams params;
  g_autoptr(GlmccSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  GlmccRecording *recording;

  glmcc_sim_params_init (&params);
  params.n_neurons = n;
  params.duration_s = duration_s;
  params.seed = seed;
  params.rate_hz = 8.0;
  sim = glmcc_simulate (&params, NULL, &error);
  g_assert_no_error (error);
  recording = glmcc_simulation_to_recording (sim, &error);
  g_assert_no_error (error);
  return recording;
}

char *
engine_test_slurp (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
cli_run_argv (CliRun      *run,
              const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GLMCC_CLI");
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  memset (run, 0, sizeof *run);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

void
cli_run_assert_one_line_error (const CliRun *run,
                               const char   *command,
                               const char   *part)
{
  g_autofree char *prefix = g_strdup_printf ("glmcc %s: ", command);

  g_test_message ("stderr: %s", run->err);
  g_assert_true (g_str_has_prefix (run->err, prefix));
  g_assert_nonnull (strstr (run->err, part));
  g_assert_cmpuint (strlen (run->err), ==, strcspn (run->err, "\n") + 1);
}
