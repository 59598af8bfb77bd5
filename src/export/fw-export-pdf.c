/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "fw-export-doc.h"
#include "fw-export-summary.h"

/* A4 in points, with the report annex's two columns. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.0
#define BOTTOM (PAGE_H - MARGIN - 24.0)
#define COL2_W 150.0
#define COL1_W (PAGE_W - 2 * MARGIN - COL2_W - 12.0)
#define BAR_W 68.0
#define PCT_W 30.0   /* the % right-aligned in this width, then the counts */
#define PCT_GAP 6.0  /* between the bar (and its bracket) and the % */

typedef struct {
  cairo_t      *cr;
  gboolean      draw;       /* FALSE on the first pass, which only counts pages */
  guint         page;
  guint         n_pages;
  double        y;
  FwExportData *data;
} Pdf;

static PangoLayout *
layout_new (Pdf *pdf, const char *text, const char *font, double width, gboolean markup)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
set_grey (Pdf *pdf, double level)
{
  cairo_set_source_rgb (pdf->cr, level, level, level);
}

static void
show_layout (Pdf *pdf, PangoLayout *layout, double x, double y)
{
  if (!pdf->draw)
    return;
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
footer (Pdf *pdf)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  if (!pdf->draw)
    return;
  /* TRANSLATORS: page footer, "Page 2 of 5" */
  text = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages);
  layout = layout_new (pdf, text, "Sans 8", -1, FALSE);
  pango_layout_get_size (layout, &w, &h);
  set_grey (pdf, 0.4);
  show_layout (pdf, layout, PAGE_W - MARGIN - (double) w / PANGO_SCALE, PAGE_H - MARGIN + 6);
  {
    g_autofree char *left = g_strdup_printf ("%s — %s", pdf->data->info->service,
                                             fw_framework_get_title (pdf->data->rating->framework));
    g_autoptr(PangoLayout) l2 = layout_new (pdf, left, "Sans 8", COL1_W, FALSE);
    pango_layout_set_ellipsize (l2, PANGO_ELLIPSIZE_END);
    show_layout (pdf, l2, MARGIN, PAGE_H - MARGIN + 6);
  }
}

