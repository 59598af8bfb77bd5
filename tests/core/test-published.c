/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The published results (frameworks.md §4), end to end through a real
 * store: import the case-level fixtures, rate, and compare with the figures
 * printed in the reports, written here as literals. */
#include <string.h>

#include "fw-test-util.h"

typedef struct {
  char     *dir;
  char     *id;
  FwStore  *store;
} Fixture;

static void
fixture_open (Fixture *f, const char *framework_file, const char *prefix,
              guint n_cases, guint n_answers, guint n_judgements)
{
  g_autofree char *fw_path = fw_test_framework_path (framework_file);
  struct { const char *suffix; gboolean (*import) (FwStore *, const char *, const char *, guint *, GError **);
           guint expected; } steps[] = {
    { "cases", fw_import_cases, n_cases },
    { "answers", fw_import_answers, n_answers },
    { "judgements", fw_import_judgements, n_judgements },
  };

  f->dir = fw_test_tmpdir ();
  f->store = fw_test_store_with_inspection (f->dir, fw_path, &f->id);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *rel = g_strdup_printf ("published/%s-%s.csv", prefix, steps[i].suffix);
      g_autofree char *path = fw_test_data_path (rel);
      guint n = 0;

      ck_assert_msg (steps[i].import (f->store, f->id, path, &n, &error), "%s: %s", rel,
                     error ? error->message : "?");
      ck_assert_msg (n == steps[i].expected, "%s: %u rows, expected %u", rel, n, steps[i].expected);
    }
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->store);
  g_free (f->id);
  fw_test_rmdir (f->dir);
  g_free (f->dir);
}

static FwRating *
rate (Fixture *f, const FwFilter *filter)
{
  g_autoptr(GError) error = NULL;
  FwRating *r = fw_rating_compute_from_store (f->store, f->id, filter, &error);

  ck_assert_msg (r != NULL, "%s", error ? error->message : "?");
  return r;
}

static FwStandardResult *
std_result (FwRating *r, const char *id)
{
  FwStandard *s = fw_framework_find_standard (r->framework, id);

  ck_assert_msg (s != NULL, "no standard %s", id);
  return &r->standards[s->index];
}

static FwQuestionResult *
q_result (FwRating *r, const char *id)
{
  FwQuestion *q = NULL;

  ck_assert_msg (fw_framework_find_item (r->framework, id, &q, NULL) && q && q->index >= 0, "no question %s", id);
  return &r->questions[q->index];
}

static const char *
band_id (FwBand *band)
{
  return band ? band->id : "(none)";
}

#define O "outstanding"
#define G "good"
#define RI "requires-improvement"
#define I "inadequate"

/* Brent 2019, Annex 2: % yes per key question as printed, and the band
 * that whole percentage falls in. */
static const struct { const char *id; guint pct; const char *band; } brent_questions[] = {
  { "2.1.1", 86, O }, { "2.1.2", 79, G }, { "2.1.3", 66, G },
  { "2.2.1", 93, O }, { "2.2.2", 83, O }, { "2.2.3", 75, G },
  { "2.3.1", 82, O }, { "2.3.2", 76, G }, { "2.3.3", 69, G },
  { "2.4.1", 86, O }, { "2.4.2", 65, G }, { "2.4.3", 80, O },
  { "3.1.1", 80, O }, { "3.1.2", 65, G }, { "3.1.3", 80, O },
  { "3.2.1", 70, G }, { "3.2.2", 65, G }, { "3.2.3", 85, O },
  { "3.3.1", 65, G }, { "3.3.2", 71, G }, { "3.3.3", 62, RI },
  { "3.4.1", 73, G }, { "3.4.2", 75, G },
};

