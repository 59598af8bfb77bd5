/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-export-doc.h"

G_BEGIN_DECLS

#define FW_TYPE_EXPORT_DIALOG (fw_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwExportDialog, fw_export_dialog, FW, EXPORT_DIALOG, AdwMessageDialog)

/* The progress of an export, written on a worker thread; Cancel stops it.
 * Signal "finished" (GError, NULL on success) once it is over; the dialog
 * then closes itself. */
GtkWidget  *fw_export_dialog_new      (GtkWindow *parent, const char *path);
/* Takes data. */
void        fw_export_dialog_start    (FwExportDialog *self, FwExportData *data, FwExportFormat format);
const char *fw_export_dialog_get_path (FwExportDialog *self);

G_END_DECLS
