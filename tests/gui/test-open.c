/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window opening the last database at start. It shows the file before
 * SQLite's integrity check has run (the check runs on a worker thread after
 * the first frame), and a damaged file is still reported: the window closes
 * it and says it is damaged, with the advice to restore it from a copy, and
 * the file is left as it was. The damage is real: the root page of a table
 * the window never reads is overwritten, so only the check can find it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "fw-application.h"
#include "fw-case-list.h"
#include "fw-window.h"
#include "fw-window-private.h"
#include "fw-test-util.h"
#include "fw-gui-test-util.h"

#define INSPECTOR "Inspector A"

static FwApplication *app;
static FwWindow *window;
static char *db_path;
static char *inspection_id;

/* ---------------------------------------------------------------- helpers */

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK, "%s", message ? message : "");
}

/* A database with one inspection of 20 cases, and a table of padding that
 * Fieldwork never reads; damaged: its root page overwritten. */
static void
make_cases (gboolean damaged, guint n_cases)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *dir = g_build_filename (fw_gui_test_get_data_home (), "fieldwork", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  FwStore *store;
  gsize length = 0;
  guint page_size, root = 0;

  g_mkdir_with_parents (dir, 0700);
  store = fw_test_store_with_inspection (dir, fw_path, &inspection_id);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *ref = g_strdup_printf ("OPEN-%02u", i);
      const char *attrs[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;
      g_autofree char *id = NULL;

      attrs[FW_TEST_KIND] = i % 2 ? "court" : "out-of-court";
      id = fw_store_add_case (store, inspection_id, ref, attrs, &error);

      ck_assert_msg (id != NULL, "%s", error ? error->message : "");
    }
  db_path = g_strdup (fw_store_get_path (store));
  g_object_unref (store);

  ck_assert_int_eq (sqlite3_open (db_path, &db), SQLITE_OK);
  exec_sql (db, "CREATE TABLE padding (x BLOB);"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
                " INSERT INTO padding SELECT randomblob(900) FROM n;"
                "PRAGMA wal_checkpoint(TRUNCATE);");
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'padding';", -1,
                                        &s, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (s), SQLITE_ROW);
  root = (guint) sqlite3_column_int (s, 0);
  sqlite3_finalize (s);
  ck_assert_int_eq (sqlite3_close (db), SQLITE_OK);
  ck_assert_uint_gt (root, 1);
  if (!damaged)
    return;

  ck_assert (g_file_get_contents (db_path, &contents, &length, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  ck_assert_uint_ge (length, (gsize) root * page_size);
  memset (contents + (gsize) (root - 1) * page_size, 0xEE, page_size);
  ck_assert (g_file_set_contents (db_path, contents, length, NULL));
}

static void
make_database (gboolean damaged)
{
  make_cases (damaged, 20);
}

/* The window a returning inspector gets: the settings say the last
 * database and inspection. */
static void
start_window (void)
{
  GSettings *settings = fw_application_get_settings (app);

  g_settings_set_string (settings, "last-database", db_path);
  g_settings_set_string (settings, "last-inspection", inspection_id);
  window = fw_window_new (GTK_APPLICATION (app), settings);
  gtk_window_present (GTK_WINDOW (window));
  fw_gui_test_wait_mapped (GTK_WIDGET (window));
}

static gboolean
has_message (gpointer data)
{
  return fw_window_get_last_message (window) != NULL;
}

/* The body of the message dialog in front of the window, or NULL. */
static const char *
dialog_body (void)
{
  GtkWindow *front = fw_gui_test_front_window (GTK_WINDOW (window));

  if (front == GTK_WINDOW (window) || !ADW_IS_MESSAGE_DIALOG (front))
    return NULL;
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (front));
}

/* ---------------------------------------------------------------- fixture */

static void
setup (void)
{
  fw_gui_test_empty_home ();
  app = fw_gui_test_new_application (INSPECTOR);
}

static void
teardown (void)
{
  fw_gui_test_destroy_toplevels ();
  window = NULL;
  g_clear_object (&app);
  fw_gui_test_spin ();
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&inspection_id, g_free);
}

/* ---------------------------------------------------------------- tests */

/* An undamaged file: the inspection shows and stays, with no message, and
 * an answer saved after the check is in the file. */
START_TEST (test_sound_file_opens)
{
  g_autoptr(GError) error = NULL;

  make_database (FALSE);
  start_window ();
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  ck_assert_msg (fw_gui_test_wait_until (has_message, NULL, 1000) < 0, "a message on a sound file: %s",
                 fw_window_get_last_message (window));
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  ck_assert_ptr_nonnull (fw_window_get_store (window));
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 20);
  ck_assert_ptr_null (dialog_body ());
}
END_TEST

/* A damaged file: the window says so, with the advice to restore it from a
 * copy, closes it (the welcome page), and leaves it as it was. */
START_TEST (test_damaged_file_reported)
{
  g_autofree char *before = NULL, *after = NULL;
  const char *message;

  make_database (TRUE);
  before = fw_test_file_digest (db_path);
  start_window ();
  ck_assert_msg (fw_gui_test_wait_until (has_message, NULL, 10000) >= 0, "no message about the damaged file");
  fw_gui_test_spin ();
  message = fw_window_get_last_message (window);
  ck_assert_msg (strstr (message, "damaged") != NULL && strstr (message, "restore it from a copy") != NULL,
                 "the message: %s", message);
  ck_assert_msg (g_strcmp0 (dialog_body (), message) == 0, "the dialog in front says %s",
                 dialog_body () ? dialog_body () : "nothing");
  ck_assert_str_eq (fw_window_get_visible_page (window), "welcome");
  ck_assert_ptr_null (fw_window_get_store (window));
  after = fw_test_file_digest (db_path);
  ck_assert_str_eq (after, before);
}
END_TEST

static const char *
selected_reference (void)
{
  FwCaseItem *item = fw_case_list_get_selected_case (fw_window_get_case_list (window));

  return item ? fw_case_item_get_reference (item) : "(none)";
}

static gboolean
last_selected (gpointer data)
{
  return g_strcmp0 (selected_reference (), data) == 0;
}

/* Until its first frame the Cases list holds only the rows a screen can
 * show; then all of them: End reaches the last of 150 cases. */
START_TEST (test_every_row_after_first_frame)
{
  FwCaseList *list;
  FwCaseItem *last;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  make_cases (FALSE, 150);
  start_window ();
  list = fw_window_get_case_list (window);
  fw_gui_test_run_for (200);
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 150);
  last = fw_case_list_get_shown (list, 149);
  ck_assert_ptr_nonnull (last);
  fw_case_list_focus_list (list);
  fw_gui_test_run_for (100);
  fw_gui_test_key (GTK_WINDOW (window), "End");
  ck_assert_msg (fw_gui_test_wait_until (last_selected, (gpointer) fw_case_item_get_reference (last), 2000) >= 0,
                 "End selected %s, not the last case %s", selected_reference (), fw_case_item_get_reference (last));
}
END_TEST

static Suite *
open_suite (void)
{
  Suite *s = suite_create ("open");
  TCase *tc = tcase_create ("window");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_sound_file_opens);
  tcase_add_test (tc, test_damaged_file_reported);
  tcase_add_test (tc, test_every_row_after_first_frame);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status = fw_gui_test_init ("fieldwork-gui-open");

  if (status >= 0)
    return status;
  return fw_gui_test_run (open_suite ());
}
