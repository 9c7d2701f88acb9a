/* plot-test-util.h: synthetic figures and pixel helpers for the renderer tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "glmcc-plot.h"

G_BEGIN_DECLS

#define TEST_N_BINS 100

typedef struct
{
  GlmccCcgPlot plot;
  double       counts[TEST_N_BINS];
  double       a[TEST_N_BINS];
} TestCcg;

/* W = 50, Δ = 1, d = 2, τ = 4, J+ = 1.2 (significant), J− = −0.6 (not significant); bin 10
 * is empty; counts are the model's expectation with a fixed ±15 % jitter. */
void             test_ccg_init          (TestCcg          *ccg);

/* Renders @data at width × height into a new image surface (light style unless @style). */
cairo_surface_t *test_render_ccg        (const GlmccCcgPlot   *data,
                                         const GlmccPlotStyle *style,
                                         int                   width,
                                         int                   height);

/* The un-premultiplied colour of pixel (x, y). */
void             test_pixel             (cairo_surface_t  *surface,
                                         int               x,
                                         int               y,
                                         GlmccPlotColor   *color);
/* Euclidean distance of two colours in 0..255 RGB units. */
double           test_color_distance    (const GlmccPlotColor *a,
                                         const GlmccPlotColor *b);
/* Smallest distance to @color among the pixels within @radius of (x, y). */
double           test_nearest_color     (cairo_surface_t      *surface,
                                         double                x,
                                         double                y,
                                         int                   radius,
                                         const GlmccPlotColor *color);
double           test_luminance         (const GlmccPlotColor *color);

/* A temporary directory removed by test_tmpdir_free(). */
char            *test_tmpdir_new        (void);
void             test_tmpdir_free       (char             *dir);
/* When GLMCC_PLOT_OUTPUT_DIR is set, the tests also write their figures there for a look. */
const char      *test_output_dir        (void);

G_END_DECLS
