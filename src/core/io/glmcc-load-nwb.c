/* glmcc-load-nwb.c: the units table of an NWB (HDF5) file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /units/spike_times holds every unit's spikes in seconds, concatenated; spike_times_index the
 * cumulative end offset of each unit (of whatever unsigned width hdmf chose); /units/id the unit
 * ids. obs_intervals, when present, is reported. HDF5's own error printing is switched off while
 * we read; every failure becomes one GError naming the file and the object.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-io-private.h"

#if HAVE_HDF5
#include <hdf5.h>
#endif

static const guint8 hdf5_magic[8] = { 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

static int
nwb_probe (const char *path)
{
  guint8 head[8];
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  if (glmcc_io_read_head (path, head, sizeof head) == sizeof head
      && memcmp (head, hdf5_magic, sizeof head) == 0)
    return g_str_has_suffix (lower, ".mat") ? 0 : 70;
  if (g_str_has_suffix (lower, ".nwb"))
    return 60;
  return 0;
}

#if HAVE_HDF5

/* Serialises our use of the HDF5 error stack settings. */
static GMutex nwb_lock;

typedef struct
{
  hid_t file;
  hid_t units;
} Nwb;

static void
nwb_close (Nwb *nwb)
{
  if (nwb->units >= 0)
    H5Gclose (nwb->units);
  if (nwb->file >= 0)
    H5Fclose (nwb->file);
}

static gboolean
has_link (hid_t       group,
          const char *name)
{
  return H5Lexists (group, name, H5P_DEFAULT) > 0
         && H5Oexists_by_name (group, name, H5P_DEFAULT) > 0;
}

/* Opens a one-dimensional dataset (or (n, 1)) and returns its length and type class. */
static hid_t
open_vector (hid_t        group,
             const char  *name,
             const char  *filename,
             gsize       *length,
             H5T_class_t *type_class,
             gboolean    *is_signed,
             GError     **error)
{
  hid_t dataset, space, type;
  hsize_t dims[H5S_MAX_RANK];
  int ndims;

  dataset = H5Dopen2 (group, name, H5P_DEFAULT);
  if (dataset < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units/%s is not a dataset", filename, name);
      return -1;
    }
  space = H5Dget_space (dataset);
  ndims = space >= 0 ? H5Sget_simple_extent_ndims (space) : -1;
  if (ndims < 1 || ndims > 2 || H5Sget_simple_extent_dims (space, dims, NULL) < 0
      || (ndims == 2 && dims[1] != 1))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units/%s is not a one-dimensional array", filename, name);
      if (space >= 0)
        H5Sclose (space);
      H5Dclose (dataset);
      return -1;
    }
  H5Sclose (space);
  type = H5Dget_type (dataset);
  *type_class = type >= 0 ? H5Tget_class (type) : H5T_NO_CLASS;
  *is_signed = type >= 0 && *type_class == H5T_INTEGER && H5Tget_sign (type) == H5T_SGN_2;
  if (type >= 0)
    H5Tclose (type);
  *length = (gsize) dims[0];
  return dataset;
}

static gboolean
read_all (hid_t        dataset,
          hid_t        mem_type,
          void        *buffer,
          const char  *filename,
          const char  *name,
          GError     **error)
{
  if (H5Dread (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units/%s cannot be read as numbers", filename, name);
      return FALSE;
    }
  return TRUE;
}

/* Reads an integer vector of any width and sign into guint64, refusing negative values. */
static guint64 *
read_index (hid_t        group,
            const char  *name,
            const char  *filename,
            gsize       *length,
            GError     **error)
{
  H5T_class_t type_class;
  gboolean is_signed;
  hid_t dataset = open_vector (group, name, filename, length, &type_class, &is_signed, error);
  guint64 *values;

  if (dataset < 0)
    return NULL;
  if (type_class != H5T_INTEGER)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units/%s does not hold integers", filename, name);
      H5Dclose (dataset);
      return NULL;
    }
  values = g_new0 (guint64, MAX (*length, 1));
  if (*length > 0)
    {
      if (is_signed)
        {
          gint64 *signed_values = (gint64 *) values;
          if (!read_all (dataset, H5T_NATIVE_INT64, signed_values, filename, name, error))
            goto fail;
          for (gsize i = 0; i < *length; i++)
            if (signed_values[i] < 0)
              {
                g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                             "%s: /units/%s[%" G_GSIZE_FORMAT "] is negative (%"
                             G_GINT64_FORMAT ")", filename, name, i, signed_values[i]);
                goto fail;
              }
        }
      else if (!read_all (dataset, H5T_NATIVE_UINT64, values, filename, name, error))
        goto fail;
    }
  H5Dclose (dataset);
  return values;

