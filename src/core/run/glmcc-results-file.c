/* glmcc-results-file.c: opening a results file of any kind glmcc writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A results JSON of a large run is mostly its edge list (229 MB at 1,000 neurons), and
 * json-glib's parser builds a tree of the whole document (2.2 GiB for that file). The JSON
 * glmcc writes has one edge object per line after the line `  "edges" : [`, so it is read here
 * as a stream instead: the header (parameters, recording, neurons) through json-glib, then the
 * edges line by line with a small reader of that object, each set into the results and
 * forgotten. A JSON laid out differently (reformatted by another tool) is parsed whole, as
 * before.
 */
#define G_LOG_DOMAIN "glmcc-results"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gio/gio.h>

#include "glmcc-error.h"
#include "glmcc-i18n.h"
#include "glmcc-results-file.h"
#include "glmcc-results-hdf5.h"
#include "glmcc-results-private.h"

static const guint8 hdf5_signature[8] = { 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

gboolean
glmcc_results_file_is_hdf5 (const char *path)
{
  guint8 head[sizeof hdf5_signature];
  gssize got = -1;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  do
    got = read (fd, head, sizeof head);
  while (got < 0 && errno == EINTR);
  close (fd);
  return got == (gssize) sizeof head && memcmp (head, hdf5_signature, sizeof head) == 0;
}

/* ---- The edge objects of a results JSON, one per line ------------------------------------ */

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static void
skip_space (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
    c->p++;
}

static gboolean
expect (Cursor *c,
        char    ch)
{
  skip_space (c);
  if (c->p >= c->end || *c->p != ch)
    return FALSE;
  c->p++;
  return TRUE;
}

static int
hex_digit (char ch)
{
  return g_ascii_xdigit_value (ch);
}

/* Four hex digits after "\u". */
static gboolean
read_hex4 (Cursor   *c,
           gunichar *value)
{
  *value = 0;
  if (c->end - c->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (c->p[i]);
      if (d < 0)
        return FALSE;
      *value = *value * 16 + (gunichar) d;
    }
  c->p += 4;
  return TRUE;
}

/* A JSON string, unescaped into @out. */
static gboolean
read_string (Cursor  *c,
             GString *out)
{
  g_string_truncate (out, 0);
  if (!expect (c, '"'))
    return FALSE;
  while (c->p < c->end)
    {
      char ch = *c->p++;

      if (ch == '"')
        return g_utf8_validate (out->str, out->len, NULL);
      if ((guchar) ch < 0x20)
        return FALSE;
      if (ch != '\\')
        {
          g_string_append_c (out, ch);
          continue;
        }
      if (c->p >= c->end)
        return FALSE;
      ch = *c->p++;
      switch (ch)
        {
        case '"': case '\\': case '/': g_string_append_c (out, ch); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar u, low;

            if (!read_hex4 (c, &u))
              return FALSE;
            if (u >= 0xd800 && u < 0xdc00)
              {
                if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
                  return FALSE;
                c->p += 2;
                if (!read_hex4 (c, &low) || low < 0xdc00 || low >= 0xe000)
                  return FALSE;
                u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (u >= 0xdc00 && u < 0xe000)
              return FALSE;
            g_string_append_unichar (out, u);
          }
          break;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* The text of a number, true, false or null (not a string, object or array). */
static gboolean
read_scalar (Cursor  *c,
             GString *out)
{
  const char *start;

  skip_space (c);
  start = c->p;
  while (c->p < c->end && (g_ascii_isalnum (*c->p) || *c->p == '-' || *c->p == '+' || *c->p == '.'))
    c->p++;
  if (c->p == start)
    return FALSE;
  g_string_truncate (out, 0);
  g_string_append_len (out, start, c->p - start);
  return TRUE;
}

/* A number or null (NaN), as write_json writes them. */
static gboolean
scalar_to_double (const char *text,
                  double     *value)
{
  char *end = NULL;

  if (g_str_equal (text, "null"))
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

/* A non-negative integer: digits, or a double past 2^63 (what write_json writes there). */
static gboolean
scalar_to_count (const char *text,
                 guint64    *value)
{
  double number;

  if (g_str_equal (text, "null"))
    {
      *value = 0;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL))
    return TRUE;
  if (!scalar_to_double (text, &number) || !(number >= 0.0 && number < 18446744073709551616.0)
      || number != floor (number))
    return FALSE;
  *value = (guint64) number;
  return TRUE;
}

typedef struct
{
  const char    *path;
  GlmccResults  *into;
  GHashTable    *index;    /* name → neuron + 1 */
  GString       *key;
  GString       *value;
  GString       *pre;
  GString       *post;
  GString       *status;
} EdgeReader;

static gboolean
same_number (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

#define BAD_LINE(...) G_STMT_START { \
    g_autofree char *what_ = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s", \
                 reader->path, line_number, what_); \
    return FALSE; \
  } G_STMT_END

/* One edge object, as the loader of the whole document reads it. */
static gboolean
read_edge_line (EdgeReader  *reader,
                const char  *line,
                gsize        length,
                guint64      line_number,
                GError     **error)
{
  Cursor c = { line, line + length };
  GlmccEdge edge = { GLMCC_STATUS_PENDING, NAN, NAN, NAN, NAN, NAN, NAN, 0, NAN };
  gboolean has_pre = FALSE, has_post = FALSE, has_status = FALSE;
  guint pre, post;
  GlmccEdge other;

  if (!expect (&c, '{'))
    BAD_LINE ("expected an edge object");
  skip_space (&c);
  if (c.p < c.end && *c.p == '}')
    c.p++;
  else
    for (;;)
      {
        double *number = NULL;

        if (!read_string (&c, reader->key) || !expect (&c, ':'))
          BAD_LINE ("expected a member of an edge object");
        if (g_str_equal (reader->key->str, "pre") || g_str_equal (reader->key->str, "post")
            || g_str_equal (reader->key->str, "status"))
          {
            GString *target = reader->key->str[0] == 'p'
                                ? (reader->key->str[1] == 'r' ? reader->pre : reader->post)
                                : reader->status;

            if (!read_string (&c, target))
              BAD_LINE ("\"%s\" is not a string", reader->key->str);
            has_pre |= target == reader->pre;
            has_post |= target == reader->post;
            has_status |= target == reader->status;
          }
        else
          {
            skip_space (&c);
            /* A member this reader does not use (a note, say) is skipped. */
            if (c.p < c.end && *c.p == '"')
              {
                if (!read_string (&c, reader->value))
                  BAD_LINE ("\"%s\" is not a valid string", reader->key->str);
              }
            else if (!read_scalar (&c, reader->value))
              BAD_LINE ("\"%s\" is not a number", reader->key->str);
            else if (g_str_equal (reader->key->str, "n_lags"))
              {
                if (!scalar_to_count (reader->value->str, &edge.n_lags))
                  BAD_LINE ("invalid n_lags");
              }
            else
              {
                if (g_str_equal (reader->key->str, "j"))
                  number = &edge.j;
                else if (g_str_equal (reader->key->str, "threshold"))
                  number = &edge.threshold;
                else if (g_str_equal (reader->key->str, "statistic"))
                  number = &edge.statistic;
                else if (g_str_equal (reader->key->str, "p_value"))
                  number = &edge.p_value;
                else if (g_str_equal (reader->key->str, "q_value"))
                  number = &edge.q_value;
                else if (g_str_equal (reader->key->str, "psp_mv"))
                  number = &edge.psp_mv;
                else if (g_str_equal (reader->key->str, "delay_ms"))
                  number = &edge.delay_ms;
                if (number != NULL && !scalar_to_double (reader->value->str, number))
                  BAD_LINE ("\"%s\" is not a number", reader->key->str);
              }
          }
        skip_space (&c);
        if (c.p < c.end && *c.p == ',')
          {
            c.p++;
            continue;
          }
        if (!expect (&c, '}'))
          BAD_LINE ("expected ',' or '}' in an edge object");
        break;
      }
  skip_space (&c);
  if (c.p != c.end)
    BAD_LINE ("unexpected text after an edge object");

  pre = has_pre ? GPOINTER_TO_UINT (g_hash_table_lookup (reader->index, reader->pre->str)) : 0;
  post = has_post ? GPOINTER_TO_UINT (g_hash_table_lookup (reader->index, reader->post->str)) : 0;
  if (pre == 0 || post == 0 || pre == post)
    BAD_LINE ("the edge names unknown neurons '%s' → '%s'", has_pre ? reader->pre->str : "",
              has_post ? reader->post->str : "");
  if (!has_status || !glmcc_status_from_string (reader->status->str, &edge.status))
    BAD_LINE ("the edge has an unknown status '%s'", has_status ? reader->status->str : "");
  if (edge.status == GLMCC_STATUS_PENDING)
    return TRUE;
  if (isnan (edge.psp_mv))
    edge.psp_mv = 0.0;
  /* Both directions of a pair come from one fit. */
  other = glmcc_results_get_edge (reader->into, post - 1, pre - 1);
  if (other.status != GLMCC_STATUS_PENDING
      && (other.n_lags != edge.n_lags || !same_number (other.delay_ms, edge.delay_ms)))
    BAD_LINE ("the edge '%s' → '%s' and the edge back disagree on the delay or the number of lags",
              reader->pre->str, reader->post->str);
  glmcc_results_set_edge (reader->into, pre - 1, post - 1, &edge);
  glmcc_results_set_q_value (reader->into, pre - 1, post - 1, edge.q_value);
  return TRUE;
}

/* Reads the results JSON at @path as a stream. With @into NULL, returns new results of the
 * file; else copies its edges into @into (after checking they belong together) and returns a
 * reference to @into. *@whole is set when the file is not laid out as write_json() lays it out:
 * then nothing was read, and the caller parses it whole. The file's shard goes to
 * @shard_index and @shard_count. */
static GlmccResults *
json_stream (const char    *path,
             GlmccResults  *into,
             gboolean      *whole,
             guint         *shard_index,
             guint         *shard_count,
             GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GError) local_error = NULL;
  EdgeReader reader = { 0 };
  guint64 line_number = 0;
  gboolean closed = FALSE, ok = TRUE;
  char *line;
  gsize length;

  *whole = FALSE;
  input = g_file_read (file, NULL, &local_error);
  if (input == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, local_error->message);
      return NULL;
    }
  lines = g_data_input_stream_new (G_INPUT_STREAM (input));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (lines), 1 << 16);

  /* The header, up to the line that opens the edge list. */
  while ((line = g_data_input_stream_read_line (lines, &length, NULL, &local_error)) != NULL)
    {
      line_number++;
      if (g_str_equal (line, "  \"edges\" : ["))
        {
          g_free (line);
          break;
        }
      g_string_append_len (header, line, length);
      g_string_append_c (header, '\n');
      g_free (line);
    }
  if (local_error != NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, local_error->message);
      return NULL;
    }
  while (header->len > 0 && g_ascii_isspace (header->str[header->len - 1]))
    g_string_truncate (header, header->len - 1);
  if (line == NULL || header->len == 0 || header->str[header->len - 1] != ',')
    {
      *whole = TRUE;
      return NULL;
    }
  g_string_truncate (header, header->len - 1);
  g_string_append (header, ",\n  \"edges\" : []\n}\n");
  results = glmcc_results_load_json_data (header->str, header->len, path, error);
  if (results == NULL)
    return NULL;
  if (into != NULL && !glmcc_results_check_same_run (into, results, error))
    return NULL;
  glmcc_results_get_shard (results, shard_index, shard_count);

  reader.path = path;
  reader.into = into != NULL ? into : results;
  reader.index = g_hash_table_new (g_str_hash, g_str_equal);
  reader.key = g_string_new (NULL);
  reader.value = g_string_new (NULL);
  reader.pre = g_string_new (NULL);
  reader.post = g_string_new (NULL);
  reader.status = g_string_new (NULL);
  for (guint i = 0; i < glmcc_results_get_n_neurons (results); i++)
    g_hash_table_insert (reader.index, (gpointer) glmcc_results_get_name (results, i),
                         GUINT_TO_POINTER (i + 1));

  while (ok && (line = g_data_input_stream_read_line (lines, &length, NULL, &local_error)) != NULL)
    {
      char *text = g_strstrip (line);
      gsize text_length = strlen (text);

      line_number++;
      if (closed)
        {
          /* Only the closing brace of the document may follow the edge list. */
          ok = text_length == 0 || g_str_equal (text, "}");
          if (!ok)
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                         _("%s:%" PRIu64 ": unexpected text after the edge list"), path,
                         line_number);
        }
      else if (g_str_equal (text, "]"))
        closed = TRUE;
      else if (text_length > 0)
        {
          if (text[text_length - 1] == ',')
            text[--text_length] = '\0';
          ok = read_edge_line (&reader, text, text_length, line_number, error);
        }
      g_free (line);
    }
  g_hash_table_unref (reader.index);
  g_string_free (reader.key, TRUE);
  g_string_free (reader.value, TRUE);
  g_string_free (reader.pre, TRUE);
  g_string_free (reader.post, TRUE);
  g_string_free (reader.status, TRUE);
  if (!ok)
    return NULL;
  if (local_error != NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, local_error->message);
      return NULL;
    }
  if (!closed)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: the edge list is not closed (the file is truncated)"), path);
      return NULL;
    }
  if (into != NULL)
    {
      /* Like glmcc_results_merge(): the merged results are a whole run. */
      glmcc_results_set_shard (into, 0, 1);
      return glmcc_results_ref (into);
    }
  return g_steal_pointer (&results);
}

