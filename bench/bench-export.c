/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports, timed from the store to the file on disk:
 *   case-level CSV of 10 000 cases (fw_export_answers_csv, then written);
 *   PDF summary of 60 cases and XLSX of 10 000 cases (fw_export_data_collect
 *   then the writer), when the export library is built. */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <glib/gstdio.h>

#include "fw-bench.h"
#ifdef FW_BENCH_HAVE_EXPORT
#include "fw-export-doc.h"
#endif

typedef gboolean (*ExportFunc) (FwStore *store, const char *inspection_id, const char *path, GError **error);

static gboolean
export_answers_csv (FwStore *store, const char *inspection_id, const char *path, GError **error)
{
  g_autofree char *text = fw_export_answers_csv (store, inspection_id, NULL, error);

  return text != NULL && g_file_set_contents (path, text, -1, error);
}

#ifdef FW_BENCH_HAVE_EXPORT
static gboolean
export_doc (FwStore *store, const char *inspection_id, const char *path, FwExportFormat format, GError **error)
{
  g_autoptr(FwExportData) data = fw_export_data_collect (store, inspection_id, NULL, error);

  return data != NULL && fw_export_write (data, format, path, NULL, NULL, NULL, error);
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

static gboolean
export_window_csv (FwStore *store, const char *inspection_id, const char *path, GError **error)
{
  return export_doc (store, inspection_id, path, FW_EXPORT_ANSWERS_CSV, error);
}
#endif

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
           fw_bench_runs (&options, 7), 1.0, "case-level CSV, fw_export_answers_csv");
#ifdef FW_BENCH_HAVE_EXPORT
  measure ("export_pdf", &options, small, small_id, 60, "summary.pdf", export_pdf,
           fw_bench_runs (&options, 11), 0.3, "PDF summary, fw_export_data_collect + fw_export_pdf");
  measure ("export_xlsx", &options, big, big_id, big_cases, "answers.xlsx", export_xlsx,
           fw_bench_runs (&options, 5), 3.0, "XLSX, fw_export_data_collect + fw_export_xlsx");
  measure ("export_window_csv", &options, big, big_id, big_cases, "window.csv", export_window_csv,
           fw_bench_runs (&options, 7), NAN, "case-level CSV as the window writes it (collect + fw_export_write)");
#else
  fw_bench_report ("export_pdf_60", NAN, "s", 0.3, "not built yet");
  fw_bench_report ("export_xlsx_10000", NAN, "s", 3.0, "not built yet");
#endif
  g_clear_object (&small);
  g_clear_object (&big);
  fw_bench_finish (&options);
  return 0;
}
