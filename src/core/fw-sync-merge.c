/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"
/* Team sync: the lead merges returns, recording conflicts. */

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-sync-private.h"
#include "fw-crypt.h"
#include "fw-error.h"
#include "fw-store-backup.h"

/* ---------------------------------------------------------------- merge */
typedef struct {
  FwStore    *store;
  sqlite3    *db;
  GPtrArray  *tables;
  const char *inspection_id;
  const char *author;
  const char *return_id;

  gint64      known_max;     /* audit rows up to this rowid were here before this return */
  GHashTable *audit_ids;     /* "case\x1fitem" → GPtrArray of the return's audit ids */
  guint       skipped;        /* changes (audit rows aside) already here */
  guint       audit_skipped;  /* audit rows already here */
  guint       conflicts;
  guint       new_conflicts;

  GError     *error;
} MergeContext;

static char *
record_key (const char *case_id, const char *item)
{
  return g_strdup_printf ("%s\x1f%s", case_id ? case_id : "", item ? item : "");
}

/* The return's audit rows, by the record they are about. */
static GHashTable *
index_audit (GBytes *changes)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  sqlite3_changeset_iter *it = NULL;
  int id_col = -1, case_col = -1, item_col = -1;

  if (sqlite3changeset_start (&it, (int) g_bytes_get_size (changes), (void *) g_bytes_get_data (changes, NULL)) != SQLITE_OK)
    return index;
  while (sqlite3changeset_next (it) == SQLITE_ROW)
    {
      const char *name;
      int n, op, indirect;
      sqlite3_value *id = NULL, *kase = NULL, *item = NULL;
      GPtrArray *ids;
      g_autofree char *key = NULL;

      sqlite3changeset_op (it, &name, &n, &op, &indirect);
      if (strcmp (name, "audit") != 0 || op != SQLITE_INSERT)
        continue;
      if (id_col < 0)
        {
          /* schema 5: id, at, who, inspection_id, case_id, item, … */
          id_col = 0;
          case_col = 4;
          item_col = 5;
        }
      if (n <= item_col)
        continue;
      sqlite3changeset_new (it, id_col, &id);
      sqlite3changeset_new (it, case_col, &kase);
      sqlite3changeset_new (it, item_col, &item);
      key = record_key (kase && sqlite3_value_type (kase) != SQLITE_NULL ? (const char *) sqlite3_value_text (kase) : NULL,
                        item && sqlite3_value_type (item) != SQLITE_NULL ? (const char *) sqlite3_value_text (item) : NULL);
      ids = g_hash_table_lookup (index, key);
      if (ids == NULL)
        {
          ids = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (index, g_steal_pointer (&key), ids);
        }
      g_ptr_array_add (ids, fw_sync_value_dup (id));
    }
  sqlite3changeset_finalize (it);
  return index;
}

