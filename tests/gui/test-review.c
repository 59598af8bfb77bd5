/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Case states and judgements in the real window, driven as a user drives
 * it (the window's keys, the widgets' own controls), checked against what
 * the widgets show and what another reader of the database file sees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "fw-application.h"
#include "fw-case-editor.h"
#include "fw-judgement-row.h"
#include "fw-question-row.h"
#include "fw-ratings-panel.h"
#include "fw-review-page.h"
#include "fw-window.h"
#include "fw-gui-test-util.h"
#include "fw-test-util.h"

/* The fixture: a demo inspection in a database file of its own, whose case
 * DEMO-C-01 was quality-assured before the window opened it. */
static FwGuiTestDemo *demo;
static FwWindow *window;

/* ---------------------------------------------------------------- helpers */

/* Quality-assures DEMO-C-01 as a lead would, in another connection. */
static void
quality_assure_demo_c_01 (FwStore *store, const char *inspection_id, gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCase) c = NULL;

  c = fw_store_find_case (store, inspection_id, "DEMO-C-01", &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_store_move_case (store, c->id, FW_CASE_COMPLETE, NULL, &error), "%s", error ? error->message : "");
  ck_assert_msg (fw_store_move_case (store, c->id, FW_CASE_QUALITY_ASSURED, NULL, &error),
                 "%s", error ? error->message : "");
}

static void
setup (void)
{
  demo = fw_gui_test_demo_open ("Lead Inspector", 0, 0, quality_assure_demo_c_01, NULL);
  window = demo->window;
}

