/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* fieldwork-cli: frameworks, inspections, cases and their imports, statuses,
 * practice flags, the lock and backups. */

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "fw-cli.h"

int
cmd_frameworks (Globals *g, int argc, char **argv)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!cli_parse ("frameworks", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  list = fw_framework_list_available (&error);
  if (list == NULL)
    return cli_fail_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      FwFrameworkInfo *info = g_ptr_array_index (list, i);
      g_print ("%-20s v%-3u %-10s %s\n", info->id, info->version,
               strcmp (info->origin, "shipped") == 0 ? "shipped" : "installed", info->title);
    }
  return 0;
}

int
cmd_validate (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!cli_parse ("validate", "FRAMEWORK.xml", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (argc != 2)
    return cli_fail ("validate: give one framework file");
  fw = fw_framework_new_from_file (argv[1], &error);
  if (fw == NULL)
    return cli_fail_error (error);
  g_print ("%s: valid framework %s version %u: %u domains, %u standards, %u key questions answered per case\n",
           argv[1], fw_framework_get_id (fw), fw_framework_get_version (fw),
           fw_framework_get_domains (fw)->len, fw_framework_get_standards (fw)->len,
           fw_framework_get_questions (fw)->len);
  return 0;
}

int
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

  if (!cli_parse ("new", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if ((framework == NULL) == (file == NULL) || service == NULL || start == NULL)
    return cli_fail ("new: --framework ID (or --framework-file FILE), --service NAME and --start YYYY-MM-DD are required");
  if (!fw_validate_date (start, &error))
    return cli_fail ("new: --start: %s", error->message);
  fw = file ? fw_framework_new_from_file (file, &error) : fw_framework_load_available (framework, &error);
  if (fw == NULL)
    return cli_fail_error (error);
  if ((store = cli_open_store (g, &error)) == NULL)
    return cli_fail_error (error);
  id = fw_store_create_inspection (store, fw, service, start, (const char **) inspectors, &error);
  if (id == NULL)
    return cli_fail_error (error);
  g_print ("%s\n", id);
  return 0;
}

int
cmd_demo (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = g->db_path ? g_strdup (g->db_path) : fw_store_default_path ();
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!cli_parse ("demo", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if ((store = cli_open_store (g, &error)) == NULL || (id = fw_demo_create (store, &error)) == NULL)
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
      return cli_fail_error (error);
    }
  g_print ("%s\n", id);
  return 0;
}

int
cmd_inspections (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (!cli_parse ("inspections", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if ((store = cli_open_store (g, &error)) == NULL || (list = fw_store_list_inspections (store, &error)) == NULL)
    return cli_fail_error (error);
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

  if (!cli_parse (command, "FILE.csv", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || argc != 2)
    return cli_fail ("%s: --inspection ID and one CSV file are required", command);
  if ((store = cli_open_store (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL)
    return cli_fail_error (error);
  /* an empty file writes nothing, so the write path never sees the lock */
  if (fw_store_is_locked (store, inspection))
    return cli_fail ("%s: %s", argv[1], _("the inspection is locked; unlock it to make changes"));
  if (!func (store, inspection, argv[1], &n, &error))
    return cli_fail_error (error);
  g_print (ngettext ("%s: imported %u row\n", "%s: imported %u rows\n", n), argv[1], n);
  return 0;
}

int
cmd_import_cases (Globals *g, int argc, char **argv)
{
  return run_import (g, "import-cases", fw_import_cases, argc, argv);
}

int
cmd_import_answers (Globals *g, int argc, char **argv)
{
  return run_import (g, "import-answers", fw_import_answers, argc, argv);
}

int
cmd_import_judgements (Globals *g, int argc, char **argv)
{
  return run_import (g, "import-judgements", fw_import_judgements, argc, argv);
}

int
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

  if (!cli_parse ("case-status", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || reference == NULL || status == NULL)
    return cli_fail ("case-status: --inspection ID, --case REFERENCE and --status STATUS are required");
  if (!fw_case_status_from_string (status, &to))
    return cli_fail ("case-status: --status “%s”: expected in-progress, complete, quality-assured or returned", status);
  /* one change each, its rules checked in its own transaction: completing
   * needs every applicable key question answered; returning records the
   * comment with the move */
  if ((store = cli_open_store (g, &error)) == NULL
      || (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL)
    return cli_fail_error (error);
  if (to == FW_CASE_RETURNED ? !fw_store_return_case (store, kase->id, NULL, comment, &error)
                             : !fw_store_move_case (store, kase->id, to, comment, &error))
    return cli_fail_error (error);
  return 0;
}

/* set-attribute --inspection ID --case REF --attribute ATTR [--value VALUE] */
int
cmd_set_attribute (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwCase) kase = NULL;
  g_autofree char *inspection = NULL, *reference = NULL, *attribute = NULL, *value = NULL;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &reference, "Case reference", "REFERENCE" },
    { "attribute", 0, 0, G_OPTION_ARG_STRING, &attribute, "One of the framework's case attributes", "ATTR" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, "Its new value (none: clear it)", "VALUE" },
    G_OPTION_ENTRY_NULL
  };

  if (!cli_parse ("set-attribute", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || reference == NULL || attribute == NULL)
    return cli_fail ("set-attribute: --inspection ID, --case REFERENCE and --attribute ATTR are required");
  if ((store = cli_open_store (g, &error)) == NULL
      || (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL
      || !fw_store_set_case_attribute (store, kase->id, attribute, value, &error))
    return cli_fail_error (error);
  return 0;
}

void
cli_json_string (GString *out, const char *value)
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
int
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

  if (!cli_parse ("cases", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL)
    return cli_fail ("cases: --inspection ID is required");
  if ((store = cli_open_store_readonly (g, &error)) == NULL
      || (fw = fw_store_load_framework (store, inspection, &error)) == NULL
      || (cases = fw_store_list_cases (store, inspection, NULL, &error)) == NULL)
    return cli_fail_error (error);
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
              cli_json_string (out, builtin[k]);
              g_string_append (out, ": ");
              cli_json_string (out, k == 0 ? c->reference : fw_case_get_attr (c, builtin[k]));
            }
          for (guint a = 0; a < attributes->len; a++)
            {
              FwAttribute *attribute = g_ptr_array_index (attributes, a);

              g_string_append (out, ", ");
              cli_json_string (out, attribute->id);
              g_string_append (out, ": ");
              cli_json_string (out, fw_case_get_attr (c, attribute->id));
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
int
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

  if (!cli_parse ("practice", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || reference == NULL || item == NULL || flag == NULL)
    return cli_fail ("practice: --inspection ID, --case REFERENCE, --question ID and --flag FLAG are required");
  if (g_strcmp0 (flag, "none") == 0)
    practice = FW_PRACTICE_NONE;
  else if (*flag == '\0' || !fw_practice_from_string (flag, &practice))
    return cli_fail (_("practice: --flag “%s”: expected good, poor or none"), flag);
  if ((store = cli_open_store (g, &error)) == NULL
      || (kase = fw_store_find_case (store, inspection, reference, &error)) == NULL
      || !fw_store_set_practice (store, kase->id, item, practice, &error))
    return cli_fail_error (error);
  return 0;
}

int
cmd_lock (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *reason = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  gboolean unlock = strcmp (argv[0], "unlock") == 0;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why (required to unlock)", "TEXT" },
    G_OPTION_ENTRY_NULL
  };

  if (!cli_parse (argv[0], "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL)
    return cli_fail ("%s: --inspection ID is required", unlock ? "unlock" : "lock");
  if ((store = cli_open_store (g, &error)) == NULL
      || (info = fw_store_get_inspection (store, inspection, &error)) == NULL)
    return cli_fail_error (error);
  /* already so: said, and nothing written */
  if (fw_store_is_locked (store, inspection) == !unlock)
    {
      g_print (unlock ? _("%s: the inspection is not locked\n") : _("%s: the inspection is already locked\n"),
               inspection);
      return 0;
    }
  if (!fw_store_set_locked (store, inspection, !unlock, reason, &error))
    return cli_fail_error (error);
  g_print (unlock ? _("%s: unlocked\n") : _("%s: locked\n"), inspection);
  return 0;
}

/* restore --list | restore BACKUP: the automatic backups made before
 * imports, merges and migrations (FILE.db.backup-…, next to the database) */
int
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

  if (!cli_parse ("restore", "[--list] [BACKUP]", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (list_only)
    {
      if ((list = fw_store_list_backups (path, &error)) == NULL)
        return cli_fail_error (error);
      for (guint i = 0; i < list->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (list, i));
      return 0;
    }
  if (argc != 2)
    return cli_fail ("restore: name one backup (fieldwork-cli restore --list shows them)");
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
    return cli_fail_error (error);
  /* brings a backup of an older version up to date, and checks it opens */
  if ((store = fw_store_open (path, &error)) == NULL)
    return cli_fail_error (error);
  g_print ("%s\n", backup);
  return 0;
}
