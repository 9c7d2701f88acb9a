/* test-ui-session.c: saved analyses, curation with undo, unsaved work, recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "glmcc-pair-item.h"
#include "ui-test-util.h"

/* Helpers ----------------------------------------------------------------------------------- */

static gboolean done_flag;
static gboolean done_ok;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  done_ok = glmcc_session_save_finish (GLMCC_SESSION (object), result, &error);
  g_assert_no_error (error);
  done_flag = TRUE;
}

static void
save_to (GlmccWindow *window,
         const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  done_flag = FALSE;
  _glmcc_window_store_view_state (window);
  glmcc_session_save_async (glmcc_window_get_session (window), file, NULL, saved_cb, NULL);
  WAIT_FOR (done_flag);
  g_assert_true (done_ok);
}

static void
located_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  done_ok = glmcc_session_locate_recording_finish (GLMCC_SESSION (object), result, error);
  done_flag = TRUE;
}

/* A copy of the demo recording in @dir/@name, so a test may move or change it. */
static char *
copy_demo (const char *dir,
           const char *name)
{
  g_autofree char *demo = ui_demo_dir ();
  char *copy = g_build_filename (dir, name, NULL);
  g_autoptr(GDir) listing = g_dir_open (demo, 0, NULL);
  const char *file;

  g_assert_cmpint (g_mkdir_with_parents (copy, 0700), ==, 0);
  while ((file = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (demo, file, NULL);
      g_autofree char *to = g_build_filename (copy, file, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  return copy;
}

static GlmccWindow *
analysed_demo (const char *recording)
{
  GlmccWindow *window = ui_window_new ();

  ui_open (window, recording, NULL);
  ui_analyse_all (window);
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (glmcc_window_get_session (window))),
                    ==, 435);
  return window;
}

static void
mark (GlmccWindow *window,
      guint        ref,
      guint        target,
      const char  *what)
{
  glmcc_session_set_pair (glmcc_window_get_session (window), ref, target);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark", "s", what);
}

static const char *
menu_label (GlmccWindow *window,
            guint        index)
{
  static char label[256];
  g_autofree char *text = NULL;

  g_assert_true (g_menu_model_get_item_attribute (G_MENU_MODEL (window->history_section), index,
                                                  G_MENU_ATTRIBUTE_LABEL, "s", &text));
  g_strlcpy (label, text, sizeof label);
  return label;
}

/* Curation with undo ------------------------------------------------------------------------ */

static void
test_curation_undo (void)
{
  g_autofree char *demo = ui_demo_dir ();
  GlmccWindow *window = analysed_demo (demo);
  GlmccSession *session = glmcc_window_get_session (window);
  GSettings *settings = glmcc_settings_new ();
  GtkSingleSelection *rows = glmcc_pair_table_get_selection (window->pair_table);
  const GlmccNetworkPlot *graph;
  guint n_accepted = 0;

  /* Accept 0 → 1 with the key: the window's shortcut for "a" runs win.mark accepted. */
  glmcc_session_set_pair (session, 0, 1);
  WAIT_FOR (ui_has_fit_of (window, 0, 1));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

            if (g_str_equal (trigger, "a"))
              {
                found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                      GTK_WIDGET (window),
                                                      gtk_shortcut_get_arguments (shortcut));
              }
          }
      }
    g_assert_true (found);
  }
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 1), ==, GLMCC_MARK_ACCEPTED);
  /* The direction matters: 1 → 0 is not curated. */
  g_assert_cmpint (glmcc_session_get_mark (session, 1, 0), ==, GLMCC_MARK_NONE);

  mark (window, 0, 2, "rejected");
  mark (window, 3, 4, "unsure");
  glmcc_session_set_note (session, 3, 4, "shared drive?");

  /* Seen everywhere: the table's column and filter, the matrix outline, the network, the
   * correlogram title. */
  {
    g_autoptr(GlmccPairItem) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_autofree char *text = NULL;

    g_assert_cmpuint (glmcc_pair_item_get_ref (first), ==, 0);
    g_assert_cmpuint (glmcc_pair_item_get_target (first), ==, 1);
    g_object_get (first, "curation-text", &text, NULL);
    g_assert_nonnull (strstr (text, "✓"));
  }
  glmcc_pair_table_set_curation_filter (window->pair_table, GLMCC_CURATION_FILTER_ACCEPTED);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    n_accepted++;
  g_assert_cmpuint (n_accepted, ==, 1);
  glmcc_pair_table_set_curation_filter (window->pair_table, GLMCC_CURATION_FILTER_CURATED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);
  glmcc_pair_table_set_curation_filter (window->pair_table, GLMCC_CURATION_FILTER_ANY);
  graph = glmcc_session_get_graph (session);
  g_assert_nonnull (graph);
  /* The figures get a list of the marked edges, as long as the curation. */
  g_assert_nonnull (graph->marks);
  g_assert_cmpuint (graph->n_marks, ==, 3);
  g_assert_cmpuint (glmcc_network_plot_get_mark (graph, 0, 1), ==, GLMCC_PLOT_MARK_ACCEPTED);
  g_assert_cmpuint (glmcc_network_plot_get_mark (graph, 0, 2), ==, GLMCC_PLOT_MARK_REJECTED);
  g_assert_cmpuint (glmcc_network_plot_get_mark (graph, 3, 4), ==, GLMCC_PLOT_MARK_UNSURE);
  g_assert_cmpuint (glmcc_network_plot_get_mark (graph, 1, 0), ==, GLMCC_PLOT_MARK_NONE);
  /* … and so do the views, which draw from their own copy of the figure's data. */
  {
    GlmccGraphView *views[] = { window->matrix_view, window->network_view };

    for (guint k = 0; k < G_N_ELEMENTS (views); k++)
      {
        const GlmccNetworkPlot *drawn = _glmcc_graph_view_get_data (views[k]);

        g_assert_nonnull (drawn);
        g_assert_cmpuint (drawn->n_marks, ==, 3);
        g_assert_cmpuint (glmcc_network_plot_get_mark (drawn, 0, 2), ==, GLMCC_PLOT_MARK_REJECTED);
        g_assert_cmpuint (glmcc_network_plot_get_mark (drawn, 3, 4), ==, GLMCC_PLOT_MARK_UNSURE);
      }
  }
  glmcc_session_set_pair (session, 0, 2);
  WAIT_FOR (ui_has_fit_of (window, 0, 2));
  g_assert_nonnull (strstr (ui_shown_plot (window)->title, "rejected"));

  /* Undo names what it undoes, in the menu; four steps back and forth. */
  g_assert_cmpstr (menu_label (window, 0), ==, "Undo Note on cell3 → cell4");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_null (glmcc_session_get_note (session, 3, 4));
  g_assert_cmpstr (menu_label (window, 0), ==, "Undo Mark cell3 → cell4 Unsure");
  g_assert_cmpstr (menu_label (window, 1), ==, "Redo Note on cell3 → cell4");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 2), ==, GLMCC_MARK_NONE);
  g_assert_cmpuint (glmcc_network_plot_get_mark (glmcc_session_get_graph (session), 0, 2), ==,
                    GLMCC_PLOT_MARK_NONE);
  g_assert_cmpuint (glmcc_session_get_graph (session)->n_marks, ==, 1);
  g_assert_cmpuint (_glmcc_graph_view_get_data (window->matrix_view)->n_marks, ==, 1);
  g_assert_cmpuint (glmcc_network_plot_get_mark (_glmcc_graph_view_get_data (window->network_view), 0, 1),
                    ==, GLMCC_PLOT_MARK_ACCEPTED);
  /* The title of the figure follows the undo. */
  g_assert_null (ui_shown_plot (window)->title);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 2), ==, GLMCC_MARK_REJECTED);
  g_assert_nonnull (strstr (ui_shown_plot (window)->title, "rejected"));

  /* Parameter changes are undone too, slider moves merged into one step. */
  g_settings_set_double (settings, "tau", 3.0);
  g_settings_set_double (settings, "tau", 2.0);
  g_assert_cmpfloat (glmcc_session_get_params (session)->tau_ms, ==, 2.0);
  g_assert_cmpstr (menu_label (window, 0), ==, "Undo Change Time Constant τ");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpfloat (glmcc_session_get_params (session)->tau_ms, ==, 4.0);
  ui_spin_for (50);
  g_assert_cmpfloat (g_settings_get_double (settings, "tau"), ==, 4.0);
  /* A new change drops what could be redone. */
  mark (window, 5, 6, "accepted");
  g_assert_false (glmcc_history_can_redo (glmcc_session_get_history (session)));

  g_object_unref (settings);
  ui_destroy (window);
}

