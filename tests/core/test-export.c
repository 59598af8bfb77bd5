/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports of the ratings summary (issue 4), read back by real readers:
 * pdftotext and pdfinfo for the PDF, LibreOffice for the XLSX, libxml2's
 * HTML parser for the HTML, and our own CSV parser for the CSVs; every
 * figure is compared with the rating engine's. The fixture is the Brent
 * 2019 inspection (tests/data/published). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "fw-test-util.h"
#include "fw-export-doc.h"

#define SERVICE "Brent YOS – Gwasanaeth Ieuenctid Llŷn"

/* Every test runs in its own forked child; the store is made by the checked
 * fixture, after the fork. */
static char *tmpdir;
static FwStore *store;
static char *insp;

/* Notes that need quoting, to make the round trips mean something. */
static const struct { const char *reference, *item, *note; } tricky_notes[] = {
  { "BR-CO-006", "2.1.1", "Evidence, see \"case file\" (2.1.1)\nsecond line" },
  { "BR-CO-001", "2.1.1", "=SUM(A1:A2) is not a formula" },
  { "BR-OU-003", "3.1.1", "Asesiad da — ŵyr a’r teulu, “dyfyniad”" },
  { "BR-CO-010", "2.2.1", "  leading and trailing spaces  " },
};

static void
setup (void)
{
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *db = NULL;
  g_autoptr(FwFramework) fw = fw_test_load_framework (fw_path);
  g_autoptr(GError) error = NULL;
  const char *inspectors[] = { "Inspector A", "Inspector B", NULL };
  struct { const char *suffix; gboolean (*import) (FwStore *, const char *, const char *, guint *, GError **); } steps[] = {
    { "cases", fw_import_cases }, { "answers", fw_import_answers }, { "judgements", fw_import_judgements },
  };

  tmpdir = fw_test_tmpdir ();
  db = g_build_filename (tmpdir, "test.db", NULL);
  store = fw_store_open (db, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "?");
  fw_store_set_user (store, "Test inspector");
  insp = fw_store_create_inspection (store, fw, SERVICE, "2019-10-07", inspectors, &error);
  ck_assert_msg (insp != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *rel = g_strdup_printf ("published/brent-2019-%s.csv", steps[i].suffix);
      g_autofree char *path = fw_test_data_path (rel);
      guint n = 0;

      ck_assert_msg (steps[i].import (store, insp, path, &n, &error), "%s: %s", rel, error ? error->message : "?");
    }
  for (guint i = 0; i < G_N_ELEMENTS (tricky_notes); i++)
    {
      g_autoptr(FwCase) c = fw_store_find_case (store, insp, tricky_notes[i].reference, &error);
      FwAnswer value;

      ck_assert_msg (c != NULL, "%s", error ? error->message : "?");
      ck_assert (fw_store_get_answer (store, c->id, tricky_notes[i].item, &value, NULL, &error));
      ck_assert_msg (value != FW_ANSWER_NONE, "%s %s unanswered", tricky_notes[i].reference, tricky_notes[i].item);
      ck_assert_msg (fw_store_set_answer (store, c->id, tricky_notes[i].item, value, tricky_notes[i].note, "answer",
                                          &error), "%s", error ? error->message : "?");
      if (i == 0)
        ck_assert (fw_store_set_practice (store, c->id, tricky_notes[i].item, FW_PRACTICE_POOR, &error));
    }
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_pointer (&insp, g_free);
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/* ---------------------------------------------------------------- helpers */

static FwRating *
engine (const FwFilter *filter)
{
  g_autoptr(GError) error = NULL;
  FwRating *r = fw_rating_compute_from_store (store, insp, filter, &error);

  ck_assert_msg (r != NULL, "%s", error ? error->message : "?");
  return r;
}

static FwExportData *
collect (const FwFilter *filter)
{
  g_autoptr(GError) error = NULL;
  FwExportData *data = fw_export_data_collect (store, insp, filter, &error);

  ck_assert_msg (data != NULL, "%s", error ? error->message : "?");
  return data;
}

static char *
export_to (FwExportData *data, FwExportFormat format, const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  ck_assert_msg (fw_export_write (data, format, path, NULL, NULL, NULL, &error), "%s: %s", name,
                 error ? error->message : "?");
  ck_assert_msg (g_file_test (path, G_FILE_TEST_IS_REGULAR), "%s was not written", name);
  return path;
}

static char *
read_text (const char *path, gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, length, &error), "%s", error ? error->message : "?");
  return text;
}

static FwCsv *
parse_csv (const char *text, gsize length, const char *name)
{
  g_autoptr(GError) error = NULL;
  FwCsv *csv = fw_csv_parse (text, length, name, &error);

  ck_assert_msg (csv != NULL, "%s: %s", name, error ? error->message : "?");
  return csv;
}

static guint
n_fields (FwCsvRow *row)
{
  return g_strv_length (row->fields);
}

static const char *
field (FwCsvRow *row, guint i)
{
  return i < n_fields (row) ? row->fields[i] : "";
}

static char *
tenths_text (guint tenths)
{
  return g_strdup_printf ("%u.%u", tenths / 10, tenths % 10);
}

static char *
uint_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* Finds a key question's result; NULL for guidance questions. */
static FwQuestionResult *
q_result (FwRating *r, const char *id)
{
  FwQuestion *q = NULL;

  if (!fw_framework_find_item (r->framework, id, &q, NULL) || q == NULL || q->index < 0)
    return NULL;
  return &r->questions[q->index];
}

