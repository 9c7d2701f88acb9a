/* glmcc-recording.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-recording"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-recording.h"
#include "glmcc-i18n.h"

typedef struct
{
  char   *name;      /* for display and outputs */
  char   *raw_name;  /* as the loader gave it; NULL when the same as name */
  double *times;     /* every finite spike, sorted */
  gsize   n_times;
  gsize   epoch_lo;  /* [epoch_lo, epoch_hi) is the part inside the epoch */
  gsize   epoch_hi;
  double  x;
  double  y;
  gboolean has_position;
  int     group;     /* shank or electrode group, −1: unknown */
} Train;

/* The trains are shared between epoch views of one recording. */
typedef struct
{
  gatomicrefcount ref_count;
  char           *source;
  char           *format;
  GPtrArray      *notes;  /* NULL-terminated array of char*, in English: written into outputs */
  GPtrArray      *display_notes;  /* the same in the user's language, to be shown */
  guint           n_trains;
  Train          *trains;
} TrainSet;

struct _GlmccRecording
{
  gatomicrefcount ref_count;
  TrainSet       *set;
  double          epoch_start;
  double          epoch_end;
  gsize          *epoch_lo;
  gsize          *epoch_hi;
};

struct _GlmccRecordingBuilder
{
  char      *source;
  char      *format;
  GPtrArray *notes;
  GPtrArray *display_notes;
  GArray    *trains;  /* of Train */
};

static void
train_set_unref (TrainSet *set)
{
  if (!g_atomic_ref_count_dec (&set->ref_count))
    return;
  for (guint i = 0; i < set->n_trains; i++)
    {
      g_free (set->trains[i].name);
      g_free (set->trains[i].raw_name);
      g_free (set->trains[i].times);
    }
  g_free (set->trains);
  g_ptr_array_unref (set->notes);
  g_ptr_array_unref (set->display_notes);
  g_free (set->source);
  g_free (set->format);
  g_free (set);
}

GlmccRecordingBuilder *
glmcc_recording_builder_new (const char *source,
                             const char *format)
{
  GlmccRecordingBuilder *builder = g_new0 (GlmccRecordingBuilder, 1);

  builder->source = g_strdup (source != NULL ? source : "");
  builder->format = g_strdup (format != NULL ? format : "");
  builder->notes = g_ptr_array_new_with_free_func (g_free);
  builder->display_notes = g_ptr_array_new_with_free_func (g_free);
  builder->trains = g_array_new (FALSE, TRUE, sizeof (Train));
  return builder;
}

void
glmcc_recording_builder_free (GlmccRecordingBuilder *builder)
{
  if (builder == NULL)
    return;
  for (guint i = 0; i < builder->trains->len; i++)
    {
      Train *train = &g_array_index (builder->trains, Train, i);
      g_free (train->name);
      g_free (train->raw_name);
      g_free (train->times);
    }
  g_array_unref (builder->trains);
  g_ptr_array_unref (builder->notes);
  g_ptr_array_unref (builder->display_notes);
  g_free (builder->source);
  g_free (builder->format);
  g_free (builder);
}

guint
glmcc_recording_builder_add_train (GlmccRecordingBuilder *builder,
                                   const char            *name,
                                   const double          *times_ms,
                                   gsize                  n_times)
{
  Train train = { 0 };

  g_return_val_if_fail (builder != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (times_ms != NULL || n_times == 0, 0);

  train.name = glmcc_display_text (name, -1);
  if (strcmp (train.name, name) != 0)
    train.raw_name = g_strdup (name);
  train.times = n_times > 0 ? g_memdup2 (times_ms, n_times * sizeof (double)) : NULL;
  train.n_times = n_times;
  train.group = -1;
  g_array_append_val (builder->trains, train);
  return builder->trains->len - 1;
}

void
glmcc_recording_builder_set_position (GlmccRecordingBuilder *builder,
                                      guint                  neuron,
                                      double                 x,
                                      double                 y)
{
  Train *train;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (neuron < builder->trains->len);

  train = &g_array_index (builder->trains, Train, neuron);
  train->x = x;
  train->y = y;
  train->has_position = TRUE;
}

void
glmcc_recording_builder_set_group (GlmccRecordingBuilder *builder,
                                   guint                  neuron,
                                   int                    group)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (neuron < builder->trains->len);

  g_array_index (builder->trains, Train, neuron).group = MAX (group, -1);
}

