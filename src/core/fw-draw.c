/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-draw.h"
#include "fw-csv.h"
#include "fw-error.h"
#include "fw-sampling.h"
#include "fw-store-private.h"

G_DEFINE_QUARK (fw-draw-error-quark, fw_draw_error)

void
fw_draw_options_init (FwDrawOptions *options)
{
  memset (options, 0, sizeof *options);
  options->per_case_manager = FW_DRAW_PER_CASE_MANAGER;
  options->reserve = FW_DRAW_RESERVE;
}

static void
stratum_free (FwStratum *s)
{
  g_free (s->attribute);
  g_free (s->attribute_title);
  g_free (s->value);
  g_free (s->value_title);
  g_free (s);
}

static void
draw_kind_free (FwDrawKind *k)
{
  g_free (k->kind);
  g_free (k->kind_title);
  g_clear_pointer (&k->strata, g_ptr_array_unref);
  g_clear_pointer (&k->sample, g_ptr_array_unref);
  g_clear_pointer (&k->reserve, g_ptr_array_unref);
  g_free (k);
}

static void
exclusion_free (FwExclusion *e)
{
  g_free (e->reference);
  g_free (e->kind);
  g_free (e->reason);
  g_free (e);
}

static void
replacement_free (FwReplacement *r)
{
  g_free (r->reference);
  g_free (r->replaced_by);
  g_free (r->reason);
  g_free (r);
}

void
fw_draw_summary_free (FwDrawSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->inspection_id);
  g_free (summary->seed);
  g_free (summary->who);
  g_free (summary->at);
  g_clear_pointer (&summary->strata, g_ptr_array_unref);
  g_clear_pointer (&summary->kinds, g_ptr_array_unref);
  g_clear_pointer (&summary->exclusions, g_ptr_array_unref);
  g_clear_pointer (&summary->replacements, g_ptr_array_unref);
  g_free (summary);
}

/* ---------------------------------------------------------------- the population */

/* One case of the population as stored. */
typedef struct {
  char       *reference;
  char       *kind;
  char       *case_manager;
  char       *excluded;
  GHashTable *attributes;   /* id → value */
  /* while drawing */
  guint       order;        /* position in the seeded permutation */
  int        *values;       /* per strata attribute: index of its value */
  gboolean    selected;
} PopCase;

static void
pop_case_free (PopCase *c)
{
  g_free (c->reference);
  g_free (c->kind);
  g_free (c->case_manager);
  g_free (c->excluded);
  g_clear_pointer (&c->attributes, g_hash_table_unref);
  g_free (c->values);
  g_free (c);
}

static gboolean
step_done (FwStore *store, sqlite3_stmt *s, const char *what, GError **error)
{
  int rc = sqlite3_step (s);

  sqlite3_reset (s);
  return rc == SQLITE_DONE || fw_store_sql_error (store, error, what);
}

static int
compare_reference (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(PopCase * const *) a)->reference, (*(PopCase * const *) b)->reference);
}

