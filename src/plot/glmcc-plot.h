/* glmcc-plot.h: cairo + pango renderers of the correlogram, the matrix and the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every renderer is a function of (cairo_t, width, height, data, style), and for the matrix
 * and the network of a view state too (pan and zoom, a neuron in focus, what the pointer is
 * over): it draws the whole figure into the rectangle (0, 0, width, height) of the current
 * user space. The same call draws a GTK widget (inside gtk_snapshot_append_cairo(), with the
 * widget's size in logical pixels) and a file (glmcc_plot_export(), with the size in points),
 * so an exported figure is what the user saw. The matrix and network keep state only in a
 * GlmccPlotCache the caller passes (or not): their static layer as an image, so that a
 * hover or a pan redraws only what changed.
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
#include <gio/gio.h>

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

  /* The two neurons' autocorrelograms (glmcc_autocorrelogram()), drawn beside the
   * cross-correlogram when both are set: bursts and refractoriness explain many correlogram
   * shapes. acg_n_bins bins over (−acg_window_ms, acg_window_ms). */
  guint          acg_n_bins;
  double         acg_window_ms;
  const double  *ref_acg;
  const double  *target_acg;
  double         n_target_spikes;  /* for the rate unit of the target's autocorrelogram */

  /* A detection method's bands over the correlogram's n_bins bins, in counts per bin (a
   * GlmccMethodBands): what it expects without a connection, the band one bin alone leaves with
   * probability α, and the global band whose crossing (inside the lags it tests) is its
   * decision. NULL arrays and NAN entries are not drawn. */
  const double  *band_expected;
  const double  *band_pointwise_lo;
  const double  *band_pointwise_hi;
  const double  *band_global_lo;
  const double  *band_global_hi;
  /* The sides are a baseline's edges: J is its signed strength (relative excess of lags) and
   * statistic its z or largest standardised deviation, both shown as such. */
  gboolean       baseline;
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
  gboolean      has_acgs;          /* the autocorrelograms are drawn (they fit) */
  GlmccPlotRect ref_acg;           /* their plot areas */
  GlmccPlotRect target_acg;
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

/* Scores against a ground truth -------------------------------------------------------------- */

/* The classes a detection is scored in: excitatory, inhibitory, all (right sign only). */
#define GLMCC_PLOT_SCORE_CLASSES 3

/* One run's curves (a GlmccScoreCurves): per class the ROC points (fpr, tpr) and precision
 * (NAN before the first detection), from (0, 0) to the lowest threshold; and the scatter of
 * estimated against true PSP. */
typedef struct
{
  const char     *label;                        /* the method or run: "GLMCC", "cc" … */
  guint           n_points[GLMCC_PLOT_SCORE_CLASSES];
  const double   *fpr[GLMCC_PLOT_SCORE_CLASSES];
  const double   *tpr[GLMCC_PLOT_SCORE_CLASSES];
  const double   *precision[GLMCC_PLOT_SCORE_CLASSES];
  double          auc[GLMCC_PLOT_SCORE_CLASSES];
  double          average_precision[GLMCC_PLOT_SCORE_CLASSES];
  double          positive_share[GLMCC_PLOT_SCORE_CLASSES];  /* P / (P + N): a chance PR curve */
  guint           n_scatter;
  const double   *true_psp;                     /* mV; 0 for a pair without a synapse */
  const double   *estimated;                    /* mV (GLMCC) or the baseline's strength */
  const gboolean *detected;                     /* significant with the right sign */
  gboolean        estimated_is_psp;             /* FALSE: a baseline's strength, not mV */
} GlmccScoreSeries;

typedef struct
{
  guint                   n_series;
  const GlmccScoreSeries *series;
  const char             *title;     /* NULL: none */
  const char             *subtitle;  /* NULL: none */
} GlmccScorePlot;

/* ROC curves (top row) and precision–recall curves (bottom row) for excitatory, inhibitory and
 * all connections, one colour per series, each labelled with its AUC and average precision;
 * with a single series, also the scatter of estimated against true PSP (detected synapses in
 * their sign's colour, missed ones grey, false positives at a true PSP of 0). */
