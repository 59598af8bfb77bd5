/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_NEW_INSPECTION_DIALOG (fw_new_inspection_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwNewInspectionDialog, fw_new_inspection_dialog, FW, NEW_INSPECTION_DIALOG, AdwMessageDialog)

/* Asks for the framework, the service, the start of fieldwork and the
 * inspectors of a new inspection. Responds "create" (enabled once the service
 * is named and the date is valid; Enter submits) or "cancel". */
GtkWidget  *fw_new_inspection_dialog_new              (GtkWindow *parent, const char *inspectors);
const char *fw_new_inspection_dialog_get_framework_id (FwNewInspectionDialog *self);
const char *fw_new_inspection_dialog_get_service      (FwNewInspectionDialog *self);
const char *fw_new_inspection_dialog_get_start_date   (FwNewInspectionDialog *self);
/* The inspectors' names, separated by commas in the entry. */
GStrv       fw_new_inspection_dialog_dup_inspectors   (FwNewInspectionDialog *self);

G_END_DECLS
