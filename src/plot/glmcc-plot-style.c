/* glmcc-plot-style.c: styles, ticks and text helpers shared by the renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "glmcc-plot-private.h"

#define MINUS_SIGN "\xe2\x88\x92" /* U+2212 */

static void
set_hex (GlmccPlotColor *color,
         const char     *hex)
{
  /* Constant, tested colours: parsing cannot fail. */
  if (!glmcc_plot_color_parse (color, hex))
    g_return_if_reached ();
}

gboolean
glmcc_plot_color_parse (GlmccPlotColor *color,
                        const char     *text)
{
  guint value = 0;

  g_return_val_if_fail (color != NULL, FALSE);

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }
  color->red = ((value >> 16) & 0xff) / 255.0;
  color->green = ((value >> 8) & 0xff) / 255.0;
  color->blue = (value & 0xff) / 255.0;
  color->alpha = 1.0;
  return TRUE;
}

static void
style_init_common (GlmccPlotStyle *style)
{
  memset (style, 0, sizeof *style);
  style->fill_background = TRUE;
  g_strlcpy (style->font_family, "Sans", sizeof style->font_family);
  style->font_size = 11.0;
  style->line_width = 2.0;
}

/* Colours from the GNOME palette, chosen so that bars recede, the two curves are told apart
 * without colour (solid versus dashed) and E/I keep their warm/cool convention. */
void
glmcc_plot_style_init_light (GlmccPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  style_init_common (style);
  style->dark = FALSE;
  set_hex (&style->background, "#ffffff");
  set_hex (&style->foreground, "#1e1e1e");
  set_hex (&style->muted, "#77767b");
  set_hex (&style->bar, "#c0c8d2");
  set_hex (&style->slow, "#613583");
  set_hex (&style->fit, "#1f8a4c");
  set_hex (&style->excitatory, "#e01b24");
  set_hex (&style->inhibitory, "#1c71d8");
  set_hex (&style->neutral, "#9a9996");
  set_hex (&style->accent, "#e5a50a");
}

void
glmcc_plot_style_init_dark (GlmccPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  style_init_common (style);
  style->dark = TRUE;
  set_hex (&style->background, "#242424");
  set_hex (&style->foreground, "#f0f0f0");
  set_hex (&style->muted, "#9a9996");
  set_hex (&style->bar, "#4f5866");
  set_hex (&style->slow, "#dc8add");
  set_hex (&style->fit, "#57e389");
  set_hex (&style->excitatory, "#ff7b63");
  set_hex (&style->inhibitory, "#62a0ea");
  set_hex (&style->neutral, "#77767b");
  set_hex (&style->accent, "#f8e45c");
}

const GlmccPlotStyle *
glmcc_plot_style_or_default (const GlmccPlotStyle *style,
                             GlmccPlotStyle       *storage)
{
  if (style != NULL)
    return style;
  glmcc_plot_style_init_light (storage);
  return storage;
}

/* Ticks ------------------------------------------------------------------------------------ */

double
glmcc_plot_nice_step (double raw)
{
  double magnitude;
  double fraction;

  if (!(raw > 0.0) || !isfinite (raw))
    return 1.0;

  magnitude = pow (10.0, floor (log10 (raw)));
  fraction = raw / magnitude;
  /* Guard against log10 rounding (raw = 1000 giving 0.99999… × 1000). */
  if (fraction < 1.0 - 1e-9)
    {
      magnitude /= 10.0;
      fraction = raw / magnitude;
    }
  if (fraction <= 1.0 + 1e-9)
    return magnitude;
  if (fraction <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (fraction <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

guint
glmcc_plot_nice_ticks (double  lo,
                       double  hi,
                       guint   target,
                       double *ticks,
                       guint   max_ticks,
                       double *step)
{
  double s;
  double first;
  guint n = 0;

  if (target < 1)
    target = 1;
  if (!(hi > lo) || !isfinite (lo) || !isfinite (hi))
    {
      if (step != NULL)
        *step = 1.0;
      if (isfinite (lo) && max_ticks > 0)
        {
          if (ticks != NULL)
            ticks[0] = lo;
          return 1;
        }
      return 0;
    }

  s = glmcc_plot_nice_step ((hi - lo) / target);
  first = ceil (lo / s - 1e-9) * s;
  for (double k = 0; n < max_ticks; k++)
    {
      double value = first + k * s;

      if (value > hi + 1e-9 * s)
        break;
      /* Snap tiny values to an exact zero so it prints as 0, not −1e-17. */
      if (fabs (value) < 1e-9 * s)
        value = 0.0;
      if (ticks != NULL)
        ticks[n] = value;
      n++;
    }
  if (step != NULL)
    *step = s;
  return n;
}

static int
decimals_for_step (double step)
{
  int decimals = 0;

  if (!(step > 0.0) || !isfinite (step))
    return 0;
  /* The smallest number of decimals that shows every multiple of @step exactly. */
  while (decimals < 9 && fabs (step * pow (10.0, decimals) - round (step * pow (10.0, decimals))) > 1e-6)
    decimals++;
  return decimals;
}

/* @ascii (freed) with the user's decimal point (LC_NUMERIC's): "2,5" under de_DE. Figures are
 * for people; the files meant for programs never go through here. */
static char *
localize_decimal_point (char *ascii)
{
  const char *point = nl_langinfo (RADIXCHAR);
  GString *text;

  if (point == NULL || *point == '\0' || strcmp (point, ".") == 0 || strchr (ascii, '.') == NULL)
    return ascii;
  text = g_string_new (NULL);
  for (const char *c = ascii; *c != '\0'; c++)
    {
      if (*c == '.')
        g_string_append (text, point);
      else
        g_string_append_c (text, *c);
    }
  g_free (ascii);
  return g_string_free (text, FALSE);
}

static char *
format_tick_ascii (double value,
                   double step)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  int decimals = decimals_for_step (step);

  if (fabs (value) < 0.5 * pow (10.0, -decimals))
    value = 0.0;
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));
  if (value < 0.0)
    return g_strconcat (MINUS_SIGN, buffer, NULL);
  return g_strdup (buffer);
}

