/* glmcc-results-private.h: what the results files (JSON, HDF5) need of GlmccResults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-results.h"

G_BEGIN_DECLS

/* What a results file records besides the edges and the parameters. */
typedef struct
{
  char   **names;           /* n + 1, NULL-terminated */
  gsize   *spike_counts;    /* n */
  gsize   *dropped;         /* n */
  double  *rates;           /* n, Hz */
  double   epoch_start_ms;
  double   epoch_end_ms;
  char    *source;
  char    *format;
  char    *fingerprint;
  char   **notes;           /* NULL-terminated; NULL: none */
} GlmccResultsProvenance;

/* Points @provenance at the results' own data (borrowed: do not free or change). */
void          glmcc_results_peek_provenance     (GlmccResults           *results,
                                                 GlmccResultsProvenance *provenance);
/* New results of @n_neurons without a recording and without any edge. Takes the arrays and
 * strings of @provenance (they must be allocated with GLib; the fields are left NULL). */
GlmccResults *glmcc_results_new_from_provenance (guint                   n_neurons,
                                                 const GlmccParams      *params,
                                                 GlmccResultsProvenance *provenance);
/* FALSE (GLMCC_ERROR_MISMATCH, saying what differs) unless both come from the same recording,
 * epoch and parameters: the test for resuming, merging and joining parts. */
gboolean      glmcc_results_check_same_run      (GlmccResults           *results,
                                                 GlmccResults           *other,
                                                 GError                **error);

/* What glmcc_results_load_json() reads, from @length bytes of @data (a whole document, or the
 * header of one with an empty edge list); @path names it in errors. */
GlmccResults *glmcc_results_load_json_data      (const char             *data,
                                                 gsize                   length,
                                                 const char             *path,
                                                 GError                **error);

G_END_DECLS
