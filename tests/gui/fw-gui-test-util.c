/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "fw-demo.h"
#include "fw-gui-test-util.h"
#include "fw-test-util.h"
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* One temporary folder for the whole run: GLib reads XDG_DATA_HOME and
 * XDG_CONFIG_HOME once and caches them, so they are set before anything
 * asks, and emptied by each test that needs it. */
static char *xdg_root;
static char *data_home;
static char *config_home;

/* ---------------------------------------------------------------- the run */

int
fw_gui_test_init (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);

  xdg_root = g_dir_make_tmp (template, &error);
  if (xdg_root == NULL)
    {
      printf ("Bail out! %s\n", error->message);
      return EXIT_FAILURE;
    }
  data_home = g_build_filename (xdg_root, "data", NULL);
  config_home = g_build_filename (xdg_root, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", xdg_root, TRUE);

  if ((g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL) || !gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      fw_test_rmdir (xdg_root);
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* what the file chooser records a saved file under, in the temporary home */
  g_set_prgname ("fieldwork-test");
  g_set_application_name ("Fieldwork");
  return -1;
}

int
fw_gui_test_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_set_tap (runner, "-");
  srunner_run_all (runner, CK_SILENT);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  fw_test_rmdir (xdg_root);
  g_clear_pointer (&data_home, g_free);
  g_clear_pointer (&config_home, g_free);
  g_clear_pointer (&xdg_root, g_free);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

const char *
fw_gui_test_get_root (void)
{
  return xdg_root;
}

const char *
fw_gui_test_get_data_home (void)
{
  return data_home;
}

const char *
fw_gui_test_get_config_home (void)
{
  return config_home;
}

void
fw_gui_test_empty_dir (const char *path)
{
  fw_test_rmdir (path);
  ck_assert_int_eq (g_mkdir_with_parents (path, 0700), 0);
}

void
fw_gui_test_empty_home (void)
{
  fw_gui_test_empty_dir (data_home);
  fw_gui_test_empty_dir (config_home);
}

void
fw_gui_test_reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (settings, keys[i]);
}

FwApplication *
fw_gui_test_new_application (const char *inspector_name)
{
  g_autoptr(GError) error = NULL;
  FwApplication *app = fw_application_new ();
  GSettings *settings = fw_application_get_settings (app);

  ck_assert_msg (settings != NULL, "the settings schema was not found (GSETTINGS_SCHEMA_DIR)");
  fw_gui_test_reset_settings (settings);
  g_settings_set_string (settings, "inspector-name", inspector_name);
  ck_assert_msg (g_application_register (G_APPLICATION (app), NULL, &error), "%s", error ? error->message : "");
  return app;
}

/* ---------------------------------------------------------------- the demo in a window */

/* The application's window, shown and mapped: what a user sees before
 * anything is opened in it. */
static FwWindow *
show_window (FwApplication *app, int width, int height)
{
  FwWindow *window = fw_window_new (GTK_APPLICATION (app), fw_application_get_settings (app));

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  fw_gui_test_wait_mapped (GTK_WIDGET (window));
  return window;
}

FwGuiTestDemo *
fw_gui_test_demo_open (const char *user, int width, int height, FwGuiTestDemoSetup setup, gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  FwGuiTestDemo *demo = g_new0 (FwGuiTestDemo, 1);

  fw_gui_test_empty_home ();
  demo->dir = fw_test_tmpdir ();
  demo->db_path = g_build_filename (demo->dir, "inspection.db", NULL);
  store = fw_store_open (demo->db_path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  fw_store_set_user (store, user);
  demo->inspection_id = fw_demo_create (store, &error);
  ck_assert_msg (demo->inspection_id != NULL, "%s", error ? error->message : "");
  if (setup)
    setup (store, demo->inspection_id, data);
  /* closed before the window opens the file, as another program would */
  g_clear_object (&store);

  demo->app = fw_gui_test_new_application (user);
  demo->window = fw_gui_test_demo_new_window (demo, width, height);
  return demo;
}

FwGuiTestDemo *
fw_gui_test_demo_open_empty (const char *user)
{
  FwGuiTestDemo *demo = g_new0 (FwGuiTestDemo, 1);

  fw_gui_test_empty_home ();
  demo->app = fw_gui_test_new_application (user);
  demo->window = show_window (demo->app, 0, 0);
  return demo;
}

FwWindow *
fw_gui_test_demo_new_window (FwGuiTestDemo *demo, int width, int height)
{
  g_autoptr(GError) error = NULL;
  FwWindow *window = show_window (demo->app, width, height);

  ck_assert_msg (fw_window_open_database (window, demo->db_path, &error), "%s", error ? error->message : "");
  ck_assert_msg (fw_window_open_inspection (window, demo->inspection_id, &error), "%s", error ? error->message : "");
  fw_gui_test_spin ();
  return window;
}

void
fw_gui_test_demo_close (FwGuiTestDemo *demo)
{
  fw_gui_test_destroy_toplevels ();
  g_clear_object (&demo->app);
  fw_gui_test_spin ();
  if (demo->dir)
    fw_test_rmdir (demo->dir);
  g_free (demo->dir);
  g_free (demo->db_path);
  g_free (demo->inspection_id);
  g_free (demo);
}

/* ---------------------------------------------------------------- the main loop */

void
fw_gui_test_spin (void)
{
  for (int round = 0; round < 3; round++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

void
fw_gui_test_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  fw_gui_test_spin ();
}

guint
fw_gui_test_combo_position (AdwComboRow *combo, const char *title)
{
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (s), title) == 0)
        return i;
    }
  ck_abort_msg ("no “%s” to choose in the drop-down", title);
  return 0;
}

