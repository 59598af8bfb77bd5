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

#include "fw-store.h"
#include "fw-error.h"

struct _FwStore {
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  char       *user;
  GHashTable *statements;     /* sql → sqlite3_stmt* */
  GHashTable *frameworks;     /* inspection id → FwFramework* */
  guint       depth;          /* transaction nesting */
  char       *dirty;          /* inspection changed inside the open transaction */
  gboolean    bulk;           /* the open transaction holds others: a larger page cache */
  int         cache_size;     /* the page cache's size outside them (PRAGMA cache_size) */
};

G_DEFINE_FINAL_TYPE (FwStore, fw_store, G_TYPE_OBJECT)

enum {
  ANSWER_CHANGED,
  CASES_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const char *attr_names[FW_N_ATTRS] = {
  "kind", "disposal", "gender", "age", "ethnicity", "rosh", "safety_wellbeing",
  "case_manager", "inspector", "interview", "status",
};

static const char *status_names[] = {
  "not-started", "in-progress", "complete", "quality-assured", "returned",
};

/* ---------------------------------------------------------------- small types */

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

void
fw_inspection_info_free (FwInspectionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->service);
  g_free (info->start_date);
  g_free (info->status);
  g_free (info->framework_id);
  g_strfreev (info->inspectors);
  g_free (info->created_at);
  g_free (info);
}

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
                   "--where “%s”: expected ATTRIBUTE=VALUE", expr);
      return FALSE;
    }
  name = g_strndup (expr, eq - expr);
  if (!fw_attr_from_string (name, &attr))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) attr_names);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "--where “%s”: unknown attribute “%s” (one of %s)", expr, name, known);
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
      g_string_append_printf (out, "%s = ", attr_names[i]);
      for (guint j = 0; j < filter->values[i]->len; j++)
        g_string_append_printf (out, "%s%s", j ? " or " : "",
                                (char *) g_ptr_array_index (filter->values[i], j));
    }
  return g_string_free (out, FALSE);
}

/* Appends " AND c.attr IN (?, …)" clauses; binds start at *next. */
static void
filter_append_sql (const FwFilter *filter, GString *sql)
{
  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    {
      if (filter->values[i] == NULL)
        continue;
      g_string_append_printf (sql, " AND c.%s IN (", attr_names[i]);
      for (guint j = 0; j < filter->values[i]->len; j++)
        g_string_append (sql, j ? ", ?" : "?");
      g_string_append (sql, ")");
    }
}

static void
filter_bind (const FwFilter *filter, sqlite3_stmt *stmt, int *next)
{
  for (guint i = 0; filter && i < FW_N_ATTRS; i++)
    for (guint j = 0; filter->values[i] && j < filter->values[i]->len; j++)
      sqlite3_bind_text (stmt, (*next)++, g_ptr_array_index (filter->values[i], j), -1, SQLITE_TRANSIENT);
}

/* ---------------------------------------------------------------- tally */

FwTally *
fw_tally_new (FwFramework *framework)
{
  FwTally *tally = g_new0 (FwTally, 1);

  tally->n_questions = fw_framework_get_questions (framework)->len;
  tally->yes = g_new0 (guint, tally->n_questions);
  tally->no = g_new0 (guint, tally->n_questions);
  tally->na = g_new0 (guint, tally->n_questions);
  tally->n_kinds = fw_framework_get_kinds (framework)->len;
  tally->cases_of_kind = g_new0 (guint, tally->n_kinds);
  return tally;
}

void
fw_tally_free (FwTally *tally)
{
  if (tally == NULL)
    return;
  g_free (tally->yes);
  g_free (tally->no);
  g_free (tally->na);
  g_free (tally->cases_of_kind);
  g_free (tally);
}

void
fw_tally_clear (FwTally *tally)
{
  memset (tally->yes, 0, sizeof (guint) * tally->n_questions);
  memset (tally->no, 0, sizeof (guint) * tally->n_questions);
  memset (tally->na, 0, sizeof (guint) * tally->n_questions);
  memset (tally->cases_of_kind, 0, sizeof (guint) * tally->n_kinds);
}

static guint *
tally_slot (FwTally *tally, int q, FwAnswer answer)
{
  switch (answer)
    {
    case FW_ANSWER_YES: return &tally->yes[q];
    case FW_ANSWER_NO: return &tally->no[q];
    case FW_ANSWER_NA: return &tally->na[q];
    case FW_ANSWER_NONE:
    default: return NULL;
    }
}

void
fw_tally_change (FwTally *tally, int q, FwAnswer old_answer, FwAnswer new_answer)
{
  guint *slot;

  g_return_if_fail (q >= 0 && (guint) q < tally->n_questions);
  if ((slot = tally_slot (tally, q, old_answer)) && *slot > 0)
    (*slot)--;
  if ((slot = tally_slot (tally, q, new_answer)))
    (*slot)++;
}

guint
fw_tally_applicable (FwTally *tally, FwQuestion *question)
{
  guint n = 0;

  for (guint k = 0; k < tally->n_kinds; k++)
    if (question->kinds & (G_GUINT64_CONSTANT (1) << k))
      n += tally->cases_of_kind[k];
  return n;
}

/* ---------------------------------------------------------------- SQL helpers */

