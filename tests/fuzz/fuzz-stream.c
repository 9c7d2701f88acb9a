/* fuzz-stream.c: the answer of the loader helper, as the program that started it reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helper is a separate process reading damaged files with libraries that may misbehave:
 * its answer is parsed with the same distrust as a file.
 */
#include "config.h"

#include "fuzz-common.h"
#include "glmcc-load-stream.h"

static gboolean
load_stream (GlmccLoadContext *context,
             const char       *filename,
             const char       *data,
             gsize             length,
             GError          **error)
{
  return glmcc_load_stream_read ((const guint8 *) data, length, context, filename, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlmccLoadOptions options;

  glmcc_load_options_init (&options);
  fuzz_run_loader (load_stream, &options, data, size);
  return 0;
}