/* Does the return hold work on this record the lead has not seen? */
static gboolean
has_new_work (MergeContext *ctx, const char *case_id, const char *item)
{
  g_autofree char *key = record_key (case_id, item);
  GPtrArray *ids = g_hash_table_lookup (ctx->audit_ids, key);
  sqlite3_stmt *s;

  if (ids == NULL)
    return case_id == NULL;   /* not about a case: always looked at */
  s = fw_store_stmt (ctx->store, "SELECT 1 FROM audit WHERE id = ?1 AND rowid <= ?2;", NULL);
  if (s == NULL)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    {
      gboolean known;

      sqlite3_reset (s);
      sqlite3_bind_text (s, 1, g_ptr_array_index (ids, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (s, 2, ctx->known_max);
      known = sqlite3_step (s) == SQLITE_ROW;
      sqlite3_reset (s);
      if (!known)
        return TRUE;
    }
  return FALSE;
}

/* Who last wrote the record in the lead's database. */
static char *
last_writer (MergeContext *ctx, SyncTable *t, sqlite3_changeset_iter *it, int type, const char *case_id)
{
  sqlite3_stmt *s;
  char *who = NULL;

  if (t->who_col >= 0 && (type == SQLITE_CHANGESET_DATA || type == SQLITE_CHANGESET_CONFLICT))
    {
      sqlite3_value *v = NULL;

      sqlite3changeset_conflict (it, t->who_col, &v);
      return fw_sync_value_dup (v);
    }
  if (t->scope != SCOPE_CASE_ROW)
    return NULL;
  s = fw_store_stmt (ctx->store, "SELECT who FROM audit WHERE case_id = ?1 AND item IS NULL AND action = 'status'"
                                 " AND rowid <= ?2 ORDER BY rowid DESC LIMIT 1;", NULL);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 2, ctx->known_max);
  if (sqlite3_step (s) == SQLITE_ROW)
    who = fw_column_dup (s, 0);
  sqlite3_reset (s);
  return who;
}

static void
record_conflict (MergeContext *ctx, SyncTable *t, sqlite3_changeset_iter *it, int op, const char *kind,
                 const char *case_id, const char *item)
{
  g_autofree char *key = fw_sync_row_key (it, op);
  g_autofree char *lead_row = fw_sync_current_row_json (ctx->db, t, it, op);
  g_autofree char *inspector_row = fw_sync_inspector_row_json (ctx->db, t, it, op, lead_row);
  g_autofree char *seed = NULL, *digest = NULL, *id = NULL, *now = fw_now_iso8601 ();
  g_autofree char *lead_value = NULL, *inspector_value = NULL;
  const char *value_name = t->value_col >= 0 ? g_ptr_array_index (t->columns, t->value_col) : NULL;
  sqlite3_stmt *s;

  ctx->conflicts++;
  seed = g_strdup_printf ("%s\n%s\n%s\n%s\n%s", ctx->inspection_id, t->name, key, ctx->author,
                          inspector_row ? inspector_row : "(deleted)");
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  id = g_strndup (digest, 12);
  s = fw_store_stmt (ctx->store, "INSERT OR IGNORE INTO sync_conflict (id, inspection_id, tbl, row_key, case_id, item,"
                                 " kind, op, author, return_id, inspector_row, lead_row, found_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);", &ctx->error);
  if (s == NULL)
    return;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, ctx->inspection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 5, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 6, item, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 7, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 8, op == SQLITE_INSERT ? "insert" : op == SQLITE_UPDATE ? "update" : "delete", -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 9, ctx->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 10, ctx->return_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 11, inspector_row, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 12, lead_row, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 13, now, -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      fw_store_sql_error (ctx->store, &ctx->error, "conflict");
      return;
    }
  sqlite3_reset (s);
  if (sqlite3_changes (ctx->db) == 0)
    return;   /* found by an earlier merge */
  ctx->new_conflicts++;
  if (value_name)
    {
      lead_value = fw_sync_json_field (ctx->db, lead_row, value_name);
      inspector_value = fw_sync_json_field (ctx->db, inspector_row, value_name);
    }
  {
    g_autofree char *reason = g_strdup_printf ("conflict %s with %s", id, ctx->author);

    if (ctx->error == NULL)
      fw_store_audit (ctx->store, ctx->inspection_id, case_id, item, "conflict", lead_value, inspector_value,
                      NULL, NULL, reason, &ctx->error);
  }
}