void
glmcc_recording_builder_add_note_texts (GlmccRecordingBuilder *builder,
                                        const char            *text,
                                        const char            *display_text)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (text != NULL);

  /* Notes name files and units: they are shown and written out, so they must be valid text. */
  g_ptr_array_add (builder->notes, glmcc_display_text (text, -1));
  g_ptr_array_add (builder->display_notes,
                   glmcc_display_text (display_text != NULL ? display_text : text, -1));
}

void
glmcc_recording_builder_add_note_valist (GlmccRecordingBuilder *builder,
                                         const char            *format,
                                         va_list                args)
{
  g_autofree char *text = NULL;
  g_autofree char *display_text = NULL;
  va_list display_args;

  g_return_if_fail (builder != NULL);

  /* Notes are written into the JSON output as they are: in English and with C-locale numbers,
   * whatever the user's locale. The copy shown to the user is translated and formatted in the
   * user's locale; a format without a translation gives the same text. */
  va_copy (display_args, args);
  text = glmcc_strdup_vprintf_c_locale (format, args);
  display_text = g_strdup_vprintf (_(format), display_args);
  va_end (display_args);
  glmcc_recording_builder_add_note_texts (builder, text, display_text);
}

void
glmcc_recording_builder_add_note (GlmccRecordingBuilder *builder,
                                  const char            *format,
                                  ...)
{
  va_list args;

  va_start (args, format);
  glmcc_recording_builder_add_note_valist (builder, format, args);
  va_end (args);
}

guint
glmcc_recording_builder_get_n_trains (GlmccRecordingBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, 0);

  return builder->trains->len;
}

const double *
glmcc_recording_builder_get_train (GlmccRecordingBuilder *builder,
                                   guint                  neuron,
                                   const char           **name,
                                   gsize                 *n_times)
{
  const Train *train;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (neuron < builder->trains->len, NULL);

  train = &g_array_index (builder->trains, Train, neuron);
  if (name != NULL)
    *name = train->raw_name != NULL ? train->raw_name : train->name;
  if (n_times != NULL)
    *n_times = train->n_times;
  return train->times;
}

gboolean
glmcc_recording_builder_get_position (GlmccRecordingBuilder *builder,
                                      guint                  neuron,
                                      double                *x,
                                      double                *y)
{
  const Train *train;

  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (neuron < builder->trains->len, FALSE);

  train = &g_array_index (builder->trains, Train, neuron);
  *x = train->x;
  *y = train->y;
  return train->has_position;
}

