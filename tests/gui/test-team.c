/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Team fieldwork in the real window, driven as a user drives it (keys in
 * the window and its dialogs; the files are given to the window's actions,
 * as the file chooser would): the lead allocates two cases and prepares the
 * laptops, a laptop window opens its package, answers and sends its work,
 * and the lead's window merges it: the answers appear without a reload, a
 * conflict waits on the Conflicts dialog until Keep Inspector resolves it,
 * and a wrong passphrase changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "fw-allocate-dialog.h"
#include "fw-application.h"
#include "fw-case-editor.h"
#include "fw-conflicts-dialog.h"
#include "fw-passphrase-dialog.h"
#include "fw-job-dialog.h"
#include "fw-window.h"
#include "fw-window-private.h"
#include "fw-gui-test-util.h"
#include "fw-test-util.h"

#define LEAD       "Lead Inspector"
#define INSPECTOR  "Demo Inspector Two"
#define PASSPHRASE "horse staple"

/* The fixture: the demo inspection in the lead's database file, open in the
 * lead's window. */
static FwGuiTestDemo *demo;
static FwWindow *lead;

/* ---------------------------------------------------------------- helpers */

/* Runs the main loop until cond holds, for up to 20 s. */
static gboolean
wait_for (FwGuiTestCondition cond, gpointer data)
{
  fw_gui_test_wait_until (cond, data, 20000);
  fw_gui_test_spin ();
  return cond (data);
}

/* The visible toplevel of a type, transient for parent; NULL if none. */
static GtkWidget *
find_dialog (GType type, FwWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (top, type) && gtk_widget_get_visible (GTK_WIDGET (top))
          && (parent == NULL || gtk_window_get_transient_for (top) == GTK_WINDOW (parent)))
        return GTK_WIDGET (top);
    }
  return NULL;
}

static gboolean
no_progress (gpointer data)
{
  return find_dialog (FW_TYPE_JOB_DIALOG, NULL) == NULL;
}

static gboolean
no_passphrase_dialog (gpointer window)
{
  return find_dialog (FW_TYPE_PASSPHRASE_DIALOG, window) == NULL;
}

/* Answers the passphrase dialog the action opened by keys, and waits for the
 * job: the passphrase typed where the dialog starts, and again after Tab when
 * the dialog asks twice (a new file), then Enter. */
static void
give_passphrase (FwWindow *window, const char *passphrase)
{
  GtkWidget *dialog = find_dialog (FW_TYPE_PASSPHRASE_DIALOG, window);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  ck_assert_msg (dialog != NULL, "no passphrase dialog");
  fw_gui_test_collect (dialog, GTK_TYPE_PASSWORD_ENTRY, entries);
  ck_assert_uint_eq (entries->len, 2);
  ck_assert_msg (fw_gui_test_focus_within (g_ptr_array_index (entries, 0)), "the dialog does not start in the passphrase");
  fw_gui_test_type (GTK_WINDOW (window), passphrase);
  if (gtk_widget_get_visible (g_ptr_array_index (entries, 1)))
    {
      fw_gui_test_tab_to (GTK_WINDOW (window), g_ptr_array_index (entries, 1), "Tab", 3);
      fw_gui_test_type (GTK_WINDOW (window), passphrase);
    }
  ck_assert (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  fw_gui_test_key (GTK_WINDOW (window), "Return");
  ck_assert_msg (wait_for (no_passphrase_dialog, window), "Enter did not close the passphrase dialog");
  ck_assert_msg (wait_for (no_progress, NULL), "the job did not finish within 20 s");
}

static gboolean
no_message_dialog (gpointer window)
{
  return find_dialog (ADW_TYPE_MESSAGE_DIALOG, window) == NULL;
}

/* Closes the message dialogs (a summary, an error) a job left, by Escape. */
static void
close_messages (FwWindow *window)
{
  for (int i = 0; i < 5 && find_dialog (ADW_TYPE_MESSAGE_DIALOG, window) != NULL; i++)
    {
      fw_gui_test_key (GTK_WINDOW (window), "Escape");
      fw_gui_test_run_for (100);
    }
  ck_assert_msg (wait_for (no_message_dialog, window), "Escape did not close the job's message");
}

/* The first widget under root whose action is name. */
static GtkWidget *
find_actionable (GtkWidget *root, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), name) == 0)
        return child;
      if ((found = find_actionable (child, name)) != NULL)
        return found;
    }
  return NULL;
}

