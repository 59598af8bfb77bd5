/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-draw-private.h"
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
  return fw_draw_step_done (store, s, "draw", error);
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
      const char *value = fw_draw_case_value (c, attribute);

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
      || !fw_draw_is_drawn (store, d->inspection_id, &drawn, error)
      || !count_cases (store, d->inspection_id, &n_cases, error)
      || (population = fw_draw_load_population (store, d->inspection_id, error)) == NULL)
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
  if (!fw_draw_step_done (store, s, "draw", error))
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
      fw_draw_rng_init (&rng, d->seed, kind->id);
      for (guint i = order->len - 1; i > 0; i--)
        {
          guint j = fw_draw_rng_below (&rng, i + 1);
          gpointer t = order->pdata[i];

          order->pdata[i] = order->pdata[j];
          order->pdata[j] = t;
        }
      for (guint i = 0; i < order->len; i++)
        ((PopCase *) g_ptr_array_index (order, i))->order = i;

      n = fw_sample_size_for_kind (order->len, d->confidence, d->margin, kind);
      m = fw_draw_margins_new (strata, order);
      fw_draw_margins_allocate (m, strata->len, n, order->len);
      got = fw_draw_allocate (order, strata, m, n, &cap);
      for (guint a = 0; a < strata->len; a++)
        fw_draw_margin_clear (&m[a]);
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
  return fw_draw_step_done (store, s, "replace", error);
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

  if ((population = fw_draw_load_population (store, r->inspection_id, error)) == NULL)
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
          same &= strcmp (fw_draw_case_value (c, g_ptr_array_index (strata, a)),
                          fw_draw_case_value (old, g_ptr_array_index (strata, a))) == 0;
        if (same && fw_draw_cap_allows (&cap, c, old))
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
      || (population = fw_draw_load_population (store, inspection_id, error)) == NULL)
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
      m = fw_draw_margins_new (strata, eligible);
      fw_draw_margins_allocate (m, strata->len, dk->n, eligible->len);
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
        fw_draw_margin_clear (&m[a]);
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
