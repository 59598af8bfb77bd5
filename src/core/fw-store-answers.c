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
#include "fw-store-answers-private.h"
#include "fw-error.h"

gboolean
fw_store_get_answer (FwStore *self, const char *case_id, const char *item_id,
                     FwAnswer *answer, char **note, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT value, note FROM answer WHERE case_id = ?1 AND item = ?2;", error);

  *answer = FW_ANSWER_NONE;
  if (note)
    *note = NULL;
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      fw_answer_from_string ((const char *) sqlite3_column_text (s, 0), answer);
      if (note)
        *note = fw_column_dup (s, 1);
      sqlite3_reset (s);
      return TRUE;
    }
  sqlite3_reset (s);
  /* not answered yet: the note written there first, if any */
  if (note && (s = fw_store_stmt (self, "SELECT note FROM note_draft WHERE case_id = ?1 AND item = ?2;", error)))
    {
      sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) == SQLITE_ROW)
        *note = fw_column_dup (s, 0);
      sqlite3_reset (s);
    }
  return s != NULL || note == NULL;
}

/* The first column → the second, for a query with one bound key. */
GHashTable *
fw_store_string_map (FwStore *self, const char *sql, const char *key, GError **error)
{
  GHashTable *table;
  sqlite3_stmt *s = fw_store_stmt (self, sql, error);

  if (s == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_bind_text (s, 1, key, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_hash_table_insert (table, fw_column_dup (s, 0), fw_column_dup (s, 1));
  sqlite3_reset (s);
  return table;
}

GHashTable *
fw_store_get_case_answers (FwStore *self, const char *case_id, GError **error)
{
  return fw_store_string_map (self, "SELECT item, value FROM answer WHERE case_id = ?1;", case_id, error);
}

/* What fw_store_set_answer checks and replaces, in one query instead of
 * three: the case's inspection, kind and status, whether that inspection is
 * open, and the answer and note there were. Errors as case_context and
 * check_open give them. */
/* What a change to an answer checks and replaces, in one query: the case's
 * inspection, kind, status and inspector, whether that inspection is open,
 * and the answer and note there were. */
typedef struct {
  char     *inspection_id;
  char     *kind;
  char     *status;
  char     *inspector;
  FwAnswer  old_answer;
  char     *old_note;
  char     *old_practice;
  gboolean  has_draft;    /* a note_draft row to remove when the question is answered */
} AnswerContext;

static void
answer_context_clear (AnswerContext *c)
{
  g_free (c->inspection_id);
  g_free (c->kind);
  g_free (c->status);
  g_free (c->inspector);
  g_free (c->old_note);
  g_free (c->old_practice);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnswerContext, answer_context_clear)

static gboolean
answer_context (FwStore *self, const char *case_id, const char *item_id, AnswerContext *c, GError **error)
{
  /* the note of a question not answered yet is its draft */
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT k.inspection_id, k.kind, k.status, i.status, a.value,"
                                         " CASE WHEN a.value IS NULL THEN d.note ELSE a.note END,"
                                         " k.inspector, a.practice, d.case_id IS NOT NULL"
                                         " FROM kase k LEFT JOIN inspection i ON i.id = k.inspection_id"
                                         " LEFT JOIN answer a ON a.case_id = k.id AND a.item = ?2"
                                         " LEFT JOIN note_draft d ON d.case_id = k.id AND d.item = ?2"
                                         " WHERE k.id = ?1;",
                                   error);
  const char *inspection_status;

  c->old_answer = FW_ANSWER_NONE;
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("no case with id “%s”"), case_id);
      return FALSE;
    }
  c->inspection_id = fw_column_dup (s, 0);
  c->kind = fw_column_dup (s, 1);
  c->status = fw_column_dup (s, 2);
  inspection_status = (const char *) sqlite3_column_text (s, 3);
  if (inspection_status == NULL)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("%s: no inspection with id “%s”"), self->path, c->inspection_id);
      return FALSE;
    }
  if (strcmp (inspection_status, "locked") == 0)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED,
                   _("the inspection is locked; unlock it to make changes"));
      return FALSE;
    }
  fw_answer_from_string ((const char *) sqlite3_column_text (s, 4), &c->old_answer);
  c->old_note = fw_column_dup (s, 5);
  c->inspector = fw_column_dup (s, 6);
  c->old_practice = fw_column_dup (s, 7);
  c->has_draft = sqlite3_column_int (s, 8);
  sqlite3_reset (s);
  return TRUE;
}