/* Save and reopen --------------------------------------------------------------------------- */

static void
test_save_reopen (void)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *demo = ui_demo_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.glmcc", NULL);
  GlmccWindow *window = analysed_demo (demo);
  GlmccSession *session = glmcc_window_get_session (window);
  GlmccWindow *reopened;
  GlmccSession *second;
  GlmccResults *a, *b;
  g_autoptr(GSettings) settings = glmcc_settings_new ();
  guint messages = ui_count_bad_messages ();
  guint n_entries, position;
  g_autofree char *redo_label = NULL;

  for (guint k = 0; k < 10; k++)
    mark (window, k, k + 10, k % 3 == 0 ? "accepted" : k % 3 == 1 ? "rejected" : "unsure");
  glmcc_session_set_note (session, 2, 12, "looks like a common input");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);  /* the note goes */
  glmcc_session_set_pair (session, 4, 14);
  adw_view_stack_set_visible_child_name (window->view_stack, "matrix");
  glmcc_pair_table_set_filter (window->pair_table, GLMCC_PAIR_FILTER_SIGNIFICANT);
  g_assert_true (glmcc_session_has_unsaved_work (session));
  save_to (window, path);
  g_assert_false (glmcc_session_get_modified (session));
  g_assert_false (glmcc_session_has_unsaved_work (session));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "demo.glmcc — GLMCC Studio"));

  n_entries = glmcc_history_get_n_entries (glmcc_session_get_history (session));
  position = glmcc_history_get_position (glmcc_session_get_history (session));
  redo_label = g_strdup (glmcc_history_get_redo_label (glmcc_session_get_history (session)));

  /* Another window, another parameter in the panel meanwhile: the file brings its own. */
  g_settings_set_double (settings, "tau", 6.0);
  reopened = ui_window_new ();
  second = glmcc_window_get_session (reopened);
  ui_open (reopened, path, NULL);
  g_assert_cmpint (glmcc_session_get_recording_state (second), ==, GLMCC_RECORDING_STATE_LOADED);
  g_assert_false (glmcc_session_get_modified (second));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (reopened)), "demo.glmcc — GLMCC Studio"));

  /* Results: without recomputing, edge for edge. */
  a = glmcc_session_get_results (session);
  b = glmcc_session_get_results (second);
  g_assert_cmpuint (glmcc_results_count_done (b), ==, 435);
  g_assert_null (_glmcc_session_get_analysis (second));
  for (guint i = 0; i < 30; i++)
    for (guint j = 0; j < 30; j++)
      if (i != j)
        {
          GlmccEdge x = glmcc_results_get_edge (a, i, j);
          GlmccEdge y = glmcc_results_get_edge (b, i, j);

          g_assert_cmpint (x.status, ==, y.status);
          g_assert_cmpfloat_with_epsilon (x.j, y.j, 1e-9 * MAX (1.0, fabs (x.j)));
          g_assert_cmpfloat_with_epsilon (x.psp_mv, y.psp_mv, 1e-9 * MAX (1.0, fabs (x.psp_mv)));
        }
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (second)), ==, 435);
  /* Curation, history (with its position), parameters, pair and view. */
  g_assert_true (glmcc_curation_equal (glmcc_session_get_curation (session),
                                       glmcc_session_get_curation (second)));
  g_assert_cmpuint (glmcc_curation_get_n_curated (glmcc_session_get_curation (second)), ==, 10);
  g_assert_cmpuint (glmcc_history_get_n_entries (glmcc_session_get_history (second)), ==, n_entries);
  g_assert_cmpuint (glmcc_history_get_position (glmcc_session_get_history (second)), ==, position);
  g_assert_cmpstr (glmcc_history_get_redo_label (glmcc_session_get_history (second)), ==, redo_label);
  g_assert_cmpstr (redo_label, ==, "Redo Note on cell2 → cell12");
  g_assert_cmpfloat (glmcc_session_get_params (second)->tau_ms, ==, 4.0);
  g_assert_cmpfloat (g_settings_get_double (settings, "tau"), ==, 4.0);
  {
    guint ref, target;

    g_assert_true (glmcc_session_get_pair (second, &ref, &target));
    g_assert_cmpuint (ref, ==, 4);
    g_assert_cmpuint (target, ==, 14);
  }
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (reopened->view_stack), ==, "matrix");
  g_assert_cmpint (glmcc_pair_table_get_filter (reopened->pair_table), ==, GLMCC_PAIR_FILTER_SIGNIFICANT);
  g_assert_false (gtk_revealer_get_reveal_child (reopened->stale_revealer));

  /* Undo still works after the reopen: the redo of the note, then undoing the last mark. */
  gtk_widget_activate_action (GTK_WIDGET (reopened), "win.redo", NULL);
  g_assert_cmpstr (glmcc_session_get_note (second, 2, 12), ==, "looks like a common input");
  gtk_widget_activate_action (GTK_WIDGET (reopened), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (reopened), "win.undo", NULL);
  g_assert_cmpint (glmcc_session_get_mark (second, 9, 19), ==, GLMCC_MARK_NONE);
  g_assert_true (glmcc_session_get_modified (second));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (reopened)), "• demo.glmcc"));

  /* Opening a valid analysis says nothing on stderr about errors or criticals. */
  g_assert_cmpuint (ui_count_bad_messages (), ==, messages);
  g_settings_reset (settings, "tau");
  ui_destroy (reopened);
  ui_destroy (window);
  ui_remove_tree (dir);
}

