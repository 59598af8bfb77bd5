/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-session.h"
#include "fw-case-item-private.h"
#include "fw-case-model-private.h"
#include "fw-error.h"
#include "fw-store-private.h"

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

typedef struct _TallyJob TallyJob;

struct _FwSession {
  GObject           parent_instance;
  FwStore          *store;
  char             *inspection_id;
  FwFramework      *framework;
  FwInspectionInfo *info;
  FwCaseModel      *cases;        /* read lazily */
  FwFilter         *filter;
  FwTally          *tally;
  GHashTable       *judgements;
  FwRating         *rating;
  GPtrArray        *undo;         /* UndoStep* */
  FwWriteQueue     *writes;       /* answers waiting for another program's write lock */
  gulong            changed_handler;
  GThread          *counting;     /* the first tally, read beside the window's start */
  TallyJob         *counting_job; /* its job, the thread's until joined; set while a count is due */
  guint             count_source; /* a large inspection's thread, started when the loop is idle */
  gint64            opened_at;    /* the store's last announced change when the session opened */
  gint64            counted_until; /* changes up to here are in the tally */
};

/* The first tally of a session — every answer of the inspection, read
 * once — is counted on a thread with its own read-only connection, while
 * the window builds itself; the first to need it (the rating, a change)
 * waits for it. It reads, in one snapshot, the last change it includes. */
struct _TallyJob {
  char         *path;
  char         *inspection_id;
  FwFramework  *framework;
  FwTally      *tally;
  gint64        audit_id;
  gboolean      ok;
  gboolean      apart;     /* a large inspection's: its rating comes when counted */
  gint          done;      /* atomic: the thread has counted */
  GMainContext *context;   /* the session's, told when it has */
  GWeakRef     *session;   /* the callback's own, for that */
};

/* A session whose inspection has at least this many cases takes its first
 * rating when the count is done (fw_session_is_counting ()), and a window
 * shows it then: a large inspection's window opens without waiting for
 * every answer to be read. A smaller one waits, which is at most a few
 * milliseconds, and has its rating at once. */
#define COUNT_APART_FROM 1000

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

static void
rate (FwSession *self)
{
  g_clear_pointer (&self->rating, fw_rating_free);
  self->rating = fw_rating_compute (self->framework, self->tally, self->judgements);
}

static void
recompute (FwSession *self)
{
  rate (self);
  g_signal_emit (self, signals[RATING_CHANGED], 0);
}

/* ---------------------------------------------------------------- the first tally */

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
tally_job_free (TallyJob *job)
{
  g_free (job->path);
  g_free (job->inspection_id);
  g_clear_pointer (&job->framework, fw_framework_unref);
  g_clear_pointer (&job->tally, fw_tally_free);
  g_clear_pointer (&job->context, g_main_context_unref);
  if (job->session)
    weak_ref_free (job->session);
  g_free (job);
}

static void finish_counting (FwSession *self);

/* In the session's context, once the thread has counted: the rating, and
 * "rating-changed" for whoever showed it as being counted. Nothing if it
 * was needed, and so taken, before. */
static gboolean
on_counted (gpointer data)
{
  g_autoptr(FwSession) self = g_weak_ref_get (data);

  if (self != NULL && self->counting_job != NULL)
    {
      finish_counting (self);
      g_signal_emit (self, signals[RATING_CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
job_step (sqlite3 *db, const char *sql, TallyJob *job, int which)
{
  sqlite3_stmt *s = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) != SQLITE_OK)
    return FALSE;
  if (which > 0)
    sqlite3_bind_text (s, 1, job->inspection_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (s, 0);
      FwKind *kind;
      FwQuestion *q = NULL;
      FwAnswer answer;
      guint *slot;

      switch (which)
        {
        case 0:
          job->audit_id = sqlite3_column_int64 (s, 0);
          break;
        case 1:
          if ((kind = fw_framework_find_kind (job->framework, text)) != NULL)
            job->tally->cases_of_kind[kind->index] += sqlite3_column_int (s, 1);
          break;
        default:
          /* as fw_store_tally () counts them, for the whole sample */
          fw_framework_find_item (job->framework, text, &q, NULL);
          if (q == NULL || q->index < 0)
            break;
          fw_answer_from_string ((const char *) sqlite3_column_text (s, 1), &answer);
          if ((slot = fw_tally_slot (job->tally, q->index, answer)))
            (*slot)++;
          break;
        }
    }
  sqlite3_finalize (s);
  return rc == SQLITE_DONE;
}

static gpointer
count_in_thread (gpointer data)
{
  TallyJob *job = data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      job->ok = sqlite3_exec (db, "BEGIN;", NULL, NULL, NULL) == SQLITE_OK
                && job_step (db, "SELECT coalesce(max(rowid), 0) FROM audit;", job, 0)
                && job_step (db, "SELECT kind, count(*) FROM kase WHERE inspection_id = ?1 GROUP BY kind;", job, 1)
                && job_step (db, "SELECT a.item, a.value FROM kase c JOIN answer a ON a.case_id = c.id"
                                 " WHERE c.inspection_id = ?1;", job, 2);
      sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL);
    }
  sqlite3_close (db);
  g_atomic_int_set (&job->done, 1);
  /* an idle in the session's context, never called here: g_main_context_invoke ()
   * would call it in this thread whenever that context is not running */
  if (job->session != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, on_counted, g_steal_pointer (&job->session), weak_ref_free);
      g_source_set_static_name (source, "[fieldwork] counted");
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
  return job;
}

