/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "fw-review-page.h"
#include "fw-judgement-row.h"
#include "fw-lock-dialog.h"
#include "fw-unlock-dialog.h"

/* The sections computed from the whole inspection: rebuilt after the
 * changes that touch them, at idle when the page is on screen, else when it
 * is next shown. Judgements follow their changes themselves. */
typedef enum {
  STALE_PROGRESS  = 1 << 0,
  STALE_PROBLEMS  = 1 << 1,
  STALE_PRACTICE  = 1 << 2,
  STALE_BREAKDOWN = 1 << 3,
  STALE_ALL       = 0xf,
} Stale;

struct _FwReviewPage {
  GtkWidget     parent_instance;

  /* template */
  GtkWidget    *outer;
  GtkWidget    *lock_banner;
  GtkWidget    *lock_banner_label;
  GtkWidget    *progress_group;
  GtkWidget    *problems_group;
  GtkWidget    *judgements_group;
  GtkWidget    *breakdown_group;
  GtkWidget    *breakdown_grid;
  GtkWidget    *breakdown_attr;
  GtkWidget    *practice_group;
  GtkWidget    *lock_row;
  GtkWidget    *lock_switch;

  GPtrArray    *progress_rows;     /* widgets added to progress_group */
  GtkWidget    *scroller;
  GtkWidget    *problem_inspector; /* AdwComboRow: every inspector, or one */
  GtkWidget    *problem_kind;      /* AdwComboRow: every kind of problem, or one */
  GPtrArray    *problem_rows;      /* AdwExpanderRow, one per case with problems shown */
  GPtrArray    *problem_cases;     /* the case id of each, parallel to problem_rows */
  GArray       *shown;             /* ShownProblem, one per problem row */
  GPtrArray    *problems;          /* FwProblem, as fw_review_problems () lists them */
  GHashTable   *expanded;          /* case ids whose problems are shown */
  char         *last_case;         /* the problem opened last, to come back to */
  char         *last_item;
  GStrv         inspector_names;   /* parallel to problem_inspector after "All inspectors" */
  GPtrArray    *practice_rows;
  GPtrArray    *judgement_rows;    /* FwJudgementRow */
  gboolean      judgements_stale;  /* the session's rows are built when the page is first shown */
  FwSession    *session;
  GSignalGroup *session_signals;
  Stale         stale;
  gboolean      show_lock_banner;
  gboolean      lead_hidden;      /* an inspector's installation: no lead actions */
  guint         rebuild_source;
  guint         n_problems;
  guint         breakdown_columns;
  char         *breakdown;         /* a case field or attribute id */
  GStrv         breakdown_ids;     /* what the "Break down by" row offers, in its order */
};

/* A problem row and the problem it opens. */
typedef struct {
  GtkWidget *row;
  FwProblem *problem;   /* in self->problems */
} ShownProblem;

G_DEFINE_FINAL_TYPE (FwReviewPage, fw_review_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_LOCK_BANNER,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum {
  OPEN_ITEM,
  ERROR,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
add_row (GPtrArray *rows, GtkWidget *group, GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, g_object_ref (row));
}

static void
clear_rows (GPtrArray *rows, GtkWidget *group)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
report (FwReviewPage *self, const char *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* Progress */

static void
build_progress (FwReviewPage *self)
{
  g_autoptr(GPtrArray) progress = NULL;

  self->stale &= ~STALE_PROGRESS;
  clear_rows (self->progress_rows, self->progress_group);
  progress = fw_review_progress (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session), NULL);
  for (guint i = 0; progress && i < progress->len; i++)
    {
      FwInspectorProgress *p = g_ptr_array_index (progress, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (p->allocated, 1));
      g_autofree char *subtitle = g_strdup_printf (_("%u of %u cases complete · %u quality-assured · %u returned"),
                                                   p->complete, p->allocated, p->quality_assured, p->returned);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *p->inspector ? p->inspector : _("Not allocated"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), p->complete);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      add_row (self->progress_rows, self->progress_group, row);
    }
}

/* Problems: grouped by case, filtered by inspector and kind of problem;
 * opening one remembers it, and the list comes back to it. */