/* The population by reference, in reference order. */
static GPtrArray *
load_population (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pop_case_free);
  g_autoptr(GHashTable) by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *s;
  int rc;

  s = fw_store_stmt (store, "SELECT reference, kind, case_manager, excluded FROM population"
                            " WHERE inspection_id = ?1 ORDER BY reference;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      PopCase *c = g_new0 (PopCase, 1);

      c->reference = fw_column_dup (s, 0);
      c->kind = fw_column_dup (s, 1);
      c->case_manager = fw_column_dup (s, 2);
      c->excluded = fw_column_dup (s, 3);
      c->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_ptr_array_add (list, c);
      g_hash_table_insert (by_ref, c->reference, c);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (store, error, "population");
      return NULL;
    }
  /* reference order by bytes, whatever SQLite's collation: a draw depends on it */
  g_ptr_array_sort (list, compare_reference);
  s = fw_store_stmt (store, "SELECT reference, attribute, value FROM population_attribute"
                            " WHERE inspection_id = ?1;", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      PopCase *c = g_hash_table_lookup (by_ref, sqlite3_column_text (s, 0));

      if (c)
        g_hash_table_insert (c->attributes, fw_column_dup (s, 1), fw_column_dup (s, 2));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (store, error, "population attributes");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Whether the inspection's sample is drawn. */
static gboolean
is_drawn (FwStore *store, const char *inspection_id, gboolean *drawn, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (store, "SELECT 1 FROM draw WHERE inspection_id = ?1;", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  *drawn = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fw_store_sql_error (store, error, "draw");
}

/* ---------------------------------------------------------------- import */

enum { COL_REFERENCE, COL_KIND, COL_CASE_MANAGER, COL_START_DATE, COL_EXCLUDED, N_BUILTIN };
static const char *builtin_columns[N_BUILTIN] = { "reference", "kind", "case_manager", "start_date", "excluded" };

static gboolean
row_error (GError **error, FwImportError code, FwCsv *csv, FwCsvRow *row, int field,
           const char *format, ...) G_GNUC_PRINTF (6, 7);

/* "file:line: column N “name”: message", on one line */
static gboolean
row_error (GError **error, FwImportError code, FwCsv *csv, FwCsvRow *row, int field,
           const char *format, ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (field >= 0)
    text = g_strdup_printf (_("%s:%u: column %d “%s”: %s"), csv->filename, row->line, field + 1,
                            csv->header->fields[field], msg);
  else
    text = g_strdup_printf ("%s:%u: %s", csv->filename, row->line, msg);
  g_strdelimit (text, "\r\n", ' ');
  g_set_error_literal (error, FW_IMPORT_ERROR, code, text);
  return FALSE;
}

typedef struct {
  FwCsv       *csv;
  FwFramework *fw;
  const char  *inspection_id;
  GPtrArray   *columns;     /* const char*: the column names we know */
  int         *positions;   /* per known column: its place in the file, -1 */
  guint        n_excluded;
} Import;

static char *
cell (FwCsvRow *row, int position)
{
  return g_strstrip (g_strdup (position >= 0 ? row->fields[position] : ""));
}

static gboolean
import_rows (FwStore *store, gpointer data, GError **error)
{
  Import *im = data;
  FwCsv *csv = im->csv;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *s;
  gboolean drawn;
  g_autofree char *summary = NULL;

  if (!fw_store_check_open (store, im->inspection_id, error)
      || !fw_store_check_role (store, im->inspection_id, FW_ROLE_LEAD, _("import the population"), error)
      || !is_drawn (store, im->inspection_id, &drawn, error))
    return FALSE;
  if (drawn)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_DRAWN,
                   _("%s: the sample is drawn already; the population it was drawn from stays as it was"),
                   csv->filename);
      return FALSE;
    }
  /* a new population replaces the old one whole */
  if ((s = fw_store_stmt (store, "DELETE FROM population_attribute WHERE inspection_id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
  if (!step_done (store, s, "population", error))
    return FALSE;
  if ((s = fw_store_stmt (store, "DELETE FROM population WHERE inspection_id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
  if (!step_done (store, s, "population", error))
    return FALSE;

  for (guint r = 0; r < csv->rows->len; r++)
    {
      FwCsvRow *row = g_ptr_array_index (csv->rows, r);
      g_autofree char *reference = cell (row, im->positions[COL_REFERENCE]);
      g_autofree char *kind = cell (row, im->positions[COL_KIND]);
      g_autofree char *case_manager = cell (row, im->positions[COL_CASE_MANAGER]);
      g_autofree char *start_date = cell (row, im->positions[COL_START_DATE]);
      g_autofree char *excluded = cell (row, im->positions[COL_EXCLUDED]);
      g_autoptr(GError) local_error = NULL;

      if (*reference == '\0')
        return row_error (error, FW_IMPORT_ERROR_EMPTY_VALUE, csv, row, im->positions[COL_REFERENCE],
                          _("the value is empty"));
      if (*kind == '\0')
        return row_error (error, FW_IMPORT_ERROR_EMPTY_VALUE, csv, row, im->positions[COL_KIND],
                          _("the value is empty"));
      if (g_hash_table_contains (seen, reference))
        return row_error (error, FW_IMPORT_ERROR_DUPLICATE, csv, row, im->positions[COL_REFERENCE],
                          _("case “%s” appears twice in the file (first on line %u)"), reference,
                          GPOINTER_TO_UINT (g_hash_table_lookup (seen, reference)));
      g_hash_table_insert (seen, g_strdup (reference), GUINT_TO_POINTER (row->line));
      if (fw_framework_find_kind (im->fw, kind) == NULL)
        {
          g_autofree char *kinds = fw_framework_describe_kinds (im->fw, G_MAXUINT64);
          return row_error (error, FW_IMPORT_ERROR_UNKNOWN_KIND, csv, row, im->positions[COL_KIND],
                            _("“%s” is not a case kind of framework %s (expected one of %s)"),
                            kind, fw_framework_get_id (im->fw), kinds);
        }
      if (*start_date != '\0' && !fw_validate_date (start_date, &local_error))
        return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, im->positions[COL_START_DATE],
                          "%s", local_error->message);

      s = fw_store_stmt (store, "INSERT INTO population (inspection_id, reference, kind, case_manager,"
                                " start_date, excluded, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 3, kind, -1, SQLITE_TRANSIENT);
      if (*case_manager)
        sqlite3_bind_text (s, 4, case_manager, -1, SQLITE_TRANSIENT);
      if (*start_date)
        sqlite3_bind_text (s, 5, start_date, -1, SQLITE_TRANSIENT);
      if (*excluded)
        {
          sqlite3_bind_text (s, 6, excluded, -1, SQLITE_TRANSIENT);
          im->n_excluded++;
        }
      sqlite3_bind_int (s, 7, row->line);
      if (!step_done (store, s, "population", error))
        return FALSE;

      for (guint c = N_BUILTIN; c < im->columns->len; c++)
        {
          const char *id = g_ptr_array_index (im->columns, c);
          FwAttribute *attribute = fw_framework_find_attribute (im->fw, id);
          g_autofree char *value = cell (row, im->positions[c]);
          const char *match;

          if (*value == '\0')
            continue;
          if ((match = fw_attribute_match_value (attribute, value)) == NULL)
            {
              g_autofree char *known = fw_attribute_describe_values (attribute);
              return row_error (error, FW_IMPORT_ERROR_BAD_VALUE, csv, row, im->positions[c],
                                _("“%s” is not a value of %s (expected one of %s)"), value, id, known);
            }
          s = fw_store_stmt (store, "INSERT INTO population_attribute (inspection_id, reference, attribute,"
                                    " value) VALUES (?1, ?2, ?3, ?4);", error);
          if (s == NULL)
            return FALSE;
          sqlite3_bind_text (s, 1, im->inspection_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (s, 2, reference, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (s, 3, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (s, 4, match, -1, SQLITE_TRANSIENT);
          if (!step_done (store, s, "population", error))
            return FALSE;
        }
    }
  summary = g_strdup_printf ("%u cases, %u excluded", csv->rows->len, im->n_excluded);
  return fw_store_audit (store, im->inspection_id, NULL, NULL, "population", NULL, summary, NULL, NULL,
                         NULL, error);
}

gboolean
fw_population_import_data (FwStore *store, const char *inspection_id, const char *data, gsize length,
                           const char *filename, guint *n_rows, GError **error)
{
  g_autoptr(FwCsv) csv = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autofree int *positions = NULL;
  GPtrArray *attributes;
  Import im = { 0, };
  GStrv header;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  if (n_rows)
    *n_rows = 0;
  if ((csv = fw_csv_parse (data, length, filename, error)) == NULL
      || (fw = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return FALSE;

  /* the built-in columns, then the framework's attributes (one called like
   * a built-in column, such as case_manager, is that column) */
  for (guint i = 0; i < N_BUILTIN; i++)
    g_ptr_array_add (columns, (gpointer) builtin_columns[i]);
  attributes = fw_framework_get_attributes (fw);
  for (guint i = 0; i < attributes->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      gboolean builtin = FALSE;

      for (guint b = 0; b < N_BUILTIN; b++)
        builtin |= strcmp (attribute->id, builtin_columns[b]) == 0;
      if (!builtin)
        g_ptr_array_add (columns, attribute->id);
    }
  positions = g_new (int, columns->len);
  for (guint c = 0; c < columns->len; c++)
    positions[c] = -1;
  header = csv->header->fields;
  for (guint i = 0; header[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[i]));
      guint c;

      for (c = 0; c < columns->len; c++)
        if (strcmp (name, g_ptr_array_index (columns, c)) == 0)
          break;
      if (c == columns->len)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint k = 0; k < columns->len; k++)
            g_string_append_printf (known, "%s%s", k ? ", " : "", (const char *) g_ptr_array_index (columns, k));
          return row_error (error, FW_IMPORT_ERROR_UNKNOWN_COLUMN, csv, csv->header, i,
                            _("unknown column (the columns are %s)"), known->str);
        }
      if (positions[c] >= 0)
        return row_error (error, FW_IMPORT_ERROR_DUPLICATE_COLUMN, csv, csv->header, i,
                          _("the column appears twice (first as column %d)"), positions[c] + 1);
      positions[c] = i;
    }
  for (guint c = COL_REFERENCE; c <= COL_KIND; c++)
    if (positions[c] < 0)
      return row_error (error, FW_IMPORT_ERROR_MISSING_COLUMN, csv, csv->header, -1,
                        _("the required column “%s” is missing"), builtin_columns[c]);
  if (csv->rows->len == 0)
    return row_error (error, FW_IMPORT_ERROR_NO_ROWS, csv, csv->header, -1, _("the file lists no cases"));

  im.csv = csv;
  im.fw = fw;
  im.inspection_id = inspection_id;
  im.columns = columns;
  im.positions = positions;
  if (!fw_store_write (store, import_rows, &im, error))
    return FALSE;
  if (n_rows)
    *n_rows = csv->rows->len;
  return TRUE;
}

gboolean
fw_population_import (FwStore *store, const char *inspection_id, const char *path, guint *n_rows,
                      GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, FW_CSV_ERROR, FW_CSV_ERROR_IO, local_error->message);
      return FALSE;
    }
  return fw_population_import_data (store, inspection_id, contents, length, path, n_rows, error);
}

/* ---------------------------------------------------------------- random numbers */

/* splitmix64: small, and the same on every platform and GLib version, so
 * a recorded seed draws the same sample anywhere. */
typedef struct { guint64 state; } Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, bound), without modulo bias. */
static guint64
rng_below (Rng *rng, guint64 bound)
{
  guint64 limit = G_MAXUINT64 - G_MAXUINT64 % bound, x;

  do
    x = rng_next (rng);
  while (x >= limit);
  return x % bound;
}

/* Each kind draws from its own stream: SHA-256 of the seed and the kind. */
static void
rng_init (Rng *rng, const char *seed, const char *kind)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) seed, strlen (seed) + 1);
  g_checksum_update (sum, (const guchar *) kind, strlen (kind));
  g_checksum_get_digest (sum, digest, &len);
  rng->state = 0;
  for (guint i = 0; i < 8; i++)
    rng->state = rng->state << 8 | digest[i];
}

/* ---------------------------------------------------------------- allocation */

/* Per strata attribute: its values among the eligible cases of one kind. */
typedef struct {
  GPtrArray *values;   /* char*, "" for not recorded */
  guint     *population;
  guint     *count;    /* in the sample */
  double    *quota;
  guint     *target;   /* largest remainder */
} Margin;

static void
margin_clear (Margin *m)
{
  g_clear_pointer (&m->values, g_ptr_array_unref);
  g_free (m->population);
  g_free (m->count);
  g_free (m->quota);
  g_free (m->target);
}

/* The order values are shown in: a closed list's order, then the others
 * alphabetically, "not recorded" last. */
static int
value_rank (FwAttribute *attribute, const char *value)
{
  if (*value == '\0')
    return G_MAXINT;
  for (guint i = 0; i < attribute->values->len; i++)
    if (strcmp (((FwAttributeValue *) g_ptr_array_index (attribute->values, i))->id, value) == 0)
      return i;
  return G_MAXINT - 1;
}

static FwAttribute *sort_attribute;

static int
compare_values (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char **) a, *y = *(const char **) b;
  int rx = value_rank (sort_attribute, x), ry = value_rank (sort_attribute, y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return strcmp (x, y);
}

static const char *
case_value (PopCase *c, FwAttribute *attribute)
{
  const char *v = g_hash_table_lookup (c->attributes, attribute->id);

  if (v == NULL && strcmp (attribute->id, "case_manager") == 0)
    v = c->case_manager;
  return v ? v : "";
}

/* Builds the margins of the strata over these cases, and each case's value indexes. */
static Margin *
margins_new (GPtrArray *strata, GPtrArray *cases)
{
  Margin *m = g_new0 (Margin, MAX (strata->len, 1));

  for (guint a = 0; a < strata->len; a++)
    {
      FwAttribute *attribute = g_ptr_array_index (strata, a);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      m[a].values = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < cases->len; i++)
        {
          const char *v = case_value (g_ptr_array_index (cases, i), attribute);

          if (!g_hash_table_contains (seen, v))
            {
              g_hash_table_add (seen, (gpointer) v);
              g_ptr_array_add (m[a].values, g_strdup (v));
            }
        }
      sort_attribute = attribute;
      g_ptr_array_sort (m[a].values, compare_values);
      m[a].population = g_new0 (guint, m[a].values->len + 1);
      m[a].count = g_new0 (guint, m[a].values->len + 1);
      m[a].quota = g_new0 (double, m[a].values->len + 1);
      m[a].target = g_new0 (guint, m[a].values->len + 1);
    }
  for (guint i = 0; i < cases->len; i++)
    {
      PopCase *c = g_ptr_array_index (cases, i);

      g_free (c->values);
      c->values = g_new0 (int, MAX (strata->len, 1));
      for (guint a = 0; a < strata->len; a++)
        {
          const char *v = case_value (c, g_ptr_array_index (strata, a));
          guint index = 0;

          while (strcmp (g_ptr_array_index (m[a].values, index), v) != 0)
            index++;
          c->values[a] = index;
          m[a].population[index]++;
        }
    }
  return m;
}

/* Quotas and largest-remainder targets for a sample of n out of eligible. */
static void
margins_allocate (Margin *m, guint n_strata, guint n, guint eligible)
{
  for (guint a = 0; a < n_strata; a++)
    {
      guint len = m[a].values->len, given = 0;

      for (guint v = 0; v < len; v++)
        {
          /* exact in integers: floor (n × P ÷ N) */
          m[a].target[v] = (guint) ((guint64) n * m[a].population[v] / eligible);
          m[a].quota[v] = (double) n * m[a].population[v] / eligible;
          given += m[a].target[v];
        }
      /* the remaining cases to the largest remainders (n × P mod N), one
       * each, ties to the larger stratum, then the first */
      {
        g_autofree gboolean *bumped = g_new0 (gboolean, len + 1);

        while (given < n)
          {
            int best = -1;
            guint64 best_rem = 0;

            for (guint v = 0; v < len; v++)
              {
                guint64 rem = (guint64) n * m[a].population[v] % eligible;

                if (bumped[v] || rem == 0)
                  continue;
                if (best < 0 || rem > best_rem
                    || (rem == best_rem && m[a].population[v] > m[a].population[best]))
                  {
                    best = v;
                    best_rem = rem;
                  }
              }
            if (best < 0)
              break;
            m[a].target[best]++;
            bumped[best] = TRUE;
            given++;
          }
      }
    }
}

static guint
floor_quota (Margin *m, guint v)
{
  return (guint) floor (m->quota[v] + 1e-9);
}

static guint
ceil_quota (Margin *m, guint v)
{
  return (guint) ceil (m->quota[v] - 1e-9);
}

/* How far a count is from its stratum's share: outside [⌊q⌋, ⌈q⌉] weighs
 * far more than away from the largest-remainder target. */
static guint
cost (Margin *m, guint v, int count)
{
  int lo = floor_quota (m, v), hi = ceil_quota (m, v), t = m->target[v];
  int out = count < lo ? lo - count : count > hi ? count - hi : 0;

  return 1000 * out + ABS (count - t);
}

typedef struct {
  GHashTable *per_manager;   /* case manager → cases in the sample */
  guint       cap;
} Cap;

static gboolean
cap_allows (Cap *cap, PopCase *c, PopCase *leaving)
{
  guint n;

  if (cap->cap == 0 || c->case_manager == NULL || *c->case_manager == '\0')
    return TRUE;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (cap->per_manager, c->case_manager));
  if (leaving && g_strcmp0 (leaving->case_manager, c->case_manager) == 0)
    n--;
  return n < cap->cap;
}

