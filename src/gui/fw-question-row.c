/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-question-row.h"

struct _FwQuestionRow {
  GtkWidget    parent_instance;
  char        *item_id;
  char        *text;
  gboolean     is_prompt;
  FwAnswer     answer;
  GtkWidget   *grid;
  GtkWidget   *buttons[4];     /* indexed by FwAnswer; [0] unused */
  GtkWidget   *note;
  GtkWidget   *warning;
  GtkWidget   *prompts_button;
  GtkWidget   *practice_button;
  GSimpleAction *practice;
  GtkRevealer *prompts;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (FwQuestionRow, fw_question_row, GTK_TYPE_WIDGET)

enum {
  ANSWERED,
  NOTE_CHANGED,
  PRACTICE_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
update_state (FwQuestionRow *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note));
  gboolean needs_note = (self->answer == FW_ANSWER_NO || self->answer == FW_ANSWER_NA) && *note == '\0';
  g_autofree char *label = NULL;
  const char *answer_text = self->answer == FW_ANSWER_YES ? _("Yes")
                          : self->answer == FW_ANSWER_NO ? _("No")
                          : self->answer == FW_ANSWER_NA ? _("Not applicable")
                          : _("not answered");

  gtk_widget_set_visible (self->warning, needs_note);
  if (needs_note)
    gtk_widget_add_css_class (self->note, "warning");
  else
    gtk_widget_remove_css_class (self->note, "warning");

  for (guint i = FW_ANSWER_YES; i <= FW_ANSWER_NA; i++)
    if (self->buttons[i])
      {
        self->updating = TRUE;
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), self->answer == i);
        self->updating = FALSE;
      }

  if (self->answer == FW_ANSWER_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unanswered");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unanswered");

  label = g_strdup_printf ("%s %s: %s%s", self->item_id, self->text, answer_text,
                           needs_note ? _(", evidence note missing") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_toggled (GtkToggleButton *button, FwQuestionRow *self)
{
  FwAnswer answer = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "answer"));

  if (self->updating)
    return;
  /* clicking the chosen answer again clears it */
  if (!gtk_toggle_button_get_active (button))
    answer = self->answer == answer ? FW_ANSWER_NONE : self->answer;
  if (answer == self->answer)
    return;
  g_signal_emit (self, signals[ANSWERED], 0, (int) answer);
}

static void
on_note_activate (GtkEntry *entry, FwQuestionRow *self)
{
  g_signal_emit (self, signals[NOTE_CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_note_leave (GtkEventControllerFocus *controller, FwQuestionRow *self)
{
  g_signal_emit (self, signals[NOTE_CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (self->note)));
}

static gboolean
on_note_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
             FwQuestionRow *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      return TRUE;
    }
  return FALSE;
}

static void
on_note_changed (GtkEditable *editable, FwQuestionRow *self)
{
  update_state (self);
}

static void
show_practice (FwQuestionRow *self, const char *practice)
{
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->practice_button),
                                 g_strcmp0 (practice, "good") == 0 ? "starred-symbolic"
                                 : g_strcmp0 (practice, "poor") == 0 ? "dialog-warning-symbolic"
                                 : "non-starred-symbolic");
  if (practice && *practice)
    gtk_widget_add_css_class (self->practice_button, "flagged");
  else
    gtk_widget_remove_css_class (self->practice_button, "flagged");
}

static void
on_practice_activate (GSimpleAction *action, GVariant *param, FwQuestionRow *self)
{
  const char *value = g_variant_get_string (param, NULL);

  g_simple_action_set_state (action, param);
  show_practice (self, value);
  g_signal_emit (self, signals[PRACTICE_CHANGED], 0, *value ? value : NULL);
}

void
fw_question_row_set_practice (FwQuestionRow *self, const char *practice)
{
  g_simple_action_set_state (self->practice, g_variant_new_string (practice ? practice : ""));
  show_practice (self, practice);
}

