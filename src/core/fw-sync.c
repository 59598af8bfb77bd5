/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"
/* Team fieldwork on SQLite's session extension.
 *
 * An image is an in-memory SQLite database with every table of the store
 * (sync_ tables aside), holding one slice of one inspection: the
 * inspection's row, its inspection-wide rows, a set of cases and every row
 * about those cases. Tables are found in the schema, not named here, so a
 * table added later travels too; a table is about an inspection when it
 * has an inspection_id column and about a case when it has case_id.
 *
 *   package  the lead's image for one inspector (their cases only; the
 *            lead-only tables empty)
 *   return   sqlite3session_diff from the laptop's baseline (the package
 *            it was opened from) to an image of the laptop now: everything
 *            done since the package, so returns are cumulative and merging
 *            an older one after a newer one changes nothing
 *   merge    sqlite3changeset_apply_v2 on the lead's database, in one
 *            transaction, with temporary triggers that refuse a change to
 *            a record the author does not own (SQLITE_CHANGESET_CONSTRAINT)
 *            and a conflict handler that tells already-merged changes
 *            (identical, or all their audit rows known) from new ones, and
 *            records conflicts: the lead's value stays, both are kept.
 */

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-sync-private.h"
#include "fw-crypt.h"
#include "fw-error.h"
#include "fw-store-backup.h"


/* What a laptop never gets: the lead's judgements of standards rated
 * without cases. */
static const char *lead_only_tables[] = { "judgement" };

/* What an inspector writes, in the cases allocated to them; kase's status
 * too (see the triggers), and audit rows of their own. */
static const char *inspector_tables[] = { "answer", "note_draft" };

static gboolean
in_list (const char *name, const char **list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
sync_table_free (SyncTable *t)
{
  g_free (t->name);
  g_free (t->create_sql);
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->pk);
  g_free (t);
}

gboolean
fw_sync_db_error (sqlite3 *db, const char *what, GError **error)
{
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
fw_sync_exec (sqlite3 *db, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s", msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static int
column_index (SyncTable *t, const char *name)
{
  for (guint i = 0; i < t->columns->len; i++)
    if (strcmp (g_ptr_array_index (t->columns, i), name) == 0)
      return (int) i;
  return -1;
}

/* The tables that travel, in the order images fill them (a case before
 * the rows about it). */
GPtrArray *
fw_sync_list_tables (sqlite3 *db, GError **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_table_free);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  sqlite3_stmt *s = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name, sql FROM main.sqlite_schema WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'sync\\_%' ESCAPE '\\'"
                              " ORDER BY name;", -1, &s, NULL) != SQLITE_OK)
    {
      fw_sync_db_error (db, "tables", error);
      return NULL;
    }
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      SyncTable *t = g_new0 (SyncTable, 1);
      g_autofree char *info = NULL;
      sqlite3_stmt *c = NULL;

      t->name = g_strdup ((const char *) sqlite3_column_text (s, 0));
      t->create_sql = g_strdup ((const char *) sqlite3_column_text (s, 1));
      t->columns = g_ptr_array_new_with_free_func (g_free);
      t->pk = g_ptr_array_new_with_free_func (g_free);
      info = sqlite3_mprintf ("PRAGMA main.table_info(\"%w\");", t->name);
      if (sqlite3_prepare_v2 (db, info, -1, &c, NULL) == SQLITE_OK)
        while (sqlite3_step (c) == SQLITE_ROW)
          {
            g_ptr_array_add (t->columns, g_strdup ((const char *) sqlite3_column_text (c, 1)));
            if (sqlite3_column_int (c, 5) > 0)
              g_ptr_array_add (t->pk, g_strdup ((const char *) sqlite3_column_text (c, 1)));
          }
      sqlite3_finalize (c);
      sqlite3_free (g_steal_pointer (&info));
      t->who_col = column_index (t, "who");
      t->case_col = column_index (t, "case_id");
      t->item_col = column_index (t, "item");
      t->value_col = column_index (t, "value");
      t->note_col = column_index (t, "note");
      t->at_col = column_index (t, "at");
      t->lead_only = in_list (t->name, lead_only_tables, G_N_ELEMENTS (lead_only_tables));
      t->inspector_owned = in_list (t->name, inspector_tables, G_N_ELEMENTS (inspector_tables));
      if (strcmp (t->name, "inspection") == 0)
        t->scope = SCOPE_INSPECTION_ROW;
      else if (strcmp (t->name, "kase") == 0)
        {
          t->scope = SCOPE_CASE_ROW;
          t->case_col = column_index (t, "id");
          t->value_col = column_index (t, "status");
        }
      else if (t->case_col >= 0)
        t->scope = SCOPE_CASE;
      else if (column_index (t, "inspection_id") >= 0)
        t->scope = SCOPE_INSPECTION;
      else
        {
          sync_table_free (t);   /* not about an inspection */
          continue;
        }
      g_ptr_array_add (t->scope == SCOPE_CASE ? rest : first, t);
    }
  sqlite3_finalize (s);
  /* inspection, kase, then the inspection-wide tables, then case rows */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < first->len; i++)
      {
        SyncTable *t = g_ptr_array_index (first, i);

        if ((pass == 0) == (t->scope != SCOPE_INSPECTION))
          g_ptr_array_add (tables, t);
      }
  for (guint i = 0; i < rest->len; i++)
    g_ptr_array_add (tables, g_ptr_array_index (rest, i));
  /* inspection before kase */
  if (tables->len >= 2 && ((SyncTable *) g_ptr_array_index (tables, 0))->scope == SCOPE_CASE_ROW)
    {
      gpointer tmp = tables->pdata[0];
      tables->pdata[0] = tables->pdata[1];
      tables->pdata[1] = tmp;
    }
  return g_steal_pointer (&tables);
}

