/* glmcc-session.c: the state of one analysis and the work on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session is the model the window binds to, as Sysprof's session is: it holds the
 * recording, the parameters, the pair on display with its live fit, the results of a run or a
 * file with their list models and figure data, the curation and the undo history, and it owns
 * the background work (loading, the refit worker, the all-pairs run, saving). It knows nothing
 * of widgets: it notifies properties and emits a few signals, and the window shows them.
 * Opening and saving live in glmcc-session-io.c.
 */
#define G_LOG_DOMAIN "glmcc-session"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "glmcc-analysis-private.h"
#include "glmcc-enums.h"
#include "glmcc-error.h"
#include "glmcc-fdr.h"
#include "glmcc-format.h"
#include "glmcc-neuron-item.h"
#include "glmcc-pair-item.h"
#include "glmcc-session-private.h"

G_DEFINE_FINAL_TYPE (GlmccSession, glmcc_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORDING,
  PROP_RECORDING_STATE,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_MODIFIED,
  PROP_BUSY,
  PROP_PARAMS_VALID,
  PROP_FITTED,
  PROP_RESULTS,
  PROP_RUNNING,
  PROP_PROGRESS,
  PROP_PROGRESS_TEXT,
  PROP_STALE,
  PROP_HISTORY,
  PROP_NEURONS,
  PROP_PAIRS,
  N_PROPS
};

enum {
  MESSAGE,
  CURATION_CHANGED,
  GRAPH_CHANGED,
  PARAMS_RESTORED,
  PAIR_CHANGED,
  TRUTH_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void request_fit (GlmccSession *self);

/* Small helpers ------------------------------------------------------------------------------ */

static void
notify (GlmccSession *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

guint
glmcc_session_get_n_neurons (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), 0);
  return self->n_names;
}

const char *
glmcc_session_get_neuron_name (GlmccSession *self,
                               guint         neuron)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  g_return_val_if_fail (neuron < glmcc_session_get_n_neurons (self), NULL);
  return self->names[neuron];
}

int
glmcc_session_find_neuron (GlmccSession *self,
                           const char   *name_or_index)
{
  guint n = glmcc_session_get_n_neurons (self);
  guint64 index;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), -1);

  if (name_or_index == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (self->names[i], name_or_index))
      return (int) i;
  if (g_ascii_string_to_unsigned (name_or_index, 10, 0, n > 0 ? n - 1 : 0, &index, NULL) && n > 0)
    return (int) index;
  return -1;
}

static guint
pair_key (GlmccSession *self,
          guint         a,
          guint         b)
{
  guint n = glmcc_session_get_n_neurons (self);

  return MIN (a, b) * n + MAX (a, b) + 1;
}

void
_glmcc_session_message (GlmccSession *self,
                        const char   *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

void
_glmcc_session_set_modified (GlmccSession *self,
                             gboolean      modified)
{
  if (self->modified == !!modified)
    return;
  self->modified = !!modified;
  notify (self, PROP_MODIFIED);
}

void
_glmcc_session_set_busy (GlmccSession *self,
                         gboolean      busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  if (was_busy != (self->busy > 0))
    notify (self, PROP_BUSY);
}

void
_glmcc_session_set_file (GlmccSession *self,
                         GFile        *file)
{
  if (!g_set_object (&self->file, file))
    return;
  notify (self, PROP_FILE);
  notify (self, PROP_DISPLAY_NAME);
}

/* Something worth keeping changed: mark it unsaved and keep a recovery copy. */
static void
changed (GlmccSession *self)
{
  _glmcc_session_set_modified (self, TRUE);
  _glmcc_session_schedule_recovery (self, 1000);
}

static void
set_progress (GlmccSession *self,
              double        progress,
              const char   *text)
{
  if (self->progress != progress)
    {
      self->progress = progress;
      notify (self, PROP_PROGRESS);
    }
  if (g_strcmp0 (self->progress_text, text) != 0)
    {
      g_free (self->progress_text);
      self->progress_text = g_strdup (text);
      notify (self, PROP_PROGRESS_TEXT);
    }
}

/* Figure data ------------------------------------------------------------------------------- */

GlmccLabel
glmcc_session_get_neuron_label (GlmccSession *self,
                                guint         neuron,
                                guint        *n_excitatory,
                                guint        *n_inhibitory,
                                gboolean     *dale_violation)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), GLMCC_LABEL_UNKNOWN);

  /* The results may be filled by the engine meanwhile: they publish each pair whole. */
  if (self->results == NULL || neuron >= glmcc_results_get_n_neurons (self->results))
    {
      if (n_excitatory != NULL)
        *n_excitatory = 0;
      if (n_inhibitory != NULL)
        *n_inhibitory = 0;
      if (dale_violation != NULL)
        *dale_violation = FALSE;
      return GLMCC_LABEL_UNKNOWN;
    }
  return glmcc_results_get_cell_type (self->results, neuron, n_excitatory, n_inhibitory,
                                      dale_violation);
}

static GlmccPlotNodeType
node_type_of (GlmccLabel label)
{
  switch (label)
    {
    case GLMCC_LABEL_EXCITATORY:
      return GLMCC_PLOT_NODE_EXCITATORY;
    case GLMCC_LABEL_INHIBITORY:
      return GLMCC_PLOT_NODE_INHIBITORY;
    case GLMCC_LABEL_UNKNOWN:
    default:
      return GLMCC_PLOT_NODE_UNKNOWN;
    }
}

static void
clear_graph (GlmccSession *self)
{
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->done, g_free);
  self->n_done = 0;
  self->n_graph = 0;
  g_clear_pointer (&self->types, g_free);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->groups, g_free);
  g_clear_pointer (&self->recording_positions, g_free);
  g_clear_pointer (&self->truth_marks, g_free);
  g_clear_pointer (&self->graph_data, glmcc_graph_data_unref);
  self->graph_dirty = TRUE;
  self->has_graph = FALSE;
}

static void
add_marked_edge (guint        pre,
                 guint        post,
                 GlmccMark    mark,
                 const char  *note,
                 gpointer     user_data)
{
  GArray *marks = user_data;
  GlmccPlotMarkedEdge marked = { pre, post, (GlmccPlotMark) mark };

  /* An edge with a note alone has no mark to show. */
  if (mark != GLMCC_MARK_NONE)
    g_array_append_val (marks, marked);
}

/* The figures' list of marks, from the curation: as long as what was curated. */
static void
update_marks (GlmccSession *self)
{
  if (self->marks == NULL)
    return;
  g_array_set_size (self->marks, 0);
  if (self->curation != NULL)
    glmcc_curation_foreach (self->curation, add_marked_edge, self->marks);
  self->graph_dirty = TRUE;
}

