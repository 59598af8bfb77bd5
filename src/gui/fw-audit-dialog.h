/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"
#include "fw-audit-row.h"

G_BEGIN_DECLS

#define FW_TYPE_AUDIT_DIALOG (fw_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwAuditDialog, fw_audit_dialog, FW, AUDIT_DIALOG, AdwWindow)

/* The audit trail of an inspection, or of one case when item is given:
 * who changed what and when. NULL, with the error, if it cannot be read. */
GtkWidget *fw_audit_dialog_new         (GtkWindow *parent, FwSession *session, FwCaseItem *item, GError **error);
/* The lines shown (after the search and the filters), newest first. */
guint      fw_audit_dialog_get_n_lines (FwAuditDialog *self);
FwAuditRow *fw_audit_dialog_get_line   (FwAuditDialog *self, guint position);
/* Saves the lines shown as CSV (audit.export-csv, Ctrl+S, asks where). */
gboolean   fw_audit_dialog_export_csv  (FwAuditDialog *self, GFile *file, GError **error);
/* The file chooser audit.export-csv opened, while it is open; for tests. */
GtkFileChooser *fw_audit_dialog_get_chooser (FwAuditDialog *self);

G_END_DECLS
