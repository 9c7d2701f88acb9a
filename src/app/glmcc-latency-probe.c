/* glmcc-latency-probe.c: key press → painted frame, for build-aux/latency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A capture-phase key controller notes the event's time stamp (the X server's monotonic clock
 * in ms, on the same clock as g_get_monotonic_time ()), asks for a frame, and the frame
 * clock's after-paint handler writes how long it took. What the key itself does runs in
 * between, as for any key.
 */
#define G_LOG_DOMAIN "glmcc-latency-probe"

#include "config.h"

#include <stdio.h>

#include "glmcc-latency-probe.h"

typedef struct
{
  GlmccWindow *window;
  FILE        *out;
  guint32      pending;     /* the stamp of the key waiting for its frame, 0: none */
  gulong       paint_id;
} Probe;

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  if (probe->out != NULL)
    fclose (probe->out);
  g_free (probe);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  guint32 now_ms = (guint32) (g_get_monotonic_time () / 1000);
  guint32 latency;

  if (probe->pending == 0)
    return;
  /* Both are milliseconds of the monotonic clock; the X stamp wraps at 2³². */
  latency = now_ms - probe->pending;
  fprintf (probe->out, "%u %d\n", latency,
           glmcc_session_get_running (glmcc_window_get_session (probe->window)));
  fflush (probe->out);
  probe->pending = 0;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Probe                 *probe)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe->window));

  /* The key itself, not the Alt held with it. */
  if (event == NULL || clock == NULL || gdk_key_event_is_modifier (event))
    return GDK_EVENT_PROPAGATE;
  if (probe->paint_id == 0)
    probe->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), probe);
  probe->pending = gdk_event_get_time (event);
  gtk_widget_queue_draw (GTK_WIDGET (probe->window));
  return GDK_EVENT_PROPAGATE;
}

void
glmcc_latency_probe_attach (GlmccWindow *window)
{
  const char *path = g_getenv ("GLMCC_LATENCY_PROBE");
  GtkEventController *controller;
  Probe *probe;

  g_return_if_fail (GLMCC_IS_WINDOW (window));

  if (path == NULL || *path == '\0')
    return;
  probe = g_new0 (Probe, 1);
  probe->window = window;
  probe->out = fopen (path, "a");
  if (probe->out == NULL)
    {
      g_warning ("GLMCC_LATENCY_PROBE: cannot write %s", path);
      g_free (probe);
      return;
    }
  g_object_set_data_full (G_OBJECT (window), "glmcc-latency-probe", probe, probe_free);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), probe);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}
