/* glmcc-error.h: the error domain of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLMCC_ERROR (glmcc_error_quark ())

typedef enum
{
  GLMCC_ERROR_IO,             /* a file could not be read or written */
  GLMCC_ERROR_PARSE,          /* malformed content; the message names file and line */
  GLMCC_ERROR_INVALID_DATA,   /* well-formed but unusable: NaN, mismatched arrays, … */
  GLMCC_ERROR_UNSUPPORTED,    /* a format, dtype or feature this build does not handle */
  GLMCC_ERROR_TOO_FEW_NEURONS,/* fewer than two neurons */
  GLMCC_ERROR_NO_SPIKES,      /* not a single spike in the analysed epoch */
  GLMCC_ERROR_INVALID_PARAMS, /* a parameter out of range */
  GLMCC_ERROR_MISMATCH,       /* results or shards that do not belong together */
  GLMCC_ERROR_CANCELLED,      /* the caller cancelled */
  GLMCC_ERROR_NEEDS_SAMPLE_RATE, /* times in samples and no sample rate: ask for one, retry */
  GLMCC_ERROR_UNKNOWN_FORMAT, /* the format cannot be told from the file: ask for one, retry */
  GLMCC_ERROR_NEEDS_VARIABLE, /* a MATLAB file without the expected variable: ask which one */
  GLMCC_ERROR_TOO_LARGE,      /* would need more memory or time than can be given to it */
  GLMCC_ERROR_LIBRARY,        /* a library (libhdf5, libmatio) failed or crashed on the file */
} GlmccErrorCode;

GQuark   glmcc_error_quark    (void);

/* Errors of a parameter the user chose: the code says which parameter, so the CLI can name its
 * option and the application its control; the message names the parameter in words. */
#define GLMCC_PARAMS_ERROR (glmcc_params_error_quark ())

typedef enum
{
  GLMCC_PARAM_OTHER,
  GLMCC_PARAM_MODE,
  GLMCC_PARAM_TEST,
  GLMCC_PARAM_WINDOW,
  GLMCC_PARAM_BIN,
  GLMCC_PARAM_TAU,
  GLMCC_PARAM_GAMMA,
  GLMCC_PARAM_ALPHA,
  GLMCC_PARAM_EXCLUDE_CENTER,
  GLMCC_PARAM_DELAYS,
  GLMCC_PARAM_EPOCH,
  GLMCC_PARAM_FORMAT,
  GLMCC_PARAM_TIME_UNIT,
  GLMCC_PARAM_SAMPLE_RATE,
  GLMCC_PARAM_UNITS,
  GLMCC_PARAM_VARIABLE,
  GLMCC_PARAM_RECORDING,
  GLMCC_PARAM_COLUMNS,
  GLMCC_PARAM_METHOD,
  GLMCC_PARAM_FDR,
  GLMCC_PARAM_SURROGATES,
  GLMCC_PARAM_JITTER_WIDTH,
} GlmccParam;

GQuark   glmcc_params_error_quark (void);

/* Writes @contents to @path as GlmccOutput does (atomically, through symlinks, devices in
 * place); a failure is a GLMCC_ERROR_IO naming the file. */
gboolean glmcc_write_gstring  (const char  *path,
                               GString     *contents,
                               GError     **error);

G_END_DECLS
