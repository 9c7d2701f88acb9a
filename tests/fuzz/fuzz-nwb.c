/* fuzz-nwb.c: the checks an HDF5 (NWB) file passes before libhdf5 may read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own parsing of HDF5: the superblock (its end-of-file address against the bytes present)
 * and the global heap collections that variable-length strings point into. Every "GCOL" found
 * in the input is checked as a heap, and the input's last bytes as string references, so the
 * fuzzer reaches both. libhdf5 is not run here: it reads only what passed, in the helper.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "glmcc-hdf5-check.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlmccHdf5Buffer image = { data, size };
  GlmccHdf5Info info;
  GError *error = NULL;

  if (glmcc_hdf5_check_superblock (glmcc_hdf5_read_buffer, &image, size, "fuzz.nwb", &info,
                                   &error))
    {
      gsize ref_size = 4 + info.offset_size + 4;
      gsize n_refs = MIN (size / ref_size, 8);

      g_assert (info.eof <= size && info.root < info.eof);
      /* References taken from the end of the input, as a dataset's raw strings. */
      if (!glmcc_hdf5_check_vlen_refs (glmcc_hdf5_read_buffer, &image, &info,
                                       data + size - n_refs * ref_size, n_refs, "fuzz.nwb",
                                       "/units/quality", &error))
        g_clear_error (&error);
      /* Every collection in the input, each object index it may hold. */
      for (gsize at = 0; at + 4 <= size; at++)
        {
          guint8 ref[4 + 8 + 4] = { 0 };
          guint64 address = at - MIN (info.base, (guint64) at);

          if (memcmp (data + at, "GCOL", 4) != 0)
            continue;
          for (guint32 index = 1; index <= 3; index++)
            {
              ref[0] = 1;
              for (guint b = 0; b < info.offset_size; b++)
                ref[4 + b] = (guint8) (address >> (8 * b));
              ref[4 + info.offset_size] = (guint8) index;
              if (!glmcc_hdf5_check_vlen_refs (glmcc_hdf5_read_buffer, &image, &info, ref, 1,
                                               "fuzz.nwb", "/units/quality", &error))
                g_clear_error (&error);
            }
        }
    }
  g_assert (error == NULL || (error->domain == GLMCC_ERROR
                              && g_str_has_prefix (error->message, "fuzz.nwb: ")));
  g_clear_error (&error);
  return 0;
}
