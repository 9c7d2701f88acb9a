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
#include "glmcc-pair-item.h"
#include "glmcc-plot-data.h"

struct _GlmccCorrelogramView
{
  GtkWidget       parent_instance;

  GlmccFitted    *fitted;
  char           *ref_name;
  char           *target_name;
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
  self->data = glmcc_ccg_plot_data_new (&f->result, &f->params, self->ref_name,
                                        self->target_name, f->n_ref_spikes, f->n_target_spikes);
  self->plot = self->data->plot;
  self->plot.unit = self->unit;
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

/* A number for people: a true minus sign, as on the plot's axes. */
static char *
format_signed (double value)
{
  g_autofree char *text = g_strdup_printf ("%.4g", value);

  if (text[0] == '-')
    return g_strconcat ("−", text + 1, NULL);
  return g_steal_pointer (&text);
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
  lag = format_signed (hit.lag_ms);
  start = format_signed (hit.bin_start);
  end = format_signed (hit.bin_end);
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

static GlmccFitted *
fitted_copy (const GlmccFitted *fitted)
{
  GlmccFitted *copy = g_memdup2 (fitted, sizeof *fitted);

  copy->a = g_memdup2 (fitted->a, sizeof (double) * fitted->n_bins);
  copy->counts = g_memdup2 (fitted->counts, sizeof (double) * fitted->n_bins);
  copy->result.a = copy->a;
  copy->result.counts = copy->counts;
  return copy;
}

void
glmcc_correlogram_view_set_fitted (GlmccCorrelogramView *self,
                                   const GlmccFitted    *fitted,
                                   const char           *ref_name,
                                   const char           *target_name)
{
  g_return_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self));

  g_clear_pointer (&self->fitted, glmcc_fitted_free);
  g_clear_pointer (&self->ref_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
  if (fitted != NULL)
    {
      self->fitted = fitted_copy (fitted);
      self->ref_name = g_strdup (ref_name);
      self->target_name = g_strdup (target_name);
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

GlmccPlotUnit
glmcc_correlogram_view_get_unit (GlmccCorrelogramView *self)
{
  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), GLMCC_PLOT_UNIT_COUNT);
  return self->unit;
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

gboolean
glmcc_correlogram_view_export (GlmccCorrelogramView *self,
                               const char           *path,
                               GlmccPlotFormat       format,
                               double                width_pt,
                               double                height_pt,
                               double                dpi,
                               GError              **error)
{
  GlmccPlotStyle style;

  g_return_val_if_fail (GLMCC_IS_CORRELOGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  glmcc_plot_style_init_light (&style);
  style.fill_background = TRUE;
  return glmcc_plot_export_ccg (path, format, width_pt, height_pt, dpi, &self->plot, &style,
                                error);
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

  g_clear_pointer (&self->fitted, glmcc_fitted_free);
  g_clear_pointer (&self->ref_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
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
      g_value_set_int (value, self->unit);
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
      glmcc_correlogram_view_set_unit (self, g_value_get_int (value));
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

  object_class->finalize = glmcc_correlogram_view_finalize;
  object_class->get_property = glmcc_correlogram_view_get_property;
  object_class->set_property = glmcc_correlogram_view_set_property;

  widget_class->snapshot = glmcc_correlogram_view_snapshot;
  widget_class->measure = glmcc_correlogram_view_measure;

  properties[PROP_UNIT] =
    g_param_spec_int ("unit", NULL, NULL, GLMCC_PLOT_UNIT_COUNT, GLMCC_PLOT_UNIT_RATE,
                      GLMCC_PLOT_UNIT_COUNT,
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

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  glmcc_ccg_plot_init (&self->plot);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Correlogram"),
                                  -1);
  update_accessible (self);
}
