/* test-ui-results-file.c: the window opens the HDF5 results file of `glmcc run --output-hdf5`
 * and the saved analysis that refers to it, finds the recording the file names or says it is
 * missing, and refuses a damaged or changed file naming it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "glmcc-neuron-item.h"
#include "ui-test-util.h"

#if HAVE_HDF5

static void
run_cli (const char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean saved;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (glmcc_session_save_finish (GLMCC_SESSION (object), result, &error));
  g_assert_no_error (error);
  saved = TRUE;
}

static void
save_to (GlmccWindow *window,
         const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  saved = FALSE;
  glmcc_session_save_async (glmcc_window_get_session (window), file, NULL, saved_cb, NULL);
  WAIT_FOR (saved);
}

/* TRUE when @session has @path open as its analysis. */
static gboolean
is_file (GlmccSession *session,
         const char   *path)
{
  GFile *file = glmcc_session_get_file (session);
  g_autofree char *open_path = file != NULL ? g_file_get_path (file) : NULL;

  return g_strcmp0 (open_path, path) == 0;
}

/* The rows the pair table lists (all of them: no search, no filter). */
static guint
table_rows (GlmccWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (glmcc_pair_table_get_selection (window->pair_table)));
}

/* A copy of the demo recording in @dir (so that it can be taken away). */
static char *
copy_demo (const char *dir)
{
  g_autofree char *demo = ui_demo_dir ();
  char *copy = g_build_filename (dir, "recording", NULL);
  g_autoptr(GDir) listing = g_dir_open (demo, 0, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (copy, 0755), ==, 0);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (demo, name, NULL);
      g_autofree char *to = g_build_filename (copy, name, NULL);
      g_autofree char *text = NULL;
      gsize size;

      g_assert_true (g_file_get_contents (from, &text, &size, NULL));
      g_assert_true (g_file_set_contents (to, text, size, NULL));
    }
  return copy;
}

/* Opens @path and waits for the error dialog; returns its body, the dialog closed. */
static char *
open_refused (GlmccWindow *window,
              const char  *path,
              const char  *heading)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  char *body;

  glmcc_window_open (window, file, NULL);
  WAIT_FOR ((dialog = ui_find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_test_message ("%s: %s", heading, body);
  ui_respond ("close");
  return body;
}

/* The demo run written by the command line tool as run.h5 and run.glmcc: the window opens
 * both, with every pair in the table and the recording found from the path the file names. */
static void
test_open_hdf5 (void)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *demo = ui_demo_dir ();
  g_autofree char *h5 = g_build_filename (dir, "run.h5", NULL);
  g_autofree char *analysis = g_build_filename (dir, "run.glmcc", NULL);
  g_autofree char *curated = g_build_filename (dir, "curated.glmcc", NULL);
  const char *argv[] = { g_getenv ("GLMCC_CLI"), "run", demo, "--output-hdf5", h5,
                         "--output-analysis", analysis, NULL };
  GlmccWindow *window;
  GlmccSession *session;
  guint messages = ui_count_bad_messages ();

  run_cli (argv);
  window = ui_window_new ();
  session = glmcc_window_get_session (window);
  ui_open (window, h5, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (session)), ==, 435);
  g_assert_cmpuint (table_rows (window), ==, 435);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);
  g_assert_nonnull (glmcc_session_get_recording (session));
  g_assert_nonnull (glmcc_session_get_results (session));
  g_assert_nonnull (glmcc_session_get_graph (session));
  g_assert_null (ui_find_dialog ());
  /* A correlogram is drawn: the recording is there. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->figure_stack), !=, "unavailable");
  /* Save asks where to put the .glmcc: the results file is not an analysis. */
  g_assert_null (glmcc_session_get_file (session));

  /* Curated and saved, the analysis refers to run.h5 rather than repeating its edges, and
   * reopens with the marks. */
  glmcc_session_set_pair (session, 0, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark", "s", "accepted");
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 1), ==, GLMCC_MARK_ACCEPTED);
  save_to (window, curated);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *top, *session_member;

    g_assert_true (json_parser_load_from_file (parser, curated, NULL));
    top = json_node_get_object (json_parser_get_root (parser));
    g_assert_false (json_object_has_member (top, "edges"));
    session_member = json_object_get_object_member (top, "session");
    g_assert_true (json_object_has_member (session_member, "results_file"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (session_member,
                                                                                   "results_file"),
                                                    "path"), ==, "run.h5");
  }
  ui_open (window, curated, NULL);
  WAIT_FOR (!glmcc_session_get_busy (session) && is_file (session, curated));
  g_assert_cmpuint (table_rows (window), ==, 435);
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 1), ==, GLMCC_MARK_ACCEPTED);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);

  /* The saved analysis that refers to run.h5 opens with the same table. */
  ui_open (window, analysis, NULL);
  WAIT_FOR (!glmcc_session_get_busy (session) && is_file (session, analysis));
  g_assert_cmpuint (table_rows (window), ==, 435);
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 1), ==, GLMCC_MARK_NONE);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);
  g_assert_cmpuint (ui_count_bad_messages (), ==, messages);

  ui_destroy (window);
  ui_remove_tree (dir);
}

