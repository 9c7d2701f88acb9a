/* glmcc-load-stream.c: the loader helper's answer, written and read with distrust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "glmcc-load-stream.h"
#include "glmcc-i18n.h"

/* Names and notes are short; a longer one is a damaged answer, not a recording. */
#define MAX_TEXT (64 * 1024)

/* ---- writing ---- */

typedef struct
{
  int     fd;
  guint8  buffer[65536];
  gsize   used;
  gboolean failed;
} Writer;

static void
writer_flush (Writer *w)
{
  gsize done = 0;

  while (!w->failed && done < w->used)
    {
      ssize_t n = write (w->fd, w->buffer + done, w->used - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        w->failed = TRUE;
      else
        done += (gsize) n;
    }
  w->used = 0;
}

static void
writer_put (Writer     *w,
            const void *data,
            gsize       size)
{
  const guint8 *p = data;

  while (size > 0)
    {
      gsize chunk = MIN (size, sizeof w->buffer - w->used);

      memcpy (w->buffer + w->used, p, chunk);
      w->used += chunk;
      p += chunk;
      size -= chunk;
      if (w->used == sizeof w->buffer)
        writer_flush (w);
    }
}

static void
writer_u8 (Writer *w,
           guint8  v)
{
  writer_put (w, &v, 1);
}

static void
writer_u32 (Writer  *w,
            guint32  v)
{
  v = GUINT32_TO_LE (v);
  writer_put (w, &v, 4);
}

static void
writer_u64 (Writer  *w,
            guint64  v)
{
  v = GUINT64_TO_LE (v);
  writer_put (w, &v, 8);
}

static void
writer_f64 (Writer *w,
            double  v)
{
  guint64 bits;

  memcpy (&bits, &v, 8);
  writer_u64 (w, bits);
}

static void
writer_text (Writer     *w,
             const char *text)
{
  gsize len = MIN (strlen (text), (gsize) MAX_TEXT);

  writer_u32 (w, (guint32) len);
  writer_put (w, text, len);
}

gboolean
glmcc_load_stream_write (int               fd,
                         GlmccLoadContext *context,
                         const GError     *load_error)
{
  Writer *w = g_new0 (Writer, 1);
  gboolean ok;

  w->fd = fd;
  writer_put (w, GLMCC_LOAD_STREAM_MAGIC, 8);
  if (load_error != NULL)
    {
      writer_u8 (w, 'E');
      writer_u32 (w, load_error->domain == GLMCC_PARAMS_ERROR ? 1 : 0);
      writer_u32 (w, load_error->domain == GLMCC_PARAMS_ERROR || load_error->domain == GLMCC_ERROR
                     ? (guint32) load_error->code : (guint32) GLMCC_ERROR_LIBRARY);
      writer_text (w, load_error->message);
    }
  else
    {
      GlmccRecordingBuilder *builder = context->builder;
      guint n_trains = glmcc_recording_builder_get_n_trains (builder), n_notes;
      const char * const *notes = glmcc_recording_builder_get_notes (builder, &n_notes);

      for (guint i = 0; i < n_trains; i++)
        {
          const char *name;
          gsize n_times;
          const double *times = glmcc_recording_builder_get_train (builder, i, &name, &n_times);
          double x, y;

          writer_u8 (w, 'T');
          writer_text (w, name);
          writer_u64 (w, n_times);
          for (gsize k = 0; k < n_times; k++)
            writer_f64 (w, times[k]);
          if (glmcc_recording_builder_get_position (builder, i, &x, &y))
            {
              writer_u8 (w, 'P');
              writer_u32 (w, i);
              writer_f64 (w, x);
              writer_f64 (w, y);
            }
        }
      for (guint i = 0; i < n_notes; i++)
        {
          writer_u8 (w, 'N');
          writer_text (w, notes[i]);
        }
    }
  writer_u8 (w, 'Z');
  writer_flush (w);
  ok = !w->failed;
  g_free (w);
  return ok;
}

/* ---- reading ---- */

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Reader;

static gboolean
reader_take (Reader        *r,
             gsize          size,
             const guint8 **out)
{
  if ((gsize) (r->end - r->p) < size)
    return FALSE;
  *out = r->p;
  r->p += size;
  return TRUE;
}

static gboolean
reader_u32 (Reader  *r,
            guint32 *v)
{
  const guint8 *p;

  if (!reader_take (r, 4, &p))
    return FALSE;
  memcpy (v, p, 4);
  *v = GUINT32_FROM_LE (*v);
  return TRUE;
}

static gboolean
reader_u64 (Reader  *r,
            guint64 *v)
{
  const guint8 *p;

  if (!reader_take (r, 8, &p))
    return FALSE;
  memcpy (v, p, 8);
  *v = GUINT64_FROM_LE (*v);
  return TRUE;
}

static gboolean
reader_f64 (Reader *r,
            double *v)
{
  guint64 bits;

  if (!reader_u64 (r, &bits))
    return FALSE;
  memcpy (v, &bits, 8);
  return TRUE;
}

/* A text of at most MAX_TEXT bytes without NUL, as a new string. */
static char *
reader_text (Reader *r)
{
  const guint8 *p;
  guint32 len;

  if (!reader_u32 (r, &len) || len > MAX_TEXT || !reader_take (r, len, &p)
      || memchr (p, '\0', len) != NULL)
    return NULL;
  return g_strndup ((const char *) p, len);
}

static gboolean
malformed (GError    **error,
           const char *filename,
           const char *what)
{
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_LIBRARY,
               _("%s: the loader helper gave a malformed answer (%s)"), filename, what);
  return FALSE;
}