void     glmcc_plot_score             (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const GlmccScorePlot   *data,
                                       const GlmccPlotStyle   *style);

/* Planning a recording ------------------------------------------------------------------------ */

/* The recording time a connection needs against its size, for both signs (a glmcc-plan.h plan
 * per point). Times may be INFINITY (not within reach); those points are left out. */
typedef struct
{
  guint         n_points;
  const double *psp_mv;                   /* |PSP|, ascending, > 0 */
  const double *time_excitatory_s;        /* for the planned power */
  const double *time_inhibitory_s;
  const double *time_even_excitatory_s;   /* for an even chance (dashed); NULL: not drawn */
  const double *time_even_inhibitory_s;
  double        power;
  double        marker_psp_mv;            /* the connection asked about (signed); 0: none */
  double        marker_time_s;
  double        recording_s;              /* a recording's length, as a line; ≤ 0 or NAN: none */
  const char   *title;                    /* NULL: none */
  const char   *subtitle;
} GlmccPlanPlot;

/* Log–log: |PSP| across, recording time up (with guides at a minute, an hour, a day), the
 * excitatory curve warm, the inhibitory cool, the even-chance curves dashed. */
void     glmcc_plot_plan              (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const GlmccPlanPlot    *data,
                                       const GlmccPlotStyle   *style);

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

/* How a directed edge compares with a ground truth (the core's GlmccScoreOutcome, reduced to
 * what a figure shows). */
typedef enum
{
  GLMCC_PLOT_TRUTH_NONE,             /* no truth, not computed, or a true negative */
  GLMCC_PLOT_TRUTH_TRUE_POSITIVE,    /* matrix: a dot; network: nothing added */
  GLMCC_PLOT_TRUTH_FALSE_POSITIVE,   /* a detection without a synapse (or of the wrong sign):
                                      * matrix: a cross; network: a cross on the edge */
  GLMCC_PLOT_TRUTH_FALSE_NEGATIVE,   /* a synapse not found: matrix: a ring; network: a dotted
                                      * line in the muted colour */
} GlmccPlotTruth;

/* The mark of one curated edge. */
typedef struct
{
  guint         pre;
  guint         post;
  GlmccPlotMark mark;
} GlmccPlotMarkedEdge;

/* One connection with the numbers a readout shows. */
typedef struct
{
  guint  pre;
  guint  post;
  double psp_mv;      /* signed: positive excitatory */
  double j;
  double p_value;     /* NAN: unknown */
  double statistic;   /* Wald: J / its threshold-defining error; LR: 2·D; NAN: unknown */
  double delay_ms;    /* NAN: unknown */
} GlmccPlotEdge;

/* Which connections are drawn. All zero (or glmcc_plot_filter_init()) draws every one. */
typedef struct
{
  double        min_abs_psp_mv;   /* hide |PSP| below this (0: none) */
  double        max_p_value;      /* hide p above this; ≤ 0 or NAN: no threshold (unknown p passes) */
  double        min_statistic;    /* hide |statistic| below this; ≤ 0 or NAN: none (unknown passes) */
  gboolean      hide_excitatory;
  gboolean      hide_inhibitory;
  const guint8 *mask;             /* n × n, mask[pre * n + post] == 0 hides that connection (the
                                   * app's curation state and pair-table filter); NULL: none */
} GlmccPlotFilter;

void     glmcc_plot_filter_init      (GlmccPlotFilter      *filter);
/* TRUE when @filter lets @edge through (the mask of an n-neuron figure included). */
gboolean glmcc_plot_filter_accepts   (const GlmccPlotFilter *filter,
                                      guint                  n,
                                      const GlmccPlotEdge   *edge);

