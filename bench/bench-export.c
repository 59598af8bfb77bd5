/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports, timed from the store to the file on disk, through the one path
 * users run (fw_export_data_collect, then fw_export_write):
 *   the case-level answers CSV of 10 000 cases, as `fieldwork-cli export
 *   --what answers` and the window write it;
 *   the PDF summary of 60 cases and the XLSX of 10 000 cases. */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <glib/gstdio.h>

#include "fw-bench.h"
#include "fw-export-doc.h"

typedef gboolean (*ExportFunc) (FwStore *store, const char *inspection_id, const char *path, GError **error);

static gboolean
export_doc (FwStore *store, const char *inspection_id, const char *path, FwExportFormat format, GError **error)
{
  g_autoptr(FwExportData) data = fw_export_data_collect (store, inspection_id, NULL, error);

  return data != NULL && fw_export_write (data, format, path, NULL, NULL, NULL, error);
}

static gboolean
export_answers_csv (FwStore *store, const char *inspection_id, const char *path, GError **error)
{
  return export_doc (store, inspection_id, path, FW_EXPORT_ANSWERS_CSV, error);
}

static gboolean
export_pdf (FwStore *store, const char *inspection_id, const char *path, GError **error)
{
  return export_doc (store, inspection_id, path, FW_EXPORT_PDF, error);
}

static gboolean
export_xlsx (FwStore *store, const char *inspection_id, const char *path, GError **error)
{
  return export_doc (store, inspection_id, path, FW_EXPORT_XLSX, error);
}

/* Median seconds over runs; the first run (fonts and caches still cold) is
 * reported in the note. */
static void
measure (const char *prefix, FwBenchOptions *options, FwStore *store, const char *inspection_id,
         guint n_cases, const char *file, ExportFunc func, guint runs, double target, const char *what)
{
  g_autofree char *name = g_strdup_printf ("%s_%u", prefix, n_cases);
  g_autofree char *path = g_build_filename (options->dir, file, NULL);
  g_autofree double *times = g_new (double, runs);
  double first = NAN;
  goffset size = 0;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      double t0;

      g_unlink (path);
      t0 = fw_bench_now ();
      if (!func (store, inspection_id, path, &error))
        g_error ("%s: %s", name, error->message);
      times[i] = fw_bench_now () - t0;
      if (i == 0)
        first = times[i];
    }
  {
    GStatBuf st;
    if (g_stat (path, &st) == 0)
      size = st.st_size;
  }
  fw_bench_report (name, fw_bench_median (times, runs), "s", target,
                   "%s, %u cases, median of %u runs (first %.3f s), %" G_GOFFSET_FORMAT " bytes",
                   what, n_cases, runs, first, size);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };
  g_autofree char *small_id = NULL, *big_id = NULL;
  g_autoptr(FwStore) small = NULL;
  g_autoptr(FwStore) big = NULL;
  guint big_cases;

  fw_bench_parse_args (&argc, &argv, &options, "Exports: CSV, PDF and XLSX.");
  big_cases = fw_bench_large (&options);
  small = fw_bench_new_store (options.dir, "export-small.db", 60, 4, &small_id);
  big = fw_bench_new_store (options.dir, "export-big.db", big_cases, 5, &big_id);

  measure ("export_csv", &options, big, big_id, big_cases, "answers.csv", export_answers_csv,
           fw_bench_runs (&options, 7), 1.0,
           "case-level answers CSV as `fieldwork-cli export --what answers` writes it"
           " (fw_export_data_collect + fw_export_write)");
  measure ("export_pdf", &options, small, small_id, 60, "summary.pdf", export_pdf,
           fw_bench_runs (&options, 11), 0.3, "PDF summary, fw_export_data_collect + fw_export_pdf");
  measure ("export_xlsx", &options, big, big_id, big_cases, "answers.xlsx", export_xlsx,
           fw_bench_runs (&options, 5), 3.0, "XLSX, fw_export_data_collect + fw_export_xlsx");
  g_clear_object (&small);
  g_clear_object (&big);
  fw_bench_finish (&options);
  return 0;
}
