/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-framework.h"

G_BEGIN_DECLS

/* The schema and the shipped frameworks, in the core's resources. */
#define FW_RESOURCE_DIR "/io/github/fieldwork/Fieldwork/frameworks/"

struct _FwFramework {
  gatomicrefcount ref_count;
  char       *filename;
  char       *xml;
  gsize       xml_length;
  char       *id;
  guint       version;
  char       *title;
  char       *publisher;
  char       *language;
  gboolean    provisional;
  FwRounding  rounding;
  char       *answer_titles[4];
  gboolean    offers_na;
  GPtrArray  *kinds;
  GPtrArray  *attributes;
  FwNotePolicy note_policy;
  GPtrArray  *bands;
  GPtrArray  *ranges;
  gboolean    total_provisional;
  guint       sampling_confidence;   /* 0: no <sampling> */
  guint       sampling_margin;
  GPtrArray  *strata;                /* FwAttribute* (not owned): <sampling><strata> */
  gboolean    strata_provisional;
  GPtrArray  *domains;
  GPtrArray  *standards;
  GPtrArray  *questions;
  GHashTable *items;        /* id → FwQuestion* or FwPrompt* (see item_is_prompt) */
  GHashTable *prompts;      /* set of FwPrompt* */
};

/* An empty framework with its arrays and tables made, for the parser to fill. */
FwFramework *_fw_framework_new  (const char *filename);

/* Free functions for FwStandard.questions and FwQuestion.prompts. */
void         _fw_question_free  (gpointer data);
void         _fw_prompt_free    (gpointer data);
FwAttribute *_fw_attribute_new  (void);
void         _fw_attribute_free (gpointer data);

G_END_DECLS