static void
cap_add (Cap *cap, PopCase *c, int delta)
{
  guint n;

  if (c->case_manager == NULL || *c->case_manager == '\0')
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (cap->per_manager, c->case_manager));
  g_hash_table_insert (cap->per_manager, c->case_manager, GUINT_TO_POINTER (n + delta));
}

static void
select_case (PopCase *c, Margin *m, guint n_strata, Cap *cap, gboolean in)
{
  c->selected = in;
  cap_add (cap, c, in ? 1 : -1);
  for (guint a = 0; a < n_strata; a++)
    m[a].count[c->values[a]] += in ? 1 : -1;
}

/* Draws n of the cases (already in their seeded order): first walks the
 * order taking cases that keep every stratum within its largest-remainder
 * target, then within its rounded-up share, then any the cap allows; then
 * swaps a drawn case for an undrawn one while that brings the strata
 * closer to proportional. Returns how many were drawn. */
static guint
allocate (GPtrArray *order, GPtrArray *strata, Margin *m, guint n, Cap *cap)
{
  guint n_strata = strata->len, drawn = 0;

  for (guint pass = 0; pass < 3 && drawn < n; pass++)
    for (guint i = 0; i < order->len && drawn < n; i++)
      {
        PopCase *c = g_ptr_array_index (order, i);
        gboolean fits = !c->selected && cap_allows (cap, c, NULL);

        for (guint a = 0; a < n_strata && fits && pass < 2; a++)
          {
            guint v = c->values[a];
            fits = m[a].count[v] < (pass == 0 ? m[a].target[v] : ceil_quota (&m[a], v));
          }
        if (fits)
          {
            select_case (c, m, n_strata, cap, TRUE);
            drawn++;
          }
      }

  for (guint round = 0; round < 10000; round++)
    {
      gboolean swapped = FALSE;

      for (guint i = order->len; i-- > 0 && !swapped;)
        {
          PopCase *out = g_ptr_array_index (order, i);

          if (!out->selected)
            continue;
          for (guint j = 0; j < order->len && !swapped; j++)
            {
              PopCase *in = g_ptr_array_index (order, j);
              int delta = 0;

              if (in->selected || !cap_allows (cap, in, out))
                continue;
              for (guint a = 0; a < n_strata; a++)
                {
                  guint vo = out->values[a], vi = in->values[a];

                  if (vo == vi)
                    continue;
                  delta += (int) cost (&m[a], vo, m[a].count[vo] - 1) - (int) cost (&m[a], vo, m[a].count[vo]);
                  delta += (int) cost (&m[a], vi, m[a].count[vi] + 1) - (int) cost (&m[a], vi, m[a].count[vi]);
                }
              if (delta < 0)
                {
                  select_case (out, m, n_strata, cap, FALSE);
                  select_case (in, m, n_strata, cap, TRUE);
                  swapped = TRUE;
                }
            }
        }
      if (!swapped)
        break;
    }
  return drawn;
}

