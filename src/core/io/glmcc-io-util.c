/* glmcc-io-util.c: parsing, reading and time-conversion helpers shared by the loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glmcc-io-private.h"
#include "glmcc-number.h"
#include "glmcc-i18n.h"

/* Longer tokens are not numbers anyone writes; refusing them keeps the copy on the stack. */
#define MAX_NUMBER_LEN 128

void
glmcc_load_context_init (GlmccLoadContext       *context,
                         const char             *source,
                         const char             *format,
                         const GlmccLoadOptions *options)
{
  memset (context, 0, sizeof *context);
  context->options = options;
  context->builder = glmcc_recording_builder_new (source, format);
  context->epoch_start_ms = options->start_s * 1000.0;
  context->epoch_end_ms = options->duration_s < 0.0
                          ? HUGE_VAL
                          : (options->start_s + options->duration_s) * 1000.0;
}

void
glmcc_load_context_clear (GlmccLoadContext *context)
{
  g_clear_pointer (&context->builder, glmcc_recording_builder_free);
}

guint
glmcc_load_context_add_train (GlmccLoadContext *context,
                              const char       *name,
                              const double     *times_ms,
                              gsize             n_times)
{
  for (gsize i = 0; i < n_times; i++)
    {
      double t = times_ms[i];

      if (t < 0.0 && t < context->epoch_start_ms)
        context->n_negative++;
      else if (t < context->epoch_start_ms)
        context->n_before++;
      else if (t >= context->epoch_end_ms)
        context->n_after++;
    }
  return glmcc_recording_builder_add_train (context->builder, name, times_ms, n_times);
}

void
glmcc_load_context_note (GlmccLoadContext *context,
                         const char       *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  glmcc_recording_builder_add_note_valist (context->builder, format, args);
  va_end (args);
}

static gboolean
is_ascii_word (const char *text,
               gsize       len,
               const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (text, word, len) == 0;
}

GlmccNumberStatus
glmcc_io_parse_double (const char *text,
                       gsize       len,
                       double     *value)
{
  char buffer[MAX_NUMBER_LEN + 1];
  const char *body = text;
  gsize body_len = len;
  char *end = NULL;
  double v;

  if (len == 0 || len > MAX_NUMBER_LEN)
    return GLMCC_NUMBER_INVALID;
  /* Plain decimals (nearly every spike time) take an exact fast path; strtod does the rest. */
  if (glmcc_number_parse_decimal (text, len, value))
    return GLMCC_NUMBER_OK;

  if (body[0] == '+' || body[0] == '-')
    {
      body++;
      body_len--;
    }
  if (is_ascii_word (body, body_len, "nan") || is_ascii_word (body, body_len, "inf")
      || is_ascii_word (body, body_len, "infinity"))
    return GLMCC_NUMBER_NOT_FINITE;

  /* Only plain decimal notation: no hexadecimal floats, no blanks, no NUL bytes. */
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]) && strchr ("+-.eE", text[i]) == NULL)
      return GLMCC_NUMBER_INVALID;
  if (text[len - 1] == '\0')
    return GLMCC_NUMBER_INVALID;

  memcpy (buffer, text, len);
  buffer[len] = '\0';
  errno = 0;
  v = g_ascii_strtod (buffer, &end);
  if (end != buffer + len || end == buffer)
    return GLMCC_NUMBER_INVALID;
  if (!isfinite (v))
    return GLMCC_NUMBER_NOT_FINITE;
  *value = v;
  return GLMCC_NUMBER_OK;
}

