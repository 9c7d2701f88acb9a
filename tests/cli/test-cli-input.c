/* test-cli-input.c: `glmcc` on hostile input (issue 9): damaged NWB and MAT files end in exit 1
 * and one line, never a signal; names that are not UTF-8 give valid outputs that merge, resume
 * and score read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *data_dir;
static char *tmp_dir;

/* Runs glmcc with @args (NULL-terminated); the program must exit, not die by a signal. */
static int
run_glmcc (char       **err,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("GLMCC_CLI");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (tmp_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
assert_one_error_line (const char *err,
                       const char *expected)
{
  const char *newline = strchr (err, '\n');

  g_test_message ("%s", err);
  g_assert_true (g_str_has_prefix (err, "glmcc run: "));
  g_assert_nonnull (strstr (err, expected));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
}

static void
test_damaged_binary_files (void)
{
  static const struct
  {
    const char *file;
    const char *units;
    const char *expected;
  } cases[] = {
    { "mat/crashes-libhdf5.mat", NULL, "crashes-libhdf5.mat: libmatio (libhdf5) crashed reading this file (" },
    { "mat/truncated.mat", NULL, "truncated.mat: truncated: " },
    { "mat/damaged-v73-listing.mat", NULL, "damaged-v73-listing.mat: libmatio cannot list the variables of this file (libmatio: " },
    { "mat/damaged-v73-cell.mat", NULL, "damaged-v73-cell.mat: libmatio could not read all of this file (libhdf5: " },
    { "mat/truncated-v73.mat", NULL, "truncated-v73.mat: truncated: " },
    { "mat/huge-cell.mat", NULL, "huge-cell.mat: spikes.times: declares 1700000000 cells" },
    { "nwb/truncated.nwb", NULL, "truncated.nwb: truncated: " },
    { "nwb/damaged-heap.nwb", "good", "damaged-heap.nwb: /units/quality[0] points to string 3" },
    { "nwb/extent-beyond-file.nwb", NULL, "extent-beyond-file.nwb: /units/spike_times declares" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, "bad", cases[i].file, NULL);
      g_autofree char *err = NULL;

      g_assert_cmpint (run_glmcc (&err, "run", path, "--units",
                                  cases[i].units != NULL ? cases[i].units : "all", NULL), ==, 1);
      assert_one_error_line (err, cases[i].expected);
    }
}

/* A library crash made reproducible by the helper's test hook (development builds). */
static void
test_helper_crash (void)
{
#if DEVELOPMENT_BUILD
  static const char * const files[] = { "units.nwb", "spikes-v5z.mat", "spikes-v73.mat" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, "formats", files[i], NULL);
      g_autofree char *err = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: lib", files[i]);

      g_setenv ("GLMCC_LOAD_HELPER_TEST", "crash", TRUE);
      g_assert_cmpint (run_glmcc (&err, "run", path, NULL), ==, 1);
      g_unsetenv ("GLMCC_LOAD_HELPER_TEST");
      assert_one_error_line (err, expected);
      g_assert_nonnull (strstr (err, " crashed reading this file ("));
    }
#else
  g_test_skip ("the helper's test hook exists in development builds only");
#endif
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
ignore_text (GMarkupParseContext *context,
             const char          *text,
             gsize                length,
             gpointer             user_data,
             GError             **error)
{
}

/* Names as they come from file names and CSV labels: not UTF-8, with a tab, with XML's
 * special characters. Every output is valid and reads back. */
static void
test_names_in_outputs (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "names", NULL);
  g_autofree char *json = g_build_filename (tmp_dir, "names.json", NULL);
  g_autofree char *edges = g_build_filename (tmp_dir, "names.tsv", NULL);
  g_autofree char *graphml = g_build_filename (tmp_dir, "names.graphml", NULL);
  g_autofree char *matrix = g_build_filename (tmp_dir, "names.csv", NULL);
  g_autofree char *merged = g_build_filename (tmp_dir, "names-merged.json", NULL);
  g_autofree char *resumed = g_build_filename (tmp_dir, "names-resumed.json", NULL);
  g_autofree char *truth = g_build_filename (tmp_dir, "names-truth.tsv", NULL);
  static const char * const names[] = { "cell\xe9", "cell\tb", "c<&>\"'" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GRand *rand = g_rand_new_with_seed (3);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".txt", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      GString *spikes = g_string_new (NULL);
      double t = 0.0;

      while ((t += g_rand_double_range (rand, 1.0, 100.0)) < 200000.0)
        g_string_append_printf (spikes, "%.3f\n", t);
      g_assert_true (g_file_set_contents (path, spikes->str, -1, NULL));
      g_string_free (spikes, TRUE);
    }
  g_rand_free (rand);

  g_assert_cmpint (run_glmcc (&err, "run", dir, "--output-json", json, "--output-edges", edges,
                              "--output-graphml", graphml, "--output-matrix", matrix, NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  /* JSON: parses, and names the neurons by their display form. */
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  text = read_text (json);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "cell\\\\xe9"));
  g_assert_nonnull (strstr (text, "cell\\\\x09b"));
  g_clear_pointer (&text, g_free);

  /* TSV: one header and six rows of eleven fields. */
  text = read_text (edges);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 + 1);
  for (guint i = 0; i < 7; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 11);
    }
  g_clear_pointer (&text, g_free);

  /* GraphML: well-formed XML in UTF-8. */
  {
    static const GMarkupParser markup = { NULL, NULL, ignore_text, NULL, NULL };
    GMarkupParseContext *context = g_markup_parse_context_new (&markup, 0, NULL, NULL);

    text = read_text (graphml);
    g_markup_parse_context_parse (context, text, -1, &error);
    g_assert_no_error (error);
    g_markup_parse_context_end_parse (context, &error);
    g_assert_no_error (error);
    g_markup_parse_context_free (context);
    g_assert_nonnull (strstr (text, "c&lt;&amp;&gt;&quot;&apos;"));
    g_clear_pointer (&text, g_free);
  }

  /* Read back: merged, resumed, scored against a truth that uses the original bytes. */
  g_assert_cmpint (run_glmcc (&err, "merge", json, "--output-json", merged, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glmcc (&err, "run", dir, "--resume", json, "--output-json", resumed, NULL),
                   ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (truth, "pre\tpost\tpsp_mV\tdelay_ms\n"
                                             "cell\xe9\tc<&>\"'\t0.5\t2\n", -1, NULL));
  g_assert_cmpint (run_glmcc (&err, "score", json, truth, NULL), ==, 0);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  tmp_dir = g_dir_make_tmp ("glmcc-cli-input-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/input/damaged-binary-files", test_damaged_binary_files);
  g_test_add_func ("/cli/input/helper-crash", test_helper_crash);
  g_test_add_func ("/cli/input/names-in-outputs", test_names_in_outputs);
  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (data_dir);
  return status;
}
