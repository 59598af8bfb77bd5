/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <termios.h>

#include "fw-core.h"
#include "fw-export-doc.h"

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
  /* one line: libxml2 and SQLite texts can have line breaks in them */
  g_strstrip (msg);
  for (char *p = msg; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
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

  if (store)
    {
      /* --as, else what the core decides for everyone (FIELDWORK_INSPECTOR, the account) */
      g_autofree char *who = fw_user_resolve (g->user);
      fw_store_set_user (store, who);
    }
  return store;
}

/* For commands that only read: creates nothing, changes nothing. */
static FwStore *
open_store_readonly (Globals *g, GError **error)
{
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();

  return fw_store_open_readonly (path, error);
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

/* sample-size --population N [--confidence 80] [--margin 5] [--framework ID --kind KIND] */
static int
cmd_sample_size (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *population_text = NULL, *confidence_text = NULL, *margin_text = NULL;
  g_autofree char *framework = NULL, *kind_id = NULL;
  guint confidence = 80, margin = 5;
  guint64 population, value;
  FwKind *kind = NULL;
  GOptionEntry entries[] = {
    { "population", 0, 0, G_OPTION_ARG_STRING, &population_text, "Eligible cases in the caseload", "N" },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &confidence_text, "Confidence in percent (default: the framework's, else 80)", "PERCENT" },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin_text, "Margin of error in percent (default: the framework's, else 5)", "PERCENT" },
    { "framework", 0, 0, G_OPTION_ARG_STRING, &framework, "Framework whose sampling rule and limits apply", "ID" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_id, "Case kind, for the framework's limits", "KIND" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("sample-size", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (population_text == NULL
      || !g_ascii_string_to_unsigned (population_text, 10, 0, G_MAXUINT32, &population, NULL))
    return fail (_("--population needs a whole number of cases"));
  if (kind_id != NULL && framework == NULL)
    return fail (_("--kind needs --framework"));
  if (framework != NULL)
    {
      if ((fw = fw_framework_load_available (framework, &error)) == NULL)
        return fail_error (error);
      fw_framework_get_sampling (fw, &confidence, &margin);
      if (kind_id != NULL && (kind = fw_framework_find_kind (fw, kind_id)) == NULL)
        return fail (_("“%s” is not a case kind of framework %s"), kind_id, framework);
    }
  if (confidence_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (confidence_text, 10, 1, 99, &value, NULL))
        return fail (_("--confidence must be a whole percent from 1 to 99"));
      confidence = value;
    }
  if (margin_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (margin_text, 10, 1, 99, &value, NULL))
        return fail (_("--margin must be a whole percent from 1 to 99"));
      margin = value;
    }
  g_print ("%u\n", fw_sample_size_for_kind ((guint) population, confidence, margin, kind));
  return 0;
}

/* import-population --inspection ID POPULATION.csv */
static int
cmd_import_population (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autofree char *inspection = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("import-population", "POPULATION.csv", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || argc != 2)
    return fail ("import-population: --inspection ID and one CSV file are required");
  if ((store = open_store (g, &error)) == NULL
      || !fw_population_import (store, inspection, argv[1], &n, &error)
      || (summary = fw_draw_summarize (store, inspection, 0, 0, &error)) == NULL)
    return fail_error (error);
  text = fw_draw_summary_format (summary);
  g_print (_("%s: imported %u cases\n"), argv[1], n);
  g_print ("%s", text);
  return 0;
}

