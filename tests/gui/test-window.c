/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inspector's window, in process: the real FwWindow of an FwApplication,
 * driven through its actions and key bindings, checked against what the
 * ratings panel shows and what the database holds. */
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "fw-add-case-dialog.h"
#include "fw-application.h"
#include "fw-audit-dialog.h"
#include "fw-case-editor.h"
#include "fw-complete-case-dialog.h"
#include "fw-judgement-row.h"
#include "fw-export-options-dialog.h"
#include "fw-lock-dialog.h"
#include "fw-new-inspection-dialog.h"
#include "fw-question-row.h"
#include "fw-ratings-panel.h"
#include "fw-review-page.h"
#include "fw-window.h"
#include "fw-window-private.h"
#include "fw-gui-test-util.h"
#include "fw-test-util.h"

#define INSPECTOR "Inspector A"

/* The fixture */
static FwApplication *app;
static FwWindow *window;

/* ---------------------------------------------------------------- helpers */

static FwWindow *
open_window (void)
{
  FwWindow *win = fw_window_new (GTK_APPLICATION (app), fw_application_get_settings (app));

  ck_assert_ptr_nonnull (win);
  gtk_window_present (GTK_WINDOW (win));
  fw_gui_test_wait_mapped (GTK_WIDGET (win));
  return win;
}

static guint
n_visible_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);
      n += gtk_widget_get_visible (top);
    }
  return n;
}

static void
setup (void)
{
  g_autofree char *default_db = fw_store_default_path ();

  /* never the user's data */
  ck_assert_msg (g_str_has_prefix (default_db, fw_gui_test_get_root ()), "default database %s outside %s",
                 default_db, fw_gui_test_get_root ());
  fw_gui_test_empty_home ();

  /* the window stamps answers with this name and offers "My cases" for it */
  app = fw_gui_test_new_application (INSPECTOR);

  window = open_window ();
}

static void
teardown (void)
{
  FwStore *store;
  gboolean window_left, store_left;

  if (window == NULL)   /* the fixture itself failed */
    {
      fw_gui_test_destroy_toplevels ();
      g_clear_object (&app);
      return;
    }
  store = fw_window_get_store (window);
  /* closing the window lets go of it and of the database */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  if (store)
    g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  fw_gui_test_destroy_toplevels ();
  g_clear_object (&app);
  fw_gui_test_spin ();
  window_left = window != NULL;
  store_left = store != NULL;
  if (window_left)
    g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  if (store_left)
    g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  window = NULL;
  ck_assert_msg (!window_left, "the window was not finalised");
  ck_assert_msg (!store_left, "the store was not finalised");
}

static void
activate (const char *action, const char *string_param)
{
  gboolean ok = string_param
    ? gtk_widget_activate_action (GTK_WIDGET (window), action, "s", string_param)
    : gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);

  ck_assert_msg (ok, "action %s could not be activated", action);
  fw_gui_test_spin ();
}

static void
answer (const char *value)
{
  activate ("win.answer", value);
}

static FwCaseEditor *
editor (void)
{
  return FW_CASE_EDITOR (fw_window_get_editor (window));
}

static FwRatingsPanel *
ratings (void)
{
  return FW_RATINGS_PANEL (fw_window_get_ratings (window));
}

static const char *
percent (const char *question_id)
{
  const char *text = fw_ratings_panel_get_percent_text (ratings (), question_id);

  ck_assert_msg (text != NULL, "no percentage for %s", question_id);
  return text;
}

#define ck_assert_percent(qid, expected) \
  ck_assert_msg (g_strcmp0 (percent (qid), (expected)) == 0, \
                 "%s: the panel shows %s, expected %s", (qid), percent (qid), (expected))

/* The question row that has the keyboard focus, or NULL. */
static FwQuestionRow *
focused_row (void)
{
  GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window));

  for (; w != NULL; w = gtk_widget_get_parent (w))
    if (FW_IS_QUESTION_ROW (w))
      return FW_QUESTION_ROW (w);
  return NULL;
}

static const char *
focused_item (void)
{
  FwQuestionRow *row = focused_row ();
  return row ? fw_question_row_get_item_id (row) : NULL;
}

/* Whether the keyboard is in the evidence note of a question. */
static gboolean
in_note (void)
{
  GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window));
  return w != NULL && (GTK_IS_TEXT_VIEW (w) || gtk_widget_get_ancestor (w, GTK_TYPE_TEXT_VIEW) != NULL);
}

static void key (const char *accelerator);
static void type (const char *text);

/* Ctrl+Enter in a note: the note is finished, the editor goes on. */
static void
finish_note (void)
{
  ck_assert_msg (focused_row () != NULL && in_note (), "the focus is not in a note");
  key ("<Control>Return");
  ck_assert_msg (!in_note (), "Ctrl+Enter left the focus in the note");
}

/* Types the note the focus is in, then Ctrl+Enter. */
static void
write_note (const char *text)
{
  ck_assert_msg (in_note (), "the focus is not in a note");
  type (text);
  finish_note ();

}

#define ck_assert_focus(expected) \
  ck_assert_msg (g_strcmp0 (focused_item (), (expected)) == 0, \
                 "the focus is on %s, expected %s", focused_item () ? focused_item () : "(no question)", (expected))

static const char *
open_reference (void)
{
  FwCaseItem *item = fw_case_editor_get_case (editor ());
  return item ? fw_case_item_get_reference (item) : NULL;
}

static FwCase *
stored_case (const char *reference)
{
  g_autoptr(GError) error = NULL;
  FwCase *c = fw_store_find_case (fw_window_get_store (window),
                                  fw_session_get_inspection_id (fw_window_get_session (window)),
                                  reference, &error);

  ck_assert_msg (c != NULL, "case %s: %s", reference, error ? error->message : "not found");
  return c;
}

static FwAnswer
stored_answer (const char *reference, const char *item, char **note)
{
  g_autoptr(FwCase) c = stored_case (reference);
  g_autoptr(GError) error = NULL;
  FwAnswer value = FW_ANSWER_NONE;

  ck_assert_msg (fw_store_get_answer (fw_window_get_store (window), c->id, item, &value, note, &error),
                 "%s", error ? error->message : "");
  return value;
}

static char *
stored_status (const char *reference)
{
  g_autoptr(FwCase) c = stored_case (reference);
  return g_strdup (fw_case_get_attr (c, "status"));
}

/* Counts rows of the audit table, reading the database file as another program would. */
static int
count_audit (const char *action, const char *item)
{
  const char *path = fw_store_get_path (fw_window_get_store (window));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE action = ?1 AND (?2 IS NULL OR item = ?2)",
                                        -1, &stmt, NULL), SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  if (item)
    sqlite3_bind_text (stmt, 2, item, -1, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A new inspection of the 2018 framework with the Brent cases (29 court, 20 out-of-court). */
static void
create_brent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cases = fw_test_data_path ("published/brent-2019-cases.csv");
  const char *inspectors[] = { "Inspector A", "Inspector B", "Inspector C", NULL };

  ck_assert_msg (fw_window_create_inspection (window, "hmip-youth-2018", "Test Youth Justice Service",
                                              "2026-11-16", inspectors, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (fw_window_import_cases (window, cases, &error), "%s", error ? error->message : "");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 49);
}

static void
open_case (const char *reference)
{
  ck_assert_msg (fw_window_open_case (window, reference), "case %s is not in the list", reference);
  fw_gui_test_spin ();
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), reference);
}

/* The ratings panel's sub-sample drop-down, and the position of the entry with this title. */
static guint
subsample_position (const char *title)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GListModel *model;

  fw_gui_test_collect (fw_window_get_ratings (window), GTK_TYPE_DROP_DOWN, dropdowns);
  ck_assert_uint_eq (dropdowns->len, 1);
  model = gtk_drop_down_get_model (g_ptr_array_index (dropdowns, 0));
  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (model, i);
      if (g_strcmp0 (gtk_string_object_get_string (s), title) == 0)
        return i;
    }
  ck_abort_msg ("no sub-sample “%s” in the drop-down", title);
  return 0;
}

static AdwComboRow *
review_combo (const char *title)
{
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();

  fw_gui_test_collect (window->review, ADW_TYPE_COMBO_ROW, combos);
  for (guint i = 0; i < combos->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (combos, i)), title) == 0
        && !gtk_widget_get_ancestor (g_ptr_array_index (combos, i), FW_TYPE_JUDGEMENT_ROW))
      return g_ptr_array_index (combos, i);
  ck_abort_msg ("no “%s” on the Review page", title);
  return NULL;
}

static char *
filter_text (void)
{
  const FwFilter *filter = fw_session_get_filter (fw_window_get_session (window));
  return filter ? fw_filter_describe (filter) : g_strdup ("(whole sample)");
}

/* ---------------------------------------------------------------- real keys */

/* Keys are pressed as a user presses them (fw-gui-test-util: XTEST events
 * through the X server, then GTK's own handling); these press them on the
 * fixture's window or the dialog in front of it. */

/* The toplevel that has the keyboard: a dialog over the window, a file
 * chooser over that dialog, else the window. */
static GtkWindow *
front_window (void)
{
  return fw_gui_test_front_window (GTK_WINDOW (window));
}

static gboolean
front_is_window (gpointer data)
{
  return front_window () == GTK_WINDOW (window);
}

/* Presses keys such as "Return", "<Control>f" or "<Alt>2" on the front window. */
static void
key (const char *accelerator)
{
  fw_gui_test_key (GTK_WINDOW (window), accelerator);
}

/* Types text, a key a character. */
static void
type (const char *text)
{
  fw_gui_test_type (GTK_WINDOW (window), text);
}

static gboolean
focus_within (GtkWidget *widget)
{
  return fw_gui_test_focus_within (widget);
}

static void
choose_by_keys (GtkWidget *drop_down, guint pos)
{
  fw_gui_test_choose_by_keys (GTK_WINDOW (window), drop_down, pos);
}

static void
tab_to (GtkWidget *target, const char *tab, int max)
{
  fw_gui_test_tab_to (GTK_WINDOW (window), target, tab, max);
}

/* The ratings panel's sub-sample, chosen by keys: F9 shows the panel if it
 * is hidden; from the Case page Alt+1 goes back to the Cases list (Tab
 * would go through every question first); Tab until the drop-down has the
 * focus, then Space, Home, Down to the entry, Enter. */
static void
choose_subsample (const char *title)
{
  g_autoptr(GPtrArray) drops = g_ptr_array_new ();
  GtkWidget *subsamples;

  if (!gtk_widget_get_mapped (GTK_WIDGET (ratings ())))
    key ("F9");
  fw_gui_test_collect (GTK_WIDGET (ratings ()), GTK_TYPE_DROP_DOWN, drops);
  ck_assert_uint_eq (drops->len, 1);
  subsamples = g_ptr_array_index (drops, 0);
  if (!focus_within (subsamples) && g_strcmp0 (fw_window_get_visible_page (window), "case") == 0)
    key ("<Alt>1");
  tab_to (subsamples, "Tab", 20);
  choose_by_keys (subsamples, subsample_position (title));
}

/* ---------------------------------------------------------------- fieldwork-cli */

static char *
cli_path (void)
{
  const char *env = g_getenv ("FW_CLI");
  g_autofree char *exe = NULL;
  g_autofree char *dir = NULL;

  if (env && *env)
    return g_strdup (env);
  /* the build's: tests/gui/test-window → src/cli/fieldwork-cli */
  exe = g_file_read_link ("/proc/self/exe", NULL);
  ck_assert_ptr_nonnull (exe);
  dir = g_path_get_dirname (exe);
  return g_build_filename (dir, "..", "..", "src", "cli", "fieldwork-cli", NULL);
}

/* Runs fieldwork-cli on the window's database, as another program would. */
static void
cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, cli_path ());
  g_ptr_array_add (argv, g_strdup_printf ("--db=%s", fw_store_get_path (fw_window_get_store (window))));
  g_ptr_array_add (argv, g_strdup ("--as=Lead Inspector"));
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                               &error), "%s", error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "fieldwork-cli %s failed: %s", first, err);
}

/* ---------------------------------------------------------------- tests */

START_TEST (test_first_start)
{
  g_autofree char *expected_db = g_build_filename (fw_gui_test_get_data_home (), "fieldwork", "fieldwork.db", NULL);

  ck_assert_str_eq (fw_window_get_visible_page (window), "welcome");
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Fieldwork");
  ck_assert_ptr_null (fw_window_get_session (window));
  /* the default database, created in the (temporary) user data folder */
  ck_assert_ptr_nonnull (fw_window_get_store (window));
  ck_assert_str_eq (fw_store_get_path (fw_window_get_store (window)), expected_db);
  ck_assert (g_file_test (expected_db, G_FILE_TEST_IS_REGULAR));
  /* nothing to add cases to yet: no dialog opens */
  activate ("win.import-cases", NULL);
  activate ("win.add-case", NULL);
  ck_assert_uint_eq (n_visible_toplevels (), 1);
  /* answering without a case does nothing */
  answer ("yes");
  ck_assert_str_eq (fw_window_get_visible_page (window), "welcome");
}
END_TEST

START_TEST (test_open_demo)
{
  g_autoptr(GPtrArray) inspections = NULL;

  activate ("win.open-demo", NULL);
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 12);
  ck_assert_ptr_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Demo Youth Justice Service"));
  /* some demo cases are answered: the panel shows a percentage */
  ck_assert_ptr_nonnull (strchr (percent ("2.1.1"), '%'));

  /* a second time opens the same demo, it does not make another */
  activate ("win.open-demo", NULL);
  inspections = fw_store_list_inspections (fw_window_get_store (window), NULL);
  ck_assert_uint_eq (inspections->len, 1);
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 12);
}
END_TEST

