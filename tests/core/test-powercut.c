/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A power cut at a random point (issue 14), the way SQLite's own crash
 * tests work: a VFS shim over the default unix VFS keeps, for every file,
 * the image it had at its last xSync and the writes made since. At the
 * chosen write it "cuts the power": that write and every later one fail,
 * and when the store is closed each file is put back to its synced image
 * (in some rounds with a random part of the unsynced writes kept, as a
 * disk might). The database then opens through fw_store_open with every
 * answer whose save returned (synchronous=FULL, WAL), and passes
 * PRAGMA integrity_check. FW_POWERCUT_SEED repeats a run. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fw-test-util.h"

#define ROUNDS 40
#define SAVES 35   /* 5 cases × 7 questions: each saved once */

/* ---------------------------------------------------------------- the shim */

typedef struct {
  gint64  offset;
  GBytes *data;     /* NULL: a truncation to offset */
} Write;

typedef struct {
  char       *path;
  GByteArray *synced;   /* the file as of its last xSync */
  GPtrArray  *pending;  /* Write*, since then, in order */
} Image;

typedef struct {
  sqlite3_file  base;
  Image        *image;
  sqlite3_file *real;   /* the unix VFS's file, after this struct */
} ShimFile;

static sqlite3_vfs *unix_vfs;
static sqlite3_vfs shim_vfs;
static GHashTable *images;     /* path → Image* */
static gint64 writes_seen;     /* xWrite and xTruncate calls since armed */
static gint64 cut_at = -1;     /* the write that does not happen; -1: never */
static gboolean power_off;

static void
write_free (gpointer data)
{
  Write *w = data;

  g_clear_pointer (&w->data, g_bytes_unref);
  g_free (w);
}

static void
image_free (gpointer data)
{
  Image *image = data;

  g_free (image->path);
  g_byte_array_unref (image->synced);
  g_ptr_array_unref (image->pending);
  g_free (image);
}

static void
apply_write (GByteArray *bytes, const Write *w)
{
  if (w->data == NULL)
    {
      if ((gint64) bytes->len > w->offset)
        g_byte_array_set_size (bytes, (guint) w->offset);
      return;
    }
  {
    gsize n;
    const guint8 *p = g_bytes_get_data (w->data, &n);

    if ((gint64) bytes->len < w->offset + (gint64) n)
      {
        guint old = bytes->len;

        g_byte_array_set_size (bytes, (guint) (w->offset + n));
        memset (bytes->data + old, 0, bytes->len - old);
      }
    memcpy (bytes->data + w->offset, p, n);
  }
}

static Image *
image_for (const char *path)
{
  Image *image = g_hash_table_lookup (images, path);

  if (image == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      image = g_new0 (Image, 1);
      image->path = g_strdup (path);
      /* what is there when it is first opened is on the disk already */
      g_file_get_contents (path, &contents, &length, NULL);
      image->synced = g_byte_array_new ();
      g_byte_array_append (image->synced, (const guint8 *) contents, (guint) length);
      image->pending = g_ptr_array_new_with_free_func (write_free);
      g_hash_table_insert (images, image->path, image);
    }
  return image;
}

/* FALSE when the power is off, or goes off at this write */
static gboolean
powered (void)
{
  if (power_off)
    return FALSE;
  if (writes_seen++ == cut_at)
    {
      power_off = TRUE;
      return FALSE;
    }
  return TRUE;
}

static int
shim_close (sqlite3_file *file)
{
  ShimFile *f = (ShimFile *) file;
  int rc = f->real->pMethods ? f->real->pMethods->xClose (f->real) : SQLITE_OK;

  g_free (f->real);
  return rc;
}

static int
shim_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *f = (ShimFile *) file;
  return f->real->pMethods->xRead (f->real, buffer, amount, offset);
}

static int
shim_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *f = (ShimFile *) file;
  Write *w;

  if (f->image == NULL)
    return f->real->pMethods->xWrite (f->real, buffer, amount, offset);
  if (!powered ())
    return SQLITE_IOERR_WRITE;
  w = g_new0 (Write, 1);
  w->offset = offset;
  w->data = g_bytes_new (buffer, amount);
  g_ptr_array_add (f->image->pending, w);
  return f->real->pMethods->xWrite (f->real, buffer, amount, offset);
}

static int
shim_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  ShimFile *f = (ShimFile *) file;
  Write *w;

  if (f->image == NULL)
    return f->real->pMethods->xTruncate (f->real, size);
  if (!powered ())
    return SQLITE_IOERR_TRUNCATE;
  w = g_new0 (Write, 1);
  w->offset = size;
  g_ptr_array_add (f->image->pending, w);
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
shim_sync (sqlite3_file *file, int flags)
{
  ShimFile *f = (ShimFile *) file;
  int rc;

  if (f->image == NULL)
    return f->real->pMethods->xSync (f->real, flags);
  if (power_off)
    return SQLITE_IOERR_FSYNC;
  rc = f->real->pMethods->xSync (f->real, flags);
  if (rc == SQLITE_OK)
    {
      /* everything written so far is on the disk now */
      for (guint i = 0; i < f->image->pending->len; i++)
        apply_write (f->image->synced, g_ptr_array_index (f->image->pending, i));
      g_ptr_array_set_size (f->image->pending, 0);
    }
  return rc;
}