/* An inspector changes only the cases allocated to them. */
static gboolean
check_owner (FwStore *self, const AnswerContext *c, GError **error)
{
  const char *who;

  if (fw_store_role_for (self, c->inspection_id, &who) == FW_ROLE_LEAD || g_strcmp0 (c->inspector, who) == 0)
    return TRUE;
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED,
               _("this case is allocated to %s; only they may change its answers"),
               c->inspector ? c->inspector : _("another inspector"));
  return FALSE;
}

typedef struct {
  const char *case_id;
  const char *item_id;
  FwAnswer    answer;
  const char *note;
  const char *action;
} SetAnswer;

/* A note written on a question not answered yet is kept on its own (the
 * answer table holds answers only, so no count sees it) until the question
 * is answered: then the answer takes the note, and the draft goes. */
static gboolean
save_draft (FwStore *self, SetAnswer *a, gboolean has_draft, const char *at, const char *who, GError **error)
{
  sqlite3_stmt *s;
  gboolean keep = a->answer == FW_ANSWER_NONE && a->note != NULL;

  /* nothing to remove: no statement (an import saves many answers) */
  if (!keep && !has_draft)
    return TRUE;

  if (keep)
    s = fw_store_stmt (self, "INSERT INTO note_draft (case_id, item, note, who, at) VALUES (?1, ?2, ?3, ?4, ?5)"
                             " ON CONFLICT (case_id, item) DO UPDATE SET note = excluded.note,"
                             " who = excluded.who, at = excluded.at;", error);
  else
    s = fw_store_stmt (self, "DELETE FROM note_draft WHERE case_id = ?1 AND item = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, a->case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, a->item_id, -1, SQLITE_STATIC);
  if (keep)
    {
      sqlite3_bind_text (s, 3, a->note, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, who, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 5, at, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "save note");
    }
  sqlite3_reset (s);
  return TRUE;
}

/* The rules of a change to an answer, and its writes (the answer, its
 * draft, the audit entry, the case's move to in progress), given what it
 * changes (c). *started: the case moved to in progress. */
static gboolean
change_answer (FwStore *self, SetAnswer *a, const AnswerContext *c, FwFramework *fw, gboolean *started,
               GError **error)
{
  g_autofree char *at = NULL;
  g_autofree char *who = NULL;
  const char *user;
  FwQuestion *question = NULL;
  FwPrompt *prompt = NULL;
  FwCaseStatus status = FW_CASE_NOT_STARTED;
  gboolean na_allowed;
  sqlite3_stmt *s;

  *started = FALSE;
  if (!fw_framework_find_item (fw, a->item_id, &question, &prompt))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a key question or prompt of framework %s"), a->item_id, fw_framework_get_id (fw));
      return FALSE;
    }
  na_allowed = prompt ? prompt->na_allowed : question->na_allowed;
  if (prompt)
    question = prompt->question;
  if (!fw_question_applies_to (question, fw_framework_find_kind (fw, c->kind)))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("question %s is not answered for %s cases"), a->item_id, c->kind);
      return FALSE;
    }
  if (a->answer == FW_ANSWER_NA && !na_allowed)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("question %s cannot be answered “not applicable”"), a->item_id);
      return FALSE;
    }
  if (c->old_answer == a->answer && g_strcmp0 (c->old_note, a->note) == 0)
    return TRUE;
  fw_case_status_from_string (c->status, &status);
  if (!fw_case_status_allows_edit (status))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CASE_CLOSED,
                   _("the case is “%s”: reopen it to change its answers"), fw_case_status_title (status));
      return FALSE;
    }
  if (!check_owner (self, c, error))
    return FALSE;

  at = fw_now_iso8601 ();
  fw_store_role_for (self, c->inspection_id, &user);
  who = g_strdup (user);
  if (!save_draft (self, a, c->has_draft, at, who, error))
    return FALSE;
  if (a->answer == FW_ANSWER_NONE)
    {
      s = fw_store_stmt (self, "DELETE FROM answer WHERE case_id = ?1 AND item = ?2;", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_text (s, 1, a->case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, a->item_id, -1, SQLITE_STATIC);
    }
  else
    {
      s = fw_store_stmt (self, "INSERT INTO answer (case_id, item, value, note, who, at)"
                               " VALUES (?2, ?3, ?4, ?5, ?6, ?7)"
                               " ON CONFLICT (case_id, item) DO UPDATE SET value = excluded.value,"
                               " note = excluded.note, who = excluded.who, at = excluded.at;", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_text (s, 2, a->case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 3, a->item_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, fw_answer_to_string (a->answer), -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 5, a->note, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 6, who, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 7, at, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "save answer");
    }
  sqlite3_reset (s);
  if (!fw_store_audit (self, c->inspection_id, a->case_id, a->item_id, a->action ? a->action : "answer",
                       c->old_answer ? fw_answer_to_string (c->old_answer) : NULL,
                       a->answer ? fw_answer_to_string (a->answer) : NULL, c->old_note, a->note, NULL, error))
    return FALSE;
  if (status == FW_CASE_NOT_STARTED && a->answer != FW_ANSWER_NONE)
    {
      if (!fw_store_update_status (self, c->inspection_id, a->case_id, c->status, "in-progress", NULL, error))
        return FALSE;
      *started = TRUE;
    }
  return TRUE;
}

static gboolean
set_answer (FwStore *self, gpointer data, GError **error)
{
  SetAnswer *a = data;
  g_auto(AnswerContext) c = { 0 };
  g_autoptr(FwFramework) fw = NULL;
  gboolean started;

  if (!answer_context (self, a->case_id, a->item_id, &c, error)
      || (fw = fw_store_load_framework (self, c.inspection_id, error)) == NULL)
    return FALSE;
  return change_answer (self, a, &c, fw, &started, error);
}

gboolean
fw_store_set_answer (FwStore     *self,
                     const char  *case_id,
                     const char  *item_id,
                     FwAnswer     answer,
                     const char  *note,
                     const char  *action,
                     GError     **error)
{
  SetAnswer a = { case_id, item_id, answer, note && *note ? note : NULL, action };

  return fw_store_write (self, set_answer, &a, error);
}

gboolean
fw_store_tally (FwStore        *self,
                const char     *inspection_id,
                FwFramework    *framework,
                const FwFilter *filter,
                FwTally        *tally,
                GError        **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *s = NULL;
  int next, rc;

  fw_tally_clear (tally);

  /* cases per kind */
  sql = g_string_new ("SELECT c.kind, count(*) FROM kase c WHERE c.inspection_id = ?");
  fw_filter_append_sql (filter, sql);
  g_string_append (sql, " GROUP BY c.kind;");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &s, NULL) != SQLITE_OK)
    return fw_store_sql_error (self, error, "count cases");
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  next = 2;
  fw_filter_bind (filter, s, &next);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwKind *kind = fw_framework_find_kind (framework, (const char *) sqlite3_column_text (s, 0));
      if (kind)
        tally->cases_of_kind[kind->index] += sqlite3_column_int (s, 1);
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (self, error, "count cases");

  /* answers per key question, counted here: a GROUP BY made SQLite sort
   * every answer of the inspection, two thirds of the time of the query */
  g_string_assign (sql, "SELECT a.item, a.value FROM kase c JOIN answer a ON a.case_id = c.id"
                        " WHERE c.inspection_id = ?");
  fw_filter_append_sql (filter, sql);
  g_string_append (sql, ";");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &s, NULL) != SQLITE_OK)
    return fw_store_sql_error (self, error, "count answers");
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  next = 2;
  fw_filter_bind (filter, s, &next);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwQuestion *q = NULL;
      FwAnswer answer;
      guint *slot;

      fw_framework_find_item (framework, (const char *) sqlite3_column_text (s, 0), &q, NULL);
      if (q == NULL || q->index < 0)
        continue;   /* a prompt, or guidance */
      fw_answer_from_string ((const char *) sqlite3_column_text (s, 1), &answer);
      if ((slot = fw_tally_slot (tally, q->index, answer)))
        (*slot)++;
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (self, error, "count answers");
  return TRUE;
}

