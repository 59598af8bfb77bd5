/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import: a 10 000-case answers CSV through fw_import_answers, into a fresh
 * inspection whose cases were imported just before (timed too, no target). */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <sys/resource.h>

#include "fw-bench.h"

int
main (int argc, char *argv[])
{
  FwBenchOptions options = { 0, };
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwBenchSample) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cases_path = NULL, *answers_path = NULL;
  g_autofree double *case_times = NULL, *answer_times = NULL, *cpu_times = NULL;
  guint n_cases, runs, n_rows = 0;

  fw_bench_parse_args (&argc, &argv, &options, "Import a 10 000-case answers CSV.");
  n_cases = fw_bench_large (&options);
  runs = fw_bench_runs (&options, 5);
  fw = fw_bench_framework ();
  sample = fw_bench_sample_new (fw, n_cases, 6);
  cases_path = g_build_filename (options.dir, "cases.csv", NULL);
  answers_path = g_build_filename (options.dir, "answers.csv", NULL);
  if (!g_file_set_contents (cases_path, sample->cases_csv->str, sample->cases_csv->len, &error)
      || !g_file_set_contents (answers_path, sample->answers_csv->str, sample->answers_csv->len, &error))
    g_error ("%s", error->message);
  case_times = g_new (double, runs);
  answer_times = g_new (double, runs);
  cpu_times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *path = g_build_filename (options.dir, "import.db", NULL);
      g_autoptr(FwStore) store = NULL;
      g_autofree char *id = NULL;
      const char *names[] = { "Inspector A", NULL };
      struct rusage r1, r2;
      double t0, t1, t2;

      fw_bench_remove_db (path);
      if ((store = fw_store_open (path, &error)) == NULL
          || (id = fw_store_create_inspection (store, fw, "Synthetic Youth Justice Service", "2019-03-04",
                                               names, &error)) == NULL)
        g_error ("%s", error->message);
      t0 = fw_bench_now ();
      if (!fw_import_cases (store, id, cases_path, NULL, &error))
        g_error ("%s", error->message);
      t1 = fw_bench_now ();
      getrusage (RUSAGE_SELF, &r1);
      if (!fw_import_answers (store, id, answers_path, &n_rows, &error))
        g_error ("%s", error->message);
      getrusage (RUSAGE_SELF, &r2);
      t2 = fw_bench_now ();
      if (n_rows != sample->n_answers)
        g_error ("imported %u answers of %u", n_rows, sample->n_answers);
      case_times[i] = t1 - t0;
      answer_times[i] = t2 - t1;
      cpu_times[i] = (r2.ru_utime.tv_sec - r1.ru_utime.tv_sec) + (r2.ru_stime.tv_sec - r1.ru_stime.tv_sec)
                     + ((r2.ru_utime.tv_usec - r1.ru_utime.tv_usec) + (r2.ru_stime.tv_usec - r1.ru_stime.tv_usec)) / 1e6;
    }

  {
    g_autofree char *answers_name = g_strdup_printf ("import_answers_%u", n_cases);
    g_autofree char *cases_name = g_strdup_printf ("import_cases_%u", n_cases);

    fw_bench_report (answers_name, fw_bench_median (answer_times, runs), "s", 2.0,
                     "fw_import_answers, %u rows, median of %u runs (CPU time %.2f s)", sample->n_answers, runs,
                     fw_bench_median (cpu_times, runs));
    fw_bench_report (cases_name, fw_bench_median (case_times, runs), "s", NAN,
                     "fw_import_cases, %u rows, median of %u runs", n_cases, runs);
  }
  fw_bench_finish (&options);
  return 0;
}
