/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-case-item-private.h"
#include "fw-enum-types.h"

struct _FwCaseItem {
  GObject  parent_instance;
  FwCase  *kase;
  char    *kind_title;
  guint    answered;
  guint    applicable;
};

G_DEFINE_FINAL_TYPE (FwCaseItem, fw_case_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_REFERENCE,
  ITEM_PROP_KIND,
  ITEM_PROP_INSPECTOR,
  ITEM_PROP_STATUS,
  ITEM_PROP_STATUS_TITLE,
  ITEM_PROP_CASE_STATUS,
  ITEM_PROP_KIND_TITLE,
  ITEM_PROP_PROGRESS,
  ITEM_N_PROPS
};
static GParamSpec *item_props[ITEM_N_PROPS];

static void
fw_case_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwCaseItem *self = FW_CASE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_REFERENCE: g_value_set_string (value, self->kase->reference); break;
    case ITEM_PROP_KIND: g_value_set_string (value, self->kase->kind); break;
    case ITEM_PROP_INSPECTOR: g_value_set_string (value, self->kase->inspector); break;
    case ITEM_PROP_STATUS: g_value_set_string (value, self->kase->status); break;
    case ITEM_PROP_CASE_STATUS: g_value_set_enum (value, fw_case_item_get_status (self)); break;
    case ITEM_PROP_STATUS_TITLE: g_value_set_string (value, fw_case_status_title (fw_case_item_get_status (self))); break;
    case ITEM_PROP_KIND_TITLE: g_value_set_string (value, self->kind_title ? self->kind_title : self->kase->kind); break;
    case ITEM_PROP_PROGRESS:
      g_value_take_string (value, g_strdup_printf ("%u / %u", self->answered, self->applicable));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_case_item_finalize (GObject *object)
{
  fw_case_free (FW_CASE_ITEM (object)->kase);
  g_free (FW_CASE_ITEM (object)->kind_title);
  G_OBJECT_CLASS (fw_case_item_parent_class)->finalize (object);
}

static void
fw_case_item_class_init (FwCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fw_case_item_get_property;
  object_class->finalize = fw_case_item_finalize;
  item_props[ITEM_PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_INSPECTOR] = g_param_spec_string ("inspector", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  item_props[ITEM_PROP_STATUS_TITLE] = g_param_spec_string ("status-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  item_props[ITEM_PROP_CASE_STATUS] = g_param_spec_enum ("case-status", NULL, NULL, FW_TYPE_CASE_STATUS, FW_CASE_NOT_STARTED, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  item_props[ITEM_PROP_KIND_TITLE] = g_param_spec_string ("kind-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_props[ITEM_PROP_PROGRESS] = g_param_spec_string ("progress", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_props);
}

static void
fw_case_item_init (FwCaseItem *self)
{
}

FwCaseItem *
fw_case_item_new (FwCase *kase, const char *kind_title, guint answered, guint applicable)
{
  FwCaseItem *self = g_object_new (FW_TYPE_CASE_ITEM, NULL);

  self->kase = kase;
  self->kind_title = g_strdup (kind_title);
  self->answered = answered;
  self->applicable = applicable;
  return self;
}

const FwCase *fw_case_item_get_case (FwCaseItem *self) { return self->kase; }
const char *fw_case_item_get_id (FwCaseItem *self) { return self->kase->id; }
const char *fw_case_item_get_reference (FwCaseItem *self) { return self->kase->reference; }
guint fw_case_item_get_answered (FwCaseItem *self) { return self->answered; }
guint fw_case_item_get_applicable (FwCaseItem *self) { return self->applicable; }

const char *
fw_case_item_get_attr (FwCaseItem *self, const char *id)
{
  g_return_val_if_fail (FW_IS_CASE_ITEM (self) && id != NULL, NULL);
  return fw_case_get_attr (self->kase, id);
}

FwCaseStatus
fw_case_item_get_status (FwCaseItem *self)
{
  FwCaseStatus status = FW_CASE_NOT_STARTED;

  fw_case_status_from_string (self->kase->status, &status);
  return status;
}

void
fw_case_item_set_status (FwCaseItem *self, FwCaseStatus status)
{
  const char *str = fw_case_status_to_string (status);

  if (g_strcmp0 (self->kase->status, str) == 0)
    return;
  g_free (self->kase->status);
  self->kase->status = g_strdup (str);
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_STATUS_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_CASE_STATUS]);
}

void
fw_case_item_add_answered (FwCaseItem *self, int delta)
{
  if (delta < 0 && self->answered == 0)
    return;
  self->answered += delta;
  g_object_notify_by_pspec (G_OBJECT (self), item_props[ITEM_PROP_PROGRESS]);
}


/* Replaces the case's attributes (a change made elsewhere). */
void
fw_case_item_set_case (FwCaseItem *self, FwCase *kase)
{
  /* the same case, read again: keep the id string, which the session's
   * table of items is keyed on */
  if (g_strcmp0 (kase->id, self->kase->id) == 0)
    {
      g_free (kase->id);
      kase->id = g_steal_pointer (&self->kase->id);
    }
  fw_case_free (self->kase);
  self->kase = kase;
  for (guint i = ITEM_PROP_REFERENCE; i < ITEM_N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), item_props[i]);
}
