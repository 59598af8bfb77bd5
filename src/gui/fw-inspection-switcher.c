/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>

#include <glib/gi18n.h>

#include "fw-inspection-switcher.h"

#define RECENT_GROUP "fieldwork-database"
#define RECENT_MIME  "application/vnd.sqlite3"
#define N_RECENT     6

struct _FwInspectionSwitcher {
  GtkWidget     parent_instance;

  /* template */
  GtkWidget    *button;
  GtkWidget    *titles;
  GtkWidget    *title;
  GtkWidget    *title_wrapped;
  GtkWidget    *subtitles;
  GtkWidget    *subtitle_full;
  GtkWidget    *subtitle_short;
  GtkWidget    *subtitle_date;
  GtkWidget    *popover;
  GtkWidget    *file_label;
  GtkWidget    *inspections;
  GtkWidget    *recent_heading;
  GtkWidget    *recent;
  GtkWidget    *placeholder;

  FwStore      *store;
  FwSession    *session;
  GSignalGroup *store_signals;
  GtkWidget    *current_row;     /* the open inspection's row, in inspections */
  guint         n_inspections;
  gboolean      inspections_stale; /* filled when the popover opens */
};

G_DEFINE_FINAL_TYPE (FwInspectionSwitcher, fw_inspection_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- the lists */

static void
remove_rows (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL && GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static GtkWidget *
new_row (const char *title, const char *subtitle, const char *action, const char *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* one line each, so the list is measured as it is shown; the tooltip says all */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (target));
  return row;
}

static const char *
framework_title (GPtrArray *frameworks, const char *id)
{
  for (guint i = 0; frameworks && i < frameworks->len; i++)
    {
      FwFrameworkInfo *info = g_ptr_array_index (frameworks, i);
      if (g_strcmp0 (info->id, id) == 0)
        return info->title;
    }
  return id;
}

static void
fill_inspections_now (FwInspectionSwitcher *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) frameworks = NULL;
  g_autoptr(GError) error = NULL;
  const char *current = self->session ? fw_session_get_inspection_id (self->session) : NULL;

  self->inspections_stale = FALSE;
  remove_rows (self->inspections);
  self->current_row = NULL;
  self->n_inspections = 0;
  gtk_label_set_text (GTK_LABEL (self->file_label), self->store ? fw_store_get_path (self->store) : "");
  if (self->store == NULL)
    return;
  if ((list = fw_store_list_inspections (self->store, &error)) == NULL)
    {
      g_warning ("listing the inspections: %s", error->message);
      return;
    }
  frameworks = fw_framework_list_available (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      FwInspectionInfo *info = g_ptr_array_index (list, i);
      /* the date first: it tells two inspections of one service apart */
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", info->start_date,
                                                   framework_title (frameworks, info->framework_id));
      GtkWidget *row = new_row (info->service, subtitle, "switcher.open-inspection", info->id);

      if (g_strcmp0 (info->status, "locked") == 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

          gtk_widget_set_tooltip_text (icon, _("Locked"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      if (g_strcmp0 (info->id, current) == 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

          gtk_widget_set_tooltip_text (icon, _("Open now"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          self->current_row = row;
        }
      gtk_list_box_append (GTK_LIST_BOX (self->inspections), row);
      self->n_inspections++;
    }
}

/* The list of inspections is filled when the popover opens (before it is
 * measured), or at once while it is open: a window showing its first
 * inspection does not build rows nobody sees yet. */
static void
fill_inspections (FwInspectionSwitcher *self)
{
  self->inspections_stale = TRUE;
  if (gtk_widget_get_visible (self->popover))
    fill_inspections_now (self);
}

static void
ensure_inspections (FwInspectionSwitcher *self)
{
  if (self->inspections_stale)
    fill_inspections_now (self);
}

/* The menu button calls this as it opens or closes its popover. */
static void
on_popup (GtkMenuButton *button, gpointer data)
{
  ensure_inspections (FW_INSPECTION_SWITCHER (data));
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
fill_recent (FwInspectionSwitcher *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  const char *open_path = self->store ? fw_store_get_path (self->store) : NULL;
  guint n = 0;

  remove_rows (self->recent);
  items = g_list_sort (items, newest_first);
  for (GList *l = items; l && n < N_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;

      if (!gtk_recent_info_has_group (info, RECENT_GROUP))
        continue;
      file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      path = g_file_get_path (file);
      if (path == NULL || g_strcmp0 (path, open_path) == 0 || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      name = g_path_get_basename (path);
      dir = g_path_get_dirname (path);
      gtk_list_box_append (GTK_LIST_BOX (self->recent), new_row (name, dir, "switcher.open-file", path));
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_heading, n > 0);
  gtk_widget_set_visible (self->recent, n > 0);
}

void
fw_inspection_switcher_add_recent_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  const char *groups[] = { RECENT_GROUP, NULL };
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) RECENT_MIME,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "fieldwork",
    .groups = (char **) groups,
    .is_private = TRUE,
  };

  if (data.app_name == NULL)
    data.app_name = (char *) "Fieldwork";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* The short form of a framework's title: what its trailing brackets hold, e.g.
 * "2018 standards" of "Inspection of youth offending services (2018 standards)";
 * NULL when it has none. */
static char *
short_framework_title (const char *title)
{
  const char *open;
  gsize len = title ? strlen (title) : 0;

  if (len < 3 || title[len - 1] != ')' || (open = strrchr (title, '(')) == NULL || open + 1 == title + len - 1)
    return NULL;
  return g_strndup (open + 1, title + len - 1 - (open + 1));
}

static void
set_subtitles (FwInspectionSwitcher *self, const char *full, const char *shorter, const char *date)
{
  gtk_label_set_text (GTK_LABEL (self->subtitle_full), full ? full : "");
  gtk_label_set_text (GTK_LABEL (self->subtitle_short), shorter ? shorter : "");
  gtk_label_set_text (GTK_LABEL (self->subtitle_date), date ? date : "");
  gtk_widget_set_visible (self->subtitle_short, shorter != NULL);
  gtk_widget_set_visible (self->subtitle_date, date != NULL);
  gtk_widget_set_visible (self->subtitles, full != NULL);
}

/* The header shows the service, and under it the longest of the subtitles that
 * fits (the squeezer chooses): the date and the framework's title, the date and
 * its short form, the date alone, or none; a title too long for one line
 * takes two, without a subtitle. The button's tooltip and the
 * popover's row of the open inspection say it all. */
static void
update_title (FwInspectionSwitcher *self)
{
  const char *switch_tip = _("Switch Inspection (Shift+Ctrl+O)");

  if (self->session != NULL)
    {
      FwInspectionInfo *info = fw_session_get_info (self->session);
      const char *framework = fw_framework_get_title (fw_session_get_framework (self->session));
      g_autofree char *shorter = short_framework_title (framework);
      /* the date first, as in the list: it tells two inspections of one service apart */
      g_autofree char *full = g_strdup_printf ("%s · %s", info->start_date, framework);
      g_autofree char *short_line = shorter ? g_strdup_printf ("%s · %s", info->start_date, shorter) : NULL;
      g_autofree char *tooltip = g_markup_printf_escaped ("<b>%s</b>\n%s\n\n%s", info->service, full, switch_tip);

      gtk_label_set_text (GTK_LABEL (self->title), info->service);
      gtk_label_set_text (GTK_LABEL (self->title_wrapped), info->service);
      set_subtitles (self, full, short_line, info->start_date);
      gtk_widget_set_tooltip_markup (self->button, tooltip);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->title), _("Fieldwork"));
      gtk_label_set_text (GTK_LABEL (self->title_wrapped), _("Fieldwork"));
      set_subtitles (self, self->store ? _("No inspection open") : NULL, NULL, NULL);
      gtk_widget_set_tooltip_text (self->button, switch_tip);
    }
}

/* The lists are kept up to date (the inspections' when the popover opens),
 * so that the popover is measured with its rows. */
static void
on_store_changed (FwStore *store, FwChange *change, FwInspectionSwitcher *self)
{
  if (change->kind == FW_CHANGE_INSPECTION || change->kind == FW_CHANGE_LOCK)
    fill_inspections (self);
}

/* The keyboard starts on the open inspection: Up or Down, then Enter. */
static void
on_popover_show (FwInspectionSwitcher *self)
{
  if (self->current_row != NULL)
    gtk_widget_grab_focus (self->current_row);
}

/* ---------------------------------------------------------------- actions */

static void
forward (FwInspectionSwitcher *self, const char *action, GVariant *param)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_activate_action_variant (GTK_WIDGET (self), action, param);
}

static void
action_open_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  forward (FW_INSPECTION_SWITCHER (widget), "win.open-inspection", param);
}

