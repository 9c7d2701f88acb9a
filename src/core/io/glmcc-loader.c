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

static void
note_epoch (GlmccLoadContext *context)
{
  gsize dropped = context->n_negative + context->n_before + context->n_after;
  g_autofree char *end = NULL;
  GString *why;

  if (dropped == 0)
    return;

  if (isinf (context->epoch_end_ms))
    end = g_strdup ("the last spike");
  else
    end = glmcc_strdup_printf_c_locale ("%g s", context->epoch_end_ms / 1000.0);
  why = g_string_new (NULL);
  if (context->n_negative > 0)
    g_string_append_printf (why, "%" G_GSIZE_FORMAT " negative", context->n_negative);
  if (context->n_before > 0)
    g_string_append_printf (why, "%s%" G_GSIZE_FORMAT " before the start", why->len > 0 ? ", " : "",
                            context->n_before);
  if (context->n_after > 0)
    g_string_append_printf (why, "%s%" G_GSIZE_FORMAT " at or after the end",
                            why->len > 0 ? ", " : "", context->n_after);
  glmcc_load_context_note (context,
                           "epoch [%g s, %s%s: %" G_GSIZE_FORMAT " spike%s outside dropped (%s)",
                           context->epoch_start_ms / 1000.0, end,
                           isinf (context->epoch_end_ms) ? "]" : ")",
                           dropped, dropped == 1 ? "" : "s", why->str);
  g_string_free (why, TRUE);
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
