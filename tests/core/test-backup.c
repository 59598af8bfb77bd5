/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Automatic backups (issue 14): one before every import, merge and migration,
 * FILE.db.backup-YYYYMMDDTHHMMSS next to the database, private, the newest
 * five kept; fieldwork-cli restore puts one back, and refuses, changing
 * nothing, a file that is not a good Fieldwork database. */
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fw-test-util.h"

static char *tmpdir;
static char *db_path;
static char *inspection_id;
static FwStore *store;

static void
setup (void)
{
  g_autofree char *fw_path = fw_test_data_path ("frameworks/madeup-core-case.xml");

  tmpdir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (tmpdir, fw_path, &inspection_id);
  db_path = g_build_filename (tmpdir, "test.db", NULL);
}

static void
teardown (void)
{
  g_clear_object (&store);
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&inspection_id, g_free);
}

static void
import_cases (const char *first, ...)
{
  g_autoptr(GString) csv = g_string_new ("reference,kind\n");
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *ref = first; ref; ref = va_arg (args, const char *))
    g_string_append_printf (csv, "%s,case\n", ref);
  va_end (args);
  ck_assert_msg (fw_import_cases_data (store, inspection_id, csv->str, csv->len, "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  gint64 value;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg (db));
  ck_assert_int_eq (sqlite3_step (s), SQLITE_ROW);
  value = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  sqlite3_close (db);
  return value;
}

static GPtrArray *
backups (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = fw_store_list_backups (db_path, &error);

  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  return list;
}

static gboolean
is_backup_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GRegex) re = g_regex_new ("^test\\.db\\.backup-[0-9]{8}T[0-9]{6}(-[0-9]+)?$", 0, 0, NULL);

  return g_regex_match (re, base, 0, NULL);
}

/* ---------------------------------------------------------------- making backups */

START_TEST (test_import_makes_backup)
{
  g_autoptr(GPtrArray) list = NULL;
  const char *path;
  struct stat st;

  import_cases ("A1", "A2", NULL);
  list = backups ();
  ck_assert_uint_eq (list->len, 1);
  path = g_ptr_array_index (list, 0);
  ck_assert_msg (is_backup_name (path), "%s", path);
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  /* one self-contained file, as it was before the import */
  ck_assert_int_eq (raw_int (path, "PRAGMA application_id;"), FW_STORE_APPLICATION_ID);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM kase;"), 0);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    ck_assert (!g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  import_cases ("A3", NULL);
  g_ptr_array_unref (list);
  list = backups ();
  ck_assert_uint_eq (list->len, 2);
  /* newest first: the second holds the first import */
  ck_assert_int_eq (raw_int (g_ptr_array_index (list, 0), "SELECT count(*) FROM kase;"), 2);
  ck_assert_int_eq (raw_int (g_ptr_array_index (list, 1), "SELECT count(*) FROM kase;"), 0);
}
END_TEST

START_TEST (test_rotation_keeps_five)
{
  g_autoptr(GPtrArray) list = NULL;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *ref = g_strdup_printf ("R%u", i);
      import_cases (ref, NULL);
    }
  list = backups ();
  ck_assert_uint_eq (list->len, FW_STORE_BACKUPS_KEPT);
  /* the newest five: before imports 8, 7 … 4, holding 7, 6 … 3 cases */
  for (guint i = 0; i < list->len; i++)
    {
      ck_assert_msg (is_backup_name (g_ptr_array_index (list, i)), "%s", (char *) g_ptr_array_index (list, i));
      ck_assert_int_eq (raw_int (g_ptr_array_index (list, i), "SELECT count(*) FROM kase;"), 7 - i);
    }
}
END_TEST

/* Imports that fail change nothing, so they push no backup out: the first
 * keeps what is there now (it differs from the newest backup, made before
 * the last good import); the nine after it find that backup the same and
 * make none, and the backups from before the good imports are still there
 * to undo them. */
