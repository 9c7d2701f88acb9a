/* glmcc-mat-check.c: a MATLAB file's declared sizes against its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Level 5 layout (MATLAB's "MAT-File Format" document): a 128-byte header, then data elements,
 * each an 8-byte tag (type, byte count) and its data padded to 8 bytes, or a "small" element
 * whose tag holds a count of at most 4 bytes in its upper half and the data in its lower 4
 * bytes. A variable is an miMATRIX whose sub-elements are its flags, dimensions, name and then,
 * by class, the numbers, the characters, the cells (each an miMATRIX), or the struct's field
 * names and fields. An miCOMPRESSED element holds one zlib-compressed element. Level 4 files
 * are a run of 20-byte headers, each followed by a name and the numbers.
 *
 * Every element is checked to lie inside the one that holds it, every array's data to be as
 * large as its dimensions say, and every cell and field to be there.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <gio/gio.h>

#include "glmcc-error.h"
#include "glmcc-mat-check.h"
#include "glmcc-i18n.h"

#define MAT_HEADER_SIZE 128
#define MAX_DEPTH 32
#define MAX_RANK 32
#define MAX_NAME 4096

enum
{
  MI_INT8 = 1,
  MI_UINT8 = 2,
  MI_INT16 = 3,
  MI_UINT16 = 4,
  MI_INT32 = 5,
  MI_UINT32 = 6,
  MI_SINGLE = 7,
  MI_DOUBLE = 9,
  MI_INT64 = 12,
  MI_UINT64 = 13,
  MI_MATRIX = 14,
  MI_COMPRESSED = 15,
  MI_UTF8 = 16,
  MI_UTF16 = 17,
  MI_UTF32 = 18,
};

enum
{
  MX_CELL = 1,
  MX_STRUCT = 2,
  MX_OBJECT = 3,
  MX_CHAR = 4,
  MX_SPARSE = 5,
  MX_DOUBLE = 6,
  MX_UINT64 = 15,
  MX_OPAQUE = 17,
};

/* The bytes of one element: either a slice of the file, or the output of a zlib stream that is
 * inflated as it is read and never kept. */
typedef struct
{
  const guint8 *raw;
  gsize         raw_left;
  GConverter   *zlib;
  guint8        buffer[16384];
  gsize         buffered;
  gsize         taken;
  gboolean      ended;       /* the zlib stream is over, or broken */
  gboolean      broken;
} Source;

typedef struct
{
  const char *filename;
  gboolean    big_endian;
  guint64     max_expanded;
  GString    *what;          /* the variable, field or cell being checked */
  GError    **error;
} Check;

static gboolean
source_fill (Source *s)
{
  while (!s->ended)
    {
      g_autoptr(GError) local_error = NULL;
      gsize read = 0, written = 0;
      GConverterResult result;

      result = g_converter_convert (s->zlib, s->raw, s->raw_left, s->buffer, sizeof s->buffer,
                                    s->raw_left == 0 ? G_CONVERTER_INPUT_AT_END
                                                     : G_CONVERTER_NO_FLAGS,
                                    &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          s->ended = TRUE;
          s->broken = !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
          return FALSE;
        }
      s->raw += read;
      s->raw_left -= read;
      s->buffered = written;
      s->taken = 0;
      if (result == G_CONVERTER_FINISHED)
        s->ended = TRUE;
      if (written > 0)
        return TRUE;
      if (read == 0 && s->raw_left == 0)
        s->ended = TRUE;
    }
  return FALSE;
}

/* Copies (or, with @out NULL, passes over) @n bytes; FALSE when the element ends first. */
static gboolean
source_take (Source  *s,
             guint8  *out,
             guint64  n)
{
  if (s->zlib == NULL)
    {
      if (n > s->raw_left)
        return FALSE;
      if (out != NULL)
        memcpy (out, s->raw, n);
      s->raw += n;
      s->raw_left -= n;
      return TRUE;
    }
  while (n > 0)
    {
      gsize chunk;

      if (s->taken == s->buffered && !source_fill (s))
        return FALSE;
      chunk = MIN (n, (guint64) (s->buffered - s->taken));
      if (out != NULL)
        {
          memcpy (out, s->buffer + s->taken, chunk);
          out += chunk;
        }
      s->taken += chunk;
      n -= chunk;
    }
  return TRUE;
}