/* The recording's shanks and positions, for layouts and orderings by position. */
static void
read_recording_positions (GlmccSession *self,
                          guint         n)
{
  gboolean any_group = FALSE, any_position = FALSE;

  if (self->source == NULL || glmcc_recording_get_n_neurons (self->source) != n)
    return;
  self->groups = g_new (int, MAX (n, 1u));
  self->recording_positions = g_new (double, 2 * (gsize) MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    {
      self->groups[i] = glmcc_recording_get_group (self->source, i);
      any_group |= self->groups[i] >= 0;
      if (glmcc_recording_get_position (self->source, i, &self->recording_positions[2 * i],
                                        &self->recording_positions[2 * i + 1]))
        any_position = TRUE;
      else
        self->recording_positions[2 * i] = self->recording_positions[2 * i + 1] = NAN;
    }
  if (!any_group)
    g_clear_pointer (&self->groups, g_free);
  if (!any_position)
    g_clear_pointer (&self->recording_positions, g_free);
}

/* Fresh arrays for the current neurons: nothing analysed, the curation's marks. */
static void
reset_graph (GlmccSession *self)
{
  guint n = glmcc_session_get_n_neurons (self);

  clear_graph (self);
  if (n == 0)
    return;
  self->edges = g_array_new (FALSE, FALSE, sizeof (GlmccPlotEdge));
  self->done = g_new0 (guint32, ((gsize) n * n + 31) / 32);
  self->n_graph = n;
  self->types = g_new0 (GlmccPlotNodeType, n);
  self->marks = g_array_new (FALSE, FALSE, sizeof (GlmccPlotMarkedEdge));
  read_recording_positions (self, n);
  update_marks (self);
  _glmcc_session_update_truth_marks (self);
}

static void
set_done (GlmccSession *self,
          guint         pre,
          guint         post)
{
  gsize k = (gsize) pre * self->n_graph + post;

  self->done[k / 32] |= 1u << (k % 32);
}

static gboolean
is_done (GlmccSession *self,
         guint         pre,
         guint         post)
{
  gsize k = (gsize) pre * self->n_graph + post;

  return (self->done[k / 32] & (1u << (k % 32))) != 0;
}

/* A finished directed pair into the figures' data: analysed, and a connection if significant. */
static void
add_edge (GlmccSession    *self,
          guint            pre,
          guint            post,
          const GlmccEdge *edge)
{
  GlmccPlotEdge shown;

  if (self->done == NULL || edge->status == GLMCC_STATUS_PENDING)
    return;
  set_done (self, pre, post);
  if (edge->status != GLMCC_STATUS_SIGNIFICANT || !isfinite (edge->psp_mv) || edge->psp_mv == 0.0)
    return;
  shown = (GlmccPlotEdge) { pre, post, edge->psp_mv, edge->j, edge->p_value, edge->statistic,
                            edge->delay_ms };
  g_array_append_val (self->edges, shown);
}

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const GlmccPlotEdge *x = a, *y = b;

  if (x->pre != y->pre)
    return (x->pre > y->pre) - (x->pre < y->pre);
  return (x->post > y->post) - (x->post < y->post);
}

/* A snapshot of the figures' data as it is now. */
static GlmccGraphData *
make_graph_data (GlmccSession *self)
{
  guint n = glmcc_session_get_n_neurons (self);
  GlmccGraphData *data = glmcc_graph_data_new (n);
  guint64 n_pairs = (guint64) n * (n - 1) / 2;

  for (guint i = 0; i < n; i++)
    {
      data->names[i] = g_strdup (self->names[i]);
      if (self->recording != NULL)
        data->rates[i] = glmcc_recording_get_rate (self->recording, i);
      else if (self->results != NULL)
        data->rates[i] = glmcc_results_get_rate (self->results, i);
    }
  if (self->types != NULL)
    memcpy (data->types, self->types, sizeof (GlmccPlotNodeType) * n);
  if (self->groups != NULL)
    data->groups = g_memdup2 (self->groups, sizeof (int) * n);
  if (self->recording_positions != NULL)
    data->recording_positions = g_memdup2 (self->recording_positions, 2 * sizeof (double) * n);
  if (self->edges != NULL && self->edges->len > 0)
    {
      /* Sorted by pre and post, so that the views find a pair's connection by bisection. */
      data->n_edges = self->edges->len;
      data->edges = g_memdup2 (self->edges->data, sizeof (GlmccPlotEdge) * self->edges->len);
      qsort (data->edges, data->n_edges, sizeof (GlmccPlotEdge), compare_edges);
    }
  if (self->marks != NULL && self->marks->len > 0)
    {
      data->n_marks = self->marks->len;
      data->marks = g_memdup2 (self->marks->data, sizeof (GlmccPlotMarkedEdge) * self->marks->len);
    }
  if (self->truth_marks != NULL && self->n_graph == n)
    data->truth = g_memdup2 (self->truth_marks, (gsize) n * n);
  /* Only an incomplete run says which pairs are missing; a complete one needs no n × n array. */
  if (self->done != NULL && self->n_done < n_pairs)
    {
      data->pending = g_new0 (guint8, (gsize) n * n);
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          data->pending[(gsize) i * n + j] = i != j && !is_done (self, i, j);
    }
  data->serial = ++self->graph_serial;
  glmcc_graph_data_seal (data);
  return data;
}

/* The type of @neuron in the list and the figures. */
static void
update_neuron (GlmccSession *self,
               guint         neuron)
{
  GListModel *model = G_LIST_MODEL (self->neurons);
  guint n_excitatory, n_inhibitory;
  gboolean dale_violation;
  GlmccLabel label = glmcc_session_get_neuron_label (self, neuron, &n_excitatory, &n_inhibitory,
                                                     &dale_violation);

  if (self->types != NULL && neuron < glmcc_session_get_n_neurons (self) &&
      self->types[neuron] != node_type_of (label))
    {
      self->types[neuron] = node_type_of (label);
      self->graph_dirty = TRUE;
    }
  /* The list holds the neurons in index order (fill_neurons). */
  if (neuron < g_list_model_get_n_items (model))
    {
      g_autoptr(GlmccNeuronItem) item = g_list_model_get_item (model, neuron);

      glmcc_neuron_item_set_cell_type (item, label, n_excitatory, n_inhibitory, dale_violation);
    }
}

static void
update_neuron_labels (GlmccSession *self)
{
  guint n = MAX (g_list_model_get_n_items (G_LIST_MODEL (self->neurons)),
                 glmcc_session_get_n_neurons (self));

  for (guint i = 0; i < n; i++)
    update_neuron (self, i);
}

/* Lists ------------------------------------------------------------------------------------- */

static void
clear_pairs (GlmccSession *self)
{
  g_hash_table_remove_all (self->pair_items);
  g_list_store_remove_all (self->pairs);
}

