/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FW_TYPE_HELP_WINDOW (fw_help_window_get_type ())
G_DECLARE_FINAL_TYPE (FwHelpWindow, fw_help_window, FW, HELP_WINDOW, AdwWindow)

/* The user guide: how to run an inspection from creation to export. */
GtkWidget *fw_help_window_new     (GtkWindow *parent);
/* Shows the guide for parent, reusing the one already open. */
GtkWidget *fw_help_window_present (GtkWindow *parent);

G_END_DECLS
