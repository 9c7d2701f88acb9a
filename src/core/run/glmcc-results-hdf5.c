/* glmcc-results-hdf5.c: the results of a run as an HDF5 file, written as pairs finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * THE FILE (format version 1). Any HDF5 1.10 or later reads it: h5py, MATLAB R2021b or later
 * (h5read, h5readatt), R (hdf5r, rhdf5), Julia (HDF5.jl), h5dump. Strings are variable-length
 * UTF-8; "missing" numbers are NaN; neuron indices are 0-based.
 *
 *   /                           attributes:
 *     format          string    "glmcc-results"
 *     format_version  int32     1
 *     program_version string    the glmcc that wrote the file
 *     n_neurons       uint32    N
 *     n_pairs         uint64    P = N(N−1)/2, unordered pairs
 *     shard_index     uint32    K of the shard K/M that wrote the file (1-based), 1 for a whole run
 *     shard_count     uint32    M, 1 for a whole run
 *     complete        uint8     1 when every pair is computed
 *     pending_pairs   uint64    pairs not computed (yet)
 *     q_values        uint8     1 when /edges/q_value holds the Benjamini–Hochberg q-values (a
 *                               complete run's, or a complete merge's); 0: all NaN
 *   /parameters                 attributes: mode ("sim" or "exp"), test ("wald" or "lr"),
 *                               compat ("none" or "reference") as strings; window_ms, bin_ms,
 *                               tau_ms, gamma, alpha, exclude_center_ms as float64; delays_ms,
 *                               float64 (D,): the candidate delays (the one delay in mode sim);
 *                               method ("glmcc", "cc" or "jitter") as string, fdr (0: decisions
 *                               by α) and jitter_width_ms as float64, surrogates and seed as
 *                               uint32 (files without them: GLMCC, no FDR)
 *   /recording                  attributes: source, format, fingerprint (a SHA-256 of the names
 *                               and spike times analysed: parts merge only when it is equal) as
 *                               strings; epoch_start_ms, epoch_end_ms as float64
 *     conversions     (C,) string   what the loader converted, dropped or noticed
 *   /neurons/                   row n is neuron n, in the recording's order:
 *     name            (N,) string
 *     rate_hz         (N,) float64  in the epoch
 *     spike_count     (N,) uint64   spikes in the epoch
 *     dropped_spikes  (N,) uint64   spikes outside it
 *     label           (N,) string   "E", "I" or "unknown": the sign of most of its significant
 *                                   outgoing connections in this file (partial in a shard)
 *     n_excitatory_out, n_inhibitory_out  (N,) uint32  its significant outgoing connections
 *     dale_violation  (N,) uint8    1 when it has both signs
 *   /edges/                     one row per directed pair, 2P rows, in the pair list's order:
 *                               pair k is target i, reference j < i with k = i(i−1)/2 + j; row
 *                               2k is j → i, row 2k + 1 is i → j. Chunks of 8,192 rows (4,096
 *                               pairs), shuffled and deflated. Attribute "rows" says this.
 *     pre, post       (2P,) uint32  neuron indices of the directed pair (always filled)
 *     status          (2P,) uint8   0 pending (not computed), 1 significant, 2 not-significant,
 *                                   3 insufficient-data (τ·c̄ ≤ 10), 4 no-lags, 5 not-converged,
 *                                   6 numerical-error; attribute status_names lists them by code
 *     j, threshold, statistic, p_value, q_value, psp_mv, delay_ms  (2P,) float64
 *                                   as in the edge TSV (README, Outputs); NaN when missing
 *     n_lags          (2P,) uint64  lags in the window (the pair's, equal on both rows)
 *
 * WRITING AS PAIRS FINISH. The file is created beside its target with every object in it,
 * filled with what is already computed (a resumed run's pairs), switched to HDF5's single-writer
 * (SWMR) mode, and renamed over the target. HDF5 then orders its metadata writes so that the
 * file stays readable if the process dies at any moment. Each sync writes the blocks of 4,096
 * pairs that changed since the last one: first their numbers, then (after a flush) their
 * statuses, then flushes again, so a status on disk always has its numbers on disk. A file
 * left by a killed run is opened again in SWMR read mode (h5py: h5py.File(path, "r",
 * swmr=True); or run `h5clear -s FILE` first); a finished one opens normally.
 *
 * HDF5's own error printing is switched off while we work, and each failure becomes one
 * GError naming the file and the object. One lock serialises our use of the library.
 */
#define G_LOG_DOMAIN "glmcc-results"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "glmcc-error.h"
#include "glmcc-i18n.h"
#include "glmcc-fdr.h"
#include "glmcc-output.h"
#include "glmcc-results-hdf5.h"
#include "glmcc-results-private.h"

#if HAVE_HDF5
#include <hdf5.h>
#endif

#define FORMAT_NAME "glmcc-results"
#define FORMAT_VERSION 1
/* Pairs per block of the edge datasets (a chunk holds its 2 × 4,096 rows). */
#define UNIT_PAIRS 4096
#define UNIT_ROWS (2 * UNIT_PAIRS)
/* Blocks whose numbers are written before their statuses follow, in one sync. */
#define BATCH_UNITS 32
#define DEFLATE_LEVEL 4

gboolean
glmcc_results_hdf5_available (void)
{
  return HAVE_HDF5;
}

#if HAVE_HDF5

/* The status codes are GlmccStatus's values, which the layout above documents; a status added
 * later gets the next code, and every file lists its codes in status_names. */
static guint
status_names (const char **names)
{
  guint n = 0;

  while (n < 256 && !g_str_equal (glmcc_status_to_string ((GlmccStatus) n), "unknown"))
    {
      names[n] = glmcc_status_to_string ((GlmccStatus) n);
      n++;
    }
  return n;
}

typedef enum
{
  COL_J,
  COL_THRESHOLD,
  COL_STATISTIC,
  COL_P_VALUE,
  COL_Q_VALUE,
  COL_PSP_MV,
  COL_DELAY_MS,
  N_DOUBLE_COLUMNS,
} DoubleColumn;

static const char *const double_names[N_DOUBLE_COLUMNS] = {
  "j", "threshold", "statistic", "p_value", "q_value", "psp_mv", "delay_ms",
};

static const char *const double_descriptions[N_DOUBLE_COLUMNS] = {
  "fitted coupling J",
  "Wald: the |J| a connection must exceed; LR: NaN",
  "Wald: J over its standard error (z); LR: the chi-square statistic",
  "p-value of the decision (mode exp: corrected for the choice of delay)",
  "Benjamini-Hochberg q-value over every tested edge (NaN until the run is complete)",
  "postsynaptic potential in mV of a significant connection, else 0",
  "synaptic delay in ms",
};

/* The open edge datasets. */
typedef struct
{
  hid_t numbers[N_DOUBLE_COLUMNS];
  hid_t status;
  hid_t n_lags;
  hid_t pre;
  hid_t post;
} EdgeSets;

/* Serialises our use of the library and of its error-printing switch. */
static GMutex hdf5_lock;

typedef struct
{
  H5E_auto2_t func;
  void       *data;
} ErrorPrinting;

static void
hdf5_enter (ErrorPrinting *saved)
{
  g_mutex_lock (&hdf5_lock);
  H5Eget_auto2 (H5E_DEFAULT, &saved->func, &saved->data);
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
}

static void
hdf5_leave (ErrorPrinting *saved)
{
  H5Eclear2 (H5E_DEFAULT);
  H5Eset_auto2 (H5E_DEFAULT, saved->func, saved->data);
  g_mutex_unlock (&hdf5_lock);
}

static herr_t
take_innermost (unsigned        n,
                const H5E_error2_t *entry,
                void           *data)
{
  char **message = data;

  /* The walk starts at the innermost error, the one that says what went wrong. */
  if (n == 0 && entry->desc != NULL)
    *message = g_strdup (entry->desc);
  return 0;
}

/* What HDF5 said about its last failure, or NULL. */
static char *
hdf5_reason (void)
{
  char *message = NULL;

  H5Ewalk2 (H5E_DEFAULT, H5E_WALK_UPWARD, take_innermost, &message);
  H5Eclear2 (H5E_DEFAULT);
  return message;
}

