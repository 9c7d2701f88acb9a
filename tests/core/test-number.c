/* test-number.c: the fast decimal parser gives exactly strtod's double, or declines; medians
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-number.h"

static void
test_random_against_strtod (void)
{
  GRand *rand = g_rand_new_with_seed (20191002);
  guint fast = 0;

  for (guint i = 0; i < 300000; i++)
    {
      char text[64];
      int decimals = g_rand_int_range (rand, 0, 9);
      double v = g_rand_double_range (rand, -1e7, 1e7), expected, actual;

      if (i % 3 == 0)
        v = g_rand_double_range (rand, -10.0, 10.0);
      snprintf (text, sizeof text, "%.*f", decimals, v);
      expected = strtod (text, NULL);
      if (glmcc_number_parse_decimal (text, strlen (text), &actual))
        {
          fast++;
          if (memcmp (&expected, &actual, sizeof (double)) != 0)
            g_error ("'%s': strtod %.17g, fast path %.17g", text, expected, actual);
        }
    }
  /* Spike-time text must nearly always take the fast path, or it is pointless. */
  g_assert_cmpuint (fast, >, 290000);
  g_rand_free (rand);
}

static void
test_declines (void)
{
  const char *refused[] = { "", ".", "-", "1e5", " 1", "1 ", "0x10", "nan", "inf", "1.2.3",
                            "1234567890123456", "1,5" };
  double value = 42.0;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (glmcc_number_parse_decimal (refused[i], strlen (refused[i]), &value))
      g_error ("'%s' should go to strtod", refused[i]);
  g_assert_true (glmcc_number_parse_decimal ("-96536.180002", 13, &value));
  g_assert_cmpfloat (value, ==, strtod ("-96536.180002", NULL));
  g_assert_true (glmcc_number_parse_decimal ("00012.5000", 10, &value));
  g_assert_cmpfloat (value, ==, 12.5);
}

static void
test_median (void)
{
  double odd[] = { 3.0, -1.0, 2.0, -0.0, 7.5 };
  double even[] = { 4.0, 1.0, 3.0, 2.0 };
  double one[] = { 42.0 };

  g_assert_cmpfloat (glmcc_number_median (odd, G_N_ELEMENTS (odd)), ==, 2.0);
  /* Sorted in place, ascending. */
  g_assert_cmpfloat (odd[0], ==, -1.0);
  g_assert_cmpfloat (odd[4], ==, 7.5);
  g_assert_cmpfloat (glmcc_number_median (even, G_N_ELEMENTS (even)), ==, 2.5);
  g_assert_cmpfloat (glmcc_number_median (one, 1), ==, 42.0);
  g_assert_true (isnan (glmcc_number_median (NULL, 0)));
  g_assert_cmpint (glmcc_number_compare (&one[0], &even[0]), >, 0);
  g_assert_cmpint (glmcc_number_compare (&even[0], &one[0]), <, 0);
  g_assert_cmpint (glmcc_number_compare (&one[0], &one[0]), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/random-against-strtod", test_random_against_strtod);
  g_test_add_func ("/number/declines", test_declines);
  g_test_add_func ("/number/median", test_median);
  return g_test_run ();
}
