/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: one of the CSV importers (FUZZ_IMPORT: 0 cases, 1 answers,
 * 2 judgements) on any bytes, into a store with one inspection of the
 * shipped 2025 framework and two cases. Each input runs inside a
 * transaction that is rolled back, so every input sees the same store. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "fw-core.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static FwStore *store;
static char *inspection_id;
static char *dir;

static void
remove_dir (void)
{
  const char *names[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm", NULL };

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *path = NULL;
  const char *inspectors[] = { "Inspector A", NULL };
  const char *cases = "reference,kind,inspector\nFZ-1,child,Inspector A\nFZ-2,victim,Inspector A\n";

  dir = g_dir_make_tmp ("fw-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_dir);
  path = g_build_filename (dir, "fuzz.db", NULL);
  store = fw_store_open (path, &error);
  g_assert_no_error (error);
  fw = fw_framework_load_available ("hmip-youth-2025", &error);
  g_assert_no_error (error);
  inspection_id = fw_store_create_inspection (store, fw, "Fuzz service", "2025-01-06", inspectors, &error);
  g_assert_no_error (error);
  fw_import_cases_data (store, inspection_id, cases, strlen (cases), "cases.csv", NULL, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  const char *text = (const char *) data;
  gboolean ok;

  g_assert (fw_store_begin (store, NULL));
#if FUZZ_IMPORT == 0
  ok = fw_import_cases_data (store, inspection_id, text, size, "fuzz.csv", NULL, &error);
#elif FUZZ_IMPORT == 1
  ok = fw_import_answers_data (store, inspection_id, text, size, "fuzz.csv", NULL, &error);
#else
  ok = fw_import_judgements_data (store, inspection_id, text, size, "fuzz.csv", NULL, &error);
#endif
  /* a refusal is one line naming the file */
  if (!ok && (error == NULL || strchr (error->message, '\n') != NULL
              || !g_str_has_prefix (error->message, "fuzz.csv")))
    g_error ("not a one-line error naming the file: %s", error ? error->message : "(none)");
  fw_store_rollback (store);
  return 0;
}
