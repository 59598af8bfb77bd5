/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n.h>

#include "fw-case-list.h"

struct _FwCaseList {
  GtkWidget           parent_instance;

  /* template */
  GtkWidget          *search_entry;
  GtkWidget          *kind_filter;
  GtkWidget          *inspector_filter;
  GtkWidget          *status_filter;
  GtkWidget          *attribute_button;
  GtkWidget          *sort_button;
  GtkWidget          *sort_box;         /* its pop-over's, once first opened */
  GtkWidget          *sort_descending;  /* in it, the Descending check */
  GtkWidget          *attribute_grid;
  GtkWidget          *list_stack;
  GtkWidget          *import_button;
  GtkWidget          *case_view;
  GtkColumnViewColumn *reference_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *inspector_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *answered_column;
  GtkWidget          *summary;
  GtkWidget          *allocate_button;

  FwSession          *session;
  GSignalGroup       *session_signals;
  FwCaseView         *view;             /* filtered and sorted by position: items only for rows seen */
  GtkMultiSelection  *selection;        /* several cases, to allocate at once */
  GtkSliceListModel  *slice;            /* the view's first rows until the first frame, then all */
  GdkFrameClock      *paint_clock;      /* while waiting for that frame */
  gulong              paint_handler;
  guint               rest_source;      /* after it, the rest of the rows, when idle */
  char               *search_key;       /* the search, case-folded; NULL: none */
  guint               generation;       /* bumped when the sort keys may have changed */
  GtkStringList      *kind_ids;         /* "" then kind ids, parallel to kind_filter */
  GtkStringList      *inspector_names;  /* "" then names, parallel to inspector_filter */
  FwFramework        *framework;        /* whose attributes the columns and filters show */
  GPtrArray          *attr_columns;     /* GtkColumnViewColumn, one per attribute */
  GArray             *attr_filters;     /* AttrFilter, one per attribute */
  gboolean            filters_built;    /* their rows in the pop-over */
  GSettings          *settings;         /* the attribute columns chosen, by framework */
};

/* What a column sorts by: a field of the case, or one of the framework's
 * attributes. The column view's sorter compares positions in the session's
 * FwCaseModel (FwCaseView passes them), never items, so sorting 10 000
 * cases makes no items; the collation keys are kept until the list changes. */
typedef enum {
  SORT_REFERENCE,
  SORT_KIND,
  SORT_INSPECTOR,
  SORT_STATUS,
  SORT_PROGRESS,
  SORT_ATTRIBUTE,
} SortField;

typedef struct {
  FwCaseList  *self;
  SortField    field;
  FwAttribute *attribute;
  GPtrArray   *keys;        /* char* by model position, made as needed */
  guint        generation;
} SortKey;

/* A filter on one of the framework's attributes: a drop-down of its values
 * when the list is closed, a text to look for when it is free text. */
typedef struct {
  FwAttribute *attribute;
  GtkWidget   *widget;          /* NULL until the pop-over is first shown */
  GtkWidget   *column_check;    /* likewise */
  gboolean     column_chosen;   /* shown as a column (where there is room) */
} AttrFilter;

G_DEFINE_FINAL_TYPE (FwCaseList, fw_case_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_CASE,
  N_PROPS
};

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void give_way (FwCaseList *self, int width);

/* parallel to the status filter's entries in the template */
static const FwCaseStatus status_of_filter[] = {
  0, FW_CASE_NOT_STARTED, FW_CASE_IN_PROGRESS, FW_CASE_COMPLETE, FW_CASE_QUALITY_ASSURED, FW_CASE_RETURNED,
};

/* ---------------------------------------------------------------- filters */

static char *
search_fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normal ? g_utf8_casefold (normal, -1) : NULL;
}

/* The search (in references), the drop-downs and the attribute filters. */
static gboolean
filter_func (FwCaseModel *model, guint position, gpointer user_data)
{
  FwCaseList *self = user_data;
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_filter));
  guint inspector = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->inspector_filter));
  guint status = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_filter));

  if (self->search_key != NULL)
    {
      g_autofree char *hay = search_fold (fw_case_model_get_reference (model, position));

      if (hay == NULL || strstr (hay, self->search_key) == NULL)
        return FALSE;
    }
  if (kind > 0 && kind != GTK_INVALID_LIST_POSITION && self->kind_ids
      && g_strcmp0 (fw_case_model_get_attr (model, position, FW_CASE_FIELD_KIND),
                    gtk_string_list_get_string (self->kind_ids, kind)) != 0)
    return FALSE;
  if (inspector > 0 && inspector != GTK_INVALID_LIST_POSITION && self->inspector_names
      && g_strcmp0 (fw_case_model_get_attr (model, position, FW_CASE_FIELD_INSPECTOR),
                    gtk_string_list_get_string (self->inspector_names, inspector)) != 0)
    return FALSE;
  if (status > 0 && status < G_N_ELEMENTS (status_of_filter)
      && fw_case_model_get_status (model, position) != status_of_filter[status])
    return FALSE;
  for (guint i = 0; self->attr_filters && i < self->attr_filters->len; i++)
    {
      AttrFilter *f = &g_array_index (self->attr_filters, AttrFilter, i);
      const char *value;

      if (f->widget == NULL)
        continue;
      if (GTK_IS_DROP_DOWN (f->widget))
        {
          guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (f->widget));

          if (pos > 0 && pos <= f->attribute->values->len
              && g_strcmp0 (fw_case_model_get_attr (model, position, f->attribute->id),
                            ((FwAttributeValue *) g_ptr_array_index (f->attribute->values, pos - 1))->id) != 0)
            return FALSE;
        }
      else
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (f->widget));

          if (*text != '\0')
            {
              g_autofree char *needle = g_utf8_casefold (text, -1);
              g_autofree char *hay = NULL;

              value = fw_case_model_get_attr (model, position, f->attribute->id);
              hay = value ? g_utf8_casefold (value, -1) : NULL;
              if (hay == NULL || strstr (hay, needle) == NULL)
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------- sorting */

static const char *
sort_text (SortKey *key, FwCaseModel *model, guint position)
{
  const char *value;

  switch (key->field)
    {
    case SORT_REFERENCE: return fw_case_model_get_reference (model, position);
    case SORT_KIND: return fw_case_model_get_kind_title (model, position);
    case SORT_INSPECTOR: return fw_case_model_get_attr (model, position, FW_CASE_FIELD_INSPECTOR);
    case SORT_STATUS: return fw_case_status_title (fw_case_model_get_status (model, position));
    case SORT_ATTRIBUTE:
      value = fw_case_model_get_attr (model, position, key->attribute->id);
      return value ? fw_attribute_value_title (key->attribute, value) : NULL;
    case SORT_PROGRESS:
    default:
      return NULL;
    }
}

static const char *
sort_key_at (SortKey *key, FwCaseModel *model, guint position)
{
  char **slot;

  if (key->generation != key->self->generation || key->keys == NULL)
    {
      g_clear_pointer (&key->keys, g_ptr_array_unref);
      key->keys = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_set_size (key->keys, g_list_model_get_n_items (G_LIST_MODEL (model)));
      key->generation = key->self->generation;
    }
  if (position >= key->keys->len)
    g_ptr_array_set_size (key->keys, position + 1);
  slot = (char **) &g_ptr_array_index (key->keys, position);
  if (*slot == NULL)
    {
      const char *text = sort_text (key, model, position);
      g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);

      *slot = g_utf8_collate_key (folded, -1);
    }
  return *slot;
}

