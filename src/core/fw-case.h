/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Case attributes, in the order of the cases CSV contract. */
typedef enum {
  FW_ATTR_KIND,
  FW_ATTR_DISPOSAL,
  FW_ATTR_GENDER,
  FW_ATTR_AGE,
  FW_ATTR_ETHNICITY,
  FW_ATTR_ROSH,
  FW_ATTR_SAFETY_WELLBEING,
  FW_ATTR_CASE_MANAGER,
  FW_ATTR_INSPECTOR,
  FW_ATTR_INTERVIEW,
  FW_ATTR_STATUS,
  FW_N_ATTRS
} FwAttr;

const char         *fw_attr_to_string   (FwAttr attr);
gboolean            fw_attr_from_string (const char *str, FwAttr *attr);
/* Every attribute's name, NULL-terminated. */
const char * const *fw_attr_names       (void);

/* The one status vocabulary of a case, and the one rule of how it moves. */
typedef enum {
  FW_CASE_NOT_STARTED,
  FW_CASE_IN_PROGRESS,
  FW_CASE_COMPLETE,
  FW_CASE_QUALITY_ASSURED,
  FW_CASE_RETURNED,
} FwCaseStatus;

const char *fw_case_status_to_string   (FwCaseStatus status);
/* "In progress", translated */
const char *fw_case_status_title       (FwCaseStatus status);
gboolean    fw_case_status_from_string (const char *str, FwCaseStatus *status);
/* Whether a case may move from one status to another:
 * not started → in progress → complete → quality-assured, or returned
 * (from complete or quality-assured, with a comment) and back to complete;
 * a complete or quality-assured case is reopened to in progress. */
gboolean    fw_case_status_can_move    (FwCaseStatus from, FwCaseStatus to);
/* Whether answers and notes of a case in this status may change. */
gboolean    fw_case_status_allows_edit (FwCaseStatus status);

typedef struct {
  char *id;
  char *reference;
  char *attrs[FW_N_ATTRS];   /* FW_ATTR_STATUS holds the status as a string */
} FwCase;

void    fw_case_free (FwCase *c);
FwCase *fw_case_copy (const FwCase *c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCase, fw_case_free)

G_END_DECLS
