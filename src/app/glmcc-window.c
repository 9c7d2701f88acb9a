/* glmcc-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is a view of one GlmccSession (the recording, results, curation, history and the
 * work on them): it binds its widgets to the session's properties and signals and keeps only
 * window concerns here — title, bars, which figure page shows, the recent menu, drag and drop
 * and closing. The neuron list and pair table are widgets of their own; the actions are in
 * glmcc-window-actions.c and the dialogs (save, unsaved work, sample rate, note, locate) in
 * glmcc-window-dialogs.c.
 */
#define G_LOG_DOMAIN "glmcc-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-error.h"
#include "glmcc-pair-item.h"
#include "glmcc-window-private.h"

G_DEFINE_FINAL_TYPE (GlmccWindow, glmcc_window, ADW_TYPE_APPLICATION_WINDOW)

#define MAX_RECENT 10

/* Small helpers ------------------------------------------------------------------------------ */

void
_glmcc_window_toast (GlmccWindow *self,
                     const char  *text)
{
  glmcc_toast_queue_add (self->toasts, text);
}

void
_glmcc_window_show_error (GlmccWindow *self,
                          const char  *heading,
                          const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

GlmccSession *
glmcc_window_get_session (GlmccWindow *self)
{
  g_return_val_if_fail (GLMCC_IS_WINDOW (self), NULL);
  return self->session;
}

static const char *
name_of (GlmccWindow *self,
         guint        neuron)
{
  return glmcc_session_get_neuron_name (self->session, neuron);
}

/* Title and bars ------------------------------------------------------------------------------ */

static void
update_title (GlmccWindow *self)
{
  g_autofree char *name = glmcc_session_dup_display_name (self->session);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GlmccRecording *recording = glmcc_session_get_recording (self->session);
  guint n = glmcc_session_get_n_neurons (self->session);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, n > 0);
  if (name == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("GLMCC Studio"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, "");
      return;
    }
  /* Translators: window title, "analysis.glmcc — GLMCC Studio"; the dot marks unsaved work. */
  title = g_strdup_printf (_("%s%s — GLMCC Studio"),
                           glmcc_session_get_modified (self->session) ? "• " : "", name);
  if (recording != NULL)
    subtitle = g_strdup_printf (_("%s · %u neurons · %.6g–%.6g s"), name, n,
                                glmcc_recording_get_epoch_start (recording) / 1000.0,
                                glmcc_recording_get_epoch_end (recording) / 1000.0);
  else
    subtitle = g_strdup_printf (_("%s · %u neurons · results only"), name, n);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_progress (GlmccWindow *self)
{
  gboolean running = glmcc_session_get_running (self->session);
  const char *text = glmcc_session_get_progress_text (self->session);

  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_progress_bar_set_fraction (self->progress_bar, glmcc_session_get_progress (self->session));
  gtk_label_set_label (self->progress_label, text != NULL ? text : "");
  _glmcc_window_update_actions (self);
}

static void
update_stale (GlmccWindow *self)
{
  gtk_revealer_set_reveal_child (self->stale_revealer,
                                 glmcc_session_get_stale (self->session) &&
                                 !glmcc_session_get_running (self->session));
}

static void
update_busy (GlmccWindow *self)
{
  gboolean busy = glmcc_session_get_busy (self->session);

  gtk_revealer_set_reveal_child (self->loading_revealer, busy);
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  if (!busy)
    g_clear_handle_id (&self->loading_pulse_id, g_source_remove);
  _glmcc_window_update_actions (self);
}

/* The figure ---------------------------------------------------------------------------------- */

/* "cell3 → cell7 · accepted · ← rejected": the curation of the pair on display. */
static char *
curated_title (GlmccWindow *self,
               guint        ref,
               guint        target)
{
  GlmccMark forward = glmcc_session_get_mark (self->session, ref, target);
  GlmccMark backward = glmcc_session_get_mark (self->session, target, ref);
  GString *title;

  if (forward == GLMCC_MARK_NONE && backward == GLMCC_MARK_NONE)
    return NULL;
  title = g_string_new (NULL);
  g_string_append_printf (title, "%s → %s", name_of (self, ref), name_of (self, target));
  if (forward != GLMCC_MARK_NONE)
    g_string_append_printf (title, " · %s", glmcc_mark_describe (forward));
  if (backward != GLMCC_MARK_NONE)
    g_string_append_printf (title, " · ← %s", glmcc_mark_describe (backward));
  return g_string_free (title, FALSE);
}

void
_glmcc_window_update_figure (GlmccWindow *self)
{
  GlmccFitted *fitted = glmcc_session_get_fitted (self->session);
  GlmccRecordingState state = glmcc_session_get_recording_state (self->session);
  const GError *error = self->input_error != NULL ? self->input_error
                                                  : glmcc_session_get_param_error (self->session);

  gtk_spinner_set_spinning (self->fit_spinner,
                            glmcc_pair_fitter_is_busy (glmcc_session_get_fitter (self->session)));
  if (error != NULL)
    {
      const char *control = error->domain == GLMCC_PARAMS_ERROR
                            ? glmcc_param_panel_get_control_title (self->param_panel, error->code)
                            : NULL;
      g_autofree char *text = control != NULL ? g_strdup_printf ("%s: %s", control, error->message)
                                              : g_strdup (error->message);

      /* Where the figure is: the reader is looking there, not at the panel's bottom. */
      adw_status_page_set_description (self->invalid_page, text);
      gtk_stack_set_visible_child_name (self->figure_stack, "invalid");
      glmcc_correlogram_view_set_fitted (self->correlogram_view, NULL, NULL, NULL, NULL);
      return;
    }
  if (state == GLMCC_RECORDING_STATE_MISSING || state == GLMCC_RECORDING_STATE_CHANGED)
    {
      adw_status_page_set_description (self->unavailable_page,
                                       glmcc_session_get_recording_problem (self->session));
      gtk_stack_set_visible_child_name (self->figure_stack, "unavailable");
      return;
    }
  gtk_stack_set_visible_child_name (self->figure_stack, "figure");
  if (fitted == NULL)
    {
      glmcc_correlogram_view_set_fitted (self->correlogram_view, NULL, NULL, NULL, NULL);
      return;
    }
  {
    g_autofree char *title = curated_title (self, fitted->ref, fitted->target);
    g_autofree char *text = g_strdup_printf (_("%llu lags · %.1f ms"),
                                             (unsigned long long) fitted->result.n_lags,
                                             fitted->elapsed_ms);

    glmcc_correlogram_view_set_fitted (self->correlogram_view, fitted, name_of (self, fitted->ref),
                                       name_of (self, fitted->target), title);
    gtk_label_set_label (self->fit_time_label, text);
  }
}

/* While a run adds pairs, the figures follow every two seconds: drawing a network of hundreds
 * of neurons each time pairs arrive would take the run's time. */
#define GRAPH_RUN_INTERVAL_US (2 * G_USEC_PER_SEC)

static void update_graph (GlmccWindow *self);

/* Both figures show the session's latest snapshot (shared, not copied). */
static void
show_graph_data (GlmccWindow *self)
{
  GlmccGraphData *data = glmcc_session_get_graph_data (self->session);

  glmcc_graph_view_set_data (self->matrix_view, data);
  glmcc_graph_view_set_data (self->network_view, data);
}

void
_glmcc_window_update_table_mask (GlmccWindow *self)
{
  g_autoptr(GBytes) mask = glmcc_pair_table_dup_mask (self->pair_table);

  glmcc_graph_view_set_table_mask (self->matrix_view, mask);
  glmcc_graph_view_set_table_mask (self->network_view, mask);
}

static gboolean
graph_timeout_cb (gpointer data)
{
  GlmccWindow *self = data;

  self->graph_update_id = 0;
  update_graph (self);
  return G_SOURCE_REMOVE;
}

static void
update_graph (GlmccWindow *self)
{
  const char *page = glmcc_session_get_graph (self->session) != NULL ? "view" : "none";
  gint64 now = g_get_monotonic_time ();

  if (glmcc_session_get_running (self->session) &&
      now - self->graph_updated_at < GRAPH_RUN_INTERVAL_US)
    {
      if (self->graph_update_id == 0)
        self->graph_update_id = g_timeout_add ((GRAPH_RUN_INTERVAL_US - (now - self->graph_updated_at)) / 1000,
                                               graph_timeout_cb, self);
      return;
    }
  g_clear_handle_id (&self->graph_update_id, g_source_remove);
  self->graph_updated_at = now;

  /* The pairs the table lists change with the pairs a run adds. */
  if (glmcc_pair_table_get_filtering (self->pair_table))
    _glmcc_window_update_table_mask (self);
  show_graph_data (self);
  gtk_stack_set_visible_child_name (self->matrix_stack, page);
  gtk_stack_set_visible_child_name (self->network_stack, page);
  _glmcc_window_update_actions (self);
}

static void
pair_changed_cb (GlmccWindow *self)
{
  guint ref, target;

  if (!glmcc_session_get_pair (self->session, &ref, &target))
    return;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->ref_dropdown, ref);
  gtk_drop_down_set_selected (self->target_dropdown, target);
  self->updating = FALSE;
  glmcc_graph_view_set_highlight (self->matrix_view, ref, target);
  glmcc_graph_view_set_highlight (self->network_view, ref, target);
  _glmcc_window_update_figure (self);
}