static gboolean
sql_error (FwStore *self, GError **error, const char *what)
{
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s: %s",
               self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (FwStore *self, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", self->path, msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* A prepared statement from the cache, reset and with bindings cleared.
 * sql must be a string literal: statements are cached by its address (the
 * cache is looked up several times for every answer saved, and hashing the
 * text cost more than running some of the statements). */
static sqlite3_stmt *
stmt (FwStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *s = g_hash_table_lookup (self->statements, sql);

  if (s == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
        {
          sql_error (self, error, "prepare");
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, s);
    }
  else
    {
      sqlite3_reset (s);
      sqlite3_clear_bindings (s);
    }
  return s;
}

static char *
column_dup (sqlite3_stmt *s, int i)
{
  const unsigned char *text = sqlite3_column_text (s, i);
  return text ? g_strdup ((const char *) text) : NULL;
}

static char *
now_iso8601 (void)
{
  /* "%Y-%m-%dT%H:%M:%S.%fZ" in UTC, without g_date_time_format's locale
   * work: this stamps every answer saved and every audit entry */
  gint64 now = g_get_real_time ();
  time_t seconds = (time_t) (now / G_USEC_PER_SEC);
  int fields[7], widths[7] = { 4, 2, 2, 2, 2, 2, 6 };
  const char *after = "--T::.Z";
  char *out = g_malloc (28), *p = out;
  struct tm tm;

  gmtime_r (&seconds, &tm);
  fields[0] = tm.tm_year + 1900;
  fields[1] = tm.tm_mon + 1;
  fields[2] = tm.tm_mday;
  fields[3] = tm.tm_hour;
  fields[4] = tm.tm_min;
  fields[5] = tm.tm_sec;
  fields[6] = (int) (now % G_USEC_PER_SEC);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      for (int w = widths[f] - 1, v = fields[f]; w >= 0; w--, v /= 10)
        p[w] = '0' + v % 10;
      p += widths[f];
      *p++ = after[f];
    }
  *p = '\0';
  return out;
}

/* ---------------------------------------------------------------- schema */

static const char *migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE inspection ("
  "  id TEXT PRIMARY KEY,"
  "  service TEXT NOT NULL,"
  "  start_date TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'locked')),"
  "  framework_id TEXT NOT NULL,"
  "  framework_version INTEGER NOT NULL,"
  "  framework_xml BLOB NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE inspector ("
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (inspection_id, name));"
  "CREATE TABLE kase ("
  "  id TEXT PRIMARY KEY,"
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  reference TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  disposal TEXT, gender TEXT, age TEXT, ethnicity TEXT, rosh TEXT,"
  "  safety_wellbeing TEXT, case_manager TEXT, inspector TEXT, interview TEXT,"
  "  status TEXT NOT NULL DEFAULT 'not-started',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (inspection_id, reference));"
  "CREATE TABLE answer ("
  "  id TEXT PRIMARY KEY,"
  "  case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL,"
  "  value TEXT NOT NULL CHECK (value IN ('yes', 'no', 'na')),"
  "  note TEXT,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  UNIQUE (case_id, item));"
  "CREATE TABLE judgement ("
  "  inspection_id TEXT NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,"
  "  standard TEXT NOT NULL,"
  "  band TEXT NOT NULL,"
  "  rationale TEXT,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  PRIMARY KEY (inspection_id, standard));"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  who TEXT,"
  "  inspection_id TEXT NOT NULL,"
  "  case_id TEXT,"
  "  item TEXT,"
  "  action TEXT NOT NULL,"
  "  old_value TEXT, new_value TEXT,"
  "  old_note TEXT, new_note TEXT,"
  "  reason TEXT);"
  "CREATE INDEX audit_by_inspection ON audit (inspection_id, case_id);",
  /* 1 → 2: review — practice examples, comments when a case is returned,
   * the reason an inspection was unlocked */
  "ALTER TABLE answer ADD COLUMN practice TEXT CHECK (practice IN ('good', 'poor'));"
  "CREATE TABLE review_comment ("
  "  id TEXT PRIMARY KEY,"
  "  case_id TEXT NOT NULL REFERENCES kase (id) ON DELETE CASCADE,"
  "  item TEXT,"
  "  comment TEXT NOT NULL,"
  "  who TEXT,"
  "  at TEXT NOT NULL,"
  "  resolved INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX review_comment_by_case ON review_comment (case_id);"
  "CREATE INDEX kase_by_inspection_status ON kase (inspection_id, status);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FW_STORE_VERSION);

static gboolean
migrate (FwStore *self, int from, GError **error)
{
  for (int v = from; v < FW_STORE_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!exec (self, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!exec (self, migrations[v], error) || !exec (self, bump, error))
        {
          exec (self, "ROLLBACK;", NULL);
          return FALSE;
        }
      if (v == 0)
        {
          g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d;", FW_STORE_APPLICATION_ID);
          if (!exec (self, app, error))
            {
              exec (self, "ROLLBACK;", NULL);
              return FALSE;
            }
        }
      if (!exec (self, "COMMIT;", error))
        return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- object */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
fw_store_finalize (GObject *object)
{
  FwStore *self = FW_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->user);
  g_free (self->dirty);
  G_OBJECT_CLASS (fw_store_parent_class)->finalize (object);
}

static void
fw_store_class_init (FwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fw_store_finalize;

  /**
   * FwStore::answer-changed:
   * @case_id, @item_id, @old_answer, @new_answer
   *
   * Emitted after an answer was committed.
   */
  signals[ANSWER_CHANGED] =
    g_signal_new ("answer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);
  signals[CASES_CHANGED] =
    g_signal_new ("cases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fw_store_init (FwStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->frameworks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) fw_framework_unref);
  self->user = g_strdup (g_get_real_name ());
  if (self->user == NULL || *self->user == '\0' || strcmp (self->user, "Unknown") == 0)
    {
      g_free (self->user);
      self->user = g_strdup (g_get_user_name ());
    }
}

char *
fw_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "fieldwork", "fieldwork.db", NULL);
}

/* Reads the 100-byte header to tell a Fieldwork database from anything else
 * without opening it for writing. */
static gboolean
check_header (const char *path, guchar header[100], gsize length, GError **error)
{
  guint32 app_id, user_version;

  if (length < 100 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_DATABASE,
                   "%s: not a Fieldwork database (not an SQLite file at all)", path);
      return FALSE;
    }
  app_id = GUINT32_FROM_BE (*(guint32 *) (header + 68));
  user_version = GUINT32_FROM_BE (*(guint32 *) (header + 60));
  if (app_id != FW_STORE_APPLICATION_ID)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FOREIGN,
                   "%s: an SQLite database of another program, not a Fieldwork database", path);
      return FALSE;
    }
  if (user_version > FW_STORE_VERSION)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW,
                   "%s: made by a newer Fieldwork (database version %u, this program knows up to %d); "
                   "update Fieldwork to open it", path, user_version, FW_STORE_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quick_check (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  gboolean ok = FALSE;
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_READONLY;
  int rc;

  /* Even a read-only connection creates -wal and -shm files beside a WAL
   * database and leaves them there. With none beside it, nothing has the file
   * open: read it as immutable, so a file we refuse is left exactly as it was. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS)
        && !g_file_test (journal, G_FILE_TEST_EXISTS))
      {
        g_autofree char *absolute = g_canonicalize_filename (path, NULL);
        g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

        if (file_uri != NULL)
          {
            uri = g_strconcat (file_uri, "?immutable=1", NULL);
            flags |= SQLITE_OPEN_URI;
          }
      }
  }

  rc = sqlite3_open_v2 (uri ? uri : path, &db, flags, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check;", -1, &s, NULL);
  if (rc == SQLITE_OK && sqlite3_step (s) == SQLITE_ROW
      && g_strcmp0 ((const char *) sqlite3_column_text (s, 0), "ok") == 0)
    ok = TRUE;
  if (!ok)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                 "%s: the database is damaged (integrity check failed: %s); "
                 "it was left as it is — restore it from a copy",
                 path, s && sqlite3_column_text (s, 0) ? (const char *) sqlite3_column_text (s, 0)
                                                       : sqlite3_errmsg (db));
  sqlite3_finalize (s);
  sqlite3_close_v2 (db);
  return ok;
}

FwStore *
fw_store_open (const char *path,
               GError    **error)
{
  g_autoptr(FwStore) self = NULL;
  g_autofree char *dir = NULL;
  sqlite3_stmt *s;
  int version = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: cannot create folder: %s",
                   dir, g_strerror (errno));
      return NULL;
    }

  /* Create the file ourselves so it is private from the first byte. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path, g_strerror (errno));
      return NULL;
    }
  else
    {
      guchar header[100];
      gssize n = read (fd, header, sizeof header);
      struct stat st;

      if (fstat (fd, &st) == 0 && st.st_size > 0)
        {
          if (!check_header (path, header, n > 0 ? (gsize) n : 0, error))
            {
              close (fd);
              return NULL;
            }
          close (fd);
          if (!quick_check (path, error))
            return NULL;
        }
      else
        close (fd);
    }

  self = g_object_new (FW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_IO, "%s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "cannot open");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* temp_store = MEMORY keeps savepoint journals in memory: a savepoint per
   * imported row otherwise writes every page it touches to a temporary file */
  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                   " PRAGMA temp_store = MEMORY;", error))
    return NULL;

  s = stmt (self, "PRAGMA user_version;", error);
  if (s == NULL)
    return NULL;
  if (sqlite3_step (s) == SQLITE_ROW)
    version = sqlite3_column_int (s, 0);
  sqlite3_reset (s);

  if (version < FW_STORE_VERSION && !migrate (self, version, error))
    return NULL;
  /* The new application id and user version are in the -wal file until a
   * checkpoint; put them in the main file now, where check_header reads them
   * when another connection opens the database. */
  if (version < FW_STORE_VERSION && !exec (self, "PRAGMA wal_checkpoint(FULL);", error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
fw_store_get_path (FwStore *self)
{
  return self->path;
}

void
fw_store_set_user (FwStore *self, const char *who)
{
  g_free (self->user);
  self->user = g_strdup (who);
}

const char *
fw_store_get_user (FwStore *self)
{
  return self->user;
}

/* ---------------------------------------------------------------- transactions */

static void
mark_dirty (FwStore *self, const char *inspection_id)
{
  if (self->dirty == NULL)
    self->dirty = g_strdup (inspection_id);
}

/* Transaction control runs for every answer saved: the usual statements are
 * prepared once, from this table (stmt () keys them by these addresses). */
static const char *savepoint_sql[][2] = {
  { "BEGIN IMMEDIATE;", "COMMIT;" },
  { "SAVEPOINT fw1;", "RELEASE fw1;" },
  { "SAVEPOINT fw2;", "RELEASE fw2;" },
  { "SAVEPOINT fw3;", "RELEASE fw3;" },
  { "SAVEPOINT fw4;", "RELEASE fw4;" },
};

static gboolean
exec_prepared (FwStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *s = stmt (self, sql, error);

  if (s == NULL)
    return FALSE;
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_SQL, "%s: %s", self->path, sqlite3_errmsg (self->db));
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  return TRUE;
}

/* A transaction that holds others, or the answers of an import, touches
 * more pages than the default cache of 2 MiB holds, and would spill them to
 * the WAL and read them back again and again; it gets 32 MiB until it ends
 * (the memory is given back then). */
static void
bulk_begin (FwStore *self)
{
  sqlite3_stmt *s;

  if (self->depth == 0 || self->bulk || (s = stmt (self, "PRAGMA cache_size;", NULL)) == NULL)
    return;
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      self->cache_size = sqlite3_column_int (s, 0);
      self->bulk = exec (self, "PRAGMA cache_size = -32768;", NULL);
    }
  sqlite3_reset (s);
}

