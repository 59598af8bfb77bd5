/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_RATINGS_PANEL (fw_ratings_panel_get_type ())
G_DECLARE_FINAL_TYPE (FwRatingsPanel, fw_ratings_panel, FW, RATINGS_PANEL, GtkWidget)

/* The live ratings of the whole sample or a sub-sample, like the report
 * annex. It follows the session's "rating-changed" and updates only the
 * rows whose figures changed. */
GtkWidget  *fw_ratings_panel_new          (void);
void        fw_ratings_panel_set_session  (FwRatingsPanel *self, FwSession *session, const char *user);
FwSession  *fw_ratings_panel_get_session  (FwRatingsPanel *self);
/* "user": the name "My cases" stands for in the sub-samples. */
void        fw_ratings_panel_set_user     (FwRatingsPanel *self, const char *user);
const char *fw_ratings_panel_get_user     (FwRatingsPanel *self);
/* Text shown for a key question: "86%" (for tests and accessibility). */
const char *fw_ratings_panel_get_percent_text (FwRatingsPanel *self, const char *question_id);
const char *fw_ratings_panel_get_standard_text (FwRatingsPanel *self, const char *standard_id);
const char *fw_ratings_panel_get_total_text (FwRatingsPanel *self);
/* Selects the sub-sample by position in the drop-down (0: every case). */
void        fw_ratings_panel_select_subsample (FwRatingsPanel *self, guint position);

G_END_DECLS
