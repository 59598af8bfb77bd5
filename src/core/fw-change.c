/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>

#include "fw-change.h"

G_DEFINE_BOXED_TYPE (FwChange, fw_change, fw_change_copy, fw_change_free)

FwChange *
fw_change_new (FwChangeKind kind, const char *inspection_id, const char *case_id, const char *item)
{
  FwChange *change = g_new0 (FwChange, 1);

  change->kind = kind;
  change->inspection_id = g_strdup (inspection_id);
  change->case_id = g_strdup (case_id);
  change->item = g_strdup (item);
  return change;
}

FwChange *
fw_change_copy (const FwChange *change)
{
  FwChange *copy = fw_change_new (change->kind, change->inspection_id, change->case_id, change->item);

  copy->old_value = g_strdup (change->old_value);
  copy->new_value = g_strdup (change->new_value);
  copy->note = g_strdup (change->note);
  copy->who = g_strdup (change->who);
  return copy;
}

void
fw_change_free (FwChange *change)
{
  if (change == NULL)
    return;
  g_free (change->inspection_id);
  g_free (change->case_id);
  g_free (change->item);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->note);
  g_free (change->who);
  g_free (change);
}

gboolean
fw_change_kind_from_action (const char *action, FwChangeKind *kind)
{
  static const struct { const char *action; FwChangeKind kind; } map[] = {
    { "answer", FW_CHANGE_ANSWER }, { "import", FW_CHANGE_ANSWER }, { "undo", FW_CHANGE_ANSWER },
    { "note", FW_CHANGE_ANSWER }, { "merge", FW_CHANGE_ANSWER },
    { "status", FW_CHANGE_STATUS }, { "case", FW_CHANGE_CASE_ADDED },
    { "practice", FW_CHANGE_PRACTICE }, { "judgement", FW_CHANGE_JUDGEMENT },
    { "comment", FW_CHANGE_COMMENT }, { "lock", FW_CHANGE_LOCK }, { "unlock", FW_CHANGE_LOCK },
    { "create", FW_CHANGE_INSPECTION },
    /* sampling: a replaced case leaves the inspection, so read it again */
    { "population", FW_CHANGE_SAMPLE }, { "draw", FW_CHANGE_SAMPLE }, { "replace", FW_CHANGE_RELOAD },
    /* team fieldwork: a merge, a package opened, a conflict resolved —
     * read the inspection again */
    { "sync", FW_CHANGE_RELOAD }, { "resolve", FW_CHANGE_RELOAD },
    { "allocate", FW_CHANGE_RELOAD }, { "attribute", FW_CHANGE_CASE_ATTRIBUTE },
  };

  for (guint i = 0; action && i < G_N_ELEMENTS (map); i++)
    if (strcmp (action, map[i].action) == 0)
      {
        *kind = map[i].kind;
        return TRUE;
      }
  return FALSE;
}
