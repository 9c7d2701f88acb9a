/* test-ui-window.c: the main window on the sample recording, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "glmcc-export-dialog.h"
#include "glmcc-neuron-item.h"
#include "glmcc-pair-item.h"
#include "ui-test-util.h"

typedef struct
{
  GlmccWindow  *window;
  GlmccSession *session;
  GSettings    *settings;
} Fixture;

static GListModel *
table_rows (Fixture *f)
{
  return G_LIST_MODEL (glmcc_pair_table_get_selection (f->window->pair_table));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GlmccLoadOptions options;

  f->settings = glmcc_settings_new ();
  f->window = ui_window_new ();
  f->session = glmcc_window_get_session (f->window);
  glmcc_load_options_init (&options);
  options.start_s = 0;
  options.duration_s = 5400;
  ui_open (f->window, ui_sample_dir (), &options);
  g_assert_nonnull (glmcc_session_get_recording (f->session));
  WAIT_FOR (ui_has_fit_of (f->window, 0, 1));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_destroy (f->window);
  g_clear_object (&f->settings);
}

static void
test_opens_sample (Fixture       *f,
                   gconstpointer  data)
{
  GlmccRecording *recording = glmcc_session_get_recording (f->session);
  const GlmccCcgPlot *plot = ui_shown_plot (f->window);
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

    g_assert_cmpstr (recent[0], ==, ui_sample_dir ());
    g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (f->window->recent_section)), >=, 1);
  }
  /* Nothing analysed yet: the table is empty, and nothing is unsaved. */
  g_assert_cmpuint (g_list_model_get_n_items (table_rows (f)), ==, 0);
  g_assert_false (glmcc_session_has_unsaved_work (f->session));
  g_assert_cmpuint (g_list_model_get_n_items (glmcc_session_get_neurons (f->session)), ==, 20);
}

static void
test_select_pair (Fixture       *f,
                  gconstpointer  data)
{
  const GlmccCcgPlot *plot;
  double j01 = ui_shown_plot (f->window)->forward.j;
  double count01 = 0, count05 = 0;

  for (guint k = 0; k < ui_shown_plot (f->window)->n_bins; k++)
    count01 += ui_shown_plot (f->window)->counts[k];

  gtk_drop_down_set_selected (f->window->target_dropdown, 5);
  WAIT_FOR (ui_has_fit_of (f->window, 0, 5));
  plot = ui_shown_plot (f->window);
  g_assert_cmpstr (plot->target_name, ==, "cell5");
  for (guint k = 0; k < plot->n_bins; k++)
    count05 += plot->counts[k];
  g_assert_cmpfloat (count05, !=, count01);
  g_assert_cmpfloat (plot->forward.j, !=, j01);

  /* Swapping mirrors the correlogram: J→ and J← trade places. */
  {
    double fwd = plot->forward.j, bwd = plot->backward.j;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.swap-pair", NULL);
    WAIT_FOR (ui_has_fit_of (f->window, 5, 0));
    plot = ui_shown_plot (f->window);
    g_assert_cmpstr (plot->ref_name, ==, "cell5");
    g_assert_cmpfloat_with_epsilon (plot->forward.j, bwd, 1e-6);
    g_assert_cmpfloat_with_epsilon (plot->backward.j, fwd, 1e-6);
  }

  /* Before a run, next pair walks the pairs in index order. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pair", NULL);
  WAIT_FOR (ui_has_fit_of (f->window, 0, 6));

  /* Choosing a neuron in the list makes it the reference. */
  gtk_single_selection_set_selected (glmcc_neuron_list_get_selection (f->window->neuron_list), 3);
  WAIT_FOR (ui_has_fit_of (f->window, 3, 6));
}

static GlmccFitted *
fitted (Fixture *f)
{
  return glmcc_session_get_fitted (f->session);
}

