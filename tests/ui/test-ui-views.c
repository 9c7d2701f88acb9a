/* test-ui-views.c: the matrix and network views (issue 11): focus from the neuron list, the
 * readout of a connection under the pointer, filters, layouts computed in the background,
 * pan and zoom from the keyboard, matrix orderings, the export preview, the pair table of a
 * reopened analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "glmcc-export-dialog.h"
#include "glmcc-pair-item.h"
#include "glmcc-pair-table-private.h"
#include "ui-test-util.h"

/* Helpers ------------------------------------------------------------------------------------ */

typedef struct
{
  GlmccWindow  *window;
  GlmccSession *session;
  GSettings    *settings;
} Fixture;

/* The demo recording (30 neurons, 100 connections in its truth), analysed. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *demo = ui_demo_dir ();

  f->settings = glmcc_settings_new ();
  f->window = ui_window_new ();
  f->session = glmcc_window_get_session (f->window);
  /* Without the parameter panel: at this window size it folds away whenever the page's
   * toolbar grows (the focus label), which would change the figures' size under the test. */
  adw_flap_set_reveal_flap (f->window->param_flap, FALSE);
  ui_open (f->window, demo, NULL);
  ui_analyse_all (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_destroy (f->window);
  g_clear_object (&f->settings);
}

static void
show_page (Fixture    *f,
           const char *page)
{
  adw_view_stack_set_visible_child_name (f->window->view_stack, page);
}

/* Until the picture on screen shows the view as it is, at a size that stays put (the
 * window's panes settle in the first frames). */
static void
wait_drawn (GlmccGraphView *view)
{
  int width, height;

  do
    {
      WAIT_FOR (_glmcc_graph_view_is_drawn (view));
      width = gtk_widget_get_width (GTK_WIDGET (view));
      height = gtk_widget_get_height (GTK_WIDGET (view));
      ui_spin_for (200);
    }
  while (!_glmcc_graph_view_is_drawn (view) || width != gtk_widget_get_width (GTK_WIDGET (view)) ||
         height != gtk_widget_get_height (GTK_WIDGET (view)));
}

/* The picture on screen as bytes, to compare two of them. */
static GBytes *
picture_bytes (GlmccGraphView *view)
{
  GdkTexture *texture = _glmcc_graph_view_get_texture (view);
  int width, height;
  guchar *data;

  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, (gsize) width * 4);
  return g_bytes_new_take (data, (gsize) width * height * 4);
}

/* Pixels (of 4 bytes) that differ between two pictures of the same size. */
static guint
count_changed (GBytes *a,
               GBytes *b)
{
  gsize size_a, size_b;
  const guint32 *pa = g_bytes_get_data (a, &size_a);
  const guint32 *pb = g_bytes_get_data (b, &size_b);
  guint n = 0;

  g_assert_cmpuint (size_a, ==, size_b);
  for (gsize i = 0; i < size_a / 4; i++)
    n += pa[i] != pb[i];
  return n;
}

/* The picture on screen once it has the size of @before: on a loaded machine the toolbar
 * above the view (the focus label) can settle a pixel taller a few frames later, and two
 * pictures are only compared at one size. */
static GBytes *
picture_bytes_like (GlmccGraphView *view,
                    GBytes         *before)
{
  GBytes *picture = NULL;

  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_clear_pointer (&picture, g_bytes_unref);
      wait_drawn (view);
      picture = picture_bytes (view);
      if (g_bytes_get_size (picture) == g_bytes_get_size (before))
        break;
      ui_spin_for (100);
    }
  return picture;
}

/* Focus ---------------------------------------------------------------------------------------- */

/* Selecting a neuron in the list puts it in focus in both figures: the network's picture
 * changes (its connections over the faded rest); Escape in the view lets it go everywhere. */
