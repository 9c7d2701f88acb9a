/* test-mat.c: MATLAB files, written here with libmatio (v5 and v7.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "io-test-util.h"

#if HAVE_MATIO
#include <matio.h>

/* Builds a struct variable with the NULL-terminated @fields, with whichever call this matio has
 * (see HAVE_MAT_VARCREATESTRUCT2 in meson.build). */
static matvar_t *
create_struct (const char  *name,
               int          rank,
               size_t      *dims,
               const char **fields)
{
#if HAVE_MAT_VARCREATESTRUCT2
  return Mat_VarCreateStruct2 (name, rank, dims, fields);
#else
  return Mat_VarCreateStruct (name, rank, dims, fields, g_strv_length ((char **) fields));
#endif
}

static matvar_t *
double_vector (const char   *name,
               const double *values,
               gsize         n)
{
  size_t dims[2] = { n, 1 };

  return Mat_VarCreate (name, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, (void *) values, 0);
}

static matvar_t *
cell_of_trains (const char          *name,
                const double * const *trains,
                const gsize          *lengths,
                gsize                 n)
{
  size_t dims[2] = { n, 1 };
  matvar_t *cell = Mat_VarCreate (name, MAT_C_CELL, MAT_T_CELL, 2, dims, NULL, 0);

  for (gsize i = 0; i < n; i++)
    Mat_VarSetCell (cell, (int) i, double_vector (NULL, trains[i], lengths[i]));
  return cell;
}

static void
write_vars (const char  *path,
            enum mat_ft  version,
            matvar_t   **vars,
            guint        n_vars)
{
  mat_t *mat = Mat_CreateVer (path, NULL, version);

  g_assert_nonnull (mat);
  for (guint i = 0; i < n_vars; i++)
    {
      g_assert_cmpint (Mat_VarWrite (mat, vars[i], MAT_COMPRESSION_NONE), ==, 0);
      Mat_VarFree (vars[i]);
    }
  Mat_Close (mat);
}

static const double train_a[] = { 0.001, 0.5, 2.25 };
static const double train_b[] = { 0.0015, 3.0000000004 };
static const double * const trains[] = { train_a, train_b, NULL };
static const gsize lengths[] = { 3, 2, 0 };

static matvar_t *
spikes_struct (gboolean with_uid,
               gboolean with_times)
{
  const char *fields[] = { "times", "UID", "sessionName", NULL };
  size_t dims[2] = { 1, 1 };
  matvar_t *spikes = create_struct ("spikes", 2, dims, fields);
  static const double uid[] = { 7, 9, 11 };
  size_t name_dims[2] = { 1, 4 };

  if (with_times)
    Mat_VarSetStructFieldByName (spikes, "times", 0, cell_of_trains ("times", trains, lengths, 3));
  else
    Mat_VarSetStructFieldByName (spikes, "times", 0, double_vector ("times", train_a, 3));
  if (with_uid)
    Mat_VarSetStructFieldByName (spikes, "UID", 0, double_vector ("UID", uid, 3));
  Mat_VarSetStructFieldByName (spikes, "sessionName", 0,
                               Mat_VarCreate ("sessionName", MAT_C_CHAR, MAT_T_UINT8, 2, name_dims,
                                              (void *) "rat1", 0));
  return spikes;
}

static void
check_trains (GlmccRecording *recording,
              const char     *first_name)
{
  const double *train;
  gsize n;

  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "mat");
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, first_name);
  train = glmcc_recording_get_train (recording, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (train[0] == 1.0 && train[1] == 500.0 && train[2] == 2250.0);
  train = glmcc_recording_get_train (recording, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (train[0] == 1.5 && train[1] == 3000.0);
  glmcc_recording_get_train (recording, 2, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_struct (void)
{
  const enum mat_ft versions[] = { MAT_FT_MAT5, MAT_FT_MAT73 };
  g_autofree char *dir = io_test_make_dir ();

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *path = g_build_filename (dir, "rat1.spikes.cellinfo.mat", NULL);
      matvar_t *vars[2];
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;
      size_t dims[2] = { 1, 1 };
      double other = 4;

      vars[0] = Mat_VarCreate ("other", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, &other, 0);
      vars[1] = spikes_struct (TRUE, TRUE);
      write_vars (path, versions[v], vars, 2);

      g_test_message ("version %x", versions[v]);
      g_assert_cmpstr (glmcc_loader_detect (path), ==, "mat");
      recording = glmcc_load (path, NULL, &error);
      g_assert_no_error (error);
      check_trains (recording, "7");
      g_assert_cmpstr (glmcc_recording_get_name (recording, 2), ==, "11");
      g_assert_true (io_test_has_note (recording, "named by UID"));
      g_assert_true (io_test_has_note (recording, "times taken as seconds"));
    }
  io_test_remove_tree (dir);
}

static void
test_cell_and_matrix (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "adhoc.mat", NULL);
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  {
    /* N×2 [time unit] in ms, column-major. */
    const double rows[] = { 1.0, 500.0, 1.5, 2250.0, 3000.0,   /* times */
                            5, 5, 2, 5, 2 };                   /* units */
    size_t dims[2] = { 5, 2 };
    matvar_t *vars[2];

    vars[0] = cell_of_trains ("spikeTimes", trains, lengths, 3);
    vars[1] = Mat_VarCreate ("spindices", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, (void *) rows, 0);
    write_vars (path, MAT_FT_MAT5, vars, 2);
  }

  /* Two variables, no spikes struct: the loader asks which. */
  g_assert_null (glmcc_load (path, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_VARIABLE);
  g_assert_nonnull (strstr (error->message, "the variables are: spikeTimes (cell 3×1), spindices (double 5×2)"));
  g_clear_error (&error);

  glmcc_load_options_init (&options);
  options.variable = "spikeTimes";
  {
    g_autoptr(GlmccRecording) recording = glmcc_load (path, &options, &error);
    g_assert_no_error (error);
    check_trains (recording, "0");
  }

  options.variable = "spindices";
  options.time_unit = GLMCC_TIME_UNIT_MS;
  {
    g_autoptr(GlmccRecording) recording = glmcc_load (path, &options, &error);
    const double *train;
    gsize n;

    g_assert_no_error (error);
    g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 2);
    g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "2");
    train = glmcc_recording_get_train (recording, 1, &n);
    g_assert_cmpuint (n, ==, 3);
    g_assert_true (train[0] == 1.0 && train[2] == 2250.0);
  }

  options.variable = "nothere";
  g_assert_null (glmcc_load (path, &options, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "adhoc.mat: no variable nothere"));
  g_clear_error (&error);

  io_test_remove_tree (dir);
}

