/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-framework.h"
#include "fw-filter.h"
#include "fw-tally.h"
#include "fw-types.h"

G_BEGIN_DECLS

typedef enum {
  FW_STANDARD_RATED,       /* has a rating */
  FW_STANDARD_PENDING,     /* should have one, answers or judgement missing */
  FW_STANDARD_NOT_RATED,   /* no applicable cases (or every answer N/A): left out of the total */
} FwStandardState;

typedef struct {
  FwQuestion *question;
  guint       yes, no, na, unanswered;
  gboolean    has_percent;     /* yes + no > 0 */
  guint       tenths;          /* % yes in tenths, rounded half up: 862 for 25/29 */
  guint       shown_percent;   /* whole % compared with thresholds (rounded rule) or floor (exact) */
  FwBand     *band;            /* NULL without yes/no answers */
  gboolean    rounding_decided;/* the band differs from the band of the exact fraction */
  /* how sure the %: the Wilson interval at the framework's confidence, in tenths */
  guint       ci_low, ci_high;
  gboolean    band_could_change; /* the interval crosses a band threshold */
} FwQuestionResult;

typedef struct {
  FwStandard      *standard;
  FwStandardState  state;
  FwBand          *band;       /* NULL unless RATED */
  gboolean         judged;
  guint            score;      /* band score if scored and rated */
  guint            applicable_cases;
  /* pooled standards: the pooled figures */
  guint            yes, no;
  guint            tenths;
  FwQuestionResult *questions; /* one per question of the standard (guidance included, zeroed) */
  guint            n_questions;
} FwStandardResult;

typedef struct {
  FwFramework      *framework;
  FwQuestionResult *questions;      /* by FwQuestion.index */
  guint             n_questions;
  FwStandardResult *standards;      /* by FwStandard.index */
  guint             n_standards;
  gboolean          has_total;
  guint             score;
  guint             max_score;
  FwBand           *rating;         /* overall, NULL if no total or nothing rated */
  gboolean          complete;
  GPtrArray        *missing;        /* char*: what keeps the result provisional */
  /* char*: what the result rests on that the framework marks provisional
   * (fw_framework_list_provisional ()); empty when nothing does */
  GPtrArray        *provisional;
} FwRating;

/* Standards whose questions inform but are not scored ("other findings",
 * FW_RULE_INFORMS): never rated, never in the score; shown apart. */
gboolean  fw_standard_result_informs (const FwStandardResult *result);

/* Rates from counts and judgements (standard id → band id). Pure: no I/O. */
FwRating *fw_rating_compute (FwFramework *framework,
                             FwTally     *tally,
                             GHashTable  *judgements);
/* Counts from the store, then rates. */
FwRating *fw_rating_compute_from_store (FwStore        *store,
                                        const char     *inspection_id,
                                        const FwFilter *filter,
                                        GError        **error);
void      fw_rating_free    (FwRating *rating);

/* The band of yes out of yes + no under the framework's rule. */
FwBand   *fw_rating_band_for (FwFramework *framework,
                              guint        yes,
                              guint        total,
                              guint       *shown_percent,
                              gboolean    *rounding_decided);
/* The Wilson score interval of yes/total for this z, in tenths of a percent,
 * rounded half up: 5 of 8 at z = 1.2816 → [403, 805]. */
void      fw_rating_wilson   (guint yes, guint total, double z, guint *low, guint *high);
/* yes/total as a percentage in tenths, rounded half up, exactly. */
guint     fw_rating_tenths   (guint yes, guint total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwRating, fw_rating_free)

G_END_DECLS
