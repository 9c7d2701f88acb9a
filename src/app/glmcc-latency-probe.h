/* glmcc-latency-probe.h: measures how long key presses take to reach the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-window.h"

G_BEGIN_DECLS

/* With GLMCC_LATENCY_PROBE=FILE in the environment, every key press on @window appends a line
 * "latency_ms running" to FILE: the time from the X server stamping the key event to the end
 * of the next frame painted, and whether an all-pairs run was going on. build-aux/latency
 * drives it; without the variable nothing is installed. */
void glmcc_latency_probe_attach (GlmccWindow *window);

G_END_DECLS
