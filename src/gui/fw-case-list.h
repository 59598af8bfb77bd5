/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_CASE_LIST (fw_case_list_get_type ())
G_DECLARE_FINAL_TYPE (FwCaseList, fw_case_list, FW, CASE_LIST, GtkWidget)

/* The Cases page: the cases of the session ("session" property) with a
 * search by reference, filters by kind, inspector and status, and a summary
 * line. Returned cases come first, then the order of the columns.
 *
 * Signals: "case-activated" (FwCaseItem) when a row is activated (Enter or
 * a double click) or when Enter in the search has one match.
 * "selected-case" (FwCaseItem, or NULL: the first chosen) follows the
 * selection. Several cases may be chosen, to be allocated at once. */
GtkWidget  *fw_case_list_new               (void);
void        fw_case_list_set_session       (FwCaseList *self, FwSession *session);
void        fw_case_list_set_settings      (FwCaseList *self, GSettings *settings);
FwSession  *fw_case_list_get_session       (FwCaseList *self);
FwCaseItem *fw_case_list_get_selected_case (FwCaseList *self);
/* Every case chosen (Ctrl or Shift with a click or the arrows), in the
 * list's order: FwCaseItem, new references. */
GPtrArray  *fw_case_list_dup_selected_cases (FwCaseList *self);
/* Chooses one more case, as Ctrl+click does; FALSE if it is not shown. */
gboolean    fw_case_list_add_to_selection  (FwCaseList *self, FwCaseItem *item);
/* Says on the Allocate button what it does, or why it cannot (win.allocate). */
void        fw_case_list_set_allocate_tooltip (FwCaseList *self, const char *tooltip);
/* Selects the case if it is shown; FALSE if not. */
gboolean    fw_case_list_select_case       (FwCaseList *self, FwCaseItem *item);
/* The shown case delta rows away from item (from the ends when item is not shown). */
FwCaseItem *fw_case_list_get_neighbour     (FwCaseList *self, FwCaseItem *item, int delta);
FwCaseItem *fw_case_list_find              (FwCaseList *self, const char *reference);
guint       fw_case_list_get_n_shown       (FwCaseList *self);
FwCaseItem *fw_case_list_get_shown         (FwCaseList *self, guint position);
void        fw_case_list_set_search        (FwCaseList *self, const char *text);
void        fw_case_list_clear_filters     (FwCaseList *self);
void        fw_case_list_focus_search      (FwCaseList *self);
void        fw_case_list_focus_list        (FwCaseList *self);

G_END_DECLS
