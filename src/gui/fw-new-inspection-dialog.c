/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-new-inspection-dialog.h"

struct _FwNewInspectionDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *framework;
  GtkWidget        *service;
  GtkWidget        *start;
  GtkWidget        *inspectors;

  GPtrArray        *frameworks;   /* FwFrameworkInfo*, parallel to the combo row */
};

G_DEFINE_FINAL_TYPE (FwNewInspectionDialog, fw_new_inspection_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
validate (FwNewInspectionDialog *self)
{
  g_autofree char *service = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->service))));
  gboolean date_ok = fw_validate_date (gtk_editable_get_text (GTK_EDITABLE (self->start)), NULL);

  if (date_ok)
    gtk_widget_remove_css_class (self->start, "error");
  else
    gtk_widget_add_css_class (self->start, "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create",
                                           *service != '\0' && date_ok
                                           && self->frameworks->len > 0);
}

const char *
fw_new_inspection_dialog_get_framework_id (FwNewInspectionDialog *self)
{
  guint pos;

  g_return_val_if_fail (FW_IS_NEW_INSPECTION_DIALOG (self), NULL);
  pos = adw_combo_row_get_selected (ADW_COMBO_ROW (self->framework));
  if (pos >= self->frameworks->len)
    return NULL;
  return ((FwFrameworkInfo *) g_ptr_array_index (self->frameworks, pos))->id;
}

const char *
fw_new_inspection_dialog_get_service (FwNewInspectionDialog *self)
{
  g_return_val_if_fail (FW_IS_NEW_INSPECTION_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->service));
}

const char *
fw_new_inspection_dialog_get_start_date (FwNewInspectionDialog *self)
{
  g_return_val_if_fail (FW_IS_NEW_INSPECTION_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->start));
}

GStrv
fw_new_inspection_dialog_dup_inspectors (FwNewInspectionDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (FW_IS_NEW_INSPECTION_DIALOG (self), NULL);
  names = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->inspectors)), ",", -1);
  for (guint i = 0; names[i]; i++)
    if (*g_strstrip (names[i]))
      g_strv_builder_add (builder, names[i]);
  return g_strv_builder_end (builder);
}

static void
fw_new_inspection_dialog_finalize (GObject *object)
{
  g_clear_pointer (&FW_NEW_INSPECTION_DIALOG (object)->frameworks, g_ptr_array_unref);
  G_OBJECT_CLASS (fw_new_inspection_dialog_parent_class)->finalize (object);
}

static void
fw_new_inspection_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_NEW_INSPECTION_DIALOG);
  G_OBJECT_CLASS (fw_new_inspection_dialog_parent_class)->dispose (object);
}

static void
fw_new_inspection_dialog_class_init (FwNewInspectionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_new_inspection_dialog_dispose;

  G_OBJECT_CLASS (klass)->finalize = fw_new_inspection_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-new-inspection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwNewInspectionDialog, framework);
  gtk_widget_class_bind_template_child (widget_class, FwNewInspectionDialog, service);
  gtk_widget_class_bind_template_child (widget_class, FwNewInspectionDialog, start);
  gtk_widget_class_bind_template_child (widget_class, FwNewInspectionDialog, inspectors);
  gtk_widget_class_bind_template_callback (widget_class, validate);
}

static void
fw_new_inspection_dialog_init (FwNewInspectionDialog *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->frameworks = fw_framework_list_available (NULL);
  if (self->frameworks == NULL)
    self->frameworks = g_ptr_array_new ();
  for (guint i = 0; i < self->frameworks->len; i++)
    gtk_string_list_append (titles, ((FwFrameworkInfo *) g_ptr_array_index (self->frameworks, i))->title);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->framework), G_LIST_MODEL (titles));
  gtk_editable_set_text (GTK_EDITABLE (self->start), today);
  validate (self);
}

GtkWidget *
fw_new_inspection_dialog_new (GtkWindow *parent, const char *inspectors)
{
  FwNewInspectionDialog *self = g_object_new (FW_TYPE_NEW_INSPECTION_DIALOG, "transient-for", parent, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->inspectors), inspectors ? inspectors : "");
  gtk_widget_grab_focus (self->service);
  return GTK_WIDGET (self);
}
