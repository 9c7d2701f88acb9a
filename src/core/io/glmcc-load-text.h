/* glmcc-load-text.h: the plain-text parsers, exposed for the tests and the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-loader.h"

G_BEGIN_DECLS

/* One number per line in @unit (never DEFAULT); blank lines, '#' comments and a byte-order mark
 * skipped. Appends the times in ms to @values (doubles); a time out of range is an error naming
 * its line. */
gboolean glmcc_text_parse_lines  (const char    *data,
                                  gsize          length,
                                  const char    *filename,
                                  GlmccTimeUnit  unit,
                                  double         rate,
                                  GArray        *values,
                                  GError       **error);
/* The web-application layout: trains separated by ';', times by newlines, commas or blanks.
 * Returns a GPtrArray of GArray (doubles in ms), one per train. */
GPtrArray *glmcc_text_parse_trains (const char    *data,
                                    gsize          length,
                                    const char    *filename,
                                    GlmccTimeUnit  unit,
                                    double         rate,
                                    GError       **error);

G_END_DECLS