static int
compare_column (gconstpointer a, gconstpointer b, gpointer user_data)
{
  SortKey *key = user_data;
  FwCaseModel *model = key->self->view ? fw_case_view_get_model (key->self->view) : NULL;
  guint pa = GPOINTER_TO_UINT (a) - 1, pb = GPOINTER_TO_UINT (b) - 1;

  if (model == NULL)
    return 0;
  if (key->field == SORT_PROGRESS)
    {
      guint na = fw_case_model_get_answered (model, pa), nb = fw_case_model_get_answered (model, pb);
      guint ta = fw_case_model_get_applicable (model, pa), tb = fw_case_model_get_applicable (model, pb);

      return na != nb ? (na < nb ? -1 : 1) : ta != tb ? (ta < tb ? -1 : 1) : 0;
    }
  return strcmp (sort_key_at (key, model, pa), sort_key_at (key, model, pb));
}

static void
sort_key_free (gpointer data)
{
  SortKey *key = data;

  g_clear_pointer (&key->keys, g_ptr_array_unref);
  g_free (key);
}

static void
set_column_sorter (FwCaseList *self, GtkColumnViewColumn *column, SortField field, FwAttribute *attribute)
{
  SortKey *key = g_new0 (SortKey, 1);
  g_autoptr(GtkSorter) sorter = NULL;

  key->self = self;
  key->field = field;
  key->attribute = attribute;
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, key, sort_key_free));
  gtk_column_view_column_set_sorter (column, sorter);
}

/* The order of the column view's sorter (the columns clicked). */
static int
compare_view (gconstpointer a, gconstpointer b, gpointer user_data)
{
  FwCaseList *self = user_data;

  return gtk_sorter_compare (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->case_view)),
                             (gpointer) a, (gpointer) b);
}

/* No column clicked: the model's order, no comparisons. */
static FwCaseViewCompareFunc
view_order (FwCaseList *self)
{
  return gtk_sorter_get_order (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->case_view))) == GTK_SORTER_ORDER_NONE
         ? NULL : compare_view;
}

static void
refresh (FwCaseList *self)
{
  self->generation++;
  if (self->view)
    fw_case_view_refresh (self->view);
}

static void
forget_sort_keys (FwCaseList *self)
{
  self->generation++;
}

static void
on_sorter_changed (FwCaseList *self)
{
  self->generation++;
  if (self->view)
    fw_case_view_set_compare_func (self->view, view_order (self), self);
}

/* How many attribute filters are set: the button says it. */
static guint
n_attr_filters_set (FwCaseList *self)
{
  guint n = 0;

  for (guint i = 0; self->attr_filters && i < self->attr_filters->len; i++)
    {
      AttrFilter *f = &g_array_index (self->attr_filters, AttrFilter, i);

      if (f->widget != NULL)
        n += GTK_IS_DROP_DOWN (f->widget) ? gtk_drop_down_get_selected (GTK_DROP_DOWN (f->widget)) > 0
                                          : *gtk_editable_get_text (GTK_EDITABLE (f->widget)) != '\0';
    }
  return n;
}

static void
update_attribute_button (FwCaseList *self)
{
  guint n = n_attr_filters_set (self);
  g_autofree char *label = n ? g_strdup_printf (_("Attributes (%u)"), n) : g_strdup (_("Attributes"));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->attribute_button), label);
}

static void
update_summary (FwCaseList *self)
{
  g_autofree char *text = NULL;
  guint shown, total, complete;
  FwCaseModel *cases;

  if (self->session == NULL || self->view == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->summary), "");
      return;
    }
  cases = fw_session_get_case_model (self->session);
  total = g_list_model_get_n_items (G_LIST_MODEL (cases));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  complete = fw_case_model_count_complete (cases);
  text = g_strdup_printf (_("%u of %u cases shown · %u complete"), shown, total, complete);
  gtk_label_set_text (GTK_LABEL (self->summary), text);
  /* an inspection without cases says how to get some */
  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), total == 0 ? "empty" : "list");
}