/* ---------------------------------------------------------------- the draw */

typedef struct {
  const char          *inspection_id;
  const FwDrawOptions *options;
  char                *seed;
  guint                confidence, margin;
} Draw;

static gboolean
count_cases (FwStore *store, const char *inspection_id, guint *n, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (store, "SELECT count(*) FROM kase WHERE inspection_id = ?1;", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  *n = sqlite3_step (s) == SQLITE_ROW ? sqlite3_column_int (s, 0) : 0;
  sqlite3_reset (s);
  return TRUE;
}

static gboolean
insert_draw_case (FwStore *store, const char *inspection_id, PopCase *c, guint position, const char *role,
                  GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (store, "INSERT INTO draw_case (inspection_id, reference, kind, position, role)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5);", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, c->reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, c->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 4, position);
  sqlite3_bind_text (s, 5, role, -1, SQLITE_STATIC);
  return step_done (store, s, "draw", error);
}

/* The case as the inspection's: its kind and the framework's attributes. */
static char *
add_drawn_case (FwStore *store, FwFramework *fw, const char *inspection_id, PopCase *c, GError **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  GPtrArray *attributes = fw_framework_get_attributes (fw);

  g_ptr_array_add (fields, (gpointer) FW_CASE_FIELD_KIND);
  g_ptr_array_add (fields, c->kind);
  for (guint i = 0; i < attributes->len; i++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, i);
      const char *value = case_value (c, attribute);

      if (*value == '\0')
        continue;
      g_ptr_array_add (fields, attribute->id);
      g_ptr_array_add (fields, (gpointer) value);
    }
  g_ptr_array_add (fields, NULL);
  return fw_store_add_case (store, inspection_id, c->reference, (const char * const *) fields->pdata, error);
}

