/* fuzz-csv.c: the one-spike-per-row CSV parser, with detected and chosen columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  fuzz_run_loader (glmcc_csv_load_data, &options, data, size);

  /* The first byte chooses columns and a unit, the rest is the file. */
  if (size > 1)
    {
      options.unit_column = data[0] & 3;
      options.time_column = (data[0] >> 2) & 3;
      options.time_unit = (GlmccTimeUnit) ((data[0] >> 4) % 4);
      options.sample_rate = 20000.0;
      fuzz_run_loader (glmcc_csv_load_data, &options, data + 1, size - 1);
    }
  return 0;
}
