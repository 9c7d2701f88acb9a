/* test-manpage.c: the man pages against the programs' own --help-all
 *
 * doc/glmcc.1.scd.in documents each command in a subsection "## glmcc COMMAND …" and the option
 * groups several commands share in the sections RECORDING OPTIONS, METHOD OPTIONS and HELP
 * OPTIONS. An option is documented where a line starts with it in bold (*--name*). Every option
 * that `glmcc COMMAND --help-all` lists must be documented in the section of its group, and
 * every option the page documents must exist there; the same for glmcc-studio(1) and
 * `glmcc-studio --help-all`. Each failure names the option, the command and the section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>

/* Which section of glmcc(1) documents each option group of --help-all; NULL: the command's own
 * subsection. A group missing here fails the test, naming it. */
static const struct
{
  const char *help_group;
  const char *man_section;
} group_sections[] = {
  { "Help Options", "HELP OPTIONS" },
  { "Reading the recording", "RECORDING OPTIONS" },
  { "The GLMCC method", "METHOD OPTIONS" },
  { "Application Options", NULL },
};

#define GLMCC_PAGE "doc/glmcc.1.scd.in"
#define STUDIO_PAGE "doc/glmcc-studio.1.scd.in"

static char *source_root;

/* Reports one problem and goes on, so that one run lists every problem, not only the last. */
static void report (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", problem);
  g_test_fail_printf ("%s", problem);
}

/* option → TRUE, per section or per group name */
typedef GHashTable OptionSets;

static OptionSets *
option_sets_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

static GHashTable *
option_set (OptionSets *sets,
            const char *key)
{
  GHashTable *set = g_hash_table_lookup (sets, key);

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (sets, g_strdup (key), set);
    }
  return set;
}

/* Runs @argv and returns its standard output; it must exit with 0. */
static char *
run_program (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    g_error ("%s %s failed: %s", argv[0], argv[1], err);
  return out;
}

/* The option groups of a --help-all text: heading (without its colon) → options. An option line
 * is indented and starts with a dash ("  -o, --output=FILE   …"); its group is the last line
 * before it that is not indented. */
static OptionSets *
parse_help (const char *help)
{
  g_autoptr(GRegex) option_line =
    g_regex_new ("^\\s+(?:(-[A-Za-z0-9]), )?(--[A-Za-z0-9][A-Za-z0-9-]*)", 0, 0, NULL);
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  OptionSets *groups = option_sets_new ();
  g_autofree char *group = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autoptr(GMatchInfo) match = NULL;

      if (line[0] == '\0')
        continue;
      if (line[0] != ' ' && line[0] != '\t')
        {
          g_free (group);
          group = g_strdup (line);
          if (g_str_has_suffix (group, ":"))
            group[strlen (group) - 1] = '\0';
          continue;
        }
      if (group != NULL && g_regex_match (option_line, line, 0, &match))
        {
          GHashTable *set = option_set (groups, group);
          g_autofree char *short_name = g_match_info_fetch (match, 1);

          if (short_name != NULL && short_name[0] != '\0')
            g_hash_table_add (set, g_steal_pointer (&short_name));
          g_hash_table_add (set, g_match_info_fetch (match, 2));
        }
    }
  return groups;
}

/* The options a man page documents, per section: "# NAME" starts section NAME, and
 * "## glmcc COMMAND …" the subsection "glmcc COMMAND". @intros gets, per section, the
 * commands named in bold (*run*) in the lines before its first option. */
static OptionSets *
parse_page (const char  *relative,
            OptionSets **intros)
{
  g_autofree char *path = g_build_filename (source_root, relative, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) bold_option = g_regex_new ("\\*(-{1,2}[A-Za-z0-9][A-Za-z0-9-]*)\\*", 0, 0, NULL);
  g_autoptr(GRegex) bold_word = g_regex_new ("\\*([a-z]+)\\*", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  OptionSets *sections = option_sets_new ();
  g_autofree char *section = NULL;
  gboolean in_intro = FALSE;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  if (intros != NULL)
    *intros = option_sets_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autoptr(GMatchInfo) match = NULL;

      if (g_str_has_prefix (line, "# "))
        {
          g_free (section);
          section = g_strdup (line + 2);
          in_intro = TRUE;
          continue;
        }
      if (g_str_has_prefix (line, "## glmcc "))
        {
          g_auto(GStrv) words = g_strsplit (line + 3, " ", 3);

          g_free (section);
          section = g_strjoin (" ", words[0], words[1], NULL);
          in_intro = TRUE;
          continue;
        }
      if (section == NULL)
        continue;
      if (g_str_has_prefix (line, "*-"))
        {
          GHashTable *set = option_set (sections, section);

          in_intro = FALSE;
          g_regex_match (bold_option, line, 0, &match);
          for (; g_match_info_matches (match); g_match_info_next (match, NULL))
            g_hash_table_add (set, g_match_info_fetch (match, 1));
        }
      else if (in_intro && intros != NULL)
        {
          g_regex_match (bold_word, line, 0, &match);
          for (; g_match_info_matches (match); g_match_info_next (match, NULL))
            g_hash_table_add (option_set (*intros, section), g_match_info_fetch (match, 1));
        }
    }
  return sections;
}

