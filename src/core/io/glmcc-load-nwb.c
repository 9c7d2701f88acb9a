/* glmcc-load-nwb.c: the units table of an NWB (HDF5) file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /units/spike_times holds every unit's spikes in seconds, concatenated; spike_times_index the
 * cumulative end offset of each unit (of whatever unsigned width hdmf chose); /units/id the unit
 * ids. obs_intervals, when present, is reported. A quality (or KSLabel) column filters the units
 * when the caller chose labels (options->units); otherwise every unit is kept. Positions come
 * from each unit's first electrode (rel_x/rel_y, else x/y, of
 * /general/extracellular_ephys/electrodes). HDF5's own error printing is switched off while we
 * read; every failure becomes one GError naming the file, the object and libhdf5's reason.
 * Before libhdf5 reads anything, the superblock is checked against the file's size, and every
 * dataset's extent, type and storage before it is read (glmcc-hdf5-check.c).
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "glmcc-hdf5-check.h"
#include "glmcc-io-private.h"
#include "glmcc-i18n.h"

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
  const char    *filename;
  int            fd;
  GlmccHdf5Info  info;
  guint64        max_bytes;
  hid_t          file;
  hid_t          units;
} Nwb;

static void
nwb_close (Nwb *nwb)
{
  if (nwb->units >= 0)
    H5Gclose (nwb->units);
  /* The file was opened with H5F_CLOSE_STRONG: closing it closes whatever an error path in
   * libhdf5 left open. */
  if (nwb->file >= 0)
    H5Fclose (nwb->file);
  nwb->units = nwb->file = -1;
}

/* A libhdf5 failure: our words, then libhdf5's innermost reason. */
static void
set_hdf5_error (GError    **error,
                int         code,
                const char *filename,
                const char *format,
                ...) G_GNUC_PRINTF (4, 5);

static void
set_hdf5_error (GError    **error,
                int         code,
                const char *filename,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  g_autofree char *cause = glmcc_hdf5_error_message ();
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (cause != NULL)
    g_set_error (error, GLMCC_ERROR, code, _("%s: %s (libhdf5: %s)"), filename, message, cause);
  else
    g_set_error (error, GLMCC_ERROR, code, "%s: %s", filename, message);
}

/* TRUE when @group has a member @name stored in this file. A link to another file is an
 * error: this program reads only the file it is given. */
static gboolean
has_member (Nwb         *nwb,
            hid_t        group,
            const char  *name,
            const char  *what,
            GError     **error)
{
  H5L_info_t link;

  if (H5Lexists (group, name, H5P_DEFAULT) <= 0)
    return FALSE;
  if (H5Lget_info (group, name, &link, H5P_DEFAULT) < 0)
    {
      set_hdf5_error (error, GLMCC_ERROR_PARSE, nwb->filename, _("%s is damaged"), what);
      return FALSE;
    }
  if (link.type == H5L_TYPE_EXTERNAL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: %s is a link to another file; this program reads only the file it is "
                   "given"), nwb->filename, what);
      return FALSE;
    }
  return H5Oexists_by_name (group, name, H5P_DEFAULT) > 0;
}

/* Opens a one-dimensional dataset (or (n, 1)), checks it against the file, and returns its
 * length and type class. */
static hid_t
open_vector (Nwb         *nwb,
             hid_t        group,
             const char  *group_path,
             const char  *name,
             gsize       *length,
             H5T_class_t *type_class,
             gboolean    *is_signed,
             GError     **error)
{
  g_autofree char *what = g_strdup_printf ("%s/%s", group_path, name);
  hid_t dataset, space, type;
  hsize_t dims[H5S_MAX_RANK];
  int ndims;

  dataset = H5Dopen2 (group, name, H5P_DEFAULT);
  if (dataset < 0)
    {
      set_hdf5_error (error, GLMCC_ERROR_INVALID_DATA, nwb->filename, _("%s is not a dataset"),
                      what);
      return -1;
    }
  space = H5Dget_space (dataset);
  ndims = space >= 0 ? H5Sget_simple_extent_ndims (space) : -1;
  if (ndims < 1 || ndims > 2 || H5Sget_simple_extent_dims (space, dims, NULL) < 0
      || (ndims == 2 && dims[1] != 1))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: %s is not a one-dimensional array"), nwb->filename, what);
      if (space >= 0)
        H5Sclose (space);
      H5Dclose (dataset);
      return -1;
    }
  H5Sclose (space);
  if (!glmcc_hdf5_check_dataset (dataset, nwb->fd, &nwb->info, nwb->max_bytes, nwb->filename,
                                 what, error))
    {
      H5Dclose (dataset);
      return -1;
    }
  type = H5Dget_type (dataset);
  *type_class = type >= 0 ? H5Tget_class (type) : H5T_NO_CLASS;
  *is_signed = type >= 0 && *type_class == H5T_INTEGER && H5Tget_sign (type) == H5T_SGN_2;
  if (type >= 0)
    H5Tclose (type);
  *length = (gsize) dims[0];
  return dataset;
}

