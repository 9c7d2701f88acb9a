/* fuzz-xml.c: the <samplingRate> scanner of Neuroscope's base.xml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "glmcc-load-neuroscope.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  double rate = 0.0;

  if (glmcc_neuroscope_parse_xml_rate ((const char *) data, size, "base.xml", &rate, &error))
    g_assert (rate > 0.0);
  else
    g_assert (error != NULL && error->domain == GLMCC_ERROR);
  g_clear_error (&error);
  return 0;
}
