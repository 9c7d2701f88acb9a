/* glmcc-window-actions.c: the win.* actions: open, export, run, navigate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "glmcc-export-dialog.h"
#include "glmcc-window-private.h"

/* Opening ------------------------------------------------------------------------------------ */

static const char *time_unit_ids[] = { "default", "ms", "s", "samples", NULL };

static void
open_response_cb (GlmccWindow          *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      GlmccLoadOptions options = *glmcc_application_get_load_options (GLMCC_APPLICATION_DEFAULT);
      const char *unit = gtk_file_chooser_get_choice (chooser, "time-unit");
      GlmccTimeUnit chosen;

      /* "default" keeps the unit the command line gave, if any. */
      if (glmcc_time_unit_parse (unit, &chosen) && chosen != GLMCC_TIME_UNIT_DEFAULT)
        options.time_unit = chosen;

      if (parent != NULL)
        {
          g_autofree char *folder = g_file_get_path (parent);

          if (folder != NULL)
            g_settings_set_string (self->settings, "last-folder", folder);
        }
      glmcc_window_open (self, file, &options);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
run_open_dialog (GlmccWindow          *self,
                 GtkFileChooserAction  action)
{
  const char *labels[] = { N_("From the file"), N_("Milliseconds"), N_("Seconds"),
                           N_("Samples"), NULL };
  const char *translated[G_N_ELEMENTS (labels)];
  GtkFileChooserNative *native;
  g_autofree char *folder = g_settings_get_string (self->settings, "last-folder");

  native = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                        ? _("Open a Folder of Spike Trains")
                                        : _("Open a Recording"),
                                        GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Recordings"));
      for (const char *const *p = (const char *const[]) { "*.txt", "*.csv", "*.tsv", "*.dat",
                                                          "*.nwb", "*.mat", "*.npy", "*.xml",
                                                          "*.res.*", "*.clu.*", "*.json",
                                                          NULL };
           *p != NULL; p++)
        gtk_file_filter_add_pattern (filter, *p);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      g_object_unref (filter);

      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("All Files"));
      gtk_file_filter_add_pattern (filter, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      g_object_unref (filter);
    }

  for (guint i = 0; labels[i] != NULL; i++)
    translated[i] = _(labels[i]);
  translated[G_N_ELEMENTS (labels) - 1] = NULL;
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "time-unit", _("Spike times in"),
                               time_unit_ids, translated);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "time-unit", "default");

  if (folder != NULL && *folder != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), file, NULL);
    }

  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_open_dialog (GLMCC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_open_dialog (GLMCC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  g_autofree char *demo = glmcc_find_demo_recording ();
  g_autoptr(GFile) file = NULL;

  if (demo == NULL)
    {
      _glmcc_window_show_error (self, _("The Demo Recording Is Missing"),
                                _("This installation has no data/examples/demo folder."));
      return;
    }
  file = g_file_new_for_path (demo);
  glmcc_window_open (self, file, NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  glmcc_window_open (self, file, NULL);
}

/* Export ------------------------------------------------------------------------------------- */

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (g_strcmp0 (page, "correlogram") == 0 && self->has_pair && self->recording != NULL)
    name = g_strdup_printf ("%s-%s", glmcc_recording_get_name (self->recording, self->ref),
                            glmcc_recording_get_name (self->recording, self->target));
  else
    name = g_strdup (page != NULL ? page : "figure");

  dialog = glmcc_export_dialog_new (self, name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_results_response_cb (GlmccWindow          *self,
                            int                   response,
                            GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !_glmcc_window_export_results (self, path, &error))
        _glmcc_window_show_error (self, _("Could Not Export the Results"),
                                  error != NULL ? error->message : _("Not a local file."));
      else
        {
          g_autofree char *text = g_strdup_printf (_("Results written to %s"), path);

          _glmcc_window_toast (self, text);
        }
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
export_results_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  GtkFileChooserNative *native;
  struct { const char *name; const char *pattern; } filters[] = {
    { N_("Analysis as JSON (*.json)"), "*.json" },
    { N_("Edge table (*.tsv)"), "*.tsv" },
    { N_("Connectivity matrix, rows presynaptic (*.csv)"), "*.csv" },
    { N_("Network graph (*.graphml)"), "*.graphml" },
  };

  native = gtk_file_chooser_native_new (_("Export the Results"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, filters[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      g_object_unref (filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "glmcc-results.json");
  g_signal_connect_object (native, "response", G_CALLBACK (export_results_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Runs --------------------------------------------------------------------------------------- */

static void
analyse_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _glmcc_window_start_analysis (GLMCC_WINDOW (widget));
}

static void
cancel_analysis_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _glmcc_window_cancel_analysis (GLMCC_WINDOW (widget));
}

static void
reset_parameters_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  glmcc_param_panel_reset (GLMCC_WINDOW (widget)->param_panel);
}

/* Navigation --------------------------------------------------------------------------------- */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  if (g_str_equal (action_name, "win.next-pair"))
    _glmcc_window_step_pair (self, 1, FALSE);
  else if (g_str_equal (action_name, "win.previous-pair"))
    _glmcc_window_step_pair (self, -1, FALSE);
  else if (g_str_equal (action_name, "win.next-significant"))
    _glmcc_window_step_pair (self, 1, TRUE);
  else if (g_str_equal (action_name, "win.previous-significant"))
    _glmcc_window_step_pair (self, -1, TRUE);
}

static void
swap_pair_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  if (self->has_pair)
    _glmcc_window_set_pair (self, self->target, self->ref);
}

static void
go_to_response_cb (GlmccWindow      *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GtkEditable *ref_entry = g_object_get_data (G_OBJECT (dialog), "ref-entry");
  GtkEditable *target_entry = g_object_get_data (G_OBJECT (dialog), "target-entry");
  int ref, target;

  if (!g_str_equal (response, "go") || self->recording == NULL)
    return;

  ref = glmcc_recording_find_neuron (self->recording, gtk_editable_get_text (ref_entry));
  target = glmcc_recording_find_neuron (self->recording, gtk_editable_get_text (target_entry));
  if (ref < 0 || target < 0)
    {
      g_autofree char *text = g_strdup_printf (_("No neuron “%s”"),
                                               gtk_editable_get_text (ref < 0 ? ref_entry
                                                                              : target_entry));
      _glmcc_window_toast (self, text);
      return;
    }
  if (ref == target)
    {
      _glmcc_window_toast (self, _("Reference and target must differ"));
      return;
    }
  _glmcc_window_set_pair (self, ref, target);
  adw_view_stack_set_visible_child_name (self->view_stack, "correlogram");
}

static void
go_to_pair_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *grid;
  GtkWidget *ref_entry, *target_entry, *label;

  if (self->recording == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Go to Pair"),
                                   _("Type neuron names or 0-based indices."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  label = gtk_label_new_with_mnemonic (_("_Reference"));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  ref_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (ref_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), ref_entry);
  gtk_editable_set_text (GTK_EDITABLE (ref_entry),
                         glmcc_recording_get_name (self->recording, self->ref));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), ref_entry, 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Target"));
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  target_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (target_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target_entry);
  gtk_editable_set_text (GTK_EDITABLE (target_entry),
                         glmcc_recording_get_name (self->recording, self->target));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), target_entry, 1, 1, 1, 1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "go", _("_Go"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "go");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "ref-entry", ref_entry);
  g_object_set_data (G_OBJECT (dialog), "target-entry", target_entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (go_to_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ref_entry);
}

static void
find_pair_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (GLMCC_WINDOW (widget)->pair_search));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  adw_view_stack_set_visible_child_name (GLMCC_WINDOW (widget)->view_stack,
                                         g_variant_get_string (parameter, NULL));
}

