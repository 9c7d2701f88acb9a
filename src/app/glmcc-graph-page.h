/* glmcc-graph-page.h: a matrix or network view with its toolbar and readout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <gtk/gtk.h>

#include "glmcc-graph-view.h"

G_BEGIN_DECLS

#define GLMCC_TYPE_GRAPH_PAGE (glmcc_graph_page_get_type ())

G_DECLARE_FINAL_TYPE (GlmccGraphPage, glmcc_graph_page, GLMCC, GRAPH_PAGE, GtkWidget)

GtkWidget      *glmcc_graph_page_new        (GlmccGraphKind  kind);
GlmccGraphView *glmcc_graph_page_get_view   (GlmccGraphPage *self);
/* The page's settings (layout, seed, order, colour clip, filters) as a JSON object for the
 * saved analysis, and back; unknown or missing members keep their value. */
JsonNode       *glmcc_graph_page_save_state (GlmccGraphPage *self);
void            glmcc_graph_page_load_state (GlmccGraphPage *self,
                                             JsonObject     *state);
/* Test hook: what the page last said (its "message" signal) of a choice it could not follow,
 * or NULL. */
const char     *_glmcc_graph_page_get_notice (GlmccGraphPage *self);

G_END_DECLS