static gboolean
parse_percent (const char *text, const char *option, guint *value, GError **error)
{
  guint64 v;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 99, &v, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be a whole percent from 1 to 99"), option);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

/* draw --inspection ID [--seed S] [--per-case-manager 6] [--reserve N] [--confidence C --margin M] */
static int
cmd_draw (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autofree char *inspection = NULL, *seed = NULL, *cap_text = NULL, *reserve_text = NULL;
  g_autofree char *confidence_text = NULL, *margin_text = NULL, *text = NULL;
  gboolean show = FALSE;
  FwDrawOptions options;
  guint64 value;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Seed to draw with (default: a new one, printed and recorded)", "S" },
    { "per-case-manager", 0, 0, G_OPTION_ARG_STRING, &cap_text, "At most this many cases per case manager (default 6; 0: no cap)", "N" },
    { "reserve", 0, 0, G_OPTION_ARG_STRING, &reserve_text, "Reserve cases per kind (default 5)", "N" },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &confidence_text, "Confidence in percent (default: the framework's)", "PERCENT" },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin_text, "Margin of error in percent (default: the framework's)", "PERCENT" },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show, "Only show the size calculation, or the draw made", NULL },
    G_OPTION_ENTRY_NULL
  };

  fw_draw_options_init (&options);
  if (!parse ("draw", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("draw: --inspection ID is required");
  if (cap_text && !g_ascii_string_to_unsigned (cap_text, 10, 0, 1000, &value, NULL))
    return fail (_("--per-case-manager needs a whole number"));
  if (cap_text)
    options.per_case_manager = value;
  if (reserve_text && !g_ascii_string_to_unsigned (reserve_text, 10, 0, 100000, &value, NULL))
    return fail (_("--reserve needs a whole number"));
  if (reserve_text)
    options.reserve = value;
  if (!parse_percent (confidence_text, "--confidence", &options.confidence, &error)
      || !parse_percent (margin_text, "--margin", &options.margin, &error))
    return fail_error (error);
  options.seed = seed;
  if ((store = open_store (g, &error)) == NULL)
    return fail_error (error);
  summary = show ? fw_draw_summarize (store, inspection, options.confidence, options.margin, &error)
                 : fw_draw_sample (store, inspection, &options, &error);
  if (summary == NULL)
    return fail_error (error);
  text = fw_draw_summary_format (summary);
  g_print ("%s", text);
  return 0;
}

/* replace-case --inspection ID --case REF --reason TEXT */
static int
cmd_replace_case (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *reference = NULL, *reason = NULL, *by = NULL;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &reference, "Reference of the drawn case", "REFERENCE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why it is replaced (required)", "TEXT" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("replace-case", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || reference == NULL || reason == NULL)
    return fail ("replace-case: --inspection ID, --case REFERENCE and --reason TEXT are required");
  if ((store = open_store (g, &error)) == NULL
      || (by = fw_draw_replace_case (store, inspection, reference, reason, &error)) == NULL)
    return fail_error (error);
  g_print (_("%s replaced by %s\n"), reference, by);
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
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!parse ("demo", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if ((store = open_store (g, &error)) == NULL || (id = fw_demo_create (store, &error)) == NULL)
    {
      /* a database this command made and could not fill is removed again */
      g_clear_object (&store);
      if (!existed)
        {
          const char *suffixes[] = { "-wal", "-shm", "-journal", "" };
          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
              g_unlink (name);
            }
        }
      return fail_error (error);
    }
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
  /* an empty file writes nothing, so the write path never sees the lock */
  if (fw_store_is_locked (store, inspection))
    return fail ("%s: %s", argv[1], _("the inspection is locked; unlock it to make changes"));
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

/* The --where attributes are the inspection's framework's. */
static gboolean
check_where (FwStore *store, const char *inspection, FwFilter *filter, GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection, error);

  return fw != NULL && fw_filter_check (filter, fw, error);
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
  if ((store = open_store_readonly (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL
      || !check_where (store, inspection, filter, &error)
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
  g_autoptr(FwFilter) filter = NULL;
  g_autoptr(FwExportData) data = NULL;
  g_autofree char *inspection = NULL, *format_name = NULL, *output = NULL, *what = NULL;
  g_auto(GStrv) where = NULL;
  FwExportFormat format;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, "csv, pdf, xlsx or html", "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "File to write", "FILE" },
    { "what", 0, 0, G_OPTION_ARG_STRING, &what, "summary (default) or answers (csv only)", "WHAT" },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, "Export a sub-sample (repeat)", "ATTR=VALUE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("export", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || format_name == NULL || output == NULL)
    return fail ("export: --inspection ID, --format FORMAT and --output FILE are required");
  if (!fw_export_format_from_string (format_name, &format) || format == FW_EXPORT_ANSWERS_CSV)
    return fail ("export: --format “%s”: expected csv, pdf, xlsx or html", format_name);
  if (what != NULL && strcmp (what, "summary") != 0 && strcmp (what, "answers") != 0)
    return fail ("export: --what must be summary or answers");
  if (what != NULL && strcmp (what, "answers") == 0)
    {
      if (format != FW_EXPORT_CSV)
        return fail ("export: --what answers is a CSV of case-level answers; use --format csv (XLSX has both)");
      format = FW_EXPORT_ANSWERS_CSV;
    }
  if ((filter = parse_where (where, &error)) == NULL)
    return fail_error (error);
  if ((store = open_store_readonly (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL
      || !check_where (store, inspection, filter, &error)
      || (data = fw_export_data_collect (store, inspection, filter, &error)) == NULL)
    return fail_error (error);
  if (!fw_export_write (data, format, output, NULL, NULL, NULL, &error))
    return fail_error (error);
  return 0;
}

static int
cmd_lock (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *reason = NULL;
  gboolean unlock = strcmp (argv[0], "unlock") == 0;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why (required to unlock)", "TEXT" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse (argv[0], "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("%s: --inspection ID is required", unlock ? "unlock" : "lock");
  if ((store = open_store (g, &error)) == NULL
      || !fw_store_set_locked (store, inspection, !unlock, reason, &error))
    return fail_error (error);
  return 0;
}

/* review --by ATTR: progress and % yes of each value of a case attribute,
 * side by side, as the review page shows them. */
static int
print_breakdown (Globals *g, const char *inspection, const char *attr)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(FwFramework) fw = NULL;
  GPtrArray *standards;

  if ((store = open_store_readonly (g, &error)) == NULL
      || (fw = fw_store_load_framework (store, inspection, &error)) == NULL
      || (columns = fw_review_breakdown (store, inspection, attr, &error)) == NULL)
    return fail_error (error);
  if (columns->len == 0)
    {
      g_print (_("No case has a value for %s.\n"), attr);
      return 0;
    }
  standards = fw_framework_get_standards (fw);
  g_print ("%-12s", attr);
  for (guint c = 0; c < columns->len; c++)
    g_print (" %22.22s", ((FwBreakdownColumn *) g_ptr_array_index (columns, c))->title);
  g_print ("\n%-12s", _("complete"));
  for (guint c = 0; c < columns->len; c++)
    {
      FwBreakdownColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *progress = g_strdup_printf ("%u / %u", column->complete, column->n_cases);
      g_print (" %22s", progress);
    }
  g_print ("\n");
  for (guint s = 0; s < standards->len; s++)
    {
      FwStandard *standard = g_ptr_array_index (standards, s);

      if (standard->rule == FW_RULE_JUDGED)
        continue;
      g_print ("%-12s", standard->id);
      for (guint c = 0; c < columns->len; c++)
        {
          FwStandardResult *r = &((FwBreakdownColumn *) g_ptr_array_index (columns, c))->rating->standards[s];
          g_print (" %22.22s", r->band ? r->band->id : "-");
        }
      g_print ("\n");
      for (guint q = 0; q < standard->questions->len; q++)
        {
          FwQuestion *question = g_ptr_array_index (standard->questions, q);

          if (question->index < 0)
            continue;
          g_print ("  %-10s", question->id);
          for (guint c = 0; c < columns->len; c++)
            {
              FwQuestionResult *r = &((FwBreakdownColumn *) g_ptr_array_index (columns, c))->rating->questions[question->index];
              g_autofree char *cell = r->has_percent ? g_strdup_printf ("%u%% (%u/%u)", r->shown_percent, r->yes,
                                                                        r->yes + r->no)
                                                     : g_strdup ("-");
              g_print (" %22s", cell);
            }
          g_print ("\n");
        }
    }
  return 0;
}

static int
cmd_review (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autofree char *inspection = NULL, *by = NULL;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Break progress and % yes down by a case attribute", "ATTR" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("review", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("review: --inspection ID is required");
  if (by != NULL)
    return print_breakdown (g, inspection, by);
  if ((store = open_store_readonly (g, &error)) == NULL
      || (progress = fw_review_progress (store, inspection, &error)) == NULL
      || (problems = fw_review_problems (store, inspection, &error)) == NULL
      || (examples = fw_review_practice_examples (store, inspection, &error)) == NULL)
    return fail_error (error);
  g_print ("Progress (complete / allocated):\n");
  for (guint i = 0; i < progress->len; i++)
    {
      FwInspectorProgress *p = g_ptr_array_index (progress, i);
      g_print ("  %-28s %3u / %-3u  quality-assured %u, returned %u\n", *p->inspector ? p->inspector : "(not allocated)",
               p->complete, p->allocated, p->quality_assured, p->returned);
    }
  g_print ("\nProblems (%u):\n", problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      FwProblem *p = g_ptr_array_index (problems, i);
      g_print ("  %-20s %s\n", fw_problem_kind_to_string (p->kind), p->message);
    }
  g_print ("\nPractice examples (%u):\n", examples->len);
  for (guint i = 0; i < examples->len; i++)
    {
      FwPracticeExample *e = g_ptr_array_index (examples, i);
      g_print ("  %-6s %-4s %-10s %s: %s\n", e->standard, fw_practice_to_string (e->practice), e->item,
               e->reference, e->note ? e->note : "");
    }
  return 0;
}

static int
cmd_audit (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  g_autoptr(FwCase) kase = NULL;
  g_autofree char *inspection = NULL, *reference = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &reference, "Only this case", "REFERENCE" },
    G_OPTION_ENTRY_NULL
  };
  static const char *header[] = { "at", "who", "case", "item", "action", "old", "new", "old_note", "new_note", "reason" };

  if (!parse ("audit", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("audit: --inspection ID is required");
  if ((store = open_store_readonly (g, &error)) == NULL)
    return fail_error (error);
  if (reference && (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL)
    return fail_error (error);
  if ((entries_list = fw_store_list_audit (store, inspection, kase ? kase->id : NULL, &error)) == NULL)
    return fail_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fw_csv_append_field (out, header[i], i == 0);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < entries_list->len; i++)
    {
      FwAuditEntry *e = g_ptr_array_index (entries_list, i);
      const char *row[] = { e->at, e->who, e->reference, e->item, e->action, e->old_value, e->new_value,
                            e->old_note, e->new_note, e->reason };
      for (guint j = 0; j < G_N_ELEMENTS (row); j++)
        fw_csv_append_field (out, row[j], j == 0);
      g_string_append (out, "\r\n");
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}

static int
cmd_case (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwCase) kase = NULL;
  g_autofree char *inspection = NULL, *reference = NULL, *status = NULL, *comment = NULL;
  FwCaseStatus to;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &reference, "Case reference", "REFERENCE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "complete, quality-assured, returned or in-progress", "STATUS" },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, "Why (required to return a case)", "TEXT" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("case-status", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || reference == NULL || status == NULL)
    return fail ("case-status: --inspection ID, --case REFERENCE and --status STATUS are required");
  if (!fw_case_status_from_string (status, &to))
    return fail ("case-status: --status “%s”: expected in-progress, complete, quality-assured or returned", status);
  /* one change each, its rules checked in its own transaction: completing
   * needs every applicable key question answered; returning records the
   * comment with the move */
  if ((store = open_store (g, &error)) == NULL
      || (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL)
    return fail_error (error);
  if (to == FW_CASE_RETURNED ? !fw_store_return_case (store, kase->id, NULL, comment, &error)
                             : !fw_store_move_case (store, kase->id, to, comment, &error))
    return fail_error (error);
  return 0;
}

static void
json_string (GString *out, const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      guchar c = *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* cases --inspection ID [--json]: every case with its reference, kind,
 * inspector, status and the framework's attributes. */
static int
cmd_cases (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *inspection = NULL;
  gboolean json = FALSE;
  GPtrArray *attributes;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    G_OPTION_ENTRY_NULL
  };
  const char *builtin[] = { "reference", FW_CASE_FIELD_KIND, FW_CASE_FIELD_INSPECTOR, FW_CASE_FIELD_STATUS };

  if (!parse ("cases", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("cases: --inspection ID is required");
  if ((store = open_store_readonly (g, &error)) == NULL
      || (fw = fw_store_load_framework (store, inspection, &error)) == NULL
      || (cases = fw_store_list_cases (store, inspection, NULL, &error)) == NULL)
    return fail_error (error);
  attributes = fw_framework_get_attributes (fw);

  if (json)
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < cases->len; i++)
        {
          FwCase *c = g_ptr_array_index (cases, i);

          g_string_append (out, i ? ",\n  { " : "\n  { ");
          for (guint k = 0; k < G_N_ELEMENTS (builtin); k++)
            {
              g_string_append (out, k ? ", " : "");
              json_string (out, builtin[k]);
              g_string_append (out, ": ");
              json_string (out, k == 0 ? c->reference : fw_case_get_attr (c, builtin[k]));
            }
          for (guint a = 0; a < attributes->len; a++)
            {
              FwAttribute *attribute = g_ptr_array_index (attributes, a);

              g_string_append (out, ", ");
              json_string (out, attribute->id);
              g_string_append (out, ": ");
              json_string (out, fw_case_get_attr (c, attribute->id));
            }
          g_string_append (out, " }");
        }
      g_string_append (out, cases->len ? "\n]\n" : "]\n");
    }
  else
    {
      /* CSV, the columns of the cases CSV and the status */
      for (guint k = 0; k < G_N_ELEMENTS (builtin); k++)
        fw_csv_append_field (out, builtin[k], k == 0);
      for (guint a = 0; a < attributes->len; a++)
        fw_csv_append_field (out, ((FwAttribute *) g_ptr_array_index (attributes, a))->id, FALSE);
      g_string_append (out, "\r\n");
      for (guint i = 0; i < cases->len; i++)
        {
          FwCase *c = g_ptr_array_index (cases, i);

          for (guint k = 0; k < G_N_ELEMENTS (builtin); k++)
            fw_csv_append_field (out, k == 0 ? c->reference : fw_case_get_attr (c, builtin[k]), k == 0);
          for (guint a = 0; a < attributes->len; a++)
            fw_csv_append_field (out, fw_case_get_attr (c, ((FwAttribute *) g_ptr_array_index (attributes, a))->id),
                                 FALSE);
          g_string_append (out, "\r\n");
        }
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}

/* practice --case REF --question ITEM --flag good|poor|none */
static int
cmd_practice (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwCase) kase = NULL;
  g_autofree char *inspection = NULL, *reference = NULL, *item = NULL, *flag = NULL;
  FwPractice practice;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &reference, "Case reference", "REFERENCE" },
    { "question", 0, 0, G_OPTION_ARG_STRING, &item, "Key question or prompt id", "ID" },
    { "flag", 0, 0, G_OPTION_ARG_STRING, &flag, "good, poor or none", "FLAG" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("practice", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || reference == NULL || item == NULL || flag == NULL)
    return fail ("practice: --inspection ID, --case REFERENCE, --question ID and --flag FLAG are required");
  if (g_strcmp0 (flag, "none") == 0)
    practice = FW_PRACTICE_NONE;
  else if (*flag == '\0' || !fw_practice_from_string (flag, &practice))
    return fail (_("practice: --flag “%s”: expected good, poor or none"), flag);
  if ((store = open_store (g, &error)) == NULL
      || (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL
      || !fw_store_set_practice (store, kase->id, item, practice, &error))
    return fail_error (error);
  return 0;
}

/* restore --list | restore BACKUP: the automatic backups made before
 * imports, merges and migrations (FILE.db.backup-…, next to the database) */
static int
cmd_restore (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();
  g_autofree char *backup = NULL;
  g_autoptr(FwStore) store = NULL;
  gboolean list_only = FALSE;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list_only, "List the backups, newest first", NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("restore", "[--list] [BACKUP]", entries, &argc, &argv, &error))
    return fail_error (error);
  if (list_only)
    {
      if ((list = fw_store_list_backups (path, &error)) == NULL)
        return fail_error (error);
      for (guint i = 0; i < list->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (list, i));
      return 0;
    }
  if (argc != 2)
    return fail ("restore: name one backup (fieldwork-cli restore --list shows them)");
  /* a backup may be named by its file name alone: it is next to the database */
  backup = g_strdup (argv[1]);
  if (!g_file_test (backup, G_FILE_TEST_EXISTS) && strchr (backup, G_DIR_SEPARATOR) == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *beside = g_build_filename (dir, argv[1], NULL);

      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        {
          g_free (backup);
          backup = g_steal_pointer (&beside);
        }
    }
  if (!fw_store_restore (path, backup, &error))
    return fail_error (error);
  /* brings a backup of an older version up to date, and checks it opens */
  if ((store = fw_store_open (path, &error)) == NULL)
    return fail_error (error);
  g_print ("%s\n", backup);
  return 0;
}

/* ---------------------------------------------------------------- team fieldwork */

/* The passphrase of a package or return: FIELDWORK_PASSPHRASE, else the
 * first line of --passphrase-file, else asked for on the terminal without
 * echo (twice when writing). Never on the command line. */
static char *
read_passphrase (const char *file, gboolean confirm, GError **error)
{
  const char *env = g_getenv ("FIELDWORK_PASSPHRASE");
  g_autofree char *first = NULL;
  struct termios saved, quiet;
  FILE *tty;

  if (file != NULL)
    {
      g_autofree char *contents = NULL;
      char *end;

      if (!g_file_get_contents (file, &contents, NULL, error))
        return NULL;
      if ((end = strpbrk (contents, "\r\n")) != NULL)
        *end = '\0';
      if (*contents == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: the passphrase file is empty"), file);
          return NULL;
        }
      return g_steal_pointer (&contents);
    }
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if ((tty = fopen ("/dev/tty", "r+")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("no passphrase: set FIELDWORK_PASSPHRASE or give --passphrase-file FILE"));
      return NULL;
    }
  tcgetattr (fileno (tty), &saved);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  for (guint round = 0; round < (confirm ? 2u : 1u); round++)
    {
      char line[1024] = "";
      char *end;

      fputs (round == 0 ? _("Passphrase: ") : _("Passphrase again: "), tty);
      fflush (tty);
      if (fgets (line, sizeof line, tty) == NULL)
        line[0] = '\0';
      fputs ("\n", tty);
      if ((end = strpbrk (line, "\r\n")) != NULL)
        *end = '\0';
      if (round == 0)
        first = g_strdup (line);
      else if (strcmp (first, line) != 0)
        {
          g_clear_pointer (&first, g_free);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the passphrases differ"));
        }
      explicit_bzero (line, sizeof line);
    }
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fclose (tty);
  if (first != NULL && *first == '\0')
    {
      g_clear_pointer (&first, g_free);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the passphrase is empty"));
    }
  return g_steal_pointer (&first);
}

static int
cmd_package (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *inspector = NULL, *output = NULL, *pass_file = NULL, *pass = NULL;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector, "The inspector the package is for", "NAME" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Package file to write", "FILE" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &pass_file, "Read the passphrase from FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("package", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || inspector == NULL || output == NULL)
    return fail ("package: --inspection ID, --inspector NAME and --output FILE are required");
  if ((store = open_store (g, &error)) == NULL || (pass = read_passphrase (pass_file, TRUE, &error)) == NULL
      || !fw_sync_write_package (store, inspection, inspector, output, pass, &error))
    return fail_error (error);
  return 0;
}

static int
cmd_open_package (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwSyncFile) file = NULL;
  g_autofree char *pass_file = NULL, *pass = NULL, *id = NULL;
  GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &pass_file, "Read the passphrase from FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("open-package", "FILE", entries, &argc, &argv, &error))
    return fail_error (error);
  if (argc != 2)
    return fail ("open-package: give one package file");
  if ((pass = read_passphrase (pass_file, FALSE, &error)) == NULL
      || (file = fw_sync_file_read (argv[1], pass, &error)) == NULL
      || (store = open_store (g, &error)) == NULL
      || (id = fw_sync_open_package (store, file, NULL, &error)) == NULL)
    return fail_error (error);
  g_print ("%s\n", id);
  return 0;
}

static int
cmd_return (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *output = NULL, *pass_file = NULL, *pass = NULL;
  guint changes = 0;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Return file to write", "FILE" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &pass_file, "Read the passphrase from FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("return", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || output == NULL)
    return fail ("return: --inspection ID and --output FILE are required");
  if ((store = open_store (g, &error)) == NULL || (pass = read_passphrase (pass_file, TRUE, &error)) == NULL
      || !fw_sync_write_return (store, inspection, output, pass, &changes, &error))
    return fail_error (error);
  g_print (ngettext ("%u change returned\n", "%u changes returned\n", changes), changes);
  return 0;
}

static int
cmd_merge (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_file_free);
  g_autofree char *inspection = NULL, *pass_file = NULL, *pass = NULL;
  FwSyncResult result = { 0 };
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &pass_file, "Read the passphrase from FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("merge", "FILE…", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || argc < 2)
    return fail ("merge: --inspection ID and at least one return file are required");
  if ((pass = read_passphrase (pass_file, FALSE, &error)) == NULL)
    return fail_error (error);
  /* every file is opened and checked before anything changes */
  for (int i = 1; i < argc; i++)
    {
      FwSyncFile *file = fw_sync_file_read (argv[i], pass, &error);
      if (file == NULL)
        return fail_error (error);
      g_ptr_array_add (files, file);
    }
  if ((store = open_store (g, &error)) == NULL
      || !fw_sync_merge (store, inspection, files, NULL, NULL, NULL, &result, &error))
    return fail_error (error);
  /* TRANSLATORS: the first part of "N changes merged, M conflicts" */
  g_print (ngettext ("%u change merged, ", "%u changes merged, ", result.changes), result.changes);
  g_print (ngettext ("%u conflict\n", "%u conflicts\n", result.conflicts), result.conflicts);
  return 0;
}

static void
json_member (GString *out, const char *name, const char *value, gboolean last)
{
  g_string_append_printf (out, "\"%s\": ", name);
  if (value == NULL)
    g_string_append (out, "null");
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_printf (out, "\\%c", *p);
          else if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  if (!last)
    g_string_append (out, ", ");
}

static int
cmd_conflicts (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *inspection = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("conflicts", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL)
    return fail ("conflicts: --inspection ID is required");
  if ((store = open_store_readonly (g, &error)) == NULL
      || (list = fw_sync_list_conflicts (store, inspection, &error)) == NULL)
    return fail_error (error);
  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");
      for (guint i = 0; i < list->len; i++)
        {
          FwSyncConflict *c = g_ptr_array_index (list, i);
          g_string_append (out, i ? ",\n  {" : "\n  {");
          json_member (out, "id", c->id, FALSE);
          json_member (out, "table", c->table, FALSE);
          json_member (out, "case", c->reference, FALSE);
          json_member (out, "item", c->item, FALSE);
          json_member (out, "kind", c->kind, FALSE);
          g_string_append (out, "\"lead\": {");
          json_member (out, "value", c->lead_value, FALSE);
          json_member (out, "note", c->lead_note, FALSE);
          json_member (out, "who", c->lead_who, FALSE);
          json_member (out, "at", c->lead_at, TRUE);
          g_string_append (out, "}, \"inspector\": {");
          json_member (out, "value", c->inspector_value, FALSE);
          json_member (out, "note", c->inspector_note, FALSE);
          json_member (out, "who", c->author, FALSE);
          json_member (out, "at", c->inspector_at, TRUE);
          g_string_append (out, "}, ");
          json_member (out, "found_at", c->found_at, FALSE);
          json_member (out, "resolved", c->resolved, TRUE);
          g_string_append_c (out, '}');
        }
      g_string_append (out, list->len ? "\n]\n" : "]\n");
      fputs (out->str, stdout);
      return 0;
    }
  for (guint i = 0; i < list->len; i++)
    {
      FwSyncConflict *c = g_ptr_array_index (list, i);
      g_print ("%s  %-10s %-8s %-12s lead %s: %s | %s: %s%s%s\n", c->id, c->reference ? c->reference : "-",
               c->item ? c->item : "-", c->kind, c->lead_who ? c->lead_who : "-",
               c->lead_value ? c->lead_value : _("(none)"), c->author,
               c->inspector_value ? c->inspector_value : _("(none)"),
               c->resolved ? "  resolved: " : "", c->resolved ? c->resolved : "");
    }
  return 0;
}

static int
cmd_resolve (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *conflict = NULL, *keep = NULL;
  FwSyncKeep which;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "conflict", 0, 0, G_OPTION_ARG_STRING, &conflict, "Conflict id (see conflicts)", "CID" },
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, "lead or inspector", "WHOSE" },
    G_OPTION_ENTRY_NULL
  };

  if (!parse ("resolve", "", entries, &argc, &argv, &error))
    return fail_error (error);
  if (inspection == NULL || conflict == NULL || keep == NULL)
    return fail ("resolve: --inspection ID, --conflict CID and --keep lead|inspector are required");
  if (strcmp (keep, "lead") == 0)
    which = FW_SYNC_KEEP_LEAD;
  else if (strcmp (keep, "inspector") == 0)
    which = FW_SYNC_KEEP_INSPECTOR;
  else
    return fail (_("resolve: --keep “%s”: expected lead or inspector"), keep);
  if ((store = open_store (g, &error)) == NULL
      || !fw_sync_resolve (store, inspection, conflict, which, &error))
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
  g_free (g.db_path);
  g_free (g.user);
  return fail ("unknown command “%s” (try --help)", argv[1]);
}
