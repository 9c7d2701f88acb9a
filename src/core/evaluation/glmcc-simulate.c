/* glmcc-simulate.c: a leaky integrate-and-fire network with known wiring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model
 * ---------
 * N current-based LIF neurons, τ_m dV/dt = −V + D_i(t) + I_i(t), τ_s dI/dt = −I, threshold θ,
 * reset V_r, refractory period t_ref. A presynaptic spike adds q to I of its target after the
 * synaptic delay; q is chosen so that the PSP it causes peaks at exactly the psp_mV written
 * to truth.tsv. The drive D_i(t) = μ_i + σ_mod·Σ_k L_ik s_k(t) + η_i(t) has
 *
 *  - a private noise η_i, a fresh Gaussian value every millisecond (correlation time 0.5 ms),
 *  - slow shared signals s_k: unit-variance Ornstein–Uhlenbeck processes (τ = 50, 150 and
 *    500 ms) that co-modulate the neurons' mean input; neuron i's loadings L_i have unit norm
 *    and a common positive part, so the signals put broad humps into every correlogram —
 *    the confound GLMCC's a(t) exists to absorb,
 *  - a constant μ_i chosen so that neuron i fires at its target rate: the Siegert formula
 *    (with the coloured-noise threshold correction and averaged over the modulation) gives
 *    the mean input needed, and the expected recurrent input at the target rates is
 *    subtracted from it (also from the noise variance), so the rate does not depend on N.
 *
 * Integration
 * -----------
 * Exact propagators on a grid of dt (0.1 ms): with the drive constant over a step, V and I
 * are advanced in closed form. A threshold crossing is located inside the step by linear
 * interpolation, then rounded to 0.01 ms, the resolution of the files. Since every delay is
 * at least 1 ms, neurons are independent within a 1 ms block: the block is integrated
 * step-major over all neurons (independent dependency chains, so the CPU overlaps them), and
 * the spikes of the block are delivered into a ring buffer afterwards. Cost: about
 * N·T/dt cheap updates plus one Gaussian per neuron and millisecond.
 *
 * Random numbers: xoshiro256** streams seeded by splitmix64 from the seed — one for the
 * network, one for the shared signals, one per neuron — and a ziggurat for Gaussians.
 */
#define G_LOG_DOMAIN "glmcc-simulate"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gsl/gsl_sf_erf.h>

#include "glmcc-error.h"
#include "glmcc-i18n.h"
#include "glmcc-random.h"
#include "glmcc-simulate.h"

#define N_SIGNALS       3
#define BLOCK_MS        1.0
#define WARMUP_MS       500.0
#define NOISE_TAU_MS    (BLOCK_MS / 2.0)
#define ZIG_LAYERS      128

static const double signal_tau_ms[N_SIGNALS] = { 50.0, 150.0, 500.0 };

struct _GlmccSimulation
{
  GlmccSimParams params;
  guint          n_exc;
  GArray       **trains;    /* N arrays of double, ms */
  GArray        *synapses;  /* GlmccSynapse, sorted by pre then post */
  double         mean_rate;
};

/* Random numbers ----------------------------------------------------------------------------- */

/* The simulator's streams: one per (seed, stream), seeded its own way (the networks of a
 * seed must stay what they were). */
typedef GlmccRandom Rng;

static void
rng_seed (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));

  /* Mix twice so that nearby (seed, stream) give unrelated states. */
  glmcc_splitmix64 (&state);
  for (guint i = 0; i < 4; i++)
    rng->s[i] = glmcc_splitmix64 (&state);
}

/* Uniform on [0, 1). */
static inline double
rng_uniform (Rng *rng)
{
  return (double) (glmcc_random_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform on (0, 1], safe for log(). */
static inline double
rng_uniform_pos (Rng *rng)
{
  return ((double) (glmcc_random_next (rng) >> 11) + 1.0) * 0x1.0p-53;
}

/* Marsaglia & Tsang's ziggurat with 128 layers, on 64-bit draws: the low 7 bits pick the
 * layer, the high 32 bits give the signed abscissa, so no bit is used twice. */
static struct
{
  guint32 k[ZIG_LAYERS];
  double  w[ZIG_LAYERS];
  double  f[ZIG_LAYERS];
} zig;

static void
zig_init_once (void)
{
  const double m1 = 2147483648.0;
  const double vn = 9.91256303526217e-3;
  double dn = 3.442619855899;
  double tn = dn;
  double q = vn / exp (-0.5 * dn * dn);

  zig.k[0] = (guint32) ((dn / q) * m1);
  zig.k[1] = 0;
  zig.w[0] = q / m1;
  zig.w[ZIG_LAYERS - 1] = dn / m1;
  zig.f[0] = 1.0;
  zig.f[ZIG_LAYERS - 1] = exp (-0.5 * dn * dn);
  for (int i = ZIG_LAYERS - 2; i >= 1; i--)
    {
      dn = sqrt (-2.0 * log (vn / dn + exp (-0.5 * dn * dn)));
      zig.k[i + 1] = (guint32) ((dn / tn) * m1);
      tn = dn;
      zig.f[i] = exp (-0.5 * dn * dn);
      zig.w[i] = dn / m1;
    }
}

static void
zig_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      zig_init_once ();
      g_once_init_leave (&done, 1);
    }
}

