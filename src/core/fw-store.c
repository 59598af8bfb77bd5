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

G_DEFINE_FINAL_TYPE (FwStore, fw_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

gboolean
fw_store_sql_error (FwStore *self, GError **error, const char *what)
{
  if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_BUSY)
    return fw_store_busy_error (self->path, error);
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s: %s",
               self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
fw_store_exec (FwStore *self, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY)
        {
          sqlite3_free (msg);
          return fw_store_busy_error (self->path, error);
        }
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", self->path, msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* A prepared statement from the cache, reset and with bindings cleared.
 * sql must be a string literal: statements are cached by its address (the
 * cache is looked up several times for every answer saved, and hashing the
 * text cost more than running some of the statements). */
sqlite3_stmt *
fw_store_stmt (FwStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *s = g_hash_table_lookup (self->statements, sql);

  if (s == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
        {
          fw_store_sql_error (self, error, "prepare");
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, s);
    }
  else
    {
      sqlite3_reset (s);
      sqlite3_clear_bindings (s);
    }
  return s;
}

char *
fw_column_dup (sqlite3_stmt *s, int i)
{
  const unsigned char *text = sqlite3_column_text (s, i);
  return text ? g_strdup ((const char *) text) : NULL;
}

char *
fw_now_iso8601 (void)
{
  /* "%Y-%m-%dT%H:%M:%S.%fZ" in UTC, without g_date_time_format's locale
   * work: this stamps every answer saved and every audit entry */
  gint64 now = g_get_real_time ();
  time_t seconds = (time_t) (now / G_USEC_PER_SEC);
  int fields[7], widths[7] = { 4, 2, 2, 2, 2, 2, 6 };
  const char *after = "--T::.Z";
  char *out = g_malloc (28), *p = out;
  struct tm tm;

  gmtime_r (&seconds, &tm);
  fields[0] = tm.tm_year + 1900;
  fields[1] = tm.tm_mon + 1;
  fields[2] = tm.tm_mday;
  fields[3] = tm.tm_hour;
  fields[4] = tm.tm_min;
  fields[5] = tm.tm_sec;
  fields[6] = (int) (now % G_USEC_PER_SEC);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      for (int w = widths[f] - 1, v = fields[f]; w >= 0; w--, v /= 10)
        p[w] = '0' + v % 10;
      p += widths[f];
      *p++ = after[f];
    }
  *p = '\0';
  return out;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
fw_store_finalize (GObject *object)
{
  FwStore *self = FW_STORE (object);

  g_clear_handle_id (&self->watch_source, g_source_remove);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->user);
  g_free (self->sync_user);
  g_free (self->role_for_id);
  g_clear_error (&self->check_error);
  g_mutex_clear (&self->check_lock);
  g_cond_clear (&self->check_done);
  G_OBJECT_CLASS (fw_store_parent_class)->finalize (object);
}

static void
fw_store_class_init (FwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fw_store_finalize;

  /**
   * FwStore::changed:
   * @change: (type FwChange): what changed
   *
   * Emitted once for each change, after it was committed, whether it was
   * made through this store or by another process on the same file.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  FW_TYPE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
fw_store_init (FwStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) fw_framework_unref);
  self->user = fw_user_resolve (NULL);
  g_mutex_init (&self->check_lock);
  g_cond_init (&self->check_done);
}

char *
fw_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "fieldwork", "fieldwork.db", NULL);
}

/* A write waits this long for another program's write lock (SQLite's busy
 * handler) before FW_STORE_ERROR_BUSY: 30 s, or FIELDWORK_BUSY_TIMEOUT_MS
 * milliseconds when that is set (tests/core/test-open.c shortens it). */
int
fw_store_busy_timeout_ms (void)
{
  const char *env = g_getenv ("FIELDWORK_BUSY_TIMEOUT_MS");
  guint64 ms;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, G_MAXINT, &ms, NULL))
    return (int) ms;
  return 30000;
}

