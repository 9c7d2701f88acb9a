/* glmcc-hdf5-check.c: an HDF5 file's declared sizes against its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layouts from the HDF5 File Format Specification (version 3): superblock versions 0 to 3 and
 * global heap collections ("GCOL"). Addresses in the file are relative to the base address,
 * which is where the superblock is (after a user block of 512, 1024 … bytes, as in MATLAB
 * 7.3 files).
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "glmcc-error.h"
#include "glmcc-hdf5-check.h"
#include "glmcc-i18n.h"

static const guint8 signature[8] = { 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

/* Larger global heap collections than this are refused rather than read (they hold strings). */
#define MAX_COLLECTION_SIZE (64 * 1024 * 1024)

gboolean
glmcc_hdf5_read_buffer (gpointer  user_data,
                        guint64   offset,
                        void     *buffer,
                        gsize     size)
{
  const GlmccHdf5Buffer *image = user_data;

  if (offset > image->length || size > image->length - offset)
    return FALSE;
  memcpy (buffer, image->data + offset, size);
  return TRUE;
}

gboolean
glmcc_hdf5_read_fd (gpointer  user_data,
                    guint64   offset,
                    void     *buffer,
                    gsize     size)
{
  int fd = GPOINTER_TO_INT (user_data);
  gsize done = 0;

  while (done < size)
    {
      ssize_t n = pread (fd, (char *) buffer + done, size - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static guint64
get_le (const guint8 *p,
        guint         size)
{
  guint64 v = 0;

  for (guint i = size; i > 0; i--)
    v = (v << 8) | p[i - 1];
  return v;
}

static gboolean
is_undefined (const guint8 *p,
              guint         size)
{
  for (guint i = 0; i < size; i++)
    if (p[i] != 0xff)
      return FALSE;
  return TRUE;
}

static gboolean
valid_size (guint size)
{
  return size == 2 || size == 4 || size == 8;
}

static gboolean
parse_superblock (const guint8  *p,
                  gsize          available,
                  guint64        at,
                  const char    *filename,
                  GlmccHdf5Info *info,
                  GError       **error)
{
  guint version = p[8], o, l;
  gsize fields;   /* where the base address is */
  guint64 base, eof, root_rel;
  const guint8 *q;

  info->version = version;
  if (version == 0 || version == 1)
    {
      o = p[13];
      l = p[14];
      fields = version == 0 ? 24 : 28;
    }
  else if (version == 2 || version == 3)
    {
      o = p[9];
      l = p[10];
      fields = 12;
    }
  else
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged or unknown HDF5 superblock (version %u; 0 to 3 are known)"),
                   filename, version);
      return FALSE;
    }
  if (!valid_size (o) || !valid_size (l))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged HDF5 superblock (addresses of %u bytes, lengths of %u)"),
                   filename, o, l);
      return FALSE;
    }
  /* v0/1: base, free space, end of file, driver info, then the root entry (name offset,
   * header address); v2/3: base, extension, end of file, root header. */
  if (available < fields + (version < 2 ? 6 : 4) * (gsize) o)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: truncated: the file ends inside its HDF5 superblock"), filename);
      return FALSE;
    }
  q = p + fields;
  info->offset_size = o;
  info->length_size = l;
  if (is_undefined (q, o))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged HDF5 superblock (no base address)"), filename);
      return FALSE;
    }
  base = get_le (q, o);
  /* Unlike the other addresses, this one counts the bytes before the base (libhdf5 compares it
   * with the file's size as is). */
  eof = get_le (q + 2 * o, o);
  root_rel = version < 2 ? get_le (q + 5 * o, o) : get_le (q + 3 * o, o);
  if (is_undefined (q + 2 * o, o) || (version < 2 ? is_undefined (q + 5 * o, o)
                                                  : is_undefined (q + 3 * o, o)))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged HDF5 superblock (no end-of-file or root group address)"),
                   filename);
      return FALSE;
    }
  /* The base address is absolute; it is normally where the superblock is. */
  if (base != at && base != 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged HDF5 superblock (base address %" PRIu64
                   " for a superblock at byte %" PRIu64 ")"), filename, base, at);
      return FALSE;
    }
  info->base = base;
  info->eof = eof;
  if (eof < base || root_rel >= eof - base)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: a damaged HDF5 superblock (the root group at %" PRIu64
                   " is outside the file)"), filename, root_rel);
      return FALSE;
    }
  info->root = base + root_rel;
  if (info->eof > info->file_size)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: truncated: its HDF5 superblock gives the file %" PRIu64
                   " bytes, %" PRIu64 " are present"), filename, info->eof,
                   info->file_size);
      return FALSE;
    }
  return TRUE;
}

