/* glmcc-param-panel.c: sliders and spin buttons for the hyperparameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fit parameter is a GSettings key whose range is declared once, in the schema; the
 * spin buttons take their bounds from it (the Text Editor preferences-spin pattern) and are
 * bound to their keys. γ and α are logarithmic sliders, handled by hand because 0 in their
 * keys means "the method's default for the chosen test". "changed" is emitted after any
 * parameter key changes, "epoch-changed" after the epoch does. A parameter the core refuses
 * is marked on its own control (the code of the GLMCC_PARAMS_ERROR says which); the window
 * shows the message where the figure is. The sliders never take the scroll wheel while the
 * pointer merely passes over them on its way down the panel: the panel scrolls instead.
 */
#define G_LOG_DOMAIN "glmcc-param-panel"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glmcc-application.h"
#include "glmcc-error.h"
#include "glmcc-param-panel-private.h"

struct _GlmccParamPanel
{
  GtkBox           parent_instance;

  GSettings       *settings;
  gboolean         updating;
  double           epoch_max;

  /* Template widgets */
  GtkWidget       *gamma_row;
  GtkScale        *gamma_scale;
  GtkWidget       *tau_row;
  GtkWidget       *window_row;
  GtkWidget       *bin_row;
  GtkWidget       *exclude_row;
  GtkWidget       *alpha_row;
  GtkScale        *alpha_scale;
  GtkWidget       *start_row;
  GtkWidget       *duration_row;
  GtkWidget       *marked_row;     /* the control marked invalid, if any */
  GtkLabel        *gamma_value;
  GtkAdjustment   *gamma_adjustment;
  GtkSpinButton   *tau_spin;
  AdwComboRow     *delay_mode_row;
  AdwEntryRow     *delays_row;
  GtkWidget       *fixed_delay_row;
  GtkSpinButton   *fixed_delay_spin;
  GtkSpinButton   *window_spin;
  GtkSpinButton   *bin_spin;
  GtkSpinButton   *exclude_spin;
  AdwComboRow     *test_row;
  GtkLabel        *alpha_value;
  GtkAdjustment   *alpha_adjustment;
  GtkSpinButton   *start_spin;
  GtkSpinButton   *duration_spin;
  GtkAdjustment   *start_adjustment;
  GtkAdjustment   *duration_adjustment;
};

G_DEFINE_FINAL_TYPE (GlmccParamPanel, glmcc_param_panel, GTK_TYPE_BOX)

enum {
  CHANGED,
  EPOCH_CHANGED,
  INVALID_INPUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const fit_keys[] = {
  "gamma", "tau", "delay-mode", "delays", "fixed-delay", "window", "bin", "exclude-center",
  "test", "alpha",
};

static gboolean
is_fit_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fit_keys); i++)
    if (g_str_equal (key, fit_keys[i]))
      return TRUE;
  return FALSE;
}

/* 5.0 × 10⁻⁴ */
static char *
format_scientific (double value)
{
  static const char *superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  int exponent;
  double mantissa;
  GString *s;
  int e;

  if (value <= 0.0 || !isfinite (value))
    return g_strdup ("0");
  exponent = (int) floor (log10 (value) + 1e-9);
  mantissa = value / pow (10.0, exponent);
  if (mantissa >= 9.95)
    {
      mantissa /= 10.0;
      exponent++;
    }
  s = g_string_new (NULL);
  g_string_append_printf (s, "%.1f × 10", mantissa);
  if (exponent < 0)
    g_string_append (s, "⁻");
  e = ABS (exponent);
  if (e >= 10)
    g_string_append (s, superscripts[e / 10]);
  g_string_append (s, superscripts[e % 10]);
  return g_string_free (s, FALSE);
}

static GlmccTest
current_test (GlmccParamPanel *self)
{
  return g_settings_get_enum (self->settings, "test") == 1 ? GLMCC_TEST_LR : GLMCC_TEST_WALD;
}

