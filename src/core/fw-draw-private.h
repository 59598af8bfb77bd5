/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the draw share (fw-population.c, fw-draw-allocation.c,
 * fw-draw.c). Not for use outside src/core. */

#include <sqlite3.h>

#include "fw-draw.h"
#include "fw-store.h"

G_BEGIN_DECLS

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

typedef struct { guint64 state; } Rng;

typedef struct {
  GPtrArray *values;   /* char*, "" for not recorded */
  guint     *population;
  guint     *count;    /* in the sample */
  double    *quota;
  guint     *target;   /* largest remainder */
} Margin;

typedef struct {
  GHashTable *per_manager;   /* case manager → cases in the sample */
  guint       cap;
} Cap;

/* fw-population.c */
void       fw_draw_pop_case_free     (PopCase *c);
int        fw_draw_compare_reference (gconstpointer a, gconstpointer b);
gboolean   fw_draw_step_done         (FwStore *store, sqlite3_stmt *s, const char *what, GError **error);
GPtrArray *fw_draw_load_population   (FwStore *store, const char *inspection_id, GError **error);
gboolean   fw_draw_is_drawn          (FwStore *store, const char *inspection_id, gboolean *drawn, GError **error);

/* fw-draw-allocation.c */
void        fw_draw_rng_init          (Rng *rng, const char *seed, const char *kind);
guint64     fw_draw_rng_below         (Rng *rng, guint64 bound);
Margin     *fw_draw_margins_new       (GPtrArray *strata, GPtrArray *cases);
void        fw_draw_margin_clear      (Margin *m);
void        fw_draw_margins_allocate  (Margin *m, guint n_strata, guint n, guint eligible);
const char *fw_draw_case_value        (PopCase *c, FwAttribute *attribute);
gboolean    fw_draw_cap_allows        (Cap *cap, PopCase *c, PopCase *leaving);
guint       fw_draw_allocate          (GPtrArray *order, GPtrArray *strata, Margin *m, guint n, Cap *cap);

G_END_DECLS