SyncTable *
fw_sync_find_table (GPtrArray *tables, const char *name)
{
  for (guint i = 0; i < tables->len; i++)
    if (strcmp (((SyncTable *) g_ptr_array_index (tables, i))->name, name) == 0)
      return g_ptr_array_index (tables, i);
  return NULL;
}

/* ---------------------------------------------------------------- images */
gboolean
fw_sync_attach_memory (sqlite3 *db, const char *alias, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("ATTACH ':memory:' AS %s;", alias);

  return fw_sync_exec (db, sql, error);
}

void
fw_sync_detach (sqlite3 *db, const char *alias)
{
  g_autofree char *sql = g_strdup_printf ("DETACH %s;", alias);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Images carry data only: their tables have no foreign keys (a slice
 * holds rows whose parents it may not hold). */
gboolean
fw_sync_create_tables (sqlite3 *db, const char *alias, GPtrArray *tables, GError **error)
{
  g_autoptr(GRegex) references = g_regex_new ("\\s+REFERENCES\\s+[^\\s(]+\\s*\\([^)]*\\)", G_REGEX_CASELESS, 0, NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      g_autofree char *body = g_regex_replace_literal (references, strchr (t->create_sql, '('), -1, 0, "", 0, NULL);
      char *sql = sqlite3_mprintf ("CREATE TABLE %s.\"%w\" %s;", alias, t->name, body);
      gboolean ok = fw_sync_exec (db, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Copies one slice of the inspection into the image alias: the cases of
 * inspector (NULL: every case), and everything about them. */
gboolean
fw_sync_extract (sqlite3 *db, const char *alias, GPtrArray *tables, const char *inspection_id,
         const char *inspector, gboolean with_lead_only, guint *n_cases, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      sqlite3_stmt *s = NULL;
      char *sql;
      int rc;

      if (t->lead_only && !with_lead_only)
        continue;
      switch (t->scope)
        {
        case SCOPE_INSPECTION_ROW:
          sql = sqlite3_mprintf ("INSERT INTO %s.\"%w\" SELECT * FROM main.\"%w\" WHERE id = ?1;", alias, t->name, t->name);
          break;
        case SCOPE_CASE_ROW:
          sql = sqlite3_mprintf ("INSERT INTO %s.\"%w\" SELECT * FROM main.\"%w\" WHERE inspection_id = ?1"
                                 " AND (?2 IS NULL OR inspector = ?2);", alias, t->name, t->name);
          break;
        case SCOPE_INSPECTION:
          sql = sqlite3_mprintf ("INSERT INTO %s.\"%w\" SELECT * FROM main.\"%w\" WHERE inspection_id = ?1;",
                                 alias, t->name, t->name);
          break;
        case SCOPE_CASE:
        default:
          sql = sqlite3_mprintf ("INSERT INTO %s.\"%w\" SELECT * FROM main.\"%w\""
                                 " WHERE case_id IN (SELECT id FROM %s.kase);", alias, t->name, t->name, alias);
          break;
        }
      rc = sqlite3_prepare_v2 (db, sql, -1, &s, NULL);
      sqlite3_free (sql);
      if (rc != SQLITE_OK)
        return fw_sync_db_error (db, "image", error);
      if (sqlite3_bind_parameter_count (s) >= 1)
        sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (s) >= 2)
        sqlite3_bind_text (s, 2, inspector, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (s);
      sqlite3_finalize (s);
      if (rc != SQLITE_DONE)
        return fw_sync_db_error (db, "image", error);
      if (t->scope == SCOPE_CASE_ROW && n_cases)
        *n_cases = (guint) sqlite3_changes (db);
    }
  return TRUE;
}

GBytes *
fw_sync_serialize (sqlite3 *db, const char *alias)
{
  sqlite3_int64 size = 0;
  unsigned char *data = sqlite3_serialize (db, alias, &size, 0);

  if (data == NULL)
    return NULL;
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

/* sqlite3_serialize () of an image read with sqlite3_deserialize () gives
 * its committed content only: an image changed inside the transaction is
 * copied into fw_out (a plain in-memory database, attached beforehand) and
 * that is serialized. */
GBytes *
fw_sync_serialize_copy (sqlite3 *db, const char *alias, GPtrArray *tables, GError **error)
{
  GBytes *out;

  if (!fw_sync_create_tables (db, "fw_out", tables, error))
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      char *sql = sqlite3_mprintf ("INSERT INTO fw_out.\"%w\" SELECT * FROM %s.\"%w\";", t->name, alias, t->name);
      gboolean ok = fw_sync_exec (db, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return NULL;
    }
  if ((out = fw_sync_serialize (db, "fw_out")) == NULL)
    fw_sync_db_error (db, "image", error);
  return out;
}

/* An image from a file or the database, attached as alias; it may hold
 * tables and their indexes only. */
gboolean
fw_sync_attach_image (sqlite3 *db, const char *alias, GBytes *image, const char *path, GError **error)
{
  gsize size;
  const void *data = g_bytes_get_data (image, &size);
  unsigned char *copy;
  char *sql;
  sqlite3_stmt *s = NULL;
  gboolean ok = FALSE;

  if (!fw_sync_attach_memory (db, alias, error))
    return FALSE;
  copy = sqlite3_malloc64 (MAX (size, 1));
  if (copy == NULL)
    {
      fw_sync_detach (db, alias);
      g_set_error_literal (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "out of memory");
      return FALSE;
    }
  memcpy (copy, data, size);
  if (sqlite3_deserialize (db, alias, copy, size, size,
                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
    goto out;
  sql = sqlite3_mprintf ("SELECT count(*) FROM %s.sqlite_schema WHERE type NOT IN ('table', 'index');", alias);
  if (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step (s) == SQLITE_ROW
      && sqlite3_column_int (s, 0) == 0)
    ok = TRUE;
  sqlite3_free (sql);
  sqlite3_finalize (s);
out:
  if (!ok)
    {
      fw_sync_detach (db, alias);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: the data in it is not a Fieldwork inspection"), path);
    }
  return ok;
}

/* The changes that make image from into image to, table by table (cases
 * last, so that the rows about a case go before it). */
GBytes *
fw_sync_diff_images (sqlite3 *db, const char *from, const char *to, GPtrArray *tables, GError **error)
{
  sqlite3_session *session = NULL;
  void *data = NULL;
  int size = 0;

  if (sqlite3session_create (db, to, &session) != SQLITE_OK)
    {
      fw_sync_db_error (db, "session", error);
      return NULL;
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < tables->len; i++)
      {
        SyncTable *t = g_ptr_array_index (tables, i);
        char *msg = NULL;

        if ((pass == 1) != (t->scope == SCOPE_CASE_ROW))
          continue;
        if (sqlite3session_attach (session, t->name) != SQLITE_OK
            || sqlite3session_diff (session, from, t->name, &msg) != SQLITE_OK)
          {
            g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "diff %s: %s", t->name,
                         msg ? msg : sqlite3_errmsg (db));
            sqlite3_free (msg);
            sqlite3session_delete (session);
            return NULL;
          }
      }
  if (sqlite3session_changeset (session, &size, &data) != SQLITE_OK)
    {
      sqlite3session_delete (session);
      fw_sync_db_error (db, "changeset", error);
      return NULL;
    }
  sqlite3session_delete (session);
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

/* ---------------------------------------------------------------- files */

void
fw_sync_file_free (FwSyncFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_clear_pointer (&file->meta, g_key_file_unref);
  g_free (file->inspection_id);
  g_free (file->inspector);
  g_free (file->id);
  g_clear_pointer (&file->body, g_bytes_unref);
  g_free (file);
}

FwSyncKind  fw_sync_file_get_kind (FwSyncFile *file) { return file->kind; }
const char *fw_sync_file_get_path (FwSyncFile *file) { return file->path; }
const char *fw_sync_file_get_inspection (FwSyncFile *file) { return file->inspection_id; }
const char *fw_sync_file_get_inspector (FwSyncFile *file) { return file->inspector; }
GBytes     *fw_sync_file_get_body (FwSyncFile *file) { return file->body; }
gboolean
fw_sync_write_sealed (const char *path, GKeyFile *meta, GBytes *body, const char *passphrase, GError **error)
{
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  g_autofree char *text = NULL;
  g_autoptr(GBytes) plain_bytes = NULL, sealed = NULL;
  gsize text_length, body_length;
  const guint8 *body_data = g_bytes_get_data (body, &body_length);
  guint8 length[4];

  text = g_key_file_to_data (meta, &text_length, NULL);
  length[0] = (text_length >> 24) & 0xff;
  length[1] = (text_length >> 16) & 0xff;
  length[2] = (text_length >> 8) & 0xff;
  length[3] = text_length & 0xff;
  g_byte_array_append (plain, (const guint8 *) PAYLOAD_MAGIC, strlen (PAYLOAD_MAGIC));
  g_byte_array_append (plain, length, 4);
  g_byte_array_append (plain, (const guint8 *) text, text_length);
  g_byte_array_append (plain, body_data, body_length);
  plain_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&plain));
  if ((sealed = fw_crypt_seal (plain_bytes, passphrase, error)) == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

FwSyncFile *
fw_sync_file_read (const char *path, const char *passphrase, GError **error)
{
  g_autoptr(FwSyncFile) file = g_new0 (FwSyncFile, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) sealed = NULL, plain = NULL;
  g_autofree char *kind = NULL;
  const guint8 *data;
  gsize length, contents_length, meta_length, magic = strlen (PAYLOAD_MAGIC);
  int schema;

  g_return_val_if_fail (path != NULL && passphrase != NULL, NULL);
  if (!g_file_get_contents (path, &contents, &contents_length, error))
    return NULL;
  sealed = g_bytes_new_take (g_steal_pointer (&contents), contents_length);
  if ((plain = fw_crypt_open (sealed, passphrase, path, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (plain, &length);
  file->path = g_strdup (path);
  file->meta = g_key_file_new ();
  if (length < magic + 4 || memcmp (data, PAYLOAD_MAGIC, magic) != 0
      || (meta_length = ((gsize) data[magic] << 24) | (data[magic + 1] << 16) | (data[magic + 2] << 8) | data[magic + 3])
         > length - magic - 4
      || !g_key_file_load_from_data (file->meta, (const char *) data + magic + 4, meta_length, 0, NULL))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: not a Fieldwork package or return"), path);
      return NULL;
    }
  schema = g_key_file_get_integer (file->meta, "sync", "schema", NULL);
  if (schema != FW_STORE_VERSION)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: made by a Fieldwork with database version %d, and this one has version %d; "
                     "use the same version of Fieldwork on every laptop"), path, schema, FW_STORE_VERSION);
      return NULL;
    }
  kind = g_key_file_get_string (file->meta, "sync", "kind", NULL);
  file->inspection_id = g_key_file_get_string (file->meta, "sync", "inspection", NULL);
  file->inspector = g_key_file_get_string (file->meta, "sync", "inspector", NULL);
  file->id = g_key_file_get_string (file->meta, "sync", "id", NULL);
  if (kind == NULL || file->inspection_id == NULL || file->inspector == NULL || file->id == NULL
      || (strcmp (kind, "package") != 0 && strcmp (kind, "return") != 0))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: not a Fieldwork package or return"), path);
      return NULL;
    }
  file->kind = strcmp (kind, "package") == 0 ? FW_SYNC_PACKAGE : FW_SYNC_RETURN;
  file->body = g_bytes_new_from_bytes (plain, magic + 4 + meta_length, length - magic - 4 - meta_length);
  if (file->kind == FW_SYNC_RETURN && !fw_sync_changeset_check (file->body, path, error))
    return NULL;
  return g_steal_pointer (&file);
}

GKeyFile *
fw_sync_new_meta (const char *kind, const char *inspection_id, const char *inspector, const char *id)
{
  GKeyFile *meta = g_key_file_new ();
  g_autofree char *now = fw_now_iso8601 ();

  g_key_file_set_string (meta, "sync", "kind", kind);
  g_key_file_set_integer (meta, "sync", "schema", FW_STORE_VERSION);
  g_key_file_set_string (meta, "sync", "inspection", inspection_id);
  g_key_file_set_string (meta, "sync", "inspector", inspector);
  g_key_file_set_string (meta, "sync", "id", id);
  g_key_file_set_string (meta, "sync", "made-at", now);
  return meta;
}

/* ---------------------------------------------------------------- values */
gboolean
fw_sync_values_equal (sqlite3_value *a, sqlite3_value *b)
{
  int type;

  if (a == NULL || b == NULL)
    return a == b;
  type = sqlite3_value_type (a);
  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    default:
      {
        int n = sqlite3_value_bytes (a);
        const void *pa = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (a) : sqlite3_value_blob (a);
        const void *pb = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (b) : sqlite3_value_blob (b);

        return n == sqlite3_value_bytes (b) && (n == 0 || memcmp (pa, pb, n) == 0);
      }
    }
}

static void
append_json_value (GString *out, sqlite3_value *v)
{
  switch (v ? sqlite3_value_type (v) : SQLITE_NULL)
    {
    case SQLITE_NULL:
      g_string_append (out, "null");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (v));
      break;
    case SQLITE_FLOAT:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (out, g_ascii_dtostr (buf, sizeof buf, sqlite3_value_double (v)));
      }
      break;
    case SQLITE_BLOB:
      {
        const guint8 *p = sqlite3_value_blob (v);

        g_string_append_c (out, '"');
        for (int i = 0; i < sqlite3_value_bytes (v); i++)
          g_string_append_printf (out, "%02x", p[i]);
        g_string_append_c (out, '"');
      }
      break;
    default:
      {
        const char *p = (const char *) sqlite3_value_text (v);

        g_string_append_c (out, '"');
        for (; *p; p++)
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
      break;
    }
}

/* The value of column i in a change: the new one, else the old. */
sqlite3_value *
fw_sync_change_value (sqlite3_changeset_iter *it, int op, int i)
{
  sqlite3_value *v = NULL;

  if (op != SQLITE_DELETE)
    sqlite3changeset_new (it, i, &v);
  if (v == NULL && op != SQLITE_INSERT)
    sqlite3changeset_old (it, i, &v);
  return v;
}

char *
fw_sync_value_dup (sqlite3_value *v)
{
  const unsigned char *text = v && sqlite3_value_type (v) != SQLITE_NULL ? sqlite3_value_text (v) : NULL;

  return text ? g_strdup ((const char *) text) : NULL;
}

/* JSON array of the primary key's values. */
char *
fw_sync_row_key (sqlite3_changeset_iter *it, int op)
{
  unsigned char *pk = NULL;
  int n = 0;
  GString *out = g_string_new ("[");
  gboolean first = TRUE;

  sqlite3changeset_pk (it, &pk, &n);
  for (int i = 0; i < n; i++)
    if (pk[i])
      {
        if (!first)
          g_string_append_c (out, ',');
        first = FALSE;
        append_json_value (out, fw_sync_change_value (it, op, i));
      }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* WHERE clause matching the change's primary key, binding from ?1. */
static char *
pk_where (SyncTable *t, sqlite3_changeset_iter *it, const char *alias)
{
  unsigned char *pk = NULL;
  int n = 0;
  GString *out = g_string_new (NULL);
  guint bound = 0;

  sqlite3changeset_pk (it, &pk, &n);
  for (int i = 0; i < n && i < (int) t->columns->len; i++)
    if (pk[i])
      {
        char *part = sqlite3_mprintf ("%s%s\"%w\" IS ?%u", bound ? " AND " : "", alias ? "" : "",
                                      (const char *) g_ptr_array_index (t->columns, i), bound + 1);
        g_string_append (out, part);
        sqlite3_free (part);
        bound++;
      }
  return g_string_free (out, FALSE);
}

static void
bind_pk (sqlite3_stmt *s, sqlite3_changeset_iter *it, int op)
{
  unsigned char *pk = NULL;
  int n = 0, bound = 0;

  sqlite3changeset_pk (it, &pk, &n);
  for (int i = 0; i < n; i++)
    if (pk[i])
      sqlite3_bind_value (s, ++bound, fw_sync_change_value (it, op, i));
}

/* The row in main with the change's key, as a JSON object; NULL if none. */
char *
fw_sync_current_row_json (sqlite3 *db, SyncTable *t, sqlite3_changeset_iter *it, int op)
{
  g_autofree char *where = pk_where (t, it, NULL);
  g_autoptr(GString) cols = g_string_new (NULL);
  sqlite3_stmt *s = NULL;
  char *sql, *out = NULL;

  for (guint i = 0; i < t->columns->len; i++)
    {
      const char *c = g_ptr_array_index (t->columns, i);

      char *part = sqlite3_mprintf ("%s'%q', CASE typeof(\"%w\") WHEN 'blob' THEN hex(\"%w\") ELSE \"%w\" END",
                                    i ? ", " : "", c, c, c, c);
      g_string_append (cols, part);
      sqlite3_free (part);
    }
  sql = sqlite3_mprintf ("SELECT json_object(%s) FROM main.\"%w\" WHERE %s;", cols->str, t->name, where);
  if (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK)
    {
      bind_pk (s, it, op);
      if (sqlite3_step (s) == SQLITE_ROW)
        out = g_strdup ((const char *) sqlite3_column_text (s, 0));
    }
  sqlite3_finalize (s);
  sqlite3_free (sql);
  return out;
}

/* The inspector's row: the change's new values over the lead's row. */
char *
fw_sync_inspector_row_json (sqlite3 *db, SyncTable *t, sqlite3_changeset_iter *it, int op, const char *lead_row)
{
  g_autoptr(GString) delta = g_string_new ("{");
  sqlite3_stmt *s = NULL;
  char *out = NULL;
  int n = 0;

  if (op == SQLITE_DELETE)
    return NULL;
  const char *name;
  int op_unused, indirect;

  sqlite3changeset_op (it, &name, &n, &op_unused, &indirect);
  for (int i = 0; i < n && i < (int) t->columns->len; i++)
    {
      sqlite3_value *v = NULL;

      sqlite3changeset_new (it, i, &v);
      if (v == NULL && op == SQLITE_UPDATE)
        sqlite3changeset_old (it, i, &v);   /* the key */
      if (v == NULL)
        continue;
      if (delta->len > 1)
        g_string_append_c (delta, ',');
      g_string_append_printf (delta, "\"%s\":", (const char *) g_ptr_array_index (t->columns, i));
      append_json_value (delta, v);
    }
  g_string_append_c (delta, '}');
  if (lead_row == NULL)
    return g_strdup (delta->str);
  /* json_patch would drop the keys whose new value is null */
  if (sqlite3_prepare_v2 (db, "SELECT json_set(?1, '$', json(?1)) , (SELECT json_group_object(key, value)"
                              " FROM (SELECT key, value FROM json_each(?1) WHERE key NOT IN"
                              " (SELECT key FROM json_each(?2)) UNION ALL SELECT key, value FROM json_each(?2)));",
                          -1, &s, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (s, 1, lead_row, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, delta->str, -1, SQLITE_STATIC);
      if (sqlite3_step (s) == SQLITE_ROW)
        out = g_strdup ((const char *) sqlite3_column_text (s, 1));
    }
  sqlite3_finalize (s);
  return out ? out : g_strdup (delta->str);
}

char *
fw_sync_json_field (sqlite3 *db, const char *json, const char *field)
{
  sqlite3_stmt *s = NULL;
  char *out = NULL, *path;

  if (json == NULL)
    return NULL;
  path = g_strdup_printf ("$.\"%s\"", field);
  if (sqlite3_prepare_v2 (db, "SELECT json_extract(?1, ?2);", -1, &s, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (s, 1, json, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, path, -1, SQLITE_STATIC);
      if (sqlite3_step (s) == SQLITE_ROW && sqlite3_column_type (s, 0) != SQLITE_NULL)
        out = g_strdup ((const char *) sqlite3_column_text (s, 0));
    }
  sqlite3_finalize (s);
  g_free (path);
  return out;
}

/* ---------------------------------------------------------------- allocation */
typedef struct {
  const char         *inspection_id;
  const char * const *case_ids;
  const char         *inspector;
} Allocate;

static gboolean
allocate (FwStore *store, gpointer data, GError **error)
{
  Allocate *a = data;

  if (!fw_store_check_open (store, a->inspection_id, error)
      || !fw_store_check_role (store, a->inspection_id, FW_ROLE_LEAD, _("allocate cases"), error))
    return FALSE;
  for (guint i = 0; a->case_ids[i]; i++)
    {
      sqlite3_stmt *s = fw_store_stmt (store, "SELECT inspector FROM kase WHERE id = ?1 AND inspection_id = ?2;", error);
      g_autofree char *old = NULL;
      gboolean found;

      if (s == NULL)
        return FALSE;
      sqlite3_bind_text (s, 1, a->case_ids[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, a->inspection_id, -1, SQLITE_TRANSIENT);
      found = sqlite3_step (s) == SQLITE_ROW;
      if (found)
        old = fw_column_dup (s, 0);
      sqlite3_reset (s);
      if (!found)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("no case with id “%s”"), a->case_ids[i]);
          return FALSE;
        }
      if (g_strcmp0 (old, a->inspector) == 0)
        continue;
      if ((s = fw_store_stmt (store, "UPDATE kase SET inspector = ?2 WHERE id = ?1;", error)) == NULL)
        return FALSE;
      sqlite3_bind_text (s, 1, a->case_ids[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, a->inspector, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          sqlite3_reset (s);
          return fw_store_sql_error (store, error, "allocate");
        }
      sqlite3_reset (s);
      if (!fw_store_audit (store, a->inspection_id, a->case_ids[i], NULL, "allocate", old, a->inspector,
                           NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
fw_sync_allocate (FwStore *store, const char *inspection_id, const char * const *case_ids,
                  const char *inspector, GError **error)
{
  Allocate a = { inspection_id, case_ids, inspector && *inspector ? inspector : NULL };

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id && case_ids, FALSE);
  return fw_store_write (store, allocate, &a, error);
}

FwRole
fw_sync_get_role (FwStore *store, const char *inspection_id, char **inspector)
{
  const char *who = NULL;
  FwRole role;

  g_return_val_if_fail (FW_IS_STORE (store) && inspection_id, FW_ROLE_LEAD);
  role = fw_store_role_for (store, inspection_id, &who);
  if (inspector)
    *inspector = role == FW_ROLE_INSPECTOR ? g_strdup (who) : NULL;
  return role;
}
