/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-audit-dialog.h"

struct _FwAuditDialog {
  AdwWindow      parent_instance;

  /* template */
  GtkWidget     *view;
  GtkStringList *lines;
};

G_DEFINE_FINAL_TYPE (FwAuditDialog, fw_audit_dialog, ADW_TYPE_WINDOW)

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

guint
fw_audit_dialog_get_n_lines (FwAuditDialog *self)
{
  g_return_val_if_fail (FW_IS_AUDIT_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->lines));
}

static void
fw_audit_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_AUDIT_DIALOG);
  G_OBJECT_CLASS (fw_audit_dialog_parent_class)->dispose (object);
}

static void
fw_audit_dialog_class_init (FwAuditDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_audit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, view);
  gtk_widget_class_bind_template_child (widget_class, FwAuditDialog, lines);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fw_audit_dialog_init (FwAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_audit_dialog_new (GtkWindow *parent, FwSession *session, FwCaseItem *item, GError **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  FwAuditDialog *self;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  entries = fw_store_list_audit (fw_session_get_store (session), fw_session_get_inspection_id (session),
                                 item ? fw_case_item_get_id (item) : NULL, error);
  if (entries == NULL)
    return NULL;
  self = g_object_new (FW_TYPE_AUDIT_DIALOG, "transient-for", parent, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *line = audit_line (g_ptr_array_index (entries, i));
      gtk_string_list_append (self->lines, line);
    }
  if (item != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Audit Trail — %s"), fw_case_item_get_reference (item));
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  return GTK_WIDGET (self);
}
