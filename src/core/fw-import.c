/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-import.h"
#include "fw-store-backup.h"
#include "fw-store-answers-private.h"
#include "fw-csv.h"
#include "fw-error.h"

typedef struct {
  const char *name;
  gboolean    required;
} Column;

/* The cases CSV: these, then one column per attribute of the framework. */
static const Column case_columns[] = {
  { "reference", TRUE }, { "kind", TRUE }, { "inspector", FALSE }, { NULL, FALSE },
};
#define N_CASE_BUILTIN 3

static const Column answer_columns[] = {
  { "reference", TRUE }, { "question", TRUE }, { "answer", TRUE }, { "note", FALSE },
  { "inspector", FALSE }, { NULL, FALSE },
};

static const Column judgement_columns[] = {
  { "standard", TRUE }, { "rating", TRUE }, { "rationale", FALSE }, { NULL, FALSE },
};

static gboolean
row_error (GError **error, FwImportError code, FwCsv *csv, FwCsvRow *row, int field,
           const char *format, ...) G_GNUC_PRINTF (6, 7);

static gboolean
row_error (GError **error, FwImportError code, FwCsv *csv, FwCsvRow *row, int field,
           const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (field >= 0)
    g_set_error (error, FW_IMPORT_ERROR, code, _("%s:%u: column %d “%s”: %s"), csv->filename,
                 row->line, field + 1, csv->header->fields[field], msg);
  else
    g_set_error (error, FW_IMPORT_ERROR, code, "%s:%u: %s", csv->filename, row->line, msg);
  /* a quoted value may hold line breaks: the message stays on one line
   * (found by fuzzing) */
  if (error && *error && strpbrk ((*error)->message, "\r\n"))
    {
      g_autoptr(GString) one = g_string_new ((*error)->message);

      g_string_replace (one, "\r", "\\r", 0);
      g_string_replace (one, "\n", "\\n", 0);
      g_free ((*error)->message);
      (*error)->message = g_string_free (g_steal_pointer (&one), FALSE);
    }
  return FALSE;
}

/* Maps each known column to its position in the file (-1 when absent). */
static gboolean
map_header (FwCsv *csv, const Column *columns, int *positions, GError **error)
{
  GStrv header = csv->header->fields;
  guint n_known = 0;

  while (columns[n_known].name)
    positions[n_known++] = -1;

  for (guint i = 0; header[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[i]));
      gboolean known = FALSE;

      for (guint c = 0; c < n_known; c++)
        {
          if (strcmp (name, columns[c].name) != 0)
            continue;
          if (positions[c] >= 0)
            return row_error (error, FW_IMPORT_ERROR_DUPLICATE_COLUMN, csv, csv->header, i,
                              _("the column appears twice (first as column %d)"), positions[c] + 1);
          positions[c] = i;
          known = TRUE;
        }
      if (!known)
        {
          g_autoptr(GString) expected = g_string_new (NULL);

          for (guint c = 0; c < n_known; c++)
            g_string_append_printf (expected, "%s%s", c ? ", " : "", columns[c].name);
          return row_error (error, FW_IMPORT_ERROR_UNKNOWN_COLUMN, csv, csv->header, i,
                            _("unknown column (the columns are %s)"), expected->str);
        }
    }

  for (guint c = 0; c < n_known; c++)
    if (columns[c].required && positions[c] < 0)
      return row_error (error, FW_IMPORT_ERROR_MISSING_COLUMN, csv, csv->header, -1,
                        _("the required column “%s” is missing"), columns[c].name);
  return TRUE;
}

/* The trimmed value of a column in a row, "" when the column is absent. */
static char *
value_of (FwCsvRow *row, int position)
{
  return g_strstrip (g_strdup (position >= 0 ? row->fields[position] : ""));
}

/* The same, trimmed in the row itself: no copy (an answers file has many rows). */
static const char *
field_of (FwCsvRow *row, int position)
{
  return position >= 0 ? g_strstrip (row->fields[position]) : "";
}

static gboolean
require (FwCsv *csv, FwCsvRow *row, int position, const char *value, GError **error)
{
  if (*value != '\0')
    return TRUE;
  return row_error (error, FW_IMPORT_ERROR_EMPTY_VALUE, csv, row, position, _("the value is empty"));
}

/* Runs apply() on every row inside one transaction. answers: the answers
 * import's state (NULL for the others). */