static void
test_parameter_refit (Fixture       *f,
                      gconstpointer  data)
{
  guint64 generation = fitted (f)->generation;
  double j = ui_shown_plot (f->window)->forward.j;
  double a_mid = ui_shown_plot (f->window)->a[50];

  /* A much stiffer prior: a(t) flattens and J changes. */
  g_settings_set_double (f->settings, "gamma", 1e-5);
  WAIT_FOR (fitted (f) != NULL && fitted (f)->generation > generation &&
            !glmcc_pair_fitter_is_busy (glmcc_session_get_fitter (f->session)));
  g_assert_cmpfloat (fitted (f)->params.gamma, ==, 1e-5);
  g_assert_cmpfloat (fabs (ui_shown_plot (f->window)->forward.j - j), >, 1e-6);
  g_assert_cmpfloat (ui_shown_plot (f->window)->a[50], !=, a_mid);

  /* τ too. */
  j = ui_shown_plot (f->window)->forward.j;
  generation = fitted (f)->generation;
  g_settings_set_double (f->settings, "tau", 2.0);
  WAIT_FOR (fitted (f) != NULL && fitted (f)->generation > generation &&
            !glmcc_pair_fitter_is_busy (glmcc_session_get_fitter (f->session)));
  g_assert_cmpfloat (fitted (f)->params.tau_ms, ==, 2.0);
  g_assert_cmpfloat (fabs (ui_shown_plot (f->window)->forward.j - j), >, 1e-6);

  /* An invalid combination (window not a whole number of bins) is refused, not fitted. */
  g_settings_set_double (f->settings, "bin", 0.7);
  ui_spin_for (300);
  g_assert_false (glmcc_session_get_params_valid (f->session));
  g_assert_null (fitted (f));

  /* Reset brings back the defaults and refits. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset-parameters", NULL);
  WAIT_FOR (fitted (f) != NULL && !glmcc_pair_fitter_is_busy (glmcc_session_get_fitter (f->session)));
  g_assert_cmpfloat (g_settings_get_double (f->settings, "tau"), ==, 4.0);
  g_assert_cmpfloat (fitted (f)->params.bin_ms, ==, 1.0);
}

static void
test_analyse_all (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *rows = table_rows (f);
  guint n_significant = 0;
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *json = g_build_filename (dir, "run.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *shard;

  ui_analyse_all (f->window);
  g_assert_false (glmcc_analysis_was_cancelled (_glmcc_session_get_analysis (f->session)));
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
  /* A finished run is unsaved work. */
  g_assert_true (glmcc_session_has_unsaved_work (f->session));

  /* The filter keeps only significant pairs. */
  glmcc_pair_table_set_filter (f->window->pair_table, GLMCC_PAIR_FILTER_SIGNIFICANT);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_significant);
  glmcc_pair_table_set_filter (f->window->pair_table, GLMCC_PAIR_FILTER_ALL);
  glmcc_pair_table_set_search (f->window->pair_table, "cell19");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 19);
  glmcc_pair_table_set_search (f->window->pair_table, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 190);

  /* Selecting a row shows that pair. */
  {
    g_autoptr(GlmccPairItem) item = g_list_model_get_item (rows, 42);
    guint ref, target;
    const GlmccEdge *shown;

    /* Shown with its significant direction as reference → target. */
    glmcc_pair_item_get_shown_pair (item, &ref, &target);
    shown = glmcc_pair_item_get_edge (item, ref == glmcc_pair_item_get_ref (item));
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 42);
    WAIT_FOR (ui_has_fit_of (f->window, ref, target));
    /* The live fit uses the same parameters as the run: same J. */
    g_assert_cmpfloat_with_epsilon (ui_shown_plot (f->window)->forward.j, shown->j, 1e-9);
  }

  /* Next significant pair lands on a significant row, shown with a significant forward
   * edge: the one a curation key marks. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-significant", NULL);
  {
    GlmccPairItem *selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows));
    guint ref, target;

    g_assert_nonnull (selected);
    g_assert_true (glmcc_pair_item_is_significant (selected));
    g_assert_true (glmcc_session_get_pair (f->session, &ref, &target));
    g_assert_cmpint (glmcc_results_get_edge (glmcc_session_get_results (f->session), ref, target).status,
                     ==, GLMCC_STATUS_SIGNIFICANT);
  }

  /* One complete run, not slices: the exported JSON says shard 1 of 1 (issue 9, 5), so merge
   * and resume take it for the whole run it is. */
  g_assert_true (glmcc_session_export_results (f->session, json, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  shard = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "shard");
  g_assert_cmpint (json_object_get_int_member (shard, "index"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (shard, "count"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "edges")), ==, 380);

  /* Changing a parameter after the run marks the table stale. */
  g_assert_false (gtk_revealer_get_reveal_child (f->window->stale_revealer));
  g_settings_set_double (f->settings, "gamma", 1e-3);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->stale_revealer));
  g_settings_reset (f->settings, "gamma");
  g_assert_false (gtk_revealer_get_reveal_child (f->window->stale_revealer));

  g_unlink (json);
  g_rmdir (dir);
}

