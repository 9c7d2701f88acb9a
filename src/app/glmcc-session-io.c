/* glmcc-session-io.c: opening, saving, exporting and recovering a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file operation is a GTask whose slow part (reading a results document, loading a
 * recording with glmcc_load_async(), writing a .glmcc) runs in a worker thread on an
 * immutable snapshot; the session changes only on the main thread, in the callbacks.
 *
 * Recovery: as soon as there is unsaved work (a finished run, a curation), a copy of the
 * analysis is written to $XDG_STATE_HOME/glmcc-studio/recovery/recovery-PID-N.glmcc and kept
 * up to date; saving, or choosing to discard, removes it. A copy whose process is gone was
 * left by a crash or a kill, and the application offers it at start.
 */
#define G_LOG_DOMAIN "glmcc-session"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-load-async.h"
#include "glmcc-session-private.h"

/* Opening ------------------------------------------------------------------------------------ */

typedef struct
{
  char              *path;
  GlmccLoadOptions   options;
  char              *format;
  char              *units;
  char              *variable;
  GlmccAnalysisFile *analysis;
  char              *recording_path;
  char              *recovery_source;   /* a recovery copy being adopted */
  gboolean           is_recording;      /* the worker found no results or analysis there */
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->path);
  g_free (open->format);
  g_free (open->units);
  g_free (open->variable);
  g_clear_pointer (&open->analysis, glmcc_analysis_file_unref);
  g_free (open->recording_path);
  g_free (open->recovery_source);
  g_free (open);
}

static void
open_data_set_options (OpenData               *open,
                       const GlmccLoadOptions *options)
{
  char *format = g_strdup (options != NULL ? options->format : NULL);
  char *units = g_strdup (options != NULL ? options->units : NULL);
  char *variable = g_strdup (options != NULL ? options->variable : NULL);

  if (options != NULL)
    open->options = *options;
  else
    glmcc_load_options_init (&open->options);
  g_free (open->format);
  g_free (open->units);
  g_free (open->variable);
  open->format = format;
  open->units = units;
  open->variable = variable;
  open->options.format = format;
  open->options.units = units;
  open->options.variable = variable;
}

/* A task whose callback the session runs when it is done (ref on the session). */
static GTask *
session_task_new (GlmccSession        *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  _glmcc_session_set_busy (self, TRUE);
  return task;
}

static void
session_task_return (GTask  *task,
                     GError *error)
{
  _glmcc_session_set_busy (g_task_get_source_object (task), FALSE);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
recording_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlmccSession *self = g_task_get_source_object (task);
  OpenData *open = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GlmccRecording) recording = glmcc_load_finish (result, &error);

  if (recording == NULL)
    {
      session_task_return (task, error);
      return;
    }
  _glmcc_session_apply_recording (self, open->path, &open->options, recording);
  session_task_return (task, NULL);
}

/* Where the recording of saved results is now: the saved absolute path, else the saved path
 * relative to the analysis, else (a results JSON) its source as the CLI was given it. */
static char *
find_recording (OpenData *open)
{
  const GlmccRecordingFileInfo *info = glmcc_analysis_file_get_recording_file (open->analysis);
  GlmccResults *results = glmcc_analysis_file_get_results (open->analysis);
  g_autofree char *dir = g_path_get_dirname (open->path);
  const char *source = glmcc_results_get_source (results);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

  if (info->path != NULL)
    g_ptr_array_add (candidates, g_strdup (info->path));
  if (info->relative_path != NULL)
    g_ptr_array_add (candidates, g_build_filename (dir, info->relative_path, NULL));
  if (info->path == NULL && source != NULL && *source != '\0')
    {
      if (g_path_is_absolute (source))
        g_ptr_array_add (candidates, g_strdup (source));
      else
        {
          g_ptr_array_add (candidates, g_build_filename (dir, source, NULL));
          g_ptr_array_add (candidates, g_canonicalize_filename (source, NULL));
        }
    }
  for (guint i = 0; i < candidates->len; i++)
    if (g_file_test (candidates->pdata[i], G_FILE_TEST_EXISTS))
      return g_canonicalize_filename (candidates->pdata[i], NULL);
  return NULL;
}

/* The options to load the recording of saved results with. */
static void
analysis_load_options (OpenData         *open,
                       GlmccLoadOptions *options)
{
  GlmccResults *results = glmcc_analysis_file_get_results (open->analysis);

  *options = *glmcc_analysis_file_get_load_options (open->analysis);
  /* A results JSON says only which format it was read as. */
  if (!glmcc_analysis_file_has_session (open->analysis) && options->format == NULL)
    options->format = glmcc_results_get_format (results);
  /* The whole recording: the results' epoch is made from it afterwards. */
  options->start_s = 0.0;
  options->duration_s = -1.0;
}

