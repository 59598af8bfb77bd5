/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a database under real conditions (issue 14): other processes
 * writing at the same time, damage, a newer version only in the -wal file,
 * a held write lock, read-only commands. Real SQLite files in a temporary
 * folder; other processes are forked children or the built fieldwork-cli. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fw-test-util.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = fw_test_tmpdir ();
}

static void
teardown (void)
{
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/* ---------------------------------------------------------------- helpers */

static gboolean
exists (const char *path, const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  return g_file_test (name, G_FILE_TEST_EXISTS);
}

static char *
digest (const char *path, const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  return fw_test_file_digest (name);
}

/* test.db in tmpdir: one inspection with n cases, one answer each; closed. */
static char *
make_db (guint n, char **inspection_id, GPtrArray *case_ids)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(GError) error = NULL;
  FwStore *store = fw_test_store_with_inspection (tmpdir, fw_path, inspection_id);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ref = g_strdup_printf ("CASE-%04u-with-a-longer-reference-to-fill-pages", i);
      const char *attrs[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;
      char *id;

      attrs[FW_TEST_KIND] = i % 2 ? "court" : "out-of-court";
      id = fw_store_add_case (store, *inspection_id, ref, attrs, &error);
      ck_assert_msg (id != NULL, "%s", error ? error->message : "");
      ck_assert_msg (fw_store_set_answer (store, id, i % 2 ? "2.1.1" : "3.1.1", FW_ANSWER_YES,
                                          "An evidence note long enough to take some room on the page.",
                                          "answer", &error), "%s", error ? error->message : "");
      if (case_ids)
        g_ptr_array_add (case_ids, id);
      else
        g_free (id);
    }
  g_object_unref (store);
  return g_build_filename (tmpdir, "test.db", NULL);
}

static sqlite3 *
raw_open (const char *path, int flags)
{
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, flags, NULL), SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql, msg);
}

static guint32
header_user_version (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  ck_assert_uint_ge (length, 100);
  return GUINT32_FROM_BE (*(guint32 *) (contents + 60));
}

/* ---------------------------------------------------------------- concurrency */

/* A child that saves answers until it is killed. */
static pid_t
start_writer (const char *path, GPtrArray *case_ids)
{
  pid_t pid = fork ();

  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      FwStore *store = fw_store_open (path, &error);

      if (store == NULL)
        _exit (3);
      for (guint i = 0;; i++)
        {
          guint c = i % case_ids->len;
          const char *id = g_ptr_array_index (case_ids, c);
          g_autofree char *note = g_strdup_printf ("note %u", i);

          if (!fw_store_set_answer (store, id, c % 2 ? "2.1.1" : "3.1.1", i % 3 == 0 ? FW_ANSWER_NO : FW_ANSWER_YES,
                                    note, "answer", &error))
            {
              g_printerr ("writer: %s\n", error->message);
              _exit (4);
            }
        }
    }
  return pid;
}

static void
stop (pid_t pid, gboolean expect_running)
{
  int status = 0;

  if (expect_running)
    ck_assert_msg (waitpid (pid, &status, WNOHANG) == 0, "the writer stopped early (status %d)", status);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

START_TEST (test_no_false_damage)
{
  /* a writer saving answers while this process opens the store 300 times,
   * read-only and for writing, and a second reader runs `rate` */
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = make_db (40, &id, case_ids);
  pid_t writer, reader;
  int status = 0;

  writer = start_writer (path, case_ids);
  reader = fork ();
  ck_assert_int_ge (reader, 0);
  if (reader == 0)
    {
      /* 60 `rate` runs in parallel with everything else */
      for (guint i = 0; i < 60; i++)
        {
          FwTestRun r = { 0, };

          fw_test_cli (&r, tmpdir, "--db", "test.db", "rate", "--inspection", id, NULL);
          if (r.status != 0)
            {
              g_printerr ("rate %u: %s", i, r.err);
              _exit (1);
            }
          fw_test_run_clear (&r);
        }
      _exit (0);
    }

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwStore) store = i % 2 ? fw_store_open_readonly (path, &error) : fw_store_open (path, &error);
      g_autoptr(FwInspectionInfo) info = NULL;

      ck_assert_msg (store != NULL, "open %u: %s", i, error ? error->message : "?");
      info = fw_store_get_inspection (store, id, &error);
      ck_assert_msg (info != NULL, "read %u: %s", i, error ? error->message : "?");
    }

  ck_assert_int_eq (waitpid (reader, &status, 0), reader);
  ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0, "a `rate` failed while another process wrote");
  stop (writer, TRUE);

  {
    sqlite3 *db = raw_open (path, SQLITE_OPEN_READONLY);
    sqlite3_stmt *s = NULL;

    ck_assert_int_eq (sqlite3_prepare_v2 (db, "PRAGMA integrity_check;", -1, &s, NULL), SQLITE_OK);
    ck_assert_int_eq (sqlite3_step (s), SQLITE_ROW);
    ck_assert_str_eq ((const char *) sqlite3_column_text (s, 0), "ok");
    sqlite3_finalize (s);
    sqlite3_close (db);
  }
}
END_TEST

