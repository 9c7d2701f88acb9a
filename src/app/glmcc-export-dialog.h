/* glmcc-export-dialog.h: format, size and resolution of an exported figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-window.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_EXPORT_DIALOG (glmcc_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlmccExportDialog, glmcc_export_dialog, GLMCC, EXPORT_DIALOG, AdwWindow)

/* Exports the figure on display in @window; @basename (no extension) names the file. */
GtkWidget *glmcc_export_dialog_new (GlmccWindow *window,
                                    const char  *basename);

G_END_DECLS
