/* glmcc-analysis-private.h: test hooks of GlmccAnalysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-analysis.h"

G_BEGIN_DECLS

/* Makes the workers wait once @n_pairs pairs are done until the run is cancelled (0: never). */
void _glmcc_analysis_set_hold_after (GlmccAnalysis *self,
                                     guint          n_pairs);

G_END_DECLS
