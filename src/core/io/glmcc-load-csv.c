/* glmcc-load-csv.c: CSV/TSV with one spike per row (unit, time)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The delimiter is a comma, a tab or a semicolon (whichever the first row uses most), or runs
 * of blanks when the first row has none of them. A first row without any number is a header:
 * it names the columns (unit, cluster, cell, id …; time, spike_time, t …) and may give the time
 * unit as a suffix (time_s, "time (ms)", spiketime_samples). Without a header the
 * column of integers with fewer distinct values is the unit. Extra columns are ignored;
 * double-quoted fields are understood. Units are sorted in natural order of their labels.
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-io-private.h"
#include "glmcc-i18n.h"

typedef struct
{
  const char *start;
  gsize       len;
} Field;

typedef struct
{
  char  *label;
  GArray *times;  /* doubles in ms */
} Unit;

static void
unit_free (gpointer data)
{
  Unit *unit = data;

  g_free (unit->label);
  g_array_unref (unit->times);
  g_free (unit);
}

static void
trim (const char **start,
      gsize       *len)
{
  const char *p = *start, *q = *start + *len;

  while (p < q && (*p == ' ' || *p == '\t'))
    p++;
  while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
    q--;
  if (q - p >= 2 && *p == '"' && q[-1] == '"')
    {
      p++;
      q--;
    }
  *start = p;
  *len = q - p;
}

/* Splits a line into fields. @delimiter 0 means runs of blanks. Returns FALSE on an unclosed
 * quote. */
static gboolean
split_fields (const char *line,
              gsize       len,
              char        delimiter,
              GArray     *fields)
{
  const char *p = line, *end = line + len;

  g_array_set_size (fields, 0);
  if (delimiter == 0)
    {
      while (p < end)
        {
          Field f;
          while (p < end && (*p == ' ' || *p == '\t'))
            p++;
          if (p == end)
            break;
          f.start = p;
          while (p < end && *p != ' ' && *p != '\t')
            p++;
          f.len = p - f.start;
          g_array_append_val (fields, f);
        }
      return TRUE;
    }

  for (;;)
    {
      Field f;
      gboolean quoted = FALSE;

      f.start = p;
      while (p < end && (quoted || *p != delimiter))
        {
          if (*p == '"')
            quoted = !quoted;
          p++;
        }
      if (quoted)
        return FALSE;
      f.len = p - f.start;
      trim (&f.start, &f.len);
      g_array_append_val (fields, f);
      if (p >= end)
        break;
      p++;  /* the delimiter */
    }
  return TRUE;
}

static char
detect_delimiter (const char *line,
                  gsize       len)
{
  static const char candidates[] = { ',', '\t', ';' };
  guint best_count = 0;
  char best = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint count = 0;
      gboolean quoted = FALSE;

      for (gsize i = 0; i < len; i++)
        {
          if (line[i] == '"')
            quoted = !quoted;
          else if (!quoted && line[i] == candidates[c])
            count++;
        }
      if (count > best_count)
        {
          best_count = count;
          best = candidates[c];
        }
    }
  return best;
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return "comma";
    case '\t':
      return "tab";
    case ';':
      return "semicolon";
    default:
      return "blanks";
    }
}

static gboolean
field_is_number (const Field *f)
{
  double v;

  return glmcc_io_parse_double (f->start, f->len, &v) != GLMCC_NUMBER_INVALID;
}

