/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-filter.h"
#include "fw-store-private.h"
#include "fw-error.h"

/* One attribute (a built-in field or the framework's) and the values any of
 * which a case must have. */
typedef struct {
  char      *attr;
  GPtrArray *values;   /* char* */
} Term;

struct _FwFilter {
  GPtrArray *terms;    /* Term*, in the order they were added */
};

static void
term_free (Term *term)
{
  g_free (term->attr);
  g_ptr_array_unref (term->values);
  g_free (term);
}

FwFilter *
fw_filter_new (void)
{
  FwFilter *filter = g_new0 (FwFilter, 1);

  filter->terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  return filter;
}

void
fw_filter_free (FwFilter *filter)
{
  if (filter == NULL)
    return;
  g_ptr_array_unref (filter->terms);
  g_free (filter);
}

static Term *
find_term (const FwFilter *filter, const char *attr)
{
  for (guint i = 0; i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);
      if (strcmp (term->attr, attr) == 0)
        return term;
    }
  return NULL;
}

void
fw_filter_add (FwFilter *filter, const char *attr, const char *value)
{
  Term *term;

  g_return_if_fail (filter != NULL && attr != NULL && value != NULL);
  if ((term = find_term (filter, attr)) == NULL)
    {
      term = g_new0 (Term, 1);
      term->attr = g_strdup (attr);
      term->values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (filter->terms, term);
    }
  g_ptr_array_add (term->values, g_strdup (value));
}

gboolean
fw_filter_is_empty (const FwFilter *filter)
{
  return filter == NULL || filter->terms->len == 0;
}

gboolean
fw_filter_parse (FwFilter *filter, const char *expr, GError **error)
{
  const char *eq = strchr (expr, '=');
  g_autofree char *name = NULL;

  if (eq == NULL || eq == expr)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("--where “%s”: expected ATTRIBUTE=VALUE"), expr);
      return FALSE;
    }
  name = g_strstrip (g_strndup (expr, eq - expr));
  fw_filter_add (filter, name, eq + 1);
  return TRUE;
}

gboolean
fw_filter_check (FwFilter *filter, FwFramework *framework, GError **error)
{
  for (guint i = 0; filter && i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);
      FwAttribute *attribute;

      if (fw_case_field_is_builtin (term->attr))
        continue;
      if ((attribute = fw_framework_find_attribute (framework, term->attr)) == NULL)
        {
          GPtrArray *attributes = fw_framework_get_attributes (framework);
          g_autoptr(GString) known = g_string_new (FW_CASE_FIELD_KIND ", " FW_CASE_FIELD_INSPECTOR ", "
                                                   FW_CASE_FIELD_STATUS);

          for (guint a = 0; a < attributes->len; a++)
            g_string_append_printf (known, ", %s", ((FwAttribute *) g_ptr_array_index (attributes, a))->id);
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("--where: unknown attribute “%s” (one of %s)"), term->attr, known->str);
          return FALSE;
        }
      for (guint v = 0; v < term->values->len; v++)
        {
          const char *value = g_ptr_array_index (term->values, v);
          const char *match = fw_attribute_match_value (attribute, value);

          if (match == NULL)
            {
              g_autofree char *values = fw_attribute_describe_values (attribute);
              g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                           _("--where %s=%s: “%s” is not a value of %s (one of %s)"), term->attr, value,
                           value, term->attr, values);
              return FALSE;
            }
          if (match != value)
            {
              g_free (term->values->pdata[v]);
              term->values->pdata[v] = g_strdup (match);
            }
        }
    }
  return TRUE;
}

char *
fw_filter_describe (const FwFilter *filter)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; filter && i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);

      if (out->len)
        g_string_append (out, " and ");
      g_string_append_printf (out, "%s = ", term->attr);
      for (guint j = 0; j < term->values->len; j++)
        g_string_append_printf (out, "%s%s", j ? " or " : "", (char *) g_ptr_array_index (term->values, j));
    }
  return g_string_free (out, FALSE);
}

/* One value as people read it: a kind's title, a status's, a closed
 * attribute's value title, else the value as it is. */
