/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cold start of the window to its first frame, and its peak memory.
 *
 * Each run is a new fieldwork process (the files it reads are in the page
 * cache: this is a second start, not the first after boot). It opens the
 * last database and inspection from its settings, as it does for a returning
 * inspector; FIELDWORK_EXIT_AFTER_FIRST_FRAME makes it print the time and
 * the window title after the window's first frame and quit. The figure is
 * measured from here: from spawning the process to reading that line. Peak
 * memory is the process's maximum resident set size (wait4).
 *
 * The floor is fw-bench-hello, an empty libadwaita window, started the same
 * way.
 *
 * Needs a display: bench/run starts Xvfb. Xvfb has no GPU: GDK would load
 * Mesa's software OpenGL (llvmpipe) to pick a visual, which costs this
 * machine 0.3 s and 60 MB that no desktop with a GPU driver pays in that
 * form. So the runs use cairo and no GL (GSK_RENDERER=cairo,
 * GDK_DEBUG=gl-disable), as the window tests do; one figure with Xvfb's
 * defaults is printed alongside, without a target. */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "fw-bench.h"

typedef struct {
  const char *program;
  char       *home;       /* XDG folders of the runs, and the log */
  char       *title;      /* what the window's title must contain */
  char      **envp;
} Setup;

static char *app_path;
static char *hello_path;
static char *schema_dir;
static char **original_env;

static void
setup_env (Setup *setup, gboolean software_gl)
{
  g_autofree char *config_home = g_build_filename (setup->home, "config", NULL);
  g_autofree char *data_home = g_build_filename (setup->home, "data", NULL);
  g_autofree char *cache_home = g_build_filename (setup->home, "cache", NULL);
  char **env = g_strdupv (original_env);

  env = g_environ_setenv (env, "FIELDWORK_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache_home, TRUE);
  if (software_gl)
    {
      env = g_environ_unsetenv (env, "GSK_RENDERER");
      env = g_environ_unsetenv (env, "GDK_DEBUG");
    }
  else
    {
      env = g_environ_setenv (env, "GSK_RENDERER", "cairo", TRUE);
      env = g_environ_setenv (env, "GDK_DEBUG", "gl-disable", TRUE);
    }
  /* no accessibility bus, portal or session bus to wait for */
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "ADW_DISABLE_PORTAL", "1", TRUE);
  env = g_environ_setenv (env, "GTK_USE_PORTAL", "0", TRUE);
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  env = g_environ_unsetenv (env, "G_DEBUG");
  g_strfreev (setup->envp);
  setup->envp = env;
}

/* A database with one synthetic inspection, and settings that say it was
 * the last one open. */
static void
setup_app (Setup *setup, FwBenchOptions *options, guint n_cases)
{
  g_autofree char *name = g_strdup_printf ("start-%u", n_cases);
  g_autofree char *db = NULL, *config = NULL, *keyfile = NULL, *contents = NULL;
  g_autofree char *inspection_id = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  setup->program = app_path;
  setup->home = g_build_filename (options->dir, name, NULL);
  db = g_build_filename (setup->home, "fieldwork.db", NULL);
  g_mkdir_with_parents (setup->home, 0700);
  store = fw_bench_new_store (setup->home, "fieldwork.db", n_cases, 7, &inspection_id);
  if ((info = fw_store_get_inspection (store, inspection_id, &error)) == NULL)
    g_error ("%s", error->message);
  setup->title = g_strdup (info->service);
  g_clear_object (&store);

  config = g_build_filename (setup->home, "config", "glib-2.0", "settings", NULL);
  g_mkdir_with_parents (config, 0700);
  keyfile = g_build_filename (config, "keyfile", NULL);
  contents = g_strdup_printf ("[io/github/fieldwork/Fieldwork]\n"
                              "last-database='%s'\nlast-inspection='%s'\ninspector-name='Bench Inspector'\n",
                              db, inspection_id);
  if (!g_file_set_contents (keyfile, contents, -1, &error))
    g_error ("%s", error->message);
  setup_env (setup, FALSE);
}

static void
setup_hello (Setup *setup, FwBenchOptions *options)
{
  setup->program = hello_path;
  setup->home = g_build_filename (options->dir, "start-hello", NULL);
  setup->title = g_strdup ("Hello");
  g_mkdir_with_parents (setup->home, 0700);
  setup_env (setup, FALSE);
}

static void
setup_clear (Setup *setup)
{
  g_free (setup->home);
  g_free (setup->title);
  g_strfreev (setup->envp);
}

/* One start: seconds to the first frame (the line read), peak RSS in MiB,
 * the application's own figure. */
