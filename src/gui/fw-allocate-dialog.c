/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-allocate-dialog.h"

struct _FwAllocateDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *inspectors;
  GtkStringList    *names;

  GPtrArray        *cases;   /* FwCaseItem */
  guint             n_inspectors;
};

G_DEFINE_FINAL_TYPE (FwAllocateDialog, fw_allocate_dialog, ADW_TYPE_MESSAGE_DIALOG)

GPtrArray *
fw_allocate_dialog_get_cases (FwAllocateDialog *self)
{
  g_return_val_if_fail (FW_IS_ALLOCATE_DIALOG (self), NULL);
  return self->cases;
}

const char *
fw_allocate_dialog_get_inspector (FwAllocateDialog *self)
{
  guint i;

  g_return_val_if_fail (FW_IS_ALLOCATE_DIALOG (self), NULL);
  i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->inspectors));
  /* the last row is "Nobody" */
  if (i == GTK_INVALID_LIST_POSITION || i >= self->n_inspectors)
    return NULL;
  return gtk_string_list_get_string (self->names, i);
}

gboolean
fw_allocate_dialog_set_inspector (FwAllocateDialog *self, const char *name)
{
  g_return_val_if_fail (FW_IS_ALLOCATE_DIALOG (self), FALSE);
  for (guint i = 0; i < self->n_inspectors; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->names, i), name) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->inspectors), i);
        return TRUE;
      }
  if (name != NULL)
    return FALSE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->inspectors), self->n_inspectors);
  return TRUE;
}

static void
fw_allocate_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_ALLOCATE_DIALOG);
  g_clear_pointer (&FW_ALLOCATE_DIALOG (object)->cases, g_ptr_array_unref);
  G_OBJECT_CLASS (fw_allocate_dialog_parent_class)->dispose (object);
}

static void
fw_allocate_dialog_class_init (FwAllocateDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_allocate_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-allocate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwAllocateDialog, inspectors);
  gtk_widget_class_bind_template_child (widget_class, FwAllocateDialog, names);
}

static void
fw_allocate_dialog_init (FwAllocateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_allocate_dialog_new (GtkWindow *parent, const char * const *inspectors, GPtrArray *cases)
{
  FwAllocateDialog *self;
  g_autofree char *body = NULL;
  FwCaseItem *first;

  g_return_val_if_fail (cases != NULL && cases->len > 0, NULL);
  self = g_object_new (FW_TYPE_ALLOCATE_DIALOG, "transient-for", parent, NULL);
  self->cases = g_ptr_array_ref (cases);
  for (guint i = 0; inspectors && inspectors[i]; i++, self->n_inspectors++)
    gtk_string_list_append (self->names, inspectors[i]);
  gtk_string_list_append (self->names, _("Nobody (not allocated)"));
  first = g_ptr_array_index (cases, 0);
  /* the cases' present inspector, when they share one */
  fw_allocate_dialog_set_inspector (self, fw_case_item_get_attr (first, FW_CASE_FIELD_INSPECTOR));
  if (cases->len == 1)
    body = g_strdup_printf (_("Who inspects %s?"), fw_case_item_get_reference (first));
  else
    body = g_strdup_printf (ngettext ("Who inspects the %u case chosen?", "Who inspects the %u cases chosen?",
                                      cases->len), cases->len);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return GTK_WIDGET (self);
}
