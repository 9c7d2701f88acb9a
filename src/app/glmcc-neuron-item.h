/* glmcc-neuron-item.h: one neuron of the open recording, as the neuron list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "glmcc-results.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_NEURON_ITEM (glmcc_neuron_item_get_type ())

G_DECLARE_FINAL_TYPE (GlmccNeuronItem, glmcc_neuron_item, GLMCC, NEURON_ITEM, GObject)

GlmccNeuronItem *glmcc_neuron_item_new        (guint            index,
                                               const char      *name,
                                               guint64          n_spikes,
                                               double           rate_hz);
guint            glmcc_neuron_item_get_index  (GlmccNeuronItem *self);
const char      *glmcc_neuron_item_get_name   (GlmccNeuronItem *self);
guint64          glmcc_neuron_item_get_n_spikes (GlmccNeuronItem *self);
double           glmcc_neuron_item_get_rate   (GlmccNeuronItem *self);
GlmccLabel       glmcc_neuron_item_get_label  (GlmccNeuronItem *self);
/* TRUE when the neuron has significant outgoing connections of both signs. */
gboolean         glmcc_neuron_item_get_dale_violation (GlmccNeuronItem *self);
/* The E/I type as glmcc_results_get_cell_type() decides it, with what it was decided from. */
void             glmcc_neuron_item_set_cell_type (GlmccNeuronItem *self,
                                                  GlmccLabel       label,
                                                  guint            n_excitatory_out,
                                                  guint            n_inhibitory_out,
                                                  gboolean         dale_violation);

G_END_DECLS
