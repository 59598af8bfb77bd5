/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-export-doc.h"

G_BEGIN_DECLS

/* Words shared by the PDF and HTML summaries. */
char       *fw_summary_sample_text   (FwExportData *data);   /* "29 court disposals, 20 out-of-court disposals" */
char       *fw_summary_missing_text  (FwExportData *data);   /* NULL when complete */
/* "Overall rating — Score 9/12", or "Overall rating — not rated yet" */
char       *fw_summary_overall_text  (FwRating *rating);
/* what the rating rests on that is provisional, one line; NULL when nothing */
char       *fw_summary_provisional_text (FwRating *rating);
const char *fw_summary_standard_text (FwStandardResult *s);  /* rating title or why there is none */
char       *fw_summary_percent_text  (FwQuestionResult *q);  /* "86%" or "—" */
char       *fw_summary_counts_text   (FwQuestionResult *q);  /* "25 of 29" */
/* The Wilson interval at the framework's confidence, and whether a band
 * threshold lies in it: "likely 62.2–95.6 %: the band could change"; NULL
 * without a %. */
char       *fw_summary_interval_text (FwQuestionResult *q);
/* After a question whose wording the framework marks provisional, what
 * says so, e.g. " (provisional wording)"; "" otherwise. */
const char *fw_summary_wording_note (FwQuestion *question);
void        fw_summary_parse_colour  (const char *hex, double rgb[3]);

/* Creates (or empties) tmp, readable by its owner only (case data), for a
 * writer that opens it by name; errors name path, the file asked for. */
gboolean    fw_export_create_private (const char *tmp, const char *path, GError **error);

G_END_DECLS
