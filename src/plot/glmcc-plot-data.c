/* glmcc-plot-data.c: GlmccCcgPlot and GlmccNetworkPlot from pair fits and results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "glmcc-autocorrelogram.h"
#include "glmcc-plot-data.h"
#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"

void
glmcc_ccg_plot_data_set_bands (GlmccCcgPlotData       *data,
                               const GlmccMethodBands *bands)
{
  GlmccCcgPlot *p;
  guint n;

  g_return_if_fail (data != NULL);

  p = &data->plot;
  g_clear_pointer (&data->bands, g_free);
  p->band_expected = p->band_pointwise_lo = p->band_pointwise_hi = NULL;
  p->band_global_lo = p->band_global_hi = NULL;
  if (bands == NULL)
    return;
  g_return_if_fail (bands->n_bins == p->n_bins);

  n = bands->n_bins;
  data->bands = g_new (double, 5 * (gsize) MAX (n, 1));
  memcpy (data->bands, bands->expected, n * sizeof (double));
  memcpy (data->bands + n, bands->pointwise_lo, n * sizeof (double));
  memcpy (data->bands + 2 * n, bands->pointwise_hi, n * sizeof (double));
  memcpy (data->bands + 3 * n, bands->global_lo, n * sizeof (double));
  memcpy (data->bands + 4 * n, bands->global_hi, n * sizeof (double));
  p->band_expected = data->bands;
  p->band_pointwise_lo = data->bands + n;
  p->band_pointwise_hi = data->bands + 2 * n;
  p->band_global_lo = data->bands + 3 * n;
  p->band_global_hi = data->bands + 4 * n;
}

static void
baseline_side (GlmccCcgSide    *side,
               const GlmccEdge *edge)
{
  side->status = glmcc_plot_status_text (edge->status);
  side->significant = edge->status == GLMCC_STATUS_SIGNIFICANT;
  side->j = edge->j;
  side->psp_mv = edge->psp_mv;
  side->threshold = edge->threshold;
  side->statistic = edge->statistic;
  side->p_value = edge->p_value;
  side->delay_ms = edge->delay_ms;
}

void
glmcc_ccg_plot_data_set_baseline (GlmccCcgPlotData      *data,
                                  const GlmccParams     *params,
                                  const GlmccPairResult *result)
{
  GlmccCcgPlot *p;
  g_autofree char *alpha = NULL;
  char *subtitle;

  g_return_if_fail (data != NULL && params != NULL && result != NULL);
  g_return_if_fail (params->method != GLMCC_METHOD_GLMCC);

  p = &data->plot;
  p->baseline = TRUE;
  p->has_fit = FALSE;
  baseline_side (&p->forward, &result->forward);
  baseline_side (&p->backward, &result->backward);
  alpha = glmcc_plot_format_value (glmcc_params_get_alpha (params));
  if (params->method == GLMCC_METHOD_CC)
    {
      g_autofree char *tau = glmcc_plot_format_compact (params->tau_ms);

      subtitle = g_strdup_printf (_("classical cross-correlation test: window (d, d + %s ms] against "
                                  "the flanks, \xce\xb1 = %s"), tau, alpha);
    }
  else
    {
      g_autofree char *width = glmcc_plot_format_compact (glmcc_params_get_jitter_width (params));

      subtitle = g_strdup_printf (_("jitter method: %s ms intervals, up to %u surrogates, seed %u, "
                                  "\xce\xb1 = %s"), width, glmcc_params_get_surrogates (params),
                                  params->seed, alpha);
    }
  g_free (data->subtitle);
  data->subtitle = subtitle;
  p->subtitle = data->subtitle;
}

const char *
glmcc_plot_status_text (GlmccStatus status)
{
  switch (status)
    {
    case GLMCC_STATUS_SIGNIFICANT:
      return _("significant");
    case GLMCC_STATUS_NOT_SIGNIFICANT:
      return _("not significant");
    case GLMCC_STATUS_INSUFFICIENT_DATA:
      return _("insufficient data (\xcf\x84\xc2\xb7" "c\xcc\x84 \xe2\x89\xa4 10)");
    case GLMCC_STATUS_NO_LAGS:
      return _("no lags in the window");
    case GLMCC_STATUS_NOT_CONVERGED:
      return _("fit did not converge");
    case GLMCC_STATUS_NUMERICAL_ERROR:
      return _("numerical error");
    case GLMCC_STATUS_PENDING:
      return _("not computed");
    default:
      return _("unknown");
    }
}

static void
side_from_edge (GlmccCcgSide    *side,
                const GlmccEdge *edge)
{
  side->status = glmcc_plot_status_text (edge->status);
  side->significant = edge->status == GLMCC_STATUS_SIGNIFICANT;
  side->j = edge->j;
  side->psp_mv = edge->psp_mv;
  side->threshold = edge->threshold;
  side->statistic = isfinite (edge->threshold) ? (double) NAN : edge->statistic;
  side->p_value = edge->p_value;
  side->delay_ms = edge->delay_ms;
}

static char *
describe_params (const GlmccParams *params,
                 gsize              n_ref,
                 gsize              n_target,
                 guint64            n_lags)
{
  g_autofree char *gamma = glmcc_plot_format_value (glmcc_params_get_gamma (params));
  g_autofree char *alpha = glmcc_plot_format_value (glmcc_params_get_alpha (params));
  g_autofree char *bin = glmcc_plot_format_compact (params->bin_ms);
  g_autofree char *window = glmcc_plot_format_compact (params->window_ms);
  g_autofree char *tau = glmcc_plot_format_compact (params->tau_ms);

  return g_strdup_printf (_("%zu reference and %zu target spikes, %" PRIu64 " lags within \xc2\xb1%s ms "
                            "\xc2\xb7 bin %s ms \xc2\xb7 \xcf\x84 = %s ms \xc2\xb7 \xce\xb3 = %s \xc2\xb7 %s test, "
                            "\xce\xb1 = %s%s"),
                          n_ref, n_target, n_lags, window, bin, tau, gamma,
                          params->test == GLMCC_TEST_LR ? "LR" : "Wald", alpha,
                          params->compat_reference ? _(" \xc2\xb7 reference compatibility") : "");
}

GlmccCcgPlotData *
glmcc_ccg_plot_data_new (const GlmccPairResult *pair,
                         const GlmccParams     *params,
                         const char            *ref_name,
                         const char            *target_name,
                         gsize                  n_ref_spikes,
                         gsize                  n_target_spikes)
{
  GlmccCcgPlotData *data;
  GlmccCcgPlot *p;

  g_return_val_if_fail (pair != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  data = g_new0 (GlmccCcgPlotData, 1);
  p = &data->plot;
  glmcc_ccg_plot_init (p);

  data->ref_name = g_strdup (ref_name != NULL ? ref_name : _("reference"));
  data->target_name = g_strdup (target_name != NULL ? target_name : _("target"));
  if (pair->counts != NULL && pair->n_bins > 0)
    data->counts = g_memdup2 (pair->counts, sizeof (double) * pair->n_bins);
  if (pair->a != NULL && pair->n_bins > 0)
    data->a = g_memdup2 (pair->a, sizeof (double) * pair->n_bins);
  data->subtitle = describe_params (params, n_ref_spikes, n_target_spikes, pair->n_lags);

  p->n_bins = data->counts != NULL ? pair->n_bins : 0;
  p->window_ms = params->window_ms;
  p->bin_ms = params->bin_ms;
  p->counts = data->counts;
  p->n_ref_spikes = (double) n_ref_spikes;
  p->n_target_spikes = (double) n_target_spikes;
  p->unit = GLMCC_PLOT_UNIT_COUNT;
  p->exclude_center_ms = params->exclude_center_ms;
  p->tau_ms = params->tau_ms;

  /* Curves only for a fit that converged (the fit's status stays PENDING then). */
  p->has_fit = data->a != NULL && pair->fit.status == GLMCC_STATUS_PENDING
               && pair->n_delays > 0 && isfinite (pair->fit.j_plus) && isfinite (pair->fit.j_minus);
  p->a = data->a;
  p->j_plus = pair->fit.j_plus;
  p->j_minus = pair->fit.j_minus;
  p->delay_ms = pair->n_delays > 0 && pair->delay_index < pair->n_delays
                ? pair->delays_ms[pair->delay_index] : pair->forward.delay_ms;
  if (!isfinite (p->delay_ms))
    p->has_fit = FALSE;

  p->ref_name = data->ref_name;
  p->target_name = data->target_name;
  p->subtitle = data->subtitle;
  side_from_edge (&p->forward, &pair->forward);
  side_from_edge (&p->backward, &pair->backward);
  return data;
}

