/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "fw-store.h"

G_BEGIN_DECLS

/* Team fieldwork: the lead writes one package per inspector, each laptop
 * opens its package, works offline and writes returns, the lead merges
 * them. Packages and returns are sealed files (fw-crypt.h). Every call here
 * is one transaction: it changes everything it says or nothing.
 *
 * The calls block (key derivation takes a fraction of a second, a merge of
 * a week's returns about as long); a window runs them in a GTask thread on
 * a second FwStore opened on the same file (an FwStore belongs to one
 * thread), reporting through progress and stopping when cancellable is
 * cancelled (before anything is committed). The window's own store then
 * announces what changed (FwStore::changed; a merge ends with a reload). */

typedef enum {
  FW_SYNC_PACKAGE,
  FW_SYNC_RETURN,
} FwSyncKind;

typedef enum {
  FW_SYNC_KEEP_LEAD,
  FW_SYNC_KEEP_INSPECTOR,
} FwSyncKeep;

/* fraction 0…1, and what is being done, in words */
typedef void (*FwSyncProgressFunc) (double fraction, const char *what, gpointer user_data);

/* A package or return, opened with its passphrase. */
typedef struct _FwSyncFile FwSyncFile;

FwSyncFile *fw_sync_file_read          (const char *path, const char *passphrase, GError **error);
FwSyncKind  fw_sync_file_get_kind      (FwSyncFile *file);
const char *fw_sync_file_get_path      (FwSyncFile *file);
const char *fw_sync_file_get_inspection (FwSyncFile *file);
const char *fw_sync_file_get_inspector (FwSyncFile *file);
/* What it carries: a package's image (an SQLite database), a return's
 * changeset. */
GBytes     *fw_sync_file_get_body      (FwSyncFile *file);
void        fw_sync_file_free          (FwSyncFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwSyncFile, fw_sync_file_free)

typedef struct {
  guint changes;     /* changes that changed this database */
  guint conflicts;   /* new conflicts recorded */
} FwSyncResult;

/* Lead: a package for one inspector (the inspection, its framework
 * snapshot, that inspector's cases and nothing about anyone else's). */
gboolean    fw_sync_write_package      (FwStore *store, const char *inspection_id, const char *inspector,
                                        const char *path, const char *passphrase, GError **error);
/* Laptop: opens a package; the first time the inspection is added and this
 * database works in the inspector's role for it; later, the lead's newer
 * changes are applied and the laptop's own unreturned work is kept.
 * Returns the inspection id. */
char       *fw_sync_open_package       (FwStore *store, FwSyncFile *package, FwSyncResult *result,
                                        GError **error);
/* Laptop: everything done since the package. *changes: how many. */
gboolean    fw_sync_write_return       (FwStore *store, const char *inspection_id, const char *path,
                                        const char *passphrase, guint *changes, GError **error);
/* Lead: merges returns, all of them or none. */
gboolean    fw_sync_merge              (FwStore *store, const char *inspection_id, GPtrArray *returns,
                                        FwSyncProgressFunc progress, gpointer user_data,
                                        GCancellable *cancellable, FwSyncResult *result, GError **error);

typedef struct {
  char    *id;
  char    *table;
  char    *case_id;
  char    *reference;
  char    *item;
  char    *kind;            /* "not-owner" or "both-changed" */
  char    *author;          /* the inspector whose change it was */
  char    *lead_value;      /* the answer, status … in effect (NULL: none) */
  char    *lead_note;
  char    *lead_who;
  char    *lead_at;
  char    *inspector_value; /* the inspector's (NULL: none, or deleted) */
  char    *inspector_note;
  char    *inspector_at;
  char    *found_at;
  char    *resolved;        /* NULL, "lead" or "inspector" */
} FwSyncConflict;

void        fw_sync_conflict_free      (FwSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwSyncConflict, fw_sync_conflict_free)

/* Every conflict of the inspection, open ones first. */
GPtrArray  *fw_sync_list_conflicts     (FwStore *store, const char *inspection_id, GError **error);
gboolean    fw_sync_resolve            (FwStore *store, const char *inspection_id, const char *conflict_id,
                                        FwSyncKeep keep, GError **error);
/* Who this database is for an inspection: FW_ROLE_INSPECTOR on a laptop
 * opened from a package (*inspector: whose, newly allocated), else
 * FW_ROLE_LEAD (*inspector: NULL). */
FwRole      fw_sync_get_role           (FwStore *store, const char *inspection_id, char **inspector);
/* Lead: allocates cases to an inspector (NULL: nobody), audited. */
gboolean    fw_sync_allocate           (FwStore *store, const char *inspection_id, const char * const *case_ids,
                                        const char *inspector, GError **error);

G_END_DECLS
