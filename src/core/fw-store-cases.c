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
  const char  *inspection_id;
  const char  *reference;
  const char **attrs;
  char        *id;
} AddCase;

static gboolean
add_case (FwStore *self, gpointer data, GError **error)
{
  AddCase *a = data;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *id = NULL;
  g_autofree char *at = NULL;
  sqlite3_stmt *s;
  const char *kind = a->attrs ? a->attrs[FW_ATTR_KIND] : NULL;
  FwCaseStatus status = FW_CASE_NOT_STARTED;

  if (!fw_store_check_open (self, a->inspection_id, error)
      || !fw_store_check_role (self, FW_ROLE_LEAD, _("add cases"), error))
    return FALSE;
  if (a->reference == NULL || *a->reference == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("a case needs a reference"));
      return FALSE;
    }
  if ((fw = fw_store_load_framework (self, a->inspection_id, error)) == NULL)
    return FALSE;
  if (fw_framework_find_kind (fw, kind) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a case kind of framework %s"), kind ? kind : "", fw_framework_get_id (fw));
      return FALSE;
    }
  if (a->attrs[FW_ATTR_STATUS] && *a->attrs[FW_ATTR_STATUS]
      && !fw_case_status_from_string (a->attrs[FW_ATTR_STATUS], &status))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a case status"), a->attrs[FW_ATTR_STATUS]);
      return FALSE;
    }

  s = fw_store_stmt (self, "INSERT INTO kase (id, inspection_id, reference, kind, disposal, gender, age,"
                           " ethnicity, rosh, safety_wellbeing, case_manager, inspector, interview, status,"
                           " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15);",
                     error);
  if (s == NULL)
    return FALSE;
  id = g_uuid_string_random ();
  at = fw_now_iso8601 ();
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, a->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, a->reference, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < FW_ATTR_STATUS; i++)
    if (a->attrs[i] && *a->attrs[i])
      sqlite3_bind_text (s, 4 + i, a->attrs[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 14, fw_case_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 15, at, -1, SQLITE_TRANSIENT);
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
  if (!fw_store_audit (self, a->inspection_id, id, NULL, "case", NULL, a->reference, NULL, NULL, NULL, error))
    return FALSE;
  a->id = g_steal_pointer (&id);
  return TRUE;
}

char *
fw_store_add_case (FwStore      *self,
                   const char   *inspection_id,
                   const char   *reference,
                   const char  **attrs,
                   GError      **error)
{
  AddCase a = { inspection_id, reference, attrs, NULL };

  if (!fw_store_write (self, add_case, &a, error))
    {
      g_free (a.id);
      return NULL;
    }
  return a.id;
}

#define CASE_COLUMNS "c.id, c.reference, c.kind, c.disposal, c.gender, c.age, c.ethnicity, c.rosh," \
                     " c.safety_wellbeing, c.case_manager, c.inspector, c.interview, c.status"

static FwCase *
case_from_row (sqlite3_stmt *s)
{
  FwCase *c = g_new0 (FwCase, 1);

  c->id = fw_column_dup (s, 0);
  c->reference = fw_column_dup (s, 1);
  for (guint i = 0; i < FW_N_ATTRS; i++)
    c->attrs[i] = fw_column_dup (s, 2 + i);
  return c;
}

FwCase *
fw_store_find_case (FwStore *self, const char *inspection_id, const char *reference, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT " CASE_COLUMNS " FROM kase c WHERE c.inspection_id = ?1 AND c.reference = ?2;", error);
  FwCase *c;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("the inspection has no case with reference “%s”"), reference);
      return NULL;
    }
  c = case_from_row (s);
  sqlite3_reset (s);
  return c;
}

FwCase *
fw_store_get_case (FwStore *self, const char *case_id, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT " CASE_COLUMNS " FROM kase c WHERE c.id = ?1;", error);
  FwCase *c;

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
  return c;
}

GPtrArray *
fw_store_list_cases (FwStore *self, const char *inspection_id, const FwFilter *filter, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_case_free);
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
    g_ptr_array_add (list, case_from_row (s));
  sqlite3_finalize (s);
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

/* Key questions of the case that apply to its kind and have no answer. */
static gboolean
check_answered (FwStore *self, const char *inspection_id, const char *case_id, const char *kind_id,
                GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (self, inspection_id, error);
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  GPtrArray *questions;
  FwKind *kind;
  guint n = 0;

  if (fw == NULL || (answers = fw_store_get_case_answers (self, case_id, error)) == NULL)
    return FALSE;
  questions = fw_framework_get_questions (fw);
  kind = fw_framework_find_kind (fw, kind_id);
  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);

      if (fw_question_applies_to (q, kind) && !g_hash_table_contains (answers, q->id))
        g_string_append_printf (ids, "%s%s", n++ ? ", " : "", q->id);
    }
  if (n == 0)
    return TRUE;
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
               ngettext ("%u key question is not answered yet: %s",
                         "%u key questions are not answered yet: %s", n), n, ids->str);
  return FALSE;
}

/* An inspector moves only the cases allocated to them. */
static gboolean
check_case_owner (FwStore *self, const char *case_id, GError **error)
{
  sqlite3_stmt *s;
  g_autofree char *inspector = NULL;

  if (self->role == FW_ROLE_LEAD)
    return TRUE;
  if ((s = fw_store_stmt (self, "SELECT inspector FROM kase WHERE id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    inspector = fw_column_dup (s, 0);
  sqlite3_reset (s);
  if (inspector != NULL && g_strcmp0 (inspector, self->user) == 0)
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
  if (!check_case_owner (self, m->case_id, error))
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
      if (!fw_store_check_role (self, FW_ROLE_LEAD, _("quality-assure a case"), error))
        return FALSE;
      break;
    case FW_CASE_RETURNED:
      if (!fw_store_check_role (self, FW_ROLE_LEAD, _("return a case to its inspector"), error))
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
          && !fw_store_check_role (self, FW_ROLE_LEAD, _("reopen a quality-assured case"), error))
        return FALSE;
      break;
    case FW_CASE_COMPLETE:
      if (from == FW_CASE_QUALITY_ASSURED
          && !fw_store_check_role (self, FW_ROLE_LEAD, _("withdraw quality assurance"), error))
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
