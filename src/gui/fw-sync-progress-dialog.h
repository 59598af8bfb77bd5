/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_SYNC_PROGRESS_DIALOG (fw_sync_progress_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwSyncProgressDialog, fw_sync_progress_dialog, FW, SYNC_PROGRESS_DIALOG, AdwMessageDialog)

/* Runs one team-fieldwork job (fw-sync.h) on a worker thread, on a second
 * FwStore opened on the database file, showing what it does and a Cancel
 * button. The window's own store then announces what changed; nothing here
 * touches it. "finished" (GError, or NULL when done) is emitted once, then
 * the dialog goes. The passphrase is copied for the job and wiped after. */
GtkWidget  *fw_sync_progress_dialog_new            (GtkWindow *parent, const char *heading);

/* Lead: one package per inspector, written into folder. */
void        fw_sync_progress_dialog_write_packages (FwSyncProgressDialog *self, const char *db_path,
                                                    const char *user, const char *inspection_id,
                                                    const char * const *inspectors, const char *folder,
                                                    const char *passphrase);
/* Laptop: opens (or updates from) a package. */
void        fw_sync_progress_dialog_open_package   (FwSyncProgressDialog *self, const char *db_path,
                                                    const char *user, const char *path, const char *passphrase);
/* Laptop: writes the return. */
void        fw_sync_progress_dialog_write_return   (FwSyncProgressDialog *self, const char *db_path,
                                                    const char *user, const char *inspection_id,
                                                    const char *path, const char *passphrase);
/* Lead: merges returns, all or none. */
void        fw_sync_progress_dialog_merge          (FwSyncProgressDialog *self, const char *db_path,
                                                    const char *user, const char *inspection_id,
                                                    const char * const *paths, const char *passphrase);

/* After "finished": what was done. */
const FwSyncResult *fw_sync_progress_dialog_get_result        (FwSyncProgressDialog *self);
/* The inspection a package opened. */
const char         *fw_sync_progress_dialog_get_inspection_id (FwSyncProgressDialog *self);
/* The files written (packages, or the return). */
const char * const *fw_sync_progress_dialog_get_written       (FwSyncProgressDialog *self);

G_END_DECLS
