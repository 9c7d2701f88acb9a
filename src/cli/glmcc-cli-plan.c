/* glmcc-cli-plan.c: `glmcc plan` (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_plan_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("plan", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
