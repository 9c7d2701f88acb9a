/* glmcc-results-file.c: opening a results file of any kind glmcc writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-results"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-results-file.h"
#include "glmcc-results-hdf5.h"

static const guint8 hdf5_signature[8] = { 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

gboolean
glmcc_results_file_is_hdf5 (const char *path)
{
  guint8 head[sizeof hdf5_signature];
  gssize got = -1;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  do
    got = read (fd, head, sizeof head);
  while (got < 0 && errno == EINTR);
  close (fd);
  return got == (gssize) sizeof head && memcmp (head, hdf5_signature, sizeof head) == 0;
}

GlmccResults *
glmcc_results_load (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (glmcc_results_file_is_hdf5 (path))
    return glmcc_results_load_hdf5 (path, error);
  return glmcc_results_load_json (path, error);
}

gboolean
glmcc_results_merge_file (GlmccResults  *into,
                          const char    *path,
                          guint         *shard_index,
                          guint         *shard_count,
                          GError       **error)
{
  g_autoptr(GlmccResults) part = NULL;
  guint index, count;

  g_return_val_if_fail (into != NULL && path != NULL, FALSE);

  if (glmcc_results_file_is_hdf5 (path))
    return glmcc_results_merge_hdf5 (into, path, shard_index, shard_count, error);
  part = glmcc_results_load_json (path, error);
  if (part == NULL)
    return FALSE;
  glmcc_results_get_shard (part, &index, &count);
  if (shard_index != NULL)
    *shard_index = index;
  if (shard_count != NULL)
    *shard_count = count;
  return glmcc_results_merge (into, part, error);
}

char *
glmcc_results_file_checksum (const char  *path,
                             GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (1 << 20);
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  for (;;)
    {
      gssize got = read (fd, buffer, 1 << 20);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, g_strerror (saved_errno));
          return NULL;
        }
      if (got == 0)
        break;
      g_checksum_update (checksum, buffer, got);
    }
  close (fd);
  return g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}