static void
set_problem (GlmccSession *self,
             const char   *problem)
{
  g_free (self->recording_problem);
  self->recording_problem = g_strdup (problem);
}

static void
apply_opened_analysis (GlmccSession   *self,
                       OpenData       *open,
                       GlmccRecording *recording,
                       const char     *problem)
{
  GlmccRecordingState state = GLMCC_RECORDING_STATE_LOADED;
  g_autoptr(GFile) file = NULL;

  if (recording == NULL)
    state = open->recording_path == NULL ? GLMCC_RECORDING_STATE_MISSING
                                         : GLMCC_RECORDING_STATE_CHANGED;
  /* Before applying: the window reads the problem when the recording changes. */
  set_problem (self, problem);
  _glmcc_session_apply_analysis (self, open->analysis, open->recording_path, recording, state);

  if (open->recovery_source != NULL)
    {
      JsonNode *state_node = glmcc_analysis_file_get_state (open->analysis);
      const char *saved_as = NULL;

      if (state_node != NULL && JSON_NODE_HOLDS_OBJECT (state_node))
        saved_as = json_object_get_string_member_with_default (json_node_get_object (state_node),
                                                               "saved_as", NULL);
      if (saved_as != NULL && *saved_as != '\0')
        file = g_file_new_for_path (saved_as);
      _glmcc_session_set_file (self, file);
      /* The copy is this session's now: it stays until the work is saved or discarded. */
      _glmcc_session_set_modified (self, TRUE);
      _glmcc_session_schedule_recovery (self, 0);
      g_unlink (open->recovery_source);
    }
  else if (glmcc_analysis_file_has_session (open->analysis))
    {
      file = g_file_new_for_path (open->path);
      _glmcc_session_set_file (self, file);
    }
  else
    _glmcc_session_set_file (self, NULL);
}

static void
analysis_recording_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlmccSession *self = g_task_get_source_object (task);
  OpenData *open = g_task_get_task_data (task);
  GlmccResults *results = glmcc_analysis_file_get_results (open->analysis);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlmccRecording) recording = glmcc_load_finish (result, &error);
  g_autoptr(GlmccRecording) view = NULL;
  g_autofree char *problem = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      _glmcc_session_set_busy (self, FALSE);
      return;
    }

  if (recording != NULL)
    {
      double start, end;

      glmcc_results_get_epoch (results, &start, &end);
      view = isfinite (start) && isfinite (end)
             ? glmcc_recording_with_epoch (recording, start, end, &error)
             : glmcc_recording_ref (recording);
      if (view != NULL && !glmcc_results_check_recording (results, view, &error))
        g_clear_pointer (&view, glmcc_recording_unref);
    }
  if (view == NULL)
    {
      problem = g_strdup (error != NULL ? error->message : _("The recording could not be read."));
      g_clear_pointer (&recording, glmcc_recording_unref);
    }
  apply_opened_analysis (self, open, recording, problem);
  session_task_return (task, NULL);
}

static void
read_analysis_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OpenData *open = task_data;
  GError *error = NULL;

  /* Told here, not on the main thread: telling an HDF5 results file from an NWB recording
   * opens it with libhdf5, which waits for any other HDF5 file being read. */
  if (!glmcc_analysis_file_probe (open->path))
    {
      open->is_recording = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }
  open->analysis = glmcc_analysis_file_read (open->path, &error);
  if (open->analysis == NULL)
    g_task_return_error (task, error);
  else
    {
      open->recording_path = find_recording (open);
      g_task_return_boolean (task, TRUE);
    }
}

static void
analysis_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *read = G_TASK (result);
  g_autoptr(GTask) task = user_data;
  GlmccSession *self = g_task_get_source_object (task);
  OpenData *open = g_task_get_task_data (task);
  GError *error = NULL;
  GlmccLoadOptions options;

  if (!g_task_propagate_boolean (read, &error))
    {
      session_task_return (task, error);
      return;
    }
  if (open->is_recording)
    {
      glmcc_load_async (open->path, &open->options, g_task_get_cancellable (task),
                        recording_loaded_cb, g_object_ref (task));
      return;
    }
  if (open->recording_path == NULL)
    {
      const char *saved = glmcc_analysis_file_get_recording_file (open->analysis)->path;
      g_autofree char *problem = NULL;

      if (saved == NULL)
        saved = glmcc_results_get_source (glmcc_analysis_file_get_results (open->analysis));
      problem = g_strdup_printf (_("The recording “%s” is not there any more."),
                                 saved != NULL ? saved : "");
      apply_opened_analysis (self, open, NULL, problem);
      session_task_return (task, NULL);
      return;
    }
  analysis_load_options (open, &options);
  glmcc_load_async (open->recording_path, &options, g_task_get_cancellable (task),
                    analysis_recording_cb, g_object_ref (task));
}