static void
curation_changed_cb (GlmccWindow *self)
{
  _glmcc_window_update_figure (self);
  /* The marks show at once, also during a run: a new snapshot with them. */
  show_graph_data (self);
}

/* The recording --------------------------------------------------------------------------------- */

static void
update_recording_info (GlmccWindow *self)
{
  GlmccRecording *recording = glmcc_session_get_recording (self->session);
  g_autoptr(GString) info = g_string_new (NULL);
  const char * const *notes;
  gsize dropped = 0;

  if (recording == NULL)
    {
      gtk_label_set_label (self->recording_info_label,
                           _("Results only: the recording they come from is not open."));
      return;
    }
  notes = glmcc_recording_get_display_notes (recording);
  for (guint i = 0; i < glmcc_recording_get_n_neurons (recording); i++)
    dropped += glmcc_recording_get_n_dropped (recording, i);
  g_string_append_printf (info, _("Format: %s. Epoch %.6g–%.6g s."),
                          glmcc_recording_get_format (recording),
                          glmcc_recording_get_epoch_start (recording) / 1000.0,
                          glmcc_recording_get_epoch_end (recording) / 1000.0);
  if (dropped > 0)
    g_string_append_printf (info, ngettext (" %zu spike outside the epoch left out.",
                                            " %zu spikes outside the epoch left out.", dropped),
                            dropped);
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    g_string_append_printf (info, "\n%s", notes[i]);
  gtk_label_set_label (self->recording_info_label, info->str);
}

