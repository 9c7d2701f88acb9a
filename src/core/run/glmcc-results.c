/* glmcc-results.c: the edges of a run, their labels, exports and the JSON round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-results"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "glmcc-curation.h"
#include "glmcc-error.h"
#include "glmcc-memory.h"
#include "glmcc-output.h"
#include "glmcc-results.h"
#include "glmcc-results-private.h"
#include "glmcc-i18n.h"

#define RESULTS_FORMAT_VERSION 1

/* Both directions of the unordered pair (hi, lo), hi > lo: direction 0 is lo → hi (the forward
 * edge of the fit with lo as reference), direction 1 is hi → lo. The delay and the lag count
 * belong to the pair. @statuses holds the status of direction 0 in its low byte and of
 * direction 1 in the next; it is written last, atomically, so that a reader that sees a status
 * also sees the numbers written before it. */
typedef struct
{
  double  j[2];
  double  threshold[2];
  double  statistic[2];
  double  p_value[2];
  double  psp_mv[2];
  double  delay_ms;
  guint64 n_lags;
  gint    statuses;
} PairRecord;

/* A run of consecutive pairs of the pair list, allocated on first use. */
typedef struct
{
  gint       n_done;     /* pairs of the block with both directions computed; atomic */
  guint      n_pairs;
  PairRecord pairs[];
} PairBlock;

/* Blocks of 4,096 pairs (426 kB) at most sizes; larger for huge recordings, so that the table of
 * blocks stays under a million entries. */
#define MIN_BLOCK_SHIFT 12
#define MAX_BLOCKS (1u << 20)

struct _GlmccResults
{
  gatomicrefcount  ref_count;
  GlmccParams      params;
  GlmccRecording  *recording;   /* NULL when read back from JSON */
  guint            n;
  char           **names;
  gsize           *spike_counts;
  gsize           *dropped;
  double          *rates;
  double           epoch_start;
  double           epoch_end;
  char            *source;
  char            *format;
  char           **notes;
  char            *fingerprint;  /* of the recording: computed when first asked for */
  gsize            fingerprint_ready;
  guint            shard_index;
  guint            shard_count;
  guint64          n_pairs;
  guint            block_shift;
  guint64          n_blocks;
  PairBlock      **blocks;      /* n_blocks pointers, NULL until used; set atomically */
  GlmccCuration   *curation;    /* NULL: nothing curated; a table of the curated edges only */
  gboolean         curated_only;
  double          *q_values;    /* 2 × n_pairs, direction d of pair k at 2k + d (d = 0: lower index
                                 * presynaptic), as in the HDF5 file; NULL until a q-value is
                                 * stored (they are computed once a run is complete) */
};

static const GlmccEdge pending_edge = {
  GLMCC_STATUS_PENDING, 0.0, NAN, NAN, NAN, 0.0, NAN, 0, NAN
};

guint64
glmcc_pair_count (guint n_neurons)
{
  return n_neurons < 2 ? 0 : (guint64) n_neurons * (n_neurons - 1) / 2;
}

guint64
glmcc_pair_index (guint target,
                  guint reference)
{
  g_return_val_if_fail (reference < target, 0);

  return (guint64) target * (target - 1) / 2 + reference;
}

void
glmcc_pair_from_index (guint64  k,
                       guint   *target,
                       guint   *reference)
{
  guint64 i = (guint64) floor ((1.0 + sqrt (1.0 + 8.0 * (double) k)) / 2.0);

  /* Repair the rounding of the square root for huge k. */
  while (i * (i - 1) / 2 > k)
    i--;
  while ((i + 1) * i / 2 <= k)
    i++;
  *target = (guint) i;
  *reference = (guint) (k - i * (i - 1) / 2);
}

void
glmcc_shard_range (guint    n_neurons,
                   guint    index,
                   guint    count,
                   guint64 *first,
                   guint64 *last)
{
  guint64 total = glmcc_pair_count (n_neurons);

  g_return_if_fail (count > 0 && index < count);

  /* ⌊total × index / count⌋ without the product, which can pass 2^64: total = q·count + r. */
  *first = (total / count) * index + (total % count) * index / count;
  *last = (total / count) * (index + 1) + (total % count) * (index + 1) / count;
}

guint64
glmcc_results_bytes_for_pairs (guint64 n_pairs)
{
  return n_pairs * sizeof (PairRecord);
}

static gsize
block_bytes (guint n_pairs)
{
  return sizeof (PairBlock) + (gsize) n_pairs * sizeof (PairRecord);
}

guint64
glmcc_results_get_storage_bytes (GlmccResults *results)
{
  guint64 bytes;

  g_return_val_if_fail (results != NULL, 0);

  bytes = results->n_blocks * sizeof (PairBlock *);
  for (guint64 b = 0; b < results->n_blocks; b++)
    {
      PairBlock *block = g_atomic_pointer_get (&results->blocks[b]);

      if (block != NULL)
        bytes += block_bytes (block->n_pairs);
    }
  return bytes;
}

static guint
block_n_pairs (GlmccResults *results,
               guint64       b)
{
  guint64 first = b << results->block_shift;

  return (guint) MIN (results->n_pairs - first, (guint64) 1 << results->block_shift);
}

/* The block @b, allocated (zeroed: every status PENDING) when @create. */
static PairBlock *
block_get (GlmccResults *results,
           guint64       b,
           gboolean      create)
{
  PairBlock *block = g_atomic_pointer_get (&results->blocks[b]);
  guint n_pairs;

  if (block != NULL || !create)
    return block;
  n_pairs = block_n_pairs (results, b);
  block = g_malloc0 (block_bytes (n_pairs));
  block->n_pairs = n_pairs;
  /* Two threads may create the same block: the first one wins. */
  if (!g_atomic_pointer_compare_and_exchange (&results->blocks[b], NULL, block))
    {
      g_free (block);
      block = g_atomic_pointer_get (&results->blocks[b]);
    }
  return block;
}

/* The record of the pair of @pre and @post, and which of its directions is pre → post. */
static PairRecord *
pair_record (GlmccResults *results,
             guint         pre,
             guint         post,
             gboolean      create,
             PairBlock   **block_out,
             guint        *direction)
{
  guint64 k = glmcc_pair_index (MAX (pre, post), MIN (pre, post));
  PairBlock *block = block_get (results, k >> results->block_shift, create);

  *direction = pre < post ? 0 : 1;
  if (block_out != NULL)
    *block_out = block;
  if (block == NULL)
    return NULL;
  return &block->pairs[k & (((guint64) 1 << results->block_shift) - 1)];
}

static inline GlmccStatus
status_of (gint     statuses,
           guint    direction)
{
  return (GlmccStatus) (((guint) statuses >> (8 * direction)) & 0xff);
}

static inline gboolean
statuses_done (gint statuses)
{
  return status_of (statuses, 0) != GLMCC_STATUS_PENDING
         && status_of (statuses, 1) != GLMCC_STATUS_PENDING;
}

static GlmccEdge
record_get_edge (const PairRecord *record,
                 gint              statuses,
                 guint             d)
{
  GlmccEdge edge;

  edge.status = status_of (statuses, d);
  if (edge.status == GLMCC_STATUS_PENDING)
    return pending_edge;
  edge.j = record->j[d];
  edge.threshold = record->threshold[d];
  edge.statistic = record->statistic[d];
  edge.p_value = record->p_value[d];
  edge.psp_mv = record->psp_mv[d];
  edge.delay_ms = record->delay_ms;
  edge.n_lags = record->n_lags;
  edge.q_value = NAN;
  return edge;
}

/* Every row NaN: no q-value yet. */
static double *
q_values_new (guint64 n_pairs)
{
  double *q = g_new (double, MAX (2 * n_pairs, 1));

  for (guint64 r = 0; r < 2 * n_pairs; r++)
    q[r] = NAN;
  return q;
}

