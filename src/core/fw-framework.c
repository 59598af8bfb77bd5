/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/relaxng.h>

#include "fw-framework.h"
#include "fw-error.h"
#include "fw-core-resources.h"

#define FW_NS "urn:fieldwork:framework:1"
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
  GPtrArray  *bands;
  GPtrArray  *ranges;
  gboolean    total_provisional;
  GPtrArray  *domains;
  GPtrArray  *standards;
  GPtrArray  *questions;
  GHashTable *items;        /* id → FwQuestion* or FwPrompt* (see item_is_prompt) */
  GHashTable *prompts;      /* set of FwPrompt* */
};

/* ---------------------------------------------------------------- freeing */

static void
prompt_free (gpointer data)
{
  FwPrompt *p = data;
  g_free (p->id);
  g_free (p->text);
  g_free (p);
}

static void
question_free (gpointer data)
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
  g_clear_pointer (&self->bands, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_ptr_array_unref);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->standards, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->prompts, g_hash_table_unref);
  g_free (self);
}

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

static guint
attr_uint (xmlNode *node, const char *name)
{
  g_autofree char *value = attr (node, name);

  return value ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
}

/* ---------------------------------------------------------------- schema */

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
  msg = g_strstrip (g_strdup (error->message ? error->message : "error"));
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
                     "element %s: kinds: “%s” is not a case kind of this framework",
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
                 "element %s: id “%s” is used twice", (const char *) node->name, id);
  g_hash_table_insert (self->items, g_strdup (id), item);
  return TRUE;
}

