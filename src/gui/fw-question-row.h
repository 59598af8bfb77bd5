/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_QUESTION_ROW (fw_question_row_get_type ())
G_DECLARE_FINAL_TYPE (FwQuestionRow, fw_question_row, FW, QUESTION_ROW, GtkWidget)

/* A key question (or prompt) of one case: text, Yes / No / Not applicable,
 * and an evidence note. */
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
/* "good", "poor" or NULL: the evidence note flagged as a practice example */
void        fw_question_row_set_practice (FwQuestionRow *self, const char *practice);
void        fw_question_row_set_prompts_revealer (FwQuestionRow *self, GtkRevealer *revealer);
void        fw_question_row_toggle_prompts (FwQuestionRow *self);

G_END_DECLS