static const char *
value_title (FwFramework *framework, const char *attr, const char *value)
{
  FwAttribute *attribute;
  FwCaseStatus status;

  if (strcmp (attr, FW_CASE_FIELD_KIND) == 0)
    {
      FwKind *kind = framework ? fw_framework_find_kind (framework, value) : NULL;
      return kind ? kind->title : value;
    }
  if (strcmp (attr, FW_CASE_FIELD_STATUS) == 0)
    return fw_case_status_from_string (value, &status) ? fw_case_status_title (status) : value;
  if (framework && (attribute = fw_framework_find_attribute (framework, attr)) != NULL)
    return fw_attribute_value_title (attribute, value);
  return value;
}

static const char *
attr_title (FwFramework *framework, const char *attr)
{
  FwAttribute *attribute;

  if (strcmp (attr, FW_CASE_FIELD_INSPECTOR) == 0)
    return _("Inspector");
  if (strcmp (attr, FW_CASE_FIELD_STATUS) == 0)
    return _("Status");
  if (framework && (attribute = fw_framework_find_attribute (framework, attr)) != NULL)
    return attribute->title;
  return attr;
}

char *
fw_filter_describe_words (const FwFilter *filter, FwFramework *framework)
{
  g_autoptr(GString) out = NULL;

  if (fw_filter_is_empty (filter))
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);
      g_autoptr(GString) values = g_string_new (NULL);

      for (guint j = 0; j < term->values->len; j++)
        {
          if (j > 0)
            /* TRANSLATORS: between the values of one attribute of a sub-sample: "High or Very high" */
            g_string_append (values, _(" or "));
          g_string_append (values, value_title (framework, term->attr, g_ptr_array_index (term->values, j)));
        }
      if (out->len)
        /* TRANSLATORS: between the parts of a sub-sample: "Court disposals · Gender: Female" */
        g_string_append (out, _(" · "));
      /* a kind names its cases itself: "Out-of-court disposals" */
      if (strcmp (term->attr, FW_CASE_FIELD_KIND) == 0)
        g_string_append (out, values->str);
      else
        /* TRANSLATORS: an attribute and its values in a sub-sample: "Gender: Female" */
        g_string_append_printf (out, _("%s: %s"), attr_title (framework, term->attr), values->str);
    }
  /* TRANSLATORS: a sub-sample of the cases: "Out-of-court disposals only" */
  return g_strdup_printf (_("%s only"), out->str);
}

gboolean
fw_filter_matches (const FwFilter *filter, const FwCase *c)
{
  for (guint i = 0; filter && i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);
      const char *value = fw_case_get_attr (c, term->attr);
      gboolean any = FALSE;

      for (guint j = 0; j < term->values->len && !any; j++)
        any = g_strcmp0 (value, g_ptr_array_index (term->values, j)) == 0;
      if (!any)
        return FALSE;
    }
  return TRUE;
}

/* Appends " AND c.kind IN (?, …)" for a built-in field, an EXISTS over
 * case_attribute for the framework's; binds start at *next. */
void
fw_filter_append_sql (const FwFilter *filter, GString *sql)
{
  for (guint i = 0; filter && i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);

      if (fw_case_field_is_builtin (term->attr))
        g_string_append_printf (sql, " AND c.%s IN (", term->attr);
      else
        g_string_append (sql, " AND EXISTS (SELECT 1 FROM case_attribute x WHERE x.case_id = c.id"
                              " AND x.attribute = ? AND x.value IN (");
      for (guint j = 0; j < term->values->len; j++)
        g_string_append (sql, j ? ", ?" : "?");
      g_string_append (sql, fw_case_field_is_builtin (term->attr) ? ")" : "))");
    }
}

void
fw_filter_bind (const FwFilter *filter, sqlite3_stmt *stmt, int *next)
{
  for (guint i = 0; filter && i < filter->terms->len; i++)
    {
      Term *term = g_ptr_array_index (filter->terms, i);

      if (!fw_case_field_is_builtin (term->attr))
        sqlite3_bind_text (stmt, (*next)++, term->attr, -1, SQLITE_TRANSIENT);
      for (guint j = 0; j < term->values->len; j++)
        sqlite3_bind_text (stmt, (*next)++, g_ptr_array_index (term->values, j), -1, SQLITE_TRANSIENT);
    }
}
