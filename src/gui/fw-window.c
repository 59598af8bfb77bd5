/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-window.h"
#include "fw-case-editor.h"
#include "fw-inspection-switcher.h"
#include "fw-ratings-panel.h"
#include "fw-review-page.h"
#include "fw-export-doc.h"
#if __has_include("fw-unlock-dialog.h")
#include "fw-unlock-dialog.h"
#define HAVE_UNLOCK_DIALOG 1
#endif

#define DEMO_SERVICE "Demo Youth Justice Service"

struct _FwWindow {
  AdwApplicationWindow parent_instance;

  /* template */
  GtkWidget      *inspection_switcher;
  GtkWidget      *switcher;
  GtkWidget      *ratings_toggle;
  GtkWidget      *toasts;
  GtkWidget      *main_stack;
  GtkWidget      *flap;
  GtkWidget      *inspection_stack;
  GtkWidget      *search_entry;
  GtkWidget      *kind_filter;
  GtkWidget      *inspector_filter;
  GtkWidget      *status_filter;
  GtkWidget      *case_view;
  GtkWidget      *cases_summary;
  GtkWidget      *editor;
  GtkWidget      *ratings;
  GtkWidget      *review;
  GtkWidget      *lock_banner;

  GSettings      *settings;
  GSignalGroup   *session_signals;
  FwStore        *store;
  FwSession      *session;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkStringFilter *search_filter;
  GtkCustomFilter *attr_filter;
  GtkStringList  *kind_ids;        /* "" then kind ids, parallel to kind_filter */
  GtkStringList  *inspector_names; /* "" then names */
  char           *last_message;
};

G_DEFINE_FINAL_TYPE (FwWindow, fw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_ids[] = { "", "not-started", "in-progress", "complete", "quality-assured", "returned" };

/* ---------------------------------------------------------------- messages */

/* Whether the settings schema has this key (the schema may be older). */
static gboolean
has_setting (FwWindow *self, const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return FALSE;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}


static void
show_toast (FwWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (message));
}

static void
show_error (FwWindow *self, const char *heading, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_editor_error (FwCaseEditor *editor, const char *message, FwWindow *self)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  show_toast (self, message);
}

const char *
fw_window_get_last_message (FwWindow *self)
{
  return self->last_message;
}

/* ---------------------------------------------------------------- the case list */

static gboolean
attr_filter_func (gpointer object, gpointer user_data)
{
  FwWindow *self = user_data;
  FwCaseItem *item = object;
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_filter));
  guint inspector = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->inspector_filter));
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_filter));

  if (kind > 0 && kind != GTK_INVALID_LIST_POSITION && self->kind_ids
      && g_strcmp0 (fw_case_item_get_attr (item, FW_ATTR_KIND),
                    gtk_string_list_get_string (self->kind_ids, kind)) != 0)
    return FALSE;
  if (inspector > 0 && inspector != GTK_INVALID_LIST_POSITION && self->inspector_names
      && g_strcmp0 (fw_case_item_get_attr (item, FW_ATTR_INSPECTOR),
                    gtk_string_list_get_string (self->inspector_names, inspector)) != 0)
    return FALSE;
  if (status > 0 && status < G_N_ELEMENTS (status_ids)
      && g_strcmp0 (fw_case_item_get_attr (item, FW_ATTR_STATUS), status_ids[status]) != 0)
    return FALSE;
  return TRUE;
}

static void
update_summary (FwWindow *self)
{
  g_autofree char *text = NULL;
  guint shown, total, complete = 0;
  GListModel *cases;

  if (self->session == NULL || self->filtered == NULL)
    return;
  cases = fw_session_get_cases (self->session);
  total = g_list_model_get_n_items (cases);
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, i);
      complete += fw_case_item_get_status (item) >= FW_CASE_COMPLETE
               && fw_case_item_get_status (item) != FW_CASE_RETURNED;
    }
  text = g_strdup_printf (_("%u of %u cases shown · %u complete"), shown, total, complete);
  gtk_label_set_text (GTK_LABEL (self->cases_summary), text);
}

static void
on_filter_changed (FwWindow *self)
{
  if (self->attr_filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->attr_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, FwWindow *self)
{
  update_summary (self);
}

static void
setup_label (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  const char *property = data;
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_bind_property (item, property, label, "label", G_BINDING_SYNC_CREATE);

  g_object_set_data (G_OBJECT (list_item), "binding", binding);
}

static void
unbind_label (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "binding");

  if (binding)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "binding", NULL);
}

static void
add_column (FwWindow *self, const char *title, const char *property, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), (gpointer) property);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label), (gpointer) property);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (FW_TYPE_CASE_ITEM, NULL, property)));
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->case_view), column);
  g_object_unref (column);
}

static void
open_case_at (FwWindow *self, guint position)
{
  g_autoptr(FwCaseItem) item = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  gtk_single_selection_set_selected (self->selection, position);
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item != fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)))
    fw_case_editor_set_case (FW_CASE_EDITOR (self->editor), item);
  if (has_setting (self, "last-case"))
    g_settings_set_string (self->settings, "last-case", fw_case_item_get_id (item));
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "case");
  if (!fw_case_editor_focus_next_unanswered (FW_CASE_EDITOR (self->editor), TRUE))
    fw_case_editor_focus_first (FW_CASE_EDITOR (self->editor));
}