static void
toggle_unit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  if (gtk_toggle_button_get_active (self->unit_rate_button))
    gtk_toggle_button_set_active (self->unit_count_button, TRUE);
  else
    gtk_toggle_button_set_active (self->unit_rate_button, TRUE);
}

static void
toggle_flap_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  AdwFlap *flap = g_str_equal (action_name, "win.toggle-neurons") ? self->neuron_flap
                                                                 : self->param_flap;

  adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

void
_glmcc_window_update_actions (GlmccWindow *self)
{
  gboolean has_recording = self->recording != NULL;
  gboolean running = self->analysis != NULL && glmcc_analysis_is_running (self->analysis);
  gboolean has_results = self->analysis != NULL && !running &&
                         glmcc_analysis_get_n_done (self->analysis) > 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.analyse-all", has_recording && !running);
  gtk_widget_action_set_enabled (widget, "win.cancel-analysis", running);
  gtk_widget_action_set_enabled (widget, "win.export-figure", has_recording);
  gtk_widget_action_set_enabled (widget, "win.export-results", has_results);
  gtk_widget_action_set_enabled (widget, "win.next-pair", has_recording);
  gtk_widget_action_set_enabled (widget, "win.previous-pair", has_recording);
  gtk_widget_action_set_enabled (widget, "win.next-significant", has_recording);
  gtk_widget_action_set_enabled (widget, "win.previous-significant", has_recording);
  gtk_widget_action_set_enabled (widget, "win.swap-pair", has_recording);
  gtk_widget_action_set_enabled (widget, "win.go-to-pair", has_recording);
  gtk_widget_action_set_enabled (widget, "win.find-pair", has_recording);
  gtk_widget_action_set_enabled (widget, "win.show-view", has_recording);
  gtk_widget_action_set_enabled (widget, "win.toggle-unit", has_recording);
}

void
_glmcc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_figure_action);
  gtk_widget_class_install_action (widget_class, "win.export-results", NULL, export_results_action);
  gtk_widget_class_install_action (widget_class, "win.analyse-all", NULL, analyse_all_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-analysis", NULL, cancel_analysis_action);
  gtk_widget_class_install_action (widget_class, "win.reset-parameters", NULL, reset_parameters_action);
  gtk_widget_class_install_action (widget_class, "win.next-pair", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-pair", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.next-significant", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-significant", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.swap-pair", NULL, swap_pair_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-pair", NULL, go_to_pair_action);
  gtk_widget_class_install_action (widget_class, "win.find-pair", NULL, find_pair_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-unit", NULL, toggle_unit_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-neurons", NULL, toggle_flap_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-parameters", NULL, toggle_flap_action);
}
