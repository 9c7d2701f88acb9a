/* glmcc-window-actions.c: the win.* actions: open, save, export, run, navigate, curate, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "glmcc-error.h"
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
add_pattern_filter (GtkFileChooser     *chooser,
                    const char         *name,
                    const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
run_open_dialog (GlmccWindow          *self,
                 GtkFileChooserAction  action)
{
  const char *labels[] = { N_("From the file"), N_("Milliseconds"), N_("Seconds"),
                           N_("Samples"), NULL };
  const char *translated[G_N_ELEMENTS (labels)];
  const char * const recordings[] = { "*.txt", "*.csv", "*.tsv", "*.dat", "*.nwb", "*.mat",
                                      "*.npy", "*.xml", "*.res.*", "*.clu.*", "*.glmcc", "*.json",
                                      "*.h5", "*.hdf5", NULL };
  const char * const analyses[] = { "*.glmcc", "*.json", "*.h5", "*.hdf5", NULL };
  const char * const everything[] = { "*", NULL };
  GtkFileChooserNative *native;
  g_autofree char *folder = g_settings_get_string (self->settings, "last-folder");

  native = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                        ? _("Open a Folder of Spike Trains")
                                        : _("Open a Recording or an Analysis"),
                                        GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      add_pattern_filter (GTK_FILE_CHOOSER (native), _("Recordings and analyses"), recordings);
      add_pattern_filter (GTK_FILE_CHOOSER (native), _("Saved analyses and results (*.glmcc, *.json, *.h5)"),
                          analyses);
      add_pattern_filter (GTK_FILE_CHOOSER (native), _("All Files"), everything);
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
  run_open_dialog (GLMCC_WINDOW (widget), g_str_equal (action_name, "win.open-folder")
                                          ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                          : GTK_FILE_CHOOSER_ACTION_OPEN);
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
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  glmcc_window_open (GLMCC_WINDOW (widget), file, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _glmcc_window_save (GLMCC_WINDOW (widget), g_str_equal (action_name, "win.save-as"), NULL, NULL);
}

static void
locate_recording_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _glmcc_window_locate_recording (GLMCC_WINDOW (widget));
}

/* Export ------------------------------------------------------------------------------------- */

/* A figure to write, on a worker thread: a network as a vector file takes seconds. */
typedef struct
{
  GlmccWindow       *window;
  GlmccFigure       *figure;
  GlmccExportChoice *choice;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->window);
  g_clear_pointer (&job->figure, glmcc_figure_unref);
  g_clear_pointer (&job->choice, glmcc_export_choice_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (glmcc_figure_export (job->figure, job->choice->path, job->choice->format,
                           job->choice->width_pt, job->choice->height_pt, job->choice->dpi, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
figure_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GlmccWindow *self = GLMCC_WINDOW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    _glmcc_window_show_error (self, _("Could Not Export the Figure"), error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Figure written to %s"), job->choice->path);

      _glmcc_window_toast (self, text);
    }
}

static void
figure_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GTask) task = NULL;

  job->choice = glmcc_export_dialog_choose_finish (result, NULL);
  if (job->choice == NULL)
    {
      export_job_free (job);
      return;
    }
  if (job->choice->path == NULL)
    {
      _glmcc_window_show_error (job->window, _("Could Not Export the Figure"), _("Not a local file."));
      export_job_free (job);
      return;
    }
  /* The figure as it was when the dialog opened: the one its preview showed. */
  task = g_task_new (job->window, NULL, figure_written_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;
  guint ref, target;

  job = g_new0 (ExportJob, 1);
  job->figure = _glmcc_window_dup_figure (self, &error);
  if (job->figure == NULL)
    {
      _glmcc_window_show_error (self, _("Could Not Export the Figure"), error->message);
      export_job_free (job);
      return;
    }
  job->window = g_object_ref (self);
  if (g_strcmp0 (page, "correlogram") == 0 && glmcc_session_get_pair (self->session, &ref, &target))
    name = g_strdup_printf ("%s-%s", glmcc_session_get_neuron_name (self->session, ref),
                            glmcc_session_get_neuron_name (self->session, target));
  else
    name = g_strdup (page != NULL ? page : "figure");
  glmcc_export_dialog_choose_async (GTK_WINDOW (self), name, job->figure, self->cancellable,
                                    figure_chosen_cb, job);
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
      const char *curated = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "curated-only");
      g_autoptr(GError) error = NULL;

      if (path == NULL ||
          !glmcc_session_export_results (self->session, path, g_strcmp0 (curated, "true") == 0,
                                         &error))
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
      const char *patterns[] = { filters[i].pattern, NULL };

      add_pattern_filter (GTK_FILE_CHOOSER (native), _(filters[i].name), patterns);
    }
  /* Without options, a choice is a check box. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "curated-only",
                               _("Only the connections I accepted"), NULL, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "glmcc-results.json");
  g_signal_connect_object (native, "response", G_CALLBACK (export_results_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Runs and parameters ---------------------------------------------------------------------------- */

