/* glmcc-correlogram-view.c: draws the correlogram with the shared renderer of src/plot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget holds a copy of the fit on display and turns it into a GlmccCcgPlot; snapshot
 * calls glmcc_plot_ccg() inside gtk_snapshot_append_cairo(), export calls the same renderer
 * on a file surface, and the hover readout comes from glmcc_plot_ccg_hit_test(). Colours
 * follow AdwStyleManager:dark.
 */
#define G_LOG_DOMAIN "glmcc-correlogram-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glmcc-correlogram-view.h"
#include "glmcc-enums.h"
#include "glmcc-format.h"
#include "glmcc-plot-data.h"

struct _GlmccCorrelogramView
{
  GtkWidget       parent_instance;

  GlmccFitted    *fitted;
  char           *ref_name;
  char           *target_name;
  char           *title;
  GtkWidget      *menu;
  GlmccCcgPlotData *data;
  GlmccCcgPlot    plot;
  GlmccPlotUnit   unit;

  gboolean        hovering;
  double          hover_x;
  double          hover_y;
  char           *readout;
};

G_DEFINE_FINAL_TYPE (GlmccCorrelogramView, glmcc_correlogram_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UNIT,
  PROP_READOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The figure data of @f as `glmcc plot` makes it (so a file exported here matches the CLI's),
 * with both neurons' autocorrelograms: bursts and refractoriness explain many correlograms. */
static GlmccCcgPlotData *
make_plot_data (GlmccCorrelogramView *self,
                const GlmccFitted    *f)
{
  GlmccCcgPlotData *data = glmcc_ccg_plot_data_new (&f->result, &f->params, self->ref_name,
                                                    self->target_name, f->n_ref_spikes,
                                                    f->n_target_spikes);

  if (f->params.method != GLMCC_METHOD_GLMCC)
    glmcc_ccg_plot_data_set_baseline (data, &f->params, &f->baseline);
  glmcc_ccg_plot_data_set_bands (data, f->bands);
  if (f->recording != NULL && f->ref < glmcc_recording_get_n_neurons (f->recording) &&
      f->target < glmcc_recording_get_n_neurons (f->recording))
    {
      gsize n_ref = 0, n_target = 0;
      const double *ref_train = glmcc_recording_get_train (f->recording, f->ref, &n_ref);
      const double *target_train = glmcc_recording_get_train (f->recording, f->target, &n_target);

      glmcc_ccg_plot_data_set_autocorrelograms (data, ref_train, n_ref, target_train, n_target);
    }
  data->plot.unit = self->unit;
  return data;
}

static void
rebuild_plot (GlmccCorrelogramView *self)
{
  const GlmccFitted *f = self->fitted;

  g_clear_pointer (&self->data, glmcc_ccg_plot_data_free);
  if (f == NULL)
    {
      glmcc_ccg_plot_init (&self->plot);
      self->plot.unit = self->unit;
      return;
    }
  /* The same figure data as `glmcc plot`, so a file exported here matches the CLI's. */
  self->data = make_plot_data (self, f);
  self->plot = self->data->plot;
  self->plot.unit = self->unit;
  self->plot.title = self->title;
}

static void
get_style (GlmccCorrelogramView *self,
           GlmccPlotStyle       *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    glmcc_plot_style_init_dark (style);
  else
    glmcc_plot_style_init_light (style);
  /* The view sits on the window's background; the figure paints its own only in files. */
  style->fill_background = FALSE;
}

static void
set_readout (GlmccCorrelogramView *self,
             const char           *text)
{
  if (g_strcmp0 (self->readout, text) == 0)
    return;
  g_free (self->readout);
  self->readout = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

static void
update_readout (GlmccCorrelogramView *self)
{
  GlmccPlotStyle style;
  GlmccCcgHit hit;
  g_autofree char *text = NULL;
  g_autofree char *bar = NULL;
  g_autofree char *lag = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *unit;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!self->hovering || self->fitted == NULL)
    {
      set_readout (self, "");
      return;
    }

  get_style (self, &style);
  if (!glmcc_plot_ccg_hit_test (width, height, &self->plot, &style,
                                self->hover_x, self->hover_y, &hit))
    {
      set_readout (self, "");
      return;
    }

  /* Lags on a bin edge are split between the two bins, so counts can be halves. */
  if (self->unit == GLMCC_PLOT_UNIT_RATE)
    bar = g_strdup_printf (_("%g lags = %.3g Hz"), hit.raw_count, hit.count);
  else
    bar = g_strdup_printf (_("%g lags"), hit.raw_count);
  unit = self->unit == GLMCC_PLOT_UNIT_RATE ? _("Hz") : _("per bin");
  lag = glmcc_format_number (hit.lag_ms, 4);
  start = glmcc_format_number (hit.bin_start, 4);
  end = glmcc_format_number (hit.bin_end, 4);
  if (hit.has_fit)
    /* Translators: hover readout of a correlogram bin: lag, bin range and its count, and
     * the values of the two fitted curves at the lag. */
    text = g_strdup_printf (_("lag %s ms · bin (%s, %s] ms: %s · slow part a(t): %.3g %s · "
                              "full fit: %.3g %s"),
                            lag, start, end, bar, hit.slow, unit, hit.fit, unit);
  else
    text = g_strdup_printf (_("lag %s ms · bin (%s, %s] ms: %s"), lag, start, end, bar);
  set_readout (self, text);
}

static void
glmcc_correlogram_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  GlmccCorrelogramView *self = GLMCC_CORRELOGRAM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GlmccPlotStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->fitted == NULL)
    return;

  get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  glmcc_plot_ccg (cr, width, height, &self->plot, &style);

  /* The hover marker: the bin under the pointer outlined, and a line at the lag. */
  if (self->hovering)
    {
      GlmccCcgLayout layout;
      GlmccCcgHit hit;

      glmcc_plot_ccg_get_layout (width, height, &self->plot, &style, &layout);
      if (glmcc_plot_ccg_hit_test (width, height, &self->plot, &style,
                                   self->hover_x, self->hover_y, &hit))
        {
          double x0 = glmcc_plot_ccg_lag_to_x (&layout, hit.bin_start);
          double x1 = glmcc_plot_ccg_lag_to_x (&layout, hit.bin_end);
          double y = glmcc_plot_ccg_value_to_y (&layout, hit.count);
          double bottom = layout.plot.y + layout.plot.height;
          double x = glmcc_plot_ccg_lag_to_x (&layout, hit.lag_ms);

          cairo_set_source_rgba (cr, style.accent.red, style.accent.green, style.accent.blue, 0.35);
          cairo_rectangle (cr, x0, y, x1 - x0, bottom - y);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, style.accent.red, style.accent.green, style.accent.blue, 0.9);
          cairo_set_line_width (cr, 1.0);
          cairo_move_to (cr, floor (x) + 0.5, layout.plot.y);
          cairo_line_to (cr, floor (x) + 0.5, bottom);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
motion_cb (GlmccCorrelogramView     *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->hovering = TRUE;
  self->hover_x = x;
  self->hover_y = y;
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GlmccCorrelogramView     *self,
          GtkEventControllerMotion *controller)
{
  self->hovering = FALSE;
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dark_changed_cb (GlmccCorrelogramView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (GlmccCorrelogramView *self)
{
  g_autofree char *text = NULL;

  if (self->fitted == NULL)
    text = g_strdup (_("No pair is shown."));
  else
    text = g_strdup_printf (_("Cross-correlogram of %s and %s. %s → %s: %s, J = %.3g, PSP %.3g mV. "
                              "%s → %s: %s, J = %.3g, PSP %.3g mV."),
                            self->ref_name, self->target_name,
                            self->ref_name, self->target_name,
                            self->plot.forward.status, self->plot.forward.j,
                            self->plot.forward.psp_mv,
                            self->target_name, self->ref_name,
                            self->plot.backward.status, self->plot.backward.j,
                            self->plot.backward.psp_mv);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

void
glmcc_correlogram_view_set_fitted (GlmccCorrelogramView *self,
                                   GlmccFitted          *fitted,
                                   const char           *ref_name,
                                   const char           *target_name,
                                   const char           *title)
{
  g_return_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self));

  if (fitted != NULL)
    glmcc_fitted_ref (fitted);
  g_clear_pointer (&self->fitted, glmcc_fitted_unref);
  g_clear_pointer (&self->ref_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
  g_clear_pointer (&self->title, g_free);
  if (fitted != NULL)
    {
      self->fitted = fitted;
      self->ref_name = g_strdup (ref_name);
      self->target_name = g_strdup (target_name);
      self->title = g_strdup (title);
    }
  rebuild_plot (self);
  update_readout (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
glmcc_correlogram_view_has_fit (GlmccCorrelogramView *self)
{
  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), FALSE);
  return self->fitted != NULL;
}

void
glmcc_correlogram_view_set_menu_model (GlmccCorrelogramView *self,
                                       GMenuModel           *model)
{
  g_return_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self));

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (model == NULL)
    return;
  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
}

static void
menu_pressed_cb (GlmccCorrelogramView *self,
                 int                   n_press,
                 double                x,
                 double                y,
                 GtkGestureClick      *gesture)
{
  if (self->menu == NULL || self->fitted == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
glmcc_correlogram_view_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  GlmccCorrelogramView *self = GLMCC_CORRELOGRAM_VIEW (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
glmcc_correlogram_view_dispose (GObject *object)
{
  GlmccCorrelogramView *self = GLMCC_CORRELOGRAM_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);

  G_OBJECT_CLASS (glmcc_correlogram_view_parent_class)->dispose (object);
}

void
glmcc_correlogram_view_set_unit (GlmccCorrelogramView *self,
                                 GlmccPlotUnit         unit)
{
  g_return_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self));

  if (self->unit == unit)
    return;
  self->unit = unit;
  self->plot.unit = unit;
  update_readout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const GlmccCcgPlot *
glmcc_correlogram_view_get_plot (GlmccCorrelogramView *self)
{
  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), NULL);
  return &self->plot;
}

const char *
glmcc_correlogram_view_get_readout (GlmccCorrelogramView *self)
{
  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), NULL);
  return self->readout != NULL ? self->readout : "";
}