/* Axes and column labels of a layout by recording position (glmcc_plot_layout_position()). */
#define GLMCC_PLOT_MAX_COLUMNS 32
typedef struct
{
  gboolean stretch;              /* fit x and y to the area independently (no aspect ratio) */
  double   x_min;                /* the layout's width, columns included, when x_max > x_min */
  double   x_max;
  char     y_title[48];          /* a vertical axis beside the nodes; "": none */
  double   y_scale;              /* its value at layout y is y_scale · y + y_offset */
  double   y_offset;
  guint    n_columns;            /* labels under the columns of nodes (shanks) */
  double   column_x[GLMCC_PLOT_MAX_COLUMNS];       /* in layout x */
  char     column_label[GLMCC_PLOT_MAX_COLUMNS][24];
} GlmccPlotGuides;

typedef struct
{
  guint                     n;
  const char * const       *names;     /* n names; NULL: "0", "1", … */
  const double             *psp_mv;    /* n × n, psp_mv[pre * n + post]; 0: none; NAN: not computed.
                                        * NULL: the matrix is built from @edges */
  const GlmccPlotNodeType  *types;     /* n, or NULL: all unknown */
  const double             *positions; /* 2n (x, y) layout coordinates, y down, any units (a
                                        * glmcc_plot_layout_*() result); NULL: a circle by index */
  const char               *title;     /* NULL: none */
  int                       highlight_pre;  /* the selected pair (an edge or a cell), −1: none */
  int                       highlight_post;

  /* Connections with their statistics. NULL: every finite non-zero psp_mv off the diagonal,
   * without p, statistic or delay. */
  const GlmccPlotEdge      *edges;
  guint                     n_edges;
  GlmccPlotFilter           filter;    /* applies to the network and the matrix */
  const double             *rates;     /* n firing rates in Hz (orderings), or NULL */
  const int                *groups;    /* n shank or electrode groups (≥ 0; −1 unknown), or NULL */
  const double             *recording_positions; /* 2n (x, y) from the loader, y along the probe
                                                  * (NAN: unknown), or NULL */
  const GlmccPlotGuides    *guides;    /* network: axes of a position layout; NULL: none */
  /* Matrix: row and column k show neuron order[k] (NULL: index order); lines separate
   * neighbours of different blocks[neuron] (type, cluster or shank; NULL: no lines). */
  const guint              *order;
  const int                *blocks;
  /* Matrix colour scale: full colour at this percentile of |PSP| (E and I each on their own
   * scale unless @shared_scale), larger values clipped to it. 0: 95; ≥ 100: the largest. */
  double                    clip_percentile;
  gboolean                  shared_scale;
  /* The curated edges, sorted by pre and then post: as many as a person marked, never n × n.
   * The matrix outlines their cells; the network draws a rejected connection dashed in the
   * muted colour. NULL: none. */
  const GlmccPlotMarkedEdge *marks;
  guint                     n_marks;
  /* n × n GlmccPlotTruth values, [pre * n + post]: true and false detections against a ground
   * truth, marked in the matrix and the network. NULL: none. */
  const guint8             *truth;
  /* Matrix: the pairs an incomplete run has not computed yet, drawn grey ("not tested"), as
   * the NaNs of psp_mv are: n × n, nonzero at [pre * n + post]. For a caller that passes
   * @edges without psp_mv. NULL: none (beyond psp_mv's NaNs). */
  const guint8             *pending;
} GlmccNetworkPlot;

void     glmcc_network_plot_init     (GlmccNetworkPlot     *data);
/* The mark of pre → post among @data's marks (a binary search); NONE when it has none. */
GlmccPlotMark glmcc_network_plot_get_mark (const GlmccNetworkPlot *data,
                                           guint                   pre,
                                           guint                   post);

/* The colour of @psp_mv on the diverging map whose ends are ±@limit_mv: excitatory warm,
 * inhibitory cool, 0 the background (white in the light style). */
void     glmcc_plot_psp_color        (const GlmccPlotStyle *style,
                                      double                psp_mv,
                                      double                limit_mv,
                                      GlmccPlotColor       *color);

/* A robust colour scale: what the matrix maps to full colour. */
typedef struct
{
  double excitatory_limit;   /* PSP (mV) at full warm colour; larger PSPs are clipped */
  double inhibitory_limit;   /* |PSP| (mV) at full cool colour */
  double excitatory_max;     /* the largest PSP, and the largest |PSP| of an inhibitory one */
  double inhibitory_max;     /* (0 when there is none): a colour bar shows what was clipped */
  double floor;              /* the colour intensity of the weakest connection (0..1) */
} GlmccPlotColorScale;

