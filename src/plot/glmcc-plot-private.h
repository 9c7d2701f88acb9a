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
/* A count with thousands separators: "54,993". */
char    *glmcc_plot_format_count    (guint64               value);
/* Up to 3 decimals without trailing zeros ("2", "0.5", "1.25"), true minus sign. */
char    *glmcc_plot_format_compact  (double                value);

void     glmcc_plot_arrow_head      (cairo_t              *cr,
                                     double                x,
                                     double                y,
                                     double                angle,
                                     double                size);

/* Connections ------------------------------------------------------------------------------ */

/* The connections of a network figure that its filter lets through, weakest first (so the
 * strongest are drawn on top), with the numbers every renderer derives from them. */
typedef struct
{
  guint          n;             /* neurons */
  GlmccPlotEdge *edges;         /* shown connections, by |PSP| ascending */
  guint          n_edges;
  guint          n_total;       /* connections before the filter */
  guint          n_excitatory;  /* shown, by sign */
  guint          n_inhibitory;
  double         width_ref;     /* |PSP| drawn at the widest line (a high percentile) */
  double         max_abs_psp;
} GlmccPlotGraph;

GlmccPlotGraph *glmcc_plot_graph_new      (const GlmccNetworkPlot *data);
void            glmcc_plot_graph_free     (GlmccPlotGraph         *graph);
/* glmcc_plot_color_scale_compute() from connections already collected. */
void            glmcc_plot_color_scale_from_graph (const GlmccNetworkPlot *data,
                                                   const GlmccPlotGraph   *graph,
                                                   GlmccPlotColorScale    *scale);
/* The connection pre → post among the shown ones, or NULL. Linear. */
const GlmccPlotEdge *glmcc_plot_graph_find (const GlmccPlotGraph  *graph,
                                            guint                  pre,
                                            guint                  post);
/* The @percentile (0..100) of @values (sorted in place), by linear interpolation. */
double          glmcc_plot_percentile     (double                 *values,
                                           guint                   n,
                                           double                  percentile);
/* Column (shank) of every neuron for position layouts and orderings: the group when known,
 * else columns of recording x that lie far apart; −1 when neither is known. Returns the
 * number of columns and writes their labels (up to GLMCC_PLOT_MAX_COLUMNS). */
guint           glmcc_plot_shank_columns  (const GlmccNetworkPlot *data,
                                           int                    *column,
                                           char                  (*labels)[24]);

/* Drawing lines into pixels ---------------------------------------------------------------- */

/* Antialiased lines of a few colours, accumulated many times faster than one cairo stroke per
 * line. Each colour has a plane of transmittance (the light its lines let through, 16 bits per
 * pixel): a line of opacity a over a pixel it covers by c multiplies it by 1 − a·c. The image
 * is then 1 − ∏ T of opacity, in the colours mixed by their optical depths −ln T. Where one
 * colour is drawn this is exactly cairo's OVER; where colours cross, the result does not
 * depend on the order of the lines, as suits thousands of them. */
#define GLMCC_RASTER_MAX_PLANES 4

typedef struct
{
  int            width;
  int            height;
  guint          n_planes;
  GlmccPlotColor colors[GLMCC_RASTER_MAX_PLANES];
  guint16       *planes;    /* width × height × n_planes, interleaved; 65535: nothing drawn */
} GlmccRaster;

GlmccRaster *glmcc_raster_new       (int                   width,
                                     int                   height,
                                     guint                 n_planes,
                                     const GlmccPlotColor *colors);
void         glmcc_raster_free      (GlmccRaster          *raster);
/* A straight line of @width device pixels from (x0, y0) to (x1, y1) (device pixels; pixel
 * (i, j) covers [i, i + 1) × [j, j + 1)), butt ends, in colour @plane. The last column or row
 * is left to the next segment, so a polyline covers each pixel once. */
void         glmcc_raster_line      (GlmccRaster          *raster,
                                     double                x0,
                                     double                y0,
                                     double                x1,
                                     double                y1,
                                     double                width,
                                     guint                 plane,
                                     double                alpha);
/* A quadratic Bézier as a polyline fine enough for its length. */
void         glmcc_raster_quad      (GlmccRaster          *raster,
                                     const double          g[6],
                                     double                width,
                                     guint                 plane,
                                     double                alpha);
/* An ARGB32 image of the lines. */
cairo_surface_t *glmcc_raster_to_surface (GlmccRaster     *raster);

/* The device-pixel grid of @cr when its matrix is a scale and a translation (no rotation):
 * *scale is device pixels per user unit. FALSE for vector targets (PDF, SVG, PostScript),
 * which get real strokes. */
gboolean     glmcc_plot_raster_target (cairo_t            *cr,
                                       double             *scale,
                                       double             *offset_x,
                                       double             *offset_y);

/* Paints @image with its first pixel at pixel (px, py) of @cr's target, one image pixel per
 * target pixel (after glmcc_plot_raster_target()). */
void         glmcc_plot_paint_pixels  (cairo_t            *cr,
                                       cairo_surface_t    *image,
                                       double              px,
                                       double              py);

/* Figures of a network ---------------------------------------------------------------------- */

/* Longest name the label margins make room for (longer ones are ellipsized). */
#define GLMCC_PLOT_NAME_CHARS 10

/* The name of neuron @i, or its index; newly allocated. */
char    *glmcc_plot_neuron_name    (const GlmccNetworkPlot *data,
                                    guint                   i);
