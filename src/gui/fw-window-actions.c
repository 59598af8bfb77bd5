/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-window-private.h"
#include "fw-add-case-dialog.h"
#include "fw-audit-dialog.h"
#include "fw-draw-page.h"
#include "fw-complete-case-dialog.h"
#include "fw-export-options-dialog.h"
#include "fw-job-dialog.h"
#include "fw-new-inspection-dialog.h"
#include "fw-question-row.h"
#include "fw-return-case-dialog.h"
#include "fw-unlock-dialog.h"

#define DEMO_SERVICE "Demo Youth Justice Service"

/* What may be done now: nothing to add to a locked inspection or to none. */
void
_fw_window_actions_update (FwWindow *self)
{
  gboolean open = self->session != NULL;
  gboolean locked = open && fw_session_is_locked (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-case", open && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-cases", open && !locked);
  /* a locked inspection's draw can still be looked at */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-sample", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", locked);
  _fw_window_team_update (self);
}

/* ---------------------------------------------------------------- answering */

static void
action_answer (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwAnswer answer = FW_ANSWER_NONE;
  FwCaseEditor *editor = FW_CASE_EDITOR (self->editor);

  if (!_fw_window_on_case_page (self))
    return;
  fw_answer_from_string (g_variant_get_string (param, NULL), &answer);
  if (!fw_case_editor_answer_focused (editor, answer, answer != FW_ANSWER_NONE))
    fw_case_editor_focus_next_unanswered (editor, FALSE);
}

static void
action_next_unanswered (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (!_fw_window_on_case_page (self))
    return;
  if (!fw_case_editor_focus_next_unanswered (FW_CASE_EDITOR (self->editor), FALSE))
    _fw_window_show_toast (self, _("Every key question of this case is answered"));
}

static void
move_case (FwWindow *self, int delta)
{
  FwCaseItem *current = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  FwCaseItem *next;

  if (self->session == NULL || fw_case_list_get_n_shown (FW_CASE_LIST (self->case_list)) == 0)
    return;
  if ((next = fw_case_list_get_neighbour (FW_CASE_LIST (self->case_list), current, delta)) == NULL)
    {
      _fw_window_show_toast (self, delta > 0 ? _("This is the last case") : _("This is the first case"));
      return;
    }
  _fw_window_show_case (self, next);
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

/* What a case still needs before it is complete: its unanswered key
 * questions and missing evidence notes, as the Review page lists them. */
static GPtrArray *
case_gaps (FwWindow *self, FwCaseItem *item, GError **error)
{
  g_autoptr(GPtrArray) problems = fw_review_problems (self->store, fw_session_get_inspection_id (self->session),
                                                      error);
  GPtrArray *gaps;

  if (problems == NULL)
    return NULL;
  gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_problem_free);
  for (guint i = 0; i < problems->len; i++)
    {
      FwProblem *p = g_ptr_array_index (problems, i);

      if (g_strcmp0 (p->case_id, fw_case_item_get_id (item)) == 0
          && (p->kind == FW_PROBLEM_UNANSWERED || p->kind == FW_PROBLEM_NO_NOTE))
        g_ptr_array_add (gaps, g_ptr_array_steal_index (problems, i--));
    }
  return gaps;
}

static void
go_to_gap (FwWindow *self, FwProblem *gap)
{
  FwCaseEditor *editor = FW_CASE_EDITOR (self->editor);

  if (gap == NULL || gap->item == NULL || !fw_case_editor_focus_item (editor, gap->item))
    return;
  if (gap->kind == FW_PROBLEM_NO_NOTE)
    fw_case_editor_edit_note (editor);
}

static void
on_complete_gaps_response (FwCompleteCaseDialog *dialog, const char *response, FwWindow *self)
{
  if (g_strcmp0 (response, "go") == 0 && self->session != NULL)
    go_to_gap (self, fw_complete_case_dialog_get_chosen (dialog));
}

