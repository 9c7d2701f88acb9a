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
                               const char     *contents);
char     *io_test_write_bytes (const char     *dir,
                               const char     *name,
                               const void     *data,
                               gsize           length);
void      io_test_remove      (const char     *dir,
                               const char     *name);
void      io_test_remove_tree (const char     *dir);
/* TRUE when one of the recording's notes contains @needle. */
gboolean  io_test_has_note    (GlmccRecording *recording,
                               const char     *needle);
/* The path of a file under tests/data/. */
char     *io_test_data_path   (const char     *first,
                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