void
glmcc_ccg_plot_data_free (GlmccCcgPlotData *data)
{
  if (data == NULL)
    return;
  g_free (data->counts);
  g_free (data->a);
  g_free (data->ref_name);
  g_free (data->target_name);
  g_free (data->subtitle);
  g_free (data->ref_acg);
  g_free (data->target_acg);
  g_free (data->bands);
  g_free (data);
}

void
glmcc_ccg_plot_data_set_autocorrelograms (GlmccCcgPlotData *data,
                                          const double     *ref_train,
                                          gsize             n_ref,
                                          const double     *target_train,
                                          gsize             n_target)
{
  GlmccCcgPlot *p;

  g_return_if_fail (data != NULL);

  p = &data->plot;
  if (p->n_bins == 0 || !(p->window_ms > 0.0))
    return;
  g_free (data->ref_acg);
  g_free (data->target_acg);
  data->ref_acg = g_new (double, p->n_bins);
  data->target_acg = g_new (double, p->n_bins);
  glmcc_autocorrelogram (ref_train, n_ref, p->window_ms, p->bin_ms, p->n_bins, data->ref_acg);
  glmcc_autocorrelogram (target_train, n_target, p->window_ms, p->bin_ms, p->n_bins, data->target_acg);
  p->acg_n_bins = p->n_bins;
  p->acg_window_ms = p->window_ms;
  p->ref_acg = data->ref_acg;
  p->target_acg = data->target_acg;
  p->n_target_spikes = (double) n_target;
}