static gboolean
build (FwFramework *self, xmlNode *root, GError **error)
{
  xmlNode *node;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  self->id = attr (root, "id");
  self->version = attr_uint (root, "version");
  {
    xmlChar *lang = xmlNodeGetLang (root);
    self->language = g_strdup ((const char *) lang);
    xmlFree (lang);
  }
  self->provisional = attr_bool (root, "provisional", FALSE);
  self->title = child_text_translated (self, root, "title");
  self->publisher = child_text (root, "publisher");

  /* kinds */
  for (xmlNode *k = first_child (root, "kinds")->children; k; k = k->next)
    {
      FwKind *kind;

      if (!is_element (k, "kind"))
        continue;
      kind = g_new0 (FwKind, 1);
      kind->id = attr (k, "id");
      kind->title = child_text_translated (self, k, "title");
      kind->index = self->kinds->len;
      g_ptr_array_add (self->kinds, kind);
      if (fw_framework_find_kind (self, kind->id) != kind)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, k,
                     "element kind: id “%s” is used twice", kind->id);
      if (self->kinds->len > 64)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, k,
                     "element kind: more than 64 case kinds");
    }

  /* answers */
  self->answer_titles[FW_ANSWER_YES] = g_strdup (C_("answer", "Yes"));
  self->answer_titles[FW_ANSWER_NO] = g_strdup (C_("answer", "No"));
  self->answer_titles[FW_ANSWER_NA] = g_strdup (C_("answer", "Not applicable"));
  self->offers_na = TRUE;
  if ((node = first_child (root, "answers")) != NULL)
    {
      gboolean seen[4] = { FALSE, };

      for (xmlNode *o = node->children; o; o = o->next)
        {
          g_autofree char *id = NULL;
          FwAnswer answer;

          if (!is_element (o, "option"))
            continue;
          id = attr (o, "id");
          fw_answer_from_string (id, &answer);
          if (seen[answer])
            return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, o,
                         "element option: answer “%s” is listed twice", id);
          seen[answer] = TRUE;
          g_free (self->answer_titles[answer]);
          self->answer_titles[answer] = child_text_translated (self, o, "title");
        }
      if (!seen[FW_ANSWER_YES] || !seen[FW_ANSWER_NO])
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, node,
                     "element answers: the options must include yes and no");
      self->offers_na = seen[FW_ANSWER_NA];
    }

  /* bands */
  node = first_child (root, "rating");
  {
    g_autofree char *rounding = attr (node, "rounding");
    self->rounding = g_strcmp0 (rounding, "exact") == 0 ? FW_ROUNDING_EXACT : FW_ROUNDING_ROUNDED;
  }
  for (xmlNode *b = node->children; b; b = b->next)
    {
      FwBand *band, *prev;

      if (!is_element (b, "band"))
        continue;
      band = g_new0 (FwBand, 1);
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
                     "element band: id “%s” is used twice", band->id);
      if (prev == NULL && band->min != 0)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, b,
                     "element band: min: the lowest band must start at 0, not %u", band->min);
      if (prev != NULL && band->min <= prev->min)
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, b,
                     "element band: min: bands must be listed lowest first with rising thresholds (%u after %u)",
                     band->min, prev->min);
    }

  /* total */
  if ((node = first_child (root, "total")) != NULL)
    {
      guint expect = 0;

      self->ranges = g_ptr_array_new_with_free_func (g_free);
      self->total_provisional = attr_bool (node, "provisional", FALSE);
      for (xmlNode *r = node->children; r; r = r->next)
        {
          g_autofree char *rating = NULL;
          FwRange *range;

          if (!is_element (r, "range"))
            continue;
          range = g_new0 (FwRange, 1);
          range->min = attr_uint (r, "min");
          range->max = attr_uint (r, "max");
          rating = attr (r, "rating");
          range->band = fw_framework_find_band (self, rating);
          g_ptr_array_add (self->ranges, range);
          if (range->band == NULL)
            return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, r,
                         "element range: rating: “%s” is not a band of this framework", rating);
          if (range->min != expect || range->max < range->min)
            return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, r,
                         "element range: ranges must run without gaps or overlaps from 0 (expected min %u, got %u–%u)",
                         expect, range->min, range->max);
          expect = range->max + 1;
        }
    }

  /* domains, standards, questions, prompts */
  for (xmlNode *d = root->children; d; d = d->next)
    {
      FwDomain *domain;

      if (!is_element (d, "domain"))
        continue;
      domain = g_new0 (FwDomain, 1);
      domain->id = attr (d, "id");
      domain->title = child_text_translated (self, d, "title");
      domain->provisional = attr_bool (d, "provisional", FALSE);
      domain->standards = g_ptr_array_new ();
      g_ptr_array_add (self->domains, domain);

      for (xmlNode *s = d->children; s; s = s->next)
        {
          g_autofree char *rule = NULL;
          FwStandard *standard;
          guint n_answerable = 0;

          if (!is_element (s, "standard"))
            continue;
          standard = g_new0 (FwStandard, 1);
          standard->id = attr (s, "id");
          standard->title = child_text_translated (self, s, "title");
          standard->statement = child_text_translated (self, s, "statement");
          standard->stem = child_text_translated (self, s, "stem");
          standard->scored = attr_bool (s, "scored", TRUE);
          standard->provisional = attr_bool (s, "provisional", FALSE);
          standard->questions = g_ptr_array_new_with_free_func (question_free);
          standard->domain = domain;
          standard->index = self->standards->len;
          rule = attr (s, "rule");
          standard->rule = g_strcmp0 (rule, "pooled") == 0 ? FW_RULE_POOLED
                         : g_strcmp0 (rule, "judged") == 0 ? FW_RULE_JUDGED
                         : FW_RULE_LOWEST;
          g_ptr_array_add (self->standards, standard);
          g_ptr_array_add (domain->standards, standard);
          if (g_hash_table_contains (ids, standard->id))
            return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, s,
                         "element standard: id “%s” is used twice", standard->id);
          g_hash_table_add (ids, standard->id);
          if (!parse_kinds_attr (self, s, &standard->kinds, error))
            return FALSE;

          for (xmlNode *q = s->children; q; q = q->next)
            {
              FwQuestion *question;

              if (!is_element (q, "question"))
                continue;
              question = g_new0 (FwQuestion, 1);
              question->id = attr (q, "id");
              question->text = child_text_translated (self, q, "text");
              question->guidance = attr_bool (q, "guidance", FALSE);
              question->na_allowed = attr_bool (q, "na", TRUE) && self->offers_na;
              question->provisional = attr_bool (q, "provisional", FALSE);
              question->prompts = g_ptr_array_new_with_free_func (prompt_free);
              question->standard = standard;
              question->index = -1;
              g_ptr_array_add (standard->questions, question);
              if (!add_item (self, q, question->id, question, error))
                {
                  /* owned by the standard from here on */
                  return FALSE;
                }
              if (!parse_kinds_attr (self, q, &question->kinds, error))
                return FALSE;
              if (question->kinds == 0)
                question->kinds = standard->kinds;
              else if (standard->kinds != 0 && (question->kinds & ~standard->kinds) != 0)
                return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, q,
                             "element question: kinds: question %s names a kind its standard %s does not apply to",
                             question->id, standard->id);
              if (question->kinds == 0)
                question->guidance = TRUE;
              if (!question->guidance)
                {
                  question->index = self->questions->len;
                  g_ptr_array_add (self->questions, question);
                  n_answerable++;
                }

              for (xmlNode *p = q->children; p; p = p->next)
                {
                  FwPrompt *prompt;

                  if (!is_element (p, "prompt"))
                    continue;
                  prompt = g_new0 (FwPrompt, 1);
                  prompt->id = attr (p, "id");
                  prompt->text = child_text_translated (self, p, "text");
                  prompt->na_allowed = attr_bool (p, "na", TRUE) && self->offers_na;
                  prompt->provisional = attr_bool (p, "provisional", FALSE);
                  prompt->question = question;
                  g_ptr_array_add (question->prompts, prompt);
                  if (!add_item (self, p, prompt->id, prompt, error))
                    return FALSE;
                  g_hash_table_add (self->prompts, prompt);
                }
            }

          if (standard->rule != FW_RULE_JUDGED && n_answerable == 0)
            return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, s,
                         "element standard: standard %s is rated from cases but has no key question "
                         "answered per case (give it kinds, or rule=\"judged\")", standard->id);
        }
    }

  /* key questions, standards and prompts share one id space */
  for (guint i = 0; i < self->standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (self->standards, i);
      if (g_hash_table_contains (self->items, s->id))
        return fail (error, FW_FRAMEWORK_ERROR_INVALID, self->filename, root,
                     "id “%s” names both a standard and a question", s->id);
    }

  return TRUE;
}