static void
bulk_end (FwStore *self)
{
  g_autofree char *sql = NULL;

  if (self->depth != 0 || !self->bulk)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = %d;", self->cache_size);
  exec (self, sql, NULL);
  self->bulk = FALSE;
}

gboolean
fw_store_begin (FwStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  bulk_begin (self);
  if (self->depth < G_N_ELEMENTS (savepoint_sql))
    {
      if (!exec_prepared (self, savepoint_sql[self->depth][0], error))
        return FALSE;
      self->depth++;
      return TRUE;
    }
  sql = g_strdup_printf ("SAVEPOINT fw%u;", self->depth);
  if (!exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
fw_store_commit (FwStore *self, GError **error)
{
  g_autofree char *sql = NULL;
  gboolean ok;

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth - 1 < G_N_ELEMENTS (savepoint_sql))
    ok = exec_prepared (self, savepoint_sql[self->depth - 1][1], error);
  else
    {
      sql = g_strdup_printf ("RELEASE fw%u;", self->depth - 1);
      ok = exec (self, sql, error);
    }
  if (!ok)
    {
      fw_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  bulk_end (self);
  if (self->depth == 0 && self->dirty != NULL)
    {
      g_autofree char *inspection_id = g_steal_pointer (&self->dirty);
      g_signal_emit (self, signals[CASES_CHANGED], 0, inspection_id);
    }
  return TRUE;
}

void
fw_store_rollback (FwStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK;");
  else
    sql = g_strdup_printf ("ROLLBACK TO fw%u; RELEASE fw%u;", self->depth - 1, self->depth - 1);
  exec (self, sql, NULL);
  self->depth--;
  bulk_end (self);
  /* the framework cache may hold inspections that no longer exist */
  if (self->depth == 0)
    {
      g_hash_table_remove_all (self->frameworks);
      g_clear_pointer (&self->dirty, g_free);
    }
}

static gboolean
audit (FwStore *self, const char *inspection_id, const char *case_id, const char *item,
       const char *action, const char *old_value, const char *new_value,
       const char *old_note, const char *new_note, const char *reason, GError **error)
{
  g_autofree char *at = now_iso8601 ();
  sqlite3_stmt *s = stmt (self,
    "INSERT INTO audit (at, who, inspection_id, case_id, item, action, old_value, new_value,"
    " old_note, new_note, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);", error);

  if (s == NULL)
    return FALSE;
  /* SQLITE_STATIC: the strings outlive the step, and the statement is reset
   * before it runs again; every change writes one of these */
  sqlite3_bind_text (s, 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, self->user, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, inspection_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 5, item, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 6, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 7, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 8, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 9, old_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 10, new_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 11, reason, -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sql_error (self, error, "audit");
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  return TRUE;
}

/* ---------------------------------------------------------------- inspections */

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
                   "“%s” is not a date (expected YYYY-MM-DD, a real calendar date)",
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
  g_autofree char *at = now_iso8601 ();
  const char *xml;
  gsize xml_length;
  sqlite3_stmt *s;

  g_autofree char *trimmed = service ? g_strstrip (g_strdup (service)) : NULL;

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "the service name is empty");
      return NULL;
    }
  if (!fw_validate_date (start_date, error))
    return NULL;

  if (!fw_store_begin (self, error))
    return NULL;
  s = stmt (self, "INSERT INTO inspection (id, service, start_date, framework_id, framework_version,"
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
      sql_error (self, error, "create inspection");
      goto fail;
    }
  for (guint i = 0; inspectors && inspectors[i]; i++)
    {
      s = stmt (self, "INSERT OR IGNORE INTO inspector (inspection_id, position, name) VALUES (?1, ?2, ?3);", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (s, 2, i);
      sqlite3_bind_text (s, 3, inspectors[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          sql_error (self, error, "add inspector");
          goto fail;
        }
    }
  if (!audit (self, id, NULL, NULL, "create", NULL, "open", NULL, NULL, NULL, error))
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

  info->id = column_dup (s, 0);
  info->service = column_dup (s, 1);
  info->start_date = column_dup (s, 2);
  info->status = column_dup (s, 3);
  info->framework_id = column_dup (s, 4);
  info->framework_version = sqlite3_column_int (s, 5);
  info->created_at = column_dup (s, 6);

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
  sqlite3_stmt *s = stmt (self, "SELECT " INSPECTION_COLUMNS " FROM inspection ORDER BY created_at;", error);
  int rc;

  if (s == NULL)
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (list, inspection_from_row (self, s));
  if (rc != SQLITE_DONE)
    {
      sql_error (self, error, "list inspections");
      return NULL;
    }
  return g_steal_pointer (&list);
}

FwInspectionInfo *
fw_store_get_inspection (FwStore *self, const char *id, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT " INSPECTION_COLUMNS " FROM inspection WHERE id = ?1;", error);
  FwInspectionInfo *info;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   "%s: no inspection with id “%s”", self->path, id);
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

  s = stmt (self, "SELECT framework_xml, framework_id FROM inspection WHERE id = ?1;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   "%s: no inspection with id “%s”", self->path, inspection_id);
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

static gboolean
check_open (FwStore *self, const char *inspection_id, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT status FROM inspection WHERE id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   "%s: no inspection with id “%s”", self->path, inspection_id);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (s, 0), "locked") == 0)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED,
                   "the inspection is locked; unlock it to make changes");
      return FALSE;
    }
  sqlite3_reset (s);
  return TRUE;
}