static gboolean
start_once (Setup *setup, double *seconds, double *rss_mib, double *inside)
{
  g_autofree char *log = g_build_filename (setup->home, "stderr.log", NULL);
  posix_spawn_file_actions_t actions;
  char *argv[] = { (char *) setup->program, NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  struct rusage usage;
  int fds[2], status = 0;
  double t0, deadline;
  gboolean seen = FALSE;
  pid_t pid;

  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose (&actions, fds[0]);
  posix_spawn_file_actions_addclose (&actions, fds[1]);
  posix_spawn_file_actions_addopen (&actions, STDERR_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  t0 = fw_bench_now ();
  if (posix_spawn (&pid, setup->program, &actions, NULL, argv, setup->envp) != 0)
    g_error ("%s: cannot start", setup->program);
  posix_spawn_file_actions_destroy (&actions);
  close (fds[1]);

  deadline = t0 + 60;
  while (!seen)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      char buf[4096];
      ssize_t n;
      int left = (int) ((deadline - fw_bench_now ()) * 1000);

      if (left <= 0 || poll (&pfd, 1, left) <= 0)
        break;
      if ((n = read (fds[0], buf, sizeof buf)) <= 0)
        break;
      g_string_append_len (out, buf, n);
      if (strchr (out->str, '\n'))
        {
          *seconds = fw_bench_now () - t0;
          seen = TRUE;
        }
    }
  close (fds[0]);
  if (!seen)
    kill (pid, SIGKILL);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4: %s", g_strerror (errno));

  if (!seen || sscanf (out->str, "first frame after %lf s", inside) != 1 || strstr (out->str, setup->title) == NULL)
    {
      g_autofree char *errors = NULL;

      g_file_get_contents (log, &errors, NULL, NULL);
      g_printerr ("%s did not show “%s” (printed “%s”, status %d):\n%s\n", setup->program, setup->title,
                  out->str, status, errors ? errors : "");
      return FALSE;
    }
  *rss_mib = usage.ru_maxrss / 1024.0;
  return TRUE;
}

/* Medians of runs starts, after one unmeasured start (fonts and caches). */
static void
starts (Setup *setup, guint runs, double *seconds, double *rss_mib, double *inside)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *rss = g_new (double, runs);
  g_autofree double *own = g_new (double, runs);
  double ignore[3];

  if (!start_once (setup, &ignore[0], &ignore[1], &ignore[2]))
    exit (1);
  for (guint i = 0; i < runs; i++)
    if (!start_once (setup, &times[i], &rss[i], &own[i]))
      exit (1);
  *seconds = fw_bench_median (times, runs);
  *rss_mib = fw_bench_median (rss, runs);
  *inside = fw_bench_median (own, runs);
}

static void
measure (FwBenchOptions *options, guint n_cases, guint runs, double time_target, double memory_target,
         double floor_seconds, double floor_mib)
{
  Setup setup = { 0, };
  g_autofree char *time_name = g_strdup_printf ("cold_start_%u", n_cases);
  g_autofree char *rss_name = g_strdup_printf ("peak_memory_%u", n_cases);
  double seconds, rss, inside;

  setup_app (&setup, options, n_cases);
  starts (&setup, runs, &seconds, &rss, &inside);
  fw_bench_report (time_name, seconds, "s", time_target,
                   "spawn to first frame, %u cases, median of %u starts (in the process: %.3f s;"
                   " an empty libadwaita window: %.3f s)", n_cases, runs, inside, floor_seconds);
  fw_bench_report (rss_name, rss, "MiB", memory_target,
                   "peak resident memory to first frame, %u cases (an empty libadwaita window: %.1f MiB)",
                   n_cases, floor_mib);
  if (n_cases == 60 && !options->smoke)
    {
      /* the same with Xvfb's defaults, for the record */
      setup_env (&setup, TRUE);
      starts (&setup, 3, &seconds, &rss, &inside);
      fw_bench_report ("cold_start_60_llvmpipe", seconds, "s", NAN,
                       "the same with Xvfb's defaults (GL through Mesa llvmpipe), median of 3; %.1f MiB", rss);
    }
  setup_clear (&setup);
}

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "The fieldwork executable", "PATH" },
    { "hello", 0, 0, G_OPTION_ARG_FILENAME, &hello_path, "The fw-bench-hello executable (the floor)", "PATH" },
    { "schemas", 0, 0, G_OPTION_ARG_FILENAME, &schema_dir, "Folder with the compiled settings schema", "DIR" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  Setup hello = { 0, };
  double floor_seconds, floor_mib, ignore;

  original_env = g_get_environ ();
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || app_path == NULL || hello_path == NULL
      || schema_dir == NULL)
    {
      g_printerr ("usage: fw-bench-startup --app PATH --hello PATH --schemas DIR [--smoke] [--dir DIR]\n");
      return 2;
    }
  fw_bench_parse_args (&argc, &argv, &options, "Cold start of the window and its peak memory.");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fw_bench_report ("cold_start_60", NAN, "s", 0.5, "no display: run under xvfb-run (bench/run does)");
      fw_bench_report ("peak_memory_10000", NAN, "MiB", 120, "no display: run under xvfb-run (bench/run does)");
      fw_bench_finish (&options);
      return options.smoke ? 77 : 0;
    }

  setup_hello (&hello, &options);
  starts (&hello, fw_bench_runs (&options, 9), &floor_seconds, &floor_mib, &ignore);
  setup_clear (&hello);
  fw_bench_report ("cold_start_floor", floor_seconds, "s", NAN,
                   "an empty libadwaita window, spawn to first frame; %.1f MiB", floor_mib);

  measure (&options, 60, fw_bench_runs (&options, 9), 0.5, NAN, floor_seconds, floor_mib);
  if (!options.smoke)
    measure (&options, fw_bench_large (&options), fw_bench_runs (&options, 5), NAN, 120, floor_seconds, floor_mib);
  fw_bench_finish (&options);
  g_strfreev (original_env);
  return 0;
}
