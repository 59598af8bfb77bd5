/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of team sync share (fw-sync.c: tables, images, sealed
 * files and values; fw-sync-package.c; fw-sync-return.c; fw-sync-merge.c;
 * fw-sync-conflicts.c). Not for use outside src/core. */

#include <sqlite3.h>

#include "fw-sync.h"
#include "fw-store-private.h"

G_BEGIN_DECLS

#define PAYLOAD_MAGIC "FWSYNC1\n"

/* A sealed package or return, opened. */
struct _FwSyncFile {
  char       *path;
  GKeyFile   *meta;

  FwSyncKind  kind;
  char       *inspection_id;
  char       *inspector;
  char       *id;
  GBytes     *body;
};

typedef enum {
  SCOPE_INSPECTION_ROW,   /* the inspection table */
  SCOPE_CASE_ROW,         /* kase */
  SCOPE_CASE,             /* rows about a case (case_id) */
  SCOPE_INSPECTION,       /* rows about the inspection (inspection_id) */
} Scope;

typedef struct {
  char      *name;
  char      *create_sql;
  GPtrArray *columns;
  GPtrArray *pk;               /* the key's columns */
  Scope      scope;

  gboolean   lead_only;        /* not in packages */
  gboolean   inspector_owned;  /* rows an inspector writes in their own cases */
  int        who_col, case_col, item_col, value_col, note_col, at_col;
} SyncTable;

gboolean      fw_sync_add_sent_rows (sqlite3 *db, GPtrArray *tables, GError **error);
gboolean      fw_sync_attach_image (sqlite3 *db, const char *alias, GBytes *image, const char *path, GError **error);
gboolean      fw_sync_attach_memory (sqlite3 *db, const char *alias, GError **error);
sqlite3_value *fw_sync_change_value (sqlite3_changeset_iter *it, int op, int i);
gboolean      fw_sync_check_lead (FwStore *store, const char *inspection_id, const char *what, GError **error);
gboolean      fw_sync_changeset_check (GBytes *changes, const char *path, GError **error);
gboolean      fw_sync_create_tables (sqlite3 *db, const char *alias, GPtrArray *tables, GError **error);
char          *fw_sync_current_row_json (sqlite3 *db, SyncTable *t, sqlite3_changeset_iter *it, int op);
gboolean      fw_sync_db_error (sqlite3 *db, const char *what, GError **error);
void          fw_sync_detach (sqlite3 *db, const char *alias);
GBytes        *fw_sync_diff_images (sqlite3 *db, const char *from, const char *to, GPtrArray *tables, GError **error);
gboolean      fw_sync_exec (sqlite3 *db, const char *sql, GError **error);
gboolean      fw_sync_extract (sqlite3 *db, const char *alias, GPtrArray *tables, const char *inspection_id, const char *inspector, gboolean with_lead_only, guint *n_cases, GError **error);
SyncTable     *fw_sync_find_table (GPtrArray *tables, const char *name);
gboolean      fw_sync_identical_to_current (sqlite3_changeset_iter *it, int op, int n);
char          *fw_sync_inspector_row_json (sqlite3 *db, SyncTable *t, sqlite3_changeset_iter *it, int op, const char *lead_row);
char          *fw_sync_json_field (sqlite3 *db, const char *json, const char *field);
GPtrArray     *fw_sync_list_tables (sqlite3 *db, GError **error);
GKeyFile      *fw_sync_new_meta (const char *kind, const char *inspection_id, const char *inspector, const char *id);
char          *fw_sync_row_key (sqlite3_changeset_iter *it, int op);
GBytes        *fw_sync_serialize (sqlite3 *db, const char *alias);
GBytes        *fw_sync_serialize_copy (sqlite3 *db, const char *alias, GPtrArray *tables, GError **error);
GBytes        *fw_sync_sync_blob (FwStore *store, const char *sql, const char *inspection_id, gint64 seq);
gboolean      fw_sync_update_sent (sqlite3 *db, GPtrArray *tables, GError **error);
char          *fw_sync_value_dup (sqlite3_value *v);
gboolean      fw_sync_values_equal (sqlite3_value *a, sqlite3_value *b);
gboolean      fw_sync_write_sealed (const char *path, GKeyFile *meta, GBytes *body, const char *passphrase, GError **error);

G_END_DECLS