/* The case chosen in the list, if it is not the one the editor shows. */
static guint
selected_other_case (FwWindow *self)
{
  guint pos = self->selection ? gtk_single_selection_get_selected (self->selection) : GTK_INVALID_LIST_POSITION;
  FwCaseItem *selected = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  if (selected == NULL || selected == fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)))
    return GTK_INVALID_LIST_POSITION;
  return pos;
}

/* Enter or a double click on a row: that case, on the Case page. */
static void
on_case_activated (GtkColumnView *view, guint position, FwWindow *self)
{
  open_case_at (self, position);
}

/* Enter in the search: the only match opens; with several, the list takes the focus. */
static void
on_search_activate (FwWindow *self)
{
  guint n = self->selection ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;

  if (n == 1)
    open_case_at (self, 0);
  else if (n > 1)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (self->case_view);
    }
}

gboolean
fw_window_open_case (FwWindow *self, const char *reference)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (fw_case_item_get_reference (item), reference) == 0)
        {
          open_case_at (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkStringList *
string_list_with (const char *first)
{
  const char *items[] = { first, NULL };
  return gtk_string_list_new (items);
}

/* Offers the inspectors of cases added since (by an import, another process)
 * in the inspector filter, keeping what is chosen. */
static void
add_inspector_names (FwWindow *self)
{
  GListModel *cases = fw_session_get_cases (self->session);
  GtkStringList *titles = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (self->inspector_filter)));

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, i);
      const char *name = fw_case_item_get_attr (item, FW_ATTR_INSPECTOR);
      gboolean known = FALSE;

      for (guint j = 0; name && j < g_list_model_get_n_items (G_LIST_MODEL (self->inspector_names)) && !known; j++)
        known = g_strcmp0 (gtk_string_list_get_string (self->inspector_names, j), name) == 0;
      if (name && *name && !known)
        {
          gtk_string_list_append (self->inspector_names, name);
          gtk_string_list_append (titles, name);
        }
    }
}

static void
fill_filters (FwWindow *self)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  FwInspectionInfo *info = fw_session_get_info (self->session);
  GPtrArray *kinds = fw_framework_get_kinds (fw);
  GListModel *cases = fw_session_get_cases (self->session);
  g_autoptr(GtkStringList) kind_titles = string_list_with (_("All kinds"));
  g_autoptr(GtkStringList) inspector_titles = string_list_with (_("All inspectors"));
  g_autoptr(GtkStringList) status_titles = NULL;
  const char *statuses[] = { _("Any status"), _("Not started"), _("In progress"), _("Complete"),
                             _("Quality-assured"), _("Returned"), NULL };

  g_clear_object (&self->kind_ids);
  g_clear_object (&self->inspector_names);
  self->kind_ids = string_list_with ("");
  self->inspector_names = string_list_with ("");
  for (guint i = 0; i < kinds->len; i++)
    {
      FwKind *k = g_ptr_array_index (kinds, i);
      gtk_string_list_append (self->kind_ids, k->id);
      gtk_string_list_append (kind_titles, k->title);
    }
  for (guint i = 0; info->inspectors && info->inspectors[i]; i++)
    {
      gtk_string_list_append (self->inspector_names, info->inspectors[i]);
      gtk_string_list_append (inspector_titles, info->inspectors[i]);
    }
  (void) cases;
  status_titles = gtk_string_list_new (statuses);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->kind_filter), G_LIST_MODEL (kind_titles));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->inspector_filter), G_LIST_MODEL (inspector_titles));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->status_filter), G_LIST_MODEL (status_titles));
  add_inspector_names (self);
}

static int
returned_first (gconstpointer a, gconstpointer b, gpointer user_data)
{
  gboolean ra = fw_case_item_get_status ((FwCaseItem *) a) == FW_CASE_RETURNED;
  gboolean rb = fw_case_item_get_status ((FwCaseItem *) b) == FW_CASE_RETURNED;

  return rb - ra;
}

/* ---------------------------------------------------------------- opening */

/* The name stamped on changes: the one given in the settings, else what the
 * core decides (FIELDWORK_INSPECTOR, the account's name). */
static char *
dup_user_name (FwWindow *self)
{
  g_autofree char *configured = self->settings ? g_settings_get_string (self->settings, "inspector-name") : NULL;

  return fw_user_resolve (configured);
}

static void
on_session_changed (FwSession *session, FwChange *change, FwWindow *self)
{
  switch (change->kind)
    {
    case FW_CHANGE_CASE_ADDED:
    case FW_CHANGE_RELOAD:
      add_inspector_names (self);
      update_summary (self);
      break;
    case FW_CHANGE_STATUS:
      /* the item's status moved: the status filter may now hide or show it */
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_filter)) > 0)
        gtk_filter_changed (GTK_FILTER (self->attr_filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_summary (self);
      break;
    case FW_CHANGE_ANSWER:
    case FW_CHANGE_PRACTICE:
    case FW_CHANGE_JUDGEMENT:
    case FW_CHANGE_COMMENT:
    case FW_CHANGE_LOCK:
    case FW_CHANGE_INSPECTION:
    default:
      break;
    }
}

