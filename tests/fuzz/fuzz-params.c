/* fuzz-params.c: phy's params.py and the cluster label files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "glmcc-load-phy.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GHashTable *labels = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GError *error = NULL;
  double rate = 0.0;
  guint n_read = 0;

  if (glmcc_phy_parse_params ((const char *) data, size, "params.py", &rate, &error))
    g_assert (rate > 0.0);
  g_assert (error == NULL || error->domain == GLMCC_ERROR);
  g_clear_error (&error);

  if (!glmcc_phy_parse_labels ((const char *) data, size, "cluster_group.tsv", "group", labels,
                               &n_read, &error))
    g_assert (error != NULL && error->domain == GLMCC_ERROR);
  g_clear_error (&error);
  g_hash_table_unref (labels);
  return 0;
}
