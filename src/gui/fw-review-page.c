/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "fw-review-page.h"

struct _FwReviewPage {
  GtkWidget  parent_instance;
  GtkWidget *scroller;
  GtkWidget *box;
  GtkWidget *progress_group;
  GtkWidget *problems_group;
  GtkWidget *judgements_group;
  GtkWidget *breakdown_group;
  GtkWidget *breakdown_grid;
  GtkWidget *breakdown_attr;
  GtkWidget *practice_group;
  GtkWidget *lock_row;
  GPtrArray *rows;              /* rows added to groups, to remove on refresh */
  FwSession *session;
  gulong     rating_handler;
  guint      n_problems;
  guint      breakdown_columns;
  FwAttr     breakdown;
};

G_DEFINE_FINAL_TYPE (FwReviewPage, fw_review_page, GTK_TYPE_WIDGET)

enum {
  OPEN_ITEM,
  ERROR,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const FwAttr breakdown_attrs[] = { FW_ATTR_KIND, FW_ATTR_DISPOSAL, FW_ATTR_GENDER, FW_ATTR_AGE,
                                          FW_ATTR_ETHNICITY, FW_ATTR_ROSH, FW_ATTR_SAFETY_WELLBEING,
                                          FW_ATTR_INSPECTOR };
static const char *breakdown_titles[] = { N_("Kind"), N_("Disposal"), N_("Gender"), N_("Age"), N_("Ethnicity"),
                                          N_("Risk of serious harm"), N_("Safety and wellbeing"), N_("Inspector") };

static void
add_row (FwReviewPage *self, GtkWidget *group, GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (FwReviewPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
report (FwReviewPage *self, GError *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
on_problem_activated (AdwActionRow *row, FwReviewPage *self)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, g_object_get_data (G_OBJECT (row), "case-id"),
                 g_object_get_data (G_OBJECT (row), "item"));
}

/* Judgements */

static void
on_judgement_changed (FwReviewPage *self, GtkWidget *row)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  GtkWidget *combo = g_object_get_data (G_OBJECT (row), "combo");
  GtkWidget *entry = g_object_get_data (G_OBJECT (row), "rationale");
  const char *standard_id = g_object_get_data (G_OBJECT (row), "standard");
  guint pos = adw_combo_row_get_selected (ADW_COMBO_ROW (combo));
  GPtrArray *bands = fw_framework_get_bands (fw);
  const char *band_id = pos > 0 && pos <= bands->len ? ((FwBand *) g_ptr_array_index (bands, pos - 1))->id : NULL;
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (row), "loading"))
    return;
  if (!fw_review_page_judge (self, standard_id, band_id, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    report (self, error);
}

static void
on_judgement_combo (AdwComboRow *combo, GParamSpec *pspec, GtkWidget *row)
{
  on_judgement_changed (g_object_get_data (G_OBJECT (row), "page"), row);
}

static void
on_rationale_apply (AdwEntryRow *entry, GtkWidget *row)
{
  on_judgement_changed (g_object_get_data (G_OBJECT (row), "page"), row);
}

gboolean
fw_review_page_judge (FwReviewPage *self, const char *standard_id, const char *band_id,
                      const char *rationale, GError **error)
{
  return fw_session_judge (self->session, standard_id, band_id, rationale, error);
}

static void
build_judgements (FwReviewPage *self, FwFramework *fw, FwStore *store, const char *inspection_id)
{
  GPtrArray *standards = fw_framework_get_standards (fw);
  GPtrArray *bands = fw_framework_get_bands (fw);
  g_autoptr(GHashTable) judged = fw_store_get_judgements (store, inspection_id, NULL);
  g_autoptr(GHashTable) rationales = fw_store_get_rationales (store, inspection_id, NULL);
  FwRating *rating = fw_session_get_rating (self->session);

  for (guint i = 0; i < standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (standards, i);
      g_autoptr(GtkStringList) names = NULL;
      g_autofree char *title = NULL;
      GtkWidget *expander, *combo, *entry;
      const char *current;
      guint selected = 0;

      if (s->rule != FW_RULE_JUDGED)
        continue;
      names = gtk_string_list_new (NULL);
      gtk_string_list_append (names, _("Not judged yet"));
      current = judged ? g_hash_table_lookup (judged, s->id) : NULL;
      for (guint b = 0; b < bands->len; b++)
        {
          FwBand *band = g_ptr_array_index (bands, b);
          gtk_string_list_append (names, band->title);
          if (g_strcmp0 (band->id, current) == 0)
            selected = b + 1;
        }
      title = g_strdup_printf ("%s %s", s->id, s->title);
      expander = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      /* evidence from the cases, where the standard has case-level questions */
      {
        FwStandardResult *r = &rating->standards[s->index];
        GString *evidence = g_string_new (NULL);

        for (guint q = 0; q < r->n_questions; q++)
          if (r->questions[q].question->index >= 0 && r->questions[q].has_percent)
            g_string_append_printf (evidence, "%s%s: %u%% yes (%u of %u)", evidence->len ? " · " : "",
                                    r->questions[q].question->id, r->questions[q].shown_percent,
                                    r->questions[q].yes, r->questions[q].yes + r->questions[q].no);
        if (evidence->len == 0)
          g_string_assign (evidence, s->statement ? s->statement : "");
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), evidence->str);
        g_string_free (evidence, TRUE);
      }
      combo = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Rating"));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
      entry = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Rationale"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
      g_object_set_data (G_OBJECT (expander), "loading", GINT_TO_POINTER (1));
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
      if (rationales && g_hash_table_lookup (rationales, s->id))
        gtk_editable_set_text (GTK_EDITABLE (entry), g_hash_table_lookup (rationales, s->id));
      g_object_set_data (G_OBJECT (expander), "loading", NULL);
      g_object_set_data (G_OBJECT (expander), "page", self);
      g_object_set_data (G_OBJECT (expander), "combo", combo);
      g_object_set_data (G_OBJECT (expander), "rationale", entry);
      g_object_set_data_full (G_OBJECT (expander), "standard", g_strdup (s->id), g_free);
      g_signal_connect (combo, "notify::selected", G_CALLBACK (on_judgement_combo), expander);
      g_signal_connect (entry, "apply", G_CALLBACK (on_rationale_apply), expander);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), combo);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry);
      /* the guidance questions the judgement answers */
      for (guint q = 0; q < s->questions->len; q++)
        {
          FwQuestion *question = g_ptr_array_index (s->questions, q);
          GtkWidget *guide;

          if (!question->guidance)
            continue;
          guide = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (guide), question->id);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (guide), question->text);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), guide);
        }
      {
        GtkWidget *label = gtk_label_new (current ? fw_framework_find_band (fw, current)->title : _("Not judged yet"));
        gtk_widget_add_css_class (label, "dim-label");
        adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), label);
      }
      add_row (self, self->judgements_group, expander);
    }
  gtk_widget_set_visible (self->judgements_group, self->rows->len > 0);
}

