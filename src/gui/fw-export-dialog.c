/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-export-dialog.h"

struct _FwExportDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *bar;

  char             *path;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (FwExportDialog, fw_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  FwExportData   *data;
  FwExportFormat  format;
  char           *path;
} Job;

static void
job_free (Job *job)
{
  fw_export_data_free (job->data);
  g_free (job->path);
  g_free (job);
}

typedef struct {
  FwExportDialog *self;
  double          fraction;
} Progress;

static gboolean
apply_progress (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->self->bar != NULL)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress->self->bar), progress->fraction);
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* on the worker thread */
static void
report_progress (double fraction, gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->fraction = fraction;
  g_main_context_invoke (NULL, apply_progress, progress);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (fw_export_write (job->data, job->format, job->path, report_progress, source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FwExportDialog *self = FW_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_signal_emit (self, signals[FINISHED], 0, error);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_response (FwExportDialog *self, const char *response)
{
  g_cancellable_cancel (self->cancellable);
}

void
fw_export_dialog_start (FwExportDialog *self, FwExportData *data, FwExportFormat format)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FW_IS_EXPORT_DIALOG (self));
  job = g_new0 (Job, 1);
  job->data = data;
  job->format = format;
  job->path = g_strdup (self->path);
  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

const char *
fw_export_dialog_get_path (FwExportDialog *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_DIALOG (self), NULL);
  return self->path;
}

static void
fw_export_dialog_dispose (GObject *object)
{
  FwExportDialog *self = FW_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (fw_export_dialog_parent_class)->dispose (object);
}

static void
fw_export_dialog_finalize (GObject *object)
{
  FwExportDialog *self = FW_EXPORT_DIALOG (object);

  g_free (self->path);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (fw_export_dialog_parent_class)->finalize (object);
}

static void
fw_export_dialog_class_init (FwExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_export_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_export_dialog_finalize;

  /**
   * FwExportDialog::finished:
   * @error: (nullable): why the export failed or stopped, %NULL when written
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwExportDialog, bar);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
fw_export_dialog_init (FwExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
fw_export_dialog_new (GtkWindow *parent, const char *path)
{
  FwExportDialog *self = g_object_new (FW_TYPE_EXPORT_DIALOG, "transient-for", parent, "body", path, NULL);

  self->path = g_strdup (path);
  return GTK_WIDGET (self);
}
