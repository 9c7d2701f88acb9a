/* glmcc-io-private.h: what the loaders share (registry entries, parsing and conversion helpers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/stat.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "glmcc-recording.h"

G_BEGIN_DECLS

/* One load in progress: the options (never NULL, defaults filled in), the builder the loader
 * fills, and the epoch, so that the spikes falling outside it can be reported in the notes. */
typedef struct
{
  const GlmccLoadOptions *options;
  GlmccRecordingBuilder  *builder;
  double                  epoch_start_ms;
  double                  epoch_end_ms;   /* +inf: through the last spike */
  gsize                   n_negative;     /* spikes before 0 */
  gsize                   n_before;       /* spikes in [0, epoch start) */
  gsize                   n_after;        /* spikes at or after the epoch end */
} GlmccLoadContext;

void     glmcc_load_context_init      (GlmccLoadContext       *context,
                                       const char             *source,
                                       const char             *format,
                                       const GlmccLoadOptions *options);
void     glmcc_load_context_clear     (GlmccLoadContext       *context);
/* Adds a train of times already in ms and counts its spikes outside the epoch. */
guint    glmcc_load_context_add_train (GlmccLoadContext       *context,
                                       const char             *name,
                                       const double           *times_ms,
                                       gsize                   n_times);
void     glmcc_load_context_note      (GlmccLoadContext       *context,
                                       const char             *format,
                                       ...) G_GNUC_PRINTF (2, 3);

/* A loader of the registry. probe() returns how sure it is that @path is its format (0 = not,
 * 100 = certain); load() fills context->builder or sets @error. */
typedef struct
{
  const char *name;
  const char *description;
  int       (*probe) (const char *path);
  gboolean  (*load)  (GlmccLoadContext *context,
                      const char       *path,
                      GError          **error);
  gboolean    isolate;   /* read in the helper process unless options->in_process */
} GlmccLoader;

extern const GlmccLoader glmcc_loader_text_dir;
extern const GlmccLoader glmcc_loader_text;
extern const GlmccLoader glmcc_loader_csv;
extern const GlmccLoader glmcc_loader_phy;
extern const GlmccLoader glmcc_loader_neuroscope;
extern const GlmccLoader glmcc_loader_nwb;
extern const GlmccLoader glmcc_loader_mat;

/* A loader by name (case-insensitive), or NULL. */
const GlmccLoader *glmcc_loader_find (const char *name);

/* ---- the helper process (glmcc-load-isolated.c) ---- */

/* The glmcc-load-helper to run: the installed one, or the one of the build tree that the
 * running program belongs to. */
char     *glmcc_load_helper_path (void);
/* Runs the loader @format on @path in the helper and adds what it read to @context. */
gboolean  glmcc_load_isolated    (GlmccLoadContext *context,
                                  const char       *format,
                                  const char       *path,
                                  GError          **error);

/* Loaders that parse a buffer, for the file loaders, the tests and the fuzzers. */
gboolean glmcc_text_load_data (GlmccLoadContext *context,
                               const char       *filename,
                               const char       *data,
                               gsize             length,
                               GError          **error);
gboolean glmcc_csv_load_data  (GlmccLoadContext *context,
                               const char       *filename,
                               const char       *data,
                               gsize             length,
                               GError          **error);

/* ---- parsing helpers (glmcc-io-util.c) ---- */

typedef enum
{
  GLMCC_NUMBER_OK,
  GLMCC_NUMBER_INVALID,     /* not a number at all */
  GLMCC_NUMBER_NOT_FINITE,  /* NaN, inf or out of the double range */
} GlmccNumberStatus;

/* Parses exactly @len bytes at @text (no NUL needed) as a decimal number, the way strtod()
 * reads it in the C locale. */
GlmccNumberStatus glmcc_io_parse_double  (const char *text,
                                          gsize       len,
                                          double     *value);
/* Parses exactly @len bytes as a decimal integer (optional sign). */
gboolean          glmcc_io_parse_int64   (const char *text,
                                          gsize       len,
                                          gint64     *value);
/* A printable, shortened copy of @len bytes for an error message. */
char             *glmcc_io_quote         (const char *text,
                                          gsize       len);
