/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "fw-case-item.h"

G_BEGIN_DECLS

/* The cases of an open inspection, by reference, as a GListModel of
 * FwCaseItem that is read lazily: opening an inspection reads one compact
 * row per case (id, reference, kind, inspector, status); an FwCaseItem is
 * made, with its attributes and its count of answers, only when someone
 * asks for it (a row scrolled into view, the case opened). What a whole
 * list needs — filters, sorting, counts — is answered from the rows by
 * position, through the functions below, without making items; the
 * framework's attributes and the counts of answers of every case are read
 * in one query each, the first time they are asked for.
 *
 * FwSession owns it and keeps it up to date with the store's changes. */
#define FW_TYPE_CASE_MODEL (fw_case_model_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseModel, fw_case_model, FW, CASE_MODEL, GObject)

const char   *fw_case_model_get_id        (FwCaseModel *self, guint position);
const char   *fw_case_model_get_reference (FwCaseModel *self, guint position);
/* A built-in field (FW_CASE_FIELD_KIND, _INSPECTOR, _STATUS) or one of the
 * framework's attributes; NULL when it has no value. */
const char   *fw_case_model_get_attr      (FwCaseModel *self, guint position, const char *id);
const char   *fw_case_model_get_kind_title (FwCaseModel *self, guint position);
FwCaseStatus  fw_case_model_get_status    (FwCaseModel *self, guint position);
guint         fw_case_model_get_answered  (FwCaseModel *self, guint position);
guint         fw_case_model_get_applicable (FwCaseModel *self, guint position);
/* The item at a position if it has been made, without making it. */
FwCaseItem   *fw_case_model_peek_item     (FwCaseModel *self, guint position);
/* Cases that are complete or quality-assured. */
guint         fw_case_model_count_complete (FwCaseModel *self);
/* The values a field or attribute takes, each once, in the order of the
 * first case (by reference) that has it. */
GPtrArray    *fw_case_model_dup_values    (FwCaseModel *self, const char *id);

G_END_DECLS
