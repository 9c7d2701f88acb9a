/* fuzz-npy.c: our .npy reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "glmcc-npy.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlmccNpyArray array;
  GError *error = NULL;

  if (glmcc_npy_parse (data, size, "fuzz.npy", &array, &error))
    {
      gint64 *values;
      double sum = 0.0;

      g_assert (array.data + array.n_elements * array.item_size <= data + size);
      for (gsize i = 0; i < array.n_elements; i++)
        sum += glmcc_npy_get_double (&array, i);
      (void) sum;
      if (glmcc_npy_check_vector (&array, "fuzz.npy", &error))
        {
          values = glmcc_npy_to_int64 (&array, "fuzz.npy", &error);
          g_free (values);
        }
    }
  g_assert (error == NULL || error->domain == GLMCC_ERROR);
  g_clear_error (&error);
  return 0;
}
