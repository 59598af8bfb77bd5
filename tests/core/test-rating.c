/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rating engine on its own: counts in an FwTally, judgements in a hash
 * table, no store. Expected values are worked out by hand from SPEC §3 and
 * frameworks.md, never by calling the engine. */
#include <string.h>

#include "fw-test-util.h"

/* ---------------------------------------------------------------- helpers */

static FwFramework *
load_shipped (const char *name)
{
  g_autofree char *path = fw_test_framework_path (name);
  return fw_test_load_framework (path);
}

static FwFramework *
load_madeup (const char *name)
{
  g_autofree char *rel = g_build_filename ("frameworks", name, NULL);
  g_autofree char *path = fw_test_data_path (rel);
  return fw_test_load_framework (path);
}

static int
qindex (FwFramework *fw, const char *id)
{
  FwQuestion *q = NULL;
  FwPrompt *p = NULL;

  ck_assert_msg (fw_framework_find_item (fw, id, &q, &p), "no item %s", id);
  ck_assert_msg (q != NULL && q->index >= 0, "%s is not a key question answered per case", id);
  return q->index;
}

static void
set_q (FwTally *t, FwFramework *fw, const char *id, guint yes, guint no, guint na)
{
  int i = qindex (fw, id);

  t->yes[i] = yes;
  t->no[i] = no;
  t->na[i] = na;
}

static void
set_cases (FwTally *t, FwFramework *fw, const char *kind_id, guint n)
{
  FwKind *kind = fw_framework_find_kind (fw, kind_id);

  ck_assert_msg (kind != NULL, "no kind %s", kind_id);
  t->cases_of_kind[kind->index] = n;
}

static FwStandardResult *
std_result (FwRating *r, const char *id)
{
  FwStandard *s = fw_framework_find_standard (r->framework, id);

  ck_assert_msg (s != NULL, "no standard %s", id);
  ck_assert_ptr_eq (r->standards[s->index].standard, s);
  return &r->standards[s->index];
}

static FwQuestionResult *
q_result (FwRating *r, const char *id)
{
  int i = qindex (r->framework, id);

  ck_assert_str_eq (r->questions[i].question->id, id);
  return &r->questions[i];
}

static const char *
band_id (FwBand *band)
{
  return band ? band->id : "(none)";
}

static gboolean
missing_has (FwRating *r, const char *a, const char *b)
{
  for (guint i = 0; i < r->missing->len; i++)
    {
      const char *m = g_ptr_array_index (r->missing, i);
      if (strstr (m, a) && (b == NULL || strstr (m, b)))
        return TRUE;
    }
  return FALSE;
}

static GHashTable *
judgements_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

/* ------------------------------------------------- band edges (rounded) */

static const struct {
  guint       yes, total;
  guint       shown;
  const char *band;
  gboolean    decided;
} rounded_edges[] = {
  { 129, 200, 65, "good", TRUE },                     /* 64.5 → 65 */
  { 159, 200, 80, "outstanding", TRUE },              /* 79.5 → 80 */
  { 11, 17, 65, "good", TRUE },                       /* 64.7 → 65 */
  { 13, 20, 65, "good", FALSE },                      /* exactly 65 */
  { 1, 2, 50, "requires-improvement", FALSE },        /* exactly 50 */
  { 99, 200, 50, "requires-improvement", TRUE },      /* 49.5 → 50 */
  { 197, 400, 49, "inadequate", FALSE },              /* 49.25 → 49 */
  { 0, 1, 0, "inadequate", FALSE },
  { 0, 29, 0, "inadequate", FALSE },
  { 1, 1, 100, "outstanding", FALSE },
  { 29, 29, 100, "outstanding", FALSE },
  { 6499, 10000, 65, "good", TRUE },                  /* 64.99 → 65 */
  { 6449, 10000, 64, "requires-improvement", FALSE }, /* 64.49 → 64 */
  { 6450, 10000, 65, "good", TRUE },                  /* 64.50 → 65 */
  { 7949, 10000, 79, "good", FALSE },
  { 7950, 10000, 80, "outstanding", TRUE },
  { 4949, 10000, 49, "inadequate", FALSE },
  { 4950, 10000, 50, "requires-improvement", TRUE },
  { 644999, 1000000, 64, "requires-improvement", FALSE },
  { 645000, 1000000, 65, "good", TRUE },
  /* large enough that 200·yes overflows 32 bits */
  { 2580000000u, 4000000000u, 65, "good", TRUE },     /* 64.5 */
  { 2579999999u, 4000000000u, 64, "requires-improvement", FALSE },
  { 4000000000u, 4000000000u, 100, "outstanding", FALSE },
};

START_TEST (test_rounded_edges)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  guint shown = 12345;
  gboolean decided = 77;
  FwBand *band;

  ck_assert_uint_eq (fw_framework_get_rounding (fw), FW_ROUNDING_ROUNDED);
  band = fw_rating_band_for (fw, rounded_edges[_i].yes, rounded_edges[_i].total, &shown, &decided);
  ck_assert_msg (band != NULL, "no band for %u/%u", rounded_edges[_i].yes, rounded_edges[_i].total);
  ck_assert_msg (strcmp (band->id, rounded_edges[_i].band) == 0, "%u/%u: band %s, expected %s",
                 rounded_edges[_i].yes, rounded_edges[_i].total, band->id, rounded_edges[_i].band);
  ck_assert_msg (shown == rounded_edges[_i].shown, "%u/%u: shown %u, expected %u",
                 rounded_edges[_i].yes, rounded_edges[_i].total, shown, rounded_edges[_i].shown);
  ck_assert_msg (decided == rounded_edges[_i].decided, "%u/%u: rounding_decided %d",
                 rounded_edges[_i].yes, rounded_edges[_i].total, decided);
  /* the out arguments are optional */
  ck_assert_ptr_eq (fw_rating_band_for (fw, rounded_edges[_i].yes, rounded_edges[_i].total, NULL, NULL), band);
}
END_TEST