static void
sync_log_sliders (GlmccParamPanel *self)
{
  GlmccParams defaults;
  double gamma = g_settings_get_double (self->settings, "gamma");
  double alpha = g_settings_get_double (self->settings, "alpha");
  g_autofree char *gamma_text = NULL;
  g_autofree char *alpha_text = NULL;
  g_autofree char *gamma_label = NULL;
  g_autofree char *alpha_label = NULL;

  glmcc_params_init (&defaults);
  defaults.test = current_test (self);

  gamma_text = format_scientific (gamma > 0 ? gamma : glmcc_params_get_gamma (&defaults));
  alpha_text = format_scientific (alpha > 0 ? alpha : glmcc_params_get_alpha (&defaults));
  /* Translators: a γ value in 1/ms; "default" when it is the method's. */
  gamma_label = gamma > 0 ? g_strdup_printf (_("%s ms⁻¹"), gamma_text)
                          : g_strdup_printf (_("%s ms⁻¹ (default)"), gamma_text);
  alpha_label = alpha > 0 ? g_strdup (alpha_text)
                          : g_strdup_printf (_("%s (default)"), alpha_text);

  self->updating = TRUE;
  gtk_adjustment_set_value (self->gamma_adjustment,
                            log10 (gamma > 0 ? gamma : glmcc_params_get_gamma (&defaults)));
  gtk_adjustment_set_value (self->alpha_adjustment,
                            log10 (alpha > 0 ? alpha : glmcc_params_get_alpha (&defaults)));
  self->updating = FALSE;

  gtk_label_set_label (self->gamma_value, gamma_label);
  gtk_label_set_label (self->alpha_value, alpha_label);
}

static void
sync_delay_rows (GlmccParamPanel *self)
{
  gboolean fixed = g_settings_get_enum (self->settings, "delay-mode") == 1;
  g_autofree char *delays = g_settings_get_string (self->settings, "delays");

  gtk_widget_set_visible (GTK_WIDGET (self->delays_row), !fixed);
  gtk_widget_set_visible (self->fixed_delay_row, fixed);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->delays_row)), delays) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->delays_row), delays);
}

static void
gamma_changed_cb (GlmccParamPanel *self,
                  GtkAdjustment   *adjustment)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (self->updating)
    return;
  /* Three significant digits are plenty for a prior, and keep the key readable. */
  value = pow (10.0, gtk_adjustment_get_value (adjustment));
  g_ascii_formatd (buf, sizeof buf, "%.3g", value);
  g_settings_set_double (self->settings, "gamma", g_ascii_strtod (buf, NULL));
}

static void
alpha_changed_cb (GlmccParamPanel *self,
                  GtkAdjustment   *adjustment)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (self->updating)
    return;
  value = pow (10.0, gtk_adjustment_get_value (adjustment));
  g_ascii_formatd (buf, sizeof buf, "%.2g", value);
  g_settings_set_double (self->settings, "alpha", g_ascii_strtod (buf, NULL));
}

static void
mark_row (GlmccParamPanel *self,
          GtkWidget       *row,
          const char      *message)
{
  if (self->marked_row != NULL && self->marked_row != row)
    {
      gtk_widget_remove_css_class (self->marked_row, "error");
      gtk_widget_set_tooltip_text (self->marked_row, NULL);
    }
  self->marked_row = row;
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
    }
}

