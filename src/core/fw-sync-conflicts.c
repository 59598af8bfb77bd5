/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"
/* Team sync: conflicts listed and resolved by the lead. */

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-sync-private.h"
#include "fw-crypt.h"
#include "fw-error.h"
#include "fw-store-backup.h"

/* ---------------------------------------------------------------- conflicts */
void
fw_sync_conflict_free (FwSyncConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->table);
  g_free (c->case_id);
  g_free (c->reference);
  g_free (c->item);
  g_free (c->kind);
  g_free (c->author);
  g_free (c->lead_value);
  g_free (c->lead_note);
  g_free (c->lead_who);
  g_free (c->lead_at);
  g_free (c->inspector_value);
  g_free (c->inspector_note);
  g_free (c->inspector_at);
  g_free (c->found_at);
  g_free (c->resolved);
  g_free (c);
}

GPtrArray *
fw_sync_list_conflicts (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_conflict_free);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id, NULL);
  {
    g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (store, inspection_id, error);

    if (info == NULL)
      return NULL;
  }
  s = fw_store_stmt (store, "SELECT c.id, c.tbl, c.case_id, k.reference, c.item, c.kind, c.author,"
                            " coalesce (json_extract (c.lead_row, '$.value'), json_extract (c.lead_row, '$.status')),"
                            " json_extract (c.lead_row, '$.note'), json_extract (c.lead_row, '$.who'),"
                            " json_extract (c.lead_row, '$.at'),"
                            " coalesce (json_extract (c.inspector_row, '$.value'), json_extract (c.inspector_row, '$.status')),"
                            " json_extract (c.inspector_row, '$.note'), json_extract (c.inspector_row, '$.at'),"
                            " c.found_at, c.resolved"
                            " FROM sync_conflict c LEFT JOIN kase k ON k.id = c.case_id WHERE c.inspection_id = ?1"
                            " ORDER BY c.resolved IS NOT NULL, k.reference, c.item, c.found_at;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwSyncConflict *c = g_new0 (FwSyncConflict, 1);
      char **fields[] = { &c->id, &c->table, &c->case_id, &c->reference, &c->item, &c->kind, &c->author,
                          &c->lead_value, &c->lead_note, &c->lead_who, &c->lead_at, &c->inspector_value,
                          &c->inspector_note, &c->inspector_at, &c->found_at, &c->resolved };
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        *fields[i] = fw_column_dup (s, (int) i);
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (store, error, "conflicts");
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef struct {
  const char *inspection_id;
  const char *conflict_id;
  FwSyncKeep  keep;
} Resolve;

/* Writes the inspector's row as the conflict kept it. */
static gboolean
apply_inspector_row (FwStore *store, const char *table, const char *key, const char *row, GError **error)
{
  g_autoptr(GPtrArray) tables = fw_sync_list_tables (store->db, error);
  g_autoptr(GString) cols = g_string_new (NULL), vals = g_string_new (NULL), sets = g_string_new (NULL);
  g_autoptr(GString) pk = g_string_new (NULL), where = g_string_new (NULL);
  sqlite3_stmt *s = NULL, *p = NULL;
  SyncTable *t;
  char *sql;
  int rc, n_pk = 0;

  if (tables == NULL)
    return FALSE;
  if ((t = fw_sync_find_table (tables, table)) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "no table %s", table);
      return FALSE;
    }
  sql = sqlite3_mprintf ("SELECT name FROM pragma_table_info(%Q, 'main') WHERE pk > 0 ORDER BY cid;", table);
  if (sqlite3_prepare_v2 (store->db, sql, -1, &p, NULL) == SQLITE_OK)
    while (sqlite3_step (p) == SQLITE_ROW)
      {
        char *part = sqlite3_mprintf ("%s\"%w\"", n_pk ? ", " : "", (const char *) sqlite3_column_text (p, 0));

        char *cond = sqlite3_mprintf ("%s\"%w\" IS json_extract(?2, '$[%d]')", n_pk ? " AND " : "",
                                      (const char *) sqlite3_column_text (p, 0), n_pk);
        g_string_append (pk, part);
        g_string_append (where, cond);
        sqlite3_free (part);
        sqlite3_free (cond);
        n_pk++;
      }
  sqlite3_finalize (p);
  sqlite3_free (sql);
  if (row == NULL)
    sql = sqlite3_mprintf ("DELETE FROM main.\"%w\" WHERE %s;", table, where->str);
  else
    {
      for (guint i = 0; i < t->columns->len; i++)
        {
          const char *c = g_ptr_array_index (t->columns, i);
          char *a = sqlite3_mprintf ("%s\"%w\"", i ? ", " : "", c);
          char *b = sqlite3_mprintf ("%sjson_extract(?1, '$.\"%w\"')", i ? ", " : "", c);
          char *d = sqlite3_mprintf ("%s\"%w\" = excluded.\"%w\"", i ? ", " : "", c, c);

          g_string_append (cols, a);
          g_string_append (vals, b);
          g_string_append (sets, d);
          sqlite3_free (a);
          sqlite3_free (b);
          sqlite3_free (d);
        }
      sql = sqlite3_mprintf ("INSERT INTO main.\"%w\" (%s) SELECT %s WHERE ?2 IS NOT NULL"
                             " ON CONFLICT (%s) DO UPDATE SET %s;", table, cols->str, vals->str, pk->str, sets->str);
    }
  rc = sqlite3_prepare_v2 (store->db, sql, -1, &s, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    return fw_store_sql_error (store, error, "resolve");
  sqlite3_bind_text (s, 1, row, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (store, error, "resolve");
  return TRUE;
}

static gboolean
resolve (FwStore *store, gpointer data, GError **error)
{
  Resolve *r = data;
  sqlite3_stmt *s;
  g_autofree char *table = NULL, *key = NULL, *row = NULL, *resolved = NULL, *case_id = NULL, *item = NULL;
  g_autofree char *lead_value = NULL, *inspector_value = NULL, *lead_note = NULL, *inspector_note = NULL;
  g_autofree char *now = fw_now_iso8601 (), *reason = NULL;
  gboolean found = FALSE;

  if (!fw_sync_check_lead (store, r->inspection_id, _("resolve conflicts"), error)
      || !fw_store_check_open (store, r->inspection_id, error))
    return FALSE;
  s = fw_store_stmt (store, "SELECT tbl, row_key, inspector_row, resolved, case_id, item,"
                            " coalesce (json_extract (lead_row, '$.value'), json_extract (lead_row, '$.status')),"
                            " coalesce (json_extract (inspector_row, '$.value'), json_extract (inspector_row, '$.status')),"
                            " json_extract (lead_row, '$.note'), json_extract (inspector_row, '$.note')"
                            " FROM sync_conflict WHERE inspection_id = ?1 AND id = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, r->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, r->conflict_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      found = TRUE;
      table = fw_column_dup (s, 0);
      key = fw_column_dup (s, 1);
      row = fw_column_dup (s, 2);
      resolved = fw_column_dup (s, 3);
      case_id = fw_column_dup (s, 4);
      item = fw_column_dup (s, 5);
      lead_value = fw_column_dup (s, 6);
      inspector_value = fw_column_dup (s, 7);
      lead_note = fw_column_dup (s, 8);
      inspector_note = fw_column_dup (s, 9);
    }
  sqlite3_reset (s);
  if (!found)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("the inspection has no conflict “%s”"), r->conflict_id);
      return FALSE;
    }
  if (resolved != NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("conflict %s is resolved already (the %s's value was kept)"), r->conflict_id,
                   strcmp (resolved, "lead") == 0 ? _("lead") : _("inspector"));
      return FALSE;
    }
  if (r->keep == FW_SYNC_KEEP_INSPECTOR && !apply_inspector_row (store, table, key, row, error))
    return FALSE;
  s = fw_store_stmt (store, "UPDATE sync_conflict SET resolved = ?3, resolved_by = ?4, resolved_at = ?5"
                            " WHERE inspection_id = ?1 AND id = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, r->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, r->conflict_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, r->keep == FW_SYNC_KEEP_LEAD ? "lead" : "inspector", -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, fw_store_get_user (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 5, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (store, error, "resolve");
    }
  sqlite3_reset (s);
  reason = g_strdup_printf (r->keep == FW_SYNC_KEEP_LEAD ? "conflict %s: kept the lead's value"
                                                         : "conflict %s: kept the inspector's value", r->conflict_id);
  if (r->keep == FW_SYNC_KEEP_LEAD)
    return fw_store_audit (store, r->inspection_id, case_id, item, "resolve", inspector_value, lead_value,
                           inspector_note, lead_note, reason, error);
  return fw_store_audit (store, r->inspection_id, case_id, item, "resolve", lead_value, inspector_value,
                         lead_note, inspector_note, reason, error);
}

gboolean
fw_sync_resolve (FwStore *store, const char *inspection_id, const char *conflict_id, FwSyncKeep keep,
                 GError **error)
{
  Resolve r = { inspection_id, conflict_id, keep };

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id && conflict_id, FALSE);
  return fw_store_write (store, resolve, &r, error);
}
