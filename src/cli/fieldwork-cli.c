/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "fw-cli.h"

int
cli_fail (const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* one line: libxml2 and SQLite texts can have line breaks in them */
  g_strstrip (msg);
  for (char *p = msg; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  g_printerr ("fieldwork-cli: %s\n", msg);
  return 1;
}

int
cli_fail_error (GError *error)
{
  return cli_fail ("%s", error->message);
}

/* Parses a command's options; leaves positional arguments in argv. */
gboolean
cli_parse (const char *command, const char *params, GOptionEntry *entries, int *argc, char ***argv,
       GError **error)
{
  g_autofree char *usage = g_strdup_printf ("%s %s", command, params);
  g_autoptr(GOptionContext) ctx = g_option_context_new (usage);

  g_option_context_set_help_enabled (ctx, TRUE);
  g_option_context_add_main_entries (ctx, entries, NULL);
  return g_option_context_parse (ctx, argc, argv, error);
}

FwStore *
cli_open_store (Globals *g, GError **error)
{
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();
  FwStore *store = fw_store_open (path, error);

  if (store)
    {
      /* --as, else what the core decides for everyone (FIELDWORK_INSPECTOR, the account) */
      g_autofree char *who = fw_user_resolve (g->user);
      fw_store_set_user (store, who);
    }
  return store;
}

/* For commands that only read: creates nothing, changes nothing. */
FwStore *
cli_open_store_readonly (Globals *g, GError **error)
{
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();

  return fw_store_open_readonly (path, error);
}

static const struct {
  const char *name;
  CommandFunc func;
  const char *summary;
} commands[] = {
  { "frameworks", cmd_frameworks, "list shipped and installed frameworks" },
  { "validate", cmd_validate, "validate a framework file" },
  { "sample-size", cmd_sample_size, "the sample size for a caseload (Cochran, finite population)" },
  { "import-population", cmd_import_population, "import the eligible caseload to draw the sample from" },
  { "draw", cmd_draw, "draw the sample from the population (stratified, reproducible from --seed)" },
  { "replace-case", cmd_replace_case, "replace a drawn case by the next reserve case (--reason required)" },
  { "new", cmd_new, "create an inspection, print its id" },
  { "demo", cmd_demo, "create the demo inspection (invented cases), print its id" },
  { "inspections", cmd_inspections, "list the inspections in the database" },
  { "import-cases", cmd_import_cases, "import a cases CSV" },
  { "import-answers", cmd_import_answers, "import an answers CSV" },
  { "import-judgements", cmd_import_judgements, "import a judgements CSV" },
  { "cases", cmd_cases, "list every case with its kind, inspector, status and attributes (--json for JSON)" },
  { "rate", cmd_rate, "print the ratings (--json for JSON)" },
  { "export", cmd_export, "export the ratings summary (csv, pdf, xlsx, html) or the answers" },
  { "review", cmd_review, "progress per inspector, problems to fix, practice examples (--by ATTR: by attribute)" },
  { "case-status", cmd_case, "mark a case complete, quality-assured or returned" },
  { "set-attribute", cmd_set_attribute, "change one of a case's attributes (lead)" },
  { "practice", cmd_practice, "flag an answer's note as a good or poor practice example" },
  { "lock", cmd_lock, "lock a finished inspection (read-only)" },
  { "unlock", cmd_lock, "unlock an inspection (--reason required)" },
  { "audit", cmd_audit, "print the audit trail as CSV" },
  { "package", cmd_package, "lead: write one inspector's package (their cases only, encrypted)" },
  { "open-package", cmd_open_package, "laptop: open a package, or apply the lead's newer one; print the inspection id" },
  { "return", cmd_return, "laptop: write everything done since the package (encrypted)" },
  { "merge", cmd_merge, "lead: merge returns, all or nothing" },
  { "conflicts", cmd_conflicts, "lead: list what a merge could not decide (--json for JSON)" },
  { "resolve", cmd_resolve, "lead: keep the lead's or the inspector's value of a conflict" },
  { "restore", cmd_restore, "restore the database from an automatic backup (--list shows them)" },
};

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new ("Commands:\n");
  Globals g = { NULL, };
  int rc;

  setlocale (LC_ALL, "");
  /* exports follow the locale; FIELDWORK_LOCALEDIR points at the build tree's catalogues */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FIELDWORK_LOCALEDIR") ? g_getenv ("FIELDWORK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "  %-18s %s\n", commands[i].name, commands[i].summary);

  {
    GOptionEntry entries[] = {
      { "db", 0, 0, G_OPTION_ARG_FILENAME, &g.db_path, "Database file (default: ~/.local/share/fieldwork/fieldwork.db)", "FILE" },
      { "as", 0, 0, G_OPTION_ARG_STRING, &g.user, "Name stamped on changes", "NAME" },
      G_OPTION_ENTRY_NULL
    };
    ctx = g_option_context_new ("COMMAND [OPTIONS…] — inspection case audits");
    g_option_context_set_strict_posix (ctx, TRUE);
    g_option_context_add_main_entries (ctx, entries, NULL);
    g_option_context_set_description (ctx, summary->str);
    if (!g_option_context_parse (ctx, &argc, &argv, &error))
      return cli_fail_error (error);
  }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        rc = commands[i].func (&g, argc - 1, argv + 1);
        g_free (g.db_path);
        g_free (g.user);
        return rc;
      }
  g_free (g.db_path);
  g_free (g.user);
  return cli_fail ("unknown command “%s” (try --help)", argv[1]);
}