static const struct { const char *id; const char *rating; gboolean judged; } brent_standards[] = {
  { "1.1", G, TRUE }, { "1.2", G, TRUE }, { "1.3", RI, TRUE }, { "1.4", RI, TRUE },
  { "2.1", G, FALSE }, { "2.2", G, FALSE }, { "2.3", G, FALSE }, { "2.4", G, FALSE },
  { "3.1", G, FALSE }, { "3.2", G, FALSE }, { "3.3", RI, FALSE }, { "3.4", G, FALSE },
};

START_TEST (test_brent_2019)
{
  Fixture f = { NULL, };
  g_autoptr(FwRating) r = NULL;
  FwQuestionResult *q;

  /* 29 court + 20 out-of-court cases; 12 and 11 key questions each, and
   * O1.1 (management oversight), which informs */
  fixture_open (&f, "hmip-youth-2018.xml", "brent-2019", 49, 29 * 13 + 20 * 12 + 17, 4);   /* + 15 answers to prompt 2.4.3.d, 2 to 2.4.3.a */
  r = rate (&f, NULL);

  ck_assert_str_eq (fw_framework_get_id (r->framework), "hmip-youth-2018");
  ck_assert_uint_eq (r->n_questions, G_N_ELEMENTS (brent_questions) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (brent_questions); i++)
    {
      q = q_result (r, brent_questions[i].id);
      ck_assert_msg (q->has_percent, "%s has no %%", brent_questions[i].id);
      ck_assert_msg (q->shown_percent == brent_questions[i].pct, "%s: %u%%, the report says %u%%",
                     brent_questions[i].id, q->shown_percent, brent_questions[i].pct);
      ck_assert_msg (strcmp (band_id (q->band), brent_questions[i].band) == 0, "%s: %s, expected %s",
                     brent_questions[i].id, band_id (q->band), brent_questions[i].band);
      ck_assert_uint_eq (q->unanswered, 0);
      ck_assert_uint_eq (q->yes + q->no + q->na, brent_questions[i].id[0] == '2' ? 29 : 20);
    }
  for (guint i = 0; i < G_N_ELEMENTS (brent_standards); i++)
    {
      FwStandardResult *s = std_result (r, brent_standards[i].id);

      ck_assert_int_eq (s->state, FW_STANDARD_RATED);
      ck_assert_msg (strcmp (band_id (s->band), brent_standards[i].rating) == 0, "%s: %s, the report says %s",
                     brent_standards[i].id, band_id (s->band), brent_standards[i].rating);
      ck_assert_int_eq (s->judged, brent_standards[i].judged);
    }

  /* denominators without the N/A answers */
  q = q_result (r, "2.4.3");
  ck_assert_uint_eq (q->yes, 12);
  ck_assert_uint_eq (q->yes + q->no, 15);
  q = q_result (r, "3.3.3");
  ck_assert_uint_eq (q->yes, 8);
  ck_assert_uint_eq (q->yes + q->no, 13);
  /* the JSON example of SPEC §4.3 */
  q = q_result (r, "2.1.1");
  ck_assert_uint_eq (q->yes, 25);
  ck_assert_uint_eq (q->no, 4);
  ck_assert_uint_eq (q->tenths, 862);

  /* management oversight informs: its % over the whole sample (30 of 46),
   * reported apart, never rated or counted in the score */
  q = q_result (r, "O1.1");
  ck_assert_uint_eq (q->yes, 21 + 6 + 3);
  ck_assert_uint_eq (q->yes + q->no, 29 + 9 + 8);
  ck_assert (fw_standard_result_informs (std_result (r, "O1")));
  ck_assert_ptr_null (std_result (r, "O1")->band);

  ck_assert_uint_eq (std_result (r, "2.1")->applicable_cases, 29);
  ck_assert_uint_eq (std_result (r, "3.4")->applicable_cases, 20);
  ck_assert_uint_eq (r->score, 21);
  ck_assert_uint_eq (r->max_score, 36);
  ck_assert (r->has_total);
  ck_assert_str_eq (band_id (r->rating), G);
  ck_assert (r->complete);
  ck_assert_uint_eq (r->missing->len, 0);
  /* nothing the rating rests on is provisional (O1.1's wording is, and says
   * so where O1.1 is shown) */
  ck_assert_uint_eq (r->provisional->len, 0);

  fixture_close (&f);
}
END_TEST