static const char *
case_inspector (FwReviewPage *self, const char *case_id)
{
  FwCaseItem *item = fw_session_find_case (self->session, case_id, NULL);
  const char *name = item ? fw_case_item_get_attr (item, FW_CASE_FIELD_INSPECTOR) : NULL;

  return name ? name : "";
}

static void
on_problem_activated (AdwActionRow *row, FwReviewPage *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      ShownProblem *shown = &g_array_index (self->shown, ShownProblem, i);

      if (shown->row != GTK_WIDGET (row))
        continue;
      g_free (self->last_case);
      g_free (self->last_item);
      self->last_case = g_strdup (shown->problem->case_id);
      self->last_item = g_strdup (shown->problem->item);
      g_signal_emit (self, signals[OPEN_ITEM], 0, shown->problem->case_id, shown->problem->item);
      return;
    }
}

static void
on_case_expanded (AdwExpanderRow *row, GParamSpec *pspec, FwReviewPage *self)
{
  const char *case_id;
  guint index;

  if (!g_ptr_array_find (self->problem_rows, row, &index) || index >= self->problem_cases->len)
    return;
  case_id = g_ptr_array_index (self->problem_cases, index);
  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (case_id));
  else
    g_hash_table_remove (self->expanded, case_id);
}

/* The problem's text without its case's reference, which the group says. */
static const char *
problem_text (FwProblem *p)
{
  gsize n = strlen (p->reference);

  if (strncmp (p->message, p->reference, n) == 0 && p->message[n] == ':' && p->message[n + 1] == ' ')
    return p->message + n + 2;
  return p->message;
}

/* Shows the problems that pass the filters, from the list last read. */
static void
show_problems (FwReviewPage *self)
{
  guint who = adw_combo_row_get_selected (ADW_COMBO_ROW (self->problem_inspector));
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->problem_kind));
  const char *inspector = NULL;
  GtkWidget *group = NULL;
  const char *group_case = NULL;
  guint in_group = 0, n_rows = 0;

  clear_rows (self->problem_rows, self->problems_group);
  g_ptr_array_set_size (self->problem_cases, 0);
  g_array_set_size (self->shown, 0);
  if (who > 0 && self->inspector_names && who <= g_strv_length (self->inspector_names))
    inspector = self->inspector_names[who - 1];

  for (guint i = 0; i <= self->problems->len; i++)
    {
      FwProblem *p = i < self->problems->len ? g_ptr_array_index (self->problems, i) : NULL;
      GtkWidget *row;

      /* a case's group closes: it says how many */
      if (group && (p == NULL || g_strcmp0 (p->case_id, group_case) != 0))
        {
          const char *name = case_inspector (self, group_case);
          g_autofree char *count = g_strdup_printf (ngettext ("%u problem", "%u problems", in_group), in_group);
          g_autofree char *subtitle = *name ? g_strdup_printf ("%s · %s", name, count) : g_strdup (count);

          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (group), subtitle);
          group = NULL;
        }
      if (p == NULL)
        break;
      if (inspector && g_strcmp0 (case_inspector (self, p->case_id), inspector) != 0)
        continue;
      if (kind > 0 && p->kind != (FwProblemKind) (kind - 1))
        continue;
      /* the first 200: the list is a to-do list, not a report */
      if (n_rows >= 200)
        continue;
      if (group == NULL)
        {
          group = adw_expander_row_new ();
          group_case = p->case_id;
          in_group = 0;
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group), p->reference);
          /* open as it was before the list was read again */
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (group), g_hash_table_contains (self->expanded, p->case_id));
          add_row (self->problem_rows, self->problems_group, group);
          g_ptr_array_add (self->problem_cases, g_strdup (p->case_id));
          g_signal_connect (group, "notify::expanded", G_CALLBACK (on_case_expanded), self);
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem_text (p));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fw_problem_kind_title (p->kind));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (on_problem_activated), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (group), row);
      g_array_append_val (self->shown, ((ShownProblem) { row, p }));
      in_group++;
      n_rows++;
    }
}

static void
on_problem_filter (FwReviewPage *self)
{
  if (self->session != NULL && !(self->stale & STALE_PROBLEMS))
    show_problems (self);
}

