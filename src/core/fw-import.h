/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-store.h"

G_BEGIN_DECLS

/* Each import reads a whole CSV file (SPEC §4.2) and applies it in one
 * transaction: any bad row rejects the whole file with an error naming the
 * file, the line and the field, and the store is left as it was. */

gboolean fw_import_cases       (FwStore *store, const char *inspection_id,
                                const char *path, guint *n_rows, GError **error);
gboolean fw_import_answers     (FwStore *store, const char *inspection_id,
                                const char *path, guint *n_rows, GError **error);
gboolean fw_import_judgements  (FwStore *store, const char *inspection_id,
                                const char *path, guint *n_rows, GError **error);

/* The same from bytes in memory; filename is used in messages. */
gboolean fw_import_cases_data      (FwStore *store, const char *inspection_id, const char *data,
                                    gsize length, const char *filename, guint *n_rows, GError **error);
gboolean fw_import_answers_data    (FwStore *store, const char *inspection_id, const char *data,
                                    gsize length, const char *filename, guint *n_rows, GError **error);
gboolean fw_import_judgements_data (FwStore *store, const char *inspection_id, const char *data,
                                    gsize length, const char *filename, guint *n_rows, GError **error);

G_END_DECLS
