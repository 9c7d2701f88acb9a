/* glmcc-cli-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_run_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("run", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
