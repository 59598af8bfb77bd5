/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FW_TYPE_PASSPHRASE_DIALOG (fw_passphrase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwPassphraseDialog, fw_passphrase_dialog, FW, PASSPHRASE_DIALOG, AdwMessageDialog)

/* Asks for the passphrase of package or return files (or of a folder of
 * them: files, kept for the response); when confirm is set (new files),
 * twice, and "ok" stays disabled until both agree. The passphrase is never
 * stored: the caller reads it on "ok" and the entries go with the dialog.
 * Responds "ok" or "cancel". */
GtkWidget  *fw_passphrase_dialog_new            (GtkWindow *parent, const char *heading, const char *body,
                                                 gboolean confirm, const char * const *files);
const char * const *fw_passphrase_dialog_get_files (FwPassphraseDialog *self);
const char *fw_passphrase_dialog_get_passphrase (FwPassphraseDialog *self);
/* For tests and keyboard users alike: types text into the entries shown. */
void        fw_passphrase_dialog_set_passphrase (FwPassphraseDialog *self, const char *text);

G_END_DECLS
