/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Answers saved in bulk by an import (fw-import.c), inside the import's one
 * transaction: the same rules, writes, audit entries and announcements as
 * fw_store_set_answer, with what they check read once per case instead of
 * once per row. Not for use outside src/core. */

#include "fw-store.h"

G_BEGIN_DECLS

typedef struct _FwAnswerImport FwAnswerImport;

FwAnswerImport *fw_answer_import_new       (FwStore *store, const char *inspection_id, FwFramework *framework);
/* The kind of the inspection's case with this reference, NULL if it has none. */
const char     *fw_answer_import_case_kind (FwAnswerImport *import, const char *reference, GError **error);
/* Whether this case's item came earlier in the import: the first line it
 * came on, else 0 (and line is kept for it). item must outlive the import
 * (the framework's own id). */
guint           fw_answer_import_seen      (FwAnswerImport *import, const char *reference, const char *item_id,
                                            guint line);
/* fw_store_set_answer for the case with this reference (looked up first). */
gboolean        fw_answer_import_set       (FwAnswerImport *import, const char *reference, const char *item_id,
                                            FwAnswer answer, const char *note, const char *action, GError **error);
void            fw_answer_import_free      (FwAnswerImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwAnswerImport, fw_answer_import_free)

G_END_DECLS
