/* glmcc-cell-type.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-cell-type.h"

GlmccLabel
glmcc_cell_type_decide (guint     n_excitatory,
                        guint     n_inhibitory,
                        gboolean *dale_violation)
{
  if (dale_violation != NULL)
    *dale_violation = n_excitatory > 0 && n_inhibitory > 0;
  if (n_excitatory > n_inhibitory)
    return GLMCC_LABEL_EXCITATORY;
  if (n_inhibitory > n_excitatory)
    return GLMCC_LABEL_INHIBITORY;
  return GLMCC_LABEL_UNKNOWN;
}

const char *
glmcc_label_to_string (GlmccLabel label)
{
  switch (label)
    {
    case GLMCC_LABEL_EXCITATORY: return "E";
    case GLMCC_LABEL_INHIBITORY: return "I";
    case GLMCC_LABEL_UNKNOWN:
    default: return "unknown";
    }
}
