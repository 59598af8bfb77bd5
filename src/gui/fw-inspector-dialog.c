/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-inspector-dialog.h"
#include "fw-ratings-panel.h"

struct _FwInspectorDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *name;
  GtkWidget        *initials;

  FwWindow         *window;               /* weak */
  GSettings        *settings;
  char             *suggested_initials;   /* what the initials row holds until the user edits it */
};

G_DEFINE_FINAL_TYPE (FwInspectorDialog, fw_inspector_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_SETTINGS,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

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
on_name_changed (GtkEditable *name, FwInspectorDialog *self)
{
  g_autofree char *initials = fw_inspector_initials (gtk_editable_get_text (name));

  /* follow the name until the user writes other initials */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->initials)), self->suggested_initials) != 0)
    return;
  g_free (self->suggested_initials);
  self->suggested_initials = g_steal_pointer (&initials);
  gtk_editable_set_text (GTK_EDITABLE (self->initials), self->suggested_initials);
}

static void
fw_inspector_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  FwInspectorDialog *self = FW_INSPECTOR_DIALOG (dialog);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  g_autofree char *initials = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->initials))));
  FwStore *store = self->window ? fw_window_get_store (self->window) : NULL;

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
  g_settings_set_string (self->settings, "inspector-name", name);
  g_settings_set_string (self->settings, "inspector-initials", initials);
  if (store != NULL)
    fw_store_set_user (store, name);
  /* the ratings panel offers "my cases" for the name */
  if (self->window != NULL)
    fw_ratings_panel_set_user (FW_RATINGS_PANEL (fw_window_get_ratings (self->window)), name);
}

static void
fw_inspector_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwInspectorDialog *self = FW_INSPECTOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WINDOW: g_value_set_object (value, self->window); break;
    case PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_inspector_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwInspectorDialog *self = FW_INSPECTOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WINDOW: g_set_weak_pointer (&self->window, g_value_get_object (value)); break;
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_inspector_dialog_dispose (GObject *object)
{
  FwInspectorDialog *self = FW_INSPECTOR_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_INSPECTOR_DIALOG);
  G_OBJECT_CLASS (fw_inspector_dialog_parent_class)->dispose (object);
}

static void
fw_inspector_dialog_finalize (GObject *object)
{
  FwInspectorDialog *self = FW_INSPECTOR_DIALOG (object);

  g_free (self->suggested_initials);
  G_OBJECT_CLASS (fw_inspector_dialog_parent_class)->finalize (object);
}

static void
fw_inspector_dialog_class_init (FwInspectorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->get_property = fw_inspector_dialog_get_property;
  object_class->set_property = fw_inspector_dialog_set_property;
  object_class->dispose = fw_inspector_dialog_dispose;
  object_class->finalize = fw_inspector_dialog_finalize;
  dialog_class->response = fw_inspector_dialog_response;

  props[PROP_WINDOW] = g_param_spec_object ("window", NULL, NULL, FW_TYPE_WINDOW,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-inspector-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwInspectorDialog, name);
  gtk_widget_class_bind_template_child (widget_class, FwInspectorDialog, initials);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
}

static void
fw_inspector_dialog_init (FwInspectorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->suggested_initials = fw_inspector_initials (fw_inspector_default_name ());
  gtk_editable_set_text (GTK_EDITABLE (self->initials), self->suggested_initials);
  gtk_editable_set_text (GTK_EDITABLE (self->name), fw_inspector_default_name ());
}

GtkWidget *
fw_inspector_dialog_new (FwWindow *window, GSettings *settings)
{
  g_return_val_if_fail (FW_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  return g_object_new (FW_TYPE_INSPECTOR_DIALOG, "transient-for", window, "window", window,
                       "settings", settings, NULL);
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