/* The inspectors of the cases with problems, keeping the one chosen. */
static void
fill_problem_inspectors (FwReviewPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint old = adw_combo_row_get_selected (ADW_COMBO_ROW (self->problem_inspector));
  g_autofree char *chosen = NULL;
  guint selected = 0;

  if (old > 0 && self->inspector_names && old <= g_strv_length (self->inspector_names))
    chosen = g_strdup (self->inspector_names[old - 1]);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const char *name = case_inspector (self, ((FwProblem *) g_ptr_array_index (self->problems, i))->case_id);

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (char *) name);
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  /* a chosen inspector without problems now stays in the list */
  if (chosen && !g_ptr_array_find_with_equal_func (names, chosen, g_str_equal, NULL))
    g_ptr_array_add (names, chosen);
  gtk_string_list_append (titles, _("All inspectors"));
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      gtk_string_list_append (titles, *name ? name : _("Not allocated"));
      if (g_strcmp0 (name, chosen) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);
  g_strfreev (self->inspector_names);
  self->inspector_names = g_strdupv ((char **) names->pdata);
  g_signal_handlers_block_by_func (self->problem_inspector, on_problem_filter, self);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->problem_inspector), G_LIST_MODEL (titles));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->problem_inspector), selected);
  g_signal_handlers_unblock_by_func (self->problem_inspector, on_problem_filter, self);
}

static void
build_problems (FwReviewPage *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *desc = NULL;

  self->stale &= ~STALE_PROBLEMS;
  problems = fw_review_problems (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session), NULL);
  self->n_problems = problems ? problems->len : 0;
  desc = g_strdup_printf (ngettext ("%u problem to fix before the sample is finished",
                                    "%u problems to fix before the sample is finished",
                                    self->n_problems), self->n_problems);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->problems_group), desc);
  clear_rows (self->problem_rows, self->problems_group);
  g_ptr_array_set_size (self->problem_cases, 0);
  g_array_set_size (self->shown, 0);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems ? g_steal_pointer (&problems) : g_ptr_array_new ();
  fill_problem_inspectors (self);
  show_problems (self);
}

/* Keeps a widget in view while the page settles: the rows above it are
 * laid out over several frames once the page is shown again (expanders
 * opening, groups filled), so one scroll on the first frame is not enough.
 * Watched until it has stayed in view for a few frames. */
typedef struct {
  guint frames;
  guint steady;
} ScrollWatch;

static gboolean
keep_in_view (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ScrollWatch *watch = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  graphene_point_t p;
  double page, value;
  int height = gtk_widget_get_height (widget);

  if (++watch->frames > 120)
    return G_SOURCE_REMOVE;
  if (scroller == NULL || !gtk_widget_get_mapped (widget) || height == 0
      || !gtk_widget_compute_point (widget, scroller, &GRAPHENE_POINT_INIT (0, 0), &p))
    return G_SOURCE_CONTINUE;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  page = gtk_adjustment_get_page_size (adj);
  value = gtk_adjustment_get_value (adj);
  if (p.y < 0)
    gtk_adjustment_set_value (adj, value + p.y - 12);
  else if (p.y + height > page)
    gtk_adjustment_set_value (adj, value + p.y + height - page + 12);
  else
    return ++watch->steady >= 6 ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
  watch->steady = 0;
  return G_SOURCE_CONTINUE;
}

/* Back on the page: the focus on the problem opened last, or on its case
 * when it is fixed, in view. */
static void
return_to_last_problem (FwReviewPage *self)
{
  GtkWidget *target = NULL;

  if (self->last_case == NULL)
    return;
  for (guint i = 0; i < self->shown->len && target == NULL; i++)
    {
      ShownProblem *shown = &g_array_index (self->shown, ShownProblem, i);

      if (g_strcmp0 (shown->problem->case_id, self->last_case) == 0
          && g_strcmp0 (shown->problem->item, self->last_item) == 0)
        target = shown->row;
    }
  for (guint i = 0; i < self->problem_cases->len && target == NULL; i++)
    if (g_strcmp0 (g_ptr_array_index (self->problem_cases, i), self->last_case) == 0)
      target = g_ptr_array_index (self->problem_rows, i);
  if (target)
    {
      /* an expander row takes the focus on its header */
      if (!gtk_widget_grab_focus (target))
        gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD);
      /* once laid out */
      gtk_widget_add_tick_callback (target, keep_in_view, g_new0 (ScrollWatch, 1), g_free);
    }
}