gboolean
glmcc_io_parse_int64 (const char *text,
                      gsize       len,
                      gint64     *value)
{
  char buffer[MAX_NUMBER_LEN + 1];
  char *end = NULL;
  gint64 v;
  gsize start = 0;

  if (len == 0 || len > MAX_NUMBER_LEN)
    return FALSE;
  if (text[0] == '+' || text[0] == '-')
    start = 1;
  if (start == len)
    return FALSE;
  for (gsize i = start; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  memcpy (buffer, text, len);
  buffer[len] = '\0';
  errno = 0;
  v = g_ascii_strtoll (buffer, &end, 10);
  if (errno != 0 || end != buffer + len)
    return FALSE;
  *value = v;
  return TRUE;
}

char *
glmcc_io_quote (const char *text,
                gsize       len)
{
  GString *out = g_string_new ("“");
  gsize shown = MIN (len, 40);

  for (gsize i = 0; i < shown; i++)
    {
      guchar c = (guchar) text[i];
      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\x%02x", c);
    }
  if (shown < len)
    g_string_append (out, "…");
  g_string_append (out, "”");
  return g_string_free (out, FALSE);
}

int
glmcc_io_natural_compare (const char *a,
                          const char *b)
{
  const char *p = a, *q = b;

  while (*p != '\0' && *q != '\0')
    {
      if (g_ascii_isdigit (*p) && g_ascii_isdigit (*q))
        {
          const char *p_end, *q_end;
          gsize p_len, q_len;
          int c;

          while (*p == '0' && g_ascii_isdigit (p[1]))
            p++;
          while (*q == '0' && g_ascii_isdigit (q[1]))
            q++;
          for (p_end = p; g_ascii_isdigit (*p_end); p_end++)
            ;
          for (q_end = q; g_ascii_isdigit (*q_end); q_end++)
            ;
          p_len = p_end - p;
          q_len = q_end - q;
          if (p_len != q_len)
            return p_len < q_len ? -1 : 1;
          c = strncmp (p, q, p_len);
          if (c != 0)
            return c;
          p = p_end;
          q = q_end;
        }
      else
        {
          if (*p != *q)
            return (guchar) *p < (guchar) *q ? -1 : 1;
          p++;
          q++;
        }
    }
  if (*p != *q)
    return (guchar) *p < (guchar) *q ? -1 : 1;
  /* Equal up to leading zeros (cell01, cell1): keep a total order. */
  return strcmp (a, b);
}

void
glmcc_io_set_parse_error (GError    **error,
                          const char *filename,
                          gsize       line,
                          const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s:%" G_GSIZE_FORMAT ": %s",
                 filename, line, message);
  else
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s: %s", filename, message);
}

static const char *
describe_file_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a directory";
  if (S_ISFIFO (mode))
    return "a named pipe (FIFO)";
  if (S_ISSOCK (mode))
    return "a socket";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "a device";
  return "not a regular file";
}

void
glmcc_io_set_open_error (GError    **error,
                         const char *filename,
                         int         saved_errno)
{
  struct stat st;

  /* ENOENT on a name that exists is a symbolic link to nothing. */
  if (saved_errno == ENOENT && lstat (filename, &st) == 0 && S_ISLNK (st.st_mode))
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                 _("%s: cannot open: a symbolic link to a file that does not exist"), filename);
  else if (saved_errno == ELOOP)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                 _("%s: cannot open: a loop of symbolic links"), filename);
  else
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot open: %s"), filename,
                 g_strerror (saved_errno));
}

int
glmcc_io_open_regular (const char  *filename,
                       struct stat *st_out,
                       GError     **error)
{
  struct stat st;
  int fd, flags;

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. The type is then
   * checked on what was opened, so nothing can be swapped in between. */
  fd = open (filename, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0)
    {
      glmcc_io_set_open_error (error, filename, errno);
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot open: %s"), filename,
                   g_strerror (saved));
      close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: %s, not a file a recording can be "
                   "read from"), filename, describe_file_type (st.st_mode));
      close (fd);
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  if (st_out != NULL)
    *st_out = st;
  return fd;
}

char *
glmcc_io_fd_path (int         fd,
                  const char *filename)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);

  /* The libraries open files by name: through /proc they open the very file checked here. */
  if (g_file_test (proc, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&proc);
  return g_strdup (filename);
}

