/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-store-backup.h"
#include "fw-store-private.h"
#include "fw-error.h"

static const char *migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE inspection ("
  "  id TEXT PRIMARY KEY,"
  "  service TEXT NOT NULL,"
  "  start_date TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'locked')),"
  "  framework_id TEXT NOT NULL,"
  "  framework_version INTEGER NOT NULL,"
  "  framework_xml BLOB NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE inspector ("
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (inspection_id, name));"
  "CREATE TABLE kase ("
  "  id TEXT PRIMARY KEY,"
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  disposal TEXT, gender TEXT, age TEXT, ethnicity TEXT, rosh TEXT,"
  "  safety_wellbeing TEXT, case_manager TEXT, inspector TEXT, interview TEXT,"
  "  status TEXT NOT NULL DEFAULT 'not-started',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (inspection_id, reference));"
  "CREATE TABLE answer ("
  "  id TEXT PRIMARY KEY,"
  "  case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL,"
  "  value TEXT NOT NULL CHECK (value IN ('yes', 'no', 'na')),"
  "  note TEXT,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  UNIQUE (case_id, item));"
  "CREATE TABLE judgement ("
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  standard TEXT NOT NULL,"
  "  band TEXT NOT NULL,"
  "  rationale TEXT,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  PRIMARY KEY (inspection_id, standard));"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  who TEXT,"
  "  inspection_id TEXT NOT NULL,"
  "  case_id TEXT,"
  "  item TEXT,"
  "  action TEXT NOT NULL,"
  "  old_value TEXT, new_value TEXT,"
  "  old_note TEXT, new_note TEXT,"
  "  reason TEXT);"
  "CREATE INDEX audit_by_inspection ON audit (inspection_id, case_id);",
  /* 1 → 2: review — practice examples, comments when a case is returned,
   * the reason an inspection was unlocked */
  "ALTER TABLE answer ADD COLUMN practice TEXT CHECK (practice IN ('good', 'poor'));"
  "CREATE TABLE review_comment ("
  "  id TEXT PRIMARY KEY,"
  "  case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  item TEXT,"
  "  comment TEXT NOT NULL,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  resolved INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX review_comment_by_case ON review_comment (case_id);"
  "CREATE INDEX kase_by_inspection_status ON kase (inspection_id, status);",
  /* 2 → 3: a note written on a question before it is answered; the answer
   * takes it when the question is answered */
  "CREATE TABLE note_draft ("
  "  case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL,"
  "  note TEXT NOT NULL,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, item));",
  /* 3 → 4: case attributes are the framework's data, not columns: every
   * value moves to case_attribute, and each framework snapshot made before
   * frameworks had <attributes> declares the ones it had (they were built
   * in for every framework then; rosh and safety_wellbeing took levels only) */
  "CREATE TABLE case_attribute ("
  "  case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  attribute TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, attribute)) WITHOUT ROWID;"
  "INSERT INTO case_attribute (case_id, attribute, value) "
  "SELECT id, 'disposal', disposal FROM kase WHERE disposal IS NOT NULL AND disposal <> '' UNION ALL "
  "SELECT id, 'gender', gender FROM kase WHERE gender IS NOT NULL AND gender <> '' UNION ALL "
  "SELECT id, 'age', age FROM kase WHERE age IS NOT NULL AND age <> '' UNION ALL "
  "SELECT id, 'ethnicity', ethnicity FROM kase WHERE ethnicity IS NOT NULL AND ethnicity <> '' UNION ALL "
  "SELECT id, 'rosh', rosh FROM kase WHERE rosh IS NOT NULL AND rosh <> '' UNION ALL "
  "SELECT id, 'safety_wellbeing', safety_wellbeing FROM kase WHERE safety_wellbeing IS NOT NULL AND safety_wellbeing <> '' UNION ALL "
  "SELECT id, 'case_manager', case_manager FROM kase WHERE case_manager IS NOT NULL AND case_manager <> '' UNION ALL "
  "SELECT id, 'interview', interview FROM kase WHERE interview IS NOT NULL AND interview <> '';"
  "ALTER TABLE kase DROP COLUMN disposal;"
  "ALTER TABLE kase DROP COLUMN gender;"
  "ALTER TABLE kase DROP COLUMN age;"
  "ALTER TABLE kase DROP COLUMN ethnicity;"
  "ALTER TABLE kase DROP COLUMN rosh;"
  "ALTER TABLE kase DROP COLUMN safety_wellbeing;"
  "ALTER TABLE kase DROP COLUMN case_manager;"
  "ALTER TABLE kase DROP COLUMN interview;"
  "UPDATE inspection SET framework_xml = CAST ("
  "    substr (CAST (framework_xml AS TEXT), 1, instr (CAST (framework_xml AS TEXT), '<rating') - 1)"
  "    || '<attributes><attribute id=\"disposal\"><title>Disposal</title></attribute><attribute id=\"gender\"><title>Gender</title></attribute><attribute id=\"age\"><title>Age</title></attribute><attribute id=\"ethnicity\"><title>Ethnicity</title></attribute><attribute id=\"rosh\"><title>Risk of serious harm</title><value id=\"low\"><title>Low</title></value><value id=\"medium\"><title>Medium</title></value><value id=\"high\"><title>High</title></value><value id=\"very high\"><title>Very high</title></value></attribute><attribute id=\"safety_wellbeing\"><title>Safety and wellbeing</title><value id=\"low\"><title>Low</title></value><value id=\"medium\"><title>Medium</title></value><value id=\"high\"><title>High</title></value><value id=\"very high\"><title>Very high</title></value></attribute><attribute id=\"case_manager\"><title>Case manager</title></attribute><attribute id=\"interview\"><title>Case manager interview</title></attribute></attributes>\n  '"
  "    || substr (CAST (framework_xml AS TEXT), instr (CAST (framework_xml AS TEXT), '<rating')) AS BLOB)"
  "  WHERE instr (CAST (framework_xml AS TEXT), '<attributes') = 0"
  "    AND instr (CAST (framework_xml AS TEXT), '<rating') > 0;",
  /* 4 → 5: team fieldwork. Every table a return or a package carries has a
   * key that is the same on every laptop: an answer is (case, item), an
   * audit row has a UUID (its rowid is local and orders the announcements).
   * No cascading deletes (fw_store_migrate drops them after this runs).
   * The sync_ tables are this database's own and never travel. */
  "CREATE TABLE answer_v5 ("
  "  case_id TEXT NOT NULL REFERENCES kase (id),"
  "  item TEXT NOT NULL,"
  "  value TEXT NOT NULL CHECK (value IN ('yes', 'no', 'na')),"
  "  note TEXT,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  practice TEXT CHECK (practice IN ('good', 'poor')),"
  "  PRIMARY KEY (case_id, item));"
  "INSERT INTO answer_v5 (case_id, item, value, note, who, at, practice)"
  "  SELECT case_id, item, value, note, who, at, practice FROM answer;"
  "DROP TABLE answer;"
  "ALTER TABLE answer_v5 RENAME TO answer;"
  "CREATE TABLE audit_v5 ("
  "  id TEXT PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  who TEXT,"
  "  inspection_id TEXT NOT NULL,"
  "  case_id TEXT,"
  "  item TEXT,"
  "  action TEXT NOT NULL,"
  "  old_value TEXT, new_value TEXT,"
  "  old_note TEXT, new_note TEXT,"
  "  reason TEXT);"
  "INSERT INTO audit_v5 (rowid, id, at, who, inspection_id, case_id, item, action, old_value, new_value,"
  "  old_note, new_note, reason)"
  "  SELECT id, lower (hex (randomblob (16))), at, who, inspection_id, case_id, item, action, old_value,"
  "  new_value, old_note, new_note, reason FROM audit ORDER BY id;"
  "DROP TABLE audit;"
  "ALTER TABLE audit_v5 RENAME TO audit;"
  "CREATE INDEX audit_by_inspection ON audit (inspection_id, case_id);"
  "CREATE INDEX audit_by_item ON audit (case_id, item);"
  "CREATE TABLE sync_state ("
  "  inspection_id TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL CHECK (role IN ('lead', 'inspector')),"
  "  inspector TEXT,"
  "  laptop TEXT,"
  "  package TEXT,"
  "  baseline BLOB,"
  "  baseline_at TEXT,"
  "  return_seq INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE sync_return ("
  "  inspection_id TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  made_at TEXT NOT NULL,"
  "  image BLOB NOT NULL,"
  "  PRIMARY KEY (inspection_id, seq));"
  "CREATE TABLE sync_merged ("
  "  id TEXT PRIMARY KEY,"
  "  inspection_id TEXT NOT NULL,"
  "  inspector TEXT NOT NULL,"
  "  laptop TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  merged_at TEXT NOT NULL,"
  "  changes INTEGER NOT NULL,"
  "  conflicts INTEGER NOT NULL);"
  "CREATE TABLE sync_conflict ("
  "  id TEXT PRIMARY KEY,"
  "  inspection_id TEXT NOT NULL,"
  "  tbl TEXT NOT NULL,"
  "  row_key TEXT NOT NULL,"
  "  case_id TEXT,"
  "  item TEXT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('not-owner', 'both-changed')),"
  "  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
  "  author TEXT NOT NULL,"
  "  return_id TEXT,"
  "  inspector_row TEXT,"
  "  lead_row TEXT,"
  "  found_at TEXT NOT NULL,"
  "  resolved TEXT CHECK (resolved IN ('lead', 'inspector')),"
  "  resolved_by TEXT,"
  "  resolved_at TEXT);"
  "CREATE INDEX sync_conflict_by_inspection ON sync_conflict (inspection_id, resolved);",
  /* 5 → 6: sampling — the eligible population imported for an inspection
   * (exclusions with their reasons), the draw (seed and options), and each
   * drawn case's place: in the sample, on the reserve list, or replaced */
  "CREATE TABLE population ("
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id),"
  "  reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  case_manager TEXT,"
  "  start_date TEXT,"
  "  excluded TEXT,"
  "  line INTEGER NOT NULL,"
  "  PRIMARY KEY (inspection_id, reference));"
  "CREATE TABLE population_attribute ("
  "  inspection_id TEXT NOT NULL,"
  "  reference TEXT NOT NULL,"
  "  attribute TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (inspection_id, reference, attribute)) WITHOUT ROWID;"
  "CREATE TABLE draw ("
  "  inspection_id TEXT PRIMARY KEY REFERENCES inspection (id),"
  "  seed TEXT NOT NULL,"
  "  per_case_manager INTEGER NOT NULL,"
  "  reserve INTEGER NOT NULL,"
  "  confidence INTEGER NOT NULL,"
  "  margin INTEGER NOT NULL,"
  "  who TEXT,"
  "  at TEXT NOT NULL);"
  "CREATE TABLE draw_case ("
  "  inspection_id TEXT NOT NULL,"
  "  reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('sample', 'reserve', 'replaced')),"
  "  replaces TEXT,"
  "  reason TEXT,"
  "  PRIMARY KEY (inspection_id, reference));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FW_STORE_VERSION);

