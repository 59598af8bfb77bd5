/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-question-row.h"

struct _FwQuestionRow {
  GtkWidget    parent_instance;

  /* template */
  GtkWidget   *grid;
  GtkWidget   *id_label;
  GtkWidget   *text_label;
  GtkWidget   *answers;
  GtkWidget   *yes_button;
  GtkWidget   *no_button;
  GtkWidget   *na_button;
  GtkWidget   *note;           /* GtkTextView */
  GtkWidget   *placeholder;
  GtkWidget   *warning;
  GtkWidget   *provisional;
  GtkWidget   *waiting;       /* shown while its answer waits for another program's write lock */
  GtkWidget   *practice_button;
  GtkWidget   *prompts_button;

  char        *item_id;
  char        *text;
  char        *practice;       /* "", "good" or "poor" */
  char        *note_text;      /* what the note shows, kept in step with its buffer */
  gboolean     is_prompt;
  gboolean     go_on;          /* the note was opened by answering: leaving it goes on */
  gboolean     editable;
  gboolean     practice_editable;
  FwAnswer     answer;
  GtkRevealer *prompts;
  gboolean     updating;
  FwNotePolicy note_policy;    /* the framework's, for this question or prompt */
};

G_DEFINE_FINAL_TYPE (FwQuestionRow, fw_question_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_PRACTICE,
  PROP_EDITABLE,
  PROP_PRACTICE_EDITABLE,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum {
  ANSWERED,
  NOTE_CHANGED,
  NOTE_FINISHED,
  PRACTICE_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static GtkWidget *
answer_button (FwQuestionRow *self, FwAnswer answer)
{
  switch (answer)
    {
    case FW_ANSWER_YES: return self->yes_button;
    case FW_ANSWER_NO: return self->no_button;
    case FW_ANSWER_NA: return self->na_button;
    case FW_ANSWER_NONE:
    default: return NULL;
    }
}

static void
update_state (FwQuestionRow *self)
{
  const char *note = self->note_text;
  gboolean needs_note = fw_note_required (self->note_policy, self->answer) && *note == '\0';
  g_autofree char *label = NULL;
  const char *answer_text = self->answer == FW_ANSWER_YES ? _("Yes")
                          : self->answer == FW_ANSWER_NO ? _("No")
                          : self->answer == FW_ANSWER_NA ? _("Not applicable")
                          : _("not answered");

  gtk_widget_set_visible (self->warning, needs_note);
  gtk_widget_set_visible (self->placeholder, *note == '\0' && !gtk_widget_has_focus (self->note));
  if (needs_note)
    gtk_widget_add_css_class (self->note, "warning");
  else
    gtk_widget_remove_css_class (self->note, "warning");

  self->updating = TRUE;
  for (FwAnswer a = FW_ANSWER_YES; a <= FW_ANSWER_NA; a++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (answer_button (self, a)), self->answer == a);
  self->updating = FALSE;

  if (self->answer == FW_ANSWER_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unanswered");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unanswered");

  label = g_strdup_printf ("%s %s: %s%s%s", self->item_id, self->text ? self->text : "", answer_text,
                           needs_note ? _(", evidence note missing") : "",
                           self->editable ? "" : _(", read-only"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_toggled (GtkToggleButton *button, FwQuestionRow *self)
{
  FwAnswer answer = button == GTK_TOGGLE_BUTTON (self->yes_button) ? FW_ANSWER_YES
                  : button == GTK_TOGGLE_BUTTON (self->no_button) ? FW_ANSWER_NO : FW_ANSWER_NA;

  if (self->updating)
    return;
  /* clicking the chosen answer again clears it */
  if (!gtk_toggle_button_get_active (button))
    answer = self->answer == answer ? FW_ANSWER_NONE : self->answer;
  if (answer == self->answer)
    return;
  g_signal_emit (self, signals[ANSWERED], 0, (int) answer);
}

static GtkTextBuffer *
note_buffer (FwQuestionRow *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note));
}

static void
on_note_buffer_changed (GtkTextBuffer *buffer, FwQuestionRow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->note_text);
  self->note_text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  update_state (self);
}

static void
set_note_text (FwQuestionRow *self, const char *note)
{
  if (g_strcmp0 (note, self->note_text) != 0)
    gtk_text_buffer_set_text (note_buffer (self), note, -1);
}

static void
save_note (FwQuestionRow *self)
{
  if (self->editable)
    g_signal_emit (self, signals[NOTE_CHANGED], 0, self->note_text);
}

static void
on_note_enter (GtkEventControllerFocus *controller, FwQuestionRow *self)
{
  update_state (self);
}

static void
on_note_leave (GtkEventControllerFocus *controller, FwQuestionRow *self)
{
  self->go_on = FALSE;
  save_note (self);
  update_state (self);
}

/* Ctrl+Enter: the note is finished, the editor goes on from this question. */
static void
action_finish_note (GtkWidget *widget, const char *name, GVariant *param)
{
  FwQuestionRow *self = FW_QUESTION_ROW (widget);

  save_note (self);
  gtk_widget_grab_focus (widget);
  g_signal_emit (self, signals[NOTE_FINISHED], 0);
}

/* Escape: back to the question, the note kept; but a note opened by
 * answering (N, where the framework wants evidence) goes on, as the answer
 * would have, so that a key pressed next answers the next question and
 * never this one again. */
static void
action_leave_note (GtkWidget *widget, const char *name, GVariant *param)
{
  FwQuestionRow *self = FW_QUESTION_ROW (widget);

  if (self->go_on)
    {
      action_finish_note (widget, name, param);
      return;
    }
  save_note (self);
  gtk_widget_grab_focus (widget);
}

/* Enter makes a new line, as in any text; Ctrl+Enter finishes the note
 * (and is not Mark Complete while writing one). */
static gboolean
on_note_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
             FwQuestionRow *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "row.leave-note", NULL);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
      && (state & GDK_CONTROL_MASK))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "row.finish-note", NULL);
      return TRUE;
    }
  /* Ctrl+Page Down / Up: to the next or previous case, the note kept, as
   * from the questions (a text view would move its cursor a page) */
  if ((keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Down
       || keyval == GDK_KEY_KP_Page_Up)
      && (state & GDK_CONTROL_MASK))
    {
      save_note (self);
      self->go_on = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self));
      gtk_widget_activate_action (GTK_WIDGET (self),
                                  keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_KP_Page_Down
                                  ? "win.next-case" : "win.previous-case", NULL);
      return TRUE;
    }
  return FALSE;
}