static void
recording_changed_cb (GlmccWindow *self)
{
  GlmccRecording *recording = glmcc_session_get_recording (self->session);
  GlmccRecordingState state = glmcc_session_get_recording_state (self->session);
  guint n = glmcc_session_get_n_neurons (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, name_of (self, i));
  self->updating = TRUE;
  g_set_object (&self->name_list, names);
  gtk_drop_down_set_model (self->ref_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (names));
  self->updating = FALSE;

  if (recording != NULL)
    {
      double start = glmcc_recording_get_epoch_start (recording) / 1000.0;
      double end = glmcc_recording_get_epoch_end (recording) / 1000.0;

      glmcc_param_panel_set_epoch (self->param_panel, glmcc_session_get_extent (self->session),
                                   start, end - start);
    }
  gtk_label_set_label (self->recording_label, glmcc_session_get_recording_problem (self->session));
  gtk_revealer_set_reveal_child (self->recording_revealer,
                                 state == GLMCC_RECORDING_STATE_MISSING ||
                                 state == GLMCC_RECORDING_STATE_CHANGED);
  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "recording" : "empty");
  update_recording_info (self);
  update_title (self);
  pair_changed_cb (self);
  _glmcc_window_update_actions (self);
}

/* Window life ----------------------------------------------------------------------------------- */