static double
pair_q_value (GlmccResults *results,
              guint         pre,
              guint         post)
{
  guint64 k = glmcc_pair_index (MAX (pre, post), MIN (pre, post));

  if (results->q_values == NULL)
    return NAN;
  return results->q_values[2 * k + (pre < post ? 0 : 1)];
}

void
glmcc_results_set_q_value (GlmccResults *results,
                           guint         pre,
                           guint         post,
                           double        q)
{
  guint64 k;

  g_return_if_fail (results != NULL);
  g_return_if_fail (pre < results->n && post < results->n && pre != post);

  k = glmcc_pair_index (MAX (pre, post), MIN (pre, post));
  if (results->q_values == NULL)
    {
      if (isnan (q))
        return;
      results->q_values = q_values_new (results->n_pairs);
    }
  results->q_values[2 * k + (pre < post ? 0 : 1)] = q;
}

static void
record_set_numbers (PairRecord      *record,
                    guint            d,
                    const GlmccEdge *edge)
{
  record->j[d] = edge->j;
  record->threshold[d] = edge->threshold;
  record->statistic[d] = edge->statistic;
  record->p_value[d] = edge->p_value;
  record->psp_mv[d] = edge->psp_mv;
  record->delay_ms = edge->delay_ms;
  record->n_lags = edge->n_lags;
}

/* Publishes @statuses and keeps the block's count of finished pairs. */
static void
record_publish (PairRecord *record,
                PairBlock  *block,
                gint        statuses)
{
  gboolean was_done = statuses_done (g_atomic_int_get (&record->statuses));

  g_atomic_int_set (&record->statuses, statuses);
  if (statuses_done (statuses) != was_done)
    g_atomic_int_add (&block->n_done, was_done ? -1 : 1);
}

static GlmccResults *
results_alloc (guint n)
{
  GlmccResults *results = g_new0 (GlmccResults, 1);

  g_atomic_ref_count_init (&results->ref_count);
  results->n = n;
  results->names = g_new0 (char *, n + 1);
  results->spike_counts = g_new0 (gsize, n);
  results->dropped = g_new0 (gsize, n);
  results->rates = g_new0 (double, n);
  results->n_pairs = glmcc_pair_count (n);
  results->block_shift = MIN_BLOCK_SHIFT;
  while ((results->n_pairs >> results->block_shift) >= MAX_BLOCKS)
    results->block_shift++;
  results->n_blocks = (results->n_pairs + ((guint64) 1 << results->block_shift) - 1)
                      >> results->block_shift;
  results->blocks = g_new0 (PairBlock *, MAX (results->n_blocks, 1));
  results->shard_index = 0;
  results->shard_count = 1;
  return results;
}

/* Names, spike counts, the epoch and every spike time in it: two results may be merged only
 * if they were computed from the same data. */
static char *
compute_fingerprint (GlmccRecording *recording)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  double epoch[2] = { glmcc_recording_get_epoch_start (recording),
                      glmcc_recording_get_epoch_end (recording) };

  g_checksum_update (checksum, (const guchar *) epoch, sizeof epoch);
  for (guint i = 0; i < glmcc_recording_get_n_neurons (recording); i++)
    {
      const char *name = glmcc_recording_get_name (recording, i);
      gsize n_spikes;
      const double *train = glmcc_recording_get_train (recording, i, &n_spikes);
      guint64 count = n_spikes;

      g_checksum_update (checksum, (const guchar *) name, strlen (name) + 1);
      g_checksum_update (checksum, (const guchar *) &count, sizeof count);
      if (n_spikes > 0)
        g_checksum_update (checksum, (const guchar *) train, n_spikes * sizeof (double));
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* The fingerprint hashes every spike time (half a second of one thread for the 27 million
 * spikes of 1,000 neurons over 90 minutes): only runs that save or compare their results need
 * it, and not before the pairs are under way. */
static const char *
results_fingerprint (GlmccResults *results)
{
  if (g_once_init_enter (&results->fingerprint_ready))
    {
      if (results->fingerprint == NULL && results->recording != NULL)
        results->fingerprint = compute_fingerprint (results->recording);
      g_once_init_leave (&results->fingerprint_ready, 1);
    }
  return results->fingerprint;
}

GlmccResults *
glmcc_results_new (GlmccRecording    *recording,
                   const GlmccParams *params)
{
  GlmccResults *results;
  const char * const *notes;
  guint n;

  g_return_val_if_fail (recording != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  n = glmcc_recording_get_n_neurons (recording);
  results = results_alloc (n);
  results->params = *params;
  results->recording = glmcc_recording_ref (recording);
  for (guint i = 0; i < n; i++)
    {
      results->names[i] = g_strdup (glmcc_recording_get_name (recording, i));
      glmcc_recording_get_train (recording, i, &results->spike_counts[i]);
      results->dropped[i] = glmcc_recording_get_n_dropped (recording, i);
      results->rates[i] = glmcc_recording_get_rate (recording, i);
    }
  results->epoch_start = glmcc_recording_get_epoch_start (recording);
  results->epoch_end = glmcc_recording_get_epoch_end (recording);
  /* Paths are bytes; the outputs are text (JSON, XML): keep their display form. Names and
   * notes already are (glmcc_recording_get_name, glmcc_recording_get_notes). */
  results->source = glmcc_display_text (glmcc_recording_get_source (recording), -1);
  results->format = g_strdup (glmcc_recording_get_format (recording));
  notes = glmcc_recording_get_notes (recording);
  results->notes = g_strdupv ((char **) notes);
  return results;
}

GlmccResults *
glmcc_results_ref (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  g_atomic_ref_count_inc (&results->ref_count);
  return results;
}

void
glmcc_results_unref (GlmccResults *results)
{
  g_return_if_fail (results != NULL);

  if (!g_atomic_ref_count_dec (&results->ref_count))
    return;
  g_clear_pointer (&results->recording, glmcc_recording_unref);
  g_strfreev (results->names);
  g_free (results->spike_counts);
  g_free (results->dropped);
  g_free (results->rates);
  g_free (results->source);
  g_free (results->format);
  g_strfreev (results->notes);
  g_free (results->fingerprint);
  for (guint64 b = 0; b < results->n_blocks; b++)
    g_free (results->blocks[b]);
  g_free (results->blocks);
  g_clear_pointer (&results->curation, glmcc_curation_unref);
  g_free (results->q_values);
  g_free (results);
}

guint
glmcc_results_get_n_neurons (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, 0);

  return results->n;
}

const char *
glmcc_results_get_name (GlmccResults *results,
                        guint         neuron)
{
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (neuron < results->n, NULL);

  return results->names[neuron];
}

const GlmccParams *
glmcc_results_get_params (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return &results->params;
}

GlmccRecording *
glmcc_results_get_recording (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return results->recording;
}

double
glmcc_results_get_rate (GlmccResults *results,
                        guint         neuron)
{
  g_return_val_if_fail (results != NULL, 0.0);
  g_return_val_if_fail (neuron < results->n, 0.0);

  return results->rates[neuron];
}

gsize
glmcc_results_get_spike_count (GlmccResults *results,
                               guint         neuron)
{
  g_return_val_if_fail (results != NULL, 0);
  g_return_val_if_fail (neuron < results->n, 0);

  return results->spike_counts[neuron];
}

const char *
glmcc_results_get_fingerprint (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return results_fingerprint (results);
}

void
glmcc_results_set_shard (GlmccResults *results,
                         guint         index,
                         guint         count)
{
  g_return_if_fail (results != NULL);
  g_return_if_fail (count > 0 && index < count);

  results->shard_index = index;
  results->shard_count = count;
}

const char *
glmcc_results_get_source (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return results->source;
}

const char *
glmcc_results_get_format (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return results->format;
}

void
glmcc_results_get_epoch (GlmccResults *results,
                         double       *start_ms,
                         double       *end_ms)
{
  g_return_if_fail (results != NULL);

  if (start_ms != NULL)
    *start_ms = results->epoch_start;
  if (end_ms != NULL)
    *end_ms = results->epoch_end;
}

gboolean
glmcc_results_check_recording (GlmccResults    *results,
                               GlmccRecording  *recording,
                               GError         **error)
{
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (recording != NULL, FALSE);

  if (glmcc_recording_get_n_neurons (recording) != results->n)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("the results have %u neurons and the recording %u"), results->n,
                   glmcc_recording_get_n_neurons (recording));
      return FALSE;
    }
  for (guint i = 0; i < results->n; i++)
    if (g_strcmp0 (results->names[i], glmcc_recording_get_name (recording, i)) != 0)
      {
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                     _("neuron %u is '%s' in the results and '%s' in the recording"), i,
                     results->names[i], glmcc_recording_get_name (recording, i));
        return FALSE;
      }
  fingerprint = compute_fingerprint (recording);
  if (g_strcmp0 (fingerprint, results_fingerprint (results)) != 0)
    {
      g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                           _("the spike times of the recording differ from those the results "
                           "were computed from"));
      return FALSE;
    }
  return TRUE;
}

