/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fw-sync-progress-dialog.h"

typedef enum {
  JOB_PACKAGES,
  JOB_OPEN_PACKAGE,
  JOB_RETURN,
  JOB_MERGE,
} JobKind;

/* What the worker thread is given, and what it gives back. */
typedef struct {
  JobKind       kind;
  char         *db_path;
  char         *user;
  char         *inspection_id;
  char        **names;        /* inspectors (packages) or files (merge) */
  char         *path;         /* folder (packages) or file */
  char         *passphrase;
  /* results, read on the main thread once the task is done */
  FwSyncResult  result;
  char         *opened_id;
  GPtrArray    *written;      /* char* */
} Job;

struct _FwSyncProgressDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *bar;

  GCancellable     *cancellable;
  Job              *job;          /* once finished */
};

G_DEFINE_FINAL_TYPE (FwSyncProgressDialog, fw_sync_progress_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
job_free (Job *job)
{
  if (job->passphrase)
    {
      /* the passphrase lives no longer than the job */
      volatile char *p = job->passphrase;
      while (*p)
        *p++ = '\0';
      g_free (job->passphrase);
    }
  g_free (job->db_path);
  g_free (job->user);
  g_free (job->inspection_id);
  g_strfreev (job->names);
  g_free (job->path);
  g_free (job->opened_id);
  g_clear_pointer (&job->written, g_ptr_array_unref);
  g_free (job);
}

/* ---------------------------------------------------------------- progress */

typedef struct {
  FwSyncProgressDialog *self;
  double                fraction;
  char                 *what;
} Progress;

static gboolean
apply_progress (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->self->bar != NULL)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress->self->bar), progress->fraction);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (progress->self->bar), progress->what);
    }
  g_object_unref (progress->self);
  g_free (progress->what);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* on the worker thread */
static void
report_progress (double fraction, const char *what, gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->fraction = fraction;
  progress->what = g_strdup (what);
  g_main_context_invoke (NULL, apply_progress, progress);
}

/* ---------------------------------------------------------------- the jobs, on the worker thread */

/* A name that is safe as a file name, from an inspector's. */
static char *
file_safe (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-' || c == '_')
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_packages (FwStore *store, Job *job, gpointer self, GCancellable *cancellable, GError **error)
{
  guint n = g_strv_length (job->names);

  for (guint i = 0; i < n; i++)
    {
      const char *name = job->names[i];
      g_autofree char *safe = file_safe (name);
      g_autofree char *base = g_strdup_printf ("%s.fieldwork-package", safe);
      g_autofree char *path = g_build_filename (job->path, base, NULL);
      g_autofree char *what = g_strdup_printf (_("Package for %s (%u of %u)"), name, i + 1, n);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report_progress ((double) i / n, what, self);
      if (!fw_sync_write_package (store, job->inspection_id, name, path, job->passphrase, error))
        return FALSE;
      g_ptr_array_add (job->written, g_steal_pointer (&path));
    }
  report_progress (1.0, _("Done"), self);
  return TRUE;
}

static gboolean
open_package (FwStore *store, Job *job, gpointer self, GError **error)
{
  g_autoptr(FwSyncFile) file = NULL;

  report_progress (0.1, _("Opening the package"), self);
  if ((file = fw_sync_file_read (job->path, job->passphrase, error)) == NULL)
    return FALSE;
  report_progress (0.5, _("Adding the lead's changes"), self);
  if ((job->opened_id = fw_sync_open_package (store, file, &job->result, error)) == NULL)
    return FALSE;
  report_progress (1.0, _("Done"), self);
  return TRUE;
}

static gboolean
write_return (FwStore *store, Job *job, gpointer self, GError **error)
{
  report_progress (0.2, _("Writing your work"), self);
  if (!fw_sync_write_return (store, job->inspection_id, job->path, job->passphrase, &job->result.changes, error))
    return FALSE;
  g_ptr_array_add (job->written, g_strdup (job->path));
  report_progress (1.0, _("Done"), self);
  return TRUE;
}

static gboolean
merge (FwStore *store, Job *job, gpointer self, GCancellable *cancellable, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_file_free);
  guint n = g_strv_length (job->names);

  /* every file read (and its passphrase checked) before anything changes */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *base = g_path_get_basename (job->names[i]);
      g_autofree char *what = g_strdup_printf (_("Opening %s"), base);
      FwSyncFile *file;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report_progress (0.5 * i / n, what, self);
      if ((file = fw_sync_file_read (job->names[i], job->passphrase, error)) == NULL)
        return FALSE;
      g_ptr_array_add (files, file);
    }
  return fw_sync_merge (store, job->inspection_id, files, report_progress, self, cancellable, &job->result, error);
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(FwStore) store = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  /* a store belongs to one thread: this one is the job's own */
  if ((store = fw_store_open (job->db_path, &error)) != NULL)
    {
      fw_store_set_user (store, job->user);
      switch (job->kind)
        {
        case JOB_PACKAGES: ok = write_packages (store, job, source, cancellable, &error); break;
        case JOB_OPEN_PACKAGE: ok = open_package (store, job, source, &error); break;
        case JOB_RETURN: ok = write_return (store, job, source, &error); break;
        case JOB_MERGE: ok = merge (store, job, source, cancellable, &error); break;
        default: g_assert_not_reached ();
        }
    }
  if (!ok && job->kind == JOB_PACKAGES)
    {
      /* stopped or failed: no half set of packages is left behind */
      for (guint i = 0; i < job->written->len; i++)
        g_unlink (g_ptr_array_index (job->written, i));
      g_ptr_array_set_size (job->written, 0);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---------------------------------------------------------------- the dialog */

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FwSyncProgressDialog *self = FW_SYNC_PROGRESS_DIALOG (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  self->job = g_task_get_task_data (G_TASK (result));
  g_signal_emit (self, signals[FINISHED], 0, error);
  self->job = NULL;
  /* unless Cancel closed it already */
  if (self->bar != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_response (FwSyncProgressDialog *self, const char *response)
{
  g_cancellable_cancel (self->cancellable);
}

static void
start (FwSyncProgressDialog *self, Job *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, job_done, NULL);

  job->written = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

static Job *
job_new (JobKind kind, const char *db_path, const char *user, const char *inspection_id, const char *path,
         const char *passphrase)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->db_path = g_strdup (db_path);
  job->user = g_strdup (user);
  job->inspection_id = g_strdup (inspection_id);
  job->path = g_strdup (path);
  job->passphrase = g_strdup (passphrase);
  return job;
}

void
fw_sync_progress_dialog_write_packages (FwSyncProgressDialog *self, const char *db_path, const char *user,
                                        const char *inspection_id, const char * const *inspectors,
                                        const char *folder, const char *passphrase)
{
  Job *job;

  g_return_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self));
  job = job_new (JOB_PACKAGES, db_path, user, inspection_id, folder, passphrase);
  job->names = g_strdupv ((char **) inspectors);
  start (self, job);
}

