/* test-cross-format.c: one recording written in every format loads as the same doubles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spike times are drawn as integer sample indices at 20 kHz (one near 1e10). Every format gets
 * them in its own unit: ms text for the per-neuron files and the web layout, seconds for CSV,
 * NWB and MAT, samples for CSV, phy and Neuroscope. After the conversion rule of DESIGN.md all
 * of them must give bit-identical trains.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "glmcc-recording.h"
#include "io-test-util.h"

#if HAVE_HDF5
#include <hdf5.h>
#endif
#if HAVE_MATIO
#include <matio.h>
#endif

#define N_NEURONS 5
#define RATE 20000.0

typedef struct
{
  GArray *samples[N_NEURONS];  /* gint64, sorted */
  guint   ids[N_NEURONS];      /* unit ids, increasing (>= 2 for Neuroscope) */
} Spikes;

static double
ms_of (gint64 index)
{
  return glmcc_time_snap_ms ((double) index * 1000.0 / RATE);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
make_spikes (Spikes *spikes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20191);

  for (guint u = 0; u < N_NEURONS; u++)
    {
      guint n = 150 + 40 * u;

      spikes->ids[u] = 2 + 3 * u;
      spikes->samples[u] = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < n; i++)
        {
          gint64 s = g_rand_int_range (rand, 0, 12000000);  /* 10 minutes */
          g_array_append_val (spikes->samples[u], s);
        }
      if (u == 1)
        {
          gint64 far = 9999999999;  /* about 5.8 days at 20 kHz */
          g_array_append_val (spikes->samples[u], far);
        }
      g_array_sort (spikes->samples[u], compare_int64);
    }
}

static void
free_spikes (Spikes *spikes)
{
  for (guint u = 0; u < N_NEURONS; u++)
    g_array_unref (spikes->samples[u]);
}

#define SAMPLE(spikes, u, i) g_array_index ((spikes)->samples[u], gint64, i)

static char *
write_text_dir (const char   *top,
                const Spikes *spikes)
{
  char *dir = g_build_filename (top, "text-dir", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint u = 0; u < N_NEURONS; u++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("cell%u.txt", u);

      for (guint i = 0; i < spikes->samples[u]->len; i++)
        g_string_append_printf (text, "%.17g\n", ms_of (SAMPLE (spikes, u, i)));
      io_test_put (dir, name, text->str);
    }
  return dir;
}

static char *
write_web_text (const char   *top,
                const Spikes *spikes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint u = 0; u < N_NEURONS; u++)
    {
      for (guint i = 0; i < spikes->samples[u]->len; i++)
        g_string_append_printf (text, "%s%.17g", i % 8 == 0 ? "\n" : i % 2 ? ", " : " ",
                                ms_of (SAMPLE (spikes, u, i)));
      g_string_append (text, ";\n");
    }
  return io_test_write (top, "web.txt", text->str);
}

static char *
write_csv (const char   *top,
           const Spikes *spikes,
           gboolean      seconds)
{
  g_autoptr(GString) text = g_string_new (seconds ? "time_s,cluster,quality\n"
                                                  : "cluster\tspike_samples\n");

  /* Rows interleaved across units, as a sorter writes them. */
  for (guint i = 0; ; i++)
    {
      gboolean any = FALSE;

      for (guint u = 0; u < N_NEURONS; u++)
        if (i < spikes->samples[u]->len)
          {
            gint64 s = SAMPLE (spikes, u, i);
            if (seconds)
              g_string_append_printf (text, "%.17g,%u,good\n", ms_of (s) / 1000.0, spikes->ids[u]);
            else
              g_string_append_printf (text, "%u\t%" G_GINT64_FORMAT "\n", spikes->ids[u], s);
            any = TRUE;
          }
      if (!any)
        break;
    }
  return io_test_write (top, seconds ? "spikes-s.csv" : "spikes-samples.tsv", text->str);
}