static GlmccResults *
load_json_streamed (const char  *path,
                    GError     **error)
{
  GlmccResults *results;
  gboolean whole;
  guint index, count;

  results = json_stream (path, NULL, &whole, &index, &count, error);
  if (whole)
    return glmcc_results_load_json (path, error);
  return results;
}

GlmccResults *
glmcc_results_load (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (glmcc_results_file_is_hdf5 (path))
    return glmcc_results_load_hdf5 (path, error);
  return load_json_streamed (path, error);
}

gboolean
glmcc_results_merge_file (GlmccResults  *into,
                          const char    *path,
                          guint         *shard_index,
                          guint         *shard_count,
                          GError       **error)
{
  g_autoptr(GlmccResults) part = NULL;
  guint index, count;
  gboolean whole;

  g_return_val_if_fail (into != NULL && path != NULL, FALSE);

  if (glmcc_results_file_is_hdf5 (path))
    return glmcc_results_merge_hdf5 (into, path, shard_index, shard_count, error);
  part = json_stream (path, into, &whole, &index, &count, error);
  if (whole)
    {
      part = glmcc_results_load_json (path, error);
      if (part == NULL)
        return FALSE;
      glmcc_results_get_shard (part, &index, &count);
      if (!glmcc_results_merge (into, part, error))
        return FALSE;
    }
  else if (part == NULL)
    return FALSE;
  else
    g_clear_pointer (&part, glmcc_results_unref);
  if (shard_index != NULL)
    *shard_index = index;
  if (shard_count != NULL)
    *shard_count = count;
  return TRUE;
}