static void
show_practice (FwQuestionRow *self)
{
  const char *practice = self->practice;

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->practice_button),
                                 g_strcmp0 (practice, "good") == 0 ? "starred-symbolic"
                                 : g_strcmp0 (practice, "poor") == 0 ? "dialog-warning-symbolic"
                                 : "non-starred-symbolic");
  if (practice && *practice)
    gtk_widget_add_css_class (self->practice_button, "flagged");
  else
    gtk_widget_remove_css_class (self->practice_button, "flagged");
}

/* Set from the menu (the "row.practice" property action) or from the store. */
static void
set_practice (FwQuestionRow *self, const char *practice, gboolean from_user)
{
  if (practice == NULL)
    practice = "";
  if (g_strcmp0 (practice, self->practice) == 0)
    return;
  g_free (self->practice);
  self->practice = g_strdup (practice);
  show_practice (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PRACTICE]);
  if (from_user)
    g_signal_emit (self, signals[PRACTICE_CHANGED], 0, *practice ? practice : NULL);
}

void
fw_question_row_set_practice (FwQuestionRow *self, const char *practice)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  set_practice (self, practice, FALSE);
}

const char *
fw_question_row_get_practice (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), NULL);
  return self->practice && *self->practice ? self->practice : NULL;
}

void
fw_question_row_set_editable (FwQuestionRow *self, gboolean editable)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  editable = !!editable;
  if (editable == self->editable)
    return;
  self->editable = editable;
  gtk_widget_set_sensitive (self->answers, editable);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->note), editable);
  gtk_widget_set_sensitive (self->note, editable);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_EDITABLE]);
}

gboolean
fw_question_row_get_editable (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), FALSE);
  return self->editable;
}

void
fw_question_row_set_practice_editable (FwQuestionRow *self, gboolean editable)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  editable = !!editable;
  if (editable == self->practice_editable)
    return;
  self->practice_editable = editable;
  gtk_widget_set_sensitive (self->practice_button, editable);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PRACTICE_EDITABLE]);
}

