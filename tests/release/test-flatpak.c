/* test-flatpak.c: the two Flatpak manifests against the meson build and data/
 *
 * Both manifests (flatpak/io.github.glmcc.Studio.json and its .Devel twin) must build what the
 * meson build needs: every dependency() is either in the GNOME runtime or a module of the
 * manifest, the modules give NWB and MAT support and the app module asks meson for it, and the
 * application id, command and desktop file are the ones meson builds. Every problem is reported
 * (with the file it is in), not only the first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

/* The runtime both manifests name, and the pkg-config names of meson's dependency() calls that
 * it provides. This list describes org.gnome.Platform//50 (GNOME 50 on freedesktop SDK 25.08):
 * when the manifests move to another runtime, check the list against that runtime and update
 * RUNTIME_VERSION with it. */
#define RUNTIME "org.gnome.Platform"
#define RUNTIME_SDK "org.gnome.Sdk"
#define RUNTIME_VERSION "50"
static const char *const runtime_provides[] = {
  "glib-2.0", "gio-2.0", "gobject-2.0", /* GLib */
  "json-glib-1.0",                      /* in the GNOME SDK since long before 50 */
  "cairo", "pangocairo",
  "gtk4", "libadwaita-1",
  "zlib",                               /* freedesktop SDK: zlib-ng, zlib-compatible build */
  "threads",                            /* meson's name for the C library's pthreads */
  NULL
};

/* The finish-args the application may have, each for a reason. Files are opened and saved
 * through the file chooser portal, so no --filesystem; the analysis is local, so no network. */
static const char *const allowed_finish_args[] = {
  "--share=ipc",         /* X11's shared memory, which the X11 fallback needs to be usable */
  "--socket=fallback-x11", /* X11 only where there is no Wayland */
  "--socket=wayland",
  "--device=dri",        /* GPU rendering by GTK 4 */
  NULL
};

static const char *const manifest_names[] = {
  "io.github.glmcc.Studio.json",
  "io.github.glmcc.Studio.Devel.json",
};

typedef struct
{
  char      *path;      /* relative to the source root, for messages */
  JsonNode  *root;
  JsonArray *modules;   /* every module, includes resolved, in build order */
} Manifest;

static char *source_root;
static Manifest manifests[G_N_ELEMENTS (manifest_names)];
#define RELEASE (&manifests[0])
#define DEVEL (&manifests[1])

/* Reports one problem and goes on, so that one run lists every problem, not only the last. */
static void report (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", problem);
  g_test_fail_printf ("%s", problem);
}

static char *
source_path (const char *relative)
{
  return g_build_filename (source_root, relative, NULL);
}

static char *
read_source (const char *relative)
{
  g_autofree char *path = source_path (relative);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonNode *
parse_json_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  if (error != NULL)
    g_error ("%s: %s", path, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

/* Appends the modules of @array to @out in build order; a string is a file holding one module,
 * relative to @dir, as flatpak-builder reads it. */
static void
collect_modules (JsonArray  *array,
                 const char *dir,
                 JsonArray  *out)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(JsonNode) loaded = NULL;
      JsonObject *module;

      if (JSON_NODE_HOLDS_VALUE (node))
        {
          g_autofree char *path = g_build_filename (dir, json_node_get_string (node), NULL);
          g_autofree char *subdir = g_path_get_dirname (path);

          loaded = parse_json_file (path);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (loaded));
          module = json_node_get_object (loaded);
          if (json_object_has_member (module, "modules"))
            collect_modules (json_object_get_array_member (module, "modules"), subdir, out);
        }
      else
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          module = json_node_get_object (node);
          if (json_object_has_member (module, "modules"))
            collect_modules (json_object_get_array_member (module, "modules"), dir, out);
        }
      json_array_add_object_element (out, json_object_ref (module));
    }
}

static JsonObject *
manifest_object (Manifest *manifest)
{
  return json_node_get_object (manifest->root);
}

static const char *
manifest_string (Manifest   *manifest,
                 const char *key)
{
  return json_object_get_string_member_with_default (manifest_object (manifest), key, NULL);
}

