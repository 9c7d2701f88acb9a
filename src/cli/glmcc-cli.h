/* glmcc-cli.h: what the subcommands of `glmcc` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-loader.h"
#include "glmcc-params.h"

G_BEGIN_DECLS

enum
{
  GLMCC_EXIT_OK = 0,
  GLMCC_EXIT_FAILURE = 1,  /* runtime failure: unreadable input, I/O error */
  GLMCC_EXIT_USAGE = 2,    /* bad command line */
};

/* Options every command that reads a recording or fits pairs understands. The string fields
 * are filled by GOption and turned into @load and @params by glmcc_cli_common_finish(). */
typedef struct
{
  GlmccLoadOptions load;
  GlmccParams      params;

  char    *format;
  char    *time_unit;
  char    *units;
  char    *variable;
  double   sample_rate;
  double   start_s;
  double   duration_s;
  char    *mode;
  char    *test;
  char    *delays;
  double   tau_ms;
  double   gamma;
  double   window_ms;
  double   bin_ms;
  double   exclude_center_ms;
  double   alpha;
  char    *compat;
  int      threads;
} GlmccCliCommon;

void             glmcc_cli_common_init    (GlmccCliCommon *common);
void             glmcc_cli_common_clear   (GlmccCliCommon *common);
/* GOption entries for loading (format, epoch, …) and for the method (mode, test, γ, …). */
GOptionGroup    *glmcc_cli_load_group     (GlmccCliCommon *common);
GOptionGroup    *glmcc_cli_params_group   (GlmccCliCommon *common);
/* Validates and converts the strings; on failure the error names the option. */
gboolean         glmcc_cli_common_finish  (GlmccCliCommon *common,
                                           GError        **error);
/* Loads @path with the common options and prints the loader's notes to stderr. */
GlmccRecording  *glmcc_cli_load           (GlmccCliCommon *common,
                                           const char     *path,
                                           GError        **error);
/* Parses with @context; prints a one-line usage error and returns FALSE on failure. */
gboolean         glmcc_cli_parse          (GOptionContext *context,
                                           int            *argc,
                                           char         ***argv);
/* Rewrites a core error's message in the command line's terms: a parameter error names its
 * option ("--exclude-center: …"), an error that asks for an option says which one. */
void             glmcc_cli_describe_error (GError         *error);
/* One line on stderr: "glmcc COMMAND: message". */
void             glmcc_cli_error          (const char     *command,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);

int glmcc_cli_run_main      (int argc, char **argv);
int glmcc_cli_pair_main     (int argc, char **argv);
int glmcc_cli_merge_main    (int argc, char **argv);
int glmcc_cli_plot_main     (int argc, char **argv);
int glmcc_cli_simulate_main (int argc, char **argv);
int glmcc_cli_score_main    (int argc, char **argv);
int glmcc_cli_plan_main     (int argc, char **argv);
int glmcc_cli_bench_main    (int argc, char **argv);
/* `glmcc bench --null`: false connections on independent trains, per test, mode and condition. */
int glmcc_cli_bench_null    (const GlmccParams *base,
                             guint              n_neurons,
                             guint32            seed,
                             gboolean           quick,
                             guint              n_threads);
int glmcc_cli_bench_views_main (int argc, char **argv);

G_END_DECLS
