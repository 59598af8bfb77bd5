/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fw-test-util.h"

/* A small valid framework; the bad-input tests change one thing in it. */
static const char *base =
  "<?xml version=\"1.0\"?>\n"
  "<framework xmlns=\"urn:fieldwork:framework:1\" id=\"mini\" version=\"1\" xml:lang=\"en\">\n"
  "  <title>Mini</title>\n"
  "  <kinds><kind id=\"a\"><title>A</title></kind><kind id=\"b\"><title>B</title></kind></kinds>\n"
  "  <rating rounding=\"rounded\">\n"
  "    <band id=\"low\" min=\"0\" score=\"0\" colour=\"#000000\"><title>Low</title></band>\n"
  "    <band id=\"high\" min=\"50\" score=\"1\" colour=\"#ffffff\"><title>High</title></band>\n"
  "  </rating>\n"
  "  <total><range min=\"0\" max=\"1\" rating=\"low\"/><range min=\"2\" max=\"2\" rating=\"high\"/></total>\n"
  "  <domain id=\"D\"><title>D</title>\n"
  "    <standard id=\"S1\" kinds=\"a\"><title>S1</title>\n"
  "      <question id=\"Q1\"><text>Q1?</text><prompt id=\"Q1.a\"><text>P</text></prompt></question>\n"
  "    </standard>\n"
  "    <standard id=\"S2\" kinds=\"a b\"><title>S2</title>\n"
  "      <question id=\"Q2\"><text>Q2?</text></question>\n"
  "    </standard>\n"
  "  </domain>\n"
  "</framework>\n";

static FwFramework *
parse_variant (const char *find, const char *replace, GError **error)
{
  g_autoptr(GString) text = g_string_new (base);

  if (find)
    ck_assert_msg (g_string_replace (text, find, replace, 1) == 1, "variant “%s” not applied", find);
  return fw_framework_new_from_data (text->str, text->len, "mini.xml", error);
}

START_TEST (test_base_is_valid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = parse_variant (NULL, NULL, &error);
  FwQuestion *q = NULL;
  FwPrompt *p = NULL;

  ck_assert_msg (fw != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (fw_framework_get_id (fw), "mini");
  ck_assert_uint_eq (fw_framework_get_questions (fw)->len, 2);
  ck_assert (fw_framework_find_item (fw, "Q1.a", &q, &p));
  ck_assert_ptr_null (q);
  ck_assert_str_eq (p->question->id, "Q1");
  ck_assert (fw_framework_find_item (fw, "Q2", &q, &p));
  ck_assert_ptr_nonnull (q);
  ck_assert (fw_question_applies_to (q, fw_framework_find_kind (fw, "b")));
  ck_assert (!fw_question_applies_to (p ? p->question : fw_framework_find_item (fw, "Q1", &q, NULL) ? q : NULL,
                                      fw_framework_find_kind (fw, "b")));
  ck_assert (!fw_framework_find_item (fw, "S1", NULL, NULL));
}
END_TEST

START_TEST (test_shipped)
{
  g_autofree char *p2018 = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *p2025 = fw_test_framework_path ("hmip-youth-2025.xml");
  g_autoptr(FwFramework) f2018 = fw_test_load_framework (p2018);
  g_autoptr(FwFramework) f2025 = fw_test_load_framework (p2025);
  FwStandard *s;
  FwQuestion *q;

  ck_assert_str_eq (fw_framework_get_id (f2018), "hmip-youth-2018");
  ck_assert_uint_eq (fw_framework_get_version (f2018), 2);
  /* twelve rated standards and one that informs (O1, management oversight) */
  ck_assert_uint_eq (fw_framework_get_standards (f2018)->len, 13);
  /* 2.1–2.4 and 3.1–3.3 have three key questions, 3.4 two, O1 one */
  ck_assert_uint_eq (fw_framework_get_questions (f2018)->len, 24);
  s = fw_framework_find_standard (f2018, "O1");
  ck_assert_uint_eq (s->rule, FW_RULE_INFORMS);
  ck_assert (!s->provisional);   /* the finding is published; only the wording is ours */
  ck_assert (fw_framework_find_item (f2018, "O1.1", &q, NULL));
  ck_assert (q->informs);
  ck_assert (q->provisional);
  ck_assert (q->na_allowed);
  ck_assert_uint_eq (fw_framework_get_bands (f2018)->len, 4);
  ck_assert_uint_eq (fw_framework_get_rounding (f2018), FW_ROUNDING_ROUNDED);
  s = fw_framework_find_standard (f2018, "1.3");
  ck_assert_uint_eq (s->rule, FW_RULE_JUDGED);
  ck_assert_uint_eq (s->questions->len, 3);
  s = fw_framework_find_standard (f2018, "3.4");
  ck_assert_uint_eq (s->questions->len, 2);
  ck_assert (fw_framework_find_item (f2018, "2.1.1.a", NULL, NULL));
  ck_assert (fw_framework_find_item (f2018, "1.1.1", &q, NULL));
  ck_assert (q->guidance);

  ck_assert_str_eq (fw_framework_get_id (f2025), "hmip-youth-2025");
  ck_assert_uint_eq (fw_framework_get_standards (f2025)->len, 4);
  ck_assert_uint_eq (fw_framework_get_questions (f2025)->len, 7);
  ck_assert (fw_framework_total_is_provisional (f2025));
  s = fw_framework_find_standard (f2025, "V1");
  ck_assert_uint_eq (s->rule, FW_RULE_JUDGED);
}
END_TEST

START_TEST (test_made_up_frameworks)
{
  const char *names[] = { "madeup-pooled.xml", "madeup-core-case.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *rel = g_build_filename ("frameworks", names[i], NULL);
      g_autofree char *path = fw_test_data_path (rel);
      g_autoptr(FwFramework) fw = fw_test_load_framework (path);
      ck_assert_ptr_nonnull (fw);
    }
}
END_TEST

START_TEST (test_catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = fw_framework_list_available (&error);
  g_autoptr(FwFramework) fw = NULL;
  gboolean seen2018 = FALSE, seen2025 = FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      FwFrameworkInfo *info = g_ptr_array_index (list, i);
      seen2018 |= strcmp (info->id, "hmip-youth-2018") == 0;
      seen2025 |= strcmp (info->id, "hmip-youth-2025") == 0;
    }
  ck_assert (seen2018 && seen2025);
  fw = fw_framework_load_available ("hmip-youth-2025", &error);
  ck_assert_ptr_nonnull (fw);
  ck_assert_ptr_null (fw_framework_load_available ("no-such", &error));
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_NOT_FOUND);
}
END_TEST