/* Runs a program found in PATH; returns its exit status. */
static int
run (const char *const *argv, char **out, char **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  int status = 0;

  ck_assert_msg (g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &o, &e, &status,
                               &error), "cannot run %s: %s", argv[0], error ? error->message : "?");
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static gboolean
have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  if (path == NULL)
    {
      /* a TAP comment; the test then passes without checking */
      printf ("# SKIP %s is not installed (install poppler-utils and libreoffice-calc-nogui)\n", program);
      fflush (stdout);
    }
  return path != NULL;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The entries of a folder, sorted, as one string. */
static char *
listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (dir == NULL)
    return g_strdup ("(none)");
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Lines of the pdftotext -layout output, whitespace-trimmed. */
static char **
pdf_lines (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL, *err = NULL;
  char **lines;

  ck_assert_msg (run (argv, &out, &err) == 0, "pdftotext failed: %s", err);
  ck_assert (g_utf8_validate (out, -1, NULL));
  lines = g_strsplit_set (out, "\n\f", -1);
  for (guint i = 0; lines[i]; i++)
    g_strstrip (lines[i]);
  return lines;
}

/* The line that starts with prefix followed by a space. */
static const char *
line_starting (char **lines, const char *prefix)
{
  gsize n = strlen (prefix);

  for (guint i = 0; lines[i]; i++)
    if (strncmp (lines[i], prefix, n) == 0 && lines[i][n] == ' ')
      return lines[i];
  return NULL;
}

/* ---------------------------------------------------------------- summary CSV */

START_TEST (test_summary_csv)
{
  g_autoptr(FwRating) r = engine (NULL);
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *path = export_to (data, FW_EXPORT_CSV, "summary.csv");
  g_autofree char *text = NULL;
  g_autoptr(FwCsv) csv = NULL;
  g_autoptr(GString) again = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const char *header[] = { "level", "id", "title", "rating", "score", "yes", "no", "na", "unanswered",
                                  "percent", "rounded", NULL };
  gboolean overall = FALSE;
  guint n_standards = 0;
  gsize length = 0;

  text = read_text (path, &length);
  ck_assert_msg (length > 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0, "no UTF-8 byte order mark");
  ck_assert (g_utf8_validate (text, length, NULL));
  csv = parse_csv (text, length, "summary.csv");
  ck_assert_msg (g_strv_equal ((const char *const *) csv->header->fields, header), "header “%s”",
                 g_strjoinv (",", csv->header->fields));

  for (guint i = 0; i < csv->rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, i);
      const char *level = field (row, 0), *id = field (row, 1);

      ck_assert_uint_eq (n_fields (row), 11);
      if (strcmp (level, "question") == 0)
        {
          FwQuestionResult *q = q_result (r, id);
          g_autofree char *yes = NULL, *no = NULL, *na = NULL, *un = NULL, *pct = NULL, *rounded = NULL;

          ck_assert_msg (q != NULL, "row %u: %s is not a key question", row->line, id);
          ck_assert_msg (!g_hash_table_contains (seen, id), "%s twice", id);
          g_hash_table_add (seen, q->question->id);
          yes = uint_text (q->yes), no = uint_text (q->no), na = uint_text (q->na), un = uint_text (q->unanswered);
          ck_assert_str_eq (field (row, 2), q->question->text);
          ck_assert_str_eq (field (row, 3), q->band ? q->band->id : "");
          ck_assert_str_eq (field (row, 5), yes);
          ck_assert_str_eq (field (row, 6), no);
          ck_assert_str_eq (field (row, 7), na);
          ck_assert_str_eq (field (row, 8), un);
          ck_assert (q->has_percent);
          pct = tenths_text (q->tenths);
          rounded = uint_text (q->shown_percent);
          ck_assert_msg (strcmp (field (row, 9), pct) == 0, "%s: %s%%, engine %s%%", id, field (row, 9), pct);
          ck_assert_str_eq (field (row, 10), rounded);
        }
      else if (strcmp (level, "standard") == 0)
        {
          FwStandard *s = fw_framework_find_standard (r->framework, id);
          FwStandardResult *sr;
          g_autofree char *score = NULL;

          ck_assert_msg (s != NULL, "%s is not a standard", id);
          sr = &r->standards[s->index];
          ck_assert_str_eq (field (row, 2), s->title);
          if (fw_standard_result_informs (sr))
            {
              /* reported, never rated or scored */
              ck_assert_str_eq (field (row, 3), "");
              continue;
            }
          ck_assert (sr->band != NULL);
          ck_assert_str_eq (field (row, 3), sr->band->id);
          score = uint_text (sr->score);
          ck_assert_str_eq (field (row, 4), score);
          n_standards++;
        }
      else if (strcmp (level, "overall") == 0)
        {
          ck_assert_str_eq (field (row, 3), "good");
          ck_assert_str_eq (field (row, 4), "21");
          ck_assert_msg (strstr (field (row, 2), "36") != NULL, "“%s” has no maximum", field (row, 2));
          ck_assert_msg (strstr (field (row, 2), "Llŷn") != NULL, "“%s” lost the service", field (row, 2));
          overall = TRUE;
        }
      else if (strcmp (level, "provisional") == 0)
        ck_assert_msg (*field (row, 2) != '\0', "row %u: a provisional row that says nothing", row->line);
      else
        ck_abort_msg ("row %u: level “%s”", row->line, level);
    }
  ck_assert_uint_eq (g_hash_table_size (seen), r->n_questions);
  ck_assert_uint_eq (g_hash_table_size (seen), 24);   /* 23 key questions and O1.1, which informs */
  ck_assert_uint_eq (n_standards, 12);
  ck_assert (overall);

  /* written again from what was parsed, it is the same file byte for byte */
  for (guint k = 0; csv->header->fields[k]; k++)
    fw_csv_append_field (again, csv->header->fields[k], k == 0);
  g_string_append (again, "\r\n");
  for (guint i = 0; i < csv->rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, i);
      for (guint k = 0; row->fields[k]; k++)
        fw_csv_append_field (again, row->fields[k], k == 0);
      g_string_append (again, "\r\n");
    }
  ck_assert_uint_eq (again->len, length);
  ck_assert (memcmp (again->str, text, length) == 0);
}
END_TEST