/* An independent reckoning: quotient and remainder, half up when the
 * remainder is at least half the denominator. */
static guint
reference_rounded (guint yes, guint total)
{
  guint q = 100 * yes / total;
  guint r = 100 * yes % total;

  return 2 * r >= total ? q + 1 : q;
}

static const char *
hmip_band_of_percent (guint pct)
{
  return pct >= 80 ? "outstanding" : pct >= 65 ? "good" : pct >= 50 ? "requires-improvement" : "inadequate";
}

static const char *
hmip_band_exact (guint yes, guint total)
{
  /* yes/total ≥ t/100 ⇔ 100·yes ≥ t·total */
  return 100 * yes >= 80 * total ? "outstanding"
       : 100 * yes >= 65 * total ? "good"
       : 100 * yes >= 50 * total ? "requires-improvement" : "inadequate";
}

START_TEST (test_rounded_every_fraction)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  guint n = 0, decided_count = 0;

  for (guint total = 1; total <= 400; total++)
    for (guint yes = 0; yes <= total; yes++)
      {
        guint shown = 0, expected_pct = reference_rounded (yes, total);
        gboolean decided = FALSE;
        const char *expected = hmip_band_of_percent (expected_pct);
        gboolean expected_decided = strcmp (expected, hmip_band_exact (yes, total)) != 0;
        FwBand *band = fw_rating_band_for (fw, yes, total, &shown, &decided);

        if (band == NULL || strcmp (band->id, expected) != 0 || shown != expected_pct
            || decided != expected_decided)
          ck_abort_msg ("%u/%u: got %s %u%% decided=%d, expected %s %u%% decided=%d", yes, total,
                        band_id (band), shown, decided, expected, expected_pct, expected_decided);
        n++;
        decided_count += decided;
      }
  ck_assert_uint_eq (n, 400 * 401 / 2 + 400);
  /* rounding decides a band often enough for the loop to matter */
  ck_assert_uint_gt (decided_count, 100);
}
END_TEST

/* ------------------------------------------------- exact comparison */

START_TEST (test_exact_rule)
{
  g_autoptr(FwFramework) fw = load_madeup ("madeup-pooled.xml");
  static const struct { guint yes, total, shown; const char *band; } cases[] = {
    { 74, 100, 74, "fair" },
    { 75, 100, 75, "strong" },
    { 3, 4, 75, "strong" },
    { 149, 200, 74, "fair" },       /* 74.5: rounded would make it strong */
    { 59, 100, 59, "poor" },
    { 119, 200, 59, "poor" },       /* 59.5 */
    { 60, 100, 60, "fair" },
    { 3, 5, 60, "fair" },
    { 2, 3, 66, "fair" },
    { 899, 1000, 89, "strong" },    /* 89.9 */
    { 9, 10, 90, "excellent" },
    { 0, 3, 0, "poor" },
    { 3, 3, 100, "excellent" },
  };

  ck_assert_uint_eq (fw_framework_get_rounding (fw), FW_ROUNDING_EXACT);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint shown = 999;
      gboolean decided = TRUE;
      FwBand *band = fw_rating_band_for (fw, cases[i].yes, cases[i].total, &shown, &decided);

      ck_assert_msg (band && strcmp (band->id, cases[i].band) == 0, "%u/%u: %s, expected %s",
                     cases[i].yes, cases[i].total, band_id (band), cases[i].band);
      ck_assert_msg (shown == cases[i].shown, "%u/%u: shown %u", cases[i].yes, cases[i].total, shown);
      ck_assert_msg (!decided, "%u/%u: rounding cannot decide under the exact rule", cases[i].yes, cases[i].total);
    }

  /* and every fraction up to 200 against the integer comparison */
  for (guint total = 1; total <= 200; total++)
    for (guint yes = 0; yes <= total; yes++)
      {
        const char *expected = 100 * yes >= 90 * total ? "excellent"
                             : 100 * yes >= 75 * total ? "strong"
                             : 100 * yes >= 60 * total ? "fair" : "poor";
        FwBand *band = fw_rating_band_for (fw, yes, total, NULL, NULL);

        if (band == NULL || strcmp (band->id, expected) != 0)
          ck_abort_msg ("%u/%u: %s, expected %s", yes, total, band_id (band), expected);
      }
}
END_TEST

/* ------------------------------------------------- tenths */

START_TEST (test_tenths)
{
  ck_assert_uint_eq (fw_rating_tenths (25, 29), 862);
  ck_assert_uint_eq (fw_rating_tenths (1, 3), 333);
  ck_assert_uint_eq (fw_rating_tenths (2, 3), 667);
  ck_assert_uint_eq (fw_rating_tenths (1, 8), 125);
  ck_assert_uint_eq (fw_rating_tenths (1, 16), 63);     /* 6.25 → 6.3, half up */
  ck_assert_uint_eq (fw_rating_tenths (129, 200), 645);
  ck_assert_uint_eq (fw_rating_tenths (19, 21), 905);   /* 90.476 */
  ck_assert_uint_eq (fw_rating_tenths (0, 5), 0);
  ck_assert_uint_eq (fw_rating_tenths (5, 5), 1000);
  ck_assert_uint_eq (fw_rating_tenths (12, 15), 800);
  ck_assert_uint_eq (fw_rating_tenths (8, 13), 615);    /* 61.538 */
  ck_assert_uint_eq (fw_rating_tenths (4000000000u, 4000000000u), 1000);
  ck_assert_uint_eq (fw_rating_tenths (1, 4000000000u), 0);

  for (guint total = 1; total <= 300; total++)
    for (guint yes = 0; yes <= total; yes++)
      {
        guint q = 1000 * yes / total, r = 1000 * yes % total;
        guint expected = 2 * r >= total ? q + 1 : q;

        if (fw_rating_tenths (yes, total) != expected)
          ck_abort_msg ("%u/%u: %u tenths, expected %u", yes, total, fw_rating_tenths (yes, total), expected);
      }
}
END_TEST

