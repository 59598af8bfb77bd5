/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sqlite3.h>

#include "fw-test-util.h"

/* Each test (forked) gets a folder, a store with an inspection of the 2018
 * youth framework holding a few cases, answers and a judgement, and a second
 * inspection of the made-up pooled framework (which offers no “na”). The
 * fixture is checked, so it runs in the child: SQLite is never opened before
 * the fork. */
static char *tmpdir;
static FwStore *store;
static char *hmip_id;     /* court C1–C3, out-of-court O1–O2 */
static char *pooled_id;   /* adult P1, youth P2 */

#define FILENAME "in.csv"

static void
import_must (gboolean ok, GError *error)
{
  ck_assert_msg (ok, "%s", error ? error->message : "?");
}

static void
setup (void)
{
  g_autofree char *hmip_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autofree char *pooled_path = fw_test_data_path ("frameworks/madeup-pooled.xml");
  g_autoptr(FwFramework) pooled = fw_test_load_framework (pooled_path);
  g_autoptr(GError) error = NULL;
  const char *cases =
    "reference,kind,gender,rosh\n"
    "C1,court,girl,high\nC2,court,boy,low\nC3,court,boy,medium\n"
    "O1,out-of-court,girl,low\nO2,out-of-court,boy,\n";
  const char *answers =
    "reference,question,answer,note\n"
    "C1,2.1.1,yes,first look\nC1,2.1.1.a,no,\nO1,3.1.1,no,\n";
  const char *pooled_cases = "reference,kind\nP1,adult\nP2,youth\n";
  const char *pooled_answers = "reference,question,answer\nP1,A1.1,yes\nP2,A2.1,no\n";
  gboolean ok;

  tmpdir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (tmpdir, hmip_path, &hmip_id);
  pooled_id = fw_store_create_inspection (store, pooled, "Pooled service", "2025-03-03", NULL, &error);
  ck_assert_msg (pooled_id != NULL, "%s", error ? error->message : "");

  ok = fw_import_cases_data (store, hmip_id, cases, strlen (cases), "setup.csv", NULL, &error);
  import_must (ok, error);
  ok = fw_import_answers_data (store, hmip_id, answers, strlen (answers), "setup.csv", NULL, &error);
  import_must (ok, error);
  ok = fw_store_set_judgement (store, hmip_id, "1.1", "good", "Set up", &error);
  import_must (ok, error);
  ok = fw_import_cases_data (store, pooled_id, pooled_cases, strlen (pooled_cases), "setup.csv", NULL, &error);
  import_must (ok, error);
  ok = fw_import_answers_data (store, pooled_id, pooled_answers, strlen (pooled_answers), "setup.csv", NULL, &error);
  import_must (ok, error);
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_pointer (&hmip_id, g_free);
  g_clear_pointer (&pooled_id, g_free);
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/* ---------------------------------------------------------------- helpers */

typedef enum { CASES, ANSWERS, JUDGEMENTS } Which;

static gboolean
import_data (Which which, const char *inspection_id, const char *data, gsize length,
             guint *n_rows, GError **error)
{
  switch (which)
    {
    case CASES:
      return fw_import_cases_data (store, inspection_id, data, length, FILENAME, n_rows, error);
    case ANSWERS:
      return fw_import_answers_data (store, inspection_id, data, length, FILENAME, n_rows, error);
    case JUDGEMENTS:
    default:
      return fw_import_judgements_data (store, inspection_id, data, length, FILENAME, n_rows, error);
    }
}

static guint
import_ok (Which which, const char *inspection_id, const char *data)
{
  g_autoptr(GError) error = NULL;
  guint n_rows = G_MAXUINT;

  ck_assert_msg (import_data (which, inspection_id, data, strlen (data), &n_rows, &error),
                 "%s", error ? error->message : "");
  return n_rows;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Everything an import could change in one inspection, as text: every case
 * with its attributes, every answer with its note, the judgements and the
 * length of the audit trail. */
static char *
describe (const char *inspection_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, NULL, &error);
  g_autoptr(GHashTable) judgements = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  ck_assert_msg (cases != NULL, "%s", error ? error->message : "");
  g_string_append_printf (out, "%u cases\n", cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      g_autoptr(GHashTable) answers = fw_store_get_case_answers (store, c->id, &error);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      g_string_append_printf (out, "%s %s", c->id, c->reference);
      {
        static const char *fields[] = { "kind", "disposal", "gender", "age", "ethnicity", "rosh",
                                        "safety_wellbeing", "case_manager", "inspector", "interview",
                                        "status" };
        for (guint a = 0; a < G_N_ELEMENTS (fields); a++)
          g_string_append_printf (out, " %s=%s", fields[a],
                                  fw_case_get_attr (c, fields[a]) ? fw_case_get_attr (c, fields[a]) : "(null)");
      }
      g_string_append_c (out, '\n');

      ck_assert_ptr_nonnull (answers);
      g_hash_table_iter_init (&iter, answers);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (items, key);
      g_ptr_array_sort (items, compare_strings);
      for (guint j = 0; j < items->len; j++)
        {
          const char *item = g_ptr_array_index (items, j);
          g_autofree char *note = NULL;
          FwAnswer answer;

          ck_assert (fw_store_get_answer (store, c->id, item, &answer, &note, &error));
          g_string_append_printf (out, "  %s=%s [%s]\n", item, fw_answer_to_string (answer),
                                  note ? note : "");
        }
    }

  judgements = fw_store_get_judgements (store, inspection_id, &error);
  ck_assert_ptr_nonnull (judgements);
  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, judgements);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  for (guint j = 0; j < keys->len; j++)
    g_string_append_printf (out, "judgement %s=%s\n", (char *) g_ptr_array_index (keys, j),
                            (char *) g_hash_table_lookup (judgements, g_ptr_array_index (keys, j)));

  g_string_append_printf (out, "audit %u\n", fw_store_count_audit (store, inspection_id, &error));
  return g_string_free (out, FALSE);
}

