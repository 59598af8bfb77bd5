/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing the sample from a population: sizes per kind, strata within one
 * case of proportional, the per-case-manager cap, reproducible seeds,
 * exclusions, audited replacements, all-or-nothing population imports. */
#include <math.h>
#include <string.h>

#include "fw-test-util.h"

/* A population of court and out-of-court cases (2018) or child and victim
 * cases (2025): one in five girls, rosh and disposal cycling, case
 * managers cycling over n_managers, and every 13th case excluded. */
static char *
make_population (const char *kind_a, guint n_a, const char *kind_b, guint n_b, guint n_managers,
                 gboolean reversed)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) csv = g_string_new ("reference,kind,gender,disposal,rosh,case_manager,start_date,excluded\n");
  static const char *rosh[] = { "low", "medium", "high", "very high", "medium", "low", "high" };
  static const char *disposal[] = { "YRO", "Referral order", "YRO", "DTO" };
  guint i = 0;

  for (guint k = 0; k < 2; k++)
    for (guint j = 1; j <= (k ? n_b : n_a); j++, i++)
      g_ptr_array_add (rows, g_strdup_printf ("%s-%03u,%s,%s,%s,%s,CM%02u,2019-0%u-1%u,%s\n",
                                              k ? "B" : "A", j, k ? kind_b : kind_a,
                                              i % 5 == 0 ? "female" : "male", disposal[i % 4],
                                              rosh[i % 7], i % n_managers, 1 + i % 9, i % 10,
                                              i % 13 == 12 ? "transferred to another service" : ""));
  for (guint r = 0; r < rows->len; r++)
    g_string_append (csv, g_ptr_array_index (rows, reversed ? rows->len - 1 - r : r));
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

static FwStore *
store_with_population (const char *dir, const char *framework, const char *csv, char **id)
{
  g_autofree char *path = fw_test_framework_path (framework);
  g_autoptr(GError) error = NULL;
  FwStore *store = fw_test_store_with_inspection (dir, path, id);
  guint n = 0;

  ck_assert_msg (fw_population_import_data (store, *id, csv, strlen (csv), "population.csv", &n, &error),
                 "%s", error ? error->message : "");
  ck_assert_uint_gt (n, 0);
  return store;
}

static FwDrawKind *
find_kind (FwDrawSummary *summary, const char *kind)
{
  for (guint i = 0; i < summary->kinds->len; i++)
    if (strcmp (((FwDrawKind *) g_ptr_array_index (summary->kinds, i))->kind, kind) == 0)
      return g_ptr_array_index (summary->kinds, i);
  ck_abort_msg ("no kind %s", kind);
  return NULL;
}

static void
assert_proportional (FwDrawSummary *summary)
{
  for (guint k = 0; k < summary->kinds->len; k++)
    {
      FwDrawKind *dk = g_ptr_array_index (summary->kinds, k);
      guint total = 0;

      for (guint i = 0; i < dk->strata->len; i++)
        {
          FwStratum *st = g_ptr_array_index (dk->strata, i);

          ck_assert_msg (fabs (st->sample - st->quota) < 1.0, "%s %s=%s: %u drawn, %.2f proportional",
                         dk->kind, st->attribute, st->value, st->sample, st->quota);
          if (strcmp (st->attribute, "gender") == 0)
            total += st->sample;
        }
      ck_assert_uint_eq (total, dk->drawn);
    }
}

/* Cases per case manager in the inspection, at most cap each. */
static void
assert_cap (FwStore *store, const char *id, guint cap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, id, NULL, &error);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  ck_assert_ptr_nonnull (cases);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *cm = fw_case_get_attr (g_ptr_array_index (cases, i), "case_manager");
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, cm)) + 1;

      ck_assert_ptr_nonnull (cm);
      ck_assert_msg (n <= cap, "%s has %u cases", cm, n);
      g_hash_table_insert (counts, (gpointer) cm, GUINT_TO_POINTER (n));
    }
}

