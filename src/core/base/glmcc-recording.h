/* glmcc-recording.h: an immutable set of spike trains and the analysed epoch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A recording owns N sorted spike trains in milliseconds. It is immutable once built and
 * reference counted, so every worker thread may read it without locks. The epoch is a view:
 * glmcc_recording_get_train() returns only the spikes in [epoch_start, epoch_end). */
typedef struct _GlmccRecording GlmccRecording;
typedef struct _GlmccRecordingBuilder GlmccRecordingBuilder;

GlmccRecordingBuilder *glmcc_recording_builder_new          (const char            *source,
                                                             const char            *format);
void                   glmcc_recording_builder_free         (GlmccRecordingBuilder *builder);
/* Copies @times_ms (already converted to ms) and @name (any bytes: a file stem or a label as the
 * file has it). Unsorted trains are sorted at finish, with a note. */
guint                  glmcc_recording_builder_add_train    (GlmccRecordingBuilder *builder,
                                                             const char            *name,
                                                             const double          *times_ms,
                                                             gsize                  n_times);
void                   glmcc_recording_builder_set_position (GlmccRecordingBuilder *builder,
                                                             guint                  neuron,
                                                             double                 x,
                                                             double                 y);
/* The shank or electrode group the neuron was recorded on (≥ 0; −1, the default: unknown). */
void                   glmcc_recording_builder_set_group    (GlmccRecordingBuilder *builder,
                                                             guint                  neuron,
                                                             int                    group);
/* A note on how the recording was read. @format is English (mark it N_()): the note is kept
 * in English with C-locale numbers for the outputs, and translated for display. */
void                   glmcc_recording_builder_add_note     (GlmccRecordingBuilder *builder,
                                                             const char            *format,
                                                             ...) G_GNUC_PRINTF (2, 3);
void                   glmcc_recording_builder_add_note_valist (GlmccRecordingBuilder *builder,
                                                                const char            *format,
                                                                va_list                args) G_GNUC_PRINTF (2, 0);
/* A note already written, in English and (@display_text, or NULL for the same) for display. */
void                   glmcc_recording_builder_add_note_texts (GlmccRecordingBuilder *builder,
                                                               const char            *text,
                                                               const char            *display_text);
/* What has been added so far, in order (for the loader helper, which sends a builder's content
 * to the process that asked for it). */
guint                  glmcc_recording_builder_get_n_trains (GlmccRecordingBuilder *builder);
const double          *glmcc_recording_builder_get_train    (GlmccRecordingBuilder *builder,
                                                             guint                  neuron,
                                                             const char           **name,
                                                             gsize                 *n_times);
gboolean               glmcc_recording_builder_get_position (GlmccRecordingBuilder *builder,
                                                             guint                  neuron,
                                                             double                *x,
                                                             double                *y);
const char * const    *glmcc_recording_builder_get_notes    (GlmccRecordingBuilder *builder,
                                                             guint                 *n_notes);
/* Consumes the builder. Fails on fewer than two neurons, two neurons whose names read the same,
 * times that are not finite or beyond ±GLMCC_TIME_MAX_MS, or no spike at all. The epoch starts
 * as [0, just after the last spike]. */
GlmccRecording        *glmcc_recording_builder_finish       (GlmccRecordingBuilder *builder,
                                                             GError               **error);

GlmccRecording        *glmcc_recording_ref                  (GlmccRecording        *recording);
void                   glmcc_recording_unref                (GlmccRecording        *recording);
/* A new view on the same trains with epoch [start_ms, end_ms). Fails if the epoch is empty or
 * holds no spike. */
GlmccRecording        *glmcc_recording_with_epoch           (GlmccRecording        *recording,
                                                             double                 start_ms,
                                                             double                 end_ms,
                                                             GError               **error);

guint                  glmcc_recording_get_n_neurons        (GlmccRecording        *recording);
/* The name for display and for every output: valid UTF-8 without control characters (bytes
 * that are not, such as a Latin-1 file name, are written as \xNN). Unique in the recording. */
const char            *glmcc_recording_get_name             (GlmccRecording        *recording,
                                                             guint                  neuron);
/* The name as the loader found it (a file stem's bytes, a label): equal to the display name
 * unless that had to escape something. */
const char            *glmcc_recording_get_raw_name         (GlmccRecording        *recording,
                                                             guint                  neuron);
/* The spikes of @neuron inside the epoch, sorted ascending. */
const double          *glmcc_recording_get_train            (GlmccRecording        *recording,
                                                             guint                  neuron,
                                                             gsize                 *n_spikes);
/* Spikes of @neuron outside the epoch (negative times included). */
gsize                  glmcc_recording_get_n_dropped        (GlmccRecording        *recording,
                                                             guint                  neuron);
gsize                  glmcc_recording_get_n_total          (GlmccRecording        *recording,
                                                             guint                  neuron);
double                 glmcc_recording_get_epoch_start      (GlmccRecording        *recording);
double                 glmcc_recording_get_epoch_end        (GlmccRecording        *recording);
/* Firing rate in Hz over the epoch. */
double                 glmcc_recording_get_rate             (GlmccRecording        *recording,
                                                             guint                  neuron);
const char            *glmcc_recording_get_source           (GlmccRecording        *recording);
const char            *glmcc_recording_get_format           (GlmccRecording        *recording);
/* What the loader did: conversions, sorted trains, dropped units, … (NULL-terminated). */
/* How the recording was read, in English, as the outputs record it. */
const char * const    *glmcc_recording_get_notes            (GlmccRecording        *recording);
/* The same notes in the user's language, to be shown. */
const char * const    *glmcc_recording_get_display_notes    (GlmccRecording        *recording);
gboolean               glmcc_recording_get_position         (GlmccRecording        *recording,
                                                             guint                  neuron,
                                                             double                *x,
                                                             double                *y);
/* The neuron's shank or electrode group, −1 when the format does not say. */
int                    glmcc_recording_get_group            (GlmccRecording        *recording,
                                                             guint                  neuron);
/* A neuron by name (display or raw), or else by 0-based index written in decimal; -1 if neither
 * matches. */
int                    glmcc_recording_find_neuron          (GlmccRecording        *recording,
                                                             const char            *name_or_index);

/* Spike times beyond ±1e15 ms (31,700 years) are refused: no recording reaches them, and they
 * are what a wrong unit or a damaged file gives (a double there no longer resolves 1 ms). */
#define GLMCC_TIME_MAX_MS 1e15

/* A display form of @length bytes (-1: NUL-terminated): valid UTF-8 kept, except control
 * characters; those and invalid bytes become \xNN. Never NULL. */
char                  *glmcc_display_text                   (const char            *text,
                                                             gssize                 length);
/* The one time conversion of DESIGN.md: snap to the nearest nanosecond. */
double                 glmcc_time_snap_ms                   (double                 t_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccRecording, glmcc_recording_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlmccRecordingBuilder, glmcc_recording_builder_free)

G_END_DECLS
