/* glmcc-format.h: numbers and durations as the application prints them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value with @digits significant digits and a true minus sign (U+2212), as the figures print
 * numbers; "—" for NaN. */
char *glmcc_format_number   (double value,
                             int    digits) G_GNUC_WARN_UNUSED_RESULT;
/* "42 s", "3 min 05 s", "2 h 10 min"; "—" when negative (unknown). */
char *glmcc_format_duration (double seconds) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