static gboolean
start_thread_when_idle (gpointer data)
{
  FwSession *self = data;

  self->count_source = 0;
  self->counting = g_thread_new ("fieldwork-tally", count_in_thread, self->counting_job);
  return G_SOURCE_REMOVE;
}

static void
start_counting (FwSession *self)
{
  const char *path = fw_store_get_path (self->store);
  TallyJob *job;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  job = g_new0 (TallyJob, 1);
  job->path = g_strdup (path);
  job->inspection_id = g_strdup (self->inspection_id);
  job->framework = fw_framework_ref (self->framework);
  job->tally = fw_tally_new (self->framework);
  /* told in the context whose loop this thread runs (a window's) */
  job->context = g_main_context_ref_thread_default ();
  job->apart = g_list_model_get_n_items (G_LIST_MODEL (self->cases)) >= COUNT_APART_FROM
               && g_main_context_is_owner (job->context);
  if (job->apart)
    {
      job->session = g_new0 (GWeakRef, 1);
      g_weak_ref_init (job->session, self);
    }
  self->opened_at = self->store->last_audit_id;
  self->counting_job = job;
  /* a large one's once the window it opens in has drawn itself: meanwhile
   * the thread would only compete with it for the processor */
  if (job->apart)
    self->count_source = g_idle_add_full (G_PRIORITY_LOW, start_thread_when_idle, self, NULL);
  else
    self->counting = g_thread_new ("fieldwork-tally", count_in_thread, job);
}

/* The tally, counted here in one snapshot with the last change it holds. */
static gboolean
count_here (FwSession *self, GError **error)
{
  gboolean snapshot = self->store->depth == 0 && fw_store_exec (self->store, "BEGIN;", NULL);
  gboolean ok;

  ok = fw_store_tally (self->store, self->inspection_id, self->framework, self->filter, self->tally, error);
  self->counted_until = fw_store_max_audit_id (self->store);
  if (snapshot)
    fw_store_exec (self->store, "COMMIT;", NULL);
  return ok;
}

/* Waits for the first tally. Taken when nothing was written since the
 * session opened; otherwise counted again here, and the changes it holds
 * that are still to be announced are not counted twice (counted_until). */
static void
finish_counting (FwSession *self)
{
  g_autoptr(GError) error = NULL;
  TallyJob *job;

  if (self->counting_job == NULL)
    return;
  if (self->counting != NULL)
    job = g_thread_join (g_steal_pointer (&self->counting));
  else
    {
      /* needed before its thread started: counted here */
      g_clear_handle_id (&self->count_source, g_source_remove);
      job = self->counting_job;
      job->ok = FALSE;
    }
  self->counting_job = NULL;
  if (job->ok && job->audit_id == self->opened_at)
    {
      fw_tally_free (self->tally);
      self->tally = g_steal_pointer (&job->tally);
      self->counted_until = job->audit_id;
    }
  else if (!count_here (self, &error))
    g_warning ("counting the answers: %s", error->message);
  tally_job_free (job);
  rate (self);
}