/* A visible label under root whose text holds text. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_entry (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ENTRY (child))
        return child;
      if ((found = find_entry (child)) != NULL)
        return found;
    }
  return NULL;
}

static FwCaseItem *
case_of (FwWindow *window, const char *case_id)
{
  return fw_session_find_case (fw_window_get_session (window), case_id, NULL);
}

static const char *
inspector_of (FwWindow *window, const char *case_id)
{
  return fw_case_item_get_attr (case_of (window, case_id), FW_CASE_FIELD_INSPECTOR);
}

static int
count_rows (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  int n = -1;

  ck_assert_int_eq (sqlite3_open_v2 (demo->db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), SQLITE_OK);
  if (sqlite3_step (s) == SQLITE_ROW)
    n = sqlite3_column_int (s, 0);
  sqlite3_finalize (s);
  sqlite3_close (db);
  return n;
}

/* A picture of what a widget shows, into $FW_TEAM_SHOTS/NAME.png when that is set. */
static void
shot (GtkWidget *widget, const char *name)
{
  fw_gui_test_shot (widget, "FW_TEAM_SHOTS", name);
}

/* ---------------------------------------------------------------- fixture */

static void
setup (void)
{
  demo = fw_gui_test_demo_open (LEAD, 0, 0, NULL, NULL);
  lead = demo->window;
}

static void
teardown (void)
{
  g_clear_pointer (&demo, fw_gui_test_demo_close);
  lead = NULL;
}

static gboolean
message_dialog_shown (gpointer window)
{
  return find_dialog (ADW_TYPE_MESSAGE_DIALOG, window) != NULL;
}

static gboolean
allocate_shown (gpointer window)
{
  return find_dialog (FW_TYPE_ALLOCATE_DIALOG, window) != NULL;
}

static gboolean
allocate_gone (gpointer window)
{
  return find_dialog (FW_TYPE_ALLOCATE_DIALOG, window) == NULL;
}

/* Two cases not yet complete, to allocate. */
static void
pick_two (FwWindow *window, char **a, char **b)
{
  FwCaseList *list = fw_window_get_case_list (window);
  guint n = fw_case_list_get_n_shown (list);

  *a = *b = NULL;
  for (guint i = 0; i < n && *b == NULL; i++)
    {
      FwCaseItem *item = fw_case_list_get_shown (list, i);
      FwCaseStatus status = fw_case_item_get_status (item);
      g_autoptr(GPtrArray) missing = NULL;

      if (status != FW_CASE_NOT_STARTED && status != FW_CASE_IN_PROGRESS)
        continue;
      /* with key questions still to answer */
      missing = fw_session_missing (fw_window_get_session (window), fw_case_item_get_id (item), NULL);
      if (missing == NULL || missing->len < 2)
        continue;
      if (*a == NULL)
        *a = g_strdup (fw_case_item_get_id (item));
      else
        *b = g_strdup (fw_case_item_get_id (item));
    }
  ck_assert_msg (*b != NULL, "the demo has fewer than two open cases");
}

/* The lead chooses two cases in the list (a click, then Ctrl+click) and
 * allocates them with the Allocate To… dialog. */