START_TEST (test_barking_dagenham_2025)
{
  Fixture f = { NULL, };
  g_autoptr(FwRating) r = NULL;
  static const struct { const char *id; guint pct; } questions[] = {
    { "2.1.1", 90 }, { "2.1.2", 67 }, { "2.2.1", 90 }, { "2.2.2", 81 }, { "2.3.1", 90 }, { "2.3.2", 90 },
  };
  static const struct { const char *id; const char *rating; guint score; } standards[] = {
    { "2.1", G, 2 }, { "2.2", O, 3 }, { "2.3", O, 3 }, { "V1", RI, 1 },
  };

  /* 21 children's cases, 15 victim cases */
  fixture_open (&f, "hmip-youth-2025.xml", "bd-2025", 36, 21 * 6 + 15, 1);
  r = rate (&f, NULL);

  ck_assert_str_eq (fw_framework_get_id (r->framework), "hmip-youth-2025");
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      FwQuestionResult *q = q_result (r, questions[i].id);
      ck_assert_msg (q->shown_percent == questions[i].pct, "%s: %u%%, the report says %u%%",
                     questions[i].id, q->shown_percent, questions[i].pct);
    }
  for (guint i = 0; i < G_N_ELEMENTS (standards); i++)
    {
      FwStandardResult *s = std_result (r, standards[i].id);
      ck_assert_msg (strcmp (band_id (s->band), standards[i].rating) == 0, "%s: %s, the report says %s",
                     standards[i].id, band_id (s->band), standards[i].rating);
      ck_assert_uint_eq (s->score, standards[i].score);
    }
  ck_assert (std_result (r, "V1")->judged);
  ck_assert_uint_eq (std_result (r, "V1")->applicable_cases, 15);
  ck_assert_uint_eq (std_result (r, "2.1")->applicable_cases, 21);
  ck_assert_uint_eq (r->score, 9);
  ck_assert_uint_eq (r->max_score, 12);
  ck_assert_str_eq (band_id (r->rating), G);
  ck_assert (r->complete);

  fixture_close (&f);
}
END_TEST

/* ------------------------------------------------- sub-samples */

START_TEST (test_filter_kind)
{
  Fixture f = { NULL, };
  g_autoptr(FwRating) whole = NULL;
  g_autoptr(FwRating) court = NULL;
  g_autoptr(FwRating) ooc = NULL;
  g_autoptr(FwFilter) fc = fw_filter_new ();
  g_autoptr(FwFilter) fo = fw_filter_new ();

  fixture_open (&f, "hmip-youth-2018.xml", "brent-2019", 49, 29 * 13 + 20 * 12 + 17, 4);
  whole = rate (&f, NULL);
  fw_filter_add (fc, "kind", "court");
  ck_assert (!fw_filter_is_empty (fc));
  court = rate (&f, fc);
  fw_filter_add (fo, "kind", "out-of-court");
  ooc = rate (&f, fo);

  for (const char *const *id = (const char *[]) { "3.1", "3.2", "3.3", "3.4", NULL }; *id; id++)
    {
      FwStandardResult *s = std_result (court, *id);
      ck_assert_msg (s->state == FW_STANDARD_NOT_RATED, "%s is rated in the court sub-sample", *id);
      ck_assert_ptr_null (s->band);
      ck_assert_uint_eq (s->applicable_cases, 0);
      ck_assert_int_eq (std_result (ooc, *id)->state, FW_STANDARD_RATED);
    }
  for (const char *const *id = (const char *[]) { "2.1", "2.2", "2.3", "2.4", NULL }; *id; id++)
    {
      ck_assert_int_eq (std_result (ooc, *id)->state, FW_STANDARD_NOT_RATED);
      /* the court sub-sample is the whole of domain 2 */
      ck_assert_ptr_eq (std_result (court, *id)->band, std_result (whole, *id)->band);
    }
  ck_assert_uint_eq (q_result (court, "3.3.3")->yes + q_result (court, "3.3.3")->no, 0);
  ck_assert (!q_result (court, "3.3.3")->has_percent);
  ck_assert_uint_eq (q_result (court, "2.4.3")->yes, 12);

  /* organisational judgements 2+2+1+1, domain 2 all good */
  ck_assert_uint_eq (court->score, 14);
  ck_assert_uint_eq (court->max_score, 24);
  ck_assert_str_eq (band_id (court->rating), G);
  ck_assert (court->complete);
  /* domain 3: good, good, RI, good */
  ck_assert_uint_eq (ooc->score, 13);
  ck_assert_uint_eq (ooc->max_score, 24);
  ck_assert_str_eq (band_id (ooc->rating), G);

  fixture_close (&f);
}
END_TEST

