/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "fw-test-util.h"

char *
fw_test_data_path (const char *relative)
{
  const char *dir = g_getenv ("FW_TEST_DATA");
  ck_assert_msg (dir != NULL, "FW_TEST_DATA is not set");
  return g_build_filename (dir, relative, NULL);
}

char *
fw_test_framework_path (const char *name)
{
  const char *dir = g_getenv ("FW_FRAMEWORKS");
  ck_assert_msg (dir != NULL, "FW_FRAMEWORKS is not set");
  return g_build_filename (dir, name, NULL);
}

FwFramework *
fw_test_load_framework (const char *path)
{
  g_autoptr(GError) error = NULL;
  FwFramework *fw = fw_framework_new_from_file (path, &error);

  ck_assert_msg (fw != NULL, "%s: %s", path, error ? error->message : "?");
  return fw;
}

char *
fw_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fieldwork-test-XXXXXX", &error);

  ck_assert_msg (dir != NULL, "%s", error ? error->message : "");
  return dir;
}

void
fw_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        fw_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
fw_test_write (const char *dir, const char *name, const char *contents, gssize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  ck_assert_msg (g_file_set_contents (path, contents, length, &error), "%s", error ? error->message : "");
  return path;
}

FwStore *
fw_test_store_with_inspection (const char *dir, const char *framework_path, char **inspection_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  g_autoptr(FwFramework) fw = fw_test_load_framework (framework_path);
  FwStore *store = fw_store_open (db, &error);
  const char *inspectors[] = { "Inspector A", "Inspector B", NULL };

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  fw_store_set_user (store, "Test inspector");
  *inspection_id = fw_store_create_inspection (store, fw, "Test service", "2019-10-07", inspectors, &error);
  ck_assert_msg (*inspection_id != NULL, "%s", error ? error->message : "");
  return store;
}

char *
fw_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

int
fw_test_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_set_tap (runner, "-");
  srunner_run_all (runner, CK_SILENT);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