GlmccNetworkPlotData *
glmcc_network_plot_data_new (GlmccResults   *results,
                             GlmccRecording *recording)
{
  GlmccNetworkPlotData *data;
  GArray *edges;
  guint n;
  gboolean any_position = FALSE, any_group = FALSE;
  g_autofree char *count = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  n = glmcc_results_get_n_neurons (results);
  if (recording != NULL && glmcc_recording_get_n_neurons (recording) != n)
    recording = NULL;
  data = g_new0 (GlmccNetworkPlotData, 1);
  glmcc_network_plot_init (&data->plot);
  data->names = g_new0 (char *, n + 1);
  data->psp_mv = g_new0 (double, (gsize) n * MAX (n, 1u));
  data->types = g_new0 (GlmccPlotNodeType, MAX (n, 1u));
  data->positions = g_new0 (double, 2 * (gsize) MAX (n, 1u));
  data->rates = g_new0 (double, MAX (n, 1u));
  data->groups = g_new (int, MAX (n, 1u));
  data->recording_positions = g_new (double, 2 * (gsize) MAX (n, 1u));
  edges = g_array_new (FALSE, FALSE, sizeof (GlmccPlotEdge));

  for (guint i = 0; i < n; i++)
    {
      data->names[i] = g_strdup (glmcc_results_get_name (results, i));
      data->rates[i] = glmcc_results_get_rate (results, i);
      switch (glmcc_results_get_label (results, i))
        {
        case GLMCC_LABEL_EXCITATORY:
          data->types[i] = GLMCC_PLOT_NODE_EXCITATORY;
          break;
        case GLMCC_LABEL_INHIBITORY:
          data->types[i] = GLMCC_PLOT_NODE_INHIBITORY;
          break;
        case GLMCC_LABEL_UNKNOWN:
        default:
          data->types[i] = GLMCC_PLOT_NODE_UNKNOWN;
          break;
        }
      for (guint j = 0; j < n; j++)
        {
          GlmccEdge stored;
          const GlmccEdge *edge = &stored;
          double v = 0.0;

          if (i != j)
            {
              stored = glmcc_results_get_edge (results, i, j);
              if (edge->status == GLMCC_STATUS_PENDING)
                v = NAN;
              else if (edge->status == GLMCC_STATUS_SIGNIFICANT && isfinite (edge->psp_mv) && edge->psp_mv != 0.0)
                {
                  GlmccPlotEdge e = { i, j, edge->psp_mv, edge->j, edge->p_value, edge->statistic,
                                      edge->delay_ms };

                  v = edge->psp_mv;
                  g_array_append_val (edges, e);
                }
            }
          data->psp_mv[(gsize) i * n + j] = v;
        }
      data->groups[i] = recording != NULL ? glmcc_recording_get_group (recording, i) : -1;
      any_group |= data->groups[i] >= 0;
      if (recording != NULL && glmcc_recording_get_position (recording, i, &data->recording_positions[2 * i],
                                                             &data->recording_positions[2 * i + 1]))
        any_position = TRUE;
      else
        data->recording_positions[2 * i] = data->recording_positions[2 * i + 1] = NAN;
    }
  if (!any_group)
    g_clear_pointer (&data->groups, g_free);
  if (!any_position)
    g_clear_pointer (&data->recording_positions, g_free);
  data->n_edges = edges->len;
  data->edges = (GlmccPlotEdge *) (gpointer) g_array_free (edges, FALSE);
  count = glmcc_plot_format_count (data->n_edges);
  {
    g_autofree char *neurons = glmcc_plot_format_count (n);

    data->title = g_strdup_printf (glmcc_ngettext ("%s neurons, %s significant connection",
                                                   "%s neurons, %s significant connections",
                                                   data->n_edges),
                                   neurons, count);
  }

  data->plot.n = n;
  data->plot.names = (const char * const *) data->names;
  data->plot.psp_mv = data->psp_mv;
  data->plot.types = data->types;
  data->plot.title = data->title;
  data->plot.edges = data->edges;
  data->plot.n_edges = data->n_edges;
  data->plot.rates = data->rates;
  data->plot.groups = data->groups;
  data->plot.recording_positions = data->recording_positions;
  glmcc_network_plot_data_set_layout (data, GLMCC_PLOT_LAYOUT_AUTO, 1);
  return data;
}

