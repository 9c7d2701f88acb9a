/* glmcc-memory.h: how much memory the process may still take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes this process can still allocate without swapping or being killed: the kernel's
 * MemAvailable, lowered by a cgroup memory limit (v1 or v2) and by RLIMIT_AS when they are
 * tighter. G_MAXUINT64 when none of them can be read. */
guint64  glmcc_memory_get_available (void);

/* Fails with GLMCC_ERROR_TOO_LARGE, saying how much @what needs and how much there is, when
 * @bytes would take more than 80 % of glmcc_memory_get_available(). */
gboolean glmcc_memory_check         (guint64      bytes,
                                     const char  *what,
                                     GError     **error);

G_END_DECLS