static gboolean
draw_write (FwStore *store, gpointer data, GError **error)
{
  Draw *d = data;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GPtrArray) population = NULL;
  g_autoptr(GHashTable) per_manager = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *at = fw_now_iso8601 ();
  g_autofree char *options = NULL;
  GPtrArray *kinds, *strata;
  const char *who;
  Cap cap = { per_manager, d->options->per_case_manager };
  guint n_cases, eligible_total = 0;
  gboolean drawn;
  sqlite3_stmt *s;

  if (!fw_store_check_open (store, d->inspection_id, error)
      || !fw_store_check_role (store, d->inspection_id, FW_ROLE_LEAD, _("draw the sample"), error)
      || (fw = fw_store_load_framework (store, d->inspection_id, error)) == NULL
      || !is_drawn (store, d->inspection_id, &drawn, error)
      || !count_cases (store, d->inspection_id, &n_cases, error)
      || (population = load_population (store, d->inspection_id, error)) == NULL)
    return FALSE;
  if (drawn)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_DRAWN,
                   _("the sample of this inspection is drawn already (replace cases one by one instead)"));
      return FALSE;
    }
  if (n_cases > 0)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_HAS_CASES,
                   _("the inspection has %u cases already; a sample is drawn only into an inspection with none"),
                   n_cases);
      return FALSE;
    }
  for (guint i = 0; i < population->len; i++)
    if (((PopCase *) g_ptr_array_index (population, i))->excluded == NULL)
      eligible_total++;
  if (eligible_total == 0)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_NO_POPULATION,
                   population->len ? _("every case of the population is excluded")
                                   : _("no population to draw from (import one with import-population)"));
      return FALSE;
    }

  fw_store_role_for (store, d->inspection_id, &who);
  s = fw_store_stmt (store, "INSERT INTO draw (inspection_id, seed, per_case_manager, reserve, confidence,"
                            " margin, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, d->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, d->seed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 3, d->options->per_case_manager);
  sqlite3_bind_int (s, 4, d->options->reserve);
  sqlite3_bind_int (s, 5, d->confidence);
  sqlite3_bind_int (s, 6, d->margin);
  sqlite3_bind_text (s, 7, who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 8, at, -1, SQLITE_TRANSIENT);
  if (!step_done (store, s, "draw", error))
    return FALSE;

  kinds = fw_framework_get_kinds (fw);
  strata = fw_framework_get_strata (fw, NULL);
  for (guint k = 0; k < kinds->len; k++)
    {
      FwKind *kind = g_ptr_array_index (kinds, k);
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      Margin *m;
      Rng rng;
      guint n, got, position = 0, reserve = 0;

      for (guint i = 0; i < population->len; i++)
        {
          PopCase *c = g_ptr_array_index (population, i);

          if (c->excluded == NULL && strcmp (c->kind, kind->id) == 0)
            g_ptr_array_add (order, c);
        }
      if (order->len == 0)
        continue;
      /* Fisher–Yates over the cases in reference order */
      rng_init (&rng, d->seed, kind->id);
      for (guint i = order->len - 1; i > 0; i--)
        {
          guint j = rng_below (&rng, i + 1);
          gpointer t = order->pdata[i];

          order->pdata[i] = order->pdata[j];
          order->pdata[j] = t;
        }
      for (guint i = 0; i < order->len; i++)
        ((PopCase *) g_ptr_array_index (order, i))->order = i;

      n = fw_sample_size_for_kind (order->len, d->confidence, d->margin, kind);
      m = margins_new (strata, order);
      margins_allocate (m, strata->len, n, order->len);
      got = allocate (order, strata, m, n, &cap);
      for (guint a = 0; a < strata->len; a++)
        margin_clear (&m[a]);
      g_free (m);
      if (got < n)
        {
          g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_CAP,
                       _("at most %u cases per case manager leaves only %u of the %u %s cases to draw; "
                         "allow more per case manager"), cap.cap, got, n, kind->id);
          return FALSE;
        }

      for (guint i = 0; i < order->len; i++)
        {
          PopCase *c = g_ptr_array_index (order, i);
          g_autofree char *id = NULL;

          if (c->selected)
            {
              if (!insert_draw_case (store, d->inspection_id, c, ++position, "sample", error)
                  || (id = add_drawn_case (store, fw, d->inspection_id, c, error)) == NULL)
                return FALSE;
            }
          else if (reserve < d->options->reserve
                   && !insert_draw_case (store, d->inspection_id, c, ++reserve, "reserve", error))
            return FALSE;
        }
    }
  options = g_strdup_printf ("per-case-manager %u, reserve %u, confidence %u, margin %u",
                             d->options->per_case_manager, d->options->reserve, d->confidence, d->margin);
  return fw_store_audit (store, d->inspection_id, NULL, NULL, "draw", NULL, d->seed, NULL, options, NULL, error);
}

static void
resolve_sampling (FwFramework *fw, guint confidence, guint margin, guint *c, guint *m)
{
  guint fc = 80, fm = 5;

  fw_framework_get_sampling (fw, &fc, &fm);
  *c = confidence ? confidence : fc;
  *m = margin ? margin : fm;
}

