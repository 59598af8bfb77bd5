/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* fieldwork-cli: ratings, exports, the review and the audit trail. */

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "fw-cli.h"

FwFilter *
cli_parse_where (char **where, GError **error)
{
  g_autoptr(FwFilter) filter = fw_filter_new ();

  for (guint i = 0; where && where[i]; i++)
    if (!fw_filter_parse (filter, where[i], error))
      return NULL;
  return g_steal_pointer (&filter);
}

/* The --where attributes are the inspection's framework's. */
gboolean
cli_check_where (FwStore *store, const char *inspection, FwFilter *filter, GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection, error);

  return fw != NULL && fw_filter_check (filter, fw, error);
}

/* The start of every report command: its options parsed, and the first
 * N_REQUIRED of them (the first is --inspection) given, else
 * "COMMAND: --inspection ID is required" (or "… and --output FILE are
 * required", naming each of them). They are string or file name options. */
static gboolean
report_parse (const char *command, GOptionEntry *entries, guint n_required, int *argc, char ***argv,
              GError **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  gboolean missing = FALSE;

  if (!cli_parse (command, "", entries, argc, argv, error))
    return FALSE;
  for (guint i = 0; i < n_required; i++)
    {
      missing |= *(char **) entries[i].arg_data == NULL;
      if (i > 0)
        g_string_append (names, i + 1 < n_required ? ", " : " and ");
      g_string_append_printf (names, "--%s %s", entries[i].long_name, entries[i].arg_description);
    }
  if (missing)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s: %s %s required", command, names->str,
                   n_required > 1 ? "are" : "is");
      return FALSE;
    }
  return TRUE;
}

/* The database opened read-only, the inspection found, and the --where
 * filter parsed and checked against its framework: the store, or NULL. */
static FwStore *
report_open (Globals *g, const char *inspection, char **where, FwFilter **filter, FwInspectionInfo **info,
             GError **error)
{
  g_autoptr(FwStore) store = NULL;

  if ((*filter = cli_parse_where (where, error)) == NULL
      || (store = cli_open_store_readonly (g, error)) == NULL
      || (*info = fw_store_get_inspection (store, inspection, error)) == NULL
      || !cli_check_where (store, inspection, *filter, error))
    return NULL;
  return g_steal_pointer (&store);
}

int
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

  if (!report_parse ("rate", entries, 1, &argc, &argv, &error)
      || (store = report_open (g, inspection, where, &filter, &info, &error)) == NULL
      || (rating = fw_rating_compute_from_store (store, inspection, filter, &error)) == NULL)
    return cli_fail_error (error);
  text = json ? fw_report_json (rating, info, filter) : fw_report_text (rating, info, filter);
  fputs (text, stdout);
  return 0;
}

int
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

  if (!report_parse ("export", entries, 3, &argc, &argv, &error))
    return cli_fail_error (error);
  if (!fw_export_format_from_string (format_name, &format) || format == FW_EXPORT_ANSWERS_CSV)
    return cli_fail ("export: --format “%s”: expected csv, pdf, xlsx or html", format_name);
  if (what != NULL && strcmp (what, "summary") != 0 && strcmp (what, "answers") != 0)
    return cli_fail ("export: --what must be summary or answers");
  if (what != NULL && strcmp (what, "answers") == 0)
    {
      if (format != FW_EXPORT_CSV)
        return cli_fail ("export: --what answers is a CSV of case-level answers; use --format csv (XLSX has both)");
      format = FW_EXPORT_ANSWERS_CSV;
    }
  if ((store = report_open (g, inspection, where, &filter, &info, &error)) == NULL
      || (data = fw_export_data_collect (store, inspection, filter, &error)) == NULL
      || !fw_export_write (data, format, output, NULL, NULL, NULL, &error))
    return cli_fail_error (error);
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

  if ((store = cli_open_store_readonly (g, &error)) == NULL
      || (fw = fw_store_load_framework (store, inspection, &error)) == NULL
      || (columns = fw_review_breakdown (store, inspection, attr, &error)) == NULL)
    return cli_fail_error (error);
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

int
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

  if (!report_parse ("review", entries, 1, &argc, &argv, &error))
    return cli_fail_error (error);
  if (by != NULL)
    return print_breakdown (g, inspection, by);
  if ((store = cli_open_store_readonly (g, &error)) == NULL
      || (progress = fw_review_progress (store, inspection, &error)) == NULL
      || (problems = fw_review_problems (store, inspection, &error)) == NULL
      || (examples = fw_review_practice_examples (store, inspection, &error)) == NULL)
    return cli_fail_error (error);
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

int
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

  if (!report_parse ("audit", entries, 1, &argc, &argv, &error))
    return cli_fail_error (error);
  if ((store = cli_open_store_readonly (g, &error)) == NULL)
    return cli_fail_error (error);
  if (reference && (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL)
    return cli_fail_error (error);
  if ((entries_list = fw_store_list_audit (store, inspection, kase ? kase->id : NULL, &error)) == NULL)
    return cli_fail_error (error);
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