static void
analyse_confirmed (GlmccWindow *self,
                   gboolean     proceed,
                   gpointer     user_data)
{
  if (proceed)
    glmcc_session_start_analysis (self->session);
}

static void
analyse_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  _glmcc_window_confirm_discard (self, _("Analyse Again and Discard the Results?"),
                                 analyse_confirmed, NULL);
}

static void
cancel_analysis_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  glmcc_session_cancel_analysis (GLMCC_WINDOW (widget)->session);
}

static void
reset_parameters_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  glmcc_param_panel_reset (GLMCC_WINDOW (widget)->param_panel);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);

  if (g_str_equal (action_name, "win.undo"))
    glmcc_session_undo (self->session);
  else
    glmcc_session_redo (self->session);
}

/* Curation -------------------------------------------------------------------------------------- */

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  guint ref, target;
  GlmccMark mark;

  if (!glmcc_session_get_pair (self->session, &ref, &target) ||
      !glmcc_mark_from_string (g_variant_get_string (parameter, NULL), &mark))
    return;
  /* The edge on display: reference → target (the J→ of the figure). */
  glmcc_session_set_mark (self->session, ref, target, mark);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _glmcc_window_edit_note (GLMCC_WINDOW (widget));
}

/* Navigation --------------------------------------------------------------------------------- */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  gboolean significant = g_str_has_suffix (action_name, "-significant");
  int direction = g_str_has_prefix (action_name, "win.next") ? 1 : -1;

  _glmcc_window_step_pair (self, direction, significant);
}

static void
swap_pair_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  guint ref, target;

  if (glmcc_session_get_pair (self->session, &ref, &target))
    glmcc_session_set_pair (self->session, target, ref);
}

static void
go_to_response_cb (GlmccWindow      *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GtkEditable *ref_entry = g_object_get_data (G_OBJECT (dialog), "ref-entry");
  GtkEditable *target_entry = g_object_get_data (G_OBJECT (dialog), "target-entry");
  int ref, target;

  if (!g_str_equal (response, "go"))
    return;
  ref = glmcc_session_find_neuron (self->session, gtk_editable_get_text (ref_entry));
  target = glmcc_session_find_neuron (self->session, gtk_editable_get_text (target_entry));
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
  glmcc_session_set_pair (self->session, ref, target);
  adw_view_stack_set_visible_child_name (self->view_stack, "correlogram");
}

