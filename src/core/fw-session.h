/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "fw-case-item.h"
#include "fw-case-model.h"
#include "fw-case-view.h"
#include "fw-enum-types.h"
#include "fw-rating.h"
#include "fw-store.h"
#include "fw-write-queue.h"

G_BEGIN_DECLS

/* An open inspection: the store, the framework snapshot, the cases, and
 * the live rating of the chosen sub-sample.
 *
 * Every change the window makes goes through a session method, which goes
 * through the store's one write path. The session never patches itself after
 * a write: it follows FwStore::changed, for its own changes and for changes
 * made by another process (fieldwork-cli, a second window, a merge), moves
 * its counts incrementally and re-rates, then re-emits the change as
 * FwSession::changed for the widgets. */
#define FW_TYPE_SESSION (fw_session_get_type ())
G_DECLARE_FINAL_TYPE (FwSession, fw_session, FW, SESSION, GObject)

FwSession        *fw_session_new            (FwStore *store, const char *inspection_id, GError **error);
/* Creates an inspection and opens it. */
FwSession        *fw_session_new_inspection (FwStore *store, FwFramework *framework, const char *service,
                                             const char *start_date, const char **inspectors, GError **error);
FwStore          *fw_session_get_store      (FwSession *self);
/* Answers saved while another program writes, waiting (fw-write-queue.h). */
FwWriteQueue     *fw_session_get_writes     (FwSession *self);
FwFramework      *fw_session_get_framework  (FwSession *self);
FwInspectionInfo *fw_session_get_info       (FwSession *self);
const char       *fw_session_get_inspection_id (FwSession *self);
GListModel       *fw_session_get_cases      (FwSession *self);     /* FwCaseItem, by reference */
/* The same list, read lazily: what a whole list needs, by position. */
FwCaseModel      *fw_session_get_case_model (FwSession *self);
FwCaseItem       *fw_session_find_case      (FwSession *self, const char *case_id, guint *position);
/* The inspection is locked: nothing in it may change ("locked" property). */
gboolean          fw_session_is_locked      (FwSession *self);
/* Whether the answers of a case may change now, and if not, why (translated). */
gboolean          fw_session_can_edit_case  (FwSession *self, FwCaseItem *item, char **why);

/* The sub-sample the rating is computed for (NULL: every case). Takes ownership. */
gboolean          fw_session_set_filter     (FwSession *self, FwFilter *filter, GError **error);
const FwFilter   *fw_session_get_filter     (FwSession *self);
FwRating         *fw_session_get_rating     (FwSession *self);
gboolean          fw_session_is_counting    (FwSession *self);
GHashTable       *fw_session_get_judgements (FwSession *self);   /* standard id → band id */

/* Changes: each goes through the store's write path. */
gboolean          fw_session_answer         (FwSession *self, const char *case_id, const char *item_id,
                                             FwAnswer answer, const char *note, GError **error);
gboolean          fw_session_set_practice   (FwSession *self, const char *case_id, const char *item_id,
                                             FwPractice practice, GError **error);
/* Refused, with the list of what is missing, while an applicable key question is unanswered. */
gboolean          fw_session_complete_case  (FwSession *self, const char *case_id, GError **error);
gboolean          fw_session_move_case      (FwSession *self, const char *case_id, FwCaseStatus to,
                                             GError **error);
/* Back to in progress: an explicit, audited action. */
gboolean          fw_session_reopen_case    (FwSession *self, const char *case_id, GError **error);
gboolean          fw_session_return_case    (FwSession *self, const char *case_id, const char *item_id,
                                             const char *comment, GError **error);
gboolean          fw_session_judge          (FwSession *self, const char *standard_id, const char *band_id,
                                             const char *rationale, GError **error);
/* One of the framework's attributes of a case (the lead's), audited. */
gboolean          fw_session_set_case_attribute (FwSession *self, const char *case_id, const char *attribute,
                                                 const char *value, GError **error);
gboolean          fw_session_set_locked     (FwSession *self, gboolean locked, const char *reason,
                                             GError **error);
/* Returns the new case's id. fields: pairs of a field id and its value, as
 * fw_store_add_case () takes them. */
char             *fw_session_add_case       (FwSession *self, const char *reference,
                                             const char * const *fields, GError **error);

gboolean          fw_session_can_undo       (FwSession *self);
/* Undoes the last answer given in this session; the undo is audited. The
 * case id and item of the restored answer are returned. */
gboolean          fw_session_undo           (FwSession *self, char **case_id, char **item_id, GError **error);

/* Key questions that apply to a case and have no answer (FwQuestion*). */
GPtrArray        *fw_session_missing        (FwSession *self, const char *case_id, GError **error);
gboolean          fw_session_case_applies   (FwSession *self, FwCaseItem *item, FwQuestion *question);

G_END_DECLS