/* Every kind of variable MATLAB writes sits next to the spikes: the size checks must let all
 * of them through, in every version and with compression (no false refusal). */
static void
test_many_kinds (void)
{
  const struct
  {
    enum mat_ft             version;
    enum matio_compression  compression;
  } files[] = {
    { MAT_FT_MAT5, MAT_COMPRESSION_NONE }, { MAT_FT_MAT5, MAT_COMPRESSION_ZLIB },
    { MAT_FT_MAT73, MAT_COMPRESSION_NONE }, { MAT_FT_MAT73, MAT_COMPRESSION_ZLIB },
  };
  g_autofree char *dir = io_test_make_dir ();

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_build_filename (dir, "kinds.mat", NULL);
      size_t one[2] = { 1, 1 }, empty[2] = { 0, 0 }, two[2] = { 2, 3 }, text[2] = { 1, 5 };
      static const gint16 small[] = { 1, -2, 3, -4, 5, -6 };
      static const guint8 flags[] = { 1, 0, 1, 0, 1, 1 };
      static const double scalar = 42.0;
      const char *fields[] = { "a", "b", NULL };
      const char *no_fields[] = { NULL };
      const double *with_empty[] = { train_a, NULL, train_b };
      const gsize empty_lengths[] = { 3, 0, 2 };
      matvar_t *vars[10];
      mat_t *mat;
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;
      GlmccLoadOptions options;

      vars[0] = spikes_struct (TRUE, TRUE);
      vars[1] = Mat_VarCreate ("label", MAT_C_CHAR, MAT_T_UINT8, 2, text, (void *) "hello", 0);
      vars[2] = Mat_VarCreate ("nothing", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, empty, NULL, 0);
      vars[3] = Mat_VarCreate ("small", MAT_C_INT16, MAT_T_INT16, 2, two, (void *) small, 0);
      vars[4] = Mat_VarCreate ("mask", MAT_C_UINT8, MAT_T_UINT8, 2, two, (void *) flags,
                               MAT_F_LOGICAL);
      vars[5] = Mat_VarCreate ("scalar", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, one, (void *) &scalar, 0);
      vars[6] = Mat_VarCreateStruct2 ("info", 2, one, fields);
      Mat_VarSetStructFieldByName (vars[6], "a", 0,
                                   Mat_VarCreate ("a", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, one,
                                                  (void *) &scalar, 0));
      vars[7] = cell_of_trains ("with_empty", with_empty, empty_lengths, 3);
      vars[8] = Mat_VarCreateStruct2 ("nofields", 2, one, no_fields);
      /* libmatio misreads this one when compressed (it declares the text 8 bytes longer than
         it writes it): what it says about it must not fail the load of another variable. */
      vars[9] = Mat_VarCreate ("labels", MAT_C_CELL, MAT_T_CELL, 2, one, NULL, 0);
      Mat_VarSetCell (vars[9], 0, Mat_VarCreate (NULL, MAT_C_CHAR, MAT_T_UINT8, 2, text,
                                                 (void *) "hello", 0));
      mat = Mat_CreateVer (path, NULL, files[f].version);
      g_assert_nonnull (mat);
      for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
        {
          g_assert_cmpint (Mat_VarWrite (mat, vars[i], files[f].compression), ==, 0);
          Mat_VarFree (vars[i]);
        }
      Mat_Close (mat);

      g_test_message ("version %d, compression %d", files[f].version, files[f].compression);
      recording = glmcc_load (path, NULL, &error);
      g_assert_no_error (error);
      check_trains (recording, "7");
      g_clear_pointer (&recording, glmcc_recording_unref);

      glmcc_load_options_init (&options);
      options.variable = "with_empty";
      recording = glmcc_load (path, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
    }
  io_test_remove_tree (dir);
}