GHashTable *
fw_store_count_answered (FwStore *self, const char *inspection_id, FwFramework *framework, GError **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* no ORDER BY (a sort of every answer): the rows of a case come together
   * anyway, and are counted in a run before they go into the table */
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT a.case_id, a.item FROM kase c JOIN answer a ON a.case_id = c.id"
                                " WHERE c.inspection_id = ?1;", error);
  g_autofree char *run = NULL;   /* the case of the run */
  guint n = 0, before = 0;
  int rc;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *case_id = (const char *) sqlite3_column_text (s, 0);
      FwQuestion *q = NULL;

      fw_framework_find_item (framework, (const char *) sqlite3_column_text (s, 1), &q, NULL);
      if (q == NULL || q->index < 0)
        continue;
      if (run == NULL || strcmp (run, case_id) != 0)
        {
          if (run != NULL)
            g_hash_table_insert (counts, g_steal_pointer (&run), GUINT_TO_POINTER (n));
          run = g_strdup (case_id);
          n = before = GPOINTER_TO_UINT (g_hash_table_lookup (counts, run));
        }
      n++;
    }
  if (run != NULL && n > before)
    g_hash_table_insert (counts, g_steal_pointer (&run), GUINT_TO_POINTER (n));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (self, error, "count answers");
      return NULL;
    }
  return g_steal_pointer (&counts);
}