static void
close_id (hid_t *id)
{
  H5I_type_t type;

  if (*id < 0)
    return;
  type = H5Iget_type (*id);
  if (type == H5I_FILE)
    H5Fclose (*id);
  else if (type == H5I_GROUP)
    H5Gclose (*id);
  else if (type == H5I_DATASET)
    H5Dclose (*id);
  else if (type == H5I_ATTR)
    H5Aclose (*id);
  else if (type == H5I_DATATYPE)
    H5Tclose (*id);
  else if (type == H5I_DATASPACE)
    H5Sclose (*id);
  else if (type == H5I_GENPROP_LST)
    H5Pclose (*id);
  *id = -1;
}

static void
edge_sets_init (EdgeSets *sets)
{
  for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
    sets->numbers[c] = -1;
  sets->status = sets->n_lags = sets->pre = sets->post = -1;
}

static void
edge_sets_close (EdgeSets *sets)
{
  for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
    close_id (&sets->numbers[c]);
  close_id (&sets->status);
  close_id (&sets->n_lags);
  close_id (&sets->pre);
  close_id (&sets->post);
}

static hid_t
string_type (void)
{
  hid_t type = H5Tcopy (H5T_C_S1);

  H5Tset_size (type, H5T_VARIABLE);
  H5Tset_cset (type, H5T_CSET_UTF8);
  return type;
}

/* ---- Writing helpers (each returns FALSE on failure; the caller names the object) -------- */

static gboolean
attr_write (hid_t       location,
            const char *name,
            hid_t       file_type,
            hid_t       mem_type,
            hsize_t     length,     /* 0: a scalar */
            const void *value)
{
  hid_t space = length == 0 ? H5Screate (H5S_SCALAR) : H5Screate_simple (1, &length, NULL);
  hid_t attribute = -1;
  gboolean ok = FALSE;

  if (space < 0)
    return FALSE;
  if (H5Aexists (location, name) > 0)
    attribute = H5Aopen (location, name, H5P_DEFAULT);
  else
    attribute = H5Acreate2 (location, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT);
  ok = attribute >= 0 && H5Awrite (attribute, mem_type, value) >= 0;
  close_id (&attribute);
  close_id (&space);
  return ok;
}

static gboolean
attr_string (hid_t       location,
             const char *name,
             const char *value)
{
  hid_t type = string_type ();
  const char *text = value != NULL ? value : "";
  gboolean ok = attr_write (location, name, type, type, 0, &text);

  close_id (&type);
  return ok;
}

static gboolean
attr_double (hid_t       location,
             const char *name,
             double      value)
{
  return attr_write (location, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 0, &value);
}

static gboolean
attr_uint (hid_t       location,
           const char *name,
           hid_t       file_type,
           guint64     value)
{
  return attr_write (location, name, file_type, H5T_NATIVE_UINT64, 0, &value);
}

/* A one-dimensional dataset of @length, written whole from @data (contiguous: the per-neuron
 * lists are small). */
static gboolean
write_vector (hid_t       group,
              const char *name,
              hid_t       file_type,
              hid_t       mem_type,
              hsize_t     length,
              const void *data)
{
  hid_t space = H5Screate_simple (1, &length, NULL);
  hid_t dataset = -1;
  gboolean ok;

  if (space < 0)
    return FALSE;
  if (H5Lexists (group, name, H5P_DEFAULT) > 0)
    dataset = H5Dopen2 (group, name, H5P_DEFAULT);
  else
    dataset = H5Dcreate2 (group, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  ok = dataset >= 0 && (length == 0 || H5Dwrite (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                                                 data) >= 0);
  close_id (&dataset);
  close_id (&space);
  return ok;
}

static gboolean
write_strings (hid_t              group,
               const char        *name,
               hsize_t            length,
               const char *const *strings)
{
  hid_t type = string_type ();
  gboolean ok = write_vector (group, name, type, type, length, strings);

  close_id (&type);
  return ok;
}

/* Rows [first, first + n) of a one-dimensional dataset. */
static gboolean
rows_write (hid_t       dataset,
            hid_t       mem_type,
            guint64     first,
            guint64     n,
            const void *data)
{
  hsize_t start = first, count = n;
  hid_t file_space = H5Dget_space (dataset);
  hid_t mem_space = H5Screate_simple (1, &count, NULL);
  gboolean ok = file_space >= 0 && mem_space >= 0
                && H5Sselect_hyperslab (file_space, H5S_SELECT_SET, &start, NULL, &count, NULL) >= 0
                && H5Dwrite (dataset, mem_type, mem_space, file_space, H5P_DEFAULT, data) >= 0;

  close_id (&mem_space);
  close_id (&file_space);
  return ok;
}

static gboolean
rows_read (hid_t    dataset,
           hid_t    mem_type,
           guint64  first,
           guint64  n,
           void    *data)
{
  hsize_t start = first, count = n;
  hid_t file_space = H5Dget_space (dataset);
  hid_t mem_space = H5Screate_simple (1, &count, NULL);
  gboolean ok = file_space >= 0 && mem_space >= 0
                && H5Sselect_hyperslab (file_space, H5S_SELECT_SET, &start, NULL, &count, NULL) >= 0
                && H5Dread (dataset, mem_type, mem_space, file_space, H5P_DEFAULT, data) >= 0;

  close_id (&mem_space);
  close_id (&file_space);
  return ok;
}

/* ---- The writer ------------------------------------------------------------------------ */

struct _GlmccResultsHdf5Writer
{
  GlmccResults *results;
  char         *user_path;
  char         *path;         /* the file the target names */
  char         *temp_path;    /* until it is renamed over @path */
  hid_t         file;
  EdgeSets      sets;
  guint64       n_pairs;
  guint64       n_units;
  guint64      *written;      /* per block: its pairs done when it was last written */
  gboolean      rewrite_all;  /* decisions made by q (--fdr) changed edges already written */
  /* One block of rows, and the statuses of a batch of blocks. */
  double       *numbers;      /* N_DOUBLE_COLUMNS × UNIT_ROWS */
  guint64      *lags;
  guint8       *statuses;     /* BATCH_UNITS × UNIT_ROWS */
  guint64       batch_units[BATCH_UNITS];
  guint64       batch_done[BATCH_UNITS];
  guint         batch_len;
};

static gboolean
writer_failed (GlmccResultsHdf5Writer *writer,
               const char             *what,
               GError                **error)
{
  g_autofree char *reason = hdf5_reason ();

  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot write %s%s%s"), writer->user_path,
               what, reason != NULL ? ": " : "", reason != NULL ? reason : "");
  return FALSE;
}

static void
unit_range (GlmccResultsHdf5Writer *writer,
            guint64                 unit,
            guint64                *first,
            guint64                *last)
{
  *first = unit * UNIT_PAIRS;
  *last = MIN (*first + UNIT_PAIRS, writer->n_pairs);
}

static gboolean
create_edge_dataset (GlmccResultsHdf5Writer *writer,
                     hid_t                   group,
                     const char             *name,
                     hid_t                   file_type,
                     hid_t                   fill_type,
                     const void             *fill,
                     const char             *description,
                     hid_t                  *dataset)
{
  hsize_t rows = 2 * writer->n_pairs, chunk = MIN ((hsize_t) UNIT_ROWS, rows);
  hid_t space = H5Screate_simple (1, &rows, NULL);
  hid_t properties = H5Pcreate (H5P_DATASET_CREATE);
  gboolean ok = space >= 0 && properties >= 0
                && H5Pset_chunk (properties, 1, &chunk) >= 0
                && H5Pset_shuffle (properties) >= 0
                && H5Pset_deflate (properties, DEFLATE_LEVEL) >= 0
                && H5Pset_fill_value (properties, fill_type, fill) >= 0;

  if (ok)
    {
      *dataset = H5Dcreate2 (group, name, file_type, space, H5P_DEFAULT, properties, H5P_DEFAULT);
      ok = *dataset >= 0 && attr_string (*dataset, "description", description);
    }
  close_id (&properties);
  close_id (&space);
  return ok;
}

