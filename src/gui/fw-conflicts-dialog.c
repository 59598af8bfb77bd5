/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-conflicts-dialog.h"

struct _FwConflictsDialog {
  AdwWindow     parent_instance;

  /* template */
  GtkWidget    *stack;
  GtkWidget    *summary;
  GtkWidget    *list;

  FwSession    *session;
  GHashTable   *buttons;   /* "id/lead", "id/inspector" → GtkButton (owned by the list) */
  guint         n_open;
};

G_DEFINE_FINAL_TYPE (FwConflictsDialog, fw_conflicts_dialog, ADW_TYPE_WINDOW)

/* An answer or status in words. */
static const char *
value_title (FwConflictsDialog *self, const char *value)
{
  FwAnswer answer;
  FwCaseStatus status;

  if (value == NULL)
    return _("none");
  if (fw_answer_from_string (value, &answer) && answer != FW_ANSWER_NONE)
    return fw_framework_get_answer_title (fw_session_get_framework (self->session), answer);
  if (fw_case_status_from_string (value, &status))
    return fw_case_status_title (status);
  return value;
}

/* "Yes — the note" on one line, the note after a dash when there is one. */
static char *
value_with_note (FwConflictsDialog *self, const char *value, const char *note)
{
  if (note && *note)
    return g_strdup_printf ("%s — %s", value_title (self, value), note);
  return g_strdup (value_title (self, value));
}

/* "27 Nov 2026, 07:35", in local time; as given when it is not a time. */
static char *
when (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : _("unknown"));
  /* TRANSLATORS: a date and time, g_date_time_format () */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static GtkWidget *
side_label (const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
keep_button (FwConflictsDialog *self, FwSyncConflict *c, gboolean inspector)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (inspector ? _("Keep _Inspector’s") : _("Keep _Lead’s"));
  g_autofree char *tooltip = inspector
    ? g_strdup_printf (_("Put %s’s value in effect (recorded in the audit trail)"), c->author)
    : g_strdup (_("Keep the value in effect and set the inspector’s aside (recorded in the audit trail)"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "conflict.keep");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", c->id, inspector ? "inspector" : "lead");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_hash_table_insert (self->buttons, g_strdup_printf ("%s/%s", c->id, inspector ? "inspector" : "lead"), button);
  return button;
}

static GtkWidget *
conflict_row (FwConflictsDialog *self, FwSyncConflict *c)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title;
  g_autofree char *heading = NULL, *lead = NULL, *insp = NULL, *lead_who = NULL, *insp_who = NULL;
  g_autofree char *why = NULL, *lead_at = NULL, *insp_at = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  heading = c->item ? g_strdup_printf (_("%s, question %s"), c->reference, c->item)
                    : g_strdup_printf (_("%s, its status"), c->reference);
  title = side_label (heading, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  why = g_strcmp0 (c->kind, "not-owner") == 0
      ? g_strdup_printf (_("%s changed what the case’s inspector does not own"), c->author)
      : g_strdup_printf (_("The lead and %s both changed it since the package"), c->author);
  {
    GtkWidget *label = side_label (why, FALSE);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_box_append (GTK_BOX (box), label);
  }

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  lead = value_with_note (self, c->lead_value, c->lead_note);
  insp = value_with_note (self, c->inspector_value, c->inspector_note);
  lead_at = when (c->lead_at);
  insp_at = when (c->inspector_at);
  /* TRANSLATORS: the lead's side of a conflict: who, when */
  lead_who = g_strdup_printf (_("Lead: %s, %s"), c->lead_who ? c->lead_who : _("unknown"), lead_at);
  /* TRANSLATORS: the inspector's side of a conflict: who, when */
  insp_who = g_strdup_printf (_("Inspector: %s, %s"), c->author, insp_at);
  gtk_grid_attach (GTK_GRID (grid), side_label (lead_who, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), side_label (lead, FALSE), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), side_label (insp_who, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), side_label (insp, FALSE), 1, 1, 1, 1);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  if (c->resolved == NULL)
    {
      gtk_grid_attach (GTK_GRID (grid), keep_button (self, c, FALSE), 0, 2, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), keep_button (self, c, TRUE), 1, 2, 1, 1);
    }
  else
    {
      GtkWidget *done = side_label (g_strcmp0 (c->resolved, "lead") == 0 ? _("Resolved: the lead’s value was kept")
                                                                        : _("Resolved: the inspector’s value was kept"),
                                    FALSE);
      gtk_widget_add_css_class (done, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), done, 0, 2, 2, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

static void
refill (FwConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GtkWidget *child;
  g_autofree char *summary = NULL;

  g_hash_table_remove_all (self->buttons);
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->n_open = 0;
  if (self->session == NULL)
    return;
  conflicts = fw_sync_list_conflicts (fw_session_get_store (self->session),
                                      fw_session_get_inspection_id (self->session), &error);
  if (conflicts == NULL)
    {
      g_warning ("listing conflicts: %s", error->message);
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      FwSyncConflict *c = g_ptr_array_index (conflicts, i);

      if (c->resolved == NULL)
        self->n_open++;
      gtk_list_box_append (GTK_LIST_BOX (self->list), conflict_row (self, c));
    }
  summary = g_strdup_printf (ngettext ("%u conflict waits for your decision; until then the lead’s value stays in effect.",
                                       "%u conflicts wait for your decision; until then the lead’s values stay in effect.",
                                       self->n_open), self->n_open);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), conflicts->len > 0 ? "list" : "none");
}