/* The JSON of glmcc run, and its .glmcc ------------------------------------------------------ */

static void
run_cli (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_cli_outputs (void)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *demo = ui_demo_dir ();
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autofree char *analysis = g_build_filename (dir, "run.glmcc", NULL);
  const char *argv[] = { g_getenv ("GLMCC_CLI"), "run", demo, "--output-json", json,
                         "--output-analysis", analysis, NULL };
  GlmccWindow *window;
  GlmccSession *session;
  guint messages = ui_count_bad_messages ();

  run_cli (argv);

  /* The JSON of a cluster run opens for curation, its recording found from its source. */
  window = ui_window_new ();
  session = glmcc_window_get_session (window);
  ui_open (window, json, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (session)), ==, 435);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);
  g_assert_null (glmcc_session_get_file (session));   /* Save asks where to put the .glmcc */
  g_assert_nonnull (glmcc_session_get_graph (session));
  mark (window, 1, 2, "accepted");
  g_assert_true (glmcc_session_has_unsaved_work (session));
  glmcc_session_discard_recovery (session);

  /* `glmcc run --output-analysis` writes what the application saves. */
  ui_open (window, analysis, NULL);
  ui_respond ("discard");
  WAIT_FOR (!glmcc_session_get_busy (session) && glmcc_session_get_file (session) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (session)), ==, 435);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);
  g_assert_cmpuint (glmcc_curation_get_n_curated (glmcc_session_get_curation (session)), ==, 0);
  g_assert_false (glmcc_session_get_modified (session));
  g_assert_cmpuint (ui_count_bad_messages (), ==, messages);

  ui_destroy (window);
  ui_remove_tree (dir);
}

