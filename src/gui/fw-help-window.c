/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-help-window.h"

/* The guide's text is in ui/fw-help-window.ui, translated with the rest of
 * the interface; nothing here needs a network or a browser. */
struct _FwHelpWindow {
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (FwHelpWindow, fw_help_window, ADW_TYPE_WINDOW)

static void
fw_help_window_class_init (FwHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-help-window.ui");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fw_help_window_init (FwHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_help_window_new (GtkWindow *parent)
{
  /* not added to the application: the active window stays the main one */
  return g_object_new (FW_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
}

/* The guide already open for this window, if any. */
static GtkWidget *
find_help_window (GtkWindow *parent)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FW_IS_HELP_WINDOW (window) && gtk_window_get_transient_for (window) == parent)
        return GTK_WIDGET (window);
    }
  return NULL;
}

GtkWidget *
fw_help_window_present (GtkWindow *parent)
{
  GtkWidget *window = parent ? find_help_window (parent) : NULL;

  if (window == NULL)
    window = fw_help_window_new (parent);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
