/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "fw-case.h"
#include "fw-change.h"
#include "fw-filter.h"
#include "fw-framework.h"
#include "fw-records.h"
#include "fw-tally.h"
#include "fw-types.h"

G_BEGIN_DECLS

#define FW_STORE_VERSION 6
/* PRAGMA application_id of a Fieldwork database: "FWRK". */
#define FW_STORE_APPLICATION_ID 0x4657524B

/* Who may make a change: a lead inspector (the whole inspection, and what a
 * single desk does), or an inspector (the answers of their own cases). */
typedef enum {
  FW_ROLE_LEAD,
  FW_ROLE_INSPECTOR,
} FwRole;

/* The one place that decides who the user is: the name given (settings,
 * --as), else FIELDWORK_INSPECTOR, else the account's real or login name. */
char *fw_user_resolve (const char *given);

#define FW_TYPE_STORE (fw_store_get_type ())
G_DECLARE_FINAL_TYPE (FwStore, fw_store, FW, STORE, GObject)

char       *fw_store_default_path   (void);
FwStore    *fw_store_open           (const char *path,
                                     GError    **error);
/* Opens an existing database only to read it: creates no folder or file,
 * refuses an empty file, never writes (works on a read-only file too).
 * FW_STORE_ERROR_NOT_FOUND if there is no file. */
FwStore    *fw_store_open_readonly  (const char *path,
                                     GError    **error);
/* Opens as fw_store_open () does, but leaves SQLite's integrity check
 * (100–200 ms on a large file) for fw_store_check_async (), so that a
 * window can show the file first. Until the check has passed, a write waits
 * for it (or runs it, if it was not started) and is refused with
 * FW_STORE_ERROR_CORRUPT if it found damage. A database written by an
 * older Fieldwork is still checked here, before it is brought up to date. */
FwStore    *fw_store_open_deferring_check (const char *path,
                                           GError    **error);
/* The integrity check left for later, on another thread with its own
 * read-only connection, on one snapshot; finish: FALSE with
 * FW_STORE_ERROR_CORRUPT (its message advising a restore) if the file is
 * damaged, another error if the check could not run (the next write then
 * runs it). Passes at once for a store that was checked when it opened. */
