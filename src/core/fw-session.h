/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "fw-rating.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* One case as a list item, observed by the window's case list. */
#define FW_TYPE_CASE_ITEM (fw_case_item_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseItem, fw_case_item, FW, CASE_ITEM, GObject)

const FwCase *fw_case_item_get_case       (FwCaseItem *self);
const char   *fw_case_item_get_id         (FwCaseItem *self);
const char   *fw_case_item_get_reference  (FwCaseItem *self);
const char   *fw_case_item_get_attr       (FwCaseItem *self, FwAttr attr);
guint         fw_case_item_get_answered   (FwCaseItem *self);
guint         fw_case_item_get_applicable (FwCaseItem *self);
FwCaseStatus  fw_case_item_get_status     (FwCaseItem *self);

/* An open inspection: the store, the framework snapshot, the cases, and
 * the live rating of the chosen sub-sample, kept up to date answer by
 * answer (counts move incrementally; the rating is recomputed from the
 * counts, which costs one pass over the framework's questions). */
#define FW_TYPE_SESSION (fw_session_get_type ())
G_DECLARE_FINAL_TYPE (FwSession, fw_session, FW, SESSION, GObject)

FwSession        *fw_session_new            (FwStore *store, const char *inspection_id, GError **error);
FwStore          *fw_session_get_store      (FwSession *self);
FwFramework      *fw_session_get_framework  (FwSession *self);
FwInspectionInfo *fw_session_get_info       (FwSession *self);
const char       *fw_session_get_inspection_id (FwSession *self);
GListModel       *fw_session_get_cases      (FwSession *self);     /* FwCaseItem, by reference */
FwCaseItem       *fw_session_find_case      (FwSession *self, const char *case_id, guint *position);
gboolean          fw_session_reload_cases   (FwSession *self, GError **error);

/* The sub-sample the rating is computed for (NULL: every case). Takes ownership. */
gboolean          fw_session_set_filter     (FwSession *self, FwFilter *filter, GError **error);
const FwFilter   *fw_session_get_filter     (FwSession *self);
FwRating         *fw_session_get_rating     (FwSession *self);
/* Re-reads counts and judgements from the store (after judgements or imports). */
gboolean          fw_session_refresh        (FwSession *self, GError **error);

gboolean          fw_session_answer         (FwSession *self, const char *case_id, const char *item_id,
                                             FwAnswer answer, const char *note, GError **error);
gboolean          fw_session_can_undo       (FwSession *self);
/* Undoes the last answer given in this session; the undo is audited. The
 * case id and item of the restored answer are returned. */
gboolean          fw_session_undo           (FwSession *self, char **case_id, char **item_id, GError **error);

/* Key questions that apply to a case and have no answer (FwQuestion*). */
GPtrArray        *fw_session_missing        (FwSession *self, const char *case_id, GError **error);
/* Refused, with the list of what is missing, while an applicable key question is unanswered. */
gboolean          fw_session_complete_case  (FwSession *self, const char *case_id, GError **error);
gboolean          fw_session_case_applies   (FwSession *self, FwCaseItem *item, FwQuestion *question);

G_END_DECLS