/* ---------------------------------------------------------------- damage */

START_TEST (test_real_damage_reported)
{
  g_autofree char *id = NULL;
  g_autofree char *path = make_db (60, &id, NULL);
  g_autofree char *contents = NULL, *before = NULL, *after = NULL;
  gsize length = 0, pages;
  guint page_size;
  FwTestRun r = { 0, };

  ck_assert (!exists (path, "-wal"));
  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  pages = length / page_size;
  ck_assert_uint_ge (pages, 4);
  memset (contents + (pages / 2) * page_size + 1, 0xEE, page_size - 2);
  ck_assert (g_file_set_contents (path, contents, length, NULL));
  before = digest (path, "");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwStore) store = i ? fw_store_open_readonly (path, &error) : fw_store_open (path, &error);

      ck_assert_ptr_null (store);
      ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT);
      ck_assert_msg (strchr (error->message, '\n') == NULL, "“%s” is not one line", error->message);
      g_clear_pointer (&after, g_free);
      after = digest (path, "");
      ck_assert_str_eq (after, before);
      ck_assert_msg (!exists (path, "-wal") && !exists (path, "-shm"), "files left beside a refused database");
    }

  fw_test_cli (&r, tmpdir, "--db", "test.db", "rate", "--inspection", id, NULL);
  fw_test_assert_one_line_error (&r, "damaged");
  fw_test_cli (&r, tmpdir, "--db", "test.db", "inspections", NULL);
  fw_test_assert_one_line_error (&r, "damaged");
  fw_test_run_clear (&r);
  g_free (after);
  after = digest (path, "");
  ck_assert_str_eq (after, before);
  ck_assert (!exists (path, "-wal") && !exists (path, "-shm"));
}
END_TEST

/* The window opens a file without the integrity check and runs it after its
 * first frame, on another thread (fw_store_check_async ()): damage is still
 * reported, with the advice to restore, and no write reaches the damaged
 * file, whether it comes before the check has run or after. */
static void
on_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **error = data;

  ck_assert (!fw_store_check_finish (FW_STORE (source), result, error) == (*error != NULL));
  g_main_loop_quit (g_object_get_data (source, "loop"));
}

static gboolean
check_in_thread (FwStore *store, GError **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_object_set_data (G_OBJECT (store), "loop", loop);
  fw_store_check_async (store, NULL, on_checked, error);
  g_main_loop_run (loop);
  g_object_set_data (G_OBJECT (store), "loop", NULL);
  return *error == NULL;
}

START_TEST (test_deferred_check)
{
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = make_db (60, &id, cases);
  g_autofree char *contents = NULL, *before = NULL, *after = NULL;
  const char *case_id = g_ptr_array_index (cases, 0);
  g_autoptr(GError) error = NULL;
  gsize length = 0, pages;
  guint page_size;

  /* an undamaged file: the check passes, writes go through */
  {
    g_autoptr(FwStore) store = fw_store_open_deferring_check (path, &error);

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    ck_assert_msg (check_in_thread (store, &error), "%s", error ? error->message : "");
    ck_assert_msg (fw_store_set_answer (store, case_id, "3.1.1", FW_ANSWER_NO, "after the check", "answer", &error),
               "%s", error ? error->message : "");
  }

  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  pages = length / page_size;
  memset (contents + (pages / 2) * page_size + 1, 0xEE, page_size - 2);
  ck_assert (g_file_set_contents (path, contents, length, NULL));
  before = digest (path, "");

  /* the check on its thread finds the damage; the write after it is refused */
  {
    g_autoptr(FwStore) store = fw_store_open_deferring_check (path, &error);

    ck_assert_msg (store != NULL, "opening without the check: %s", error ? error->message : "");
    ck_assert (!check_in_thread (store, &error));
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT);
    ck_assert_msg (strstr (error->message, "damaged") && strstr (error->message, "restore it from a copy"),
                   "%s", error->message);
    g_clear_error (&error);
    ck_assert (!fw_store_set_answer (store, case_id, "3.1.1", FW_ANSWER_YES, "", "answer", &error));
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
  }
  /* a write before any check runs it first, and is refused */
  {
    g_autoptr(FwStore) store = fw_store_open_deferring_check (path, &error);

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    ck_assert (!fw_store_set_answer (store, case_id, "3.1.1", FW_ANSWER_YES, "", "answer", &error));
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
  }
  after = digest (path, "");
  ck_assert_str_eq (after, before);
}
END_TEST