static gboolean
reload_counts (FwSession *self, GError **error)
{
  g_autoptr(GHashTable) judgements = fw_store_get_judgements (self->store, self->inspection_id, error);

  if (judgements == NULL)
    return FALSE;
  finish_counting (self);
  if (!fw_store_tally (self->store, self->inspection_id, self->framework, self->filter, self->tally, error))
    return FALSE;
  g_clear_pointer (&self->judgements, g_hash_table_unref);
  self->judgements = g_steal_pointer (&judgements);
  recompute (self);
  return TRUE;
}

/* Reads everything again: at the start, and after a change too large to
 * follow row by row (an import of many cases). */
static gboolean
reload (FwSession *self, GError **error)
{
  g_autoptr(FwInspectionInfo) info = NULL;
  gboolean was_locked = fw_session_is_locked (self);

  if ((info = fw_store_get_inspection (self->store, self->inspection_id, error)) == NULL)
    return FALSE;
  fw_inspection_info_free (self->info);
  self->info = g_steal_pointer (&info);
  if (!fw_case_model_reload (self->cases, error))
    return FALSE;
  if (was_locked != fw_session_is_locked (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCKED]);
  return reload_counts (self, error);
}

/* ---------------------------------------------------------------- following changes */

static void
follow_answer (FwSession *self, const FwChange *change)
{
  FwAnswer old_answer = FW_ANSWER_NONE, new_answer = FW_ANSWER_NONE;
  FwQuestion *q = NULL;

  fw_framework_find_item (self->framework, change->item, &q, NULL);
  if (q == NULL || q->index < 0)
    return;   /* a prompt: not counted */
  fw_answer_from_string (change->old_value, &old_answer);
  fw_answer_from_string (change->new_value, &new_answer);
  if (old_answer == FW_ANSWER_NONE && new_answer != FW_ANSWER_NONE)
    fw_case_model_add_answered (self->cases, change->case_id, 1);
  else if (old_answer != FW_ANSWER_NONE && new_answer == FW_ANSWER_NONE)
    fw_case_model_add_answered (self->cases, change->case_id, -1);
  if (old_answer != new_answer && self->store->last_audit_id > self->counted_until
      && (fw_filter_is_empty (self->filter)
          || fw_filter_matches (self->filter, fw_case_model_get_case (self->cases, change->case_id))))
    {
      fw_tally_change (self->tally, q->index, old_answer, new_answer);
      recompute (self);
    }
}

static void
follow_case_added (FwSession *self, const FwChange *change)
{
  g_autoptr(GError) error = NULL;
  const FwCase *c;
  FwKind *kind;

  if (fw_case_model_contains (self->cases, change->case_id))
    return;
  if (!fw_case_model_add (self->cases, change->case_id, &error))
    {
      g_warning ("a new case: %s", error->message);
      return;
    }
  c = fw_case_model_get_case (self->cases, change->case_id);
  kind = c ? fw_framework_find_kind (self->framework, c->kind) : NULL;
  if (kind && self->store->last_audit_id > self->counted_until && fw_filter_matches (self->filter, c))
    {
      self->tally->cases_of_kind[kind->index]++;
      recompute (self);
    }
}

