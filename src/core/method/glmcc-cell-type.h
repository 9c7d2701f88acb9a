/* glmcc-cell-type.h: the E/I type of a neuron from the signs of its outgoing connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLMCC_LABEL_UNKNOWN,
  GLMCC_LABEL_EXCITATORY,
  GLMCC_LABEL_INHIBITORY,
} GlmccLabel;

/* The one rule every view and export uses, during a run and after it: a neuron is excitatory
 * when more of its significant outgoing connections are positive than negative, inhibitory
 * in the opposite case, unknown on a tie (none included). A neuron with connections of both
 * signs violates Dale's law (one transmitter per neuron), which usually means that some of
 * its calls are wrong: @dale_violation says so (may be NULL). */
GlmccLabel  glmcc_cell_type_decide  (guint       n_excitatory,
                                     guint       n_inhibitory,
                                     gboolean   *dale_violation);
const char *glmcc_label_to_string   (GlmccLabel  label);

G_END_DECLS
