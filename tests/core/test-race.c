/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two processes on one database file (issue 9): one locks and unlocks the
 * inspection over and over, the other moves a case between complete and in
 * progress and imports answers, all through the built fieldwork-cli. The
 * rules are checked inside the write's own transaction, so replaying the
 * audit trail in order, nothing was committed while the inspection was
 * locked, and every change follows on from the one before it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "fw-test-util.h"

#define RACE_SECONDS 6
#define RACE_MAX_ROUNDS 400

typedef struct {
  guint ok;
  guint refused_locked;   /* refused: the inspection is locked */
  guint failed;           /* anything else */
} Tally;

/* Runs fieldwork-cli in dir with the arguments (NULL-terminated array);
 * TRUE if it succeeded, otherwise *err has its message. */
static gboolean
cli (const char *dir, const char *const *args, char **err)
{
  const char *binary = g_getenv ("FW_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                     &wait_status, NULL))
    return FALSE;
  return WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0;
}

static void
count (Tally *t, gboolean ok, const char *err)
{
  if (ok)
    t->ok++;
  else if (err && strstr (err, "the inspection is locked"))
    t->refused_locked++;
  else
    {
      t->failed++;
      g_printerr ("# unexpected failure: %s", err ? err : "(none)\n");
    }
}

/* One of the racing processes: runs its commands in turn until the time is
 * up, then writes its tally to name in dir and exits. */
static pid_t
racer (const char *dir, const char *name, const char *const *const *commands)
{
  pid_t pid = fork ();

  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      gint64 end = g_get_monotonic_time () + RACE_SECONDS * G_USEC_PER_SEC;
      Tally t = { 0, };
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      for (guint round = 0; round < RACE_MAX_ROUNDS && g_get_monotonic_time () < end; round++)
        for (guint i = 0; commands[i]; i++)
          {
            g_autofree char *err = NULL;
            gboolean ok = cli (dir, commands[i], &err);
            count (&t, ok, err);
          }
      text = g_strdup_printf ("%u %u %u", t.ok, t.refused_locked, t.failed);
      _exit (g_file_set_contents (path, text, -1, NULL) ? 0 : 1);
    }
  return pid;
}

static Tally
wait_racer (const char *dir, const char *name, pid_t pid)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  Tally t = { 0, };
  int status = 0;

  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0, "%s did not finish", name);
  ck_assert_msg (g_file_get_contents (path, &text, NULL, NULL), "%s wrote no tally", name);
  ck_assert_int_eq (sscanf (text, "%u %u %u", &t.ok, &t.refused_locked, &t.failed), 3);
  return t;
}

static gboolean
is_change (const FwAuditEntry *e)
{
  return g_strcmp0 (e->action, "lock") != 0 && g_strcmp0 (e->action, "unlock") != 0
      && g_strcmp0 (e->action, "create") != 0;
}