static void
action_complete_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;

  if (!_fw_window_on_case_page (self) || item == NULL)
    return;
  gaps = case_gaps (self, item, &error);
  if (gaps != NULL && gaps->len > 0)
    {
      GString *list = g_string_new (NULL);
      GtkWidget *dialog;

      /* every gap, answers and notes alike; Enter goes to the first */
      for (guint i = 0; i < gaps->len; i++)
        {
          FwProblem *gap = g_ptr_array_index (gaps, i);
          g_string_append_printf (list, "%s%s: %s", i ? "\n" : "", gap->item, fw_problem_kind_title (gap->kind));
        }
      g_free (self->last_message);
      self->last_message = g_string_free (list, FALSE);
      dialog = fw_complete_case_dialog_new (GTK_WINDOW (self), fw_session_get_framework (self->session), item, gaps);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_complete_gaps_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (!fw_session_complete_case (self->session, fw_case_item_get_id (item), &error))
    {
      _fw_window_show_error (self, _("The case could not be marked complete"), error->message);
      return;
    }
  _fw_window_show_toast (self, _("Case marked complete"));
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
      _fw_window_show_toast (self, _("Nothing to undo"));
      return;
    }
  if (!fw_session_undo (self->session, &case_id, &item_id, &error))
    {
      _fw_window_show_error (self, _("Could not undo"), error->message);
      return;
    }
  /* the editor follows the session; the undone answer's case is brought back */
  item = fw_session_find_case (self->session, case_id, NULL);
  if (item && item != fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)))
    {
      fw_case_list_select_case (FW_CASE_LIST (self->case_list), item);
      fw_case_editor_set_case (FW_CASE_EDITOR (self->editor), item);
      gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "case");
    }
  fw_case_editor_focus_item (FW_CASE_EDITOR (self->editor), item_id);
}

static void
action_edit_note (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (_fw_window_on_case_page (self))
    fw_case_editor_edit_note (FW_CASE_EDITOR (self->editor));
}

static void
action_toggle_prompts (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (_fw_window_on_case_page (self))
    fw_case_editor_toggle_prompts (FW_CASE_EDITOR (self->editor));
}

/* ---------------------------------------------------------------- pages */

static void
action_show_page (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  const char *page = g_variant_get_string (param, NULL);
  FwCaseList *list = FW_CASE_LIST (self->case_list);

  if (self->session == NULL)
    return;
  if (g_strcmp0 (page, "case") == 0)
    {
      /* the case chosen in the list; the first one if none was ever open */
      FwCaseItem *item = fw_case_list_get_selected_case (list);

      if (item == NULL && fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)) == NULL)
        item = fw_case_list_get_shown (list, 0);
      if (item != NULL)
        {
          _fw_window_show_case (self, item);
          return;
        }
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), page);
  if (g_strcmp0 (page, "cases") == 0)
    fw_case_list_focus_list (list);
}

static void
action_search (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (self->session == NULL)
    return;
  gtk_stack_set_visible_child_name (GTK_STACK (self->inspection_stack), "cases");
  fw_case_list_focus_search (FW_CASE_LIST (self->case_list));
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

/* F6: from the page to the ratings and back, as in GNOME's other windows
 * with panes; back to where the focus was (the question, the list row). */
static void
action_next_pane (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->session == NULL)
    return;
  if (focus != NULL && (focus == self->ratings || gtk_widget_is_ancestor (focus, self->ratings)))
    {
      if (self->pane_return != NULL && gtk_widget_get_mapped (self->pane_return)
          && gtk_widget_grab_focus (self->pane_return))
        return;
      if (_fw_window_on_case_page (self))
        fw_case_editor_focus_first (FW_CASE_EDITOR (self->editor));
      else
        gtk_widget_child_focus (gtk_stack_get_visible_child (GTK_STACK (self->inspection_stack)),
                                GTK_DIR_TAB_FORWARD);
      return;
    }
  g_set_weak_pointer (&self->pane_return, focus);
  if (!adw_flap_get_reveal_flap (ADW_FLAP (self->flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), TRUE);
  gtk_widget_child_focus (self->ratings, GTK_DIR_TAB_FORWARD);
}

/* ---------------------------------------------------------------- inspections and files */

static void
on_new_inspection_response (FwNewInspectionDialog *dialog, const char *response, FwWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) inspectors = NULL;
  const char *framework_id;

  if (g_strcmp0 (response, "create") != 0)
    return;
  if ((framework_id = fw_new_inspection_dialog_get_framework_id (dialog)) == NULL)
    return;
  inspectors = fw_new_inspection_dialog_dup_inspectors (dialog);
  if (!fw_window_create_inspection (self, framework_id, fw_new_inspection_dialog_get_service (dialog),
                                    fw_new_inspection_dialog_get_start_date (dialog),
                                    (const char *const *) inspectors, &error))
    _fw_window_show_error (self, _("The inspection could not be created"), error->message);
}