static gboolean
read_all (Nwb         *nwb,
          hid_t        dataset,
          hid_t        mem_type,
          void        *buffer,
          const char  *what,
          GError     **error)
{
  if (H5Dread (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0)
    {
      set_hdf5_error (error, GLMCC_ERROR_INVALID_DATA, nwb->filename,
                      _("%s cannot be read as numbers"), what);
      return FALSE;
    }
  return TRUE;
}

/* Reads an integer vector of any width and sign into guint64, refusing negative values. */
static guint64 *
read_index (Nwb         *nwb,
            hid_t        group,
            const char  *group_path,
            const char  *name,
            gsize       *length,
            GError     **error)
{
  g_autofree char *what = g_strdup_printf ("%s/%s", group_path, name);
  H5T_class_t type_class;
  gboolean is_signed;
  hid_t dataset = open_vector (nwb, group, group_path, name, length, &type_class, &is_signed,
                               error);
  guint64 *values;

  if (dataset < 0)
    return NULL;
  if (type_class != H5T_INTEGER)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: %s does not hold integers"), nwb->filename, what);
      H5Dclose (dataset);
      return NULL;
    }
  values = g_new0 (guint64, MAX (*length, 1));
  if (*length > 0)
    {
      if (is_signed)
        {
          gint64 *signed_values = (gint64 *) values;
          if (!read_all (nwb, dataset, H5T_NATIVE_INT64, signed_values, what, error))
            goto fail;
          for (gsize i = 0; i < *length; i++)
            if (signed_values[i] < 0)
              {
                g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                             _("%s: %s[%zu] is negative (%" PRId64 ")"),
                             nwb->filename, what, i, signed_values[i]);
                goto fail;
              }
        }
      else if (!read_all (nwb, dataset, H5T_NATIVE_UINT64, values, what, error))
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
                    Nwb              *nwb)
{
  g_autoptr(GError) error = NULL;
  hid_t dataset, space;
  hsize_t dims[2];
  double *values;
  double lo = INFINITY, hi = -INFINITY;

  if (!has_member (nwb, nwb->units, "obs_intervals", "/units/obs_intervals", &error))
    return;
  dataset = H5Dopen2 (nwb->units, "obs_intervals", H5P_DEFAULT);
  if (dataset < 0)
    return;
  space = H5Dget_space (dataset);
  if (space < 0 || H5Sget_simple_extent_ndims (space) != 2
      || H5Sget_simple_extent_dims (space, dims, NULL) < 0 || dims[1] != 2 || dims[0] == 0
      || dims[0] > G_MAXSIZE / 16
      || !glmcc_hdf5_check_dataset (dataset, nwb->fd, &nwb->info, nwb->max_bytes, nwb->filename,
                                    "/units/obs_intervals", &error))
    {
      glmcc_load_context_note (context, N_("obs_intervals ignored: %s"),
                               error != NULL ? error->message : "not an (n, 2) array");
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
        glmcc_load_context_note (context,
                                 dims[0] == 1
                                 ? N_("obs_intervals: %" PRIu64 " observation interval between %g s and %g s")
                                 : N_("obs_intervals: %" PRIu64 " observation intervals between %g s and %g s"),
                                 (guint64) dims[0], lo, hi);
    }
  g_free (values);
  H5Dclose (dataset);
}

