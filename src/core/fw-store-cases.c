/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-store-private.h"
#include "fw-error.h"

typedef struct {
  const char         *inspection_id;
  const char         *reference;
  const char * const *fields;
  char               *id;
} AddCase;

/* The fields of a new case, checked against the framework: the built-in
 * ones, and the framework's attributes, closed ones spelled as their list
 * spells them. */
static gboolean
check_fields (FwFramework *fw, const char * const *fields, FwCase *out, GError **error)
{
  for (guint i = 0; fields && fields[i]; i += 2)
    {
      const char *id = fields[i], *value = fields[i + 1];
      FwAttribute *attribute;

      if (value == NULL || *value == '\0')
        continue;
      if (fw_case_field_is_builtin (id))
        {
          fw_case_set_attr (out, id, value);
          continue;
        }
      if ((attribute = fw_framework_find_attribute (fw, id)) == NULL)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("“%s” is not a case attribute of framework %s"), id, fw_framework_get_id (fw));
          return FALSE;
        }
      if ((value = fw_attribute_match_value (attribute, value)) == NULL)
        {
          g_autofree char *values = fw_attribute_describe_values (attribute);
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("“%s” is not a value of %s (expected one of %s)"), fields[i + 1], id, values);
          return FALSE;
        }
      fw_case_set_attr (out, id, value);
    }
  return TRUE;
}

static gboolean
insert_attribute (FwStore *self, const char *case_id, const char *attribute, const char *value,
                  GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "INSERT OR REPLACE INTO case_attribute (case_id, attribute, value)"
                                         " VALUES (?1, ?2, ?3);", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, attribute, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "case attribute");
    }
  sqlite3_reset (s);
  return TRUE;
}

static gboolean
add_case (FwStore *self, gpointer data, GError **error)
{
  AddCase *a = data;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwCase) c = fw_case_new ();
  g_autofree char *id = NULL;
  g_autofree char *at = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *s;
  FwCaseStatus status = FW_CASE_NOT_STARTED;

  if (!fw_store_check_open (self, a->inspection_id, error)
      || !fw_store_check_role (self, a->inspection_id, FW_ROLE_LEAD, _("add cases"), error))
    return FALSE;
  if (a->reference == NULL || *a->reference == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("a case needs a reference"));
      return FALSE;
    }
  if ((fw = fw_store_load_framework (self, a->inspection_id, error)) == NULL
      || !check_fields (fw, a->fields, c, error))
    return FALSE;
  if (fw_framework_find_kind (fw, c->kind) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a case kind of framework %s"), c->kind ? c->kind : "", fw_framework_get_id (fw));
      return FALSE;
    }
  if (c->status && !fw_case_status_from_string (c->status, &status))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a case status"), c->status);
      return FALSE;
    }

  s = fw_store_stmt (self, "INSERT INTO kase (id, inspection_id, reference, kind, inspector, status, created_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);",
                     error);
  if (s == NULL)
    return FALSE;
  id = g_uuid_string_random ();
  at = fw_now_iso8601 ();
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, a->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, a->reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, c->kind, -1, SQLITE_TRANSIENT);
  if (c->inspector)
    sqlite3_bind_text (s, 5, c->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 6, fw_case_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 7, at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                     _("the inspection already has a case with reference “%s”"), a->reference);
      else
        fw_store_sql_error (self, error, "add case");
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  g_hash_table_iter_init (&iter, c->attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!insert_attribute (self, id, key, value, error))
      return FALSE;
  if (!fw_store_audit (self, a->inspection_id, id, NULL, "case", NULL, a->reference, NULL, NULL, NULL, error))
    return FALSE;
  a->id = g_steal_pointer (&id);
  return TRUE;
}

char *
fw_store_add_case (FwStore            *self,
                   const char         *inspection_id,
                   const char         *reference,
                   const char * const *fields,
                   GError            **error)
{
  AddCase a = { inspection_id, reference, fields, NULL };

  if (!fw_store_write (self, add_case, &a, error))
    {
      g_free (a.id);
      return NULL;
    }
  return a.id;
}

#define CASE_COLUMNS "c.id, c.reference, c.kind, c.inspector, c.status"