static JsonObject *
find_module (Manifest   *manifest,
             const char *name)
{
  for (guint i = 0; i < json_array_get_length (manifest->modules); i++)
    {
      JsonObject *module = json_array_get_object_element (manifest->modules, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (module, "name", NULL), name) == 0)
        return module;
    }
  return NULL;
}

static int
module_index (Manifest   *manifest,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (manifest->modules); i++)
    {
      JsonObject *module = json_array_get_object_element (manifest->modules, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (module, "name", NULL), name) == 0)
        return (int) i;
    }
  return -1;
}

/* The application's own module is the one built from this source tree: the last one. */
static JsonObject *
app_module (Manifest *manifest)
{
  guint n = json_array_get_length (manifest->modules);

  g_assert_cmpuint (n, >, 0);
  return json_array_get_object_element (manifest->modules, n - 1);
}

static gboolean
array_has_string (JsonObject *object,
                  const char *key,
                  const char *value)
{
  JsonArray *array;

  if (!json_object_has_member (object, key))
    return FALSE;
  array = json_object_get_array_member (object, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
strv_has (const char *const *strv,
          const char        *value)
{
  return g_strv_contains (strv, value);
}

/* The first capture of @pattern in @text, or NULL. */
static char *
match_first (const char *pattern,
             const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_nonnull (regex);
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* Every meson.build of the source tree (build directories and hidden ones left out). */
static void
find_meson_files (const char *dir,
                  GPtrArray  *out)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (name[0] == '.' || g_str_has_prefix (name, "_build") || strcmp (name, "subprojects") == 0)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        find_meson_files (path, out);
      else if (strcmp (name, "meson.build") == 0)
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static void
test_manifests_parse (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      Manifest *manifest = &manifests[m];

      g_assert_nonnull (manifest->root);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (manifest->root));
      g_assert_cmpuint (json_array_get_length (manifest->modules), >=, 1);
      for (guint i = 0; i < json_array_get_length (manifest->modules); i++)
        {
          JsonObject *module = json_array_get_object_element (manifest->modules, i);

          if (!json_object_has_member (module, "name") || !json_object_has_member (module, "sources"))
            report ("%s: module %u has no name or no sources", manifest->path, i);
        }
      g_assert_cmpstr (json_object_get_string_member_with_default (app_module (manifest), "name",
                                                                    NULL), ==, "glmcc-studio");
    }
}

static void
test_runtime (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      Manifest *manifest = &manifests[m];

      if (g_strcmp0 (manifest_string (manifest, "runtime"), RUNTIME) != 0
          || g_strcmp0 (manifest_string (manifest, "sdk"), RUNTIME_SDK) != 0
          || g_strcmp0 (manifest_string (manifest, "runtime-version"), RUNTIME_VERSION) != 0)
        report ("%s: runtime %s//%s (sdk %s), but this test lists what %s//%s "
                "provides; check the list in %s and update both",
                manifest->path, manifest_string (manifest, "runtime"),
                manifest_string (manifest, "runtime-version"),
                manifest_string (manifest, "sdk"), RUNTIME, RUNTIME_VERSION, "tests/release/test-flatpak.c");
    }
}

/* Every dependency('NAME' …) of every meson.build must come from the runtime or a module. */
static void
test_dependencies_provided (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) regex = g_regex_new ("(?<![A-Za-z0-9_])dependency\\(\\s*'([^']+)'", 0, 0, NULL);
  guint n_dependencies = 0;

  find_meson_files (source_root, files);
  g_assert_cmpuint (files->len, >, 1);
  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_regex_match (regex, text, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          n_dependencies++;
          if (strv_has (runtime_provides, name))
            continue;
          for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
            if (find_module (&manifests[m], name) == NULL)
              report ("%s asks for dependency('%s'), which %s//%s does not provide "
                      "and %s builds no module '%s' for", path + strlen (source_root) + 1,
                      name, RUNTIME, RUNTIME_VERSION, manifests[m].path, name);
        }
    }
  /* GLib, GSL, json-glib, cairo, pango, GTK … : a scan that finds few has missed them. */
  g_assert_cmpuint (n_dependencies, >=, 10);
}

