/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The built-in workflow fields of a case. Every other attribute (disposal,
 * gender …) is the framework's: fw_framework_get_attributes (). */
#define FW_CASE_FIELD_KIND      "kind"
#define FW_CASE_FIELD_INSPECTOR "inspector"
#define FW_CASE_FIELD_STATUS    "status"

/* Whether id names a built-in field (kind, inspector, status). */
gboolean            fw_case_field_is_builtin (const char *id);

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
  char       *id;
  char       *reference;
  char       *kind;
  char       *inspector;     /* NULL: not allocated */
  char       *status;        /* fw_case_status_to_string () */
  GHashTable *attributes;    /* the framework's attributes: id → value, only those set */
} FwCase;

FwCase     *fw_case_new      (void);
void        fw_case_free     (FwCase *c);
FwCase     *fw_case_copy     (const FwCase *c);
/* A built-in field (kind, inspector, status) or a framework attribute by
 * id; NULL when it has no value. */
const char *fw_case_get_attr (const FwCase *c, const char *id);
/* Sets a built-in field or an attribute; NULL or "" clears it. */
void        fw_case_set_attr (FwCase *c, const char *id, const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCase, fw_case_free)

G_END_DECLS
