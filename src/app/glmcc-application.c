/* glmcc-application.c: the application object: settings, actions, command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-application"

#include "config.h"

#include <glib/gi18n.h>

#include "glmcc-application.h"
#include "glmcc-latency-probe.h"
#include "glmcc-window.h"

struct _GlmccApplication
{
  AdwApplication    parent_instance;

  GlmccLoadOptions  load_options;
  char             *format;
  gboolean          analyse;           /* --analyse: run all pairs once a recording is open */
  gboolean          recovery_offered;
};

G_DEFINE_FINAL_TYPE (GlmccApplication, glmcc_application, ADW_TYPE_APPLICATION)

#define SCHEMA_ID "io.github.glmcc.Studio"

GSettings *
glmcc_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static GSettingsSchemaSource *build_source;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      /* An uninstalled build: the schema compiled into the build tree's data directory. */
      if (build_source == NULL)
        {
          g_autoptr(GError) error = NULL;

          build_source = g_settings_schema_source_new_from_directory (BUILD_DATADIR, source,
                                                                      FALSE, &error);
          if (build_source == NULL)
            g_error ("The settings schema %s is neither installed nor compiled in %s: %s",
                     SCHEMA_ID, BUILD_DATADIR, error->message);
        }
      schema = g_settings_schema_source_lookup (build_source, SCHEMA_ID, FALSE);
      if (schema == NULL)
        g_error ("The settings schema %s is neither installed nor compiled in %s",
                 SCHEMA_ID, BUILD_DATADIR);
    }

  return g_settings_new_full (schema, NULL, NULL);
}

char *
glmcc_find_demo_recording (void)
{
  const char *candidates[] = {
    SOURCE_DATADIR "/examples/demo",
    PACKAGE_DATADIR "/examples/demo",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);
  return NULL;
}

GlmccApplication *
glmcc_application_new (const char        *application_id,
                       GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (GLMCC_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/glmcc/Studio",
                       NULL);
}

const GlmccLoadOptions *
glmcc_application_get_load_options (GlmccApplication *self)
{
  g_return_val_if_fail (GLMCC_IS_APPLICATION (self), NULL);

  return &self->load_options;
}

static GlmccWindow *
get_or_create_window (GlmccApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (glmcc_window_new (self));
  return GLMCC_WINDOW (window);
}

/* Once per run, the first window offers what a crash or a kill left unsaved. */
static void
present (GlmccApplication *self,
         GlmccWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (!self->recovery_offered)
    {
      self->recovery_offered = TRUE;
      glmcc_window_offer_recovery (window);
    }
}

static void
glmcc_application_activate (GApplication *app)
{
  GlmccApplication *self = GLMCC_APPLICATION (app);

  present (self, get_or_create_window (self));
}

static void
glmcc_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GlmccApplication *self = GLMCC_APPLICATION (app);
  GlmccWindow *window = get_or_create_window (self);

  /* One recording or analysis per window: the last file named wins. */
  if (n_files > 0)
    {
      glmcc_window_set_analyse_on_open (window, self->analyse);
      glmcc_window_open (window, files[n_files - 1], &self->load_options);
    }
  present (self, window);
}

static int
glmcc_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  GlmccApplication *self = GLMCC_APPLICATION (app);
  const char *text = NULL;
  double value;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("glmcc-studio %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "start", "d", &value))
    {
      if (!(value >= 0.0))
        {
          g_printerr (_("--start must be zero or positive (seconds)\n"));
          return 2;
        }
      self->load_options.start_s = value;
    }
  if (g_variant_dict_lookup (options, "duration", "d", &value))
    {
      if (!(value > 0.0))
        {
          g_printerr (_("--duration must be positive (seconds)\n"));
          return 2;
        }
      self->load_options.duration_s = value;
    }
  if (g_variant_dict_lookup (options, "sample-rate", "d", &value))
    {
      if (!(value > 0.0))
        {
          g_printerr (_("--sample-rate must be positive (Hz)\n"));
          return 2;
        }
      self->load_options.sample_rate = value;
    }
  if (g_variant_dict_lookup (options, "time-unit", "&s", &text) &&
      !glmcc_time_unit_parse (text, &self->load_options.time_unit))
    {
      g_printerr (_("--time-unit must be ms, s or samples\n"));
      return 2;
    }
  if (g_variant_dict_contains (options, "analyse"))
    self->analyse = TRUE;
  if (g_variant_dict_lookup (options, "format", "&s", &text))
    {
      g_free (self->format);
      self->format = g_strdup (text);
      self->load_options.format = self->format;
    }

  return G_APPLICATION_CLASS (glmcc_application_parent_class)->handle_local_options (app, options);
}