typedef gboolean (*RowFunc) (FwStore *store, const char *inspection_id, FwFramework *fw,
                             FwCsv *csv, FwCsvRow *row, const int *positions,
                             GHashTable *seen, FwAnswerImport *answers, GError **error);

static gboolean
import_csv (FwStore *store, const char *inspection_id, const char *data, gsize length,
            const char *filename, const Column *columns, RowFunc apply, guint *n_rows,
            GError **error)
{
  g_autoptr(FwCsv) csv = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(FwAnswerImport) answers = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) all_columns = g_array_new (TRUE, TRUE, sizeof (Column));
  g_autofree int *positions = NULL;
  gboolean ok = TRUE;

  if (n_rows)
    *n_rows = 0;
  if ((csv = fw_csv_parse (data, length, filename, error)) == NULL)
    return FALSE;
  if ((fw = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; columns[i].name; i++)
    g_array_append_val (all_columns, columns[i]);
  if (columns == case_columns)
    {
      /* the framework's attributes, in its order */
      GPtrArray *attributes = fw_framework_get_attributes (fw);

      for (guint i = 0; i < attributes->len; i++)
        {
          Column column = { ((FwAttribute *) g_ptr_array_index (attributes, i))->id, FALSE };
          g_array_append_val (all_columns, column);
        }
    }
  positions = g_new0 (int, all_columns->len + 1);
  if (!map_header (csv, (const Column *) all_columns->data, positions, error))
    return FALSE;

  /* an automatic backup first (none inside a transaction of the caller's) */
  if (!fw_store_backup (store, NULL, error) || !fw_store_begin (store, error))
    return FALSE;
  /* the whole file is one all-or-nothing change: any failing row rolls all of it back */
  fw_store_set_bulk (store, TRUE);
  if (columns == answer_columns)
    answers = fw_answer_import_new (store, inspection_id, fw);
  for (guint i = 0; i < csv->rows->len && ok; i++)
    ok = apply (store, inspection_id, fw, csv, g_ptr_array_index (csv->rows, i), positions, seen, answers,
                error);
  fw_store_set_bulk (store, FALSE);
  if (!ok)
    {
      fw_store_rollback (store);
      return FALSE;
    }
  if (!fw_store_commit (store, error))
    return FALSE;
  if (n_rows)
    *n_rows = csv->rows->len;
  return TRUE;
}

static gboolean
read_and_import (FwStore *store, const char *inspection_id, const char *path,
                 const Column *columns, RowFunc apply, guint *n_rows, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return import_csv (store, inspection_id, contents, length, path, columns, apply, n_rows, error);
}

/* ---------------------------------------------------------------- cases */

static gboolean
apply_case (FwStore *store, const char *inspection_id, FwFramework *fw, FwCsv *csv,
            FwCsvRow *row, const int *pos, GHashTable *seen, FwAnswerImport *answers, GError **error)
{
  GPtrArray *attributes = fw_framework_get_attributes (fw);
  g_autofree char *reference = value_of (row, pos[0]);
  g_autofree char *kind = value_of (row, pos[1]);
  g_autofree char *inspector = value_of (row, pos[2]);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FwCase) existing = NULL;
  g_autofree char *id = NULL;

  if (!require (csv, row, pos[0], reference, error) || !require (csv, row, pos[1], kind, error))
    return FALSE;
  if (g_hash_table_contains (seen, reference))
    return row_error (error, FW_IMPORT_ERROR_DUPLICATE, csv, row, pos[0],
                      _("case “%s” appears twice in the file (first on line %u)"), reference,
                      GPOINTER_TO_UINT (g_hash_table_lookup (seen, reference)));
  g_hash_table_insert (seen, g_strdup (reference), GUINT_TO_POINTER (row->line));

  if (fw_framework_find_kind (fw, kind) == NULL)
    {
      g_autofree char *kinds = fw_framework_describe_kinds (fw, G_MAXUINT64);
      return row_error (error, FW_IMPORT_ERROR_UNKNOWN_KIND, csv, row, pos[1],
                        _("“%s” is not a case kind of framework %s (expected one of %s)"),
                        kind, fw_framework_get_id (fw), kinds);
    }
  g_ptr_array_add (fields, (gpointer) FW_CASE_FIELD_KIND);
  g_ptr_array_add (fields, kind);
  g_ptr_array_add (fields, (gpointer) FW_CASE_FIELD_INSPECTOR);
  g_ptr_array_add (fields, inspector);

  /* the framework's attributes: a closed one takes only the values of its list */
  for (guint a = 0; a < attributes->len; a++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, a);
      int position = pos[N_CASE_BUILTIN + a];
      char *value = value_of (row, position);
      const char *match;

      g_ptr_array_add (values, value);
      if (*value == '\0')
        continue;
      if ((match = fw_attribute_match_value (attribute, value)) == NULL)
        {
          g_autofree char *known = fw_attribute_describe_values (attribute);
          return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, position,
                            _("“%s” is not a value of %s (expected one of %s)"), value, attribute->id, known);
        }
      g_ptr_array_add (fields, attribute->id);
      g_ptr_array_add (fields, (gpointer) match);
    }
  g_ptr_array_add (fields, NULL);

  existing = fw_store_find_case (store, inspection_id, reference, NULL);
  if (existing != NULL)
    return row_error (error, FW_IMPORT_ERROR_DUPLICATE, csv, row, pos[0],
                      _("the inspection already has a case “%s”"), reference);

  id = fw_store_add_case (store, inspection_id, reference, (const char * const *) fields->pdata, &local_error);
  if (id == NULL)
    return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, -1, "%s", local_error->message);
  return TRUE;
}

