/* glmcc-output.c: writing an output file safely: through symlinks, atomically, or in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_file_set_contents() replaces whatever is at the path with a new regular file: a symlink
 * loses its link, /dev/stdout or a FIFO becomes a file named like them. Here the path is first
 * resolved, one symlink at a time, to what it finally names:
 *   - nothing yet, or a regular file: written to "NAME.XXXXXX" beside it, then renamed over it;
 *   - a device, FIFO or socket, or anything reached through /proc (the links /dev/stdout and
 *     /dev/fd/N lead there, and stand for a descriptor, not a path): opened and written in place.
 */
#define G_LOG_DOMAIN "glmcc-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-output.h"
#include "glmcc-i18n.h"

#define MAX_SYMLINKS 40

typedef enum
{
  TARGET_NEW,       /* nothing there yet: a new regular file */
  TARGET_REGULAR,   /* an existing regular file: replaced */
  TARGET_IN_PLACE,  /* a device, FIFO, socket or descriptor: written as it is */
} TargetKind;

typedef struct
{
  TargetKind  kind;
  char       *path;      /* where to write: the final target (TARGET_IN_PLACE: the user's path) */
  char       *dir;       /* its directory (NULL for TARGET_IN_PLACE) */
  struct stat st;        /* of the existing target (not TARGET_NEW) */
} Target;

struct _GlmccOutput
{
  char  *user_path;
  char  *path;           /* the file renamed over, or written in place */
  char  *temp_path;      /* NULL when written in place */
  int    fd;
  int    saved_errno;    /* the first write error */
  mode_t mode;
  gboolean replace;
};

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->path, g_free);
  g_clear_pointer (&target->dir, g_free);
}

static gboolean
set_io_error (GError    **error,
              const char *user_path,
              int         saved_errno,
              const char *what)
{
  if (what != NULL)
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s: %s", user_path, what,
                 g_strerror (saved_errno));
  else
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", user_path, g_strerror (saved_errno));
  return FALSE;
}

/* Follows @user_path to what it names. Fails when a directory on the way is missing, when the
 * path names a directory, or when symlinks loop. */
static gboolean
resolve (const char  *user_path,
         Target      *target,
         GError     **error)
{
  g_autofree char *current = NULL;

  memset (target, 0, sizeof *target);
  if (user_path == NULL || *user_path == '\0')
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("the file name is empty"));
      return FALSE;
    }
  current = g_strdup (user_path);
  for (guint hop = 0; hop <= MAX_SYMLINKS; hop++)
    {
      g_autofree char *dir = g_path_get_dirname (current);
      g_autofree char *base = g_path_get_basename (current);
      g_autofree char *full = NULL;
      char *real_dir = realpath (dir, NULL);
      struct stat st;

      if (real_dir == NULL)
        {
          int saved_errno = errno;

          if (saved_errno == ENOENT || saved_errno == ENOTDIR)
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: the directory %s does not exist"),
                         user_path, dir);
          else
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: directory %s: %s"), user_path, dir,
                         g_strerror (saved_errno));
          return FALSE;
        }
      /* /dev/stdout, /dev/fd/N, /proc/self/fd/N: a descriptor, written through the link. */
      if (g_str_equal (real_dir, "/proc") || g_str_has_prefix (real_dir, "/proc/"))
        {
          free (real_dir);
          target->kind = TARGET_IN_PLACE;
          target->path = g_strdup (user_path);
          if (stat (user_path, &target->st) != 0)
            memset (&target->st, 0, sizeof target->st);
          return TRUE;
        }
      if (g_str_equal (base, "/") || g_str_equal (base, ".") || g_str_equal (base, ".."))
        {
          free (real_dir);
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: is a directory"), user_path);
          return FALSE;
        }
      full = g_build_filename (real_dir, base, NULL);
      if (lstat (full, &st) != 0)
        {
          int saved_errno = errno;

          if (saved_errno != ENOENT)
            {
              free (real_dir);
              return set_io_error (error, user_path, saved_errno, NULL);
            }
          target->kind = TARGET_NEW;
          target->path = g_steal_pointer (&full);
          target->dir = g_strdup (real_dir);
          free (real_dir);
          return TRUE;
        }
      if (S_ISLNK (st.st_mode))
        {
          g_autofree char *link = g_file_read_link (full, NULL);

          if (link == NULL)
            {
              free (real_dir);
              return set_io_error (error, user_path, EINVAL, "unreadable symbolic link");
            }
          g_free (current);
          current = g_path_is_absolute (link) ? g_steal_pointer (&link)
                                              : g_build_filename (real_dir, link, NULL);
          free (real_dir);
          continue;
        }
      free (real_dir);
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: is a directory"), user_path);
          return FALSE;
        }
      target->st = st;
      if (S_ISREG (st.st_mode))
        {
          target->kind = TARGET_REGULAR;
          target->dir = g_path_get_dirname (full);
          target->path = g_steal_pointer (&full);
        }
      else
        {
          target->kind = TARGET_IN_PLACE;
          target->path = g_steal_pointer (&full);
        }
      return TRUE;
    }
  return set_io_error (error, user_path, ELOOP, NULL);
}

