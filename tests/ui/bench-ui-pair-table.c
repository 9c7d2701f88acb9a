/* bench-ui-pair-table.c: how long the pair table takes to sort and filter the pairs of a results
 * file, in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   GSK_RENDERER=cairo xvfb-run -a _build-release/tests/ui/bench-ui-pair-table RESULTS [REPEATS]
 *
 * RESULTS is what `glmcc run --output-hdf5` or `--output-json` wrote (a 1,000-neuron run gives
 * 499,500 pairs). The window opens it as a user would; then each column of the table is sorted
 * both ways by its header's sorter, and each filter is set and cleared, REPEATS times (5 unless
 * given). Two times are printed for each: until the call returns (the model rebuilt and every
 * handler of its change run, the network's mask included) and until the next frame is painted.
 * Medians and maxima, in ms, and the resident memory before and after; then, when the
 * recording has a ground truth, how long the score dialog takes to show its numbers (computed
 * on a worker) and to give the window back. A benchmark, not a test: it asserts no time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-pair-table-private.h"
#include "glmcc-score-dialog.h"
#include "glmcc-number.h"
#include "ui-test-util.h"

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

typedef void (*Step) (GlmccWindow *window,
                      gpointer     data);

typedef struct
{
  GtkColumnView      *view;
  GtkColumnViewColumn *column;
  GtkSortType          direction;
} SortStep;

static void
sort_step (GlmccWindow *window,
           gpointer     data)
{
  SortStep *step = data;

  gtk_column_view_sort_by_column (step->view, step->column, step->direction);
}

static void
unsort_step (GlmccWindow *window,
             gpointer     data)
{
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (data), NULL, GTK_SORT_ASCENDING);
}

static void
significance_step (GlmccWindow *window,
                   gpointer     data)
{
  glmcc_pair_table_set_filter (window->pair_table, GPOINTER_TO_UINT (data));
}

static void
curation_step (GlmccWindow *window,
               gpointer     data)
{
  glmcc_pair_table_set_curation_filter (window->pair_table, GPOINTER_TO_UINT (data));
}

static void
search_step (GlmccWindow *window,
             gpointer     data)
{
  glmcc_pair_table_set_search (window->pair_table, data);
}

/* Runs @step @repeats times (with @undo between, untimed) and prints the medians. */
static void
measure (GlmccWindow *window,
         const char  *label,
         guint        repeats,
         Step         step,
         gpointer     data,
         Step         undo,
         gpointer     undo_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_autofree double *call_ms = g_new (double, repeats);
  g_autofree double *frame_ms = g_new (double, repeats);
  double call_max = 0.0, frame_max = 0.0;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);

  for (guint r = 0; r < repeats; r++)
    {
      gint64 start, returned;

      if (undo != NULL)
        {
          undo (window, undo_data);
          ui_spin_for (50);
        }
      ui_spin_for (20);
      painted = FALSE;
      start = g_get_monotonic_time ();
      step (window, data);
      returned = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (window));
      WAIT_FOR (painted);
      call_ms[r] = (returned - start) / 1000.0;
      frame_ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      call_max = MAX (call_max, call_ms[r]);
      frame_max = MAX (frame_max, frame_ms[r]);
    }
  g_signal_handler_disconnect (clock, handler);
  printf ("%-34s %8u rows  call %7.1f ms (max %7.1f)  frame %7.1f ms (max %7.1f)\n", label,
          g_list_model_get_n_items (G_LIST_MODEL (glmcc_pair_table_get_selection (window->pair_table))),
          glmcc_number_median (call_ms, repeats), call_max, glmcc_number_median (frame_ms, repeats), frame_max);
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  GlmccWindow *window;
  GtkColumnView *view;
  GListModel *columns;
  guint repeats, n_pairs;
  long rss_open;
  gint64 start;

  ui_test_init (&argc, &argv);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s RESULTS [REPEATS]\n", argv[0]);
      return 2;
    }
  repeats = argc > 2 ? (guint) MAX (1, atoi (argv[2])) : 5;

  window = ui_window_new ();
  start = g_get_monotonic_time ();
  ui_open (window, argv[1], NULL);
  n_pairs = g_list_model_get_n_items (glmcc_session_get_pairs (glmcc_window_get_session (window)));
  rss_open = resident_kib ();
  printf ("%s: %u pairs, opened in %.1f s, resident %ld MiB; %u repeats, medians\n", argv[1],
          n_pairs, (g_get_monotonic_time () - start) / 1e6, rss_open / 1024, repeats);

  view = _glmcc_pair_table_get_column_view (window->pair_table);
  g_assert_nonnull (view);
  columns = gtk_column_view_get_columns (view);
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      SortStep up = { view, column, GTK_SORT_ASCENDING }, down = { view, column, GTK_SORT_DESCENDING };
      g_autofree char *label_up = NULL, *label_down = NULL;

      if (!gtk_column_view_column_get_visible (column) || gtk_column_view_column_get_sorter (column) == NULL)
        continue;
      label_up = g_strdup_printf ("sort by %s ↑", gtk_column_view_column_get_title (column));
      label_down = g_strdup_printf ("sort by %s ↓", gtk_column_view_column_get_title (column));
      measure (window, label_up, repeats, sort_step, &up, unsort_step, view);
      measure (window, label_down, repeats, sort_step, &down, unsort_step, view);
    }
  unsort_step (window, view);

  measure (window, "filter: significant", repeats, significance_step,
           GUINT_TO_POINTER (GLMCC_PAIR_FILTER_SIGNIFICANT), significance_step,
           GUINT_TO_POINTER (GLMCC_PAIR_FILTER_ALL));
  measure (window, "filter: inhibitory", repeats, significance_step,
           GUINT_TO_POINTER (GLMCC_PAIR_FILTER_INHIBITORY), significance_step,
           GUINT_TO_POINTER (GLMCC_PAIR_FILTER_ALL));
  measure (window, "filter: none again", repeats, significance_step,
           GUINT_TO_POINTER (GLMCC_PAIR_FILTER_ALL), significance_step,
           GUINT_TO_POINTER (GLMCC_PAIR_FILTER_SIGNIFICANT));
  measure (window, "filter: uncurated", repeats, curation_step,
           GUINT_TO_POINTER (GLMCC_CURATION_FILTER_UNCURATED), curation_step,
           GUINT_TO_POINTER (GLMCC_CURATION_FILTER_ANY));
  measure (window, "filter: curation any again", repeats, curation_step,
           GUINT_TO_POINTER (GLMCC_CURATION_FILTER_ANY), curation_step,
           GUINT_TO_POINTER (GLMCC_CURATION_FILTER_UNCURATED));
  measure (window, "search: one neuron", repeats, search_step, (gpointer) "cell12", search_step, (gpointer) "");
  measure (window, "search: cleared", repeats, search_step, (gpointer) "", search_step, (gpointer) "cell12");

  /* The score against the truth, when the recording has one: computed on a worker, so the
   * window is back at once; the time until the numbers are shown is what it used to freeze. */
  if (glmcc_session_get_truth (glmcc_window_get_session (window)) != NULL)
    {
      GlmccScoreDialog *dialog;
      gint64 opened, returned;

      opened = g_get_monotonic_time ();
      dialog = GLMCC_SCORE_DIALOG (glmcc_score_dialog_new (GTK_WINDOW (window),
                                                           glmcc_window_get_session (window)));
      returned = g_get_monotonic_time ();
      gtk_window_present (GTK_WINDOW (dialog));
      WAIT_FOR (!glmcc_score_dialog_get_computing (dialog));
      printf ("score dialog: back to the window after %.1f ms, numbers shown after %.0f ms\n",
              (returned - opened) / 1000.0, (g_get_monotonic_time () - opened) / 1000.0);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  printf ("resident %ld MiB after opening, %ld MiB at the end; load average: ", rss_open / 1024,
          resident_kib () / 1024);
  {
    g_autofree char *load = NULL;

    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      printf ("%s", load);
    else
      printf ("unknown\n");
  }
  ui_destroy (window);
  return 0;
}
