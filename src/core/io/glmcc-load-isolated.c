/* glmcc-load-isolated.c: loading NWB and MAT files in a short-lived helper process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libhdf5 and libmatio crash, or allocate without bound, on some damaged files, and their fixes
 * are not ours to make. So those formats are read by glmcc-load-helper, a small program that
 * runs the same loader under a memory and CPU-time limit and streams what it read back through
 * a pipe (glmcc-load-stream.c). A crash, a signal or a limit there becomes an error here, in the
 * program and in the window alike. The helper is the one installed in libexecdir, or, for a
 * program run from its build tree, the one built next to it: no environment variable needed.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glmcc-io-private.h"
#include "glmcc-load-stream.h"
#include "glmcc-i18n.h"

/* The last bytes of the helper's error output, to tell running out of memory from a crash. */
#define STDERR_KEPT 4096

char *
glmcc_load_helper_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  char *build_root = realpath (GLMCC_BUILD_ROOT, NULL);
  gboolean in_build_tree = FALSE;

  /* A program run from the build tree uses the helper built with it. */
  if (self != NULL && build_root != NULL)
    {
      g_autofree char *prefix = g_strconcat (build_root, "/", NULL);
      in_build_tree = g_str_has_prefix (self, prefix);
    }
  free (build_root);
  return g_strdup (in_build_tree ? GLMCC_LOAD_HELPER_BUILD_PATH : GLMCC_LOAD_HELPER_INSTALL_PATH);
}

static const char *
library_of (const char *format,
            const char *path)
{
  char head[10];

  if (g_strcmp0 (format, "nwb") == 0)
    return "libhdf5";
  if (glmcc_io_read_head (path, head, sizeof head) == sizeof head
      && memcmp (head, "MATLAB 7.3", sizeof head) == 0)
    return "libmatio (libhdf5)";
  return "libmatio";
}

static void
add_option (GPtrArray  *argv,
            const char *name,
            char       *value)
{
  g_ptr_array_add (argv, g_strdup (name));
  g_ptr_array_add (argv, value);
}

typedef struct
{
  guint8   *out;         /* the answer (GByteArray would stop at 4 GB) */
  gsize     out_len;
  gsize     out_size;
  GString  *err;
  gboolean  too_large;
  gboolean  timed_out;
} Collected;

static gboolean
append_answer (Collected    *c,
               const guint8 *data,
               gsize         n)
{
  if (c->out_size - c->out_len < n)
    {
      gsize size = MAX (c->out_size, 65536);
      guint8 *grown;

      while (size - c->out_len < n)
        size *= 2;
      grown = g_try_realloc (c->out, size);
      if (grown == NULL)
        return FALSE;
      c->out = grown;
      c->out_size = size;
    }
  memcpy (c->out + c->out_len, data, n);
  c->out_len += n;
  return TRUE;
}

/* Reads the helper's output and error output until both close, the answer grows beyond
 * @max_bytes, or @deadline (monotonic µs) passes. */
static void
collect (int        out_fd,
         int        err_fd,
         guint64    max_bytes,
         gint64     deadline,
         Collected *c)
{
  struct pollfd fds[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
  guint8 buffer[65536];

  while (fds[0].fd >= 0 || fds[1].fd >= 0)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      int ready;

      if (left <= 0)
        {
          c->timed_out = TRUE;
          return;
        }
      ready = poll (fds, 2, (int) MIN (left / 1000 + 1, G_MAXINT));
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready < 0)
        {
          /* Cannot wait on the pipes any more: stop the helper rather than block on it. */
          c->timed_out = TRUE;
          return;
        }
      for (int i = 0; i < 2; i++)
        {
          ssize_t n;

          if (fds[i].fd < 0 || fds[i].revents == 0)
            continue;
          n = read (fds[i].fd, buffer, sizeof buffer);
          if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
          if (n <= 0)
            {
              fds[i].fd = -1;
              continue;
            }
          if (i == 0)
            {
              if (c->out_len + (guint64) n > max_bytes || !append_answer (c, buffer, (gsize) n))
                {
                  c->too_large = TRUE;
                  return;
                }
            }
          else
            {
              g_string_append_len (c->err, (const char *) buffer, n);
              if (c->err->len > STDERR_KEPT)
                g_string_erase (c->err, 0, c->err->len - STDERR_KEPT);
            }
        }
    }
}

