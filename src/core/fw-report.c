/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include "fw-report.h"

char *
fw_report_format_tenths (guint tenths)
{
  return g_strdup_printf ("%u.%u", tenths / 10, tenths % 10);
}

static void
json_string (GString *out, const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      guchar c = *p;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static const char *
state_name (FwStandardState state)
{
  switch (state)
    {
    case FW_STANDARD_RATED: return "rated";
    case FW_STANDARD_PENDING: return "pending";
    case FW_STANDARD_NOT_RATED: return "not-rated";
    default: g_assert_not_reached ();
    }
}

char *
fw_report_json (FwRating *rating, FwInspectionInfo *info, const FwFilter *filter)
{
  GString *out = g_string_new ("{\n  \"inspection\": ");
  g_autofree char *where = filter ? fw_filter_describe (filter) : NULL;
  guint n_findings;

  json_string (out, info->id);
  g_string_append (out, ",\n  \"framework\": ");
  json_string (out, fw_framework_get_id (rating->framework));
  g_string_append (out, ",\n  \"service\": ");
  json_string (out, info->service);
  g_string_append (out, ",\n  \"start\": ");
  json_string (out, info->start_date);
  g_string_append (out, ",\n  \"where\": ");
  json_string (out, where && *where ? where : NULL);
  g_string_append_printf (out, ",\n  \"complete\": %s,\n  \"standards\": [", rating->complete ? "true" : "false");

  for (guint i = 0, n = 0; i < rating->n_standards; i++)
    {
      FwStandardResult *s = &rating->standards[i];
      gboolean first_q = TRUE;

      if (fw_standard_result_informs (s))
        continue;   /* under "other_findings" */
      g_string_append (out, n++ ? ",\n    { \"id\": " : "\n    { \"id\": ");
      json_string (out, s->standard->id);
      g_string_append (out, ", \"title\": ");
      json_string (out, s->standard->title);
      g_string_append (out, ", \"rating\": ");
      json_string (out, s->band ? s->band->id : NULL);
      if (s->standard->scored && s->band)
        g_string_append_printf (out, ", \"score\": %u", s->score);
      else
        g_string_append (out, ", \"score\": null");
      g_string_append_printf (out, ", \"judged\": %s, \"scored\": %s, \"state\": \"%s\",",
                              s->judged ? "true" : "false", s->standard->scored ? "true" : "false",
                              state_name (s->state));
      if (s->standard->rule == FW_RULE_POOLED)
        {
          g_autofree char *pct = s->yes + s->no ? fw_report_format_tenths (s->tenths) : g_strdup ("null");
          g_string_append_printf (out, " \"pooled\": { \"yes\": %u, \"no\": %u, \"percent\": %s },",
                                  s->yes, s->no, pct);
        }
      g_string_append (out, "\n      \"questions\": [");
      for (guint j = 0; j < s->n_questions; j++)
        {
          FwQuestionResult *q = &s->questions[j];

          if (q->question->index < 0)
            continue;
          g_string_append (out, first_q ? "\n        { \"id\": " : ",\n        { \"id\": ");
          first_q = FALSE;
          json_string (out, q->question->id);
          g_string_append_printf (out, ", \"yes\": %u, \"no\": %u, \"na\": %u, \"unanswered\": %u, \"percent\": ",
                                  q->yes, q->no, q->na, q->unanswered);
          if (q->has_percent)
            {
              g_autofree char *pct = fw_report_format_tenths (q->tenths);
              g_string_append_printf (out, "%s, \"rounded\": %u, \"band\": ", pct, q->shown_percent);
            }
          else
            g_string_append (out, "null, \"rounded\": null, \"band\": ");
          json_string (out, q->band ? q->band->id : NULL);
          g_string_append_printf (out, ", \"rounding_decided\": %s", q->rounding_decided ? "true" : "false");
          if (q->has_percent)
            {
              g_autofree char *low = fw_report_format_tenths (q->ci_low);
              g_autofree char *high = fw_report_format_tenths (q->ci_high);
              g_string_append_printf (out, ", \"ci_low\": %s, \"ci_high\": %s, \"band_could_change\": %s }",
                                      low, high, q->band_could_change ? "true" : "false");
            }
          else
            g_string_append (out, ", \"ci_low\": null, \"ci_high\": null, \"band_could_change\": false }");
        }
      g_string_append (out, first_q ? "] }" : "\n      ] }");
    }

  g_string_append (out, "\n  ],\n");
  if (rating->has_total && rating->rating != NULL)
    {
      g_string_append_printf (out, "  \"score\": %u, \"max_score\": %u, \"rating\": ", rating->score, rating->max_score);
      json_string (out, rating->rating ? rating->rating->id : NULL);
    }
  else
    g_string_append (out, "  \"score\": null, \"max_score\": null, \"rating\": null");
  g_string_append (out, ",\n  \"missing\": [");
  for (guint i = 0; i < rating->missing->len; i++)
    {
      g_string_append (out, i ? ", " : "");
      json_string (out, g_ptr_array_index (rating->missing, i));
    }
  g_string_append (out, "],\n  \"provisional\": [");
  for (guint i = 0; i < rating->provisional->len; i++)
    {
      g_string_append (out, i ? ", " : "");
      json_string (out, g_ptr_array_index (rating->provisional, i));
    }
  /* questions answered per case and reported, never scored */
  g_string_append (out, "],\n  \"other_findings\": [");
  n_findings = 0;
  for (guint i = 0; i < rating->n_standards; i++)
    {
      FwStandardResult *s = &rating->standards[i];

      if (!fw_standard_result_informs (s))
        continue;
      for (guint j = 0; j < s->n_questions; j++)
        {
          FwQuestionResult *q = &s->questions[j];

          if (q->question->index < 0)
            continue;
          g_string_append (out, n_findings++ ? ",\n    { \"id\": " : "\n    { \"id\": ");
          json_string (out, q->question->id);
          g_string_append (out, ", \"text\": ");
          json_string (out, q->question->text);
          g_string_append_printf (out, ", \"yes\": %u, \"no\": %u, \"na\": %u, \"unanswered\": %u, \"percent\": ",
                                  q->yes, q->no, q->na, q->unanswered);
          if (q->has_percent)
            {
              g_autofree char *pct = fw_report_format_tenths (q->tenths);
              g_string_append_printf (out, "%s, \"rounded\": %u", pct, q->shown_percent);
            }
          else
            g_string_append (out, "null, \"rounded\": null");
          g_string_append_printf (out, ", \"provisional\": %s }", q->question->provisional ? "true" : "false");
        }
    }
  g_string_append (out, n_findings ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

char *
fw_report_text (FwRating *rating, FwInspectionInfo *info, const FwFilter *filter)
{
  GString *out = g_string_new (NULL);
  GPtrArray *domains = fw_framework_get_domains (rating->framework);
  g_autofree char *where = filter ? fw_filter_describe (filter) : NULL;

  g_string_append_printf (out, "%s — %s\n", info->service, fw_framework_get_title (rating->framework));
  g_string_append_printf (out, "Fieldwork started %s", info->start_date);
  if (where && *where)
    g_string_append_printf (out, " — sub-sample: %s", where);
  g_string_append (out, "\n");
  if (!rating->complete)
    g_string_append (out, "PROVISIONAL: not every answer or judgement is in.\n");

  for (guint d = 0; d < domains->len; d++)
    {
      FwDomain *domain = g_ptr_array_index (domains, d);

      g_string_append_printf (out, "\n%s. %s\n", domain->id, domain->title);
      for (guint i = 0; i < domain->standards->len; i++)
        {
          FwStandard *standard = g_ptr_array_index (domain->standards, i);
          FwStandardResult *s = &rating->standards[standard->index];
          const char *rating_text = s->band ? s->band->title
                                  : s->state == FW_STANDARD_NOT_RATED ? "Not rated" : "—";

          if (fw_standard_result_informs (s))
            rating_text = "Other findings: reported, not scored";
          g_string_append_printf (out, "  %-8s %-46.46s %s%s%s\n", standard->id, standard->title, rating_text,
                                  s->judged ? " (judged)" : "",
                                  standard->scored || fw_standard_result_informs (s) ? "" : " (not scored)");
          for (guint j = 0; j < s->n_questions; j++)
            {
              FwQuestionResult *q = &s->questions[j];

              if (q->question->index < 0)
                continue;
              if (q->has_percent)
                g_string_append_printf (out, "    %-10s %3u%%  %3u yes %3u no %3u n/a %3u unanswered  %s%s\n",
                                        q->question->id, q->shown_percent, q->yes, q->no, q->na,
                                        q->unanswered, q->band->title,
                                        q->rounding_decided ? " (rounding decides the band)" : "");
              else
                g_string_append_printf (out, "    %-10s    —  %3u yes %3u no %3u n/a %3u unanswered\n",
                                        q->question->id, q->yes, q->no, q->na, q->unanswered);
            }
        }
    }

  if (rating->has_total && rating->rating == NULL)
    g_string_append (out, "\nNot rated yet: no standard has a rating.\n");
  else if (rating->has_total)
    g_string_append_printf (out, "\nScore %u/%u — overall rating: %s%s\n", rating->score, rating->max_score,
                            rating->rating->title, rating->complete ? "" : " (provisional)");
  for (guint i = 0; i < rating->provisional->len; i++)
    g_string_append_printf (out, "%s  provisional: %s\n", i || rating->has_total ? "" : "\n",
                            (char *) g_ptr_array_index (rating->provisional, i));
  for (guint i = 0; i < rating->missing->len; i++)
    g_string_append_printf (out, "%s  missing: %s\n", i ? "" : "\n", (char *) g_ptr_array_index (rating->missing, i));
  return g_string_free (out, FALSE);
}
