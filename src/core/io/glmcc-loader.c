/* glmcc-loader.c: the registry of loaders, format detection and the one entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-io"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glmcc-io-private.h"
#include "glmcc-i18n.h"

/* In the order of DESIGN.md's --format list; detection breaks ties by this order. */
static const GlmccLoader * const loaders[] = {
  &glmcc_loader_text_dir,
  &glmcc_loader_text,
  &glmcc_loader_csv,
  &glmcc_loader_phy,
  &glmcc_loader_nwb,
  &glmcc_loader_neuroscope,
  &glmcc_loader_mat,
};

/* The same names as the table, kept static so the list needs no initialisation. */
static const char * const format_names[] = {
  "text-dir", "text", "csv", "phy", "nwb", "neuroscope", "mat", NULL,
};

void
glmcc_load_options_init (GlmccLoadOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = NULL;
  options->time_unit = GLMCC_TIME_UNIT_DEFAULT;
  options->sample_rate = 0.0;
  options->units = NULL;
  options->variable = NULL;
  options->unit_column = -1;
  options->time_column = -1;
  options->start_s = 0.0;
  options->duration_s = -1.0;
  options->threads = 0;
}

gboolean
glmcc_time_unit_parse (const char    *text,
                       GlmccTimeUnit *unit)
{
  static const struct
  {
    const char    *name;
    GlmccTimeUnit  unit;
  } names[] = {
    { "auto", GLMCC_TIME_UNIT_DEFAULT },
    { "default", GLMCC_TIME_UNIT_DEFAULT },
    { "ms", GLMCC_TIME_UNIT_MS },
    { "msec", GLMCC_TIME_UNIT_MS },
    { "millisecond", GLMCC_TIME_UNIT_MS },
    { "milliseconds", GLMCC_TIME_UNIT_MS },
    { "s", GLMCC_TIME_UNIT_S },
    { "sec", GLMCC_TIME_UNIT_S },
    { "second", GLMCC_TIME_UNIT_S },
    { "seconds", GLMCC_TIME_UNIT_S },
    { "samples", GLMCC_TIME_UNIT_SAMPLES },
    { "sample", GLMCC_TIME_UNIT_SAMPLES },
  };

  if (text == NULL || *text == '\0')
    {
      *unit = GLMCC_TIME_UNIT_DEFAULT;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *unit = names[i].unit;
        return TRUE;
      }
  return FALSE;
}

const char * const *
glmcc_loader_list_formats (void)
{
  return format_names;
}

const GlmccLoader *
glmcc_loader_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    if (g_ascii_strcasecmp (loaders[i]->name, name) == 0)
      return loaders[i];
  return NULL;
}

static const GlmccLoader *
detect_loader (const char *path)
{
  const GlmccLoader *best = NULL;
  int best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      int score = loaders[i]->probe (path);
      if (score > best_score)
        {
          best = loaders[i];
          best_score = score;
        }
    }
  return best;
}

const char *
glmcc_loader_get_description (const char *format)
{
  const GlmccLoader *loader;

  g_return_val_if_fail (format != NULL, NULL);

  loader = glmcc_loader_find (format);
  return loader != NULL ? loader->description : NULL;
}

const char *
glmcc_loader_detect (const char *path)
{
  const GlmccLoader *loader;

  g_return_val_if_fail (path != NULL, NULL);

  loader = detect_loader (path);
  return loader != NULL ? loader->name : NULL;
}

static char *
known_formats (void)
{
  const char * const *names = glmcc_loader_list_formats ();

  return g_strjoinv (", ", (char **) names);
}

/* @english, or its translation when @translated. */
static const char *maybe_translated (const char *english,
                                     gboolean    translated) G_GNUC_FORMAT (1);

static const char *
maybe_translated (const char *english,
                  gboolean    translated)
{
  return translated ? _(english) : english;
}

/* The note on spikes outside the epoch: in English with C-locale numbers for the outputs, or
 * translated with the user's numbers for display. */
static char *
epoch_note (GlmccLoadContext *context,
            gboolean          translated)
{
  gsize dropped = context->n_negative + context->n_before + context->n_after;
  char *(*format) (const char *, ...) = translated ? g_strdup_printf : glmcc_strdup_printf_c_locale;
  g_autofree char *end = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  const char *separator = maybe_translated (N_(", "), translated);

  if (isinf (context->epoch_end_ms))
    end = g_strdup (maybe_translated (N_("the last spike]"), translated));
  else
    end = format (maybe_translated (N_("%g s)"), translated), context->epoch_end_ms / 1000.0);
  if (context->n_negative > 0)
    g_string_append_printf (why, maybe_translated (N_("%zu negative"), translated),
                            context->n_negative);
  if (context->n_before > 0)
    {
      if (why->len > 0)
        g_string_append (why, separator);
      g_string_append_printf (why, maybe_translated (N_("%zu before the start"), translated),
                              context->n_before);
    }
  if (context->n_after > 0)
    {
      if (why->len > 0)
        g_string_append (why, separator);
      g_string_append_printf (why, maybe_translated (N_("%zu at or after the end"), translated),
                              context->n_after);
    }
  return format (maybe_translated (dropped == 1 ? N_("epoch [%g s, %s: %zu spike outside dropped (%s)")
                                                : N_("epoch [%g s, %s: %zu spikes outside dropped (%s)"),
                                   translated),
                 context->epoch_start_ms / 1000.0, end, dropped, why->str);
}