static gboolean
close_later_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_confirmed (GlmccWindow *self,
                 gboolean     proceed,
                 gpointer     user_data)
{
  if (!proceed)
    return;
  self->close_confirmed = TRUE;
  /* After the question's dialog is gone: it is a child of this window. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_later_cb, g_object_ref (self), g_object_unref);
}

static gboolean
glmcc_window_close_request (GtkWindow *window)
{
  GlmccWindow *self = GLMCC_WINDOW (window);
  int width, height;

  if (!self->close_confirmed && glmcc_session_has_unsaved_work (self->session))
    {
      _glmcc_window_confirm_discard (self, _("Save the Analysis Before Closing?"),
                                     close_confirmed, NULL);
      return TRUE;
    }
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_cancellable_cancel (self->cancellable);
  glmcc_session_cancel_analysis (self->session);
  return GTK_WINDOW_CLASS (glmcc_window_parent_class)->close_request (window);
}

static void
glmcc_window_dispose (GObject *object)
{
  GlmccWindow *self = GLMCC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->loading_pulse_id, g_source_remove);
  g_clear_handle_id (&self->graph_update_id, g_source_remove);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (glmcc_session_get_history (self->session), self);
      glmcc_session_cancel_analysis (self->session);
    }
  if (self->matrix_view != NULL)
    glmcc_graph_view_set_data (self->matrix_view, NULL);
  if (self->network_view != NULL)
    glmcc_graph_view_set_data (self->network_view, NULL);
  if (self->toasts != NULL)
    glmcc_toast_queue_clear (self->toasts);
  g_clear_object (&self->toasts);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->name_list);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glmcc_window_parent_class)->dispose (object);
}

static void
glmcc_window_finalize (GObject *object)
{
  GlmccWindow *self = GLMCC_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->input_error);

  G_OBJECT_CLASS (glmcc_window_parent_class)->finalize (object);
}

static void
glmcc_window_class_init (GlmccWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_window_dispose;
  object_class->finalize = glmcc_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = glmcc_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GlmccWindow, name)
  BIND (toast_overlay); BIND (switcher_title); BIND (recent_section); BIND (history_section);
  BIND (curation_menu); BIND (loading_revealer); BIND (loading_spinner); BIND (loading_label);
  BIND (loading_progress); BIND (main_stack); BIND (demo_button); BIND (neuron_flap);
  BIND (param_flap); BIND (neuron_list); BIND (recording_info_label); BIND (recording_revealer);
  BIND (recording_label); BIND (stale_revealer); BIND (progress_revealer); BIND (progress_bar);
  BIND (progress_label); BIND (ref_dropdown); BIND (target_dropdown); BIND (fit_spinner);
  BIND (fit_time_label); BIND (unit_count_button); BIND (unit_rate_button); BIND (view_stack);
  BIND (figure_stack); BIND (invalid_page); BIND (unavailable_page); BIND (correlogram_view);
  BIND (readout_label); BIND (matrix_stack); BIND (network_stack); BIND (matrix_page);
  BIND (network_page); BIND (pair_table); BIND (param_panel);
#undef BIND

  _glmcc_window_class_actions_init (widget_class);
}

#define CONNECT(instance, signal, handler) \
  g_signal_connect_object ((instance), (signal), G_CALLBACK (handler), self, G_CONNECT_SWAPPED)

static void
glmcc_window_init (GlmccWindow *self)
{
  GtkExpression *expression;
  g_autofree char *demo = NULL;
  GlmccHistory *history;

  g_type_ensure (GLMCC_TYPE_CORRELOGRAM_VIEW);
  g_type_ensure (GLMCC_TYPE_GRAPH_PAGE);
  g_type_ensure (GLMCC_TYPE_PARAM_PANEL);
  g_type_ensure (GLMCC_TYPE_NEURON_LIST);
  g_type_ensure (GLMCC_TYPE_PAIR_TABLE);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->matrix_view = glmcc_graph_page_get_view (self->matrix_page);
  self->network_view = glmcc_graph_page_get_view (self->network_page);
  self->toasts = glmcc_toast_queue_new (self->toast_overlay);

  self->settings = glmcc_settings_new ();
  self->cancellable = g_cancellable_new ();
  self->session = glmcc_session_new ();
  history = glmcc_session_get_history (self->session);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  glmcc_neuron_list_set_session (self->neuron_list, self->session);
  glmcc_pair_table_set_session (self->pair_table, self->session);
  glmcc_pair_table_set_menu_model (self->pair_table, self->curation_menu);
  glmcc_correlogram_view_set_menu_model (self->correlogram_view, self->curation_menu);
  glmcc_graph_view_set_menu_model (self->matrix_view, self->curation_menu);
  glmcc_graph_view_set_menu_model (self->network_view, self->curation_menu);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->ref_dropdown, expression);
  gtk_drop_down_set_expression (self->target_dropdown, expression);
  gtk_expression_unref (expression);

  CONNECT (self->session, "notify::display-name", update_title);
  CONNECT (self->session, "notify::modified", update_title);
  CONNECT (self->session, "notify::recording", recording_changed_cb);
  CONNECT (self->session, "notify::recording-state", recording_changed_cb);
  CONNECT (self->session, "notify::fitted", _glmcc_window_update_figure);
  CONNECT (self->session, "notify::params-valid", _glmcc_window_update_figure);
  CONNECT (self->session, "notify::running", update_progress);
  CONNECT (self->session, "notify::running", update_stale);
  CONNECT (self->session, "notify::progress", update_progress);
  CONNECT (self->session, "notify::progress-text", update_progress);
  CONNECT (self->session, "notify::stale", update_stale);
  CONNECT (self->session, "notify::busy", update_busy);
  CONNECT (self->session, "notify::results", _glmcc_window_update_actions);
  CONNECT (self->session, "pair-changed", pair_changed_cb);
  CONNECT (self->session, "graph-changed", update_graph);
  CONNECT (self->session, "curation-changed", curation_changed_cb);
  CONNECT (self->session, "message", _glmcc_window_toast);
  CONNECT (self->matrix_page, "message", _glmcc_window_toast);
  CONNECT (self->network_page, "message", _glmcc_window_toast);
  CONNECT (self->session, "truth-changed", _glmcc_window_update_actions);
  CONNECT (history, "notify::undo-label", _glmcc_window_update_actions);
  CONNECT (history, "notify::redo-label", _glmcc_window_update_actions);
  CONNECT (self->settings, "changed::recent-recordings", _glmcc_window_update_recent_menu);

  _glmcc_window_add_drop_target (self);
  _glmcc_window_connect_controls (self);

  demo = glmcc_find_demo_recording ();
  gtk_widget_set_visible (self->demo_button, demo != NULL);
  _glmcc_window_update_recent_menu (self);
  recording_changed_cb (self);
  update_graph (self);
}

#undef CONNECT

GlmccWindow *
glmcc_window_new (GlmccApplication *application)
{
  return g_object_new (GLMCC_TYPE_WINDOW, "application", application, NULL);
}

gboolean
_glmcc_window_is_loading (GlmccWindow *self)
{
  return glmcc_session_get_busy (self->session);
}
