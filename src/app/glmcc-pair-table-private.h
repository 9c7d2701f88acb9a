/* glmcc-pair-table-private.h: test hooks of GlmccPairTable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-pair-table.h"

G_BEGIN_DECLS

GtkColumnView     *_glmcc_pair_table_get_column_view (GlmccPairTable *self);
GtkScrolledWindow *_glmcc_pair_table_get_scroller    (GlmccPairTable *self);
const char        *_glmcc_pair_table_get_page        (GlmccPairTable *self);

G_END_DECLS
