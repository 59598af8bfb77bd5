/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-store.h"

G_BEGIN_DECLS

/* Drawing an inspection's sample from the service's eligible caseload
 * (the population): per case kind, Cochran's size over the cases not
 * excluded (fw_sample_size_for_kind), allocated proportionally over the
 * framework's strata attributes, at most so many cases per case manager,
 * a reserve list, all reproducible from the recorded seed. The drawn cases
 * become the inspection's cases (fw_store_add_case). */

#define FW_DRAW_ERROR (fw_draw_error_quark ())

typedef enum {
  FW_DRAW_ERROR_NO_POPULATION,  /* no population imported, or none of it eligible */
  FW_DRAW_ERROR_DRAWN,          /* the sample is drawn: population and draw are fixed */
  FW_DRAW_ERROR_HAS_CASES,      /* the inspection already has cases */
  FW_DRAW_ERROR_NOT_DRAWN,      /* not a case of the drawn sample */
  FW_DRAW_ERROR_NO_RESERVE,     /* no reserve case left that can take its place */
  FW_DRAW_ERROR_STARTED,        /* the case has work on it */
  FW_DRAW_ERROR_INVALID,        /* an option out of range, a missing reason */
  FW_DRAW_ERROR_CAP,            /* the per-case-manager cap leaves too few cases to draw */
} FwDrawError;

GQuark fw_draw_error_quark (void);

#define FW_DRAW_PER_CASE_MANAGER 6
#define FW_DRAW_RESERVE          5

typedef struct {
  const char *seed;              /* NULL or "": a new random seed (recorded) */
  guint       per_case_manager;  /* at most this many sample cases per case manager; 0: no cap */
  guint       reserve;           /* reserve cases per kind */
  guint       confidence;        /* percent; 0: the framework's */
  guint       margin;            /* percent; 0: the framework's */
} FwDrawOptions;

void fw_draw_options_init (FwDrawOptions *options);

/* One value of one strata attribute within a kind: how many eligible
 * cases have it, its proportional share of the sample, and how many of
 * the sample have it. */
typedef struct {
  char   *attribute;        /* id */
  char   *attribute_title;
  char   *value;            /* "" when not recorded */
  char   *value_title;
  guint   population;
  double  quota;            /* sample size × population ÷ eligible */
  guint   sample;
} FwStratum;

typedef struct {
  char      *kind;
  char      *kind_title;
  guint      listed;        /* in the population file */
  guint      excluded;
  guint      eligible;      /* listed − excluded: the N of the size calculation */
  double     z;
  double     n0;            /* z² p (1 − p) ÷ e², p = 0.5 */
  double     n_corrected;   /* n0 ÷ (1 + (n0 − 1) ÷ N) */
  guint      n_formula;     /* rounded up, never above N */
  gboolean   has_limit;
  guint      limit_min, limit_max;
  guint      n;             /* after the framework's limits: the size to draw */
  guint      drawn;         /* in the sample now; below n when the cap leaves too few */
  GPtrArray *strata;        /* FwStratum* */
  GPtrArray *sample;        /* char*: references in drawn order */
  GPtrArray *reserve;       /* char*: unused reserve cases in drawn order */
} FwDrawKind;

typedef struct {
  char *reference;
  char *kind;
  char *reason;
} FwExclusion;

typedef struct {
  char *reference;          /* the case replaced */
  char *replaced_by;
  char *reason;
} FwReplacement;

typedef struct {
  char      *inspection_id;
  guint      confidence, margin;
  gboolean   strata_provisional;
  GPtrArray *strata;        /* char*: attribute titles, the framework's order */
  gboolean   drawn;
  char      *seed;          /* the draw's, when drawn */
  guint      per_case_manager;
  guint      reserve;
  char      *who, *at;
  GPtrArray *kinds;         /* FwDrawKind*, the framework's order */
  GPtrArray *exclusions;    /* FwExclusion*, file order */
  GPtrArray *replacements;  /* FwReplacement* */
} FwDrawSummary;

void           fw_draw_summary_free   (FwDrawSummary *summary);

/* Reads a POPULATION.csv (reference, kind, the framework's attributes,
 * optional case_manager, start_date, excluded: a non-empty reason excludes
 * the case) and makes it the inspection's population, replacing any
 * earlier one, all or nothing; errors name the file, line, column and
 * field. Refused once the sample is drawn. */
gboolean       fw_population_import      (FwStore *store, const char *inspection_id, const char *path,
                                          guint *n_rows, GError **error);
gboolean       fw_population_import_data (FwStore *store, const char *inspection_id, const char *data,
                                          gsize length, const char *filename, guint *n_rows,
                                          GError **error);

/* The size calculation, the population and sample per stratum, the
 * exclusions and replacements. Before a draw, at this confidence and
 * margin (0: the framework's); after it, at the draw's. */
FwDrawSummary *fw_draw_summarize      (FwStore *store, const char *inspection_id, guint confidence,
                                       guint margin, GError **error);
/* Draws the sample and makes it the inspection's cases, in one audited
 * change; refused when the inspection has cases already. */
FwDrawSummary *fw_draw_sample         (FwStore *store, const char *inspection_id,
                                       const FwDrawOptions *options, GError **error);
/* Replaces a drawn case that has no work on it (not started: no answer,
 * note or review comment) by the first unused reserve case of its kind
 * with the same strata values, else the first within the case-manager cap;
 * audited with the reason. Returns the reference of the case that took
 * its place. */
char          *fw_draw_replace_case   (FwStore *store, const char *inspection_id, const char *reference,
                                       const char *reason, GError **error);

/* The summary as text for the command line (translated). */
char          *fw_draw_summary_format (FwDrawSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDrawSummary, fw_draw_summary_free)

G_END_DECLS
