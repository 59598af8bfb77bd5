/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* The framework model: what a loaded framework holds and how it is looked
 * up. fw-framework-parser.c builds it from XML; fw-framework-catalogue.c
 * finds the frameworks that can be loaded. */

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fw-framework-private.h"

/* ---------------------------------------------------------------- freeing */

void
_fw_prompt_free (gpointer data)
{
  FwPrompt *p = data;
  g_free (p->id);
  g_free (p->text);
  g_free (p);
}

void
_fw_question_free (gpointer data)
{
  FwQuestion *q = data;
  g_free (q->id);
  g_free (q->text);
  g_ptr_array_unref (q->prompts);
  g_free (q);
}

static void
standard_free (gpointer data)
{
  FwStandard *s = data;
  g_free (s->id);
  g_free (s->title);
  g_free (s->statement);
  g_free (s->stem);
  g_ptr_array_unref (s->questions);
  g_free (s);
}

static void
domain_free (gpointer data)
{
  FwDomain *d = data;
  g_free (d->id);
  g_free (d->title);
  g_ptr_array_unref (d->standards);
  g_free (d);
}

static void
kind_free (gpointer data)
{
  FwKind *k = data;
  g_free (k->id);
  g_free (k->title);
  g_free (k);
}

static void
attribute_value_free (gpointer data)
{
  FwAttributeValue *v = data;
  g_free (v->id);
  g_free (v->title);
  g_free (v);
}

void
_fw_attribute_free (gpointer data)
{
  FwAttribute *a = data;
  g_free (a->id);
  g_free (a->title);
  g_ptr_array_unref (a->values);
  g_free (a);
}

FwAttribute *
_fw_attribute_new (void)
{
  FwAttribute *a = g_new0 (FwAttribute, 1);

  a->values = g_ptr_array_new_with_free_func (attribute_value_free);
  return a;
}

static void
band_free (gpointer data)
{
  FwBand *b = data;
  g_free (b->id);
  g_free (b->title);
  g_free (b->proportion);
  g_free (b->colour);
  g_free (b);
}

FwFramework *
fw_framework_ref (FwFramework *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
fw_framework_unref (FwFramework *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->filename);
  g_free (self->xml);
  g_free (self->id);
  g_free (self->title);
  g_free (self->publisher);
  g_free (self->language);
  for (guint i = 0; i < G_N_ELEMENTS (self->answer_titles); i++)
    g_free (self->answer_titles[i]);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->strata, g_ptr_array_unref);
  g_clear_pointer (&self->bands, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->standards, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->prompts, g_hash_table_unref);
  g_free (self);
}

