/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n.h>

#include "fw-ratings-panel.h"

/* What a row shows, to update only the rows whose figures changed. */
typedef struct {
  gboolean shown;
  gboolean has_percent;
  gboolean rounding_decided;
  guint    shown_percent;
  guint    tenths;
  guint    yes, no, na, unanswered;
  FwBand  *band;
} QuestionFigures;

typedef struct {
  GtkWidget      *percent;
  GtkWidget      *bar;
  GtkWidget      *counts;
  GtkWidget      *row;
  GtkWidget      *interval;   /* drawn over the bar: the Wilson interval */
  struct _IntervalMarks *marks;
  QuestionFigures figures;
} QuestionWidgets;

/* What the interval over a question's bar shows: its ends in tenths of a
 * percent, and the band thresholds (whole percent) it crosses, where a
 * marker says the band could change. Owned by the drawing area. */
typedef struct _IntervalMarks {
  gboolean shown;
  guint    low, high;
  guint    n_crossed;
  guint    crossed[8];
} IntervalMarks;

static void
draw_interval (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  IntervalMarks *m = data;
  double x0, x1, mid = height / 2.0;

  if (!m->shown)
    return;
  x0 = width * m->low / 1000.0;
  x1 = width * m->high / 1000.0;
  /* the interval: a whisker across the bar */
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.85);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x0, mid);
  cairo_line_to (cr, x1, mid);
  cairo_move_to (cr, x0, mid - 4);
  cairo_line_to (cr, x0, mid + 4);
  cairo_move_to (cr, x1, mid - 4);
  cairo_line_to (cr, x1, mid + 4);
  cairo_stroke (cr);
  /* where the band could change: a marker on each threshold inside it */
  for (guint i = 0; i < m->n_crossed; i++)
    {
      double x = width * m->crossed[i] / 100.0;

      cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
      cairo_move_to (cr, x - 4, 0);
      cairo_line_to (cr, x + 4, 0);
      cairo_line_to (cr, x, 5);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }
}

typedef struct {
  GtkWidget *rating;
  gboolean   shown;
  FwBand    *band;
  int        state;
  gboolean   judged;
} StandardWidgets;

typedef struct {
  const char *attr;    /* a case field, or an attribute id of the session's framework */
  char       *value;   /* NULL: every case */
} Subsample;

struct _FwRatingsPanel {
  GtkWidget        parent_instance;

  /* template */
  GtkWidget       *scroller;
  GtkWidget       *box;
  GtkWidget       *subsample;

  GtkWidget       *total;
  GtkWidget       *total_rating;
  GtkWidget       *provisional;
  GtkWidget       *caveats;         /* what the framework marks provisional in this result */
  FwSession       *session;
  gulong           rating_handler;
  gulong           cases_handler;
  char            *user;
  QuestionWidgets *questions;
  StandardWidgets *standards;
  GArray          *subsamples;      /* Subsample */
  guint            fill_source;     /* the framework's attributes in the sub-samples, soon */
  GtkCssProvider  *css;
};

G_DEFINE_FINAL_TYPE (FwRatingsPanel, fw_ratings_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_USER,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

static void
set_band_class (GtkWidget *widget, FwBand *band)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("band-%u", i);
      gtk_widget_remove_css_class (widget, name);
    }
  gtk_widget_remove_css_class (widget, "band-none");
  if (band)
    {
      g_autofree char *name = g_strdup_printf ("band-%u", band->index);
      gtk_widget_add_css_class (widget, name);
    }
  else
    gtk_widget_add_css_class (widget, "band-none");
}

static gboolean
figures_equal (const QuestionFigures *a, const QuestionFigures *b)
{
  return a->shown == b->shown && a->has_percent == b->has_percent && a->rounding_decided == b->rounding_decided
      && a->shown_percent == b->shown_percent && a->tenths == b->tenths && a->yes == b->yes && a->no == b->no
      && a->na == b->na && a->unanswered == b->unanswered && a->band == b->band;
}

/* Updates the rows whose figures changed since they were last shown. */

