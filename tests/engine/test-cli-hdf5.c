/* test-cli-hdf5.c: `glmcc run --output-hdf5`, `--resume FILE.h5`, `--shard` and `glmcc merge` as
 * a user runs them, and the cluster recipe of doc/cluster played on one machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "engine-test-util.h"
#include "glmcc-error.h"
#include "glmcc-results-file.h"
#include "glmcc-results-hdf5.h"

static char *workdir;
static char *network;   /* 120 neurons × 600 s: a run on one thread takes a few seconds */

static char *
path_in (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

#if HAVE_HDF5

/* The matrix of an uninterrupted run of the network, made once. */
static const char *
full_matrix (void)
{
  static char *path = NULL;

  if (path == NULL)
    {
      g_auto(CliRun) run;

      path = path_in ("full.csv");
      run_glmcc (&run, "run", network, "--output-matrix", path);
      g_assert_cmpint (run.status, ==, 0);
    }
  return path;
}

/* kill -9 in the middle of a run that writes --output-hdf5: the file opens again (HDF5 kept it
 * consistent), holds the pairs of the syncs before the kill, and --resume from it ends where
 * an uninterrupted run does, with the same file as that run's. */
static void
test_kill_and_resume (void)
{
  g_autofree char *h5 = path_in ("killed.h5"), *resumed = path_in ("killed.csv");
  g_autofree char *full_h5 = path_in ("uninterrupted.h5");
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccResults) killed = NULL;
  g_autoptr(GlmccResults) back = NULL;
  g_autoptr(GlmccResults) full = NULL;
  g_auto(CliRun) resume;
  g_auto(CliRun) whole;
  guint64 done = 0, n_q = 0;
  gint64 deadline;

  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                          g_getenv ("GLMCC_CLI"), "run", network, "--threads", "1",
                          "--checkpoint", "0.05", "--output-hdf5", h5, NULL);
  g_assert_no_error (error);
  /* Kill once a sync has put some pairs in the file (read as a reader of a live file does). */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (done == 0 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GlmccResults) now = NULL;

      g_usleep (20000);
      if (g_file_test (h5, G_FILE_TEST_EXISTS)
          && (now = glmcc_results_load_hdf5 (h5, NULL)) != NULL)
        done = glmcc_results_count_done (now);
    }
  g_subprocess_force_exit (run);
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  if (g_subprocess_get_if_exited (run))
    {
      g_test_skip ("the run finished before it could be killed");
      return;
    }
  g_assert_cmpint (g_subprocess_get_term_sig (run), ==, SIGKILL);

  killed = glmcc_results_load_hdf5 (h5, &error);
  g_assert_no_error (error);
  g_test_message ("killed after %" G_GUINT64_FORMAT " of 7140 pairs", glmcc_results_count_done (killed));
  g_assert_cmpuint (glmcc_results_count_done (killed), >=, done);
  g_assert_cmpuint (glmcc_results_count_pending (killed), >, 0);

  run_glmcc (&resume, "run", network, "--resume", h5, "--output-hdf5", h5, "--output-matrix", resumed);
  g_assert_cmpint (resume.status, ==, 0);
  g_assert_nonnull (strstr (resume.err, "resuming; "));
  a = engine_test_slurp (resumed);
  b = engine_test_slurp (full_matrix ());
  g_assert_cmpstr (a, ==, b);

  /* The resumed file is the uninterrupted run's file, q-values included. */
  run_glmcc (&whole, "run", network, "--output-hdf5", full_h5);
  g_assert_cmpint (whole.status, ==, 0);
  back = glmcc_results_load_hdf5 (h5, &error);
  g_assert_no_error (error);
  full = glmcc_results_load_hdf5 (full_h5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_results_count_pending (back), ==, 0);
  for (guint pre = 0; pre < 120; pre++)
    for (guint post = 0; post < 120; post++)
      if (pre != post)
        {
          GlmccEdge x = glmcc_results_get_edge (back, pre, post);
          GlmccEdge y = glmcc_results_get_edge (full, pre, post);

          g_assert_cmpint (x.status, ==, y.status);
          g_assert_cmpfloat (x.p_value, ==, y.p_value);
          /* An edge not tested has no q-value in either. */
          g_assert_true (x.q_value == y.q_value || (isnan (x.q_value) && isnan (y.q_value)));
          n_q += !isnan (x.q_value);
        }
  g_assert_cmpuint (n_q, >, 0);
}