static GtkWidget *
row_of_param (GlmccParamPanel *self,
              GlmccParam       param)
{
  switch (param)
    {
    case GLMCC_PARAM_GAMMA:
      return self->gamma_row;
    case GLMCC_PARAM_TAU:
      return self->tau_row;
    case GLMCC_PARAM_MODE:
      return GTK_WIDGET (self->delay_mode_row);
    case GLMCC_PARAM_DELAYS:
      return g_settings_get_enum (self->settings, "delay-mode") == 1 ? self->fixed_delay_row
                                                                    : GTK_WIDGET (self->delays_row);
    case GLMCC_PARAM_WINDOW:
      return self->window_row;
    case GLMCC_PARAM_BIN:
      return self->bin_row;
    case GLMCC_PARAM_EXCLUDE_CENTER:
      return self->exclude_row;
    case GLMCC_PARAM_TEST:
      return GTK_WIDGET (self->test_row);
    case GLMCC_PARAM_ALPHA:
      return self->alpha_row;
    case GLMCC_PARAM_EPOCH:
      return self->start_row;
    /* The baselines and FDR are the command line's; the panel has no row for them. */
    case GLMCC_PARAM_METHOD:
    case GLMCC_PARAM_FDR:
    case GLMCC_PARAM_SURROGATES:
    case GLMCC_PARAM_JITTER_WIDTH:
    case GLMCC_PARAM_OTHER:
    case GLMCC_PARAM_FORMAT:
    case GLMCC_PARAM_TIME_UNIT:
    case GLMCC_PARAM_SAMPLE_RATE:
    case GLMCC_PARAM_UNITS:
    case GLMCC_PARAM_VARIABLE:
    case GLMCC_PARAM_RECORDING:
    case GLMCC_PARAM_COLUMNS:
    default:
      return NULL;
    }
}

GtkAdjustment *
_glmcc_param_panel_get_tau_adjustment (GlmccParamPanel *self)
{
  return gtk_spin_button_get_adjustment (self->tau_spin);
}

GtkWidget *
glmcc_param_panel_get_marked (GlmccParamPanel *self)
{
  g_return_val_if_fail (GLMCC_IS_PARAM_PANEL (self), NULL);
  return self->marked_row;
}

const char *
glmcc_param_panel_get_control_title (GlmccParamPanel *self,
                                     GlmccParam       param)
{
  GtkWidget *row;

  g_return_val_if_fail (GLMCC_IS_PARAM_PANEL (self), NULL);

  row = row_of_param (self, param);
  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

/* The wheel over a slider scrolls the panel, unless the slider has the keyboard focus (then
 * it is what the user is working with). */
static gboolean
scale_scroll_cb (GlmccParamPanel          *self,
                 double                    dx,
                 double                    dy,
                 GtkEventControllerScroll *controller)
{
  GtkWidget *scale = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  if (gtk_widget_has_focus (scale))
    return GDK_EVENT_PROPAGATE;
  if (scroller != NULL)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                dy * MAX (gtk_adjustment_get_step_increment (adjustment), 20.0));
    }
  return GDK_EVENT_STOP;
}

static void
guard_scale (GlmccParamPanel *self,
             GtkScale        *scale)
{
  GtkEventController *controller =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                     GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  /* Capture phase: before the slider's own scroll handling sees the wheel. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scale_scroll_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (scale), controller);
}

static void
delays_apply_cb (GlmccParamPanel *self,
                 AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  GlmccParams params;
  g_autoptr(GError) error = NULL;

  glmcc_params_init (&params);
  if (!glmcc_params_set_delays (&params, text, &error))
    {
      /* Not even a list of numbers: it never reaches the settings. */
      mark_row (self, GTK_WIDGET (row), error->message);
      g_signal_emit (self, signals[INVALID_INPUT], 0, error);
      return;
    }
  g_settings_set_string (self->settings, "delays", text);
}

static void
settings_changed_cb (GlmccParamPanel *self,
                     const char      *key,
                     GSettings       *settings)
{
  if (!is_fit_key (key))
    return;

  if (g_str_equal (key, "gamma") || g_str_equal (key, "alpha") || g_str_equal (key, "test"))
    sync_log_sliders (self);
  if (g_str_equal (key, "delay-mode") || g_str_equal (key, "delays"))
    sync_delay_rows (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
epoch_changed_cb (GlmccParamPanel *self)
{
  if (self->updating)
    return;
  g_signal_emit (self, signals[EPOCH_CHANGED], 0);
}

/* Binds @spin to @key, with the bounds of the key's range in the schema. */
static void
bind_spin (GlmccParamPanel *self,
           GtkSpinButton   *spin,
           const char      *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) bounds = NULL;
  const char *type = NULL;
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &bounds);
  if (g_str_equal (type, "range"))
    {
      double lower = 0, upper = 0;

      g_variant_get (bounds, "(dd)", &lower, &upper);
      gtk_adjustment_set_lower (adjustment, lower);
      gtk_adjustment_set_upper (adjustment, upper);
    }
  g_settings_bind (self->settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);
}