static void
test_focus_from_list (Fixture       *f,
                      gconstpointer  data)
{
  GlmccNeuronList *list = f->window->neuron_list;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  show_page (f, "network");
  wait_drawn (f->window->network_view);
  g_assert_cmpint (glmcc_graph_view_get_focus (f->window->network_view), ==, -1);
  before = picture_bytes (f->window->network_view);

  glmcc_neuron_list_select (list, 5);
  g_assert_cmpint (glmcc_neuron_list_get_selected (list), ==, 5);
  g_assert_cmpint (glmcc_graph_view_get_focus (f->window->network_view), ==, 5);
  g_assert_cmpint (glmcc_graph_view_get_focus (f->window->matrix_view), ==, 5);
  /* What an export would draw keeps the focus. */
  {
    g_autoptr(GlmccFigure) figure = glmcc_graph_view_dup_figure (f->window->network_view);

    g_assert_cmpint (glmcc_figure_get_view (figure)->focus, ==, 5);
  }
  after = picture_bytes_like (f->window->network_view, before);
  /* The veil over the rest changes much of the area, not a few pixels. */
  g_assert_cmpuint (count_changed (before, after), >, 5000);

  /* Another neuron from the list, then Escape in the view. */
  glmcc_neuron_list_select (list, 12);
  g_assert_cmpint (glmcc_graph_view_get_focus (f->window->network_view), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (f->window->network_view), "graph.clear-focus", NULL);
  g_assert_cmpint (glmcc_graph_view_get_focus (f->window->network_view), ==, -1);
  g_assert_cmpint (glmcc_graph_view_get_focus (f->window->matrix_view), ==, -1);
  g_assert_cmpint (glmcc_neuron_list_get_selected (list), ==, -1);
}

/* Hover ---------------------------------------------------------------------------------------- */

/* A view of its own, on data made here: 12 neurons, two connections with their numbers. */
static GlmccGraphData *
small_network (void)
{
  GlmccGraphData *data = glmcc_graph_data_new (12);

  for (guint i = 0; i < 12; i++)
    {
      data->names[i] = g_strdup_printf ("n%u", i);
      data->types[i] = i < 9 ? GLMCC_PLOT_NODE_EXCITATORY : GLMCC_PLOT_NODE_INHIBITORY;
      data->rates[i] = 5.0;
    }
  data->n_edges = 2;
  data->edges = g_new (GlmccPlotEdge, 2);
  data->edges[0] = (GlmccPlotEdge) { 0, 6, 1.5, 0.6, 2e-5, 9.0, 3.0 };
  data->edges[1] = (GlmccPlotEdge) { 9, 3, -0.8, -0.5, 4e-4, 5.0, 2.0 };
  glmcc_graph_data_seal (data);
  return data;
}

/* The point of the drawn curve pre → post half way along it (bowed to the right of its
 * direction by an eighth of its length at the control point). */
static void
edge_middle (GlmccGraphView *view,
             guint           pre,
             guint           post,
             double         *x,
             double         *y)
{
  double x0, y0, x1, y1;

  g_assert_true (_glmcc_graph_view_get_node (view, pre, &x0, &y0));
  g_assert_true (_glmcc_graph_view_get_node (view, post, &x1, &y1));
  *x = (x0 + x1) / 2.0 - (y1 - y0) * 0.06;
  *y = (y0 + y1) / 2.0 + (x1 - x0) * 0.06;
}

