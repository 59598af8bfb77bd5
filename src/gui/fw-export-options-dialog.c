/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n.h>

#include "fw-export-options-dialog.h"

struct _FwExportOptionsDialog {
  AdwMessageDialog  parent_instance;

  /* template */
  GtkWidget        *what;
  GtkWidget        *format;
  GtkWidget        *file;

  FwSession        *session;
  gboolean          has_subsample;
  char             *what_text;
};

G_DEFINE_FINAL_TYPE (FwExportOptionsDialog, fw_export_options_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* parallel to the format row's entries in the template */
static const struct {
  FwExportFormat format;
  const char    *extension;
} formats[] = {
  { FW_EXPORT_PDF, "pdf" },
  { FW_EXPORT_XLSX, "xlsx" },
  { FW_EXPORT_HTML, "html" },
  { FW_EXPORT_CSV, "csv" },
  { FW_EXPORT_ANSWERS_CSV, "csv" },
};

static guint
format_position (FwExportOptionsDialog *self)
{
  guint pos = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format));
  return pos < G_N_ELEMENTS (formats) ? pos : 0;
}

FwExportFormat
fw_export_options_dialog_get_format (FwExportOptionsDialog *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_OPTIONS_DIALOG (self), FW_EXPORT_PDF);
  return formats[format_position (self)].format;
}

gboolean
fw_export_options_dialog_get_whole_sample (FwExportOptionsDialog *self)
{
  g_return_val_if_fail (FW_IS_EXPORT_OPTIONS_DIALOG (self), TRUE);
  return !self->has_subsample || adw_combo_row_get_selected (ADW_COMBO_ROW (self->what)) == 0;
}

void
fw_export_options_dialog_set_whole_sample (FwExportOptionsDialog *self, gboolean whole)
{
  g_return_if_fail (FW_IS_EXPORT_OPTIONS_DIALOG (self));
  if (self->has_subsample)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->what), whole ? 0 : 1);
}

static gboolean
is_known_extension (const char *ext)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (ext, formats[i].extension) == 0)
      return TRUE;
  return FALSE;
}

char *
fw_export_options_dialog_dup_path (FwExportOptionsDialog *self)
{
  g_autofree char *text = NULL;
  const char *dot, *slash;

  g_return_val_if_fail (FW_IS_EXPORT_OPTIONS_DIALOG (self), NULL);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->file))));
  if (*text == '\0')
    return NULL;
  dot = strrchr (text, '.');
  slash = strrchr (text, G_DIR_SEPARATOR);
  if (dot && (slash == NULL || dot > slash) && is_known_extension (dot + 1))
    return g_steal_pointer (&text);
  return g_strconcat (text, ".", formats[format_position (self)].extension, NULL);
}

const char *
fw_export_options_dialog_get_what_text (FwExportOptionsDialog *self)
{
  GListModel *model;
  guint pos;

  g_return_val_if_fail (FW_IS_EXPORT_OPTIONS_DIALOG (self), NULL);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (self->what));
  pos = adw_combo_row_get_selected (ADW_COMBO_ROW (self->what));
  if (model == NULL || pos >= g_list_model_get_n_items (model))
    return NULL;
  g_free (self->what_text);
  {
    g_autoptr(GtkStringObject) s = g_list_model_get_item (model, pos);
    self->what_text = g_strdup (gtk_string_object_get_string (s));
  }
  return self->what_text;
}

static void
validate (FwExportOptionsDialog *self)
{
  g_autofree char *path = fw_export_options_dialog_dup_path (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "export", path != NULL);
}

/* The file's extension follows the format chosen. */
static void
on_format_selected (FwExportOptionsDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->file));
  const char *dot = strrchr (text, '.');
  const char *slash = strrchr (text, G_DIR_SEPARATOR);

  if (dot && (slash == NULL || dot > slash) && is_known_extension (dot + 1))
    {
      g_autofree char *stem = g_strndup (text, dot - text);
      g_autofree char *path = g_strconcat (stem, ".", formats[format_position (self)].extension, NULL);

      gtk_editable_set_text (GTK_EDITABLE (self->file), path);
    }
  validate (self);
}

