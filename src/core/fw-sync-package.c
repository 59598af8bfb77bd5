/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"
/* Team sync: the lead writes a package; a laptop opens it, or a newer one. */

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-sync-private.h"
#include "fw-crypt.h"
#include "fw-error.h"
#include "fw-store-backup.h"

/* ---------------------------------------------------------------- package */
gboolean
fw_sync_check_lead (FwStore *store, const char *inspection_id, const char *what, GError **error)
{
  g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (store, inspection_id, error);

  return info != NULL && fw_store_check_role (store, inspection_id, FW_ROLE_LEAD, what, error);
}

gboolean
fw_sync_write_package (FwStore *store, const char *inspection_id, const char *inspector,
                       const char *path, const char *passphrase, GError **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GKeyFile) meta = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *laptop = NULL;
  gint64 seq = 0;
  guint n_cases = 0;
  sqlite3_stmt *s;
  gboolean ok = FALSE;

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id && inspector && path && passphrase, FALSE);
  db = store->db;
  if ((tables = fw_sync_list_tables (db, error)) == NULL || !fw_sync_attach_memory (db, "fw_pkg", error))
    return FALSE;
  if (!fw_store_begin (store, error))
    goto out_detach;
  if (!fw_sync_check_lead (store, inspection_id, _("prepare laptops"), error)
      || !fw_sync_create_tables (db, "fw_pkg", tables, error)
      || !fw_sync_extract (db, "fw_pkg", tables, inspection_id, inspector, FALSE, &n_cases, error))
    goto out;
  if (n_cases == 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("no case of the inspection is allocated to %s"), inspector);
      goto out;
    }
  /* this database is the lead's for the inspection from now on */
  if ((s = fw_store_stmt (store, "INSERT OR IGNORE INTO sync_state (inspection_id, role) VALUES (?1, 'lead');",
                          error)) == NULL)
    goto out;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      fw_store_sql_error (store, error, "package");
      goto out;
    }
  sqlite3_reset (s);
  /* the newest return merged from this inspector's laptop: the laptop
   * knows the lead has seen everything up to it */
  if ((s = fw_store_stmt (store, "SELECT laptop, seq FROM sync_merged WHERE inspection_id = ?1 AND inspector = ?2"
                                 " ORDER BY merged_at DESC, seq DESC LIMIT 1;", error)) == NULL)
    goto out;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, inspector, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      laptop = fw_column_dup (s, 0);
      seq = sqlite3_column_int64 (s, 1);
    }
  sqlite3_reset (s);
  if (laptop != NULL)
    {
      g_autofree char *max = NULL;

      if ((s = fw_store_stmt (store, "SELECT max(seq) FROM sync_merged WHERE inspection_id = ?1 AND laptop = ?2;",
                              error)) == NULL)
        goto out;
      sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, laptop, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) == SQLITE_ROW)
        seq = sqlite3_column_int64 (s, 0);
      sqlite3_reset (s);
    }
  if ((image = fw_sync_serialize (db, "fw_pkg")) == NULL)
    {
      fw_store_sql_error (store, error, "package");
      goto out;
    }
  meta = fw_sync_new_meta ("package", inspection_id, inspector, id);
  g_key_file_set_string (meta, "sync", "made-by", fw_store_get_user (store));
  if (laptop)
    {
      g_key_file_set_string (meta, "sync", "merged-laptop", laptop);
      g_key_file_set_int64 (meta, "sync", "merged-seq", seq);
    }
  if (!fw_sync_write_sealed (path, meta, image, passphrase, error))
    goto out;
  ok = fw_store_commit (store, error);
out:
  if (!ok && store->depth > 0)
    fw_store_rollback (store);
out_detach:
  fw_sync_detach (db, "fw_pkg");
  return ok;
}

/* ---------------------------------------------------------------- open a package */
typedef struct {
  GPtrArray *tables;

  GPtrArray *kept;     /* KeptRow*: the laptop's own rows, kept over the lead's */
  guint      applied;
  guint      skipped;
  sqlite3   *db;
} OpenContext;

typedef struct {
  SyncTable      *table;

  GPtrArray      *pk;   /* sqlite3_value* */
} KeptRow;

static void
kept_row_free (KeptRow *k)
{
  g_ptr_array_unref (k->pk);
  g_free (k);
}