static void
allocate_two (const char *a, const char *b)
{
  FwCaseList *list = fw_window_get_case_list (lead);
  g_autoptr(GPtrArray) chosen = NULL;
  GtkWidget *dialog;

  ck_assert (fw_case_list_select_case (list, case_of (lead, a)));
  ck_assert (fw_case_list_add_to_selection (list, case_of (lead, b)));
  chosen = fw_case_list_dup_selected_cases (list);
  ck_assert_uint_eq (chosen->len, 2);
  shot (GTK_WIDGET (lead), "lead-cases-chosen");
  /* Ctrl+L, as the shortcuts window says; the inspector chosen by keys
   * (Tab to the drop-down, Space, Down, Enter), Alt+A allocates */
  fw_gui_test_key (GTK_WINDOW (lead), "<Control>l");
  ck_assert_msg (wait_for (allocate_shown, lead), "Ctrl+L did not ask whom to allocate to");
  dialog = find_dialog (FW_TYPE_ALLOCATE_DIALOG, lead);
  ck_assert_uint_eq (fw_allocate_dialog_get_cases (FW_ALLOCATE_DIALOG (dialog))->len, 2);
  {
    g_autoptr(GPtrArray) drops = g_ptr_array_new ();
    GtkDropDown *who;
    guint pos = G_MAXUINT;

    fw_gui_test_collect (dialog, GTK_TYPE_DROP_DOWN, drops);
    ck_assert_uint_eq (drops->len, 1);
    who = g_ptr_array_index (drops, 0);
    for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (who)); i++)
      {
        g_autoptr(GtkStringObject) name = g_list_model_get_item (gtk_drop_down_get_model (who), i);

        if (g_strcmp0 (gtk_string_object_get_string (name), INSPECTOR) == 0)
          pos = i;
      }
    ck_assert_msg (pos != G_MAXUINT, "no %s to allocate to", INSPECTOR);
    fw_gui_test_tab_to (GTK_WINDOW (lead), GTK_WIDGET (who), "Tab", 5);
    fw_gui_test_choose_by_keys (GTK_WINDOW (lead), GTK_WIDGET (who), pos);
  }
  shot (dialog, "allocate-dialog");
  fw_gui_test_key (GTK_WINDOW (lead), "<Alt>a");
  ck_assert_msg (wait_for (allocate_gone, lead), "Alt+A did not allocate");
  /* the store announced it; the list follows */
  ck_assert_str_eq (inspector_of (lead, a), INSPECTOR);
  ck_assert_str_eq (inspector_of (lead, b), INSPECTOR);
}

static char *
prepare_laptops (const char *name)
{
  g_autofree char *folder = g_build_filename (demo->dir, name, NULL);
  char *package;

  ck_assert_int_eq (g_mkdir (folder, 0700), 0);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (lead), "win.prepare-laptops-in", "s", folder));
  fw_gui_test_spin ();
  shot (find_dialog (FW_TYPE_PASSPHRASE_DIALOG, lead), "passphrase-dialog");
  give_passphrase (lead, PASSPHRASE);
  ck_assert_str_eq (fw_window_get_last_message (lead), "2 packages written, one per inspector");
  package = g_build_filename (folder, "Demo-Inspector-Two.fieldwork-package", NULL);
  ck_assert_msg (g_file_test (package, G_FILE_TEST_EXISTS), "no %s", package);
  return package;
}

/* The first key question of a case without an answer. */
static char *
first_unanswered (FwWindow *window, const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = fw_session_missing (fw_window_get_session (window), case_id, &error);

  ck_assert_msg (missing != NULL && missing->len > 0, "%s", error ? error->message : "nothing unanswered");
  return g_strdup (((FwQuestion *) g_ptr_array_index (missing, 0))->id);
}

/* On the Case page, at the question, the answer key. */
static void
answer_by_keys (FwWindow *window, const char *case_id, const char *item_id, const char *answer)
{
  FwCaseItem *item = case_of (window, case_id);

  ck_assert (fw_window_open_case (window, fw_case_item_get_reference (item)));
  ck_assert (fw_case_editor_focus_item (FW_CASE_EDITOR (fw_window_get_editor (window)), item_id));
  /* Y or N, as the question row says */
  ck_assert (g_str_equal (answer, "yes") || g_str_equal (answer, "no"));
  fw_gui_test_key (GTK_WINDOW (window), g_str_equal (answer, "yes") ? "y" : "n");
}

static FwAnswer
answer_in (FwWindow *window, const char *case_id, const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  FwAnswer answer = FW_ANSWER_NONE;

  ck_assert_msg (fw_store_get_answer (fw_window_get_store (window), case_id, item_id, &answer, &note, &error),
                 "%s", error ? error->message : "");
  return answer;
}

typedef struct {
  FwWindow   *window;
  const char *case_id;
  guint       answered;
} Answered;

