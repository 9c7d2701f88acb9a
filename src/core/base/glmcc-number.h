/* glmcc-number.h: exact fast parsing of plain decimal numbers
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

G_END_DECLS
