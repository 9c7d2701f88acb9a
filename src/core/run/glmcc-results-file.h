/* glmcc-results-file.h: opening a results file of any kind glmcc writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

/* TRUE when @path starts with HDF5's signature (what --output-hdf5 writes). */
gboolean      glmcc_results_file_is_hdf5    (const char    *path);
/* Reads the results of `glmcc run --output-json` or `--output-hdf5` (also a shard or an
 * interrupted run), told apart by their first bytes. */
GlmccResults *glmcc_results_load            (const char    *path,
                                             GError       **error);
/* Copies every finished pair of the results file at @path into @into, refusing one of another
 * recording or other parameters (GLMCC_ERROR_MISMATCH). An HDF5 file is streamed in blocks of
 * pairs; a JSON file is read whole, then merged and freed. The shard the file was written by
 * (0-based) goes to @shard_index and @shard_count when not NULL. */
gboolean      glmcc_results_merge_file      (GlmccResults  *into,
                                             const char    *path,
                                             guint         *shard_index,
                                             guint         *shard_count,
                                             GError       **error);
/* "sha256:" and the SHA-256 of the file's bytes, read in pieces: what a saved analysis records
 * of the results file it refers to. */
char         *glmcc_results_file_checksum   (const char    *path,
                                             GError       **error);

G_END_DECLS