static void
on_prompts_clicked (GtkButton *button, FwQuestionRow *self)
{
  fw_question_row_toggle_prompts (self);
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, FwQuestionRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
fw_question_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwQuestionRow *self = FW_QUESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID: g_value_set_string (value, self->item_id); break;
    case PROP_PRACTICE: g_value_set_string (value, self->practice ? self->practice : ""); break;
    case PROP_EDITABLE: g_value_set_boolean (value, self->editable); break;
    case PROP_PRACTICE_EDITABLE: g_value_set_boolean (value, self->practice_editable); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_question_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwQuestionRow *self = FW_QUESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID: self->item_id = g_value_dup_string (value); break;
    /* the "row.practice" action sets it: the user's choice */
    case PROP_PRACTICE: set_practice (self, g_value_get_string (value), TRUE); break;
    case PROP_EDITABLE: fw_question_row_set_editable (self, g_value_get_boolean (value)); break;
    case PROP_PRACTICE_EDITABLE: fw_question_row_set_practice_editable (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_question_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_QUESTION_ROW);
  G_OBJECT_CLASS (fw_question_row_parent_class)->dispose (object);
}

static void
fw_question_row_finalize (GObject *object)
{
  FwQuestionRow *self = FW_QUESTION_ROW (object);

  g_free (self->item_id);
  g_free (self->text);
  g_free (self->practice);
  g_free (self->note_text);
  G_OBJECT_CLASS (fw_question_row_parent_class)->finalize (object);
}

static gboolean
fw_question_row_grab_focus (GtkWidget *widget)
{
  /* the row itself takes focus, so Y / N / A apply to it */
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL)
    return FALSE;
  gtk_root_set_focus (root, widget);
  return gtk_widget_has_focus (widget);
}

static gboolean
fw_question_row_focus (GtkWidget *widget, GtkDirectionType direction)
{
  FwQuestionRow *self = FW_QUESTION_ROW (widget);

  /* Up/Down move from row to row; Tab goes into the buttons and the note. */
  if (!gtk_widget_has_focus (widget) && gtk_widget_get_focus_child (widget) == NULL)
    {
      if (direction == GTK_DIR_TAB_BACKWARD)
        return gtk_widget_child_focus (self->grid, direction) || fw_question_row_grab_focus (widget);
      return fw_question_row_grab_focus (widget);
    }
  if (direction == GTK_DIR_UP || direction == GTK_DIR_DOWN)
    return FALSE;
  if (gtk_widget_has_focus (widget))
    return direction == GTK_DIR_TAB_FORWARD ? gtk_widget_child_focus (self->grid, direction) : FALSE;
  if (gtk_widget_child_focus (self->grid, direction))
    return TRUE;
  if (direction == GTK_DIR_TAB_BACKWARD)
    return fw_question_row_grab_focus (widget);
  return FALSE;
}