static void
on_store_changed (FwStore *store, FwChange *change, FwSession *self)
{
  gboolean known = fw_case_model_contains (self->cases, change->case_id);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (change->inspection_id, self->inspection_id) != 0)
    return;
  finish_counting (self);

  switch (change->kind)
    {
    case FW_CHANGE_ANSWER:
      if (known)
        follow_answer (self, change);
      break;
    case FW_CHANGE_STATUS:
      {
        FwCaseStatus status;
        if (known && fw_case_status_from_string (change->new_value, &status))
          fw_case_model_set_status (self->cases, change->case_id, status);
      }
      break;
    case FW_CHANGE_CASE_ATTRIBUTE:
      if (known)
        {
          if (!fw_case_model_update (self->cases, change->case_id, &error))
            {
              g_warning ("a case's details: %s", error->message);
              g_clear_error (&error);
            }
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

  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->counting)
    tally_job_free (g_thread_join (g_steal_pointer (&self->counting)));
  else if (self->counting_job)
    tally_job_free (self->counting_job);
  self->counting_job = NULL;
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
  self->cases = fw_case_model_new (store, self->framework, inspection_id);
  if ((self->info = fw_store_get_inspection (store, inspection_id, error)) == NULL
      || !fw_case_model_reload (self->cases, error)
      || (self->judgements = fw_store_get_judgements (store, inspection_id, error)) == NULL)
    return NULL;
  start_counting (self);
  if (self->counting_job == NULL)
    {
      if (!count_here (self, error))
        return NULL;
      rate (self);
    }
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
FwCaseModel *fw_session_get_case_model (FwSession *self) { return self->cases; }
const FwFilter *fw_session_get_filter (FwSession *self) { return self->filter; }

/* Whether the first rating is still being counted: a large inspection's,
 * on its thread, until "rating-changed". A count already done is taken, and
 * a small inspection's is waited for. */
gboolean
fw_session_is_counting (FwSession *self)
{
  g_return_val_if_fail (FW_IS_SESSION (self), FALSE);
  if (self->counting_job != NULL
      && (!self->counting_job->apart || g_atomic_int_get (&self->counting_job->done)))
    finish_counting (self);
  return self->counting_job != NULL;
}

FwRating *
fw_session_get_rating (FwSession *self)
{
  finish_counting (self);
  return self->rating;
}

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
  return fw_case_model_find (self->cases, case_id, position);
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

/* ---------------------------------------------------------------- other writes */

/* The session's writes other than answers (a practice mark, a case's
 * status, a return, a judgement, the lock, a case's details, a new case)
 * wait only a moment for another program's write lock, and are then
 * refused with "another Fieldwork is writing to this file; try again"
 * rather than hold the window still for up to 30 s. Nor do they go while
 * answers are still waiting to be saved (FwWriteQueue): they would overtake
 * them, and a case could be completed without its last answer. */
#define OTHER_WRITE_WAIT_MS 250

static gboolean
begin_other_write (FwSession *self, GError **error)
{
  if (fw_write_queue_get_pending (self->writes) > 0)
    return fw_store_busy_error (fw_store_get_path (self->store), error);
  fw_store_set_busy_timeout (self->store, OTHER_WRITE_WAIT_MS);
  return TRUE;
}

static gboolean
end_other_write (FwSession *self, gboolean done)
{
  fw_store_set_busy_timeout (self->store, -1);
  return done;
}

gboolean
fw_session_set_practice (FwSession *self, const char *case_id, const char *item_id, FwPractice practice,
                         GError **error)
{
  return begin_other_write (self, error)
         && end_other_write (self, fw_store_set_practice (self->store, case_id, item_id, practice, error));
}

gboolean
fw_session_complete_case (FwSession *self, const char *case_id, GError **error)
{
  return fw_session_move_case (self, case_id, FW_CASE_COMPLETE, error);
}

gboolean
fw_session_move_case (FwSession *self, const char *case_id, FwCaseStatus to, GError **error)
{
  return begin_other_write (self, error)
         && end_other_write (self, fw_store_move_case (self->store, case_id, to, NULL, error));
}

gboolean
fw_session_reopen_case (FwSession *self, const char *case_id, GError **error)
{
  return fw_session_move_case (self, case_id, FW_CASE_IN_PROGRESS, error);
}

gboolean
fw_session_return_case (FwSession *self, const char *case_id, const char *item_id, const char *comment,
                        GError **error)
{
  return begin_other_write (self, error)
         && end_other_write (self, fw_store_return_case (self->store, case_id, item_id, comment, error));
}

gboolean
fw_session_judge (FwSession *self, const char *standard_id, const char *band_id, const char *rationale,
                  GError **error)
{
  return begin_other_write (self, error)
         && end_other_write (self, fw_store_set_judgement (self->store, self->inspection_id, standard_id, band_id,
                                                           rationale, error));
}

gboolean
fw_session_set_locked (FwSession *self, gboolean locked, const char *reason, GError **error)
{
  return begin_other_write (self, error)
         && end_other_write (self, fw_store_set_locked (self->store, self->inspection_id, locked, reason, error));
}

gboolean
fw_session_set_case_attribute (FwSession *self, const char *case_id, const char *attribute, const char *value,
                               GError **error)
{
  return begin_other_write (self, error)
         && end_other_write (self, fw_store_set_case_attribute (self->store, case_id, attribute, value, error));
}

char *
fw_session_add_case (FwSession *self, const char *reference, const char * const *fields, GError **error)
{
  char *id;

  if (!begin_other_write (self, error))
    return NULL;
  id = fw_store_add_case (self->store, self->inspection_id, reference, fields, error);
  end_other_write (self, id != NULL);
  return id;
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
  FwCaseItem *item = fw_case_model_find (self->cases, case_id, NULL);
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
