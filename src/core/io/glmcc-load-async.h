/* glmcc-load-async.h: glmcc_load() in a worker thread, for programs with a main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "glmcc-loader.h"

G_BEGIN_DECLS

/* Loads @path with @options (copied, strings included) in a worker thread; @callback runs in
 * the thread-default main context of the caller. Cancelling drops the result: a loader cannot
 * be stopped half-way, but nothing arrives late. */
void            glmcc_load_async  (const char             *path,
                                   const GlmccLoadOptions *options,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data);
/* The recording (a new reference), or NULL with the loader's error. */
GlmccRecording *glmcc_load_finish (GAsyncResult           *result,
                                   GError                **error);

G_END_DECLS