void
fw_store_set_busy_timeout (FwStore *self, int ms)
{
  g_return_if_fail (FW_IS_STORE (self));
  sqlite3_busy_timeout (self->db, ms < 0 ? fw_store_busy_timeout_ms () : ms);
}

gboolean
fw_store_busy_error (const char *path, GError **error)
{
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY,
               /* TRANSLATORS: %s is the database file */
               _("%s: another Fieldwork is writing to this file; try again"), path);
  return FALSE;
}

static gboolean
exists_beside (const char *path, const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  return g_file_test (name, G_FILE_TEST_EXISTS);
}

static void
remove_created (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* The checks, in this order, before anything writes: the header bytes
 * (without SQLite, so a refused file is not touched), then through SQLite on
 * this connection in one read transaction, -wal included: application id,
 * version, quick_check. A damage report comes only from that check.
 * deferred: quick_check is left for fw_store_check_async () (or the first
 * write), unless the file must be brought up to date first. */
static FwStore *
open_store (const char *path, gboolean read_only, gboolean deferred, GError **error)
{
  g_autoptr(FwStore) self = NULL;
  gboolean created = FALSE, empty = FALSE, had_wal, writable;
  g_autofree char *uri = NULL;
  int flags, version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_only)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: cannot create folder: %s",
                       dir, g_strerror (errno));
          return NULL;
        }
    }

  if (!fw_store_check_file (path, read_only, &created, &empty, error))
    return NULL;

  had_wal = exists_beside (path, "-wal");
  self = g_object_new (FW_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* A read-only store still reads through a read-write connection when it
   * may (PRAGMA query_only keeps it from writing), so that the -wal and -shm
   * files SQLite makes beside the file are removed again when it closes. A
   * file it may not write gets a read-only connection, and if nothing is
   * beside it, nothing can be writing to it: it is read as immutable, which
   * makes no files beside it. */
  writable = !read_only || access (path, W_OK) == 0;
  {
    g_autofree char *dir = g_path_get_dirname (path);
    if (read_only && writable && access (dir, W_OK) != 0)
      writable = FALSE;
  }
  flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (!writable && !had_wal && !exists_beside (path, "-shm"))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri != NULL)
        {
          uri = g_strconcat (file_uri, "?immutable=1", NULL);
          flags |= SQLITE_OPEN_URI;
        }
    }

  if (sqlite3_open_v2 (uri ? uri : path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "cannot open");
      if (created)
        {
          g_clear_object (&self);
          remove_created (path);
        }
      return NULL;
    }
  /* A -wal file that was there before holds what another connection (or a
   * crash) left: closing must not move it into the main file unless the
   * store was opened for writing and passed its checks. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, had_wal ? 1 : 0, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, fw_store_busy_timeout_ms ());

  if (read_only && !fw_store_exec (self, "PRAGMA query_only = ON;", error))
    return NULL;
  if (!fw_store_check_db (self->db, path, !empty && !deferred, &version, error)
      || (deferred && !empty && version > 0 && version < FW_STORE_VERSION
          && !fw_store_check_contents (self, FALSE, &version, error)))
    {
      if (created)
        {
          g_clear_object (&self);
          remove_created (path);
        }
      return NULL;
    }
  if (read_only && version < FW_STORE_VERSION)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s: made by an older Fieldwork (database version %d); open it once for writing "
                     "to bring it up to date"), path, version);
      return NULL;
    }

  if (!read_only)
    {
      /* temp_store = MEMORY keeps savepoint journals in memory: a savepoint per
       * imported row otherwise writes every page it touches to a temporary file */
      if (!fw_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                       " PRAGMA temp_store = MEMORY;", error)
          || !fw_store_upgrade (self, version, error))
        {
          if (created)
            {
              g_clear_object (&self);
              remove_created (path);
            }
          return NULL;
        }
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    }
  else if (!fw_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;", error))
    return NULL;

  self->last_audit_id = fw_store_max_audit_id (self);
  self->data_version = fw_store_data_version (self);
  /* empty, created or just brought up to date: nothing left to check */
  if (deferred && !empty && version == FW_STORE_VERSION)
    self->check = FW_STORE_CHECK_PENDING;

  return g_steal_pointer (&self);
}