void
glmcc_results_set_curation (GlmccResults  *results,
                            GlmccCuration *curation)
{
  g_return_if_fail (results != NULL);
  g_return_if_fail (curation == NULL || glmcc_curation_get_n_neurons (curation) == results->n);

  if (curation != NULL)
    glmcc_curation_ref (curation);
  g_clear_pointer (&results->curation, glmcc_curation_unref);
  results->curation = curation;
}

GlmccCuration *
glmcc_results_get_curation (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return results->curation;
}

void
glmcc_results_set_curated_only (GlmccResults *results,
                                gboolean      curated_only)
{
  g_return_if_fail (results != NULL);

  results->curated_only = !!curated_only;
}

static GlmccMark
curation_mark (GlmccCuration *curation,
               guint          pre,
               guint          post)
{
  return curation != NULL ? glmcc_curation_get_mark (curation, pre, post) : GLMCC_MARK_NONE;
}

static const char *
curation_note (GlmccCuration *curation,
               guint          pre,
               guint          post)
{
  return curation != NULL ? glmcc_curation_get_note (curation, pre, post) : NULL;
}

/* Whether a file lists this edge: with curated_only, only the edges a person accepted. */
static gboolean
curation_keeps (gboolean       curated_only,
                GlmccCuration *curation,
                guint          pre,
                guint          post)
{
  return !curated_only || curation_mark (curation, pre, post) == GLMCC_MARK_ACCEPTED;
}

static gboolean
edge_kept (GlmccResults *results,
           guint         pre,
           guint         post)
{
  return curation_keeps (results->curated_only, results->curation, pre, post);
}

static gboolean
has_curation (GlmccResults *results)
{
  return results->curated_only
         || (results->curation != NULL && glmcc_curation_get_n_curated (results->curation) > 0);
}

void
glmcc_results_get_shard (GlmccResults *results,
                         guint        *index,
                         guint        *count)
{
  g_return_if_fail (results != NULL);

  *index = results->shard_index;
  *count = results->shard_count;
}

GlmccEdge
glmcc_results_get_edge (GlmccResults *results,
                        guint         pre,
                        guint         post)
{
  const PairRecord *record;
  GlmccEdge edge;
  guint d;

  g_return_val_if_fail (results != NULL, pending_edge);
  g_return_val_if_fail (pre < results->n && post < results->n, pending_edge);

  if (pre == post)
    return pending_edge;

  record = pair_record (results, pre, post, FALSE, NULL, &d);
  if (record == NULL)
    return pending_edge;
  edge = record_get_edge (record, g_atomic_int_get (&record->statuses), d);
  if (edge.status != GLMCC_STATUS_PENDING)
    edge.q_value = pair_q_value (results, pre, post);
  return edge;
}

void
glmcc_results_set_edge (GlmccResults    *results,
                        guint            pre,
                        guint            post,
                        const GlmccEdge *edge)
{
  PairRecord *record;
  PairBlock *block;
  guint d;
  gint statuses;

  g_return_if_fail (results != NULL && edge != NULL);
  g_return_if_fail (pre < results->n && post < results->n && pre != post);
  g_return_if_fail ((guint) edge->status <= 0xff);

  record = pair_record (results, pre, post, TRUE, &block, &d);
  if (edge->status != GLMCC_STATUS_PENDING)
    record_set_numbers (record, d, edge);
  statuses = g_atomic_int_get (&record->statuses);
  statuses = (gint) (((guint) statuses & ~(0xffu << (8 * d))) | ((guint) edge->status << (8 * d)));
  record_publish (record, block, statuses);
}

void
glmcc_results_set_pair (GlmccResults          *results,
                        guint                  ref,
                        guint                  target,
                        const GlmccPairResult *pair)
{
  PairRecord *record;
  PairBlock *block;
  guint forward;

  g_return_if_fail (results != NULL);
  g_return_if_fail (pair != NULL);
  g_return_if_fail (ref < results->n && target < results->n && ref != target);

  record = pair_record (results, ref, target, TRUE, &block, &forward);
  /* A new fit has no q-value until the run is complete. */
  if (results->q_values != NULL)
    {
      guint64 k = glmcc_pair_index (MAX (ref, target), MIN (ref, target));

      results->q_values[2 * k] = results->q_values[2 * k + 1] = NAN;
    }
  if (pair->forward.status != GLMCC_STATUS_PENDING)
    record_set_numbers (record, forward, &pair->forward);
  if (pair->backward.status != GLMCC_STATUS_PENDING)
    record_set_numbers (record, 1 - forward, &pair->backward);
  record_publish (record, block,
                  (gint) (((guint) pair->forward.status << (8 * forward))
                          | ((guint) pair->backward.status << (8 * (1 - forward)))));
}

gboolean
glmcc_results_pair_done (GlmccResults *results,
                         guint         i,
                         guint         j)
{
  const PairRecord *record;
  guint d;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (i < results->n && j < results->n, FALSE);

  if (i == j)
    return FALSE;
  record = pair_record (results, i, j, FALSE, NULL, &d);
  return record != NULL && statuses_done (g_atomic_int_get (&record->statuses));
}

guint64
glmcc_results_count_done_in_range (GlmccResults *results,
                                   guint64       first,
                                   guint64       last)
{
  guint64 done = 0;
  guint64 block_size;

  g_return_val_if_fail (results != NULL, 0);

  last = MIN (last, results->n_pairs);
  block_size = (guint64) 1 << results->block_shift;
  for (guint64 k = first; k < last;)
    {
      guint64 b = k >> results->block_shift;
      guint64 block_first = b << results->block_shift;
      guint64 block_last = MIN (block_first + block_size, results->n_pairs);
      PairBlock *block = block_get (results, b, FALSE);

      if (block == NULL)
        ;
      else if (k == block_first && last >= block_last)
        done += (guint64) g_atomic_int_get (&block->n_done);
      else
        for (guint64 m = k; m < MIN (last, block_last); m++)
          done += statuses_done (g_atomic_int_get (&block->pairs[m - block_first].statuses));
      k = block_last;
    }
  return done;
}

guint64
glmcc_results_count_done (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, 0);

  return glmcc_results_count_done_in_range (results, 0, results->n_pairs);
}

guint64
glmcc_results_count_pending (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, 0);

  return results->n_pairs - glmcc_results_count_done (results);
}

guint64
glmcc_results_count_significant (GlmccResults *results)
{
  guint64 count = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (guint64 b = 0; b < results->n_blocks; b++)
    {
      PairBlock *block = block_get (results, b, FALSE);

      for (guint m = 0; block != NULL && m < block->n_pairs; m++)
        {
          gint statuses = g_atomic_int_get (&block->pairs[m].statuses);

          count += (status_of (statuses, 0) == GLMCC_STATUS_SIGNIFICANT)
                   + (status_of (statuses, 1) == GLMCC_STATUS_SIGNIFICANT);
        }
    }
  return count;
}

