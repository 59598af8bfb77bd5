/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-window-private.h"
#include "fw-ratings-panel.h"
#include "fw-review-page.h"

G_DEFINE_FINAL_TYPE (FwWindow, fw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- messages */

/* A message from the core, as a sentence in the window: "question 2.1.1
 * cannot be…" begins with a capital. One that begins with a file, a
 * reference or an id ("bad.csv:3: …", "BR-CO-001: …") is left as it is. */
static char *
as_sentence (const char *message)
{
  const char *p;

  if (message == NULL)
    return NULL;
  for (p = message; *p && *p != ' '; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return g_strdup (message);
  if (p == message || !g_unichar_islower (g_utf8_get_char (message)))
    return g_strdup (message);
  {
    gunichar first = g_unichar_totitle (g_utf8_get_char (message));
    char head[8] = { 0 };

    g_unichar_to_utf8 (first, head);
    return g_strconcat (head, g_utf8_next_char (message), NULL);
  }
}

void
_fw_window_show_toast (FwWindow *self, const char *message)
{
  g_autofree char *sentence = as_sentence (message);

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (sentence));
}

void
_fw_window_show_error (FwWindow *self, const char *heading, const char *message)
{
  g_autofree char *sentence = as_sentence (message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, sentence);

  g_free (self->last_message);
  self->last_message = g_strdup (sentence);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A refusal from a page (the editor, the review): a toast, kept for tests. */
static void
on_page_error (GtkWidget *page, const char *message, FwWindow *self)
{
  g_free (self->last_message);
  self->last_message = as_sentence (message);
  _fw_window_show_toast (self, message);
}

const char *
fw_window_get_last_message (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  return self->last_message;
}

/* Whether the settings schema has this key (it may be older than the code). */
gboolean
_fw_window_has_setting (FwWindow *self, const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return FALSE;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/* Whether the settings mark this installation as an inspector's: the
 * lead's actions are hidden, and the store refuses them. */
gboolean
_fw_window_is_inspector_installation (FwWindow *self)
{
  return _fw_window_has_setting (self, "inspector-installation")
         && g_settings_get_boolean (self->settings, "inspector-installation");
}

/* Who this installation is to a store it opens: not a change to any data,
 * the identity the store's rules are checked against. */
static void
apply_installation_role (FwWindow *self, FwStore *store)
{
  fw_store_set_role (store, _fw_window_is_inspector_installation (self) ? FW_ROLE_INSPECTOR : FW_ROLE_LEAD);
}

static void
on_installation_role_changed (FwWindow *self)
{
  if (self->store)
    apply_installation_role (self, self->store);
  _fw_window_actions_update (self);
}

/* The name stamped on changes: the one given in the settings, else what the
 * core decides (FIELDWORK_INSPECTOR, the account's name). */
char *
_fw_window_dup_user_name (FwWindow *self)
{
  g_autofree char *configured = self->settings ? g_settings_get_string (self->settings, "inspector-name") : NULL;

  return fw_user_resolve (configured);
}

/* ---------------------------------------------------------------- cases */

gboolean
_fw_window_on_case_page (FwWindow *self)
{
  return self->session != NULL && g_strcmp0 (fw_window_get_visible_page (self), "case") == 0;
}

void
_fw_window_show_case (FwWindow *self, FwCaseItem *item)
{
  FwCaseEditor *editor = FW_CASE_EDITOR (self->editor);

  g_return_if_fail (FW_IS_CASE_ITEM (item));
  fw_case_list_select_case (FW_CASE_LIST (self->case_list), item);
  if (item != fw_case_editor_get_case (editor))
    fw_case_editor_set_case (editor, item);
  if (_fw_window_has_setting (self, "last-case"))
    g_settings_set_string (self->settings, "last-case", fw_case_item_get_id (item));
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "case");
  if (!fw_case_editor_focus_next_unanswered (editor, TRUE))
    fw_case_editor_focus_first (editor);
}

gboolean
fw_window_open_case (FwWindow *self, const char *reference)
{
  FwCaseItem *item;

  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);
  if ((item = fw_case_list_find (FW_CASE_LIST (self->case_list), reference)) == NULL)
    return FALSE;
  _fw_window_show_case (self, item);
  return TRUE;
}

/* Enter or a double click on a row of the Cases list. */
static void
on_case_activated (FwCaseList *list, FwCaseItem *item, FwWindow *self)
{
  _fw_window_show_case (self, item);
}

/* However the Case page is reached (Alt+2, the page switcher), it shows the
 * case selected in the list. */
static void
on_inspection_page_changed (GtkStack *stack, GParamSpec *pspec, FwWindow *self)
{
  FwCaseItem *selected;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "case") != 0)
    return;
  selected = fw_case_list_get_selected_case (FW_CASE_LIST (self->case_list));
  if (selected != NULL && selected != fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)))
    _fw_window_show_case (self, selected);
  /* the same case as before, reached by the switcher: the focus goes to a
   * question all the same, so that the answer keys work at once */
  else if (fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)) != NULL
           && fw_case_editor_get_focused_item (FW_CASE_EDITOR (self->editor)) == NULL
           && !fw_case_editor_focus_next_unanswered (FW_CASE_EDITOR (self->editor), TRUE))
    fw_case_editor_focus_first (FW_CASE_EDITOR (self->editor));
}