static gboolean
answered_is (gpointer data)
{
  Answered *w = data;
  FwCaseItem *item = case_of (w->window, w->case_id);

  return item != NULL && fw_case_item_get_answered (item) == w->answered;
}

/* How many cases of the open inspection are allocated to name. */
static guint
count_allocated (FwWindow *window, const char *name)
{
  GListModel *cases = fw_session_get_cases (fw_window_get_session (window));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, i);

      if (g_strcmp0 (fw_case_item_get_attr (item, FW_CASE_FIELD_INSPECTOR), name) == 0)
        n++;
    }
  return n;
}

typedef struct {
  FwWindow     *window;
  const char   *case_id;
  FwCaseStatus  status;
} Status;

static gboolean
status_is (gpointer data)
{
  Status *w = data;
  FwCaseItem *item = case_of (w->window, w->case_id);

  return item != NULL && fw_case_item_get_status (item) == w->status;
}

static gboolean
none_open (gpointer dialog)
{
  return fw_conflicts_dialog_get_n_open (dialog) == 0;
}

static gboolean
conflicts_shown (gpointer window)
{
  return find_dialog (FW_TYPE_CONFLICTS_DIALOG, window) != NULL;
}

static gboolean
has_session (gpointer window)
{
  return fw_window_get_session (window) != NULL;
}

/* ---------------------------------------------------------------- tests */

