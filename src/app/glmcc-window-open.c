/* glmcc-window-open.c: what the window opens, and how: files, drops, the recent menu, the
 * view state saved with an analysis, recovery copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-window-private.h"

#define MAX_RECENT 10

/* Opening --------------------------------------------------------------------------------------- */

typedef struct
{
  GlmccWindow      *window;
  GFile            *file;
  GlmccLoadOptions  options;
  char             *format;
} OpenRequest;

static void
open_request_free (gpointer data)
{
  OpenRequest *request = data;

  g_object_unref (request->window);
  g_object_unref (request->file);
  g_free (request->format);
  g_free (request);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenRequest *request = user_data;
  GlmccWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (request->file);
  g_autofree char *name = g_file_get_basename (request->file);

  if (!glmcc_session_open_finish (GLMCC_SESSION (object), result, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (g_error_matches (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE) &&
          !(request->options.sample_rate > 0))
        _glmcc_window_ask_sample_rate (self, request->file, &request->options, error->message);
      else if (!g_cancellable_is_cancelled (self->cancellable))
        _glmcc_window_show_error (self, heading, error->message);
      open_request_free (request);
      return;
    }
  _glmcc_window_add_recent (self, path);
  _glmcc_window_apply_view_state (self);
  _glmcc_window_report_recording (self);
  if (self->analyse_on_open && glmcc_session_get_results (self->session) == NULL)
    glmcc_session_start_analysis (self->session);
  self->analyse_on_open = FALSE;
  open_request_free (request);
}

static gboolean
loading_pulse_cb (gpointer data)
{
  GlmccWindow *self = data;
  double elapsed = (g_get_monotonic_time () - self->loading_since) / (double) G_USEC_PER_SEC;
  g_autofree char *text = g_strdup_printf ("%.1f s", elapsed);

  gtk_progress_bar_pulse (self->loading_progress);
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_progress_bar_set_show_text (self->loading_progress, elapsed > 1.0);
  return G_SOURCE_CONTINUE;
}

static void
open_confirmed (GlmccWindow *self,
                gboolean     proceed,
                gpointer     user_data)
{
  OpenRequest *request = user_data;
  g_autofree char *name = g_file_get_basename (request->file);
  g_autofree char *label = g_strdup_printf (_("Reading %s…"), name);

  if (!proceed)
    {
      open_request_free (request);
      return;
    }
  gtk_label_set_label (self->loading_label, label);
  self->loading_since = g_get_monotonic_time ();
  if (self->loading_pulse_id == 0)
    self->loading_pulse_id = g_timeout_add (100, loading_pulse_cb, self);
  glmcc_session_open_async (self->session, request->file, &request->options, self->cancellable,
                            opened_cb, request);
}

void
glmcc_window_open (GlmccWindow            *self,
                   GFile                  *file,
                   const GlmccLoadOptions *options)
{
  OpenRequest *request;

  g_return_if_fail (GLMCC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (OpenRequest, 1);
  request->window = g_object_ref (self);
  request->file = g_object_ref (file);
  if (options != NULL)
    request->options = *options;
  else
    glmcc_load_options_init (&request->options);
  request->format = g_strdup (request->options.format);
  request->options.format = request->format;
  request->options.units = NULL;
  request->options.variable = NULL;
  _glmcc_window_confirm_discard (self, _("Open Another File and Discard the Results?"),
                                 open_confirmed, request);
}

/* The options given on the command line, if the window belongs to the application. */
static const GlmccLoadOptions *
command_line_options (void)
{
  GApplication *app = g_application_get_default ();

  return GLMCC_IS_APPLICATION (app) ? glmcc_application_get_load_options (GLMCC_APPLICATION (app))
                                    : NULL;
}

static gboolean
drop_cb (GlmccWindow   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || (files = g_value_get_boxed (value)) == NULL)
    return FALSE;
  glmcc_window_open (self, G_FILE (files->data), command_line_options ());
  return TRUE;
}


void
glmcc_window_set_analyse_on_open (GlmccWindow *self,
                                  gboolean     analyse)
{
  g_return_if_fail (GLMCC_IS_WINDOW (self));
  self->analyse_on_open = !!analyse;
}

void
_glmcc_window_add_drop_target (GlmccWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* The recent menu ------------------------------------------------------------------------------- */

static char *
display_name_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

void
_glmcc_window_add_recent (GlmccWindow *self,
                          const char  *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-recordings");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  if (path == NULL)
    return;
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-recordings", (const char * const *) recent);
}

void
_glmcc_window_update_recent_menu (GlmccWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-recordings");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = display_name_of (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
    }
}

/* View state ------------------------------------------------------------------------------------ */

void
_glmcc_window_store_view_state (GlmccWindow *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) state = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "page");
  json_builder_add_string_value (builder, adw_view_stack_get_visible_child_name (self->view_stack));
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, gtk_toggle_button_get_active (self->unit_rate_button)
                                          ? "rate" : "count");
  json_builder_set_member_name (builder, "search");
  json_builder_add_string_value (builder, glmcc_pair_table_get_search (self->pair_table));
  json_builder_set_member_name (builder, "filter");
  json_builder_add_int_value (builder, glmcc_pair_table_get_filter (self->pair_table));
  json_builder_set_member_name (builder, "curation_filter");
  json_builder_add_int_value (builder, glmcc_pair_table_get_curation_filter (self->pair_table));
  json_builder_set_member_name (builder, "matrix");
  json_builder_add_value (builder, glmcc_graph_page_save_state (self->matrix_page));
  json_builder_set_member_name (builder, "network");
  json_builder_add_value (builder, glmcc_graph_page_save_state (self->network_page));
  json_builder_end_object (builder);
  state = json_builder_get_root (builder);
  glmcc_session_set_view_state (self->session, state);
}