static void
fw_question_row_class_init (FwQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_question_row_get_property;
  object_class->set_property = fw_question_row_set_property;
  object_class->dispose = fw_question_row_dispose;
  object_class->finalize = fw_question_row_finalize;
  widget_class->grab_focus = fw_question_row_grab_focus;
  widget_class->focus = fw_question_row_focus;

  props[PROP_ITEM_ID] = g_param_spec_string ("item-id", NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* "", "good" or "poor" */
  props[PROP_PRACTICE] = g_param_spec_string ("practice", NULL, NULL, "",
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_PRACTICE_EDITABLE] = g_param_spec_boolean ("practice-editable", NULL, NULL, TRUE,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                        | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PRACTICE_CHANGED] = g_signal_new ("practice-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTE_CHANGED] = g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Ctrl+Enter in the note: written, go on */
  signals[NOTE_FINISHED] = g_signal_new ("note-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-question-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, grid);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, answers);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, yes_button);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, no_button);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, na_button);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, note);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, placeholder);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, warning);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, provisional);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, waiting);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, practice_button);
  gtk_widget_class_bind_template_child (widget_class, FwQuestionRow, prompts_button);
  gtk_widget_class_bind_template_callback (widget_class, on_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_note_enter);
  gtk_widget_class_bind_template_callback (widget_class, on_note_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_note_key);
  gtk_widget_class_bind_template_callback (widget_class, on_prompts_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_click);
  gtk_widget_class_install_property_action (widget_class, "row.practice", "practice");
  gtk_widget_class_install_action (widget_class, "row.finish-note", NULL, action_finish_note);
  gtk_widget_class_install_action (widget_class, "row.leave-note", NULL, action_leave_note);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "questionrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fw_question_row_init (FwQuestionRow *self)
{
  self->editable = TRUE;
  self->practice_editable = TRUE;
  self->practice = g_strdup ("");
  self->note_text = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (note_buffer (self), "changed", G_CALLBACK (on_note_buffer_changed), self);
}

GtkWidget *
fw_question_row_new (FwFramework *framework,
                     const char  *item_id,
                     const char  *label,
                     const char  *text,
                     gboolean     is_prompt,
                     gboolean     na_allowed)
{
  FwQuestionRow *self;
  g_autofree char *note_a11y = NULL, *practice_a11y = NULL;

  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (FW_TYPE_QUESTION_ROW, "item-id", item_id, NULL);
  self->text = g_strdup (text);
  /* when it needs an evidence note, and whether its wording is provisional: the framework says */
  self->note_policy = fw_framework_item_note_policy (framework, item_id);
  {
    FwQuestion *question = NULL;
    FwPrompt *prompt = NULL;

    if (fw_framework_find_item (framework, item_id, &question, &prompt))
      gtk_widget_set_visible (self->provisional, prompt ? prompt->provisional : question->provisional);
  }
  self->is_prompt = is_prompt;
  if (is_prompt)
    gtk_widget_add_css_class (GTK_WIDGET (self), "prompt");

  gtk_label_set_text (GTK_LABEL (self->id_label), label);
  gtk_widget_add_css_class (self->id_label, is_prompt ? "dim-label" : "heading");
  gtk_widget_set_size_request (self->id_label, is_prompt ? 70 : 56, -1);
  gtk_label_set_text (GTK_LABEL (self->text_label), text);
  if (is_prompt)
    gtk_widget_add_css_class (self->text_label, "caption");

  /* the answers' words come from the framework */
  for (FwAnswer a = FW_ANSWER_YES; a <= FW_ANSWER_NA; a++)
    {
      GtkWidget *button = answer_button (self, a);
      g_autofree char *a11y = g_strdup_printf ("%s — %s", fw_framework_get_answer_title (framework, a), item_id);

      gtk_button_set_label (GTK_BUTTON (button), fw_framework_get_answer_title (framework, a));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
  gtk_widget_set_visible (self->na_button, na_allowed);

  note_a11y = g_strdup_printf (_("Evidence note for %s"), item_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note), GTK_ACCESSIBLE_PROPERTY_LABEL, note_a11y, -1);
  practice_a11y = g_strdup_printf (_("Practice example for %s"), item_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->practice_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  practice_a11y, -1);
  if (is_prompt)
    gtk_widget_set_visible (self->prompts_button, FALSE);

  update_state (self);
  return GTK_WIDGET (self);
}

const char *
fw_question_row_get_item_id (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), NULL);
  return self->item_id;
}

gboolean
fw_question_row_is_prompt (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), FALSE);
  return self->is_prompt;
}

void
fw_question_row_set_answer (FwQuestionRow *self, FwAnswer answer, const char *note)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  self->answer = answer;
  /* what is being typed stays */
  if (note != NULL && !gtk_widget_has_focus (self->note))
    set_note_text (self, note);
  else if (note == NULL && !gtk_widget_has_focus (self->note))
    set_note_text (self, "");
  update_state (self);
}

void
fw_question_row_set_waiting (FwQuestionRow *self, gboolean waiting)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  gtk_widget_set_visible (self->waiting, waiting);
}

gboolean
fw_question_row_get_waiting (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), FALSE);
  return gtk_widget_get_visible (self->waiting);
}

FwAnswer
fw_question_row_get_answer (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), FW_ANSWER_NONE);
  return self->answer;
}

const char *
fw_question_row_get_note (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), NULL);
  return self->note_text;
}

void
fw_question_row_focus_note (FwQuestionRow *self)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  gtk_widget_grab_focus (self->note);
  self->go_on = FALSE;
}

/* The note, opened by answering: Escape as well as Ctrl+Enter goes on. */
void
fw_question_row_focus_note_to_go_on (FwQuestionRow *self)
{
  fw_question_row_focus_note (self);
  self->go_on = TRUE;
}

void
fw_question_row_set_prompts_revealer (FwQuestionRow *self, GtkRevealer *revealer)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  self->prompts = revealer;
  gtk_widget_set_visible (self->prompts_button, revealer != NULL);
}

GtkRevealer *
fw_question_row_get_prompts_revealer (FwQuestionRow *self)
{
  g_return_val_if_fail (FW_IS_QUESTION_ROW (self), NULL);
  return self->prompts;
}

void
fw_question_row_toggle_prompts (FwQuestionRow *self)
{
  g_return_if_fail (FW_IS_QUESTION_ROW (self));
  if (self->prompts)
    gtk_revealer_set_reveal_child (self->prompts, !gtk_revealer_get_reveal_child (self->prompts));
}
