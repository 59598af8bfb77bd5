/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Team fieldwork.
 *
 *   merge_returns_60   six returns of a 60-case inspection (about 1 000
 *                      answers) merged in one go, key derivation excluded
 *                      and reported beside it (merge_returns_60_kdf)
 *   merge_return_10000 a 10 000-answer return merged, as a ratio to a bare
 *                      sqlite3changeset_apply () of the same changeset on
 *                      a copy of the same database, in the same run
 *
 * Files are sealed at the interactive Argon2id limits, as in real use. */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "fw-bench.h"

#define PASS "bench passphrase"

static void
copy_db (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  fw_bench_remove_db (to);
  if (!g_file_get_contents (from, &contents, &length, NULL) || !g_file_set_contents (to, contents, length, NULL))
    g_error ("copy %s", from);
}

/* A lead database with the sample's cases shared round-robin among
 * n inspectors, each laptop holding its package and the sample's answers
 * for its cases; writes one return per laptop. Returns the lead's path. */
static char *
make_returns (const char *dir, const char *tag, guint n_cases, guint n_inspectors, GPtrArray *returns,
              guint *n_answers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = fw_bench_framework ();
  g_autoptr(FwBenchSample) sample = fw_bench_sample_new (fw, n_cases, 20250106);
  g_autofree char *truth_name = g_strdup_printf ("%s-truth.db", tag);
  g_autofree char *truth_id = NULL, *lead_id = NULL;
  g_autoptr(FwStore) truth = fw_bench_new_store (dir, truth_name, n_cases, 20250106, &truth_id);
  g_autofree char *lead_path = g_strdup_printf ("%s/%s-lead.db", dir, tag);
  g_autoptr(FwStore) lead = NULL;
  g_autoptr(GPtrArray) cases = NULL, answers = NULL;
  const char *names[] = { "Inspector A", "Inspector B", "Inspector C", "Inspector D", "Inspector E", "Inspector F", NULL };

  fw_bench_remove_db (lead_path);
  if ((lead = fw_store_open (lead_path, &error)) == NULL
      || (lead_id = fw_store_create_inspection (lead, fw, "Bench service", "2025-01-06", names, &error)) == NULL
      || !fw_import_cases_data (lead, lead_id, sample->cases_csv->str, sample->cases_csv->len, "cases.csv", NULL, &error)
      || (cases = fw_store_list_cases (lead, lead_id, NULL, &error)) == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      const char *ids[] = { c->id, NULL };
      if (!fw_sync_allocate (lead, lead_id, ids, names[i % n_inspectors], &error))
        g_error ("%s", error->message);
    }
  answers = fw_store_list_answers (truth, truth_id, &error);
  *n_answers = 0;
  for (guint k = 0; k < n_inspectors; k++)
    {
      g_autofree char *pkg = g_strdup_printf ("%s/%s-%u.pkg", dir, tag, k);
      g_autofree char *laptop_path = g_strdup_printf ("%s/%s-laptop-%u.db", dir, tag, k);
      g_autofree char *ret = g_strdup_printf ("%s/%s-%u.ret", dir, tag, k);
      g_autoptr(FwStore) laptop = NULL;
      g_autoptr(FwSyncFile) file = NULL;
      g_autofree char *id = NULL;

      fw_bench_remove_db (laptop_path);
      if (!fw_sync_write_package (lead, lead_id, names[k], pkg, PASS, &error)
          || (file = fw_sync_file_read (pkg, PASS, &error)) == NULL
          || (laptop = fw_store_open (laptop_path, &error)) == NULL
          || (id = fw_sync_open_package (laptop, file, NULL, &error)) == NULL)
        g_error ("%s", error->message);
      fw_store_set_bulk (laptop, TRUE);
      if (!fw_store_begin (laptop, &error))
        g_error ("%s", error->message);
      for (guint a = 0; a < answers->len; a++)
        {
          FwAnswerRow *row = g_ptr_array_index (answers, a);
          g_autoptr(FwCase) c = fw_store_find_case (laptop, id, row->reference, NULL);

          if (c == NULL)
            continue;
          if (!fw_store_set_answer (laptop, c->id, row->item, row->answer, row->note, "answer", &error))
            g_error ("%s", error->message);
          (*n_answers)++;
        }
      if (!fw_store_commit (laptop, &error))
        g_error ("%s", error->message);
      fw_store_set_bulk (laptop, FALSE);
      if (!fw_sync_write_return (laptop, id, ret, PASS, NULL, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (returns, g_steal_pointer (&ret));
    }
  return g_steal_pointer (&lead_path);
}

static GPtrArray *
read_returns (GPtrArray *paths, double *kdf)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_file_free);
  double start = fw_bench_now ();

  for (guint i = 0; i < paths->len; i++)
    {
      FwSyncFile *file = fw_sync_file_read (g_ptr_array_index (paths, i), PASS, &error);
      if (file == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (files, file);
    }
  *kdf = fw_bench_now () - start;
  return files;
}

static double
time_merge (const char *lead_path, const char *work_path, GPtrArray *files, FwSyncResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  double start;

  copy_db (lead_path, work_path);
  if ((store = fw_store_open (work_path, &error)) == NULL
      || (list = fw_store_list_inspections (store, &error)) == NULL)
    g_error ("%s", error->message);
  start = fw_bench_now ();
  if (!fw_sync_merge (store, ((FwInspectionInfo *) g_ptr_array_index (list, 0))->id, files, NULL, NULL, NULL,
                      result, &error))
    g_error ("%s", error->message);
  return fw_bench_now () - start;
}

static int
omit (void *data, int type, sqlite3_changeset_iter *it)
{
  return SQLITE_CHANGESET_OMIT;
}

/* The floor: the changeset applied as it is, on a copy of the same
 * database with the store's settings, in one durable transaction. */
static double
time_bare (const char *lead_path, const char *work_path, GBytes *changeset)
{
  sqlite3 *db = NULL;
  double start;

  copy_db (lead_path, work_path);
  if (sqlite3_open (work_path, &db) != SQLITE_OK
      || sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                       NULL, NULL, NULL) != SQLITE_OK)
    g_error ("bare: %s", sqlite3_errmsg (db));
  start = fw_bench_now ();
  if (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3changeset_apply (db, (int) g_bytes_get_size (changeset), (void *) g_bytes_get_data (changeset, NULL),
                                 NULL, omit, NULL) != SQLITE_OK
      || sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("bare: %s", sqlite3_errmsg (db));
  start = fw_bench_now () - start;
  sqlite3_close (db);
  return start;
}

int
main (int argc, char **argv)
{
  FwBenchOptions options = { 0 };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) big_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = NULL, big = NULL;
  g_autofree char *lead = NULL, *big_lead = NULL, *work = NULL;
  guint runs, n_answers = 0, big_answers = 0, big_cases;
  double kdf = 0, big_kdf = 0, *merge, *ratio;
  FwSyncResult result = { 0 };

  fw_bench_parse_args (&argc, &argv, &options, "team fieldwork: merging returns");
  runs = fw_bench_runs (&options, 5);
  work = g_build_filename (options.dir, "sync-work.db", NULL);

  lead = make_returns (options.dir, "sync60", 60, 6, paths, &n_answers);
  files = read_returns (paths, &kdf);
  merge = g_new0 (double, runs);
  for (guint r = 0; r < runs; r++)
    merge[r] = time_merge (lead, work, files, &result);
  fw_bench_report ("merge_returns_60", fw_bench_median (merge, runs), "s", 1.0,
                   "median of %u: %u returns, %u answers, %u changes merged; key derivation apart", runs, paths->len,
                   n_answers, result.changes);
  fw_bench_report ("merge_returns_60_kdf", kdf / paths->len, "s", NAN,
                   "Argon2id per file at the interactive limits (excluded from merge_returns_60)");

  /* about 10 000 answers: the sample answers about 11 key questions a case */
  big_cases = options.smoke ? 30 : 900;
  big_lead = make_returns (options.dir, "sync10k", big_cases, 1, big_paths, &big_answers);
  big = read_returns (big_paths, &big_kdf);
  ratio = g_new0 (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      double ours = time_merge (big_lead, work, big, &result);
      double bare = time_bare (big_lead, work, fw_sync_file_get_body (g_ptr_array_index (big, 0)));
      ratio[r] = ours / bare;
    }
  fw_bench_report ("merge_return_10000", fw_bench_median (ratio, runs), "ratio", 2.0,
                   "median of %u: fw_sync_merge / bare sqlite3changeset_apply of the same changeset, %u answers",
                   runs, big_answers);
  g_free (merge);
  g_free (ratio);
  fw_bench_finish (&options);
  return 0;
}