static void
teardown (void)
{
  g_clear_pointer (&demo, fw_gui_test_demo_close);
  window = NULL;
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

static GtkWidget *
find_one (GtkWidget *root, GType type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  fw_gui_test_collect (root, type, found);
  ck_assert_msg (found->len >= 1, "no %s under %s", g_type_name (type), G_OBJECT_TYPE_NAME (root));
  return g_ptr_array_index (found, 0);
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

static gboolean
is_editable (gpointer data)
{
  return fw_case_editor_get_editable (editor ());
}

/* Waits up to 2 s for the case editor to take answers. */
static void
wait_until_editable (void)
{
  fw_gui_test_wait_until (is_editable, NULL, 2000);
  fw_gui_test_spin ();
}

/* The Yes / No / N/A buttons of a question row. */
static void
collect_answer_buttons (GtkWidget *row, GPtrArray *out)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  fw_gui_test_collect (row, GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    {
      GtkWidget *t = g_ptr_array_index (toggles, i);

      if (gtk_widget_has_css_class (t, "answer-yes") || gtk_widget_has_css_class (t, "answer-no")
          || gtk_widget_has_css_class (t, "answer-na"))
        g_ptr_array_add (out, t);
    }
}

/* The button bound to an action, under a widget. */
static GtkWidget *
find_action_button (GtkWidget *root, const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  fw_gui_test_collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  ck_abort_msg ("no button for %s", action);
  return NULL;
}

/* The editor's banner: its text when it is shown, else NULL. */
static const char *
banner_text (void)
{
  GtkWidget *revealer = find_one (GTK_WIDGET (editor ()), GTK_TYPE_REVEALER);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (find_one (revealer, GTK_TYPE_LABEL)));
}

/* One value read from the database file as another program would. */
static char *
query (const char *sql, const char *param)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (demo->db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  if (param)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every answer of a case, and the length of the audit trail. */
static char *
case_snapshot (const char *reference)
{
  g_autofree char *answers = query ("SELECT group_concat(a.item || '=' || a.value || ':' || coalesce (a.note, ''), ';')"
                                    " FROM answer a JOIN kase k ON k.id = a.case_id WHERE k.reference = ?1", reference);
  g_autofree char *status = query ("SELECT status FROM kase WHERE reference = ?1", reference);
  g_autofree char *audit = query ("SELECT count(*) FROM audit", NULL);

  return g_strdup_printf ("%s | %s | %s", status, answers, audit);
}

/* Presses keys such as "Return", "<Alt>o" or "n" as a user does, on the
 * window or the dialog in front of it. */
static void
key (const char *accelerator)
{
  fw_gui_test_key (GTK_WINDOW (window), accelerator);
}

static FwJudgementRow *
judgement_row (const char *standard_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  fw_gui_test_collect (GTK_WIDGET (window), FW_TYPE_JUDGEMENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (fw_judgement_row_get_standard_id (g_ptr_array_index (rows, i)), standard_id) == 0)
      return g_ptr_array_index (rows, i);
  ck_abort_msg ("no judgement row for %s", standard_id);
  return NULL;
}

/* ---------------------------------------------------------------- tests */

START_TEST (test_judging_updates_header_and_panel)
{
  FwJudgementRow *row;
  AdwComboRow *combo;
  g_autofree char *stored = NULL;

  activate ("win.show-page", "review");
  row = judgement_row ("1.3");
  ck_assert_str_eq (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Not judged yet");
  ck_assert_str_eq (fw_ratings_panel_get_standard_text (ratings (), "1.3"), "To judge");

  /* the inspector opens the standard and picks its rating */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  combo = ADW_COMBO_ROW (find_one (GTK_WIDGET (row), ADW_TYPE_COMBO_ROW));
  ck_assert (gtk_widget_is_sensitive (GTK_WIDGET (combo)));
  adw_combo_row_set_selected (combo, fw_gui_test_combo_position (combo, "Good"));

  /* at once: no page rebuilt, no main loop turned */
  ck_assert_str_eq (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Good");
  ck_assert_str_eq (fw_ratings_panel_get_standard_text (ratings (), "1.3"), "Good");
  stored = query ("SELECT band FROM judgement WHERE standard = ?1", "1.3");
  ck_assert_str_eq (stored, "good");

  /* and the same row is still the one on the page after the loop turns */
  fw_gui_test_spin ();
  ck_assert_ptr_eq (judgement_row ("1.3"), row);
  ck_assert_str_eq (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Good");

  /* back to not judged */
  adw_combo_row_set_selected (combo, 0);
  ck_assert_str_eq (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Not judged yet");
  ck_assert_str_eq (fw_ratings_panel_get_standard_text (ratings (), "1.3"), "To judge");
}
END_TEST

static gboolean
is_expanded (gpointer row)
{
  return adw_expander_row_get_expanded (row);
}

static gboolean
is_review_page (gpointer data)
{
  return g_strcmp0 (fw_window_get_visible_page (window), "review") == 0;
}

/* The same choice by keys: Alt+3 for the Review page, Tab to the standard,
 * Space opens it, Tab to its rating, Space, Down to Good, Enter. */
START_TEST (test_judging_by_keys)
{
  FwJudgementRow *row;
  AdwComboRow *combo;
  g_autofree char *stored = NULL;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  key ("<Alt>3");
  ck_assert_msg (fw_gui_test_wait_until (is_review_page, NULL, 2000) >= 0, "Alt+3 did not show the Review page");
  row = judgement_row ("1.3");
  combo = ADW_COMBO_ROW (find_one (GTK_WIDGET (row), ADW_TYPE_COMBO_ROW));
  fw_gui_test_tab_to (GTK_WINDOW (window), GTK_WIDGET (row), "Tab", 80);
  key ("space");
  ck_assert_msg (fw_gui_test_wait_until (is_expanded, row, 2000) >= 0, "Space did not open the standard");
  fw_gui_test_tab_to (GTK_WINDOW (window), GTK_WIDGET (combo), "Tab", 5);
  fw_gui_test_choose_by_keys (GTK_WINDOW (window), GTK_WIDGET (combo), fw_gui_test_combo_position (combo, "Good"));

  ck_assert_str_eq (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Good");
  ck_assert_str_eq (fw_ratings_panel_get_standard_text (ratings (), "1.3"), "Good");
  stored = query ("SELECT band FROM judgement WHERE standard = ?1", "1.3");
  ck_assert_str_eq (stored, "good");
  /* the focus stays on the rating, for the rationale next */
  ck_assert (fw_gui_test_focus_within (GTK_WIDGET (combo)));
}
END_TEST

START_TEST (test_no_on_quality_assured_case)
{
  g_autofree char *before = NULL, *after = NULL;
  const char *item, *message, *banner;
  FwQuestionRow *row;
  FwAnswer answer;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  ck_assert (fw_window_open_case (window, "DEMO-C-01"));
  fw_gui_test_spin ();
  ck_assert_str_eq (fw_window_get_visible_page (window), "case");
  item = fw_case_editor_get_focused_item (editor ());
  ck_assert_msg (item != NULL, "no question has the focus");
  row = FW_QUESTION_ROW (fw_case_editor_get_row (editor (), item));
  answer = fw_question_row_get_answer (row);
  ck_assert_int_ne (answer, FW_ANSWER_NO);

  /* read-only, and the banner says why */
  ck_assert (!fw_case_editor_get_editable (editor ()));
  banner = banner_text ();
  ck_assert_msg (banner && strstr (banner, "Quality-assured") && strstr (banner, "reopen"),
                 "banner: %s", banner ? banner : "(hidden)");
  ck_assert (gtk_widget_get_visible (find_action_button (GTK_WIDGET (editor ()), "editor.reopen")));
  collect_answer_buttons (GTK_WIDGET (row), toggles);
  ck_assert_uint_eq (toggles->len, 3);
  for (guint i = 0; i < toggles->len; i++)
    ck_assert (!gtk_widget_is_sensitive (g_ptr_array_index (toggles, i)));
  ck_assert (!gtk_widget_is_sensitive (find_one (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW)));

  before = case_snapshot ("DEMO-C-01");
  key ("n");
  after = case_snapshot ("DEMO-C-01");

  /* nothing changed: not the database, not the row; the focus stays */
  ck_assert_str_eq (after, before);
  ck_assert_msg (g_str_has_prefix (after, "quality-assured |"), "%s", after);
  ck_assert_int_eq (fw_question_row_get_answer (row), answer);
  ck_assert_str_eq (fw_case_editor_get_focused_item (editor ()), item);
  /* and the window says why */
  message = fw_window_get_last_message (window);
  ck_assert_msg (message && strstr (message, "reopen"), "message: %s", message ? message : "(none)");
  ck_assert_ptr_nonnull (banner_text ());
}
END_TEST

START_TEST (test_reopen_from_banner)
{
  g_autofree char *audits = NULL, *status = NULL, *stored = NULL;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  const char *item;
  GtkWidget *reopen;
  FwQuestionRow *row;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  ck_assert (fw_window_open_case (window, "DEMO-C-01"));
  fw_gui_test_spin ();
  audits = query ("SELECT count(*) FROM audit WHERE action = 'status' AND old_value = 'quality-assured'"
                  " AND new_value = 'in-progress'", NULL);
  ck_assert_str_eq (audits, "0");

  reopen = find_action_button (GTK_WIDGET (editor ()), "editor.reopen");
  ck_assert (gtk_widget_is_sensitive (reopen));
  /* Alt+O, the button's mnemonic (Return… has R) */
  key ("<Alt>o");
  wait_until_editable ();
  ck_assert_msg (fw_window_get_last_message (window) == NULL, "refused: %s", fw_window_get_last_message (window));

  /* the case is open again: buttons sensitive, banner gone, the move audited */
  ck_assert (fw_case_editor_get_editable (editor ()));
  ck_assert_ptr_null (banner_text ());
  status = query ("SELECT status FROM kase WHERE reference = ?1", "DEMO-C-01");
  ck_assert_str_eq (status, "in-progress");
  g_free (audits);
  audits = query ("SELECT count(*) FROM audit WHERE action = 'status' AND old_value = 'quality-assured'"
                  " AND new_value = 'in-progress' AND who = 'Lead Inspector'", NULL);
  ck_assert_str_eq (audits, "1");

  item = fw_case_editor_get_focused_item (editor ());
  ck_assert_msg (item != NULL, "no question has the focus after reopening");
  row = FW_QUESTION_ROW (fw_case_editor_get_row (editor (), item));
  collect_answer_buttons (GTK_WIDGET (row), toggles);
  for (guint i = 0; i < toggles->len; i++)
    ck_assert (gtk_widget_is_sensitive (g_ptr_array_index (toggles, i)));
  ck_assert (gtk_widget_is_sensitive (find_one (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW)));

  /* and N now answers */
  {
    g_autofree char *id = g_strdup (item);

    key ("n");
    stored = query ("SELECT a.value FROM answer a JOIN kase k ON k.id = a.case_id"
                    " WHERE k.reference = 'DEMO-C-01' AND a.item = ?1", id);
    ck_assert_str_eq (stored, "no");
    ck_assert_int_eq (fw_question_row_get_answer (FW_QUESTION_ROW (fw_case_editor_get_row (editor (), id))),
                      FW_ANSWER_NO);
  }
}
END_TEST

static Suite *
review_suite (void)
{
  Suite *s = suite_create ("gui");
  TCase *tc = tcase_create ("review");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_judging_updates_header_and_panel);
  tcase_add_test (tc, test_judging_by_keys);
  tcase_add_test (tc, test_no_on_quality_assured_case);
  tcase_add_test (tc, test_reopen_from_banner);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status;

  if ((status = fw_gui_test_init ("fieldwork-gui-review")) >= 0)
    return status;
  return fw_gui_test_run (review_suite ());
}
