/* test-ui-window.c: the main window on the sample recording, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "glmcc-analysis.h"
#include "glmcc-pair-item.h"
#include "glmcc-window-private.h"

#define TIMEOUT_S 60

typedef struct
{
  GlmccWindow *window;
  GSettings   *settings;
} Fixture;

/* Runs the main loop until @cond holds, failing the test after TIMEOUT_S seconds. */
#define WAIT_FOR(cond)                                                                   \
  G_STMT_START {                                                                         \
    gint64 wait_end_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;             \
    while (!(cond))                                                                      \
      {                                                                                  \
        if (g_get_monotonic_time () > wait_end_)                                         \
          g_error ("timed out after %d s waiting for: %s", TIMEOUT_S, #cond);            \
        g_main_context_iteration (NULL, FALSE);                                          \
        g_usleep (500);                                                                  \
      }                                                                                  \
  } G_STMT_END

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static const char *
sample_dir (void)
{
  const char *dir = g_getenv ("GLMCC_SAMPLE_DIR");

  g_assert_nonnull (dir);
  return dir;
}

static gboolean
has_fit_of (Fixture *f,
            guint    ref,
            guint    target)
{
  GlmccPairFitter *fitter = _glmcc_window_get_fitter (f->window);
  const GlmccFitted *fitted = glmcc_pair_fitter_get_result (fitter);

  return fitted != NULL && fitted->ref == ref && fitted->target == target &&
         !glmcc_pair_fitter_is_busy (fitter);
}

static const GlmccCcgPlot *
shown_plot (Fixture *f)
{
  return glmcc_correlogram_view_get_plot (_glmcc_window_get_correlogram_view (f->window));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_dir ());
  GlmccLoadOptions options;

  f->settings = glmcc_settings_new ();
  /* The memory backend lives as long as the process: start every test from the defaults. */
  f->window = glmcc_window_new (NULL);
  glmcc_param_panel_reset (_glmcc_window_get_param_panel (f->window));
  g_settings_reset (f->settings, "y-unit");
  gtk_window_present (GTK_WINDOW (f->window));

  glmcc_load_options_init (&options);
  options.start_s = 0;
  options.duration_s = 5400;
  glmcc_window_open (f->window, file, &options);
  WAIT_FOR (!_glmcc_window_is_loading (f->window));
  g_assert_nonnull (_glmcc_window_get_recording (f->window));
  WAIT_FOR (has_fit_of (f, 0, 1));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin_for (50);
  g_clear_object (&f->settings);
}

static void
test_opens_sample (Fixture       *f,
                   gconstpointer  data)
{
  GlmccRecording *recording = _glmcc_window_get_recording (f->window);
  const GlmccCcgPlot *plot = shown_plot (f);
  const char *title = gtk_window_get_title (GTK_WINDOW (f->window));

  g_assert_cmpuint (glmcc_recording_get_n_neurons (recording), ==, 20);
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_epoch_end (recording), 5400e3, 1e-6);
  g_assert_nonnull (strstr (title, "GLMCC Studio"));
  g_assert_nonnull (strstr (title, "sample"));
  g_assert_cmpuint (plot->n_bins, ==, 100);
  g_assert_true (plot->has_fit);
  g_assert_cmpstr (plot->ref_name, ==, "cell0");
  g_assert_cmpstr (plot->target_name, ==, "cell1");
  g_assert_true (isfinite (plot->forward.j));
  /* The recording is remembered for the Recent menu. */
  {
    g_auto(GStrv) recent = g_settings_get_strv (f->settings, "recent-recordings");

    g_assert_cmpstr (recent[0], ==, sample_dir ());
    g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (f->window->recent_section)), >=, 1);
  }
  /* Nothing analysed yet: the table is empty. */
  g_assert_cmpuint (g_list_model_get_n_items (_glmcc_window_get_pair_model (f->window)), ==, 0);
}

