/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-add-case-dialog.h"

struct _FwAddCaseDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *reference;
  GtkWidget        *group;
  GtkWidget        *kind;
  GtkWidget        *inspector;

  FwFramework      *framework;
  GPtrArray        *attribute_rows;   /* one per attribute of the framework, in its order */
  char             *case_id;          /* editing this case; NULL: adding one */
  FwAddCaseTakenFunc taken;           /* adding: whether a reference is already a case's */
  gpointer          taken_data;
  char             *body;             /* what the dialog says when the reference is free */
  GHashTable       *old_values;       /* editing: attribute id → value the case had */
};

G_DEFINE_FINAL_TYPE (FwAddCaseDialog, fw_add_case_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Add is offered for a reference given and not already a case's; a
 * reference taken says so at once, and what was typed stays. */
static void
validate (FwAddCaseDialog *self)
{
  g_autofree char *reference = fw_add_case_dialog_dup_reference (self);
  gboolean taken;

  if (self->case_id != NULL)
    return;   /* the reference of a case that exists is not edited here */
  taken = *reference != '\0' && self->taken != NULL && self->taken (reference, self->taken_data);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *reference != '\0' && !taken);
  if (self->body == NULL)
    self->body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self)));
  if (taken)
    {
      g_autofree char *says = g_strdup_printf (_("This inspection already has a case %s."), reference);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), says);
      gtk_widget_add_css_class (self->reference, "error");
    }
  else
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), self->body);
      gtk_widget_remove_css_class (self->reference, "error");
    }
}

void
fw_add_case_dialog_set_taken_func (FwAddCaseDialog *self, FwAddCaseTakenFunc taken, gpointer data)
{
  g_return_if_fail (FW_IS_ADD_CASE_DIALOG (self));
  self->taken = taken;
  self->taken_data = data;
  validate (self);
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

/* The row of an attribute: an AdwComboRow of its values when the list is
 * closed ("Not set" first), an AdwEntryRow when it is free text. */
GtkWidget *
fw_add_case_dialog_get_attribute_row (FwAddCaseDialog *self, const char *attribute_id)
{
  GPtrArray *attributes;

  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  attributes = fw_framework_get_attributes (self->framework);
  for (guint i = 0; i < attributes->len && i < self->attribute_rows->len; i++)
    if (g_strcmp0 (((FwAttribute *) g_ptr_array_index (attributes, i))->id, attribute_id) == 0)
      return g_ptr_array_index (self->attribute_rows, i);
  return NULL;
}

/* The value a row shows: a closed list's value id, or the text; "" when
 * not set. */
static char *
row_value (FwAttribute *attribute, GtkWidget *row)
{
  if (ADW_IS_COMBO_ROW (row))
    {
      guint pos = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (pos > 0 && pos <= attribute->values->len)
        return g_strdup (((FwAttributeValue *) g_ptr_array_index (attribute->values, pos - 1))->id);
      return g_strdup ("");
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_value (FwAttribute *attribute, GtkWidget *row, const char *value)
{
  if (ADW_IS_COMBO_ROW (row))
    {
      const char *id = value ? fw_attribute_match_value (attribute, value) : NULL;
      guint pos = 0;

      for (guint v = 0; id && v < attribute->values->len; v++)
        if (g_strcmp0 (((FwAttributeValue *) g_ptr_array_index (attribute->values, v))->id, id) == 0)
          pos = v + 1;
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), pos);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
}

/* Pairs of an attribute id and the value its row shows: those given, or
 * (changed) those that differ from what the rows first showed. */
static GStrv
dup_values (FwAddCaseDialog *self, gboolean changed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *attributes = fw_framework_get_attributes (self->framework);

  for (guint i = 0; i < attributes->len && i < self->attribute_rows->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autofree char *value = row_value (attribute, g_ptr_array_index (self->attribute_rows, i));
      const char *old = self->old_values ? g_hash_table_lookup (self->old_values, attribute->id) : NULL;

      if (changed ? g_strcmp0 (value, old ? old : "") != 0 : *value != '\0')
        {
          g_strv_builder_add (builder, attribute->id);
          g_strv_builder_add (builder, value);
        }
    }
  return g_strv_builder_end (builder);
}

GStrv
fw_add_case_dialog_dup_attributes (FwAddCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  return dup_values (self, FALSE);
}

GStrv
fw_add_case_dialog_dup_changes (FwAddCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  return dup_values (self, TRUE);
}

const char *
fw_add_case_dialog_get_case_id (FwAddCaseDialog *self)
{
  g_return_val_if_fail (FW_IS_ADD_CASE_DIALOG (self), NULL);
  return self->case_id;
}

static void
add_attribute_rows (FwAddCaseDialog *self)
{
  GPtrArray *attributes = fw_framework_get_attributes (self->framework);

  for (guint i = 0; i < attributes->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      GtkWidget *row;

      if (fw_attribute_is_closed (attribute))
        {
          g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

          gtk_string_list_append (titles, _("Not set"));
          for (guint v = 0; v < attribute->values->len; v++)
            gtk_string_list_append (titles, ((FwAttributeValue *) g_ptr_array_index (attribute->values, v))->title);
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (titles));
        }
      else
        {
          row = adw_entry_row_new ();
          adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attribute->title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
      g_ptr_array_add (self->attribute_rows, row);
    }
  /* the allocated inspector last, as in the case list */
  g_object_ref (self->inspector);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->group), self->inspector);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), self->inspector);
  g_object_unref (self->inspector);
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
  g_clear_pointer (&FW_ADD_CASE_DIALOG (object)->attribute_rows, g_ptr_array_unref);
  g_clear_pointer (&FW_ADD_CASE_DIALOG (object)->case_id, g_free);
  g_clear_pointer (&FW_ADD_CASE_DIALOG (object)->old_values, g_hash_table_unref);
  g_clear_pointer (&FW_ADD_CASE_DIALOG (object)->body, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, FwAddCaseDialog, group);
  gtk_widget_class_bind_template_child (widget_class, FwAddCaseDialog, inspector);
  gtk_widget_class_bind_template_callback (widget_class, validate);
}

