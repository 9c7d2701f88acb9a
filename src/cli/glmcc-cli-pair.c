/* glmcc-cli-pair.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_pair_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("pair", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