/* Breakdown */

static void
build_breakdown (FwReviewPage *self)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  FwStore *store = fw_session_get_store (self->session);
  const char *inspection_id = fw_session_get_inspection_id (self->session);
  GListModel *cases = fw_session_get_cases (self->session);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *standards = fw_framework_get_standards (fw);
  GtkWidget *child;
  int row = 1;

  while ((child = gtk_widget_get_first_child (self->breakdown_grid)))
    gtk_grid_remove (GTK_GRID (self->breakdown_grid), child);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, i);
      const char *value = fw_case_item_get_attr (item, self->breakdown);

      if (value && *value && !g_ptr_array_find_with_equal_func (values, value, g_str_equal, NULL))
        g_ptr_array_add (values, g_strdup (value));
    }
  g_ptr_array_sort (values, (GCompareFunc) g_strcmp0);
  self->breakdown_columns = values->len;

  for (guint v = 0; v < values->len; v++)
    {
      const char *value = g_ptr_array_index (values, v);
      g_autoptr(FwFilter) filter = fw_filter_new ();
      g_autoptr(FwRating) rating = NULL;
      g_autofree char *header = NULL;
      GtkWidget *label;
      FwKind *kind = self->breakdown == FW_ATTR_KIND ? fw_framework_find_kind (fw, value) : NULL;
      guint n = 0;

      fw_filter_add (filter, self->breakdown, value);
      rating = fw_rating_compute_from_store (store, inspection_id, filter, NULL);
      if (rating == NULL)
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
        {
          g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, i);
          n += g_strcmp0 (fw_case_item_get_attr (item, self->breakdown), value) == 0;
        }
      header = g_strdup_printf ("%s\n(%u)", kind ? kind->title : value, n);
      label = gtk_label_new (header);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "heading");
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
              GtkWidget *l = gtk_label_new (t);
              gtk_label_set_xalign (GTK_LABEL (l), 0);
              gtk_widget_add_css_class (l, "heading");
              gtk_grid_attach (GTK_GRID (self->breakdown_grid), l, 0, row, 1, 1);
            }
          label = gtk_label_new (r->band ? r->band->title : "—");
          gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (GTK_GRID (self->breakdown_grid), label, v + 1, row, 1, 1);
          row++;
          for (guint q = 0; q < r->n_questions; q++)
            {
              FwQuestionResult *qr = &r->questions[q];
              g_autofree char *pct = NULL;

              if (qr->question->index < 0)
                continue;
              if (v == 0)
                {
                  GtkWidget *l = gtk_label_new (qr->question->id);
                  gtk_label_set_xalign (GTK_LABEL (l), 0);
                  gtk_widget_set_margin_start (l, 12);
                  gtk_grid_attach (GTK_GRID (self->breakdown_grid), l, 0, row, 1, 1);
                }
              pct = qr->has_percent ? g_strdup_printf ("%u%% (%u/%u)", qr->shown_percent, qr->yes, qr->yes + qr->no)
                                    : g_strdup ("—");
              label = gtk_label_new (pct);
              gtk_widget_add_css_class (label, "numeric");
              gtk_grid_attach (GTK_GRID (self->breakdown_grid), label, v + 1, row, 1, 1);
              row++;
            }
        }
    }
}