/* ---------------------------------------------------------------- answers CSV */

/* The case-level answers as exported, against the store, in the store's order. */
static void
assert_answers_match (FwCsv *csv, const char *name, const char *ref_prefix, guint expected_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = fw_store_list_answers (store, insp, &error);
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, insp, NULL, &error);
  g_autoptr(GHashTable) by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();
  static const char *header[] = { "reference", "kind", "disposal", "gender", "age", "ethnicity", "rosh",
                                  "safety_wellbeing", "case_manager", "interview", "inspector", "status",
                                  "question", "answer", "note", "practice", "who", "at", NULL };
  guint n_notes = 0, n_practice = 0;

  ck_assert_msg (all && cases, "%s", error ? error->message : "?");
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      g_hash_table_insert (by_ref, c->reference, c);
    }
  for (guint i = 0; i < all->len; i++)
    {
      FwAnswerRow *a = g_ptr_array_index (all, i);
      if (ref_prefix == NULL || g_str_has_prefix (a->reference, ref_prefix))
        g_ptr_array_add (answers, a);
    }
  ck_assert_uint_eq (answers->len, expected_rows);

  ck_assert_msg (g_strv_equal ((const char *const *) csv->header->fields, header), "%s: header “%s”", name,
                 g_strjoinv (",", csv->header->fields));
  ck_assert_msg (csv->rows->len == answers->len, "%s: %u rows, the store has %u answers", name, csv->rows->len,
                 answers->len);
  for (guint i = 0; i < csv->rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, i);
      FwAnswerRow *a = g_ptr_array_index (answers, i);
      FwCase *c = g_hash_table_lookup (by_ref, a->reference);

      ck_assert_msg (strcmp (field (row, 0), a->reference) == 0 && strcmp (field (row, 12), a->item) == 0,
                     "%s row %u is %s %s, the store's answer %u is %s %s", name, row->line, field (row, 0),
                     field (row, 12), i, a->reference, a->item);
      ck_assert_str_eq (field (row, 1), fw_case_get_attr (c, "kind"));
      ck_assert_str_eq (field (row, 11), fw_case_get_attr (c, "status"));
      ck_assert_str_eq (field (row, 10), fw_case_get_attr (c, "inspector") ? fw_case_get_attr (c, "inspector") : "");
      ck_assert_str_eq (field (row, 13), fw_answer_to_string (a->answer));
      ck_assert_msg (strcmp (field (row, 14), a->note ? a->note : "") == 0, "%s %s %s: note “%s”, stored “%s”",
                     name, a->reference, a->item, field (row, 14), a->note);
      ck_assert_str_eq (field (row, 15), a->practice ? fw_practice_to_string (a->practice) : "");
      ck_assert_str_eq (field (row, 16), a->who ? a->who : "");
      n_notes += a->note != NULL;
      n_practice += a->practice != FW_PRACTICE_NONE;
    }
  ck_assert_uint_gt (n_notes, 0);
  if (ref_prefix == NULL)
    ck_assert_uint_eq (n_practice, 1);
}

START_TEST (test_answers_csv)
{
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *path = export_to (data, FW_EXPORT_ANSWERS_CSV, "answers.csv");
  g_autofree char *text = NULL;
  g_autoptr(FwCsv) csv = NULL;
  gsize length = 0;

  text = read_text (path, &length);
  ck_assert_msg (length > 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0, "no UTF-8 byte order mark");
  ck_assert (g_utf8_validate (text, length, NULL));
  csv = parse_csv (text, length, "answers.csv");
  /* 29 court cases × 12 + 20 out-of-court × 11 */
  assert_answers_match (csv, "answers.csv", NULL, 634);
}
END_TEST

/* ---------------------------------------------------------------- PDF */