static void
note_epoch (GlmccLoadContext *context)
{
  g_autofree char *text = NULL;
  g_autofree char *display_text = NULL;

  if (context->n_negative + context->n_before + context->n_after == 0)
    return;
  text = epoch_note (context, FALSE);
  display_text = epoch_note (context, TRUE);
  glmcc_recording_builder_add_note_texts (context->builder, text, display_text);
}

static GlmccRecording *
load (const char             *path,
      const GlmccLoadOptions *options,
      GError                **error)
{
  GlmccLoadOptions defaults;
  const GlmccLoader *loader;
  GlmccLoadContext context;
  g_autoptr(GlmccRecording) recording = NULL;
  double start_ms, end_ms;

  if (options == NULL)
    {
      glmcc_load_options_init (&defaults);
      options = &defaults;
    }

  if (*path == '\0')
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_RECORDING,
                   _("no recording given (empty path)"));
      return NULL;
    }
  if (!isfinite (options->start_s) || isnan (options->duration_s) || options->duration_s == 0.0
      || (options->duration_s > 0.0 && !isfinite (options->duration_s)))
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_EPOCH,
                   _("the epoch (start %g s, duration %g s) is not valid"), options->start_s,
                   options->duration_s);
      return NULL;
    }
  if (options->time_unit != GLMCC_TIME_UNIT_DEFAULT && options->time_unit != GLMCC_TIME_UNIT_MS
      && options->time_unit != GLMCC_TIME_UNIT_S && options->time_unit != GLMCC_TIME_UNIT_SAMPLES)
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_TIME_UNIT,
                   _("the time unit is not valid (ms, s or samples)"));
      return NULL;
    }
  if (options->sample_rate != 0.0
      && !(options->sample_rate > 0.0 && isfinite (options->sample_rate)))
    {
      g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_SAMPLE_RATE,
                   _("the sample rate %g Hz is not valid"), options->sample_rate);
      return NULL;
    }

  if (options->format == NULL || *options->format == '\0'
      || g_ascii_strcasecmp (options->format, "auto") == 0)
    {
      loader = detect_loader (path);
      if (loader == NULL)
        {
          g_autofree char *known = known_formats ();
          struct stat st;

          if (stat (path, &st) != 0)
            glmcc_io_set_open_error (error, path, errno);
          else if (!S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
            {
              /* A FIFO or a device: say what it is (nothing was opened). */
              int fd = glmcc_io_open_regular (path, NULL, error);
              if (fd >= 0)
                close (fd);
            }
          else
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNKNOWN_FORMAT,
                         _("%s: cannot tell the format of this file (known formats: %s)"),
                         path, known);
          return NULL;
        }
    }
  else
    {
      loader = glmcc_loader_find (options->format);
      if (loader == NULL)
        {
          g_autofree char *known = known_formats ();
          g_set_error (error, GLMCC_PARAMS_ERROR, GLMCC_PARAM_FORMAT,
                       _("unknown format “%s” (known: auto, %s)"), options->format, known);
          return NULL;
        }
    }

  glmcc_load_context_init (&context, path, loader->name, options);
  if (!(loader->isolate && !options->in_process
        ? glmcc_load_isolated (&context, loader->name, path, error)
        : loader->load (&context, path, error)))
    {
      glmcc_load_context_clear (&context);
      return NULL;
    }
  note_epoch (&context);
  recording = glmcc_recording_builder_finish (g_steal_pointer (&context.builder), error);
  glmcc_load_context_clear (&context);
  if (recording == NULL)
    return NULL;

  start_ms = options->start_s * 1000.0;
  if (options->duration_s < 0.0)
    {
      end_ms = glmcc_recording_get_epoch_end (recording);
      if (!(end_ms > start_ms))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_NO_SPIKES,
                       _("%s: no spike at or after the start of the epoch (%g s)"), path,
                       options->start_s);
          return NULL;
        }
    }
  else
    end_ms = (options->start_s + options->duration_s) * 1000.0;

  if (start_ms == 0.0 && options->duration_s < 0.0)
    return g_steal_pointer (&recording);
  return glmcc_recording_with_epoch (recording, start_ms, end_ms, error);
}

GlmccRecording *
glmcc_load (const char             *path,
            const GlmccLoadOptions *options,
            GError                **error)
{
  GError *local_error = NULL;
  GlmccRecording *recording;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  recording = load (path, options, &local_error);
  if (local_error != NULL)
    {
      /* File names and labels are bytes: the message is shown and printed, so it must be
       * valid text on one line. */
      char *text = glmcc_display_text (local_error->message, -1);
      g_free (local_error->message);
      local_error->message = text;
      g_propagate_error (error, local_error);
    }
  return recording;
}
