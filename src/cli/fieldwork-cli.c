/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "fw-core.h"

typedef struct {
  char    *db_path;
  char    *user;
} Globals;

typedef int (*CommandFunc) (Globals *g, int argc, char **argv);

static int
fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("fieldwork-cli: %s\n", msg);
  return 1;
}

static int
fail_error (GError *error)
{
  return fail ("%s", error->message);
}

/* Parses a command's options; leaves positional arguments in argv. */
static gboolean
parse (const char *command, const char *params, GOptionEntry *entries, int *argc, char ***argv,
       GError **error)
{
  g_autofree char *usage = g_strdup_printf ("%s %s", command, params);
  g_autoptr(GOptionContext) ctx = g_option_context_new (usage);

  g_option_context_set_help_enabled (ctx, TRUE);
  g_option_context_add_main_entries (ctx, entries, NULL);
  return g_option_context_parse (ctx, argc, argv, error);
}

static FwStore *
open_store (Globals *g, GError **error)
{
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();
  FwStore *store = fw_store_open (path, error);

  if (store && g->user)
    fw_store_set_user (store, g->user);
  return store;
}

/* ---------------------------------------------------------------- commands */

static int
cmd_frameworks (Globals *g, int argc, char **argv)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!parse ("frameworks", "", entries, &argc, &argv, &error))
    return fail_error (error);
  list = fw_framework_list_available (&error);
  if (list == NULL)
    return fail_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      FwFrameworkInfo *info = g_ptr_array_index (list, i);
      g_print ("%-20s v%-3u %-10s %s\n", info->id, info->version,
               strcmp (info->origin, "shipped") == 0 ? "shipped" : "installed", info->title);
    }
  return 0;
}

static int
cmd_validate (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!parse ("validate", "FRAMEWORK.xml", entries, &argc, &argv, &error))
    return fail_error (error);
  if (argc != 2)
    return fail ("validate: give one framework file");
  fw = fw_framework_new_from_file (argv[1], &error);
  if (fw == NULL)
    return fail_error (error);
  g_print ("%s: valid framework %s version %u: %u domains, %u standards, %u key questions answered per case\n",
           argv[1], fw_framework_get_id (fw), fw_framework_get_version (fw),
           fw_framework_get_domains (fw)->len, fw_framework_get_standards (fw)->len,
           fw_framework_get_questions (fw)->len);
  return 0;
}