static void
on_filter_changed (FwCaseList *self)
{
  refresh (self);
  update_attribute_button (self);
  update_summary (self);
}

/* ---------------------------------------------------------------- the framework's attributes */

/* A cell: the value as people read it (a closed value's title). The case
 * item notifies "reference" when its attributes change elsewhere. */
static char *
attr_cell_text (GtkListItem *list_item, FwCaseItem *item, const char *reference, FwAttribute *attribute)
{
  const char *value = item ? fw_case_item_get_attr (item, attribute->id) : NULL;

  return g_strdup (value ? fw_attribute_value_title (attribute, value) : "");
}

/* A cell's text. GTK 4.8 makes some 200 rows of cells however few are seen,
 * and a GtkLabel or a GtkInscription sets up Pango for each (a context, its
 * font's metrics, the text laid out to be measured). This cell is one line
 * high by the list's font, measured once for the list; its text is laid out
 * only when it is drawn, so only the rows in view pay for Pango. Its text is
 * its accessible label, as a label's is. */
#define FW_TYPE_CELL_TEXT (fw_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (FwCellText, fw_cell_text, FW, CELL_TEXT, GtkWidget)

struct _FwCellText {
  GtkWidget    parent_instance;
  char        *text;
  PangoLayout *layout;    /* when drawn */
};

G_DEFINE_FINAL_TYPE (FwCellText, fw_cell_text, GTK_TYPE_WIDGET)

static GParamSpec *cell_text_prop;

static void
fw_cell_text_set_text (FwCellText *self, const char *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), cell_text_prop);
}

/* One line of the list's font, measured once per list (its Pango context). */
static int
line_height (GtkWidget *widget)
{
  GtkWidget *list = gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW);
  int height;

  if (list == NULL)
    list = widget;
  height = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list), "fw-line-height"));
  if (height == 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (list), NULL, NULL);

      height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      if (height <= 0)
        height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
      g_object_set_data (G_OBJECT (list), "fw-line-height", GINT_TO_POINTER (height));
    }
  return height;
}

static void
fw_cell_text_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                      int *minimum_baseline, int *natural_baseline)
{
  /* across, the column's width decides */
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? line_height (widget) : 0;
}

static void
fw_cell_text_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  FwCellText *self = FW_CELL_TEXT (widget);

  if (self->layout)
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

static void
fw_cell_text_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  FwCellText *self = FW_CELL_TEXT (widget);
  GdkRGBA color;
  int height;

  if (self->text == NULL || *self->text == '\0')
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_width (self->layout, gtk_widget_get_width (widget) * PANGO_SCALE);
    }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  pango_layout_get_pixel_size (self->layout, NULL, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (gtk_widget_get_height (widget) - height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
fw_cell_text_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_string (value, FW_CELL_TEXT (object)->text);
}

static void
fw_cell_text_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  fw_cell_text_set_text (FW_CELL_TEXT (object), g_value_get_string (value));
}

static void
fw_cell_text_finalize (GObject *object)
{
  FwCellText *self = FW_CELL_TEXT (object);

  g_free (self->text);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (fw_cell_text_parent_class)->finalize (object);
}

static void
fw_cell_text_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fw_cell_text_parent_class)->css_changed (widget, change);
  g_clear_object (&FW_CELL_TEXT (widget)->layout);
}

static void
fw_cell_text_class_init (FwCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_cell_text_get_property;
  object_class->set_property = fw_cell_text_set_property;
  object_class->finalize = fw_cell_text_finalize;
  widget_class->measure = fw_cell_text_measure;
  widget_class->size_allocate = fw_cell_text_size_allocate;
  widget_class->snapshot = fw_cell_text_snapshot;
  widget_class->css_changed = fw_cell_text_css_changed;
  cell_text_prop = g_param_spec_string ("text", NULL, NULL, NULL,
                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, cell_text_prop);
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
fw_cell_text_init (FwCellText *self)
{
}

static GtkWidget *
cell_new (GtkListItem *list_item)
{
  GtkWidget *cell = g_object_new (FW_TYPE_CELL_TEXT, NULL);

  gtk_list_item_set_child (list_item, cell);
  return cell;
}

static void
attr_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, FwAttribute *attribute)
{
  GtkWidget *label = cell_new (list_item);
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *params[2] = {
    item,
    gtk_property_expression_new (FW_TYPE_CASE_ITEM, gtk_expression_ref (item), "reference"),
  };

  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 2, params, G_CALLBACK (attr_cell_text),
                                                    attribute, NULL),
                       label, "text", list_item);
}

/* A cell of the built-in columns, bound to a property of the case item,
 * made in C: a GtkBuilderListItemFactory parses its template for every
 * cell. An FwCellText, the progress ("12 / 40") too: a label would lay its
 * text out with Pango in each of the 200 rows GTK makes. */
static void
text_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, const char *property)
{
  gtk_expression_bind (gtk_property_expression_new (FW_TYPE_CASE_ITEM,
                                                    gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"),
                                                    property),
                       cell_new (list_item), "text", list_item);
}

static void
set_text_factory (GtkColumnViewColumn *column, const char *property)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup), (gpointer) property);
  gtk_column_view_column_set_factory (column, factory);
}

/* ---------------------------------------------------------------- the framework's attributes: columns and filters */

/* A column and a filter per attribute of the framework, after Reference,
 * Kind, Inspector, Status and Answered, in the framework's order. A list
 * beside the ratings panel at 1280 px has room for two attributes in full,
 * so the first two are columns until the user chooses others (in the Attributes
 * pop-over, kept per framework in the settings); a column not shown makes
 * no cells, which keeps a large list quick to open. */
#define DEFAULT_ATTRIBUTE_COLUMNS 2

/* ---------------------------------------------------------------- sorting by keys */