fail:
  g_free (values);
  H5Dclose (dataset);
  return NULL;
}

static void
note_obs_intervals (GlmccLoadContext *context,
                    hid_t             units)
{
  hid_t dataset, space;
  hsize_t dims[2];
  double *values;
  double lo = INFINITY, hi = -INFINITY;

  if (!has_link (units, "obs_intervals"))
    return;
  dataset = H5Dopen2 (units, "obs_intervals", H5P_DEFAULT);
  if (dataset < 0)
    return;
  space = H5Dget_space (dataset);
  if (space < 0 || H5Sget_simple_extent_ndims (space) != 2
      || H5Sget_simple_extent_dims (space, dims, NULL) < 0 || dims[1] != 2 || dims[0] == 0
      || dims[0] > G_MAXSIZE / 16)
    {
      glmcc_load_context_note (context, "obs_intervals ignored: not an (n, 2) array");
      if (space >= 0)
        H5Sclose (space);
      H5Dclose (dataset);
      return;
    }
  H5Sclose (space);
  values = g_new (double, dims[0] * 2);
  if (H5Dread (dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0)
    {
      for (gsize i = 0; i < dims[0] * 2; i++)
        if (isfinite (values[i]))
          {
            lo = MIN (lo, values[i]);
            hi = MAX (hi, values[i]);
          }
      if (lo <= hi)
        glmcc_load_context_note (context, "obs_intervals: %" G_GUINT64_FORMAT
                                 " observation interval%s between %g s and %g s",
                                 (guint64) dims[0], dims[0] == 1 ? "" : "s", lo, hi);
    }
  g_free (values);
  H5Dclose (dataset);
}

static gboolean
nwb_read (GlmccLoadContext *context,
          const char       *path,
          Nwb              *nwb,
          GError          **error)
{
  g_autofree double *times = NULL;
  g_autofree guint64 *index = NULL;
  g_autofree gint64 *ids = NULL;
  g_autoptr(GArray) train = g_array_new (FALSE, FALSE, sizeof (double));
  gsize n_times = 0, n_units = 0, n_ids = 0;
  H5T_class_t type_class;
  gboolean is_signed;
  hid_t dataset;

  if (H5Fis_hdf5 (path) <= 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s: not an HDF5 file", path);
      return FALSE;
    }
  nwb->file = H5Fopen (path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (nwb->file < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   "%s: a damaged or truncated HDF5 file (libhdf5 cannot open it)", path);
      return FALSE;
    }
  if (!has_link (nwb->file, "units"))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: no /units table (an NWB file with sorted units is expected)", path);
      return FALSE;
    }
  nwb->units = H5Gopen2 (nwb->file, "units", H5P_DEFAULT);
  if (nwb->units < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA, "%s: /units is not a group", path);
      return FALSE;
    }
  if (!has_link (nwb->units, "spike_times"))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units has no spike_times column", path);
      return FALSE;
    }
  if (!has_link (nwb->units, "spike_times_index"))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units/spike_times has no spike_times_index", path);
      return FALSE;
    }

  dataset = open_vector (nwb->units, "spike_times", path, &n_times, &type_class, &is_signed, error);
  if (dataset < 0)
    return FALSE;
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   "%s: /units/spike_times does not hold numbers", path);
      H5Dclose (dataset);
      return FALSE;
    }
  times = g_new (double, MAX (n_times, 1));
  if (n_times > 0 && !read_all (dataset, H5T_NATIVE_DOUBLE, times, path, "spike_times", error))
    {
      H5Dclose (dataset);
      return FALSE;
    }
  H5Dclose (dataset);

  index = read_index (nwb->units, "spike_times_index", path, &n_units, error);
  if (index == NULL)
    return FALSE;
  for (gsize k = 0; k < n_units; k++)
    {
      if (k > 0 && index[k] < index[k - 1])
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       "%s: /units/spike_times_index decreases at unit %" G_GSIZE_FORMAT
                       " (%" G_GUINT64_FORMAT " after %" G_GUINT64_FORMAT ")", path, k,
                       index[k], index[k - 1]);
          return FALSE;
        }
      if (index[k] > n_times)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       "%s: /units/spike_times_index[%" G_GSIZE_FORMAT "] = %" G_GUINT64_FORMAT
                       " points beyond the %" G_GSIZE_FORMAT " spike times", path, k, index[k],
                       n_times);
          return FALSE;
        }
    }

  if (has_link (nwb->units, "id"))
    {
      dataset = open_vector (nwb->units, "id", path, &n_ids, &type_class, &is_signed, error);
      if (dataset < 0)
        return FALSE;
      if (type_class != H5T_INTEGER)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       "%s: /units/id does not hold integers", path);
          H5Dclose (dataset);
          return FALSE;
        }
      if (n_ids != n_units)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       "%s: /units/id has %" G_GSIZE_FORMAT " entries but spike_times_index has %"
                       G_GSIZE_FORMAT, path, n_ids, n_units);
          H5Dclose (dataset);
          return FALSE;
        }
      ids = g_new (gint64, MAX (n_ids, 1));
      if (n_ids > 0 && !read_all (dataset, H5T_NATIVE_INT64, ids, path, "id", error))
        {
          H5Dclose (dataset);
          return FALSE;
        }
      H5Dclose (dataset);
    }
  else
    glmcc_load_context_note (context, "no /units/id: units named by position from 0");

  for (gsize k = 0; k < n_units; k++)
    {
      guint64 from = k > 0 ? index[k - 1] : 0, to = index[k];
      char name[32];

      g_array_set_size (train, 0);
      for (guint64 i = from; i < to; i++)
        {
          double t = glmcc_io_to_ms (times[i], GLMCC_TIME_UNIT_S, 0.0);
          g_array_append_val (train, t);
        }
      g_snprintf (name, sizeof name, "%" G_GINT64_FORMAT, ids != NULL ? ids[k] : (gint64) k);
      glmcc_load_context_add_train (context, name, (const double *) (gpointer) train->data,
                                    train->len);
    }
  if (n_units > 0 && index[n_units - 1] < n_times)
    glmcc_load_context_note (context, "%" G_GUINT64_FORMAT " spike times after the last unit's "
                             "end in spike_times_index ignored",
                             (guint64) (n_times - index[n_units - 1]));
  glmcc_load_context_note (context, "%" G_GSIZE_FORMAT " unit%s from /units, %" G_GSIZE_FORMAT
                           " spike times", n_units, n_units == 1 ? "" : "s", n_times);
  note_obs_intervals (context, nwb->units);
  if (context->options->time_unit != GLMCC_TIME_UNIT_DEFAULT
      && context->options->time_unit != GLMCC_TIME_UNIT_S)
    glmcc_load_context_note (context, "time unit %s ignored: NWB spike times are in seconds",
                             glmcc_io_unit_name (context->options->time_unit));
  glmcc_io_note_conversion (context, GLMCC_TIME_UNIT_S, 0.0);
  return TRUE;
}

static gboolean
nwb_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  Nwb nwb = { -1, -1 };
  H5E_auto2_t old_func = NULL;
  void *old_data = NULL;
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: not a regular file", path);
      return FALSE;
    }

  g_mutex_lock (&nwb_lock);
  H5Eget_auto2 (H5E_DEFAULT, &old_func, &old_data);
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
  ok = nwb_read (context, path, &nwb, error);
  nwb_close (&nwb);
  H5Eset_auto2 (H5E_DEFAULT, old_func, old_data);
  g_mutex_unlock (&nwb_lock);
  return ok;
}

#else /* !HAVE_HDF5 */

static gboolean
nwb_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
               "%s: this build lacks the nwb feature (libhdf5); rebuild with -Dnwb=enabled", path);
  return FALSE;
}

#endif

const GlmccLoader glmcc_loader_nwb = {
  .name = "nwb",
  .description = "an NWB file (HDF5): /units spike_times (s), spike_times_index and id",
  .probe = nwb_probe,
  .load = nwb_load,
};