/* A moved and a changed recording ------------------------------------------------------------ */

static void
test_moved_recording (void)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *recording = copy_demo (dir, "recording");
  g_autofree char *moved = g_build_filename (dir, "elsewhere", NULL);
  g_autofree char *path = g_build_filename (dir, "curated.glmcc", NULL);
  GlmccWindow *window = analysed_demo (recording);
  GlmccWindow *reopened;
  GlmccSession *session;
  GError *error = NULL;
  AdwMessageDialog *dialog;

  mark (window, 0, 1, "accepted");
  save_to (window, path);
  ui_destroy (window);
  g_assert_cmpint (g_rename (recording, moved), ==, 0);

  /* The results and curation open; the window says where the recording was and offers to
   * locate it. */
  reopened = ui_window_new ();
  session = glmcc_window_get_session (reopened);
  ui_open (reopened, path, NULL);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_MISSING);
  g_assert_null (glmcc_session_get_recording (session));
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (session)), ==, 435);
  g_assert_cmpint (glmcc_session_get_mark (session, 0, 1), ==, GLMCC_MARK_ACCEPTED);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (reopened->figure_stack), ==, "unavailable");
  g_assert_true (gtk_revealer_get_reveal_child (reopened->recording_revealer));
  g_assert_nonnull (strstr (glmcc_session_get_recording_problem (session), "recording"));
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Recording Has Moved");
  g_assert_true (adw_message_dialog_has_response (dialog, "locate"));
  ui_respond ("results");

  /* The wrong recording is refused… */
  {
    g_autoptr(GFile) wrong = g_file_new_for_path (ui_sample_dir ());

    done_flag = FALSE;
    glmcc_session_locate_recording_async (session, wrong, NULL, located_cb, &error);
    WAIT_FOR (done_flag);
    g_assert_false (done_ok);
    g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH);
    g_clear_error (&error);
  }
  /* … the moved one accepted, and the correlograms come back. */
  {
    g_autoptr(GFile) found = g_file_new_for_path (moved);

    done_flag = FALSE;
    glmcc_session_locate_recording_async (session, found, NULL, located_cb, &error);
    WAIT_FOR (done_flag);
    g_assert_no_error (error);
    g_assert_true (done_ok);
  }
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);
  WAIT_FOR (glmcc_session_get_fitted (session) != NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (reopened->figure_stack), ==, "figure");
  g_assert_true (glmcc_session_get_modified (session));
  save_to (reopened, path);
  ui_destroy (reopened);

  /* Changed spikes (one file edited): the results open, and the window says so. */
  {
    g_autofree char *cell = g_build_filename (moved, "cell0.txt", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *edited = NULL;

    g_assert_true (g_file_get_contents (cell, &contents, NULL, NULL));
    edited = g_strconcat ("0.5\n", contents, NULL);
    g_assert_true (g_file_set_contents (cell, edited, -1, NULL));
  }
  reopened = ui_window_new ();
  session = glmcc_window_get_session (reopened);
  ui_open (reopened, path, NULL);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_CHANGED);
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (session)), ==, 435);
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Recording Has Changed");
  ui_respond ("results");
  ui_destroy (reopened);
  ui_remove_tree (dir);
}