gboolean
glmcc_hdf5_check_superblock (GlmccHdf5ReadFunc  read,
                             gpointer           user_data,
                             guint64            file_size,
                             const char        *filename,
                             GlmccHdf5Info     *info,
                             GError           **error)
{
  guint8 block[96];

  memset (info, 0, sizeof *info);
  info->file_size = file_size;
  for (guint64 at = 0; at + sizeof signature <= file_size; at = at == 0 ? 512 : at * 2)
    {
      gsize available = (gsize) MIN ((guint64) sizeof block, file_size - at);

      memset (block, 0, sizeof block);
      if (!read (user_data, at, block, available))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot read byte %"
                       PRIu64), filename, at);
          return FALSE;
        }
      if (memcmp (block, signature, sizeof signature) != 0)
        continue;
      if (available < 16)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s: truncated: the file ends inside its HDF5 superblock"), filename);
          return FALSE;
        }
      return parse_superblock (block, available, at, filename, info, error);
    }
  if (file_size == 0)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                 _("%s: an empty file, not an HDF5 file"), filename);
  else
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                 _("%s: not an HDF5 file (no HDF5 signature)"), filename);
  return FALSE;
}

/* One global heap collection, read whole and walked once. */
typedef struct
{
  guint64  address;   /* absolute */
  guint8  *data;
  gsize    size;
} Collection;

static gboolean
load_collection (GlmccHdf5ReadFunc    read,
                 gpointer             user_data,
                 const GlmccHdf5Info *info,
                 guint64              address,
                 Collection          *collection,
                 const char          *filename,
                 const char          *what,
                 GError             **error)
{
  guint8 head[16];
  guint l = info->length_size;
  guint64 size;

  g_clear_pointer (&collection->data, g_free);
  if (address < info->base || address >= info->eof || info->eof - address < 8 + l
      || !read (user_data, address, head, 8 + l) || memcmp (head, "GCOL", 4) != 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: %s points to a string heap at %" PRIu64 " that is not there"),
                   filename, what, address - info->base);
      return FALSE;
    }
  size = get_le (head + 8, l);
  if (size < 8 + l || size > info->eof - address || size > MAX_COLLECTION_SIZE)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: %s points to a string heap that declares %" PRIu64
                   " bytes where %" PRIu64 " are left in the file"),
                   filename, what, size, info->eof - address);
      return FALSE;
    }
  collection->data = g_malloc (size);
  if (!read (user_data, address, collection->data, size))
    {
      g_clear_pointer (&collection->data, g_free);
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot read the string heap of %s"),
                   filename, what);
      return FALSE;
    }
  collection->address = address;
  collection->size = size;
  return TRUE;
}

/* Finds object @index in @collection: its data must lie inside the collection. */
static gboolean
find_object (const Collection *collection,
             guint             length_size,
             guint32           index,
             guint64          *object_size)
{
  gsize pos = 8 + length_size;

  while (collection->size - pos >= 8 + length_size)
    {
      const guint8 *p = collection->data + pos;
      guint32 id = p[0] | (p[1] << 8);
      guint64 size = get_le (p + 8, length_size), padded;

      /* Object 0 is the free space at the end. */
      if (id == 0)
        return FALSE;
      padded = (size + 7) / 8 * 8;
      if (size > collection->size - pos - 8 - length_size)
        return FALSE;
      if (id == index)
        {
          *object_size = size;
          return TRUE;
        }
      if (padded > collection->size - pos - 8 - length_size)
        return FALSE;
      pos += 8 + length_size + padded;
    }
  return FALSE;
}

