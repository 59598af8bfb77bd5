/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-rating.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* CSV exports: UTF-8 with a byte order mark, so spreadsheet programs read it. */
char *fw_export_summary_csv (FwRating *rating, FwInspectionInfo *info);
char *fw_export_answers_csv (FwStore *store, const char *inspection_id,
                             const FwFilter *filter, GError **error);

G_END_DECLS