START_TEST (test_team_week)
{
  g_autofree char *a = NULL, *b = NULL, *package = NULL, *qa = NULL, *qb = NULL, *ret = NULL;
  g_autofree char *wrong_audit = NULL, *ret2 = NULL;
  GtkWidget *return_dialog;
  Status wait_status;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  FwWindow *laptop;
  GtkWidget *allocate_button, *conflicts_dialog, *keep;
  FwSyncConflict *conflict;
  Answered wait_b;
  int audit_before;
  guint lead_answered_b;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  pick_two (lead, &a, &b);
  allocate_two (a, b);
  package = prepare_laptops ("packages");
  qa = first_unanswered (lead, a);
  qb = first_unanswered (lead, b);

  /* after the package the lead answers a question of the inspector's case */
  answer_by_keys (lead, a, qa, "no");
  ck_assert_int_eq (answer_in (lead, a, qa), FW_ANSWER_NO);
  lead_answered_b = fw_case_item_get_answered (case_of (lead, b));

  /* the inspector's laptop: a window of its own on a new database opens the package */
  laptop = fw_window_new (GTK_APPLICATION (demo->app), NULL);
  gtk_window_present (GTK_WINDOW (laptop));
  ck_assert (wait_for (fw_gui_test_is_mapped, laptop));
  ck_assert_str_eq (fw_window_get_visible_page (laptop), "welcome");
  shot (GTK_WIDGET (laptop), "welcome");
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (laptop), "win.open-package-file", "s", package));
  fw_gui_test_spin ();
  give_passphrase (laptop, PASSPHRASE);
  ck_assert_msg (wait_for (has_session, laptop), "the package's inspection did not open: %s",
                 fw_window_get_last_message (laptop));
  ck_assert_str_eq (fw_session_get_inspection_id (fw_window_get_session (laptop)), demo->inspection_id);
  /* only the inspector's cases, and the header says whose laptop it is */
  ck_assert_uint_eq (fw_window_get_n_shown_cases (laptop), count_allocated (lead, INSPECTOR));
  ck_assert (gtk_widget_get_visible (laptop->role_label));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (laptop->role_label)), "Inspector: " INSPECTOR);
  allocate_button = find_actionable (GTK_WIDGET (fw_window_get_case_list (laptop)), "win.allocate");
  ck_assert_ptr_nonnull (allocate_button);
  ck_assert (!gtk_widget_is_sensitive (allocate_button));
  ck_assert_ptr_nonnull (strstr (gtk_widget_get_tooltip_text (allocate_button), "Only the lead"));
  ck_assert (gtk_widget_is_sensitive (find_actionable (GTK_WIDGET (fw_window_get_case_list (lead)),
                                                        "win.allocate")));
  shot (GTK_WIDGET (laptop), "laptop-cases");

  /* the inspector answers both cases and sends the work */
  answer_by_keys (laptop, a, qa, "yes");
  answer_by_keys (laptop, b, qb, "yes");
  ck_assert_int_eq (answer_in (laptop, a, qa), FW_ANSWER_YES);
  ck_assert_int_eq (answer_in (laptop, b, qb), FW_ANSWER_YES);
  ret = g_build_filename (demo->dir, "two.fieldwork-return", NULL);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (laptop), "win.send-work-to", "s", ret));
  fw_gui_test_spin ();
  give_passphrase (laptop, PASSPHRASE);
  ck_assert_msg (g_file_test (ret, G_FILE_TEST_EXISTS), "no return: %s", fw_window_get_last_message (laptop));

  /* a wrong passphrase: an error, nothing changes */
  audit_before = count_rows ("SELECT count(*) FROM audit;");
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (lead), "win.merge-return-files",
                                                 g_variant_new_strv ((const char *[]) { ret, NULL }, 1)));
  fw_gui_test_spin ();
  give_passphrase (lead, "wrong one");
  ck_assert_ptr_nonnull (find_dialog (ADW_TYPE_MESSAGE_DIALOG, lead));
  ck_assert_msg (strstr (fw_window_get_last_message (lead), "wrong passphrase or not a Fieldwork file") != NULL,
                 "%s", fw_window_get_last_message (lead));
  shot (find_dialog (ADW_TYPE_MESSAGE_DIALOG, lead), "wrong-passphrase");
  close_messages (lead);
  ck_assert_int_eq (count_rows ("SELECT count(*) FROM audit;"), audit_before);
  ck_assert_int_eq (answer_in (lead, b, qb), FW_ANSWER_NONE);
  ck_assert (!gtk_info_bar_get_revealed (GTK_INFO_BAR (lead->conflicts_banner)));

  /* the right one: merged, a summary, the answers in the lead's window */
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (lead), "win.merge-return-files",
                                                 g_variant_new_strv ((const char *[]) { ret, NULL }, 1)));
  fw_gui_test_spin ();
  give_passphrase (lead, PASSPHRASE);
  /* the inspector's other answer merged; the one the lead changed too waits */
  ck_assert_str_eq (fw_window_get_last_message (lead), "1 change merged, 1 conflict");
  shot (find_dialog (ADW_TYPE_MESSAGE_DIALOG, lead), "merge-summary");
  close_messages (lead);
  wait_b = (Answered) { lead, b, lead_answered_b + 1 };
  ck_assert_msg (wait_for (answered_is, &wait_b), "the merged answer did not reach the window");
  ck_assert_int_eq (answer_in (lead, b, qb), FW_ANSWER_YES);
  /* the conflicting answer: the lead's stays in effect */
  ck_assert_int_eq (answer_in (lead, a, qa), FW_ANSWER_NO);
  ck_assert (gtk_info_bar_get_revealed (GTK_INFO_BAR (lead->conflicts_banner)));
  shot (GTK_WIDGET (lead), "lead-with-conflict");

  /* the Conflicts dialog: both values, Keep Inspector */
  conflicts = fw_sync_list_conflicts (fw_window_get_store (lead), demo->inspection_id, &error);
  ck_assert_msg (conflicts != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (conflicts->len, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  ck_assert_str_eq (conflict->lead_value, "no");
  ck_assert_str_eq (conflict->inspector_value, "yes");
  /* the banner's Resolve Conflicts… by its mnemonic, Alt+R */
  fw_gui_test_key (GTK_WINDOW (lead), "<Alt>r");
  ck_assert_msg (wait_for (conflicts_shown, lead), "Alt+R did not show the Conflicts dialog");
  conflicts_dialog = find_dialog (FW_TYPE_CONFLICTS_DIALOG, lead);
  ck_assert_uint_eq (fw_conflicts_dialog_get_n_open (FW_CONFLICTS_DIALOG (conflicts_dialog)), 1);
  shot (conflicts_dialog, "conflicts");
  keep = fw_conflicts_dialog_get_keep_button (FW_CONFLICTS_DIALOG (conflicts_dialog), conflict->id, TRUE);
  ck_assert_ptr_nonnull (keep);
  /* Tab to the button, Space */
  fw_gui_test_tab_to (GTK_WINDOW (lead), keep, "Tab", 20);
  fw_gui_test_key (GTK_WINDOW (lead), "space");
  ck_assert_msg (wait_for (none_open, conflicts_dialog), "Space on Keep Inspector’s did not resolve the conflict");
  ck_assert_int_eq (answer_in (lead, a, qa), FW_ANSWER_YES);
  ck_assert (!gtk_info_bar_get_revealed (GTK_INFO_BAR (lead->conflicts_banner)));
  ck_assert_int_eq (count_rows ("SELECT count(*) FROM audit WHERE action = 'resolve';"), 1);
  shot (conflicts_dialog, "conflicts-resolved");
  gtk_window_close (GTK_WINDOW (conflicts_dialog));
  fw_gui_test_spin ();

  /* the inspector finishes case b and sends it; the lead merges it */
  {
    g_autoptr(GPtrArray) missing = fw_session_missing (fw_window_get_session (laptop), b, NULL);

    for (guint i = 0; missing && i < missing->len; i++)
      answer_by_keys (laptop, b, ((FwQuestion *) g_ptr_array_index (missing, i))->id, "yes");
  }
  ck_assert (fw_window_open_case (laptop, fw_case_item_get_reference (case_of (laptop, b))));
  fw_gui_test_spin ();
  fw_gui_test_key (GTK_WINDOW (laptop), "<Control>Return");
  ck_assert_msg (fw_case_item_get_status (case_of (laptop, b)) == FW_CASE_COMPLETE, "not complete: %s",
                 fw_window_get_last_message (laptop));
  ret2 = g_build_filename (demo->dir, "two-2.fieldwork-return", NULL);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (laptop), "win.send-work-to", "s", ret2));
  fw_gui_test_spin ();
  give_passphrase (laptop, PASSPHRASE);
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (lead), "win.merge-return-files",
                                                 g_variant_new_strv ((const char *[]) { ret2, NULL }, 1)));
  fw_gui_test_spin ();
  give_passphrase (lead, PASSPHRASE);
  close_messages (lead);
  wait_status = (Status) { lead, b, FW_CASE_COMPLETE };
  ck_assert_msg (wait_for (status_is, &wait_status), "the completed case did not reach the lead");

  /* the lead returns it with a comment: Alt+R (Return…), the comment typed, Enter */
  ck_assert (fw_window_open_case (lead, fw_case_item_get_reference (case_of (lead, b))));
  fw_gui_test_spin ();
  fw_gui_test_key (GTK_WINDOW (lead), "<Alt>r");
  ck_assert_msg (wait_for (message_dialog_shown, lead), "Alt+R did not ask why the case goes back");
  return_dialog = find_dialog (ADW_TYPE_MESSAGE_DIALOG, lead);
  ck_assert (fw_gui_test_focus_within (find_entry (return_dialog)));
  fw_gui_test_type (GTK_WINDOW (lead), "Say why the plan was late");
  fw_gui_test_key (GTK_WINDOW (lead), "Return");
  ck_assert_msg (wait_for (no_message_dialog, lead), "Enter did not return the case");
  ck_assert_int_eq (fw_case_item_get_status (case_of (lead, b)), FW_CASE_RETURNED);

  /* an updated package brings the return and the comment to the laptop */
  g_free (package);
  package = prepare_laptops ("packages-2");
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (laptop), "win.open-package-file", "s", package));
  fw_gui_test_spin ();
  give_passphrase (laptop, PASSPHRASE);
  wait_status = (Status) { laptop, b, FW_CASE_RETURNED };
  ck_assert_msg (wait_for (status_is, &wait_status), "the returned case did not reach the laptop: %s",
                 fw_window_get_last_message (laptop));
  ck_assert_msg (g_str_has_prefix (fw_window_get_last_message (laptop), "The lead’s newer package: "),
                 "%s", fw_window_get_last_message (laptop));
  /* the inspector's own answers are kept */
  ck_assert_int_eq (answer_in (laptop, b, qb), FW_ANSWER_YES);
  ck_assert (fw_window_open_case (laptop, fw_case_item_get_reference (case_of (laptop, b))));
  fw_gui_test_spin ();
  ck_assert_msg (find_label (fw_window_get_editor (laptop), "Say why the plan was late") != NULL,
                 "the case editor does not show the lead's comment");
  shot (GTK_WIDGET (laptop), "laptop-returned");
  (void) wrong_audit;
}
END_TEST