static void
on_breakdown_selected (AdwComboRow *combo, GParamSpec *pspec, FwReviewPage *self)
{
  guint pos = adw_combo_row_get_selected (combo);

  if (pos < G_N_ELEMENTS (breakdown_attrs))
    fw_review_page_set_breakdown (self, breakdown_attrs[pos]);
}

void
fw_review_page_set_breakdown (FwReviewPage *self, FwAttr attr)
{
  self->breakdown = attr;
  if (self->session)
    build_breakdown (self);
}

guint
fw_review_page_get_breakdown_columns (FwReviewPage *self)
{
  return self->breakdown_columns;
}

/* Lock */

static void
on_lock_toggled (GtkSwitch *sw, GParamSpec *pspec, FwReviewPage *self);

static void
on_unlock_response (AdwMessageDialog *dialog, const char *response, FwReviewPage *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "unlock") == 0
      && fw_store_set_locked (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session),
                              FALSE, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      fw_review_page_refresh (self);
      return;
    }
  if (error)
    report (self, error);
  fw_review_page_refresh (self);
}

static void
on_lock_toggled (GtkSwitch *sw, GParamSpec *pspec, FwReviewPage *self)
{
  FwStore *store = fw_session_get_store (self->session);
  const char *id = fw_session_get_inspection_id (self->session);
  gboolean want = gtk_switch_get_active (sw);
  g_autoptr(GError) error = NULL;

  if (want == fw_store_is_locked (store, id))
    return;
  if (want)
    {
      if (!fw_store_set_locked (store, id, TRUE, NULL, &error))
        report (self, error);
      fw_review_page_refresh (self);
      return;
    }
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                _("Unlock the Inspection?"),
                                                _("Answers can be changed again. The reason is kept in the audit trail."));
    GtkWidget *entry = gtk_entry_new ();

    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason for unlocking"));
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "unlock", _("_Unlock"), NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock", ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_object_set_data (G_OBJECT (dialog), "entry", entry);
    g_signal_connect (dialog, "response", G_CALLBACK (on_unlock_response), self);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

void
fw_review_page_refresh (FwReviewPage *self)
{
  FwStore *store;
  FwFramework *fw;
  const char *inspection_id;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  GtkWidget *sw;
  guint shown = 0;

  clear_rows (self);
  if (self->session == NULL)
    return;
  store = fw_session_get_store (self->session);
  fw = fw_session_get_framework (self->session);
  inspection_id = fw_session_get_inspection_id (self->session);

  progress = fw_review_progress (store, inspection_id, NULL);
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
      add_row (self, self->progress_group, row);
    }

  problems = fw_review_problems (store, inspection_id, NULL);
  self->n_problems = problems ? problems->len : 0;
  {
    g_autofree char *desc = g_strdup_printf (ngettext ("%u problem to fix before the sample is finished",
                                                       "%u problems to fix before the sample is finished",
                                                       self->n_problems), self->n_problems);
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->problems_group), desc);
  }
  for (guint i = 0; problems && i < problems->len && shown < 200; i++)
    {
      FwProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fw_problem_kind_to_string (p->kind));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "case-id", g_strdup (p->case_id), g_free);
      g_object_set_data_full (G_OBJECT (row), "item", g_strdup (p->item), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_problem_activated), self);
      add_row (self, self->problems_group, row);
      shown++;
    }

  build_judgements (self, fw, store, inspection_id);

  examples = fw_review_practice_examples (store, inspection_id, NULL);
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
      add_row (self, self->practice_group, row);
    }
  gtk_widget_set_visible (self->practice_group, examples && examples->len > 0);

  sw = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (self->lock_row));
  g_signal_handlers_block_by_func (sw, on_lock_toggled, self);
  gtk_switch_set_active (GTK_SWITCH (sw), fw_store_is_locked (store, inspection_id));
  g_signal_handlers_unblock_by_func (sw, on_lock_toggled, self);

  build_breakdown (self);
}