static void
fw_add_case_dialog_init (FwAddCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->attribute_rows = g_ptr_array_new ();
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
  add_attribute_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->inspector), inspector ? inspector : "");
  gtk_widget_grab_focus (self->reference);
  return GTK_WIDGET (self);
}

/* The reference row had the focus and is hidden: the first detail takes it
 * once the dialog is shown. */
static void
focus_first_detail (FwAddCaseDialog *self)
{
  if (self->attribute_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->attribute_rows, 0));
}

GtkWidget *
fw_add_case_dialog_new_for_case (GtkWindow *parent, FwFramework *framework, const FwCase *kase)
{
  FwAddCaseDialog *self;
  GPtrArray *attributes;
  FwKind *kind;
  g_autofree char *body = NULL;

  g_return_val_if_fail (framework != NULL && kase != NULL, NULL);
  self = FW_ADD_CASE_DIALOG (fw_add_case_dialog_new (parent, framework, kase->inspector));
  self->case_id = g_strdup (kase->id);
  self->old_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  kind = fw_framework_find_kind (framework, kase->kind);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Case Details"));
  /* TRANSLATORS: the case being edited: its reference, kind and inspector */
  body = g_strdup_printf (_("%s · %s · %s"), kase->reference, kind ? kind->title : kase->kind,
                          kase->inspector ? kase->inspector : _("not allocated"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "add", _("_Save"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", TRUE);
  /* the reference and kind are the case's; its inspector changes by allocation */
  gtk_widget_set_visible (self->reference, FALSE);
  gtk_widget_set_visible (self->kind, FALSE);
  gtk_widget_set_visible (self->inspector, FALSE);
  attributes = fw_framework_get_attributes (framework);
  for (guint i = 0; i < attributes->len && i < self->attribute_rows->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      const char *value = kase->attributes ? g_hash_table_lookup (kase->attributes, attribute->id) : NULL;

      GtkWidget *row = g_ptr_array_index (self->attribute_rows, i);

      set_row_value (attribute, row, value);
      /* a change is what the user changes from what the row first shows */
      g_hash_table_insert (self->old_values, g_strdup (attribute->id), row_value (attribute, row));
    }
  g_signal_connect (self, "map", G_CALLBACK (focus_first_detail), NULL);
  return GTK_WIDGET (self);
}