static void
on_session_locked (FwSession *session, GParamSpec *pspec, FwWindow *self)
{
  gboolean locked = session != NULL && fw_session_is_locked (session);

  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->lock_banner), locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-case", session != NULL && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cases", session != NULL && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", locked);
}

/* Shows an open inspection; NULL for none (the welcome page). */
static void
set_session (FwWindow *self, FwSession *session)
{
  FwInspectionInfo *info;
  g_autofree char *title = NULL;
  GtkSortListModel *sorted;

  if (self->session == session)
    return;
  fw_case_editor_set_session (FW_CASE_EDITOR (self->editor), NULL);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  on_session_locked (session, NULL, self);
  if (session == NULL)
    {
      gtk_column_view_set_model (GTK_COLUMN_VIEW (self->case_view), NULL);
      g_clear_object (&self->filtered);
      g_clear_object (&self->selection);
      gtk_window_set_title (GTK_WINDOW (self), _("Fieldwork"));
      gtk_widget_set_visible (self->switcher, FALSE);
      gtk_widget_set_visible (self->ratings_toggle, FALSE);
      gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "welcome");
      return;
    }
  info = fw_session_get_info (session);

  g_clear_object (&self->filtered);
  g_clear_object (&self->selection);
  fill_filters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  {
    GtkEveryFilter *every = gtk_every_filter_new ();

    gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->search_filter)));
    gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->attr_filter)));
    self->filtered = gtk_filter_list_model_new (g_object_ref (fw_session_get_cases (session)), GTK_FILTER (every));
  }
  {
    /* returned cases first, so the inspector sees them; then the columns' order */
    GtkMultiSorter *sorter = gtk_multi_sorter_new ();

    gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (returned_first, NULL, NULL)));
    gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->case_view))));
    sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), GTK_SORTER (sorter));
  }
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->case_view), GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  update_summary (self);

  fw_case_editor_set_session (FW_CASE_EDITOR (self->editor), session);
  fw_ratings_panel_set_session (FW_RATINGS_PANEL (self->ratings), session, fw_store_get_user (self->store));
  fw_review_page_set_session (FW_REVIEW_PAGE (self->review), session);

  /* the header's switcher follows FwWindow:session */
  title = g_strdup_printf (_("%s – Fieldwork"), info->service);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (self->switcher, TRUE);
  gtk_widget_set_visible (self->ratings_toggle, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "inspection");
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "cases");
  gtk_widget_grab_focus (self->case_view);

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

gboolean
fw_window_open_database (FwWindow *self, const char *path, GError **error)
{
  g_autoptr(FwStore) store = fw_store_open (path, error);
  g_autoptr(GPtrArray) inspections = NULL;
  g_autofree char *last = NULL;
  g_autofree char *user = dup_user_name (self);
  const char *open_id = NULL;

  if (store == NULL)
    return FALSE;
  fw_store_set_user (store, user);
  if ((inspections = fw_store_list_inspections (store, error)) == NULL)
    return FALSE;

  set_session (self, NULL);
  if (self->store)
    fw_store_set_watching (self->store, FALSE);
  g_set_object (&self->store, store);
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
  if (open_id == NULL && inspections->len > 0 && last != NULL && *last == '\0')
    open_id = NULL;   /* first start with this database: the welcome page */
  if (open_id == NULL)
    return TRUE;
  if (!fw_window_open_inspection (self, open_id, error))
    return FALSE;
  /* and the case last open, when the settings keep it */
  if (has_setting (self, "last-case"))
    {
      g_autofree char *case_id = g_settings_get_string (self->settings, "last-case");
      FwCaseItem *item = *case_id ? fw_session_find_case (self->session, case_id, NULL) : NULL;

      if (item)
        fw_window_open_case (self, fw_case_item_get_reference (item));
    }
  return TRUE;
}

gboolean
fw_window_create_inspection (FwWindow *self, const char *framework_id, const char *service,
                             const char *start_date, const char *const *inspectors, GError **error)
{
  g_autoptr(FwFramework) fw = fw_framework_load_available (framework_id, error);
  g_autoptr(FwSession) session = NULL;

  if (fw == NULL)
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

  if (self->session == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("Open an inspection first"));
      return FALSE;
    }
  /* the session follows the import (FwSession::changed) */
  if (!fw_import_cases (self->store, fw_session_get_inspection_id (self->session), path, &n, error))
    return FALSE;
  msg = g_strdup_printf (ngettext ("Imported %u case", "Imported %u cases", n), n);
  show_toast (self, msg);
  return TRUE;
}

FwSession *fw_window_get_session (FwWindow *self) { return self->session; }
FwStore *fw_window_get_store (FwWindow *self) { return self->store; }
GtkWidget *fw_window_get_editor (FwWindow *self) { return self->editor; }
GtkWidget *fw_window_get_ratings (FwWindow *self) { return self->ratings; }

guint
fw_window_get_n_shown_cases (FwWindow *self)
{
  return self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
}

void
fw_window_set_case_search (FwWindow *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

const char *
fw_window_get_visible_page (FwWindow *self)
{
  const char *main = gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack));

  if (g_strcmp0 (main, "welcome") == 0)
    return main;
  return gtk_stack_get_visible_child_name (GTK_STACK (self->inspection_stack));
}

/* ---------------------------------------------------------------- actions */

