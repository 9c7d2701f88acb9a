/* glmcc-param-panel.h: the hyperparameters, remembered in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-error.h"
#include "glmcc-params.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_PARAM_PANEL (glmcc_param_panel_get_type ())

G_DECLARE_FINAL_TYPE (GlmccParamPanel, glmcc_param_panel, GLMCC, PARAM_PANEL, GtkBox)

GtkWidget *glmcc_param_panel_new             (void);
/* The parameters the panel shows. FALSE when they do not make a valid analysis: @error (a
 * GLMCC_PARAMS_ERROR) says why, and the control at fault is marked. */
gboolean   glmcc_param_panel_get_params      (GlmccParamPanel *self,
                                              GlmccParams     *params,
                                              GError         **error);
/* Shows @params (undo, a reopened analysis); "changed" follows once. */
void       glmcc_param_panel_set_params      (GlmccParamPanel   *self,
                                              const GlmccParams *params);
/* Back to the method's defaults (METHOD.md §7). */
void       glmcc_param_panel_reset           (GlmccParamPanel *self);
/* The control marked invalid (it has the "error" style class), or NULL. */
GtkWidget *glmcc_param_panel_get_marked      (GlmccParamPanel *self);
/* The title of the control that sets @param, as the panel shows it ("Bin width Δ (ms)"). */
const char *glmcc_param_panel_get_control_title (GlmccParamPanel *self,
                                                 GlmccParam       param);
/* The recording spans [0, @max_s] seconds (as far as the epoch goes); shows [start, start+duration). */
void       glmcc_param_panel_set_epoch       (GlmccParamPanel *self,
                                              double           max_s,
                                              double           start_s,
                                              double           duration_s);
/* Like the user typing into the epoch fields: "epoch-changed" follows. */
void       glmcc_param_panel_apply_epoch     (GlmccParamPanel *self,
                                              double           start_s,
                                              double           duration_s);
void       glmcc_param_panel_get_epoch       (GlmccParamPanel *self,
                                              double          *start_s,
                                              double          *duration_s);

G_END_DECLS
