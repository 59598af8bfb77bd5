/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-window.h"

G_BEGIN_DECLS

#define FW_TYPE_INSPECTOR_DIALOG (fw_inspector_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwInspectorDialog, fw_inspector_dialog, FW, INSPECTOR_DIALOG, AdwMessageDialog)

/* The inspector's name is asked once, on the first start: it is stamped on
 * every answer. Not asked when the settings are kept in memory only (tests,
 * GSETTINGS_BACKEND=memory) or when FIELDWORK_INSPECTOR names the inspector. */
gboolean   fw_inspector_dialog_needed (GSettings *settings);
/* Asks when needed, as soon as window is shown. */
void       fw_inspector_dialog_ask    (FwWindow *window, GSettings *settings);
/* The dialog itself: saves inspector-name and inspector-initials, stamps
 * the name on the window's store and gives it to the ratings panel. */
GtkWidget *fw_inspector_dialog_new    (FwWindow *window, GSettings *settings);

/* "Ada Lovelace-Byron" → "ALB" */
char      *fw_inspector_initials      (const char *name);
/* g_get_real_name (), or the login name when it is unknown */
const char *fw_inspector_default_name (void);

G_END_DECLS