/* GTK 4.8's column titles take no keyboard focus, so sorting needs the
 * mouse there; the Sort pop-over offers the same by keys: a choice of the
 * columns shown, and Descending. It shows what the titles show when it
 * opens (a title clicked since included), read from their sort indicator. */
static gboolean
indicator_says (GtkWidget *widget, gboolean *descending)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "sort-indicator") == 0
      && (gtk_widget_has_css_class (widget, "ascending") || gtk_widget_has_css_class (widget, "descending")))
    {
      *descending = gtk_widget_has_css_class (widget, "descending");
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (indicator_says (child, descending))
      return TRUE;
  return FALSE;
}

/* The column the list is sorted by, as its titles show (NULL: none). */
static GtkColumnViewColumn *
sorted_by (FwCaseList *self, gboolean *descending)
{
  GtkWidget *header = gtk_widget_get_first_child (self->case_view);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->case_view));
  GtkWidget *title = header ? gtk_widget_get_first_child (header) : NULL;

  *descending = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (columns) && title; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (indicator_says (title, descending))
        return column;
      title = gtk_widget_get_next_sibling (title);
    }
  return NULL;
}

static void
apply_sort (FwCaseList *self)
{
  gboolean down = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->sort_descending));

  for (GtkWidget *child = gtk_widget_get_first_child (self->sort_box); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnViewColumn *column = g_object_get_data (G_OBJECT (child), "fw-column");

      if (column && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->case_view), column,
                                        down ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

static void
on_sort_choice_toggled (GtkCheckButton *button, FwCaseList *self)
{
  /* a radio's toggle off comes with another's on: act once */
  if (g_object_get_data (G_OBJECT (button), "fw-column") == NULL || gtk_check_button_get_active (button))
    apply_sort (self);
}

static void
fill_sort_choices (FwCaseList *self)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->case_view));
  GtkColumnViewColumn *current;
  GtkWidget *child, *first = NULL;
  gboolean down = FALSE;

  while ((child = gtk_widget_get_first_child (self->sort_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->sort_box), child);
  current = sorted_by (self, &down);
  child = gtk_label_new (_("Sort by"));
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_widget_add_css_class (child, "heading");
  gtk_box_append (GTK_BOX (self->sort_box), child);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkWidget *choice;

      if (!gtk_column_view_column_get_visible (column))
        continue;
      choice = gtk_check_button_new_with_label (gtk_column_view_column_get_title (column));
      if (first)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (choice), GTK_CHECK_BUTTON (first));
      else
        first = choice;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (choice), column == current);
      g_object_set_data_full (G_OBJECT (choice), "fw-column", g_object_ref (column), g_object_unref);
      g_signal_connect (choice, "toggled", G_CALLBACK (on_sort_choice_toggled), self);
      gtk_box_append (GTK_BOX (self->sort_box), choice);
    }
  gtk_box_append (GTK_BOX (self->sort_box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->sort_descending = gtk_check_button_new_with_mnemonic (_("_Descending"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->sort_descending), down);
  g_signal_connect (self->sort_descending, "toggled", G_CALLBACK (on_sort_choice_toggled), self);
  gtk_box_append (GTK_BOX (self->sort_box), self->sort_descending);
}

/* The pop-over, made when Sort is first pressed (not with every window);
 * its choices are made again each time it opens. */
static void
create_sort_popover (GtkMenuButton *button, gpointer data)
{
  FwCaseList *self = data;
  GtkWidget *popover;

  /* called each time it opens; made once */
  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = gtk_popover_new ();

  self->sort_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_object_set (self->sort_box, "margin-top", 6, "margin-bottom", 6, "margin-start", 6, "margin-end", 6, NULL);
  gtk_popover_set_child (GTK_POPOVER (popover), self->sort_box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (fill_sort_choices), self);
  gtk_menu_button_set_popover (button, popover);
}

static void
close_attribute_filters (FwCaseList *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->attribute_button));
}

/* The attribute ids this framework's columns show, as chosen; NULL: none
 * chosen yet (the default). */
static char **
dup_chosen_columns (FwCaseList *self)
{
  g_autoptr(GVariant) chosen = NULL;
  char **ids = NULL;

  if (self->settings == NULL || self->framework == NULL)
    return NULL;
  chosen = g_settings_get_value (self->settings, "list-columns");
  if (!g_variant_lookup (chosen, fw_framework_get_id (self->framework), "^as", &ids))
    return NULL;
  return ids;
}