static GtkWidget *
add_entry_row (GtkGrid    *grid,
               int         row,
               const char *mnemonic,
               const char *text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static void
go_to_pair_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlmccWindow *self = GLMCC_WINDOW (widget);
  GtkWidget *dialog, *grid, *ref_entry, *target_entry;
  guint ref, target;

  if (!glmcc_session_get_pair (self->session, &ref, &target))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Go to Pair"),
                                   _("Type neuron names or 0-based indices."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  ref_entry = add_entry_row (GTK_GRID (grid), 0, _("_Reference"),
                             glmcc_session_get_neuron_name (self->session, ref));
  target_entry = add_entry_row (GTK_GRID (grid), 1, _("_Target"),
                                glmcc_session_get_neuron_name (self->session, target));
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
  GlmccWindow *self = GLMCC_WINDOW (widget);

  /* The search entry is the table's first focusable child. */
  gtk_widget_child_focus (GTK_WIDGET (self->pair_table), GTK_DIR_TAB_FORWARD);
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

/* Figures and steps --------------------------------------------------------------------------------------- */

gboolean
_glmcc_window_export_figure (GlmccWindow      *self,
                             const char       *path,
                             GlmccPlotFormat   format,
                             double            width_pt,
                             double            height_pt,
                             double            dpi,
                             GError          **error)
{
  g_autoptr(GlmccFigure) figure = _glmcc_window_dup_figure (self, error);

  if (figure == NULL)
    return FALSE;
  return glmcc_figure_export (figure, path, format, width_pt, height_pt, dpi, error);
}

GlmccFigure *
_glmcc_window_dup_figure (GlmccWindow  *self,
                          GError      **error)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "matrix") == 0 || g_strcmp0 (page, "network") == 0)
    {
      if (glmcc_session_get_graph (self->session) == NULL)
        {
          g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                               _("Analyse all pairs before exporting this figure."));
          return NULL;
        }
      /* The view as it is: layout, ordering, filters and focus (see GlmccFigure). */
      return glmcc_graph_view_dup_figure (g_str_equal (page, "matrix") ? self->matrix_view
                                                                       : self->network_view);
    }
  if (!glmcc_correlogram_view_has_fit (self->correlogram_view))
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("There is no correlogram to export yet."));
      return NULL;
    }
  return glmcc_correlogram_view_dup_figure (self->correlogram_view);
}

void
_glmcc_window_step_pair (GlmccWindow *self,
                         int          direction,
                         gboolean     significant_only)
{
  guint n = glmcc_session_get_n_neurons (self->session);
  guint ref, target, i, j;

  if (n < 2)
    return;
  if (g_list_model_get_n_items (glmcc_session_get_pairs (self->session)) > 0)
    {
      if (glmcc_pair_table_step (self->pair_table, direction, significant_only, &ref, &target))
        glmcc_session_set_pair (self->session, ref, target);
      else
        _glmcc_window_toast (self, significant_only
                                   ? (direction > 0 ? _("No significant pair further down the table")
                                                    : _("No significant pair further up the table"))
                                   : (direction > 0 ? _("This is the last pair of the table")
                                                    : _("This is the first pair of the table")));
      return;
    }
  if (significant_only)
    {
      _glmcc_window_toast (self, _("Analyse all pairs first to know which pairs are significant"));
      return;
    }
  /* No table yet: walk the unordered pairs (i < j) in index order. */
  glmcc_session_get_pair (self->session, &ref, &target);
  i = MIN (ref, target);
  j = MAX (ref, target);
  if (direction > 0 && j + 1 < n)
    j++;
  else if (direction > 0 && i + 2 < n)
    j = ++i + 1;
  else if (direction < 0 && j > i + 1)
    j--;
  else if (direction < 0 && i > 0)
    {
      i--;
      j = n - 1;
    }
  else
    return;
  glmcc_session_set_pair (self->session, i, j);
}

/* State ---------------------------------------------------------------------------------------- */

static void
update_history_menu (GlmccWindow *self)
{
  GlmccHistory *history = glmcc_session_get_history (self->session);
  const char *undo = glmcc_history_get_undo_label (history);
  const char *redo = glmcc_history_get_redo_label (history);
  g_autoptr(GMenuItem) undo_item = g_menu_item_new (undo != NULL ? undo : _("Undo"), "win.undo");
  g_autoptr(GMenuItem) redo_item = g_menu_item_new (redo != NULL ? redo : _("Redo"), "win.redo");

  /* The items say what they undo and redo: the labels follow the history. */
  g_menu_remove_all (self->history_section);
  g_menu_append_item (self->history_section, undo_item);
  g_menu_append_item (self->history_section, redo_item);
}