static void
test_cancel_keeps_rows (Fixture       *f,
                        gconstpointer  data)
{
  GListModel *store = glmcc_session_get_pairs (f->session);
  GlmccAnalysis *analysis;
  guint n_kept;

  /* Hold the workers after a few pairs so the cancel lands half-way, every time. */
  _glmcc_session_set_analysis_hold (f->session, 20);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  analysis = _glmcc_session_get_analysis (f->session);
  WAIT_FOR (g_list_model_get_n_items (store) > 0);
  g_assert_true (glmcc_analysis_is_running (analysis));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-analysis", NULL);
  WAIT_FOR (ui_analysis_done (f->window));

  n_kept = g_list_model_get_n_items (store);
  g_assert_true (glmcc_analysis_was_cancelled (analysis));
  g_assert_cmpuint (n_kept, >=, 20);
  g_assert_cmpuint (n_kept, <, 190);
  g_assert_cmpuint (n_kept, ==, glmcc_analysis_get_n_done (analysis));
  g_assert_cmpuint (glmcc_results_count_done (glmcc_session_get_results (f->session)), ==, n_kept);
  /* … and the kept pairs are worth keeping: unsaved work, with a recovery copy. */
  g_assert_true (glmcc_session_has_unsaved_work (f->session));

  ui_spin_for (200);
  g_assert_cmpuint (g_list_model_get_n_items (store), ==, n_kept);
  for (guint i = 0; i < n_kept; i++)
    {
      g_autoptr(GlmccPairItem) item = g_list_model_get_item (store, i);

      g_assert_cmpint (glmcc_pair_item_get_edge (item, TRUE)->status, !=, GLMCC_STATUS_PENDING);
    }

  /* A new run after the cancel (its results discarded on purpose) completes. */
  _glmcc_session_set_analysis_hold (f->session, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  ui_respond ("discard");
  WAIT_FOR (ui_analysis_done (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (store), ==, 190);
}

/* Each neuron's E/I label and Dale's-law flag as the core's one rule gives them on the results
 * so far (counted again here from the edges). */
static guint
check_labels (Fixture *f,
              guint   *n_violations)
{
  GListModel *neurons = glmcc_session_get_neurons (f->session);
  GlmccResults *results = glmcc_session_get_results (f->session);
  guint n = g_list_model_get_n_items (neurons), n_labelled = 0;

  *n_violations = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlmccNeuronItem) item = g_list_model_get_item (neurons, i);
      guint positive = 0, negative = 0;
      gboolean dale;
      GlmccLabel label;

      g_assert_cmpuint (glmcc_neuron_item_get_index (item), ==, i);
      for (guint j = 0; j < n; j++)
        {
          GlmccEdge edge = glmcc_results_get_edge (results, i, j);

          if (i != j && edge.status == GLMCC_STATUS_SIGNIFICANT)
            {
              positive += edge.psp_mv > 0.0;
              negative += edge.psp_mv < 0.0;
            }
        }
      label = glmcc_cell_type_decide (positive, negative, &dale);
      g_assert_cmpint (glmcc_neuron_item_get_label (item), ==, label);
      g_assert_cmpint (glmcc_neuron_item_get_dale_violation (item), ==, dale);
      n_labelled += label != GLMCC_LABEL_UNKNOWN;
      *n_violations += dale;
    }
  return n_labelled;
}

static void
collect_warnings (GtkWidget *widget,
                  guint     *n_visible)
{
  if (GTK_IS_IMAGE (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0)
    {
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (widget), "Dale"));
      (*n_visible)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_warnings (child, n_visible);
}

