/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-framework.h"

G_BEGIN_DECLS

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

typedef enum {
  FW_PRACTICE_NONE,
  FW_PRACTICE_GOOD,
  FW_PRACTICE_POOR,
} FwPractice;

const char *fw_practice_to_string   (FwPractice practice);
gboolean    fw_practice_from_string (const char *str, FwPractice *practice);

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
  gint64 id;
  char *at;
  char *who;
  char *inspection_id;
  char *case_id;
  char *reference;      /* NULL for inspection-level entries */
  char *item;
  char *action;         /* answer, import, undo, status, judgement, practice, lock, unlock, comment, create, case */
  char *old_value;
  char *new_value;
  char *old_note;
  char *new_note;
  char *reason;
} FwAuditEntry;

void fw_answer_row_free     (FwAnswerRow *row);
void fw_review_comment_free (FwReviewComment *comment);
void fw_audit_entry_free    (FwAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwInspectionInfo, fw_inspection_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwAuditEntry, fw_audit_entry_free)

G_END_DECLS
