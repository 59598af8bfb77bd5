/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* FwWindow, team fieldwork: the lead allocates cases and prepares one
 * package per inspector's laptop, a laptop opens its package and sends its
 * work back, the lead merges the returns and resolves the conflicts.
 *
 * The long calls (key derivation, packages, merges) run on a worker thread
 * on a second store opened on the same file (FwSyncJob, in an FwJobDialog); the
 * window's store then announces what changed and the session follows it.
 * Nothing here reloads by hand. */

#include <glib/gi18n.h>

#include "fw-window-private.h"
#include "fw-review-page.h"
#include "fw-allocate-dialog.h"
#include "fw-conflicts-dialog.h"
#include "fw-passphrase-dialog.h"
#include "fw-job-dialog.h"
#include "fw-sync-job.h"

#define PACKAGE_PATTERN "*.fieldwork-package"
#define RETURN_PATTERN  "*.fieldwork-return"

/* ---------------------------------------------------------------- what may be done */

static guint
count_open_conflicts (FwWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  guint n = 0;

  conflicts = fw_sync_list_conflicts (self->store, fw_session_get_inspection_id (self->session), NULL);
  for (guint i = 0; conflicts && i < conflicts->len; i++)
    if (((FwSyncConflict *) g_ptr_array_index (conflicts, i))->resolved == NULL)
      n++;
  return n;
}

/* The role this database has for the open inspection decides the team
 * actions; the header says when it is an inspector's laptop. */
void
_fw_window_team_update (FwWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->session != NULL;
  gboolean locked = open && fw_session_is_locked (self->session);
  g_autofree char *inspector = NULL;
  FwRole role = FW_ROLE_LEAD;
  guint conflicts = 0;

  if (self->role_label == NULL)
    return;
  if (open)
    role = fw_sync_get_role (self->store, fw_session_get_inspection_id (self->session), &inspector);
  /* an inspector's installation (the setting) works as the user */
  if (role == FW_ROLE_INSPECTOR && inspector == NULL)
    inspector = g_strdup (fw_store_get_user (self->store));
  /* the lead's actions, for the lead only */
  gtk_widget_action_set_enabled (widget, "win.quality-assure", open && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.return-case", open && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.edit-case", open && !locked && role == FW_ROLE_LEAD);
  fw_case_editor_set_lead_actions (FW_CASE_EDITOR (self->editor), role == FW_ROLE_LEAD);
  fw_review_page_set_lead_actions (FW_REVIEW_PAGE (self->review), role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.allocate", open && !locked && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.prepare-laptops", open && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.prepare-laptops-in", open && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.merge-returns", open && !locked && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.merge-return-files", open && !locked && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.show-conflicts", open && role == FW_ROLE_LEAD);
  gtk_widget_action_set_enabled (widget, "win.send-work", open && role == FW_ROLE_INSPECTOR);
  gtk_widget_action_set_enabled (widget, "win.send-work-to", open && role == FW_ROLE_INSPECTOR);

  if (role == FW_ROLE_INSPECTOR)
    {
      g_autofree char *text = g_strdup_printf (_("Inspector: %s"), inspector);

      gtk_label_set_text (GTK_LABEL (self->role_label), text);
      fw_case_list_set_allocate_tooltip (FW_CASE_LIST (self->case_list),
                                         _("Only the lead allocates cases; this laptop works in an inspector’s role"));
    }
  else
    fw_case_list_set_allocate_tooltip (FW_CASE_LIST (self->case_list),
                                       locked ? _("The inspection is locked: unlock it to allocate cases")
                                              : _("Allocate the chosen cases to an inspector (Ctrl or Shift and a click chooses several)"));
  gtk_widget_set_visible (self->role_label, role == FW_ROLE_INSPECTOR);

  if (open && role == FW_ROLE_LEAD)
    conflicts = count_open_conflicts (self);
  if (conflicts > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u conflict from the merged returns waits for your decision.",
                                                         "%u conflicts from the merged returns wait for your decision.",
                                                         conflicts), conflicts);
      gtk_label_set_text (GTK_LABEL (self->conflicts_label), text);
    }
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->conflicts_banner), conflicts > 0);
}

