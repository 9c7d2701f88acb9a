/* glmcc-window-compare.c: the window's ground truth, score and planner actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "glmcc-planner-dialog.h"
#include "glmcc-score-dialog.h"
#include "glmcc-window-private.h"

static void
truth_response_cb (GlmccWindow          *self,
                   int                   response,
                   GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path == NULL)
        _glmcc_window_show_error (self, _("Could Not Open the Ground Truth"),
                                  _("Not a local file."));
      else if (!glmcc_session_load_truth (self->session, path, &error))
        _glmcc_window_show_error (self, _("Could Not Open the Ground Truth"), error->message);
      else
        {
          g_autofree char *text = g_strdup_printf (_("Ground truth loaded from %s"), path);

          _glmcc_window_toast (self, text);
        }
    }
  g_object_unref (native);
}

static void
open_truth_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  GtkFileChooserNative *native;
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *recording = glmcc_session_get_recording_path (self->session);

  native = gtk_file_chooser_native_new (_("Open a Ground Truth"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("Truth tables and matrices (*.tsv, *.csv, *.txt)"));
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  if (recording != NULL)
    {
      g_autofree char *folder = g_file_test (recording, G_FILE_TEST_IS_DIR)
                                ? g_strdup (recording) : g_path_get_dirname (recording);
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), file, NULL);
    }
  g_signal_connect_object (native, "response", G_CALLBACK (truth_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
show_score_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (glmcc_score_dialog_new (GTK_WINDOW (self), self->session)));
}

static void
show_planner_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (glmcc_planner_dialog_new (GTK_WINDOW (self), self->session)));
}

void
_glmcc_window_update_compare_actions (GlmccWindow *self)
{
  gboolean has_neurons = glmcc_session_get_n_neurons (self->session) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-truth", has_neurons);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-score",
                                 glmcc_session_get_truth (self->session) != NULL);
}

void
_glmcc_window_class_compare_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-truth", NULL, open_truth_action);
  gtk_widget_class_install_action (widget_class, "win.show-score", NULL, show_score_action);
  gtk_widget_class_install_action (widget_class, "win.show-planner", NULL, show_planner_action);
}