#define PASS(name, args, call) \
  static int shim_##name args { ShimFile *f = (ShimFile *) file; return f->real->pMethods->call; }

PASS (file_size, (sqlite3_file *file, sqlite3_int64 *size), xFileSize (f->real, size))
PASS (lock, (sqlite3_file *file, int level), xLock (f->real, level))
PASS (unlock, (sqlite3_file *file, int level), xUnlock (f->real, level))
PASS (check_reserved, (sqlite3_file *file, int *out), xCheckReservedLock (f->real, out))
PASS (sector_size, (sqlite3_file *file), xSectorSize (f->real))
PASS (device_characteristics, (sqlite3_file *file), xDeviceCharacteristics (f->real))
PASS (shm_map, (sqlite3_file *file, int page, int size, int extend, void volatile **out),
      xShmMap (f->real, page, size, extend, out))
PASS (shm_lock, (sqlite3_file *file, int offset, int n, int flags), xShmLock (f->real, offset, n, flags))
PASS (shm_unmap, (sqlite3_file *file, int delete), xShmUnmap (f->real, delete))

PASS (file_control, (sqlite3_file *file, int op, void *arg), xFileControl (f->real, op, arg))

static void
shim_shm_barrier (sqlite3_file *file)
{
  ShimFile *f = (ShimFile *) file;
  f->real->pMethods->xShmBarrier (f->real);
}

static const sqlite3_io_methods shim_methods = {
  2,   /* no memory-mapped I/O (xFetch): every write goes through xWrite */
  shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size, shim_lock, shim_unlock,
  shim_check_reserved, shim_file_control, shim_sector_size, shim_device_characteristics,
  shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap, NULL, NULL,
};

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *f = (ShimFile *) file;
  int rc;

  f->base.pMethods = NULL;
  f->real = g_malloc0 (unix_vfs->szOsFile);
  rc = unix_vfs->xOpen (unix_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&f->real, g_free);
      return rc;
    }
  /* a temporary file without a name is nobody's data: not followed */
  f->image = name ? image_for (name) : NULL;
  f->base.pMethods = &shim_methods;
  return SQLITE_OK;
}

static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  if (power_off)
    return SQLITE_IOERR_DELETE;
  g_hash_table_remove (images, name);
  return unix_vfs->xDelete (unix_vfs, name, sync_dir);
}

static int
shim_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return unix_vfs->xAccess (unix_vfs, name, flags, out);
}

static int
shim_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return unix_vfs->xFullPathname (unix_vfs, name, n, out);
}

static int
shim_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return unix_vfs->xRandomness (unix_vfs, n, out);
}

static int
shim_sleep (sqlite3_vfs *vfs, int us)
{
  return unix_vfs->xSleep (unix_vfs, us);
}

static int
shim_current_time (sqlite3_vfs *vfs, double *out)
{
  return unix_vfs->xCurrentTime (unix_vfs, out);
}

static int
shim_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return unix_vfs->xGetLastError (unix_vfs, n, out);
}

static int
shim_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return unix_vfs->xCurrentTimeInt64 (unix_vfs, out);
}

/* The shim becomes the default VFS: fw_store_open uses it without knowing. */
static void
shim_register (void)
{
  unix_vfs = sqlite3_vfs_find (NULL);
  ck_assert_ptr_nonnull (unix_vfs);
  shim_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) MAX (sizeof (ShimFile), (gsize) unix_vfs->szOsFile),
    .mxPathname = unix_vfs->mxPathname,
    .zName = "fw-powercut",
    .xOpen = shim_open,
    .xDelete = shim_delete,
    .xAccess = shim_access,
    .xFullPathname = shim_full_pathname,
    .xRandomness = shim_randomness,
    .xSleep = shim_sleep,
    .xCurrentTime = shim_current_time,
    .xGetLastError = shim_last_error,
    .xCurrentTimeInt64 = shim_current_time_int64,
  };
  ck_assert_int_eq (sqlite3_vfs_register (&shim_vfs, 1), SQLITE_OK);
  images = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, image_free);
}

/* After the cut, with every connection closed: each file as the disk
 * would have it. keep: the chance (0 … 100) that an unsynced write made it
 * to the disk anyway. The -shm file is memory, not disk: it goes. */
static void
restore_after_cut (GRand *rng, int keep)
{
  GHashTableIter iter;
  Image *image;

  g_hash_table_iter_init (&iter, images);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &image))
    {
      g_autoptr(GByteArray) disk = g_byte_array_new ();
      g_autoptr(GError) error = NULL;

      g_byte_array_append (disk, image->synced->data, image->synced->len);
      for (guint i = 0; i < image->pending->len; i++)
        if (g_rand_int_range (rng, 0, 100) < keep)
          apply_write (disk, g_ptr_array_index (image->pending, i));
      ck_assert_msg (g_file_set_contents (image->path, (const char *) disk->data, disk->len, &error),
                     "%s", error ? error->message : "");
      g_ptr_array_set_size (image->pending, 0);
    }
  g_hash_table_remove_all (images);
}