gboolean
glmcc_network_plot_data_set_layout (GlmccNetworkPlotData *data,
                                    GlmccPlotLayoutKind   kind,
                                    guint64               seed)
{
  GlmccPlotGuides guides;

  g_return_val_if_fail (data != NULL, FALSE);

  if (data->plot.n == 0)
    return TRUE;
  if (kind == GLMCC_PLOT_LAYOUT_AUTO || kind == GLMCC_PLOT_LAYOUT_POSITION)
    {
      g_autofree double *positions = g_new (double, 2 * (gsize) data->plot.n);

      if (glmcc_plot_layout_position (&data->plot, positions, &guides))
        {
          memcpy (data->positions, positions, 2 * sizeof (double) * data->plot.n);
          data->guides = guides;
          data->plot.positions = data->positions;
          data->plot.guides = &data->guides;
          return TRUE;
        }
      if (kind == GLMCC_PLOT_LAYOUT_POSITION)
        return FALSE;
      kind = GLMCC_PLOT_LAYOUT_CIRCLE;
    }
  data->plot.guides = NULL;
  if (kind == GLMCC_PLOT_LAYOUT_FORCE)
    glmcc_plot_layout_force (&data->plot, seed, NULL, data->positions);
  else
    glmcc_plot_layout_circle (&data->plot, data->positions);
  data->plot.positions = data->positions;
  return TRUE;
}

