/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-session.h"
#include "fw-case-item-private.h"
#include "fw-error.h"

typedef struct {
  char     *case_id;
  char     *item_id;
  FwAnswer  answer;    /* what it was before */
  char     *note;
} UndoStep;

static void
undo_step_free (gpointer data)
{
  UndoStep *step = data;
  g_free (step->case_id);
  g_free (step->item_id);
  g_free (step->note);
  g_free (step);
}

struct _FwSession {
  GObject           parent_instance;
  FwStore          *store;
  char             *inspection_id;
  FwFramework      *framework;
  FwInspectionInfo *info;
  GListStore       *cases;
  GHashTable       *by_id;        /* case id → FwCaseItem (borrowed) */
  GHashTable       *applicable;   /* kind id → number of key questions */
  FwFilter         *filter;
  FwTally          *tally;
  GHashTable       *judgements;
  FwRating         *rating;
  GPtrArray        *undo;         /* UndoStep* */
  FwWriteQueue     *writes;       /* answers waiting for another program's write lock */
  gulong            changed_handler;
};

G_DEFINE_FINAL_TYPE (FwSession, fw_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOCKED,
  PROP_CAN_UNDO,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum {
  RATING_CHANGED,
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static guint
applicable_questions (FwSession *self, const char *kind_id)
{
  gpointer n;

  if (!g_hash_table_lookup_extended (self->applicable, kind_id, NULL, &n))
    {
      FwKind *kind = fw_framework_find_kind (self->framework, kind_id);
      GPtrArray *questions = fw_framework_get_questions (self->framework);
      guint count = 0;

      for (guint i = 0; i < questions->len; i++)
        if (fw_question_applies_to (g_ptr_array_index (questions, i), kind))
          count++;
      n = GUINT_TO_POINTER (count);
      g_hash_table_insert (self->applicable, g_strdup (kind_id), n);
    }
  return GPOINTER_TO_UINT (n);
}

static void
recompute (FwSession *self)
{
  g_clear_pointer (&self->rating, fw_rating_free);
  self->rating = fw_rating_compute (self->framework, self->tally, self->judgements);
  g_signal_emit (self, signals[RATING_CHANGED], 0);
}

static gboolean
reload_counts (FwSession *self, GError **error)
{
  g_autoptr(GHashTable) judgements = fw_store_get_judgements (self->store, self->inspection_id, error);

  if (judgements == NULL)
    return FALSE;
  if (!fw_store_tally (self->store, self->inspection_id, self->framework, self->filter, self->tally, error))
    return FALSE;
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  self->judgements = g_steal_pointer (&judgements);
  recompute (self);
  return TRUE;
}

static FwCaseItem *
make_item (FwSession *self, FwCase *c, guint answered)
{
  const char *kind = c->kind;
  FwKind *k = fw_framework_find_kind (self->framework, kind);

  return fw_case_item_new (c, k ? k->title : kind, answered, applicable_questions (self, kind));
}

/* Reads everything again: at the start, and after a change too large to
 * follow row by row (an import of many cases). */
static gboolean
reload (FwSession *self, GError **error)
{
  g_autoptr(GPtrArray) cases = fw_store_list_cases (self->store, self->inspection_id, NULL, error);
  g_autoptr(GHashTable) answered = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  gboolean was_locked = fw_session_is_locked (self);

  if (cases == NULL)
    return FALSE;
  answered = fw_store_count_answered (self->store, self->inspection_id, self->framework, error);
  if (answered == NULL)
    return FALSE;
  if ((info = fw_store_get_inspection (self->store, self->inspection_id, error)) == NULL)
    return FALSE;
  fw_inspection_info_free (self->info);
  self->info = g_steal_pointer (&info);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_free_func (cases, NULL);   /* the items take the cases */
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      FwCaseItem *item = make_item (self, c, GPOINTER_TO_UINT (g_hash_table_lookup (answered, c->id)));

      g_ptr_array_add (items, item);
      g_hash_table_insert (self->by_id, (gpointer) fw_case_item_get_id (item), item);
    }
  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       items->pdata, items->len);
  if (was_locked != fw_session_is_locked (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCKED]);
  return reload_counts (self, error);
}

/* ---------------------------------------------------------------- following changes */

