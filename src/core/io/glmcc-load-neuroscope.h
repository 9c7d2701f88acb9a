/* glmcc-load-neuroscope.h: the Neuroscope parsers, exposed for the tests and the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The <samplingRate> of <acquisitionSystem> (or, failing that, the first <samplingRate>). */
gboolean glmcc_neuroscope_parse_xml_rate (const char *data,
                                          gsize       length,
                                          const char *filename,
                                          double     *rate,
                                          GError    **error);
/* One integer sample index per line, appended to @samples (gint64). */
gboolean glmcc_neuroscope_parse_res      (const char *data,
                                          gsize       length,
                                          const char *filename,
                                          GArray     *samples,
                                          GError    **error);
/* The cluster count, then one cluster id per line, appended to @ids (gint64). */
gboolean glmcc_neuroscope_parse_clu      (const char *data,
                                          gsize       length,
                                          const char *filename,
                                          gint64     *n_clusters,
                                          GArray     *ids,
                                          GError    **error);

G_END_DECLS