gboolean
glmcc_output_check (const char  *path,
                    GError     **error)
{
  Target target;
  gboolean ok = TRUE;

  if (!resolve (path, &target, error))
    return FALSE;
  switch (target.kind)
    {
    case TARGET_REGULAR:
      if (access (target.path, W_OK) != 0)
        ok = set_io_error (error, path, errno, NULL);
      G_GNUC_FALLTHROUGH;
    case TARGET_NEW:
      /* The file is written beside its target and renamed: the directory must take it. */
      if (ok && access (target.dir, W_OK | X_OK) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot write in the directory %s: %s"),
                       path, target.dir, g_strerror (saved_errno));
          ok = FALSE;
        }
      break;
    case TARGET_IN_PLACE:
    default:
      if (S_ISSOCK (target.st.st_mode))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: is a socket, not a file"), path);
          ok = FALSE;
        }
      else if (access (target.path, W_OK) != 0)
        ok = set_io_error (error, path, errno, NULL);
      break;
    }
  target_clear (&target);
  return ok;
}

gboolean
glmcc_output_same_file (const char *a,
                        const char *b)
{
  Target ta, tb;
  gboolean same;

  if (!resolve (a, &ta, NULL))
    return g_strcmp0 (a, b) == 0;
  if (!resolve (b, &tb, NULL))
    {
      target_clear (&ta);
      return g_strcmp0 (a, b) == 0;
    }
  if (ta.kind != TARGET_NEW && tb.kind != TARGET_NEW
      && ta.st.st_ino != 0 && ta.st.st_dev == tb.st.st_dev && ta.st.st_ino == tb.st.st_ino)
    same = TRUE;
  else
    same = g_strcmp0 (ta.path, tb.path) == 0;
  target_clear (&ta);
  target_clear (&tb);
  return same;
}

gboolean
glmcc_output_overwrites (const char *output,
                         const char *input)
{
  g_autofree char *output_dir = NULL, *output_name = NULL, *input_dir = NULL;
  Target target;
  gboolean overwrites = FALSE;
  char *real;

  if (glmcc_output_same_file (output, input))
    return TRUE;
  if (!resolve (output, &target, NULL))
    return FALSE;
  if (target.kind == TARGET_REGULAR)
    {
      output_dir = g_path_get_dirname (target.path);
      output_name = g_path_get_basename (target.path);
      if (g_file_test (input, G_FILE_TEST_IS_DIR))
        {
          real = realpath (input, NULL);
          overwrites = real != NULL && g_str_equal (real, output_dir);
          free (real);
        }
      else if (!g_file_test (input, G_FILE_TEST_EXISTS))
        {
          input_dir = g_path_get_dirname (input);
          real = realpath (input_dir, NULL);
          overwrites = real != NULL && g_str_equal (real, output_dir);
          free (real);
          if (overwrites)
            {
              g_autofree char *base = g_path_get_basename (input);
              g_autofree char *dotted = g_strconcat (base, ".", NULL);

              overwrites = g_str_has_prefix (output_name, dotted);
            }
        }
    }
  target_clear (&target);
  return overwrites;
}

gboolean
glmcc_output_is_replaceable (const char *path)
{
  Target target;
  gboolean replaceable;

  if (!resolve (path, &target, NULL))
    return FALSE;
  replaceable = target.kind != TARGET_IN_PLACE;
  target_clear (&target);
  return replaceable;
}

