/* glmcc-results.c: the edges of a run, their labels, exports and the JSON round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-results"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "glmcc-error.h"
#include "glmcc-results.h"

#define RESULTS_FORMAT_VERSION 1

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
  char            *fingerprint;
  guint            shard_index;
  guint            shard_count;
  GlmccEdge       *edges;       /* n × n, [pre * n + post] */
};

static void
edge_init_pending (GlmccEdge *edge)
{
  edge->status = GLMCC_STATUS_PENDING;
  edge->j = 0.0;
  edge->threshold = NAN;
  edge->statistic = NAN;
  edge->p_value = NAN;
  edge->psp_mv = 0.0;
  edge->delay_ms = NAN;
  edge->n_lags = 0;
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
  results->edges = g_new (GlmccEdge, (gsize) n * n);
  for (gsize i = 0; i < (gsize) n * n; i++)
    edge_init_pending (&results->edges[i]);
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
  results->fingerprint = compute_fingerprint (recording);
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
  g_free (results->edges);
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

const char *
glmcc_results_get_fingerprint (GlmccResults *results)
{
  g_return_val_if_fail (results != NULL, NULL);

  return results->fingerprint;
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

const GlmccEdge *
glmcc_results_get_edge (GlmccResults *results,
                        guint         pre,
                        guint         post)
{
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (pre < results->n && post < results->n, NULL);

  return &results->edges[(gsize) pre * results->n + post];
}

void
glmcc_results_set_edge (GlmccResults    *results,
                        guint            pre,
                        guint            post,
                        const GlmccEdge *edge)
{
  g_return_if_fail (results != NULL);
  g_return_if_fail (pre < results->n && post < results->n && pre != post);

  results->edges[(gsize) pre * results->n + post] = *edge;
}

void
glmcc_results_set_pair (GlmccResults          *results,
                        guint                  ref,
                        guint                  target,
                        const GlmccPairResult *pair)
{
  g_return_if_fail (results != NULL);
  g_return_if_fail (pair != NULL);

  glmcc_results_set_edge (results, ref, target, &pair->forward);
  glmcc_results_set_edge (results, target, ref, &pair->backward);
}

gboolean
glmcc_results_pair_done (GlmccResults *results,
                         guint         i,
                         guint         j)
{
  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (i < results->n && j < results->n, FALSE);

  return results->edges[(gsize) i * results->n + j].status != GLMCC_STATUS_PENDING
         && results->edges[(gsize) j * results->n + i].status != GLMCC_STATUS_PENDING;
}

guint64
glmcc_results_count_done (GlmccResults *results)
{
  guint64 done = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (guint i = 0; i < results->n; i++)
    for (guint j = 0; j < i; j++)
      done += glmcc_results_pair_done (results, i, j);
  return done;
}

guint64
glmcc_results_count_significant (GlmccResults *results)
{
  guint64 count = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (gsize i = 0; i < (gsize) results->n * results->n; i++)
    count += results->edges[i].status == GLMCC_STATUS_SIGNIFICANT;
  return count;
}

GlmccLabel
glmcc_results_get_label (GlmccResults *results,
                         guint         neuron)
{
  guint positive = 0, negative = 0;

  g_return_val_if_fail (results != NULL, GLMCC_LABEL_UNKNOWN);
  g_return_val_if_fail (neuron < results->n, GLMCC_LABEL_UNKNOWN);

  for (guint post = 0; post < results->n; post++)
    {
      const GlmccEdge *edge = &results->edges[(gsize) neuron * results->n + post];
      if (post == neuron || edge->status != GLMCC_STATUS_SIGNIFICANT)
        continue;
      if (edge->psp_mv > 0.0)
        positive++;
      else if (edge->psp_mv < 0.0)
        negative++;
    }
  if (positive > negative)
    return GLMCC_LABEL_EXCITATORY;
  if (negative > positive)
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
  snprintf (text, sizeof text, "%.6f", value);
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

gboolean
glmcc_results_write_matrix (GlmccResults *results,
                            const char   *path,
                            GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (results != NULL, FALSE);

  for (guint pre = 0; pre < results->n; pre++)
    {
      for (guint post = 0; post < results->n; post++)
        {
          const GlmccEdge *edge = &results->edges[(gsize) pre * results->n + post];
          if (post > 0)
            g_string_append (out, ", ");
          append_psp (out, pre != post && edge->status == GLMCC_STATUS_SIGNIFICANT
                             ? edge->psp_mv : 0.0);
        }
      g_string_append_c (out, '\n');
    }
  return glmcc_write_gstring (path, out, error);
}

gboolean
glmcc_results_write_edges (GlmccResults *results,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GString) out = g_string_new ("pre\tpost\tstatus\tj\tthreshold\tstatistic\tp_value\tpsp_mv\tdelay_ms\tn_lags\n");

  g_return_val_if_fail (results != NULL, FALSE);

  for (guint pre = 0; pre < results->n; pre++)
    for (guint post = 0; post < results->n; post++)
      {
        const GlmccEdge *edge = &results->edges[(gsize) pre * results->n + post];

        if (pre == post)
          continue;
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
        append_number (out, edge->psp_mv);
        g_string_append_c (out, '\t');
        append_number (out, edge->delay_ms);
        g_string_append_printf (out, "\t%u\n", edge->n_lags);
      }
  return glmcc_write_gstring (path, out, error);
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
build_header (GlmccResults *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const double *delays;
  guint n_delays = glmcc_params_get_delays (&results->params, &delays);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RESULTS_FORMAT_VERSION);
  json_builder_set_member_name (builder, "program");
  json_builder_add_string_value (builder, "glmcc " PACKAGE_VERSION);

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
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "recording");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, results->source ? results->source : "");
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, results->format ? results->format : "");
  json_builder_set_member_name (builder, "fingerprint");
  json_builder_add_string_value (builder, results->fingerprint ? results->fingerprint : "");
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

  json_builder_set_member_name (builder, "neurons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, results->names[i]);
      add_double (builder, "rate_hz", results->rates[i]);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder,
                                     glmcc_label_to_string (glmcc_results_get_label (results, i)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
build_edge (GlmccResults    *results,
            guint            pre,
            guint            post,
            const GlmccEdge *edge)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pre");
  json_builder_add_string_value (builder, results->names[pre]);
  json_builder_set_member_name (builder, "post");
  json_builder_add_string_value (builder, results->names[post]);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, glmcc_status_to_string (edge->status));
  add_double (builder, "j", edge->j);
  add_double (builder, "threshold", edge->threshold);
  add_double (builder, "statistic", edge->statistic);
  add_double (builder, "p_value", edge->p_value);
  add_double (builder, "psp_mv", edge->psp_mv);
  add_double (builder, "delay_ms", edge->delay_ms);
  json_builder_set_member_name (builder, "n_lags");
  json_builder_add_int_value (builder, edge->n_lags);
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

/* json-glib encodes every value; the edge array is streamed one object at a time so that a
 * run of 1,000 neurons (a million edges) never holds a million JSON nodes. Pending edges are
 * left out: a partial run or a shard lists only what it computed. */
gboolean
glmcc_results_write_json (GlmccResults *results,
                          const char   *path,
                          GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) header = NULL;
  g_autofree char *header_text = NULL;
  gsize len;
  gboolean first = TRUE;

  g_return_val_if_fail (results != NULL, FALSE);

  header = build_header (results);
  header_text = node_to_string (header, TRUE);
  len = strlen (header_text);
  /* Reopen the header object to append the edges member. */
  while (len > 0 && header_text[len - 1] != '}')
    len--;
  g_return_val_if_fail (len > 0, FALSE);
  g_string_append_len (out, header_text, len - 1);
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  g_string_append (out, ",\n  \"edges\" : [\n");
  for (guint pre = 0; pre < results->n; pre++)
    for (guint post = 0; post < results->n; post++)
      {
        const GlmccEdge *edge = &results->edges[(gsize) pre * results->n + post];
        g_autoptr(JsonNode) node = NULL;
        g_autofree char *text = NULL;

        if (pre == post || edge->status == GLMCC_STATUS_PENDING)
          continue;
        node = build_edge (results, pre, post, edge);
        text = node_to_string (node, FALSE);
        if (!first)
          g_string_append (out, ",\n");
        g_string_append (out, "    ");
        g_string_append (out, text);
        first = FALSE;
      }
  g_string_append (out, "\n  ]\n}\n");
  return glmcc_write_gstring (path, out, error);
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
  gboolean lr = results->params.test == GLMCC_TEST_LR;

  g_return_val_if_fail (results != NULL, FALSE);

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
    "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"rate\" for=\"node\" attr.name=\"rate\" attr.type=\"double\"/>\n"
    "  <key id=\"j\" for=\"edge\" attr.name=\"j\" attr.type=\"double\"/>\n"
    "  <key id=\"psp_mv\" for=\"edge\" attr.name=\"psp_mv\" attr.type=\"double\"/>\n"
    "  <key id=\"delay_ms\" for=\"edge\" attr.name=\"delay_ms\" attr.type=\"double\"/>\n");
  g_string_append_printf (out,
    "  <key id=\"%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"double\"/>\n"
    "  <key id=\"status\" for=\"edge\" attr.name=\"status\" attr.type=\"string\"/>\n"
    "  <graph id=\"glmcc\" edgedefault=\"directed\">\n",
    lr ? "statistic" : "p_value", lr ? "statistic" : "p_value");
  for (guint i = 0; i < results->n; i++)
    {
      g_string_append_printf (out, "    <node id=\"n%u\">\n      <data key=\"name\">", i);
      append_xml_escaped (out, results->names[i]);
      g_string_append_printf (out, "</data>\n      <data key=\"type\">%s</data>\n"
                                   "      <data key=\"rate\">",
                              glmcc_label_to_string (glmcc_results_get_label (results, i)));
      append_number (out, results->rates[i]);
      g_string_append (out, "</data>\n    </node>\n");
    }
  for (guint pre = 0; pre < results->n; pre++)
    for (guint post = 0; post < results->n; post++)
      {
        const GlmccEdge *edge = &results->edges[(gsize) pre * results->n + post];

        if (pre == post || edge->status != GLMCC_STATUS_SIGNIFICANT)
          continue;
        g_string_append_printf (out, "    <edge source=\"n%u\" target=\"n%u\">\n"
                                     "      <data key=\"j\">", pre, post);
        append_number (out, edge->j);
        g_string_append (out, "</data>\n      <data key=\"psp_mv\">");
        append_number (out, edge->psp_mv);
        g_string_append (out, "</data>\n      <data key=\"delay_ms\">");
        append_number (out, edge->delay_ms);
        g_string_append_printf (out, "</data>\n      <data key=\"%s\">", lr ? "statistic" : "p_value");
        append_number (out, lr ? edge->statistic : edge->p_value);
        g_string_append_printf (out, "</data>\n      <data key=\"status\">%s</data>\n    </edge>\n",
                                glmcc_status_to_string (edge->status));
      }
  g_string_append (out, "  </graph>\n</graphml>\n");
  return glmcc_write_gstring (path, out, error);
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
  JsonArray *delays = get_array (object, "delays_ms");

  glmcc_params_init (params);
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