static void
test_hover_edge (void)
{
  GtkWidget *window = gtk_window_new ();
  GlmccGraphView *view = GLMCC_GRAPH_VIEW (glmcc_graph_view_new (GLMCC_GRAPH_NETWORK));
  g_autoptr(GlmccGraphData) data = small_network ();
  double x, y;
  const char *readout;

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  glmcc_graph_view_set_data (view, data);
  wait_drawn (view);

  /* Over the middle of 0 → 6: pre, post, PSP, delay and p. */
  edge_middle (view, 0, 6, &x, &y);
  _glmcc_graph_view_hover (view, x, y);
  readout = glmcc_graph_view_get_readout (view);
  g_assert_nonnull (strstr (readout, "n0 → n6"));
  g_assert_nonnull (strstr (readout, "excitatory"));
  g_assert_nonnull (strstr (readout, "PSP 1.5 mV"));
  g_assert_nonnull (strstr (readout, "delay 3 ms"));
  g_assert_nonnull (strstr (readout, "p 2e-05"));

  /* The inhibitory one reads as such; a neuron gives its name and its connections. */
  edge_middle (view, 9, 3, &x, &y);
  _glmcc_graph_view_hover (view, x, y);
  readout = glmcc_graph_view_get_readout (view);
  g_assert_nonnull (strstr (readout, "n9 → n3"));
  g_assert_nonnull (strstr (readout, "inhibitory"));
  g_assert_nonnull (strstr (readout, "PSP −0.8 mV"));
  g_assert_true (_glmcc_graph_view_get_node (view, 0, &x, &y));
  _glmcc_graph_view_hover (view, x, y);
  g_assert_nonnull (strstr (glmcc_graph_view_get_readout (view), "n0 · 1 outgoing, 0 incoming"));

  /* With n0 in focus the other connection is faded context and does not answer; n0's does. */
  glmcc_graph_view_set_focus (view, 0);
  wait_drawn (view);
  edge_middle (view, 9, 3, &x, &y);
  _glmcc_graph_view_hover (view, x, y);
  g_assert_null (strstr (glmcc_graph_view_get_readout (view), "n9 → n3"));
  edge_middle (view, 0, 6, &x, &y);
  _glmcc_graph_view_hover (view, x, y);
  g_assert_nonnull (strstr (glmcc_graph_view_get_readout (view), "n0 → n6"));
  glmcc_graph_view_set_focus (view, -1);
  wait_drawn (view);

  /* Hidden by a filter (|PSP| ≥ 1 mV), the inhibitory connection is no longer under the
   * pointer once the new picture is on screen. */
  glmcc_graph_view_set_filter (view, 1.0, 0.0, FALSE, FALSE);
  g_assert_cmpfloat (_glmcc_graph_view_get_data (view)->filter.min_abs_psp_mv, ==, 1.0);
  wait_drawn (view);
  edge_middle (view, 9, 3, &x, &y);
  _glmcc_graph_view_hover (view, x, y);
  g_assert_null (strstr (glmcc_graph_view_get_readout (view), "n9 → n3 · inhibitory"));
  edge_middle (view, 0, 6, &x, &y);
  _glmcc_graph_view_hover (view, x, y);
  g_assert_nonnull (strstr (glmcc_graph_view_get_readout (view), "n0 → n6"));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin_for (50);
}

/* Filters ---------------------------------------------------------------------------------------- */