/* A string column (fixed or variable length) of @n entries, lower-cased. */
static char **
read_strings (Nwb         *nwb,
              const char  *name,
              gsize        n,
              GError     **error)
{
  g_autofree char *what = g_strdup_printf ("/units/%s", name);
  H5T_class_t type_class;
  gboolean is_signed;
  gsize length = 0;
  hid_t dataset, file_type, mem_type;
  char **strings = NULL;

  dataset = open_vector (nwb, nwb->units, "/units", name, &length, &type_class, &is_signed,
                         error);
  if (dataset < 0)
    return NULL;
  if (type_class != H5T_STRING || length != n)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: %s is not a column of %zu strings"), nwb->filename, what,
                   n);
      H5Dclose (dataset);
      return NULL;
    }
  file_type = H5Dget_type (dataset);
  mem_type = H5Tcopy (H5T_C_S1);
  if (H5Tis_variable_str (file_type) > 0)
    {
      char **buffer = g_new0 (char *, MAX (n, 1));

      H5Tset_size (mem_type, H5T_VARIABLE);
      if (n == 0 || H5Dread (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) >= 0)
        {
          hid_t space = H5Dget_space (dataset);

          strings = g_new0 (char *, n + 1);
          for (gsize i = 0; i < n; i++)
            strings[i] = g_ascii_strdown (buffer[i] != NULL ? buffer[i] : "", -1);
          if (n > 0)
            H5Dvlen_reclaim (mem_type, space, H5P_DEFAULT, buffer);
          H5Sclose (space);
        }
      g_free (buffer);
    }
  else
    {
      gsize size = H5Tget_size (file_type);
      char *buffer;

      if (size > 0 && size < 4096 && n < G_MAXSIZE / (size + 1))
        {
          buffer = g_malloc0 (n * size + 1);
          H5Tset_size (mem_type, size);
          H5Tset_strpad (mem_type, H5T_STR_NULLPAD);
          if (n == 0 || H5Dread (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) >= 0)
            {
              strings = g_new0 (char *, n + 1);
              for (gsize i = 0; i < n; i++)
                {
                  g_autofree char *one = g_strndup (buffer + i * size, size);
                  strings[i] = g_ascii_strdown (g_strstrip (one), -1);
                }
            }
          g_free (buffer);
        }
    }
  if (strings == NULL)
    set_hdf5_error (error, GLMCC_ERROR_INVALID_DATA, nwb->filename,
                    _("%s cannot be read as strings"), what);
  H5Tclose (mem_type);
  H5Tclose (file_type);
  H5Dclose (dataset);
  return strings;
}

/* A numeric column as doubles, or NULL. */
static double *
read_doubles (Nwb        *nwb,
              hid_t       group,
              const char *group_path,
              const char *name,
              gsize      *n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("%s/%s", group_path, name);
  H5T_class_t type_class;
  gboolean is_signed;
  hid_t dataset;
  double *values;

  if (!has_member (nwb, group, name, what, &error))
    return NULL;
  dataset = open_vector (nwb, group, group_path, name, n, &type_class, &is_signed, &error);
  if (dataset < 0)
    return NULL;
  values = g_new (double, MAX (*n, 1));
  if ((type_class != H5T_FLOAT && type_class != H5T_INTEGER)
      || (*n > 0 && H5Dread (dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                             values) < 0))
    g_clear_pointer (&values, g_free);
  H5Dclose (dataset);
  return values;
}

/* Positions from the first electrode of each unit: rel_x/rel_y of the electrodes table, else its
 * x/y. Returns the number of units placed, or -1 when the file has no usable electrodes. */
