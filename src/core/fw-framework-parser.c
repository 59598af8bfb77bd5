/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* Loading a framework: the XML is read without network, DTD or entities,
 * checked against the RELAX NG schema, then built into the model one
 * element at a time, with the checks the schema cannot make. */

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/relaxng.h>

#include "fw-framework-private.h"
#include "fw-error.h"
#include "fw-core-resources.h"

#define FW_NS "urn:fieldwork:framework:1"

/* ---------------------------------------------------------------- XML helpers */

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
      && node->ns != NULL && strcmp ((const char *) node->ns->href, FW_NS) == 0
      && (name == NULL || strcmp ((const char *) node->name, name) == 0);
}

static xmlNode *
first_child (xmlNode *node, const char *name)
{
  for (xmlNode *c = node->children; c; c = c->next)
    if (is_element (c, name))
      return c;
  return NULL;
}

/* Element text with runs of white space folded to one space. */
static char *
child_text (xmlNode *node, const char *name)
{
  xmlNode *c = first_child (node, name);
  g_autofree xmlChar *content = NULL;
  GString *out;
  gboolean space = FALSE;

  if (c == NULL)
    return NULL;
  content = xmlNodeGetContent (c);
  out = g_string_new (NULL);
  for (const char *p = (const char *) content; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* The text a reader sees (titles, statements, stems, questions, prompts,
 * proportions), in the reader's language: po/its/fieldwork-framework.its
 * extracts the same elements of the shipped frameworks. Only English
 * frameworks are looked up; the XML kept with an inspection stays as written. */
static char *
child_text_translated (FwFramework *self, xmlNode *node, const char *name)
{
  char *text = child_text (node, name);
  const char *translated;

  if (text == NULL || *text == '\0'
      || (self->language != NULL && g_ascii_strncasecmp (self->language, "en", 2) != 0))
    return text;
  translated = g_dgettext (GETTEXT_PACKAGE, text);
  if (translated == text)
    return text;
  g_free (text);
  return g_strdup (translated);
}

static char *
attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
attr_bool (xmlNode *node, const char *name, gboolean fallback)
{
  g_autofree char *value = attr (node, name);

  if (value == NULL)
    return fallback;
  return strcmp (value, "true") == 0 || strcmp (value, "1") == 0;
}

/* An unsigned attribute; the schema has made sure it is digits, and
 * check_uint_attrs () that it fits in a guint. */
static gboolean
parse_uint (const char *value, guint *out)
{
  const char *p = value;
  char *end = NULL;
  guint64 n;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  errno = 0;
  n = g_ascii_strtoull (p, &end, 10);
  while (g_ascii_isspace (*end))
    end++;
  if (errno != 0 || *end != '\0' || n > G_MAXUINT)
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

static guint
attr_uint (xmlNode *node, const char *name)
{
  g_autofree char *value = attr (node, name);
  guint n = 0;

  return value && parse_uint (value, &n) ? n : 0;
}

/* Refuses a number too large for the framework (version="4294967297" would
 * otherwise wrap round to 1), for every attribute read with attr_uint (). */
static gboolean
check_uint_attrs (const char *filename, xmlNode *node, GError **error)
{
  static const char *names[] = { "version", "min", "max", "score", "confidence", "margin" };

  for (; node; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *value = attr (node, names[i]);
          guint n;

          if (value != NULL && !parse_uint (value, &n))
            {
              g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_INVALID,
                           _("%s:%ld: element %s: %s: “%s” is not a number up to %u"), filename,
                           xmlGetLineNo (node), (const char *) node->name, names[i], value, G_MAXUINT);
              return FALSE;
            }
        }
      if (!check_uint_attrs (filename, node->children, error))
        return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- schema */

/* libxml2's messages may run over several lines ("…\nBytes: 0x…"): one
 * line, for messages on one line (newly allocated). */
static char *
one_line (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, "\r\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, part);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The line of the first text in data (1-based), or 1. */
static int
line_of (const char *data, gsize length, const char *text)
{
  const char *found = g_strstr_len (data, length, text);
  int line = 1;

  for (const char *p = data; found && p < found; p++)
    if (*p == '\n')
      line++;
  return line;
}

typedef struct {
  const char *filename;
  GString    *message;
  int         line;
} ErrorCollector;

static void
collect_error (void *data, xmlErrorPtr error)
{
  ErrorCollector *collector = data;
  g_autofree char *msg = NULL;

  if (collector->message->len > 0)
    return;   /* keep the first, it is the cause */
  msg = one_line (error->message ? error->message : "error");
  collector->line = error->line;
  g_string_printf (collector->message, "%s:%d: %s", collector->filename, error->line, msg);
}

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialised = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GBytes) bytes = NULL;
      xmlRelaxNGParserCtxtPtr ctxt;
      gsize length;
      const char *data;

      bytes = g_resource_lookup_data (fw_core_get_resource (), FW_RESOURCE_DIR "framework.rng",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      data = g_bytes_get_data (bytes, &length);
      ctxt = xmlRelaxNGNewMemParserCtxt (data, (int) length);
      schema = xmlRelaxNGParse (ctxt);
      xmlRelaxNGFreeParserCtxt (ctxt);
      g_assert (schema != NULL);
      g_once_init_leave (&initialised, 1);
    }
  return schema;
}

/* ---------------------------------------------------------------- building */

static gboolean
fail (GError **error, FwFrameworkError code, const char *filename, xmlNode *node,
      const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (GError    **error,
      FwFrameworkError code,
      const char *filename,
      xmlNode   *node,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, FW_FRAMEWORK_ERROR, code, "%s:%ld: %s", filename,
               node ? xmlGetLineNo (node) : 0L, msg);
  return FALSE;
}

static gboolean
parse_kinds_attr (FwFramework *self, xmlNode *node, guint64 *out, GError **error)
{
  g_autofree char *value = attr (node, "kinds");
  g_auto(GStrv) ids = NULL;

  *out = 0;
  if (value == NULL)
    return TRUE;
  ids = g_strsplit_set (value, " \t\n", -1);
  for (guint i = 0; ids[i]; i++)
    {
      FwKind *kind;

      if (*ids[i] == '\0')
        continue;
      kind = fw_framework_find_kind (self, ids[i]);
      if (kind == NULL)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                     _("element %s: kinds: “%s” is not a case kind of this framework"),
                     (const char *) node->name, ids[i]);
      *out |= G_GUINT64_CONSTANT (1) << kind->index;
    }
  return TRUE;
}

static gboolean
add_item (FwFramework *self, xmlNode *node, const char *id, gpointer item, GError **error)
{
  if (g_hash_table_contains (self->items, id))
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                 _("element %s: id “%s” is used twice"), (const char *) node->name, id);
  g_hash_table_insert (self->items, g_strdup (id), item);
  return TRUE;
}