START_TEST (test_pdf)
{
  g_autoptr(FwRating) r = engine (NULL);
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) info_lines = NULL;
  const char *argv[] = { "pdfinfo", NULL, NULL };
  double w = 0, h = 0;
  int pages = 0;

  if (!have ("pdftotext") || !have ("pdfinfo"))
    return;
  path = export_to (data, FW_EXPORT_PDF, "summary.pdf");

  argv[1] = path;
  ck_assert_msg (run (argv, &info, &err) == 0, "pdfinfo failed: %s", err);
  info_lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; info_lines[i]; i++)
    {
      if (g_str_has_prefix (info_lines[i], "Pages:"))
        pages = atoi (info_lines[i] + 6);
      else if (g_str_has_prefix (info_lines[i], "Page size:"))
        ck_assert_msg (sscanf (info_lines[i] + 10, " %lf x %lf", &w, &h) == 2, "“%s”", info_lines[i]);
    }
  ck_assert_msg (pages >= 2, "%d pages", pages);
  ck_assert_msg (fabs (w - 595.28) < 0.01 && fabs (h - 841.89) < 0.01, "page size %g x %g pts, not A4", w, h);
  ck_assert_msg (strstr (info, "Llŷn") != NULL, "the title metadata lost the service:\n%s", info);

  lines = pdf_lines (path);
  {
    /* joined with spaces: the title block wraps */
    g_autofree char *all = g_strjoinv (" ", lines);

    ck_assert_msg (strstr (all, "Score 21/36") != NULL, "no “Score 21/36”");
    ck_assert_msg (strstr (all, "Llŷn") != NULL, "the service name is lost");
    ck_assert_msg (strstr (all, "29 court disposals, 20 out-of-court") != NULL, "no sample sizes");
    /* O1.1 informs: its wording marked provisional beside it, and nothing
     * about it among what the overall rating rests on */
    ck_assert_msg (strstr (all, "(provisional wording)") != NULL, "O1.1's wording is not marked provisional");
    ck_assert_msg (strstr (all, "Provisional:") == NULL, "the Brent PDF calls something provisional");
    /* the title block writes dates for the locale (the tests run in C) */
    ck_assert_msg (strstr (all, "7 October 2019") != NULL, "no fieldwork date");
    /* every page numbered out of the real page count */
    for (int p = 1; p <= pages; p++)
      {
        g_autofree char *footer = g_strdup_printf ("Page %d of %d", p, pages);
        ck_assert_msg (strstr (all, footer) != NULL, "no “%s”", footer);
      }
    {
      g_autofree char *beyond = g_strdup_printf ("Page %d of", pages + 1);
      ck_assert_msg (strstr (all, beyond) == NULL, "“%s”: more page numbers than pages", beyond);
    }
  }

  for (guint i = 0; i < r->n_questions; i++)
    {
      FwQuestionResult *q = &r->questions[i];
      const char *line = line_starting (lines, q->question->id);
      g_autofree char *pct = g_strdup_printf (" %u%% ", q->shown_percent);
      g_autofree char *counts = g_strdup_printf ("%u of %u", q->yes, q->yes + q->no);

      ck_assert_msg (line != NULL, "key question %s is not in the PDF", q->question->id);
      ck_assert_msg (strstr (line, pct) != NULL && g_str_has_suffix (line, counts),
                     "%s: expected “%s” and “%s” in “%s”", q->question->id, pct, counts, line);
    }
  for (guint i = 0; i < r->n_standards; i++)
    {
      FwStandardResult *s = &r->standards[i];
      g_autofree char *head = g_strdup_printf ("%s %s", s->standard->id, s->standard->title);
      const char *line = line_starting (lines, s->standard->id);

      ck_assert_msg (line != NULL && g_str_has_prefix (line, head), "standard %s is not in the PDF", head);
      if (fw_standard_result_informs (s))
        continue;   /* reported with its %, not rated */
      ck_assert (s->band != NULL);
      ck_assert_msg (g_str_has_suffix (line, s->band->title), "%s: no rating “%s” in “%s”", head,
                     s->band->title, line);
    }
}
END_TEST

/* ---------------------------------------------------------------- XLSX */

/* Converts a sheet of an XLSX file to CSV with LibreOffice; sheet 0 uses
 * the plain filter, which converts the first sheet only. */
static char *
xlsx_to_csv (const char *xlsx, guint sheet, gsize *length)
{
  g_autofree char *outdir = g_strdup_printf ("%s/csv-%u", tmpdir, sheet);
  g_autofree char *profile = g_build_filename (tmpdir, "lo-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *env = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *filter = sheet == 0 ? g_strdup ("csv:Text - txt - csv (StarCalc):44,34,76,1")
                                       : g_strdup_printf ("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,"
                                                          "false,true,false,false,%u", sheet);
  const char *argv[] = { "soffice", env, "--headless", "--norestore", "--convert-to", filter,
                         "--outdir", outdir, xlsx, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  char *csv_path = NULL;
  char *text;
  int status;

  status = run (argv, &out, &err);
  ck_assert_msg (status == 0, "soffice exited %d: %s %s", status, out, err);
  dir = g_dir_open (outdir, 0, NULL);
  ck_assert_msg (dir != NULL, "soffice wrote nothing: %s %s", out, err);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".csv"))
      {
        ck_assert_msg (csv_path == NULL, "more than one CSV for sheet %u", sheet);
        csv_path = g_build_filename (outdir, name, NULL);
      }
  ck_assert_msg (csv_path != NULL, "soffice wrote no CSV: %s %s", out, err);
  text = read_text (csv_path, length);
  g_free (csv_path);
  return text;
}

