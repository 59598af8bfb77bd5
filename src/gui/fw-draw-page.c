/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-draw-page.h"

struct _FwDrawPage {
  AdwWindow      parent_instance;

  FwSession     *session;
  FwDrawSummary *summary;
  char          *message;
  char          *chart_text;

  /* template */
  GtkAdjustment *confidence;
  GtkAdjustment *margin;
  GtkAdjustment *per_case_manager;
  GtkAdjustment *reserve;
  GtkWidget     *seed;
  GtkWidget     *size_label;
  GtkWidget     *chart;
  GtkWidget     *exclusions_label;
  GtkWidget     *sample_label;
  GtkWidget     *replace_case;
  GtkWidget     *replace_group;   /* nothing to replace before the draw */
  GtkStringList *sample_cases;
  GtkWidget     *reason;
  GtkWidget     *status;
  GtkWidget     *options_group;
};

G_DEFINE_FINAL_TYPE (FwDrawPage, fw_draw_page, ADW_TYPE_WINDOW)

#define ROW_HEIGHT   34
#define TITLE_HEIGHT 30
#define LABEL_WIDTH  250

/* ---------------------------------------------------------------- showing */

static void
show_message (FwDrawPage *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->status), message ? message : "");
  gtk_widget_set_visible (self->status, message != NULL);
}

