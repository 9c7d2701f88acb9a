/* glmcc-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog returns the user's choice through a GTask (the _async/_finish pattern of
 * GtkFileDialog, which GTK 4.8 does not have yet); the window draws the figure.
 */
#define G_LOG_DOMAIN "glmcc-export-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-application.h"
#include "glmcc-export-dialog.h"

#define MM_TO_PT (72.0 / 25.4)

struct _GlmccExportDialog
{
  AdwWindow       parent_instance;

  GTask          *task;       /* returns exactly once: a choice, or cancelled */
  char           *basename;
  GSettings      *settings;

  /* Template widgets */
  AdwComboRow    *format_row;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  GtkWidget      *dpi_row;
  GtkLabel       *size_label;
  GtkButton      *export_button;
};

G_DEFINE_FINAL_TYPE (GlmccExportDialog, glmcc_export_dialog, ADW_TYPE_WINDOW)

static const char *extensions[] = { "png", "svg", "pdf" };

static GlmccPlotFormat
current_format (GlmccExportDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1:
      return GLMCC_PLOT_FORMAT_SVG;
    case 2:
      return GLMCC_PLOT_FORMAT_PDF;
    default:
      return GLMCC_PLOT_FORMAT_PNG;
    }
}

static void
update_size (GlmccExportDialog *self)
{
  double w = gtk_spin_button_get_value (self->width_spin);
  double h = gtk_spin_button_get_value (self->height_spin);
  double dpi = g_settings_get_double (self->settings, "export-dpi");
  gboolean png = current_format (self) == GLMCC_PLOT_FORMAT_PNG;
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (self->dpi_row, png);
  if (png)
    text = g_strdup_printf (_("%.0f × %.0f pixels"), ceil (w / 25.4 * dpi), ceil (h / 25.4 * dpi));
  else
    text = g_strdup_printf (_("%.0f × %.0f points, vector"), w * MM_TO_PT, h * MM_TO_PT);
  gtk_label_set_label (self->size_label, text);
}

void
glmcc_export_choice_free (GlmccExportChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->path);
  g_free (choice);
}

static void
return_choice (GlmccExportDialog *self,
               GlmccExportChoice *choice)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      glmcc_export_choice_free (choice);
      return;
    }
  if (choice != NULL)
    g_task_return_pointer (task, choice, (GDestroyNotify) glmcc_export_choice_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "no figure exported");
}

static void
save_response_cb (GlmccExportDialog    *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      GlmccExportChoice *choice = g_new0 (GlmccExportChoice, 1);

      choice->path = g_file_get_path (file);
      choice->format = current_format (self);
      choice->width_pt = gtk_spin_button_get_value (self->width_spin) * MM_TO_PT;
      choice->height_pt = gtk_spin_button_get_value (self->height_spin) * MM_TO_PT;
      choice->dpi = g_settings_get_double (self->settings, "export-dpi");
      return_choice (self, choice);
      gtk_window_close (GTK_WINDOW (self));
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
export_clicked_cb (GlmccExportDialog *self)
{
  GtkFileChooserNative *native;
  g_autofree char *name = g_strdup_printf ("%s.%s", self->basename,
                                           extensions[adw_combo_row_get_selected (self->format_row) % 3]);

  native = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
glmcc_export_dialog_choose_async (GtkWindow           *parent,
                                  const char          *basename,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GlmccExportDialog *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  self = g_object_new (GLMCC_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->basename = g_strdup (basename != NULL ? basename : "figure");
  self->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, glmcc_export_dialog_choose_async);
  gtk_window_present (GTK_WINDOW (self));
}

GlmccExportChoice *
glmcc_export_dialog_choose_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glmcc_export_dialog_choose_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
glmcc_export_dialog_close_request (GtkWindow *window)
{
  /* Closed without a file: the caller hears that nothing was chosen. */
  return_choice (GLMCC_EXPORT_DIALOG (window), NULL);
  return GTK_WINDOW_CLASS (glmcc_export_dialog_parent_class)->close_request (window);
}

static void
glmcc_export_dialog_dispose (GObject *object)
{
  GlmccExportDialog *self = GLMCC_EXPORT_DIALOG (object);

  return_choice (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glmcc_export_dialog_parent_class)->dispose (object);
}

static void
glmcc_export_dialog_finalize (GObject *object)
{
  GlmccExportDialog *self = GLMCC_EXPORT_DIALOG (object);

  g_clear_pointer (&self->basename, g_free);

  G_OBJECT_CLASS (glmcc_export_dialog_parent_class)->finalize (object);
}

static void
glmcc_export_dialog_class_init (GlmccExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_export_dialog_dispose;
  object_class->finalize = glmcc_export_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = glmcc_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, export_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glmcc_export_dialog_init (GlmccExportDialog *self)
{
  GtkSpinButton *dpi_spin;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = glmcc_settings_new ();
  g_settings_bind (self->settings, "export-width",
                   gtk_spin_button_get_adjustment (self->width_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-height",
                   gtk_spin_button_get_adjustment (self->height_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  dpi_spin = GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (self->dpi_row)));
  g_settings_bind (self->settings, "export-dpi", gtk_spin_button_get_adjustment (dpi_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->width_spin, "value-changed", G_CALLBACK (update_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->height_spin, "value-changed", G_CALLBACK (update_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dpi_spin, "value-changed", G_CALLBACK (update_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  update_size (self);
}
