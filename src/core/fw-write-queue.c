/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-write-queue.h"
#include "fw-error.h"
#include "fw-store-private.h"

/* How long one save from the main loop waits for the write lock, and how
 * often waiting saves are tried again. */
#define TRY_MS   50
#define RETRY_MS 250

typedef struct {
  char     *case_id;
  char     *item_id;
  FwAnswer  answer;
  char     *note;
  char     *action;
} Write;

struct _FwWriteQueue {
  GObject   parent_instance;
  FwStore  *store;
  GQueue    writes;    /* Write*, oldest first */
  guint     source;    /* the retry timeout */
  gint64    since;     /* monotonic µs: when the oldest began to wait */
  gboolean  stalled;
};

G_DEFINE_FINAL_TYPE (FwWriteQueue, fw_write_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  PROP_STALLED,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum {
  FAILED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
write_free (Write *w)
{
  g_free (w->case_id);
  g_free (w->item_id);
  g_free (w->note);
  g_free (w->action);
  g_free (w);
}

/* One save, waiting at most busy_ms for the write lock (-1: a write's
 * usual wait). */
static gboolean
try_write (FwWriteQueue *self, const Write *w, int busy_ms, GError **error)
{
  gboolean ok;

  fw_store_set_busy_timeout (self->store, busy_ms);
  ok = fw_store_set_answer (self->store, w->case_id, w->item_id, w->answer, w->note, w->action, error);
  fw_store_set_busy_timeout (self->store, -1);
  return ok;
}

static void
set_stalled (FwWriteQueue *self, gboolean stalled)
{
  if (self->stalled == stalled)
    return;
  self->stalled = stalled;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STALLED]);
}

static gboolean
on_retry (gpointer data)
{
  FwWriteQueue *self = data;
  guint before = self->writes.length;

  g_object_ref (self);
  while (!g_queue_is_empty (&self->writes))
    {
      Write *w = g_queue_peek_head (&self->writes);
      g_autoptr(GError) error = NULL;

      if (!try_write (self, w, TRY_MS, &error))
        {
          if (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY))
            break;
          /* refused for another reason: said, and the next one tried */
          g_queue_pop_head (&self->writes);
          write_free (w);
          g_signal_emit (self, signals[FAILED], 0, error->message);
          continue;
        }
      g_queue_pop_head (&self->writes);
      write_free (w);
    }
  if (self->writes.length != before)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING]);
  if (g_queue_is_empty (&self->writes))
    {
      self->source = 0;
      self->since = 0;
      set_stalled (self, FALSE);
      g_object_unref (self);
      return G_SOURCE_REMOVE;
    }
  if (g_get_monotonic_time () - self->since > (gint64) fw_store_busy_timeout_ms () * 1000)
    set_stalled (self, TRUE);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static void
keep (FwWriteQueue *self, Write *w)
{
  g_queue_push_tail (&self->writes, w);
  if (self->source == 0)
    {
      self->since = g_get_monotonic_time ();
      self->source = g_timeout_add (RETRY_MS, on_retry, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING]);
}

gboolean
fw_write_queue_set_answer (FwWriteQueue *self, const char *case_id, const char *item_id, FwAnswer answer,
                           const char *note, const char *action, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  Write *w;

  g_return_val_if_fail (FW_IS_WRITE_QUEUE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && item_id != NULL, FALSE);

  w = g_new0 (Write, 1);
  w->case_id = g_strdup (case_id);
  w->item_id = g_strdup (item_id);
  w->answer = answer;
  w->note = g_strdup (note);
  w->action = g_strdup (action);
  /* behind the ones waiting, in order */
  if (!g_queue_is_empty (&self->writes))
    {
      keep (self, w);
      return TRUE;
    }
  if (try_write (self, w, TRY_MS, &local_error))
    {
      write_free (w);
      return TRUE;
    }
  if (!g_error_matches (local_error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY))
    {
      write_free (w);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  keep (self, w);
  return TRUE;
}

gboolean
fw_write_queue_get_answer (FwWriteQueue *self, const char *case_id, const char *item_id, FwAnswer *answer,
                           char **note, GError **error)
{
  g_return_val_if_fail (FW_IS_WRITE_QUEUE (self), FALSE);

  for (GList *l = self->writes.tail; l != NULL; l = l->prev)
    {
      Write *w = l->data;

      if (g_strcmp0 (w->case_id, case_id) == 0 && g_strcmp0 (w->item_id, item_id) == 0)
        {
          *answer = w->answer;
          if (note)
            *note = g_strdup (w->note);
          return TRUE;
        }
    }
  return fw_store_get_answer (self->store, case_id, item_id, answer, note, error);
}

guint
fw_write_queue_get_pending (FwWriteQueue *self)
{
  g_return_val_if_fail (FW_IS_WRITE_QUEUE (self), 0);
  return self->writes.length;
}

gboolean
fw_write_queue_get_stalled (FwWriteQueue *self)
{
  g_return_val_if_fail (FW_IS_WRITE_QUEUE (self), FALSE);
  return self->stalled;
}

void
fw_write_queue_retry (FwWriteQueue *self)
{
  g_return_if_fail (FW_IS_WRITE_QUEUE (self));
  if (g_queue_is_empty (&self->writes))
    return;
  g_clear_handle_id (&self->source, g_source_remove);
  self->since = g_get_monotonic_time ();
  set_stalled (self, FALSE);
  if (on_retry (self) == G_SOURCE_CONTINUE)
    self->source = g_timeout_add (RETRY_MS, on_retry, self);
}

static void
fw_write_queue_dispose (GObject *object)
{
  FwWriteQueue *self = FW_WRITE_QUEUE (object);

  g_clear_handle_id (&self->source, g_source_remove);
  /* the last chance: as long a wait as any write's, then the ones left
   * are said to be lost */
  while (!g_queue_is_empty (&self->writes))
    {
      Write *w = g_queue_pop_head (&self->writes);
      g_autoptr(GError) error = NULL;

      if (self->store && !try_write (self, w, -1, &error))
        {
          g_warning ("An answer was not saved (case %s, %s): %s", w->case_id, w->item_id, error->message);
          if (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY))
            g_clear_object (&self->store);
        }
      else if (self->store == NULL)
        g_warning ("An answer was not saved (case %s, %s)", w->case_id, w->item_id);
      write_free (w);
    }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (fw_write_queue_parent_class)->dispose (object);
}

static void
fw_write_queue_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwWriteQueue *self = FW_WRITE_QUEUE (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, self->writes.length);
      break;
    case PROP_STALLED:
      g_value_set_boolean (value, self->stalled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_write_queue_class_init (FwWriteQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fw_write_queue_dispose;
  object_class->get_property = fw_write_queue_get_property;

  props[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_STALLED] = g_param_spec_boolean ("stalled", NULL, NULL, FALSE,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * FwWriteQueue::failed:
   * @message: why, in one line
   *
   * A waiting save was refused once the database could be written.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fw_write_queue_init (FwWriteQueue *self)
{
  g_queue_init (&self->writes);
}

FwWriteQueue *
fw_write_queue_new (FwStore *store)
{
  FwWriteQueue *self;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  self = g_object_new (FW_TYPE_WRITE_QUEUE, NULL);
  self->store = g_object_ref (store);
  return self;
}