static gboolean
on_case_page (FwWindow *self)
{
  return self->session != NULL && g_strcmp0 (fw_window_get_visible_page (self), "case") == 0;
}

static void
action_answer (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwAnswer answer = FW_ANSWER_NONE;
  FwCaseEditor *editor = FW_CASE_EDITOR (self->editor);

  if (!on_case_page (self))
    return;
  fw_answer_from_string (g_variant_get_string (param, NULL), &answer);
  if (!fw_case_editor_answer_focused (editor, answer, answer != FW_ANSWER_NONE))
    fw_case_editor_focus_next_unanswered (editor, FALSE);
}

static void
action_next_unanswered (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (!on_case_page (self))
    return;
  if (!fw_case_editor_focus_next_unanswered (FW_CASE_EDITOR (self->editor), FALSE))
    show_toast (self, _("Every key question of this case is answered"));
}

static void
move_case (FwWindow *self, int delta)
{
  guint pos = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (self->session == NULL || n == 0)
    return;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = delta > 0 ? 0 : n - 1;
  else if ((delta < 0 && pos == 0) || (delta > 0 && pos + 1 >= n))
    {
      show_toast (self, delta > 0 ? _("This is the last case") : _("This is the first case"));
      return;
    }
  else
    pos += delta;
  open_case_at (self, pos);
}

static void
action_next_case (GtkWidget *widget, const char *name, GVariant *param)
{
  move_case (FW_WINDOW (widget), 1);
}

static void
action_previous_case (GtkWidget *widget, const char *name, GVariant *param)
{
  move_case (FW_WINDOW (widget), -1);
}

static void
action_complete_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;

  if (!on_case_page (self) || item == NULL)
    return;
  missing = fw_session_missing (self->session, fw_case_item_get_id (item), &error);
  if (missing != NULL && missing->len > 0)
    {
      GString *list = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < missing->len; i++)
        {
          FwQuestion *q = g_ptr_array_index (missing, i);
          g_string_append_printf (list, "%s%s %s", i ? "\n" : "", q->id, q->text);
        }
      text = g_string_free (list, FALSE);
      show_error (self, _("The case is not complete"), text);
      fw_case_editor_focus_next_unanswered (FW_CASE_EDITOR (self->editor), TRUE);
      return;
    }
  if (!fw_session_complete_case (self->session, fw_case_item_get_id (item), &error))
    {
      show_error (self, _("The case could not be marked complete"), error->message);
      return;
    }
  show_toast (self, _("Case marked complete"));
}

static void
action_undo (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL, *item_id = NULL;
  FwCaseItem *item;

  if (self->session == NULL || !fw_session_can_undo (self->session))
    {
      show_toast (self, _("Nothing to undo"));
      return;
    }
  if (!fw_session_undo (self->session, &case_id, &item_id, &error))
    {
      show_error (self, _("Could not undo"), error->message);
      return;
    }
  item = fw_session_find_case (self->session, case_id, NULL);
  if (item && item != fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)))
    {
      fw_case_editor_set_case (FW_CASE_EDITOR (self->editor), item);
      gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "case");
    }
  fw_case_editor_focus_item (FW_CASE_EDITOR (self->editor), item_id);
}

static void
action_edit_note (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  if (on_case_page (self))
    fw_case_editor_edit_note (FW_CASE_EDITOR (self->editor));
}

static void
action_toggle_prompts (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  if (on_case_page (self))
    fw_case_editor_toggle_prompts (FW_CASE_EDITOR (self->editor));
}

static void
action_show_page (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  const char *page = g_variant_get_string (param, NULL);

  if (self->session == NULL)
    return;
  if (g_strcmp0 (page, "case") == 0)
    {
      guint pos = selected_other_case (self);

      if (pos == GTK_INVALID_LIST_POSITION && fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)) == NULL)
        pos = 0;
      if (pos != GTK_INVALID_LIST_POSITION)
        {
          open_case_at (self, pos);
          return;
        }
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), page);
  if (g_strcmp0 (page, "cases") == 0)
    gtk_widget_grab_focus (self->case_view);
}

static void
action_search (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (self->session == NULL)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "cases");
  gtk_widget_grab_focus (self->search_entry);
}

static void
action_toggle_ratings (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  gboolean reveal = !adw_flap_get_reveal_flap (ADW_FLAP (self->flap));

  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), reveal);
  if (self->settings)
    g_settings_set_boolean (self->settings, "ratings-visible", reveal);
}

static void
on_flap_reveal (AdwFlap *flap, GParamSpec *pspec, FwWindow *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->ratings_toggle), adw_flap_get_reveal_flap (flap));
}

/* New inspection */

typedef struct {
  FwWindow  *self;
  GPtrArray *frameworks;   /* FwFrameworkInfo* */
  GtkWidget *framework;
  GtkWidget *service;
  GtkWidget *start;
  GtkWidget *inspectors;
} NewInspection;

static void
new_inspection_free (NewInspection *data)
{
  g_ptr_array_unref (data->frameworks);
  g_free (data);
}