START_TEST (test_draw_sizes_strata_cap)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = NULL;
  g_autofree char *csv = make_population ("court", 37, "out-of-court", 24, 11, FALSE);
  g_autoptr(FwStore) store = store_with_population (dir, "hmip-youth-2018.xml", csv, &id);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  FwDrawOptions options;
  FwDrawKind *court, *ooc;

  fw_draw_options_init (&options);
  options.seed = "brent-2019";
  options.reserve = 4;
  summary = fw_draw_sample (store, id, &options, &error);
  ck_assert_msg (summary != NULL, "%s", error ? error->message : "");
  ck_assert (summary->drawn);
  ck_assert_str_eq (summary->seed, "brent-2019");
  court = find_kind (summary, "court");
  ooc = find_kind (summary, "out-of-court");
  /* 37 listed, 2 excluded (every 13th): 35 eligible → 29; 24 listed, 2 excluded: 22 → 20 */
  ck_assert_uint_eq (court->listed, 37);
  ck_assert_uint_eq (court->eligible, 35);
  ck_assert_uint_eq (court->n, 29);
  ck_assert_uint_eq (court->drawn, 29);
  ck_assert_uint_eq (ooc->eligible, 22);
  ck_assert_uint_eq (ooc->n, 20);
  ck_assert_uint_eq (ooc->drawn, 20);
  ck_assert_uint_eq (court->reserve->len, 4);
  ck_assert_uint_eq (ooc->reserve->len, 2);   /* only 2 undrawn eligible cases are left */
  ck_assert_msg (fabs (court->z - 1.2816) < 1e-4, "z %f", court->z);
  assert_proportional (summary);
  assert_cap (store, id, 6);
  cases = fw_store_list_cases (store, id, NULL, &error);
  ck_assert_uint_eq (cases->len, 49);
  /* the strata are the framework's: gender, disposal, rosh, safety and wellbeing */
  ck_assert_uint_eq (summary->strata->len, 4);
  ck_assert (!summary->strata_provisional);

  /* drawing again is refused, and so is a new population */
  {
    g_autoptr(GError) again = NULL;
    g_autoptr(FwDrawSummary) none = fw_draw_sample (store, id, &options, &again);

    ck_assert_ptr_null (none);
    ck_assert_error (again, FW_DRAW_ERROR, FW_DRAW_ERROR_DRAWN);
    ck_assert (!fw_population_import_data (store, id, csv, strlen (csv), "p.csv", NULL, &error));
    ck_assert_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_DRAWN);
  }
  fw_test_rmdir (dir);
}
END_TEST

/* 2025 limits: 200 children → 91, 15 victims → 14; a tight cap that
 * cannot be met is refused and changes nothing. */
START_TEST (test_draw_limits_and_cap_refused)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = NULL;
  g_autofree char *csv = make_population ("child", 216, "victim", 16, 40, FALSE);
  g_autoptr(FwStore) store = store_with_population (dir, "hmip-youth-2025.xml", csv, &id);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autoptr(FwDrawSummary) before = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  FwDrawOptions options;
  guint audit;

  fw_draw_options_init (&options);
  options.seed = "7";
  options.per_case_manager = 2;
  audit = fw_store_count_audit (store, id, NULL);
  ck_assert_ptr_null (fw_draw_sample (store, id, &options, &error));
  ck_assert_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_CAP);
  g_clear_error (&error);
  ck_assert_uint_eq (fw_store_count_audit (store, id, NULL), audit);
  before = fw_draw_summarize (store, id, 0, 0, &error);
  ck_assert (!before->drawn);
  cases = fw_store_list_cases (store, id, NULL, &error);
  ck_assert_uint_eq (cases->len, 0);

  options.per_case_manager = 6;
  summary = fw_draw_sample (store, id, &options, &error);
  ck_assert_msg (summary != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (find_kind (summary, "child")->eligible, 200);
  ck_assert_uint_eq (find_kind (summary, "child")->n_formula, 91);
  ck_assert_uint_eq (find_kind (summary, "child")->drawn, 91);
  ck_assert_uint_eq (find_kind (summary, "victim")->eligible, 15);
  ck_assert_uint_eq (find_kind (summary, "victim")->drawn, 14);
  ck_assert (summary->strata_provisional);
  assert_proportional (summary);
  assert_cap (store, id, 6);
  fw_test_rmdir (dir);
}
END_TEST

