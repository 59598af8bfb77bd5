/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_CASE_EDITOR (fw_case_editor_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseEditor, fw_case_editor, FW, CASE_EDITOR, GtkWidget)

/* One case's questions, answered through the session ("session"
 * property). The editor follows FwSession::changed: a change to an answer,
 * a flag or the case's status, made here or elsewhere, updates the row or
 * header it touches. A complete or quality-assured case, or a locked
 * inspection, is read-only ("editable" is FALSE): a banner says why, with
 * "editor.reopen" (audited) or "editor.unlock" (asks for a reason). Set
 * "show-lock-banner" FALSE when the window announces a lock itself.
 *
 * Signals: "error" (message) when a change is refused, or asked of a
 * read-only case. */
GtkWidget  *fw_case_editor_new                (void);
void        fw_case_editor_set_session        (FwCaseEditor *self, FwSession *session);
FwSession  *fw_case_editor_get_session        (FwCaseEditor *self);
gboolean    fw_case_editor_get_editable       (FwCaseEditor *self);
/* The id of the question or prompt whose row has the focus, or NULL. */
const char *fw_case_editor_get_focused_item   (FwCaseEditor *self);
void        fw_case_editor_set_case           (FwCaseEditor *self, FwCaseItem *item);
FwCaseItem *fw_case_editor_get_case           (FwCaseEditor *self);
/* Answers the question that has the focus; with advance, moves to the next one. */
gboolean    fw_case_editor_answer_focused     (FwCaseEditor *self, FwAnswer answer, gboolean advance);
gboolean    fw_case_editor_focus_next_unanswered (FwCaseEditor *self, gboolean from_start);
gboolean    fw_case_editor_focus_first        (FwCaseEditor *self);
gboolean    fw_case_editor_focus_item         (FwCaseEditor *self, const char *item_id);
gboolean    fw_case_editor_edit_note          (FwCaseEditor *self);
/* Whether this answer to a question needs an evidence note. */
gboolean    fw_case_editor_note_required      (FwCaseEditor *self, const char *item_id, FwAnswer answer);
gboolean    fw_case_editor_toggle_prompts     (FwCaseEditor *self);
/* Reads the open case's answers again (not needed to follow changes). */
GtkWidget  *fw_case_editor_get_row            (FwCaseEditor *self, const char *item_id);
/* Shows or hides the lead's buttons: Return and Quality-Assure. */
void        fw_case_editor_set_lead_actions   (FwCaseEditor *self, gboolean shown);

G_END_DECLS