gboolean
glmcc_io_read_file (const char *filename,
                    gsize       max_size,
                    char      **contents,
                    gsize      *length,
                    GError    **error)
{
  struct stat st;
  char *buffer;
  gsize size, filled = 0;
  int fd;

  fd = glmcc_io_open_regular (filename, &st, error);
  if (fd < 0)
    return FALSE;
  if ((guint64) st.st_size > max_size)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                   _("%s: file too large (%" PRIu64 " bytes)"),
                   filename, (guint64) st.st_size);
      close (fd);
      return FALSE;
    }

  size = (gsize) st.st_size;
  buffer = g_try_malloc (size + 1);
  if (buffer == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                   _("%s: not enough memory to read its %zu bytes"), filename, size);
      close (fd);
      return FALSE;
    }
  while (filled < size)
    {
      ssize_t n = read (fd, buffer + filled, size - filled);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot read: %s"),
                       filename, g_strerror (saved));
          g_free (buffer);
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;   /* the file shrank while we read it */
      filled += (gsize) n;
    }
  close (fd);
  buffer[filled] = '\0';
  *contents = buffer;
  *length = filled;
  return TRUE;
}

gsize
glmcc_io_read_head (const char *filename,
                    void       *buffer,
                    gsize       size)
{
  gsize filled = 0;
  int fd = glmcc_io_open_regular (filename, NULL, NULL);

  if (fd < 0)
    return 0;
  while (filled < size)
    {
      ssize_t n = read (fd, (char *) buffer + filled, size - filled);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      filled += (gsize) n;
    }
  close (fd);
  return filled;
}

guint64
glmcc_io_memory_limit (guint64 file_size)
{
  const guint64 floor = G_GUINT64_CONSTANT (1) << 30;
  long pages = sysconf (_SC_PHYS_PAGES), page_size = sysconf (_SC_PAGESIZE);
  guint64 physical = pages > 0 && page_size > 0 ? (guint64) pages * (guint64) page_size : 0;
  guint64 ceiling = MAX (physical / 4 * 3, floor / 2);
  guint64 wanted = file_size > (G_MAXUINT64 - floor) / 32 ? G_MAXUINT64 : floor + 32 * file_size;

  return MIN (wanted, ceiling);
}

void
glmcc_io_skip_bom (const char **data,
                   gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xef\xbb\xbf", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

gboolean
glmcc_io_next_line (const char **cursor,
                    const char  *end,
                    const char **line,
                    gsize       *line_len)
{
  const char *p = *cursor, *nl;
  gsize len;

  if (p >= end)
    return FALSE;
  nl = memchr (p, '\n', end - p);
  len = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);
  *cursor = nl != NULL ? nl + 1 : end;
  if (len > 0 && p[len - 1] == '\r')
    len--;
  *line = p;
  *line_len = len;
  return TRUE;
}

gboolean
glmcc_io_is_blank (const char *text,
                   gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\f'
        && text[i] != '\v')
      return FALSE;
  return TRUE;
}

double
glmcc_io_samples_to_ms (gint64 index,
                        double rate)
{
  /* The index is exact as a double up to 2^53 samples (centuries at 30 kHz). */
  return glmcc_time_snap_ms ((double) index * 1000.0 / rate);
}

double
glmcc_io_seconds_to_ms (double seconds)
{
  return glmcc_time_snap_ms (seconds * 1000.0);
}

double
glmcc_io_to_ms (double        value,
                GlmccTimeUnit unit,
                double        rate)
{
  switch (unit)
    {
    case GLMCC_TIME_UNIT_S:
      return glmcc_io_seconds_to_ms (value);
    case GLMCC_TIME_UNIT_SAMPLES:
      if (value == nearbyint (value) && fabs (value) < 9007199254740992.0)
        return glmcc_io_samples_to_ms ((gint64) value, rate);
      return glmcc_time_snap_ms (value * 1000.0 / rate);
    case GLMCC_TIME_UNIT_DEFAULT:
    case GLMCC_TIME_UNIT_MS:
    default:
      return value;
    }
}

gboolean
glmcc_io_time_in_range (double t_ms)
{
  return fabs (t_ms) <= GLMCC_TIME_MAX_MS;
}

