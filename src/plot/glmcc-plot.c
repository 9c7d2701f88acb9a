/* glmcc-plot.c: placeholder until the renderers land
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