/* A worker tells a saved analysis or results file (read there too) from a recording (loaded
 * with glmcc_load_async() afterwards). */
static void
start_open (GTask    *task,
            OpenData *open)
{
  /* The task data outlives the read: the read fills it and the callback uses it. */
  GTask *read = g_task_new (NULL, g_task_get_cancellable (task), analysis_read_cb,
                            g_object_ref (task));

  g_task_set_task_data (read, open, NULL);
  g_task_run_in_thread (read, read_analysis_worker);
  g_object_unref (read);
}

void
glmcc_session_open_async (GlmccSession           *self,
                          GFile                  *file,
                          const GlmccLoadOptions *options,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open;

  g_return_if_fail (GLMCC_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = session_task_new (self, cancellable, callback, user_data, glmcc_session_open_async);
  open = g_new0 (OpenData, 1);
  open->path = g_file_get_path (file);
  open_data_set_options (open, options);
  g_task_set_task_data (task, open, open_data_free);
  if (open->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      session_task_return (task, g_error_new (GLMCC_ERROR, GLMCC_ERROR_IO,
                                              _("%s is not a local file"), uri));
      return;
    }
  start_open (task, open);
}

gboolean
glmcc_session_open_finish (GlmccSession  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
glmcc_session_recover_async (GlmccSession        *self,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open;

  g_return_if_fail (GLMCC_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  task = session_task_new (self, cancellable, callback, user_data, glmcc_session_recover_async);
  open = g_new0 (OpenData, 1);
  open->path = g_strdup (path);
  open->recovery_source = g_strdup (path);
  open_data_set_options (open, NULL);
  g_task_set_task_data (task, open, open_data_free);
  start_open (task, open);
}

gboolean
glmcc_session_recover_finish (GlmccSession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Results kept in an HDF5 file ----------------------------------------------------------------- */

/* A complete run read from an HDF5 file (or from an analysis that refers to one) is saved as a
 * reference to that file, as `glmcc run --output-analysis` does: the analysis of a large run
 * stays small. An incomplete run is embedded: resuming it would rewrite the file, and the
 * analysis (and its curation) would then be refused. */
void
_glmcc_session_keep_results_file (GlmccSession      *self,
                                  GlmccAnalysisFile *file)
{
  const char *checksum = NULL;
  const char *path = glmcc_analysis_file_get_results_file (file, &checksum);

  g_clear_pointer (&self->results_file, g_free);
  g_clear_pointer (&self->results_checksum, g_free);
  if (path == NULL || checksum == NULL
      || glmcc_results_count_pending (glmcc_analysis_file_get_results (file)) > 0)
    return;
  self->results_file = g_strdup (path);
  self->results_checksum = g_strdup (checksum);
}

/* Locating a recording ---------------------------------------------------------------------- */

static void
located_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlmccSession *self = g_task_get_source_object (task);
  const char *path = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GlmccRecording) recording = glmcc_load_finish (result, &error);
  g_autoptr(GlmccRecording) view = NULL;
  double start, end;

  if (recording == NULL || self->results == NULL)
    {
      session_task_return (task, error != NULL ? error
                                               : g_error_new_literal (GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                                                                      _("There are no results to attach a recording to.")));
      return;
    }
  glmcc_results_get_epoch (self->results, &start, &end);
  view = isfinite (start) && isfinite (end)
         ? glmcc_recording_with_epoch (recording, start, end, &error)
         : glmcc_recording_ref (recording);
  if (view == NULL || !glmcc_results_check_recording (self->results, view, &error))
    {
      g_autoptr(GError) mismatch = error;
      g_autofree char *name = g_filename_display_basename (path);

      session_task_return (task, g_error_new (GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                                              _("“%s” is not the recording these results come from: %s"),
                                              name, mismatch->message));
      return;
    }
  _glmcc_session_attach_recording (self, path, recording);
  session_task_return (task, NULL);
}

void
glmcc_session_locate_recording_async (GlmccSession        *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GlmccLoadOptions options = self->load_options;
  char *path;

  g_return_if_fail (GLMCC_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = session_task_new (self, cancellable, callback, user_data,
                           glmcc_session_locate_recording_async);
  path = g_file_get_path (file);
  g_task_set_task_data (task, path, g_free);
  if (path == NULL)
    {
      session_task_return (task, g_error_new_literal (GLMCC_ERROR, GLMCC_ERROR_IO,
                                                      _("Not a local file")));
      return;
    }
  if (options.format == NULL && self->results != NULL)
    options.format = glmcc_results_get_format (self->results);
  options.start_s = 0.0;
  options.duration_s = -1.0;
  glmcc_load_async (path, &options, cancellable, located_cb, g_object_ref (task));
}

gboolean
glmcc_session_locate_recording_finish (GlmccSession  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Writing ----------------------------------------------------------------------------------- */

typedef struct
{
  GlmccAnalysisFile      *analysis;
  GlmccRecording         *source;       /* to describe the recording file, or NULL */
  char                   *path;
  GlmccRecordingFileInfo  info;         /* what the worker found */
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  g_clear_pointer (&write->analysis, glmcc_analysis_file_unref);
  g_clear_pointer (&write->source, glmcc_recording_unref);
  g_free (write->path);
  glmcc_recording_file_info_clear (&write->info);
  g_free (write);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *write = task_data;
  const GlmccRecordingFileInfo *saved = glmcc_analysis_file_get_recording_file (write->analysis);
  GError *error = NULL;

  /* The recording's size and checksum, from the data in memory (the file may be huge). */
  if (write->source != NULL && saved->path != NULL && saved->checksum == NULL &&
      glmcc_recording_file_info_compute (&write->info, saved->path, write->source, NULL))
    glmcc_analysis_file_set_recording_file (write->analysis, &write->info);
  else
    glmcc_recording_file_info_copy (&write->info, saved);

  if (!glmcc_analysis_file_write (write->analysis, write->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GTask *
start_write (GlmccSession        *self,
             const char          *path,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  WriteData *write = g_new0 (WriteData, 1);

  g_task_set_source_tag (task, source_tag);
  write->analysis = _glmcc_session_snapshot (self);
  write->source = self->source != NULL ? glmcc_recording_ref (self->source) : NULL;
  write->path = g_strdup (path);
  g_task_set_task_data (task, write, write_data_free);
  g_task_run_in_thread (task, write_worker);
  return task;
}

static void
save_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlmccSession *self = g_task_get_source_object (task);
  WriteData *write = g_task_get_task_data (G_TASK (result));
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      session_task_return (task, error);
      return;
    }
  if (write->info.checksum != NULL && self->recording_info.checksum == NULL)
    {
      glmcc_recording_file_info_clear (&self->recording_info);
      glmcc_recording_file_info_copy (&self->recording_info, &write->info);
    }
  file = g_file_new_for_path (write->path);
  _glmcc_session_set_file (self, file);
  _glmcc_session_set_modified (self, FALSE);
  glmcc_session_discard_recovery (self);
  session_task_return (task, NULL);
}

void
glmcc_session_save_async (GlmccSession        *self,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (GLMCC_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = session_task_new (self, cancellable, callback, user_data, glmcc_session_save_async);
  path = g_file_get_path (file);
  if (path == NULL || glmcc_session_get_n_neurons (self) == 0 ||
      (self->results == NULL && self->recording == NULL))
    {
      session_task_return (task, g_error_new_literal (GLMCC_ERROR, GLMCC_ERROR_IO,
                                                      path == NULL ? _("Not a local file")
                                                                   : _("There is nothing to save yet.")));
      return;
    }
  g_object_unref (start_write (self, path, cancellable, save_written_cb, g_object_ref (task),
                               glmcc_session_save_async));
}

gboolean
glmcc_session_save_finish (GlmccSession  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
glmcc_session_export_results (GlmccSession  *self,
                              const char    *path,
                              gboolean       curated_only,
                              GError       **error)
{
  g_autofree char *lower = NULL;
  g_autoptr(GlmccCuration) curation = NULL;
  GlmccResults *results;
  gboolean ok;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  results = self->results;
  if (results == NULL || glmcc_results_count_done (results) == 0 || glmcc_session_get_running (self))
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("Analyse all pairs before exporting results."));
      return FALSE;
    }
  /* The files carry the curation as it is now; the results are left as they were. A save or a
   * recovery copy being written meanwhile reads neither of these two settings. */
  curation = glmcc_curation_copy (self->curation);
  glmcc_results_set_curation (results, curation);
  glmcc_results_set_curated_only (results, curated_only);
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv"))
    ok = glmcc_results_write_matrix (results, path, error);
  else if (g_str_has_suffix (lower, ".tsv"))
    ok = glmcc_results_write_edges (results, path, error);
  else if (g_str_has_suffix (lower, ".graphml"))
    ok = glmcc_results_write_graphml (results, path, error);
  else
    ok = glmcc_results_write_json (results, path, error);
  glmcc_results_set_curated_only (results, FALSE);
  glmcc_results_set_curation (results, NULL);
  return ok;
}

/* Recovery ---------------------------------------------------------------------------------- */

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "glmcc-studio", "recovery", NULL);
}

static void
recovery_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GlmccSession *self = GLMCC_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep a recovery copy of the analysis: %s", error->message);
  /* Written while the work was saved or discarded: it must not stay behind. */
  if (!glmcc_session_has_unsaved_work (self) && self->recovery_path != NULL)
    g_unlink (self->recovery_path);
  _glmcc_session_set_busy (self, FALSE);
}

static gboolean
write_recovery_cb (gpointer data)
{
  GlmccSession *self = data;
  g_autofree char *dir = NULL;

  self->recovery_id = 0;
  if (!glmcc_session_has_unsaved_work (self) || glmcc_session_get_n_neurons (self) == 0)
    return G_SOURCE_REMOVE;
  /* One write at a time; try again shortly. */
  if (self->busy > 0)
    {
      _glmcc_session_schedule_recovery (self, 500);
      return G_SOURCE_REMOVE;
    }
  dir = recovery_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_warning ("Could not create %s for recovery copies: %s", dir, g_strerror (errno));
      return G_SOURCE_REMOVE;
    }
  if (self->recovery_path == NULL)
    {
      static guint serial;
      g_autofree char *name = g_strdup_printf ("recovery-%d-%u.glmcc", (int) getpid (), ++serial);

      self->recovery_path = g_build_filename (dir, name, NULL);
    }
  _glmcc_session_set_busy (self, TRUE);
  g_object_unref (start_write (self, self->recovery_path, self->cancellable, recovery_written_cb,
                               NULL, write_recovery_cb));
  return G_SOURCE_REMOVE;
}

void
_glmcc_session_schedule_recovery (GlmccSession *self,
                                  guint         delay_ms)
{
  if (!glmcc_session_has_unsaved_work (self))
    return;
  if (self->recovery_id != 0 && delay_ms > 0)
    return;
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  self->recovery_id = g_timeout_add (delay_ms, write_recovery_cb, self);
}

void
glmcc_session_discard_recovery (GlmccSession *self)
{
  g_return_if_fail (GLMCC_IS_SESSION (self));

  g_clear_handle_id (&self->recovery_id, g_source_remove);
  if (self->recovery_path != NULL)
    g_unlink (self->recovery_path);
}

/* A process id still running this program (so its copies are not orphans). */
static gboolean
process_alive (int pid)
{
  g_autofree char *comm_path = NULL;
  g_autofree char *comm = NULL;

  if (pid == (int) getpid ())
    return TRUE;
  if (kill (pid, 0) != 0 && errno == ESRCH)
    return FALSE;
  /* The id may have been reused by another program. */
  comm_path = g_strdup_printf ("/proc/%d/comm", pid);
  if (g_file_get_contents (comm_path, &comm, NULL, NULL))
    return g_str_has_prefix (comm, "glmcc-studio");
  return TRUE;
}

static int
compare_mtime_newest_first (gconstpointer a,
                            gconstpointer b)
{
  GStatBuf sa, sb;
  const char *pa = *(const char * const *) a;
  const char *pb = *(const char * const *) b;

  if (g_stat (pa, &sa) != 0 || g_stat (pb, &sb) != 0)
    return 0;
  return (sb.st_mtime > sa.st_mtime) - (sb.st_mtime < sa.st_mtime);
}

char **
glmcc_session_find_recovery_files (void)
{
  g_autofree char *dir = recovery_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      int pid = 0;

      if (!g_str_has_prefix (name, "recovery-") || !g_str_has_suffix (name, ".glmcc"))
        continue;
      pid = atoi (name + strlen ("recovery-"));
      if (pid > 0 && process_alive (pid))
        continue;
      g_ptr_array_add (found, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_sort (found, compare_mtime_newest_first);
  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}
