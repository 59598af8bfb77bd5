/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window while another program holds the database's write lock: a
 * spawned sqlite3 shell runs BEGIN IMMEDIATE on the same file, the test
 * presses Y (and Ctrl+Z) on questions, and the window does not freeze: a
 * banner says it is waiting and how many changes wait; when the shell lets
 * go, every answer is saved in the order given (read back from the SQLite
 * file) and the banner goes. Waiting too long brings a dialog that keeps
 * the answers and tries again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "fw-application.h"
#include "fw-case-editor.h"
#include "fw-question-row.h"
#include "fw-window.h"
#include "fw-test-util.h"
#include "fw-gui-test-util.h"

#define INSPECTOR "Inspector A"

/* The fixture: an inspection made and its cases imported through the
 * window, case BR-CO-001 open. */
static FwGuiTestDemo *demo;
static FwWindow *window;

/* ---------------------------------------------------------------- helpers */

static gboolean
wait_for (FwGuiTestCondition cond, gpointer data, guint seconds)
{
  return fw_gui_test_wait_until (cond, data, seconds * 1000) >= 0;
}

/* The window's widget with this name (GtkWidget:name), depth first. */
static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
banner (void)
{
  GtkWidget *b = find_named (GTK_WIDGET (window), "writes-banner");

  ck_assert_msg (b != NULL, "the window has no banner for waiting changes");
  return b;
}

/* What the banner says while it shows, else NULL. */
static const char *
banner_text (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (banner ())) || !gtk_widget_get_mapped (banner ()))
    return NULL;
  fw_gui_test_collect (banner (), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));
      if (g_str_has_prefix (text, "Another Fieldwork"))
        return text;
    }
  return NULL;
}

static gboolean
banner_gone (gpointer data)
{
  return banner_text () == NULL;
}

static gboolean
banner_says (gpointer data)
{
  const char *text = banner_text ();
  return text != NULL && strstr (text, data) != NULL;
}

/* Presses keys such as "y" or "<Control>z": for real (XTEST) where the
 * display can, else what they do in the window's shortcuts. */
static void
press (const char *trigger)
{
  guint keyval = 0;
  GdkModifierType mods = 0;
  gboolean activated = FALSE;

  if (fw_gui_test_real_keys ())
    fw_gui_test_key (GTK_WINDOW (window), trigger);
  else
    {
      ck_assert (gtk_accelerator_parse (trigger, &keyval, &mods));
      ck_assert_msg (fw_gui_test_shortcut (GTK_WIDGET (window), keyval, mods, &activated) && activated,
                     "the shortcut %s did nothing", trigger);
    }
  fw_gui_test_spin ();
}

static const char *
focused_item (void)
{
  GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window));

  for (; w != NULL; w = gtk_widget_get_parent (w))
    if (FW_IS_QUESTION_ROW (w))
      return fw_question_row_get_item_id (FW_QUESTION_ROW (w));
  return NULL;
}

#define ck_assert_focus(expected) \
  ck_assert_msg (g_strcmp0 (focused_item (), (expected)) == 0, \
                 "the focus is on %s, expected %s", focused_item () ? focused_item () : "(no question)", (expected))

/* One value from the database file, read by a connection of its own. */
static char *
query (const char *sql, const char *reference, const char *item)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  char *out = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (fw_store_get_path (fw_window_get_store (window)), &db,
                                     SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg (db));
  sqlite3_bind_text (s, 1, reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, item, -1, SQLITE_STATIC);
  if (sqlite3_step (s) == SQLITE_ROW && sqlite3_column_text (s, 0))
    out = g_strdup ((const char *) sqlite3_column_text (s, 0));
  sqlite3_finalize (s);
  sqlite3_close (db);
  return out;
}

/* The answer in the file ("yes", "no", "na"), NULL for none. */
static char *
stored (const char *reference, const char *item)
{
  return query ("SELECT a.value FROM answer a JOIN kase k ON k.id = a.case_id"
                " WHERE k.reference = ?1 AND a.item = ?2;", reference, item);
}