static gboolean
combo_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nick, nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
combo_set_mapping (const GValue       *value,
                   const GVariantType *type,
                   gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[i]);
}

static const char *delay_mode_nicks[] = { "set", "fixed", NULL };
static const char *test_nicks[] = { "wald", "lr", NULL };

gboolean
glmcc_param_panel_get_params (GlmccParamPanel *self,
                              GlmccParams     *params,
                              GError         **error)
{
  g_autofree char *delays = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLMCC_IS_PARAM_PANEL (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  glmcc_params_init (params);
  params->test = current_test (self);
  params->mode = g_settings_get_enum (self->settings, "delay-mode") == 1 ? GLMCC_MODE_SIM
                                                                         : GLMCC_MODE_EXP;
  params->gamma = g_settings_get_double (self->settings, "gamma");
  params->alpha = g_settings_get_double (self->settings, "alpha");
  params->tau_ms = g_settings_get_double (self->settings, "tau");
  params->sim_delay_ms = g_settings_get_double (self->settings, "fixed-delay");
  params->window_ms = g_settings_get_double (self->settings, "window");
  params->bin_ms = g_settings_get_double (self->settings, "bin");
  params->exclude_center_ms = g_settings_get_double (self->settings, "exclude-center");
  delays = g_settings_get_string (self->settings, "delays");

  if (glmcc_params_set_delays (params, delays, &local_error) &&
      glmcc_params_validate (params, &local_error))
    {
      mark_row (self, NULL, NULL);
      return TRUE;
    }

  mark_row (self, local_error->domain == GLMCC_PARAMS_ERROR
                  ? row_of_param (self, local_error->code) : NULL,
            local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
glmcc_param_panel_reset (GlmccParamPanel *self)
{
  g_autoptr(GSettings) batch = NULL;

  g_return_if_fail (GLMCC_IS_PARAM_PANEL (self));

  /* One change for all keys, through a settings object of its own: put into delay-apply
   * mode, an object stays in it, and the panel's own must keep saving later changes. */
  batch = glmcc_settings_new ();
  g_settings_delay (batch);
  for (guint i = 0; i < G_N_ELEMENTS (fit_keys); i++)
    g_settings_reset (batch, fit_keys[i]);
  g_settings_apply (batch);
  sync_delay_rows (self);
}

void
glmcc_param_panel_set_params (GlmccParamPanel   *self,
                              const GlmccParams *params)
{
  g_autoptr(GSettings) batch = NULL;
  g_autoptr(GString) delays = g_string_new (NULL);

  g_return_if_fail (GLMCC_IS_PARAM_PANEL (self));
  g_return_if_fail (params != NULL);

  for (guint i = 0; i < params->n_delays; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (delays, "%s%s", i > 0 ? "," : "",
                              g_ascii_formatd (buf, sizeof buf, "%g", params->delays_ms[i]));
    }
  batch = glmcc_settings_new ();
  g_settings_delay (batch);
  g_settings_set_double (batch, "gamma", params->gamma);
  g_settings_set_double (batch, "tau", params->tau_ms);
  g_settings_set_enum (batch, "delay-mode", params->mode == GLMCC_MODE_SIM ? 1 : 0);
  if (delays->len > 0)
    g_settings_set_string (batch, "delays", delays->str);
  g_settings_set_double (batch, "fixed-delay", params->sim_delay_ms);
  g_settings_set_double (batch, "window", params->window_ms);
  g_settings_set_double (batch, "bin", params->bin_ms);
  g_settings_set_double (batch, "exclude-center", params->exclude_center_ms);
  g_settings_set_enum (batch, "test", params->test == GLMCC_TEST_LR ? 1 : 0);
  g_settings_set_double (batch, "alpha", params->alpha);
  g_settings_apply (batch);
  sync_delay_rows (self);
}

void
glmcc_param_panel_set_epoch (GlmccParamPanel *self,
                             double           max_s,
                             double           start_s,
                             double           duration_s)
{
  g_return_if_fail (GLMCC_IS_PARAM_PANEL (self));

  self->updating = TRUE;
  self->epoch_max = max_s;
  gtk_adjustment_configure (self->start_adjustment, start_s, 0, MAX (max_s, start_s),
                            MAX (1.0, max_s / 100.0), MAX (10.0, max_s / 10.0), 0);
  gtk_adjustment_configure (self->duration_adjustment, duration_s, 0.1,
                            MAX (max_s, duration_s), MAX (1.0, max_s / 100.0),
                            MAX (10.0, max_s / 10.0), 0);
  self->updating = FALSE;
}

void
glmcc_param_panel_apply_epoch (GlmccParamPanel *self,
                               double           start_s,
                               double           duration_s)
{
  g_return_if_fail (GLMCC_IS_PARAM_PANEL (self));

  /* One notification for both fields. */
  self->updating = TRUE;
  gtk_adjustment_set_value (self->start_adjustment, start_s);
  gtk_adjustment_set_value (self->duration_adjustment, duration_s);
  self->updating = FALSE;
  g_signal_emit (self, signals[EPOCH_CHANGED], 0);
}

void
glmcc_param_panel_get_epoch (GlmccParamPanel *self,
                             double          *start_s,
                             double          *duration_s)
{
  g_return_if_fail (GLMCC_IS_PARAM_PANEL (self));

  *start_s = gtk_adjustment_get_value (self->start_adjustment);
  *duration_s = gtk_adjustment_get_value (self->duration_adjustment);
}

GtkWidget *
glmcc_param_panel_new (void)
{
  return g_object_new (GLMCC_TYPE_PARAM_PANEL, NULL);
}

static void
glmcc_param_panel_dispose (GObject *object)
{
  GlmccParamPanel *self = GLMCC_PARAM_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLMCC_TYPE_PARAM_PANEL);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glmcc_param_panel_parent_class)->dispose (object);
}

static void
glmcc_param_panel_class_init (GlmccParamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glmcc_param_panel_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[EPOCH_CHANGED] =
    g_signal_new ("epoch-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* Input refused before it reached the settings (a delay list that is not numbers). */
  signals[INVALID_INPUT] =
    g_signal_new ("invalid-input", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glmcc/Studio/ui/glmcc-param-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, gamma_value);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, gamma_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, tau_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, delay_mode_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, delays_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, fixed_delay_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, fixed_delay_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, window_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, bin_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, exclude_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, test_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, alpha_value);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, alpha_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, start_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, start_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, duration_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, gamma_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, gamma_scale);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, tau_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, window_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, bin_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, alpha_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, alpha_scale);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, start_row);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, duration_row);
}