/* A tooltip as gtk_widget_set_tooltip_text () sets it. GTK 4.8 asks the X
 * server where the pointer is each time a shown widget's tooltip changes
 * (a round trip); a widget not on screen yet is hidden for the moment, so
 * that building the panel for a window's first frame does not wait on it. */
static void
set_tooltip (GtkWidget *widget, const char *text)
{
  gboolean quiet = !gtk_widget_get_mapped (widget) && gtk_widget_get_visible (widget);

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text && *text ? text : NULL) == 0)
    return;
  if (quiet)
    gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  if (quiet)
    gtk_widget_set_visible (widget, TRUE);
}

/* A large inspection's first rating is counted after the window opens:
 * until it comes ("rating-changed"), the panel says so, with its figures
 * empty rather than wrong. */
static void
show_counting (FwRatingsPanel *self)
{
  FwFramework *framework = fw_session_get_framework (self->session);

  for (guint i = 0; i < fw_framework_get_questions (framework)->len; i++)
    {
      QuestionWidgets *w = &self->questions[i];

      if (w->percent == NULL)
        continue;
      memset (&w->figures, 0, sizeof w->figures);
      gtk_label_set_text (GTK_LABEL (w->percent), "");
      gtk_label_set_text (GTK_LABEL (w->counts), "");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (w->bar), 0);
      set_band_class (w->bar, NULL);
      if (w->marks)
        w->marks->shown = FALSE;
    }
  for (guint i = 0; i < fw_framework_get_standards (framework)->len; i++)
    {
      self->standards[i].shown = FALSE;
      gtk_label_set_text (GTK_LABEL (self->standards[i].rating), "");
      /* an empty pill would be a grey dot */
      gtk_widget_set_visible (self->standards[i].rating, FALSE);
    }
  gtk_label_set_text (GTK_LABEL (self->total), _("Counting the answers…"));
  gtk_widget_set_visible (self->total_rating, FALSE);
  gtk_widget_set_visible (self->caveats, FALSE);
  gtk_widget_set_visible (self->provisional, FALSE);
}

