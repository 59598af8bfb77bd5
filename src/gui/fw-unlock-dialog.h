/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_UNLOCK_DIALOG (fw_unlock_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwUnlockDialog, fw_unlock_dialog, FW, UNLOCK_DIALOG, AdwMessageDialog)

/* Asks why a locked inspection is unlocked, then unlocks it through the
 * session; the reason goes into the audit trail. Enter unlocks (Shift+Enter
 * starts a new line); an empty reason keeps the dialog open and says so. */
GtkWidget *fw_unlock_dialog_new (GtkWindow *parent, FwSession *session);

G_END_DECLS
