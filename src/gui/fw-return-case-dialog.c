/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-return-case-dialog.h"

struct _FwReturnCaseDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *comment;

  FwCaseItem       *item;
  char             *item_id;
};

G_DEFINE_FINAL_TYPE (FwReturnCaseDialog, fw_return_case_dialog, ADW_TYPE_MESSAGE_DIALOG)

FwCaseItem *
fw_return_case_dialog_get_case (FwReturnCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_RETURN_CASE_DIALOG (self), NULL);
  return self->item;
}

const char *
fw_return_case_dialog_get_item_id (FwReturnCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_RETURN_CASE_DIALOG (self), NULL);
  return self->item_id;
}

const char *
fw_return_case_dialog_get_comment (FwReturnCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_RETURN_CASE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->comment));
}

static void
fw_return_case_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_RETURN_CASE_DIALOG);
  g_clear_object (&FW_RETURN_CASE_DIALOG (object)->item);
  G_OBJECT_CLASS (fw_return_case_dialog_parent_class)->dispose (object);
}

static void
fw_return_case_dialog_finalize (GObject *object)
{
  g_free (FW_RETURN_CASE_DIALOG (object)->item_id);
  G_OBJECT_CLASS (fw_return_case_dialog_parent_class)->finalize (object);
}

static void
fw_return_case_dialog_class_init (FwReturnCaseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_return_case_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_return_case_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-return-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwReturnCaseDialog, comment);
}

static void
fw_return_case_dialog_init (FwReturnCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_return_case_dialog_new (GtkWindow *parent, FwCaseItem *item, const char *item_id)
{
  FwReturnCaseDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (FW_IS_CASE_ITEM (item), NULL);
  self = g_object_new (FW_TYPE_RETURN_CASE_DIALOG, "transient-for", parent, NULL);
  self->item = g_object_ref (item);
  self->item_id = g_strdup (item_id);
  body = item_id ? g_strdup_printf (_("Say what the inspector should look at again in %s, question %s."),
                                    fw_case_item_get_reference (item), item_id)
                 : g_strdup_printf (_("Say what the inspector should look at again in %s."),
                                    fw_case_item_get_reference (item));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_widget_grab_focus (self->comment);
  return GTK_WIDGET (self);
}