gboolean
glmcc_results_reserve (GlmccResults  *results,
                       guint64        first,
                       guint64        last,
                       GError       **error)
{
  guint64 missing_pairs = 0, b_first, b_last;

  g_return_val_if_fail (results != NULL, FALSE);

  last = MIN (last, results->n_pairs);
  if (first >= last)
    return TRUE;
  b_first = first >> results->block_shift;
  b_last = ((last - 1) >> results->block_shift) + 1;
  for (guint64 b = b_first; b < b_last; b++)
    if (block_get (results, b, FALSE) == NULL)
      missing_pairs += block_n_pairs (results, b);
  if (missing_pairs > 0)
    {
      g_autofree char *what = g_strdup_printf (_("the results of %" PRIu64 " pairs of %u neurons"),
                                               last - first, results->n);

      if (!glmcc_memory_check (glmcc_results_bytes_for_pairs (missing_pairs), what, error))
        return FALSE;
    }
  for (guint64 b = b_first; b < b_last; b++)
    if (block_get (results, b, FALSE) == NULL)
      {
        guint n_pairs = block_n_pairs (results, b);
        PairBlock *block = g_try_malloc0 (block_bytes (n_pairs));

        if (block == NULL)
          {
            g_autofree char *size = g_format_size (glmcc_results_bytes_for_pairs (missing_pairs));
            g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_TOO_LARGE,
                         _("the results of %" PRIu64 " pairs of %u neurons would need %s of "
                         "memory, and the system refused it"), last - first, results->n, size);
            return FALSE;
          }
        block->n_pairs = n_pairs;
        if (!g_atomic_pointer_compare_and_exchange (&results->blocks[b], NULL, block))
          g_free (block);
      }
  return TRUE;
}

GlmccLabel
glmcc_results_get_cell_type (GlmccResults *results,
                             guint         neuron,
                             guint        *n_excitatory,
                             guint        *n_inhibitory,
                             gboolean     *dale_violation)
{
  guint positive = 0, negative = 0;

  g_return_val_if_fail (results != NULL, GLMCC_LABEL_UNKNOWN);
  g_return_val_if_fail (neuron < results->n, GLMCC_LABEL_UNKNOWN);

  for (guint post = 0; post < results->n; post++)
    {
      GlmccEdge stored = glmcc_results_get_edge (results, neuron, post);
      const GlmccEdge *edge = &stored;
      if (post == neuron || edge->status != GLMCC_STATUS_SIGNIFICANT)
        continue;
      if (edge->psp_mv > 0.0)
        positive++;
      else if (edge->psp_mv < 0.0)
        negative++;
    }
  if (n_excitatory != NULL)
    *n_excitatory = positive;
  if (n_inhibitory != NULL)
    *n_inhibitory = negative;
  return glmcc_cell_type_decide (positive, negative, dale_violation);
}

GlmccLabel
glmcc_results_get_label (GlmccResults *results,
                         guint         neuron)
{
  return glmcc_results_get_cell_type (results, neuron, NULL, NULL, NULL);
}

/* ---- Exports --------------------------------------------------------------------------- */

/* Six decimals without trailing zeros, as the published code prints round (x, 6): 3.845027,
 * -1.5, 0. */
static void
append_psp (GString *out,
            double   value)
{
  char text[64];
  gsize len;

  if (!isfinite (value) || value == 0.0)
    {
      g_string_append_c (out, '0');
      return;
    }
  /* Not snprintf: the CSV is machine-read, and a program that called setlocale (LC_ALL, "")
   * under de_DE would write "2,5". */
  g_ascii_formatd (text, sizeof text, "%.6f", value);
  len = strlen (text);
  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  if (len > 0 && text[len - 1] == '.')
    text[--len] = '\0';
  if (strcmp (text, "-0") == 0)
    strcpy (text, "0");
  g_string_append (out, text);
}

static void
append_number (GString *out,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    g_string_append (out, "NaN");
  else if (isinf (value))
    g_string_append (out, value > 0 ? "Inf" : "-Inf");
  else
    g_string_append (out, g_ascii_formatd (text, sizeof text, "%.10g", value));
}

/* The text is handed to the file in pieces, so that a table of millions of edges is never
 * held whole in memory. */
#define WRITE_CHUNK (1 << 16)

static inline void
flush_if_large (GlmccOutput *output,
                GString     *out)
{
  if (out->len >= WRITE_CHUNK)
    glmcc_output_write_gstring (output, out);
}

static gboolean
finish_output (GlmccOutput  *output,
               GString      *out,
               GError      **error)
{
  glmcc_output_write_gstring (output, out);
  return glmcc_output_commit (output, error);
}

gboolean
glmcc_results_write_matrix (GlmccResults *results,
                            const char   *path,
                            GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GlmccOutput *output;

  g_return_val_if_fail (results != NULL, FALSE);

  output = glmcc_output_new (path, error);
  if (output == NULL)
    return FALSE;
  for (guint pre = 0; pre < results->n; pre++)
    {
      for (guint post = 0; post < results->n; post++)
        {
          GlmccEdge stored = glmcc_results_get_edge (results, pre, post);
          const GlmccEdge *edge = &stored;
          if (post > 0)
            g_string_append (out, ", ");
          /* A pair not computed is not a missing connection: NaN, never 0. */
          if (pre != post && edge->status == GLMCC_STATUS_PENDING)
            g_string_append (out, "NaN");
          else
            append_psp (out, pre != post && edge->status == GLMCC_STATUS_SIGNIFICANT
                               && edge_kept (results, pre, post) ? edge->psp_mv : 0.0);
        }
      g_string_append_c (out, '\n');
      flush_if_large (output, out);
    }
  return finish_output (output, out, error);
}

gboolean
glmcc_results_write_edges (GlmccResults *results,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GString) out = g_string_new ("pre\tpost\tstatus\tj\tthreshold\tstatistic\tp_value\tq_value\tpsp_mv\tdelay_ms\tn_lags");
  GlmccOutput *output;
  gboolean curation_column;

  g_return_val_if_fail (results != NULL, FALSE);

  /* The curation column appears only once someone has curated: plain runs keep the layout. */
  curation_column = has_curation (results);
  g_string_append (out, curation_column ? "\tcuration\n" : "\n");
  output = glmcc_output_new (path, error);
  if (output == NULL)
    return FALSE;
  for (guint pre = 0; pre < results->n; pre++)
    for (guint post = 0; post < results->n; post++)
      {
        GlmccEdge stored;
        const GlmccEdge *edge = &stored;

        if (pre == post || !edge_kept (results, pre, post))
          continue;
        stored = glmcc_results_get_edge (results, pre, post);
        g_string_append_printf (out, "%s\t%s\t%s\t", results->names[pre], results->names[post],
                                glmcc_status_to_string (edge->status));
        append_number (out, edge->j);
        g_string_append_c (out, '\t');
        append_number (out, edge->threshold);
        g_string_append_c (out, '\t');
        append_number (out, edge->statistic);
        g_string_append_c (out, '\t');
        append_number (out, edge->p_value);
        g_string_append_c (out, '\t');
        append_number (out, edge->q_value);
        g_string_append_c (out, '\t');
        append_number (out, edge->psp_mv);
        g_string_append_c (out, '\t');
        append_number (out, edge->delay_ms);
        g_string_append_printf (out, "\t%" G_GUINT64_FORMAT, edge->n_lags);
        if (curation_column)
          {
            g_string_append_c (out, '\t');
            g_string_append (out, glmcc_mark_to_string (curation_mark (results->curation, pre, post)));
          }
        g_string_append_c (out, '\n');
        flush_if_large (output, out);
      }
  return finish_output (output, out, error);
}