/* ---------------------------------------------------------------- elements */

static gboolean
parse_kind (FwFramework *self, xmlNode *k, GError **error)
{
  FwKind *kind = g_new0 (FwKind, 1);

  kind->id = attr (k, "id");
  kind->title = child_text_translated (self, k, "title");
  kind->index = self->kinds->len;
  g_ptr_array_add (self->kinds, kind);
  if (fw_framework_find_kind (self, kind->id) != kind)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, k,
                 _("element kind: id “%s” is used twice"), kind->id);
  if (self->kinds->len > 64)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, k,
                 _("element kind: more than 64 case kinds"));
  return TRUE;
}

static gboolean
parse_kinds (FwFramework *self, xmlNode *node, GError **error)
{
  for (xmlNode *k = node->children; k; k = k->next)
    if (is_element (k, "kind") && !parse_kind (self, k, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_option (FwFramework *self, xmlNode *o, gboolean seen[4], GError **error)
{
  g_autofree char *id = attr (o, "id");
  FwAnswer answer;

  fw_answer_from_string (id, &answer);
  if (seen[answer])
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, o,
                 _("element option: answer “%s” is listed twice"), id);
  seen[answer] = TRUE;
  g_free (self->answer_titles[answer]);
  self->answer_titles[answer] = child_text_translated (self, o, "title");
  return TRUE;
}

/* node may be NULL: yes, no and not applicable, with the usual titles. */
static gboolean
parse_answers (FwFramework *self, xmlNode *node, GError **error)
{
  gboolean seen[4] = { FALSE, };

  self->answer_titles[FW_ANSWER_YES] = g_strdup (C_("answer", "Yes"));
  self->answer_titles[FW_ANSWER_NO] = g_strdup (C_("answer", "No"));
  self->answer_titles[FW_ANSWER_NA] = g_strdup (C_("answer", "Not applicable"));
  self->offers_na = TRUE;
  if (node == NULL)
    return TRUE;

  for (xmlNode *o = node->children; o; o = o->next)
    if (is_element (o, "option") && !parse_option (self, o, seen, error))
      return FALSE;
  if (!seen[FW_ANSWER_YES] || !seen[FW_ANSWER_NO])
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                 _("element answers: the options must include yes and no"));
  self->offers_na = seen[FW_ANSWER_NA];
  return TRUE;
}

/* The note="" attribute of the root, a question or a prompt. */
static FwNotePolicy
attr_note_policy (xmlNode *node, FwNotePolicy fallback)
{
  g_autofree char *value = attr (node, "note");

  if (g_strcmp0 (value, "always") == 0)
    return FW_NOTE_ALWAYS;
  if (g_strcmp0 (value, "optional") == 0)
    return FW_NOTE_OPTIONAL;
  if (g_strcmp0 (value, "no-or-na") == 0)
    return FW_NOTE_NO_OR_NA;
  return fallback;
}

static gboolean
parse_attribute (FwFramework *self, xmlNode *node, GError **error)
{
  /* the built-in workflow fields and the cases CSV's own columns */
  static const char *reserved[] = { "reference", "kind", "inspector", "status", NULL };
  FwAttribute *attribute = _fw_attribute_new ();

  attribute->id = attr (node, "id");
  attribute->title = child_text_translated (self, node, "title");
  attribute->provisional = attr_bool (node, "provisional", FALSE);
  attribute->index = self->attributes->len;
  g_ptr_array_add (self->attributes, attribute);
  if (g_strv_contains (reserved, attribute->id))
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                 _("element attribute: id “%s” is a built-in case field"), attribute->id);
  if (fw_framework_find_attribute (self, attribute->id) != attribute)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                 _("element attribute: id “%s” is used twice"), attribute->id);
  for (xmlNode *v = node->children; v; v = v->next)
    {
      FwAttributeValue *value;

      if (!is_element (v, "value"))
        continue;
      value = g_new0 (FwAttributeValue, 1);
      value->id = attr (v, "id");
      value->title = child_text_translated (self, v, "title");
      if (fw_attribute_is_closed (attribute) && fw_attribute_match_value (attribute, value->id) != NULL)
        {
          g_autofree char *id = g_steal_pointer (&value->id);

          g_free (value->title);
          g_free (value);
          return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, v,
                       _("element value: attribute %s lists “%s” twice"), attribute->id, id);
        }
      g_ptr_array_add (attribute->values, value);
    }
  return TRUE;
}

