/* fuzz-mat.c: the checks a MATLAB file passes before libmatio may read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Versions 4 and 5 are walked by our own code (compressed variables inflated on the fly);
 * version 7.3 is an HDF5 file after a 512-byte header, of which we parse the superblock.
 * libmatio itself is not run here: it reads only what passed, in the helper process.
 */
#include "config.h"

#include "fuzz-common.h"
#include "glmcc-hdf5-check.h"
#include "glmcc-mat-check.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;

  if (glmcc_mat_detect_version (data, size) == GLMCC_MAT_V73)
    {
      GlmccHdf5Buffer image = { data, size };
      GlmccHdf5Info info;

      if (glmcc_hdf5_check_superblock (glmcc_hdf5_read_buffer, &image, size, "fuzz.mat", &info,
                                       &error))
        g_assert (info.eof <= size && info.root < info.eof && info.base < info.eof);
    }
  else if (glmcc_mat_check (data, size, "fuzz.mat", 16 * 1024 * 1024, &error))
    g_assert (size > 0);
  /* One line naming the file, as the programs print it. */
  g_assert (error == NULL || (error->domain == GLMCC_ERROR
                              && g_str_has_prefix (error->message, "fuzz.mat: ")));
  g_clear_error (&error);
  return 0;
}
