/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-session.h"
#include "fw-error.h"

/* ---------------------------------------------------------------- FwCaseItem */

struct _FwCaseItem {
  GObject  parent_instance;
  FwCase  *kase;
  char    *kind_title;
  guint    answered;
  guint    applicable;
};

G_DEFINE_FINAL_TYPE (FwCaseItem, fw_case_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_REFERENCE,
  ITEM_PROP_KIND,
  ITEM_PROP_INSPECTOR,
  ITEM_PROP_DISPOSAL,
  ITEM_PROP_STATUS,
  ITEM_PROP_STATUS_TITLE,
  ITEM_PROP_KIND_TITLE,
  ITEM_PROP_PROGRESS,
  ITEM_N_PROPS
};
static GParamSpec *item_props[ITEM_N_PROPS];

static void
fw_case_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwCaseItem *self = FW_CASE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_REFERENCE: g_value_set_string (value, self->kase->reference); break;
    case ITEM_PROP_KIND: g_value_set_string (value, self->kase->attrs[FW_ATTR_KIND]); break;
    case ITEM_PROP_INSPECTOR: g_value_set_string (value, self->kase->attrs[FW_ATTR_INSPECTOR]); break;
    case ITEM_PROP_DISPOSAL: g_value_set_string (value, self->kase->attrs[FW_ATTR_DISPOSAL]); break;
    case ITEM_PROP_STATUS: g_value_set_string (value, self->kase->attrs[FW_ATTR_STATUS]); break;
    case ITEM_PROP_STATUS_TITLE: g_value_set_string (value, fw_case_status_title (fw_case_item_get_status (self))); break;
    case ITEM_PROP_KIND_TITLE: g_value_set_string (value, self->kind_title ? self->kind_title : self->kase->attrs[FW_ATTR_KIND]); break;
    case ITEM_PROP_PROGRESS:
      g_value_take_string (value, g_strdup_printf ("%u / %u", self->answered, self->applicable));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_case_item_finalize (GObject *object)
{
  fw_case_free (FW_CASE_ITEM (object)->kase);
  g_free (FW_CASE_ITEM (object)->kind_title);
  G_OBJECT_CLASS (fw_case_item_parent_class)->finalize (object);
}

static void
fw_case_item_class_init (FwCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fw_case_item_get_property;
  object_class->finalize = fw_case_item_finalize;
  item_props[ITEM_PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_INSPECTOR] = g_param_spec_string ("inspector", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_DISPOSAL] = g_param_spec_string ("disposal", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  item_props[ITEM_PROP_STATUS_TITLE] = g_param_spec_string ("status-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  item_props[ITEM_PROP_KIND_TITLE] = g_param_spec_string ("kind-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_PROGRESS] = g_param_spec_string ("progress", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_props);
}

static void
fw_case_item_init (FwCaseItem *self)
{
}

static FwCaseItem *
fw_case_item_new (FwCase *kase, guint answered, guint applicable)
{
  FwCaseItem *self = g_object_new (FW_TYPE_CASE_ITEM, NULL);

  self->kase = kase;
  self->answered = answered;
  self->applicable = applicable;
  return self;
}

const FwCase *fw_case_item_get_case (FwCaseItem *self) { return self->kase; }
const char *fw_case_item_get_id (FwCaseItem *self) { return self->kase->id; }
const char *fw_case_item_get_reference (FwCaseItem *self) { return self->kase->reference; }
guint fw_case_item_get_answered (FwCaseItem *self) { return self->answered; }
guint fw_case_item_get_applicable (FwCaseItem *self) { return self->applicable; }

const char *
fw_case_item_get_attr (FwCaseItem *self, FwAttr attr)
{
  g_return_val_if_fail (attr < FW_N_ATTRS, NULL);
  return self->kase->attrs[attr];
}

FwCaseStatus
fw_case_item_get_status (FwCaseItem *self)
{
  FwCaseStatus status = FW_CASE_NOT_STARTED;

  fw_case_status_from_string (self->kase->attrs[FW_ATTR_STATUS], &status);
  return status;
}

static void
fw_case_item_set_status (FwCaseItem *self, FwCaseStatus status)
{
  const char *str = fw_case_status_to_string (status);

  if (g_strcmp0 (self->kase->attrs[FW_ATTR_STATUS], str) == 0)
    return;
  g_free (self->kase->attrs[FW_ATTR_STATUS]);
  self->kase->attrs[FW_ATTR_STATUS] = g_strdup (str);
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_STATUS_TITLE]);
}