/* node may be NULL: no attributes besides the built-in fields. */
static gboolean
parse_attributes (FwFramework *self, xmlNode *node, GError **error)
{
  for (xmlNode *a = node ? node->children : NULL; a; a = a->next)
    if (is_element (a, "attribute") && !parse_attribute (self, a, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_band (FwFramework *self, xmlNode *b, GError **error)
{
  FwBand *band = g_new0 (FwBand, 1);
  FwBand *prev;

  band->id = attr (b, "id");
  band->title = child_text_translated (self, b, "title");
  band->proportion = child_text_translated (self, b, "proportion");
  band->colour = attr (b, "colour");
  band->min = attr_uint (b, "min");
  band->score = attr_uint (b, "score");
  band->provisional = attr_bool (b, "provisional", FALSE);
  band->index = self->bands->len;
  prev = self->bands->len ? g_ptr_array_index (self->bands, self->bands->len - 1) : NULL;
  g_ptr_array_add (self->bands, band);
  if (fw_framework_find_band (self, band->id) != band)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, b,
                 _("element band: id “%s” is used twice"), band->id);
  if (prev == NULL && band->min != 0)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, b,
                 _("element band: min: the lowest band must start at 0, not %u"), band->min);
  if (prev != NULL && band->min <= prev->min)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, b,
                 _("element band: min: bands must be listed lowest first with rising thresholds (%u after %u)"),
                 band->min, prev->min);
  return TRUE;
}

/* The <rating> element: the rounding rule and the bands. */
static gboolean
parse_bands (FwFramework *self, xmlNode *node, GError **error)
{
  g_autofree char *rounding = attr (node, "rounding");

  self->rounding = g_strcmp0 (rounding, "exact") == 0 ? FW_ROUNDING_EXACT : FW_ROUNDING_ROUNDED;
  for (xmlNode *b = node->children; b; b = b->next)
    if (is_element (b, "band") && !parse_band (self, b, error))
      return FALSE;
  return TRUE;
}

