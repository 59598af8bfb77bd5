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
  const char *inspection_id;
  const char *standard_id;
  const char *band_id;
  const char *rationale;
} Judge;

static gboolean
judge (FwStore *self, gpointer data, GError **error)
{
  Judge *j = data;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *at = NULL, *old_band = NULL, *old_rationale = NULL;
  const char *rationale = j->rationale && *j->rationale ? j->rationale : NULL;
  FwStandard *standard;
  sqlite3_stmt *s;

  if (!fw_store_check_open (self, j->inspection_id, error)
      || !fw_store_check_role (self, j->inspection_id, FW_ROLE_LEAD, _("judge a standard"), error)
      || (fw = fw_store_load_framework (self, j->inspection_id, error)) == NULL)
    return FALSE;
  standard = fw_framework_find_standard (fw, j->standard_id);
  if (standard == NULL || standard->rule != FW_RULE_JUDGED)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   standard ? _("standard %s is rated from its cases, not judged")
                            : _("“%s” is not a standard of this framework"), j->standard_id);
      return FALSE;
    }
  if (j->band_id != NULL && fw_framework_find_band (fw, j->band_id) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a rating of framework %s"), j->band_id, fw_framework_get_id (fw));
      return FALSE;
    }

  s = fw_store_stmt (self, "SELECT band, rationale FROM judgement WHERE inspection_id = ?1 AND standard = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, j->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, j->standard_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      old_band = fw_column_dup (s, 0);
      old_rationale = fw_column_dup (s, 1);
    }
  sqlite3_reset (s);
  if (g_strcmp0 (old_band, j->band_id) == 0 && g_strcmp0 (old_rationale, rationale) == 0)
    return TRUE;

  at = fw_now_iso8601 ();
  if (j->band_id == NULL)
    s = fw_store_stmt (self, "DELETE FROM judgement WHERE inspection_id = ?1 AND standard = ?2;", error);
  else
    s = fw_store_stmt (self, "INSERT INTO judgement (inspection_id, standard, band, rationale, who, at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (inspection_id, standard) DO UPDATE"
                             " SET band = excluded.band, rationale = excluded.rationale, who = excluded.who,"
                             " at = excluded.at;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, j->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, j->standard_id, -1, SQLITE_TRANSIENT);
  if (j->band_id != NULL)
    {
      sqlite3_bind_text (s, 3, j->band_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 4, rationale, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 5, self->user, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 6, at, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "save judgement");
    }
  sqlite3_reset (s);
  return fw_store_audit (self, j->inspection_id, NULL, j->standard_id, "judgement", old_band, j->band_id,
                         old_rationale, rationale, NULL, error);
}

gboolean
fw_store_set_judgement (FwStore *self, const char *inspection_id, const char *standard_id,
                        const char *band_id, const char *rationale, GError **error)
{
  Judge j = { inspection_id, standard_id, band_id, rationale };

  return fw_store_write (self, judge, &j, error);
}

GHashTable *
fw_store_get_judgements (FwStore *self, const char *inspection_id, GError **error)
{
  return fw_store_string_map (self, "SELECT standard, band FROM judgement WHERE inspection_id = ?1;", inspection_id, error);
}

gboolean
fw_store_insert_review_comment (FwStore *self, const char *inspection_id, const char *case_id,
                                const char *item_id, const char *comment, GError **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *at = fw_now_iso8601 ();
  sqlite3_stmt *s;

  if (comment == NULL || *comment == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("the comment is empty"));
      return FALSE;
    }
  s = fw_store_stmt (self, "INSERT INTO review_comment (id, case_id, item, comment, who, at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, item_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 5, self->user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 6, at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "review comment");
    }
  sqlite3_reset (s);
  return fw_store_audit (self, inspection_id, case_id, item_id, "comment", NULL, NULL, NULL, comment, NULL, error);
}

typedef struct {
  const char *case_id;
  const char *item_id;
  const char *comment;
} Comment;

static gboolean
add_comment (FwStore *self, gpointer data, GError **error)
{
  Comment *c = data;
  g_autofree char *inspection_id = NULL, *kind = NULL;

  return fw_store_case_context (self, c->case_id, &inspection_id, &kind, NULL, error)
      && fw_store_check_open (self, inspection_id, error)
      && fw_store_check_role (self, inspection_id, FW_ROLE_LEAD, _("comment on a case"), error)
      && fw_store_insert_review_comment (self, inspection_id, c->case_id, c->item_id, c->comment, error);
}

gboolean
fw_store_add_review_comment (FwStore *self, const char *case_id, const char *item_id, const char *comment,
                             GError **error)
{
  Comment c = { case_id, item_id, comment };

  return fw_store_write (self, add_comment, &c, error);
}

GPtrArray *
fw_store_list_review_comments (FwStore *self, const char *case_id, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_review_comment_free);
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT id, case_id, item, comment, who, at, resolved FROM review_comment"
                                " WHERE case_id = ?1 ORDER BY at;", error);

  if (s == NULL)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      FwReviewComment *c = g_new0 (FwReviewComment, 1);

      c->id = fw_column_dup (s, 0);
      c->case_id = fw_column_dup (s, 1);
      c->item = fw_column_dup (s, 2);
      c->comment = fw_column_dup (s, 3);
      c->who = fw_column_dup (s, 4);
      c->at = fw_column_dup (s, 5);
      c->resolved = sqlite3_column_int (s, 6) != 0;
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (s);
  return list;
}

GHashTable *
fw_store_get_rationales (FwStore *self, const char *inspection_id, GError **error)
{
  return fw_store_string_map (self, "SELECT standard, rationale FROM judgement WHERE inspection_id = ?1 AND rationale IS NOT NULL;", inspection_id, error);
}
