/* glmcc-score-dialog.h: the session's results scored against its ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-session.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_SCORE_DIALOG (glmcc_score_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlmccScoreDialog, glmcc_score_dialog, GLMCC, SCORE_DIALOG, AdwWindow)

/* A window over @parent that follows @session: the counts and rates of `glmcc score` for
 * excitatory, inhibitory and all connections, and the ROC, precision–recall and PSP figure,
 * exportable. It updates as the run goes on and when the truth changes. */
GtkWidget   *glmcc_score_dialog_new        (GtkWindow        *parent,
                                            GlmccSession     *session);
/* TRUE while the score is being computed (on a worker thread). */
gboolean     glmcc_score_dialog_get_computing (GlmccScoreDialog *self);
/* The score shown; FALSE when there is nothing to score (no results or no truth). */
gboolean     glmcc_score_dialog_get_score  (GlmccScoreDialog *self,
                                            GlmccScore       *score);
/* The text of one cell of the table: @row 0 excitatory, 1 inhibitory, 2 all; @column 0–9 TP,
 * FP, FN, TN, accuracy, precision, recall, MCC, AUC, AP. */
const char  *glmcc_score_dialog_get_cell   (GlmccScoreDialog *self,
                                            guint             row,
                                            guint             column);
/* Writes the figure as the export dialog would (format from the extension's choice). */
gboolean     glmcc_score_dialog_export     (GlmccScoreDialog *self,
                                            const char       *path,
                                            GlmccPlotFormat   format,
                                            double            width_pt,
                                            double            height_pt,
                                            double            dpi,
                                            GError          **error);

G_END_DECLS
