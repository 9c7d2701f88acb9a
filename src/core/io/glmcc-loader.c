/* glmcc-loader.c: placeholder until the loader registry lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-loader.h"