static void
shm_remove (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (shm);
}

/* ---------------------------------------------------------------- the test */

static char *tmpdir;
static GRand *rng;

static const char *questions[] = { "SG.1", "SG.2", "RoH.1", "RoH.2", "RoH.3", "LoR.1", "LoR.2" };

static void
setup (void)
{
  rng = fw_test_rand_new_from_env ("FW_POWERCUT_SEED");
  tmpdir = fw_test_tmpdir ();
  shim_register ();
}

static void
teardown (void)
{
  fw_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&rng, g_rand_free);
}

/* Saves answers (to cases in turn, then questions) until one fails; the
 * number that returned TRUE. */
static guint
save_until_failure (FwStore *store, GPtrArray *case_ids, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!fw_test_save (store, g_ptr_array_index (case_ids, i % case_ids->len),
                         questions[(i / case_ids->len) % G_N_ELEMENTS (questions)], i, &error))
        return i;
    }
  return n;
}

/* A fresh database with one inspection and 5 cases; their ids. */
static char *
make_db (guint round, char **inspection_id, GPtrArray *case_ids)
{
  g_autofree char *fw_path = fw_test_data_path ("frameworks/madeup-core-case.xml");
  g_autofree char *name = g_strdup_printf ("round-%u.db", round);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  const char *csv = "reference,kind\nP1,case\nP2,case\nP3,case\nP4,case\nP5,case\n";
  const char *inspectors[] = { "Inspector A", NULL };
  g_autoptr(FwFramework) fw = fw_test_load_framework (fw_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  *inspection_id = fw_store_create_inspection (store, fw, "Test service", "2019-10-07", inspectors, &error);
  ck_assert_msg (*inspection_id != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_import_cases_data (store, *inspection_id, csv, strlen (csv), "cases.csv", NULL, &error),
                 "%s", error ? error->message : "");
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *ref = g_strdup_printf ("P%u", i);
      g_autoptr(FwCase) kase = fw_store_find_case (store, *inspection_id, ref, &error);
      g_ptr_array_add (case_ids, g_strdup (kase->id));
    }
  return g_steal_pointer (&path);
}

START_TEST (test_power_cut)
{
  gint64 writes_per_run = 0;
  guint cuts = 0, partial_rounds = 0, saves_before_cuts = 0;

  /* round 0 has no cut: it counts the writes of a full run; every other
   * round cuts the power at a random one of them */
  for (guint round = 0; round <= ROUNDS; round++)
    {
      g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *inspection_id = NULL;
      g_autofree char *path = make_db (round, &inspection_id, case_ids);
      g_autoptr(GError) error = NULL;
      FwStore *store;
      gint64 cut;
      guint saved;
      int keep = round % 2 ? 0 : g_rand_int_range (rng, 1, 100);

      store = fw_store_open (path, &error);
      ck_assert_msg (store != NULL, "%s", error ? error->message : "");
      writes_seen = 0;
      power_off = FALSE;
      cut = cut_at = round == 0 ? -1 : g_rand_int_range (rng, 0, (gint32) MAX (writes_per_run, 1));
      saved = save_until_failure (store, case_ids, SAVES);
      if (round == 0)
        {
          ck_assert_uint_eq (saved, SAVES);
          writes_per_run = writes_seen;
        }
      g_object_unref (store);   /* with the power off, nothing more reaches the disk */
      cuts += power_off;
      saves_before_cuts += round > 0 ? saved : 0;
      partial_rounds += power_off && keep > 0;
      restore_after_cut (rng, power_off ? keep : 100);
      if (power_off)
        shm_remove (path);
      cut_at = -1;
      power_off = FALSE;

      /* back on: the database opens, with every save that returned */
      store = fw_store_open (path, &error);
      ck_assert_msg (store != NULL, "round %u (cut at write %" G_GINT64_FORMAT "): %s", round, cut,
                     error ? error->message : "");
      for (guint i = 0; i < saved; i++)
        ck_assert_msg (fw_test_saved (store, g_ptr_array_index (case_ids, i % case_ids->len),
                                      questions[(i / case_ids->len) % G_N_ELEMENTS (questions)], i),
                       "round %u (cut at write %" G_GINT64_FORMAT "): save %u of %u that returned is missing",
                       round, cut, i, saved);
      g_object_unref (store);
      fw_test_assert_integrity (path);
    }
  g_print ("# %u power cuts (%u keeping some unsynced writes), %" G_GINT64_FORMAT " writes a run, "
           "%u saves returned before a cut\n", cuts, partial_rounds, writes_per_run, saves_before_cuts);
  ck_assert_uint_gt (saves_before_cuts, ROUNDS * SAVES / 4);
  ck_assert_uint_ge (cuts, ROUNDS * 3 / 4);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("powercut");
  TCase *tc = tcase_create ("powercut");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 90);
  tcase_add_test (tc, test_power_cut);
  suite_add_tcase (s, tc);
  return fw_test_run (s);
}
