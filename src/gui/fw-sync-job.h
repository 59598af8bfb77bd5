/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-core.h"
#include "fw-job-dialog.h"

G_BEGIN_DECLS

/* One team-fieldwork job (fw-sync.h), run by an FwJobDialog on its worker
 * thread on a second FwStore opened on the database file. The window's own
 * store then announces what changed; nothing here touches it. The
 * passphrase is copied for the job and wiped after. */
typedef struct _FwSyncJob FwSyncJob;

/* Lead: one package per inspector, written into folder. */
FwSyncJob          *fw_sync_job_new_packages     (const char *db_path, const char *user, const char *inspection_id,
                                                  const char * const *inspectors, const char *folder,
                                                  const char *passphrase);
/* Laptop: opens (or updates from) a package. */
FwSyncJob          *fw_sync_job_new_open_package (const char *db_path, const char *user, const char *path,
                                                  const char *passphrase);
/* Laptop: writes the return. */
FwSyncJob          *fw_sync_job_new_return       (const char *db_path, const char *user, const char *inspection_id,
                                                  const char *path, const char *passphrase);
/* Lead: merges returns, all or none. */
FwSyncJob          *fw_sync_job_new_merge        (const char *db_path, const char *user, const char *inspection_id,
                                                  const char * const *paths, const char *passphrase);

/* Runs the job on the dialog's worker thread; the dialog then owns it. */
void                fw_sync_job_start            (FwSyncJob *job, FwJobDialog *dialog);

/* In the dialog's "finished": what was done. */
const FwSyncResult *fw_sync_job_get_result        (FwSyncJob *job);
/* The inspection a package opened. */
const char         *fw_sync_job_get_inspection_id (FwSyncJob *job);
/* The files written (packages, or the return), NULL-terminated. */
const char * const *fw_sync_job_get_written       (FwSyncJob *job);

G_END_DECLS