char *
glmcc_plot_format_tick (double value,
                        double step)
{
  return localize_decimal_point (format_tick_ascii (value, step));
}

/* "6.41×10⁻⁴⁰": the mantissa without trailing zeros, the exponent in superscript digits. */
static char *
format_scientific (gboolean    negative,
                   char       *mantissa,
                   int         exponent)
{
  static const char * const superscript[] = {
    "\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3", "\xe2\x81\xb4",
    "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9",
  };
  GString *text = g_string_new (negative ? MINUS_SIGN : "");
  char digits[16];
  char *end;

  if (strchr (mantissa, '.') != NULL)
    {
      end = mantissa + strlen (mantissa) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (strcmp (mantissa, "1") != 0)
    g_string_append_printf (text, "%s\xc3\x97", mantissa);
  g_string_append (text, "10");
  if (exponent < 0)
    g_string_append (text, "\xe2\x81\xbb"); /* superscript minus */
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *d = digits; *d != '\0'; d++)
    g_string_append (text, superscript[*d - '0']);
  return g_string_free (text, FALSE);
}

static char *
format_value_ascii (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double magnitude = fabs (value);

  if (isnan (value))
    return g_strdup ("n/a");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : MINUS_SIGN "∞");
  if (magnitude != 0.0 && (magnitude < 1e-3 || magnitude >= 1e5))
    {
      int exponent = (int) floor (log10 (magnitude));
      double mantissa = magnitude / pow (10.0, exponent);

      if (mantissa >= 9.995)
        {
          mantissa /= 10.0;
          exponent++;
        }
      g_ascii_formatd (buffer, sizeof buffer, "%.2f", mantissa);
      return format_scientific (value < 0, buffer, exponent);
    }
  if (magnitude >= 100.0)
    g_ascii_formatd (buffer, sizeof buffer, "%.0f", magnitude);
  else if (magnitude >= 10.0)
    g_ascii_formatd (buffer, sizeof buffer, "%.1f", magnitude);
  else if (magnitude >= 0.1 || magnitude == 0.0)
    g_ascii_formatd (buffer, sizeof buffer, "%.2f", magnitude);
  else
    g_ascii_formatd (buffer, sizeof buffer, "%.3f", magnitude);
  return g_strconcat (value < 0 ? MINUS_SIGN : "", buffer, NULL);
}

char *
glmcc_plot_format_value (double value)
{
  return localize_decimal_point (format_value_ascii (value));
}

