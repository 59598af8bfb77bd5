/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-rate after one answer: what the window does after a click, through
 * FwSession, up to the moment a ratings panel would redraw —
 * fw_session_answer (the store's write path: rules and write in one
 * BEGIN IMMEDIATE transaction, the durable commit, then FwStore::changed
 * read back from the audit row), the session following that notification
 * (moving its counts and re-rating: FwSession::rating-changed, then
 * FwSession::changed for the widgets), and reading fw_session_get_rating.
 * With a display (FW_BENCH_GUI builds, under Xvfb in the test suite) the
 * window's ratings panel is bound to the session too, so its update — of
 * the rows whose figures changed — is inside the click.
 *
 * The floor, measured in the same run on the same database, is the same job
 * written by hand against sqlite3: a prepared durable write of that answer
 * (UPDATE + COMMIT) and a hand-written GROUP BY that recounts the
 * inspection's answers. */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <sqlite3.h>

#include "fw-bench.h"
#ifdef FW_BENCH_GUI
#include <adwaita.h>
#include "fw-ratings-panel.h"
#endif

typedef struct {
  char *case_id;
  char *item;
} Slot;

typedef struct {
  double changed;    /* the store committed the answer and announced it (FwStore::changed) */
  double rated;      /* the session has the new rating (FwSession::rating-changed) */
  double followed;   /* the session told the widgets (FwSession::changed) */
} Stamps;

static void
on_store_changed (FwStore *store, FwChange *change, Stamps *stamps)
{
  if (change->kind == FW_CHANGE_ANSWER)
    stamps->changed = fw_bench_now ();
}

static void
on_rating_changed (FwSession *session, Stamps *stamps)
{
  stamps->rated = fw_bench_now ();
}

static void
on_session_changed (FwSession *session, FwChange *change, Stamps *stamps)
{
  if (change->kind == FW_CHANGE_ANSWER)
    stamps->followed = fw_bench_now ();
}

static GArray *
slots_of (FwSession *session, guint32 seed, guint n)
{
  GListModel *cases = fw_session_get_cases (session);
  GPtrArray *questions = fw_framework_get_questions (fw_session_get_framework (session));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (Slot));

  while (slots->len < n)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, g_rand_int_range (rand, 0, g_list_model_get_n_items (cases)));
      FwQuestion *q = g_ptr_array_index (questions, g_rand_int_range (rand, 0, questions->len));

      if (fw_session_case_applies (session, item, q))
        {
          Slot slot = { g_strdup (fw_case_item_get_id (item)), g_strdup (q->id) };
          g_array_append_val (slots, slot);
        }
    }
  return slots;
}

static void
check (sqlite3 *db, int rc, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static void
step_all (sqlite3 *db, sqlite3_stmt *s, guint *sink)
{
  int rc;

  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    *sink += sqlite3_column_int (s, sqlite3_column_count (s) - 1);
  check (db, rc, "step");
  sqlite3_reset (s);
}

#ifdef FW_BENCH_GUI
static GtkWidget *panel_window;
#endif

static void
run_size (FwBenchOptions *options, guint n_cases, double target_ms)
{
  g_autofree char *name = g_strdup_printf ("rerate-%u.db", n_cases);
  g_autofree char *path = g_build_filename (options->dir, name, NULL);
  g_autofree char *inspection_id = NULL;
  g_autoptr(FwStore) store = fw_bench_new_store (options->dir, name, n_cases, 2, &inspection_id);
  g_autoptr(FwSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(FwRating) check_rating = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *begin, *update, *commit, *by_kind, *by_answer;
  guint runs = options->runs > 0 ? (guint) options->runs : options->smoke ? 10 : 300;
  guint warmup = options->smoke ? 2 : 20;
  g_autofree double *click = g_new (double, runs);
  g_autofree double *compute = g_new (double, runs);
  g_autofree double *hand = g_new (double, runs);
  g_autofree double *groupby = g_new (double, runs);
  double click_median, floor_median;
  Stamps stamps = { 0, };
  guint sink = 0;

  /* connected before the session's own handler, so it runs first */
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), &stamps);
  if ((session = fw_session_new (store, inspection_id, &error)) == NULL)
    g_error ("%s", error->message);
  g_signal_connect (session, "rating-changed", G_CALLBACK (on_rating_changed), &stamps);
  g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), &stamps);
