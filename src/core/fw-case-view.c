/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>

#include "fw-case-view.h"

struct _FwCaseView {
  GObject                parent_instance;
  FwCaseModel           *model;
  GArray                *shown;      /* guint: positions in the model */
  FwCaseViewFilterFunc   filter;
  gpointer               filter_data;
  FwCaseViewCompareFunc  compare;
  gpointer               compare_data;
};

static void fw_case_view_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FwCaseView, fw_case_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, fw_case_view_list_model_init))

static int
compare_positions (gconstpointer a, gconstpointer b, gpointer data)
{
  FwCaseView *self = data;
  guint pa = *(const guint *) a, pb = *(const guint *) b;
  gboolean ra = fw_case_model_get_status (self->model, pa) == FW_CASE_RETURNED;
  gboolean rb = fw_case_model_get_status (self->model, pb) == FW_CASE_RETURNED;
  int order;

  /* returned cases first, so the inspector sees them */
  if (ra != rb)
    return rb - ra;
  if (self->compare && (order = self->compare (GUINT_TO_POINTER (pa + 1), GUINT_TO_POINTER (pb + 1),
                                               self->compare_data)) != 0)
    return order;
  return pa < pb ? -1 : pa > pb;
}

/* Computes the list again and tells the range that changed. The old list
 * is first moved to the model's positions after its change (at position,
 * removed, added), so that the same cases compare equal. */
static void
update_after (FwCaseView *self, guint position, guint removed, guint added)
{
  g_autoptr(GArray) old = self->shown;
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  guint prefix = 0, suffix = 0;

  for (guint i = 0; i < old->len; i++)
    {
      guint *p = &g_array_index (old, guint, i);

      if (*p >= position + removed)
        *p = *p - removed + added;
      else if (*p >= position)
        *p = G_MAXUINT;   /* gone */
    }

  self->shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  if (self->compare != NULL)
    {
      for (guint i = 0; i < n; i++)
        if (self->filter == NULL || self->filter (self->model, i, self->filter_data))
          g_array_append_val (self->shown, i);
      g_array_sort_with_data (self->shown, compare_positions, self);
    }
  else
    {
      /* in the model's order: returned cases, then the others */
      g_autoptr(GArray) others = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

      for (guint i = 0; i < n; i++)
        if (self->filter == NULL || self->filter (self->model, i, self->filter_data))
          {
            if (fw_case_model_get_status (self->model, i) == FW_CASE_RETURNED)
              g_array_append_val (self->shown, i);
            else
              g_array_append_val (others, i);
          }
      g_array_append_vals (self->shown, others->data, others->len);
    }

  while (prefix < old->len && prefix < self->shown->len
         && g_array_index (old, guint, prefix) == g_array_index (self->shown, guint, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < self->shown->len - prefix
         && g_array_index (old, guint, old->len - 1 - suffix)
            == g_array_index (self->shown, guint, self->shown->len - 1 - suffix))
    suffix++;
  if (old->len - prefix - suffix > 0 || self->shown->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                self->shown->len - prefix - suffix);
}

static void
update (FwCaseView *self)
{
  update_after (self, G_MAXUINT, 0, 0);
}

static void
on_model_changed (FwCaseView *self, guint position, guint removed, guint added)
{
  update_after (self, position, removed, added);
}

/* ---------------------------------------------------------------- GListModel */

static GType
fw_case_view_get_item_type (GListModel *list)
{
  return FW_TYPE_CASE_ITEM;
}

static guint
fw_case_view_get_n_items (GListModel *list)
{
  return FW_CASE_VIEW (list)->shown->len;
}

static gpointer
fw_case_view_get_item (GListModel *list, guint position)
{
  FwCaseView *self = FW_CASE_VIEW (list);

  if (position >= self->shown->len)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->model), g_array_index (self->shown, guint, position));
}

static void
fw_case_view_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = fw_case_view_get_item_type;
  iface->get_n_items = fw_case_view_get_n_items;
  iface->get_item = fw_case_view_get_item;
}

/* ---------------------------------------------------------------- object */

static void
fw_case_view_dispose (GObject *object)
{
  FwCaseView *self = FW_CASE_VIEW (object);

  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (fw_case_view_parent_class)->dispose (object);
}

static void
fw_case_view_finalize (GObject *object)
{
  g_clear_pointer (&FW_CASE_VIEW (object)->shown, g_array_unref);
  G_OBJECT_CLASS (fw_case_view_parent_class)->finalize (object);
}

static void
fw_case_view_class_init (FwCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fw_case_view_dispose;
  object_class->finalize = fw_case_view_finalize;
}

static void
fw_case_view_init (FwCaseView *self)
{
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ---------------------------------------------------------------- public */

FwCaseView *
fw_case_view_new (FwCaseModel *model, FwCaseViewFilterFunc filter, FwCaseViewCompareFunc compare,
                  gpointer user_data)
{
  FwCaseView *self = g_object_new (FW_TYPE_CASE_VIEW, NULL);

  g_return_val_if_fail (FW_IS_CASE_MODEL (model), self);
  self->model = g_object_ref (model);
  self->filter = filter;
  self->filter_data = user_data;
  self->compare = compare;
  self->compare_data = user_data;
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_model_changed), self);
  update (self);
  return self;
}

FwCaseModel *
fw_case_view_get_model (FwCaseView *self)
{
  g_return_val_if_fail (FW_IS_CASE_VIEW (self), NULL);
  return self->model;
}

void
fw_case_view_set_filter_func (FwCaseView *self, FwCaseViewFilterFunc func, gpointer user_data)
{
  g_return_if_fail (FW_IS_CASE_VIEW (self));
  self->filter = func;
  self->filter_data = user_data;
  update (self);
}

void
fw_case_view_set_compare_func (FwCaseView *self, FwCaseViewCompareFunc func, gpointer user_data)
{
  g_return_if_fail (FW_IS_CASE_VIEW (self));
  self->compare = func;
  self->compare_data = user_data;
  update (self);
}

void
fw_case_view_refresh (FwCaseView *self)
{
  g_return_if_fail (FW_IS_CASE_VIEW (self));
  update (self);
}

guint
fw_case_view_get_model_position (FwCaseView *self, guint position)
{
  g_return_val_if_fail (FW_IS_CASE_VIEW (self) && position < self->shown->len, G_MAXUINT);
  return g_array_index (self->shown, guint, position);
}

guint
fw_case_view_find (FwCaseView *self, guint model_position)
{
  g_return_val_if_fail (FW_IS_CASE_VIEW (self), G_MAXUINT);
  for (guint i = 0; i < self->shown->len; i++)
    if (g_array_index (self->shown, guint, i) == model_position)
      return i;
  return G_MAXUINT;
}