void
glmcc_network_plot_data_set_order (GlmccNetworkPlotData *data,
                                   GlmccPlotOrder        order)
{
  g_return_if_fail (data != NULL);

  if (order == GLMCC_PLOT_ORDER_INDEX)
    {
      g_clear_pointer (&data->order, g_free);
      g_clear_pointer (&data->blocks, g_free);
      data->plot.order = NULL;
      data->plot.blocks = NULL;
      return;
    }
  if (data->order == NULL)
    {
      data->order = g_new (guint, MAX (data->plot.n, 1u));
      data->blocks = g_new (int, MAX (data->plot.n, 1u));
    }
  glmcc_plot_order_neurons (&data->plot, order, data->order, data->blocks);
  data->plot.order = data->order;
  data->plot.blocks = data->blocks;
}

void
glmcc_network_plot_data_free (GlmccNetworkPlotData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->names);
  g_free (data->psp_mv);
  g_free (data->types);
  g_free (data->positions);
  g_free (data->title);
  g_free (data->edges);
  g_free (data->rates);
  g_free (data->groups);
  g_free (data->recording_positions);
  g_free (data->order);
  g_free (data->blocks);
  g_free (data);
}

/* Score figures ------------------------------------------------------------------------------ */

G_STATIC_ASSERT (GLMCC_PLOT_SCORE_CLASSES == GLMCC_SCORE_N_CLASSES);

static void
score_plot_data_update (GlmccScorePlotData *data)
{
  GlmccScoreSeries *series = (GlmccScoreSeries *) (gpointer) data->series->data;

  for (guint s = 0; s < data->series->len; s++)
    series[s].label = g_ptr_array_index (data->labels, s);
  data->plot.n_series = data->series->len;
  data->plot.series = series;
  data->plot.title = data->title;
  data->plot.subtitle = data->subtitle;
}

GlmccScorePlotData *
glmcc_score_plot_data_new (void)
{
  GlmccScorePlotData *data = g_new0 (GlmccScorePlotData, 1);

  data->curves = g_ptr_array_new_with_free_func ((GDestroyNotify) glmcc_score_curves_free);
  data->series = g_array_new (FALSE, TRUE, sizeof (GlmccScoreSeries));
  data->labels = g_ptr_array_new_with_free_func (g_free);
  score_plot_data_update (data);
  return data;
}

void
glmcc_score_plot_data_free (GlmccScorePlotData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->curves);
  g_array_unref (data->series);
  g_ptr_array_unref (data->labels);
  g_free (data->title);
  g_free (data->subtitle);
  g_free (data);
}

void
glmcc_score_plot_data_add (GlmccScorePlotData *data,
                           GlmccScoreCurves   *curves,
                           const char         *label)
{
  GlmccScoreSeries series = { 0 };

  g_return_if_fail (data != NULL && curves != NULL);

  g_ptr_array_add (data->curves, curves);
  g_ptr_array_add (data->labels, g_strdup (label != NULL ? label : ""));
  for (guint c = 0; c < GLMCC_PLOT_SCORE_CLASSES; c++)
    {
      const GlmccScoreCurve *curve = &curves->curves[c];
      guint64 total = curve->n_positive + curve->n_negative;

      series.n_points[c] = curve->n_points;
      series.fpr[c] = curve->fpr;
      series.tpr[c] = curve->tpr;
      series.precision[c] = curve->precision;
      series.auc[c] = curve->auc;
      series.average_precision[c] = curve->average_precision;
      series.positive_share[c] = total > 0 ? (double) curve->n_positive / total : (double) NAN;
    }
  series.n_scatter = curves->n_scatter;
  series.true_psp = curves->true_psp;
  series.estimated = curves->estimated;
  series.detected = curves->detected;
  series.estimated_is_psp = curves->method == GLMCC_METHOD_GLMCC;
  g_array_append_val (data->series, series);
  score_plot_data_update (data);
}

