/* glmcc-npy.c: a small reader for NumPy .npy files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout: the magic "\x93NUMPY", a major and a minor version byte, the header length (u16 in
 * version 1, u32 in versions 2 and 3, little-endian), then the header, a Python dict literal
 * such as {'descr': '<u8', 'fortran_order': False, 'shape': (1234,), } padded with blanks and
 * a newline, and then the raw data.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "glmcc-io-private.h"
#include "glmcc-npy.h"
#include "glmcc-i18n.h"

struct _GlmccNpyFile
{
  GMappedFile   *mapped;
  char          *filename;
  GlmccNpyArray  array;
};

typedef struct
{
  const char *p;
  const char *end;
} Scanner;

static const struct
{
  const char    *descr;
  GlmccNpyDtype  dtype;
  gsize          size;
} dtypes[] = {
  { "<i4", GLMCC_NPY_INT32, 4 },
  { "<u4", GLMCC_NPY_UINT32, 4 },
  { "<i8", GLMCC_NPY_INT64, 8 },
  { "<u8", GLMCC_NPY_UINT64, 8 },
  { "<f4", GLMCC_NPY_FLOAT32, 4 },
  { "<f8", GLMCC_NPY_FLOAT64, 8 },
};

static void
skip_blanks (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
accept (Scanner *s,
        char     c)
{
  skip_blanks (s);
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
accept_word (Scanner    *s,
             const char *word)
{
  gsize len = strlen (word);

  skip_blanks (s);
  if ((gsize) (s->end - s->p) >= len && memcmp (s->p, word, len) == 0)
    {
      s->p += len;
      return TRUE;
    }
  return FALSE;
}

/* A quoted Python string without escapes, copied into @out (truncated to @size - 1). */
static gboolean
parse_string (Scanner *s,
              char    *out,
              gsize    size)
{
  const char *start;
  char quote;
  gsize len;

  skip_blanks (s);
  if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
    return FALSE;
  quote = *s->p++;
  start = s->p;
  while (s->p < s->end && *s->p != quote)
    {
      if (*s->p == '\\' || *s->p == '\n')
        return FALSE;
      s->p++;
    }
  if (s->p >= s->end)
    return FALSE;
  len = MIN ((gsize) (s->p - start), size - 1);
  memcpy (out, start, len);
  out[len] = '\0';
  s->p++;
  return TRUE;
}

static gboolean
parse_dimension (Scanner *s,
                 gsize   *value)
{
  guint64 v = 0;
  gboolean any = FALSE;

  skip_blanks (s);
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      guint digit = *s->p - '0';
      if (v > (G_MAXSIZE - digit) / 10)
        return FALSE;
      v = v * 10 + digit;
      any = TRUE;
      s->p++;
    }
  /* Python 2 wrote long integers with an L suffix. */
  if (any && s->p < s->end && *s->p == 'L')
    s->p++;
  *value = (gsize) v;
  return any;
}

static gboolean
parse_shape (Scanner       *s,
             GlmccNpyArray *array,
             const char   **problem)
{
  array->ndim = 0;
  if (!accept (s, '('))
    {
      *problem = "the shape is not a tuple";
      return FALSE;
    }
  if (accept (s, ')'))
    return TRUE;
  for (;;)
    {
      gsize dim;

      if (!parse_dimension (s, &dim))
        {
          *problem = "the shape holds something other than non-negative integers";
          return FALSE;
        }
      if (array->ndim == GLMCC_NPY_MAX_DIMS)
        {
          *problem = "the shape has too many dimensions";
          return FALSE;
        }
      array->shape[array->ndim++] = dim;
      if (accept (s, ')'))
        return TRUE;
      if (!accept (s, ','))
        {
          *problem = "the shape tuple is malformed";
          return FALSE;
        }
      if (accept (s, ')'))
        return TRUE;
    }
}

