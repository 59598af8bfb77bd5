/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_CONFLICTS_DIALOG (fw_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwConflictsDialog, fw_conflicts_dialog, FW, CONFLICTS_DIALOG, AdwWindow)

/* The conflicts merged returns left in the session's inspection, open ones
 * first: for each, the lead's value and note in effect and the inspector's,
 * with who and when, and Keep Lead / Keep Inspector (fw_sync_resolve (),
 * audited). It follows the session: a resolution, or a merge made
 * elsewhere, shows as soon as the store announces it.
 *
 * Action: conflict.keep "(ss)" — a conflict id, "lead" or "inspector". */
GtkWidget *fw_conflicts_dialog_new     (GtkWindow *parent, FwSession *session);
guint      fw_conflicts_dialog_get_n_open (FwConflictsDialog *self);
/* The Keep Lead / Keep Inspector button of an open conflict, for tests. */
GtkWidget *fw_conflicts_dialog_get_keep_button (FwConflictsDialog *self, const char *conflict_id,
                                                gboolean inspector);

G_END_DECLS
