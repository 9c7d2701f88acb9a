/* make-binary-fixtures.c: writes the MATLAB and NWB fixtures of tests/data/formats/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built (not by default) as tests/io/make-binary-fixtures; run it in tests/data/formats/:
 *   meson compile -C _build make-binary-fixtures && (cd tests/data/formats &&
 *     ../../../_build/tests/io/make-binary-fixtures)
 * The committed files are the reference: tests/data/bad/make-bad.py damages them at fixed
 * offsets, so regenerating them means checking those offsets again.
 *
 * Three units, named 3, 5 and 8 in the MATLAB files (spikes.UID) and 10, 4 and 12 in the NWB
 * file (/units/id), with 200, 150 and 100 spikes in seconds.
 */
#include <hdf5.h>
#include <matio.h>
#include <stdio.h>

#define N_A 200
#define N_B 150
#define N_C 100

static double train_a[N_A], train_b[N_B], train_c[N_C];

static matvar_t *
double_vector (const double *values,
               size_t        n)
{
  size_t dims[2] = { n, 1 };

  return Mat_VarCreate (NULL, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, (void *) values, 0);
}

static int
write_mat (const char              *path,
           enum mat_ft              version,
           enum matio_compression   compression)
{
  static const double uid[] = { 3, 5, 8 };
  const char *fields[] = { "times", "UID" };
  size_t one[2] = { 1, 1 }, three[2] = { 1, 3 };
  matvar_t *spikes = Mat_VarCreateStruct ("spikes", 2, one, fields, 2);
  matvar_t *times = Mat_VarCreate ("times", MAT_C_CELL, MAT_T_CELL, 2, three, NULL, 0);
  mat_t *mat;

  Mat_VarSetCell (times, 0, double_vector (train_a, N_A));
  Mat_VarSetCell (times, 1, double_vector (train_b, N_B));
  Mat_VarSetCell (times, 2, double_vector (train_c, N_C));
  Mat_VarSetStructFieldByName (spikes, "times", 0, times);
  Mat_VarSetStructFieldByName (spikes, "UID", 0,
                               Mat_VarCreate ("UID", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, three,
                                              (void *) uid, 0));
  mat = Mat_CreateVer (path, NULL, version);
  if (mat == NULL || Mat_VarWrite (mat, spikes, compression) != 0)
    return 1;
  Mat_VarFree (spikes);
  Mat_Close (mat);
  return 0;
}

static void
write_vector (hid_t       group,
              const char *name,
              hid_t       file_type,
              hid_t       memory_type,
              const void *data,
              hsize_t     n)
{
  hid_t space = H5Screate_simple (1, &n, NULL);
  hid_t dataset = H5Dcreate2 (group, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT,
                              H5P_DEFAULT);

  H5Dwrite (dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
  H5Dclose (dataset);
  H5Sclose (space);
}

static int
write_nwb (const char *path)
{
  static double times[N_A + N_B + N_C];
  static const unsigned long long index[] = { N_A, N_A + N_B, N_A + N_B + N_C };
  static const long long ids[] = { 10, 4, 12 };
  const char *quality[] = { "good", "mua", "good" };
  hsize_t n = 3;
  hid_t file, units, string_type, space, dataset;
  int k = 0;

  for (int i = 0; i < N_A; i++)
    times[k++] = train_a[i];
  for (int i = 0; i < N_B; i++)
    times[k++] = train_b[i];
  for (int i = 0; i < N_C; i++)
    times[k++] = train_c[i];
  file = H5Fcreate (path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0)
    return 1;
  units = H5Gcreate2 (file, "units", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  write_vector (units, "spike_times", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, times, k);
  write_vector (units, "spike_times_index", H5T_STD_U32LE, H5T_NATIVE_ULLONG, index, 3);
  write_vector (units, "id", H5T_STD_I64LE, H5T_NATIVE_LLONG, ids, 3);
  string_type = H5Tcopy (H5T_C_S1);
  H5Tset_size (string_type, H5T_VARIABLE);
  space = H5Screate_simple (1, &n, NULL);
  dataset = H5Dcreate2 (units, "quality", string_type, space, H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT);
  H5Dwrite (dataset, string_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, quality);
  H5Dclose (dataset);
  H5Sclose (space);
  H5Tclose (string_type);
  H5Gclose (units);
  H5Fclose (file);
  return 0;
}

int
main (void)
{
  for (int i = 0; i < N_A; i++)
    train_a[i] = 0.01 * i + 0.001;
  for (int i = 0; i < N_B; i++)
    train_b[i] = 0.013 * i + 0.002;
  for (int i = 0; i < N_C; i++)
    train_c[i] = 0.02 * i + 0.003;
  return write_mat ("spikes-v5.mat", MAT_FT_MAT5, MAT_COMPRESSION_NONE)
         | write_mat ("spikes-v5z.mat", MAT_FT_MAT5, MAT_COMPRESSION_ZLIB)
         | write_mat ("spikes-v73.mat", MAT_FT_MAT73, MAT_COMPRESSION_NONE)
         | write_nwb ("units.nwb");
}