static void
add_double (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
build_header (GlmccResults *results,
              guint64       pending)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const double *delays;
  guint n_delays = glmcc_params_get_delays (&results->params, &delays);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RESULTS_FORMAT_VERSION);
  json_builder_set_member_name (builder, "program");
  json_builder_add_string_value (builder, "glmcc " PACKAGE_VERSION);
  /* "version" above is the file format's; this is the program's, for scripts to compare. */
  json_builder_set_member_name (builder, "program_version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);

  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, glmcc_mode_to_string (results->params.mode));
  json_builder_set_member_name (builder, "test");
  json_builder_add_string_value (builder, glmcc_test_to_string (results->params.test));
  add_double (builder, "window_ms", results->params.window_ms);
  add_double (builder, "bin_ms", results->params.bin_ms);
  add_double (builder, "tau_ms", results->params.tau_ms);
  add_double (builder, "gamma", glmcc_params_get_gamma (&results->params));
  add_double (builder, "alpha", glmcc_params_get_alpha (&results->params));
  add_double (builder, "exclude_center_ms", results->params.exclude_center_ms);
  json_builder_set_member_name (builder, "delays_ms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_delays; i++)
    json_builder_add_double_value (builder, delays[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "compat");
  json_builder_add_string_value (builder, results->params.compat_reference ? "reference" : "none");
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, glmcc_method_to_string (results->params.method));
  json_builder_set_member_name (builder, "fdr");
  if (results->params.fdr > 0.0)
    json_builder_add_double_value (builder, results->params.fdr);
  else
    json_builder_add_null_value (builder);
  if (results->params.method == GLMCC_METHOD_JITTER)
    {
      json_builder_set_member_name (builder, "surrogates");
      json_builder_add_int_value (builder, glmcc_params_get_surrogates (&results->params));
      add_double (builder, "jitter_width_ms", glmcc_params_get_jitter_width (&results->params));
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, results->params.seed);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "recording");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, results->source ? results->source : "");
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, results->format ? results->format : "");
  json_builder_set_member_name (builder, "fingerprint");
  json_builder_add_string_value (builder, results_fingerprint (results) != NULL
                                          ? results_fingerprint (results) : "");
  json_builder_set_member_name (builder, "epoch");
  json_builder_begin_object (builder);
  add_double (builder, "start_ms", results->epoch_start);
  add_double (builder, "end_ms", results->epoch_end);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->n; i++)
    json_builder_add_string_value (builder, results->names[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "spike_counts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->n; i++)
    json_builder_add_int_value (builder, (gint64) results->spike_counts[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "dropped_spikes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->n; i++)
    json_builder_add_int_value (builder, (gint64) results->dropped[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "conversions");
  json_builder_begin_array (builder);
  for (guint i = 0; results->notes != NULL && results->notes[i] != NULL; i++)
    json_builder_add_string_value (builder, results->notes[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "shard");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, results->shard_index + 1);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, results->shard_count);
  json_builder_end_object (builder);
  /* Pending pairs have no edge below; these say how many there are. */
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, pending == 0);
  json_builder_set_member_name (builder, "pending_pairs");
  json_builder_add_int_value (builder, (gint64) pending);

  json_builder_set_member_name (builder, "neurons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, results->names[i]);
      add_double (builder, "rate_hz", results->rates[i]);
      {
        guint n_e, n_i;
        gboolean dale_violation;
        GlmccLabel label = glmcc_results_get_cell_type (results, i, &n_e, &n_i, &dale_violation);

        json_builder_set_member_name (builder, "label");
        json_builder_add_string_value (builder, glmcc_label_to_string (label));
        json_builder_set_member_name (builder, "n_excitatory_out");
        json_builder_add_int_value (builder, n_e);
        json_builder_set_member_name (builder, "n_inhibitory_out");
        json_builder_add_int_value (builder, n_i);
        json_builder_set_member_name (builder, "dale_violation");
        json_builder_add_boolean_value (builder, dale_violation);
      }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
node_to_string (JsonNode *node,
                gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* A JSON string literal, escaped by json-glib. */
static char *
json_literal (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

  return node_to_string (node, FALSE);
}

/* ,"key":value with a double as json-glib writes it (%.17g, ".0" on whole numbers), or null. */
static void
append_json_double (GString    *out,
                    const char *key,
                    double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, ",\"");
  g_string_append (out, key);
  g_string_append (out, "\":");
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_ascii_dtostr (text, sizeof text, value);
  g_string_append (out, text);
  if (strpbrk (text, ".e") == NULL)
    g_string_append (out, ".0");
}

/* One edge object, formatted here rather than through a JsonBuilder (or printf) per edge: a
 * checkpoint of a run of 200 neurons writes 40,000 of them, and the builder made that take half a
 * second. The text is the same json-glib would write. */
static void
append_edge_json (GString         *out,
                  char * const    *literal_names,
                  guint            pre,
                  guint            post,
                  const GlmccEdge *edge,
                  GlmccMark        mark,
                  const char      *note)
{
  char digits[24];
  guint n_digits = 0;

  g_string_append (out, "{\"pre\":");
  g_string_append (out, literal_names[pre]);
  g_string_append (out, ",\"post\":");
  g_string_append (out, literal_names[post]);
  g_string_append (out, ",\"status\":\"");
  g_string_append (out, glmcc_status_to_string (edge->status));
  g_string_append_c (out, '"');
  append_json_double (out, "j", edge->j);
  append_json_double (out, "threshold", edge->threshold);
  append_json_double (out, "statistic", edge->statistic);
  append_json_double (out, "p_value", edge->p_value);
  append_json_double (out, "q_value", edge->q_value);
  append_json_double (out, "psp_mv", edge->psp_mv);
  append_json_double (out, "delay_ms", edge->delay_ms);
  /* JSON integers are 64-bit signed here: a count past 2^63 (not a real recording) can only be
   * written as a double, rounded. */
  if (edge->n_lags <= G_MAXINT64)
    {
      guint64 n = edge->n_lags;

      do
        digits[n_digits++] = (char) ('0' + n % 10);
      while ((n /= 10) > 0);
      g_string_append (out, ",\"n_lags\":");
      while (n_digits > 0)
        g_string_append_c (out, digits[--n_digits]);
    }
  else
    append_json_double (out, "n_lags", (double) edge->n_lags);
  if (mark != GLMCC_MARK_NONE)
    {
      g_string_append (out, ",\"curation\":\"");
      g_string_append (out, glmcc_mark_to_string (mark));
      g_string_append_c (out, '"');
    }
  if (note != NULL)
    {
      g_autofree char *literal = json_literal (note);

      g_string_append (out, ",\"note\":");
      g_string_append (out, literal);
    }
  g_string_append_c (out, '}');
}

/* json-glib encodes every value; the edge array is streamed one object at a time so that a
 * run of 1,000 neurons (a million edges) never holds a million JSON nodes. Pending edges are
 * left out, and counted in "pending_pairs": a partial run or a shard lists only what it
 * computed. During a run (a checkpoint) the pairs finished while the file is written may be
 * listed too. */
gboolean
glmcc_results_write_json (GlmccResults *results,
                          const char   *path,
                          GError      **error)
{
  g_return_val_if_fail (results != NULL, FALSE);

  return glmcc_results_write_json_full (results, results->curation, NULL, NULL, path, error);
}

gboolean
glmcc_results_write_json_full (GlmccResults  *results,
                               GlmccCuration *curation,
                               const char    *extra_key,
                               JsonNode      *extra,
                               const char    *path,
                               GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) header = NULL;
  g_autofree char *header_text = NULL;
  g_auto(GStrv) literal_names = NULL;
  GlmccOutput *output;
  gsize len;
  gboolean first = TRUE;
  gboolean curated_only;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail ((extra_key == NULL) == (extra == NULL), FALSE);

  /* A document with extra members (a saved analysis) lists every edge and never reads the
   * results' own curation settings, so it may be written while they change elsewhere. */
  curated_only = extra == NULL && results->curated_only;
  header = build_header (results, glmcc_results_count_pending (results));
  if (curated_only)
    json_object_set_boolean_member (json_node_get_object (header), "curated_only", TRUE);
  if (extra != NULL)
    json_object_set_member (json_node_get_object (header), extra_key, json_node_copy (extra));
  header_text = node_to_string (header, TRUE);
  len = strlen (header_text);
  /* Reopen the header object to append the edges member. */
  while (len > 0 && header_text[len - 1] != '}')
    len--;
  g_return_val_if_fail (len > 0, FALSE);
  output = glmcc_output_new (path, error);
  if (output == NULL)
    return FALSE;
  literal_names = g_new0 (char *, results->n + 1);
  for (guint i = 0; i < results->n; i++)
    literal_names[i] = json_literal (results->names[i]);
  g_string_append_len (out, header_text, len - 1);
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  g_string_append (out, ",\n  \"edges\" : [\n");
  for (guint pre = 0; pre < results->n; pre++)
    for (guint post = 0; post < results->n; post++)
      {
        GlmccEdge stored = glmcc_results_get_edge (results, pre, post);
        const GlmccEdge *edge = &stored;

        if (pre == post || edge->status == GLMCC_STATUS_PENDING
            || !curation_keeps (curated_only, curation, pre, post))
          continue;
        if (!first)
          g_string_append (out, ",\n");
        g_string_append (out, "    ");
        append_edge_json (out, literal_names, pre, post, edge, curation_mark (curation, pre, post),
                          curation_note (curation, pre, post));
        first = FALSE;
        flush_if_large (output, out);
      }
  g_string_append (out, "\n  ]\n}\n");
  return finish_output (output, out, error);
}

gboolean
glmcc_results_write_json_header (GlmccResults  *results,
                                 const char    *extra_key,
                                 JsonNode      *extra,
                                 const char    *path,
                                 GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) header = NULL;
  g_autofree char *header_text = NULL;
  GlmccOutput *output;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (extra_key != NULL && extra != NULL, FALSE);

  header = build_header (results, glmcc_results_count_pending (results));
  json_object_set_member (json_node_get_object (header), extra_key, json_node_copy (extra));
  header_text = node_to_string (header, TRUE);
  output = glmcc_output_new (path, error);
  if (output == NULL)
    return FALSE;
  g_string_append (out, header_text);
  g_string_append_c (out, '\n');
  return finish_output (output, out, error);
}

static void
append_xml_escaped (GString    *out,
                    const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

gboolean
glmcc_results_write_graphml (GlmccResults *results,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean lr, curated;
  guint64 pending;
  GlmccOutput *output;

  g_return_val_if_fail (results != NULL, FALSE);

  lr = results->params.test == GLMCC_TEST_LR;
  curated = has_curation (results);
  pending = glmcc_results_count_pending (results);
  output = glmcc_output_new (path, error);
  if (output == NULL)
    return FALSE;
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  /* An incomplete run says so on the root, for people, and as graph data, for GraphML readers. */
  if (pending > 0)
    g_string_append_printf (out,
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" partial=\"true\" "
      "pending_pairs=\"%" G_GUINT64_FORMAT "\">\n"
      "  <key id=\"partial\" for=\"graph\" attr.name=\"partial\" attr.type=\"boolean\"/>\n"
      "  <key id=\"pending_pairs\" for=\"graph\" attr.name=\"pending_pairs\" attr.type=\"long\"/>\n",
      pending);
  else
    g_string_append (out, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
  g_string_append (out,
    "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
    "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"rate\" for=\"node\" attr.name=\"rate\" attr.type=\"double\"/>\n"
    "  <key id=\"j\" for=\"edge\" attr.name=\"j\" attr.type=\"double\"/>\n"
    "  <key id=\"psp_mv\" for=\"edge\" attr.name=\"psp_mv\" attr.type=\"double\"/>\n"
    "  <key id=\"delay_ms\" for=\"edge\" attr.name=\"delay_ms\" attr.type=\"double\"/>\n");
  g_string_append_printf (out,
    "  <key id=\"%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"double\"/>\n"
    "  <key id=\"status\" for=\"edge\" attr.name=\"status\" attr.type=\"string\"/>\n",
    lr ? "statistic" : "p_value", lr ? "statistic" : "p_value");
  if (curated)
    g_string_append (out,
      "  <key id=\"curation\" for=\"edge\" attr.name=\"curation\" attr.type=\"string\"/>\n"
      "  <key id=\"note\" for=\"edge\" attr.name=\"note\" attr.type=\"string\"/>\n");
  g_string_append (out, "  <graph id=\"glmcc\" edgedefault=\"directed\">\n");
  if (pending > 0)
    g_string_append_printf (out, "    <data key=\"partial\">true</data>\n"
                                 "    <data key=\"pending_pairs\">%" G_GUINT64_FORMAT "</data>\n",
                            pending);
  for (guint i = 0; i < results->n; i++)
    {
      g_string_append_printf (out, "    <node id=\"n%u\">\n      <data key=\"name\">", i);
      append_xml_escaped (out, results->names[i]);
      g_string_append_printf (out, "</data>\n      <data key=\"type\">%s</data>\n"
                                   "      <data key=\"rate\">",
                              glmcc_label_to_string (glmcc_results_get_label (results, i)));
      append_number (out, results->rates[i]);
      g_string_append (out, "</data>\n    </node>\n");
      flush_if_large (output, out);
    }
  for (guint pre = 0; pre < results->n; pre++)
    for (guint post = 0; post < results->n; post++)
      {
        GlmccEdge stored = glmcc_results_get_edge (results, pre, post);
        const GlmccEdge *edge = &stored;

        GlmccMark mark;
        const char *note;

        if (pre == post || edge->status != GLMCC_STATUS_SIGNIFICANT || !edge_kept (results, pre, post))
          continue;
        mark = curation_mark (results->curation, pre, post);
        note = curation_note (results->curation, pre, post);
        g_string_append_printf (out, "    <edge source=\"n%u\" target=\"n%u\">\n"
                                     "      <data key=\"j\">", pre, post);
        append_number (out, edge->j);
        g_string_append (out, "</data>\n      <data key=\"psp_mv\">");
        append_number (out, edge->psp_mv);
        g_string_append (out, "</data>\n      <data key=\"delay_ms\">");
        append_number (out, edge->delay_ms);
        g_string_append_printf (out, "</data>\n      <data key=\"%s\">", lr ? "statistic" : "p_value");
        append_number (out, lr ? edge->statistic : edge->p_value);
        g_string_append_printf (out, "</data>\n      <data key=\"status\">%s</data>\n",
                                glmcc_status_to_string (edge->status));
        if (mark != GLMCC_MARK_NONE)
          g_string_append_printf (out, "      <data key=\"curation\">%s</data>\n",
                                  glmcc_mark_to_string (mark));
        if (note != NULL)
          {
            g_string_append (out, "      <data key=\"note\">");
            append_xml_escaped (out, note);
            g_string_append (out, "</data>\n");
          }
        g_string_append (out, "    </edge>\n");
        flush_if_large (output, out);
      }
  g_string_append (out, "  </graph>\n</graphml>\n");
  return finish_output (output, out, error);
}

/* ---- Reading back ---------------------------------------------------------------------- */

static double
get_double_or_nan (JsonObject *object,
                   const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  return json_node_get_double (node);
}

/* A non-negative integer: 64-bit, or a double past 2^63 (what write_json writes there). */
static gboolean
read_count (JsonObject *object,
            const char *key,
            guint64    *value)
{
  JsonNode *node = json_object_get_member (object, key);
  double number;

  *value = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      if (json_node_get_int (node) < 0)
        return FALSE;
      *value = (guint64) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      number = json_node_get_double (node);
      if (!(number >= 0.0 && number < 18446744073709551616.0) || number != floor (number))
        return FALSE;
      *value = (guint64) number;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
same_number (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

#define BAD_JSON(...) G_STMT_START { \
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, __VA_ARGS__); \
    return NULL; \
  } G_STMT_END

static JsonObject *
get_object (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
read_params (JsonObject  *object,
             GlmccParams *params)
{
  const char *mode = json_object_get_string_member_with_default (object, "mode", "");
  const char *test = json_object_get_string_member_with_default (object, "test", "");
  const char *compat = json_object_get_string_member_with_default (object, "compat", "none");
  /* Files from before the baselines have no method: GLMCC. */
  const char *method = json_object_get_string_member_with_default (object, "method", "glmcc");
  JsonArray *delays = get_array (object, "delays_ms");
  double fdr;
  gint64 surrogates, seed;

  glmcc_params_init (params);
  if (!glmcc_method_from_string (method, &params->method))
    return FALSE;
  fdr = get_double_or_nan (object, "fdr");
  params->fdr = isnan (fdr) ? 0.0 : fdr;
  surrogates = json_object_get_int_member_with_default (object, "surrogates", 0);
  seed = json_object_get_int_member_with_default (object, "seed", 1);
  if (surrogates < 0 || surrogates > G_MAXUINT || seed < 0 || seed > G_MAXUINT32)
    return FALSE;
  params->surrogates = (guint) surrogates;
  params->seed = (guint32) seed;
  if (json_object_has_member (object, "jitter_width_ms"))
    params->jitter_width_ms = get_double_or_nan (object, "jitter_width_ms");
  if (g_str_equal (mode, "sim"))
    params->mode = GLMCC_MODE_SIM;
  else if (g_str_equal (mode, "exp"))
    params->mode = GLMCC_MODE_EXP;
  else
    return FALSE;
  if (g_str_equal (test, "wald"))
    params->test = GLMCC_TEST_WALD;
  else if (g_str_equal (test, "lr"))
    params->test = GLMCC_TEST_LR;
  else
    return FALSE;
  params->window_ms = get_double_or_nan (object, "window_ms");
  params->bin_ms = get_double_or_nan (object, "bin_ms");
  params->tau_ms = get_double_or_nan (object, "tau_ms");
  params->gamma = get_double_or_nan (object, "gamma");
  params->alpha = get_double_or_nan (object, "alpha");
  params->exclude_center_ms = get_double_or_nan (object, "exclude_center_ms");
  params->compat_reference = g_str_equal (compat, "reference");
  if (delays == NULL || json_array_get_length (delays) == 0
      || json_array_get_length (delays) > GLMCC_MAX_DELAYS)
    return FALSE;
  if (params->mode == GLMCC_MODE_SIM)
    params->sim_delay_ms = json_array_get_double_element (delays, 0);
  else
    {
      params->n_delays = json_array_get_length (delays);
      for (guint i = 0; i < params->n_delays; i++)
        params->delays_ms[i] = json_array_get_double_element (delays, i);
    }
  return glmcc_params_validate (params, NULL);
}

/* TRUE when the top-level member @extra_key says where the edges are instead. */
static gboolean
edges_elsewhere (JsonObject *top,
                 const char *extra_key)
{
  JsonObject *extra = extra_key != NULL ? get_object (top, extra_key) : NULL;

  return extra != NULL && get_object (extra, "results_file") != NULL;
}

/* The results of the document @parser holds, read from @path; with @extra, a copy of the
 * top-level member @extra_key too (NULL when absent). */
static GlmccResults *
results_from_json (JsonParser  *parser,
                   const char  *path,
                   const char  *extra_key,
                   JsonNode   **extra,
                   GError     **error)
{
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GHashTable) index = NULL;
  JsonNode *root;
  JsonObject *top, *params_object, *recording, *epoch, *shard;
  JsonArray *names, *counts, *dropped, *neurons, *edges, *notes;
  GlmccParams params;
  guint n;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    BAD_JSON (_("%s: not a glmcc results file (no top-level object)"), path);
  top = json_node_get_object (root);
  if (json_object_get_int_member_with_default (top, "version", 0) != RESULTS_FORMAT_VERSION)
    BAD_JSON (_("%s: not a glmcc results file of version %d"), path, RESULTS_FORMAT_VERSION);
  params_object = get_object (top, "parameters");
  recording = get_object (top, "recording");
  if (params_object == NULL || !read_params (params_object, &params))
    BAD_JSON (_("%s: missing or invalid \"parameters\""), path);
  if (recording == NULL || (names = get_array (recording, "names")) == NULL)
    BAD_JSON (_("%s: missing \"recording\" names"), path);
  n = json_array_get_length (names);
  if (n < 2)
    BAD_JSON (_("%s: fewer than two neurons"), path);
  counts = get_array (recording, "spike_counts");
  dropped = get_array (recording, "dropped_spikes");
  neurons = get_array (top, "neurons");
  edges = get_array (top, "edges");
  notes = get_array (recording, "conversions");
  if (counts == NULL || json_array_get_length (counts) != n
      || neurons == NULL || json_array_get_length (neurons) != n
      || (edges == NULL && !(extra != NULL && edges_elsewhere (top, extra_key))))
    BAD_JSON (_("%s: the recording, neuron and edge lists do not agree"), path);

  results = results_alloc (n);
  results->params = params;
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *name = json_array_get_element (names, i);
      JsonNode *neuron = json_array_get_element (neurons, i);

      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
        BAD_JSON (_("%s: neuron %u has no name"), path, i);
      results->names[i] = g_strdup (json_node_get_string (name));
      if (g_hash_table_contains (index, results->names[i]))
        BAD_JSON (_("%s: neuron name '%s' appears twice"), path, results->names[i]);
      g_hash_table_insert (index, results->names[i], GUINT_TO_POINTER (i + 1));
      results->spike_counts[i] = (gsize) json_array_get_int_element (counts, i);
      results->dropped[i] = dropped != NULL && json_array_get_length (dropped) == n
                              ? (gsize) json_array_get_int_element (dropped, i) : 0;
      results->rates[i] = JSON_NODE_HOLDS_OBJECT (neuron)
                            ? get_double_or_nan (json_node_get_object (neuron), "rate_hz") : (double) NAN;
    }
  epoch = get_object (recording, "epoch");
  results->epoch_start = epoch != NULL ? get_double_or_nan (epoch, "start_ms") : (double) NAN;
  results->epoch_end = epoch != NULL ? get_double_or_nan (epoch, "end_ms") : (double) NAN;
  results->source = g_strdup (json_object_get_string_member_with_default (recording, "source", ""));
  results->format = g_strdup (json_object_get_string_member_with_default (recording, "format", ""));
  results->fingerprint = g_strdup (json_object_get_string_member_with_default (recording,
                                                                               "fingerprint", ""));
  results->notes = g_new0 (char *, (notes != NULL ? json_array_get_length (notes) : 0) + 1);
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    results->notes[i] = g_strdup (json_array_get_string_element (notes, i));
  shard = get_object (top, "shard");
  if (shard != NULL)
    {
      gint64 shard_index = json_object_get_int_member_with_default (shard, "index", 1);
      gint64 shard_count = json_object_get_int_member_with_default (shard, "count", 1);
      if (shard_count < 1 || shard_count > G_MAXUINT || shard_index < 1 || shard_index > shard_count)
        BAD_JSON (_("%s: invalid shard %" PRId64 "/%" PRId64), path,
                  shard_index, shard_count);
      results->shard_index = (guint) shard_index - 1;
      results->shard_count = (guint) shard_count;
    }

  for (guint e = 0; edges != NULL && e < json_array_get_length (edges); e++)
    {
      JsonNode *node = json_array_get_element (edges, e);
      JsonObject *object;
      const char *pre_name, *post_name, *status_name, *mark_name, *note;
      guint pre, post;
      GlmccEdge edge, other;
      GlmccMark mark;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        BAD_JSON (_("%s: edge %u is not an object"), path, e);
      object = json_node_get_object (node);
      pre_name = json_object_get_string_member_with_default (object, "pre", "");
      post_name = json_object_get_string_member_with_default (object, "post", "");
      status_name = json_object_get_string_member_with_default (object, "status", "");
      pre = GPOINTER_TO_UINT (g_hash_table_lookup (index, pre_name));
      post = GPOINTER_TO_UINT (g_hash_table_lookup (index, post_name));
      if (pre == 0 || post == 0 || pre == post)
        BAD_JSON (_("%s: edge %u names unknown neurons '%s' → '%s'"), path, e, pre_name, post_name);
      if (!glmcc_status_from_string (status_name, &edge.status))
        BAD_JSON (_("%s: edge %u has an unknown status '%s'"), path, e, status_name);
      edge.j = get_double_or_nan (object, "j");
      edge.threshold = get_double_or_nan (object, "threshold");
      edge.statistic = get_double_or_nan (object, "statistic");
      edge.p_value = get_double_or_nan (object, "p_value");
      edge.q_value = get_double_or_nan (object, "q_value");
      edge.psp_mv = get_double_or_nan (object, "psp_mv");
      if (isnan (edge.psp_mv))
        edge.psp_mv = 0.0;
      edge.delay_ms = get_double_or_nan (object, "delay_ms");
      if (!read_count (object, "n_lags", &edge.n_lags))
        BAD_JSON (_("%s: edge %u has an invalid n_lags"), path, e);

      /* A curated run (written by the application or with a curation) keeps its marks. */
      mark_name = json_object_get_string_member_with_default (object, "curation", "");
      note = json_object_get_string_member_with_default (object, "note", NULL);
      if (!glmcc_mark_from_string (mark_name, &mark))
        BAD_JSON (_("%s: edge %u has an unknown curation '%s'"), path, e, mark_name);
      if (mark != GLMCC_MARK_NONE || (note != NULL && *note != '\0'))
        {
          if (results->curation == NULL)
            results->curation = glmcc_curation_new (n);
          glmcc_curation_set_mark (results->curation, pre - 1, post - 1, mark);
          glmcc_curation_set_note (results->curation, pre - 1, post - 1, note);
        }

      if (edge.status == GLMCC_STATUS_PENDING)
        continue;
      /* Both directions of a pair come from one fit. */
      other = glmcc_results_get_edge (results, post - 1, pre - 1);
      if (other.status != GLMCC_STATUS_PENDING
          && (other.n_lags != edge.n_lags || !same_number (other.delay_ms, edge.delay_ms)))
        BAD_JSON (_("%s: edge %u ('%s' → '%s') and the edge back disagree on the delay or the "
                  "number of lags"), path, e, pre_name, post_name);
      glmcc_results_set_edge (results, pre - 1, post - 1, &edge);
      glmcc_results_set_q_value (results, pre - 1, post - 1, edge.q_value);
    }
  results->curated_only = json_object_get_boolean_member_with_default (top, "curated_only", FALSE);
  if (extra != NULL)
    {
      JsonNode *member = json_object_get_member (top, extra_key);

      *extra = member != NULL ? json_node_copy (member) : NULL;
    }
  return g_steal_pointer (&results);
}

GlmccResults *
glmcc_results_load_json (const char *path,
                         GError    **error)
{
  return glmcc_results_load_json_full (path, NULL, NULL, error);
}

GlmccResults *
glmcc_results_load_json_full (const char  *path,
                              const char  *extra_key,
                              JsonNode   **extra,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, GLMCC_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     || local_error->domain == G_FILE_ERROR ? GLMCC_ERROR_IO : GLMCC_ERROR_PARSE,
                   "%s: %s", path, local_error->message);
      return NULL;
    }
  return results_from_json (parser, path, extra_key, extra, error);
}

GlmccResults *
glmcc_results_load_json_data (const char  *data,
                              gsize        length,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL && path != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, "%s: %s", path, local_error->message);
      return NULL;
    }
  return results_from_json (parser, path, NULL, NULL, error);
}

