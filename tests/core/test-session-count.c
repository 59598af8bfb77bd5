/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first tally of a session (issue 14, cold start): a large
 * inspection's session, made where its context's loop runs (a window's),
 * counts every answer on a thread and gives its rating when the count
 * comes, with "rating-changed"; until then it says it is counting. A small
 * inspection's, or one made where no loop runs, has its rating at once. The
 * counts are checked against answers written with known numbers. */
#include <string.h>

#include "fw-test-util.h"

static char *dir;
static FwStore *store;
static char *inspection_id;

/* n court cases; 2.1.1 answered yes in three of four, no in the fourth */
static void
make_inspection (guint n)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(GString) cases = g_string_new ("reference,kind\n");
  g_autoptr(GString) answers = g_string_new ("reference,question,answer,note\n");
  g_autoptr(GError) error = NULL;

  dir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (dir, fw_path, &inspection_id);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (cases, "CNT-%05u,court\n", i);
      g_string_append_printf (answers, "CNT-%05u,2.1.1,%s,\n", i, i % 4 == 3 ? "no" : "yes");
    }
  ck_assert_msg (fw_import_cases_data (store, inspection_id, cases->str, cases->len, "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (fw_import_answers_data (store, inspection_id, answers->str, answers->len, "answers.csv", NULL,
                                         &error), "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_pointer (&inspection_id, g_free);
  fw_test_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static void
on_rating_changed (FwSession *session, guint *count)
{
  (*count)++;
}

static FwQuestionResult *
result (FwSession *session, const char *question_id)
{
  FwQuestion *q = NULL;

  ck_assert (fw_framework_find_item (fw_session_get_framework (session), question_id, &q, NULL));
  ck_assert_ptr_nonnull (q);
  return &fw_session_get_rating (session)->questions[q->index];
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the loop until "rating-changed" has come (changed > 0), for up to 20 s. */
static void
wait_for_rating (guint *changed)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (20000, on_timeout, &timed_out);

  while (*changed == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
}

/* A session of 1 200 cases, opened where the loop is this thread's (as a
 * window's is), counting "rating-changed" in changed. */
static FwSession *
open_large (guint *changed)
{
  g_autoptr(GError) error = NULL;
  FwSession *session;

  make_inspection (1200);
  ck_assert (g_main_context_acquire (NULL));
  session = fw_session_new (store, inspection_id, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "");
  g_signal_connect (session, "rating-changed", G_CALLBACK (on_rating_changed), changed);
  return session;
}

/* 1 200 cases, in a loop's context: the rating comes with "rating-changed",
 * counted right. */
START_TEST (test_large_counted_apart)
{
  guint changed = 0;
  g_autoptr(FwSession) session = open_large (&changed);

  /* it says so while it counts, with nothing else asked of it (asking
   * would take the count, if done, and there would be nothing to announce) */
  wait_for_rating (&changed);
  ck_assert_msg (changed == 1, "rating-changed came %u times", changed);
  ck_assert (!fw_session_is_counting (session));
  ck_assert_uint_eq (result (session, "2.1.1")->yes, 900);
  ck_assert_uint_eq (result (session, "2.1.1")->no, 300);
  ck_assert_uint_eq (result (session, "2.1.1")->shown_percent, 75);
  /* and once only */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ck_assert_uint_eq (changed, 1);
  g_main_context_release (NULL);
}
END_TEST

/* The count ending while the loop is not running (between two turns of
 * it, as in a window's tests): the rating still comes in the loop's
 * thread, not the counting one. */
START_TEST (test_large_counted_between_turns)
{
  guint changed = 0;
  g_autoptr(FwSession) session = open_large (&changed);

  /* the thread starts when the loop is idle; then the loop is let go */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_context_release (NULL);
  g_usleep (G_USEC_PER_SEC);
  ck_assert_uint_eq (changed, 0);
  ck_assert (g_main_context_acquire (NULL));
  wait_for_rating (&changed);
  ck_assert_uint_eq (changed, 1);
  ck_assert_uint_eq (result (session, "2.1.1")->yes, 900);
  g_main_context_release (NULL);
}
END_TEST

/* A change while it counts: the first need takes the count at once, and
 * the change is counted once. */
START_TEST (test_large_change_while_counting)
{
  g_autoptr(FwSession) session = NULL;
  g_autoptr(FwCase) c = NULL;
  g_autoptr(GError) error = NULL;

  make_inspection (1200);
  ck_assert (g_main_context_acquire (NULL));
  session = fw_session_new (store, inspection_id, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "");
  c = fw_store_find_case (store, inspection_id, "CNT-00003", &error);
  ck_assert_ptr_nonnull (c);
  /* the fourth case's no becomes a yes */
  ck_assert_msg (fw_session_answer (session, c->id, "2.1.1", FW_ANSWER_YES, NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert (!fw_session_is_counting (session));
  ck_assert_uint_eq (result (session, "2.1.1")->yes, 901);
  ck_assert_uint_eq (result (session, "2.1.1")->no, 299);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ck_assert_uint_eq (result (session, "2.1.1")->yes, 901);
  g_main_context_release (NULL);
}
END_TEST

/* Small, or where no loop runs: the rating at once. */
START_TEST (test_small_or_no_loop_at_once)
{
  g_autoptr(FwSession) session = NULL;
  g_autoptr(GError) error = NULL;

  make_inspection (_i == 0 ? 40 : 1200);
  if (_i == 0)
    ck_assert (g_main_context_acquire (NULL));
  session = fw_session_new (store, inspection_id, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "");
  ck_assert (!fw_session_is_counting (session));
  ck_assert_uint_eq (result (session, "2.1.1")->yes, _i == 0 ? 30 : 900);
  if (_i == 0)
    g_main_context_release (NULL);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("session-count");
  TCase *tc = tcase_create ("count");

  tcase_add_checked_fixture (tc, NULL, teardown);
  tcase_add_test (tc, test_large_counted_apart);
  tcase_add_test (tc, test_large_counted_between_turns);
  tcase_add_test (tc, test_large_change_while_counting);
  tcase_add_loop_test (tc, test_small_or_no_loop_at_once, 0, 2);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