START_TEST (test_create_and_import)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *bad = NULL;
  g_autoptr(FwCase) sneaked = NULL;
  const char *inspectors[] = { "Inspector A", "Inspector B", "Inspector C", NULL };

  ck_assert_msg (fw_window_create_inspection (window, "hmip-youth-2018", "Test Youth Justice Service",
                                              "2026-11-16", inspectors, &error),
                 "%s", error ? error->message : "");
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Test Youth Justice Service – Fieldwork");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 0);
  ck_assert_str_eq (fw_session_get_info (fw_window_get_session (window))->start_date, "2026-11-16");

  /* an unknown framework is an error, and the open inspection stays */
  ck_assert (!fw_window_create_inspection (window, "no-such-framework", "Other", "2026-11-16", inspectors, &error));
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autofree char *cases = fw_test_data_path ("published/brent-2019-cases.csv");
    ck_assert_msg (fw_window_import_cases (window, cases, &error), "%s", error ? error->message : "");
  }
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 49);
  ck_assert_uint_eq (g_list_model_get_n_items (fw_session_get_cases (fw_window_get_session (window))), 49);

  /* line 2 is good, line 3 has a kind the framework does not know: nothing is imported */
  bad = fw_test_write (dir, "bad-cases.csv",
                       "reference,kind,disposal,inspector\n"
                       "NEW-001,court,referral order,Inspector A\n"
                       "NEW-002,custody,detention and training order,Inspector B\n", -1);
  ck_assert (!fw_window_import_cases (window, bad, &error));
  ck_assert_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_UNKNOWN_KIND);
  ck_assert_msg (strstr (error->message, "bad-cases.csv") != NULL, "no file name in: %s", error->message);
  ck_assert_msg (strstr (error->message, ":3:") != NULL, "no line 3 in: %s", error->message);
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 49);
  sneaked = fw_store_find_case (fw_window_get_store (window),
                                fw_session_get_inspection_id (fw_window_get_session (window)), "NEW-001", NULL);
  ck_assert_ptr_null (sneaked);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_answer_actions)
{
  g_autofree char *note = NULL;
  g_autofree char *status = NULL;
  FwQuestionRow *row;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  /* opening a case focuses its first unanswered key question */
  ck_assert_focus ("2.1.1");
  ck_assert_percent ("2.1.1", "—");

  answer ("yes");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", &note), FW_ANSWER_YES);
  ck_assert_percent ("2.1.1", "100%");
  row = FW_QUESTION_ROW (fw_case_editor_get_row (editor (), "2.1.1"));
  ck_assert_int_eq (fw_question_row_get_answer (row), FW_ANSWER_YES);
  /* the prompts of 2.1.1 are folded away: the focus moves to the next key question */
  ck_assert_focus ("2.1.2");
  status = stored_status ("BR-CO-001");
  ck_assert_str_eq (status, "in-progress");

  answer ("no");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", NULL), FW_ANSWER_NO);
  ck_assert_percent ("2.1.2", "0%");
  /* "No" needs its evidence note: the focus stays, in the note */
  ck_assert_focus ("2.1.2");
  ck_assert (in_note ());
  finish_note ();
  ck_assert_focus ("2.1.3");

  /* 2.1.3 cannot be "not applicable" */
  answer ("yes");
  ck_assert_focus ("2.2.1");
  answer ("na");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.2.1", NULL), FW_ANSWER_NA);
  /* nothing but N/A: no percentage yet */
  ck_assert_percent ("2.2.1", "—");
  ck_assert_focus ("2.2.1");
  finish_note ();
  ck_assert_focus ("2.2.2");
  ck_assert_uint_eq (fw_case_item_get_answered (fw_case_editor_get_case (editor ())), 4);

  /* another case: its 2.1.1 "no" halves the sample's 2.1.1 */
  open_case ("BR-CO-002");
  ck_assert_focus ("2.1.1");
  answer ("no");
  ck_assert_int_eq (stored_answer ("BR-CO-002", "2.1.1", NULL), FW_ANSWER_NO);
  ck_assert_percent ("2.1.1", "50%");
  /* and the answers of the first case are still there */
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);

  /* Delete clears the focused answer without moving on */
  ck_assert (fw_case_editor_focus_item (editor (), "2.1.1"));
  answer ("");
  ck_assert_int_eq (stored_answer ("BR-CO-002", "2.1.1", NULL), FW_ANSWER_NONE);
  ck_assert_percent ("2.1.1", "100%");
  ck_assert_focus ("2.1.1");
}
END_TEST

START_TEST (test_refused_answer)
{
  g_autoptr(GError) error = NULL;
  const char *message;

  create_brent ();
  open_case ("BR-CO-001");
  answer ("yes");
  ck_assert_focus ("2.1.2");

  /* a locked inspection takes no answers: the refusal is shown and the focus stays */
  ck_assert_msg (fw_store_set_locked (fw_window_get_store (window),
                                      fw_session_get_inspection_id (fw_window_get_session (window)),
                                      TRUE, NULL, &error), "%s", error ? error->message : "");
  answer ("no");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", NULL), FW_ANSWER_NONE);
  ck_assert_int_eq (fw_question_row_get_answer (FW_QUESTION_ROW (fw_case_editor_get_row (editor (), "2.1.2"))),
                    FW_ANSWER_NONE);
  message = fw_window_get_last_message (window);
  ck_assert_msg (message != NULL && strstr (message, "lock") != NULL, "message: %s", message ? message : "(none)");
  /* said as a sentence, with a capital */
  ck_assert_msg (g_unichar_isupper (g_utf8_get_char (message)), "message: %s", message);
  ck_assert_focus ("2.1.2");
  ck_assert_percent ("2.1.2", "—");
  ck_assert_percent ("2.1.1", "100%");
}
END_TEST

START_TEST (test_undo)
{
  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  answer ("yes");
  ck_assert_percent ("2.1.1", "100%");

  /* change it to no */
  ck_assert (fw_case_editor_focus_item (editor (), "2.1.1"));
  answer ("no");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_NO);
  ck_assert_percent ("2.1.1", "0%");
  ck_assert_int_eq (count_audit ("undo", NULL), 0);
  finish_note ();

  /* undo: yes again, in the database, the row and the panel, and the focus goes back to it */
  ck_assert_focus ("2.1.2");
  key ("<Control>z");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);
  ck_assert_int_eq (fw_question_row_get_answer (FW_QUESTION_ROW (fw_case_editor_get_row (editor (), "2.1.1"))),
                    FW_ANSWER_YES);
  ck_assert_percent ("2.1.1", "100%");
  ck_assert_focus ("2.1.1");
  ck_assert_int_eq (count_audit ("undo", "2.1.1"), 1);

  /* undo again: not answered */
  key ("<Control>z");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_NONE);
  ck_assert_percent ("2.1.1", "—");
  ck_assert_int_eq (count_audit ("undo", "2.1.1"), 2);
  ck_assert_int_eq (count_audit ("answer", "2.1.1"), 2);

  /* nothing left: nothing changes */
  key ("<Control>z");
  ck_assert_int_eq (count_audit ("undo", NULL), 2);

  /* undoing an answer of another case brings that case back */
  answer ("yes");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);
  open_case ("BR-CO-005");
  key ("<Control>z");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_NONE);
  ck_assert_focus ("2.1.1");
}
END_TEST

START_TEST (test_complete_case)
{
  /* the court key questions, and O1.1 (management oversight), which informs */
  static const char *court[] = { "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3",
                                 "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3", "O1.1" };
  const char *message;
  g_autofree char *status = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  answer ("yes");

  key ("<Control>Return");
  status = stored_status ("BR-CO-001");
  ck_assert_str_eq (status, "in-progress");
  message = fw_window_get_last_message (window);
  ck_assert_ptr_nonnull (message);
  for (guint i = 1; i < G_N_ELEMENTS (court); i++)
    ck_assert_msg (strstr (message, court[i]) != NULL, "%s is not listed as missing in: %s", court[i], message);
  ck_assert_msg (strstr (message, "2.1.1") == NULL, "2.1.1 is answered but listed: %s", message);
  /* the refusal takes the inspector to what is missing */
  ck_assert_focus ("2.1.2");
  /* the dialog listing them closes with Escape; the focus stays there */
  key ("Escape");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0, "Escape did not close the list of gaps");
  ck_assert_focus ("2.1.2");

  /* answer the rest from the keyboard, key question after key question */
  for (guint i = 1; i < G_N_ELEMENTS (court); i++)
    {
      ck_assert_focus (court[i]);
      answer (i % 4 == 0 ? "no" : "yes");
      if (i % 4 == 0)
        {
          /* a "No" takes its note before the next question */
          ck_assert (in_note ());
          write_note ("Not on file");
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (court); i++)
    ck_assert_int_ne (stored_answer ("BR-CO-001", court[i], NULL), FW_ANSWER_NONE);
  ck_assert_uint_eq (fw_case_item_get_answered (fw_case_editor_get_case (editor ())), 13);

  key ("<Control>Return");
  g_free (status);
  status = stored_status ("BR-CO-001");
  ck_assert_str_eq (status, "complete");
  ck_assert_int_eq (fw_case_item_get_status (fw_case_editor_get_case (editor ())), FW_CASE_COMPLETE);
}
END_TEST

START_TEST (test_navigation)
{
  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");

  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-CO-002");
  ck_assert_focus ("2.1.1");
  key ("<Control>Page_Up");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  /* the first case has no previous one */
  key ("<Control>Page_Up");
  ck_assert_str_eq (open_reference (), "BR-CO-001");

  /* from the last court case to the first out-of-court one: its own questions */
  open_case ("BR-CO-029");
  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-OU-001");
  ck_assert_focus ("3.1.1");
  ck_assert_ptr_null (fw_case_editor_get_row (editor (), "2.1.1"));
  open_case ("BR-OU-020");
  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-OU-020");

  /* next unanswered skips what is answered, from the focused question on */
  open_case ("BR-CO-003");
  key ("y");
  key ("y");
  ck_assert_focus ("2.1.3");
  ck_assert (fw_case_editor_focus_item (editor (), "2.1.1"));
  key ("<Control>u");
  ck_assert_focus ("2.1.3");
  ck_assert_int_eq (fw_question_row_get_answer (focused_row ()), FW_ANSWER_NONE);
  ck_assert (!fw_question_row_is_prompt (focused_row ()));
  /* and wraps round to the start */
  ck_assert (fw_case_editor_focus_item (editor (), "2.4.3"));
  key ("y");
  key ("<Control>u");
  ck_assert_focus ("2.1.3");

  /* the case list page and back */
  key ("<Alt>1");
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  key ("<Alt>2");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), "BR-CO-003");
}
END_TEST

START_TEST (test_subsample)
{
  g_autofree char *text = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");   /* Inspector A */
  answer ("yes");
  open_case ("BR-CO-002");   /* Inspector B */
  answer ("no");
  ck_assert_percent ("2.1.1", "50%");
  ck_assert_ptr_null (fw_session_get_filter (fw_window_get_session (window)));

  choose_subsample ("My cases (" INSPECTOR ")");
  text = filter_text ();
  ck_assert_msg (strstr (text, "inspector") && strstr (text, INSPECTOR), "filter: %s", text);
  ck_assert_percent ("2.1.1", "100%");

  choose_subsample ("Inspector: Inspector B");
  g_free (text);
  text = filter_text ();
  ck_assert_msg (strstr (text, "Inspector B") != NULL, "filter: %s", text);
  ck_assert_percent ("2.1.1", "0%");

  /* an answer outside the sub-sample does not move it */
  open_case ("BR-CO-004");   /* Inspector A */
  answer ("yes");
  ck_assert_percent ("2.1.1", "0%");

  choose_subsample ("Kind: Out-of-court disposals");
  g_free (text);
  text = filter_text ();
  ck_assert_msg (strstr (text, "kind") && strstr (text, "out-of-court"), "filter: %s", text);
  ck_assert_percent ("2.1.1", "—");

  choose_subsample ("Kind: Court disposals");
  ck_assert_percent ("2.1.1", "67%");

  choose_subsample ("Whole sample");
  ck_assert_ptr_null (fw_session_get_filter (fw_window_get_session (window)));
  ck_assert_percent ("2.1.1", "67%");
}
END_TEST

START_TEST (test_search)
{
  create_brent ();
  fw_window_set_case_search (window, "CO-00");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 9);
  fw_window_set_case_search (window, "ou-02");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 1);
  fw_window_set_case_search (window, "nothing like it");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 0);
  fw_window_set_case_search (window, "");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 49);

  /* next case follows the list as shown */
  fw_window_set_case_search (window, "OU-01");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 10);
  open_case ("BR-OU-019");
  activate ("win.next-case", NULL);
  ck_assert_str_eq (open_reference (), "BR-OU-019");
  ck_assert (!fw_window_open_case (window, "BR-CO-001"));
}
END_TEST

typedef struct {
  const char *trigger;
  const char *action;
  const char *argument;   /* printed GVariant, or NULL */
} Binding;

static const Binding bindings[] = {
  { "y", "win.answer", "'yes'" },
  { "<Control>h", "win.audit", NULL },
  { "n", "win.answer", "'no'" },
  { "a", "win.answer", "'na'" },
  { "Delete", "win.answer", "''" },
  { "<Control>z", "win.undo", NULL },
  { "<Control>u", "win.next-unanswered", NULL },
  { "<Control>Page_Down", "win.next-case", NULL },
  { "<Control>Page_Up", "win.previous-case", NULL },
  { "<Control>Return", "win.complete-case", NULL },
};

/* The window's shortcut for a trigger such as "<Control>z": the key bindings
 * of its class live in a GtkShortcutController, itself a list of GtkShortcut. */
static GtkShortcut *
find_shortcut (const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);
      GListModel *shortcuts;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      shortcuts = G_LIST_MODEL (controller);
      for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (shortcuts, i);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));

          if (g_strcmp0 (t, trigger) == 0)
            return g_steal_pointer (&s);
        }
    }
  return NULL;
}

/* What pressing the keys does: the shortcut's own action with its own arguments. */
static void
press (const char *trigger)
{
  g_autoptr(GtkShortcut) s = find_shortcut (trigger);

  ck_assert_msg (s != NULL, "no shortcut %s", trigger);
  ck_assert_msg (gtk_shortcut_action_activate (gtk_shortcut_get_action (s), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (window), gtk_shortcut_get_arguments (s)),
                 "the shortcut %s did nothing", trigger);
  fw_gui_test_spin ();
}

START_TEST (test_shortcuts)
{
  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      g_autoptr(GtkShortcut) s = find_shortcut (bindings[i].trigger);
      GtkShortcutAction *action;
      GVariant *args;
      g_autofree char *printed = NULL;

      ck_assert_msg (s != NULL, "no shortcut %s on the window", bindings[i].trigger);
      action = gtk_shortcut_get_action (s);
      ck_assert_msg (GTK_IS_NAMED_ACTION (action), "%s is not bound to an action", bindings[i].trigger);
      ck_assert_str_eq (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), bindings[i].action);
      args = gtk_shortcut_get_arguments (s);
      printed = args ? g_variant_print (args, FALSE) : NULL;
      ck_assert_msg (g_strcmp0 (printed, bindings[i].argument) == 0, "%s: arguments %s, expected %s",
                     bindings[i].trigger, printed ? printed : "none",
                     bindings[i].argument ? bindings[i].argument : "none");
    }

  /* and they work: a case answered, undone, skipped and left by its keys */
  create_brent ();
  open_case ("BR-CO-001");
  press ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);
  ck_assert_percent ("2.1.1", "100%");
  ck_assert_focus ("2.1.2");
  press ("n");
  ck_assert (in_note ());
  finish_note ();
  press ("y");
  press ("a");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", NULL), FW_ANSWER_NO);
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.2.1", NULL), FW_ANSWER_NA);
  finish_note ();
  ck_assert_focus ("2.2.2");
  press ("<Control>z");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.2.1", NULL), FW_ANSWER_NONE);
  ck_assert_int_eq (count_audit ("undo", "2.2.1"), 1);
  ck_assert_focus ("2.2.1");
  ck_assert (fw_case_editor_focus_item (editor (), "2.1.1"));
  press ("<Control>u");
  ck_assert_focus ("2.2.1");
  press ("<Control>Return");
  {
    g_autofree char *status = stored_status ("BR-CO-001");
    ck_assert_str_eq (status, "in-progress");
  }
  press ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-CO-002");
  press ("<Control>Page_Up");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
}
END_TEST

