/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "fw-case.h"

G_BEGIN_DECLS

/* One case as a list item, observed by the window's case list: its
 * properties (status, progress …) follow the session's changes. */
#define FW_TYPE_CASE_ITEM (fw_case_item_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseItem, fw_case_item, FW, CASE_ITEM, GObject)

const FwCase *fw_case_item_get_case       (FwCaseItem *self);
const char   *fw_case_item_get_id         (FwCaseItem *self);
const char   *fw_case_item_get_reference  (FwCaseItem *self);
/* A built-in field (FW_CASE_FIELD_KIND, _INSPECTOR, _STATUS) or one of the
 * framework's attributes by id; NULL when it has no value. */
const char   *fw_case_item_get_attr       (FwCaseItem *self, const char *id);
guint         fw_case_item_get_answered   (FwCaseItem *self);
guint         fw_case_item_get_applicable (FwCaseItem *self);
FwCaseStatus  fw_case_item_get_status     (FwCaseItem *self);

G_END_DECLS
