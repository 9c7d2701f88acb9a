/* glmcc-cli-plot.c: `glmcc plot` (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cli.h"

int
glmcc_cli_plot_main (int    argc,
                     char **argv)
{
  glmcc_cli_error ("plot", "not implemented yet");
  return GLMCC_EXIT_FAILURE;
}