/* ---------------------------------------------------------------- cases */

char *
fw_store_add_case (FwStore      *self,
                   const char   *inspection_id,
                   const char   *reference,
                   const char  **attrs,
                   GError      **error)
{
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *id = NULL;
  g_autofree char *at = NULL;
  sqlite3_stmt *s;
  const char *kind = attrs ? attrs[FW_ATTR_KIND] : NULL;
  FwCaseStatus status = FW_CASE_NOT_STARTED;

  if (!check_open (self, inspection_id, error))
    return NULL;
  if (reference == NULL || *reference == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "a case needs a reference");
      return NULL;
    }
  if ((fw = fw_store_load_framework (self, inspection_id, error)) == NULL)
    return NULL;
  if (fw_framework_find_kind (fw, kind) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "“%s” is not a case kind of framework %s", kind ? kind : "", fw_framework_get_id (fw));
      return NULL;
    }
  if (attrs[FW_ATTR_STATUS] && *attrs[FW_ATTR_STATUS]
      && !fw_case_status_from_string (attrs[FW_ATTR_STATUS], &status))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "“%s” is not a case status", attrs[FW_ATTR_STATUS]);
      return NULL;
    }

  s = stmt (self, "INSERT INTO kase (id, inspection_id, reference, kind, disposal, gender, age,"
                  " ethnicity, rosh, safety_wellbeing, case_manager, inspector, interview, status,"
                  " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15);",
            error);
  if (s == NULL)
    return NULL;
  id = g_uuid_string_random ();
  at = now_iso8601 ();
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, reference, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < FW_ATTR_STATUS; i++)
    if (attrs[i] && *attrs[i])
      sqlite3_bind_text (s, 4 + i, attrs[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 14, fw_case_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 15, at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                     "the inspection already has a case with reference “%s”", reference);
      else
        sql_error (self, error, "add case");
      sqlite3_reset (s);
      return NULL;
    }
  if (self->depth == 0)
    g_signal_emit (self, signals[CASES_CHANGED], 0, inspection_id);
  else
    mark_dirty (self, inspection_id);
  return g_steal_pointer (&id);
}

