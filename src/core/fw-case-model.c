/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-case-model-private.h"
#include "fw-case-item-private.h"
#include "fw-error.h"
#include "fw-store-private.h"

/* One case as the model holds it before anyone asks for its item. */
typedef struct {
  char         *id;
  char         *reference;
  char         *kind;
  char         *inspector;
  FwCaseStatus  status;
  int           answered;     /* key questions answered; -1: not counted yet */
  GHashTable   *attributes;   /* the framework's attributes, once read for every case; NULL: none */
  FwCaseItem   *item;         /* once made */
  guint         position;
} Row;

struct _FwCaseModel {
  GObject      parent_instance;
  FwStore     *store;
  FwFramework *framework;
  char        *inspection_id;
  GPtrArray   *rows;          /* Row*, by reference */
  GHashTable  *by_id;         /* id → Row* (borrowed) */
  GHashTable  *applicable;    /* kind id → number of key questions */
  gboolean     attributes_read;
  gboolean     answered_read;
  guint        n_made;        /* items made one by one since the rows were read */
};

/* After this many items made one by one (someone goes through the whole
 * list), the rest are read in bulk: one query instead of two per case. */
#define MADE_ONE_BY_ONE 400

static void fw_case_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FwCaseModel, fw_case_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, fw_case_model_list_model_init))

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->id);
  g_free (row->reference);
  g_free (row->kind);
  g_free (row->inspector);
  g_clear_pointer (&row->attributes, g_hash_table_unref);
  g_clear_object (&row->item);
  g_free (row);
}

static Row *
row_from_statement (sqlite3_stmt *s)
{
  Row *row = g_new0 (Row, 1);

  row->id = fw_column_dup (s, 0);
  row->reference = fw_column_dup (s, 1);
  row->kind = fw_column_dup (s, 2);
  row->inspector = fw_column_dup (s, 3);
  fw_case_status_from_string ((const char *) sqlite3_column_text (s, 4), &row->status);
  row->answered = -1;
  return row;
}

static void
renumber (FwCaseModel *self, guint from)
{
  for (guint i = from; i < self->rows->len; i++)
    ((Row *) g_ptr_array_index (self->rows, i))->position = i;
}

static Row *
row_at (FwCaseModel *self, guint position)
{
  g_return_val_if_fail (position < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, position);
}

/* ---------------------------------------------------------------- reading */

static guint
applicable_questions (FwCaseModel *self, const char *kind_id)
{
  gpointer n;

  if (kind_id == NULL)
    return 0;
  if (!g_hash_table_lookup_extended (self->applicable, kind_id, NULL, &n))
    {
      FwKind *kind = fw_framework_find_kind (self->framework, kind_id);
      GPtrArray *questions = fw_framework_get_questions (self->framework);
      guint count = 0;

      for (guint i = 0; i < questions->len; i++)
        if (fw_question_applies_to (g_ptr_array_index (questions, i), kind))
          count++;
      n = GUINT_TO_POINTER (count);
      g_hash_table_insert (self->applicable, g_strdup (kind_id), n);
    }
  return GPOINTER_TO_UINT (n);
}

static gboolean
is_key_question (FwCaseModel *self, const char *item_id)
{
  FwQuestion *q = NULL;

  fw_framework_find_item (self->framework, item_id, &q, NULL);
  return q != NULL && q->index >= 0;
}