/* The session re-reads the inspection after a merge or a resolution. */
static void
on_session_changed (FwConflictsDialog *self, FwChange *change)
{
  if (change->kind == FW_CHANGE_RELOAD)
    refill (self);
}

static void
action_keep (GtkWidget *widget, const char *name, GVariant *param)
{
  FwConflictsDialog *self = FW_CONFLICTS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *id, *keep;

  if (self->session == NULL)
    return;
  g_variant_get (param, "(&s&s)", &id, &keep);
  /* the store announces the resolution; the session, and this list, follow */
  if (!fw_sync_resolve (fw_session_get_store (self->session), fw_session_get_inspection_id (self->session), id,
                        g_strcmp0 (keep, "inspector") == 0 ? FW_SYNC_KEEP_INSPECTOR : FW_SYNC_KEEP_LEAD, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The conflict could not be resolved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

guint
fw_conflicts_dialog_get_n_open (FwConflictsDialog *self)
{
  g_return_val_if_fail (FW_IS_CONFLICTS_DIALOG (self), 0);
  return self->n_open;
}

GtkWidget *
fw_conflicts_dialog_get_keep_button (FwConflictsDialog *self, const char *conflict_id, gboolean inspector)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FW_IS_CONFLICTS_DIALOG (self), NULL);
  key = g_strdup_printf ("%s/%s", conflict_id, inspector ? "inspector" : "lead");
  return g_hash_table_lookup (self->buttons, key);
}

static void
fw_conflicts_dialog_dispose (GObject *object)
{
  FwConflictsDialog *self = FW_CONFLICTS_DIALOG (object);

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_CONFLICTS_DIALOG);
  G_OBJECT_CLASS (fw_conflicts_dialog_parent_class)->dispose (object);
}

static void
fw_conflicts_dialog_class_init (FwConflictsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_conflicts_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwConflictsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FwConflictsDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, FwConflictsDialog, list);
  gtk_widget_class_install_action (widget_class, "conflict.keep", "(ss)", action_keep);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fw_conflicts_dialog_init (FwConflictsDialog *self)
{
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_conflicts_dialog_new (GtkWindow *parent, FwSession *session)
{
  FwConflictsDialog *self;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  self = g_object_new (FW_TYPE_CONFLICTS_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  refill (self);
  return GTK_WIDGET (self);
}
