/* glmcc-score-dialog.c: the session's results scored against its ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown comes from the core (glmcc_score_compute(), glmcc_score_curves_compute())
 * and the shared renderer (glmcc_plot_score()), as `glmcc score` prints and draws it; the
 * dialog only lays it out. Both are computed on a worker thread (at 1,000 neurons they read a
 * million directed pairs and sort them), one computation at a time: during a run, at most a
 * few times a second.
 */
#define G_LOG_DOMAIN "glmcc-score-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-export-dialog.h"
#include "glmcc-figure.h"
#include "glmcc-plot-data.h"
#include "glmcc-score-curves.h"
#include "glmcc-score-dialog.h"
#include "glmcc-toast-queue.h"

#define N_ROWS 3
#define N_COLUMNS 10
#define REFRESH_DELAY_MS 300

struct _GlmccScoreDialog
{
  AdwWindow           parent_instance;

  GlmccSession       *session;
  GlmccScore          score;
  gboolean            has_score;
  GlmccFigure        *curves;    /* the figure of the curves, drawn and exported; or NULL */
  guint               refresh_id;
  GCancellable       *cancellable;
  GCancellable       *compute_cancellable;   /* of the computation under way, or NULL */
  gboolean            computing;
  gboolean            stale;                 /* results changed during the computation */

  GtkLabel           *cells[N_ROWS][N_COLUMNS];
  GtkLabel           *summary;
  GtkWidget          *figure;
  GtkWidget          *export_button;
  GtkWidget          *spinner;
  GtkStack           *stack;
  GlmccToastQueue    *toasts;
};

G_DEFINE_FINAL_TYPE (GlmccScoreDialog, glmcc_score_dialog, ADW_TYPE_WINDOW)

static char *
format_rate (double value)
{
  /* The same digits as `glmcc score`. */
  return isnan (value) ? g_strdup (_("n/a")) : g_strdup_printf ("%.3f", value);
}

static void
set_row (GlmccScoreDialog       *self,
         guint                   row,
         const GlmccScoreCounts *counts,
         const GlmccScoreCurve  *curve)
{
  g_autofree char *text[N_COLUMNS] = { NULL };

  text[0] = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->tp);
  text[1] = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->fp);
  text[2] = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->fn);
  text[3] = g_strdup_printf ("%" G_GUINT64_FORMAT, counts->tn);
  text[4] = format_rate (counts->accuracy);
  text[5] = format_rate (counts->precision);
  text[6] = format_rate (counts->recall);
  text[7] = g_strdup_printf ("%.3f", counts->mcc);
  text[8] = curve != NULL ? format_rate (curve->auc) : g_strdup (_("n/a"));
  text[9] = curve != NULL ? format_rate (curve->average_precision) : g_strdup (_("n/a"));
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      gtk_label_set_label (self->cells[row][c], text[c]);
      g_clear_pointer (&text[c], g_free);
    }
}

/* What a worker computes: everything refresh() shows, from a reference to the results (safe to
 * read while a run fills them) and a copy of the truth (which the session may replace). */
typedef struct
{
  GlmccResults     *results;
  GlmccTruth       *truth;
  GlmccScore        score;
  GlmccScoreCurves *curves;
  GError           *error;
} Computation;