START_TEST (test_failed_imports_keep_backups)
{
  g_autoptr(GPtrArray) before = NULL, after = NULL;
  const char *bad = "reference,kind\nB1,court\nB2,no-such-kind\n";

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *ref = g_strdup_printf ("G%u", i);
      import_cases (ref, NULL);
    }
  before = backups ();
  ck_assert_uint_eq (before->len, 3);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;

      ck_assert (!fw_import_cases_data (store, inspection_id, bad, strlen (bad), "bad.csv", NULL, &error));
      ck_assert_ptr_nonnull (error);
    }
  after = backups ();
  ck_assert_uint_eq (after->len, before->len + 1);
  ck_assert_int_eq (raw_int (g_ptr_array_index (after, 0), "SELECT count(*) FROM kase;"), 3);
  for (guint i = 0; i < before->len; i++)
    ck_assert_str_eq (g_ptr_array_index (after, i + 1), g_ptr_array_index (before, i));
  /* a good import after them: its backup is that one, the same */
  import_cases ("G3", NULL);
  g_ptr_array_unref (before);
  before = g_steal_pointer (&after);
  after = backups ();
  ck_assert_uint_eq (after->len, before->len);
  ck_assert_str_eq (g_ptr_array_index (after, 0), g_ptr_array_index (before, 0));
  /* and the next makes a new one, holding all four */
  import_cases ("G4", NULL);
  g_ptr_array_unref (after);
  after = backups ();
  ck_assert_uint_eq (after->len, FW_STORE_BACKUPS_KEPT);
  ck_assert_int_eq (raw_int (g_ptr_array_index (after, 0), "SELECT count(*) FROM kase;"), 4);
}
END_TEST

/* An import inside a transaction of the caller's makes none: what the
 * transaction holds is not committed yet. */
START_TEST (test_no_backup_inside_transaction)
{
  g_autoptr(GPtrArray) list = NULL;

  ck_assert (fw_store_begin (store, NULL));
  import_cases ("T1", NULL);
  fw_store_rollback (store);
  list = backups ();
  ck_assert_uint_eq (list->len, 0);
}
END_TEST