static void
follow_answer (FwSession *self, FwCaseItem *item, const FwChange *change)
{
  FwAnswer old_answer = FW_ANSWER_NONE, new_answer = FW_ANSWER_NONE;
  FwQuestion *q = NULL;

  fw_framework_find_item (self->framework, change->item, &q, NULL);
  if (q == NULL || q->index < 0)
    return;   /* a prompt: not counted */
  fw_answer_from_string (change->old_value, &old_answer);
  fw_answer_from_string (change->new_value, &new_answer);
  if (old_answer == FW_ANSWER_NONE && new_answer != FW_ANSWER_NONE)
    fw_case_item_add_answered (item, 1);
  else if (old_answer != FW_ANSWER_NONE && new_answer == FW_ANSWER_NONE)
    fw_case_item_add_answered (item, -1);
  if (old_answer != new_answer && fw_filter_matches (self->filter, fw_case_item_get_case (item)))
    {
      fw_tally_change (self->tally, q->index, old_answer, new_answer);
      recompute (self);
    }
}

static void
follow_case_added (FwSession *self, const FwChange *change)
{
  g_autoptr(GError) error = NULL;
  FwCase *c = fw_store_get_case (self->store, change->case_id, &error);
  FwCaseItem *item;
  guint position = 0, n;
  FwKind *kind;

  if (c == NULL)
    {
      g_warning ("a new case: %s", error->message);
      return;
    }
  if (g_hash_table_contains (self->by_id, c->id))
    {
      fw_case_free (c);
      return;
    }
  item = make_item (self, c, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  /* by reference, as the store lists them */
  while (position < n)
    {
      g_autoptr(FwCaseItem) other = g_list_model_get_item (G_LIST_MODEL (self->cases), position);
      if (g_strcmp0 (fw_case_item_get_reference (other), c->reference) > 0)
        break;
      position++;
    }
  g_hash_table_insert (self->by_id, (gpointer) fw_case_item_get_id (item), item);
  g_list_store_insert (self->cases, position, item);
  g_object_unref (item);
  kind = fw_framework_find_kind (self->framework, c->kind);
  if (kind && fw_filter_matches (self->filter, c))
    {
      self->tally->cases_of_kind[kind->index]++;
      recompute (self);
    }
}

static void
on_store_changed (FwStore *store, FwChange *change, FwSession *self)
{
  FwCaseItem *item = change->case_id ? g_hash_table_lookup (self->by_id, change->case_id) : NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (change->inspection_id, self->inspection_id) != 0)
    return;

  switch (change->kind)
    {
    case FW_CHANGE_ANSWER:
      if (item)
        follow_answer (self, item, change);
      break;
    case FW_CHANGE_STATUS:
      {
        FwCaseStatus status;
        if (item && fw_case_status_from_string (change->new_value, &status))
          fw_case_item_set_status (item, status);
      }
      break;
    case FW_CHANGE_CASE_ATTRIBUTE:
      if (item)
        {
          FwCase *c = fw_store_get_case (self->store, change->case_id, &error);

          if (c == NULL)
            g_warning ("a case's details: %s", error->message);
          else
            fw_case_item_set_case (item, c);
          /* the case may have joined or left the sub-sample */
          if (!fw_filter_is_empty (self->filter) && !reload_counts (self, &error))
            g_warning ("re-rating: %s", error ? error->message : "?");
        }
      break;
    case FW_CHANGE_CASE_ADDED:
      follow_case_added (self, change);
      break;
    case FW_CHANGE_JUDGEMENT:
      if (change->new_value)
        g_hash_table_insert (self->judgements, g_strdup (change->item), g_strdup (change->new_value));
      else
        g_hash_table_remove (self->judgements, change->item);
      recompute (self);
      break;
    case FW_CHANGE_LOCK:
      g_free (self->info->status);
      self->info->status = g_strdup (change->new_value);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCKED]);
      break;
    case FW_CHANGE_RELOAD:
      if (!reload (self, &error))
        g_warning ("reading the inspection again: %s", error->message);
      break;
    case FW_CHANGE_PRACTICE:
    case FW_CHANGE_COMMENT:
    case FW_CHANGE_INSPECTION:
    default:
      break;
    }
  g_signal_emit (self, signals[CHANGED], 0, change);
}

/* ---------------------------------------------------------------- object */

static void
fw_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwSession *self = FW_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOCKED: g_value_set_boolean (value, fw_session_is_locked (self)); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, fw_session_can_undo (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_session_dispose (GObject *object)
{
  FwSession *self = FW_SESSION (object);

  if (self->store)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->writes);
  g_clear_object (&self->store);
  g_clear_object (&self->cases);
  G_OBJECT_CLASS (fw_session_parent_class)->dispose (object);
}