/* A merge, a package opened, an allocation or a resolution arrives as a
 * reload of the inspection: the role and the conflicts may have changed. */
static void
on_session_changed (FwWindow *self, FwChange *change)
{
  if (change->kind == FW_CHANGE_RELOAD)
    _fw_window_team_update (self);
}

void
_fw_window_team_init (FwWindow *self)
{
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_session_changed), self,
                                 G_CONNECT_SWAPPED);
  _fw_window_team_update (self);
}

static char *
dup_user (FwWindow *self)
{
  return g_strdup (fw_store_get_user (self->store));
}

/* ---------------------------------------------------------------- allocation */

static void
on_allocate_response (FwAllocateDialog *dialog, const char *response, FwWindow *self)
{
  GPtrArray *cases = fw_allocate_dialog_get_cases (dialog);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *inspector = fw_allocate_dialog_get_inspector (dialog);
  g_autofree char *msg = NULL;

  if (g_strcmp0 (response, "allocate") != 0 || self->session == NULL)
    return;
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (ids, (gpointer) fw_case_item_get_id (g_ptr_array_index (cases, i)));
  g_ptr_array_add (ids, NULL);
  /* audited; the store announces it and the list follows */
  if (!fw_sync_allocate (self->store, fw_session_get_inspection_id (self->session),
                         (const char * const *) ids->pdata, inspector, &error))
    {
      _fw_window_show_error (self, _("The cases could not be allocated"), error->message);
      return;
    }
  msg = inspector ? g_strdup_printf (ngettext ("%u case allocated to %s", "%u cases allocated to %s", cases->len),
                                     cases->len, inspector)
                  : g_strdup_printf (ngettext ("%u case no longer allocated", "%u cases no longer allocated",
                                               cases->len), cases->len);
  _fw_window_show_toast (self, msg);
}

static void
action_allocate (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GPtrArray) cases = NULL;
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  cases = fw_case_list_dup_selected_cases (FW_CASE_LIST (self->case_list));
  /* on the Case page: the case open there */
  if (cases->len == 0 && fw_case_editor_get_case (FW_CASE_EDITOR (self->editor)) != NULL
      && _fw_window_on_case_page (self))
    g_ptr_array_add (cases, g_object_ref (fw_case_editor_get_case (FW_CASE_EDITOR (self->editor))));
  if (cases->len == 0)
    {
      _fw_window_show_toast (self, _("Choose the cases to allocate in the Cases list first"));
      return;
    }
  dialog = fw_allocate_dialog_new (GTK_WINDOW (self),
                                   (const char * const *) fw_session_get_info (self->session)->inspectors, cases);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_allocate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- passphrases and jobs */

