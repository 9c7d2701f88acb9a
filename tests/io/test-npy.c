/* test-npy.c: our .npy reader: versions, dtypes, shapes and refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "glmcc-error.h"
#include "glmcc-npy.h"
#include "io-test-util.h"

static GlmccNpyFile *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlmccNpyFile *file = glmcc_npy_file_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static void
test_dtypes (void)
{
  g_autofree char *dir = io_test_make_dir ();
  const gint32 i4[] = { -1, 0, 2147483647 };
  const guint32 u4[] = { 0, 4000000000u, 7 };
  const gint64 i8[] = { -5, 9007199254740993, 3 };
  const guint64 u8[] = { 1, 18446744073709551615u, 30000000000 };
  const float f4[] = { 0.5f, -2.25f, 1e30f };
  const double f8[] = { 0.1, -1e300, 12345678901.0 };

  {
    g_autofree char *path = io_test_write_npy (dir, "i4.npy", "<i4", "(3,)", i4, sizeof i4);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    const GlmccNpyArray *a = glmcc_npy_file_get_array (file);
    g_autofree gint64 *v = glmcc_npy_to_int64 (a, path, NULL);
    g_assert_cmpint (a->dtype, ==, GLMCC_NPY_INT32);
    g_assert_cmpuint (a->n_elements, ==, 3);
    g_assert_true (glmcc_npy_is_integer (a));
    g_assert_cmpint (v[0], ==, -1);
    g_assert_cmpint (v[2], ==, 2147483647);
  }
  {
    g_autofree char *path = io_test_write_npy (dir, "u4.npy", "<u4", "(3, 1)", u4, sizeof u4);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    const GlmccNpyArray *a = glmcc_npy_file_get_array (file);
    g_autofree gint64 *v = glmcc_npy_to_int64 (a, path, NULL);
    g_assert_true (glmcc_npy_check_vector (a, path, NULL));
    g_assert_cmpint (v[1], ==, 4000000000);
  }
  {
    g_autofree char *path = io_test_write_npy (dir, "i8.npy", "<i8", "(3,)", i8, sizeof i8);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    g_autofree gint64 *v = glmcc_npy_to_int64 (glmcc_npy_file_get_array (file), path, NULL);
    g_assert_cmpint (v[1], ==, 9007199254740993);  /* not rounded through a double */
  }
  {
    g_autofree char *path = io_test_write_npy (dir, "u8.npy", "<u8", "(3,)", u8, sizeof u8);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    g_autoptr(GError) error = NULL;
    g_assert_null (glmcc_npy_to_int64 (glmcc_npy_file_get_array (file), path, &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "element 1 (18446744073709551615) is too large"));
  }
  {
    g_autofree char *path = io_test_write_npy (dir, "f4.npy", "<f4", "(3,)", f4, sizeof f4);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    const GlmccNpyArray *a = glmcc_npy_file_get_array (file);
    g_autoptr(GError) error = NULL;
    g_assert_false (glmcc_npy_is_integer (a));
    g_assert_cmpfloat (glmcc_npy_get_double (a, 1), ==, -2.25);
    g_assert_null (glmcc_npy_to_int64 (a, path, &error));
    g_assert_nonnull (strstr (error->message, "element 0 (0.5) is not an integer"));
  }
  {
    g_autofree char *path = io_test_write_npy_header (dir, "f8.npy", 3,
                                                      "{\"descr\": \"<f8\", \"fortran_order\": True, \"shape\": (3,)}",
                                                      f8, sizeof f8);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    const GlmccNpyArray *a = glmcc_npy_file_get_array (file);
    g_assert_cmpfloat (glmcc_npy_get_double (a, 0), ==, 0.1);
    g_assert_cmpfloat (glmcc_npy_get_double (a, 2), ==, 12345678901.0);
  }
  {
    /* A 3-D array parses; it is not a vector. */
    float t[2 * 3 * 4] = { 0 };
    g_autofree char *path = io_test_write_npy (dir, "t.npy", "<f4", "(2, 3, 4)", t, sizeof t);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    const GlmccNpyArray *a = glmcc_npy_file_get_array (file);
    g_autoptr(GError) error = NULL;
    g_assert_cmpuint (a->ndim, ==, 3);
    g_assert_cmpuint (a->shape[2], ==, 4);
    g_assert_false (glmcc_npy_check_vector (a, path, &error));
    g_assert_nonnull (strstr (error->message, "shape (2, 3, 4) where (n,) or (n, 1) is expected"));
  }
  {
    /* Empty array. */
    g_autofree char *path = io_test_write_npy (dir, "e.npy", "<i8", "(0,)", NULL, 0);
    g_autoptr(GlmccNpyFile) file = open_ok (path);
    g_assert_cmpuint (glmcc_npy_file_get_array (file)->n_elements, ==, 0);
  }
  io_test_remove_tree (dir);
}