gboolean
fw_import_cases_data (FwStore *store, const char *inspection_id, const char *data, gsize length,
                      const char *filename, guint *n_rows, GError **error)
{
  return import_csv (store, inspection_id, data, length, filename, case_columns, apply_case, n_rows, error);
}

gboolean
fw_import_cases (FwStore *store, const char *inspection_id, const char *path, guint *n_rows, GError **error)
{
  return read_and_import (store, inspection_id, path, case_columns, apply_case, n_rows, error);
}

/* ---------------------------------------------------------------- answers */

static gboolean
apply_answer (FwStore *store, const char *inspection_id, FwFramework *fw, FwCsv *csv,
              FwCsvRow *row, const int *pos, GHashTable *seen, FwAnswerImport *answers, GError **error)
{
  const char *reference = field_of (row, pos[0]);
  const char *item = field_of (row, pos[1]);
  const char *value = field_of (row, pos[2]);
  const char *note = field_of (row, pos[3]);
  const char *inspector = field_of (row, pos[4]);
  g_autofree char *lower = NULL;
  g_autofree char *previous_user = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *kind, *item_id;
  guint first;
  FwQuestion *question = NULL;
  FwPrompt *prompt = NULL;
  FwAnswer answer;
  gboolean ok;

  if (!require (csv, row, pos[0], reference, error)
      || !require (csv, row, pos[1], item, error)
      || !require (csv, row, pos[2], value, error))
    return FALSE;

  /* the inspection's cases are read once */
  if ((kind = fw_answer_import_case_kind (answers, reference, &local_error)) == NULL && local_error != NULL)
    return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, -1, "%s", local_error->message);
  if (kind == NULL)
    return row_error (error, FW_IMPORT_ERROR_UNKNOWN_CASE, csv, row, pos[0],
                      _("the inspection has no case “%s” (import the cases first)"), reference);

  if (!fw_framework_find_item (fw, item, &question, &prompt))
    return row_error (error, FW_IMPORT_ERROR_UNKNOWN_QUESTION, csv, row, pos[1],
                      _("“%s” is not a key question or prompt of framework %s"), item, fw_framework_get_id (fw));
  /* the framework's own copy of the id, for as long as the import */
  item_id = prompt ? prompt->id : question->id;
  if (prompt)
    question = prompt->question;
  if (!fw_question_applies_to (question, fw_framework_find_kind (fw, kind)))
    {
      g_autofree char *kinds = fw_framework_describe_kinds (fw, question->kinds);

      if (question->guidance)
        return row_error (error, FW_IMPORT_ERROR_NOT_APPLICABLE, csv, row, pos[1],
                          _("%s is guidance for a judged standard and is not answered per case"), item);
      return row_error (error, FW_IMPORT_ERROR_NOT_APPLICABLE, csv, row, pos[1],
                        _("%s does not apply to case “%s” of kind %s (it applies to %s)"),
                        item, reference, kind, kinds);
    }

  lower = g_ascii_strdown (value, -1);
  if (!fw_answer_from_string (lower, &answer))
    return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, pos[2],
                      _("“%s” is not an answer (expected yes, no or na)"), value);
  if (answer == FW_ANSWER_NA && !(prompt ? prompt->na_allowed : question->na_allowed))
    return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, pos[2],
                      _("%s cannot be answered “na” in this framework"), item);

  if ((first = fw_answer_import_seen (answers, reference, item_id, row->line)) != 0)
    return row_error (error, FW_IMPORT_ERROR_DUPLICATE, csv, row, pos[1],
                      _("case “%s” answers %s twice (first on line %u)"), reference, item, first);

  if (*inspector)
    {
      previous_user = g_strdup (fw_store_get_user (store));
      fw_store_set_user (store, inspector);
    }
  ok = fw_answer_import_set (answers, reference, item_id, answer, note, "import", &local_error);
  if (previous_user)
    fw_store_set_user (store, previous_user);
  if (!ok)
    return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, -1, "%s", local_error->message);
  return TRUE;
}