void
_glmcc_window_apply_view_state (GlmccWindow *self)
{
  JsonNode *node = glmcc_session_get_view_state (self->session);
  JsonObject *state;
  const char *page;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  state = json_node_get_object (node);
  page = json_object_get_string_member_with_default (state, "page", "correlogram");
  if (g_strcmp0 (page, "correlogram") == 0 || g_strcmp0 (page, "matrix") == 0 ||
      g_strcmp0 (page, "network") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
  if (g_strcmp0 (json_object_get_string_member_with_default (state, "unit", "count"), "rate") == 0)
    gtk_toggle_button_set_active (self->unit_rate_button, TRUE);
  else
    gtk_toggle_button_set_active (self->unit_count_button, TRUE);
  glmcc_pair_table_set_filter (self->pair_table,
                               CLAMP (json_object_get_int_member_with_default (state, "filter", 0),
                                      GLMCC_PAIR_FILTER_ALL, GLMCC_PAIR_FILTER_INHIBITORY));
  glmcc_pair_table_set_curation_filter (self->pair_table,
                                        CLAMP (json_object_get_int_member_with_default (state, "curation_filter", 0),
                                               GLMCC_CURATION_FILTER_ANY, GLMCC_CURATION_FILTER_UNCURATED));
  glmcc_pair_table_set_search (self->pair_table,
                               json_object_get_string_member_with_default (state, "search", ""));
  if (json_object_has_member (state, "matrix") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (state, "matrix")))
    glmcc_graph_page_load_state (self->matrix_page, json_object_get_object_member (state, "matrix"));
  if (json_object_has_member (state, "network") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (state, "network")))
    glmcc_graph_page_load_state (self->network_page, json_object_get_object_member (state, "network"));
}

/* Recovery -------------------------------------------------------------------------------------- */

static void
recovered_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GlmccWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!glmcc_session_recover_finish (GLMCC_SESSION (object), result, &error))
    {
      _glmcc_window_show_error (self, _("Could Not Recover the Analysis"), error->message);
      return;
    }
  _glmcc_window_apply_view_state (self);
  _glmcc_window_report_recording (self);
  _glmcc_window_toast (self, _("Analysis recovered; save it to keep it"));
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GlmccWindow      *self)
{
  char **paths = g_object_get_data (G_OBJECT (dialog), "paths");

  if (g_str_equal (response, "recover"))
    glmcc_session_recover_async (self->session, paths[0], self->cancellable, recovered_cb,
                                 g_object_ref (self));
  else if (g_str_equal (response, "discard"))
    for (guint i = 0; paths[i] != NULL; i++)
      g_unlink (paths[i]);
}

void
glmcc_window_offer_recovery (GlmccWindow *self)
{
  g_auto(GStrv) paths = glmcc_session_find_recovery_files ();
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  GDateTime *when = NULL;
  g_autofree char *when_text = NULL;
  GStatBuf st;

  g_return_if_fail (GLMCC_IS_WINDOW (self));

  if (paths == NULL || paths[0] == NULL)
    return;
  if (g_stat (paths[0], &st) == 0)
    when = g_date_time_new_from_unix_local (st.st_mtime);
  when_text = when != NULL ? g_date_time_format (when, "%x %H:%M") : g_strdup ("");
  g_clear_pointer (&when, g_date_time_unref);
  body = g_strdup_printf (ngettext ("GLMCC Studio ended without saving %u analysis; it was last "
                                    "kept at %s. Recover it?",
                                    "GLMCC Studio ended without saving %u analyses; the newest was "
                                    "kept at %s. Recover it?", g_strv_length (paths)),
                          g_strv_length (paths), when_text);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Analysis?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Not Now"),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "paths", g_steal_pointer (&paths),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