/* N where evidence is wanted opens the note; Escape there goes on to the
 * next question, as the answer would have, so the next key never answers
 * the same question again (a No typed over by Y). A note opened with E
 * still returns to its question. */
START_TEST (test_note_after_no_goes_on)
{
  g_autofree char *note = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  key ("y");
  ck_assert_focus ("2.1.2");
  key ("n");
  ck_assert (in_note ());
  type ("yy");
  key ("Escape");
  ck_assert_focus ("2.1.3");
  key ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", &note), FW_ANSWER_NO);
  ck_assert_str_eq (note, "yy");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.3", NULL), FW_ANSWER_YES);

  ck_assert (fw_case_editor_focus_item (editor (), "2.1.2"));
  key ("e");
  ck_assert (in_note ());
  key ("Escape");
  ck_assert_focus ("2.1.2");

  /* Ctrl+Page Down from inside a note: the next case, the note kept */
  key ("e");
  type (" seen");
  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-CO-002");
  g_clear_pointer (&note, g_free);
  stored_answer ("BR-CO-001", "2.1.2", &note);
  ck_assert_str_eq (note, "yy seen");
}
END_TEST

static gboolean
shortcuts_shown (gpointer data)
{
  GtkWindow *front = front_window ();

  return GTK_IS_SHORTCUTS_WINDOW (front) && gtk_widget_get_mapped (GTK_WIDGET (front));
}

static gboolean
shortcuts_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* Whether one of the shortcuts window's entries lists the key trigger
 * (an entry may list several, "Up Down"); keys compared as GTK parses them. */
static gboolean
shortcuts_list (GPtrArray *shortcuts, const char *trigger)
{
  guint key = 0, want_key = 0;
  GdkModifierType mods = 0, want_mods = 0;

  gtk_accelerator_parse (trigger, &want_key, &want_mods);
  want_key = gdk_keyval_to_lower (want_key);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accel = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accel, NULL);
      keys = g_strsplit (accel ? accel : "", " ", -1);
      for (guint k = 0; keys[k]; k++)
        if (gtk_accelerator_parse (keys[k], &key, &mods) && gdk_keyval_to_lower (key) == want_key
            && mods == want_mods)
          return TRUE;
    }
  return FALSE;
}

/* Ctrl+? shows the shortcuts window, built when first asked for (not with
 * every window), listing F6; Escape hides it, and it comes back the same. */
START_TEST (test_shortcuts_window)
{
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  GtkWidget *first;
  gboolean f6 = FALSE;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  key ("<Control><Shift>question");
  ck_assert_msg (fw_gui_test_wait_until (shortcuts_shown, NULL, 3000) >= 0, "Ctrl+? did not show the shortcuts");
  first = GTK_WIDGET (front_window ());
  ck_assert_ptr_eq (gtk_window_get_transient_for (GTK_WINDOW (first)), GTK_WINDOW (window));
  fw_gui_test_collect (first, GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accel = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accel, NULL);
      f6 |= g_strcmp0 (accel, "F6") == 0;
    }
  ck_assert_msg (f6, "F6 is not in the shortcuts window");
  /* and every key the window's own actions are bound to */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

    for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
          {
            g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (controller), i);
            GtkShortcutAction *action = gtk_shortcut_get_action (s);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));

            if (GTK_IS_NAMED_ACTION (action)
                && g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win."))
              ck_assert_msg (shortcuts_list (shortcuts, trigger), "%s (%s) is not in the shortcuts window", trigger,
                             gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          }
      }
  }
  key ("Escape");
  ck_assert_msg (fw_gui_test_wait_until (shortcuts_hidden, first, 3000) >= 0, "Escape did not hide the shortcuts");
  key ("<Control><Shift>question");
  ck_assert_msg (fw_gui_test_wait_until (shortcuts_shown, NULL, 3000) >= 0, "Ctrl+? did not show them again");
  ck_assert_ptr_eq (GTK_WIDGET (front_window ()), first);
  key ("Escape");
}
END_TEST

static gboolean
has_text (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (tooltip && *tooltip)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget))
      && *gtk_button_get_label (GTK_BUTTON (widget)))
    return TRUE;
  fw_gui_test_collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (*gtk_label_get_text (g_ptr_array_index (labels, i)))
      return TRUE;
  return FALSE;
}

START_TEST (test_accessible)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  guint keys = 0, prompts = 0;

  create_brent ();
  open_case ("BR-CO-001");
  fw_gui_test_collect (fw_window_get_editor (window), FW_TYPE_QUESTION_ROW, rows);
  ck_assert_uint_gt (rows->len, 12);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) answers = g_ptr_array_new ();
      g_autoptr(GPtrArray) notes = g_ptr_array_new ();
      const char *id = fw_question_row_get_item_id (FW_QUESTION_ROW (row));

      if (fw_question_row_is_prompt (FW_QUESTION_ROW (row)))
        prompts++;
      else
        keys++;
      ck_assert_int_eq (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)), GTK_ACCESSIBLE_ROLE_GROUP);
      ck_assert (gtk_widget_get_focusable (row));
      fw_gui_test_collect (row, GTK_TYPE_TOGGLE_BUTTON, answers);
      for (guint j = answers->len; j-- > 0;)
        {
          GtkWidget *b = g_ptr_array_index (answers, j);
          if (!gtk_widget_has_css_class (b, "answer-yes") && !gtk_widget_has_css_class (b, "answer-no")
              && !gtk_widget_has_css_class (b, "answer-na"))
            g_ptr_array_remove_index (answers, j);
        }
      ck_assert_msg (answers->len == 3, "%s has %u answer buttons", id, answers->len);
      for (guint j = 0; j < answers->len; j++)
        {
          GtkWidget *b = g_ptr_array_index (answers, j);
          const char *label = gtk_button_get_label (GTK_BUTTON (b));
          const char *tooltip = gtk_widget_get_tooltip_text (b);

          ck_assert_msg (label && *label, "an answer button of %s has no label", id);
          ck_assert_msg (tooltip && *tooltip, "answer button “%s” of %s has no tooltip", label, id);
          ck_assert_int_eq (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (b)), GTK_ACCESSIBLE_ROLE_BUTTON);
        }
      /* the note: multi-line, named for its question */
      fw_gui_test_collect (row, GTK_TYPE_TEXT_VIEW, notes);
      ck_assert_uint_eq (notes->len, 1);
      ck_assert_int_eq (gtk_text_view_get_wrap_mode (g_ptr_array_index (notes, 0)), GTK_WRAP_WORD_CHAR);
      ck_assert_ptr_nonnull (gtk_widget_get_tooltip_text (g_ptr_array_index (notes, 0)));
    }
  ck_assert_uint_eq (keys, 13);   /* twelve key questions and O1.1 */
  ck_assert_uint_gt (prompts, 0);

  /* every button in the window says what it is, by its label or its tooltip */
  fw_gui_test_collect (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  fw_gui_test_collect (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
  ck_assert_uint_gt (buttons->len, 0);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *b = g_ptr_array_index (buttons, i);
      /* a menu button's inner button: the menu button itself is checked */
      if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (b)))
        continue;
      /* GTK and libadwaita label their own title bar and toast buttons */
      if (gtk_widget_get_ancestor (b, GTK_TYPE_WINDOW_CONTROLS)
          || (g_type_from_name ("AdwToastWidget") && gtk_widget_get_ancestor (b, g_type_from_name ("AdwToastWidget"))))
        continue;
      if (gtk_widget_get_visible (b))
        ck_assert_msg (has_text (b), "a %s in a %s in a %s has neither label nor tooltip", G_OBJECT_TYPE_NAME (b),
                       G_OBJECT_TYPE_NAME (gtk_widget_get_parent (b)),
                       G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (b))));
    }
  fw_gui_test_collect (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, dropdowns);
  ck_assert_uint_ge (dropdowns->len, 4);   /* kind, inspector, status, sub-sample */
  for (guint i = 0; i < dropdowns->len; i++)
    ck_assert_msg (gtk_widget_get_tooltip_text (g_ptr_array_index (dropdowns, i)) != NULL,
                   "a drop-down in a %s has no tooltip",
                   G_OBJECT_TYPE_NAME (gtk_widget_get_parent (g_ptr_array_index (dropdowns, i))));
  fw_gui_test_collect (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, entries);
  ck_assert_uint_ge (entries->len, 1);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *placeholder = NULL;

      g_object_get (g_ptr_array_index (entries, i), "placeholder-text", &placeholder, NULL);
      ck_assert_msg (placeholder && *placeholder, "a search entry has no placeholder");
    }
}
END_TEST

START_TEST (test_reopen_last)
{
  g_autofree char *id = NULL;

  g_autofree char *question = NULL;
  FwCaseEditor *editor;

  create_brent ();
  open_case ("BR-CO-001");
  answer ("yes");
  answer ("no");
  id = g_strdup (fw_session_get_inspection_id (fw_window_get_session (window)));
  question = g_strdup (fw_case_editor_get_focused_item (FW_CASE_EDITOR (fw_window_get_editor (window))));
  ck_assert_ptr_nonnull (question);

  /* closing and starting again: the same inspection, case and question, the answer kept */
  fw_gui_test_destroy_toplevels ();
  window = open_window ();
  ck_assert_ptr_nonnull (fw_window_get_session (window));
  ck_assert_str_eq (fw_session_get_inspection_id (fw_window_get_session (window)), id);
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  editor = FW_CASE_EDITOR (fw_window_get_editor (window));
  ck_assert_str_eq (fw_case_item_get_reference (fw_case_editor_get_case (editor)), "BR-CO-001");
  ck_assert_str_eq (fw_case_editor_get_focused_item (editor), question);
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Test Youth Justice Service – Fieldwork");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 49);
  ck_assert_percent ("2.1.1", "100%");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);
}
END_TEST

/* ---------------------------------------------------------------- following changes made elsewhere */

static char *
item_string (FwCaseItem *item, const char *property)
{
  char *value = NULL;

  g_object_get (item, property, &value, NULL);
  return value;
}

static FwCaseItem *
listed_case (const char *reference)
{
  FwCaseItem *item = fw_case_list_find (fw_window_get_case_list (window), reference);

  ck_assert_msg (item != NULL, "%s is not in the Cases list", reference);
  return item;
}

/* Whether a label or a list cell (FwCellText) on the Cases page shows text
 * containing needle. */
static gboolean
cases_page_shows (gpointer needle)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  fw_gui_test_collect (GTK_WIDGET (fw_window_get_case_list (window)), GTK_TYPE_LABEL, labels);
  fw_gui_test_collect (GTK_WIDGET (fw_window_get_case_list (window)), g_type_from_name ("FwCellText"), cells);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i))
        && strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), needle))
      return TRUE;
  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *text = NULL;

      g_object_get (g_ptr_array_index (cells, i), "text", &text, NULL);
      if (gtk_widget_get_mapped (g_ptr_array_index (cells, i)) && text && strstr (text, needle))
        return TRUE;
    }
  return FALSE;
}

static gboolean
case_fully_answered (gpointer reference)
{
  g_autofree char *progress = item_string (listed_case (reference), "progress");
  return g_strcmp0 (progress, "13 / 13") == 0 && g_strcmp0 (percent ("2.1.1"), "100%") == 0;
}

static gboolean
banner_revealed (gpointer data)
{
  return gtk_info_bar_get_revealed (GTK_INFO_BAR (window->lock_banner)) && gtk_widget_get_mapped (window->lock_banner);
}

START_TEST (test_cli_changes_show)
{
  /* the court key questions, and O1.1 (management oversight), which informs */
  static const char *court[] = { "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3",
                                 "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3", "O1.1" };
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "answers.csv", NULL);
  g_autoptr(GString) answers = g_string_new ("reference,question,answer,note\r\n");
  const char *id;
  double ms;

  create_brent ();
  id = fw_session_get_inspection_id (fw_window_get_session (window));
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  ck_assert (!cases_page_shows ("· 1 complete"));

  /* answers imported by another program: the list's row and the ratings panel */
  for (guint i = 0; i < G_N_ELEMENTS (court); i++)
    g_string_append_printf (answers, "BR-CO-001,%s,yes,\r\n", court[i]);
  ck_assert (g_file_set_contents (csv, answers->str, -1, NULL));
  cli ("import-answers", "--inspection", id, csv, NULL);
  ms = fw_gui_test_wait_until (case_fully_answered, (gpointer) "BR-CO-001", 1000);
  ck_assert_msg (ms >= 0, "the imported answers did not show within 1 s");
  printf ("# imported answers shown after %.0f ms\n", ms);
  ck_assert (cases_page_shows ("13 / 13"));

  /* the case marked complete by another program: its status, and the summary line */
  cli ("case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "complete", NULL);
  ms = fw_gui_test_wait_until (cases_page_shows, (gpointer) "· 1 complete", 1000);
  ck_assert_msg (ms >= 0, "the status change did not show within 1 s");
  printf ("# status change shown after %.0f ms\n", ms);
  ck_assert_int_eq (fw_case_item_get_status (listed_case ("BR-CO-001")), FW_CASE_COMPLETE);

  /* locked by another program: the banner, and nothing can be added */
  ck_assert (!banner_revealed (NULL));
  cli ("lock", "--inspection", id, NULL);
  ms = fw_gui_test_wait_until (banner_revealed, NULL, 1000);
  ck_assert_msg (ms >= 0, "the lock did not show within 1 s");
  printf ("# lock shown after %.0f ms\n", ms);
  /* its Unlock button works now */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    fw_gui_test_collect (window->lock_banner, GTK_TYPE_BUTTON, buttons);
    for (guint i = buttons->len; i-- > 0;)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.unlock") != 0)
        g_ptr_array_remove_index (buttons, i);
    ck_assert_uint_eq (buttons->len, 1);
    ck_assert (gtk_widget_is_sensitive (g_ptr_array_index (buttons, 0)));
  }
  fw_test_rmdir (dir);
}
END_TEST

