/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_DRAW_PAGE (fw_draw_page_get_type ())
G_DECLARE_FINAL_TYPE (FwDrawPage, fw_draw_page, FW, DRAW_PAGE, AdwWindow)

/* "Draw the sample": the size calculation per kind at the confidence and
 * margin chosen, the population and the sample side by side per stratum as
 * a chart, the exclusions with their reasons; Draw, Replace and Import
 * population go through the core (fw-draw.h). */
GtkWidget     *fw_draw_page_new          (GtkWindow *parent, FwSession *session);
/* What the page shows now. */
FwDrawSummary *fw_draw_page_get_summary  (FwDrawPage *self);
/* The last error shown, or NULL. */
const char    *fw_draw_page_get_message  (FwDrawPage *self);
/* The text the chart is read as by a screen reader. */
const char    *fw_draw_page_get_chart_text (FwDrawPage *self);

G_END_DECLS
