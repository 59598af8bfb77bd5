/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_ALLOCATE_DIALOG (fw_allocate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwAllocateDialog, fw_allocate_dialog, FW, ALLOCATE_DIALOG, AdwMessageDialog)

/* Asks the lead which of the inspection's inspectors the chosen cases
 * (FwCaseItem) go to, or nobody. Responds "allocate" or "cancel". */
GtkWidget          *fw_allocate_dialog_new           (GtkWindow *parent, const char * const *inspectors,
                                                      GPtrArray *cases);
GPtrArray          *fw_allocate_dialog_get_cases     (FwAllocateDialog *self);
/* The inspector chosen; NULL for nobody. */
const char         *fw_allocate_dialog_get_inspector (FwAllocateDialog *self);
/* Chooses by name (NULL: nobody); FALSE if the inspection has no such inspector. */
gboolean            fw_allocate_dialog_set_inspector (FwAllocateDialog *self, const char *name);

G_END_DECLS
