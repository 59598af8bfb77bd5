/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-passphrase-dialog.h"

struct _FwPassphraseDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *entry;
  GtkWidget        *confirm;
  GtkWidget        *hint;

  char            **files;
};

G_DEFINE_FINAL_TYPE (FwPassphraseDialog, fw_passphrase_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_changed (FwPassphraseDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean twice = gtk_widget_get_visible (self->confirm);
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->confirm));
  gboolean differ = twice && *again != '\0' && g_strcmp0 (text, again) != 0;

  gtk_label_set_text (GTK_LABEL (self->hint), differ ? _("The two passphrases differ") : "");
  gtk_widget_set_visible (self->hint, differ);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "ok",
                                           *text != '\0' && (!twice || g_strcmp0 (text, again) == 0));
}

const char *
fw_passphrase_dialog_get_passphrase (FwPassphraseDialog *self)
{
  g_return_val_if_fail (FW_IS_PASSPHRASE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
fw_passphrase_dialog_set_passphrase (FwPassphraseDialog *self, const char *text)
{
  g_return_if_fail (FW_IS_PASSPHRASE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  if (gtk_widget_get_visible (self->confirm))
    gtk_editable_set_text (GTK_EDITABLE (self->confirm), text);
}

const char * const *
fw_passphrase_dialog_get_files (FwPassphraseDialog *self)
{
  g_return_val_if_fail (FW_IS_PASSPHRASE_DIALOG (self), NULL);
  return (const char * const *) self->files;
}

static void
fw_passphrase_dialog_finalize (GObject *object)
{
  g_strfreev (FW_PASSPHRASE_DIALOG (object)->files);
  G_OBJECT_CLASS (fw_passphrase_dialog_parent_class)->finalize (object);
}

static void
fw_passphrase_dialog_dispose (GObject *object)
{
  /* the focus leaves the entries while they are alive: GTK 4.8's password
   * entry follows the window's focus and would be told after it went */
  gtk_window_set_focus (GTK_WINDOW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_PASSPHRASE_DIALOG);
  G_OBJECT_CLASS (fw_passphrase_dialog_parent_class)->dispose (object);
}

static void
fw_passphrase_dialog_class_init (FwPassphraseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_passphrase_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_passphrase_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwPassphraseDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, FwPassphraseDialog, confirm);
  gtk_widget_class_bind_template_child (widget_class, FwPassphraseDialog, hint);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
fw_passphrase_dialog_init (FwPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_passphrase_dialog_new (GtkWindow *parent, const char *heading, const char *body, gboolean confirm,
                          const char * const *files)
{
  FwPassphraseDialog *self = g_object_new (FW_TYPE_PASSPHRASE_DIALOG, "transient-for", parent,
                                           "heading", heading, "body", body, NULL);

  self->files = g_strdupv ((char **) files);
  gtk_widget_set_visible (self->confirm, confirm);
  on_changed (self);
  gtk_widget_grab_focus (self->entry);
  return GTK_WIDGET (self);
}
