/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-export-doc.h"

gboolean
fw_export_format_from_string (const char *str, FwExportFormat *format)
{
  static const struct { const char *name; FwExportFormat format; } names[] = {
    { "csv", FW_EXPORT_CSV }, { "answers-csv", FW_EXPORT_ANSWERS_CSV }, { "pdf", FW_EXPORT_PDF },
    { "xlsx", FW_EXPORT_XLSX }, { "html", FW_EXPORT_HTML },
  };

  for (guint i = 0; str && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (str, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

FwExportData *
fw_export_data_collect (FwStore *store, const char *inspection_id, const FwFilter *filter, GError **error)
{
  g_autoptr(FwExportData) data = g_new0 (FwExportData, 1);
  g_autoptr(GPtrArray) all_answers = NULL;
  g_autoptr(GHashTable) in_sample = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  FwFramework *fw;

  if ((data->info = fw_store_get_inspection (store, inspection_id, error)) == NULL
      || (data->rating = fw_rating_compute_from_store (store, inspection_id, filter, error)) == NULL
      || (data->cases = fw_store_list_cases (store, inspection_id, filter, error)) == NULL
      || (all_answers = fw_store_list_answers (store, inspection_id, error)) == NULL
      || (data->rationales = fw_store_get_rationales (store, inspection_id, error)) == NULL)
    return NULL;

  fw = data->rating->framework;
  data->cases_of_kind = g_new0 (guint, fw_framework_get_kinds (fw)->len);
  for (guint i = 0; i < data->cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (data->cases, i);
      FwKind *kind = fw_framework_find_kind (fw, c->kind);

      g_hash_table_add (in_sample, c->id);
      if (kind)
        data->cases_of_kind[kind->index]++;
    }
  data->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_answer_row_free);
  for (guint i = 0; i < all_answers->len; i++)
    if (g_hash_table_contains (in_sample, ((FwAnswerRow *) g_ptr_array_index (all_answers, i))->case_id))
      {
        /* moved, not stolen with _fast, which would reverse the store's
         * order (by case reference, then item) in the answers sheet and CSV */
        g_ptr_array_add (data->answers, g_ptr_array_index (all_answers, i));
        all_answers->pdata[i] = NULL;
      }

  if (filter && !fw_filter_is_empty (filter))
    data->where = fw_filter_describe_words (filter, fw);
  else
    {
      /* the whole sample: how each kind of case is doing, as the review page shows it */
      g_autoptr(GPtrArray) breakdown = fw_review_breakdown (store, inspection_id, FW_CASE_FIELD_KIND, error);

      if (breakdown == NULL)
        return NULL;
      if (breakdown->len > 1)
        data->breakdown = g_steal_pointer (&breakdown);
    }
  data->generated = fw_export_format_date (now);
  data->started = fw_export_format_iso_date (data->info->start_date);
  return g_steal_pointer (&data);
}

/* Dates in the title blocks follow the locale: the pattern is translatable and
 * the month names come from LC_TIME ("16 Tachwedd 2026" in Welsh). */
char *
fw_export_format_date (GDateTime *date)
{
  /* TRANSLATORS: a date in the title block of the exports, in g_date_time_format ()
   * notation: %-d day, %B month name, %Y year. */
  /* xgettext:no-c-format */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/* "2026-11-16" in the reader's format; other text is returned as it is. */
char *
fw_export_format_iso_date (const char *iso)
{
  int y, m, d;
  char end;
  g_autoptr(GDateTime) date = NULL;

  if (iso && sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3
      && (date = g_date_time_new_local (y, m, d, 12, 0, 0)) != NULL)
    return fw_export_format_date (date);
  return g_strdup (iso ? iso : "");
}

void
fw_export_data_free (FwExportData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->rating, fw_rating_free);
  g_clear_pointer (&data->info, fw_inspection_info_free);
  g_clear_pointer (&data->cases, g_ptr_array_unref);
  g_clear_pointer (&data->answers, g_ptr_array_unref);
  g_clear_pointer (&data->rationales, g_hash_table_unref);
  g_clear_pointer (&data->breakdown, g_ptr_array_unref);
  g_free (data->cases_of_kind);
  g_free (data->where);
  g_free (data->generated);
  g_free (data->started);
  g_free (data);
}

GPtrArray *
fw_export_case_columns (FwFramework *framework)
{
  GPtrArray *columns = g_ptr_array_new ();
  GPtrArray *attributes = fw_framework_get_attributes (framework);

  g_ptr_array_add (columns, (gpointer) "reference");
  g_ptr_array_add (columns, (gpointer) FW_CASE_FIELD_KIND);
  for (guint i = 0; i < attributes->len; i++)
    g_ptr_array_add (columns, ((FwAttribute *) g_ptr_array_index (attributes, i))->id);
  g_ptr_array_add (columns, (gpointer) FW_CASE_FIELD_INSPECTOR);
  g_ptr_array_add (columns, (gpointer) FW_CASE_FIELD_STATUS);
  return columns;
}

const char *
fw_export_case_value (const FwCase *c, const char *column)
{
  if (strcmp (column, "reference") == 0)
    return c->reference;
  return fw_case_get_attr (c, column);
}

GPtrArray *
fw_export_case_rows (FwExportData *data)
{
  g_autoptr(GHashTable) by_case = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < data->answers->len; i++)
    {
      FwAnswerRow *a = g_ptr_array_index (data->answers, i);
      GPtrArray *list = g_hash_table_lookup (by_case, a->case_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_case, a->case_id, list);
        }
      g_ptr_array_add (list, a);
    }
  for (guint i = 0; i < data->cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (data->cases, i);
      GPtrArray *list = g_hash_table_lookup (by_case, c->id);

      for (guint j = 0; list && j < list->len; j++)
        {
          FwExportCaseRow *row = g_new0 (FwExportCaseRow, 1);
          row->kase = c;
          row->answer = g_ptr_array_index (list, j);
          g_ptr_array_add (rows, row);
        }
      if (list == NULL)
        {
          FwExportCaseRow *row = g_new0 (FwExportCaseRow, 1);
          row->kase = c;
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
}

/* Case-level answers: one row per answer with the case's fields and the
 * framework's attributes, and one row for each case with no answer yet. */
static char *
answers_csv (FwExportData *data)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) columns = fw_export_case_columns (data->rating->framework);
  g_autoptr(GPtrArray) rows = fw_export_case_rows (data);
  static const char *answer_header[] = { "question", "answer", "note", "practice", "who", "at" };

  for (guint i = 0; i < columns->len; i++)
    fw_csv_append_field (out, g_ptr_array_index (columns, i), i == 0);
  for (guint i = 0; i < G_N_ELEMENTS (answer_header); i++)
    fw_csv_append_field (out, answer_header[i], FALSE);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      FwExportCaseRow *row = g_ptr_array_index (rows, i);
      FwAnswerRow *a = row->answer;

      for (guint k = 0; k < columns->len; k++)
        fw_csv_append_field (out, fw_export_case_value (row->kase, g_ptr_array_index (columns, k)), k == 0);
      fw_csv_append_field (out, a ? a->item : NULL, FALSE);
      fw_csv_append_field (out, a ? fw_answer_to_string (a->answer) : NULL, FALSE);
      fw_csv_append_field (out, a ? a->note : NULL, FALSE);
      fw_csv_append_field (out, a ? fw_practice_to_string (a->practice) : NULL, FALSE);
      fw_csv_append_field (out, a ? a->who : NULL, FALSE);
      fw_csv_append_field (out, a ? a->at : NULL, FALSE);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
fw_export_write (FwExportData *data, FwExportFormat format, const char *path,
                 FwExportProgress progress, gpointer user_data,
                 GCancellable *cancellable, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  switch (format)
    {
    case FW_EXPORT_PDF:
      return fw_export_pdf (data, path, progress, user_data, cancellable, error);
    case FW_EXPORT_XLSX:
      return fw_export_xlsx (data, path, progress, user_data, cancellable, error);
    case FW_EXPORT_HTML:
      text = fw_export_html (data);
      break;
    case FW_EXPORT_CSV:
      text = fw_export_summary_csv (data->rating, data->info);
      break;
    case FW_EXPORT_ANSWERS_CSV:
      text = answers_csv (data);
      break;
    default:
      g_assert_not_reached ();
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* private (case data), and an error names the file asked for, not the
   * temporary one beside it */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      const char *why = g_strrstr (local->message, ": ");

      g_set_error (error, local->domain, local->code, "%s: %s", path, why ? why + 2 : local->message);
      return FALSE;
    }
  if (progress)
    progress (1.0, user_data);
  return TRUE;
}
