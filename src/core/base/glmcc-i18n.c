/* glmcc-i18n.c: the text domain of every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "glmcc-i18n.h"

/* A program run from the build tree reads the catalogues meson compiled into <build>/po, the
 * same test the loader helper's path uses (glmcc-load-isolated.c). */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  char *build_root = realpath (GLMCC_BUILD_ROOT, NULL);
  gboolean in_build_tree = FALSE;

  if (self != NULL && build_root != NULL)
    {
      g_autofree char *prefix = g_strconcat (build_root, "/", NULL);
      in_build_tree = g_str_has_prefix (self, prefix);
    }
  free (build_root);
  return in_build_tree;
}

const char *
glmcc_i18n_get_localedir (void)
{
  static gsize localedir;

  if (g_once_init_enter (&localedir))
    g_once_init_leave (&localedir, (gsize) (running_from_build_tree () ? GLMCC_BUILD_ROOT "/po"
                                                                       : LOCALEDIR));
  return (const char *) localedir;
}

void
glmcc_i18n_init (void)
{
  static gsize bound;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (GETTEXT_PACKAGE, glmcc_i18n_get_localedir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
}

const char *
glmcc_gettext (const char *msgid)
{
  glmcc_i18n_init ();
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

const char *
glmcc_ngettext (const char *msgid,
                const char *msgid_plural,
                gulong      n)
{
  glmcc_i18n_init ();
  return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
}

char *
glmcc_strdup_vprintf_c_locale (const char *format,
                               va_list     args)
{
  static gsize c_locale;
  locale_t previous;
  char *text;

  if (g_once_init_enter (&c_locale))
    g_once_init_leave (&c_locale, (gsize) newlocale (LC_ALL_MASK, "C", (locale_t) 0));
  /* uselocale() changes this thread's locale only, so workers formatting at the same time are
   * unaffected. Without a C locale object (out of memory), the process's locale it is. */
  if ((locale_t) c_locale == (locale_t) 0)
    return g_strdup_vprintf (format, args);
  previous = uselocale ((locale_t) c_locale);
  text = g_strdup_vprintf (format, args);
  uselocale (previous);
  return text;
}

char *
glmcc_strdup_printf_c_locale (const char *format,
                              ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = glmcc_strdup_vprintf_c_locale (format, args);
  va_end (args);
  return text;
}