/* From the connections @data's filter lets through, with its clip_percentile and
 * shared_scale. Limits are rounded up to two significant digits. */
void     glmcc_plot_color_scale_compute (const GlmccNetworkPlot    *data,
                                         GlmccPlotColorScale       *scale);
/* 0 and NaN: the background; any connection at least scale->floor of the way to its end
 * colour, so that a −0.2 mV IPSP stays visible next to +6 mV EPSPs. */
void     glmcc_plot_color_scale_color   (const GlmccPlotStyle      *style,
                                         const GlmccPlotColorScale *scale,
                                         double                     psp_mv,
                                         GlmccPlotColor            *color);

/* View state ------------------------------------------------------------------------------- */

/* Pan and zoom: a point u of the figure drawn at zoom 1 appears at zoom · u + pan (user-space
 * units). The identity (zoom 1, pan 0) shows the whole figure. */
typedef struct
{
  double zoom;
  double pan_x;
  double pan_y;
} GlmccPlotTransform;

/* What a view changes on every gesture; all of it is cheap to redraw with a cache. */
typedef struct
{
  GlmccPlotTransform transform;
  int      focus;        /* the neuron in focus: its connections stand out, the rest fades; −1 */
  int      hover_node;   /* network: the node under the pointer; −1 */
  int      hover_pre;    /* the connection (network) or cell (matrix) under the pointer; −1 */
  int      hover_post;
  gboolean panning;      /* a pan or zoom gesture is under way: a cache moves and scales its
                          * image instead of redrawing it, and redraws once this is FALSE */
} GlmccPlotView;

void     glmcc_plot_view_init          (GlmccPlotView      *view);
/* Zooms by @factor keeping the point (x, y) under the pointer where it is. */
void     glmcc_plot_transform_zoom_at  (GlmccPlotTransform *transform,
                                        double              factor,
                                        double              x,
                                        double              y);
void     glmcc_plot_transform_apply    (const GlmccPlotTransform *transform,
                                        double             *x,
                                        double             *y);
void     glmcc_plot_transform_invert   (const GlmccPlotTransform *transform,
                                        double             *x,
                                        double             *y);

/* What is under the pointer, with the readout of a connection. */
typedef enum
{
  GLMCC_NETWORK_HIT_NONE,
  GLMCC_NETWORK_HIT_NODE,
  GLMCC_NETWORK_HIT_EDGE,
} GlmccNetworkHitKind;

typedef struct
{
  GlmccNetworkHitKind kind;
  guint               pre;      /* NODE: the neuron; EDGE and a matrix cell: the connection */
  guint               post;
  gboolean            has_edge; /* a drawn connection (network edge, or a coloured cell) */
  GlmccPlotEdge       edge;     /* its numbers (NAN where unknown) */
} GlmccPlotHit;

/* A cache of the static layer --------------------------------------------------------------- */

/* Holds the static layer of one view (the figure without hover and selection highlights, at
 * one size and zoom) as an image surface, and what hit testing needs. Pass it to
 * glmcc_plot_network_draw() or glmcc_plot_matrix_draw(): a hover redraws only the highlights
 * over the image, a pan (view->panning) shifts the image, and the image is redrawn when the
 * size, zoom, focus or style changes, or when the pan ends. The cache cannot see changes made
 * in place to the data's arrays: call glmcc_plot_cache_invalidate() after them. One thread
 * at a time may use a cache. */
typedef struct _GlmccPlotCache GlmccPlotCache;

GlmccPlotCache  *glmcc_plot_cache_new          (void);
void             glmcc_plot_cache_free         (GlmccPlotCache *cache);
void             glmcc_plot_cache_invalidate   (GlmccPlotCache *cache);
/* Device pixels per user-space unit of the image (a HiDPI widget's scale factor). 0, the
 * default: taken from the cairo_t's matrix when drawing. */
