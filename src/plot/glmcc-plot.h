/* glmcc-plot.h: cairo + pango renderers of the correlogram, the matrix and the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every renderer is a pure function of (cairo_t, width, height, data, style): it draws the
 * whole figure into the rectangle (0, 0, width, height) of the current user space and keeps
 * no state. The same call draws a GTK widget (inside gtk_snapshot_append_cairo(), with the
 * widget's size in logical pixels) and a file (glmcc_plot_export(), with the size in points),
 * so an exported figure is what the user saw.
 *
 * The data structs hold plain values (arrays and numbers) that the caller owns; nothing here
 * needs a fit or a recording. glmcc-plot-data.h builds them from the core's results.
 *
 * Sizes in a style (font size, line width) are in the same user-space units as width and
 * height: a 720 × 480 figure with an 11-unit font looks the same on screen (px) and in a
 * PDF (pt).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Style ------------------------------------------------------------------------------------ */

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} GlmccPlotColor;

typedef struct
{
  gboolean       dark;             /* informational: which default it came from */
  gboolean       fill_background;  /* paint the background first (FALSE: transparent) */
  GlmccPlotColor background;
  GlmccPlotColor foreground;       /* text, axes, node outlines */
  GlmccPlotColor muted;            /* secondary text, grid, delay markers */
  GlmccPlotColor bar;              /* correlogram bars */
  GlmccPlotColor slow;             /* the slow part a(t) */
  GlmccPlotColor fit;              /* the full fit exp(a + J·f) */
  GlmccPlotColor excitatory;       /* J > 0: coupling fill, E nodes, warm end of the colour map */
  GlmccPlotColor inhibitory;       /* J < 0: cool end */
  GlmccPlotColor neutral;          /* no connection, unlabelled neurons */
  GlmccPlotColor accent;           /* hover and selection highlights */
  char           font_family[64];
  double         font_size;        /* user-space units */
  double         line_width;       /* width of the fit curve; other lines are derived */
} GlmccPlotStyle;

/* The defaults: GNOME palette colours, "Sans" at 11 units. */
void     glmcc_plot_style_init_light (GlmccPlotStyle       *style);
void     glmcc_plot_style_init_dark  (GlmccPlotStyle       *style);
/* Convenience for GTK: 8-bit or 0..1 colour from "#rrggbb". FALSE if unparsable. */
gboolean glmcc_plot_color_parse      (GlmccPlotColor       *color,
                                      const char           *text);

/* Axis helpers ----------------------------------------------------------------------------- */

/* "Nice" ticks by the 1, 2, 5 × 10^k rule: a step close to (hi − lo) / @target, and the
 * multiples of it inside [lo, hi]. Returns the number of ticks (≤ @max_ticks) written to
 * @ticks (which may be NULL to only count); *step receives the step. */
guint    glmcc_plot_nice_ticks       (double                lo,
                                      double                hi,
                                      guint                 target,
                                      double               *ticks,
                                      guint                 max_ticks,
                                      double               *step);
/* The 1, 2, 5 × 10^k value nearest above @raw (> 0). */
double   glmcc_plot_nice_step        (double                raw);
/* Formats @value for a tick with the given step: as many decimals as the step needs, a true
 * minus sign (U+2212). Returns a newly allocated string. */
char    *glmcc_plot_format_tick      (double                value,
                                      double                step);

/* Correlogram ------------------------------------------------------------------------------ */

typedef enum
{
  GLMCC_PLOT_UNIT_COUNT,   /* count per bin */
  GLMCC_PLOT_UNIT_RATE,    /* Hz: count / (n_ref_spikes · Δ / 1000) */
} GlmccPlotUnit;

/* One direction of the pair as the side panel prints it. */
typedef struct
{
  const char *status;      /* human words ("significant", "not significant", …); NULL: not fitted */
  gboolean    significant;
  double      j;
  double      psp_mv;
  double      threshold;   /* Wald: |J| must exceed it; NAN for LR */
  double      statistic;   /* LR: 2·D; Wald: NAN or the ratio J / threshold */
  double      p_value;     /* NAN when not known */
  double      delay_ms;
} GlmccCcgSide;

