/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line contract (SPEC §4.1, §4.3), by running the real
 * fieldwork-cli in a temporary folder. */
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "fw-test-util.h"

static char *
published (const char *name)
{
  g_autofree char *rel = g_build_filename ("published", name, NULL);
  return fw_test_data_path (rel);
}

/* `new`, and the id it prints */
static char *
new_inspection (const char *dir, const char *framework, const char *service)
{
  FwTestRun r = { 0, };
  char *id;

  fw_test_cli (&r, dir, "--db", "t.db", "new", "--framework", framework, "--service", service,
       "--start", "2019-10-07", NULL);
  fw_test_assert_ok (&r);
  id = g_strstrip (g_strdup (r.out));
  ck_assert_msg (*id && strchr (id, '\n') == NULL, "new printed “%s”", r.out);
  fw_test_run_clear (&r);
  return id;
}

static void
import (const char *dir, const char *command, const char *id, const char *path)
{
  FwTestRun r = { 0, };

  fw_test_cli (&r, dir, "--db", "t.db", command, "--inspection", id, path, NULL);
  fw_test_assert_ok (&r);
  fw_test_run_clear (&r);
}

static char *
rate_json (const char *dir, const char *id, const char *where)
{
  FwTestRun r = { 0, };
  char *out;

  if (where)
    fw_test_cli (&r, dir, "--db", "t.db", "rate", "--inspection", id, "--where", where, "--json", NULL);
  else
    fw_test_cli (&r, dir, "--db", "t.db", "rate", "--inspection", id, "--json", NULL);
  fw_test_assert_ok (&r);
  out = g_steal_pointer (&r.out);
  fw_test_run_clear (&r);
  return out;
}

static JsonObject *
parse_json (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  ck_assert_msg (json_parser_load_from_data (parser, text, -1, &error), "bad JSON: %s\n%s",
                 error ? error->message : "?", text);
  root = json_parser_get_root (parser);
  ck_assert_msg (root && JSON_NODE_HOLDS_OBJECT (root), "the JSON is not an object");
  return json_node_get_object (root);
}

static JsonNode *
member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  ck_assert_msg (n != NULL, "no member “%s”", name);
  return n;
}

static const char *
str_member (JsonObject *o, const char *name)
{
  JsonNode *n = member (o, name);

  if (JSON_NODE_HOLDS_NULL (n))
    return NULL;
  ck_assert_msg (json_node_get_value_type (n) == G_TYPE_STRING, "“%s” is not a string", name);
  return json_node_get_string (n);
}

static gint64
int_member (JsonObject *o, const char *name)
{
  JsonNode *n = member (o, name);

  ck_assert_msg (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64,
                 "“%s” is not an integer", name);
  return json_node_get_int (n);
}

static gboolean
bool_member (JsonObject *o, const char *name)
{
  JsonNode *n = member (o, name);

  ck_assert_msg (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN,
                 "“%s” is not a boolean", name);
  return json_node_get_boolean (n);
}

static gboolean
is_null (JsonObject *o, const char *name)
{
  return JSON_NODE_HOLDS_NULL (member (o, name));
}

static double
number_member (JsonObject *o, const char *name)
{
  JsonNode *n = member (o, name);
  GType t;

  ck_assert_msg (JSON_NODE_HOLDS_VALUE (n), "“%s” is not a number", name);
  t = json_node_get_value_type (n);
  ck_assert_msg (t == G_TYPE_DOUBLE || t == G_TYPE_INT64, "“%s” is not a number", name);
  return json_node_get_double (n);
}

static JsonObject *
find_by_id (JsonArray *array, const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (o && g_strcmp0 (json_object_get_string_member (o, "id"), id) == 0)
        return o;
    }
  ck_abort_msg ("no element with id %s", id);
  return NULL;
}

static JsonObject *
find_standard (JsonObject *root, const char *id)
{
  return find_by_id (json_node_get_array (member (root, "standards")), id);
}

static JsonObject *
find_question (JsonObject *root, const char *standard, const char *id)
{
  JsonObject *s = find_standard (root, standard);
  return find_by_id (json_node_get_array (member (s, "questions")), id);
}

/* ---------------------------------------------------------------- tests */