/* The commands `glmcc --help` lists. */
static GPtrArray *
list_commands (const char *cli)
{
  const char *argv[] = { cli, "--help", NULL };
  g_autofree char *help = run_program (argv);
  g_autoptr(GRegex) command_line = g_regex_new ("^  ([a-z]+) ", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *commands = g_ptr_array_new_with_free_func (g_free);
  const char *list = strstr (help, "\nCommands:\n");

  g_assert_nonnull (list);
  g_regex_match (command_line, list, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    g_ptr_array_add (commands, g_match_info_fetch (match, 1));
  return commands;
}

static const char *
section_of_group (const char *group,
                  const char *own_section)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_sections); i++)
    if (strcmp (group_sections[i].help_group, group) == 0)
      return group_sections[i].man_section != NULL ? group_sections[i].man_section : own_section;
  return NULL;
}

static void
test_glmcc_page (void)
{
  const char *cli = g_getenv ("GLMCC_CLI");
  g_autoptr(GPtrArray) commands = NULL;
  OptionSets *intros = NULL;
  OptionSets *page = parse_page (GLMCC_PAGE, &intros);
  /* Per man section, what the programs list for it, and which commands use a shared one. */
  OptionSets *listed = option_sets_new ();
  OptionSets *users = option_sets_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_assert_nonnull (cli);
  commands = list_commands (cli);
  g_assert_cmpuint (commands->len, >=, 8);

  for (guint c = 0; c < commands->len; c++)
    {
      const char *command = g_ptr_array_index (commands, c);
      const char *argv[] = { cli, command, "--help-all", NULL };
      g_autofree char *help = run_program (argv);
      g_autofree char *own_section = g_strdup_printf ("glmcc %s", command);
      OptionSets *groups = parse_help (help);
      GHashTableIter group_iter;
      gpointer group, options;

      if (!g_hash_table_contains (page, own_section) && !g_hash_table_contains (intros, own_section))
        report ("%s: no subsection '## %s' for the command '%s'", GLMCC_PAGE,
                own_section, command);
      option_set (listed, own_section);

      g_hash_table_iter_init (&group_iter, groups);
      while (g_hash_table_iter_next (&group_iter, &group, &options))
        {
          const char *section = section_of_group (group, own_section);
          GHashTableIter option_iter;
          gpointer option;

          if (section == NULL)
            {
              report ("'glmcc %s --help-all' has the option group '%s', which %s "
                      "maps to no section of %s: add it there", command,
                      (char *) group, __FILE__, GLMCC_PAGE);
              continue;
            }
          if (strcmp (section, own_section) != 0)
            g_hash_table_add (option_set (users, section), g_strdup (command));
          g_hash_table_iter_init (&option_iter, options);
          while (g_hash_table_iter_next (&option_iter, &option, NULL))
            {
              g_hash_table_add (option_set (listed, section), g_strdup (option));
              if (!g_hash_table_contains (option_set (page, section), option))
                report ("%s: option %s of 'glmcc %s' (--help-all group '%s') is "
                        "missing from section '%s'", GLMCC_PAGE, (char *) option,
                        command, (char *) group, section);
            }
        }
      g_hash_table_unref (groups);
    }

  /* Nothing documented that the programs do not have. */
  g_hash_table_iter_init (&iter, page);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTable *programs = g_hash_table_lookup (listed, key);
      GHashTableIter option_iter;
      gpointer option;

      if (programs == NULL)
        {
          report ("%s: section '%s' documents options, but no glmcc command has "
                  "options there", GLMCC_PAGE, (char *) key);
          continue;
        }
      g_hash_table_iter_init (&option_iter, value);
      while (g_hash_table_iter_next (&option_iter, &option, NULL))
        if (!g_hash_table_contains (programs, option))
          {
            if (g_str_has_prefix (key, "glmcc "))
              report ("%s: section '%s' documents %s, which '%s --help-all' does not list",
                      GLMCC_PAGE, (char *) key, (char *) option, (char *) key);
            else
              report ("%s: section '%s' documents %s, which no command's --help-all lists in "
                      "that group", GLMCC_PAGE, (char *) key, (char *) option);
          }
    }

  /* A shared section names the commands that take its options ("*run*, *pair* and *plot* …"). */
  g_hash_table_iter_init (&iter, users);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTable *named = option_set (intros, key);
      GHashTableIter command_iter;
      gpointer command;

      if (strcmp (key, "HELP OPTIONS") == 0)
        continue; /* "Every command takes these." */
      g_hash_table_iter_init (&command_iter, value);
      while (g_hash_table_iter_next (&command_iter, &command, NULL))
        if (!g_hash_table_contains (named, command))
          report ("%s: section '%s' does not say that '%s' takes its options",
                  GLMCC_PAGE, (char *) key, (char *) command);
      g_hash_table_iter_init (&command_iter, named);
      while (g_hash_table_iter_next (&command_iter, &command, NULL))
        if (!g_hash_table_contains (value, command))
          report ("%s: section '%s' says that '%s' takes its options, but its "
                  "--help-all has no such group", GLMCC_PAGE, (char *) key,
                  (char *) command);
    }

  g_hash_table_unref (page);
  g_hash_table_unref (intros);
  g_hash_table_unref (listed);
  g_hash_table_unref (users);
}