/* Closing with unsaved work ----------------------------------------------------------------- */

static void
test_close_unsaved (void)
{
  g_autofree char *demo = ui_demo_dir ();
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "closing.glmcc", NULL);
  GlmccWindow *window = analysed_demo (demo);
  GlmccSession *session = glmcc_window_get_session (window);
  GlmccWindow *weak = window;
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  mark (window, 0, 1, "accepted");

  /* Closing asks; Cancel keeps the window and its work. */
  gtk_window_close (GTK_WINDOW (window));
  ui_spin_for (20);
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the Analysis Before Closing?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "435 pairs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  ui_respond ("cancel");
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (glmcc_session_has_unsaved_work (session));

  /* Re-running asks too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.analyse-all", NULL);
  g_assert_nonnull (ui_find_dialog ());
  ui_respond ("cancel");
  g_assert_false (glmcc_session_get_running (session));

  /* Saved, it closes without a word. */
  save_to (window, path);
  gtk_window_close (GTK_WINDOW (window));
  ui_spin_for (20);
  g_assert_null (ui_find_dialog ());
  g_assert_null (weak);

  /* And Discard closes unsaved work. */
  window = analysed_demo (demo);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (window));
  ui_spin_for (20);
  ui_respond ("discard");
  ui_spin_for (20);
  g_assert_null (weak);
  ui_remove_tree (dir);
}

