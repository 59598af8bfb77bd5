/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-window.h"
#include "fw-case-list.h"
#include "fw-case-editor.h"
#include "fw-inspection-switcher.h"

G_BEGIN_DECLS

/* FwWindow is spread over fw-window.c (the object, opening databases and
 * inspections, following the session) and fw-window-actions.c (the win.*
 * actions, their keys and their dialogs) and fw-window-team.c (team
 * fieldwork), like GNOME Text Editor's window. */
struct _FwWindow {
  AdwApplicationWindow  parent_instance;

  /* template */
  GtkWidget            *inspection_switcher;
  GtkWidget            *switcher;
  GtkWidget            *ratings_toggle;
  GtkWidget            *lock_banner;
  GtkWidget            *toasts;
  GtkWidget            *main_stack;
  GtkWidget            *flap;
  GtkWidget            *inspection_stack;
  GtkWidget            *case_list;
  GtkWidget            *editor;
  GtkWidget            *ratings;
  GtkWidget            *pane_return;   /* weak: where F6 came from into the ratings */
  GtkWidget            *shortcuts;     /* the shortcuts window, once asked for */
  GtkWidget            *review;
  /* team fieldwork (fw-window-team.c) */
  GtkWidget            *role_label;
  GtkWidget            *conflicts_banner;
  GtkWidget            *conflicts_label;

  GSettings            *settings;
  FwStore              *store;
  FwSession            *session;
  GSignalGroup         *session_signals;
  char                 *last_message;
  char                 *export_folder;    /* where the last export went */
  /* the store's integrity check, started after the window's first frame */
  GCancellable         *check_cancellable;
  GdkFrameClock        *check_clock;
  gulong                check_paint_handler;
  gboolean              check_on_map;
};

void      _fw_window_class_actions_init (GtkWidgetClass *widget_class);
void      _fw_window_actions_update     (FwWindow *self);
/* fw-window-team.c: allocation, packages, returns, merges and conflicts */
void      _fw_window_class_team_init    (GtkWidgetClass *widget_class);
void      _fw_window_team_init          (FwWindow *self);
void      _fw_window_team_update        (FwWindow *self);

void      _fw_window_show_toast         (FwWindow *self, const char *message);
void      _fw_window_show_error         (FwWindow *self, const char *heading, const char *message);
gboolean  _fw_window_on_case_page       (FwWindow *self);
/* Opens a case on the Case page, selected in the list, the focus on its
 * first unanswered key question. */
void      _fw_window_show_case          (FwWindow *self, FwCaseItem *item);
gboolean  _fw_window_has_setting        (FwWindow *self, const char *key);
gboolean  _fw_window_is_inspector_installation (FwWindow *self);
char     *_fw_window_dup_user_name      (FwWindow *self);

/* The Conflicts dialog of the open inspection (win.show-conflicts). */
GtkWidget            *fw_window_show_conflicts          (FwWindow *self);

/* For tests: the parts of the window a user drives. */
FwCaseList           *fw_window_get_case_list           (FwWindow *self);
FwInspectionSwitcher *fw_window_get_inspection_switcher (FwWindow *self);

G_END_DECLS