gboolean
glmcc_npy_parse (const guint8  *buffer,
                 gsize          length,
                 const char    *filename,
                 GlmccNpyArray *array,
                 GError       **error)
{
  static const guint8 magic[] = { 0x93, 'N', 'U', 'M', 'P', 'Y' };
  gboolean have_descr = FALSE, have_order = FALSE, have_shape = FALSE, fortran = FALSE;
  const char *problem = NULL;
  gsize header_len, header_start, data_len, needed;
  char descr[32] = "";
  guint major;
  Scanner s;

  memset (array, 0, sizeof *array);
  if (length < 10 || memcmp (buffer, magic, sizeof magic) != 0)
    {
      glmcc_io_set_parse_error (error, filename, 0, _("not a NumPy .npy file (no \\x93NUMPY magic)"));
      return FALSE;
    }
  major = buffer[6];
  if (major == 1)
    {
      header_len = buffer[8] | ((gsize) buffer[9] << 8);
      header_start = 10;
    }
  else if (major == 2 || major == 3)
    {
      if (length < 12)
        {
          glmcc_io_set_parse_error (error, filename, 0, _("truncated .npy header"));
          return FALSE;
        }
      header_len = buffer[8] | ((gsize) buffer[9] << 8) | ((gsize) buffer[10] << 16)
                   | ((gsize) buffer[11] << 24);
      header_start = 12;
    }
  else
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: .npy format version %u.%u is not supported (1.0 to 3.0 are)"), filename,
                   major, buffer[7]);
      return FALSE;
    }
  if (header_len > length - header_start)
    {
      glmcc_io_set_parse_error (error, filename, 0,
                                _("truncated .npy header (%zu bytes announced, %zu present)"), header_len, length - header_start);
      return FALSE;
    }

  s.p = (const char *) buffer + header_start;
  s.end = s.p + header_len;
  if (!accept (&s, '{'))
    {
      glmcc_io_set_parse_error (error, filename, 0, _("malformed .npy header: not a dict"));
      return FALSE;
    }
  while (!accept (&s, '}'))
    {
      char key[32];

      if (!parse_string (&s, key, sizeof key) || !accept (&s, ':'))
        {
          problem = "expected 'key': value";
          break;
        }
      if (strcmp (key, "descr") == 0)
        {
          if (!parse_string (&s, descr, sizeof descr))
            {
              problem = "descr is not a plain dtype string (structured arrays are not supported)";
              break;
            }
          have_descr = TRUE;
        }
      else if (strcmp (key, "fortran_order") == 0)
        {
          if (accept_word (&s, "True"))
            fortran = TRUE;
          else if (accept_word (&s, "False"))
            fortran = FALSE;
          else
            {
              problem = "fortran_order is neither True nor False";
              break;
            }
          have_order = TRUE;
        }
      else if (strcmp (key, "shape") == 0)
        {
          if (!parse_shape (&s, array, &problem))
            break;
          have_shape = TRUE;
        }
      else
        {
          problem = "unknown key";
          break;
        }
      if (!accept (&s, ',') && !(skip_blanks (&s), s.p < s.end && *s.p == '}'))
        {
          problem = "expected ',' or '}'";
          break;
        }
    }
  if (problem == NULL && !(have_descr && have_order && have_shape))
    problem = "descr, fortran_order or shape is missing";
  if (problem != NULL)
    {
      glmcc_io_set_parse_error (error, filename, 0, _("malformed .npy header: %s"), problem);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dtypes); i++)
    if (strcmp (descr, dtypes[i].descr) == 0
        || (descr[0] == '=' && strcmp (descr + 1, dtypes[i].descr + 1) == 0
            && G_BYTE_ORDER == G_LITTLE_ENDIAN))
      {
        array->dtype = dtypes[i].dtype;
        array->item_size = dtypes[i].size;
        g_strlcpy (array->descr, dtypes[i].descr, sizeof array->descr);
        break;
      }
  if (array->item_size == 0)
    {
      g_autofree char *quoted = glmcc_io_quote (descr, strlen (descr));
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: dtype %s is not supported (little-endian <i4 <u4 <i8 <u8 <f4 <f8 are)%s"),
                   filename, quoted, descr[0] == '>' ? "; this array is big-endian" : "");
      return FALSE;
    }

  array->n_elements = 1;
  for (guint i = 0; i < array->ndim; i++)
    if (!g_size_checked_mul (&array->n_elements, array->n_elements, array->shape[i]))
      {
        glmcc_io_set_parse_error (error, filename, 0, _("malformed .npy header: the shape overflows"));
        return FALSE;
      }
  if (fortran)
    {
      guint big_dims = 0;
      for (guint i = 0; i < array->ndim; i++)
        big_dims += array->shape[i] > 1;
      if (big_dims > 1)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                       _("%s: Fortran-order arrays of more than one dimension are not supported"),
                       filename);
          return FALSE;
        }
    }

  data_len = length - header_start - header_len;
  if (!g_size_checked_mul (&needed, array->n_elements, array->item_size) || needed > data_len)
    {
      glmcc_io_set_parse_error (error, filename, 0,
                                _("truncated: the header announces %zu values of %s but only %zu bytes of data follow"),
                                array->n_elements, array->descr, data_len);
      return FALSE;
    }
  if (needed < data_len)
    {
      glmcc_io_set_parse_error (error, filename, 0,
                                _("%zu bytes after the %zu values the header announces"), data_len - needed,
                                array->n_elements);
      return FALSE;
    }
  array->data = buffer + header_start + header_len;
  return TRUE;
}

