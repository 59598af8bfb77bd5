/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-case-editor.h"
#include <adwaita.h>

#include "fw-question-row.h"
#include "fw-unlock-dialog.h"

typedef struct {
  GtkWidget  *scroller;
  GPtrArray  *rows;       /* FwQuestionRow*, in order */
  GHashTable *by_item;    /* item id → FwQuestionRow* */
} KindPage;

struct _FwCaseEditor {
  GtkWidget   parent_instance;

  /* template */
  GtkWidget  *box;
  GtkWidget  *banner;
  GtkWidget  *banner_box;
  GtkWidget  *banner_label;
  GtkWidget  *reopen_button;
  GtkWidget  *unlock_button;
  GtkWidget  *title;
  GtkWidget  *subtitle;
  GtkWidget  *status;
  GtkWidget  *comments;
  GtkWidget  *complete_button;
  GtkWidget  *qa_button;
  GtkWidget  *return_button;
  GtkWidget  *stack;

  FwSession  *session;
  gboolean    editable;     /* the open case's answers may change now */
  gboolean    show_lock_banner;
  gboolean    lead_hidden;  /* an inspector's installation: no Return, no Quality-Assure */
  FwCaseItem *item;
  GHashTable *pages;      /* kind id → KindPage* */
  gulong      status_handler;
  gulong      changed_handler;
  gulong      locked_handler;
};

