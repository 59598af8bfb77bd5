/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reviewing an inspection (issue 4): case status moves and their audit
 * trail, completing a case, the problem rules of the review dashboard,
 * progress per inspector, practice examples and locking. */
#include <string.h>
#include <sqlite3.h>

#include "fw-test-util.h"

/* Every test runs in its own forked child; the store is opened by the
 * checked fixture, after the fork. */
static char *tmpdir;
static FwStore *store;
static char *insp;
static FwFramework *fw;

static void
setup (void)
{
  g_autofree char *path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(GError) error = NULL;

  tmpdir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (tmpdir, path, &insp);
  fw = fw_store_load_framework (store, insp, &error);
  ck_assert_msg (fw != NULL, "%s", error ? error->message : "?");
}

static void
teardown (void)
{
  g_clear_pointer (&fw, fw_framework_unref);
  g_clear_object (&store);
  g_clear_pointer (&insp, g_free);
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/* ---------------------------------------------------------------- helpers */

static char *
add_case_full (const char *inspection_id, const char *reference, const char *kind, const char *status,
               const char *inspector)
{
  g_autoptr(GError) error = NULL;
  const char *attrs[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;
  char *id;

  attrs[FW_TEST_KIND] = kind;
  attrs[FW_TEST_STATUS] = status;
  attrs[FW_TEST_INSPECTOR] = inspector;
  id = fw_store_add_case (store, inspection_id, reference, attrs, &error);
  ck_assert_msg (id != NULL, "%s: %s", reference, error ? error->message : "?");
  return id;
}

static char *
add_case (const char *reference, const char *kind, const char *status)
{
  return add_case_full (insp, reference, kind, status, NULL);
}

static void
answer (const char *case_id, const char *item, FwAnswer value, const char *note)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (fw_store_set_answer (store, case_id, item, value, note, "answer", &error),
                 "%s: %s", item, error ? error->message : "?");
}

/* Answers every key question that applies to the case Yes, except those
 * listed (NULL-terminated), and returns how many were answered. */
static guint
answer_all_but (const char *case_id, const char *kind_id, ...)
{
  GPtrArray *questions = fw_framework_get_questions (fw);
  FwKind *kind = fw_framework_find_kind (fw, kind_id);
  g_autoptr(GPtrArray) except = g_ptr_array_new ();
  const char *id;
  guint n = 0;
  va_list args;

  va_start (args, kind_id);
  while ((id = va_arg (args, const char *)))
    g_ptr_array_add (except, (char *) id);
  va_end (args);

  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);
      gboolean skip = FALSE;

      if (!fw_question_applies_to (q, kind))
        continue;
      for (guint k = 0; k < except->len; k++)
        skip |= strcmp (q->id, g_ptr_array_index (except, k)) == 0;
      if (skip)
        continue;
      answer (case_id, q->id, FW_ANSWER_YES, NULL);
      n++;
    }
  return n;
}

static FwCaseStatus
status_of (const char *reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCase) c = fw_store_find_case (store, insp, reference, &error);
  FwCaseStatus status;

  ck_assert_msg (c != NULL, "%s: %s", reference, error ? error->message : "?");
  ck_assert_msg (fw_case_status_from_string (fw_case_get_attr (c, "status"), &status), "%s: status “%s”",
                 reference, fw_case_get_attr (c, "status"));
  return status;
}

/* Sets a case's status behind the store's back, unaudited: for states the
 * write path does not make in one step (a not-started case with every
 * answer, or a complete one missing an answer, as data from before the
 * rules may hold). */
static void
force_status (const char *case_id, FwCaseStatus status)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE kase SET status = '%s' WHERE id = '%s';",
                                          fw_case_status_to_string (status), case_id);
  char *msg = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (fw_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "?");
  sqlite3_close (db);
}

static guint
audit_count (void)
{
  g_autoptr(GError) error = NULL;
  guint n = fw_store_count_audit (store, insp, &error);

  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  return n;
}

static GPtrArray *
audit_of (const char *case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = fw_store_list_audit (store, insp, case_id, &error);

  ck_assert_msg (list != NULL, "%s", error ? error->message : "?");
  return list;
}

static FwAuditEntry *
last_entry (GPtrArray *list)
{
  ck_assert_uint_gt (list->len, 0);
  return g_ptr_array_index (list, list->len - 1);
}

static void
check_str (const char *what, const char *actual, const char *expected, int line)
{
  ck_assert_msg (g_strcmp0 (actual, expected) == 0, "line %d: %s is “%s”, expected “%s”", line, what,
                 actual ? actual : "(null)", expected ? expected : "(null)");
}

#define assert_str_or_null(actual, expected) check_str (#actual, (actual), (expected), __LINE__)

static void
assert_status_entry (FwAuditEntry *e, const char *case_id, const char *reference,
                     FwCaseStatus from, FwCaseStatus to, const char *reason)
{
  assert_str_or_null (e->action, "status");
  assert_str_or_null (e->case_id, case_id);
  assert_str_or_null (e->reference, reference);
  assert_str_or_null (e->item, NULL);
  assert_str_or_null (e->old_value, fw_case_status_to_string (from));
  assert_str_or_null (e->new_value, fw_case_status_to_string (to));
  assert_str_or_null (e->reason, reason);
  assert_str_or_null (e->who, "Test inspector");
  ck_assert_msg (e->at != NULL && strlen (e->at) >= 19, "audit time “%s”", e->at ? e->at : "(null)");
}

/* ---------------------------------------------------------------- status moves */

#define NS FW_CASE_NOT_STARTED
#define IP FW_CASE_IN_PROGRESS
#define CO FW_CASE_COMPLETE
#define QA FW_CASE_QUALITY_ASSURED
#define RE FW_CASE_RETURNED
#define N_STATUS 5

/* not started → in progress → complete → quality-assured, or returned (from
 * complete or quality-assured) and back; a complete case may be reopened,
 * and a quality-assured one too (by the lead: an explicit, audited action),
 * or taken back to complete. Nothing goes back to "not started". The
 * diagonal is a no-op, not a move. */