typedef struct
{
  const char *variable;
  int         code;
  const char *message;
} BadMat;

static void
test_bad (void)
{
  static const BadMat cases[] = {
    { "name", GLMCC_ERROR_INVALID_DATA, "name is char 1×4; a struct with times, a cell array or an N×2 matrix is expected" },
    { "vector", GLMCC_ERROR_INVALID_DATA, "vector is double 3×1; a numeric variable must be an N×2 [time unit] matrix" },
    { "square", GLMCC_ERROR_INVALID_DATA, "square{1} is double 2×2, not a vector of spike times" },
    { "cplx", GLMCC_ERROR_INVALID_DATA, "cplx is double 2×2 (complex), not a real numeric array" },
    { "notimes", GLMCC_ERROR_INVALID_DATA, "the struct notimes has no field times" },
    { "flat", GLMCC_ERROR_INVALID_DATA, "flat.times is double 3×1; a cell array of spike-time vectors is expected" },
    { "nan", GLMCC_ERROR_INVALID_DATA, "nan{2}: element 1 is not a finite number" },
  };
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.mat", NULL);
  matvar_t *vars[7];

  {
    size_t dims14[2] = { 1, 4 }, dims22[2] = { 2, 2 }, dims1[2] = { 1, 1 };
    static const double square[] = { 1, 2, 3, 4 };
    static const double nan_train[] = { NAN };
    static const double re[] = { 1, 2, 3, 4 }, im[] = { 0, 1, 0, 1 };
    struct mat_complex_split_t split = { (void *) re, (void *) im };
    const char *fields[] = { "spikes_here", NULL };
    const double *with_nan[] = { train_a, nan_train };
    const gsize nan_lengths[] = { 3, 1 };
    size_t cell_dims[2] = { 1, 1 };
    matvar_t *cell;

    vars[0] = Mat_VarCreate ("name", MAT_C_CHAR, MAT_T_UINT8, 2, dims14, (void *) "abcd", 0);
    vars[1] = double_vector ("vector", train_a, 3);
    cell = Mat_VarCreate ("square", MAT_C_CELL, MAT_T_CELL, 2, cell_dims, NULL, 0);
    Mat_VarSetCell (cell, 0, Mat_VarCreate (NULL, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims22,
                                            (void *) square, 0));
    vars[2] = cell;
    vars[3] = Mat_VarCreate ("cplx", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims22, &split, MAT_F_COMPLEX);
    vars[4] = create_struct ("notimes", 2, dims1, fields);
    vars[5] = spikes_struct (FALSE, FALSE);
    g_free (vars[5]->name);
    vars[5]->name = g_strdup ("flat");
    vars[6] = cell_of_trains ("nan", with_nan, nan_lengths, 2);
    write_vars (path, MAT_FT_MAT5, vars, G_N_ELEMENTS (vars));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GlmccLoadOptions options;

      g_test_message ("case %u: %s", i, cases[i].variable);
      glmcc_load_options_init (&options);
      options.variable = cases[i].variable;
      g_assert_null (glmcc_load (path, &options, &error));
      g_assert_error (error, GLMCC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "bad.mat: "));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* Garbage and truncated files. */
  {
    g_autofree char *garbage = io_test_write (dir, "garbage.mat", "MATLAB 5.0 MAT-file, but then nothing useful");
    g_autofree char *contents = NULL;
    g_autofree char *cut = NULL;
    g_autoptr(GError) error = NULL;
    gsize length;

    g_assert_cmpstr (glmcc_loader_detect (garbage), ==, "mat");
    g_assert_null (glmcc_load (garbage, NULL, &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "garbage.mat: not a MATLAB .mat file (no version 5 header, and not version 4)"));
    g_clear_error (&error);

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    cut = io_test_write_bytes (dir, "cut.mat", contents, 200);
    g_assert_null (glmcc_load (cut, NULL, &error));
    g_assert_nonnull (error);
    g_assert_true (error->domain == GLMCC_ERROR);
    g_assert_nonnull (strstr (error->message, "cut.mat: "));
  }
  io_test_remove_tree (dir);
}

#else

static void
test_missing_feature (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *path = io_test_write (dir, "x.mat", "MATLAB 5.0 MAT-file");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (glmcc_loader_detect (path), ==, "mat");
  g_assert_null (glmcc_load (path, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "this build lacks the mat feature (libmatio)"));
  io_test_remove_tree (dir);
}

#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#if HAVE_MATIO
  g_test_add_func ("/io/mat/struct", test_struct);
  g_test_add_func ("/io/mat/cell-and-matrix", test_cell_and_matrix);
  g_test_add_func ("/io/mat/bad", test_bad);
  g_test_add_func ("/io/mat/many-kinds", test_many_kinds);
#else
  g_test_add_func ("/io/mat/missing-feature", test_missing_feature);
#endif
  return g_test_run ();
}