/* ------------------------------------------------- the tally */

START_TEST (test_tally_change)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  int q = qindex (fw, "2.1.1");

  ck_assert_uint_eq (t->n_questions, fw_framework_get_questions (fw)->len);
  ck_assert_uint_eq (t->n_kinds, 2);
  for (guint i = 0; i < t->n_questions; i++)
    ck_assert_uint_eq (t->yes[i] + t->no[i] + t->na[i], 0);

  fw_tally_change (t, q, FW_ANSWER_NONE, FW_ANSWER_YES);
  fw_tally_change (t, q, FW_ANSWER_NONE, FW_ANSWER_YES);
  fw_tally_change (t, q, FW_ANSWER_NONE, FW_ANSWER_NA);
  ck_assert_uint_eq (t->yes[q], 2);
  ck_assert_uint_eq (t->na[q], 1);
  fw_tally_change (t, q, FW_ANSWER_YES, FW_ANSWER_NO);
  ck_assert_uint_eq (t->yes[q], 1);
  ck_assert_uint_eq (t->no[q], 1);
  fw_tally_change (t, q, FW_ANSWER_NA, FW_ANSWER_NONE);
  ck_assert_uint_eq (t->na[q], 0);
  /* other questions untouched */
  ck_assert_uint_eq (t->yes[qindex (fw, "2.1.2")], 0);

  set_cases (t, fw, "court", 3);
  set_cases (t, fw, "out-of-court", 5);
  ck_assert_uint_eq (fw_tally_applicable (t, g_ptr_array_index (fw_framework_get_questions (fw), q)), 3);
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, NULL);
    FwQuestionResult *qr = q_result (r, "2.1.1");

    ck_assert_uint_eq (qr->yes, 1);
    ck_assert_uint_eq (qr->no, 1);
    ck_assert_uint_eq (qr->na, 0);
    ck_assert_uint_eq (qr->unanswered, 1);
    ck_assert (qr->has_percent);
    ck_assert_uint_eq (qr->tenths, 500);
    ck_assert_uint_eq (qr->shown_percent, 50);
    ck_assert_str_eq (band_id (qr->band), "requires-improvement");
    ck_assert (!qr->rounding_decided);
  }
  fw_tally_clear (t);
  ck_assert_uint_eq (t->no[q], 0);
  ck_assert_uint_eq (t->cases_of_kind[0] + t->cases_of_kind[1], 0);
}
END_TEST

/* ------------------------------------------------- questions and standards */

START_TEST (test_na_and_unanswered)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(FwRating) r = NULL;
  FwQuestionResult *q;

  set_cases (t, fw, "court", 29);
  set_q (t, fw, "2.4.1", 18, 3, 8);
  set_q (t, fw, "2.4.2", 11, 5, 9);      /* 4 unanswered */
  set_q (t, fw, "2.4.3", 12, 3, 14);
  r = fw_rating_compute (fw, t, NULL);

  q = q_result (r, "2.4.3");
  ck_assert_uint_eq (q->yes, 12);
  ck_assert_uint_eq (q->no, 3);
  ck_assert_uint_eq (q->na, 14);
  ck_assert_uint_eq (q->unanswered, 0);
  ck_assert_uint_eq (q->tenths, 800);            /* 12 of 15, not 12 of 29 */
  ck_assert_uint_eq (q->shown_percent, 80);
  ck_assert_str_eq (band_id (q->band), "outstanding");

  q = q_result (r, "2.4.2");
  ck_assert_uint_eq (q->na, 9);
  ck_assert_uint_eq (q->unanswered, 4);
  ck_assert_uint_eq (q->tenths, 688);            /* 11 of 16 = 68.75 */
  ck_assert_uint_eq (q->shown_percent, 69);
  ck_assert_str_eq (band_id (q->band), "good");

  /* the standard's own results carry the same figures */
  {
    FwStandardResult *s = std_result (r, "2.4");
    ck_assert_uint_eq (s->n_questions, 3);
    ck_assert_str_eq (s->questions[2].question->id, "2.4.3");
    ck_assert_uint_eq (s->questions[2].na, 14);
    ck_assert_uint_eq (s->questions[1].unanswered, 4);
    ck_assert_uint_eq (s->applicable_cases, 29);
    /* lowest of outstanding, good, outstanding */
    ck_assert_int_eq (s->state, FW_STANDARD_RATED);
    ck_assert_str_eq (band_id (s->band), "good");
  }
  ck_assert (!r->complete);
  ck_assert (missing_has (r, "2.4.2", ": 4 unanswered"));
}
END_TEST