/* A damaged package and a package opened with the wrong passphrase: the
 * one-line refusal, and the laptop's database stays as it was. */
START_TEST (test_refusals)
{
  g_autofree char *a = NULL, *b = NULL, *package = NULL, *damaged = NULL, *contents = NULL;
  gsize length;
  FwWindow *laptop;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  pick_two (lead, &a, &b);
  allocate_two (a, b);
  package = prepare_laptops ("packages");
  ck_assert (g_file_get_contents (package, &contents, &length, NULL));
  contents[length / 2] ^= 0x40;
  damaged = fw_test_write (demo->dir, "damaged.fieldwork-package", contents, length);

  laptop = fw_window_new (GTK_APPLICATION (demo->app), NULL);
  gtk_window_present (GTK_WINDOW (laptop));
  ck_assert (wait_for (fw_gui_test_is_mapped, laptop));

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (laptop), "win.open-package-file", "s", package));
  fw_gui_test_spin ();
  give_passphrase (laptop, "wrong one");
  ck_assert_msg (strstr (fw_window_get_last_message (laptop), "wrong passphrase or not a Fieldwork file") != NULL,
                 "%s", fw_window_get_last_message (laptop));
  close_messages (laptop);
  ck_assert_ptr_null (fw_window_get_session (laptop));

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (laptop), "win.open-package-file", "s", damaged));
  fw_gui_test_spin ();
  give_passphrase (laptop, PASSPHRASE);
  ck_assert_msg (strstr (fw_window_get_last_message (laptop), "damaged or altered") != NULL,
                 "%s", fw_window_get_last_message (laptop));
  close_messages (laptop);
  ck_assert_ptr_null (fw_window_get_session (laptop));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) inspections = fw_store_list_inspections (fw_window_get_store (laptop), &error);

    ck_assert_uint_eq (inspections->len, 0);
  }

  /* a package is not a return: the lead's merge refuses it */
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (lead), "win.merge-return-files",
                                                 g_variant_new_strv ((const char *[]) { package, NULL }, 1)));
  fw_gui_test_spin ();
  give_passphrase (lead, PASSPHRASE);
  ck_assert_msg (strstr (fw_window_get_last_message (lead), "a package, not a return") != NULL,
                 "%s", fw_window_get_last_message (lead));
}
END_TEST