char *
glmcc_results_file_checksum (const char  *path,
                             GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (1 << 20);
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  for (;;)
    {
      gssize got = read (fd, buffer, 1 << 20);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, g_strerror (saved_errno));
          return NULL;
        }
      if (got == 0)
        break;
      g_checksum_update (checksum, buffer, got);
    }
  close (fd);
  return g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}

gboolean
glmcc_results_file_probe (const char *path)
{
  char head[64];
  gssize got = -1;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (glmcc_results_file_is_hdf5 (path))
    return glmcc_results_hdf5_probe (path);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  do
    got = read (fd, head, sizeof head - 1);
  while (got < 0 && errno == EINTR);
  close (fd);
  if (got <= 0)
    return FALSE;
  head[got] = '\0';
  /* What write_json writes first. */
  return g_str_has_prefix (g_strchug (head), "{") && strstr (head, "\"version\"") != NULL;
}

/* The absolute, normalised path of @path ("." and ".." resolved by GFile). */
static char *
absolute_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_path (file);
}

char *
glmcc_results_file_relative_path (const char *results_path,
                                  const char *analysis_path)
{
  g_autofree char *results = NULL, *analysis = NULL, *folder = NULL;
  g_auto(GStrv) to = NULL, from = NULL;
  g_autoptr(GString) relative = g_string_new (NULL);
  guint common = 0, n_to, n_from;

  g_return_val_if_fail (results_path != NULL && analysis_path != NULL, NULL);

  results = absolute_path (results_path);
  analysis = absolute_path (analysis_path);
  folder = g_path_get_dirname (analysis);
  to = g_strsplit (results, G_DIR_SEPARATOR_S, -1);
  from = g_strsplit (folder, G_DIR_SEPARATOR_S, -1);
  n_to = g_strv_length (to);
  n_from = g_strv_length (from);
  /* Both start with "" (the root); "/" alone splits into two empty parts. */
  if (n_from == 2 && from[1][0] == '\0')
    n_from = 1;
  while (common < n_from && common + 1 < n_to && g_str_equal (to[common], from[common]))
    common++;
  if (common <= 1 && n_from > 1)
    return g_steal_pointer (&results);
  for (guint i = common; i < n_from; i++)
    g_string_append (relative, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < n_to; i++)
    {
      g_string_append (relative, to[i]);
      if (i + 1 < n_to)
        g_string_append_c (relative, G_DIR_SEPARATOR);
    }
  return g_string_free (g_steal_pointer (&relative), FALSE);
}

GlmccResults *
glmcc_results_file_open_reference (const char  *analysis_path,
                                   const char  *path,
                                   const char  *checksum,
                                   GError     **error)
{
  g_autofree char *folder = NULL, *full = NULL, *actual = NULL;

  g_return_val_if_fail (analysis_path != NULL && path != NULL && checksum != NULL, NULL);

  folder = g_path_get_dirname (analysis_path);
  {
    g_autofree char *joined = g_path_is_absolute (path) ? g_strdup (path)
                                                        : g_build_filename (folder, path, NULL);
    full = absolute_path (joined);
  }
  if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                   _("%s: the results file of this analysis is not there (%s)"), analysis_path, full);
      return NULL;
    }
  actual = glmcc_results_file_checksum (full, error);
  if (actual == NULL)
    return NULL;
  if (!g_str_equal (actual, checksum))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("%s: the results file changed since this analysis was saved (its checksum "
                   "differs)"), full);
      return NULL;
    }
  return glmcc_results_load (full, error);
}
