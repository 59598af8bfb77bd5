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
  if (rating->has_total)
    {
      g_autofree char *score = g_strdup_printf ("%u", rating->score);
      g_autofree char *title = g_strdup_printf ("%s (out of %u)", info->service, rating->max_score);
      const char *row[] = { "overall", "total", title, rating->rating ? rating->rating->id : "", score,
                            "", "", "", "", "", "" };
      csv_row (out, row, G_N_ELEMENTS (row));
    }
  return g_string_free (out, FALSE);
}

char *
fw_export_answers_csv (FwStore *store, const char *inspection_id, const FwFilter *filter, GError **error)
{
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, filter, error);
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GHashTable) by_case = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_hash_table_unref);
  g_autoptr(FwFramework) fw = NULL;
  GString *out;
  static const char *header[] = { "reference", "kind", "disposal", "gender", "age", "ethnicity", "rosh",
                                  "safety_wellbeing", "case_manager", "inspector", "status",
                                  "question", "answer", "note" };

  if (cases == NULL || (fw = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return NULL;
  /* every answer in one query, by case then item (a query per item was
   * most of the time of a large export) */
  if ((answers = fw_store_list_answers (store, inspection_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < answers->len; i++)
    {
      FwAnswerRow *a = g_ptr_array_index (answers, i);
      GHashTable *items = g_hash_table_lookup (by_case, a->case_id);

      if (items == NULL)
        {
          items = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (by_case, a->case_id, items);
        }
      g_hash_table_insert (items, a->item, a);
    }
  out = g_string_new (BOM);
  csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      FwKind *kind = fw_framework_find_kind (fw, c->attrs[FW_ATTR_KIND]);
      GPtrArray *standards = fw_framework_get_standards (fw);
      GHashTable *items = g_hash_table_lookup (by_case, c->id);

      for (guint s = 0; s < standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (standards, s);

          for (guint q = 0; q < standard->questions->len; q++)
            {
              FwQuestion *question = g_ptr_array_index (standard->questions, q);

              if (!fw_question_applies_to (question, kind))
                continue;
              for (int p = -1; p < (int) question->prompts->len; p++)
                {
                  const char *item = p < 0 ? question->id
                                           : ((FwPrompt *) g_ptr_array_index (question->prompts, p))->id;
                  FwAnswerRow *a = items ? g_hash_table_lookup (items, item) : NULL;
                  FwAnswer answer = a ? a->answer : FW_ANSWER_NONE;
                  const char *note = a ? a->note : NULL;

                  if (p >= 0 && answer == FW_ANSWER_NONE)
                    continue;   /* prompts are optional */
                  {
                    const char *row[] = { c->reference, c->attrs[FW_ATTR_KIND], c->attrs[FW_ATTR_DISPOSAL],
                                          c->attrs[FW_ATTR_GENDER], c->attrs[FW_ATTR_AGE],
                                          c->attrs[FW_ATTR_ETHNICITY], c->attrs[FW_ATTR_ROSH],
                                          c->attrs[FW_ATTR_SAFETY_WELLBEING], c->attrs[FW_ATTR_CASE_MANAGER],
                                          c->attrs[FW_ATTR_INSPECTOR], c->attrs[FW_ATTR_STATUS],
                                          item, fw_answer_to_string (answer), note };
                    csv_row (out, row, G_N_ELEMENTS (row));
                  }
                }
            }
        }
    }
  return g_string_free (out, FALSE);
}
