/* glmcc-planner-dialog.c: how long to record to find a connection, and what a recording can find
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers are glmcc_plan_compute()'s for +|PSP| and −|PSP| with the inputs shown (the
 * power 0.8 of `glmcc plan`), computed at once on the main thread; the curve
 * (glmcc_plan_plot_data_new(), about 0.2 s) and the recording's matrix
 * (glmcc_plan_min_psp_matrix()) on a worker, the newest request winning.
 */
#define G_LOG_DOMAIN "glmcc-planner-dialog"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "glmcc-format.h"
#include "glmcc-plot-data.h"
#include "glmcc-planner-dialog.h"
#include "glmcc-number.h"

#define PLAN_POWER 0.8

struct _GlmccPlannerDialog
{
  AdwWindow          parent_instance;

  GlmccSession      *session;
  GlmccRecording    *recording;        /* the session's, when there was one */
  double             recording_s;
  GlmccPlanInput     input;
  GlmccPlan          plans[2];         /* excitatory, inhibitory */
  gboolean           valid;
  GlmccPlanPlotData *curve;
  guint              n;
  double            *min_excitatory;
  double            *min_inhibitory;
  double            *shown;            /* the matrix page's values */
  char             **names;
  GlmccNetworkPlot   matrix;
  guint              generation;
  guint              busy;
  GCancellable      *cancellable;
  gboolean           updating;

  GtkSpinButton     *rate_pre;
  GtkSpinButton     *rate_post;
  GtkSpinButton     *psp;
  GtkSpinButton     *tau;
  GtkSpinButton     *log_alpha;
  GtkLabel          *result[2];
  GtkWidget         *curve_area;
  GtkWidget         *matrix_area;
  GtkDropDown       *matrix_sign;
  GtkLabel          *matrix_summary;
};

G_DEFINE_FINAL_TYPE (GlmccPlannerDialog, glmcc_planner_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  GlmccPlanInput  input;
  double          recording_s;
  GlmccRecording *recording;
  guint           generation;
  GlmccPlanPlotData *curve;
  double         *min_excitatory;
  double         *min_inhibitory;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->recording, glmcc_recording_unref);
  g_clear_pointer (&job->curve, glmcc_plan_plot_data_free);
  g_free (job->min_excitatory);
  g_free (job->min_inhibitory);
  g_free (job);
}

static void
compute_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;

  job->curve = glmcc_plan_plot_data_new (&job->input, job->recording_s);
  if (job->recording != NULL)
    {
      gsize n = glmcc_recording_get_n_neurons (job->recording);

      job->min_excitatory = g_new (double, n * n);
      job->min_inhibitory = g_new (double, n * n);
      glmcc_plan_min_psp_matrix (&job->input, job->recording, job->min_excitatory,
                                 job->min_inhibitory);
    }
  g_task_return_boolean (task, TRUE);
}

static void update_matrix (GlmccPlannerDialog *self);

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlmccPlannerDialog *self = GLMCC_PLANNER_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;   /* cancelled: the dialog is gone */
  self->busy--;
  if (job->generation != self->generation)
    return;
  g_clear_pointer (&self->curve, glmcc_plan_plot_data_free);
  self->curve = g_steal_pointer (&job->curve);
  if (job->min_excitatory != NULL)
    {
      g_free (self->min_excitatory);
      g_free (self->min_inhibitory);
      self->min_excitatory = g_steal_pointer (&job->min_excitatory);
      self->min_inhibitory = g_steal_pointer (&job->min_inhibitory);
    }
  gtk_widget_queue_draw (self->curve_area);
  update_matrix (self);
}

static char *
describe_plan (const GlmccPlanInput *input,
               const GlmccPlan      *plan,
               int                   sign)
{
  g_autofree char *total = NULL;
  g_autofree char *even = NULL;

  if (!isfinite (plan->time_s))
    return g_strdup (sign > 0 ? _("Excitatory: not within reach (more than 10⁹ s)")
                              : _("Inhibitory: not within reach (more than 10⁹ s)"));
  total = glmcc_format_duration (plan->time_s);
  even = glmcc_format_duration (MAX (plan->time_even_s, plan->time_data_s));
  /* Translators: e.g. "Excitatory +0.5 mV: 20 min for 80 %, half the time after 9 min 40 s". */
  return sign > 0 ? g_strdup_printf (_("Excitatory +%.3g mV: %s to find it with probability %.0f %%, half the time after %s"),
                                     fabs (input->psp_mv), total, 100 * input->power, even)
                  : g_strdup_printf (_("Inhibitory −%.3g mV: %s to find it with probability %.0f %%, half the time after %s"),
                                     fabs (input->psp_mv), total, 100 * input->power, even);
}