G_DEFINE_FINAL_TYPE (FwCaseEditor, fw_case_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CASE,
  PROP_EDITABLE,
  PROP_SHOW_LOCK_BANNER,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum {
  ERROR,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
kind_page_free (gpointer data)
{
  KindPage *page = data;
  g_ptr_array_unref (page->rows);
  g_hash_table_unref (page->by_item);
  g_free (page);
}

static KindPage *
current_page (FwCaseEditor *self)
{
  if (self->item == NULL)
    return NULL;
  return g_hash_table_lookup (self->pages, fw_case_item_get_attr (self->item, FW_CASE_FIELD_KIND));
}

static void
report (FwCaseEditor *self, GError *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* Shows what the store has for the row's question, or, while another
 * program holds the write lock, the newest answer waiting to be saved,
 * marked as not saved yet. */
static void
show_answer (FwCaseEditor *self, FwQuestionRow *row)
{
  FwWriteQueue *writes = fw_session_get_writes (self->session);
  const char *case_id = fw_case_item_get_id (self->item);
  const char *item_id = fw_question_row_get_item_id (row);
  g_autofree char *note = NULL, *waiting_note = NULL;
  FwAnswer answer = FW_ANSWER_NONE, waiting = FW_ANSWER_NONE;

  fw_store_get_answer (fw_session_get_store (self->session), case_id, item_id, &answer, &note, NULL);
  if (fw_write_queue_get_pending (writes) > 0
      && fw_write_queue_get_answer (writes, case_id, item_id, &waiting, &waiting_note, NULL)
      && (waiting != answer || g_strcmp0 (waiting_note ? waiting_note : "", note ? note : "") != 0))
    {
      fw_question_row_set_answer (row, waiting, waiting_note ? waiting_note : "");
      fw_question_row_set_waiting (row, TRUE);
      return;
    }
  fw_question_row_set_answer (row, answer, note ? note : "");
  fw_question_row_set_waiting (row, FALSE);
}

static gboolean
save (FwCaseEditor *self, FwQuestionRow *row, FwAnswer answer, const char *note)
{
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return FALSE;
  if (!fw_session_answer (self->session, fw_case_item_get_id (self->item),
                          fw_question_row_get_item_id (row), answer, note, &error))
    {
      report (self, error);
      /* the row still holds what is stored: put its buttons back */
      fw_question_row_set_answer (row, fw_question_row_get_answer (row), fw_question_row_get_note (row));
      return FALSE;
    }
  /* the row follows FwSession::changed, like a change made elsewhere; but
   * an answer kept while another program writes shows now, marked */
  if (fw_write_queue_get_pending (fw_session_get_writes (self->session)) > 0)
    show_answer (self, row);
  return TRUE;
}

/* The waiting saves are all saved (or refused): no row waits any more, and
 * each shows what the store has. */
static void
on_pending_changed (FwCaseEditor *self)
{
  KindPage *page = current_page (self);

  if (page == NULL || fw_write_queue_get_pending (fw_session_get_writes (self->session)) > 0)
    return;
  for (guint i = 0; i < page->rows->len; i++)
    if (fw_question_row_get_waiting (g_ptr_array_index (page->rows, i)))
      show_answer (self, g_ptr_array_index (page->rows, i));
}

static void
on_row_answered (FwQuestionRow *row, int answer, FwCaseEditor *self)
{
  save (self, row, answer, fw_question_row_get_note (row));
}

static void
on_row_note_changed (FwQuestionRow *row, const char *note, FwCaseEditor *self)
{
  /* kept with its answer, or for the question until it is answered */
  if (self->item != NULL && fw_session_can_edit_case (self->session, self->item, NULL))
    save (self, row, fw_question_row_get_answer (row), note);
}

static void focus_row (GtkWidget *row);
static gboolean row_visible (GtkWidget *row);

/* The next question shown after a row, or NULL. */
static GtkWidget *
next_row (FwCaseEditor *self, FwQuestionRow *row)
{
  KindPage *page = current_page (self);
  guint index;

  if (page == NULL || !g_ptr_array_find (page->rows, row, &index))
    return NULL;
  for (guint i = index + 1; i < page->rows->len; i++)
    if (row_visible (g_ptr_array_index (page->rows, i)))
      return g_ptr_array_index (page->rows, i);
  return NULL;
}

/* Ctrl+Enter in a note: an answered question is done, the next one comes;
 * a note written before the answer goes back to its question. */
static void
on_row_note_finished (FwQuestionRow *row, FwCaseEditor *self)
{
  GtkWidget *next = fw_question_row_get_answer (row) != FW_ANSWER_NONE ? next_row (self, row) : NULL;

  focus_row (next ? next : GTK_WIDGET (row));
}

static void
on_row_practice_changed (FwQuestionRow *row, const char *practice, FwCaseEditor *self)
{
  g_autoptr(GError) error = NULL;
  FwPractice value = FW_PRACTICE_NONE;

  if (practice != NULL && !fw_practice_from_string (practice, &value))
    value = FW_PRACTICE_NONE;

  if (self->item == NULL)
    return;
  if (!fw_session_set_practice (self->session, fw_case_item_get_id (self->item),
                                fw_question_row_get_item_id (row), value, &error))
    {
      g_autoptr(GHashTable) practice = NULL;

      report (self, error);
      /* put the row's flag back to what is stored */
      practice = fw_store_get_case_practice (fw_session_get_store (self->session),
                                             fw_case_item_get_id (self->item), NULL);
      fw_question_row_set_practice (row, practice ? g_hash_table_lookup (practice, fw_question_row_get_item_id (row)) : NULL);
    }
}

static GtkWidget *
add_row (FwCaseEditor *self, KindPage *page, GtkWidget *box, FwFramework *fw, const char *id,
         const char *text, gboolean is_prompt, gboolean na_allowed)
{
  g_autofree char *label = NULL;
  GtkWidget *row;

  label = is_prompt ? g_strdup (strrchr (id, '.') ? strrchr (id, '.') + 1 : id) : g_strdup (id);
  if (is_prompt)
    {
      g_autofree char *tmp = g_strdup_printf ("%s)", label);
      g_free (label);
      label = g_steal_pointer (&tmp);
    }
  row = fw_question_row_new (fw, id, label, text, is_prompt, na_allowed);
  g_signal_connect (row, "answered", G_CALLBACK (on_row_answered), self);
  g_signal_connect (row, "note-changed", G_CALLBACK (on_row_note_changed), self);
  g_signal_connect (row, "note-finished", G_CALLBACK (on_row_note_finished), self);
  g_signal_connect (row, "practice-changed", G_CALLBACK (on_row_practice_changed), self);
  gtk_box_append (GTK_BOX (box), row);
  g_ptr_array_add (page->rows, row);
  g_hash_table_insert (page->by_item, g_strdup (id), row);
  return row;
}

static KindPage *
build_page (FwCaseEditor *self, FwKind *kind)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  GPtrArray *standards = fw_framework_get_standards (fw);
  KindPage *page = g_new0 (KindPage, 1);
  GtkWidget *clamp, *box;

  page->rows = g_ptr_array_new ();
  page->by_item = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "case-questions");
  for (guint i = 0; i < standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (standards, i);
      g_autofree char *heading = NULL;
      GtkWidget *title;
      gboolean any = FALSE;

      for (guint j = 0; j < s->questions->len && !any; j++)
        any = fw_question_applies_to (g_ptr_array_index (s->questions, j), kind);
      if (!any)
        continue;

      heading = g_strdup_printf ("%s %s", s->id, s->title);
      title = gtk_label_new (heading);
      gtk_widget_add_css_class (title, "title-3");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_margin_top (title, 18);
      gtk_box_append (GTK_BOX (box), title);
      if (s->statement)
        {
          GtkWidget *statement = gtk_label_new (s->statement);
          gtk_label_set_wrap (GTK_LABEL (statement), TRUE);
          gtk_label_set_xalign (GTK_LABEL (statement), 0);
          gtk_widget_add_css_class (statement, "dim-label");
          gtk_box_append (GTK_BOX (box), statement);
        }

      for (guint j = 0; j < s->questions->len; j++)
        {
          FwQuestion *q = g_ptr_array_index (s->questions, j);
          g_autofree char *text = NULL;
          GtkWidget *row;

          if (!fw_question_applies_to (q, kind))
            continue;
          text = s->stem ? g_strdup_printf ("%s %s", s->stem, q->text) : g_strdup (q->text);
          row = add_row (self, page, box, fw, q->id, text, FALSE, q->na_allowed);
          if (q->prompts->len > 0)
            {
              GtkWidget *revealer = gtk_revealer_new ();
              GtkWidget *pbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

              gtk_widget_add_css_class (pbox, "prompts");
              for (guint p = 0; p < q->prompts->len; p++)
                {
                  FwPrompt *prompt = g_ptr_array_index (q->prompts, p);
                  add_row (self, page, pbox, fw, prompt->id, prompt->text, TRUE, prompt->na_allowed);
                }
              gtk_revealer_set_child (GTK_REVEALER (revealer), pbox);
              gtk_box_append (GTK_BOX (box), revealer);
              fw_question_row_set_prompts_revealer (FW_QUESTION_ROW (row), GTK_REVEALER (revealer));
            }
        }
    }

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 24);
  page->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (page->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page->scroller), clamp);
  gtk_widget_set_vexpand (page->scroller, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), page->scroller, kind->id);
  return page;
}

