/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one write path (issue 9): every kind of change goes through
 * fw_store_write (); after the commit FwStore::changed announces it, read
 * back from its audit row. A refused change writes nothing and announces
 * nothing. A second store on the same file hears the first's changes when it
 * polls. */
#include <string.h>

#include "fw-test-util.h"

static char *tmpdir;
static FwStore *store;
static char *insp;
static FwFramework *fw;

/* ---------------------------------------------------------------- recording */

/* Every notification a store gave, and how many of them and of the
 * inspection's audit rows the test has looked at. */
typedef struct {
  GPtrArray *changes;   /* FwChange* */
  guint      seen;
  guint      audit_seen;
} Recorder;

static Recorder rec;

static void
on_changed (FwStore *source, FwChange *change, gpointer data)
{
  Recorder *r = data;

  (void) source;
  g_ptr_array_add (r->changes, fw_change_copy (change));
}

static GPtrArray *
audit (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = fw_store_list_audit (store, insp, NULL, &error);

  ck_assert_msg (list != NULL, "%s", error ? error->message : "?");
  return list;
}

static void
check_str (const char *what, const char *field, const char *actual, const char *expected, int line)
{
  ck_assert_msg (g_strcmp0 (actual, expected) == 0, "line %d: %s: %s is “%s”, expected “%s”", line, what, field,
                 actual ? actual : "(null)", expected ? expected : "(null)");
}

/* The next notification and the next audit row: they must say the same
 * thing, and be of the kind and action expected. Returns the notification. */
static FwChange *
next_change (const char *what, FwChangeKind kind, const char *action, const char *case_id, const char *item,
             const char *old_value, const char *new_value, int line)
{
  g_autoptr(GPtrArray) trail = audit ();
  FwAuditEntry *e;
  FwChange *c;
  FwChangeKind from_action;

  ck_assert_msg (rec.seen < rec.changes->len, "line %d: %s: no notification (%u heard)", line, what,
                 rec.changes->len);
  ck_assert_msg (rec.audit_seen < trail->len, "line %d: %s: no audit row", line, what);
  c = g_ptr_array_index (rec.changes, rec.seen++);
  e = g_ptr_array_index (trail, rec.audit_seen++);

  /* the audit row */
  check_str (what, "audit action", e->action, action, line);
  check_str (what, "audit case", e->case_id, case_id, line);
  check_str (what, "audit item", e->item, item, line);
  check_str (what, "audit old value", e->old_value, old_value, line);
  check_str (what, "audit new value", e->new_value, new_value, line);
  ck_assert_msg (e->at != NULL && strlen (e->at) >= 19, "line %d: %s: audit time", line, what);
  ck_assert_msg (fw_change_kind_from_action (e->action, &from_action) && from_action == kind,
                 "line %d: %s: action %s is not of the kind announced", line, what, e->action);

  /* the notification, the same */
  ck_assert_msg (c->kind == kind, "line %d: %s: notified kind %d, expected %d", line, what, c->kind, kind);
  check_str (what, "inspection", c->inspection_id, insp, line);
  check_str (what, "case", c->case_id, case_id, line);
  check_str (what, "item", c->item, item, line);
  check_str (what, "old value", c->old_value, old_value, line);
  check_str (what, "new value", c->new_value, new_value, line);
  check_str (what, "note", c->note, e->new_note, line);
  check_str (what, "who", c->who, e->who, line);
  return c;
}

#define expect_change(what, kind, action, case_id, item, old_value, new_value) \
  next_change ((what), (kind), (action), (case_id), (item), (old_value), (new_value), __LINE__)

/* Nothing more was announced or audited than the test has looked at. */
static void
expect_no_more (const char *what)
{
  g_autoptr(GPtrArray) trail = audit ();

  ck_assert_msg (rec.seen == rec.changes->len, "%s: %u more notifications", what, rec.changes->len - rec.seen);
  ck_assert_msg (rec.audit_seen == trail->len, "%s: %u more audit rows", what, trail->len - rec.audit_seen);
}

