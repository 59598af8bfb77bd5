/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The progress dialog that runs the window's long jobs (exports, packages,
 * returns, merges) on a worker thread, driven by keys: the job's status shows
 * on its bar, Escape cancels it and nothing is written, and a job that ends
 * closes the dialog and hands back what it did. */
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "fw-job-dialog.h"
#include "fw-gui-test-util.h"

static GtkWindow *window;

/* A job that says what it does, waits to be let go (or cancelled), then
 * writes its file. */
typedef struct {
  char     *path;
  gint      go;
  gboolean *freed;
} TestJob;

static void
test_job_free (TestJob *job)
{
  *job->freed = TRUE;
  g_free (job->path);
  g_free (job);
}

/* on the worker thread */
static gboolean
wait_then_write (FwJobDialog *dialog, gpointer data, GCancellable *cancellable, GError **error)
{
  TestJob *job = data;

  fw_job_dialog_report (dialog, 0.5, "Halfway there");
  /* at most 20 s */
  for (int i = 0; i < 2000 && !g_atomic_int_get (&job->go); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (10000);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return g_file_set_contents (job->path, "written", -1, error);
}

/* What "finished" said. */
typedef struct {
  guint     n;
  GError   *error;
  TestJob  *job;
} Finished;

static void
on_finished (FwJobDialog *dialog, const GError *error, Finished *finished)
{
  finished->n++;
  finished->error = error ? g_error_copy (error) : NULL;
  finished->job = fw_job_dialog_get_job (dialog);
}

static gboolean
is_finished (gpointer data)
{
  return ((Finished *) data)->n > 0;
}

static GtkProgressBar *
bar_of (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  fw_gui_test_collect (dialog, GTK_TYPE_PROGRESS_BAR, bars);
  ck_assert_uint_eq (bars->len, 1);
  return g_ptr_array_index (bars, 0);
}

static gboolean
says_halfway (gpointer dialog)
{
  return g_strcmp0 (gtk_progress_bar_get_text (bar_of (dialog)), "Halfway there") == 0;
}

static gboolean
is_shown (GtkWidget *dialog)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);

      if (top == dialog)
        return gtk_widget_get_visible (top);
    }
  return FALSE;
}

/* A dialog over the window running a TestJob that writes path. */
static GtkWidget *
start (const char *path, const char *body, gboolean show_status, Finished *finished, gboolean *freed,
       TestJob **out_job)
{
  GtkWidget *dialog = g_object_ref_sink (fw_job_dialog_new (window, "Writing", body));
  TestJob *job = g_new0 (TestJob, 1);

  job->path = g_strdup (path);
  job->freed = freed;
  *out_job = job;
  if (show_status)
    fw_job_dialog_set_show_status (FW_JOB_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), finished);
  gtk_window_present (GTK_WINDOW (dialog));
  fw_job_dialog_start (FW_JOB_DIALOG (dialog), wait_then_write, job, (GDestroyNotify) test_job_free);
  fw_gui_test_wait_mapped (dialog);
  return dialog;
}

static void
setup (void)
{
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 600, 400);
  gtk_window_present (window);
  fw_gui_test_wait_mapped (GTK_WIDGET (window));
}

static void
teardown (void)
{
  fw_gui_test_destroy_toplevels ();
  window = NULL;
  fw_gui_test_spin ();
}

/* Escape while the job runs: the job stops, the file is not written, and
 * "finished" says it was cancelled, once. */
START_TEST (test_escape_cancels)
{
  g_autofree char *path = g_build_filename (fw_gui_test_get_root (), "escape.txt", NULL);
  g_autoptr(GtkWidget) dialog = NULL;
  Finished finished = { 0 };
  gboolean freed = FALSE;
  TestJob *job;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  dialog = start (path, path, TRUE, &finished, &freed, &job);

  /* the job's status shows on the bar, and it is running */
  ck_assert_msg (fw_gui_test_wait_until (says_halfway, dialog, 5000) >= 0, "the bar does not say what the job does");
  ck_assert (gtk_progress_bar_get_show_text (bar_of (dialog)));
  ck_assert (gtk_progress_bar_get_fraction (bar_of (dialog)) == 0.5);
  ck_assert_uint_eq (finished.n, 0);

  fw_gui_test_key (window, "Escape");
  ck_assert_msg (fw_gui_test_wait_until (is_finished, &finished, 10000) >= 0, "Escape did not stop the job");
  ck_assert_msg (g_error_matches (finished.error, G_IO_ERROR, G_IO_ERROR_CANCELLED), "%s",
                 finished.error ? finished.error->message : "finished without an error");
  ck_assert_ptr_eq (finished.job, job);
  ck_assert (!is_shown (dialog));
  ck_assert_msg (!g_file_test (path, G_FILE_TEST_EXISTS), "a cancelled job wrote its file");
  /* the job is freed once it is over, and finished only once */
  fw_gui_test_run_for (100);
  ck_assert (freed);
  ck_assert_uint_eq (finished.n, 1);
  g_clear_error (&finished.error);
}
END_TEST

/* A job that ends: "finished" without an error, the job's results readable
 * in it, its file written, the dialog gone by itself; Escape pressed after
 * changes nothing. */
START_TEST (test_done_closes)
{
  g_autofree char *path = g_build_filename (fw_gui_test_get_root (), "done.txt", NULL);
  g_autoptr(GtkWidget) dialog = NULL;
  g_autofree char *contents = NULL;
  Finished finished = { 0 };
  gboolean freed = FALSE;
  TestJob *job;

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();
  dialog = start (path, NULL, FALSE, &finished, &freed, &job);
  /* without show-status the bar shows no text */
  ck_assert (!gtk_progress_bar_get_show_text (bar_of (dialog)));
  g_atomic_int_set (&job->go, TRUE);

  ck_assert_msg (fw_gui_test_wait_until (is_finished, &finished, 10000) >= 0, "the job did not finish");
  ck_assert_msg (finished.error == NULL, "%s", finished.error ? finished.error->message : "");
  ck_assert_ptr_eq (finished.job, job);
  fw_gui_test_spin ();
  ck_assert_msg (!is_shown (dialog), "the dialog stayed after its job");
  ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
  ck_assert_str_eq (contents, "written");
  fw_gui_test_key (window, "Escape");
  fw_gui_test_run_for (100);
  ck_assert (freed);
  ck_assert_uint_eq (finished.n, 1);
}
END_TEST

static Suite *
job_dialog_suite (void)
{
  Suite *s = suite_create ("job-dialog");
  TCase *tc = tcase_create ("dialog");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_escape_cancels);
  tcase_add_test (tc, test_done_closes);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status = fw_gui_test_init ("fieldwork-gui-job-dialog");

  if (status >= 0)
    return status;
  return fw_gui_test_run (job_dialog_suite ());
}