void
_glmcc_window_update_actions (GlmccWindow *self)
{
  GlmccSession *session = self->session;
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_neurons = glmcc_session_get_n_neurons (session) > 0;
  gboolean has_recording = glmcc_session_get_recording (session) != NULL;
  gboolean running = glmcc_session_get_running (session);
  gboolean busy = glmcc_session_get_busy (session);
  GlmccResults *results = glmcc_session_get_results (session);
  gboolean has_results = results != NULL && !running &&
                         g_list_model_get_n_items (glmcc_session_get_pairs (session)) > 0;
  GlmccHistory *history = glmcc_session_get_history (session);
  GlmccRecordingState state = glmcc_session_get_recording_state (session);

  gtk_widget_action_set_enabled (widget, "win.analyse-all", has_recording && !running &&
                                 glmcc_session_get_params_valid (session));
  gtk_widget_action_set_enabled (widget, "win.cancel-analysis", running);
  gtk_widget_action_set_enabled (widget, "win.save", has_neurons && !running && !busy);
  gtk_widget_action_set_enabled (widget, "win.save-as", has_neurons && !running && !busy);
  gtk_widget_action_set_enabled (widget, "win.export-figure", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.export-results", has_results && !busy);
  gtk_widget_action_set_enabled (widget, "win.locate-recording",
                                 state == GLMCC_RECORDING_STATE_MISSING ||
                                 state == GLMCC_RECORDING_STATE_CHANGED);
  gtk_widget_action_set_enabled (widget, "win.undo", glmcc_history_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo", glmcc_history_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.mark", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.edit-note", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.next-pair", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.previous-pair", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.next-significant", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.previous-significant", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.swap-pair", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.go-to-pair", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.find-pair", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.show-view", has_neurons);
  gtk_widget_action_set_enabled (widget, "win.toggle-unit", has_neurons);
  _glmcc_window_update_compare_actions (self);
  update_history_menu (self);
}

/* One key each, handled after the focused widget: typing a name in an entry stays typing. */
static void
add_shortcuts (GlmccWindow *self)
{
  static const struct
  {
    guint       key;
    const char *action;
    const char *target;
  } keys[] = {
    { GDK_KEY_a, "win.mark", "accepted" },
    { GDK_KEY_r, "win.mark", "rejected" },
    { GDK_KEY_u, "win.mark", "unsure" },
    { GDK_KEY_c, "win.mark", "none" },
    { GDK_KEY_n, "win.edit-note", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcutAction *action = gtk_named_action_new (keys[i].action);
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0), action);

      if (keys[i].target != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].target));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Parameters ----------------------------------------------------------------------------------- */

static void
params_changed_cb (GlmccWindow *self)
{
  GlmccParams params;
  g_autoptr(GError) error = NULL;
  gboolean valid = glmcc_param_panel_get_params (self->param_panel, &params, &error);

  g_clear_error (&self->input_error);
  glmcc_session_set_params (self->session, valid ? &params : NULL, error);
  _glmcc_window_update_figure (self);
  _glmcc_window_update_actions (self);
}

static void
invalid_input_cb (GlmccWindow  *self,
                  const GError *error)
{
  g_clear_error (&self->input_error);
  self->input_error = g_error_copy (error);
  _glmcc_window_update_figure (self);
}

static void
params_restored_cb (GlmccWindow *self)
{
  glmcc_param_panel_set_params (self->param_panel, glmcc_session_get_params (self->session));
}

static void
epoch_confirmed (GlmccWindow *self,
                 gboolean     proceed,
                 gpointer     user_data)
{
  GlmccRecording *recording = glmcc_session_get_recording (self->session);
  double start_s, duration_s;
  g_autoptr(GError) error = NULL;

  glmcc_param_panel_get_epoch (self->param_panel, &start_s, &duration_s);
  if (proceed && glmcc_session_set_epoch (self->session, start_s, duration_s, &error))
    return;
  if (error != NULL)
    _glmcc_window_toast (self, error->message);
  /* Not changed after all: show the epoch in use again. */
  if (recording != NULL)
    glmcc_param_panel_set_epoch (self->param_panel, glmcc_session_get_extent (self->session),
                                 glmcc_recording_get_epoch_start (recording) / 1000.0,
                                 (glmcc_recording_get_epoch_end (recording) -
                                  glmcc_recording_get_epoch_start (recording)) / 1000.0);
}

static void
epoch_changed_cb (GlmccWindow *self)
{
  _glmcc_window_confirm_discard (self, _("Change the Epoch and Discard the Results?"),
                                 epoch_confirmed, NULL);
}

/* Navigation ------------------------------------------------------------------------------------ */

static void
dropdown_changed_cb (GlmccWindow *self)
{
  guint ref = gtk_drop_down_get_selected (self->ref_dropdown);
  guint target = gtk_drop_down_get_selected (self->target_dropdown);
  guint old_ref, old_target;

  if (self->updating || ref == GTK_INVALID_LIST_POSITION || target == GTK_INVALID_LIST_POSITION)
    return;
  glmcc_session_get_pair (self->session, &old_ref, &old_target);
  if (ref == target)
    {
      /* The other dropdown moved onto the same neuron: move it aside. */
      if (ref != old_ref)
        target = old_ref;
      else
        ref = old_target;
    }
  glmcc_session_set_pair (self->session, ref, target);
}

static void
graph_pair_activated_cb (GlmccWindow    *self,
                         guint           pre,
                         guint           post,
                         GlmccGraphView *view)
{
  /* A connection or a cell: its correlogram. */
  glmcc_session_set_pair (self->session, pre, post);
  adw_view_stack_set_visible_child_name (self->view_stack, "correlogram");
}

/* The neuron in focus is one for the whole window: the list's selection, and the neuron
 * the matrix and the network show with its connections. */
static void
set_focus_neuron (GlmccWindow *self,
                  int          neuron)
{
  if (self->updating_focus)
    return;
  self->updating_focus = TRUE;
  glmcc_neuron_list_select (self->neuron_list, neuron);
  glmcc_graph_view_set_focus (self->matrix_view, neuron);
  glmcc_graph_view_set_focus (self->network_view, neuron);
  self->updating_focus = FALSE;
}

static void
neuron_selected_cb (GlmccWindow *self)
{
  set_focus_neuron (self, glmcc_neuron_list_get_selected (self->neuron_list));
}

static void
graph_neuron_activated_cb (GlmccWindow    *self,
                           guint           neuron,
                           GlmccGraphView *view)
{
  /* A second click on the neuron in focus lets it go. */
  set_focus_neuron (self, glmcc_graph_view_get_focus (view) == (int) neuron ? -1 : (int) neuron);
}

static void
graph_focus_changed_cb (GlmccWindow    *self,
                        GParamSpec     *pspec,
                        GlmccGraphView *view)
{
  set_focus_neuron (self, glmcc_graph_view_get_focus (view));
}

static void
table_filter_changed_cb (GlmccWindow *self)
{
  _glmcc_window_update_table_mask (self);
}

static void
graph_pair_selected_cb (GlmccWindow    *self,
                        guint           pre,
                        guint           post,
                        GlmccGraphView *view)
{
  glmcc_session_set_pair (self->session, pre, post);
}

static void
readout_cb (GlmccWindow *self)
{
  gtk_label_set_label (self->readout_label,
                       glmcc_correlogram_view_get_readout (self->correlogram_view));
}

static void
unit_toggled_cb (GlmccWindow *self)
{
  GlmccPlotUnit unit = gtk_toggle_button_get_active (self->unit_rate_button)
                       ? GLMCC_PLOT_UNIT_RATE : GLMCC_PLOT_UNIT_COUNT;

  glmcc_correlogram_view_set_unit (self->correlogram_view, unit);
  g_settings_set_enum (self->settings, "y-unit", unit == GLMCC_PLOT_UNIT_RATE ? 1 : 0);
}


/* The controls that drive the session ------------------------------------------------------------ */

#define CONNECT(instance, signal, handler) \
  g_signal_connect_object ((instance), (signal), G_CALLBACK (handler), self, G_CONNECT_SWAPPED)

void
_glmcc_window_connect_controls (GlmccWindow *self)
{
  CONNECT (self->session, "params-restored", params_restored_cb);
  CONNECT (self->ref_dropdown, "notify::selected", dropdown_changed_cb);
  CONNECT (self->target_dropdown, "notify::selected", dropdown_changed_cb);
  CONNECT (self->param_panel, "changed", params_changed_cb);
  CONNECT (self->param_panel, "invalid-input", invalid_input_cb);
  CONNECT (self->param_panel, "epoch-changed", epoch_changed_cb);
  CONNECT (self->correlogram_view, "notify::readout", readout_cb);
  CONNECT (self->matrix_view, "pair-activated", graph_pair_activated_cb);
  CONNECT (self->network_view, "pair-activated", graph_pair_activated_cb);
  CONNECT (self->matrix_view, "pair-selected", graph_pair_selected_cb);
  CONNECT (self->network_view, "pair-selected", graph_pair_selected_cb);
  CONNECT (self->network_view, "neuron-activated", graph_neuron_activated_cb);
  CONNECT (self->matrix_view, "notify::focus", graph_focus_changed_cb);
  CONNECT (self->network_view, "notify::focus", graph_focus_changed_cb);
  CONNECT (glmcc_neuron_list_get_selection (self->neuron_list), "notify::selected", neuron_selected_cb);
  CONNECT (self->pair_table, "filter-changed", table_filter_changed_cb);
  if (g_settings_get_enum (self->settings, "y-unit") == 1)
    {
      gtk_toggle_button_set_active (self->unit_rate_button, TRUE);
      glmcc_correlogram_view_set_unit (self->correlogram_view, GLMCC_PLOT_UNIT_RATE);
    }
  CONNECT (self->unit_rate_button, "toggled", unit_toggled_cb);
  add_shortcuts (self);
  params_changed_cb (self);
}

#undef CONNECT

void
_glmcc_window_class_actions_init (GtkWidgetClass *widget_class)
{
  static const struct
  {
    const char                 *name;
    const char                 *parameter;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "win.open-file", NULL, open_file_action },
    { "win.open-folder", NULL, open_file_action },
    { "win.open-demo", NULL, open_demo_action },
    { "win.open-recent", "s", open_recent_action },
    { "win.save", NULL, save_action },
    { "win.save-as", NULL, save_action },
    { "win.locate-recording", NULL, locate_recording_action },
    { "win.export-figure", NULL, export_figure_action },
    { "win.export-results", NULL, export_results_action },
    { "win.analyse-all", NULL, analyse_all_action },
    { "win.cancel-analysis", NULL, cancel_analysis_action },
    { "win.reset-parameters", NULL, reset_parameters_action },
    { "win.undo", NULL, history_action },
    { "win.redo", NULL, history_action },
    { "win.mark", "s", mark_action },
    { "win.edit-note", NULL, edit_note_action },
    { "win.next-pair", NULL, step_action },
    { "win.previous-pair", NULL, step_action },
    { "win.next-significant", NULL, step_action },
    { "win.previous-significant", NULL, step_action },
    { "win.swap-pair", NULL, swap_pair_action },
    { "win.go-to-pair", NULL, go_to_pair_action },
    { "win.find-pair", NULL, find_pair_action },
    { "win.show-view", "s", show_view_action },
    { "win.toggle-unit", NULL, toggle_unit_action },
    { "win.toggle-neurons", NULL, toggle_flap_action },
    { "win.toggle-parameters", NULL, toggle_flap_action },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter,
                                     actions[i].activate);
  _glmcc_window_class_compare_actions_init (widget_class);
}