/* A problem chosen on the Review page: its case, at its question. */
static void
on_review_open_item (FwReviewPage *page, const char *case_id, const char *item_id, FwWindow *self)
{
  FwCaseItem *item = self->session ? fw_session_find_case (self->session, case_id, NULL) : NULL;

  if (item == NULL)
    return;
  /* the case must be in the list to be selected there */
  fw_case_list_clear_filters (FW_CASE_LIST (self->case_list));
  _fw_window_show_case (self, item);
  if (item_id)
    fw_case_editor_focus_item (FW_CASE_EDITOR (self->editor), item_id);
}

/* ---------------------------------------------------------------- the session */

static void
on_session_locked (FwWindow *self)
{
  gboolean locked = self->session != NULL && fw_session_is_locked (self->session);

  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->lock_banner), locked);
  _fw_window_actions_update (self);
}

/* ---------------------------------------------------------------- waiting writes */

/* Answers given while another program holds the database's write lock wait
 * in the session's FwWriteQueue: the banner says so, with how many, and
 * goes when they are saved. Waiting longer than a write would brings a
 * dialog offering to try again; the answers are still kept. */

static FwWriteQueue *
current_writes (FwWindow *self)
{
  return self->session ? fw_session_get_writes (self->session) : NULL;
}

static GtkWidget *
child (FwWindow *self, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), FW_TYPE_WINDOW, name));
}

static void
update_writes_banner (FwWindow *self)
{
  FwWriteQueue *writes = current_writes (self);
  guint pending = writes ? fw_write_queue_get_pending (writes) : 0;
  gboolean stalled = writes != NULL && fw_write_queue_get_stalled (writes);

  if (pending > 0)
    {
      g_autofree char *text = NULL;

      if (stalled)
        text = g_strdup_printf (ngettext ("Another Fieldwork has been writing to this file for a long time: "
                                          "%u change is kept here until it can be saved.",
                                          "Another Fieldwork has been writing to this file for a long time: "
                                          "%u changes are kept here until they can be saved.", pending), pending);
      else
        text = g_strdup_printf (ngettext ("Another Fieldwork is writing to this file; waiting… "
                                          "(%u change not saved yet)",
                                          "Another Fieldwork is writing to this file; waiting… "
                                          "(%u changes not saved yet)", pending), pending);
      gtk_label_set_text (GTK_LABEL (child (self, "writes_label")), text);
    }
  gtk_spinner_set_spinning (GTK_SPINNER (child (self, "writes_spinner")), pending > 0 && !stalled);
  gtk_widget_set_visible (child (self, "writes_retry"), stalled);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (child (self, "writes_banner")), pending > 0);
}

static void
on_writes_pending (FwWriteQueue *writes, GParamSpec *pspec, FwWindow *self)
{
  if (writes == current_writes (self))
    update_writes_banner (self);
}

static void
on_stalled_response (AdwMessageDialog *dialog, const char *response, FwWindow *self)
{
  FwWriteQueue *writes = current_writes (self);

  if (g_strcmp0 (response, "retry") == 0 && writes)
    fw_write_queue_retry (writes);
}