static void
on_choose_response (GtkNativeDialog *native, int response, FwExportOptionsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (path)
        gtk_editable_set_text (GTK_EDITABLE (self->file), path);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
on_choose_clicked (FwExportOptionsDialog *self)
{
  GtkFileChooserNative *native;
  g_autofree char *path = fw_export_options_dialog_dup_path (self);

  native = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (path)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      if (folder)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  g_signal_connect (native, "response", G_CALLBACK (on_choose_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static guint
count_cases (FwSession *session, const FwFilter *filter)
{
  GListModel *cases = fw_session_get_cases (session);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(FwCaseItem) item = g_list_model_get_item (cases, i);
      n += filter == NULL || fw_filter_matches (filter, fw_case_item_get_case (item));
    }
  return n;
}

/* The whole sample, and the sub-sample chosen in the ratings panel, in
 * words; the sub-sample is chosen when there is one. */
static void
fill_what (FwExportOptionsDialog *self)
{
  const FwFilter *filter = fw_session_get_filter (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint all = count_cases (self->session, NULL);
  g_autofree char *whole = g_strdup_printf (ngettext ("Whole sample · %u case", "Whole sample · %u cases", all), all);

  gtk_string_list_append (names, whole);
  self->has_subsample = filter != NULL && !fw_filter_is_empty (filter);
  if (self->has_subsample)
    {
      g_autofree char *words = fw_filter_describe_words (filter, fw_session_get_framework (self->session));
      guint n = count_cases (self->session, filter);
      /* TRANSLATORS: a sub-sample and its number of cases: "Out-of-court disposals only · 20 cases" */
      g_autofree char *sub = g_strdup_printf (ngettext ("%s · %u case", "%s · %u cases", n), words, n);

      gtk_string_list_append (names, sub);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->what), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->what), self->has_subsample ? 1 : 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->what),
                               self->has_subsample ? _("The sub-sample is the one chosen in the ratings panel")
                                                   : _("Choose a sub-sample in the ratings panel to export it alone"));
}

static void
fw_export_options_dialog_dispose (GObject *object)
{
  FwExportOptionsDialog *self = FW_EXPORT_OPTIONS_DIALOG (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_EXPORT_OPTIONS_DIALOG);
  G_OBJECT_CLASS (fw_export_options_dialog_parent_class)->dispose (object);
}

static void
fw_export_options_dialog_finalize (GObject *object)
{
  g_free (FW_EXPORT_OPTIONS_DIALOG (object)->what_text);
  G_OBJECT_CLASS (fw_export_options_dialog_parent_class)->finalize (object);
}

static void
fw_export_options_dialog_class_init (FwExportOptionsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fw_export_options_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = fw_export_options_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/fieldwork/Fieldwork/ui/fw-export-options-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwExportOptionsDialog, what);
  gtk_widget_class_bind_template_child (widget_class, FwExportOptionsDialog, format);
  gtk_widget_class_bind_template_child (widget_class, FwExportOptionsDialog, file);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_format_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
}

static void
fw_export_options_dialog_init (FwExportOptionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fw_export_options_dialog_new (GtkWindow *parent, FwSession *session, const char *folder)
{
  FwExportOptionsDialog *self;
  g_autofree char *name = NULL, *path = NULL;

  g_return_val_if_fail (FW_IS_SESSION (session), NULL);
  self = g_object_new (FW_TYPE_EXPORT_OPTIONS_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  fill_what (self);
  /* a file name without a path separator in it */
  name = g_strdelimit (g_strdup (fw_session_get_info (session)->service), G_DIR_SEPARATOR_S, '-');
  path = g_build_filename (folder ? folder : g_get_home_dir (), name, NULL);
  {
    g_autofree char *with_ext = g_strconcat (path, ".pdf", NULL);
    gtk_editable_set_text (GTK_EDITABLE (self->file), with_ext);
  }
  validate (self);
  gtk_widget_grab_focus (self->file);
  return GTK_WIDGET (self);
}
