/* glmcc-error.h: the error domain of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLMCC_ERROR (glmcc_error_quark ())

typedef enum
{
  GLMCC_ERROR_IO,             /* a file could not be read or written */
  GLMCC_ERROR_PARSE,          /* malformed content; the message names file and line */
  GLMCC_ERROR_INVALID_DATA,   /* well-formed but unusable: NaN, mismatched arrays, … */
  GLMCC_ERROR_UNSUPPORTED,    /* a format, dtype or feature this build does not handle */
  GLMCC_ERROR_TOO_FEW_NEURONS,/* fewer than two neurons */
  GLMCC_ERROR_NO_SPIKES,      /* not a single spike in the analysed epoch */
  GLMCC_ERROR_INVALID_PARAMS, /* a parameter out of range */
  GLMCC_ERROR_MISMATCH,       /* results or shards that do not belong together */
  GLMCC_ERROR_CANCELLED,      /* the caller cancelled */
} GlmccErrorCode;

GQuark   glmcc_error_quark    (void);

/* Writes @contents to @path atomically; a failure is a GLMCC_ERROR_IO naming the file. */
gboolean glmcc_write_gstring  (const char  *path,
                               GString     *contents,
                               GError     **error);

G_END_DECLS