static char *
sample_of (const char *csv, const char *seed)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = NULL;
  g_autoptr(FwStore) store = store_with_population (dir, "hmip-youth-2018.xml", csv, &id);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  FwDrawOptions options;

  fw_draw_options_init (&options);
  options.seed = seed;
  summary = fw_draw_sample (store, id, &options, &error);
  ck_assert_msg (summary != NULL, "%s", error ? error->message : "");
  for (guint k = 0; k < summary->kinds->len; k++)
    {
      FwDrawKind *dk = g_ptr_array_index (summary->kinds, k);

      for (guint i = 0; i < dk->sample->len; i++)
        g_string_append_printf (out, "%s ", (char *) g_ptr_array_index (dk->sample, i));
      g_string_append (out, "| ");
      for (guint i = 0; i < dk->reserve->len; i++)
        g_string_append_printf (out, "%s ", (char *) g_ptr_array_index (dk->reserve, i));
      g_string_append (out, "\n");
    }
  g_clear_object (&store);
  fw_test_rmdir (dir);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

START_TEST (test_draw_reproducible)
{
  g_autofree char *csv = make_population ("court", 60, "out-of-court", 40, 20, FALSE);
  g_autofree char *reversed = make_population ("court", 60, "out-of-court", 40, 20, TRUE);
  g_autofree char *a = sample_of (csv, "12345");
  g_autofree char *b = sample_of (csv, "12345");
  g_autofree char *c = sample_of (reversed, "12345");
  g_autofree char *d = sample_of (csv, "54321");

  ck_assert_str_eq (a, b);
  /* the order of the rows in the file does not matter */
  ck_assert_str_eq (a, c);
  ck_assert_str_ne (a, d);
}
END_TEST

START_TEST (test_exclusions_recorded)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = NULL;
  g_autofree char *csv = make_population ("court", 30, "out-of-court", 10, 10, FALSE);
  g_autoptr(FwStore) store = store_with_population (dir, "hmip-youth-2018.xml", csv, &id);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDrawSummary) summary = fw_draw_sample (store, id, NULL, &error);

  ck_assert_msg (summary != NULL, "%s", error ? error->message : "");
  /* rows 13, 26 and 39 (A-013, A-026, B-009) */
  ck_assert_uint_eq (summary->exclusions->len, 3);
  for (guint i = 0; i < summary->exclusions->len; i++)
    {
      FwExclusion *e = g_ptr_array_index (summary->exclusions, i);
      g_autoptr(FwCase) c = fw_store_find_case (store, id, e->reference, NULL);

      ck_assert_str_eq (e->reason, "transferred to another service");
      ck_assert_ptr_null (c);
    }
  ck_assert_str_eq (((FwExclusion *) g_ptr_array_index (summary->exclusions, 0))->reference, "A-013");
  ck_assert_str_eq (((FwExclusion *) g_ptr_array_index (summary->exclusions, 2))->reference, "B-009");
  /* a random seed is made and recorded */
  ck_assert (summary->seed != NULL && *summary->seed != '\0');
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_replace_audited)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = NULL;
  g_autofree char *csv = make_population ("court", 60, "out-of-court", 20, 20, FALSE);
  g_autoptr(FwStore) store = store_with_population (dir, "hmip-youth-2018.xml", csv, &id);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDrawSummary) summary = fw_draw_sample (store, id, NULL, &error);
  g_autoptr(FwDrawSummary) after = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(FwCase) gone = NULL, taken = NULL, worked = NULL;
  g_autofree char *by = NULL;
  FwDrawKind *court;
  const char *first, *second;
  gboolean seen = FALSE;

  ck_assert_msg (summary != NULL, "%s", error ? error->message : "");
  court = find_kind (summary, "court");
  first = g_ptr_array_index (court->sample, 0);
  second = g_ptr_array_index (court->sample, 1);

  /* a reason is required; a case not drawn is refused */
  ck_assert_ptr_null (fw_draw_replace_case (store, id, first, "", &error));
  ck_assert_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_ptr_null (fw_draw_replace_case (store, id, g_ptr_array_index (court->reserve, 0), "x", &error));
  ck_assert_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_NOT_DRAWN);
  g_clear_error (&error);

  by = fw_draw_replace_case (store, id, first, "the child moved out of the area", &error);
  ck_assert_msg (by != NULL, "%s", error ? error->message : "");
  gone = fw_store_find_case (store, id, first, NULL);
  taken = fw_store_find_case (store, id, by, NULL);
  ck_assert_ptr_null (gone);
  ck_assert_ptr_nonnull (taken);
  audit = fw_store_list_audit (store, id, NULL, &error);
  for (guint i = 0; i < audit->len; i++)
    {
      FwAuditEntry *e = g_ptr_array_index (audit, i);

      if (strcmp (e->action, "replace") == 0)
        {
          ck_assert_str_eq (e->old_value, first);
          ck_assert_str_eq (e->new_value, by);
          ck_assert_str_eq (e->reason, "the child moved out of the area");
          ck_assert_str_eq (e->who, "Test inspector");
          seen = TRUE;
        }
    }
  ck_assert (seen);
  after = fw_draw_summarize (store, id, 0, 0, &error);
  ck_assert_uint_eq (after->replacements->len, 1);
  ck_assert_uint_eq (find_kind (after, "court")->drawn, court->drawn);
  ck_assert_uint_eq (find_kind (after, "court")->reserve->len, court->reserve->len - 1);

  /* a case with an answer keeps its place */
  worked = fw_store_find_case (store, id, second, NULL);
  ck_assert (fw_store_set_answer (store, worked->id, "2.1.1", FW_ANSWER_YES, NULL, "answer", &error));
  ck_assert_ptr_null (fw_draw_replace_case (store, id, second, "no reason", &error));
  ck_assert_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_STARTED);
  fw_test_rmdir (dir);
}
END_TEST

