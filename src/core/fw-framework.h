/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FW_ROUNDING_ROUNDED,   /* round half up to a whole percent, in integers */
  FW_ROUNDING_EXACT,     /* compare the exact fraction with the threshold */
} FwRounding;

typedef enum {
  FW_RULE_LOWEST,        /* the lowest band of the key questions */
  FW_RULE_POOLED,        /* one % over all yes/no answers of the key questions */
  FW_RULE_JUDGED,        /* a recorded judgement */
  FW_RULE_INFORMS,       /* never rated or scored: its questions' % are "other findings" */
} FwRule;

/* When an answer needs an evidence note. */
typedef enum {
  FW_NOTE_NO_OR_NA,      /* on No and Not applicable (the default) */
  FW_NOTE_ALWAYS,        /* on every answer */
  FW_NOTE_OPTIONAL,      /* never */
} FwNotePolicy;

typedef enum {
  FW_ANSWER_NONE = 0,
  FW_ANSWER_YES,
  FW_ANSWER_NO,
  FW_ANSWER_NA,
} FwAnswer;

typedef struct _FwFramework FwFramework;
typedef struct _FwDomain    FwDomain;
typedef struct _FwStandard  FwStandard;
typedef struct _FwQuestion  FwQuestion;
typedef struct _FwPrompt    FwPrompt;
typedef struct _FwBand      FwBand;
typedef struct _FwKind      FwKind;
typedef struct _FwRange     FwRange;
typedef struct _FwAttribute FwAttribute;
typedef struct _FwAttributeValue FwAttributeValue;

/* A case attribute the framework defines (disposal, gender …): free text,
 * or closed to a list of values. */
struct _FwAttributeValue {
  char *id;              /* as stored and written in the cases CSV */
  char *title;
};

struct _FwAttribute {
  char      *id;
  char      *title;
  gboolean   provisional;
  GPtrArray *values;     /* FwAttributeValue*; empty: free text */
  guint      index;
};

struct _FwKind {
  char    *id;
  char    *title;
  guint    index;
  gboolean has_limit;     /* <sampling><limit>: the sample of this kind is clamped */
  guint    sample_min;
  guint    sample_max;
};

struct _FwBand {
  char    *id;
  char    *title;
  char    *proportion;   /* "Large majority", may be NULL */
  char    *colour;       /* "#rrggbb" */
  guint    min;          /* lower threshold, whole percent */
  guint    score;
  guint    index;        /* position, lowest first */
  gboolean provisional;
};

struct _FwRange {
  guint   min;
  guint   max;
  FwBand *band;
};

struct _FwPrompt {
  char       *id;
  char       *text;
  gboolean    na_allowed;
  gboolean    provisional;
  FwNotePolicy note_policy;  /* its own, else its question's */
  FwQuestion *question;
};

struct _FwQuestion {
  char       *id;
  char       *text;
  gboolean    guidance;      /* shown, never answered per case */
  gboolean    na_allowed;
  gboolean    provisional;
  FwNotePolicy note_policy;  /* its own, else the framework's */
  gboolean    informs;       /* answered per case, reported, never scored (FW_RULE_INFORMS) */
  guint64     kinds;         /* bit set of FwKind.index it is answered for */
  GPtrArray  *prompts;       /* FwPrompt* */
  FwStandard *standard;
  int         index;         /* into fw_framework_get_questions(), -1 for guidance */
};

struct _FwStandard {
  char      *id;
  char      *title;
  char      *statement;
  char      *stem;
  FwRule     rule;
  gboolean   scored;
  gboolean   provisional;
  guint64    kinds;          /* 0 for organisational standards */
  GPtrArray *questions;      /* FwQuestion*, guidance ones included */
  FwDomain  *domain;
  guint      index;
};

struct _FwDomain {
  char      *id;
  char      *title;
  gboolean   provisional;
  GPtrArray *standards;      /* FwStandard* */
};

/* A framework file larger than this is refused (FW_FRAMEWORK_ERROR_TOO_LARGE)
 * without being parsed: the shipped ones are under 30 kB. */
#define FW_FRAMEWORK_MAX_SIZE (4 * 1000 * 1000)

FwFramework *fw_framework_new_from_data  (const char *data,
                                          gsize       length,
                                          const char *filename,
                                          GError    **error);
FwFramework *fw_framework_new_from_file  (const char *path,
                                          GError    **error);
FwFramework *fw_framework_ref            (FwFramework *self);
void         fw_framework_unref          (FwFramework *self);

const char  *fw_framework_get_id         (FwFramework *self);
guint        fw_framework_get_version    (FwFramework *self);
const char  *fw_framework_get_title      (FwFramework *self);
const char  *fw_framework_get_publisher  (FwFramework *self);
const char  *fw_framework_get_language   (FwFramework *self);
gboolean     fw_framework_is_provisional (FwFramework *self);
FwRounding   fw_framework_get_rounding   (FwFramework *self);
/* The source XML, kept byte for byte so an inspection can snapshot it. */
const char  *fw_framework_get_xml        (FwFramework *self,
                                          gsize      *length);

