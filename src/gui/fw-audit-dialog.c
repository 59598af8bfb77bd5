/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-audit-dialog.h"
#include "fw-audit-row.h"

struct _FwAuditDialog {
  AdwWindow           parent_instance;

  /* template */
  GtkWidget          *search_entry;
  GtkWidget          *case_filter;
  GtkWidget          *who_filter;
  GtkStringList      *case_titles;     /* "All cases", then the references */
  GtkStringList      *who_titles;      /* "Everyone", then the names */
  GtkWidget          *view;
  GtkWidget          *summary;

  GListStore         *rows;            /* FwAuditRow, newest first */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (FwAuditDialog, fw_audit_dialog, ADW_TYPE_WINDOW)

/* ---------------------------------------------------------------- filtering */

/* The drop-down's choice; NULL for its first entry, everything. */
static const char *
chosen (GtkWidget *drop_down, GtkStringList *titles)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  if (pos == 0 || pos == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (titles, pos);
}

static gboolean
row_shown (gpointer item, gpointer data)
{
  FwAuditDialog *self = data;
  FwAuditRow *row = item;
  const char *reference = chosen (self->case_filter, self->case_titles);
  const char *who = chosen (self->who_filter, self->who_titles);

  if (reference && g_strcmp0 (fw_audit_row_get_reference (row), reference) != 0)
    return FALSE;
  if (who && g_strcmp0 (fw_audit_row_get_who (row), who) != 0)
    return FALSE;
  return fw_audit_row_matches (row, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
update_summary (FwAuditDialog *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = g_strdup_printf (ngettext ("%u of %u change shown, newest first",
                                                     "%u of %u changes shown, newest first", total),
                                           shown, total);

  gtk_label_set_text (GTK_LABEL (self->summary), text);
}

static void
on_filter_changed (FwAuditDialog *self)
{
  if (self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

/* ---------------------------------------------------------------- CSV */

gboolean
fw_audit_dialog_export_csv (FwAuditDialog *self, GFile *file, GError **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");   /* a BOM, for spreadsheets */
  static const char *header[] = { "time", "who", "case", "question", "change", "note" };
  guint n;

  g_return_val_if_fail (FW_IS_AUDIT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fw_csv_append_field (out, header[i], i == 0);
  g_string_append (out, "\r\n");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FwAuditRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      const char *fields[] = { fw_audit_row_get_time (row), fw_audit_row_get_who (row),
                               fw_audit_row_get_reference (row), fw_audit_row_get_question (row),
                               fw_audit_row_get_change (row), fw_audit_row_get_note (row) };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        fw_csv_append_field (out, fields[j], j == 0);
      g_string_append (out, "\r\n");
    }
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, FwAuditDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && !fw_audit_dialog_export_csv (self, file, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The audit trail could not be saved"),
                                                  error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_clear_object (&self->chooser);
}

static void
action_export_csv (GtkWidget *widget, const char *name, GVariant *param)
{
  FwAuditDialog *self = FW_AUDIT_DIALOG (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Audit Trail"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "audit-trail.csv");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GtkFileChooser *
fw_audit_dialog_get_chooser (FwAuditDialog *self)
{
  g_return_val_if_fail (FW_IS_AUDIT_DIALOG (self), NULL);
  return self->chooser ? GTK_FILE_CHOOSER (self->chooser) : NULL;
}

/* ---------------------------------------------------------------- for tests */

guint
fw_audit_dialog_get_n_lines (FwAuditDialog *self)
{
  g_return_val_if_fail (FW_IS_AUDIT_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

FwAuditRow *
fw_audit_dialog_get_line (FwAuditDialog *self, guint position)
{
  g_autoptr(FwAuditRow) row = NULL;

  g_return_val_if_fail (FW_IS_AUDIT_DIALOG (self), NULL);
  row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  return row;   /* the model keeps its own reference */
}

/* ---------------------------------------------------------------- object */

static void
fw_audit_dialog_dispose (GObject *object)
{
  FwAuditDialog *self = FW_AUDIT_DIALOG (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_AUDIT_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->rows);
  self->filter = NULL;
  G_OBJECT_CLASS (fw_audit_dialog_parent_class)->dispose (object);
}

static void
on_stop_search (FwAuditDialog *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
fw_audit_dialog_class_init (FwAuditDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_audit_dialog_dispose;

  g_type_ensure (FW_TYPE_AUDIT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, case_filter);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, who_filter);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, case_titles);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, who_titles);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, view);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, summary);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_install_action (widget_class, "audit.export-csv", NULL, action_export_csv);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "audit.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fw_audit_dialog_init (FwAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (self->case_titles, _("All cases"));
  gtk_string_list_append (self->who_titles, _("Everyone"));
  self->rows = g_list_store_new (FW_TYPE_AUDIT_ROW);
  self->filter = gtk_custom_filter_new (row_shown, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), GTK_FILTER (self->filter));
  g_object_ref (self->filtered);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->view),
                             GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (self->filtered))));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
add_title (GtkStringList *titles, GHashTable *seen, const char *title)
{
  if (title && *title && g_hash_table_add (seen, (gpointer) title))
    gtk_string_list_append (titles, title);
}

GtkWidget *
fw_audit_dialog_new (GtkWindow *parent, FwSession *session, FwCaseItem *item, GError **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) cases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  FwAuditDialog *self;
  guint n;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  entries = fw_store_list_audit (fw_session_get_store (session), fw_session_get_inspection_id (session),
                                 item ? fw_case_item_get_id (item) : NULL, error);
  if (entries == NULL)
    return NULL;
  self = g_object_new (FW_TYPE_AUDIT_DIALOG, "transient-for", parent, NULL);
  /* the store lists the oldest first: newest first here */
  for (guint i = entries->len; i > 0; i--)
    {
      g_autoptr(FwAuditRow) row = fw_audit_row_new (g_ptr_array_index (entries, i - 1));
      g_list_store_append (self->rows, row);
    }
  /* the filters offer what the trail holds, in order */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  {
    g_autoptr(GPtrArray) refs = g_ptr_array_new ();
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(FwAuditRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
        const char *ref = fw_audit_row_get_reference (row), *who = fw_audit_row_get_who (row);

        if (*ref && !g_hash_table_contains (cases, ref))
          {
            g_hash_table_add (cases, (gpointer) ref);
            g_ptr_array_add (refs, (gpointer) ref);
          }
        if (*who && !g_hash_table_contains (people, who))
          {
            g_hash_table_add (people, (gpointer) who);
            g_ptr_array_add (names, (gpointer) who);
          }
      }
    g_ptr_array_sort (refs, compare_strings);
    g_ptr_array_sort (names, compare_names);
    g_hash_table_remove_all (cases);
    for (guint i = 0; i < refs->len; i++)
      add_title (self->case_titles, cases, g_ptr_array_index (refs, i));
    g_hash_table_remove_all (people);
    for (guint i = 0; i < names->len; i++)
      add_title (self->who_titles, people, g_ptr_array_index (names, i));
  }
  if (item != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Audit Trail — %s"), fw_case_item_get_reference (item));
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  update_summary (self);
  /* typing anywhere searches; Escape in the search rubs it out, and once
   * it is empty closes the trail, as Escape does elsewhere in it */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  gtk_window_set_focus (GTK_WINDOW (self), self->search_entry);
  return GTK_WIDGET (self);
}
