/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

#include "fw-application.h"
#include "fw-window.h"
#include "fw-case-editor.h"
#include "fw-ratings-panel.h"
#include "fw-review-page.h"

#define APP_ID "io.github.fieldwork.Fieldwork"

struct _FwApplication {
  AdwApplication parent_instance;
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (FwApplication, fw_application, ADW_TYPE_APPLICATION)

GSettings *
fw_application_get_settings (FwApplication *self)
{
  return self->settings;
}

static void
fw_application_activate (GApplication *app)
{
  FwApplication *self = FW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (fw_window_new (GTK_APPLICATION (app), self->settings));
  gtk_window_present (window);
}

static void
on_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Fieldwork developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Fieldwork"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Case audits for inspections of youth justice services"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Fieldwork developers",
                         NULL);
}

static void
on_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
fw_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", on_about, NULL, NULL, NULL, { 0 } },
    { "quit", on_quit, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (fw_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  g_type_ensure (FW_TYPE_CASE_EDITOR);
  g_type_ensure (FW_TYPE_RATINGS_PANEL);
  g_type_ensure (FW_TYPE_REVIEW_PAGE);
}

static void
fw_application_finalize (GObject *object)
{
  g_clear_object (&FW_APPLICATION (object)->settings);
  G_OBJECT_CLASS (fw_application_parent_class)->finalize (object);
}

static void
fw_application_class_init (FwApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fw_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = fw_application_activate;
  G_APPLICATION_CLASS (klass)->startup = fw_application_startup;
}

static void
fw_application_init (FwApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema != NULL)
    {
      GSettingsBackend *backend = g_settings_backend_get_default ();
      g_autoptr(GSettingsBackend) keyfile = NULL;

      /* Without dconf GLib keeps settings in memory only; keep them in a
       * key file instead, unless memory was asked for (tests). */
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (backend), "GMemorySettingsBackend") == 0
          && g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") != 0)
        {
          g_autofree char *path = g_build_filename (g_get_user_config_dir (), "fieldwork", "settings.ini", NULL);
          keyfile = g_keyfile_settings_backend_new (path, "/io/github/fieldwork/Fieldwork/", NULL);
        }
      self->settings = g_settings_new_full (schema, keyfile, NULL);
    }
  else
    g_warning ("settings schema %s is not installed; settings will not be kept", APP_ID);
}

FwApplication *
fw_application_new (void)
{
  return g_object_new (FW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/fieldwork/Fieldwork",
                       NULL);
}