#define CASE_COLUMNS "c.id, c.reference, c.kind, c.disposal, c.gender, c.age, c.ethnicity, c.rosh," \
                     " c.safety_wellbeing, c.case_manager, c.inspector, c.interview, c.status"

static FwCase *
case_from_row (sqlite3_stmt *s)
{
  FwCase *c = g_new0 (FwCase, 1);

  c->id = column_dup (s, 0);
  c->reference = column_dup (s, 1);
  for (guint i = 0; i < FW_N_ATTRS; i++)
    c->attrs[i] = column_dup (s, 2 + i);
  return c;
}

FwCase *
fw_store_find_case (FwStore *self, const char *inspection_id, const char *reference, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT " CASE_COLUMNS " FROM kase c WHERE c.inspection_id = ?1 AND c.reference = ?2;", error);
  FwCase *c;

  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   "the inspection has no case with reference “%s”", reference);
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

  filter_append_sql (filter, sql);
  g_string_append (sql, " ORDER BY c.reference;");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &s, NULL) != SQLITE_OK)
    {
      sql_error (self, error, "list cases");
      return NULL;
    }
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  filter_bind (filter, s, &next);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (list, case_from_row (s));
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    {
      sql_error (self, error, "list cases");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The inspection and kind of a case. */
static gboolean
case_context (FwStore *self, const char *case_id, char **inspection_id, char **kind,
              char **status, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT inspection_id, kind, status FROM kase WHERE id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, "no case with id “%s”", case_id);
      return FALSE;
    }
  *inspection_id = column_dup (s, 0);
  *kind = column_dup (s, 1);
  if (status)
    *status = column_dup (s, 2);
  sqlite3_reset (s);
  return TRUE;
}

static gboolean
update_status (FwStore *self, const char *inspection_id, const char *case_id,
               const char *old_status, const char *new_status, const char *reason, GError **error)
{
  sqlite3_stmt *s = stmt (self, "UPDATE kase SET status = ?2 WHERE id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, new_status, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    return sql_error (self, error, "case status");
  return audit (self, inspection_id, case_id, NULL, "status", old_status, new_status,
                NULL, NULL, reason, error);
}

/* ---------------------------------------------------------------- answers */

gboolean
fw_store_get_answer (FwStore *self, const char *case_id, const char *item_id,
                     FwAnswer *answer, char **note, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT value, note FROM answer WHERE case_id = ?1 AND item = ?2;", error);

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
        *note = column_dup (s, 1);
    }
  sqlite3_reset (s);
  return TRUE;
}

/* The first column → the second, for a query with one bound key. */
static GHashTable *
string_map (FwStore *self, const char *sql, const char *key, GError **error)
{
  GHashTable *table;
  sqlite3_stmt *s = stmt (self, sql, error);

  if (s == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_bind_text (s, 1, key, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_hash_table_insert (table, column_dup (s, 0), column_dup (s, 1));
  sqlite3_reset (s);
  return table;
}

GHashTable *
fw_store_get_case_answers (FwStore *self, const char *case_id, GError **error)
{
  return string_map (self, "SELECT item, value FROM answer WHERE case_id = ?1;", case_id, error);
}

/* What fw_store_set_answer checks and replaces, in one query instead of
 * three: the case's inspection, kind and status, whether that inspection is
 * open, and the answer and note there were. Errors as case_context and
 * check_open give them. */
static gboolean
answer_context (FwStore *self, const char *case_id, const char *item_id, char **inspection_id,
                char **kind, char **status, FwAnswer *old_answer, char **old_note, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT k.inspection_id, k.kind, k.status, i.status, a.value, a.note"
                                " FROM kase k LEFT JOIN inspection i ON i.id = k.inspection_id"
                                " LEFT JOIN answer a ON a.case_id = k.id AND a.item = ?2 WHERE k.id = ?1;", error);
  const char *inspection_status;

  *old_answer = FW_ANSWER_NONE;
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, "no case with id “%s”", case_id);
      return FALSE;
    }
  *inspection_id = column_dup (s, 0);
  *kind = column_dup (s, 1);
  *status = column_dup (s, 2);
  inspection_status = (const char *) sqlite3_column_text (s, 3);
  if (inspection_status == NULL)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND,
                   "%s: no inspection with id “%s”", self->path, *inspection_id);
      return FALSE;
    }
  if (strcmp (inspection_status, "locked") == 0)
    {
      sqlite3_reset (s);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED,
                   "the inspection is locked; unlock it to make changes");
      return FALSE;
    }
  fw_answer_from_string ((const char *) sqlite3_column_text (s, 4), old_answer);
  *old_note = column_dup (s, 5);
  sqlite3_reset (s);
  return TRUE;
}

/* fw-import applies a whole file as one all-or-nothing change: while it
 * does, it marks the store with this (g_object_set_qdata) and it rolls the
 * whole file back if any row fails. An answer saved inside such a change
 * needs no savepoint of its own to be undone on failure, and the savepoint
 * made SQLite copy every page the answer touched: a fifth of an import.
 * Nothing else sets the mark. */
static gboolean
all_or_nothing (FwStore *self)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("fw-store-all-or-nothing");
  return g_object_get_qdata (G_OBJECT (self), quark) != NULL;
}

/* A random (version 4) UUID, as g_uuid_string_random () writes it, without
 * its printf: one is made for every answer saved. */