/* The framework's attributes of every case, in one query. */
static void
read_attributes (FwCaseModel *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *s;
  int rc;

  if (self->attributes_read)
    return;
  self->attributes_read = TRUE;
  s = fw_store_stmt (self->store, "SELECT a.case_id, a.attribute, a.value FROM case_attribute a"
                                  " JOIN kase c ON c.id = a.case_id WHERE c.inspection_id = ?1;", &error);
  if (s == NULL)
    {
      g_warning ("reading the cases' attributes: %s", error->message);
      return;
    }
  sqlite3_bind_text (s, 1, self->inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      Row *row = g_hash_table_lookup (self->by_id, sqlite3_column_text (s, 0));
      const char *value = (const char *) sqlite3_column_text (s, 2);

      if (row == NULL || value == NULL || *value == '\0')
        continue;
      if (row->attributes == NULL)
        row->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (row->attributes, g_strdup ((const char *) sqlite3_column_text (s, 1)), g_strdup (value));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    g_warning ("reading the cases' attributes: %s", sqlite3_errmsg (self->store->db));
}

/* The answers to key questions of every case not counted yet, in one query. */
static void
read_answered (FwCaseModel *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *s;
  Row *run = NULL;
  int rc;

  if (self->answered_read)
    return;
  self->answered_read = TRUE;
  s = fw_store_stmt (self->store, "SELECT a.case_id, a.item FROM kase c JOIN answer a ON a.case_id = c.id"
                                  " WHERE c.inspection_id = ?1;", &error);
  if (s == NULL)
    {
      g_warning ("counting answers: %s", error->message);
      return;
    }
  /* no ORDER BY (a sort of every answer): the rows of a case come together.
   * Those counted already (their items follow the changes) keep their count;
   * the others count down from -2 meanwhile. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      if (row->answered < 0)
        row->answered = -2;
    }
  sqlite3_bind_text (s, 1, self->inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *case_id = (const char *) sqlite3_column_text (s, 0);

      if (run == NULL || strcmp (run->id, case_id) != 0)
        run = g_hash_table_lookup (self->by_id, case_id);
      if (run != NULL && run->answered < -1 && is_key_question (self, (const char *) sqlite3_column_text (s, 1)))
        run->answered--;
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    g_warning ("counting answers: %s", sqlite3_errmsg (self->store->db));
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      if (row->answered < -1)
        row->answered = -2 - row->answered;
    }
}

/* The answers to key questions of one case. */
static guint
count_answered (FwCaseModel *self, Row *row)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *s = fw_store_stmt (self->store, "SELECT item FROM answer WHERE case_id = ?1;", &error);
  guint n = 0;

  if (s == NULL)
    {
      g_warning ("counting answers: %s", error->message);
      return 0;
    }
  sqlite3_bind_text (s, 1, row->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    n += is_key_question (self, (const char *) sqlite3_column_text (s, 0));
  sqlite3_reset (s);
  return n;
}

static FwCase *
case_of_row (FwCaseModel *self, Row *row)
{
  FwCase *c = fw_case_new ();

  c->id = g_strdup (row->id);
  c->reference = g_strdup (row->reference);
  c->kind = g_strdup (row->kind);
  c->inspector = g_strdup (row->inspector);
  c->status = g_strdup (fw_case_status_to_string (row->status));
  if (self->attributes_read)
    {
      GHashTableIter iter;
      gpointer key, value;

      if (row->attributes)
        {
          g_hash_table_iter_init (&iter, row->attributes);
          while (g_hash_table_iter_next (&iter, &key, &value))
            fw_case_set_attr (c, key, value);
        }
    }
  else
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *s = fw_store_stmt (self->store, "SELECT attribute, value FROM case_attribute WHERE case_id = ?1;",
                                       &error);

      if (s == NULL)
        g_warning ("a case's attributes: %s", error->message);
      else
        {
          sqlite3_bind_text (s, 1, row->id, -1, SQLITE_TRANSIENT);
          while (sqlite3_step (s) == SQLITE_ROW)
            fw_case_set_attr (c, (const char *) sqlite3_column_text (s, 0), (const char *) sqlite3_column_text (s, 1));
          sqlite3_reset (s);
        }
    }
  return c;
}

static FwCaseItem *
item_of_row (FwCaseModel *self, Row *row)
{
  if (row->item == NULL)
    {
      FwKind *kind = fw_framework_find_kind (self->framework, row->kind);

      if (++self->n_made > MADE_ONE_BY_ONE)
        {
          read_attributes (self);
          read_answered (self);
        }
      if (row->answered < 0)
        row->answered = count_answered (self, row);
      row->item = fw_case_item_new (case_of_row (self, row), kind ? kind->title : row->kind, row->answered,
                                    applicable_questions (self, row->kind));
    }
  return row->item;
}

/* ---------------------------------------------------------------- GListModel */

static GType
fw_case_model_get_item_type (GListModel *list)
{
  return FW_TYPE_CASE_ITEM;
}

static guint
fw_case_model_get_n_items (GListModel *list)
{
  return FW_CASE_MODEL (list)->rows->len;
}

static gpointer
fw_case_model_get_item (GListModel *list, guint position)
{
  FwCaseModel *self = FW_CASE_MODEL (list);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (item_of_row (self, g_ptr_array_index (self->rows, position)));
}

static void
fw_case_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fw_case_model_get_item_type;
  iface->get_n_items = fw_case_model_get_n_items;
  iface->get_item = fw_case_model_get_item;
}

/* ---------------------------------------------------------------- object */