static const gboolean allowed[N_STATUS][N_STATUS] = {
  /*           to: NS     IP     CO     QA     RE */
  [NS] = {         FALSE, TRUE,  TRUE,  FALSE, FALSE },
  [IP] = {         FALSE, FALSE, TRUE,  FALSE, FALSE },
  [CO] = {         FALSE, TRUE,  FALSE, TRUE,  TRUE  },
  [QA] = {         FALSE, TRUE,  TRUE,  FALSE, TRUE  },
  [RE] = {         FALSE, TRUE,  TRUE,  FALSE, FALSE },
};

START_TEST (test_status_table)
{
  guint n_allowed = 0, n_refused = 0;

  for (guint from = 0; from < N_STATUS; from++)
    for (guint to = 0; to < N_STATUS; to++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) before_trail = NULL;
        g_autofree char *ref = g_strdup_printf ("T-%s-%s", fw_case_status_to_string (from),
                                                fw_case_status_to_string (to));
        g_autofree char *comment = g_strdup_printf ("move %u to %u", from, to);
        /* every key question answered, so that completing is not refused
         * for that; then the status under test */
        g_autofree char *id = add_case (ref, "court", "in-progress");
        guint before;
        gboolean ok;

        answer_all_but (id, "court", NULL);
        force_status (id, from);
        before = audit_count ();
        before_trail = audit_of (id);

        ck_assert_msg (status_of (ref) == from, "%s: not created as %s", ref, fw_case_status_to_string (from));
        ck_assert_msg (fw_case_status_can_move (from, to) == allowed[from][to],
                       "can_move (%s, %s) = %d, expected %d", fw_case_status_to_string (from),
                       fw_case_status_to_string (to), fw_case_status_can_move (from, to), allowed[from][to]);

        ok = fw_store_move_case (store, id, to, comment, &error);
        if (from == to)
          {
            /* staying put is no move: accepted, nothing recorded */
            ck_assert_msg (ok, "%s: %s", ref, error ? error->message : "?");
            ck_assert_uint_eq (audit_count (), before);
            ck_assert_int_eq (status_of (ref), from);
            continue;
          }
        if (allowed[from][to])
          {
            g_autoptr(GPtrArray) trail = NULL;

            ck_assert_msg (ok, "%s → %s refused: %s", fw_case_status_to_string (from),
                           fw_case_status_to_string (to), error ? error->message : "?");
            ck_assert_int_eq (status_of (ref), to);
            trail = audit_of (id);
            if (to == RE)
              {
                /* the move and its comment, in one change */
                ck_assert_uint_eq (audit_count (), before + 2);
                ck_assert_uint_eq (trail->len, before_trail->len + 2);
                assert_status_entry (g_ptr_array_index (trail, trail->len - 2), id, ref, from, to, comment);
                assert_str_or_null (last_entry (trail)->action, "comment");
                assert_str_or_null (last_entry (trail)->new_note, comment);
              }
            else
              {
                ck_assert_uint_eq (audit_count (), before + 1);
                ck_assert_uint_eq (trail->len, before_trail->len + 1);
                assert_status_entry (last_entry (trail), id, ref, from, to, comment);
              }
            n_allowed++;
          }
        else
          {
            ck_assert_msg (!ok, "%s → %s was allowed", fw_case_status_to_string (from),
                           fw_case_status_to_string (to));
            ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
            ck_assert_int_eq (status_of (ref), from);
            ck_assert_uint_eq (audit_count (), before);
            n_refused++;
          }
      }
  ck_assert_uint_eq (n_allowed, 11);
  ck_assert_uint_eq (n_refused, 9);
}
END_TEST

/* Completing needs every applicable key question answered, whatever the
 * case's status was. */
START_TEST (test_complete_needs_answers)
{
  static const FwCaseStatus from[] = { NS, IP, RE, QA };

  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ref = g_strdup_printf ("N-%s", fw_case_status_to_string (from[i]));
      g_autofree char *id = add_case (ref, "court", "in-progress");
      guint before;

      answer_all_but (id, "court", "2.2.2", NULL);
      force_status (id, from[i]);
      before = audit_count ();
      ck_assert (!fw_store_move_case (store, id, CO, NULL, &error));
      ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
      ck_assert_msg (strstr (error->message, "2.2.2") != NULL, "%s", error->message);
      ck_assert_int_eq (status_of (ref), from[i]);
      ck_assert_uint_eq (audit_count (), before);
    }
}
END_TEST

