/* glmcc-cli-merge.c: `glmcc merge` (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_merge_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("merge", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