FwStore *
fw_store_open (const char *path,
               GError    **error)
{
  return open_store (path, FALSE, FALSE, error);
}

FwStore *
fw_store_open_deferring_check (const char *path,
                               GError    **error)
{
  return open_store (path, FALSE, TRUE, error);
}

FwStore *
fw_store_open_readonly (const char *path,
                        GError    **error)
{
  return open_store (path, TRUE, FALSE, error);
}

const char *
fw_store_get_path (FwStore *self)
{
  return self->path;
}

void
fw_store_set_user (FwStore *self, const char *who)
{
  g_free (self->user);
  self->user = g_strdup (who);
}

const char *
fw_store_get_user (FwStore *self)
{
  return self->user;
}


/* Transaction control runs for every answer saved: the usual statements are
 * prepared once, from this table (fw_store_stmt () keys them by these addresses). */
static const char *savepoint_sql[][2] = {
  { "BEGIN IMMEDIATE;", "COMMIT;" },
  { "SAVEPOINT fw1;", "RELEASE fw1;" },
  { "SAVEPOINT fw2;", "RELEASE fw2;" },
  { "SAVEPOINT fw3;", "RELEASE fw3;" },
  { "SAVEPOINT fw4;", "RELEASE fw4;" },
};

static gboolean
exec_prepared (FwStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, sql, error);

  if (s == NULL)
    return FALSE;
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      /* BEGIN IMMEDIATE takes the write lock: SQLITE_BUSY after the busy
       * wait means another program holds it */
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_BUSY)
        fw_store_busy_error (self->path, error);
      else
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", self->path, sqlite3_errmsg (self->db));
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  return TRUE;
}

/* A transaction that holds others, or the answers of an import, touches
 * more pages than the default cache of 2 MiB holds, and would spill them to
 * the WAL and read them back again and again; it gets 32 MiB until it ends
 * (the memory is given back then). */
void
fw_store_bulk_begin (FwStore *self)
{
  sqlite3_stmt *s;

  if (self->depth == 0 || self->bulk || (s = fw_store_stmt (self, "PRAGMA cache_size;", NULL)) == NULL)
    return;
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      self->cache_size = sqlite3_column_int (s, 0);
      self->bulk = fw_store_exec (self, "PRAGMA cache_size = -32768;", NULL);
    }
  sqlite3_reset (s);
}

static void
bulk_end (FwStore *self)
{
  g_autofree char *sql = NULL;

  if (self->depth != 0 || !self->bulk)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = %d;", self->cache_size);
  fw_store_exec (self, sql, NULL);
  self->bulk = FALSE;
}

/* ---------------------------------------------------------------- the check left for later */

/* Runs on a worker thread: SQLite's integrity check of the file at path on
 * a connection of its own that cannot write (and so cannot checkpoint),
 * waiting for another program's lock as long as a write would. */
static gboolean
check_on_own_connection (const char *path, GError **error)
{
  gboolean writable = access (path, W_OK) == 0;
  sqlite3 *db = NULL;
  int version = 0;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path,
                   db ? sqlite3_errmsg (db) : "cannot open");
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, fw_store_busy_timeout_ms ());
  ok = sqlite3_exec (db, "PRAGMA query_only = ON;", NULL, NULL, NULL) == SQLITE_OK
       && fw_store_check_db (db, path, TRUE, &version, error);
  if (!ok && error && *error == NULL)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", path, sqlite3_errmsg (db));
  sqlite3_close_v2 (db);
  return ok;
}

/* What a check found: damage is kept (every later write is refused with
 * it); a check that could not run is left to the next write. Call with
 * check_lock held. */