static void
fw_case_model_dispose (GObject *object)
{
  FwCaseModel *self = FW_CASE_MODEL (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (fw_case_model_parent_class)->dispose (object);
}

static void
fw_case_model_finalize (GObject *object)
{
  FwCaseModel *self = FW_CASE_MODEL (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->applicable, g_hash_table_unref);
  g_clear_pointer (&self->framework, fw_framework_unref);
  g_free (self->inspection_id);
  G_OBJECT_CLASS (fw_case_model_parent_class)->finalize (object);
}

static void
fw_case_model_class_init (FwCaseModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fw_case_model_dispose;
  object_class->finalize = fw_case_model_finalize;
}

static void
fw_case_model_init (FwCaseModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->applicable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---------------------------------------------------------------- the session's */

FwCaseModel *
fw_case_model_new (FwStore *store, FwFramework *framework, const char *inspection_id)
{
  FwCaseModel *self = g_object_new (FW_TYPE_CASE_MODEL, NULL);

  self->store = g_object_ref (store);
  self->framework = fw_framework_ref (framework);
  self->inspection_id = g_strdup (inspection_id);
  return self;
}

gboolean
fw_case_model_reload (FwCaseModel *self, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (self->store, "SELECT id, reference, kind, inspector, status FROM kase"
                                                " WHERE inspection_id = ?1 ORDER BY reference;", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  guint removed = self->rows->len;
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, self->inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_statement (s));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (self->store, error, "list cases");

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      row->position = i;
      g_hash_table_insert (self->by_id, row->id, row);
    }
  self->attributes_read = FALSE;
  self->answered_read = FALSE;
  self->n_made = 0;
  if (removed > 0 || self->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);
  return TRUE;
}

gboolean
fw_case_model_contains (FwCaseModel *self, const char *case_id)
{
  return case_id != NULL && g_hash_table_contains (self->by_id, case_id);
}

FwCaseItem *
fw_case_model_find (FwCaseModel *self, const char *case_id, guint *position)
{
  Row *row = case_id ? g_hash_table_lookup (self->by_id, case_id) : NULL;

  if (row == NULL)
    return NULL;
  if (position)
    *position = row->position;
  return item_of_row (self, row);
}

const FwCase *
fw_case_model_get_case (FwCaseModel *self, const char *case_id)
{
  FwCaseItem *item = fw_case_model_find (self, case_id, NULL);

  return item ? fw_case_item_get_case (item) : NULL;
}

gboolean
fw_case_model_add (FwCaseModel *self, const char *case_id, GError **error)
{
  sqlite3_stmt *s;
  Row *row;
  guint lo = 0, hi = self->rows->len;
  int rc;

  if (fw_case_model_contains (self, case_id))
    return TRUE;
  s = fw_store_stmt (self->store, "SELECT id, reference, kind, inspector, status FROM kase WHERE id = ?1;", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (s)) != SQLITE_ROW)
    {
      sqlite3_reset (s);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("no case with id “%s”"), case_id);
          return FALSE;
        }
      return fw_store_sql_error (self->store, error, "a new case");
    }
  row = row_from_statement (s);
  sqlite3_reset (s);
  row->answered = 0;
  /* by reference, as SQLite orders them (bytes) */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (strcmp (((Row *) g_ptr_array_index (self->rows, mid))->reference, row->reference) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_ptr_array_insert (self->rows, lo, row);
  g_hash_table_insert (self->by_id, row->id, row);
  renumber (self, lo);
  if (self->attributes_read)
    {
      /* its attributes, as one case's */
      g_autoptr(FwCase) c = fw_store_get_case (self->store, case_id, NULL);
      GHashTableIter iter;
      gpointer key, value;

      if (c && g_hash_table_size (c->attributes) > 0)
        {
          row->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_iter_init (&iter, c->attributes);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_hash_table_insert (row->attributes, g_strdup (key), g_strdup (value));
        }
    }
  g_list_model_items_changed (G_LIST_MODEL (self), lo, 0, 1);
  return TRUE;
}

void
fw_case_model_set_status (FwCaseModel *self, const char *case_id, FwCaseStatus status)
{
  Row *row = g_hash_table_lookup (self->by_id, case_id);

  if (row == NULL)
    return;
  row->status = status;
  if (row->item)
    fw_case_item_set_status (row->item, status);
}

void
fw_case_model_add_answered (FwCaseModel *self, const char *case_id, int delta)
{
  Row *row = g_hash_table_lookup (self->by_id, case_id);

  if (row == NULL || row->answered < 0)
    return;   /* not counted yet: it will be, from the store */
  if (delta < 0 && row->answered == 0)
    return;
  row->answered += delta;
  if (row->item)
    fw_case_item_add_answered (row->item, delta);
}