static double
rng_normal_slow (Rng     *rng,
                 gint32   hz,
                 guint    iz)
{
  const double r = 3.442620;

  for (;;)
    {
      guint64 bits;
      double x = hz * zig.w[iz];

      if (iz == 0)
        {
          double y;
          do
            {
              x = -log (rng_uniform_pos (rng)) / r;
              y = -log (rng_uniform_pos (rng));
            }
          while (y + y < x * x);
          return hz > 0 ? r + x : -r - x;
        }
      if (zig.f[iz] + rng_uniform (rng) * (zig.f[iz - 1] - zig.f[iz]) < exp (-0.5 * x * x))
        return x;

      bits = glmcc_random_next (rng);
      iz = bits & (ZIG_LAYERS - 1);
      hz = (gint32) (bits >> 32);
      if ((guint32) ABS ((gint64) hz) < zig.k[iz])
        return hz * zig.w[iz];
    }
}

static inline double
rng_normal (Rng *rng)
{
  guint64 bits = glmcc_random_next (rng);
  guint iz = bits & (ZIG_LAYERS - 1);
  gint32 hz = (gint32) (bits >> 32);

  if ((guint32) ABS ((gint64) hz) < zig.k[iz])
    return hz * zig.w[iz];
  return rng_normal_slow (rng, hz, iz);
}

/* Parameters --------------------------------------------------------------------------------- */

void
glmcc_sim_params_init (GlmccSimParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->n_neurons = 100;
  params->duration_s = 600.0;
  params->seed = 1;
  params->exc_fraction = 0.8;
  params->p_exc = 0.1;
  params->p_inh = 0.2;
  params->rate_hz = 5.0;
  params->rate_spread = 0.4;
  params->epsp_mv = 0.5;
  params->ipsp_mv = -1.5;
  params->psp_sigma = 0.5;
  params->delay_min_ms = 1.0;
  params->delay_max_ms = 3.0;
  params->tau_m_ms = 20.0;
  params->tau_syn_ms = 0.5;
  params->t_ref_ms = 2.0;
  params->v_threshold_mv = 20.0;
  params->v_reset_mv = 10.0;
  params->noise_mv = 6.0;
  params->modulation_mv = 1.0;
  params->dt_ms = 0.1;
  params->resolution_ms = 0.01;
}

static gboolean
check (gboolean     ok,
       GError     **error,
       const char  *format,
       ...) G_GNUC_PRINTF (3, 4);

static gboolean
check (gboolean     ok,
       GError     **error,
       const char  *format,
       ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (ok)
    return TRUE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS, message);
  return FALSE;
}