/* strcmp() that orders runs of digits by their value: cell2 < cell10. */
int               glmcc_io_natural_compare (const char *a,
                                            const char *b);
/* "FILE:LINE: message" in GLMCC_ERROR_PARSE. */
void              glmcc_io_set_parse_error (GError    **error,
                                            const char *filename,
                                            gsize       line,
                                            const char *format,
                                            ...) G_GNUC_PRINTF (4, 5);
/* Opens @filename for reading without blocking on a FIFO and refuses anything but a regular
 * file (naming what it is); an IO error names the file and the cause (a dangling or looping
 * symbolic link, permission denied …). Returns the descriptor or -1. */
int               glmcc_io_open_regular  (const char  *filename,
                                          struct stat *st,
                                          GError     **error);
/* The error of a failed open() of @filename with errno @saved_errno. */
void              glmcc_io_set_open_error (GError    **error,
                                           const char *filename,
                                           int         saved_errno);
/* A name under which a library can open the file behind @fd (/proc/self/fd/N when there is a
 * /proc, else @filename). */
char             *glmcc_io_fd_path       (int          fd,
                                          const char  *filename);
/* Reads a whole file, with an IO error naming it. Refuses anything but a regular file (without
 * blocking on a FIFO) and files over @max_size. */
gboolean          glmcc_io_read_file     (const char *filename,
                                          gsize       max_size,
                                          char      **contents,
                                          gsize      *length,
                                          GError    **error);
/* Reads up to @size bytes from the start of @filename (for probes); 0 on any failure. */
gsize             glmcc_io_read_head     (const char *filename,
                                          void       *buffer,
                                          gsize       size);
/* Splits the next line off [*cursor, end); returns FALSE at the end. Strips "\r\n". */
gboolean          glmcc_io_next_line     (const char **cursor,
                                          const char  *end,
                                          const char **line,
                                          gsize       *line_len);
/* How much memory reading a binary file of @file_size bytes may take: 1 GiB plus 32 times the
 * file (compressed data expand), at most three quarters of the machine's memory. Larger
 * declared data are refused, and the loader helper is limited to it. */
guint64           glmcc_io_memory_limit  (guint64      file_size);
/* Steps over a UTF-8 byte-order mark at the start of a text. */
void              glmcc_io_skip_bom      (const char **data,
                                          gsize       *length);
/* TRUE when [text, text+len) holds only blanks. */
gboolean          glmcc_io_is_blank      (const char *text,
                                          gsize       len);

/* ---- time conversion (DESIGN.md, Data flow) ---- */

/* From samples: index × 1000 / rate, snapped to the nanosecond. */
double            glmcc_io_samples_to_ms (gint64      index,
                                          double      rate);
/* From seconds: value × 1000, snapped. */
double            glmcc_io_seconds_to_ms (double      seconds);
/* A number in @unit (never DEFAULT) to ms; ms values are kept exactly as given. */
double            glmcc_io_to_ms         (double        value,
                                          GlmccTimeUnit unit,
                                          double        rate);
/* TRUE when a time in ms is finite and within ±GLMCC_TIME_MAX_MS. */
gboolean          glmcc_io_time_in_range (double        t_ms);
/* glmcc_io_to_ms() into @t_ms; FALSE when the result is out of range (see above). */
gboolean          glmcc_io_convert_time  (double        value,
                                          GlmccTimeUnit unit,
                                          double        rate,
                                          double       *t_ms);
/* Why @value in @unit cannot be a spike time: "1e306 s is beyond the range of spike times …". */
char             *glmcc_io_describe_out_of_range (double        value,
                                                  GlmccTimeUnit unit,
                                                  double        rate);
const char       *glmcc_io_unit_name     (GlmccTimeUnit unit);
/* Checks that a unit in samples comes with a rate; @what names the input for the message. */
gboolean          glmcc_io_check_rate    (GlmccTimeUnit unit,
                                          double        rate,
                                          const char   *what,
                                          GError      **error);
/* The note "times converted from X to ms (…)". */
void              glmcc_io_note_conversion (GlmccLoadContext *context,
                                            GlmccTimeUnit     unit,
                                            double            rate);

G_END_DECLS