/* Ctrl-C: exit 130, the HDF5 file holds what was done and says how to continue with it. */
static void
test_interrupt (void)
{
  g_autofree char *h5 = path_in ("interrupted.h5"), *resumed = path_in ("interrupted.csv");
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GlmccResults) back = NULL;
  g_auto(CliRun) resume;
  gboolean signalled = FALSE;
  char *line;

  run = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          g_getenv ("GLMCC_CLI"), "run", network, "--threads", "1", "--progress",
                          "--output-hdf5", h5, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (run));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (!signalled && strstr (line, "pairs to fit") != NULL)
        {
          g_subprocess_send_signal (run, SIGINT);
          signalled = TRUE;
        }
      g_string_append_printf (err, "%s\n", line);
      g_free (line);
    }
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 130);
  g_assert_nonnull (strstr (err->str, "--resume "));
  g_assert_nonnull (strstr (err->str, "--output-hdf5 "));
  /* No JSON of its own: the HDF5 file holds the finished pairs. */
  g_assert_false (g_file_test ("glmcc-run.partial.json", G_FILE_TEST_EXISTS));
  back = glmcc_results_load_hdf5 (h5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_results_count_pending (back), >, 0);

  run_glmcc (&resume, "run", network, "--resume", h5, "--output-matrix", resumed);
  g_assert_cmpint (resume.status, ==, 0);
  a = engine_test_slurp (resumed);
  b = engine_test_slurp (full_matrix ());
  g_assert_cmpstr (a, ==, b);
}

/* Shards as HDF5 parts, merged, give the single run; a missing part, a part of other parameters
 * and a damaged part are refused with one line naming them. */
static void
test_shard_merge (void)
{
  g_auto(GStrv) parts = g_new0 (char *, 4);
  g_autofree char *merged = path_in ("merged.csv"), *merged_h5 = path_in ("merged.h5");
  g_autofree char *lr = path_in ("part-lr.h5"), *cut = path_in ("part-cut.h5");
  g_autofree char *a = NULL, *b = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) merge;
  g_auto(CliRun) missing;
  g_auto(CliRun) other;
  g_auto(CliRun) damaged;
  g_auto(CliRun) shard_lr;
  gsize size;

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *shard = g_strdup_printf ("%u/3", k + 1);
      g_auto(CliRun) run;

      parts[k] = g_strdup_printf ("%s/part-%u.h5", workdir, k + 1);
      run_glmcc (&run, "run", network, "--shard", shard, "--output-hdf5", parts[k]);
      g_assert_cmpint (run.status, ==, 0);
    }
  run_glmcc (&merge, "merge", parts[1], parts[2], parts[0], "--output-matrix", merged,
         "--output-hdf5", merged_h5);
  g_assert_cmpint (merge.status, ==, 0);
  g_assert_cmpstr (merge.err, ==, "");
  a = engine_test_slurp (merged);
  b = engine_test_slurp (full_matrix ());
  g_assert_cmpstr (a, ==, b);
  {
    g_autoptr(GlmccResults) back = glmcc_results_load_hdf5 (merged_h5, &error);
    guint index, count;

    g_assert_no_error (error);
    glmcc_results_get_shard (back, &index, &count);
    g_assert_cmpuint (count, ==, 1);
    /* The merge computed the q-values the shards left empty. */
    g_assert_cmpfloat (glmcc_results_get_edge (back, 0, 1).q_value, >=,
                       glmcc_results_get_edge (back, 0, 1).p_value);
  }

  run_glmcc (&missing, "merge", parts[0], parts[2], "--output-matrix", merged);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "shard 2/3 is missing"));

  run_glmcc (&shard_lr, "run", network, "--shard", "2/3", "--test", "lr", "--output-hdf5", lr);
  g_assert_cmpint (shard_lr.status, ==, 0);
  run_glmcc (&other, "merge", parts[0], lr, "--output-matrix", merged);
  g_assert_cmpint (other.status, ==, 1);
  cli_run_assert_one_line_error (&other, "merge", "different parameters");
  g_assert_nonnull (strstr (other.err, lr));

  g_assert_true (g_file_get_contents (parts[1], &text, &size, NULL));
  g_assert_true (g_file_set_contents (cut, text, size / 2, NULL));
  run_glmcc (&damaged, "merge", parts[0], cut, parts[2], "--output-matrix", merged);
  g_assert_cmpint (damaged.status, ==, 1);
  cli_run_assert_one_line_error (&damaged, "merge", cut);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Peak resident memory of one run of glmcc, in bytes. */
static guint64
peak_rss (const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  int wait_status;
  GPid pid;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GLMCC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
#ifdef UNDER_ASAN
  {
    /* AddressSanitizer keeps freed memory in quarantine, so a program that frees and allocates
     * again (a part's buffers, one part after the other) grows by what it freed: without the
     * quarantine its peak is again what the program holds. */
    g_autofree char *options = g_strdup_printf ("%s:quarantine_size_mb=0",
                                                g_getenv ("ASAN_OPTIONS") != NULL
                                                  ? g_getenv ("ASAN_OPTIONS") : "");
    g_setenv ("ASAN_OPTIONS", options, TRUE);
  }
#endif
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &wait_status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  return (guint64) usage.ru_maxrss * 1024;
}

