/* glmcc-load-stream.h: how the loader helper sends what it loaded to the process that asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small binary stream, little-endian: the magic "GLMCCLH1", then records, each a tag byte:
 *   'T' a train:     u32 name length, the name's bytes, u64 count, count × f64 times in ms
 *   'P' a position:  u32 neuron, f64 x, f64 y
 *   'N' a note:      u32 length, the note's bytes
 *   'E' an error:    u32 domain (0 GLMCC_ERROR, 1 GLMCC_PARAMS_ERROR), i32 code, u32 length,
 *                    the message's bytes
 *   'Z' the end:     nothing follows.
 * The reader trusts none of it: every length is checked against the bytes present and against
 * limits, and anything malformed is an error.
 */
#pragma once

#include <glib.h>

#include "glmcc-io-private.h"

G_BEGIN_DECLS

#define GLMCC_LOAD_STREAM_MAGIC "GLMCCLH1"

/* Writes the builder of @context (or, when @load_error is set, that error) to @fd. */
gboolean glmcc_load_stream_write (int                      fd,
                                  GlmccLoadContext        *context,
                                  const GError            *load_error);
/* Adds what @data holds to @context (trains through glmcc_load_context_add_train(), so the
 * epoch is counted here), or returns the error it carries. A malformed stream is a
 * GLMCC_ERROR_LIBRARY naming @filename. */
gboolean glmcc_load_stream_read  (const guint8            *data,
                                  gsize                    length,
                                  GlmccLoadContext        *context,
                                  const char              *filename,
                                  GError                 **error);

G_END_DECLS