static void
update_header (FwCaseEditor *self)
{
  FwFramework *fw;
  FwKind *kind;
  g_autofree char *subtitle = NULL;
  g_autofree char *status = NULL;
  const char *inspector;
  GPtrArray *attributes;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) details = g_string_new (NULL);

  if (self->item == NULL)
    return;
  fw = fw_session_get_framework (self->session);
  kind = fw_framework_find_kind (fw, fw_case_item_get_attr (self->item, FW_CASE_FIELD_KIND));
  inspector = fw_case_item_get_attr (self->item, FW_CASE_FIELD_INSPECTOR);
  /* the kind, the framework's first attribute (all of them, titled, in the
   * tooltip), the inspector */
  g_string_append (line, kind ? kind->title : "");
  attributes = fw_framework_get_attributes (fw);
  for (guint i = 0; i < attributes->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      const char *value = fw_case_item_get_attr (self->item, attribute->id);

      if (value == NULL || *value == '\0')
        continue;
      if (details->len == 0)
        g_string_append_printf (line, " · %s", fw_attribute_value_title (attribute, value));
      g_string_append_printf (details, "%s%s: %s", details->len ? "\n" : "", attribute->title,
                              fw_attribute_value_title (attribute, value));
    }
  if (inspector)
    g_string_append_printf (line, " · %s", inspector);
  subtitle = g_strdup (line->str);
  gtk_widget_set_tooltip_text (self->subtitle, details->len ? details->str : NULL);
  gtk_label_set_text (GTK_LABEL (self->title), fw_case_item_get_reference (self->item));
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
  status = g_strdup_printf (_("%s — %u of %u key questions answered"),
                            fw_case_status_title (fw_case_item_get_status (self->item)),
                            fw_case_item_get_answered (self->item), fw_case_item_get_applicable (self->item));
  gtk_label_set_text (GTK_LABEL (self->status), status);

  /* the manager's buttons once the case is complete */
  {
    FwCaseStatus st = fw_case_item_get_status (self->item);
    gtk_widget_set_visible (self->complete_button, st != FW_CASE_COMPLETE && st != FW_CASE_QUALITY_ASSURED);
    gtk_widget_set_visible (self->qa_button, st == FW_CASE_COMPLETE && !self->lead_hidden);
    gtk_widget_set_visible (self->return_button,
                            (st == FW_CASE_COMPLETE || st == FW_CASE_QUALITY_ASSURED) && !self->lead_hidden);
  }

  /* a returned case shows why */
  {
    g_autoptr(GPtrArray) comments = NULL;
    GString *text = g_string_new (NULL);

    if (fw_case_item_get_status (self->item) == FW_CASE_RETURNED)
      comments = fw_store_list_review_comments (fw_session_get_store (self->session),
                                                fw_case_item_get_id (self->item), NULL);
    for (guint i = 0; comments && i < comments->len; i++)
      {
        FwReviewComment *c = g_ptr_array_index (comments, i);
        g_string_append_printf (text, "%s%s%s%s — %s", text->len ? "\n" : _("Returned: "),
                                c->item ? c->item : "", c->item ? ": " : "", c->comment, c->who ? c->who : "");
      }
    gtk_label_set_text (GTK_LABEL (self->comments), text->str);
    gtk_widget_set_visible (self->comments, text->len > 0);
    g_string_free (text, TRUE);
  }
}

