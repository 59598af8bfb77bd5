/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include "fw-export.h"
#include "fw-csv.h"
#include "fw-report.h"

#define BOM "\xEF\xBB\xBF"

static void
csv_row (GString *out, const char *const *fields, guint n)
{
  for (guint i = 0; i < n; i++)
    fw_csv_append_field (out, fields[i], i == 0);
  g_string_append (out, "\r\n");
}

char *
fw_export_summary_csv (FwRating *rating, FwInspectionInfo *info)
{
  GString *out = g_string_new (BOM);
  static const char *header[] = { "level", "id", "title", "rating", "score", "yes", "no", "na",
                                  "unanswered", "percent", "rounded" };

  csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rating->n_standards; i++)
    {
      FwStandardResult *s = &rating->standards[i];
      g_autofree char *score = s->band && s->standard->scored ? g_strdup_printf ("%u", s->score) : g_strdup ("");
      const char *row[] = { "standard", s->standard->id, s->standard->title,
                            s->band ? s->band->id : "", score, "", "", "", "", "", "" };

      csv_row (out, row, G_N_ELEMENTS (row));
      for (guint j = 0; j < s->n_questions; j++)
        {
          FwQuestionResult *q = &s->questions[j];
          g_autofree char *yes = NULL, *no = NULL, *na = NULL, *un = NULL, *pct = NULL, *rounded = NULL;

          if (q->question->index < 0)
            continue;
          yes = g_strdup_printf ("%u", q->yes);
          no = g_strdup_printf ("%u", q->no);
          na = g_strdup_printf ("%u", q->na);
          un = g_strdup_printf ("%u", q->unanswered);
          pct = q->has_percent ? fw_report_format_tenths (q->tenths) : g_strdup ("");
          rounded = q->has_percent ? g_strdup_printf ("%u", q->shown_percent) : g_strdup ("");
          {
            const char *qrow[] = { "question", q->question->id, q->question->text,
                                   q->band ? q->band->id : "", "", yes, no, na, un, pct, rounded };
            csv_row (out, qrow, G_N_ELEMENTS (qrow));
          }
        }
    }
  for (guint i = 0; i < rating->provisional->len; i++)
    {
      const char *row[] = { "provisional", "", g_ptr_array_index (rating->provisional, i), "", "",
                            "", "", "", "", "", "" };
      csv_row (out, row, G_N_ELEMENTS (row));
    }
  if (rating->has_total && rating->rating == NULL)
    {
      /* nothing rated: no overall rating, not "0/12" */
      const char *row[] = { "overall", "total", info->service, "", "", "", "", "", "", "", "" };
      csv_row (out, row, G_N_ELEMENTS (row));
    }
  else if (rating->has_total)
    {
      g_autofree char *score = g_strdup_printf ("%u", rating->score);
      g_autofree char *title = g_strdup_printf ("%s (out of %u)", info->service, rating->max_score);
      const char *row[] = { "overall", "total", title, rating->rating ? rating->rating->id : "", score,
                            "", "", "", "", "", "" };
      csv_row (out, row, G_N_ELEMENTS (row));
    }
  return g_string_free (out, FALSE);
}