GPtrArray *
fw_store_list_answers (FwStore *self, const char *inspection_id, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_answer_row_free);
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT c.id, c.reference, c.kind, a.item, a.value, a.note, a.practice, a.who, a.at"
                                " FROM kase c JOIN answer a ON a.case_id = c.id WHERE c.inspection_id = ?1"
                                " ORDER BY c.reference, a.item;", error);
  int rc;

  if (s == NULL)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwAnswerRow *row = g_new0 (FwAnswerRow, 1);
      const char *practice = (const char *) sqlite3_column_text (s, 6);

      row->case_id = fw_column_dup (s, 0);
      row->reference = fw_column_dup (s, 1);
      row->kind = fw_column_dup (s, 2);
      row->item = fw_column_dup (s, 3);
      fw_answer_from_string ((const char *) sqlite3_column_text (s, 4), &row->answer);
      row->note = fw_column_dup (s, 5);
      if (!fw_practice_from_string (practice, &row->practice))
        row->practice = FW_PRACTICE_NONE;
      row->who = fw_column_dup (s, 7);
      row->at = fw_column_dup (s, 8);
      g_ptr_array_add (list, row);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (list);
      fw_store_sql_error (self, error, "list answers");
      return NULL;
    }
  return list;
}

typedef struct {
  const char *case_id;
  const char *item_id;
  FwPractice  practice;
} SetPractice;

static gboolean
set_practice (FwStore *self, gpointer data, GError **error)
{
  SetPractice *p = data;
  g_auto(AnswerContext) c = { 0 };
  sqlite3_stmt *s;

  if (!answer_context (self, p->case_id, p->item_id, &c, error) || !check_owner (self, &c, error))
    return FALSE;
  if (c.old_answer == FW_ANSWER_NONE)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%s has no answer yet; answer it before flagging its note as a practice example"), p->item_id);
      return FALSE;
    }
  if (g_strcmp0 (c.old_practice, fw_practice_to_string (p->practice)) == 0)
    return TRUE;
  s = fw_store_stmt (self, "UPDATE answer SET practice = ?3 WHERE case_id = ?1 AND item = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, p->case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, p->item_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, fw_practice_to_string (p->practice), -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "practice example");
    }
  sqlite3_reset (s);
  return fw_store_audit (self, c.inspection_id, p->case_id, p->item_id, "practice", c.old_practice,
                         fw_practice_to_string (p->practice), NULL, NULL, NULL, error);
}

gboolean
fw_store_set_practice (FwStore *self, const char *case_id, const char *item_id, FwPractice practice,
                       GError **error)
{
  SetPractice p = { case_id, item_id, practice };

  return fw_store_write (self, set_practice, &p, error);
}

GHashTable *
fw_store_get_case_practice (FwStore *self, const char *case_id, GError **error)
{
  return fw_store_string_map (self, "SELECT item, practice FROM answer WHERE case_id = ?1 AND practice IS NOT NULL;", case_id, error);
}

/* ---------------------------------------------------------------- imports */

/* An answer (or draft note) a case had before the import touched it. */
typedef struct {
  FwAnswer  value;
  char     *note;
  gboolean  has_draft;
} ImportAnswer;

typedef struct {
  char       *id;
  char       *kind;
  char       *status;
  char       *inspector;
  gboolean    loaded;    /* answers read */
  GHashTable *answers;   /* item → ImportAnswer*; NULL: none */
  GArray     *seen;      /* SeenItem: the items this import gave the case */
} ImportCase;

