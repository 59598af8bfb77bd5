/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-store-backup.h"
#include "fw-store-private.h"
#include "fw-error.h"

#define BACKUP_INFIX ".backup-"

static gboolean
backup_failed (GError **error, const char *path, const char *why)
{
  g_autofree char *one = fw_one_line (why);

  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO,
               /* TRANSLATORS: "FILE.db: cannot make a backup: disk full" */
               _("%s: cannot make a backup: %s"), path, one);
  return FALSE;
}

/* FILE.db.INFIXYYYYMMDDTHHMMSS, or with -2, -3 … after the highest number
 * made in that second (not a lower one freed by the rotation: the names
 * sort oldest to newest) */
static char *
stamped_name (const char *db_path, const char *infix)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *dir_name = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, infix, stamp, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;
  guint highest = 0;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        const char *rest = name + strlen (prefix);
        guint n = rest[0] == '\0' ? 1 : rest[0] == '-' ? (guint) atoi (rest + 1) : 0;

        highest = MAX (highest, n);
      }
  if (highest == 0)
    return g_strconcat (db_path, infix, stamp, NULL);
  return g_strdup_printf ("%s%s%s-%u", db_path, infix, stamp, highest + 1);
}

/* Copies the database of source ("main") into a new file at path, made
 * private before SQLite opens it, whole or not at all (a temporary name
 * until it is complete). The copy is in rollback-journal mode: one file. */
static gboolean
copy_to_new_file (sqlite3 *source, const char *path, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  const char *suffixes[] = { "", "-journal", "-wal", "-shm" };
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return backup_failed (error, path, g_strerror (errno));
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  /* no journal and no syncs while the copy is made: until it has its name
   * it is nothing; one fsync below makes it durable */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF;", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
            rc = sqlite3_errcode (dest);
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *msg = g_strdup (dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));

      sqlite3_close (dest);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *name = g_strconcat (tmp, suffixes[i], NULL);
          g_unlink (name);
        }
      return backup_failed (error, path, msg);
    }
  sqlite3_close (dest);
  /* the contents on disk, then the name */
  fd = g_open (tmp, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (tmp);
      return backup_failed (error, path, g_strerror (saved));
    }
  close (fd);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return backup_failed (error, path, g_strerror (saved));
    }
  return TRUE;
}

static gint
newest_first (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char **) a, *y = *(const char **) b;
  const char *sx = strstr (x, BACKUP_INFIX), *sy = strstr (y, BACKUP_INFIX);
  int by_stamp;

  /* the stamp, then the number after it (none is 1) */
  sx += strlen (BACKUP_INFIX);
  sy += strlen (BACKUP_INFIX);
  by_stamp = strncmp (sy, sx, 15);
  if (by_stamp != 0)
    return by_stamp;
  return (int) (sy[15] == '-' ? atoi (sy + 16) : 1) - (int) (sx[15] == '-' ? atoi (sx + 16) : 1);
}

GPtrArray *
fw_store_list_backups (const char *db_path, GError **error)
{
  g_autofree char *dir_name = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, BACKUP_INFIX, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      /* YYYYMMDDTHHMMSS, then nothing or -N: not a .tmp, -journal … beside one */
      if (strlen (rest) < 15 || rest[8] != 'T' || (rest[15] != '\0' && rest[15] != '-')
          || (rest[15] == '-' && strspn (rest + 16, "0123456789") != strlen (rest + 16)))
        continue;
      g_ptr_array_add (list, g_build_filename (dir_name, name, NULL));
    }
  g_ptr_array_sort (list, newest_first);
  return g_steal_pointer (&list);
}

/* Keeps the newest FW_STORE_BACKUPS_KEPT backups of db_path. */
static void
rotate (const char *db_path)
{
  g_autoptr(GPtrArray) list = fw_store_list_backups (db_path, NULL);

  for (guint i = FW_STORE_BACKUPS_KEPT; list && i < list->len; i++)
    g_unlink (g_ptr_array_index (list, i));
}

static gboolean
backup_connection (sqlite3 *db, const char *db_path, char **backup_path, GError **error)
{
  g_autofree char *path = stamped_name (db_path, BACKUP_INFIX);

  if (!copy_to_new_file (db, path, error))
    return FALSE;
  rotate (db_path);
  if (backup_path)
    *backup_path = g_steal_pointer (&path);
  return TRUE;
}

static gboolean read_int (sqlite3 *db, const char *sql, gint64 *out);

/* The newest backup, when it already holds what the database holds: the
 * same schema version and the same last change (every change is audited).
 * A new backup would then only push an older, different one out — after an
 * import that failed and changed nothing, say, the one from before the last
 * import that did. NULL otherwise. */
static char *
newest_if_unchanged (FwStore *self)
{
  g_autoptr(GPtrArray) backups = fw_store_list_backups (self->path, NULL);
  gint64 version = -1, last = -1, backup_version = -2, backup_last = -2;
  sqlite3 *db = NULL;
  gboolean same;

  if (backups == NULL || backups->len == 0
      || !read_int (self->db, "PRAGMA user_version;", &version)
      || !read_int (self->db, "SELECT coalesce(max(rowid), 0) FROM audit;", &last))
    return NULL;
  same = sqlite3_open_v2 (g_ptr_array_index (backups, 0), &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
         && read_int (db, "PRAGMA user_version;", &backup_version)
         && read_int (db, "SELECT coalesce(max(rowid), 0) FROM audit;", &backup_last)
         && backup_version == version && backup_last == last;
  sqlite3_close (db);
  return same ? g_strdup (g_ptr_array_index (backups, 0)) : NULL;
}

gboolean
fw_store_backup (FwStore *self, char **backup_path, GError **error)
{
  g_autofree char *unchanged = NULL;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);

  if (backup_path)
    *backup_path = NULL;
  if (self->depth > 0)
    return TRUE;
  if ((unchanged = newest_if_unchanged (self)) != NULL)
    {
      if (backup_path)
        *backup_path = g_steal_pointer (&unchanged);
      return TRUE;
    }
  return backup_connection (self->db, self->path, backup_path, error);
}

