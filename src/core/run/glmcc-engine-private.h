/* glmcc-engine-private.h: what the tests of the engine may change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-engine.h"

G_BEGIN_DECLS

/* How the engine makes its worker threads: g_thread_try_new() unless a test replaces it with
 * one that fails, to see the run go on with fewer threads. NULL restores the default. */
typedef GThread *(*GlmccThreadNewFunc) (const char   *name,
                                        GThreadFunc   func,
                                        gpointer      data,
                                        GError      **error);

void glmcc_engine_set_thread_new_func (GlmccEngine        *engine,
                                       GlmccThreadNewFunc  thread_new);

G_END_DECLS
