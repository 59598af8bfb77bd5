/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-complete-case-dialog.h"

struct _FwCompleteCaseDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *list;

  GPtrArray        *gaps;     /* FwProblem* */
  guint             chosen;
};

G_DEFINE_FINAL_TYPE (FwCompleteCaseDialog, fw_complete_case_dialog, ADW_TYPE_MESSAGE_DIALOG)

FwProblem *
fw_complete_case_dialog_get_chosen (FwCompleteCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_COMPLETE_CASE_DIALOG (self), NULL);
  return self->gaps && self->chosen < self->gaps->len ? g_ptr_array_index (self->gaps, self->chosen) : NULL;
}

GtkWidget *
fw_complete_case_dialog_get_list (FwCompleteCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_COMPLETE_CASE_DIALOG (self), NULL);
  return self->list;
}

/* A gap in the list: go to that one. */
static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, FwCompleteCaseDialog *self)
{
  g_autoptr(FwCompleteCaseDialog) hold = g_object_ref (self);

  self->chosen = gtk_list_box_row_get_index (row);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "go");
  gtk_window_close (GTK_WINDOW (self));
}

static void
fw_complete_case_dialog_dispose (GObject *object)
{
  FwCompleteCaseDialog *self = FW_COMPLETE_CASE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_COMPLETE_CASE_DIALOG);
  g_clear_pointer (&self->gaps, g_ptr_array_unref);
  G_OBJECT_CLASS (fw_complete_case_dialog_parent_class)->dispose (object);
}

static void
fw_complete_case_dialog_class_init (FwCompleteCaseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_complete_case_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-complete-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwCompleteCaseDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
fw_complete_case_dialog_init (FwCompleteCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_complete_case_dialog_new (GtkWindow *parent, FwFramework *framework, FwCaseItem *item, GPtrArray *gaps)
{
  FwCompleteCaseDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (FW_IS_CASE_ITEM (item), NULL);
  g_return_val_if_fail (gaps != NULL && gaps->len > 0, NULL);

  self = g_object_new (FW_TYPE_COMPLETE_CASE_DIALOG, "transient-for", parent, NULL);
  self->gaps = g_ptr_array_ref (gaps);
  body = g_strdup_printf (ngettext ("%s has %u gap: every key question needs an answer, and each answer the "
                                    "evidence note its framework asks for.",
                                    "%s has %u gaps: every key question needs an answer, and each answer the "
                                    "evidence note its framework asks for.", gaps->len),
                          fw_case_item_get_reference (item), gaps->len);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  for (guint i = 0; i < gaps->len; i++)
    {
      FwProblem *gap = g_ptr_array_index (gaps, i);
      FwQuestion *question = NULL;
      FwPrompt *prompt = NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", gap->item ? gap->item : "",
                                                fw_problem_kind_title (gap->kind));

      if (gap->item)
        fw_framework_find_item (framework, gap->item, &question, &prompt);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (prompt || question)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), prompt ? prompt->text : question->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (gap->kind == FW_PROBLEM_NO_NOTE
                                                               ? "document-edit-symbolic"
                                                               : "dialog-question-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
  return GTK_WIDGET (self);
}