/* Asks for the passphrase of files (one to read, or new ones: twice). */
static GtkWidget *
ask_passphrase (FwWindow *self, const char *heading, const char *body, gboolean confirm,
                const char * const *files, GCallback on_response)
{
  GtkWidget *dialog = fw_passphrase_dialog_new (GTK_WINDOW (self), heading, body, confirm, files);

  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Runs the job in a progress dialog; on_finished hears how it ended. */
static void
start_job (FwWindow *self, const char *heading, FwSyncJob *job, GCallback on_finished)
{
  GtkWidget *dialog = fw_job_dialog_new (GTK_WINDOW (self), heading, NULL);

  g_signal_connect_object (dialog, "finished", on_finished, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  fw_sync_job_start (job, FW_JOB_DIALOG (dialog));
}

static void
say (FwWindow *self, const char *msg)
{
  g_free (self->last_message);
  self->last_message = g_strdup (msg);
  _fw_window_show_toast (self, msg);
}

static void
show_job_error (FwWindow *self, const GError *error, const char *cancelled, const char *heading)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    say (self, cancelled);
  else
    _fw_window_show_error (self, heading, error->message);
}

/* ---------------------------------------------------------------- preparing laptops */

static void
on_packages_finished (FwJobDialog *progress, const GError *error, FwWindow *self)
{
  const char * const *written;
  g_autofree char *msg = NULL;
  guint n;

  if (error != NULL)
    {
      show_job_error (self, error, _("Stopped: no packages were written"), _("The packages could not be written"));
      return;
    }
  written = fw_sync_job_get_written (fw_job_dialog_get_job (progress));
  n = g_strv_length ((char **) written);
  msg = g_strdup_printf (ngettext ("%u package written, one per inspector", "%u packages written, one per inspector",
                                   n), n);
  say (self, msg);
}

static void
on_packages_passphrase (FwPassphraseDialog *dialog, const char *response, FwWindow *self)
{
  FwSyncJob *job;
  g_autofree char *user = NULL;
  FwInspectionInfo *info;

  if (g_strcmp0 (response, "ok") != 0 || self->session == NULL)
    return;
  info = fw_session_get_info (self->session);
  user = dup_user (self);
  job = fw_sync_job_new_packages (fw_store_get_path (self->store), user, fw_session_get_inspection_id (self->session),
                                  (const char * const *) info->inspectors, fw_passphrase_dialog_get_files (dialog)[0],
                                  fw_passphrase_dialog_get_passphrase (dialog));
  start_job (self, _("Preparing Laptops"), job, G_CALLBACK (on_packages_finished));
}

/* The folder chosen: the passphrase, twice. */
static void
action_prepare_laptops_in (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  const char *folder = g_variant_get_string (param, NULL);
  const char *files[] = { folder, NULL };
  FwInspectionInfo *info;
  g_autofree char *body = NULL;
  guint n;

  if (self->session == NULL)
    return;
  info = fw_session_get_info (self->session);
  if ((n = info->inspectors ? g_strv_length (info->inspectors) : 0) == 0)
    {
      _fw_window_show_error (self, _("No packages were written"), _("The inspection has no inspectors"));
      return;
    }
  body = g_strdup_printf (ngettext ("One package for %u inspector goes into %s. Choose a passphrase and tell it to "
                                    "the inspector in person, not with the file.",
                                    "One package for each of %u inspectors goes into %s. Choose a passphrase and "
                                    "tell it to the inspectors in person, not with the files.", n), n, folder);
  ask_passphrase (self, _("Passphrase for the Packages"), body, TRUE, files, G_CALLBACK (on_packages_passphrase));
}

static void
on_folder_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.prepare-laptops-in", "s", path);
    }
  g_object_unref (native);
}

static void
action_prepare_laptops (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;

  if (self->session == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Folder for the Packages"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  g_signal_connect (native, "response", G_CALLBACK (on_folder_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------- opening a package */

static void
on_package_opened (FwJobDialog *progress, const GError *error, FwWindow *self)
{
  g_autoptr(GError) open_error = NULL;
  gboolean updated;
  const char *id;

  if (error != NULL)
    {
      show_job_error (self, error, _("Stopped: the package was not opened"), _("The package could not be opened"));
      return;
    }
  id = fw_sync_job_get_inspection_id (fw_job_dialog_get_job (progress));
  updated = self->session != NULL && g_strcmp0 (fw_session_get_inspection_id (self->session), id) == 0;
  /* the store has committed: the inspection is there to open (if it was
   * open already, the session follows the store's announcement) */
  if (!fw_window_open_inspection (self, id, &open_error))
    {
      _fw_window_show_error (self, _("The package could not be opened"), open_error->message);
      return;
    }
  fw_store_poll (self->store);
  _fw_window_team_update (self);
  if (updated)
    {
      guint n = fw_sync_job_get_result (fw_job_dialog_get_job (progress))->changes;
      g_autofree char *msg = g_strdup_printf (ngettext ("The lead’s newer package: %u change, your own work kept",
                                                        "The lead’s newer package: %u changes, your own work kept", n),
                                              n);
      say (self, msg);
    }
  else
    say (self, _("Package opened: your cases are in the Cases list"));
}

static void
on_package_passphrase (FwPassphraseDialog *dialog, const char *response, FwWindow *self)
{
  FwSyncJob *job;
  g_autofree char *user = NULL;

  if (g_strcmp0 (response, "ok") != 0 || self->store == NULL)
    return;
  user = dup_user (self);
  job = fw_sync_job_new_open_package (fw_store_get_path (self->store), user, fw_passphrase_dialog_get_files (dialog)[0],
                                      fw_passphrase_dialog_get_passphrase (dialog));
  start_job (self, _("Opening the Package"), job, G_CALLBACK (on_package_opened));
}

static void
action_open_package_file (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  const char *files[] = { path, NULL };
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *body = NULL;

  if (self->store == NULL)
    return;
  body = g_strdup_printf (_("The passphrase the lead gave you for %s."), base);
  ask_passphrase (self, _("Open the Package"), body, FALSE, files, G_CALLBACK (on_package_passphrase));
}

static void
on_package_file_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-package-file", "s", path);
    }
  g_object_unref (native);
}

