/* fuzz-common.h: what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "glmcc-io-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Runs a buffer loader the way glmcc_load() does: a context with default options, the loader,
 * then the recording's own validation, and frees everything. */
static inline void
fuzz_run_loader (gboolean (*load) (GlmccLoadContext *, const char *, const char *, gsize, GError **),
                 const GlmccLoadOptions *options,
                 const uint8_t          *data,
                 size_t                  size)
{
  GlmccLoadContext context;
  GlmccRecording *recording;
  GError *error = NULL;

  glmcc_load_context_init (&context, "fuzz", "fuzz", options);
  if (load (&context, "fuzz", (const char *) data, size, &error))
    {
      recording = glmcc_recording_builder_finish (g_steal_pointer (&context.builder), &error);
      if (recording != NULL)
        {
          /* Touch every spike so that bad trains show up under the sanitizers. */
          for (guint i = 0; i < glmcc_recording_get_n_neurons (recording); i++)
            {
              gsize n;
              const double *train = glmcc_recording_get_train (recording, i, &n);
              for (gsize k = 1; k < n; k++)
                g_assert (train[k - 1] <= train[k]);
            }
          glmcc_recording_unref (recording);
        }
    }
  /* A chosen option (columns, say) can be at fault: GLMCC_PARAMS_ERROR says which. */
  g_assert (error == NULL || error->domain == GLMCC_ERROR || error->domain == GLMCC_PARAMS_ERROR);
  g_clear_error (&error);
  glmcc_load_context_clear (&context);
}