static void
item_apply_curation (GlmccSession  *self,
                     GlmccPairItem *item)
{
  guint ref = glmcc_pair_item_get_ref (item);
  guint target = glmcc_pair_item_get_target (item);

  glmcc_pair_item_set_curation (item,
                                glmcc_curation_get_mark (self->curation, ref, target),
                                glmcc_curation_get_mark (self->curation, target, ref),
                                glmcc_curation_get_note (self->curation, ref, target) != NULL ||
                                glmcc_curation_get_note (self->curation, target, ref) != NULL);
}

/* Adds finished pairs to the list and the figures (@pairs: GlmccFinishedPair). */
static void
add_pairs (GlmccSession *self,
           GPtrArray    *pairs)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (pairs->len, g_object_unref);
  guint n = glmcc_session_get_n_neurons (self);

  for (guint k = 0; k < pairs->len; k++)
    {
      const GlmccFinishedPair *pair = pairs->pdata[k];
      GlmccPairItem *item = glmcc_pair_item_new (pair->ref, pair->target,
                                                 self->names[pair->ref], self->names[pair->target],
                                                 &pair->forward, &pair->backward);

      item_apply_curation (self, item);
      _glmcc_session_item_apply_truth (self, item);
      g_ptr_array_add (items, item);
      g_hash_table_insert (self->pair_items,
                           GUINT_TO_POINTER (pair_key (self, pair->ref, pair->target)), item);
      if (self->done != NULL && pair->ref < n && pair->target < n && !is_done (self, pair->ref, pair->target))
        {
          add_edge (self, pair->ref, pair->target, &pair->forward);
          add_edge (self, pair->target, pair->ref, &pair->backward);
          self->n_done++;
          self->graph_dirty = TRUE;
        }
      _glmcc_session_mark_truth_pair (self, pair->ref, pair->target, &pair->forward,
                                      &pair->backward);
      self->graph_dirty |= self->truth_marks != NULL;
    }
  /* One splice: the sorted, filtered table updates once. */
  g_list_store_splice (self->pairs, g_list_model_get_n_items (G_LIST_MODEL (self->pairs)), 0,
                       items->pdata, items->len);
}

static void
fill_pairs_from_results (GlmccSession *self)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  guint n = glmcc_results_get_n_neurons (self->results);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (glmcc_results_pair_done (self->results, i, j))
        {
          GlmccFinishedPair *pair = g_new0 (GlmccFinishedPair, 1);

          pair->ref = i;
          pair->target = j;
          pair->forward = glmcc_results_get_edge (self->results, i, j);
          pair->backward = glmcc_results_get_edge (self->results, j, i);
          g_ptr_array_add (pairs, pair);
        }
  add_pairs (self, pairs);
}

static void
fill_neurons (GlmccSession *self)
{
  guint n = glmcc_session_get_n_neurons (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      gsize n_spikes = 0;
      double rate = NAN;

      if (self->recording != NULL)
        {
          glmcc_recording_get_train (self->recording, i, &n_spikes);
          rate = glmcc_recording_get_rate (self->recording, i);
        }
      else if (self->results != NULL && i < glmcc_results_get_n_neurons (self->results))
        {
          /* Results without their recording still know the spikes and rates analysed. */
          n_spikes = glmcc_results_get_spike_count (self->results, i);
          rate = glmcc_results_get_rate (self->results, i);
        }
      g_ptr_array_add (items, glmcc_neuron_item_new (i, self->names[i], n_spikes, rate));
    }
  g_list_store_splice (self->neurons, 0, g_list_model_get_n_items (G_LIST_MODEL (self->neurons)),
                       items->pdata, items->len);
}

/* Results ------------------------------------------------------------------------------------ */

static void
drop_analysis (GlmccSession *self)
{
  if (self->analysis == NULL)
    return;
  glmcc_analysis_cancel (self->analysis);
  g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->analysis);
  notify (self, PROP_RUNNING);
}

/* No results any more (a new recording or epoch, or a run about to start). */
static void
clear_results (GlmccSession *self)
{
  drop_analysis (self);
  clear_pairs (self);
  g_clear_pointer (&self->results_file, g_free);
  g_clear_pointer (&self->results_checksum, g_free);
  if (self->results != NULL)
    {
      g_clear_pointer (&self->results, glmcc_results_unref);
      notify (self, PROP_RESULTS);
      notify (self, PROP_STALE);
    }
  reset_graph (self);
  update_neuron_labels (self);
  set_progress (self, 0.0, NULL);
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
}

/* The figures from complete results, as `glmcc plot --matrix|--network` draws them. */
static void
graph_from_results (GlmccSession *self)
{
  guint n = glmcc_session_get_n_neurons (self);

  reset_graph (self);
  if (self->results == NULL || n == 0)
    return;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (glmcc_results_pair_done (self->results, i, j))
        {
          GlmccEdge forward = glmcc_results_get_edge (self->results, i, j);
          GlmccEdge backward = glmcc_results_get_edge (self->results, j, i);

          add_edge (self, i, j, &forward);
          add_edge (self, j, i, &backward);
          self->n_done++;
        }
  _glmcc_session_update_truth_marks (self);
  update_neuron_labels (self);
  self->has_graph = TRUE;
}

GlmccResults *
glmcc_session_get_results (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->results;
}

gboolean
glmcc_session_get_stale (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);

  return self->results != NULL && self->params_valid &&
         !glmcc_params_equal (glmcc_results_get_params (self->results), &self->params);
}

GListModel *
glmcc_session_get_neurons (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->neurons);
}

GListModel *
glmcc_session_get_pairs (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->pairs);
}

GlmccGraphData *
glmcc_session_get_graph_data (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);

  if (!self->has_graph || glmcc_session_get_n_neurons (self) == 0)
    return NULL;
  if (self->graph_data == NULL || self->graph_dirty)
    {
      g_clear_pointer (&self->graph_data, glmcc_graph_data_unref);
      self->graph_data = make_graph_data (self);
      self->graph_dirty = FALSE;
    }
  return self->graph_data;
}

const GlmccNetworkPlot *
glmcc_session_get_graph (GlmccSession *self)
{
  GlmccGraphData *data;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);

  data = glmcc_session_get_graph_data (self);
  return data != NULL ? &data->plot : NULL;
}

/* The recording ----------------------------------------------------------------------------- */

GlmccRecording *
glmcc_session_get_recording (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->recording;
}

gboolean
glmcc_session_get_recording_is_folder (GlmccSession *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);

  if (self->recording_info.path != NULL)
    return self->recording_info.is_folder;
  if (self->recording_path == NULL)
    return FALSE;
  if (g_file_test (self->recording_path, G_FILE_TEST_EXISTS))
    return g_file_test (self->recording_path, G_FILE_TEST_IS_DIR);
  /* Gone: a name without an extension was most likely a folder. */
  base = g_path_get_basename (self->recording_path);
  return strchr (base, '.') == NULL;
}