gboolean
fw_sync_identical_to_current (sqlite3_changeset_iter *it, int op, int n)
{
  if (op == SQLITE_DELETE)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      sqlite3_value *nv = NULL, *cv = NULL;

      sqlite3changeset_new (it, i, &nv);
      if (nv == NULL)
        continue;
      if (sqlite3changeset_conflict (it, i, &cv) != SQLITE_OK || !fw_sync_values_equal (nv, cv))
        return FALSE;
    }
  return TRUE;
}

static int
on_open_conflict (void *data, int type, sqlite3_changeset_iter *it)
{
  OpenContext *ctx = data;
  const char *name;
  int n, op, indirect;
  KeptRow *k;
  unsigned char *pk = NULL;
  int npk = 0;

  if (type == SQLITE_CHANGESET_FOREIGN_KEY)
    return SQLITE_CHANGESET_ABORT;
  sqlite3changeset_op (it, &name, &n, &op, &indirect);
  ctx->skipped++;
  if ((type == SQLITE_CHANGESET_DATA || type == SQLITE_CHANGESET_CONFLICT) && fw_sync_identical_to_current (it, op, n))
    return SQLITE_CHANGESET_OMIT;
  if (type == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
    return SQLITE_CHANGESET_OMIT;
  /* the laptop changed this row since the lead last saw it: keep the
   * laptop's, and remember the row the lead saw, so that the next return
   * carries the laptop's change against it */
  k = g_new0 (KeptRow, 1);
  k->table = fw_sync_find_table (ctx->tables, name);
  k->pk = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  sqlite3changeset_pk (it, &pk, &npk);
  for (int i = 0; i < npk; i++)
    if (pk[i])
      g_ptr_array_add (k->pk, sqlite3_value_dup (fw_sync_change_value (it, op, i)));
  if (k->table)
    g_ptr_array_add (ctx->kept, k);
  else
    kept_row_free (k);
  return SQLITE_CHANGESET_OMIT;
}

/* New baseline = the package, but for the rows the laptop kept: those are
 * as the lead last saw them (the old base). */
static gboolean
patch_baseline (sqlite3 *db, OpenContext *ctx, GError **error)
{
  for (guint i = 0; i < ctx->kept->len; i++)
    {
      KeptRow *k = g_ptr_array_index (ctx->kept, i);
      g_autoptr(GString) where = g_string_new (NULL);
      unsigned char *unused = NULL;
      guint bound = 0;
      char *del, *ins;
      sqlite3_stmt *s = NULL;
      gboolean ok = TRUE;

      g_autofree char *pk_info = sqlite3_mprintf ("SELECT name FROM pragma_table_info(%Q, 'main') WHERE pk > 0"
                                                  " ORDER BY pk;", k->table->name);
      sqlite3_stmt *p = NULL;

      (void) unused;
      /* the key columns in key order (as the changeset gives them) */
      if (sqlite3_prepare_v2 (db, pk_info, -1, &p, NULL) != SQLITE_OK)
        return fw_sync_db_error (db, "baseline", error);
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
        /* changeset PK values are in column order, not key order */
        for (guint c = 0; c < k->table->columns->len; c++)
          {
            sqlite3_stmt *q = NULL;

            char *sql = sqlite3_mprintf ("SELECT pk FROM pragma_table_info(%Q, 'main') WHERE name = %Q;",
                                         k->table->name, (const char *) g_ptr_array_index (k->table->columns, c));
            if (sqlite3_prepare_v2 (db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step (q) == SQLITE_ROW
                && sqlite3_column_int (q, 0) > 0)
              g_ptr_array_add (names, g_strdup (g_ptr_array_index (k->table->columns, c)));
            sqlite3_finalize (q);
            sqlite3_free (sql);
          }
        for (guint c = 0; c < names->len; c++)
          {
            char *part = sqlite3_mprintf ("%s\"%w\" IS ?%u", bound ? " AND " : "",
                                          (const char *) g_ptr_array_index (names, c), bound + 1);
            g_string_append (where, part);
            sqlite3_free (part);
            bound++;
          }
      }
      sqlite3_finalize (p);
      del = sqlite3_mprintf ("DELETE FROM fw_new.\"%w\" WHERE %s;", k->table->name, where->str);
      ins = sqlite3_mprintf ("INSERT INTO fw_new.\"%w\" SELECT * FROM fw_base.\"%w\" WHERE %s;",
                             k->table->name, k->table->name, where->str);
      for (guint pass = 0; pass < 2 && ok; pass++)
        {
          if (sqlite3_prepare_v2 (db, pass ? ins : del, -1, &s, NULL) != SQLITE_OK)
            ok = FALSE;
          else
            {
              for (guint b = 0; b < k->pk->len && b < bound; b++)
                sqlite3_bind_value (s, b + 1, g_ptr_array_index (k->pk, b));
              ok = sqlite3_step (s) == SQLITE_DONE;
            }
          sqlite3_finalize (s);
        }
      sqlite3_free (del);
      sqlite3_free (ins);
      if (!ok)
        return fw_sync_db_error (db, "baseline", error);
    }
  return TRUE;
}

/* Rows about a case the laptop still has: a case the lead took away is
 * kept while the laptop has work on it not yet returned. */
static gboolean
create_open_triggers (sqlite3 *db, GPtrArray *tables, GError **error)
{
  g_autoptr(GString) when = g_string_new (NULL);
  g_autofree char *sql = NULL;

  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      char *part;

      if (t->scope != SCOPE_CASE)
        continue;
      part = sqlite3_mprintf ("%sEXISTS (SELECT 1 FROM main.\"%w\" WHERE case_id = OLD.id)",
                              when->len ? " OR " : "", t->name);
      g_string_append (when, part);
      sqlite3_free (part);
    }
  if (when->len == 0)
    return TRUE;
  sql = g_strdup_printf ("CREATE TEMP TRIGGER fw_open_kase BEFORE DELETE ON main.kase WHEN %s"
                         " BEGIN SELECT RAISE(ABORT, 'fieldwork: work not returned'); END;", when->str);
  return fw_sync_exec (db, sql, error);
}