static void
recompute (GlmccPlannerDialog *self)
{
  GlmccPlanInput input;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->updating)
    return;

  glmcc_plan_input_init (&input);
  input.power = PLAN_POWER;
  input.rate_pre_hz = gtk_spin_button_get_value (self->rate_pre);
  input.rate_post_hz = gtk_spin_button_get_value (self->rate_post);
  input.psp_mv = gtk_spin_button_get_value (self->psp);
  input.tau_ms = gtk_spin_button_get_value (self->tau);
  input.alpha = pow (10.0, gtk_spin_button_get_value (self->log_alpha));
  self->input = input;

  self->valid = glmcc_plan_compute (&input, &self->plans[0], &error);
  if (self->valid)
    {
      input.psp_mv = -input.psp_mv;
      self->valid = glmcc_plan_compute (&input, &self->plans[1], &error);
      input.psp_mv = -input.psp_mv;
    }
  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *text = self->valid ? describe_plan (&input, &self->plans[s], s == 0 ? 1 : -1)
                                          : g_strdup (error->message);

      gtk_label_set_label (self->result[s], text);
    }
  if (!self->valid)
    return;

  job = g_new0 (Job, 1);
  job->input = input;
  job->recording_s = self->recording_s;
  job->recording = self->recording != NULL ? glmcc_recording_ref (self->recording) : NULL;
  job->generation = ++self->generation;
  self->busy++;
  task = g_task_new (self, self->cancellable, computed_cb, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_worker);
}

static void
get_style (GlmccPlotStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    glmcc_plot_style_init_dark (style);
  else
    glmcc_plot_style_init_light (style);
  style->fill_background = FALSE;
}

static void
draw_curve (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  GlmccPlannerDialog *self = user_data;
  GlmccPlotStyle style;

  if (self->curve == NULL)
    return;
  get_style (&style);
  glmcc_plot_plan (cr, width, height, &self->curve->plot, &style);
}

static void
draw_matrix (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GlmccPlannerDialog *self = user_data;
  GlmccPlotStyle style;

  if (self->shown == NULL)
    return;
  get_style (&style);
  glmcc_plot_matrix_draw (cr, width, height, &self->matrix, &style, NULL, NULL);
}

/* The matrix page: the smallest PSP of the chosen sign per directed pair, in mV; pairs that
 * reveal none up to |J| = 8 are left blank (NAN). */
static void
update_matrix (GlmccPlannerDialog *self)
{
  gboolean inhibitory = gtk_drop_down_get_selected (self->matrix_sign) == 1;
  const double *values = inhibitory ? self->min_inhibitory : self->min_excitatory;
  g_autofree double *sorted = NULL;
  guint n_finite = 0;
  gsize nn = (gsize) self->n * self->n;
  g_autofree char *median = NULL;
  g_autofree char *text = NULL;

  if (values == NULL)
    return;
  g_free (self->shown);
  self->shown = g_new (double, nn);
  sorted = g_new (double, nn);
  for (gsize k = 0; k < nn; k++)
    {
      self->shown[k] = isfinite (values[k]) ? values[k] : (double) NAN;
      if (isfinite (values[k]))
        sorted[n_finite++] = fabs (values[k]);
    }
  for (guint i = 0; i < self->n; i++)
    self->shown[(gsize) i * self->n + i] = 0.0;
  self->matrix.psp_mv = self->shown;
  self->matrix.clip_percentile = 100.0;

  if (n_finite > 0)
    qsort (sorted, n_finite, sizeof (double), glmcc_number_compare);
  if (n_finite > 0)
    median = glmcc_format_number (sorted[n_finite / 2], 3);
  /* Translators: what the planner's matrix shows. */
  text = n_finite > 0
         ? g_strdup_printf (inhibitory
                            ? _("The smallest inhibitory PSP each pair reveals with probability %.0f %% in this recording (mV; row = presynaptic). Median: %s mV; %u pairs within reach.")
                            : _("The smallest excitatory PSP each pair reveals with probability %.0f %% in this recording (mV; row = presynaptic). Median: %s mV; %u pairs within reach."),
                            100 * self->input.power, median, n_finite)
         : g_strdup (_("No pair of this recording reveals a connection up to |J| = 8"));
  gtk_label_set_label (self->matrix_summary, text);
  gtk_widget_queue_draw (self->matrix_area);
}