/* The page's controls, the pair table's filter and the curation all reach the drawing. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GlmccGraphView *view = f->window->network_view;
  const GlmccNetworkPlot *drawn;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  guint n, rejected_pre = 0, rejected_post = 0;

  show_page (f, "network");
  wait_drawn (view);
  before = picture_bytes (view);
  n = glmcc_session_get_n_neurons (f->session);

  /* The page's slider, check boxes (set as a saved analysis sets them): |PSP| ≥ 0.5 mV,
   * inhibitory only. */
  g_assert_true (json_parser_load_from_data (parser, "{\"min_psp\": 0.5, \"excitatory\": false}", -1, NULL));
  glmcc_graph_page_load_state (f->window->network_page, json_node_get_object (json_parser_get_root (parser)));
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_cmpfloat (drawn->filter.min_abs_psp_mv, ==, 0.5);
  g_assert_true (drawn->filter.hide_excitatory);
  g_assert_false (drawn->filter.hide_inhibitory);
  after = picture_bytes_like (view, before);
  g_assert_cmpuint (count_changed (before, after), >, 1000);
  /* … and it is saved with the analysis. */
  {
    g_autoptr(JsonNode) state = glmcc_graph_page_save_state (f->window->network_page);

    g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (state), "min_psp"), ==, 0.5);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (state), "excitatory"));
  }
  g_assert_true (json_parser_load_from_data (parser, "{\"min_psp\": 0, \"excitatory\": true}", -1, NULL));
  glmcc_graph_page_load_state (f->window->network_page, json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpfloat (_glmcc_graph_view_get_data (view)->filter.min_abs_psp_mv, ==, 0.0);

  /* The pair table's search: only the pairs of cell3 stay. */
  g_assert_null (_glmcc_graph_view_get_data (view)->filter.mask);
  glmcc_pair_table_set_search (f->window->pair_table, "cell3");
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_nonnull (drawn->filter.mask);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (i != j)
        g_assert_cmpint (drawn->filter.mask[i * n + j] != 0, ==, i == 3 || j == 3);
  for (guint k = 0; k < drawn->n_edges; k++)
    g_assert_cmpint (glmcc_plot_filter_accepts (&drawn->filter, n, &drawn->edges[k]), ==,
                     drawn->edges[k].pre == 3 || drawn->edges[k].post == 3);
  /* The table's "Inhibitory" lists the pairs with an inhibitory direction; the drawing keeps
   * only those directions, not the excitatory one of the same pair. */
  glmcc_pair_table_set_search (f->window->pair_table, "");
  glmcc_pair_table_set_filter (f->window->pair_table, GLMCC_PAIR_FILTER_INHIBITORY);
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_nonnull (drawn->filter.mask);
  {
    guint n_inhibitory = 0;

    for (guint k = 0; k < drawn->n_edges; k++)
      {
        g_assert_cmpint (glmcc_plot_filter_accepts (&drawn->filter, n, &drawn->edges[k]), ==,
                         drawn->edges[k].j < 0);
        n_inhibitory += drawn->edges[k].j < 0;
      }
    g_assert_cmpuint (n_inhibitory, >, 0);
  }
  glmcc_pair_table_set_filter (f->window->pair_table, GLMCC_PAIR_FILTER_ALL);
  glmcc_pair_table_set_search (f->window->pair_table, "cell3");
  /* The table's filter is not followed when the user says so. */
  glmcc_graph_view_set_follow_table (view, FALSE);
  g_assert_null (_glmcc_graph_view_get_data (view)->filter.mask);
  glmcc_graph_view_set_follow_table (view, TRUE);
  glmcc_pair_table_set_search (f->window->pair_table, "");
  g_assert_null (_glmcc_graph_view_get_data (view)->filter.mask);

  /* A rejected connection: dashed by default (in the marks), hidden on request. */
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_cmpuint (drawn->n_edges, >, 0);
  rejected_pre = drawn->edges[0].pre;
  rejected_post = drawn->edges[0].post;
  glmcc_session_set_mark (f->session, rejected_pre, rejected_post, GLMCC_MARK_REJECTED);
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_cmpint (glmcc_network_plot_get_mark (drawn, rejected_pre, rejected_post), ==,
                   GLMCC_PLOT_MARK_REJECTED);
  g_assert_true (glmcc_plot_filter_accepts (&drawn->filter, n, &drawn->edges[0]));
  glmcc_graph_view_set_hide_rejected (view, TRUE);
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_false (glmcc_plot_filter_accepts (&drawn->filter, n, glmcc_graph_data_find_edge (glmcc_session_get_graph_data (f->session), rejected_pre, rejected_post)));
  g_assert_true (glmcc_plot_filter_accepts (&drawn->filter, n, &drawn->edges[1]));
  wait_drawn (view);
  glmcc_graph_view_set_hide_rejected (view, FALSE);

  /* The table's curation filter "Rejected" draws the rejected direction only. */
  glmcc_pair_table_set_curation_filter (f->window->pair_table, GLMCC_CURATION_FILTER_REJECTED);
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_nonnull (drawn->filter.mask);
  for (guint k = 0; k < drawn->n_edges; k++)
    g_assert_cmpint (glmcc_plot_filter_accepts (&drawn->filter, n, &drawn->edges[k]), ==,
                     drawn->edges[k].pre == rejected_pre && drawn->edges[k].post == rejected_post);
  glmcc_pair_table_set_curation_filter (f->window->pair_table, GLMCC_CURATION_FILTER_ANY);
  g_assert_null (_glmcc_graph_view_get_data (view)->filter.mask);
}

/* Layouts ---------------------------------------------------------------------------------------- */

/* The @index-th drop-down under @widget, in the order of the page's toolbar (0: layout,
 * 1: order of the matrix). */
static GtkDropDown *
find_dropdown (GtkWidget *widget,
               guint     *index)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      if (*index == 0)
        return GTK_DROP_DOWN (widget);
      (*index)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown (child, index);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The demo has no electrode positions: "By recording position" is not followed, and the page
 * says so, for the network's layout and the matrix's order. */
