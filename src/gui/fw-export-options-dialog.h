/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"
#include "fw-export-doc.h"

G_BEGIN_DECLS

#define FW_TYPE_EXPORT_OPTIONS_DIALOG (fw_export_options_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwExportOptionsDialog, fw_export_options_dialog, FW, EXPORT_OPTIONS_DIALOG, AdwMessageDialog)

/* Asks what to export before anything is written: the whole sample or the
 * sub-sample chosen in the ratings panel (said in words, with its number of
 * cases), the format, and the file. Responds "export" or "cancel". */
GtkWidget      *fw_export_options_dialog_new              (GtkWindow *parent, FwSession *session,
                                                           const char *folder);
/* TRUE: every case; FALSE: the session's sub-sample. */
gboolean        fw_export_options_dialog_get_whole_sample (FwExportOptionsDialog *self);
void            fw_export_options_dialog_set_whole_sample (FwExportOptionsDialog *self, gboolean whole);
FwExportFormat  fw_export_options_dialog_get_format       (FwExportOptionsDialog *self);
/* The file to write, with the format's extension when none was typed. */
char           *fw_export_options_dialog_dup_path         (FwExportOptionsDialog *self);
/* What the "Cases" row offers, as shown (for tests). */
const char     *fw_export_options_dialog_get_what_text    (FwExportOptionsDialog *self);

G_END_DECLS