static void
validate_new_inspection (GtkEditable *editable, GtkWidget *dialog)
{
  NewInspection *data = g_object_get_data (G_OBJECT (dialog), "data");
  const char *service = gtk_editable_get_text (GTK_EDITABLE (data->service));
  const char *start = gtk_editable_get_text (GTK_EDITABLE (data->start));
  gboolean date_ok = fw_validate_date (start, NULL);

  if (date_ok)
    gtk_widget_remove_css_class (data->start, "error");
  else
    gtk_widget_add_css_class (data->start, "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", *service && date_ok);
}

static void
on_new_inspection_response (AdwMessageDialog *dialog, const char *response, NewInspection *data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  FwFrameworkInfo *info;
  guint pos;

  if (g_strcmp0 (response, "create") != 0)
    return;
  pos = adw_combo_row_get_selected (ADW_COMBO_ROW (data->framework));
  if (pos >= data->frameworks->len)
    return;
  info = g_ptr_array_index (data->frameworks, pos);
  names = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (data->inspectors)), ",", -1);
  for (guint i = 0; names[i]; i++)
    if (*g_strstrip (names[i]))
      g_strv_builder_add (builder, names[i]);
  g_strfreev (names);
  names = g_strv_builder_end (builder);
  if (!fw_window_create_inspection (data->self, info->id, gtk_editable_get_text (GTK_EDITABLE (data->service)),
                                    gtk_editable_get_text (GTK_EDITABLE (data->start)),
                                    (const char *const *) names, &error))
    show_error (data->self, _("The inspection could not be created"), error->message);
}

static void
action_new_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  NewInspection *data = g_new0 (NewInspection, 1);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkWidget *dialog, *group;

  if (self->store == NULL)
    return;
  data->self = self;
  data->frameworks = fw_framework_list_available (NULL);
  for (guint i = 0; i < data->frameworks->len; i++)
    gtk_string_list_append (titles, ((FwFrameworkInfo *) g_ptr_array_index (data->frameworks, i))->title);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Inspection"),
                                   _("Choose the framework and describe the inspection. Cases can be added or imported next."));
  group = adw_preferences_group_new ();
  data->framework = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->framework), _("Framework"));
  adw_combo_row_set_model (ADW_COMBO_ROW (data->framework), G_LIST_MODEL (titles));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->framework);
  data->service = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->service), _("Service"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->service);
  data->start = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->start), _("Fieldwork start (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (data->start), today);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->start);
  data->inspectors = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->inspectors), _("Inspectors, separated by commas"));
  {
    g_autofree char *user = dup_user_name (self);
    gtk_editable_set_text (GTK_EDITABLE (data->inspectors), user);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->inspectors);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "data", data, (GDestroyNotify) new_inspection_free);
  g_signal_connect (data->service, "changed", G_CALLBACK (validate_new_inspection), dialog);
  g_signal_connect (data->start, "changed", G_CALLBACK (validate_new_inspection), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_inspection_response), data);
  validate_new_inspection (NULL, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->service);
}

/* Add a case by hand */

typedef struct {
  FwWindow  *self;
  GtkWidget *reference;
  GtkWidget *kind;
  GtkWidget *disposal;
  GtkWidget *inspector;
} AddCase;

static void
on_add_case_response (AdwMessageDialog *dialog, const char *response, AddCase *data)
{
  FwWindow *self = data->self;
  FwFramework *fw;
  FwKind *kind;
  const char *attrs[FW_N_ATTRS] = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reference = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;
  fw = fw_session_get_framework (self->session);
  kind = g_ptr_array_index (fw_framework_get_kinds (fw), adw_combo_row_get_selected (ADW_COMBO_ROW (data->kind)));
  reference = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->reference))));
  attrs[FW_ATTR_KIND] = kind->id;
  attrs[FW_ATTR_DISPOSAL] = gtk_editable_get_text (GTK_EDITABLE (data->disposal));
  attrs[FW_ATTR_INSPECTOR] = gtk_editable_get_text (GTK_EDITABLE (data->inspector));
  id = fw_session_add_case (self->session, reference, attrs, &error);
  if (id == NULL)
    {
      show_error (self, _("The case could not be added"), error->message);
      return;
    }
  fw_window_open_case (self, reference);
}

static void
action_add_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  AddCase *data;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GPtrArray *fw_kinds;
  GtkWidget *dialog, *group;

  if (self->session == NULL)
    return;
  data = g_new0 (AddCase, 1);
  data->self = self;
  fw_kinds = fw_framework_get_kinds (fw_session_get_framework (self->session));
  for (guint i = 0; i < fw_kinds->len; i++)
    gtk_string_list_append (kinds, ((FwKind *) g_ptr_array_index (fw_kinds, i))->title);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add Case"),
                                   _("Use the reference the service knows the case by — never a name."));
  group = adw_preferences_group_new ();
  data->reference = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->reference), _("Reference"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->reference);
  data->kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (data->kind), G_LIST_MODEL (kinds));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->kind);
  data->disposal = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->disposal), _("Disposal"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->disposal);
  data->inspector = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->inspector), _("Allocated inspector"));
  gtk_editable_set_text (GTK_EDITABLE (data->inspector), fw_store_get_user (self->store));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->inspector);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "data", data, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_case_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->reference);
}

/* Files */

static void
on_import_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      path = g_file_get_path (file);
      if (!fw_window_import_cases (self, path, &error))
        show_error (self, _("Nothing was imported"), error->message);
    }
  g_object_unref (native);
}