GlmccFigure *
glmcc_correlogram_view_dup_figure (GlmccCorrelogramView *self)
{
  GlmccCcgPlotData *data;

  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), NULL);

  if (self->fitted == NULL)
    return NULL;
  /* The figure's own copy: what the screen shows, readout panel and unit included. */
  data = make_plot_data (self, self->fitted);
  return glmcc_figure_new_correlogram (data, self->title);
}

gboolean
glmcc_correlogram_view_export (GlmccCorrelogramView *self,
                               const char           *path,
                               GlmccPlotFormat       format,
                               double                width_pt,
                               double                height_pt,
                               double                dpi,
                               GError              **error)
{
  g_autoptr(GlmccFigure) figure = NULL;

  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  figure = glmcc_correlogram_view_dup_figure (self);
  if (figure == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no correlogram to export yet."));
      return FALSE;
    }
  return glmcc_figure_export (figure, path, format, width_pt, height_pt, dpi, error);
}

GtkWidget *
glmcc_correlogram_view_new (void)
{
  return g_object_new (GLMCC_TYPE_CORRELOGRAM_VIEW, NULL);
}

static void
glmcc_correlogram_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 420;
}

static void
glmcc_correlogram_view_finalize (GObject *object)
{
  GlmccCorrelogramView *self = GLMCC_CORRELOGRAM_VIEW (object);

  g_clear_pointer (&self->fitted, glmcc_fitted_unref);
  g_clear_pointer (&self->ref_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->data, glmcc_ccg_plot_data_free);
  g_clear_pointer (&self->readout, g_free);

  G_OBJECT_CLASS (glmcc_correlogram_view_parent_class)->finalize (object);
}

static void
glmcc_correlogram_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlmccCorrelogramView *self = GLMCC_CORRELOGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    case PROP_READOUT:
      g_value_set_string (value, glmcc_correlogram_view_get_readout (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_correlogram_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GlmccCorrelogramView *self = GLMCC_CORRELOGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      glmcc_correlogram_view_set_unit (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_correlogram_view_class_init (GlmccCorrelogramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_correlogram_view_dispose;
  object_class->finalize = glmcc_correlogram_view_finalize;
  object_class->get_property = glmcc_correlogram_view_get_property;
  object_class->set_property = glmcc_correlogram_view_set_property;

  widget_class->snapshot = glmcc_correlogram_view_snapshot;
  widget_class->measure = glmcc_correlogram_view_measure;
  widget_class->size_allocate = glmcc_correlogram_view_size_allocate;

  properties[PROP_UNIT] =
    g_param_spec_enum ("unit", NULL, NULL, GLMCC_TYPE_PLOT_UNIT, GLMCC_PLOT_UNIT_COUNT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "correlogram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
glmcc_correlogram_view_init (GlmccCorrelogramView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click;

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (menu_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  glmcc_ccg_plot_init (&self->plot);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Correlogram"),
                                  -1);
  update_accessible (self);
}