static void
save_chosen_columns (FwCaseList *self)
{
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  const char *framework_id = fw_framework_get_id (self->framework);
  GVariantBuilder all;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (self->settings == NULL)
    return;
  for (guint i = 0; i < self->attr_filters->len; i++)
    {
      AttrFilter *f = &g_array_index (self->attr_filters, AttrFilter, i);

      if (f->column_chosen)
        g_ptr_array_add (shown, f->attribute->id);
    }
  before = g_settings_get_value (self->settings, "list-columns");
  g_variant_builder_init (&all, G_VARIANT_TYPE ("a{sas}"));
  g_variant_iter_init (&iter, before);
  while (g_variant_iter_next (&iter, "{&s@as}", &key, &value))
    {
      if (g_strcmp0 (key, framework_id) != 0)
        g_variant_builder_add (&all, "{s@as}", key, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&all, "{s@as}", framework_id,
                         g_variant_new_strv ((const char *const *) shown->pdata, shown->len));
  g_settings_set_value (self->settings, "list-columns", g_variant_builder_end (&all));
}

static void
give_way (FwCaseList *self, int width);

static void
on_column_check_toggled (GtkCheckButton *check, FwCaseList *self)
{
  for (guint i = 0; i < self->attr_filters->len; i++)
    {
      AttrFilter *f = &g_array_index (self->attr_filters, AttrFilter, i);

      if (f->column_check == GTK_WIDGET (check))
        f->column_chosen = gtk_check_button_get_active (check);
    }
  give_way (self, gtk_widget_get_width (GTK_WIDGET (self)));
  save_chosen_columns (self);
}

/* The pop-over's rows, made when it is first shown: each attribute's
 * name, its filter (a drop-down of its values when the list is closed, a
 * text to look for when it is free text) and whether it is a column. */
static void
build_filter_rows (FwCaseList *self)
{
  GtkWidget *heading;

  if (self->filters_built || self->attr_filters->len == 0)
    return;
  self->filters_built = TRUE;
  heading = gtk_label_new (_("Column"));
  gtk_widget_add_css_class (heading, "caption");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_grid_attach (GTK_GRID (self->attribute_grid), heading, 2, 0, 1, 1);
  for (guint a = 0; a < self->attr_filters->len; a++)
    {
      AttrFilter *filter = &g_array_index (self->attr_filters, AttrFilter, a);
      FwAttribute *attribute = filter->attribute;
      g_autofree char *a11y = g_strdup_printf (_("Filter cases by %s"), attribute->title);
      g_autofree char *column_a11y = g_strdup_printf (_("Show %s as a column"), attribute->title);
      GtkWidget *label = gtk_label_new (attribute->title), *widget, *check;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (fw_attribute_is_closed (attribute))
        {
          g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

          gtk_string_list_append (titles, _("Any"));
          for (guint v = 0; v < attribute->values->len; v++)
            gtk_string_list_append (titles, ((FwAttributeValue *) g_ptr_array_index (attribute->values, v))->title);
          widget = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&titles)), NULL);
          g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (on_filter_changed), self);
        }
      else
        {
          widget = gtk_search_entry_new ();
          g_object_set (widget, "placeholder-text", _("Any"), NULL);
          g_signal_connect_swapped (widget, "search-changed", G_CALLBACK (on_filter_changed), self);
          /* Escape in it closes the filters, as it does from their drop-downs;
           * what is typed stays the filter */
          g_signal_connect_swapped (widget, "stop-search", G_CALLBACK (close_attribute_filters), self);
        }
      gtk_widget_set_hexpand (widget, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_set_tooltip_text (widget, a11y);
      check = gtk_check_button_new ();
      gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), filter->column_chosen);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, column_a11y, -1);
      gtk_widget_set_tooltip_text (check, column_a11y);
      g_signal_connect (check, "toggled", G_CALLBACK (on_column_check_toggled), self);
      gtk_grid_attach (GTK_GRID (self->attribute_grid), label, 0, a + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->attribute_grid), widget, 1, a + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->attribute_grid), check, 2, a + 1, 1, 1);
      filter->widget = widget;
      filter->column_check = check;
    }
}

static void
build_attributes (FwCaseList *self, FwFramework *framework)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->case_view);
  GPtrArray *attributes = framework ? fw_framework_get_attributes (framework) : NULL;
  g_auto(GStrv) chosen = NULL;
  GtkWidget *child;

  for (guint i = 0; i < self->attr_columns->len; i++)
    gtk_column_view_remove_column (view, g_ptr_array_index (self->attr_columns, i));
  g_ptr_array_set_size (self->attr_columns, 0);
  g_array_set_size (self->attr_filters, 0);
  self->filters_built = FALSE;
  while ((child = gtk_widget_get_first_child (self->attribute_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->attribute_grid), child);
  if (framework != self->framework)
    {
      g_clear_pointer (&self->framework, fw_framework_unref);
      self->framework = framework ? fw_framework_ref (framework) : NULL;
    }
  chosen = dup_chosen_columns (self);

  for (guint a = 0; attributes && a < attributes->len; a++)
    {
      FwAttribute *attribute = g_ptr_array_index (attributes, a);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      AttrFilter filter = { attribute, NULL, NULL,
                            chosen ? g_strv_contains ((const char *const *) chosen, attribute->id)
                                   : a < DEFAULT_ATTRIBUTE_COLUMNS };

      g_signal_connect (factory, "setup", G_CALLBACK (attr_cell_setup), attribute);
      column = gtk_column_view_column_new (attribute->title, factory);
      set_column_sorter (self, column, SORT_ATTRIBUTE, attribute);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, 120);
      /* shown or not before the list has rows: a hidden column makes none */
      gtk_column_view_column_set_visible (column, filter.column_chosen);
      gtk_column_view_append_column (view, column);
      g_ptr_array_add (self->attr_columns, column);
      g_array_append_val (self->attr_filters, filter);
    }
  gtk_widget_set_visible (self->attribute_button, self->attr_filters->len > 0);
  update_attribute_button (self);
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    give_way (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

static GtkStringList *
string_list_with (const char *first)
{
  const char *items[] = { first, NULL };
  return gtk_string_list_new (items);
}

/* Offers the inspectors of cases added since (an import, another process)
 * in the inspector filter, keeping what is chosen. */
static void
add_inspector_names (FwCaseList *self)
{
  g_autoptr(GPtrArray) names = fw_case_model_dup_values (fw_session_get_case_model (self->session),
                                                         FW_CASE_FIELD_INSPECTOR);
  GtkStringList *titles = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (self->inspector_filter)));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean known = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->inspector_names)) && !known; j++)
        known = g_strcmp0 (gtk_string_list_get_string (self->inspector_names, j), name) == 0;
      if (!known)
        {
          gtk_string_list_append (self->inspector_names, name);
          gtk_string_list_append (titles, name);
        }
    }
}