static char *
size_text (FwDrawSummary *summary)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; k < summary->kinds->len; k++)
    {
      FwDrawKind *dk = g_ptr_array_index (summary->kinds, k);

      if (dk->listed == 0)
        continue;
      if (out->len)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "<b>%s</b>\n", dk->kind_title);
      g_string_append_printf (out, _("Population: %u eligible of %u listed (%u excluded)"), dk->eligible,
                              dk->listed, dk->excluded);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Confidence %u %%, margin %u %%: z = %.4f, n₀ = %.1f; "
                                     "with the finite-population correction %.2f, rounded up to %u"),
                              summary->confidence, summary->margin, dk->z, dk->n0, dk->n_corrected, dk->n_formula);
      g_string_append_c (out, '\n');
      if (dk->has_limit)
        g_string_append_printf (out, _("Within the framework's limits of %u to %u: sample of %u"),
                                dk->limit_min, dk->limit_max, dk->n);
      else
        g_string_append_printf (out, _("No limits in the framework: sample of %u"), dk->n);
      if (summary->drawn)
        {
          g_string_append_c (out, '\n');
          g_string_append_printf (out, _("Drawn: %u"), dk->drawn);
        }
    }
  if (out->len == 0)
    g_string_append (out, _("No population yet: import the eligible caseload (reference, kind, attributes, "
                            "case_manager, start_date, excluded)."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
update (FwDrawPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) chart = g_string_new (NULL);
  g_autoptr(GString) exclusions = g_string_new (NULL);
  g_autoptr(GString) sample = g_string_new (NULL);
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  g_autofree char *size = NULL;
  g_autofree char *keep = NULL;
  GtkStringObject *chosen;
  FwDrawSummary *summary;
  guint height = 0;

  summary = fw_draw_summarize (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session),
                               (guint) gtk_adjustment_get_value (self->confidence),
                               (guint) gtk_adjustment_get_value (self->margin), &error);
  if (summary == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_clear_pointer (&self->summary, fw_draw_summary_free);
  self->summary = summary;

  if (summary->drawn)
    {
      /* what the draw used, fixed now */
      gtk_adjustment_set_value (self->confidence, summary->confidence);
      gtk_adjustment_set_value (self->margin, summary->margin);
      gtk_adjustment_set_value (self->per_case_manager, summary->per_case_manager);
      gtk_adjustment_set_value (self->reserve, summary->reserve);
      gtk_editable_set_text (GTK_EDITABLE (self->seed), summary->seed);
    }
  gtk_widget_set_sensitive (self->options_group, !summary->drawn);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.draw", !summary->drawn);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.import-population", !summary->drawn);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.replace", summary->drawn);
  gtk_widget_set_sensitive (self->replace_group, summary->drawn);

  size = size_text (summary);
  gtk_label_set_markup (GTK_LABEL (self->size_label), size);

  for (guint k = 0; k < summary->kinds->len; k++)
    {
      FwDrawKind *dk = g_ptr_array_index (summary->kinds, k);

      if (dk->eligible == 0)
        continue;
      height += TITLE_HEIGHT + ROW_HEIGHT * dk->strata->len;
      g_string_append_printf (chart, "%s: ", dk->kind_title);
      for (guint i = 0; i < dk->strata->len; i++)
        {
          FwStratum *st = g_ptr_array_index (dk->strata, i);

          /* TRANSLATORS: one stratum of the chart, read by a screen reader */
          g_string_append_printf (chart, _("%s %s: population %u, sample %u, proportional %.1f; "),
                                  st->attribute_title, st->value_title, st->population, st->sample, st->quota);
        }
      for (guint i = 0; i < dk->sample->len; i++)
        g_ptr_array_add (refs, g_ptr_array_index (dk->sample, i));
      if (dk->sample->len)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (dk->sample, NULL);
          list = g_strjoinv (", ", (char **) dk->sample->pdata);
          g_ptr_array_remove_index (dk->sample, dk->sample->len - 1);
          g_string_append_printf (sample, _("%s sample, in drawn order: %s\n"), dk->kind_title, list);
        }
      if (dk->reserve->len)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (dk->reserve, NULL);
          list = g_strjoinv (", ", (char **) dk->reserve->pdata);
          g_ptr_array_remove_index (dk->reserve, dk->reserve->len - 1);
          g_string_append_printf (sample, _("%s reserve, in drawn order: %s\n"), dk->kind_title, list);
        }
    }
  if (summary->strata->len == 0)
    g_string_append (chart, _("The framework names no strata."));
  g_free (self->chart_text);
  self->chart_text = g_strdup (chart->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->chart_text, -1);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->chart), MAX (height, 1) + 28);
  gtk_widget_queue_draw (self->chart);

  for (guint i = 0; i < summary->exclusions->len; i++)
    {
      FwExclusion *e = g_ptr_array_index (summary->exclusions, i);
      g_string_append_printf (exclusions, "%s%s — %s", i ? "\n" : "", e->reference, e->reason);
    }
  gtk_label_set_text (GTK_LABEL (self->exclusions_label),
                      exclusions->len ? exclusions->str : _("No case of the population is excluded."));

  for (guint i = 0; i < summary->replacements->len; i++)
    {
      FwReplacement *r = g_ptr_array_index (summary->replacements, i);
      g_string_append_printf (sample, _("%s replaced by %s: %s\n"), r->reference, r->replaced_by,
                              r->reason ? r->reason : "");
    }
  if (summary->drawn)
    g_string_append_printf (sample, _("Seed %s, drawn by %s on %.10s."), summary->seed,
                            summary->who ? summary->who : "", summary->at);
  if (summary->strata_provisional)
    g_string_append_printf (sample, "%s%s", sample->len ? "\n" : "",
                            _("The strata are provisional: the framework's choice is not confirmed."));
  gtk_label_set_text (GTK_LABEL (self->sample_label), sample->len ? sample->str : _("Not drawn yet."));
  /* the case chosen to replace stays chosen while it is still drawn */
  chosen = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->replace_case));
  keep = chosen ? g_strdup (gtk_string_object_get_string (chosen)) : NULL;
  gtk_string_list_splice (self->sample_cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sample_cases)),
                          NULL);
  for (guint i = 0; i < refs->len; i++)
    {
      gtk_string_list_append (self->sample_cases, g_ptr_array_index (refs, i));
      if (g_strcmp0 (g_ptr_array_index (refs, i), keep) == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->replace_case), i);
    }
}

/* ---------------------------------------------------------------- the chart */