/* Bad population files name the file, line, column and field, and change nothing. */
START_TEST (test_bad_population)
{
  static const struct { const char *csv; const char *message; int code; } bad[] = {
    { "reference,kind,colour\nA1,court,red\n", "population.csv:1: column 3 “colour”: unknown column",
      FW_IMPORT_ERROR_UNKNOWN_COLUMN },
    { "reference,gender\nA1,male\n", "population.csv:1: the required column “kind” is missing",
      FW_IMPORT_ERROR_MISSING_COLUMN },
    { "reference,kind\nA1,court\nA2,adult\n", "population.csv:3: column 2 “kind”: “adult” is not a case kind",
      FW_IMPORT_ERROR_UNKNOWN_KIND },
    { "reference,kind,rosh\nA1,court,low\n\nA2,court,extreme\n", "population.csv:4: column 3 “rosh”: “extreme”",
      FW_IMPORT_ERROR_BAD_VALUE },
    { "kind,reference,start_date\ncourt,A1,2019-02-30\n", "population.csv:2: column 3 “start_date”",
      FW_IMPORT_ERROR_BAD_VALUE },
    { "reference,kind\nA1,court\nA1,court\n", "population.csv:3: column 1 “reference”: case “A1” appears twice",
      FW_IMPORT_ERROR_DUPLICATE },
    { "reference,kind\n,court\n", "population.csv:2: column 1 “reference”: the value is empty",
      FW_IMPORT_ERROR_EMPTY_VALUE },
  };
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *id = NULL;
  g_autofree char *csv = make_population ("court", 20, "out-of-court", 10, 10, FALSE);
  g_autoptr(FwStore) store = store_with_population (dir, "hmip-youth-2018.xml", csv, &id);
  guint audit = fw_store_count_audit (store, id, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwDrawSummary) summary = NULL;

      ck_assert (!fw_population_import_data (store, id, bad[i].csv, strlen (bad[i].csv), "population.csv",
                                             NULL, &error));
      ck_assert_error (error, FW_IMPORT_ERROR, bad[i].code);
      ck_assert_msg (g_str_has_prefix (error->message, bad[i].message), "%s", error->message);
      /* the earlier population is still there, whole */
      summary = fw_draw_summarize (store, id, 0, 0, NULL);
      ck_assert_uint_eq (find_kind (summary, "court")->listed, 20);
      ck_assert_uint_eq (find_kind (summary, "out-of-court")->listed, 10);
      ck_assert_uint_eq (fw_store_count_audit (store, id, NULL), audit);
    }
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_cli)
{
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *frameworks = fw_test_framework_path ("");
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *csv = make_population ("court", 37, "out-of-court", 24, 12, FALSE);
  g_autofree char *pop = fw_test_write (dir, "pop.csv", csv, -1);
  g_autofree char *bad = fw_test_write (dir, "bad.csv", "reference,kind\nA1,court\nA2,nope\n", -1);
  g_autofree char *id = NULL;
  int status;

  g_setenv ("FIELDWORK_FRAMEWORKS_DIR", frameworks, TRUE);
  id = fw_test_cli_text (&status, "--db", db, "new", "--framework", "hmip-youth-2018", "--service", "S", "--start",
                "2019-08-05", NULL);
  ck_assert_int_eq (status, 0);
  g_strstrip (id);
  {
    g_autofree char *out = fw_test_cli_text (&status, "--db", db, "import-population", "--inspection", id, bad, NULL);
    g_autofree char *where = g_strdup_printf ("%s:3: column 2 “kind”", bad);

    ck_assert_int_ne (status, 0);
    ck_assert_msg (strstr (out, where) != NULL, "%s", out);
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "--db", db, "import-population", "--inspection", id, pop, NULL);
    ck_assert_msg (status == 0, "%s", out);
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "--db", db, "draw", "--inspection", id, "--seed", "S1",
                                    "--per-case-manager", "6", "--reserve", "2", NULL);
    ck_assert_msg (status == 0, "%s", out);
    ck_assert_msg (strstr (out, "drawn: 29 of 29") != NULL, "%s", out);
    ck_assert_msg (strstr (out, "drawn: 20 of 20") != NULL, "%s", out);
    ck_assert_msg (strstr (out, "Gender") != NULL, "%s", out);
    ck_assert_msg (strstr (out, "seed: S1") != NULL, "%s", out);
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "--db", db, "replace-case", "--inspection", id, "--case", "nope",
                                    "--reason", "r", NULL);
    ck_assert_int_ne (status, 0);
  }
  fw_test_rmdir (dir);
}
END_TEST