/* Practice examples */

static void
build_practice (FwReviewPage *self)
{
  g_autoptr(GPtrArray) examples = NULL;

  self->stale &= ~STALE_PRACTICE;
  clear_rows (self->practice_rows, self->practice_group);
  examples = fw_review_practice_examples (fw_session_get_store (self->session),
                                          fw_session_get_inspection_id (self->session), NULL);
  for (guint i = 0; examples && i < examples->len; i++)
    {
      FwPracticeExample *e = g_ptr_array_index (examples, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s · %s", e->standard, e->item, e->reference);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->note ? e->note : "");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (e->practice == FW_PRACTICE_GOOD ? "emblem-ok-symbolic"
                                                                                              : "dialog-warning-symbolic"));
      add_row (self->practice_rows, self->practice_group, row);
    }
  gtk_widget_set_visible (self->practice_group, self->practice_rows->len > 0);
}

/* Judgements: one row per judged standard, built once per session; each
 * follows its own changes. */

static void
on_judgement_error (FwJudgementRow *row, const char *message, FwReviewPage *self)
{
  report (self, message);
}

static void
build_judgements (FwReviewPage *self)
{
  GPtrArray *standards = fw_framework_get_standards (fw_session_get_framework (self->session));

  self->judgements_stale = FALSE;
  for (guint i = 0; i < standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (standards, i);
      GtkWidget *row;

      if (s->rule != FW_RULE_JUDGED)
        continue;
      row = fw_judgement_row_new (self->session, s->id);
      g_signal_connect_object (row, "error", G_CALLBACK (on_judgement_error), self, 0);
      add_row (self->judgement_rows, self->judgements_group, row);
    }
  gtk_widget_set_visible (self->judgements_group, self->judgement_rows->len > 0 && !self->lead_hidden);
}

/* Breakdown */

static GtkWidget *
grid_label (const char *text, const char *css_class, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The ratings side by side for each value of the attribute chosen, as
 * fw_review_breakdown () computes them for the CLI and the exports. */
static void
build_breakdown (FwReviewPage *self)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  GPtrArray *standards = fw_framework_get_standards (fw);
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  int row = 1;

  self->stale &= ~STALE_BREAKDOWN;
  self->breakdown_columns = 0;
  while ((child = gtk_widget_get_first_child (self->breakdown_grid)))
    gtk_grid_remove (GTK_GRID (self->breakdown_grid), child);
  columns = fw_review_breakdown (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session),
                                 self->breakdown, &error);
  if (columns == NULL)
    {
      report (self, error->message);
      return;
    }
  self->breakdown_columns = columns->len;

  for (guint v = 0; v < columns->len; v++)
    {
      FwBreakdownColumn *column = g_ptr_array_index (columns, v);
      FwRating *rating = column->rating;
      g_autofree char *header = g_strdup_printf ("%s\n(%u)", column->title, column->n_cases);
      GtkWidget *label = grid_label (header, "heading", 0.5);

      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_grid_attach (GTK_GRID (self->breakdown_grid), label, v + 1, 0, 1, 1);
      row = 1;
      for (guint s = 0; s < standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (standards, s);
          FwStandardResult *r = &rating->standards[s];

          if (standard->rule == FW_RULE_JUDGED)
            continue;
          if (v == 0)
            {
              g_autofree char *t = g_strdup_printf ("%s %s", standard->id, standard->title);
              gtk_grid_attach (GTK_GRID (self->breakdown_grid), grid_label (t, "heading", 0), 0, row, 1, 1);
            }
          gtk_grid_attach (GTK_GRID (self->breakdown_grid), grid_label (r->band ? r->band->title : "—", "heading", 0.5),
                           v + 1, row, 1, 1);
          row++;
          for (guint q = 0; q < r->n_questions; q++)
            {
              FwQuestionResult *qr = &r->questions[q];
              g_autofree char *pct = NULL;

              if (qr->question->index < 0)
                continue;
              if (v == 0)
                {
                  GtkWidget *l = grid_label (qr->question->id, NULL, 0);
                  gtk_widget_set_margin_start (l, 12);
                  gtk_grid_attach (GTK_GRID (self->breakdown_grid), l, 0, row, 1, 1);
                }
              pct = qr->has_percent ? g_strdup_printf ("%u%% (%u/%u)", qr->shown_percent, qr->yes, qr->yes + qr->no)
                                    : g_strdup ("—");
              gtk_grid_attach (GTK_GRID (self->breakdown_grid), grid_label (pct, "numeric", 0.5), v + 1, row, 1, 1);
              row++;
            }
        }
    }
}