static char *
random_uuid (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *out = g_malloc (37), *p = out;

  for (guint i = 0; i < 4; i++)
    {
      guint32 r = g_random_int ();
      memcpy (bytes + 4 * i, &r, sizeof r);
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
fw_store_set_answer (FwStore     *self,
                     const char  *case_id,
                     const char  *item_id,
                     FwAnswer     answer,
                     const char  *note,
                     const char  *action,
                     GError     **error)
{
  g_autofree char *inspection_id = NULL, *kind_id = NULL, *status = NULL;
  g_autofree char *old_note = NULL;
  g_autofree char *at = NULL;
  g_autoptr(FwFramework) fw = NULL;
  FwQuestion *question = NULL;
  FwPrompt *prompt = NULL;
  FwAnswer old_answer;
  gboolean na_allowed;
  gboolean own_transaction;
  sqlite3_stmt *s;

  if (note != NULL && *note == '\0')
    note = NULL;

  if (!answer_context (self, case_id, item_id, &inspection_id, &kind_id, &status, &old_answer, &old_note, error)
      || (fw = fw_store_load_framework (self, inspection_id, error)) == NULL)
    return FALSE;

  if (!fw_framework_find_item (fw, item_id, &question, &prompt))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "“%s” is not a key question or prompt of framework %s", item_id, fw_framework_get_id (fw));
      return FALSE;
    }
  na_allowed = prompt ? prompt->na_allowed : question->na_allowed;
  if (prompt)
    question = prompt->question;
  if (!fw_question_applies_to (question, fw_framework_find_kind (fw, kind_id)))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "question %s is not answered for %s cases", item_id, kind_id);
      return FALSE;
    }
  if (answer == FW_ANSWER_NA && !na_allowed)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "question %s cannot be answered “not applicable”", item_id);
      return FALSE;
    }

  if (old_answer == answer && g_strcmp0 (old_note, note) == 0)
    return TRUE;

  /* the answer, its audit entry and the case's status change go together */
  own_transaction = self->depth == 0 || !all_or_nothing (self);
  if (own_transaction && !fw_store_begin (self, error))
    return FALSE;
  if (!own_transaction)
    bulk_begin (self);

  at = now_iso8601 ();
  if (answer == FW_ANSWER_NONE)
    {
      s = stmt (self, "DELETE FROM answer WHERE case_id = ?1 AND item = ?2;", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
    }
  else
    {
      g_autofree char *id = random_uuid ();

      s = stmt (self, "INSERT INTO answer (id, case_id, item, value, note, who, at)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                      " ON CONFLICT (case_id, item) DO UPDATE SET value = excluded.value,"
                      " note = excluded.note, who = excluded.who, at = excluded.at;", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 3, item_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, fw_answer_to_string (answer), -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 5, note, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 6, self->user, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 7, at, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sql_error (self, error, "save answer");
      sqlite3_reset (s);
      goto fail;
    }
  sqlite3_reset (s);
  if (!audit (self, inspection_id, case_id, item_id, action ? action : "answer",
              old_answer ? fw_answer_to_string (old_answer) : NULL,
              answer ? fw_answer_to_string (answer) : NULL, old_note, note, NULL, error))
    goto fail;
  if (g_strcmp0 (status, "not-started") == 0 && answer != FW_ANSWER_NONE
      && !update_status (self, inspection_id, case_id, status, "in-progress", NULL, error))
    goto fail;
  if (own_transaction && !fw_store_commit (self, error))
    return FALSE;

  /* inside a larger change, listeners hear of it once it is committed */
  if (self->depth == 0)
    g_signal_emit (self, signals[ANSWER_CHANGED], 0, case_id, item_id, (int) old_answer, (int) answer);
  else
    mark_dirty (self, inspection_id);
  return TRUE;

fail:
  if (own_transaction)
    fw_store_rollback (self);
  return FALSE;
}

/* ---------------------------------------------------------------- judgements */

gboolean
fw_store_set_judgement (FwStore *self, const char *inspection_id, const char *standard_id,
                        const char *band_id, const char *rationale, GError **error)
{
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *at = NULL, *old_band = NULL, *old_rationale = NULL;
  FwStandard *standard;
  sqlite3_stmt *s;

  if (!check_open (self, inspection_id, error)
      || (fw = fw_store_load_framework (self, inspection_id, error)) == NULL)
    return FALSE;
  standard = fw_framework_find_standard (fw, standard_id);
  if (standard == NULL || standard->rule != FW_RULE_JUDGED)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   standard ? "standard %s is rated from its cases, not judged"
                            : "“%s” is not a standard of this framework", standard_id);
      return FALSE;
    }
  if (band_id != NULL && fw_framework_find_band (fw, band_id) == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "“%s” is not a rating of framework %s", band_id, fw_framework_get_id (fw));
      return FALSE;
    }

  s = stmt (self, "SELECT band, rationale FROM judgement WHERE inspection_id = ?1 AND standard = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, standard_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      old_band = column_dup (s, 0);
      old_rationale = column_dup (s, 1);
    }
  sqlite3_reset (s);

  if (!fw_store_begin (self, error))
    return FALSE;
  at = now_iso8601 ();
  if (band_id == NULL)
    s = stmt (self, "DELETE FROM judgement WHERE inspection_id = ?1 AND standard = ?2;", error);
  else
    s = stmt (self, "INSERT INTO judgement (inspection_id, standard, band, rationale, who, at)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (inspection_id, standard) DO UPDATE"
                    " SET band = excluded.band, rationale = excluded.rationale, who = excluded.who,"
                    " at = excluded.at;", error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, standard_id, -1, SQLITE_TRANSIENT);
  if (band_id != NULL)
    {
      sqlite3_bind_text (s, 3, band_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 4, rationale, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 5, self->user, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 6, at, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sql_error (self, error, "save judgement");
      goto fail;
    }
  if (!audit (self, inspection_id, NULL, standard_id, "judgement", old_band, band_id,
              old_rationale, rationale, NULL, error))
    goto fail;
  return fw_store_commit (self, error);

fail:
  fw_store_rollback (self);
  return FALSE;
}