FwDrawSummary *
fw_draw_sample (FwStore *store, const char *inspection_id, const FwDrawOptions *options, GError **error)
{
  g_autoptr(FwFramework) fw = NULL;
  Draw d = { inspection_id, options, NULL, 0, 0 };
  FwDrawOptions defaults;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  if (options == NULL)
    {
      fw_draw_options_init (&defaults);
      d.options = &defaults;
    }
  if ((fw = fw_store_load_framework (store, inspection_id, error)) == NULL)
    return NULL;
  resolve_sampling (fw, d.options->confidence, d.options->margin, &d.confidence, &d.margin);
  if (d.confidence >= 100 || d.margin >= 100)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_INVALID,
                   _("the confidence and the margin are whole percents from 1 to 99"));
      return NULL;
    }
  if (d.options->seed && *d.options->seed)
    d.seed = g_strdup (d.options->seed);
  else
    d.seed = g_strdup_printf ("%u%06u", g_random_int_range (100000, 1000000), g_random_int_range (0, 1000000));
  if (!fw_store_write (store, draw_write, &d, error))
    {
      g_free (d.seed);
      return NULL;
    }
  g_free (d.seed);
  return fw_draw_summarize (store, inspection_id, 0, 0, error);
}

/* ---------------------------------------------------------------- replacing a case */

typedef struct {
  const char *inspection_id;
  const char *reference;
  const char *reason;
  char       *replaced_by;
} Replace;

static gboolean
has_work (FwStore *store, const char *case_id, gboolean *work, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (store,
    "SELECT (SELECT count(*) FROM answer WHERE case_id = ?1) + (SELECT count(*) FROM note_draft WHERE case_id = ?1)"
    " + (SELECT count(*) FROM review_comment WHERE case_id = ?1);", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, case_id, -1, SQLITE_TRANSIENT);
  *work = sqlite3_step (s) == SQLITE_ROW && sqlite3_column_int (s, 0) > 0;
  sqlite3_reset (s);
  return TRUE;
}

static gboolean
exec_bound (FwStore *store, const char *sql, const char *a, const char *b, const char *c, GError **error)
{
  sqlite3_stmt *s = fw_store_stmt (store, sql, error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, b, -1, SQLITE_TRANSIENT);
  if (c)
    sqlite3_bind_text (s, 3, c, -1, SQLITE_TRANSIENT);
  return step_done (store, s, "replace", error);
}