static void
fill_filters (FwCaseList *self)
{
  FwFramework *fw = fw_session_get_framework (self->session);
  FwInspectionInfo *info = fw_session_get_info (self->session);
  GPtrArray *kinds = fw_framework_get_kinds (fw);
  g_autoptr(GtkStringList) kind_titles = string_list_with (_("All kinds"));
  g_autoptr(GtkStringList) inspector_titles = string_list_with (_("All inspectors"));

  g_clear_object (&self->kind_ids);
  g_clear_object (&self->inspector_names);
  self->kind_ids = string_list_with ("");
  self->inspector_names = string_list_with ("");
  for (guint i = 0; i < kinds->len; i++)
    {
      FwKind *k = g_ptr_array_index (kinds, i);
      gtk_string_list_append (self->kind_ids, k->id);
      gtk_string_list_append (kind_titles, k->title);
    }
  for (guint i = 0; info->inspectors && info->inspectors[i]; i++)
    {
      gtk_string_list_append (self->inspector_names, info->inspectors[i]);
      gtk_string_list_append (inspector_titles, info->inspectors[i]);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->kind_filter), G_LIST_MODEL (kind_titles));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->inspector_filter), G_LIST_MODEL (inspector_titles));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_filter), 0);
  add_inspector_names (self);
}

/* ---------------------------------------------------------------- following the session */

static void
on_session_changed (FwSession *session, FwChange *change, FwCaseList *self)
{
  switch (change->kind)
    {
    case FW_CHANGE_CASE_ADDED:
    case FW_CHANGE_RELOAD:
      add_inspector_names (self);
      update_summary (self);
      break;
    case FW_CHANGE_STATUS:
      /* the item's status moved: the status filter may now hide or show it */
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_filter)) > 0)
        refresh (self);
      update_summary (self);
      break;
    case FW_CHANGE_ANSWER:
    case FW_CHANGE_PRACTICE:
    case FW_CHANGE_JUDGEMENT:
    case FW_CHANGE_COMMENT:
    case FW_CHANGE_LOCK:
    case FW_CHANGE_INSPECTION:
    default:
      break;
    }
}

/* As each letter is typed, as GtkStringFilter did. */
static void
on_search_changed (FwCaseList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_key, g_free);
  if (*text != '\0')
    self->search_key = search_fold (text);
  refresh (self);
}

static void
on_selection_changed (FwCaseList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CASE]);
}

static void stop_waiting_for_paint (FwCaseList *self);
static guint rows_that_fit (FwCaseList *self);

void
fw_case_list_set_session (FwCaseList *self, FwSession *session)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  g_return_if_fail (session == NULL || FW_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session)
    g_signal_handlers_disconnect_by_func (fw_session_get_case_model (self->session), forget_sort_keys, self);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->case_view), NULL);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  stop_waiting_for_paint (self);
  g_clear_object (&self->slice);
  if (self->view)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  build_attributes (self, session ? fw_session_get_framework (session) : NULL);
  if (session != NULL)
    {
      fill_filters (self);
      /* returned cases first (FwCaseView does it), then the columns' order;
       * the sort keys, kept by position, go when the cases change — this
       * handler runs before the view's, which sorts again */
      self->generation++;
      g_signal_connect_object (fw_session_get_case_model (session), "items-changed", G_CALLBACK (forget_sort_keys),
                               self, G_CONNECT_SWAPPED);
      self->view = fw_case_view_new (fw_session_get_case_model (session), filter_func, view_order (self), self);
      /* shown already (another inspection opened): all rows at once */
      self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->view)), 0,
                                              gtk_widget_get_mapped (GTK_WIDGET (self)) ? G_MAXUINT
                                                                                         : rows_that_fit (self));
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
      g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
      g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_selection_changed), self);
      gtk_column_view_set_model (GTK_COLUMN_VIEW (self->case_view), GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_swapped (self->view, "items-changed", G_CALLBACK (update_summary), self);
    }
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CASE]);
}

/* Where the attribute columns chosen are kept; before a session is set. */
void
fw_case_list_set_settings (FwCaseList *self, GSettings *settings)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  g_set_object (&self->settings, settings);
}

FwSession *
fw_case_list_get_session (FwCaseList *self)
{
  g_return_val_if_fail (FW_IS_CASE_LIST (self), NULL);
  return self->session;
}

/* ---------------------------------------------------------------- activation */

static void
activate_case (FwCaseList *self, FwCaseItem *item)
{
  if (item != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, item);
}

/* ---------------------------------------------------------------- the first frame */

/* GTK 4.8's list view makes rows for some 200 items however few are in
 * view, and a window opening on a large inspection would wait for them all.
 * Until the list's first frame the column view's model holds only the
 * view's first rows, as many as the tallest screen could show (a row is
 * more than 20 pixels high); right after it, all of them. The rows in view
 * are the same in that frame, and the overlay scrollbar is not shown.
 * Positions are the view's in both (the slice starts at 0). */
static guint
rows_that_fit (FwCaseList *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int tallest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      tallest = MAX (tallest, area.height);
    }
  if (tallest <= 0)
    tallest = 2160;
  return (guint) tallest / 20 + 2;
}

static void
stop_waiting_for_paint (FwCaseList *self)
{
  if (self->paint_clock)
    g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
  g_clear_handle_id (&self->rest_source, g_source_remove);
}