static void
test_select_pair (Fixture       *f,
                  gconstpointer  data)
{
  const GlmccCcgPlot *plot;
  double j01 = shown_plot (f)->forward.j;
  double count01 = 0, count05 = 0;

  for (guint k = 0; k < shown_plot (f)->n_bins; k++)
    count01 += shown_plot (f)->counts[k];

  gtk_drop_down_set_selected (f->window->target_dropdown, 5);
  WAIT_FOR (has_fit_of (f, 0, 5));
  plot = shown_plot (f);
  g_assert_cmpstr (plot->target_name, ==, "cell5");
  for (guint k = 0; k < plot->n_bins; k++)
    count05 += plot->counts[k];
  g_assert_cmpfloat (count05, !=, count01);
  g_assert_cmpfloat (plot->forward.j, !=, j01);

  /* Swapping mirrors the correlogram: J→ and J← trade places. */
  {
    double fwd = plot->forward.j, bwd = plot->backward.j;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.swap-pair", NULL);
    WAIT_FOR (has_fit_of (f, 5, 0));
    plot = shown_plot (f);
    g_assert_cmpstr (plot->ref_name, ==, "cell5");
    g_assert_cmpfloat_with_epsilon (plot->forward.j, bwd, 1e-6);
    g_assert_cmpfloat_with_epsilon (plot->backward.j, fwd, 1e-6);
  }

  /* Before a run, next pair walks the pairs in index order. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pair", NULL);
  WAIT_FOR (has_fit_of (f, 0, 6));
}

static void
test_parameter_refit (Fixture       *f,
                      gconstpointer  data)
{
  GSettings *settings = glmcc_param_panel_get_settings (_glmcc_window_get_param_panel (f->window));
  const GlmccFitted *before = glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window));
  guint64 generation = before->generation;
  double j = shown_plot (f)->forward.j;
  double a_mid = shown_plot (f)->a[50];

  /* A much stiffer prior: a(t) flattens and J changes. */
  g_settings_set_double (settings, "gamma", 1e-5);
  WAIT_FOR (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->generation > generation &&
            !glmcc_pair_fitter_is_busy (_glmcc_window_get_fitter (f->window)));
  g_assert_cmpfloat (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->params.gamma, ==, 1e-5);
  g_assert_cmpfloat (fabs (shown_plot (f)->forward.j - j), >, 1e-6);
  g_assert_cmpfloat (shown_plot (f)->a[50], !=, a_mid);

  /* τ too. */
  j = shown_plot (f)->forward.j;
  generation = glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->generation;
  g_settings_set_double (settings, "tau", 2.0);
  WAIT_FOR (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->generation > generation &&
            !glmcc_pair_fitter_is_busy (_glmcc_window_get_fitter (f->window)));
  g_assert_cmpfloat (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->params.tau_ms, ==, 2.0);
  g_assert_cmpfloat (fabs (shown_plot (f)->forward.j - j), >, 1e-6);

  /* An invalid combination (window not a whole number of bins) is refused, not fitted. */
  generation = glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->generation;
  g_settings_set_double (settings, "bin", 0.7);
  spin_for (300);
  g_assert_cmpuint (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->generation, ==, generation);

  /* Reset brings back the defaults and refits. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset-parameters", NULL);
  WAIT_FOR (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->generation > generation &&
            !glmcc_pair_fitter_is_busy (_glmcc_window_get_fitter (f->window)));
  g_assert_cmpfloat (g_settings_get_double (settings, "tau"), ==, 4.0);
  g_assert_cmpfloat (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->params.bin_ms, ==, 1.0);
}

static gboolean
analysis_done (Fixture *f)
{
  GlmccAnalysis *analysis = _glmcc_window_get_analysis (f->window);

  return analysis != NULL && !glmcc_analysis_is_running (analysis);
}

static void
test_analyse_all (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *rows = _glmcc_window_get_pair_model (f->window);
  GSettings *settings = glmcc_param_panel_get_settings (_glmcc_window_get_param_panel (f->window));
  guint n_significant = 0;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  g_assert_nonnull (_glmcc_window_get_analysis (f->window));
  WAIT_FOR (analysis_done (f));

  g_assert_false (glmcc_analysis_was_cancelled (_glmcc_window_get_analysis (f->window)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 190);
  for (guint i = 0; i < 190; i++)
    {
      g_autoptr(GlmccPairItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpint (glmcc_pair_item_get_edge (item, TRUE)->status, !=, GLMCC_STATUS_PENDING);
      g_assert_cmpint (glmcc_pair_item_get_edge (item, FALSE)->status, !=, GLMCC_STATUS_PENDING);
      if (glmcc_pair_item_is_significant (item))
        n_significant++;
    }
  g_assert_cmpuint (n_significant, >, 0);
  g_assert_cmpuint (n_significant, <, 190);

  /* The filter keeps only significant pairs. */
  gtk_drop_down_set_selected (f->window->pair_filter, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_significant);
  /* … and by name. */
  gtk_drop_down_set_selected (f->window->pair_filter, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->window->pair_search), "cell19");
  WAIT_FOR (g_list_model_get_n_items (rows) == 19);
  gtk_editable_set_text (GTK_EDITABLE (f->window->pair_search), "");
  WAIT_FOR (g_list_model_get_n_items (rows) == 190);

  /* Selecting a row shows that pair. */
  {
    g_autoptr(GlmccPairItem) item = g_list_model_get_item (rows, 42);
    guint ref = glmcc_pair_item_get_ref (item), target = glmcc_pair_item_get_target (item);

    _glmcc_window_select_row (f->window, 42);
    WAIT_FOR (has_fit_of (f, ref, target));
    /* The live fit uses the same parameters as the run: same J. */
    g_assert_cmpfloat_with_epsilon (shown_plot (f)->forward.j,
                                    glmcc_pair_item_get_edge (item, TRUE)->j, 1e-9);
  }

  /* Next significant pair lands on a significant row. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-significant", NULL);
  {
    GlmccPairItem *selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows));

    g_assert_nonnull (selected);
    g_assert_true (glmcc_pair_item_is_significant (selected));
  }

  /* Changing a parameter after the run marks the table stale. */
  g_assert_false (_glmcc_window_is_stale (f->window));
  g_settings_set_double (settings, "gamma", 1e-3);
  g_assert_true (_glmcc_window_is_stale (f->window));
  g_settings_reset (settings, "gamma");
  g_assert_false (_glmcc_window_is_stale (f->window));
}