static void
action_new_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autofree char *user = NULL;
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  user = _fw_window_dup_user_name (self);
  dialog = fw_new_inspection_dialog_new (GTK_WINDOW (self), user);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_inspection_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_open_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !fw_window_open_inspection (self, g_variant_get_string (param, NULL), &error))
    _fw_window_show_error (self, _("The inspection could not be opened"), error->message);
}

static void
action_open_database_file (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!fw_window_open_database (self, g_variant_get_string (param, NULL), &error))
    _fw_window_show_error (self, _("The database could not be opened"), error->message);
}

static void
action_switch_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  fw_inspection_switcher_popup (FW_INSPECTION_SWITCHER (FW_WINDOW (widget)->inspection_switcher));
}

static void
on_open_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-database-file", "s", path);
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
  _fw_window_show_error (self, _("The demo could not be opened"), error->message);
}

/* ---------------------------------------------------------------- cases */

static void
on_add_case_response (FwAddCaseDialog *dialog, const char *response, FwWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) attributes = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reference = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;
  reference = fw_add_case_dialog_dup_reference (dialog);
  g_strv_builder_add (builder, FW_CASE_FIELD_KIND);
  g_strv_builder_add (builder, fw_add_case_dialog_get_kind_id (dialog));
  g_strv_builder_add (builder, FW_CASE_FIELD_INSPECTOR);
  g_strv_builder_add (builder, fw_add_case_dialog_get_inspector (dialog));
  /* the framework's attributes given */
  attributes = fw_add_case_dialog_dup_attributes (dialog);
  g_strv_builder_addv (builder, (const char **) attributes);
  fields = g_strv_builder_end (builder);
  if ((id = fw_session_add_case (self->session, reference, (const char * const *) fields, &error)) == NULL)
    {
      _fw_window_show_error (self, _("The case could not be added"), error->message);
      return;
    }
  fw_window_open_case (self, reference);
}

/* Whether the open inspection has a case of this reference (the dialog
 * is modal: the window, and its session, outlive it). */
static gboolean
reference_taken (const char *reference, gpointer data)
{
  FwWindow *self = data;
  FwCaseModel *cases = self->session ? fw_session_get_case_model (self->session) : NULL;
  guint n = cases ? g_list_model_get_n_items (G_LIST_MODEL (cases)) : 0;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fw_case_model_get_reference (cases, i), reference) == 0)
      return TRUE;
  return FALSE;
}

static void
action_add_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  dialog = fw_add_case_dialog_new (GTK_WINDOW (self), fw_session_get_framework (self->session),
                                   fw_store_get_user (self->store));
  fw_add_case_dialog_set_taken_func (FW_ADD_CASE_DIALOG (dialog), reference_taken, self);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_case_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The case the user means: the one open on the Case page, or the one
 * chosen in the list on the Cases page. */
static FwCaseItem *
current_case (FwWindow *self)
{
  if (_fw_window_on_case_page (self))
    return fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  return fw_case_list_get_selected_case (FW_CASE_LIST (self->case_list));
}

static void
on_case_details_response (FwAddCaseDialog *dialog, const char *response, FwWindow *self)
{
  g_auto(GStrv) changes = NULL;
  guint n = 0;

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;
  changes = fw_add_case_dialog_dup_changes (dialog);
  for (guint i = 0; changes[i] && changes[i + 1]; i += 2, n++)
    {
      g_autoptr(GError) error = NULL;

      if (!fw_session_set_case_attribute (self->session, fw_add_case_dialog_get_case_id (dialog), changes[i],
                                          changes[i + 1], &error))
        {
          _fw_window_show_error (self, _("The case’s details could not be changed"), error->message);
          return;
        }
    }
  if (n > 0)
    _fw_window_show_toast (self, _("Case details saved"));
}

