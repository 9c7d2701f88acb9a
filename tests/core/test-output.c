/* test-output.c: GlmccOutput, the one way files are written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-output.h"

static char *dir;

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static gboolean
write_text (const char  *path,
            const char  *text,
            GError     **error)
{
  GlmccOutput *output = glmcc_output_new (path, error);

  if (output == NULL)
    return FALSE;
  glmcc_output_write (output, text, strlen (text));
  return glmcc_output_commit (output, error);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* No file but the target is left in the directory (no temporary file). */
static guint
count_files (void)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_replace_and_abandon (void)
{
  g_autofree char *path = path_in ("a.txt"), *text = NULL;
  g_autoptr(GError) error = NULL;
  GlmccOutput *output;
  guint before;

  g_assert_true (write_text (path, "first\n", &error));
  g_assert_no_error (error);
  before = count_files ();
  /* Abandoned half way: the old contents stay, the temporary file goes. */
  output = glmcc_output_new (path, &error);
  g_assert_no_error (error);
  glmcc_output_write (output, "sec", 3);
  g_assert_cmpuint (count_files (), ==, before + 1);
  glmcc_output_free (output);
  g_assert_cmpuint (count_files (), ==, before);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "first\n");
}

static void
test_symlink_kept (void)
{
  g_autofree char *target = path_in ("target.txt"), *link = path_in ("link.txt"), *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.txt", link), ==, 0);
  g_assert_true (write_text (link, "new", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  text = read_text (target);
  g_assert_cmpstr (text, ==, "new");
  g_assert_true (glmcc_output_same_file (link, target));
  g_assert_true (glmcc_output_is_replaceable (link));
}

/* Devices are written in place. They are reached through links of our own, so that a
 * regression that replaced what it writes would replace a link, never /dev/null itself. */
static void
test_devices_in_place (void)
{
  g_autofree char *null_link = path_in ("null"), *full_link = path_in ("full");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("/dev/null", null_link), ==, 0);
  g_assert_false (glmcc_output_is_replaceable (null_link));
  g_assert_true (write_text (null_link, "nothing", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (null_link, G_FILE_TEST_IS_SYMLINK));
  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      /* The error names the path given, and says why. */
      g_assert_cmpint (symlink ("/dev/full", full_link), ==, 0);
      g_assert_false (write_text (full_link, "x", &error));
      g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, full_link));
      g_assert_true (g_file_test (full_link, G_FILE_TEST_IS_SYMLINK));
    }
}

static void
test_check (void)
{
  g_autofree char *missing = path_in ("nowhere/out.csv"), *ok = path_in ("new.csv");
  g_autoptr(GError) error = NULL;

  g_assert_true (glmcc_output_check (ok, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (ok, G_FILE_TEST_EXISTS));   /* checking writes nothing */
  g_assert_false (glmcc_output_check ("", &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (glmcc_output_check (missing, &error));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);
  g_assert_false (glmcc_output_check (dir, &error));
  g_assert_nonnull (strstr (error->message, "is a directory"));
  g_clear_error (&error);
  /* The same failure when writing names the user's path, not a temporary file. */
  g_assert_false (write_text (missing, "x", &error));
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_assert_null (strstr (error->message, "XXXXXX"));
}

static void
test_same_file_and_inputs (void)
{
  g_autofree char *a = path_in ("same.csv"), *dotted = NULL, *folder = path_in ("rec");
  g_autofree char *cell = path_in ("rec/cell0.txt"), *fresh = path_in ("rec/new.tsv");
  g_autofree char *base = path_in ("session"), *res = path_in ("session.res.1");
  g_autofree char *other = path_in ("elsewhere.res.1");

  dotted = g_strdup_printf ("%s/./same.csv", dir);
  g_assert_true (glmcc_output_same_file (a, dotted));   /* neither exists yet */
  g_assert_false (glmcc_output_same_file (a, res));
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (cell, "1\n", -1, NULL));
  g_assert_true (g_file_set_contents (res, "1\n", -1, NULL));
  g_assert_true (g_file_set_contents (other, "1\n", -1, NULL));
  g_assert_true (glmcc_output_overwrites (cell, folder));     /* a file of the recording folder */
  g_assert_false (glmcc_output_overwrites (fresh, folder));   /* a new file beside them */
  g_assert_true (glmcc_output_overwrites (res, base));        /* Neuroscope base name */
  g_assert_false (glmcc_output_overwrites (other, base));
  g_assert_true (glmcc_output_overwrites (cell, cell));
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *command = NULL;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("glmcc-output-XXXXXX", NULL);

  g_test_add_func ("/output/replace-and-abandon", test_replace_and_abandon);
  g_test_add_func ("/output/symlink-kept", test_symlink_kept);
  g_test_add_func ("/output/devices-in-place", test_devices_in_place);
  g_test_add_func ("/output/check", test_check);
  g_test_add_func ("/output/same-file-and-inputs", test_same_file_and_inputs);
  status = g_test_run ();

  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);
  g_free (dir);
  return status;
}
