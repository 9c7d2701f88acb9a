/* glmcc-load-async.c: the asynchronous form of glmcc_load()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GTask whose data is an immutable copy of the path and options; the worker calls the
 * synchronous loader and returns the recording with g_task_return_pointer.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include "glmcc-load-async.h"

typedef struct
{
  char             *path;
  GlmccLoadOptions  options;
  char             *format;
  char             *units;
  char             *variable;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->path);
  g_free (load->format);
  g_free (load->units);
  g_free (load->variable);
  g_free (load);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  GlmccRecording *recording;

  if (g_task_return_error_if_cancelled (task))
    return;
  recording = glmcc_load (load->path, &load->options, &error);
  if (recording == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, recording, (GDestroyNotify) glmcc_recording_unref);
}

void
glmcc_load_async (const char             *path,
                  const GlmccLoadOptions *options,
                  GCancellable           *cancellable,
                  GAsyncReadyCallback     callback,
                  gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (LoadData, 1);
  load->path = g_strdup (path);
  if (options != NULL)
    load->options = *options;
  else
    glmcc_load_options_init (&load->options);
  load->format = g_strdup (load->options.format);
  load->units = g_strdup (load->options.units);
  load->variable = g_strdup (load->options.variable);
  load->options.format = load->format;
  load->options.units = load->units;
  load->options.variable = load->variable;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glmcc_load_async);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_worker);
}

GlmccRecording *
glmcc_load_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glmcc_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
