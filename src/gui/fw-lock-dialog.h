/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_LOCK_DIALOG (fw_lock_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwLockDialog, fw_lock_dialog, FW, LOCK_DIALOG, AdwMessageDialog)

/* Asks before an inspection is locked, showing what is still open: the
 * problems of the sample and whether the ratings are provisional. Locks
 * through the session on "lock"; "cancel" leaves it open. */
GtkWidget *fw_lock_dialog_new          (GtkWindow *parent, FwSession *session);
guint      fw_lock_dialog_get_n_problems (FwLockDialog *self);
gboolean   fw_lock_dialog_get_provisional (FwLockDialog *self);

G_END_DECLS