START_TEST (test_xlsx)
{
  g_autoptr(FwRating) r = engine (NULL);
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL, *answers_text = NULL;
  g_autoptr(FwCsv) csv = NULL;
  g_autoptr(FwCsv) answers = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean overall = FALSE, table = FALSE;
  guint n_standards = 0;
  gsize length = 0;

  if (!have ("soffice"))
    return;
  path = export_to (data, FW_EXPORT_XLSX, "summary.xlsx");
  text = xlsx_to_csv (path, 0, &length);
  ck_assert (g_utf8_validate (text, length, NULL));
  csv = parse_csv (text, length, "summary.xlsx.csv");

  /* the title block is the first rows; fw_csv_parse takes the first as the header */
  ck_assert_msg (strstr (csv->header->fields[0], "Llŷn") != NULL, "first cell “%s”", csv->header->fields[0]);
  for (guint i = 0; i < csv->rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, i);
      const char *level = field (row, 0), *id = field (row, 1);

      if (strcmp (level, "Overall rating") == 0)
        {
          ck_assert_str_eq (field (row, 2), "Good");
          ck_assert_str_eq (field (row, 4), "21");
          ck_assert_str_eq (field (row, 5), "36");
          overall = TRUE;
        }
      else if (strcmp (level, "Level") == 0)
        table = TRUE;
      else if (strcmp (level, "question") == 0)
        {
          FwQuestionResult *q = q_result (r, id);
          g_autofree char *yes = NULL, *no = NULL, *na = NULL, *un = NULL, *pct = NULL, *rounded = NULL;
          g_autofree char *raw = NULL;

          ck_assert_msg (q != NULL, "%s is not a key question", id);
          ck_assert_msg (!g_hash_table_contains (seen, id), "%s twice", id);
          g_hash_table_add (seen, q->question->id);
          yes = uint_text (q->yes), no = uint_text (q->no), na = uint_text (q->na), un = uint_text (q->unanswered);
          pct = tenths_text (q->tenths);
          rounded = uint_text (q->shown_percent);
          ck_assert_str_eq (field (row, 2), q->question->text);
          ck_assert_str_eq (field (row, 3), q->band->title);
          ck_assert_str_eq (field (row, 5), yes);
          ck_assert_str_eq (field (row, 6), no);
          ck_assert_str_eq (field (row, 7), na);
          ck_assert_str_eq (field (row, 8), un);
          ck_assert_msg (strcmp (field (row, 9), pct) == 0, "%s: %s%%, engine %s%%", id, field (row, 9), pct);
          ck_assert_str_eq (field (row, 10), rounded);
          /* numbers as numbers: LibreOffice quotes text cells, not numeric ones */
          /* then the interval (issue 13) */
          raw = g_strdup_printf (",,%s,%s,%s,%s,%s,%s,", yes, no, na, un, pct, rounded);
          ck_assert_msg (strstr (text, raw) != NULL, "%s: the figures are not numeric cells", id);
        }
      else if (strcmp (level, "standard") == 0)
        {
          FwStandard *s = fw_framework_find_standard (r->framework, id);
          g_autofree char *score = NULL;

          ck_assert_msg (s != NULL, "%s is not a standard", id);
          ck_assert_str_eq (field (row, 2), s->title);
          if (fw_standard_result_informs (&r->standards[s->index]))
            continue;   /* reported, never rated or scored */
          ck_assert_str_eq (field (row, 3), r->standards[s->index].band->title);
          score = uint_text (r->standards[s->index].score);
          ck_assert_str_eq (field (row, 4), score);
          n_standards++;
        }
    }
  ck_assert_msg (table && overall, "no table header or no overall rating");
  ck_assert_uint_eq (g_hash_table_size (seen), 24);   /* 23 key questions and O1.1, which informs */
  ck_assert_uint_eq (n_standards, 12);

  /* the second sheet: case-level answers */
  answers_text = xlsx_to_csv (path, 2, &length);
  answers = parse_csv (answers_text, length, "answers.xlsx.csv");
  assert_answers_match (answers, "answers sheet", NULL, 634);
}
END_TEST

/* ---------------------------------------------------------------- HTML */

static void
index_ids (xmlNode *node, GHashTable *by_id)
{
  for (; node; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          xmlChar *id = xmlGetProp (node, (const xmlChar *) "id");
          if (id)
            {
              ck_assert_msg (!g_hash_table_contains (by_id, id), "id “%s” twice", id);
              g_hash_table_insert (by_id, g_strdup ((char *) id), node);
              xmlFree (id);
            }
          /* self-contained: nothing fetched from elsewhere */
          ck_assert_msg (xmlStrcasecmp (node->name, (const xmlChar *) "script") != 0
                         && xmlStrcasecmp (node->name, (const xmlChar *) "link") != 0
                         && xmlStrcasecmp (node->name, (const xmlChar *) "img") != 0,
                         "<%s> in a self-contained file", node->name);
        }
      index_ids (node->children, by_id);
    }
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((char *) content);

  xmlFree (content);
  return text;
}

/* Parses with libxml2's HTML parser, asserting no parse error, and checks
 * every key question and standard of the rating is there with its figures. */
static void
check_html (const char *html, FwRating *r)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  htmlDocPtr doc;
  xmlNode *root;
  xmlChar *lang;

  doc = htmlCtxtReadMemory (ctxt, html, strlen (html), "summary.html", "UTF-8",
                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  ck_assert_msg (doc != NULL, "the HTML does not parse");
  ck_assert_msg (ctxt->wellFormed && ctxt->errNo == 0, "HTML parse error %d", ctxt->errNo);
  root = xmlDocGetRootElement (doc);
  ck_assert_str_eq ((const char *) root->name, "html");
  lang = xmlGetProp (root, (const xmlChar *) "lang");
  ck_assert_str_eq ((const char *) lang, "en");
  xmlFree (lang);
  index_ids (root, by_id);

  for (guint i = 0; i < r->n_questions; i++)
    {
      FwQuestionResult *q = &r->questions[i];
      g_autofree char *key = g_strdup_printf ("q-%s", q->question->id);
      xmlNode *node = g_hash_table_lookup (by_id, key);
      g_autofree char *text = NULL;
      g_autofree char *pct = q->has_percent ? g_strdup_printf ("%u%%", q->shown_percent) : g_strdup ("—");

      ck_assert_msg (node != NULL, "no element with id “%s”", key);
      ck_assert_str_eq ((const char *) node->name, "tr");
      text = text_of (node);
      ck_assert_msg (strstr (text, pct) != NULL, "%s: no “%s” in “%s”", key, pct, text);
      ck_assert_msg (strstr (text, q->question->text) != NULL, "%s: no question text", key);
      if (q->has_percent)
        {
          g_autofree char *counts = g_strdup_printf ("%u of %u", q->yes, q->yes + q->no);
          ck_assert_msg (strstr (text, counts) != NULL, "%s: no “%s” in “%s”", key, counts, text);
        }
    }
  for (guint i = 0; i < r->n_standards; i++)
    {
      FwStandardResult *s = &r->standards[i];
      g_autofree char *key = g_strdup_printf ("s-%s", s->standard->id);
      xmlNode *node = g_hash_table_lookup (by_id, key);
      g_autofree char *text = NULL;
      const char *rating = s->band ? s->band->title : s->state == FW_STANDARD_NOT_RATED ? "Not rated" : NULL;

      if (fw_standard_result_informs (s))
        continue;   /* under “Other findings”, not rated */
      ck_assert_msg (node != NULL, "no element with id “%s”", key);
      text = text_of (node);
      ck_assert_msg (rating && strstr (text, rating) != NULL, "%s: no rating “%s” in “%s”", key, rating, text);
    }
  xmlFreeDoc (doc);
  htmlFreeParserCtxt (ctxt);
}