static void
computation_free (Computation *computation)
{
  glmcc_results_unref (computation->results);
  glmcc_truth_free (computation->truth);
  g_clear_pointer (&computation->curves, glmcc_score_curves_free);
  g_clear_error (&computation->error);
  g_free (computation);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Computation *computation = task_data;

  if (glmcc_score_compute (computation->results, computation->truth, &computation->score,
                           &computation->error) &&
      !g_cancellable_is_cancelled (cancellable))
    computation->curves = glmcc_score_curves_compute (computation->results, computation->truth,
                                                      GLMCC_SCORE_RANK_STATISTIC, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
show_empty (GlmccScoreDialog *self,
            const char       *message)
{
  self->has_score = FALSE;
  g_clear_pointer (&self->curves, glmcc_figure_unref);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_label_set_label (self->summary, message);
  gtk_widget_set_sensitive (self->export_button, FALSE);
}

static void
show_computation (GlmccScoreDialog *self,
                  Computation      *computation)
{
  GlmccResults *results = computation->results;
  GlmccScoreCurves *curves = computation->curves;
  const GlmccScoreCurve *curve[N_ROWS] = { NULL };
  g_autofree char *summary = NULL;

  if (computation->error != NULL)
    {
      show_empty (self, computation->error->message);
      return;
    }
  g_clear_pointer (&self->curves, glmcc_figure_unref);
  self->score = computation->score;
  self->has_score = TRUE;

  if (curves != NULL)
    {
      const GlmccParams *params = glmcc_results_get_params (results);
      g_autofree char *truth_name = g_path_get_basename (glmcc_session_get_truth_path (self->session));

      for (guint r = 0; r < N_ROWS; r++)
        curve[r] = &curves->curves[r];
      /* Translators: the title of the score figure: the method against the truth file. */
      summary = g_strdup_printf (_("%s against %s"), glmcc_method_to_string (params->method),
                                 truth_name);
    }
  set_row (self, 0, &self->score.excitatory, curve[GLMCC_SCORE_CLASS_EXCITATORY]);
  set_row (self, 1, &self->score.inhibitory, curve[GLMCC_SCORE_CLASS_INHIBITORY]);
  set_row (self, 2, &self->score.overall, curve[GLMCC_SCORE_CLASS_ALL]);

  if (curves != NULL)
    {
      guint64 n_excitatory = curves->curves[GLMCC_SCORE_CLASS_EXCITATORY].n_positive;
      guint64 n_inhibitory = curves->curves[GLMCC_SCORE_CLASS_INHIBITORY].n_positive;
      GlmccScorePlotData *plot = glmcc_score_plot_data_new ();
      g_autofree char *line = NULL;

      /* The figure takes the curves. */
      glmcc_score_plot_data_add (plot, g_steal_pointer (&computation->curves),
                                 glmcc_method_to_string (glmcc_results_get_params (results)->method));
      glmcc_score_plot_data_set_title (plot, summary, NULL);
      self->curves = glmcc_figure_new_score (plot);
      /* Translators: directed pairs compared, and the synapses of the truth file. */
      line = g_strdup_printf (_("%llu directed pairs scored; truth: %llu excitatory, %llu inhibitory connections"),
                              (unsigned long long) self->score.n_scored,
                              (unsigned long long) n_excitatory,
                              (unsigned long long) n_inhibitory);
      if (self->score.n_pending > 0)
        {
          g_autofree char *pending = g_strdup_printf (_("%s (%llu not computed yet)"), line,
                                                      (unsigned long long) self->score.n_pending);

          g_free (line);
          line = g_steal_pointer (&pending);
        }
      gtk_label_set_label (self->summary, line);
    }
  gtk_stack_set_visible_child_name (self->stack, "score");
  gtk_widget_set_sensitive (self->export_button, self->curves != NULL);
  gtk_widget_queue_draw (self->figure);
}

static void refresh (GlmccScoreDialog *self);

static void
set_computing (GlmccScoreDialog *self,
               gboolean          computing)
{
  self->computing = computing;
  gtk_widget_set_visible (self->spinner, computing);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), computing);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlmccScoreDialog *self = GLMCC_SCORE_DIALOG (object);
  GTask *task = G_TASK (result);

  /* Another computation replaced this one (a new truth), or the dialog is gone. */
  if (g_task_get_cancellable (task) != self->compute_cancellable ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  g_clear_object (&self->compute_cancellable);
  set_computing (self, FALSE);
  show_computation (self, g_task_get_task_data (task));
  /* Results came in meanwhile: once more, with them. */
  if (self->stale)
    {
      self->stale = FALSE;
      refresh (self);
    }
}

/* Starts computing the score and curves on a worker; the window shows the last ones (or
 * "Computing…") meanwhile. A computation under way is abandoned when @restart (the truth
 * changed: its answer is wrong), else it is let finish and another follows it. */
static void
start_refresh (GlmccScoreDialog *self,
               gboolean          restart)
{
  GlmccResults *results = glmcc_session_get_results (self->session);
  GlmccTruth *truth = glmcc_session_get_truth (self->session);
  g_autoptr(GTask) task = NULL;
  Computation *computation;

  if (self->compute_cancellable != NULL)
    {
      if (!restart)
        {
          self->stale = TRUE;
          return;
        }
      g_cancellable_cancel (self->compute_cancellable);
      g_clear_object (&self->compute_cancellable);
    }
  self->stale = FALSE;
  if (truth == NULL || results == NULL)
    {
      set_computing (self, FALSE);
      show_empty (self, truth == NULL ? _("No ground truth is open") : _("No results to score yet"));
      return;
    }

  computation = g_new0 (Computation, 1);
  computation->results = glmcc_results_ref (results);
  computation->truth = glmcc_truth_copy (truth);
  self->compute_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->compute_cancellable, computed_cb, NULL);
  g_task_set_source_tag (task, start_refresh);
  g_task_set_task_data (task, computation, (GDestroyNotify) computation_free);
  g_task_run_in_thread (task, compute_in_thread);
  set_computing (self, TRUE);
  if (!self->has_score)
    gtk_stack_set_visible_child_name (self->stack, "computing");
}