static void
fw_case_item_add_answered (FwCaseItem *self, int delta)
{
  if (delta < 0 && self->answered == 0)
    return;
  self->answered += delta;
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_PROGRESS]);
}

/* ---------------------------------------------------------------- FwSession */

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
  FwFilter         *filter;
  FwTally          *tally;
  GHashTable       *judgements;
  FwRating         *rating;
  GPtrArray        *undo;         /* UndoStep* */
  gulong            answer_handler;
  gulong            cases_handler;
  gboolean          undoing;
};

G_DEFINE_FINAL_TYPE (FwSession, fw_session, G_TYPE_OBJECT)

enum {
  RATING_CHANGED,
  SESSION_N_SIGNALS
};
static guint session_signals[SESSION_N_SIGNALS];

static guint
applicable_questions (FwFramework *fw, const char *kind_id)
{
  FwKind *kind = fw_framework_find_kind (fw, kind_id);
  GPtrArray *questions = fw_framework_get_questions (fw);
  guint n = 0;

  for (guint i = 0; i < questions->len; i++)
    if (fw_question_applies_to (g_ptr_array_index (questions, i), kind))
      n++;
  return n;
}

static void
recompute (FwSession *self)
{
  g_clear_pointer (&self->rating, fw_rating_free);
  self->rating = fw_rating_compute (self->framework, self->tally, self->judgements);
  g_signal_emit (self, session_signals[RATING_CHANGED], 0);
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

gboolean
fw_session_reload_cases (FwSession *self, GError **error)
{
  g_autoptr(GPtrArray) cases = fw_store_list_cases (self->store, self->inspection_id, NULL, error);
  g_autoptr(GHashTable) answered = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) applicable = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FwInspectionInfo) info = NULL;

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
      const char *kind = c->attrs[FW_ATTR_KIND];
      FwCaseItem *item;

      if (!g_hash_table_contains (applicable, kind))
        g_hash_table_insert (applicable, (gpointer) kind,
                             GUINT_TO_POINTER (applicable_questions (self->framework, kind)));
      item = fw_case_item_new (c, GPOINTER_TO_UINT (g_hash_table_lookup (answered, c->id)),
                               GPOINTER_TO_UINT (g_hash_table_lookup (applicable, kind)));
      {
        FwKind *k = fw_framework_find_kind (self->framework, kind);
        item->kind_title = g_strdup (k ? k->title : kind);
      }
      g_ptr_array_add (items, item);
      g_hash_table_insert (self->by_id, item->kase->id, item);
    }
  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       items->pdata, items->len);
  return reload_counts (self, error);
}

static void
on_answer_changed (FwStore *store, const char *case_id, const char *item_id, int old_answer,
                   int new_answer, FwSession *self)
{
  FwCaseItem *item = g_hash_table_lookup (self->by_id, case_id);
  FwQuestion *q = NULL;

  if (item == NULL)
    return;   /* another inspection */
  fw_framework_find_item (self->framework, item_id, &q, NULL);
  if (q == NULL || q->index < 0)
    {
      /* a prompt: only the case's status may have moved */
      if (new_answer != FW_ANSWER_NONE && fw_case_item_get_status (item) == FW_CASE_NOT_STARTED)
        fw_case_item_set_status (item, FW_CASE_IN_PROGRESS);
      return;
    }

  if (old_answer == FW_ANSWER_NONE && new_answer != FW_ANSWER_NONE)
    fw_case_item_add_answered (item, 1);
  else if (old_answer != FW_ANSWER_NONE && new_answer == FW_ANSWER_NONE)
    fw_case_item_add_answered (item, -1);
  if (new_answer != FW_ANSWER_NONE && fw_case_item_get_status (item) == FW_CASE_NOT_STARTED)
    fw_case_item_set_status (item, FW_CASE_IN_PROGRESS);

  if (fw_filter_matches (self->filter, item->kase))
    {
      fw_tally_change (self->tally, q->index, old_answer, new_answer);
      recompute (self);
    }
}

static void
on_cases_changed (FwStore *store, const char *inspection_id, FwSession *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (inspection_id, self->inspection_id) != 0)
    return;
  if (!fw_session_reload_cases (self, &error))
    g_warning ("reloading cases: %s", error->message);
}

