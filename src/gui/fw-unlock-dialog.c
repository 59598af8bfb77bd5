/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-unlock-dialog.h"

struct _FwUnlockDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *reason;
  GtkWidget        *error;

  FwSession        *session;
};

G_DEFINE_FINAL_TYPE (FwUnlockDialog, fw_unlock_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

static char *
get_reason (FwUnlockDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->reason));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
show_error (FwUnlockDialog *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->error), message ? message : "");
  gtk_widget_set_visible (self->error, message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->reason), GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* Unlocks with the reason given; FALSE (and the dialog says why) if not. */
static gboolean
submit (FwUnlockDialog *self)
{
  g_autofree char *reason = get_reason (self);
  g_autoptr(GError) error = NULL;

  if (*reason == '\0')
    {
      show_error (self, _("Say why the inspection is unlocked: the reason is kept in the audit trail."));
      gtk_widget_grab_focus (self->reason);
      return FALSE;
    }
  if (self->session == NULL || !fw_session_is_locked (self->session))
    return TRUE;   /* unlocked meanwhile */
  if (!fw_session_set_locked (self->session, FALSE, reason, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_reason_changed (GtkTextBuffer *buffer, FwUnlockDialog *self)
{
  g_autofree char *reason = get_reason (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "unlock", *reason != '\0');
  if (*reason != '\0')
    show_error (self, NULL);
}

static gboolean
on_reason_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
               FwUnlockDialog *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  /* Shift+Enter: a new line */
  if (state & GDK_SHIFT_MASK)
    return FALSE;
  if (submit (self))
    gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
fw_unlock_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  FwUnlockDialog *self = FW_UNLOCK_DIALOG (dialog);

  /* the button is only enabled with a reason; the dialog closes itself */
  if (g_strcmp0 (response, "unlock") == 0 && !submit (self))
    {
      g_autofree char *message = g_strdup (gtk_label_get_text (GTK_LABEL (self->error)));
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      GtkWidget *alert = adw_message_dialog_new (parent, _("The Inspection Could Not Be Unlocked"), message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
}

static void
fw_unlock_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwUnlockDialog *self = FW_UNLOCK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_unlock_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwUnlockDialog *self = FW_UNLOCK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION: self->session = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_unlock_dialog_dispose (GObject *object)
{
  FwUnlockDialog *self = FW_UNLOCK_DIALOG (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_UNLOCK_DIALOG);
  G_OBJECT_CLASS (fw_unlock_dialog_parent_class)->dispose (object);
}

static void
fw_unlock_dialog_class_init (FwUnlockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->get_property = fw_unlock_dialog_get_property;
  object_class->set_property = fw_unlock_dialog_set_property;
  object_class->dispose = fw_unlock_dialog_dispose;
  dialog_class->response = fw_unlock_dialog_response;

  props[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                             | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-unlock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwUnlockDialog, reason);
  gtk_widget_class_bind_template_child (widget_class, FwUnlockDialog, error);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_key);
}

static void
fw_unlock_dialog_init (FwUnlockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->reason)), "changed",
                           G_CALLBACK (on_reason_changed), self, 0);
}

GtkWidget *
fw_unlock_dialog_new (GtkWindow *parent, FwSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  return g_object_new (FW_TYPE_UNLOCK_DIALOG, "transient-for", parent, "session", session, NULL);
}
