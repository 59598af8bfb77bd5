/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-store.h"

G_BEGIN_DECLS

/* Rotating backups next to the database: FILE.db.backup-YYYYMMDDTHHMMSS
 * (-2, -3 … when several are made in one second), private (0600), one
 * self-contained SQLite file each, made with SQLite's online backup API
 * from a consistent snapshot. Only the newest FW_STORE_BACKUPS_KEPT are
 * kept. A backup is made before every import, merge and migration, unless
 * the newest one already holds the same (same schema, same last change):
 * failed attempts, which change nothing, do not push older backups out. */
#define FW_STORE_BACKUPS_KEPT 5

/* Makes a backup now; *backup_path (may be NULL) is the new file, or the
 * newest one when it already holds the same. Inside a
 * transaction of the caller's it makes none (what is in the transaction is
 * not committed yet) and *backup_path is NULL. */
gboolean   fw_store_backup         (FwStore *self, char **backup_path, GError **error);
/* The backups of the database at db_path, newest first (char* paths). */
GPtrArray *fw_store_list_backups   (const char *db_path, GError **error);
/* Replaces the contents of the database at db_path with the backup's,
 * after backing up what is there now. The backup is checked first (an
 * SQLite file, Fieldwork's, not newer than this program, integrity check
 * ok): if it is not good, nothing is changed. A database at db_path that
 * is damaged is kept beside it as FILE.db.damaged-YYYYMMDDTHHMMSS. */
gboolean   fw_store_restore        (const char *db_path, const char *backup_path, GError **error);

G_END_DECLS
