/* fuzz-res-clu.c: Neuroscope .res and .clu files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "glmcc-load-neuroscope.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const uint8_t *split = memchr (data, '|', size);
  gsize res_len = split != NULL ? (gsize) (split - data) : size;
  GError *error = NULL;
  gint64 n_clusters;

  /* "res|clu": the two files of one shank. */
  if (!glmcc_neuroscope_parse_res ((const char *) data, res_len, "s.res.1", samples, &error))
    g_assert (error != NULL && error->domain == GLMCC_ERROR);
  g_clear_error (&error);
  if (split != NULL
      && !glmcc_neuroscope_parse_clu ((const char *) split + 1, size - res_len - 1, "s.clu.1",
                                      &n_clusters, ids, &error))
    g_assert (error != NULL && error->domain == GLMCC_ERROR);
  g_clear_error (&error);

  g_array_unref (samples);
  g_array_unref (ids);
  return 0;
}
