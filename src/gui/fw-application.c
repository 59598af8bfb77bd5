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
#include "fw-help-window.h"
#include "fw-inspector-dialog.h"

/* APP_ID, PACKAGE_VERSION and PROFILE come from meson: the development build is
 * io.github.fieldwork.Fieldwork.Devel, with its own settings and icon. */

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

/* FIELDWORK_EXIT_AFTER_FIRST_FRAME=1, for bench/: once the window has
 * painted its first frame, print "first frame after S s: TITLE" (seconds
 * since fw_application_new, at the start of main) and quit. */
static gint64 started_at;

static void
on_first_frame (GdkFrameClock *clock, GtkWindow *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, window);
  g_print ("first frame after %.3f s: %s\n", (g_get_monotonic_time () - started_at) / 1e6,
           gtk_window_get_title (window));
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
fw_application_activate (GApplication *app)
{
  FwApplication *self = FW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GdkFrameClock *clock;

  if (window == NULL)
    {
      window = GTK_WINDOW (fw_window_new (GTK_APPLICATION (app), self->settings));
      /* first start: who is inspecting (stamped on every answer) */
      fw_inspector_dialog_ask (FW_WINDOW (window), self->settings);
    }
  gtk_window_present (window);
  if (g_getenv ("FIELDWORK_EXIT_AFTER_FIRST_FRAME") && (clock = gtk_widget_get_frame_clock (GTK_WIDGET (window))))
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), window);
}

static void
on_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Fieldwork developers https://github.com/fieldwork/fieldwork", NULL };
  const char *version = g_strcmp0 (PROFILE, "development") == 0 ? PACKAGE_VERSION " (development)" : PACKAGE_VERSION;

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Fieldwork"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Fieldwork developers"),
                         "version", version,
                         "comments", _("Case audits for inspections of youth justice services, with the ratings "
                                       "computed live by the rules of the published inspection frameworks."),
                         "website", "https://github.com/fieldwork/fieldwork",
                         "issue-url", "https://github.com/fieldwork/fieldwork/issues",
                         "developers", developers,
                         /* TRANSLATORS: your name and e-mail address, one translator a line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", _("© 2026 The Fieldwork developers"),
                         NULL);
}

static void
on_help (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  fw_help_window_present (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
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
    { "help", on_help, NULL, NULL, NULL, { 0 } },
    { "quit", on_quit, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (fw_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_window_set_default_icon_name (APP_ID);
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
          g_autofree char *path = g_build_filename (g_get_user_config_dir (), "fieldwork", APP_ID ".ini", NULL);

          /* one file per application id, rooted at the schema's path */
          keyfile = g_keyfile_settings_backend_new (path, g_settings_schema_get_path (schema), NULL);
        }
      self->settings = g_settings_new_full (schema, keyfile, NULL);
    }
  else
    g_warning ("settings schema %s is not installed; settings will not be kept", APP_ID);
}

FwApplication *
fw_application_new (void)
{
  started_at = g_get_monotonic_time ();
  return g_object_new (FW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/fieldwork/Fieldwork",
                       NULL);
}
