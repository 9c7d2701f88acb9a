/* glmcc-simulate.h: a leaky integrate-and-fire network with known wiring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "glmcc-recording.h"

G_BEGIN_DECLS

/* Everything that defines a simulated network. glmcc_sim_params_init() gives the defaults of
 * `glmcc simulate`: 80 % excitatory neurons, connection probability 0.1 from either type,
 * log-normal PSP peaks around +0.5 mV (E) and −1.5 mV (I), delays 1–3 ms, and a drive that
 * makes the neurons fire about 5 Hz on average. */
typedef struct
{
  guint   n_neurons;
  double  duration_s;
  guint64 seed;

  double  exc_fraction;     /* neurons 0 … round(N·f)−1 are excitatory, the rest inhibitory */
  double  p_exc;            /* probability of a synapse from an excitatory neuron */
  double  p_inh;            /* probability of a synapse from an inhibitory neuron */
  double  rate_hz;          /* target mean firing rate over neurons */
  double  rate_spread;      /* σ of the log-normal spread of target rates (0 = all equal) */

  double  epsp_mv;          /* median EPSP peak (> 0) */
  double  ipsp_mv;          /* median IPSP peak (< 0) */
  double  psp_sigma;        /* σ of log |PSP| */
  double  delay_min_ms;     /* synaptic delays uniform in [min, max], at least 1 ms */
  double  delay_max_ms;

  double  tau_m_ms;         /* membrane time constant */
  double  tau_syn_ms;       /* synaptic current time constant */
  double  t_ref_ms;         /* absolute refractory period */
  double  v_threshold_mv;   /* relative to rest */
  double  v_reset_mv;
  double  noise_mv;         /* s.d. of the membrane potential caused by the private noisy drive */
  double  modulation_mv;    /* s.d. of the slow shared modulation of the mean drive */
  double  dt_ms;            /* integration step (spike times are interpolated inside it) */
  double  resolution_ms;    /* grid of the spike times given out: a whole number of 0.01 ms
                             * (0.01 default; 0.1 or 0.05 as acquisition systems write them) */
} GlmccSimParams;

typedef struct
{
  guint  pre;
  guint  post;
  double psp_mv;            /* peak of the postsynaptic potential, mV */
  double delay_ms;
} GlmccSynapse;

typedef struct _GlmccSimulation GlmccSimulation;

void              glmcc_sim_params_init             (GlmccSimParams        *params);
gboolean          glmcc_sim_params_validate         (const GlmccSimParams  *params,
                                                     GError               **error);

/* Builds the network and integrates it. Deterministic for a given @params (seed included).
 * Returns NULL with G_IO_ERROR_CANCELLED if @cancellable fires. */
GlmccSimulation  *glmcc_simulate                    (const GlmccSimParams  *params,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
void              glmcc_simulation_free             (GlmccSimulation       *simulation);

const GlmccSimParams *glmcc_simulation_get_params   (GlmccSimulation       *simulation);
guint             glmcc_simulation_get_n_neurons    (GlmccSimulation       *simulation);
gboolean          glmcc_simulation_is_excitatory    (GlmccSimulation       *simulation,
                                                     guint                  neuron);
/* Spike times in ms, sorted, in [0, duration), on a 0.01 ms grid (what the files hold). */
const double     *glmcc_simulation_get_train        (GlmccSimulation       *simulation,
                                                     guint                  neuron,
                                                     gsize                 *n_spikes);
/* The true synapses, sorted by pre, then post. */
const GlmccSynapse *glmcc_simulation_get_synapses   (GlmccSimulation       *simulation,
                                                     gsize                 *n_synapses);
/* Mean firing rate over all neurons, Hz. */
double            glmcc_simulation_get_mean_rate    (GlmccSimulation       *simulation);

/* The spike trains as a recording (names cell0 …, epoch [0, duration)), with exactly the
 * times that reading the written files back gives. */
GlmccRecording   *glmcc_simulation_to_recording     (GlmccSimulation       *simulation,
                                                     GError               **error);
/* Writes @directory/cell0.txt … (ms, one spike per line) and @directory/truth.tsv
 * (pre post psp_mV delay_ms). Creates the directory if needed. */
gboolean          glmcc_simulation_write            (GlmccSimulation       *simulation,
                                                     const char            *directory,
                                                     GError               **error);

/* Peak of the PSP caused by a unit jump of the synaptic current (in the units of the
 * membrane equation τ_m dV/dt = −V + I, τ_s dI/dt = −I). */
double            glmcc_sim_psp_peak_per_unit       (double                 tau_m_ms,
                                                     double                 tau_syn_ms);
/* Firing rate (Hz) of a LIF neuron with white-noise input (Siegert formula), mean free
 * membrane potential @mu_mv and its s.d. @sigma_mv, with the threshold shift of a noise of
 * correlation time @tau_noise_ms (Fourcaud & Brunel 2002). */
double            glmcc_sim_lif_rate                (const GlmccSimParams  *params,
                                                     double                 mu_mv,
                                                     double                 sigma_mv,
                                                     double                 tau_noise_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccSimulation, glmcc_simulation_free)

G_END_DECLS