static void
new_page (Pdf *pdf)
{
  footer (pdf);
  if (pdf->draw)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

/* Makes room for a block of the given height. */
static void
need (Pdf *pdf, double height)
{
  if (pdf->y + height > BOTTOM && pdf->y > MARGIN + 1)
    new_page (pdf);
}

static void
pill (Pdf *pdf, const char *text, FwBand *band, double right_x, double y)
{
  g_autoptr(PangoLayout) layout = layout_new (pdf, text, "Sans Bold 8.5", -1, FALSE);
  int w, h;
  double width, height, x;
  double rgb[3];

  pango_layout_get_size (layout, &w, &h);
  width = (double) w / PANGO_SCALE + 12;
  height = (double) h / PANGO_SCALE + 4;
  x = right_x - width;
  if (!pdf->draw)
    return;
  fw_summary_parse_colour (band ? band->colour : "#deddda", rgb);
  cairo_new_sub_path (pdf->cr);
  cairo_arc (pdf->cr, x + height / 2, y + height / 2, height / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (pdf->cr, x + width - height / 2, y + height / 2, height / 2, -G_PI / 2, G_PI / 2);
  cairo_close_path (pdf->cr);
  cairo_set_source_rgb (pdf->cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill (pdf->cr);
  if (band)
    {
      fw_summary_parse_colour (fw_band_text_colour (band->colour), rgb);
      cairo_set_source_rgb (pdf->cr, rgb[0], rgb[1], rgb[2]);
    }
  else
    set_grey (pdf, 0.2);
  show_layout (pdf, layout, x + 6, y + 2);
}

static void
title_block (Pdf *pdf)
{
  FwExportData *data = pdf->data;
  FwRating *rating = data->rating;
  g_autofree char *sample = fw_summary_sample_text (data);
  g_autofree char *missing = fw_summary_missing_text (data);
  g_autofree char *provisional = fw_summary_provisional_text (rating);
  g_autofree char *line = NULL;
  g_autoptr(PangoLayout) kicker = layout_new (pdf, _("Ratings summary"), "Sans Bold 9", COL1_W, FALSE);
  g_autoptr(PangoLayout) service = layout_new (pdf, data->info->service, "Sans Bold 20", PAGE_W - 2 * MARGIN, FALSE);
  g_autoptr(PangoLayout) framework = layout_new (pdf, fw_framework_get_title (rating->framework), "Sans 11",
                                                 PAGE_W - 2 * MARGIN, FALSE);
  g_autoptr(PangoLayout) details = NULL;

  set_grey (pdf, 0.35);
  show_layout (pdf, kicker, MARGIN, pdf->y);
  pdf->y += layout_height (kicker) + 4;
  set_grey (pdf, 0.1);
  show_layout (pdf, service, MARGIN, pdf->y);
  pdf->y += layout_height (service) + 2;
  show_layout (pdf, framework, MARGIN, pdf->y);
  pdf->y += layout_height (framework) + 8;

  line = g_strdup_printf (_("Fieldwork started %s · Sample: %s%s%s · Produced %s"),
                          data->started, sample, data->where ? _(" · Sub-sample: ") : "",
                          data->where ? data->where : "", data->generated);
  details = layout_new (pdf, line, "Sans 9", PAGE_W - 2 * MARGIN, FALSE);
  set_grey (pdf, 0.3);
  show_layout (pdf, details, MARGIN, pdf->y);
  pdf->y += layout_height (details) + 12;

  /* the overall rating, as the report's ratings table opens */
  if (rating->has_total)
    {
      g_autofree char *score = fw_summary_overall_text (rating);
      g_autoptr(PangoLayout) overall = layout_new (pdf, score, "Sans Bold 13", COL1_W, FALSE);

      if (pdf->draw)
        {
          cairo_set_source_rgb (pdf->cr, 0.96, 0.96, 0.95);
          cairo_rectangle (pdf->cr, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, 34);
          cairo_fill (pdf->cr);
        }
      set_grey (pdf, 0.1);
      show_layout (pdf, overall, MARGIN + 10, pdf->y + 8);
      pill (pdf, rating->rating ? rating->rating->title : _("Not rated yet"), rating->rating,
            PAGE_W - MARGIN - 10, pdf->y + 9);
      pdf->y += 34 + 8;
    }
  if (missing)
    {
      g_autoptr(PangoLayout) warn = layout_new (pdf, missing, "Sans Bold 9", PAGE_W - 2 * MARGIN, FALSE);
      if (pdf->draw)
        cairo_set_source_rgb (pdf->cr, 0.75, 0.11, 0.16);
      show_layout (pdf, warn, MARGIN, pdf->y);
      pdf->y += layout_height (warn) + 8;
    }
  if (provisional)
    {
      g_autoptr(PangoLayout) note = layout_new (pdf, provisional, "Sans Bold 9", PAGE_W - 2 * MARGIN, FALSE);
      if (pdf->draw)
        cairo_set_source_rgb (pdf->cr, 0.75, 0.11, 0.16);
      show_layout (pdf, note, MARGIN, pdf->y);
      pdf->y += layout_height (note) + 8;
    }
}

static void
rule (Pdf *pdf, double y, double level)
{
  if (!pdf->draw)
    return;
  set_grey (pdf, level);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, y);
  cairo_line_to (pdf->cr, PAGE_W - MARGIN, y);
  cairo_stroke (pdf->cr);
}

static void
standard_row (Pdf *pdf, FwStandardResult *s)
{
  FwStandard *standard = s->standard;
  const char *rationale = g_hash_table_lookup (pdf->data->rationales, standard->id);
  g_autofree char *title = g_markup_printf_escaped ("<b>%s %s</b>%s%s", standard->id, standard->title,
                                                    standard->scored ? "" : " ", standard->scored ? "" : _("(not scored)"));
  g_autoptr(PangoLayout) head = layout_new (pdf, title, "Sans 10.5", COL1_W, TRUE);
  g_autoptr(PangoLayout) statement = standard->statement ? layout_new (pdf, standard->statement, "Sans 8.5", COL1_W, FALSE) : NULL;
  g_autoptr(PangoLayout) why = s->judged && rationale ? layout_new (pdf, rationale, "Sans Italic 8.5", COL1_W, FALSE) : NULL;
  double height = layout_height (head) + (statement ? layout_height (statement) + 2 : 0)
                + (why ? layout_height (why) + 2 : 0) + 10;

  need (pdf, height + 40);   /* keep a standard with its first question */
  rule (pdf, pdf->y, 0.6);
  pdf->y += 5;
  set_grey (pdf, 0.1);
  show_layout (pdf, head, MARGIN, pdf->y);
  pill (pdf, fw_summary_standard_text (s), s->band, PAGE_W - MARGIN, pdf->y);
  pdf->y += layout_height (head) + 2;
  if (statement)
    {
      set_grey (pdf, 0.35);
      show_layout (pdf, statement, MARGIN, pdf->y);
      pdf->y += layout_height (statement) + 2;
    }
  if (why)
    {
      set_grey (pdf, 0.25);
      show_layout (pdf, why, MARGIN, pdf->y);
      pdf->y += layout_height (why) + 2;
    }
  pdf->y += 5;
}

static void
question_row (Pdf *pdf, FwStandard *standard, FwQuestionResult *q)
{
  g_autofree char *text = g_strdup_printf ("%s %s%s%s%s", q->question->id, standard->stem ? standard->stem : "",
                                           standard->stem ? " " : "", q->question->text,
                                           fw_summary_wording_note (q->question));
  g_autofree char *pct = fw_summary_percent_text (q);
  g_autofree char *counts = fw_summary_counts_text (q);
  g_autoptr(PangoLayout) layout = layout_new (pdf, text, "Sans 9", COL1_W, FALSE);
  g_autoptr(PangoLayout) pct_layout = layout_new (pdf, pct, "Sans Bold 9", -1, FALSE);
  g_autoptr(PangoLayout) count_layout = layout_new (pdf, counts, "Sans 7.5", -1, FALSE);
  g_autofree char *interval = fw_summary_interval_text (q);
  g_autoptr(PangoLayout) interval_layout = interval ? layout_new (pdf, interval, "Sans 7", COL2_W, FALSE) : NULL;
  double height = MAX (layout_height (layout), interval_layout ? 12 + layout_height (interval_layout) : 14) + 6;
  double bar_x = PAGE_W - MARGIN - COL2_W;
  double rgb[3];

  need (pdf, height);
  set_grey (pdf, 0.15);
  show_layout (pdf, layout, MARGIN + 8, pdf->y);
  if (pdf->draw)
    {
      /* a bar per key question, coloured by its band */
      cairo_set_source_rgb (pdf->cr, 0.92, 0.92, 0.91);
      cairo_rectangle (pdf->cr, bar_x, pdf->y + 3, BAR_W, 7);
      cairo_fill (pdf->cr);
      if (q->has_percent)
        {
          fw_summary_parse_colour (q->band->colour, rgb);
          cairo_set_source_rgb (pdf->cr, rgb[0], rgb[1], rgb[2]);
          cairo_rectangle (pdf->cr, bar_x, pdf->y + 3, BAR_W * q->tenths / 1000.0, 7);
          cairo_fill (pdf->cr);
          /* how sure the %: its interval as a bracket over the bar, red where
           * the band could change within it */
          if (q->band_could_change)
            cairo_set_source_rgb (pdf->cr, 0.75, 0.11, 0.16);
          else
            cairo_set_source_rgb (pdf->cr, 0.2, 0.2, 0.2);
          cairo_set_line_width (pdf->cr, q->band_could_change ? 1.2 : 0.8);
          cairo_rectangle (pdf->cr, bar_x + BAR_W * q->ci_low / 1000.0, pdf->y + 2,
                           BAR_W * (q->ci_high - q->ci_low) / 1000.0, 9);
          cairo_stroke (pdf->cr);
        }
      set_grey (pdf, 0.1);
    }
  {
    int w, h;
    double pct_w, pct_x;

    /* the % right-aligned in its column, but never on the bar or its
     * bracket, however wide it is ("100%"); the counts after it */
    pango_layout_get_size (pct_layout, &w, &h);
    pct_w = (double) w / PANGO_SCALE;
    pct_x = MAX (bar_x + BAR_W + PCT_GAP, bar_x + BAR_W + PCT_GAP + PCT_W - pct_w);
    show_layout (pdf, pct_layout, pct_x, pdf->y);
    set_grey (pdf, 0.4);
    if (q->has_percent)
      show_layout (pdf, count_layout, MAX (bar_x + BAR_W + PCT_GAP + PCT_W, pct_x + pct_w) + 5, pdf->y + 1.5);
  }
  if (interval_layout)
    {
      set_grey (pdf, q->band_could_change ? 0.3 : 0.5);
      show_layout (pdf, interval_layout, bar_x, pdf->y + 12);
    }
  pdf->y += height;
}

/* A sub-sample does not spend pages on the standards it cannot rate: those
 * of kinds of case it has none of. Judged standards are the inspection's. */
static gboolean
left_out (Pdf *pdf, FwStandardResult *r)
{
  return pdf->data->where != NULL && r->standard->kinds != 0 && r->applicable_cases == 0;
}

static void
left_out_note (Pdf *pdf)
{
  FwRating *rating = pdf->data->rating;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  for (guint i = 0; i < rating->n_standards; i++)
    if (left_out (pdf, &rating->standards[i]))
      g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", rating->standards[i].standard->id);
  if (ids->len == 0)
    return;
  text = g_strdup_printf (_("Left out: the standards this sub-sample has no cases for (%s)."), ids->str);
  layout = layout_new (pdf, text, "Sans 9", PAGE_W - 2 * MARGIN, FALSE);
  set_grey (pdf, 0.3);
  show_layout (pdf, layout, MARGIN, pdf->y);
  pdf->y += layout_height (layout) + 8;
}

static gboolean
render (Pdf *pdf, FwExportProgress progress, gpointer user_data, GCancellable *cancellable, GError **error)
{
  FwRating *rating = pdf->data->rating;
  GPtrArray *domains = fw_framework_get_domains (rating->framework);

  pdf->page = 1;
  pdf->y = MARGIN;
  title_block (pdf);
  left_out_note (pdf);

  for (guint d = 0; d < domains->len; d++)
    {
      FwDomain *domain = g_ptr_array_index (domains, d);
      g_autofree char *heading = g_strdup_printf ("%s. %s", domain->id, domain->title);
      g_autoptr(PangoLayout) layout = layout_new (pdf, heading, "Sans Bold 13", COL1_W, FALSE);
      g_autoptr(PangoLayout) col1 = layout_new (pdf, _("Standards and key questions"), "Sans Bold 8", COL1_W, FALSE);
      g_autoptr(PangoLayout) col2 = layout_new (pdf, _("Rating and % yes"), "Sans Bold 8", COL2_W, FALSE);
      gboolean any = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint s = 0; s < domain->standards->len; s++)
        any |= !left_out (pdf, &rating->standards[((FwStandard *) g_ptr_array_index (domain->standards, s))->index]);
      if (!any)
        {
          if (progress && pdf->draw)
            progress ((d + 1.0) / domains->len, user_data);
          continue;
        }
      need (pdf, layout_height (layout) + 150);   /* keep the heading with its first standard */
      pdf->y += 10;
      set_grey (pdf, 0.1);
      show_layout (pdf, layout, MARGIN, pdf->y);
      pdf->y += layout_height (layout) + 6;
      set_grey (pdf, 0.4);
      show_layout (pdf, col1, MARGIN, pdf->y);
      show_layout (pdf, col2, PAGE_W - MARGIN - COL2_W, pdf->y);
      pdf->y += layout_height (col1) + 3;

      for (guint s = 0; s < domain->standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (domain->standards, s);
          FwStandardResult *r = &rating->standards[standard->index];

          if (left_out (pdf, r))
            continue;
          standard_row (pdf, r);
          for (guint q = 0; q < r->n_questions; q++)
            if (r->questions[q].question->index >= 0)
              question_row (pdf, standard, &r->questions[q]);
        }
      if (progress && pdf->draw)
        progress ((d + 1.0) / domains->len, user_data);
    }
  footer (pdf);
  if (pdf->draw)
    cairo_show_page (pdf->cr);
  return TRUE;
}

gboolean
fw_export_pdf (FwExportData *data, const char *path, FwExportProgress progress, gpointer user_data,
               GCancellable *cancellable, GError **error)
{
  Pdf pdf = { 0, };
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  gboolean ok;

  pdf.data = data;

  /* first pass: count the pages for "Page n of m" */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  pdf.cr = cairo_create (surface);
  pdf.draw = FALSE;
  ok = render (&pdf, NULL, NULL, cancellable, error);
  pdf.n_pages = pdf.page;
  cairo_destroy (pdf.cr);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  if (!fw_export_create_private (tmp, path, error))
    return FALSE;
  surface = cairo_pdf_surface_create (tmp, PAGE_W, PAGE_H);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      g_unlink (tmp);
      return FALSE;
    }
  {
    g_autofree char *title = g_strdup_printf (_("Ratings summary — %s"), data->info->service);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Fieldwork");
  }
  pdf.cr = cairo_create (surface);
  pdf.draw = TRUE;
  ok = render (&pdf, progress, user_data, cancellable, error);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, cairo_status_to_string (status));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}
