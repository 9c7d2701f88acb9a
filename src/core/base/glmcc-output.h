/* glmcc-output.h: writing an output file safely: through symlinks, atomically, or in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file being written. A regular file (or a new one) is written to a temporary file next to it
 * and renamed over it on commit, so readers see the old or the new contents, never a part; a
 * symlink is followed to its target, which is replaced and the link kept. A device, FIFO or
 * the standard output reached through /dev/stdout is written in place. Every error names the
 * path the caller gave (GLMCC_ERROR_IO), never the temporary file. */
typedef struct _GlmccOutput GlmccOutput;

/* Checks, without writing anything, that @path can be written: a file name, in a directory that
 * exists and may be written, not a directory itself, not a write-protected file. */
gboolean     glmcc_output_check          (const char   *path,
                                          GError      **error);
/* TRUE when @a and @b are the same file (after symlinks, or by inode when both exist), whether
 * or not it exists yet. */
gboolean     glmcc_output_same_file      (const char   *a,
                                          const char   *b);
/* TRUE when writing @output would overwrite what @input (a file, a folder or a base name such
 * as Neuroscope's "dir/session") names: the same file, an existing file directly inside the
 * folder, or an existing "session.*" file beside the base name. */
gboolean     glmcc_output_overwrites     (const char   *output,
                                          const char   *input);
/* TRUE when writing @path replaces a regular file (or creates one) atomically; FALSE when it is
 * written in place (a device, a FIFO, /dev/stdout), or cannot be written at all. */
gboolean     glmcc_output_is_replaceable (const char   *path);

/* The regular file (existing or not) that writing @path replaces, symlinks followed: for
 * writers that must create the file themselves (HDF5). A device, FIFO or descriptor, which
 * such a writer cannot seek in, is an error naming @path (GLMCC_ERROR_IO), as is anything
 * glmcc_output_check() refuses. @mode receives the permissions of an existing file, or 0. */
char        *glmcc_output_resolve_file   (const char   *path,
                                          guint        *mode,
                                          GError      **error);

GlmccOutput *glmcc_output_new            (const char   *path,
                                          GError      **error);
/* Errors are kept until commit, so callers can write without checking each call. */
void         glmcc_output_write          (GlmccOutput  *output,
                                          const char   *data,
                                          gsize         length);
/* Writes the text of @text and empties it. */
void         glmcc_output_write_gstring  (GlmccOutput  *output,
                                          GString      *text);
/* Finishes the file (flushes, syncs, renames it into place) and frees @output. On failure the
 * previous contents of the path are kept. */
gboolean     glmcc_output_commit         (GlmccOutput  *output,
                                          GError      **error);
/* Abandons the file: the temporary file is removed and the path keeps its previous contents. */
void         glmcc_output_free           (GlmccOutput  *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccOutput, glmcc_output_free)

G_END_DECLS