static void
action_import_cases (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->session == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Import Cases"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_open_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (!fw_window_open_database (self, path, &error))
        show_error (self, _("The database could not be opened"), error->message);
    }
  g_object_unref (native);
}

static void
action_open_database (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_open_demo (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *id = NULL;

  if (self->store == NULL)
    return;
  if ((list = fw_store_list_inspections (self->store, &error)) == NULL)
    goto fail;
  for (guint i = 0; i < list->len && id == NULL; i++)
    {
      FwInspectionInfo *info = g_ptr_array_index (list, i);
      if (g_strcmp0 (info->service, DEMO_SERVICE) == 0)
        id = g_strdup (info->id);
    }
  if (id == NULL && (id = fw_demo_create (self->store, &error)) == NULL)
    goto fail;
  if (!fw_window_open_inspection (self, id, &error))
    goto fail;
  return;

fail:
  show_error (self, _("The demo could not be opened"), error->message);
}

/* Review */

static void
on_review_open_item (FwReviewPage *page, const char *case_id, const char *item_id, FwWindow *self)
{
  guint position;
  FwCaseItem *item = fw_session_find_case (self->session, case_id, NULL);

  if (item == NULL)
    return;
  /* clear list filters so the case can be selected */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_filter), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->inspector_filter), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_filter), 0);
  if (!fw_window_open_case (self, fw_case_item_get_reference (item)))
    return;
  if (item_id)
    fw_case_editor_focus_item (FW_CASE_EDITOR (self->editor), item_id);
  (void) position;
}

static void
on_review_error (FwReviewPage *page, const char *message, FwWindow *self)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  show_toast (self, message);
}

/* However the Case page is reached (Alt+2, the switcher), it shows the case
 * selected in the list. */
static void
on_inspection_page_changed (GtkStack *stack, GParamSpec *pspec, FwWindow *self)
{
  guint pos;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "case") != 0)
    return;
  if ((pos = selected_other_case (self)) != GTK_INVALID_LIST_POSITION)
    open_case_at (self, pos);
}

static void
action_quality_assure (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  g_autoptr(GError) error = NULL;

  if (!on_case_page (self) || item == NULL)
    return;
  if (!fw_session_move_case (self->session, fw_case_item_get_id (item), FW_CASE_QUALITY_ASSURED, &error))
    {
      show_error (self, _("The case could not be quality-assured"), error->message);
      return;
    }
  show_toast (self, _("Case quality-assured"));
}

static void
on_return_response (AdwMessageDialog *dialog, const char *response, FwWindow *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *case_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "case-id"));
  g_autofree char *item_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "item-id"));
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  FwCaseItem *item;

  if (g_strcmp0 (response, "return") != 0)
    return;
  if (!fw_session_return_case (self->session, case_id, item_id, comment, &error))
    {
      show_error (self, _("The case could not be returned"), error->message);
      return;
    }
  item = fw_session_find_case (self->session, case_id, NULL);
  if (item)
    fw_window_open_case (self, fw_case_item_get_reference (item));
  show_toast (self, _("Case returned to its inspector"));
}

static void
action_return_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  const char *item_id = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;

  if (!on_case_page (self) || item == NULL)
    return;
  /* a comment about the question in focus, if any */
  for (; focus; focus = gtk_widget_get_parent (focus))
    if (g_object_get_data (G_OBJECT (focus), "fw-item-id"))
      {
        item_id = g_object_get_data (G_OBJECT (focus), "fw-item-id");
        break;
      }
  body = item_id ? g_strdup_printf (_("Say what the inspector should look at again in %s, question %s."),
                                    fw_case_item_get_reference (item), item_id)
                 : g_strdup_printf (_("Say what the inspector should look at again in %s."),
                                    fw_case_item_get_reference (item));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Return the Case?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comment for the inspector"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "return", _("_Return"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "return");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "case-id", g_strdup (fw_case_item_get_id (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "item-id", g_strdup (item_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_return_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Export, on a worker thread, with progress and cancel */

typedef struct {
  FwWindow       *self;
  FwExportData   *data;
  FwExportFormat  format;
  char           *path;
  GCancellable   *cancellable;
  GtkWidget      *dialog;
  GtkWidget      *bar;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  fw_export_data_free (job->data);
  g_free (job->path);
  g_clear_object (&job->cancellable);
  g_free (job);
}

typedef struct {
  GtkWidget *bar;
  double     fraction;
} ProgressUpdate;

static gboolean
apply_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (update->bar), update->fraction);
  g_object_unref (update->bar);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static void