GlmccResults *
glmcc_results_load_json (const char *path,
                         GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlmccResults) results = NULL;
  g_autoptr(GHashTable) index = NULL;
  JsonNode *root;
  JsonObject *top, *params_object, *recording, *epoch, *shard;
  JsonArray *names, *counts, *dropped, *neurons, *edges, *notes;
  GlmccParams params;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, GLMCC_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     || local_error->domain == G_FILE_ERROR ? GLMCC_ERROR_IO : GLMCC_ERROR_PARSE,
                   "%s: %s", path, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    BAD_JSON ("%s: not a glmcc results file (no top-level object)", path);
  top = json_node_get_object (root);
  if (json_object_get_int_member_with_default (top, "version", 0) != RESULTS_FORMAT_VERSION)
    BAD_JSON ("%s: not a glmcc results file of version %d", path, RESULTS_FORMAT_VERSION);
  params_object = get_object (top, "parameters");
  recording = get_object (top, "recording");
  if (params_object == NULL || !read_params (params_object, &params))
    BAD_JSON ("%s: missing or invalid \"parameters\"", path);
  if (recording == NULL || (names = get_array (recording, "names")) == NULL)
    BAD_JSON ("%s: missing \"recording\" names", path);
  n = json_array_get_length (names);
  if (n < 2)
    BAD_JSON ("%s: fewer than two neurons", path);
  counts = get_array (recording, "spike_counts");
  dropped = get_array (recording, "dropped_spikes");
  neurons = get_array (top, "neurons");
  edges = get_array (top, "edges");
  notes = get_array (recording, "conversions");
  if (counts == NULL || json_array_get_length (counts) != n
      || neurons == NULL || json_array_get_length (neurons) != n || edges == NULL)
    BAD_JSON ("%s: the recording, neuron and edge lists do not agree", path);

  results = results_alloc (n);
  results->params = params;
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *name = json_array_get_element (names, i);
      JsonNode *neuron = json_array_get_element (neurons, i);

      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
        BAD_JSON ("%s: neuron %u has no name", path, i);
      results->names[i] = g_strdup (json_node_get_string (name));
      if (g_hash_table_contains (index, results->names[i]))
        BAD_JSON ("%s: neuron name '%s' appears twice", path, results->names[i]);
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
      if (shard_count < 1 || shard_index < 1 || shard_index > shard_count)
        BAD_JSON ("%s: invalid shard %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, path,
                  shard_index, shard_count);
      results->shard_index = (guint) shard_index - 1;
      results->shard_count = (guint) shard_count;
    }

  for (guint e = 0; e < json_array_get_length (edges); e++)
    {
      JsonNode *node = json_array_get_element (edges, e);
      JsonObject *object;
      const char *pre_name, *post_name, *status_name;
      guint pre, post;
      GlmccEdge edge;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        BAD_JSON ("%s: edge %u is not an object", path, e);
      object = json_node_get_object (node);
      pre_name = json_object_get_string_member_with_default (object, "pre", "");
      post_name = json_object_get_string_member_with_default (object, "post", "");
      status_name = json_object_get_string_member_with_default (object, "status", "");
      pre = GPOINTER_TO_UINT (g_hash_table_lookup (index, pre_name));
      post = GPOINTER_TO_UINT (g_hash_table_lookup (index, post_name));
      if (pre == 0 || post == 0 || pre == post)
        BAD_JSON ("%s: edge %u names unknown neurons '%s' → '%s'", path, e, pre_name, post_name);
      if (!glmcc_status_from_string (status_name, &edge.status))
        BAD_JSON ("%s: edge %u has an unknown status '%s'", path, e, status_name);
      edge.j = get_double_or_nan (object, "j");
      edge.threshold = get_double_or_nan (object, "threshold");
      edge.statistic = get_double_or_nan (object, "statistic");
      edge.p_value = get_double_or_nan (object, "p_value");
      edge.psp_mv = get_double_or_nan (object, "psp_mv");
      if (isnan (edge.psp_mv))
        edge.psp_mv = 0.0;
      edge.delay_ms = get_double_or_nan (object, "delay_ms");
      edge.n_lags = (guint) json_object_get_int_member_with_default (object, "n_lags", 0);
      results->edges[(gsize) (pre - 1) * n + (post - 1)] = edge;
    }
  return g_steal_pointer (&results);
}

gboolean
glmcc_results_merge (GlmccResults *into,
                     GlmccResults *part,
                     GError      **error)
{
  g_return_val_if_fail (into != NULL && part != NULL, FALSE);

  if (into->n != part->n || g_strcmp0 (into->fingerprint, part->fingerprint) != 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   "the results come from different recordings (or epochs)");
      return FALSE;
    }
  for (guint i = 0; i < into->n; i++)
    if (g_strcmp0 (into->names[i], part->names[i]) != 0)
      {
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                     "the results name neuron %u differently ('%s' and '%s')",
                     i, into->names[i], part->names[i]);
        return FALSE;
      }
  if (!glmcc_params_equal (&into->params, &part->params))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_MISMATCH,
                   "the results were computed with different parameters");
      return FALSE;
    }
  for (gsize i = 0; i < (gsize) into->n * into->n; i++)
    if (part->edges[i].status != GLMCC_STATUS_PENDING)
      into->edges[i] = part->edges[i];
  into->shard_index = 0;
  into->shard_count = 1;
  return TRUE;
}