/* ---------------------------------------------------------------- opening a case, as a user does */

static const char *
selected_reference (void)
{
  FwCaseItem *item = fw_case_list_get_selected_case (fw_window_get_case_list (window));
  return item ? fw_case_item_get_reference (item) : NULL;
}

START_TEST (test_enter_opens_case)
{
  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");

  /* down the list to the fifth case, Enter: that case, at its first question */
  key ("Home");
  for (int i = 0; i < 4; i++)
    key ("Down");
  ck_assert_msg (g_strcmp0 (selected_reference (), "BR-CO-005") == 0, "selected: %s", selected_reference ());
  key ("Return");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), "BR-CO-005");
  ck_assert_focus ("2.1.1");

  /* back to the list, the next row, Alt+2: the Case page shows the row chosen */
  key ("<Alt>1");
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  key ("Down");
  ck_assert_msg (g_strcmp0 (selected_reference (), "BR-CO-006") == 0, "selected: %s", selected_reference ());
  key ("<Alt>2");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), "BR-CO-006");

  /* a double click's twin, the next case key, and the list follows */
  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-CO-007");
  ck_assert_str_eq (selected_reference (), "BR-CO-007");

  /* in search, Enter on the only match opens it */
  key ("<Control>f");
  type ("ou-019");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 1);
  key ("Return");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), "BR-OU-019");
}
END_TEST

/* The header's page switcher's button for a page. */
static GtkWidget *
page_button (const char *title)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  fw_gui_test_collect (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *b = g_ptr_array_index (buttons, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      if (gtk_widget_get_ancestor (b, GTK_TYPE_STACK_SWITCHER) == NULL)
        continue;
      fw_gui_test_collect (b, GTK_TYPE_LABEL, labels);
      for (guint j = 0; j < labels->len; j++)
        if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, j)), title) == 0)
          return b;
    }
  return NULL;
}

/* Issue 11, item 12: whichever way the Case page is shown, the keyboard is on a question. */
START_TEST (test_case_page_focus)
{
  GtkWidget *button;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  key ("Home");
  key ("Return");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  ck_assert_focus ("2.1.1");
  key ("y");
  ck_assert_focus ("2.1.2");

  /* the Cases list and back with Alt+2: the same case, on a question */
  key ("<Alt>1");
  ck_assert_ptr_null (focused_item ());
  key ("<Alt>2");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  ck_assert_ptr_nonnull (focused_item ());

  /* the Review page and back by the header's switcher, Space on its Case button */
  key ("<Alt>3");
  ck_assert_str_eq (fw_window_get_visible_page (window), "review");
  button = page_button ("Case");
  ck_assert_msg (button != NULL, "no Case button in the header");
  tab_to (button, "Tab", 40);
  key ("space");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  ck_assert_msg (focused_item () != NULL, "the switcher's Case button left the focus off the questions");
  key ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", NULL), FW_ANSWER_YES);
}
END_TEST

/* ---------------------------------------------------------------- inspections */

static const char *
open_service (void)
{
  FwSession *session = fw_window_get_session (window);
  return session ? fw_session_get_info (session)->service : NULL;
}

static gboolean
service_is (gpointer service)
{
  return g_strcmp0 (open_service (), service) == 0;
}

/* The switcher's row with the keyboard focus, or NULL. */
static const char *
focused_row_title (void)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW) : NULL;

  if (focus && ADW_IS_ACTION_ROW (focus))
    row = focus;
  return row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

/* Shift+Ctrl+O (the focus starts on the open inspection), Home, down the
 * list to the inspection, Enter. */
static void
switch_to (const char *service)
{
  key ("<Control><Shift>o");
  key ("Home");
  for (int i = 0; i < 8 && g_strcmp0 (focused_row_title (), service) != 0; i++)
    key ("Down");
  ck_assert_msg (g_strcmp0 (focused_row_title (), service) == 0, "no row for %s in the switcher (focus on %s)",
                 service, focused_row_title () ? focused_row_title () : "nothing");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (service_is, (gpointer) service, 2000) >= 0, "open: %s, expected %s", open_service (),
                 service);
}

static gboolean
ratings_counted (gpointer data)
{
  return g_strcmp0 (fw_ratings_panel_get_total_text (ratings ()), "Counting the answers…") != 0;
}

/* Issue 14, cold start: a large inspection (1 200 cases), opened from the
 * switcher, has its answers counted beside the window; the panel then
 * shows the count (2.1.1 is yes in three cases of four), not a
 * placeholder left for ever. */
START_TEST (test_large_inspection_counted)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GString) cases = g_string_new ("reference,kind\n");
  g_autoptr(GString) answers = g_string_new ("reference,question,answer,note\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *inspectors[] = { INSPECTOR, NULL };
  FwStore *store;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  store = fw_window_get_store (window);
  fw = fw_framework_new_from_file (fw_path, &error);
  ck_assert_msg (fw != NULL, "%s", error ? error->message : "");
  id = fw_store_create_inspection (store, fw, "Large Service", "2026-11-16", inspectors, &error);
  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < 1200; i++)
    {
      g_string_append_printf (cases, "LRG-%05u,court\n", i);
      g_string_append_printf (answers, "LRG-%05u,2.1.1,%s,\n", i, i % 4 == 3 ? "no" : "yes");
    }
  ck_assert_msg (fw_import_cases_data (store, id, cases->str, cases->len, "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (fw_import_answers_data (store, id, answers->str, answers->len, "answers.csv", NULL, &error),
                 "%s", error ? error->message : "");
  fw_gui_test_spin ();

  switch_to ("Large Service");
  ck_assert_msg (fw_gui_test_wait_until (ratings_counted, NULL, 10000) >= 0, "the panel is still counting");
  ck_assert_percent ("2.1.1", "75%");
  /* the standard's rating shows again (hidden while counting) */
  ck_assert_str_ne (fw_ratings_panel_get_standard_text (ratings (), "2.1"), "");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 1200);
}
END_TEST

START_TEST (test_switch_inspections)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *title = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  first = g_strdup (fw_session_get_inspection_id (fw_window_get_session (window)));

  /* a second inspection, made in the window from the keyboard */
  key ("<Control>n");
  ck_assert_msg (g_type_from_name ("FwNewInspectionDialog") != 0
                 && G_TYPE_CHECK_INSTANCE_TYPE (front_window (), g_type_from_name ("FwNewInspectionDialog")),
                 "Ctrl+N did not ask for a new inspection");
  type ("Second Service");
  key ("Return");
  /* a button pressed from the keyboard answers after its press is seen */
  ck_assert_msg (fw_gui_test_wait_until (service_is, (gpointer) "Second Service", 2000) >= 0, "open: %s", open_service ());
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Second Service – Fieldwork");
  second = g_strdup (fw_session_get_inspection_id (fw_window_get_session (window)));
  ck_assert_str_ne (first, second);
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 0);
  ck_assert_uint_eq (fw_inspection_switcher_get_n_inspections (fw_window_get_inspection_switcher (window)), 2);

  /* away and back, and away again */
  switch_to ("Test Youth Justice Service");
  ck_assert_str_eq (fw_session_get_inspection_id (fw_window_get_session (window)), first);
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 49);
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Test Youth Justice Service – Fieldwork");
  switch_to ("Second Service");
  ck_assert_str_eq (fw_session_get_inspection_id (fw_window_get_session (window)), second);
  switch_to ("Test Youth Justice Service");
  ck_assert_str_eq (fw_session_get_inspection_id (fw_window_get_session (window)), first);

  /* and a restart comes back to the last one */
  fw_gui_test_destroy_toplevels ();
  window = open_window ();
  ck_assert_str_eq (fw_session_get_inspection_id (fw_window_get_session (window)), first);
}
END_TEST

static gboolean
case_open (gpointer reference)
{
  return g_strcmp0 (open_reference (), reference) == 0;
}

START_TEST (test_add_case_dialog)
{
  GtkWidget *audit;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();

  /* Shift+Ctrl+N, a reference, Enter: the case is added and opened */
  key ("<Control><Shift>n");
  ck_assert_msg (FW_IS_ADD_CASE_DIALOG (front_window ()), "Shift+Ctrl+N did not ask for a case");
  type ("NEW-001");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (case_open, (gpointer) "NEW-001", 2000) >= 0, "open: %s", open_reference ());
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 50);

  /* the same reference again: the dialog says so at once, Enter adds
   * nothing and keeps what was typed; another reference is added */
  key ("<Control><Shift>n");
  ck_assert_msg (FW_IS_ADD_CASE_DIALOG (front_window ()), "Shift+Ctrl+N did not ask for a case");
  type ("NEW-001");
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (front_window ());

    ck_assert (!adw_message_dialog_get_response_enabled (dialog, "add"));
    ck_assert_str_eq (adw_message_dialog_get_body (dialog), "This inspection already has a case NEW-001.");
    key ("Return");
    fw_gui_test_run_for (200);
    ck_assert (front_window () == GTK_WINDOW (dialog));
    ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 50);
    type ("-B");
    ck_assert (adw_message_dialog_get_response_enabled (dialog, "add"));
    ck_assert_str_ne (adw_message_dialog_get_body (dialog), "This inspection already has a case NEW-001.");
  }
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (case_open, (gpointer) "NEW-001-B", 2000) >= 0, "open: %s", open_reference ());
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 51);

  /* its audit trail, from the Case page */
  audit = fw_window_show_audit (window);
  ck_assert_ptr_nonnull (audit);
  ck_assert (FW_IS_AUDIT_DIALOG (audit));
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (audit)), "Audit Trail — NEW-001-B");
  /* the case's addition is in it */
  ck_assert_uint_ge (fw_audit_dialog_get_n_lines (FW_AUDIT_DIALOG (audit)), 1);
  gtk_window_destroy (GTK_WINDOW (audit));
  fw_gui_test_spin ();
}
END_TEST

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_info_bar_get_revealed (GTK_INFO_BAR (window->lock_banner))
         && !fw_session_is_locked (fw_window_get_session (window));
}

static gboolean
unlock_dialog_shown (gpointer data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (front_window (), g_type_from_name ("FwUnlockDialog"))
         && gtk_widget_get_mapped (GTK_WIDGET (front_window ()));
}

START_TEST (test_lock_banner)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *unlock = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  fw_gui_test_collect (window->lock_banner, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.unlock") == 0)
      unlock = g_ptr_array_index (buttons, i);
  ck_assert_ptr_nonnull (unlock);
  ck_assert (!gtk_widget_is_sensitive (unlock));

  /* locked elsewhere: the banner, whatever the page */
  cli ("lock", "--inspection", fw_session_get_inspection_id (fw_window_get_session (window)), NULL);
  ck_assert_msg (fw_gui_test_wait_until (banner_revealed, NULL, 1000) >= 0, "no lock banner within 1 s");
  open_case ("BR-CO-001");
  ck_assert (banner_revealed (NULL));
  ck_assert (gtk_widget_is_sensitive (unlock));

  /* Unlock… (Alt+U, its mnemonic) asks why; a reason and Enter unlock, and the banner goes */
  key ("<Alt>u");
  ck_assert_msg (fw_gui_test_wait_until (unlock_dialog_shown, NULL, 2000) >= 0, "Unlock… did not ask why");
  type ("Fieldwork goes on");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (banner_hidden, NULL, 2000) >= 0, "still locked after Unlock");
  ck_assert_int_eq (count_audit ("unlock", NULL), 1);
}
END_TEST


static gboolean
front_is (gpointer type_name)
{
  GtkWindow *front = front_window ();
  return G_TYPE_CHECK_INSTANCE_TYPE (front, g_type_from_name (type_name)) && gtk_widget_get_mapped (GTK_WIDGET (front));
}

static char *
stored_note (const char *reference, const char *item)
{
  char *note = NULL;

  stored_answer (reference, item, &note);
  return note;
}

/* Item 3: the note goes with the answer it explains; notes are multi-line;
 * a note written before the answer is kept. */
START_TEST (test_notes_by_keys)
{
  g_autofree char *note = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  key ("Home");
  key ("Return");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  ck_assert_focus ("2.1.1");

  /* Y moves on; N stays on its question, in its note: what is typed is its note */
  key ("y");
  ck_assert_focus ("2.1.2");
  key ("n");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", NULL), FW_ANSWER_NO);
  ck_assert_focus ("2.1.2");
  ck_assert (in_note ());
  /* two lines: Enter is a new line, Ctrl+Enter finishes and goes on */
  type ("No plan");
  key ("Return");
  type ("seen on file");
  key ("<Control>Return");
  note = stored_note ("BR-CO-001", "2.1.2");
  ck_assert_str_eq (note, "No plan\nseen on file");
  g_clear_pointer (&note, g_free);
  ck_assert_focus ("2.1.3");
  ck_assert (!in_note ());
  /* Ctrl+Enter in a note did not try to mark the case complete */
  ck_assert_ptr_null (fw_window_get_last_message (window));

  /* N/A too (2.2.1: 2.1.3 cannot be); E there writes on 2.2.1, never on the next question */
  key ("y");
  ck_assert_focus ("2.2.1");
  key ("a");
  ck_assert_focus ("2.2.1");
  type ("Not relevant");
  /* Escape in a note that answering opened goes on, as the answer would have */
  key ("Escape");
  ck_assert_focus ("2.2.2");
  ck_assert (!in_note ());
  note = stored_note ("BR-CO-001", "2.2.1");
  ck_assert_str_eq (note, "Not relevant");
  g_clear_pointer (&note, g_free);
  key ("<Shift>Tab");
  ck_assert_focus ("2.2.1");
  key ("e");
  ck_assert (in_note ());
  ck_assert_focus ("2.2.1");
  type (", not a court order");
  key ("<Control>Return");
  note = stored_note ("BR-CO-001", "2.2.1");
  ck_assert_str_eq (note, "Not relevant, not a court order");
  g_clear_pointer (&note, g_free);
  ck_assert_focus ("2.2.2");
  ck_assert_int_eq (stored_answer ("BR-CO-002", "2.2.1", NULL), FW_ANSWER_NONE);

  /* a note written before the answer is kept: in the database, after another case, and when answered */
  key ("e");
  type ("Plan dated 3 May");
  key ("<Control>Return");
  ck_assert_focus ("2.2.2");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.2.2", &note), FW_ANSWER_NONE);
  ck_assert_str_eq (note, "Plan dated 3 May");
  g_clear_pointer (&note, g_free);
  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-CO-002");
  key ("<Control>Page_Up");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  ck_assert_str_eq (fw_question_row_get_note (FW_QUESTION_ROW (fw_case_editor_get_row (editor (), "2.2.2"))),
                    "Plan dated 3 May");
  ck_assert (fw_case_editor_focus_item (editor (), "2.2.2"));
  key ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.2.2", &note), FW_ANSWER_YES);
  ck_assert_str_eq (note, "Plan dated 3 May");
  g_clear_pointer (&note, g_free);
  /* and the draft is no answer: four counted before, five now */
  ck_assert_uint_eq (fw_case_item_get_answered (fw_case_editor_get_case (editor ())), 5);
}
END_TEST

