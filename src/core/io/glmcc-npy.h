/* glmcc-npy.h: a small reader for NumPy .npy files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Versions 1 to 3 of the header; little-endian <i4 <u4 <i8 <u8 <f4 <f8 in C order (Fortran
 * order only where it is the same layout, for vectors). Anything else is refused with an error
 * naming the file and what it holds.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLMCC_NPY_MAX_DIMS 4

typedef enum
{
  GLMCC_NPY_INT32,
  GLMCC_NPY_UINT32,
  GLMCC_NPY_INT64,
  GLMCC_NPY_UINT64,
  GLMCC_NPY_FLOAT32,
  GLMCC_NPY_FLOAT64,
} GlmccNpyDtype;

typedef struct
{
  GlmccNpyDtype  dtype;
  char           descr[8];
  guint          ndim;
  gsize          shape[GLMCC_NPY_MAX_DIMS];
  gsize          n_elements;
  gsize          item_size;
  const guint8  *data;       /* not aligned: read through the accessors */
} GlmccNpyArray;

typedef struct _GlmccNpyFile GlmccNpyFile;

/* Parses a whole .npy image; @array->data points into @buffer. */
gboolean       glmcc_npy_parse          (const guint8        *buffer,
                                         gsize                length,
                                         const char          *filename,
                                         GlmccNpyArray       *array,
                                         GError             **error);
/* Maps and parses a file; the array stays valid until glmcc_npy_file_free(). */
GlmccNpyFile  *glmcc_npy_file_open      (const char          *filename,
                                         GError             **error);
void           glmcc_npy_file_free      (GlmccNpyFile        *file);
const GlmccNpyArray *glmcc_npy_file_get_array (GlmccNpyFile   *file);
const char    *glmcc_npy_file_get_name  (GlmccNpyFile        *file);

/* Refuses anything but shape (n,) or (n, 1). */
gboolean       glmcc_npy_check_vector   (const GlmccNpyArray *array,
                                         const char          *filename,
                                         GError             **error);
gboolean       glmcc_npy_is_integer     (const GlmccNpyArray *array);
double         glmcc_npy_get_double     (const GlmccNpyArray *array,
                                         gsize                index);
/* All elements as integers: integer dtypes, or floats holding whole numbers; fails on values
 * beyond the int64 range or fractional floats, naming the file and the element. */
gint64        *glmcc_npy_to_int64       (const GlmccNpyArray *array,
                                         const char          *filename,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccNpyFile, glmcc_npy_file_free)

G_END_DECLS
