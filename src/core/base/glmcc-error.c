/* glmcc-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-error.h"

G_DEFINE_QUARK (glmcc-error-quark, glmcc_error)
G_DEFINE_QUARK (glmcc-params-error-quark, glmcc_params_error)

gboolean
glmcc_write_gstring (const char  *path,
                     GString     *contents,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  if (!g_file_set_contents (path, contents->str, contents->len, &local_error))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}
