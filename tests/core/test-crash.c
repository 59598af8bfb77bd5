/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kill -9 at random points (issue 14): a child process saves answers, or
 * imports a file, through the store and says on a pipe what it has done;
 * this process kills it at a random moment, then opens the database as the
 * program would. Every save the child acknowledged is there, an import is
 * there whole or not at all, and PRAGMA integrity_check says ok, every
 * time; the same for merges through fieldwork-cli merge. The child opens
 * its own store after the fork; this process has no
 * database open across it. FW_CRASH_SEED repeats a run. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fw-test-util.h"

#define N_SAVES 1001         /* 143 cases × 7 questions, each saved once */
#define N_CASES 143
#define MAX_ACKS_PER_RUN 60  /* a kill after 1 … 60 acknowledged saves: tens of kills */
#define IMPORT_ROUNDS 20
#define IMPORT_ROWS 3000

static const char *questions[] = { "SG.1", "SG.2", "RoH.1", "RoH.2", "RoH.3", "LoR.1", "LoR.2" };

static char *tmpdir;
static GRand *rng;

static void
setup (void)
{
  rng = fw_test_rand_new_from_env ("FW_CRASH_SEED");
  tmpdir = fw_test_tmpdir ();
}

static void
teardown (void)
{
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&rng, g_rand_free);
}

/* test.db with one inspection of the made-up core case framework and n
 * cases C0000 …; closed again. */
static char *
make_db (guint n_cases, char **inspection_id)
{
  g_autofree char *fw_path = fw_test_data_path ("frameworks/madeup-core-case.xml");
  g_autoptr(GString) csv = g_string_new ("reference,kind\n");
  g_autoptr(GError) error = NULL;
  FwStore *store = fw_test_store_with_inspection (tmpdir, fw_path, inspection_id);

  for (guint i = 0; i < n_cases; i++)
    g_string_append_printf (csv, "C%04u,case\n", i);
  ck_assert_msg (fw_import_cases_data (store, *inspection_id, csv->str, csv->len, "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
  g_object_unref (store);
  return g_build_filename (tmpdir, "test.db", NULL);
}

/* ---------------------------------------------------------------- answer saves */

typedef struct {
  const char *path;
  GPtrArray  *case_ids;
  guint       from;
} Saver;

/* The child: saves from … N_SAVES − 1 (to a case's questions in turn, then
 * the next case's), and says the number of each save that returned. */
static int
save_child (int fd, gpointer data)
{
  Saver *saver = data;
  g_autoptr(GError) error = NULL;
  FwStore *store = fw_store_open (saver->path, &error);   /* left open, as a killed child leaves it */

  if (store == NULL)
    {
      g_printerr ("saver: %s\n", error->message);
      return 3;
    }
  for (guint i = saver->from; i < N_SAVES; i++)
    {
      if (!fw_test_save (store, g_ptr_array_index (saver->case_ids, i / G_N_ELEMENTS (questions)),
                         questions[i % G_N_ELEMENTS (questions)], i, &error))
        {
          g_printerr ("saver: %s\n", error->message);
          return 4;
        }
      /* acknowledged: fw_store_set_answer returned */
      if (!fw_test_child_say (fd, "%u", i))
        return 5;
    }
  return 0;
}

typedef struct {
  guint acked;       /* saves 0 … acked − 1 were acknowledged */
  guint kill_after;  /* kill once this many more were */
  guint seen;
} SaveRun;

static gboolean
on_save (const char *line, gpointer data)
{
  SaveRun *run = data;
  guint i = (guint) g_ascii_strtoull (line, NULL, 10);

  ck_assert_uint_eq (i, run->acked);
  run->acked++;
  return ++run->seen >= run->kill_after;
}

START_TEST (test_kill_during_saves)
{
  g_autofree char *inspection_id = NULL;
  g_autofree char *path = make_db (N_CASES, &inspection_id);
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  SaveRun run = { 0, };
  guint kills = 0, audit_before;

  {
    g_autoptr(GError) error = NULL;
    FwStore *store = fw_store_open (path, &error);

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    for (guint c = 0; c < N_CASES; c++)
      {
        g_autofree char *ref = g_strdup_printf ("C%04u", c);
        g_autoptr(FwCase) kase = fw_store_find_case (store, inspection_id, ref, &error);

        ck_assert_ptr_nonnull (kase);
        g_ptr_array_add (case_ids, g_strdup (kase->id));
      }
    audit_before = fw_store_count_audit (store, inspection_id, &error);
    g_object_unref (store);
  }

  while (run.acked < N_SAVES)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwStore) store = NULL;
      Saver saver = { path, case_ids, run.acked };
      int status;

      run.seen = 0;
      run.kill_after = g_rand_int_range (rng, 1, MAX_ACKS_PER_RUN + 1);
      status = fw_test_run_child (save_child, &saver, on_save, &run, g_rand_int_range (rng, 0, 3000));
      if (WIFSIGNALED (status))
        kills++;
      else
        ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0 && run.acked == N_SAVES,
                       "the saver failed (status %d) after %u saves", status, run.acked);

      /* the save in flight when it died may be there or not; every acknowledged one is */
      fw_test_assert_integrity (path);
      store = fw_store_open (path, &error);
      ck_assert_msg (store != NULL, "after kill %u: %s", kills, error ? error->message : "");
      for (guint i = 0; i < run.acked; i++)
        ck_assert_msg (fw_test_saved (store, g_ptr_array_index (case_ids, i / G_N_ELEMENTS (questions)),
                                      questions[i % G_N_ELEMENTS (questions)], i),
                       "after kill %u: acknowledged save %u is missing", kills, i);
      /* the audit trail agrees: an entry for every save (and for the first
       * answer of a case, its move to in progress) */
      {
        guint audited = fw_store_count_audit (store, inspection_id, &error) - audit_before;

        ck_assert_msg (audited >= run.acked,
                       "after kill %u: %u audit rows for %u acknowledged saves", kills, audited, run.acked);
      }
    }
  g_print ("# %u kills during %u saves\n", kills, N_SAVES);
  ck_assert_uint_ge (kills, 10);
}
END_TEST