/* The shortest decimal that reads back as @value: 1e306, not 1.0000000000000001e+306. */
static void
format_shortest (char   *buffer,
                 gsize   size,
                 double  value)
{
  char *e;
  int digits;

  for (digits = 1; digits < 17; digits++)
    {
      g_snprintf (buffer, size, "%.*g", digits, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  /* Plain notation up to three trailing zeros: 10 and 45000, not 1e1 and 4.5e4. */
  if (isfinite (value) && value != 0.0)
    {
      int magnitude = (int) floor (log10 (fabs (value)));

      if (magnitude >= digits && magnitude < digits + 3)
        g_snprintf (buffer, size, "%.*g", magnitude + 1, value);
      else
        g_snprintf (buffer, size, "%.*g", digits, value);
    }
  /* 1e+306 → 1e306, 1e-05 → 1e-5. */
  e = strchr (buffer, 'e');
  if (e != NULL)
    {
      char *exponent = e + 1 + (e[1] == '+' || e[1] == '-');
      char *first = exponent;

      while (*first == '0' && first[1] != '\0')
        first++;
      memmove (exponent, first, strlen (first) + 1);
      if (e[1] == '+')
        memmove (e + 1, e + 2, strlen (e + 2) + 1);
    }
}

char *
glmcc_io_describe_out_of_range (double        value,
                                GlmccTimeUnit unit,
                                double        rate)
{
  const char *why = isfinite (value) ? "is beyond the range of spike times (±1e15 ms)"
                                     : "is not a finite number";
  char number[64], rate_text[64];

  format_shortest (number, sizeof number, value);
  format_shortest (rate_text, sizeof rate_text, rate);
  switch (unit)
    {
    case GLMCC_TIME_UNIT_S:
      return g_strdup_printf ("%s s %s", number, why);
    case GLMCC_TIME_UNIT_SAMPLES:
      return g_strdup_printf ("%s samples at %s Hz %s", number, rate_text, why);
    case GLMCC_TIME_UNIT_DEFAULT:
    case GLMCC_TIME_UNIT_MS:
    default:
      return g_strdup_printf ("%s ms %s", number, why);
    }
}

gboolean
glmcc_io_convert_time (double        value,
                       GlmccTimeUnit unit,
                       double        rate,
                       double       *t_ms)
{
  *t_ms = glmcc_io_to_ms (value, unit, rate);
  return glmcc_io_time_in_range (*t_ms);
}

const char *
glmcc_io_unit_name (GlmccTimeUnit unit)
{
  switch (unit)
    {
    case GLMCC_TIME_UNIT_S:
      return "s";
    case GLMCC_TIME_UNIT_SAMPLES:
      return "samples";
    case GLMCC_TIME_UNIT_MS:
      return "ms";
    case GLMCC_TIME_UNIT_DEFAULT:
    default:
      return "default";
    }
}

gboolean
glmcc_io_check_rate (GlmccTimeUnit unit,
                     double        rate,
                     const char   *what,
                     GError      **error)
{
  if (unit != GLMCC_TIME_UNIT_SAMPLES)
    return TRUE;
  if (!(rate > 0.0) || !isfinite (rate))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NEEDS_SAMPLE_RATE,
                   _("%s: times in samples need a sample rate"), what);
      return FALSE;
    }
  return TRUE;
}

void
glmcc_io_note_conversion (GlmccLoadContext *context,
                          GlmccTimeUnit     unit,
                          double            rate)
{
  switch (unit)
    {
    case GLMCC_TIME_UNIT_S:
      glmcc_load_context_note (context,
                               N_("times converted from seconds to ms (× 1000, snapped to 1 ns)"));
      break;
    case GLMCC_TIME_UNIT_SAMPLES:
      glmcc_load_context_note (context,
                               N_("times converted from sample indices to ms "
                               "(× 1000 / %g Hz, snapped to 1 ns)"),
                               rate);
      break;
    case GLMCC_TIME_UNIT_DEFAULT:
    case GLMCC_TIME_UNIT_MS:
    default:
      glmcc_load_context_note (context, N_("times read in ms, unchanged"));
      break;
    }
}