/* The version that made every table mergeable (team fieldwork). */
#define FW_STORE_VERSION_SYNC 5

/* Team fieldwork applies changesets, and a delete must never take rows
 * with it that the changeset does not name: ON DELETE CASCADE goes from
 * every table. Dropping a foreign key action changes nothing on disk, so
 * SQLite's documented way is to edit the schema text and bump
 * schema_version (https://sqlite.org/lang_altertable.html, "other kinds of
 * table schema changes"); a rebuild of kase would need foreign keys off,
 * which cannot change inside the migration's transaction. */
static gboolean
drop_cascades (FwStore *self, GError **error)
{
  sqlite3_stmt *s = NULL;
  gint64 version;
  g_autofree char *sql = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA schema_version;", -1, &s, NULL) != SQLITE_OK
      || sqlite3_step (s) != SQLITE_ROW)
    {
      sqlite3_finalize (s);
      return fw_store_sql_error (self, error, "schema version");
    }
  version = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  sql = g_strdup_printf ("PRAGMA writable_schema = ON;"
                         " UPDATE sqlite_schema SET sql = replace (sql, ' ON DELETE CASCADE', '')"
                         "  WHERE type = 'table' AND sql LIKE '%% ON DELETE CASCADE%%';"
                         " PRAGMA schema_version = %" G_GINT64_FORMAT ";"
                         " PRAGMA writable_schema = OFF;", version + 1);
  return fw_store_exec (self, sql, error);
}