gboolean
glmcc_hdf5_check_vlen_refs (GlmccHdf5ReadFunc    read,
                            gpointer             user_data,
                            const GlmccHdf5Info *info,
                            const guint8        *refs,
                            gsize                n_refs,
                            const char          *filename,
                            const char          *what,
                            GError             **error)
{
  Collection collection = { 0 };
  gsize ref_size = 4 + info->offset_size + 4;
  gboolean ok = TRUE;

  for (gsize i = 0; i < n_refs && ok; i++)
    {
      const guint8 *p = refs + i * ref_size;
      guint32 length = (guint32) get_le (p, 4);
      guint64 address = get_le (p + 4, info->offset_size);
      guint32 index = (guint32) get_le (p + 4 + info->offset_size, 4);
      guint64 object_size = 0;
      g_autofree char *element = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", what, i);

      /* An empty or null string points nowhere. */
      if (length == 0 && (address == 0 || is_undefined (p + 4, info->offset_size)))
        continue;
      if (address > G_MAXUINT64 - info->base)
        address = G_MAXUINT64 - info->base;
      if (collection.data == NULL || collection.address != info->base + address)
        ok = load_collection (read, user_data, info, info->base + address, &collection,
                              filename, element, error);
      if (ok && !find_object (&collection, info->length_size, index, &object_size))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s: %s points to string %u of a heap that has no such string"),
                       filename, element, index);
          ok = FALSE;
        }
      else if (ok && object_size < length)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s: %s declares %u characters, its heap holds %" PRIu64),
                       filename, element, length, object_size);
          ok = FALSE;
        }
    }
  g_free (collection.data);
  return ok;
}

#if HAVE_HDF5

static gboolean
check_type (hid_t        type,
            const char  *filename,
            const char  *what,
            gsize       *size,
            gboolean    *is_vlen_string,
            GError     **error)
{
  H5T_class_t type_class = H5Tget_class (type);

  *size = H5Tget_size (type);
  *is_vlen_string = FALSE;
  switch (type_class)
    {
    case H5T_INTEGER:
      if (*size == 1 || *size == 2 || *size == 4 || *size == 8)
        return TRUE;
      break;
    case H5T_FLOAT:
      if (H5Tequal (type, H5T_IEEE_F64LE) > 0 || H5Tequal (type, H5T_IEEE_F64BE) > 0
          || H5Tequal (type, H5T_IEEE_F32LE) > 0 || H5Tequal (type, H5T_IEEE_F32BE) > 0)
        return TRUE;
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: %s holds floating-point numbers of an unusual format (%zu bytes)"), filename, what, *size);
      return FALSE;
    case H5T_STRING:
      if (H5Tis_variable_str (type) > 0)
        {
          *is_vlen_string = TRUE;
          return TRUE;
        }
      if (*size > 0 && *size <= 65536)
        return TRUE;
      break;
    case H5T_NO_CLASS:
    case H5T_TIME:
    case H5T_BITFIELD:
    case H5T_OPAQUE:
    case H5T_COMPOUND:
    case H5T_REFERENCE:
    case H5T_ENUM:
    case H5T_VLEN:
    case H5T_ARRAY:
    case H5T_NCLASSES:
    default:
      /* Not read by this program: only the extent matters, checked by the caller. */
      return TRUE;
    }
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
               _("%s: %s has a damaged datatype (class %d, %zu bytes)"), filename,
               what, (int) type_class, *size);
  return FALSE;
}