void
fw_sync_progress_dialog_open_package (FwSyncProgressDialog *self, const char *db_path, const char *user,
                                      const char *path, const char *passphrase)
{
  g_return_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self));
  start (self, job_new (JOB_OPEN_PACKAGE, db_path, user, NULL, path, passphrase));
}

void
fw_sync_progress_dialog_write_return (FwSyncProgressDialog *self, const char *db_path, const char *user,
                                      const char *inspection_id, const char *path, const char *passphrase)
{
  g_return_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self));
  start (self, job_new (JOB_RETURN, db_path, user, inspection_id, path, passphrase));
}

void
fw_sync_progress_dialog_merge (FwSyncProgressDialog *self, const char *db_path, const char *user,
                               const char *inspection_id, const char * const *paths, const char *passphrase)
{
  Job *job;

  g_return_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self));
  job = job_new (JOB_MERGE, db_path, user, inspection_id, NULL, passphrase);
  job->names = g_strdupv ((char **) paths);
  start (self, job);
}

const FwSyncResult *
fw_sync_progress_dialog_get_result (FwSyncProgressDialog *self)
{
  g_return_val_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self), NULL);
  return self->job ? &self->job->result : NULL;
}

const char *
fw_sync_progress_dialog_get_inspection_id (FwSyncProgressDialog *self)
{
  g_return_val_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self), NULL);
  return self->job ? self->job->opened_id : NULL;
}

const char * const *
fw_sync_progress_dialog_get_written (FwSyncProgressDialog *self)
{
  g_return_val_if_fail (FW_IS_SYNC_PROGRESS_DIALOG (self), NULL);
  if (self->job == NULL)
    return NULL;
  /* NULL-terminated for the caller */
  if (self->job->written->len == 0 || g_ptr_array_index (self->job->written, self->job->written->len - 1) != NULL)
    g_ptr_array_add (self->job->written, NULL);
  return (const char * const *) self->job->written->pdata;
}

static void
fw_sync_progress_dialog_dispose (GObject *object)
{
  FwSyncProgressDialog *self = FW_SYNC_PROGRESS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* the job may outlive the window it was started from */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_SYNC_PROGRESS_DIALOG);
  G_OBJECT_CLASS (fw_sync_progress_dialog_parent_class)->dispose (object);
}

static void
fw_sync_progress_dialog_finalize (GObject *object)
{
  g_clear_object (&FW_SYNC_PROGRESS_DIALOG (object)->cancellable);
  G_OBJECT_CLASS (fw_sync_progress_dialog_parent_class)->finalize (object);
}

static void
fw_sync_progress_dialog_class_init (FwSyncProgressDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_sync_progress_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_sync_progress_dialog_finalize;

  /**
   * FwSyncProgressDialog::finished:
   * @error: (nullable): why the job failed or stopped, %NULL when done
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-sync-progress-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwSyncProgressDialog, bar);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
fw_sync_progress_dialog_init (FwSyncProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
fw_sync_progress_dialog_new (GtkWindow *parent, const char *heading)
{
  return g_object_new (FW_TYPE_SYNC_PROGRESS_DIALOG, "transient-for", parent, "heading", heading, NULL);
}
