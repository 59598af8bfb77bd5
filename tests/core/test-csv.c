/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fw-test-util.h"

static FwCsv *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  FwCsv *csv = fw_csv_parse (text, strlen (text), "t.csv", &error);

  ck_assert_msg (csv != NULL, "%s", error ? error->message : "");
  return csv;
}

START_TEST (test_simple)
{
  g_autoptr(FwCsv) csv = parse_ok ("a,b,c\n1,2,3\n4,5,6\n");
  FwCsvRow *row;

  ck_assert_str_eq (csv->header->fields[2], "c");
  ck_assert_uint_eq (csv->rows->len, 2);
  row = g_ptr_array_index (csv->rows, 1);
  ck_assert_str_eq (row->fields[0], "4");
  ck_assert_uint_eq (row->line, 3);
}
END_TEST

START_TEST (test_bom_crlf)
{
  g_autoptr(FwCsv) csv = parse_ok ("\xEF\xBB\xBFreference,kind\r\nX1,court\r\nX2,court");
  FwCsvRow *row = g_ptr_array_index (csv->rows, 1);

  ck_assert_str_eq (csv->header->fields[0], "reference");
  ck_assert_str_eq (row->fields[1], "court");
  ck_assert_uint_eq (row->line, 3);
}
END_TEST

START_TEST (test_quotes)
{
  g_autoptr(FwCsv) csv = parse_ok ("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,\"\"\n");
  FwCsvRow *r1 = g_ptr_array_index (csv->rows, 0);
  FwCsvRow *r2 = g_ptr_array_index (csv->rows, 1);
  FwCsvRow *r3 = g_ptr_array_index (csv->rows, 2);

  ck_assert_str_eq (r1->fields[0], "x, y");
  ck_assert_str_eq (r1->fields[1], "say \"hi\"");
  ck_assert_str_eq (r2->fields[0], "two\nlines");
  ck_assert_uint_eq (r2->line, 3);
  /* the row after a quoted line break starts on line 5 */
  ck_assert_uint_eq (r3->line, 5);
  ck_assert_str_eq (r3->fields[1], "");
}
END_TEST

START_TEST (test_blank_lines_skipped)
{
  g_autoptr(FwCsv) csv = parse_ok ("a,b\n\n1,2\n\r\n3,4\n\n");

  ck_assert_uint_eq (csv->rows->len, 2);
  ck_assert_uint_eq (((FwCsvRow *) g_ptr_array_index (csv->rows, 1))->line, 5);
}
END_TEST

START_TEST (test_errors)
{
  static const struct { const char *text; int code; const char *where; } cases[] = {
    { "", FW_CSV_ERROR_EMPTY, "t.csv:1:" },
    { "\xEF\xBB\xBF", FW_CSV_ERROR_EMPTY, "t.csv:1:" },
    { "\n\n", FW_CSV_ERROR_EMPTY, "t.csv:1:" },
    { "a,b\n1,\"open\n", FW_CSV_ERROR_SYNTAX, "t.csv:2:" },
    { "a,b\n1,\"x\"y\n", FW_CSV_ERROR_SYNTAX, "t.csv:2:" },
    { "a,b\n1,x\"y\n", FW_CSV_ERROR_SYNTAX, "t.csv:2:" },
    { "a,b\n1,2\n1,2,3\n", FW_CSV_ERROR_FIELD_COUNT, "t.csv:3:" },
    { "a,b\n1\n", FW_CSV_ERROR_FIELD_COUNT, "t.csv:2:" },
    { "a,b\n1,2\nx,caf\xE9\n", FW_CSV_ERROR_ENCODING, "t.csv:3:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwCsv) csv = fw_csv_parse (cases[i].text, strlen (cases[i].text), "t.csv", &error);

      ck_assert_msg (csv == NULL, "case %u parsed", i);
      ck_assert_error (error, FW_CSV_ERROR, cases[i].code);
      ck_assert_msg (g_str_has_prefix (error->message, cases[i].where),
                     "case %u: “%s” should start with %s", i, error->message, cases[i].where);
    }
}
END_TEST

/* Lines end at CRLF, LF or a lone CR, in quotes too (issue 14) */
START_TEST (test_cr_line_numbers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCsv) csv = parse_ok ("a,b\r1,2\r\"x\ry\",3\r4,5\r");
  FwCsvRow *r2 = g_ptr_array_index (csv->rows, 1);
  FwCsvRow *r3 = g_ptr_array_index (csv->rows, 2);
  const char *bad = "a,b\r1,2\r\"x\r\ny\",3\r\"never\rclosed,4\r";
  const char *not_utf8 = "a,b\r1,\"x\ry\"\r2,\xff\r";
  FwCsv *none;

  ck_assert_uint_eq (csv->rows->len, 3);
  ck_assert_str_eq (r2->fields[0], "x\ry");
  ck_assert_uint_eq (r2->line, 3);
  ck_assert_uint_eq (r3->line, 5);

  /* a CRLF inside quotes is one line break, a lone CR another */
  none = fw_csv_parse (bad, strlen (bad), "t.csv", &error);
  ck_assert_ptr_null (none);
  ck_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_SYNTAX);
  ck_assert_msg (g_str_has_prefix (error->message, "t.csv:5:"), "%s", error->message);
  g_clear_error (&error);

  none = fw_csv_parse (not_utf8, strlen (not_utf8), "t.csv", &error);
  ck_assert_ptr_null (none);
  ck_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING);
  ck_assert_msg (g_str_has_prefix (error->message, "t.csv:4:"), "%s", error->message);
}
END_TEST

START_TEST (test_write_roundtrip)
{
  const char *values[] = { "plain", "with, comma", "with \"quote\"", "two\nlines", "" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(FwCsv) csv = NULL;
  FwCsvRow *row;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    fw_csv_append_field (out, "h", i == 0);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    fw_csv_append_field (out, values[i], i == 0);
  g_string_append (out, "\r\n");

  csv = parse_ok (out->str);
  row = g_ptr_array_index (csv->rows, 0);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    ck_assert_str_eq (row->fields[i], values[i]);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("csv");
  TCase *tc = tcase_create ("parse");

  tcase_add_test (tc, test_simple);
  tcase_add_test (tc, test_bom_crlf);
  tcase_add_test (tc, test_quotes);
  tcase_add_test (tc, test_blank_lines_skipped);
  tcase_add_test (tc, test_errors);
  tcase_add_test (tc, test_cr_line_numbers);
  tcase_add_test (tc, test_write_roundtrip);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
