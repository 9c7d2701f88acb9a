/* glmcc-results-hdf5.h: the results of a run as an HDF5 file, written as pairs finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is documented at the top of glmcc-results-hdf5.c and in the README (Outputs).
 */
#pragma once

#include <glib.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

/* FALSE in a build without the nwb feature (libhdf5): every function below then fails with
 * GLMCC_ERROR_UNSUPPORTED, saying which feature is missing. */
gboolean      glmcc_results_hdf5_available (void);

/* TRUE when @path is an HDF5 file whose format attribute says it is a glmcc results file (an
 * NWB recording is HDF5 too). FALSE without libhdf5. */
gboolean      glmcc_results_hdf5_probe     (const char *path);

/* An HDF5 results file being written while an engine fills @results. */
typedef struct _GlmccResultsHdf5Writer GlmccResultsHdf5Writer;

/* Creates the file at @path (a symlink is followed; a device or a pipe is refused, as HDF5
 * needs a file it can seek in) with the neurons, parameters and provenance of @results and
 * every pair finished so far (a resumed run's), written beside the target and renamed over it
 * once they are in, so the path never holds less than a whole file. */
GlmccResultsHdf5Writer *glmcc_results_hdf5_writer_new    (GlmccResults            *results,
                                                          const char              *path,
                                                          GError                 **error);
/* Writes the pairs finished since the last call, in blocks of 4,096 pairs, and flushes: once
 * it returns, a run killed without warning (kill -9) can be resumed from the file. The file is
 * written in HDF5's single-writer mode, so a kill at any moment leaves it readable; a pair is
 * in the file only after its numbers are on disk. May run while an engine fills the results. */
gboolean      glmcc_results_hdf5_writer_sync   (GlmccResultsHdf5Writer *writer,
                                                GError                 **error);
/* Writes what is left, the neurons' labels, the q-values (a complete run's results get them
 * computed, see glmcc_results_compute_q_values), whether the run is complete, and closes the
 * file. Frees @writer, also on failure. */
gboolean      glmcc_results_hdf5_writer_finish (GlmccResultsHdf5Writer *writer,
                                                GError                 **error);
/* Closes the file as it is (what the last sync wrote stays in it) and frees @writer. */
void          glmcc_results_hdf5_writer_free   (GlmccResultsHdf5Writer *writer);

/* The whole file at once: writer_new() and writer_finish(). */
gboolean      glmcc_results_write_hdf5         (GlmccResults           *results,
                                                const char             *path,
                                                GError                 **error);
/* Reads a results file (also a shard, an interrupted run, or one killed while writing). Its
 * edges are read in blocks of 4,096 pairs, never the whole file at once. A file that is not
 * one, or damaged, is refused with one line naming it (GLMCC_ERROR_PARSE or _INVALID_DATA). */
GlmccResults *glmcc_results_load_hdf5          (const char             *path,
                                                GError                 **error);
/* Copies every finished pair of the file into @into, block by block, after checking that it
 * comes from the same recording and parameters (GLMCC_ERROR_MISMATCH): a merge holds the merged
 * results and one block of one part, whatever the number and size of the parts. Like
 * glmcc_results_merge(), leaves @into a whole run (shard 1/1). The file's shard (0-based) goes
 * to @shard_index and @shard_count when not NULL. */
gboolean      glmcc_results_merge_hdf5         (GlmccResults           *into,
                                                const char             *path,
                                                guint                  *shard_index,
                                                guint                  *shard_count,
                                                GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccResultsHdf5Writer, glmcc_results_hdf5_writer_free)

G_END_DECLS