typedef struct
{
  /* The correlogram: n_bins bins of width bin_ms over (−window_ms, window_ms);
   * bin k covers (−W + kΔ, −W + (k+1)Δ]. */
  guint          n_bins;
  double         window_ms;
  double         bin_ms;
  const double  *counts;           /* n_bins lag counts per bin */
  double         n_ref_spikes;     /* spikes of the reference neuron (for the rate unit) */
  GlmccPlotUnit  unit;

  /* The fit λ(t) = exp (a(t) + J+ f(t) + J− f(−t)) in lags per ms; has_fit FALSE draws the
   * bars alone. a has n_bins values (a_k, log of lags per ms); a(t) is drawn as a smooth
   * line through the bin centres (the prior makes it smooth; the fit's values at the centres
   * are exact). */
  gboolean       has_fit;
  const double  *a;
  double         j_plus;           /* acts on t > d: reference → target */
  double         j_minus;          /* acts on t < −d: target → reference */
  double         delay_ms;         /* d */
  double         tau_ms;           /* τ of the kernel f(s) = exp (−(s − d)/τ), s ≥ d */
  double         exclude_center_ms;/* |t| ≤ this was left out of the fit (0: none) */

  /* Text. */
  const char    *ref_name;
  const char    *target_name;
  const char    *title;            /* NULL: "ref → target" */
  const char    *subtitle;         /* NULL: none; e.g. spike counts and parameters */
  GlmccCcgSide   forward;          /* ref → target (J+) */
  GlmccCcgSide   backward;         /* target → ref (J−) */
} GlmccCcgPlot;

/* Zeroes @data and sets the unit to counts, the statuses to "not fitted", NaN p-values. */
void     glmcc_ccg_plot_init         (GlmccCcgPlot         *data);

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} GlmccPlotRect;

/* Where things go, computed from the size, the data and the style's font size only (no text
 * measurement), so hit testing and tests can use it without a cairo context. */
typedef struct
{
  GlmccPlotRect plot;              /* the data area */
  GlmccPlotRect panel;             /* the side panel (or the strip above the plot) */
  gboolean      side_panel;        /* TRUE: panel right of the plot; FALSE: above it */
  double        lag_min;           /* −W */
  double        lag_max;           /* W */
  double        value_max;         /* top of the value axis (its bottom is 0) */
  double        value_step;        /* tick step of the value axis */
  double        lag_step;          /* tick step of the lag axis */
} GlmccCcgLayout;

void     glmcc_plot_ccg_get_layout   (double                width,
                                      double                height,
                                      const GlmccCcgPlot   *data,
                                      const GlmccPlotStyle *style,
                                      GlmccCcgLayout       *layout);
double   glmcc_plot_ccg_lag_to_x     (const GlmccCcgLayout *layout,
                                      double                lag_ms);
double   glmcc_plot_ccg_x_to_lag     (const GlmccCcgLayout *layout,
                                      double                x);
double   glmcc_plot_ccg_value_to_y   (const GlmccCcgLayout *layout,
                                      double                value);

/* The value a bin's bar shows, in the data's unit. */
double   glmcc_ccg_plot_bar_value    (const GlmccCcgPlot   *data,
                                      guint                 bin);
/* The curves at @lag_ms in the data's unit (expected count per bin, or Hz): @slow is
 * Δ·exp(a(t)), @fit is Δ·exp(a(t) + J+ f(t) + J− f(−t)). FALSE without a fit. */
gboolean glmcc_ccg_plot_evaluate     (const GlmccCcgPlot   *data,
                                      double                lag_ms,
                                      double               *slow,
                                      double               *fit);
/* a(t) interpolated linearly between bin centres, constant in the outer half bins. */
double   glmcc_ccg_plot_slow_log     (const GlmccCcgPlot   *data,
                                      double                lag_ms);
