/* glmcc-score.c: estimated connections against a ground truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-score"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glmcc-error.h"
#include "glmcc-score.h"
#include "glmcc-i18n.h"

struct _GlmccTruth
{
  guint   n;
  double *psp;   /* n × n, [pre * n + post] */
};

GlmccTruth *
glmcc_truth_new (guint n_neurons)
{
  GlmccTruth *truth = g_new0 (GlmccTruth, 1);

  truth->n = n_neurons;
  truth->psp = g_new0 (double, (gsize) n_neurons * n_neurons);
  return truth;
}

GlmccTruth *
glmcc_truth_copy (GlmccTruth *truth)
{
  GlmccTruth *copy;

  g_return_val_if_fail (truth != NULL, NULL);

  copy = g_new0 (GlmccTruth, 1);
  copy->n = truth->n;
  copy->psp = g_memdup2 (truth->psp, (gsize) truth->n * truth->n * sizeof (double));
  return copy;
}

void
glmcc_truth_free (GlmccTruth *truth)
{
  if (truth == NULL)
    return;
  g_free (truth->psp);
  g_free (truth);
}

void
glmcc_truth_set (GlmccTruth *truth,
                 guint       pre,
                 guint       post,
                 double      psp_mv)
{
  g_return_if_fail (truth != NULL);
  g_return_if_fail (pre < truth->n && post < truth->n);

  truth->psp[(gsize) pre * truth->n + post] = psp_mv;
}

double
glmcc_truth_get (GlmccTruth *truth,
                 guint       pre,
                 guint       post)
{
  g_return_val_if_fail (truth != NULL, 0.0);
  g_return_val_if_fail (pre < truth->n && post < truth->n, 0.0);

  return truth->psp[(gsize) pre * truth->n + post];
}

guint
glmcc_truth_get_n_neurons (GlmccTruth *truth)
{
  g_return_val_if_fail (truth != NULL, 0);
  return truth->n;
}

gsize
glmcc_truth_count (GlmccTruth *truth,
                   int         sign)
{
  gsize count = 0;

  g_return_val_if_fail (truth != NULL, 0);

  for (gsize k = 0; k < (gsize) truth->n * truth->n; k++)
    {
      double w = truth->psp[k];
      if ((sign > 0 && w > 0) || (sign < 0 && w < 0) || (sign == 0 && w != 0))
        count++;
    }
  return count;
}

/* Parsing -------------------------------------------------------------------------------------- */

/* Splits on tabs if the line has any, else on commas and spaces; empty fields dropped. */
static GPtrArray *
split_fields (char *line)
{
  GPtrArray *fields = g_ptr_array_new ();
  const char *separators = strchr (line, '\t') != NULL ? "\t" : ", ";
  char *p = line;

  while (*p != '\0')
    {
      char *end = p + strcspn (p, separators);
      char saved = *end;

      *end = '\0';
      g_strstrip (p);
      if (*p != '\0')
        g_ptr_array_add (fields, p);
      if (saved == '\0')
        break;
      p = end + 1;
    }
  return fields;
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && errno == 0 && isfinite (*value);
}

static int
find_column (GPtrArray          *header,
             const char * const *accepted)
{
  for (guint c = 0; c < header->len; c++)
    for (guint a = 0; accepted[a] != NULL; a++)
      if (g_ascii_strcasecmp (g_ptr_array_index (header, c), accepted[a]) == 0)
        return (int) c;
  return -1;
}

/* A neuron by name, or else by 0-based index (the rule of every neuron argument). */
static int
resolve_neuron (GHashTable *by_name,
                const char *text,
                guint       n)
{
  gpointer value;
  char *end = NULL;
  guint64 index;

  if (by_name != NULL && g_hash_table_lookup_extended (by_name, text, NULL, &value))
    return GPOINTER_TO_INT (value);
  /* Results name neurons by their display form (glmcc_display_text): a truth file may have
   * the original bytes. */
  if (by_name != NULL)
    {
      g_autofree char *display = glmcc_display_text (text, -1);

      if (g_hash_table_lookup_extended (by_name, display, NULL, &value))
        return GPOINTER_TO_INT (value);
    }
  if (!g_ascii_isdigit (text[0]))
    return -1;
  errno = 0;
  index = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || errno != 0 || index >= n)
    return -1;
  return (int) index;
}

static gboolean
header_has_pre (GPtrArray *fields)
{
  static const char * const pre_names[] = { "pre", "source", NULL };
  return find_column (fields, pre_names) >= 0;
}

