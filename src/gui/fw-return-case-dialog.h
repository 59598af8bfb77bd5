/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_RETURN_CASE_DIALOG (fw_return_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwReturnCaseDialog, fw_return_case_dialog, FW, RETURN_CASE_DIALOG, AdwMessageDialog)

/* Asks the lead what the inspector should look at again in a case (about one
 * question when item_id is given). Responds "return" or "cancel". */
GtkWidget  *fw_return_case_dialog_new         (GtkWindow *parent, FwCaseItem *item, const char *item_id);
FwCaseItem *fw_return_case_dialog_get_case    (FwReturnCaseDialog *self);
const char *fw_return_case_dialog_get_item_id (FwReturnCaseDialog *self);
const char *fw_return_case_dialog_get_comment (FwReturnCaseDialog *self);

G_END_DECLS