/* Item 4: Ctrl+Return lists every gap, answers and notes, and Enter goes to the first. */
START_TEST (test_mark_complete_lists_gaps)
{
  /* the court key questions, and O1.1 (management oversight), which informs */
  static const char *court[] = { "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3",
                                 "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3", "O1.1" };
  g_autofree char *status = NULL;
  GtkWidget *list;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  key ("y");
  key ("n");                 /* 2.1.2: No, its note left for later: Escape goes on */
  key ("Escape");
  ck_assert_focus ("2.1.3");

  key ("<Control>Return");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwCompleteCaseDialog", 2000) >= 0, "Mark Complete showed no gaps");
  status = stored_status ("BR-CO-001");
  ck_assert_str_eq (status, "in-progress");
  /* the note first (2.1.2 comes first), then the eleven unanswered questions */
  list = fw_complete_case_dialog_get_list (FW_COMPLETE_CASE_DIALOG (front_window ()));
  {
    guint n = 0;
    for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
      n++;
    ck_assert_uint_eq (n, 12);
  }
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                    "2.1.2 · Evidence note missing");
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))),
                    "2.1.3 · Not answered");
  for (guint i = 2; i < G_N_ELEMENTS (court); i++)
    ck_assert_msg (strstr (fw_window_get_last_message (window), court[i]) != NULL, "%s not listed", court[i]);

  /* Enter: to the first gap, into its note */
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0, "the dialog stayed");
  ck_assert_focus ("2.1.2");
  ck_assert (in_note ());
  type ("Seen");
  key ("<Control>Return");
  for (guint i = 2; i < G_N_ELEMENTS (court); i++)
    {
      ck_assert_focus (court[i]);
      key ("y");
    }
  key ("<Control>Return");
  fw_gui_test_run_for (200);
  ck_assert (front_is_window (NULL));
  g_free (status);
  status = stored_status ("BR-CO-001");
  ck_assert_str_eq (status, "complete");
}
END_TEST


static gboolean
is_locked (gpointer data)
{
  return fw_session_is_locked (fw_window_get_session (window)) == GPOINTER_TO_INT (data);
}

/* Item 5: locking asks, showing the open problems and that the ratings are
 * provisional; locked, the Cases page is read-only with the banner; the
 * unlock dialog keeps an empty reason open with its error, Enter submits. */
START_TEST (test_lock_confirms)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  FwLockDialog *dialog;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  key ("y");
  key ("<Alt>3");
  /* the Review page's problems say their kind in words (item 7) */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    guint in_words = 0;

    fw_gui_test_collect (window->review, ADW_TYPE_ACTION_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));
        ck_assert_msg (g_strcmp0 (subtitle, "unanswered") != 0 && g_strcmp0 (subtitle, "not-complete") != 0
                       && g_strcmp0 (subtitle, "no-note") != 0, "a problem kind as a code: %s", subtitle);
        in_words += g_strcmp0 (subtitle, "Not answered") == 0 || g_strcmp0 (subtitle, "Case not complete") == 0;
      }
    ck_assert_uint_gt (in_words, 0);
  }
  fw_gui_test_collect (window->review, GTK_TYPE_SWITCH, switches);
  /* the one in the "Locked" row */
  for (guint i = switches->len; i-- > 0;)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (switches, i), ADW_TYPE_ACTION_ROW);
      if (row == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Locked") != 0)
        g_ptr_array_remove_index (switches, i);
    }
  ck_assert_uint_eq (switches->len, 1);
  /* Tab to the switch, Space */
  tab_to (g_ptr_array_index (switches, 0), "Tab", 40);
  key ("space");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwLockDialog", 2000) >= 0, "Lock did not ask");
  ck_assert (!fw_session_is_locked (fw_window_get_session (window)));
  dialog = FW_LOCK_DIALOG (front_window ());
  /* every problem the Review page lists: 49 cases not complete, and their unanswered questions */
  {
    g_autoptr(GPtrArray) problems = fw_review_problems (fw_window_get_store (window),
                                                        fw_session_get_inspection_id (fw_window_get_session (window)),
                                                        NULL);
    ck_assert_uint_gt (problems->len, 49);
    ck_assert_uint_eq (fw_lock_dialog_get_n_problems (dialog), problems->len);
  }
  ck_assert (fw_lock_dialog_get_provisional (dialog));
  fw_gui_test_collect (GTK_WIDGET (dialog), GTK_TYPE_LABEL, labels);
  {
    gboolean said_provisional = FALSE, said_count = FALSE;
    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));
        said_provisional |= strstr (text, "provisional") != NULL;
        said_count |= g_str_has_suffix (text, "open problems:");
      }
    ck_assert (said_provisional && said_count);
  }
  /* Escape: nothing locked */
  key ("Escape");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0, "the lock dialog stayed");
  ck_assert (!fw_session_is_locked (fw_window_get_session (window)));
  ck_assert (!gtk_switch_get_active (g_ptr_array_index (switches, 0)));

  /* again: with problems open, Enter cancels; Lock is chosen on purpose, Alt+L */
  ck_assert_msg (focus_within (g_ptr_array_index (switches, 0)), "the focus is not back on the switch");
  key ("space");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwLockDialog", 2000) >= 0, "Lock did not ask");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0, "Enter left the lock dialog open");
  ck_assert (!fw_session_is_locked (fw_window_get_session (window)));
  ck_assert_int_eq (count_audit ("lock", NULL), 0);
  ck_assert_msg (focus_within (g_ptr_array_index (switches, 0)), "the focus is not back on the switch");
  key ("space");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwLockDialog", 2000) >= 0, "Lock did not ask");
  key ("<Alt>l");
  ck_assert_msg (fw_gui_test_wait_until (is_locked, GINT_TO_POINTER (TRUE), 2000) >= 0, "Alt+L did not lock");
  ck_assert_int_eq (count_audit ("lock", NULL), 1);

  /* the Cases page: the banner, nothing to add or import */
  key ("<Alt>1");
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");
  ck_assert (banner_revealed (NULL));
  ck_assert (!gtk_widget_is_sensitive (g_ptr_array_index (switches, 0)) || gtk_switch_get_active (g_ptr_array_index (switches, 0)));
  key ("<Control><Shift>n");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-cases", NULL);
  fw_gui_test_run_for (200);
  ck_assert_uint_eq (n_visible_toplevels (), 1);

  /* Unlock: an empty reason keeps the dialog open and says why; a reason and Enter unlock */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  ck_assert_msg (fw_gui_test_wait_until (unlock_dialog_shown, NULL, 2000) >= 0, "Unlock… did not ask why");
  key ("Return");
  fw_gui_test_run_for (200);
  ck_assert (unlock_dialog_shown (NULL));
  ck_assert (fw_session_is_locked (fw_window_get_session (window)));
  {
    g_autoptr(GPtrArray) errors = g_ptr_array_new ();
    gboolean shown = FALSE;

    fw_gui_test_collect (GTK_WIDGET (front_window ()), GTK_TYPE_LABEL, errors);
    for (guint i = 0; i < errors->len; i++)
      shown |= gtk_widget_has_css_class (g_ptr_array_index (errors, i), "error")
               && gtk_widget_get_visible (g_ptr_array_index (errors, i));
    ck_assert_msg (shown, "no inline error for an empty reason");
  }
  type ("Late evidence");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (is_locked, GINT_TO_POINTER (FALSE), 2000) >= 0, "still locked");
  ck_assert_int_eq (count_audit ("unlock", NULL), 1);
}
END_TEST

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS) && fw_window_get_session (window) != NULL
         && front_window () == GTK_WINDOW (window);
}

/* The text of a PDF, one string; NULL without pdftotext. */
static char *
pdf_text (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  const char *argv[] = { tool, "-layout", path, "-", NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (tool == NULL)
    return NULL;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "pdftotext: %s", err);
  return out;
}

/* Issue 11 item 6: the export dialog says what is exported, the sub-sample
 * chosen in the ratings panel or the whole sample, and lets the user choose;
 * a sub-sample's PDF says it in words and leaves out what it cannot rate. */
/* pdftotext -bbox places every word: the "NN%" after a bar begin clear of
 * its end (A4, 56 pt margins, a 150 pt column whose bar is 68 pt wide). */
static void
assert_percent_clear_of_bars (const char *pdf)
{
  const double bar_end = 595.276 - 56.0 - 150.0 + 68.0;
  const char *argv[] = { "pdftotext", "-bbox", (char *) pdf, "-", NULL };
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GRegex) re = g_regex_new ("<word xMin=\"([0-9.]+)\"[^>]*>([0-9]+%)</word>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  if (tool == NULL)
    return;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                           &out, NULL, NULL, NULL));
  for (g_regex_match (re, out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *x = g_match_info_fetch (match, 1);
      g_autofree char *word = g_match_info_fetch (match, 2);

      n++;
      ck_assert_msg (g_ascii_strtod (x, NULL) >= bar_end + 3.0, "%s begins at %s pt, on its bar (ends at %.1f pt)",
                     word, x, bar_end);
    }
  ck_assert_msg (n >= 10, "%u percentages in %s", n, pdf);
}

START_TEST (test_export_subsample)
{
  g_autofree char *sub_path = g_build_filename (fw_gui_test_get_root (), "ooc.pdf", NULL);
  g_autofree char *whole_path = g_build_filename (fw_gui_test_get_root (), "all.pdf", NULL);
  g_autofree char *text = NULL;
  FwExportOptionsDialog *dialog;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  /* the panel's sub-sample, chosen by keys */
  choose_subsample ("Kind: Out-of-court disposals");

  /* Ctrl+E asks first: the sub-sample, in words, is what it offers */
  key ("<Control>e");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwExportOptionsDialog", 2000) >= 0, "Ctrl+E did not ask what to export");
  dialog = FW_EXPORT_OPTIONS_DIALOG (front_window ());
  ck_assert_str_eq (fw_export_options_dialog_get_what_text (dialog), "Out-of-court disposals only · 20 cases");
  ck_assert (!fw_export_options_dialog_get_whole_sample (dialog));
  /* the file name is typed over the suggested one; Enter exports */
  key ("<Control>a");
  type (sub_path);
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (file_exists, sub_path, 10000) >= 0, "no %s", sub_path);
  fw_gui_test_run_for (100);
  ck_assert_msg (strstr (fw_window_get_last_message (window) ? fw_window_get_last_message (window) : "", "failed") == NULL,
                 "%s", fw_window_get_last_message (window));
  if ((text = pdf_text (sub_path)) != NULL)
    {
      ck_assert_msg (strstr (text, "Out-of-court disposals only") != NULL, "the PDF does not say which cases");
      ck_assert (strstr (text, "kind = ") == NULL);
      /* the court standards it cannot rate: left out, and said so */
      ck_assert_msg (strstr (text, "2.1.1 ") == NULL, "a court question in the PDF of out-of-court cases");
      ck_assert (strstr (text, "3.1.1 ") != NULL);
      ck_assert (strstr (text, "Left out") != NULL);
    }

  /* again, the whole sample chosen instead */
  key ("<Control>e");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwExportOptionsDialog", 2000) >= 0, "Ctrl+E did not ask");
  dialog = FW_EXPORT_OPTIONS_DIALOG (front_window ());
  /* the keyboard starts in the file name: Shift+Tab twice goes up to Cases,
   * Space opens its list, Home goes to the whole sample, Enter chooses it;
   * Tab twice comes back to the file name */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    GtkWidget *what, *file;

    fw_gui_test_collect (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, rows);
    ck_assert_uint_eq (rows->len, 2);
    what = g_ptr_array_index (rows, 0);
    g_ptr_array_set_size (rows, 0);
    fw_gui_test_collect (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
    ck_assert_uint_eq (rows->len, 1);
    file = g_ptr_array_index (rows, 0);
    ck_assert_msg (focus_within (file), "the dialog does not start in the file name");
    key ("<Shift>Tab");
    key ("<Shift>Tab");
    ck_assert_msg (focus_within (what), "Shift+Tab does not reach Cases");
    choose_by_keys (what, 0);
    ck_assert_str_eq (fw_export_options_dialog_get_what_text (dialog), "Whole sample · 49 cases");
    ck_assert (fw_export_options_dialog_get_whole_sample (dialog));
    key ("Tab");
    key ("Tab");
    ck_assert_msg (focus_within (file), "Tab does not come back to the file name");
  }
  key ("<Control>a");
  type (whole_path);
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (file_exists, whole_path, 10000) >= 0, "no %s", whole_path);
  g_clear_pointer (&text, g_free);
  if ((text = pdf_text (whole_path)) != NULL)
    {
      ck_assert (strstr (text, "only") == NULL || strstr (text, "Sub-sample") == NULL);
      ck_assert (strstr (text, "2.1.1 ") != NULL && strstr (text, "3.1.1 ") != NULL);
    }
  /* the panel's sub-sample is untouched */
  ck_assert_ptr_nonnull (fw_session_get_filter (fw_window_get_session (window)));
}
END_TEST

/* The column titles of the Cases list, in order, joined by "|". */
static char *
case_columns (void)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *columns;

  fw_gui_test_collect (GTK_WIDGET (fw_window_get_case_list (window)), GTK_TYPE_COLUMN_VIEW, views);
  ck_assert_uint_eq (views->len, 1);
  columns = gtk_column_view_get_columns (g_ptr_array_index (views, 0));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_string_append_printf (out, "%s%s", i ? "|" : "", gtk_column_view_column_get_title (column));
    }
  return g_strdup (out->str);
}

/* Whether a label under widget says text (whole, or within its text),
 * among the visible ones or only the mapped ones. */
static gboolean
label_says (GtkWidget *widget, const char *text, gboolean whole, gboolean mapped)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  fw_gui_test_collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *shown = gtk_label_get_text (GTK_LABEL (label));

      if ((whole ? g_strcmp0 (shown, text) == 0 : strstr (shown, text) != NULL)
          && (mapped ? gtk_widget_get_mapped (label) : gtk_widget_get_visible (label)))
        return TRUE;
    }
  return FALSE;
}

/* Whether a visible label under widget has exactly this text. */
static gboolean
shows_label (GtkWidget *widget, const char *text)
{
  return label_says (widget, text, TRUE, FALSE);
}

/* Issue 10 in the window: a made-up framework's own attributes are the
 * list's columns, its filters, the add-case dialog's rows, the sub-samples
 * and the breakdown; its note policy and provisional wording show; an
 * inspection with nothing rated says so. */