/* What the data of the inspection is, flattened, to show a refusal changed nothing. */
static char *
state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = fw_store_list_answers (store, insp, &error);
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, insp, NULL, &error);
  g_autoptr(GHashTable) judgements = fw_store_get_judgements (store, insp, &error);
  g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (store, insp, &error);
  GString *out = g_string_new (NULL);

  ck_assert_msg (answers && cases && judgements && info, "%s", error ? error->message : "?");
  g_string_append_printf (out, "%s|%u|", info->status, g_hash_table_size (judgements));
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) comments = fw_store_list_review_comments (store, c->id, NULL);

      g_string_append_printf (out, "%s=%s/%u;", c->reference, fw_case_get_attr (c, "status"), comments->len);
    }
  for (guint i = 0; i < answers->len; i++)
    {
      FwAnswerRow *r = g_ptr_array_index (answers, i);
      g_string_append_printf (out, "%s/%s=%d/%s/%d;", r->reference, r->item, r->answer, r->note ? r->note : "",
                              r->practice);
    }
  return g_string_free (out, FALSE);
}

/* A refused change: the error, and nothing written, nothing announced. */
#define assert_refused(call, dom, cod, what) \
  do { \
    g_autoptr(GError) _e = NULL; \
    g_autofree char *_before = state (); \
    g_autofree char *_after = NULL; \
    ck_assert_msg (!(call), "%s was allowed", (what)); \
    ck_assert_error (_e, (dom), (cod)); \
    _after = state (); \
    ck_assert_msg (strcmp (_before, _after) == 0, "%s: refused, but the data changed", (what)); \
    expect_no_more (what); \
  } while (0)

/* ---------------------------------------------------------------- fixture */

static void
setup (void)
{
  g_autofree char *path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = NULL;

  tmpdir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (tmpdir, path, &insp);
  fw = fw_store_load_framework (store, insp, &error);
  ck_assert_msg (fw != NULL, "%s", error ? error->message : "?");
  rec.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_change_free);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &rec);
  /* the creation happened before anyone listened */
  trail = audit ();
  ck_assert_uint_eq (trail->len, 1);
  rec.seen = 0;
  rec.audit_seen = 1;
}

static void
teardown (void)
{
  g_clear_pointer (&fw, fw_framework_unref);
  g_clear_object (&store);
  g_clear_pointer (&insp, g_free);
  g_clear_pointer (&rec.changes, g_ptr_array_unref);
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
add_case (const char *reference, const char *kind, const char *inspector)
{
  g_autoptr(GError) error = NULL;
  const char *attrs[] = { "kind", kind, "inspector", inspector, NULL };
  char *id = fw_store_add_case (store, insp, reference, attrs, &error);

  ck_assert_msg (id != NULL, "%s: %s", reference, error ? error->message : "?");
  return id;
}

static char *
case_id_of (const char *reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCase) c = fw_store_find_case (store, insp, reference, &error);

  ck_assert_msg (c != NULL, "%s: %s", reference, error ? error->message : "?");
  return g_strdup (c->id);
}

/* Takes what was announced and audited so far as seen. */
static void
skip_all (void)
{
  g_autoptr(GPtrArray) trail = audit ();

  rec.seen = rec.changes->len;
  rec.audit_seen = trail->len;
}

#define ok(call) \
  do { \
    g_autoptr(GError) _e = NULL; \
    ck_assert_msg ((call), "%s: %s", #call, _e ? _e->message : "?"); \
  } while (0)

/* Every key question of a court case Yes but those already answered;
 * each answer is one change. */
static void
answer_rest (const char *case_id)
{
  g_autoptr(GHashTable) answers = fw_store_get_case_answers (store, case_id, NULL);
  GPtrArray *questions = fw_framework_get_questions (fw);
  FwKind *court = fw_framework_find_kind (fw, "court");

  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);

      if (!fw_question_applies_to (q, court) || g_hash_table_contains (answers, q->id))
        continue;
      ok (fw_store_set_answer (store, case_id, q->id, FW_ANSWER_YES, NULL, "answer", &_e));
      expect_change ("answer", FW_CHANGE_ANSWER, "answer", case_id, q->id, NULL, "yes");
    }
}

/* ---------------------------------------------------------------- every change */

