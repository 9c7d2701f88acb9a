/* glmcc-loader.h: reading recordings from the formats scientists have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "glmcc-recording.h"

G_BEGIN_DECLS

typedef enum
{
  GLMCC_TIME_UNIT_DEFAULT,  /* the format's own unit (ms for text, detected for CSV, …) */
  GLMCC_TIME_UNIT_MS,
  GLMCC_TIME_UNIT_S,
  GLMCC_TIME_UNIT_SAMPLES,
} GlmccTimeUnit;

typedef struct
{
  const char    *format;        /* NULL or "auto" to detect; else a name of glmcc_loader_list_formats() */
  GlmccTimeUnit  time_unit;
  double         sample_rate;   /* Hz; 0 = from the files */
  const char    *units;         /* phy cluster labels to keep, comma separated; NULL = "good" */
  const char    *variable;      /* MAT variable name; NULL = find a `spikes` struct */
  int            unit_column;   /* CSV: 0-based column of the unit, -1 = detect */
  int            time_column;   /* CSV: 0-based column of the time, -1 = detect */
  double         start_s;       /* analysed epoch start, seconds; default 0 */
  double         duration_s;    /* analysed epoch length, seconds; < 0 = through the last spike */
  gboolean       in_process;    /* FALSE (the default): NWB and MAT files are read by the helper
                                 * process glmcc-load-helper, so that a crash or a runaway of
                                 * libhdf5 or libmatio is an error, not the end of the program;
                                 * TRUE: read here (the helper itself, tests) */
  guint          threads;       /* files read at once where a format has many (a directory of
                                 * text files); 0 = one per core */
} GlmccLoadOptions;

void                glmcc_load_options_init   (GlmccLoadOptions       *options);
/* The one parser of time units: "ms", "s", "samples" and their long forms (and "auto",
 * "default" or NULL for DEFAULT); FALSE for a name it does not know. */
gboolean            glmcc_time_unit_parse     (const char             *text,
                                               GlmccTimeUnit          *unit);

/* Detects (or takes) the format, loads, converts to ms and applies the epoch. Every error is
 * one line of valid UTF-8 naming the file (bytes that are not are written \xNN). */
GlmccRecording     *glmcc_load                (const char             *path,
                                               const GlmccLoadOptions *options,
                                               GError                **error);
/* The name of the format that @path looks like, or NULL. */
const char         *glmcc_loader_detect       (const char             *path);
/* Names of every format this build knows (NULL-terminated, static). */
const char * const *glmcc_loader_list_formats (void);
/* A one-line description of what a format reads, or NULL for an unknown name. */
const char         *glmcc_loader_get_description (const char         *format);

G_END_DECLS