START_TEST (test_framework_attributes)
{
  g_autofree char *path = fw_test_data_path ("frameworks/madeup-attributes.xml");
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *columns = NULL, *added = NULL;
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(FwCase) c = NULL;
  const char *inspectors[] = { INSPECTOR, NULL };
  const char *north[] = { "kind", "file", "inspector", INSPECTOR, "region", "north", "priority", "urgent",
                          "team", "Blue team", NULL };
  const char *south[] = { "kind", "file", "region", "south-west", "priority", "routine", "team", "Red", NULL };
  GtkDropDown *region = NULL;
  GtkWidget *team = NULL, *dialog, *row;
  FwSession *session;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  fw = fw_framework_new_from_file (path, &error);
  ck_assert_msg (fw != NULL, "%s", error ? error->message : "");
  id = fw_store_create_inspection (fw_window_get_store (window), fw, "Made-up Service", "2026-11-16", inspectors,
                                   &error);
  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_window_open_inspection (window, id, &error), "%s", error ? error->message : "");
  fw_gui_test_spin ();
  session = fw_window_get_session (window);

  /* an empty inspection: not rated yet, no band, no score */
  ck_assert_str_eq (fw_ratings_panel_get_total_text (ratings ()), "Not rated yet");
  ck_assert (!shows_label (fw_window_get_ratings (window), "Weak"));

  /* the list's columns are the framework's attributes, none of HMIP's */
  columns = case_columns ();
  ck_assert_str_eq (columns, "Reference|Kind|Inspector|Status|Answered|Region|Priority|Team");

  g_free (fw_session_add_case (session, "F-001", north, &error));
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  g_free (fw_session_add_case (session, "F-002", south, &error));
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  fw_gui_test_spin ();
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 2);
  /* a closed value shows its title, in the row's cell */
  ck_assert_msg (fw_gui_test_wait_until (cases_page_shows, "South west", 2000) >= 0, "no cell says South west");

  /* by keys: Tab to the attribute filters' button, Space opens them (their
   * rows are made then) */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *attributes = NULL;

    fw_gui_test_collect (GTK_WIDGET (fw_window_get_case_list (window)), GTK_TYPE_MENU_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_str_has_prefix (gtk_menu_button_get_label (g_ptr_array_index (buttons, i)) ?: "", "Attributes"))
        attributes = g_ptr_array_index (buttons, i);
    ck_assert_msg (attributes != NULL, "no Attributes button");
    tab_to (attributes, "Tab", 30);
    key ("space");
    ck_assert_msg (fw_gui_test_wait_until (fw_gui_test_is_mapped,
                                           gtk_menu_button_get_popover (GTK_MENU_BUTTON (attributes)), 2000) >= 0,
                   "Space did not show the attribute filters");
  }
  /* the filters: a drop-down for each closed attribute, an entry for free text */
  fw_gui_test_collect (GTK_WIDGET (fw_window_get_case_list (window)), GTK_TYPE_DROP_DOWN, dropdowns);
  fw_gui_test_collect (GTK_WIDGET (fw_window_get_case_list (window)), GTK_TYPE_SEARCH_ENTRY, entries);
  /* not the drop-downs' own */
  for (guint i = entries->len; i-- > 0;)
    if (gtk_widget_get_ancestor (g_ptr_array_index (entries, i), GTK_TYPE_DROP_DOWN) != NULL)
      g_ptr_array_remove_index (entries, i);
  for (guint i = 0; i < dropdowns->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (g_ptr_array_index (dropdowns, i));
      g_autoptr(GtkStringObject) second = model && g_list_model_get_n_items (model) > 2
                                        ? g_list_model_get_item (model, 2) : NULL;

      if (second && g_strcmp0 (gtk_string_object_get_string (second), "South west") == 0)
        region = g_ptr_array_index (dropdowns, i);
    }
  ck_assert_msg (region != NULL, "no Region filter");
  ck_assert_uint_eq (entries->len, 2);   /* the reference search and Team */
  team = g_ptr_array_index (entries, 1);
  /* Tab to Region, South west chosen; then All, and Tab to Team, "blue" typed */
  tab_to (GTK_WIDGET (region), "Tab", 5);
  choose_by_keys (GTK_WIDGET (region), 2);
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 1);
  ck_assert_ptr_nonnull (fw_case_list_find (fw_window_get_case_list (window), "F-002"));
  choose_by_keys (GTK_WIDGET (region), 0);
  tab_to (team, "Tab", 10);
  type ("blue");
  fw_gui_test_run_for (400);   /* the search entry waits a moment */
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 1);
  ck_assert_ptr_nonnull (fw_case_list_find (fw_window_get_case_list (window), "F-001"));
  /* the text rubbed out, every case again; Escape in the entry closes the
   * filters */
  key ("<Control>a");
  key ("BackSpace");
  fw_gui_test_run_for (400);
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 2);
  key ("Escape");
  ck_assert_msg (fw_gui_test_wait_until (fw_gui_test_is_unmapped, gtk_widget_get_ancestor (team, GTK_TYPE_POPOVER),
                                         2000) >= 0,
                 "Escape did not close the attribute filters");

  /* the ratings panel's sub-samples and the Review page's breakdown, chosen by keys */
  subsample_position ("Region: South west");
  subsample_position ("Team: Red");
  key ("<Alt>3");
  {
    AdwComboRow *by = review_combo ("Break down by");

    tab_to (GTK_WIDGET (by), "Tab", 80);
    choose_by_keys (GTK_WIDGET (by), fw_gui_test_combo_position (by, "Region"));
  }
  ck_assert_uint_eq (fw_review_page_get_breakdown_columns (FW_REVIEW_PAGE (window->review)), 2);
  key ("<Alt>1");

  /* the add-case dialog, by keys: a drop-down for Region, an entry for Team */
  key ("<Control><Shift>n");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwAddCaseDialog", 2000) >= 0, "Shift+Ctrl+N did not ask for a case");
  dialog = GTK_WIDGET (front_window ());
  ck_assert (ADW_IS_COMBO_ROW (fw_add_case_dialog_get_attribute_row (FW_ADD_CASE_DIALOG (dialog), "region")));
  ck_assert (ADW_IS_COMBO_ROW (fw_add_case_dialog_get_attribute_row (FW_ADD_CASE_DIALOG (dialog), "priority")));
  ck_assert (ADW_IS_ENTRY_ROW (fw_add_case_dialog_get_attribute_row (FW_ADD_CASE_DIALOG (dialog), "team")));
  ck_assert_ptr_null (fw_add_case_dialog_get_attribute_row (FW_ADD_CASE_DIALOG (dialog), "disposal"));
  type ("F-003");
  /* Tab down to Region, its third entry chosen by keys, Tab on to Team */
  row = fw_add_case_dialog_get_attribute_row (FW_ADD_CASE_DIALOG (dialog), "region");
  tab_to (row, "Tab", 10);
  choose_by_keys (row, 2);
  row = fw_add_case_dialog_get_attribute_row (FW_ADD_CASE_DIALOG (dialog), "team");
  tab_to (row, "Tab", 5);
  type ("Green");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (case_open, (gpointer) "F-003", 2000) >= 0, "open: %s", open_reference ());
  c = stored_case ("F-003");
  ck_assert_str_eq (fw_case_get_attr (c, "region"), "south-west");
  ck_assert_str_eq (fw_case_get_attr (c, "team"), "Green");
  ck_assert_ptr_null (fw_case_get_attr (c, "priority"));

  /* the framework's note policy: notes always, but not on D1.2 */
  ck_assert_focus ("D1.1");
  key ("y");
  ck_assert_focus ("D1.1");
  ck_assert_msg (in_note (), "Yes under the policy “always” did not ask for its note");
  type ("Seen on file");
  key ("<Control>Return");
  ck_assert_focus ("D1.2");
  key ("n");
  ck_assert_msg (!in_note (), "No on a question whose note is optional asked for one");
  ck_assert_focus ("O1.1");

  /* provisional wording: a subtle marker with a tooltip */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean marked = FALSE, unmarked = TRUE;

    fw_gui_test_collect (fw_case_editor_get_row (editor (), "O1.1"), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      marked |= gtk_widget_has_css_class (g_ptr_array_index (labels, i), "provisional-marker")
                && gtk_widget_get_visible (g_ptr_array_index (labels, i))
                && gtk_widget_get_tooltip_text (g_ptr_array_index (labels, i)) != NULL;
    g_ptr_array_set_size (labels, 0);
    fw_gui_test_collect (fw_case_editor_get_row (editor (), "D1.1"), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      unmarked &= !(gtk_widget_has_css_class (g_ptr_array_index (labels, i), "provisional-marker")
                    && gtk_widget_get_visible (g_ptr_array_index (labels, i)));
    ck_assert_msg (marked && unmarked, "provisional wording is not marked, or only it");
  }
  /* now something is rated */
  ck_assert_str_ne (fw_ratings_panel_get_total_text (ratings ()), "Not rated yet");
  /* the standard that informs shows its %, and never a rating */
  ck_assert_str_eq (fw_ratings_panel_get_standard_text (ratings (), "O1"), "Not scored");
}
END_TEST

/* Issue 10 item 5: the 2025 total banding says it is provisional, in the
 * panel and in the lock dialog. */
START_TEST (test_provisional_banding)
{
  g_autoptr(GError) error = NULL;
  const char *inspectors[] = { INSPECTOR, NULL };
  GtkWidget *dialog;

  ck_assert_msg (fw_window_create_inspection (window, "hmip-youth-2025", "Test Youth Justice Service", "2026-11-16",
                                              inspectors, &error), "%s", error ? error->message : "");
  fw_gui_test_spin ();
  ck_assert_str_eq (fw_ratings_panel_get_total_text (ratings ()), "Not rated yet");
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean said = FALSE;

    fw_gui_test_collect (fw_window_get_ratings (window), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      said |= gtk_widget_get_visible (g_ptr_array_index (labels, i))
              && strstr (gtk_label_get_text (g_ptr_array_index (labels, i)),
                         "overall banding provisional: not published") != NULL;
    ck_assert_msg (said, "the panel does not say the total banding is provisional");
  }
  dialog = fw_lock_dialog_new (GTK_WINDOW (window), fw_window_get_session (window));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean said = FALSE;

    fw_gui_test_collect (dialog, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      said |= strstr (gtk_label_get_text (g_ptr_array_index (labels, i)),
                      "overall banding provisional: not published") != NULL;
    ck_assert_msg (said, "the lock dialog does not list what is provisional");
  }
  ck_assert (fw_lock_dialog_get_provisional (FW_LOCK_DIALOG (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}
END_TEST

/* The Review page's group of problems of a case (an expander titled with
 * its reference), or NULL. */
static GtkWidget *
problem_group (const char *reference)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  fw_gui_test_collect (window->review, ADW_TYPE_EXPANDER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (!FW_IS_JUDGEMENT_ROW (g_ptr_array_index (rows, i))
        && g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), reference) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The problem rows of a group. */
static void
problem_rows (GtkWidget *group, GPtrArray *out)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  fw_gui_test_collect (group, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    /* not the expander's own header, titled with the reference */
    if (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, i))
        && gtk_widget_get_ancestor (gtk_widget_get_parent (g_ptr_array_index (rows, i)), ADW_TYPE_EXPANDER_ROW) == group
        && g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (group))) != 0)
      g_ptr_array_add (out, g_ptr_array_index (rows, i));
}

/* Whether a widget lies wholly inside the visible part of its scrolled window. */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t p;

  return scroller && gtk_widget_compute_point (widget, scroller, &GRAPHENE_POINT_INIT (0, 0), &p)
         && p.y >= 0 && p.y + gtk_widget_get_height (widget) <= gtk_widget_get_height (scroller);
}

/* How many problems of a kind the core lists for a case. */
static guint
n_problems_of (const char *reference, FwProblemKind kind)
{
  g_autoptr(GPtrArray) problems = fw_review_problems (fw_window_get_store (window),
                                                      fw_session_get_inspection_id (fw_window_get_session (window)),
                                                      NULL);
  guint n = 0;

  for (guint i = 0; problems && i < problems->len; i++)
    {
      FwProblem *p = g_ptr_array_index (problems, i);
      n += g_strcmp0 (p->reference, reference) == 0 && p->kind == kind;
    }
  return n;
}

/* Issue 11 item 7: problems grouped by case, filtered by inspector and
 * kind; Enter on one opens its question in view with the focus; back on
 * the page, the list is where it was. */
START_TEST (test_problems_by_keys)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GtkWidget *group, *target = NULL;
  AdwComboRow *who, *kind;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-002");   /* Inspector B */
  key ("y");
  key ("<Alt>3");
  ck_assert_str_eq (fw_window_get_visible_page (window), "review");

  /* one Inspector B's cases, their unanswered questions only */
  who = review_combo ("Inspector");
  kind = review_combo ("Kind of problem");
  tab_to (GTK_WIDGET (who), "Tab", 40);
  choose_by_keys (GTK_WIDGET (who), fw_gui_test_combo_position (who, "Inspector B"));
  tab_to (GTK_WIDGET (kind), "Tab", 5);
  choose_by_keys (GTK_WIDGET (kind), fw_gui_test_combo_position (kind, "Not answered"));
  ck_assert_uint_eq (adw_combo_row_get_selected (who), fw_gui_test_combo_position (who, "Inspector B"));
  ck_assert_uint_eq (adw_combo_row_get_selected (kind), fw_gui_test_combo_position (kind, "Not answered"));
  fw_gui_test_collect (window->review, ADW_TYPE_EXPANDER_ROW, groups);
  for (guint i = 0; i < groups->len; i++)
    if (!FW_IS_JUDGEMENT_ROW (g_ptr_array_index (groups, i)))
      {
        const char *subtitle = adw_expander_row_get_subtitle (g_ptr_array_index (groups, i));
        ck_assert_msg (g_str_has_prefix (subtitle, "Inspector B · "), "a group of another inspector: %s", subtitle);
      }
  ck_assert_ptr_null (problem_group ("BR-CO-001"));   /* Inspector A's */
  group = problem_group ("BR-CO-002");
  ck_assert_ptr_nonnull (group);
  /* Tab to the case's group, Space opens it */
  tab_to (group, "Tab", 20);
  key ("space");
  ck_assert_msg (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (group)), "Space did not open the case's problems");
  problem_rows (group, rows);
  /* every question the core finds unanswered: not 2.1.1 */
  ck_assert_uint_eq (rows->len, n_problems_of ("BR-CO-002", FW_PROBLEM_UNANSWERED));
  ck_assert_uint_gt (rows->len, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      ck_assert_str_eq (adw_action_row_get_subtitle (g_ptr_array_index (rows, i)), "Not answered");
      if (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "2.4.3") != NULL)
        target = g_ptr_array_index (rows, i);
    }
  ck_assert_ptr_nonnull (target);

  /* Enter on the last question's problem (Down to it): the case, the question in view and in focus */
  tab_to (target, "Down", 40);
  key ("Return");
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  ck_assert_str_eq (open_reference (), "BR-CO-002");
  ck_assert_focus ("2.4.3");
  fw_gui_test_run_for (200);
  ck_assert_msg (in_view (fw_case_editor_get_row (editor (), "2.4.3")), "2.4.3 is not in view");

  /* back: the same problem in focus, its case open, the filters kept */
  key ("<Alt>3");
  ck_assert_str_eq (fw_window_get_visible_page (window), "review");
  fw_gui_test_run_for (100);
  ck_assert_msg (focus_within (target), "the focus is not back on the problem opened");
  ck_assert (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (group)));
  ck_assert_uint_eq (adw_combo_row_get_selected (who), fw_gui_test_combo_position (who, "Inspector B"));
  ck_assert_msg (in_view (target), "the problem opened is not in view");

  /* fixed: back on the page, the focus is on its case, still open */
  key ("Return");
  ck_assert_focus ("2.4.3");
  ck_assert (!in_note ());
  key ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-002", "2.4.3", NULL), FW_ANSWER_YES);
  key ("<Alt>3");
  fw_gui_test_run_for (100);
  group = problem_group ("BR-CO-002");
  ck_assert_ptr_nonnull (group);
  ck_assert (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (group)));
  ck_assert_msg (focus_within (group), "the focus is not on the case of the problem fixed");
  g_ptr_array_set_size (rows, 0);
  problem_rows (group, rows);
  ck_assert_uint_eq (rows->len, n_problems_of ("BR-CO-002", FW_PROBLEM_UNANSWERED));
}
END_TEST

