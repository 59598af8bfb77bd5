/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_REVIEW_PAGE (fw_review_page_get_type ())
G_DECLARE_FINAL_TYPE (FwReviewPage, fw_review_page, FW, REVIEW_PAGE, GtkWidget)

/* The lead inspector's review of the sample: progress per inspector, the
 * problems to fix (each opens its case at the question), judgements of the
 * judged standards, practice examples, sub-sample breakdowns, the lock,
 * exports and the audit trail.
 *
 * The page follows the session ("session" property): judgements at once,
 * the sections computed from the whole inspection when next shown. While
 * the inspection is locked it is read-only and a banner says why
 * ("show-lock-banner" FALSE when the window announces the lock itself).
 *
 * Signals: "open-item" (case id, item id or NULL) when a problem is chosen;
 * "error" (message) when a change is refused. */
GtkWidget *fw_review_page_new          (void);
void       fw_review_page_set_session  (FwReviewPage *self, FwSession *session);
FwSession *fw_review_page_get_session  (FwReviewPage *self);
/* Reads every section again (not needed to follow changes). */
guint      fw_review_page_get_n_problems (FwReviewPage *self);
/* Records a judgement as the window does (for tests). */
gboolean   fw_review_page_judge        (FwReviewPage *self, const char *standard_id, const char *band_id,
                                        const char *rationale, GError **error);
/* Shows a breakdown of the ratings by the values of an attribute: kind,
 * inspector or one of the framework's attributes, by id. */
void       fw_review_page_set_breakdown (FwReviewPage *self, const char *attr);
guint      fw_review_page_get_breakdown_columns (FwReviewPage *self);
/* Shows or hides the lead's actions: locking and the judged standards. */
void       fw_review_page_set_lead_actions (FwReviewPage *self, gboolean shown);

G_END_DECLS