static void
refresh (GlmccScoreDialog *self)
{
  start_refresh (self, FALSE);
}

static gboolean
refresh_cb (gpointer data)
{
  GlmccScoreDialog *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (GlmccScoreDialog *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
truth_changed_cb (GlmccScoreDialog *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* The counts shown are of the other truth: gone at once, not after the computation. */
  self->has_score = FALSE;
  g_clear_pointer (&self->curves, glmcc_figure_unref);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  start_refresh (self, TRUE);
}

static void
draw_figure (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GlmccScoreDialog *self = user_data;
  GlmccPlotStyle style;

  if (self->curves == NULL)
    return;
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    glmcc_plot_style_init_dark (&style);
  else
    glmcc_plot_style_init_light (&style);
  style.fill_background = FALSE;
  glmcc_plot_score (cr, width, height, glmcc_figure_get_score (self->curves), &style);
}

gboolean
glmcc_score_dialog_export (GlmccScoreDialog *self,
                           const char       *path,
                           GlmccPlotFormat   format,
                           double            width_pt,
                           double            height_pt,
                           double            dpi,
                           GError          **error)
{
  g_return_val_if_fail (GLMCC_IS_SCORE_DIALOG (self), FALSE);

  if (self->curves == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Nothing to export yet"));
      return FALSE;
    }
  return glmcc_figure_export (self->curves, path, format, width_pt, height_pt, dpi, error);
}

static void
export_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlmccScoreDialog) self = user_data;
  g_autoptr(GlmccExportChoice) choice = glmcc_export_dialog_choose_finish (result, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (choice == NULL)
    return;
  if (choice->path == NULL ||
      !glmcc_score_dialog_export (self, choice->path, choice->format, choice->width_pt,
                                  choice->height_pt, choice->dpi, &error))
    text = g_strdup_printf (_("Could not export the figure: %s"),
                            error != NULL ? error->message : _("Not a local file."));
  else
    text = g_strdup_printf (_("Figure written to %s"), choice->path);
  if (self->toasts != NULL)
    glmcc_toast_queue_add (self->toasts, text);
}

static void
export_clicked_cb (GlmccScoreDialog *self)
{
  /* The figure as it is now: the dialog previews it at the size chosen. */
  glmcc_export_dialog_choose_async (GTK_WINDOW (self), "score", self->curves, self->cancellable,
                                    export_chosen_cb, g_object_ref (self));
}

gboolean
glmcc_score_dialog_get_computing (GlmccScoreDialog *self)
{
  g_return_val_if_fail (GLMCC_IS_SCORE_DIALOG (self), FALSE);
  return self->computing;
}

gboolean
glmcc_score_dialog_get_score (GlmccScoreDialog *self,
                              GlmccScore       *score)
{
  g_return_val_if_fail (GLMCC_IS_SCORE_DIALOG (self), FALSE);

  if (self->has_score)
    *score = self->score;
  return self->has_score;
}

const char *
glmcc_score_dialog_get_cell (GlmccScoreDialog *self,
                             guint             row,
                             guint             column)
{
  g_return_val_if_fail (GLMCC_IS_SCORE_DIALOG (self), NULL);
  g_return_val_if_fail (row < N_ROWS && column < N_COLUMNS, NULL);
  return gtk_label_get_label (self->cells[row][column]);
}

static GtkWidget *
build_table (GlmccScoreDialog *self)
{
  const char *columns[N_COLUMNS] = {
    /* Translators: true positives, false positives, false negatives, true negatives. */
    N_("TP"), N_("FP"), N_("FN"), N_("TN"), N_("Accuracy"), N_("Precision"), N_("Recall"),
    /* Translators: Matthews correlation coefficient, area under the ROC curve, average
     * precision. */
    N_("MCC"), N_("AUC"), N_("AP"),
  };
  const char *rows[N_ROWS] = { N_("Excitatory"), N_("Inhibitory"), N_("All") };
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *label = gtk_label_new (_(columns[c]));

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (grid), label, (int) c + 1, 0, 1, 1);
    }
  for (guint r = 0; r < N_ROWS; r++)
    {
      GtkWidget *label = gtk_label_new (_(rows[r]));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) r + 1, 1, 1);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          GtkWidget *cell = gtk_label_new ("");

          gtk_label_set_xalign (GTK_LABEL (cell), 1.0);
          gtk_label_set_selectable (GTK_LABEL (cell), TRUE);
          gtk_widget_add_css_class (cell, "numeric");
          gtk_grid_attach (GTK_GRID (grid), cell, (int) c + 1, (int) r + 1, 1, 1);
          self->cells[r][c] = GTK_LABEL (cell);
        }
    }
  return grid;
}