const char *
glmcc_session_get_recording_problem (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->recording_problem;
}

GlmccRecordingState
glmcc_session_get_recording_state (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), GLMCC_RECORDING_STATE_NONE);
  return self->recording_state;
}

const char *
glmcc_session_get_recording_path (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->recording_path;
}

double
glmcc_session_get_extent (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), 0.0);
  return self->extent_s;
}

static double
compute_extent (GlmccRecording *recording)
{
  g_autoptr(GlmccRecording) all = NULL;
  double extent = 0.0;

  /* How far the recording goes, so the epoch controls can reach all of it. */
  all = glmcc_recording_with_epoch (recording, -G_MAXDOUBLE / 4, G_MAXDOUBLE / 4, NULL);
  for (guint i = 0; all != NULL && i < glmcc_recording_get_n_neurons (all); i++)
    {
      gsize n = 0;
      const double *train = glmcc_recording_get_train (all, i, &n);

      if (n > 0)
        extent = MAX (extent, train[n - 1]);
    }
  return MAX (extent, glmcc_recording_get_epoch_end (recording)) / 1000.0;
}

static void
set_load_options (GlmccSession           *self,
                  const GlmccLoadOptions *options)
{
  char *format = g_strdup (options->format);
  char *units = g_strdup (options->units);
  char *variable = g_strdup (options->variable);

  g_free (self->load_format);
  g_free (self->load_units);
  g_free (self->load_variable);
  self->load_format = format;
  self->load_units = units;
  self->load_variable = variable;
  self->load_options = *options;
  self->load_options.format = format;
  self->load_options.units = units;
  self->load_options.variable = variable;
}

static void
set_names (GlmccSession *self,
           char        **names)
{
  g_strfreev (self->names);
  self->names = names;
  self->n_names = names != NULL ? g_strv_length (names) : 0;
}

/* The recording on which fits are made; NULL for results without their recording. */
static void
set_recording (GlmccSession        *self,
               GlmccRecording      *source,
               GlmccRecording      *recording,
               GlmccRecordingState  state)
{
  g_clear_pointer (&self->source, glmcc_recording_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  if (source != NULL)
    self->source = glmcc_recording_ref (source);
  if (recording != NULL)
    self->recording = glmcc_recording_ref (recording);
  self->extent_s = source != NULL ? compute_extent (source) : 0.0;
  glmcc_pair_fitter_set_recording (self->fitter, self->recording);
  g_clear_pointer (&self->fitted, glmcc_fitted_unref);
  if (self->recording_state != state)
    {
      self->recording_state = state;
      notify (self, PROP_RECORDING_STATE);
    }
  notify (self, PROP_RECORDING);
  notify (self, PROP_FITTED);
  notify (self, PROP_DISPLAY_NAME);
}

static void
reset_pair (GlmccSession *self,
            guint         ref,
            guint         target)
{
  guint n = glmcc_session_get_n_neurons (self);

  self->has_pair = FALSE;
  if (ref >= n || target >= n || ref == target)
    {
      ref = 0;
      target = 1;
    }
  if (n >= 2)
    glmcc_session_set_pair (self, ref, target);
}

void
_glmcc_session_apply_recording (GlmccSession           *self,
                                const char             *path,
                                const GlmccLoadOptions *options,
                                GlmccRecording         *recording)
{
  guint n = glmcc_recording_get_n_neurons (recording);
  char **names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (glmcc_recording_get_name (recording, i));
  clear_results (self);
  set_names (self, names);
  g_free (self->recording_path);
  self->recording_path = g_strdup (path);
  glmcc_recording_file_info_clear (&self->recording_info);
  g_clear_pointer (&self->recording_problem, g_free);
  set_load_options (self, options);
  set_recording (self, recording, recording, GLMCC_RECORDING_STATE_LOADED);
  g_clear_pointer (&self->curation, glmcc_curation_unref);
  self->curation = glmcc_curation_new (n);
  glmcc_history_clear (self->history);
  g_clear_pointer (&self->view_state, json_node_unref);
  _glmcc_session_set_file (self, NULL);
  glmcc_session_discard_recovery (self);
  _glmcc_session_set_modified (self, FALSE);
  _glmcc_session_find_truth (self);
  reset_graph (self);
  fill_neurons (self);
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
  reset_pair (self, 0, 1);
}

/* The view of @source over the results' epoch (the one their spikes came from). */
static GlmccRecording *
results_view (GlmccResults   *results,
              GlmccRecording *source,
              GError        **error)
{
  double start, end;

  glmcc_results_get_epoch (results, &start, &end);
  if (!isfinite (start) || !isfinite (end))
    return glmcc_recording_ref (source);
  return glmcc_recording_with_epoch (source, start, end, error);
}

static void
restore_params (GlmccSession      *self,
                const GlmccParams *params)
{
  self->params = *params;
  self->params_valid = TRUE;
  g_clear_error (&self->param_error);
  notify (self, PROP_PARAMS_VALID);
  notify (self, PROP_STALE);
  g_signal_emit (self, signals[PARAMS_RESTORED], 0);
  request_fit (self);
}

void
_glmcc_session_apply_analysis (GlmccSession        *self,
                               GlmccAnalysisFile   *file,
                               const char          *recording_path,
                               GlmccRecording      *recording,
                               GlmccRecordingState  state)
{
  GlmccResults *results = glmcc_analysis_file_get_results (file);
  JsonNode *saved = glmcc_analysis_file_get_state (file);
  JsonObject *object = saved != NULL && JSON_NODE_HOLDS_OBJECT (saved)
                       ? json_node_get_object (saved) : NULL;
  guint n = glmcc_results_get_n_neurons (results);
  char **names = g_new0 (char *, n + 1);
  g_autoptr(GlmccRecording) view = NULL;
  GlmccParams params = *glmcc_results_get_params (results);
  guint ref = 0, target = 1;

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (glmcc_results_get_name (results, i));
  if (recording != NULL)
    view = results_view (results, recording, NULL);
  if (view == NULL)
    state = state == GLMCC_RECORDING_STATE_LOADED ? GLMCC_RECORDING_STATE_CHANGED : state;

  clear_results (self);
  set_names (self, names);
  g_free (self->recording_path);
  self->recording_path = g_strdup (recording_path != NULL
                                   ? recording_path
                                   : glmcc_analysis_file_get_recording_file (file)->path);
  glmcc_recording_file_info_clear (&self->recording_info);
  glmcc_recording_file_info_copy (&self->recording_info, glmcc_analysis_file_get_recording_file (file));
  set_load_options (self, glmcc_analysis_file_get_load_options (file));
  set_recording (self, view != NULL ? recording : NULL, view, state);

  g_clear_pointer (&self->curation, glmcc_curation_unref);
  self->curation = glmcc_analysis_file_get_curation (file) != NULL
                   ? glmcc_curation_copy (glmcc_analysis_file_get_curation (file))
                   : glmcc_curation_new (n);
  self->results = glmcc_results_ref (results);
  notify (self, PROP_RESULTS);
  _glmcc_session_keep_results_file (self, file);

  glmcc_history_clear (self->history);
  g_clear_pointer (&self->view_state, json_node_unref);
  if (object != NULL)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *history = json_object_get_member (object, "history");
      JsonNode *live = json_object_get_member (object, "parameters");
      JsonObject *pair = json_object_has_member (object, "pair")
                         ? json_object_get_object_member (object, "pair") : NULL;
      GlmccParams restored;

      if (history != NULL &&
          !glmcc_history_load_json (self->history, history, (const char * const *) self->names,
                                    &error))
        g_message ("The undo history of the analysis is not usable: %s", error->message);
      if (live != NULL && glmcc_history_params_from_json (live, &restored))
        params = restored;
      if (json_object_has_member (object, "view"))
        self->view_state = json_node_copy (json_object_get_member (object, "view"));
      if (pair != NULL)
        {
          int r = glmcc_session_find_neuron (self, json_object_get_string_member_with_default (pair, "ref", NULL));
          int t = glmcc_session_find_neuron (self, json_object_get_string_member_with_default (pair, "target", NULL));

          if (r >= 0 && t >= 0 && r != t)
            {
              ref = (guint) r;
              target = (guint) t;
            }
        }
    }

  _glmcc_session_find_truth (self);
  reset_graph (self);
  fill_neurons (self);
  fill_pairs_from_results (self);
  graph_from_results (self);
  update_neuron_labels (self);
  restore_params (self, &params);
  notify (self, PROP_STALE);
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
  _glmcc_session_set_modified (self, FALSE);
  reset_pair (self, ref, target);
}