static void
show_all_rows (FwCaseList *self)
{
  stop_waiting_for_paint (self);
  if (self->slice && gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

/* A position about to be selected or activated has its row. */
static void
ensure_row (FwCaseList *self, guint position)
{
  if (self->slice && position >= gtk_slice_list_model_get_size (self->slice))
    show_all_rows (self);
}

static gboolean
show_rest_when_idle (gpointer user_data)
{
  FwCaseList *self = user_data;

  self->rest_source = 0;
  show_all_rows (self);
  return G_SOURCE_REMOVE;
}

/* The frame is on screen once it is painted: the other rows are made
 * after it, before the next frame but after any key already pressed (which
 * ensure_row serves at once). */
static void
on_first_paint (GdkFrameClock *clock, FwCaseList *self)
{
  stop_waiting_for_paint (self);
  self->rest_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_rest_when_idle, self, NULL);
}

static void
on_map (GtkWidget *widget, FwCaseList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (self->slice == NULL || gtk_slice_list_model_get_size (self->slice) == G_MAXUINT || self->paint_clock
      || self->rest_source)
    return;
  if (clock == NULL)
    {
      show_all_rows (self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

/* Enter or a double click on a row: that case. */
static void
on_case_activated (FwCaseList *self, guint position)
{
  g_autoptr(FwCaseItem) item = NULL;

  if (self->selection == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  activate_case (self, item);
}

/* Enter in the search: the only match opens; with several, the list takes the focus. */
static void
on_search_activate (FwCaseList *self)
{
  guint n = fw_case_list_get_n_shown (self);

  if (n == 1)
    on_case_activated (self, 0);
  else if (n > 1)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
      gtk_widget_grab_focus (self->case_view);
    }
}

/* ---------------------------------------------------------------- public */

GtkWidget *
fw_case_list_new (void)
{
  return g_object_new (FW_TYPE_CASE_LIST, NULL);
}

/* With several chosen, the first of them. */
FwCaseItem *
fw_case_list_get_selected_case (FwCaseList *self)
{
  g_autoptr(GtkBitset) chosen = NULL;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), NULL);
  if (self->selection == NULL)
    return NULL;
  chosen = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (chosen))
    return NULL;
  return fw_case_list_get_shown (self, gtk_bitset_get_minimum (chosen));
}

GPtrArray *
fw_case_list_dup_selected_cases (FwCaseList *self)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) chosen = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), cases);
  if (self->selection == NULL)
    return cases;
  chosen = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, chosen, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (cases, g_list_model_get_item (G_LIST_MODEL (self->view), position));
  return cases;
}

void
fw_case_list_set_allocate_tooltip (FwCaseList *self, const char *tooltip)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  gtk_widget_set_tooltip_text (self->allocate_button, tooltip);
}

static guint
position_of (FwCaseList *self, FwCaseItem *item)
{
  guint in_model;

  if (item == NULL || self->view == NULL
      || fw_session_find_case (self->session, fw_case_item_get_id (item), &in_model) != item)
    return GTK_INVALID_LIST_POSITION;
  return fw_case_view_find (self->view, in_model);
}

gboolean
fw_case_list_select_case (FwCaseList *self, FwCaseItem *item)
{
  guint pos;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), FALSE);
  if ((pos = position_of (self, item)) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  ensure_row (self, pos);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), pos)
      || fw_case_list_get_selected_case (self) != item)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, TRUE);
  return TRUE;
}

gboolean
fw_case_list_add_to_selection (FwCaseList *self, FwCaseItem *item)
{
  guint pos;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), FALSE);
  if ((pos = position_of (self, item)) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  ensure_row (self, pos);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos, FALSE);
  return TRUE;
}

FwCaseItem *
fw_case_list_get_neighbour (FwCaseList *self, FwCaseItem *item, int delta)
{
  guint n, pos;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), NULL);
  if ((n = fw_case_list_get_n_shown (self)) == 0)
    return NULL;
  pos = position_of (self, item);
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = delta > 0 ? 0 : n - 1;
  else if ((delta < 0 && pos < (guint) -delta) || (delta > 0 && pos + delta >= n))
    return NULL;
  else
    pos += delta;
  return fw_case_list_get_shown (self, pos);
}

FwCaseItem *
fw_case_list_find (FwCaseList *self, const char *reference)
{
  guint n;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), NULL);
  n = fw_case_list_get_n_shown (self);
  for (guint i = 0; i < n; i++)
    {
      FwCaseModel *model = fw_case_view_get_model (self->view);

      if (g_strcmp0 (fw_case_model_get_reference (model, fw_case_view_get_model_position (self->view, i)),
                     reference) == 0)
        return fw_case_list_get_shown (self, i);
    }
  return NULL;
}

guint
fw_case_list_get_n_shown (FwCaseList *self)
{
  g_return_val_if_fail (FW_IS_CASE_LIST (self), 0);
  return self->selection ? g_list_model_get_n_items (G_LIST_MODEL (self->view)) : 0;
}

/* Returns: (transfer none): the session holds its items */
FwCaseItem *
fw_case_list_get_shown (FwCaseList *self, guint position)
{
  g_autoptr(FwCaseItem) item = NULL;

  g_return_val_if_fail (FW_IS_CASE_LIST (self), NULL);
  if (position >= fw_case_list_get_n_shown (self))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->view), position);
  return item;
}

void
fw_case_list_set_search (FwCaseList *self, const char *text)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

void
fw_case_list_clear_filters (FwCaseList *self)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_filter), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->inspector_filter), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_filter), 0);
  for (guint i = 0; self->attr_filters && i < self->attr_filters->len; i++)
    {
      AttrFilter *f = &g_array_index (self->attr_filters, AttrFilter, i);

      if (f->widget == NULL)
        continue;
      if (GTK_IS_DROP_DOWN (f->widget))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (f->widget), 0);
      else
        gtk_editable_set_text (GTK_EDITABLE (f->widget), "");
    }
}

void
fw_case_list_focus_search (FwCaseList *self)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  gtk_widget_grab_focus (self->search_entry);
}

void
fw_case_list_focus_list (FwCaseList *self)
{
  g_return_if_fail (FW_IS_CASE_LIST (self));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->list_stack)), "empty") == 0)
    gtk_widget_grab_focus (self->import_button);
  else
    gtk_widget_grab_focus (self->case_view);
}