GHashTable *
fw_store_get_judgements (FwStore *self, const char *inspection_id, GError **error)
{
  return string_map (self, "SELECT standard, band FROM judgement WHERE inspection_id = ?1;", inspection_id, error);
}

/* ---------------------------------------------------------------- counting */

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
  filter_append_sql (filter, sql);
  g_string_append (sql, " GROUP BY c.kind;");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &s, NULL) != SQLITE_OK)
    return sql_error (self, error, "count cases");
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  next = 2;
  filter_bind (filter, s, &next);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwKind *kind = fw_framework_find_kind (framework, (const char *) sqlite3_column_text (s, 0));
      if (kind)
        tally->cases_of_kind[kind->index] += sqlite3_column_int (s, 1);
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return sql_error (self, error, "count cases");

  /* answers per key question, counted here: a GROUP BY made SQLite sort
   * every answer of the inspection, two thirds of the time of the query */
  g_string_assign (sql, "SELECT a.item, a.value FROM kase c JOIN answer a ON a.case_id = c.id"
                        " WHERE c.inspection_id = ?");
  filter_append_sql (filter, sql);
  g_string_append (sql, ";");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &s, NULL) != SQLITE_OK)
    return sql_error (self, error, "count answers");
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  next = 2;
  filter_bind (filter, s, &next);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      FwQuestion *q = NULL;
      FwAnswer answer;
      guint *slot;

      fw_framework_find_item (framework, (const char *) sqlite3_column_text (s, 0), &q, NULL);
      if (q == NULL || q->index < 0)
        continue;   /* a prompt, or guidance */
      fw_answer_from_string ((const char *) sqlite3_column_text (s, 1), &answer);
      if ((slot = tally_slot (tally, q->index, answer)))
        (*slot)++;
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return sql_error (self, error, "count answers");
  return TRUE;
}

guint
fw_store_count_audit (FwStore *self, const char *inspection_id, GError **error)
{
  sqlite3_stmt *s = stmt (self, "SELECT count(*) FROM audit WHERE inspection_id = ?1;", error);
  guint n = 0;

  if (s == NULL)
    return 0;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    n = sqlite3_column_int (s, 0);
  sqlite3_reset (s);
  return n;
}

GHashTable *
fw_store_count_answered (FwStore *self, const char *inspection_id, FwFramework *framework, GError **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* no ORDER BY (a sort of every answer): the rows of a case come together
   * anyway, and are counted in a run before they go into the table */
  sqlite3_stmt *s = stmt (self, "SELECT a.case_id, a.item FROM kase c JOIN answer a ON a.case_id = c.id"
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
      sql_error (self, error, "count answers");
      return NULL;
    }
  return g_steal_pointer (&counts);
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

/* ---------------------------------------------------------------- review */

const char *
fw_practice_to_string (FwPractice practice)
{
  switch (practice)
    {
    case FW_PRACTICE_GOOD: return "good";
    case FW_PRACTICE_POOR: return "poor";
    case FW_PRACTICE_NONE:
    default: return NULL;
    }
}

void
fw_answer_row_free (FwAnswerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_id);
  g_free (row->reference);
  g_free (row->kind);
  g_free (row->item);
  g_free (row->note);
  g_free (row->who);
  g_free (row->at);
  g_free (row);
}

void
fw_review_comment_free (FwReviewComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->id);
  g_free (comment->case_id);
  g_free (comment->item);
  g_free (comment->comment);
  g_free (comment->who);
  g_free (comment->at);
  g_free (comment);
}

void
fw_audit_entry_free (FwAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->case_id);
  g_free (entry->reference);
  g_free (entry->item);
  g_free (entry->action);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->old_note);
  g_free (entry->new_note);
  g_free (entry->reason);
  g_free (entry);
}

gboolean
fw_case_status_can_move (FwCaseStatus from, FwCaseStatus to)
{
  switch (to)
    {
    case FW_CASE_NOT_STARTED:
      return FALSE;
    case FW_CASE_IN_PROGRESS:
      return from == FW_CASE_NOT_STARTED || from == FW_CASE_COMPLETE || from == FW_CASE_RETURNED;
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
fw_store_move_case (FwStore *self, const char *case_id, FwCaseStatus to, const char *comment, GError **error)
{
  g_autofree char *inspection_id = NULL, *kind = NULL, *old_status = NULL;
  FwCaseStatus from = FW_CASE_NOT_STARTED;

  if (!case_context (self, case_id, &inspection_id, &kind, &old_status, error))
    return FALSE;
  if (!check_open (self, inspection_id, error))
    return FALSE;
  fw_case_status_from_string (old_status, &from);
  if (from == to)
    return TRUE;
  if (!fw_case_status_can_move (from, to))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "a case that is “%s” cannot become “%s”", fw_case_status_title (from), fw_case_status_title (to));
      return FALSE;
    }
  if (to == FW_CASE_RETURNED && (comment == NULL || *comment == '\0'))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "say why the case is returned to its inspector");
      return FALSE;
    }
  if (!fw_store_begin (self, error))
    return FALSE;
  if (!update_status (self, inspection_id, case_id, old_status, fw_case_status_to_string (to), comment, error))
    {
      fw_store_rollback (self);
      return FALSE;
    }
  return fw_store_commit (self, error);
}

gboolean
fw_store_set_practice (FwStore *self, const char *case_id, const char *item_id, FwPractice practice,
                       GError **error)
{
  g_autofree char *inspection_id = NULL, *kind = NULL, *old = NULL;
  sqlite3_stmt *s;
  gboolean found = FALSE;

  if (!case_context (self, case_id, &inspection_id, &kind, NULL, error) || !check_open (self, inspection_id, error))
    return FALSE;
  s = stmt (self, "SELECT practice FROM answer WHERE case_id = ?1 AND item = ?2;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      found = TRUE;
      old = column_dup (s, 0);
    }
  sqlite3_reset (s);
  if (!found)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   "%s has no answer yet; answer it before flagging its note as a practice example", item_id);
      return FALSE;
    }
  if (!fw_store_begin (self, error))
    return FALSE;
  s = stmt (self, "UPDATE answer SET practice = ?3 WHERE case_id = ?1 AND item = ?2;", error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, item_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, fw_practice_to_string (practice), -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sql_error (self, error, "practice example");
      goto fail;
    }
  if (!audit (self, inspection_id, case_id, item_id, "practice", old, fw_practice_to_string (practice),
              NULL, NULL, NULL, error))
    goto fail;
  return fw_store_commit (self, error);