static void
update (FwRatingsPanel *self)
{
  FwRating *rating;
  g_autofree char *total = NULL;

  if (fw_session_is_counting (self->session))
    {
      show_counting (self);
      return;
    }
  rating = fw_session_get_rating (self->session);

  for (guint i = 0; i < rating->n_questions; i++)
    {
      FwQuestionResult *q = &rating->questions[i];
      QuestionWidgets *w = &self->questions[i];
      g_autofree char *pct = NULL, *counts = NULL, *a11y = NULL;
      QuestionFigures now = { TRUE, q->has_percent, q->rounding_decided, q->shown_percent, q->tenths,
                              q->yes, q->no, q->na, q->unanswered, q->band };

      if (figures_equal (&now, &w->figures))
        continue;
      w->figures = now;

      pct = q->has_percent ? g_strdup_printf ("%u%%%s", q->shown_percent, q->rounding_decided ? "*" : "")
                           : g_strdup ("—");
      counts = g_strdup_printf (_("%u yes · %u no · %u n/a · %u left"), q->yes, q->no, q->na, q->unanswered);
      gtk_label_set_text (GTK_LABEL (w->percent), pct);
      gtk_label_set_text (GTK_LABEL (w->counts), counts);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (w->bar), q->has_percent ? q->tenths / 10.0 : 0);
      if (w->marks)
        {
          GPtrArray *bands = fw_framework_get_bands (fw_session_get_framework (self->session));

          w->marks->shown = q->has_percent;
          w->marks->low = q->ci_low;
          w->marks->high = q->ci_high;
          w->marks->n_crossed = 0;
          for (guint b = 0; b < bands->len && w->marks->n_crossed < G_N_ELEMENTS (w->marks->crossed); b++)
            {
              guint min = ((FwBand *) g_ptr_array_index (bands, b))->min;

              if (min > 0 && q->ci_low < min * 10 && q->ci_high >= min * 10)
                w->marks->crossed[w->marks->n_crossed++] = min;
            }
          gtk_widget_queue_draw (w->interval);
        }
      set_band_class (w->bar, q->band);
      set_band_class (w->percent, q->band);
      set_tooltip (w->percent, q->rounding_decided
                                   ? _("Rounding to a whole percent decides this band") : NULL);
      a11y = q->has_percent
        ? g_strdup_printf (_("%s: %u percent yes, %s; %s"), q->question->id, q->shown_percent, q->band->title, counts)
        : g_strdup_printf (_("%s: no rating yet; %s"), q->question->id, counts);
      if (q->has_percent)
        {
          /* TRANSLATORS: appended to a key question's figures for screen readers */
          g_autofree char *interval = g_strdup_printf (q->band_could_change
                                                       ? _("; likely between %.1f and %.1f percent: the band could change")
                                                       : _("; likely between %.1f and %.1f percent"),
                                                       q->ci_low / 10.0, q->ci_high / 10.0);
          char *longer = g_strconcat (a11y, interval, NULL);

          g_free (a11y);
          a11y = longer;
          set_tooltip (w->bar, interval + 2);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (w->percent), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }

  for (guint i = 0; i < rating->n_standards; i++)
    {
      FwStandardResult *s = &rating->standards[i];
      StandardWidgets *w = &self->standards[i];
      GtkWidget *label = w->rating;
      g_autofree char *a11y = NULL;
      /* a standard that informs is reported with its %, never rated */
      const char *text = fw_standard_result_informs (s) ? _("Not scored")
                       : s->band ? s->band->title
                       : s->state == FW_STANDARD_NOT_RATED ? _("Not rated")
                       : s->judged ? _("To judge") : _("No rating yet");

      if (w->shown && w->band == s->band && w->state == (int) s->state && w->judged == s->judged)
        continue;
      w->shown = TRUE;
      w->band = s->band;
      w->state = s->state;
      w->judged = s->judged;

      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_set_visible (label, TRUE);
      set_band_class (label, s->band);
      a11y = g_strdup_printf (_("Standard %s %s: %s"), s->standard->id, s->standard->title, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }

  if (rating->has_total && rating->rating == NULL)
    {
      /* nothing rated is no rating: no score, no band */
      total = g_strdup (_("Not rated yet"));
      gtk_label_set_text (GTK_LABEL (self->total_rating), "");
      set_band_class (self->total_rating, NULL);
    }
  else if (rating->has_total)
    {
      total = g_strdup_printf (_("Score %u / %u"), rating->score, rating->max_score);
      gtk_label_set_text (GTK_LABEL (self->total_rating), rating->rating->title);
      set_band_class (self->total_rating, rating->rating);
    }
  else
    {
      total = g_strdup (_("No total in this framework"));
      gtk_label_set_text (GTK_LABEL (self->total_rating), "");
    }
  gtk_label_set_text (GTK_LABEL (self->total), total);
  gtk_widget_set_visible (self->total_rating, *gtk_label_get_text (GTK_LABEL (self->total_rating)) != '\0');
  /* what the result rests on that the framework marks provisional:
   * "overall banding provisional: not published" */
  {
    g_autoptr(GString) caveats = g_string_new (NULL);

    for (guint i = 0; rating->provisional && i < rating->provisional->len; i++)
      g_string_append_printf (caveats, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (rating->provisional, i));
    gtk_label_set_text (GTK_LABEL (self->caveats), caveats->str);
    gtk_widget_set_visible (self->caveats, caveats->len > 0);
  }
  gtk_widget_set_visible (self->provisional, !rating->complete);
  if (!rating->complete)
    {
      /* what rating->missing lists: key questions with answers still to give,
       * and standards with no judgement yet; its tooltip names them */
      g_autofree char *msg = g_strdup_printf (ngettext ("Provisional: %u key question or standard incomplete",
                                                        "Provisional: %u key questions or standards incomplete",
                                                        rating->missing->len), rating->missing->len);
      g_autofree char *tip = NULL;
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < rating->missing->len && i < 20; i++)
        g_string_append_printf (list, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (rating->missing, i));
      tip = g_string_free (list, FALSE);
      gtk_label_set_text (GTK_LABEL (self->provisional), msg);
      set_tooltip (self->provisional, tip);
    }
}

static void
on_rating_changed (FwSession *session, FwRatingsPanel *self)
{
  update (self);
}