/* ---------------------------------------------------------------- imports */

typedef struct {
  const char *path;
  const char *inspection_id;
  const char *csv_path;
} Importer;

/* The child: says "start", imports the file, says "done". */
static int
import_child (int fd, gpointer data)
{
  Importer *importer = data;
  g_autoptr(GError) error = NULL;
  FwStore *store;
  guint n = 0;

  if (!fw_test_child_say (fd, "start"))
    return 5;
  store = fw_store_open (importer->path, &error);
  if (store == NULL || !fw_import_cases (store, importer->inspection_id, importer->csv_path, &n, &error))
    {
      g_printerr ("importer: %s\n", error->message);
      return 4;
    }
  if (!fw_test_child_say (fd, "done"))
    return 5;
  return 0;
}

typedef struct {
  gboolean kill;
  gboolean done;
} ImportRun;

static gboolean
on_import (const char *line, gpointer data)
{
  ImportRun *run = data;

  if (strcmp (line, "done") == 0)
    run->done = TRUE;
  return run->kill && strcmp (line, "start") == 0;
}

static guint
count_cases (FwStore *store, const char *inspection_id, const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, NULL, &error);
  guint n = 0;

  ck_assert_msg (cases != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < cases->len; i++)
    n += g_str_has_prefix (((FwCase *) g_ptr_array_index (cases, i))->reference, prefix);
  return n;
}

