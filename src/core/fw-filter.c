/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-filter.h"
#include "fw-store-private.h"
#include "fw-error.h"

struct _FwFilter {
  GPtrArray *values[FW_N_ATTRS];
};

FwFilter *
fw_filter_new (void)
{
  return g_new0 (FwFilter, 1);
}

void
fw_filter_free (FwFilter *filter)
{
  if (filter == NULL)
    return;
  for (guint i = 0; i < FW_N_ATTRS; i++)
    if (filter->values[i])
      g_ptr_array_unref (filter->values[i]);
  g_free (filter);
}

void
fw_filter_add (FwFilter *filter, FwAttr attr, const char *value)
{
  g_return_if_fail (attr < FW_N_ATTRS);
  if (filter->values[attr] == NULL)
    filter->values[attr] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (filter->values[attr], g_strdup (value));
}

gboolean
fw_filter_is_empty (const FwFilter *filter)
{
  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    if (filter->values[i])
      return FALSE;
  return TRUE;
}

gboolean
fw_filter_parse (FwFilter *filter, const char *expr, GError **error)
{
  const char *eq = strchr (expr, '=');
  g_autofree char *name = NULL;
  FwAttr attr;

  if (eq == NULL || eq == expr)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("--where “%s”: expected ATTRIBUTE=VALUE"), expr);
      return FALSE;
    }
  name = g_strndup (expr, eq - expr);
  if (!fw_attr_from_string (name, &attr))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) fw_attr_names ());
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("--where “%s”: unknown attribute “%s” (one of %s)"), expr, name, known);
      return FALSE;
    }
  fw_filter_add (filter, attr, eq + 1);
  return TRUE;
}

char *
fw_filter_describe (const FwFilter *filter)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    {
      if (filter->values[i] == NULL)
        continue;
      if (out->len)
        g_string_append (out, " and ");
      g_string_append_printf (out, "%s = ", fw_attr_to_string (i));
      for (guint j = 0; j < filter->values[i]->len; j++)
        g_string_append_printf (out, "%s%s", j ? " or " : "",
                                (char *) g_ptr_array_index (filter->values[i], j));
    }
  return g_string_free (out, FALSE);
}

gboolean
fw_filter_matches (const FwFilter *filter, const FwCase *c)
{
  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    {
      gboolean any = FALSE;

      if (filter->values[i] == NULL)
        continue;
      for (guint j = 0; j < filter->values[i]->len && !any; j++)
        any = g_strcmp0 (c->attrs[i], g_ptr_array_index (filter->values[i], j)) == 0;
      if (!any)
        return FALSE;
    }
  return TRUE;
}

/* Appends " AND c.attr IN (?, …)" clauses; binds start at *next. */
void
fw_filter_append_sql (const FwFilter *filter, GString *sql)
{
  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    {
      if (filter->values[i] == NULL)
        continue;
      g_string_append_printf (sql, " AND c.%s IN (", fw_attr_to_string (i));
      for (guint j = 0; j < filter->values[i]->len; j++)
        g_string_append (sql, j ? ", ?" : "?");
      g_string_append (sql, ")");
    }
}

void
fw_filter_bind (const FwFilter *filter, sqlite3_stmt *stmt, int *next)
{
  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    for (guint j = 0; filter->values[i] && j < filter->values[i]->len; j++)
      sqlite3_bind_text (stmt, (*next)++, g_ptr_array_index (filter->values[i], j), -1, SQLITE_TRANSIENT);
}
