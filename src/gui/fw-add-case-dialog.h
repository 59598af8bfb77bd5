/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_ADD_CASE_DIALOG (fw_add_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwAddCaseDialog, fw_add_case_dialog, FW, ADD_CASE_DIALOG, AdwMessageDialog)

/* Asks for a case added by hand: its reference, its kind (one of the
 * framework's), the framework's attributes (a drop-down for a closed list,
 * an entry for free text) and its inspector. Responds "add" or "cancel". */
GtkWidget  *fw_add_case_dialog_new           (GtkWindow *parent, FwFramework *framework, const char *inspector);
/* Whether a reference is already a case's: while it is, Add is off and the
 * dialog says so. */
typedef gboolean (*FwAddCaseTakenFunc) (const char *reference, gpointer data);
void        fw_add_case_dialog_set_taken_func (FwAddCaseDialog *self, FwAddCaseTakenFunc taken, gpointer data);
/* The same dialog for a case that exists: its details (the framework's
 * attributes) filled in and editable; the reference, kind and inspector
 * shown in the body, not editable. Responds "add" (labelled Save) or
 * "cancel"; fw_add_case_dialog_dup_changes () says what changed. */
GtkWidget  *fw_add_case_dialog_new_for_case  (GtkWindow *parent, FwFramework *framework, const FwCase *kase);
/* The case being edited, or NULL when adding. */
const char *fw_add_case_dialog_get_case_id   (FwAddCaseDialog *self);
/* Pairs of an attribute id and its new value ("" when cleared), for the
 * attributes whose value differs from the case's. */
GStrv       fw_add_case_dialog_dup_changes   (FwAddCaseDialog *self);
/* The reference, without surrounding spaces. */
char       *fw_add_case_dialog_dup_reference (FwAddCaseDialog *self);
const char *fw_add_case_dialog_get_kind_id   (FwAddCaseDialog *self);
/* Pairs of an attribute id and its value, for the attributes given. */
GStrv       fw_add_case_dialog_dup_attributes (FwAddCaseDialog *self);
GtkWidget  *fw_add_case_dialog_get_attribute_row (FwAddCaseDialog *self, const char *attribute_id);
const char *fw_add_case_dialog_get_inspector (FwAddCaseDialog *self);

G_END_DECLS