static void
test_position_without_positions (Fixture       *f,
                                 gconstpointer  data)
{
  guint index = 0;
  GtkDropDown *layout = find_dropdown (GTK_WIDGET (f->window->network_page), &index);
  GtkDropDown *order;

  show_page (f, "network");
  wait_drawn (f->window->network_view);
  g_assert_false (glmcc_graph_data_has_positions (glmcc_graph_view_get_data (f->window->network_view)));
  g_assert_null (_glmcc_graph_page_get_notice (f->window->network_page));
  g_assert_nonnull (layout);
  gtk_drop_down_set_selected (layout, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (layout), ==, 0);
  g_assert_cmpint (glmcc_graph_view_get_layout (f->window->network_view), ==, GLMCC_PLOT_LAYOUT_CIRCLE);
  g_assert_nonnull (strstr (_glmcc_graph_page_get_notice (f->window->network_page), "no electrode positions"));

  show_page (f, "matrix");
  index = 1;
  order = find_dropdown (GTK_WIDGET (f->window->matrix_page), &index);
  g_assert_nonnull (order);
  gtk_drop_down_set_selected (order, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (order), ==, 0);
  g_assert_nonnull (strstr (_glmcc_graph_page_get_notice (f->window->matrix_page), "recording order"));
  g_assert_cmpint (glmcc_graph_view_get_order (f->window->matrix_view), ==, GLMCC_PLOT_ORDER_INDEX);
}

/* The force-directed layout is computed on the worker (the view says it is busy meanwhile),
 * then drawn; it is the plot layer's for that seed, and a circle by type and rate is not. */
static void
test_layout_force (Fixture       *f,
                   gconstpointer  data)
{
  GlmccGraphView *view = f->window->network_view;
  const GlmccNetworkPlot *drawn;
  g_autofree double *expected = NULL;
  g_autofree double *circle = NULL;
  guint n = glmcc_session_get_n_neurons (f->session), differ = 0;

  show_page (f, "network");
  wait_drawn (view);
  g_assert_nonnull (_glmcc_graph_view_get_data (view)->positions);

  glmcc_graph_view_set_seed (view, 7);
  glmcc_graph_view_set_layout (view, GLMCC_PLOT_LAYOUT_FORCE);
  /* Not on the main thread: the call returns at once, with the work still to do. */
  g_assert_true (glmcc_graph_view_get_busy (view));
  WAIT_FOR (!glmcc_graph_view_get_busy (view) && _glmcc_graph_view_is_drawn (view));

  drawn = _glmcc_graph_view_get_data (view);
  expected = g_new (double, 2 * n);
  circle = g_new (double, 2 * n);
  g_assert_true (glmcc_plot_layout_force (drawn, 7, NULL, expected));
  glmcc_plot_layout_circle (drawn, circle);
  g_assert_nonnull (drawn->positions);
  for (guint i = 0; i < 2 * n; i++)
    {
      g_assert_cmpfloat (drawn->positions[i], ==, expected[i]);
      differ += fabs (drawn->positions[i] - circle[i]) > 1e-6;
    }
  g_assert_cmpuint (differ, >, n);

  /* Back to the circle, synchronously drawn from the same worker. */
  glmcc_graph_view_set_layout (view, GLMCC_PLOT_LAYOUT_CIRCLE);
  WAIT_FOR (!glmcc_graph_view_get_busy (view) && _glmcc_graph_view_is_drawn (view));
  drawn = _glmcc_graph_view_get_data (view);
  for (guint i = 0; i < 2 * n; i++)
    g_assert_cmpfloat (drawn->positions[i], ==, circle[i]);
}

/* Pan and zoom ----------------------------------------------------------------------------------- */

/* The view's keyboard actions (+ − 0 and the arrows are bound to them) change the transform,
 * within the figure's limits, and a new picture is drawn at the new zoom. */
