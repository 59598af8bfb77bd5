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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FW_STORE_VERSION);

static gboolean
fw_store_migrate (FwStore *self, int from, GError **error)
{
  for (int v = from; v < FW_STORE_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!fw_store_exec (self, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!fw_store_exec (self, migrations[v], error) || !fw_store_exec (self, bump, error))
        {
          fw_store_exec (self, "ROLLBACK;", NULL);
          return FALSE;
        }
      if (v == 0)
        {
          g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d;", FW_STORE_APPLICATION_ID);
          if (!fw_store_exec (self, app, error))
            {
              fw_store_exec (self, "ROLLBACK;", NULL);
              return FALSE;
            }
        }
      if (!fw_store_exec (self, "COMMIT;", error))
        return FALSE;
    }
  return TRUE;
}

/* Reads the 100-byte header to tell a Fieldwork database from anything else
 * without opening it for writing. */
static gboolean
fw_store_check_header (const char *path, guchar header[100], gsize length, GError **error)
{
  guint32 app_id, user_version;

  if (length < 100 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_DATABASE,
                   "%s: not a Fieldwork database (not an SQLite file at all)", path);
      return FALSE;
    }
  app_id = GUINT32_FROM_BE (*(guint32 *) (header + 68));
  user_version = GUINT32_FROM_BE (*(guint32 *) (header + 60));
  if (app_id != FW_STORE_APPLICATION_ID)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FOREIGN,
                   "%s: an SQLite database of another program, not a Fieldwork database", path);
      return FALSE;
    }
  if (user_version > FW_STORE_VERSION)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW,
                   "%s: made by a newer Fieldwork (database version %u, this program knows up to %d); "
                   "update Fieldwork to open it", path, user_version, FW_STORE_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fw_store_quick_check (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  gboolean ok = FALSE;
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_READONLY;
  int rc;

  /* Even a read-only connection creates -wal and -shm files beside a WAL
   * database and leaves them there. With none beside it, nothing has the file
   * open: read it as immutable, so a file we refuse is left exactly as it was. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS)
        && !g_file_test (journal, G_FILE_TEST_EXISTS))
      {
        g_autofree char *absolute = g_canonicalize_filename (path, NULL);
        g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

        if (file_uri != NULL)
          {
            uri = g_strconcat (file_uri, "?immutable=1", NULL);
            flags |= SQLITE_OPEN_URI;
          }
      }
  }

  rc = sqlite3_open_v2 (uri ? uri : path, &db, flags, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check;", -1, &s, NULL);
  if (rc == SQLITE_OK && sqlite3_step (s) == SQLITE_ROW
      && g_strcmp0 ((const char *) sqlite3_column_text (s, 0), "ok") == 0)
    ok = TRUE;
  if (!ok)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                 "%s: the database is damaged (integrity check failed: %s); "
                 "it was left as it is — restore it from a copy",
                 path, s && sqlite3_column_text (s, 0) ? (const char *) sqlite3_column_text (s, 0)
                                                       : sqlite3_errmsg (db));
  sqlite3_finalize (s);
  sqlite3_close_v2 (db);
  return ok;
}

/* Creates the file if there is none (private from the first byte), and
 * refuses one that is not a Fieldwork database of a version this program
 * knows, or is damaged, leaving it as it is. */
gboolean
fw_store_check_file (const char *path, GError **error)
{
  int fd;

  /* Create the file ourselves so it is private from the first byte. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  else
    {
      guchar header[100];
      gssize n = read (fd, header, sizeof header);
      struct stat st;

      if (fstat (fd, &st) == 0 && st.st_size > 0)
        {
          if (!fw_store_check_header (path, header, n > 0 ? (gsize) n : 0, error))
            {
              close (fd);
              return FALSE;
            }
          close (fd);
          if (!fw_store_quick_check (path, error))
            return FALSE;
        }
      else
        close (fd);
    }

  return TRUE;
}

/* Brings an older database up to FW_STORE_VERSION. */
gboolean
fw_store_upgrade (FwStore *self, GError **error)
{
  sqlite3_stmt *s;
  int version = 0;

  s = fw_store_stmt (self, "PRAGMA user_version;", error);
  if (s == NULL)
    return FALSE;
  if (sqlite3_step (s) == SQLITE_ROW)
    version = sqlite3_column_int (s, 0);
  sqlite3_reset (s);

  if (version < FW_STORE_VERSION && !fw_store_migrate (self, version, error))
    return FALSE;
  /* The new application id and user version are in the -wal file until a
   * checkpoint; put them in the main file now, where check_header reads them
   * when another connection opens the database. */
  if (version < FW_STORE_VERSION && !fw_store_exec (self, "PRAGMA wal_checkpoint(FULL);", error))
    return FALSE;

  return TRUE;
}