static int
read_positions (Nwb    *nwb,
                gsize   n_units,
                double *x,
                double *y)
{
  static const char table_path[] = "/general/extracellular_ephys/electrodes";
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *index = NULL;
  g_autofree double *rows = NULL;
  g_autofree double *ex = NULL;
  g_autofree double *ey = NULL;
  gsize n_index = 0, n_rows = 0, n_ex = 0, n_ey = 0;
  hid_t table;
  int placed = 0;

  if (!has_member (nwb, nwb->units, "electrodes", "/units/electrodes", &error)
      || !has_member (nwb, nwb->units, "electrodes_index", "/units/electrodes_index", &error)
      || !has_member (nwb, nwb->file, "general", "/general", &error)
      || !has_member (nwb, nwb->file, "general/extracellular_ephys",
                      "/general/extracellular_ephys", &error)
      || !has_member (nwb, nwb->file, "general/extracellular_ephys/electrodes", table_path,
                      &error))
    return -1;
  index = read_index (nwb, nwb->units, "/units", "electrodes_index", &n_index, &error);
  rows = read_doubles (nwb, nwb->units, "/units", "electrodes", &n_rows);
  if (index == NULL || rows == NULL || n_index != n_units)
    return -1;
  table = H5Gopen2 (nwb->file, table_path + 1, H5P_DEFAULT);
  if (table < 0)
    return -1;
  ex = read_doubles (nwb, table, table_path, "rel_x", &n_ex);
  ey = read_doubles (nwb, table, table_path, "rel_y", &n_ey);
  if (ex == NULL || ey == NULL)
    {
      g_clear_pointer (&ex, g_free);
      g_clear_pointer (&ey, g_free);
      ex = read_doubles (nwb, table, table_path, "x", &n_ex);
      ey = read_doubles (nwb, table, table_path, "y", &n_ey);
    }
  H5Gclose (table);
  if (ex == NULL || ey == NULL)
    return -1;

  for (gsize k = 0; k < n_units; k++)
    {
      guint64 first = k > 0 ? index[k - 1] : 0;
      double row;

      x[k] = y[k] = NAN;
      if (first >= index[k] || first >= n_rows)
        continue;
      row = rows[first];
      if (row >= 0.0 && row < (double) MIN (n_ex, n_ey) && row == nearbyint (row)
          && isfinite (ex[(gsize) row]) && isfinite (ey[(gsize) row]))
        {
          x[k] = ex[(gsize) row];
          y[k] = ey[(gsize) row];
          placed++;
        }
    }
  return placed;
}

static gboolean
wanted_label (char * const *wanted,
              const char   *label)
{
  for (guint i = 0; wanted[i] != NULL; i++)
    if (strcmp (wanted[i], "all") == 0 || strcmp (wanted[i], "*") == 0
        || g_ascii_strcasecmp (wanted[i], label) == 0)
      return TRUE;
  return FALSE;
}

/* Two units with one id would be one neuron twice (and an edge from it to itself). */
static gboolean
check_unique_ids (Nwb           *nwb,
                  const gint64  *ids,
                  gsize          n,
                  GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  for (gsize i = 0; i < n; i++)
    {
      gpointer first;

      if (g_hash_table_lookup_extended (seen, &ids[i], NULL, &first))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: /units/id holds the id %" PRId64 " twice (units %zu and %zu)"), nwb->filename, ids[i],
                       GPOINTER_TO_SIZE (first), i);
          return FALSE;
        }
      g_hash_table_insert (seen, (gpointer) &ids[i], GSIZE_TO_POINTER (i));
    }
  return TRUE;
}

