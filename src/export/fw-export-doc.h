/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "fw-core.h"

G_BEGIN_DECLS

/* Exports of the ratings summary and the case-level answers: PDF (cairo and
 * Pango), XLSX (libxlsxwriter), HTML and CSV. Still GTK-free. */

typedef enum {
  FW_EXPORT_CSV,          /* the summary */
  FW_EXPORT_ANSWERS_CSV,  /* case-level answers */
  FW_EXPORT_PDF,
  FW_EXPORT_XLSX,
  FW_EXPORT_HTML,
} FwExportFormat;

gboolean fw_export_format_from_string (const char *str, FwExportFormat *format);

/* Everything an export shows, read from the store once (on the thread that
 * owns the store); writing can then run on another thread. */
typedef struct {
  FwRating         *rating;
  FwInspectionInfo *info;
  char             *where;          /* sub-sample description, NULL for all */
  GPtrArray        *cases;          /* FwCase* of the sub-sample */
  GPtrArray        *answers;        /* FwAnswerRow* of those cases */
  GHashTable       *rationales;     /* standard id → text */
  guint            *cases_of_kind;  /* by FwKind.index */
  GPtrArray        *breakdown;      /* FwBreakdownColumn* by case kind (fw_review_breakdown);
                                     * NULL for a sub-sample or a single kind */
  char             *generated;      /* date of the export, for the title block */
  char             *started;        /* fieldwork start date, for the title block */
} FwExportData;

FwExportData *fw_export_data_collect (FwStore *store, const char *inspection_id,
                                      const FwFilter *filter, GError **error);
void          fw_export_data_free    (FwExportData *data);
/* a date as the reader's locale writes it, for the title blocks */
char         *fw_export_format_date     (GDateTime *date);
char         *fw_export_format_iso_date (const char *iso);

/* The case-level columns: reference, kind, the framework's attributes in
 * its order, inspector, status (ids; the array does not own them). */
GPtrArray    *fw_export_case_columns (FwFramework *framework);
const char   *fw_export_case_value   (const FwCase *c, const char *column);
/* One row per answer, in the store's order, and one (answer NULL) for each
 * case with no answer yet: every case of the export is listed. */
typedef struct {
  FwCase      *kase;
  FwAnswerRow *answer;
} FwExportCaseRow;
GPtrArray    *fw_export_case_rows    (FwExportData *data);   /* FwExportCaseRow* */

/* progress: 0..1, called from the writing thread */
typedef void (*FwExportProgress) (double fraction, gpointer user_data);

gboolean fw_export_write (FwExportData *data, FwExportFormat format, const char *path,
                          FwExportProgress progress, gpointer user_data,
                          GCancellable *cancellable, GError **error);

/* The writers, for tests */
gboolean fw_export_pdf  (FwExportData *data, const char *path, FwExportProgress progress, gpointer user_data,
                         GCancellable *cancellable, GError **error);
gboolean fw_export_xlsx (FwExportData *data, const char *path, FwExportProgress progress, gpointer user_data,
                         GCancellable *cancellable, GError **error);
char    *fw_export_html (FwExportData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwExportData, fw_export_data_free)

G_END_DECLS
