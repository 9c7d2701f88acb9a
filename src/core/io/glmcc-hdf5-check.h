/* glmcc-hdf5-check.h: an HDF5 file's declared sizes against its bytes, before libhdf5 reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What we parse ourselves (and fuzz): the superblock, whose end-of-file address tells a
 * truncated file at once, and the global heap collections that variable-length strings point
 * into. What we ask libhdf5 about before reading a dataset: its extent and datatype, and where
 * its bytes are, which must lie inside the file.
 */
#pragma once

#include <glib.h>

#include "config.h"

#if HAVE_HDF5
#include <hdf5.h>
#endif

G_BEGIN_DECLS

typedef struct
{
  guint64 base;          /* where the file's addresses start (the superblock's offset) */
  guint   version;       /* of the superblock, 0 to 3 */
  guint   offset_size;   /* bytes of an address: 2, 4 or 8 */
  guint   length_size;   /* bytes of a length: 2, 4 or 8 */
  guint64 eof;           /* end of the file as the superblock declares it (from byte 0) */
  guint64 root;          /* absolute address of the root group's object header */
  guint64 file_size;     /* bytes actually present */
} GlmccHdf5Info;

/* Reads @size bytes at absolute @offset into @buffer; FALSE if they are not all there. */
typedef gboolean (*GlmccHdf5ReadFunc) (gpointer  user_data,
                                       guint64   offset,
                                       void     *buffer,
                                       gsize     size);

/* Finds the superblock (at 0, 512, 1024, 2048 …) and checks it against @file_size: an error
 * names the file and says "not an HDF5 file", "truncated" or what is malformed. */
gboolean glmcc_hdf5_check_superblock (GlmccHdf5ReadFunc  read,
                                      gpointer           user_data,
                                      guint64            file_size,
                                      const char        *filename,
                                      GlmccHdf5Info     *info,
                                      GError           **error);
/* Checks @n_refs variable-length references as stored on disk (4-byte length, heap address,
 * 4-byte index, in @refs) against the global heap collections they point into: every
 * collection inside the file, every object inside its collection and as long as the length. */
gboolean glmcc_hdf5_check_vlen_refs  (GlmccHdf5ReadFunc    read,
                                      gpointer             user_data,
                                      const GlmccHdf5Info *info,
                                      const guint8        *refs,
                                      gsize                n_refs,
                                      const char          *filename,
                                      const char          *what,
                                      GError             **error);

/* The same over a file image in memory (tests and fuzzers). */
gboolean glmcc_hdf5_read_buffer      (gpointer  user_data,
                                      guint64   offset,
                                      void     *buffer,
                                      gsize     size);
typedef struct
{
  const guint8 *data;
  gsize         length;
} GlmccHdf5Buffer;

/* The same over a file descriptor (user_data = GINT_TO_POINTER (fd)). */
gboolean glmcc_hdf5_read_fd          (gpointer  user_data,
                                      guint64   offset,
                                      void     *buffer,
                                      gsize     size);

#if HAVE_HDF5
/* Before reading @dataset: its extent (at most @max_bytes in memory), its datatype (integers
 * and IEEE floats of 1 to 8 bytes, strings), its storage (inside this file: no external or
 * virtual data; contiguous data, every chunk and compact data as large as the extent needs),
 * and, for variable-length strings, the heap objects they point to. @fd is the file's. */
gboolean glmcc_hdf5_check_dataset    (hid_t                dataset,
                                      int                  fd,
                                      const GlmccHdf5Info *info,
                                      guint64              max_bytes,
                                      const char          *filename,
                                      const char          *what,
                                      GError             **error);
/* Runs glmcc_hdf5_check_dataset() on every dataset under @group (a MATLAB 7.3 file's). */
gboolean glmcc_hdf5_check_all        (hid_t                group,
                                      int                  fd,
                                      const GlmccHdf5Info *info,
                                      guint64              max_bytes,
                                      const char          *filename,
                                      GError             **error);
/* The innermost message of libhdf5's current error stack, or NULL. */
char    *glmcc_hdf5_error_message    (void);
#endif

G_END_DECLS