#ifdef FW_BENCH_GUI
  /* the panel follows "rating-changed" after the stamp above: its update is
   * between stamps.rated and the end of the click */
  if (panel_window != NULL)
    fw_ratings_panel_set_session (FW_RATINGS_PANEL (adw_window_get_content (ADW_WINDOW (panel_window))),
                                  session, "Bench");
#endif
  slots = slots_of (session, 3, warmup + runs);

  check (NULL, sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), "open");
  check (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL, NULL), "pragma");
  check (db, sqlite3_prepare_v2 (db, "BEGIN IMMEDIATE;", -1, &begin, NULL), "prepare");
  check (db, sqlite3_prepare_v2 (db, "UPDATE answer SET at = ?3 WHERE case_id = ?1 AND item = ?2;", -1, &update, NULL),
         "prepare");
  check (db, sqlite3_prepare_v2 (db, "COMMIT;", -1, &commit, NULL), "prepare");
  check (db, sqlite3_prepare_v2 (db, "SELECT kind, count(*) FROM kase WHERE inspection_id = ?1 GROUP BY kind;",
                                 -1, &by_kind, NULL), "prepare");
  check (db, sqlite3_prepare_v2 (db, "SELECT a.item, a.value, count(*) FROM kase c JOIN answer a ON a.case_id = c.id"
                                     " WHERE c.inspection_id = ?1 GROUP BY a.item, a.value;", -1, &by_answer, NULL),
         "prepare");
  sqlite3_bind_text (by_kind, 1, inspection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (by_answer, 1, inspection_id, -1, SQLITE_STATIC);

  for (guint i = 0; i < warmup + runs; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      FwAnswer answer;
      FwRating *rating;
      double t0, t1, t2, t3;

      if (!fw_store_get_answer (store, slot->case_id, slot->item, &answer, NULL, &error))
        g_error ("%s", error->message);
      answer = answer == FW_ANSWER_YES ? FW_ANSWER_NO : FW_ANSWER_YES;
      stamps.changed = stamps.rated = stamps.followed = NAN;

      /* the click */
      t0 = fw_bench_now ();
      if (!fw_session_answer (session, slot->case_id, slot->item, answer, NULL, &error))
        g_error ("%s", error->message);
      rating = fw_session_get_rating (session);
      sink += rating->score + (rating->rating ? rating->rating->index : 0);
      t1 = fw_bench_now ();

      /* the same by hand: a durable write of that answer, then a recount */
      check (db, sqlite3_step (begin), "begin");
      sqlite3_reset (begin);
      sqlite3_bind_text (update, 1, slot->case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 2, slot->item, -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 3, "2026-01-01T00:00:00.000000Z", -1, SQLITE_STATIC);
      check (db, sqlite3_step (update), "update");
      sqlite3_reset (update);
      check (db, sqlite3_step (commit), "commit");
      sqlite3_reset (commit);
      t2 = fw_bench_now ();
      step_all (db, by_kind, &sink);
      step_all (db, by_answer, &sink);
      t3 = fw_bench_now ();

      /* the notification and the re-rating happen inside the click */
      if (isnan (stamps.changed))
        g_error ("the store did not announce the answer");
      if (isnan (stamps.rated) || isnan (stamps.followed))
        g_error ("the session did not follow the answer and re-rate");
      if (!(t0 <= stamps.changed && stamps.changed <= stamps.rated && stamps.rated <= stamps.followed
            && stamps.followed <= t1))
        g_error ("the notification and the re-rating were not inside the click");
      if (i >= warmup)
        {
          click[i - warmup] = (t1 - t0) * 1e3;
          compute[i - warmup] = (stamps.rated - stamps.changed) * 1e3;
          hand[i - warmup] = (t3 - t1) * 1e3;
          groupby[i - warmup] = (t3 - t2) * 1e3;
        }
    }
  sqlite3_finalize (begin);
  sqlite3_finalize (update);
  sqlite3_finalize (commit);
  sqlite3_finalize (by_kind);
  sqlite3_finalize (by_answer);
  sqlite3_close (db);

  /* the live rating must be the rating of the store */
  check_rating = fw_rating_compute_from_store (store, inspection_id, NULL, &error);
  if (check_rating == NULL)
    g_error ("%s", error->message);
  for (guint q = 0; q < check_rating->n_questions; q++)
    {
      FwQuestionResult *a = &check_rating->questions[q], *b = &fw_session_get_rating (session)->questions[q];
      if (a->yes != b->yes || a->no != b->no || a->na != b->na)
        g_error ("the session's counts for %s differ from the store's", a->question->id);
    }

  {
    g_autofree char *n = g_strdup_printf ("%u", n_cases);
    g_autofree char *base = g_strdup_printf ("rerate_%s", n);
    g_autofree char *k_click = g_strconcat (base, "_click", NULL);
    g_autofree char *k_p99 = g_strconcat (base, "_click_p99", NULL);
    g_autofree char *k_compute = g_strconcat (base, "_rating_only", NULL);
    g_autofree char *k_groupby = g_strconcat (base, "_groupby", NULL);
    g_autofree char *k_floor = g_strconcat (base, "_floor", NULL);
    g_autofree char *k_ratio = g_strconcat (base, "_ratio", NULL);
    double click_p99 = fw_bench_percentile (click, runs, 99);

    click_median = fw_bench_median (click, runs);
    floor_median = fw_bench_median (hand, runs);
    fw_bench_report (k_click, click_median, "ms", target_ms,
                     "one answer click: fw_session_answer (write path, commit, FwStore::changed,"
                     " the session re-rating%s) + fw_session_get_rating, %u cases, %u answers",
#ifdef FW_BENCH_GUI
                     panel_window ? ", the ratings panel's update" : ", no display: no ratings panel",
#else
                     ", core only: no ratings panel",
#endif
                     n_cases, runs);
    fw_bench_report (k_p99, click_p99, "ms", NAN, NULL);
    fw_bench_report (k_compute, fw_bench_median (compute, runs), "ms", NAN,
                     "from FwStore::changed to FwSession::rating-changed (counts moved, rating recomputed)");
    fw_bench_report (k_groupby, fw_bench_median (groupby, runs), "ms", NAN,
                     "hand-written GROUP BY recount through sqlite3");
    fw_bench_report (k_floor, floor_median, "ms", NAN,
                     "hand-written: prepared UPDATE + COMMIT, then the GROUP BY recount");
    fw_bench_report (k_ratio, click_median / floor_median, "x", NAN, "session click / hand-written floor");
  }
  for (guint i = 0; i < slots->len; i++)
    {
      g_free (g_array_index (slots, Slot, i).case_id);
      g_free (g_array_index (slots, Slot, i).item);
    }
  if (sink == 0)
    g_printerr ("(nothing counted)\n");
}

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };

  fw_bench_parse_args (&argc, &argv, &options, "Re-rate after one answer, through FwSession.");
#ifdef FW_BENCH_GUI
  if (gtk_init_check ())
    {
      adw_init ();
      panel_window = adw_window_new ();
      adw_window_set_content (ADW_WINDOW (panel_window), fw_ratings_panel_new ());
      gtk_window_set_default_size (GTK_WINDOW (panel_window), 320, 800);
      gtk_window_present (GTK_WINDOW (panel_window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
#endif
  run_size (&options, 60, 1.0);
  if (!options.smoke)
    run_size (&options, fw_bench_large (&options), 16.0);
  fw_bench_finish (&options);
  return 0;
}