static int
cmd_new (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *framework = NULL, *service = NULL, *start = NULL, *file = NULL;
  g_auto(GStrv) inspectors = NULL;
  g_autofree char *id = NULL;
  GOptionEntry entries[] = {
    { "framework", 0, 0, G_OPTION_ARG_STRING, &framework, "Framework id", "ID" },
    { "framework-file", 0, 0, G_OPTION_ARG_FILENAME, &file, "Framework XML file", "FILE" },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service, "Service inspected", "NAME" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "Fieldwork start date", "YYYY-MM-DD" },
    { "inspector", 0, 0, G_OPTION_ARG_STRING_ARRAY, &inspectors, "An inspector (repeat)", "NAME" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("new", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if ((framework == NULL) == (file == NULL) || service == NULL || start == NULL)
    return fail ("new: --framework ID (or --framework-file FILE), --service NAME and --start YYYY-MM-DD are required");
  if (!fw_validate_date (start, &error))
    return fail ("new: --start: %s", error->message);
  fw = file ? fw_framework_new_from_file (file, &error) : fw_framework_load_available (framework, &error);
  if (fw == NULL)
    return fail_error (error);
  if ((store = open_store (g, &error)) == NULL)
    return fail_error (error);
  id = fw_store_create_inspection (store, fw, service, start, (const char **) inspectors, &error);
  if (id == NULL)
    return fail_error (error);
  g_print ("%s\n", id);
  return 0;
}

static int
cmd_demo (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *id = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!parse ("demo", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if ((store = open_store (g, &error)) == NULL || (id = fw_demo_create (store, &error)) == NULL)
    return fail_error (error);
  g_print ("%s\n", id);
  return 0;
}

static int
cmd_inspections (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!parse ("inspections", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if ((store = open_store (g, &error)) == NULL || (list = fw_store_list_inspections (store, &error)) == NULL)
    return fail_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      FwInspectionInfo *info = g_ptr_array_index (list, i);
      g_print ("%s  %s  %-16s %-7s %s\n", info->id, info->start_date, info->framework_id, info->status,
               info->service);
    }
  return 0;
}

typedef gboolean (*ImportFunc) (FwStore *, const char *, const char *, guint *, GError **);

static int
run_import (Globals *g, const char *command, ImportFunc func, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autofree char *inspection = NULL;
  guint n = 0;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse (command, "FILE.csv", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || argc != 2)
    return fail ("%s: --inspection ID and one CSV file are required", command);
  if ((store = open_store (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL)
    return fail_error (error);
  if (!func (store, inspection, argv[1], &n, &error))
    return fail_error (error);
  g_print ("%s: imported %u rows\n", argv[1], n);
  return 0;
}

static int
cmd_import_cases (Globals *g, int argc, char **argv)
{
  return run_import (g, "import-cases", fw_import_cases, argc, argv);
}

static int
cmd_import_answers (Globals *g, int argc, char **argv)
{
  return run_import (g, "import-answers", fw_import_answers, argc, argv);
}

static int
cmd_import_judgements (Globals *g, int argc, char **argv)
{
  return run_import (g, "import-judgements", fw_import_judgements, argc, argv);
}

static FwFilter *
parse_where (char **where, GError **error)
{
  g_autoptr(FwFilter) filter = fw_filter_new ();

  for (guint i = 0; where && where[i]; i++)
    if (!fw_filter_parse (filter, where[i], error))
      return NULL;
  return g_steal_pointer (&filter);
}

static int
cmd_rate (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autoptr(FwRating) rating = NULL;
  g_autoptr(FwFilter) filter = NULL;
  g_autofree char *inspection = NULL, *text = NULL;
  g_auto(GStrv) where = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, "Rate a sub-sample (repeat)", "ATTR=VALUE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("rate", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("rate: --inspection ID is required");
  if ((filter = parse_where (where, &error)) == NULL)
    return fail_error (error);
  if ((store = open_store (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL
      || (rating = fw_rating_compute_from_store (store, inspection, filter, &error)) == NULL)
    return fail_error (error);
  text = json ? fw_report_json (rating, info, filter) : fw_report_text (rating, info, filter);
  fputs (text, stdout);
  return 0;
}

static int
cmd_export (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autoptr(FwRating) rating = NULL;
  g_autoptr(FwFilter) filter = NULL;
  g_autofree char *inspection = NULL, *format = NULL, *output = NULL, *what = NULL, *data = NULL;
  g_auto(GStrv) where = NULL;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "csv", "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "File to write", "FILE" },
    { "what", 0, 0, G_OPTION_ARG_STRING, &what, "summary (default) or answers", "WHAT" },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, "Export a sub-sample (repeat)", "ATTR=VALUE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("export", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || format == NULL || output == NULL)
    return fail ("export: --inspection ID, --format FORMAT and --output FILE are required");
  if (what != NULL && strcmp (what, "summary") != 0 && strcmp (what, "answers") != 0)
    return fail ("export: --what must be summary or answers");
  if (strcmp (format, "csv") != 0)
    return fail ("export: --format %s: this build exports csv only", format);
  if ((filter = parse_where (where, &error)) == NULL)
    return fail_error (error);
  if ((store = open_store (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL)
    return fail_error (error);
  if (what && strcmp (what, "answers") == 0)
    data = fw_export_answers_csv (store, inspection, filter, &error);
  else if ((rating = fw_rating_compute_from_store (store, inspection, filter, &error)) != NULL)
    data = fw_export_summary_csv (rating, info);
  if (data == NULL)
    return fail_error (error);
  if (!g_file_set_contents (output, data, -1, &error))
    return fail_error (error);
  return 0;
}

static const struct {
  const char *name;
  CommandFunc func;
  const char *summary;
} commands[] = {
  { "frameworks", cmd_frameworks, "list shipped and installed frameworks" },
  { "validate", cmd_validate, "validate a framework file" },
  { "new", cmd_new, "create an inspection, print its id" },
  { "demo", cmd_demo, "create the demo inspection (invented cases), print its id" },
  { "inspections", cmd_inspections, "list the inspections in the database" },
  { "import-cases", cmd_import_cases, "import a cases CSV" },
  { "import-answers", cmd_import_answers, "import an answers CSV" },
  { "import-judgements", cmd_import_judgements, "import a judgements CSV" },
  { "rate", cmd_rate, "print the ratings (--json for JSON)" },
  { "export", cmd_export, "export the ratings summary or the answers" },
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
      return fail_error (error);
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
  return fail ("unknown command “%s” (try --help)", argv[1]);
}