static gboolean
nwb_read (GlmccLoadContext *context,
          Nwb              *nwb,
          GError          **error)
{
  const char *path = nwb->filename;
  g_autofree double *times = NULL;
  g_autofree guint64 *index = NULL;
  g_autofree gint64 *ids = NULL;
  g_autoptr(GArray) train = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) quality = NULL;
  g_auto(GStrv) wanted = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree char *library_path = NULL;
  const char *quality_column = NULL;
  const char *units_option = context->options->units;
  guint n_dropped = 0;
  int n_placed;
  gsize n_times = 0, n_units = 0, n_ids = 0;
  H5T_class_t type_class;
  gboolean is_signed;
  hid_t dataset, fapl;
  struct stat st;

  if (fstat (nwb->fd, &st) != 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot read: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  if (!glmcc_hdf5_check_superblock (glmcc_hdf5_read_fd, GINT_TO_POINTER (nwb->fd),
                                    (guint64) st.st_size, path, &nwb->info, error))
    return FALSE;
  nwb->max_bytes = glmcc_io_memory_limit ((guint64) st.st_size);

  fapl = H5Pcreate (H5P_FILE_ACCESS);
  H5Pset_fclose_degree (fapl, H5F_CLOSE_STRONG);
  library_path = glmcc_io_fd_path (nwb->fd, path);
  nwb->file = H5Fopen (library_path, H5F_ACC_RDONLY, fapl);
  H5Pclose (fapl);
  if (nwb->file < 0)
    {
      set_hdf5_error (error, GLMCC_ERROR_PARSE, path, _("a damaged HDF5 file (libhdf5 cannot "
                      "open it)"));
      return FALSE;
    }
  if (!has_member (nwb, nwb->file, "units", "/units", error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                     _("%s: no /units table (an NWB file with sorted units is expected)"), path);
      return FALSE;
    }
  nwb->units = H5Gopen2 (nwb->file, "units", H5P_DEFAULT);
  if (nwb->units < 0)
    {
      set_hdf5_error (error, GLMCC_ERROR_INVALID_DATA, path, _("/units is not a group"));
      return FALSE;
    }
  if (!has_member (nwb, nwb->units, "spike_times", "/units/spike_times", error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                     _("%s: /units has no spike_times column"), path);
      return FALSE;
    }
  if (!has_member (nwb, nwb->units, "spike_times_index", "/units/spike_times_index", error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                     _("%s: /units/spike_times has no spike_times_index"), path);
      return FALSE;
    }

  dataset = open_vector (nwb, nwb->units, "/units", "spike_times", &n_times, &type_class,
                         &is_signed, error);
  if (dataset < 0)
    return FALSE;
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: /units/spike_times does not hold numbers"), path);
      H5Dclose (dataset);
      return FALSE;
    }
  times = g_try_new (double, MAX (n_times, 1));
  if (times == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                   _("%s: not enough memory for the %zu spike times"), path,
                   n_times);
      H5Dclose (dataset);
      return FALSE;
    }
  if (n_times > 0
      && !read_all (nwb, dataset, H5T_NATIVE_DOUBLE, times, "/units/spike_times", error))
    {
      H5Dclose (dataset);
      return FALSE;
    }
  H5Dclose (dataset);

  index = read_index (nwb, nwb->units, "/units", "spike_times_index", &n_units, error);
  if (index == NULL)
    return FALSE;
  for (gsize k = 0; k < n_units; k++)
    {
      if (k > 0 && index[k] < index[k - 1])
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: /units/spike_times_index decreases at unit %zu (%" PRIu64 " after %" PRIu64 ")"), path, k,
                       index[k], index[k - 1]);
          return FALSE;
        }
      if (index[k] > n_times)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: /units/spike_times_index[%zu] = %" PRIu64
                       " points beyond the %zu spike times"), path, k, index[k],
                       n_times);
          return FALSE;
        }
    }

  if (has_member (nwb, nwb->units, "id", "/units/id", error))
    {
      dataset = open_vector (nwb, nwb->units, "/units", "id", &n_ids, &type_class, &is_signed,
                             error);
      if (dataset < 0)
        return FALSE;
      if (type_class != H5T_INTEGER)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: /units/id does not hold integers"), path);
          H5Dclose (dataset);
          return FALSE;
        }
      if (n_ids != n_units)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: /units/id has %zu entries but spike_times_index has %zu"), path, n_ids, n_units);
          H5Dclose (dataset);
          return FALSE;
        }
      ids = g_new (gint64, MAX (n_ids, 1));
      if (n_ids > 0 && !read_all (nwb, dataset, H5T_NATIVE_INT64, ids, "/units/id", error))
        {
          H5Dclose (dataset);
          return FALSE;
        }
      H5Dclose (dataset);
      if (!check_unique_ids (nwb, ids, n_ids, error))
        return FALSE;
    }
  else if (error != NULL && *error != NULL)
    return FALSE;
  else
    glmcc_load_context_note (context, N_("no /units/id: units named by position from 0"));

  /* Quality labels: every unit is kept unless the caller chose labels; the column is read
   * only then. */
  {
    static const char * const columns[] = { "quality", "kslabel", "KSLabel" };
    g_autoptr(GError) link_error = NULL;

    for (guint c = 0; c < G_N_ELEMENTS (columns) && quality_column == NULL; c++)
      if (has_member (nwb, nwb->units, columns[c], columns[c], &link_error))
        quality_column = columns[c];
    if (units_option != NULL && *units_option != '\0')
      {
        if (quality_column == NULL)
          glmcc_load_context_note (context, N_("no quality or KSLabel column in /units: the unit "
                                            "labels %s are ignored, every unit kept"), units_option);
        else
          {
            quality = read_strings (nwb, quality_column, n_units, error);
            if (quality == NULL)
              return FALSE;
            wanted = g_strsplit (units_option, ",", -1);
            for (guint i = 0; wanted[i] != NULL; i++)
              g_strstrip (wanted[i]);
          }
      }
    else if (quality_column != NULL)
      glmcc_load_context_note (context, N_("/units/%s present; every unit kept (choose labels to "
                                        "keep some)"), quality_column);
  }

  x = g_new (double, MAX (n_units, 1));
  y = g_new (double, MAX (n_units, 1));
  n_placed = read_positions (nwb, n_units, x, y);

  for (gsize k = 0; k < n_units; k++)
    {
      guint64 from = k > 0 ? index[k - 1] : 0, to = index[k];
      char name[32];
      guint neuron;

      if (wanted != NULL && !wanted_label (wanted, quality[k]))
        {
          n_dropped++;
          continue;
        }
      g_array_set_size (train, 0);
      for (guint64 i = from; i < to; i++)
        {
          double t;

          if (!glmcc_io_convert_time (times[i], GLMCC_TIME_UNIT_S, 0.0, &t))
            {
              g_autofree char *why = glmcc_io_describe_out_of_range (times[i], GLMCC_TIME_UNIT_S,
                                                                     0.0);
              g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("%s: /units/spike_times[%" PRIu64 "]: %s"), path, i, why);
              return FALSE;
            }
          g_array_append_val (train, t);
        }
      g_snprintf (name, sizeof name, "%" G_GINT64_FORMAT, ids != NULL ? ids[k] : (gint64) k);
      neuron = glmcc_load_context_add_train (context, name,
                                             (const double *) (gpointer) train->data,
                                             train->len);
      if (n_placed > 0 && isfinite (x[k]) && isfinite (y[k]))
        glmcc_recording_builder_set_position (context->builder, neuron, x[k], y[k]);
    }
  if (wanted != NULL)
    {
      g_autofree char *kept = g_strjoinv (", ", wanted);
      glmcc_load_context_note (context, N_("units with %s %s kept, %u dropped"), quality_column,
                               kept, n_dropped);
    }
  if (n_placed > 0)
    glmcc_load_context_note (context, N_("positions of %d units from their first electrode in "
                             "/general/extracellular_ephys/electrodes"), n_placed);
  if (n_units > 0 && index[n_units - 1] < n_times)
    glmcc_load_context_note (context, N_("%" PRIu64 " spike times after the last unit's "
                             "end in spike_times_index ignored"),
                             (guint64) (n_times - index[n_units - 1]));
  glmcc_load_context_note (context,
                           n_units == 1 ? N_("%zu unit from /units, %zu spike times")
                                        : N_("%zu units from /units, %zu spike times"),
                           n_units, n_times);
  note_obs_intervals (context, nwb);
  if (context->options->time_unit != GLMCC_TIME_UNIT_DEFAULT
      && context->options->time_unit != GLMCC_TIME_UNIT_S)
    glmcc_load_context_note (context, N_("time unit %s ignored: NWB spike times are in seconds"),
                             glmcc_io_unit_name (context->options->time_unit));
  glmcc_io_note_conversion (context, GLMCC_TIME_UNIT_S, 0.0);
  return TRUE;
}

static gboolean
nwb_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  Nwb nwb = { path, -1, { 0 }, 0, -1, -1 };
  H5E_auto2_t old_func = NULL;
  void *old_data = NULL;
  gboolean ok;

  nwb.fd = glmcc_io_open_regular (path, NULL, error);
  if (nwb.fd < 0)
    return FALSE;

  g_mutex_lock (&nwb_lock);
  H5Eget_auto2 (H5E_DEFAULT, &old_func, &old_data);
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
  ok = nwb_read (context, &nwb, error);
  nwb_close (&nwb);
  H5Eset_auto2 (H5E_DEFAULT, old_func, old_data);
  g_mutex_unlock (&nwb_lock);
  close (nwb.fd);
  return ok;
}

#else /* !HAVE_HDF5 */

static gboolean
nwb_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
               _("%s: this build lacks the nwb feature (libhdf5); rebuild with -Dnwb=enabled"), path);
  return FALSE;
}

#endif

const GlmccLoader glmcc_loader_nwb = {
  .name = "nwb",
  .description = "an NWB file (HDF5): /units spike_times (s), spike_times_index and id",
  .probe = nwb_probe,
  .load = nwb_load,
  .isolate = HAVE_HDF5,
};