START_TEST (test_return_needs_comment)
{
  g_autofree char *id = add_case ("R-1", "court", "complete");
  g_autofree char *qa = add_case ("R-2", "court", "quality-assured");
  const char *empty[] = { NULL, "" };
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  guint before = audit_count ();

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) e = NULL;

      ck_assert (!fw_store_move_case (store, id, RE, empty[i], &e));
      ck_assert_error (e, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
      ck_assert_int_eq (status_of ("R-1"), CO);
      g_clear_error (&e);
      ck_assert (!fw_store_move_case (store, qa, RE, empty[i], &e));
      ck_assert_error (e, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
      ck_assert_int_eq (status_of ("R-2"), QA);
    }
  ck_assert_uint_eq (audit_count (), before);

  ck_assert_msg (fw_store_move_case (store, id, RE, "2.1.1: no evidence of the victim's wishes", &error),
                 "%s", error ? error->message : "?");
  ck_assert_int_eq (status_of ("R-1"), RE);
  trail = audit_of (id);
  /* the case added, then the move and its comment in one change */
  ck_assert_uint_eq (trail->len, 3);
  assert_str_or_null (((FwAuditEntry *) g_ptr_array_index (trail, 0))->action, "case");
  assert_status_entry (g_ptr_array_index (trail, 1), id, "R-1", CO, RE, "2.1.1: no evidence of the victim's wishes");
  assert_str_or_null (last_entry (trail)->action, "comment");
  assert_str_or_null (last_entry (trail)->item, NULL);
  assert_str_or_null (last_entry (trail)->new_note, "2.1.1: no evidence of the victim's wishes");

  /* a comment per question for the inspector, audited too */
  ck_assert (!fw_store_add_review_comment (store, id, "2.1.1", "", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_msg (fw_store_add_review_comment (store, id, "2.1.1", "Say what the victim wanted", &error),
                 "%s", error ? error->message : "?");
  comments = fw_store_list_review_comments (store, id, &error);
  ck_assert_msg (comments != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (comments->len, 2);
  assert_str_or_null (((FwReviewComment *) g_ptr_array_index (comments, 1))->item, "2.1.1");
  assert_str_or_null (((FwReviewComment *) g_ptr_array_index (comments, 1))->comment, "Say what the victim wanted");
  g_ptr_array_unref (trail);
  trail = audit_of (id);
  ck_assert_uint_eq (trail->len, 4);
  assert_str_or_null (last_entry (trail)->action, "comment");
  assert_str_or_null (last_entry (trail)->item, "2.1.1");
  assert_str_or_null (last_entry (trail)->new_note, "Say what the victim wanted");
}
END_TEST

/* A case's whole life, each step one audit row in order; the first answer
 * starts the case. */
START_TEST (test_status_trail)
{
  g_autofree char *id = add_case ("L-1", "out-of-court", NULL);
  static const struct { FwCaseStatus to; const char *comment; } steps[] = {
    { CO, NULL }, { QA, "checked" }, { RE, "3.1.2 needs a note" }, { IP, NULL }, { CO, "note added" },
    { QA, NULL }, { CO, "second look" },
  };
  g_autoptr(GPtrArray) trail = NULL;
  FwCaseStatus from = IP;

  ck_assert_int_eq (status_of ("L-1"), NS);
  answer (id, "3.1.1", FW_ANSWER_YES, NULL);
  ck_assert_int_eq (status_of ("L-1"), IP);
  /* completing needs the rest */
  ck_assert_uint_eq (answer_all_but (id, "out-of-court", "3.1.1", NULL), 11);   /* O1.1, which informs, too */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      ck_assert_msg (fw_store_move_case (store, id, steps[i].to, steps[i].comment, &error), "step %u: %s", i,
                     error ? error->message : "?");
    }
  trail = audit_of (id);
  /* the case added, the first answer, its automatic start, the other
   * eleven answers, then one row per step (two for a return: the move, then its
   * comment) */
  ck_assert_uint_eq (trail->len, 3 + 11 + G_N_ELEMENTS (steps) + 1);
  assert_str_or_null (((FwAuditEntry *) g_ptr_array_index (trail, 0))->action, "case");
  assert_str_or_null (((FwAuditEntry *) g_ptr_array_index (trail, 1))->action, "answer");
  assert_status_entry (g_ptr_array_index (trail, 2), id, "L-1", NS, IP, NULL);
  for (guint i = 0, row = 14; i < G_N_ELEMENTS (steps); i++, row++)
    {
      assert_status_entry (g_ptr_array_index (trail, row), id, "L-1", from, steps[i].to, steps[i].comment);
      if (steps[i].to == RE)
        assert_str_or_null (((FwAuditEntry *) g_ptr_array_index (trail, ++row))->action, "comment");
      from = steps[i].to;
    }
}
END_TEST

/* ---------------------------------------------------------------- completing a case */

START_TEST (test_complete_case)
{
  g_autofree char *court = add_case ("C-1", "court", NULL);
  g_autofree char *ooc = add_case ("C-2", "out-of-court", NULL);
  g_autoptr(FwSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  GPtrArray *questions = fw_framework_get_questions (fw);
  guint before;

  session = fw_session_new (store, insp, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "?");

  /* nothing answered: every applicable key question is listed, and only those */
  ck_assert (!fw_session_complete_case (session, ooc, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);
      gboolean applies = fw_question_applies_to (q, fw_framework_find_kind (fw, "out-of-court"));

      ck_assert_msg ((strstr (error->message, q->id) != NULL) == applies, "%s %s in “%s”", q->id,
                     applies ? "missing" : "wrongly listed", error->message);
    }
  ck_assert (strstr (error->message, "1.1.1") == NULL);   /* guidance questions are not answered per case */
  g_clear_error (&error);
  ck_assert_int_eq (status_of ("C-2"), NS);

  /* two left out; prompts are never required */
  ck_assert_uint_eq (answer_all_but (court, "court", "2.3.2", "2.4.3", NULL), 11);
  before = audit_count ();
  ck_assert (!fw_session_complete_case (session, court, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  ck_assert_msg (strstr (error->message, "2.3.2") && strstr (error->message, "2.4.3"), "%s", error->message);
  ck_assert_msg (!strstr (error->message, "2.1.1") && !strstr (error->message, "3.1.1"), "%s", error->message);
  g_clear_error (&error);
  ck_assert_int_eq (status_of ("C-1"), IP);
  ck_assert_uint_eq (audit_count (), before);

  ck_assert (fw_session_answer (session, court, "2.3.2", FW_ANSWER_NO, "Not co-ordinated", &error));
  ck_assert (!fw_session_complete_case (session, court, &error));
  ck_assert_msg (strstr (error->message, "2.4.3") && !strstr (error->message, "2.3.2"), "%s", error->message);
  g_clear_error (&error);

  /* N/A is an answer */
  ck_assert (fw_session_answer (session, court, "2.4.3", FW_ANSWER_NA, "No review was due", &error));
  ck_assert_msg (fw_session_complete_case (session, court, &error), "%s", error ? error->message : "?");
  ck_assert_int_eq (status_of ("C-1"), CO);
  ck_assert_int_eq (fw_case_item_get_status (fw_session_find_case (session, court, NULL)), CO);
  trail = audit_of (court);
  assert_status_entry (last_entry (trail), court, "C-1", IP, CO, NULL);

  /* the out-of-court case needs only its own eleven, and O1.1, which
   * informs: answered in every case like any other, never scored */
  ck_assert_uint_eq (answer_all_but (ooc, "out-of-court", NULL), 12);
  ck_assert_msg (fw_session_complete_case (session, ooc, &error), "%s", error ? error->message : "?");
  ck_assert_int_eq (status_of ("C-2"), CO);
}
END_TEST

/* ---------------------------------------------------------------- problems */

static GPtrArray *
problems (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = fw_review_problems (store, insp, &error);

  ck_assert_msg (list != NULL, "%s", error ? error->message : "?");
  return list;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Problems of one case, as "kind@item" strings sorted, joined by spaces. */
static char *
problems_of (GPtrArray *list, const char *case_id, const char *reference)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      FwProblem *p = g_ptr_array_index (list, i);

      if (g_strcmp0 (p->case_id, case_id) != 0)
        continue;
      assert_str_or_null (p->reference, reference);
      ck_assert_msg (p->message && strstr (p->message, reference), "message “%s” does not name %s",
                     p->message ? p->message : "(null)", reference);
      if (p->item)
        ck_assert_msg (strstr (p->message, p->item), "message “%s” does not name %s", p->message, p->item);
      g_ptr_array_add (found, g_strdup_printf ("%s@%s", fw_problem_kind_to_string (p->kind),
                                               p->item ? p->item : "case"));
    }
  g_ptr_array_sort (found, compare_strings);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *) g_ptr_array_index (found, i));
  return g_strdup (out->str);
}

#define assert_problems(list, id, ref, expected) \
  do { \
    g_autofree char *_got = problems_of ((list), (id), (ref)); \
    ck_assert_msg (strcmp (_got, (expected)) == 0, "%s: problems “%s”, expected “%s”", (ref), _got, (expected)); \
  } while (0)

/* A court case with every key question Yes, still in progress: the clean
 * base each rule changes one thing of, before it is completed. */
static char *
answered_case (const char *reference)
{
  char *id = add_case (reference, "court", NULL);

  answer_all_but (id, "court", NULL);
  return id;
}

static void
move (const char *case_id, FwCaseStatus to)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (fw_store_move_case (store, case_id, to, to == RE ? "Returned" : NULL, &error), "%s",
                 error ? error->message : "?");
}

/* The same, marked complete. */
static char *
clean_case (const char *reference)
{
  char *id = answered_case (reference);

  move (id, CO);
  return id;
}

START_TEST (test_problem_rules)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *clean = clean_case ("P-00-clean");
  g_autofree char *unanswered = answered_case ("P-01-unanswered");
  g_autofree char *no_note = answered_case ("P-02-no-note");
  g_autofree char *na_note = answered_case ("P-03-na-note");
  g_autofree char *noted = answered_case ("P-04-noted");
  g_autofree char *prompt_no = answered_case ("P-05-prompt-no");
  g_autofree char *yes_no = answered_case ("P-06-yes-prompts-no");
  g_autofree char *yes_mixed = answered_case ("P-07-yes-mixed");
  g_autofree char *no_yes = answered_case ("P-08-no-prompts-yes");
  g_autofree char *no_mixed = answered_case ("P-09-no-mixed");
  g_autofree char *yes_na = answered_case ("P-10-yes-prompts-na");
  g_autofree char *ooc = add_case ("P-11-ooc", "out-of-court", NULL);
  const char *fixed[] = { unanswered, no_note, na_note, prompt_no, yes_no, no_yes };
  const char *done[] = { noted, yes_no, yes_mixed, no_yes, no_mixed, yes_na };
  /* completing refuses an answer without the note the policy asks for
   * (hmip: on No and N/A); data from before the rule may hold them */
  const char *forced[] = { no_note, na_note, prompt_no };

  /* unanswered: a complete case with an answer missing, which completing
   * no longer allows, but data from before the rule may hold */
  answer (unanswered, "2.2.2", FW_ANSWER_NONE, NULL);
  force_status (unanswered, CO);
  /* "No" and "N/A" without a note */
  answer (no_note, "2.1.1", FW_ANSWER_NO, NULL);
  answer (na_note, "2.4.2", FW_ANSWER_NA, NULL);
  /* with notes, nothing to fix; a prompt "Yes" or "N/A" needs no note */
  answer (noted, "2.1.1", FW_ANSWER_NO, "Desistance factors not analysed");
  answer (noted, "2.4.2", FW_ANSWER_NA, "No review was due");
  answer (noted, "2.1.2.a", FW_ANSWER_YES, NULL);
  answer (noted, "2.1.2.b", FW_ANSWER_NA, "No other agencies");
  answer (noted, "2.2.1.a", FW_ANSWER_NO, "Sequencing not considered");
  answer (noted, "2.2.1.b", FW_ANSWER_YES, NULL);
  /* a prompt "No" without a note (its question Yes, another prompt Yes) */
  answer (prompt_no, "2.1.1.c", FW_ANSWER_NO, NULL);
  answer (prompt_no, "2.1.1.a", FW_ANSWER_YES, NULL);
  /* Yes while every answered prompt is No */
  answer (yes_no, "2.3.1.a", FW_ANSWER_NO, "Wrong services");
  answer (yes_no, "2.3.1.d", FW_ANSWER_NO, "No relationship");
  /* Yes with prompts both ways: a judgement, nothing to flag */
  answer (yes_mixed, "2.3.1.a", FW_ANSWER_NO, "Wrong services");
  answer (yes_mixed, "2.3.1.b", FW_ANSWER_YES, NULL);
  /* No (with a note) while every answered prompt is Yes */
  answer (no_yes, "2.2.3", FW_ANSWER_NO, "Victims not considered");
  answer (no_yes, "2.2.3.a", FW_ANSWER_YES, NULL);
  answer (no_yes, "2.2.3.b", FW_ANSWER_YES, NULL);
  answer (no_yes, "2.2.3.c", FW_ANSWER_YES, NULL);
  /* No with prompts both ways */
  answer (no_mixed, "2.2.3", FW_ANSWER_NO, "Victims not considered");
  answer (no_mixed, "2.2.3.a", FW_ANSWER_YES, NULL);
  answer (no_mixed, "2.2.3.c", FW_ANSWER_NO, "No victim work");
  /* Yes with only N/A prompts */
  answer (yes_na, "2.4.3.a", FW_ANSWER_NA, "Nothing changed");
  answer (yes_na, "2.4.3.b", FW_ANSWER_NA, "No agencies");
  /* an out-of-court case half done and still in progress: only its own questions count */
  answer_all_but (ooc, "out-of-court", "3.2.1", "3.4.2", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    move (done[i], CO);
  for (guint i = 0; i < G_N_ELEMENTS (forced); i++)
    {
      g_autoptr(GError) error = NULL;

      ck_assert (!fw_store_move_case (store, forced[i], CO, NULL, &error));
      ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
      ck_assert_msg (strstr (error->message, "evidence note") != NULL, "%s", error->message);
      force_status (forced[i], CO);
    }

  list = problems ();
  assert_problems (list, clean, "P-00-clean", "");
  assert_problems (list, unanswered, "P-01-unanswered", "unanswered@2.2.2");
  assert_problems (list, no_note, "P-02-no-note", "no-note@2.1.1");
  assert_problems (list, na_note, "P-03-na-note", "no-note@2.4.2");
  assert_problems (list, noted, "P-04-noted", "");
  assert_problems (list, prompt_no, "P-05-prompt-no", "no-note@2.1.1.c");
  assert_problems (list, yes_no, "P-06-yes-prompts-no", "yes-all-prompts-no@2.3.1");
  assert_problems (list, yes_mixed, "P-07-yes-mixed", "");
  assert_problems (list, no_yes, "P-08-no-prompts-yes", "no-all-prompts-yes@2.2.3");
  assert_problems (list, no_mixed, "P-09-no-mixed", "");
  assert_problems (list, yes_na, "P-10-yes-prompts-na", "");
  assert_problems (list, ooc, "P-11-ooc", "not-complete@case unanswered@3.2.1 unanswered@3.4.2");

  /* case by case in reference order */
  for (guint i = 1; i < list->len; i++)
    {
      FwProblem *a = g_ptr_array_index (list, i - 1), *b = g_ptr_array_index (list, i);
      ck_assert_msg (strcmp (a->reference, b->reference) <= 0, "%s listed before %s", a->reference, b->reference);
    }
  ck_assert_uint_eq (list->len, 9);

  /* fixing each one clears it: reopened, changed, completed again */
  g_ptr_array_unref (g_steal_pointer (&list));
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    move (fixed[i], IP);
  answer (unanswered, "2.2.2", FW_ANSWER_YES, NULL);
  answer (no_note, "2.1.1", FW_ANSWER_NO, "Now with a note");
  answer (na_note, "2.4.2", FW_ANSWER_NA, "Now with a note");
  answer (prompt_no, "2.1.1.c", FW_ANSWER_NO, "Now with a note");
  answer (yes_no, "2.3.1.d", FW_ANSWER_YES, NULL);
  answer (no_yes, "2.2.3.b", FW_ANSWER_NONE, NULL);
  answer (no_yes, "2.2.3.c", FW_ANSWER_NO, "No victim work");
  answer (ooc, "3.2.1", FW_ANSWER_YES, NULL);
  answer (ooc, "3.4.2", FW_ANSWER_YES, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    move (fixed[i], CO);
  list = problems ();
  assert_problems (list, ooc, "P-11-ooc", "not-complete@case");
  ck_assert_uint_eq (list->len, 1);
  move (ooc, CO);
  g_ptr_array_unref (g_steal_pointer (&list));
  list = problems ();
  ck_assert_uint_eq (list->len, 0);
}
END_TEST

/* "not complete" fires for not started, in progress and returned, not for
 * complete or quality-assured. */
START_TEST (test_problem_not_complete)
{
  g_autoptr(GPtrArray) list = NULL;
  char *ids[N_STATUS];

  for (guint s = 0; s < N_STATUS; s++)
    {
      g_autofree char *ref = g_strdup_printf ("S-%u", s);

      /* a complete or quality-assured case is answered before it is closed */
      ids[s] = add_case (ref, "out-of-court", fw_case_status_allows_edit (s) ? fw_case_status_to_string (s) : NULL);
      answer_all_but (ids[s], "out-of-court", NULL);
      /* answering starts a case that had not started */
      if (s == CO || s == QA)
        move (ids[s], CO);
      if (s == QA)
        move (ids[s], QA);
    }
  g_autofree char *untouched = add_case ("S-9", "out-of-court", NULL);
  guint n_untouched = 0;

  list = problems ();
  for (guint s = 0; s < N_STATUS; s++)
    {
      g_autofree char *ref = g_strdup_printf ("S-%u", s);
      FwCaseStatus st = status_of (ref);
      gboolean done = st == CO || st == QA;

      assert_problems (list, ids[s], ref, done ? "" : "not-complete@case");
      g_free (ids[s]);
    }
  /* a case never opened: not complete, and its twelve questions unanswered */
  ck_assert_int_eq (status_of ("S-9"), NS);
  for (guint i = 0; i < list->len; i++)
    {
      FwProblem *p = g_ptr_array_index (list, i);
      if (strcmp (p->case_id, untouched) == 0)
        {
          n_untouched++;
          ck_assert (p->kind == FW_PROBLEM_UNANSWERED || (p->kind == FW_PROBLEM_NOT_COMPLETE && p->item == NULL));
        }
    }
  ck_assert_uint_eq (n_untouched, 13);
  ck_assert_uint_eq (list->len, 3 + 13);
}
END_TEST

/* ---------------------------------------------------------------- progress */

START_TEST (test_progress)
{
  g_autoptr(GError) error = NULL;
  const char *team[] = { "Zoe Lead", "Ann Inspector", "Cara Nocases", NULL };
  g_autofree char *id = fw_store_create_inspection (store, fw, "Progress YOS", "2019-10-07", team, &error);
  g_autoptr(GPtrArray) list = NULL;
  static const struct { const char *ref, *status, *inspector; } cases[] = {
    { "A-1", "complete", "Ann Inspector" },
    { "A-2", "quality-assured", "Ann Inspector" },
    { "A-3", "in-progress", "Ann Inspector" },
    { "A-4", "returned", "Ann Inspector" },
    { "A-5", "not-started", "Ann Inspector" },
    { "Z-1", "complete", "Zoe Lead" },
    { "B-1", "complete", "Dan Extra" },   /* not in the team */
    { "U-1", "in-progress", NULL },        /* not allocated */
    { "U-2", "complete", NULL },
  };
  static const struct { const char *name; guint allocated, complete, qa, returned; } expected[] = {
    { "Zoe Lead", 1, 1, 0, 0 },
    { "Ann Inspector", 5, 2, 1, 1 },
    { "Cara Nocases", 0, 0, 0, 0 },
    { "Dan Extra", 1, 1, 0, 0 },
    { "", 2, 1, 0, 0 },
  };

  ck_assert_msg (id != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (add_case_full (id, cases[i].ref, "court", cases[i].status, cases[i].inspector));
  /* a case of the other inspection does not count */
  g_free (add_case_full (insp, "X-1", "court", "complete", "Ann Inspector"));

  list = fw_review_progress (store, id, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (list->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      FwInspectorProgress *p = g_ptr_array_index (list, i);

      ck_assert_str_eq (p->inspector, expected[i].name);
      ck_assert_msg (p->allocated == expected[i].allocated && p->complete == expected[i].complete
                     && p->quality_assured == expected[i].qa && p->returned == expected[i].returned,
                     "%s: %u/%u qa %u returned %u", p->inspector, p->complete, p->allocated,
                     p->quality_assured, p->returned);
    }

  /* an unknown inspection is an error, not an empty list */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = fw_review_progress (store, "no-such-inspection", &error);
  ck_assert (list == NULL);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
}
END_TEST

/* ---------------------------------------------------------------- practice examples */

START_TEST (test_practice)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *court = add_case ("E-1", "court", NULL);
  g_autofree char *ooc = add_case ("E-2", "out-of-court", NULL);
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autoptr(GHashTable) flags = NULL;
  guint before;
  static const struct { const char *standard, *item, *reference; FwPractice practice; const char *note; } expected[] = {
    { "2.1", "2.1.1.a", "E-1", FW_PRACTICE_GOOD, "Thorough analysis of offending" },
    { "2.2", "2.2.3", "E-1", FW_PRACTICE_POOR, "Victims forgotten" },
    { "3.1", "3.1.1", "E-2", FW_PRACTICE_GOOD, "Strengths at the centre" },
  };

  answer (ooc, "3.1.1", FW_ANSWER_YES, "Strengths at the centre");
  answer (court, "2.2.3", FW_ANSWER_NO, "Victims forgotten");
  answer (court, "2.1.1", FW_ANSWER_YES, NULL);
  answer (court, "2.1.1.a", FW_ANSWER_YES, "Thorough analysis of offending");

  /* only an answered item can be flagged */
  before = audit_count ();
  ck_assert (!fw_store_set_practice (store, court, "2.3.1", FW_PRACTICE_GOOD, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!fw_store_set_practice (store, court, "2.1.1.b", FW_PRACTICE_POOR, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_uint_eq (audit_count (), before);

  /* flagged out of framework order on purpose */
  ck_assert_msg (fw_store_set_practice (store, ooc, "3.1.1", FW_PRACTICE_GOOD, &error), "%s",
                 error ? error->message : "?");
  ck_assert_msg (fw_store_set_practice (store, court, "2.2.3", FW_PRACTICE_GOOD, &error), "%s",
                 error ? error->message : "?");
  ck_assert_msg (fw_store_set_practice (store, court, "2.1.1.a", FW_PRACTICE_GOOD, &error), "%s",
                 error ? error->message : "?");
  /* changed from good to poor: both values in the trail */
  ck_assert_msg (fw_store_set_practice (store, court, "2.2.3", FW_PRACTICE_POOR, &error), "%s",
                 error ? error->message : "?");
  ck_assert_uint_eq (audit_count (), before + 4);

  trail = audit_of (court);
  {
    FwAuditEntry *e = last_entry (trail);
    FwAuditEntry *first = g_ptr_array_index (trail, trail->len - 3);

    assert_str_or_null (e->action, "practice");
    assert_str_or_null (e->item, "2.2.3");
    assert_str_or_null (e->old_value, "good");
    assert_str_or_null (e->new_value, "poor");
    assert_str_or_null (e->reference, "E-1");
    assert_str_or_null (first->action, "practice");
    assert_str_or_null (first->item, "2.2.3");
    assert_str_or_null (first->old_value, NULL);
    assert_str_or_null (first->new_value, "good");
  }

  flags = fw_store_get_case_practice (store, court, &error);
  ck_assert_msg (flags != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (g_hash_table_size (flags), 2);
  assert_str_or_null (g_hash_table_lookup (flags, "2.2.3"), "poor");
  assert_str_or_null (g_hash_table_lookup (flags, "2.1.1.a"), "good");

  examples = fw_review_practice_examples (store, insp, &error);
  ck_assert_msg (examples != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (examples->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      FwPracticeExample *e = g_ptr_array_index (examples, i);

      assert_str_or_null (e->standard, expected[i].standard);
      assert_str_or_null (e->item, expected[i].item);
      assert_str_or_null (e->reference, expected[i].reference);
      ck_assert_int_eq (e->practice, expected[i].practice);
      assert_str_or_null (e->note, expected[i].note);
    }

  /* unflagging takes it off the list */
  ck_assert_msg (fw_store_set_practice (store, ooc, "3.1.1", FW_PRACTICE_NONE, &error), "%s",
                 error ? error->message : "?");
  g_clear_pointer (&examples, g_ptr_array_unref);
  examples = fw_review_practice_examples (store, insp, &error);
  ck_assert_uint_eq (examples->len, 2);
}
END_TEST

/* ---------------------------------------------------------------- lock */

typedef struct {
  guint  audit;
  guint  cases;
  char  *answers;      /* every answer row, flattened */
  char  *statuses;
  char  *judgements;
  guint  comments;
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_free (s->answers);
  g_free (s->statuses);
  g_free (s->judgements);
}

static void
snapshot (Snapshot *s, const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = fw_store_list_answers (store, insp, &error);
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, insp, NULL, &error);
  g_autoptr(GHashTable) judgements = fw_store_get_judgements (store, insp, &error);
  g_autoptr(GPtrArray) comments = fw_store_list_review_comments (store, case_id, &error);
  GString *a = g_string_new (NULL), *st = g_string_new (NULL);

  ck_assert_msg (answers && cases && judgements && comments, "%s", error ? error->message : "?");
  for (guint i = 0; i < answers->len; i++)
    {
      FwAnswerRow *r = g_ptr_array_index (answers, i);
      g_string_append_printf (a, "%s/%s=%d/%s/%d;", r->reference, r->item, r->answer, r->note ? r->note : "",
                              r->practice);
    }
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      g_string_append_printf (st, "%s=%s;", c->reference, fw_case_get_attr (c, "status"));
    }
  s->audit = audit_count ();
  s->cases = cases->len;
  s->answers = g_string_free (a, FALSE);
  s->statuses = g_string_free (st, FALSE);
  s->judgements = g_strdup_printf ("%s|%s", (char *) g_hash_table_lookup (judgements, "1.1") ?: "-",
                                   (char *) g_hash_table_lookup (judgements, "1.2") ?: "-");
  s->comments = comments->len;
}

static void
assert_unchanged (Snapshot *before, const char *case_id, const char *what)
{
  Snapshot now = { 0, };

  snapshot (&now, case_id);
  ck_assert_msg (now.audit == before->audit, "%s: audit %u → %u", what, before->audit, now.audit);
  ck_assert_msg (now.cases == before->cases, "%s: cases %u → %u", what, before->cases, now.cases);
  ck_assert_msg (strcmp (now.answers, before->answers) == 0, "%s: answers changed", what);
  ck_assert_msg (strcmp (now.statuses, before->statuses) == 0, "%s: statuses changed", what);
  ck_assert_msg (strcmp (now.judgements, before->judgements) == 0, "%s: judgements changed", what);
  ck_assert_msg (now.comments == before->comments, "%s: comments changed", what);
  snapshot_clear (&now);
}

#define assert_locked_out(call, what) \
  do { \
    g_autoptr(GError) _e = NULL; \
    ck_assert_msg (!(call), "%s was allowed on a locked inspection", (what)); \
    ck_assert_error (_e, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED); \
    assert_unchanged (&before, id, (what)); \
  } while (0)

START_TEST (test_lock)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_case ("K-1", "court", NULL);
  g_autofree char *done = clean_case ("K-2");
  g_autoptr(GPtrArray) trail = NULL;
  const char *attrs[] = { "kind", "court", NULL };
  Snapshot before = { 0, };
  FwAuditEntry *lock = NULL, *unlock = NULL;
  guint lock_at = 0, unlock_at = 0;

  answer (id, "2.1.1", FW_ANSWER_NO, "Weak");
  ck_assert (fw_store_set_judgement (store, insp, "1.1", "good", "Clear vision", &error));
  ck_assert (!fw_store_is_locked (store, insp));

  ck_assert_msg (fw_store_set_locked (store, insp, TRUE, "Fieldwork finished", &error), "%s",
                 error ? error->message : "?");
  ck_assert (fw_store_is_locked (store, insp));
  /* locking twice is harmless and records nothing more */
  snapshot (&before, id);
  ck_assert (fw_store_set_locked (store, insp, TRUE, NULL, &error));
  assert_unchanged (&before, id, "second lock");

  assert_locked_out (fw_store_set_answer (store, id, "2.1.1", FW_ANSWER_YES, NULL, "answer", &_e), "answer");
  assert_locked_out (fw_store_set_answer (store, id, "2.1.1", FW_ANSWER_NO, "Other note", "answer", &_e), "note");
  assert_locked_out (fw_store_set_answer (store, id, "2.1.1", FW_ANSWER_NONE, NULL, "answer", &_e), "clearing");
  assert_locked_out (fw_store_set_answer (store, id, "2.1.2", FW_ANSWER_YES, NULL, "import", &_e), "new answer");
  assert_locked_out (fw_store_add_case (store, insp, "K-3", attrs, &_e) != NULL, "case add");
  assert_locked_out (fw_store_set_judgement (store, insp, "1.1", "outstanding", "Changed", &_e), "judgement");
  assert_locked_out (fw_store_set_judgement (store, insp, "1.2", "good", "New", &_e), "new judgement");
  assert_locked_out (fw_store_set_judgement (store, insp, "1.1", NULL, NULL, &_e), "judgement removal");
  assert_locked_out (fw_store_move_case (store, done, QA, NULL, &_e), "move");
  assert_locked_out (fw_store_move_case (store, done, RE, "Why", &_e), "return");
  assert_locked_out (fw_store_set_practice (store, id, "2.1.1", FW_PRACTICE_POOR, &_e), "practice");
  assert_locked_out (fw_store_add_review_comment (store, id, "2.1.1", "Add evidence", &_e), "comment");
  assert_locked_out (fw_store_add_review_comment (store, id, NULL, "Whole case", &_e), "case comment");

  /* unlocking needs a reason */
  ck_assert (!fw_store_set_locked (store, insp, FALSE, NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (!fw_store_set_locked (store, insp, FALSE, "", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert (fw_store_is_locked (store, insp));
  assert_unchanged (&before, id, "refused unlock");

  ck_assert_msg (fw_store_set_locked (store, insp, FALSE, "Late evidence for K-1", &error), "%s",
                 error ? error->message : "?");
  ck_assert (!fw_store_is_locked (store, insp));
  ck_assert_uint_eq (audit_count (), before.audit + 1);

  trail = audit_of (NULL);
  for (guint i = 0; i < trail->len; i++)
    {
      FwAuditEntry *e = g_ptr_array_index (trail, i);
      if (g_strcmp0 (e->action, "lock") == 0)
        {
          ck_assert_msg (lock == NULL, "two lock rows");
          lock = e;
          lock_at = i;
        }
      else if (g_strcmp0 (e->action, "unlock") == 0)
        {
          ck_assert_msg (unlock == NULL, "two unlock rows");
          unlock = e;
          unlock_at = i;
        }
    }
  ck_assert_msg (lock && unlock, "lock or unlock not audited");
  ck_assert_uint_lt (lock_at, unlock_at);
  assert_str_or_null (lock->old_value, "open");
  assert_str_or_null (lock->new_value, "locked");
  assert_str_or_null (lock->reason, "Fieldwork finished");
  assert_str_or_null (lock->case_id, NULL);
  assert_str_or_null (lock->who, "Test inspector");
  assert_str_or_null (unlock->old_value, "locked");
  assert_str_or_null (unlock->new_value, "open");
  assert_str_or_null (unlock->reason, "Late evidence for K-1");
  assert_str_or_null (last_entry (trail)->action, "unlock");

  /* open again: writes work */
  answer (id, "2.1.1", FW_ANSWER_YES, NULL);
  ck_assert_msg (fw_store_move_case (store, done, QA, NULL, &error), "%s", error ? error->message : "?");

  /* an unknown inspection cannot be locked */
  ck_assert (!fw_store_set_locked (store, "no-such-inspection", TRUE, NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);

  snapshot_clear (&before);
}
END_TEST

/* Locking one inspection leaves the others open. */
START_TEST (test_lock_other_inspection)
{
  g_autoptr(GError) error = NULL;
  const char *team[] = { "Ann Inspector", NULL };
  g_autofree char *other = fw_store_create_inspection (store, fw, "Other YOS", "2019-11-04", team, &error);
  g_autofree char *case_other = NULL;

  ck_assert_msg (other != NULL, "%s", error ? error->message : "?");
  ck_assert (fw_store_set_locked (store, insp, TRUE, NULL, &error));
  ck_assert (!fw_store_is_locked (store, other));
  case_other = add_case_full (other, "O-1", "court", NULL, NULL);
  answer (case_other, "2.1.1", FW_ANSWER_YES, NULL);
}
END_TEST

/* ---------------------------------------------------------------- breakdown */

START_TEST (test_breakdown)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *c1 = add_case_full (insp, "B-1", "court", NULL, "Ann");
  g_autofree char *c2 = add_case_full (insp, "B-2", "court", NULL, "Ann");
  g_autofree char *o1 = add_case_full (insp, "B-3", "out-of-court", NULL, NULL);
  FwBreakdownColumn *court, *ooc;
  FwQuestion *q211 = NULL, *q311 = NULL;

  fw_framework_find_item (fw, "2.1.1", &q211, NULL);
  fw_framework_find_item (fw, "3.1.1", &q311, NULL);
  answer_all_but (c1, "court", NULL);
  move (c1, CO);
  answer (c2, "2.1.1", FW_ANSWER_NO, "Thin");
  answer (o1, "3.1.1", FW_ANSWER_YES, NULL);

  columns = fw_review_breakdown (store, insp, "kind", &error);
  ck_assert_msg (columns != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (columns->len, 2);
  court = g_ptr_array_index (columns, 0);
  ooc = g_ptr_array_index (columns, 1);
  assert_str_or_null (court->value, "court");
  assert_str_or_null (court->title, fw_framework_find_kind (fw, "court")->title);
  assert_str_or_null (ooc->value, "out-of-court");
  ck_assert_uint_eq (court->n_cases, 2);
  ck_assert_uint_eq (court->complete, 1);
  ck_assert_uint_eq (ooc->n_cases, 1);
  ck_assert_uint_eq (ooc->complete, 0);
  ck_assert_uint_eq (court->rating->questions[q211->index].yes, 1);
  ck_assert_uint_eq (court->rating->questions[q211->index].no, 1);
  ck_assert_uint_eq (court->rating->questions[q311->index].yes, 0);
  ck_assert_uint_eq (ooc->rating->questions[q311->index].yes, 1);
  ck_assert_uint_eq (ooc->rating->questions[q211->index].yes + ooc->rating->questions[q211->index].no, 0);

  /* cases without a value are left out */
  g_clear_pointer (&columns, g_ptr_array_unref);
  columns = fw_review_breakdown (store, insp, "inspector", &error);
  ck_assert_msg (columns != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (columns->len, 1);
  assert_str_or_null (((FwBreakdownColumn *) g_ptr_array_index (columns, 0))->value, "Ann");
  ck_assert_uint_eq (((FwBreakdownColumn *) g_ptr_array_index (columns, 0))->n_cases, 2);

  /* an unknown inspection is an error */
  g_clear_pointer (&columns, g_ptr_array_unref);
  columns = fw_review_breakdown (store, "no-such-inspection", "kind", &error);
  ck_assert_ptr_null (columns);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("review");
  TCase *tc = tcase_create ("review");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_status_table);
  tcase_add_test (tc, test_complete_needs_answers);
  tcase_add_test (tc, test_return_needs_comment);
  tcase_add_test (tc, test_status_trail);
  tcase_add_test (tc, test_complete_case);
  tcase_add_test (tc, test_problem_rules);
  tcase_add_test (tc, test_problem_not_complete);
  tcase_add_test (tc, test_progress);
  tcase_add_test (tc, test_practice);
  tcase_add_test (tc, test_lock);
  tcase_add_test (tc, test_lock_other_inspection);
  tcase_add_test (tc, test_breakdown);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