static gboolean
mentions_memory (const char *text)
{
  static const char * const words[] = {
    "failed to allocate", "out of memory", "Cannot allocate memory", "allocation-size-too-big",
    "allocator is out of memory", "std::bad_alloc",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
glmcc_load_isolated (GlmccLoadContext *context,
                     const char       *format,
                     const char       *path,
                     GError          **error)
{
  const GlmccLoadOptions *options = context->options;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) spawn_error = NULL;
  g_autofree char *helper = glmcc_load_helper_path ();
  const char *library = library_of (format, path);
  Collected collected = { NULL, 0, 0, g_string_new (NULL), FALSE, FALSE };
  struct stat st;
  guint64 file_size = 0, memory_limit;
  guint cpu_limit;
  gint64 deadline;
  GPid pid = 0;
  int out_fd = -1, err_fd = -1, status = 0;
  const char *sanitizer;
  gboolean ok = FALSE;

  /* Open it here first, as the user: what cannot be opened (permissions, a dangling link, a
   * FIFO) is said the same way as for every other format, and before a process is started. */
  {
    int fd = glmcc_io_open_regular (path, &st, error);

    if (fd < 0)
      goto out;
    close (fd);
    file_size = (guint64) st.st_size;
  }
  memory_limit = glmcc_io_memory_limit (file_size);
  /* The answer is about as large as the spike times in the file: room for that up front, so
   * that a large recording is not copied again and again as it arrives. */
  collected.out = g_try_malloc (MIN (file_size, memory_limit) + 65536);
  collected.out_size = collected.out != NULL ? MIN (file_size, memory_limit) + 65536 : 0;
  /* A minute, and a second more for every 16 MB: reading is far faster than that. */
  cpu_limit = 60 + (guint) MIN (file_size / (16 * 1024 * 1024), 100000);

  g_ptr_array_add (argv, g_strdup (helper));
  add_option (argv, "--format", g_strdup (format));
  add_option (argv, "--memory-limit", g_strdup_printf ("%" G_GUINT64_FORMAT, memory_limit));
  add_option (argv, "--cpu-limit", g_strdup_printf ("%u", cpu_limit));
  if (options->time_unit != GLMCC_TIME_UNIT_DEFAULT)
    add_option (argv, "--time-unit", g_strdup (glmcc_io_unit_name (options->time_unit)));
  if (options->sample_rate > 0.0)
    add_option (argv, "--sample-rate", glmcc_strdup_printf_c_locale ("%.17g", options->sample_rate));
  if (options->units != NULL)
    add_option (argv, "--units", g_strdup (options->units));
  if (options->variable != NULL)
    add_option (argv, "--variable", g_strdup (options->variable));
  g_ptr_array_add (argv, g_strdup ("--"));
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) argv->pdata, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL
                                         | G_SPAWN_CLOEXEC_PIPES,
                                         NULL, NULL, -1, -1, -1, NULL, NULL, 0, &pid, NULL,
                                         &out_fd, &err_fd, &spawn_error))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY,
                   _("%s: cannot start the loader helper %s: %s"), path, helper,
                   spawn_error->message);
      goto out;
    }

  /* Wall-clock time too, for a helper that waits rather than computes. */
  deadline = g_get_monotonic_time () + (gint64) (4 * cpu_limit + 30) * G_USEC_PER_SEC;
  collect (out_fd, err_fd, memory_limit + 1024 * 1024, deadline, &collected);
  if (collected.too_large || collected.timed_out)
    kill (pid, SIGKILL);
  close (out_fd);
  close (err_fd);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);

  if (collected.timed_out)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                 _("%s: %s did not finish reading this file in %u s"), path, library,
                 4 * cpu_limit + 30);
  else if (collected.too_large)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                 _("%s: the recording read by %s is larger than the %" PRIu64
                 " MB it may take"), path, library, memory_limit / 1000000);
  else if (WIFSIGNALED (status) && WTERMSIG (status) == SIGXCPU)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                 _("%s: %s did not finish reading this file within %u s of CPU time"), path,
                 library, cpu_limit);
  else if ((WIFSIGNALED (status) || (WIFEXITED (status) && WEXITSTATUS (status) != 0))
           && mentions_memory (collected.err->str))
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                 _("%s: %s needed more than the %" PRIu64 " MB of memory it may use "
                 "to read this file"), path, library, memory_limit / 1000000);
  else if (WIFSIGNALED (status))
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY,
                 _("%s: %s crashed reading this file (signal %d, %s)"), path, library,
                 WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  else if (WIFEXITED (status) && WEXITSTATUS (status) != 0
           && (sanitizer = strstr (collected.err->str, "ERROR: AddressSanitizer: ")) != NULL)
    {
      /* A sanitizer build reports a library's memory error and exits. */
      g_autofree char *kind = g_strndup (sanitizer + strlen ("ERROR: "),
                                         strcspn (sanitizer + strlen ("ERROR: AddressSanitizer: "),
                                                  " \n") + strlen ("AddressSanitizer: "));
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY,
                   _("%s: %s crashed reading this file (%s)"), path, library, kind);
    }
  else if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY,
                 _("%s: %s failed reading this file (the loader helper exited with status %d)"),
                 path, library, WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  else
    ok = glmcc_load_stream_read (collected.out, collected.out_len, context, path, error);

out:
  g_free (collected.out);
  g_string_free (collected.err, TRUE);
  return ok;
}
