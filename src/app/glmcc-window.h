/* glmcc-window.h: the main window: one recording, its pairs, fits and runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-application.h"
#include "glmcc-loader.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_WINDOW (glmcc_window_get_type ())

G_DECLARE_FINAL_TYPE (GlmccWindow, glmcc_window, GLMCC, WINDOW, AdwApplicationWindow)

GlmccWindow *glmcc_window_new  (GlmccApplication       *application);
/* Loads @file in a worker thread; on success it replaces the open recording, on failure a
 * dialog explains why and the open recording stays. @options may be NULL. */
void         glmcc_window_open (GlmccWindow            *self,
                                GFile                  *file,
                                const GlmccLoadOptions *options);

G_END_DECLS
