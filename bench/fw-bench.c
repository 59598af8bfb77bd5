/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork-bench"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "fw-bench.h"

/* ---------------------------------------------------------------- generator */

static const char *court_disposals[] = {
  "referral order", "youth rehabilitation order", "detention and training order",
};
static const char *ooc_disposals[] = {
  "youth conditional caution", "youth caution", "community resolution",
};
static const char *ethnicities[] = { "white", "black", "asian", "mixed", "other" };
static const char *levels[] = { "low", "medium", "high", "very high" };
static const char *inspectors[] = {
  "Inspector A", "Inspector B", "Inspector C", "Inspector D", "Inspector E", "Inspector F",
};

static const char *
pick (GRand *rand, const char **list, guint n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

static void
csv_line (GString *out, const char *const *fields, guint n)
{
  for (guint i = 0; i < n; i++)
    fw_csv_append_field (out, fields[i], i == 0);
  g_string_append (out, "\r\n");
}

FwBenchSample *
fw_bench_sample_new (FwFramework *framework, guint n_cases, guint32 seed)
{
  FwBenchSample *sample = g_new0 (FwBenchSample, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *questions = fw_framework_get_questions (framework);
  FwKind *court = fw_framework_find_kind (framework, "court");
  FwKind *ooc = fw_framework_find_kind (framework, "out-of-court");
  static const char *case_header[] = {
    "reference", "kind", "disposal", "gender", "age", "ethnicity", "rosh", "safety_wellbeing",
    "case_manager", "inspector",
  };
  static const char *answer_header[] = { "reference", "question", "answer", "note" };

  g_assert (court != NULL && ooc != NULL);
  sample->n_cases = n_cases;
  sample->seed = seed;
  sample->cases_csv = g_string_new (NULL);
  sample->answers_csv = g_string_new (NULL);
  sample->references = g_ptr_array_new_with_free_func (g_free);
  csv_line (sample->cases_csv, case_header, G_N_ELEMENTS (case_header));
  csv_line (sample->answers_csv, answer_header, G_N_ELEMENTS (answer_header));

  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *reference = g_strdup_printf ("SYN-%06u", i + 1);
      g_autofree char *manager = NULL;
      gboolean is_court = g_rand_double (rand) < 0.6;
      FwKind *kind = is_court ? court : ooc;
      const char *row[10];

      manager = g_strdup_printf ("Case manager %u", g_rand_int_range (rand, 1, 2 + n_cases / 8));
      row[0] = reference;
      row[1] = kind->id;
      row[2] = is_court ? pick (rand, court_disposals, G_N_ELEMENTS (court_disposals))
                        : pick (rand, ooc_disposals, G_N_ELEMENTS (ooc_disposals));
      row[3] = g_rand_double (rand) < 0.85 ? "boy" : "girl";
      row[4] = g_rand_double (rand) < 0.3 ? "10-14" : "15-17";
      row[5] = pick (rand, ethnicities, G_N_ELEMENTS (ethnicities));
      row[6] = pick (rand, levels, G_N_ELEMENTS (levels));
      row[7] = pick (rand, levels, G_N_ELEMENTS (levels));
      row[8] = manager;
      row[9] = inspectors[i % G_N_ELEMENTS (inspectors)];
      csv_line (sample->cases_csv, row, G_N_ELEMENTS (row));

      for (guint q = 0; q < questions->len; q++)
        {
          FwQuestion *question = g_ptr_array_index (questions, q);
          g_autofree char *note = NULL;
          const char *value;
          double r;

          if (!fw_question_applies_to (question, kind))
            continue;
          if (g_rand_double (rand) >= 0.97)
            continue;   /* not answered yet */
          r = g_rand_double (rand);
          value = r < 0.76 ? "yes" : r < 0.94 || !question->na_allowed ? "no" : "na";
          if (strcmp (value, "yes") != 0)
            note = g_strdup_printf ("Evidence, see case file (%s)", question->id);
          {
            const char *answer[] = { reference, question->id, value, note ? note : "" };
            csv_line (sample->answers_csv, answer, G_N_ELEMENTS (answer));
          }
          sample->n_answers++;
        }
      g_ptr_array_add (sample->references, g_steal_pointer (&reference));
    }
  return sample;
}

void
fw_bench_sample_free (FwBenchSample *sample)
{
  if (sample == NULL)
    return;
  g_string_free (sample->cases_csv, TRUE);
  g_string_free (sample->answers_csv, TRUE);
  g_ptr_array_unref (sample->references);
  g_free (sample);
}

FwFramework *
fw_bench_framework (void)
{
  g_autoptr(GError) error = NULL;
  FwFramework *fw = fw_framework_load_available (FW_BENCH_FRAMEWORK, &error);

  if (fw == NULL)
    g_error ("framework %s: %s", FW_BENCH_FRAMEWORK, error->message);
  return fw;
}

char *
fw_bench_fill_store (FwStore *store, FwBenchSample *sample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = fw_bench_framework ();
  const char *names[] = { "Inspector A", "Inspector B", "Inspector C", NULL };
  g_autofree char *service = g_strdup_printf ("Synthetic Youth Justice Service (%u cases, seed %u)",
                                              sample->n_cases, sample->seed);
  char *id = fw_store_create_inspection (store, fw, service, "2019-03-04", names, &error);

  if (id == NULL
      || !fw_import_cases_data (store, id, sample->cases_csv->str, sample->cases_csv->len,
                                "synthetic-cases.csv", NULL, &error)
      || !fw_import_answers_data (store, id, sample->answers_csv->str, sample->answers_csv->len,
                                  "synthetic-answers.csv", NULL, &error))
    g_error ("filling the store: %s", error->message);
  return id;
}

void
fw_bench_remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

FwStore *
fw_bench_new_store (const char *dir, const char *name, guint n_cases, guint32 seed, char **inspection_id)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = fw_bench_framework ();
  g_autoptr(FwBenchSample) sample = fw_bench_sample_new (fw, n_cases, seed);
  FwStore *store;

  fw_bench_remove_db (path);
  if ((store = fw_store_open (path, &error)) == NULL)
    g_error ("%s", error->message);
  fw_store_set_user (store, "Bench Inspector");
  *inspection_id = fw_bench_fill_store (store, sample);
  return store;
}

