/* test-ui-helper.c: a file that crashes libhdf5 is read in the helper process: the window
 * shows an error dialog and keeps its recording (issue 9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the window's public API (glmcc_window_new, glmcc_window_open) and the toplevel list.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "glmcc-window.h"

#define TIMEOUT_S 60

static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* The message dialog among the toplevels, or NULL. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
shows_sample (gpointer data)
{
  const char *title = gtk_window_get_title (GTK_WINDOW (data));

  return title != NULL && strstr (title, "sample") != NULL;
}

static void
open_path (GlmccWindow *window,
           const char  *path,
           gboolean     epoch)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  if (epoch)
    options.duration_s = 5400;
  glmcc_window_open (window, file, &options);
}

static void
check_crash_is_a_dialog (const char *path,
                         const char *expected)
{
  GlmccWindow *window = glmcc_window_new (NULL);
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  gtk_window_present (GTK_WINDOW (window));
  open_path (window, g_getenv ("GLMCC_SAMPLE_DIR"), TRUE);
  g_assert_true (wait_for (shows_sample, window));
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));

  open_path (window, path, FALSE);
  g_assert_true (wait_for (has_dialog, NULL));
  dialog = find_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("dialog: %s", body);
  g_assert_nonnull (strstr (body, expected));
  g_assert_nonnull (strstr (body, "crashed reading this file"));

  /* The window survived, with the recording it had. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A real damaged MATLAB 7.3 file: libhdf5 segfaults in H5HG_read under libmatio. */
static void
test_real_crash (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "bad", "mat",
                                                 "crashes-libhdf5.mat", NULL);

  check_crash_is_a_dialog (path, "crashes-libhdf5.mat: libmatio (libhdf5)");
}

/* Any crash, made reproducible by the helper's test hook. */
static void
test_hook_crash (void)
{
#if DEVELOPMENT_BUILD
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "formats",
                                                 "units.nwb", NULL);

  g_setenv ("GLMCC_LOAD_HELPER_TEST", "crash", TRUE);
  check_crash_is_a_dialog (path, "units.nwb: libhdf5");
  g_unsetenv ("GLMCC_LOAD_HELPER_TEST");
#else
  g_test_skip ("the helper's test hook exists in development builds only");
#endif
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/helper/real-crash", test_real_crash);
  g_test_add_func ("/ui/helper/hook-crash", test_hook_crash);
  return g_test_run ();
}