gboolean
glmcc_load_stream_read (const guint8     *data,
                        gsize             length,
                        GlmccLoadContext *context,
                        const char       *filename,
                        GError          **error)
{
  Reader r = { data, data + length };
  g_autofree double *times = NULL;
  gsize times_size = 0;
  guint n_trains = 0;
  const guint8 *magic;

  if (!reader_take (&r, 8, &magic) || memcmp (magic, GLMCC_LOAD_STREAM_MAGIC, 8) != 0)
    return malformed (error, filename, "no header");

  for (;;)
    {
      const guint8 *tag;

      if (!reader_take (&r, 1, &tag))
        return malformed (error, filename, "it ends early");
      switch (*tag)
        {
        case 'Z':
          if (r.p != r.end)
            return malformed (error, filename, "bytes after its end");
          return TRUE;

        case 'T':
          {
            g_autofree char *name = reader_text (&r);
            guint64 n;

            if (name == NULL || !reader_u64 (&r, &n))
              return malformed (error, filename, "a damaged train");
            /* The count must fit the bytes present before anything is allocated for it. */
            if (n > (guint64) (r.end - r.p) / 8)
              return malformed (error, filename, "a train longer than the answer");
            if (n > times_size)
              {
                times_size = MAX ((gsize) n, times_size * 2);
                g_free (times);
                times = g_try_new (double, times_size);
                if (times == NULL)
                  {
                    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                                 _("%s: not enough memory for a train of %" PRIu64
                                 " spikes"), filename, n);
                    return FALSE;
                  }
              }
            for (guint64 k = 0; k < n; k++)
              reader_f64 (&r, &times[k]);
            glmcc_load_context_add_train (context, name, times, (gsize) n);
            n_trains++;
          }
          break;

        case 'P':
          {
            guint32 neuron;
            double x, y;

            if (!reader_u32 (&r, &neuron) || !reader_f64 (&r, &x) || !reader_f64 (&r, &y)
                || neuron >= n_trains)
              return malformed (error, filename, "a damaged position");
            glmcc_recording_builder_set_position (context->builder, neuron, x, y);
          }
          break;

        case 'N':
          {
            g_autofree char *note = reader_text (&r);

            if (note == NULL)
              return malformed (error, filename, "a damaged note");
            glmcc_load_context_note (context, "%s", note);
          }
          break;

        case 'E':
          {
            guint32 domain, code;
            g_autofree char *message = NULL;
            const guint8 *end;

            if (!reader_u32 (&r, &domain) || !reader_u32 (&r, &code)
                || (message = reader_text (&r)) == NULL || !reader_take (&r, 1, &end)
                || *end != 'Z' || r.p != r.end || domain > 1
                || code > (domain == 0 ? (guint32) GLMCC_ERROR_LIBRARY
                                       : (guint32) GLMCC_PARAM_COLUMNS))
              return malformed (error, filename, "a damaged error");
            g_set_error_literal (error, domain == 0 ? GLMCC_ERROR : GLMCC_PARAMS_ERROR,
                                 (int) code, message);
            return FALSE;
          }

        default:
          return malformed (error, filename, "an unknown record");
        }
    }
}