static FwCase *
case_from_row (sqlite3_stmt *s)
{
  FwCase *c = fw_case_new ();

  c->id = fw_column_dup (s, 0);
  c->reference = fw_column_dup (s, 1);
  c->kind = fw_column_dup (s, 2);
  c->inspector = fw_column_dup (s, 3);
  c->status = fw_column_dup (s, 4);
  return c;
}

/* The framework's attributes of one case. */
static gboolean
load_attributes (FwStore *self, FwCase *c, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT attribute, value FROM case_attribute WHERE case_id = ?1;", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, c->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    fw_case_set_attr (c, (const char *) sqlite3_column_text (s, 0), (const char *) sqlite3_column_text (s, 1));
  sqlite3_reset (s);
  return rc == SQLITE_DONE || fw_store_sql_error (self, error, "case attributes");
}

FwCase *
fw_store_find_case (FwStore *self, const char *inspection_id, const char *reference, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT " CASE_COLUMNS " FROM kase c WHERE c.inspection_id = ?1 AND c.reference = ?2;", error);
  g_autoptr(FwCase) c = NULL;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("the inspection has no case with reference “%s”"), reference);
      return NULL;
    }
  c = case_from_row (s);
  sqlite3_reset (s);
  if (!load_attributes (self, c, error))
    return NULL;
  return g_steal_pointer (&c);
}

FwCase *
fw_store_get_case (FwStore *self, const char *case_id, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT " CASE_COLUMNS " FROM kase c WHERE c.id = ?1;", error);
  g_autoptr(FwCase) c = NULL;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("no case with id “%s”"), case_id);
      return NULL;
    }
  c = case_from_row (s);
  sqlite3_reset (s);
  if (!load_attributes (self, c, error))
    return NULL;
  return g_steal_pointer (&c);
}

GPtrArray *
fw_store_list_cases (FwStore *self, const char *inspection_id, const FwFilter *filter, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_case_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) sql = g_string_new ("SELECT " CASE_COLUMNS " FROM kase c WHERE c.inspection_id = ?");
  sqlite3_stmt *s = NULL;
  int next = 2, rc;

  fw_filter_append_sql (filter, sql);
  g_string_append (sql, " ORDER BY c.reference;");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &s, NULL) != SQLITE_OK)
    {
      fw_store_sql_error (self, error, "list cases");
      return NULL;
    }
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  fw_filter_bind (filter, s, &next);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwCase *c = case_from_row (s);
      g_ptr_array_add (list, c);
      g_hash_table_insert (by_id, c->id, c);
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (self, error, "list cases");
      return NULL;
    }

  /* the attributes of the whole inspection in one query */
  s = fw_store_stmt (self, "SELECT a.case_id, a.attribute, a.value FROM case_attribute a"
                           " JOIN kase c ON c.id = a.case_id WHERE c.inspection_id = ?1;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwCase *c = g_hash_table_lookup (by_id, sqlite3_column_text (s, 0));
      if (c)
        fw_case_set_attr (c, (const char *) sqlite3_column_text (s, 1), (const char *) sqlite3_column_text (s, 2));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (self, error, "list cases");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The inspection and kind of a case. */
gboolean
fw_store_case_context (FwStore *self, const char *case_id, char **inspection_id, char **kind,
              char **status, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT inspection_id, kind, status FROM kase WHERE id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("no case with id “%s”"), case_id);
      return FALSE;
    }
  *inspection_id = fw_column_dup (s, 0);
  *kind = fw_column_dup (s, 1);
  if (status)
    *status = fw_column_dup (s, 2);
  sqlite3_reset (s);
  return TRUE;
}

gboolean
fw_store_update_status (FwStore *self, const char *inspection_id, const char *case_id,
               const char *old_status, const char *new_status, const char *reason, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "UPDATE kase SET status = ?2 WHERE id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, new_status, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    return fw_store_sql_error (self, error, "case status");
  return fw_store_audit (self, inspection_id, case_id, NULL, "status", old_status, new_status,
                NULL, NULL, reason, error);
}

typedef struct {
  const char   *case_id;
  FwCaseStatus  to;
  const char   *item_id;
  const char   *comment;
} MoveCase;

/* What keeps a case from being complete: key questions that apply to its
 * kind and have no answer, and answers (of key questions and prompts) with
 * no evidence note where the framework's note policy asks for one. Every
 * gap is listed. */
