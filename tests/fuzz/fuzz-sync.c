/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: the team package and return readers (FUZZ_SYNC: 0 package,
 * 1 return) on any bytes.
 *
 * An input is either a sealed file ("FWSEALED…", fw-crypt.h), read as it is
 * with the fixed passphrase, or the plain payload inside one (what
 * fw_crypt_open gives back: "FWSYNC1\n", the metadata, the body), which
 * the harness seals with that passphrase first, so that mutations reach the
 * metadata, the package's SQLite image and the return's changeset.
 *
 * package: an opened package goes onto a fresh laptop database.
 * return:  an opened return is merged into the lead's database, inside a
 *          transaction that is rolled back, so every input sees the same
 *          lead.
 *
 * The lead's database is made here, the same every run (ids from a fixed
 * random seed): one inspection of the shipped 2025 framework, two cases
 * allocated to Inspector A. The seeds were made by the real writers from
 * it: run the harness with FIELDWORK_FUZZ_SEEDS=DIR and it writes, into
 * DIR, the package (or a return of a day's work on the laptop opened from
 * it) both sealed and as its plain payload, and exits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "fw-core.h"
#include "fw-crypt.h"

#define PASSPHRASE "fuzzing passphrase"
#define INSPECTOR "Inspector A"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static FwStore *lead;
static FwStore *laptop;
static char *inspection_id;
static char *dir;

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
remove_db (const char *name)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal", NULL };

  for (guint i = 0; suffixes[i]; i++)
    {
      g_autofree char *base = g_strconcat (name, suffixes[i], NULL);
      g_autofree char *path = in_dir (base);
      g_unlink (path);
    }
}

static void
remove_dir (void)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_clear_object (&lead);
  g_clear_object (&laptop);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = in_dir (name);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static FwStore *
open_store (const char *name, const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = in_dir (name);
  FwStore *store = fw_store_open (path, &error);

  g_assert_no_error (error);
  fw_store_set_user (store, user);
  return store;
}

/* a laptop database with nothing in it yet */
static void
fresh_laptop (void)
{
  g_clear_object (&laptop);
  remove_db ("laptop.db");
  laptop = open_store ("laptop.db", INSPECTOR);
}

static void
write_seed (const char *seeds, const char *name, const char *sealed_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL, *sealed_name = g_strconcat (name, ".sealed", NULL);
  g_autofree char *plain_name = g_strconcat (name, ".plain", NULL);
  g_autofree char *out_sealed = g_build_filename (seeds, sealed_name, NULL);
  g_autofree char *out_plain = g_build_filename (seeds, plain_name, NULL);
  g_autoptr(GBytes) sealed = NULL, plain = NULL;
  gsize length;

  g_file_get_contents (sealed_path, &contents, &length, &error);
  g_assert_no_error (error);
  sealed = g_bytes_new_take (g_steal_pointer (&contents), length);
  plain = fw_crypt_open (sealed, PASSPHRASE, sealed_path, &error);
  g_assert_no_error (error);
  g_file_set_contents (out_sealed, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), &error);
  g_assert_no_error (error);
  g_file_set_contents (out_plain, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), &error);
  g_assert_no_error (error);
  fprintf (stderr, "wrote %s (%zu bytes) and %s (%zu bytes)\n", out_sealed, g_bytes_get_size (sealed),
           out_plain, g_bytes_get_size (plain));
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *package = NULL;
  const char *inspectors[] = { INSPECTOR, NULL };
  const char *cases = "reference,kind,inspector\nFZ-1,child,Inspector A\nFZ-2,victim,Inspector A\n";
  const char *seeds = g_getenv ("FIELDWORK_FUZZ_SEEDS");

  /* cheap key derivation; ids the same every run, so that the seeds'
   * inspection and cases are this lead's */
  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  g_random_set_seed (20250106);
  dir = g_dir_make_tmp ("fw-fuzz-sync-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_dir);
  lead = open_store ("lead.db", "Lead");
  fw = fw_framework_load_available ("hmip-youth-2025", &error);
  g_assert_no_error (error);
  inspection_id = fw_store_create_inspection (lead, fw, "Fuzz service", "2025-01-06", inspectors, &error);
  g_assert_no_error (error);
  fw_import_cases_data (lead, inspection_id, cases, strlen (cases), "cases.csv", NULL, &error);
  g_assert_no_error (error);
  package = in_dir ("a.package");
  fw_sync_write_package (lead, inspection_id, INSPECTOR, package, PASSPHRASE, &error);
  g_assert_no_error (error);
  fresh_laptop ();
#if FUZZ_SYNC == 0
  if (seeds)
    write_seed (seeds, "package", package);
#else
  if (seeds)
    {
      g_autoptr(FwSyncFile) file = fw_sync_file_read (package, PASSPHRASE, &error);
      g_autofree char *id = NULL, *ret = in_dir ("a.return");
      const char *answers = "reference,question,answer,note\n"
                            "FZ-1,2.1.1,yes,Seen in the plan\nFZ-1,2.1.2,no,\nFZ-1,2.2.1,na,\n";

      g_assert_no_error (error);
      id = fw_sync_open_package (laptop, file, NULL, &error);
      g_assert_no_error (error);
      fw_import_answers_data (laptop, inspection_id, answers, strlen (answers), "answers.csv", NULL, &error);
      g_assert_no_error (error);
      fw_sync_write_return (laptop, inspection_id, ret, PASSPHRASE, NULL, &error);
      g_assert_no_error (error);
      write_seed (seeds, "return", ret);
    }
#endif
  if (seeds)
    {
      remove_dir ();
      _exit (0);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = g_bytes_new (data, size), sealed = NULL;
  g_autoptr(FwSyncFile) file = NULL;
  g_autofree char *path = in_dir ("input");

  if (size >= 8 && memcmp (data, "FWSEALED", 8) == 0)
    sealed = g_bytes_ref (input);
  else
    {
      sealed = fw_crypt_seal (input, PASSPHRASE, &error);
      g_assert_no_error (error);
    }
  if (!g_file_set_contents (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), &error))
    g_error ("%s", error->message);
  file = fw_sync_file_read (path, PASSPHRASE, &error);
  if (file != NULL)
    {
#if FUZZ_SYNC == 0
      g_autofree char *id = fw_sync_open_package (laptop, file, NULL, &error);

      if (id != NULL)
        fresh_laptop ();
#else
      g_autoptr(GPtrArray) returns = g_ptr_array_new ();

      g_ptr_array_add (returns, file);
      g_assert (fw_store_begin (lead, NULL));
      fw_sync_merge (lead, inspection_id, returns, NULL, NULL, NULL, NULL, &error);
      fw_store_rollback (lead);
#endif
    }
  /* a refusal is one line */
  if (error != NULL && strchr (error->message, '\n') != NULL)
    g_error ("an error of more than one line: %s", error->message);
  return 0;
}
