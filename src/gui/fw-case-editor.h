/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_CASE_EDITOR (fw_case_editor_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseEditor, fw_case_editor, FW, CASE_EDITOR, GtkWidget)

GtkWidget  *fw_case_editor_new                (void);
void        fw_case_editor_set_session        (FwCaseEditor *self, FwSession *session);
void        fw_case_editor_set_case           (FwCaseEditor *self, FwCaseItem *item);
FwCaseItem *fw_case_editor_get_case           (FwCaseEditor *self);
/* Answers the question that has the focus; with advance, moves to the next one. */
gboolean    fw_case_editor_answer_focused     (FwCaseEditor *self, FwAnswer answer, gboolean advance);
gboolean    fw_case_editor_focus_next_unanswered (FwCaseEditor *self, gboolean from_start);
gboolean    fw_case_editor_focus_first        (FwCaseEditor *self);
gboolean    fw_case_editor_focus_item         (FwCaseEditor *self, const char *item_id);
gboolean    fw_case_editor_edit_note          (FwCaseEditor *self);
gboolean    fw_case_editor_toggle_prompts     (FwCaseEditor *self);
void        fw_case_editor_reload             (FwCaseEditor *self);
GtkWidget  *fw_case_editor_get_row            (FwCaseEditor *self, const char *item_id);

G_END_DECLS