static guint32
get_u32 (const Check  *check,
         const guint8 *p)
{
  if (check->big_endian)
    return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static void
fail (Check      *check,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (Check      *check,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (check->error == NULL || *check->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (check->what->len > 0)
    g_set_error (check->error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s: %s: %s", check->filename,
                 check->what->str, message);
  else
    g_set_error (check->error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s: %s", check->filename,
                 message);
}

static void
fail_truncated (Check   *check,
                Source  *source)
{
  if (source->broken)
    fail (check, _("the compressed data are damaged"));
  else
    fail (check, _("truncated: the file ends inside this variable"));
}

static gsize
element_size (guint32 type)
{
  switch (type)
    {
    case MI_INT8:
    case MI_UINT8:
    case MI_UTF8:
      return 1;
    case MI_INT16:
    case MI_UINT16:
    case MI_UTF16:
      return 2;
    case MI_INT32:
    case MI_UINT32:
    case MI_SINGLE:
    case MI_UTF32:
      return 4;
    case MI_DOUBLE:
    case MI_INT64:
    case MI_UINT64:
      return 8;
    default:
      return 0;
    }
}

/* One data element of a variable: its tag, and its data read into @data (up to @data_size
 * bytes, the rest passed over) or passed over. Keeps *budget, the bytes left in the variable. */
typedef struct
{
  guint32 type;
  guint32 nbytes;
} Tag;

static gboolean
read_element (Check    *check,
              Source   *source,
              guint64  *budget,
              Tag      *tag,
              guint8   *data,
              gsize     data_size,
              gboolean  keep_data)
{
  guint8 raw[8];
  guint32 word;
  guint64 padded;

  if (*budget < 8)
    {
      fail (check, _("the variable ends inside its own description"));
      return FALSE;
    }
  if (!source_take (source, raw, 8))
    {
      fail_truncated (check, source);
      return FALSE;
    }
  *budget -= 8;
  word = get_u32 (check, raw);
  if ((word >> 16) != 0)
    {
      /* A small element: its data are the tag's last 4 bytes. */
      tag->type = word & 0xffff;
      tag->nbytes = word >> 16;
      if (tag->nbytes > 4)
        {
          fail (check, _("a small data element declares %u bytes (at most 4 fit)"), tag->nbytes);
          return FALSE;
        }
      if (keep_data)
        memcpy (data, raw + 4, MIN (data_size, tag->nbytes));
      return TRUE;
    }
  tag->type = word;
  tag->nbytes = get_u32 (check, raw + 4);
  if (tag->nbytes > *budget)
    {
      fail (check, _("an element declares %u bytes where %" PRIu64 " are left"),
            tag->nbytes, *budget);
      return FALSE;
    }
  padded = MIN (((guint64) tag->nbytes + 7) / 8 * 8, *budget);
  if (keep_data)
    {
      gsize kept = MIN (data_size, tag->nbytes);
      if (!source_take (source, data, kept) || !source_take (source, NULL, padded - kept))
        {
          fail_truncated (check, source);
          return FALSE;
        }
    }
  else if (!source_take (source, NULL, padded))
    {
      fail_truncated (check, source);
      return FALSE;
    }
  *budget -= padded;
  return TRUE;
}

static gboolean check_matrix (Check   *check,
                              Source  *source,
                              guint64  nbytes,
                              guint    depth,
                              guint64 *consumed);

/* @n sub-variables (cells or fields), each an miMATRIX inside the @budget bytes left. */
static gboolean
check_children (Check      *check,
                Source     *source,
                guint64    *budget,
                guint64     n,
                const char *kind,
                char      **field_names,
                guint       n_fields,
                guint       depth)
{
  gsize saved = check->what->len;

  /* Each needs at least its 8-byte tag: say so at once rather than read 1.7e9 of them. */
  if (n > *budget / 8)
    {
      fail (check, _("declares %" PRIu64 " %s, but its %" PRIu64
            " remaining bytes hold at most %" PRIu64), n, kind, *budget, *budget / 8);
      return FALSE;
    }
  for (guint64 i = 0; i < n; i++)
    {
      Tag tag;
      guint8 head[8];
      guint32 word;
      guint64 used = 0;

      if (field_names != NULL)
        g_string_append_printf (check->what, ".%s", field_names[i % n_fields]);
      else
        g_string_append_printf (check->what, "{%" G_GUINT64_FORMAT "}", i + 1);

      if (*budget < 8)
        {
          g_string_truncate (check->what, saved);
          fail (check, _("declares %" PRIu64 " %s, but holds only %" PRIu64),
                n, kind, i);
          return FALSE;
        }
      if (!source_take (source, head, 8))
        {
          fail_truncated (check, source);
          return FALSE;
        }
      *budget -= 8;
      word = get_u32 (check, head);
      tag.type = word;
      tag.nbytes = get_u32 (check, head + 4);
      if (tag.type != MI_MATRIX)
        {
          fail (check, _("an element of type %u where an array is expected"), tag.type);
          return FALSE;
        }
      if (tag.nbytes > *budget)
        {
          fail (check, _("declares %u bytes where %" PRIu64 " are left"), tag.nbytes,
                *budget);
          return FALSE;
        }
      if (tag.nbytes > 0 && !check_matrix (check, source, tag.nbytes, depth + 1, &used))
        return FALSE;
      *budget -= tag.nbytes > 0 ? used : 0;
      g_string_truncate (check->what, saved);
    }
  return TRUE;
}

static gboolean
check_struct (Check   *check,
              Source  *source,
              guint64 *budget,
              guint64  n_elements,
              guint    depth)
{
  g_auto(GStrv) names = NULL;
  g_autofree guint8 *block = NULL;
  guint8 word[4] = { 0 };
  guint32 name_len;
  guint64 n_fields, n_children;
  Tag tag;

  if (!read_element (check, source, budget, &tag, word, sizeof word, TRUE))
    return FALSE;
  if (tag.type != MI_INT32 || tag.nbytes != 4)
    {
      fail (check, _("the struct's field-name length is malformed"));
      return FALSE;
    }
  name_len = get_u32 (check, word);
  if (name_len == 0 || name_len > MAX_NAME)
    {
      fail (check, _("the struct's field-name length %u is not valid"), name_len);
      return FALSE;
    }
  /* The field names: read whole, they are short. */
  {
    guint8 head[8];
    guint32 w;

    if (*budget < 8 || !source_take (source, head, 8))
      {
        if (*budget < 8)
          fail (check, _("the struct has no field names"));
        else
          fail_truncated (check, source);
        return FALSE;
      }
    *budget -= 8;
    w = get_u32 (check, head);
    if ((w >> 16) != 0)
      {
        tag.type = w & 0xffff;
        tag.nbytes = w >> 16;
        if (tag.nbytes > 4)
          {
            fail (check, _("a small data element declares %u bytes (at most 4 fit)"), tag.nbytes);
            return FALSE;
          }
        block = g_malloc0 (5);
        memcpy (block, head + 4, MIN (tag.nbytes, 4));
      }
    else
      {
        guint64 padded;

        tag.type = w;
        tag.nbytes = get_u32 (check, head + 4);
        if (tag.nbytes > *budget || tag.nbytes > 64 * MAX_NAME * 16)
          {
            fail (check, _("the struct's field names declare %u bytes where %" PRIu64
                  " are left"), tag.nbytes, *budget);
            return FALSE;
          }
        padded = MIN (((guint64) tag.nbytes + 7) / 8 * 8, *budget);
        block = g_malloc0 (tag.nbytes + 1);
        if (!source_take (source, block, tag.nbytes)
            || !source_take (source, NULL, padded - tag.nbytes))
          {
            fail_truncated (check, source);
            return FALSE;
          }
        *budget -= padded;
      }
  }
  if (tag.type != MI_INT8 || tag.nbytes % name_len != 0)
    {
      fail (check, _("the struct's field names (%u bytes) are not a whole number of %u-byte names"),
            tag.nbytes, name_len);
      return FALSE;
    }
  n_fields = tag.nbytes / name_len;
  names = g_new0 (char *, n_fields + 1);
  for (guint64 f = 0; f < n_fields; f++)
    names[f] = g_strndup ((const char *) block + f * name_len, name_len);
  if (n_fields == 0)
    return TRUE;
  if (!g_uint64_checked_mul (&n_children, n_elements, n_fields))
    {
      fail (check, _("declares more fields than can exist"));
      return FALSE;
    }
  return check_children (check, source, budget, n_children, _("fields"), names, (guint) n_fields,
                         depth);
}

/* An miMATRIX of @nbytes (its tag already read); *consumed is what it took. Inside compressed
 * data, libmatio declares some arrays (character arrays) longer than it writes them, and it and
 * MATLAB read such data by their structure: there the structure decides where an array ends,
 * and the declared size is only a bound. */
static gboolean
check_matrix (Check   *check,
              Source  *source,
              guint64  nbytes,
              guint    depth,
              guint64 *consumed)
{
  guint64 budget = nbytes, n_elements = 1;
  guint8 flags[8] = { 0 };
  guint8 dims_raw[MAX_RANK * 4] = { 0 };
  char name[65] = "";
  guint32 class_type;
  gboolean complex;
  guint rank;
  Tag tag;

  if (depth > MAX_DEPTH)
    {
      fail (check, _("arrays nested more than %d deep"), MAX_DEPTH);
      return FALSE;
    }

  if (!read_element (check, source, &budget, &tag, flags, sizeof flags, TRUE))
    return FALSE;
  if (tag.type != MI_UINT32 || tag.nbytes != 8)
    {
      fail (check, _("the array flags are malformed"));
      return FALSE;
    }
  class_type = get_u32 (check, flags) & 0xff;
  complex = (get_u32 (check, flags) & 0x0800) != 0;
  /* MATLAB's classes end at 17 (function handles, opaque objects): beyond, the flags are
   * damaged, and libmatio would read such an array as empty. */
  if (class_type > MX_OPAQUE)
    {
      fail (check, _("an array of the unknown class %u"), class_type);
      return FALSE;
    }
  /* Function handles and opaque objects (string, table …) are laid out differently; they lie
   * inside their element, which is all libmatio needs of them. */
  if (class_type < MX_CELL || class_type > MX_UINT64)
    {
      if (!source_take (source, NULL, budget))
        {
          fail_truncated (check, source);
          return FALSE;
        }
      *consumed = nbytes;
      return TRUE;
    }

  if (!read_element (check, source, &budget, &tag, dims_raw, sizeof dims_raw, TRUE))
    return FALSE;
  if (tag.type != MI_INT32 || tag.nbytes % 4 != 0 || tag.nbytes < 4
      || tag.nbytes > sizeof dims_raw)
    {
      fail (check, _("the dimensions are malformed (%u bytes of type %u)"), tag.nbytes, tag.type);
      return FALSE;
    }
  rank = tag.nbytes / 4;
  for (guint i = 0; i < rank; i++)
    {
      guint32 d = get_u32 (check, dims_raw + 4 * i);

      if (d > G_MAXINT32)
        {
          fail (check, _("dimension %u is negative"), i + 1);
          return FALSE;
        }
      if (!g_uint64_checked_mul (&n_elements, n_elements, d))
        {
          fail (check, _("the dimensions multiply beyond any size"));
          return FALSE;
        }
    }

  if (!read_element (check, source, &budget, &tag, (guint8 *) name, sizeof name - 1, TRUE))
    return FALSE;
  if (tag.type != MI_INT8 && tag.type != MI_UINT8)
    {
      fail (check, _("the array name is malformed"));
      return FALSE;
    }
  if (depth == 0 && check->what->len == 0)
    g_string_append (check->what, name[0] != '\0' ? name : _("a variable without a name"));

  switch (class_type)
    {
    case MX_CELL:
      if (!check_children (check, source, &budget, n_elements, _("cells"), NULL, 0, depth))
        return FALSE;
      break;

    case MX_OBJECT:
      /* The class name, then a struct. */
      if (!read_element (check, source, &budget, &tag, NULL, 0, FALSE))
        return FALSE;
      if (!check_struct (check, source, &budget, n_elements, depth))
        return FALSE;
      break;

    case MX_STRUCT:
      if (!check_struct (check, source, &budget, n_elements, depth))
        return FALSE;
      break;

    case MX_SPARSE:
      {
        Tag ir, jc;
        guint32 columns = rank >= 2 ? get_u32 (check, dims_raw + 4) : 0;

        if (!read_element (check, source, &budget, &ir, NULL, 0, FALSE)
            || !read_element (check, source, &budget, &jc, NULL, 0, FALSE))
          return FALSE;
        if (element_size (jc.type) == 0
            || jc.nbytes / element_size (jc.type) < (guint64) columns + 1)
          {
            fail (check, _("the sparse matrix's column index holds fewer than %u + 1 entries"),
                  columns);
            return FALSE;
          }
        for (int part = 0; part < (complex ? 2 : 1); part++)
          if (budget > 0 && !read_element (check, source, &budget, &tag, NULL, 0, FALSE))
            return FALSE;
      }
      break;

    case MX_CHAR:
    default:
      /* Numbers (or characters): the data must hold every element the dimensions declare. */
      for (int part = 0; part < (complex ? 2 : 1); part++)
        {
          guint64 needed;
          gsize size;

          if (n_elements == 0 && budget == 0)
            break;
          if (!read_element (check, source, &budget, &tag, NULL, 0, FALSE))
            return FALSE;
          size = element_size (tag.type);
          if (size == 0)
            {
              fail (check, _("the %s part has the unknown data type %u"), part == 0 ? _("real")
                                                                                  : _("imaginary"),
                    tag.type);
              return FALSE;
            }
          if (tag.type == MI_UTF8 || tag.type == MI_UTF16)
            continue;   /* variable-length characters */
          /* MATLAB writes exactly the data the dimensions need: more is as wrong as less
           * (a damaged dimension would silently drop the rest). */
          if (!g_uint64_checked_mul (&needed, n_elements, size) || tag.nbytes != needed)
            {
              fail (check, _("declares %" PRIu64 " values, but its data hold %u bytes, "
                    "not the %" PRIu64 " they need"), n_elements, tag.nbytes,
                    needed);
              return FALSE;
            }
        }
      break;
    }

  if (source->zlib != NULL)
    {
      *consumed = nbytes - budget;
      return TRUE;
    }
  /* Whatever follows inside the element. */
  if (!source_take (source, NULL, budget))
    {
      fail_truncated (check, source);
      return FALSE;
    }
  *consumed = nbytes;
  return TRUE;
}

static gboolean
check_v5 (Check        *check,
          const guint8 *data,
          gsize         length)
{
  gsize pos = MAT_HEADER_SIZE;
  guint n_variables = 0;

  while (pos < length)
    {
      Tag tag;
      Source source = { 0 };
      gsize left;

      g_string_truncate (check->what, 0);
      if (length - pos < 8)
        {
          fail (check, _("truncated: %zu stray bytes after the last variable"),
                length - pos);
          return FALSE;
        }
      tag.type = get_u32 (check, data + pos);
      tag.nbytes = get_u32 (check, data + pos + 4);
      pos += 8;
      left = length - pos;
      if (tag.nbytes > left)
        {
          fail (check, _("truncated: variable %u at byte %zu declares %u bytes, "
                "the file holds %zu more"), n_variables + 1, pos - 8, tag.nbytes,
                left);
          return FALSE;
        }
      if (tag.type == MI_MATRIX)
        {
          guint64 used;

          source.raw = data + pos;
          source.raw_left = tag.nbytes;
          if (tag.nbytes > 0 && !check_matrix (check, &source, tag.nbytes, 0, &used))
            return FALSE;
        }
      else if (tag.type == MI_COMPRESSED)
        {
          guint8 head[8];
          guint32 inner_type, inner_bytes;
          gboolean ok;

          source.raw = data + pos;
          source.raw_left = tag.nbytes;
          source.zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
          if (!source_take (&source, head, 8))
            {
              g_object_unref (source.zlib);
              g_string_printf (check->what, "variable %u", n_variables + 1);
              fail_truncated (check, &source);
              return FALSE;
            }
          inner_type = get_u32 (check, head);
          inner_bytes = get_u32 (check, head + 4);
          if (inner_type != MI_MATRIX)
            ok = TRUE;   /* not a variable; libmatio passes over it */
          else if (inner_bytes > check->max_expanded)
            {
              g_string_printf (check->what, "variable %u", n_variables + 1);
              fail (check, _("expands to %u bytes, more than the %" PRIu64 " this "
                    "loader accepts"), inner_bytes, check->max_expanded);
              ok = FALSE;
            }
          else
            {
              guint64 used;

              ok = inner_bytes == 0 || check_matrix (check, &source, inner_bytes, 0, &used);
            }
          g_object_unref (source.zlib);
          if (!ok)
            return FALSE;
        }
      pos += tag.nbytes;
      n_variables++;
    }
  return TRUE;
}

/* Level 4: a 20-byte header (type MOPT, rows, columns, imaginary flag, name length), the name,
 * then rows × columns numbers (twice with an imaginary part). */
static gboolean
check_v4 (Check        *check,
          const guint8 *data,
          gsize         length)
{
  static const gsize sizes[] = { 8, 4, 4, 2, 2, 1 };
  gsize pos = 0;
  guint n = 0;

  if (length < 20)
    {
      fail (check, _("not a MATLAB .mat file (too short for any version)"));
      return FALSE;
    }
  while (pos < length)
    {
      guint32 type, rows, columns, imaginary, name_len;
      guint64 bytes;
      guint m, o, p, t;

      g_string_truncate (check->what, 0);
      if (length - pos < 20)
        {
          fail (check, _("truncated: %zu stray bytes after matrix %u"),
                length - pos, n);
          return FALSE;
        }
      /* The thousands digit of the type says the byte order; try little-endian first. */
      check->big_endian = FALSE;
      type = get_u32 (check, data + pos);
      if (type > 4052)
        {
          check->big_endian = TRUE;
          type = get_u32 (check, data + pos);
        }
      m = type / 1000;
      o = type / 100 % 10;
      p = type / 10 % 10;
      t = type % 10;
      if (type > 4052 || m > 1 || o != 0 || p > 5 || t > 2)
        {
          if (n == 0)
            fail (check, _("not a MATLAB .mat file (no version 5 header, and not version 4)"));
          else
            fail (check, _("matrix %u at byte %zu has the unknown type %u"),
                  n + 1, pos, type);
          return FALSE;
        }
      rows = get_u32 (check, data + pos + 4);
      columns = get_u32 (check, data + pos + 8);
      imaginary = get_u32 (check, data + pos + 12);
      name_len = get_u32 (check, data + pos + 16);
      pos += 20;
      if (name_len == 0 || name_len > MAX_NAME || name_len > length - pos)
        {
          fail (check, _("matrix %u: its name length %u does not fit the file"), n + 1, name_len);
          return FALSE;
        }
      g_string_append_len (check->what, (const char *) data + pos,
                           strnlen ((const char *) data + pos, name_len));
      pos += name_len;
      if (rows > G_MAXINT32 || columns > G_MAXINT32 || imaginary > 1)
        {
          fail (check, _("the header is malformed (%u × %u, imaginary flag %u)"), rows, columns,
                imaginary);
          return FALSE;
        }
      bytes = (guint64) rows * columns * sizes[p] * (imaginary ? 2 : 1);
      if (bytes > length - pos)
        {
          fail (check, _("truncated: %u × %u values need %" PRIu64 " bytes, the file "
                "holds %zu"), rows, columns, bytes, length - pos);
          return FALSE;
        }
      pos += bytes;
      n++;
    }
  return TRUE;
}

GlmccMatVersion
glmcc_mat_detect_version (const guint8 *head,
                          gsize         length)
{
  if (length >= MAT_HEADER_SIZE && (memcmp (head + 126, "IM", 2) == 0
                                    || memcmp (head + 126, "MI", 2) == 0))
    {
      gboolean big = memcmp (head + 126, "MI", 2) == 0;
      guint version = big ? ((guint) head[124] << 8 | head[125])
                          : ((guint) head[125] << 8 | head[124]);

      return version == 0x0200 ? GLMCC_MAT_V73 : GLMCC_MAT_V5;
    }
  return GLMCC_MAT_V4;
}

gboolean
glmcc_mat_check (const guint8 *data,
                 gsize         length,
                 const char   *filename,
                 guint64       max_expanded,
                 GError      **error)
{
  g_autoptr(GString) what = g_string_new (NULL);
  Check check = { filename, FALSE, max_expanded, what, error };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: an empty file, not a MATLAB .mat file"), filename);
      return FALSE;
    }
  switch (glmcc_mat_detect_version (data, length))
    {
    case GLMCC_MAT_V5:
      check.big_endian = memcmp (data + 126, "MI", 2) == 0;
      return check_v5 (&check, data, length);
    case GLMCC_MAT_V4:
      return check_v4 (&check, data, length);
    case GLMCC_MAT_V73:
    default:
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: a MATLAB 7.3 file is an HDF5 file; check it as one"), filename);
      return FALSE;
    }
}
