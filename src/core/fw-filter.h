/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "fw-case.h"
#include "fw-framework.h"
#include "fw-types.h"

G_BEGIN_DECLS

/* A sub-sample: attribute = any of the values; all attributes must match.
 * An attribute is a built-in field (kind, inspector, status) or an
 * attribute of the framework, by id. */
FwFilter *fw_filter_new       (void);
void      fw_filter_free      (FwFilter *filter);
void      fw_filter_add       (FwFilter *filter, const char *attr, const char *value);
gboolean  fw_filter_is_empty  (const FwFilter *filter);
/* "attr=value" as given on the command line. */
gboolean  fw_filter_parse     (FwFilter *filter, const char *expr, GError **error);
/* Checks every attribute against the framework, and spells the values of a
 * closed attribute as its list does ("Very_High" → "very high"). */
gboolean  fw_filter_check     (FwFilter *filter, FwFramework *framework, GError **error);
char     *fw_filter_describe  (const FwFilter *filter);
/* The sub-sample in words for people, translated, with the framework's
 * titles: "Out-of-court disposals only", "Gender: Female only",
 * "Court disposals · Risk of serious harm: High or Very high only". NULL
 * for an empty filter (the whole sample). */
char     *fw_filter_describe_words (const FwFilter *filter, FwFramework *framework);
/* Whether a case belongs to a sub-sample. */
gboolean  fw_filter_matches   (const FwFilter *filter, const FwCase *c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwFilter, fw_filter_free)

G_END_DECLS
