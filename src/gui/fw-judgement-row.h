/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_JUDGEMENT_ROW (fw_judgement_row_get_type ())
G_DECLARE_FINAL_TYPE (FwJudgementRow, fw_judgement_row, FW, JUDGEMENT_ROW, AdwExpanderRow)

/* One judged standard on the Review page: its rating (a band or "not judged
 * yet") and rationale, the evidence from the cases and the guidance
 * questions. Judging goes through the session; the row follows the
 * session's changes, so a judgement made elsewhere shows at once. */
GtkWidget  *fw_judgement_row_new             (FwSession *session, const char *standard_id);
FwSession  *fw_judgement_row_get_session     (FwJudgementRow *self);
const char *fw_judgement_row_get_standard_id (FwJudgementRow *self);
/* The band id judged, or NULL. */
const char *fw_judgement_row_get_band_id     (FwJudgementRow *self);

G_END_DECLS
