/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* How FwSession fills FwCaseModel and keeps it up to date. */

#include "fw-case-model.h"
#include "fw-framework.h"
#include "fw-store.h"

G_BEGIN_DECLS

FwCaseModel *fw_case_model_new            (FwStore *store, FwFramework *framework, const char *inspection_id);
/* Reads the rows again (at the start, after a large change). */
gboolean     fw_case_model_reload         (FwCaseModel *self, GError **error);
/* The case with this id, its item made if need be; NULL if there is none. */
FwCaseItem  *fw_case_model_find           (FwCaseModel *self, const char *case_id, guint *position);
gboolean     fw_case_model_contains       (FwCaseModel *self, const char *case_id);
/* A case added to the store: inserted in reference order. */
gboolean     fw_case_model_add            (FwCaseModel *self, const char *case_id, GError **error);
void         fw_case_model_set_status     (FwCaseModel *self, const char *case_id, FwCaseStatus status);
void         fw_case_model_add_answered   (FwCaseModel *self, const char *case_id, int delta);
/* A case's details changed elsewhere: read again. */
gboolean     fw_case_model_update         (FwCaseModel *self, const char *case_id, GError **error);
/* The case, with its attributes (borrowed from its item, which is made). */
const FwCase *fw_case_model_get_case      (FwCaseModel *self, const char *case_id);

G_END_DECLS
