/* glmcc-cli-progress.h: running the engine from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-engine.h"

G_BEGIN_DECLS

/* Runs @engine in a worker thread and waits for it. With @show_progress, reports on stderr:
 * a progress bar with rate and ETA redrawn in place when stderr is a terminal, else a plain
 * line every 10 s. Ctrl-C (SIGINT) or SIGTERM cancels the run cleanly: the pairs in
 * progress finish, the others stay pending, and the function returns FALSE with
 * G_IO_ERROR_CANCELLED, so the caller can still write what is finished. @command names
 * the subcommand in messages. */
gboolean glmcc_cli_run_engine (GlmccEngine *engine,
                               const char  *command,
                               gboolean     show_progress,
                               GError     **error);

G_END_DECLS
