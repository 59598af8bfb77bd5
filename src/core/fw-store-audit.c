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

/* A random (version 4) UUID, as g_uuid_string_random () makes, without its
 * global lock and printf: every change writes one. The generator is seeded
 * from the system's random source in each thread and, after a fork, again
 * in the child, so two processes never share a sequence. */
typedef struct {
  GRand *rand;
  pid_t  pid;
} IdSource;

static void
id_source_free (gpointer data)
{
  IdSource *source = data;

  g_rand_free (source->rand);
  g_free (source);
}

static GPrivate id_source = G_PRIVATE_INIT (id_source_free);

static char *
random_uuid (void)
{
  static const char hex[] = "0123456789abcdef";
  IdSource *source = g_private_get (&id_source);
  guint8 bytes[16];
  char *out = g_malloc (37), *p = out;

  if (source == NULL || source->pid != getpid ())
    {
      if (source == NULL)
        {
          source = g_new0 (IdSource, 1);
          g_private_set (&id_source, source);
        }
      else
        g_rand_free (source->rand);
      source->rand = g_rand_new ();   /* seeded from /dev/urandom */
      source->pid = getpid ();
    }
  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (source->rand);
      memcpy (bytes + i, &r, 4);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;   /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xf];
    }
  *p = '\0';
  return out;
}

gboolean
fw_store_audit (FwStore *self, const char *inspection_id, const char *case_id, const char *item,
       const char *action, const char *old_value, const char *new_value,
       const char *old_note, const char *new_note, const char *reason, GError **error)
{
  g_autofree char *at = fw_now_iso8601 ();
  g_autofree char *id = random_uuid ();
  g_autofree char *who = NULL;
  sqlite3_stmt *s;
  const char *user;

  fw_store_role_for (self, inspection_id, &user);
  who = g_strdup (user);
  s = fw_store_stmt (self,
    "INSERT INTO audit (at, who, inspection_id, case_id, item, action, old_value, new_value,"
    " old_note, new_note, reason, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);", error);

  if (s == NULL)
    return FALSE;
  /* SQLITE_STATIC: the strings outlive the step, and the statement is reset
   * before it runs again; every change writes one of these */
  sqlite3_bind_text (s, 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, who, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, inspection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 5, item, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 6, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 7, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 8, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 9, old_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 10, new_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 11, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 12, id, -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      fw_store_sql_error (self, error, "audit");
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  return TRUE;
}

guint
fw_store_count_audit (FwStore *self, const char *inspection_id, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT count(*) FROM audit WHERE inspection_id = ?1;", error);
  guint n = 0;

  if (s == NULL)
    return 0;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    n = sqlite3_column_int (s, 0);
  sqlite3_reset (s);
  return n;
}

GPtrArray *
fw_store_list_audit (FwStore *self, const char *inspection_id, const char *case_id, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_audit_entry_free);
  sqlite3_stmt *s = fw_store_stmt (self, "SELECT a.at, a.who, a.case_id, c.reference, a.item, a.action, a.old_value,"
                                " a.new_value, a.old_note, a.new_note, a.reason"
                                " FROM audit a LEFT JOIN kase c ON c.id = a.case_id"
                                " WHERE a.inspection_id = ?1 AND (?2 IS NULL OR a.case_id = ?2) ORDER BY a.rowid;",
                          error);

  if (s == NULL)
    {
      g_ptr_array_unref (list);
      return NULL;
    }
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      FwAuditEntry *e = g_new0 (FwAuditEntry, 1);

      e->at = fw_column_dup (s, 0);
      e->who = fw_column_dup (s, 1);
      e->case_id = fw_column_dup (s, 2);
      e->reference = fw_column_dup (s, 3);
      e->item = fw_column_dup (s, 4);
      e->action = fw_column_dup (s, 5);
      e->old_value = fw_column_dup (s, 6);
      e->new_value = fw_column_dup (s, 7);
      e->old_note = fw_column_dup (s, 8);
      e->new_note = fw_column_dup (s, 9);
      e->reason = fw_column_dup (s, 10);
      g_ptr_array_add (list, e);
    }
  sqlite3_reset (s);
  return list;
}