/* Labels follow the run with the rule they have after it; a neuron that breaks Dale's law
 * shows a warning in the neuron list. */
static void
test_neuron_labels (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *store = glmcc_session_get_pairs (f->session);
  GlmccResults *results;
  guint n_violations, n_visible = 0;

  /* Half-way: the workers held after 60 pairs, every finished pair handed to the window. */
  _glmcc_session_set_analysis_hold (f->session, 60);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  results = glmcc_session_get_results (f->session);
  WAIT_FOR (g_list_model_get_n_items (store) >= 60
            && g_list_model_get_n_items (store) == glmcc_results_count_done (results));
  g_assert_true (glmcc_session_get_running (f->session));
  g_assert_cmpuint (check_labels (f, &n_violations), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-analysis", NULL);
  WAIT_FOR (ui_analysis_done (f->window));
  check_labels (f, &n_violations);

  /* The whole run: cell16 … cell19 of the sample have connections of both signs. */
  _glmcc_session_set_analysis_hold (f->session, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.analyse-all", NULL);
  ui_respond ("discard");
  WAIT_FOR (ui_analysis_done (f->window));
  g_assert_cmpuint (check_labels (f, &n_violations), >, 0);
  g_assert_cmpuint (n_violations, >, 0);
  ui_spin_for (100);
  collect_warnings (GTK_WIDGET (f->window->neuron_list), &n_visible);
  g_test_message ("%u neurons break Dale's law, %u warnings on screen", n_violations, n_visible);
  g_assert_cmpuint (n_visible, >, 0);
  g_assert_cmpuint (n_visible, <=, n_violations);
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
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *png = g_build_filename (dir, "pair.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "pair.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pair.pdf", NULL);
  g_autofree char *matrix = g_build_filename (dir, "matrix.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* 160 × 100 mm at 150 dpi. */
  g_assert_true (_glmcc_window_export_figure (f->window, png, GLMCC_PLOT_FORMAT_PNG,
                                              160 * 72 / 25.4, 100 * 72 / 25.4, 150, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpint (abs ((int) read_be32 ((const guint8 *) contents + 16) - 945), <=, 1);
  g_assert_cmpint (abs ((int) read_be32 ((const guint8 *) contents + 20) - 591), <=, 1);
  g_clear_pointer (&contents, g_free);

  g_assert_true (_glmcc_window_export_figure (f->window, svg, GLMCC_PLOT_FORMAT_SVG,
                                              453, 283, 300, &error));
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (_glmcc_window_export_figure (f->window, pdf, GLMCC_PLOT_FORMAT_PDF,
                                              453, 283, 300, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  g_assert_nonnull (g_strstr_len (contents + length - 32, 32, "%%EOF"));
  g_clear_pointer (&contents, g_free);

  /* The matrix needs a run first; then it exports too. */
  adw_view_stack_set_visible_child_name (f->window->view_stack, "matrix");
  g_assert_false (_glmcc_window_export_figure (f->window, matrix, GLMCC_PLOT_FORMAT_PDF,
                                               400, 400, 300, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  ui_analyse_all (f->window);
  g_assert_true (_glmcc_window_export_figure (f->window, matrix, GLMCC_PLOT_FORMAT_PDF,
                                              400, 400, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (matrix, &contents, &length, &error));
  g_assert_cmpmem (contents, 5, "%PDF-", 5);

  ui_remove_tree (dir);
}

/* The export dialog hands its choice back through _async/_finish and knows no window. */
static void
choice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  GlmccExportChoice *choice = glmcc_export_dialog_choose_finish (result, error);

  g_assert_null (choice);
}

static void
test_export_dialog_async (Fixture       *f,
                          gconstpointer  data)
{
  GError *error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *dialog = NULL;

  glmcc_export_dialog_choose_async (GTK_WINDOW (f->window), "pair", NULL, NULL, choice_cb, &error);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GLMCC_IS_EXPORT_DIALOG (w))
        dialog = w;
    }
  g_assert_nonnull (dialog);
  /* Closed without a file: the caller hears "cancelled". */
  gtk_window_close (dialog);
  WAIT_FOR (error != NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

static void
test_load_error_keeps_recording (Fixture       *f,
                                 gconstpointer  data)
{
  GlmccRecording *before = glmcc_session_get_recording (f->session);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/recording/cells");
  AdwMessageDialog *dialog;

  glmcc_window_open (f->window, missing, NULL);
  g_assert_true (_glmcc_window_is_loading (f->window));
  WAIT_FOR (!_glmcc_window_is_loading (f->window));
  ui_spin_for (50);

  g_assert_true (glmcc_session_get_recording (f->session) == before);
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "cells"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "GLMCC Studio"));
}

static void
test_epoch (Fixture       *f,
            gconstpointer  data)
{
  GlmccRecording *recording;
  gsize before = 0, after = 0;

  glmcc_recording_get_train (glmcc_session_get_recording (f->session), 0, &before);

  /* The first half of the epoch: fewer spikes, a new fit. */
  glmcc_param_panel_apply_epoch (f->window->param_panel, 0, 2700);
  recording = glmcc_session_get_recording (f->session);
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_epoch_end (recording), 2700e3, 1e-6);
  glmcc_recording_get_train (recording, 0, &after);
  g_assert_cmpuint (after, <, before);
  g_assert_cmpuint (after, >, 0);
  WAIT_FOR (ui_has_fit_of (f->window, 0, 1) && fitted (f)->n_ref_spikes == after);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "GLMCC Studio"));

  /* The spikes beyond the loaded epoch are still reachable. */
  glmcc_param_panel_apply_epoch (f->window->param_panel, 5000, 4000);
  recording = glmcc_session_get_recording (f->session);
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_epoch_end (recording), 9000e3, 1e-6);

  /* With results unsaved, another epoch asks first; Cancel keeps the results and the epoch. */
  ui_analyse_all (f->window);
  glmcc_param_panel_apply_epoch (f->window->param_panel, 0, 1000);
  g_assert_nonnull (ui_find_dialog ());
  ui_respond ("cancel");
  g_assert_cmpfloat_with_epsilon (glmcc_recording_get_epoch_end (glmcc_session_get_recording (f->session)),
                                  9000e3, 1e-6);
  g_assert_nonnull (glmcc_session_get_results (f->session));
}

static void
test_go_to_pair (Fixture       *f,
                 gconstpointer  data)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-to-pair", NULL);
  dialog = ui_find_dialog ();
  g_assert_nonnull (dialog);
  /* By index and by name. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ref-entry"), "7");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "target-entry"), "cell13");
  ui_respond ("go");
  WAIT_FOR (ui_has_fit_of (f->window, 7, 13));
  g_assert_cmpstr (ui_shown_plot (f->window)->ref_name, ==, "cell7");
  g_assert_cmpstr (ui_shown_plot (f->window)->target_name, ==, "cell13");

  /* An unknown name leaves the pair alone. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-to-pair", NULL);
  dialog = ui_find_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ref-entry"), "cell99");
  ui_respond ("go");
  ui_spin_for (100);
  g_assert_cmpuint (fitted (f)->ref, ==, 7);
}

/* A folder dropped on the window opens like one chosen in the file chooser. */
static void
test_drop_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *demo = ui_demo_dir ();
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

  WAIT_FOR (!_glmcc_window_is_loading (f->window) && glmcc_session_get_n_neurons (f->session) == 30);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "demo"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "GLMCC Studio"));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/window/opens-sample", test_opens_sample);
  ADD ("/ui/window/select-pair", test_select_pair);
  ADD ("/ui/window/parameter-refit", test_parameter_refit);
  ADD ("/ui/window/analyse-all", test_analyse_all);
  ADD ("/ui/window/cancel-keeps-rows", test_cancel_keeps_rows);
  ADD ("/ui/window/neuron-labels", test_neuron_labels);
  ADD ("/ui/window/export", test_export);
  ADD ("/ui/window/export-dialog-async", test_export_dialog_async);
  ADD ("/ui/window/load-error-keeps-recording", test_load_error_keeps_recording);
  ADD ("/ui/window/epoch", test_epoch);
  ADD ("/ui/window/go-to-pair", test_go_to_pair);
  ADD ("/ui/window/drop-folder", test_drop_folder);
#undef ADD

  return g_test_run ();
}