fail:
  fw_store_rollback (self);
  return FALSE;
}

gboolean
fw_store_add_review_comment (FwStore *self, const char *case_id, const char *item_id, const char *comment,
                             GError **error)
{
  g_autofree char *inspection_id = NULL, *kind = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *at = now_iso8601 ();
  sqlite3_stmt *s;

  if (comment == NULL || *comment == '\0')
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "the comment is empty");
      return FALSE;
    }
  if (!case_context (self, case_id, &inspection_id, &kind, NULL, error) || !check_open (self, inspection_id, error))
    return FALSE;
  if (!fw_store_begin (self, error))
    return FALSE;
  s = stmt (self, "INSERT INTO review_comment (id, case_id, item, comment, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6);",
            error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_text (s, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, case_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, item_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 5, self->user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 6, at, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sql_error (self, error, "review comment");
      goto fail;
    }
  if (!audit (self, inspection_id, case_id, item_id, "comment", NULL, NULL, NULL, comment, NULL, error))
    goto fail;
  return fw_store_commit (self, error);

fail:
  fw_store_rollback (self);
  return FALSE;
}

GPtrArray *
fw_store_list_review_comments (FwStore *self, const char *case_id, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_review_comment_free);
  sqlite3_stmt *s = stmt (self, "SELECT id, case_id, item, comment, who, at, resolved FROM review_comment"
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

      c->id = column_dup (s, 0);
      c->case_id = column_dup (s, 1);
      c->item = column_dup (s, 2);
      c->comment = column_dup (s, 3);
      c->who = column_dup (s, 4);
      c->at = column_dup (s, 5);
      c->resolved = sqlite3_column_int (s, 6) != 0;
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (s);
  return list;
}

gboolean
fw_store_is_locked (FwStore *self, const char *inspection_id)
{
  g_autoptr(GError) error = NULL;

  check_open (self, inspection_id, &error);
  return g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
}

gboolean
fw_store_set_locked (FwStore *self, const char *inspection_id, gboolean locked, const char *reason, GError **error)
{
  g_autoptr(FwInspectionInfo) info = fw_store_get_inspection (self, inspection_id, error);
  const char *status = locked ? "locked" : "open";
  sqlite3_stmt *s;

  if (info == NULL)
    return FALSE;
  if (g_strcmp0 (info->status, status) == 0)
    return TRUE;
  if (!locked && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "say why the inspection is unlocked");
      return FALSE;
    }
  if (!fw_store_begin (self, error))
    return FALSE;
  s = stmt (self, "UPDATE inspection SET status = ?2 WHERE id = ?1;", error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, status, -1, SQLITE_STATIC);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sql_error (self, error, "lock");
      goto fail;
    }
  if (!audit (self, inspection_id, NULL, NULL, locked ? "lock" : "unlock", info->status, status,
              NULL, NULL, reason, error))
    goto fail;
  return fw_store_commit (self, error);

fail:
  fw_store_rollback (self);
  return FALSE;
}

GPtrArray *
fw_store_list_answers (FwStore *self, const char *inspection_id, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_answer_row_free);
  sqlite3_stmt *s = stmt (self, "SELECT c.id, c.reference, c.kind, a.item, a.value, a.note, a.practice, a.who, a.at"
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

      row->case_id = column_dup (s, 0);
      row->reference = column_dup (s, 1);
      row->kind = column_dup (s, 2);
      row->item = column_dup (s, 3);
      fw_answer_from_string ((const char *) sqlite3_column_text (s, 4), &row->answer);
      row->note = column_dup (s, 5);
      row->practice = g_strcmp0 (practice, "good") == 0 ? FW_PRACTICE_GOOD
                    : g_strcmp0 (practice, "poor") == 0 ? FW_PRACTICE_POOR : FW_PRACTICE_NONE;
      row->who = column_dup (s, 7);
      row->at = column_dup (s, 8);
      g_ptr_array_add (list, row);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (list);
      sql_error (self, error, "list answers");
      return NULL;
    }
  return list;
}

GPtrArray *
fw_store_list_audit (FwStore *self, const char *inspection_id, const char *case_id, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_audit_entry_free);
  sqlite3_stmt *s = stmt (self, "SELECT a.at, a.who, a.case_id, c.reference, a.item, a.action, a.old_value,"
                                " a.new_value, a.old_note, a.new_note, a.reason"
                                " FROM audit a LEFT JOIN kase c ON c.id = a.case_id"
                                " WHERE a.inspection_id = ?1 AND (?2 IS NULL OR a.case_id = ?2) ORDER BY a.id;",
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

      e->at = column_dup (s, 0);
      e->who = column_dup (s, 1);
      e->case_id = column_dup (s, 2);
      e->reference = column_dup (s, 3);
      e->item = column_dup (s, 4);
      e->action = column_dup (s, 5);
      e->old_value = column_dup (s, 6);
      e->new_value = column_dup (s, 7);
      e->old_note = column_dup (s, 8);
      e->new_note = column_dup (s, 9);
      e->reason = column_dup (s, 10);
      g_ptr_array_add (list, e);
    }
  sqlite3_reset (s);
  return list;
}

GHashTable *
fw_store_get_rationales (FwStore *self, const char *inspection_id, GError **error)
{
  return string_map (self, "SELECT standard, rationale FROM judgement WHERE inspection_id = ?1 AND rationale IS NOT NULL;", inspection_id, error);
}

GHashTable *
fw_store_get_case_practice (FwStore *self, const char *case_id, GError **error)
{
  return string_map (self, "SELECT item, practice FROM answer WHERE case_id = ?1 AND practice IS NOT NULL;", case_id, error);
}