static void
fw_session_finalize (GObject *object)
{
  FwSession *self = FW_SESSION (object);

  g_free (self->inspection_id);
  g_clear_pointer (&self->framework, fw_framework_unref);
  g_clear_pointer (&self->info, fw_inspection_info_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->applicable, g_hash_table_unref);
  g_clear_pointer (&self->filter, fw_filter_free);
  g_clear_pointer (&self->tally, fw_tally_free);
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  g_clear_pointer (&self->rating, fw_rating_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  G_OBJECT_CLASS (fw_session_parent_class)->finalize (object);
}

static void
fw_session_class_init (FwSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fw_session_get_property;
  object_class->dispose = fw_session_dispose;
  object_class->finalize = fw_session_finalize;

  props[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * FwSession::rating-changed:
   *
   * The rating was computed again (after an answer, a judgement, a filter).
   */
  signals[RATING_CHANGED] =
    g_signal_new ("rating-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FwSession::changed:
   * @change: (type FwChange): what changed in this inspection
   *
   * Emitted after the session has followed a change, made here or elsewhere.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FW_TYPE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
fw_session_init (FwSession *self)
{
  self->cases = g_list_store_new (FW_TYPE_CASE_ITEM);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->applicable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->undo = g_ptr_array_new_with_free_func (undo_step_free);
}

FwSession *
fw_session_new (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(FwSession) self = g_object_new (FW_TYPE_SESSION, NULL);

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  self->store = g_object_ref (store);
  self->writes = fw_write_queue_new (store);
  self->inspection_id = g_strdup (inspection_id);
  if ((self->framework = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return NULL;
  self->tally = fw_tally_new (self->framework);
  if (!reload (self, error))
    return NULL;
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return g_steal_pointer (&self);
}

FwSession *
fw_session_new_inspection (FwStore *store, FwFramework *framework, const char *service,
                           const char *start_date, const char **inspectors, GError **error)
{
  g_autofree char *id = fw_store_create_inspection (store, framework, service, start_date, inspectors, error);

  if (id == NULL)
    return NULL;
  return fw_session_new (store, id, error);
}

FwStore *fw_session_get_store (FwSession *self) { return self->store; }
FwWriteQueue *fw_session_get_writes (FwSession *self) { return self->writes; }
FwFramework *fw_session_get_framework (FwSession *self) { return self->framework; }
FwInspectionInfo *fw_session_get_info (FwSession *self) { return self->info; }
const char *fw_session_get_inspection_id (FwSession *self) { return self->inspection_id; }
GListModel *fw_session_get_cases (FwSession *self) { return G_LIST_MODEL (self->cases); }
const FwFilter *fw_session_get_filter (FwSession *self) { return self->filter; }
FwRating *fw_session_get_rating (FwSession *self) { return self->rating; }
GHashTable *fw_session_get_judgements (FwSession *self) { return self->judgements; }

gboolean
fw_session_is_locked (FwSession *self)
{
  return self->info != NULL && g_strcmp0 (self->info->status, "locked") == 0;
}

gboolean
fw_session_can_edit_case (FwSession *self, FwCaseItem *item, char **why)
{
  FwCaseStatus status = fw_case_item_get_status (item);

  if (fw_session_is_locked (self))
    {
      if (why)
        *why = g_strdup (_("The inspection is locked: nothing in it can change until it is unlocked."));
      return FALSE;
    }
  if (!fw_case_status_allows_edit (status))
    {
      if (why)
        *why = g_strdup_printf (_("This case is “%s”: reopen it to change its answers."),
                                fw_case_status_title (status));
      return FALSE;
    }
  return TRUE;
}

FwCaseItem *
fw_session_find_case (FwSession *self, const char *case_id, guint *position)
{
  FwCaseItem *item = g_hash_table_lookup (self->by_id, case_id);

  if (item && position)
    g_list_store_find (self->cases, item, position);
  return item;
}

gboolean
fw_session_set_filter (FwSession *self, FwFilter *filter, GError **error)
{
  g_clear_pointer (&self->filter, fw_filter_free);
  self->filter = filter;
  return reload_counts (self, error);
}

/* ---------------------------------------------------------------- changes */

gboolean
fw_session_answer (FwSession *self, const char *case_id, const char *item_id, FwAnswer answer,
                   const char *note, GError **error)
{
  g_autofree char *old_note = NULL;
  FwAnswer old_answer;
  UndoStep *step;

  if (!fw_write_queue_get_answer (self->writes, case_id, item_id, &old_answer, &old_note, error))
    return FALSE;
  if (!fw_write_queue_set_answer (self->writes, case_id, item_id, answer, note, "answer", error))
    return FALSE;
  if (old_answer == answer && g_strcmp0 (old_note, note && *note ? note : NULL) == 0)
    return TRUE;
  step = g_new0 (UndoStep, 1);
  step->case_id = g_strdup (case_id);
  step->item_id = g_strdup (item_id);
  step->answer = old_answer;
  step->note = g_steal_pointer (&old_note);
  g_ptr_array_add (self->undo, step);
  if (self->undo->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
  return TRUE;
}

gboolean
fw_session_can_undo (FwSession *self)
{
  return self->undo->len > 0;
}

gboolean
fw_session_undo (FwSession *self, char **case_id, char **item_id, GError **error)
{
  UndoStep *step;

  if (self->undo->len == 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, _("nothing to undo"));
      return FALSE;
    }
  step = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (!fw_write_queue_set_answer (self->writes, step->case_id, step->item_id, step->answer, step->note, "undo", error))
    return FALSE;
  if (case_id)
    *case_id = g_strdup (step->case_id);
  if (item_id)
    *item_id = g_strdup (step->item_id);
  g_ptr_array_remove_index (self->undo, self->undo->len - 1);
  if (self->undo->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
  return TRUE;
}

gboolean
fw_session_set_practice (FwSession *self, const char *case_id, const char *item_id, FwPractice practice,
                         GError **error)
{
  return fw_store_set_practice (self->store, case_id, item_id, practice, error);
}

gboolean
fw_session_complete_case (FwSession *self, const char *case_id, GError **error)
{
  return fw_store_move_case (self->store, case_id, FW_CASE_COMPLETE, NULL, error);
}

gboolean
fw_session_move_case (FwSession *self, const char *case_id, FwCaseStatus to, GError **error)
{
  return fw_store_move_case (self->store, case_id, to, NULL, error);
}

gboolean
fw_session_reopen_case (FwSession *self, const char *case_id, GError **error)
{
  return fw_store_move_case (self->store, case_id, FW_CASE_IN_PROGRESS, NULL, error);
}

gboolean
fw_session_return_case (FwSession *self, const char *case_id, const char *item_id, const char *comment,
                        GError **error)
{
  return fw_store_return_case (self->store, case_id, item_id, comment, error);
}

gboolean
fw_session_judge (FwSession *self, const char *standard_id, const char *band_id, const char *rationale,
                  GError **error)
{
  return fw_store_set_judgement (self->store, self->inspection_id, standard_id, band_id, rationale, error);
}

gboolean
fw_session_set_locked (FwSession *self, gboolean locked, const char *reason, GError **error)
{
  return fw_store_set_locked (self->store, self->inspection_id, locked, reason, error);
}

gboolean
fw_session_set_case_attribute (FwSession *self, const char *case_id, const char *attribute, const char *value,
                               GError **error)
{
  return fw_store_set_case_attribute (self->store, case_id, attribute, value, error);
}

char *
fw_session_add_case (FwSession *self, const char *reference, const char * const *fields, GError **error)
{
  return fw_store_add_case (self->store, self->inspection_id, reference, fields, error);
}

/* ---------------------------------------------------------------- questions */

gboolean
fw_session_case_applies (FwSession *self, FwCaseItem *item, FwQuestion *question)
{
  return fw_question_applies_to (question, fw_framework_find_kind (self->framework,
                                                                   fw_case_item_get_attr (item, FW_CASE_FIELD_KIND)));
}

GPtrArray *
fw_session_missing (FwSession *self, const char *case_id, GError **error)
{
  FwCaseItem *item = g_hash_table_lookup (self->by_id, case_id);
  GPtrArray *questions = fw_framework_get_questions (self->framework);
  g_autoptr(GHashTable) answers = NULL;
  GPtrArray *missing;

  if (item == NULL)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, _("no case with id “%s”"), case_id);
      return NULL;
    }
  if ((answers = fw_store_get_case_answers (self->store, case_id, error)) == NULL)
    return NULL;
  missing = g_ptr_array_new ();
  for (guint i = 0; i < questions->len; i++)
    {
      FwQuestion *q = g_ptr_array_index (questions, i);
      if (fw_session_case_applies (self, item, q) && !g_hash_table_contains (answers, q->id))
        g_ptr_array_add (missing, q);
    }
  return missing;
}
