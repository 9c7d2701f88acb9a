/* glmcc-analysis-file.h: a saved analysis (.glmcc), and the results JSON it extends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "glmcc-curation.h"
#include "glmcc-loader.h"
#include "glmcc-results.h"

G_BEGIN_DECLS

/* The top-level member a .glmcc adds to the results JSON of `glmcc run --output-json`. */
#define GLMCC_ANALYSIS_SESSION_KEY "session"
#define GLMCC_ANALYSIS_FORMAT_VERSION 1

/* Where the recording was and what it held, to find it again and notice when it changed. */
typedef struct
{
  char    *path;           /* absolute */
  char    *relative_path;  /* from the folder of the .glmcc, or NULL */
  gboolean is_folder;
  guint64  size;           /* bytes: the file, or the regular files directly in the folder */
  char    *checksum;       /* "sha256:…" of the spike data as loaded (names and all spike times) */
} GlmccRecordingFileInfo;

/* Fills @info for the recording loaded from @path: size from the file system, checksum from
 * @recording (every spike, whatever its epoch). */
gboolean  glmcc_recording_file_info_compute (GlmccRecordingFileInfo *info,
                                             const char             *path,
                                             GlmccRecording         *recording,
                                             GError                **error);
void      glmcc_recording_file_info_clear   (GlmccRecordingFileInfo *info);
void      glmcc_recording_file_info_copy    (GlmccRecordingFileInfo       *dest,
                                             const GlmccRecordingFileInfo *src);
/* The checksum of the spike data alone, as glmcc_recording_file_info_compute() writes it. */
char     *glmcc_recording_compute_checksum  (GlmccRecording         *recording) G_GNUC_WARN_UNUSED_RESULT;

/* A results document with the session keys of a saved analysis: the recording's file, the load
 * options, the curation, and an opaque state object the application keeps there (parameters
 * on screen, undo history, view). Reference counted. */
typedef struct _GlmccAnalysisFile GlmccAnalysisFile;

GlmccAnalysisFile            *glmcc_analysis_file_new            (GlmccResults           *results);
GlmccAnalysisFile            *glmcc_analysis_file_ref            (GlmccAnalysisFile      *file);
void                          glmcc_analysis_file_unref          (GlmccAnalysisFile      *file);

GlmccResults                 *glmcc_analysis_file_get_results    (GlmccAnalysisFile      *file);
/* TRUE when read from a .glmcc (it had a session), FALSE for a plain results JSON. */
gboolean                      glmcc_analysis_file_has_session    (GlmccAnalysisFile      *file);
/* The curation (never NULL once read; may be NULL on a new file: nothing curated). */
GlmccCuration                *glmcc_analysis_file_get_curation   (GlmccAnalysisFile      *file);
void                          glmcc_analysis_file_set_curation   (GlmccAnalysisFile      *file,
                                                                  GlmccCuration          *curation);
/* NULL path: unknown (a results JSON names only its source as given on the command line). */
const GlmccRecordingFileInfo *glmcc_analysis_file_get_recording_file (GlmccAnalysisFile  *file);
void                          glmcc_analysis_file_set_recording_file (GlmccAnalysisFile  *file,
                                                                      const GlmccRecordingFileInfo *info);
/* The options the recording is loaded with (strings owned by the file). */
const GlmccLoadOptions       *glmcc_analysis_file_get_load_options (GlmccAnalysisFile    *file);
void                          glmcc_analysis_file_set_load_options (GlmccAnalysisFile    *file,
                                                                    const GlmccLoadOptions *options);
/* The application's own state, written and read back verbatim; NULL: none. */
JsonNode                     *glmcc_analysis_file_get_state      (GlmccAnalysisFile      *file);
void                          glmcc_analysis_file_set_state      (GlmccAnalysisFile      *file,
                                                                  JsonNode               *state);

/* Makes the analysis refer to the HDF5 results file at @path (holding the same results as the
 * analysis) instead of holding the edges: written as its path relative to the analysis and
 * @checksum ("sha256:…", glmcc_results_file_checksum(); NULL: computed when writing). NULL
 * @path: the edges are embedded again. */
void                          glmcc_analysis_file_set_results_file (GlmccAnalysisFile *file,
                                                                    const char        *path,
                                                                    const char        *checksum);
/* The results file the analysis refers to, or the HDF5 file it was read from (absolute), or
 * NULL; its checksum into @checksum. */
const char                   *glmcc_analysis_file_get_results_file (GlmccAnalysisFile  *file,
                                                                    const char        **checksum);

/* Writes the results JSON plus the session member. The curation is written into the edges
 * too, so any reader of the JSON sees it. */
gboolean                      glmcc_analysis_file_write          (GlmccAnalysisFile      *file,
                                                                  const char             *path,
                                                                  GError                **error);
/* Reads a .glmcc, or the JSON of `glmcc run --output-json` (then without session), or the HDF5
 * file of `--output-hdf5` (without session too). A .glmcc that refers to a results file reads
 * its edges there, and fails when the file is gone (GLMCC_ERROR_IO) or changed since
 * (GLMCC_ERROR_MISMATCH), naming it. */
GlmccAnalysisFile            *glmcc_analysis_file_read           (const char             *path,
                                                                  GError                **error);
/* TRUE when @path looks like a results JSON or a saved analysis (by its name and first bytes),
 * or is a results HDF5 file (glmcc_results_file_probe()). */
gboolean                      glmcc_analysis_file_probe          (const char             *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccAnalysisFile, glmcc_analysis_file_unref)

G_END_DECLS