static void
glmcc_score_dialog_dispose (GObject *object)
{
  GlmccScoreDialog *self = GLMCC_SCORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->compute_cancellable != NULL)
    g_cancellable_cancel (self->compute_cancellable);
  g_clear_object (&self->compute_cancellable);
  if (self->toasts != NULL)
    glmcc_toast_queue_clear (self->toasts);
  g_clear_object (&self->toasts);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->curves, glmcc_figure_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (glmcc_score_dialog_parent_class)->dispose (object);
}

static void
glmcc_score_dialog_class_init (GlmccScoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_score_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glmcc_score_dialog_init (GlmccScoreDialog *self)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *computing, *computing_spinner, *computing_label;

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Score Against the Ground Truth"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 760);

  self->export_button = gtk_button_new_with_mnemonic (_("_Export Figure…"));
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->export_button);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_tooltip_text (self->spinner, _("Computing the score…"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);
  gtk_box_append (GTK_BOX (page), build_table (self));
  self->summary = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  self->figure = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->figure, TRUE);
  gtk_widget_set_size_request (self->figure, 600, 360);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->figure), draw_figure, self, NULL);
  gtk_box_append (GTK_BOX (page), self->figure);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "dialog-information-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing to Score"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Open a ground truth (truth.tsv) and analyse the pairs"));

  computing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (computing, GTK_ALIGN_CENTER);
  computing_spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (computing_spinner));
  gtk_widget_set_size_request (computing_spinner, 32, 32);
  gtk_box_append (GTK_BOX (computing), computing_spinner);
  computing_label = gtk_label_new (_("Computing…"));
  gtk_widget_add_css_class (computing_label, "dim-label");
  gtk_box_append (GTK_BOX (computing), computing_label);

  self->stack = GTK_STACK (stack);
  gtk_stack_add_named (self->stack, page, "score");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, computing, "computing");
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  self->toasts = glmcc_toast_queue_new (ADW_TOAST_OVERLAY (overlay));
  adw_window_set_content (ADW_WINDOW (self), overlay);
}

GtkWidget *
glmcc_score_dialog_new (GtkWindow    *parent,
                        GlmccSession *session)
{
  GlmccScoreDialog *self;

  g_return_val_if_fail (GLMCC_IS_SESSION (session), NULL);

  self = g_object_new (GLMCC_TYPE_SCORE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "graph-changed", G_CALLBACK (schedule_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "truth-changed", G_CALLBACK (truth_changed_cb), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WIDGET (self);
}
