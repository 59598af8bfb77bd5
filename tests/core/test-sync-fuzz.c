/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inputs the package and return fuzzers (tests/fuzz/fuzz-sync.c) found,
 * each kept here once fixed. Run in the sanitizer build too, where any
 * undefined behaviour stops the test. */
#include <string.h>
#include <glib/gstdio.h>

#include "fw-test-util.h"
#include "fw-crypt.h"

#define PASS "fuzzing passphrase"

/* Sealing nothing (an empty GBytes has a NULL data pointer) gives a file
 * that opens back to nothing, and read as a package or return it is
 * refused in one line naming the file. */
START_TEST (test_seal_empty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0), sealed = NULL, opened = NULL;
  g_autofree char *dir = fw_test_tmpdir (), *path = NULL;
  FwSyncFile *file;

  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  sealed = fw_crypt_seal (empty, PASS, &error);
  ck_assert_msg (sealed != NULL, "%s", error ? error->message : "");
  ck_assert_uint_gt (g_bytes_get_size (sealed), FW_CRYPT_HEADER_SIZE);
  opened = fw_crypt_open (sealed, PASS, "empty.sealed", &error);
  ck_assert_msg (opened != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (g_bytes_get_size (opened), 0);
  path = fw_test_write (dir, "empty.sealed", g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  file = fw_sync_file_read (path, PASS, &error);
  ck_assert_ptr_null (file);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "empty.sealed"));
  ck_assert_ptr_null (strchr (error->message, '\n'));
  fw_test_rmdir (dir);
}
END_TEST

static Suite *
sync_fuzz_suite (void)
{
  Suite *s = suite_create ("sync-fuzz");
  TCase *tc = tcase_create ("regressions");

  tcase_add_test (tc, test_seal_empty);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return fw_test_run (sync_fuzz_suite ());
}
