/* glmcc-number.h: exact fast parsing of plain decimal numbers, and sorting them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses [+-]digits[.digits] (no exponent) of @len bytes when the value can be computed
 * exactly as strtod would round it: at most 15 significant digits and 22 decimals (one
 * correctly rounded division of two exact doubles). Returns FALSE for anything else, and the
 * caller falls back on strtod. Spike-time text ("1234.56") nearly always takes this path. */
gboolean glmcc_number_parse_decimal (const char *text,
                                     gsize       len,
                                     double     *value);

/* qsort() comparison of two doubles, ascending; NaN compares equal to everything, so keep NaN
 * out of what is sorted. */
int      glmcc_number_compare        (const void *a,
                                      const void *b);
/* The median of @values[0 .. @n), which are sorted in place; NaN when @n is 0. */
double   glmcc_number_median         (double     *values,
                                      gsize       n);

G_END_DECLS
