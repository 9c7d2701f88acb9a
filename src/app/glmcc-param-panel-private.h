/* glmcc-param-panel-private.h: test hooks of GlmccParamPanel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-param-panel.h"

G_BEGIN_DECLS

/* The adjustment of the τ spin button, as the user moves it. */
GtkAdjustment *_glmcc_param_panel_get_tau_adjustment (GlmccParamPanel *self);

G_END_DECLS