/* ---------------------------------------------------------------- version in the WAL */

START_TEST (test_too_new_in_wal)
{
  g_autofree char *id = NULL;
  g_autofree char *path = make_db (5, &id, NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", FW_STORE_VERSION + 1);
  g_autofree char *main_before = NULL, *wal_before = NULL;
  sqlite3 *db;
  FwTestRun r = { 0, };

  /* a newer Fieldwork bumped the version and stopped before a checkpoint */
  db = raw_open (path, SQLITE_OPEN_READWRITE);
  ck_assert_int_eq (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
  raw_exec (db, sql);
  sqlite3_close (db);
  ck_assert (exists (path, "-wal"));
  ck_assert_uint_eq (header_user_version (path), FW_STORE_VERSION);
  main_before = digest (path, "");
  wal_before = digest (path, "-wal");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwStore) store = i ? fw_store_open_readonly (path, &error) : fw_store_open (path, &error);
      g_autofree char *main_after = NULL, *wal_after = NULL;

      ck_assert_msg (store == NULL, "a database of a newer version was opened");
      ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW);
      main_after = digest (path, "");
      wal_after = digest (path, "-wal");
      ck_assert_str_eq (main_after, main_before);
      ck_assert_str_eq (wal_after, wal_before);
    }

  fw_test_cli (&r, tmpdir, "--db", "test.db", "--as", "Someone", "case-status", "--inspection", id, "--case",
       "CASE-0001-with-a-longer-reference-to-fill-pages", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "newer Fieldwork");
  fw_test_run_clear (&r);
  {
    g_autofree char *main_after = digest (path, "");
    g_autofree char *wal_after = digest (path, "-wal");

    ck_assert_str_eq (main_after, main_before);
    ck_assert_str_eq (wal_after, wal_before);
  }

  /* and with the connection that wrote it still open */
  db = raw_open (path, SQLITE_OPEN_READWRITE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwStore) store = fw_store_open (path, &error);

    ck_assert_ptr_null (store);
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW);
  }
  ck_assert_int_eq (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
  sqlite3_close (db);
}
END_TEST

/* ---------------------------------------------------------------- the write lock */

START_TEST (test_busy)
{
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = make_db (2, &id, case_ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  sqlite3 *db;
  gint64 start, waited;
  FwTestRun r = { 0, };

  g_setenv ("FIELDWORK_BUSY_TIMEOUT_MS", "400", TRUE);
  db = raw_open (path, SQLITE_OPEN_READWRITE);
  raw_exec (db, "BEGIN IMMEDIATE; UPDATE kase SET status = status;");

  /* opening only reads */
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");

  start = g_get_monotonic_time ();
  ck_assert (!fw_store_set_answer (store, g_ptr_array_index (case_ids, 1), "2.1.1", FW_ANSWER_YES, NULL,
                                   "answer", &error));
  waited = (g_get_monotonic_time () - start) / 1000;
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY);
  ck_assert_msg (strstr (error->message, "another Fieldwork is writing to this file; try again") != NULL,
                 "%s", error->message);
  ck_assert_msg (strstr (error->message, path) != NULL, "“%s” does not name the file", error->message);
  ck_assert_msg (waited >= 300 && waited < 5000, "waited %" G_GINT64_FORMAT " ms", waited);
  g_clear_error (&error);

  fw_test_cli (&r, tmpdir, "--db", "test.db", "case-status", "--inspection", id, "--case",
       "CASE-0000-with-a-longer-reference-to-fill-pages", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "another Fieldwork is writing to this file; try again");
  fw_test_run_clear (&r);

  /* released: the same change goes through */
  raw_exec (db, "COMMIT;");
  ck_assert_msg (fw_store_set_answer (store, g_ptr_array_index (case_ids, 1), "2.1.1", FW_ANSWER_YES, NULL,
                                      "answer", &error), "%s", error ? error->message : "");
  sqlite3_close (db);
}
END_TEST

/* ---------------------------------------------------------------- read-only commands */