/* A complete or quality-assured case, or a locked inspection: the answers
 * cannot change, and the banner says why with the way out. */
static void
update_editable (FwCaseEditor *self)
{
  KindPage *page = current_page (self);
  g_autofree char *why = NULL;
  gboolean locked = self->session != NULL && fw_session_is_locked (self->session);
  gboolean editable = self->item == NULL || fw_session_can_edit_case (self->session, self->item, &why);

  gtk_label_set_text (GTK_LABEL (self->banner_label), why ? why : "");
  gtk_widget_set_visible (self->reopen_button, !editable && !locked);
  gtk_widget_set_visible (self->unlock_button, locked);
  if (locked)
    gtk_widget_add_css_class (self->banner_box, "locked");
  else
    gtk_widget_remove_css_class (self->banner_box, "locked");
  /* a locked inspection may be announced by the window for every page */
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), !editable && (!locked || self->show_lock_banner));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reopen", !editable && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.unlock", locked);
  if (why)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_box), GTK_ACCESSIBLE_PROPERTY_LABEL, why, -1);

  for (guint i = 0; page && i < page->rows->len; i++)
    {
      FwQuestionRow *row = g_ptr_array_index (page->rows, i);

      fw_question_row_set_editable (row, editable);
      /* practice examples are flagged on finished cases too, not while locked */
      fw_question_row_set_practice_editable (row, !locked);
    }
  if (editable != self->editable)
    {
      self->editable = editable;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_EDITABLE]);
    }
}