/* ---------------------------------------------------------------- restoring */

static gboolean
read_int (sqlite3 *db, const char *sql, gint64 *out)
{
  sqlite3_stmt *s = NULL;
  gboolean ok = sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step (s) == SQLITE_ROW;

  if (ok)
    *out = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  return ok;
}

/* "ok", or what the integrity check found (newly allocated, one line) */
static char *
integrity (sqlite3 *db, const char *pragma)
{
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2 (db, pragma, -1, &s, NULL);

  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      if ((rc = sqlite3_step (s)) != SQLITE_ROW)
        break;
      g_autofree char *line = fw_one_line ((const char *) sqlite3_column_text (s, 0));

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      g_string_append_printf (found, "%s%s", found->len ? "; " : "", line);
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *msg = fw_one_line (sqlite3_errmsg (db));
      g_string_append_printf (found, "%s%s", found->len ? "; " : "", msg);
    }
  sqlite3_finalize (s);
  return found->len ? g_string_free (g_steal_pointer (&found), FALSE) : g_strdup ("ok");
}

/* Opens the backup to read and checks that it is a good Fieldwork
 * database; NULL with a one-line error otherwise. */
static sqlite3 *
open_backup (const char *backup_path, GError **error)
{
  gboolean created = FALSE, empty = FALSE;
  g_autofree char *problems = NULL;
  gint64 app_id = 0, version = 0;
  sqlite3 *db = NULL;

  if (!fw_store_check_file (backup_path, TRUE, &created, &empty, error))
    return NULL;
  if (sqlite3_open_v2 (backup_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", backup_path,
                   db ? sqlite3_errmsg (db) : "cannot open");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, fw_store_busy_timeout_ms ());
  if (!read_int (db, "PRAGMA application_id;", &app_id) || !read_int (db, "PRAGMA user_version;", &version))
    problems = fw_one_line (sqlite3_errmsg (db));
  else if (app_id != FW_STORE_APPLICATION_ID)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FOREIGN,
                   _("%s: an SQLite database of another program, not a Fieldwork database"), backup_path);
      sqlite3_close (db);
      return NULL;
    }
  else if (version > FW_STORE_VERSION)
    {
      fw_store_too_new_error (backup_path, (guint) version, error);
      sqlite3_close (db);
      return NULL;
    }
  else
    {
      problems = integrity (db, "PRAGMA integrity_check(3);");
      if (strcmp (problems, "ok") == 0)
        g_clear_pointer (&problems, g_free);
    }
  if (problems != NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                   /* TRANSLATORS: restoring from a backup that fails SQLite's integrity check */
                   _("%s: the backup is damaged (%s); nothing was changed"), backup_path, problems);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* The database at db_path, opened to be written, if it is a good one. */
static sqlite3 *
open_healthy (const char *db_path)
{
  g_autofree char *found = NULL;
  gint64 app_id = 0;
  sqlite3 *db = NULL;

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR)
      || sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, fw_store_busy_timeout_ms ());
  found = integrity (db, "PRAGMA quick_check(1);");
  if (strcmp (found, "ok") != 0 || !read_int (db, "PRAGMA application_id;", &app_id)
      || app_id != FW_STORE_APPLICATION_ID)
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
fw_store_restore (const char *db_path, const char *backup_path, GError **error)
{
  sqlite3 *source, *target;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);

  if (!g_file_test (backup_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("%s: no such backup"), backup_path);
      return FALSE;
    }
  if ((source = open_backup (backup_path, error)) == NULL)
    return FALSE;

  target = open_healthy (db_path);
  if (target != NULL)
    {
      /* what is there now is kept as the newest backup; then the backup's
       * pages go in through SQLite, under its write lock, so that another
       * Fieldwork reading the file sees the one or the other */
      if (!backup_connection (target, db_path, NULL, error))
        {
          sqlite3_close (target);
          sqlite3_close (source);
          return FALSE;
        }
      backup = sqlite3_backup_init (target, "main", source, "main");
      rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (target);
      if (backup)
        sqlite3_backup_finish (backup);
      if (rc != SQLITE_DONE)
        {
          if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
            fw_store_busy_error (db_path, error);
          else
            g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", db_path, sqlite3_errstr (rc));
          sqlite3_close (target);
          sqlite3_close (source);
          return FALSE;
        }
      sqlite3_close (target);
      sqlite3_close (source);
      return TRUE;
    }

  /* no database there, or a damaged one: it is kept aside, as it is, and
   * the backup copied in its place */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *aside = stamped_name (db_path, ".damaged-");
      const char *suffixes[] = { "-wal", "-journal" };

      if (g_rename (db_path, aside) != 0)
        {
          int saved = errno;
          sqlite3_close (source);
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", db_path, g_strerror (saved));
          return FALSE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
          g_rename (from, to);
        }
      {
        g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
        g_unlink (shm);
      }
    }
  if (!copy_to_new_file (source, db_path, error))
    {
      sqlite3_close (source);
      return FALSE;
    }
  sqlite3_close (source);
  return TRUE;
}
