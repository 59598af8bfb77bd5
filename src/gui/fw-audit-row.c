/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n.h>

#include "fw-audit-row.h"

struct _FwAuditRow {
  GObject  parent_instance;

  char    *time;
  char    *who;
  char    *reference;
  char    *question;
  char    *change;
  char    *note;
};

G_DEFINE_FINAL_TYPE (FwAuditRow, fw_audit_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_WHO,
  PROP_REFERENCE,
  PROP_QUESTION,
  PROP_CHANGE,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The stored UTC time, in the local time zone. */
static char *
local_time (const char *at)
{
  g_autoptr(GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (at ? at : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* What was done, in words; NULL for an answer, which needs no word. */
static const char *
action_title (const char *action)
{
  static const struct { const char *id; const char *title; } titles[] = {
    { "answer",    NULL },
    { "status",    N_("Status") },
    { "judgement", N_("Judgement") },
    { "practice",  N_("Practice") },
    { "lock",      N_("Locked") },
    { "unlock",    N_("Unlocked") },
    { "import",    N_("Imported") },
    { "undo",      N_("Undone") },
    { "comment",   N_("Comment") },
    { "create",    N_("Created") },
    { "case",      N_("Case") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (action, titles[i].id) == 0)
      return titles[i].title ? _(titles[i].title) : NULL;
  return action;
}

/* A value as people read it: a status's or an answer's title, not its id. */
static const char *
value_title (const char *action, const char *value)
{
  FwCaseStatus status;

  if (value == NULL)
    return "—";
  if (g_strcmp0 (action, "status") == 0 && fw_case_status_from_string (value, &status))
    return fw_case_status_title (status);
  if (g_strcmp0 (action, "answer") == 0 || g_strcmp0 (action, "import") == 0 || g_strcmp0 (action, "undo") == 0)
    {
      if (g_strcmp0 (value, "yes") == 0)
        return _("Yes");
      if (g_strcmp0 (value, "no") == 0)
        return _("No");
      if (g_strcmp0 (value, "na") == 0)
        return _("Not applicable");
    }
  return value;
}

static char *
change_text (const FwAuditEntry *e)
{
  const char *title = action_title (e->action);
  g_autofree char *values = NULL;

  if (e->old_value || e->new_value)
    /* TRANSLATORS: an old value and the new one in the audit trail */
    values = g_strdup_printf (_("%s → %s"), value_title (e->action, e->old_value),
                              value_title (e->action, e->new_value));
  if (title && values)
    return g_strdup_printf ("%s: %s", title, values);
  return g_strdup (values ? values : title ? title : "");
}

FwAuditRow *
fw_audit_row_new (const FwAuditEntry *e)
{
  FwAuditRow *self;

  g_return_val_if_fail (e != NULL, NULL);
  self = g_object_new (FW_TYPE_AUDIT_ROW, NULL);
  self->time = local_time (e->at);
  self->who = g_strdup (e->who ? e->who : "");
  self->reference = g_strdup (e->reference ? e->reference : "");
  self->question = g_strdup (e->item ? e->item : "");
  self->change = change_text (e);
  self->note = g_strdup (e->new_note && *e->new_note ? e->new_note
                         : e->reason ? e->reason
                         : g_strcmp0 (e->old_note, e->new_note) != 0 ? _("(note removed)") : "");
  return self;
}

const char *fw_audit_row_get_time (FwAuditRow *self) { return self->time; }
const char *fw_audit_row_get_who (FwAuditRow *self) { return self->who; }
const char *fw_audit_row_get_reference (FwAuditRow *self) { return self->reference; }
const char *fw_audit_row_get_question (FwAuditRow *self) { return self->question; }
const char *fw_audit_row_get_change (FwAuditRow *self) { return self->change; }
const char *fw_audit_row_get_note (FwAuditRow *self) { return self->note; }

gboolean
fw_audit_row_matches (FwAuditRow *self, const char *text)
{
  const char *fields[] = { self->time, self->who, self->reference, self->question, self->change, self->note };
  g_autofree char *needle = NULL;

  g_return_val_if_fail (FW_IS_AUDIT_ROW (self), FALSE);
  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *hay = g_utf8_casefold (fields[i], -1);
      if (strstr (hay, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
fw_audit_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwAuditRow *self = FW_AUDIT_ROW (object);

  switch (prop_id)
    {
    case PROP_TIME: g_value_set_string (value, self->time); break;
    case PROP_WHO: g_value_set_string (value, self->who); break;
    case PROP_REFERENCE: g_value_set_string (value, self->reference); break;
    case PROP_QUESTION: g_value_set_string (value, self->question); break;
    case PROP_CHANGE: g_value_set_string (value, self->change); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_audit_row_finalize (GObject *object)
{
  FwAuditRow *self = FW_AUDIT_ROW (object);

  g_free (self->time);
  g_free (self->who);
  g_free (self->reference);
  g_free (self->question);
  g_free (self->change);
  g_free (self->note);
  G_OBJECT_CLASS (fw_audit_row_parent_class)->finalize (object);
}

static void
fw_audit_row_class_init (FwAuditRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = fw_audit_row_get_property;
  object_class->finalize = fw_audit_row_finalize;
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, flags);
  properties[PROP_WHO] = g_param_spec_string ("who", NULL, NULL, NULL, flags);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  properties[PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, NULL, flags);
  properties[PROP_CHANGE] = g_param_spec_string ("change", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fw_audit_row_init (FwAuditRow *self)
{
}
