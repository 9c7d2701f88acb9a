/* glmcc-load-helper.c: reads one NWB or MAT file for glmcc_load(), in a process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   glmcc-load-helper --format nwb|mat [--memory-limit BYTES] [--cpu-limit SECONDS]
 *                     [--time-unit U] [--sample-rate HZ] [--units LABELS] [--variable NAME]
 *                     -- FILE
 *
 * Runs the loader under the limits it is given and writes what it read, or the error, to its
 * standard output (glmcc-load-stream.h). If a library crashes or a limit is reached, the process
 * dies and the program that started it reports that instead. Not meant to be run by hand.
 */
#define G_LOG_DOMAIN "glmcc-load-helper"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#if HAVE_HDF5
#include <hdf5.h>
#endif

#include "glmcc-io-private.h"
#include "glmcc-load-stream.h"
#include "glmcc-i18n.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static void
set_limit (int     resource,
           guint64 value)
{
  /* The hard CPU limit a second later: at the soft one the process gets SIGXCPU, which says
   * what happened; at a hard limit equal to it, a plain SIGKILL. */
  struct rlimit limit = { (rlim_t) value, (rlim_t) (resource == RLIMIT_CPU ? value + 1 : value) };

  /* Lowering a limit always works; failing that, the program still runs unprotected rather
   * than not at all. */
  setrlimit (resource, &limit);
}

/* Development builds only: GLMCC_LOAD_HELPER_TEST makes the helper fail in the ways the tests
 * need, without depending on a library's bugs. */
static void
run_test_hook (int stream_fd)
{
#if DEVELOPMENT_BUILD
  const char *hook = g_getenv ("GLMCC_LOAD_HELPER_TEST");

  if (hook == NULL)
    return;
  if (strcmp (hook, "crash") == 0)
    raise (SIGSEGV);
  else if (strcmp (hook, "abort") == 0)
    abort ();
  else if (strcmp (hook, "spin") == 0)
    {
      volatile guint64 n = 0;

      set_limit (RLIMIT_CPU, 1);
      for (;;)
        n++;
    }
  else if (strcmp (hook, "allocate") == 0)
    {
      if (UNDER_ASAN)
        g_free (g_malloc (G_MAXSIZE / 2));
      set_limit (RLIMIT_AS, 256 * 1024 * 1024);
      for (;;)
        memset (g_malloc (16 * 1024 * 1024), 1, 16 * 1024 * 1024);
    }
  else if (strcmp (hook, "garbage") == 0)
    {
      static const char garbage[] = "GLMCCLH1T\xff\xff\xff\x7f";

      if (write (stream_fd, garbage, sizeof garbage - 1) < 0)
        _exit (3);
      _exit (0);
    }
#endif
}

int
main (int   argc,
      char *argv[])
{
  GlmccLoadOptions options;
  GlmccLoadContext context;
  const GlmccLoader *loader = NULL;
  GError *error = NULL;
  const char *path = NULL;
  guint64 memory_limit = 0, cpu_limit = 0;
  int stream_fd;
  gboolean ok;

  glmcc_load_options_init (&options);
  options.in_process = TRUE;
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (strcmp (arg, "--") == 0 && value != NULL && i + 2 == argc)
        {
          path = value;
          break;
        }
      if (value == NULL)
        break;
      if (strcmp (arg, "--format") == 0)
        loader = glmcc_loader_find (value);
      else if (strcmp (arg, "--memory-limit") == 0)
        memory_limit = g_ascii_strtoull (value, NULL, 10);
      else if (strcmp (arg, "--cpu-limit") == 0)
        cpu_limit = g_ascii_strtoull (value, NULL, 10);
      else if (strcmp (arg, "--time-unit") == 0)
        glmcc_time_unit_parse (value, &options.time_unit);
      else if (strcmp (arg, "--sample-rate") == 0)
        options.sample_rate = g_ascii_strtod (value, NULL);
      else if (strcmp (arg, "--units") == 0)
        options.units = value;
      else if (strcmp (arg, "--variable") == 0)
        options.variable = value;
      else
        break;
      i++;
    }
  if (loader == NULL || path == NULL)
    {
      g_printerr ("%s: not meant to be run by hand (see glmcc-load-helper.c)\n", argv[0]);
      return 2;
    }

  /* The answer goes to the original standard output; whatever a library prints goes to the
   * error output, where it cannot corrupt the answer. */
  stream_fd = dup (STDOUT_FILENO);
  if (stream_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    return 3;

  set_limit (RLIMIT_CORE, 0);
  if (cpu_limit > 0)
    set_limit (RLIMIT_CPU, cpu_limit);
  /* AddressSanitizer reserves terabytes of address space: no address-space limit under it. */
  if (memory_limit > 0 && !UNDER_ASAN)
    set_limit (RLIMIT_AS, memory_limit);
#if HAVE_HDF5
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
#endif
  run_test_hook (stream_fd);

  glmcc_load_context_init (&context, path, loader->name, &options);
  ok = loader->load (&context, path, &error);
  if (!ok && error == NULL)
    g_set_error (&error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY, _("%s: the %s loader failed without "
                 "saying why"), path, loader->name);
  ok = glmcc_load_stream_write (stream_fd, &context, ok ? NULL : error);
  /* No exit handlers: libhdf5's, after a damaged file, can loop and print for a long time. */
  _exit (ok ? 0 : 4);
}
