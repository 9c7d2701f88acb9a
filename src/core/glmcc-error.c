/* glmcc-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-error.h"

G_DEFINE_QUARK (glmcc-error-quark, glmcc_error)
