/* ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ui-test-util.h"

static guint bad_messages;

void
ui_spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

/* Counts what a user would see on stderr as a warning, critical or error, then prints it. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      const char *domain = NULL;
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
          domain = fields[i].value;
        else if (g_str_equal (fields[i].key, "MESSAGE"))
          message = fields[i].value;
      /* Xvfb has no session bus; that warning is the test machine's, not the program's. */
      if (message == NULL || strstr (message, "session bus") == NULL)
        {
          bad_messages++;
          g_printerr ("counted %s message: %s: %s\n",
                      (level & G_LOG_LEVEL_WARNING) ? "warning" : "critical",
                      domain != NULL ? domain : "", message != NULL ? message : "");
        }
    }
  return g_log_writer_standard_streams (level, fields, n_fields, user_data);
}

void
ui_test_init (int    *argc,
              char ***argv)
{
  g_autofree char *state = g_dir_make_tmp ("glmcc-ui-state-XXXXXX", NULL);

  /* Recovery copies of these tests go to a directory of their own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

guint
ui_count_bad_messages (void)
{
  return bad_messages;
}

const char *
ui_sample_dir (void)
{
  const char *dir = g_getenv ("GLMCC_SAMPLE_DIR");

  g_assert_nonnull (dir);
  return dir;
}

char *
ui_demo_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "examples", "demo", NULL);
}

GlmccWindow *
ui_window_new (void)
{
  g_autoptr(GSettings) settings = glmcc_settings_new ();
  GlmccWindow *window = glmcc_window_new (NULL);

  /* The memory backend lives as long as the process: start every test from the defaults. */
  glmcc_param_panel_reset (window->param_panel);
  g_settings_reset (settings, "y-unit");
  /* The size of a real screen, whatever the test display is. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

gboolean
ui_has_fit_of (GlmccWindow *window,
               guint        ref,
               guint        target)
{
  GlmccSession *session = glmcc_window_get_session (window);
  GlmccFitted *fitted = glmcc_session_get_fitted (session);

  return fitted != NULL && fitted->ref == ref && fitted->target == target &&
         !glmcc_pair_fitter_is_busy (glmcc_session_get_fitter (session));
}

const GlmccCcgPlot *
ui_shown_plot (GlmccWindow *window)
{
  return glmcc_correlogram_view_get_plot (window->correlogram_view);
}

void
ui_open (GlmccWindow            *window,
         const char             *path,
         const GlmccLoadOptions *options)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlmccSession *session = glmcc_window_get_session (window);
  guint ref = 0, target = 1;

  glmcc_window_open (window, file, options);
  WAIT_FOR (!glmcc_session_get_busy (session) && glmcc_session_get_n_neurons (session) > 0);
  if (glmcc_session_get_recording (session) != NULL)
    {
      glmcc_session_get_pair (session, &ref, &target);
      WAIT_FOR (ui_has_fit_of (window, ref, target));
    }
}

gboolean
ui_analysis_done (GlmccWindow *window)
{
  GlmccSession *session = glmcc_window_get_session (window);

  return glmcc_session_get_results (session) != NULL && !glmcc_session_get_running (session);
}

void
ui_analyse_all (GlmccWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.analyse-all", NULL);
  g_assert_true (glmcc_session_get_running (glmcc_window_get_session (window)));
  WAIT_FOR (ui_analysis_done (window));
}

AdwMessageDialog *
ui_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

void
ui_respond (const char *response)
{
  AdwMessageDialog *dialog = ui_find_dialog ();

  g_assert_nonnull (dialog);
  /* The answer may close its parent window, and the dialog with it. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  /* A button click closes the dialog after its response; emitting the response does not. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

void
ui_destroy (GlmccWindow *window)
{
  AdwMessageDialog *dialog;

  while ((dialog = ui_find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  glmcc_session_discard_recovery (glmcc_window_get_session (window));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin_for (50);
}

char *
ui_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("glmcc-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
ui_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ui_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