START_TEST (test_frameworks)
{
  g_autofree char *dir = fw_test_tmpdir ();
  FwTestRun r = { 0, };

  fw_test_cli (&r, dir, "frameworks", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "hmip-youth-2018") != NULL, "%s", r.out);
  ck_assert_msg (strstr (r.out, "hmip-youth-2025") != NULL, "%s", r.out);
  /* the made-up test frameworks are not installed */
  ck_assert (strstr (r.out, "test-pooled") == NULL);
  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_validate)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *good = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *src = fw_test_data_path ("frameworks/madeup-pooled.xml");
  g_autofree char *text = NULL;
  g_autoptr(GString) broken = NULL;
  g_autofree char *path = NULL;
  FwTestRun r = { 0, };

  fw_test_cli (&r, dir, "validate", good, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "hmip-youth-2018") != NULL, "%s", r.out);
  ck_assert_str_eq (r.err, "");

  /* not well-formed on line 6 */
  ck_assert (g_file_get_contents (src, &text, NULL, NULL));
  broken = g_string_new (text);
  ck_assert_uint_eq (g_string_replace (broken, "<title>Made-up audit with other thresholds</title>",
                                       "<title>Made-up audit with other thresholds</titel>", 1), 1);
  path = fw_test_write (dir, "broken.xml", broken->str, broken->len);
  fw_test_cli (&r, dir, "validate", "broken.xml", NULL);
  fw_test_assert_one_line_error (&r, "broken.xml:6");
  ck_assert_str_eq (r.out, "");

  /* schema-invalid on line 15 */
  g_string_assign (broken, text);
  ck_assert_uint_eq (g_string_replace (broken, "rounding=\"exact\"", "rounding=\"ceiling\"", 1), 1);
  g_free (path);
  path = fw_test_write (dir, "schema.xml", broken->str, broken->len);
  fw_test_cli (&r, dir, "validate", "schema.xml", NULL);
  fw_test_assert_one_line_error (&r, "schema.xml:15");

  /* no such file */
  fw_test_cli (&r, dir, "validate", "missing.xml", NULL);
  fw_test_assert_one_line_error (&r, "missing.xml");

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_new_bad_date)
{
  g_autofree char *dir = fw_test_tmpdir ();
  FwTestRun r = { 0, };

  fw_test_cli (&r, dir, "--db", "t.db", "new", "--framework", "hmip-youth-2018", "--service", "Brent",
       "--start", "2019-02-30", NULL);
  fw_test_assert_one_line_error (&r, "2019-02-30");
  ck_assert_str_eq (r.out, "");

  /* an unknown framework fails too */
  fw_test_cli (&r, dir, "--db", "t.db", "new", "--framework", "no-such", "--service", "Brent",
       "--start", "2019-02-28", NULL);
  fw_test_assert_one_line_error (&r, "no-such");

  fw_test_cli (&r, dir, "--db", "t.db", "inspections", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strcmp (r.out, "") == 0, "an inspection was created: %s", r.out);

  /* the date itself was the problem */
  fw_test_cli (&r, dir, "--db", "t.db", "new", "--framework", "hmip-youth-2018", "--service", "Brent",
       "--start", "2020-02-29", NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "inspections", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "2020-02-29") && strstr (r.out, "Brent"), "%s", r.out);

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_brent_flow)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *judgements = published ("brent-2019-judgements.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *s, *q;
  JsonArray *standards;

  import (dir, "import-cases", id, cases);
  import (dir, "import-answers", id, answers);
  import (dir, "import-judgements", id, judgements);
  json = rate_json (dir, id, NULL);
  root = parse_json (parser, json);

  ck_assert_str_eq (str_member (root, "inspection"), id);
  ck_assert_str_eq (str_member (root, "framework"), "hmip-youth-2018");
  ck_assert_str_eq (str_member (root, "service"), "Brent");
  ck_assert (bool_member (root, "complete"));
  ck_assert_int_eq (int_member (root, "score"), 21);
  ck_assert_int_eq (int_member (root, "max_score"), 36);
  ck_assert_str_eq (str_member (root, "rating"), "good");

  /* every standard and question carries the contract fields */
  standards = json_node_get_array (member (root, "standards"));
  ck_assert_uint_eq (json_array_get_length (standards), 12);
  for (guint i = 0; i < json_array_get_length (standards); i++)
    {
      JsonArray *questions;

      s = json_array_get_object_element (standards, i);
      ck_assert (str_member (s, "id") != NULL);
      ck_assert (str_member (s, "title") != NULL);
      ck_assert (str_member (s, "rating") != NULL);
      ck_assert_int_le (int_member (s, "score"), 3);
      bool_member (s, "judged");
      questions = json_node_get_array (member (s, "questions"));
      for (guint j = 0; j < json_array_get_length (questions); j++)
        {
          q = json_array_get_object_element (questions, j);
          ck_assert (str_member (q, "id") != NULL);
          ck_assert_int_eq (int_member (q, "yes") + int_member (q, "no") + int_member (q, "na")
                            + int_member (q, "unanswered"), str_member (s, "id")[0] == '2' ? 29 : 20);
          ck_assert_int_eq (int_member (q, "unanswered"), 0);
          number_member (q, "percent");
          ck_assert (str_member (q, "band") != NULL);
        }
    }

  s = find_standard (root, "2.1");
  ck_assert_str_eq (str_member (s, "title"), "Assessment");
  ck_assert_str_eq (str_member (s, "rating"), "good");
  ck_assert_int_eq (int_member (s, "score"), 2);
  ck_assert (!bool_member (s, "judged"));
  q = find_question (root, "2.1", "2.1.1");
  ck_assert_int_eq (int_member (q, "yes"), 25);
  ck_assert_int_eq (int_member (q, "no"), 4);
  ck_assert_int_eq (int_member (q, "na"), 0);
  ck_assert_int_eq (int_member (q, "unanswered"), 0);
  ck_assert_msg (fabs (number_member (q, "percent") - 86.2) < 1e-9, "percent %g", number_member (q, "percent"));
  ck_assert_str_eq (str_member (q, "band"), "outstanding");

  q = find_question (root, "2.4", "2.4.3");
  ck_assert_int_eq (int_member (q, "yes"), 12);
  ck_assert_int_eq (int_member (q, "no"), 3);
  ck_assert_int_eq (int_member (q, "na"), 14);
  ck_assert (fabs (number_member (q, "percent") - 80.0) < 1e-9);

  s = find_standard (root, "1.3");
  ck_assert (bool_member (s, "judged"));
  ck_assert_str_eq (str_member (s, "rating"), "requires-improvement");
  ck_assert_int_eq (int_member (s, "score"), 1);
  s = find_standard (root, "3.3");
  ck_assert_str_eq (str_member (s, "rating"), "requires-improvement");
  q = find_question (root, "3.3", "3.3.3");
  ck_assert (fabs (number_member (q, "percent") - 61.5) < 1e-9);
  ck_assert_str_eq (str_member (q, "band"), "requires-improvement");

  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_rate_where)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *judgements = published ("brent-2019-judgements.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *s, *q;
  FwTestRun r = { 0, };

  import (dir, "import-cases", id, cases);
  import (dir, "import-answers", id, answers);
  import (dir, "import-judgements", id, judgements);
  json = rate_json (dir, id, "kind=out-of-court");
  root = parse_json (parser, json);

  /* domain 2 has no cases in this sub-sample: not rated, no % */
  for (const char *const *sid = (const char *[]) { "2.1", "2.2", "2.3", "2.4", NULL }; *sid; sid++)
    {
      s = find_standard (root, *sid);
      ck_assert_msg (is_null (s, "rating"), "%s is rated out of court", *sid);
      ck_assert (is_null (s, "score"));
    }
  q = find_question (root, "2.1", "2.1.1");
  ck_assert_int_eq (int_member (q, "yes") + int_member (q, "no") + int_member (q, "na"), 0);
  ck_assert (is_null (q, "percent"));
  ck_assert (is_null (q, "band"));
  /* domain 3 as in the whole sample */
  ck_assert_str_eq (str_member (find_standard (root, "3.3"), "rating"), "requires-improvement");
  ck_assert_str_eq (str_member (find_standard (root, "3.1"), "rating"), "good");
  q = find_question (root, "3.3", "3.3.3");
  ck_assert_int_eq (int_member (q, "yes"), 8);
  ck_assert_int_eq (int_member (q, "no"), 5);
  /* judged 2+2+1+1 and domain 3 2+2+1+2, out of 24 */
  ck_assert_int_eq (int_member (root, "score"), 13);
  ck_assert_int_eq (int_member (root, "max_score"), 24);
  ck_assert_str_eq (str_member (root, "rating"), "good");

  /* an unknown attribute is refused with one line */
  fw_test_cli (&r, dir, "--db", "t.db", "rate", "--inspection", id, "--where", "colour=blue", "--json", NULL);
  fw_test_assert_one_line_error (&r, "colour");
  ck_assert_str_eq (r.out, "");

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

/* A framework whose attributes are not HMIP's works with no code change:
 * it validates, makes an inspection, imports cases with its columns (and
 * rejects a value outside a closed list), rates with --where on them, lists
 * them in `cases` and exports them; its note policy and its question that
 * informs but is not scored are followed. */
START_TEST (test_own_attributes)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *framework = fw_test_data_path ("frameworks/madeup-attributes.xml");
  g_autofree char *cases = fw_test_write (dir, "cases.csv",
                                          "reference,kind,region,priority,team\n"
                                          "F1,file,north,urgent,Blue\n"
                                          "F2,file,South_West,routine,Red\n"
                                          "F3,file,north,,\n", -1);
  g_autofree char *bad = fw_test_write (dir, "bad.csv",
                                        "reference,kind,region\nG1,file,north\nG2,file,east\n", -1);
  g_autofree char *hmip = fw_test_write (dir, "hmip.csv", "reference,kind,disposal\nH1,file,referral order\n", -1);
  g_autofree char *answers = fw_test_write (dir, "answers.csv",
                                            "reference,question,answer,note\n"
                                            "F1,D1.1,yes,\n"
                                            "F1,D1.2,yes,\n"
                                            "F1,O1.1,yes,seen\n"
                                            "F2,D1.1,no,missing\n"
                                            "F2,D1.2,yes,\n"
                                            "F2,O1.1,no,none\n"
                                            "F3,D1.1,yes,fine\n"
                                            "F3,D1.2,yes,\n"
                                            "F3,O1.1,yes,seen\n", -1);
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *export_path = g_build_filename (dir, "answers-out.csv", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *q;
  JsonArray *list;
  FwTestRun r = { 0, };

  fw_test_cli (&r, dir, "validate", framework, NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "new", "--framework-file", framework, "--service", "Made up",
       "--start", "2026-01-05", NULL);
  fw_test_assert_ok (&r);
  id = g_strstrip (g_strdup (r.out));

  import (dir, "import-cases", id, cases);
  /* a value outside a closed list: file, line, column and field; nothing imported */
  fw_test_cli (&r, dir, "--db", "t.db", "import-cases", "--inspection", id, bad, NULL);
  fw_test_assert_one_line_error (&r, "bad.csv:3: column 3 “region”");
  ck_assert_msg (strstr (r.err, "east") && strstr (r.err, "north, south-west"), "%s", r.err);
  /* HMIP's attributes are not this framework's */
  fw_test_cli (&r, dir, "--db", "t.db", "import-cases", "--inspection", id, hmip, NULL);
  fw_test_assert_one_line_error (&r, "column 3 “disposal”");

  fw_test_cli (&r, dir, "--db", "t.db", "cases", "--inspection", id, "--json", NULL);
  fw_test_assert_ok (&r);
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    JsonObject *f2;

    ck_assert_msg (json_parser_load_from_data (p, r.out, -1, NULL), "%s", r.out);
    list = json_node_get_array (json_parser_get_root (p));
    ck_assert_uint_eq (json_array_get_length (list), 3);
    f2 = json_array_get_object_element (list, 1);
    ck_assert_str_eq (str_member (f2, "reference"), "F2");
    ck_assert_str_eq (str_member (f2, "kind"), "file");
    ck_assert_str_eq (str_member (f2, "status"), "not-started");
    ck_assert (is_null (f2, "inspector"));
    /* spelled as the closed list spells it */
    ck_assert_str_eq (str_member (f2, "region"), "south-west");
    ck_assert_str_eq (str_member (f2, "team"), "Red");
    ck_assert (is_null (json_array_get_object_element (list, 2), "priority"));
  }

  import (dir, "import-answers", id, answers);
  json = rate_json (dir, id, "region=north");
  root = parse_json (parser, json);
  q = find_question (root, "D1", "D1.1");
  ck_assert_int_eq (int_member (q, "yes"), 2);
  ck_assert_int_eq (int_member (q, "no"), 0);
  ck_assert_str_eq (str_member (root, "rating"), "sound");
  /* the question that informs is reported apart, never scored */
  list = json_object_get_array_member (root, "standards");
  for (guint i = 0; i < json_array_get_length (list); i++)
    ck_assert_str_ne (str_member (json_array_get_object_element (list, i), "id"), "O1");
  q = find_by_id (json_object_get_array_member (root, "other_findings"), "O1.1");
  ck_assert_ptr_nonnull (q);
  ck_assert_int_eq (int_member (q, "yes"), 2);
  ck_assert_int_eq (int_member (root, "max_score"), 1);
  /* its wording is provisional, said with it; the rating's own list is for
   * what the rating rests on */
  ck_assert (bool_member (q, "provisional"));
  list = json_object_get_array_member (root, "provisional");
  for (guint i = 0; i < json_array_get_length (list); i++)
    ck_assert_msg (strstr (json_array_get_string_element (list, i), "O1") == NULL, "%s",
                   json_array_get_string_element (list, i));
  g_clear_pointer (&json, g_free);
  json = rate_json (dir, id, "region=South West");
  root = parse_json (parser, json);
  ck_assert_str_eq (str_member (root, "rating"), "weak");
  fw_test_cli (&r, dir, "--db", "t.db", "rate", "--inspection", id, "--where", "region=east", NULL);
  fw_test_assert_one_line_error (&r, "east");
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", id, "--by", "priority", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "Urgent") && strstr (r.out, "Routine"), "%s", r.out);

  /* the note policy: always, except on D1.2 */
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "F1", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "D1.1");
  ck_assert_msg (strstr (r.err, "D1.2") == NULL, "%s", r.err);
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "F3", "--status", "complete", NULL);
  fw_test_assert_ok (&r);

  /* the case-level CSV has this framework's columns */
  fw_test_cli (&r, dir, "--db", "t.db", "export", "--inspection", id, "--format", "csv", "--what", "answers",
       "--output", export_path, NULL);
  fw_test_assert_ok (&r);
  ck_assert (g_file_get_contents (export_path, &exported, NULL, NULL));
  ck_assert_msg (g_str_has_prefix (exported, "\xEF\xBB\xBFreference,kind,region,priority,team,inspector,status,question"),
                 "%s", exported);
  ck_assert_msg (strstr (exported, "F2,file,south-west,routine,Red,") != NULL, "%s", exported);

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

