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

#include "fw-sync.h"
#include "fw-crypt.h"
#include "fw-error.h"
#include "fw-store-backup.h"
#include "fw-store-private.h"

#define PAYLOAD_MAGIC "FWSYNC1\n"

typedef enum {
  SCOPE_INSPECTION_ROW,   /* the inspection table */
  SCOPE_CASE_ROW,         /* kase */
  SCOPE_CASE,             /* rows about a case (case_id) */
  SCOPE_INSPECTION,       /* rows about the inspection (inspection_id) */
} Scope;

typedef struct {
  char      *name;
  char      *create_sql;
  GPtrArray *columns;
  GPtrArray *pk;               /* the key's columns */
  Scope      scope;

  gboolean   lead_only;        /* not in packages */
  gboolean   inspector_owned;  /* rows an inspector writes in their own cases */
  int        who_col, case_col, item_col, value_col, note_col, at_col;
} SyncTable;

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

static gboolean
db_error (sqlite3 *db, const char *what, GError **error)
{
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
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
static GPtrArray *
list_tables (sqlite3 *db, GError **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_table_free);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  sqlite3_stmt *s = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name, sql FROM main.sqlite_schema WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'sync\\_%' ESCAPE '\\'"
                              " ORDER BY name;", -1, &s, NULL) != SQLITE_OK)
    {
      db_error (db, "tables", error);
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

static SyncTable *
find_table (GPtrArray *tables, const char *name)
{
  for (guint i = 0; i < tables->len; i++)
    if (strcmp (((SyncTable *) g_ptr_array_index (tables, i))->name, name) == 0)
      return g_ptr_array_index (tables, i);
  return NULL;
}

/* ---------------------------------------------------------------- images */
static gboolean
attach_memory (sqlite3 *db, const char *alias, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("ATTACH ':memory:' AS %s;", alias);

  return exec (db, sql, error);
}

static void
detach (sqlite3 *db, const char *alias)
{
  g_autofree char *sql = g_strdup_printf ("DETACH %s;", alias);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Images carry data only: their tables have no foreign keys (a slice
 * holds rows whose parents it may not hold). */
static gboolean
create_tables (sqlite3 *db, const char *alias, GPtrArray *tables, GError **error)
{
  g_autoptr(GRegex) references = g_regex_new ("\\s+REFERENCES\\s+[^\\s(]+\\s*\\([^)]*\\)", G_REGEX_CASELESS, 0, NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      g_autofree char *body = g_regex_replace_literal (references, strchr (t->create_sql, '('), -1, 0, "", 0, NULL);
      char *sql = sqlite3_mprintf ("CREATE TABLE %s.\"%w\" %s;", alias, t->name, body);
      gboolean ok = exec (db, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Copies one slice of the inspection into the image alias: the cases of
 * inspector (NULL: every case), and everything about them. */
static gboolean
extract (sqlite3 *db, const char *alias, GPtrArray *tables, const char *inspection_id,
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
        return db_error (db, "image", error);
      if (sqlite3_bind_parameter_count (s) >= 1)
        sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (s) >= 2)
        sqlite3_bind_text (s, 2, inspector, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (s);
      sqlite3_finalize (s);
      if (rc != SQLITE_DONE)
        return db_error (db, "image", error);
      if (t->scope == SCOPE_CASE_ROW && n_cases)
        *n_cases = (guint) sqlite3_changes (db);
    }
  return TRUE;
}

static GBytes *
serialize (sqlite3 *db, const char *alias)
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
static GBytes *
serialize_copy (sqlite3 *db, const char *alias, GPtrArray *tables, GError **error)
{
  GBytes *out;

  if (!create_tables (db, "fw_out", tables, error))
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      char *sql = sqlite3_mprintf ("INSERT INTO fw_out.\"%w\" SELECT * FROM %s.\"%w\";", t->name, alias, t->name);
      gboolean ok = exec (db, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return NULL;
    }
  if ((out = serialize (db, "fw_out")) == NULL)
    db_error (db, "image", error);
  return out;
}

/* An image from a file or the database, attached as alias; it may hold
 * tables and their indexes only. */
static gboolean
attach_image (sqlite3 *db, const char *alias, GBytes *image, const char *path, GError **error)
{
  gsize size;
  const void *data = g_bytes_get_data (image, &size);
  unsigned char *copy;
  char *sql;
  sqlite3_stmt *s = NULL;
  gboolean ok = FALSE;

  if (!attach_memory (db, alias, error))
    return FALSE;
  copy = sqlite3_malloc64 (MAX (size, 1));
  if (copy == NULL)
    {
      detach (db, alias);
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
      detach (db, alias);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: the data in it is not a Fieldwork inspection"), path);
    }
  return ok;
}

/* The changes that make image from into image to, table by table (cases
 * last, so that the rows about a case go before it). */
static GBytes *
diff_images (sqlite3 *db, const char *from, const char *to, GPtrArray *tables, GError **error)
{
  sqlite3_session *session = NULL;
  void *data = NULL;
  int size = 0;

  if (sqlite3session_create (db, to, &session) != SQLITE_OK)
    {
      db_error (db, "session", error);
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
      db_error (db, "changeset", error);
      return NULL;
    }
  sqlite3session_delete (session);
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

/* ---------------------------------------------------------------- files */

struct _FwSyncFile {
  char       *path;
  GKeyFile   *meta;

  FwSyncKind  kind;
  char       *inspection_id;
  char       *inspector;
  char       *id;
  GBytes     *body;
};

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
static gboolean
write_sealed (const char *path, GKeyFile *meta, GBytes *body, const char *passphrase, GError **error)
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
  return g_steal_pointer (&file);
}

static GKeyFile *
new_meta (const char *kind, const char *inspection_id, const char *inspector, const char *id)
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
static gboolean
values_equal (sqlite3_value *a, sqlite3_value *b)
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
static sqlite3_value *
change_value (sqlite3_changeset_iter *it, int op, int i)
{
  sqlite3_value *v = NULL;

  if (op != SQLITE_DELETE)
    sqlite3changeset_new (it, i, &v);
  if (v == NULL && op != SQLITE_INSERT)
    sqlite3changeset_old (it, i, &v);
  return v;
}

static char *
value_dup (sqlite3_value *v)
{
  const unsigned char *text = v && sqlite3_value_type (v) != SQLITE_NULL ? sqlite3_value_text (v) : NULL;

  return text ? g_strdup ((const char *) text) : NULL;
}

/* JSON array of the primary key's values. */
static char *
row_key (sqlite3_changeset_iter *it, int op)
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
        append_json_value (out, change_value (it, op, i));
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
      sqlite3_bind_value (s, ++bound, change_value (it, op, i));
}

/* The row in main with the change's key, as a JSON object; NULL if none. */
static char *
current_row_json (sqlite3 *db, SyncTable *t, sqlite3_changeset_iter *it, int op)
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
static char *
inspector_row_json (sqlite3 *db, SyncTable *t, sqlite3_changeset_iter *it, int op, const char *lead_row)
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

static char *
json_field (sqlite3 *db, const char *json, const char *field)
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

/* ---------------------------------------------------------------- package */
static gboolean
check_lead (FwStore *store, const char *inspection_id, const char *what, GError **error)
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
  if ((tables = list_tables (db, error)) == NULL || !attach_memory (db, "fw_pkg", error))
    return FALSE;
  if (!fw_store_begin (store, error))
    goto out_detach;
  if (!check_lead (store, inspection_id, _("prepare laptops"), error)
      || !create_tables (db, "fw_pkg", tables, error)
      || !extract (db, "fw_pkg", tables, inspection_id, inspector, FALSE, &n_cases, error))
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
  if ((image = serialize (db, "fw_pkg")) == NULL)
    {
      fw_store_sql_error (store, error, "package");
      goto out;
    }
  meta = new_meta ("package", inspection_id, inspector, id);
  g_key_file_set_string (meta, "sync", "made-by", fw_store_get_user (store));
  if (laptop)
    {
      g_key_file_set_string (meta, "sync", "merged-laptop", laptop);
      g_key_file_set_int64 (meta, "sync", "merged-seq", seq);
    }
  if (!write_sealed (path, meta, image, passphrase, error))
    goto out;
  ok = fw_store_commit (store, error);
out:
  if (!ok && store->depth > 0)
    fw_store_rollback (store);
out_detach:
  detach (db, "fw_pkg");
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

static gboolean
identical_to_current (sqlite3_changeset_iter *it, int op, int n)
{
  if (op == SQLITE_DELETE)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      sqlite3_value *nv = NULL, *cv = NULL;

      sqlite3changeset_new (it, i, &nv);
      if (nv == NULL)
        continue;
      if (sqlite3changeset_conflict (it, i, &cv) != SQLITE_OK || !values_equal (nv, cv))
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
  if ((type == SQLITE_CHANGESET_DATA || type == SQLITE_CHANGESET_CONFLICT) && identical_to_current (it, op, n))
    return SQLITE_CHANGESET_OMIT;
  if (type == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
    return SQLITE_CHANGESET_OMIT;
  /* the laptop changed this row since the lead last saw it: keep the
   * laptop's, and remember the row the lead saw, so that the next return
   * carries the laptop's change against it */
  k = g_new0 (KeptRow, 1);
  k->table = find_table (ctx->tables, name);
  k->pk = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  sqlite3changeset_pk (it, &pk, &npk);
  for (int i = 0; i < npk; i++)
    if (pk[i])
      g_ptr_array_add (k->pk, sqlite3_value_dup (change_value (it, op, i)));
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
        return db_error (db, "baseline", error);
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
        return db_error (db, "baseline", error);
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
  return exec (db, sql, error);
}

static GBytes *
sync_blob (FwStore *store, const char *sql, const char *inspection_id, gint64 seq)
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
  if ((tables = list_tables (db, error)) == NULL)
    return NULL;
  if (exists)
    {
      /* what the lead has seen of this laptop: its newest return the lead
       * merged, if made since the baseline; else the baseline */
      if (merged_laptop && g_strcmp0 (merged_laptop, laptop) == 0)
        {
          g_autoptr(GBytes) image = sync_blob (store, "SELECT image FROM sync_return WHERE inspection_id = ?1"
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
        base = sync_blob (store, "SELECT baseline FROM sync_state WHERE inspection_id = ?1 AND ?2 = ?2;", id, 0);
      if (base == NULL)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("%s: this laptop has lost the package it was opened from"), path);
          return NULL;
        }
      if (!attach_image (db, "fw_base", base, fw_store_get_path (store), error))
        return NULL;
    }
  else if (!attach_memory (db, "fw_base", error) || !create_tables (db, "fw_base", tables, error))
    {
      detach (db, "fw_base");
      return NULL;
    }
  attached_base = TRUE;
  if (!attach_image (db, "fw_new", package->body, path, error))
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
  if (!attach_memory (db, "fw_out", error))
    goto out_detach_new;
  if (!fw_store_begin (store, error))
    goto out_detach_new;
  fw_store_bulk_begin (store);
  if (!exec (db, "PRAGMA defer_foreign_keys = ON;", error)
      || (changes = diff_images (db, "fw_base", "fw_new", tables, error)) == NULL
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
  if (!patch_baseline (db, &ctx, error) || (baseline = serialize_copy (db, "fw_new", tables, error)) == NULL)
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
  detach (db, "fw_out");
  detach (db, "fw_new");
out_detach:
  if (attached_base)
    detach (db, "fw_base");
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

static gboolean
add_sent_rows (sqlite3 *db, GPtrArray *tables, GError **error)
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
      ok = exec (db, sql, error);
      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
update_sent (sqlite3 *db, GPtrArray *tables, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SyncTable *t = g_ptr_array_index (tables, i);
      char *sql;
      gboolean ok;

      if (t->scope != SCOPE_CASE || t->pk->len == 0 || strcmp (t->name, "audit") == 0)
        continue;
      sql = sqlite3_mprintf ("INSERT OR REPLACE INTO fw_sent.\"%w\" SELECT * FROM fw_cur.\"%w\";", t->name, t->name);
      ok = exec (db, sql, error);
      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
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
  if ((base = sync_blob (store, "SELECT baseline FROM sync_state WHERE inspection_id = ?1 AND ?2 = ?2;",
                         inspection_id, 0)) == NULL
      || (tables = list_tables (db, error)) == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                     _("%s: this laptop has lost the package it was opened from"), fw_store_get_path (store));
      return FALSE;
    }
  returned = sync_blob (store, "SELECT image FROM sync_return WHERE inspection_id = ?1 AND seq = ?2;",
                        inspection_id, 0);
  if (!attach_image (db, "fw_base", base, fw_store_get_path (store), error))
    return FALSE;
  if (!attach_memory (db, "fw_cur", error))
    {
      detach (db, "fw_base");
      return FALSE;
    }
  if (returned ? !attach_image (db, "fw_sent", returned, fw_store_get_path (store), error)
               : !attach_memory (db, "fw_sent", error))
    {
      detach (db, "fw_cur");
      detach (db, "fw_base");
      return FALSE;
    }
  if (!attach_memory (db, "fw_out", error))
    {
      detach (db, "fw_sent");
      detach (db, "fw_cur");
      detach (db, "fw_base");
      return FALSE;
    }
  if (!fw_store_begin (store, error))
    goto out_detach;
  if (!create_tables (db, "fw_cur", tables, error)
      || (returned == NULL && !create_tables (db, "fw_sent", tables, error))
      || !extract (db, "fw_cur", tables, inspection_id, NULL, FALSE, NULL, error)
      || !add_sent_rows (db, tables, error)
      || (changes = diff_images (db, "fw_base", "fw_cur", tables, error)) == NULL
      || (image = serialize (db, "fw_cur")) == NULL
      || !update_sent (db, tables, error)
      || (sent = serialize_copy (db, "fw_sent", tables, error)) == NULL)
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
  meta = new_meta ("return", inspection_id, inspector, id);
  g_key_file_set_string (meta, "sync", "laptop", laptop);
  g_key_file_set_int64 (meta, "sync", "seq", seq);
  g_key_file_set_string (meta, "sync", "package", package_id);
  if (!write_sealed (path, meta, changes, passphrase, error))
    goto out;
  ok = fw_store_commit (store, error);
out:
  if (!ok && store->depth > 0)
    fw_store_rollback (store);
out_detach:
  detach (db, "fw_out");
  detach (db, "fw_sent");
  detach (db, "fw_cur");
  detach (db, "fw_base");
  return ok;
}

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
      g_ptr_array_add (ids, value_dup (id));
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
      return value_dup (v);
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
  g_autofree char *key = row_key (it, op);
  g_autofree char *lead_row = current_row_json (ctx->db, t, it, op);
  g_autofree char *inspector_row = inspector_row_json (ctx->db, t, it, op, lead_row);
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
      lead_value = json_field (ctx->db, lead_row, value_name);
      inspector_value = json_field (ctx->db, inspector_row, value_name);
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
  if ((t = find_table (ctx->tables, name)) == NULL)
    {
      ctx->skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  if (t->case_col >= 0)
    case_id = value_dup (change_value (it, op, t->case_col));
  if (t->item_col >= 0)
    item = value_dup (change_value (it, op, t->item_col));
  /* audit rows are never changed, only added: one here is merged already */
  if (strcmp (name, "audit") == 0)
    {
      ctx->audit_skipped++;
      return SQLITE_CHANGESET_OMIT;
    }
  /* already here: merged before */
  if ((type == SQLITE_CHANGESET_DATA || type == SQLITE_CHANGESET_CONFLICT) && identical_to_current (it, op, n))
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
  return exec (db, sql->str, error);
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
  if (!exec (ctx->db, "DELETE FROM temp.fw_merge_stale;", error))
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
  if ((tables = list_tables (store->db, error)) == NULL)
    return FALSE;
  /* an automatic backup first (none inside a transaction of the caller's) */
  if (!fw_store_backup (store, NULL, error) || !fw_store_begin (store, error))
    return FALSE;
  fw_store_bulk_begin (store);
  if (!check_lead (store, inspection_id, _("merge returns"), error)
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
  g_autoptr(GPtrArray) tables = list_tables (store->db, error);
  g_autoptr(GString) cols = g_string_new (NULL), vals = g_string_new (NULL), sets = g_string_new (NULL);
  g_autoptr(GString) pk = g_string_new (NULL), where = g_string_new (NULL);
  sqlite3_stmt *s = NULL, *p = NULL;
  SyncTable *t;
  char *sql;
  int rc, n_pk = 0;

  if (tables == NULL)
    return FALSE;
  if ((t = find_table (tables, table)) == NULL)
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

  if (!check_lead (store, r->inspection_id, _("resolve conflicts"), error)
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
