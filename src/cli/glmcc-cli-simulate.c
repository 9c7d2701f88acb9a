/* glmcc-cli-simulate.c: `glmcc simulate` (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_simulate_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("simulate", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