START_TEST (test_kill_during_imports)
{
  g_autofree char *inspection_id = NULL;
  g_autofree char *path = make_db (1, &inspection_id);
  gint64 duration_us = 0;
  guint kills = 0, whole = 0;

  /* round 0 runs to the end, to time an import; the rest are killed at a
   * random moment from its start to a little after its usual end */
  for (guint round = 0; round < IMPORT_ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("cases-%u.csv", round);
      g_autofree char *prefix = g_strdup_printf ("R%02u-", round);
      g_autoptr(GString) csv = g_string_new ("reference,kind,inspector\n");
      g_autofree char *csv_path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FwStore) store = NULL;
      ImportRun run = { round > 0, FALSE };
      guint delay = round > 0 ? (guint) g_rand_int_range (rng, 0, (gint32) (duration_us * 5 / 4) + 1) : 0;
      gint64 start = g_get_monotonic_time ();
      Importer importer = { path, inspection_id, NULL };
      int status;
      guint n;

      for (guint i = 0; i < IMPORT_ROWS; i++)
        g_string_append_printf (csv, "%s%04u,case,Inspector %c\n", prefix, i, i % 2 ? 'A' : 'B');
      csv_path = fw_test_write (tmpdir, name, csv->str, csv->len);

      importer.csv_path = csv_path;
      status = fw_test_run_child (import_child, &importer, on_import, &run, delay);
      if (round == 0)
        duration_us = g_get_monotonic_time () - start;
      if (WIFSIGNALED (status))
        kills++;
      else
        ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0 && run.done,
                       "the importer failed (status %d)", status);

      fw_test_assert_integrity (path);
      store = fw_store_open (path, &error);
      ck_assert_msg (store != NULL, "round %u: %s", round, error ? error->message : "");
      n = count_cases (store, inspection_id, prefix);
      ck_assert_msg (n == 0 || n == IMPORT_ROWS, "round %u: a killed import left %u of %u rows", round, n,
                     IMPORT_ROWS);
      ck_assert_msg (!run.done || n == IMPORT_ROWS, "round %u: an acknowledged import is missing", round);
      whole += n == IMPORT_ROWS;
      /* and the rounds before it are still whole or absent, as they were */
      ck_assert_uint_eq (count_cases (store, inspection_id, "R"), whole * IMPORT_ROWS);
    }
  g_print ("# %u kills during %u imports (%u rounds complete), an import taking %" G_GINT64_FORMAT " ms\n",
           kills, IMPORT_ROUNDS, whole, duration_us / 1000);
  ck_assert_uint_ge (kills, 5);
}
END_TEST

/* ---------------------------------------------------------------- merges */

#define MERGE_ROUNDS 12
#define MERGE_PASS "correct horse battery staple"

static gint64
count_rows (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  gint64 n = -1;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), SQLITE_OK);
  if (sqlite3_step (s) == SQLITE_ROW)
    n = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  sqlite3_close (db);
  return n;
}

static void
copy_db (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  gsize length;

  g_unlink (wal);
  g_unlink (shm);
  ck_assert (g_file_get_contents (from, &contents, &length, NULL));
  ck_assert (g_file_set_contents (to, contents, length, NULL));
}