typedef struct {
  const char *item_id;
  guint       line;
} SeenItem;

struct _FwAnswerImport {
  FwStore     *store;
  char        *inspection_id;
  FwFramework *framework;
  GHashTable  *cases;    /* reference → ImportCase*; NULL: not read yet */
  const char  *last_reference;  /* the case of the row before (rows of a case */
  ImportCase  *last_case;       /* follow one another) */
  gboolean     checked;  /* the inspection was found open */
};

static void
import_answer_free (ImportAnswer *a)
{
  g_free (a->note);
  g_free (a);
}

static void
import_case_free (ImportCase *c)
{
  g_free (c->id);
  g_free (c->kind);
  g_free (c->status);
  g_free (c->inspector);
  g_clear_pointer (&c->answers, g_hash_table_unref);
  g_clear_pointer (&c->seen, g_array_unref);
  g_free (c);
}

FwAnswerImport *
fw_answer_import_new (FwStore *store, const char *inspection_id, FwFramework *framework)
{
  FwAnswerImport *import = g_new0 (FwAnswerImport, 1);

  import->store = g_object_ref (store);
  import->inspection_id = g_strdup (inspection_id);
  import->framework = fw_framework_ref (framework);
  return import;
}

void
fw_answer_import_free (FwAnswerImport *import)
{
  g_object_unref (import->store);
  g_free (import->inspection_id);
  fw_framework_unref (import->framework);
  g_clear_pointer (&import->cases, g_hash_table_unref);
  g_free (import);
}

/* Every case of the inspection, in one query (inside the import's
 * transaction, where nothing else changes them). */
static gboolean
import_read_cases (FwAnswerImport *import, GError **error)
{
  sqlite3_stmt *s;
  int rc;

  if (import->cases)
    return TRUE;
  s = fw_store_stmt (import->store, "SELECT reference, id, kind, status, inspector FROM kase WHERE inspection_id = ?1;",
                     error);
  if (s == NULL)
    return FALSE;
  import->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) import_case_free);
  sqlite3_bind_text (s, 1, import->inspection_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      ImportCase *c = g_new0 (ImportCase, 1);

      c->id = fw_column_dup (s, 1);
      c->kind = fw_column_dup (s, 2);
      c->status = fw_column_dup (s, 3);
      c->inspector = fw_column_dup (s, 4);
      g_hash_table_insert (import->cases, fw_column_dup (s, 0), c);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&import->cases, g_hash_table_unref);
      return fw_store_sql_error (import->store, error, "import");
    }
  return TRUE;
}

static ImportCase *
import_find_case (FwAnswerImport *import, const char *reference)
{
  ImportCase *c;

  if (import->last_case && strcmp (import->last_reference, reference) == 0)
    return import->last_case;
  if ((c = g_hash_table_lookup (import->cases, reference)) != NULL)
    {
      g_hash_table_lookup_extended (import->cases, reference, (gpointer *) &import->last_reference, NULL);
      import->last_case = c;
    }
  return c;
}

const char *
fw_answer_import_case_kind (FwAnswerImport *import, const char *reference, GError **error)
{
  ImportCase *c;

  if (!import_read_cases (import, error))
    return NULL;
  c = import_find_case (import, reference);
  return c ? c->kind : NULL;
}

guint
fw_answer_import_seen (FwAnswerImport *import, const char *reference, const char *item_id, guint line)
{
  ImportCase *c;
  SeenItem seen = { item_id, line };

  if (import->cases == NULL || (c = import_find_case (import, reference)) == NULL)
    return 0;
  if (c->seen == NULL)
    c->seen = g_array_sized_new (FALSE, FALSE, sizeof (SeenItem), 16);
  for (guint i = 0; i < c->seen->len; i++)
    {
      SeenItem *s = &g_array_index (c->seen, SeenItem, i);

      if (s->item_id == item_id || strcmp (s->item_id, item_id) == 0)
        return s->line;
    }
  g_array_append_val (c->seen, seen);
  return 0;
}