static void
on_writes_stalled (FwWriteQueue *writes, GParamSpec *pspec, FwWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  guint pending = fw_write_queue_get_pending (writes);

  if (writes != current_writes (self))
    return;
  update_writes_banner (self);
  if (!fw_write_queue_get_stalled (writes))
    return;
  body = g_strdup_printf (ngettext ("Another Fieldwork has been writing to %s for a long time. Your %u change is "
                                    "kept in this window and is saved as soon as that program lets go of the file.",
                                    "Another Fieldwork has been writing to %s for a long time. Your %u changes are "
                                    "kept in this window and are saved as soon as that program lets go of the file.",
                                    pending),
                          fw_store_get_path (self->store), pending);
  g_free (self->last_message);
  self->last_message = g_strdup (body);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changes Not Saved Yet"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), "retry", _("_Try Again"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_stalled_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_write_failed (FwWriteQueue *writes, const char *message, FwWindow *self)
{
  if (writes == current_writes (self))
    _fw_window_show_error (self, _("A waiting change could not be saved"), message);
}

static void
follow_writes (FwWindow *self)
{
  FwWriteQueue *writes = current_writes (self);

  if (writes)
    {
      g_signal_connect_object (writes, "notify::pending", G_CALLBACK (on_writes_pending), self, 0);
      g_signal_connect_object (writes, "notify::stalled", G_CALLBACK (on_writes_stalled), self, 0);
      g_signal_connect_object (writes, "failed", G_CALLBACK (on_write_failed), self, 0);
    }
  update_writes_banner (self);
}

static void
action_retry_writes (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWriteQueue *writes = current_writes (FW_WINDOW (widget));

  if (writes)
    fw_write_queue_retry (writes);
}

/* Shows an open inspection; NULL for none (the welcome page). */
static void
set_session (FwWindow *self, FwSession *session)
{
  g_autofree char *title = NULL;

  if (self->session == session)
    return;
  fw_case_editor_set_session (FW_CASE_EDITOR (self->editor), NULL);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  follow_writes (self);
  fw_case_list_set_session (FW_CASE_LIST (self->case_list), session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  on_session_locked (self);
  gtk_widget_set_visible (self->switcher, session != NULL);
  gtk_widget_set_visible (self->ratings_toggle, session != NULL);
  if (session == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Fieldwork"));
      gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "welcome");
      return;
    }

  fw_case_editor_set_session (FW_CASE_EDITOR (self->editor), session);
  fw_ratings_panel_set_session (FW_RATINGS_PANEL (self->ratings), session, fw_store_get_user (self->store));
  fw_review_page_set_session (FW_REVIEW_PAGE (self->review), session);

  /* the header's switcher follows FwWindow:session */
  title = g_strdup_printf (_("%s – Fieldwork"), fw_session_get_info (session)->service);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "inspection");
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "cases");
  fw_case_list_focus_list (FW_CASE_LIST (self->case_list));

  if (self->settings)
    g_settings_set_string (self->settings, "last-inspection", fw_session_get_inspection_id (session));
}

gboolean
fw_window_open_inspection (FwWindow *self, const char *inspection_id, GError **error)
{
  g_autoptr(FwSession) session = NULL;

  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  if (self->session && g_strcmp0 (fw_session_get_inspection_id (self->session), inspection_id) == 0)
    return TRUE;
  if ((session = fw_session_new (self->store, inspection_id, error)) == NULL)
    return FALSE;
  set_session (self, session);
  return TRUE;
}

/* ---------------------------------------------------------------- the integrity check */

/* The store is opened without SQLite's integrity check (100–200 ms on a
 * large file), so that the window shows it at once; the check runs on a
 * worker thread right after the first frame. A write before it ends waits
 * for it. Damage it finds closes the file, with the same message as a
 * damaged file refused at open. */
static void
on_store_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FwStore *store = FW_STORE (source);
  g_autoptr(GError) error = NULL;
  FwWindow *self;

  /* cancelled: the window went, or opened another file */
  if (fw_store_check_finish (store, result, &error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = FW_WINDOW (user_data);
  /* the check could not run (another program's lock): the next write runs it */
  if (!g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT))
    {
      g_debug ("integrity check not done: %s", error->message);
      return;
    }
  if (store == self->store)
    {
      set_session (self, NULL);
      fw_store_set_watching (store, FALSE);
      fw_inspection_switcher_set_store (FW_INSPECTION_SWITCHER (self->inspection_switcher), NULL);
      g_clear_object (&self->store);
      _fw_window_actions_update (self);
    }
  _fw_window_show_error (self, _("The database could not be opened"), error->message);
}

static void
start_check (FwWindow *self)
{
  if (self->check_cancellable)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->store == NULL)
    return;
  self->check_cancellable = g_cancellable_new ();
  fw_store_check_async (self->store, self->check_cancellable, on_store_checked, self);
}

static void
stop_waiting_for_paint (FwWindow *self)
{
  if (self->check_clock)
    g_clear_signal_handler (&self->check_paint_handler, self->check_clock);
  g_clear_object (&self->check_clock);
}

static void
on_first_paint (GdkFrameClock *clock, FwWindow *self)
{
  stop_waiting_for_paint (self);
  start_check (self);
}

