/* glmcc-session-truth.c: the session's ground truth, and how its results compare with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The truth is the core's GlmccTruth; every comparison goes through the core's rules
 * (glmcc_score_edge_outcome() per edge, glmcc_score_compute() for the counts), so what the
 * table, the figures and the score panel show is what `glmcc score` prints.
 */
#define G_LOG_DOMAIN "glmcc-session"

#include "config.h"

#include <glib/gi18n.h>

#include "glmcc-error.h"
#include "glmcc-session-private.h"

GlmccTruth *
glmcc_session_get_truth (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->truth;
}

const char *
glmcc_session_get_truth_path (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->truth_path;
}

GlmccScoreOutcome
glmcc_session_get_truth_outcome (GlmccSession *self,
                                 guint         pre,
                                 guint         post)
{
  GlmccEdge edge;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), GLMCC_SCORE_NOT_SCORED);

  if (self->truth == NULL || self->results == NULL || pre == post ||
      pre >= glmcc_truth_get_n_neurons (self->truth) ||
      post >= glmcc_truth_get_n_neurons (self->truth) ||
      pre >= glmcc_results_get_n_neurons (self->results) ||
      post >= glmcc_results_get_n_neurons (self->results))
    return GLMCC_SCORE_NOT_SCORED;
  edge = glmcc_results_get_edge (self->results, pre, post);
  return glmcc_score_edge_outcome (&edge, glmcc_truth_get (self->truth, pre, post));
}

void
_glmcc_session_item_apply_truth (GlmccSession  *self,
                                 GlmccPairItem *item)
{
  guint ref = glmcc_pair_item_get_ref (item);
  guint target = glmcc_pair_item_get_target (item);
  GlmccScoreOutcome forward = GLMCC_SCORE_NOT_SCORED;
  GlmccScoreOutcome backward = GLMCC_SCORE_NOT_SCORED;

  /* The item's own edges: during a run the results may already hold newer ones. */
  if (self->truth != NULL && ref < glmcc_truth_get_n_neurons (self->truth) &&
      target < glmcc_truth_get_n_neurons (self->truth))
    {
      forward = glmcc_score_edge_outcome (glmcc_pair_item_get_edge (item, TRUE),
                                          glmcc_truth_get (self->truth, ref, target));
      backward = glmcc_score_edge_outcome (glmcc_pair_item_get_edge (item, FALSE),
                                           glmcc_truth_get (self->truth, target, ref));
    }
  glmcc_pair_item_set_truth (item, forward, backward);
}

static guint8
plot_truth_of (GlmccScoreOutcome outcome)
{
  switch (outcome)
    {
    case GLMCC_SCORE_TRUE_POSITIVE:
      return GLMCC_PLOT_TRUTH_TRUE_POSITIVE;
    case GLMCC_SCORE_FALSE_POSITIVE:
    case GLMCC_SCORE_WRONG_SIGN:   /* a detection that is false, and a synapse missed */
      return GLMCC_PLOT_TRUTH_FALSE_POSITIVE;
    case GLMCC_SCORE_FALSE_NEGATIVE:
      return GLMCC_PLOT_TRUTH_FALSE_NEGATIVE;
    case GLMCC_SCORE_NOT_SCORED:
    case GLMCC_SCORE_TRUE_NEGATIVE:
    default:
      return GLMCC_PLOT_TRUTH_NONE;
    }
}

void
_glmcc_session_mark_truth_pair (GlmccSession    *self,
                                guint            ref,
                                guint            target,
                                const GlmccEdge *forward,
                                const GlmccEdge *backward)
{
  guint n = self->n_graph;

  if (self->truth_marks == NULL || ref >= n || target >= n ||
      n != glmcc_truth_get_n_neurons (self->truth))
    return;
  self->truth_marks[(gsize) ref * n + target] =
    plot_truth_of (glmcc_score_edge_outcome (forward, glmcc_truth_get (self->truth, ref, target)));
  self->truth_marks[(gsize) target * n + ref] =
    plot_truth_of (glmcc_score_edge_outcome (backward, glmcc_truth_get (self->truth, target, ref)));
}

void
_glmcc_session_update_truth_marks (GlmccSession *self)
{
  guint n = self->n_graph;

  g_clear_pointer (&self->truth_marks, g_free);
  self->graph_dirty = TRUE;
  if (self->truth == NULL || n == 0 || n != glmcc_truth_get_n_neurons (self->truth))
    return;
  self->truth_marks = g_new0 (guint8, (gsize) n * n);
  if (self->results != NULL && glmcc_results_get_n_neurons (self->results) == n)
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++)
        if (glmcc_results_pair_done (self->results, i, j))
          {
            GlmccEdge forward = glmcc_results_get_edge (self->results, i, j);
            GlmccEdge backward = glmcc_results_get_edge (self->results, j, i);

            _glmcc_session_mark_truth_pair (self, i, j, &forward, &backward);
          }
}

static void
apply_truth_to_items (GlmccSession *self)
{
  GListModel *pairs = G_LIST_MODEL (self->pairs);
  guint n = g_list_model_get_n_items (pairs);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GlmccPairItem) item = g_list_model_get_item (pairs, k);

      _glmcc_session_item_apply_truth (self, item);
    }
}

static void
set_truth (GlmccSession *self,
           GlmccTruth   *truth,
           const char   *path)
{
  g_clear_pointer (&self->truth, glmcc_truth_free);
  g_clear_pointer (&self->truth_path, g_free);
  self->truth = truth;
  self->truth_path = g_strdup (path);
  apply_truth_to_items (self);
  _glmcc_session_update_truth_marks (self);
  _glmcc_session_emit_truth_changed (self);
}

gboolean
glmcc_session_load_truth (GlmccSession  *self,
                          const char    *path,
                          GError       **error)
{
  GlmccTruth *truth;
  guint n;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n = glmcc_session_get_n_neurons (self);
  if (n == 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: open a recording before its ground truth"), path);
      return FALSE;
    }
  truth = glmcc_truth_load (path, n, (const char * const *) self->names, error);
  if (truth == NULL)
    return FALSE;
  set_truth (self, truth, path);
  return TRUE;
}

void
glmcc_session_clear_truth (GlmccSession *self)
{
  g_return_if_fail (GLMCC_IS_SESSION (self));

  if (self->truth != NULL)
    set_truth (self, NULL, NULL);
}

void
_glmcc_session_find_truth (GlmccSession *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GlmccTruth *truth = NULL;

  if (self->recording_path != NULL)
    {
      folder = g_file_test (self->recording_path, G_FILE_TEST_IS_DIR)
               ? g_strdup (self->recording_path) : g_path_get_dirname (self->recording_path);
      path = g_build_filename (folder, "truth.tsv", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          truth = glmcc_truth_load (path, glmcc_session_get_n_neurons (self),
                                    (const char * const *) self->names, &error);
          if (truth == NULL)
            {
              /* Translators: a truth.tsv beside the recording could not be read. */
              g_autofree char *text = g_strdup_printf (_("Ground truth not loaded: %s"),
                                                       error->message);

              _glmcc_session_message (self, text);
            }
        }
    }
  if (truth != NULL || self->truth != NULL)
    set_truth (self, truth, truth != NULL ? path : NULL);
}

gboolean
glmcc_session_compute_score (GlmccSession  *self,
                             GlmccScore    *score,
                             GError       **error)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);

  if (self->truth == NULL || self->results == NULL)
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           self->truth == NULL ? _("No ground truth is open")
                                               : _("No results to score yet"));
      return FALSE;
    }
  return glmcc_score_compute (self->results, self->truth, score, error);
}