gboolean
glmcc_sim_params_validate (const GlmccSimParams  *p,
                           GError               **error)
{
  double steps_per_block;

  g_return_val_if_fail (p != NULL, FALSE);

  steps_per_block = BLOCK_MS / p->dt_ms;
  return check (p->n_neurons >= 2, error, _("the network needs at least 2 neurons, not %u"), p->n_neurons) &&
         check (p->n_neurons <= 100000, error, _("at most 100000 neurons, not %u"), p->n_neurons) &&
         check (isfinite (p->duration_s) && p->duration_s > 0 && p->duration_s <= 1e6, error,
                _("the duration must be positive and at most 10^6 s, not %g s"), p->duration_s) &&
         check (p->exc_fraction >= 0 && p->exc_fraction <= 1, error,
                _("the excitatory fraction must lie in [0, 1], not %g"), p->exc_fraction) &&
         check (p->p_exc >= 0 && p->p_exc <= 1, error,
                _("the excitatory connection probability must lie in [0, 1], not %g"), p->p_exc) &&
         check (p->p_inh >= 0 && p->p_inh <= 1, error,
                _("the inhibitory connection probability must lie in [0, 1], not %g"), p->p_inh) &&
         check (isfinite (p->rate_hz) && p->rate_hz > 0 && p->rate_hz <= 100, error,
                _("the target rate must lie in (0, 100] Hz, not %g Hz"), p->rate_hz) &&
         check (p->rate_spread >= 0 && p->rate_spread <= 2, error,
                _("the rate spread must lie in [0, 2], not %g"), p->rate_spread) &&
         check (p->epsp_mv > 0 && p->epsp_mv <= 10, error,
                _("the EPSP must lie in (0, 10] mV, not %g mV"), p->epsp_mv) &&
         check (p->ipsp_mv < 0 && p->ipsp_mv >= -20, error,
                _("the IPSP must lie in [−20, 0) mV, not %g mV"), p->ipsp_mv) &&
         check (p->psp_sigma >= 0 && p->psp_sigma <= 2, error,
                _("the PSP spread must lie in [0, 2], not %g"), p->psp_sigma) &&
         check (p->delay_min_ms >= BLOCK_MS && p->delay_max_ms >= p->delay_min_ms &&
                p->delay_max_ms <= 20, error,
                _("delays must satisfy 1 ms <= min <= max <= 20 ms, not [%g, %g] ms"),
                p->delay_min_ms, p->delay_max_ms) &&
         check (p->tau_m_ms > 0 && p->tau_syn_ms > 0 && p->tau_syn_ms != p->tau_m_ms, error,
                _("the time constants must be positive and differ")) &&
         check (p->t_ref_ms >= 0, error, _("the refractory period must not be negative")) &&
         check (p->v_reset_mv < p->v_threshold_mv, error, _("the reset must lie below the threshold")) &&
         check (p->noise_mv > 0 && p->modulation_mv >= 0, error,
                _("the noise must be positive and the modulation not negative")) &&
         check (p->dt_ms > 0 && p->dt_ms <= 0.5 && fabs (steps_per_block - round (steps_per_block)) < 1e-9,
                error, _("the step must divide 1 ms and be at most 0.5 ms, not %g ms"), p->dt_ms) &&
         check (p->resolution_ms >= 0.01 && p->resolution_ms <= 1.0
                && fabs (p->resolution_ms * 100.0 - round (p->resolution_ms * 100.0)) < 1e-9,
                error, _("the time resolution must be a whole number of 0.01 ms up to 1 ms, not %g ms"),
                p->resolution_ms);
}

/* The LIF transfer function ------------------------------------------------------------------ */

double
glmcc_sim_psp_peak_per_unit (double tau_m_ms,
                             double tau_syn_ms)
{
  double c = tau_syn_ms / (tau_m_ms - tau_syn_ms);
  double t_peak = tau_m_ms * tau_syn_ms * log (tau_m_ms / tau_syn_ms) / (tau_m_ms - tau_syn_ms);

  return c * (exp (-t_peak / tau_m_ms) - exp (-t_peak / tau_syn_ms));
}

/* e^{u²}(1 + erf u), without overflow for large negative u. */
static double
siegert_integrand (double u)
{
  if (u >= 0)
    return exp (u * u) * (1.0 + erf (u));
  return exp (u * u + gsl_sf_log_erfc (-u));
}

static double
siegert_rate (const GlmccSimParams *p,
              double                mu,
              double                sigma,
              double                tau_noise_ms)
{
  /* Brunel's σ is √2 times the s.d. of the free membrane potential. */
  double sb = G_SQRT2 * sigma;
  double shift = 1.0326 * sqrt (tau_noise_ms / p->tau_m_ms);  /* α/2 with α = √2·|ζ(1/2)| */
  double y_th = (p->v_threshold_mv - mu) / sb + shift;
  double y_r = (p->v_reset_mv - mu) / sb + shift;
  const int n = 200;
  double h = (y_th - y_r) / n;
  double sum = siegert_integrand (y_r) + siegert_integrand (y_th);
  double period_ms;

  for (int k = 1; k < n; k++)
    sum += (k % 2 ? 4.0 : 2.0) * siegert_integrand (y_r + k * h);
  period_ms = p->t_ref_ms + p->tau_m_ms * sqrt (G_PI) * sum * h / 3.0;
  return 1000.0 / period_ms;
}

double
glmcc_sim_lif_rate (const GlmccSimParams *p,
                    double                mu_mv,
                    double                sigma_mv,
                    double                tau_noise_ms)
{
  /* Average over the slow modulation (quasi-static) with 5-point Gauss–Hermite. */
  static const double x[5] = { -2.020182870456086, -0.958572464613819, 0.0,
                               0.958572464613819, 2.020182870456086 };
  static const double w[5] = { 0.019953242059046, 0.393619323152241, 0.945308720482942,
                               0.393619323152241, 0.019953242059046 };
  double rate = 0.0;

  if (p->modulation_mv <= 0)
    return siegert_rate (p, mu_mv, sigma_mv, tau_noise_ms);
  for (guint k = 0; k < 5; k++)
    rate += w[k] * siegert_rate (p, mu_mv + G_SQRT2 * p->modulation_mv * x[k], sigma_mv, tau_noise_ms);
  return rate / sqrt (G_PI);
}

