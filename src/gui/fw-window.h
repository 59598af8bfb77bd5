/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "fw-core.h"

G_BEGIN_DECLS

#define FW_TYPE_WINDOW (fw_window_get_type ())
G_DECLARE_FINAL_TYPE (FwWindow, fw_window, FW, WINDOW, AdwApplicationWindow)

FwWindow   *fw_window_new               (GtkApplication *app, GSettings *settings);
/* Opens a database file (creating it if new); reopens its last inspection. */
gboolean    fw_window_open_database     (FwWindow *self, const char *path, GError **error);
gboolean    fw_window_open_inspection   (FwWindow *self, const char *inspection_id, GError **error);
gboolean    fw_window_create_inspection (FwWindow *self, const char *framework_id, const char *service,
                                         const char *start_date, const char *const *inspectors,
                                         GError **error);
gboolean    fw_window_import_cases      (FwWindow *self, const char *path, GError **error);
gboolean    fw_window_open_case         (FwWindow *self, const char *reference);
FwSession  *fw_window_get_session       (FwWindow *self);
FwStore    *fw_window_get_store         (FwWindow *self);
GtkWidget  *fw_window_get_editor        (FwWindow *self);
GtkWidget  *fw_window_get_ratings       (FwWindow *self);
const char *fw_window_get_visible_page  (FwWindow *self);   /* "welcome", "cases" or "case" */
const char *fw_window_get_last_message  (FwWindow *self);   /* the last error shown */
guint       fw_window_get_n_shown_cases (FwWindow *self);
void        fw_window_set_case_search   (FwWindow *self, const char *text);

/* Starts an export of the whole sample or of the session's sub-sample on a
 * worker thread, with a progress dialog that can cancel it. */
gboolean    fw_window_export            (FwWindow *self, int format, const char *path, gboolean whole_sample,
                                         GError **error);
GtkWidget  *fw_window_show_audit        (FwWindow *self);

G_END_DECLS
