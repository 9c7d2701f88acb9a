/* test-cell-type.c: one rule for E/I types and Dale's-law violations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cell-type.h"

static void
test_decide (void)
{
  gboolean dale = TRUE;

  g_assert_cmpint (glmcc_cell_type_decide (0, 0, &dale), ==, GLMCC_LABEL_UNKNOWN);
  g_assert_false (dale);
  g_assert_cmpint (glmcc_cell_type_decide (3, 0, &dale), ==, GLMCC_LABEL_EXCITATORY);
  g_assert_false (dale);
  g_assert_cmpint (glmcc_cell_type_decide (0, 1, &dale), ==, GLMCC_LABEL_INHIBITORY);
  g_assert_false (dale);
  /* Mixed signs: the majority decides, and the neuron is flagged. */
  g_assert_cmpint (glmcc_cell_type_decide (5, 2, &dale), ==, GLMCC_LABEL_EXCITATORY);
  g_assert_true (dale);
  g_assert_cmpint (glmcc_cell_type_decide (1, 4, &dale), ==, GLMCC_LABEL_INHIBITORY);
  g_assert_true (dale);
  g_assert_cmpint (glmcc_cell_type_decide (2, 2, &dale), ==, GLMCC_LABEL_UNKNOWN);
  g_assert_true (dale);
  g_assert_cmpint (glmcc_cell_type_decide (2, 1, NULL), ==, GLMCC_LABEL_EXCITATORY);
  g_assert_cmpstr (glmcc_label_to_string (GLMCC_LABEL_INHIBITORY), ==, "I");
  g_assert_cmpstr (glmcc_label_to_string (GLMCC_LABEL_EXCITATORY), ==, "E");
  g_assert_cmpstr (glmcc_label_to_string (GLMCC_LABEL_UNKNOWN), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cell-type/decide", test_decide);
  return g_test_run ();
}