static gboolean
check_answered (FwStore *self, const char *inspection_id, const char *case_id, const char *kind_id,
                GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (self, inspection_id, error);
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) unanswered = g_string_new (NULL);
  g_autoptr(GString) no_note = g_string_new (NULL);
  GPtrArray *questions;
  sqlite3_stmt *s;
  FwKind *kind;
  guint n = 0, n_notes = 0;
  int rc;

  if (fw == NULL)
    return FALSE;
  if ((s = fw_store_stmt (self, "SELECT item, value, note FROM answer WHERE case_id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *item = (const char *) sqlite3_column_text (s, 0);
      const char *note = (const char *) sqlite3_column_text (s, 2);
      FwAnswer answer;

      fw_answer_from_string ((const char *) sqlite3_column_text (s, 1), &answer);
      g_hash_table_insert (answers, g_strdup (item), GINT_TO_POINTER (answer));
      if ((note == NULL || *note == '\0')
          && fw_note_required (fw_framework_item_note_policy (fw, item), answer))
        g_string_append_printf (no_note, "%s%s", n_notes++ ? ", " : "", item);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (self, error, "case answers");

  questions = fw_framework_get_questions (fw);
  kind = fw_framework_find_kind (fw, kind_id);
  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);

      if (fw_question_applies_to (q, kind) && !g_hash_table_contains (answers, q->id))
        g_string_append_printf (unanswered, "%s%s", n++ ? ", " : "", q->id);
    }
  if (n == 0 && n_notes == 0)
    return TRUE;
  if (n > 0 && n_notes > 0)
    {
      g_autofree char *first = g_strdup_printf (ngettext ("%u key question is not answered yet: %s",
                                                          "%u key questions are not answered yet: %s", n),
                                                n, unanswered->str);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   /* TRANSLATORS: the first part is "2 key questions are not answered yet: 2.1.1, 2.1.2" */
                   ngettext ("%s; %u answer needs an evidence note: %s",
                             "%s; %u answers need an evidence note: %s", n_notes), first, n_notes, no_note->str);
    }
  else if (n > 0)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                 ngettext ("%u key question is not answered yet: %s",
                           "%u key questions are not answered yet: %s", n), n, unanswered->str);
  else
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                 ngettext ("%u answer needs an evidence note: %s",
                           "%u answers need an evidence note: %s", n_notes), n_notes, no_note->str);
  return FALSE;
}

/* An inspector moves only the cases allocated to them. */
static gboolean
check_case_owner (FwStore *self, const char *inspection_id, const char *case_id, GError **error)
{
  sqlite3_stmt *s;
  g_autofree char *inspector = NULL, *who = NULL;
  const char *user;

  if (fw_store_role_for (self, inspection_id, &user) == FW_ROLE_LEAD)
    return TRUE;
  who = g_strdup (user);
  if ((s = fw_store_stmt (self, "SELECT inspector FROM kase WHERE id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    inspector = fw_column_dup (s, 0);
  sqlite3_reset (s);
  if (inspector != NULL && g_strcmp0 (inspector, who) == 0)
    return TRUE;
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED,
               _("this case is allocated to %s; only they may change its status"),
               inspector ? inspector : _("another inspector"));
  return FALSE;
}

static gboolean
move_case (FwStore *self, gpointer data, GError **error)
{
  MoveCase *m = data;
  g_autofree char *inspection_id = NULL, *kind = NULL, *old_status = NULL;
  FwCaseStatus from = FW_CASE_NOT_STARTED;

  if (!fw_store_case_context (self, m->case_id, &inspection_id, &kind, &old_status, error)
      || !fw_store_check_open (self, inspection_id, error))
    return FALSE;
  fw_case_status_from_string (old_status, &from);
  if (from == m->to)
    return TRUE;
  if (!check_case_owner (self, inspection_id, m->case_id, error))
    return FALSE;
  if (!fw_case_status_can_move (from, m->to))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("a case that is “%s” cannot become “%s”"),
                   fw_case_status_title (from), fw_case_status_title (m->to));
      return FALSE;
    }
  switch (m->to)
    {
    case FW_CASE_QUALITY_ASSURED:
      if (!fw_store_check_role (self, inspection_id, FW_ROLE_LEAD, _("quality-assure a case"), error))
        return FALSE;
      break;
    case FW_CASE_RETURNED:
      if (!fw_store_check_role (self, inspection_id, FW_ROLE_LEAD, _("return a case to its inspector"), error))
        return FALSE;
      if (m->comment == NULL || *m->comment == '\0')
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                       _("say why the case is returned to its inspector"));
          return FALSE;
        }
      break;
    case FW_CASE_IN_PROGRESS:
      if (from == FW_CASE_QUALITY_ASSURED
          && !fw_store_check_role (self, inspection_id, FW_ROLE_LEAD, _("reopen a quality-assured case"), error))
        return FALSE;
      break;
    case FW_CASE_COMPLETE:
      if (from == FW_CASE_QUALITY_ASSURED
          && !fw_store_check_role (self, inspection_id, FW_ROLE_LEAD, _("withdraw quality assurance"), error))
        return FALSE;
      if (!check_answered (self, inspection_id, m->case_id, kind, error))
        return FALSE;
      break;
    case FW_CASE_NOT_STARTED:
    default:
      break;
    }
  if (!fw_store_update_status (self, inspection_id, m->case_id, old_status,
                               fw_case_status_to_string (m->to), m->comment, error))
    return FALSE;
  if (m->to == FW_CASE_RETURNED)
    return fw_store_insert_review_comment (self, inspection_id, m->case_id, m->item_id, m->comment, error);
  return TRUE;
}