START_TEST (test_every_change)
{
  g_autoptr(FwSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL, *o1 = NULL;
  g_autofree char *undone_case = NULL, *undone_item = NULL;
  static const char cases_csv[] =
    "reference,kind,inspector\r\n"
    "C-2,court,Inspector B\r\n"
    "O-1,out-of-court,\r\n";
  static const char answers_csv[] = "reference,question,answer,note\r\nC-2,2.1.1,no,Imported note\r\n";
  FwChange *c;
  guint n = 0;

  /* a case added */
  c1 = add_case ("C-1", "court", "Inspector A");
  expect_change ("case added", FW_CHANGE_CASE_ADDED, "case", c1, NULL, NULL, "C-1");
  expect_no_more ("case added");

  /* cases imported: one change each, announced after the file's commit */
  ok (fw_import_cases_data (store, insp, cases_csv, sizeof cases_csv - 1, "cases.csv", &n, &_e));
  ck_assert_uint_eq (n, 2);
  c2 = case_id_of ("C-2");
  o1 = case_id_of ("O-1");
  expect_change ("case imported", FW_CHANGE_CASE_ADDED, "case", c2, NULL, NULL, "C-2");
  expect_change ("case imported", FW_CHANGE_CASE_ADDED, "case", o1, NULL, NULL, "O-1");
  expect_no_more ("cases imported");

  /* an answer; the first one starts the case */
  ok (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_YES, NULL, "answer", &_e));
  expect_change ("answer", FW_CHANGE_ANSWER, "answer", c1, "2.1.1", NULL, "yes");
  expect_change ("start", FW_CHANGE_STATUS, "status", c1, NULL, "not-started", "in-progress");
  expect_no_more ("answer");

  /* the note alone */
  ok (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_YES, "Plan on file", "answer", &_e));
  c = expect_change ("note", FW_CHANGE_ANSWER, "answer", c1, "2.1.1", "yes", "yes");
  ck_assert_str_eq (c->note, "Plan on file");
  ck_assert_str_eq (c->who, "Test inspector");
  expect_no_more ("note");

  /* an answer through the session, and its undo */
  session = fw_session_new (store, insp, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "?");
  ok (fw_session_answer (session, c1, "2.1.2", FW_ANSWER_NO, "Weak", &_e));
  c = expect_change ("session answer", FW_CHANGE_ANSWER, "answer", c1, "2.1.2", NULL, "no");
  ck_assert_str_eq (c->note, "Weak");
  ok (fw_session_undo (session, &undone_case, &undone_item, &_e));
  ck_assert_str_eq (undone_case, c1);
  ck_assert_str_eq (undone_item, "2.1.2");
  c = expect_change ("undo", FW_CHANGE_ANSWER, "undo", c1, "2.1.2", "no", NULL);
  ck_assert_ptr_null (c->note);
  expect_no_more ("undo");

  /* an answer imported */
  ok (fw_import_answers_data (store, insp, answers_csv, sizeof answers_csv - 1, "answers.csv", &n, &_e));
  c = expect_change ("import", FW_CHANGE_ANSWER, "import", c2, "2.1.1", NULL, "no");
  ck_assert_str_eq (c->note, "Imported note");
  expect_change ("import start", FW_CHANGE_STATUS, "status", c2, NULL, "not-started", "in-progress");
  expect_no_more ("import");

  /* a practice flag, changed, and taken off */
  ok (fw_store_set_practice (store, c1, "2.1.1", FW_PRACTICE_GOOD, &_e));
  expect_change ("practice", FW_CHANGE_PRACTICE, "practice", c1, "2.1.1", NULL, "good");
  ok (fw_store_set_practice (store, c1, "2.1.1", FW_PRACTICE_POOR, &_e));
  expect_change ("practice", FW_CHANGE_PRACTICE, "practice", c1, "2.1.1", "good", "poor");
  ok (fw_store_set_practice (store, c1, "2.1.1", FW_PRACTICE_NONE, &_e));
  expect_change ("practice", FW_CHANGE_PRACTICE, "practice", c1, "2.1.1", "poor", NULL);
  expect_no_more ("practice");

  /* status moves: complete, quality-assured, returned (with its comment), complete again, reopened */
  answer_rest (c1);
  ok (fw_store_move_case (store, c1, FW_CASE_COMPLETE, NULL, &_e));
  expect_change ("complete", FW_CHANGE_STATUS, "status", c1, NULL, "in-progress", "complete");
  ok (fw_store_move_case (store, c1, FW_CASE_QUALITY_ASSURED, NULL, &_e));
  expect_change ("quality-assured", FW_CHANGE_STATUS, "status", c1, NULL, "complete", "quality-assured");
  ok (fw_store_return_case (store, c1, "2.1.1", "Say what the plan says", &_e));
  expect_change ("returned", FW_CHANGE_STATUS, "status", c1, NULL, "quality-assured", "returned");
  c = expect_change ("return comment", FW_CHANGE_COMMENT, "comment", c1, "2.1.1", NULL, NULL);
  ck_assert_str_eq (c->note, "Say what the plan says");
  ok (fw_store_move_case (store, c1, FW_CASE_COMPLETE, NULL, &_e));
  expect_change ("complete again", FW_CHANGE_STATUS, "status", c1, NULL, "returned", "complete");
  ok (fw_store_move_case (store, c1, FW_CASE_IN_PROGRESS, NULL, &_e));
  expect_change ("reopened", FW_CHANGE_STATUS, "status", c1, NULL, "complete", "in-progress");
  expect_no_more ("status moves");

  /* a judgement with its rationale, changed, withdrawn */
  ok (fw_store_set_judgement (store, insp, "1.1", "good", "Clear vision", &_e));
  c = expect_change ("judgement", FW_CHANGE_JUDGEMENT, "judgement", NULL, "1.1", NULL, "good");
  ck_assert_str_eq (c->note, "Clear vision");
  ok (fw_store_set_judgement (store, insp, "1.1", "good", "Clearer vision", &_e));
  c = expect_change ("rationale", FW_CHANGE_JUDGEMENT, "judgement", NULL, "1.1", "good", "good");
  ck_assert_str_eq (c->note, "Clearer vision");
  ok (fw_store_set_judgement (store, insp, "1.1", NULL, NULL, &_e));
  expect_change ("judgement withdrawn", FW_CHANGE_JUDGEMENT, "judgement", NULL, "1.1", "good", NULL);
  expect_no_more ("judgements");

  /* review comments, on a question and on the whole case */
  ok (fw_store_add_review_comment (store, c2, "2.1.1", "Which plan?", &_e));
  c = expect_change ("comment", FW_CHANGE_COMMENT, "comment", c2, "2.1.1", NULL, NULL);
  ck_assert_str_eq (c->note, "Which plan?");
  ok (fw_store_add_review_comment (store, c2, NULL, "Whole case", &_e));
  c = expect_change ("case comment", FW_CHANGE_COMMENT, "comment", c2, NULL, NULL, NULL);
  ck_assert_str_eq (c->note, "Whole case");
  expect_no_more ("comments");

  /* lock and unlock */
  ok (fw_store_set_locked (store, insp, TRUE, "Fieldwork over", &_e));
  expect_change ("lock", FW_CHANGE_LOCK, "lock", NULL, NULL, "open", "locked");
  ok (fw_store_set_locked (store, insp, FALSE, "Late evidence", &_e));
  expect_change ("unlock", FW_CHANGE_LOCK, "unlock", NULL, NULL, "locked", "open");
  expect_no_more ("lock");

  /* what changes nothing announces nothing */
  ok (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_YES, "Plan on file", "answer", &_e));
  ok (fw_store_move_case (store, c1, FW_CASE_IN_PROGRESS, NULL, &_e));
  ok (fw_store_set_locked (store, insp, FALSE, "Again", &_e));
  ok (fw_store_set_practice (store, c1, "2.1.1", FW_PRACTICE_NONE, &_e));
  expect_no_more ("no change");
}
END_TEST

