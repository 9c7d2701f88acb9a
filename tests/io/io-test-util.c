/* io-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"

char *
io_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("glmcc-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
io_test_write_bytes (const char *dir,
                     const char *name,
                     const void *data,
                     gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
  return path;
}

char *
io_test_write (const char *dir,
               const char *name,
               const char *contents)
{
  return io_test_write_bytes (dir, name, contents, strlen (contents));
}

void
io_test_put (const char *dir,
             const char *name,
             const char *contents)
{
  g_free (io_test_write (dir, name, contents));
}

void
io_test_remove (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
}

void
io_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        io_test_remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

gboolean
io_test_has_note (GlmccRecording *recording,
                  const char     *needle)
{
  const char * const *notes = glmcc_recording_get_notes (recording);

  for (guint i = 0; notes[i] != NULL; i++)
    if (strstr (notes[i], needle) != NULL)
      return TRUE;
  if (g_test_verbose ())
    for (guint i = 0; notes[i] != NULL; i++)
      g_test_message ("note: %s", notes[i]);
  return FALSE;
}

char *
io_test_data_path (const char *first,
                   ...)
{
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  GPtrArray *parts = g_ptr_array_new ();
  const char *part;
  char *path;
  va_list args;

  g_ptr_array_add (parts, data);
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return path;
}

char *
io_test_write_npy_header (const char *dir,
                          const char *name,
                          guint       version,
                          const char *header,
                          const void *data,
                          gsize       length)
{
  GByteArray *bytes = g_byte_array_new ();
  GString *text = g_string_new (header);
  gsize prefix = version == 1 ? 10 : 12;
  guint8 magic[] = { 0x93, 'N', 'U', 'M', 'P', 'Y', (guint8) version, 0 };
  guint8 len[4];
  char *path;

  while ((prefix + text->len + 1) % 64 != 0)
    g_string_append_c (text, ' ');
  g_string_append_c (text, '\n');
  len[0] = text->len & 0xff;
  len[1] = (text->len >> 8) & 0xff;
  len[2] = (text->len >> 16) & 0xff;
  len[3] = (text->len >> 24) & 0xff;
  g_byte_array_append (bytes, magic, sizeof magic);
  g_byte_array_append (bytes, len, version == 1 ? 2 : 4);
  g_byte_array_append (bytes, (const guint8 *) text->str, text->len);
  if (length > 0)
    g_byte_array_append (bytes, data, length);
  path = io_test_write_bytes (dir, name, bytes->data, bytes->len);
  g_byte_array_unref (bytes);
  g_string_free (text, TRUE);
  return path;
}

char *
io_test_write_npy (const char *dir,
                   const char *name,
                   const char *descr,
                   const char *shape,
                   const void *data,
                   gsize       length)
{
  g_autofree char *header = g_strdup_printf ("{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
                                             descr, shape);

  return io_test_write_npy_header (dir, name, 1, header, data, length);
}