gboolean
glmcc_results_merge (GlmccResults *into,
                     GlmccResults *part,
                     GError      **error)
{
  g_return_val_if_fail (into != NULL && part != NULL, FALSE);

  if (!glmcc_results_check_same_run (into, part, error))
    return FALSE;
  for (guint64 b = 0; b < part->n_blocks; b++)
    {
      PairBlock *block = block_get (part, b, FALSE);

      for (guint m = 0; block != NULL && m < block->n_pairs; m++)
        {
          const PairRecord *record = &block->pairs[m];
          gint statuses = g_atomic_int_get (&record->statuses);
          guint hi, lo;

          if (statuses == 0)
            continue;
          glmcc_pair_from_index ((b << part->block_shift) + m, &hi, &lo);
          for (guint d = 0; d < 2; d++)
            if (status_of (statuses, d) != GLMCC_STATUS_PENDING)
              {
                GlmccEdge edge = record_get_edge (record, statuses, d);

                if (part->q_values != NULL)
                  edge.q_value = part->q_values[2 * ((b << part->block_shift) + m) + d];
                glmcc_results_set_edge (into, d == 0 ? lo : hi, d == 0 ? hi : lo, &edge);
                glmcc_results_set_q_value (into, d == 0 ? lo : hi, d == 0 ? hi : lo,
                                           edge.q_value);
              }
        }
    }
  into->shard_index = 0;
  into->shard_count = 1;
  return TRUE;
}