GlmccNpyFile *
glmcc_npy_file_open (const char *filename,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GlmccNpyFile *file;
  GMappedFile *mapped;
  static const guint8 empty[1];
  int fd;

  fd = glmcc_io_open_regular (filename, NULL, error);
  if (fd < 0)
    return NULL;
  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot open: %s"), filename,
                   local_error->message);
      return NULL;
    }
  file = g_new0 (GlmccNpyFile, 1);
  file->mapped = mapped;
  file->filename = g_strdup (filename);
  if (!glmcc_npy_parse (g_mapped_file_get_length (mapped) > 0
                        ? (const guint8 *) g_mapped_file_get_contents (mapped) : empty,
                        g_mapped_file_get_length (mapped), filename, &file->array, error))
    {
      glmcc_npy_file_free (file);
      return NULL;
    }
  return file;
}

void
glmcc_npy_file_free (GlmccNpyFile *file)
{
  if (file == NULL)
    return;
  g_mapped_file_unref (file->mapped);
  g_free (file->filename);
  g_free (file);
}

const GlmccNpyArray *
glmcc_npy_file_get_array (GlmccNpyFile *file)
{
  return &file->array;
}

const char *
glmcc_npy_file_get_name (GlmccNpyFile *file)
{
  return file->filename;
}

gboolean
glmcc_npy_check_vector (const GlmccNpyArray *array,
                        const char          *filename,
                        GError             **error)
{
  if (array->ndim == 1 || (array->ndim == 2 && array->shape[1] == 1))
    return TRUE;

  {
    GString *shape = g_string_new ("(");
    for (guint i = 0; i < array->ndim; i++)
      g_string_append_printf (shape, "%s%" G_GSIZE_FORMAT, i > 0 ? ", " : "", array->shape[i]);
    g_string_append (shape, array->ndim == 1 ? ",)" : ")");
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                 _("%s: shape %s where (n,) or (n, 1) is expected"), filename, shape->str);
    g_string_free (shape, TRUE);
  }
  return FALSE;
}

gboolean
glmcc_npy_is_integer (const GlmccNpyArray *array)
{
  return array->dtype != GLMCC_NPY_FLOAT32 && array->dtype != GLMCC_NPY_FLOAT64;
}

static guint64
read_u64 (const guint8 *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

double
glmcc_npy_get_double (const GlmccNpyArray *array,
                      gsize                index)
{
  const guint8 *p = array->data + index * array->item_size;

  switch (array->dtype)
    {
    case GLMCC_NPY_INT32:
      return (double) (gint32) read_u32 (p);
    case GLMCC_NPY_UINT32:
      return (double) read_u32 (p);
    case GLMCC_NPY_INT64:
      return (double) (gint64) read_u64 (p);
    case GLMCC_NPY_UINT64:
      return (double) read_u64 (p);
    case GLMCC_NPY_FLOAT32:
      {
        guint32 bits = read_u32 (p);
        float f;
        memcpy (&f, &bits, sizeof f);
        return (double) f;
      }
    case GLMCC_NPY_FLOAT64:
    default:
      {
        guint64 bits = read_u64 (p);
        double d;
        memcpy (&d, &bits, sizeof d);
        return d;
      }
    }
}

gint64 *
glmcc_npy_to_int64 (const GlmccNpyArray *array,
                    const char          *filename,
                    GError             **error)
{
  gint64 *values = g_new (gint64, MAX (array->n_elements, 1));

  for (gsize i = 0; i < array->n_elements; i++)
    {
      const guint8 *p = array->data + i * array->item_size;

      switch (array->dtype)
        {
        case GLMCC_NPY_INT32:
          values[i] = (gint32) read_u32 (p);
          break;
        case GLMCC_NPY_UINT32:
          values[i] = read_u32 (p);
          break;
        case GLMCC_NPY_INT64:
          values[i] = (gint64) read_u64 (p);
          break;
        case GLMCC_NPY_UINT64:
          {
            guint64 v = read_u64 (p);
            if (v > (guint64) G_MAXINT64)
              {
                g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                             _("%s: element %zu (%" PRIu64
                             ") is too large"), filename, i, v);
                g_free (values);
                return NULL;
              }
            values[i] = (gint64) v;
          }
          break;
        case GLMCC_NPY_FLOAT32:
        case GLMCC_NPY_FLOAT64:
        default:
          {
            double v = glmcc_npy_get_double (array, i);
            if (!isfinite (v) || v != nearbyint (v) || fabs (v) > 9007199254740992.0)
              {
                g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                             _("%s: element %zu (%g) is not an integer"), filename,
                             i, v);
                g_free (values);
                return NULL;
              }
            values[i] = (gint64) v;
          }
          break;
        }
    }
  return values;
}