char *
glmcc_output_resolve_file (const char  *path,
                           guint       *mode,
                           GError     **error)
{
  Target target;
  char *file;

  if (!resolve (path, &target, error))
    return NULL;
  if (target.kind == TARGET_IN_PLACE)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO,
                   _("%s: not a regular file (this output must be a file it can seek in, not a "
                   "device or a pipe)"), path);
      target_clear (&target);
      return NULL;
    }
  if (mode != NULL)
    *mode = target.kind == TARGET_REGULAR ? (target.st.st_mode & 07777) : 0;
  file = g_steal_pointer (&target.path);
  target_clear (&target);
  return file;
}

GlmccOutput *
glmcc_output_new (const char  *path,
                  GError     **error)
{
  g_autoptr(GlmccOutput) output = NULL;
  Target target;

  if (!resolve (path, &target, error))
    return NULL;

  output = g_new0 (GlmccOutput, 1);
  output->user_path = g_strdup (path);
  output->fd = -1;
  output->replace = target.kind != TARGET_IN_PLACE;
  output->path = g_steal_pointer (&target.path);
  if (output->replace)
    {
      /* A new file gets 0666 & ~umask from g_mkstemp_full(); a replaced one keeps its mode. */
      output->mode = target.kind == TARGET_REGULAR ? (target.st.st_mode & 07777) : 0;
      output->temp_path = g_strdup_printf ("%s.XXXXXX", output->path);
      output->fd = g_mkstemp_full (output->temp_path, O_WRONLY | O_CLOEXEC, 0666);
      if (output->fd < 0)
        {
          int saved_errno = errno;

          g_clear_pointer (&output->temp_path, g_free);
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot write in the directory %s: %s"),
                       path, target.dir, g_strerror (saved_errno));
          target_clear (&target);
          return NULL;
        }
    }
  else
    {
      /* Appending keeps what a shell redirection (>>) already put in a file behind /dev/stdout. */
      output->fd = g_open (path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY, 0);
      if (output->fd < 0)
        {
          int saved_errno = errno;
          target_clear (&target);
          set_io_error (error, path, saved_errno, NULL);
          return NULL;
        }
    }
  target_clear (&target);
  return g_steal_pointer (&output);
}

void
glmcc_output_write (GlmccOutput *output,
                    const char  *data,
                    gsize        length)
{
  g_return_if_fail (output != NULL);

  while (length > 0 && output->saved_errno == 0)
    {
      gssize written = write (output->fd, data, length);

      if (written < 0)
        {
          if (errno != EINTR)
            output->saved_errno = errno;
          continue;
        }
      data += written;
      length -= (gsize) written;
    }
}

void
glmcc_output_write_gstring (GlmccOutput *output,
                            GString     *text)
{
  g_return_if_fail (output != NULL && text != NULL);

  glmcc_output_write (output, text->str, text->len);
  g_string_truncate (text, 0);
}

gboolean
glmcc_output_commit (GlmccOutput  *output,
                     GError      **error)
{
  int saved_errno;

  g_return_val_if_fail (output != NULL, FALSE);

  saved_errno = output->saved_errno;
  if (saved_errno == 0 && output->replace)
    {
      /* The data must be on disk before the rename makes it the file, or a crash could leave
       * an empty file where the previous one was. */
      if ((output->mode != 0 && fchmod (output->fd, output->mode) != 0) || fsync (output->fd) != 0)
        saved_errno = errno;
    }
  if (close (output->fd) != 0 && saved_errno == 0 && errno != EINTR)
    saved_errno = errno;
  output->fd = -1;
  if (saved_errno == 0 && output->replace && g_rename (output->temp_path, output->path) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      set_io_error (error, output->user_path, saved_errno, NULL);
      glmcc_output_free (output);
      return FALSE;
    }
  g_clear_pointer (&output->temp_path, g_free);
  glmcc_output_free (output);
  return TRUE;
}

void
glmcc_output_free (GlmccOutput *output)
{
  if (output == NULL)
    return;
  if (output->fd >= 0)
    close (output->fd);
  if (output->temp_path != NULL)
    g_unlink (output->temp_path);
  g_free (output->temp_path);
  g_free (output->path);
  g_free (output->user_path);
  g_free (output);
}
