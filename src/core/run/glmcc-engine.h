/* glmcc-engine.h: every unordered pair of a recording over a pool of worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

typedef struct _GlmccEngine GlmccEngine;

/* Called from a worker thread right after a pair is stored in the results (both directions,
 * with @reference as the reference); it must be quick and thread-safe. */
typedef void (*GlmccEnginePairFunc) (guint    reference,
                                     guint    target,
                                     gpointer user_data);

/* The engine fills @results (pairs already done there, e.g. from a resumed run, are
 * skipped). Results are bit-identical for any thread count. */
GlmccEngine *glmcc_engine_new            (GlmccResults  *results);
void         glmcc_engine_free           (GlmccEngine   *engine);
void         glmcc_engine_set_threads    (GlmccEngine   *engine,
                                          guint          n_threads);   /* 0 = all cores */
void         glmcc_engine_set_pair_func  (GlmccEngine   *engine,
                                          GlmccEnginePairFunc func,
                                          gpointer       user_data);
/* Only the @index-th (0-based) of @count equal slices of the pair list. */
void         glmcc_engine_set_shard      (GlmccEngine   *engine,
                                          guint          index,
                                          guint          count);
/* Blocks until done or cancelled. A cancelled run returns FALSE with G_IO_ERROR_CANCELLED
 * and keeps every finished pair in the results. A run whose results cannot fit in memory is
 * refused before it starts (GLMCC_ERROR_TOO_LARGE, saying how much it needs and how much there
 * is). When the system refuses threads, the run uses those it got (at least the caller's). */
gboolean     glmcc_engine_run            (GlmccEngine   *engine,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Safe to poll from any thread while run() works. */
guint64      glmcc_engine_get_n_done     (GlmccEngine   *engine);
guint64      glmcc_engine_get_n_total    (GlmccEngine   *engine);
/* The threads the run will use, or, after a run, those it had. */
guint        glmcc_engine_get_n_threads  (GlmccEngine   *engine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccEngine, glmcc_engine_free)

G_END_DECLS