const char * const *
glmcc_recording_builder_get_notes (GlmccRecordingBuilder *builder,
                                   guint                 *n_notes)
{
  g_return_val_if_fail (builder != NULL, NULL);

  *n_notes = builder->notes->len;
  return (const char * const *) builder->notes->pdata;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static gsize
lower_bound (const double *times,
             gsize         n,
             double        value)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (times[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static GlmccRecording *
recording_new_view (TrainSet *set,
                    double    start,
                    double    end)
{
  GlmccRecording *recording = g_new0 (GlmccRecording, 1);

  g_atomic_ref_count_init (&recording->ref_count);
  g_atomic_ref_count_inc (&set->ref_count);
  recording->set = set;
  recording->epoch_start = start;
  recording->epoch_end = end;
  recording->epoch_lo = g_new (gsize, set->n_trains);
  recording->epoch_hi = g_new (gsize, set->n_trains);
  for (guint i = 0; i < set->n_trains; i++)
    {
      const Train *train = &set->trains[i];
      recording->epoch_lo[i] = lower_bound (train->times, train->n_times, start);
      recording->epoch_hi[i] = lower_bound (train->times, train->n_times, end);
    }
  return recording;
}

/* "1st", "22nd", "13th": whole ordinals, so that a translation words them its own way. */
static char *
ordinal_text (guint n)
{
  if (n % 100 >= 11 && n % 100 <= 13)
    return g_strdup_printf (_("%uth"), n);
  switch (n % 10)
    {
    case 1:
      return g_strdup_printf (_("%ust"), n);
    case 2:
      return g_strdup_printf (_("%und"), n);
    case 3:
      return g_strdup_printf (_("%urd"), n);
    default:
      return g_strdup_printf (_("%uth"), n);
    }
}

/* Outputs, merges and the application find neurons by name: two with one name would be
 * confused (and give a neuron an edge to itself). */
static gboolean
check_unique_names (GlmccRecordingBuilder *builder,
                    GError               **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < builder->trains->len; i++)
    {
      const Train *train = &g_array_index (builder->trains, Train, i);
      gpointer first;

      if (g_hash_table_lookup_extended (seen, train->name, NULL, &first))
        {
          g_autofree char *a = ordinal_text (GPOINTER_TO_UINT (first) + 1);
          g_autofree char *b = ordinal_text (i + 1);

          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: two neurons are named “%s” (the %s and the %s)"),
                       builder->source, train->name, a, b);
          return FALSE;
        }
      g_hash_table_insert (seen, train->name, GUINT_TO_POINTER (i));
    }
  return TRUE;
}

GlmccRecording *
glmcc_recording_builder_finish (GlmccRecordingBuilder *builder,
                                GError               **error)
{
  g_autoptr(GlmccRecordingBuilder) owned = builder;
  TrainSet *set;
  GlmccRecording *recording;
  double last = -INFINITY;
  gsize total = 0;

  g_return_val_if_fail (builder != NULL, NULL);

  if (builder->trains->len < 2)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_FEW_NEURONS,
                   glmcc_ngettext ("%s: %u neuron found; GLMCC needs at least two",
                                   "%s: %u neurons found; GLMCC needs at least two",
                                   builder->trains->len),
                   builder->source, builder->trains->len);
      return NULL;
    }

  if (!check_unique_names (builder, error))
    return NULL;

  for (guint i = 0; i < builder->trains->len; i++)
    {
      Train *train = &g_array_index (builder->trains, Train, i);
      gboolean sorted = TRUE;
      gsize duplicates = 0;

      for (gsize k = 0; k < train->n_times; k++)
        {
          /* The loaders refuse such values with the line they come from; this is the last
           * guard for a loader that did not. */
          if (!(fabs (train->times[k]) <= GLMCC_TIME_MAX_MS))
            {
              g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("%s: neuron %s: spike %zu (%g ms) is %s"),
                           builder->source, train->name, k + 1, train->times[k],
                           isfinite (train->times[k]) ? _("beyond the range of spike times")
                                                      : _("not a finite number"));
              return NULL;
            }
          if (k > 0 && train->times[k] < train->times[k - 1])
            sorted = FALSE;
        }
      if (!sorted)
        {
          qsort (train->times, train->n_times, sizeof (double), compare_doubles);
          glmcc_recording_builder_add_note (builder, N_("neuron %s: spike times were not sorted; sorted them"),
                                            train->name);
        }
      for (gsize k = 1; k < train->n_times; k++)
        if (train->times[k] == train->times[k - 1])
          duplicates++;
      if (duplicates > 0)
        glmcc_recording_builder_add_note (builder,
                                          duplicates == 1 ? N_("neuron %s: %zu duplicate spike time kept")
                                                          : N_("neuron %s: %zu duplicate spike times kept"),
                                          train->name, duplicates);
      if (train->n_times == 0)
        glmcc_recording_builder_add_note (builder, N_("neuron %s has no spikes; its pairs get status no-lags"),
                                          train->name);
      else
        last = MAX (last, train->times[train->n_times - 1]);
      total += train->n_times;
    }

  if (total == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES,
                   _("%s: no spike in any of the %u neurons"), builder->source, builder->trains->len);
      return NULL;
    }

  set = g_new0 (TrainSet, 1);
  g_atomic_ref_count_init (&set->ref_count);
  set->source = g_steal_pointer (&builder->source);
  set->format = g_steal_pointer (&builder->format);
  set->notes = g_steal_pointer (&builder->notes);
  g_ptr_array_add (set->notes, NULL);
  set->display_notes = g_steal_pointer (&builder->display_notes);
  g_ptr_array_add (set->display_notes, NULL);
  set->n_trains = builder->trains->len;
  set->trains = (Train *) (gpointer) g_array_free (g_steal_pointer (&builder->trains), FALSE);
  builder->notes = g_ptr_array_new ();
  builder->display_notes = g_ptr_array_new ();
  builder->trains = g_array_new (FALSE, TRUE, sizeof (Train));

  /* Through the last spike: the epoch is half-open, so end just after it. */
  recording = recording_new_view (set, 0.0, nextafter (MAX (last, 0.0), INFINITY));
  train_set_unref (set);

  return recording;
}

