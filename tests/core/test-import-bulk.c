/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An answers import reads each case's answers and draft notes once, not
 * once per row: what it replaces, audits and refuses is what
 * fw_store_set_answer would, row by row. */
#include <string.h>

#include "fw-test-util.h"

static char *dir;
static FwStore *store;
static char *inspection_id;

static void
setup (void)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(GError) error = NULL;
  const char *cases = "reference,kind\nC1,court\nC2,court\n";

  dir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (dir, fw_path, &inspection_id);
  ck_assert_msg (fw_import_cases_data (store, inspection_id, cases, strlen (cases), "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_pointer (&inspection_id, g_free);
  fw_test_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static char *
query_text (const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *command = g_strdup_printf ("sqlite3 -readonly '%s' \"%s\"", path, sql);

  ck_assert (g_spawn_command_line_sync (command, &out, NULL, NULL, NULL));
  return g_strdup (g_strstrip (out));
}

static char *
case_id (const char *reference)
{
  g_autoptr(FwCase) c = fw_store_find_case (store, inspection_id, reference, NULL);

  ck_assert_ptr_nonnull (c);
  return g_strdup (c->id);
}

/* A note written on a question not answered yet: the import's answer takes
 * the file's note, the draft goes, and the trail shows the draft as the
 * old note; another case's draft stays. */
START_TEST (test_import_over_draft)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *c1 = case_id ("C1"), *c2 = case_id ("C2");
  g_autofree char *note = NULL, *trail = NULL, *drafts = NULL;
  const char *csv = "reference,question,answer,note\nC1,2.1.1,yes,from the file\nC1,2.1.2,no,\n";
  FwAnswer answer;

  ck_assert (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_NONE, "draft one", "answer", &error));
  ck_assert (fw_store_set_answer (store, c1, "2.1.2", FW_ANSWER_NONE, "draft two", "answer", &error));
  ck_assert (fw_store_set_answer (store, c2, "2.1.1", FW_ANSWER_NONE, "other case", "answer", &error));
  ck_assert_msg (fw_import_answers_data (store, inspection_id, csv, strlen (csv), "answers.csv", NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert (fw_store_get_answer (store, c1, "2.1.1", &answer, &note, NULL));
  ck_assert_int_eq (answer, FW_ANSWER_YES);
  ck_assert_str_eq (note, "from the file");
  g_clear_pointer (&note, g_free);
  ck_assert (fw_store_get_answer (store, c1, "2.1.2", &answer, &note, NULL));
  ck_assert_int_eq (answer, FW_ANSWER_NO);
  ck_assert_ptr_null (note);
  drafts = query_text ("SELECT group_concat(note, '|') FROM note_draft;");
  ck_assert_str_eq (drafts, "other case");
  trail = query_text ("SELECT group_concat(item || ':' || coalesce(old_note, '-') || '>' || coalesce(new_note, '-'), '|')"
                      " FROM audit WHERE action = 'import';");
  ck_assert_str_eq (trail, "2.1.1:draft one>from the file|2.1.2:draft two>-");
  /* the case moved to in progress once, in the trail */
  g_free (trail);
  trail = query_text ("SELECT count(*) FROM audit WHERE action = 'status' AND new_value = 'in-progress';");
  ck_assert_str_eq (trail, "1");
}
END_TEST

/* The same answers again: nothing changes, nothing is audited; a changed
 * one is, with the answer it replaced. */
START_TEST (test_import_again)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "reference,question,answer,note\nC1,2.1.1,yes,seen\nC2,2.1.1,no,\n";
  const char *changed = "reference,question,answer,note\nC2,2.1.1,no,\nC1,2.1.1,no,seen\n";
  g_autofree char *before = NULL, *after = NULL, *last = NULL;

  ck_assert (fw_import_answers_data (store, inspection_id, csv, strlen (csv), "answers.csv", NULL, &error));
  before = query_text ("SELECT count(*) FROM audit;");
  ck_assert (fw_import_answers_data (store, inspection_id, csv, strlen (csv), "answers.csv", NULL, &error));
  after = query_text ("SELECT count(*) FROM audit;");
  ck_assert_str_eq (before, after);
  ck_assert (fw_import_answers_data (store, inspection_id, changed, strlen (changed), "answers.csv", NULL, &error));
  last = query_text ("SELECT old_value || '>' || new_value FROM audit ORDER BY rowid DESC LIMIT 1;");
  ck_assert_str_eq (last, "yes>no");
  g_free (after);
  after = query_text ("SELECT count(*) FROM audit;");
  ck_assert_int_eq (atoi (after), atoi (before) + 1);
}
END_TEST

/* A locked inspection takes no answers from a file, and the file changes
 * nothing. */
START_TEST (test_import_locked)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "reference,question,answer\nC1,2.1.1,yes\n";
  g_autofree char *answers = NULL;

  ck_assert (fw_store_set_locked (store, inspection_id, TRUE, NULL, &error));
  ck_assert (!fw_import_answers_data (store, inspection_id, csv, strlen (csv), "answers.csv", NULL, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_ptr_nonnull (strstr (error->message, "locked"));
  answers = query_text ("SELECT count(*) FROM answer;");
  ck_assert_str_eq (answers, "0");
}
END_TEST

static Suite *
import_bulk_suite (void)
{
  Suite *s = suite_create ("import-bulk");
  TCase *tc = tcase_create ("answers");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_import_over_draft);
  tcase_add_test (tc, test_import_again);
  tcase_add_test (tc, test_import_locked);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return fw_test_run (import_bulk_suite ());
}