static char *
case_id (const char *inspection_id, const char *reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCase) c = fw_store_find_case (store, inspection_id, reference, &error);

  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return g_strdup (c->id);
}

static FwAnswer
answer_of (const char *inspection_id, const char *reference, const char *item, char **note)
{
  g_autofree char *id = case_id (inspection_id, reference);
  g_autoptr(GError) error = NULL;
  FwAnswer answer;

  ck_assert (fw_store_get_answer (store, id, item, &answer, note, &error));
  return answer;
}

static guint
n_cases (const char *inspection_id)
{
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, NULL, NULL);

  ck_assert_ptr_nonnull (cases);
  return cases->len;
}

static guint
n_audit (const char *inspection_id)
{
  return fw_store_count_audit (store, inspection_id, NULL);
}

/* A second, read-only connection to the store's file (WAL lets it read
 * while the store is open). */
static char *
query_text (const char *sql)
{
  g_autofree char *path = g_build_filename (tmpdir, "test.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  char *value = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (s) == SQLITE_ROW && sqlite3_column_text (s, 0))
    value = g_strdup ((const char *) sqlite3_column_text (s, 0));
  sqlite3_finalize (s);
  sqlite3_close (db);
  return value;
}

/* ---------------------------------------------------------------- bad input */

typedef struct {
  Which       which;
  gboolean    pooled;      /* import into the pooled inspection */
  const char *data;
  gsize       length;      /* 0: strlen */
  gboolean    csv;         /* FW_CSV_ERROR rather than FW_IMPORT_ERROR */
  int         code;
  guint       line;
  const char *column;      /* “column N “name”” the message must contain, or NULL */
  const char *also;        /* more text the message must contain, or NULL */
} Bad;

static const Bad bad[] = {
  /* ---- cases: the header */
  { CASES, FALSE, "reference,kind,colour\nN1,court,red\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_COLUMN, 1, "column 3 “colour”", "reference, kind, inspector, disposal" },
  { CASES, FALSE, "reference,disposal\nN1,referral order\n", 0, FALSE,
    FW_IMPORT_ERROR_MISSING_COLUMN, 1, NULL, "“kind”" },
  { CASES, FALSE, "kind\ncourt\n", 0, FALSE,
    FW_IMPORT_ERROR_MISSING_COLUMN, 1, NULL, "“reference”" },
  { CASES, FALSE, "reference,kind,gender,kind\nN1,court,boy,court\n", 0, FALSE,
    FW_IMPORT_ERROR_DUPLICATE_COLUMN, 1, "column 4 “kind”", "column 2" },
  /* ---- cases: the rows, each bad one after good ones */
  { CASES, FALSE, "reference,kind\nN1,court\nN2,out-of-court\nN3,\n", 0, FALSE,
    FW_IMPORT_ERROR_EMPTY_VALUE, 4, "column 2 “kind”", NULL },
  { CASES, FALSE, "kind,reference\ncourt,N1\ncourt,N2\ncourt,   \n", 0, FALSE,
    FW_IMPORT_ERROR_EMPTY_VALUE, 4, "column 2 “reference”", NULL },
  { CASES, FALSE, "reference,kind\nN1,court\nN2,court\nN3,victim\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_KIND, 4, "column 2 “kind”", "victim" },
  { CASES, FALSE, "reference,kind,rosh,safety_wellbeing\nN1,court,low,high\nN2,court,Very High,very_high\n"
    "N3,court,extreme,low\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 4, "column 3 “rosh”", "extreme" },
  { CASES, FALSE, "reference,kind,rosh,safety_wellbeing\nN1,court,low,high\nN2,court,medium,severe\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 3, "column 4 “safety_wellbeing”", "severe" },
  { CASES, FALSE, "reference,kind\nN1,court\nN2,court\nN1,out-of-court\n", 0, FALSE,
    FW_IMPORT_ERROR_DUPLICATE, 4, "column 1 “reference”", "line 2" },
  { CASES, FALSE, "reference,kind\nN1,court\nN2,court\nC2,court\n", 0, FALSE,
    FW_IMPORT_ERROR_DUPLICATE, 4, "column 1 “reference”", "C2" },
  /* the line of a bad row counts the line break inside a quoted field */
  { CASES, FALSE, "reference,kind,case_manager\nN1,court,\"two\nlines\"\nN2,crown-court,x\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_KIND, 4, "column 2 “kind”", NULL },
  { CASES, FALSE, "\xEF\xBB\xBFreference,kind\r\nN1,court\r\nN2,\"court, youth\"\r\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_KIND, 3, "column 2 “kind”", NULL },
  /* a line break inside a quoted name or value stays out of the message (found by fuzzing) */
  { CASES, FALSE, "reference,kind,\"case\nmanager\"\nN1,court,x\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_COLUMN, 1, "column 3 “case\\nmanager”", NULL },
  { CASES, FALSE, "reference,kind\nN1,\"court\r\nyouth\"\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_KIND, 2, "column 2 “kind”", "court\\r\\nyouth" },
  /* ---- cases: not CSV */
  { CASES, FALSE, "", 0, TRUE, FW_CSV_ERROR_EMPTY, 1, NULL, NULL },
  { CASES, FALSE, "\n\r\n", 0, TRUE, FW_CSV_ERROR_EMPTY, 1, NULL, NULL },
  { CASES, FALSE, "reference,kind\nN1,court\nN2,court\nN3,caf\xE9\n", 0, TRUE,
    FW_CSV_ERROR_ENCODING, 4, NULL, "0xE9" },
  { CASES, FALSE, "reference,kind\nN1,court\nN2,court,extra\nN3,court\n", 0, TRUE,
    FW_CSV_ERROR_FIELD_COUNT, 3, NULL, NULL },
  { CASES, FALSE, "reference,kind\nN1,court\nN2,\"court\nN3,court\n", 0, TRUE,
    FW_CSV_ERROR_SYNTAX, 3, NULL, NULL },
  { CASES, FALSE, "reference,kind\nN1,court\0\nN2,court\n", sizeof ("reference,kind\nN1,court\0\nN2,court\n") - 1, TRUE,
    FW_CSV_ERROR_ENCODING, 2, NULL, NULL },

  /* ---- answers */
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.1.1,no\nZ9,2.1.1,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_CASE, 4, "column 1 “reference”", "Z9" },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.9.9,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_QUESTION, 3, "column 2 “question”", "2.9.9" },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC1,2.1,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_QUESTION, 3, "column 2 “question”", NULL },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.1.1,yes\nC3,3.1.1,no\n", 0, FALSE,
    FW_IMPORT_ERROR_NOT_APPLICABLE, 4, "column 2 “question”", "court" },
  { ANSWERS, FALSE, "reference,question,answer\nO1,3.1.2,yes\nO2,2.1.1.a,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_NOT_APPLICABLE, 3, "column 2 “question”", NULL },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC1,1.1.1,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_NOT_APPLICABLE, 3, "column 2 “question”", "guidance" },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.1.1,maybe\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 3, "column 3 “answer”", "maybe" },
  { ANSWERS, FALSE, "answer,note,question,reference\nyes,,2.1.2,C1\nperhaps,,2.1.1,C2\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 3, "column 1 “answer”", NULL },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.1.1,yes\nC1,2.1.2,no\n", 0, FALSE,
    FW_IMPORT_ERROR_DUPLICATE, 4, "column 2 “question”", "line 2" },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.1.1,\n", 0, FALSE,
    FW_IMPORT_ERROR_EMPTY_VALUE, 3, "column 3 “answer”", NULL },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_EMPTY_VALUE, 3, "column 2 “question”", NULL },
  { ANSWERS, FALSE, "reference,question,answer,comment\nC1,2.1.2,yes,x\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_COLUMN, 1, "column 4 “comment”", NULL },
  { ANSWERS, FALSE, "reference,question,note\nC1,2.1.2,x\n", 0, FALSE,
    FW_IMPORT_ERROR_MISSING_COLUMN, 1, NULL, "“answer”" },
  { ANSWERS, FALSE, "reference,question,answer,question\nC1,2.1.2,yes,2.1.3\n", 0, FALSE,
    FW_IMPORT_ERROR_DUPLICATE_COLUMN, 1, "column 4 “question”", NULL },
  { ANSWERS, FALSE, "reference,question,answer,note\nC1,2.1.2,yes,\"fine, really\"\nC2,2.1.1,no,\xFF\xFE\n", 0, TRUE,
    FW_CSV_ERROR_ENCODING, 3, NULL, NULL },
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,yes\nC2,2.1.1\n", 0, TRUE,
    FW_CSV_ERROR_FIELD_COUNT, 3, NULL, NULL },
  { ANSWERS, FALSE, "reference,question,answer,note\nC1,2.1.2,yes,ok\nC2,2.1.1,no,\"never closed\n\n", 0, TRUE,
    FW_CSV_ERROR_SYNTAX, 3, NULL, NULL },
  { ANSWERS, FALSE, "", 0, TRUE, FW_CSV_ERROR_EMPTY, 1, NULL, NULL },
  /* hmip-youth-2018 assessment questions offer Yes/No only */
  { ANSWERS, FALSE, "reference,question,answer\nC1,2.2.3,na\nC2,2.1.3,na\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 3, "column 3 “answer”", "2.1.3" },
  { ANSWERS, FALSE, "reference,answer,question\nO1,na,3.2.1\nO2,NA,3.1.1\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 3, "column 2 “answer”", "3.1.1" },
  /* the framework of the pooled inspection offers no “na” */
  { ANSWERS, TRUE, "reference,question,answer\nP1,A1.1,no\nP2,A2.1,yes\nP2,A2.2,na\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 4, "column 3 “answer”", "na" },
  { ANSWERS, TRUE, "reference,question,answer\nP1,A1.2,no\nP2,A2.1.a,NA\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 3, "column 3 “answer”", NULL },
  /* a case of the other inspection is unknown here */
  { ANSWERS, TRUE, "reference,question,answer\nP1,A1.2,no\nC1,A1.1,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_CASE, 3, "column 1 “reference”", NULL },
  { ANSWERS, TRUE, "reference,question,answer\nP1,A1.2,no\nP1,A2.1,yes\n", 0, FALSE,
    FW_IMPORT_ERROR_NOT_APPLICABLE, 3, "column 2 “question”", "adult" },

  { ANSWERS, FALSE, "reference,question,answer\nC1,2.1.2,\"ye\ns\"\n", 0, FALSE,
    FW_IMPORT_ERROR_BAD_VALUE, 2, "column 3 “answer”", "“ye\\ns”" },

  /* ---- judgements */
  { JUDGEMENTS, FALSE, "standard,rating\n1.1,outstanding\n1.2,good\n2.1,good\n", 0, FALSE,
    FW_IMPORT_ERROR_NOT_JUDGED, 4, "column 1 “standard”", "2.1" },
  { JUDGEMENTS, FALSE, "standard,rating\n1.1,outstanding\n7.7,good\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_STANDARD, 3, "column 1 “standard”", "7.7" },
  { JUDGEMENTS, FALSE, "standard,rating,rationale\n1.1,outstanding,x\n1.2,brilliant,y\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_BAND, 3, "column 2 “rating”", "requires-improvement" },
  { JUDGEMENTS, FALSE, "rating,standard\noutstanding,1.1\ngood,1.2\ninadequate,1.1\n", 0, FALSE,
    FW_IMPORT_ERROR_DUPLICATE, 4, "column 2 “standard”", "line 2" },
  { JUDGEMENTS, FALSE, "standard,rationale\n1.1,x\n", 0, FALSE,
    FW_IMPORT_ERROR_MISSING_COLUMN, 1, NULL, "“rating”" },
  { JUDGEMENTS, FALSE, "standard,rating,score\n1.1,good,2\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_COLUMN, 1, "column 3 “score”", NULL },
  { JUDGEMENTS, FALSE, "standard,rating\n1.1,outstanding\n1.2,\n", 0, FALSE,
    FW_IMPORT_ERROR_EMPTY_VALUE, 3, "column 2 “rating”", NULL },
  { JUDGEMENTS, FALSE, "", 0, TRUE, FW_CSV_ERROR_EMPTY, 1, NULL, NULL },
  { JUDGEMENTS, FALSE, "standard,rating\n\"7\n7\",good\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_STANDARD, 2, "column 1 “standard”", "7\\n7" },
  { JUDGEMENTS, TRUE, "standard,rating\nA1,fair\n", 0, FALSE,
    FW_IMPORT_ERROR_NOT_JUDGED, 2, "column 1 “standard”", NULL },
  { JUDGEMENTS, TRUE, "standard,rating\n1.1,good\n", 0, FALSE,
    FW_IMPORT_ERROR_UNKNOWN_STANDARD, 2, "column 1 “standard”", NULL },
};

START_TEST (test_bad_input)
{
  const Bad *b = &bad[_i];
  const char *inspection_id = b->pooled ? pooled_id : hmip_id;
  const char *other_id = b->pooled ? hmip_id : pooled_id;
  gsize length = b->length ? b->length : strlen (b->data);
  g_autofree char *before = describe (inspection_id);
  g_autofree char *other_before = describe (other_id);
  g_autofree char *after = NULL;
  g_autofree char *other_after = NULL;
  g_autofree char *where = g_strdup_printf ("%s:%u: ", FILENAME, b->line);
  g_autoptr(GError) error = NULL;
  guint n_rows = 42;
  gboolean ok;

  ok = import_data (b->which, inspection_id, b->data, length, &n_rows, &error);
  ck_assert_msg (!ok, "bad input %d was imported", _i);
  ck_assert_error (error, b->csv ? FW_CSV_ERROR : FW_IMPORT_ERROR, b->code);
  ck_assert_msg (g_str_has_prefix (error->message, where),
                 "“%s” should start with “%s”", error->message, where);
  if (b->column)
    ck_assert_msg (strstr (error->message, b->column) != NULL,
                   "“%s” should name %s", error->message, b->column);
  if (b->also)
    ck_assert_msg (strstr (error->message, b->also) != NULL,
                   "“%s” should mention “%s”", error->message, b->also);
  ck_assert_msg (strchr (error->message, '\n') == NULL, "“%s” is not one line", error->message);
  ck_assert_uint_eq (n_rows, 0);

  /* all or nothing: the good rows before the bad one left no trace */
  after = describe (inspection_id);
  ck_assert_str_eq (after, before);
  other_after = describe (other_id);
  ck_assert_str_eq (other_after, other_before);

  /* and the store is still usable: a good file goes in afterwards */
  if (b->pooled)
    ck_assert_uint_eq (import_ok (ANSWERS, pooled_id, "reference,question,answer\nP1,A1.2,yes\n"), 1);
  else
    ck_assert_uint_eq (import_ok (CASES, hmip_id, "reference,kind\nN1,court\n"), 1);
}
END_TEST

START_TEST (test_fixture_state)
{
  /* what the all-or-nothing checks compare against is really there */
  g_autofree char *note = NULL;

  ck_assert_uint_eq (n_cases (hmip_id), 5);
  ck_assert_uint_eq (n_cases (pooled_id), 2);
  ck_assert_int_eq (answer_of (hmip_id, "C1", "2.1.1", &note), FW_ANSWER_YES);
  ck_assert_str_eq (note, "first look");
  ck_assert_int_eq (answer_of (hmip_id, "C1", "2.1.1.a", NULL), FW_ANSWER_NO);
  ck_assert_int_eq (answer_of (hmip_id, "O1", "3.1.1", NULL), FW_ANSWER_NO);
  ck_assert_int_eq (answer_of (pooled_id, "P2", "A2.1", NULL), FW_ANSWER_NO);
  ck_assert_uint_gt (n_audit (hmip_id), 3);
}
END_TEST

/* ---------------------------------------------------------------- good input */

START_TEST (test_good_cases)
{
  /* a byte order mark, CRLF, quoted commas, a quoted line break, "" escapes,
   * columns in another order, spaces around values, a blank line */
  const char *data =
    "\xEF\xBB\xBFinspector,reference,kind,disposal,gender,age,ethnicity,rosh,safety_wellbeing,case_manager\r\n"
    "Inspector A,YJ-101,court,\"referral order, with ISS\",girl,15-17,white,Very High,medium,\"Smith, Jo\"\r\n"
    "Inspector B,YJ-102,out-of-court,youth caution,boy,10-14,black,low,very_high,\"Line one\r\nline two\"\r\n"
    "\r\n"
    "Inspector A, YJ-103 ,court,\"DTO \"\"licence\"\"\",boy,15-17,mixed,,,\r\n"
    "Inspector B,YJ-104,out-of-court,community resolution,girl,10-14,asian,HIGH,Low,J. Bloggs";
  g_autofree char *before_pooled = describe (pooled_id);
  g_autofree char *after_pooled = NULL;
  g_autoptr(FwCase) c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL;
  guint audit = n_audit (hmip_id);

  ck_assert_uint_eq (import_ok (CASES, hmip_id, data), 4);
  ck_assert_uint_eq (n_cases (hmip_id), 9);

  c1 = fw_store_find_case (store, hmip_id, "YJ-101", NULL);
  ck_assert_ptr_nonnull (c1);
  ck_assert_str_eq (fw_case_get_attr (c1, "kind"), "court");
  ck_assert_str_eq (fw_case_get_attr (c1, "disposal"), "referral order, with ISS");
  ck_assert_str_eq (fw_case_get_attr (c1, "gender"), "girl");
  ck_assert_str_eq (fw_case_get_attr (c1, "age"), "15-17");
  ck_assert_str_eq (fw_case_get_attr (c1, "ethnicity"), "white");
  ck_assert_str_eq (fw_case_get_attr (c1, "rosh"), "very high");
  ck_assert_str_eq (fw_case_get_attr (c1, "safety_wellbeing"), "medium");
  ck_assert_str_eq (fw_case_get_attr (c1, "case_manager"), "Smith, Jo");
  ck_assert_str_eq (fw_case_get_attr (c1, "inspector"), "Inspector A");
  ck_assert_str_eq (fw_case_get_attr (c1, "status"), "not-started");

  c2 = fw_store_find_case (store, hmip_id, "YJ-102", NULL);
  ck_assert_ptr_nonnull (c2);
  ck_assert_str_eq (fw_case_get_attr (c2, "kind"), "out-of-court");
  ck_assert_str_eq (fw_case_get_attr (c2, "safety_wellbeing"), "very high");
  ck_assert_str_eq (fw_case_get_attr (c2, "case_manager"), "Line one\r\nline two");

  c3 = fw_store_find_case (store, hmip_id, "YJ-103", NULL);
  ck_assert_msg (c3 != NULL, "the reference is trimmed");
  ck_assert_str_eq (fw_case_get_attr (c3, "disposal"), "DTO \"licence\"");
  ck_assert_msg (fw_case_get_attr (c3, "rosh") == NULL || *fw_case_get_attr (c3, "rosh") == '\0',
                 "empty rosh stored as “%s”", fw_case_get_attr (c3, "rosh"));

  c4 = fw_store_find_case (store, hmip_id, "YJ-104", NULL);
  ck_assert_ptr_nonnull (c4);
  ck_assert_str_eq (fw_case_get_attr (c4, "rosh"), "high");
  ck_assert_str_eq (fw_case_get_attr (c4, "safety_wellbeing"), "low");
  ck_assert_str_eq (fw_case_get_attr (c4, "case_manager"), "J. Bloggs");

  /* only this inspection changed */
  after_pooled = describe (pooled_id);
  ck_assert_str_eq (after_pooled, before_pooled);
  ck_assert_uint_ge (n_audit (hmip_id), audit);

  /* the same file again: every reference is now taken */
  {
    g_autoptr(GError) error = NULL;
    ck_assert (!import_data (CASES, hmip_id, data, strlen (data), NULL, &error));
    ck_assert_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_DUPLICATE);
    ck_assert (g_str_has_prefix (error->message, FILENAME ":2: column 2 “reference”"));
  }
  ck_assert_uint_eq (n_cases (hmip_id), 9);
}
END_TEST

START_TEST (test_good_answers)
{
  const char *data =
    "reference,question,answer,note\r\n"
    "C2,2.1.1,YES,\"Good analysis, see plan\"\r\n"
    "C2,2.1.1.a,No,\r\n"
    "C2,2.2.2, na ,\"Not needed:\nno victim\"\r\n"
    "C3,2.4.3,Yes,\r\n"
    "O2,3.1.1,nO,\r\n"
    "O2,3.4.2,NA,\r\n";
  g_autofree char *note = NULL;
  g_autofree char *status = NULL;
  g_autoptr(FwCase) c2 = NULL;
  guint audit = n_audit (hmip_id);

  ck_assert_uint_eq (import_ok (ANSWERS, hmip_id, data), 6);
  ck_assert_int_eq (answer_of (hmip_id, "C2", "2.1.1", &note), FW_ANSWER_YES);
  ck_assert_str_eq (note, "Good analysis, see plan");
  g_clear_pointer (&note, g_free);
  ck_assert_int_eq (answer_of (hmip_id, "C2", "2.1.1.a", &note), FW_ANSWER_NO);
  ck_assert_ptr_null (note);
  ck_assert_int_eq (answer_of (hmip_id, "C2", "2.2.2", &note), FW_ANSWER_NA);
  ck_assert_str_eq (note, "Not needed:\nno victim");
  ck_assert_int_eq (answer_of (hmip_id, "C3", "2.4.3", NULL), FW_ANSWER_YES);
  ck_assert_int_eq (answer_of (hmip_id, "O2", "3.1.1", NULL), FW_ANSWER_NO);
  ck_assert_int_eq (answer_of (hmip_id, "O2", "3.4.2", NULL), FW_ANSWER_NA);
  /* untouched */
  ck_assert_int_eq (answer_of (hmip_id, "C1", "2.1.1", NULL), FW_ANSWER_YES);

  /* six answers and three cases started, all in the trail */
  ck_assert_uint_eq (n_audit (hmip_id), audit + 6 + 3);
  c2 = fw_store_find_case (store, hmip_id, "C2", NULL);
  ck_assert_str_eq (fw_case_get_attr (c2, "status"), "in-progress");
  status = query_text ("SELECT group_concat(DISTINCT action) FROM audit WHERE item = '2.4.3';");
  ck_assert_str_eq (status, "import");

  /* importing the same file again changes nothing */
  audit = n_audit (hmip_id);
  ck_assert_uint_eq (import_ok (ANSWERS, hmip_id, data), 6);
  ck_assert_uint_eq (n_audit (hmip_id), audit);
}
END_TEST

START_TEST (test_answers_overwrite)
{
  g_autofree char *note = NULL;
  g_autofree char *old = NULL;
  guint audit = n_audit (hmip_id);

  /* C1 2.1.1 was yes “first look”; C1 2.1.1.a was no */
  ck_assert_uint_eq (import_ok (ANSWERS, hmip_id,
                                "reference,question,answer,note\n"
                                "C1,2.1.1,no,second look\n"
                                "C1,2.1.1.a,No,\n"), 2);
  ck_assert_int_eq (answer_of (hmip_id, "C1", "2.1.1", &note), FW_ANSWER_NO);
  ck_assert_str_eq (note, "second look");
  ck_assert_int_eq (answer_of (hmip_id, "C1", "2.1.1.a", NULL), FW_ANSWER_NO);
  /* one change, one row; the unchanged answer adds none */
  ck_assert_uint_eq (n_audit (hmip_id), audit + 1);
  old = query_text ("SELECT old_value || '→' || new_value || ' ' || old_note || '→' || new_note"
                    " FROM audit WHERE item = '2.1.1' ORDER BY rowid DESC LIMIT 1;");
  ck_assert_str_eq (old, "yes→no first look→second look");

  /* a file without the note column leaves no note */
  ck_assert_uint_eq (import_ok (ANSWERS, hmip_id, "reference,question,answer\nC1,2.1.1,yes\n"), 1);
  g_clear_pointer (&note, g_free);
  ck_assert_int_eq (answer_of (hmip_id, "C1", "2.1.1", &note), FW_ANSWER_YES);
  ck_assert_ptr_null (note);
  ck_assert_uint_eq (n_audit (hmip_id), audit + 2);
}
END_TEST

START_TEST (test_answers_inspector)
{
  g_autofree char *who = NULL;
  g_autofree char *last = query_text ("SELECT max(rowid) FROM audit;");
  g_autofree char *sql = NULL;

  ck_assert_ptr_nonnull (last);
  ck_assert_str_eq (fw_store_get_user (store), "Test inspector");
  ck_assert_uint_eq (import_ok (ANSWERS, hmip_id,
                                "reference,question,answer,inspector\n"
                                "C2,2.1.1,yes,Inspector B\n"
                                "C3,2.1.1,no,\n"
                                "C1,2.1.1,no,Inspector A\n"), 3);

  who = query_text ("SELECT a.who FROM answer a JOIN kase c ON c.id = a.case_id"
                    " WHERE c.reference = 'C2' AND a.item = '2.1.1';");
  ck_assert_str_eq (who, "Inspector B");
  g_free (who);
  who = query_text ("SELECT a.who FROM answer a JOIN kase c ON c.id = a.case_id"
                    " WHERE c.reference = 'C1' AND a.item = '2.1.1';");
  ck_assert_str_eq (who, "Inspector A");
  g_free (who);
  /* no name: the store's user */
  who = query_text ("SELECT a.who FROM answer a JOIN kase c ON c.id = a.case_id"
                    " WHERE c.reference = 'C3' AND a.item = '2.1.1';");
  ck_assert_str_eq (who, "Test inspector");
  g_free (who);

  /* the audit trail says the same for the rows this import added */
  sql = g_strdup_printf ("SELECT group_concat(who, '|') FROM (SELECT a.who FROM audit a JOIN kase c ON c.id = a.case_id"
                         " WHERE a.rowid > %s AND a.item = '2.1.1' AND a.action = 'import'"
                         " ORDER BY c.reference);", last);
  who = query_text (sql);
  ck_assert_str_eq (who, "Inspector A|Inspector B|Test inspector");

  /* and the store's user is back afterwards */
  ck_assert_str_eq (fw_store_get_user (store), "Test inspector");
}
END_TEST

START_TEST (test_answers_inspector_restored_on_error)
{
  g_autoptr(GError) error = NULL;
  const char *data = "reference,question,answer,inspector\nC2,2.1.1,yes,Inspector B\nC3,9.9,no,Inspector A\n";

  ck_assert (!import_data (ANSWERS, hmip_id, data, strlen (data), NULL, &error));
  ck_assert_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_UNKNOWN_QUESTION);
  ck_assert_str_eq (fw_store_get_user (store), "Test inspector");
}
END_TEST

START_TEST (test_good_judgements)
{
  g_autoptr(GHashTable) table = NULL;
  g_autofree char *rationale = NULL;
  g_autofree char *before_pooled = describe (pooled_id);
  g_autofree char *after_pooled = NULL;
  guint audit = n_audit (hmip_id);

  ck_assert_uint_eq (import_ok (JUDGEMENTS, hmip_id,
                                "standard,rating,rationale\r\n"
                                "1.1,outstanding,\"Clear vision; board, well attended\"\r\n"
                                "1.2,requires-improvement,\r\n"
                                "1.3, good ,Fine\r\n"
                                "1.4,inadequate,\"Two\nlines\"\r\n"), 4);
  table = fw_store_get_judgements (store, hmip_id, NULL);
  ck_assert_uint_eq (g_hash_table_size (table), 4);
  ck_assert_str_eq (g_hash_table_lookup (table, "1.1"), "outstanding");
  ck_assert_str_eq (g_hash_table_lookup (table, "1.2"), "requires-improvement");
  ck_assert_str_eq (g_hash_table_lookup (table, "1.3"), "good");
  ck_assert_str_eq (g_hash_table_lookup (table, "1.4"), "inadequate");
  ck_assert_uint_eq (n_audit (hmip_id), audit + 4);

  rationale = query_text ("SELECT rationale FROM judgement WHERE standard = '1.1';");
  ck_assert_str_eq (rationale, "Clear vision; board, well attended");
  g_free (rationale);
  rationale = query_text ("SELECT rationale FROM judgement WHERE standard = '1.2';");
  ck_assert_ptr_null (rationale);
  rationale = query_text ("SELECT rationale FROM judgement WHERE standard = '1.4';");
  ck_assert_str_eq (rationale, "Two\nlines");

  after_pooled = describe (pooled_id);
  ck_assert_str_eq (after_pooled, before_pooled);
}
END_TEST

START_TEST (test_files)
{
  g_autofree char *cases = fw_test_data_path ("published/brent-2019-cases.csv");
  g_autofree char *answers = fw_test_data_path ("published/brent-2019-answers.csv");
  g_autofree char *judgements = fw_test_data_path ("published/brent-2019-judgements.csv");
  g_autofree char *missing = g_build_filename (tmpdir, "missing.csv", NULL);
  g_autofree char *badfile = fw_test_write (tmpdir, "bad answers.csv",
                                            "reference,question,answer\nBR-CO-001,2.1.1,yes\nBR-CO-001,2.1.1,no\n", -1);
  g_autofree char *before = NULL, *after = NULL, *prefix = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) table = NULL;
  guint n = 0;

  ck_assert_msg (fw_import_cases (store, hmip_id, cases, &n, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (n, 49);
  ck_assert_uint_eq (n_cases (hmip_id), 5 + 49);
  ck_assert_msg (fw_import_answers (store, hmip_id, answers, &n, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (n, 634);
  ck_assert_int_eq (answer_of (hmip_id, "BR-CO-001", "2.1.1", NULL), FW_ANSWER_YES);
  ck_assert_msg (fw_import_judgements (store, hmip_id, judgements, &n, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (n, 4);
  table = fw_store_get_judgements (store, hmip_id, NULL);
  ck_assert_uint_eq (g_hash_table_size (table), 4);

  /* errors name the file as given */
  before = describe (hmip_id);
  ck_assert (!fw_import_answers (store, hmip_id, badfile, &n, &error));
  ck_assert_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_DUPLICATE);
  prefix = g_strdup_printf ("%s:3: column 2 “question”", badfile);
  ck_assert_msg (g_str_has_prefix (error->message, prefix), "“%s”", error->message);
  ck_assert_uint_eq (n, 0);
  after = describe (hmip_id);
  ck_assert_str_eq (after, before);
  g_clear_error (&error);

  /* a file that is not there */
  ck_assert (!fw_import_cases (store, hmip_id, missing, &n, &error));
  ck_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_IO);
  ck_assert_uint_eq (n_cases (hmip_id), 5 + 49);
  g_clear_error (&error);
  ck_assert (!fw_import_judgements (store, hmip_id, missing, &n, &error));
  ck_assert_error (error, FW_CSV_ERROR, FW_CSV_ERROR_IO);
}
END_TEST

START_TEST (test_unknown_inspection)
{
  g_autoptr(GError) error = NULL;
  const char *data = "reference,kind\nN1,court\n";

  ck_assert (!fw_import_cases_data (store, "no-such-inspection", data, strlen (data), FILENAME, NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FOUND);
  ck_assert_uint_eq (n_cases (hmip_id), 5);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("import");
  TCase *good = tcase_create ("good");
  TCase *bad_tc = tcase_create ("bad");

  tcase_add_checked_fixture (good, setup, teardown);
  tcase_add_test (good, test_fixture_state);
  tcase_add_test (good, test_good_cases);
  tcase_add_test (good, test_good_answers);
  tcase_add_test (good, test_answers_overwrite);
  tcase_add_test (good, test_answers_inspector);
  tcase_add_test (good, test_answers_inspector_restored_on_error);
  tcase_add_test (good, test_good_judgements);
  tcase_add_test (good, test_files);
  tcase_add_test (good, test_unknown_inspection);
  suite_add_tcase (s, good);

  tcase_add_checked_fixture (bad_tc, setup, teardown);
  tcase_add_loop_test (bad_tc, test_bad_input, 0, G_N_ELEMENTS (bad));
  suite_add_tcase (s, bad_tc);

  return fw_test_run (s);
}