char *
glmcc_plot_format_compact (double value)
{
  char *text;
  char *end;

  if (!isfinite (value))
    return glmcc_plot_format_value (value);
  text = format_tick_ascii (value, 0.001);
  if (strchr (text, '.') != NULL)
    {
      end = text + strlen (text) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return localize_decimal_point (text);
}

/* Colours ---------------------------------------------------------------------------------- */

void
glmcc_plot_set_color (cairo_t              *cr,
                      const GlmccPlotColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
glmcc_plot_set_color_alpha (cairo_t              *cr,
                            const GlmccPlotColor *color,
                            double                alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
glmcc_plot_color_mix (const GlmccPlotColor *a,
                      const GlmccPlotColor *b,
                      double                t,
                      GlmccPlotColor       *out)
{
  t = CLAMP (t, 0.0, 1.0);
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

void
glmcc_plot_paint_background (cairo_t              *cr,
                             double                width,
                             double                height,
                             const GlmccPlotStyle *style)
{
  if (!style->fill_background)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  glmcc_plot_set_color (cr, &style->background);
  cairo_fill (cr);
  cairo_restore (cr);
}

double
glmcc_plot_snap (double v,
                 double width)
{
  double w = round (width);

  if (w < 1.0)
    w = 1.0;
  if (((int) w) % 2 == 1)
    return floor (v) + 0.5;
  return round (v);
}

/* Text ------------------------------------------------------------------------------------- */

PangoLayout *
glmcc_plot_layout_new (cairo_t              *cr,
                       const GlmccPlotStyle *style,
                       double                scale,
                       gboolean              bold,
                       const char           *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *font = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_family (font, style->font_family[0] ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (font, MAX (1.0, style->font_size * scale) * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

double
glmcc_plot_text (cairo_t              *cr,
                 const GlmccPlotStyle *style,
                 const GlmccPlotColor *color,
                 const char           *text,
                 double                x,
                 double                y,
                 double                xalign,
                 double                yalign,
                 double                scale,
                 gboolean              bold,
                 double                angle)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  double w, h;

  if (text == NULL || text[0] == '\0')
    return 0.0;

  layout = glmcc_plot_layout_new (cr, style, scale, bold, text);
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  if (angle != 0.0)
    cairo_rotate (cr, -angle);
  cairo_move_to (cr, -xalign * w - (double) logical.x / PANGO_SCALE,
                 -yalign * h - (double) logical.y / PANGO_SCALE);
  glmcc_plot_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
  /* The path is not part of the saved state: leave no current point behind. */
  cairo_new_path (cr);
  cairo_restore (cr);
  return w;
}

void
glmcc_plot_text_fit (cairo_t              *cr,
                     const GlmccPlotStyle *style,
                     const GlmccPlotColor *color,
                     const char           *text,
                     double                x,
                     double                y,
                     double                max_width,
                     double                scale,
                     gboolean              bold)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  double w;

  if (text == NULL || text[0] == '\0' || max_width <= 0.0)
    return;

  layout = glmcc_plot_layout_new (cr, style, scale, bold, text);
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  if (w > max_width)
    {
      double shrink = MAX (0.7, max_width / w);

      g_object_unref (layout);
      layout = glmcc_plot_layout_new (cr, style, scale * shrink, bold, text);
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_extents (layout, NULL, &logical);
    }

  cairo_save (cr);
  cairo_move_to (cr, x, y - (double) logical.y / PANGO_SCALE);
  glmcc_plot_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
  /* The path is not part of the saved state: leave no current point behind. */
  cairo_new_path (cr);
  cairo_restore (cr);
}

double
glmcc_plot_text_estimate (const GlmccPlotStyle *style,
                          const char           *text,
                          double                scale)
{
  double ems = 0.0;

  if (text == NULL)
    return 0.0;
  /* A CJK character (a translated label) takes a whole em, about twice a Latin one. */
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    ems += g_unichar_iswide (g_utf8_get_char (c)) ? 1.0 : GLMCC_PLOT_CHAR_WIDTH;
  return ems * style->font_size * scale;
}

void
glmcc_plot_arrow_head (cairo_t *cr,
                       double   x,
                       double   y,
                       double   angle,
                       double   size)
{
  double spread = G_PI / 7.0;

  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size * cos (angle - spread), y - size * sin (angle - spread));
  cairo_line_to (cr, x - size * 0.7 * cos (angle), y - size * 0.7 * sin (angle));
  cairo_line_to (cr, x - size * cos (angle + spread), y - size * sin (angle + spread));
  cairo_close_path (cr);
}

void
glmcc_plot_text_size (cairo_t              *cr,
                      const GlmccPlotStyle *style,
                      const char           *text,
                      double                scale,
                      gboolean              bold,
                      double               *width,
                      double               *height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (text == NULL || text[0] == '\0')
    {
      *width = *height = 0.0;
      return;
    }
  layout = glmcc_plot_layout_new (cr, style, scale, bold, text);
  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

void
glmcc_plot_text_halo (cairo_t              *cr,
                      const GlmccPlotStyle *style,
                      const GlmccPlotColor *color,
                      const char           *text,
                      double                x,
                      double                y,
                      double                xalign,
                      double                yalign,
                      double                scale)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  double w, h;

  if (text == NULL || text[0] == '\0')
    return;
  layout = glmcc_plot_layout_new (cr, style, scale, FALSE, text);
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;

  cairo_save (cr);
  cairo_move_to (cr, x - xalign * w - (double) logical.x / PANGO_SCALE,
                 y - yalign * h - (double) logical.y / PANGO_SCALE);
  /* The outline of the glyphs, stroked wide in the background colour, then the glyphs. */
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_width (cr, MAX (2.0, 0.3 * style->font_size * scale));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  glmcc_plot_set_color_alpha (cr, &style->background, 0.85);
  cairo_stroke (cr);
  cairo_move_to (cr, x - xalign * w - (double) logical.x / PANGO_SCALE,
                 y - yalign * h - (double) logical.y / PANGO_SCALE);
  glmcc_plot_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  cairo_restore (cr);
}

char *
glmcc_plot_format_count (guint64 value)
{
  char digits[32];
  GString *text = g_string_new (NULL);
  /* The user's thousands separator ("." under de_DE); the C locale has none, and a comma it is. */
  const char *separator = nl_langinfo (THOUSEP);
  gsize len;

  if (separator == NULL || *separator == '\0')
    separator = ",";
  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}