/* expect: the min this range must have; set to the next one's. */
static gboolean
parse_range (FwFramework *self, xmlNode *r, guint *expect, GError **error)
{
  g_autofree char *rating = attr (r, "rating");
  FwRange *range = g_new0 (FwRange, 1);

  range->min = attr_uint (r, "min");
  range->max = attr_uint (r, "max");
  range->band = fw_framework_find_band (self, rating);
  g_ptr_array_add (self->ranges, range);
  if (range->band == NULL)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, r,
                 _("element range: rating: “%s” is not a band of this framework"), rating);
  if (range->min != *expect || range->max < range->min)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, r,
                 _("element range: ranges must run without gaps or overlaps from 0 (expected min %u, got %u–%u)"),
                 *expect, range->min, range->max);
  *expect = range->max + 1;
  return TRUE;
}

static gboolean
parse_totals (FwFramework *self, xmlNode *node, GError **error)
{
  guint expect = 0;

  self->ranges = g_ptr_array_new_with_free_func (g_free);
  self->total_provisional = attr_bool (node, "provisional", FALSE);
  for (xmlNode *r = node->children; r; r = r->next)
    if (is_element (r, "range") && !parse_range (self, r, &expect, error))
      return FALSE;
  return TRUE;
}

/* <strata attributes="gender disposal …">: attributes of this framework, each once. */
static gboolean
parse_strata (FwFramework *self, xmlNode *node, GError **error)
{
  g_autofree char *list = attr (node, "attributes");
  g_auto(GStrv) ids = g_strsplit_set (list ? list : "", " \t\r\n", -1);

  self->strata_provisional = attr_bool (node, "provisional", FALSE);
  for (guint i = 0; ids[i]; i++)
    {
      FwAttribute *attribute;

      if (*ids[i] == '\0')
        continue;
      if ((attribute = fw_framework_find_attribute (self, ids[i])) == NULL)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                     _("element strata: “%s” is not a case attribute of this framework"), ids[i]);
      if (g_ptr_array_find (self->strata, attribute, NULL))
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                     _("element strata: “%s” is listed twice"), ids[i]);
      g_ptr_array_add (self->strata, attribute);
    }
  return TRUE;
}

static gboolean
parse_sampling (FwFramework *self, xmlNode *node, GError **error)
{
  self->sampling_confidence = attr_uint (node, "confidence");
  self->sampling_margin = attr_uint (node, "margin");
  if (self->sampling_confidence == 0 || self->sampling_confidence >= 100 || self->sampling_margin == 0)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                 _("element sampling: confidence must be 1–99 and margin at least 1"));
  for (xmlNode *l = node->children; l; l = l->next)
    {
      g_autofree char *kind_id = NULL;
      FwKind *kind;

      if (is_element (l, "strata") && !parse_strata (self, l, error))
        return FALSE;
      if (!is_element (l, "limit"))
        continue;
      kind_id = attr (l, "kind");
      if ((kind = fw_framework_find_kind (self, kind_id)) == NULL)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, l,
                     _("element limit: “%s” is not a case kind of this framework"), kind_id);
      kind->has_limit = TRUE;
      kind->sample_min = attr_uint (l, "min");
      kind->sample_max = attr_uint (l, "max");
      if (kind->sample_min > kind->sample_max)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, l,
                     _("element limit: min %u is above max %u"), kind->sample_min, kind->sample_max);
    }
  return TRUE;
}

static gboolean
parse_prompt (FwFramework *self, FwQuestion *question, xmlNode *p, GError **error)
{
  FwPrompt *prompt = g_new0 (FwPrompt, 1);

  prompt->id = attr (p, "id");
  prompt->text = child_text_translated (self, p, "text");
  prompt->na_allowed = attr_bool (p, "na", TRUE) && self->offers_na;
  prompt->provisional = attr_bool (p, "provisional", FALSE);
  prompt->note_policy = attr_note_policy (p, question->note_policy);
  prompt->question = question;
  g_ptr_array_add (question->prompts, prompt);
  if (!add_item (self, p, prompt->id, prompt, error))
    return FALSE;
  g_hash_table_add (self->prompts, prompt);
  return TRUE;
}