void             glmcc_plot_cache_set_scale    (GlmccPlotCache *cache,
                                                double          scale);
/* The static layer as drawn last (NULL before the first draw): width·scale × height·scale
 * pixels, for a texture. Its serial changes whenever it is redrawn. */
cairo_surface_t *glmcc_plot_cache_get_surface  (GlmccPlotCache *cache);
guint64          glmcc_plot_cache_get_serial   (GlmccPlotCache *cache);
/* How many times the static layer was drawn: lets tests and benchmarks see a cache hit. */
guint            glmcc_plot_cache_get_n_renders (GlmccPlotCache *cache);
/* For a widget that shows the static layer as a texture: where its content goes at @view's
 * transform during a gesture (view->panning). The frame (title, legend, axes) stays where it
 * is; the part of the image inside @area is scaled by *scale and then moved by (*dx, *dy),
 * clipped to @area, over the background. (1, 0, 0) when the layer matches the view. */
void             glmcc_plot_cache_get_content  (GlmccPlotCache      *cache,
                                                const GlmccPlotView *view,
                                                GlmccPlotRect       *area,
                                                double              *scale,
                                                double              *dx,
                                                double              *dy);
/* glmcc_plot_network_clamp_transform() or glmcc_plot_matrix_clamp_transform() with the layout
 * the cache holds, without laying the figure out again: for a view that clamps on every
 * scroll or drag event. FALSE, and @transform unchanged, while the cache holds no layer. */
gboolean         glmcc_plot_cache_clamp_transform (GlmccPlotCache     *cache,
                                                   GlmccPlotTransform *transform);

/* Matrix ----------------------------------------------------------------------------------- */

typedef struct
{
  GlmccPlotRect       cells;      /* the n × n grid at zoom 1 (and the clip of every zoom) */
  GlmccPlotRect       colorbar;
  double              cell_size;  /* at zoom 1 */
  double              limit_mv;   /* the larger of the two colour limits */
  GlmccPlotColorScale scale;
} GlmccMatrixLayout;

typedef enum
{
  GLMCC_PLOT_ORDER_INDEX,      /* the recording's order */
  GLMCC_PLOT_ORDER_TYPE,       /* excitatory, inhibitory, unlabelled; each by rate, highest first */
  GLMCC_PLOT_ORDER_POSITION,   /* by shank, then along the probe from its top */
  GLMCC_PLOT_ORDER_CLUSTER,    /* communities of the connectivity (Louvain modularity on |PSP|) */
} GlmccPlotOrder;

/* Fills @order (n neurons, for data->order) and, unless NULL, @blocks (n, for data->blocks)
 * from @data's types, rates, groups, recording positions or connections (those the filter
 * lets through). Deterministic. */
void     glmcc_plot_order_neurons     (const GlmccNetworkPlot *data,
                                       GlmccPlotOrder          kind,
                                       guint                  *order,
                                       int                    *blocks);

void     glmcc_plot_matrix_get_layout (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       GlmccMatrixLayout      *layout);
/* Keeps the zoom in [1, the zoom at which a cell is 4 font sizes] and the grid over its
 * rectangle. */
void     glmcc_plot_matrix_clamp_transform (double                  width,
                                            double                  height,
                                            const GlmccNetworkPlot *data,
                                            const GlmccPlotStyle   *style,
                                            GlmccPlotTransform     *transform);
/* The N × N connectivity matrix (rows presynaptic, columns postsynaptic) and its colour bar,
 * zoomed and panned by @view (NULL: the whole matrix, no highlights), with the focus neuron's
 * row and column and the hovered cell marked. With @cache, only what changed is redrawn;
 * without, everything is drawn into @cr (exports). */
void     glmcc_plot_matrix_draw       (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       const GlmccPlotView    *view,
                                       GlmccPlotCache         *cache);
/* The two halves of glmcc_plot_matrix_draw() with a cache, for a widget that shows
 * glmcc_plot_cache_get_surface() as a texture: update_cache() redraws the static layer if the
 * size, zoom, data or style changed or a gesture ended (TRUE: a new texture is needed; at
 * glmcc_plot_cache_set_scale()'s scale), draw_highlights() draws the focus, hover and
 * selection over it. May run on any thread, one at a time per cache. */