/* Mean input μ (mV) that makes the neuron fire at @rate_hz, from a table of the transfer
 * function (monotonic in μ). */
typedef struct
{
  guint   n;
  double *mu;
  double *log_rate;
} RateTable;

static void
rate_table_init (RateTable            *table,
                 const GlmccSimParams *p)
{
  double lo = p->v_threshold_mv - 12.0 * p->noise_mv - 3.0 * p->modulation_mv;
  double hi = p->v_threshold_mv + 6.0 * p->noise_mv + 3.0 * p->modulation_mv;

  table->n = 400;
  table->mu = g_new (double, table->n);
  table->log_rate = g_new (double, table->n);
  for (guint k = 0; k < table->n; k++)
    {
      double mu = lo + (hi - lo) * k / (table->n - 1);
      double rate = glmcc_sim_lif_rate (p, mu, p->noise_mv, NOISE_TAU_MS);

      table->mu[k] = mu;
      table->log_rate[k] = log (MAX (rate, 1e-300));
    }
}

static double
rate_table_mu (const RateTable *table,
               double           rate_hz)
{
  double target = log (rate_hz);
  guint lo = 0, hi = table->n - 1;

  if (target <= table->log_rate[0])
    return table->mu[0];
  if (target >= table->log_rate[hi])
    return table->mu[hi];
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (table->log_rate[mid] < target)
        lo = mid;
      else
        hi = mid;
    }
  return table->mu[lo] + (table->mu[hi] - table->mu[lo]) *
         (target - table->log_rate[lo]) / (table->log_rate[hi] - table->log_rate[lo]);
}

static void
rate_table_clear (RateTable *table)
{
  g_free (table->mu);
  g_free (table->log_rate);
}

/* The network ---------------------------------------------------------------------------------- */

static double
draw_psp (Rng                  *rng,
          const GlmccSimParams *p,
          gboolean              excitatory)
{
  double median = excitatory ? p->epsp_mv : -p->ipsp_mv;
  double cap = excitatory ? 8.0 * median : 5.0 * median;
  double value;

  do
    value = median * exp (p->psp_sigma * rng_normal (rng));
  while (value > cap);
  return excitatory ? value : -value;
}

static void
build_network (GlmccSimulation *sim,
               Rng             *rng)
{
  const GlmccSimParams *p = &sim->params;
  double step = p->dt_ms;

  sim->synapses = g_array_new (FALSE, FALSE, sizeof (GlmccSynapse));
  for (guint pre = 0; pre < p->n_neurons; pre++)
    {
      gboolean exc = pre < sim->n_exc;
      double prob = exc ? p->p_exc : p->p_inh;

      for (guint post = 0; post < p->n_neurons; post++)
        {
          GlmccSynapse syn;
          double delay;

          if (rng_uniform (rng) >= prob || post == pre)
            continue;
          syn.pre = pre;
          syn.post = post;
          syn.psp_mv = draw_psp (rng, p, exc);
          delay = p->delay_min_ms + (p->delay_max_ms - p->delay_min_ms) * rng_uniform (rng);
          syn.delay_ms = round (delay / step) * step;
          g_array_append_val (sim->synapses, syn);
        }
    }
}

/* Integration ---------------------------------------------------------------------------------- */

typedef struct
{
  guint  neuron;
  guint  step;     /* step of the block in which it fired */
} Spike;

