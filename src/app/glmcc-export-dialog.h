/* glmcc-export-dialog.h: format, size and resolution of an exported figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-figure.h"
#include "glmcc-plot.h"

G_BEGIN_DECLS

/* What the user chose: a file and how to draw into it. */
typedef struct
{
  char            *path;
  GlmccPlotFormat  format;
  double           width_pt;
  double           height_pt;
  double           dpi;        /* PNG only */
} GlmccExportChoice;

void glmcc_export_choice_free (GlmccExportChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccExportChoice, glmcc_export_choice_free)

#define GLMCC_TYPE_EXPORT_DIALOG (glmcc_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlmccExportDialog, glmcc_export_dialog, GLMCC, EXPORT_DIALOG, AdwWindow)

/* Asks, over @parent, how and where to export @figure; @basename (no extension) names the
 * file. The dialog previews @figure at the size chosen, drawn as the file will be (on a
 * worker thread), and remembers one size for correlograms and one for the matrix and the
 * network; @figure NULL shows no preview. The caller exports the choice. */
void               glmcc_export_dialog_choose_async  (GtkWindow           *parent,
                                                      const char          *basename,
                                                      GlmccFigure         *figure,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* The choice, or NULL with G_IO_ERROR_CANCELLED when the dialog was closed without one. */
GlmccExportChoice *glmcc_export_dialog_choose_finish (GAsyncResult        *result,
                                                      GError             **error);

/* Test hooks: the dialog on screen, and the size (points) of its last finished preview and
 * the picture of it (NULL before the first). */
GlmccExportDialog *_glmcc_export_dialog_get_current  (void);
GdkTexture        *_glmcc_export_dialog_get_preview  (GlmccExportDialog   *self,
                                                      double              *width_pt,
                                                      double              *height_pt);
/* The format a file of @path is written in: its extension's, else the one chosen. */
GlmccPlotFormat    _glmcc_export_dialog_format_for_path (GlmccExportDialog *self,
                                                         const char        *path);

G_END_DECLS
