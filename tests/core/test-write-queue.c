/* SPDX-License-Identifier: GPL-3.0-or-later */
/* FwWriteQueue: answers saved while another connection holds the write
 * lock wait, in order, and are saved when it lets go; reading through the
 * queue gives the newest; a save the store refuses once it can write is
 * told, not lost in silence; a long wait is "stalled" and retry goes on. */
#include <string.h>
#include <sqlite3.h>

#include "fw-test-util.h"

static char *dir;
static FwStore *store;
static char *inspection_id;
static char *case_id;

static void
setup (void)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(GError) error = NULL;
  const char *fields[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;

  dir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (dir, fw_path, &inspection_id);
  fields[FW_TEST_KIND] = "court";
  case_id = fw_store_add_case (store, inspection_id, "C1", fields, &error);
  ck_assert_msg (case_id != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_unsetenv ("FIELDWORK_BUSY_TIMEOUT_MS");
  g_clear_object (&store);
  g_clear_pointer (&inspection_id, g_free);
  g_clear_pointer (&case_id, g_free);
  fw_test_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

/* Another connection, as another program would have, holding the write lock. */
static sqlite3 *
hold_lock (void)
{
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open (fw_store_get_path (store), &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL), SQLITE_OK);
  return db;
}

static void
release_lock (sqlite3 *db, const char *end)
{
  char *msg = NULL;

  ck_assert_msg (sqlite3_exec (db, end, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
  sqlite3_close (db);
}

static FwAnswer
stored (const char *item)
{
  FwAnswer answer = FW_ANSWER_NONE;

  ck_assert (fw_store_get_answer (store, case_id, item, &answer, NULL, NULL));
  return answer;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the queue is empty, for up to 10 s. */
static void
drain (FwWriteQueue *queue)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, on_timeout, &timed_out);

  while (fw_write_queue_get_pending (queue) > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  ck_assert_uint_eq (fw_write_queue_get_pending (queue), 0);
}

START_TEST (test_waits_in_order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwWriteQueue) queue = fw_write_queue_new (store);
  sqlite3 *other = hold_lock ();
  g_autofree char *note = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  FwAnswer answer;
  gint64 start = g_get_monotonic_time ();

  /* kept, not refused, and at once */
  ck_assert (fw_write_queue_set_answer (queue, case_id, "2.1.1", FW_ANSWER_YES, "first", "answer", &error));
  ck_assert (fw_write_queue_set_answer (queue, case_id, "2.1.1", FW_ANSWER_NO, "second", "answer", &error));
  ck_assert (fw_write_queue_set_answer (queue, case_id, "2.1.2", FW_ANSWER_YES, NULL, "answer", &error));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC);
  ck_assert_uint_eq (fw_write_queue_get_pending (queue), 3);
  /* the newest, through the queue; nothing in the store yet */
  ck_assert (fw_write_queue_get_answer (queue, case_id, "2.1.1", &answer, &note, &error));
  ck_assert_int_eq (answer, FW_ANSWER_NO);
  ck_assert_str_eq (note, "second");
  ck_assert_int_eq (stored ("2.1.1"), FW_ANSWER_NONE);

  release_lock (other, "ROLLBACK;");
  drain (queue);
  ck_assert_int_eq (stored ("2.1.1"), FW_ANSWER_NO);
  ck_assert_int_eq (stored ("2.1.2"), FW_ANSWER_YES);
  /* in the order given: yes then no on 2.1.1, then 2.1.2 */
  trail = fw_store_list_audit (store, inspection_id, case_id, &error);
  ck_assert_ptr_nonnull (trail);
  {
    g_autoptr(GString) order = g_string_new (NULL);

    for (guint i = 0; i < trail->len; i++)
      {
        FwAuditEntry *e = g_ptr_array_index (trail, i);
        if (g_strcmp0 (e->action, "answer") == 0)
          g_string_append_printf (order, "%s%s=%s", order->len ? " " : "", e->item, e->new_value);
      }
    ck_assert_str_eq (order->str, "2.1.1=yes 2.1.1=no 2.1.2=yes");
  }
}
END_TEST

static void
on_failed (FwWriteQueue *queue, const char *message, char **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* The other program locks the inspection before it lets go: the waiting
 * answer is refused then, and said so. */
START_TEST (test_refused_later)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwWriteQueue) queue = fw_write_queue_new (store);
  g_autofree char *failed = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE inspection SET status = 'locked' WHERE id = '%s'; COMMIT;",
                                          inspection_id);
  sqlite3 *other = hold_lock ();

  g_signal_connect (queue, "failed", G_CALLBACK (on_failed), &failed);
  ck_assert (fw_write_queue_set_answer (queue, case_id, "2.1.1", FW_ANSWER_YES, NULL, "answer", &error));
  release_lock (other, sql);
  drain (queue);
  ck_assert_ptr_nonnull (failed);
  ck_assert_ptr_nonnull (strstr (failed, "locked"));
  ck_assert_int_eq (stored ("2.1.1"), FW_ANSWER_NONE);
  /* refused at once when nothing waits */
  ck_assert (!fw_write_queue_set_answer (queue, case_id, "2.1.2", FW_ANSWER_YES, NULL, "answer", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
}
END_TEST

static gboolean
is_stalled (FwWriteQueue *queue)
{
  return fw_write_queue_get_stalled (queue);
}

/* Waiting longer than a write would: stalled, still kept, still tried. */
START_TEST (test_stalled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwWriteQueue) queue = NULL;
  gboolean timed_out = FALSE;
  guint id;
  sqlite3 *other;

  g_setenv ("FIELDWORK_BUSY_TIMEOUT_MS", "300", TRUE);
  queue = fw_write_queue_new (store);
  other = hold_lock ();
  ck_assert (fw_write_queue_set_answer (queue, case_id, "2.1.1", FW_ANSWER_YES, NULL, "answer", &error));
  ck_assert (!is_stalled (queue));
  id = g_timeout_add_seconds (5, on_timeout, &timed_out);
  while (!is_stalled (queue) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  ck_assert (is_stalled (queue));
  ck_assert_uint_eq (fw_write_queue_get_pending (queue), 1);
  release_lock (other, "ROLLBACK;");
  fw_write_queue_retry (queue);
  ck_assert_uint_eq (fw_write_queue_get_pending (queue), 0);
  ck_assert (!is_stalled (queue));
  ck_assert_int_eq (stored ("2.1.1"), FW_ANSWER_YES);
}
END_TEST

static char *
stored_gender (void)
{
  g_autoptr(FwCase) c = fw_store_get_case (store, case_id, NULL);

  ck_assert_ptr_nonnull (c);
  return g_strdup (g_hash_table_lookup (c->attributes, "gender"));
}

/* The session's other writes (here a case's details) wait only a moment
 * for another program's lock and are refused with the one-line busy
 * message, not after a write's whole wait (20 s here); and never go while
 * answers wait, which they would overtake. */
START_TEST (test_other_writes_wait_a_moment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwSession) session = NULL;
  g_autofree char *gender = NULL;
  FwWriteQueue *queue;
  sqlite3 *other;
  gint64 start;

  g_setenv ("FIELDWORK_BUSY_TIMEOUT_MS", "20000", TRUE);
  session = fw_session_new (store, inspection_id, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "");
  queue = fw_session_get_writes (session);

  other = hold_lock ();
  start = g_get_monotonic_time ();
  ck_assert (!fw_session_set_case_attribute (session, case_id, "gender", "girl", &error));
  ck_assert_int_lt (g_get_monotonic_time () - start, 3 * G_USEC_PER_SEC);
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY));
  ck_assert_msg (strstr (error->message, "another Fieldwork is writing to this file; try again") != NULL
                 && strchr (error->message, '\n') == NULL, "%s", error->message);
  g_clear_error (&error);

  /* an answer kept while the lock is held; the lock let go; the details
   * still wait for the answer, then go */
  ck_assert (fw_session_answer (session, case_id, "2.1.1", FW_ANSWER_YES, NULL, &error));
  ck_assert_uint_eq (fw_write_queue_get_pending (queue), 1);
  release_lock (other, "ROLLBACK;");
  ck_assert (!fw_session_set_case_attribute (session, case_id, "gender", "girl", &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY));
  g_clear_error (&error);
  gender = stored_gender ();
  ck_assert_ptr_null (gender);
  drain (queue);
  ck_assert_int_eq (stored ("2.1.1"), FW_ANSWER_YES);
  ck_assert_msg (fw_session_set_case_attribute (session, case_id, "gender", "girl", &error), "%s",
                 error ? error->message : "");
  gender = stored_gender ();
  ck_assert_str_eq (gender, "girl");
}
END_TEST

static Suite *
write_queue_suite (void)
{
  Suite *s = suite_create ("write-queue");
  TCase *tc = tcase_create ("queue");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_waits_in_order);
  tcase_add_test (tc, test_refused_later);
  tcase_add_test (tc, test_stalled);
  tcase_add_test (tc, test_other_writes_wait_a_moment);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return fw_test_run (write_queue_suite ());
}