START_TEST (test_readonly_creates_nothing)
{
  const char *commands[] = { "rate", "audit", "review", "export" };
  g_autofree char *empty = fw_test_write (tmpdir, "empty.db", "", 0);
  g_autofree char *missing = g_build_filename (tmpdir, "sub", NULL);
  FwTestRun r = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *dbs[] = { "sub/dir/x.db", "missing.db", "empty.db" };

      for (guint j = 0; j < G_N_ELEMENTS (dbs); j++)
        {
          if (strcmp (commands[i], "export") == 0)
            fw_test_cli (&r, tmpdir, "--db", dbs[j], "export", "--inspection", "x", "--format", "csv", "--output", "o.csv", NULL);
          else
            fw_test_cli (&r, tmpdir, "--db", dbs[j], commands[i], "--inspection", "x", NULL);
          fw_test_assert_one_line_error (&r, dbs[j]);
        }
    }
  fw_test_run_clear (&r);
  ck_assert (!g_file_test (missing, G_FILE_TEST_EXISTS));
  {
    g_autofree char *m = g_build_filename (tmpdir, "missing.db", NULL);
    g_autofree char *o = g_build_filename (tmpdir, "o.csv", NULL);
    struct stat st;

    ck_assert (!g_file_test (m, G_FILE_TEST_EXISTS));
    ck_assert (!g_file_test (o, G_FILE_TEST_EXISTS));
    ck_assert_int_eq (g_stat (empty, &st), 0);
    ck_assert_int_eq (st.st_size, 0);
    ck_assert (!exists (empty, "-wal") && !exists (empty, "-shm"));
  }

  /* the core: FW_STORE_ERROR_NOT_FOUND */
  {
    g_autofree char *p = g_build_filename (tmpdir, "none", "x.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(FwStore) store = fw_store_open_readonly (p, &error);

    ck_assert_ptr_null (store);
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  }
}
END_TEST

START_TEST (test_readonly_changes_nothing)
{
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = make_db (3, &id, case_ids);
  g_autofree char *before = digest (path, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  FwTestRun r = { 0, };

  ck_assert (!exists (path, "-wal"));
  store = fw_store_open_readonly (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (!fw_store_set_answer (store, g_ptr_array_index (case_ids, 1), "2.1.1", FW_ANSWER_YES, NULL,
                                   "answer", &error));
  g_clear_error (&error);
  g_clear_object (&store);

  fw_test_cli (&r, tmpdir, "--db", "test.db", "rate", "--inspection", id, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  fw_test_cli (&r, tmpdir, "--db", "test.db", "audit", "--inspection", id, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  fw_test_run_clear (&r);
  {
    g_autofree char *after = digest (path, "");
    ck_assert_str_eq (after, before);
  }
  ck_assert_msg (!exists (path, "-wal") && !exists (path, "-shm"), "a read-only command left files beside");
}
END_TEST

/* ---------------------------------------------------------------- smaller faults */

START_TEST (test_smaller_faults)
{
  g_autofree char *id = NULL;
  g_autofree char *path = make_db (2, &id, NULL);
  g_autofree char *csv = fw_test_write (tmpdir, "empty.csv", "reference,item,answer\r\n", -1);
  g_autofree char *out = g_build_filename (tmpdir, "s.csv", NULL);
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *xml = NULL;
  g_autofree char *big = NULL;
  GRegex *version;
  struct stat st;
  mode_t old_mask;
  FwTestRun r = { 0, };

  /* an empty import into a locked inspection fails */
  fw_test_cli (&r, tmpdir, "--db", "test.db", "lock", "--inspection", id, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  fw_test_cli (&r, tmpdir, "--db", "test.db", "import-answers", "--inspection", id, "empty.csv", NULL);
  fw_test_assert_one_line_error (&r, "locked");

  /* exports are private, whatever the umask */
  old_mask = umask (0);
  fw_test_cli (&r, tmpdir, "--db", "test.db", "export", "--inspection", id, "--format", "csv", "--output", "s.csv", NULL);
  umask (old_mask);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_int_eq (g_stat (out, &st), 0);
  ck_assert_msg ((st.st_mode & 0777) == 0600, "export mode %o", st.st_mode & 0777);

  /* a framework version that does not fit is refused, not wrapped round */
  ck_assert (g_file_get_contents (fw_path, &xml, NULL, NULL));
  version = g_regex_new ("(<framework [^>]*version=\")[0-9]+\"", 0, 0, NULL);
  big = g_regex_replace (version, xml, -1, 0, "\\g<1>4294967297\"", 0, NULL);
  g_regex_unref (version);
  ck_assert (strstr (big, "4294967297") != NULL);
  g_free (fw_test_write (tmpdir, "big.xml", big, -1));
  fw_test_cli (&r, tmpdir, "validate", "big.xml", NULL);
  fw_test_assert_one_line_error (&r, "4294967297");
  fw_test_run_clear (&r);
  (void) path;
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("open");
  TCase *tc = tcase_create ("open");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_no_false_damage);
  tcase_add_test (tc, test_real_damage_reported);
  tcase_add_test (tc, test_deferred_check);
  tcase_add_test (tc, test_too_new_in_wal);
  tcase_add_test (tc, test_busy);
  tcase_add_test (tc, test_readonly_creates_nothing);
  tcase_add_test (tc, test_readonly_changes_nothing);
  tcase_add_test (tc, test_smaller_faults);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