/* Counts the question in n_answerable when it is answered per case. */
static gboolean
parse_question (FwFramework *self, FwStandard *standard, xmlNode *q,
                guint *n_answerable, GError **error)
{
  FwQuestion *question = g_new0 (FwQuestion, 1);

  question->id = attr (q, "id");
  question->text = child_text_translated (self, q, "text");
  question->guidance = attr_bool (q, "guidance", FALSE);
  question->na_allowed = attr_bool (q, "na", TRUE) && self->offers_na;
  question->provisional = attr_bool (q, "provisional", FALSE);
  question->note_policy = attr_note_policy (q, self->note_policy);
  question->informs = standard->rule == FW_RULE_INFORMS;
  question->prompts = g_ptr_array_new_with_free_func (_fw_prompt_free);
  question->standard = standard;
  question->index = -1;
  g_ptr_array_add (standard->questions, question);   /* owned by the standard from here on */
  if (!add_item (self, q, question->id, question, error))
    return FALSE;
  if (!parse_kinds_attr (self, q, &question->kinds, error))
    return FALSE;
  if (question->kinds == 0)
    question->kinds = standard->kinds;
  else if (standard->kinds != 0 && (question->kinds & ~standard->kinds) != 0)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, q,
                 _("element question: kinds: question %s names a kind its standard %s does not apply to"),
                 question->id, standard->id);
  if (question->kinds == 0)
    question->guidance = TRUE;
  if (!question->guidance)
    {
      question->index = self->questions->len;
      g_ptr_array_add (self->questions, question);
      (*n_answerable)++;
    }

  for (xmlNode *p = q->children; p; p = p->next)
    if (is_element (p, "prompt") && !parse_prompt (self, question, p, error))
      return FALSE;
  return TRUE;
}

/* ids: the standard ids seen so far. */
static gboolean
parse_standard (FwFramework *self, FwDomain *domain, xmlNode *s,
                GHashTable *ids, GError **error)
{
  g_autofree char *rule = attr (s, "rule");
  FwStandard *standard = g_new0 (FwStandard, 1);
  guint n_answerable = 0;

  standard->id = attr (s, "id");
  standard->title = child_text_translated (self, s, "title");
  standard->statement = child_text_translated (self, s, "statement");
  standard->stem = child_text_translated (self, s, "stem");
  standard->scored = attr_bool (s, "scored", TRUE);
  standard->provisional = attr_bool (s, "provisional", FALSE);
  standard->questions = g_ptr_array_new_with_free_func (_fw_question_free);
  standard->domain = domain;
  standard->index = self->standards->len;
  standard->rule = g_strcmp0 (rule, "pooled") == 0 ? FW_RULE_POOLED
                 : g_strcmp0 (rule, "judged") == 0 ? FW_RULE_JUDGED
                 : g_strcmp0 (rule, "informs") == 0 ? FW_RULE_INFORMS
                 : FW_RULE_LOWEST;
  if (standard->rule == FW_RULE_INFORMS)
    standard->scored = FALSE;
  g_ptr_array_add (self->standards, standard);
  g_ptr_array_add (domain->standards, standard);
  if (g_hash_table_contains (ids, standard->id))
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, s,
                 _("element standard: id “%s” is used twice"), standard->id);
  g_hash_table_add (ids, standard->id);
  if (!parse_kinds_attr (self, s, &standard->kinds, error))
    return FALSE;

  for (xmlNode *q = s->children; q; q = q->next)
    if (is_element (q, "question") && !parse_question (self, standard, q, &n_answerable, error))
      return FALSE;

  if (standard->rule != FW_RULE_JUDGED && n_answerable == 0)
    return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, s,
                 _("element standard: standard %s is rated from cases but has no key question "
                 "answered per case (give it kinds, or rule=\"judged\")"), standard->id);
  return TRUE;
}

static gboolean
parse_domain (FwFramework *self, xmlNode *d, GHashTable *ids, GError **error)
{
  FwDomain *domain = g_new0 (FwDomain, 1);

  domain->id = attr (d, "id");
  domain->title = child_text_translated (self, d, "title");
  domain->provisional = attr_bool (d, "provisional", FALSE);
  domain->standards = g_ptr_array_new ();
  g_ptr_array_add (self->domains, domain);

  for (xmlNode *s = d->children; s; s = s->next)
    if (is_element (s, "standard") && !parse_standard (self, domain, s, ids, error))
      return FALSE;
  return TRUE;
}

/* Key questions, standards and prompts share one id space. */
static gboolean
check_ids_shared (FwFramework *self, xmlNode *root, GError **error)
{
  for (guint i = 0; i < self->standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (self->standards, i);
      if (g_hash_table_contains (self->items, s->id))
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, root,
                     _("id “%s” names both a standard and a question"), s->id);
    }
  return TRUE;
}

/* The <framework> root element; the schema has made sure <kinds> and
 * <rating> are there. */