START_TEST (test_filter_inspector)
{
  Fixture f = { NULL, };
  g_autoptr(FwRating) whole = NULL;
  g_autoptr(FwFilter) all = fw_filter_new ();
  g_autoptr(FwRating) all_rating = NULL;
  const char *inspectors[] = { "Inspector A", "Inspector B", "Inspector C" };
  guint yes[64] = { 0, }, no[64] = { 0, }, na[64] = { 0, }, un[64] = { 0, };
  guint cases[16] = { 0, };

  fixture_open (&f, "hmip-youth-2018.xml", "brent-2019", 49, 29 * 13 + 20 * 12 + 17, 4);
  whole = rate (&f, NULL);
  ck_assert_uint_le (whole->n_questions, G_N_ELEMENTS (yes));
  ck_assert_uint_le (whole->n_standards, G_N_ELEMENTS (cases));

  for (guint k = 0; k < G_N_ELEMENTS (inspectors); k++)
    {
      g_autoptr(FwFilter) filter = fw_filter_new ();
      g_autoptr(FwRating) part = NULL;
      guint part_cases = 0;

      fw_filter_add (filter, "inspector", inspectors[k]);
      part = rate (&f, filter);
      for (guint i = 0; i < part->n_questions; i++)
        {
          yes[i] += part->questions[i].yes;
          no[i] += part->questions[i].no;
          na[i] += part->questions[i].na;
          un[i] += part->questions[i].unanswered;
        }
      for (guint i = 0; i < part->n_standards; i++)
        cases[i] += part->standards[i].applicable_cases;
      part_cases = std_result (part, "2.1")->applicable_cases + std_result (part, "3.1")->applicable_cases;
      /* each inspector has a real share of the sample, not all of it */
      ck_assert_uint_gt (part_cases, 0);
      ck_assert_uint_lt (part_cases, 49);
      /* judgements are not case-based: every sub-sample keeps them */
      ck_assert_str_eq (band_id (std_result (part, "1.3")->band), RI);
    }
  for (guint i = 0; i < whole->n_questions; i++)
    {
      FwQuestionResult *q = &whole->questions[i];
      ck_assert_msg (yes[i] == q->yes && no[i] == q->no && na[i] == q->na && un[i] == q->unanswered,
                     "%s: inspectors sum to %u/%u/%u/%u, whole %u/%u/%u/%u", q->question->id,
                     yes[i], no[i], na[i], un[i], q->yes, q->no, q->na, q->unanswered);
    }
  for (guint i = 0; i < whole->n_standards; i++)
    ck_assert_uint_eq (cases[i], whole->standards[i].applicable_cases);

  /* one filter naming all three is the whole sample */
  for (guint k = 0; k < G_N_ELEMENTS (inspectors); k++)
    fw_filter_add (all, "inspector", inspectors[k]);
  all_rating = rate (&f, all);
  for (guint i = 0; i < whole->n_questions; i++)
    {
      ck_assert_uint_eq (all_rating->questions[i].yes, whole->questions[i].yes);
      ck_assert_uint_eq (all_rating->questions[i].no, whole->questions[i].no);
      ck_assert_uint_eq (all_rating->questions[i].na, whole->questions[i].na);
    }
  ck_assert_uint_eq (all_rating->score, 21);
  ck_assert_uint_eq (all_rating->max_score, 36);

  /* two of three is the whole less the third */
  {
    g_autoptr(FwFilter) ab = fw_filter_new ();
    g_autoptr(FwFilter) c = fw_filter_new ();
    g_autoptr(FwRating) rab = NULL;
    g_autoptr(FwRating) rc = NULL;

    fw_filter_add (ab, "inspector", "Inspector A");
    fw_filter_add (ab, "inspector", "Inspector B");
    fw_filter_add (c, "inspector", "Inspector C");
    rab = rate (&f, ab);
    rc = rate (&f, c);
    for (guint i = 0; i < whole->n_questions; i++)
      {
        ck_assert_uint_eq (rab->questions[i].yes + rc->questions[i].yes, whole->questions[i].yes);
        ck_assert_uint_eq (rab->questions[i].no + rc->questions[i].no, whole->questions[i].no);
      }
  }

  fixture_close (&f);
}
END_TEST

