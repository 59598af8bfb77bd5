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
 * way, in turn with fieldwork (hello, fieldwork, hello, …), so that both see
 * the same load on the machine. The targets are ratios to that floor
 * (issue 14): cold_start_60_ratio ≤ 2.5, cold_start_10000_ratio ≤ 3, and
 * peak_memory_10000 ≤ 120 MiB; the seconds are printed too, without targets.
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

/* The database and settings of setup_app (), made in a child process: a
 * process started by posix_spawn () counts, in its peak memory, what its
 * parent held when it started (Linux keeps the high-water mark across
 * exec), and this one would hold the generator's 10 000 cases. */
static void
make_database (const char *home, guint n_cases)
{
  g_autofree char *db = g_build_filename (home, "fieldwork.db", NULL);
  g_autofree char *config = g_build_filename (home, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (config, "keyfile", NULL);
  g_autofree char *title = g_build_filename (home, "title", NULL);
  g_autofree char *inspection_id = NULL, *contents = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  store = fw_bench_new_store (home, "fieldwork.db", n_cases, 7, &inspection_id);
  if ((info = fw_store_get_inspection (store, inspection_id, &error)) == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);
  g_mkdir_with_parents (config, 0700);
  contents = g_strdup_printf ("[io/github/fieldwork/Fieldwork]\n"
                              "last-database='%s'\nlast-inspection='%s'\ninspector-name='Bench Inspector'\n",
                              db, inspection_id);
  if (!g_file_set_contents (keyfile, contents, -1, &error) || !g_file_set_contents (title, info->service, -1, &error))
    g_error ("%s", error->message);
}

/* A database with one synthetic inspection, and settings that say it was
 * the last one open. */
static void
setup_app (Setup *setup, FwBenchOptions *options, guint n_cases)
{
  g_autofree char *name = g_strdup_printf ("start-%u", n_cases);
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  setup->program = app_path;
  setup->home = g_build_filename (options->dir, name, NULL);
  g_mkdir_with_parents (setup->home, 0700);
  fflush (stdout);
  if ((pid = fork ()) < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      make_database (setup->home, n_cases);
      _exit (0);
    }
  if (waitpid (pid, &status, 0) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("making the database of %u cases failed", n_cases);
  title = g_build_filename (setup->home, "title", NULL);
  if (!g_file_get_contents (title, &setup->title, NULL, &error))
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

typedef struct {
  double seconds;    /* medians */
  double rss_mib;
  double inside;
} Figures;

/* runs starts of each, in turn, after one unmeasured start of each (fonts
 * and caches): the medians of each. */
static void
starts (Setup *app, Setup *hello, guint runs, Figures *of_app, Figures *of_hello)
{
  g_autofree double *times = g_new (double, runs), *rss = g_new (double, runs), *own = g_new (double, runs);
  g_autofree double *floor_times = g_new (double, runs), *floor_rss = g_new (double, runs);
  double ignore[3];

  if (!start_once (hello, &ignore[0], &ignore[1], &ignore[2])
      || (app && !start_once (app, &ignore[0], &ignore[1], &ignore[2])))
    exit (1);
  for (guint i = 0; i < runs; i++)
    {
      if (!start_once (hello, &floor_times[i], &floor_rss[i], &ignore[0])
          || (app && !start_once (app, &times[i], &rss[i], &own[i])))
        exit (1);
    }
  of_hello->seconds = fw_bench_median (floor_times, runs);
  of_hello->rss_mib = fw_bench_median (floor_rss, runs);
  if (app)
    {
      of_app->seconds = fw_bench_median (times, runs);
      of_app->rss_mib = fw_bench_median (rss, runs);
      of_app->inside = fw_bench_median (own, runs);
    }
}

static void
measure (FwBenchOptions *options, Setup *hello, guint n_cases, guint runs, double ratio_target,
         double memory_target)
{
  Setup setup = { 0, };
  g_autofree char *time_name = g_strdup_printf ("cold_start_%u", n_cases);
  g_autofree char *ratio_name = g_strdup_printf ("cold_start_%u_ratio", n_cases);
  g_autofree char *rss_name = g_strdup_printf ("peak_memory_%u", n_cases);
  Figures app, floor;

  setup_app (&setup, options, n_cases);
  starts (&setup, hello, runs, &app, &floor);
  fw_bench_report (ratio_name, app.seconds / floor.seconds, "x", ratio_target,
                   "spawn to first frame, %u cases, over an empty libadwaita window started in turn with it;"
                   " medians of %u starts each: %.3f s over %.3f s", n_cases, runs, app.seconds, floor.seconds);
  fw_bench_report (time_name, app.seconds, "s", NAN,
                   "spawn to first frame, %u cases, median of %u starts (in the process: %.3f s;"
                   " an empty libadwaita window: %.3f s)", n_cases, runs, app.inside, floor.seconds);
  fw_bench_report (rss_name, app.rss_mib, "MiB", memory_target,
                   "peak resident memory to first frame, %u cases (an empty libadwaita window: %.1f MiB)",
                   n_cases, floor.rss_mib);
  if (n_cases == 60 && !options->smoke)
    {
      /* the same with Xvfb's defaults, for the record */
      setup_env (&setup, TRUE);
      setup_env (hello, TRUE);
      starts (&setup, hello, 3, &app, &floor);
      setup_env (hello, FALSE);
      fw_bench_report ("cold_start_60_llvmpipe", app.seconds, "s", NAN,
                       "the same with Xvfb's defaults (GL through Mesa llvmpipe), median of 3: %.1f MiB;"
                       " the empty window so: %.3f s", app.rss_mib, floor.seconds);
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
  Figures floor;

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
      fw_bench_report ("cold_start_60_ratio", NAN, "x", 2.5, "no display: run under xvfb-run (bench/run does)");
      fw_bench_report ("cold_start_10000_ratio", NAN, "x", 3, "no display: run under xvfb-run (bench/run does)");
      fw_bench_report ("peak_memory_10000", NAN, "MiB", 120, "no display: run under xvfb-run (bench/run does)");
      fw_bench_finish (&options);
      return options.smoke ? 77 : 0;
    }

  setup_hello (&hello, &options);
  starts (NULL, &hello, fw_bench_runs (&options, 5), NULL, &floor);
  fw_bench_report ("cold_start_floor", floor.seconds, "s", NAN,
                   "an empty libadwaita window, spawn to first frame; %.1f MiB", floor.rss_mib);

  measure (&options, &hello, 60, fw_bench_runs (&options, 9), 2.5, NAN);
  if (!options.smoke)
    {
      guint large = fw_bench_large (&options);

      /* the targets are for 10 000 cases; --cases N prints N's figures without them */
      measure (&options, &hello, large, fw_bench_runs (&options, 7), large == 10000 ? 3 : NAN,
               large == 10000 ? 120 : NAN);
    }
  setup_clear (&hello);
  fw_bench_finish (&options);
  g_strfreev (original_env);
  return 0;
}