START_TEST (test_html)
{
  g_autoptr(FwRating) r = engine (NULL);
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *path = export_to (data, FW_EXPORT_HTML, "summary.html");
  g_autofree char *html = read_text (path, NULL);

  ck_assert (g_utf8_validate (html, -1, NULL));
  check_html (html, r);
  ck_assert_msg (strstr (html, "Score 21/36") != NULL, "no “Score 21/36”");
  ck_assert_msg (strstr (html, "Llŷn") != NULL, "the service name is lost");
  ck_assert_msg (strstr (html, "@media print") != NULL, "not made for printing");
  /* the same as fw_export_html */
  {
    g_autofree char *direct = fw_export_html (data);
    ck_assert_str_eq (direct, html);
  }
}
END_TEST

/* A service name with markup in it is escaped, not interpreted. */
START_TEST (test_html_escapes)
{
  g_autoptr(FwRating) r = engine (NULL);
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *html = NULL;

  g_free (data->info->service);
  data->info->service = g_strdup ("Brent <b>YOS</b> & “partners”");
  html = fw_export_html (data);
  check_html (html, r);
  ck_assert (strstr (html, "<b>YOS") == NULL);
  ck_assert (strstr (html, "Brent &lt;b&gt;YOS&lt;/b&gt; &amp; “partners”") != NULL);
}
END_TEST

/* ---------------------------------------------------------------- failures */

static const struct { FwExportFormat format; const char *name; } all_formats[] = {
  { FW_EXPORT_CSV, "summary.csv" }, { FW_EXPORT_ANSWERS_CSV, "answers.csv" }, { FW_EXPORT_PDF, "summary.pdf" },
  { FW_EXPORT_XLSX, "summary.xlsx" }, { FW_EXPORT_HTML, "summary.html" },
};

START_TEST (test_unwritable)
{
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *out = g_build_filename (tmpdir, "out", NULL);
  g_autofree char *taken = g_build_filename (out, "taken", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-folder", NULL);
  g_autofree char *before = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (taken, 0700), 0);
  before = listing (out);
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *in_missing = g_build_filename (missing, all_formats[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      /* in a folder that does not exist */
      ck_assert_msg (!fw_export_write (data, all_formats[i].format, in_missing, NULL, NULL, NULL, &error),
                     "%s: written into a missing folder", all_formats[i].name);
      ck_assert_msg (error != NULL && error->message[0], "%s: failed without an error", all_formats[i].name);
      ck_assert (!g_file_test (missing, G_FILE_TEST_EXISTS));
      g_clear_error (&error);

      /* over a folder: fails at the very end, and leaves nothing behind */
      ck_assert_msg (!fw_export_write (data, all_formats[i].format, taken, NULL, NULL, NULL, &error),
                     "%s: written over a folder", all_formats[i].name);
      ck_assert_msg (error != NULL && error->message[0], "%s: failed without an error", all_formats[i].name);
      ck_assert (g_file_test (taken, G_FILE_TEST_IS_DIR));
      after = listing (out);
      ck_assert_msg (strcmp (before, after) == 0, "%s: left behind: %s", all_formats[i].name, after);
    }
}
END_TEST

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  double        last;
  gboolean      cancel_at_first;
} Progress;

static void
on_progress (double fraction, gpointer user_data)
{
  Progress *p = user_data;

  ck_assert_msg (fraction >= 0 && fraction <= 1, "progress %g", fraction);
  ck_assert_msg (fraction >= p->last, "progress went back from %g to %g", p->last, fraction);
  p->last = fraction;
  p->calls++;
  if (p->cancel_at_first)
    g_cancellable_cancel (p->cancellable);
}

START_TEST (test_cancel)
{
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *before = listing (tmpdir);

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, all_formats[i].name, NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      /* cancelled before it starts */
      g_cancellable_cancel (cancellable);
      ck_assert_msg (!fw_export_write (data, all_formats[i].format, path, NULL, NULL, cancellable, &error),
                     "%s: written although cancelled", all_formats[i].name);
      ck_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      after = listing (tmpdir);
      ck_assert_msg (strcmp (before, after) == 0, "%s: left behind: %s", all_formats[i].name, after);
    }

  /* cancelled while the long ones are written */
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, all_formats[i].name, NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      Progress p = { cancellable, 0, 0, TRUE };

      if (all_formats[i].format != FW_EXPORT_PDF && all_formats[i].format != FW_EXPORT_XLSX)
        continue;
      ck_assert_msg (!fw_export_write (data, all_formats[i].format, path, on_progress, &p, cancellable, &error),
                     "%s: written although cancelled on the way", all_formats[i].name);
      ck_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      ck_assert_uint_ge (p.calls, 1);
      after = listing (tmpdir);
      ck_assert_msg (strcmp (before, after) == 0, "%s: left behind: %s", all_formats[i].name, after);
    }
}
END_TEST

