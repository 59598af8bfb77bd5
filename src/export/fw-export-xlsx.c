/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "fw-export-doc.h"
#include "fw-export-summary.h"

static void
write_summary (lxw_workbook *wb, FwExportData *data)
{
  FwRating *rating = data->rating;
  lxw_worksheet *ws = workbook_add_worksheet (wb, _("Summary"));
  lxw_format *bold = workbook_add_format (wb);
  lxw_format *title = workbook_add_format (wb);
  lxw_format *header = workbook_add_format (wb);
  lxw_format *percent = workbook_add_format (wb);
  lxw_format *wrap = workbook_add_format (wb);
  g_autofree char *sample = fw_summary_sample_text (data);
  g_autofree char *missing = fw_summary_missing_text (data);
  g_autofree char *provisional = fw_summary_provisional_text (rating);
  static const char *columns[] = { N_("Level"), N_("Id"), N_("Standard or key question"), N_("Rating"),
                                   N_("Score"), N_("Yes"), N_("No"), N_("N/A"), N_("Unanswered"),
                                   N_("% yes"), N_("% yes, rounded"), N_("Likely from %"), N_("Likely to %"),
                                   N_("Band could change") };
  lxw_row_t row = 0;

  format_set_bold (bold);
  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_bold (header);
  format_set_bottom (header, LXW_BORDER_THIN);
  format_set_num_format (percent, "0.0");
  format_set_text_wrap (wrap);

  worksheet_set_column (ws, 0, 0, 10, NULL);
  worksheet_set_column (ws, 1, 1, 8, NULL);
  worksheet_set_column (ws, 2, 2, 70, wrap);
  worksheet_set_column (ws, 3, 3, 22, NULL);
  worksheet_set_column (ws, 4, 10, 11, NULL);

  worksheet_write_string (ws, row++, 0, data->info->service, title);
  worksheet_write_string (ws, row++, 0, fw_framework_get_title (rating->framework), NULL);
  worksheet_write_string (ws, row, 0, _("Fieldwork started"), bold);
  worksheet_write_string (ws, row++, 2, data->info->start_date, NULL);
  worksheet_write_string (ws, row, 0, _("Sample"), bold);
  worksheet_write_string (ws, row++, 2, sample, NULL);
  if (data->where)
    {
      worksheet_write_string (ws, row, 0, _("Sub-sample"), bold);
      worksheet_write_string (ws, row++, 2, data->where, NULL);
    }
  if (rating->has_total)
    {
      worksheet_write_string (ws, row, 0, _("Overall rating"), bold);
      worksheet_write_string (ws, row, 2, rating->rating ? rating->rating->title : _("Not rated yet"), NULL);
      if (rating->rating)
        {
          worksheet_write_number (ws, row, 4, rating->score, NULL);
          worksheet_write_number (ws, row, 5, rating->max_score, NULL);
        }
      row++;
    }
  if (missing)
    worksheet_write_string (ws, row++, 0, missing, bold);
  if (provisional)
    worksheet_write_string (ws, row++, 0, provisional, bold);
  row++;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    worksheet_write_string (ws, row, c, _(columns[c]), header);
  worksheet_freeze_panes (ws, row + 1, 0);
  row++;

  for (guint i = 0; i < rating->n_standards; i++)
    {
      FwStandardResult *s = &rating->standards[i];

      worksheet_write_string (ws, row, 0, _("standard"), bold);
      worksheet_write_string (ws, row, 1, s->standard->id, bold);
      worksheet_write_string (ws, row, 2, s->standard->title, bold);
      worksheet_write_string (ws, row, 3, fw_summary_standard_text (s), bold);
      if (s->band && s->standard->scored)
        worksheet_write_number (ws, row, 4, s->score, NULL);
      row++;
      for (guint j = 0; j < s->n_questions; j++)
        {
          FwQuestionResult *q = &s->questions[j];

          if (q->question->index < 0)
            continue;
          worksheet_write_string (ws, row, 0, _("question"), NULL);
          worksheet_write_string (ws, row, 1, q->question->id, NULL);
          worksheet_write_string (ws, row, 2, q->question->text, wrap);
          if (q->band)
            worksheet_write_string (ws, row, 3, q->band->title, NULL);
          worksheet_write_number (ws, row, 5, q->yes, NULL);
          worksheet_write_number (ws, row, 6, q->no, NULL);
          worksheet_write_number (ws, row, 7, q->na, NULL);
          worksheet_write_number (ws, row, 8, q->unanswered, NULL);
          if (q->has_percent)
            {
              worksheet_write_number (ws, row, 9, q->tenths / 10.0, percent);
              worksheet_write_number (ws, row, 10, q->shown_percent, NULL);
              /* how sure: the Wilson interval at the framework's confidence */
              worksheet_write_number (ws, row, 11, q->ci_low / 10.0, percent);
              worksheet_write_number (ws, row, 12, q->ci_high / 10.0, percent);
              worksheet_write_string (ws, row, 13, q->band_could_change ? _("yes") : _("no"), NULL);
            }
          row++;
        }
    }
}

