/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-case-model.h"

G_BEGIN_DECLS

/* The cases of an FwCaseModel that pass a filter, in an order: a
 * GListModel of FwCaseItem that filters and sorts by position in the
 * model, so that items are made only for the rows someone looks at.
 * Returned cases come first; then the compare function's order; then the
 * model's (by reference). It follows the model's changes, and tells its
 * own as the smallest range that changed, so a selection on it survives. */
#define FW_TYPE_CASE_VIEW (fw_case_view_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseView, fw_case_view, FW, CASE_VIEW, GObject)

/* Whether the case at position in the model is shown. */
typedef gboolean (*FwCaseViewFilterFunc) (FwCaseModel *model, guint position, gpointer user_data);
/* Compares two cases, given as GUINT_TO_POINTER (position in the model + 1). */
typedef int      (*FwCaseViewCompareFunc) (gconstpointer a, gconstpointer b, gpointer user_data);

/* filter, compare: NULL for none */
FwCaseView  *fw_case_view_new              (FwCaseModel *model, FwCaseViewFilterFunc filter,
                                            FwCaseViewCompareFunc compare, gpointer user_data);
FwCaseModel *fw_case_view_get_model        (FwCaseView *self);
void         fw_case_view_set_filter_func  (FwCaseView *self, FwCaseViewFilterFunc func, gpointer user_data);
/* NULL: the model's order (after the returned cases) */
void         fw_case_view_set_compare_func (FwCaseView *self, FwCaseViewCompareFunc func, gpointer user_data);
/* The filter or the order changed: computed again. */
void         fw_case_view_refresh          (FwCaseView *self);
/* The position in the model of the case shown at position. */
guint        fw_case_view_get_model_position (FwCaseView *self, guint position);
/* Where the case at model_position is shown, or GTK's invalid position (G_MAXUINT). */
guint        fw_case_view_find             (FwCaseView *self, guint model_position);

G_END_DECLS
