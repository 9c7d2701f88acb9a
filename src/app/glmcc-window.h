/* glmcc-window.h: the main window, a view of one session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-application.h"
#include "glmcc-loader.h"
#include "glmcc-session.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_WINDOW (glmcc_window_get_type ())

G_DECLARE_FINAL_TYPE (GlmccWindow, glmcc_window, GLMCC, WINDOW, AdwApplicationWindow)

GlmccWindow  *glmcc_window_new         (GlmccApplication       *application);
GlmccSession *glmcc_window_get_session (GlmccWindow            *self);
/* Opens a recording, a saved analysis or a results JSON in this window, after asking what to
 * do with unsaved work; on failure a dialog explains why and what was open stays. @options
 * (may be NULL) apply to recordings. */
void          glmcc_window_open        (GlmccWindow            *self,
                                        GFile                  *file,
                                        const GlmccLoadOptions *options);
/* Analyse all pairs once the next recording opened in the window is loaded (--analyse). */
void          glmcc_window_set_analyse_on_open (GlmccWindow    *self,
                                                gboolean        analyse);
/* Offers to reopen analyses that a crash or a kill left unsaved, if there are any. */
void          glmcc_window_offer_recovery (GlmccWindow         *self);

G_END_DECLS