static void
draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double width,
           gboolean right)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, right ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x + width - w : x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  FwDrawPage *self = data;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  GdkRGBA fg, population = { 0.60, 0.60, 0.59, 1 }, sample = { 0.21, 0.52, 0.89, 1 };
  double y = 14, bars = MAX (width - LABEL_WIDTH - 150, 60);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (self->summary == NULL)
    return;

  /* legend */
  gdk_cairo_set_source_rgba (cr, &population);
  cairo_rectangle (cr, LABEL_WIDTH, y - 5, 14, 10);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &fg);
  draw_text (cr, layout, _("population"), LABEL_WIDTH + 20, y, 120, FALSE);
  gdk_cairo_set_source_rgba (cr, &sample);
  cairo_rectangle (cr, LABEL_WIDTH + 150, y - 5, 14, 10);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &fg);
  draw_text (cr, layout, _("sample"), LABEL_WIDTH + 170, y, 120, FALSE);
  y += 14;

  for (guint k = 0; k < self->summary->kinds->len; k++)
    {
      FwDrawKind *dk = g_ptr_array_index (self->summary->kinds, k);
      guint n = dk->drawn ? dk->drawn : dk->n;

      if (dk->eligible == 0)
        continue;
      gdk_cairo_set_source_rgba (cr, &fg);
      {
        g_autofree char *title = g_strdup_printf (_("%s: %u eligible, sample of %u"), dk->kind_title,
                                                  dk->eligible, n);
        PangoAttrList *attrs = pango_attr_list_new ();

        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        pango_layout_set_attributes (layout, attrs);
        draw_text (cr, layout, title, 0, y + TITLE_HEIGHT / 2.0, width, FALSE);
        pango_layout_set_attributes (layout, NULL);
        pango_attr_list_unref (attrs);
      }
      y += TITLE_HEIGHT;
      for (guint i = 0; i < dk->strata->len; i++)
        {
          FwStratum *st = g_ptr_array_index (dk->strata, i);
          double p_share = (double) st->population / dk->eligible;
          double s_share = dk->drawn ? (double) st->sample / dk->drawn : st->quota / MAX (n, 1);
          g_autofree char *label = g_strdup_printf ("%s: %s", st->attribute_title, st->value_title);
          g_autofree char *counts = dk->drawn
            ? g_strdup_printf ("%u · %u", st->population, st->sample)
            : g_strdup_printf ("%u · %.1f", st->population, st->quota);

          gdk_cairo_set_source_rgba (cr, &fg);
          draw_text (cr, layout, label, 0, y + ROW_HEIGHT / 2.0, LABEL_WIDTH - 10, FALSE);
          gdk_cairo_set_source_rgba (cr, &population);
          cairo_rectangle (cr, LABEL_WIDTH, y + 4, MAX (bars * p_share, 1), 12);
          cairo_fill (cr);
          gdk_cairo_set_source_rgba (cr, &sample);
          if (!dk->drawn)
            {
              /* before the draw: the proportional share, outlined */
              cairo_set_line_width (cr, 1.5);
              cairo_rectangle (cr, LABEL_WIDTH + 0.75, y + 17.75, MAX (bars * s_share - 1.5, 1), 10.5);
              cairo_stroke (cr);
            }
          else
            {
              cairo_rectangle (cr, LABEL_WIDTH, y + 17, MAX (bars * s_share, 1), 12);
              cairo_fill (cr);
            }
          gdk_cairo_set_source_rgba (cr, &fg);
          draw_text (cr, layout, counts, LABEL_WIDTH + bars + 10, y + ROW_HEIGHT / 2.0, 130, FALSE);
          y += ROW_HEIGHT;
        }
    }
}

/* ---------------------------------------------------------------- actions */

static void
action_draw (GtkWidget *widget, const char *name, GVariant *param)
{
  FwDrawPage *self = FW_DRAW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  FwDrawOptions options;

  fw_draw_options_init (&options);
  options.confidence = (guint) gtk_adjustment_get_value (self->confidence);
  options.margin = (guint) gtk_adjustment_get_value (self->margin);
  options.per_case_manager = (guint) gtk_adjustment_get_value (self->per_case_manager);
  options.reserve = (guint) gtk_adjustment_get_value (self->reserve);
  options.seed = gtk_editable_get_text (GTK_EDITABLE (self->seed));
  summary = fw_draw_sample (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session),
                            &options, &error);
  show_message (self, summary ? NULL : error->message);
  update (self);
}

