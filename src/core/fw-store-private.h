/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of FwStore (fw-store*.c) share: the instance, statement
 * cache, transactions and audit. Not for use outside src/core. */

#include <sqlite3.h>

#include "fw-store.h"

G_BEGIN_DECLS

struct _FwStore {
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  char       *user;
  FwRole      role;
  GHashTable *statements;     /* sql → sqlite3_stmt* */
  GHashTable *frameworks;     /* inspection id → FwFramework* */
  guint       depth;          /* transaction nesting */
  gboolean    bulk;           /* the open transaction holds others: a larger page cache */
  gboolean    all_or_nothing; /* fw_store_set_bulk (): one change that rolls back whole */
  int         cache_size;     /* the page cache's size outside them (PRAGMA cache_size) */
  gint64      last_audit_id;  /* changes up to here have been announced */
  gint64      data_version;   /* PRAGMA data_version when last looked */
  guint       watch_source;
  char       *sync_user;      /* fw_store_role_for ()'s last answer */
  char       *role_for_id;    /* … and its inspection, kept while all_or_nothing */
  FwRole      role_for;
  /* SQLite's integrity check, when fw_store_open_deferring_check () left it
   * for later: check_lock guards check and check_error. */
  GMutex      check_lock;
  GCond       check_done;
  int         check;          /* FwStoreCheck */
  GError     *check_error;    /* what found the file damaged */
};

typedef enum {
  FW_STORE_CHECK_PASSED,      /* checked at open, or since */
  FW_STORE_CHECK_PENDING,     /* not started: the first write runs it */
  FW_STORE_CHECK_RUNNING,     /* on another thread: a write waits for it */
  FW_STORE_CHECK_DAMAGED,     /* found damage: every write is refused */
} FwStoreCheck;

gboolean       fw_store_sql_error     (FwStore *self, GError **error, const char *what);
gboolean       fw_store_exec          (FwStore *self, const char *sql, GError **error);
/* sql must be a string literal: statements are cached by its address. */
sqlite3_stmt  *fw_store_stmt          (FwStore *self, const char *sql, GError **error);
char          *fw_column_dup          (sqlite3_stmt *s, int i);
char          *fw_now_iso8601         (void);
void           fw_store_bulk_begin    (FwStore *self);

typedef gboolean (*FwStoreWriteFunc) (FwStore *self, gpointer data, GError **error);
/* Runs func inside a write transaction: rules and write together. */
gboolean       fw_store_write         (FwStore *self, FwStoreWriteFunc func, gpointer data, GError **error);

/* Rules checked inside the write transaction. */
gboolean       fw_store_check_open    (FwStore *self, const char *inspection_id, GError **error);
gboolean       fw_store_check_role    (FwStore *self, const char *inspection_id, FwRole needed,
                                       const char *what, GError **error);
/* Who this database is for an inspection: a laptop opened from a package
 * is that package's inspector (sync_state), whatever the store's own role
 * and user; *who is valid until the next call. */
FwRole         fw_store_role_for      (FwStore *self, const char *inspection_id, const char **who);
gboolean       fw_store_case_context  (FwStore *self, const char *case_id, char **inspection_id,
                                       char **kind, char **status, GError **error);
gboolean       fw_store_update_status (FwStore *self, const char *inspection_id, const char *case_id,
                                       const char *old_status, const char *new_status,
                                       const char *reason, GError **error);
gboolean       fw_store_audit         (FwStore *self, const char *inspection_id, const char *case_id,
                                       const char *item, const char *action, const char *old_value,
                                       const char *new_value, const char *old_note, const char *new_note,
                                       const char *reason, GError **error);
gboolean       fw_store_insert_review_comment (FwStore *self, const char *inspection_id,
                                               const char *case_id, const char *item_id,
                                               const char *comment, GError **error);
GHashTable    *fw_store_string_map    (FwStore *self, const char *sql, const char *key, GError **error);

/* Announces the changes committed since the last announcement (audit rows). */
void           fw_store_announce      (FwStore *self);
gint64         fw_store_max_audit_id  (FwStore *self);
gint64         fw_store_data_version  (FwStore *self);

/* fw-store-schema.c */
gboolean       fw_store_check_file    (const char *path, gboolean read_only, gboolean *created,
                                       gboolean *empty, GError **error);
gboolean       fw_store_check_contents (FwStore *self, gboolean empty, int *version, GError **error);
gboolean       fw_store_check_db      (sqlite3 *db, const char *path, gboolean integrity, int *version,
                                       GError **error);
gboolean       fw_store_upgrade       (FwStore *self, int version, GError **error);
gboolean       fw_store_too_new_error (const char *path, guint version, GError **error);
/* The text with its line breaks made "; " (newly allocated). */
char          *fw_one_line            (const char *text);

/* fw-store.c: FW_STORE_ERROR_BUSY, "another Fieldwork is writing to this file". */
gboolean       fw_store_busy_error    (const char *path, GError **error);
/* How long to wait for another program's write lock: 30 s, or
 * FIELDWORK_BUSY_TIMEOUT_MS milliseconds if set (the tests shorten it). */
int            fw_store_busy_timeout_ms (void);

/* fw-filter.c: " AND c.attr IN (?, …)" clauses; binds start at *next. */
void           fw_filter_append_sql   (const FwFilter *filter, GString *sql);
void           fw_filter_bind         (const FwFilter *filter, sqlite3_stmt *stmt, int *next);

G_END_DECLS