gboolean
fw_gui_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
fw_gui_test_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

double
fw_gui_test_wait_until (FwGuiTestCondition check, gpointer data, guint ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + ms * 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return -1;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return (g_get_monotonic_time () - start) / 1e3;
}

static gboolean
on_wait_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
fw_gui_test_wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (10000, on_wait_timeout, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  ck_assert_msg (gtk_widget_get_mapped (widget), "not mapped within 10 s");
  fw_gui_test_spin ();
}

/* ---------------------------------------------------------------- toplevels and widgets */

void
fw_gui_test_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (top);
    }
  fw_gui_test_spin ();
}

void
fw_gui_test_collect (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    fw_gui_test_collect (child, type, out);
}

/* How many dialogs deep top is over main; 0 for none of its own. */
static guint
depth_over (GtkWindow *main, GtkWindow *top)
{
  guint depth = 0;

  for (GtkWindow *w = top; w != NULL; w = gtk_window_get_transient_for (w), depth++)
    if (w == main)
      return depth;
  return 0;
}

GtkWindow *
fw_gui_test_front_window (GtkWindow *main)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *front = main;
  guint front_depth = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);
      guint depth = depth_over (main, top);

      if (gtk_widget_get_visible (GTK_WIDGET (top)) && depth > 0 && depth >= front_depth)
        {
          front = top;
          front_depth = depth;
        }
    }
  return front;
}

/* ---------------------------------------------------------------- keys */

/* libX11 and libXtst are looked up at run time, so the tests need no X
 * development files. */
#ifdef GDK_WINDOWING_X11
typedef int (*FakeKeyFunc) (Display *, unsigned int, int, unsigned long);
typedef unsigned char (*KeysymToKeycodeFunc) (Display *, unsigned long);
typedef int (*SetInputFocusFunc) (Display *, Window, int, unsigned long);
typedef int (*XSyncFunc) (Display *, int);

static FakeKeyFunc fake_key;
static KeysymToKeycodeFunc keysym_to_keycode;
static SetInputFocusFunc set_input_focus;
static XSyncFunc x_sync;

static void
x_key (Display *dpy, guint keyval, gboolean press)
{
  fake_key (dpy, keysym_to_keycode (dpy, keyval), press, 0);
}
#endif

gboolean
fw_gui_test_real_keys (void)
{
#ifdef GDK_WINDOWING_X11
  static gboolean looked;

  if (!looked)
    {
      void *xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_GLOBAL);

      looked = TRUE;
      fake_key = xtst ? (FakeKeyFunc) dlsym (xtst, "XTestFakeKeyEvent") : NULL;
      keysym_to_keycode = (KeysymToKeycodeFunc) dlsym (RTLD_DEFAULT, "XKeysymToKeycode");
      set_input_focus = (SetInputFocusFunc) dlsym (RTLD_DEFAULT, "XSetInputFocus");
      x_sync = (XSyncFunc) dlsym (RTLD_DEFAULT, "XSync");
    }
  return fake_key && keysym_to_keycode && set_input_focus && x_sync
         && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