/* Runs inside the caller's write transaction. */
static gboolean
fw_store_migrate (FwStore *self, int from, GError **error)
{
  for (int v = from; v < FW_STORE_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!fw_store_exec (self, migrations[v], error) || !fw_store_exec (self, bump, error))
        return FALSE;
      if (v + 1 == FW_STORE_VERSION_SYNC && !drop_cascades (self, error))
        return FALSE;
      if (v == 0)
        {
          g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d;", FW_STORE_APPLICATION_ID);
          if (!fw_store_exec (self, app, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Reads the 100-byte header to tell a Fieldwork database from anything else
 * without SQLite, so that a file refused here is not touched at all. The
 * version and application id here are only those of the main file: the
 * check through SQLite (fw_store_check_contents) sees the -wal file too. */
static gboolean
fw_store_check_header (const char *path, guchar header[100], gsize length, goffset size, GError **error)
{
  guint32 app_id, user_version, page_size;

  if (length < 100 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_DATABASE,
                   _("%s: not a Fieldwork database (not an SQLite file at all)"), path);
      return FALSE;
    }
  app_id = GUINT32_FROM_BE (*(guint32 *) (header + 68));
  user_version = GUINT32_FROM_BE (*(guint32 *) (header + 60));
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  /* A database whose creation stopped before its first checkpoint has one
   * page, and the application id only in the -wal file: SQLite decides. */
  if (app_id == 0 && user_version == 0 && size <= page_size)
    return TRUE;
  if (app_id != FW_STORE_APPLICATION_ID)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FOREIGN,
                   _("%s: an SQLite database of another program, not a Fieldwork database"), path);
      return FALSE;
    }
  if (user_version > FW_STORE_VERSION)
    return fw_store_too_new_error (path, user_version, error);
  return TRUE;
}

gboolean
fw_store_too_new_error (const char *path, guint version, GError **error)
{
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW,
               _("%s: made by a newer Fieldwork (database version %u, this program knows up to %d); "
                 "update Fieldwork to open it"), path, version, FW_STORE_VERSION);
  return FALSE;
}