static gboolean
replace_write (FwStore *store, gpointer data, GError **error)
{
  Replace *r = data;
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GPtrArray) population = NULL;
  g_autoptr(FwCase) old_case = NULL;
  g_autoptr(GHashTable) per_manager = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) reserve = g_ptr_array_new ();
  g_autofree char *kind = NULL;
  g_autofree char *role = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(GHashTable) by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  PopCase *old = NULL, *chosen = NULL;
  GPtrArray *strata;
  gboolean work;
  guint cap_n = 0;
  Cap cap;
  sqlite3_stmt *s;
  int rc;

  if (!fw_store_check_open (store, r->inspection_id, error)
      || !fw_store_check_role (store, r->inspection_id, FW_ROLE_LEAD, _("replace a drawn case"), error)
      || (fw = fw_store_load_framework (store, r->inspection_id, error)) == NULL)
    return FALSE;
  if (r->reason == NULL || *r->reason == '\0')
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_INVALID, _("replacing a drawn case needs a reason"));
      return FALSE;
    }
  if ((s = fw_store_stmt (store, "SELECT kind, role FROM draw_case WHERE inspection_id = ?1 AND reference = ?2;",
                          error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, r->inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 2, r->reference, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      kind = fw_column_dup (s, 0);
      role = fw_column_dup (s, 1);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fw_store_sql_error (store, error, "replace");
  if (role == NULL || strcmp (role, "sample") != 0)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_NOT_DRAWN,
                   _("“%s” is not a case of the drawn sample"), r->reference);
      return FALSE;
    }
  if ((old_case = fw_store_find_case (store, r->inspection_id, r->reference, error)) == NULL
      || !has_work (store, old_case->id, &work, error))
    return FALSE;
  if (work || g_strcmp0 (old_case->status, fw_case_status_to_string (FW_CASE_NOT_STARTED)) != 0)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_STARTED,
                   _("case “%s” has work on it (answers, notes or a status); only a case not started is replaced"),
                   r->reference);
      return FALSE;
    }

  if ((population = load_population (store, r->inspection_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < population->len; i++)
    g_hash_table_insert (by_ref, ((PopCase *) g_ptr_array_index (population, i))->reference,
                         g_ptr_array_index (population, i));
  old = g_hash_table_lookup (by_ref, r->reference);
  if (old == NULL)
    return fw_store_sql_error (store, error, "replace: not in the population");

  /* the sample's case managers now, and the unused reserve in drawn order */
  if ((s = fw_store_stmt (store, "SELECT reference, role, kind FROM draw_case WHERE inspection_id = ?1"
                                 " ORDER BY position;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, r->inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *row_role = (const char *) sqlite3_column_text (s, 1);
      PopCase *c = g_hash_table_lookup (by_ref, sqlite3_column_text (s, 0));

      if (c == NULL)
        continue;
      if (strcmp (row_role, "sample") == 0)
        {
          if (c->case_manager && *c->case_manager)
            g_hash_table_insert (per_manager, c->case_manager,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_manager, c->case_manager)) + 1));
        }
      else if (strcmp (row_role, "reserve") == 0 && strcmp ((const char *) sqlite3_column_text (s, 2), kind) == 0)
        g_ptr_array_add (reserve, c);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return fw_store_sql_error (store, error, "replace");
  if ((s = fw_store_stmt (store, "SELECT per_case_manager FROM draw WHERE inspection_id = ?1;", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, r->inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    cap_n = sqlite3_column_int (s, 0);
  sqlite3_reset (s);
  cap.per_manager = per_manager;
  cap.cap = cap_n;

  /* the first reserve with the same strata values, else the first the cap allows */
  strata = fw_framework_get_strata (fw, NULL);
  for (guint pass = 0; pass < 2 && chosen == NULL; pass++)
    for (guint i = 0; i < reserve->len && chosen == NULL; i++)
      {
        PopCase *c = g_ptr_array_index (reserve, i);
        gboolean same = TRUE;

        for (guint a = 0; a < strata->len && pass == 0; a++)
          same &= strcmp (case_value (c, g_ptr_array_index (strata, a)),
                          case_value (old, g_ptr_array_index (strata, a))) == 0;
        if (same && cap_allows (&cap, c, old))
          chosen = c;
      }
  if (chosen == NULL)
    {
      g_set_error (error, FW_DRAW_ERROR, FW_DRAW_ERROR_NO_RESERVE,
                   _("no reserve case of this kind is left that can take the place of “%s”"), r->reference);
      return FALSE;
    }

  /* the old case leaves the inspection (it has nothing but its attributes) */
  if (!exec_bound (store, "DELETE FROM case_attribute WHERE case_id = ?1 AND ?2 IS NOT NULL;",
                   old_case->id, "x", NULL, error)
      || !exec_bound (store, "DELETE FROM kase WHERE id = ?1 AND inspection_id = ?2;",
                      old_case->id, r->inspection_id, NULL, error)
      || !exec_bound (store, "UPDATE draw_case SET role = 'replaced', reason = ?3"
                             " WHERE inspection_id = ?1 AND reference = ?2;",
                      r->inspection_id, r->reference, r->reason, error)
      || !exec_bound (store, "UPDATE draw_case SET role = 'sample', replaces = ?3"
                             " WHERE inspection_id = ?1 AND reference = ?2;",
                      r->inspection_id, chosen->reference, r->reference, error)
      || (new_id = add_drawn_case (store, fw, r->inspection_id, chosen, error)) == NULL
      || !fw_store_audit (store, r->inspection_id, new_id, NULL, "replace", r->reference, chosen->reference,
                          NULL, NULL, r->reason, error))
    return FALSE;
  r->replaced_by = g_strdup (chosen->reference);
  return TRUE;
}

char *
fw_draw_replace_case (FwStore *store, const char *inspection_id, const char *reference, const char *reason,
                      GError **error)
{
  Replace r = { inspection_id, reference, reason, NULL };

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  if (!fw_store_write (store, replace_write, &r, error))
    {
      g_free (r.replaced_by);
      return NULL;
    }
  return r.replaced_by;
}

/* ---------------------------------------------------------------- the summary */

FwDrawSummary *
fw_draw_summarize (FwStore *store, const char *inspection_id, guint confidence, guint margin, GError **error)
{
  g_autoptr(FwDrawSummary) summary = g_new0 (FwDrawSummary, 1);
  g_autoptr(FwFramework) fw = NULL;
  g_autoptr(GPtrArray) population = NULL;
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) drawn_order = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *kinds, *strata;
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  if ((fw = fw_store_load_framework (store, inspection_id, error)) == NULL
      || (population = load_population (store, inspection_id, error)) == NULL)
    return NULL;
  summary->inspection_id = g_strdup (inspection_id);
  summary->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) draw_kind_free);
  summary->exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify) exclusion_free);
  summary->replacements = g_ptr_array_new_with_free_func ((GDestroyNotify) replacement_free);
  summary->strata = g_ptr_array_new_with_free_func (g_free);
  strata = fw_framework_get_strata (fw, &summary->strata_provisional);
  for (guint a = 0; a < strata->len; a++)
    g_ptr_array_add (summary->strata, g_strdup (((FwAttribute *) g_ptr_array_index (strata, a))->title));
  resolve_sampling (fw, confidence, margin, &summary->confidence, &summary->margin);

  if ((s = fw_store_stmt (store, "SELECT seed, per_case_manager, reserve, confidence, margin, who, at FROM draw"
                                 " WHERE inspection_id = ?1;", error)) == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      summary->drawn = TRUE;
      summary->seed = fw_column_dup (s, 0);
      summary->per_case_manager = sqlite3_column_int (s, 1);
      summary->reserve = sqlite3_column_int (s, 2);
      summary->confidence = sqlite3_column_int (s, 3);
      summary->margin = sqlite3_column_int (s, 4);
      summary->who = fw_column_dup (s, 5);
      summary->at = fw_column_dup (s, 6);
    }
  sqlite3_reset (s);

  if ((s = fw_store_stmt (store, "SELECT reference, role, replaces, reason FROM draw_case"
                                 " WHERE inspection_id = ?1 ORDER BY role <> 'sample', replaces IS NOT NULL,"
                                 " position;", error)) == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *role = (const char *) sqlite3_column_text (s, 1);

      g_hash_table_insert (roles, fw_column_dup (s, 0), g_strdup (role));
      g_ptr_array_add (drawn_order, fw_column_dup (s, 0));
      if (sqlite3_column_type (s, 2) != SQLITE_NULL)
        {
          FwReplacement *r = g_new0 (FwReplacement, 1);

          r->reference = fw_column_dup (s, 2);
          r->replaced_by = fw_column_dup (s, 0);
          g_ptr_array_add (summary->replacements, r);
        }
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      fw_store_sql_error (store, error, "draw");
      return NULL;
    }
  /* the reasons, from the replaced cases' rows */
  for (guint i = 0; i < summary->replacements->len; i++)
    {
      FwReplacement *r = g_ptr_array_index (summary->replacements, i);

      if ((s = fw_store_stmt (store, "SELECT reason FROM draw_case WHERE inspection_id = ?1 AND reference = ?2;",
                              error)) == NULL)
        return NULL;
      sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, r->reference, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) == SQLITE_ROW)
        r->reason = fw_column_dup (s, 0);
      sqlite3_reset (s);
    }

  /* exclusions in file order */
  if ((s = fw_store_stmt (store, "SELECT reference, kind, excluded FROM population WHERE inspection_id = ?1"
                                 " AND excluded IS NOT NULL ORDER BY line;", error)) == NULL)
    return NULL;
  sqlite3_bind_text (s, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      FwExclusion *e = g_new0 (FwExclusion, 1);

      e->reference = fw_column_dup (s, 0);
      e->kind = fw_column_dup (s, 1);
      e->reason = fw_column_dup (s, 2);
      g_ptr_array_add (summary->exclusions, e);
    }
  sqlite3_reset (s);

  kinds = fw_framework_get_kinds (fw);
  for (guint k = 0; k < kinds->len; k++)
    {
      FwKind *kind = g_ptr_array_index (kinds, k);
      FwDrawKind *dk = g_new0 (FwDrawKind, 1);
      g_autoptr(GPtrArray) eligible = g_ptr_array_new ();
      g_autoptr(GHashTable) by_ref = g_hash_table_new (g_str_hash, g_str_equal);
      double e = summary->margin / 100.0;
      Margin *m;

      dk->kind = g_strdup (kind->id);
      dk->kind_title = g_strdup (kind->title);
      dk->strata = g_ptr_array_new_with_free_func ((GDestroyNotify) stratum_free);
      dk->sample = g_ptr_array_new_with_free_func (g_free);
      dk->reserve = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (summary->kinds, dk);
      for (guint i = 0; i < population->len; i++)
        {
          PopCase *c = g_ptr_array_index (population, i);

          if (strcmp (c->kind, kind->id) != 0)
            continue;
          dk->listed++;
          g_hash_table_insert (by_ref, c->reference, c);
          if (c->excluded)
            dk->excluded++;
          else
            g_ptr_array_add (eligible, c);
        }
      dk->eligible = eligible->len;
      dk->z = fw_sampling_z (summary->confidence);
      dk->n0 = dk->z * dk->z * 0.25 / (e * e);
      dk->n_corrected = dk->eligible ? dk->n0 / (1 + (dk->n0 - 1) / dk->eligible) : 0;
      dk->n_formula = fw_sample_size (dk->eligible, summary->confidence, summary->margin);
      dk->has_limit = kind->has_limit;
      dk->limit_min = kind->sample_min;
      dk->limit_max = kind->sample_max;
      dk->n = fw_sample_size_for_kind (dk->eligible, summary->confidence, summary->margin, kind);

      for (guint i = 0; i < drawn_order->len; i++)
        {
          const char *ref = g_ptr_array_index (drawn_order, i);
          PopCase *c = g_hash_table_lookup (by_ref, ref);
          const char *role = g_hash_table_lookup (roles, ref);

          if (c == NULL)
            continue;
          if (strcmp (role, "sample") == 0)
            {
              g_ptr_array_add (dk->sample, g_strdup (ref));
              c->selected = TRUE;
            }
          else if (strcmp (role, "reserve") == 0)
            g_ptr_array_add (dk->reserve, g_strdup (ref));
        }
      dk->drawn = dk->sample->len;

      if (eligible->len == 0)
        continue;
      m = margins_new (strata, eligible);
      margins_allocate (m, strata->len, dk->n, eligible->len);
      for (guint a = 0; a < strata->len; a++)
        {
          FwAttribute *attribute = g_ptr_array_index (strata, a);

          for (guint v = 0; v < m[a].values->len; v++)
            {
              FwStratum *st = g_new0 (FwStratum, 1);
              const char *value = g_ptr_array_index (m[a].values, v);

              st->attribute = g_strdup (attribute->id);
              st->attribute_title = g_strdup (attribute->title);
              st->value = g_strdup (value);
              st->value_title = g_strdup (*value ? fw_attribute_value_title (attribute, value) : _("not recorded"));
              st->population = m[a].population[v];
              st->quota = m[a].quota[v];
              g_ptr_array_add (dk->strata, st);
            }
          for (guint i = 0; i < eligible->len; i++)
            {
              PopCase *c = g_ptr_array_index (eligible, i);

              if (c->selected)
                ((FwStratum *) g_ptr_array_index (dk->strata, dk->strata->len - m[a].values->len + c->values[a]))->sample++;
            }
        }
      for (guint a = 0; a < strata->len; a++)
        margin_clear (&m[a]);
      g_free (m);
    }
  return g_steal_pointer (&summary);
}

