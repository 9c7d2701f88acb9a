/* glmcc-cli.h: what the subcommands of `glmcc` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-loader.h"
#include "glmcc-params.h"
#include "glmcc-results.h"

G_BEGIN_DECLS

enum
{
  GLMCC_EXIT_OK = 0,
  GLMCC_EXIT_FAILURE = 1,  /* runtime failure: unreadable input, I/O error */
  GLMCC_EXIT_USAGE = 2,    /* bad command line */
  GLMCC_EXIT_INTERRUPTED = 130, /* Ctrl-C or SIGTERM: what was finished is written */
};

/* Options every command that reads a recording or fits pairs understands. The string fields
 * are filled by GOption and turned into @load and @params by glmcc_cli_common_finish(). Numbers
 * are kept as the text given (NULL: not given), so that no value, NaN included, can pass for
 * "not given". */
typedef struct
{
  GlmccLoadOptions load;
  GlmccParams      params;

  char    *format;
  char    *time_unit;
  char    *units;
  char    *variable;
  char    *sample_rate;
  char    *start;
  char    *duration;
  char    *mode;
  char    *test;
  char    *delays;
  char    *tau;
  char    *gamma;
  char    *window;
  char    *bin;
  char    *exclude_center;
  char    *alpha;
  char    *compat;
  char    *method;
  char    *fdr;
  char    *surrogates;
  char    *jitter_width;
  int      threads;     /* 0: one per core */
} GlmccCliCommon;

/* The result files of `run` and `merge`; NULL when not asked for. */
typedef struct
{
  char    *matrix;
  char    *edges;
  char    *json;
  char    *graphml;
  char    *analysis;    /* run: a saved analysis (.glmcc) that GLMCC Studio opens */
  gboolean partial;     /* write the matrix and GraphML of an incomplete run too */
  char    *hdf5;        /* must be a file HDF5 can seek in; written as pairs finish by `run` */
  /* What a saved analysis needs to find the recording again: its path as given, and the
   * options it was loaded with (borrowed). */
  const char             *recording_path;
  const GlmccLoadOptions *load;
} GlmccCliOutputs;

/* A file a command reads, for the check that no output overwrites it. */
typedef struct
{
  const char *path;
  const char *role;     /* "the recording", "the file given to --resume" … */
} GlmccCliInput;

void             glmcc_cli_common_init    (GlmccCliCommon *common);
void             glmcc_cli_common_clear   (GlmccCliCommon *common);
/* GOption entries for loading (format, epoch, …) and for the method (mode, test, γ, …). */
GOptionGroup    *glmcc_cli_load_group     (GlmccCliCommon *common);
GOptionGroup    *glmcc_cli_params_group   (GlmccCliCommon *common);
/* The --seed of the jitter method's surrogates (commands that have one add it themselves,
 * since `plot` and `bench` already had a --seed). FALSE with an error naming the option. */
gboolean         glmcc_cli_parse_seed     (const char     *option,
                                           gint64          value,
                                           guint32        *seed,
                                           GError        **error);
/* Validates and converts the strings; on failure the error names the option. */
gboolean         glmcc_cli_common_finish  (GlmccCliCommon *common,
                                           GError        **error);
/* Loads @path with the common options and prints the loader's notes to stderr. */
GlmccRecording  *glmcc_cli_load           (GlmccCliCommon *common,
                                           const char     *path,
                                           GError        **error);
/* A number option's text as a finite number. Not given (@text NULL): TRUE, @value unchanged.
 * NaN, an infinity, an overflow or anything but a number: FALSE with an error naming @option. */
gboolean         glmcc_cli_parse_number   (const char     *option,
                                           const char     *text,
                                           double         *value,
                                           GError        **error);
/* FALSE with an error naming @option when @value (an option GOption parsed) is not finite. */
gboolean         glmcc_cli_check_finite   (const char     *option,
                                           double          value,
                                           GError        **error);
/* "K/N" with 1 ≤ K ≤ N as the 0-based shard @index of @count; the error names @option. */
gboolean         glmcc_cli_parse_shard    (const char     *option,
                                           const char     *text,
                                           guint          *index,
                                           guint          *count,
                                           GError        **error);

void             glmcc_cli_outputs_clear  (GlmccCliOutputs *outputs);
gboolean         glmcc_cli_outputs_any    (const GlmccCliOutputs *outputs);
/* Before any work: every output a writable file name (its directory exists, it is not a
 * directory), no two outputs the same file, none of them one of @inputs (@n_inputs entries).
 * The error names the option. */
gboolean         glmcc_cli_outputs_check  (const GlmccCliOutputs *outputs,
                                           const GlmccCliInput   *inputs,
                                           guint                  n_inputs,
                                           GError               **error);
/* Writes every requested output of @results: one that fails does not keep the others from
 * being written. The JSON and the edge table are always written; the matrix and the GraphML of
 * an incomplete run (pending pairs) only with --partial, and a line says so otherwise. Prints
 * one line per failure and returns FALSE when any output failed. */
gboolean         glmcc_cli_outputs_write  (const char            *command,
                                           const GlmccCliOutputs *outputs,
                                           GlmccResults          *results);
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
/* `glmcc bench --null`: false connections on independent trains, per method (or test), mode and
 * condition; every method unless @all_methods is FALSE (then base->method, and its test). */
int glmcc_cli_bench_null    (const GlmccParams *base,
                             gboolean           all_methods,
                             guint              n_neurons,
                             guint32            seed,
                             gboolean           quick,
                             guint              n_threads);
int glmcc_cli_bench_views_main (int argc, char **argv);

G_END_DECLS