void
glmcc_score_plot_data_set_title (GlmccScorePlotData *data,
                                 const char         *title,
                                 const char         *subtitle)
{
  g_return_if_fail (data != NULL);

  g_free (data->title);
  g_free (data->subtitle);
  data->title = g_strdup (title);
  data->subtitle = g_strdup (subtitle);
  score_plot_data_update (data);
}

/* Planning figures ----------------------------------------------------------------------------- */

#define PLAN_POINTS 40

GlmccPlanPlotData *
glmcc_plan_plot_data_new (const GlmccPlanInput *input,
                          double                recording_s)
{
  GlmccPlanPlotData *data;
  GlmccPlanInput in;
  double *psp, *curves[4];

  g_return_val_if_fail (input != NULL, NULL);

  data = g_new0 (GlmccPlanPlotData, 1);
  data->values = g_new (double, 5 * PLAN_POINTS);
  psp = data->values;
  for (guint c = 0; c < 4; c++)
    curves[c] = data->values + (c + 1) * PLAN_POINTS;
  in = *input;
  for (guint i = 0; i < PLAN_POINTS; i++)
    {
      psp[i] = 0.05 * pow (100.0, (double) i / (PLAN_POINTS - 1));
      for (int sign = 0; sign < 2; sign++)
        {
          GlmccPlan plan;

          in.psp_mv = sign == 0 ? psp[i] : -psp[i];
          if (glmcc_plan_compute (&in, &plan, NULL))
            {
              curves[sign][i] = plan.time_s;
              curves[2 + sign][i] = MAX (plan.time_even_s, plan.time_data_s);
            }
          else
            curves[sign][i] = curves[2 + sign][i] = NAN;
        }
    }
  data->plot.n_points = PLAN_POINTS;
  data->plot.psp_mv = psp;
  data->plot.time_excitatory_s = curves[0];
  data->plot.time_inhibitory_s = curves[1];
  data->plot.time_even_excitatory_s = input->compat ? NULL : curves[2];
  data->plot.time_even_inhibitory_s = input->compat ? NULL : curves[3];
  data->plot.power = input->compat ? 0.5 : input->power;
  data->plot.recording_s = recording_s;
  if (input->psp_mv != 0.0)
    {
      GlmccPlan plan;

      if (glmcc_plan_compute (input, &plan, NULL))
        {
          data->plot.marker_psp_mv = input->psp_mv;
          data->plot.marker_time_s = plan.time_s;
        }
    }
  data->title = g_strdup_printf (_("Recording time to find a connection from a %g Hz to a %g Hz neuron"),
                                 input->rate_pre_hz, input->rate_post_hz);
  data->subtitle = input->compat
                   ? g_strdup (_("the published code's threshold"))
                   : g_strdup_printf (glmcc_ngettext ("\xcf\x84 = %g ms \xc2\xb7 \xce\xb1 = %g with %u delay tried "
                                                      "\xc2\xb7 the standard error of J from the fit",
                                                      "\xcf\x84 = %g ms \xc2\xb7 \xce\xb1 = %g with %u delays tried "
                                                      "\xc2\xb7 the standard error of J from the fit",
                                                      input->n_delays),
                                      input->tau_ms, input->alpha, input->n_delays);
  data->plot.title = data->title;
  data->plot.subtitle = data->subtitle;
  return data;
}

void
glmcc_plan_plot_data_free (GlmccPlanPlotData *data)
{
  if (data == NULL)
    return;
  g_free (data->values);
  g_free (data->title);
  g_free (data->subtitle);
  g_free (data);
}
