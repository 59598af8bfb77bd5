/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n.h>

#include "fw-lock-dialog.h"

/* at most this many of what the ratings miss said in their sentence */
#define MAX_MISSING_SAID 4

/* at most this many problems listed; the count says how many there are */
#define MAX_LISTED 50

struct _FwLockDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *ratings_label;
  GtkWidget        *problems_label;
  GtkWidget        *problems_scroller;
  GtkWidget        *problems;

  FwSession        *session;
  guint             n_problems;
  gboolean          provisional;
};

G_DEFINE_FINAL_TYPE (FwLockDialog, fw_lock_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  ERROR,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

guint
fw_lock_dialog_get_n_problems (FwLockDialog *self)
{
  g_return_val_if_fail (FW_IS_LOCK_DIALOG (self), 0);
  return self->n_problems;
}

gboolean
fw_lock_dialog_get_provisional (FwLockDialog *self)
{
  g_return_val_if_fail (FW_IS_LOCK_DIALOG (self), FALSE);
  return self->provisional;
}

static void
on_response (FwLockDialog *self, const char *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "lock") != 0 || self->session == NULL || fw_session_is_locked (self->session))
    return;
  if (!fw_session_set_locked (self->session, TRUE, NULL, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
show_state (FwLockDialog *self)
{
  FwRating *rating = fw_session_get_rating (self->session);
  g_autoptr(GPtrArray) problems = fw_review_problems (fw_session_get_store (self->session),
                                                      fw_session_get_inspection_id (self->session), NULL);
  g_autofree char *count = NULL;

  /* the ratings: final, or provisional and why */
  self->provisional = rating == NULL || (rating->missing && rating->missing->len > 0);
  if (self->provisional)
    {
      g_autofree char *why = NULL;

      if (rating && rating->missing && rating->missing->len > 0)
        {
          /* the first few; the list below has the rest */
          GString *list = g_string_new (NULL);
          guint shown = MIN (rating->missing->len, MAX_MISSING_SAID);

          for (guint i = 0; i < shown; i++)
            g_string_append_printf (list, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (rating->missing, i));
          if (rating->missing->len > shown)
            /* TRANSLATORS: after the first few missing items of the ratings */
            g_string_append_printf (list, ngettext ("; and %u more", "; and %u more", rating->missing->len - shown),
                                    rating->missing->len - shown);
          why = g_string_free (list, FALSE);
        }
      {
        g_autofree char *text = why ? g_strdup_printf (_("The ratings are provisional: %s."), why)
                                    : g_strdup (_("The ratings are provisional."));
        gtk_label_set_text (GTK_LABEL (self->ratings_label), text);
      }
      gtk_widget_add_css_class (self->ratings_label, "warning");
    }
  else
    gtk_label_set_text (GTK_LABEL (self->ratings_label), _("The ratings are final: nothing they rest on is missing."));
  /* and what they rest on that the framework marks provisional */
  if (rating && rating->provisional && rating->provisional->len > 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *caveats = NULL;

      g_ptr_array_add (rating->provisional, NULL);
      caveats = g_strjoinv ("; ", (char **) rating->provisional->pdata);
      g_ptr_array_remove_index (rating->provisional, rating->provisional->len - 1);
      text = g_strdup_printf (_("%s The framework marks as provisional: %s."),
                              gtk_label_get_text (GTK_LABEL (self->ratings_label)), caveats);
      gtk_label_set_text (GTK_LABEL (self->ratings_label), text);
      gtk_widget_add_css_class (self->ratings_label, "warning");
      self->provisional = TRUE;
    }

  self->n_problems = problems ? problems->len : 0;
  /* Enter locks only what is ready to lock; otherwise it cancels, and Lock
   * is chosen on purpose (Alt+L, or Tab to it) */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self),
                                           self->n_problems > 0 || self->provisional ? "cancel" : "lock");
  count = self->n_problems == 0 ? g_strdup (_("No open problems."))
        : g_strdup_printf (ngettext ("%u open problem:", "%u open problems:", self->n_problems), self->n_problems);
  gtk_label_set_text (GTK_LABEL (self->problems_label), count);
  gtk_widget_set_visible (self->problems_scroller, self->n_problems > 0);
  for (guint i = 0; problems && i < problems->len && i < MAX_LISTED; i++)
    {
      FwProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = p->item ? g_strdup_printf ("%s · %s", p->reference, p->item) : g_strdup (p->reference);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fw_problem_kind_title (p->kind));
      gtk_list_box_append (GTK_LIST_BOX (self->problems), row);
    }
}

static void
fw_lock_dialog_dispose (GObject *object)
{
  FwLockDialog *self = FW_LOCK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_LOCK_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (fw_lock_dialog_parent_class)->dispose (object);
}

static void
fw_lock_dialog_class_init (FwLockDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_lock_dialog_dispose;
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/fieldwork/Fieldwork/ui/fw-lock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwLockDialog, ratings_label);
  gtk_widget_class_bind_template_child (widget_class, FwLockDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, FwLockDialog, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, FwLockDialog, problems);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
fw_lock_dialog_init (FwLockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_lock_dialog_new (GtkWindow *parent, FwSession *session)
{
  FwLockDialog *self;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  self = g_object_new (FW_TYPE_LOCK_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  show_state (self);
  return GTK_WIDGET (self);
}
