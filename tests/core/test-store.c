/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fw-test-util.h"

/* Every test runs in its own forked child with its own folder; the folder is
 * made by the checked fixture, i.e. after the fork, and no SQLite handle is
 * ever opened in the parent. */
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

static FwStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  FwStore *store = fw_store_open (path, &error);

  ck_assert_msg (store != NULL, "%s: %s", path, error ? error->message : "?");
  fw_store_set_user (store, "Tester");
  return store;
}

static FwFramework *
hmip (void)
{
  g_autofree char *path = fw_test_framework_path ("hmip-youth-2018.xml");
  return fw_test_load_framework (path);
}

static char *
create_inspection (FwStore *store, FwFramework *fw)
{
  g_autoptr(GError) error = NULL;
  const char *inspectors[] = { "Ann Inspector", "Bob Inspector", NULL };
  char *id = fw_store_create_inspection (store, fw, "Test YOS", "2019-10-07", inspectors, &error);

  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  return id;
}

static char *
add_case (FwStore *store, const char *inspection_id, const char *reference, const char *kind)
{
  g_autoptr(GError) error = NULL;
  const char *attrs[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;
  char *id;

  attrs[FW_TEST_KIND] = kind;
  id = fw_store_add_case (store, inspection_id, reference, attrs, &error);
  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  return id;
}

static guint
count_cases (FwStore *store, const char *inspection_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, NULL, &error);

  ck_assert_msg (cases != NULL, "%s", error ? error->message : "");
  return cases->len;
}

static guint
count_audit (FwStore *store, const char *inspection_id)
{
  g_autoptr(GError) error = NULL;
  guint n = fw_store_count_audit (store, inspection_id, &error);

  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  return n;
}

static FwAnswer
get_answer (FwStore *store, const char *case_id, const char *item, char **note)
{
  g_autoptr(GError) error = NULL;
  FwAnswer answer = FW_ANSWER_NONE;

  ck_assert_msg (fw_store_get_answer (store, case_id, item, &answer, note, &error),
                 "%s", error ? error->message : "");
  return answer;
}

static void
set_answer_ok (FwStore *store, const char *case_id, const char *item, FwAnswer answer, const char *note)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (fw_store_set_answer (store, case_id, item, answer, note, "answer", &error),
                 "%s %s: %s", case_id, item, error ? error->message : "");
}

static char *
case_status (FwStore *store, const char *inspection_id, const char *reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCase) c = fw_store_find_case (store, inspection_id, reference, &error);

  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return g_strdup (fw_case_get_attr (c, "status"));
}

/* Raw SQLite access to a closed database file (or one the store has open;
 * WAL lets a second connection read). */
static sqlite3 *
raw_open (const char *path, int flags)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  ck_assert_msg (rc == SQLITE_OK, "%s: %s", path, db ? sqlite3_errmsg (db) : "cannot open");
  return db;
}

static void
raw_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  ck_assert_msg (rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
  sqlite3_free (msg);
}

static gint64
raw_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *s = NULL;
  gint64 value;

  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  ck_assert_msg (sqlite3_step (s) == SQLITE_ROW, "%s: no row", sql);
  value = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  return value;
}

static char *
raw_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *s = NULL;
  char *value;

  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  ck_assert_msg (sqlite3_step (s) == SQLITE_ROW, "%s: no row", sql);
  value = g_strdup ((const char *) sqlite3_column_text (s, 0));
  sqlite3_finalize (s);
  return value;
}

static gboolean
exists (const char *path, const char *suffix)
{
  g_autofree char *p = g_strconcat (path, suffix, NULL);
  return g_file_test (p, G_FILE_TEST_EXISTS);
}

/* The connections the store opens, seen through an auto-extension so the
 * test can ask a live connection for its per-connection settings. */
static sqlite3 *last_connection;

static int
remember_connection (sqlite3 *db, char **msg, const void *api)
{
  (void) msg;
  (void) api;
  last_connection = db;
  return SQLITE_OK;
}

/* ---------------------------------------------------------------- creation */

START_TEST (test_new_database)
{
  g_autofree char *path = g_build_filename (tmpdir, "sub", "dir", "new.db", NULL);
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *live_mode = NULL;
  struct stat st;
  sqlite3 *db;

  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert_int_eq (sqlite3_auto_extension ((void (*) (void)) remember_connection), SQLITE_OK);
  store = open_store (path);
  ck_assert_ptr_nonnull (last_connection);
  ck_assert_str_eq (fw_store_get_path (store), path);

  /* private from the first byte */
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_msg ((st.st_mode & 0777) == 0600, "mode %o", st.st_mode & 0777);

  /* the store's own connection: WAL, synchronous FULL (2), foreign keys on */
  live_mode = raw_text (last_connection, "PRAGMA journal_mode;");
  ck_assert_str_eq (live_mode, "wal");
  ck_assert_int_eq (raw_int (last_connection, "PRAGMA synchronous;"), 2);
  ck_assert_int_eq (raw_int (last_connection, "PRAGMA foreign_keys;"), 1);
  sqlite3_reset_auto_extension ();

  id = create_inspection (store, fw);
  g_clear_object (&store);

  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_msg ((st.st_mode & 0777) == 0600, "mode after writing %o", st.st_mode & 0777);

  db = raw_open (path, SQLITE_OPEN_READONLY);
  mode = raw_text (db, "PRAGMA journal_mode;");
  ck_assert_str_eq (mode, "wal");
  ck_assert_int_eq (raw_int (db, "PRAGMA application_id;"), 0x4657524B);
  ck_assert_int_eq (raw_int (db, "PRAGMA application_id;"), FW_STORE_APPLICATION_ID);
  ck_assert_int_eq (raw_int (db, "PRAGMA user_version;"), FW_STORE_VERSION);
  ck_assert_int_eq (raw_int (db, "SELECT count(*) FROM inspection;"), 1);
  sqlite3_close (db);
}
END_TEST