/* An empty inspection has no rating, not 0/12 Inadequate; a 2025 one lists
 * its provisional total banding. */
START_TEST (test_nothing_rated)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = new_inspection (dir, "hmip-youth-2025", "Empty");
  g_autofree char *json = rate_json (dir, id, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_json (parser, json);
  JsonArray *provisional = json_object_get_array_member (root, "provisional");
  gboolean banding = FALSE;
  FwTestRun r = { 0, };

  ck_assert (is_null (root, "rating"));
  ck_assert (is_null (root, "score"));
  ck_assert (!bool_member (root, "complete"));
  for (guint i = 0; i < json_array_get_length (provisional); i++)
    banding |= strstr (json_array_get_string_element (provisional, i), "overall banding") != NULL;
  ck_assert_msg (banding, "%s", json);
  fw_test_cli (&r, dir, "--db", "t.db", "rate", "--inspection", id, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "Not rated yet") && !strstr (r.out, "Inadequate"), "%s", r.out);
  ck_assert_msg (strstr (r.out, "overall banding provisional: not published"), "%s", r.out);
  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_import_bad_row)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *judgements = published ("brent-2019-judgements.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  g_autofree char *text = NULL;
  g_autofree char *bad = NULL, *flipped_path = NULL;
  g_autofree char *before = NULL, *after = NULL, *full = NULL, *full_after = NULL;
  g_autoptr(GString) bad_text = NULL;
  g_autoptr(GString) flipped = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  FwTestRun r = { 0, };

  import (dir, "import-cases", id, cases);
  before = rate_json (dir, id, NULL);

  /* the fixture, every row good, and one bad row appended */
  ck_assert (g_file_get_contents (answers, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 636);   /* 635 lines and an empty tail */
  bad_text = g_string_new (text);
  g_string_append (bad_text, "BR-CO-001,2.1.1.a,maybe,\r\n");
  bad = fw_test_write (dir, "answers-bad.csv", bad_text->str, bad_text->len);
  fw_test_cli (&r, dir, "--db", "t.db", "import-answers", "--inspection", id, "answers-bad.csv", NULL);
  fw_test_assert_one_line_error (&r, "answers-bad.csv:636");
  ck_assert_msg (strstr (r.err, "maybe") || strstr (r.err, "answer"), "the field is not named: %s", r.err);
  after = rate_json (dir, id, NULL);
  ck_assert_str_eq (after, before);
  {
    JsonObject *root = parse_json (parser, after);
    ck_assert (!bool_member (root, "complete"));
    ck_assert_int_eq (int_member (find_question (root, "2.1", "2.1.1"), "unanswered"), 29);
    ck_assert (is_null (find_question (root, "2.1", "2.1.1"), "percent"));
  }

  /* the good file imports; then a file changing every answer, with one bad
   * row, leaves the figures as they were */
  import (dir, "import-answers", id, answers);
  import (dir, "import-judgements", id, judgements);
  full = rate_json (dir, id, NULL);
  ck_assert_str_ne (full, before);
  flipped = g_string_new (text);
  g_string_replace (flipped, ",no,", ",tmp,", 0);
  g_string_replace (flipped, ",yes,", ",no,", 0);
  g_string_replace (flipped, ",tmp,", ",yes,", 0);
  g_string_append (flipped, "BR-OU-001,3.1.1,yes,\r\n");   /* a second answer to the same question */
  flipped_path = fw_test_write (dir, "answers-flipped.csv", flipped->str, flipped->len);
  fw_test_cli (&r, dir, "--db", "t.db", "import-answers", "--inspection", id, flipped_path, NULL);
  fw_test_assert_one_line_error (&r, "answers-flipped.csv:636");
  full_after = rate_json (dir, id, NULL);
  ck_assert_str_eq (full_after, full);
  {
    JsonObject *root = parse_json (parser, full_after);
    ck_assert_int_eq (int_member (find_question (root, "2.1", "2.1.1"), "yes"), 25);
    ck_assert_int_eq (int_member (root, "score"), 21);
  }

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_export_csv)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *judgements = published ("brent-2019-judgements.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  g_autofree char *out = g_build_filename (dir, "summary.csv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCsv) csv = NULL;
  gsize length = 0;
  gboolean seen = FALSE;
  FwTestRun r = { 0, };

  import (dir, "import-cases", id, cases);
  import (dir, "import-answers", id, answers);
  import (dir, "import-judgements", id, judgements);
  fw_test_cli (&r, dir, "--db", "t.db", "export", "--inspection", id, "--format", "csv", "--output", "summary.csv", NULL);
  fw_test_assert_ok (&r);
  ck_assert (g_file_get_contents (out, &data, &length, NULL));
  ck_assert_uint_gt (length, 3);
  ck_assert_msg (memcmp (data, "\xEF\xBB\xBF", 3) == 0, "no byte order mark");
  ck_assert (g_utf8_validate (data, length, NULL));
  ck_assert (strstr (data, "2.1.1") != NULL);
  ck_assert (strstr (data, "86.2") != NULL);

  /* and it is one row, with 86.2 in it, for 2.1.1 */
  csv = fw_csv_parse (data, length, "summary.csv", &error);
  ck_assert_msg (csv != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < csv->rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, i);
      gboolean is_211 = FALSE, has_pct = FALSE;

      for (guint k = 0; row->fields[k] != NULL; k++)
        {
          is_211 |= strcmp (row->fields[k], "2.1.1") == 0;
          has_pct |= strcmp (row->fields[k], "86.2") == 0;
        }
      if (is_211)
        {
          ck_assert_msg (has_pct, "the 2.1.1 row has no 86.2");
          seen = TRUE;
        }
    }
  ck_assert (seen);

  /* an unsupported format fails without writing */
  fw_test_cli (&r, dir, "--db", "t.db", "export", "--inspection", id, "--format", "docx", "--output", "x.docx", NULL);
  fw_test_assert_one_line_error (&r, "docx");
  {
    g_autofree char *x = g_build_filename (dir, "x.docx", NULL);
    ck_assert (!g_file_test (x, G_FILE_TEST_EXISTS));
  }

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_review_lock_export)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *judgements = published ("brent-2019-judgements.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  static const struct { const char *format, *file, *magic; } exports[] = {
    { "pdf", "s.pdf", "%PDF-" }, { "xlsx", "s.xlsx", "PK" }, { "html", "s.html", "<!DOCTYPE html>" },
  };
  FwTestRun r = { 0, };

  import (dir, "import-cases", id, cases);
  import (dir, "import-answers", id, answers);
  import (dir, "import-judgements", id, judgements);

  /* review: 0 with problems listed (every case still in progress), 1 without an inspection */
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", id, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "Problems (49)") != NULL, "%s", r.out);
  ck_assert (strstr (r.out, "Inspector A") != NULL);
  fw_test_cli (&r, dir, "--db", "t.db", "review", NULL);
  fw_test_assert_one_line_error (&r, "--inspection");
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", "no-such-id", NULL);
  fw_test_assert_one_line_error (&r, "no-such-id");

  /* case-status: complete, then returned only with a comment */
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "complete", NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "returned", NULL);
  fw_test_assert_one_line_error (&r, "returned");
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "returned",
       "--comment", "2.1.1 needs evidence", NULL);
  fw_test_assert_ok (&r);

  /* unlocking what is open says so and writes nothing */
  fw_test_cli (&r, dir, "--db", "t.db", "unlock", "--inspection", id, "--reason", "None", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "the inspection is not locked") != NULL, "unlock said: %s", r.out);

  /* locked: writes refused, exports still work */
  fw_test_cli (&r, dir, "--db", "t.db", "lock", "--inspection", id, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, ": locked") != NULL, "lock said: %s", r.out);
  fw_test_cli (&r, dir, "--db", "t.db", "lock", "--inspection", id, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "the inspection is already locked") != NULL, "lock again said: %s", r.out);
  fw_test_cli (&r, dir, "--db", "t.db", "import-answers", "--inspection", id, answers, NULL);
  fw_test_assert_one_line_error (&r, "locked");
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-002", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "locked");
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *path = g_build_filename (dir, exports[i].file, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      fw_test_cli (&r, dir, "--db", "t.db", "export", "--inspection", id, "--format", exports[i].format,
           "--output", exports[i].file, NULL);
      fw_test_assert_ok (&r);
      ck_assert_msg (g_file_get_contents (path, &data, &length, NULL), "%s not written", exports[i].file);
      ck_assert_msg (length > strlen (exports[i].magic) && memcmp (data, exports[i].magic, strlen (exports[i].magic)) == 0,
                     "%s does not start with %s", exports[i].file, exports[i].magic);
    }
  /* XLSX has both sheets: --what answers is for CSV only */
  fw_test_cli (&r, dir, "--db", "t.db", "export", "--inspection", id, "--format", "xlsx", "--what", "answers",
       "--output", "a.xlsx", NULL);
  fw_test_assert_one_line_error (&r, "answers");

  /* unlocking needs a reason, which the audit trail keeps */
  fw_test_cli (&r, dir, "--db", "t.db", "unlock", "--inspection", id, NULL);
  fw_test_assert_one_line_error (&r, "unlock");
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-002", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "locked");
  fw_test_cli (&r, dir, "--db", "t.db", "unlock", "--inspection", id, "--reason", "Late evidence", NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-002", "--status", "complete", NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "audit", "--inspection", id, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, ",lock,open,locked,") != NULL, "no lock row");
  /* one lock and one unlock: the calls that found it so wrote nothing */
  ck_assert_msg (strstr (strstr (r.out, ",lock,open,locked,") + 1, ",lock,open,locked,") == NULL, "two lock rows");
  ck_assert_msg (strstr (r.out, "None") == NULL, "the unlock of an open inspection was audited");
  ck_assert_msg (strstr (r.out, ",unlock,locked,open,,,Late evidence") != NULL, "no unlock row with its reason");
  ck_assert_msg (strstr (r.out, ",status,complete,returned,,,2.1.1 needs evidence") != NULL, "no return row");

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

/* One of each (issue 9): the review breakdown by attribute, practice flags,
 * a return recorded once, and who is stamped on changes. */
START_TEST (test_review_by_practice_as)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  g_autofree char *html = NULL;
  g_autofree char *html_path = g_build_filename (dir, "s.html", NULL);
  const char *p;
  guint n = 0;
  FwTestRun r = { 0, };

  import (dir, "import-cases", id, cases);
  import (dir, "import-answers", id, answers);

  /* the breakdown by kind: a column per kind, progress, then % yes as the report has it */
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", id, "--by", "kind", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "Court disposals") && strstr (r.out, "Out-of-court disposals"), "%s", r.out);
  ck_assert_msg (strstr (r.out, "0 / 29") && strstr (r.out, "0 / 20"), "%s", r.out);
  ck_assert_msg (strstr (r.out, "86% (25/29)") != NULL, "%s", r.out);
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", id, "--by", "gender", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "girl") && strstr (r.out, "boy"), "%s", r.out);
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", id, "--by", "shoe-size", NULL);
  fw_test_assert_one_line_error (&r, "shoe-size");

  /* practice flags, parsed by the core */
  fw_test_cli (&r, dir, "--db", "t.db", "practice", "--inspection", id, "--case", "BR-CO-001", "--question", "2.1.1",
       "--flag", "good", NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "practice", "--inspection", id, "--case", "BR-CO-001", "--question", "2.1.1",
       "--flag", "great", NULL);
  fw_test_assert_one_line_error (&r, "great");
  fw_test_cli (&r, dir, "--db", "t.db", "review", "--inspection", id, NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "Practice examples (1)") != NULL, "%s", r.out);

  /* who: --as, else FIELDWORK_INSPECTOR */
  g_setenv ("FIELDWORK_INSPECTOR", "Env Inspector", TRUE);
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "complete", NULL);
  fw_test_assert_ok (&r);
  fw_test_cli (&r, dir, "--db", "t.db", "--as", "Lead Name", "case-status", "--inspection", id, "--case", "BR-CO-001",
       "--status", "returned", "--comment", "Say more", NULL);
  fw_test_assert_ok (&r);
  g_unsetenv ("FIELDWORK_INSPECTOR");
  fw_test_cli (&r, dir, "--db", "t.db", "audit", "--inspection", id, "--case", "BR-CO-001", NULL);
  fw_test_assert_ok (&r);
  ck_assert_msg (strstr (r.out, "Env Inspector,BR-CO-001,,status,in-progress,complete") != NULL, "%s", r.out);
  ck_assert_msg (strstr (r.out, "Lead Name,BR-CO-001,,status,complete,returned,,,Say more") != NULL, "%s", r.out);
  /* the return's comment is recorded once, with the move */
  for (p = r.out; (p = strstr (p, ",comment,")) != NULL; p++)
    n++;
  ck_assert_uint_eq (n, 1);
  ck_assert_msg (strstr (r.out, "Lead Name,BR-CO-001,,comment,,,,Say more") != NULL, "%s", r.out);

  /* the exports show the same breakdown */
  fw_test_cli (&r, dir, "--db", "t.db", "export", "--inspection", id, "--format", "html", "--output", "s.html", NULL);
  fw_test_assert_ok (&r);
  ck_assert (g_file_get_contents (html_path, &html, NULL, NULL));
  ck_assert_msg (strstr (html, "By case kind") != NULL, "no breakdown in the HTML");

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