/* pre and post of every row, whichever pairs are computed. */
static gboolean
write_endpoints (GlmccResultsHdf5Writer *writer)
{
  g_autofree guint32 *pre = g_new (guint32, UNIT_ROWS);
  g_autofree guint32 *post = g_new (guint32, UNIT_ROWS);

  for (guint64 u = 0; u < writer->n_units; u++)
    {
      guint64 first, last;

      unit_range (writer, u, &first, &last);
      for (guint64 k = first; k < last; k++)
        {
          guint target, reference;
          guint64 r = 2 * (k - first);

          glmcc_pair_from_index (k, &target, &reference);
          pre[r] = reference;
          post[r] = target;
          pre[r + 1] = target;
          post[r + 1] = reference;
        }
      if (!rows_write (writer->sets.pre, H5T_NATIVE_UINT32, 2 * first, 2 * (last - first), pre)
          || !rows_write (writer->sets.post, H5T_NATIVE_UINT32, 2 * first, 2 * (last - first), post))
        return FALSE;
    }
  return TRUE;
}

/* Labels and connection counts of every neuron, from the edges in the results. The labels are
 * fixed-length strings: single-writer mode cannot write variable-length data. */
#define LABEL_SIZE 8

static gboolean
write_labels (GlmccResultsHdf5Writer *writer)
{
  guint n = glmcc_results_get_n_neurons (writer->results);
  g_autofree char *labels = g_new0 (char, (gsize) n * LABEL_SIZE);
  g_autofree guint32 *n_e = g_new (guint32, n);
  g_autofree guint32 *n_i = g_new (guint32, n);
  g_autofree guint8 *dale = g_new (guint8, n);
  hid_t group, label_type;
  gboolean ok;

  for (guint i = 0; i < n; i++)
    {
      guint e, inh;
      gboolean violation;

      g_strlcpy (labels + (gsize) i * LABEL_SIZE,
                 glmcc_label_to_string (glmcc_results_get_cell_type (writer->results, i, &e, &inh,
                                                                     &violation)),
                 LABEL_SIZE);
      n_e[i] = e;
      n_i[i] = inh;
      dale[i] = violation != FALSE;
    }
  group = H5Gopen2 (writer->file, "neurons", H5P_DEFAULT);
  label_type = H5Tcopy (H5T_C_S1);
  ok = group >= 0 && label_type >= 0
       && H5Tset_size (label_type, LABEL_SIZE) >= 0
       && H5Tset_strpad (label_type, H5T_STR_NULLPAD) >= 0
       && write_vector (group, "label", label_type, label_type, n, labels)
       && write_vector (group, "n_excitatory_out", H5T_STD_U32LE, H5T_NATIVE_UINT32, n, n_e)
       && write_vector (group, "n_inhibitory_out", H5T_STD_U32LE, H5T_NATIVE_UINT32, n, n_i)
       && write_vector (group, "dale_violation", H5T_STD_U8LE, H5T_NATIVE_UINT8, n, dale);
  close_id (&label_type);
  close_id (&group);
  return ok;
}

