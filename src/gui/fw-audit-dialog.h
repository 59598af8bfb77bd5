/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_AUDIT_DIALOG (fw_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwAuditDialog, fw_audit_dialog, FW, AUDIT_DIALOG, AdwWindow)

/* The audit trail of an inspection, or of one case when item is given:
 * who changed what and when. NULL, with the error, if it cannot be read. */
GtkWidget *fw_audit_dialog_new         (GtkWindow *parent, FwSession *session, FwCaseItem *item, GError **error);
guint      fw_audit_dialog_get_n_lines (FwAuditDialog *self);

G_END_DECLS
