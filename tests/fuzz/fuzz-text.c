/* fuzz-text.c: the per-neuron text parser and the web single-file layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "glmcc-load-text.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlmccLoadOptions options;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  GError *error = NULL;

  if (!glmcc_text_parse_lines ((const char *) data, size, "fuzz", GLMCC_TIME_UNIT_S, 0.0, values,
                               &error))
    {
      g_assert (error != NULL && error->code == GLMCC_ERROR_PARSE);
      g_clear_error (&error);
    }
  g_array_unref (values);

  glmcc_load_options_init (&options);
  fuzz_run_loader (glmcc_text_load_data, &options, data, size);
  options.time_unit = GLMCC_TIME_UNIT_SAMPLES;
  options.sample_rate = 30000.0;
  fuzz_run_loader (glmcc_text_load_data, &options, data, size);
  return 0;
}