gboolean
fw_import_answers_data (FwStore *store, const char *inspection_id, const char *data, gsize length,
                        const char *filename, guint *n_rows, GError **error)
{
  return import_csv (store, inspection_id, data, length, filename, answer_columns, apply_answer, n_rows, error);
}

gboolean
fw_import_answers (FwStore *store, const char *inspection_id, const char *path, guint *n_rows, GError **error)
{
  return read_and_import (store, inspection_id, path, answer_columns, apply_answer, n_rows, error);
}

/* ---------------------------------------------------------------- judgements */

static gboolean
apply_judgement (FwStore *store, const char *inspection_id, FwFramework *fw, FwCsv *csv,
                 FwCsvRow *row, const int *pos, GHashTable *seen, FwAnswerImport *answers, GError **error)
{
  g_autofree char *standard_id = value_of (row, pos[0]);
  g_autofree char *band_id = value_of (row, pos[1]);
  g_autofree char *rationale = value_of (row, pos[2]);
  g_autoptr(GError) local_error = NULL;
  FwStandard *standard;

  if (!require (csv, row, pos[0], standard_id, error) || !require (csv, row, pos[1], band_id, error))
    return FALSE;
  standard = fw_framework_find_standard (fw, standard_id);
  if (standard == NULL)
    return row_error (error, FW_IMPORT_ERROR_UNKNOWN_STANDARD, csv, row, pos[0],
                      _("“%s” is not a standard of framework %s"), standard_id, fw_framework_get_id (fw));
  if (standard->rule != FW_RULE_JUDGED)
    return row_error (error, FW_IMPORT_ERROR_NOT_JUDGED, csv, row, pos[0],
                      _("standard %s is rated from its cases and takes no judgement"), standard_id);
  if (fw_framework_find_band (fw, band_id) == NULL)
    {
      GPtrArray *bands = fw_framework_get_bands (fw);
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < bands->len; i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", ((FwBand *) g_ptr_array_index (bands, i))->id);
      return row_error (error, FW_IMPORT_ERROR_UNKNOWN_BAND, csv, row, pos[1],
                        _("“%s” is not a rating of framework %s (expected one of %s)"),
                        band_id, fw_framework_get_id (fw), ids->str);
    }
  if (g_hash_table_contains (seen, standard_id))
    return row_error (error, FW_IMPORT_ERROR_DUPLICATE, csv, row, pos[0],
                      _("standard %s is judged twice in the file (first on line %u)"), standard_id,
                      GPOINTER_TO_UINT (g_hash_table_lookup (seen, standard_id)));
  g_hash_table_insert (seen, g_strdup (standard_id), GUINT_TO_POINTER (row->line));

  if (!fw_store_set_judgement (store, inspection_id, standard_id, band_id,
                               *rationale ? rationale : NULL, &local_error))
    return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, -1, "%s", local_error->message);
  return TRUE;
}

gboolean
fw_import_judgements_data (FwStore *store, const char *inspection_id, const char *data, gsize length,
                           const char *filename, guint *n_rows, GError **error)
{
  return import_csv (store, inspection_id, data, length, filename, judgement_columns, apply_judgement,
                     n_rows, error);
}

gboolean
fw_import_judgements (FwStore *store, const char *inspection_id, const char *path, guint *n_rows, GError **error)
{
  return read_and_import (store, inspection_id, path, judgement_columns, apply_judgement, n_rows, error);
}
