/* glmcc-load-text.h: the plain-text parsers, exposed for the tests and the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-loader.h"

G_BEGIN_DECLS

/* One number per line; blank lines and '#' comments skipped. Appends to @values (doubles). */
gboolean glmcc_text_parse_lines  (const char    *data,
                                  gsize          length,
                                  const char    *filename,
                                  GArray        *values,
                                  GError       **error);
/* The web-application layout: trains separated by ';', times by newlines, commas or blanks.
 * Returns a GPtrArray of GArray (doubles), one per train. */
GPtrArray *glmcc_text_parse_trains (const char  *data,
                                    gsize        length,
                                    const char  *filename,
                                    GError     **error);
/* Converts parsed numbers in @unit to ms in place (ms values stay exactly as read). */
void     glmcc_text_convert      (GArray        *values,
                                  GlmccTimeUnit  unit,
                                  double         rate);

G_END_DECLS