static gboolean
check_storage (hid_t                dataset,
               hid_t                dcpl,
               int                  fd,
               const GlmccHdf5Info *info,
               guint64              needed,
               guint64              n_elements,
               gboolean             is_vlen_string,
               const char          *filename,
               const char          *what,
               GError             **error)
{
  H5D_layout_t layout = H5Pget_layout (dcpl);

  if (H5Pget_external_count (dcpl) > 0 || layout == H5D_VIRTUAL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: %s keeps its data in other files; this program reads only the file "
                   "it is given"), filename, what);
      return FALSE;
    }
  if (needed == 0)
    return TRUE;

  switch (layout)
    {
    case H5D_CONTIGUOUS:
      {
        haddr_t address = H5Dget_offset (dataset);

        if (address == HADDR_UNDEF)
          {
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                         _("%s: %s declares %" PRIu64 " values but stores none"),
                         filename, what, n_elements);
            return FALSE;
          }
        /* libhdf5 gives this one from the start of the file, base included. */
        if (address < info->base || address > info->eof || needed > info->eof - address)
          {
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                         _("%s: %s declares %" PRIu64 " bytes at byte %" PRIu64
                         ", beyond the end of the file (%" PRIu64 " bytes)"),
                         filename, what, needed, (guint64) address, info->eof);
            return FALSE;
          }
        if (is_vlen_string && fd >= 0)
          {
            g_autofree guint8 *refs = g_malloc (needed);

            if (!glmcc_hdf5_read_fd (GINT_TO_POINTER (fd), address, refs, needed))
              {
                g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot read %s"), filename,
                             what);
                return FALSE;
              }
            return glmcc_hdf5_check_vlen_refs (glmcc_hdf5_read_fd, GINT_TO_POINTER (fd), info,
                                               refs, n_elements, filename, what, error);
          }
        return TRUE;
      }

    case H5D_CHUNKED:
      {
        hid_t space = H5Dget_space (dataset);
        hsize_t n_chunks = 0;
        gboolean ok = TRUE;

        if (space < 0 || H5Dget_num_chunks (dataset, space, &n_chunks) < 0)
          {
            g_autofree char *cause = glmcc_hdf5_error_message ();

            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                         _("%s: %s has a damaged chunk index (libhdf5: %s)"), filename, what,
                         cause != NULL ? cause : "no reason given");
            if (space >= 0)
              H5Sclose (space);
            return FALSE;
          }
        for (hsize_t i = 0; i < n_chunks; i++)
          {
            hsize_t offset[H5S_MAX_RANK];
            unsigned filter_mask = 0;
            haddr_t address = HADDR_UNDEF;
            hsize_t size = 0;

            /* Taken from the start of the file, like H5Dget_offset(): a relative address
               would only make this test looser by the base. */
            if (H5Dget_chunk_info (dataset, space, i, offset, &filter_mask, &address, &size) < 0
                || address == HADDR_UNDEF || address > info->eof || size > info->eof - address)
              {
                g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                             _("%s: %s: chunk %" PRIu64 " lies beyond the end of the "
                             "file"), filename, what, (guint64) i);
                ok = FALSE;
                break;
              }
          }
        H5Sclose (space);
        return ok;
      }

    case H5D_COMPACT:
      if (H5Dget_storage_size (dataset) < needed)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s: %s declares %" PRIu64 " bytes but stores %"
                       PRIu64), filename, what, needed,
                       (guint64) H5Dget_storage_size (dataset));
          return FALSE;
        }
      return TRUE;

    case H5D_VIRTUAL:
    case H5D_LAYOUT_ERROR:
    case H5D_NLAYOUTS:
    default:
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, _("%s: %s has a damaged storage layout"),
                   filename, what);
      return FALSE;
    }
}

gboolean
glmcc_hdf5_check_dataset (hid_t                dataset,
                          int                  fd,
                          const GlmccHdf5Info *info,
                          guint64              max_bytes,
                          const char          *filename,
                          const char          *what,
                          GError             **error)
{
  hid_t space = -1, type = -1, dcpl = -1;
  hsize_t dims[H5S_MAX_RANK];
  guint64 n_elements = 1, needed = 0;
  gsize size = 0;
  gboolean is_vlen_string = FALSE, ok = FALSE;
  int rank;

  space = H5Dget_space (dataset);
  type = H5Dget_type (dataset);
  dcpl = H5Dget_create_plist (dataset);
  if (space < 0 || type < 0 || dcpl < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: %s has a damaged description"), filename, what);
      goto out;
    }
  rank = H5Sget_simple_extent_ndims (space);
  if (rank < 0 || rank > H5S_MAX_RANK || H5Sget_simple_extent_dims (space, dims, NULL) < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, _("%s: %s has a damaged extent"),
                   filename, what);
      goto out;
    }
  /* A null dataspace holds nothing; a scalar one element. */
  if (H5Sget_simple_extent_type (space) == H5S_NULL)
    n_elements = 0;
  for (int i = 0; i < rank; i++)
    if (!g_uint64_checked_mul (&n_elements, n_elements, dims[i]))
      {
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                     _("%s: %s has an extent beyond any size"), filename, what);
        goto out;
      }
  if (!check_type (type, filename, what, &size, &is_vlen_string, error))
    goto out;
  if (is_vlen_string)
    size = 4 + info->offset_size + 4;
  if (!g_uint64_checked_mul (&needed, n_elements, size) || needed > max_bytes)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                   _("%s: %s declares %" PRIu64 " values, more than this loader can "
                   "hold (%" PRIu64 " MB)"), filename, what, n_elements,
                   max_bytes / 1000000);
      goto out;
    }
  ok = check_storage (dataset, dcpl, fd, info, needed, n_elements, is_vlen_string, filename,
                      what, error);