static void
test_cancel_keeps_rows (Fixture       *f,
                        gconstpointer  data)
{
  GListStore *store = _glmcc_window_get_pair_store (f->window);
  GlmccAnalysis *analysis;
  guint n_kept;

  /* Hold the worker after its first slice so the cancel lands half-way, every time. */
  _glmcc_window_set_analysis_hold (f->window, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  analysis = _glmcc_window_get_analysis (f->window);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0);
  g_assert_true (glmcc_analysis_is_running (analysis));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-analysis", NULL);
  WAIT_FOR (analysis_done (f));

  n_kept = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_true (glmcc_analysis_was_cancelled (analysis));
  g_assert_cmpuint (n_kept, >, 0);
  g_assert_cmpuint (n_kept, <, 190);
  g_assert_cmpuint (n_kept, ==, glmcc_analysis_get_n_done (analysis));
  g_assert_cmpuint (glmcc_results_count_done (glmcc_analysis_get_results (analysis)), ==, n_kept);

  spin_for (200);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n_kept);
  for (guint i = 0; i < n_kept; i++)
    {
      g_autoptr(GlmccPairItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpint (glmcc_pair_item_get_edge (item, TRUE)->status, !=, GLMCC_STATUS_PENDING);
    }

  /* A new run after the cancel completes. */
  _glmcc_window_set_analysis_hold (f->window, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  WAIT_FOR (analysis_done (f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 190);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("glmcc-ui-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "pair.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "pair.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pair.pdf", NULL);
  g_autofree char *matrix = g_build_filename (dir, "matrix.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);

  /* 160 × 100 mm at 150 dpi. */
  g_assert_true (_glmcc_window_export_figure (f->window, png, GLMCC_PLOT_FORMAT_PNG,
                                              160 * 72 / 25.4, 100 * 72 / 25.4, 150, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpint (abs ((int) read_be32 ((const guint8 *) contents + 16) - 945), <=, 1);
  g_assert_cmpint (abs ((int) read_be32 ((const guint8 *) contents + 20) - 591), <=, 1);
  g_clear_pointer (&contents, g_free);

  g_assert_true (_glmcc_window_export_figure (f->window, svg, GLMCC_PLOT_FORMAT_SVG,
                                              453, 283, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "<path"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (_glmcc_window_export_figure (f->window, pdf, GLMCC_PLOT_FORMAT_PDF,
                                              453, 283, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  /* A complete file: the trailer comes last (the body holds binary streams). */
  g_assert_cmpuint (length, >, 1000);
  g_assert_nonnull (g_strstr_len (contents + length - 32, 32, "%%EOF"));
  g_clear_pointer (&contents, g_free);

  /* The matrix needs a run first; then it exports too. */
  adw_view_stack_set_visible_child_name (f->window->view_stack, "matrix");
  g_assert_false (_glmcc_window_export_figure (f->window, matrix, GLMCC_PLOT_FORMAT_PDF,
                                               400, 400, 300, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  WAIT_FOR (analysis_done (f));
  g_assert_true (_glmcc_window_export_figure (f->window, matrix, GLMCC_PLOT_FORMAT_PDF,
                                              400, 400, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (matrix, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_unlink (matrix);
  g_rmdir (dir);
}

static void
test_load_error_keeps_recording (Fixture       *f,
                                 gconstpointer  data)
{
  GlmccRecording *before = _glmcc_window_get_recording (f->window);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/recording/cells");
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  guint n_before = g_list_model_get_n_items (toplevels);
  gboolean found_dialog = FALSE;

  glmcc_window_open (f->window, missing, NULL);
  g_assert_true (_glmcc_window_is_loading (f->window));
  WAIT_FOR (!_glmcc_window_is_loading (f->window));
  spin_for (50);

  g_assert_true (_glmcc_window_get_recording (f->window) == before);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), >, n_before);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        {
          found_dialog = TRUE;
          g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)),
                                    "cells"));
          gtk_window_destroy (w);
        }
    }
  g_assert_true (found_dialog);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "GLMCC Studio"));
}

static void
test_epoch (Fixture       *f,
            gconstpointer  data)
{
  GlmccParamPanel *panel = _glmcc_window_get_param_panel (f->window);
  GlmccRecording *recording;
  gsize before = 0, after = 0;

  glmcc_recording_get_train (_glmcc_window_get_recording (f->window), 0, &before);

  /* The first half of the epoch: fewer spikes, a new fit, the run's table reset. */
  glmcc_param_panel_apply_epoch (panel, 0, 2700);
  recording = _glmcc_window_get_recording (f->window);
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_epoch_end (recording), 2700e3, 1e-6);
  glmcc_recording_get_train (recording, 0, &after);
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, >, 0);
  WAIT_FOR (has_fit_of (f, 0, 1) &&
            glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->n_ref_spikes == after);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "GLMCC Studio"));

  /* The spikes beyond the loaded epoch are still reachable. */
  glmcc_param_panel_apply_epoch (panel, 5000, 4000);
  recording = _glmcc_window_get_recording (f->window);
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_epoch_end (recording), 9000e3, 1e-6);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_go_to_pair (Fixture       *f,
                 gconstpointer  data)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-to-pair", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* By index and by name. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ref-entry"), "7");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "target-entry"), "cell13");
  adw_message_dialog_response (dialog, "go");
  WAIT_FOR (has_fit_of (f, 7, 13));
  g_assert_cmpstr (shown_plot (f)->ref_name, ==, "cell7");
  g_assert_cmpstr (shown_plot (f)->target_name, ==, "cell13");
  /* A button click closes the dialog after its response; emitting the response does not. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_dialog ());

  /* An unknown name leaves the pair alone. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-to-pair", NULL);
  dialog = find_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ref-entry"), "cell99");
  adw_message_dialog_response (dialog, "go");
  spin_for (100);
  g_assert_cmpuint (glmcc_pair_fitter_get_result (_glmcc_window_get_fitter (f->window))->ref, ==, 7);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A folder dropped on the window opens like one chosen in the file chooser. */
static void
test_drop_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *demo = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "examples", "demo", NULL);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autoptr(GFile) file = g_file_new_for_path (demo);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (gtk_drop_target_get_actions (target) & GDK_ACTION_COPY);

  files = g_slist_prepend (NULL, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_slist_free (files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  WAIT_FOR (!_glmcc_window_is_loading (f->window));
  g_assert_cmpuint (glmcc_recording_get_n_neurons (_glmcc_window_get_recording (f->window)), ==, 30);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "demo"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "GLMCC Studio"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/window/opens-sample", test_opens_sample);
  ADD ("/ui/window/select-pair", test_select_pair);
  ADD ("/ui/window/parameter-refit", test_parameter_refit);
  ADD ("/ui/window/analyse-all", test_analyse_all);
  ADD ("/ui/window/cancel-keeps-rows", test_cancel_keeps_rows);
  ADD ("/ui/window/export", test_export);
  ADD ("/ui/window/load-error-keeps-recording", test_load_error_keeps_recording);
  ADD ("/ui/window/epoch", test_epoch);
  ADD ("/ui/window/go-to-pair", test_go_to_pair);
  ADD ("/ui/window/drop-folder", test_drop_folder);
#undef ADD

  return g_test_run ();
}