/* The answers and draft notes a case has, in one query. */
static gboolean
import_read_answers (FwAnswerImport *import, ImportCase *c, GError **error)
{
  sqlite3_stmt *s;
  int rc;

  if (c->loaded)
    return TRUE;
  s = fw_store_stmt (import->store, "SELECT item, value, note, 0 FROM answer WHERE case_id = ?1"
                                    " UNION ALL SELECT item, NULL, note, 1 FROM note_draft WHERE case_id = ?1;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, c->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *item = (const char *) sqlite3_column_text (s, 0);
      ImportAnswer *a;

      if (c->answers == NULL)
        c->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) import_answer_free);
      if ((a = g_hash_table_lookup (c->answers, item)) == NULL)
        {
          a = g_new0 (ImportAnswer, 1);
          g_hash_table_insert (c->answers, g_strdup (item), a);
        }
      if (sqlite3_column_int (s, 3))
        {
          /* the note of a question not answered yet is its draft */
          a->has_draft = TRUE;
          if (a->value == FW_ANSWER_NONE)
            {
              g_free (a->note);
              a->note = fw_column_dup (s, 2);
            }
        }
      else
        {
          fw_answer_from_string ((const char *) sqlite3_column_text (s, 1), &a->value);
          g_free (a->note);
          a->note = fw_column_dup (s, 2);
        }
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (import->store, error, "import");
  c->loaded = TRUE;
  return TRUE;
}

/* What answer_context checks of the inspection: there, and not locked;
 * once (nothing else changes it during the import). */
static gboolean
import_check_open (FwAnswerImport *import, GError **error)
{
  sqlite3_stmt *s;
  const char *status;

  if (import->checked)
    return TRUE;
  s = fw_store_stmt (import->store, "SELECT status FROM inspection WHERE id = ?1;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, import->inspection_id, -1, SQLITE_STATIC);
  status = sqlite3_step (s) == SQLITE_ROW ? (const char *) sqlite3_column_text (s, 0) : NULL;
  if (status == NULL)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                 _("%s: no inspection with id “%s”"), import->store->path, import->inspection_id);
  else if (strcmp (status, "locked") == 0)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED,
                 _("the inspection is locked; unlock it to make changes"));
  else
    import->checked = TRUE;
  sqlite3_reset (s);
  return import->checked;
}

typedef struct {
  FwAnswerImport *import;
  ImportCase     *kase;
  SetAnswer       a;
} ImportSet;

static gboolean
import_set (FwStore *self, gpointer data, GError **error)
{
  ImportSet *set = data;
  ImportCase *kase = set->kase;
  ImportAnswer *old = kase->answers ? g_hash_table_lookup (kase->answers, set->a.item_id) : NULL;
  AnswerContext c = {
    .inspection_id = set->import->inspection_id,
    .kind = kase->kind,
    .status = kase->status,
    .inspector = kase->inspector,
    .old_answer = old ? old->value : FW_ANSWER_NONE,
    .old_note = old ? old->note : NULL,
    .has_draft = old ? old->has_draft : FALSE,
  };
  gboolean started;

  if (!change_answer (self, &set->a, &c, set->import->framework, &started, error))
    return FALSE;
  /* what the case has now */
  if (started)
    {
      g_free (kase->status);
      kase->status = g_strdup ("in-progress");
    }
  if (old != NULL || set->a.answer != FW_ANSWER_NONE || set->a.note != NULL)
    {
      if (old == NULL)
        {
          if (kase->answers == NULL)
            kase->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) import_answer_free);
          old = g_new0 (ImportAnswer, 1);
          g_hash_table_insert (kase->answers, g_strdup (set->a.item_id), old);
        }
      old->value = set->a.answer;
      old->has_draft = set->a.answer == FW_ANSWER_NONE && set->a.note != NULL;
      g_free (old->note);
      old->note = g_strdup (set->a.note);
    }
  return TRUE;
}

gboolean
fw_answer_import_set (FwAnswerImport *import, const char *reference, const char *item_id, FwAnswer answer,
                      const char *note, const char *action, GError **error)
{
  ImportSet set = { import, NULL, { NULL, item_id, answer, note && *note ? note : NULL, action } };

  if (!import_read_cases (import, error))
    return FALSE;
  if ((set.kase = import_find_case (import, reference)) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("the inspection has no case with reference “%s”"), reference);
      return FALSE;
    }
  set.a.case_id = set.kase->id;
  if (!import_check_open (import, error) || !import_read_answers (import, set.kase, error))
    return FALSE;
  return fw_store_write (import->store, import_set, &set, error);
}