/* The unit's axis title: "count per bin" or "rate (Hz)". */
const char *glmcc_plot_unit_label    (GlmccPlotUnit         unit);

/* Draws the correlogram figure. @style NULL: the light default. */
void     glmcc_plot_ccg              (cairo_t              *cr,
                                      double                width,
                                      double                height,
                                      const GlmccCcgPlot   *data,
                                      const GlmccPlotStyle *style);

typedef struct
{
  guint    bin;        /* the bin under the pointer */
  double   bin_start;  /* its lags (bin_start, bin_end] */
  double   bin_end;
  double   lag_ms;     /* the lag under the pointer */
  double   count;      /* the bar, in the data's unit */
  double   raw_count;  /* the bar as a count */
  gboolean has_fit;
  double   slow;       /* the curves at lag_ms, in the data's unit */
  double   fit;
} GlmccCcgHit;

/* TRUE when (x, y) is inside the plot area of a figure of that size; fills @hit. A pure
 * function: the GTK view calls it from its motion controller for the hover readout. */
gboolean glmcc_plot_ccg_hit_test     (double                width,
                                      double                height,
                                      const GlmccCcgPlot   *data,
                                      const GlmccPlotStyle *style,
                                      double                x,
                                      double                y,
                                      GlmccCcgHit          *hit);

/* Matrix and network ----------------------------------------------------------------------- */

typedef enum
{
  GLMCC_PLOT_NODE_UNKNOWN,
  GLMCC_PLOT_NODE_EXCITATORY,
  GLMCC_PLOT_NODE_INHIBITORY,
} GlmccPlotNodeType;

/* A person's verdict on a directed edge (the values of the core's GlmccMark). */
typedef enum
{
  GLMCC_PLOT_MARK_NONE,
  GLMCC_PLOT_MARK_ACCEPTED,   /* matrix: solid outline */
  GLMCC_PLOT_MARK_REJECTED,   /* matrix: dashed outline and a slash; network: dashed, muted */
  GLMCC_PLOT_MARK_UNSURE,     /* matrix: dotted outline */
} GlmccPlotMark;

typedef struct
{
  guint                     n;
  const char * const       *names;     /* n names; NULL: "0", "1", … */
  const double             *psp_mv;    /* n × n, psp_mv[pre * n + post]; 0: none; NAN: not computed */
  const GlmccPlotNodeType  *types;     /* n, or NULL: all unknown */
  const double             *positions; /* 2n (x, y) in any units, y down; NULL: a circle */
  const char               *title;     /* NULL: none */
  int                       highlight_pre;  /* a selected edge or cell, −1: none */
  int                       highlight_post;
  const guint8             *marks;     /* n × n GlmccPlotMark, [pre * n + post]; NULL: none */
} GlmccNetworkPlot;

void     glmcc_network_plot_init     (GlmccNetworkPlot     *data);

/* The colour of @psp_mv on the diverging map whose ends are ±@limit_mv: excitatory warm,
 * inhibitory cool, 0 the background (white in the light style). */
void     glmcc_plot_psp_color        (const GlmccPlotStyle *style,
                                      double                psp_mv,
                                      double                limit_mv,
                                      GlmccPlotColor       *color);

typedef struct
{
  GlmccPlotRect cells;      /* the n × n grid */
  GlmccPlotRect colorbar;
  double        cell_size;
  double        limit_mv;   /* the colour map spans [−limit, limit] */
} GlmccMatrixLayout;

void     glmcc_plot_matrix_get_layout (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       GlmccMatrixLayout      *layout);
/* N × N connectivity matrix: rows presynaptic, columns postsynaptic, a colour bar in mV. */
void     glmcc_plot_matrix           (cairo_t                *cr,
                                      double                  width,
                                      double                  height,
                                      const GlmccNetworkPlot *data,
                                      const GlmccPlotStyle   *style);
