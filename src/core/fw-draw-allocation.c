/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* The draw's arithmetic: a seeded generator and the stratified allocation
 * (largest remainder per strata attribute, the per-case-manager cap). */

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "fw-draw-private.h"
#include "fw-csv.h"
#include "fw-error.h"
#include "fw-sampling.h"
#include "fw-store-private.h"

/* ---------------------------------------------------------------- random numbers */

/* splitmix64: small, and the same on every platform and GLib version, so
 * a recorded seed draws the same sample anywhere. */


static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, bound), without modulo bias. */
guint64
fw_draw_rng_below (Rng *rng, guint64 bound)
{
  guint64 limit = G_MAXUINT64 - G_MAXUINT64 % bound, x;

  do
    x = rng_next (rng);
  while (x >= limit);
  return x % bound;
}

/* Each kind draws from its own stream: SHA-256 of the seed and the kind. */
void
fw_draw_rng_init (Rng *rng, const char *seed, const char *kind)
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


void
fw_draw_margin_clear (Margin *m)
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

const char *
fw_draw_case_value (PopCase *c, FwAttribute *attribute)
{
  const char *v = g_hash_table_lookup (c->attributes, attribute->id);

  if (v == NULL && strcmp (attribute->id, "case_manager") == 0)
    v = c->case_manager;
  return v ? v : "";
}

/* Builds the margins of the strata over these cases, and each case's value indexes. */
Margin *
fw_draw_margins_new (GPtrArray *strata, GPtrArray *cases)
{
  Margin *m = g_new0 (Margin, MAX (strata->len, 1));

  for (guint a = 0; a < strata->len; a++)
    {
      FwAttribute *attribute = g_ptr_array_index (strata, a);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      m[a].values = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < cases->len; i++)
        {
          const char *v = fw_draw_case_value (g_ptr_array_index (cases, i), attribute);

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
          const char *v = fw_draw_case_value (c, g_ptr_array_index (strata, a));
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
void
fw_draw_margins_allocate (Margin *m, guint n_strata, guint n, guint eligible)
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



gboolean
fw_draw_cap_allows (Cap *cap, PopCase *c, PopCase *leaving)
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
guint
fw_draw_allocate (GPtrArray *order, GPtrArray *strata, Margin *m, guint n, Cap *cap)
{
  guint n_strata = strata->len, drawn = 0;

  for (guint pass = 0; pass < 3 && drawn < n; pass++)
    for (guint i = 0; i < order->len && drawn < n; i++)
      {
        PopCase *c = g_ptr_array_index (order, i);
        gboolean fits = !c->selected && fw_draw_cap_allows (cap, c, NULL);

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

              if (in->selected || !fw_draw_cap_allows (cap, in, out))
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