START_TEST (test_reopen_keeps_data)
{
  g_autofree char *path = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwFramework) fw = hmip ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autofree char *id = NULL, *case_id = NULL, *note = NULL;
  FwStore *store;
  FwCase *c;
  const char *attrs[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;

  store = open_store (path);
  id = create_inspection (store, fw);
  attrs[FW_TEST_KIND] = "court";
  attrs[FW_TEST_GENDER] = "girl";
  attrs[FW_TEST_ROSH] = "high";
  attrs[FW_TEST_INSPECTOR] = "Ann Inspector";
  case_id = fw_store_add_case (store, id, "YOS-001", attrs, &error);
  ck_assert_msg (case_id != NULL, "%s", error ? error->message : "");
  set_answer_ok (store, case_id, "2.1.1", FW_ANSWER_NO, "Missing victim work");
  ck_assert (fw_store_set_judgement (store, id, "1.1", "good", "Strong board", &error));
  g_object_unref (store);

  store = open_store (path);
  list = fw_store_list_inspections (store, &error);
  ck_assert_ptr_nonnull (list);
  ck_assert_uint_eq (list->len, 1);
  info = fw_store_get_inspection (store, id, &error);
  ck_assert_msg (info != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (info->service, "Test YOS");
  ck_assert_str_eq (info->start_date, "2019-10-07");
  ck_assert_str_eq (info->status, "open");
  ck_assert_str_eq (info->framework_id, "hmip-youth-2018");
  ck_assert_ptr_nonnull (info->created_at);

  cases = fw_store_list_cases (store, id, NULL, &error);
  ck_assert_uint_eq (cases->len, 1);
  c = g_ptr_array_index (cases, 0);
  ck_assert_str_eq (c->id, case_id);
  ck_assert_str_eq (c->reference, "YOS-001");
  ck_assert_str_eq (fw_case_get_attr (c, "kind"), "court");
  ck_assert_str_eq (fw_case_get_attr (c, "gender"), "girl");
  ck_assert_str_eq (fw_case_get_attr (c, "rosh"), "high");
  ck_assert_str_eq (fw_case_get_attr (c, "inspector"), "Ann Inspector");
  ck_assert_ptr_null (fw_case_get_attr (c, "age"));
  ck_assert_str_eq (fw_case_get_attr (c, "status"), "in-progress");

  ck_assert_int_eq (get_answer (store, case_id, "2.1.1", &note), FW_ANSWER_NO);
  ck_assert_str_eq (note, "Missing victim work");
  {
    g_autoptr(GHashTable) j = fw_store_get_judgements (store, id, &error);
    ck_assert_uint_eq (g_hash_table_size (j), 1);
    ck_assert_str_eq (g_hash_table_lookup (j, "1.1"), "good");
  }
  g_object_unref (store);
}
END_TEST

START_TEST (test_reopen_odd_path)
{
  /* the path goes to SQLite as is and, for the integrity check, as a URI */
  g_autofree char *dir = g_build_filename (tmpdir, "My Inspections #1 (50% done)", NULL);
  g_autofree char *path = g_build_filename (dir, "a?b&c=d é.db", NULL);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = NULL;
  FwStore *store;

  store = open_store (path);
  id = create_inspection (store, fw);
  g_free (add_case (store, id, "X-1", "court"));
  g_object_unref (store);
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  ck_assert (!exists (path, "-wal"));

  store = open_store (path);
  ck_assert_uint_eq (count_cases (store, id), 1);
  g_object_unref (store);
  ck_assert (!exists (path, "-wal"));
  ck_assert (!exists (path, "-shm"));
}
END_TEST

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  ck_assert_msg (g_file_get_contents (from, &contents, &length, NULL), "%s", from);
  ck_assert (g_file_set_contents (to, contents, length, NULL));
}

START_TEST (test_reopen_after_crash)
{
  /* the files as a laptop that died mid-week leaves them: the latest
   * answers only in the -wal file */
  g_autofree char *path = g_build_filename (tmpdir, "live.db", NULL);
  g_autofree char *crashed = g_build_filename (tmpdir, "crashed.db", NULL);
  g_autoptr(FwFramework) fw = hmip ();
  g_autoptr(FwStore) store = open_store (path);
  g_autoptr(FwStore) reopened = NULL;
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, id, "W-1", "court");
  const char *suffixes[] = { "", "-wal", "-shm" };

  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_YES, "kept in the WAL");
  ck_assert (exists (path, "-wal"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (crashed, suffixes[i], NULL);
      copy_file (from, to);
    }

  reopened = open_store (crashed);
  ck_assert_uint_eq (count_cases (reopened, id), 1);
  ck_assert_int_eq (get_answer (reopened, c1, "2.1.1", NULL), FW_ANSWER_YES);
}
END_TEST

START_TEST (test_open_twice)
{
  /* the window has the database open and fieldwork-cli opens it too */
  g_autofree char *path = g_build_filename (tmpdir, "shared.db", NULL);
  g_autoptr(FwFramework) fw = hmip ();
  g_autoptr(FwStore) first = open_store (path);
  g_autoptr(FwStore) second = NULL;
  g_autofree char *id = create_inspection (first, fw);
  g_autofree char *c1 = add_case (first, id, "T-1", "court");

  second = open_store (path);
  ck_assert_uint_eq (count_cases (second, id), 1);
  set_answer_ok (second, c1, "2.1.1", FW_ANSWER_NO, NULL);
  ck_assert_int_eq (get_answer (first, c1, "2.1.1", NULL), FW_ANSWER_NO);
}
END_TEST

