/* glmcc-window-dialogs.c: the questions the window asks: unsaved work, where to save, the
 * sample rate, where the recording went, a note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-window"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "glmcc-error.h"
#include "glmcc-window-private.h"

typedef struct
{
  GlmccWindow         *window;
  GlmccWindowContinue  next;
  gpointer             user_data;
} Continuation;

static Continuation *
continuation_new (GlmccWindow         *self,
                  GlmccWindowContinue  next,
                  gpointer             user_data)
{
  Continuation *cont = g_new0 (Continuation, 1);

  cont->window = g_object_ref (self);
  cont->next = next;
  cont->user_data = user_data;
  return cont;
}

static void
continuation_finish (Continuation *cont,
                     gboolean      proceed)
{
  if (cont->next != NULL)
    cont->next (cont->window, proceed, cont->user_data);
  g_object_unref (cont->window);
  g_free (cont);
}

/* Saving ---------------------------------------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Continuation *cont = user_data;
  GlmccWindow *self = cont->window;
  g_autoptr(GError) error = NULL;

  if (!glmcc_session_save_finish (GLMCC_SESSION (object), result, &error))
    {
      _glmcc_window_show_error (self, _("Could Not Save the Analysis"), error->message);
      continuation_finish (cont, FALSE);
      return;
    }
  {
    g_autofree char *path = g_file_get_path (glmcc_session_get_file (self->session));
    g_autofree char *text = g_strdup_printf (_("Analysis saved to %s"), path);

    _glmcc_window_add_recent (self, path);
    _glmcc_window_toast (self, text);
  }
  continuation_finish (cont, TRUE);
}

static void
save_to (GlmccWindow  *self,
         GFile        *file,
         Continuation *cont)
{
  _glmcc_window_store_view_state (self);
  glmcc_session_save_async (self->session, file, self->cancellable, saved_cb, cont);
}

static void
save_response_cb (GtkFileChooserNative *native,
                  int                   response,
                  Continuation         *cont)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (chosen);
      g_autoptr(GFile) file = NULL;

      /* The extension is what the desktop (and the MIME database) recognises it by. */
      if (path != NULL && !g_str_has_suffix (path, ".glmcc"))
        {
          g_autofree char *with_suffix = g_strconcat (path, ".glmcc", NULL);

          file = g_file_new_for_path (with_suffix);
        }
      else
        file = g_object_ref (chosen);
      save_to (cont->window, file, cont);
    }
  else
    continuation_finish (cont, FALSE);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

void
_glmcc_window_save (GlmccWindow         *self,
                    gboolean             choose_file,
                    GlmccWindowContinue  next,
                    gpointer             user_data)
{
  Continuation *cont = continuation_new (self, next, user_data);
  GFile *file = glmcc_session_get_file (self->session);
  GtkFileChooserNative *native;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  const char *recording = glmcc_session_get_recording_path (self->session);

  if (file != NULL && !choose_file)
    {
      save_to (self, file, cont);
      return;
    }
  native = gtk_file_chooser_native_new (_("Save the Analysis"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("GLMCC analyses (*.glmcc)"));
  gtk_file_filter_add_pattern (filter, "*.glmcc");
  gtk_file_filter_add_mime_type (filter, "application/x-glmcc-analysis");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  base = file != NULL ? g_file_get_basename (file)
                      : g_path_get_basename (recording != NULL ? recording : "analysis");
  if (g_str_has_suffix (base, ".glmcc") || g_str_has_suffix (base, ".json"))
    *strrchr (base, '.') = '\0';
  name = g_strconcat (base, ".glmcc", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (file != NULL || recording != NULL)
    {
      g_autoptr(GFile) known = file != NULL ? g_object_ref (file) : g_file_new_for_path (recording);
      g_autoptr(GFile) folder = g_file_get_parent (known);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  g_signal_connect (native, "response", G_CALLBACK (save_response_cb), cont);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Unsaved work ---------------------------------------------------------------------------------- */

static void
save_then_continue (GlmccWindow *self,
                    gboolean     saved,
                    gpointer     user_data)
{
  continuation_finish (user_data, saved);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Continuation     *cont)
{
  if (g_str_equal (response, "save"))
    _glmcc_window_save (cont->window, FALSE, save_then_continue, cont);
  else if (g_str_equal (response, "discard"))
    {
      glmcc_session_discard_recovery (cont->window->session);
      continuation_finish (cont, TRUE);
    }
  else
    continuation_finish (cont, FALSE);
}

void
_glmcc_window_confirm_discard (GlmccWindow         *self,
                               const char          *heading,
                               GlmccWindowContinue  next,
                               gpointer             user_data)
{
  GlmccCuration *curation = glmcc_session_get_curation (self->session);
  guint n_pairs = g_list_model_get_n_items (glmcc_session_get_pairs (self->session));
  guint n_curated = curation != NULL ? glmcc_curation_get_n_curated (curation) : 0;
  g_autofree char *pairs = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!glmcc_session_has_unsaved_work (self->session))
    {
      next (self, TRUE, user_data);
      return;
    }
  pairs = g_strdup_printf (ngettext ("The results of %u pair", "The results of %u pairs", n_pairs),
                           n_pairs);
  /* Translators: "The results of 435 pairs and 10 curated connections are not saved." */
  body = g_strdup_printf (ngettext ("%s and %u curated connection are not saved. If you do not "
                                    "save them, they are lost.",
                                    "%s and %u curated connections are not saved. If you do not "
                                    "save them, they are lost.", n_curated),
                          pairs, n_curated);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb),
                    continuation_new (self, next, user_data));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The sample rate ------------------------------------------------------------------------------- */

typedef struct
{
  GFile            *file;
  GlmccLoadOptions  options;
  char             *format;
  GtkEditable      *entry;
} RateRetry;

static void
rate_retry_free (gpointer data)
{
  RateRetry *retry = data;

  g_object_unref (retry->file);
  g_free (retry->format);
  g_free (retry);
}

static void
rate_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GlmccWindow      *self)
{
  RateRetry *retry = g_object_get_data (G_OBJECT (dialog), "retry");
  const char *text = gtk_editable_get_text (retry->entry);
  char *end = NULL;
  double rate;

  if (!g_str_equal (response, "open"))
    return;
  rate = g_ascii_strtod (text, &end);
  if (end == text || !(rate > 0) || !isfinite (rate))
    {
      _glmcc_window_toast (self, _("The sample rate must be a positive number of Hz"));
      return;
    }
  retry->options.sample_rate = rate;
  retry->options.format = retry->format;
  glmcc_window_open (self, retry->file, &retry->options);
}

/* The format counts time in samples and the files do not say the rate: ask for it. */
void
_glmcc_window_ask_sample_rate (GlmccWindow            *self,
                               GFile                  *file,
                               const GlmccLoadOptions *options,
                               const char             *message)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("What Is the Sample Rate of “%s”?"), name);
  g_autofree char *body = g_strdup_printf (_("%s\n\nThe spike times are sample indices. Give the "
                                             "rate they were sampled at to convert them to time."),
                                           message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();
  RateRetry *retry = g_new0 (RateRetry, 1);

  retry->file = g_object_ref (file);
  retry->options = *options;
  retry->format = g_strdup (options->format);
  retry->entry = GTK_EDITABLE (entry);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Hz, e.g. 30000"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sample rate in Hz"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "retry", retry, rate_retry_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Where the recording went ---------------------------------------------------------------------- */

static void
located_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GlmccWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!glmcc_session_locate_recording_finish (GLMCC_SESSION (object), result, &error))
    _glmcc_window_show_error (self, _("This Is Not the Recording"), error->message);
  else
    _glmcc_window_toast (self, _("The recording is back; save to remember where it is"));
}