static void
on_subsample_selected (GtkDropDown *dropdown, GParamSpec *pspec, FwRatingsPanel *self)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  FwFilter *filter = NULL;

  if (self->session == NULL || pos >= self->subsamples->len)
    return;
  if (g_array_index (self->subsamples, Subsample, pos).value != NULL)
    {
      Subsample *sub = &g_array_index (self->subsamples, Subsample, pos);
      filter = fw_filter_new ();
      fw_filter_add (filter, sub->attr, sub->value);
    }
  if (!fw_session_set_filter (self->session, filter, &error))
    g_warning ("sub-sample: %s", error->message);
}

static void
clear_subsample (gpointer data)
{
  g_free (((Subsample *) data)->value);
}

static GtkWidget *
label_new (const char *text, const char *css_class, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  return label;
}

/* The drop-down: everyone, mine, each kind, each value of the other
 * attributes of the cases. Filled again when cases are added or imported,
 * keeping the sub-sample chosen. */
static void
fill_subsamples (FwRatingsPanel *self, gboolean with_attributes)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  FwCaseModel *cases = fw_session_get_case_model (self->session);
  const char *user = self->user;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->subsample));
  const char *current_attr = FW_CASE_FIELD_KIND;
  g_autofree char *current_value = NULL;
  guint position = 0;

  if (selected < self->subsamples->len)
    {
      current_attr = g_array_index (self->subsamples, Subsample, selected).attr;
      current_value = g_strdup (g_array_index (self->subsamples, Subsample, selected).value);
    }

  g_array_set_size (self->subsamples, 0);
  {
    Subsample all = { FW_CASE_FIELD_KIND, NULL };
    g_array_append_val (self->subsamples, all);
    gtk_string_list_append (names, _("Whole sample"));
  }
  if (user && *user)
    {
      Subsample mine = { FW_CASE_FIELD_INSPECTOR, g_strdup (user) };
      g_autofree char *label = g_strdup_printf (_("My cases (%s)"), user);
      g_array_append_val (self->subsamples, mine);
      gtk_string_list_append (names, label);
      g_hash_table_add (seen, g_strdup_printf ("%s=%s", FW_CASE_FIELD_INSPECTOR, user));
      if (current_value && strcmp (current_attr, FW_CASE_FIELD_INSPECTOR) == 0 && strcmp (current_value, user) == 0)
        position = self->subsamples->len - 1;
    }
  {
    /* the kind, the inspector, then the framework's attributes */
    GPtrArray *attributes = fw_framework_get_attributes (fw);
    /* the framework's attributes need every case's read: not before the first frame */
    guint n_attrs = with_attributes ? 2 + attributes->len : 2;
    g_autofree const char **attrs = g_new0 (const char *, 2 + attributes->len);
    g_autofree const char **attr_titles = g_new0 (const char *, 2 + attributes->len);

    attrs[0] = FW_CASE_FIELD_KIND;
    attr_titles[0] = _("Kind");
    attrs[1] = FW_CASE_FIELD_INSPECTOR;
    attr_titles[1] = _("Inspector");
    for (guint a = 0; a < attributes->len; a++)
      {
        attrs[2 + a] = ((FwAttribute *) g_ptr_array_index (attributes, a))->id;
        attr_titles[2 + a] = ((FwAttribute *) g_ptr_array_index (attributes, a))->title;
      }
    /* the values each takes, from the session's rows: no case item is made */
    for (guint a = 0; a < n_attrs; a++)
      {
        g_autoptr(GPtrArray) values = fw_case_model_dup_values (cases, attrs[a]);

        for (guint i = 0; i < values->len; i++)
        {
          const char *value = g_ptr_array_index (values, i);
          char *key;

          if (value == NULL || *value == '\0')
            continue;
          key = g_strdup_printf ("%s=%s", attrs[a], value);
          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              continue;
            }
          g_hash_table_add (seen, key);
          {
            Subsample sub = { attrs[a], g_strdup (value) };
            g_autofree char *label = NULL;
            FwKind *kind = strcmp (attrs[a], FW_CASE_FIELD_KIND) == 0 ? fw_framework_find_kind (fw, value) : NULL;
            FwAttribute *attribute = a >= 2 ? g_ptr_array_index (attributes, a - 2) : NULL;

            label = g_strdup_printf ("%s: %s", attr_titles[a],
                                     kind ? kind->title : attribute ? fw_attribute_value_title (attribute, value) : value);
            g_array_append_val (self->subsamples, sub);
            gtk_string_list_append (names, label);
            if (current_value && strcmp (current_attr, attrs[a]) == 0 && strcmp (current_value, value) == 0)
              position = self->subsamples->len - 1;
          }
        }
      }
  }
  g_signal_handlers_block_by_func (self->subsample, on_subsample_selected, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->subsample), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->subsample), position);
  g_signal_handlers_unblock_by_func (self->subsample, on_subsample_selected, self);
  /* the chosen value is gone: back to the whole sample */
  if (current_value != NULL && position == 0)
    on_subsample_selected (GTK_DROP_DOWN (self->subsample), NULL, self);
}

