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

/* A sealed return whose payload carries body as its changeset. */
static char *
write_return (const char *dir, const char *name, const guint8 *body, gsize body_length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  g_autoptr(GBytes) plain_bytes = NULL, sealed = NULL;
  g_autofree char *meta = g_strdup_printf ("[sync]\nkind=return\nschema=%d\ninspection=I-1\n"
                                           "inspector=Inspector A\nid=R-1\n", FW_STORE_VERSION);
  guint32 n = (guint32) strlen (meta);
  guint8 be[4] = { n >> 24, n >> 16, n >> 8, n };

  g_byte_array_append (plain, (const guint8 *) "FWSYNC1\n", 8);
  g_byte_array_append (plain, be, 4);
  g_byte_array_append (plain, (const guint8 *) meta, n);
  g_byte_array_append (plain, body, body_length);
  plain_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&plain));
  sealed = fw_crypt_seal (plain_bytes, PASS, &error);
  ck_assert_msg (sealed != NULL, "%s", error ? error->message : "");
  return fw_test_write (dir, name, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
}

/* A return whose changeset names a table without the NUL that ends the
 * name: SQLite 3.40's changeset reader loops for ever on it (the return
 * fuzzer's first timeout). It is refused at once, in one line naming the
 * file; an empty changeset (a return of no changes) is still read. */
START_TEST (test_return_unterminated_table)
{
  static const guint8 body[] = { 0x54, 0x07, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 'a', 'n', 's', 'w', 'F' };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fw_test_tmpdir ();
  g_autofree char *path = NULL, *empty_path = NULL;
  g_autoptr(FwSyncFile) empty = NULL;
  FwSyncFile *file;

  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  path = write_return (dir, "looping.return", body, sizeof body);
  file = fw_sync_file_read (path, PASS, &error);
  ck_assert_ptr_null (file);
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID);
  ck_assert_ptr_nonnull (strstr (error->message, "looping.return"));
  ck_assert_ptr_null (strchr (error->message, '\n'));

  empty_path = write_return (dir, "empty.return", NULL, 0);
  g_clear_error (&error);
  empty = fw_sync_file_read (empty_path, PASS, &error);
  ck_assert_msg (empty != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (fw_sync_file_get_kind (empty), FW_SYNC_RETURN);
  fw_test_rmdir (dir);
}
END_TEST

static Suite *
sync_fuzz_suite (void)
{
  Suite *s = suite_create ("sync-fuzz");
  TCase *tc = tcase_create ("regressions");

  /* a loop for ever fails the test, not the suite's whole time */
  tcase_set_timeout (tc, 20);

  tcase_add_test (tc, test_seal_empty);
  tcase_add_test (tc, test_return_unterminated_table);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return fw_test_run (sync_fuzz_suite ());
}
