/* ui-test-util.h: what the window tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "glmcc-session-private.h"
#include "glmcc-window-private.h"

G_BEGIN_DECLS

#define UI_TIMEOUT_S 90

/* Runs the main loop until @cond holds, failing the test after UI_TIMEOUT_S seconds. */
#define WAIT_FOR(cond)                                                                   \
  G_STMT_START {                                                                         \
    gint64 wait_end_ = g_get_monotonic_time () + UI_TIMEOUT_S * G_USEC_PER_SEC;          \
    while (!(cond))                                                                      \
      {                                                                                  \
        if (g_get_monotonic_time () > wait_end_)                                         \
          g_error ("timed out after %d s waiting for: %s", UI_TIMEOUT_S, #cond);         \
        g_main_context_iteration (NULL, FALSE);                                          \
        g_usleep (500);                                                                  \
      }                                                                                  \
  } G_STMT_END

void                   ui_spin_for            (guint         ms);
/* Sets up GTK and libadwaita, a private state directory for recovery copies, and a log
 * writer that counts warnings, criticals and errors (ui_count_bad_messages). */
void                   ui_test_init           (int          *argc,
                                               char       ***argv);
guint                  ui_count_bad_messages  (void);
const char            *ui_sample_dir          (void);
char                  *ui_demo_dir            (void) G_GNUC_WARN_UNUSED_RESULT;
/* A new window, presented, parameters reset to the defaults. */
GlmccWindow           *ui_window_new          (void);
/* Opens @path in @window and waits until it is open and the first pair is fitted. */
void                   ui_open                (GlmccWindow            *window,
                                               const char             *path,
                                               const GlmccLoadOptions *options);
gboolean               ui_has_fit_of          (GlmccWindow  *window,
                                               guint         ref,
                                               guint         target);
const GlmccCcgPlot    *ui_shown_plot          (GlmccWindow  *window);
/* Runs all pairs and waits for the end. */
void                   ui_analyse_all         (GlmccWindow  *window);
gboolean               ui_analysis_done       (GlmccWindow  *window);
/* The message dialog on screen, or NULL. */
AdwMessageDialog      *ui_find_dialog         (void);
/* Answers the dialog on screen with @response and closes it. */
void                   ui_respond             (const char   *response);
void                   ui_destroy             (GlmccWindow  *window);
char                  *ui_make_temp_dir       (void) G_GNUC_WARN_UNUSED_RESULT;
void                   ui_remove_tree         (const char   *path);

G_END_DECLS
