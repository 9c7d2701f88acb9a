/* glmcc-toast-queue.h: short messages shown one at a time in an AdwToastOverlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLMCC_TYPE_TOAST_QUEUE (glmcc_toast_queue_get_type ())

G_DECLARE_FINAL_TYPE (GlmccToastQueue, glmcc_toast_queue, GLMCC, TOAST_QUEUE, GObject)

/* The queue shows its messages in @overlay, which it does not keep alive. */
GlmccToastQueue *glmcc_toast_queue_new      (AdwToastOverlay *overlay);
/* Shows @text after the messages already waiting, each for a few seconds of drawn frames. */
void             glmcc_toast_queue_add      (GlmccToastQueue *self,
                                             const char      *text);
/* The message shown now, or NULL. */
const char      *glmcc_toast_queue_get_shown (GlmccToastQueue *self);
/* Forgets the waiting messages and lets go of the overlay (before it is disposed). */
void             glmcc_toast_queue_clear    (GlmccToastQueue *self);

G_END_DECLS
