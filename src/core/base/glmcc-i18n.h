/* glmcc-i18n.h: translated messages in the core, the plot layer and the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every layer uses the one text domain GETTEXT_PACKAGE. Include this header (after config.h)
 * in a .c file that marks strings with _() or N_(); never in a public header, so that the
 * application keeps its own <glib/gi18n.h>.
 */
#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

/* Binds GETTEXT_PACKAGE to its catalogues once: those built with the program when it runs from
 * the build tree, LOCALEDIR otherwise. Safe to call from any thread, any number of times; a
 * program calls it after setlocale (LC_ALL, ""), and _() calls it too, so a library user that
 * forgets still gets its messages translated. */
void        glmcc_i18n_init    (void);
/* The directory glmcc_i18n_init() binds the domain to. */
const char *glmcc_i18n_get_localedir (void);
const char *glmcc_gettext      (const char *msgid) G_GNUC_FORMAT (1);
const char *glmcc_ngettext     (const char *msgid,
                                const char *msgid_plural,
                                gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

/* g_strdup_printf() in the C locale whatever the process's LC_NUMERIC: for text that is written
 * into machine-readable files (the notes of a recording end up in the JSON output), where
 * "2,5" from a German locale would change the file. */
char       *glmcc_strdup_vprintf_c_locale (const char *format,
                                           va_list     args) G_GNUC_PRINTF (1, 0);
char       *glmcc_strdup_printf_c_locale  (const char *format,
                                           ...) G_GNUC_PRINTF (1, 2);

#undef _
#define _(String) glmcc_gettext (String)

/* @english (a literal marked N_()) as written, or translated when @translated: for a text kept
 * in English in the outputs and shown translated. The compiler checks both as formats. */
#define GLMCC_MAYBE_TRANSLATED(translated, english) ((translated) ? _(english) : (english))

G_END_DECLS