static void
action_edit_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item;
  GtkWidget *dialog;

  if (self->session == NULL || (item = current_case (self)) == NULL)
    return;
  dialog = fw_add_case_dialog_new_for_case (GTK_WINDOW (self), fw_session_get_framework (self->session),
                                            fw_case_item_get_case (item));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_case_details_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (!fw_window_import_cases (self, path, &error))
        _fw_window_show_error (self, _("Nothing was imported"), error->message);
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

/* ---------------------------------------------------------------- review */

static void
action_quality_assure (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  g_autoptr(GError) error = NULL;

  if (!_fw_window_on_case_page (self) || item == NULL)
    return;
  if (!fw_session_move_case (self->session, fw_case_item_get_id (item), FW_CASE_QUALITY_ASSURED, &error))
    {
      _fw_window_show_error (self, _("The case could not be quality-assured"), error->message);
      return;
    }
  _fw_window_show_toast (self, _("Case quality-assured"));
}

static void
on_return_response (FwReturnCaseDialog *dialog, const char *response, FwWindow *self)
{
  FwCaseItem *item = fw_return_case_dialog_get_case (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "return") != 0 || self->session == NULL)
    return;
  if (!fw_session_return_case (self->session, fw_case_item_get_id (item), fw_return_case_dialog_get_item_id (dialog),
                               fw_return_case_dialog_get_comment (dialog), &error))
    {
      _fw_window_show_error (self, _("The case could not be returned"), error->message);
      return;
    }
  fw_window_open_case (self, fw_case_item_get_reference (item));
  _fw_window_show_toast (self, _("Case returned to its inspector"));
}

