/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window tests share: a temporary home for the run, the test
 * program's start and end, the demo inspection open in a window, the main
 * loop, the toplevels, and keys pressed as a user presses them. */
#pragma once

#include <check.h>
#include <adwaita.h>

#include "fw-application.h"
#include "fw-store.h"
#include "fw-window.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------- the run */

/* Before anything asks GLib for them (it caches them): a temporary folder
 * for the run, its data/ and config/ as XDG_DATA_HOME and XDG_CONFIG_HOME,
 * itself as XDG_CACHE_HOME; then GTK and libadwaita, without animations.
 * prefix names the folder ("fieldwork-gui-test"). Returns -1 when the tests
 * can go on, else the exit status: 77 (skip, no display), EXIT_FAILURE. */
int          fw_gui_test_init              (const char *prefix);
/* Runs the suite in no-fork mode, TAP on stdout, then removes the temporary
 * folder. Returns the exit status. */
int          fw_gui_test_run               (Suite      *suite);
const char  *fw_gui_test_get_root          (void);
const char  *fw_gui_test_get_data_home     (void);
const char  *fw_gui_test_get_config_home   (void);
/* Empties XDG_DATA_HOME and XDG_CONFIG_HOME, for a test of its own. */
void         fw_gui_test_empty_home        (void);
void         fw_gui_test_empty_dir         (const char *path);

/* A new application with its settings at their defaults (the memory backend
 * outlives each application), this inspector's name, registered. */
FwApplication *fw_gui_test_new_application (const char *inspector_name);
void         fw_gui_test_reset_settings    (GSettings  *settings);

/* ---------------------------------------------------------------- the demo in a window */

/* What a user sees when the window opens: the demo inspection in a
 * database file of its own, open in the window of a new application. The
 * test borrows everything; fw_gui_test_demo_close () takes it away. */
typedef struct {
  FwApplication *app;
  FwWindow      *window;         /* the first window; the test may open others */
  char          *dir;            /* the temporary folder that holds the file */
  char          *db_path;        /* DIR/inspection.db */
  char          *inspection_id;  /* the demo inspection's */
} FwGuiTestDemo;

/* What the test does to the store before the window opens it, as another
 * program would (a case moved on, cases added); the store is the test's
 * user's. */
typedef void (*FwGuiTestDemoSetup) (FwStore    *store,
                                    const char *inspection_id,
                                    gpointer    data);

/* Empties the home; builds the demo inspection as `fieldwork-cli --db FILE
 * demo` does, as user; lets setup (may be NULL) change it; then the window
 * of a new application whose inspector is user, width×height (0×0: the size
 * its settings keep, 1280×800), shown with the inspection open. */
FwGuiTestDemo *fw_gui_test_demo_open       (const char         *user,
                                            int                 width,
                                            int                 height,
                                            FwGuiTestDemoSetup  setup,
                                            gpointer            data);
/* The window at first start, for a test that makes its inspection through
 * it: the home emptied, a new application whose inspector is user, its
 * window shown at the settings' size on the default database (in the
 * temporary home). dir, db_path and inspection_id are NULL. */
FwGuiTestDemo *fw_gui_test_demo_open_empty (const char         *user);
/* Another window of the application fw_gui_test_demo_open () made (the
 * first is left as it is), width×height (0×0: the settings' size), shown
 * with the inspection open, as a user opening it again sees it. Returns it,
 * borrowed. */
FwWindow     *fw_gui_test_demo_new_window  (FwGuiTestDemo      *demo,
                                            int                 width,
                                            int                 height);
/* Closes every window, drops the application, removes the database's
 * folder and frees demo. */
void          fw_gui_test_demo_close       (FwGuiTestDemo      *demo);

/* ---------------------------------------------------------------- the main loop */

/* Runs the main loop until nothing is left to do now. */
void         fw_gui_test_spin              (void);
/* Runs the main loop for a while: the X server's events come back to GTK. */
void         fw_gui_test_run_for           (guint       ms);
typedef gboolean (*FwGuiTestCondition) (gpointer data);
/* Runs the main loop until check (data) holds or ms pass; how long it took
 * in milliseconds, or -1. */