static FwFramework *
framework_alloc (const char *filename)
{
  FwFramework *self = g_new0 (FwFramework, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->filename = g_strdup (filename);
  self->kinds = g_ptr_array_new_with_free_func (kind_free);
  self->bands = g_ptr_array_new_with_free_func (band_free);
  self->domains = g_ptr_array_new_with_free_func (domain_free);
  self->standards = g_ptr_array_new_with_free_func (standard_free);
  self->questions = g_ptr_array_new ();
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->prompts = g_hash_table_new (NULL, NULL);
  return self;
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

  if (length > G_MAXINT)
    {
      fail (error, FW_FRAMEWORK_ERROR_IO, filename, NULL, "file too large");
      g_string_free (collector.message, TRUE);
      return NULL;
    }

  /* No network, no DTD loading, no entity substitution. */
  ctxt = xmlNewParserCtxt ();
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, filename, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      xmlErrorPtr e = xmlCtxtGetLastError (ctxt);

      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_MALFORMED,
                   "%s:%d: not well-formed XML: %s", filename, e ? e->line : 0,
                   e && e->message ? g_strstrip (e->message) : "parse error");
      if (doc)
        xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      g_string_free (collector.message, TRUE);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_MALFORMED,
                   "%s:%d: a framework may not have a DOCTYPE", filename,
                   doc->intSubset ? (int) xmlGetLineNo ((xmlNode *) doc->intSubset) : 1);
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
                   "%s (does not match the framework schema)",
                   collector.message->len ? collector.message->str : filename);
      xmlFreeDoc (doc);
      g_string_free (collector.message, TRUE);
      return NULL;
    }
  g_string_free (collector.message, TRUE);

  self = framework_alloc (filename);
  root = xmlDocGetRootElement (doc);
  if (!build (self, root, error))
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
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return fw_framework_new_from_data (contents, length, path, error);
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

