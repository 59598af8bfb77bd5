/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_INSPECTION_SWITCHER (fw_inspection_switcher_get_type ())
G_DECLARE_FINAL_TYPE (FwInspectionSwitcher, fw_inspection_switcher, FW, INSPECTION_SWITCHER, GtkWidget)

/* The header's title: says which inspection is open and, as a menu, lists
 * every inspection of the open database file and the database files opened
 * recently. Choosing one activates "win.open-inspection" (its id) or
 * "win.open-database-file" (its path); the menu also offers
 * "win.new-inspection" and "win.open-database".
 *
 * Properties: "store" (the open file) and "session" (the open inspection,
 * or NULL); the list follows FwStore::changed. */
GtkWidget *fw_inspection_switcher_new         (void);
void       fw_inspection_switcher_set_store   (FwInspectionSwitcher *self, FwStore *store);
FwStore   *fw_inspection_switcher_get_store   (FwInspectionSwitcher *self);
void       fw_inspection_switcher_set_session (FwInspectionSwitcher *self, FwSession *session);
FwSession *fw_inspection_switcher_get_session (FwInspectionSwitcher *self);
void       fw_inspection_switcher_popup       (FwInspectionSwitcher *self);
void       fw_inspection_switcher_popdown     (FwInspectionSwitcher *self);
/* The number of inspections listed (for tests). */
guint      fw_inspection_switcher_get_n_inspections (FwInspectionSwitcher *self);

/* Remembers a database file among the recent ones. */
void       fw_inspection_switcher_add_recent_file (const char *path);

G_END_DECLS