static gboolean
integrate (GlmccSimulation *sim,
           GCancellable    *cancellable,
           GError         **error)
{
  const GlmccSimParams *p = &sim->params;
  const guint n = p->n_neurons;
  const double dt = p->dt_ms;
  const guint block_steps = (guint) lround (BLOCK_MS / dt);
  const guint ref_steps = (guint) lround (p->t_ref_ms / dt);
  const double kappa = glmcc_sim_psp_peak_per_unit (p->tau_m_ms, p->tau_syn_ms);
  const double p_vv = exp (-dt / p->tau_m_ms);
  const double p_ii = exp (-dt / p->tau_syn_ms);
  const double p_vi = p->tau_syn_ms / (p->tau_m_ms - p->tau_syn_ms) * (p_vv - p_ii);
  const double p_vd = 1.0 - p_vv;
  const double theta = p->v_threshold_mv;
  const double v_reset = p->v_reset_mv;
  const double a_block = exp (-BLOCK_MS / p->tau_m_ms);
  const double c = p->tau_syn_ms / (p->tau_m_ms - p->tau_syn_ms);
  const double psp_sq_integral = c * c * (p->tau_m_ms / 2 + p->tau_syn_ms / 2 -
                                          2 * p->tau_m_ms * p->tau_syn_ms / (p->tau_m_ms + p->tau_syn_ms));
  const double warmup_steps = round (WARMUP_MS / dt);
  const guint64 n_blocks = (guint64) ceil ((p->duration_s * 1000.0 + WARMUP_MS) / BLOCK_MS);
  const double end_ms = p->duration_s * 1000.0;
  guint max_delay_steps = 0;
  guint ring_slots, ring_mask;
  g_autofree double *v = g_new (double, n);
  g_autofree double *cur = g_new0 (double, n);
  g_autofree double *drive = g_new (double, n);
  g_autofree double *mu = g_new (double, n);
  g_autofree double *noise = g_new (double, n);
  g_autofree double *loadings = g_new (double, (gsize) n * N_SIGNALS);
  g_autofree double *target_rate = g_new (double, n);
  g_autofree double *rec_mean = g_new0 (double, n);
  g_autofree double *rec_var = g_new0 (double, n);
  g_autofree guint *refractory = g_new0 (guint, n);
  g_autofree Rng *rngs = g_new (Rng, n);
  g_autofree gsize *out_start = g_new0 (gsize, n + 1);
  g_autofree guint *out_post = NULL;
  g_autofree double *out_q = NULL;
  g_autofree guint *out_delay = NULL;
  g_autofree double *ring = NULL;
  g_autoptr(GArray) spikes = g_array_new (FALSE, FALSE, sizeof (Spike));
  double signal[N_SIGNALS], signal_decay[N_SIGNALS], signal_kick[N_SIGNALS];
  RateTable table;
  Rng rng_drive, rng_signal;
  gsize n_syn = sim->synapses->len;
  guint64 total_spikes = 0;

  rng_seed (&rng_drive, p->seed, 2);
  rng_seed (&rng_signal, p->seed, 3);

  /* Synapses by presynaptic neuron (they are sorted by pre already). */
  out_post = g_new (guint, MAX (n_syn, 1));
  out_q = g_new (double, MAX (n_syn, 1));
  out_delay = g_new (guint, MAX (n_syn, 1));
  for (gsize s = 0; s < n_syn; s++)
    {
      const GlmccSynapse *syn = &g_array_index (sim->synapses, GlmccSynapse, s);
      out_start[syn->pre + 1]++;
      out_post[s] = syn->post;
      out_q[s] = syn->psp_mv / kappa;
      out_delay[s] = (guint) lround (syn->delay_ms / dt);
      max_delay_steps = MAX (max_delay_steps, out_delay[s]);
    }
  for (guint i = 0; i < n; i++)
    out_start[i + 1] += out_start[i];

  /* Deliveries land at most block_steps − 1 + max_delay steps ahead. */
  ring_slots = 1;
  while (ring_slots < block_steps + max_delay_steps + 1)
    ring_slots <<= 1;
  ring_mask = ring_slots - 1;
  ring = g_new0 (double, (gsize) ring_slots * n);

  /* Target rates, log-normal around the mean rate. */
  for (guint i = 0; i < n; i++)
    {
      double median = p->rate_hz * exp (-0.5 * p->rate_spread * p->rate_spread);
      target_rate[i] = median * exp (p->rate_spread * rng_normal (&rng_drive));
    }

  /* Expected recurrent input at the target rates (Campbell's theorem). */
  for (gsize s = 0; s < n_syn; s++)
    {
      const GlmccSynapse *syn = &g_array_index (sim->synapses, GlmccSynapse, s);
      double rate_per_ms = target_rate[syn->pre] / 1000.0;
      rec_mean[syn->post] += rate_per_ms * out_q[s] * p->tau_syn_ms;
      rec_var[syn->post] += rate_per_ms * out_q[s] * out_q[s] * psp_sq_integral;
    }

  /* Slow shared signals and each neuron's unit-norm loadings (common positive part). */
  for (guint k = 0; k < N_SIGNALS; k++)
    {
      signal[k] = rng_normal (&rng_signal);
      signal_decay[k] = exp (-BLOCK_MS / signal_tau_ms[k]);
      signal_kick[k] = sqrt (1.0 - signal_decay[k] * signal_decay[k]);
    }

  rate_table_init (&table, p);
  for (guint i = 0; i < n; i++)
    {
      double *l = &loadings[(gsize) i * N_SIGNALS];
      double norm = 0, ext_var;

      l[0] = 1.0 + 0.5 * rng_normal (&rng_drive);
      for (guint k = 1; k < N_SIGNALS; k++)
        l[k] = rng_normal (&rng_drive);
      for (guint k = 0; k < N_SIGNALS; k++)
        norm += l[k] * l[k];
      norm = sqrt (norm);
      for (guint k = 0; k < N_SIGNALS; k++)
        l[k] *= p->modulation_mv / norm;

      mu[i] = rate_table_mu (&table, target_rate[i]) - rec_mean[i];
      ext_var = MAX (p->noise_mv * p->noise_mv - rec_var[i], 0.25 * p->noise_mv * p->noise_mv);
      /* Noise held for a block: V at block ends is AR(1) with variance s²(1−a)/(1+a). */
      noise[i] = sqrt (ext_var * (1.0 + a_block) / (1.0 - a_block));

      rng_seed (&rngs[i], p->seed, 16 + (guint64) i);
      v[i] = v_reset + (theta - v_reset) * rng_uniform (&rngs[i]);
    }
  rate_table_clear (&table);

  sim->trains = g_new (GArray *, n);
  for (guint i = 0; i < n; i++)
    sim->trains[i] = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                        (guint) MIN (target_rate[i] * p->duration_s * 1.2 + 16, 1e8));

  for (guint64 block = 0; block < n_blocks; block++)
    {
      guint64 step0 = block * block_steps;

      if ((block & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint k = 0; k < N_SIGNALS; k++)
        signal[k] = signal[k] * signal_decay[k] + signal_kick[k] * rng_normal (&rng_signal);
      for (guint i = 0; i < n; i++)
        {
          const double *l = &loadings[(gsize) i * N_SIGNALS];
          double d = mu[i] + l[0] * signal[0] + l[1] * signal[1] + l[2] * signal[2];
          drive[i] = d + noise[i] * rng_normal (&rngs[i]);
        }

      g_array_set_size (spikes, 0);
      for (guint s = 0; s < block_steps; s++)
        {
          guint64 step = step0 + s;
          double *in = ring + (gsize) (step & ring_mask) * n;

          for (guint i = 0; i < n; i++)
            {
              double c_i = cur[i] + in[i];
              double v_old = v[i];
              double v_new = v_old * p_vv + drive[i] * p_vd + c_i * p_vi;

              in[i] = 0.0;
              cur[i] = c_i * p_ii;
              if (refractory[i] > 0)
                {
                  refractory[i]--;
                  v_new = v_reset;
                }
              else if (v_new >= theta)
                {
                  Spike spike = { i, s };
                  double t = (step - warmup_steps + (theta - v_old) / (v_new - v_old)) * dt;

                  g_array_append_val (spikes, spike);
                  if (t >= 0.0)
                    {
                      double t_grid = round (t * 100.0) / 100.0;
                      if (t_grid < end_ms)
                        {
                          g_array_append_val (sim->trains[i], t_grid);
                          total_spikes++;
                        }
                    }
                  v_new = v_reset;
                  refractory[i] = ref_steps;
                }
              v[i] = v_new;
            }
        }

      /* Deliver: every delay is at least one block, so nothing lands in this block. */
      for (guint k = 0; k < spikes->len; k++)
        {
          const Spike *spike = &g_array_index (spikes, Spike, k);
          guint64 step = step0 + spike->step;

          for (gsize s = out_start[spike->neuron]; s < out_start[spike->neuron + 1]; s++)
            ring[(gsize) ((step + out_delay[s]) & ring_mask) * n + out_post[s]] += out_q[s];
        }
    }

  sim->mean_rate = total_spikes / (p->duration_s * n);
  return TRUE;
}

