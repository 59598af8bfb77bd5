/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Draw the sample", in process, by keys: opened from the window's menu
 * (F10), the confidence, the seed, the draw and a replacement given by Tab,
 * mnemonics, Ctrl+Enter and the drop-down's own keys, checked against the
 * window's case list and the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw-application.h"
#include "fw-draw-page.h"
#include "fw-window.h"
#include "fw-gui-test-util.h"
#include "fw-test-util.h"

static FwDrawPage *
find_page (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) top = g_list_model_get_item (toplevels, i);
      if (FW_IS_DRAW_PAGE (top) && gtk_widget_get_visible (GTK_WIDGET (top)))
        return FW_DRAW_PAGE (top);
    }
  return NULL;
}

static GtkWidget *
find_child (GtkWidget *root, GType type, const char *accessible_title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type)
          && (accessible_title == NULL
              || (ADW_IS_PREFERENCES_ROW (c)
                  && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), accessible_title))))
        return c;
      if ((found = find_child (c, type, accessible_title)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_shown (gpointer data)
{
  return find_page () != NULL;
}

static gboolean
has_message (gpointer page)
{
  return fw_draw_page_get_message (page) != NULL;
}

static gboolean
replaced (gpointer page)
{
  return fw_draw_page_get_summary (page)->replacements->len > 0;
}

static gboolean
drawn (gpointer page)
{
  return fw_draw_page_get_summary (page)->drawn;
}

START_TEST (test_draw_page)
{
  g_autoptr(FwApplication) app = fw_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *population = NULL;
  const char *inspectors[] = { "Lead", NULL };
  FwWindow *window;
  FwDrawPage *page;
  FwDrawSummary *summary;
  FwStore *store;
  const char *id;
  GtkWidget *seed, *reason, *dropdown;
  g_autoptr(GString) csv = g_string_new ("reference,kind,gender,rosh,case_manager,excluded\n");

  FW_GUI_TEST_SKIP_WITHOUT_REAL_KEYS ();

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (csv, "R-%03u,%s,%s,%s,CM%u,%s\n", i, i < 37 ? "court" : "out-of-court",
                            i % 4 == 0 ? "female" : "male", i % 3 ? "low" : "high", i % 15,
                            i == 5 ? "in custody elsewhere" : "");
  g_settings_set_string (fw_application_get_settings (app), "inspector-name", "Lead");
  ck_assert (g_application_register (G_APPLICATION (app), NULL, &error));
  window = fw_window_new (GTK_APPLICATION (app), fw_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (window));
  fw_gui_test_wait_mapped (GTK_WIDGET (window));
  ck_assert_msg (fw_window_create_inspection (window, "hmip-youth-2018", "Sampled Service", "2026-11-16",
                                              inspectors, &error), "%s", error ? error->message : "");
  store = fw_window_get_store (window);
  id = fw_session_get_inspection_id (fw_window_get_session (window));
  ck_assert_msg (fw_population_import_data (store, id, csv->str, csv->len, "population.csv", NULL, &error),
                 "%s", error ? error->message : "");

  /* the window's menu item: F10 opens the menu, Down to Draw the Sample…, Enter */
  fw_gui_test_key (GTK_WINDOW (window), "F10");
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    GtkWidget *draw = NULL;

    fw_gui_test_collect (GTK_WIDGET (window), g_type_from_name ("GtkModelButton"), items);
    for (guint i = 0; i < items->len; i++)
      {
        g_autofree char *text = NULL;

        g_object_get (g_ptr_array_index (items, i), "text", &text, NULL);
        if (g_strcmp0 (text, "Draw the Sample…") == 0)
          draw = g_ptr_array_index (items, i);
      }
    ck_assert_msg (draw != NULL && gtk_widget_get_mapped (draw), "F10 does not show Draw the Sample…");
    fw_gui_test_tab_to (GTK_WINDOW (window), draw, "Down", 20);
    fw_gui_test_key (GTK_WINDOW (window), "Return");
  }
  ck_assert_msg (fw_gui_test_wait_until (page_shown, NULL, 2000) >= 0, "Enter on Draw the Sample… did not open it");
  page = find_page ();
  fw_gui_test_wait_mapped (GTK_WIDGET (page));
  summary = fw_draw_page_get_summary (page);
  ck_assert (!summary->drawn);
  ck_assert_uint_eq (summary->exclusions->len, 1);
  ck_assert_str_eq (((FwExclusion *) g_ptr_array_index (summary->exclusions, 0))->reason, "in custody elsewhere");
  /* 36 eligible court cases → 30; 23 out-of-court → 21 */
  ck_assert_uint_eq (((FwDrawKind *) g_ptr_array_index (summary->kinds, 0))->n, fw_sample_size (36, 80, 5));
  ck_assert_ptr_nonnull (strstr (fw_draw_page_get_chart_text (page), "Gender female: population"));

  /* each of the options' keys goes to one field: pressed twice, the focus
   * stays (a key shared by two fields moves it to the other one) */
  {
    const char *keys[][2] = { { "<Alt>c", "Confidence" }, { "<Alt>m", "Margin" }, { "<Alt>t", "case manager" },
                              { "<Alt>r", "Reserve" } };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        GtkWidget *row = find_child (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, keys[i][1]);

        ck_assert_ptr_nonnull (row);
        for (int press = 0; press < 2; press++)
          {
            fw_gui_test_key (GTK_WINDOW (page), keys[i][0]);
            ck_assert_msg (fw_gui_test_focus_within (row), "%s %s does not stay on %s", press ? "again," : "",
                           keys[i][0], keys[i][1]);
          }
      }
  }

  /* nothing is drawn yet: the case to replace and its reason are not offered,
   * and their keys do nothing (an empty drop-down opened by its key was a
   * GTK critical) */
  for (int press = 0; press < 2; press++)
    {
      fw_gui_test_key (GTK_WINDOW (page), "<Alt>a");
      fw_gui_test_key (GTK_WINDOW (page), "<Alt>e");
    }
  ck_assert (!fw_gui_test_focus_within (find_child (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, "C_ase")));
  ck_assert (!gtk_widget_is_sensitive (find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "R_eason")));

  /* more confidence takes effect at once */
  {
    GtkWidget *confidence = find_child (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, NULL);

    ck_assert_ptr_nonnull (confidence);
    /* Alt+C and Tab to it, 95 typed over the value, Enter */
    fw_gui_test_key (GTK_WINDOW (page), "<Alt>c");
    fw_gui_test_tab_to (GTK_WINDOW (page), confidence, "Tab", 3);
    fw_gui_test_key (GTK_WINDOW (page), "<Control>a");
    fw_gui_test_type (GTK_WINDOW (page), "95");
    fw_gui_test_key (GTK_WINDOW (page), "Return");
    ck_assert_uint_eq (((FwDrawKind *) g_ptr_array_index (fw_draw_page_get_summary (page)->kinds, 0))->n,
                       fw_sample_size (36, 95, 5));
    /* and back to 80 */
    fw_gui_test_key (GTK_WINDOW (page), "<Control>a");
    fw_gui_test_type (GTK_WINDOW (page), "80");
    fw_gui_test_key (GTK_WINDOW (page), "Return");
    ck_assert_uint_eq (((FwDrawKind *) g_ptr_array_index (fw_draw_page_get_summary (page)->kinds, 0))->n,
                       fw_sample_size (36, 80, 5));
  }
  /* the seed typed after Alt+S, its mnemonic; Ctrl+Enter draws */
  seed = find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "Seed");
  ck_assert_ptr_nonnull (seed);
  fw_gui_test_key (GTK_WINDOW (page), "<Alt>s");
  ck_assert_msg (fw_gui_test_focus_within (seed), "Alt+S does not reach the seed");
  fw_gui_test_type (GTK_WINDOW (page), "gui-seed");
  fw_gui_test_key (GTK_WINDOW (page), "<Control>Return");
  ck_assert_msg (fw_gui_test_wait_until (drawn, page, 5000) >= 0, "Ctrl+Enter did not draw: %s",
                 fw_draw_page_get_message (page));
  ck_assert_msg (fw_draw_page_get_message (page) == NULL, "%s", fw_draw_page_get_message (page));
  summary = fw_draw_page_get_summary (page);
  ck_assert (summary->drawn);
  ck_assert_str_eq (summary->seed, "gui-seed");
  ck_assert_uint_eq (fw_window_get_n_shown_cases (window),
                     fw_sample_size (36, 80, 5) + fw_sample_size (23, 80, 5));
  /* drawing twice is refused, and said so */
  ck_assert (!gtk_widget_is_sensitive (find_child (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, NULL)));

  /* Replace a drawn case */
  dropdown = find_child (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, NULL);
  reason = find_child (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, "R_eason");
  ck_assert_ptr_nonnull (dropdown);
  ck_assert_ptr_nonnull (reason);
  /* the second drawn case, by keys: Alt+A to the drop-down's row, Space, Down, Enter */
  fw_gui_test_key (GTK_WINDOW (page), "<Alt>a");
  fw_gui_test_choose_by_keys (GTK_WINDOW (page), dropdown, 1);
  ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), 1);
  {
    g_autofree char *second = g_strdup (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown))));
    g_autoptr(FwCase) gone = NULL;
    guint shown = fw_window_get_n_shown_cases (window);

    /* no reason: Alt+P (Replace with the Next Reserve) is refused, with the message shown */
    fw_gui_test_key (GTK_WINDOW (page), "<Alt>p");
    ck_assert_msg (fw_gui_test_wait_until (has_message, page, 2000) >= 0, "Alt+P without a reason said nothing");
    fw_gui_test_key (GTK_WINDOW (page), "<Alt>e");
    ck_assert_msg (fw_gui_test_focus_within (reason), "Alt+E does not reach the reason");
    fw_gui_test_type (GTK_WINDOW (page), "moved out of the area");
    fw_gui_test_key (GTK_WINDOW (page), "<Alt>p");
    ck_assert_msg (fw_gui_test_wait_until (replaced, page, 2000) >= 0, "Alt+P did not replace the case: %s",
                   fw_draw_page_get_message (page));
    ck_assert_msg (fw_draw_page_get_message (page) == NULL, "%s", fw_draw_page_get_message (page));
    ck_assert_uint_eq (fw_draw_page_get_summary (page)->replacements->len, 1);
    gone = fw_store_find_case (store, id, second, NULL);
    ck_assert_ptr_null (gone);
    ck_assert_uint_eq (fw_window_get_n_shown_cases (window), shown);
  }
  gtk_window_destroy (GTK_WINDOW (page));
  gtk_window_destroy (GTK_WINDOW (window));
  fw_gui_test_spin ();
}
END_TEST

int
main (void)
{
  Suite *s;
  TCase *tc;
  int status;

  if ((status = fw_gui_test_init ("fieldwork-gui-draw")) >= 0)
    return status;
  s = suite_create ("draw-page");
  tc = tcase_create ("draw-page");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_draw_page);
  suite_add_tcase (s, tc);
  return fw_gui_test_run (s);
}