/* Issue 11 item 3: a judgement's rationale is multi-line and shown in full. */
START_TEST (test_rationale_multiline)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) rationales = NULL;
  FwJudgementRow *row = NULL;
  GtkWidget *view;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  key ("<Alt>3");
  fw_gui_test_collect (window->review, FW_TYPE_JUDGEMENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (fw_judgement_row_get_standard_id (g_ptr_array_index (rows, i)), "1.3") == 0)
      row = g_ptr_array_index (rows, i);
  ck_assert_ptr_nonnull (row);
  /* Tab to the standard, Space opens it, Tab on to its rationale */
  tab_to (GTK_WIDGET (row), "Tab", 80);
  key ("space");
  ck_assert_msg (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)), "Space did not open the standard");
  g_ptr_array_set_size (rows, 0);
  fw_gui_test_collect (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW, rows);
  ck_assert_uint_eq (rows->len, 1);
  view = g_ptr_array_index (rows, 0);
  tab_to (view, "Tab", 5);
  type ("Partners attend");
  key ("Return");
  type ("but not always");
  key ("<Control>Return");
  /* kept until a rating is chosen, then saved with it */
  {
    g_autoptr(GPtrArray) combos = g_ptr_array_new ();
    AdwComboRow *band;

    fw_gui_test_collect (GTK_WIDGET (row), ADW_TYPE_COMBO_ROW, combos);
    band = g_ptr_array_index (combos, 0);
    /* by keys, from the rationale: Shift+Tab up to the rating */
    tab_to (GTK_WIDGET (band), "<Shift>Tab", 5);
    choose_by_keys (GTK_WIDGET (band), fw_gui_test_combo_position (band, "Good"));
    ck_assert_uint_eq (adw_combo_row_get_selected (band), fw_gui_test_combo_position (band, "Good"));
  }
  rationales = fw_store_get_rationales (fw_window_get_store (window),
                                       fw_session_get_inspection_id (fw_window_get_session (window)), NULL);
  ck_assert_str_eq (g_hash_table_lookup (rationales, "1.3"), "Partners attend\nbut not always");
  /* shown in full, both lines */
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end, FALSE);
  ck_assert_str_eq (text, "Partners attend\nbut not always");
}
END_TEST

/* Issue 11, item 9: Ctrl+N, a readable framework, the user's name already
 * there, a service typed, Enter; then a status page to add or import cases. */
static gboolean
label_mapped (const char *text)
{
  return label_says (GTK_WIDGET (window), text, TRUE, TRUE);
}

START_TEST (test_new_inspection_by_keys)
{
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_auto(GStrv) inspectors = NULL;
  GtkWindow *dialog;
  GListModel *titles;
  GtkWidget *focus;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  ck_assert_str_eq (fw_window_get_visible_page (window), "welcome");
  key ("<Control>n");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwNewInspectionDialog", 2000) >= 0, "no New Inspection dialog");
  dialog = front_window ();

  /* framework titles with their years, never ids */
  fw_gui_test_collect (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
  ck_assert_uint_eq (combos->len, 1);
  titles = adw_combo_row_get_model (g_ptr_array_index (combos, 0));
  ck_assert_uint_ge (g_list_model_get_n_items (titles), 2);
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    {
      const char *title = gtk_string_list_get_string (GTK_STRING_LIST (titles), i);
      ck_assert_msg (strstr (title, "hmip") == NULL && g_regex_match_simple ("20[0-9][0-9]", title, 0, 0),
                     "framework title without its years: %s", title);
    }
  /* the inspectors start with the user's name */
  inspectors = fw_new_inspection_dialog_dup_inspectors (FW_NEW_INSPECTION_DIALOG (dialog));
  ck_assert_uint_eq (g_strv_length (inspectors), 1);
  ck_assert_str_eq (inspectors[0], INSPECTOR);

  /* the service has the keyboard; Enter creates */
  type ("Keyed YJS");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (service_is, "Keyed YJS", 2000) >= 0, "open: %s", open_service ());
  ck_assert_msg (!gtk_widget_get_visible (GTK_WIDGET (front_window ())) || front_window () == GTK_WINDOW (window),
                 "the dialog stayed");
  ck_assert_str_eq (fw_window_get_visible_page (window), "cases");

  /* no cases: a status page, the keyboard on its Import button */
  ck_assert (label_mapped ("Add or import cases"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  ck_assert_msg (focus && (GTK_IS_BUTTON (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON)),
                 "the focus is not on a button of the status page");
  {
    GtkWidget *button = GTK_IS_BUTTON (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON);
    ck_assert_str_eq (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "win.import-cases");
  }
  /* Ctrl+Shift+N from there adds one, and the list takes the status page's place */
  key ("<Control><Shift>n");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwAddCaseDialog", 2000) >= 0, "no Add Case dialog");
  type ("NEW-001");
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (case_open, (gpointer) "NEW-001", 2000) >= 0, "open: %s", open_reference ());
  key ("<Alt>1");
  ck_assert (!label_mapped ("Add or import cases"));
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window), 1);
}
END_TEST

/* The newest file chooser, as GTK shows it without a portal. */
static GtkWidget *
file_chooser_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);
      if (GTK_IS_FILE_CHOOSER_DIALOG (top) && gtk_widget_get_visible (top))
        return top;
    }
  return NULL;
}

/* The newest line about a question. */
/* The audit trail's search box. */
static GtkWidget *
audit_search (FwAuditDialog *audit)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  fw_gui_test_collect (GTK_WIDGET (audit), GTK_TYPE_SEARCH_ENTRY, entries);
  ck_assert_uint_ge (entries->len, 1);
  return g_ptr_array_index (entries, 0);
}

static FwAuditRow *
newest_answer (FwAuditDialog *audit)
{
  for (guint i = 0; i < fw_audit_dialog_get_n_lines (audit); i++)
    if (*fw_audit_row_get_question (fw_audit_dialog_get_line (audit, i)))
      return fw_audit_dialog_get_line (audit, i);
  ck_abort_msg ("no answer in the audit trail");
  return NULL;
}

/* Issue 11, item 8: the audit trail as a column view, newest first,
 * searched and filtered, saved as CSV, all from the keyboard. */
START_TEST (test_audit_trail_list)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) drops = g_ptr_array_new ();
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *csv_path = g_build_filename (dir, "audit-trail.csv", NULL);
  g_autofree char *csv = NULL;
  FwAuditDialog *audit;
  FwAuditRow *row;
  GtkWidget *chooser;
  guint all;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  key ("Home");
  key ("Return");
  ck_assert_str_eq (open_reference (), "BR-CO-001");
  key ("y");
  key ("n");
  write_note ("No plan on file");
  key ("<Control>Page_Down");
  ck_assert_str_eq (open_reference (), "BR-CO-002");
  key ("y");

  /* from the Cases list, the whole inspection's trail */
  key ("<Alt>1");
  key ("<Control>h");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwAuditDialog", 2000) >= 0, "Ctrl+H showed no audit trail");
  audit = FW_AUDIT_DIALOG (front_window ());
  fw_gui_test_collect (GTK_WIDGET (audit), GTK_TYPE_COLUMN_VIEW, views);
  ck_assert_uint_eq (views->len, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (gtk_column_view_get_columns (g_ptr_array_index (views, 0))), 6);
  all = fw_audit_dialog_get_n_lines (audit);
  ck_assert_uint_ge (all, 3);

  /* newest first: the last answer, in local time, by whom, where, what */
  ck_assert_str_eq (fw_audit_row_get_reference (fw_audit_dialog_get_line (audit, 0)), "BR-CO-002");
  row = newest_answer (audit);
  ck_assert_str_eq (fw_audit_row_get_reference (row), "BR-CO-002");
  ck_assert_str_eq (fw_audit_row_get_question (row), "2.1.1");
  ck_assert_str_eq (fw_audit_row_get_who (row), INSPECTOR);
  /* the answer as people read it, not its id */
  ck_assert_msg (g_str_has_suffix (fw_audit_row_get_change (row), "→ Yes"),
                 "change: %s", fw_audit_row_get_change (row));
  ck_assert_msg (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
                                       fw_audit_row_get_time (row), 0, 0), "time: %s", fw_audit_row_get_time (row));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d %H");
    ck_assert_msg (g_str_has_prefix (fw_audit_row_get_time (row), today), "not local time: %s, now %s",
                   fw_audit_row_get_time (row), today);
  }

  /* the search box has the keyboard: typing finds the note */
  type ("no plan");
  fw_gui_test_run_for (400);   /* a search entry waits a moment after the last key */
  ck_assert_uint_eq (fw_audit_dialog_get_n_lines (audit), 1);
  row = fw_audit_dialog_get_line (audit, 0);
  ck_assert_str_eq (fw_audit_row_get_reference (row), "BR-CO-001");
  ck_assert_str_eq (fw_audit_row_get_question (row), "2.1.2");
  ck_assert_str_eq (fw_audit_row_get_note (row), "No plan on file");
  /* Escape in the search rubs it out, and the trail stays */
  key ("Escape");
  fw_gui_test_run_for (400);
  ck_assert_uint_eq (fw_audit_dialog_get_n_lines (audit), all);
  ck_assert (front_window () == GTK_WINDOW (audit));

  /* by case, by who: Tab from the search box to the case's drop-down, Space
   * opens it, the arrows go to the case, Enter chooses it */
  fw_gui_test_collect (GTK_WIDGET (audit), GTK_TYPE_DROP_DOWN, drops);
  ck_assert_uint_eq (drops->len, 2);
  {
    GtkWidget *by_case = g_ptr_array_index (drops, 0);
    GtkWidget *by_who = g_ptr_array_index (drops, 1);
    GListModel *refs = gtk_drop_down_get_model (GTK_DROP_DOWN (by_case));
    GListModel *who = gtk_drop_down_get_model (GTK_DROP_DOWN (by_who));
    guint pos = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (refs); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (refs), i), "BR-CO-001") == 0)
        pos = i;
    ck_assert_uint_ne (pos, GTK_INVALID_LIST_POSITION);
    key ("Tab");
    ck_assert_msg (focus_within (by_case), "Tab from the search box does not reach the case filter");
    choose_by_keys (by_case, pos);
    ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (by_case)), pos);
    ck_assert_uint_ge (fw_audit_dialog_get_n_lines (audit), 2);
    ck_assert_uint_lt (fw_audit_dialog_get_n_lines (audit), all);
    for (guint i = 0; i < fw_audit_dialog_get_n_lines (audit); i++)
      ck_assert_str_eq (fw_audit_row_get_reference (fw_audit_dialog_get_line (audit, i)), "BR-CO-001");
    ck_assert_str_eq (fw_audit_row_get_question (newest_answer (audit)), "2.1.2");
    /* back to all cases, then Tab to who */
    ck_assert (focus_within (by_case));
    choose_by_keys (by_case, 0);
    ck_assert_uint_eq (fw_audit_dialog_get_n_lines (audit), all);
    ck_assert_str_eq (gtk_string_list_get_string (GTK_STRING_LIST (who), 0), "Everyone");
    pos = GTK_INVALID_LIST_POSITION;
    for (guint i = 0; i < g_list_model_get_n_items (who); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (who), i), INSPECTOR) == 0)
        pos = i;
    ck_assert_uint_ne (pos, GTK_INVALID_LIST_POSITION);
    key ("Tab");
    ck_assert_msg (focus_within (by_who), "Tab from the case filter does not reach the who filter");
    choose_by_keys (by_who, pos);
    ck_assert_uint_ge (fw_audit_dialog_get_n_lines (audit), 3);
    for (guint i = 0; i < fw_audit_dialog_get_n_lines (audit); i++)
      ck_assert_str_eq (fw_audit_row_get_who (fw_audit_dialog_get_line (audit, i)), INSPECTOR);
  }

  /* Ctrl+S saves what is shown as CSV: the path typed in the file chooser */
  key ("<Control>s");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "GtkFileChooserDialog", 3000) >= 0, "Ctrl+S asked for no file");
  chooser = file_chooser_dialog ();
  ck_assert_msg (chooser != NULL, "Ctrl+S asked for no file");
  key ("<Control>a");
  type (csv_path);
  key ("Return");
  fw_gui_test_wait_until (file_exists, csv_path, 3000);
  ck_assert_msg (g_file_get_contents (csv_path, &csv, NULL, NULL), "no %s", csv_path);
  ck_assert_msg (strstr (csv, "time,who,case,question,change,note") != NULL, "header: %.60s", csv);
  ck_assert_msg (strstr (csv, "No plan on file") != NULL, "the note is not in the CSV");
  ck_assert_msg (strstr (csv, "BR-CO-002") < strstr (csv, "BR-CO-001"), "the CSV is not newest first");

  /* back in the empty search, Escape closes the trail */
  fw_gui_test_tab_to (GTK_WINDOW (window), audit_search (audit), "<Shift>Tab", 10);
  key ("Escape");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0,
                 "Escape in the empty search did not close the audit trail");
  fw_test_rmdir (dir);
}
END_TEST