GlmccSimulation *
glmcc_simulate (const GlmccSimParams  *params,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(GlmccSimulation) sim = NULL;
  Rng rng_net;

  g_return_val_if_fail (params != NULL, NULL);

  if (!glmcc_sim_params_validate (params, error))
    return NULL;

  zig_init ();
  sim = g_new0 (GlmccSimulation, 1);
  sim->params = *params;
  sim->n_exc = (guint) lround (params->n_neurons * params->exc_fraction);
  rng_seed (&rng_net, params->seed, 1);
  build_network (sim, &rng_net);
  if (!integrate (sim, cancellable, error))
    return NULL;
  return g_steal_pointer (&sim);
}

void
glmcc_simulation_free (GlmccSimulation *sim)
{
  if (sim == NULL)
    return;
  if (sim->trains != NULL)
    for (guint i = 0; i < sim->params.n_neurons; i++)
      g_array_unref (sim->trains[i]);
  g_free (sim->trains);
  if (sim->synapses != NULL)
    g_array_unref (sim->synapses);
  g_free (sim);
}

const GlmccSimParams *
glmcc_simulation_get_params (GlmccSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return &sim->params;
}

guint
glmcc_simulation_get_n_neurons (GlmccSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, 0);
  return sim->params.n_neurons;
}