static int
on_merge_conflict (void *data, int type, sqlite3_changeset_iter *it)
{
  MergeContext *ctx = data;
  const char *name;
  int n, op, indirect;
  SyncTable *t;
  g_autofree char *case_id = NULL, *item = NULL, *writer = NULL;

  if (ctx->error)
    return SQLITE_CHANGESET_ABORT;
  if (type == SQLITE_CHANGESET_FOREIGN_KEY)
    {
      g_set_error (&ctx->error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("it refers to cases this inspection does not have"));
      return SQLITE_CHANGESET_ABORT;
    }
  sqlite3changeset_op (it, &name, &n, &op, &indirect);
  if ((t = fw_sync_find_table (ctx->tables, name)) == NULL)
    {
      ctx->skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  if (t->case_col >= 0)
    case_id = fw_sync_value_dup (fw_sync_change_value (it, op, t->case_col));
  if (t->item_col >= 0)
    item = fw_sync_value_dup (fw_sync_change_value (it, op, t->item_col));
  /* audit rows are never changed, only added: one here is merged already */
  if (strcmp (name, "audit") == 0)
    {
      ctx->audit_skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  /* already here: merged before */
  if ((type == SQLITE_CHANGESET_DATA || type == SQLITE_CHANGESET_CONFLICT) && fw_sync_identical_to_current (it, op, n))
    {
      ctx->skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  if (type == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
    {
      ctx->skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  /* audit rows are never changed, only added */
  if (strcmp (name, "audit") == 0)
    {
      ctx->audit_skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  /* everything the return says about this record, the lead has seen: an
   * older return merged after a newer one */
  if (t->scope == SCOPE_CASE || t->scope == SCOPE_CASE_ROW)
    if (!has_new_work (ctx, case_id, t->scope == SCOPE_CASE_ROW ? NULL : item))
      {
        ctx->skipped++;
        return SQLITE_CHANGESET_OMIT;
      }
  if (type == SQLITE_CHANGESET_CONSTRAINT)
    {
      /* the triggers: a record the author does not own */
      record_conflict (ctx, t, it, op, "not-owner", case_id, item);
      return ctx->error ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
    }
  /* the record changed here since the package: by the author (an earlier
   * return: this is newer), or by someone else (a conflict) */
  if (type != SQLITE_CHANGESET_NOTFOUND)
    {
      writer = last_writer (ctx, t, it, type, case_id);
      if (writer != NULL && g_strcmp0 (writer, ctx->author) == 0)
        return SQLITE_CHANGESET_REPLACE;
    }
  record_conflict (ctx, t, it, op, "both-changed", case_id, item);
  return ctx->error ? SQLITE_CHANGESET_ABORT : SQLITE_CHANGESET_OMIT;
}

/* Temporary triggers on the lead's connection, for one merge: they refuse
 * (SQLITE_CONSTRAINT, so the conflict handler sees it) every change the
 * author of the return may not make. */
static gboolean
create_merge_triggers (sqlite3 *db, GPtrArray *tables, GError **error)
{
  const char *owner_is_author = "(SELECT inspector FROM main.kase WHERE id = %s.case_id)"
                                " IS (SELECT author FROM temp.fw_merge_author)";
  g_autoptr(GString) sql = g_string_new ("CREATE TEMP TABLE IF NOT EXISTS fw_merge_author (author TEXT);"
                                         "CREATE TEMP TABLE IF NOT EXISTS fw_merge_stale (case_id TEXT, item TEXT,"
                                         " PRIMARY KEY (case_id, item));");

  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      const char *ops[] = { "INSERT", "UPDATE", "DELETE" };

      for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
        {
          g_autofree char *when = NULL;
          char *part;

          if (strcmp (t->name, "audit") == 0)
            {
              if (o == 0)
                continue;
              when = g_strdup ("1");
            }
          else if (t->inspector_owned)
            {
              g_autofree char *old_ok = g_strdup_printf (owner_is_author, "OLD");
              g_autofree char *new_ok = g_strdup_printf (owner_is_author, "NEW");

              const char *row = o == 2 ? "OLD" : "NEW";
              g_autofree char *stale = g_strdup_printf (" OR EXISTS (SELECT 1 FROM temp.fw_merge_stale s"
                                                        " WHERE s.case_id = %s.case_id AND s.item IS %s)",
                                                        row, t->item_col >= 0 ? (o == 2 ? "OLD.item" : "NEW.item")
                                                                              : "NULL");
              when = o == 0 ? g_strdup_printf ("NOT %s%s", new_ok, stale)
                   : o == 1 ? g_strdup_printf ("NOT (%s AND %s)%s", old_ok, new_ok, stale)
                            : g_strdup_printf ("NOT %s%s", old_ok, stale);
            }
          else if (t->scope == SCOPE_CASE_ROW && o == 1)
            {
              g_autoptr(GString) others = g_string_new (NULL);

              for (guint c = 0; c < t->columns->len; c++)
                {
                  const char *col = g_ptr_array_index (t->columns, c);
                  char *cmp;

                  if (strcmp (col, "status") == 0)
                    continue;
                  cmp = sqlite3_mprintf (" OR NEW.\"%w\" IS NOT OLD.\"%w\"", col, col);
                  g_string_append (others, cmp);
                  sqlite3_free (cmp);
                }
              when = g_strdup_printf ("OLD.inspector IS NOT (SELECT author FROM temp.fw_merge_author)"
                                      " OR NEW.status NOT IN ('not-started', 'in-progress', 'complete')"
                                      " OR OLD.status = 'quality-assured'"
                                      " OR EXISTS (SELECT 1 FROM temp.fw_merge_stale s WHERE s.case_id = OLD.id"
                                      " AND s.item IS NULL)%s", others->str);
            }
          else
            when = g_strdup ("1");
          part = sqlite3_mprintf ("CREATE TEMP TRIGGER \"fw_merge_%w_%s\" BEFORE %s ON main.\"%w\" WHEN %s"
                                  " BEGIN SELECT RAISE(ABORT, 'fieldwork: not the author''s to change'); END;",
                                  t->name, ops[o], ops[o], t->name, when);
          g_string_append (sql, part);
          sqlite3_free (part);
        }
    }
  return fw_sync_exec (db, sql->str, error);
}

static void
drop_merge_triggers (sqlite3 *db)
{
  sqlite3_stmt *s = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (sqlite3_prepare_v2 (db, "SELECT name FROM temp.sqlite_schema WHERE type = 'trigger' AND name LIKE 'fw\\_merge\\_%' ESCAPE '\\';",
                          -1, &s, NULL) == SQLITE_OK)
    while (sqlite3_step (s) == SQLITE_ROW)
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (s, 0)));
  sqlite3_finalize (s);
  for (guint i = 0; i < names->len; i++)
    {
      char *sql = sqlite3_mprintf ("DROP TRIGGER temp.\"%w\";", (const char *) g_ptr_array_index (names, i));

      sqlite3_exec (db, sql, NULL, NULL, NULL);
      sqlite3_free (sql);
    }
  sqlite3_exec (db, "DROP TABLE IF EXISTS temp.fw_merge_author; DROP TABLE IF EXISTS temp.fw_merge_stale;",
                NULL, NULL, NULL);
}

static guint
count_changes (GBytes *changes, guint *audit)
{
  sqlite3_changeset_iter *it = NULL;
  guint n = 0;

  *audit = 0;
  if (sqlite3changeset_start (&it, (int) g_bytes_get_size (changes), (void *) g_bytes_get_data (changes, NULL)) != SQLITE_OK)
    return 0;
  while (sqlite3changeset_next (it) == SQLITE_ROW)
    {
      const char *name;
      int nc, op, indirect;

      sqlite3changeset_op (it, &name, &nc, &op, &indirect);
      if (strcmp (name, "audit") == 0)
        (*audit)++;
      else
        n++;
    }
  sqlite3changeset_finalize (it);
  return n;
}

static gboolean
merge_one (MergeContext *ctx, FwSyncFile *file, guint *changes, GError **error)
{
  sqlite3_stmt *s;
  g_autofree char *laptop = g_key_file_get_string (file->meta, "sync", "laptop", NULL);
  g_autofree char *now = fw_now_iso8601 ();
  gint64 seq = g_key_file_get_int64 (file->meta, "sync", "seq", NULL);
  guint total, audit;
  gint64 audit_before;
  int rc;

  ctx->author = file->inspector;
  ctx->return_id = file->id;
  ctx->known_max = fw_store_max_audit_id (ctx->store);
  ctx->skipped = ctx->audit_skipped = ctx->conflicts = 0;
  audit_before = ctx->known_max;
  ctx->audit_ids = index_audit (file->body);
  if ((s = fw_store_stmt (ctx->store, "DELETE FROM temp.fw_merge_author;", error)) == NULL
      || sqlite3_step (s) != SQLITE_DONE)
    return FALSE;
  sqlite3_reset (s);
  if ((s = fw_store_stmt (ctx->store, "INSERT INTO temp.fw_merge_author (author) VALUES (?1);", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, file->inspector, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (ctx->store, error, "merge");
  /* the records this return says nothing new about: the triggers refuse
   * their changes, so an older return cannot undo a newer one */
  if (!fw_sync_exec (ctx->db, "DELETE FROM temp.fw_merge_stale;", error))
    return FALSE;
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, ctx->audit_ids);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_auto(GStrv) parts = g_strsplit (key, "\x1f", 2);

        if (*parts[0] == '\0' || has_new_work (ctx, parts[0], *parts[1] ? parts[1] : NULL))
          continue;
        if ((s = fw_store_stmt (ctx->store, "INSERT OR IGNORE INTO temp.fw_merge_stale (case_id, item) VALUES (?1, ?2);",
                                error)) == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, parts[0], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (s, 2, *parts[1] ? parts[1] : NULL, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step (s);
        sqlite3_reset (s);
        if (rc != SQLITE_DONE)
          return fw_store_sql_error (ctx->store, error, "merge");
      }
  }
  total = count_changes (file->body, &audit);
  rc = sqlite3changeset_apply_v2 (ctx->db, (int) g_bytes_get_size (file->body), (void *) g_bytes_get_data (file->body, NULL),
                                  NULL, on_merge_conflict, ctx, NULL, NULL, 0);
  g_clear_pointer (&ctx->audit_ids, g_hash_table_unref);
  if (ctx->error)
    {
      g_set_error (error, ctx->error->domain, ctx->error->code, "%s: %s", file->path, ctx->error->message);
      g_clear_error (&ctx->error);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("%s: cannot merge it (%s)"), file->path,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  /* changes that changed something here: the audit rows aside, and what
   * was already here or became a conflict */
  (void) audit_before;
  *changes = total > ctx->skipped + ctx->conflicts ? total - ctx->skipped - ctx->conflicts : 0;
  if (*changes == 0 && ctx->conflicts == 0 && ctx->audit_skipped >= audit)
    goto seen;
  if ((s = fw_store_stmt (ctx->store, "INSERT OR IGNORE INTO sync_merged (id, inspection_id, inspector, laptop, seq,"
                                      " merged_at, changes, conflicts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, file->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, ctx->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, file->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, laptop ? laptop : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 5, seq);
  sqlite3_bind_text (s, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 7, (int) *changes);
  sqlite3_bind_int (s, 8, (int) ctx->conflicts);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (ctx->store, error, "merge");
  return TRUE;
seen:
  /* nothing new in it; still, the lead has seen it */
  if ((s = fw_store_stmt (ctx->store, "INSERT OR IGNORE INTO sync_merged (id, inspection_id, inspector, laptop, seq,"
                                      " merged_at, changes, conflicts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0);", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, file->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, ctx->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, file->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, laptop ? laptop : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 5, seq);
  sqlite3_bind_text (s, 6, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  return rc == SQLITE_DONE || fw_store_sql_error (ctx->store, error, "merge");
}

gboolean
fw_sync_merge (FwStore *store, const char *inspection_id, GPtrArray *returns, FwSyncProgressFunc progress,
               gpointer user_data, GCancellable *cancellable, FwSyncResult *result, GError **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  MergeContext ctx = { 0 };
  FwSyncResult total = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id && returns, FALSE);
  for (guint i = 0; i < returns->len; i++)
    {
      FwSyncFile *file = g_ptr_array_index (returns, i);

      if (file->kind != FW_SYNC_RETURN)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("%s: a package, not a return; open it on the inspector's laptop"), file->path);
          return FALSE;
        }
      if (strcmp (file->inspection_id, inspection_id) != 0)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("%s: a return of another inspection (%s), not of %s"), file->path,
                       file->inspection_id, inspection_id);
          return FALSE;
        }
    }
  if ((tables = fw_sync_list_tables (store->db, error)) == NULL)
    return FALSE;
  /* an automatic backup first (none inside a transaction of the caller's) */
  if (!fw_store_backup (store, NULL, error) || !fw_store_begin (store, error))
    return FALSE;
  fw_store_bulk_begin (store);
  if (!fw_sync_check_lead (store, inspection_id, _("merge returns"), error)
      || !fw_store_check_open (store, inspection_id, error)
      || !create_merge_triggers (store->db, tables, error))
    goto out;
  ctx.store = store;
  ctx.db = store->db;
  ctx.tables = tables;
  ctx.inspection_id = inspection_id;
  for (guint i = 0; i < returns->len; i++)
    {
      FwSyncFile *file = g_ptr_array_index (returns, i);
      guint changes = 0;
      guint before = ctx.new_conflicts;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress)
        {
          g_autofree char *what = g_strdup_printf (_("Merging the return of %s"), file->inspector);

          progress ((double) i / returns->len, what, user_data);
        }
      if (!merge_one (&ctx, file, &changes, error))
        goto out;
      total.changes += changes;
      (void) before;
    }
  total.conflicts = ctx.new_conflicts;
  drop_merge_triggers (store->db);
  if (total.changes > 0 || total.conflicts > 0)
    {
      g_autofree char *reason = g_strdup_printf ("%u changes merged, %u conflicts", total.changes, total.conflicts);

      if (!fw_store_audit (store, inspection_id, NULL, NULL, "sync", NULL, "merge", NULL, NULL, reason, error))
        goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  ok = fw_store_commit (store, error);
  if (ok && progress)
    progress (1.0, _("Merged"), user_data);
out:
  if (!ok && store->depth > 0)
    {
      drop_merge_triggers (store->db);
      fw_store_rollback (store);
    }
  if (ok && result)
    *result = total;
  return ok;
}
