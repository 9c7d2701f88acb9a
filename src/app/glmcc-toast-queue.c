/* glmcc-toast-queue.c: short messages shown one at a time in an AdwToastOverlay
 *
 * Why not adw_toast_set_timeout(): libadwaita 1.2 (Debian 12) frees a toast's bookkeeping when
 * its hide animation ends, even while its show animation still runs, and the show animation's
 * end then writes into freed memory. A timeout that fires while the window draws no frames (a
 * busy or hidden window) starts the hide before the show has finished, and the application
 * crashed a few times in a hundred in the tests on a loaded machine. Here a toast has no
 * timeout of its own: the queue counts its time on the overlay's frame clock and dismisses it
 * from a frame, after which the show animation can no longer be pending. One toast at a time
 * keeps libadwaita from replacing a toast that is still coming in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "glmcc-toast-queue.h"

/* How long a message stays, in frame time. */
#define SHOWN_US (4 * G_USEC_PER_SEC)

struct _GlmccToastQueue
{
  GObject          parent_instance;

  AdwToastOverlay *overlay;     /* weak */
  GQueue           waiting;     /* of char * */
  AdwToast        *shown;       /* owned reference, or NULL */
  gulong           dismissed_id;
  guint            tick_id;
  gint64           first_frame_us;
};

G_DEFINE_FINAL_TYPE (GlmccToastQueue, glmcc_toast_queue, G_TYPE_OBJECT)

static void show_next (GlmccToastQueue *self);

static void
stop_ticking (GlmccToastQueue *self)
{
  if (self->tick_id != 0 && self->overlay != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->overlay), self->tick_id);
  self->tick_id = 0;
}

/* Lets go of the toast shown, without showing the next one. */
static void
forget_shown (GlmccToastQueue *self)
{
  stop_ticking (self);
  if (self->shown != NULL)
    {
      g_clear_signal_handler (&self->dismissed_id, self->shown);
      g_clear_object (&self->shown);
    }
}

static void
on_dismissed (AdwToast        *toast,
              GlmccToastQueue *self)
{
  forget_shown (self);
  show_next (self);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GlmccToastQueue *self = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->first_frame_us == 0)
    {
      self->first_frame_us = now;
      return G_SOURCE_CONTINUE;
    }
  if (now - self->first_frame_us < SHOWN_US)
    return G_SOURCE_CONTINUE;
  /* Returning G_SOURCE_REMOVE removes the callback: forget its id first. */
  self->tick_id = 0;
  /* "dismissed" shows the next message. */
  adw_toast_dismiss (self->shown);
  return G_SOURCE_REMOVE;
}

static void
show_next (GlmccToastQueue *self)
{
  g_autofree char *text = NULL;

  if (self->shown != NULL || self->overlay == NULL || g_queue_is_empty (&self->waiting))
    return;
  text = g_queue_pop_head (&self->waiting);
  self->shown = adw_toast_new (text);
  adw_toast_set_timeout (self->shown, 0);
  self->dismissed_id = g_signal_connect (self->shown, "dismissed", G_CALLBACK (on_dismissed), self);
  self->first_frame_us = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->overlay), on_tick, self, NULL);
  /* The overlay takes a reference of its own. */
  adw_toast_overlay_add_toast (self->overlay, g_object_ref (self->shown));
}

static void
glmcc_toast_queue_dispose (GObject *object)
{
  glmcc_toast_queue_clear (GLMCC_TOAST_QUEUE (object));

  G_OBJECT_CLASS (glmcc_toast_queue_parent_class)->dispose (object);
}

static void
glmcc_toast_queue_class_init (GlmccToastQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = glmcc_toast_queue_dispose;
}

static void
glmcc_toast_queue_init (GlmccToastQueue *self)
{
  g_queue_init (&self->waiting);
}

GlmccToastQueue *
glmcc_toast_queue_new (AdwToastOverlay *overlay)
{
  GlmccToastQueue *self;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  self = g_object_new (GLMCC_TYPE_TOAST_QUEUE, NULL);
  g_set_weak_pointer (&self->overlay, overlay);
  return self;
}

void
glmcc_toast_queue_add (GlmccToastQueue *self,
                       const char      *text)
{
  g_return_if_fail (GLMCC_IS_TOAST_QUEUE (self));
  g_return_if_fail (text != NULL);

  g_queue_push_tail (&self->waiting, g_strdup (text));
  show_next (self);
}

const char *
glmcc_toast_queue_get_shown (GlmccToastQueue *self)
{
  g_return_val_if_fail (GLMCC_IS_TOAST_QUEUE (self), NULL);

  return self->shown != NULL ? adw_toast_get_title (self->shown) : NULL;
}

void
glmcc_toast_queue_clear (GlmccToastQueue *self)
{
  g_return_if_fail (GLMCC_IS_TOAST_QUEUE (self));

  g_queue_clear_full (&self->waiting, g_free);
  forget_shown (self);
  g_clear_weak_pointer (&self->overlay);
}