static void
action_open_file (GtkWidget *widget, const char *name, GVariant *param)
{
  forward (FW_INSPECTION_SWITCHER (widget), "win.open-database-file", param);
}

static void
action_new_inspection (GtkWidget *widget, const char *name, GVariant *param)
{
  forward (FW_INSPECTION_SWITCHER (widget), "win.new-inspection", NULL);
}

static void
action_open_database (GtkWidget *widget, const char *name, GVariant *param)
{
  forward (FW_INSPECTION_SWITCHER (widget), "win.open-database", NULL);
}

/* ---------------------------------------------------------------- object */

void
fw_inspection_switcher_set_store (FwInspectionSwitcher *self, FwStore *store)
{
  g_return_if_fail (FW_IS_INSPECTION_SWITCHER (self));
  g_return_if_fail (store == NULL || FW_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  update_title (self);
  fill_inspections (self);
  fill_recent (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

FwStore *
fw_inspection_switcher_get_store (FwInspectionSwitcher *self)
{
  g_return_val_if_fail (FW_IS_INSPECTION_SWITCHER (self), NULL);
  return self->store;
}

void
fw_inspection_switcher_set_session (FwInspectionSwitcher *self, FwSession *session)
{
  g_return_if_fail (FW_IS_INSPECTION_SWITCHER (self));
  g_return_if_fail (session == NULL || FW_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  update_title (self);
  fill_inspections (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

FwSession *
fw_inspection_switcher_get_session (FwInspectionSwitcher *self)
{
  g_return_val_if_fail (FW_IS_INSPECTION_SWITCHER (self), NULL);
  return self->session;
}

void
fw_inspection_switcher_popup (FwInspectionSwitcher *self)
{
  g_return_if_fail (FW_IS_INSPECTION_SWITCHER (self));
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

void
fw_inspection_switcher_popdown (FwInspectionSwitcher *self)
{
  g_return_if_fail (FW_IS_INSPECTION_SWITCHER (self));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

guint
fw_inspection_switcher_get_n_inspections (FwInspectionSwitcher *self)
{
  g_return_val_if_fail (FW_IS_INSPECTION_SWITCHER (self), 0);
  ensure_inspections (self);
  return self->n_inspections;
}

GtkWidget *
fw_inspection_switcher_new (void)
{
  return g_object_new (FW_TYPE_INSPECTION_SWITCHER, NULL);
}

static void
fw_inspection_switcher_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwInspectionSwitcher *self = FW_INSPECTION_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_inspection_switcher_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwInspectionSwitcher *self = FW_INSPECTION_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STORE: fw_inspection_switcher_set_store (self, g_value_get_object (value)); break;
    case PROP_SESSION: fw_inspection_switcher_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_inspection_switcher_dispose (GObject *object)
{
  FwInspectionSwitcher *self = FW_INSPECTION_SWITCHER (object);

  if (self->store_signals)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_INSPECTION_SWITCHER);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (fw_inspection_switcher_parent_class)->dispose (object);
}

static void
fw_inspection_switcher_class_init (FwInspectionSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_inspection_switcher_get_property;
  object_class->set_property = fw_inspection_switcher_set_property;
  object_class->dispose = fw_inspection_switcher_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-inspection-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, titles);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, title);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, title_wrapped);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, subtitles);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, subtitle_full);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, subtitle_short);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, subtitle_date);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, file_label);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, inspections);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, recent);
  gtk_widget_class_bind_template_child (widget_class, FwInspectionSwitcher, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);

  gtk_widget_class_install_action (widget_class, "switcher.open-inspection", "s", action_open_inspection);
  gtk_widget_class_install_action (widget_class, "switcher.open-file", "s", action_open_file);
  gtk_widget_class_install_action (widget_class, "switcher.new-inspection", NULL, action_new_inspection);
  gtk_widget_class_install_action (widget_class, "switcher.open-database", NULL, action_open_database);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fwinspectionswitcher");
}

static void
fw_inspection_switcher_init (FwInspectionSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->inspections), self->placeholder);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button), on_popup, self, NULL);
  self->store_signals = g_signal_group_new (FW_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed", G_CALLBACK (on_store_changed), self, 0);
  update_title (self);
}
