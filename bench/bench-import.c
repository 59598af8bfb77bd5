/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import: a 10 000-case answers CSV through fw_import_answers, into a fresh
 * inspection whose cases were imported just before (timed too, no target). */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "fw-bench.h"

/* ---------------------------------------------------------------- the floor */

/* The rows an import wrote, kept to be written again by a bare loop. */
typedef struct {
  char      *sql;      /* INSERT … VALUES (?1 …) or UPDATE …: one row's values bound in order */
  int        n;        /* values a row */
  GPtrArray *values;   /* sqlite3_value*, n a row */
} Rows;

static void
rows_free (Rows *rows)
{
  g_free (rows->sql);
  g_ptr_array_unref (rows->values);
  g_free (rows);
}

static void
check (sqlite3 *db, int rc, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

/* select's rows, to be written again with sql (as many ?s as columns) */
static Rows *
rows_capture (sqlite3 *db, const char *select, const char *sql)
{
  Rows *rows = g_new0 (Rows, 1);
  sqlite3_stmt *s = NULL;

  check (db, sqlite3_prepare_v2 (db, select, -1, &s, NULL), select);
  rows->n = sqlite3_column_count (s);
  rows->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  while (sqlite3_step (s) == SQLITE_ROW)
    for (int i = 0; i < rows->n; i++)
      g_ptr_array_add (rows->values, sqlite3_value_dup (sqlite3_column_value (s, i)));
  sqlite3_finalize (s);
  if (sql)
    rows->sql = g_strdup (sql);
  else
    {
      /* INSERT INTO table VALUES (?, …) for "SELECT * FROM table …" */
      g_autofree char *table = g_strdup (strstr (select, "FROM ") + 5);
      g_autoptr(GString) insert = NULL;

      table[strcspn (table, " ;")] = '\0';
      insert = g_string_new (NULL);
      g_string_printf (insert, "INSERT INTO %s VALUES (", table);
      for (int i = 0; i < rows->n; i++)
        g_string_append (insert, i ? ", ?" : "?");
      g_string_append (insert, ");");
      rows->sql = g_string_free (g_steal_pointer (&insert), FALSE);
    }
  return rows;
}

/* The connection the store would have: WAL, synchronous=FULL, foreign
 * keys, the cache of a bulk change. */
static sqlite3 *
floor_open (const char *path)
{
  sqlite3 *db = NULL;

  check (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), path);
  check (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                               " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;", NULL, NULL, NULL),
         "pragmas");
  return db;
}

/* A copy of the database at from (another connection may hold it open) */
static void
floor_copy (const char *from, const char *to)
{
  sqlite3 *src = NULL, *dst = NULL;
  sqlite3_backup *b;

  fw_bench_remove_db (to);
  check (src, sqlite3_open_v2 (from, &src, SQLITE_OPEN_READONLY, NULL), from);
  check (dst, sqlite3_open_v2 (to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), to);
  b = sqlite3_backup_init (dst, "main", src, "main");
  if (b == NULL || sqlite3_backup_step (b, -1) != SQLITE_DONE)
    g_error ("copy: %s", sqlite3_errmsg (dst));
  sqlite3_backup_finish (b);
  sqlite3_close (src);
  sqlite3_close (dst);
}

static int
column_index (sqlite3 *db, const char *table, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s LIMIT 0;", table);
  sqlite3_stmt *s = NULL;
  int found = -1;

  check (db, sqlite3_prepare_v2 (db, sql, -1, &s, NULL), sql);
  for (int i = 0; i < sqlite3_column_count (s); i++)
    if (g_strcmp0 (sqlite3_column_name (s, i), column) == 0)
      found = i;
  sqlite3_finalize (s);
  if (found < 0)
    g_error ("%s has no column %s", table, column);
  return found;
}

/* The bare loop: the same rows in the import's order (each answer, then
 * its audit entry; a case's move to in progress, then its entry), every
 * statement prepared once, in one transaction. Seconds. */
