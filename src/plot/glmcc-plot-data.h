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

#include "glmcc-pair.h"
#include "glmcc-params.h"
#include "glmcc-plot.h"
#include "glmcc-results.h"

G_BEGIN_DECLS

typedef struct
{
  GlmccCcgPlot plot;      /* ready to draw; its pointers point into this struct */
  double      *counts;
  double      *a;
  char        *ref_name;
  char        *target_name;
  char        *subtitle;
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

/* Words for a status, as the figure prints them ("not significant", "insufficient data", …). */
const char       *glmcc_plot_status_text   (GlmccStatus            status);

typedef struct
{
  GlmccNetworkPlot   plot;  /* ready to draw; its pointers point into this struct */
  char             **names;
  double            *psp_mv;
  GlmccPlotNodeType *types;
  double            *positions;
  char              *title;
} GlmccNetworkPlotData;

/* The matrix of significant PSPs (0 for other finished pairs, NaN for pairs not done), the E/I
 * labels, and the recording's neuron positions when @recording has them for every neuron
 * (NULL: a circle). */
GlmccNetworkPlotData *glmcc_network_plot_data_new  (GlmccResults         *results,
                                                    GlmccRecording       *recording);
void                  glmcc_network_plot_data_free (GlmccNetworkPlotData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccCcgPlotData, glmcc_ccg_plot_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccNetworkPlotData, glmcc_network_plot_data_free)

G_END_DECLS