export_progress (double fraction, gpointer user_data)
{
  ExportJob *job = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->bar = g_object_ref (job->bar);
  update->fraction = fraction;
  g_main_context_invoke (NULL, apply_progress, update);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (fw_export_write (job->data, job->format, job->path, export_progress, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  FwWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (job->dialog));
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *msg = g_strdup_printf (_("Exported %s"), base);
      show_toast (self, msg);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Export cancelled"));
  else
    show_error (self, _("The export failed"), error->message);
}

static void
on_export_progress_response (AdwMessageDialog *dialog, const char *response, ExportJob *job)
{
  g_cancellable_cancel (job->cancellable);
}

gboolean
fw_window_export (FwWindow *self, int format, const char *path, GError **error)
{
  ExportJob *job;
  GTask *task;
  GtkWidget *box;

  if (self->session == NULL)
    return FALSE;
  job = g_new0 (ExportJob, 1);
  job->self = self;
  job->format = format;
  job->path = g_strdup (path);
  job->cancellable = g_cancellable_new ();
  job->data = fw_export_data_collect (self->store, fw_session_get_inspection_id (self->session),
                                      fw_session_get_filter (self->session), error);
  if (job->data == NULL)
    {
      export_job_free (job);
      return FALSE;
    }
  job->dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Exporting…"), path);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  job->bar = gtk_progress_bar_new ();
  gtk_box_append (GTK_BOX (box), job->bar);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (job->dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (job->dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (job->dialog), "cancel");
  g_signal_connect (job->dialog, "response", G_CALLBACK (on_export_progress_response), job);
  gtk_window_present (GTK_WINDOW (job->dialog));

  task = g_task_new (NULL, job->cancellable, export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
  g_object_unref (task);
  return TRUE;
}

static void
on_export_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "format");
      FwExportFormat format = FW_EXPORT_PDF;
      const char *dot = strrchr (path, '.');

      /* the extension typed wins over the choice */
      if (!(dot && fw_export_format_from_string (dot + 1, &format)))
        {
          g_autofree char *with_ext = NULL;
          fw_export_format_from_string (choice, &format);
          with_ext = g_strconcat (path, ".", format == FW_EXPORT_ANSWERS_CSV ? "csv" : choice, NULL);
          g_free (path);
          path = g_steal_pointer (&with_ext);
        }
      else if (format == FW_EXPORT_CSV && g_strcmp0 (choice, "answers-csv") == 0)
        format = FW_EXPORT_ANSWERS_CSV;
      if (!fw_window_export (self, format, path, &error))
        show_error (self, _("The export failed"), error->message);
    }
  g_object_unref (native);
}

static void
action_export (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;
  const char *ids[] = { "pdf", "xlsx", "html", "csv", "answers-csv", NULL };
  const char *labels[] = { _("PDF summary"), _("Spreadsheet (XLSX): summary and answers"), _("Web page (HTML)"),
                           _("CSV summary"), _("CSV of case-level answers"), NULL };
  g_autofree char *suggested = NULL;

  if (self->session == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export the Ratings Summary"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "format", "pdf");
  suggested = g_strdup_printf ("%s.pdf", fw_session_get_info (self->session)->service);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Audit trail */

static char *
audit_line (FwAuditEntry *e)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%.19s  %-20s  %s", e->at, e->who ? e->who : "", e->action);
  if (e->reference)
    g_string_append_printf (out, "  %s", e->reference);
  if (e->item)
    g_string_append_printf (out, " %s", e->item);
  if (e->old_value || e->new_value)
    g_string_append_printf (out, ": %s → %s", e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—");
  if (g_strcmp0 (e->old_note, e->new_note) != 0)
    g_string_append_printf (out, "  note: “%s” → “%s”", e->old_note ? e->old_note : "", e->new_note ? e->new_note : "");
  if (e->reason)
    g_string_append_printf (out, "  (%s)", e->reason);
  return g_string_free (out, FALSE);
}

GtkWidget *
fw_window_show_audit (FwWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringList *lines;
  GtkWidget *window, *view, *scroller, *box, *header;
  GtkListItemFactory *factory;
  FwCaseItem *item = on_case_page (self) ? fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)) : NULL;
  g_autofree char *title = NULL;

  if (self->session == NULL)
    return NULL;
  entries = fw_store_list_audit (self->store, fw_session_get_inspection_id (self->session),
                                 item ? fw_case_item_get_id (item) : NULL, &error);
  if (entries == NULL)
    {
      show_error (self, _("The audit trail could not be read"), error->message);
      return NULL;
    }
  lines = gtk_string_list_new (NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *line = audit_line (g_ptr_array_index (entries, i));
      gtk_string_list_append (lines, line);
    }
  {
    static const char ui[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><interface><template class=\"GtkListItem\"><property name=\"child\">"
      "<object class=\"GtkLabel\"><property name=\"xalign\">0</property><property name=\"selectable\">true</property>"
      "<style><class name=\"monospace\"/></style><binding name=\"label\"><lookup name=\"string\" type=\"GtkStringObject\">"
      "<lookup name=\"item\">GtkListItem</lookup></lookup></binding></object></property></template></interface>";
    g_autoptr(GBytes) bytes = g_bytes_new_static (ui, strlen (ui));
    factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
  }
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (lines))), factory);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);
  title = item ? g_strdup_printf (_("Audit Trail — %s"), fw_case_item_get_reference (item)) : g_strdup (_("Audit Trail"));
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 560);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
action_audit (GtkWidget *widget, const char *name, GVariant *param)
{
  fw_window_show_audit (FW_WINDOW (widget));
}

/* Inspections and files, from the switcher */

static void
action_open_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !fw_window_open_inspection (self, g_variant_get_string (param, NULL), &error))
    show_error (self, _("The inspection could not be opened"), error->message);
}

static void
action_open_database_file (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!fw_window_open_database (self, g_variant_get_string (param, NULL), &error))
    show_error (self, _("The database could not be opened"), error->message);
}

