/* glmcc-neuron-list.h: the neurons of the session, with spikes, rate and E/I type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "glmcc-session.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_NEURON_LIST (glmcc_neuron_list_get_type ())

G_DECLARE_FINAL_TYPE (GlmccNeuronList, glmcc_neuron_list, GLMCC, NEURON_LIST, GtkWidget)

GtkWidget          *glmcc_neuron_list_new           (void);
GlmccSession       *glmcc_neuron_list_get_session   (GlmccNeuronList *self);
/* Choosing a neuron makes it the reference of the pair on display. */
void                glmcc_neuron_list_set_session   (GlmccNeuronList *self,
                                                     GlmccSession    *session);
GtkSingleSelection *glmcc_neuron_list_get_selection (GlmccNeuronList *self);
/* Selects the neuron of index @neuron (−1: none) and scrolls to it. */
void                glmcc_neuron_list_select        (GlmccNeuronList *self,
                                                     int              neuron);
/* The index of the selected neuron, or −1. */
int                 glmcc_neuron_list_get_selected  (GlmccNeuronList *self);

G_END_DECLS
