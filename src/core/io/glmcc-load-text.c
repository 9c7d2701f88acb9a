/* glmcc-load-text.c: one text file in the layout of the CoNNECT web application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trains follow one another separated by ';' (a ';' after the last one is allowed); inside a
 * train the times are separated by newlines, commas or blanks. Times are in ms unless the caller
 * chooses another unit. Neurons are named by their 0-based position in the file.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <string.h>

#include "glmcc-io-private.h"
#include "glmcc-load-text.h"
#include "glmcc-i18n.h"

static gboolean
is_separator (char c)
{
  return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static void
free_array (gpointer data)
{
  g_array_unref (data);
}

GPtrArray *
glmcc_text_parse_trains (const char    *data,
                         gsize          length,
                         const char    *filename,
                         GlmccTimeUnit  unit,
                         double         rate,
                         GError       **error)
{
  g_autoptr(GPtrArray) trains = g_ptr_array_new_with_free_func (free_array);
  const char *p, *end;
  GArray *current = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean current_has_content = FALSE;
  gsize line = 1;

  glmcc_io_skip_bom (&data, &length);
  p = data;
  end = data + length;
  g_ptr_array_add (trains, current);
  while (p < end)
    {
      const char *q;
      double value;

      if (*p == '\n')
        {
          line++;
          p++;
          continue;
        }
      if (is_separator (*p))
        {
          p++;
          continue;
        }
      if (*p == '#')
        {
          while (p < end && *p != '\n')
            p++;
          continue;
        }
      if (*p == ';')
        {
          current = g_array_new (FALSE, FALSE, sizeof (double));
          g_ptr_array_add (trains, current);
          current_has_content = FALSE;
          p++;
          continue;
        }

      for (q = p; q < end && !is_separator (*q) && *q != ';' && *q != '#'; q++)
        ;
      switch (glmcc_io_parse_double (p, q - p, &value))
        {
        case GLMCC_NUMBER_OK:
          {
            double t;

            if (!glmcc_io_convert_time (value, unit, rate, &t))
              {
                g_autofree char *why = glmcc_io_describe_out_of_range (value, unit, rate);
                glmcc_io_set_parse_error (error, filename, line, "%s", why);
                return NULL;
              }
            g_array_append_val (current, t);
            current_has_content = TRUE;
          }
          break;
        case GLMCC_NUMBER_NOT_FINITE:
          {
            g_autofree char *quoted = glmcc_io_quote (p, q - p);
            glmcc_io_set_parse_error (error, filename, line, _("%s is not a finite spike time"),
                                      quoted);
            return NULL;
          }
        case GLMCC_NUMBER_INVALID:
        default:
          {
            g_autofree char *quoted = glmcc_io_quote (p, q - p);
            glmcc_io_set_parse_error (error, filename, line,
                                      _("%s is not a number (trains are separated by ';', "
                                      "times by newlines, commas or blanks)"), quoted);
            return NULL;
          }
        }
      p = q;
    }

  /* A ';' after the last train does not start another one. */
  if (!current_has_content && trains->len > 1)
    g_ptr_array_remove_index (trains, trains->len - 1);
  return g_steal_pointer (&trains);
}

static gboolean
looks_like_web_text (const char *path)
{
  char buffer[4096];
  gsize n = glmcc_io_read_head (path, buffer, sizeof buffer);
  gboolean has_digit = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      char c = buffer[i];
      if (g_ascii_isdigit (c))
        has_digit = TRUE;
      else if (!is_separator (c) && strchr (";.+-eE", c) == NULL)
        return FALSE;
    }
  return has_digit;
}

static int
text_probe (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  if (g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".TXT"))
    return 40;
  /* Other names: only if the start of the file is numbers and separators. */
  if (looks_like_web_text (path))
    return 10;
  return 0;
}

gboolean
glmcc_text_load_data (GlmccLoadContext *context,
                      const char       *filename,
                      const char       *data,
                      gsize             length,
                      GError          **error)
{
  GlmccTimeUnit unit = context->options->time_unit;
  double rate = context->options->sample_rate;
  g_autoptr(GPtrArray) trains = NULL;

  if (unit == GLMCC_TIME_UNIT_DEFAULT)
    unit = GLMCC_TIME_UNIT_MS;
  if (!glmcc_io_check_rate (unit, rate, filename, error))
    return FALSE;

  trains = glmcc_text_parse_trains (data, length, filename, unit, rate, error);
  if (trains == NULL)
    return FALSE;
  for (guint i = 0; i < trains->len; i++)
    {
      GArray *values = g_ptr_array_index (trains, i);
      char name[32];

      g_snprintf (name, sizeof name, "%u", i);
      glmcc_load_context_add_train (context, name, (const double *) (gpointer) values->data,
                                    values->len);
    }
  glmcc_load_context_note (context,
                           trains->len == 1 ? N_("%u train separated by ';', named by position from 0")
                                            : N_("%u trains separated by ';', named by position from 0"),
                           trains->len);
  glmcc_io_note_conversion (context, unit, rate);
  return TRUE;
}

static gboolean
text_load (GlmccLoadContext *context,
           const char       *path,
           GError          **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!glmcc_io_read_file (path, G_MAXSIZE - 1, &contents, &length, error))
    return FALSE;
  return glmcc_text_load_data (context, path, contents, length, error);
}

const GlmccLoader glmcc_loader_text = {
  .name = "text",
  .description = "one text file, trains separated by ';', times by newlines, commas or blanks "
                 "(the CoNNECT web layout)",
  .probe = text_probe,
  .load = text_load,
};
