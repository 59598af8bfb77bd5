/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-judgement-row.h"

struct _FwJudgementRow {
  AdwExpanderRow  parent_instance;

  /* template */
  GtkWidget      *band_combo;
  GtkWidget      *rationale;
  GtkWidget      *evidence;

  FwSession      *session;
  char           *standard_id;
  char           *band_id;        /* what is stored: NULL, not judged yet */
  gboolean        loading;        /* the widgets are being set from the store */
  char           *rationale_stored;   /* what the store has */
  GSignalGroup   *session_signals;
};

G_DEFINE_FINAL_TYPE (FwJudgementRow, fw_judgement_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STANDARD_ID,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum {
  ERROR,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static FwStandard *
get_standard (FwJudgementRow *self)
{
  if (self->session == NULL || self->standard_id == NULL)
    return NULL;
  return fw_framework_find_standard (fw_session_get_framework (self->session), self->standard_id);
}

/* The header says how the standard is judged: "Good", "Not judged yet". */
static void
show_band (FwJudgementRow *self)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  GPtrArray *bands = fw_framework_get_bands (fw);
  FwBand *band = self->band_id ? fw_framework_find_band (fw, self->band_id) : NULL;
  const char *text = band ? band->title : _("Not judged yet");
  guint selected = 0;

  for (guint b = 0; band && b < bands->len; b++)
    if (g_ptr_array_index (bands, b) == band)
      selected = b + 1;
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text);
  if (band)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "not-judged");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "not-judged");
  self->loading = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->band_combo), selected);
  self->loading = FALSE;
}

static char *
dup_rationale (FwJudgementRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->rationale));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The stored rationale, in full, lines and all. */
static void
show_rationale (FwJudgementRow *self, const char *rationale)
{
  g_autofree char *shown = dup_rationale (self);

  g_free (self->rationale_stored);
  self->rationale_stored = g_strdup (rationale ? rationale : "");
  if (g_strcmp0 (shown, self->rationale_stored) == 0)
    return;
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->rationale)), self->rationale_stored, -1);
  self->loading = FALSE;
}

/* Evidence from the cases, where the standard has case-level questions. */
static void
show_evidence (FwJudgementRow *self)
{
  FwStandard *s = get_standard (self);
  FwRating *rating = fw_session_get_rating (self->session);
  FwStandardResult *r;
  g_autoptr(GString) evidence = g_string_new (NULL);

  if (s == NULL || rating == NULL)
    return;
  r = &rating->standards[s->index];
  for (guint q = 0; q < r->n_questions; q++)
    if (r->questions[q].question->index >= 0 && r->questions[q].has_percent)
      g_string_append_printf (evidence, "%s%s: %u%% yes (%u of %u)", evidence->len ? " · " : "",
                              r->questions[q].question->id, r->questions[q].shown_percent,
                              r->questions[q].yes, r->questions[q].yes + r->questions[q].no);
  if (evidence->len == 0)
    g_string_assign (evidence, s->statement ? s->statement : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->evidence), evidence->str);
  gtk_widget_set_visible (self->evidence, evidence->len > 0);
}

static void
update_sensitive (FwJudgementRow *self)
{
  gboolean editable = self->session != NULL && !fw_session_is_locked (self->session);

  gtk_widget_set_sensitive (self->band_combo, editable);
  gtk_widget_set_sensitive (self->rationale, editable);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->rationale), editable);
}

static void
judge (FwJudgementRow *self, const char *band_id)
{
  g_autoptr(GError) error = NULL;

  g_autofree char *rationale = dup_rationale (self);

  if (!fw_session_judge (self->session, self->standard_id, band_id, rationale, &error))
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      /* back to what is stored */
      show_band (self);
    }
  /* on success the row follows FwSession::changed */
}

static void
on_band_selected (AdwComboRow *combo, GParamSpec *pspec, FwJudgementRow *self)
{
  GPtrArray *bands;
  guint pos;
  const char *band_id = NULL;

  if (self->loading || self->session == NULL)
    return;
  bands = fw_framework_get_bands (fw_session_get_framework (self->session));
  pos = adw_combo_row_get_selected (combo);
  if (pos > 0 && pos <= bands->len)
    band_id = ((FwBand *) g_ptr_array_index (bands, pos - 1))->id;
  if (g_strcmp0 (band_id, self->band_id) == 0)
    return;
  judge (self, band_id);
}

/* Saves the rationale when it changed. */
static void
save_rationale (FwJudgementRow *self)
{
  g_autofree char *rationale = dup_rationale (self);

  if (self->session == NULL || self->loading || g_strcmp0 (rationale, self->rationale_stored) == 0)
    return;
  /* no rating yet: the rationale is kept here and saved with the rating chosen */
  if (self->band_id == NULL)
    return;
  judge (self, self->band_id);
}

/* Enter is a new line; Ctrl+Enter saves and goes on, like an evidence note. */
static gboolean
on_rationale_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                  FwJudgementRow *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
      && (state & GDK_CONTROL_MASK))
    {
      save_rationale (self);
      gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  return FALSE;
}

static void
on_rationale_leave (GtkEventControllerFocus *controller, FwJudgementRow *self)
{
  save_rationale (self);
}