guint
fw_review_page_get_n_problems (FwReviewPage *self)
{
  return self->n_problems;
}

void
fw_review_page_set_session (FwReviewPage *self, FwSession *session)
{
  g_set_object (&self->session, session);
  fw_review_page_refresh (self);
}

static void
fw_review_page_dispose (GObject *object)
{
  FwReviewPage *self = FW_REVIEW_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (fw_review_page_parent_class)->dispose (object);
}

static void
fw_review_page_class_init (FwReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_review_page_dispose;
  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
group_new (const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
fw_review_page_init (FwReviewPage *self)
{
  GtkWidget *clamp, *sw, *export_row, *audit_row, *attr_row, *frame;
  g_autoptr(GtkStringList) attr_names = gtk_string_list_new (NULL);

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->breakdown = FW_ATTR_KIND;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->box, 18);
  gtk_widget_set_margin_bottom (self->box, 24);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  self->progress_group = group_new (_("Progress"), _("Cases complete of those allocated, per inspector"));
  gtk_box_append (GTK_BOX (self->box), self->progress_group);

  self->lock_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lock_row), _("Locked"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->lock_row),
                               _("A locked inspection is read-only; unlocking asks for a reason"));
  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_lock_toggled), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->lock_row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->lock_row), sw);
  export_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (export_row), _("Export the Ratings Summary…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (export_row), _("PDF, spreadsheet, web page or CSV"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export_row), "win.export");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (export_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (export_row), gtk_image_new_from_icon_name ("document-save-symbolic"));
  audit_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (audit_row), _("Audit Trail…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (audit_row), _("Who changed what and when"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (audit_row), "win.audit");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (audit_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (audit_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  {
    GtkWidget *group = group_new (_("Inspection"), NULL);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->lock_row);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), export_row);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), audit_row);
    gtk_box_append (GTK_BOX (self->box), group);
  }

  self->judgements_group = group_new (_("Judged Standards"),
                                      _("Standards rated without a case sample: record the rating and its rationale"));
  gtk_box_append (GTK_BOX (self->box), self->judgements_group);

  self->problems_group = group_new (_("Problems"), NULL);
  gtk_box_append (GTK_BOX (self->box), self->problems_group);

  self->practice_group = group_new (_("Practice Examples"), _("Evidence notes flagged to quote, by standard"));
  gtk_box_append (GTK_BOX (self->box), self->practice_group);

  self->breakdown_group = group_new (_("Sub-sample Breakdown"), _("Ratings side by side for each value of an attribute"));
  for (guint i = 0; i < G_N_ELEMENTS (breakdown_titles); i++)
    gtk_string_list_append (attr_names, _(breakdown_titles[i]));
  attr_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attr_row), _("Break down by"));
  adw_combo_row_set_model (ADW_COMBO_ROW (attr_row), G_LIST_MODEL (attr_names));
  g_signal_connect (attr_row, "notify::selected", G_CALLBACK (on_breakdown_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->breakdown_group), attr_row);
  self->breakdown_attr = attr_row;
  self->breakdown_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->breakdown_grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (self->breakdown_grid), 4);
  gtk_widget_set_margin_top (self->breakdown_grid, 12);
  frame = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), self->breakdown_grid);
  gtk_box_append (GTK_BOX (self->box), self->breakdown_group);
  gtk_box_append (GTK_BOX (self->box), frame);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
fw_review_page_new (void)
{
  return g_object_new (FW_TYPE_REVIEW_PAGE, NULL);
}