gboolean
fw_case_model_update (FwCaseModel *self, const char *case_id, GError **error)
{
  Row *row = g_hash_table_lookup (self->by_id, case_id);
  FwCase *c;
  GHashTableIter iter;
  gpointer key, value;

  if (row == NULL)
    return TRUE;
  if ((c = fw_store_get_case (self->store, case_id, error)) == NULL)
    return FALSE;
  /* the reference does not change: the order stays */
  g_free (row->kind);
  row->kind = g_strdup (c->kind);
  g_free (row->inspector);
  row->inspector = g_strdup (c->inspector);
  fw_case_status_from_string (c->status, &row->status);
  g_clear_pointer (&row->attributes, g_hash_table_unref);
  if (g_hash_table_size (c->attributes) > 0)
    {
      row->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, c->attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (row->attributes, g_strdup (key), g_strdup (value));
    }
  if (row->item)
    fw_case_item_set_case (row->item, c);
  else
    fw_case_free (c);
  return TRUE;
}

/* ---------------------------------------------------------------- by position */

const char *
fw_case_model_get_id (FwCaseModel *self, guint position)
{
  g_return_val_if_fail (FW_IS_CASE_MODEL (self), NULL);
  return row_at (self, position)->id;
}

const char *
fw_case_model_get_reference (FwCaseModel *self, guint position)
{
  g_return_val_if_fail (FW_IS_CASE_MODEL (self), NULL);
  return row_at (self, position)->reference;
}

const char *
fw_case_model_get_attr (FwCaseModel *self, guint position, const char *id)
{
  Row *row;

  g_return_val_if_fail (FW_IS_CASE_MODEL (self) && id != NULL, NULL);
  row = row_at (self, position);
  if (row->item)
    return fw_case_item_get_attr (row->item, id);
  if (strcmp (id, FW_CASE_FIELD_KIND) == 0)
    return row->kind;
  if (strcmp (id, FW_CASE_FIELD_INSPECTOR) == 0)
    return row->inspector;
  if (strcmp (id, FW_CASE_FIELD_STATUS) == 0)
    return fw_case_status_to_string (row->status);
  read_attributes (self);
  return row->attributes ? g_hash_table_lookup (row->attributes, id) : NULL;
}

const char *
fw_case_model_get_kind_title (FwCaseModel *self, guint position)
{
  Row *row;
  FwKind *kind;

  g_return_val_if_fail (FW_IS_CASE_MODEL (self), NULL);
  row = row_at (self, position);
  kind = fw_framework_find_kind (self->framework, row->kind);
  return kind ? kind->title : row->kind;
}

FwCaseStatus
fw_case_model_get_status (FwCaseModel *self, guint position)
{
  g_return_val_if_fail (FW_IS_CASE_MODEL (self), FW_CASE_NOT_STARTED);
  return row_at (self, position)->status;
}

guint
fw_case_model_get_answered (FwCaseModel *self, guint position)
{
  Row *row;

  g_return_val_if_fail (FW_IS_CASE_MODEL (self), 0);
  row = row_at (self, position);
  if (row->item)
    return fw_case_item_get_answered (row->item);
  if (row->answered < 0)
    read_answered (self);
  return MAX (row->answered, 0);
}

guint
fw_case_model_get_applicable (FwCaseModel *self, guint position)
{
  g_return_val_if_fail (FW_IS_CASE_MODEL (self), 0);
  return applicable_questions (self, row_at (self, position)->kind);
}

FwCaseItem *
fw_case_model_peek_item (FwCaseModel *self, guint position)
{
  g_return_val_if_fail (FW_IS_CASE_MODEL (self), NULL);
  return position < self->rows->len ? row_at (self, position)->item : NULL;
}

guint
fw_case_model_count_complete (FwCaseModel *self)
{
  guint n = 0;

  g_return_val_if_fail (FW_IS_CASE_MODEL (self), 0);
  for (guint i = 0; i < self->rows->len; i++)
    {
      FwCaseStatus status = ((Row *) g_ptr_array_index (self->rows, i))->status;
      n += status >= FW_CASE_COMPLETE && status != FW_CASE_RETURNED;
    }
  return n;
}

GPtrArray *
fw_case_model_dup_values (FwCaseModel *self, const char *id)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (FW_IS_CASE_MODEL (self) && id != NULL, values);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const char *value = fw_case_model_get_attr (self, i, id);

      if (value == NULL || *value == '\0' || g_hash_table_contains (seen, value))
        continue;
      g_ptr_array_add (values, g_strdup (value));
      g_hash_table_add (seen, g_ptr_array_index (values, values->len - 1));
    }
  return values;
}