static char *
write_phy (const char   *top,
           const Spikes *spikes)
{
  char *dir = g_build_filename (top, "phy", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autofree char *shape = NULL;
  guint next[N_NEURONS] = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  /* Merge by time, as Kilosort sorts spike_times. */
  for (;;)
    {
      int best = -1;

      for (guint u = 0; u < N_NEURONS; u++)
        if (next[u] < spikes->samples[u]->len
            && (best < 0 || SAMPLE (spikes, u, next[u]) < SAMPLE (spikes, best, next[best])))
          best = u;
      if (best < 0)
        break;
      {
        guint64 s = (guint64) SAMPLE (spikes, best, next[best]);
        gint32 id = (gint32) spikes->ids[best];
        g_array_append_val (times, s);
        g_array_append_val (clusters, id);
        next[best]++;
      }
    }
  shape = g_strdup_printf ("(%u, 1)", times->len);
  g_free (io_test_write_npy (dir, "spike_times.npy", "<u8", shape, times->data, times->len * 8));
  g_clear_pointer (&shape, g_free);
  shape = g_strdup_printf ("(%u,)", clusters->len);
  g_free (io_test_write_npy (dir, "spike_clusters.npy", "<i4", shape, clusters->data,
                             clusters->len * 4));
  io_test_put (dir, "params.py", "dat_path = 'raw.bin'\nn_channels_dat = 32\nsample_rate = 20000.\n");
  return dir;
}

static char *
write_neuroscope (const char   *top,
                  const Spikes *spikes)
{
  char *dir = g_build_filename (top, "session", NULL);
  g_autoptr(GString) res = g_string_new (NULL);
  g_autoptr(GString) clu = g_string_new (NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_string_append_printf (clu, "%u\n", N_NEURONS + 2);
  /* A few artefact and noise spikes that must be dropped. */
  g_string_append (res, "5\n7\n");
  g_string_append (clu, "0\n1\n");
  for (guint u = 0; u < N_NEURONS; u++)
    for (guint i = 0; i < spikes->samples[u]->len; i++)
      {
        g_string_append_printf (res, "%" G_GINT64_FORMAT "\n", SAMPLE (spikes, u, i));
        g_string_append_printf (clu, "%u\n", spikes->ids[u]);
      }
  io_test_put (dir, "session.res.1", res->str);
  io_test_put (dir, "session.clu.1", clu->str);
  io_test_put (dir, "session.xml", "<?xml version='1.0'?>\n<parameters><acquisitionSystem>"
                                   "<nBits>16</nBits><samplingRate>20000</samplingRate>"
                                   "</acquisitionSystem></parameters>\n");
  return dir;
}

#if HAVE_HDF5
static char *
write_nwb (const char   *top,
           const Spikes *spikes)
{
  char *path = g_build_filename (top, "units.nwb", NULL);
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (double));
  guint16 index[N_NEURONS];   /* hdmf shrinks the index to the smallest width */
  gint64 ids[N_NEURONS];
  hid_t file, units, space, dataset;
  hsize_t n;

  for (guint u = 0; u < N_NEURONS; u++)
    {
      for (guint i = 0; i < spikes->samples[u]->len; i++)
        {
          double s = ms_of (SAMPLE (spikes, u, i)) / 1000.0;
          g_array_append_val (seconds, s);
        }
      index[u] = (guint16) seconds->len;
      ids[u] = spikes->ids[u];
    }
  file = H5Fcreate (path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  units = H5Gcreate2 (file, "units", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  n = seconds->len;
  space = H5Screate_simple (1, &n, NULL);
  dataset = H5Dcreate2 (units, "spike_times", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT);
  H5Dwrite (dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, seconds->data);
  H5Dclose (dataset);
  H5Sclose (space);
  n = N_NEURONS;
  space = H5Screate_simple (1, &n, NULL);
  dataset = H5Dcreate2 (units, "spike_times_index", H5T_STD_U16LE, space, H5P_DEFAULT,
                        H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite (dataset, H5T_NATIVE_UINT16, H5S_ALL, H5S_ALL, H5P_DEFAULT, index);
  H5Dclose (dataset);
  dataset = H5Dcreate2 (units, "id", H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite (dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids);
  H5Dclose (dataset);
  H5Sclose (space);
  H5Gclose (units);
  H5Fclose (file);
  return path;
}
#endif

#if HAVE_MATIO
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

static char *
write_mat (const char   *top,
           const Spikes *spikes,
           enum mat_ft   version)
{
  char *path = g_build_filename (top, version == MAT_FT_MAT73 ? "v73.mat" : "v5.mat", NULL);
  const char *fields[] = { "times", "UID", NULL };
  size_t one[2] = { 1, 1 }, cells[2] = { 1, N_NEURONS }, uid_dims[2] = { 1, N_NEURONS };
  matvar_t *struct_var = create_struct ("spikes", 2, one, fields);
  matvar_t *times = Mat_VarCreate ("times", MAT_C_CELL, MAT_T_CELL, 2, cells, NULL, 0);
  double uid[N_NEURONS];
  mat_t *mat;

  for (guint u = 0; u < N_NEURONS; u++)
    {
      gsize n = spikes->samples[u]->len;
      double *seconds = g_new (double, n);
      size_t dims[2] = { n, 1 };

      for (guint i = 0; i < n; i++)
        seconds[i] = ms_of (SAMPLE (spikes, u, i)) / 1000.0;
      Mat_VarSetCell (times, (int) u, Mat_VarCreate (NULL, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims,
                                                     seconds, 0));
      g_free (seconds);
      uid[u] = spikes->ids[u];
    }
  Mat_VarSetStructFieldByName (struct_var, "times", 0, times);
  Mat_VarSetStructFieldByName (struct_var, "UID", 0,
                               Mat_VarCreate ("UID", MAT_C_DOUBLE, MAT_T_DOUBLE, 2, uid_dims, uid, 0));
  mat = Mat_CreateVer (path, NULL, version);
  g_assert_nonnull (mat);
  g_assert_cmpint (Mat_VarWrite (mat, struct_var, MAT_COMPRESSION_ZLIB), ==, 0);
  Mat_VarFree (struct_var);
  Mat_Close (mat);
  return path;
}
#endif

static void
assert_same (GlmccRecording *reference,
             GlmccRecording *other,
             const char     *what)
{
  g_assert_cmpuint (glmcc_recording_get_n_neurons (other), ==, N_NEURONS);
  for (guint u = 0; u < N_NEURONS; u++)
    {
      gsize n_ref, n_other;
      const double *a = glmcc_recording_get_train (reference, u, &n_ref);
      const double *b = glmcc_recording_get_train (other, u, &n_other);

      g_test_message ("%s: neuron %u (%s): %" G_GSIZE_FORMAT " spikes", what, u,
                      glmcc_recording_get_name (other, u), n_other);
      g_assert_cmpuint (n_other, ==, n_ref);
      g_assert_cmpuint (glmcc_recording_get_n_total (other, u), ==,
                        glmcc_recording_get_n_total (reference, u));
      /* Bit for bit. */
      g_assert_cmpint (memcmp (a, b, n_ref * sizeof (double)), ==, 0);
    }
  g_assert_cmpfloat (glmcc_recording_get_epoch_end (other), ==,
                     glmcc_recording_get_epoch_end (reference));
}

static void
check (GlmccRecording *reference,
       char           *path,
       const char     *format,
       GlmccTimeUnit   unit,
       double          rate)
{
  g_autoptr(GlmccRecording) recording = NULL;
  g_autoptr(GError) error = NULL;
  GlmccLoadOptions options;

  g_test_message ("%s: %s", format, path);
  g_assert_cmpstr (glmcc_loader_detect (path), ==, format);
  glmcc_load_options_init (&options);
  options.time_unit = unit;
  options.sample_rate = rate;
  recording = glmcc_load (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glmcc_recording_get_format (recording), ==, format);
  assert_same (reference, recording, format);
  g_free (path);
}

static void
test_every_format (void)
{
  g_autofree char *top = io_test_make_dir ();
  g_autofree char *dir = NULL;
  g_autoptr(GlmccRecording) reference = NULL;
  g_autoptr(GError) error = NULL;
  Spikes spikes;
  gsize n;
  const double *far;

  make_spikes (&spikes);
  dir = write_text_dir (top, &spikes);
  reference = glmcc_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glmcc_recording_get_n_neurons (reference), ==, N_NEURONS);
  /* The spike near 1e10 samples kept its precision. */
  far = glmcc_recording_get_train (reference, 1, &n);
  g_assert_true (far[n - 1] == 499999999.95);

  check (reference, write_web_text (top, &spikes), "text", GLMCC_TIME_UNIT_DEFAULT, 0.0);
  check (reference, write_csv (top, &spikes, TRUE), "csv", GLMCC_TIME_UNIT_DEFAULT, 0.0);
  check (reference, write_csv (top, &spikes, FALSE), "csv", GLMCC_TIME_UNIT_DEFAULT, RATE);
  check (reference, write_phy (top, &spikes), "phy", GLMCC_TIME_UNIT_DEFAULT, 0.0);
  check (reference, write_neuroscope (top, &spikes), "neuroscope", GLMCC_TIME_UNIT_DEFAULT, 0.0);
#if HAVE_HDF5
  check (reference, write_nwb (top, &spikes), "nwb", GLMCC_TIME_UNIT_DEFAULT, 0.0);
#endif
#if HAVE_MATIO
  check (reference, write_mat (top, &spikes, MAT_FT_MAT5), "mat", GLMCC_TIME_UNIT_DEFAULT, 0.0);
  check (reference, write_mat (top, &spikes, MAT_FT_MAT73), "mat", GLMCC_TIME_UNIT_DEFAULT, 0.0);
#endif

  free_spikes (&spikes);
  io_test_remove_tree (top);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/cross-format/every-format", test_every_format);
  return g_test_run ();
}