/* Merging streams: 8 parts take no more memory than the same pairs in one file, because a
 * merge holds the merged results and one block of one part, never the parts. (Loosely: what
 * holding the parts would add is the size of the results themselves.) */
static void
test_merge_memory (void)
{
  const guint n = 800, n_parts = 8;
  g_autoptr(GlmccRecordingBuilder) builder = glmcc_recording_builder_new ("synthetic", "test");
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GlmccResults) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *whole_path = path_in ("mem-whole.h5"), *out = path_in ("mem-out.h5");
  GlmccParams params;
  guint64 one_file, eight_parts, results_bytes;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("u%u", i);
      double t = 1.0 + i;

      glmcc_recording_builder_add_train (builder, name, &t, 1);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), &error);
  g_assert_no_error (error);
  glmcc_params_init (&params);
  whole = glmcc_results_new (recording, &params);

  g_ptr_array_add (args, g_strdup ("merge"));
  for (guint p = 0; p < n_parts; p++)
    {
      g_autoptr(GlmccResults) part = glmcc_results_new (recording, &params);
      g_autofree char *path = g_strdup_printf ("%s/mem-part-%u.h5", workdir, p + 1);
      guint64 first, last;

      glmcc_shard_range (n, p, n_parts, &first, &last);
      for (guint64 k = first; k < last; k++)
        {
          guint target, reference;
          GlmccEdge edge = { GLMCC_STATUS_NOT_SIGNIFICANT, 0.1, 0.2, 0.3, 0.5, 0.0, 2.0, 100, NAN };

          glmcc_pair_from_index (k, &target, &reference);
          edge.p_value = (double) (k % 997) / 997.0;
          glmcc_results_set_edge (part, reference, target, &edge);
          glmcc_results_set_edge (part, target, reference, &edge);
          glmcc_results_set_edge (whole, reference, target, &edge);
          glmcc_results_set_edge (whole, target, reference, &edge);
        }
      glmcc_results_set_shard (part, p, n_parts);
      g_assert_true (glmcc_results_write_hdf5 (part, path, &error));
      g_assert_no_error (error);
      g_ptr_array_add (args, g_steal_pointer (&path));
    }
  g_assert_true (glmcc_results_write_hdf5 (whole, whole_path, &error));
  g_assert_no_error (error);
  results_bytes = glmcc_results_get_storage_bytes (whole);
  g_ptr_array_add (args, g_strdup ("--output-hdf5"));
  g_ptr_array_add (args, g_strdup (out));
  g_ptr_array_add (args, NULL);

  {
    const char *single[] = { "merge", whole_path, "--output-hdf5", out, NULL };
    one_file = peak_rss (single);
  }
  eight_parts = peak_rss ((const char **) args->pdata);
  g_test_message ("peak RSS: one file %.1f MB, 8 parts %.1f MB; results %.1f MB",
                  one_file / 1e6, eight_parts / 1e6, results_bytes / 1e6);
  g_assert_cmpuint (eight_parts, <, one_file + results_bytes / 2);
  {
    g_autoptr(GlmccResults) back = glmcc_results_load_hdf5 (out, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (glmcc_results_count_pending (back), ==, 0);
  }
}

/* Output checks before any work: a device cannot hold an HDF5 file, and two outputs cannot
 * name the same file. */
static void
test_usage (void)
{
  g_autofree char *same = path_in ("same.out");
  g_auto(CliRun) device;
  g_auto(CliRun) twice;

  run_glmcc (&device, "run", network, "--output-hdf5", "/dev/stdout");
  g_assert_cmpint (device.status, ==, 2);
  cli_run_assert_one_line_error (&device, "run", "--output-hdf5: /dev/stdout: not a regular file");
  run_glmcc (&twice, "run", network, "--output-hdf5", same, "--output-json", same);
  g_assert_cmpint (twice.status, ==, 2);
  cli_run_assert_one_line_error (&twice, "run", "name the same file");
}

/* The cluster recipe, played on this machine: doc/cluster/glmcc-shards.sbatch run as the tasks
 * of an array (two at a time, as GNU parallel would; one of them killed and run again, as a
 * requeued task is), then doc/cluster/glmcc-merge.sbatch: the single run's matrix. */