/* NWB needs HDF5 and MAT needs matio built against it; the app module must then turn both on. */
static void
test_formats_built (void)
{
  g_autofree char *options = read_source ("meson_options.txt");

  g_assert_nonnull (strstr (options, "option('nwb', type: 'feature'"));
  g_assert_nonnull (strstr (options, "option('mat', type: 'feature'"));
  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      Manifest *manifest = &manifests[m];
      JsonObject *hdf5 = find_module (manifest, "hdf5");
      JsonObject *matio = find_module (manifest, "matio");
      JsonObject *app = app_module (manifest);
      JsonArray *config;

      if (hdf5 == NULL || matio == NULL)
        report ("%s: no hdf5 or no matio module: NWB and MAT would be missing", manifest->path);
      else
        {
          if (module_index (manifest, "hdf5") > module_index (manifest, "matio"))
            report ("%s: matio is built before hdf5, so without MAT v7.3", manifest->path);
          if (!array_has_string (hdf5, "config-opts", "-DHDF5_ENABLE_Z_LIB_SUPPORT=ON"))
            report ("%s: hdf5 without zlib cannot read compressed NWB datasets", manifest->path);
          if (!array_has_string (matio, "config-opts", "--with-hdf5=/app")
              || !array_has_string (matio, "config-opts", "--enable-mat73=yes"))
            report ("%s: matio must be configured --with-hdf5=/app --enable-mat73=yes "
                    "to read MAT v7.3", manifest->path);
        }
      if (!array_has_string (app, "config-opts", "-Dnwb=enabled")
          || !array_has_string (app, "config-opts", "-Dmat=enabled"))
        report ("%s: the glmcc-studio module must pass -Dnwb=enabled and -Dmat=enabled "
                "so that a missing library fails the build", manifest->path);

      /* Every -Dname=… the app module passes must be an option meson_options.txt declares. */
      config = json_object_get_array_member (app, "config-opts");
      for (guint i = 0; i < json_array_get_length (config); i++)
        {
          const char *opt = json_array_get_string_element (config, i);
          g_autofree char *name = NULL;
          g_autofree char *declaration = NULL;

          if (!g_str_has_prefix (opt, "-D") || strchr (opt, '=') == NULL)
            continue;
          name = g_strndup (opt + 2, strchr (opt, '=') - (opt + 2));
          declaration = g_strdup_printf ("option('%s',", name);
          if (strstr (options, declaration) == NULL)
            report ("%s: the glmcc-studio module passes %s, but meson_options.txt "
                    "declares no option '%s'", manifest->path, opt, name);
        }
    }
}