START_TEST (test_framework_snapshot)
{
  g_autofree char *source = fw_test_data_path ("frameworks/madeup-pooled.xml");
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwFramework) loaded = NULL;
  g_autoptr(FwFramework) reloaded = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = NULL;
  g_autofree char *id = NULL;
  const char *inspectors[] = { "Ann", "Bob", "Ann", NULL };
  const char *xml;
  gsize length, xml_length;
  FwStore *store;

  ck_assert (g_file_get_contents (source, &original, &length, NULL));
  copy = fw_test_write (tmpdir, "framework.xml", original, length);
  fw = fw_test_load_framework (copy);

  store = open_store (db);
  id = fw_store_create_inspection (store, fw, "Test service", "2024-02-29", inspectors, &error);
  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  g_clear_pointer (&fw, fw_framework_unref);

  /* the file changes (a new version, other thresholds), then disappears */
  changed = g_string_new (original);
  g_string_replace (changed, "version=\"3\"", "version=\"4\"", 1);
  g_string_replace (changed, "min=\"60\"", "min=\"10\"", 1);
  g_free (fw_test_write (tmpdir, "framework.xml", changed->str, changed->len));
  loaded = fw_store_load_framework (store, id, &error);
  ck_assert_msg (loaded != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (fw_framework_get_id (loaded), "test-pooled");
  ck_assert_uint_eq (fw_framework_get_version (loaded), 3);
  g_unlink (copy);
  g_object_unref (store);

  store = open_store (db);
  reloaded = fw_store_load_framework (store, id, &error);
  ck_assert_msg (reloaded != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (fw_framework_get_id (reloaded), "test-pooled");
  ck_assert_uint_eq (fw_framework_get_version (reloaded), 3);
  ck_assert_uint_eq (fw_framework_find_band (reloaded, "fair")->min, 60);
  xml = fw_framework_get_xml (reloaded, &xml_length);
  ck_assert_uint_eq (xml_length, length);
  ck_assert (memcmp (xml, original, length) == 0);

  /* the team, in order, each name once */
  info = fw_store_get_inspection (store, id, &error);
  ck_assert_msg (info != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (g_strv_length (info->inspectors), 2);
  ck_assert_str_eq (info->inspectors[0], "Ann");
  ck_assert_str_eq (info->inspectors[1], "Bob");
  ck_assert_str_eq (info->framework_id, "test-pooled");
  ck_assert_uint_eq (info->framework_version, 3);
  ck_assert_str_eq (info->start_date, "2024-02-29");

  /* an unknown inspection */
  g_clear_error (&error);
  ck_assert_ptr_null (fw_store_load_framework (store, "no-such-inspection", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  g_object_unref (store);
}
END_TEST

START_TEST (test_random_ids)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *a = create_inspection (store, fw);
  g_autofree char *b = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, a, "R1", "court");
  g_autofree char *c2 = add_case (store, a, "R2", "court");
  g_autofree char *c3 = add_case (store, b, "R1", "court");   /* same reference, other inspection */
  g_autoptr(GPtrArray) list = NULL;

  ck_assert_uint_eq (strlen (a), 36);
  ck_assert_uint_eq (strlen (b), 36);
  ck_assert (g_uuid_string_is_valid (a));
  ck_assert (g_uuid_string_is_valid (b));
  ck_assert_str_ne (a, b);
  ck_assert_uint_eq (strlen (c1), 36);
  ck_assert (g_uuid_string_is_valid (c1));
  ck_assert_str_ne (c1, c2);
  ck_assert_str_ne (c1, c3);
  ck_assert_str_ne (c1, a);
  list = fw_store_list_inspections (store, NULL);
  ck_assert_uint_eq (list->len, 2);
}
END_TEST

static const char *bad_dates[] = {
  "2025-02-30", "2025-13-01", "2025-1-1", "", "yesterday", "2025-02-29", "2025-00-10",
  "2025-01-00", "2025-01-32", "2025/01/01", "2025-01-01x", " 2025-01-01", "25-01-01",
  "2025-01-1 ", "0000-01-01",
};

START_TEST (test_bad_dates)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  const char *date = bad_dates[_i];

  ck_assert (!fw_validate_date (date, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  id = fw_store_create_inspection (store, fw, "Service", date, NULL, &error);
  ck_assert_msg (id == NULL, "“%s” accepted", date);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  list = fw_store_list_inspections (store, NULL);
  ck_assert_uint_eq (list->len, 0);
}
END_TEST

START_TEST (test_good_dates)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  ck_assert (fw_validate_date ("2024-02-29", NULL));
  ck_assert (fw_validate_date ("2025-12-31", NULL));
  ck_assert (fw_validate_date ("2019-10-07", NULL));
  ck_assert (!fw_validate_date (NULL, NULL));

  /* and an empty service name is refused */
  id = fw_store_create_inspection (store, fw, "  ", "2025-01-01", NULL, &error);
  ck_assert_ptr_null (id);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
}
END_TEST

/* ---------------------------------------------------------------- cases */

START_TEST (test_cases)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *other = create_inspection (store, fw);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(FwCase) found = NULL;
  g_autoptr(FwFilter) filter = fw_filter_new ();
  g_autofree char *c1 = NULL, *dup = NULL, *bad = NULL;
  const char *attrs[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;
  guint audit_before;

  attrs[FW_TEST_KIND] = "court";
  attrs[FW_TEST_DISPOSAL] = "referral order";
  attrs[FW_TEST_GENDER] = "boy";
  c1 = fw_store_add_case (store, id, "A-1", attrs, &error);
  ck_assert_msg (c1 != NULL, "%s", error ? error->message : "");
  g_free (add_case (store, id, "A-2", "out-of-court"));
  g_free (add_case (store, id, "A-3", "court"));
  ck_assert_uint_eq (count_cases (store, id), 3);
  ck_assert_uint_eq (count_cases (store, other), 0);

  found = fw_store_find_case (store, id, "A-1", &error);
  ck_assert_ptr_nonnull (found);
  ck_assert_str_eq (found->id, c1);
  ck_assert_str_eq (fw_case_get_attr (found, "disposal"), "referral order");
  ck_assert_str_eq (fw_case_get_attr (found, "status"), "not-started");

  /* the same reference again is refused and changes nothing */
  audit_before = count_audit (store, id);
  attrs[FW_TEST_KIND] = "out-of-court";
  dup = fw_store_add_case (store, id, "A-1", attrs, &error);
  ck_assert_ptr_null (dup);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_uint_eq (count_cases (store, id), 3);
  ck_assert_uint_eq (count_audit (store, id), audit_before);
  g_clear_pointer (&found, fw_case_free);
  found = fw_store_find_case (store, id, "A-1", &error);
  ck_assert_str_eq (fw_case_get_attr (found, "kind"), "court");

  /* an unknown kind, no kind, no reference */
  attrs[FW_TEST_KIND] = "victim";
  bad = fw_store_add_case (store, id, "A-9", attrs, &error);
  ck_assert_ptr_null (bad);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  attrs[FW_TEST_KIND] = NULL;
  ck_assert_ptr_null (fw_store_add_case (store, id, "A-9", attrs, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  attrs[FW_TEST_KIND] = "court";
  ck_assert_ptr_null (fw_store_add_case (store, id, "", attrs, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_uint_eq (count_cases (store, id), 3);

  /* an unknown inspection */
  ck_assert_ptr_null (fw_store_add_case (store, "nope", "A-9", attrs, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ck_assert_ptr_null (fw_store_find_case (store, id, "A-9", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a filtered list */
  fw_filter_add (filter, "kind", "court");
  list = fw_store_list_cases (store, id, filter, &error);
  ck_assert_uint_eq (list->len, 2);
  ck_assert_str_eq (((FwCase *) g_ptr_array_index (list, 0))->reference, "A-1");
  ck_assert_str_eq (((FwCase *) g_ptr_array_index (list, 1))->reference, "A-3");
}
END_TEST

/* ---------------------------------------------------------------- answers */

typedef struct {
  guint    n;
  char    *case_id;
  char    *item;
  FwAnswer old_answer;
  FwAnswer new_answer;
} Heard;

/* FwStore::changed, for answers only (the first answer of a case also
 * announces its start, and adding a case its addition). */
static void
on_changed (FwStore *store, FwChange *change, gpointer data)
{
  Heard *heard = data;

  (void) store;
  if (change->kind != FW_CHANGE_ANSWER)
    return;
  heard->n++;
  g_free (heard->case_id);
  g_free (heard->item);
  heard->case_id = g_strdup (change->case_id);
  heard->item = g_strdup (change->item);
  fw_answer_from_string (change->old_value, &heard->old_answer);
  fw_answer_from_string (change->new_value, &heard->new_answer);
}

static void
heard_clear (Heard *heard)
{
  g_free (heard->case_id);
  g_free (heard->item);
}

#define assert_heard(h, count, cid, it, o, nw) \
  do { \
    ck_assert_uint_eq ((h)->n, (count)); \
    ck_assert_str_eq ((h)->case_id, (cid)); \
    ck_assert_str_eq ((h)->item, (it)); \
    ck_assert_int_eq ((h)->old_answer, (o)); \
    ck_assert_int_eq ((h)->new_answer, (nw)); \
  } while (0)

START_TEST (test_answers_audited)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, id, "C-1", "court");
  g_autofree char *status = NULL;
  g_autofree char *note = NULL;
  g_autofree char *who = NULL;
  Heard heard = { 0, };
  guint audit;
  sqlite3 *raw;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &heard);
  audit = count_audit (store, id);
  ck_assert_uint_eq (audit, 2);   /* the creation, the case added */

  /* first answer: the answer and the case's status change are audited */
  status = case_status (store, id, "C-1");
  ck_assert_str_eq (status, "not-started");
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_YES, NULL);
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", NULL), FW_ANSWER_YES);
  assert_heard (&heard, 1, c1, "2.1.1", FW_ANSWER_NONE, FW_ANSWER_YES);
  ck_assert_uint_gt (count_audit (store, id), audit);
  ck_assert_uint_eq (count_audit (store, id), audit + 2);
  audit = count_audit (store, id);
  g_free (status);
  status = case_status (store, id, "C-1");
  ck_assert_str_eq (status, "in-progress");

  /* a new value */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NO, NULL);
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", NULL), FW_ANSWER_NO);
  ck_assert_uint_eq (count_audit (store, id), audit + 1);
  assert_heard (&heard, 2, c1, "2.1.1", FW_ANSWER_YES, FW_ANSWER_NO);

  /* the note alone */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NO, "No plan on file");
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", &note), FW_ANSWER_NO);
  ck_assert_str_eq (note, "No plan on file");
  ck_assert_uint_eq (count_audit (store, id), audit + 2);

  /* the same again: no change, no audit row */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NO, "No plan on file");
  ck_assert_uint_eq (count_audit (store, id), audit + 2);

  /* an empty note is no note */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NO, "");
  g_clear_pointer (&note, g_free);
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", &note), FW_ANSWER_NO);
  ck_assert_ptr_null (note);
  ck_assert_uint_eq (count_audit (store, id), audit + 3);
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NO, NULL);
  ck_assert_uint_eq (count_audit (store, id), audit + 3);

  /* clearing */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NONE, NULL);
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", NULL), FW_ANSWER_NONE);
  ck_assert_uint_eq (count_audit (store, id), audit + 4);
  assert_heard (&heard, 5, c1, "2.1.1", FW_ANSWER_NO, FW_ANSWER_NONE);
  {
    g_autoptr(GHashTable) answers = fw_store_get_case_answers (store, c1, NULL);
    ck_assert_uint_eq (g_hash_table_size (answers), 0);
  }
  /* clearing what is not answered is no change */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NONE, NULL);
  ck_assert_uint_eq (count_audit (store, id), audit + 4);
  ck_assert_uint_eq (heard.n, 5);

  /* na (on a planning question: assessment offers Yes/No only), and a prompt */
  set_answer_ok (store, c1, "2.2.2", FW_ANSWER_NA, NULL);
  set_answer_ok (store, c1, "2.1.1.a", FW_ANSWER_YES, NULL);
  assert_heard (&heard, 7, c1, "2.1.1.a", FW_ANSWER_NONE, FW_ANSWER_YES);
  {
    g_autoptr(GHashTable) answers = fw_store_get_case_answers (store, c1, NULL);
    ck_assert_uint_eq (g_hash_table_size (answers), 2);
    ck_assert_str_eq (g_hash_table_lookup (answers, "2.2.2"), "na");
    ck_assert_str_eq (g_hash_table_lookup (answers, "2.1.1.a"), "yes");
  }

  /* the trail records who, the old and new values, and the clearing */
  raw = raw_open (db, SQLITE_OPEN_READONLY);
  ck_assert_int_eq (raw_int (raw, "SELECT count(*) FROM audit WHERE item = '2.1.1' AND action = 'answer';"), 5);
  ck_assert_int_eq (raw_int (raw, "SELECT count(*) FROM audit WHERE item = '2.1.1'"
                                  " AND old_value = 'no' AND new_value IS NULL;"), 1);
  ck_assert_int_eq (raw_int (raw, "SELECT count(*) FROM audit WHERE item = '2.1.1'"
                                  " AND old_value = 'yes' AND new_value = 'no';"), 1);
  ck_assert_int_eq (raw_int (raw, "SELECT count(*) FROM audit WHERE item = '2.1.1'"
                                  " AND old_note IS NULL AND new_note = 'No plan on file';"), 1);
  ck_assert_int_eq (raw_int (raw, "SELECT count(*) FROM audit WHERE action = 'status'"
                                  " AND old_value = 'not-started' AND new_value = 'in-progress';"), 1);
  who = raw_text (raw, "SELECT DISTINCT who FROM audit WHERE item = '2.1.1';");
  ck_assert_str_eq (who, "Tester");
  g_free (who);
  who = raw_text (raw, "SELECT who FROM answer WHERE item = '2.2.2';");
  ck_assert_str_eq (who, "Tester");
  sqlite3_close (raw);
  heard_clear (&heard);
}
END_TEST

