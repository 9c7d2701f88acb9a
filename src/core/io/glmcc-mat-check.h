/* glmcc-mat-check.h: a MATLAB file's declared sizes against its bytes, before libmatio reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libmatio trusts what a file declares: a cell array of 1.7e9 elements in a 4 KB file makes it
 * allocate until the machine gives out, and a truncated file reads as zeros. These checks walk
 * the structure of the whole file first (v4; v5 with its compressed variables inflated on the
 * fly, never held in memory; v7.3 through the HDF5 checks) and refuse, naming the variable,
 * anything whose declared sizes the bytes present cannot hold.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLMCC_MAT_V4,
  GLMCC_MAT_V5,
  GLMCC_MAT_V73,
} GlmccMatVersion;

/* The version the 128-byte header (or its absence) announces; @length may be shorter. */
GlmccMatVersion glmcc_mat_detect_version (const guint8 *head,
                                          gsize         length);
/* Checks a v4 or v5 file image. @max_expanded bounds the bytes a compressed variable may
 * inflate to (a variable declaring more is refused as too large). */
gboolean        glmcc_mat_check          (const guint8 *data,
                                          gsize         length,
                                          const char   *filename,
                                          guint64       max_expanded,
                                          GError      **error);

G_END_DECLS