/* The case's audit trail for two questions, oldest first: "action item new". */
static char *
trail (const char *reference, const char *item)
{
  return query ("SELECT group_concat(action || ' ' || item || ' ' || coalesce(new_value, '-'), ', ')"
                " FROM (SELECT a.action, a.item, a.new_value FROM audit a JOIN kase k ON k.id = a.case_id"
                " WHERE k.reference = ?1 AND a.item IN (?2, '2.1.2') ORDER BY a.rowid);", reference, item);
}

/* A picture of what a widget shows, into $FW_BUSY_SHOTS/NAME.png when that is set. */
static void
shot (GtkWidget *widget, const char *name)
{
  fw_gui_test_shot (widget, "FW_BUSY_SHOTS", name);
}

/* ---------------------------------------------------------------- the other program */

/* An sqlite3 shell holding the write lock of the window's database. */
typedef struct {
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Holder;

static void
holder_say (Holder *h, const char *commands)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_output_stream_write_all (h->in, commands, strlen (commands), NULL, NULL, &error),
                 "%s", error ? error->message : "");
  g_output_stream_flush (h->in, NULL, NULL);
}

static Holder *
hold_write_lock (void)
{
  g_autoptr(GError) error = NULL;
  const char *path = fw_store_get_path (fw_window_get_store (window));
  Holder *h = g_new0 (Holder, 1);
  g_autofree char *line = NULL;

  h->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 "sqlite3", "-batch", path, NULL);
  ck_assert_msg (h->process != NULL, "sqlite3: %s", error ? error->message : "");
  h->in = g_subprocess_get_stdin_pipe (h->process);
  h->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (h->process));
  /* the lock is held once the shell says so */
  holder_say (h, "BEGIN IMMEDIATE;\nSELECT 'holding';\n");
  line = g_data_input_stream_read_line_utf8 (h->out, NULL, NULL, &error);
  ck_assert_msg (g_strcmp0 (line, "holding") == 0, "sqlite3 said %s", line ? line : error ? error->message : "nothing");
  return h;
}

static void
release_write_lock (Holder *h)
{
  g_autoptr(GError) error = NULL;

  holder_say (h, "ROLLBACK;\n.quit\n");
  g_output_stream_close (h->in, NULL, NULL);
  ck_assert_msg (g_subprocess_wait_check (h->process, NULL, &error), "%s", error ? error->message : "");
  g_object_unref (h->out);
  g_object_unref (h->process);
  g_free (h);
}