static gboolean
merge_stopped (gpointer data)
{
  return g_strcmp0 (fw_window_get_last_message (lead), "Stopped: nothing was merged") == 0;
}

/* Cancel while a merge waits for the database: it stops, nothing changes. */
START_TEST (test_cancel_merge)
{
  g_autofree char *a = NULL, *b = NULL, *package = NULL, *qb = NULL, *ret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) laptop = NULL;
  g_autoptr(FwSyncFile) file = NULL;
  g_autofree char *laptop_path = NULL, *opened = NULL;
  GtkWidget *progress;
  sqlite3 *db = NULL;
  int audit_before;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  pick_two (lead, &a, &b);
  allocate_two (a, b);
  package = prepare_laptops ("packages");
  qb = first_unanswered (lead, b);

  /* a laptop in a second store this time, as fieldwork-cli would be */
  laptop_path = g_build_filename (demo->dir, "laptop.db", NULL);
  laptop = fw_store_open (laptop_path, &error);
  ck_assert_msg (laptop != NULL, "%s", error ? error->message : "");
  file = fw_sync_file_read (package, PASSPHRASE, &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  opened = fw_sync_open_package (laptop, file, NULL, &error);
  ck_assert_msg (opened != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_store_set_answer (laptop, b, qb, FW_ANSWER_YES, NULL, "answer", &error), "%s",
                 error ? error->message : "");
  ret = g_build_filename (demo->dir, "two.fieldwork-return", NULL);
  ck_assert_msg (fw_sync_write_return (laptop, opened, ret, PASSPHRASE, NULL, &error), "%s",
                 error ? error->message : "");

  /* another program holds the write lock: the merge waits for it */
  audit_before = count_rows ("SELECT count(*) FROM audit;");
  ck_assert_int_eq (sqlite3_open (demo->db_path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL), SQLITE_OK);
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (lead), "win.merge-return-files",
                                                 g_variant_new_strv ((const char *[]) { ret, NULL }, 1)));
  fw_gui_test_spin ();
  /* the passphrase typed, Enter; the progress shows; Escape cancels */
  ck_assert_ptr_nonnull (find_dialog (FW_TYPE_PASSPHRASE_DIALOG, lead));
  fw_gui_test_type (GTK_WINDOW (lead), PASSPHRASE);
  fw_gui_test_key (GTK_WINDOW (lead), "Return");
  ck_assert_msg (wait_for (no_passphrase_dialog, lead), "Enter did not close the passphrase dialog");
  progress = find_dialog (FW_TYPE_JOB_DIALOG, lead);
  ck_assert_ptr_nonnull (progress);
  shot (progress, "merge-progress");
  fw_gui_test_key (GTK_WINDOW (lead), "Escape");
  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  sqlite3_close (db);
  ck_assert (wait_for (no_progress, NULL));
  /* the job ends after its dialog: wait for it to say so */
  ck_assert_msg (wait_for (merge_stopped, NULL), "%s", fw_window_get_last_message (lead));
  ck_assert_int_eq (count_rows ("SELECT count(*) FROM audit;"), audit_before);
  ck_assert_int_eq (answer_in (lead, b, qb), FW_ANSWER_NONE);
}
END_TEST