static void
action_switch_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  fw_inspection_switcher_popup (FW_INSPECTION_SWITCHER (FW_WINDOW (widget)->inspection_switcher));
}

/* Unlock, from the banner a locked inspection shows */

static void
action_unlock (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (self->session == NULL || !fw_session_is_locked (self->session))
    return;
#ifdef HAVE_UNLOCK_DIALOG
  gtk_window_present (GTK_WINDOW (fw_unlock_dialog_new (GTK_WINDOW (self), self->session)));
#else
  /* the Review page holds the lock switch, which asks for the reason */
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "review");
#endif
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
fw_window_dispose (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_WINDOW);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->attr_filter);
  g_clear_object (&self->kind_ids);
  g_clear_object (&self->inspector_names);
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
  G_OBJECT_CLASS (fw_window_parent_class)->finalize (object);
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
fw_window_class_init (FwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_window_dispose;
  object_class->finalize = fw_window_finalize;
  object_class->get_property = fw_window_get_property;

  /**
   * FwWindow:session:
   *
   * The open inspection, or %NULL on the welcome page.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  GTK_WINDOW_CLASS (klass)->close_request = fw_window_close_request;

  g_type_ensure (FW_TYPE_INSPECTION_SWITCHER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FwWindow, inspection_switcher);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, ratings_toggle);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, inspection_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, inspector_filter);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, case_view);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, cases_summary);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, ratings);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, review);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, lock_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_install_action (widget_class, "win.answer", "s", action_answer);
  gtk_widget_class_install_action (widget_class, "win.next-unanswered", NULL, action_next_unanswered);
  gtk_widget_class_install_action (widget_class, "win.next-case", NULL, action_next_case);
  gtk_widget_class_install_action (widget_class, "win.previous-case", NULL, action_previous_case);
  gtk_widget_class_install_action (widget_class, "win.complete-case", NULL, action_complete_case);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.edit-note", NULL, action_edit_note);
  gtk_widget_class_install_action (widget_class, "win.toggle-prompts", NULL, action_toggle_prompts);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", action_show_page);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "win.toggle-ratings", NULL, action_toggle_ratings);
  gtk_widget_class_install_action (widget_class, "win.new-inspection", NULL, action_new_inspection);
  gtk_widget_class_install_action (widget_class, "win.add-case", NULL, action_add_case);
  gtk_widget_class_install_action (widget_class, "win.import-cases", NULL, action_import_cases);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, action_open_database);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, action_open_demo);
  gtk_widget_class_install_action (widget_class, "win.quality-assure", NULL, action_quality_assure);
  gtk_widget_class_install_action (widget_class, "win.return-case", NULL, action_return_case);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, action_audit);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, action_unlock);
  gtk_widget_class_install_action (widget_class, "win.open-inspection", "s", action_open_inspection);
  gtk_widget_class_install_action (widget_class, "win.open-database-file", "s", action_open_database_file);
  gtk_widget_class_install_action (widget_class, "win.switch-inspection", NULL, action_switch_inspection);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.switch-inspection", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, 0, "win.answer", "s", "yes");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.answer", "s", "no");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "win.answer", "s", "na");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.answer", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "win.edit-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "win.toggle-prompts", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.next-unanswered", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.complete-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "case");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "review");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-ratings", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-inspection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-cases", NULL);
}

static void
fw_window_init (FwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self, "session", self->inspection_switcher, "session", G_BINDING_SYNC_CREATE);
  self->session_signals = g_signal_group_new (FW_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_session_changed), self, 0);
  g_signal_group_connect_object (self->session_signals, "notify::locked", G_CALLBACK (on_session_locked), self, 0);

  add_column (self, _("Reference"), "reference", TRUE);
  add_column (self, _("Kind"), "kind-title", FALSE);
  add_column (self, _("Disposal"), "disposal", TRUE);
  add_column (self, _("Inspector"), "inspector", FALSE);
  add_column (self, _("Status"), "status-title", FALSE);
  add_column (self, _("Answered"), "progress", FALSE);

  self->search_filter = gtk_string_filter_new (gtk_property_expression_new (FW_TYPE_CASE_ITEM, NULL, "reference"));
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  g_object_bind_property (self->search_entry, "text", self->search_filter, "search", G_BINDING_DEFAULT);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (update_summary), self);
  self->attr_filter = gtk_custom_filter_new (attr_filter_func, self, NULL);
  g_signal_connect_swapped (self->kind_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->inspector_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);

  g_signal_connect (self->editor, "error", G_CALLBACK (on_editor_error), self);
  g_signal_connect (self->review, "open-item", G_CALLBACK (on_review_open_item), self);
  g_signal_connect (self->review, "error", G_CALLBACK (on_review_error), self);
  g_signal_connect (self->inspection_stack, "notify::visible-child", G_CALLBACK (on_inspection_page_changed), self);
  g_signal_connect (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_reveal), self);
  on_flap_reveal (ADW_FLAP (self->flap), NULL, self);
  on_session_locked (NULL, NULL, self);
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
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      adw_flap_set_reveal_flap (ADW_FLAP (self->flap), g_settings_get_boolean (settings, "ratings-visible"));
      on_flap_reveal (ADW_FLAP (self->flap), NULL, self);
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
    show_error (self, _("The database could not be opened"), error->message);
  return self;
}