static gboolean
fill_when_idle (gpointer data)
{
  FwRatingsPanel *self = data;

  self->fill_source = 0;
  if (self->session)
    fill_subsamples (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* All the sub-samples, once the window has been drawn (and after cases are
 * added, once for many). */
static void
fill_subsamples_soon (FwRatingsPanel *self)
{
  if (self->fill_source != 0)
    return;
  self->fill_source = g_idle_add_full (G_PRIORITY_LOW, fill_when_idle, self, NULL);
  g_source_set_name_by_id (self->fill_source, "[fieldwork] sub-samples");
}

static void
on_cases_changed (GListModel *cases, guint position, guint removed, guint added, FwRatingsPanel *self)
{
  fill_subsamples_soon (self);
}

static void
build (FwRatingsPanel *self)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  GPtrArray *domains = fw_framework_get_domains (fw);
  GPtrArray *bands = fw_framework_get_bands (fw);
  g_autoptr(GString) css = g_string_new (NULL);
  GtkWidget *child, *overall;

  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);
  g_free (self->questions);
  g_free (self->standards);
  self->questions = g_new0 (QuestionWidgets, fw_framework_get_questions (fw)->len);
  self->standards = g_new0 (StandardWidgets, fw_framework_get_standards (fw)->len);

  /* band colours come from the framework */
  for (guint i = 0; i < bands->len; i++)
    {
      FwBand *b = g_ptr_array_index (bands, i);
      g_string_append_printf (css,
        "levelbar.band-%u block.filled { background-color: %s; }\n"
        "label.pill.band-%u { background-color: %s; color: %s; }\n",
        i, b->colour, i, b->colour, fw_band_text_colour (b->colour));
    }
  gtk_css_provider_load_from_data (self->css, css->str, -1);

  overall = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (overall, "overall");
  self->total = label_new (NULL, "title-4", 0);
  gtk_widget_set_hexpand (self->total, TRUE);
  self->total_rating = label_new (NULL, "pill", 0.5);
  gtk_box_append (GTK_BOX (overall), self->total);
  gtk_box_append (GTK_BOX (overall), self->total_rating);
  gtk_box_append (GTK_BOX (self->box), overall);
  self->caveats = label_new (NULL, "caption", 0);
  gtk_widget_add_css_class (self->caveats, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (self->caveats), TRUE);
  gtk_box_append (GTK_BOX (self->box), self->caveats);
  self->provisional = label_new (NULL, "warning", 0);
  gtk_label_set_wrap (GTK_LABEL (self->provisional), TRUE);
  gtk_box_append (GTK_BOX (self->box), self->provisional);

  for (guint d = 0; d < domains->len; d++)
    {
      FwDomain *domain = g_ptr_array_index (domains, d);
      g_autofree char *heading = g_strdup_printf ("%s. %s", domain->id, domain->title);

      gtk_box_append (GTK_BOX (self->box), label_new (heading, "heading", 0));
      for (guint s = 0; s < domain->standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (domain->standards, s);
          GtkWidget *srow = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          g_autofree char *stitle = g_strdup_printf ("%s %s", standard->id, standard->title);
          GtkWidget *title = label_new (stitle, NULL, 0);

          /* a long standard name wraps, whole, and says itself in a tooltip too */
          gtk_label_set_wrap (GTK_LABEL (title), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
          gtk_label_set_width_chars (GTK_LABEL (title), 16);
          gtk_label_set_max_width_chars (GTK_LABEL (title), 32);
          set_tooltip (title, stitle);
          gtk_widget_add_css_class (title, "standard-title");
          gtk_widget_set_hexpand (title, TRUE);
          gtk_widget_add_css_class (srow, "standard-row");
          self->standards[standard->index].rating = label_new (NULL, "pill", 0.5);
          /* beside the name's first line, never stretched to its height */
          gtk_widget_set_valign (self->standards[standard->index].rating, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (srow), title);
          gtk_box_append (GTK_BOX (srow), self->standards[standard->index].rating);
          gtk_box_append (GTK_BOX (self->box), srow);

          for (guint q = 0; q < standard->questions->len; q++)
            {
              FwQuestion *question = g_ptr_array_index (standard->questions, q);
              QuestionWidgets *w;
              GtkWidget *grid;

              if (question->index < 0)
                continue;
              w = &self->questions[question->index];
              grid = gtk_grid_new ();
              gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
              gtk_widget_add_css_class (grid, "question-rating");
              set_tooltip (grid, question->text);
              gtk_grid_attach (GTK_GRID (grid), label_new (question->id, "caption", 0), 0, 0, 1, 1);
              w->bar = gtk_level_bar_new_for_interval (0, 100);
              gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->bar), GTK_LEVEL_BAR_OFFSET_LOW);
              gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->bar), GTK_LEVEL_BAR_OFFSET_HIGH);
              gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->bar), GTK_LEVEL_BAR_OFFSET_FULL);
              gtk_widget_set_hexpand (w->bar, TRUE);
              gtk_widget_set_valign (w->bar, GTK_ALIGN_CENTER);
              gtk_accessible_update_property (GTK_ACCESSIBLE (w->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              question->id, -1);
              {
                GtkWidget *overlay = gtk_overlay_new ();

                w->marks = g_new0 (IntervalMarks, 1);
                w->interval = gtk_drawing_area_new ();
                gtk_widget_set_can_target (w->interval, FALSE);
                gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (w->interval), draw_interval, w->marks, g_free);
                gtk_overlay_set_child (GTK_OVERLAY (overlay), w->bar);
                gtk_overlay_add_overlay (GTK_OVERLAY (overlay), w->interval);
                gtk_widget_set_hexpand (overlay, TRUE);
                gtk_grid_attach (GTK_GRID (grid), overlay, 1, 0, 1, 1);
              }
              w->percent = label_new (NULL, "percent", 1);
              gtk_widget_add_css_class (w->percent, "numeric");
              gtk_widget_set_size_request (w->percent, 44, -1);
              gtk_grid_attach (GTK_GRID (grid), w->percent, 2, 0, 1, 1);
              w->counts = label_new (NULL, "caption", 0);
              gtk_widget_add_css_class (w->counts, "dim-label");
              gtk_grid_attach (GTK_GRID (grid), w->counts, 1, 1, 2, 1);
              gtk_box_append (GTK_BOX (self->box), grid);
            }
        }
    }

  /* last: choosing a sub-sample re-rates and updates the widgets above;
   * a new session starts with the whole sample */
  g_array_set_size (self->subsamples, 0);
  fill_subsamples (self, FALSE);
  fill_subsamples_soon (self);
  update (self);
}