static void
fw_session_dispose (GObject *object)
{
  FwSession *self = FW_SESSION (object);

  if (self->store)
    {
      g_clear_signal_handler (&self->answer_handler, self->store);
      g_clear_signal_handler (&self->cases_handler, self->store);
    }
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

  object_class->dispose = fw_session_dispose;
  object_class->finalize = fw_session_finalize;
  session_signals[RATING_CHANGED] =
    g_signal_new ("rating-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fw_session_init (FwSession *self)
{
  self->cases = g_list_store_new (FW_TYPE_CASE_ITEM);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->undo = g_ptr_array_new_with_free_func (undo_step_free);
}

FwSession *
fw_session_new (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(FwSession) self = g_object_new (FW_TYPE_SESSION, NULL);

  self->store = g_object_ref (store);
  self->inspection_id = g_strdup (inspection_id);
  if ((self->framework = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return NULL;
  self->tally = fw_tally_new (self->framework);
  if (!fw_session_reload_cases (self, error))
    return NULL;
  self->answer_handler = g_signal_connect (store, "answer-changed", G_CALLBACK (on_answer_changed), self);
  self->cases_handler = g_signal_connect (store, "cases-changed", G_CALLBACK (on_cases_changed), self);
  return g_steal_pointer (&self);
}

FwStore *fw_session_get_store (FwSession *self) { return self->store; }
FwFramework *fw_session_get_framework (FwSession *self) { return self->framework; }
FwInspectionInfo *fw_session_get_info (FwSession *self) { return self->info; }
const char *fw_session_get_inspection_id (FwSession *self) { return self->inspection_id; }
GListModel *fw_session_get_cases (FwSession *self) { return G_LIST_MODEL (self->cases); }
const FwFilter *fw_session_get_filter (FwSession *self) { return self->filter; }
FwRating *fw_session_get_rating (FwSession *self) { return self->rating; }

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

gboolean
fw_session_answer (FwSession *self, const char *case_id, const char *item_id, FwAnswer answer,
                   const char *note, GError **error)
{
  g_autofree char *old_note = NULL;
  FwAnswer old_answer;
  UndoStep *step;

  if (!fw_store_get_answer (self->store, case_id, item_id, &old_answer, &old_note, error))
    return FALSE;
  if (!fw_store_set_answer (self->store, case_id, item_id, answer, note, "answer", error))
    return FALSE;
  if (old_answer == answer && g_strcmp0 (old_note, note && *note ? note : NULL) == 0)
    return TRUE;
  step = g_new0 (UndoStep, 1);
  step->case_id = g_strdup (case_id);
  step->item_id = g_strdup (item_id);
  step->answer = old_answer;
  step->note = g_steal_pointer (&old_note);
  g_ptr_array_add (self->undo, step);
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
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID, "nothing to undo");
      return FALSE;
    }
  step = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (!fw_store_set_answer (self->store, step->case_id, step->item_id, step->answer, step->note, "undo", error))
    return FALSE;
  if (case_id)
    *case_id = g_strdup (step->case_id);
  if (item_id)
    *item_id = g_strdup (step->item_id);
  g_ptr_array_remove_index (self->undo, self->undo->len - 1);
  return TRUE;
}

gboolean
fw_session_case_applies (FwSession *self, FwCaseItem *item, FwQuestion *question)
{
  return fw_question_applies_to (question, fw_framework_find_kind (self->framework,
                                                                   item->kase->attrs[FW_ATTR_KIND]));
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
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND, "no case with id “%s”", case_id);
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

gboolean
fw_session_complete_case (FwSession *self, const char *case_id, GError **error)
{
  g_autoptr(GPtrArray) missing = fw_session_missing (self, case_id, error);
  FwCaseItem *item;

  if (missing == NULL)
    return FALSE;
  if (missing->len > 0)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", ((FwQuestion *) g_ptr_array_index (missing, i))->id);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   ngettext ("%u key question is not answered yet: %s",
                             "%u key questions are not answered yet: %s", missing->len),
                   missing->len, ids->str);
      return FALSE;
    }
  if (!fw_store_move_case (self->store, case_id, FW_CASE_COMPLETE, NULL, error))
    return FALSE;
  item = g_hash_table_lookup (self->by_id, case_id);
  fw_case_item_set_status (item, FW_CASE_COMPLETE);
  return TRUE;
}

gboolean
fw_session_refresh (FwSession *self, GError **error)
{
  return reload_counts (self, error);
}