static void
action_replace (GtkWidget *widget, const char *name, GVariant *param)
{
  FwDrawPage *self = FW_DRAW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->replace_case));

  if (chosen == NULL)
    return;
  by = fw_draw_replace_case (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session),
                             gtk_string_object_get_string (chosen),
                             gtk_editable_get_text (GTK_EDITABLE (self->reason)), &error);
  show_message (self, by ? NULL : error->message);
  if (by)
    gtk_editable_set_text (GTK_EDITABLE (self->reason), "");
  update (self);
}

static void
on_population_chosen (GtkNativeDialog *native, int response, gpointer data)
{
  FwDrawPage *self = data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      gboolean ok = fw_population_import (fw_session_get_store (self->session),
                                          fw_session_get_inspection_id (self->session), path, NULL, &error);
      show_message (self, ok ? NULL : error->message);
      update (self);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
action_import_population (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import the Population"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_population_chosen), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_sampling_changed (FwDrawPage *self)
{
  if (self->summary && !self->summary->drawn)
    update (self);
}

static void
on_store_changed (FwStore *store, FwChange *change, FwDrawPage *self)
{
  if (g_strcmp0 (change->inspection_id, fw_session_get_inspection_id (self->session)) != 0)
    return;
  if (change->kind == FW_CHANGE_SAMPLE || change->kind == FW_CHANGE_RELOAD)
    update (self);
}

/* ---------------------------------------------------------------- class */

FwDrawSummary *
fw_draw_page_get_summary (FwDrawPage *self)
{
  g_return_val_if_fail (FW_IS_DRAW_PAGE (self), NULL);
  return self->summary;
}

const char *
fw_draw_page_get_message (FwDrawPage *self)
{
  g_return_val_if_fail (FW_IS_DRAW_PAGE (self), NULL);
  return self->message;
}

const char *
fw_draw_page_get_chart_text (FwDrawPage *self)
{
  g_return_val_if_fail (FW_IS_DRAW_PAGE (self), NULL);
  return self->chart_text;
}

static void
fw_draw_page_dispose (GObject *object)
{
  FwDrawPage *self = FW_DRAW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_DRAW_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (fw_draw_page_parent_class)->dispose (object);
}

static void
fw_draw_page_finalize (GObject *object)
{
  FwDrawPage *self = FW_DRAW_PAGE (object);

  g_clear_pointer (&self->summary, fw_draw_summary_free);
  g_free (self->message);
  g_free (self->chart_text);
  G_OBJECT_CLASS (fw_draw_page_parent_class)->finalize (object);
}

static void
fw_draw_page_class_init (FwDrawPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_draw_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_draw_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-draw-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, confidence);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, margin);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, per_case_manager);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, reserve);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, seed);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, size_label);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, chart);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, exclusions_label);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, sample_label);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, replace_case);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, replace_group);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, sample_cases);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, reason);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, status);
  gtk_widget_class_bind_template_child (widget_class, FwDrawPage, options_group);
  gtk_widget_class_bind_template_callback (widget_class, on_sampling_changed);

  gtk_widget_class_install_action (widget_class, "draw.draw", NULL, action_draw);
  gtk_widget_class_install_action (widget_class, "draw.replace", NULL, action_replace);
  gtk_widget_class_install_action (widget_class, "draw.import-population", NULL, action_import_population);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "draw.draw", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "draw.import-population", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fw_draw_page_init (FwDrawPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
}

GtkWidget *
fw_draw_page_new (GtkWindow *parent, FwSession *session)
{
  FwDrawPage *self;
  guint confidence = 80, margin = 5;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  self = g_object_new (FW_TYPE_DRAW_PAGE, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  fw_framework_get_sampling (fw_session_get_framework (session), &confidence, &margin);
  gtk_adjustment_set_value (self->confidence, confidence);
  gtk_adjustment_set_value (self->margin, margin);
  gtk_adjustment_set_value (self->per_case_manager, FW_DRAW_PER_CASE_MANAGER);
  gtk_adjustment_set_value (self->reserve, FW_DRAW_RESERVE);
  g_signal_connect_object (fw_session_get_store (session), "changed", G_CALLBACK (on_store_changed), self, 0);
  update (self);
  return GTK_WIDGET (self);
}