START_TEST (test_question_without_yes_no)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(FwRating) r = NULL;
  FwQuestionResult *q;
  FwStandardResult *s;

  set_cases (t, fw, "court", 10);
  /* 2.1: nothing answered at all */
  /* 2.2: only 2.2.1 answered, so far */
  set_q (t, fw, "2.2.1", 9, 1, 0);
  /* 2.3: 2.3.1 all N/A, the others answered */
  set_q (t, fw, "2.3.1", 0, 0, 10);
  set_q (t, fw, "2.3.2", 7, 3, 0);
  set_q (t, fw, "2.3.3", 8, 2, 0);
  /* 2.4: N/A so far on every answered one, some still to do */
  set_q (t, fw, "2.4.1", 0, 0, 4);
  r = fw_rating_compute (fw, t, NULL);

  q = q_result (r, "2.1.1");
  ck_assert (!q->has_percent);
  ck_assert_ptr_null (q->band);
  ck_assert_uint_eq (q->unanswered, 10);
  s = std_result (r, "2.1");
  ck_assert_int_eq (s->state, FW_STANDARD_PENDING);
  ck_assert_ptr_null (s->band);
  ck_assert_uint_eq (s->score, 0);

  q = q_result (r, "2.3.1");
  ck_assert (!q->has_percent);
  ck_assert_ptr_null (q->band);
  ck_assert_uint_eq (q->na, 10);
  ck_assert_uint_eq (q->unanswered, 0);
  /* the all-N/A question does not stop the others rating the standard */
  s = std_result (r, "2.3");
  ck_assert_int_eq (s->state, FW_STANDARD_RATED);
  ck_assert_str_eq (band_id (s->band), "good");

  /* a rating from the answers so far, with the rest still missing */
  s = std_result (r, "2.2");
  ck_assert_str_eq (band_id (s->band), "outstanding");
  ck_assert (missing_has (r, "2.2.2", "10 unanswered"));

  s = std_result (r, "2.4");
  ck_assert_int_eq (s->state, FW_STANDARD_PENDING);
  ck_assert_ptr_null (s->band);

  ck_assert (!r->complete);
  ck_assert (missing_has (r, "2.1.1", "10 unanswered"));
  ck_assert (missing_has (r, "2.4.1", "6 unanswered"));
  /* a standard with no rating yet is left out of the score and the
   * maximum, like one not rated: 2.2 and 2.3 count */
  ck_assert_uint_eq (r->max_score, 6);
  ck_assert_uint_eq (r->score, 5);
  ck_assert_str_eq (band_id (r->rating), "good");
}
END_TEST

START_TEST (test_kind_without_cases)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  g_autoptr(FwRating) r = NULL;
  const char *court[] = { "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.2.3",
                          "2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2", "2.4.3" };

  set_cases (t, fw, "court", 20);
  for (guint i = 0; i < G_N_ELEMENTS (court); i++)
    set_q (t, fw, court[i], 16, 4, 0);
  g_hash_table_insert (j, "1.1", "good");
  g_hash_table_insert (j, "1.2", "good");
  g_hash_table_insert (j, "1.3", "good");
  g_hash_table_insert (j, "1.4", "good");
  r = fw_rating_compute (fw, t, j);

  for (const char *const *id = (const char *[]) { "3.1", "3.2", "3.3", "3.4", NULL }; *id; id++)
    {
      FwStandardResult *s = std_result (r, *id);
      ck_assert_msg (s->state == FW_STANDARD_NOT_RATED, "%s should not be rated", *id);
      ck_assert_ptr_null (s->band);
      ck_assert_uint_eq (s->score, 0);
      ck_assert_uint_eq (s->applicable_cases, 0);
    }
  ck_assert_uint_eq (q_result (r, "3.1.1")->unanswered, 0);
  ck_assert_uint_eq (std_result (r, "2.1")->applicable_cases, 20);
  /* 4 × good + 4 × outstanding out of 8 × 3 */
  ck_assert_uint_eq (r->score, 20);
  ck_assert_uint_eq (r->max_score, 24);
  ck_assert (r->complete);
  ck_assert_uint_eq (r->missing->len, 0);
  /* 20/24 = 30/36: good, at the top of the range */
  ck_assert_str_eq (band_id (r->rating), "good");
}
END_TEST

/* 2018, one score per rated standard in document order (1.1 … 3.4); -1
 * leaves a judged standard without judgement, or a whole domain without
 * cases. The thirteenth standard, O1, informs and is left unanswered. */
static const guint band_yes[] = { 9, 10, 13, 16 };   /* of 20: 45, 50, 65, 80 % */

static void
build_2018 (FwFramework *fw, FwTally *t, GHashTable *j, const int scores[12])
{
  GPtrArray *standards = fw_framework_get_standards (fw);
  GPtrArray *bands = fw_framework_get_bands (fw);

  ck_assert_uint_eq (standards->len, 13);
  ck_assert_uint_eq (((FwStandard *) g_ptr_array_index (standards, 12))->rule, FW_RULE_INFORMS);
  fw_tally_clear (t);
  g_hash_table_remove_all (j);
  for (guint i = 0; i < 12; i++)
    {
      FwStandard *s = g_ptr_array_index (standards, i);

      if (scores[i] < 0)
        continue;
      if (s->rule == FW_RULE_JUDGED)
        {
          for (guint b = 0; b < bands->len; b++)
            if (((FwBand *) g_ptr_array_index (bands, b))->score == (guint) scores[i])
              g_hash_table_insert (j, s->id, ((FwBand *) g_ptr_array_index (bands, b))->id);
          continue;
        }
      for (guint k = 0; k < t->n_kinds; k++)
        if (s->kinds & (G_GUINT64_CONSTANT (1) << k))
          t->cases_of_kind[k] = 20;
      for (guint q = 0; q < s->questions->len; q++)
        {
          FwQuestion *question = g_ptr_array_index (s->questions, q);
          t->yes[question->index] = band_yes[scores[i]];
          t->no[question->index] = 20 - band_yes[scores[i]];
        }
    }
}