void
glmcc_planner_dialog_set_input (GlmccPlannerDialog *self,
                                double              rate_pre_hz,
                                double              rate_post_hz,
                                double              psp_mv,
                                double              tau_ms,
                                double              alpha)
{
  g_return_if_fail (GLMCC_IS_PLANNER_DIALOG (self));

  self->updating = TRUE;
  gtk_spin_button_set_value (self->rate_pre, rate_pre_hz);
  gtk_spin_button_set_value (self->rate_post, rate_post_hz);
  gtk_spin_button_set_value (self->psp, fabs (psp_mv));
  gtk_spin_button_set_value (self->tau, tau_ms);
  gtk_spin_button_set_value (self->log_alpha, log10 (alpha));
  self->updating = FALSE;
  recompute (self);
}

gboolean
glmcc_planner_dialog_get_plans (GlmccPlannerDialog *self,
                                GlmccPlanInput     *input,
                                GlmccPlan          *excitatory,
                                GlmccPlan          *inhibitory)
{
  g_return_val_if_fail (GLMCC_IS_PLANNER_DIALOG (self), FALSE);

  if (input != NULL)
    *input = self->input;
  if (!self->valid)
    return FALSE;
  if (excitatory != NULL)
    *excitatory = self->plans[0];
  if (inhibitory != NULL)
    *inhibitory = self->plans[1];
  return TRUE;
}

const char *
glmcc_planner_dialog_get_text (GlmccPlannerDialog *self,
                               int                 sign)
{
  g_return_val_if_fail (GLMCC_IS_PLANNER_DIALOG (self), NULL);
  return gtk_label_get_label (self->result[sign > 0 ? 0 : 1]);
}

gboolean
glmcc_planner_dialog_get_matrix (GlmccPlannerDialog *self,
                                 guint              *n,
                                 const double      **excitatory_mv,
                                 const double      **inhibitory_mv)
{
  g_return_val_if_fail (GLMCC_IS_PLANNER_DIALOG (self), FALSE);

  if (self->min_excitatory == NULL)
    return FALSE;
  *n = self->n;
  *excitatory_mv = self->min_excitatory;
  *inhibitory_mv = self->min_inhibitory;
  return TRUE;
}

gboolean
glmcc_planner_dialog_is_busy (GlmccPlannerDialog *self)
{
  g_return_val_if_fail (GLMCC_IS_PLANNER_DIALOG (self), FALSE);
  return self->busy > 0;
}

static GtkSpinButton *
add_spin_row (GlmccPlannerDialog *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits,
              double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (recompute), self,
                           G_CONNECT_SWAPPED);
  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
build_connection_page (GlmccPlannerDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *results = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);
  gtk_widget_set_size_request (side, 340, -1);

  adw_preferences_group_set_title (group, _("Connection"));
  self->rate_pre = add_spin_row (self, group, _("Presynaptic rate (Hz)"), NULL,
                                 0.01, 500, 0.5, 2, 5.0);
  self->rate_post = add_spin_row (self, group, _("Postsynaptic rate (Hz)"), NULL,
                                  0.01, 500, 0.5, 2, 5.0);
  self->psp = add_spin_row (self, group, _("PSP size (mV)"),
                            _("Planned for both signs"), 0.01, 20, 0.1, 2, 1.0);
  self->tau = add_spin_row (self, group, _("Time constant τ (ms)"), NULL, 1, 20, 1, 1, 4.0);
  self->log_alpha = add_spin_row (self, group, _("Level α (log₁₀)"),
                                  _("Per directed pair, the choice among 4 delays included"),
                                  -8, -1, 0.5, 1, -3.0);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (group));

  for (guint s = 0; s < 2; s++)
    {
      self->result[s] = GTK_LABEL (gtk_label_new (""));
      gtk_label_set_wrap (self->result[s], TRUE);
      gtk_label_set_xalign (self->result[s], 0.0);
      gtk_label_set_selectable (self->result[s], TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->result[s]),
                                s == 0 ? "excitatory" : "inhibitory");
      gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->result[s]));
    }
  gtk_box_append (GTK_BOX (side), results);
  gtk_box_append (GTK_BOX (page), side);

  self->curve_area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (self->curve_area, TRUE);
  gtk_widget_set_size_request (self->curve_area, 480, 360);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->curve_area), draw_curve, self, NULL);
  gtk_box_append (GTK_BOX (page), self->curve_area);
  return page;
}