/* ---------------------------------------------------------------- text */

static void
append_list (GString *out, const char *format, GPtrArray *list)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  if (list->len == 0)
    return;
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (joined, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (list, i));
  g_string_append_printf (out, format, joined->str);
}

char *
fw_draw_summary_format (FwDrawSummary *summary)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; k < summary->kinds->len; k++)
    {
      FwDrawKind *dk = g_ptr_array_index (summary->kinds, k);

      if (dk->listed == 0)
        continue;
      g_string_append_printf (out, _("%s (%s): %u in the population, %u excluded, %u eligible\n"),
                              dk->kind_title, dk->kind, dk->listed, dk->excluded, dk->eligible);
      g_string_append_printf (out, _("  size: %u%% confidence, margin %u%%: z = %.4f, n0 = %.1f, "
                                     "with the finite-population correction %.2f, rounded up %u"),
                              summary->confidence, summary->margin, dk->z, dk->n0, dk->n_corrected,
                              dk->n_formula);
      if (dk->has_limit)
        g_string_append_printf (out, _(", within the framework's limits %u–%u: %u"),
                                dk->limit_min, dk->limit_max, dk->n);
      g_string_append (out, "\n");
      if (summary->drawn)
        g_string_append_printf (out, _("  drawn: %u of %u\n"), dk->drawn, dk->n);
      if (dk->strata->len > 0)
        g_string_append_printf (out, "  %-24s %-20s %10s %10s %8s\n", _("stratum"), _("value"),
                                _("population"), _("sample"), _("share"));
      for (guint i = 0; i < dk->strata->len; i++)
        {
          FwStratum *st = g_ptr_array_index (dk->strata, i);

          g_string_append_printf (out, "  %-24s %-20s %10u %10u %8.2f\n", st->attribute_title, st->value_title,
                                  st->population, st->sample, st->quota);
        }
      append_list (out, _("  sample: %s\n"), dk->sample);
      append_list (out, _("  reserve: %s\n"), dk->reserve);
    }
  for (guint i = 0; i < summary->exclusions->len; i++)
    {
      FwExclusion *e = g_ptr_array_index (summary->exclusions, i);
      g_string_append_printf (out, _("excluded: %s (%s): %s\n"), e->reference, e->kind, e->reason);
    }
  for (guint i = 0; i < summary->replacements->len; i++)
    {
      FwReplacement *r = g_ptr_array_index (summary->replacements, i);
      g_string_append_printf (out, _("replaced: %s by %s: %s\n"), r->reference, r->replaced_by,
                              r->reason ? r->reason : "");
    }
  if (summary->strata_provisional)
    g_string_append (out, _("strata provisional: the framework's choice of strata is not confirmed\n"));
  if (summary->drawn)
    g_string_append_printf (out, _("seed: %s (cap %u per case manager, reserve %u, by %s at %s)\n"),
                            summary->seed, summary->per_case_manager, summary->reserve,
                            summary->who ? summary->who : "", summary->at);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