START_TEST (test_total_2018_boundaries)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  static const struct { guint total; const char *rating; } cases[] = {
    { 0, "inadequate" }, { 6, "inadequate" }, { 7, "requires-improvement" },
    { 18, "requires-improvement" }, { 19, "good" }, { 30, "good" },
    { 31, "outstanding" }, { 36, "outstanding" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint spread = 0; spread < 2; spread++)
      {
        g_autoptr(FwRating) r = NULL;
        int scores[12];
        guint left = cases[c].total;

        /* the same total made two ways: front-loaded and back-loaded */
        for (guint i = 0; i < 12; i++)
          {
            guint at = spread ? 11 - i : i;
            scores[at] = MIN (3, left);
            left -= scores[at];
          }
        build_2018 (fw, t, j, scores);
        r = fw_rating_compute (fw, t, j);
        for (guint i = 0; i < 12; i++)
          ck_assert_uint_eq (r->standards[i].score, (guint) scores[i]);
        ck_assert_msg (r->score == cases[c].total, "score %u, expected %u", r->score, cases[c].total);
        ck_assert_uint_eq (r->max_score, 36);
        ck_assert (r->complete);
        ck_assert (r->has_total);
        ck_assert_msg (r->rating && strcmp (r->rating->id, cases[c].rating) == 0, "total %u: %s, expected %s",
                       cases[c].total, band_id (r->rating), cases[c].rating);
      }
}
END_TEST

START_TEST (test_total_scaled)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  /* domain 3 has no cases: the total is out of 24, banded as if out of 36 */
  static const struct { int scores[8]; guint score; const char *rating; } cases[] = {
    { { 2, 2, 2, 2, 2, 1, 1, 1 }, 13, "good" },                  /* 19.5/36; unscaled 13 is RI */
    { { 2, 2, 2, 2, 1, 1, 1, 1 }, 12, "requires-improvement" },  /* 18/36 */
    { { 1, 1, 1, 1, 1, 0, 0, 0 }, 5, "requires-improvement" },   /* 7.5/36 */
    { { 1, 1, 1, 1, 0, 0, 0, 0 }, 4, "inadequate" },             /* 6/36 */
    { { 3, 3, 3, 3, 3, 3, 2, 1 }, 21, "outstanding" },           /* 31.5/36 */
    { { 3, 3, 3, 3, 3, 3, 1, 1 }, 20, "good" },                  /* 30/36 */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(FwRating) r = NULL;
      int scores[12];

      for (guint i = 0; i < 12; i++)
        scores[i] = i < 8 ? cases[c].scores[i] : -1;
      build_2018 (fw, t, j, scores);
      r = fw_rating_compute (fw, t, j);
      ck_assert_int_eq (std_result (r, "3.3")->state, FW_STANDARD_NOT_RATED);
      ck_assert_uint_eq (r->score, cases[c].score);
      ck_assert_uint_eq (r->max_score, 24);
      ck_assert_msg (r->rating && strcmp (r->rating->id, cases[c].rating) == 0, "%u/24: %s, expected %s",
                     cases[c].score, band_id (r->rating), cases[c].rating);
    }
}
END_TEST

START_TEST (test_all_na_not_rated)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  g_autoptr(FwRating) r = NULL;
  int scores[12] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
  FwStandardResult *s;

  build_2018 (fw, t, j, scores);
  set_q (t, fw, "2.4.1", 0, 0, 20);
  set_q (t, fw, "2.4.2", 0, 0, 20);
  set_q (t, fw, "2.4.3", 0, 0, 20);
  r = fw_rating_compute (fw, t, j);

  s = std_result (r, "2.4");
  ck_assert_int_eq (s->state, FW_STANDARD_NOT_RATED);
  ck_assert_ptr_null (s->band);
  ck_assert_uint_eq (s->applicable_cases, 20);
  ck_assert_uint_eq (q_result (r, "2.4.2")->na, 20);
  ck_assert_uint_eq (q_result (r, "2.4.2")->unanswered, 0);
  ck_assert_uint_eq (r->score, 22);
  ck_assert_uint_eq (r->max_score, 33);
  /* nothing is missing: N/A is an answer */
  ck_assert (r->complete);
  ck_assert_uint_eq (r->missing->len, 0);
  ck_assert_str_eq (band_id (r->rating), "good");
}
END_TEST

START_TEST (test_lowest_rule)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  g_autoptr(FwRating) r = NULL;
  int scores[12] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 };
  FwStandardResult *s;

  build_2018 (fw, t, j, scores);
  ck_assert_uint_eq (fw_framework_find_standard (fw, "2.1")->rule, FW_RULE_LOWEST);
  /* 2.1: outstanding, outstanding, inadequate */
  set_q (t, fw, "2.1.3", 9, 11, 0);
  /* 3.2: outstanding, good (rounding decides: 129/200), outstanding */
  set_cases (t, fw, "out-of-court", 200);
  set_q (t, fw, "3.2.1", 180, 20, 0);
  set_q (t, fw, "3.2.2", 129, 71, 0);
  set_q (t, fw, "3.2.3", 180, 20, 0);
  set_q (t, fw, "3.1.1", 180, 20, 0);
  set_q (t, fw, "3.1.2", 180, 20, 0);
  set_q (t, fw, "3.1.3", 180, 20, 0);
  set_q (t, fw, "3.3.1", 180, 20, 0);
  set_q (t, fw, "3.3.2", 180, 20, 0);
  set_q (t, fw, "3.3.3", 180, 20, 0);
  set_q (t, fw, "3.4.1", 180, 20, 0);
  set_q (t, fw, "3.4.2", 180, 20, 0);
  r = fw_rating_compute (fw, t, j);

  s = std_result (r, "2.1");
  ck_assert_int_eq (s->state, FW_STANDARD_RATED);
  ck_assert_str_eq (band_id (s->band), "inadequate");
  ck_assert_uint_eq (s->score, 0);
  ck_assert (!s->judged);

  s = std_result (r, "3.2");
  ck_assert_str_eq (band_id (s->band), "good");
  ck_assert (s->questions[1].rounding_decided);
  ck_assert_uint_eq (s->questions[1].shown_percent, 65);
  ck_assert_uint_eq (s->score, 2);

  /* 10 × 3 + 0 + 2 */
  ck_assert_uint_eq (r->score, 32);
  ck_assert_str_eq (band_id (r->rating), "outstanding");
}
END_TEST