/* A note written before its question is answered is kept for it, counted
 * nowhere, refused where answers are, and taken by the answer. */
START_TEST (test_note_before_answer)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, id, "C-1", "court");
  g_autofree char *note = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GHashTable) answered = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTally) tally = fw_tally_new (fw);

  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NONE, "Plan dated 3 May");
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", &note), FW_ANSWER_NONE);
  ck_assert_str_eq (note, "Plan dated 3 May");
  g_clear_pointer (&note, g_free);
  /* no answer anywhere: not started, nothing counted, listed or tallied */
  status = case_status (store, id, "C-1");
  ck_assert_str_eq (status, "not-started");
  answered = fw_store_count_answered (store, id, fw, NULL);
  ck_assert_uint_eq (g_hash_table_size (answered), 0);
  answers = fw_store_get_case_answers (store, c1, NULL);
  ck_assert_uint_eq (g_hash_table_size (answers), 0);
  listed = fw_store_list_answers (store, id, NULL);
  ck_assert_uint_eq (listed->len, 0);
  ck_assert (fw_store_tally (store, id, fw, NULL, tally, NULL));
  for (guint i = 0; i < tally->n_questions; i++)
    ck_assert_uint_eq (tally->yes[i] + tally->no[i] + tally->na[i], 0);

  /* the answer takes it */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NO, "Plan dated 3 May");
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", &note), FW_ANSWER_NO);
  ck_assert_str_eq (note, "Plan dated 3 May");
  g_clear_pointer (&note, g_free);
  /* cleared with its note: nothing left */
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_NONE, NULL);
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", &note), FW_ANSWER_NONE);
  ck_assert_ptr_null (note);

  /* a locked inspection keeps no note either */
  ck_assert (fw_store_set_locked (store, id, TRUE, NULL, NULL));
  ck_assert (!fw_store_set_answer (store, c1, "2.1.2", FW_ANSWER_NONE, "Late", "answer", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
  ck_assert_int_eq (get_answer (store, c1, "2.1.2", &note), FW_ANSWER_NONE);
  ck_assert_ptr_null (note);
}
END_TEST

START_TEST (test_answer_rejected)
{
  static const char *items[] = {
    "3.1.1",     /* an out-of-court question */
    "3.1.1.a",   /* a prompt of an out-of-court question */
    "1.1.1",     /* guidance of a judged standard */
    "1.1",       /* a standard, not a question */
    "9.9.9",     /* unknown */
    "",
  };
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, id, "C-1", "court");
  g_autofree char *o1 = add_case (store, id, "O-1", "out-of-court");
  g_autofree char *status = NULL;
  Heard heard = { 0, };
  guint audit = count_audit (store, id);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &heard);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    for (FwAnswer a = FW_ANSWER_YES; a <= FW_ANSWER_NA; a++)
      {
        g_autoptr(GError) error = NULL;

        ck_assert_msg (!fw_store_set_answer (store, c1, items[i], a, "note", "answer", &error),
                       "%s accepted for a court case", items[i]);
        ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
        ck_assert_int_eq (get_answer (store, c1, items[i], NULL), FW_ANSWER_NONE);
      }
  /* and the other way round */
  {
    g_autoptr(GError) error = NULL;
    ck_assert (!fw_store_set_answer (store, o1, "2.1.1", FW_ANSWER_YES, NULL, "answer", &error));
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  }
  /* an unknown case */
  {
    g_autoptr(GError) error = NULL;
    ck_assert (!fw_store_set_answer (store, "no-such-case", "2.1.1", FW_ANSWER_YES, NULL, "answer", &error));
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  }

  ck_assert_uint_eq (count_audit (store, id), audit);
  ck_assert_uint_eq (heard.n, 0);
  status = case_status (store, id, "C-1");
  ck_assert_str_eq (status, "not-started");
  {
    g_autoptr(GHashTable) a1 = fw_store_get_case_answers (store, c1, NULL);
    g_autoptr(GHashTable) a2 = fw_store_get_case_answers (store, o1, NULL);
    ck_assert_uint_eq (g_hash_table_size (a1), 0);
    ck_assert_uint_eq (g_hash_table_size (a2), 0);
  }

  /* the right questions do work */
  set_answer_ok (store, o1, "3.1.1", FW_ANSWER_YES, NULL);
  set_answer_ok (store, o1, "3.1.1.a", FW_ANSWER_NO, NULL);
  ck_assert_uint_eq (heard.n, 2);
  heard_clear (&heard);
}
END_TEST

