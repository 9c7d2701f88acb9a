/* test-dev.c: build-aux/dev finds every package apt has, every time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a fresh Debian machine `build-aux/dev deps` once skipped a random dozen of its packages as
 * "not available": under `set -o pipefail`, `apt-cache policy P | grep -q` failed whenever grep
 * closed the pipe before apt-cache had written everything (SIGPIPE, status 141). A flaky check
 * needs repetition to be seen, so these tests ask many times and compare with apt itself.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>

#define REPEATS 50

static char *dev;

/* Runs @argv; returns the exit status and the output (stdout and stderr together). */
static int
run (const char * const *argv,
     char              **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &wait_status, &error));
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : (WIFEXITED (wait_status)
                                                              ? WEXITSTATUS (wait_status) : 256);
}

/* What apt itself says: a candidate version of @package (read whole, no pipe). */
static gboolean
apt_has (const char *package)
{
  const char *argv[] = { "apt-cache", "policy", package, NULL };
  g_autofree char *output = NULL;
  const char *candidate;

  if (run (argv, &output) != 0)
    return FALSE;
  candidate = strstr (output, "Candidate: ");
  return candidate != NULL && candidate[strlen ("Candidate: ")] != '(';
}

static gboolean
skip_without_apt (void)
{
  g_autofree char *apt_cache = g_find_program_in_path ("apt-cache");

  if (apt_cache == NULL)
    {
      g_test_skip ("apt-cache is not here: not a Debian or Ubuntu machine");
      return TRUE;
    }
  if (!apt_has ("meson"))
    {
      g_test_skip ("apt has no candidate for meson here (package lists not downloaded?)");
      return TRUE;
    }
  return FALSE;
}

/* The packages build-aux/dev installs, read from its debian_packages list. */
static GStrv
dev_packages (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start, *end;
  g_auto(GStrv) words = NULL;
  g_autofree char *list = NULL;

  g_assert_true (g_file_get_contents (dev, &text, NULL, NULL));
  start = strstr (text, "debian_packages=(");
  g_assert_nonnull (start);
  start += strlen ("debian_packages=(");
  end = strchr (start, ')');
  g_assert_nonnull (end);
  list = g_strndup (start, end - start);
  words = g_regex_split_simple ("\\s+", list, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  return g_strv_builder_end (builder);
}

/* `build-aux/dev available meson`, fifty times: found every time. */
static void
test_available_repeatedly (void)
{
  const char *argv[] = { dev, "available", "meson", NULL };

  if (skip_without_apt ())
    return;
  for (guint i = 0; i < REPEATS; i++)
    {
      g_autofree char *output = NULL;
      int status = run (argv, &output);

      if (status != 0)
        g_error ("try %u of %u: 'build-aux/dev available meson' exited %d: %s", i + 1, REPEATS,
                 status, output);
    }
}

/* Every package of the list that build-aux/dev does not find, apt has not either; a made-up
 * name is not found. */
static void
test_available_agrees_with_apt (void)
{
  g_auto(GStrv) packages = NULL;
  const char *bogus[] = { dev, "available", "glmcc-no-such-package-xyz", NULL };

  if (skip_without_apt ())
    return;
  packages = dev_packages ();
  g_assert_cmpuint (g_strv_length (packages), >, 10);
  g_assert_true (g_strv_contains ((const char * const *) packages, "meson"));
  for (guint i = 0; packages[i] != NULL; i++)
    {
      const char *argv[] = { dev, "available", packages[i], NULL };

      if (run (argv, NULL) != 0 && apt_has (packages[i]))
        g_error ("build-aux/dev says %s is not available, but apt has it", packages[i]);
    }
  g_assert_cmpint (run (bogus, NULL), !=, 0);
}

/* `build-aux/dev deps --dry-run` reports no package apt has as unavailable. */
static void
test_deps_dry_run (void)
{
  const char *argv[] = { dev, "deps", "--dry-run", NULL };

  if (skip_without_apt ())
    return;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *output = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_cmpint (run (argv, &output), ==, 0);
      g_test_message ("%s", output);
      g_assert_true (strstr (output, "all installed") != NULL || strstr (output, "would install:") != NULL);
      lines = g_strsplit (output, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          const char *prefix = "build-aux/dev: package ";
          g_autofree char *package = NULL;

          if (!g_str_has_prefix (lines[l], prefix) || strstr (lines[l], " is not available") == NULL)
            continue;
          package = g_strndup (lines[l] + strlen (prefix),
                               strcspn (lines[l] + strlen (prefix), " "));
          if (apt_has (package))
            g_error ("build-aux/dev deps says %s is not available, but apt has it", package);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dev = g_test_build_filename (G_TEST_DIST, "..", "build-aux", "dev", NULL);
  g_assert_true (g_file_test (dev, G_FILE_TEST_IS_EXECUTABLE));

  g_test_add_func ("/build/available-repeatedly", test_available_repeatedly);
  g_test_add_func ("/build/available-agrees-with-apt", test_available_agrees_with_apt);
  g_test_add_func ("/build/deps-dry-run", test_deps_dry_run);
  status = g_test_run ();
  g_free (dev);
  return status;
}
