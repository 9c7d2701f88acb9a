/* glmcc-param-panel.h: the hyperparameters, remembered in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-params.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_PARAM_PANEL (glmcc_param_panel_get_type ())

G_DECLARE_FINAL_TYPE (GlmccParamPanel, glmcc_param_panel, GLMCC, PARAM_PANEL, GtkBox)

GtkWidget *glmcc_param_panel_new             (void);
/* The parameters the panel shows. FALSE (with the reason shown in the panel and in @error)
 * when they do not make a valid analysis. */
gboolean   glmcc_param_panel_get_params      (GlmccParamPanel *self,
                                              GlmccParams     *params,
                                              GError         **error);
/* Back to the method's defaults (METHOD.md §7). */
void       glmcc_param_panel_reset           (GlmccParamPanel *self);
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
GSettings *glmcc_param_panel_get_settings    (GlmccParamPanel *self);

G_END_DECLS
