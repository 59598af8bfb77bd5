/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* The population a sample is drawn from: stored, imported, read back. */

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-draw-private.h"
#include "fw-csv.h"
#include "fw-error.h"
#include "fw-sampling.h"
#include "fw-store-private.h"

/* ---------------------------------------------------------------- the population */


void
fw_draw_pop_case_free (PopCase *c)
{
  g_free (c->reference);
  g_free (c->kind);
  g_free (c->case_manager);
  g_free (c->excluded);
  g_clear_pointer (&c->attributes, g_hash_table_unref);
  g_free (c->values);
  g_free (c);
}

gboolean
fw_draw_step_done (FwStore *store, sqlite3_stmt *s, const char *what, GError **error)
{
  int rc = sqlite3_step (s);

  sqlite3_reset (s);
  return rc == SQLITE_DONE || fw_store_sql_error (store, error, what);
}

int
fw_draw_compare_reference (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(PopCase * const *) a)->reference, (*(PopCase * const *) b)->reference);
}

/* The population by reference, in reference order. */
GPtrArray *
fw_draw_load_population (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_draw_pop_case_free);
  g_autoptr(GHashTable) by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *s;
  int rc;

  s = fw_store_stmt (store, "SELECT reference, kind, case_manager, excluded FROM population"
                            " WHERE inspection_id = ?1 ORDER BY reference;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      PopCase *c = g_new0 (PopCase, 1);

      c->reference = fw_column_dup (s, 0);
      c->kind = fw_column_dup (s, 1);
      c->case_manager = fw_column_dup (s, 2);
      c->excluded = fw_column_dup (s, 3);
      c->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_ptr_array_add (list, c);
      g_hash_table_insert (by_ref, c->reference, c);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (store, error, "population");
      return NULL;
    }
  /* reference order by bytes, whatever SQLite's collation: a draw depends on it */
  g_ptr_array_sort (list, fw_draw_compare_reference);
  s = fw_store_stmt (store, "SELECT reference, attribute, value FROM population_attribute"
                            " WHERE inspection_id = ?1;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      PopCase *c = g_hash_table_lookup (by_ref, sqlite3_column_text (s, 0));

      if (c)
        g_hash_table_insert (c->attributes, fw_column_dup (s, 1), fw_column_dup (s, 2));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (store, error, "population attributes");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Whether the inspection's sample is drawn. */
gboolean
fw_draw_is_drawn (FwStore *store, const char *inspection_id, gboolean *drawn, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (store, "SELECT 1 FROM draw WHERE inspection_id = ?1;", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  *drawn = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fw_store_sql_error (store, error, "draw");
}

/* ---------------------------------------------------------------- import */

enum { COL_REFERENCE, COL_KIND, COL_CASE_MANAGER, COL_START_DATE, COL_EXCLUDED, N_BUILTIN };
static const char *builtin_columns[N_BUILTIN] = { "reference", "kind", "case_manager", "start_date", "excluded" };

static gboolean
row_error (GError **error, FwImportError code, FwCsv *csv, FwCsvRow *row, int field,
           const char *format, ...) G_GNUC_PRINTF (6, 7);

/* "file:line: column N “name”: message", on one line */
static gboolean
row_error (GError **error, FwImportError code, FwCsv *csv, FwCsvRow *row, int field,
           const char *format, ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (field >= 0)
    text = g_strdup_printf (_("%s:%u: column %d “%s”: %s"), csv->filename, row->line, field + 1,
                            csv->header->fields[field], msg);
  else
    text = g_strdup_printf ("%s:%u: %s", csv->filename, row->line, msg);
  g_strdelimit (text, "\r\n", ' ');
  g_set_error_literal (error, FW_IMPORT_ERROR, code, text);
  return FALSE;
}

typedef struct {
  FwCsv       *csv;
  FwFramework *fw;
  const char  *inspection_id;
  GPtrArray   *columns;     /* const char*: the column names we know */
  int         *positions;   /* per known column: its place in the file, -1 */
  guint        n_excluded;
} Import;

static char *
cell (FwCsvRow *row, int position)
{
  return g_strstrip (g_strdup (position >= 0 ? row->fields[position] : ""));
}

static gboolean
import_rows (FwStore *store, gpointer data, GError **error)
{
  Import *im = data;
  FwCsv *csv = im->csv;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *s;
  gboolean drawn;
  g_autofree char *summary = NULL;

  if (!fw_store_check_open (store, im->inspection_id, error)
      || !fw_store_check_role (store, im->inspection_id, FW_ROLE_LEAD, _("import the population"), error)
      || !fw_draw_is_drawn (store, im->inspection_id, &drawn, error))
    return FALSE;
  if (drawn)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_DRAWN,
                   _("%s: the sample is drawn already; the population it was drawn from stays as it was"),
                   csv->filename);
      return FALSE;
    }
  /* a new population replaces the old one whole */
  if ((s = fw_store_stmt (store, "DELETE FROM population_attribute WHERE inspection_id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
  if (!fw_draw_step_done (store, s, "population", error))
    return FALSE;
  if ((s = fw_store_stmt (store, "DELETE FROM population WHERE inspection_id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
  if (!fw_draw_step_done (store, s, "population", error))
    return FALSE;

  for (guint r = 0; r < csv->rows->len; r++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, r);
      g_autofree char *reference = cell (row, im->positions[COL_REFERENCE]);
      g_autofree char *kind = cell (row, im->positions[COL_KIND]);
      g_autofree char *case_manager = cell (row, im->positions[COL_CASE_MANAGER]);
      g_autofree char *start_date = cell (row, im->positions[COL_START_DATE]);
      g_autofree char *excluded = cell (row, im->positions[COL_EXCLUDED]);
      g_autoptr(GError) local_error = NULL;

      if (*reference == '\0')
        return row_error (error, FW_IMPORT_ERROR_EMPTY_VALUE, csv, row, im->positions[COL_REFERENCE],
                          _("the value is empty"));
      if (*kind == '\0')
        return row_error (error, FW_IMPORT_ERROR_EMPTY_VALUE, csv, row, im->positions[COL_KIND],
                          _("the value is empty"));
      if (g_hash_table_contains (seen, reference))
        return row_error (error, FW_IMPORT_ERROR_DUPLICATE, csv, row, im->positions[COL_REFERENCE],
                          _("case “%s” appears twice in the file (first on line %u)"), reference,
                          GPOINTER_TO_UINT (g_hash_table_lookup (seen, reference)));
      g_hash_table_insert (seen, g_strdup (reference), GUINT_TO_POINTER (row->line));
      if (fw_framework_find_kind (im->fw, kind) == NULL)
        {
          g_autofree char *kinds = fw_framework_describe_kinds (im->fw, G_MAXUINT64);
          return row_error (error, FW_IMPORT_ERROR_UNKNOWN_KIND, csv, row, im->positions[COL_KIND],
                            _("“%s” is not a case kind of framework %s (expected one of %s)"),
                            kind, fw_framework_get_id (im->fw), kinds);
        }
      if (*start_date != '\0' && !fw_validate_date (start_date, &local_error))
        return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, im->positions[COL_START_DATE],
                          "%s", local_error->message);

      s = fw_store_stmt (store, "INSERT INTO population (inspection_id, reference, kind, case_manager,"
                                " start_date, excluded, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 3, kind, -1, SQLITE_TRANSIENT);
      if (*case_manager)
        sqlite3_bind_text (s, 4, case_manager, -1, SQLITE_TRANSIENT);
      if (*start_date)
        sqlite3_bind_text (s, 5, start_date, -1, SQLITE_TRANSIENT);
      if (*excluded)
        {
          sqlite3_bind_text (s, 6, excluded, -1, SQLITE_TRANSIENT);
          im->n_excluded++;
        }
      sqlite3_bind_int (s, 7, row->line);
      if (!fw_draw_step_done (store, s, "population", error))
        return FALSE;

      for (guint c = N_BUILTIN; c < im->columns->len; c++)
        {
          const char *id = g_ptr_array_index (im->columns, c);
          FwAttribute *attribute = fw_framework_find_attribute (im->fw, id);
          g_autofree char *value = cell (row, im->positions[c]);
          const char *match;

          if (*value == '\0')
            continue;
          if ((match = fw_attribute_match_value (attribute, value)) == NULL)
            {
              g_autofree char *known = fw_attribute_describe_values (attribute);
              return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, im->positions[c],
                                _("“%s” is not a value of %s (expected one of %s)"), value, id, known);
            }
          s = fw_store_stmt (store, "INSERT INTO population_attribute (inspection_id, reference, attribute,"
                                    " value) VALUES (?1, ?2, ?3, ?4);", error);
          if (s == NULL)
            return FALSE;
          sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (s, 3, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (s, 4, match, -1, SQLITE_TRANSIENT);
          if (!fw_draw_step_done (store, s, "population", error))
            return FALSE;
        }
    }
  summary = g_strdup_printf ("%u cases, %u excluded", csv->rows->len, im->n_excluded);
  return fw_store_audit (store, im->inspection_id, NULL, NULL, "population", NULL, summary, NULL, NULL,
                         NULL, error);
}

gboolean
fw_population_import_data (FwStore *store, const char *inspection_id, const char *data, gsize length,
                           const char *filename, guint *n_rows, GError **error)
{
  g_autoptr(FwCsv) csv = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autofree int *positions = NULL;
  GPtrArray *attributes;
  Import im = { 0, };
  GStrv header;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  if (n_rows)
    *n_rows = 0;
  if ((csv = fw_csv_parse (data, length, filename, error)) == NULL
      || (fw = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return FALSE;

  /* the built-in columns, then the framework's attributes (one called like
   * a built-in column, such as case_manager, is that column) */
  for (guint i = 0; i < N_BUILTIN; i++)
    g_ptr_array_add (columns, (gpointer) builtin_columns[i]);
  attributes = fw_framework_get_attributes (fw);
  for (guint i = 0; i < attributes->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      gboolean builtin = FALSE;

      for (guint b = 0; b < N_BUILTIN; b++)
        builtin |= strcmp (attribute->id, builtin_columns[b]) == 0;
      if (!builtin)
        g_ptr_array_add (columns, attribute->id);
    }
  positions = g_new (int, columns->len);
  for (guint c = 0; c < columns->len; c++)
    positions[c] = -1;
  header = csv->header->fields;
  for (guint i = 0; header[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[i]));
      guint c;

      for (c = 0; c < columns->len; c++)
        if (strcmp (name, g_ptr_array_index (columns, c)) == 0)
          break;
      if (c == columns->len)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint k = 0; k < columns->len; k++)
            g_string_append_printf (known, "%s%s", k ? ", " : "", (const char *) g_ptr_array_index (columns, k));
          return row_error (error, FW_IMPORT_ERROR_UNKNOWN_COLUMN, csv, csv->header, i,
                            _("unknown column (the columns are %s)"), known->str);
        }
      if (positions[c] >= 0)
        return row_error (error, FW_IMPORT_ERROR_DUPLICATE_COLUMN, csv, csv->header, i,
                          _("the column appears twice (first as column %d)"), positions[c] + 1);
      positions[c] = i;
    }
  for (guint c = COL_REFERENCE; c <= COL_KIND; c++)
    if (positions[c] < 0)
      return row_error (error, FW_IMPORT_ERROR_MISSING_COLUMN, csv, csv->header, -1,
                        _("the required column “%s” is missing"), builtin_columns[c]);
  if (csv->rows->len == 0)
    return row_error (error, FW_IMPORT_ERROR_NO_ROWS, csv, csv->header, -1, _("the file lists no cases"));

  im.csv = csv;
  im.fw = fw;
  im.inspection_id = inspection_id;
  im.columns = columns;
  im.positions = positions;
  if (!fw_store_write (store, import_rows, &im, error))
    return FALSE;
  if (n_rows)
    *n_rows = csv->rows->len;
  return TRUE;
}

gboolean
fw_population_import (FwStore *store, const char *inspection_id, const char *path, guint *n_rows,
                      GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, FW_CSV_ERROR, FW_CSV_ERROR_IO, local_error->message);
      return FALSE;
    }
  return fw_population_import_data (store, inspection_id, contents, length, path, n_rows, error);
}