static gboolean
load_table (GlmccTruth          *truth,
            const char          *path,
            char               **lines,
            guint                first,
            const char * const  *names,
            GError             **error)
{
  static const char * const pre_names[] = { "pre", "source", NULL };
  static const char * const post_names[] = { "post", "target", NULL };
  static const char * const psp_names[] = { "psp_mv", "psp", "weight", NULL };
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GPtrArray) header = split_fields (lines[first]);
  int c_pre = find_column (header, pre_names);
  int c_post = find_column (header, post_names);
  int c_psp = find_column (header, psp_names);
  int needed;

  if (c_post < 0 || c_psp < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s:%u: the header needs the columns pre, post and psp_mV"), path, first + 1);
      return FALSE;
    }
  needed = MAX (c_pre, MAX (c_post, c_psp)) + 1;

  if (names != NULL)
    {
      by_name = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < truth->n && names[i] != NULL; i++)
        g_hash_table_insert (by_name, (gpointer) names[i], GINT_TO_POINTER ((int) i));
    }

  for (guint l = first + 1; lines[l] != NULL; l++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      const char *pre_text, *post_text;
      int pre, post;
      double psp;

      g_strstrip (lines[l]);
      if (lines[l][0] == '\0' || lines[l][0] == '#')
        continue;
      fields = split_fields (lines[l]);
      if ((int) fields->len < needed)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       glmcc_ngettext ("%s:%u: %u field where the header has %u",
                                       "%s:%u: %u fields where the header has %u", fields->len),
                       path, l + 1, fields->len, header->len);
          return FALSE;
        }
      pre_text = g_ptr_array_index (fields, c_pre);
      post_text = g_ptr_array_index (fields, c_post);
      pre = resolve_neuron (by_name, pre_text, truth->n);
      post = resolve_neuron (by_name, post_text, truth->n);
      if (pre < 0 || post < 0)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s:%u: '%s' is neither a neuron name nor an index below %u"),
                       path, l + 1, pre < 0 ? pre_text : post_text, truth->n);
          return FALSE;
        }
      if (!parse_number (g_ptr_array_index (fields, c_psp), &psp))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                       _("%s:%u: the PSP '%s' is not a number"), path, l + 1,
                       (const char *) g_ptr_array_index (fields, c_psp));
          return FALSE;
        }
      if (pre == post)
        continue;
      /* Several synapses between the same two neurons add up. */
      truth->psp[(gsize) pre * truth->n + post] += psp;
    }
  return TRUE;
}

static gboolean
load_matrix (GlmccTruth  *truth,
             const char  *path,
             char       **lines,
             guint        first,
             GError     **error)
{
  guint row = 0;

  for (guint l = first; lines[l] != NULL; l++)
    {
      g_autoptr(GPtrArray) fields = NULL;

      g_strstrip (lines[l]);
      if (lines[l][0] == '\0' || lines[l][0] == '#')
        continue;
      fields = split_fields (lines[l]);
      if (row >= truth->n)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                       _("%s:%u: more than %u rows, but the results have %u neurons"),
                       path, l + 1, truth->n, truth->n);
          return FALSE;
        }
      if (fields->len != truth->n)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                       _("%s:%u: %u values, but the results have %u neurons"),
                       path, l + 1, fields->len, truth->n);
          return FALSE;
        }
      for (guint col = 0; col < truth->n; col++)
        {
          double value;

          if (!parse_number (g_ptr_array_index (fields, col), &value))
            {
              g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                           _("%s:%u: value %u ('%s') is not a number"), path, l + 1, col + 1,
                           (const char *) g_ptr_array_index (fields, col));
              return FALSE;
            }
          if (col != row)
            truth->psp[(gsize) row * truth->n + col] = value;
        }
      row++;
    }
  if (row != truth->n)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("%s: %u rows, but the results have %u neurons"), path, row, truth->n);
      return FALSE;
    }
  return TRUE;
}

GlmccTruth *
glmcc_truth_load (const char         *path,
                  guint               n_neurons,
                  const char * const *names,
                  GError            **error)
{
  g_autoptr(GlmccTruth) truth = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint first = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_strdelimit (lines[l], "\r", ' ');
      g_strstrip (lines[l]);
    }
  while (lines[first] != NULL && (lines[first][0] == '\0' || lines[first][0] == '#'))
    first++;
  if (lines[first] == NULL)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, _("%s: the file is empty"), path);
      return NULL;
    }

  truth = glmcc_truth_new (n_neurons);
  {
    g_autofree char *copy = g_strdup (lines[first]);
    g_autoptr(GPtrArray) fields = split_fields (copy);
    gboolean is_table = header_has_pre (fields);

    if (is_table ? !load_table (truth, path, lines, first, names, error)
                 : !load_matrix (truth, path, lines, first, error))
      return NULL;
  }
  return g_steal_pointer (&truth);
}

/* Scoring -------------------------------------------------------------------------------------- */

