/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "fw-store.h"

G_BEGIN_DECLS

/* Answers saved from a main loop (the window) while another program may
 * hold the database's write lock.
 *
 * A save waits only a moment for the lock. If another program still holds
 * it, the answer is kept here, in order, with every save after it, and
 * tried again every quarter of a second from the main loop until all of them
 * are saved: nothing is lost and the window does not freeze. Reading an
 * answer through the queue gives the newest one, saved or waiting.
 *
 * "pending" counts the saves waiting; "stalled" turns TRUE when they have
 * waited longer than a write would (fw_store_busy_timeout_ms (): 30 s),
 * and they are still kept and still tried. FwWriteQueue::failed tells of a
 * waiting save the store refused for another reason once it could write
 * (e.g. the other program locked the inspection meanwhile). */
#define FW_TYPE_WRITE_QUEUE (fw_write_queue_get_type ())
G_DECLARE_FINAL_TYPE (FwWriteQueue, fw_write_queue, FW, WRITE_QUEUE, GObject)

FwWriteQueue *fw_write_queue_new         (FwStore *store);
/* fw_store_get_answer, with the newest waiting save of that answer first. */
gboolean      fw_write_queue_get_answer  (FwWriteQueue *self, const char *case_id, const char *item_id,
                                          FwAnswer *answer, char **note, GError **error);
/* fw_store_set_answer, kept to be tried again while another program
 * writes: TRUE when saved or kept, FALSE (and error) when refused. */
gboolean      fw_write_queue_set_answer  (FwWriteQueue *self, const char *case_id, const char *item_id,
                                          FwAnswer answer, const char *note, const char *action,
                                          GError **error);
guint         fw_write_queue_get_pending (FwWriteQueue *self);
gboolean      fw_write_queue_get_stalled (FwWriteQueue *self);
/* Tries the waiting saves now, and waits as long again before "stalled". */
void          fw_write_queue_retry       (FwWriteQueue *self);

G_END_DECLS
