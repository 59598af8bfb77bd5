/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_COMPLETE_CASE_DIALOG (fw_complete_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwCompleteCaseDialog, fw_complete_case_dialog, FW, COMPLETE_CASE_DIALOG, AdwMessageDialog)

/* Says why a case cannot be marked complete yet: every gap (FwProblem*, an
 * unanswered key question or a missing evidence note), in question order.
 * Responds "go" (to the first gap, or the one activated in the list) or
 * "cancel". */
GtkWidget *fw_complete_case_dialog_new        (GtkWindow *parent, FwFramework *framework, FwCaseItem *item,
                                               GPtrArray *gaps);
/* The gap to go to. */
FwProblem *fw_complete_case_dialog_get_chosen (FwCompleteCaseDialog *self);
GtkWidget *fw_complete_case_dialog_get_list   (FwCompleteCaseDialog *self);

G_END_DECLS