gboolean
glmcc_simulation_is_excitatory (GlmccSimulation *sim,
                                guint            neuron)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  g_return_val_if_fail (neuron < sim->params.n_neurons, FALSE);
  return neuron < sim->n_exc;
}

const double *
glmcc_simulation_get_train (GlmccSimulation *sim,
                            guint            neuron,
                            gsize           *n_spikes)
{
  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (neuron < sim->params.n_neurons, NULL);

  if (n_spikes != NULL)
    *n_spikes = sim->trains[neuron]->len;
  return (const double *) (gpointer) sim->trains[neuron]->data;
}

const GlmccSynapse *
glmcc_simulation_get_synapses (GlmccSimulation *sim,
                               gsize           *n_synapses)
{
  g_return_val_if_fail (sim != NULL, NULL);

  if (n_synapses != NULL)
    *n_synapses = sim->synapses->len;
  return (const GlmccSynapse *) (gpointer) sim->synapses->data;
}

double
glmcc_simulation_get_mean_rate (GlmccSimulation *sim)
{
  g_return_val_if_fail (sim != NULL, 0.0);
  return sim->mean_rate;
}

/* A spike time in hundredths of a millisecond, moved down onto the output grid, as an
 * acquisition system at that resolution would have recorded it. */
static gint64
hundredths_on_grid (double                t_ms,
                    const GlmccSimParams *params)
{
  gint64 hundredths = (gint64) llround (t_ms * 100.0);
  gint64 step = MAX (1, (gint64) llround (params->resolution_ms * 100.0));

  return hundredths - hundredths % step;
}

GlmccRecording *
glmcc_simulation_to_recording (GlmccSimulation  *sim,
                               GError          **error)
{
  g_autoptr(GlmccRecordingBuilder) builder = NULL;
  g_autoptr(GlmccRecording) recording = NULL;
  g_autofree double *times = NULL;
  gsize max_len = 0;

  g_return_val_if_fail (sim != NULL, NULL);

  builder = glmcc_recording_builder_new ("simulation", "simulation");
  for (guint i = 0; i < sim->params.n_neurons; i++)
    max_len = MAX (max_len, sim->trains[i]->len);
  times = g_new (double, MAX (max_len, 1));
  for (guint i = 0; i < sim->params.n_neurons; i++)
    {
      g_autofree char *name = g_strdup_printf ("cell%u", i);
      const double *train = (const double *) (gpointer) sim->trains[i]->data;

      /* What a loader makes of the written text: strtod, then the nanosecond snap. */
      for (gsize k = 0; k < sim->trains[i]->len; k++)
        times[k] = glmcc_time_snap_ms (hundredths_on_grid (train[k], &sim->params) / 100.0);
      glmcc_recording_builder_add_train (builder, name, times, sim->trains[i]->len);
    }
  recording = glmcc_recording_builder_finish (g_steal_pointer (&builder), error);
  if (recording == NULL)
    return NULL;
  return glmcc_recording_with_epoch (recording, 0.0, sim->params.duration_s * 1000.0, error);
}