static void
test_cluster_recipe (void)
{
  g_autofree char *scripts = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "doc", "cluster", NULL);
  g_autofree char *shards = g_build_filename (scripts, "glmcc-shards.sbatch", NULL);
  g_autofree char *merge = g_build_filename (scripts, "glmcc-merge.sbatch", NULL);
  g_autofree char *outdir = path_in ("cluster");
  g_autofree char *matrix = path_in ("cluster.csv");
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_shards = 4;

  for (guint k = 1; k <= n_shards; k += 2)
    {
      GSubprocess *tasks[2];

      for (guint t = 0; t < 2; t++)
        {
          g_autoptr(GSubprocessLauncher) launcher =
            g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
          g_autofree char *id = g_strdup_printf ("%u", k + t);

          g_subprocess_launcher_setenv (launcher, "SLURM_ARRAY_TASK_ID", id, TRUE);
          g_subprocess_launcher_setenv (launcher, "SLURM_CPUS_PER_TASK", "1", TRUE);
          g_subprocess_launcher_setenv (launcher, "GLMCC", g_getenv ("GLMCC_CLI"), TRUE);
          tasks[t] = g_subprocess_launcher_spawn (launcher, &error, "bash", shards, "4", network,
                                                  outdir, "--checkpoint", "0.05", NULL);
          g_assert_no_error (error);
        }
      /* Task 1 is lost half way (a node fails) and requeued. */
      if (k == 1)
        {
          g_autofree char *part = g_build_filename (outdir, "part-1-of-4.h5", NULL);
          gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

          while (!g_file_test (part, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
            g_usleep (20000);
          g_usleep (200000);
          g_subprocess_force_exit (tasks[0]);
        }
      for (guint t = 0; t < 2; t++)
        {
          g_assert_true (g_subprocess_wait (tasks[t], NULL, &error));
          g_assert_no_error (error);
          if (!(k == 1 && t == 0))
            g_assert_cmpint (g_subprocess_get_exit_status (tasks[t]), ==, 0);
          g_object_unref (tasks[t]);
        }
      if (k == 1)
        {
          g_autoptr(GSubprocessLauncher) launcher =
            g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
          g_autoptr(GSubprocess) again = NULL;
          g_autofree char *err = NULL;

          g_subprocess_launcher_setenv (launcher, "SLURM_ARRAY_TASK_ID", "1", TRUE);
          g_subprocess_launcher_setenv (launcher, "GLMCC", g_getenv ("GLMCC_CLI"), TRUE);
          again = g_subprocess_launcher_spawn (launcher, &error, "bash", shards, "4", network,
                                               outdir, NULL);
          g_assert_no_error (error);
          g_assert_true (g_subprocess_communicate_utf8 (again, NULL, NULL, NULL, &err, &error));
          g_assert_cmpint (g_subprocess_get_exit_status (again), ==, 0);
          /* It continued from its part, if the kill came after the first save. */
          g_test_message ("requeued task: %s", err);
        }
    }
  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) joined = NULL;
    g_autofree char *err = NULL;
    g_autofree char *run_h5 = g_build_filename (outdir, "run.h5", NULL);
    g_autoptr(GlmccResults) back = NULL;

    g_subprocess_launcher_setenv (launcher, "GLMCC", g_getenv ("GLMCC_CLI"), TRUE);
    joined = g_subprocess_launcher_spawn (launcher, &error, "bash", merge, "4", outdir,
                                          "--output-matrix", matrix, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (joined, NULL, NULL, NULL, &err, &error));
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (g_subprocess_get_exit_status (joined), ==, 0);
    a = engine_test_slurp (matrix);
    b = engine_test_slurp (full_matrix ());
    g_assert_cmpstr (a, ==, b);
    back = glmcc_results_load_hdf5 (run_h5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (glmcc_results_count_pending (back), ==, 0);
  }
}

#else /* !HAVE_HDF5 */

static void
test_unavailable (void)
{
  g_autofree char *h5 = path_in ("none.h5");
  g_auto(CliRun) run;

  run_glmcc (&run, "run", network, "--output-hdf5", h5);
  g_assert_cmpint (run.status, ==, 2);
  cli_run_assert_one_line_error (&run, "run", "lacks the nwb feature (libhdf5)");
  g_assert_false (g_file_test (h5, G_FILE_TEST_EXISTS));
}

#endif

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("glmcc-cli-hdf5-XXXXXX", NULL);
  network = path_in ("network");
  {
    g_auto(CliRun) run;

    run_glmcc (&run, "simulate", network, "--neurons", "120", "--duration", "600", "--seed", "3");
    g_assert_cmpint (run.status, ==, 0);
  }

#if HAVE_HDF5
  g_test_add_func ("/cli-hdf5/kill-and-resume", test_kill_and_resume);
  g_test_add_func ("/cli-hdf5/interrupt", test_interrupt);
  g_test_add_func ("/cli-hdf5/shard-merge", test_shard_merge);
  g_test_add_func ("/cli-hdf5/merge-memory", test_merge_memory);
  g_test_add_func ("/cli-hdf5/usage", test_usage);
  g_test_add_func ("/cli-hdf5/cluster-recipe", test_cluster_recipe);
#else
  g_test_add_func ("/cli-hdf5/unavailable", test_unavailable);
#endif

  status = g_test_run ();
  remove_tree (workdir);
  return status;
}