START_TEST (test_lock_race)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *framework = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *insp = NULL, *status_case = NULL, *answer_case = NULL;
  g_autofree char *yes_csv = fw_test_write (dir, "yes.csv", "reference,question,answer\nA-1,2.1.1,yes\n", -1);
  g_autofree char *no_csv = fw_test_write (dir, "no.csv", "reference,question,answer\nA-1,2.1.1,no\n", -1);
  g_autoptr(FwStore) store = fw_test_store_with_inspection (dir, framework, &insp);
  g_autoptr(FwFramework) fw = fw_test_load_framework (framework);
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_status = g_strdup ("in-progress");
  g_autofree char *last_answer = NULL;
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  const char *attrs[] = { "kind", "court", NULL };
  GPtrArray *questions = fw_framework_get_questions (fw);
  const FwAuditEntry *lock = NULL;
  guint n_locks = 0, n_changes = 0, n_status = 0, n_answers = 0;
  Tally locker, mover;
  pid_t locker_pid, mover_pid;

  /* a case with every key question answered, to move, and one to answer */
  ck_assert ((status_case = fw_store_add_case (store, insp, "S-1", attrs, &error)) != NULL);
  ck_assert ((answer_case = fw_store_add_case (store, insp, "A-1", attrs, &error)) != NULL);
  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);
      if (fw_question_applies_to (q, fw_framework_find_kind (fw, "court")))
        ck_assert_msg (fw_store_set_answer (store, status_case, q->id, FW_ANSWER_YES, NULL, "answer", &error),
                       "%s", error ? error->message : "?");
    }
  g_clear_object (&store);

  {
    const char *const lock_cmd[] = { "--db", "test.db", "lock", "--inspection", insp, NULL };
    const char *const unlock_cmd[] = { "--db", "test.db", "unlock", "--inspection", insp, "--reason", "race", NULL };
    const char *const *locker_cmds[] = { lock_cmd, unlock_cmd, NULL };
    const char *const complete_cmd[] = { "--db", "test.db", "case-status", "--inspection", insp, "--case", "S-1",
                                         "--status", "complete", NULL };
    const char *const reopen_cmd[] = { "--db", "test.db", "case-status", "--inspection", insp, "--case", "S-1",
                                       "--status", "in-progress", NULL };
    const char *const yes_cmd[] = { "--db", "test.db", "import-answers", "--inspection", insp, yes_csv, NULL };
    const char *const no_cmd[] = { "--db", "test.db", "import-answers", "--inspection", insp, no_csv, NULL };
    const char *const *mover_cmds[] = { complete_cmd, yes_cmd, reopen_cmd, no_cmd, NULL };

    g_setenv ("LANGUAGE", "C", TRUE);
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    locker_pid = racer (dir, "locker", locker_cmds);
    mover_pid = racer (dir, "mover", mover_cmds);
    locker = wait_racer (dir, "locker", locker_pid);
    mover = wait_racer (dir, "mover", mover_pid);
  }
  g_print ("# locker: %u ok, %u refused, %u failed; mover: %u ok, %u refused (locked), %u failed\n",
           locker.ok, locker.refused_locked, locker.failed, mover.ok, mover.refused_locked, mover.failed);
  ck_assert_uint_eq (locker.failed + locker.refused_locked, 0);
  ck_assert_uint_eq (mover.failed, 0);

  /* the replay */
  store = fw_store_open (db, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "?");
  trail = fw_store_list_audit (store, insp, NULL, &error);
  ck_assert_msg (trail != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < trail->len; i++)
    {
      const FwAuditEntry *e = g_ptr_array_index (trail, i);
      const FwAuditEntry *prev = i > 0 ? g_ptr_array_index (trail, i - 1) : NULL;

      /* in order of commit, so in order of time */
      ck_assert_msg (prev == NULL || strcmp (prev->at, e->at) <= 0, "row %u at %s before row %u at %s", i, e->at,
                     i - 1, prev->at);
      if (g_strcmp0 (e->action, "lock") == 0)
        {
          ck_assert_msg (lock == NULL, "row %u: locked twice", i);
          lock = e;
          n_locks++;
        }
      else if (g_strcmp0 (e->action, "unlock") == 0)
        {
          ck_assert_msg (lock != NULL, "row %u: unlocked while open", i);
          lock = NULL;
        }
      else if (is_change (e))
        {
          ck_assert_msg (lock == NULL, "row %u: %s of %s %s → %s at %s committed inside the lock of %s", i,
                         e->action, e->reference, e->item ? e->item : "", e->new_value ? e->new_value : "",
                         e->at, lock->at);
          n_changes++;
        }
      /* each change follows on from the one before it: none was lost */
      if (g_strcmp0 (e->action, "status") == 0 && g_strcmp0 (e->case_id, status_case) == 0
          && g_strcmp0 (e->old_value, "not-started") != 0)
        {
          ck_assert_msg (g_strcmp0 (e->old_value, last_status) == 0, "row %u: status from %s, was %s", i,
                         e->old_value, last_status);
          g_free (last_status);
          last_status = g_strdup (e->new_value);
          n_status++;
        }
      if (g_strcmp0 (e->action, "import") == 0)
        {
          ck_assert_str_eq (e->case_id, answer_case);
          ck_assert_msg (g_strcmp0 (e->old_value, last_answer) == 0, "row %u: answer from %s, was %s", i,
                         e->old_value, last_answer);
          g_free (last_answer);
          last_answer = g_strdup (e->new_value);
          n_answers++;
        }
    }
  g_print ("# %u rows: %u locks, %u changes (%u status moves, %u answers)\n", trail->len, n_locks, n_changes,
           n_status, n_answers);
  /* the race ran: both sides did something, and the lock turned some away */
  ck_assert_uint_ge (n_locks, 3);
  ck_assert_uint_ge (n_status + n_answers, 2);
  ck_assert_uint_ge (mover.refused_locked, 1);
  /* what the trail says is what the database holds */
  {
    g_autoptr(FwCase) c = fw_store_find_case (store, insp, "S-1", &error);
    FwAnswer answer;

    ck_assert_str_eq (fw_case_get_attr (c, "status"), last_status);
    ck_assert (fw_store_get_answer (store, answer_case, "2.1.1", &answer, NULL, &error));
    if (last_answer == NULL)
      ck_assert_int_eq (answer, FW_ANSWER_NONE);
    else
      ck_assert_str_eq (fw_answer_to_string (answer), last_answer);
  }
  g_clear_object (&store);
  fw_test_rmdir (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("race");
  TCase *tc = tcase_create ("race");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_lock_race);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