/* TRUE when (x, y) is on a cell; *pre and *post receive its row and column. */
gboolean glmcc_plot_matrix_hit_test  (double                  width,
                                      double                  height,
                                      const GlmccNetworkPlot *data,
                                      const GlmccPlotStyle   *style,
                                      double                  x,
                                      double                  y,
                                      guint                  *pre,
                                      guint                  *post);

/* Node centres (2n doubles) and radius of the network figure of that size. */
void     glmcc_plot_network_get_nodes (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       double                 *centres,
                                       double                 *radius);
/* Directed graph: nodes coloured by E/I label and named, an arrow for every connection
 * (psp ≠ 0) with width ∝ |PSP| and colour by sign. */
void     glmcc_plot_network          (cairo_t                *cr,
                                      double                  width,
                                      double                  height,
                                      const GlmccNetworkPlot *data,
                                      const GlmccPlotStyle   *style);

typedef enum
{
  GLMCC_NETWORK_HIT_NONE,
  GLMCC_NETWORK_HIT_NODE,
  GLMCC_NETWORK_HIT_EDGE,
} GlmccNetworkHitKind;

/* A node under (x, y) wins over an edge near it. NODE fills *pre; EDGE fills *pre and *post. */
GlmccNetworkHitKind glmcc_plot_network_hit_test (double                  width,
                                                 double                  height,
                                                 const GlmccNetworkPlot *data,
                                                 const GlmccPlotStyle   *style,
                                                 double                  x,
                                                 double                  y,
                                                 guint                  *pre,
                                                 guint                  *post);

/* File export ------------------------------------------------------------------------------ */

typedef enum
{
  GLMCC_PLOT_FORMAT_AUTO,   /* from the file name's extension */
  GLMCC_PLOT_FORMAT_PNG,
  GLMCC_PLOT_FORMAT_SVG,
  GLMCC_PLOT_FORMAT_PDF,
} GlmccPlotFormat;

typedef void (*GlmccPlotDrawFunc) (cairo_t  *cr,
                                   double    width,
                                   double    height,
                                   gpointer  user_data);

/* By extension (case-insensitive .png, .svg, .pdf); AUTO when unknown. */
GlmccPlotFormat glmcc_plot_format_from_path (const char *path);

/* Writes a figure of width_pt × height_pt points drawn by @draw (called once with the size
 * in points). PNG is rasterised at @dpi (the image is width_pt·dpi/72 pixels wide); SVG and
 * PDF are vector and ignore @dpi. With GLMCC_PLOT_FORMAT_AUTO the format comes from the
 * extension. Fails with GLMCC_ERROR_IO (the message names the file) or
 * GLMCC_ERROR_UNSUPPORTED for an unknown extension. */
gboolean glmcc_plot_export           (const char           *path,
                                      GlmccPlotFormat       format,
                                      double                width_pt,
                                      double                height_pt,
                                      double                dpi,
                                      GlmccPlotDrawFunc     draw,
                                      gpointer              user_data,
                                      GError              **error);

/* Convenience wrappers of glmcc_plot_export() for the three figures. */
gboolean glmcc_plot_export_ccg       (const char           *path,
                                      GlmccPlotFormat       format,
                                      double                width_pt,
                                      double                height_pt,
                                      double                dpi,
                                      const GlmccCcgPlot   *data,
                                      const GlmccPlotStyle *style,
                                      GError              **error);
gboolean glmcc_plot_export_matrix    (const char             *path,
                                      GlmccPlotFormat         format,
                                      double                  width_pt,
                                      double                  height_pt,
                                      double                  dpi,
                                      const GlmccNetworkPlot *data,
                                      const GlmccPlotStyle   *style,
                                      GError                **error);
gboolean glmcc_plot_export_network   (const char             *path,
                                      GlmccPlotFormat         format,
                                      double                  width_pt,
                                      double                  height_pt,
                                      double                  dpi,
                                      const GlmccNetworkPlot *data,
                                      const GlmccPlotStyle   *style,
                                      GError                **error);

G_END_DECLS