/* Figures the Brent report gives for parts of the sample: the fixture agrees
 * with each (see tests/data/make-published.py). */
START_TEST (test_brent_groups)
{
  static const struct { const char *where; const char *id; guint pct; } figures[] = {
    /* "Assessment of desistance was sufficient in 60 per cent, safety and
     * wellbeing in 50 per cent, and risk of harm in 60 per cent of triage cases" */
    { "community resolution", "3.1.1", 60 }, { "community resolution", "3.1.2", 50 },
    { "community resolution", "3.1.3", 60 },
    /* "Risk of harm planning for the YCC cases was always sufficient; however,
     * only a third of triage cases had a suitable risk management plan" */
    { "community resolution", "3.2.3", 33 }, { "ycc", "3.2.3", 100 },
    /* "We assessed management oversight as effective in 72 per cent of court
     * cases, 67 per cent of YCC/youth caution cases and only 38 per cent of
     * triage cases" (O1.1 informs, never scored) */
    { "court", "O1.1", 72 }, { "ycc", "O1.1", 67 }, { "community resolution", "O1.1", 38 },
  };
  Fixture f;

  fixture_open (&f, "hmip-youth-2018.xml", "brent-2019", 49, 29 * 13 + 20 * 12 + 17, 4);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autoptr(FwFilter) filter = fw_filter_new ();
      g_autoptr(FwRating) r = NULL;
      FwQuestionResult *q;

      if (strcmp (figures[i].where, "court") == 0)
        fw_filter_add (filter, "kind", "court");
      else if (strcmp (figures[i].where, "ycc") == 0)
        {
          fw_filter_add (filter, "disposal", "youth conditional caution");
          fw_filter_add (filter, "disposal", "youth caution");
        }
      else
        fw_filter_add (filter, "disposal", figures[i].where);
      r = rate (&f, filter);
      q = q_result (r, figures[i].id);
      ck_assert_msg (q->has_percent && q->shown_percent == figures[i].pct, "%s, %s: %u %%, the report says %u %%",
                     figures[i].where, figures[i].id, q->shown_percent, figures[i].pct);
    }

  fixture_close (&f);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("published");
  TCase *tc = tcase_create ("reports");

  tcase_add_test (tc, test_brent_2019);
  tcase_add_test (tc, test_barking_dagenham_2025);
  tcase_add_test (tc, test_filter_kind);
  tcase_add_test (tc, test_filter_inspector);
  tcase_add_test (tc, test_brent_groups);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