/* A framework that refuses "not applicable" for one question and one prompt. */
static const char *na_framework =
  "<?xml version=\"1.0\"?>\n"
  "<framework xmlns=\"urn:fieldwork:framework:1\" id=\"na-test\" version=\"1\" xml:lang=\"en\">\n"
  "  <title>NA test</title>\n"
  "  <kinds><kind id=\"a\"><title>A</title></kind></kinds>\n"
  "  <rating rounding=\"rounded\">\n"
  "    <band id=\"low\" min=\"0\" score=\"0\" colour=\"#000000\"><title>Low</title></band>\n"
  "    <band id=\"high\" min=\"50\" score=\"1\" colour=\"#ffffff\"><title>High</title></band>\n"
  "  </rating>\n"
  "  <domain id=\"D\"><title>D</title>\n"
  "    <standard id=\"S1\" kinds=\"a\"><title>S1</title>\n"
  "      <question id=\"Q1\" na=\"false\"><text>Q1?</text>"
  "<prompt id=\"Q1.a\" na=\"false\"><text>P</text></prompt><prompt id=\"Q1.b\"><text>P</text></prompt></question>\n"
  "      <question id=\"Q2\"><text>Q2?</text></question>\n"
  "    </standard>\n"
  "  </domain>\n"
  "</framework>\n";

