/* engine-test-util.h: what the engine and CLI tests share — simulated recordings, running the
 * glmcc command, reading files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-recording.h"

G_BEGIN_DECLS

/* A recording of glmcc_simulate()'s network: @n neurons at 8 Hz for @duration_s seconds. */
GlmccRecording *engine_test_simulated_recording (guint        n,
                                                 double       duration_s,
                                                 guint64      seed);

/* The contents of a file that must exist. */
char           *engine_test_slurp               (const char  *path);

/* One run of the glmcc command ($GLMCC_CLI): its exit status and what it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

void            cli_run_clear                   (CliRun      *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs glmcc with the arguments of the NULL-terminated @args. */
void            cli_run_argv                    (CliRun      *run,
                                                 const char **args);
/* The same with the arguments listed: run_glmcc (&run, "run", dir, "--json", NULL). */
#define run_glmcc(run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    cli_run_argv ((run), args_); \
  } G_STMT_END

/* An error is one line on stderr that starts with "glmcc COMMAND: " and contains @part. */
void            cli_run_assert_one_line_error   (const CliRun *run,
                                                 const char   *command,
                                                 const char   *part);

G_END_DECLS