/* The ids, the command and the desktop file agree across the manifests, meson.build and data/. */
static void
test_identity (void)
{
  g_autofree char *top_meson = read_source ("meson.build");
  g_autofree char *app_meson = read_source ("src/app/meson.build");
  g_autofree char *desktop_in = read_source ("data/io.github.glmcc.Studio.desktop.in");
  g_autofree char *metainfo_in = read_source ("data/io.github.glmcc.Studio.metainfo.xml.in");
  g_autofree char *schema = read_source ("data/io.github.glmcc.Studio.gschema.xml");
  g_autofree char *meson_devel_id = NULL, *meson_release_id = NULL, *executable_name = NULL;
  g_autofree char *exec_name = NULL, *schema_id = NULL;

  /* app_id = get_option('development') ? 'X.Devel' : 'X' */
  meson_devel_id = match_first ("^app_id = get_option\\('development'\\) \\? '([^']+)'", top_meson);
  meson_release_id = match_first ("^app_id = get_option\\('development'\\) \\? '[^']+' : '([^']+)'",
                                  top_meson);
  g_assert_nonnull (meson_devel_id);
  g_assert_nonnull (meson_release_id);
  g_assert_cmpstr (manifest_string (RELEASE, "id"), ==, meson_release_id);
  g_assert_cmpstr (manifest_string (DEVEL, "id"), ==, meson_devel_id);
  g_assert_true (g_str_has_prefix (meson_devel_id, meson_release_id));
  g_assert_cmpstr (meson_devel_id + strlen (meson_release_id), ==, ".Devel");

  /* Only the Devel manifest builds the development flavour. */
  g_assert_true (array_has_string (app_module (DEVEL), "config-opts", "-Ddevelopment=true"));
  g_assert_false (array_has_string (app_module (RELEASE), "config-opts", "-Ddevelopment=true"));

  /* The command is the executable meson builds, and the one the desktop file starts. */
  executable_name = match_first ("executable\\(\\s*'([^']+)'", app_meson);
  exec_name = match_first ("^Exec=(\\S+)", desktop_in);
  g_assert_cmpstr (manifest_string (RELEASE, "command"), ==, executable_name);
  g_assert_cmpstr (manifest_string (DEVEL, "command"), ==, executable_name);
  g_assert_cmpstr (exec_name, ==, executable_name);

  /* The source files carry the release id; meson installs them under the build's id, which is
   * what Flatpak exports. */
  g_assert_nonnull (strstr (desktop_in, "Icon=@APP_ID@"));
  g_assert_nonnull (strstr (metainfo_in, "<id>@APP_ID@</id>"));
  g_assert_nonnull (strstr (metainfo_in, "<launchable type=\"desktop-id\">@APP_ID@.desktop</launchable>"));
  /* The settings schema keeps the release id in both flavours (one set of settings). */
  schema_id = g_strdup_printf ("id=\"%s\"", meson_release_id);
  g_assert_nonnull (strstr (schema, schema_id));
}

/* The desktop file and metainfo this build made: named and pointing at this build's id, which
 * is one of the manifests' (the Devel one exactly when the build is a development one). */
static void
test_built_data_files (void)
{
  const char *build_datadir = g_getenv ("GLMCC_BUILD_DATADIR");
  Manifest *manifest = DEVELOPMENT_BUILD ? DEVEL : RELEASE;
  g_autofree char *desktop_path = NULL, *metainfo_path = NULL;
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *metainfo = NULL, *icon = NULL, *exec = NULL;
  g_autofree char *id_element = NULL, *launchable = NULL;

  g_assert_nonnull (build_datadir);
  g_assert_cmpstr (APP_ID, ==, manifest_string (manifest, "id"));

  desktop_path = g_strdup_printf ("%s/%s.desktop", build_datadir, APP_ID);
  g_key_file_load_from_file (desktop, desktop_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  icon = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Icon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APP_ID);
  exec = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (exec, manifest_string (manifest, "command")));
  g_assert_true (exec[strlen (manifest_string (manifest, "command"))] == ' ');

  metainfo_path = g_strdup_printf ("%s/%s.metainfo.xml", build_datadir, APP_ID);
  g_file_get_contents (metainfo_path, &metainfo, NULL, &error);
  g_assert_no_error (error);
  id_element = g_strdup_printf ("<id>%s</id>", APP_ID);
  launchable = g_strdup_printf (">%s.desktop</launchable>", APP_ID);
  g_assert_nonnull (strstr (metainfo, id_element));
  g_assert_nonnull (strstr (metainfo, launchable));
}

static void
test_permissions (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      JsonArray *args = json_object_get_array_member (manifest_object (&manifests[m]), "finish-args");

      g_assert_nonnull (args);
      for (guint i = 0; i < json_array_get_length (args); i++)
        {
          const char *arg = json_array_get_string_element (args, i);

          if (!strv_has (allowed_finish_args, arg))
            report ("%s: finish-arg %s is not among the reasoned ones in "
                    "tests/release/test-flatpak.c (files go through the portal; nothing needs "
                    "the network)", manifests[m].path, arg);
        }
    }
  if (!json_node_equal (json_object_get_member (manifest_object (RELEASE), "finish-args"),
                        json_object_get_member (manifest_object (DEVEL), "finish-args")))
    report ("%s and %s have different finish-args: the Devel build must be sandboxed like the "
            "release", RELEASE->path, DEVEL->path);
  g_assert_true (array_has_string (manifest_object (RELEASE), "finish-args", "--socket=wayland"));
}