/* fieldwork-cli merge, started; its pid */
static GPid
start_merge (const char *lead, const char *inspection_id, const char *ret)
{
  const char *argv[] = { g_getenv ("FW_CLI"), "--db", lead, "merge", "--inspection", inspection_id, ret, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  env = g_environ_setenv (env, "FIELDWORK_PASSPHRASE", MERGE_PASS, TRUE);
  env = g_environ_setenv (env, "FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  ck_assert_msg (g_spawn_async (tmpdir, (char **) argv, env,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error), "%s", error ? error->message : "");
  return pid;
}

/* A laptop's return of 60 cases' answers, merged by fieldwork-cli merge
 * killed at a random moment: the lead's database has all of it or none,
 * and passes the integrity check. */
START_TEST (test_kill_during_merges)
{
  g_autofree char *inspection_id = NULL;
  g_autofree char *lead = make_db (1, &inspection_id);
  g_autofree char *pristine = g_build_filename (tmpdir, "pristine.db", NULL);
  g_autofree char *package = g_build_filename (tmpdir, "a.pkg", NULL);
  g_autofree char *laptop_path = g_build_filename (tmpdir, "laptop.db", NULL);
  g_autofree char *ret = g_build_filename (tmpdir, "a.ret", NULL);
  g_autoptr(GString) csv = g_string_new ("reference,kind,inspector\n");
  g_autoptr(GError) error = NULL;
  gint64 before, after, duration_us;
  guint kills = 0, none = 0, all = 0;

  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  {
    g_autoptr(FwStore) store = fw_store_open (lead, &error);
    g_autoptr(FwStore) laptop = NULL;
    g_autoptr(FwSyncFile) file = NULL;
    g_autofree char *id = NULL;

    ck_assert_ptr_nonnull (store);
    for (guint i = 0; i < 60; i++)
      g_string_append_printf (csv, "M%02u,case,Inspector A\n", i);
    ck_assert_msg (fw_import_cases_data (store, inspection_id, csv->str, csv->len, "cases.csv", NULL, &error),
                   "%s", error ? error->message : "");
    ck_assert_msg (fw_sync_write_package (store, inspection_id, "Inspector A", package, MERGE_PASS, &error),
                   "%s", error ? error->message : "");
    file = fw_sync_file_read (package, MERGE_PASS, &error);
    ck_assert_ptr_nonnull (file);
    laptop = fw_store_open (laptop_path, &error);
    ck_assert_ptr_nonnull (laptop);
    id = fw_sync_open_package (laptop, file, NULL, &error);
    ck_assert_msg (id != NULL, "%s", error ? error->message : "");
    for (guint i = 0; i < 60; i++)
      {
        g_autofree char *ref = g_strdup_printf ("M%02u", i);
        g_autoptr(FwCase) kase = fw_store_find_case (laptop, inspection_id, ref, &error);

        ck_assert_ptr_nonnull (kase);
        for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
          ck_assert_msg (fw_store_set_answer (laptop, kase->id, questions[q], fw_test_save_answer (i + q), "seen", "answer",
                                              &error), "%s", error ? error->message : "");
      }
    ck_assert_msg (fw_sync_write_return (laptop, inspection_id, ret, MERGE_PASS, NULL, &error),
                   "%s", error ? error->message : "");
  }
  copy_db (lead, pristine);
  before = count_rows (lead, "SELECT count(*) FROM answer;");

  /* one merge to the end, timed */
  {
    gint64 start = g_get_monotonic_time ();
    GPid pid = start_merge (lead, inspection_id, ret);
    int status = 0;

    ck_assert_int_eq (waitpid (pid, &status, 0), pid);
    duration_us = g_get_monotonic_time () - start;
    ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0, "the merge failed (status %d)", status);
    after = count_rows (lead, "SELECT count(*) FROM answer;");
    ck_assert_int_eq (after, before + 60 * (gint64) G_N_ELEMENTS (questions));
  }

  for (guint round = 0; round < MERGE_ROUNDS; round++)
    {
      GPid pid;
      int status = 0;
      gint64 n;

      gint64 wait_us;

      copy_db (pristine, lead);
      pid = start_merge (lead, inspection_id, ret);
      wait_us = g_rand_int_range (rng, 0, (gint32) duration_us + 1);
      g_usleep (wait_us);
      kill (pid, SIGKILL);
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      kills += WIFSIGNALED (status);
      /* a merge that finished first was quicker than the one timed (a busy
       * machine times the first one slow): aim the next kills earlier */
      if (!WIFSIGNALED (status))
        duration_us = MAX (wait_us, 1000);

      fw_test_assert_integrity (lead);
      {
        g_autoptr(FwStore) store = fw_store_open (lead, &error);
        ck_assert_msg (store != NULL, "round %u: %s", round, error ? error->message : "");
      }
      n = count_rows (lead, "SELECT count(*) FROM answer;");
      ck_assert_msg (n == before || n == after, "round %u: a killed merge left %" G_GINT64_FORMAT
                     " answers (before %" G_GINT64_FORMAT ", merged %" G_GINT64_FORMAT ")", round, n, before, after);
      ck_assert_msg (WIFSIGNALED (status) || n == after, "round %u: a finished merge is missing", round);
      none += n == before;
      all += n == after;
    }
  g_print ("# %u kills during %u merges (%u left nothing, %u all), a merge taking %" G_GINT64_FORMAT " ms\n",
           kills, MERGE_ROUNDS, none, all, duration_us / 1000);
  ck_assert_uint_ge (kills, MERGE_ROUNDS / 2);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("crash");
  TCase *tc = tcase_create ("kill");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 90);
  tcase_add_test (tc, test_kill_during_saves);
  tcase_add_test (tc, test_kill_during_imports);
  tcase_add_test (tc, test_kill_during_merges);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
