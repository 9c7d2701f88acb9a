/* glmcc-cli-score.c: `glmcc score` (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_score_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("score", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
