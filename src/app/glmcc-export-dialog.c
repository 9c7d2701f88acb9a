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
/* The preview fits in this box (logical pixels), and follows the size after this pause. */
#define PREVIEW_WIDTH 420.0
#define PREVIEW_HEIGHT 260.0
#define PREVIEW_DELAY_MS 150

struct _GlmccExportDialog
{
  AdwWindow       parent_instance;

  GTask          *task;       /* returns exactly once: a choice, or cancelled */
  char           *basename;
  GSettings      *settings;
  GlmccFigure    *figure;
  GCancellable   *cancellable;  /* of the preview being drawn */
  guint           preview_id;
  guint64         preview_request;
  double          preview_width_pt;
  double          preview_height_pt;
  GdkTexture     *preview;

  /* Template widgets */
  AdwComboRow    *format_row;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  GtkWidget      *dpi_row;
  GtkLabel       *size_label;
  GtkButton      *export_button;
  GtkWidget      *preview_group;
  GtkPicture     *preview_picture;
  GtkLabel       *preview_label;
};

G_DEFINE_FINAL_TYPE (GlmccExportDialog, glmcc_export_dialog, ADW_TYPE_WINDOW)

static GlmccExportDialog *current_dialog;

/* The preview -------------------------------------------------------------------------------- */

typedef struct
{
  GlmccFigure *figure;
  double       width_pt;
  double       height_pt;
  double       scale;      /* device pixels per point */
  guint64      request;
} PreviewJob;

static void
preview_job_free (gpointer data)
{
  PreviewJob *job = data;

  glmcc_figure_unref (job->figure);
  g_free (job);
}

/* In a worker: the figure drawn as the file gets it, at the size chosen, shrunk to the box. */
static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  int width = MAX (1, (int) ceil (job->width_pt * job->scale));
  int height = MAX (1, (int) ceil (job->height_pt * job->scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_scale (cr, job->scale, job->scale);
  glmcc_figure_draw_export (job->figure, cr, job->width_pt, job->height_pt);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, texture, g_object_unref);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GlmccExportDialog *self = GLMCC_EXPORT_DIALOG (object);
  PreviewJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *text = NULL;

  /* Only the newest request shows. */
  if (texture == NULL || job->request != self->preview_request)
    return;
  g_set_object (&self->preview, texture);
  self->preview_width_pt = job->width_pt;
  self->preview_height_pt = job->height_pt;
  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
  /* Translators: below the preview of an exported figure; the share of its printed size. */
  text = g_strdup_printf (_("The figure at the size chosen, shown at %.0f %% of it"),
                          100.0 * job->scale / gtk_widget_get_scale_factor (GTK_WIDGET (self))
                          * 72.0 / 96.0);
  gtk_label_set_label (self->preview_label, text);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  GlmccExportDialog *self = data;
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;

  self->preview_id = 0;
  if (self->figure == NULL)
    return G_SOURCE_REMOVE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (PreviewJob, 1);
  job->figure = glmcc_figure_ref (self->figure);
  job->width_pt = gtk_spin_button_get_value (self->width_spin) * MM_TO_PT;
  job->height_pt = gtk_spin_button_get_value (self->height_spin) * MM_TO_PT;
  job->scale = MIN (PREVIEW_WIDTH / job->width_pt, PREVIEW_HEIGHT / job->height_pt)
               * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->request = ++self->preview_request;
  task = g_task_new (self, self->cancellable, preview_done_cb, NULL);
  g_task_set_task_data (task, job, preview_job_free);
  g_task_run_in_thread (task, preview_thread);
  return G_SOURCE_REMOVE;
}

static void
queue_preview (GlmccExportDialog *self)
{
  if (self->figure == NULL)
    return;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

GlmccExportDialog *
_glmcc_export_dialog_get_current (void)
{
  return current_dialog;
}

GdkTexture *
_glmcc_export_dialog_get_preview (GlmccExportDialog *self,
                                  double            *width_pt,
                                  double            *height_pt)
{
  if (width_pt != NULL)
    *width_pt = self->preview_width_pt;
  if (height_pt != NULL)
    *height_pt = self->preview_height_pt;
  return self->preview;
}

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

/* The format the file's name asks for (".pdf", ".SVG", …), else the one chosen above: a name
 * typed as figure.pdf while PNG was chosen would otherwise hold a PNG image. */
GlmccPlotFormat
_glmcc_export_dialog_format_for_path (GlmccExportDialog *self,
                                      const char        *path)
{
  GlmccPlotFormat format = glmcc_plot_format_from_path (path);

  return format != GLMCC_PLOT_FORMAT_AUTO ? format : current_format (self);
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

static void
size_changed_cb (GlmccExportDialog *self)
{
  update_size (self);
  queue_preview (self);
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
      choice->format = _glmcc_export_dialog_format_for_path (self, choice->path);
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

/* One size is remembered for correlograms (wide), one for the matrix and network (square). */
static void
bind_size (GlmccExportDialog *self)
{
  gboolean graph = self->figure != NULL && glmcc_figure_get_plot (self->figure) != NULL;

  g_settings_bind (self->settings, graph ? "export-graph-width" : "export-width",
                   gtk_spin_button_get_adjustment (self->width_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, graph ? "export-graph-height" : "export-height",
                   gtk_spin_button_get_adjustment (self->height_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

void
glmcc_export_dialog_choose_async (GtkWindow           *parent,
                                  const char          *basename,
                                  GlmccFigure         *figure,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GlmccExportDialog *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  self = g_object_new (GLMCC_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->basename = g_strdup (basename != NULL ? basename : "figure");
  self->figure = figure != NULL ? glmcc_figure_ref (figure) : NULL;
  self->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, glmcc_export_dialog_choose_async);
  bind_size (self);
  gtk_widget_set_visible (self->preview_group, figure != NULL);
  update_size (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->figure != NULL)
    preview_timeout_cb (self);
  current_dialog = self;
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
  if (current_dialog == self)
    current_dialog = NULL;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->figure, glmcc_figure_unref);
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
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, GlmccExportDialog, preview_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glmcc_export_dialog_init (GlmccExportDialog *self)
{
  GtkSpinButton *dpi_spin;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = glmcc_settings_new ();
  dpi_spin = GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (self->dpi_row)));
  g_settings_bind (self->settings, "export-dpi", gtk_spin_button_get_adjustment (dpi_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->width_spin, "value-changed", G_CALLBACK (size_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->height_spin, "value-changed", G_CALLBACK (size_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dpi_spin, "value-changed", G_CALLBACK (update_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
}