void
fw_ratings_panel_set_session (FwRatingsPanel *self, FwSession *session, const char *user)
{
  g_return_if_fail (FW_IS_RATINGS_PANEL (self));
  g_return_if_fail (session == NULL || FW_IS_SESSION (session));

  if (self->session)
    {
      g_clear_signal_handler (&self->rating_handler, self->session);
      g_clear_signal_handler (&self->cases_handler, fw_session_get_cases (self->session));
    }
  g_set_object (&self->session, session);
  if (user != self->user)
    {
      g_free (self->user);
      self->user = g_strdup (user);
    }
  if (session == NULL)
    return;
  self->rating_handler = g_signal_connect (session, "rating-changed", G_CALLBACK (on_rating_changed), self);
  self->cases_handler = g_signal_connect (fw_session_get_cases (session), "items-changed",
                                          G_CALLBACK (on_cases_changed), self);
  build (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_USER]);
}

FwSession *
fw_ratings_panel_get_session (FwRatingsPanel *self)
{
  g_return_val_if_fail (FW_IS_RATINGS_PANEL (self), NULL);
  return self->session;
}

/* The user's name: "My cases" in the sub-samples follows it. */
void
fw_ratings_panel_set_user (FwRatingsPanel *self, const char *user)
{
  g_return_if_fail (FW_IS_RATINGS_PANEL (self));
  if (g_strcmp0 (user, self->user) == 0)
    return;
  g_free (self->user);
  self->user = g_strdup (user);
  if (self->session)
    fill_subsamples (self, self->fill_source == 0);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_USER]);
}