static void
test_pan_zoom_keys (Fixture       *f,
                    gconstpointer  data)
{
  GlmccGraphView *view = f->window->network_view;
  const GlmccPlotTransform *t = glmcc_graph_view_get_transform (view);
  guint renders;
  double pan_x, pan_y;

  show_page (f, "network");
  wait_drawn (view);
  g_assert_cmpfloat (t->zoom, ==, 1.0);
  /* At the whole figure there is nothing to pan to. */
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.pan", "(dd)", 1.0, 0.0);
  g_assert_cmpfloat (t->pan_x, ==, 0.0);

  renders = _glmcc_graph_view_get_n_renders (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-in", NULL);
  g_assert_cmpfloat (t->zoom, ==, 1.5);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-in", NULL);
  g_assert_cmpfloat (t->zoom, ==, 2.25);
  pan_x = t->pan_x;
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.pan", "(dd)", 1.0, 0.0);
  /* Looking right moves the content left. */
  g_assert_cmpfloat (t->pan_x, <, pan_x);
  /* Looking up moves it down. */
  pan_y = t->pan_y;
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.pan", "(dd)", 0.0, -1.0);
  g_assert_cmpfloat (t->pan_y, >, pan_y);
  /* Meanwhile the old picture is moved and scaled; once the steps settle, the layer is
   * drawn again at that zoom (a view that never redraws times out here). */
  WAIT_FOR (_glmcc_graph_view_get_n_renders (view) > renders);
  wait_drawn (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-out", NULL);
  g_assert_cmpfloat (t->zoom, ==, 1.5);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-reset", NULL);
  g_assert_cmpfloat (t->zoom, ==, 1.0);
  g_assert_cmpfloat (t->pan_x, ==, 0.0);
  g_assert_cmpfloat (t->pan_y, ==, 0.0);
  /* Never below the whole figure, never beyond the limit. */
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-out", NULL);
  g_assert_cmpfloat (t->zoom, ==, 1.0);
  for (guint k = 0; k < 30; k++)
    gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-in", NULL);
  g_assert_cmpfloat (t->zoom, <=, 64.0);
  g_assert_cmpfloat (t->zoom, >, 30.0);
}

/* Matrix orderings -------------------------------------------------------------------------------- */

static void
assert_permutation (const guint *order,
                    guint        n)
{
  g_autofree gboolean *seen = g_new0 (gboolean, n);

  for (guint k = 0; k < n; k++)
    {
      g_assert_cmpuint (order[k], <, n);
      g_assert_false (seen[order[k]]);
      seen[order[k]] = TRUE;
    }
}

static void
test_matrix_order (Fixture       *f,
                   gconstpointer  data)
{
  GlmccGraphView *view = f->window->matrix_view;
  const GlmccNetworkPlot *drawn;
  guint n = glmcc_session_get_n_neurons (f->session);
  gboolean seen_inhibitory = FALSE;

  show_page (f, "matrix");
  wait_drawn (view);
  g_assert_null (_glmcc_graph_view_get_data (view)->order);

  /* Type, then rate: every excitatory neuron before every inhibitory one. */
  glmcc_graph_view_set_order (view, GLMCC_PLOT_ORDER_TYPE);
  WAIT_FOR (!glmcc_graph_view_get_busy (view) && _glmcc_graph_view_is_drawn (view));
  drawn = _glmcc_graph_view_get_data (view);
  g_assert_nonnull (drawn->order);
  g_assert_nonnull (drawn->blocks);
  assert_permutation (drawn->order, n);
  for (guint k = 0; k < n; k++)
    {
      GlmccPlotNodeType type = drawn->types[drawn->order[k]];

      if (type == GLMCC_PLOT_NODE_INHIBITORY)
        seen_inhibitory = TRUE;
      else if (type == GLMCC_PLOT_NODE_EXCITATORY)
        g_assert_false (seen_inhibitory);
    }
  g_assert_true (seen_inhibitory);

  /* Clusters of the connections, as the plot layer orders them. */
  glmcc_graph_view_set_order (view, GLMCC_PLOT_ORDER_CLUSTER);
  WAIT_FOR (!glmcc_graph_view_get_busy (view) && _glmcc_graph_view_is_drawn (view));
  drawn = _glmcc_graph_view_get_data (view);
  {
    g_autofree guint *expected = g_new (guint, n);

    glmcc_plot_order_neurons (drawn, GLMCC_PLOT_ORDER_CLUSTER, expected, NULL);
    assert_permutation (drawn->order, n);
    for (guint k = 0; k < n; k++)
      g_assert_cmpuint (drawn->order[k], ==, expected[k]);
  }

  glmcc_graph_view_set_order (view, GLMCC_PLOT_ORDER_INDEX);
  g_assert_null (_glmcc_graph_view_get_data (view)->order);
  wait_drawn (view);
}

/* Export preview --------------------------------------------------------------------------------- */

static gboolean
preview_matches (GlmccExportDialog *dialog,
                 double             width_mm,
                 double             height_mm)
{
  double width_pt, height_pt;
  GdkTexture *texture = _glmcc_export_dialog_get_preview (dialog, &width_pt, &height_pt);

  return texture != NULL && fabs (width_pt - width_mm * 72.0 / 25.4) < 1e-6 &&
         fabs (height_pt - height_mm * 72.0 / 25.4) < 1e-6;
}

/* The export dialog draws the figure at the size chosen (its aspect, its own layout), and
 * follows the size. */
static void
test_export_preview (Fixture       *f,
                     gconstpointer  data)
{
  GlmccExportDialog *dialog;
  GdkTexture *texture;
  double ratio;

  g_settings_set_double (f->settings, "export-graph-width", 160.0);
  g_settings_set_double (f->settings, "export-graph-height", 150.0);
  show_page (f, "network");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-figure", NULL);
  dialog = _glmcc_export_dialog_get_current ();
  g_assert_nonnull (dialog);
  WAIT_FOR (preview_matches (dialog, 160.0, 150.0));
  texture = _glmcc_export_dialog_get_preview (dialog, NULL, NULL);
  ratio = (double) gdk_texture_get_width (texture) / gdk_texture_get_height (texture);
  g_assert_cmpfloat (fabs (ratio - 160.0 / 150.0), <, 0.02);

  /* A wide figure: a new preview of that shape. */
  g_settings_set_double (f->settings, "export-graph-width", 240.0);
  g_settings_set_double (f->settings, "export-graph-height", 80.0);
  WAIT_FOR (preview_matches (dialog, 240.0, 80.0));
  texture = _glmcc_export_dialog_get_preview (dialog, NULL, NULL);
  ratio = (double) gdk_texture_get_width (texture) / gdk_texture_get_height (texture);
  g_assert_cmpfloat (fabs (ratio - 3.0), <, 0.05);
  /* The name typed decides the format (PNG is chosen in the dialog). */
  g_assert_cmpint (_glmcc_export_dialog_format_for_path (dialog, "/tmp/network.pdf"), ==, GLMCC_PLOT_FORMAT_PDF);
  g_assert_cmpint (_glmcc_export_dialog_format_for_path (dialog, "/tmp/network.SVG"), ==, GLMCC_PLOT_FORMAT_SVG);
  g_assert_cmpint (_glmcc_export_dialog_format_for_path (dialog, "/tmp/network"), ==, GLMCC_PLOT_FORMAT_PNG);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin_for (50);
  g_assert_null (_glmcc_export_dialog_get_current ());
  g_settings_reset (f->settings, "export-graph-width");
  g_settings_reset (f->settings, "export-graph-height");
}

/* The pair table on reopen ---------------------------------------------------------------------- */

static guint
visible_rows (GlmccWindow *window)
{
  GtkColumnView *view = _glmcc_pair_table_get_column_view (window->pair_table);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      for (GtkWidget *row = gtk_widget_get_first_child (child); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (gtk_widget_get_mapped (row) && gtk_widget_get_child_visible (row) &&
            gtk_widget_get_height (row) > 0)
          n++;
  return n;
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

/* A saved analysis whose pair on display is far down the table opens with the table full of
 * rows and that pair selected (it drew one row until scrolled). */
static void
test_table_reopen (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = ui_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.glmcc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlmccWindow *reopened;
  GtkSingleSelection *rows;
  GlmccPairItem *selected;

  glmcc_session_set_pair (f->session, 12, 25);
  saved = FALSE;
  _glmcc_window_store_view_state (f->window);
  glmcc_session_save_async (f->session, file, NULL, saved_cb, NULL);
  WAIT_FOR (saved);

  reopened = ui_window_new ();
  ui_open (reopened, path, NULL);
  rows = glmcc_pair_table_get_selection (reopened->pair_table);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 435);
  selected = gtk_single_selection_get_selected_item (rows);
  g_assert_nonnull (selected);
  g_assert_cmpuint (glmcc_pair_item_get_ref (selected), ==, 12);
  g_assert_cmpuint (glmcc_pair_item_get_target (selected), ==, 25);
  /* Frames come late on a loaded machine; a table that keeps one row times out. */
  WAIT_FOR (visible_rows (reopened) >= 8);

  ui_destroy (reopened);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/views/focus-from-list", test_focus_from_list);
  g_test_add_func ("/ui/views/hover-edge", test_hover_edge);
  ADD ("/ui/views/filters", test_filters);
  ADD ("/ui/views/layout-force", test_layout_force);
  ADD ("/ui/views/position-without-positions", test_position_without_positions);
  ADD ("/ui/views/pan-zoom-keys", test_pan_zoom_keys);
  ADD ("/ui/views/matrix-order", test_matrix_order);
  ADD ("/ui/views/export-preview", test_export_preview);
  ADD ("/ui/views/table-reopen", test_table_reopen);
#undef ADD

  return g_test_run ();
}