/* ---------------------------------------------------------------- refusals */

START_TEST (test_refusals)
{
  g_autofree char *c1 = add_case ("C-1", "court", "Inspector A");
  g_autofree char *c2 = add_case ("C-2", "court", "Inspector B");
  g_autofree char *done = add_case ("C-3", "court", "Inspector A");
  const char *attrs[] = { "kind", "court", NULL };
  static const char answers_csv[] = "reference,question,answer\r\nC-1,2.1.2,yes\r\n";
  static const char half_bad_csv[] = "reference,question,answer\r\nC-1,2.1.2,yes\r\nC-1,3.1.1,yes\r\n";
  static const char cases_csv[] = "reference,kind\r\nC-9,court\r\n";
  g_autoptr(GError) error = NULL;
  FwChange *c;
  guint n = 0;

  ok (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_YES, NULL, "answer", &_e));
  ok (fw_store_set_answer (store, done, "2.1.1", FW_ANSWER_YES, NULL, "answer", &_e));
  ok (fw_store_set_answer (store, c2, "2.1.1", FW_ANSWER_YES, NULL, "answer", &_e));
  skip_all ();
  answer_rest (done);
  ok (fw_store_move_case (store, done, FW_CASE_COMPLETE, NULL, &_e));
  skip_all ();

  /* the question does not apply to the case's kind */
  assert_refused (fw_store_set_answer (store, c1, "3.1.1", FW_ANSWER_YES, NULL, "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "an out-of-court question on a court case");
  assert_refused (fw_store_set_answer (store, c1, "1.1.1", FW_ANSWER_YES, NULL, "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "guidance of a judged standard");
  /* one bad row of a file: the good row before it is not kept, nor announced */
  assert_refused (fw_import_answers_data (store, insp, half_bad_csv, sizeof half_bad_csv - 1, "half.csv", &n, &_e),
                  FW_IMPORT_ERROR, FW_IMPORT_ERROR_NOT_APPLICABLE, "a file with one bad row");

  /* a complete case refuses answers, notes and clearing until it is reopened */
  assert_refused (fw_store_set_answer (store, done, "2.1.1", FW_ANSWER_NO, NULL, "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_CASE_CLOSED, "an answer on a complete case");
  assert_refused (fw_store_set_answer (store, done, "2.1.1", FW_ANSWER_YES, "A note", "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_CASE_CLOSED, "a note on a complete case");
  assert_refused (fw_store_set_answer (store, done, "2.1.1", FW_ANSWER_NONE, NULL, "undo", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_CASE_CLOSED, "clearing on a complete case");
  ok (fw_store_move_case (store, done, FW_CASE_QUALITY_ASSURED, NULL, &_e));
  expect_change ("quality-assured", FW_CHANGE_STATUS, "status", done, NULL, "complete", "quality-assured");
  assert_refused (fw_store_set_answer (store, done, "2.1.1", FW_ANSWER_NO, NULL, "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_CASE_CLOSED, "an answer on a quality-assured case");

  /* a locked inspection refuses every change but unlocking */
  ok (fw_store_set_locked (store, insp, TRUE, NULL, &_e));
  expect_change ("lock", FW_CHANGE_LOCK, "lock", NULL, NULL, "open", "locked");
  assert_refused (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_NO, NULL, "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "an answer");
  assert_refused (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_YES, "Note", "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a note");
  assert_refused (fw_store_set_practice (store, c1, "2.1.1", FW_PRACTICE_GOOD, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a practice flag");
  assert_refused (fw_store_add_case (store, insp, "C-4", attrs, &_e) != NULL,
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a case added");
  assert_refused (fw_import_cases_data (store, insp, cases_csv, sizeof cases_csv - 1, "cases.csv", &n, &_e),
                  FW_IMPORT_ERROR, FW_IMPORT_ERROR_BAD_VALUE, "a case imported");
  assert_refused (fw_import_answers_data (store, insp, answers_csv, sizeof answers_csv - 1, "answers.csv", &n, &_e),
                  FW_IMPORT_ERROR, FW_IMPORT_ERROR_BAD_VALUE, "an answer imported");
  assert_refused (fw_store_move_case (store, done, FW_CASE_RETURNED, "Why", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a return");
  assert_refused (fw_store_move_case (store, done, FW_CASE_IN_PROGRESS, NULL, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a reopening");
  assert_refused (fw_store_set_judgement (store, insp, "1.1", "good", "Why", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a judgement");
  assert_refused (fw_store_add_review_comment (store, c1, NULL, "Comment", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_LOCKED, "a comment");
  /* the import's message names the file and says why */
  ck_assert (!fw_import_answers_data (store, insp, answers_csv, sizeof answers_csv - 1, "answers.csv", &n, &error));
  ck_assert_msg (strstr (error->message, "answers.csv") && strstr (error->message, "locked"), "%s", error->message);
  g_clear_error (&error);
  ok (fw_store_set_locked (store, insp, FALSE, "Reopened for C-3", &_e));
  expect_change ("unlock", FW_CHANGE_LOCK, "unlock", NULL, NULL, "locked", "open");

  /* an inspector: their own cases' answers only, and no lead actions */
  fw_store_set_role (store, FW_ROLE_INSPECTOR);
  fw_store_set_user (store, "Inspector A");
  assert_refused (fw_store_set_answer (store, c2, "2.1.1", FW_ANSWER_NO, NULL, "answer", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "answering another inspector's case");
  assert_refused (fw_store_set_answer (store, c2, "2.1.2", FW_ANSWER_NO, "Note", "import", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "importing into another inspector's case");
  assert_refused (fw_store_set_locked (store, insp, TRUE, NULL, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector locking");
  assert_refused (fw_store_add_case (store, insp, "C-5", attrs, &_e) != NULL,
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector adding a case");
  assert_refused (fw_store_set_judgement (store, insp, "1.1", "good", NULL, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector judging");
  assert_refused (fw_store_return_case (store, done, NULL, "Why", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector returning a case");
  assert_refused (fw_store_move_case (store, done, FW_CASE_IN_PROGRESS, NULL, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector reopening a quality-assured case");
  assert_refused (fw_store_move_case (store, done, FW_CASE_COMPLETE, NULL, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector withdrawing quality assurance");
  assert_refused (fw_store_add_review_comment (store, c1, NULL, "Comment", &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "an inspector commenting");
  assert_refused (fw_store_set_practice (store, c2, "2.1.1", FW_PRACTICE_GOOD, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "a practice flag on another inspector's case");
  assert_refused (fw_store_move_case (store, c2, FW_CASE_COMPLETE, NULL, &_e),
                  FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED, "completing another inspector's case");
  /* their own case they may answer */
  ok (fw_store_set_answer (store, c1, "2.1.2", FW_ANSWER_NO, "Mine", "answer", &_e));
  c = expect_change ("own case", FW_CHANGE_ANSWER, "answer", c1, "2.1.2", NULL, "no");
  ck_assert_str_eq (c->who, "Inspector A");
  ok (fw_store_set_practice (store, c1, "2.1.2", FW_PRACTICE_POOR, &_e));
  expect_change ("own practice flag", FW_CHANGE_PRACTICE, "practice", c1, "2.1.2", NULL, "poor");
  expect_no_more ("inspector");
}
END_TEST

/* ---------------------------------------------------------------- another store */

START_TEST (test_other_store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) other = fw_store_open (fw_store_get_path (store), &error);
  Recorder heard = { g_ptr_array_new_with_free_func ((GDestroyNotify) fw_change_free), 0, 0 };
  g_autofree char *c1 = NULL;
  FwChange *c;

  ck_assert_msg (other != NULL, "%s", error ? error->message : "?");
  fw_store_set_user (other, "Second window");
  g_signal_connect (other, "changed", G_CALLBACK (on_changed), &heard);
  ck_assert (!fw_store_poll (other));

  /* a change here: heard here at once, there when it looks */
  c1 = add_case ("C-1", "court", NULL);
  expect_change ("case added", FW_CHANGE_CASE_ADDED, "case", c1, NULL, NULL, "C-1");
  ck_assert_uint_eq (heard.changes->len, 0);
  ck_assert (fw_store_poll (other));
  ck_assert_uint_eq (heard.changes->len, 1);
  c = g_ptr_array_index (heard.changes, 0);
  ck_assert_int_eq (c->kind, FW_CHANGE_CASE_ADDED);
  ck_assert_str_eq (c->case_id, c1);
  ck_assert_str_eq (c->inspection_id, insp);
  ck_assert (!fw_store_poll (other));
  ck_assert_uint_eq (heard.changes->len, 1);

  /* several changes at once come in order */
  ok (fw_store_set_answer (store, c1, "2.1.1", FW_ANSWER_NO, "From the first", "answer", &_e));
  ok (fw_store_set_locked (store, insp, TRUE, NULL, &_e));
  ck_assert (fw_store_poll (other));
  ck_assert_uint_eq (heard.changes->len, 4);
  c = g_ptr_array_index (heard.changes, 1);
  ck_assert_int_eq (c->kind, FW_CHANGE_ANSWER);
  ck_assert_str_eq (c->item, "2.1.1");
  ck_assert_str_eq (c->new_value, "no");
  ck_assert_str_eq (c->note, "From the first");
  ck_assert_str_eq (c->who, "Test inspector");
  ck_assert_int_eq (((FwChange *) g_ptr_array_index (heard.changes, 2))->kind, FW_CHANGE_STATUS);
  c = g_ptr_array_index (heard.changes, 3);
  ck_assert_int_eq (c->kind, FW_CHANGE_LOCK);
  ck_assert_str_eq (c->new_value, "locked");

  /* the second store's rules see the first's lock */
  ck_assert (!fw_store_set_answer (other, c1, "2.1.1", FW_ANSWER_YES, NULL, "answer", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  ck_assert_uint_eq (heard.changes->len, 4);

  /* and the other way round: the first hears the second's unlock when it looks */
  ok (fw_store_set_locked (other, insp, FALSE, "From the second", &_e));
  ck_assert_uint_eq (heard.changes->len, 5);
  expect_change ("answer", FW_CHANGE_ANSWER, "answer", c1, "2.1.1", NULL, "no");
  expect_change ("start", FW_CHANGE_STATUS, "status", c1, NULL, "not-started", "in-progress");
  expect_change ("lock", FW_CHANGE_LOCK, "lock", NULL, NULL, "open", "locked");
  ck_assert_uint_eq (rec.seen, rec.changes->len);
  ck_assert (fw_store_poll (store));
  c = expect_change ("unlock elsewhere", FW_CHANGE_LOCK, "unlock", NULL, NULL, "locked", "open");
  ck_assert_str_eq (c->who, "Second window");
  expect_no_more ("after polling");

  g_ptr_array_unref (heard.changes);
}
END_TEST

/* A session follows changes made by another store on the same file. */
START_TEST (test_session_follows_other_store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) other = fw_store_open (fw_store_get_path (store), &error);
  g_autoptr(FwSession) session = NULL;
  g_autofree char *c1 = add_case ("C-1", "court", NULL);
  g_autofree char *c2 = NULL;
  const char *attrs[] = { "kind", "court", NULL };
  FwRating *rating;

  ck_assert_msg (other != NULL, "%s", error ? error->message : "?");
  session = fw_session_new (store, insp, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (g_list_model_get_n_items (fw_session_get_cases (session)), 1);

  ok (fw_store_set_answer (other, c1, "2.1.1", FW_ANSWER_YES, NULL, "answer", &_e));
  ck_assert ((c2 = fw_store_add_case (other, insp, "C-2", attrs, &error)) != NULL);
  ok (fw_store_set_answer (other, c2, "2.1.1", FW_ANSWER_NO, NULL, "answer", &_e));
  ok (fw_store_set_locked (other, insp, TRUE, NULL, &_e));
  ck_assert (!fw_session_is_locked (session));

  ck_assert (fw_store_poll (store));
  ck_assert_uint_eq (g_list_model_get_n_items (fw_session_get_cases (session)), 2);
  ck_assert_int_eq (fw_case_item_get_status (fw_session_find_case (session, c1, NULL)), FW_CASE_IN_PROGRESS);
  ck_assert (fw_session_is_locked (session));
  rating = fw_session_get_rating (session);
  for (guint q = 0; q < rating->n_questions; q++)
    if (strcmp (rating->questions[q].question->id, "2.1.1") == 0)
      {
        ck_assert_uint_eq (rating->questions[q].yes, 1);
        ck_assert_uint_eq (rating->questions[q].no, 1);
      }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("write-path");
  TCase *tc = tcase_create ("write-path");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_every_change);
  tcase_add_test (tc, test_refusals);
  tcase_add_test (tc, test_other_store);
  tcase_add_test (tc, test_session_follows_other_store);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