/* An action row of the window with this title, shown now, or NULL. */
static GtkWidget *
mapped_row (const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  fw_gui_test_collect (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0
        && gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* Issue 10: an existing case's details (the framework's attributes) are
 * changed from the window, by keys: Alt+Return on the open case, a free-text
 * attribute typed, a closed one chosen from its drop-down; saved, audited,
 * and shown in the case's header at once. Escape changes nothing; a locked
 * inspection offers nothing. */
static gboolean
subtitle_has (gpointer text)
{
  return label_says (GTK_WIDGET (editor ()), text, FALSE, TRUE);
}

START_TEST (test_case_details)
{
  g_autoptr(FwCase) before = NULL;
  g_autoptr(FwCase) after = NULL;
  g_autoptr(FwCase) unchanged = NULL;
  g_autoptr(GError) error = NULL;
  FwAddCaseDialog *dialog;
  GtkWidget *rosh, *disposal;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  before = stored_case ("BR-CO-002");
  ck_assert_str_ne (fw_case_get_attr (before, "disposal"), "referral order");
  ck_assert_str_ne (fw_case_get_attr (before, "rosh"), "low");
  open_case ("BR-CO-002");

  key ("<Alt>Return");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwAddCaseDialog", 2000) >= 0, "Alt+Return did not show the case's details");
  dialog = FW_ADD_CASE_DIALOG (front_window ());
  ck_assert_str_eq (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Case Details");
  ck_assert_msg (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "BR-CO-002") != NULL,
                 "the dialog does not say which case");
  disposal = fw_add_case_dialog_get_attribute_row (dialog, "disposal");
  rosh = fw_add_case_dialog_get_attribute_row (dialog, "rosh");
  /* filled in with what the case has */
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (disposal)), fw_case_get_attr (before, "disposal"));
  ck_assert_uint_gt (adw_combo_row_get_selected (ADW_COMBO_ROW (rosh)), 0);

  /* the focus starts on the first detail, the disposal: typed over */
  key ("<Control>a");
  type ("referral order");
  /* the risk of serious harm from its drop-down (Space opens it): Low is the
   * first value */
  tab_to (rosh, "Tab", 10);
  choose_by_keys (rosh, 1);
  ck_assert_uint_eq (adw_combo_row_get_selected (ADW_COMBO_ROW (rosh)), 1);
  /* Save is the default: Enter in the disposal, Shift+Tab back to it */
  tab_to (disposal, "<Shift>Tab", 10);
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0, "the dialog stayed");

  after = stored_case ("BR-CO-002");
  ck_assert_str_eq (fw_case_get_attr (after, "disposal"), "referral order");
  ck_assert_str_eq (fw_case_get_attr (after, "rosh"), "low");
  ck_assert_str_eq (fw_case_get_attr (after, "gender"), fw_case_get_attr (before, "gender"));
  ck_assert_int_eq (count_audit ("attribute", "disposal"), 1);
  ck_assert_int_eq (count_audit ("attribute", "rosh"), 1);
  ck_assert_int_eq (count_audit ("attribute", NULL), 2);
  ck_assert_msg (fw_gui_test_wait_until (subtitle_has, "referral order", 1000) >= 0, "the header does not show the new disposal");

  /* Escape: nothing changes */
  key ("<Alt>Return");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwAddCaseDialog", 2000) >= 0, "no details the second time");
  key ("<Control>a");
  type ("youth caution");
  key ("Escape");
  ck_assert_msg (fw_gui_test_wait_until (front_is_window, NULL, 2000) >= 0, "Escape left the dialog");
  unchanged = stored_case ("BR-CO-002");
  ck_assert_str_eq (fw_case_get_attr (unchanged, "disposal"), "referral order");
  ck_assert_int_eq (count_audit ("attribute", NULL), 2);

  /* locked: nothing to change */
  ck_assert (fw_session_set_locked (fw_window_get_session (window), TRUE, NULL, &error));
  fw_gui_test_spin ();
  key ("<Alt>Return");
  fw_gui_test_run_for (300);
  ck_assert_msg (front_is_window (NULL), "a locked inspection offers to change a case's details");
}
END_TEST

/* F6 moves between the page and the ratings, and back to where the focus
 * was (the question on the Case page); hidden ratings are shown for it. */
START_TEST (test_f6_panes)
{
  GtkWidget *panel = fw_window_get_ratings (window);

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  open_case ("BR-CO-001");
  key ("y");
  ck_assert_focus ("2.1.2");
  key ("F6");
  ck_assert_msg (fw_gui_test_focus_within (panel), "F6 did not reach the ratings");
  key ("F6");
  ck_assert_focus ("2.1.2");
  /* and the keys answer there again */
  key ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.2", NULL), FW_ANSWER_YES);

  /* hidden ratings are shown to take the focus */
  key ("F9");
  fw_gui_test_run_for (300);
  key ("F6");
  fw_gui_test_run_for (300);
  ck_assert_msg (fw_gui_test_focus_within (panel), "F6 did not show and reach the hidden ratings");
  key ("F6");
  ck_assert_msg (!fw_gui_test_focus_within (panel), "F6 stayed in the ratings");
}
END_TEST

/* Issue 11, item 15: a setting marks the installation as an inspector's;
 * the lead's actions go, and come back when it is unset. */
START_TEST (test_inspector_installation)
{
  GSettings *settings = fw_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  FwSession *session;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  key ("<Alt>3");
  ck_assert_str_eq (fw_window_get_visible_page (window), "review");
  ck_assert_msg (mapped_row ("Locked") != NULL, "the lead sees no Lock");
  ck_assert (!gtk_widget_get_visible (FW_WINDOW (window)->role_label));

  g_settings_set_boolean (settings, "inspector-installation", TRUE);
  fw_gui_test_spin ();
  ck_assert_msg (mapped_row ("Locked") == NULL, "an inspector's installation offers Lock");
  ck_assert (gtk_widget_get_visible (FW_WINDOW (window)->role_label));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (FW_WINDOW (window)->role_label)), "Inspector: " INSPECTOR);
  /* the keys still answer */
  key ("<Alt>1");
  key ("Home");
  key ("Return");
  key ("y");
  ck_assert_int_eq (stored_answer ("BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);
  /* and the store refuses what the window hides */
  session = fw_window_get_session (window);
  ck_assert (!fw_session_set_locked (session, TRUE, NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* a restart keeps it */
  fw_gui_test_destroy_toplevels ();
  window = open_window ();
  key ("<Alt>3");
  ck_assert_msg (mapped_row ("Locked") == NULL, "after a restart, an inspector's installation offers Lock");

  g_settings_set_boolean (settings, "inspector-installation", FALSE);
  fw_gui_test_spin ();
  ck_assert_msg (mapped_row ("Locked") != NULL, "the lead's Lock did not come back");
}
END_TEST

/* Issue 11, item 11: every standard's name in the ratings panel is shown
 * whole (wrapped, never cut) and has a tooltip. */
START_TEST (test_long_standard_names)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  create_brent ();
  if (!gtk_widget_get_mapped (GTK_WIDGET (ratings ())))
    key ("F9");
  fw_gui_test_run_for (200);
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (ratings ())));
  fw_gui_test_collect (GTK_WIDGET (ratings ()), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_has_css_class (GTK_WIDGET (label), "standard-title"))
        continue;
      n++;
      ck_assert_msg (gtk_label_get_wrap (label), "%s does not wrap", gtk_label_get_text (label));
      ck_assert_msg (!pango_layout_is_ellipsized (gtk_label_get_layout (label)), "%s is cut",
                     gtk_label_get_text (label));
      ck_assert_str_eq (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), gtk_label_get_text (label));
      ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (label)), gtk_widget_get_width (GTK_WIDGET (ratings ())));
    }
  ck_assert_uint_ge (n, 5);
}
END_TEST

static gboolean
has_session (gpointer data)
{
  return fw_window_get_session (window) != NULL;
}

/* Issue 11, item 14: the demo inspection's PDF, exported by Ctrl+E; every
 * percentage stands clear of its bar. */
START_TEST (test_pdf_percent_clear)
{
  g_autofree char *path = g_build_filename (fw_gui_test_get_root (), "demo.pdf", NULL);

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  ck_assert_msg (fw_gui_test_wait_until (has_session, NULL, 10000) >= 0, "the demo did not open");
  fw_gui_test_spin ();
  key ("<Control>e");
  ck_assert_msg (fw_gui_test_wait_until (front_is, "FwExportOptionsDialog", 2000) >= 0, "Ctrl+E did not ask what to export");
  key ("<Control>a");
  type (path);
  key ("Return");
  ck_assert_msg (fw_gui_test_wait_until (file_exists, path, 10000) >= 0, "no %s", path);
  fw_gui_test_run_for (200);
  assert_percent_clear_of_bars (path);
}
END_TEST

/* ---------------------------------------------------------------- small screens */

/* Every label shown in the header bar shows all of its text: none ends in an
 * ellipsis, none is given less width than its text needs (a wrapped one is
 * checked by its layout). The header's text, joined, is returned. */
static char *
assert_header_uncut (int width)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *shown = g_string_new (NULL);

  fw_gui_test_collect (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, bars);
  ck_assert_uint_ge (bars->len, 1);
  fw_gui_test_collect (g_ptr_array_index (bars, 0), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      int natural = 0;

      if (!gtk_widget_get_mapped (label) || *text == '\0')
        continue;
      g_string_append_printf (shown, "%s\n", text);
      ck_assert_msg (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))),
                     "at %d px “%s” in the header is ellipsized", width, text);
      if (gtk_label_get_wrap (GTK_LABEL (label)))
        continue;
      /* the text's own width, against the width it is given inside its padding */
      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (label)), &natural, NULL);
      ck_assert_msg (natural <= gtk_widget_get_width (label), "at %d px “%s” in the header needs %d px, has %d",
                     width, text, natural, gtk_widget_get_width (label));
    }
  return g_string_free (shown, FALSE);
}

/* Issue 11, item 10: at 1024×600 and at 800×600 nothing in the header is cut;
 * the subtitle gives way (the framework's title, then its short form), the
 * button's tooltip and the switcher's list say it in full. */
START_TEST (test_header_small_screens)
{
  g_autofree char *wide = NULL;
  g_autofree char *at_1024 = NULL;
  g_autofree char *at_800 = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *font = NULL;
  const char *framework = "Inspection of youth offending services (2018 standards)";
  FwInspectionInfo *info;
  GtkWidget *switcher;
  GtkWidget *button;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  /* GNOME's interface font, as a GNOME session sets it */
  g_object_get (gtk_settings_get_default (), "gtk-font-name", &font, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  ck_assert_msg (fw_gui_test_wait_until (has_session, NULL, 10000) >= 0, "the demo did not open");
  info = fw_session_get_info (fw_window_get_session (window));
  key ("<Alt>1");

  fw_gui_test_resize (GTK_WINDOW (window), 1280, 800);
  wide = assert_header_uncut (1280);
  ck_assert_msg (strstr (wide, framework) != NULL, "at 1280 px the header shows\n%s", wide);

  fw_gui_test_resize (GTK_WINDOW (window), 1024, 600);
  at_1024 = assert_header_uncut (1024);
  ck_assert_msg (strstr (at_1024, "Demo Youth Justice Service\n") != NULL, "at 1024 px the header shows\n%s", at_1024);
  ck_assert_msg (strstr (at_1024, info->start_date) != NULL, "at 1024 px the header shows\n%s", at_1024);

  fw_gui_test_resize (GTK_WINDOW (window), 800, 600);
  at_800 = assert_header_uncut (800);
  /* the service's name, on one line or two */
  g_strdelimit (at_800, "\n", ' ');
  ck_assert_msg (strstr (at_800, "Demo Youth Justice Service") != NULL, "at 800 px the header shows %s", at_800);

  /* the whole of it in the switcher's tooltip */
  switcher = GTK_WIDGET (fw_window_get_inspection_switcher (window));
  button = gtk_widget_get_first_child (switcher);
  ck_assert (GTK_IS_MENU_BUTTON (button));
  tooltip = g_strdup (gtk_widget_get_tooltip_text (button));
  ck_assert_msg (tooltip && strstr (tooltip, framework) && strstr (tooltip, info->start_date)
                 && strstr (tooltip, "Demo Youth Justice Service"), "the tooltip says %s", tooltip);
  g_object_set (gtk_settings_get_default (), "gtk-font-name", font, NULL);
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("gui");
  TCase *tc = tcase_create ("window");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_first_start);
  tcase_add_test (tc, test_open_demo);
  tcase_add_test (tc, test_create_and_import);
  tcase_add_test (tc, test_answer_actions);
  tcase_add_test (tc, test_refused_answer);
  tcase_add_test (tc, test_undo);
  tcase_add_test (tc, test_complete_case);
  tcase_add_test (tc, test_navigation);
  tcase_add_test (tc, test_subsample);
  tcase_add_test (tc, test_search);
  tcase_add_test (tc, test_shortcuts);
  tcase_add_test (tc, test_shortcuts_window);
  tcase_add_test (tc, test_note_after_no_goes_on);
  tcase_add_test (tc, test_accessible);
  tcase_add_test (tc, test_reopen_last);
  tcase_add_test (tc, test_cli_changes_show);
  tcase_add_test (tc, test_enter_opens_case);
  tcase_add_test (tc, test_case_page_focus);
  tcase_add_test (tc, test_switch_inspections);
  tcase_add_test (tc, test_large_inspection_counted);
  tcase_add_test (tc, test_add_case_dialog);
  tcase_add_test (tc, test_lock_banner);
  tcase_add_test (tc, test_notes_by_keys);
  tcase_add_test (tc, test_mark_complete_lists_gaps);
  tcase_add_test (tc, test_lock_confirms);
  tcase_add_test (tc, test_export_subsample);
  tcase_add_test (tc, test_framework_attributes);
  tcase_add_test (tc, test_provisional_banding);
  tcase_add_test (tc, test_problems_by_keys);
  tcase_add_test (tc, test_rationale_multiline);
  tcase_add_test (tc, test_new_inspection_by_keys);
  tcase_add_test (tc, test_audit_trail_list);
  tcase_add_test (tc, test_inspector_installation);
  tcase_add_test (tc, test_case_details);
  tcase_add_test (tc, test_f6_panes);
  tcase_add_test (tc, test_long_standard_names);
  tcase_add_test (tc, test_pdf_percent_clear);
  tcase_add_test (tc, test_header_small_screens);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status;

  if ((status = fw_gui_test_init ("fieldwork-gui-test")) >= 0)
    return status;
  return fw_gui_test_run (window_suite ());
}