static void
glmcc_param_panel_init (GlmccParamPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = glmcc_settings_new ();

  bind_spin (self, self->tau_spin, "tau");
  bind_spin (self, self->fixed_delay_spin, "fixed-delay");
  bind_spin (self, self->window_spin, "window");
  bind_spin (self, self->bin_spin, "bin");
  bind_spin (self, self->exclude_spin, "exclude-center");
  g_settings_bind_with_mapping (self->settings, "delay-mode", self->delay_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, combo_get_mapping, combo_set_mapping,
                                (gpointer) delay_mode_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "test", self->test_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, combo_get_mapping, combo_set_mapping,
                                (gpointer) test_nicks, NULL);

  sync_log_sliders (self);
  sync_delay_rows (self);
  guard_scale (self, self->gamma_scale);
  guard_scale (self, self->alpha_scale);

  g_signal_connect_object (self->gamma_adjustment, "value-changed",
                           G_CALLBACK (gamma_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->alpha_adjustment, "value-changed",
                           G_CALLBACK (alpha_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->delays_row, "apply",
                           G_CALLBACK (delays_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_adjustment, "value-changed",
                           G_CALLBACK (epoch_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->duration_adjustment, "value-changed",
                           G_CALLBACK (epoch_changed_cb), self, G_CONNECT_SWAPPED);
}