/* ---------------------------------------------------------------- narrow windows */

/* The columns give way by priority as the list narrows: Reference, Status
 * and Answered always stay; the framework's attributes go first, then
 * Inspector, then Kind. The widths are the list's own: at 1280 px, beside
 * the ratings panel, it has about 980; at 800 px (the panel folded) about
 * 790; its toolbar keeps it from going under about 765. */
#define SHOW_ATTRIBUTES_FROM 860
#define SHOW_INSPECTOR_FROM  800
#define SHOW_KIND_FROM       600

static void
set_column_shown (GtkColumnViewColumn *column, gboolean shown)
{
  if (gtk_column_view_column_get_visible (column) != shown)
    gtk_column_view_column_set_visible (column, shown);
}

static void
give_way (FwCaseList *self, int width)
{
  set_column_shown (self->kind_column, width >= SHOW_KIND_FROM);
  set_column_shown (self->inspector_column, width >= SHOW_INSPECTOR_FROM);
  for (guint i = 0; i < self->attr_columns->len; i++)
    set_column_shown (g_ptr_array_index (self->attr_columns, i),
                      width >= SHOW_ATTRIBUTES_FROM
                      && g_array_index (self->attr_filters, AttrFilter, i).column_chosen);
}

static void
fw_case_list_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                      int *minimum_baseline, int *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
fw_case_list_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  give_way (FW_CASE_LIST (widget), width);
  if (child)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* ---------------------------------------------------------------- object */

static void
fw_case_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FwCaseList *self = FW_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_SELECTED_CASE: g_value_set_object (value, fw_case_list_get_selected_case (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_case_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FwCaseList *self = FW_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION: fw_case_list_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_case_list_dispose (GObject *object)
{
  FwCaseList *self = FW_CASE_LIST (object);
  GtkWidget *child;

  if (self->case_view)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->case_view)),
                                          on_sorter_changed, self);
  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_CASE_LIST);
  /* the template's box, which no field holds */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  stop_waiting_for_paint (self);
  g_clear_object (&self->slice);
  if (self->view)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_object (&self->kind_ids);
  g_clear_object (&self->inspector_names);
  g_clear_object (&self->session);
  g_clear_pointer (&self->attr_columns, g_ptr_array_unref);
  g_clear_pointer (&self->attr_filters, g_array_unref);
  g_clear_pointer (&self->framework, fw_framework_unref);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (fw_case_list_parent_class)->dispose (object);
}

static void
fw_case_list_class_init (FwCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fw_case_list_get_property;
  object_class->set_property = fw_case_list_set_property;
  object_class->dispose = fw_case_list_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_CASE] =
    g_param_spec_object ("selected-case", NULL, NULL, FW_TYPE_CASE_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FwCaseList::case-activated:
   * @item: the case
   *
   * A case was chosen to be opened: Enter or a double click on its row, or
   * Enter in the search when it is the only match.
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FW_TYPE_CASE_ITEM);

  /* the columns' expressions name FwCaseItem */
  g_type_ensure (FW_TYPE_CASE_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-case-list.ui");
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, inspector_filter);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, status_filter);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, attribute_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, sort_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, attribute_grid);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, import_button);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, case_view);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, reference_column);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, kind_column);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, inspector_column);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, status_column);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, answered_column);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, summary);
  gtk_widget_class_bind_template_child (widget_class, FwCaseList, allocate_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, update_summary);

  widget_class->measure = fw_case_list_measure;
  widget_class->size_allocate = fw_case_list_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "fwcaselist");
}

/* Tab and Shift+Tab leave the list for the next or previous widget, as in
 * GNOME's other lists; the arrows move between rows. GTK 4.8's list views
 * move Tab from row to row, so that only Ctrl+Tab got out: for one move of
 * the focus, the list takes none, and the focus goes past it. */
static gboolean
on_list_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
             FwCaseList *self)
{
  GtkDirectionType direction;
  GtkRoot *root;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  if ((root = gtk_widget_get_root (self->case_view)) == NULL)
    return FALSE;
  direction = (state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? GTK_DIR_TAB_BACKWARD
                                                                           : GTK_DIR_TAB_FORWARD;
  gtk_widget_set_can_focus (self->case_view, FALSE);
  g_signal_emit_by_name (root, "move-focus", direction);
  gtk_widget_set_can_focus (self->case_view, TRUE);
  return TRUE;
}

static void
fw_case_list_init (FwCaseList *self)
{
  self->attr_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->attr_filters = g_array_new (FALSE, TRUE, sizeof (AttrFilter));

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "notify::text", G_CALLBACK (on_search_changed), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key), self);
    gtk_widget_add_controller (self->case_view, keys);
  }
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
  g_signal_connect_swapped (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->attribute_button)), "show",
                            G_CALLBACK (build_filter_rows), self);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->sort_button), create_sort_popover, self, NULL);
  set_text_factory (self->reference_column, "reference");
  set_text_factory (self->kind_column, "kind-title");
  set_text_factory (self->inspector_column, "inspector");
  set_text_factory (self->status_column, "status-title");
  set_text_factory (self->answered_column, "progress");
  set_column_sorter (self, self->reference_column, SORT_REFERENCE, NULL);
  set_column_sorter (self, self->kind_column, SORT_KIND, NULL);
  set_column_sorter (self, self->inspector_column, SORT_INSPECTOR, NULL);
  set_column_sorter (self, self->status_column, SORT_STATUS, NULL);
  set_column_sorter (self, self->answered_column, SORT_PROGRESS, NULL);
  g_signal_connect_swapped (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->case_view)), "changed",
                            G_CALLBACK (on_sorter_changed), self);

  self->session_signals = g_signal_group_new (FW_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed", G_CALLBACK (on_session_changed), self, 0);
}