static double
floor_run (sqlite3 *db, Rows *answers, Rows *audit)
{
  int action = column_index (db, "audit", "action"), case_id = column_index (db, "audit", "case_id");
  int new_value = column_index (db, "audit", "new_value");
  sqlite3_stmt *insert_answer = NULL, *insert_audit = NULL, *update_status = NULL;
  guint next_answer = 0;
  double t0 = fw_bench_now ();

  check (db, sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL), "begin");
  check (db, sqlite3_prepare_v2 (db, answers->sql, -1, &insert_answer, NULL), answers->sql);
  check (db, sqlite3_prepare_v2 (db, audit->sql, -1, &insert_audit, NULL), audit->sql);
  check (db, sqlite3_prepare_v2 (db, "UPDATE kase SET status = ?2 WHERE id = ?1;", -1, &update_status, NULL),
         "update");
  for (guint r = 0; r < audit->values->len; r += audit->n)
    {
      sqlite3_value **row = (sqlite3_value **) audit->values->pdata + r;
      const char *what = (const char *) sqlite3_value_text (row[action]);

      if (g_strcmp0 (what, "status") == 0)
        {
          sqlite3_bind_value (update_status, 1, row[case_id]);
          sqlite3_bind_value (update_status, 2, row[new_value]);
          check (db, sqlite3_step (update_status), "update");
          sqlite3_reset (update_status);
        }
      else if (next_answer < answers->values->len)
        {
          for (int i = 0; i < answers->n; i++)
            sqlite3_bind_value (insert_answer, i + 1, g_ptr_array_index (answers->values, next_answer + i));
          check (db, sqlite3_step (insert_answer), answers->sql);
          sqlite3_reset (insert_answer);
          next_answer += answers->n;
        }
      for (int i = 0; i < audit->n; i++)
        sqlite3_bind_value (insert_audit, i + 1, row[i]);
      check (db, sqlite3_step (insert_audit), audit->sql);
      sqlite3_reset (insert_audit);
    }
  if (next_answer != answers->values->len)
    g_error ("the audit trail does not match the answers");
  sqlite3_finalize (insert_answer);
  sqlite3_finalize (insert_audit);
  sqlite3_finalize (update_status);
  check (db, sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), "commit");
  return fw_bench_now () - t0;
}