/* Shown: the check starts after the frame being drawn. */
static void
on_map (GtkWidget *widget, FwWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (!self->check_on_map)
    return;
  self->check_on_map = FALSE;
  stop_waiting_for_paint (self);
  if (clock == NULL)
    {
      start_check (self);
      return;
    }
  self->check_clock = g_object_ref (clock);
  self->check_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

static void
schedule_check (FwWindow *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_check (self);
  else
    self->check_on_map = TRUE;
}

gboolean
fw_window_open_database (FwWindow *self, const char *path, GError **error)
{
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) inspections = NULL;
  g_autofree char *last = NULL;
  g_autofree char *user = NULL;
  const char *open_id = NULL;

  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);
  if ((store = fw_store_open_deferring_check (path, error)) == NULL)
    return FALSE;
  user = _fw_window_dup_user_name (self);
  fw_store_set_user (store, user);
  apply_installation_role (self, store);
  if ((inspections = fw_store_list_inspections (store, error)) == NULL)
    return FALSE;

  set_session (self, NULL);
  if (self->store)
    fw_store_set_watching (self->store, FALSE);
  g_set_object (&self->store, store);
  schedule_check (self);
  /* changes made by fieldwork-cli or another window show here */
  fw_store_set_watching (store, TRUE);
  fw_inspection_switcher_set_store (FW_INSPECTION_SWITCHER (self->inspection_switcher), store);
  fw_inspection_switcher_add_recent_file (fw_store_get_path (store));
  if (self->settings)
    {
      g_autofree char *default_path = fw_store_default_path ();
      g_settings_set_string (self->settings, "last-database", g_strcmp0 (path, default_path) == 0 ? "" : path);
      last = g_settings_get_string (self->settings, "last-inspection");
    }
  for (guint i = 0; i < inspections->len; i++)
    {
      FwInspectionInfo *info = g_ptr_array_index (inspections, i);
      if (g_strcmp0 (info->id, last) == 0)
        open_id = info->id;
    }
  /* first start with this database: the welcome page */
  if (open_id == NULL)
    return TRUE;
  if (!fw_window_open_inspection (self, open_id, error))
    return FALSE;
  /* and the case last open, when the settings keep it */
  if (_fw_window_has_setting (self, "last-case"))
    {
      g_autofree char *case_id = g_settings_get_string (self->settings, "last-case");
      FwCaseItem *item = *case_id ? fw_session_find_case (self->session, case_id, NULL) : NULL;

      if (item)
        {
          g_autofree char *item_id = _fw_window_has_setting (self, "last-question")
                                   ? g_settings_get_string (self->settings, "last-question") : NULL;

          _fw_window_show_case (self, item);
          if (item_id && *item_id)
            fw_case_editor_focus_item (FW_CASE_EDITOR (self->editor), item_id);
        }
    }
  return TRUE;
}

gboolean
fw_window_create_inspection (FwWindow *self, const char *framework_id, const char *service,
                             const char *start_date, const char *const *inspectors, GError **error)
{
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwSession) session = NULL;

  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);
  if ((fw = fw_framework_load_available (framework_id, error)) == NULL)
    return FALSE;
  session = fw_session_new_inspection (self->store, fw, service, start_date, (const char **) inspectors, error);
  if (session == NULL)
    return FALSE;
  set_session (self, session);
  return TRUE;
}

gboolean
fw_window_import_cases (FwWindow *self, const char *path, GError **error)
{
  guint n = 0;
  g_autofree char *msg = NULL;

  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);
  if (self->session == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("Open an inspection first"));
      return FALSE;
    }
  /* the session, and so the list, follow the import (FwSession::changed) */
  if (!fw_import_cases (self->store, fw_session_get_inspection_id (self->session), path, &n, error))
    return FALSE;
  msg = g_strdup_printf (ngettext ("Imported %u case", "Imported %u cases", n), n);
  _fw_window_show_toast (self, msg);
  return TRUE;
}

FwSession *fw_window_get_session (FwWindow *self) { return self->session; }
FwStore *fw_window_get_store (FwWindow *self) { return self->store; }
GtkWidget *fw_window_get_editor (FwWindow *self) { return self->editor; }
GtkWidget *fw_window_get_ratings (FwWindow *self) { return self->ratings; }
FwCaseList *fw_window_get_case_list (FwWindow *self) { return FW_CASE_LIST (self->case_list); }

FwInspectionSwitcher *
fw_window_get_inspection_switcher (FwWindow *self)
{
  return FW_INSPECTION_SWITCHER (self->inspection_switcher);
}