FwFramework *
_fw_framework_new (const char *filename)
{
  FwFramework *self = g_new0 (FwFramework, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->filename = g_strdup (filename);
  self->kinds = g_ptr_array_new_with_free_func (kind_free);
  self->attributes = g_ptr_array_new_with_free_func (_fw_attribute_free);
  self->strata = g_ptr_array_new ();
  self->bands = g_ptr_array_new_with_free_func (band_free);
  self->domains = g_ptr_array_new_with_free_func (domain_free);
  self->standards = g_ptr_array_new_with_free_func (standard_free);
  self->questions = g_ptr_array_new ();
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->prompts = g_hash_table_new (NULL, NULL);
  return self;
}

/* ---------------------------------------------------------------- accessors */

const char *fw_framework_get_id (FwFramework *self) { return self->id; }
guint fw_framework_get_version (FwFramework *self) { return self->version; }
const char *fw_framework_get_title (FwFramework *self) { return self->title; }
const char *fw_framework_get_publisher (FwFramework *self) { return self->publisher; }
const char *fw_framework_get_language (FwFramework *self) { return self->language; }
gboolean fw_framework_is_provisional (FwFramework *self) { return self->provisional; }
FwRounding fw_framework_get_rounding (FwFramework *self) { return self->rounding; }
GPtrArray *fw_framework_get_kinds (FwFramework *self) { return self->kinds; }
GPtrArray *fw_framework_get_bands (FwFramework *self) { return self->bands; }
GPtrArray *fw_framework_get_attributes (FwFramework *self) { return self->attributes; }
FwNotePolicy fw_framework_get_note_policy (FwFramework *self) { return self->note_policy; }
GPtrArray *fw_framework_get_ranges (FwFramework *self) { return self->ranges; }
gboolean fw_framework_total_is_provisional (FwFramework *self) { return self->total_provisional; }
GPtrArray *fw_framework_get_domains (FwFramework *self) { return self->domains; }
GPtrArray *fw_framework_get_standards (FwFramework *self) { return self->standards; }
GPtrArray *fw_framework_get_questions (FwFramework *self) { return self->questions; }

const char *
fw_framework_get_xml (FwFramework *self, gsize *length)
{
  if (length)
    *length = self->xml_length;
  return self->xml;
}

gboolean
fw_framework_offers_answer (FwFramework *self, FwAnswer answer)
{
  return answer == FW_ANSWER_YES || answer == FW_ANSWER_NO
      || (answer == FW_ANSWER_NA && self->offers_na);
}

const char *
fw_framework_get_answer_title (FwFramework *self, FwAnswer answer)
{
  g_return_val_if_fail (answer <= FW_ANSWER_NA, NULL);
  return answer == FW_ANSWER_NONE ? "" : self->answer_titles[answer];
}

FwKind *
fw_framework_find_kind (FwFramework *self, const char *id)
{
  for (guint i = 0; id && i < self->kinds->len; i++)
    {
      FwKind *k = g_ptr_array_index (self->kinds, i);
      if (strcmp (k->id, id) == 0)
        return k;
    }
  return NULL;
}

FwAttribute *
fw_framework_find_attribute (FwFramework *self, const char *id)
{
  for (guint i = 0; id && i < self->attributes->len; i++)
    {
      FwAttribute *a = g_ptr_array_index (self->attributes, i);
      if (strcmp (a->id, id) == 0)
        return a;
    }
  return NULL;
}

gboolean
fw_attribute_is_closed (FwAttribute *attribute)
{
  return attribute->values->len > 0;
}

/* "Very_High" → "very high" */
static char *
fold_value (const char *value)
{
  char *folded = g_utf8_casefold (value, -1);

  g_strdelimit (folded, "-_", ' ');
  return folded;
}

const char *
fw_attribute_match_value (FwAttribute *attribute, const char *value)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (attribute != NULL && value != NULL, NULL);
  if (!fw_attribute_is_closed (attribute))
    return value;
  for (guint i = 0; i < attribute->values->len; i++)
    {
      FwAttributeValue *v = g_ptr_array_index (attribute->values, i);
      if (strcmp (v->id, value) == 0)
        return v->id;
    }
  folded = fold_value (value);
  for (guint i = 0; i < attribute->values->len; i++)
    {
      FwAttributeValue *v = g_ptr_array_index (attribute->values, i);
      g_autofree char *id = fold_value (v->id);

      if (strcmp (id, folded) == 0)
        return v->id;
    }
  return NULL;
}

const char *
fw_attribute_value_title (FwAttribute *attribute, const char *value)
{
  for (guint i = 0; value && i < attribute->values->len; i++)
    {
      FwAttributeValue *v = g_ptr_array_index (attribute->values, i);
      if (strcmp (v->id, value) == 0)
        return v->title;
    }
  return value;
}

char *
fw_attribute_describe_values (FwAttribute *attribute)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < attribute->values->len; i++)
    {
      FwAttributeValue *v = g_ptr_array_index (attribute->values, i);
      g_string_append_printf (out, "%s%s", i ? ", " : "", v->id);
    }
  return g_string_free (out, FALSE);
}

gboolean
fw_note_required (FwNotePolicy policy, FwAnswer answer)
{
  switch (policy)
    {
    case FW_NOTE_ALWAYS:
      return answer != FW_ANSWER_NONE;
    case FW_NOTE_OPTIONAL:
      return FALSE;
    case FW_NOTE_NO_OR_NA:
    default:
      return answer == FW_ANSWER_NO || answer == FW_ANSWER_NA;
    }
}

FwNotePolicy
fw_framework_item_note_policy (FwFramework *self, const char *item_id)
{
  FwQuestion *q = NULL;
  FwPrompt *p = NULL;

  fw_framework_find_item (self, item_id, &q, &p);
  return p ? p->note_policy : q ? q->note_policy : self->note_policy;
}