/* ---------------------------------------------------------------- clock and statistics */

double
fw_bench_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
fw_bench_median (double *values, guint n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
fw_bench_percentile (double *values, guint n, double p)
{
  guint rank;

  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), compare_doubles);
  rank = (guint) ceil (p / 100.0 * n);
  return values[CLAMP (rank, 1, n) - 1];
}

/* ---------------------------------------------------------------- options and report */

void
fw_bench_parse_args (int *argc, char ***argv, FwBenchOptions *options, const char *summary)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "smoke", 0, 0, G_OPTION_ARG_NONE, &options->smoke, "Smallest size, few runs (a smoke test)", NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &options->dir, "Folder for databases and files", "DIR" },
    { "cases", 0, 0, G_OPTION_ARG_INT, &options->cases, "The large size instead of 10 000 cases", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options->runs, "Runs of each measure", "N" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  if (options->dir == NULL)
    {
      if ((options->dir = g_dir_make_tmp ("fieldwork-bench-XXXXXX", &error)) == NULL)
        g_error ("%s", error->message);
      options->own_dir = TRUE;
    }
  else if (g_mkdir_with_parents (options->dir, 0700) != 0)
    g_error ("%s: cannot create", options->dir);
  /* keep the user's own frameworks and data out of the figures */
  {
    g_autofree char *data = g_build_filename (options->dir, "xdg-data", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_DATA_DIRS", data, TRUE);
  }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fw_bench_finish (FwBenchOptions *options)
{
  if (options->own_dir)
    remove_tree (options->dir);
  g_clear_pointer (&options->dir, g_free);
}

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
json_number (GString *out, double value)
{
  if (isnan (value))
    g_string_append (out, "null");
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
    }
}

void
fw_bench_report (const char *name, double value, const char *unit, double target,
                 const char *note_format, ...)
{
  g_autoptr(GString) line = g_string_new ("{\"name\": ");
  gboolean ok = isnan (target) || (!isnan (value) && value <= target);

  json_string (line, name);
  g_string_append (line, ", \"value\": ");
  json_number (line, value);
  g_string_append (line, ", \"unit\": ");
  json_string (line, unit);
  g_string_append (line, ", \"target\": ");
  json_number (line, target);
  g_string_append_printf (line, ", \"ok\": %s", ok ? "true" : "false");
  if (note_format)
    {
      g_autofree char *note = NULL;
      va_list args;

      va_start (args, note_format);
      note = g_strdup_vprintf (note_format, args);
      va_end (args);
      g_string_append (line, ", \"note\": ");
      json_string (line, note);
    }
  g_string_append (line, "}\n");
  fputs (line->str, stdout);
  fflush (stdout);
}

guint
fw_bench_large (FwBenchOptions *options)
{
  return options->cases > 0 ? (guint) options->cases : options->smoke ? 60 : 10000;
}

guint
fw_bench_runs (FwBenchOptions *options, guint full)
{
  return options->runs > 0 ? (guint) options->runs : options->smoke ? 1 : full;
}
