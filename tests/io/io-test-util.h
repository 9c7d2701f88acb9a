/* io-test-util.h: temporary directories and fixture helpers for the loader tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-recording.h"

G_BEGIN_DECLS

/* A new empty directory under the system temporary directory. */
char     *io_test_make_dir    (void);
/* Writes @contents (NUL-terminated) to @dir/@name and returns the path. */
char     *io_test_write       (const char     *dir,
                               const char     *name,
                               const char     *contents) G_GNUC_WARN_UNUSED_RESULT;
char     *io_test_write_bytes (const char     *dir,
                               const char     *name,
                               const void     *data,
                               gsize           length) G_GNUC_WARN_UNUSED_RESULT;
/* The same, for when the path is not needed. */
void      io_test_put         (const char     *dir,
                               const char     *name,
                               const char     *contents);
void      io_test_remove      (const char     *dir,
                               const char     *name);
void      io_test_remove_tree (const char     *dir);
/* TRUE when one of the recording's notes contains @needle. */
gboolean  io_test_has_note    (GlmccRecording *recording,
                               const char     *needle);
/* Writes a .npy file: the header dict is built from @descr and @shape (Python tuple text such as
 * "(3,)"), padded as NumPy does, followed by @length bytes of @data. */
char     *io_test_write_npy   (const char     *dir,
                               const char     *name,
                               const char     *descr,
                               const char     *shape,
                               const void     *data,
                               gsize           length) G_GNUC_WARN_UNUSED_RESULT;
/* The same with a header dict given verbatim and a format version (1, 2 or 3). */
char     *io_test_write_npy_header (const char *dir,
                                    const char *name,
                                    guint       version,
                                    const char *header,
                                    const void *data,
                                    gsize       length) G_GNUC_WARN_UNUSED_RESULT;
/* The path of a file under tests/data/. */
char     *io_test_data_path   (const char     *first,
                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