GPtrArray *
fw_framework_list_provisional (FwFramework *self, gboolean with_total)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  if (self->provisional)
    g_ptr_array_add (list, g_strdup (_("the whole framework is provisional")));
  if (with_total && self->ranges != NULL && self->total_provisional)
    g_ptr_array_add (list, g_strdup (_("overall banding provisional: not published")));
  for (guint i = 0; i < self->bands->len; i++)
    {
      FwBand *b = g_ptr_array_index (self->bands, i);
      if (b->provisional)
        g_ptr_array_add (list, g_strdup_printf (_("band “%s”: threshold provisional"), b->title));
    }
  for (guint i = 0; i < self->domains->len; i++)
    {
      FwDomain *d = g_ptr_array_index (self->domains, i);
      if (d->provisional)
        g_ptr_array_add (list, g_strdup_printf (_("domain %s: provisional"), d->id));
    }
  for (guint i = 0; i < self->standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (self->standards, i);

      /* a finding that informs is no part of the rating: its own entry
       * says it is provisional (other_findings, and where it is shown) */
      if (s->rule == FW_RULE_INFORMS)
        continue;
      if (s->provisional)
        g_ptr_array_add (list, g_strdup_printf (_("standard %s: provisional"), s->id));
      for (guint j = 0; j < s->questions->len; j++)
        {
          FwQuestion *q = g_ptr_array_index (s->questions, j);
          if (q->provisional && q->index >= 0)
            g_ptr_array_add (list, g_strdup_printf (_("%s: wording provisional"), q->id));
        }
    }
  return list;
}

FwBand *
fw_framework_find_band (FwFramework *self, const char *id)
{
  for (guint i = 0; id && i < self->bands->len; i++)
    {
      FwBand *b = g_ptr_array_index (self->bands, i);
      if (strcmp (b->id, id) == 0)
        return b;
    }
  return NULL;
}

FwStandard *
fw_framework_find_standard (FwFramework *self, const char *id)
{
  for (guint i = 0; id && i < self->standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (self->standards, i);
      if (strcmp (s->id, id) == 0)
        return s;
    }
  return NULL;
}

gboolean
fw_framework_find_item (FwFramework *self,
                        const char  *id,
                        FwQuestion **question,
                        FwPrompt   **prompt)
{
  gpointer item = id ? g_hash_table_lookup (self->items, id) : NULL;

  if (question)
    *question = NULL;
  if (prompt)
    *prompt = NULL;
  if (item == NULL)
    return FALSE;
  if (g_hash_table_contains (self->prompts, item))
    {
      if (prompt)
        *prompt = item;
    }
  else if (question)
    *question = item;
  return TRUE;
}

gboolean
fw_question_applies_to (FwQuestion *question, FwKind *kind)
{
  return !question->guidance && kind != NULL
      && (question->kinds & (G_GUINT64_CONSTANT (1) << kind->index)) != 0;
}

char *
fw_framework_describe_kinds (FwFramework *self, guint64 kinds)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->kinds->len; i++)
    {
      FwKind *k = g_ptr_array_index (self->kinds, i);

      if (kinds & (G_GUINT64_CONSTANT (1) << k->index))
        {
          if (out->len)
            g_string_append (out, ", ");
          g_string_append (out, k->id);
        }
    }
  return g_string_free (out, FALSE);
}

const char *
fw_answer_to_string (FwAnswer answer)
{
  switch (answer)
    {
    case FW_ANSWER_YES: return "yes";
    case FW_ANSWER_NO: return "no";
    case FW_ANSWER_NA: return "na";
    case FW_ANSWER_NONE:
    default: return "";
    }
}

gboolean
fw_answer_from_string (const char *str, FwAnswer *answer)
{
  *answer = FW_ANSWER_NONE;
  if (str == NULL)
    return FALSE;
  if (strcmp (str, "yes") == 0)
    *answer = FW_ANSWER_YES;
  else if (strcmp (str, "no") == 0)
    *answer = FW_ANSWER_NO;
  else if (strcmp (str, "na") == 0)
    *answer = FW_ANSWER_NA;
  else
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------- colours */

static double
channel_luminance (guint c)
{
  double v = c / 255.0;
  return v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

const char *
fw_band_text_colour (const char *background)
{
  guint value = background && background[0] == '#' ? (guint) g_ascii_strtoull (background + 1, NULL, 16) : 0x777777;
  double l = 0.2126 * channel_luminance ((value >> 16) & 0xff)
           + 0.7152 * channel_luminance ((value >> 8) & 0xff)
           + 0.0722 * channel_luminance (value & 0xff);

  /* WCAG contrast against white and against near-black; the higher wins */
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.0625) ? "#ffffff" : "#1e1e1e";
}

GPtrArray *
fw_framework_get_strata (FwFramework *self, gboolean *provisional)
{
  if (provisional)
    *provisional = self->strata_provisional;
  return self->strata;
}

gboolean
fw_framework_get_sampling (FwFramework *self, guint *confidence, guint *margin)
{
  if (self->sampling_confidence == 0)
    return FALSE;
  if (confidence)
    *confidence = self->sampling_confidence;
  if (margin)
    *margin = self->sampling_margin;
  return TRUE;
}
