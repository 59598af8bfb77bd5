/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "fw-test-util.h"

char *
fw_test_data_path (const char *relative)
{
  const char *dir = g_getenv ("FW_TEST_DATA");
  ck_assert_msg (dir != NULL, "FW_TEST_DATA is not set");
  return g_build_filename (dir, relative, NULL);
}

char *
fw_test_framework_path (const char *name)
{
  const char *dir = g_getenv ("FW_FRAMEWORKS");
  ck_assert_msg (dir != NULL, "FW_FRAMEWORKS is not set");
  return g_build_filename (dir, name, NULL);
}

FwFramework *
fw_test_load_framework (const char *path)
{
  g_autoptr(GError) error = NULL;
  FwFramework *fw = fw_framework_new_from_file (path, &error);

  ck_assert_msg (fw != NULL, "%s: %s", path, error ? error->message : "?");
  return fw;
}

char *
fw_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fieldwork-test-XXXXXX", &error);

  ck_assert_msg (dir != NULL, "%s", error ? error->message : "");
  return dir;
}

void
fw_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        fw_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
fw_test_write (const char *dir, const char *name, const char *contents, gssize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  ck_assert_msg (g_file_set_contents (path, contents, length, &error), "%s", error ? error->message : "");
  return path;
}

FwStore *
fw_test_store_with_inspection (const char *dir, const char *framework_path, char **inspection_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  g_autoptr(FwFramework) fw = fw_test_load_framework (framework_path);
  FwStore *store = fw_store_open (db, &error);
  const char *inspectors[] = { "Inspector A", "Inspector B", NULL };

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  fw_store_set_user (store, "Test inspector");
  *inspection_id = fw_store_create_inspection (store, fw, "Test service", "2019-10-07", inspectors, &error);
  ck_assert_msg (*inspection_id != NULL, "%s", error ? error->message : "");
  return store;
}

char *
fw_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

int
fw_test_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_set_tap (runner, "-");
  srunner_run_all (runner, CK_SILENT);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---------------------------------------------------------------- the command line */

void
fw_test_run_clear (FwTestRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
fw_test_cli_argv (FwTestRun *r, const char *dir, const char * const *args)
{
  const char *binary = g_getenv ("FW_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  ck_assert_msg (binary != NULL, "FW_CLI is not set");
  fw_test_run_clear (r);
  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error),
                 "cannot run %s: %s", binary, error ? error->message : "?");
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static const char **
collect_args (const char *first, va_list args)
{
  GPtrArray *list = g_ptr_array_new ();

  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (list, (char *) a);
  g_ptr_array_add (list, NULL);
  return (const char **) g_ptr_array_free (list, FALSE);
}

void
fw_test_cli (FwTestRun *r, const char *dir, ...)
{
  g_autofree const char **argv = NULL;
  va_list args;

  va_start (args, dir);
  argv = collect_args (va_arg (args, const char *), args);
  va_end (args);
  fw_test_cli_argv (r, dir, argv);
}

char *
fw_test_cli_text (int *status, const char *first, ...)
{
  g_autofree const char **argv = NULL;
  FwTestRun r = { 0, };
  char *text;
  va_list args;

  va_start (args, first);
  argv = collect_args (first, args);
  va_end (args);
  fw_test_cli_argv (&r, NULL, argv);
  *status = r.status;
  text = g_strconcat (r.out, r.err, NULL);
  fw_test_run_clear (&r);
  return text;
}

void
fw_test_assert_one_line_error (FwTestRun *r, const char *mentions)
{
  const char *nl;

  ck_assert_msg (r->status > 0, "expected a failure, exit %d, stdout: %s", r->status, r->out);
  nl = strchr (r->err, '\n');
  ck_assert_msg (nl != NULL && nl[1] == '\0', "stderr is not one line: “%s”", r->err);
  ck_assert_msg (strstr (r->err, mentions) != NULL, "stderr “%s” does not mention “%s”", r->err, mentions);
}

/* ---------------------------------------------------------------- crashes and power cuts */

GRand *
fw_test_rand_new_from_env (const char *env_name)
{
  const char *seed_env = g_getenv (env_name);
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : (guint32) g_get_real_time ();

  g_print ("# %s=%u\n", env_name, seed);
  return g_rand_new_with_seed (seed);
}

int
fw_test_run_child (FwTestChildFunc work, gpointer work_data, FwTestLineFunc on_line, gpointer line_data,
                   guint kill_delay_us)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  gboolean killed = FALSE;
  int fds[2];
  int status = 0;
  char chunk[4096];
  gssize n;
  pid_t pid;

  ck_assert_int_eq (pipe (fds), 0);
  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      /* ids are random: a forked child starts where this process's
       * generator is, as the one before it did */
      g_random_set_seed ((guint32) (getpid () ^ g_get_real_time ()));
      close (fds[0]);
      _exit (work (fds[1], work_data));
    }
  close (fds[1]);

  for (;;)
    {
      char *nl;

      n = read (fds[0], chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (buffer, chunk, n);
      while ((nl = strchr (buffer->str, '\n')) != NULL)
        {
          *nl = '\0';
          if (on_line (buffer->str, line_data) && !killed)
            {
              /* let it run on a little, to land anywhere in a transaction */
              if (kill_delay_us)
                g_usleep (kill_delay_us);
              kill (pid, SIGKILL);
              killed = TRUE;
            }
          g_string_erase (buffer, 0, nl - buffer->str + 1);
        }
    }
  close (fds[0]);
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  return status;
}

gboolean
fw_test_child_say (int write_fd, const char *format, ...)
{
  g_autoptr(GString) line = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (line, format, args);
  va_end (args);
  g_string_append_c (line, '\n');
  /* one short write: on a pipe, the line arrives whole or not at all */
  return write (write_fd, line->str, line->len) == (gssize) line->len;
}

void
fw_test_assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "PRAGMA integrity_check;", -1, &s, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (s), SQLITE_ROW);
  ck_assert_msg (g_strcmp0 ((const char *) sqlite3_column_text (s, 0), "ok") == 0,
                 "integrity_check: %s", sqlite3_column_text (s, 0));
  sqlite3_finalize (s);
  sqlite3_close (db);
}

FwAnswer
fw_test_save_answer (guint i)
{
  return i % 3 == 0 ? FW_ANSWER_NO : i % 3 == 1 ? FW_ANSWER_YES : FW_ANSWER_NA;
}

gboolean
fw_test_save (FwStore *store, const char *case_id, const char *question, guint i, GError **error)
{
  g_autofree char *note = g_strdup_printf ("save %u", i);

  return fw_store_set_answer (store, case_id, question, fw_test_save_answer (i), note, "answer", error);
}

gboolean
fw_test_saved (FwStore *store, const char *case_id, const char *question, guint i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *expected = g_strdup_printf ("save %u", i);
  FwAnswer answer;

  ck_assert_msg (fw_store_get_answer (store, case_id, question, &answer, &note, &error),
                 "save %u: %s", i, error ? error->message : "");
  return answer == fw_test_save_answer (i) && g_strcmp0 (note, expected) == 0;
}