/* ---- For the other file formats (glmcc-results-private.h) ------------------------------ */

gboolean
glmcc_results_check_same_run (GlmccResults *results,
                              GlmccResults *other,
                              GError      **error)
{
  g_return_val_if_fail (results != NULL && other != NULL, FALSE);

  if (results->n != other->n
      || g_strcmp0 (results_fingerprint (results), results_fingerprint (other)) != 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("the results come from different recordings (or epochs)"));
      return FALSE;
    }
  for (guint i = 0; i < results->n; i++)
    if (g_strcmp0 (results->names[i], other->names[i]) != 0)
      {
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                     _("the results name neuron %u differently ('%s' and '%s')"),
                     i, results->names[i], other->names[i]);
        return FALSE;
      }
  if (!glmcc_params_equal (&results->params, &other->params))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("the results were computed with different parameters"));
      return FALSE;
    }
  return TRUE;
}

void
glmcc_results_peek_provenance (GlmccResults           *results,
                               GlmccResultsProvenance *provenance)
{
  g_return_if_fail (results != NULL && provenance != NULL);

  provenance->names = results->names;
  provenance->spike_counts = results->spike_counts;
  provenance->dropped = results->dropped;
  provenance->rates = results->rates;
  provenance->epoch_start_ms = results->epoch_start;
  provenance->epoch_end_ms = results->epoch_end;
  provenance->source = results->source;
  provenance->format = results->format;
  provenance->fingerprint = (char *) results_fingerprint (results);
  provenance->notes = results->notes;
}

GlmccResults *
glmcc_results_new_from_provenance (guint                   n_neurons,
                                   const GlmccParams      *params,
                                   GlmccResultsProvenance *provenance)
{
  GlmccResults *results;

  g_return_val_if_fail (n_neurons >= 2 && params != NULL && provenance != NULL, NULL);

  results = results_alloc (n_neurons);
  results->params = *params;
  /* results_alloc made arrays of its own: take the provenance's instead. */
  g_strfreev (results->names);
  g_free (results->spike_counts);
  g_free (results->dropped);
  g_free (results->rates);
  results->names = g_steal_pointer (&provenance->names);
  results->spike_counts = g_steal_pointer (&provenance->spike_counts);
  results->dropped = g_steal_pointer (&provenance->dropped);
  results->rates = g_steal_pointer (&provenance->rates);
  results->epoch_start = provenance->epoch_start_ms;
  results->epoch_end = provenance->epoch_end_ms;
  results->source = g_steal_pointer (&provenance->source);
  results->format = g_steal_pointer (&provenance->format);
  results->fingerprint = g_steal_pointer (&provenance->fingerprint);
  results->notes = provenance->notes != NULL ? g_steal_pointer (&provenance->notes) : g_new0 (char *, 1);
  return results;
}
