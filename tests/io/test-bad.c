/* test-bad.c: the malformed-input corpus of tests/data/bad/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry must fail with its exact error code and a message naming the file (or folder) and
 * the fault. Each load runs in a subprocess, so a crash fails that entry and only it.
 */
#include "config.h"

#include <string.h>

#include "glmcc-error.h"
#include "glmcc-loader.h"
#include "io-test-util.h"

typedef struct
{
  const char *path;      /* under tests/data/bad/ */
  const char *format;    /* NULL = detect */
  int         code;
  const char *message;   /* a substring of the message */
  const char *variable;
  double      rate;
  const char *units;
} BadCase;

#if HAVE_HDF5
#define NWB_CODE(code) (code)
#define NWB_MESSAGE(message) (message)
#else
#define NWB_CODE(code) GLMCC_ERROR_UNSUPPORTED
#define NWB_MESSAGE(message) "this build lacks the nwb feature"
#endif
#if HAVE_MATIO
#define MAT_CODE(code) (code)
#define MAT_MESSAGE(message) (message)
#else
#define MAT_CODE(code) GLMCC_ERROR_UNSUPPORTED
#define MAT_MESSAGE(message) "this build lacks the mat feature"
#endif

static const BadCase cases[] = {
  /* text-dir */
  { "text-dir/non-numeric", NULL, GLMCC_ERROR_PARSE, "non-numeric/cell1.txt:3: “abc” is not a number" },
  { "text-dir/nan", NULL, GLMCC_ERROR_PARSE, "nan/cell1.txt:2: “nan” is not a finite spike time" },
  { "text-dir/inf", NULL, GLMCC_ERROR_PARSE, "inf/cell0.txt:1: “-Infinity” is not a finite spike time" },
  { "text-dir/overflow", NULL, GLMCC_ERROR_PARSE, "overflow/cell1.txt:1: “1e400” is not a finite spike time" },
  { "text-dir/no-spike-files", NULL, GLMCC_ERROR_INVALID_DATA, "no-spike-files: no spike files (*.txt, one per neuron) in this directory" },
  { "text-dir/one-neuron", NULL, GLMCC_ERROR_TOO_FEW_NEURONS, "one-neuron: 1 neuron found; GLMCC needs at least two" },
  { "text-dir/all-empty", NULL, GLMCC_ERROR_NO_SPIKES, "all-empty: no spike in any of the 2 neurons" },
  { "text-dir/binary", NULL, GLMCC_ERROR_PARSE, "binary/cell1.txt:1: “\\x00\\x01\\x02garbage\\xff\\xfe” is not a number" },
  { "text-dir/two-per-line", NULL, GLMCC_ERROR_PARSE, "two-per-line/cell1.txt:1: “1 2” is not a number" },
  /* text */
  { "text/letters.txt", NULL, GLMCC_ERROR_PARSE, "letters.txt:2: “five” is not a number" },
  { "text/one-train.txt", NULL, GLMCC_ERROR_TOO_FEW_NEURONS, "one-train.txt: 1 neuron found" },
  { "text/empty.txt", NULL, GLMCC_ERROR_TOO_FEW_NEURONS, "empty.txt: 1 neuron found" },
  { "text/only-separators.txt", NULL, GLMCC_ERROR_NO_SPIKES, "only-separators.txt: no spike in any of the 3 neurons" },
  { "text/nan.txt", NULL, GLMCC_ERROR_PARSE, "nan.txt:1: “NaN” is not a finite spike time" },
  { "text/hex.txt", NULL, GLMCC_ERROR_PARSE, "hex.txt:1: “0x1p3” is not a number" },
  /* csv */
  { "csv/bad-time.csv", NULL, GLMCC_ERROR_PARSE, "bad-time.csv:3: the time “later” (column 2) is not a number" },
  { "csv/nan.csv", NULL, GLMCC_ERROR_PARSE, "nan.csv:3: the time “NaN” (column 2) is not a finite number" },
  { "csv/short-row.csv", NULL, GLMCC_ERROR_PARSE, "short-row.csv:3: 1 field, but the time is in column 2" },
  { "csv/empty.csv", NULL, GLMCC_ERROR_INVALID_DATA, "empty.csv: no rows (the file is empty)" },
  { "csv/header-only.csv", NULL, GLMCC_ERROR_INVALID_DATA, "header-only.csv: a header but no spike rows" },
  { "csv/unknown-header.csv", NULL, GLMCC_ERROR_PARSE, "unknown-header.csv:1: cannot tell which columns hold the unit and the time" },
  { "csv/unclosed-quote.csv", NULL, GLMCC_ERROR_PARSE, "unclosed-quote.csv:2: a quoted field is not closed" },
  { "csv/one-column.csv", NULL, GLMCC_ERROR_PARSE, "one-column.csv:1: one column only" },
  { "csv/empty-unit.csv", NULL, GLMCC_ERROR_PARSE, "empty-unit.csv:2: the unit (column 1) is empty" },
  { "csv/samples-no-rate.csv", NULL, GLMCC_ERROR_NEEDS_SAMPLE_RATE, "samples-no-rate.csv: times in samples need a sample rate" },
  { "csv/binary.csv", NULL, GLMCC_ERROR_PARSE, "binary.csv:1: cannot tell which columns hold the unit and the time in the header “\\x89PNG”" },
  /* phy */
  { "phy/no-params", NULL, GLMCC_ERROR_NEEDS_SAMPLE_RATE, "no-params: params.py is missing, and it gives the sample rate" },
  { "phy/no-spike-times", NULL, GLMCC_ERROR_IO, "no-spike-times: spike_times.npy is missing" },
  { "phy/no-clusters", NULL, GLMCC_ERROR_IO, "no-clusters: neither spike_clusters.npy nor spike_templates.npy is there" },
  { "phy/float-times", NULL, GLMCC_ERROR_INVALID_DATA, "float-times/spike_times.npy: dtype <f8, but spike times must be integer sample indices" },
  { "phy/shape-mismatch", NULL, GLMCC_ERROR_INVALID_DATA, "shape-mismatch/spike_clusters.npy: 3 entries, but spike_times.npy has 4" },
  { "phy/2d-times", NULL, GLMCC_ERROR_INVALID_DATA, "2d-times/spike_times.npy: shape (2, 2) where (n,) or (n, 1) is expected" },
  { "phy/negative-cluster", NULL, GLMCC_ERROR_INVALID_DATA, "negative-cluster/spike_clusters.npy: entry 1 is the cluster id -1, not a valid id" },
  { "phy/empty-times", NULL, GLMCC_ERROR_NO_SPIKES, "empty-times/spike_times.npy: no spikes (0 entries)" },
  { "phy/huge-index", NULL, GLMCC_ERROR_INVALID_DATA, "huge-index/spike_times.npy: element 1 (18446744073709551615) is too large" },
  { "phy/bad-params", NULL, GLMCC_ERROR_PARSE, "bad-params/params.py:1: sample_rate = “'thirty kHz'” is not a number" },
  { "phy/zero-rate", NULL, GLMCC_ERROR_INVALID_DATA, "zero-rate/params.py:1: sample_rate = 0 is not a positive rate" },
  { "phy/all-noise", NULL, GLMCC_ERROR_TOO_FEW_NEURONS, "all-noise: no cluster is labelled good (2 dropped); choose other unit labels to keep" },
  { "phy/bad-labels", NULL, GLMCC_ERROR_PARSE, "bad-labels/cluster_group.tsv:2: cluster id “one” is not a non-negative integer" },
  { "phy/labels-no-header", NULL, GLMCC_ERROR_PARSE, "labels-no-header/cluster_KSLabel.tsv:1: expected a tab-separated header cluster_id<TAB>KSLabel" },
  { "phy/truncated-npy", NULL, GLMCC_ERROR_PARSE, "truncated-npy/spike_times.npy: truncated: the header announces 4 values of <u8 but only 12 bytes of data follow" },
  { "phy/big-endian", NULL, GLMCC_ERROR_UNSUPPORTED, "big-endian/spike_times.npy: dtype “>u8” is not supported (little-endian <i4 <u4 <i8 <u8 <f4 <f8 are); this array is big-endian" },
  { "phy/wrong-dtype", NULL, GLMCC_ERROR_UNSUPPORTED, "wrong-dtype/spike_times.npy: dtype “<c8” is not supported" },
  { "phy/npy-version-9", NULL, GLMCC_ERROR_UNSUPPORTED, "npy-version-9/spike_times.npy: .npy format version 9.0 is not supported (1.0 to 3.0 are)" },
  { "phy/not-npy", NULL, GLMCC_ERROR_PARSE, "not-npy/spike_times.npy: not a NumPy .npy file" },
  { "phy/garbage-header", NULL, GLMCC_ERROR_PARSE, "garbage-header/spike_times.npy: malformed .npy header" },
  /* neuroscope */
  { "neuroscope/negative-count", NULL, GLMCC_ERROR_PARSE, "negative-count/s.clu.1:1: the cluster count -2 is negative" },
  { "neuroscope/mismatch", NULL, GLMCC_ERROR_INVALID_DATA, "mismatch/s.clu.1: 2 cluster ids, but" },
  { "neuroscope/float-res", NULL, GLMCC_ERROR_PARSE, "float-res/s.res.1:2: “12.5” is not an integer sample index" },
  { "neuroscope/missing-clu", NULL, GLMCC_ERROR_INVALID_DATA, "missing-clu/s: shank 1 has a .res file but no .clu file" },
  { "neuroscope/no-xml", NULL, GLMCC_ERROR_NEEDS_SAMPLE_RATE, "no-xml/s.xml: missing, and it gives the sample rate" },
  { "neuroscope/bad-rate", NULL, GLMCC_ERROR_PARSE, "bad-rate/s.xml:1: <samplingRate> “fast” is not a positive number" },
  { "neuroscope/no-rate", NULL, GLMCC_ERROR_INVALID_DATA, "no-rate/s.xml: no <acquisitionSystem><samplingRate> element" },
  { "neuroscope/only-noise", NULL, GLMCC_ERROR_TOO_FEW_NEURONS, "only-noise: 0 neurons found" },
  { "neuroscope/negative-id", NULL, GLMCC_ERROR_INVALID_DATA, "negative-id/s.clu.1: cluster id -4 (value 3) is not a valid id" },
  { "neuroscope/empty-clu", NULL, GLMCC_ERROR_PARSE, "empty-clu/s.clu.1: empty; the first line must be the number of clusters" },
  { "neuroscope/truncated-xml", NULL, GLMCC_ERROR_PARSE, "truncated-xml/s.xml: the XML ends inside a tag" },
  { "neuroscope/binary-res", NULL, GLMCC_ERROR_PARSE, "binary-res/s.res.1:1: “\\x00\\xff\\x10” is not an integer sample index" },
  /* nwb and mat */
  { "nwb/garbage.nwb", NULL, NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("garbage.nwb: not an HDF5 file (no HDF5 signature)") },
  { "nwb/empty.nwb", NULL, NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("empty.nwb: an empty file, not an HDF5 file") },
  { "nwb/signature-only.nwb", NULL, NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("signature-only.nwb: a damaged or unknown HDF5 superblock (version 120; 0 to 3 are known)") },
  { "mat/garbage.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("garbage.mat: not a MATLAB .mat file (no version 5 header, and not version 4)") },
  { "mat/empty.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("empty.mat: an empty file, not a MATLAB .mat file") },
  { "mat/header-only.mat", NULL, MAT_CODE (GLMCC_ERROR_NEEDS_VARIABLE), MAT_MESSAGE ("header-only.mat: no struct spikes with a field times; the variables are: none") },
  /* declared sizes the bytes cannot hold, duplicate ids, values beyond range (issue 9) */
  { "mat/huge-cell.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("huge-cell.mat: spikes.times: declares 1700000000 cells, but its 216 remaining bytes hold at most 27") },
  { "mat/short-data.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("short-data.mat: times: declares 1000 values, but its data hold 24 bytes, not the 8000 they need") },
  { "mat/truncated.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("truncated.mat: truncated: variable 1 at byte 128 declares 1788 bytes, the file holds 1064 more") },
  { "mat/truncated-v73.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("truncated-v73.mat: truncated: its HDF5 superblock gives the file 13152 bytes, 6576 are present") },
  { "mat/duplicate-uid.mat", NULL, MAT_CODE (GLMCC_ERROR_INVALID_DATA), MAT_MESSAGE ("duplicate-uid.mat: spikes.UID holds the id 3 twice (units 1 and 2)") },
  { "mat/uid-count.mat", NULL, MAT_CODE (GLMCC_ERROR_INVALID_DATA), MAT_MESSAGE ("uid-count.mat: spikes.UID has 2 entries for 3 trains") },
  { "mat/nan-uid.mat", NULL, MAT_CODE (GLMCC_ERROR_INVALID_DATA), MAT_MESSAGE ("nan-uid.mat: spikes.UID holds nan for unit 2, not an id") },
  { "mat/unknown-class.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("unknown-class.mat: times{1}: an array of the unknown class 128") },
  { "mat/extra-data.mat", NULL, MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("extra-data.mat: times: declares 2 values, but its data hold 24 bytes, not the 16 they need") },
  { "mat/huge-seconds.mat", NULL, MAT_CODE (GLMCC_ERROR_INVALID_DATA), MAT_MESSAGE ("huge-seconds.mat: times{2}: element 1: 1e306 s is beyond the range of spike times (±1e15 ms)") },
  { "mat/crashes-libhdf5.mat", NULL, MAT_CODE (GLMCC_ERROR_LIBRARY), MAT_MESSAGE ("crashes-libhdf5.mat: libmatio (libhdf5) crashed reading this file (") },
  { "mat/damaged-v73-listing.mat", NULL, MAT_CODE (GLMCC_ERROR_LIBRARY), MAT_MESSAGE ("damaged-v73-listing.mat: libmatio cannot list the variables of this file (libmatio: An error occurred in reading the MAT file; libhdf5: Can't move to next iterator location)") },
  { "mat/damaged-v73-cell.mat", NULL, MAT_CODE (GLMCC_ERROR_LIBRARY), MAT_MESSAGE ("damaged-v73-cell.mat: libmatio could not read all of this file (libhdf5: Inappropriate type)") },
  { "nwb/truncated.nwb", NULL, NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("truncated.nwb: truncated: its HDF5 superblock gives the file 12260 bytes, 6130 are present") },
  { "nwb/duplicate-id.nwb", NULL, NWB_CODE (GLMCC_ERROR_INVALID_DATA), NWB_MESSAGE ("duplicate-id.nwb: /units/id holds the id 7 twice (units 0 and 1)") },
  { "nwb/extent-beyond-file.nwb", NULL, NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("extent-beyond-file.nwb: /units/spike_times declares 360000 bytes at byte 2432, beyond the end of the file (12260 bytes)") },
  { "nwb/damaged-heap.nwb", NULL, NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("damaged-heap.nwb: /units/quality[0] points to string 3 of a heap that has no such string"), NULL, 0.0, "good" },
  { "text-dir/huge-ms", NULL, GLMCC_ERROR_PARSE, "huge-ms/cell1.txt:2: 1e306 ms is beyond the range of spike times (±1e15 ms)" },
  { "text-dir/same-stem", NULL, GLMCC_ERROR_INVALID_DATA, "same-stem: cell1.TXT and cell1.txt would both be the neuron cell1" },
  { "csv/huge-seconds.csv", NULL, GLMCC_ERROR_PARSE, "huge-seconds.csv:3: the time (column 2): 1e306 s is beyond the range of spike times (±1e15 ms)" },
  { "csv/same-display-name.csv", NULL, GLMCC_ERROR_INVALID_DATA, "same-display-name.csv: two neurons are named “a\\x01” (the 1st and the 2nd)" },
  { "neuroscope/tiny-rate", NULL, GLMCC_ERROR_PARSE, "tiny-rate/s.res.1:1: 10 samples at 1e-300 Hz is beyond the range of spike times (±1e15 ms)" },
  { "phy/tiny-rate", NULL, GLMCC_ERROR_INVALID_DATA, "tiny-rate/spike_times.npy: a spike of cluster 1: 10 samples at 1e-300 Hz is beyond the range of spike times (±1e15 ms)" },
  /* a format forced on the wrong input */
  { "csv/nan.csv", "phy", GLMCC_ERROR_INVALID_DATA, "nan.csv: a phy folder (or its params.py) is expected" },
  { "text-dir/nan", "neuroscope", GLMCC_ERROR_INVALID_DATA, "nan: no .res.N / .clu.N spike files in this folder" },
  { "phy/2d-times/spike_times.npy", "csv", GLMCC_ERROR_PARSE, "spike_times.npy:1: cannot tell which columns hold the unit and the time in the header “\\x93NUMPY" },
  { "text/nan.txt", "nwb", NWB_CODE (GLMCC_ERROR_PARSE), NWB_MESSAGE ("nan.txt: not an HDF5 file") },
  { "csv/nan.csv", "mat", MAT_CODE (GLMCC_ERROR_PARSE), MAT_MESSAGE ("nan.csv: not a MATLAB .mat file (no version 5 header, and not version 4)") },
};

static void
run_case (gconstpointer data)
{
  const BadCase *c = data;

  if (g_test_subprocess ())
    {
      g_autofree char *path = io_test_data_path ("bad", c->path, NULL);
      g_autoptr(GlmccRecording) recording = NULL;
      g_autoptr(GError) error = NULL;
      GlmccLoadOptions options;

      glmcc_load_options_init (&options);
      options.format = c->format;
      options.variable = c->variable;
      options.sample_rate = c->rate;
      options.units = c->units;
      recording = glmcc_load (path, &options, &error);
      g_assert_null (recording);
      g_assert_nonnull (error);
      g_test_message ("%s: code %d: %s", c->path, error->code, error->message);
      g_assert_error (error, GLMCC_ERROR, c->code);
      g_assert_nonnull (strstr (error->message, c->message));
      /* One line, as the CLI prints it. */
      g_assert_null (strchr (error->message, '\n'));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR | G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 40);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/io/bad/%u/%s%s%s", i, cases[i].path,
                                               cases[i].format != NULL ? "/as-" : "",
                                               cases[i].format != NULL ? cases[i].format : "");
      g_test_add_data_func (name, &cases[i], run_case);
    }
  return g_test_run ();
}
