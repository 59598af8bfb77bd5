/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "fw-framework.h"

G_BEGIN_DECLS

#define FW_STORE_VERSION 2
/* PRAGMA application_id of a Fieldwork database: "FWRK". */
#define FW_STORE_APPLICATION_ID 0x4657524B

/* Case attributes, in the order of the cases CSV contract. */
typedef enum {
  FW_ATTR_KIND,
  FW_ATTR_DISPOSAL,
  FW_ATTR_GENDER,
  FW_ATTR_AGE,
  FW_ATTR_ETHNICITY,
  FW_ATTR_ROSH,
  FW_ATTR_SAFETY_WELLBEING,
  FW_ATTR_CASE_MANAGER,
  FW_ATTR_INSPECTOR,
  FW_ATTR_INTERVIEW,
  FW_ATTR_STATUS,
  FW_N_ATTRS
} FwAttr;

const char *fw_attr_to_string   (FwAttr attr);
gboolean    fw_attr_from_string (const char *str, FwAttr *attr);

typedef enum {
  FW_CASE_NOT_STARTED,
  FW_CASE_IN_PROGRESS,
  FW_CASE_COMPLETE,
  FW_CASE_QUALITY_ASSURED,
  FW_CASE_RETURNED,
} FwCaseStatus;

const char *fw_case_status_to_string   (FwCaseStatus status);
/* "In progress", translated */
const char *fw_case_status_title       (FwCaseStatus status);
gboolean    fw_case_status_from_string (const char *str, FwCaseStatus *status);

typedef struct {
  char *id;
  char *reference;
  char *attrs[FW_N_ATTRS];   /* FW_ATTR_STATUS holds the status as a string */
} FwCase;

void    fw_case_free (FwCase *c);
FwCase *fw_case_copy (const FwCase *c);

typedef struct {
  char      *id;
  char      *service;
  char      *start_date;     /* YYYY-MM-DD */
  char      *status;         /* "open" or "locked" */
  char      *framework_id;
  guint      framework_version;
  char     **inspectors;
  char      *created_at;
} FwInspectionInfo;

void fw_inspection_info_free (FwInspectionInfo *info);

/* A sub-sample: attribute = any of the values; all attributes must match. */
typedef struct _FwFilter FwFilter;

FwFilter *fw_filter_new       (void);
void      fw_filter_free      (FwFilter *filter);
void      fw_filter_add       (FwFilter *filter, FwAttr attr, const char *value);
gboolean  fw_filter_is_empty  (const FwFilter *filter);
/* "attr=value" as given on the command line. */
gboolean  fw_filter_parse     (FwFilter *filter, const char *expr, GError **error);
char     *fw_filter_describe  (const FwFilter *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwFilter, fw_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCase, fw_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwInspectionInfo, fw_inspection_info_free)

/* Counts of answers per key question over a (sub-)sample; the input of the
 * rating engine. Kept up to date incrementally by the window. */
typedef struct {
  guint  n_questions;
  guint *yes;
  guint *no;
  guint *na;
  guint  n_kinds;
  guint *cases_of_kind;    /* cases in the sample per FwKind.index */
} FwTally;

FwTally *fw_tally_new    (FwFramework *framework);
void     fw_tally_free   (FwTally *tally);
void     fw_tally_clear  (FwTally *tally);
/* Move one answer of question index q from old to new. */
void     fw_tally_change (FwTally *tally, int q, FwAnswer old_answer, FwAnswer new_answer);
guint    fw_tally_applicable (FwTally *tally, FwQuestion *question);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTally, fw_tally_free)

#define FW_TYPE_STORE (fw_store_get_type ())
G_DECLARE_FINAL_TYPE (FwStore, fw_store, FW, STORE, GObject)

char       *fw_store_default_path   (void);
FwStore    *fw_store_open           (const char *path,
                                     GError    **error);
const char *fw_store_get_path       (FwStore *self);
/* Who is stamped on changes made through this store. */
void        fw_store_set_user       (FwStore *self, const char *who);
const char *fw_store_get_user       (FwStore *self);

/* All-or-nothing groups of changes (nest with savepoints). */
gboolean    fw_store_begin          (FwStore *self, GError **error);
gboolean    fw_store_commit         (FwStore *self, GError **error);
void        fw_store_rollback       (FwStore *self);

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
char       *fw_store_add_case       (FwStore      *self,
                                     const char   *inspection_id,
                                     const char   *reference,
                                     const char  **attrs,   /* FW_N_ATTRS entries, NULL allowed */
                                     GError      **error);
FwCase     *fw_store_find_case      (FwStore *self, const char *inspection_id,
                                     const char *reference, GError **error);
GPtrArray  *fw_store_list_cases     (FwStore *self, const char *inspection_id,
                                     const FwFilter *filter, GError **error);   /* FwCase* */

/* Answers: set one answer (or FW_ANSWER_NONE to clear it) with its note;
 * the change and the previous value go into the audit trail. */
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

/* Review (SPEC §1: lead inspector / manager) */
typedef enum {
  FW_PRACTICE_NONE,
  FW_PRACTICE_GOOD,
  FW_PRACTICE_POOR,
} FwPractice;

const char *fw_practice_to_string (FwPractice practice);

typedef struct {
  char       *case_id;
  char       *reference;
  char       *kind;
  char       *item;
  FwAnswer    answer;
  char       *note;
  FwPractice  practice;
  char       *who;
  char       *at;
} FwAnswerRow;

typedef struct {
  char    *id;
  char    *case_id;
  char    *item;        /* NULL: about the whole case */
  char    *comment;
  char    *who;
  char    *at;
  gboolean resolved;
} FwReviewComment;

typedef struct {
  char *at;
  char *who;
  char *case_id;
  char *reference;      /* NULL for inspection-level entries */
  char *item;
  char *action;         /* answer, import, undo, status, judgement, practice, lock, unlock, comment, create */
  char *old_value;
  char *new_value;
  char *old_note;
  char *new_note;
  char *reason;
} FwAuditEntry;

void        fw_answer_row_free      (FwAnswerRow *row);
void        fw_review_comment_free  (FwReviewComment *comment);
void        fw_audit_entry_free     (FwAuditEntry *entry);

/* Whether a case may move from one status to another:
 * not started → in progress → complete → quality-assured, or returned
 * (from complete or quality-assured, with a comment) and back to complete. */
gboolean    fw_case_status_can_move (FwCaseStatus from, FwCaseStatus to);
/* Checks the move, records it in the audit trail with the comment. */
gboolean    fw_store_move_case      (FwStore *self, const char *case_id, FwCaseStatus to,
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
/* Whether a case belongs to a sub-sample. */
gboolean    fw_filter_matches       (const FwFilter *filter, const FwCase *c);

G_END_DECLS