guint
fw_window_get_n_shown_cases (FwWindow *self)
{
  return fw_case_list_get_n_shown (FW_CASE_LIST (self->case_list));
}

void
fw_window_set_case_search (FwWindow *self, const char *text)
{
  fw_case_list_set_search (FW_CASE_LIST (self->case_list), text);
}

const char *
fw_window_get_visible_page (FwWindow *self)
{
  const char *main = gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack));

  if (g_strcmp0 (main, "welcome") == 0)
    return main;
  return gtk_stack_get_visible_child_name (GTK_STACK (self->inspection_stack));
}

/* ---------------------------------------------------------------- the ratings panel */

static void
on_flap_reveal (FwWindow *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->ratings_toggle),
                                adw_flap_get_reveal_flap (ADW_FLAP (self->flap)));
}

/* ---------------------------------------------------------------- object */

static gboolean
fw_window_close_request (GtkWindow *window)
{
  FwWindow *self = FW_WINDOW (window);

  if (self->settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (fw_window_parent_class)->close_request (window);
}

static void
fw_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwWindow *self = FW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_window_dispose (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  /* the question to return to at the next start, however the window goes */
  if (self->settings && self->editor && _fw_window_has_setting (self, "last-question")
      && fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)))
    {
      const char *item_id = fw_case_editor_get_focused_item (FW_CASE_EDITOR (self->editor));
      g_settings_set_string (self->settings, "last-question", item_id ? item_id : "");
    }
  if (self->check_cancellable)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  stop_waiting_for_paint (self);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_weak_pointer (&self->pane_return);
  if (self->shortcuts)
    gtk_window_destroy (GTK_WINDOW (self->shortcuts));
  g_clear_object (&self->shortcuts);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_WINDOW);
  g_clear_object (&self->session);
  if (self->store)
    fw_store_set_watching (self->store, FALSE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (fw_window_parent_class)->dispose (object);
}

static void
fw_window_finalize (GObject *object)
{
  g_free (FW_WINDOW (object)->last_message);
  g_free (FW_WINDOW (object)->export_folder);
  G_OBJECT_CLASS (fw_window_parent_class)->finalize (object);
}

static void
fw_window_class_init (FwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_window_get_property;
  object_class->dispose = fw_window_dispose;
  object_class->finalize = fw_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = fw_window_close_request;

  /**
   * FwWindow:session:
   *
   * The open inspection, or %NULL on the welcome page.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FW_TYPE_CASE_LIST);
  g_type_ensure (FW_TYPE_INSPECTION_SWITCHER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FwWindow, inspection_switcher);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, ratings_toggle);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, lock_banner);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, inspection_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, case_list);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, ratings);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, review);
  gtk_widget_class_bind_template_child_full (widget_class, "writes_banner", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "writes_label", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "writes_spinner", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "writes_retry", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.retry-writes", NULL, action_retry_writes);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_inspection_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_review_open_item);
  gtk_widget_class_bind_template_callback (widget_class, on_page_error);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_reveal);

  _fw_window_class_actions_init (widget_class);
  _fw_window_class_team_init (widget_class);
}

static void
fw_window_init (FwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);

  g_object_bind_property (self, "session", self->inspection_switcher, "session", G_BINDING_SYNC_CREATE);
  self->session_signals = g_signal_group_new (FW_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::locked", G_CALLBACK (on_session_locked), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::can-undo", G_CALLBACK (_fw_window_actions_update),
                                 self, G_CONNECT_SWAPPED);
  _fw_window_team_init (self);
  on_flap_reveal (self);
  on_session_locked (self);
}

FwWindow *
fw_window_new (GtkApplication *app, GSettings *settings)
{
  FwWindow *self = g_object_new (FW_TYPE_WINDOW, "application", app, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* the development build (io.github.fieldwork.Fieldwork.Devel) looks it */
  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  if (settings)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::inspector-installation",
                               G_CALLBACK (on_installation_role_changed), self, G_CONNECT_SWAPPED);
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      adw_flap_set_reveal_flap (ADW_FLAP (self->flap), g_settings_get_boolean (settings, "ratings-visible"));
      fw_case_list_set_settings (FW_CASE_LIST (self->case_list), settings);
      path = g_settings_get_string (settings, "last-database");
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  if (path == NULL || *path == '\0')
    {
      g_free (path);
      path = fw_store_default_path ();
    }
  if (!fw_window_open_database (self, path, &error))
    _fw_window_show_error (self, _("The database could not be opened"), error->message);
  return self;
}