/* Downloaded sources are pinned by a SHA-256; the release builds this version's dist tarball. */
static void
test_sources (void)
{
  g_autoptr(GRegex) sha256 = g_regex_new ("^[0-9a-f]{64}$", 0, 0, NULL);
  g_autofree char *dist_tarball = g_strdup_printf ("glmcc-studio-%s.tar.xz", PACKAGE_VERSION);
  JsonObject *release_source;

  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    for (guint i = 0; i < json_array_get_length (manifests[m].modules); i++)
      {
        JsonObject *module = json_array_get_object_element (manifests[m].modules, i);
        JsonArray *sources = json_object_get_array_member (module, "sources");

        for (guint s = 0; s < json_array_get_length (sources); s++)
          {
            JsonObject *source = json_array_get_object_element (sources, s);
            const char *url = json_object_get_string_member_with_default (source, "url", NULL);
            const char *digest = json_object_get_string_member_with_default (source, "sha256", NULL);
            g_autofree char *file = NULL;

            if (url == NULL)
              continue;
            if (!g_str_has_prefix (url, "https://"))
              report ("%s: %s is not fetched over https", manifests[m].path, url);
            if (digest == NULL || !g_regex_match (sha256, digest, 0, NULL))
              report ("%s: %s has no SHA-256", manifests[m].path, url);
            file = g_path_get_basename (url);
            if (json_object_has_member (source, "mirror-urls"))
              {
                JsonArray *mirrors = json_object_get_array_member (source, "mirror-urls");

                for (guint k = 0; k < json_array_get_length (mirrors); k++)
                  {
                    g_autofree char *mirror_file =
                      g_path_get_basename (json_array_get_string_element (mirrors, k));

                    if (strcmp (mirror_file, file) != 0)
                      report ("%s: mirror of %s serves another file, %s",
                              manifests[m].path, file, mirror_file);
                  }
              }
          }
      }

  release_source = json_array_get_object_element (
    json_object_get_array_member (app_module (RELEASE), "sources"), 0);
  if (!g_str_has_suffix (json_object_get_string_member_with_default (release_source, "path", ""),
                         dist_tarball))
    report ("%s: the glmcc-studio module must build the release tarball of this "
            "version, %s (from meson dist)", RELEASE->path, dist_tarball);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  source_root = g_strdup (g_getenv ("GLMCC_SOURCE_ROOT"));
  g_assert_nonnull (source_root);
  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      g_autofree char *path = g_build_filename (source_root, "flatpak", manifest_names[m], NULL);
      g_autofree char *dir = g_path_get_dirname (path);
      JsonObject *top;

      manifests[m].path = g_build_filename ("flatpak", manifest_names[m], NULL);
      manifests[m].root = parse_json_file (path);
      manifests[m].modules = json_array_new ();
      top = json_node_get_object (manifests[m].root);
      g_assert_nonnull (top);
      collect_modules (json_object_get_array_member (top, "modules"), dir, manifests[m].modules);
    }

  g_test_add_func ("/flatpak/parse", test_manifests_parse);
  g_test_add_func ("/flatpak/runtime", test_runtime);
  g_test_add_func ("/flatpak/dependencies", test_dependencies_provided);
  g_test_add_func ("/flatpak/formats", test_formats_built);
  g_test_add_func ("/flatpak/identity", test_identity);
  g_test_add_func ("/flatpak/built-data-files", test_built_data_files);
  g_test_add_func ("/flatpak/permissions", test_permissions);
  g_test_add_func ("/flatpak/sources", test_sources);
  status = g_test_run ();

  for (guint m = 0; m < G_N_ELEMENTS (manifests); m++)
    {
      g_free (manifests[m].path);
      json_node_unref (manifests[m].root);
      json_array_unref (manifests[m].modules);
    }
  g_free (source_root);
  return status;
}