/* A merge of a laptop's return backs the lead's database up first. */
START_TEST (test_merge_makes_backup)
{
  const char *pass = "correct horse battery staple";
  const char *csv = "reference,kind,inspector\nM1,case,Inspector A\n";
  g_autofree char *package = g_build_filename (tmpdir, "a.pkg", NULL);
  g_autofree char *laptop_path = g_build_filename (tmpdir, "laptop.db", NULL);
  g_autofree char *return_path = g_build_filename (tmpdir, "a.ret", NULL);
  g_autoptr(GPtrArray) returns = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_file_free);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(FwSyncFile) file = NULL;
  g_autoptr(FwStore) laptop = NULL;
  g_autoptr(FwCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  FwSyncFile *ret;

  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  ck_assert_msg (fw_import_cases_data (store, inspection_id, csv, strlen (csv), "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (fw_sync_write_package (store, inspection_id, "Inspector A", package, pass, &error),
                 "%s", error ? error->message : "");
  file = fw_sync_file_read (package, pass, &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  laptop = fw_store_open (laptop_path, &error);
  ck_assert_ptr_nonnull (laptop);
  id = fw_sync_open_package (laptop, file, NULL, &error);
  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  kase = fw_store_find_case (laptop, inspection_id, "M1", &error);
  ck_assert_ptr_nonnull (kase);
  ck_assert_msg (fw_store_set_answer (laptop, kase->id, "SG.1", FW_ANSWER_YES, "seen", "answer", &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (fw_sync_write_return (laptop, inspection_id, return_path, pass, NULL, &error),
                 "%s", error ? error->message : "");
  ret = fw_sync_file_read (return_path, pass, &error);
  ck_assert_msg (ret != NULL, "%s", error ? error->message : "");
  g_ptr_array_add (returns, ret);

  before = backups ();
  ck_assert_msg (fw_sync_merge (store, inspection_id, returns, NULL, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
  after = backups ();
  ck_assert_uint_eq (after->len, before->len + 1);
  /* the newest backup is the lead's database before the merge */
  ck_assert_int_eq (raw_int (g_ptr_array_index (after, 0), "SELECT count(*) FROM answer;"), 0);
  ck_assert_int_eq (raw_int (db_path, "SELECT count(*) FROM answer;"), 1);
}
END_TEST

/* The first migration's schema, as a database of version 1 had it. */
static const char *version_1 =
  "CREATE TABLE inspection (id TEXT PRIMARY KEY, service TEXT NOT NULL, start_date TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'locked')), framework_id TEXT NOT NULL,"
  "  framework_version INTEGER NOT NULL, framework_xml BLOB NOT NULL, created_at TEXT NOT NULL);"
  "CREATE TABLE inspector (inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (inspection_id, name));"
  "CREATE TABLE kase (id TEXT PRIMARY KEY,"
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE, reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL, disposal TEXT, gender TEXT, age TEXT, ethnicity TEXT, rosh TEXT,"
  "  safety_wellbeing TEXT, case_manager TEXT, inspector TEXT, interview TEXT,"
  "  status TEXT NOT NULL DEFAULT 'not-started', created_at TEXT NOT NULL, UNIQUE (inspection_id, reference));"
  "CREATE TABLE answer (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL, value TEXT NOT NULL CHECK (value IN ('yes', 'no', 'na')), note TEXT, who TEXT,"
  "  at TEXT NOT NULL, UNIQUE (case_id, item));"
  "CREATE TABLE judgement (inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  standard TEXT NOT NULL, band TEXT NOT NULL, rationale TEXT, who TEXT, at TEXT NOT NULL,"
  "  PRIMARY KEY (inspection_id, standard));"
  "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT, inspection_id TEXT NOT NULL,"
  "  case_id TEXT, item TEXT, action TEXT NOT NULL, old_value TEXT, new_value TEXT, old_note TEXT,"
  "  new_note TEXT, reason TEXT);"
  "CREATE INDEX audit_by_inspection ON audit (inspection_id, case_id);"
  "PRAGMA user_version = 1;";

START_TEST (test_migration_makes_backup)
{
  g_autofree char *old_path = g_build_filename (tmpdir, "old.db", NULL);
  g_autofree char *sql = g_strdup_printf ("%s PRAGMA application_id = %d;", version_1, FW_STORE_APPLICATION_ID);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) upgraded = NULL;
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open (old_path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  upgraded = fw_store_open (old_path, &error);
  ck_assert_msg (upgraded != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (raw_int (old_path, "PRAGMA user_version;"), FW_STORE_VERSION);
  list = fw_store_list_backups (old_path, &error);
  ck_assert_uint_eq (list->len, 1);
  /* the backup is the database as it was, at version 1 */
  ck_assert_int_eq (raw_int (g_ptr_array_index (list, 0), "PRAGMA user_version;"), 1);
  g_clear_object (&upgraded);

  /* opening it again migrates nothing, and backs nothing up */
  upgraded = fw_store_open (old_path, &error);
  ck_assert_ptr_nonnull (upgraded);
  g_ptr_array_unref (list);
  list = fw_store_list_backups (old_path, &error);
  ck_assert_uint_eq (list->len, 1);
}
END_TEST

/* Migration 3 → 4 (issue 10): the case attributes that were columns of
 * kase become the framework's data. A database of version 1, with the 2018
 * framework as it was snapshotted then (no <attributes>), keeps every value
 * of every case, and the snapshot declares the attributes it had. */
START_TEST (test_migration_keeps_attributes)
{
  static const char *columns[] = { "disposal", "gender", "age", "ethnicity", "rosh",
                                   "safety_wellbeing", "case_manager", "interview" };
  static const char *values[] = { "referral order", "girl", "15-17", "mixed", "very high",
                                  "medium", "Case manager 3", "yes" };
  g_autofree char *old_path = g_build_filename (tmpdir, "v1.db", NULL);
  g_autofree char *shipped = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *xml = NULL;
  g_autoptr(GString) old_xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) upgraded = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwCase) full = NULL;
  g_autoptr(FwCase) bare = NULL;
  g_autoptr(FwRating) rating = NULL;
  const char *start, *end;
  FwAttribute *rosh;
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;

  /* the framework without its <attributes>, as version 1 stored it */
  ck_assert (g_file_get_contents (shipped, &xml, NULL, NULL));
  start = strstr (xml, "  <attributes>");
  end = strstr (xml, "</attributes>");
  ck_assert (start && end);
  old_xml = g_string_new_len (xml, start - xml);
  g_string_append (old_xml, end + strlen ("</attributes>\n"));
  ck_assert_ptr_null (strstr (old_xml->str, "<attributes"));

  ck_assert_int_eq (sqlite3_open (old_path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, version_1, NULL, NULL, NULL), SQLITE_OK);
  {
    g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d;", FW_STORE_APPLICATION_ID);
    ck_assert_int_eq (sqlite3_exec (db, app, NULL, NULL, NULL), SQLITE_OK);
  }
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "INSERT INTO inspection (id, service, start_date, framework_id,"
                                        " framework_version, framework_xml, created_at) VALUES ('i1', 'Old Service',"
                                        " '2019-03-04', 'hmip-youth-2018', 1, ?1, '2019-03-04T09:00:00Z');",
                                        -1, &st, NULL), SQLITE_OK);
  sqlite3_bind_blob (st, 1, old_xml->str, old_xml->len, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (st), SQLITE_DONE);
  sqlite3_finalize (st);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "INSERT INTO kase (id, inspection_id, reference, kind, disposal, gender,"
                                        " age, ethnicity, rosh, safety_wellbeing, case_manager, interview, inspector,"
                                        " status, created_at) VALUES ('c1', 'i1', 'OLD-1', 'court', ?1, ?2, ?3, ?4,"
                                        " ?5, ?6, ?7, ?8, 'Inspector A', 'in-progress', '2019-03-04T09:00:00Z');",
                                        -1, &st, NULL), SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    sqlite3_bind_text (st, i + 1, values[i], -1, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (st), SQLITE_DONE);
  sqlite3_finalize (st);
  ck_assert_int_eq (sqlite3_exec (db,
                                  "INSERT INTO kase (id, inspection_id, reference, kind, disposal, status, created_at)"
                                  " VALUES ('c2', 'i1', 'OLD-2', 'out-of-court', '', 'not-started',"
                                  " '2019-03-04T09:00:00Z');"
                                  "INSERT INTO answer (id, case_id, item, value, note, who, at) VALUES ('a1', 'c1',"
                                  " '2.1.1', 'yes', NULL, 'Inspector A', '2019-03-05T10:00:00Z');",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  upgraded = fw_store_open (old_path, &error);
  ck_assert_msg (upgraded != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (raw_int (old_path, "PRAGMA user_version;"), FW_STORE_VERSION);
  /* the columns are gone, their values kept as attributes */
  ck_assert_int_eq (raw_int (old_path, "SELECT count(*) FROM pragma_table_info ('kase') WHERE name = 'rosh';"), 0);
  full = fw_store_find_case (upgraded, "i1", "OLD-1", &error);
  ck_assert_msg (full != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    ck_assert_msg (g_strcmp0 (fw_case_get_attr (full, columns[i]), values[i]) == 0, "%s is “%s”, was “%s”",
                   columns[i], fw_case_get_attr (full, columns[i]), values[i]);
  ck_assert_str_eq (fw_case_get_attr (full, "inspector"), "Inspector A");
  ck_assert_str_eq (fw_case_get_attr (full, "status"), "in-progress");
  /* an empty value was no value */
  bare = fw_store_find_case (upgraded, "i1", "OLD-2", &error);
  ck_assert_ptr_nonnull (bare);
  ck_assert_ptr_null (fw_case_get_attr (bare, "disposal"));
  ck_assert_int_eq (raw_int (old_path, "SELECT count(*) FROM case_attribute;"), G_N_ELEMENTS (values));

  /* the snapshot declares the attributes it had, risk levels a closed list */
  fw = fw_store_load_framework (upgraded, "i1", &error);
  ck_assert_msg (fw != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (fw_framework_get_attributes (fw)->len, G_N_ELEMENTS (columns));
  rosh = fw_framework_find_attribute (fw, "rosh");
  ck_assert (rosh != NULL && fw_attribute_is_closed (rosh));
  ck_assert (!fw_attribute_is_closed (fw_framework_find_attribute (fw, "disposal")));

  /* and it still rates, a sub-sample by a migrated attribute too */
  {
    g_autoptr(FwFilter) filter = fw_filter_new ();
    FwQuestion *q = NULL;

    fw_filter_add (filter, "rosh", "very high");
    rating = fw_rating_compute_from_store (upgraded, "i1", filter, &error);
    ck_assert_msg (rating != NULL, "%s", error ? error->message : "");
    ck_assert (fw_framework_find_item (fw, "2.1.1", &q, NULL) && q != NULL);
    ck_assert_uint_eq (rating->questions[q->index].yes, 1);
  }
}
END_TEST

/* ---------------------------------------------------------------- restoring */

START_TEST (test_cli_restore)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *name = NULL;
  FwTestRun r = { 0, };

  import_cases ("B1", NULL);
  import_cases ("B2", "B3", NULL);
  g_clear_object (&store);
  list = backups ();
  ck_assert_uint_eq (list->len, 2);
  oldest = g_strdup (g_ptr_array_index (list, 1));

  fw_test_cli (&r, tmpdir, "--db", db_path, "restore", "--list", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_msg (strstr (r.out, oldest) != NULL, "%s", r.out);

  /* by its name alone: it is next to the database */
  name = g_path_get_basename (oldest);
  fw_test_cli (&r, tmpdir, "--db", db_path, "restore", name, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_int_eq (raw_int (db_path, "SELECT count(*) FROM kase;"), 0);
  /* what was there before is the newest backup now */
  g_ptr_array_unref (list);
  list = backups ();
  ck_assert_uint_eq (list->len, 3);
  ck_assert_int_eq (raw_int (g_ptr_array_index (list, 0), "SELECT count(*) FROM kase;"), 3);

  /* no backup named: a one-line error */
  fw_test_cli (&r, tmpdir, "--db", db_path, "restore", NULL);
  ck_assert_int_ne (r.status, 0);
  ck_assert_ptr_nonnull (strstr (r.err, "--list"));
  fw_test_run_clear (&r);
}
END_TEST

/* A backup of a newer Fieldwork: FW_STORE_ERROR_TOO_NEW */
static char *
make_too_new (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *copy = g_build_filename (tmpdir, "newer.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", FW_STORE_VERSION + 1);
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;

  import_cases ("N1", NULL);
  list = backups ();
  ck_assert (g_file_get_contents (g_ptr_array_index (list, 0), &contents, &length, NULL));
  ck_assert (g_file_set_contents (copy, contents, length, NULL));
  ck_assert_int_eq (sqlite3_open (copy, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  return g_steal_pointer (&copy);
}

/* A backup with a page of a table overwritten: fails the integrity check */
static char *
make_damaged (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *copy = g_build_filename (tmpdir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gint64 page_size, root;
  gsize length;

  import_cases ("D1", "D2", NULL);
  import_cases ("D3", NULL);
  list = backups ();
  page_size = raw_int (g_ptr_array_index (list, 0), "PRAGMA page_size;");
  root = raw_int (g_ptr_array_index (list, 0), "SELECT rootpage FROM sqlite_schema WHERE name = 'kase';");
  ck_assert (g_file_get_contents (g_ptr_array_index (list, 0), &contents, &length, NULL));
  ck_assert_uint_ge (length, (gsize) (root * page_size));
  memset (contents + (root - 1) * page_size, 0x5a, page_size);
  ck_assert (g_file_set_contents (copy, contents, length, NULL));
  return g_steal_pointer (&copy);
}

static char *
make_foreign (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "other.db", NULL);
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL),
                    SQLITE_OK);
  sqlite3_close (db);
  return g_steal_pointer (&path);
}

static char *
make_junk (void)
{
  return fw_test_write (tmpdir, "junk.db", "not a database at all\n", -1);
}

static char *
make_missing (void)
{
  return g_build_filename (tmpdir, "no-such.db.backup-20250101T120000", NULL);
}

static const struct {
  char *(*make) (void);
  int   code;
  const char *mentions;
} refused[] = {
  { make_damaged, FW_STORE_ERROR_CORRUPT, "damaged" },
  { make_foreign, FW_STORE_ERROR_FOREIGN, "another program" },
  { make_junk, FW_STORE_ERROR_NOT_DATABASE, "not a Fieldwork database" },
  { make_too_new, FW_STORE_ERROR_TOO_NEW, "newer Fieldwork" },
  { make_missing, FW_STORE_ERROR_NOT_FOUND, "no such backup" },
};

/* Refused with a one-line error; the database and the backups as they were. */
START_TEST (test_restore_refused)
{
  g_autofree char *bad = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) list_before = NULL;
  g_autoptr(GPtrArray) list_after = NULL;
  g_autoptr(GError) error = NULL;
  const char *nl;
  FwTestRun r = { 0, };

  bad = refused[_i].make ();
  g_clear_object (&store);
  before = fw_test_file_digest (db_path);
  list_before = backups ();

  ck_assert (!fw_store_restore (db_path, bad, &error));
  ck_assert_error (error, FW_STORE_ERROR, refused[_i].code);

  fw_test_cli (&r, tmpdir, "--db", db_path, "restore", bad, NULL);
  ck_assert_int_ne (r.status, 0);
  nl = strchr (r.err, '\n');
  ck_assert_msg (nl != NULL && nl[1] == '\0', "not one line: %s", r.err);
  ck_assert_msg (strstr (r.err, refused[_i].mentions) != NULL, "%s", r.err);
  ck_assert_msg (strstr (r.err, bad) != NULL, "%s", r.err);

  after = fw_test_file_digest (db_path);
  ck_assert_str_eq (after, before);
  list_after = backups ();
  ck_assert_uint_eq (list_after->len, list_before->len);
  fw_test_run_clear (&r);
}
END_TEST

/* A damaged database is kept aside as it is, and the backup put in its place. */
START_TEST (test_restore_over_damaged)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) reopened = NULL;
  g_autofree char *good = NULL;
  g_autofree char *junk = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  import_cases ("G1", NULL);
  import_cases ("G2", NULL);
  g_clear_object (&store);
  list = backups ();
  good = g_strdup (g_ptr_array_index (list, 0));
  junk = fw_test_write (tmpdir, "test.db", "damaged beyond repair, not SQLite any more", -1);

  ck_assert_msg (fw_store_restore (db_path, good, &error), "%s", error ? error->message : "");
  reopened = fw_store_open (db_path, &error);
  ck_assert_msg (reopened != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (raw_int (db_path, "SELECT count(*) FROM kase;"), 1);
  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    kept |= g_str_has_prefix (name, "test.db.damaged-");
  ck_assert (kept);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("backup");
  TCase *tc = tcase_create ("backup");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_import_makes_backup);
  tcase_add_test (tc, test_rotation_keeps_five);
  tcase_add_test (tc, test_failed_imports_keep_backups);
  tcase_add_test (tc, test_no_backup_inside_transaction);
  tcase_add_test (tc, test_migration_makes_backup);
  tcase_add_test (tc, test_migration_keeps_attributes);
  tcase_add_test (tc, test_merge_makes_backup);
  tcase_add_test (tc, test_cli_restore);
  tcase_add_loop_test (tc, test_restore_refused, 0, G_N_ELEMENTS (refused));
  tcase_add_test (tc, test_restore_over_damaged);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