/* The ratings by case kind (fw_review_breakdown): a column per kind. */
static void
write_breakdown (lxw_workbook *wb, FwExportData *data)
{
  lxw_worksheet *ws;
  lxw_format *bold, *header;
  GPtrArray *standards = fw_framework_get_standards (data->rating->framework);
  lxw_row_t row = 0;

  if (data->breakdown == NULL)
    return;
  ws = workbook_add_worksheet (wb, _("By case kind"));
  bold = workbook_add_format (wb);
  header = workbook_add_format (wb);
  format_set_bold (bold);
  format_set_bold (header);
  format_set_bottom (header, LXW_BORDER_THIN);
  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, data->breakdown->len * 2, 14, NULL);
  worksheet_write_string (ws, row, 0, _("Id"), header);
  for (guint c = 0; c < data->breakdown->len; c++)
    {
      FwBreakdownColumn *column = g_ptr_array_index (data->breakdown, c);
      g_autofree char *title = g_strdup_printf (_("%s (%u cases, %u complete)"), column->title, column->n_cases,
                                                column->complete);

      worksheet_write_string (ws, row, 1 + 2 * c, title, header);
      worksheet_write_string (ws, row, 2 + 2 * c, _("% yes"), header);
    }
  worksheet_freeze_panes (ws, 1, 1);
  row++;
  for (guint s = 0; s < standards->len; s++)
    {
      FwStandard *standard = g_ptr_array_index (standards, s);

      if (standard->rule == FW_RULE_JUDGED)
        continue;
      worksheet_write_string (ws, row, 0, standard->id, bold);
      for (guint c = 0; c < data->breakdown->len; c++)
        {
          FwStandardResult *r = &((FwBreakdownColumn *) g_ptr_array_index (data->breakdown, c))->rating->standards[s];
          worksheet_write_string (ws, row, 1 + 2 * c, fw_summary_standard_text (r), bold);
        }
      row++;
      for (guint q = 0; q < standard->questions->len; q++)
        {
          FwQuestion *question = g_ptr_array_index (standard->questions, q);

          if (question->index < 0)
            continue;
          worksheet_write_string (ws, row, 0, question->id, NULL);
          for (guint c = 0; c < data->breakdown->len; c++)
            {
              FwQuestionResult *r = &((FwBreakdownColumn *) g_ptr_array_index (data->breakdown, c))->rating->questions[question->index];

              if (r->band)
                worksheet_write_string (ws, row, 1 + 2 * c, r->band->title, NULL);
              if (r->has_percent)
                worksheet_write_number (ws, row, 2 + 2 * c, r->shown_percent, NULL);
            }
          row++;
        }
    }
}

static gboolean
write_answers (lxw_workbook *wb, FwExportData *data, FwExportProgress progress, gpointer user_data,
               GCancellable *cancellable, GError **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, _("Answers"));
  lxw_format *header = workbook_add_format (wb);
  g_autoptr(GPtrArray) columns = fw_export_case_columns (data->rating->framework);
  g_autoptr(GPtrArray) rows = fw_export_case_rows (data);
  static const char *answer_columns[] = { "question", "answer", "note", "practice", "who", "at" };
  guint first = 0;

  format_set_bold (header);
  for (guint c = 0; c < columns->len; c++)
    worksheet_write_string (ws, 0, c, g_ptr_array_index (columns, c), header);
  first = columns->len;
  for (guint c = 0; c < G_N_ELEMENTS (answer_columns); c++)
    worksheet_write_string (ws, 0, first + c, answer_columns[c], header);
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_column (ws, first + 2, first + 2, 50, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      FwExportCaseRow *r = g_ptr_array_index (rows, i);
      FwAnswerRow *a = r->answer;
      lxw_row_t row = i + 1;
      const char *practice = a ? fw_practice_to_string (a->practice) : NULL;

      for (guint k = 0; k < columns->len; k++)
        {
          const char *value = fw_export_case_value (r->kase, g_ptr_array_index (columns, k));
          if (value)
            worksheet_write_string (ws, row, k, value, NULL);
        }
      if (a)
        {
          worksheet_write_string (ws, row, first, a->item, NULL);
          worksheet_write_string (ws, row, first + 1, fw_answer_to_string (a->answer), NULL);
        }
      if (a && a->note)
        worksheet_write_string (ws, row, first + 2, a->note, NULL);
      if (practice)
        worksheet_write_string (ws, row, first + 3, practice, NULL);
      if (a && a->who)
        worksheet_write_string (ws, row, first + 4, a->who, NULL);
      if (a && a->at)
        worksheet_write_string (ws, row, first + 5, a->at, NULL);

      if ((i & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (0.9 * i / rows->len, user_data);
        }
    }
  return TRUE;
}

gboolean
fw_export_xlsx (FwExportData *data, const char *path, FwExportProgress progress, gpointer user_data,
                GCancellable *cancellable, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  lxw_workbook *wb = NULL;
  lxw_error rc;
  gboolean ok;

  if (!fw_export_create_private (tmp, path, error))
    return FALSE;
  wb = workbook_new (tmp);
  if (wb == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot create the workbook", path);
      return FALSE;
    }
  write_summary (wb, data);
  ok = write_answers (wb, data, progress, user_data, cancellable, error);
  if (ok)
    write_breakdown (wb, data);
  rc = workbook_close (wb);
  if (ok && rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, lxw_strerror (rc));
      ok = FALSE;
    }
  /* answers are checked only every 1024 rows, and closing (zipping) is the
   * slow part: a cancel while either ran must still leave no file */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  else if (progress)
    progress (1.0, user_data);
  return ok;
}