static void
check_record (FwStore *self, GError *error)
{
  if (error && g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT))
    {
      g_clear_error (&self->check_error);
      self->check_error = g_error_copy (error);
    }
  g_atomic_int_set (&self->check, error == NULL ? FW_STORE_CHECK_PASSED
                                  : self->check_error ? FW_STORE_CHECK_DAMAGED : FW_STORE_CHECK_PENDING);
  g_cond_broadcast (&self->check_done);
}

static void
check_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  FwStore *self = source;
  g_autoptr(GError) error = NULL;

  check_on_own_connection (data, &error);
  g_mutex_lock (&self->check_lock);
  check_record (self, error);
  g_mutex_unlock (&self->check_lock);
  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
fw_store_check_async (FwStore *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FW_IS_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fw_store_check_async);
  g_mutex_lock (&self->check_lock);
  switch (self->check)
    {
    case FW_STORE_CHECK_PENDING:
      self->check = FW_STORE_CHECK_RUNNING;
      g_mutex_unlock (&self->check_lock);
      g_task_set_task_data (task, g_strdup (self->path), g_free);
      g_task_run_in_thread (task, check_thread);
      return;
    case FW_STORE_CHECK_DAMAGED:
      g_task_return_error (task, g_error_copy (self->check_error));
      break;
    case FW_STORE_CHECK_RUNNING:
      /* a second caller: told when the first check ends */
      while (self->check == FW_STORE_CHECK_RUNNING)
        g_cond_wait (&self->check_done, &self->check_lock);
      if (self->check == FW_STORE_CHECK_DAMAGED)
        g_task_return_error (task, g_error_copy (self->check_error));
      else
        g_task_return_boolean (task, TRUE);
      break;
    default:
      g_task_return_boolean (task, TRUE);
    }
  g_mutex_unlock (&self->check_lock);
}

gboolean
fw_store_check_finish (FwStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Before a write: the integrity check left for later has passed. It is
 * waited for if it is running, run here (on this connection) if it was not
 * started; damage it found refuses the write. */
static gboolean
check_before_write (FwStore *self, GError **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->check_lock);
  while (self->check == FW_STORE_CHECK_RUNNING)
    g_cond_wait (&self->check_done, &self->check_lock);
  if (self->check == FW_STORE_CHECK_PENDING)
    {
      g_autoptr(GError) found = NULL;
      int version = 0;

      fw_store_check_db (self->db, self->path, TRUE, &version, &found);
      check_record (self, found);
      if (found)
        {
          g_propagate_error (error, g_steal_pointer (&found));
          ok = FALSE;
        }
    }
  else if (self->check == FW_STORE_CHECK_DAMAGED)
    {
      g_propagate_error (error, g_error_copy (self->check_error));
      ok = FALSE;
    }
  g_mutex_unlock (&self->check_lock);
  return ok;
}

