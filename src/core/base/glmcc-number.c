/* glmcc-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "glmcc-number.h"

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

gboolean
glmcc_number_parse_decimal (const char *text,
                            gsize       len,
                            double     *value)
{
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0;
  gboolean negative = FALSE, seen_point = FALSE, seen_digit = FALSE;
  gsize i = 0;

  if (len == 0)
    return FALSE;
  if (text[0] == '-' || text[0] == '+')
    {
      negative = text[0] == '-';
      i = 1;
    }
  for (; i < len; i++)
    {
      char c = text[i];

      if (c >= '0' && c <= '9')
        {
          seen_digit = TRUE;
          if (mantissa == 0 && c == '0')
            {
              /* Leading zeros add no significant digit. */
              if (seen_point)
                decimals++;
              continue;
            }
          if (++digits > 15)
            return FALSE;
          mantissa = mantissa * 10 + (guint64) (c - '0');
          if (seen_point)
            decimals++;
        }
      else if (c == '.' && !seen_point)
        seen_point = TRUE;
      else
        return FALSE;
    }
  if (!seen_digit || decimals >= G_N_ELEMENTS (powers_of_ten))
    return FALSE;

  /* Both operands are exact doubles (mantissa < 10^15 < 2^53), so the one division is
   * correctly rounded: the same double strtod returns. */
  *value = (double) mantissa / powers_of_ten[decimals];
  if (negative)
    *value = -*value;
  return TRUE;
}

int
glmcc_number_compare (const void *a,
                      const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
glmcc_number_median (double *values,
                     gsize   n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), glmcc_number_compare);
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}