START_TEST (test_pooled_rule)
{
  g_autoptr(FwFramework) fw = load_madeup ("madeup-pooled.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(FwRating) r = NULL;
  FwStandardResult *s;

  ck_assert_uint_eq (fw_framework_find_standard (fw, "A1")->rule, FW_RULE_POOLED);
  set_cases (t, fw, "adult", 10);
  set_cases (t, fw, "youth", 10);
  /* 19/20 excellent and 11/20 poor pool to 30/40 = 75 %: strong */
  set_q (t, fw, "A1.1", 19, 1, 0);
  set_q (t, fw, "A1.2", 11, 9, 0);
  /* A2, lowest: fair and excellent */
  set_q (t, fw, "A2.1", 6, 4, 0);
  set_q (t, fw, "A2.2", 10, 0, 0);
  /* A3, not scored: excellent */
  set_q (t, fw, "A3.1", 10, 0, 0);
  r = fw_rating_compute (fw, t, NULL);

  s = std_result (r, "A1");
  ck_assert_str_eq (band_id (s->questions[0].band), "excellent");
  ck_assert_str_eq (band_id (s->questions[1].band), "poor");
  ck_assert_uint_eq (s->yes, 30);
  ck_assert_uint_eq (s->no, 10);
  ck_assert_uint_eq (s->tenths, 750);
  ck_assert_int_eq (s->state, FW_STANDARD_RATED);
  ck_assert_str_eq (band_id (s->band), "strong");
  ck_assert_uint_eq (s->score, 2);
  ck_assert_uint_eq (s->applicable_cases, 20);

  s = std_result (r, "A2");
  ck_assert_str_eq (band_id (s->band), "fair");
  ck_assert_uint_eq (s->score, 1);
  ck_assert_uint_eq (s->applicable_cases, 10);

  /* rated but not scored */
  s = std_result (r, "A3");
  ck_assert (!s->standard->scored);
  ck_assert_int_eq (s->state, FW_STANDARD_RATED);
  ck_assert_str_eq (band_id (s->band), "excellent");
  ck_assert_uint_eq (s->score, 0);

  ck_assert_uint_eq (r->score, 3);
  ck_assert_uint_eq (r->max_score, 6);
  ck_assert (r->complete);
  ck_assert_str_eq (band_id (r->rating), "fair");   /* 2–3 */
}
END_TEST

START_TEST (test_pooled_exact)
{
  g_autoptr(FwFramework) fw = load_madeup ("madeup-pooled.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(FwRating) r = NULL;
  FwStandardResult *s;

  set_cases (t, fw, "adult", 100);
  /* 74/100 fair and 75/100 strong pool to 149/200 = 74.5 %: fair under the exact rule */
  set_q (t, fw, "A1.1", 74, 26, 0);
  set_q (t, fw, "A1.2", 75, 25, 0);
  set_q (t, fw, "A3.1", 3, 1, 96);
  r = fw_rating_compute (fw, t, NULL);

  s = std_result (r, "A1");
  ck_assert_str_eq (band_id (s->questions[0].band), "fair");
  ck_assert_str_eq (band_id (s->questions[1].band), "strong");
  ck_assert_uint_eq (s->tenths, 745);
  ck_assert_str_eq (band_id (s->band), "fair");
  ck_assert_str_eq (band_id (std_result (r, "A3")->band), "strong");   /* 3/4 */
}
END_TEST

START_TEST (test_not_scored_and_scaled)
{
  g_autoptr(FwFramework) fw = load_madeup ("madeup-pooled.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  /* adult cases only: A2 (youth) not rated, A3 rated but not scored, so
   * the total is A1's score out of 3, banded on the 0–6 ranges scaled */
  static const struct { guint yes; const char *a1; guint score; const char *overall; } cases[] = {
    { 5, "poor", 0, "poor" },
    { 6, "fair", 1, "fair" },             /* 1/3 = 2/6: fair; unscaled 1 would be poor */
    { 8, "strong", 2, "strong" },         /* 2/3 = 4/6 */
    { 9, "excellent", 3, "excellent" },   /* 3/3 = 6/6 */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(FwRating) r = NULL;
      FwStandardResult *s;

      fw_tally_clear (t);
      set_cases (t, fw, "adult", 10);
      set_q (t, fw, "A1.1", cases[c].yes, 10 - cases[c].yes, 0);
      set_q (t, fw, "A1.2", cases[c].yes, 10 - cases[c].yes, 0);
      set_q (t, fw, "A3.1", 0, 10, 0);
      r = fw_rating_compute (fw, t, NULL);

      ck_assert_str_eq (band_id (std_result (r, "A1")->band), cases[c].a1);
      s = std_result (r, "A2");
      ck_assert_int_eq (s->state, FW_STANDARD_NOT_RATED);
      ck_assert_uint_eq (q_result (r, "A2.1")->unanswered, 0);
      s = std_result (r, "A3");
      ck_assert_int_eq (s->state, FW_STANDARD_RATED);
      ck_assert_str_eq (band_id (s->band), "poor");
      ck_assert_uint_eq (r->score, cases[c].score);
      ck_assert_uint_eq (r->max_score, 3);
      ck_assert (r->complete);
      ck_assert_msg (r->rating && strcmp (r->rating->id, cases[c].overall) == 0, "%u/3: %s, expected %s",
                     cases[c].score, band_id (r->rating), cases[c].overall);
    }
}
END_TEST

START_TEST (test_judged)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  int scores[12] = { -1, -1, -1, -1, 2, 2, 2, 2, 2, 2, 2, 2 };
  FwStandardResult *s;

  build_2018 (fw, t, j, scores);
  g_hash_table_insert (j, "1.1", "outstanding");
  g_hash_table_insert (j, "1.2", "inadequate");
  g_hash_table_insert (j, "1.4", "no-such-band");
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);

    s = std_result (r, "1.1");
    ck_assert (s->judged);
    ck_assert_int_eq (s->state, FW_STANDARD_RATED);
    ck_assert_str_eq (band_id (s->band), "outstanding");
    ck_assert_uint_eq (s->score, 3);
    s = std_result (r, "1.2");
    ck_assert_str_eq (band_id (s->band), "inadequate");
    ck_assert_uint_eq (s->score, 0);
    s = std_result (r, "1.3");
    ck_assert (s->judged);
    ck_assert_int_eq (s->state, FW_STANDARD_PENDING);
    ck_assert_ptr_null (s->band);
    ck_assert_uint_eq (s->score, 0);
    /* guidance questions are shown, zeroed, never answered */
    ck_assert_uint_eq (s->n_questions, 3);
    ck_assert_str_eq (s->questions[0].question->id, "1.3.1");
    ck_assert (!s->questions[0].has_percent);
    s = std_result (r, "1.4");
    ck_assert_int_eq (s->state, FW_STANDARD_PENDING);

    ck_assert (!r->complete);
    ck_assert (missing_has (r, "1.3", "judgement"));
    ck_assert (missing_has (r, "1.4", "judgement"));
    ck_assert (!missing_has (r, "1.1", NULL));
    ck_assert (!missing_has (r, "1.2", NULL));
    /* 3 + 0 + 8 × 2; judged standards with no judgement yet are left out
     * of the maximum */
    ck_assert_uint_eq (r->score, 19);
    ck_assert_uint_eq (r->max_score, 30);
  }

  /* no judgements at all */
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, NULL);

    ck_assert_int_eq (std_result (r, "1.1")->state, FW_STANDARD_PENDING);
    ck_assert (!r->complete);
    ck_assert_uint_eq (r->score, 16);
    ck_assert (missing_has (r, "1.1", "judgement"));
  }

  /* all four: complete */
  g_hash_table_insert (j, "1.3", "good");
  g_hash_table_insert (j, "1.4", "requires-improvement");
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);

    ck_assert (r->complete);
    ck_assert_uint_eq (r->missing->len, 0);
    ck_assert_uint_eq (r->score, 22);
    ck_assert_str_eq (band_id (r->rating), "good");
  }
}
END_TEST