START_TEST (test_answer_na_refused)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autofree char *xml = fw_test_write (tmpdir, "na.xml", na_framework, -1);
  g_autoptr(FwFramework) fw = fw_test_load_framework (xml);
  g_autoptr(FwStore) store = open_store (db);
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, id, "C-1", "a");
  g_autoptr(GError) error = NULL;
  guint audit = count_audit (store, id);

  ck_assert (!fw_store_set_answer (store, c1, "Q1", FW_ANSWER_NA, NULL, "answer", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!fw_store_set_answer (store, c1, "Q1.a", FW_ANSWER_NA, NULL, "answer", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_uint_eq (count_audit (store, id), audit);
  ck_assert_int_eq (get_answer (store, c1, "Q1", NULL), FW_ANSWER_NONE);

  set_answer_ok (store, c1, "Q1.b", FW_ANSWER_NA, NULL);
  set_answer_ok (store, c1, "Q2", FW_ANSWER_NA, NULL);
  set_answer_ok (store, c1, "Q1", FW_ANSWER_NO, NULL);
  ck_assert_int_eq (get_answer (store, c1, "Q2", NULL), FW_ANSWER_NA);
}
END_TEST

START_TEST (test_locked_inspection)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c1 = add_case (store, id, "C-1", "court");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw;
  guint audit;

  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_YES, NULL);
  g_clear_object (&store);
  raw = raw_open (db, SQLITE_OPEN_READWRITE);
  sql = g_strdup_printf ("UPDATE inspection SET status = 'locked' WHERE id = '%s';", id);
  raw_exec (raw, sql);
  sqlite3_close (raw);

  store = open_store (db);
  audit = count_audit (store, id);
  ck_assert (!fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_NO, NULL, "answer", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  ck_assert_ptr_null (fw_store_add_case (store, id, "C-2", (const char *[]) { "kind", "court", NULL }, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  ck_assert (!fw_store_set_judgement (store, id, "1.1", "good", NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
  ck_assert_int_eq (get_answer (store, c1, "2.1.1", NULL), FW_ANSWER_YES);
  ck_assert_uint_eq (count_cases (store, id), 1);
  ck_assert_uint_eq (count_audit (store, id), audit);
}
END_TEST

/* ---------------------------------------------------------------- judgements */

START_TEST (test_judgements)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) table = NULL;
  guint audit;

  ck_assert_msg (fw_store_set_judgement (store, id, "1.1", "good", "Clear vision", &error),
                 "%s", error ? error->message : "");
  ck_assert (fw_store_set_judgement (store, id, "1.2", "requires-improvement", NULL, &error));
  ck_assert (fw_store_set_judgement (store, id, "1.1", "outstanding", "Better", &error));
  audit = count_audit (store, id);

  /* only judged standards, only the framework's bands */
  ck_assert (!fw_store_set_judgement (store, id, "2.1", "good", NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!fw_store_set_judgement (store, id, "9.9", "good", NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!fw_store_set_judgement (store, id, "1.3", "brilliant", NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!fw_store_set_judgement (store, id, "1.1", "Good", NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_uint_eq (count_audit (store, id), audit);

  table = fw_store_get_judgements (store, id, &error);
  ck_assert_uint_eq (g_hash_table_size (table), 2);
  ck_assert_str_eq (g_hash_table_lookup (table, "1.1"), "outstanding");
  ck_assert_str_eq (g_hash_table_lookup (table, "1.2"), "requires-improvement");
  g_clear_pointer (&table, g_hash_table_unref);

  /* a NULL band withdraws the judgement */
  ck_assert (fw_store_set_judgement (store, id, "1.2", NULL, NULL, &error));
  ck_assert_uint_eq (count_audit (store, id), audit + 1);
  table = fw_store_get_judgements (store, id, &error);
  ck_assert_uint_eq (g_hash_table_size (table), 1);
  ck_assert (!g_hash_table_contains (table, "1.2"));
}
END_TEST

/* ---------------------------------------------------------------- transactions */

START_TEST (test_rollback)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autofree char *c0 = add_case (store, id, "C-0", "court");
  g_autofree char *c1 = NULL;
  g_autoptr(GError) error = NULL;
  Heard heard = { 0, };
  guint audit = count_audit (store, id);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &heard);
  ck_assert (fw_store_begin (store, &error));
  c1 = add_case (store, id, "C-1", "court");
  set_answer_ok (store, c1, "2.1.1", FW_ANSWER_YES, "x");
  set_answer_ok (store, c0, "2.1.2", FW_ANSWER_NO, NULL);
  ck_assert (fw_store_set_judgement (store, id, "1.1", "good", NULL, &error));
  ck_assert_uint_eq (count_cases (store, id), 2);
  /* listeners hear nothing until it is committed */
  ck_assert_uint_eq (heard.n, 0);
  fw_store_rollback (store);

  ck_assert_uint_eq (count_cases (store, id), 1);
  ck_assert_ptr_null (fw_store_find_case (store, id, "C-1", NULL));
  ck_assert_int_eq (get_answer (store, c0, "2.1.2", NULL), FW_ANSWER_NONE);
  ck_assert_uint_eq (count_audit (store, id), audit);
  {
    g_autoptr(GHashTable) j = fw_store_get_judgements (store, id, NULL);
    ck_assert_uint_eq (g_hash_table_size (j), 0);
  }
  {
    g_autofree char *status = case_status (store, id, "C-0");
    ck_assert_str_eq (status, "not-started");
  }
  ck_assert_uint_eq (heard.n, 0);

  /* an inspection created and rolled back is gone too */
  ck_assert (fw_store_begin (store, &error));
  {
    g_autofree char *gone = create_inspection (store, fw);
    g_autoptr(GPtrArray) list = NULL;
    fw_store_rollback (store);
    list = fw_store_list_inspections (store, NULL);
    ck_assert_uint_eq (list->len, 1);
    ck_assert_ptr_null (fw_store_load_framework (store, gone, &error));
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  }

  /* the store still works afterwards, and keeps it after reopening */
  set_answer_ok (store, c0, "2.1.2", FW_ANSWER_YES, NULL);
  ck_assert_uint_eq (heard.n, 1);
  g_clear_object (&store);
  store = open_store (db);
  ck_assert_uint_eq (count_cases (store, id), 1);
  ck_assert_int_eq (get_answer (store, c0, "2.1.2", NULL), FW_ANSWER_YES);
  heard_clear (&heard);
}
END_TEST

START_TEST (test_nested)
{
  g_autofree char *db = g_build_filename (tmpdir, "f.db", NULL);
  g_autoptr(FwStore) store = open_store (db);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  ck_assert (fw_store_begin (store, &error));
  g_free (add_case (store, id, "A", "court"));
  ck_assert (fw_store_begin (store, &error));
  g_free (add_case (store, id, "B", "court"));
  fw_store_rollback (store);            /* B goes, A stays */
  ck_assert_uint_eq (count_cases (store, id), 1);
  ck_assert (fw_store_begin (store, &error));
  g_free (add_case (store, id, "C", "court"));
  ck_assert (fw_store_begin (store, &error));
  g_free (add_case (store, id, "D", "out-of-court"));
  ck_assert (fw_store_commit (store, &error));
  ck_assert (fw_store_commit (store, &error));
  ck_assert_uint_eq (count_cases (store, id), 3);
  ck_assert_msg (fw_store_commit (store, &error), "%s", error ? error->message : "");

  list = fw_store_list_cases (store, id, NULL, &error);
  ck_assert_uint_eq (list->len, 3);
  ck_assert_str_eq (((FwCase *) g_ptr_array_index (list, 0))->reference, "A");
  ck_assert_str_eq (((FwCase *) g_ptr_array_index (list, 1))->reference, "C");
  ck_assert_str_eq (((FwCase *) g_ptr_array_index (list, 2))->reference, "D");

  /* an inner commit is undone by the outer rollback */
  ck_assert (fw_store_begin (store, &error));
  ck_assert (fw_store_begin (store, &error));
  g_free (add_case (store, id, "E", "court"));
  ck_assert (fw_store_commit (store, &error));
  fw_store_rollback (store);
  ck_assert_uint_eq (count_cases (store, id), 3);

  /* and what was committed survives reopening */
  g_clear_object (&store);
  store = open_store (db);
  ck_assert_uint_eq (count_cases (store, id), 3);
}
END_TEST

/* ---------------------------------------------------------------- bad files */

static void
make_fieldwork_db (const char *path, guint n_cases)
{
  g_autoptr(FwStore) store = open_store (path);
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = create_inspection (store, fw);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *ref = g_strdup_printf ("CASE-%04u-with-a-longer-reference-to-fill-pages", i);
      g_autofree char *cid = add_case (store, id, ref, i % 2 ? "court" : "out-of-court");

      set_answer_ok (store, cid, i % 2 ? "2.1.1" : "3.1.1", FW_ANSWER_YES,
                     "An evidence note long enough to take some room on the page.");
    }
}

static void
assert_open_fails (const char *path, int code)
{
  g_autofree char *before = fw_test_file_digest (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  gboolean had_wal = exists (path, "-wal"), had_shm = exists (path, "-shm");
  gboolean had_journal = exists (path, "-journal");
  struct stat st_before, st_after;

  ck_assert_int_eq (g_stat (path, &st_before), 0);
  store = fw_store_open (path, &error);
  ck_assert_msg (store == NULL, "%s opened", path);
  ck_assert_error (error, FW_STORE_ERROR, code);
  ck_assert_msg (strstr (error->message, path) != NULL, "“%s” does not name the file", error->message);

  after = fw_test_file_digest (path);
  ck_assert_str_eq (after, before);
  ck_assert_int_eq (g_stat (path, &st_after), 0);
  ck_assert_int_eq (st_after.st_size, st_before.st_size);
  ck_assert_int_eq (st_after.st_mode, st_before.st_mode);
  ck_assert_msg (had_wal || !exists (path, "-wal"), "a -wal file was created");
  ck_assert_msg (had_shm || !exists (path, "-shm"), "a -shm file was created");
  ck_assert_msg (had_journal || !exists (path, "-journal"), "a -journal file was created");
}

START_TEST (test_text_file)
{
  g_autofree char *path = fw_test_write (tmpdir, "notes.db",
    "reference,kind\nA,court\nThis is a plain text file, not a database at all. It is long enough "
    "to fill the hundred bytes of an SQLite header and then some more.\n", -1);

  assert_open_fails (path, FW_STORE_ERROR_NOT_DATABASE);

  /* and a short one */
  g_free (path);
  path = fw_test_write (tmpdir, "short.db", "hello\n", -1);
  assert_open_fails (path, FW_STORE_ERROR_NOT_DATABASE);
}
END_TEST

START_TEST (test_zero_byte_file)
{
  g_autofree char *path = fw_test_write (tmpdir, "empty.db", "", 0);
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwFramework) fw = hmip ();
  g_autofree char *id = NULL;
  sqlite3 *db;

  store = open_store (path);
  id = create_inspection (store, fw);
  g_free (add_case (store, id, "Z-1", "court"));
  g_clear_object (&store);

  db = raw_open (path, SQLITE_OPEN_READONLY);
  ck_assert_int_eq (raw_int (db, "PRAGMA application_id;"), FW_STORE_APPLICATION_ID);
  ck_assert_int_eq (raw_int (db, "PRAGMA user_version;"), FW_STORE_VERSION);
  ck_assert_int_eq (raw_int (db, "SELECT count(*) FROM kase;"), 1);
  sqlite3_close (db);

  store = open_store (path);
  ck_assert_uint_eq (count_cases (store, id), 1);
}
END_TEST

START_TEST (test_sqlite_header_junk)
{
  char data[50];
  g_autofree char *path = NULL;

  memset (data, 'x', sizeof data);
  memcpy (data, "SQLite format 3", 16);   /* with its NUL */
  for (guint i = 16; i < sizeof data; i++)
    data[i] = (char) (i * 37);
  path = fw_test_write (tmpdir, "junk.db", data, sizeof data);
  assert_open_fails (path, FW_STORE_ERROR_NOT_DATABASE);
}
END_TEST

START_TEST (test_foreign_database)
{
  g_autofree char *path = g_build_filename (tmpdir, "other.sqlite", NULL);
  sqlite3 *db = raw_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  raw_exec (db, "CREATE TABLE recipe (name TEXT, minutes INTEGER);"
                "INSERT INTO recipe VALUES ('soup', 30), ('bread', 180);");
  sqlite3_close (db);
  assert_open_fails (path, FW_STORE_ERROR_FOREIGN);

  /* one of another program in WAL mode, with an application id of its own */
  g_free (path);
  path = g_build_filename (tmpdir, "other-wal.sqlite", NULL);
  db = raw_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  raw_exec (db, "PRAGMA journal_mode = WAL; PRAGMA application_id = 1234; PRAGMA user_version = 1;"
                "CREATE TABLE inspection (id TEXT);");
  sqlite3_close (db);
  ck_assert (!exists (path, "-wal"));
  assert_open_fails (path, FW_STORE_ERROR_FOREIGN);
}
END_TEST

START_TEST (test_too_new)
{
  g_autofree char *path = g_build_filename (tmpdir, "newer.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", FW_STORE_VERSION + 1);
  sqlite3 *db;

  make_fieldwork_db (path, 3);
  db = raw_open (path, SQLITE_OPEN_READWRITE);
  raw_exec (db, sql);
  sqlite3_close (db);
  ck_assert (!exists (path, "-wal"));
  ck_assert (!exists (path, "-shm"));

  assert_open_fails (path, FW_STORE_ERROR_TOO_NEW);
}
END_TEST

/* The page size from the database header (opening the file with SQLite,
 * even read-only, would leave -wal and -shm files beside it). */
static guint
header_page_size (const char *contents, gsize length)
{
  guint size;

  ck_assert_uint_ge (length, 100);
  ck_assert (memcmp (contents, "SQLite format 3", 16) == 0);
  size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  return size == 1 ? 65536 : size;
}

START_TEST (test_corrupt)
{
  g_autofree char *path = g_build_filename (tmpdir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint page_size;

  make_fieldwork_db (path, 60);
  ck_assert (!exists (path, "-wal"));
  ck_assert (!exists (path, "-shm"));

  /* overwrite the middle of every page from page 2 on; the header
   * (application id, user version) is left intact */
  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  page_size = header_page_size (contents, length);
  ck_assert_uint_eq (length % page_size, 0);
  ck_assert_uint_ge (length / page_size, 4);
  for (gsize page = 1; page < length / page_size; page++)
    for (gsize i = page_size / 4; i < page_size * 3 / 4; i++)
      contents[page * page_size + i] = (char) (0xA5 ^ i);
  /* and the b-tree page header of page 2 */
  memset (contents + page_size, 0xFF, 12);
  g_free (fw_test_write (tmpdir, "damaged.db", contents, length));

  assert_open_fails (path, FW_STORE_ERROR_CORRUPT);
}
END_TEST

START_TEST (test_corrupt_index_page)
{
  /* damage only one page in the middle of the file */
  g_autofree char *path = g_build_filename (tmpdir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0, pages, page;
  guint page_size;

  make_fieldwork_db (path, 60);
  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  page_size = header_page_size (contents, length);
  pages = length / page_size;
  ck_assert_uint_ge (pages, 4);
  page = pages / 2;
  memset (contents + page * page_size + 1, 0xEE, page_size - 2);
  g_free (fw_test_write (tmpdir, "damaged.db", contents, length));

  assert_open_fails (path, FW_STORE_ERROR_CORRUPT);
}
END_TEST

START_TEST (test_missing_folder_cannot_be_made)
{
  g_autofree char *blocker = fw_test_write (tmpdir, "file", "x", -1);
  g_autofree char *path = g_build_filename (blocker, "sub", "f.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);

  ck_assert_ptr_null (store);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("store");
  TCase *tc = tcase_create ("store");
  TCase *bad = tcase_create ("bad-files");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_new_database);
  tcase_add_test (tc, test_reopen_keeps_data);
  tcase_add_test (tc, test_reopen_odd_path);
  tcase_add_test (tc, test_reopen_after_crash);
  tcase_add_test (tc, test_open_twice);
  tcase_add_test (tc, test_framework_snapshot);
  tcase_add_test (tc, test_random_ids);
  tcase_add_loop_test (tc, test_bad_dates, 0, G_N_ELEMENTS (bad_dates));
  tcase_add_test (tc, test_good_dates);
  tcase_add_test (tc, test_cases);
  tcase_add_test (tc, test_answers_audited);
  tcase_add_test (tc, test_note_before_answer);
  tcase_add_test (tc, test_answer_rejected);
  tcase_add_test (tc, test_answer_na_refused);
  tcase_add_test (tc, test_locked_inspection);
  tcase_add_test (tc, test_judgements);
  tcase_add_test (tc, test_rollback);
  tcase_add_test (tc, test_nested);
  suite_add_tcase (s, tc);

  tcase_add_checked_fixture (bad, setup, teardown);
  tcase_add_test (bad, test_text_file);
  tcase_add_test (bad, test_zero_byte_file);
  tcase_add_test (bad, test_sqlite_header_junk);
  tcase_add_test (bad, test_foreign_database);
  tcase_add_test (bad, test_too_new);
  tcase_add_test (bad, test_corrupt);
  tcase_add_test (bad, test_corrupt_index_page);
  tcase_add_test (bad, test_missing_folder_cannot_be_made);
  suite_add_tcase (s, bad);

  return fw_test_run (s);
}