static gboolean
write_header (GlmccResultsHdf5Writer *writer,
              GError                **error)
{
  GlmccResults *results = writer->results;
  const GlmccParams *params = glmcc_results_get_params (results);
  GlmccResultsProvenance provenance;
  guint n = glmcc_results_get_n_neurons (results), shard_index, shard_count;
  const double *delays;
  guint n_delays = glmcc_params_get_delays (params, &delays);
  hid_t group = -1;
  const double nan_fill = NAN;
  const guint8 pending_fill = 0;
  const guint64 zero64 = 0;
  const guint32 zero32 = 0;
  g_autofree guint64 *counts = g_new (guint64, n);
  const char *what = "the header";
  gboolean ok;

  glmcc_results_peek_provenance (results, &provenance);
  glmcc_results_get_shard (results, &shard_index, &shard_count);

  ok = attr_string (writer->file, "format", FORMAT_NAME)
       && attr_uint (writer->file, "format_version", H5T_STD_I32LE, FORMAT_VERSION)
       && attr_string (writer->file, "program_version", PACKAGE_VERSION)
       && attr_uint (writer->file, "n_neurons", H5T_STD_U32LE, n)
       && attr_uint (writer->file, "n_pairs", H5T_STD_U64LE, writer->n_pairs)
       && attr_uint (writer->file, "shard_index", H5T_STD_U32LE, shard_index + 1)
       && attr_uint (writer->file, "shard_count", H5T_STD_U32LE, shard_count)
       && attr_uint (writer->file, "complete", H5T_STD_U8LE, 0)
       && attr_uint (writer->file, "pending_pairs", H5T_STD_U64LE,
                     glmcc_results_count_pending (results))
       && attr_uint (writer->file, "q_values", H5T_STD_U8LE, 0);
  if (ok)
    {
      what = "/parameters";
      group = H5Gcreate2 (writer->file, "parameters", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      ok = group >= 0
           && attr_string (group, "mode", glmcc_mode_to_string (params->mode))
           && attr_string (group, "test", glmcc_test_to_string (params->test))
           && attr_string (group, "compat", params->compat_reference ? "reference" : "none")
           && attr_double (group, "window_ms", params->window_ms)
           && attr_double (group, "bin_ms", params->bin_ms)
           && attr_double (group, "tau_ms", params->tau_ms)
           && attr_double (group, "gamma", glmcc_params_get_gamma (params))
           && attr_double (group, "alpha", glmcc_params_get_alpha (params))
           && attr_double (group, "exclude_center_ms", params->exclude_center_ms)
           && attr_string (group, "method", glmcc_method_to_string (params->method))
           && attr_double (group, "fdr", params->fdr)
           && attr_double (group, "jitter_width_ms", params->jitter_width_ms)
           && attr_uint (group, "surrogates", H5T_STD_U32LE, params->surrogates)
           && attr_uint (group, "seed", H5T_STD_U32LE, params->seed)
           && attr_write (group, "delays_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, n_delays, delays);
      close_id (&group);
    }
  if (ok)
    {
      what = "/recording";
      group = H5Gcreate2 (writer->file, "recording", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      ok = group >= 0
           && attr_string (group, "source", provenance.source)
           && attr_string (group, "format", provenance.format)
           && attr_string (group, "fingerprint", provenance.fingerprint)
           && attr_double (group, "epoch_start_ms", provenance.epoch_start_ms)
           && attr_double (group, "epoch_end_ms", provenance.epoch_end_ms)
           && write_strings (group, "conversions",
                             provenance.notes != NULL ? g_strv_length (provenance.notes) : 0,
                             (const char *const *) provenance.notes);
      close_id (&group);
    }
  if (ok)
    {
      what = "/neurons";
      group = H5Gcreate2 (writer->file, "neurons", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      ok = group >= 0
           && write_strings (group, "name", n, (const char *const *) provenance.names)
           && write_vector (group, "rate_hz", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, n, provenance.rates);
      for (guint i = 0; i < n; i++)
        counts[i] = provenance.spike_counts[i];
      ok = ok && write_vector (group, "spike_count", H5T_STD_U64LE, H5T_NATIVE_UINT64, n, counts);
      for (guint i = 0; i < n; i++)
        counts[i] = provenance.dropped[i];
      ok = ok && write_vector (group, "dropped_spikes", H5T_STD_U64LE, H5T_NATIVE_UINT64, n, counts);
      close_id (&group);
    }
  if (ok)
    {
      what = "/edges";
      group = H5Gcreate2 (writer->file, "edges", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      ok = group >= 0
           && attr_string (group, "rows", "pair k = i(i-1)/2 + j is target i, reference j < i; "
                                          "row 2k is j -> i, row 2k+1 is i -> j; indices 0-based")
           && create_edge_dataset (writer, group, "pre", H5T_STD_U32LE, H5T_NATIVE_UINT32, &zero32,
                                   "presynaptic neuron (0-based index)", &writer->sets.pre)
           && create_edge_dataset (writer, group, "post", H5T_STD_U32LE, H5T_NATIVE_UINT32, &zero32,
                                   "postsynaptic neuron (0-based index)", &writer->sets.post)
           && create_edge_dataset (writer, group, "status", H5T_STD_U8LE, H5T_NATIVE_UINT8,
                                   &pending_fill, "status code (see status_names)",
                                   &writer->sets.status)
           && create_edge_dataset (writer, group, "n_lags", H5T_STD_U64LE, H5T_NATIVE_UINT64, &zero64,
                                   "lags in the window", &writer->sets.n_lags);
      if (ok)
        {
          hid_t type = string_type ();
          const char *names[256];
          guint n_names = status_names (names);

          ok = attr_write (writer->sets.status, "status_names", type, type, n_names, names);
          close_id (&type);
        }
      for (guint c = 0; ok && c < N_DOUBLE_COLUMNS; c++)
        ok = create_edge_dataset (writer, group, double_names[c], H5T_IEEE_F64LE,
                                  H5T_NATIVE_DOUBLE, &nan_fill, double_descriptions[c],
                                  &writer->sets.numbers[c]);
      ok = ok && write_endpoints (writer);
      close_id (&group);
    }
  if (ok)
    {
      what = "/neurons/label";
      ok = write_labels (writer);
    }
  if (!ok)
    return writer_failed (writer, what, error);
  return TRUE;
}


/* Fills the numbers and lag counts of block @unit and @statuses from the results as they are
 * now: each row's numbers and status come from one reading of its edge. */
static void
snapshot_unit (GlmccResultsHdf5Writer *writer,
               guint64                 unit,
               guint8                 *statuses)
{
  guint64 first, last;

  unit_range (writer, unit, &first, &last);
  for (guint64 k = first; k < last; k++)
    {
      guint target, reference;

      glmcc_pair_from_index (k, &target, &reference);
      for (guint d = 0; d < 2; d++)
        {
          GlmccEdge edge = glmcc_results_get_edge (writer->results, d == 0 ? reference : target,
                                                   d == 0 ? target : reference);
          guint64 r = 2 * (k - first) + d;
          double values[N_DOUBLE_COLUMNS];

          values[COL_J] = edge.j;
          values[COL_THRESHOLD] = edge.threshold;
          values[COL_STATISTIC] = edge.statistic;
          values[COL_P_VALUE] = edge.p_value;
          values[COL_Q_VALUE] = edge.q_value;
          values[COL_PSP_MV] = edge.psp_mv;
          values[COL_DELAY_MS] = edge.delay_ms;
          if (edge.status == GLMCC_STATUS_PENDING)
            for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
              values[c] = NAN;
          for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
            writer->numbers[c * UNIT_ROWS + r] = values[c];
          writer->lags[r] = edge.status == GLMCC_STATUS_PENDING ? 0 : edge.n_lags;
          statuses[r] = (guint8) edge.status;
        }
    }
}

/* The pairs whose statuses in the file are pending. */
static guint64
writer_count_pending (GlmccResultsHdf5Writer *writer)
{
  guint64 written = 0;

  for (guint64 u = 0; u < writer->n_units; u++)
    written += writer->written[u];
  return writer->n_pairs - written;
}

/* The statuses of the batch, after its numbers are flushed to the file; then a flush again. */
static gboolean
commit_batch (GlmccResultsHdf5Writer *writer,
              GError                **error)
{
  if (writer->batch_len == 0)
    return TRUE;
  if (H5Fflush (writer->file, H5F_SCOPE_LOCAL) < 0)
    return writer_failed (writer, "the edges (flush)", error);
  for (guint b = 0; b < writer->batch_len; b++)
    {
      guint64 first, last;

      unit_range (writer, writer->batch_units[b], &first, &last);
      if (!rows_write (writer->sets.status, H5T_NATIVE_UINT8, 2 * first, 2 * (last - first),
                       writer->statuses + (gsize) b * UNIT_ROWS))
        return writer_failed (writer, "/edges/status", error);
    }
  if (H5Fflush (writer->file, H5F_SCOPE_LOCAL) < 0)
    return writer_failed (writer, "the edges (flush)", error);
  for (guint b = 0; b < writer->batch_len; b++)
    writer->written[writer->batch_units[b]] = writer->batch_done[b];
  writer->batch_len = 0;
  /* For readers of a file whose run is still going, or was killed. */
  if (!attr_uint (writer->file, "pending_pairs", H5T_STD_U64LE, writer_count_pending (writer)))
    return writer_failed (writer, "the pending_pairs attribute", error);
  return TRUE;
}

static gboolean
write_changed_units (GlmccResultsHdf5Writer *writer,
                     GError                **error)
{
  for (guint64 u = 0; u < writer->n_units; u++)
    {
      guint64 first, last, done;

      unit_range (writer, u, &first, &last);
      done = glmcc_results_count_done_in_range (writer->results, first, last);
      if (done == writer->written[u] && !writer->rewrite_all)
        continue;
      snapshot_unit (writer, u, writer->statuses + (gsize) writer->batch_len * UNIT_ROWS);
      for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
        if (!rows_write (writer->sets.numbers[c], H5T_NATIVE_DOUBLE, 2 * first, 2 * (last - first),
                         writer->numbers + (gsize) c * UNIT_ROWS))
          {
            g_autofree char *what = g_strdup_printf ("/edges/%s", double_names[c]);
            return writer_failed (writer, what, error);
          }
      if (!rows_write (writer->sets.n_lags, H5T_NATIVE_UINT64, 2 * first, 2 * (last - first),
                       writer->lags))
        return writer_failed (writer, "/edges/n_lags", error);
      writer->batch_units[writer->batch_len] = u;
      writer->batch_done[writer->batch_len] = done;
      if (++writer->batch_len == BATCH_UNITS && !commit_batch (writer, error))
        return FALSE;
    }
  return commit_batch (writer, error);
}

/* The q-value column of every block (the numbers of the other columns do not change). */
static gboolean
write_q_values (GlmccResultsHdf5Writer *writer,
                GError                **error)
{
  double *q = writer->numbers;

  for (guint64 u = 0; u < writer->n_units; u++)
    {
      guint64 first, last;

      unit_range (writer, u, &first, &last);
      for (guint64 k = first; k < last; k++)
        {
          guint target, reference;
          GlmccEdge forward, backward;

          glmcc_pair_from_index (k, &target, &reference);
          forward = glmcc_results_get_edge (writer->results, reference, target);
          backward = glmcc_results_get_edge (writer->results, target, reference);
          q[2 * (k - first)] = forward.q_value;
          q[2 * (k - first) + 1] = backward.q_value;
        }
      if (!rows_write (writer->sets.numbers[COL_Q_VALUE], H5T_NATIVE_DOUBLE, 2 * first,
                       2 * (last - first), q))
        return writer_failed (writer, "/edges/q_value", error);
    }
  return TRUE;
}

static gboolean
open_edge_sets (hid_t     file,
                EdgeSets *sets)
{
  hid_t group = H5Gopen2 (file, "edges", H5P_DEFAULT);
  gboolean ok = group >= 0;

  if (ok)
    {
      sets->status = H5Dopen2 (group, "status", H5P_DEFAULT);
      sets->n_lags = H5Dopen2 (group, "n_lags", H5P_DEFAULT);
      sets->pre = H5Dopen2 (group, "pre", H5P_DEFAULT);
      sets->post = H5Dopen2 (group, "post", H5P_DEFAULT);
      ok = sets->status >= 0 && sets->n_lags >= 0 && sets->pre >= 0 && sets->post >= 0;
      for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
        {
          sets->numbers[c] = H5Dopen2 (group, double_names[c], H5P_DEFAULT);
          ok = ok && sets->numbers[c] >= 0;
        }
    }
  close_id (&group);
  return ok;
}

static void
writer_close (GlmccResultsHdf5Writer *writer)
{
  edge_sets_close (&writer->sets);
  close_id (&writer->file);
}

static void
writer_destroy (GlmccResultsHdf5Writer *writer)
{
  writer_close (writer);
  if (writer->temp_path != NULL)
    g_unlink (writer->temp_path);
  g_clear_pointer (&writer->results, glmcc_results_unref);
  g_free (writer->user_path);
  g_free (writer->path);
  g_free (writer->temp_path);
  g_free (writer->written);
  g_free (writer->numbers);
  g_free (writer->lags);
  g_free (writer->statuses);
  g_free (writer);
}

static hid_t
file_access_properties (void)
{
  hid_t properties = H5Pcreate (H5P_FILE_ACCESS);

  /* HDF5 1.10's format: what single-writer mode needs, and what every reader since reads. */
#if H5_VERSION_GE (1, 10, 2)
  H5Pset_libver_bounds (properties, H5F_LIBVER_V110, H5F_LIBVER_V110);
#else
  H5Pset_libver_bounds (properties, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
#endif
  /* Cluster file systems without locks (some NFS and Lustre mounts) would refuse the file. */
#if H5_VERSION_GE (1, 10, 7)
  H5Pset_file_locking (properties, TRUE, TRUE);
#endif
  return properties;
}

GlmccResultsHdf5Writer *
glmcc_results_hdf5_writer_new (GlmccResults  *results,
                               const char    *path,
                               GError       **error)
{
  GlmccResultsHdf5Writer *writer;
  ErrorPrinting saved;
  hid_t access = -1;
  guint mode = 0;
  int fd;

  g_return_val_if_fail (results != NULL && path != NULL, NULL);

  writer = g_new0 (GlmccResultsHdf5Writer, 1);
  writer->results = glmcc_results_ref (results);
  writer->user_path = g_strdup (path);
  writer->file = -1;
  edge_sets_init (&writer->sets);
  writer->n_pairs = glmcc_pair_count (glmcc_results_get_n_neurons (results));
  writer->n_units = (writer->n_pairs + UNIT_PAIRS - 1) / UNIT_PAIRS;
  writer->written = g_new0 (guint64, MAX (writer->n_units, 1));
  writer->numbers = g_new (double, (gsize) N_DOUBLE_COLUMNS * UNIT_ROWS);
  writer->lags = g_new (guint64, UNIT_ROWS);
  writer->statuses = g_new (guint8, (gsize) BATCH_UNITS * UNIT_ROWS);

  writer->path = glmcc_output_resolve_file (path, &mode, error);
  if (writer->path == NULL)
    {
      writer_destroy (writer);
      return NULL;
    }
  writer->temp_path = g_strdup_printf ("%s.XXXXXX", writer->path);
  fd = g_mkstemp_full (writer->temp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *dir = g_path_get_dirname (writer->path);

      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, _("%s: cannot write in the directory %s: %s"),
                   path, dir, g_strerror (saved_errno));
      g_clear_pointer (&writer->temp_path, g_free);
      writer_destroy (writer);
      return NULL;
    }
  /* A replaced file keeps its permissions. */
  if (mode != 0)
    fchmod (fd, mode);
  close (fd);

  hdf5_enter (&saved);
  access = file_access_properties ();
  writer->file = H5Fcreate (writer->temp_path, H5F_ACC_TRUNC, H5P_DEFAULT, access);
  close_id (&access);
  if (writer->file < 0)
    writer_failed (writer, "the file", error);
  else if (write_header (writer, error))
    {
      /* Single-writer mode wants every object closed while it starts. */
      edge_sets_close (&writer->sets);
      if (H5Fstart_swmr_write (writer->file) < 0 || !open_edge_sets (writer->file, &writer->sets))
        writer_failed (writer, "the file (single-writer mode)", error);
      else if (write_changed_units (writer, error))
        {
          if (g_rename (writer->temp_path, writer->path) == 0)
            {
              g_clear_pointer (&writer->temp_path, g_free);
              hdf5_leave (&saved);
              return writer;
            }
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path, g_strerror (errno));
        }
    }
  writer_destroy (writer);
  hdf5_leave (&saved);
  return NULL;
}

gboolean
glmcc_results_hdf5_writer_sync (GlmccResultsHdf5Writer  *writer,
                                GError                 **error)
{
  ErrorPrinting saved;
  gboolean ok;

  g_return_val_if_fail (writer != NULL, FALSE);

  hdf5_enter (&saved);
  ok = write_changed_units (writer, error);
  hdf5_leave (&saved);
  return ok;
}

gboolean
glmcc_results_hdf5_writer_finish (GlmccResultsHdf5Writer  *writer,
                                  GError                 **error)
{
  ErrorPrinting saved;
  guint64 pending;
  guint shard_index, shard_count;
  gboolean ok, with_q = FALSE;

  g_return_val_if_fail (writer != NULL, FALSE);

  pending = glmcc_results_count_pending (writer->results);
  /* q-values need every edge: a complete run's are computed once, here if not before (and are
   * left out when their memory is refused). With an FDR level they also make the decisions,
   * which changes statuses and strengths of units already written. */
  with_q = pending == 0 && glmcc_results_compute_q_values (writer->results, NULL);
  writer->rewrite_all = with_q && glmcc_results_get_params (writer->results)->fdr > 0.0;
  glmcc_results_get_shard (writer->results, &shard_index, &shard_count);

  hdf5_enter (&saved);
  ok = write_changed_units (writer, error)
       && (!with_q || write_q_values (writer, error));
  if (ok && !(write_labels (writer)
              && attr_uint (writer->file, "shard_index", H5T_STD_U32LE, shard_index + 1)
              && attr_uint (writer->file, "shard_count", H5T_STD_U32LE, shard_count)
              && attr_uint (writer->file, "pending_pairs", H5T_STD_U64LE, pending)
              && attr_uint (writer->file, "q_values", H5T_STD_U8LE, with_q)
              && attr_uint (writer->file, "complete", H5T_STD_U8LE, pending == 0)))
    ok = writer_failed (writer, "the labels and attributes", error);
  edge_sets_close (&writer->sets);
  if (ok && H5Fclose (writer->file) < 0)
    ok = writer_failed (writer, "the file (closing)", error);
  writer->file = -1;
  hdf5_leave (&saved);
  if (ok)
    {
      /* On disk before the caller says it is written. */
      int fd = g_open (writer->path, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0 || fsync (fd) != 0)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", writer->user_path,
                       g_strerror (errno));
          ok = FALSE;
        }
      if (fd >= 0)
        close (fd);
    }
  glmcc_results_hdf5_writer_free (writer);
  return ok;
}

void
glmcc_results_hdf5_writer_free (GlmccResultsHdf5Writer *writer)
{
  ErrorPrinting saved;

  if (writer == NULL)
    return;
  hdf5_enter (&saved);
  writer_destroy (writer);
  hdf5_leave (&saved);
}

gboolean
glmcc_results_write_hdf5 (GlmccResults  *results,
                          const char    *path,
                          GError       **error)
{
  GlmccResultsHdf5Writer *writer;

  g_return_val_if_fail (results != NULL && path != NULL, FALSE);

  writer = glmcc_results_hdf5_writer_new (results, path, error);
  return writer != NULL && glmcc_results_hdf5_writer_finish (writer, error);
}

/* ---- Reading --------------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  hid_t       file;
  EdgeSets    sets;
  guint       n;
  guint64     n_pairs;
  GlmccStatus status_map[256];
  guint       n_codes;
} Reader;

#define BAD_FILE(code, ...) G_STMT_START { \
    g_set_error (error, GLMCC_ERROR, code, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

static void
reader_close (Reader *reader)
{
  edge_sets_close (&reader->sets);
  close_id (&reader->file);
}

/* A string attribute (variable or fixed length), or NULL. */
static char *
attr_read_string (hid_t       location,
                  const char *name)
{
  hid_t attribute = H5Aexists (location, name) > 0 ? H5Aopen (location, name, H5P_DEFAULT) : -1;
  hid_t type = attribute >= 0 ? H5Aget_type (attribute) : -1;
  hid_t space = attribute >= 0 ? H5Aget_space (attribute) : -1;
  char *value = NULL;

  if (type >= 0 && space >= 0 && H5Tget_class (type) == H5T_STRING
      && H5Sget_simple_extent_npoints (space) == 1)
    {
      if (H5Tis_variable_str (type) > 0)
        {
          hid_t memory = string_type ();
          char *text = NULL;

          if (H5Aread (attribute, memory, &text) >= 0 && text != NULL)
            {
              value = g_strdup (text);
              H5free_memory (text);
            }
          close_id (&memory);
        }
      else
        {
          size_t size = H5Tget_size (type);

          if (size > 0 && size < 65536)
            {
              g_autofree char *text = g_malloc0 (size + 1);
              if (H5Aread (attribute, type, text) >= 0)
                value = g_strndup (text, size);
            }
        }
    }
  close_id (&space);
  close_id (&type);
  close_id (&attribute);
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    g_clear_pointer (&value, g_free);
  return value;
}

/* A scalar number attribute, converted to @mem_type; FALSE when missing or not a number. */
static gboolean
attr_read_number (hid_t       location,
                  const char *name,
                  hid_t       mem_type,
                  void       *value)
{
  hid_t attribute = H5Aexists (location, name) > 0 ? H5Aopen (location, name, H5P_DEFAULT) : -1;
  hid_t type = attribute >= 0 ? H5Aget_type (attribute) : -1;
  hid_t space = attribute >= 0 ? H5Aget_space (attribute) : -1;
  H5T_class_t type_class = type >= 0 ? H5Tget_class (type) : H5T_NO_CLASS;
  gboolean ok = (type_class == H5T_INTEGER || type_class == H5T_FLOAT)
                && space >= 0 && H5Sget_simple_extent_npoints (space) == 1
                && H5Aread (attribute, mem_type, value) >= 0;

  close_id (&space);
  close_id (&type);
  close_id (&attribute);
  return ok;
}

/* The length of a one-dimensional dataset, or -1. */
static gint64
vector_length (hid_t dataset)
{
  hid_t space = H5Dget_space (dataset);
  hsize_t dims[1];
  gint64 length = -1;

  if (space >= 0 && H5Sget_simple_extent_ndims (space) == 1
      && H5Sget_simple_extent_dims (space, dims, NULL) == 1)
    length = (gint64) dims[0];
  close_id (&space);
  return length;
}

/* A per-neuron dataset of length n, read whole as @mem_type. Its storage must be in the file
 * (at least @min_bytes_each per row), so a damaged count cannot make us allocate for it. */
static gboolean
read_neuron_vector (hid_t        group,
                    const char  *name,
                    guint        n,
                    hid_t        mem_type,
                    gsize        min_bytes_each,
                    void        *data)
{
  hid_t dataset = H5Lexists (group, name, H5P_DEFAULT) > 0 ? H5Dopen2 (group, name, H5P_DEFAULT) : -1;
  gboolean ok = dataset >= 0 && vector_length (dataset) == (gint64) n
                && H5Dget_storage_size (dataset) >= (hsize_t) n * min_bytes_each
                && H5Dread (dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0;

  close_id (&dataset);
  return ok;
}

/* A dataset of strings (variable length), each copied; NULL on failure. */
static char **
read_strings (hid_t       group,
              const char *name,
              gint64      expected)
{
  hid_t dataset = H5Lexists (group, name, H5P_DEFAULT) > 0 ? H5Dopen2 (group, name, H5P_DEFAULT) : -1;
  hid_t type = dataset >= 0 ? H5Dget_type (dataset) : -1;
  hid_t memory = -1, space = -1;
  gint64 length = dataset >= 0 ? vector_length (dataset) : -1;
  char **strings = NULL;

  if (type >= 0 && H5Tget_class (type) == H5T_STRING && H5Tis_variable_str (type) > 0
      && length >= 0 && (expected < 0 || length == expected)
      && (length == 0 || H5Dget_storage_size (dataset) >= (hsize_t) length * 4))
    {
      g_autofree char **raw = g_new0 (char *, length + 1);

      memory = string_type ();
      space = H5Dget_space (dataset);
      if (length == 0
          || H5Dread (dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw) >= 0)
        {
          gboolean valid = TRUE;

          strings = g_new0 (char *, length + 1);
          for (gint64 i = 0; i < length; i++)
            {
              valid = valid && raw[i] != NULL && g_utf8_validate (raw[i], -1, NULL);
              strings[i] = g_strdup (raw[i] != NULL ? raw[i] : "");
            }
#if H5_VERSION_GE (1, 12, 0)
          if (length > 0)
            H5Treclaim (memory, space, H5P_DEFAULT, raw);
#else
          if (length > 0)
            H5Dvlen_reclaim (memory, space, H5P_DEFAULT, raw);
#endif
          if (!valid)
            g_clear_pointer (&strings, g_strfreev);
        }
    }
  close_id (&space);
  close_id (&memory);
  close_id (&type);
  close_id (&dataset);
  return strings;
}

static gboolean
read_params (hid_t        file,
             GlmccParams *params)
{
  hid_t group = H5Lexists (file, "parameters", H5P_DEFAULT) > 0
                  ? H5Gopen2 (file, "parameters", H5P_DEFAULT) : -1;
  g_autofree char *mode = NULL, *test = NULL, *compat = NULL, *method = NULL;
  hid_t attribute = -1, space = -1;
  gboolean ok = FALSE;
  hssize_t n_delays;

  glmcc_params_init (params);
  if (group < 0)
    return FALSE;
  mode = attr_read_string (group, "mode");
  test = attr_read_string (group, "test");
  compat = attr_read_string (group, "compat");
  if (g_strcmp0 (mode, "sim") == 0)
    params->mode = GLMCC_MODE_SIM;
  else if (g_strcmp0 (mode, "exp") == 0)
    params->mode = GLMCC_MODE_EXP;
  else
    goto out;
  if (g_strcmp0 (test, "wald") == 0)
    params->test = GLMCC_TEST_WALD;
  else if (g_strcmp0 (test, "lr") == 0)
    params->test = GLMCC_TEST_LR;
  else
    goto out;
  params->compat_reference = g_strcmp0 (compat, "reference") == 0;
  /* Files from before the baselines name no method: GLMCC, decisions by α. */
  method = attr_read_string (group, "method");
  if (method != NULL && !glmcc_method_from_string (method, &params->method))
    goto out;
  if ((H5Aexists (group, "fdr") > 0
       && !attr_read_number (group, "fdr", H5T_NATIVE_DOUBLE, &params->fdr))
      || (H5Aexists (group, "jitter_width_ms") > 0
          && !attr_read_number (group, "jitter_width_ms", H5T_NATIVE_DOUBLE,
                                &params->jitter_width_ms))
      || (H5Aexists (group, "surrogates") > 0
          && !attr_read_number (group, "surrogates", H5T_NATIVE_UINT, &params->surrogates))
      || (H5Aexists (group, "seed") > 0
          && !attr_read_number (group, "seed", H5T_NATIVE_UINT32, &params->seed)))
    goto out;
  if (!attr_read_number (group, "window_ms", H5T_NATIVE_DOUBLE, &params->window_ms)
      || !attr_read_number (group, "bin_ms", H5T_NATIVE_DOUBLE, &params->bin_ms)
      || !attr_read_number (group, "tau_ms", H5T_NATIVE_DOUBLE, &params->tau_ms)
      || !attr_read_number (group, "gamma", H5T_NATIVE_DOUBLE, &params->gamma)
      || !attr_read_number (group, "alpha", H5T_NATIVE_DOUBLE, &params->alpha)
      || !attr_read_number (group, "exclude_center_ms", H5T_NATIVE_DOUBLE,
                            &params->exclude_center_ms))
    goto out;
  attribute = H5Aexists (group, "delays_ms") > 0 ? H5Aopen (group, "delays_ms", H5P_DEFAULT) : -1;
  space = attribute >= 0 ? H5Aget_space (attribute) : -1;
  n_delays = space >= 0 ? H5Sget_simple_extent_npoints (space) : -1;
  if (n_delays < 1 || n_delays > GLMCC_MAX_DELAYS)
    goto out;
  {
    double delays[GLMCC_MAX_DELAYS];

    if (H5Aread (attribute, H5T_NATIVE_DOUBLE, delays) < 0)
      goto out;
    if (params->mode == GLMCC_MODE_SIM)
      params->sim_delay_ms = delays[0];
    else
      {
        params->n_delays = (guint) n_delays;
        memcpy (params->delays_ms, delays, n_delays * sizeof (double));
      }
  }
  ok = glmcc_params_validate (params, NULL);
out:
  close_id (&space);
  close_id (&attribute);
  close_id (&group);
  return ok;
}

/* Opens @path and reads everything but the edges into new results (no edge set yet). */
static GlmccResults *
reader_open (Reader      *reader,
             const char  *path,
             GError     **error)
{
  g_autoptr(GlmccResults) results = NULL;
  g_autofree char *format = NULL;
  GlmccResultsProvenance provenance = { 0 };
  GlmccParams params;
  hid_t access = -1, group = -1;
  gint32 version = 0;
  guint32 n = 0, shard_index = 1, shard_count = 1;
  guint64 *counts = NULL;
  gboolean ok;

  memset (reader, 0, sizeof *reader);
  reader->path = path;
  reader->file = -1;
  edge_sets_init (&reader->sets);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_IO, "%s: %s", path,
                   g_file_test (path, G_FILE_TEST_EXISTS) ? "not a regular file"
                                                          : "no such file");
      return NULL;
    }
  access = file_access_properties ();
  reader->file = H5Fopen (path, H5F_ACC_RDONLY, access);
  /* A file whose writer was killed is still marked as being written: read it as a reader of
   * single-writer mode does. */
  if (reader->file < 0)
    reader->file = H5Fopen (path, H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, access);
  close_id (&access);
  if (reader->file < 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: not a readable HDF5 file (damaged or truncated)"), path);
      return NULL;
    }
  H5Eclear2 (H5E_DEFAULT);

  format = attr_read_string (reader->file, "format");
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE,
                   _("%s: an HDF5 file, but not a glmcc results file (no format \"%s\")"), path,
                   FORMAT_NAME);
      return NULL;
    }
  if (!attr_read_number (reader->file, "format_version", H5T_NATIVE_INT32, &version)
      || version != FORMAT_VERSION)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
                   _("%s: a glmcc results file of format version %d; this glmcc reads version %d"),
                   path, version, FORMAT_VERSION);
      return NULL;
    }
  if (!attr_read_number (reader->file, "n_neurons", H5T_NATIVE_UINT32, &n) || n < 2)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: the n_neurons attribute is missing or below 2"), path);
      return NULL;
    }
  if (!read_params (reader->file, &params))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: /parameters is missing or invalid"), path);
      return NULL;
    }
  if (!attr_read_number (reader->file, "shard_index", H5T_NATIVE_UINT32, &shard_index)
      || !attr_read_number (reader->file, "shard_count", H5T_NATIVE_UINT32, &shard_count)
      || shard_count < 1 || shard_index < 1 || shard_index > shard_count)
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: invalid shard %u/%u"), path, shard_index, shard_count);
      return NULL;
    }

  /* The per-neuron lists: their storage bounds n by the file's size before we allocate. */
  group = H5Lexists (reader->file, "neurons", H5P_DEFAULT) > 0
            ? H5Gopen2 (reader->file, "neurons", H5P_DEFAULT) : -1;
  provenance.rates = g_try_new (double, n);
  counts = g_try_new (guint64, n);
  ok = group >= 0 && provenance.rates != NULL && counts != NULL
       && read_neuron_vector (group, "rate_hz", n, H5T_NATIVE_DOUBLE, 8, provenance.rates);
  if (ok)
    {
      provenance.spike_counts = g_new (gsize, n);
      provenance.dropped = g_new (gsize, n);
      ok = read_neuron_vector (group, "spike_count", n, H5T_NATIVE_UINT64, 8, counts);
      for (guint i = 0; ok && i < n; i++)
        provenance.spike_counts[i] = (gsize) counts[i];
      ok = ok && read_neuron_vector (group, "dropped_spikes", n, H5T_NATIVE_UINT64, 8, counts);
      for (guint i = 0; ok && i < n; i++)
        provenance.dropped[i] = (gsize) counts[i];
      ok = ok && (provenance.names = read_strings (group, "name", n)) != NULL;
    }
  g_free (counts);
  close_id (&group);
  if (ok)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; ok && i < n; i++)
        ok = g_hash_table_add (seen, provenance.names[i]);
      if (!ok)
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: two neurons have the same name"), path);
          goto fail;
        }
    }
  else
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: /neurons is missing, damaged or not %u rows long"), path, n);
      goto fail;
    }

  group = H5Lexists (reader->file, "recording", H5P_DEFAULT) > 0
            ? H5Gopen2 (reader->file, "recording", H5P_DEFAULT) : -1;
  if (group < 0
      || !attr_read_number (group, "epoch_start_ms", H5T_NATIVE_DOUBLE, &provenance.epoch_start_ms)
      || !attr_read_number (group, "epoch_end_ms", H5T_NATIVE_DOUBLE, &provenance.epoch_end_ms)
      || (provenance.fingerprint = attr_read_string (group, "fingerprint")) == NULL
      || (provenance.notes = read_strings (group, "conversions", -1)) == NULL)
    {
      close_id (&group);
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: /recording is missing or damaged"), path);
      goto fail;
    }
  provenance.source = attr_read_string (group, "source");
  provenance.format = attr_read_string (group, "format");
  close_id (&group);

  reader->n = n;
  reader->n_pairs = glmcc_pair_count (n);
  if (!open_edge_sets (reader->file, &reader->sets))
    {
      g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                   _("%s: /edges lacks one of its datasets"), path);
      goto fail;
    }
  {
    hid_t all[N_DOUBLE_COLUMNS + 4];
    guint n_all = 0;

    for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
      all[n_all++] = reader->sets.numbers[c];
    all[n_all++] = reader->sets.status;
    all[n_all++] = reader->sets.n_lags;
    all[n_all++] = reader->sets.pre;
    all[n_all++] = reader->sets.post;
    for (guint c = 0; c < n_all; c++)
      if (vector_length (all[c]) != (gint64) (2 * reader->n_pairs))
        {
          g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                       _("%s: an /edges dataset is not %" PRIu64 " rows long (2 per pair "
                       "of %u neurons)"), path, 2 * reader->n_pairs, n);
          goto fail;
        }
  }
  {
    hid_t attribute = H5Aexists (reader->sets.status, "status_names") > 0
                        ? H5Aopen (reader->sets.status, "status_names", H5P_DEFAULT) : -1;
    hid_t space = attribute >= 0 ? H5Aget_space (attribute) : -1;
    hssize_t n_codes = space >= 0 ? H5Sget_simple_extent_npoints (space) : -1;
    gboolean known = n_codes >= 1 && n_codes <= 256;

    if (known)
      {
        hid_t memory = string_type ();
        g_autofree char **names = g_new0 (char *, n_codes);

        known = H5Aread (attribute, memory, names) >= 0;
        for (hssize_t c = 0; known && c < n_codes; c++)
          known = names[c] != NULL && glmcc_status_from_string (names[c], &reader->status_map[c]);
        for (hssize_t c = 0; c < n_codes; c++)
          if (names[c] != NULL)
            H5free_memory (names[c]);
        close_id (&memory);
        reader->n_codes = (guint) n_codes;
      }
    close_id (&space);
    close_id (&attribute);
    if (!known || reader->status_map[0] != GLMCC_STATUS_PENDING)
      {
        g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_DATA,
                     _("%s: /edges/status has no list of known status names"), path);
        goto fail;
      }
  }

  results = glmcc_results_new_from_provenance (n, &params, &provenance);
  glmcc_results_set_shard (results, shard_index - 1, shard_count);
  return g_steal_pointer (&results);

