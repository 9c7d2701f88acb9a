/* glmcc-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-loader.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_APPLICATION (glmcc_application_get_type ())
#define GLMCC_APPLICATION_DEFAULT GLMCC_APPLICATION (g_application_get_default ())

G_DECLARE_FINAL_TYPE (GlmccApplication, glmcc_application, GLMCC, APPLICATION, AdwApplication)

GlmccApplication *glmcc_application_new          (const char        *application_id,
                                                  GApplicationFlags  flags);
/* Load options given on the command line (epoch, unit, format), applied to files opened
 * from it. */
const GlmccLoadOptions *glmcc_application_get_load_options (GlmccApplication *self);

/* The application's settings, found in the installed schemas or, for an uninstalled build,
 * in the build tree. A new reference. */
GSettings        *glmcc_settings_new             (void) G_GNUC_WARN_UNUSED_RESULT;

/* The bundled demo recording (data/examples/demo) if it exists, else NULL. */
char             *glmcc_find_demo_recording      (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
