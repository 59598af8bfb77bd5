/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "fw-test-util.h"

/* The published figures (Brent 2019 Annex 1 and the 2025 method): a sample
 * at 80 % confidence and a ±5 % margin. */
START_TEST (test_published_sizes)
{
  static const struct { guint population, size; } cases[] = {
    { 35, 29 }, { 22, 20 }, { 15, 14 }, { 200, 91 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    ck_assert_uint_eq (fw_sample_size (cases[i].population, 80, 5), cases[i].size);
}
END_TEST

START_TEST (test_z)
{
  ck_assert_msg (fabs (fw_sampling_z (80) - 1.2816) < 5e-5, "z(80) = %f", fw_sampling_z (80));
  ck_assert_msg (fabs (fw_sampling_z (95) - 1.9600) < 5e-5, "z(95) = %f", fw_sampling_z (95));
  ck_assert_msg (fabs (fw_sampling_z (99) - 2.5758) < 5e-5, "z(99) = %f", fw_sampling_z (99));
}
END_TEST

START_TEST (test_never_above_population)
{
  for (guint n = 0; n <= 2000; n++)
    {
      guint size = fw_sample_size (n, 80, 5);

      ck_assert_uint_le (size, n);
      if (n > 0)
        ck_assert_uint_ge (size, 1);
      /* more cases never mean a smaller sample */
      if (n > 0)
        ck_assert_uint_ge (size, fw_sample_size (n - 1, 80, 5));
    }
  /* a narrower margin or more confidence needs more cases */
  ck_assert_uint_gt (fw_sample_size (1000, 95, 5), fw_sample_size (1000, 80, 5));
  ck_assert_uint_gt (fw_sample_size (1000, 80, 3), fw_sample_size (1000, 80, 5));
}
END_TEST

START_TEST (test_framework_limits)
{
  g_autofree char *path = fw_test_framework_path ("hmip-youth-2025.xml");
  g_autoptr(FwFramework) fw = fw_test_load_framework (path);
  FwKind *child = fw_framework_find_kind (fw, "child");
  FwKind *victim = fw_framework_find_kind (fw, "victim");
  guint confidence = 0, margin = 0;

  ck_assert (fw_framework_get_sampling (fw, &confidence, &margin));
  ck_assert_uint_eq (confidence, 80);
  ck_assert_uint_eq (margin, 5);
  ck_assert (child->has_limit && child->sample_min == 14 && child->sample_max == 91);
  ck_assert (victim->has_limit && victim->sample_min == 9 && victim->sample_max == 24);
  /* clamped to the limits … */
  ck_assert_uint_eq (fw_sample_size_for_kind (1000, 80, 5, child), 91);
  ck_assert_uint_eq (fw_sample_size_for_kind (200, 80, 5, victim), 24);
  ck_assert_uint_eq (fw_sample_size_for_kind (15, 80, 5, child), 14);
  /* … but never above the population */
  ck_assert_uint_eq (fw_sample_size_for_kind (10, 80, 5, child), 10);
  ck_assert_uint_eq (fw_sample_size_for_kind (5, 80, 5, victim), 5);
}
END_TEST

/* How sure each %: the Wilson interval at the framework's confidence. */
START_TEST (test_wilson)
{
  g_autofree char *path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(FwFramework) fw = fw_test_load_framework (path);
  g_autoptr(FwTally) tally = fw_tally_new (fw);
  g_autoptr(GHashTable) judgements = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FwRating) rating = NULL;
  FwQuestion *q1 = NULL, *q2 = NULL;
  FwKind *court = fw_framework_find_kind (fw, "court");
  guint low, high;

  fw_rating_wilson (5, 8, fw_sampling_z (80), &low, &high);
  ck_assert_uint_eq (low, 403);
  ck_assert_uint_eq (high, 805);
  fw_rating_wilson (29, 29, fw_sampling_z (80), &low, &high);
  ck_assert_uint_eq (high, 1000);
  ck_assert_uint_gt (low, 800);
  fw_rating_wilson (0, 29, fw_sampling_z (80), &low, &high);
  ck_assert_uint_eq (low, 0);

  fw_framework_find_item (fw, "2.1.1", &q1, NULL);
  fw_framework_find_item (fw, "2.1.2", &q2, NULL);
  tally->cases_of_kind[court->index] = 29;
  tally->yes[q1->index] = 5;
  tally->no[q1->index] = 3;
  tally->yes[q2->index] = 29;
  rating = fw_rating_compute (fw, tally, judgements);
  ck_assert_uint_eq (rating->questions[q1->index].ci_low, 403);
  ck_assert_uint_eq (rating->questions[q1->index].ci_high, 805);
  ck_assert (rating->questions[q1->index].band_could_change);
  ck_assert (!rating->questions[q2->index].band_could_change);
}
END_TEST

START_TEST (test_cli)
{
  g_autofree char *frameworks = fw_test_framework_path ("");
  int status;

  g_setenv ("FIELDWORK_FRAMEWORKS_DIR", frameworks, TRUE);
  {
    g_autofree char *out = fw_test_cli_text (&status, "sample-size", "--population", "35", NULL);
    ck_assert_int_eq (status, 0);
    ck_assert_str_eq (out, "29\n");
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "sample-size", "--population", "200", "--framework",
                                    "hmip-youth-2025", "--kind", "victim", NULL);
    ck_assert_int_eq (status, 0);
    ck_assert_str_eq (out, "24\n");
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "sample-size", "--population", "1000", "--confidence", "95",
                                    "--margin", "5", NULL);
    ck_assert_int_eq (status, 0);
    ck_assert_str_eq (out, "278\n");
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "sample-size", "--population", "many", NULL);
    ck_assert_int_ne (status, 0);
    ck_assert_msg (strstr (out, "--population") != NULL, "%s", out);
    ck_assert_msg (strchr (out, '\n') == out + strlen (out) - 1, "one line: %s", out);
  }
  {
    g_autofree char *out = fw_test_cli_text (&status, "sample-size", "--population", "30", "--framework",
                                    "hmip-youth-2025", "--kind", "adult", NULL);
    ck_assert_int_ne (status, 0);
  }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sampling");
  TCase *tc = tcase_create ("size");

  tcase_add_test (tc, test_published_sizes);
  tcase_add_test (tc, test_z);
  tcase_add_test (tc, test_never_above_population);
  tcase_add_test (tc, test_framework_limits);
  tcase_add_test (tc, test_wilson);
  tcase_add_test (tc, test_cli);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
