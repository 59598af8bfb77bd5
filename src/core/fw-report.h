/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-rating.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* The JSON of `rate --json` (SPEC §4.3). */
char *fw_report_json (FwRating *rating, FwInspectionInfo *info, const FwFilter *filter);
/* A plain-text table like the report annex. */
char *fw_report_text (FwRating *rating, FwInspectionInfo *info, const FwFilter *filter);
/* "86.2" from tenths, or "—" */
char *fw_report_format_tenths (guint tenths);

G_END_DECLS
