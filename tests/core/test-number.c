/* test-number.c: the fast decimal parser gives exactly strtod's double, or declines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/random-against-strtod", test_random_against_strtod);
  g_test_add_func ("/number/declines", test_declines);
  return g_test_run ();
}
