/* glmcc-plot-data.h: figure data built from the core's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderers in glmcc-plot.h take plain values; these helpers fill them from a pair fit or
 * from a run's results, copying what they need so the figure data outlives the workspace
 * (whose arrays the next fit overwrites) and can be handed to another thread.
 */
#pragma once

#include <glib.h>

#include "glmcc-method.h"
#include "glmcc-pair.h"
#include "glmcc-params.h"
#include "glmcc-plan.h"
#include "glmcc-plot.h"
#include "glmcc-results.h"
#include "glmcc-score-curves.h"

G_BEGIN_DECLS

typedef struct
{
  GlmccCcgPlot plot;      /* ready to draw; its pointers point into this struct */
  double      *counts;
  double      *a;
  char        *ref_name;
  char        *target_name;
  char        *subtitle;
  double      *ref_acg;
  double      *target_acg;
  double      *bands;       /* 5 × n_bins: the band curves of glmcc_ccg_plot_data_set_bands() */
} GlmccCcgPlotData;

/* From the pair fitted with @ref_name as reference. @n_ref_spikes and @n_target_spikes are
 * the spike counts in the analysed epoch (the first sets the rate unit). The unit starts as
 * counts; set data->plot.unit to switch. */
GlmccCcgPlotData *glmcc_ccg_plot_data_new  (const GlmccPairResult *pair,
                                            const GlmccParams     *params,
                                            const char            *ref_name,
                                            const char            *target_name,
                                            gsize                  n_ref_spikes,
                                            gsize                  n_target_spikes);
void              glmcc_ccg_plot_data_free (GlmccCcgPlotData      *data);
/* Counts both neurons' autocorrelograms (over the correlogram's window and bins) from their
 * trains in the analysed epoch, for the figure to draw beside the cross-correlogram. */
void              glmcc_ccg_plot_data_set_autocorrelograms (GlmccCcgPlotData *data,
                                                            const double     *ref_train,
                                                            gsize             n_ref,
                                                            const double     *target_train,
                                                            gsize             n_target);

/* Overlays a method's bands (glmcc_method_bands_new() for the same pair and parameters),
 * copied; NULL removes them. */
void              glmcc_ccg_plot_data_set_bands (GlmccCcgPlotData       *data,
                                                 const GlmccMethodBands *bands);
/* Shows a baseline's decisions (glmcc_method_analyse_pair() with params->method cc or jitter)
 * instead of the GLMCC fit: the sides become its edges (strength, z, p), the fit's curves are
 * not drawn, and the subtitle names the method. */
void              glmcc_ccg_plot_data_set_baseline (GlmccCcgPlotData      *data,
                                                    const GlmccParams     *params,
                                                    const GlmccPairResult *result);

/* Words for a status, as the figure prints them ("not significant", "insufficient data", …). */
const char       *glmcc_plot_status_text   (GlmccStatus            status);

typedef struct
{
  GlmccNetworkPlot   plot;  /* ready to draw; its pointers point into this struct */
  char             **names;
  double            *psp_mv;
  GlmccPlotNodeType *types;
  double            *positions;            /* the layout */
  char              *title;
  GlmccPlotEdge     *edges;                /* significant connections with their statistics */
  guint              n_edges;
  double            *rates;
  int               *groups;               /* NULL when the recording has no shanks */
  double            *recording_positions;  /* NULL when the recording has no positions */
  GlmccPlotGuides    guides;
  guint             *order;                /* the matrix order, NULL: index */
  int               *blocks;
} GlmccNetworkPlotData;

/* The matrix of significant PSPs (0 for other finished pairs, NaN for pairs not done), the
 * significant connections with J, p, statistic and delay, the E/I labels and rates, the
 * recording's shanks and positions when @recording has them, a layout (
 * GLMCC_PLOT_LAYOUT_AUTO) and the index order. */
GlmccNetworkPlotData *glmcc_network_plot_data_new  (GlmccResults         *results,
                                                    GlmccRecording       *recording);
void                  glmcc_network_plot_data_free (GlmccNetworkPlotData *data);

/* Lays the nodes out: AUTO is POSITION when the recording has positions or shanks, else
 * CIRCLE. FORCE runs here, with @seed: the application runs glmcc_plot_layout_force() on a
 * worker thread itself and sets data->plot.positions. FALSE (layout unchanged) when POSITION
 * is asked of a recording without positions or shanks. */
gboolean              glmcc_network_plot_data_set_layout (GlmccNetworkPlotData *data,
                                                          GlmccPlotLayoutKind   kind,
                                                          guint64               seed);
/* Orders the matrix (see glmcc_plot_order_neurons()). */
void                  glmcc_network_plot_data_set_order  (GlmccNetworkPlotData *data,
                                                          GlmccPlotOrder        order);

typedef struct
{
  GlmccScorePlot     plot;     /* ready to draw; its pointers point into this struct */
  GPtrArray         *curves;   /* GlmccScoreCurves, owned */
  GArray            *series;   /* GlmccScoreSeries */
  GPtrArray         *labels;
  char              *title;
  char              *subtitle;
} GlmccScorePlotData;

/* An empty score figure; add runs to it. */
GlmccScorePlotData   *glmcc_score_plot_data_new   (void);
void                  glmcc_score_plot_data_free  (GlmccScorePlotData   *data);
/* Adds one run's curves (taking them) under @label ("GLMCC", "cc", …). */
void                  glmcc_score_plot_data_add   (GlmccScorePlotData   *data,
                                                   GlmccScoreCurves     *curves,
                                                   const char           *label);
void                  glmcc_score_plot_data_set_title (GlmccScorePlotData *data,
                                                       const char         *title,
                                                       const char         *subtitle);

typedef struct
{
  GlmccPlanPlot  plot;     /* ready to draw; its pointers point into this struct */
  double        *values;   /* the PSPs and the four curves */
  char          *title;
  char          *subtitle;
} GlmccPlanPlotData;

/* The planner's curves for @input's rates, τ, α, delays and power, over |PSP| from 0.05 to
 * 5 mV, with input->psp_mv (if not 0) marked and @recording_s (if > 0) drawn as a line. About
 * 0.2 s of computing: call it off the main thread in an application. */
GlmccPlanPlotData    *glmcc_plan_plot_data_new    (const GlmccPlanInput *input,
                                                   double                recording_s);
void                  glmcc_plan_plot_data_free   (GlmccPlanPlotData    *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccPlanPlotData, glmcc_plan_plot_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccScorePlotData, glmcc_score_plot_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccCcgPlotData, glmcc_ccg_plot_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccNetworkPlotData, glmcc_network_plot_data_free)

G_END_DECLS