/* ---------------------------------------------------------------- fixture */

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cases = fw_test_data_path ("published/brent-2019-cases.csv");
  const char *inspectors[] = { "Inspector A", "Inspector B", "Inspector C", NULL };

  demo = fw_gui_test_demo_open_empty (INSPECTOR);
  window = demo->window;
  ck_assert_msg (fw_window_create_inspection (window, "hmip-youth-2018", "Test Youth Justice Service",
                                              "2026-11-16", inspectors, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (fw_window_import_cases (window, cases, &error), "%s", error ? error->message : "");
  fw_gui_test_spin ();
  ck_assert_msg (fw_window_open_case (window, "BR-CO-001"), "no case BR-CO-001");
  fw_gui_test_spin ();
  ck_assert_focus ("2.1.1");
}

static void
teardown (void)
{
  g_unsetenv ("FIELDWORK_BUSY_TIMEOUT_MS");
  g_clear_pointer (&demo, fw_gui_test_demo_close);
  window = NULL;
}

/* ---------------------------------------------------------------- tests */

/* Y, Y and Ctrl+Z while another program writes: the window answers at
 * once, the banner counts the waiting changes, and when the lock goes they
 * are saved in order (the undo last) and the banner goes. */
START_TEST (test_wait_then_save)
{
  Holder *holder;
  gint64 start;
  g_autofree char *first = NULL, *second = NULL, *steps = NULL;
  FwQuestionRow *row;

  holder = hold_write_lock ();
  start = g_get_monotonic_time ();
  press ("y");
  /* the window did not wait for the lock */
  ck_assert_int_lt (g_get_monotonic_time () - start, 2 * G_USEC_PER_SEC);
  ck_assert_focus ("2.1.2");
  ck_assert_msg (wait_for (banner_says, "waiting… (1 change not saved yet)", 5),
                 "the banner says %s", banner_text () ? banner_text () : "nothing");
  ck_assert_str_eq (banner_text (), "Another Fieldwork is writing to this file; waiting… (1 change not saved yet)");
  /* the question shows its answer, marked as not saved yet */
  row = FW_QUESTION_ROW (fw_case_editor_get_row (FW_CASE_EDITOR (fw_window_get_editor (window)), "2.1.1"));
  ck_assert_int_eq (fw_question_row_get_answer (row), FW_ANSWER_YES);
  ck_assert (fw_question_row_get_waiting (row));
  press ("y");
  press ("<Control>z");
  ck_assert_msg (banner_says ("(3 changes not saved yet)"), "the banner says %s",
                 banner_text () ? banner_text () : "nothing");
  shot (GTK_WIDGET (window), "waiting");
  /* nothing is in the file yet */
  first = stored ("BR-CO-001", "2.1.1");
  ck_assert_ptr_null (first);

  release_write_lock (holder);
  ck_assert_msg (wait_for (banner_gone, NULL, 10), "the banner still says %s", banner_text ());
  first = stored ("BR-CO-001", "2.1.1");
  second = stored ("BR-CO-001", "2.1.2");
  ck_assert_str_eq (first ? first : "(none)", "yes");
  ck_assert_ptr_null (second);
  steps = trail ("BR-CO-001", "2.1.1");
  ck_assert_str_eq (steps, "answer 2.1.1 yes, answer 2.1.2 yes, undo 2.1.2 -");
  /* saved: the rows say so, and show what the file has */
  ck_assert (!fw_question_row_get_waiting (row));
  ck_assert_int_eq (fw_question_row_get_answer (row), FW_ANSWER_YES);
  row = FW_QUESTION_ROW (fw_case_editor_get_row (FW_CASE_EDITOR (fw_window_get_editor (window)), "2.1.2"));
  ck_assert (!fw_question_row_get_waiting (row));
  ck_assert_int_eq (fw_question_row_get_answer (row), FW_ANSWER_NONE);
}
END_TEST

/* Waiting longer than a write would: a dialog says the changes are kept,
 * the banner offers Try Again, and Try Again after the lock goes saves
 * them. */
START_TEST (test_wait_too_long)
{
  Holder *holder;
  g_autofree char *value = NULL;
  GtkWidget *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_setenv ("FIELDWORK_BUSY_TIMEOUT_MS", "1000", TRUE);
  holder = hold_write_lock ();
  press ("y");
  ck_assert_msg (wait_for (banner_says, "for a long time: 1 change is kept here", 10),
                 "the banner says %s", banner_text () ? banner_text () : "nothing");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (top) && gtk_widget_get_visible (GTK_WIDGET (top)))
        dialog = GTK_WIDGET (top);
    }
  ck_assert_msg (dialog != NULL, "no dialog");
  shot (GTK_WIDGET (window), "stalled");
  shot (dialog, "stalled-dialog");
  ck_assert_str_eq (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Changes Not Saved Yet");
  ck_assert_ptr_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Your 1 change is kept"));
  value = stored ("BR-CO-001", "2.1.1");
  ck_assert_ptr_null (value);

  release_write_lock (holder);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  gtk_window_close (GTK_WINDOW (dialog));
  ck_assert_msg (wait_for (banner_gone, NULL, 10), "the banner still says %s", banner_text ());
  value = stored ("BR-CO-001", "2.1.1");
  ck_assert_str_eq (value ? value : "(none)", "yes");
}
END_TEST

static Suite *
busy_suite (void)
{
  Suite *s = suite_create ("busy");
  TCase *tc = tcase_create ("window");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_wait_then_save);
  tcase_add_test (tc, test_wait_too_long);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status = fw_gui_test_init ("fieldwork-gui-busy");
  g_autofree char *shell = NULL;

  if (status >= 0)
    return status;
  if ((shell = g_find_program_in_path ("sqlite3")) == NULL)
    {
      printf ("1..0 # SKIP no sqlite3 shell\n");
      fw_test_rmdir (fw_gui_test_get_root ());
      return 77;
    }
  printf ("# keys pressed %s\n", fw_gui_test_real_keys () ? "through XTEST" : "through the window's shortcuts");
  return fw_gui_test_run (busy_suite ());
}