/* The recording the file names is gone: the results open alone, and the window says so. */
static void
test_recording_missing (void)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *recording = copy_demo (dir);
  g_autofree char *h5 = g_build_filename (dir, "run.h5", NULL);
  const char *argv[] = { g_getenv ("GLMCC_CLI"), "run", recording, "--output-hdf5", h5, NULL };
  GlmccWindow *window;
  GlmccSession *session;
  AdwMessageDialog *dialog;

  run_cli (argv);
  ui_remove_tree (recording);
  window = ui_window_new ();
  session = glmcc_window_get_session (window);
  ui_open (window, h5, NULL);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_MISSING);
  g_assert_null (glmcc_session_get_recording (session));
  g_assert_cmpuint (table_rows (window), ==, 435);
  g_assert_nonnull (glmcc_session_get_graph (session));
  /* The neuron list still gives the spikes and rates the results were computed from. */
  {
    g_autoptr(GObject) first = g_list_model_get_item (glmcc_session_get_neurons (session), 0);

    g_assert_cmpuint (glmcc_neuron_item_get_n_spikes (GLMCC_NEURON_ITEM (first)), ==, 11947);
    g_assert_cmpfloat_with_epsilon (glmcc_neuron_item_get_rate (GLMCC_NEURON_ITEM (first)), 13.27,
                                    0.01);
  }
  g_assert_nonnull (strstr (glmcc_session_get_recording_problem (session), "recording"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->figure_stack), ==, "unavailable");
  g_assert_true (gtk_revealer_get_reveal_child (window->recording_revealer));
  /* The bar and the figure's place say which recording is missing. */
  g_assert_nonnull (strstr (gtk_label_get_label (window->recording_label), "recording"));
  g_assert_nonnull (strstr (adw_status_page_get_description (window->unavailable_page),
                            "is not there any more"));
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Recording Has Moved");
  ui_respond ("results");

  ui_destroy (window);
  ui_remove_tree (dir);
}

/* A truncated results file, and an analysis whose results file changed: refused, naming the
 * file, with the window as it was. */
static void
test_damaged (void)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *demo = ui_demo_dir ();
  g_autofree char *h5 = g_build_filename (dir, "run.h5", NULL);
  g_autofree char *analysis = g_build_filename (dir, "run.glmcc", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.h5", NULL);
  g_autofree char *text = NULL, *body = NULL;
  const char *argv[] = { g_getenv ("GLMCC_CLI"), "run", demo, "--output-hdf5", h5,
                         "--output-analysis", analysis, NULL };
  GlmccWindow *window;
  GlmccSession *session;
  gsize size;

  run_cli (argv);
  g_assert_true (g_file_get_contents (h5, &text, &size, NULL));
  g_assert_true (g_file_set_contents (truncated, text, size / 2, NULL));
  window = ui_window_new ();
  session = glmcc_window_get_session (window);

  body = open_refused (window, truncated, "Could Not Open “truncated.h5”");
  g_assert_nonnull (strstr (body, truncated));
  g_assert_cmpuint (glmcc_session_get_n_neurons (session), ==, 0);
  g_clear_pointer (&body, g_free);

  text[size / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (h5, text, size, NULL));
  body = open_refused (window, analysis, "Could Not Open “run.glmcc”");
  g_assert_nonnull (strstr (body, h5));
  g_assert_nonnull (strstr (body, "changed"));
  g_assert_cmpuint (glmcc_session_get_n_neurons (session), ==, 0);

  ui_destroy (window);
  ui_remove_tree (dir);
}

#endif

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
#if HAVE_HDF5
  g_test_add_func ("/ui/results-file/open-hdf5", test_open_hdf5);
  g_test_add_func ("/ui/results-file/recording-missing", test_recording_missing);
  g_test_add_func ("/ui/results-file/damaged", test_damaged);
#endif
  return g_test_run ();
}
