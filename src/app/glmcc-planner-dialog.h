/* glmcc-planner-dialog.h: how long to record to find a connection, and what a recording can find
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-plan.h"
#include "glmcc-session.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_PLANNER_DIALOG (glmcc_planner_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlmccPlannerDialog, glmcc_planner_dialog, GLMCC, PLANNER_DIALOG, AdwWindow)

/* The planner over @parent, as `glmcc plan`: rates, |PSP|, τ, α and power → the recording time
 * for an excitatory and an inhibitory connection (glmcc_plan_compute()), with the curve
 * (glmcc_plot_plan()); and, for @session's recording (may be NULL), the smallest PSP each
 * directed pair can reveal at its length and rates (glmcc_plan_min_psp_matrix()). */
GtkWidget *glmcc_planner_dialog_new        (GtkWindow          *parent,
                                            GlmccSession       *session);
/* Sets the inputs as the user would (the PSP as a size, both signs are planned). */
void       glmcc_planner_dialog_set_input  (GlmccPlannerDialog *self,
                                            double              rate_pre_hz,
                                            double              rate_post_hz,
                                            double              psp_mv,
                                            double              tau_ms,
                                            double              alpha);
/* The input the plans were computed from (psp_mv positive) and the plans of both signs;
 * FALSE when the inputs are invalid. */
gboolean   glmcc_planner_dialog_get_plans  (GlmccPlannerDialog *self,
                                            GlmccPlanInput     *input,
                                            GlmccPlan          *excitatory,
                                            GlmccPlan          *inhibitory);
/* The text shown for the excitatory (@sign > 0) or inhibitory plan. */
const char *glmcc_planner_dialog_get_text  (GlmccPlannerDialog *self,
                                            int                 sign);
/* The recording matrix (n × n each, row = pre; NAN on the diagonal), or FALSE without a
 * recording. Borrowed. */
gboolean   glmcc_planner_dialog_get_matrix (GlmccPlannerDialog *self,
                                            guint              *n,
                                            const double      **excitatory_mv,
                                            const double      **inhibitory_mv);
/* TRUE while the curve is being computed. */
gboolean   glmcc_planner_dialog_is_busy    (GlmccPlannerDialog *self);

G_END_DECLS
