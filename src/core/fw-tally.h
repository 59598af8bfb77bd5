/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-framework.h"

G_BEGIN_DECLS

/* Counts of answers per key question over a (sub-)sample; the input of the
 * rating engine. Kept up to date incrementally by the session. */
typedef struct {
  guint  n_questions;
  guint *yes;
  guint *no;
  guint *na;
  guint  n_kinds;
  guint *cases_of_kind;    /* cases in the sample per FwKind.index */
} FwTally;

FwTally *fw_tally_new        (FwFramework *framework);
void     fw_tally_free       (FwTally *tally);
void     fw_tally_clear      (FwTally *tally);
/* The counter of one answer of question index q, NULL for none. */
guint   *fw_tally_slot       (FwTally *tally, int q, FwAnswer answer);
/* Move one answer of question index q from old to new. */
void     fw_tally_change     (FwTally *tally, int q, FwAnswer old_answer, FwAnswer new_answer);
guint    fw_tally_applicable (FwTally *tally, FwQuestion *question);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTally, fw_tally_free)

G_END_DECLS
