/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-rating.h"
#include "fw-store.h"

G_BEGIN_DECLS

typedef enum {
  FW_PROBLEM_UNANSWERED,        /* an applicable key question without an answer */
  FW_PROBLEM_NO_NOTE,           /* "No" or "N/A" without an evidence note */
  FW_PROBLEM_YES_ALL_PROMPTS_NO,/* key question Yes while every answered prompt is No */
  FW_PROBLEM_NO_ALL_PROMPTS_YES,/* key question No while every answered prompt is Yes */
  FW_PROBLEM_NOT_COMPLETE,      /* the case is not complete yet */
} FwProblemKind;

typedef struct {
  FwProblemKind kind;
  char         *case_id;
  char         *reference;
  char         *item;          /* the question to open at; NULL for the whole case */
  char         *message;
} FwProblem;

typedef struct {
  char  *inspector;            /* "" for cases not allocated */
  guint  allocated;
  guint  complete;             /* complete or quality-assured */
  guint  quality_assured;
  guint  returned;
} FwInspectorProgress;

void       fw_problem_free              (FwProblem *problem);
void       fw_inspector_progress_free   (FwInspectorProgress *progress);
const char *fw_problem_kind_to_string   (FwProblemKind kind);
/* What a kind of problem is, in words for people, translated: "Not answered". */
const char *fw_problem_kind_title       (FwProblemKind kind);

/* Problems to fix before the sample is finished, case by case in reference
 * order, each pointing at the question to open. */
GPtrArray *fw_review_problems           (FwStore *store, const char *inspection_id, GError **error);
/* Cases complete / allocated per inspector, by name. */
GPtrArray *fw_review_progress           (FwStore *store, const char *inspection_id, GError **error);

/* Practice examples flagged on evidence notes, by standard. */
typedef struct {
  char       *standard;
  char       *item;
  char       *reference;
  FwPractice  practice;
  char       *note;
} FwPracticeExample;

void       fw_practice_example_free     (FwPracticeExample *example);
GPtrArray *fw_review_practice_examples  (FwStore *store, const char *inspection_id, GError **error);

/* One column of a sub-sample breakdown: the cases with one value of an
 * attribute, how far they are, and their ratings. */
typedef struct {
  char     *value;          /* the attribute's value */
  char     *title;          /* what to show: a kind's or a closed value's title, else the value */
  guint     n_cases;
  guint     complete;       /* complete or quality-assured */
  FwRating *rating;         /* of those cases alone */
} FwBreakdownColumn;

void       fw_breakdown_column_free     (FwBreakdownColumn *column);
/* The progress and ratings of the cases by the values of an attribute (a
 * built-in field, kind or inspector, or one of the framework's, by id): one
 * column per value present, sorted; cases without a value are left out.
 * The one breakdown the review page, `fieldwork-cli review --by` and the
 * exports show. */
GPtrArray *fw_review_breakdown          (FwStore *store, const char *inspection_id, const char *attr,
                                         GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwProblem, fw_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwBreakdownColumn, fw_breakdown_column_free)

G_END_DECLS