gboolean glmcc_plot_matrix_update_cache    (GlmccPlotCache         *cache,
                                            double                  width,
                                            double                  height,
                                            const GlmccNetworkPlot *data,
                                            const GlmccPlotStyle   *style,
                                            const GlmccPlotView    *view);
void     glmcc_plot_matrix_draw_highlights (cairo_t                *cr,
                                            GlmccPlotCache         *cache,
                                            const GlmccNetworkPlot *data,
                                            const GlmccPlotView    *view);
/* The cell under (x, y) at @view's transform (NULL: identity), with the readout of its
 * connection when one is drawn there. FALSE off the grid. With the cache that drew the view,
 * no recomputation. */
gboolean glmcc_plot_matrix_pick       (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       const GlmccPlotView    *view,
                                       GlmccPlotCache         *cache,
                                       double                  x,
                                       double                  y,
                                       GlmccPlotHit           *hit);
/* glmcc_plot_matrix_draw() with no view and no cache. */
void     glmcc_plot_matrix            (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style);
/* glmcc_plot_matrix_pick() with no view. */
gboolean glmcc_plot_matrix_hit_test   (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       double                  x,
                                       double                  y,
                                       guint                  *pre,
                                       guint                  *post);

/* Network layouts -------------------------------------------------------------------------- */

typedef enum
{
  GLMCC_PLOT_LAYOUT_AUTO,       /* by position when the recording has positions or shanks, else a circle */
  GLMCC_PLOT_LAYOUT_CIRCLE,
  GLMCC_PLOT_LAYOUT_FORCE,
  GLMCC_PLOT_LAYOUT_POSITION,
} GlmccPlotLayoutKind;

/* Each writes 2n layout coordinates (for data->positions). */

/* A circle grouped by type (excitatory, inhibitory, unlabelled, a gap between groups), each
 * group by rate, highest first, clockwise from the top. */
void     glmcc_plot_layout_circle     (const GlmccNetworkPlot *data,
                                       double                 *positions);
/* Force-directed (Fruchterman–Reingold on the connections the filter lets through, weighted
 * by |PSP|): the same seed gives the same layout. Pure and thread-safe, to run off the main
 * thread: @data must not change meanwhile. FALSE (positions unset) when @cancellable fires. */
gboolean glmcc_plot_layout_force      (const GlmccNetworkPlot *data,
                                       guint64                 seed,
                                       GCancellable           *cancellable,
                                       double                 *positions);
/* By recording position: one column per shank (data->groups, else columns of the probe's x
 * set far apart), depth along the probe vertical with its top up, neurons at the same depth
 * side by side. Neurons without a position go below their shank's column. Fills @guides (its
 * axis and column labels) for data->guides. FALSE (nothing written) when no neuron has a
 * position or a group. */
gboolean glmcc_plot_layout_position   (const GlmccNetworkPlot *data,
                                       double                 *positions,
                                       GlmccPlotGuides        *guides);

/* Network ---------------------------------------------------------------------------------- */

/* Node centres (2n doubles) and radius of the network figure of that size at zoom 1. */
void     glmcc_plot_network_get_nodes (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       double                 *centres,
                                       double                 *radius);
/* The rectangle the nodes are fitted into (and the clip of every zoom). */
void     glmcc_plot_network_get_area  (double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       GlmccPlotRect          *area);
/* Keeps the zoom in [1, 64] and some of the drawing inside the area. */
void     glmcc_plot_network_clamp_transform (double                  width,
                                             double                  height,
                                             const GlmccNetworkPlot *data,
                                             const GlmccPlotStyle   *style,
                                             GlmccPlotTransform     *transform);
