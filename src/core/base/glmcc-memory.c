/* glmcc-memory.c: how much memory the process may still take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-memory"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "glmcc-error.h"
#include "glmcc-memory.h"
#include "glmcc-i18n.h"

/* Leave a fifth for the recording, the outputs being written and everything else running. */
#define USABLE_FRACTION 0.8

static gboolean
read_u64_file (const char *path,
               guint64    *value)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_strstrip (text);
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

/* "Key:   1234 kB" in /proc/meminfo or /proc/self/status, in bytes. */
static gboolean
read_kib_field (const char *path,
                const char *key,
                guint64    *bytes)
{
  g_autofree char *text = NULL;
  g_autofree char *prefix = g_strconcat (key, ":", NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        guint64 kib = g_ascii_strtoull (lines[i] + strlen (prefix), NULL, 10);
        *bytes = kib * 1024;
        return TRUE;
      }
  return FALSE;
}

/* The room left under the memory cgroup of this process: v2 (memory.max − memory.current in
 * its own group), else v1 (limit − usage of the memory controller). */
static gboolean
cgroup_room (guint64 *room)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 limit, usage;

  if (g_file_get_contents ("/proc/self/cgroup", &text, NULL, NULL))
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "0::"))
          {
            g_autofree char *max = g_build_filename ("/sys/fs/cgroup", lines[i] + 3, "memory.max", NULL);
            g_autofree char *current = g_build_filename ("/sys/fs/cgroup", lines[i] + 3,
                                                         "memory.current", NULL);
            if (read_u64_file (max, &limit) && read_u64_file (current, &usage))
              {
                *room = limit > usage ? limit - usage : 0;
                return TRUE;
              }
          }
    }
  if (read_u64_file ("/sys/fs/cgroup/memory/memory.limit_in_bytes", &limit)
      && read_u64_file ("/sys/fs/cgroup/memory/memory.usage_in_bytes", &usage))
    {
      *room = limit > usage ? limit - usage : 0;
      return TRUE;
    }
  return FALSE;
}

guint64
glmcc_memory_get_available (void)
{
  guint64 available = G_MAXUINT64, value;
  struct rlimit limit;

  if (read_kib_field ("/proc/meminfo", "MemAvailable", &value))
    available = value;
  if (cgroup_room (&value))
    available = MIN (available, value);
  if (getrlimit (RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    {
      guint64 used = 0;

      read_kib_field ("/proc/self/status", "VmSize", &used);
      value = (guint64) limit.rlim_cur > used ? (guint64) limit.rlim_cur - used : 0;
      available = MIN (available, value);
    }
  return available;
}

gboolean
glmcc_memory_check (guint64      bytes,
                    const char  *what,
                    GError     **error)
{
  guint64 available = glmcc_memory_get_available ();
  g_autofree char *needed_text = NULL, *usable_text = NULL, *available_text = NULL;
  guint64 usable;

  if (available == G_MAXUINT64)
    return TRUE;
  usable = (guint64) (USABLE_FRACTION * (double) available);
  if (bytes <= usable)
    return TRUE;
  needed_text = g_format_size (bytes);
  usable_text = g_format_size (usable);
  available_text = g_format_size (available);
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
               _("%s would need %s of memory, more than the %s it may take (80 %% of the %s "
               "available)"), what, needed_text, usable_text, available_text);
  return FALSE;
}
