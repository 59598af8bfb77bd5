/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "fw-types.h"

G_BEGIN_DECLS

/* What one committed change was: the notification FwStore::changed carries,
 * for changes made here and changes made by another process on the same file.
 * Each is one row of the audit trail. */
typedef enum {
  FW_CHANGE_ANSWER,       /* item: question or prompt; old/new: answer; note: the new note */
  FW_CHANGE_STATUS,       /* old/new: case status */
  FW_CHANGE_CASE_ADDED,
  FW_CHANGE_PRACTICE,     /* item; new: good, poor or NULL */
  FW_CHANGE_JUDGEMENT,    /* item: standard; new: band; note: the rationale */
  FW_CHANGE_COMMENT,      /* item may be NULL; note: the comment */
  FW_CHANGE_LOCK,         /* new: "locked" or "open" */
  FW_CHANGE_INSPECTION,   /* an inspection was created */
  FW_CHANGE_RELOAD,       /* too many changes at once (an import): read the inspection again */
  FW_CHANGE_CASE_ATTRIBUTE, /* item: the attribute; old/new: its value */
  FW_CHANGE_SAMPLE,       /* the population imported or the sample drawn (its cases come as CASE_ADDED) */
} FwChangeKind;

struct _FwChange {
  FwChangeKind kind;
  char        *inspection_id;
  char        *case_id;
  char        *item;
  char        *old_value;
  char        *new_value;
  char        *note;
  char        *who;
};

#define FW_TYPE_CHANGE (fw_change_get_type ())

GType     fw_change_get_type (void) G_GNUC_CONST;
FwChange *fw_change_new      (FwChangeKind kind, const char *inspection_id, const char *case_id,
                              const char *item);
FwChange *fw_change_copy     (const FwChange *change);
void      fw_change_free     (FwChange *change);
/* The kind of change an audit action records; FALSE for none. */
gboolean  fw_change_kind_from_action (const char *action, FwChangeKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwChange, fw_change_free)

G_END_DECLS