gboolean
fw_store_move_case (FwStore *self, const char *case_id, FwCaseStatus to, const char *comment, GError **error)
{
  MoveCase m = { case_id, to, NULL, comment };

  return fw_store_write (self, move_case, &m, error);
}

gboolean
fw_store_return_case (FwStore *self, const char *case_id, const char *item_id, const char *comment,
                      GError **error)
{
  MoveCase m = { case_id, FW_CASE_RETURNED, item_id, comment };

  return fw_store_write (self, move_case, &m, error);
}

/* ---------------------------------------------------------------- editing a case */

typedef struct {
  const char *case_id;
  const char *attribute;
  const char *value;
} SetAttribute;

static gboolean
set_attribute (FwStore *self, gpointer data, GError **error)
{
  SetAttribute *a = data;
  g_autofree char *inspection_id = NULL, *kind = NULL, *old = NULL, *allowed = NULL;
  g_autoptr(FwFramework) fw = NULL;
  const char *value = a->value && *a->value ? a->value : NULL;
  FwAttribute *attribute;
  sqlite3_stmt *s;

  if (!fw_store_case_context (self, a->case_id, &inspection_id, &kind, NULL, error)
      || !fw_store_check_open (self, inspection_id, error)
      || !fw_store_check_role (self, inspection_id, FW_ROLE_LEAD, _("change a case's details"), error)
      || (fw = fw_store_load_framework (self, inspection_id, error)) == NULL)
    return FALSE;
  if ((attribute = fw_framework_find_attribute (fw, a->attribute)) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a case attribute of framework %s"), a->attribute, fw_framework_get_id (fw));
      return FALSE;
    }
  if (value != NULL && fw_attribute_match_value (attribute, value) == NULL)
    {
      allowed = fw_attribute_describe_values (attribute);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a value of %s (expected one of %s)"), value, attribute->title, allowed);
      return FALSE;
    }
  if (value != NULL)
    value = fw_attribute_match_value (attribute, value);

  s = fw_store_stmt (self, "SELECT value FROM case_attribute WHERE case_id = ?1 AND attribute = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, a->case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, a->attribute, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    old = fw_column_dup (s, 0);
  sqlite3_reset (s);
  if (g_strcmp0 (old, value) == 0)
    return TRUE;

  if (value == NULL)
    {
      s = fw_store_stmt (self, "DELETE FROM case_attribute WHERE case_id = ?1 AND attribute = ?2;", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_text (s, 1, a->case_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, a->attribute, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          sqlite3_reset (s);
          return fw_store_sql_error (self, error, "case attribute");
        }
      sqlite3_reset (s);
    }
  else if (!insert_attribute (self, a->case_id, a->attribute, value, error))
    return FALSE;
  return fw_store_audit (self, inspection_id, a->case_id, a->attribute, "attribute", old, value,
                         NULL, NULL, NULL, error);
}

gboolean
fw_store_set_case_attribute (FwStore *self, const char *case_id, const char *attribute, const char *value,
                             GError **error)
{
  SetAttribute a = { case_id, attribute, value };

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && attribute != NULL, FALSE);
  return fw_store_write (self, set_attribute, &a, error);
}