gboolean
fw_store_begin (FwStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0 && g_atomic_int_get (&self->check) != FW_STORE_CHECK_PASSED
      && !check_before_write (self, error))
    return FALSE;
  fw_store_bulk_begin (self);
  if (self->depth < G_N_ELEMENTS (savepoint_sql))
    {
      if (!exec_prepared (self, savepoint_sql[self->depth][0], error))
        return FALSE;
      self->depth++;
      return TRUE;
    }
  sql = g_strdup_printf ("SAVEPOINT fw%u;", self->depth);
  if (!fw_store_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
fw_store_commit (FwStore *self, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth - 1 < G_N_ELEMENTS (savepoint_sql))
    ok = exec_prepared (self, savepoint_sql[self->depth - 1][1], error);
  else
    {
      sql = g_strdup_printf ("RELEASE fw%u;", self->depth - 1);
      ok = fw_store_exec (self, sql, error);
    }
  if (!ok)
    {
      fw_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  bulk_end (self);
  if (self->depth == 0)
    fw_store_announce (self);
  return TRUE;
}

void
fw_store_rollback (FwStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK;");
  else
    sql = g_strdup_printf ("ROLLBACK TO fw%u; RELEASE fw%u;", self->depth - 1, self->depth - 1);
  fw_store_exec (self, sql, NULL);
  self->depth--;
  bulk_end (self);
  /* the framework cache may hold inspections that no longer exist */
  if (self->depth == 0)
    {
      g_hash_table_remove_all (self->frameworks);
    }
}

void
fw_store_set_role (FwStore *self, FwRole role)
{
  g_return_if_fail (FW_IS_STORE (self));
  self->role = role;
}

FwRole
fw_store_get_role (FwStore *self)
{
  return self->role;
}

char *
fw_user_resolve (const char *given)
{
  const char *env = g_getenv ("FIELDWORK_INSPECTOR");
  const char *real = g_get_real_name ();

  if (given != NULL && *given != '\0')
    return g_strdup (given);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (real != NULL && *real != '\0' && strcmp (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

FwRole
fw_store_role_for (FwStore *self, const char *inspection_id, const char **who)
{
  sqlite3_stmt *s;
  FwRole role = self->role;

  /* inside an import (one all-or-nothing change, under the write lock) the
   * answer cannot change: asked once, not for every row and audit entry */
  if (self->all_or_nothing && self->depth > 0 && g_strcmp0 (self->role_for_id, inspection_id) == 0)
    {
      if (who)
        *who = self->sync_user ? self->sync_user : self->user;
      return self->role_for;
    }
  s = fw_store_stmt (self, "SELECT inspector FROM sync_state"
                           " WHERE inspection_id = ?1 AND role = 'inspector';", NULL);
  g_clear_pointer (&self->sync_user, g_free);
  if (s != NULL)
    {
      sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) == SQLITE_ROW)
        {
          role = FW_ROLE_INSPECTOR;
          self->sync_user = fw_column_dup (s, 0);
        }
      sqlite3_reset (s);
    }
  if (self->all_or_nothing && self->depth > 0)
    {
      g_free (self->role_for_id);
      self->role_for_id = g_strdup (inspection_id);
      self->role_for = role;
    }
  if (who)
    *who = self->sync_user ? self->sync_user : self->user;
  return role;
}

gboolean
fw_store_check_role (FwStore *self, const char *inspection_id, FwRole needed, const char *what, GError **error)
{
  if (needed == FW_ROLE_INSPECTOR || fw_store_role_for (self, inspection_id, NULL) == FW_ROLE_LEAD)
    return TRUE;
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED,
               /* TRANSLATORS: %s is an action, e.g. "quality-assure a case" */
               _("only the lead inspector may %s"), what);
  return FALSE;
}

void
fw_store_set_bulk (FwStore *self, gboolean bulk)
{
  g_return_if_fail (FW_IS_STORE (self));
  self->all_or_nothing = bulk;
  g_clear_pointer (&self->role_for_id, g_free);
}

/* ---------------------------------------------------------------- notifications */

gint64
fw_store_max_audit_id (FwStore *self)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT coalesce(max(rowid), 0) FROM audit;", NULL);
  gint64 id = 0;

  if (s && sqlite3_step (s) == SQLITE_ROW)
    id = sqlite3_column_int64 (s, 0);
  if (s)
    sqlite3_reset (s);
  return id;
}

gint64
fw_store_data_version (FwStore *self)
{
  sqlite3_stmt *s = fw_store_stmt (self, "PRAGMA data_version;", NULL);
  gint64 v = 0;

  if (s && sqlite3_step (s) == SQLITE_ROW)
    v = sqlite3_column_int64 (s, 0);
  if (s)
    sqlite3_reset (s);
  return v;
}

/* More changes than this at once (an import) are announced as one
 * FW_CHANGE_RELOAD per inspection. */
#define ANNOUNCE_MAX 500