static void
test_studio_page (void)
{
  const char *studio = g_getenv ("GLMCC_STUDIO");
  const char *argv[] = { studio, "--help-all", NULL };
  g_autofree char *help = NULL;
  OptionSets *groups, *page;
  GHashTable *documented, *listed;
  GHashTableIter iter;
  gpointer option, options;

  if (studio == NULL)
    {
      g_test_skip ("this build has no glmcc-studio (feature 'app' off)");
      return;
    }
  help = run_program (argv);
  groups = parse_help (help);
  page = parse_page (STUDIO_PAGE, NULL);
  documented = option_set (page, "OPTIONS");
  listed = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &options))
    {
      GHashTableIter option_iter;

      g_hash_table_iter_init (&option_iter, options);
      while (g_hash_table_iter_next (&option_iter, &option, NULL))
        {
          g_hash_table_add (listed, option);
          if (!g_hash_table_contains (documented, option))
            report ("%s: option %s of 'glmcc-studio --help-all' is missing from "
                    "section 'OPTIONS'", STUDIO_PAGE, (char *) option);
        }
    }
  g_assert_cmpuint (g_hash_table_size (listed), >=, 5);
  g_hash_table_iter_init (&iter, documented);
  while (g_hash_table_iter_next (&iter, &option, NULL))
    if (!g_hash_table_contains (listed, option))
      report ("%s: section 'OPTIONS' documents %s, which 'glmcc-studio --help-all' "
              "does not list", STUDIO_PAGE, (char *) option);

  g_hash_table_unref (listed);
  g_hash_table_unref (groups);
  g_hash_table_unref (page);
}

/* The parsers themselves, on text whose answer is known, so that a parser finding nothing
 * cannot pass the tests above vacuously. */
static void
test_parsers (void)
{
  const char *help =
    "Usage:\n  run [OPTION…] RECORDING\n\nFits GLMCC.\n\nHelp Options:\n"
    "  -h, --help              Show help options\n\nApplication Options:\n"
    "  -o, --output=FILE       The figure\n  --dark                  Dark colours\n";
  OptionSets *groups = parse_help (help);
  OptionSets *page, *intros = NULL;

  g_assert_cmpuint (g_hash_table_size (groups), ==, 2);
  g_assert_true (g_hash_table_contains (option_set (groups, "Help Options"), "-h"));
  g_assert_true (g_hash_table_contains (option_set (groups, "Help Options"), "--help"));
  g_assert_cmpuint (g_hash_table_size (option_set (groups, "Application Options")), ==, 3);
  g_assert_true (g_hash_table_contains (option_set (groups, "Application Options"), "--dark"));
  g_hash_table_unref (groups);

  page = parse_page (GLMCC_PAGE, &intros);
  g_assert_true (g_hash_table_contains (option_set (page, "glmcc plot"), "-o"));
  g_assert_true (g_hash_table_contains (option_set (page, "glmcc plot"), "--output"));
  g_assert_true (g_hash_table_contains (option_set (page, "METHOD OPTIONS"), "--gamma"));
  g_assert_true (g_hash_table_contains (option_set (intros, "RECORDING OPTIONS"), "run"));
  g_hash_table_unref (page);
  g_hash_table_unref (intros);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  source_root = g_strdup (g_getenv ("GLMCC_SOURCE_ROOT"));
  g_assert_nonnull (source_root);

  g_test_add_func ("/manpage/parsers", test_parsers);
  g_test_add_func ("/manpage/glmcc", test_glmcc_page);
  g_test_add_func ("/manpage/glmcc-studio", test_studio_page);
  status = g_test_run ();
  g_free (source_root);
  return status;
}
