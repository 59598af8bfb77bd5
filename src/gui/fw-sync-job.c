/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fw-sync-job.h"

typedef enum {
  JOB_PACKAGES,
  JOB_OPEN_PACKAGE,
  JOB_RETURN,
  JOB_MERGE,
} JobKind;

/* What the worker thread is given, and what it gives back. */
struct _FwSyncJob {
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
};

static void
job_free (FwSyncJob *job)
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

/* on the worker thread, as fw-sync.h reports */
static void
report_progress (double fraction, const char *what, gpointer dialog)
{
  fw_job_dialog_report (dialog, fraction, what);
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
write_packages (FwStore *store, FwSyncJob *job, FwJobDialog *dialog, GCancellable *cancellable, GError **error)
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
      report_progress ((double) i / n, what, dialog);
      if (!fw_sync_write_package (store, job->inspection_id, name, path, job->passphrase, error))
        return FALSE;
      g_ptr_array_add (job->written, g_steal_pointer (&path));
    }
  report_progress (1.0, _("Done"), dialog);
  return TRUE;
}

static gboolean
open_package (FwStore *store, FwSyncJob *job, FwJobDialog *dialog, GError **error)
{
  g_autoptr(FwSyncFile) file = NULL;

  report_progress (0.1, _("Opening the package"), dialog);
  if ((file = fw_sync_file_read (job->path, job->passphrase, error)) == NULL)
    return FALSE;
  report_progress (0.5, _("Adding the lead's changes"), dialog);
  if ((job->opened_id = fw_sync_open_package (store, file, &job->result, error)) == NULL)
    return FALSE;
  report_progress (1.0, _("Done"), dialog);
  return TRUE;
}

static gboolean
write_return (FwStore *store, FwSyncJob *job, FwJobDialog *dialog, GError **error)
{
  report_progress (0.2, _("Writing your work"), dialog);
  if (!fw_sync_write_return (store, job->inspection_id, job->path, job->passphrase, &job->result.changes, error))
    return FALSE;
  g_ptr_array_add (job->written, g_strdup (job->path));
  report_progress (1.0, _("Done"), dialog);
  return TRUE;
}

static gboolean
merge (FwStore *store, FwSyncJob *job, FwJobDialog *dialog, GCancellable *cancellable, GError **error)
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
      report_progress (0.5 * i / n, what, dialog);
      if ((file = fw_sync_file_read (job->names[i], job->passphrase, error)) == NULL)
        return FALSE;
      g_ptr_array_add (files, file);
    }
  return fw_sync_merge (store, job->inspection_id, files, report_progress, dialog, cancellable, &job->result, error);
}

static gboolean
job_run (FwJobDialog *dialog, gpointer data, GCancellable *cancellable, GError **error)
{
  FwSyncJob *job = data;
  g_autoptr(FwStore) store = NULL;
  gboolean ok = FALSE;

  /* a store belongs to one thread: this one is the job's own */
  if ((store = fw_store_open (job->db_path, error)) != NULL)
    {
      fw_store_set_user (store, job->user);
      switch (job->kind)
        {
        case JOB_PACKAGES: ok = write_packages (store, job, dialog, cancellable, error); break;
        case JOB_OPEN_PACKAGE: ok = open_package (store, job, dialog, error); break;
        case JOB_RETURN: ok = write_return (store, job, dialog, error); break;
        case JOB_MERGE: ok = merge (store, job, dialog, cancellable, error); break;
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
  return ok;
}

/* ---------------------------------------------------------------- on the main thread */

static FwSyncJob *
job_new (JobKind kind, const char *db_path, const char *user, const char *inspection_id, const char *path,
         const char *passphrase)
{
  FwSyncJob *job = g_new0 (FwSyncJob, 1);

  job->kind = kind;
  job->db_path = g_strdup (db_path);
  job->user = g_strdup (user);
  job->inspection_id = g_strdup (inspection_id);
  job->path = g_strdup (path);
  job->passphrase = g_strdup (passphrase);
  job->written = g_ptr_array_new_with_free_func (g_free);
  return job;
}

FwSyncJob *
fw_sync_job_new_packages (const char *db_path, const char *user, const char *inspection_id,
                          const char * const *inspectors, const char *folder, const char *passphrase)
{
  FwSyncJob *job = job_new (JOB_PACKAGES, db_path, user, inspection_id, folder, passphrase);

  job->names = g_strdupv ((char **) inspectors);
  return job;
}

FwSyncJob *
fw_sync_job_new_open_package (const char *db_path, const char *user, const char *path, const char *passphrase)
{
  return job_new (JOB_OPEN_PACKAGE, db_path, user, NULL, path, passphrase);
}

FwSyncJob *
fw_sync_job_new_return (const char *db_path, const char *user, const char *inspection_id, const char *path,
                        const char *passphrase)
{
  return job_new (JOB_RETURN, db_path, user, inspection_id, path, passphrase);
}

FwSyncJob *
fw_sync_job_new_merge (const char *db_path, const char *user, const char *inspection_id,
                       const char * const *paths, const char *passphrase)
{
  FwSyncJob *job = job_new (JOB_MERGE, db_path, user, inspection_id, NULL, passphrase);

  job->names = g_strdupv ((char **) paths);
  return job;
}

void
fw_sync_job_start (FwSyncJob *job, FwJobDialog *dialog)
{
  g_return_if_fail (job != NULL);
  g_return_if_fail (FW_IS_JOB_DIALOG (dialog));
  fw_job_dialog_set_show_status (dialog, TRUE);
  fw_job_dialog_start (dialog, job_run, job, (GDestroyNotify) job_free);
}

const FwSyncResult *
fw_sync_job_get_result (FwSyncJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return &job->result;
}

const char *
fw_sync_job_get_inspection_id (FwSyncJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->opened_id;
}

const char * const *
fw_sync_job_get_written (FwSyncJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  /* NULL-terminated for the caller */
  if (job->written->len == 0 || g_ptr_array_index (job->written, job->written->len - 1) != NULL)
    g_ptr_array_add (job->written, NULL);
  return (const char * const *) job->written->pdata;
}