/* Errors from the core are translated: Welsh with LANGUAGE=cy. The build
 * tree's catalogues (FIELDWORK_LOCALEDIR) and C.UTF-8, which every glibc
 * has, are enough: no cy_GB locale is needed for LANGUAGE to be followed. */
START_TEST (test_welsh_errors)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *cases = published ("brent-2019-cases.csv");
  g_autofree char *answers = published ("brent-2019-answers.csv");
  g_autofree char *id = new_inspection (dir, "hmip-youth-2018", "Brent");
  g_autofree char *mo = NULL;
  g_autofree char *bad = fw_test_write (dir, "bad.csv", "reference,kind\nX-1,zzz\n", -1);
  const char *localedir = g_getenv ("FIELDWORK_LOCALEDIR");
  FwTestRun r = { 0, };

  ck_assert_msg (localedir != NULL, "FIELDWORK_LOCALEDIR is not set");
  mo = g_build_filename (localedir, "cy", "LC_MESSAGES", "fieldwork.mo", NULL);
  ck_assert_msg (g_file_test (mo, G_FILE_TEST_EXISTS), "%s is not built", mo);
  import (dir, "import-cases", id, cases);
  fw_test_cli (&r, dir, "--db", "t.db", "lock", "--inspection", id, NULL);
  fw_test_assert_ok (&r);

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "cy", TRUE);
  /* the lock, refused inside the write path */
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "mae’r arolygiad wedi’i gloi; datglowch ef i wneud newidiadau");
  fw_test_cli (&r, dir, "--db", "t.db", "import-answers", "--inspection", id, answers, NULL);
  fw_test_assert_one_line_error (&r, "mae’r arolygiad wedi’i gloi");
  fw_test_cli (&r, dir, "--db", "t.db", "practice", "--inspection", id, "--case", "BR-CO-001", "--question", "2.1.1",
       "--flag", "good", NULL);
  fw_test_assert_one_line_error (&r, "mae’r arolygiad wedi’i gloi");
  /* unlocking without a reason */
  fw_test_cli (&r, dir, "--db", "t.db", "unlock", "--inspection", id, NULL);
  fw_test_assert_one_line_error (&r, "dywedwch pam y caiff yr arolygiad ei ddatgloi");
  fw_test_cli (&r, dir, "--db", "t.db", "unlock", "--inspection", id, "--reason", "Tystiolaeth hwyr", NULL);
  fw_test_assert_ok (&r);
  /* a bad row of an import, and a case that is not there */
  fw_test_cli (&r, dir, "--db", "t.db", "import-cases", "--inspection", id, bad, NULL);
  fw_test_assert_one_line_error (&r, "nid yw “zzz” yn fath o achos yn fframwaith hmip-youth-2018");
  ck_assert_msg (strstr (r.err, "colofn 2 “kind”") != NULL, "%s", r.err);
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "NO-SUCH", "--status", "complete", NULL);
  fw_test_assert_one_line_error (&r, "nid oes gan yr arolygiad achos â’r cyfeirnod “NO-SUCH”");
  /* a case not complete yet: the rule of completing, in Welsh too */
  fw_test_cli (&r, dir, "--db", "t.db", "case-status", "--inspection", id, "--case", "BR-CO-001", "--status", "quality-assured", NULL);
  fw_test_assert_one_line_error (&r, "ni all achos sy’n “Heb ddechrau” ddod yn “Ansawdd wedi’i sicrhau”");
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_unknown_command)
{
  g_autofree char *dir = fw_test_tmpdir ();
  FwTestRun r = { 0, };

  fw_test_cli (&r, dir, "--db", "t.db", "frobnicate", NULL);
  fw_test_assert_one_line_error (&r, "frobnicate");
  ck_assert_str_eq (r.out, "");

  /* no command at all */
  fw_test_cli (&r, dir, NULL);
  ck_assert_int_ne (r.status, 0);

  fw_test_run_clear (&r);
  fw_test_rmdir (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("cli");

  tcase_add_test (tc, test_frameworks);
  tcase_add_test (tc, test_validate);
  tcase_add_test (tc, test_own_attributes);
  tcase_add_test (tc, test_nothing_rated);
  tcase_add_test (tc, test_new_bad_date);
  tcase_add_test (tc, test_brent_flow);
  tcase_add_test (tc, test_rate_where);
  tcase_add_test (tc, test_import_bad_row);
  tcase_add_test (tc, test_export_csv);
  tcase_add_test (tc, test_review_lock_export);
  tcase_add_test (tc, test_review_by_practice_as);
  tcase_add_test (tc, test_welsh_errors);
  tcase_add_test (tc, test_unknown_command);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
