/* test-version.c: one version, meson.build's, everywhere it shows
 *
 * The programs print it for --version, the results JSON carries it next to its own format
 * version, and the newest <release> of the metainfo is it (so a version bump without release
 * notes fails here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *source_root;

/* Reports one problem and goes on, so that one run lists every problem, not only the last. */
static void report (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", problem);
  g_test_fail_printf ("%s", problem);
}

static char *
run_program (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* Dotted numeric versions, "0.10.0" > "0.9.2". */
static int
compare_versions (const char *a,
                  const char *b)
{
  for (;;)
    {
      char *end_a, *end_b;
      guint64 part_a = g_ascii_strtoull (a, &end_a, 10);
      guint64 part_b = g_ascii_strtoull (b, &end_b, 10);

      if (part_a != part_b)
        return part_a < part_b ? -1 : 1;
      if (*end_a != '.' && *end_b != '.')
        return 0;
      a = *end_a == '.' ? end_a + 1 : end_a;
      b = *end_b == '.' ? end_b + 1 : end_b;
    }
}

static void
collect_release (GMarkupParseContext *context,
                 const char          *element,
                 const char         **names,
                 const char         **values,
                 gpointer             user_data,
                 GError             **error)
{
  GPtrArray *versions = user_data;

  if (strcmp (element, "release") != 0)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "version") == 0)
      g_ptr_array_add (versions, g_strdup (values[i]));
}

static void
test_compare_versions (void)
{
  g_assert_cmpint (compare_versions ("0.1.0", "0.1.0"), ==, 0);
  g_assert_cmpint (compare_versions ("0.10.0", "0.9.2"), ==, 1);
  g_assert_cmpint (compare_versions ("1.0", "1.0.1"), ==, -1);
  g_assert_cmpint (compare_versions ("2", "1.99"), ==, 1);
}

static void
test_metainfo_release (void)
{
  g_autofree char *path = g_build_filename (source_root, "data",
                                            "io.github.glmcc.Studio.metainfo.xml.in", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_free);
  const GMarkupParser parser = { collect_release, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, versions, NULL);
  g_markup_parse_context_parse (context, text, -1, &error);
  g_markup_parse_context_free (context);
  g_assert_no_error (error);

  g_assert_cmpuint (versions->len, >=, 1);
  /* AppStream lists releases newest first. */
  if (strcmp (g_ptr_array_index (versions, 0), PACKAGE_VERSION) != 0)
    report ("data/io.github.glmcc.Studio.metainfo.xml.in: the newest <release> is %s, "
            "but meson.build's version is %s: add a <release> for it",
            (char *) g_ptr_array_index (versions, 0), PACKAGE_VERSION);
  for (guint i = 1; i < versions->len; i++)
    if (compare_versions (g_ptr_array_index (versions, i - 1), g_ptr_array_index (versions, i)) <= 0)
      report ("data/io.github.glmcc.Studio.metainfo.xml.in: release %s is listed "
              "before %s but is not newer", (char *) g_ptr_array_index (versions, i - 1),
              (char *) g_ptr_array_index (versions, i));
}

static void
test_cli_version (void)
{
  const char *argv[] = { g_getenv ("GLMCC_CLI"), "--version", NULL };
  g_autofree char *out = NULL;

  g_assert_nonnull (argv[0]);
  out = run_program (argv);
  g_assert_cmpstr (out, ==, "glmcc " PACKAGE_VERSION "\n");
}

static void
test_studio_version (void)
{
  const char *argv[] = { g_getenv ("GLMCC_STUDIO"), "--version", NULL };
  g_autofree char *out = NULL;

  if (argv[0] == NULL)
    {
      g_test_skip ("this build has no glmcc-studio (feature 'app' off)");
      return;
    }
  out = run_program (argv);
  g_assert_cmpstr (out, ==, "glmcc-studio " PACKAGE_VERSION "\n");
}

/* The results JSON: "version" is its format (an integer), "program_version" the program's. */
static void
test_results_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-version-XXXXXX", &error);
  g_autofree char *json_path = NULL, *sample = NULL, *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *top;

  g_assert_no_error (error);
  json_path = g_build_filename (dir, "run.json", NULL);
  sample = g_build_filename (source_root, "tests", "data", "sample", NULL);
  {
    const char *argv[] = { g_getenv ("GLMCC_CLI"), "run", sample, "--duration", "300",
                           "--mode", "sim", "--output-json", json_path, NULL };
    out = run_program (argv);
  }
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (top);
  g_assert_true (JSON_NODE_TYPE (json_object_get_member (top, "version")) == JSON_NODE_VALUE);
  g_assert_cmpint (json_object_get_int_member (top, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member_with_default (top, "program_version", NULL), ==,
                   PACKAGE_VERSION);
  g_assert_cmpint (g_remove (json_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  source_root = g_strdup (g_getenv ("GLMCC_SOURCE_ROOT"));
  g_assert_nonnull (source_root);

  g_test_add_func ("/version/compare", test_compare_versions);
  g_test_add_func ("/version/metainfo", test_metainfo_release);
  g_test_add_func ("/version/glmcc", test_cli_version);
  g_test_add_func ("/version/glmcc-studio", test_studio_version);
  g_test_add_func ("/version/results-json", test_results_json);
  status = g_test_run ();
  g_free (source_root);
  return status;
}