void        fw_store_check_async    (FwStore            *self,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean    fw_store_check_finish   (FwStore      *self,
                                     GAsyncResult *result,
                                     GError      **error);
const char *fw_store_get_path       (FwStore *self);
/* Who is stamped on changes made through this store. */
void        fw_store_set_user       (FwStore *self, const char *who);
const char *fw_store_get_user       (FwStore *self);
/* What this user may do; a lead by default. */
void        fw_store_set_role       (FwStore *self, FwRole role);
FwRole      fw_store_get_role       (FwStore *self);

/* FwStore::changed (FwChange *) is emitted once per committed change, after
 * the commit: for changes made here at once, and for changes another process
 * made to the same file when watching (it looks every 250 ms while idle). */
void        fw_store_set_watching   (FwStore *self, gboolean watching);
/* Looks for changes made by other processes now; TRUE if there were any. */
gboolean    fw_store_poll           (FwStore *self);
/* How long a write waits for another program's write lock before
 * FW_STORE_ERROR_BUSY, in ms (< 0: the usual 30 s). */
void        fw_store_set_busy_timeout (FwStore *self, int ms);

/* All-or-nothing groups of changes (nest with savepoints). */
gboolean    fw_store_begin          (FwStore *self, GError **error);
gboolean    fw_store_commit         (FwStore *self, GError **error);
void        fw_store_rollback       (FwStore *self);
/* Inside an all-or-nothing group of many changes (an import): each change
 * needs no savepoint of its own, since any failure rolls back the group. */
void        fw_store_set_bulk       (FwStore *self, gboolean bulk);

/* Inspections */
char       *fw_store_create_inspection (FwStore      *self,
                                        FwFramework  *framework,
                                        const char   *service,
                                        const char   *start_date,
                                        const char  **inspectors,
                                        GError      **error);
GPtrArray  *fw_store_list_inspections  (FwStore *self, GError **error);   /* FwInspectionInfo* */
FwInspectionInfo *fw_store_get_inspection (FwStore *self, const char *id, GError **error);
/* The framework snapshot the inspection was created with. */
FwFramework *fw_store_load_framework   (FwStore *self, const char *inspection_id, GError **error);
gboolean    fw_validate_date           (const char *date, GError **error);

/* Cases */
/* fields: NULL-terminated pairs of a field id and its value (NULL or ""
 * for none): the built-in kind (required), inspector and status, and the
 * framework's attributes, e.g. { "kind", "court", "rosh", "high", NULL }. */
char       *fw_store_add_case       (FwStore            *self,
                                     const char         *inspection_id,
                                     const char         *reference,
                                     const char * const *fields,
                                     GError            **error);
FwCase     *fw_store_find_case      (FwStore *self, const char *inspection_id,
                                     const char *reference, GError **error);
FwCase     *fw_store_get_case       (FwStore *self, const char *case_id, GError **error);
/* Changes one of the framework's attributes of a case (the lead's; a closed
 * attribute takes only its values; NULL or "" clears it); audited. */
gboolean    fw_store_set_case_attribute (FwStore *self, const char *case_id, const char *attribute,
                                         const char *value, GError **error);
GPtrArray  *fw_store_list_cases     (FwStore *self, const char *inspection_id,
                                     const FwFilter *filter, GError **error);   /* FwCase* */

/* Answers: set one answer (or FW_ANSWER_NONE to clear it) with its note;
 * the change and the previous value go into the audit trail. A note with
 * FW_ANSWER_NONE is kept for the question until it is answered
 * (fw_store_get_answer gives it back); no count or list of answers sees it. */
gboolean    fw_store_set_answer     (FwStore     *self,
                                     const char  *case_id,
                                     const char  *item_id,
                                     FwAnswer     answer,
                                     const char  *note,
                                     const char  *action,   /* "answer", "import", "undo" */
                                     GError     **error);
gboolean    fw_store_get_answer     (FwStore     *self,
                                     const char  *case_id,
                                     const char  *item_id,
                                     FwAnswer    *answer,
                                     char       **note,
                                     GError     **error);
/* Every answer of a case: item id → "yes"/"no"/"na". */
GHashTable *fw_store_get_case_answers (FwStore *self, const char *case_id, GError **error);

/* Judgements for judged standards. */
gboolean    fw_store_set_judgement  (FwStore *self, const char *inspection_id,
                                     const char *standard_id, const char *band_id,
                                     const char *rationale, GError **error);
/* standard id → band id */
GHashTable *fw_store_get_judgements (FwStore *self, const char *inspection_id, GError **error);

/* Count answers for the rating engine. */
gboolean    fw_store_tally          (FwStore        *self,
                                     const char     *inspection_id,
                                     FwFramework    *framework,
                                     const FwFilter *filter,
                                     FwTally        *tally,
                                     GError        **error);

guint       fw_store_count_audit    (FwStore *self, const char *inspection_id, GError **error);


/* Checks the move, records it in the audit trail with the comment. */
gboolean    fw_store_move_case      (FwStore *self, const char *case_id, FwCaseStatus to,
                                     const char *comment, GError **error);
/* Returns a case to its inspector: the status and the comment (about one
 * question, or the whole case when item_id is NULL) in one change. */
gboolean    fw_store_return_case    (FwStore *self, const char *case_id, const char *item_id,
                                     const char *comment, GError **error);
gboolean    fw_store_set_practice   (FwStore *self, const char *case_id, const char *item_id,
                                     FwPractice practice, GError **error);
gboolean    fw_store_add_review_comment (FwStore *self, const char *case_id, const char *item_id,
                                         const char *comment, GError **error);
GPtrArray  *fw_store_list_review_comments (FwStore *self, const char *case_id, GError **error);
/* Lock: read-only afterwards. Unlocking needs a reason, which is logged. */
gboolean    fw_store_set_locked     (FwStore *self, const char *inspection_id, gboolean locked,
                                     const char *reason, GError **error);
gboolean    fw_store_is_locked      (FwStore *self, const char *inspection_id);
/* Every answer of an inspection, by case reference then item. */
GPtrArray  *fw_store_list_answers   (FwStore *self, const char *inspection_id, GError **error);
/* The audit trail, oldest first; case_id NULL for the whole inspection. */
GPtrArray  *fw_store_list_audit     (FwStore *self, const char *inspection_id, const char *case_id,
                                     GError **error);
/* item id → "good" or "poor", for the answers of a case flagged as practice examples */
GHashTable *fw_store_get_case_practice (FwStore *self, const char *case_id, GError **error);
/* standard id → rationale */
GHashTable *fw_store_get_rationales (FwStore *self, const char *inspection_id, GError **error);

/* case id → number of key questions answered (prompts not counted). */
GHashTable *fw_store_count_answered (FwStore *self, const char *inspection_id,
                                     FwFramework *framework, GError **error);

G_END_DECLS