static void
on_item_notify (FwCaseItem *item, GParamSpec *pspec, FwCaseEditor *self)
{
  update_header (self);
}

static void
load_answers (FwCaseEditor *self)
{
  KindPage *page = current_page (self);
  g_autoptr(GHashTable) practice = NULL;
  FwStore *store;

  if (page == NULL)
    return;
  store = fw_session_get_store (self->session);
  practice = fw_store_get_case_practice (store, fw_case_item_get_id (self->item), NULL);
  for (guint i = 0; i < page->rows->len; i++)
    {
      FwQuestionRow *row = g_ptr_array_index (page->rows, i);

      show_answer (self, row);
      fw_question_row_set_practice (row, practice ? g_hash_table_lookup (practice, fw_question_row_get_item_id (row)) : NULL);
    }
  update_header (self);
  update_editable (self);
}

/* Follows every change the session announces, made here or elsewhere:
 * only the row, the header or the editability it touches is updated. */
static void
on_session_changed (FwSession *session, FwChange *change, FwCaseEditor *self)
{
  gboolean ours;
  GtkWidget *row;

  if (change->kind == FW_CHANGE_RELOAD)
    {
      /* the session read everything again: its items are new */
      if (self->item != NULL)
        {
          FwCaseItem *item = fw_session_find_case (session, fw_case_item_get_id (self->item), NULL);

          if (item != NULL && item != self->item)
            fw_case_editor_set_case (self, item);
          else
            load_answers (self);
        }
      return;
    }
  if (change->kind == FW_CHANGE_LOCK)
    {
      update_editable (self);
      return;
    }
  ours = self->item != NULL && g_strcmp0 (change->case_id, fw_case_item_get_id (self->item)) == 0;
  if (!ours)
    return;
  switch (change->kind)
    {
    case FW_CHANGE_ANSWER:
      if ((row = fw_case_editor_get_row (self, change->item)) != NULL)
        {
          FwAnswer answer = FW_ANSWER_NONE;

          if (fw_write_queue_get_pending (fw_session_get_writes (self->session)) > 0)
            {
              /* a newer answer to it may still wait */
              show_answer (self, FW_QUESTION_ROW (row));
              break;
            }
          if (change->new_value != NULL)
            fw_answer_from_string (change->new_value, &answer);
          fw_question_row_set_answer (FW_QUESTION_ROW (row), answer, change->note ? change->note : "");
          fw_question_row_set_waiting (FW_QUESTION_ROW (row), FALSE);
        }
      break;
    case FW_CHANGE_PRACTICE:
      if ((row = fw_case_editor_get_row (self, change->item)) != NULL)
        fw_question_row_set_practice (FW_QUESTION_ROW (row), change->new_value);
      break;
    case FW_CHANGE_STATUS:
      update_header (self);
      update_editable (self);
      break;
    case FW_CHANGE_COMMENT:
    case FW_CHANGE_CASE_ATTRIBUTE:
      update_header (self);
      break;
    case FW_CHANGE_CASE_ADDED:
    case FW_CHANGE_JUDGEMENT:
    case FW_CHANGE_INSPECTION:
    case FW_CHANGE_LOCK:
    case FW_CHANGE_RELOAD:
    default:
      break;
    }
}

void
fw_case_editor_set_case (FwCaseEditor *self, FwCaseItem *item)
{
  KindPage *page;
  const char *kind_id;

  g_return_if_fail (FW_IS_CASE_EDITOR (self));
  g_return_if_fail (item == NULL || FW_IS_CASE_ITEM (item));

  if (self->item)
    g_clear_signal_handler (&self->status_handler, self->item);
  g_set_object (&self->item, item);
  if (item == NULL)
    {
      update_editable (self);
      return;
    }
  self->status_handler = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);

  kind_id = fw_case_item_get_attr (item, FW_CASE_FIELD_KIND);
  page = g_hash_table_lookup (self->pages, kind_id);
  if (page == NULL)
    {
      FwKind *kind = fw_framework_find_kind (fw_session_get_framework (self->session), kind_id);
      page = build_page (self, kind);
      g_hash_table_insert (self->pages, g_strdup (kind_id), page);
    }
  gtk_stack_set_visible_child (GTK_STACK (self->stack), page->scroller);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page->scroller)), 0);
  load_answers (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CASE]);
}