START_TEST (test_judged_2025_victims)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2025.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  FwStandardResult *s;

  set_cases (t, fw, "child", 21);
  set_cases (t, fw, "victim", 15);
  set_q (t, fw, "2.1.1", 19, 2, 0);
  set_q (t, fw, "2.1.2", 14, 7, 0);
  set_q (t, fw, "2.2.1", 19, 2, 0);
  set_q (t, fw, "2.2.2", 17, 4, 0);
  set_q (t, fw, "2.3.1", 19, 2, 0);
  set_q (t, fw, "2.3.2", 19, 2, 0);
  set_q (t, fw, "V1.1", 9, 6, 0);
  {
    /* V1.1's % is evidence only: without a judgement V1 is pending */
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);

    s = std_result (r, "V1");
    ck_assert (s->judged);
    ck_assert_int_eq (s->state, FW_STANDARD_PENDING);
    ck_assert_ptr_null (s->band);
    ck_assert_uint_eq (s->questions[0].tenths, 600);
    ck_assert_str_eq (band_id (s->questions[0].band), "requires-improvement");
    ck_assert (!r->complete);
    ck_assert (missing_has (r, "V1", "judgement"));
    ck_assert_uint_eq (r->score, 8);
    ck_assert_uint_eq (r->max_score, 9);
  }
  g_hash_table_insert (j, "V1", "outstanding");
  {
    /* the judgement wins over the evidence */
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);

    ck_assert_str_eq (band_id (std_result (r, "V1")->band), "outstanding");
    ck_assert (r->complete);
    ck_assert_uint_eq (r->score, 11);
    ck_assert_str_eq (band_id (r->rating), "outstanding");
  }
}
END_TEST