static void
add_filter (GtkFileChooserNative *native, const char *title, const char *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, title);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
}

static void
action_open_package (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Package"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  add_filter (native, _("Fieldwork packages"), PACKAGE_PATTERN);
  add_filter (native, _("All files"), "*");
  g_signal_connect (native, "response", G_CALLBACK (on_package_file_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------- sending my work */

static void
on_return_written (FwJobDialog *progress, const GError *error, FwWindow *self)
{
  const char * const *written;
  g_autofree char *base = NULL, *msg = NULL;
  guint changes;

  if (error != NULL)
    {
      show_job_error (self, error, _("Stopped: nothing was written"), _("Your work could not be written"));
      return;
    }
  written = fw_sync_job_get_written (fw_job_dialog_get_job (progress));
  changes = fw_sync_job_get_result (fw_job_dialog_get_job (progress))->changes;
  base = g_path_get_basename (written[0]);
  msg = g_strdup_printf (ngettext ("%s written: %u change for the lead", "%s written: %u changes for the lead",
                                   changes), base, changes);
  say (self, msg);
}

static void
on_return_passphrase (FwPassphraseDialog *dialog, const char *response, FwWindow *self)
{
  FwSyncJob *job;
  g_autofree char *user = NULL;

  if (g_strcmp0 (response, "ok") != 0 || self->session == NULL)
    return;
  user = dup_user (self);
  job = fw_sync_job_new_return (fw_store_get_path (self->store), user, fw_session_get_inspection_id (self->session),
                                fw_passphrase_dialog_get_files (dialog)[0], fw_passphrase_dialog_get_passphrase (dialog));
  start_job (self, _("Sending Your Work"), job, G_CALLBACK (on_return_written));
}

static void
action_send_work_to (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  const char *files[] = { g_variant_get_string (param, NULL), NULL };

  if (self->session == NULL)
    return;
  ask_passphrase (self, _("Passphrase for Your Work"),
                  _("Everything you did since the package goes into one file for the lead, sealed with the "
                    "passphrase the lead gave you."),
                  TRUE, files, G_CALLBACK (on_return_passphrase));
}

static void
on_return_file_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.send-work-to", "s", path);
    }
  g_object_unref (native);
}

static void
action_send_work (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autofree char *inspector = NULL, *suggested = NULL, *date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (self->session == NULL)
    return;
  fw_sync_get_role (self->store, fw_session_get_inspection_id (self->session), &inspector);
  date = g_date_time_format (now, "%Y-%m-%d-%H%M");
  suggested = g_strdup_printf ("%s %s.fieldwork-return", inspector ? inspector : _("Inspector"), date);
  native = gtk_file_chooser_native_new (_("Send My Work"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  g_signal_connect (native, "response", G_CALLBACK (on_return_file_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------- merging returns */

static void
on_summary_response (AdwMessageDialog *dialog, const char *response, FwWindow *self)
{
  if (g_strcmp0 (response, "conflicts") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-conflicts", NULL);
}

static void
on_merged (FwJobDialog *progress, const GError *error, FwWindow *self)
{
  const FwSyncResult *result;
  g_autofree char *changes = NULL, *summary = NULL;
  GtkWidget *dialog;

  if (error != NULL)
    {
      show_job_error (self, error, _("Stopped: nothing was merged"), _("Nothing was merged"));
      return;
    }
  result = fw_sync_job_get_result (fw_job_dialog_get_job (progress));
  changes = g_strdup_printf (ngettext ("%u change merged", "%u changes merged", result->changes), result->changes);
  /* TRANSLATORS: "%s" is "N changes merged" */
  summary = g_strdup_printf (ngettext ("%s, %u conflict", "%s, %u conflicts", result->conflicts), changes,
                             result->conflicts);
  g_free (self->last_message);
  self->last_message = g_strdup (summary);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Returns Merged"), summary);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (result->conflicts > 0)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "conflicts", _("_Resolve Conflicts…"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "conflicts", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "conflicts");
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_summary_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  /* the answers arrive through the store's announcement; look now */
  fw_store_poll (self->store);
}

static void
on_merge_passphrase (FwPassphraseDialog *dialog, const char *response, FwWindow *self)
{
  FwSyncJob *job;
  g_autofree char *user = NULL;

  if (g_strcmp0 (response, "ok") != 0 || self->session == NULL)
    return;
  user = dup_user (self);
  job = fw_sync_job_new_merge (fw_store_get_path (self->store), user, fw_session_get_inspection_id (self->session),
                               fw_passphrase_dialog_get_files (dialog), fw_passphrase_dialog_get_passphrase (dialog));
  start_job (self, _("Merging Returns"), job, G_CALLBACK (on_merged));
}

static void
action_merge_return_files (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autofree const char **files = g_variant_get_strv (param, NULL);
  g_autofree char *body = NULL;
  guint n = g_strv_length ((char **) files);

  if (self->session == NULL || n == 0)
    return;
  body = g_strdup_printf (ngettext ("The passphrase of the return: %u file. Everything in it is merged, or nothing.",
                                    "The passphrase of the returns: %u files, one passphrase. Everything in them is "
                                    "merged, or nothing.", n), n);
  ask_passphrase (self, _("Merge Returns"), body, FALSE, files, G_CALLBACK (on_merge_passphrase));
}

static void
on_returns_response (GtkNativeDialog *native, int response, FwWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) paths = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path)
            g_strv_builder_add (builder, path);
        }
      paths = g_strv_builder_end (builder);
      gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.merge-return-files",
                                          g_variant_new_strv ((const char * const *) paths, -1));
    }
  g_object_unref (native);
}

static void
action_merge_returns (GtkWidget *widget, const char *name, GVariant *param)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *native;

  if (self->session == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Merge Returns"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Merge"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  add_filter (native, _("Fieldwork returns"), RETURN_PATTERN);
  add_filter (native, _("All files"), "*");
  g_signal_connect (native, "response", G_CALLBACK (on_returns_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------- conflicts */

GtkWidget *
fw_window_show_conflicts (FwWindow *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  if (self->session == NULL)
    return NULL;
  dialog = fw_conflicts_dialog_new (GTK_WINDOW (self), self->session);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
action_show_conflicts (GtkWidget *widget, const char *name, GVariant *param)
{
  fw_window_show_conflicts (FW_WINDOW (widget));
}

/* ---------------------------------------------------------------- class */

void
_fw_window_class_team_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (FW_TYPE_CASE_LIST);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, role_label);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, conflicts_banner);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, conflicts_label);

  gtk_widget_class_install_action (widget_class, "win.allocate", NULL, action_allocate);
  gtk_widget_class_install_action (widget_class, "win.prepare-laptops", NULL, action_prepare_laptops);
  gtk_widget_class_install_action (widget_class, "win.prepare-laptops-in", "s", action_prepare_laptops_in);
  gtk_widget_class_install_action (widget_class, "win.open-package", NULL, action_open_package);
  gtk_widget_class_install_action (widget_class, "win.open-package-file", "s", action_open_package_file);
  gtk_widget_class_install_action (widget_class, "win.send-work", NULL, action_send_work);
  gtk_widget_class_install_action (widget_class, "win.send-work-to", "s", action_send_work_to);
  gtk_widget_class_install_action (widget_class, "win.merge-returns", NULL, action_merge_returns);
  gtk_widget_class_install_action (widget_class, "win.merge-return-files", "as", action_merge_return_files);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, action_show_conflicts);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.allocate", NULL);
}
