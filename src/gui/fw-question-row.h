/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_QUESTION_ROW (fw_question_row_get_type ())
G_DECLARE_FINAL_TYPE (FwQuestionRow, fw_question_row, FW, QUESTION_ROW, GtkWidget)

/* A key question (or prompt) of one case: text, Yes / No / Not applicable,
 * and an evidence note. It shows what it is given and says what the user
 * chose ("answered", "note-changed", "practice-changed"); the case editor
 * writes through the session. "item-id" names the question or prompt. */
GtkWidget  *fw_question_row_new        (FwFramework *framework,
                                        const char  *item_id,
                                        const char  *label,
                                        const char  *text,
                                        gboolean     is_prompt,
                                        gboolean     na_allowed);
const char *fw_question_row_get_item_id (FwQuestionRow *self);
gboolean    fw_question_row_is_prompt   (FwQuestionRow *self);
void        fw_question_row_set_answer  (FwQuestionRow *self,
                                         FwAnswer       answer,
                                         const char    *note);
FwAnswer    fw_question_row_get_answer  (FwQuestionRow *self);
const char *fw_question_row_get_note    (FwQuestionRow *self);
void        fw_question_row_focus_note  (FwQuestionRow *self);
void        fw_question_row_focus_note_to_go_on (FwQuestionRow *self);
/* "good", "poor" or NULL: the evidence note flagged as a practice example
 * ("practice" property; the row's menu sets it through "row.practice") */
void        fw_question_row_set_practice (FwQuestionRow *self, const char *practice);
/* Its answer is shown but not saved yet: another program holds the write
 * lock (FwWriteQueue), and it is saved when that program lets go. */
void        fw_question_row_set_waiting  (FwQuestionRow *self, gboolean waiting);
gboolean    fw_question_row_get_waiting  (FwQuestionRow *self);
const char *fw_question_row_get_practice (FwQuestionRow *self);
/* "editable": the answer buttons and the note take changes (a case that is
 * closed or locked is shown read-only); "practice-editable": the flag does. */
void        fw_question_row_set_editable (FwQuestionRow *self, gboolean editable);
gboolean    fw_question_row_get_editable (FwQuestionRow *self);
void        fw_question_row_set_practice_editable (FwQuestionRow *self, gboolean editable);
void        fw_question_row_set_prompts_revealer (FwQuestionRow *self, GtkRevealer *revealer);
GtkRevealer *fw_question_row_get_prompts_revealer (FwQuestionRow *self);
void        fw_question_row_toggle_prompts (FwQuestionRow *self);

G_END_DECLS