void
_glmcc_session_attach_recording (GlmccSession   *self,
                                 const char     *recording_path,
                                 GlmccRecording *recording)
{
  g_autoptr(GlmccRecording) view = NULL;
  guint ref = self->ref, target = self->target;

  g_return_if_fail (self->results != NULL);

  view = results_view (self->results, recording, NULL);
  g_return_if_fail (view != NULL);
  g_free (self->recording_path);
  self->recording_path = g_strdup (recording_path);
  g_clear_pointer (&self->recording_problem, g_free);
  set_recording (self, recording, view, GLMCC_RECORDING_STATE_LOADED);
  fill_neurons (self);
  update_neuron_labels (self);
  graph_from_results (self);
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
  /* The new location is worth saving. */
  changed (self);
  reset_pair (self, ref, target);
}

gboolean
glmcc_session_set_epoch (GlmccSession  *self,
                         double         start_s,
                         double         duration_s,
                         GError       **error)
{
  GlmccRecording *view;
  guint ref = self->ref, target = self->target;

  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);

  if (self->source == NULL)
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                           _("The recording is not loaded."));
      return FALSE;
    }
  view = glmcc_recording_with_epoch (self->source, start_s * 1000.0,
                                     (start_s + duration_s) * 1000.0, error);
  if (view == NULL)
    return FALSE;

  /* Another epoch: the old run does not describe it any more. */
  clear_results (self);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  self->recording = view;
  glmcc_pair_fitter_set_recording (self->fitter, self->recording);
  g_clear_pointer (&self->fitted, glmcc_fitted_unref);
  notify (self, PROP_RECORDING);
  notify (self, PROP_FITTED);
  fill_neurons (self);
  reset_pair (self, ref, target);
  return TRUE;
}

/* The file ---------------------------------------------------------------------------------- */

GFile *
glmcc_session_get_file (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->file;
}

char *
glmcc_session_dup_display_name (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);

  if (self->file != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->file);

      return g_filename_display_name (base);
    }
  if (self->recording_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->recording_path);

      return g_filename_display_name (base);
    }
  return NULL;
}

gboolean
glmcc_session_get_modified (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);
  return self->modified;
}

gboolean
glmcc_session_has_unsaved_work (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);

  if (!self->modified)
    return FALSE;
  return (self->results != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->pairs)) > 0) ||
         (self->curation != NULL && glmcc_curation_get_n_curated (self->curation) > 0);
}

gboolean
glmcc_session_get_busy (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);
  return self->busy > 0;
}

/* Parameters --------------------------------------------------------------------------------- */

const GlmccParams *
glmcc_session_get_params (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return &self->params;
}

gboolean
glmcc_session_get_params_valid (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);
  return self->params_valid;
}

const GError *
glmcc_session_get_param_error (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->param_error;
}

void
glmcc_session_set_params (GlmccSession      *self,
                          const GlmccParams *params,
                          const GError      *error)
{
  gboolean was_valid;

  g_return_if_fail (GLMCC_IS_SESSION (self));

  was_valid = self->params_valid;
  if (error != NULL || params == NULL)
    {
      g_clear_error (&self->param_error);
      self->param_error = error != NULL ? g_error_copy (error)
                                        : g_error_new_literal (GLMCC_PARAMS_ERROR, GLMCC_PARAM_OTHER,
                                                               _("Invalid parameters"));
      self->params_valid = FALSE;
      /* No figure of the new pair under parameters that cannot be fitted. */
      g_clear_pointer (&self->fitted, glmcc_fitted_unref);
      glmcc_pair_fitter_clear (self->fitter);
      notify (self, PROP_FITTED);
      notify (self, PROP_PARAMS_VALID);
      notify (self, PROP_STALE);
      return;
    }

  g_clear_error (&self->param_error);
  self->params_valid = TRUE;
  if (!glmcc_params_equal (&self->params, params) || !was_valid)
    {
      if (!self->replaying && !glmcc_params_equal (&self->params, params))
        {
          glmcc_history_push (self->history,
                              glmcc_history_entry_new_params (&self->params, params));
          changed (self);
        }
      self->params = *params;
      request_fit (self);
    }
  if (!was_valid)
    notify (self, PROP_PARAMS_VALID);
  notify (self, PROP_STALE);
}

/* The pair on display ----------------------------------------------------------------------- */

gboolean
glmcc_session_get_pair (GlmccSession *self,
                        guint        *ref,
                        guint        *target)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);

  if (ref != NULL)
    *ref = self->ref;
  if (target != NULL)
    *target = self->target;
  return self->has_pair;
}

static gboolean
fitted_matches (GlmccSession      *self,
                const GlmccFitted *fitted)
{
  return fitted != NULL && self->has_pair && self->params_valid &&
         fitted->ref == self->ref && fitted->target == self->target;
}

static void
request_fit (GlmccSession *self)
{
  if (self->recording == NULL || !self->has_pair || !self->params_valid)
    return;
  glmcc_pair_fitter_request (self->fitter, self->ref, self->target, &self->params);
}

