/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-job-dialog.h"

struct _FwJobDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *bar;

  GCancellable     *cancellable;
  gboolean          started;
  gpointer          job;          /* during "finished" */
};

G_DEFINE_FINAL_TYPE (FwJobDialog, fw_job_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker thread is given. */
typedef struct {
  FwJobFunc       func;
  gpointer        job;
  GDestroyNotify  job_free;
} Run;

static void
run_free (Run *run)
{
  if (run->job_free)
    run->job_free (run->job);
  g_free (run);
}

/* ---------------------------------------------------------------- progress */

typedef struct {
  FwJobDialog *self;
  double       fraction;
  char        *status;
} Progress;

static gboolean
apply_progress (gpointer user_data)
{
  Progress *progress = user_data;

  /* nothing once the dialog has gone */
  if (progress->self->bar != NULL)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress->self->bar), progress->fraction);
      if (progress->status != NULL)
        gtk_progress_bar_set_text (GTK_PROGRESS_BAR (progress->self->bar), progress->status);
    }
  g_object_unref (progress->self);
  g_free (progress->status);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

void
fw_job_dialog_report (FwJobDialog *self, double fraction, const char *status)
{
  Progress *progress;

  g_return_if_fail (FW_IS_JOB_DIALOG (self));
  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (self);
  progress->fraction = fraction;
  progress->status = g_strdup (status);
  g_main_context_invoke (NULL, apply_progress, progress);
}

/* ---------------------------------------------------------------- the job */

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;

  if (run->func (FW_JOB_DIALOG (source), run->job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FwJobDialog *self = FW_JOB_DIALOG (source);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  self->job = run->job;
  g_signal_emit (self, signals[FINISHED], 0, error);
  self->job = NULL;
  /* unless Cancel closed it already */
  if (self->bar != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

void
fw_job_dialog_start (FwJobDialog *self, FwJobFunc func, gpointer job, GDestroyNotify job_free)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (FW_IS_JOB_DIALOG (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!self->started);
  self->started = TRUE;
  run = g_new0 (Run, 1);
  run->func = func;
  run->job = job;
  run->job_free = job_free;
  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, job_thread);
}

gpointer
fw_job_dialog_get_job (FwJobDialog *self)
{
  g_return_val_if_fail (FW_IS_JOB_DIALOG (self), NULL);
  return self->job;
}

/* ---------------------------------------------------------------- the dialog */

/* Cancel, Escape, or the window closed: the job stops at its next check. */
static void
on_response (FwJobDialog *self, const char *response)
{
  g_cancellable_cancel (self->cancellable);
}

void
fw_job_dialog_set_progress_name (FwJobDialog *self, const char *name)
{
  g_return_if_fail (FW_IS_JOB_DIALOG (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
fw_job_dialog_set_show_status (FwJobDialog *self, gboolean show_status)
{
  g_return_if_fail (FW_IS_JOB_DIALOG (self));
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->bar), show_status);
}

static void
fw_job_dialog_dispose (GObject *object)
{
  FwJobDialog *self = FW_JOB_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* the job may outlive the window it was started from */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_JOB_DIALOG);
  G_OBJECT_CLASS (fw_job_dialog_parent_class)->dispose (object);
}

static void
fw_job_dialog_finalize (GObject *object)
{
  g_clear_object (&FW_JOB_DIALOG (object)->cancellable);
  G_OBJECT_CLASS (fw_job_dialog_parent_class)->finalize (object);
}

static void
fw_job_dialog_class_init (FwJobDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_job_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_job_dialog_finalize;

  /**
   * FwJobDialog::finished:
   * @error: (nullable): why the job failed or stopped, %NULL when done
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-job-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwJobDialog, bar);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
fw_job_dialog_init (FwJobDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
fw_job_dialog_new (GtkWindow *parent, const char *heading, const char *body)
{
  GtkWidget *self = g_object_new (FW_TYPE_JOB_DIALOG, "transient-for", parent, "heading", heading, NULL);

  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}
