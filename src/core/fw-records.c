/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>

#include "fw-records.h"

void
fw_inspection_info_free (FwInspectionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->service);
  g_free (info->start_date);
  g_free (info->status);
  g_free (info->framework_id);
  g_strfreev (info->inspectors);
  g_free (info->created_at);
  g_free (info);
}

const char *
fw_practice_to_string (FwPractice practice)
{
  switch (practice)
    {
    case FW_PRACTICE_GOOD: return "good";
    case FW_PRACTICE_POOR: return "poor";
    case FW_PRACTICE_NONE:
    default: return NULL;
    }
}

void
fw_answer_row_free (FwAnswerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_id);
  g_free (row->reference);
  g_free (row->kind);
  g_free (row->item);
  g_free (row->note);
  g_free (row->who);
  g_free (row->at);
  g_free (row);
}

void
fw_review_comment_free (FwReviewComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->id);
  g_free (comment->case_id);
  g_free (comment->item);
  g_free (comment->comment);
  g_free (comment->who);
  g_free (comment->at);
  g_free (comment);
}

void
fw_audit_entry_free (FwAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->inspection_id);
  g_free (entry->case_id);
  g_free (entry->reference);
  g_free (entry->item);
  g_free (entry->action);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->old_note);
  g_free (entry->new_note);
  g_free (entry->reason);
  g_free (entry);
}

gboolean
fw_practice_from_string (const char *str, FwPractice *practice)
{
  if (str == NULL || *str == '\0')
    *practice = FW_PRACTICE_NONE;
  else if (strcmp (str, "good") == 0)
    *practice = FW_PRACTICE_GOOD;
  else if (strcmp (str, "poor") == 0)
    *practice = FW_PRACTICE_POOR;
  else
    return FALSE;
  return TRUE;
}
