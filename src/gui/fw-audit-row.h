/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_AUDIT_ROW (fw_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (FwAuditRow, fw_audit_row, FW, AUDIT_ROW, GObject)

/* One line of the audit trail as the Audit Trail dialog shows it, its
 * fields as read-only string properties for the column view to bind:
 * "time" (local), "who", "reference", "question", "change" (old → new, or
 * what was done) and "note" (the note written, else the reason given). */
FwAuditRow *fw_audit_row_new           (const FwAuditEntry *entry);
const char *fw_audit_row_get_time      (FwAuditRow *self);
const char *fw_audit_row_get_who       (FwAuditRow *self);
const char *fw_audit_row_get_reference (FwAuditRow *self);
const char *fw_audit_row_get_question  (FwAuditRow *self);
const char *fw_audit_row_get_change    (FwAuditRow *self);
const char *fw_audit_row_get_note      (FwAuditRow *self);
/* Whether any field contains text, ignoring case. */
gboolean    fw_audit_row_matches       (FwAuditRow *self, const char *text);

G_END_DECLS