GBytes *
fw_sync_sync_blob (FwStore *store, const char *sql, const char *inspection_id, gint64 seq)
{
  sqlite3_stmt *s = NULL;
  GBytes *out = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &s, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 2, seq);
  if (sqlite3_step (s) == SQLITE_ROW && sqlite3_column_type (s, 0) != SQLITE_NULL)
    out = g_bytes_new (sqlite3_column_blob (s, 0), sqlite3_column_bytes (s, 0));
  sqlite3_finalize (s);
  return out;
}

char *
fw_sync_open_package (FwStore *store, FwSyncFile *package, FwSyncResult *result, GError **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GBytes) base = NULL, changes = NULL, baseline = NULL;
  g_autofree char *role = NULL, *inspector = NULL, *laptop = NULL, *baseline_at = NULL;
  g_autofree char *merged_laptop = NULL, *now = fw_now_iso8601 ();
  gint64 merged_seq = 0;
  gboolean exists = FALSE, have_state = FALSE, ok = FALSE, attached_base = FALSE;
  OpenContext ctx = { 0 };
  sqlite3_stmt *s;
  const char *id, *path;

  g_return_val_if_fail (FW_IS_STORE (store) && package != NULL, NULL);
  db = store->db;
  id = package->inspection_id;
  path = package->path;
  if (package->kind != FW_SYNC_PACKAGE)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: a return, not a package; the lead merges it"), path);
      return NULL;
    }
  merged_laptop = g_key_file_get_string (package->meta, "sync", "merged-laptop", NULL);
  merged_seq = g_key_file_get_int64 (package->meta, "sync", "merged-seq", NULL);
  /* what this database already is for the inspection */
  {
    g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (store, id, NULL);

    exists = info != NULL;
  }
  if ((s = fw_store_stmt (store, "SELECT role, inspector, laptop, baseline_at FROM sync_state WHERE inspection_id = ?1;",
                          error)) == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      have_state = TRUE;
      role = fw_column_dup (s, 0);
      inspector = fw_column_dup (s, 1);
      laptop = fw_column_dup (s, 2);
      baseline_at = fw_column_dup (s, 3);
    }
  sqlite3_reset (s);
  if (exists && (!have_state || g_strcmp0 (role, "inspector") != 0))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED,
                   _("%s: this database holds the lead's copy of the inspection; open the package on the "
                     "inspector's laptop"), path);
      return NULL;
    }
  if (exists && g_strcmp0 (inspector, package->inspector) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED,
                   _("%s: a package for %s, but this laptop works for %s in this inspection"),
                   path, package->inspector, inspector);
      return NULL;
    }
  if ((tables = fw_sync_list_tables (db, error)) == NULL)
    return NULL;
  if (exists)
    {
      /* what the lead has seen of this laptop: its newest return the lead
       * merged, if made since the baseline; else the baseline */
      if (merged_laptop && g_strcmp0 (merged_laptop, laptop) == 0)
        {
          g_autoptr(GBytes) image = fw_sync_sync_blob (store, "SELECT image FROM sync_return WHERE inspection_id = ?1"
                                                      " AND seq = ?2;", id, merged_seq);
          sqlite3_stmt *q = NULL;
          gboolean newer = FALSE;

          if (image && sqlite3_prepare_v2 (db, "SELECT made_at > ?2 FROM sync_return WHERE inspection_id = ?1"
                                               " AND seq = ?3;", -1, &q, NULL) == SQLITE_OK)
            {
              sqlite3_bind_text (q, 1, id, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (q, 2, baseline_at, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (q, 3, merged_seq);
              newer = sqlite3_step (q) == SQLITE_ROW && sqlite3_column_int (q, 0);
            }
          sqlite3_finalize (q);
          if (newer)
            base = g_steal_pointer (&image);
        }
      if (base == NULL)
        base = fw_sync_sync_blob (store, "SELECT baseline FROM sync_state WHERE inspection_id = ?1 AND ?2 = ?2;", id, 0);
      if (base == NULL)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("%s: this laptop has lost the package it was opened from"), path);
          return NULL;
        }
      if (!fw_sync_attach_image (db, "fw_base", base, fw_store_get_path (store), error))
        return NULL;
    }
  else if (!fw_sync_attach_memory (db, "fw_base", error) || !fw_sync_create_tables (db, "fw_base", tables, error))
    {
      fw_sync_detach (db, "fw_base");
      return NULL;
    }
  attached_base = TRUE;
  if (!fw_sync_attach_image (db, "fw_new", package->body, path, error))
    goto out_detach;
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      char *sql = sqlite3_mprintf ("SELECT 1 FROM fw_new.sqlite_schema WHERE type = 'table' AND name = %Q;", t->name);
      sqlite3_stmt *q = NULL;
      gboolean found = sqlite3_prepare_v2 (db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step (q) == SQLITE_ROW;

      sqlite3_finalize (q);
      sqlite3_free (sql);
      if (!found)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("%s: the data in it is not a Fieldwork inspection"), path);
          goto out_detach_new;
        }
    }
  if (!fw_sync_attach_memory (db, "fw_out", error))
    goto out_detach_new;
  if (!fw_store_begin (store, error))
    goto out_detach_new;
  fw_store_bulk_begin (store);
  if (!fw_sync_exec (db, "PRAGMA defer_foreign_keys = ON;", error)
      || (changes = fw_sync_diff_images (db, "fw_base", "fw_new", tables, error)) == NULL
      || (exists && !create_open_triggers (db, tables, error)))
    goto out;
  ctx.tables = tables;
  ctx.kept = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_row_free);
  ctx.db = db;
  {
    int rc = sqlite3changeset_apply_v2 (db, (int) g_bytes_get_size (changes), (void *) g_bytes_get_data (changes, NULL),
                                        NULL, on_open_conflict, &ctx, NULL, NULL, 0);
    sqlite3_exec (db, "DROP TRIGGER IF EXISTS temp.fw_open_kase;", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
      {
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                     _("%s: cannot apply it to this laptop (%s)"), path, sqlite3_errstr (rc));
        goto out;
      }
  }
  if (!patch_baseline (db, &ctx, error) || (baseline = fw_sync_serialize_copy (db, "fw_new", tables, error)) == NULL)
    goto out;
  if (laptop == NULL)
    laptop = g_uuid_string_random ();
  if ((s = fw_store_stmt (store, "INSERT INTO sync_state (inspection_id, role, inspector, laptop, package, baseline,"
                                 " baseline_at) VALUES (?1, 'inspector', ?2, ?3, ?4, ?5, ?6)"
                                 " ON CONFLICT (inspection_id) DO UPDATE SET package = excluded.package,"
                                 " baseline = excluded.baseline, baseline_at = excluded.baseline_at;", error)) == NULL)
    goto out;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, package->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, laptop, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, package->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (s, 5, g_bytes_get_data (baseline, NULL), g_bytes_get_size (baseline), SQLITE_STATIC);
  sqlite3_bind_text (s, 6, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      fw_store_sql_error (store, error, "open package");
      goto out;
    }
  sqlite3_reset (s);
  if (merged_laptop && g_strcmp0 (merged_laptop, laptop) == 0)
    {
      if ((s = fw_store_stmt (store, "DELETE FROM sync_return WHERE inspection_id = ?1 AND seq > 0 AND seq <= ?2;",
                              error)) == NULL)
        goto out;
      sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (s, 2, merged_seq);
      sqlite3_step (s);
      sqlite3_reset (s);
    }
  {
    g_autofree char *reason = g_strdup_printf ("package %s", package->id);

    if (!fw_store_audit (store, id, NULL, NULL, "sync", NULL, "package", NULL, NULL, reason, error))
      goto out;
  }
  {
    int total = 0;
    sqlite3_changeset_iter *it = NULL;

    if (sqlite3changeset_start (&it, (int) g_bytes_get_size (changes), (void *) g_bytes_get_data (changes, NULL)) == SQLITE_OK)
      {
        while (sqlite3changeset_next (it) == SQLITE_ROW)
          total++;
        sqlite3changeset_finalize (it);
      }
    if (result)
      {
        result->changes = (guint) total - ctx.skipped;
        result->conflicts = ctx.kept->len;
      }
  }
  ok = fw_store_commit (store, error);
