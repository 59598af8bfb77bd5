/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"
/* Team sync: a laptop writes its return (everything since the package). */

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-sync-private.h"
#include "fw-crypt.h"
#include "fw-error.h"
#include "fw-store-backup.h"

/* ---------------------------------------------------------------- reading */

/* SQLite's varint: 7 bits a byte, high bit set on all but the last, the
 * ninth byte whole. FALSE past the end. */
static gboolean
read_varint (const guint8 *p, gsize length, gsize *pos, guint64 *value)
{
  guint64 v = 0;

  for (int i = 0; i < 9; i++)
    {
      if (*pos >= length)
        return FALSE;
      if (i == 8)
        {
          *value = (v << 8) | p[(*pos)++];
          return TRUE;
        }
      v = (v << 7) | (p[*pos] & 0x7f);
      if ((p[(*pos)++] & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

/* One record of n values: a type byte each (0 undefined, 1 integer, 2 real,
 * 3 text, 4 blob, 5 null) and its bytes. */
static gboolean
read_record (const guint8 *p, gsize length, gsize *pos, guint64 n)
{
  for (guint64 i = 0; i < n; i++)
    {
      guint64 size;

      if (*pos >= length)
        return FALSE;
      switch (p[(*pos)++])
        {
        case 0:
        case 5:
          break;
        case 1:
        case 2:
          if (length - *pos < 8)
            return FALSE;
          *pos += 8;
          break;
        case 3:
        case 4:
          if (!read_varint (p, length, pos, &size) || size > length - *pos)
            return FALSE;
          *pos += size;
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* A return's changeset, walked through before SQLite reads it: table
 * headers ('T', the column count, the key flags, the name ending in a NUL)
 * and changes (INSERT, DELETE or UPDATE, the indirect flag, one record or,
 * for an UPDATE, two) that end where the changeset ends. SQLite's own
 * reader takes some damaged changesets for ever. */
gboolean
fw_sync_changeset_check (GBytes *changes, const char *path, GError **error)
{
  gsize length, pos = 0;
  const guint8 *p = g_bytes_get_data (changes, &length);
  guint64 n_columns = 0;
  guint8 op;

  while (pos < length)
    {
      if (p[pos] == 'T')
        {
          const guint8 *end;

          pos++;
          if (!read_varint (p, length, &pos, &n_columns) || n_columns == 0 || n_columns > length - pos)
            break;
          pos += n_columns;
          if (pos >= length || p[pos] == '\0' || (end = memchr (p + pos, '\0', length - pos)) == NULL)
            break;
          pos = end - p + 1;
          continue;
        }
      if (n_columns == 0 || length - pos < 2
          || (p[pos] != SQLITE_INSERT && p[pos] != SQLITE_DELETE && p[pos] != SQLITE_UPDATE) || p[pos + 1] > 1)
        break;
      op = p[pos];
      pos += 2;
      if (!read_record (p, length, &pos, n_columns)
          || (op == SQLITE_UPDATE && !read_record (p, length, &pos, n_columns)))
        break;
    }
  if (pos == length)
    return TRUE;
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
               _("%s: not a Fieldwork package or return"), path);
  return FALSE;
}

/* ---------------------------------------------------------------- return */
gboolean
fw_sync_write_return (FwStore *store, const char *inspection_id, const char *path, const char *passphrase,
                      guint *n_changes, GError **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GBytes) base = NULL, changes = NULL, image = NULL, returned = NULL, sent = NULL;
  g_autoptr(GKeyFile) meta = NULL;
  g_autofree char *inspector = NULL, *laptop = NULL, *package_id = NULL, *now = fw_now_iso8601 ();
  g_autofree char *id = g_uuid_string_random ();
  gint64 seq = 0;
  sqlite3_stmt *s;
  gboolean ok = FALSE;

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id && path && passphrase, FALSE);
  db = store->db;
  if ((s = fw_store_stmt (store, "SELECT inspector, laptop, package, return_seq FROM sync_state"
                                 " WHERE inspection_id = ?1 AND role = 'inspector';", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      inspector = fw_column_dup (s, 0);
      laptop = fw_column_dup (s, 1);
      package_id = fw_column_dup (s, 2);
      seq = sqlite3_column_int64 (s, 3) + 1;
    }
  sqlite3_reset (s);
  if (inspector == NULL)
    {
      g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (store, inspection_id, error);

      if (info != NULL)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED,
                     _("%s: this inspection was not opened from a package; only an inspector's laptop "
                       "writes a return"), fw_store_get_path (store));
      return FALSE;
    }
  if ((base = fw_sync_sync_blob (store, "SELECT baseline FROM sync_state WHERE inspection_id = ?1 AND ?2 = ?2;",
                         inspection_id, 0)) == NULL
      || (tables = fw_sync_list_tables (db, error)) == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                     _("%s: this laptop has lost the package it was opened from"), fw_store_get_path (store));
      return FALSE;
    }
  returned = fw_sync_sync_blob (store, "SELECT image FROM sync_return WHERE inspection_id = ?1 AND seq = ?2;",
                        inspection_id, 0);
  if (!fw_sync_attach_image (db, "fw_base", base, fw_store_get_path (store), error))
    return FALSE;
  if (!fw_sync_attach_memory (db, "fw_cur", error))
    {
      fw_sync_detach (db, "fw_base");
      return FALSE;
    }
  if (returned ? !fw_sync_attach_image (db, "fw_sent", returned, fw_store_get_path (store), error)
               : !fw_sync_attach_memory (db, "fw_sent", error))
    {
      fw_sync_detach (db, "fw_cur");
      fw_sync_detach (db, "fw_base");
      return FALSE;
    }
  if (!fw_sync_attach_memory (db, "fw_out", error))
    {
      fw_sync_detach (db, "fw_sent");
      fw_sync_detach (db, "fw_cur");
      fw_sync_detach (db, "fw_base");
      return FALSE;
    }
  if (!fw_store_begin (store, error))
    goto out_detach;
  if (!fw_sync_create_tables (db, "fw_cur", tables, error)
      || (returned == NULL && !fw_sync_create_tables (db, "fw_sent", tables, error))
      || !fw_sync_extract (db, "fw_cur", tables, inspection_id, NULL, FALSE, NULL, error)
      || !fw_sync_add_sent_rows (db, tables, error)
      || (changes = fw_sync_diff_images (db, "fw_base", "fw_cur", tables, error)) == NULL
      || (image = fw_sync_serialize (db, "fw_cur")) == NULL
      || !fw_sync_update_sent (db, tables, error)
      || (sent = fw_sync_serialize_copy (db, "fw_sent", tables, error)) == NULL)
    goto out;
  if ((s = fw_store_stmt (store, "INSERT OR REPLACE INTO sync_return (inspection_id, seq, made_at, image)"
                                 " VALUES (?1, 0, ?2, ?3);", error)) == NULL)
    goto out;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (s, 3, g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      fw_store_sql_error (store, error, "return");
      goto out;
    }
  sqlite3_reset (s);
  if (n_changes)
    {
      sqlite3_changeset_iter *it = NULL;

      *n_changes = 0;
      if (sqlite3changeset_start (&it, (int) g_bytes_get_size (changes), (void *) g_bytes_get_data (changes, NULL)) == SQLITE_OK)
        {
          const char *name;
          int n, op, indirect;

          while (sqlite3changeset_next (it) == SQLITE_ROW)
            if (sqlite3changeset_op (it, &name, &n, &op, &indirect) == SQLITE_OK && strcmp (name, "audit") != 0)
              (*n_changes)++;
          sqlite3changeset_finalize (it);
        }
    }
  if ((s = fw_store_stmt (store, "INSERT OR REPLACE INTO sync_return (inspection_id, seq, made_at, image)"
                                 " VALUES (?1, ?2, ?3, ?4);", error)) == NULL)
    goto out;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 2, seq);
  sqlite3_bind_text (s, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (s, 4, g_bytes_get_data (image, NULL), g_bytes_get_size (image), SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      fw_store_sql_error (store, error, "return");
      goto out;
    }
  sqlite3_reset (s);
  if ((s = fw_store_stmt (store, "UPDATE sync_state SET return_seq = ?2 WHERE inspection_id = ?1;", error)) == NULL)
    goto out;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 2, seq);
  sqlite3_step (s);
  sqlite3_reset (s);
  meta = fw_sync_new_meta ("return", inspection_id, inspector, id);
  g_key_file_set_string (meta, "sync", "laptop", laptop);
  g_key_file_set_int64 (meta, "sync", "seq", seq);
  g_key_file_set_string (meta, "sync", "package", package_id);
  if (!fw_sync_write_sealed (path, meta, changes, passphrase, error))
    goto out;
  ok = fw_store_commit (store, error);
out:
  if (!ok && store->depth > 0)
    fw_store_rollback (store);
out_detach:
  fw_sync_detach (db, "fw_out");
  fw_sync_detach (db, "fw_sent");
  fw_sync_detach (db, "fw_cur");
  fw_sync_detach (db, "fw_base");
  return ok;
}
