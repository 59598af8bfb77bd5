/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>

#include "fw-tally.h"

FwTally *
fw_tally_new (FwFramework *framework)
{
  FwTally *tally = g_new0 (FwTally, 1);

  tally->n_questions = fw_framework_get_questions (framework)->len;
  tally->yes = g_new0 (guint, tally->n_questions);
  tally->no = g_new0 (guint, tally->n_questions);
  tally->na = g_new0 (guint, tally->n_questions);
  tally->n_kinds = fw_framework_get_kinds (framework)->len;
  tally->cases_of_kind = g_new0 (guint, tally->n_kinds);
  return tally;
}

void
fw_tally_free (FwTally *tally)
{
  if (tally == NULL)
    return;
  g_free (tally->yes);
  g_free (tally->no);
  g_free (tally->na);
  g_free (tally->cases_of_kind);
  g_free (tally);
}

void
fw_tally_clear (FwTally *tally)
{
  memset (tally->yes, 0, sizeof (guint) * tally->n_questions);
  memset (tally->no, 0, sizeof (guint) * tally->n_questions);
  memset (tally->na, 0, sizeof (guint) * tally->n_questions);
  memset (tally->cases_of_kind, 0, sizeof (guint) * tally->n_kinds);
}

guint *
fw_tally_slot (FwTally *tally, int q, FwAnswer answer)
{
  switch (answer)
    {
    case FW_ANSWER_YES: return &tally->yes[q];
    case FW_ANSWER_NO: return &tally->no[q];
    case FW_ANSWER_NA: return &tally->na[q];
    case FW_ANSWER_NONE:
    default: return NULL;
    }
}

void
fw_tally_change (FwTally *tally, int q, FwAnswer old_answer, FwAnswer new_answer)
{
  guint *slot;

  g_return_if_fail (q >= 0 && (guint) q < tally->n_questions);
  if ((slot = fw_tally_slot (tally, q, old_answer)) && *slot > 0)
    (*slot)--;
  if ((slot = fw_tally_slot (tally, q, new_answer)))
    (*slot)++;
}

guint
fw_tally_applicable (FwTally *tally, FwQuestion *question)
{
  guint n = 0;

  for (guint k = 0; k < tally->n_kinds; k++)
    if (question->kinds & (G_GUINT64_CONSTANT (1) << k))
      n += tally->cases_of_kind[k];
  return n;
}