static void
locate_response_cb (GtkFileChooserNative *native,
                    int                   response,
                    GlmccWindow          *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      glmcc_session_locate_recording_async (self->session, file, self->cancellable, located_cb,
                                            g_object_ref (self));
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

void
_glmcc_window_locate_recording (GlmccWindow *self)
{
  gboolean folder = glmcc_session_get_recording_is_folder (self->session);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (folder ? _("Locate the Recording’s Folder")
                                               : _("Locate the Recording"),
                                        GTK_WINDOW (self),
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Use"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (locate_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
report_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GlmccWindow      *self)
{
  if (g_str_equal (response, "locate"))
    _glmcc_window_locate_recording (self);
}

/* Opened results whose recording moved or changed: say so, offer to find it. */
void
_glmcc_window_report_recording (GlmccWindow *self)
{
  GlmccRecordingState state = glmcc_session_get_recording_state (self->session);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (state != GLMCC_RECORDING_STATE_MISSING && state != GLMCC_RECORDING_STATE_CHANGED)
    return;
  body = g_strdup_printf (_("%s\n\nThe results and the curation are open; the correlograms need "
                            "the recording."), glmcc_session_get_recording_problem (self->session));
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   state == GLMCC_RECORDING_STATE_MISSING
                                   ? _("The Recording Has Moved")
                                   : _("The Recording Has Changed"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "results", _("_Results Only"),
                                    "locate", _("_Locate…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "locate",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "locate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "results");
  g_signal_connect_object (dialog, "response", G_CALLBACK (report_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A note ---------------------------------------------------------------------------------------- */

static void
note_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GlmccWindow      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  guint pre = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "pre"));
  guint post = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "post"));

  if (g_str_equal (response, "save") && pre < glmcc_session_get_n_neurons (self->session) &&
      post < glmcc_session_get_n_neurons (self->session))
    glmcc_session_set_note (self->session, pre, post, gtk_editable_get_text (entry));
}

void
_glmcc_window_edit_note (GlmccWindow *self)
{
  guint pre, post;
  g_autofree char *heading = NULL;
  const char *note;
  GtkWidget *dialog, *entry;

  if (!glmcc_session_get_pair (self->session, &pre, &post))
    return;
  heading = g_strdup_printf (_("Note on %s → %s"), glmcc_session_get_neuron_name (self->session, pre),
                             glmcc_session_get_neuron_name (self->session, post));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Why you accepted or rejected it, what to check later. "
                                     "Saved with the analysis and in the exported JSON and GraphML."));
  entry = gtk_entry_new ();
  note = glmcc_session_get_note (self->session, pre, post);
  gtk_editable_set_text (GTK_EDITABLE (entry), note != NULL ? note : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Note"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "pre", GUINT_TO_POINTER (pre));
  g_object_set_data (G_OBJECT (dialog), "post", GUINT_TO_POINTER (post));
  g_signal_connect_object (dialog, "response", G_CALLBACK (note_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
