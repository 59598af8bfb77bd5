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
#include <xlsxwriter.h>

typedef gboolean (*ExportFunc) (FwStore *store, const char *inspection_id, const char *path, GError **error);

/* ---------------------------------------------------------------- the XLSX floor */

/* The linker sends libxlsxwriter's calls from the export through these
 * (-Wl,--wrap, bench/meson.build): while recording, every sheet and cell
 * the export writes is kept, so that the floor can write the same cells
 * with libxlsxwriter alone, no Fieldwork code in between. */
lxw_worksheet *__real_workbook_add_worksheet (lxw_workbook *wb, const char *name);
lxw_error __real_worksheet_write_string (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                                         lxw_format *format);
lxw_error __real_worksheet_write_number (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double number,
                                         lxw_format *format);
lxw_worksheet *__wrap_workbook_add_worksheet (lxw_workbook *wb, const char *name);
lxw_error __wrap_worksheet_write_string (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                                         lxw_format *format);
lxw_error __wrap_worksheet_write_number (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double number,
                                         lxw_format *format);

typedef struct {
  guint       sheet;
  lxw_row_t   row;
  lxw_col_t   col;
  const char *text;     /* NULL: number */
  double      number;
} Cell;

static gboolean recording;
static GPtrArray *sheets;        /* char*, names in order */
static GPtrArray *sheet_of;      /* lxw_worksheet* of the recorded export, same order */
static GArray *cells;            /* Cell */
static GStringChunk *texts;

static guint
sheet_index (lxw_worksheet *ws)
{
  guint i;

  for (i = 0; i < sheet_of->len && g_ptr_array_index (sheet_of, i) != ws; i++)
    ;
  return i;
}

lxw_worksheet *
__wrap_workbook_add_worksheet (lxw_workbook *wb, const char *name)
{
  lxw_worksheet *ws = __real_workbook_add_worksheet (wb, name);

  if (recording)
    {
      g_ptr_array_add (sheets, g_strdup (name));
      g_ptr_array_add (sheet_of, ws);
    }
  return ws;
}

lxw_error
__wrap_worksheet_write_string (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                               lxw_format *format)
{
  if (recording)
    {
      Cell cell = { sheet_index (ws), row, col, g_string_chunk_insert_const (texts, text ? text : ""), 0 };
      g_array_append_val (cells, cell);
    }
  return __real_worksheet_write_string (ws, row, col, text, format);
}

lxw_error
__wrap_worksheet_write_number (lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double number,
                               lxw_format *format)
{
  if (recording)
    {
      Cell cell = { sheet_index (ws), row, col, NULL, number };
      g_array_append_val (cells, cell);
    }
  return __real_worksheet_write_number (ws, row, col, number, format);
}

/* libxlsxwriter alone writing the recorded sheets and cells; seconds */
static double
xlsx_floor (const char *path)
{
  double t0 = fw_bench_now ();
  lxw_workbook *wb = workbook_new (path);
  g_autofree lxw_worksheet **ws = g_new0 (lxw_worksheet *, sheets->len + 1);

  if (wb == NULL)
    g_error ("%s: cannot create the workbook", path);
  for (guint i = 0; i < sheets->len; i++)
    ws[i] = __real_workbook_add_worksheet (wb, g_ptr_array_index (sheets, i));
  for (guint i = 0; i < cells->len; i++)
    {
      const Cell *c = &g_array_index (cells, Cell, i);

      if (c->text)
        __real_worksheet_write_string (ws[c->sheet], c->row, c->col, c->text, NULL);
      else
        __real_worksheet_write_number (ws[c->sheet], c->row, c->col, c->number, NULL);
    }
  if (workbook_close (wb) != LXW_NO_ERROR)
    g_error ("%s: cannot write the workbook", path);
  return fw_bench_now () - t0;
}

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
static double
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
  return fw_bench_median (times, runs);
}

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };
  g_autofree char *small_id = NULL, *big_id = NULL;
  g_autoptr(FwStore) small = NULL;
  g_autoptr(FwStore) big = NULL;
  guint big_cases;
  double xlsx_s;

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
  xlsx_s = measure ("export_xlsx", &options, big, big_id, big_cases, "answers.xlsx", export_xlsx,
                    fw_bench_runs (&options, 5), 3.0, "XLSX, fw_export_data_collect + fw_export_xlsx");

  /* the floor: the same cells by libxlsxwriter alone */
  {
    g_autofree char *path = g_build_filename (options.dir, "floor.xlsx", NULL);
    g_autofree char *name = g_strdup_printf ("export_xlsx_%u_ratio", big_cases);
    g_autoptr(GError) error = NULL;
    guint runs = fw_bench_runs (&options, 5);
    g_autofree double *times = g_new (double, runs);
    double floor_s;

    sheets = g_ptr_array_new_with_free_func (g_free);
    sheet_of = g_ptr_array_new ();
    cells = g_array_new (FALSE, FALSE, sizeof (Cell));
    texts = g_string_chunk_new (1 << 20);
    recording = TRUE;
    if (!export_xlsx (big, big_id, path, &error))
      g_error ("%s", error->message);
    recording = FALSE;
    for (guint i = 0; i < runs; i++)
      {
        g_unlink (path);
        times[i] = xlsx_floor (path);
      }
    g_unlink (path);
    floor_s = fw_bench_median (times, runs);
    fw_bench_report (name, xlsx_s / floor_s, "×", 1.5,
                     "the XLSX export %.3f s ÷ libxlsxwriter alone writing the same %u cells on %u sheets %.3f s, "
                     "medians of %u runs", xlsx_s, cells->len, sheets->len, floor_s, runs);
    g_clear_pointer (&sheets, g_ptr_array_unref);
    g_clear_pointer (&sheet_of, g_ptr_array_unref);
    g_clear_pointer (&cells, g_array_unref);
    g_clear_pointer (&texts, g_string_chunk_free);
  }
  g_clear_object (&small);
  g_clear_object (&big);
  fw_bench_finish (&options);
  return 0;
}
