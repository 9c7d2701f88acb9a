/* glmcc-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-error.h"
#include "glmcc-output.h"

G_DEFINE_QUARK (glmcc-error-quark, glmcc_error)
G_DEFINE_QUARK (glmcc-params-error-quark, glmcc_params_error)

gboolean
glmcc_write_gstring (const char  *path,
                     GString     *contents,
                     GError     **error)
{
  GlmccOutput *output;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  output = glmcc_output_new (path, error);
  if (output == NULL)
    return FALSE;
  glmcc_output_write (output, contents->str, contents->len);
  return glmcc_output_commit (output, error);
}