typedef struct
{
  guint       version;
  const char *header;
  gsize       data_len;
  int         code;
  const char *message;
} BadHeader;

static void
test_refusals (void)
{
  static const BadHeader cases[] = {
    { 1, "{'descr': '>i8', 'fortran_order': False, 'shape': (2,), }", 16, GLMCC_ERROR_UNSUPPORTED, "dtype “>i8” is not supported (little-endian <i4 <u4 <i8 <u8 <f4 <f8 are); this array is big-endian" },
    { 1, "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", 32, GLMCC_ERROR_UNSUPPORTED, "dtype “<c16” is not supported" },
    { 1, "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 16, GLMCC_ERROR_UNSUPPORTED, "dtype “|O” is not supported" },
    { 1, "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,), }", 8, GLMCC_ERROR_PARSE, "malformed .npy header: descr is not a plain dtype string" },
    { 1, "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 2), }", 32, GLMCC_ERROR_UNSUPPORTED, "Fortran-order arrays of more than one dimension" },
    { 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }", 16, GLMCC_ERROR_PARSE, "truncated: the header announces 4 values of <i8 but only 16 bytes of data follow" },
    { 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", 16, GLMCC_ERROR_PARSE, "8 bytes after the 1 values" },
    { 1, "{'descr': '<i8', 'shape': (1,), }", 8, GLMCC_ERROR_PARSE, "descr, fortran_order or shape is missing" },
    { 1, "{'descr': '<i8', 'fortran_order': Maybe, 'shape': (1,), }", 8, GLMCC_ERROR_PARSE, "fortran_order is neither True nor False" },
    { 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (-1,), }", 8, GLMCC_ERROR_PARSE, "the shape holds something other than non-negative integers" },
    { 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (99999999999999999999,), }", 8, GLMCC_ERROR_PARSE, "malformed .npy header" },
    { 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", 8, GLMCC_ERROR_PARSE, "the shape overflows" },
    { 1, "['descr', '<i8']", 8, GLMCC_ERROR_PARSE, "malformed .npy header: not a dict" },
    { 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), 'extra': 1}", 8, GLMCC_ERROR_PARSE, "unknown key" },
    { 4, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", 8, GLMCC_ERROR_UNSUPPORTED, ".npy format version 4.0 is not supported" },
  };
  g_autofree char *dir = io_test_make_dir ();
  guint8 data[64] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = io_test_write_npy_header (dir, "bad.npy", cases[i].version,
                                                        cases[i].header, data, cases[i].data_len);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].header);
      g_assert_null (glmcc_npy_file_open (path, &error));
      g_assert_error (error, GLMCC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "bad.npy"));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
  io_test_remove_tree (dir);
}

static void
test_garbage (void)
{
  g_autofree char *dir = io_test_make_dir ();
  const guint8 short_magic[] = { 0x93, 'N', 'U', 'M' };
  const guint8 header_cut[] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0, '{', '\'' };
  g_autoptr(GError) error = NULL;
  g_autofree char *a = io_test_write (dir, "text.npy", "1,2,3\n");
  g_autofree char *b = io_test_write_bytes (dir, "short.npy", short_magic, sizeof short_magic);
  g_autofree char *c = io_test_write_bytes (dir, "cut.npy", header_cut, sizeof header_cut);
  g_autofree char *d = io_test_write (dir, "empty.npy", "");

  g_assert_null (glmcc_npy_file_open (a, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "not a NumPy .npy file"));
  g_clear_error (&error);
  g_assert_null (glmcc_npy_file_open (b, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (glmcc_npy_file_open (c, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "truncated .npy header (118 bytes announced, 2 present)"));
  g_clear_error (&error);
  g_assert_null (glmcc_npy_file_open (d, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (glmcc_npy_file_open (dir, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  io_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/npy/dtypes", test_dtypes);
  g_test_add_func ("/io/npy/refusals", test_refusals);
  g_test_add_func ("/io/npy/garbage", test_garbage);
  return g_test_run ();
}
