/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* fieldwork-cli: team fieldwork — packages, returns, merges and conflicts. */

#include <stdio.h>
#include <termios.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "fw-cli.h"

/* The passphrase of a package or return: FIELDWORK_PASSPHRASE, else the
 * first line of --passphrase-file, else asked for on the terminal without
 * echo (twice when writing). Never on the command line. */
char *
cli_read_passphrase (const char *file, gboolean confirm, GError **error)
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

int
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

  if (!cli_parse ("package", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || inspector == NULL || output == NULL)
    return cli_fail ("package: --inspection ID, --inspector NAME and --output FILE are required");
  if ((store = cli_open_store (g, &error)) == NULL || (pass = cli_read_passphrase (pass_file, TRUE, &error)) == NULL
      || !fw_sync_write_package (store, inspection, inspector, output, pass, &error))
    return cli_fail_error (error);
  return 0;
}

int
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

  if (!cli_parse ("open-package", "FILE", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (argc != 2)
    return cli_fail ("open-package: give one package file");
  if ((pass = cli_read_passphrase (pass_file, FALSE, &error)) == NULL
      || (file = fw_sync_file_read (argv[1], pass, &error)) == NULL
      || (store = cli_open_store (g, &error)) == NULL
      || (id = fw_sync_open_package (store, file, NULL, &error)) == NULL)
    return cli_fail_error (error);
  g_print ("%s\n", id);
  return 0;
}

int
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

  if (!cli_parse ("return", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || output == NULL)
    return cli_fail ("return: --inspection ID and --output FILE are required");
  if ((store = cli_open_store (g, &error)) == NULL || (pass = cli_read_passphrase (pass_file, TRUE, &error)) == NULL
      || !fw_sync_write_return (store, inspection, output, pass, &changes, &error))
    return cli_fail_error (error);
  g_print (ngettext ("%u change returned\n", "%u changes returned\n", changes), changes);
  return 0;
}

int
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

  if (!cli_parse ("merge", "FILE…", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || argc < 2)
    return cli_fail ("merge: --inspection ID and at least one return file are required");
  if ((pass = cli_read_passphrase (pass_file, FALSE, &error)) == NULL)
    return cli_fail_error (error);
  /* every file is opened and checked before anything changes */
  for (int i = 1; i < argc; i++)
    {
      FwSyncFile *file = fw_sync_file_read (argv[i], pass, &error);
      if (file == NULL)
        return cli_fail_error (error);
      g_ptr_array_add (files, file);
    }
  if ((store = cli_open_store (g, &error)) == NULL
      || !fw_sync_merge (store, inspection, files, NULL, NULL, NULL, &result, &error))
    return cli_fail_error (error);
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

int
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

  if (!cli_parse ("conflicts", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL)
    return cli_fail ("conflicts: --inspection ID is required");
  if ((store = cli_open_store_readonly (g, &error)) == NULL
      || (list = fw_sync_list_conflicts (store, inspection, &error)) == NULL)
    return cli_fail_error (error);
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

int
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

  if (!cli_parse ("resolve", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || conflict == NULL || keep == NULL)
    return cli_fail ("resolve: --inspection ID, --conflict CID and --keep lead|inspector are required");
  if (strcmp (keep, "lead") == 0)
    which = FW_SYNC_KEEP_LEAD;
  else if (strcmp (keep, "inspector") == 0)
    which = FW_SYNC_KEEP_INSPECTOR;
  else
    return cli_fail (_("resolve: --keep “%s”: expected lead or inspector"), keep);
  if ((store = cli_open_store (g, &error)) == NULL
      || !fw_sync_resolve (store, inspection, conflict, which, &error))
    return cli_fail_error (error);
  return 0;
}
