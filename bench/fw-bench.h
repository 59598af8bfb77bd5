/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-core.h"

G_BEGIN_DECLS

/* Shared by the benchmark programs: a deterministic generator of synthetic
 * inspections, a clock, statistics, and the report line every figure is
 * printed as. Benchmarks are not tests: they print figures and exit 0; only
 * a failure to run at all exits non-zero. */

#define FW_BENCH_FRAMEWORK "hmip-youth-2018"

/* A synthetic inspection: invented references SYN-000001 …, about 60 %
 * court and 40 % out-of-court cases, about 97 % of the applicable key
 * questions answered (mostly yes, some no, a few n/a). The same seed and
 * size give the same bytes on every machine (GRand is a Mersenne Twister). */
typedef struct {
  guint    n_cases;
  guint32  seed;
  guint    n_answers;
  GString *cases_csv;     /* the cases CSV contract: reference, kind, … inspector */
  GString *answers_csv;   /* reference, question, answer, note */
  GPtrArray *references;  /* char*, in order */
} FwBenchSample;

FwBenchSample *fw_bench_sample_new  (FwFramework *framework, guint n_cases, guint32 seed);
void           fw_bench_sample_free (FwBenchSample *sample);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwBenchSample, fw_bench_sample_free)

FwFramework   *fw_bench_framework   (void);
/* Creates an inspection in the store and imports the sample through the
 * real import API; returns the inspection id. Aborts on failure. */
char          *fw_bench_fill_store  (FwStore *store, FwBenchSample *sample);
/* A fresh store at dir/name (removing an old one) holding one synthetic
 * inspection of n cases. */
FwStore       *fw_bench_new_store   (const char *dir, const char *name, guint n_cases, guint32 seed,
                                     char **inspection_id);
void           fw_bench_remove_db   (const char *path);

/* Clock: seconds, CLOCK_MONOTONIC, nanosecond resolution. */
double         fw_bench_now         (void);

/* Statistics over a sample of durations (sorts it in place). */
double         fw_bench_median      (double *values, guint n);
double         fw_bench_percentile  (double *values, guint n, double p);   /* nearest rank */

/* Options every benchmark program takes. */
typedef struct {
  gboolean  smoke;     /* smallest size, few runs: for the bench-smoke tests */
  int       cases;     /* --cases N: the large size instead of 10 000 (for profiling) */
  int       runs;      /* --runs N: instead of each benchmark's own number */
  char     *dir;       /* where databases and files go (default: a new folder in /tmp) */
  gboolean  own_dir;
} FwBenchOptions;

void           fw_bench_parse_args  (int *argc, char ***argv, FwBenchOptions *options,
                                     const char *summary);
void           fw_bench_finish      (FwBenchOptions *options);
/* The large size: 10 000 cases, 60 in a smoke run, or --cases. */
guint          fw_bench_large       (FwBenchOptions *options);
/* Runs of a measure: full, 1 in a smoke run, or --runs. */
guint          fw_bench_runs        (FwBenchOptions *options, guint full);

/* One figure as a JSON line on stdout:
 *   {"name": …, "value": …, "unit": …, "target": …, "ok": true|false, "note": …}
 * value NAN prints null (with the note saying why); target NAN means no
 * target (ok is then true); every target is an upper bound. */
void           fw_bench_report      (const char *name, double value, const char *unit, double target,
                                     const char *note_format, ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
