/* glmcc-load-phy.h: the phy parsers, exposed for the tests and the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Finds `sample_rate = NUMBER` in a params.py (Python syntax; other keys and multi-line values
 * are skipped). */
gboolean glmcc_phy_parse_params (const char *data,
                                 gsize       length,
                                 const char *filename,
                                 double     *sample_rate,
                                 GError    **error);
/* A tab-separated label file (cluster_id<TAB>@column). Adds id+1 → label (lower case, newly
 * allocated) to @labels for ids not yet there; counts the rows read in @n_read. */
gboolean glmcc_phy_parse_labels (const char *data,
                                 gsize       length,
                                 const char *filename,
                                 const char *column,
                                 GHashTable *labels,
                                 guint      *n_read,
                                 GError    **error);

G_END_DECLS
