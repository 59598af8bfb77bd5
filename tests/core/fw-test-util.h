/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <check.h>
#include <glib.h>

#include "fw-core.h"

/* Source-tree paths, set by meson in the environment. */
char     *fw_test_data_path      (const char *relative);       /* tests/data/… */
char     *fw_test_framework_path (const char *name);           /* data/frameworks/… */
FwFramework *fw_test_load_framework (const char *path);         /* aborts the test on error */

/* A fresh temporary folder per test, removed afterwards. */
char     *fw_test_tmpdir         (void);
void      fw_test_rmdir          (const char *dir);
char     *fw_test_write          (const char *dir, const char *name, const char *contents, gssize length);

/* A new store with one inspection of the given framework file. */
FwStore  *fw_test_store_with_inspection (const char *dir, const char *framework_path, char **inspection_id);

/* sha256 of a file, to show that a failed operation changed nothing. */
char     *fw_test_file_digest    (const char *path);

int       fw_test_run            (Suite *suite);

/* fieldwork-cli (the build's, $FW_CLI) run in dir (NULL: here) with the
 * NULL-terminated arguments: its exit status (-1 if killed) and output. */
typedef struct {
  int   status;
  char *out;
  char *err;
} FwTestRun;

void      fw_test_run_clear      (FwTestRun *r);
void      fw_test_cli            (FwTestRun *r, const char *dir, ...) G_GNUC_NULL_TERMINATED;
void      fw_test_cli_argv       (FwTestRun *r, const char *dir, const char * const *args);
/* The same, for what a user would read: stdout then stderr, one string. */
char     *fw_test_cli_text       (int *status, const char *first, ...) G_GNUC_NULL_TERMINATED;
/* The contract for bad input: a failure, one line on stderr, naming this. */
void      fw_test_assert_one_line_error (FwTestRun *r, const char *mentions);
#define fw_test_assert_ok(r) \
  ck_assert_msg ((r)->status == 0, "exit %d, stderr: %s", (r)->status, (r)->err)

/* Stopping the work at a random point (test-crash: kill -9; test-powercut:
 * a power cut), then reopening the database and checking it. */

/* A generator seeded from $ENV_NAME, else from the clock; prints
 * "# ENV_NAME=SEED", so that setting it repeats a failing run. */
GRand    *fw_test_rand_new_from_env (const char *env_name);

/* Forks a child that runs work (write_fd, work_data) and _exit()s with what
 * it returns; work says what it has done, one line at a time
 * (fw_test_child_say), and opens its own store: nothing is open across the
 * fork. This process reads the lines until the child dies (what it wrote
 * before a kill is read too), calls on_line for each, and once on_line
 * returns TRUE waits kill_delay_us and kills the child (SIGKILL).
 * Returns the child's wait status. */
typedef int      (*FwTestChildFunc) (int write_fd, gpointer work_data);
typedef gboolean (*FwTestLineFunc)  (const char *line, gpointer line_data);
int       fw_test_run_child      (FwTestChildFunc work, gpointer work_data, FwTestLineFunc on_line,
                                  gpointer line_data, guint kill_delay_us);
/* In the child: one line (no newline in format); FALSE if it was not written. */
gboolean  fw_test_child_say      (int write_fd, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* PRAGMA integrity_check says "ok", on a connection of its own. */
void      fw_test_assert_integrity (const char *path);

/* Numbered saves, to find again after a crash: save I gives the question
 * the answer fw_test_save_answer (I) (no, yes, n/a in turn) and the note
 * "save I". fw_test_saved asserts the answer can be read, and says whether
 * it is save I's. */
FwAnswer  fw_test_save_answer    (guint i);
gboolean  fw_test_save           (FwStore *store, const char *case_id, const char *question, guint i,
                                  GError **error);
gboolean  fw_test_saved          (FwStore *store, const char *case_id, const char *question, guint i);

/* A case's fields for fw_store_add_case (), by slot: a NULL value is left
 * out, so  const char *f[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;  f[FW_TEST_KIND] = "court"; */
#define FW_TEST_FIELDS { "kind", NULL, "inspector", NULL, "status", NULL, "disposal", NULL, \
                         "gender", NULL, "age", NULL, "rosh", NULL, NULL }
enum {
  FW_TEST_KIND = 1, FW_TEST_INSPECTOR = 3, FW_TEST_STATUS = 5, FW_TEST_DISPOSAL = 7,
  FW_TEST_GENDER = 9, FW_TEST_AGE = 11, FW_TEST_ROSH = 13, FW_TEST_N_FIELDS = 15
};

#define ck_assert_error(err, dom, cod) \
  do { \
    ck_assert_msg ((err) != NULL, "expected an error"); \
    ck_assert_msg ((err)->domain == (dom) && (err)->code == (int) (cod), \
                   "expected error %s/%d, got %s/%d: %s", g_quark_to_string (dom), (int) (cod), \
                   g_quark_to_string ((err)->domain), (err)->code, (err)->message); \
  } while (0)
