/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-case.h"

static const char *status_names[] = {
  "not-started", "in-progress", "complete", "quality-assured", "returned",
};

gboolean
fw_case_field_is_builtin (const char *id)
{
  return g_strcmp0 (id, FW_CASE_FIELD_KIND) == 0 || g_strcmp0 (id, FW_CASE_FIELD_INSPECTOR) == 0
      || g_strcmp0 (id, FW_CASE_FIELD_STATUS) == 0;
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

FwCase *
fw_case_new (void)
{
  FwCase *c = g_new0 (FwCase, 1);

  c->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return c;
}

void
fw_case_free (FwCase *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->reference);
  g_free (c->kind);
  g_free (c->inspector);
  g_free (c->status);
  g_clear_pointer (&c->attributes, g_hash_table_unref);
  g_free (c);
}

FwCase *
fw_case_copy (const FwCase *c)
{
  FwCase *copy = fw_case_new ();
  GHashTableIter iter;
  gpointer key, value;

  copy->id = g_strdup (c->id);
  copy->reference = g_strdup (c->reference);
  copy->kind = g_strdup (c->kind);
  copy->inspector = g_strdup (c->inspector);
  copy->status = g_strdup (c->status);
  g_hash_table_iter_init (&iter, c->attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->attributes, g_strdup (key), g_strdup (value));
  return copy;
}

static char **
builtin_slot (FwCase *c, const char *id)
{
  if (strcmp (id, FW_CASE_FIELD_KIND) == 0)
    return &c->kind;
  if (strcmp (id, FW_CASE_FIELD_INSPECTOR) == 0)
    return &c->inspector;
  if (strcmp (id, FW_CASE_FIELD_STATUS) == 0)
    return &c->status;
  return NULL;
}

const char *
fw_case_get_attr (const FwCase *c, const char *id)
{
  char **slot;

  g_return_val_if_fail (c != NULL && id != NULL, NULL);
  if ((slot = builtin_slot ((FwCase *) c, id)) != NULL)
    return *slot;
  return g_hash_table_lookup (c->attributes, id);
}

void
fw_case_set_attr (FwCase *c, const char *id, const char *value)
{
  char **slot;

  g_return_if_fail (c != NULL && id != NULL);
  if (value != NULL && *value == '\0')
    value = NULL;
  if ((slot = builtin_slot (c, id)) != NULL)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
  else if (value != NULL)
    g_hash_table_insert (c->attributes, g_strdup (id), g_strdup (value));
  else
    g_hash_table_remove (c->attributes, id);
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
