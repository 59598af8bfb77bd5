/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor of the cold-start benchmark: an empty libadwaita window of the
 * same size as Fieldwork's, which prints "first frame after S s: Hello"
 * after its first frame and quits, as fieldwork does with
 * FIELDWORK_EXIT_AFTER_FIRST_FRAME. */
#include <stdio.h>
#include <adwaita.h>

static gint64 started_at;

static void
on_first_frame (GdkFrameClock *clock, GtkWindow *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, window);
  printf ("first frame after %.3f s: %s\n", (g_get_monotonic_time () - started_at) / 1e6,
          gtk_window_get_title (window));
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Hello");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Hello"));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_frame), window);
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  started_at = g_get_monotonic_time ();
  app = adw_application_new ("io.github.fieldwork.BenchHello", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