/* The passphrase of new files is asked twice; Continue waits for both to agree. */
START_TEST (test_passphrase_twice)
{
  GtkWidget *dialog = fw_passphrase_dialog_new (GTK_WINDOW (lead), "Heading", "Body", TRUE, NULL);
  GtkWidget *entries[2] = { NULL };
  guint n = 0;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  gtk_window_present (GTK_WINDOW (dialog));
  fw_gui_test_spin ();
  ck_assert (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  for (GtkWidget *w = GTK_WIDGET (dialog); w != NULL && n < 2; )
    {
      /* depth-first walk for the two password entries */
      if (GTK_IS_PASSWORD_ENTRY (w))
        entries[n++] = w;
      if (gtk_widget_get_first_child (w) && !GTK_IS_PASSWORD_ENTRY (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  ck_assert_uint_eq (n, 2);
  /* typed: "one", Tab, "two" (they differ), then "one" over it */
  ck_assert (fw_gui_test_focus_within (entries[0]));
  fw_gui_test_type (GTK_WINDOW (lead), "one");
  fw_gui_test_tab_to (GTK_WINDOW (lead), entries[1], "Tab", 3);
  fw_gui_test_type (GTK_WINDOW (lead), "two");
  ck_assert (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  ck_assert_ptr_nonnull (find_label (dialog, "The two passphrases differ"));
  fw_gui_test_key (GTK_WINDOW (lead), "<Control>a");
  fw_gui_test_type (GTK_WINDOW (lead), "one");
  ck_assert (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  ck_assert_str_eq (fw_passphrase_dialog_get_passphrase (FW_PASSPHRASE_DIALOG (dialog)), "one");
  /* Escape: Cancel */
  fw_gui_test_key (GTK_WINDOW (lead), "Escape");
  ck_assert_msg (wait_for (no_passphrase_dialog, lead), "Escape did not close the passphrase dialog");
}
END_TEST

static Suite *
team_suite (void)
{
  Suite *s = suite_create ("team");
  TCase *tc = tcase_create ("window");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_team_week);
  tcase_add_test (tc, test_refusals);
  tcase_add_test (tc, test_cancel_merge);
  tcase_add_test (tc, test_passphrase_twice);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status;

  /* key derivation at test strength: the same code, a fraction of the time */
  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  if ((status = fw_gui_test_init ("fieldwork-gui-team")) >= 0)
    return status;
  return fw_gui_test_run (team_suite ());
}
