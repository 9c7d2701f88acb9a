/* glmcc-format.c: the application's one number formatter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-format"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-format.h"

char *
glmcc_format_number (double value,
                     int    digits)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup ("—");
  text = g_strdup_printf ("%.*g", digits, value);
  if (text[0] == '-')
    return g_strconcat ("−", text + 1, NULL);
  return g_steal_pointer (&text);
}

char *
glmcc_format_duration (double seconds)
{
  if (seconds < 0)
    return g_strdup ("—");
  if (seconds < 60)
    return g_strdup_printf (_("%.0f s"), ceil (seconds));
  if (seconds < 3600)
    return g_strdup_printf (_("%.0f min %02.0f s"), floor (seconds / 60), fmod (seconds, 60));
  return g_strdup_printf (_("%.0f h %02.0f min"), floor (seconds / 3600),
                          floor (fmod (seconds, 3600) / 60));
}