void
glmcc_session_set_pair (GlmccSession *self,
                        guint         ref,
                        guint         target)
{
  guint n;

  g_return_if_fail (GLMCC_IS_SESSION (self));

  n = glmcc_session_get_n_neurons (self);
  if (n < 2 || ref >= n || target >= n || ref == target)
    return;
  if (self->has_pair && self->ref == ref && self->target == target)
    return;

  self->ref = ref;
  self->target = target;
  self->has_pair = TRUE;
  /* The figure on display must never belong to another pair than the one selected. */
  if (self->fitted != NULL && !fitted_matches (self, self->fitted))
    {
      g_clear_pointer (&self->fitted, glmcc_fitted_unref);
      notify (self, PROP_FITTED);
    }
  g_signal_emit (self, signals[PAIR_CHANGED], 0);
  request_fit (self);
}

GlmccFitted *
glmcc_session_get_fitted (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->fitted;
}

GlmccPairFitter *
glmcc_session_get_fitter (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->fitter;
}

static void
fitted_cb (GlmccSession    *self,
           GlmccPairFitter *fitter)
{
  GlmccFitted *fitted = glmcc_pair_fitter_get_result (fitter);

  if (!fitted_matches (self, fitted) || fitted == self->fitted)
    return;
  g_clear_pointer (&self->fitted, glmcc_fitted_unref);
  self->fitted = glmcc_fitted_ref (fitted);
  notify (self, PROP_FITTED);
}

/* All pairs ---------------------------------------------------------------------------------- */

gboolean
glmcc_session_get_running (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), FALSE);
  return self->analysis != NULL && glmcc_analysis_is_running (self->analysis);
}

double
glmcc_session_get_progress (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), 0.0);
  return self->progress;
}

const char *
glmcc_session_get_progress_text (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->progress_text;
}

static void
pairs_ready_cb (GlmccSession  *self,
                GPtrArray     *batch,
                GlmccAnalysis *analysis)
{
  if (analysis != self->analysis)
    return;
  add_pairs (self, batch);
  /* Types follow the run: only the neurons of these pairs can have changed. */
  {
    g_autofree gboolean *touched = g_new0 (gboolean, MAX (glmcc_session_get_n_neurons (self), 1u));
    guint n = glmcc_session_get_n_neurons (self);

    for (guint k = 0; k < batch->len; k++)
      {
        const GlmccFinishedPair *pair = batch->pdata[k];

        if (pair->ref < n)
          touched[pair->ref] = TRUE;
        if (pair->target < n)
          touched[pair->target] = TRUE;
      }
    for (guint i = 0; i < n; i++)
      if (touched[i])
        update_neuron (self, i);
  }
  self->has_graph = TRUE;
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
}

static void
progress_cb (GlmccSession  *self,
             GParamSpec    *pspec,
             GlmccAnalysis *analysis)
{
  guint64 done = glmcc_analysis_get_n_done (analysis);
  guint64 total = glmcc_analysis_get_n_total (analysis);
  g_autofree char *eta = glmcc_format_duration (glmcc_analysis_get_eta (analysis));
  g_autofree char *text = NULL;

  if (analysis != self->analysis)
    return;
  /* Translators: progress of the all-pairs run: done/total, speed, time left. */
  text = g_strdup_printf (_("%llu / %llu pairs · %.0f pairs/s · %s left"),
                          (unsigned long long) done, (unsigned long long) total,
                          glmcc_analysis_get_rate (analysis), eta);
  set_progress (self, total > 0 ? (double) done / total : 0.0, text);
}

static void
finished_cb (GlmccSession  *self,
             GlmccAnalysis *analysis)
{
  guint64 done = glmcc_analysis_get_n_done (analysis);
  guint64 total = glmcc_analysis_get_n_total (analysis);
  g_autofree char *text = NULL;
  g_autofree double *q_values = NULL;

  if (analysis != self->analysis)
    return;

  notify (self, PROP_RUNNING);
  /* As `glmcc run` does: every tested edge gets its q-value once the run is complete, and
   * with the FDR switch on the decisions follow them, so the table is refilled. */
  q_values = glmcc_analysis_steal_q_values (analysis);
  if (q_values != NULL)
    {
      glmcc_results_apply_q_values (self->results, q_values, NULL);
      if (self->params.fdr > 0.0)
        {
          clear_pairs (self);
          fill_pairs_from_results (self);
        }
    }
  update_neuron_labels (self);
  graph_from_results (self);
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
  set_progress (self, 1.0, NULL);

  if (glmcc_analysis_get_error (analysis) != NULL)
    /* Translators: the run stopped on an error; what it finished is kept. */
    text = g_strdup_printf (_("The analysis stopped after %llu of %llu pairs: %s"),
                            (unsigned long long) done, (unsigned long long) total,
                            glmcc_analysis_get_error (analysis)->message);
  else if (glmcc_analysis_was_cancelled (analysis))
    text = g_strdup_printf (ngettext ("Cancelled: %llu of %llu pair kept",
                                      "Cancelled: %llu of %llu pairs kept", done),
                            (unsigned long long) done, (unsigned long long) total);
  else
    {
      guint64 significant = glmcc_results_count_significant (self->results);

      text = g_strdup_printf (ngettext ("All %llu pairs analysed: %llu significant connection",
                                        "All %llu pairs analysed: %llu significant connections",
                                        significant),
                              (unsigned long long) total, (unsigned long long) significant);
    }
  _glmcc_session_message (self, text);
  if (done > 0)
    {
      _glmcc_session_set_modified (self, TRUE);
      /* A finished run is kept on disk until it is saved. */
      _glmcc_session_schedule_recovery (self, 0);
    }
  notify (self, PROP_STALE);
}

void
glmcc_session_start_analysis (GlmccSession *self)
{
  g_return_if_fail (GLMCC_IS_SESSION (self));

  if (self->recording == NULL || glmcc_session_get_running (self))
    return;
  if (!self->params_valid)
    {
      _glmcc_session_message (self, _("Fix the parameters first"));
      return;
    }

  clear_results (self);
  self->analysis = glmcc_analysis_new (self->recording, &self->params);
  if (self->hold_after > 0)
    _glmcc_analysis_set_hold_after (self->analysis, self->hold_after);
  self->results = glmcc_results_ref (glmcc_analysis_get_results (self->analysis));
  g_signal_connect_object (self->analysis, "pairs-ready", G_CALLBACK (pairs_ready_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analysis, "notify::n-done", G_CALLBACK (progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analysis, "finished", G_CALLBACK (finished_cb), self,
                           G_CONNECT_SWAPPED);
  set_progress (self, 0.0, _("Starting…"));
  glmcc_analysis_start (self->analysis);
  update_neuron_labels (self);
  notify (self, PROP_RESULTS);
  notify (self, PROP_RUNNING);
  notify (self, PROP_STALE);
}

void
glmcc_session_cancel_analysis (GlmccSession *self)
{
  g_return_if_fail (GLMCC_IS_SESSION (self));

  if (glmcc_session_get_running (self))
    {
      glmcc_analysis_cancel (self->analysis);
      set_progress (self, self->progress, _("Cancelling…"));
    }
}

/* Curation ---------------------------------------------------------------------------------- */

GlmccCuration *
glmcc_session_get_curation (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->curation;
}

GlmccMark
glmcc_session_get_mark (GlmccSession *self,
                        guint         pre,
                        guint         post)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), GLMCC_MARK_NONE);
  g_return_val_if_fail (self->curation != NULL, GLMCC_MARK_NONE);
  return glmcc_curation_get_mark (self->curation, pre, post);
}