/* A message on one line: SQLite's integrity check text and libxml2's
 * messages have line breaks in them. */
char *
fw_one_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text ? text : "", "\r\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Before SQLite opens the file: creates it if there is none (private from
 * the first byte), unless read_only, and refuses, untouched, one that is not
 * an SQLite file, is another program's, or is marked as made by a newer
 * Fieldwork. *created: this call made the file. *empty: it has no bytes. */
gboolean
fw_store_check_file (const char *path, gboolean read_only, gboolean *created, gboolean *empty,
                     GError **error)
{
  guchar header[100];
  struct stat st;
  gssize n;
  int fd;

  *created = FALSE;
  *empty = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 && errno == ENOENT && !read_only)
    {
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      *created = fd >= 0;
      if (fd < 0 && errno == EEXIST)
        fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
    }
  if (fd < 0)
    {
      if (errno == ENOENT)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                     _("%s: no such database"), path);
      else
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  if (fstat (fd, &st) != 0 || n < 0)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_DATABASE,
                   _("%s: not a Fieldwork database (not a regular file)"), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      if (read_only)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_DATABASE,
                       _("%s: an empty file, not a Fieldwork database"), path);
          return FALSE;
        }
      *empty = TRUE;
      return TRUE;
    }
  return fw_store_check_header (path, header, (gsize) n, st.st_size, error);
}

static gboolean
check_failed (sqlite3 *db, const char *path, GError **error)
{
  int rc = sqlite3_errcode (db) & 0xff;
  g_autofree char *msg = fw_one_line (sqlite3_errmsg (db));

  if (rc == SQLITE_BUSY)
    return fw_store_busy_error (path, error);
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                 _("%s: the database is damaged (%s); it was left as it is — restore it from a copy"),
                 path, msg);
  else
    g_set_error (error, FW_STORE_ERROR, rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN ? FW_STORE_ERROR_IO
                                                                                  : FW_STORE_ERROR_SQL,
                 "%s: %s", path, msg);
  return FALSE;
}