START_TEST (test_installed_framework_found)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *src = fw_test_data_path ("frameworks/madeup-pooled.xml");
  g_autofree char *contents = NULL;
  g_autofree char *dst = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;

  ck_assert (g_file_get_contents (src, &contents, NULL, NULL));
  dst = fw_test_write (dir, "madeup.xml", contents, -1);
  g_setenv ("FIELDWORK_FRAMEWORKS_DIR", dir, TRUE);
  fw = fw_framework_load_available ("test-pooled", &error);
  g_unsetenv ("FIELDWORK_FRAMEWORKS_DIR");
  fw_test_rmdir (dir);
  ck_assert_msg (fw != NULL, "%s", error ? error->message : "");
}
END_TEST

static const struct {
  const char *find;
  const char *replace;
  int         code;
  const char *where;      /* file:line the message must start with */
  const char *mentions;
} bad[] = {
  /* not well-formed */
  { "<title>Mini</title>", "<title>Mini</titel>", FW_FRAMEWORK_ERROR_MALFORMED, "mini.xml:3:", "well-formed" },
  { "</framework>", "", FW_FRAMEWORK_ERROR_MALFORMED, "mini.xml:", "well-formed" },
  /* a DTD, entity expansion (billion laughs, external entities) refused */
  { "<?xml version=\"1.0\"?>\n", "<?xml version=\"1.0\"?>\n<!DOCTYPE framework [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
    FW_FRAMEWORK_ERROR_MALFORMED, "mini.xml:2:", "DOCTYPE" },
  /* libxml2's message runs over two lines here (found by fuzzing): one line */
  { "<title>Mini</title>", "<title>Mini\xff</title>", FW_FRAMEWORK_ERROR_MALFORMED, "mini.xml:3:", "UTF-8" },
  /* schema-invalid */
  { " score=\"1\"", "", FW_FRAMEWORK_ERROR_SCHEMA, "mini.xml:7:", "schema" },
  { "rounding=\"rounded\"", "rounding=\"ceiling\"", FW_FRAMEWORK_ERROR_SCHEMA, "mini.xml:5:", "schema" },
  { "colour=\"#000000\"", "colour=\"black\"", FW_FRAMEWORK_ERROR_SCHEMA, "mini.xml:6:", "schema" },
  { "<title>Mini</title>", "<title>Mini</title><unknown/>", FW_FRAMEWORK_ERROR_SCHEMA, "mini.xml:3:", "schema" },
  { "min=\"50\"", "min=\"150\"", FW_FRAMEWORK_ERROR_SCHEMA, "mini.xml:7:", "schema" },
  { "xmlns=\"urn:fieldwork:framework:1\"", "xmlns=\"urn:other\"", FW_FRAMEWORK_ERROR_SCHEMA, "mini.xml:2:", "schema" },
  /* consistent with the schema, but not with itself */
  { "kinds=\"a b\"", "kinds=\"a c\"", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:14:", "“c”" },
  { "<question id=\"Q2\">", "<question id=\"Q1\">", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:15:", "twice" },
  { "min=\"50\"", "min=\"0\"", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:7:", "rising" },
  { "band id=\"low\" min=\"0\"", "band id=\"low\" min=\"10\"", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:6:", "start at 0" },
  { "<range min=\"2\"", "<range min=\"3\"", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:9:", "gaps" },
  { "rating=\"high\"/>", "rating=\"top\"/>", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:9:", "“top”" },
  { "<standard id=\"S2\" kinds=\"a b\">", "<standard id=\"S1\" kinds=\"a b\">", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:14:", "twice" },
  { "<standard id=\"S1\" kinds=\"a\">", "<standard id=\"S1\">", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:11:", "no key question" },
  { "<question id=\"Q2\">", "<question id=\"Q2\" kinds=\"c\">", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:15:", "“c”" },
  { "<prompt id=\"Q1.a\">", "<prompt id=\"Q2\">", FW_FRAMEWORK_ERROR_INVALID, "mini.xml:", "twice" },
};

START_TEST (test_bad_framework)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = parse_variant (bad[_i].find, bad[_i].replace, &error);

  ck_assert_msg (fw == NULL, "variant %d was accepted", _i);
  ck_assert_error (error, FW_FRAMEWORK_ERROR, bad[_i].code);
  ck_assert_msg (g_str_has_prefix (error->message, bad[_i].where), "variant %d: “%s” does not start with %s",
                 _i, error->message, bad[_i].where);
  ck_assert_msg (strstr (error->message, bad[_i].mentions) != NULL, "variant %d: “%s” does not mention %s",
                 _i, error->message, bad[_i].mentions);
  ck_assert_msg (strchr (error->message, '\n') == NULL, "variant %d: “%s” is not one line", _i, error->message);
}
END_TEST

/* Nothing on stderr from libxml2 for a file in another encoding with bad
 * bytes (found by fuzzing): the one-line error says it all. */
START_TEST (test_encoding_error_quiet)
{
  const char *xml = "<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n<framework>\xc3\xd0\x8e\x75\xff\xff</framework>\n";
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *err_path = g_build_filename (dir, "stderr", NULL);
  g_autofree char *captured = NULL;
  g_autoptr(GError) error = NULL;
  FwFramework *fw;
  int saved = dup (2), fd = open (err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  ck_assert_int_ge (fd, 0);
  dup2 (fd, 2);
  fw = fw_framework_new_from_data (xml, strlen (xml), "enc.xml", &error);
  dup2 (saved, 2);
  close (fd);
  close (saved);
  ck_assert_ptr_null (fw);
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_MALFORMED);
  ck_assert (g_file_get_contents (err_path, &captured, NULL, NULL));
  ck_assert_msg (captured[0] == '\0', "libxml2 wrote to stderr: %s", captured);
  fw_test_rmdir (dir);
}
END_TEST

/* A framework file larger than FW_FRAMEWORK_MAX_SIZE is refused unread,
 * with one line that says so; the same bytes given in memory too. */
START_TEST (test_too_large)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  FwFramework *fw;
  FILE *f = fopen (path, "w");

  /* a sparse file of 100 MB */
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (ftruncate (fileno (f), 100 * 1000 * 1000), 0);
  fclose (f);
  fw = fw_framework_new_from_file (path, &error);
  ck_assert_ptr_null (fw);
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_TOO_LARGE);
  ck_assert_msg (g_str_has_prefix (error->message, path) && strstr (error->message, "100.0") != NULL
                 && strchr (error->message, '\n') == NULL, "%s", error->message);
  g_clear_error (&error);

  data = g_malloc0 (FW_FRAMEWORK_MAX_SIZE + 1);
  fw = fw_framework_new_from_data (data, FW_FRAMEWORK_MAX_SIZE + 1, "big.xml", &error);
  ck_assert_ptr_null (fw);
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_TOO_LARGE);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_missing_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = fw_framework_new_from_file ("/nonexistent/x.xml", &error);

  ck_assert_ptr_null (fw);
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_IO);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("framework");
  TCase *tc = tcase_create ("load");

  tcase_add_test (tc, test_base_is_valid);
  tcase_add_test (tc, test_shipped);
  tcase_add_test (tc, test_made_up_frameworks);
  tcase_add_test (tc, test_catalogue);
  tcase_add_test (tc, test_installed_framework_found);
  tcase_add_loop_test (tc, test_bad_framework, 0, G_N_ELEMENTS (bad));
  tcase_add_test (tc, test_missing_file);
  tcase_add_test (tc, test_too_large);
  tcase_add_test (tc, test_encoding_error_quiet);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
