/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-export-doc.h"
#include "fw-export-summary.h"

static void
esc (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_string_append (out, escaped);
}

static void
pill (GString *out, const char *text, FwBand *band)
{
  if (band)
    g_string_append_printf (out, "<span class=\"pill\" style=\"background:%s;color:%s\">", band->colour,
                            fw_band_text_colour (band->colour));
  else
    g_string_append (out, "<span class=\"pill none\">");
  esc (out, text);
  g_string_append (out, "</span>");
}

char *
fw_export_html (FwExportData *data)
{
  FwRating *rating = data->rating;
  GPtrArray *domains = fw_framework_get_domains (rating->framework);
  g_autofree char *sample = fw_summary_sample_text (data);
  g_autofree char *missing = fw_summary_missing_text (data);
  g_autofree char *provisional = fw_summary_provisional_text (data->rating);
  const char *lang = fw_framework_get_language (rating->framework);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                          lang ? lang : "en");
  esc (out, _("Ratings summary"));
  g_string_append (out, " — ");
  esc (out, data->info->service);
  g_string_append (out, "</title>\n<meta name=\"generator\" content=\"Fieldwork\">\n<style>\n"
    "body { font-family: Cantarell, 'DejaVu Sans', sans-serif; color: #1e1e1e; max-width: 52em; margin: 2em auto; padding: 0 1em; }\n"
    "h1 { margin: 0.2em 0; } .kicker { color: #555; font-weight: bold; text-transform: uppercase; font-size: 0.8em; }\n"
    ".details { color: #444; } .provisional { color: #c01c28; font-weight: bold; }\n"
    ".overall { background: #f6f5f4; padding: 0.6em 1em; display: flex; justify-content: space-between; align-items: center; font-weight: bold; font-size: 1.15em; }\n"
    "table { width: 100%; border-collapse: collapse; margin-bottom: 1.5em; }\n"
    "th { text-align: left; font-size: 0.8em; color: #555; border-bottom: 1px solid #999; }\n"
    "tr.standard td { border-top: 1px solid #bbb; padding-top: 0.5em; font-weight: bold; }\n"
    "td { vertical-align: top; padding: 0.2em 0.4em; } td.q { padding-left: 1.2em; }\n"
    ".statement, .rationale { font-weight: normal; color: #555; font-size: 0.9em; display: block; }\n"
    ".rationale { font-style: italic; }\n"
    ".pill { color: white; border-radius: 1em; padding: 0.1em 0.7em; font-size: 0.85em; font-weight: bold; white-space: nowrap; }\n"
    ".pill.none { background: #deddda; color: #333; }\n"
    ".bar { display: inline-block; width: 6em; height: 0.6em; background: #ebebea; vertical-align: middle; }\n"
    ".bar { position: relative; }\n"
    ".bar span { display: block; height: 100%; }\n"
    ".bar .ci { position: absolute; top: -0.15em; height: 0.9em; border: 1px solid #333; border-radius: 2px;"
    " background: none; box-sizing: border-box; }\n"
    ".bar .ci.could-change { border-color: #c01c28; border-width: 2px; }\n"
    ".interval { color: #5e5c64; font-size: 0.85em; }\n"
    ".pct { font-weight: bold; display: inline-block; width: 3em; text-align: right; } .count { color: #666; font-size: 0.85em; }\n"
    "@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } h2 { break-after: avoid; } "
    ".pill, .bar span, .overall { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }\n"
    "</style>\n</head>\n<body>\n");

  g_string_append (out, "<p class=\"kicker\">");
  esc (out, _("Ratings summary"));
  g_string_append (out, "</p>\n<h1>");
  esc (out, data->info->service);
  g_string_append (out, "</h1>\n<p>");
  esc (out, fw_framework_get_title (rating->framework));
  g_string_append (out, "</p>\n<p class=\"details\">");
  {
    g_autofree char *line = g_strdup_printf (_("Fieldwork started %s · Sample: %s%s%s · Produced %s"),
                                             data->started, sample, data->where ? _(" · Sub-sample: ") : "",
                                             data->where ? data->where : "", data->generated);
    esc (out, line);
  }
  g_string_append (out, "</p>\n");
  if (rating->has_total)
    {
      g_autofree char *score = fw_summary_overall_text (rating);
      g_string_append (out, "<div class=\"overall\"><span>");
      esc (out, score);
      g_string_append (out, "</span>");
      pill (out, rating->rating ? rating->rating->title : _("Not rated yet"), rating->rating);
      g_string_append (out, "</div>\n");
    }
  if (missing)
    {
      g_string_append (out, "<p class=\"provisional\">");
      esc (out, missing);
      g_string_append (out, "</p>\n");
    }
  if (provisional)
    {
      g_string_append (out, "<p class=\"provisional\">");
      esc (out, provisional);
      g_string_append (out, "</p>\n");
    }

  for (guint d = 0; d < domains->len; d++)
    {
      FwDomain *domain = g_ptr_array_index (domains, d);

      g_string_append (out, "<h2>");
      esc (out, domain->id);
      g_string_append (out, ". ");
      esc (out, domain->title);
      g_string_append (out, "</h2>\n<table>\n<tr><th>");
      esc (out, _("Standards and key questions"));
      g_string_append (out, "</th><th>");
      esc (out, _("Rating and % yes"));
      g_string_append (out, "</th></tr>\n");
      for (guint s = 0; s < domain->standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (domain->standards, s);
          FwStandardResult *r = &rating->standards[standard->index];
          const char *rationale = g_hash_table_lookup (data->rationales, standard->id);

          g_string_append_printf (out, "<tr class=\"standard\" id=\"s-%s\"><td>", standard->id);
          esc (out, standard->id);
          g_string_append_c (out, ' ');
          esc (out, standard->title);
          if (!standard->scored)
            {
              g_string_append_c (out, ' ');
              esc (out, _("(not scored)"));
            }
          if (standard->statement)
            {
              g_string_append (out, "<span class=\"statement\">");
              esc (out, standard->statement);
              g_string_append (out, "</span>");
            }
          if (r->judged && rationale)
            {
              g_string_append (out, "<span class=\"rationale\">");
              esc (out, rationale);
              g_string_append (out, "</span>");
            }
          g_string_append (out, "</td><td>");
          pill (out, fw_summary_standard_text (r), r->band);
          g_string_append (out, "</td></tr>\n");

          for (guint q = 0; q < r->n_questions; q++)
            {
              FwQuestionResult *qr = &r->questions[q];
              g_autofree char *pct = NULL, *counts = NULL;

              if (qr->question->index < 0)
                continue;
              pct = fw_summary_percent_text (qr);
              counts = fw_summary_counts_text (qr);
              g_string_append_printf (out, "<tr class=\"question\" id=\"q-%s\"><td class=\"q\">", qr->question->id);
              esc (out, qr->question->id);
              g_string_append_c (out, ' ');
              if (standard->stem)
                {
                  esc (out, standard->stem);
                  g_string_append_c (out, ' ');
                }
              esc (out, qr->question->text);
              esc (out, fw_summary_wording_note (qr->question));
              g_string_append (out, "</td><td><span class=\"bar\">");
              if (qr->has_percent)
                {
                  g_string_append_printf (out, "<span style=\"width:%u.%u%%;background:%s\"></span>",
                                          qr->tenths / 10, qr->tenths % 10, qr->band->colour);
                  /* how sure the %: its interval over the bar */
                  g_string_append_printf (out, "<span class=\"ci%s\" style=\"left:%u.%u%%;width:%u.%u%%\"></span>",
                                          qr->band_could_change ? " could-change" : "",
                                          qr->ci_low / 10, qr->ci_low % 10,
                                          (qr->ci_high - qr->ci_low) / 10, (qr->ci_high - qr->ci_low) % 10);
                }
              g_string_append (out, "</span> <span class=\"pct\">");
              esc (out, pct);
              g_string_append (out, "</span>");
              if (qr->has_percent)
                {
                  g_autofree char *interval = fw_summary_interval_text (qr);

                  g_string_append (out, " <span class=\"count\">");
                  esc (out, counts);
                  g_string_append (out, "</span> <span class=\"interval\">");
                  esc (out, interval);
                  g_string_append (out, "</span>");
                }
              g_string_append (out, "</td></tr>\n");
            }
        }
      g_string_append (out, "</table>\n");
    }
  if (data->breakdown)
    {
      GPtrArray *standards = fw_framework_get_standards (rating->framework);

      g_string_append (out, "<h2 id=\"by-kind\">");
      esc (out, _("By case kind"));
      g_string_append (out, "</h2>\n<table class=\"breakdown\">\n<tr><th></th>");
      for (guint c = 0; c < data->breakdown->len; c++)
        {
          FwBreakdownColumn *column = g_ptr_array_index (data->breakdown, c);
          g_autofree char *title = g_strdup_printf (_("%s (%u cases, %u complete)"), column->title,
                                                    column->n_cases, column->complete);
          g_string_append (out, "<th>");
          esc (out, title);
          g_string_append (out, "</th>");
        }
      g_string_append (out, "</tr>\n");
      for (guint s = 0; s < standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (standards, s);

          if (standard->rule == FW_RULE_JUDGED)
            continue;
          g_string_append (out, "<tr class=\"standard\"><td>");
          esc (out, standard->id);
          g_string_append (out, "</td>");
          for (guint c = 0; c < data->breakdown->len; c++)
            {
              FwStandardResult *r = &((FwBreakdownColumn *) g_ptr_array_index (data->breakdown, c))->rating->standards[s];
              g_string_append (out, "<td>");
              pill (out, fw_summary_standard_text (r), r->band);
              g_string_append (out, "</td>");
            }
          g_string_append (out, "</tr>\n");
          for (guint q = 0; q < standard->questions->len; q++)
            {
              FwQuestion *question = g_ptr_array_index (standard->questions, q);

              if (question->index < 0)
                continue;
              g_string_append (out, "<tr class=\"question\"><td class=\"q\">");
              esc (out, question->id);
              g_string_append (out, "</td>");
              for (guint c = 0; c < data->breakdown->len; c++)
                {
                  FwQuestionResult *r = &((FwBreakdownColumn *) g_ptr_array_index (data->breakdown, c))->rating->questions[question->index];
                  g_autofree char *pct = fw_summary_percent_text (r);
                  g_autofree char *counts = fw_summary_counts_text (r);

                  g_string_append (out, "<td><span class=\"pct\">");
                  esc (out, pct);
                  g_string_append (out, "</span>");
                  if (r->has_percent)
                    {
                      g_string_append (out, " <span class=\"count\">");
                      esc (out, counts);
                      g_string_append (out, "</span>");
                    }
                  g_string_append (out, "</td>");
                }
              g_string_append (out, "</tr>\n");
            }
        }
      g_string_append (out, "</table>\n");
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