static gboolean
read_int (sqlite3 *db, const char *path, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &s, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (s)) == SQLITE_ROW)
    *out = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  return rc == SQLITE_ROW || check_failed (db, path, error);
}

/* Through SQLite, on the connection db and on one snapshot (a read
 * transaction, so the -wal file is included and a writer in another process
 * cannot change the pages under the check): the application id, the version
 * and, if integrity, PRAGMA quick_check. Writes nothing. *version: the
 * database's version, 0 for a new one. Needs nothing but db, so that it can
 * run on a connection of another thread (fw_store_check_async ()). */
gboolean
fw_store_check_db (sqlite3 *db, const char *path, gboolean integrity, int *version, GError **error)
{
  gint64 app_id = 0, user_version = 0, tables = 0;
  g_autoptr(GString) problems = NULL;
  sqlite3_stmt *s = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_exec (db, "BEGIN;", NULL, NULL, NULL) != SQLITE_OK)
    return check_failed (db, path, error);
  if (!read_int (db, path, "PRAGMA application_id;", &app_id, error)
      || !read_int (db, path, "PRAGMA user_version;", &user_version, error)
      || !read_int (db, path, "SELECT count(*) FROM sqlite_schema;", &tables, error))
    goto out;
  if (app_id == 0 && user_version == 0 && tables == 0)
    {
      /* nothing in it yet: ours, made by a creation that stopped early */
      *version = 0;
      ok = TRUE;
      goto out;
    }
  if (app_id != FW_STORE_APPLICATION_ID)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FOREIGN,
                   _("%s: an SQLite database of another program, not a Fieldwork database"), path);
      goto out;
    }
  if (user_version > FW_STORE_VERSION)
    {
      fw_store_too_new_error (path, (guint) user_version, error);
      goto out;
    }
  *version = (int) user_version;
  if (!integrity)
    {
      ok = TRUE;
      goto out;
    }

  problems = g_string_new (NULL);
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(3);", -1, &s, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (s, 0);
      g_autofree char *line = fw_one_line (row);

      if (g_strcmp0 (row, "ok") == 0)
        continue;
      if (problems->len > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, line);
    }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_finalize (s);
  if (rc != SQLITE_OK)
    check_failed (db, path, error);
  else if (problems->len > 0)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                 _("%s: the database is damaged (integrity check failed: %s); "
                   "it was left as it is — restore it from a copy"), path, problems->str);
  else
    ok = TRUE;

out:
  sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL);
  if (sqlite3_get_autocommit (db) == 0)
    sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  return ok;
}

gboolean
fw_store_check_contents (FwStore *self, gboolean empty, int *version, GError **error)
{
  return fw_store_check_db (self->db, self->path, !empty, version, error);
}

/* Brings an older database up to FW_STORE_VERSION, in one write
 * transaction; the version is read again under the write lock, so a newer
 * Fieldwork that wrote in the meantime is still refused. */
gboolean
fw_store_upgrade (FwStore *self, int version, GError **error)
{
  gint64 now = 0;

  if (version >= FW_STORE_VERSION)
    return TRUE;
  /* an automatic backup of the older version first (a new file has nothing to keep) */
  if (version > 0 && !fw_store_backup (self, NULL, error))
    return FALSE;
  if (!fw_store_exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!read_int (self->db, self->path, "PRAGMA user_version;", &now, error))
    {
      fw_store_exec (self, "ROLLBACK;", NULL);
      return FALSE;
    }
  if (now > FW_STORE_VERSION)
    {
      fw_store_exec (self, "ROLLBACK;", NULL);
      return fw_store_too_new_error (self->path, (guint) now, error);
    }
  if (!fw_store_migrate (self, (int) now, error) || !fw_store_exec (self, "COMMIT;", error))
    {
      fw_store_exec (self, "ROLLBACK;", NULL);
      return FALSE;
    }
  /* The new application id and user version are in the -wal file until a
   * checkpoint; put them in the main file now, where the header check reads
   * them before SQLite opens the file. */
  return fw_store_exec (self, "PRAGMA wal_checkpoint(FULL);", error);
}
