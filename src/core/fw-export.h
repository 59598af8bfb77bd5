/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-rating.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* The summary CSV: UTF-8 with a byte order mark, so spreadsheet programs
 * read it. (The case-level answers CSV is written by fw_export_write ()
 * with FW_EXPORT_ANSWERS_CSV, as `fieldwork-cli export --what answers` and
 * the window run it.) */
char *fw_export_summary_csv (FwRating *rating, FwInspectionInfo *info);

G_END_DECLS
