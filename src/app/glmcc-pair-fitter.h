/* glmcc-pair-fitter.h: fits the pair on screen off the main thread, for live refits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "glmcc-method.h"
#include "glmcc-pair.h"
#include "glmcc-params.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

/* The outcome of one fit, with its inputs; immutable once delivered and reference counted,
 * so the views share it instead of copying. */
typedef struct
{
  guint            ref;
  guint            target;
  GlmccParams      params;
  GlmccPairResult  result;        /* result.a and result.counts point at the arrays below */
  guint            n_bins;
  double          *a;
  double          *counts;
  gsize            n_ref_spikes;
  gsize            n_target_spikes;
  guint64          generation;    /* the request it answers */
  double           elapsed_ms;    /* how long the fit took */
  gboolean         lags_cached;   /* TRUE when the lags came from the cache */
  /* With params.method a baseline: its decisions on the pair (edges only, no fit); the GLMCC
   * fit above still gives the correlogram. */
  GlmccPairResult  baseline;
  GlmccMethodBands *bands;        /* params.method's bands over the correlogram, or NULL */
  GlmccRecording  *recording;     /* what it was fitted on (the trains of the autocorrelograms) */
} GlmccFitted;

GlmccFitted *glmcc_fitted_ref   (GlmccFitted *fitted);
void         glmcc_fitted_unref (GlmccFitted *fitted);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccFitted, glmcc_fitted_unref)

#define GLMCC_TYPE_PAIR_FITTER (glmcc_pair_fitter_get_type ())

G_DECLARE_FINAL_TYPE (GlmccPairFitter, glmcc_pair_fitter, GLMCC, PAIR_FITTER, GObject)

GlmccPairFitter   *glmcc_pair_fitter_new            (void);
/* Drops the lag cache, the result shown and any fit in flight. */
void               glmcc_pair_fitter_set_recording  (GlmccPairFitter   *self,
                                                     GlmccRecording    *recording);
/* Asks for a fit of (ref, target) under @params. Fits run on one worker thread (a pool of
 * one) and requests are coalesced: at most one fit runs at a time, the newest request is
 * fitted next, a request for another pair cancels the fit in flight (inside the optimiser),
 * and a result older than the one shown is never applied. The "fitted" signal announces
 * each applied result. */
void               glmcc_pair_fitter_request        (GlmccPairFitter   *self,
                                                     guint              ref,
                                                     guint              target,
                                                     const GlmccParams *params);
/* The result on display (borrowed; glmcc_fitted_ref() to keep it), or NULL. */
GlmccFitted       *glmcc_pair_fitter_get_result     (GlmccPairFitter   *self);
/* TRUE while a request waits or a fit runs. */
gboolean           glmcc_pair_fitter_is_busy        (GlmccPairFitter   *self);
/* Forgets the result shown (e.g. when the recording closes). */
void               glmcc_pair_fitter_clear          (GlmccPairFitter   *self);
/* Milliseconds a request waits for more requests before a fit starts (default 30). */
void               glmcc_pair_fitter_set_delay      (GlmccPairFitter   *self,
                                                     guint              delay_ms);

G_END_DECLS
