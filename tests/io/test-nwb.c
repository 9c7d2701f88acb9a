/* test-nwb.c: the NWB units table, written here with libhdf5
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "io-test-util.h"

#if HAVE_HDF5
#include <hdf5.h>

static void
write_vector (hid_t       group,
              const char *name,
              hid_t       file_type,
              hid_t       mem_type,
              const void *data,
              hsize_t     n,
              int         rank)
{
  hsize_t dims[2] = { n, 1 };
  hid_t space = H5Screate_simple (rank, dims, NULL);
  hid_t dataset = H5Dcreate2 (group, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);

  g_assert_cmpint (dataset, >=, 0);
  if (n > 0)
    g_assert_cmpint (H5Dwrite (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), >=, 0);
  H5Dclose (dataset);
  H5Sclose (space);
}

typedef struct
{
  const double  *times;
  gsize          n_times;
  const guint64 *index;
  gsize          n_index;
  hid_t          index_type;   /* file type of spike_times_index; 0 = none */
  const gint64  *ids;
  gsize          n_ids;
  gboolean       no_units;
  int            times_rank;
  gboolean       obs_intervals;
  gboolean       quality_and_electrodes;
} NwbSpec;

static void
write_extras (hid_t file,
              hid_t units)
{
  const char *quality[] = { "good", "noise", "Good" };
  const guint64 electrodes[] = { 2, 0, 1, 1 }, electrodes_index[] = { 1, 3, 4 };
  const double rel_x[] = { 0.0, 16.0, 32.0 }, rel_y[] = { 20.0, 40.0, 60.0 };
  hsize_t n = 3;
  hid_t string_type = H5Tcopy (H5T_C_S1);
  hid_t space = H5Screate_simple (1, &n, NULL);
  hid_t dataset, general, ephys, table;

  H5Tset_size (string_type, H5T_VARIABLE);
  dataset = H5Dcreate2 (units, "quality", string_type, space, H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT);
  g_assert_cmpint (H5Dwrite (dataset, string_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, quality), >=, 0);
  H5Dclose (dataset);
  H5Sclose (space);
  H5Tclose (string_type);

  write_vector (units, "electrodes", H5T_STD_I32LE, H5T_NATIVE_UINT64, electrodes, 4, 1);
  write_vector (units, "electrodes_index", H5T_STD_U8LE, H5T_NATIVE_UINT64, electrodes_index, 3, 1);
  general = H5Gcreate2 (file, "general", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  ephys = H5Gcreate2 (general, "extracellular_ephys", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  table = H5Gcreate2 (ephys, "electrodes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  write_vector (table, "rel_x", H5T_IEEE_F32LE, H5T_NATIVE_DOUBLE, rel_x, 3, 1);
  write_vector (table, "rel_y", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, rel_y, 3, 1);
  H5Gclose (table);
  H5Gclose (ephys);
  H5Gclose (general);
}

static char *
write_nwb (const char    *dir,
           const char    *name,
           const NwbSpec *spec)
{
  char *path = g_build_filename (dir, name, NULL);
  hid_t file = H5Fcreate (path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  hid_t units;

  g_assert_cmpint (file, >=, 0);
  if (spec->no_units)
    {
      hid_t g = H5Gcreate2 (file, "acquisition", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      H5Gclose (g);
      H5Fclose (file);
      return path;
    }
  units = H5Gcreate2 (file, "units", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  write_vector (units, "spike_times", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, spec->times,
                spec->n_times, spec->times_rank > 0 ? spec->times_rank : 1);
  if (spec->index_type != 0)
    write_vector (units, "spike_times_index", spec->index_type, H5T_NATIVE_UINT64, spec->index,
                  spec->n_index, 1);
  if (spec->ids != NULL)
    write_vector (units, "id", H5T_STD_I64LE, H5T_NATIVE_INT64, spec->ids, spec->n_ids, 1);
  if (spec->obs_intervals)
    {
      const double intervals[] = { 0.0, 10.0, 0.5, 12.5 };
      hsize_t dims[2] = { 2, 2 };
      hid_t space = H5Screate_simple (2, dims, NULL);
      hid_t dataset = H5Dcreate2 (units, "obs_intervals", H5T_IEEE_F64LE, space, H5P_DEFAULT,
                                  H5P_DEFAULT, H5P_DEFAULT);
      H5Dwrite (dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, intervals);
      H5Dclose (dataset);
      H5Sclose (space);
    }
  if (spec->quality_and_electrodes)
    write_extras (file, units);
  H5Gclose (units);
  H5Fclose (file);
  return path;
}

static const double times[] = { 0.001, 0.5, 2.25, 0.0015, 1e-9, 3.0000000004, 7.0 };
static const guint64 index3[] = { 3, 6, 7 };
static const gint64 ids3[] = { 10, 4, 12 };

static void
test_good (void)
{
  const hid_t widths[] = { H5T_STD_U8LE, H5T_STD_U16LE, H5T_STD_U32LE, H5T_STD_U64LE, H5T_STD_I32LE };
  g_autofree char *dir = io_test_make_dir ();

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      NwbSpec spec = { times, 7, index3, 3, widths[w], ids3, 3, FALSE, 0, w == 0, FALSE };
      g_autofree char *path = write_nwb (dir, "units.nwb", &spec);
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;
      const double *train;
      gsize n;

      g_assert_cmpstr (glmcc_loader_detect (path), ==, "nwb");
      recording = glmcc_load (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (glmcc_recording_get_format (recording), ==, "nwb");
      g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
      g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "10");
      g_assert_cmpstr (glmcc_recording_get_name (recording, 1), ==, "4");
      train = glmcc_recording_get_train (recording, 0, &n);
      g_assert_cmpuint (n, ==, 3);
      g_assert_true (train[0] == 1.0);
      g_assert_true (train[1] == 500.0);
      g_assert_true (train[2] == 2250.0);
      train = glmcc_recording_get_train (recording, 1, &n);
      g_assert_cmpuint (n, ==, 3);
      /* Sorted on load, snapped to the nanosecond. */
      g_assert_true (train[0] == 0.000001);
      g_assert_true (train[1] == 1.5);
      g_assert_true (train[2] == 3000.0);
      g_assert_true (io_test_has_note (recording, "neuron 4: spike times were not sorted"));
      g_assert_true (io_test_has_note (recording, "from seconds"));
      if (w == 0)
        g_assert_true (io_test_has_note (recording, "obs_intervals: 2 observation intervals between 0 s and 12.5 s"));
    }
  io_test_remove_tree (dir);
}

static void
test_quality_and_positions (void)
{
  g_autofree char *dir = io_test_make_dir ();
  NwbSpec spec = { times, 7, index3, 3, H5T_STD_U64LE, ids3, 3, FALSE, 0, FALSE, TRUE };
  g_autofree char *path = write_nwb (dir, "units.nwb", &spec);
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;
  double x, y;

  /* By default every unit is kept. */
  recording = glmcc_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 3);
  g_assert_true (io_test_has_note (recording, "/units/quality present; every unit kept"));
  g_assert_true (glmcc_recording_get_position (recording, 0, &x, &y));
  g_assert_cmpfloat (x, ==, 32.0);
  g_assert_cmpfloat (y, ==, 60.0);
  g_assert_true (glmcc_recording_get_position (recording, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 0.0);
  g_assert_cmpfloat (y, ==, 20.0);
  g_assert_true (io_test_has_note (recording, "positions of 3 units from their first electrode"));
  g_clear_pointer (&recording, glmcc_recording_unref);

  /* Labels chosen: "good" matches "Good" too; the noise unit goes. */
  glmcc_load_options_init (&options);
  options.units = "good";
  recording = glmcc_load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 2);
  g_assert_cmpstr (glmcc_recording_get_name (recording, 0), ==, "10");
  g_assert_cmpstr (glmcc_recording_get_name (recording, 1), ==, "12");
  g_assert_true (glmcc_recording_get_position (recording, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 16.0);
  g_assert_true (io_test_has_note (recording, "units with quality good kept, 1 dropped"));
  io_test_remove_tree (dir);
}

typedef struct
{
  NwbSpec     spec;
  int         code;
  const char *message;
} BadNwb;

static void
test_bad (void)
{
  static const guint64 decreasing[] = { 3, 2, 7 };
  static const guint64 beyond[] = { 3, 6, 9 };
  static const gint64 ids2[] = { 1, 2 };
  const BadNwb cases[] = {
    { { times, 7, index3, 3, 0, ids3, 3, TRUE, 0, FALSE }, GLMCC_ERROR_INVALID_DATA, "no /units table" },
    { { times, 7, index3, 3, 0, ids3, 3, FALSE, 0, FALSE }, GLMCC_ERROR_INVALID_DATA, "/units/spike_times has no spike_times_index" },
    { { times, 7, decreasing, 3, H5T_STD_U8LE, ids3, 3, FALSE, 0, FALSE }, GLMCC_ERROR_INVALID_DATA, "/units/spike_times_index decreases at unit 1 (2 after 3)" },
    { { times, 7, beyond, 3, H5T_STD_U16LE, ids3, 3, FALSE, 0, FALSE }, GLMCC_ERROR_INVALID_DATA, "/units/spike_times_index[2] = 9 points beyond the 7 spike times" },
    { { times, 7, index3, 3, H5T_STD_U32LE, ids2, 2, FALSE, 0, FALSE }, GLMCC_ERROR_INVALID_DATA, "/units/id has 2 entries but spike_times_index has 3" },
    { { times, 7, index3, 3, H5T_IEEE_F32LE, ids3, 3, FALSE, 0, FALSE }, GLMCC_ERROR_INVALID_DATA, "/units/spike_times_index does not hold integers" },
  };
  g_autofree char *dir = io_test_make_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_nwb (dir, "bad.nwb", &cases[i].spec);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_null (glmcc_load (path, NULL, &error));
      g_assert_error (error, GLMCC_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "bad.nwb: "));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* 2-D spike times (n, 1) are accepted; the index then still works. */
  {
    NwbSpec spec = { times, 7, index3, 3, H5T_STD_U64LE, NULL, 0, FALSE, 2, FALSE };
    g_autofree char *path = write_nwb (dir, "col.nwb", &spec);
    g_autoptr(GlmccRecording) recording = NULL;
    g_autoptr(GError) error = NULL;

    recording = glmcc_load (path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (glmcc_recording_get_name (recording, 2), ==, "2");
    g_assert_true (io_test_has_note (recording, "no /units/id"));
  }

  /* A truncated file. */
  {
    NwbSpec spec = { times, 7, index3, 3, H5T_STD_U64LE, ids3, 3, FALSE, 0, FALSE };
    g_autofree char *path = write_nwb (dir, "cut.nwb", &spec);
    g_autofree char *contents = NULL;
    g_autofree char *cut = NULL;
    g_autoptr(GError) error = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    cut = io_test_write_bytes (dir, "cut.nwb", contents, length / 2);
    g_assert_null (glmcc_load (cut, NULL, &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "cut.nwb: truncated: its HDF5 superblock gives the file "));
  }

  /* Not HDF5 at all. */
  {
    g_autofree char *path = io_test_write (dir, "text.nwb", "this is not HDF5\n");
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (glmcc_loader_detect (path), ==, "nwb");
    g_assert_null (glmcc_load (path, NULL, &error));
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "text.nwb: not an HDF5 file"));
  }
  io_test_remove_tree (dir);
}

#else

static void
test_missing_feature (void)
{
  g_autofree char *dir = io_test_make_dir ();
  g_autofree char *path = io_test_write (dir, "x.nwb", "\x89HDF\r\n\x1a\n");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (glmcc_loader_detect (path), ==, "nwb");
  g_assert_null (glmcc_load (path, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "this build lacks the nwb feature (libhdf5)"));
  io_test_remove_tree (dir);
}

#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#if HAVE_HDF5
  g_test_add_func ("/io/nwb/good", test_good);
  g_test_add_func ("/io/nwb/bad", test_bad);
  g_test_add_func ("/io/nwb/quality-and-positions", test_quality_and_positions);
#else
  g_test_add_func ("/io/nwb/missing-feature", test_missing_feature);
#endif
  return g_test_run ();
}
