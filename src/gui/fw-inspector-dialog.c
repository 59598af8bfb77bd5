/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-inspector-dialog.h"

typedef struct {
  FwWindow  *window;
  GSettings *settings;
  GtkWidget *name;
  GtkWidget *initials;
  char      *suggested_initials;   /* what the initials row holds until the user edits it */
} InspectorDialog;

static void
inspector_dialog_free (gpointer user_data, GClosure *closure)
{
  InspectorDialog *data = user_data;

  g_clear_object (&data->settings);
  g_free (data->suggested_initials);
  g_free (data);
}

const char *
fw_inspector_default_name (void)
{
  const char *real = g_get_real_name ();

  return real && *real && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ();
}

char *
fw_inspector_initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name ? name : "", " \t-", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i] && g_utf8_validate (words[i], -1, NULL))
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (words[i])));
  return g_string_free (out, FALSE);
}

gboolean
fw_inspector_dialog_needed (GSettings *settings)
{
  g_autofree char *name = NULL;
  const char *env = g_getenv ("FIELDWORK_INSPECTOR");

  if (settings == NULL || (env && *env) || g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") == 0)
    return FALSE;
  name = g_settings_get_string (settings, "inspector-name");
  return *g_strstrip (name) == '\0';
}

static void
on_name_changed (GtkEditable *name, InspectorDialog *data)
{
  g_autofree char *initials = fw_inspector_initials (gtk_editable_get_text (name));

  /* follow the name until the user writes other initials */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (data->initials)), data->suggested_initials) != 0)
    return;
  g_free (data->suggested_initials);
  data->suggested_initials = g_steal_pointer (&initials);
  gtk_editable_set_text (GTK_EDITABLE (data->initials), data->suggested_initials);
}

static void
on_response (AdwMessageDialog *dialog, const char *response, InspectorDialog *data)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->name))));
  g_autofree char *initials = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->initials))));
  FwStore *store = fw_window_get_store (data->window);
  FwSession *session = fw_window_get_session (data->window);

  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (fw_inspector_default_name ());
    }
  if (*initials == '\0')
    {
      g_free (initials);
      initials = fw_inspector_initials (name);
    }
  g_settings_set_string (data->settings, "inspector-name", name);
  g_settings_set_string (data->settings, "inspector-initials", initials);
  if (store != NULL)
    fw_store_set_user (store, name);
  /* the ratings panel offers "my cases" for the name: open the inspection again */
  if (session != NULL)
    {
      g_autofree char *id = g_strdup (fw_session_get_inspection_id (session));
      fw_window_open_inspection (data->window, id, NULL);
    }
}

GtkWidget *
fw_inspector_dialog_new (FwWindow *window, GSettings *settings)
{
  InspectorDialog *data = g_new0 (InspectorDialog, 1);
  GtkWidget *dialog, *group;

  data->window = window;
  data->settings = g_object_ref (settings);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Who Is Inspecting?"),
                                   _("Your name is stamped on every answer you give, so the audit trail "
                                     "shows who answered what. You are asked only once."));
  group = adw_preferences_group_new ();
  data->name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (data->name), fw_inspector_default_name ());
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (data->name), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->name);
  data->initials = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->initials), _("Initials"));
  data->suggested_initials = fw_inspector_initials (fw_inspector_default_name ());
  gtk_editable_set_text (GTK_EDITABLE (data->initials), data->suggested_initials);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (data->initials), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), data->initials);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Continue"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  /* Escape keeps the suggested name too: the question is not asked again */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect (data->name, "changed", G_CALLBACK (on_name_changed), data);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), data, inspector_dialog_free, 0);
  return dialog;
}

static gboolean
present_when_idle (gpointer user_data)
{
  GPtrArray *objects = user_data;   /* window, settings */
  FwWindow *window = g_ptr_array_index (objects, 0);
  GSettings *settings = g_ptr_array_index (objects, 1);

  if (gtk_widget_get_mapped (GTK_WIDGET (window)) && fw_inspector_dialog_needed (settings))
    gtk_window_present (GTK_WINDOW (fw_inspector_dialog_new (window, settings)));
  return G_SOURCE_REMOVE;
}

static void
present_when_mapped (GtkWidget *window, GSettings *settings)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_handlers_disconnect_by_func (window, present_when_mapped, settings);
  /* once the window is on screen, so the dialog comes above it */
  g_ptr_array_add (objects, g_object_ref (window));
  g_ptr_array_add (objects, g_object_ref (settings));
  g_idle_add_full (G_PRIORITY_LOW, present_when_idle, objects, (GDestroyNotify) g_ptr_array_unref);
}

void
fw_inspector_dialog_ask (FwWindow *window, GSettings *settings)
{
  if (!fw_inspector_dialog_needed (settings))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    present_when_mapped (GTK_WIDGET (window), settings);
  else
    g_signal_connect_object (window, "map", G_CALLBACK (present_when_mapped), settings, G_CONNECT_AFTER);
}