/* The directed graph: nodes coloured by type, a curved line for every connection the filter
 * lets through (bending to the right of its direction; width ∝ |PSP|, colour by sign, opacity
 * and width falling with their number; arrow heads while they are few), names where they fit,
 * a legend that flows onto as many lines as it needs. @view (NULL: whole figure, nothing
 * highlighted) zooms and pans, puts a neuron in focus (its connections drawn over the faded
 * rest, its partners named) and highlights the hovered node and connection; data's
 * highlight_pre/post is the selected pair. With @cache, only what changed is redrawn; without,
 * everything is drawn into @cr (SVG and PDF get vector lines). */
void     glmcc_plot_network_draw      (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style,
                                       const GlmccPlotView    *view,
                                       GlmccPlotCache         *cache);
/* As for the matrix: the static layer (with the focus, which fades the rest) brought up to
 * date, and the hover and selection drawn over it. */
gboolean glmcc_plot_network_update_cache    (GlmccPlotCache         *cache,
                                             double                  width,
                                             double                  height,
                                             const GlmccNetworkPlot *data,
                                             const GlmccPlotStyle   *style,
                                             const GlmccPlotView    *view);
void     glmcc_plot_network_draw_highlights (cairo_t                *cr,
                                             GlmccPlotCache         *cache,
                                             const GlmccNetworkPlot *data,
                                             const GlmccPlotView    *view);
/* The node or connection under (x, y) at @view's transform (NULL: identity): a node wins over
 * a connection near it; the nearest drawn connection within a few units otherwise (with a
 * neuron in @view's focus, only its connections: the rest is faded). With the cache that drew
 * the view, no recomputation. */
GlmccNetworkHitKind glmcc_plot_network_pick (double                  width,
                                             double                  height,
                                             const GlmccNetworkPlot *data,
                                             const GlmccPlotStyle   *style,
                                             const GlmccPlotView    *view,
                                             GlmccPlotCache         *cache,
                                             double                  x,
                                             double                  y,
                                             GlmccPlotHit           *hit);
/* glmcc_plot_network_draw() with no view and no cache. */
void     glmcc_plot_network           (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const GlmccNetworkPlot *data,
                                       const GlmccPlotStyle   *style);
/* glmcc_plot_network_pick() with no view: NODE fills *pre; EDGE fills *pre and *post. */
GlmccNetworkHitKind glmcc_plot_network_hit_test (double                  width,
                                                 double                  height,
                                                 const GlmccNetworkPlot *data,
                                                 const GlmccPlotStyle   *style,
                                                 double                  x,
                                                 double                  y,
                                                 guint                  *pre,
                                                 guint                  *post);

/* Figures at any size: @style's font size and line width scaled for a figure of width ×
 * height (1 at the default 640 × 600, never below 0.65 nor above 4), so that a small export
 * keeps legible text and a large one is not a thumbnail of text. */
void     glmcc_plot_style_scale_for_size (GlmccPlotStyle *style,
                                          double          width,
                                          double          height);

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

gboolean glmcc_plot_export_score     (const char             *path,
                                      GlmccPlotFormat         format,
                                      double                  width_pt,
                                      double                  height_pt,
                                      double                  dpi,
                                      const GlmccScorePlot   *data,
                                      const GlmccPlotStyle   *style,
                                      GError                **error);

gboolean glmcc_plot_export_plan      (const char             *path,
                                      GlmccPlotFormat         format,
                                      double                  width_pt,
                                      double                  height_pt,
                                      double                  dpi,
                                      const GlmccPlanPlot    *data,
                                      const GlmccPlotStyle   *style,
                                      GError                **error);

typedef enum
{
  GLMCC_PLOT_FIGURE_NETWORK,
  GLMCC_PLOT_FIGURE_MATRIX,
} GlmccPlotFigure;

/* The network or matrix as a view draws it (@view: its focus and transform, in the units of
 * a figure of this size; NULL: the whole figure). */
gboolean glmcc_plot_export_view      (const char             *path,
                                      GlmccPlotFormat         format,
                                      double                  width_pt,
                                      double                  height_pt,
                                      double                  dpi,
                                      GlmccPlotFigure         figure,
                                      const GlmccNetworkPlot *data,
                                      const GlmccPlotStyle   *style,
                                      const GlmccPlotView    *view,
                                      GError                **error);

G_END_DECLS