static double
cpu_seconds (const struct rusage *a, const struct rusage *b)
{
  return (b->ru_utime.tv_sec - a->ru_utime.tv_sec) + (b->ru_stime.tv_sec - a->ru_stime.tv_sec)
         + ((b->ru_utime.tv_usec - a->ru_utime.tv_usec) + (b->ru_stime.tv_usec - a->ru_stime.tv_usec)) / 1e6;
}

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwBenchSample) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cases_path = NULL, *answers_path = NULL;
  g_autofree double *case_times = NULL, *answer_times = NULL, *cpu_times = NULL, *floor_times = NULL;
  g_autofree double *ratios = NULL, *cpu_ratios = NULL;
  guint n_cases, runs, n_rows = 0;

  fw_bench_parse_args (&argc, &argv, &options, "Import a 10 000-case answers CSV.");
  n_cases = fw_bench_large (&options);
  runs = fw_bench_runs (&options, 5);
  fw = fw_bench_framework ();
  sample = fw_bench_sample_new (fw, n_cases, 6);
  cases_path = g_build_filename (options.dir, "cases.csv", NULL);
  answers_path = g_build_filename (options.dir, "answers.csv", NULL);
  if (!g_file_set_contents (cases_path, sample->cases_csv->str, sample->cases_csv->len, &error)
      || !g_file_set_contents (answers_path, sample->answers_csv->str, sample->answers_csv->len, &error))
    g_error ("%s", error->message);
  case_times = g_new (double, runs);
  answer_times = g_new (double, runs);
  cpu_times = g_new (double, runs);
  floor_times = g_new (double, runs);
  ratios = g_new (double, runs);
  cpu_ratios = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *path = g_build_filename (options.dir, "import.db", NULL);
      g_autofree char *floor_path = g_build_filename (options.dir, "floor.db", NULL);
      sqlite3 *db = NULL;
      gint64 audit_before = 0;
      Rows *answers, *audit;
      g_autoptr(FwStore) store = NULL;
      g_autofree char *id = NULL;
      const char *names[] = { "Inspector A", NULL };
      struct rusage r1, r2, f1, f2;
      double t0, t1, t2;

      fw_bench_remove_db (path);
      if ((store = fw_store_open (path, &error)) == NULL
          || (id = fw_store_create_inspection (store, fw, "Synthetic Youth Justice Service", "2019-03-04",
                                               names, &error)) == NULL)
        g_error ("%s", error->message);
      t0 = fw_bench_now ();
      if (!fw_import_cases (store, id, cases_path, NULL, &error))
        g_error ("%s", error->message);
      /* the floor starts from the same database */
      floor_copy (path, floor_path);
      check (db, sqlite3_open_v2 (floor_path, &db, SQLITE_OPEN_READONLY, NULL), floor_path);
      {
        sqlite3_stmt *s = NULL;
        check (db, sqlite3_prepare_v2 (db, "SELECT coalesce(max(rowid), 0) FROM audit;", -1, &s, NULL), "audit");
        if (sqlite3_step (s) == SQLITE_ROW)
          audit_before = sqlite3_column_int64 (s, 0);
        sqlite3_finalize (s);
      }
      sqlite3_close (db);
      t1 = fw_bench_now ();
      getrusage (RUSAGE_SELF, &r1);
      if (!fw_import_answers (store, id, answers_path, &n_rows, &error))
        g_error ("%s", error->message);
      getrusage (RUSAGE_SELF, &r2);
      t2 = fw_bench_now ();
      if (n_rows != sample->n_answers)
        g_error ("imported %u answers of %u", n_rows, sample->n_answers);
      /* the rows the import wrote: answers, audit entries, the cases it moved
       * to in progress; written again, in the same order, by a bare loop
       * into the copy */
      {
        g_autofree char *audit_sql = g_strdup_printf ("SELECT * FROM audit WHERE rowid > %" G_GINT64_FORMAT " ORDER BY rowid;",
                                                      audit_before);

        check (db, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), path);
        answers = rows_capture (db, "SELECT * FROM answer ORDER BY rowid;", NULL);
        audit = rows_capture (db, audit_sql, NULL);
        sqlite3_close (db);
        db = floor_open (floor_path);
        getrusage (RUSAGE_SELF, &f1);
        floor_times[i] = floor_run (db, answers, audit);
        getrusage (RUSAGE_SELF, &f2);
        sqlite3_close (db);
        rows_free (answers);
        rows_free (audit);
        fw_bench_remove_db (floor_path);
      }
      case_times[i] = t1 - t0;
      answer_times[i] = t2 - t1;
      ratios[i] = answer_times[i] / floor_times[i];
      cpu_ratios[i] = cpu_seconds (&r1, &r2) / cpu_seconds (&f1, &f2);
      cpu_times[i] = (r2.ru_utime.tv_sec - r1.ru_utime.tv_sec) + (r2.ru_stime.tv_sec - r1.ru_stime.tv_sec)
                     + ((r2.ru_utime.tv_usec - r1.ru_utime.tv_usec) + (r2.ru_stime.tv_usec - r1.ru_stime.tv_usec)) / 1e6;
    }

  {
    g_autofree char *answers_name = g_strdup_printf ("import_answers_%u", n_cases);
    g_autofree char *cases_name = g_strdup_printf ("import_cases_%u", n_cases);

    fw_bench_report (answers_name, fw_bench_median (answer_times, runs), "s", 2.0,
                     "fw_import_answers, %u rows, median of %u runs (CPU time %.2f s)", sample->n_answers, runs,
                     fw_bench_median (cpu_times, runs));
    {
      g_autofree char *ratio_name = g_strdup_printf ("import_answers_%u_ratio", n_cases);
      double import_s = fw_bench_median (answer_times, runs), floor_s = fw_bench_median (floor_times, runs);

      /* each run's import and floor run one after the other, and the ratio
       * is taken run by run: other work on the machine weighs on both */
      fw_bench_report (ratio_name, fw_bench_median (ratios, runs), "×", 1.3,
                       "fw_import_answers %.3f s ÷ a bare C loop writing the same rows in the same order (answers, "
                       "audit, case status) into the same schema in one transaction %.3f s; median of %u runs' "
                       "ratios (CPU time ratio %.2f)",
                       import_s, floor_s, runs, fw_bench_median (cpu_ratios, runs));
    }
    fw_bench_report (cases_name, fw_bench_median (case_times, runs), "s", NAN,
                     "fw_import_cases, %u rows, median of %u runs", n_cases, runs);
  }
  fw_bench_finish (&options);
  return 0;
}