static void
on_prompts_clicked (GtkButton *button, FwQuestionRow *self)
{
  fw_question_row_toggle_prompts (self);
}

static gboolean
on_click (GtkGestureClick *gesture, int n_press, double x, double y, FwQuestionRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return FALSE;
}

static void
fw_question_row_dispose (GObject *object)
{
  FwQuestionRow *self = FW_QUESTION_ROW (object);

  g_clear_pointer (&self->grid, gtk_widget_unparent);
  G_OBJECT_CLASS (fw_question_row_parent_class)->dispose (object);
}

static void
fw_question_row_finalize (GObject *object)
{
  FwQuestionRow *self = FW_QUESTION_ROW (object);

  g_free (self->item_id);
  g_free (self->text);
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

  object_class->dispose = fw_question_row_dispose;
  object_class->finalize = fw_question_row_finalize;
  widget_class->grab_focus = fw_question_row_grab_focus;
  widget_class->focus = fw_question_row_focus;

  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PRACTICE_CHANGED] = g_signal_new ("practice-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTE_CHANGED] = g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "questionrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fw_question_row_init (FwQuestionRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "question-row");
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
fw_question_row_new (FwFramework *framework,
                     const char  *item_id,
                     const char  *label,
                     const char  *text,
                     gboolean     is_prompt,
                     gboolean     na_allowed)
{
  FwQuestionRow *self = g_object_new (FW_TYPE_QUESTION_ROW, NULL);
  GtkWidget *id_label, *text_label, *box, *note_box;
  GtkEventController *focus, *keys;
  static const char *short_names[] = { NULL, N_("_Yes"), N_("_No"), N_("N/_A") };

  self->item_id = g_strdup (item_id);
  self->text = g_strdup (text);
  g_object_set_data (G_OBJECT (self), "fw-item-id", self->item_id);
  self->is_prompt = is_prompt;
  if (is_prompt)
    gtk_widget_add_css_class (GTK_WIDGET (self), "prompt");

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));

  id_label = gtk_label_new (label);
  gtk_widget_add_css_class (id_label, is_prompt ? "dim-label" : "heading");
  gtk_label_set_xalign (GTK_LABEL (id_label), 0);
  gtk_label_set_yalign (GTK_LABEL (id_label), 0);
  gtk_widget_set_size_request (id_label, is_prompt ? 70 : 56, -1);
  gtk_grid_attach (GTK_GRID (self->grid), id_label, 0, 0, 1, 1);

  text_label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_widget_set_hexpand (text_label, TRUE);
  if (is_prompt)
    gtk_widget_add_css_class (text_label, "caption");
  gtk_grid_attach (GTK_GRID (self->grid), text_label, 1, 0, 1, 1);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  for (guint i = FW_ANSWER_YES; i <= FW_ANSWER_NA; i++)
    {
      g_autofree char *a11y = NULL;
      GtkWidget *button;

      if (i == FW_ANSWER_NA && !na_allowed)
        continue;
      button = gtk_toggle_button_new_with_label (fw_framework_get_answer_title (framework, i));
      g_object_set_data (G_OBJECT (button), "answer", GINT_TO_POINTER (i));
      gtk_widget_add_css_class (button, i == FW_ANSWER_YES ? "answer-yes"
                                        : i == FW_ANSWER_NO ? "answer-no" : "answer-na");
      gtk_widget_set_focus_on_click (button, FALSE);
      a11y = g_strdup_printf ("%s — %s", fw_framework_get_answer_title (framework, i), item_id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_set_tooltip_text (button, g_dgettext (NULL, short_names[i]));
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggled), self);
      gtk_box_append (GTK_BOX (box), button);
      self->buttons[i] = button;
    }
  gtk_grid_attach (GTK_GRID (self->grid), box, 2, 0, 1, 1);

  note_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note), _("Evidence note"));
  gtk_widget_set_hexpand (self->note, TRUE);
  {
    g_autofree char *a11y = g_strdup_printf (_("Evidence note for %s"), item_id);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->note), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  }
  g_signal_connect (self->note, "activate", G_CALLBACK (on_note_activate), self);
  g_signal_connect (self->note, "changed", G_CALLBACK (on_note_changed), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_note_leave), self);
  gtk_widget_add_controller (self->note, focus);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_note_key), self);
  gtk_widget_add_controller (self->note, keys);
  gtk_box_append (GTK_BOX (note_box), self->note);

  self->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->warning, "warning");
  gtk_widget_set_tooltip_text (self->warning, _("A “No” or “Not applicable” without an evidence note"));
  gtk_box_append (GTK_BOX (note_box), self->warning);

  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autofree char *a11y = g_strdup_printf (_("Practice example for %s"), item_id);

    g_menu_append (menu, _("Not an Example"), "row.practice::");
    g_menu_append (menu, _("Good Practice Example"), "row.practice::good");
    g_menu_append (menu, _("Poor Practice Example"), "row.practice::poor");
    self->practice = g_simple_action_new_stateful ("practice", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
    g_signal_connect (self->practice, "activate", G_CALLBACK (on_practice_activate), self);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->practice));
    g_object_unref (self->practice);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "row", G_ACTION_GROUP (group));
    self->practice_button = gtk_menu_button_new ();
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->practice_button), G_MENU_MODEL (menu));
    gtk_widget_add_css_class (self->practice_button, "flat");
    gtk_widget_set_tooltip_text (self->practice_button, _("Flag the evidence note as a practice example"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->practice_button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    gtk_widget_set_focus_on_click (self->practice_button, FALSE);
    show_practice (self, NULL);
    gtk_box_append (GTK_BOX (note_box), self->practice_button);
  }

  if (!is_prompt)
    {
      self->prompts_button = gtk_button_new_with_label (_("Prompts"));
      gtk_widget_add_css_class (self->prompts_button, "flat");
      gtk_widget_set_focus_on_click (self->prompts_button, FALSE);
      gtk_widget_set_visible (self->prompts_button, FALSE);
      g_signal_connect (self->prompts_button, "clicked", G_CALLBACK (on_prompts_clicked), self);
      gtk_box_append (GTK_BOX (note_box), self->prompts_button);
    }
  gtk_grid_attach (GTK_GRID (self->grid), note_box, 1, 1, 2, 1);

  update_state (self);
  return GTK_WIDGET (self);
}