GlmccRecording *
glmcc_recording_ref (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, NULL);

  g_atomic_ref_count_inc (&recording->ref_count);
  return recording;
}

void
glmcc_recording_unref (GlmccRecording *recording)
{
  g_return_if_fail (recording != NULL);

  if (!g_atomic_ref_count_dec (&recording->ref_count))
    return;
  train_set_unref (recording->set);
  g_free (recording->epoch_lo);
  g_free (recording->epoch_hi);
  g_free (recording);
}

GlmccRecording *
glmcc_recording_with_epoch (GlmccRecording *recording,
                            double          start_ms,
                            double          end_ms,
                            GError        **error)
{
  GlmccRecording *view;
  gsize in_epoch = 0;

  g_return_val_if_fail (recording != NULL, NULL);

  if (!isfinite (start_ms) || !isfinite (end_ms) || !(end_ms > start_ms))
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_EPOCH,
                   _("the epoch [%g s, %g s) is empty"), start_ms / 1000.0, end_ms / 1000.0);
      return NULL;
    }

  view = recording_new_view (recording->set, start_ms, end_ms);
  for (guint i = 0; i < view->set->n_trains; i++)
    in_epoch += view->epoch_hi[i] - view->epoch_lo[i];
  if (in_epoch == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES,
                   _("%s: no spike in the epoch [%g s, %g s)"), view->set->source,
                   start_ms / 1000.0, end_ms / 1000.0);
      glmcc_recording_unref (view);
      return NULL;
    }
  return view;
}

guint
glmcc_recording_get_n_neurons (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, 0);

  return recording->set->n_trains;
}

const char *
glmcc_recording_get_name (GlmccRecording *recording,
                          guint           neuron)
{
  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (neuron < recording->set->n_trains, NULL);

  return recording->set->trains[neuron].name;
}

const char *
glmcc_recording_get_raw_name (GlmccRecording *recording,
                              guint           neuron)
{
  const Train *train;

  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (neuron < recording->set->n_trains, NULL);

  train = &recording->set->trains[neuron];
  return train->raw_name != NULL ? train->raw_name : train->name;
}

const double *
glmcc_recording_get_train (GlmccRecording *recording,
                           guint           neuron,
                           gsize          *n_spikes)
{
  const Train *train;

  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (neuron < recording->set->n_trains, NULL);

  train = &recording->set->trains[neuron];
  if (n_spikes != NULL)
    *n_spikes = recording->epoch_hi[neuron] - recording->epoch_lo[neuron];
  return train->times != NULL ? train->times + recording->epoch_lo[neuron] : NULL;
}

