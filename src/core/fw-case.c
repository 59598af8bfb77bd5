/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-case.h"

static const char *attr_names[FW_N_ATTRS + 1] = {
  "kind", "disposal", "gender", "age", "ethnicity", "rosh", "safety_wellbeing",
  "case_manager", "inspector", "interview", "status",
};

static const char *status_names[] = {
  "not-started", "in-progress", "complete", "quality-assured", "returned",
};

const char *
fw_attr_to_string (FwAttr attr)
{
  g_return_val_if_fail (attr < FW_N_ATTRS, NULL);
  return attr_names[attr];
}

gboolean
fw_attr_from_string (const char *str, FwAttr *attr)
{
  for (guint i = 0; str && i < FW_N_ATTRS; i++)
    if (strcmp (str, attr_names[i]) == 0)
      {
        *attr = i;
        return TRUE;
      }
  return FALSE;
}

const char *
fw_case_status_to_string (FwCaseStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

const char *
fw_case_status_title (FwCaseStatus status)
{
  static const char *titles[] = {
    N_("Not started"), N_("In progress"), N_("Complete"), N_("Quality-assured"), N_("Returned"),
  };

  g_return_val_if_fail (status < G_N_ELEMENTS (titles), NULL);
  return _(titles[status]);
}

gboolean
fw_case_status_from_string (const char *str, FwCaseStatus *status)
{
  for (guint i = 0; str && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

void
fw_case_free (FwCase *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->reference);
  for (guint i = 0; i < FW_N_ATTRS; i++)
    g_free (c->attrs[i]);
  g_free (c);
}

FwCase *
fw_case_copy (const FwCase *c)
{
  FwCase *copy = g_new0 (FwCase, 1);

  copy->id = g_strdup (c->id);
  copy->reference = g_strdup (c->reference);
  for (guint i = 0; i < FW_N_ATTRS; i++)
    copy->attrs[i] = g_strdup (c->attrs[i]);
  return copy;
}

gboolean
fw_case_status_can_move (FwCaseStatus from, FwCaseStatus to)
{
  switch (to)
    {
    case FW_CASE_NOT_STARTED:
      return FALSE;
    case FW_CASE_IN_PROGRESS:
      return from == FW_CASE_NOT_STARTED || from == FW_CASE_COMPLETE || from == FW_CASE_RETURNED
          || from == FW_CASE_QUALITY_ASSURED;
    case FW_CASE_COMPLETE:
      return from == FW_CASE_NOT_STARTED || from == FW_CASE_IN_PROGRESS || from == FW_CASE_RETURNED
          || from == FW_CASE_QUALITY_ASSURED;
    case FW_CASE_QUALITY_ASSURED:
      return from == FW_CASE_COMPLETE;
    case FW_CASE_RETURNED:
      return from == FW_CASE_COMPLETE || from == FW_CASE_QUALITY_ASSURED;
    default:
      return FALSE;
    }
}

gboolean
fw_case_status_allows_edit (FwCaseStatus status)
{
  return status != FW_CASE_COMPLETE && status != FW_CASE_QUALITY_ASSURED;
}

const char * const *
fw_attr_names (void)
{
  return attr_names;
}