FwCaseItem *
fw_case_editor_get_case (FwCaseEditor *self)
{
  return self->item;
}

void
fw_case_editor_set_session (FwCaseEditor *self, FwSession *session)
{
  GtkWidget *child;

  g_return_if_fail (FW_IS_CASE_EDITOR (self));
  g_return_if_fail (session == NULL || FW_IS_SESSION (session));
  if (session == self->session)
    return;
  fw_case_editor_set_case (self, NULL);
  g_hash_table_remove_all (self->pages);
  while ((child = gtk_widget_get_first_child (self->stack)))
    gtk_stack_remove (GTK_STACK (self->stack), child);
  if (self->session)
    {
      g_clear_signal_handler (&self->changed_handler, self->session);
      g_clear_signal_handler (&self->locked_handler, self->session);
    }
  g_set_object (&self->session, session);
  if (session)
    {
      self->changed_handler = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed), self);
      self->locked_handler = g_signal_connect_swapped (session, "notify::locked", G_CALLBACK (update_editable), self);
      g_signal_connect_object (fw_session_get_writes (session), "notify::pending", G_CALLBACK (on_pending_changed),
                               self, G_CONNECT_SWAPPED);
    }
  update_editable (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

FwSession *
fw_case_editor_get_session (FwCaseEditor *self)
{
  g_return_val_if_fail (FW_IS_CASE_EDITOR (self), NULL);
  return self->session;
}

gboolean
fw_case_editor_get_editable (FwCaseEditor *self)
{
  g_return_val_if_fail (FW_IS_CASE_EDITOR (self), FALSE);
  return self->editable;
}

static FwQuestionRow *
focused_row (FwCaseEditor *self, guint *index)
{
  KindPage *page = current_page (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *w = root ? gtk_root_get_focus (root) : NULL;

  if (page == NULL)
    return NULL;
  for (; w != NULL; w = gtk_widget_get_parent (w))
    if (FW_IS_QUESTION_ROW (w))
      {
        if (index && !g_ptr_array_find (page->rows, w, index))
          return NULL;
        return FW_QUESTION_ROW (w);
      }
  return NULL;
}

static gboolean
row_visible (GtkWidget *row)
{
  return gtk_widget_is_visible (row) && gtk_widget_get_child_visible (row)
      && (!FW_QUESTION_ROW (row) || !fw_question_row_is_prompt (FW_QUESTION_ROW (row))
          || gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (gtk_widget_get_parent (row)))));
}

/* Scrolls the row into view; FALSE while it is not laid out yet. */
static gboolean
scroll_to_row (GtkWidget *row)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t p;

  if (scroller == NULL || !gtk_widget_get_mapped (row) || gtk_widget_get_height (row) == 0)
    return FALSE;
  if (gtk_widget_compute_point (row, scroller, &GRAPHENE_POINT_INIT (0, 0), &p))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      double page = gtk_adjustment_get_page_size (adj);
      double value = gtk_adjustment_get_value (adj);
      int height = gtk_widget_get_height (row);

      if (p.y < 0)
        gtk_adjustment_set_value (adj, value + p.y - 12);
      else if (p.y + height > page)
        gtk_adjustment_set_value (adj, value + p.y + height - page + 12);
    }
  return TRUE;
}