START_TEST (test_strata_in_framework)
{
  static const char *xml =
    "<framework xmlns=\"urn:fieldwork:framework:1\" id=\"t\" version=\"1\" xml:lang=\"en\">"
    "<title>T</title><kinds><kind id=\"k\"><title>K</title></kind></kinds>"
    "<attributes><attribute id=\"gender\"><title>Gender</title></attribute></attributes>"
    "<rating rounding=\"rounded\"><band id=\"b\" min=\"0\" score=\"0\" colour=\"#000000\"><title>B</title></band></rating>"
    "<sampling confidence=\"80\" margin=\"5\"><strata attributes=\"gender %s\"/></sampling>"
    "<domain id=\"1\"><title>D</title><standard id=\"1.1\" kinds=\"k\"><title>S</title>"
    "<question id=\"1.1.1\"><text>Q?</text></question></standard></domain></framework>";
  g_autofree char *good = g_strdup_printf (xml, "");
  g_autofree char *unknown = g_strdup_printf (xml, "colour");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = fw_framework_new_from_data (good, strlen (good), "t.xml", &error);
  g_autoptr(FwFramework) bad = NULL;
  gboolean provisional = TRUE;

  ck_assert_msg (fw != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (fw_framework_get_strata (fw, &provisional)->len, 1);
  ck_assert (!provisional);
  bad = fw_framework_new_from_data (unknown, strlen (unknown), "t.xml", &error);
  ck_assert_ptr_null (bad);
  ck_assert_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_INVALID);
  ck_assert_msg (strstr (error->message, "colour") != NULL, "%s", error->message);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("draw");
  TCase *tc = tcase_create ("draw");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_draw_sizes_strata_cap);
  tcase_add_test (tc, test_draw_limits_and_cap_refused);
  tcase_add_test (tc, test_draw_reproducible);
  tcase_add_test (tc, test_exclusions_recorded);
  tcase_add_test (tc, test_replace_audited);
  tcase_add_test (tc, test_bad_population);
  tcase_add_test (tc, test_cli);
  tcase_add_test (tc, test_strata_in_framework);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