static void
action_return_case (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  FwCaseItem *item = fw_case_editor_get_case (FW_CASE_EDITOR (self->editor));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, FW_TYPE_QUESTION_ROW) : NULL;
  GtkWidget *dialog;

  if (!_fw_window_on_case_page (self) || item == NULL)
    return;
  /* a comment about the question in focus, if any */
  dialog = fw_return_case_dialog_new (GTK_WINDOW (self), item,
                                      row ? fw_question_row_get_item_id (FW_QUESTION_ROW (row)) : NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_return_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Unlock, from the banner a locked inspection shows */
static void
action_unlock (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (self->session == NULL || !fw_session_is_locked (self->session))
    return;
  /* it asks why, and unlocks through the session */
  gtk_window_present (GTK_WINDOW (fw_unlock_dialog_new (GTK_WINDOW (self), self->session)));
}

/* ---------------------------------------------------------------- export */

/* An export, written by an FwJobDialog on its worker thread. */
typedef struct {
  FwExportData   *data;
  FwExportFormat  format;
  char           *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  fw_export_data_free (job->data);
  g_free (job->path);
  g_free (job);
}

/* on the worker thread */
static void
export_progress (double fraction, gpointer dialog)
{
  fw_job_dialog_report (dialog, fraction, NULL);
}

static gboolean
export_run (FwJobDialog *dialog, gpointer data, GCancellable *cancellable, GError **error)
{
  ExportJob *job = data;

  return fw_export_write (job->data, job->format, job->path, export_progress, dialog, cancellable, error);
}

static void
on_export_finished (FwJobDialog *dialog, const GError *error, FwWindow *self)
{
  if (error == NULL)
    {
      ExportJob *job = fw_job_dialog_get_job (dialog);
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *msg = g_strdup_printf (_("Exported %s"), base);

      _fw_window_show_toast (self, msg);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _fw_window_show_toast (self, _("Export cancelled"));
  else
    _fw_window_show_error (self, _("The export failed"), error->message);
}

gboolean
fw_window_export (FwWindow *self, int format, const char *path, gboolean whole_sample, GError **error)
{
  FwExportData *data;
  ExportJob *job;
  GtkWidget *dialog;

  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);
  if (self->session == NULL)
    return FALSE;
  data = fw_export_data_collect (self->store, fw_session_get_inspection_id (self->session),
                                 whole_sample ? NULL : fw_session_get_filter (self->session), error);
  if (data == NULL)
    return FALSE;
  job = g_new0 (ExportJob, 1);
  job->data = data;
  job->format = format;
  job->path = g_strdup (path);
  /* the path written to is the dialog's body */
  dialog = fw_job_dialog_new (GTK_WINDOW (self), _("Exporting…"), path);
  fw_job_dialog_set_progress_name (FW_JOB_DIALOG (dialog), _("Export progress"));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  fw_job_dialog_start (FW_JOB_DIALOG (dialog), export_run, job, (GDestroyNotify) export_job_free);
  return TRUE;
}

static void
on_export_options_response (FwExportOptionsDialog *dialog, const char *response, FwWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (g_strcmp0 (response, "export") != 0 || self->session == NULL
      || (path = fw_export_options_dialog_dup_path (dialog)) == NULL)
    return;
  /* the next export starts in the same folder */
  g_free (self->export_folder);
  self->export_folder = g_path_get_dirname (path);
  if (!fw_window_export (self, fw_export_options_dialog_get_format (dialog), path,
                         fw_export_options_dialog_get_whole_sample (dialog), &error))
    _fw_window_show_error (self, _("The export failed"), error->message);
}

/* Asks what to export (the whole sample or the sub-sample chosen in the
 * ratings panel), how and where, then writes it. */
static void
action_export (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  const char *folder;
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  folder = self->export_folder ? self->export_folder : g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  dialog = fw_export_options_dialog_new (GTK_WINDOW (self), self->session, folder);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_options_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- audit trail */

GtkWidget *
fw_window_show_audit (FwWindow *self)
{
  FwCaseItem *item;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  if (self->session == NULL)
    return NULL;
  item = _fw_window_on_case_page (self) ? fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)) : NULL;
  if ((dialog = fw_audit_dialog_new (GTK_WINDOW (self), self->session, item, &error)) == NULL)
    {
      _fw_window_show_error (self, _("The audit trail could not be read"), error->message);
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
action_audit (GtkWidget *widget, const char *name, GVariant *param)
{
  fw_window_show_audit (FW_WINDOW (widget));
}

/* ---------------------------------------------------------------- drawing the sample */

static void
action_draw_sample (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (fw_draw_page_new (GTK_WINDOW (self), self->session)));
}

/* ---------------------------------------------------------------- the shortcuts window */

/* Ctrl+? and the main menu's Keyboard Shortcuts. The window is built from
 * its resource when first asked for, and kept: GtkApplicationWindow would
 * build it (gtk/help-overlay.ui) with every window it opens, which costs
 * each start some 10 ms for a window most starts never show. */
static void
action_show_help_overlay (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/fieldwork/Fieldwork/ui/fw-shortcuts-window.ui");

      self->shortcuts = GTK_WIDGET (g_object_ref_sink (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (GTK_WINDOW (self->shortcuts), GTK_WINDOW (self));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->shortcuts), TRUE);
    }
  gtk_window_present (GTK_WINDOW (self->shortcuts));
}

/* ---------------------------------------------------------------- class */

void
_fw_window_class_actions_init (GtkWidgetClass *widget_class)
{
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
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, action_next_pane);
  gtk_widget_class_install_action (widget_class, "win.new-inspection", NULL, action_new_inspection);
  gtk_widget_class_install_action (widget_class, "win.open-inspection", "s", action_open_inspection);
  gtk_widget_class_install_action (widget_class, "win.switch-inspection", NULL, action_switch_inspection);
  gtk_widget_class_install_action (widget_class, "win.add-case", NULL, action_add_case);
  gtk_widget_class_install_action (widget_class, "win.edit-case", NULL, action_edit_case);
  gtk_widget_class_install_action (widget_class, "win.import-cases", NULL, action_import_cases);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, action_open_database);
  gtk_widget_class_install_action (widget_class, "win.open-database-file", "s", action_open_database_file);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, action_open_demo);
  gtk_widget_class_install_action (widget_class, "win.quality-assure", NULL, action_quality_assure);
  gtk_widget_class_install_action (widget_class, "win.return-case", NULL, action_return_case);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, action_unlock);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, action_audit);
  gtk_widget_class_install_action (widget_class, "win.draw-sample", NULL, action_draw_sample);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, action_show_help_overlay);

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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-inspection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.edit-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.switch-inspection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-cases", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.audit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}