gsize
glmcc_recording_get_n_total (GlmccRecording *recording,
                             guint           neuron)
{
  g_return_val_if_fail (recording != NULL, 0);
  g_return_val_if_fail (neuron < recording->set->n_trains, 0);

  return recording->set->trains[neuron].n_times;
}

gsize
glmcc_recording_get_n_dropped (GlmccRecording *recording,
                               guint           neuron)
{
  g_return_val_if_fail (recording != NULL, 0);
  g_return_val_if_fail (neuron < recording->set->n_trains, 0);

  return recording->set->trains[neuron].n_times
         - (recording->epoch_hi[neuron] - recording->epoch_lo[neuron]);
}

double
glmcc_recording_get_epoch_start (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, 0.0);

  return recording->epoch_start;
}

double
glmcc_recording_get_epoch_end (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, 0.0);

  return recording->epoch_end;
}

double
glmcc_recording_get_rate (GlmccRecording *recording,
                          guint           neuron)
{
  double duration_s;

  g_return_val_if_fail (recording != NULL, 0.0);
  g_return_val_if_fail (neuron < recording->set->n_trains, 0.0);

  duration_s = (recording->epoch_end - recording->epoch_start) / 1000.0;
  if (!(duration_s > 0.0))
    return 0.0;
  return (double) (recording->epoch_hi[neuron] - recording->epoch_lo[neuron]) / duration_s;
}

const char *
glmcc_recording_get_source (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, NULL);

  return recording->set->source;
}

const char *
glmcc_recording_get_format (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, NULL);

  return recording->set->format;
}

const char * const *
glmcc_recording_get_notes (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, NULL);

  return (const char * const *) recording->set->notes->pdata;
}

const char * const *
glmcc_recording_get_display_notes (GlmccRecording *recording)
{
  g_return_val_if_fail (recording != NULL, NULL);

  return (const char * const *) recording->set->display_notes->pdata;
}

gboolean
glmcc_recording_get_position (GlmccRecording *recording,
                              guint           neuron,
                              double         *x,
                              double         *y)
{
  const Train *train;

  g_return_val_if_fail (recording != NULL, FALSE);
  g_return_val_if_fail (neuron < recording->set->n_trains, FALSE);

  train = &recording->set->trains[neuron];
  if (!train->has_position)
    return FALSE;
  if (x != NULL)
    *x = train->x;
  if (y != NULL)
    *y = train->y;
  return TRUE;
}

int
glmcc_recording_get_group (GlmccRecording *recording,
                           guint           neuron)
{
  g_return_val_if_fail (recording != NULL, -1);
  g_return_val_if_fail (neuron < recording->set->n_trains, -1);

  return recording->set->trains[neuron].group;
}

int
glmcc_recording_find_neuron (GlmccRecording *recording,
                             const char     *name_or_index)
{
  guint64 index;

  g_return_val_if_fail (recording != NULL, -1);
  g_return_val_if_fail (name_or_index != NULL, -1);

  for (guint i = 0; i < recording->set->n_trains; i++)
    if (g_strcmp0 (recording->set->trains[i].name, name_or_index) == 0)
      return (int) i;
  for (guint i = 0; i < recording->set->n_trains; i++)
    if (g_strcmp0 (recording->set->trains[i].raw_name, name_or_index) == 0)
      return (int) i;
  if (g_ascii_string_to_unsigned (name_or_index, 10, 0, recording->set->n_trains - 1,
                                  &index, NULL))
    return (int) index;
  return -1;
}

char *
glmcc_display_text (const char *text,
                    gssize      length)
{
  const char *p, *end;
  GString *out;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  out = g_string_sized_new (length + 1);
  p = text;
  end = text + length;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        {
          /* Control characters (tabs and newlines would break a TSV row or an XML file). */
          for (const char *q = p; q < g_utf8_next_char (p); q++)
            g_string_append_printf (out, "\\x%02x", (guchar) *q);
        }
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

double
glmcc_time_snap_ms (double t_ms)
{
  return round (t_ms * 1e6) / 1e6;
}