/* Progress runs from 0 to 1 without going back, for every format. */
START_TEST (test_progress)
{
  g_autoptr(FwExportData) data = collect (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, all_formats[i].name, NULL);
      g_autoptr(GError) error = NULL;
      Progress p = { NULL, 0, 0, FALSE };

      ck_assert_msg (fw_export_write (data, all_formats[i].format, path, on_progress, &p, NULL, &error), "%s: %s",
                     all_formats[i].name, error ? error->message : "?");
      ck_assert_uint_ge (p.calls, 1);
      ck_assert_msg (p.last == 1.0, "%s: progress ended at %g", all_formats[i].name, p.last);
    }
}
END_TEST

/* ---------------------------------------------------------------- sub-sample */

START_TEST (test_subsample)
{
  g_autoptr(FwFilter) filter = fw_filter_new ();
  g_autoptr(FwRating) r = NULL;
  g_autoptr(FwExportData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL, *answers_path = NULL, *html = NULL, *text = NULL, *score = NULL;
  g_autoptr(FwCsv) csv = NULL;
  g_autoptr(FwCsv) answers = NULL;
  gsize length = 0;
  guint n_rated = 0, n_unrated = 0;

  ck_assert (fw_filter_parse (filter, "kind=court", &error));
  r = engine (filter);
  data = collect (filter);
  ck_assert_uint_eq (data->cases->len, 29);
  /* in words, with the framework's titles */
  ck_assert_str_eq (data->where, "Court disposals only");

  /* the summary CSV: figures for domain 2 only */
  csv_path = export_to (data, FW_EXPORT_CSV, "court.csv");
  text = read_text (csv_path, &length);
  csv = parse_csv (text, length, "court.csv");
  for (guint i = 0; i < csv->rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, i);
      const char *level = field (row, 0), *id = field (row, 1);

      if (strcmp (level, "question") == 0)
        {
          FwQuestionResult *q = q_result (r, id);
          gboolean court = id[0] == '2';
          /* O1.1 informs: answered in the court cases too, its % shown (and the
           * band it falls in), never part of a standard's rating or the score */
          gboolean informs = q->question->informs;

          ck_assert (q != NULL);
          ck_assert_msg ((*field (row, 9) != '\0') == (court || informs), "%s: percent “%s”", id, field (row, 9));
          ck_assert_msg ((*field (row, 3) != '\0') == (court || informs), "%s: rating “%s”", id, field (row, 3));
          if (court || informs)
            {
              g_autofree char *pct = tenths_text (q->tenths);
              ck_assert_str_eq (field (row, 9), pct);
              n_rated++;
            }
          else
            {
              ck_assert_str_eq (field (row, 5), "0");
              ck_assert_str_eq (field (row, 6), "0");
              n_unrated++;
            }
        }
      else if (strcmp (level, "standard") == 0 && id[0] != '1')
        ck_assert_msg ((*field (row, 3) != '\0') == (id[0] == '2'), "standard %s: rating “%s”", id,
                       field (row, 3));
    }
  ck_assert_uint_eq (n_rated, 12 + 1);
  ck_assert_uint_eq (n_unrated, 11);

  /* the HTML: the same, and says which sub-sample */
  html = fw_export_html (data);
  check_html (html, r);
  ck_assert (strstr (html, "Court disposals only") != NULL);
  ck_assert (strstr (html, "29 court disposals, 0 out-of-court disposals") != NULL);
  score = g_strdup_printf ("Score %u/%u", r->score, r->max_score);
  ck_assert_msg (strstr (html, score) != NULL, "no “%s”", score);
  for (guint i = 0; i < r->n_standards; i++)
    {
      FwStandardResult *s = &r->standards[i];
      if (s->standard->id[0] == '3')
        ck_assert_int_eq (s->state, FW_STANDARD_NOT_RATED);
      else if (s->standard->id[0] == '2')
        ck_assert_int_eq (s->state, FW_STANDARD_RATED);
    }

  /* the answers of the sub-sample only */
  answers_path = export_to (data, FW_EXPORT_ANSWERS_CSV, "court-answers.csv");
  g_free (text);
  text = read_text (answers_path, &length);
  answers = parse_csv (text, length, "court-answers.csv");
  assert_answers_match (answers, "court-answers.csv", "BR-CO-", 29 * 13 + 17);

  /* the PDF: domain 3, which the sub-sample cannot rate, left out, and said so */
  if (have ("pdftotext"))
    {
      g_autofree char *pdf = export_to (data, FW_EXPORT_PDF, "court.pdf");
      g_auto(GStrv) lines = pdf_lines (pdf);
      g_autofree char *all = g_strjoinv (" ", lines);

      ck_assert (strstr (all, "Court disposals only") != NULL);
      ck_assert (strstr (all, "kind = court") == NULL);
      ck_assert_msg (strstr (all, "Left out: the standards this sub-sample has no cases for (3.1, 3.2, 3.3, 3.4)")
                     != NULL, "the PDF does not say what it leaves out");
      ck_assert_msg (strstr (all, score) != NULL, "no “%s” in the PDF", score);
      for (guint i = 0; i < r->n_questions; i++)
        {
          FwQuestionResult *q = &r->questions[i];
          const char *line = line_starting (lines, q->question->id);

          if (q->question->id[0] == '3')
            {
              ck_assert_msg (line == NULL, "%s is in the PDF of court cases: “%s”", q->question->id, line);
              continue;
            }
          ck_assert_msg (line != NULL, "%s is not in the PDF", q->question->id);
          if (q->question->id[0] == '2' || q->question->informs)   /* and a question that informs */
            {
              g_autofree char *pct = g_strdup_printf (" %u%% ", q->shown_percent);
              ck_assert_msg (strstr (line, pct) != NULL, "%s: no “%s” in “%s”", q->question->id, pct, line);
            }
          else
            ck_assert_msg (strchr (line, '%') == NULL && g_str_has_suffix (line, "—"), "%s: “%s”",
                           q->question->id, line);
        }
    }
}
END_TEST

