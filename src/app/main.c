/* main.c: the entry point of glmcc-studio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "glmcc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlmccApplication) app = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  setlocale (LC_ALL, "");
  /* Installed, the catalogues are in LOCALEDIR; run from the build tree (where the schema is
   * not installed either), they are the ones meson compiled into <build>/po. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.glmcc.Studio", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, schema != NULL ? LOCALEDIR : BUILD_DATADIR "/../po");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("glmcc-studio");
  g_set_application_name (_("GLMCC Studio"));

  app = glmcc_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
