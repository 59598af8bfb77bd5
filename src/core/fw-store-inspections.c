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

gboolean
fw_validate_date (const char *date, GError **error)
{
  guint y, m, d;
  char tail;

  if (date == NULL || strlen (date) != 10
      || sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3
      || date[4] != '-' || date[7] != '-'
      || !g_date_valid_dmy (d, m, y) || y < 1900)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a date (expected YYYY-MM-DD, a real calendar date)"),
                   date ? date : "");
      return FALSE;
    }
  return TRUE;
}

char *
fw_store_create_inspection (FwStore      *self,
                            FwFramework  *framework,
                            const char   *service,
                            const char   *start_date,
                            const char  **inspectors,
                            GError      **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *at = fw_now_iso8601 ();
  const char *xml;
  gsize xml_length;
  sqlite3_stmt *s;

  g_autofree char *trimmed = service ? g_strstrip (g_strdup (service)) : NULL;

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("the service name is empty"));
      return NULL;
    }
  if (!fw_validate_date (start_date, error))
    return NULL;

  if (!fw_store_begin (self, error))
    return NULL;
  s = fw_store_stmt (self, "INSERT INTO inspection (id, service, start_date, framework_id, framework_version,"
                  " framework_xml, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error);
  if (s == NULL)
    goto fail;
  xml = fw_framework_get_xml (framework, &xml_length);
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, start_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, fw_framework_get_id (framework), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 5, fw_framework_get_version (framework));
  sqlite3_bind_blob64 (s, 6, xml, xml_length, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 7, at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      fw_store_sql_error (self, error, "create inspection");
      goto fail;
    }
  for (guint i = 0; inspectors && inspectors[i]; i++)
    {
      s = fw_store_stmt (self, "INSERT OR IGNORE INTO inspector (inspection_id, position, name) VALUES (?1, ?2, ?3);", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (s, 2, i);
      sqlite3_bind_text (s, 3, inspectors[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          fw_store_sql_error (self, error, "add inspector");
          goto fail;
        }
    }
  if (!fw_store_audit (self, id, NULL, NULL, "create", NULL, "open", NULL, NULL, NULL, error))
    goto fail;
  if (!fw_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  fw_store_rollback (self);
  return NULL;
}

static FwInspectionInfo *
inspection_from_row (FwStore *self, sqlite3_stmt *s)
{
  FwInspectionInfo *info = g_new0 (FwInspectionInfo, 1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *q;

  info->id = fw_column_dup (s, 0);
  info->service = fw_column_dup (s, 1);
  info->start_date = fw_column_dup (s, 2);
  info->status = fw_column_dup (s, 3);
  info->framework_id = fw_column_dup (s, 4);
  info->framework_version = sqlite3_column_int (s, 5);
  info->created_at = fw_column_dup (s, 6);

  /* a separate statement: the caller's is still stepping */
  if (sqlite3_prepare_v2 (self->db, "SELECT name FROM inspector WHERE inspection_id = ?1 ORDER BY position;",
                          -1, &q, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (q, 1, info->id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (q) == SQLITE_ROW)
        g_strv_builder_add (names, (const char *) sqlite3_column_text (q, 0));
      sqlite3_finalize (q);
    }
  info->inspectors = g_strv_builder_end (names);
  return info;
}

#define INSPECTION_COLUMNS "id, service, start_date, status, framework_id, framework_version, created_at"

GPtrArray *
fw_store_list_inspections (FwStore *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_inspection_info_free);
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT " INSPECTION_COLUMNS " FROM inspection ORDER BY created_at;", error);
  int rc;

  if (s == NULL)
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (list, inspection_from_row (self, s));
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (self, error, "list inspections");
      return NULL;
    }
  return g_steal_pointer (&list);
}

FwInspectionInfo *
fw_store_get_inspection (FwStore *self, const char *id, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT " INSPECTION_COLUMNS " FROM inspection WHERE id = ?1;", error);
  FwInspectionInfo *info;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("%s: no inspection with id “%s”"), self->path, id);
      return NULL;
    }
  info = inspection_from_row (self, s);
  sqlite3_reset (s);
  return info;
}

FwFramework *
fw_store_load_framework (FwStore *self, const char *inspection_id, GError **error)
{
  FwFramework *fw = g_hash_table_lookup (self->frameworks, inspection_id);
  g_autofree char *name = NULL;
  sqlite3_stmt *s;

  if (fw != NULL)
    return fw_framework_ref (fw);

  s = fw_store_stmt (self, "SELECT framework_xml, framework_id FROM inspection WHERE id = ?1;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("%s: no inspection with id “%s”"), self->path, inspection_id);
      return NULL;
    }
  name = g_strdup_printf ("%s (framework of inspection %s)", self->path, inspection_id);
  fw = fw_framework_new_from_data (sqlite3_column_blob (s, 0), sqlite3_column_bytes (s, 0), name, error);
  sqlite3_reset (s);
  if (fw == NULL)
    return NULL;
  g_hash_table_insert (self->frameworks, g_strdup (inspection_id), fw_framework_ref (fw));
  return fw;
}

gboolean
fw_store_check_open (FwStore *self, const char *inspection_id, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT status FROM inspection WHERE id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   _("%s: no inspection with id “%s”"), self->path, inspection_id);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (s, 0), "locked") == 0)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED,
                   _("the inspection is locked; unlock it to make changes"));
      return FALSE;
    }
  sqlite3_reset (s);
  return TRUE;
}

gboolean
fw_store_is_locked (FwStore *self, const char *inspection_id)
{
  g_autoptr(GError) error = NULL;

  fw_store_check_open (self, inspection_id, &error);
  return g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
}

typedef struct {
  const char *inspection_id;
  gboolean    locked;
  const char *reason;
} SetLocked;

static gboolean
set_locked (FwStore *self, gpointer data, GError **error)
{
  SetLocked *l = data;
  g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (self, l->inspection_id, error);
  const char *status = l->locked ? "locked" : "open";
  sqlite3_stmt *s;

  if (info == NULL
      || !fw_store_check_role (self, l->inspection_id, FW_ROLE_LEAD, l->locked ? _("lock the inspection") : _("unlock the inspection"),
                               error))
    return FALSE;
  if (g_strcmp0 (info->status, status) == 0)
    return TRUE;
  if (!l->locked && (l->reason == NULL || *l->reason == '\0'))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("say why the inspection is unlocked"));
      return FALSE;
    }
  s = fw_store_stmt (self, "UPDATE inspection SET status = ?2 WHERE id = ?1;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, l->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, status, -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite3_reset (s);
      return fw_store_sql_error (self, error, "lock");
    }
  sqlite3_reset (s);
  return fw_store_audit (self, l->inspection_id, NULL, NULL, l->locked ? "lock" : "unlock", info->status, status,
                         NULL, NULL, l->reason, error);
}

gboolean
fw_store_set_locked (FwStore *self, const char *inspection_id, gboolean locked, const char *reason, GError **error)
{
  SetLocked l = { inspection_id, locked, reason };

  return fw_store_write (self, set_locked, &l, error);
}