/* Recovery after a killed application -------------------------------------------------------- */

/* The recovery copy that process @pid wrote, if it did. */
static char *
find_recovery (const char *dir,
               const char *pid)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("recovery-%s-", pid);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".glmcc"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
test_recovery_after_kill (void)
{
  g_autofree char *demo = ui_demo_dir ();
  g_autofree char *recovery_dir = g_build_filename (g_get_user_state_dir (), "glmcc-studio",
                                                    "recovery", NULL);
  g_autofree char *orphan = NULL;
  const char * const argv[] = { g_getenv ("GLMCC_STUDIO"), "--analyse", demo, NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *log_dir = ui_make_temp_dir ();
  g_autofree char *log = g_build_filename (log_dir, "stderr.txt", NULL);
  g_autofree char *child_stderr = NULL;
  GlmccWindow *window;
  GlmccSession *session;
  gint64 deadline = g_get_monotonic_time () + UI_TIMEOUT_S * G_USEC_PER_SEC;

  /* The real program, as a user runs it: analyse the demo, then die by SIGKILL. */
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  while ((orphan = find_recovery (recovery_dir, g_subprocess_get_identifier (child))) == NULL &&
         g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_assert_nonnull (orphan);
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_assert_true (g_file_get_contents (log, &child_stderr, NULL, NULL));
  /* Opening a valid recording printed nothing that says error or critical. */
  g_assert_null (strstr (child_stderr, "CRITICAL"));
  g_assert_null (strstr (child_stderr, "ERROR"));
  ui_remove_tree (log_dir);

  /* The next start finds what the dead one left, and offers it. */
  found = glmcc_session_find_recovery_files ();
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, orphan);
  window = ui_window_new ();
  session = glmcc_window_get_session (window);
  glmcc_window_offer_recovery (window);
  g_assert_nonnull (ui_find_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (ui_find_dialog ()), ==, "Recover Unsaved Analysis?");
  ui_respond ("recover");
  WAIT_FOR (!glmcc_session_get_busy (session) && glmcc_session_get_n_neurons (session) == 30);
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_pairs (session)), ==, 435);
  g_assert_cmpint (glmcc_session_get_recording_state (session), ==, GLMCC_RECORDING_STATE_LOADED);
  /* Recovered work is unsaved work, kept in a copy of this process until saved. */
  g_assert_true (glmcc_session_has_unsaved_work (session));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  WAIT_FOR (_glmcc_session_get_recovery_path (session) != NULL &&
            g_file_test (_glmcc_session_get_recovery_path (session), G_FILE_TEST_EXISTS));
  g_clear_pointer (&found, g_strfreev);
  found = glmcc_session_find_recovery_files ();
  g_assert_cmpuint (g_strv_length (found), ==, 0);
  ui_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/session/curation-undo", test_curation_undo);
  g_test_add_func ("/ui/session/save-reopen", test_save_reopen);
  g_test_add_func ("/ui/session/cli-outputs", test_cli_outputs);
  g_test_add_func ("/ui/session/moved-recording", test_moved_recording);
  g_test_add_func ("/ui/session/close-unsaved", test_close_unsaved);
  g_test_add_func ("/ui/session/recovery-after-kill", test_recovery_after_kill);

  return g_test_run ();
}