/* ---------------------------------------------------------------- catalogue */

void
fw_framework_info_free (FwFrameworkInfo *info)
{
  g_free (info->id);
  g_free (info->title);
  g_free (info->origin);
  g_free (info);
}

static void
add_info (GPtrArray *list, FwFramework *fw, const char *origin)
{
  FwFrameworkInfo *info;

  for (guint i = 0; i < list->len; i++)
    {
      FwFrameworkInfo *other = g_ptr_array_index (list, i);
      if (strcmp (other->id, fw->id) == 0)
        return;   /* the first found wins: user's before system's before shipped */
    }
  info = g_new0 (FwFrameworkInfo, 1);
  info->id = g_strdup (fw->id);
  info->version = fw->version;
  info->title = g_strdup (fw->title);
  info->origin = g_strdup (origin);
  g_ptr_array_add (list, info);
}

static GPtrArray *
installed_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("FIELDWORK_FRAMEWORKS_DIR");
  const char * const *system = g_get_system_data_dirs ();

  if (env && *env)
    g_ptr_array_add (dirs, g_strdup (env));
  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "fieldwork", "frameworks", NULL));
  for (guint i = 0; system[i]; i++)
    g_ptr_array_add (dirs, g_build_filename (system[i], "fieldwork", "frameworks", NULL));
  return dirs;
}

/* Calls func on every framework that can be loaded, in priority order. */
static gboolean
foreach_available (gboolean (*func) (FwFramework *fw, const char *origin, gpointer data),
                   gpointer data)
{
  g_autoptr(GPtrArray) dirs = installed_dirs ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (g_ptr_array_index (dirs, i), 0, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (files, g_build_filename (g_ptr_array_index (dirs, i), name, NULL));
      g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
      for (guint j = 0; j < files->len; j++)
        {
          const char *path = g_ptr_array_index (files, j);
          g_autoptr(GError) error = NULL;
          g_autoptr(FwFramework) fw = fw_framework_new_from_file (path, &error);

          if (fw == NULL)
            {
              g_debug ("skipping %s: %s", path, error->message);
              continue;
            }
          if (func (fw, path, data))
            return TRUE;
        }
    }

  names = g_resource_enumerate_children (fw_core_get_resource (), FW_RESOURCE_DIR,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(FwFramework) fw = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *contents;

      if (!g_str_has_suffix (names[i], ".xml"))
        continue;
      path = g_strconcat (FW_RESOURCE_DIR, names[i], NULL);
      bytes = g_resource_lookup_data (fw_core_get_resource (), path, 0, NULL);
      contents = g_bytes_get_data (bytes, &length);
      fw = fw_framework_new_from_data (contents, length, names[i], &error);
      if (fw == NULL)
        {
          g_critical ("shipped framework %s: %s", names[i], error->message);
          continue;
        }
      if (func (fw, "shipped", data))
        return TRUE;
    }
  return FALSE;
}

static gboolean
collect_info (FwFramework *fw, const char *origin, gpointer data)
{
  add_info (data, fw, origin);
  return FALSE;
}

GPtrArray *
fw_framework_list_available (GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_framework_info_free);

  foreach_available (collect_info, list);
  return list;
}

typedef struct {
  const char  *id;
  FwFramework *found;
} FindData;

static gboolean
find_by_id (FwFramework *fw, const char *origin, gpointer data)
{
  FindData *find = data;

  if (strcmp (fw->id, find->id) != 0)
    return FALSE;
  find->found = fw_framework_ref (fw);
  return TRUE;
}

FwFramework *
fw_framework_load_available (const char *id,
                             GError    **error)
{
  FindData find = { id, NULL };

  foreach_available (find_by_id, &find);
  if (find.found == NULL)
    g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_NOT_FOUND,
                 "no framework with id “%s” (see “fieldwork-cli frameworks”)", id);
  return find.found;
}

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
