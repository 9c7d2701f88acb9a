/* glmcc-correlogram-view.h: the cross-correlogram of one pair with its GLMCC fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-figure.h"
#include "glmcc-pair-fitter.h"
#include "glmcc-plot.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_CORRELOGRAM_VIEW (glmcc_correlogram_view_get_type ())

G_DECLARE_FINAL_TYPE (GlmccCorrelogramView, glmcc_correlogram_view, GLMCC, CORRELOGRAM_VIEW, GtkWidget)

GtkWidget          *glmcc_correlogram_view_new         (void);
/* Shows @fitted (a reference is kept); NULL clears the view. @title NULL: "ref → target". */
void                glmcc_correlogram_view_set_fitted  (GlmccCorrelogramView *self,
                                                        GlmccFitted          *fitted,
                                                        const char           *ref_name,
                                                        const char           *target_name,
                                                        const char           *title);
gboolean            glmcc_correlogram_view_has_fit     (GlmccCorrelogramView *self);
void                glmcc_correlogram_view_set_unit    (GlmccCorrelogramView *self,
                                                        GlmccPlotUnit         unit);
/* The menu a right click opens (the curation of the pair shown). */
void                glmcc_correlogram_view_set_menu_model (GlmccCorrelogramView *self,
                                                           GMenuModel           *model);
/* The figure's data as drawn (valid until the next set_fitted). */
const GlmccCcgPlot *glmcc_correlogram_view_get_plot    (GlmccCorrelogramView *self);
/* The hover readout ("" when the pointer is outside the plot). */
const char         *glmcc_correlogram_view_get_readout (GlmccCorrelogramView *self);
/* The figure on display as a file gets it (see GlmccFigure), or NULL without a fit. */
GlmccFigure        *glmcc_correlogram_view_dup_figure  (GlmccCorrelogramView *self);
/* Writes the figure with the light style, as glmcc_plot_export() does. */
gboolean            glmcc_correlogram_view_export      (GlmccCorrelogramView *self,
                                                        const char           *path,
                                                        GlmccPlotFormat       format,
                                                        double                width_pt,
                                                        double                height_pt,
                                                        double                dpi,
                                                        GError              **error);

G_END_DECLS