void
glmcc_score_counts_finish (GlmccScoreCounts *c)
{
  double tp = c->tp, fp = c->fp, fn = c->fn, tn = c->tn;
  double denominator = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);

  c->precision = c->tp + c->fp > 0 ? tp / (tp + fp) : (double) NAN;
  c->recall = c->tp + c->fn > 0 ? tp / (tp + fn) : (double) NAN;
  c->mcc = denominator > 0 ? (tp * tn - fp * fn) / sqrt (denominator) : 0.0;
  c->accuracy = tp + fp + fn + tn > 0 ? (tp + tn) / (tp + fp + fn + tn) : (double) NAN;
}

static void
count (GlmccScoreCounts *c,
       gboolean          truly,
       gboolean          predicted)
{
  if (truly && predicted)
    c->tp++;
  else if (predicted)
    c->fp++;
  else if (truly)
    c->fn++;
  else
    c->tn++;
}

static int
sign_of (double x)
{
  return (x > 0) - (x < 0);
}

GlmccScoreOutcome
glmcc_score_edge_outcome (const GlmccEdge *edge,
                          double           true_psp_mv)
{
  int t, p = 0;

  g_return_val_if_fail (edge != NULL, GLMCC_SCORE_NOT_SCORED);

  if (edge->status == GLMCC_STATUS_PENDING)
    return GLMCC_SCORE_NOT_SCORED;
  if (edge->status == GLMCC_STATUS_SIGNIFICANT)
    p = sign_of (edge->psp_mv != 0 ? edge->psp_mv : edge->j);
  t = sign_of (true_psp_mv);
  if (t != 0 && p == t)
    return GLMCC_SCORE_TRUE_POSITIVE;
  if (t == 0 && p == 0)
    return GLMCC_SCORE_TRUE_NEGATIVE;
  if (t == 0)
    return GLMCC_SCORE_FALSE_POSITIVE;
  if (p == 0)
    return GLMCC_SCORE_FALSE_NEGATIVE;
  return GLMCC_SCORE_WRONG_SIGN;
}

const char *
glmcc_score_outcome_to_string (GlmccScoreOutcome outcome)
{
  switch (outcome)
    {
    case GLMCC_SCORE_TRUE_POSITIVE: return "TP";
    case GLMCC_SCORE_FALSE_POSITIVE: return "FP";
    case GLMCC_SCORE_FALSE_NEGATIVE: return "FN";
    case GLMCC_SCORE_WRONG_SIGN: return "wrong sign";
    case GLMCC_SCORE_TRUE_NEGATIVE: return "TN";
    case GLMCC_SCORE_NOT_SCORED:
    default:
      return "";
    }
}

gboolean
glmcc_score_compute (GlmccResults *results,
                     GlmccTruth   *truth,
                     GlmccScore   *score,
                     GError      **error)
{
  guint n;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (truth != NULL, FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  n = glmcc_results_get_n_neurons (results);
  if (truth->n != n)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   _("the truth has %u neurons, the results %u"), truth->n, n);
      return FALSE;
    }

  memset (score, 0, sizeof *score);
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        GlmccEdge stored;
        const GlmccEdge *edge = &stored;
        int t, p = 0;

        if (pre == post)
          continue;
        stored = glmcc_results_get_edge (results, pre, post);
        if (edge->status == GLMCC_STATUS_PENDING)
          {
            score->n_pending++;
            continue;
          }
        if (edge->status == GLMCC_STATUS_SIGNIFICANT)
          p = sign_of (edge->psp_mv != 0 ? edge->psp_mv : edge->j);
        t = sign_of (truth->psp[(gsize) pre * n + post]);

        count (&score->excitatory, t > 0, p > 0);
        count (&score->inhibitory, t < 0, p < 0);
        switch (glmcc_score_edge_outcome (edge, truth->psp[(gsize) pre * n + post]))
          {
          case GLMCC_SCORE_TRUE_POSITIVE: score->overall.tp++; break;
          case GLMCC_SCORE_TRUE_NEGATIVE: score->overall.tn++; break;
          case GLMCC_SCORE_FALSE_POSITIVE: score->overall.fp++; break;
          case GLMCC_SCORE_FALSE_NEGATIVE: score->overall.fn++; break;
          case GLMCC_SCORE_WRONG_SIGN: score->overall.fp++; score->overall.fn++; break;
          case GLMCC_SCORE_NOT_SCORED:
          default:
            break;
          }
        score->n_scored++;
      }

  glmcc_score_counts_finish (&score->excitatory);
  glmcc_score_counts_finish (&score->inhibitory);
  glmcc_score_counts_finish (&score->overall);
  /* A synapse found with the wrong sign is one pair called wrong, though it counts as a false
   * positive and a false negative. */
  score->overall.accuracy = score->n_scored > 0
                            ? (double) (score->overall.tp + score->overall.tn) / score->n_scored
                            : (double) NAN;
  return TRUE;
}