/* "Break down by": the kind, the framework's attributes, the inspector. */
static void
fill_breakdown_choices (FwReviewPage *self)
{
  GPtrArray *attributes = fw_framework_get_attributes (fw_session_get_framework (self->session));
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint selected = 0, n = 0;

  gtk_string_list_append (titles, _("Kind"));
  g_strv_builder_add (ids, FW_CASE_FIELD_KIND);
  n++;
  for (guint i = 0; i < attributes->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);

      gtk_string_list_append (titles, attribute->title);
      g_strv_builder_add (ids, attribute->id);
      if (g_strcmp0 (attribute->id, self->breakdown) == 0)
        selected = n;
      n++;
    }
  gtk_string_list_append (titles, _("Inspector"));
  g_strv_builder_add (ids, FW_CASE_FIELD_INSPECTOR);
  if (g_strcmp0 (self->breakdown, FW_CASE_FIELD_INSPECTOR) == 0)
    selected = n;
  g_strfreev (self->breakdown_ids);
  self->breakdown_ids = g_strv_builder_end (ids);
  if (selected == 0)
    {
      g_free (self->breakdown);
      self->breakdown = g_strdup (FW_CASE_FIELD_KIND);
    }
  g_signal_handlers_block_matched (self->breakdown_attr, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->breakdown_attr), G_LIST_MODEL (titles));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->breakdown_attr), selected);
  g_signal_handlers_unblock_matched (self->breakdown_attr, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
on_breakdown_selected (AdwComboRow *combo, GParamSpec *pspec, FwReviewPage *self)
{
  guint pos = adw_combo_row_get_selected (combo);

  if (self->breakdown_ids && pos < g_strv_length (self->breakdown_ids))
    fw_review_page_set_breakdown (self, self->breakdown_ids[pos]);
}

void
fw_review_page_set_breakdown (FwReviewPage *self, const char *attr)
{
  g_return_if_fail (FW_IS_REVIEW_PAGE (self));
  g_return_if_fail (attr != NULL);
  if (attr != self->breakdown)
    {
      g_free (self->breakdown);
      self->breakdown = g_strdup (attr);
    }
  if (self->session)
    build_breakdown (self);
}

guint
fw_review_page_get_breakdown_columns (FwReviewPage *self)
{
  g_return_val_if_fail (FW_IS_REVIEW_PAGE (self), 0);
  return self->breakdown_columns;
}

/* Following the session */

static void
rebuild_stale (FwReviewPage *self)
{
  if (self->session == NULL)
    {
      self->stale = 0;
      return;
    }
  if (self->judgements_stale)
    build_judgements (self);
  if (self->stale & STALE_PROGRESS)
    build_progress (self);
  if (self->stale & STALE_PROBLEMS)
    build_problems (self);
  if (self->stale & STALE_PRACTICE)
    build_practice (self);
  if (self->stale & STALE_BREAKDOWN)
    build_breakdown (self);
}

static gboolean
rebuild_when_idle (gpointer data)
{
  FwReviewPage *self = data;

  self->rebuild_source = 0;
  rebuild_stale (self);
  return G_SOURCE_REMOVE;
}

static void
mark_stale (FwReviewPage *self, Stale sections)
{
  self->stale |= sections;
  /* off screen: rebuilt when shown (map) */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->rebuild_source == 0)
    {
      self->rebuild_source = g_idle_add_full (G_PRIORITY_LOW, rebuild_when_idle, self, NULL);
      g_source_set_name_by_id (self->rebuild_source, "[fieldwork] review page");
    }
}