static void
glmcc_application_window_added (GtkApplication *app,
                                GtkWindow      *window)
{
#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
#endif
  if (GLMCC_IS_WINDOW (window))
    glmcc_latency_probe_attach (GLMCC_WINDOW (window));
  GTK_APPLICATION_CLASS (glmcc_application_parent_class)->window_added (app, window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GlmccApplication *self = user_data;
  const char *developers[] = { "The GLMCC Studio authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("GLMCC Studio"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The GLMCC Studio authors"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Infers synaptic connections from spike trains with "
                                       "GLMCC (Kobayashi et al., Nature Communications 10:4468, "
                                       "2019)."),
                         "website", "https://github.com/glmcc/glmcc-studio",
                         "issue-url", "https://github.com/glmcc/glmcc-studio/issues",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GlmccApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  g_autoptr(GList) copy = g_list_copy (windows);

  /* Close every window: each asks about unsaved work, saves its state and cancels its work;
   * the application ends with the last one. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
new_window_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GlmccApplication *self = user_data;

  present (self, glmcc_window_new (self));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
  { "new-window", new_window_action_cb },
};

static void
glmcc_application_startup (GApplication *app)
{
  GlmccApplication *self = GLMCC_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control>n", NULL } },
    { "win.open-file", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.open-demo", { "<Control><Shift>d", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.export-figure", { "<Control>e", NULL } },
    { "win.export-results", { "<Control><Shift>e", NULL } },
    { "win.analyse-all", { "<Control>Return", NULL } },
    { "win.cancel-analysis", { "<Control>period", NULL } },
    { "win.next-pair", { "<Alt>Down", "<Control>bracketright", NULL } },
    { "win.previous-pair", { "<Alt>Up", "<Control>bracketleft", NULL } },
    { "win.next-significant", { "<Alt><Shift>Down", "<Control><Shift>braceright", NULL } },
    { "win.previous-significant", { "<Alt><Shift>Up", "<Control><Shift>braceleft", NULL } },
    { "win.swap-pair", { "<Control>x", NULL } },
    { "win.go-to-pair", { "<Control>g", NULL } },
    { "win.find-pair", { "<Control>f", NULL } },
    { "win.show-view::correlogram", { "<Control>1", NULL } },
    { "win.show-view::matrix", { "<Control>2", NULL } },
    { "win.show-view::network", { "<Control>3", NULL } },
    { "win.toggle-unit", { "<Control>u", NULL } },
    { "win.reset-parameters", { "<Control><Shift>r", NULL } },
    { "win.open-truth", { "<Control><Shift>t", NULL } },
    { "win.show-score", { "<Control>t", NULL } },
    { "win.show-planner", { "<Control>p", NULL } },
    { "win.toggle-neurons", { "F9", NULL } },
    { "win.toggle-parameters", { "<Shift>F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (glmcc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
glmcc_application_finalize (GObject *object)
{
  GlmccApplication *self = GLMCC_APPLICATION (object);

  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (glmcc_application_parent_class)->finalize (object);
}

static void
glmcc_application_class_init (GlmccApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = glmcc_application_finalize;

  app_class->activate = glmcc_application_activate;
  app_class->open = glmcc_application_open;
  app_class->startup = glmcc_application_startup;
  app_class->handle_local_options = glmcc_application_handle_local_options;

  gtk_app_class->window_added = glmcc_application_window_added;
}

static void
glmcc_application_init (GlmccApplication *self)
{
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
      N_("Start of the analysed epoch, in seconds (default 0)"), N_("S") },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
      N_("Length of the analysed epoch, in seconds (default: through the last spike)"), N_("S") },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Unit of the spike times when the format does not fix it: ms, s or samples"), N_("UNIT") },
    { "sample-rate", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
      N_("Sample rate for times in samples, in Hz"), N_("HZ") },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Input format (default: detected)"), N_("FORMAT") },
    { "analyse", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Analyse all pairs as soon as the recording is open"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  glmcc_load_options_init (&self->load_options);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[RECORDING, ANALYSIS.glmcc or RESULTS.h5]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Infer synaptic connections from spike trains."));
}