/* How sure each % is (issue 13): the Wilson interval, and whether the band
 * could change within it, in the PDF, the HTML and the XLSX. */
START_TEST (test_intervals)
{
  g_autoptr(FwRating) r = engine (NULL);
  g_autoptr(FwExportData) data = collect (NULL);
  g_autofree char *html_path = export_to (data, FW_EXPORT_HTML, "ci.html");
  g_autofree char *html = read_text (html_path, NULL);
  guint n_change = 0, n_sure = 0;

  for (guint i = 0; i < r->n_questions; i++)
    {
      FwQuestionResult *q = &r->questions[i];
      g_autofree char *text = NULL, *bar = NULL;

      if (!q->has_percent)
        continue;
      text = g_strdup_printf ("likely %u.%u–%u.%u %%", q->ci_low / 10, q->ci_low % 10, q->ci_high / 10,
                              q->ci_high % 10);
      ck_assert_msg (strstr (html, text) != NULL, "%s: no “%s” in the HTML", q->question->id, text);
      bar = g_strdup_printf ("<span class=\"ci%s\" style=\"left:%u.%u%%", q->band_could_change ? " could-change" : "",
                             q->ci_low / 10, q->ci_low % 10);
      ck_assert_msg (strstr (html, bar) != NULL, "%s: no interval on the bar", q->question->id);
      if (q->band_could_change)
        n_change++;
      else
        n_sure++;
    }
  /* Brent has both: 2.1.1 (86 %, 25 of 29) could be Good; 2.2.1 (93 %) could not */
  ck_assert_uint_gt (n_change, 0);
  ck_assert_uint_gt (n_sure, 0);

  if (have ("pdftotext"))
    {
      g_autofree char *pdf = export_to (data, FW_EXPORT_PDF, "ci.pdf");
      g_auto(GStrv) lines = pdf_lines (pdf);
      g_autofree char *all = g_strjoinv (" ", lines);
      FwQuestion *q211 = NULL;
      FwQuestionResult *q;
      g_autofree char *text = NULL;

      fw_framework_find_item (r->framework, "2.1.1", &q211, NULL);
      q = &r->questions[q211->index];
      text = g_strdup_printf ("likely %u.%u–%u.%u %%: the band", q->ci_low / 10, q->ci_low % 10,
                              q->ci_high / 10, q->ci_high % 10);
      ck_assert_msg (strstr (all, text) != NULL, "no “%s” in the PDF", text);
    }
  if (have ("soffice") || have ("libreoffice"))
    {
      g_autofree char *xlsx = export_to (data, FW_EXPORT_XLSX, "ci.xlsx");
      gsize length;
      g_autofree char *csv_text = xlsx_to_csv (xlsx, 1, &length);
      g_autoptr(FwCsv) csv = parse_csv (csv_text, length, "ci.xlsx.csv");
      guint seen = 0;

      for (guint i = 0; i < csv->rows->len; i++)
        {
          FwCsvRow *row = g_ptr_array_index (csv->rows, i);
          FwQuestion *question = NULL;

          if (g_strv_length (row->fields) < 14 || strcmp (row->fields[0], "question") != 0
              || !fw_framework_find_item (r->framework, row->fields[1], &question, NULL) || question == NULL
              || !r->questions[question->index].has_percent)
            continue;
          {
            FwQuestionResult *q = &r->questions[question->index];
            g_autofree char *low = g_strdup_printf ("%u.%u", q->ci_low / 10, q->ci_low % 10);
            ck_assert_msg (g_str_has_prefix (row->fields[11], low), "%s: low “%s”, engine %s", row->fields[1],
                           row->fields[11], low);
            ck_assert_str_eq (row->fields[13], q->band_could_change ? "yes" : "no");
            seen++;
          }
        }
      ck_assert_uint_eq (seen, n_change + n_sure);
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("export");
  TCase *tc = tcase_create ("export");
  TCase *readers = tcase_create ("readers");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_summary_csv);
  tcase_add_test (tc, test_answers_csv);
  tcase_add_test (tc, test_html);
  tcase_add_test (tc, test_html_escapes);
  tcase_add_test (tc, test_unwritable);
  tcase_add_test (tc, test_cancel);
  tcase_add_test (tc, test_progress);
  tcase_add_test (tc, test_subsample);
  suite_add_tcase (s, tc);

  /* pdftotext and LibreOffice: slower, a longer timeout */
  tcase_add_checked_fixture (readers, setup, teardown);
  tcase_set_timeout (readers, 100);
  tcase_add_test (readers, test_pdf);
  tcase_add_test (readers, test_xlsx);
  tcase_add_test (readers, test_intervals);
  suite_add_tcase (s, readers);
  return fw_test_run (s);
}
