/* glmcc-exp.c: the table of glmcc_exp_fast()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-exp.h"

double glmcc_exp_table[GLMCC_EXP_TABLE];

static gpointer
exp_table_init (gpointer data)
{
  for (int j = 0; j < GLMCC_EXP_TABLE; j++)
    glmcc_exp_table[j] = exp2 ((double) j / GLMCC_EXP_TABLE);
  return NULL;
}

void
glmcc_exp_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, exp_table_init, NULL);
}
