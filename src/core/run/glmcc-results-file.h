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
/* TRUE when @path is a results file glmcc reads: an HDF5 results file (not any HDF5 file: an NWB
 * recording is one too) or a JSON one, told by their first bytes and the HDF5 file's format
 * attribute. For open dialogs and drops that take recordings and results alike. */
gboolean      glmcc_results_file_probe      (const char    *path);

/* "sha256:" and the SHA-256 of the file's bytes, read in pieces: what a saved analysis records
 * of the results file it refers to. */
char         *glmcc_results_file_checksum   (const char    *path,
                                             GError       **error);

/* A saved analysis (.glmcc) of a run written with --output-hdf5 refers to that file instead of
 * holding the edges: by its path relative to the analysis's folder (with ".." where needed;
 * absolute when they share no folder) and its checksum. */
char         *glmcc_results_file_relative_path (const char *results_path,
                                                const char *analysis_path);
/* The results file an analysis at @analysis_path refers to (@path relative to its folder, or
 * absolute), after checking its checksum: GLMCC_ERROR_IO when it is gone, GLMCC_ERROR_MISMATCH
 * when it changed since the analysis was saved, both naming the file. */
GlmccResults *glmcc_results_file_open_reference (const char  *analysis_path,
                                                 const char  *path,
                                                 const char  *checksum,
                                                 GError     **error);

G_END_DECLS
