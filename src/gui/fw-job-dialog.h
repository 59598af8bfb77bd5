/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FW_TYPE_JOB_DIALOG (fw_job_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwJobDialog, fw_job_dialog, FW, JOB_DIALOG, AdwMessageDialog)

/* A long job (an export, a package, a merge) run on a worker thread, with a
 * progress bar, a status on it, and Cancel (or Escape), which cancels the
 * job's GCancellable. Once the job is over, "finished" (GError, NULL on
 * success) is emitted once and the dialog goes; the window says the result.
 *
 * The job function runs on the worker thread and reports with
 * fw_job_dialog_report (); it must not touch GTK. */
typedef gboolean (*FwJobFunc) (FwJobDialog  *dialog,
                               gpointer      job,
                               GCancellable *cancellable,
                               GError      **error);

/* body may be NULL. */
GtkWidget *fw_job_dialog_new               (GtkWindow     *parent,
                                            const char    *heading,
                                            const char    *body);
/* What a screen reader calls the progress bar ("Progress" by default). */
void       fw_job_dialog_set_progress_name (FwJobDialog   *self,
                                            const char    *name);
/* Whether the bar shows the status the job reports (off by default). */
void       fw_job_dialog_set_show_status   (FwJobDialog   *self,
                                            gboolean       show_status);
/* Starts func (self, job, …) on a worker thread; job_free frees job once
 * the job is over and "finished" has been emitted. Once per dialog. */
void       fw_job_dialog_start             (FwJobDialog   *self,
                                            FwJobFunc      func,
                                            gpointer       job,
                                            GDestroyNotify job_free);
/* From any thread: how far the job is (0 to 1) and what it does now
 * (NULL: unchanged). */
void       fw_job_dialog_report            (FwJobDialog   *self,
                                            double         fraction,
                                            const char    *status);
/* During "finished": the job, with what it gave back. */
gpointer   fw_job_dialog_get_job           (FwJobDialog   *self);

G_END_DECLS