double       fw_gui_test_wait_until        (FwGuiTestCondition check,
                                            gpointer           data,
                                            guint              ms);
/* The position of the entry titled title in a combo row's string list;
 * fails the test if there is none. */
guint        fw_gui_test_combo_position    (AdwComboRow *combo,
                                            const char  *title);
/* Conditions for fw_gui_test_wait_until () on a widget: on screen, or not. */
gboolean     fw_gui_test_is_mapped         (gpointer    widget);
gboolean     fw_gui_test_is_unmapped       (gpointer    widget);
/* Waits up to 10 s for the widget to be mapped; fails the test if not. */
void         fw_gui_test_wait_mapped       (GtkWidget  *widget);
/* A picture of what the widget shows, saved as FOLDER/NAME.png when the
 * environment variable env_var names a folder (a few frames first, so what
 * the test just did is drawn); nothing otherwise. For looking at a test's
 * steps, never for asserting. */
void         fw_gui_test_shot              (GtkWidget  *widget,
                                            const char *env_var,
                                            const char *name);
/* Resizes the window as a screen of that size would (filling it, as if
 * maximised), and waits for it; the frame may take a few pixels. */
void         fw_gui_test_resize            (GtkWindow  *window,
                                            int         width,
                                            int         height);

/* ---------------------------------------------------------------- toplevels and widgets */

void         fw_gui_test_destroy_toplevels (void);
/* Depth-first, every widget of type under widget (itself included). */
void         fw_gui_test_collect           (GtkWidget  *widget,
                                            GType       type,
                                            GPtrArray  *out);
/* The toplevel that has the keyboard: of the visible dialogs deepest over
 * main (a dialog over it, a file chooser over that dialog), the newest;
 * main itself when none is shown. */
GtkWindow   *fw_gui_test_front_window      (GtkWindow  *main);

/* ---------------------------------------------------------------- keys */

/* Whether keys can be pressed for real: X events made by the XTEST extension,
 * through the X server to the focused window, then through GTK's own
 * handling (focus, key bindings, list navigation). */
gboolean     fw_gui_test_real_keys         (void);
/* Presses a key with modifiers on the front window of main. */
void         fw_gui_test_press_keyval      (GtkWindow       *main,
                                            guint            keyval,
                                            GdkModifierType  mods);
/* Presses keys such as "Return", "<Control>f" or "<Alt>2". */
void         fw_gui_test_key               (GtkWindow  *main,
                                            const char *accelerator);
/* Types text, a key a character. */
void         fw_gui_test_type              (GtkWindow  *main,
                                            const char *text);
/* What a key does in a widget's own shortcut controllers: the shortcut bound
 * to it runs with its arguments. FALSE when none is bound to the key;
 * *activated (may be NULL): whether its action ran. */
gboolean     fw_gui_test_shortcut          (GtkWidget       *widget,
                                            guint            keyval,
                                            GdkModifierType  mods,
                                            gboolean        *activated);

/* Whether the keyboard focus is in widget (of whatever window it is in). */
gboolean     fw_gui_test_focus_within      (GtkWidget  *widget);
/* Presses tab ("Tab", "<Shift>Tab", "<Control>Tab") on the front window of
 * main until the focus is in target, at most max times; fails the test if
 * it never is. */
void         fw_gui_test_tab_to            (GtkWindow  *main,
                                            GtkWidget  *target,
                                            const char *tab,
                                            int         max);
/* Chooses the entry at pos of the drop-down (a GtkDropDown, an AdwComboRow)
 * that has the focus, or whose row has it, as a user does: Space opens its list, Home goes to the
 * first entry, Down to the one wanted, Enter chooses it. */
void         fw_gui_test_choose_by_keys    (GtkWindow  *main,
                                            GtkWidget  *drop_down,
                                            guint       pos);

#define FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS() \
  do { if (!fw_gui_test_real_keys ()) { printf ("# no XTEST on this display: skipped\n"); return; } } while (0)

G_END_DECLS