void
fw_gui_test_press_keyval (GtkWindow *main, guint keyval, GdkModifierType mods)
{
#ifdef GDK_WINDOWING_X11
  GtkWindow *front;
  GdkSurface *surface;
  Display *dpy;
  gboolean shift;

  /* also looks up the X functions, the first time */
  ck_assert_msg (fw_gui_test_real_keys (), "no XTEST on this display: keys cannot be pressed");
  front = fw_gui_test_front_window (main);
  dpy = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  /* an upper-case letter is typed with Shift */
  shift = (mods & GDK_SHIFT_MASK) || (gdk_keyval_is_upper (keyval) && !gdk_keyval_is_lower (keyval));
  for (int i = 0; i < 200 && !gtk_widget_get_mapped (GTK_WIDGET (front)); i++)
    fw_gui_test_run_for (5);
  surface = gtk_native_get_surface (GTK_NATIVE (front));
  if (!gtk_window_is_active (front))
    {
      set_input_focus (dpy, gdk_x11_surface_get_xid (surface), 2 /* RevertToParent */, 0 /* CurrentTime */);
      x_sync (dpy, 0);
      for (int i = 0; i < 200 && !gtk_window_is_active (front); i++)
        fw_gui_test_run_for (5);
    }
  if (mods & GDK_CONTROL_MASK)
    x_key (dpy, GDK_KEY_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    x_key (dpy, GDK_KEY_Alt_L, TRUE);
  if (shift)
    x_key (dpy, GDK_KEY_Shift_L, TRUE);
  x_key (dpy, keyval, TRUE);
  x_key (dpy, keyval, FALSE);
  if (shift)
    x_key (dpy, GDK_KEY_Shift_L, FALSE);
  if (mods & GDK_ALT_MASK)
    x_key (dpy, GDK_KEY_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    x_key (dpy, GDK_KEY_Control_L, FALSE);
  x_sync (dpy, 0);
  fw_gui_test_run_for (60);
#endif
}

void
fw_gui_test_key (GtkWindow *main, const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  ck_assert_msg (gtk_accelerator_parse (accelerator, &keyval, &mods), "no key %s", accelerator);
  fw_gui_test_press_keyval (main, keyval, mods);
}

void
fw_gui_test_type (GtkWindow *main, const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    fw_gui_test_press_keyval (main, gdk_unicode_to_keyval (g_utf8_get_char (p)), 0);
}

gboolean
fw_gui_test_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

void
fw_gui_test_tab_to (GtkWindow *main, GtkWidget *target, const char *tab, int max)
{
  for (int i = 0; i < max && !fw_gui_test_focus_within (target); i++)
    fw_gui_test_key (main, tab);
  ck_assert_msg (fw_gui_test_focus_within (target), "%s does not reach the %s", tab, G_OBJECT_TYPE_NAME (target));
}

static gboolean
popover_shown (gpointer drop_down)
{
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();

  fw_gui_test_collect (drop_down, GTK_TYPE_POPOVER, popovers);
  return popovers->len > 0 && gtk_widget_get_mapped (g_ptr_array_index (popovers, 0));
}

static gboolean
popover_hidden (gpointer drop_down)
{
  return !popover_shown (drop_down);
}

void
fw_gui_test_choose_by_keys (GtkWindow *main, GtkWidget *drop_down, guint pos)
{
  GtkRoot *root = gtk_widget_get_root (drop_down);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* in it, or on the row that holds it (the row's mnemonic leaves the focus there) */
  ck_assert_msg (fw_gui_test_focus_within (drop_down)
                 || (GTK_IS_LIST_BOX_ROW (focus) && gtk_widget_is_ancestor (drop_down, focus)),
                 "the %s does not have the focus", G_OBJECT_TYPE_NAME (drop_down));
  fw_gui_test_key (main, "space");
  ck_assert_msg (fw_gui_test_wait_until (popover_shown, drop_down, 2000) >= 0, "Space did not open the drop-down");
  fw_gui_test_key (main, "Home");
  for (guint i = 0; i < pos; i++)
    fw_gui_test_key (main, "Down");
  fw_gui_test_key (main, "Return");
  ck_assert_msg (fw_gui_test_wait_until (popover_hidden, drop_down, 2000) >= 0, "Enter did not close the drop-down");
  fw_gui_test_run_for (100);
}

gboolean
fw_gui_test_shortcut (GtkWidget *widget, guint keyval, GdkModifierType mods, gboolean *activated)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) pressed = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          gboolean done;

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), pressed))
            continue;
          done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               widget, gtk_shortcut_get_arguments (shortcut));
          if (activated)
            *activated = done;
          fw_gui_test_spin ();
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  GtkWindow *window;
  int        width;
  int        height;
} Size;

static gboolean
window_is_size (gpointer data)
{
  Size *size = data;
  int width = gtk_widget_get_width (GTK_WIDGET (size->window));
  int height = gtk_widget_get_height (GTK_WIDGET (size->window));

  /* the size asked for includes the window's frame, a few pixels */
  return width <= size->width && width >= size->width - 12 && height <= size->height && height >= size->height - 12;
}

void
fw_gui_test_resize (GtkWindow *window, int width, int height)
{
  Size size = { window, width, height };

  gtk_window_set_default_size (window, width, height);
  ck_assert_msg (fw_gui_test_wait_until (window_is_size, &size, 5000) >= 0, "the window is %d×%d, not %d×%d",
                 gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                 width, height);
  fw_gui_test_run_for (200);
}

void
fw_gui_test_shot (GtkWidget *widget, const char *env_var, const char *name)
{
  const char *folder = g_getenv (env_var);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (folder == NULL)
    return;
  fw_gui_test_run_for (300);
  paintable = gtk_widget_paintable_new (widget);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  if ((node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot))) == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", folder, name);
  gdk_texture_save_to_png (texture, path);
}