const char *
fw_ratings_panel_get_user (FwRatingsPanel *self)
{
  g_return_val_if_fail (FW_IS_RATINGS_PANEL (self), NULL);
  return self->user;
}

const char *
fw_ratings_panel_get_percent_text (FwRatingsPanel *self, const char *question_id)
{
  FwQuestion *q = NULL;

  if (self->session == NULL
      || !fw_framework_find_item (fw_session_get_framework (self->session), question_id, &q, NULL)
      || q == NULL || q->index < 0)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->questions[q->index].percent));
}

const char *
fw_ratings_panel_get_standard_text (FwRatingsPanel *self, const char *standard_id)
{
  FwStandard *s = self->session ? fw_framework_find_standard (fw_session_get_framework (self->session), standard_id) : NULL;
  return s ? gtk_label_get_text (GTK_LABEL (self->standards[s->index].rating)) : NULL;
}

const char *
fw_ratings_panel_get_total_text (FwRatingsPanel *self)
{
  return gtk_label_get_text (GTK_LABEL (self->total));
}

void
fw_ratings_panel_select_subsample (FwRatingsPanel *self, guint position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->subsample), position);
}

static void
fw_ratings_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwRatingsPanel *self = FW_RATINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_ratings_panel_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwRatingsPanel *self = FW_RATINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_SESSION: fw_ratings_panel_set_session (self, g_value_get_object (value), self->user); break;
    case PROP_USER: fw_ratings_panel_set_user (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_ratings_panel_dispose (GObject *object)
{
  FwRatingsPanel *self = FW_RATINGS_PANEL (object);

  if (self->subsamples)
    fw_ratings_panel_set_session (self, NULL, NULL);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  if (self->css)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_RATINGS_PANEL);
  g_clear_pointer (&self->questions, g_free);
  g_clear_pointer (&self->standards, g_free);
  g_clear_pointer (&self->subsamples, g_array_unref);
  G_OBJECT_CLASS (fw_ratings_panel_parent_class)->dispose (object);
}

static void
fw_ratings_panel_finalize (GObject *object)
{
  FwRatingsPanel *self = FW_RATINGS_PANEL (object);

  g_free (self->user);
  G_OBJECT_CLASS (fw_ratings_panel_parent_class)->finalize (object);
}

static void
fw_ratings_panel_class_init (FwRatingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_ratings_panel_get_property;
  object_class->set_property = fw_ratings_panel_set_property;
  object_class->dispose = fw_ratings_panel_dispose;
  object_class->finalize = fw_ratings_panel_finalize;

  props[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-ratings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FwRatingsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, FwRatingsPanel, subsample);
  gtk_widget_class_bind_template_child (widget_class, FwRatingsPanel, box);
  gtk_widget_class_bind_template_callback (widget_class, on_subsample_selected);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ratingspanel");
}

static void
fw_ratings_panel_init (FwRatingsPanel *self)
{
  self->subsamples = g_array_new (FALSE, TRUE, sizeof (Subsample));
  g_array_set_clear_func (self->subsamples, clear_subsample);
  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_ratings_panel_new (void)
{
  return g_object_new (FW_TYPE_RATINGS_PANEL, NULL);
}