const char *
glmcc_session_get_note (GlmccSession *self,
                        guint         pre,
                        guint         post)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  g_return_val_if_fail (self->curation != NULL, NULL);
  return glmcc_curation_get_note (self->curation, pre, post);
}

/* Shows a changed edge everywhere: its row, its matrix cell, its network edge. */
static void
curation_updated (GlmccSession *self,
                  guint         pre,
                  guint         post)
{
  GlmccPairItem *item = g_hash_table_lookup (self->pair_items,
                                             GUINT_TO_POINTER (pair_key (self, pre, post)));

  if (item != NULL)
    item_apply_curation (self, item);
  update_marks (self);
  g_signal_emit (self, signals[CURATION_CHANGED], 0, pre, post);
  changed (self);
}

static gboolean
valid_edge (GlmccSession *self,
            guint         pre,
            guint         post)
{
  guint n = glmcc_session_get_n_neurons (self);

  return self->curation != NULL && pre < n && post < n && pre != post;
}

void
glmcc_session_set_mark (GlmccSession *self,
                        guint         pre,
                        guint         post,
                        GlmccMark     mark)
{
  GlmccMark old;

  g_return_if_fail (GLMCC_IS_SESSION (self));
  g_return_if_fail (valid_edge (self, pre, post));

  old = glmcc_curation_get_mark (self->curation, pre, post);
  if (old == mark)
    return;
  if (!self->replaying)
    glmcc_history_push (self->history,
                        glmcc_history_entry_new_mark (pre, post, self->names[pre], self->names[post],
                                                      old, mark));
  glmcc_curation_set_mark (self->curation, pre, post, mark);
  curation_updated (self, pre, post);
}

void
glmcc_session_set_note (GlmccSession *self,
                        guint         pre,
                        guint         post,
                        const char   *note)
{
  const char *old;

  g_return_if_fail (GLMCC_IS_SESSION (self));
  g_return_if_fail (valid_edge (self, pre, post));

  if (note != NULL && *note == '\0')
    note = NULL;
  old = glmcc_curation_get_note (self->curation, pre, post);
  if (g_strcmp0 (old, note) == 0)
    return;
  if (!self->replaying)
    glmcc_history_push (self->history,
                        glmcc_history_entry_new_note (pre, post, self->names[pre], self->names[post],
                                                      old, note));
  glmcc_curation_set_note (self->curation, pre, post, note);
  curation_updated (self, pre, post);
}

GlmccHistory *
glmcc_session_get_history (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->history;
}

static void
replay (GlmccSession            *self,
        const GlmccHistoryEntry *entry,
        gboolean                 forward)
{
  self->replaying = TRUE;
  switch (entry->kind)
    {
    case GLMCC_HISTORY_MARK:
      if (valid_edge (self, entry->pre, entry->post))
        glmcc_session_set_mark (self, entry->pre, entry->post,
                                forward ? entry->new_mark : entry->old_mark);
      break;
    case GLMCC_HISTORY_NOTE:
      if (valid_edge (self, entry->pre, entry->post))
        glmcc_session_set_note (self, entry->pre, entry->post,
                                forward ? entry->new_note : entry->old_note);
      break;
    case GLMCC_HISTORY_PARAMS:
    default:
      restore_params (self, forward ? &entry->new_params : &entry->old_params);
      changed (self);
      break;
    }
  self->replaying = FALSE;
}

void
glmcc_session_undo (GlmccSession *self)
{
  const GlmccHistoryEntry *entry;

  g_return_if_fail (GLMCC_IS_SESSION (self));

  entry = glmcc_history_undo (self->history);
  if (entry != NULL)
    replay (self, entry, FALSE);
}

void
glmcc_session_redo (GlmccSession *self)
{
  const GlmccHistoryEntry *entry;

  g_return_if_fail (GLMCC_IS_SESSION (self));

  entry = glmcc_history_redo (self->history);
  if (entry != NULL)
    replay (self, entry, TRUE);
}

/* View state and snapshots ----------------------------------------------------------------- */

JsonNode *
glmcc_session_get_view_state (GlmccSession *self)
{
  g_return_val_if_fail (GLMCC_IS_SESSION (self), NULL);
  return self->view_state;
}

void
glmcc_session_set_view_state (GlmccSession *self,
                              JsonNode     *state)
{
  g_return_if_fail (GLMCC_IS_SESSION (self));

  if (state != NULL)
    json_node_ref (state);
  g_clear_pointer (&self->view_state, json_node_unref);
  self->view_state = state;
}