/* Writes a time that is a whole number of hundredths of a millisecond, exactly. */
static void
append_time (GString *out,
             gint64   hundredths)
{
  char buf[32];
  int len = 0;
  gint64 whole = hundredths / 100;
  int frac = (int) (hundredths % 100);

  buf[len++] = '\n';
  buf[len++] = '0' + frac % 10;
  buf[len++] = '0' + frac / 10;
  buf[len++] = '.';
  do
    {
      buf[len++] = '0' + (int) (whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (len > 0)
    g_string_append_c (out, buf[--len]);
}

gboolean
glmcc_simulation_write (GlmccSimulation  *sim,
                        const char       *directory,
                        GError          **error)
{
  const GlmccSimParams *p;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *info_path = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (sim != NULL, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  p = &sim->params;
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot create the directory: %s"),
                   directory, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < p->n_neurons; i++)
    {
      g_autofree char *name = g_strdup_printf ("cell%u.txt", i);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      const double *train = (const double *) (gpointer) sim->trains[i]->data;

      g_string_truncate (out, 0);
      for (gsize k = 0; k < sim->trains[i]->len; k++)
        append_time (out, hundredths_on_grid (train[k], p));
      if (!glmcc_write_gstring (path, out, error))
        return FALSE;
    }

  g_string_assign (out, "pre\tpost\tpsp_mV\tdelay_ms\n");
  for (guint s = 0; s < sim->synapses->len; s++)
    {
      const GlmccSynapse *syn = &g_array_index (sim->synapses, GlmccSynapse, s);

      g_string_append_printf (out, "%u\t%u\t", syn->pre, syn->post);
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", syn->psp_mv));
      g_string_append_c (out, '\t');
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", syn->delay_ms));
      g_string_append_c (out, '\n');
    }
  {
    g_autofree char *path = g_build_filename (directory, "truth.tsv", NULL);
    if (!glmcc_write_gstring (path, out, error))
      return FALSE;
  }

  /* The parameters, for the record (not a .txt file, so loaders ignore it). */
  g_key_file_set_string (info, "simulation", "generator", "glmcc simulate " PACKAGE_VERSION);
  g_key_file_set_integer (info, "simulation", "neurons", (int) p->n_neurons);
  g_key_file_set_string (info, "simulation", "duration_s", g_ascii_formatd (buf, sizeof buf, "%.10g", p->duration_s));
  g_key_file_set_uint64 (info, "simulation", "seed", p->seed);
  g_key_file_set_string (info, "simulation", "exc_fraction", g_ascii_formatd (buf, sizeof buf, "%.10g", p->exc_fraction));
  g_key_file_set_string (info, "simulation", "p_exc", g_ascii_formatd (buf, sizeof buf, "%.10g", p->p_exc));
  g_key_file_set_string (info, "simulation", "p_inh", g_ascii_formatd (buf, sizeof buf, "%.10g", p->p_inh));
  g_key_file_set_string (info, "simulation", "rate_hz", g_ascii_formatd (buf, sizeof buf, "%.10g", p->rate_hz));
  g_key_file_set_string (info, "simulation", "rate_spread", g_ascii_formatd (buf, sizeof buf, "%.10g", p->rate_spread));
  g_key_file_set_string (info, "simulation", "epsp_mv", g_ascii_formatd (buf, sizeof buf, "%.10g", p->epsp_mv));
  g_key_file_set_string (info, "simulation", "ipsp_mv", g_ascii_formatd (buf, sizeof buf, "%.10g", p->ipsp_mv));
  g_key_file_set_string (info, "simulation", "psp_sigma", g_ascii_formatd (buf, sizeof buf, "%.10g", p->psp_sigma));
  g_key_file_set_string (info, "simulation", "delay_min_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->delay_min_ms));
  g_key_file_set_string (info, "simulation", "delay_max_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->delay_max_ms));
  g_key_file_set_string (info, "simulation", "tau_m_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->tau_m_ms));
  g_key_file_set_string (info, "simulation", "tau_syn_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->tau_syn_ms));
  g_key_file_set_string (info, "simulation", "t_ref_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->t_ref_ms));
  g_key_file_set_string (info, "simulation", "v_threshold_mv", g_ascii_formatd (buf, sizeof buf, "%.10g", p->v_threshold_mv));
  g_key_file_set_string (info, "simulation", "v_reset_mv", g_ascii_formatd (buf, sizeof buf, "%.10g", p->v_reset_mv));
  g_key_file_set_string (info, "simulation", "noise_mv", g_ascii_formatd (buf, sizeof buf, "%.10g", p->noise_mv));
  g_key_file_set_string (info, "simulation", "modulation_mv", g_ascii_formatd (buf, sizeof buf, "%.10g", p->modulation_mv));
  g_key_file_set_string (info, "simulation", "dt_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->dt_ms));
  g_key_file_set_string (info, "simulation", "resolution_ms", g_ascii_formatd (buf, sizeof buf, "%.10g", p->resolution_ms));
  g_key_file_set_string (info, "simulation", "mean_rate_hz", g_ascii_formatd (buf, sizeof buf, "%.3f", sim->mean_rate));
  g_key_file_set_integer (info, "simulation", "synapses", (int) sim->synapses->len);
  info_path = g_build_filename (directory, "simulation.ini", NULL);
  {
    gsize len;
    g_autofree char *data = g_key_file_to_data (info, &len, NULL);
    g_string_assign (out, data);
    if (!glmcc_write_gstring (info_path, out, error))
      return FALSE;
  }
  return TRUE;
}
