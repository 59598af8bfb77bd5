/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* How FwSession keeps its case items up to date. */

#include "fw-case-item.h"

G_BEGIN_DECLS

FwCaseItem *fw_case_item_new           (FwCase *kase, const char *kind_title, guint answered,
                                        guint applicable);
void        fw_case_item_set_status    (FwCaseItem *self, FwCaseStatus status);
void        fw_case_item_add_answered  (FwCaseItem *self, int delta);
void        fw_case_item_set_case      (FwCaseItem *self, FwCase *kase);

G_END_DECLS
