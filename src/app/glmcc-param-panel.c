/* glmcc-param-panel.c: sliders and spin buttons for the hyperparameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fit parameter is a GSettings key whose range is declared once, in the schema; the
 * spin buttons take their bounds from it (the Text Editor preferences-spin pattern) and are
 * bound to their keys. γ and α are logarithmic sliders, handled by hand because 0 in their
 * keys means "the method's default for the chosen test". "changed" is emitted after any
 * parameter key changes, "epoch-changed" after the epoch does.
 */
#define G_LOG_DOMAIN "glmcc-param-panel"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glmcc-application.h"
#include "glmcc-error.h"
#include "glmcc-param-panel.h"

struct _GlmccParamPanel
{
  GtkBox           parent_instance;

  GSettings       *settings;
  gboolean         updating;
  double           epoch_max;

  /* Template widgets */
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
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (GlmccParamPanel, glmcc_param_panel, GTK_TYPE_BOX)

enum {
  CHANGED,
  EPOCH_CHANGED,
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
delays_apply_cb (GlmccParamPanel *self,
                 AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  GlmccParams params;
  g_autoptr(GError) error = NULL;

  glmcc_params_init (&params);
  if (!glmcc_params_set_delays (&params, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_label_set_label (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
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
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      return TRUE;
    }

  gtk_label_set_label (self->error_label, local_error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
glmcc_param_panel_reset (GlmccParamPanel *self)
{
  g_return_if_fail (GLMCC_IS_PARAM_PANEL (self));

  g_settings_delay (self->settings);
  for (guint i = 0; i < G_N_ELEMENTS (fit_keys); i++)
    g_settings_reset (self->settings, fit_keys[i]);
  g_settings_apply (self->settings);
  gtk_widget_remove_css_class (GTK_WIDGET (self->delays_row), "error");
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

GSettings *
glmcc_param_panel_get_settings (GlmccParamPanel *self)
{
  g_return_val_if_fail (GLMCC_IS_PARAM_PANEL (self), NULL);
  return self->settings;
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
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlmccParamPanel, error_label);
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
