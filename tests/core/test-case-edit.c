/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Changing a case's details after it was added: one of the framework's
 * attributes, through the write path (the lead's, audited, announced). */
#include <string.h>

#include "fw-test-util.h"

static char *tmpdir;
static FwStore *store;
static char *insp;

static void
setup (void)
{
  g_autofree char *fw = fw_test_framework_path ("hmip-youth-2018.xml");

  tmpdir = fw_test_tmpdir ();
  store = fw_test_store_with_inspection (tmpdir, fw, &insp);
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_pointer (&insp, g_free);
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
add_case (const char *reference, const char *rosh)
{
  g_autoptr(GError) error = NULL;
  const char *attrs[] = { "kind", "court", "rosh", rosh, NULL };
  char *id = fw_store_add_case (store, insp, reference, attrs, &error);

  ck_assert_msg (id != NULL, "%s: %s", reference, error ? error->message : "?");
  return id;
}

static void
on_changed (FwSession *session, FwChange *change, GPtrArray *heard)
{
  g_ptr_array_add (heard, fw_change_copy (change));
}

START_TEST (test_set_attribute)
{
  g_autofree char *id = add_case ("E-1", "low");
  g_autoptr(FwSession) session = NULL;
  g_autoptr(GPtrArray) heard = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_change_free);
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFilter) high = fw_filter_new ();
  FwCaseItem *item;
  FwAuditEntry *last;
  FwChange *change;
  guint n;

  session = fw_session_new (store, insp, &error);
  ck_assert_msg (session != NULL, "%s", error ? error->message : "");
  g_signal_connect (session, "changed", G_CALLBACK (on_changed), heard);
  item = fw_session_find_case (session, id, NULL);
  ck_assert_str_eq (fw_case_item_get_attr (item, "rosh"), "low");

  /* the sub-sample of high-RoSH cases has none yet */
  fw_filter_add (high, "rosh", "high");
  ck_assert (fw_session_set_filter (session, g_steal_pointer (&high), &error));

  /* a closed attribute takes only its values, and a refusal changes nothing */
  n = fw_store_count_audit (store, insp, NULL);
  ck_assert (!fw_session_set_case_attribute (session, id, "rosh", "enormous", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  ck_assert_msg (strstr (error->message, "enormous") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!fw_session_set_case_attribute (session, id, "shoe_size", "9", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ck_assert_uint_eq (fw_store_count_audit (store, insp, NULL), n);
  ck_assert_uint_eq (heard->len, 0);

  /* the change: audited, announced, followed by the session */
  ck_assert_msg (fw_session_set_case_attribute (session, id, "rosh", "High", &error), "%s",
                 error ? error->message : "");
  ck_assert_str_eq (fw_case_item_get_attr (item, "rosh"), "high");
  ck_assert_uint_eq (heard->len, 1);
  change = g_ptr_array_index (heard, 0);
  ck_assert_int_eq (change->kind, FW_CHANGE_CASE_ATTRIBUTE);
  ck_assert_str_eq (change->case_id, id);
  ck_assert_str_eq (change->item, "rosh");
  ck_assert_str_eq (change->old_value, "low");
  ck_assert_str_eq (change->new_value, "high");
  trail = fw_store_list_audit (store, insp, id, &error);
  last = g_ptr_array_index (trail, trail->len - 1);
  ck_assert_str_eq (last->action, "attribute");
  ck_assert_str_eq (last->item, "rosh");
  ck_assert_str_eq (last->new_value, "high");

  /* the same again changes nothing; clearing it is a change */
  ck_assert (fw_session_set_case_attribute (session, id, "rosh", "high", &error));
  ck_assert_uint_eq (heard->len, 1);
  ck_assert_msg (fw_session_set_case_attribute (session, id, "interview", "yes", &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (heard->len == 2, "heard %u", heard->len);
  ck_assert_str_eq (fw_case_item_get_attr (item, "interview"), "yes");
  ck_assert (fw_session_set_case_attribute (session, id, "interview", NULL, &error));
  ck_assert_ptr_null (fw_case_item_get_attr (item, "interview"));
  ck_assert_uint_eq (heard->len, 3);

  /* locked: refused */
  ck_assert (fw_session_set_locked (session, TRUE, NULL, &error));
  ck_assert (!fw_session_set_case_attribute (session, id, "rosh", "low", &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_LOCKED);
}
END_TEST

/* fieldwork-cli set-attribute, seen by a second store on the same file */
START_TEST (test_cli_set_attribute)
{
  g_autofree char *id = add_case ("E-2", "medium");
  g_autofree char *db = g_build_filename (tmpdir, "test.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCase) kase = NULL;
  int status;
  const char *argv[] = { g_getenv ("FW_CLI"), "--db", db, "set-attribute", "--inspection", insp, "--case", "E-2",
                         "--attribute", "safety_wellbeing", "--value", "very high", NULL };
  const char *bad[] = { g_getenv ("FW_CLI"), "--db", db, "set-attribute", "--inspection", insp, "--case", "E-2",
                        "--attribute", "rosh", "--value", "purple", NULL };

  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "%s", err);
  ck_assert (fw_store_poll (store));
  kase = fw_store_get_case (store, id, &error);
  ck_assert_str_eq (fw_case_get_attr (kase, "safety_wellbeing"), "very high");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  ck_assert (g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  ck_assert (!g_spawn_check_wait_status (status, NULL));
  ck_assert_msg (g_str_has_prefix (err, "fieldwork-cli: ") && strchr (err, '\n') == err + strlen (err) - 1,
                 "not one line: %s", err);
  ck_assert_msg (strstr (err, "purple") != NULL, "%s", err);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("case-edit");
  TCase *tc = tcase_create ("attributes");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_set_attribute);
  tcase_add_test (tc, test_cli_set_attribute);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