out:
  if (dcpl >= 0)
    H5Pclose (dcpl);
  if (type >= 0)
    H5Tclose (type);
  if (space >= 0)
    H5Sclose (space);
  return ok;
}

typedef struct
{
  int                  fd;
  const GlmccHdf5Info *info;
  guint64              max_bytes;
  const char          *filename;
  GError             **error;
  guint                n_objects;
} VisitData;

static herr_t
visit_object (hid_t             group,
              const char       *name,
              const H5O_info_t *object,
              void             *user_data)
{
  VisitData *data = user_data;
  g_autofree char *what = NULL;
  hid_t dataset;
  gboolean ok;

  /* A damaged file can make the walk long: a real MATLAB file has far fewer objects. */
  if (++data->n_objects > 1000000)
    {
      g_set_error (data->error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                   _("%s: more than a million objects"), data->filename);
      return -1;
    }
  if (object->type != H5O_TYPE_DATASET)
    return 0;
  what = g_strdup_printf ("/%s", name);
  dataset = H5Dopen2 (group, name, H5P_DEFAULT);
  if (dataset < 0)
    {
      g_autofree char *cause = glmcc_hdf5_error_message ();
      g_set_error (data->error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: %s cannot be opened (libhdf5: %s)"), data->filename, what,
                   cause != NULL ? cause : "no reason given");
      return -1;
    }
  ok = glmcc_hdf5_check_dataset (dataset, data->fd, data->info, data->max_bytes,
                                 data->filename, what, data->error);
  H5Dclose (dataset);
  return ok ? 0 : -1;
}

gboolean
glmcc_hdf5_check_all (hid_t                group,
                      int                  fd,
                      const GlmccHdf5Info *info,
                      guint64              max_bytes,
                      const char          *filename,
                      GError             **error)
{
  VisitData data = { fd, info, max_bytes, filename, error, 0 };
  GError *local_error = NULL;

  data.error = &local_error;
  if (H5Ovisit2 (group, H5_INDEX_NAME, H5_ITER_NATIVE, visit_object, &data, H5O_INFO_BASIC) < 0)
    {
      if (local_error == NULL)
        {
          g_autofree char *cause = glmcc_hdf5_error_message ();
          g_set_error (&local_error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s: a damaged HDF5 file (libhdf5: %s)"), filename,
                       cause != NULL ? cause : "its objects cannot be listed");
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static herr_t
keep_innermost (unsigned          n,
                const H5E_error2_t *entry,
                void             *user_data)
{
  char **message = user_data;
  char minor[256] = "";

  g_free (*message);
  if (entry->desc != NULL && *entry->desc != '\0')
    *message = g_strdup (entry->desc);
  else if (H5Eget_msg (entry->min_num, NULL, minor, sizeof minor) > 0)
    *message = g_strdup (minor);
  else
    *message = NULL;
  return 0;
}

char *
glmcc_hdf5_error_message (void)
{
  char *message = NULL;
  hid_t stack = H5Eget_current_stack ();

  if (stack < 0)
    return NULL;
  H5Ewalk2 (stack, H5E_WALK_DOWNWARD, keep_innermost, &message);
  H5Eclose_stack (stack);
  if (message != NULL)
    g_strdelimit (message, "\n\r", ' ');
  return message;
}

#endif