static void
announce_reload (FwStore *self, gint64 after)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT DISTINCT inspection_id FROM audit WHERE rowid > ?1;", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (s == NULL)
    return;
  sqlite3_bind_int64 (s, 1, after);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_ptr_array_add (ids, fw_column_dup (s, 0));
  sqlite3_reset (s);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(FwChange) change = fw_change_new (FW_CHANGE_RELOAD, g_ptr_array_index (ids, i), NULL, NULL);
      g_signal_emit (self, signals[CHANGED], 0, change);
    }
}

/* The audit trail is the log of changes: every write adds its rows there in
 * the same transaction, so the rows after the last one announced are exactly
 * what was committed since, here or by another process. */
void
fw_store_announce (FwStore *self)
{
  sqlite3_stmt *s;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 after = self->last_audit_id, last = after;
  int rc;

  if (self->depth > 0)
    return;
  s = fw_store_stmt (self, "SELECT rowid, action, inspection_id, case_id, item, old_value, new_value,"
                           " new_note, reason, who FROM audit WHERE rowid > ?1 ORDER BY rowid LIMIT 501;", NULL);
  if (s == NULL)
    return;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_change_free);
  sqlite3_bind_int64 (s, 1, after);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwChangeKind kind;
      FwChange *change;

      last = sqlite3_column_int64 (s, 0);
      if (changes->len >= ANNOUNCE_MAX)
        break;
      if (!fw_change_kind_from_action ((const char *) sqlite3_column_text (s, 1), &kind))
        continue;
      change = fw_change_new (kind, (const char *) sqlite3_column_text (s, 2),
                              (const char *) sqlite3_column_text (s, 3),
                              (const char *) sqlite3_column_text (s, 4));
      change->old_value = fw_column_dup (s, 5);
      change->new_value = fw_column_dup (s, 6);
      change->note = fw_column_dup (s, 7);
      change->who = fw_column_dup (s, 9);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (s);
  if (rc == SQLITE_ROW)
    {
      /* too many to announce one by one */
      gint64 max = fw_store_max_audit_id (self);
      self->last_audit_id = max;
      announce_reload (self, after);
      return;
    }
  self->last_audit_id = last;
  for (guint i = 0; i < changes->len; i++)
    g_signal_emit (self, signals[CHANGED], 0, g_ptr_array_index (changes, i));
}

gboolean
fw_store_poll (FwStore *self)
{
  gint64 version;

  if (self->depth > 0)
    return FALSE;
  version = fw_store_data_version (self);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  fw_store_announce (self);
  return TRUE;
}

static gboolean
on_watch (gpointer data)
{
  fw_store_poll (FW_STORE (data));
  return G_SOURCE_CONTINUE;
}

void
fw_store_set_watching (FwStore *self, gboolean watching)
{
  g_return_if_fail (FW_IS_STORE (self));
  if (watching && self->watch_source == 0)
    {
      self->data_version = fw_store_data_version (self);
      self->watch_source = g_timeout_add_full (G_PRIORITY_LOW, 250, on_watch, self, NULL);
      g_source_set_name_by_id (self->watch_source, "[fieldwork] watch the database");
    }
  else if (!watching)
    g_clear_handle_id (&self->watch_source, g_source_remove);
}

/* ---------------------------------------------------------------- the write path */

/* Every change goes through here: the rules are checked by func inside the
 * same BEGIN IMMEDIATE transaction (or savepoint) as the write, so nothing
 * another process commits can slip between the check and the write. In bulk
 * mode (an import) the caller's transaction rolls back whole on a failure,
 * and a change needs no savepoint of its own. */
gboolean
fw_store_write (FwStore *self, FwStoreWriteFunc func, gpointer data, GError **error)
{
  gboolean own = self->depth == 0 || !self->all_or_nothing;

  if (own && !fw_store_begin (self, error))
    return FALSE;
  if (!own)
    fw_store_bulk_begin (self);
  if (!func (self, data, error))
    {
      if (own)
        fw_store_rollback (self);
      return FALSE;
    }
  return !own || fw_store_commit (self, error);
}
