/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Save one answer durably: fw_store_set_answer (the upsert, its audit entry,
 * one COMMIT) against the physical floor, a bare prepared INSERT + COMMIT
 * through sqlite3 with the store's settings (WAL, synchronous = FULL) in a
 * database on the same disk. The two alternate, so both see the same disk. */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <sqlite3.h>

#include "fw-bench.h"

typedef struct {
  sqlite3      *db;
  sqlite3_stmt *begin, *insert, *commit;
  guint         next;
} Bare;

static void
check (sqlite3 *db, int rc, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static void
bare_open (Bare *bare, const char *path)
{
  fw_bench_remove_db (path);
  check (NULL, sqlite3_open (path, &bare->db), "open");
  check (bare->db, sqlite3_exec (bare->db,
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
    "CREATE TABLE answer (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, item TEXT NOT NULL,"
    " value TEXT NOT NULL, note TEXT, who TEXT, at TEXT NOT NULL, UNIQUE (case_id, item));",
    NULL, NULL, NULL), "schema");
  check (bare->db, sqlite3_prepare_v2 (bare->db, "BEGIN IMMEDIATE;", -1, &bare->begin, NULL), "prepare");
  check (bare->db, sqlite3_prepare_v2 (bare->db, "INSERT INTO answer (id, case_id, item, value, note, who, at)"
                                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);",
                                       -1, &bare->insert, NULL), "prepare");
  check (bare->db, sqlite3_prepare_v2 (bare->db, "COMMIT;", -1, &bare->commit, NULL), "prepare");
}

static void
bare_close (Bare *bare)
{
  sqlite3_finalize (bare->begin);
  sqlite3_finalize (bare->insert);
  sqlite3_finalize (bare->commit);
  sqlite3_close (bare->db);
}

/* One durable insert, everything prepared beforehand. */
static void
bare_save (Bare *bare)
{
  char id[32], item[16];

  g_snprintf (id, sizeof id, "bare-%08u", bare->next);
  g_snprintf (item, sizeof item, "2.1.%u", bare->next++ % 3 + 1);
  check (bare->db, sqlite3_step (bare->begin), "begin");
  sqlite3_reset (bare->begin);
  sqlite3_bind_text (bare->insert, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (bare->insert, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (bare->insert, 3, item, -1, SQLITE_STATIC);
  sqlite3_bind_text (bare->insert, 4, "yes", -1, SQLITE_STATIC);
  sqlite3_bind_null (bare->insert, 5);
  sqlite3_bind_text (bare->insert, 6, "Bench Inspector", -1, SQLITE_STATIC);
  sqlite3_bind_text (bare->insert, 7, "2026-01-01T00:00:00.000000Z", -1, SQLITE_STATIC);
  check (bare->db, sqlite3_step (bare->insert), "insert");
  sqlite3_reset (bare->insert);
  check (bare->db, sqlite3_step (bare->commit), "commit");
  sqlite3_reset (bare->commit);
}

typedef struct {
  char    *case_id;
  char    *item;
  gboolean na_allowed;   /* the question offers N/A */
} Slot;

/* Every (case, applicable key question) of the inspection. */
static GArray *
slots_of (FwStore *store, const char *inspection_id)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection_id, NULL);
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, NULL, NULL);
  GPtrArray *questions = fw_framework_get_questions (fw);
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (Slot));

  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      FwKind *kind = fw_framework_find_kind (fw, c->kind);

      for (guint q = 0; q < questions->len; q++)
        {
          FwQuestion *question = g_ptr_array_index (questions, q);
          Slot slot = { g_strdup (c->id), g_strdup (question->id), question->na_allowed };

          if (fw_question_applies_to (question, kind))
            g_array_append_val (slots, slot);
          else
            {
              g_free (slot.case_id);
              g_free (slot.item);
            }
        }
    }
  return slots;
}

static FwAnswer
next_answer (FwAnswer answer)
{
  switch (answer)
    {
    case FW_ANSWER_YES: return FW_ANSWER_NO;
    case FW_ANSWER_NO: return FW_ANSWER_NA;
    case FW_ANSWER_NA:
    case FW_ANSWER_NONE:
    default: return FW_ANSWER_YES;
    }
}

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection_id = NULL;
  g_autofree char *bare_path = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autofree double *store_times = NULL, *bare_times = NULL;
  double store_median, bare_median, store_p99, bare_p99;
  guint n_cases, runs, warmup;
  Bare bare = { 0, };

  fw_bench_parse_args (&argc, &argv, &options, "Save one answer durably: the store against bare SQLite.");
  n_cases = 60;
  runs = options.runs > 0 ? (guint) options.runs : options.smoke ? 20 : 400;
  warmup = options.smoke ? 2 : 20;

  store = fw_bench_new_store (options.dir, "save.db", n_cases, 1, &inspection_id);
  bare_path = g_build_filename (options.dir, "bare.db", NULL);
  bare_open (&bare, bare_path);
  slots = slots_of (store, inspection_id);
  store_times = g_new (double, runs);
  bare_times = g_new (double, runs);

  for (guint i = 0; i < warmup + runs; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, (i * 7) % slots->len);
      g_autoptr(GError) error = NULL;
      g_autofree char *note = NULL;
      FwAnswer answer;
      double t0, t1, t2;

      if (!fw_store_get_answer (store, slot->case_id, slot->item, &answer, &note, &error))
        g_error ("%s", error->message);
      answer = next_answer (answer);
      if (answer == FW_ANSWER_NA && !slot->na_allowed)
        answer = FW_ANSWER_YES;
      t0 = fw_bench_now ();
      if (!fw_store_set_answer (store, slot->case_id, slot->item, answer,
                                answer == FW_ANSWER_YES ? NULL : "Checked in the case file", "answer", &error))
        g_error ("%s", error->message);
      t1 = fw_bench_now ();
      bare_save (&bare);
      t2 = fw_bench_now ();
      if (i >= warmup)
        {
          store_times[i - warmup] = (t1 - t0) * 1e3;
          bare_times[i - warmup] = (t2 - t1) * 1e3;
        }
    }
  bare_close (&bare);

  store_p99 = fw_bench_percentile (store_times, runs, 99);
  store_median = fw_bench_median (store_times, runs);
  bare_p99 = fw_bench_percentile (bare_times, runs, 99);
  bare_median = fw_bench_median (bare_times, runs);

  fw_bench_report ("save_answer_median", store_median, "ms", NAN,
                   "fw_store_set_answer, %u saves, %u-case inspection", runs, n_cases);
  fw_bench_report ("save_answer_p99", store_p99, "ms", NAN, NULL);
  fw_bench_report ("save_answer_floor_median", bare_median, "ms", NAN,
                   "bare sqlite3 prepared INSERT + COMMIT, WAL, synchronous = FULL, same disk");
  fw_bench_report ("save_answer_floor_p99", bare_p99, "ms", NAN, NULL);
  fw_bench_report ("save_answer_ratio", store_median / bare_median, "x", 1.5,
                   "median store / median bare");

  for (guint i = 0; i < slots->len; i++)
    {
      g_free (g_array_index (slots, Slot, i).case_id);
      g_free (g_array_index (slots, Slot, i).item);
    }
  g_clear_object (&store);
  fw_bench_finish (&options);
  return 0;
}