static gboolean
parse_framework (FwFramework *self, xmlNode *root, GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  xmlChar *lang;
  xmlNode *node;

  if (!check_uint_attrs (self->filename, root, error))
    return FALSE;
  self->id = attr (root, "id");
  self->version = attr_uint (root, "version");
  lang = xmlNodeGetLang (root);
  self->language = g_strdup ((const char *) lang);
  xmlFree (lang);
  self->provisional = attr_bool (root, "provisional", FALSE);
  self->note_policy = attr_note_policy (root, FW_NOTE_NO_OR_NA);
  self->title = child_text_translated (self, root, "title");
  self->publisher = child_text (root, "publisher");

  if (!parse_kinds (self, first_child (root, "kinds"), error)
      || !parse_answers (self, first_child (root, "answers"), error)
      || !parse_attributes (self, first_child (root, "attributes"), error)
      || !parse_bands (self, first_child (root, "rating"), error))
    return FALSE;
  if ((node = first_child (root, "total")) != NULL && !parse_totals (self, node, error))
    return FALSE;
  if ((node = first_child (root, "sampling")) != NULL && !parse_sampling (self, node, error))
    return FALSE;
  for (node = root->children; node; node = node->next)
    if (is_element (node, "domain") && !parse_domain (self, node, ids, error))
      return FALSE;
  return check_ids_shared (self, root, error);
}

/* ---------------------------------------------------------------- loading */

static void
ignore_generic_error (void *data, const char *format, ...)
{
}

static FwFramework *
too_large (const char *filename, goffset size, GError **error)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *most = g_format_size (FW_FRAMEWORK_MAX_SIZE);

  g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_TOO_LARGE,
               /* TRANSLATORS: "frameworks.xml: too large for a framework (100.0 MB; at most 4.0 MB)" */
               _("%s: too large for a framework (%s; at most %s)"), filename, have, most);
  return NULL;
}

FwFramework *
fw_framework_new_from_data (const char *data,
                            gsize       length,
                            const char *filename,
                            GError    **error)
{
  g_autoptr(FwFramework) self = NULL;
  ErrorCollector collector = { 0, };
  xmlParserCtxtPtr ctxt;
  xmlRelaxNGValidCtxtPtr valid;
  xmlDocPtr doc;
  xmlNode *root;
  int rc;

  filename = filename ? filename : "(framework)";
  collector.filename = filename;
  collector.message = g_string_new (NULL);

  if (length > FW_FRAMEWORK_MAX_SIZE)
    {
      g_string_free (collector.message, TRUE);
      return too_large (filename, length, error);
    }

  /* libxml2 prints encoding errors to stderr itself, on lines of their own,
   * whatever the parser's options (found by fuzzing): the error below says it */
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);

  /* No network, no DTD loading, no entity substitution. */
  ctxt = xmlNewParserCtxt ();
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, filename, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      xmlErrorPtr e = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = one_line (e && e->message ? e->message : "parse error");

      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_MALFORMED,
                   _("%s:%d: not well-formed XML: %s"), filename, e ? e->line : 0, msg);
      if (doc)
        xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      g_string_free (collector.message, TRUE);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      /* libxml2 keeps no line for the DOCTYPE node (xmlGetLineNo says -1) */
      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_MALFORMED,
                   _("%s:%d: a framework may not have a DOCTYPE"), filename,
                   line_of (data, length, "<!DOCTYPE"));
      xmlFreeDoc (doc);
      g_string_free (collector.message, TRUE);
      return NULL;
    }

  valid = xmlRelaxNGNewValidCtxt (get_schema ());
  xmlRelaxNGSetValidStructuredErrors (valid, collect_error, &collector);
  rc = xmlRelaxNGValidateDoc (valid, doc);
  xmlRelaxNGFreeValidCtxt (valid);
  if (rc != 0)
    {
      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_SCHEMA,
                   _("%s (does not match the framework schema)"),
                   collector.message->len ? collector.message->str : filename);
      xmlFreeDoc (doc);
      g_string_free (collector.message, TRUE);
      return NULL;
    }
  g_string_free (collector.message, TRUE);

  self = _fw_framework_new (filename);
  root = xmlDocGetRootElement (doc);
  if (!parse_framework (self, root, error))
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  xmlFreeDoc (doc);

  self->xml = g_strndup (data, length);
  self->xml_length = length;
  return g_steal_pointer (&self);
}

FwFramework *
fw_framework_new_from_file (const char *path,
                            GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  /* not read at all when too large */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > FW_FRAMEWORK_MAX_SIZE)
    return too_large (path, st.st_size, error);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return fw_framework_new_from_data (contents, length, path, error);
}
