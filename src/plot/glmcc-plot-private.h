/* glmcc-plot-private.h: drawing helpers shared by the renderers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "glmcc-plot.h"

G_BEGIN_DECLS

/* Estimated advance of one character, in units of the font size (DejaVu Sans/Cantarell-like
 * proportions, slightly generous): layouts reserve room from this, without measuring. */
#define GLMCC_PLOT_CHAR_WIDTH 0.62
/* Distance between text lines, in units of the font size. */
#define GLMCC_PLOT_LINE_HEIGHT 1.4

const GlmccPlotStyle *glmcc_plot_style_or_default (const GlmccPlotStyle *style,
                                                   GlmccPlotStyle       *storage);

void     glmcc_plot_set_color       (cairo_t              *cr,
                                     const GlmccPlotColor *color);
void     glmcc_plot_set_color_alpha (cairo_t              *cr,
                                     const GlmccPlotColor *color,
                                     double                alpha);
void     glmcc_plot_paint_background (cairo_t              *cr,
                                      double                width,
                                      double                height,
                                      const GlmccPlotStyle *style);
/* Mixes @a and @b: t = 0 gives a, t = 1 gives b. */
void     glmcc_plot_color_mix       (const GlmccPlotColor *a,
                                     const GlmccPlotColor *b,
                                     double                t,
                                     GlmccPlotColor       *out);

/* A layout in the style's font at @scale × font size, hinting off so that every surface
 * lays text out alike. */
PangoLayout *glmcc_plot_layout_new  (cairo_t              *cr,
                                     const GlmccPlotStyle *style,
                                     double                scale,
                                     gboolean              bold,
                                     const char           *text);
/* Draws @text with its logical box aligned at (x, y): xalign 0 left … 1 right, yalign 0 top
 * … 1 bottom. @angle in radians, counter-clockwise positive turns the text about (x, y).
 * Returns the width of the text. */
double   glmcc_plot_text            (cairo_t              *cr,
                                     const GlmccPlotStyle *style,
                                     const GlmccPlotColor *color,
                                     const char           *text,
                                     double                x,
                                     double                y,
                                     double                xalign,
                                     double                yalign,
                                     double                scale,
                                     gboolean              bold,
                                     double                angle);
/* Like glmcc_plot_text() but shrinks the text (down to 70 %) and then ellipsizes it to fit
 * @max_width. */
void     glmcc_plot_text_fit        (cairo_t              *cr,
                                     const GlmccPlotStyle *style,
                                     const GlmccPlotColor *color,
                                     const char           *text,
                                     double                x,
                                     double                y,
                                     double                max_width,
                                     double                scale,
                                     gboolean              bold);
/* Estimated width of @text (see GLMCC_PLOT_CHAR_WIDTH). */
double   glmcc_plot_text_estimate   (const GlmccPlotStyle *style,
                                     const char           *text,
                                     double                scale);
/* Crisp horizontal and vertical lines: rounds @v to the pixel centre for a line of @width in
 * device space when the user space is unscaled. */
double   glmcc_plot_snap            (double                v,
                                     double                width);

/* A compact number for labels: 3 significant digits, true minus sign. */
char    *glmcc_plot_format_value    (double                value);
/* Up to 3 decimals without trailing zeros ("2", "0.5", "1.25"), true minus sign. */
char    *glmcc_plot_format_compact  (double                value);

void     glmcc_plot_arrow_head      (cairo_t              *cr,
                                     double                x,
                                     double                y,
                                     double                angle,
                                     double                size);

G_END_DECLS