GPtrArray   *fw_framework_get_kinds      (FwFramework *self);   /* FwKind* */
/* The case attributes, in the framework's order. */
GPtrArray   *fw_framework_get_attributes (FwFramework *self);   /* FwAttribute* */
FwAttribute *fw_framework_find_attribute (FwFramework *self, const char *id);
FwNotePolicy fw_framework_get_note_policy (FwFramework *self);
/* What a rating by this framework rests on that is marked provisional
 * (bands, standards, key questions, the total banding when with_total):
 * translated lines, e.g. "overall banding provisional: not published";
 * empty when nothing is. Prompts are left out: no rating rests on them. */
GPtrArray   *fw_framework_list_provisional (FwFramework *self,
                                            gboolean     with_total);   /* char* */
/* The framework's sampling rule (<sampling>): confidence and margin in whole
 * percent. FALSE when the framework has none. */
gboolean     fw_framework_get_sampling   (FwFramework *self, guint *confidence, guint *margin);
/* The attributes a sample is drawn to match the population on
 * (<sampling><strata>), in the framework's order; empty when none.
 * *provisional: whether the framework marks that choice provisional. */
GPtrArray   *fw_framework_get_strata     (FwFramework *self, gboolean *provisional);   /* FwAttribute* */
GPtrArray   *fw_framework_get_bands      (FwFramework *self);   /* FwBand*, lowest first */
GPtrArray   *fw_framework_get_ranges     (FwFramework *self);   /* FwRange*, NULL: no total */
gboolean     fw_framework_total_is_provisional (FwFramework *self);
GPtrArray   *fw_framework_get_domains    (FwFramework *self);   /* FwDomain* */
GPtrArray   *fw_framework_get_standards  (FwFramework *self);   /* FwStandard*, document order */
/* Key questions answered per case, in document order; FwQuestion.index is the position. */
GPtrArray   *fw_framework_get_questions  (FwFramework *self);
/* Which answers the framework offers (yes/no always; na unless left out). */
const char  *fw_framework_get_answer_title (FwFramework *self,
                                            FwAnswer     answer);
gboolean     fw_framework_offers_answer  (FwFramework *self,
                                          FwAnswer     answer);

FwKind      *fw_framework_find_kind      (FwFramework *self, const char *id);
FwBand      *fw_framework_find_band      (FwFramework *self, const char *id);
FwStandard  *fw_framework_find_standard  (FwFramework *self, const char *id);
/* A key question or a prompt by id; exactly one of the out arguments is set. */
gboolean     fw_framework_find_item      (FwFramework *self,
                                          const char  *id,
                                          FwQuestion **question,
                                          FwPrompt   **prompt);
/* Whether a question (or a prompt's question) is answered for cases of this kind. */
gboolean     fw_question_applies_to      (FwQuestion *question,
                                          FwKind     *kind);
char        *fw_framework_describe_kinds (FwFramework *self,
                                          guint64      kinds);

/* The value of a closed attribute as its list spells it (matched without
 * regard to case, and "-", "_" and " " alike: "Very_High" is "very high");
 * NULL when the list does not have it. A free-text attribute takes any
 * value as it is. */
const char  *fw_attribute_match_value    (FwAttribute *attribute, const char *value);
gboolean     fw_attribute_is_closed      (FwAttribute *attribute);
/* What to show for a value: its title in a closed list, else the value. */
const char  *fw_attribute_value_title    (FwAttribute *attribute, const char *value);
/* "low, medium, high" */
char        *fw_attribute_describe_values (FwAttribute *attribute);

/* Whether an answer needs a note under this policy. */
gboolean     fw_note_required            (FwNotePolicy policy, FwAnswer answer);
/* The policy of a key question or prompt by id (the framework's if unknown). */
FwNotePolicy fw_framework_item_note_policy (FwFramework *self, const char *item_id);

/* White or near-black, whichever reads better on a band's colour. */
const char  *fw_band_text_colour         (const char *background);

const char  *fw_answer_to_string         (FwAnswer answer);
gboolean     fw_answer_from_string       (const char *str,
                                          FwAnswer   *answer);

/* The shipped frameworks and those installed in the data directories. */
typedef struct {
  char *id;
  guint version;
  char *title;
  char *origin;    /* "shipped" or a file path */
} FwFrameworkInfo;

GPtrArray   *fw_framework_list_available (GError **error);   /* FwFrameworkInfo* */
FwFramework *fw_framework_load_available (const char *id,
                                          GError    **error);
void         fw_framework_info_free      (FwFrameworkInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwFramework, fw_framework_unref)

G_END_DECLS