static void
on_session_changed (FwSession *session, FwChange *change, FwReviewPage *self)
{
  switch (change->kind)
    {
    case FW_CHANGE_ANSWER:
      mark_stale (self, STALE_PROBLEMS | STALE_PRACTICE | STALE_BREAKDOWN);
      break;
    case FW_CHANGE_STATUS:
      mark_stale (self, STALE_PROGRESS | STALE_PROBLEMS);
      break;
    case FW_CHANGE_CASE_ADDED:
      mark_stale (self, STALE_PROGRESS | STALE_PROBLEMS | STALE_BREAKDOWN);
      break;
    case FW_CHANGE_PRACTICE:
      mark_stale (self, STALE_PRACTICE);
      break;
    case FW_CHANGE_COMMENT:
    case FW_CHANGE_JUDGEMENT:
      mark_stale (self, STALE_PROBLEMS);
      break;
    case FW_CHANGE_RELOAD:
      mark_stale (self, STALE_ALL);
      break;
    case FW_CHANGE_LOCK:
    case FW_CHANGE_INSPECTION:
    default:
      break;
    }
}

/* Lock: read-only while locked, with a banner that says so. */

static void
update_locked (FwReviewPage *self)
{
  gboolean locked = self->session != NULL && fw_session_is_locked (self->session);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->lock_banner), locked && self->show_lock_banner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.unlock", locked);
  g_signal_handlers_block_matched (self->lock_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_switch_set_active (GTK_SWITCH (self->lock_switch), locked);
  g_signal_handlers_unblock_matched (self->lock_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
present_unlock (FwReviewPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->session == NULL || !fw_session_is_locked (self->session))
    return;
  gtk_window_present (GTK_WINDOW (fw_unlock_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        self->session)));
}

static void
on_lock_error (FwLockDialog *dialog, const char *message, FwReviewPage *self)
{
  report (self, message);
}

/* Locking asks first, showing what is still open. */
static void
present_lock (FwReviewPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->session == NULL || fw_session_is_locked (self->session))
    return;
  dialog = fw_lock_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session);
  g_signal_connect_object (dialog, "error", G_CALLBACK (on_lock_error), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_lock (GtkWidget *widget, const char *name, GVariant *param)
{
  present_lock (FW_REVIEW_PAGE (widget));
}

static void
action_unlock (GtkWidget *widget, const char *name, GVariant *param)
{
  present_unlock (FW_REVIEW_PAGE (widget));
}

static void
on_lock_toggled (GtkSwitch *sw, GParamSpec *pspec, FwReviewPage *self)
{
  gboolean want = gtk_switch_get_active (sw);

  if (self->session == NULL || want == fw_session_is_locked (self->session))
    return;
  /* the switch shows what is stored; the session's "locked" moves it */
  update_locked (self);
  if (!want)
    present_unlock (self);
  else
    present_lock (self);
}

static void
rebuild_all (FwReviewPage *self)
{
  g_return_if_fail (FW_IS_REVIEW_PAGE (self));
  self->stale = STALE_ALL;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))   /* off screen: when it is shown (map) */
    rebuild_stale (self);
  update_locked (self);
}

guint
fw_review_page_get_n_problems (FwReviewPage *self)
{
  g_return_val_if_fail (FW_IS_REVIEW_PAGE (self), 0);
  rebuild_stale (self);
  return self->n_problems;
}

gboolean
fw_review_page_judge (FwReviewPage *self, const char *standard_id, const char *band_id,
                      const char *rationale, GError **error)
{
  g_return_val_if_fail (FW_IS_REVIEW_PAGE (self), FALSE);
  return fw_session_judge (self->session, standard_id, band_id, rationale, error);
}

FwSession *
fw_review_page_get_session (FwReviewPage *self)
{
  g_return_val_if_fail (FW_IS_REVIEW_PAGE (self), NULL);
  return self->session;
}

void
fw_review_page_set_session (FwReviewPage *self, FwSession *session)
{
  g_return_if_fail (FW_IS_REVIEW_PAGE (self));
  g_return_if_fail (session == NULL || FW_IS_SESSION (session));

  if (session == self->session)
    {
      rebuild_all (self);
      return;
    }
  clear_rows (self->judgement_rows, self->judgements_group);
  gtk_widget_set_visible (self->judgements_group, FALSE);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  /* the judgement rows are built when the page is shown (map), like its
   * other sections: a window opening on the Cases page does not wait for them */
  self->judgements_stale = session != NULL;
  if (session)
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        build_judgements (self);
      fill_breakdown_choices (self);
    }
  rebuild_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