START_TEST (test_core_case_shape)
{
  g_autoptr(FwFramework) fw = load_madeup ("madeup-core-case.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(FwRating) r = NULL;
  FwStandardResult *s;

  ck_assert_ptr_null (fw_framework_get_ranges (fw));
  set_cases (t, fw, "case", 200);
  /* Safeguarding: 8/10 and 7/10 pool to 75 %: minimum (lowest would say moderate) */
  set_q (t, fw, "SG.1", 8, 2, 190);
  set_q (t, fw, "SG.2", 7, 3, 190);
  /* Risk of harm: 7/7, 2/7 and 4/6 pool to 13/20 = 65 %: moderate */
  set_q (t, fw, "RoH.1", 7, 0, 193);
  set_q (t, fw, "RoH.2", 2, 5, 193);
  set_q (t, fw, "RoH.3", 4, 2, 194);
  /* Likelihood of reoffending: 79/200 = 39.5 % → 40: substantial */
  set_q (t, fw, "LoR.1", 40, 60, 100);
  set_q (t, fw, "LoR.2", 39, 61, 100);
  r = fw_rating_compute (fw, t, NULL);

  s = std_result (r, "SG");
  ck_assert_uint_eq (s->yes, 15);
  ck_assert_uint_eq (s->no, 5);
  ck_assert_uint_eq (s->tenths, 750);
  ck_assert_str_eq (band_id (s->band), "minimum");
  s = std_result (r, "RoH");
  ck_assert_str_eq (band_id (s->questions[1].band), "drastic");
  ck_assert_uint_eq (s->tenths, 650);
  ck_assert_str_eq (band_id (s->band), "moderate");
  s = std_result (r, "LoR");
  ck_assert_uint_eq (s->tenths, 395);
  ck_assert_str_eq (band_id (s->band), "substantial");
  for (guint i = 0; i < r->n_standards; i++)
    ck_assert_int_eq (r->standards[i].state, FW_STANDARD_RATED);

  ck_assert (!r->has_total);
  ck_assert_ptr_null (r->rating);
  ck_assert (r->complete);
  ck_assert_uint_eq (r->missing->len, 0);
}
END_TEST

START_TEST (test_missing_list)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  g_autoptr(FwRating) r = NULL;
  int scores[12] = { -1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };

  build_2018 (fw, t, j, scores);
  set_q (t, fw, "2.1.2", 10, 5, 0);     /* 5 of 20 court cases to do */
  set_q (t, fw, "3.4.2", 0, 0, 0);      /* all 20 out-of-court cases to do */
  r = fw_rating_compute (fw, t, j);

  ck_assert (!r->complete);
  ck_assert_uint_eq (r->missing->len, 3);
  ck_assert (missing_has (r, "1.1", "no judgement"));
  ck_assert (missing_has (r, "2.1.2", "5 unanswered"));
  ck_assert (missing_has (r, "3.4.2", "20 unanswered"));
  ck_assert (!missing_has (r, "2.1.1", NULL));
  ck_assert (!missing_has (r, "3.4.1", NULL));
  /* 3.4 keeps the rating of 3.4.1 while 3.4.2 is still open */
  ck_assert_str_eq (band_id (std_result (r, "3.4")->band), "good");
}
END_TEST

START_TEST (test_provisional_until_all_answered)
{
  g_autoptr(FwFramework) fw = load_shipped ("hmip-youth-2018.xml");
  g_autoptr(FwTally) t = fw_tally_new (fw);
  g_autoptr(GHashTable) j = judgements_new ();
  int scores[12] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };

  build_2018 (fw, t, j, scores);
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);
    ck_assert (r->complete);
    ck_assert_uint_eq (r->missing->len, 0);
  }
  /* one case still to answer on one question: every standard has a
   * rating, but the result stays provisional and says why */
  set_q (t, fw, "2.2.3", 13, 6, 0);
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);
    FwStandardResult *s = std_result (r, "2.2");

    ck_assert_int_eq (s->state, FW_STANDARD_RATED);
    ck_assert_str_eq (band_id (s->band), "good");     /* 13/19 = 68.4 */
    ck_assert_uint_eq (q_result (r, "2.2.3")->unanswered, 1);
    ck_assert (!r->complete);
    ck_assert_uint_eq (r->missing->len, 1);
    ck_assert (missing_has (r, "2.2.3", "1 unanswered"));
    ck_assert_uint_eq (r->score, 24);
    ck_assert_uint_eq (r->max_score, 36);
  }
  /* answered N/A: complete again */
  set_q (t, fw, "2.2.3", 13, 6, 1);
  {
    g_autoptr(FwRating) r = fw_rating_compute (fw, t, j);
    ck_assert (r->complete);
    ck_assert_uint_eq (r->missing->len, 0);
  }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("rating");
  TCase *bands = tcase_create ("bands");
  TCase *engine = tcase_create ("engine");

  tcase_add_loop_test (bands, test_rounded_edges, 0, G_N_ELEMENTS (rounded_edges));
  tcase_add_test (bands, test_rounded_every_fraction);
  tcase_add_test (bands, test_exact_rule);
  tcase_add_test (bands, test_tenths);
  suite_add_tcase (s, bands);

  tcase_add_test (engine, test_tally_change);
  tcase_add_test (engine, test_na_and_unanswered);
  tcase_add_test (engine, test_question_without_yes_no);
  tcase_add_test (engine, test_kind_without_cases);
  tcase_add_test (engine, test_total_2018_boundaries);
  tcase_add_test (engine, test_total_scaled);
  tcase_add_test (engine, test_all_na_not_rated);
  tcase_add_test (engine, test_lowest_rule);
  tcase_add_test (engine, test_pooled_rule);
  tcase_add_test (engine, test_pooled_exact);
  tcase_add_test (engine, test_not_scored_and_scaled);
  tcase_add_test (engine, test_judged);
  tcase_add_test (engine, test_judged_2025_victims);
  tcase_add_test (engine, test_core_case_shape);
  tcase_add_test (engine, test_missing_list);
  tcase_add_test (engine, test_provisional_until_all_answered);
  suite_add_tcase (s, engine);
  return fw_test_run (s);
}