fail:
  g_strfreev (provenance.names);
  g_free (provenance.spike_counts);
  g_free (provenance.dropped);
  g_free (provenance.rates);
  g_free (provenance.source);
  g_free (provenance.format);
  g_free (provenance.fingerprint);
  g_strfreev (provenance.notes);
  return NULL;
}

static gboolean
same_number (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* Every non-pending row of the file into @into, one block of 4,096 pairs at a time. */
static gboolean
reader_stream (Reader        *reader,
               GlmccResults  *into,
               GError       **error)
{
  g_autofree guint8 *statuses = g_new (guint8, UNIT_ROWS);
  g_autofree double *numbers = g_new (double, (gsize) N_DOUBLE_COLUMNS * UNIT_ROWS);
  g_autofree guint64 *lags = g_new (guint64, UNIT_ROWS);
  g_autofree guint32 *pre = g_new (guint32, UNIT_ROWS);
  g_autofree guint32 *post = g_new (guint32, UNIT_ROWS);
  guint64 n_units = (reader->n_pairs + UNIT_PAIRS - 1) / UNIT_PAIRS;

  for (guint64 u = 0; u < n_units; u++)
    {
      guint64 first = u * UNIT_PAIRS, last = MIN (first + UNIT_PAIRS, reader->n_pairs);
      guint64 rows = 2 * (last - first);
      gboolean any = FALSE;
      const char *what = "status";

      if (!rows_read (reader->sets.status, H5T_NATIVE_UINT8, 2 * first, rows, statuses))
        goto unreadable;
      for (guint64 r = 0; r < rows && !any; r++)
        any = statuses[r] != 0;
      if (!any)
        continue;
      for (guint c = 0; c < N_DOUBLE_COLUMNS; c++)
        if (!rows_read (reader->sets.numbers[c], H5T_NATIVE_DOUBLE, 2 * first, rows,
                        numbers + (gsize) c * UNIT_ROWS))
          {
            what = double_names[c];
            goto unreadable;
          }
      what = "n_lags";
      if (!rows_read (reader->sets.n_lags, H5T_NATIVE_UINT64, 2 * first, rows, lags))
        goto unreadable;
      what = "pre";
      if (!rows_read (reader->sets.pre, H5T_NATIVE_UINT32, 2 * first, rows, pre))
        goto unreadable;
      what = "post";
      if (!rows_read (reader->sets.post, H5T_NATIVE_UINT32, 2 * first, rows, post))
        goto unreadable;

      for (guint64 k = first; k < last; k++)
        {
          guint target, reference;

          glmcc_pair_from_index (k, &target, &reference);
          for (guint d = 0; d < 2; d++)
            {
              guint64 r = 2 * (k - first) + d;
              guint edge_pre = d == 0 ? reference : target, edge_post = d == 0 ? target : reference;
              GlmccEdge edge;

              if (statuses[r] == 0)
                continue;
              if (statuses[r] >= reader->n_codes)
                BAD_FILE (GLMCC_ERROR_INVALID_DATA, "%s: /edges/status row %" G_GUINT64_FORMAT
                          " has the unknown code %u", reader->path, 2 * first + r, statuses[r]);
              if (pre[r] != edge_pre || post[r] != edge_post)
                BAD_FILE (GLMCC_ERROR_INVALID_DATA, "%s: /edges row %" G_GUINT64_FORMAT " is "
                          "%u → %u where the pair list has %u → %u", reader->path,
                          2 * first + r, pre[r], post[r], edge_pre, edge_post);
              edge.status = reader->status_map[statuses[r]];
              edge.j = numbers[COL_J * UNIT_ROWS + r];
              edge.threshold = numbers[COL_THRESHOLD * UNIT_ROWS + r];
              edge.statistic = numbers[COL_STATISTIC * UNIT_ROWS + r];
              edge.p_value = numbers[COL_P_VALUE * UNIT_ROWS + r];
              edge.q_value = numbers[COL_Q_VALUE * UNIT_ROWS + r];
              edge.psp_mv = numbers[COL_PSP_MV * UNIT_ROWS + r];
              if (isnan (edge.psp_mv))
                edge.psp_mv = 0.0;
              edge.delay_ms = numbers[COL_DELAY_MS * UNIT_ROWS + r];
              edge.n_lags = lags[r];
              /* Both directions of a pair come from one fit. */
              if (d == 1 && statuses[r - 1] != 0
                  && (lags[r - 1] != lags[r]
                      || !same_number (numbers[COL_DELAY_MS * UNIT_ROWS + r - 1], edge.delay_ms)))
                BAD_FILE (GLMCC_ERROR_INVALID_DATA, "%s: /edges rows %" G_GUINT64_FORMAT " and %"
                          G_GUINT64_FORMAT " (the two directions of a pair) disagree on the delay "
                          "or the number of lags", reader->path, 2 * first + r - 1, 2 * first + r);
              glmcc_results_set_edge (into, edge_pre, edge_post, &edge);
              glmcc_results_set_q_value (into, edge_pre, edge_post, edge.q_value);
            }
        }
      continue;

    unreadable:
      BAD_FILE (GLMCC_ERROR_INVALID_DATA, "%s: /edges/%s cannot be read at rows %" G_GUINT64_FORMAT
                "–%" G_GUINT64_FORMAT " (the file is damaged)", reader->path, what, 2 * first,
                2 * first + rows - 1);
    }
  return TRUE;
}

gboolean
glmcc_results_hdf5_probe (const char *path)
{
  g_autofree char *format = NULL;
  ErrorPrinting saved;
  hid_t access, file;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  hdf5_enter (&saved);
  access = file_access_properties ();
  file = H5Fopen (path, H5F_ACC_RDONLY, access);
  if (file < 0)
    file = H5Fopen (path, H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, access);
  close_id (&access);
  if (file >= 0)
    format = attr_read_string (file, "format");
  close_id (&file);
  hdf5_leave (&saved);
  return g_strcmp0 (format, FORMAT_NAME) == 0;
}

GlmccResults *
glmcc_results_load_hdf5 (const char  *path,
                         GError     **error)
{
  g_autoptr(GlmccResults) results = NULL;
  ErrorPrinting saved;
  Reader reader;

  g_return_val_if_fail (path != NULL, NULL);

  hdf5_enter (&saved);
  results = reader_open (&reader, path, error);
  if (results != NULL && !reader_stream (&reader, results, error))
    g_clear_pointer (&results, glmcc_results_unref);
  reader_close (&reader);
  hdf5_leave (&saved);
  return g_steal_pointer (&results);
}

gboolean
glmcc_results_merge_hdf5 (GlmccResults  *into,
                          const char    *path,
                          guint         *shard_index,
                          guint         *shard_count,
                          GError       **error)
{
  g_autoptr(GlmccResults) header = NULL;
  ErrorPrinting saved;
  Reader reader;
  gboolean ok;

  g_return_val_if_fail (into != NULL && path != NULL, FALSE);

  hdf5_enter (&saved);
  header = reader_open (&reader, path, error);
  ok = header != NULL
       && glmcc_results_check_same_run (into, header, error)
       && reader_stream (&reader, into, error);
  reader_close (&reader);
  hdf5_leave (&saved);
  if (header != NULL)
    {
      guint index, count;

      glmcc_results_get_shard (header, &index, &count);
      if (shard_index != NULL)
        *shard_index = index;
      if (shard_count != NULL)
        *shard_count = count;
    }
  if (ok)
    glmcc_results_set_shard (into, 0, 1);
  return ok;
}

#else /* !HAVE_HDF5 */

gboolean
glmcc_results_hdf5_probe (const char *path)
{
  return FALSE;
}

static gboolean
unavailable (const char  *path,
             GError     **error)
{
  g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED,
               _("%s: this build lacks the nwb feature (libhdf5), which HDF5 results files need; "
               "rebuild with -Dnwb=enabled"), path);
  return FALSE;
}

GlmccResultsHdf5Writer *
glmcc_results_hdf5_writer_new (GlmccResults  *results,
                               const char    *path,
                               GError       **error)
{
  unavailable (path, error);
  return NULL;
}

gboolean
glmcc_results_hdf5_writer_sync (GlmccResultsHdf5Writer  *writer,
                                GError                 **error)
{
  return unavailable ("results.h5", error);
}

gboolean
glmcc_results_hdf5_writer_finish (GlmccResultsHdf5Writer  *writer,
                                  GError                 **error)
{
  return unavailable ("results.h5", error);
}

void
glmcc_results_hdf5_writer_free (GlmccResultsHdf5Writer *writer)
{
}

gboolean
glmcc_results_write_hdf5 (GlmccResults  *results,
                          const char    *path,
                          GError       **error)
{
  return unavailable (path, error);
}

GlmccResults *
glmcc_results_load_hdf5 (const char  *path,
                         GError     **error)
{
  unavailable (path, error);
  return NULL;
}

gboolean
glmcc_results_merge_hdf5 (GlmccResults  *into,
                          const char    *path,
                          guint         *shard_index,
                          guint         *shard_count,
                          GError       **error)
{
  return unavailable (path, error);
}

#endif