static GtkWidget *
build_matrix_page (GlmccPlannerDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  const char *signs[] = { _("Excitatory"), _("Inhibitory"), NULL };

  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);
  self->matrix_sign = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (signs));
  gtk_widget_set_halign (GTK_WIDGET (self->matrix_sign), GTK_ALIGN_START);
  g_signal_connect_object (self->matrix_sign, "notify::selected", G_CALLBACK (update_matrix),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->matrix_sign));
  self->matrix_summary = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->matrix_summary, TRUE);
  gtk_label_set_xalign (self->matrix_summary, 0.0);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->matrix_summary));
  self->matrix_area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->matrix_area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->matrix_area), draw_matrix, self, NULL);
  gtk_box_append (GTK_BOX (page), self->matrix_area);
  return page;
}

static void
glmcc_planner_dialog_dispose (GObject *object)
{
  GlmccPlannerDialog *self = GLMCC_PLANNER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  g_clear_pointer (&self->curve, glmcc_plan_plot_data_free);
  g_clear_pointer (&self->min_excitatory, g_free);
  g_clear_pointer (&self->min_inhibitory, g_free);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (glmcc_planner_dialog_parent_class)->dispose (object);
}

static void
glmcc_planner_dialog_class_init (GlmccPlannerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_planner_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glmcc_planner_dialog_init (GlmccPlannerDialog *self)
{
  self->cancellable = g_cancellable_new ();
  glmcc_plan_input_init (&self->input);
  glmcc_network_plot_init (&self->matrix);
  gtk_window_set_title (GTK_WINDOW (self), _("Plan a Recording"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 600);
}

GtkWidget *
glmcc_planner_dialog_new (GtkWindow    *parent,
                          GlmccSession *session)
{
  GlmccPlannerDialog *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *stack = adw_view_stack_new ();
  GtkWidget *switcher = adw_view_switcher_title_new ();
  GlmccRecording *recording;

  g_return_val_if_fail (session == NULL || GLMCC_IS_SESSION (session), NULL);

  self = g_object_new (GLMCC_TYPE_PLANNER_DIALOG, "transient-for", parent, NULL);
  recording = session != NULL ? glmcc_session_get_recording (session) : NULL;
  if (session != NULL)
    self->session = g_object_ref (session);
  if (recording != NULL)
    {
      self->recording = glmcc_recording_ref (recording);
      self->n = glmcc_recording_get_n_neurons (recording);
      /* The recording's times are in ms. */
      self->recording_s = (glmcc_recording_get_epoch_end (recording) -
                           glmcc_recording_get_epoch_start (recording)) / 1000.0;
      self->matrix.n = self->n;
      self->names = g_new0 (char *, self->n + 1);
      for (guint i = 0; i < self->n; i++)
        self->names[i] = g_strdup (glmcc_session_get_neuron_name (session, i));
      self->matrix.names = (const char * const *) self->names;
    }

  adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (ADW_VIEW_STACK (stack),
                                                                build_connection_page (self),
                                                                "connection", _("One Connection")),
                                     "document-open-recent-symbolic");
  if (recording != NULL)
    adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (ADW_VIEW_STACK (stack),
                                                                  build_matrix_page (self),
                                                                  "recording", _("This Recording")),
                                       "view-grid-symbolic");
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (switcher), ADW_VIEW_STACK (stack));
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (switcher), _("Plan a Recording"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  adw_window_set_content (ADW_WINDOW (self), box);

  if (session != NULL)
    {
      const GlmccParams *params = glmcc_session_get_params (session);

      self->updating = TRUE;
      gtk_spin_button_set_value (self->tau, params->tau_ms);
      gtk_spin_button_set_value (self->log_alpha, log10 (glmcc_params_get_alpha (params)));
      self->updating = FALSE;
    }
  recompute (self);
  return GTK_WIDGET (self);
}