out:
  if (!ok && store->depth > 0)
    fw_store_rollback (store);
  g_clear_pointer (&ctx.kept, g_ptr_array_unref);
out_detach_new:
  fw_sync_detach (db, "fw_out");
  fw_sync_detach (db, "fw_new");
out_detach:
  if (attached_base)
    fw_sync_detach (db, "fw_base");
  return ok ? g_strdup (id) : NULL;
}

/* A return is everything since the package, so a row the laptop returned
 * once and has removed since (an answer cleared) is in neither the baseline
 * nor the laptop now: the diff would say nothing, and the lead would keep
 * it. The rows about cases ever returned are kept in the image "sent"
 * (sync_return, seq 0); those the laptop no longer has go into the base, so
 * the return deletes them. */
static char *
pk_match (SyncTable *t, const char *a, const char *b)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < t->pk->len; i++)
    {
      char *part = sqlite3_mprintf ("%s%s.\"%w\" IS %s.\"%w\"", i ? " AND " : "", a,
                                    (const char *) g_ptr_array_index (t->pk, i), b,
                                    (const char *) g_ptr_array_index (t->pk, i));
      g_string_append (out, part);
      sqlite3_free (part);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
fw_sync_add_sent_rows (sqlite3 *db, GPtrArray *tables, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      g_autofree char *in_cur = NULL, *in_base = NULL;
      char *sql;
      gboolean ok;

      if (t->scope != SCOPE_CASE || t->pk->len == 0 || strcmp (t->name, "audit") == 0)
        continue;
      in_cur = pk_match (t, "c", "p");
      in_base = pk_match (t, "b", "p");
      sql = sqlite3_mprintf ("INSERT INTO fw_base.\"%w\" SELECT p.* FROM fw_sent.\"%w\" p"
                             " WHERE p.case_id IN (SELECT id FROM fw_cur.kase)"
                             " AND NOT EXISTS (SELECT 1 FROM fw_cur.\"%w\" c WHERE %s)"
                             " AND NOT EXISTS (SELECT 1 FROM fw_base.\"%w\" b WHERE %s);",
                             t->name, t->name, t->name, in_cur, t->name, in_base);
      ok = fw_sync_exec (db, sql, error);
      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
fw_sync_update_sent (sqlite3 *db, GPtrArray *tables, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      char *sql;
      gboolean ok;

      if (t->scope != SCOPE_CASE || t->pk->len == 0 || strcmp (t->name, "audit") == 0)
        continue;
      sql = sqlite3_mprintf ("INSERT OR REPLACE INTO fw_sent.\"%w\" SELECT * FROM fw_cur.\"%w\";", t->name, t->name);
      ok = fw_sync_exec (db, sql, error);
      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