static void
fw_review_page_map (GtkWidget *widget)
{
  FwReviewPage *self = FW_REVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (fw_review_page_parent_class)->map (widget);
  rebuild_stale (self);
  return_to_last_problem (self);
}

static void
fw_review_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwReviewPage *self = FW_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_SHOW_LOCK_BANNER: g_value_set_boolean (value, self->show_lock_banner); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_review_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwReviewPage *self = FW_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION: fw_review_page_set_session (self, g_value_get_object (value)); break;
    case PROP_SHOW_LOCK_BANNER:
      if (self->show_lock_banner != g_value_get_boolean (value))
        {
          self->show_lock_banner = g_value_get_boolean (value);
          update_locked (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_review_page_dispose (GObject *object)
{
  FwReviewPage *self = FW_REVIEW_PAGE (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_REVIEW_PAGE);
  g_clear_pointer (&self->progress_rows, g_ptr_array_unref);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->problem_cases, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->last_case, g_free);
  g_clear_pointer (&self->last_item, g_free);
  g_clear_pointer (&self->inspector_names, g_strfreev);
  g_clear_pointer (&self->practice_rows, g_ptr_array_unref);
  g_clear_pointer (&self->judgement_rows, g_ptr_array_unref);
  g_clear_pointer (&self->breakdown, g_free);
  g_clear_pointer (&self->breakdown_ids, g_strfreev);
  G_OBJECT_CLASS (fw_review_page_parent_class)->dispose (object);
}

static void
fw_review_page_class_init (FwReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_review_page_get_property;
  object_class->set_property = fw_review_page_set_property;
  object_class->dispose = fw_review_page_dispose;
  widget_class->map = fw_review_page_map;

  props[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE when the window shows its own banner for a locked inspection */
  props[PROP_SHOW_LOCK_BANNER] = g_param_spec_boolean ("show-lock-banner", NULL, NULL, TRUE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, outer);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, lock_banner);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, lock_banner_label);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, progress_group);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, problem_inspector);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, problem_kind);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_filter);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, judgements_group);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, breakdown_group);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, breakdown_grid);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, breakdown_attr);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, practice_group);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, lock_row);
  gtk_widget_class_bind_template_child (widget_class, FwReviewPage, lock_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_lock_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_breakdown_selected);
  gtk_widget_class_install_action (widget_class, "review.unlock", NULL, action_unlock);
  gtk_widget_class_install_action (widget_class, "review.lock", NULL, action_lock);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewpage");
}

static void
fw_review_page_init (FwReviewPage *self)
{
  self->breakdown = g_strdup (FW_CASE_FIELD_KIND);
  self->show_lock_banner = TRUE;
  self->progress_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->problem_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new ();
  self->shown = g_array_new (FALSE, TRUE, sizeof (ShownProblem));
  self->problem_cases = g_ptr_array_new_with_free_func (g_free);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->practice_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->judgement_rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

    gtk_string_list_append (kinds, _("All problems"));
    for (FwProblemKind k = FW_PROBLEM_UNANSWERED; k <= FW_PROBLEM_NOT_COMPLETE; k++)
      gtk_string_list_append (kinds, fw_problem_kind_title (k));
    adw_combo_row_set_model (ADW_COMBO_ROW (self->problem_kind), G_LIST_MODEL (kinds));
  }
  self->session_signals = g_signal_group_new (FW_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_session_changed), self, 0);
  g_signal_group_connect_object (self->session_signals, "notify::locked", G_CALLBACK (update_locked), self,
                                 G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.unlock", FALSE);
}

void
fw_review_page_set_lead_actions (FwReviewPage *self, gboolean shown)
{
  g_return_if_fail (FW_IS_REVIEW_PAGE (self));
  self->lead_hidden = !shown;
  gtk_widget_set_visible (self->lock_row, shown);
  gtk_widget_set_visible (self->judgements_group, shown && self->judgement_rows->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.lock", shown);
}

GtkWidget *
fw_review_page_new (void)
{
  return g_object_new (FW_TYPE_REVIEW_PAGE, NULL);
}