/* Lower-cases a header name and keeps letters, digits and '_' (others become '_'). */
static char *
normalise_name (const Field *f)
{
  char *name = g_ascii_strdown (f->start, f->len);

  for (char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      *p = '_';
  return name;
}

static void
strip_underscores (char *name)
{
  gsize len = strlen (name);

  while (len > 0 && name[len - 1] == '_')
    name[--len] = '\0';
}

/* A header name as a time column: its unit (DEFAULT if it gives none), or FALSE. */
static gboolean
is_time_name (const Field   *f,
              GlmccTimeUnit *unit)
{
  static const char * const names[] = {
    "time", "times", "t", "ts", "spike_time", "spike_times", "spiketime", "spiketimes",
    "spike_t", "timestamp", "timestamps", "spike", "spikes", "spk_time", "event_time",
    "sample", "samples", "spike_sample", "spike_samples", "sample_index", "index",
  };
  g_autofree char *name = normalise_name (f);
  char *suffix;
  GlmccTimeUnit suffix_unit;

  *unit = GLMCC_TIME_UNIT_DEFAULT;
  strip_underscores (name);
  /* A unit as the last word: time_s, "time (ms)", spiketime_samples. */
  suffix = strrchr (name, '_');
  if (suffix != NULL && glmcc_time_unit_parse (suffix + 1, &suffix_unit)
      && suffix_unit != GLMCC_TIME_UNIT_DEFAULT)
    {
      *unit = suffix_unit;
      *suffix = '\0';
      strip_underscores (name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      {
        if (*unit == GLMCC_TIME_UNIT_DEFAULT && g_str_has_prefix (name, "sample"))
          *unit = GLMCC_TIME_UNIT_SAMPLES;
        if (*unit == GLMCC_TIME_UNIT_DEFAULT && strcmp (name, "index") == 0)
          *unit = GLMCC_TIME_UNIT_SAMPLES;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_unit_name (const Field *f)
{
  static const char * const names[] = {
    "unit", "units", "unit_id", "unitid", "unit_ids", "cluster", "clusters", "cluster_id",
    "clu", "cell", "cells", "cell_id", "cellid", "neuron", "neurons", "neuron_id", "id", "ids",
    "sender", "senders", "label", "labels", "node", "nodes", "channel", "uid",
  };
  g_autofree char *name = normalise_name (f);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
skip_line (const char *line,
           gsize       len)
{
  return glmcc_io_is_blank (line, len) || line[0] == '#';
}

static Unit *
lookup_unit (GHashTable *index,
             GPtrArray  *units,
             const char *label,
             gsize       len)
{
  g_autofree char *key = g_strndup (label, len);
  Unit *unit = g_hash_table_lookup (index, key);

  if (unit == NULL)
    {
      unit = g_new0 (Unit, 1);
      unit->label = g_steal_pointer (&key);
      unit->times = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (index, unit->label, unit);
      g_ptr_array_add (units, unit);
    }
  return unit;
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const Unit *x = *(const Unit * const *) a;
  const Unit *y = *(const Unit * const *) b;

  return glmcc_io_natural_compare (x->label, y->label);
}

/* Without a header: of the first two columns, the one of integers with fewer distinct values is
 * the unit. Looks at the first rows only. */
static void
guess_columns (const char *data,
               gsize       length,
               char        delimiter,
               int        *unit_column,
               int        *time_column)
{
  g_autoptr(GHashTable) distinct0 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) distinct1 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (Field));
  gboolean integers0 = TRUE, integers1 = TRUE;
  const char *cursor = data, *end = data + length, *line;
  gsize len;
  guint rows = 0;

  while (rows < 2000 && glmcc_io_next_line (&cursor, end, &line, &len))
    {
      const Field *f;
      gint64 i;

      if (skip_line (line, len))
        continue;
      if (!split_fields (line, len, delimiter, fields) || fields->len < 2)
        continue;
      f = &g_array_index (fields, Field, 0);
      integers0 &= glmcc_io_parse_int64 (f->start, f->len, &i);
      g_hash_table_add (distinct0, g_strndup (f->start, f->len));
      f = &g_array_index (fields, Field, 1);
      integers1 &= glmcc_io_parse_int64 (f->start, f->len, &i);
      g_hash_table_add (distinct1, g_strndup (f->start, f->len));
      rows++;
    }

  if (integers1 && !integers0)
    {
      *unit_column = 1;
      *time_column = 0;
    }
  else if (integers0 && integers1
           && g_hash_table_size (distinct1) < g_hash_table_size (distinct0))
    {
      *unit_column = 1;
      *time_column = 0;
    }
  else
    {
      *unit_column = 0;
      *time_column = 1;
    }
}

gboolean
glmcc_csv_load_data (GlmccLoadContext *context,
                     const char       *filename,
                     const char       *data,
                     gsize             length,
                     GError          **error)
{
  const GlmccLoadOptions *options = context->options;
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (Field));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (unit_free);
  const char *cursor, *end, *line = NULL;
  gsize len = 0, line_no = 0, first_line_no = 0, n_spikes = 0;
  GlmccTimeUnit unit = options->time_unit, header_unit = GLMCC_TIME_UNIT_DEFAULT;
  double rate = options->sample_rate, max_time = -HUGE_VAL;
  int unit_column = options->unit_column, time_column = options->time_column;
  gboolean has_header = FALSE, guessed = FALSE;
  g_autofree char *unit_header = NULL, *time_header = NULL;
  guint n_columns;
  char delimiter;

  glmcc_io_skip_bom (&data, &length);
  cursor = data;
  end = data + length;
  /* The first row that is not blank or a comment decides the delimiter and the header. */
  while (glmcc_io_next_line (&cursor, end, &line, &len))
    {
      line_no++;
      if (!skip_line (line, len))
        break;
      line = NULL;
    }
  if (line == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA, _("%s: no rows (the file is empty)"),
                   filename);
      return FALSE;
    }
  first_line_no = line_no;
  delimiter = detect_delimiter (line, len);
  if (!split_fields (line, len, delimiter, fields))
    {
      glmcc_io_set_parse_error (error, filename, line_no, _("a quoted field is not closed"));
      return FALSE;
    }
  n_columns = fields->len;
  /* A header has no number in it (data rows may have text columns, never a text time); if the
   * time column is chosen, the row is a header when that field is not a number. */
  if (time_column >= 0)
    has_header = (guint) time_column >= n_columns
                 || !field_is_number (&g_array_index (fields, Field, time_column));
  else
    {
      has_header = TRUE;
      for (guint i = 0; i < fields->len; i++)
        if (field_is_number (&g_array_index (fields, Field, i)))
          has_header = FALSE;
    }

  if (has_header)
    {
      int found_unit = -1, found_time = -1;

      for (guint i = 0; i < fields->len; i++)
        {
          const Field *f = &g_array_index (fields, Field, i);
          GlmccTimeUnit u;

          if (found_time < 0 && is_time_name (f, &u))
            {
              found_time = (int) i;
              header_unit = u;
            }
          else if (found_unit < 0 && is_unit_name (f))
            found_unit = (int) i;
        }
      if (unit_column < 0)
        unit_column = found_unit;
      if (time_column < 0)
        time_column = found_time;
      if (unit_column < 0 && time_column < 0 && n_columns == 2)
        {
          guess_columns (cursor, end - cursor, delimiter, &unit_column, &time_column);
          guessed = TRUE;
        }
      else if (unit_column < 0 && time_column >= 0 && n_columns == 2)
        unit_column = 1 - time_column;
      else if (time_column < 0 && unit_column >= 0 && n_columns == 2)
        time_column = 1 - unit_column;
      if (unit_column < 0 || time_column < 0)
        {
          g_autofree char *quoted = glmcc_io_quote (line, len);
          glmcc_io_set_parse_error (error, filename, line_no,
                                    _("cannot tell which columns hold the %s in the header %s; "
                                    "name them (unit, time) or choose the columns"),
                                    unit_column < 0 && time_column < 0 ? _("unit and the time")
                                    : unit_column < 0 ? _("unit") : _("time"), quoted);
          return FALSE;
        }
      if ((guint) unit_column < n_columns)
        unit_header = g_strndup (g_array_index (fields, Field, unit_column).start,
                                 g_array_index (fields, Field, unit_column).len);
      if ((guint) time_column < n_columns)
        time_header = g_strndup (g_array_index (fields, Field, time_column).start,
                                 g_array_index (fields, Field, time_column).len);
    }
  else
    {
      if (n_columns < 2)
        {
          glmcc_io_set_parse_error (error, filename, line_no,
                                    _("one column only; a unit and a time per row are expected"));
          return FALSE;
        }
      if (unit_column < 0 && time_column < 0)
        {
          guess_columns (line, end - line, delimiter, &unit_column, &time_column);
          guessed = TRUE;
        }
      else if (unit_column < 0)
        unit_column = time_column == 0 ? 1 : 0;
      else if (time_column < 0)
        time_column = unit_column == 0 ? 1 : 0;
      /* The first row is data: read it again below. */
      cursor = line;
      line_no--;
    }

  if (unit_column == time_column)
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_COLUMNS,
                   _("%s: the unit and the time cannot both be column %d"), filename,
                   unit_column + 1);
      return FALSE;
    }

  if (unit == GLMCC_TIME_UNIT_DEFAULT)
    unit = header_unit != GLMCC_TIME_UNIT_DEFAULT ? header_unit : GLMCC_TIME_UNIT_MS;
  if (!glmcc_io_check_rate (unit, rate, filename, error))
    return FALSE;

  while (glmcc_io_next_line (&cursor, end, &line, &len))
    {
      const Field *uf, *tf;
      double value;
      Unit *u;

      line_no++;
      if (skip_line (line, len))
        continue;
      if (!split_fields (line, len, delimiter, fields))
        {
          glmcc_io_set_parse_error (error, filename, line_no, _("a quoted field is not closed"));
          return FALSE;
        }
      if (fields->len <= (guint) MAX (unit_column, time_column))
        {
          glmcc_io_set_parse_error (error, filename, line_no,
                                    unit_column > time_column
                                    ? glmcc_ngettext ("%u field, but the unit is in column %d",
                                                      "%u fields, but the unit is in column %d",
                                                      fields->len)
                                    : glmcc_ngettext ("%u field, but the time is in column %d",
                                                      "%u fields, but the time is in column %d",
                                                      fields->len),
                                    fields->len,
                                    MAX (unit_column, time_column) + 1);
          return FALSE;
        }
      uf = &g_array_index (fields, Field, unit_column);
      tf = &g_array_index (fields, Field, time_column);
      if (uf->len == 0)
        {
          glmcc_io_set_parse_error (error, filename, line_no, _("the unit (column %d) is empty"),
                                    unit_column + 1);
          return FALSE;
        }
      switch (glmcc_io_parse_double (tf->start, tf->len, &value))
        {
        case GLMCC_NUMBER_OK:
          break;
        case GLMCC_NUMBER_NOT_FINITE:
          {
            g_autofree char *quoted = glmcc_io_quote (tf->start, tf->len);
            glmcc_io_set_parse_error (error, filename, line_no,
                                      _("the time %s (column %d) is not a finite number"), quoted,
                                      time_column + 1);
            return FALSE;
          }
        case GLMCC_NUMBER_INVALID:
        default:
          {
            g_autofree char *quoted = glmcc_io_quote (tf->start, tf->len);
            glmcc_io_set_parse_error (error, filename, line_no,
                                      _("the time %s (column %d) is not a number"), quoted,
                                      time_column + 1);
            return FALSE;
          }
        }
      if (!glmcc_io_convert_time (value, unit, rate, &value))
        {
          g_autofree char *why = NULL;

          glmcc_io_parse_double (tf->start, tf->len, &value);
          why = glmcc_io_describe_out_of_range (value, unit, rate);
          glmcc_io_set_parse_error (error, filename, line_no, _("the time (column %d): %s"),
                                    time_column + 1, why);
          return FALSE;
        }
      max_time = MAX (max_time, value);
      u = lookup_unit (index, sorted, uf->start, uf->len);
      g_array_append_val (u->times, value);
      n_spikes++;
    }

  if (sorted->len == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: a header but no spike rows"), filename);
      return FALSE;
    }

  g_ptr_array_sort (sorted, compare_units);
  for (guint i = 0; i < sorted->len; i++)
    {
      Unit *u = g_ptr_array_index (sorted, i);
      const double *v = (const double *) (gpointer) u->times->data;

      glmcc_load_context_add_train (context, u->label, v, u->times->len);
    }

  if (has_header)
    glmcc_load_context_note (context,
                             N_("%s-separated, header on line %zu: unit from column %d (%s), time from column %d (%s)"),
                             delimiter_name (delimiter), first_line_no, unit_column + 1,
                             unit_header != NULL ? unit_header : "?", time_column + 1,
                             time_header != NULL ? time_header : "?");
  else
    glmcc_load_context_note (context,
                             N_("%s-separated, no header: unit from column %d, time from column %d%s"),
                             delimiter_name (delimiter), unit_column + 1, time_column + 1,
                             guessed ? " (guessed: the unit column holds integers with fewer "
                                       "distinct values)" : "");
  glmcc_load_context_note (context,
                           n_spikes == 1 && sorted->len == 1 ? N_("%zu spike in %u unit")
                           : n_spikes == 1 ? N_("%zu spike in %u units")
                           : sorted->len == 1 ? N_("%zu spikes in %u unit")
                           : N_("%zu spikes in %u units"),
                           n_spikes, sorted->len);
  if (options->time_unit == GLMCC_TIME_UNIT_DEFAULT && header_unit != GLMCC_TIME_UNIT_DEFAULT)
    glmcc_load_context_note (context, N_("time unit %s taken from the header"),
                             glmcc_io_unit_name (unit));
  glmcc_io_note_conversion (context, unit, rate);
  if (options->time_unit == GLMCC_TIME_UNIT_DEFAULT && header_unit == GLMCC_TIME_UNIT_DEFAULT
      && n_spikes > 0 && max_time < 10000.0)
    glmcc_load_context_note (context,
                             N_("the times were taken as ms and span only %g s; if they are "
                             "seconds, choose the time unit s"), max_time / 1000.0);
  return TRUE;
}

static int
csv_probe (const char *path)
{
  g_autofree char *lower = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
    return 60;
  return 0;
}

static gboolean
csv_load (GlmccLoadContext *context,
          const char       *path,
          GError          **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!glmcc_io_read_file (path, G_MAXSIZE - 1, &contents, &length, error))
    return FALSE;
  return glmcc_csv_load_data (context, path, contents, length, error);
}

const GlmccLoader glmcc_loader_csv = {
  .name = "csv",
  .description = "CSV or TSV with one spike per row: a unit and a time column, header detected",
  .probe = csv_probe,
  .load = csv_load,
};
