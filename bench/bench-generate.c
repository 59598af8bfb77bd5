/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The generator on its own: writes a synthetic inspection's cases and
 * answers CSV files, and optionally a database holding it.
 *
 *   fw-bench-generate --cases 1000 --seed 7 --out DIR [--db FILE]
 */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <stdio.h>
#include <stdlib.h>

#include "fw-bench.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(FwBenchSample) sample = NULL;
  g_autofree char *out = NULL, *db = NULL;
  int n_cases = 60, seed = 1;
  GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Number of cases (60)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed (1)", "S" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Folder for cases.csv and answers.csv", "DIR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Also create this database holding the inspection", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  g_option_context_set_summary (context, "Writes a synthetic inspection of hmip-youth-2018 (invented references).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_cases <= 0 || (out == NULL && db == NULL))
    {
      g_printerr ("%s\n", error ? error->message : "give --out DIR and/or --db FILE, and --cases N > 0");
      return 2;
    }

  fw = fw_bench_framework ();
  sample = fw_bench_sample_new (fw, n_cases, seed);
  if (out)
    {
      g_autofree char *cases = g_build_filename (out, "cases.csv", NULL);
      g_autofree char *answers = g_build_filename (out, "answers.csv", NULL);

      if (g_mkdir_with_parents (out, 0755) != 0
          || !g_file_set_contents (cases, sample->cases_csv->str, sample->cases_csv->len, &error)
          || !g_file_set_contents (answers, sample->answers_csv->str, sample->answers_csv->len, &error))
        {
          g_printerr ("%s\n", error ? error->message : out);
          return 1;
        }
    }
  if (db)
    {
      g_autoptr(FwStore) store = NULL;
      g_autofree char *id = NULL;

      fw_bench_remove_db (db);
      if ((store = fw_store_open (db, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      id = fw_bench_fill_store (store, sample);
      printf ("%s\n", id);
    }
  g_printerr ("%u cases, %u answers\n", sample->n_cases, sample->n_answers);
  return 0;
}