static gboolean
scroll_when_laid_out (GtkWidget *row, GdkFrameClock *clock, gpointer data)
{
  return scroll_to_row (row) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
focus_row (GtkWidget *row)
{
  gtk_widget_grab_focus (row);
  /* keep it in view; a page just shown is laid out at the next frame */
  if (!scroll_to_row (row))
    gtk_widget_add_tick_callback (row, scroll_when_laid_out, NULL, NULL);
}

gboolean
fw_case_editor_answer_focused (FwCaseEditor *self, FwAnswer answer, gboolean advance)
{
  KindPage *page = current_page (self);
  guint index;
  FwQuestionRow *row = focused_row (self, &index);

  if (row == NULL)
    return FALSE;
  if (answer == FW_ANSWER_NA && !gtk_widget_get_visible (GTK_WIDGET (row)))
    return FALSE;
  /* a closed case or a locked inspection: nothing changes, the banner and
   * the message say why, and the focus stays */
  if (self->item != NULL && !fw_session_can_edit_case (self->session, self->item, NULL))
    {
      g_autofree char *why = NULL;

      fw_session_can_edit_case (self->session, self->item, &why);
      update_editable (self);
      g_signal_emit (self, signals[ERROR], 0, why);
      return TRUE;
    }
  /* a refused answer keeps the focus on its question */
  if (!save (self, row, answer, fw_question_row_get_note (row)))
    return TRUE;
  /* the evidence note goes with the answer it explains: an answer that
   * needs one keeps the focus on its question, in its note */
  if (advance && fw_case_editor_note_required (self, fw_question_row_get_item_id (row), answer)
      && *fw_question_row_get_note (row) == '\0')
    {
      fw_question_row_focus_note_to_go_on (row);
      return TRUE;
    }
  if (advance)
    {
      GtkWidget *next = next_row (self, row);
      if (next)
        focus_row (next);
    }
  (void) page;
  (void) index;
  return TRUE;
}

/* Whether an answer needs an evidence note: the framework's note policy
 * for the question or prompt (always, on No or N/A, or optional). */
gboolean
fw_case_editor_note_required (FwCaseEditor *self, const char *item_id, FwAnswer answer)
{
  g_return_val_if_fail (FW_IS_CASE_EDITOR (self), FALSE);
  if (self->session == NULL)
    return FALSE;
  return fw_note_required (fw_framework_item_note_policy (fw_session_get_framework (self->session), item_id),
                           answer);
}

gboolean
fw_case_editor_focus_next_unanswered (FwCaseEditor *self, gboolean from_start)
{
  KindPage *page = current_page (self);
  guint start = 0, index;

  if (page == NULL)
    return FALSE;
  if (!from_start && focused_row (self, &index))
    start = index + 1;
  /* key questions first, from the focused one on, wrapping round */
  for (guint n = 0; n < page->rows->len; n++)
    {
      FwQuestionRow *row = g_ptr_array_index (page->rows, (start + n) % page->rows->len);

      if (!fw_question_row_is_prompt (row) && fw_question_row_get_answer (row) == FW_ANSWER_NONE)
        {
          focus_row (GTK_WIDGET (row));
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
fw_case_editor_focus_first (FwCaseEditor *self)
{
  KindPage *page = current_page (self);

  if (page == NULL || page->rows->len == 0)
    return FALSE;
  focus_row (g_ptr_array_index (page->rows, 0));
  return TRUE;
}

GtkWidget *
fw_case_editor_get_row (FwCaseEditor *self, const char *item_id)
{
  KindPage *page = current_page (self);
  return page ? g_hash_table_lookup (page->by_item, item_id) : NULL;
}

gboolean
fw_case_editor_focus_item (FwCaseEditor *self, const char *item_id)
{
  GtkWidget *row = fw_case_editor_get_row (self, item_id);

  if (row == NULL)
    return FALSE;
  if (fw_question_row_is_prompt (FW_QUESTION_ROW (row)))
    gtk_revealer_set_reveal_child (GTK_REVEALER (gtk_widget_get_parent (gtk_widget_get_parent (row))), TRUE);
  focus_row (row);
  return TRUE;
}

const char *
fw_case_editor_get_focused_item (FwCaseEditor *self)
{
  FwQuestionRow *row;

  g_return_val_if_fail (FW_IS_CASE_EDITOR (self), NULL);
  row = focused_row (self, NULL);
  return row ? fw_question_row_get_item_id (row) : NULL;
}

gboolean
fw_case_editor_edit_note (FwCaseEditor *self)
{
  FwQuestionRow *row = focused_row (self, NULL);

  if (row == NULL)
    return FALSE;
  fw_question_row_focus_note (row);
  return TRUE;
}

gboolean
fw_case_editor_toggle_prompts (FwCaseEditor *self)
{
  FwQuestionRow *row = focused_row (self, NULL);

  if (row == NULL || fw_question_row_is_prompt (row))
    return FALSE;
  fw_question_row_toggle_prompts (row);
  return TRUE;
}

/* Actions */

static void
action_reopen (GtkWidget *widget, const char *name, GVariant *param)
{
  FwCaseEditor *self = FW_CASE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->item == NULL || self->session == NULL)
    return;
  /* audited; the editor follows the status change */
  if (!fw_session_reopen_case (self->session, fw_case_item_get_id (self->item), &error))
    report (self, error);
  else if (!fw_case_editor_focus_next_unanswered (self, TRUE))
    fw_case_editor_focus_first (self);
}

static void
action_unlock (GtkWidget *widget, const char *name, GVariant *param)
{
  FwCaseEditor *self = FW_CASE_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->session == NULL || !fw_session_is_locked (self->session))
    return;
  gtk_window_present (GTK_WINDOW (fw_unlock_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        self->session)));
}

static void
fw_case_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwCaseEditor *self = FW_CASE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_CASE: g_value_set_object (value, self->item); break;
    case PROP_EDITABLE: g_value_set_boolean (value, self->editable); break;
    case PROP_SHOW_LOCK_BANNER: g_value_set_boolean (value, self->show_lock_banner); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_case_editor_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwCaseEditor *self = FW_CASE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION: fw_case_editor_set_session (self, g_value_get_object (value)); break;
    case PROP_CASE: fw_case_editor_set_case (self, g_value_get_object (value)); break;
    case PROP_SHOW_LOCK_BANNER:
      if (self->show_lock_banner != g_value_get_boolean (value))
        {
          self->show_lock_banner = g_value_get_boolean (value);
          update_editable (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_case_editor_dispose (GObject *object)
{
  FwCaseEditor *self = FW_CASE_EDITOR (object);

  if (self->pages)
    fw_case_editor_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_CASE_EDITOR);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  G_OBJECT_CLASS (fw_case_editor_parent_class)->dispose (object);
}

static void
fw_case_editor_class_init (FwCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_case_editor_get_property;
  object_class->set_property = fw_case_editor_set_property;
  object_class->dispose = fw_case_editor_dispose;

  props[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, FW_TYPE_CASE_ITEM,
                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE when the window shows its own banner for a locked inspection */
  props[PROP_SHOW_LOCK_BANNER] = g_param_spec_boolean ("show-lock-banner", NULL, NULL, TRUE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, box);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, banner);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, banner_box);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, title);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, subtitle);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, status);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, comments);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, complete_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, qa_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, return_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseEditor, stack);
  gtk_widget_class_install_action (widget_class, "editor.reopen", NULL, action_reopen);
  gtk_widget_class_install_action (widget_class, "editor.unlock", NULL, action_unlock);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "caseeditor");
}

static void
fw_case_editor_init (FwCaseEditor *self)
{
  self->editable = TRUE;
  self->show_lock_banner = TRUE;
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, kind_page_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reopen", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.unlock", FALSE);
}

void
fw_case_editor_set_lead_actions (FwCaseEditor *self, gboolean shown)
{
  g_return_if_fail (FW_IS_CASE_EDITOR (self));
  if (self->lead_hidden == !shown)
    return;
  self->lead_hidden = !shown;
  if (self->item)
    update_header (self);
}

GtkWidget *
fw_case_editor_new (void)
{
  return g_object_new (FW_TYPE_CASE_EDITOR, NULL);
}
