/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-add-case-dialog.h"

struct _FwAddCaseDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *reference;
  GtkWidget        *kind;
  GtkWidget        *disposal;
  GtkWidget        *inspector;

  FwFramework      *framework;
};

G_DEFINE_FINAL_TYPE (FwAddCaseDialog, fw_add_case_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
validate (FwAddCaseDialog *self)
{
  g_autofree char *reference = fw_add_case_dialog_dup_reference (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *reference != '\0');
}

char *
fw_add_case_dialog_dup_reference (FwAddCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reference))));
}

const char *
fw_add_case_dialog_get_kind_id (FwAddCaseDialog *self)
{
  GPtrArray *kinds;
  guint pos;

  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  kinds = fw_framework_get_kinds (self->framework);
  pos = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind));
  return pos < kinds->len ? ((FwKind *) g_ptr_array_index (kinds, pos))->id : NULL;
}

const char *
fw_add_case_dialog_get_disposal (FwAddCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->disposal));
}

const char *
fw_add_case_dialog_get_inspector (FwAddCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->inspector));
}

static void
fw_add_case_dialog_finalize (GObject *object)
{
  g_clear_pointer (&FW_ADD_CASE_DIALOG (object)->framework, fw_framework_unref);
  G_OBJECT_CLASS (fw_add_case_dialog_parent_class)->finalize (object);
}

static void
fw_add_case_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_ADD_CASE_DIALOG);
  G_OBJECT_CLASS (fw_add_case_dialog_parent_class)->dispose (object);
}

static void
fw_add_case_dialog_class_init (FwAddCaseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_add_case_dialog_dispose;

  G_OBJECT_CLASS (klass)->finalize = fw_add_case_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-add-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwAddCaseDialog, reference);
  gtk_widget_class_bind_template_child (widget_class, FwAddCaseDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, FwAddCaseDialog, disposal);
  gtk_widget_class_bind_template_child (widget_class, FwAddCaseDialog, inspector);
  gtk_widget_class_bind_template_callback (widget_class, validate);
}

static void
fw_add_case_dialog_init (FwAddCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_add_case_dialog_new (GtkWindow *parent, FwFramework *framework, const char *inspector)
{
  FwAddCaseDialog *self;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GPtrArray *kinds;

  g_return_val_if_fail (framework != NULL, NULL);
  self = g_object_new (FW_TYPE_ADD_CASE_DIALOG, "transient-for", parent, NULL);
  self->framework = fw_framework_ref (framework);
  kinds = fw_framework_get_kinds (framework);
  for (guint i = 0; i < kinds->len; i++)
    gtk_string_list_append (titles, ((FwKind *) g_ptr_array_index (kinds, i))->title);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind), G_LIST_MODEL (titles));
  gtk_editable_set_text (GTK_EDITABLE (self->inspector), inspector ? inspector : "");
  gtk_widget_grab_focus (self->reference);
  return GTK_WIDGET (self);
}