const char *
fw_question_row_get_item_id (FwQuestionRow *self)
{
  return self->item_id;
}

gboolean
fw_question_row_is_prompt (FwQuestionRow *self)
{
  return self->is_prompt;
}

void
fw_question_row_set_answer (FwQuestionRow *self, FwAnswer answer, const char *note)
{
  self->answer = answer;
  if (note != NULL && g_strcmp0 (note, gtk_editable_get_text (GTK_EDITABLE (self->note))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note), note);
  else if (note == NULL && !gtk_widget_has_focus (self->note))
    gtk_editable_set_text (GTK_EDITABLE (self->note), "");
  update_state (self);
}

FwAnswer
fw_question_row_get_answer (FwQuestionRow *self)
{
  return self->answer;
}

const char *
fw_question_row_get_note (FwQuestionRow *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->note));
}

void
fw_question_row_focus_note (FwQuestionRow *self)
{
  gtk_widget_grab_focus (self->note);
}

void
fw_question_row_set_prompts_revealer (FwQuestionRow *self, GtkRevealer *revealer)
{
  self->prompts = revealer;
  gtk_widget_set_visible (self->prompts_button, revealer != NULL);
}

void
fw_question_row_toggle_prompts (FwQuestionRow *self)
{
  if (self->prompts)
    gtk_revealer_set_reveal_child (self->prompts, !gtk_revealer_get_reveal_child (self->prompts));
}