static JsonNode *
build_state (GlmccSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_value (builder, glmcc_history_params_to_json (&self->params));
  json_builder_set_member_name (builder, "history");
  json_builder_add_value (builder, glmcc_history_to_json (self->history));
  if (self->has_pair)
    {
      json_builder_set_member_name (builder, "pair");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ref");
      json_builder_add_string_value (builder, self->names[self->ref]);
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, self->names[self->target]);
      json_builder_end_object (builder);
    }
  if (self->view_state != NULL)
    {
      json_builder_set_member_name (builder, "view");
      json_builder_add_value (builder, json_node_copy (self->view_state));
    }
  if (self->file != NULL)
    {
      g_autofree char *path = g_file_get_path (self->file);

      /* For a recovery copy: where the work was last saved. */
      json_builder_set_member_name (builder, "saved_as");
      json_builder_add_string_value (builder, path != NULL ? path : "");
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GlmccAnalysisFile *
_glmcc_session_snapshot (GlmccSession *self)
{
  g_autoptr(GlmccResults) pending = NULL;
  GlmccResults *results = self->results;
  GlmccAnalysisFile *file;
  GlmccRecordingFileInfo info = { 0 };
  g_autoptr(JsonNode) state = NULL;

  /* Without a run the results are all pending: the file still holds curation and state. */
  if (results == NULL)
    {
      pending = glmcc_results_new (self->recording, &self->params);
      results = pending;
    }
  file = glmcc_analysis_file_new (results);
  glmcc_analysis_file_set_curation (file, self->curation);
  info = self->recording_info;
  info.path = self->recording_path;
  glmcc_analysis_file_set_recording_file (file, &info);
  glmcc_analysis_file_set_load_options (file, &self->load_options);
  state = build_state (self);
  glmcc_analysis_file_set_state (file, state);
  if (self->results_file != NULL && results == self->results)
    glmcc_analysis_file_set_results_file (file, self->results_file, self->results_checksum);
  return file;
}

/* Test hooks -------------------------------------------------------------------------------- */

void
_glmcc_session_set_analysis_hold (GlmccSession *self,
                                  guint         n_pairs)
{
  self->hold_after = n_pairs;
}

GlmccAnalysis *
_glmcc_session_get_analysis (GlmccSession *self)
{
  return self->analysis;
}

const char *
_glmcc_session_get_recovery_path (GlmccSession *self)
{
  return self->recovery_path;
}

/* GObject ------------------------------------------------------------------------------------ */

GlmccSession *
glmcc_session_new (void)
{
  return g_object_new (GLMCC_TYPE_SESSION, NULL);
}

static void
glmcc_session_dispose (GObject *object)
{
  GlmccSession *self = GLMCC_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  drop_analysis (self);
  if (self->fitter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->fitter, self);
      glmcc_pair_fitter_clear (self->fitter);
    }
  if (self->pair_items != NULL)
    g_hash_table_remove_all (self->pair_items);
  if (self->pairs != NULL)
    g_list_store_remove_all (self->pairs);

  G_OBJECT_CLASS (glmcc_session_parent_class)->dispose (object);
}

static void
glmcc_session_finalize (GObject *object)
{
  GlmccSession *self = GLMCC_SESSION (object);

  g_clear_object (&self->fitter);
  g_clear_pointer (&self->fitted, glmcc_fitted_unref);
  g_clear_pointer (&self->source, glmcc_recording_unref);
  g_clear_pointer (&self->recording, glmcc_recording_unref);
  g_clear_pointer (&self->results, glmcc_results_unref);
  g_clear_pointer (&self->results_file, g_free);
  g_clear_pointer (&self->results_checksum, g_free);
  g_clear_pointer (&self->curation, glmcc_curation_unref);
  g_clear_pointer (&self->truth, glmcc_truth_free);
  g_free (self->truth_path);
  g_clear_pointer (&self->view_state, json_node_unref);
  g_clear_pointer (&self->pair_items, g_hash_table_unref);
  g_clear_object (&self->pairs);
  g_clear_object (&self->neurons);
  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->param_error);
  clear_graph (self);
  g_strfreev (self->names);
  g_free (self->recording_path);
  glmcc_recording_file_info_clear (&self->recording_info);
  g_free (self->recording_problem);
  g_free (self->recovery_path);
  g_free (self->load_format);
  g_free (self->load_units);
  g_free (self->load_variable);
  g_free (self->progress_text);

  G_OBJECT_CLASS (glmcc_session_parent_class)->finalize (object);
}

static void
glmcc_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlmccSession *self = GLMCC_SESSION (object);

  switch (prop_id)
    {
    case PROP_RECORDING:
      g_value_set_pointer (value, self->recording);
      break;
    case PROP_RECORDING_STATE:
      g_value_set_enum (value, self->recording_state);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, glmcc_session_dup_display_name (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_PARAMS_VALID:
      g_value_set_boolean (value, self->params_valid);
      break;
    case PROP_FITTED:
      g_value_set_pointer (value, self->fitted);
      break;
    case PROP_RESULTS:
      g_value_set_pointer (value, self->results);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, glmcc_session_get_running (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, glmcc_session_get_stale (self));
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_NEURONS:
      g_value_set_object (value, self->neurons);
      break;
    case PROP_PAIRS:
      g_value_set_object (value, self->pairs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_session_class_init (GlmccSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glmcc_session_dispose;
  object_class->finalize = glmcc_session_finalize;
  object_class->get_property = glmcc_session_get_property;

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
  properties[PROP_RECORDING] = g_param_spec_pointer ("recording", NULL, NULL, RO);
  properties[PROP_RECORDING_STATE] =
    g_param_spec_enum ("recording-state", NULL, NULL, GLMCC_TYPE_RECORDING_STATE,
                       GLMCC_RECORDING_STATE_NONE, RO);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, RO);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, RO);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_PARAMS_VALID] = g_param_spec_boolean ("params-valid", NULL, NULL, FALSE, RO);
  properties[PROP_FITTED] = g_param_spec_pointer ("fitted", NULL, NULL, RO);
  properties[PROP_RESULTS] = g_param_spec_pointer ("results", NULL, NULL, RO);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, RO);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, RO);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, RO);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, RO);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, GLMCC_TYPE_HISTORY, RO);
  properties[PROP_NEURONS] = g_param_spec_object ("neurons", NULL, NULL, G_TYPE_LIST_MODEL, RO);
  properties[PROP_PAIRS] = g_param_spec_object ("pairs", NULL, NULL, G_TYPE_LIST_MODEL, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short sentence for the user (a toast). */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The mark or note of the edge pre → post changed. */
  signals[CURATION_CHANGED] =
    g_signal_new ("curation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* The matrix and network data changed (more pairs, final labels, another recording). */
  signals[GRAPH_CHANGED] =
    g_signal_new ("graph-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* The session changed the parameters itself (undo, redo, a file opened): show them. */
  signals[PARAMS_RESTORED] =
    g_signal_new ("params-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[PAIR_CHANGED] =
    g_signal_new ("pair-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* A ground truth was loaded or dropped (glmcc-session-truth.c). */
  signals[TRUTH_CHANGED] =
    g_signal_new ("truth-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

void
_glmcc_session_emit_truth_changed (GlmccSession *self)
{
  g_signal_emit (self, signals[TRUTH_CHANGED], 0);
  /* The figures mark true and false detections. */
  g_signal_emit (self, signals[GRAPH_CHANGED], 0);
}

static void
glmcc_session_init (GlmccSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->fitter = glmcc_pair_fitter_new ();
  self->history = glmcc_history_new ();
  self->neurons = g_list_store_new (GLMCC_TYPE_NEURON_ITEM);
  self->pairs = g_list_store_new (GLMCC_TYPE_PAIR_ITEM);
  self->pair_items = g_hash_table_new (NULL, NULL);
  glmcc_load_options_init (&self->load_options);
  glmcc_params_init (&self->params);
  self->params_valid = glmcc_params_validate (&self->params, NULL);
  self->graph_dirty = TRUE;
  g_signal_connect_object (self->fitter, "fitted", G_CALLBACK (fitted_cb), self,
                           G_CONNECT_SWAPPED);
}