static void
on_session_changed (FwSession *session, FwChange *change, FwJudgementRow *self)
{
  if (change->kind == FW_CHANGE_RELOAD)
    {
      g_autoptr(GHashTable) rationales =
        fw_store_get_rationales (fw_session_get_store (session), fw_session_get_inspection_id (session), NULL);

      g_free (self->band_id);
      self->band_id = g_strdup (g_hash_table_lookup (fw_session_get_judgements (session), self->standard_id));
      show_band (self);
      show_rationale (self, rationales ? g_hash_table_lookup (rationales, self->standard_id) : NULL);
      return;
    }
  if (change->kind != FW_CHANGE_JUDGEMENT || g_strcmp0 (change->item, self->standard_id) != 0)
    return;
  g_free (self->band_id);
  self->band_id = g_strdup (change->new_value);
  show_band (self);
  show_rationale (self, change->note);
}

static void
fill (FwJudgementRow *self)
{
  FwStandard *s = get_standard (self);
  FwFramework *fw;
  GPtrArray *bands;
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GHashTable) rationales = NULL;
  g_autofree char *title = NULL;

  if (s == NULL)
    return;
  fw = fw_session_get_framework (self->session);
  bands = fw_framework_get_bands (fw);
  title = g_strdup_printf ("%s %s", s->id, s->title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Not judged yet"));
  for (guint b = 0; b < bands->len; b++)
    gtk_string_list_append (names, ((FwBand *) g_ptr_array_index (bands, b))->title);
  self->loading = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->band_combo), G_LIST_MODEL (names));
  self->loading = FALSE;

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
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), guide);
    }

  g_free (self->band_id);
  self->band_id = g_strdup (g_hash_table_lookup (fw_session_get_judgements (self->session), self->standard_id));
  rationales = fw_store_get_rationales (fw_session_get_store (self->session),
                                        fw_session_get_inspection_id (self->session), NULL);
  show_band (self);
  show_rationale (self, rationales ? g_hash_table_lookup (rationales, self->standard_id) : NULL);
  show_evidence (self);
  update_sensitive (self);
}

FwSession *
fw_judgement_row_get_session (FwJudgementRow *self)
{
  g_return_val_if_fail (FW_IS_JUDGEMENT_ROW (self), NULL);
  return self->session;
}

const char *
fw_judgement_row_get_standard_id (FwJudgementRow *self)
{
  g_return_val_if_fail (FW_IS_JUDGEMENT_ROW (self), NULL);
  return self->standard_id;
}

const char *
fw_judgement_row_get_band_id (FwJudgementRow *self)
{
  g_return_val_if_fail (FW_IS_JUDGEMENT_ROW (self), NULL);
  return self->band_id;
}

static void
fw_judgement_row_constructed (GObject *object)
{
  FwJudgementRow *self = FW_JUDGEMENT_ROW (object);

  G_OBJECT_CLASS (fw_judgement_row_parent_class)->constructed (object);
  g_signal_group_set_target (self->session_signals, self->session);
  fill (self);
}

static void
fw_judgement_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwJudgementRow *self = FW_JUDGEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_STANDARD_ID: g_value_set_string (value, self->standard_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_judgement_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwJudgementRow *self = FW_JUDGEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION: self->session = g_value_dup_object (value); break;
    case PROP_STANDARD_ID: self->standard_id = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_judgement_row_dispose (GObject *object)
{
  FwJudgementRow *self = FW_JUDGEMENT_ROW (object);

  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_JUDGEMENT_ROW);
  G_OBJECT_CLASS (fw_judgement_row_parent_class)->dispose (object);
}

static void
fw_judgement_row_finalize (GObject *object)
{
  FwJudgementRow *self = FW_JUDGEMENT_ROW (object);

  g_free (self->standard_id);
  g_free (self->band_id);
  g_free (self->rationale_stored);
  G_OBJECT_CLASS (fw_judgement_row_parent_class)->finalize (object);
}

static void
fw_judgement_row_class_init (FwJudgementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fw_judgement_row_constructed;
  object_class->get_property = fw_judgement_row_get_property;
  object_class->set_property = fw_judgement_row_set_property;
  object_class->dispose = fw_judgement_row_dispose;
  object_class->finalize = fw_judgement_row_finalize;

  props[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                             | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_STANDARD_ID] = g_param_spec_string ("standard-id", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * FwJudgementRow::error:
   * @message: why the judgement was refused
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-judgement-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FwJudgementRow, band_combo);
  gtk_widget_class_bind_template_child (widget_class, FwJudgementRow, rationale);
  gtk_widget_class_bind_template_child (widget_class, FwJudgementRow, evidence);
  gtk_widget_class_bind_template_callback (widget_class, on_band_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_rationale_key);
  gtk_widget_class_bind_template_callback (widget_class, on_rationale_leave);
}

static void
fw_judgement_row_init (FwJudgementRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->session_signals = g_signal_group_new (FW_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_session_changed), self, 0);
  g_signal_group_connect_object (self->session_signals, "rating-changed", G_CALLBACK (show_evidence), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::locked", G_CALLBACK (update_sensitive), self,
                                 G_CONNECT_SWAPPED);
}

GtkWidget *
fw_judgement_row_new (FwSession *session, const char *standard_id)
{
  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  g_return_val_if_fail (standard_id != NULL, NULL);
  return g_object_new (FW_TYPE_JUDGEMENT_ROW, "session", session, "standard-id", standard_id, NULL);
}