/* Estimated width of the widest name (at most GLMCC_PLOT_NAME_CHARS characters). */
double   glmcc_plot_max_name_width (const GlmccNetworkPlot *data,
                                    const GlmccPlotStyle   *style,
                                    double                  scale);
/* Height of the title line of a matrix or network figure (0 without a title), and the title. */
double   glmcc_plot_figure_title_height (const GlmccNetworkPlot *data,
                                         const GlmccPlotStyle   *style);
void     glmcc_plot_figure_title   (cairo_t                *cr,
                                    const GlmccNetworkPlot *data,
                                    const GlmccPlotStyle   *style,
                                    double                  width);
/* Keeps @transform's zoom in [1, max_zoom] and @rect covered by the zoomed rect. */
void     glmcc_plot_clamp_to_rect  (GlmccPlotTransform     *transform,
                                    const GlmccPlotRect    *rect,
                                    double                  max_zoom);
/* Where the cached layer's content goes at @view's transform: scaled by *scale, then moved
 * by (*dx, *dy) (whole device pixels when only the pan differs). */
void     glmcc_plot_cache_gesture_map (GlmccPlotCache      *cache,
                                       const GlmccPlotView *view,
                                       double              *scale,
                                       double              *dx,
                                       double              *dy);

/* Text ------------------------------------------------------------------------------------- */

/* Like glmcc_plot_text() with a halo of the background colour around the glyphs, so that a
 * name stays legible over lines. */
void     glmcc_plot_text_halo      (cairo_t              *cr,
                                    const GlmccPlotStyle *style,
                                    const GlmccPlotColor *color,
                                    const char           *text,
                                    double                x,
                                    double                y,
                                    double                xalign,
                                    double                yalign,
                                    double                scale);
/* Size of @text as glmcc_plot_text() would draw it. */
void     glmcc_plot_text_size      (cairo_t              *cr,
                                    const GlmccPlotStyle *style,
                                    const char           *text,
                                    double                scale,
                                    gboolean              bold,
                                    double               *width,
                                    double               *height);

/* Cache internals -------------------------------------------------------------------------- */

typedef enum
{
  GLMCC_PLOT_CACHE_NONE,
  GLMCC_PLOT_CACHE_NETWORK,
  GLMCC_PLOT_CACHE_MATRIX,
} GlmccPlotCacheKind;

/* What the static layer depends on; a cache redraws when any of it differs. */
typedef struct
{
  GlmccPlotCacheKind      kind;
  double                  width;
  double                  height;
  double                  scale;
  const GlmccNetworkPlot *data;
  GlmccNetworkPlot        data_copy;  /* the struct's values (pointers compared, never followed) */
  char                   *title;      /* a copy of its title */
  GlmccPlotStyle          style;
  GlmccPlotTransform      transform;
} GlmccPlotCacheKey;

struct _GlmccPlotCache
{
  GlmccPlotCacheKey  key;
  gboolean           valid;        /* base matches key */
  double             scale;        /* set by the caller; 0: from the cairo_t */
  cairo_surface_t   *base;         /* the static layer without a focus, device pixels */
  cairo_surface_t   *surface;      /* what is painted: the base, or the base with the focus */
  gboolean           surface_valid;
  int                surface_focus;
  guint64            serial;
  guint              n_renders;
  /* What the renderer of key.kind derived for the cached layer (connections, node centres,
   * the cell image), kept for the highlights and hit tests of the next draws. */
  gpointer           scene;
  GDestroyNotify     scene_free;
  gboolean           graph_valid;  /* the scene's connections match key.data */
  GlmccPlotRect      content;      /* the area whose content a gesture moves */
  double             max_zoom;     /* the largest zoom the figure allows, at its layout */
};

/* The scale of a cache draw on @cr. */
double   glmcc_plot_cache_effective_scale (GlmccPlotCache *cache,
                                           cairo_t        *cr);
/* Makes @cache's key the one of this draw; TRUE when the static layer must be redrawn (and
 * the derived data too when @data_changed). A gesture in progress (view->panning) keeps the
 * old image whatever its pan and zoom. */
gboolean glmcc_plot_cache_prepare        (GlmccPlotCache           *cache,
                                          GlmccPlotCacheKind        kind,
                                          double                    width,
                                          double                    height,
                                          double                    scale,
                                          const GlmccNetworkPlot   *data,
                                          const GlmccPlotStyle     *style,
                                          const GlmccPlotView      *view,
                                          gboolean                 *data_changed);
/* A fresh image for the static layer (width·scale × height·scale), and a cairo_t on it in
 * user-space units. */
cairo_t *glmcc_plot_cache_begin          (GlmccPlotCache           *cache);
void     glmcc_plot_cache_end            (GlmccPlotCache           *cache,
                                          cairo_t                  *cr);
/* A copy of the base layer to draw the focus over; end_surface() with NULL makes the base
 * itself the painted layer. */
cairo_t *glmcc_plot_cache_begin_surface  (GlmccPlotCache           *cache);
void     glmcc_plot_cache_end_surface    (GlmccPlotCache           *cache,
                                          cairo_t                  *cr,
                                          int                       focus);
/* Paints the static layer into @cr: as is, or during a gesture with the content of @area
 * moved and scaled from the cached transform to @view's. */
void     glmcc_plot_cache_paint          (GlmccPlotCache           *cache,
                                          cairo_t                  *cr,
                                          const GlmccPlotRect      *area,
                                          const GlmccPlotView      *view);

G_END_DECLS
