/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <check.h>
#include <glib.h>

#include "fw-core.h"

/* Source-tree paths, set by meson in the environment. */
char     *fw_test_data_path      (const char *relative);       /* tests/data/… */
char     *fw_test_framework_path (const char *name);           /* data/frameworks/… */
FwFramework *fw_test_load_framework (const char *path);         /* aborts the test on error */

/* A fresh temporary folder per test, removed afterwards. */
char     *fw_test_tmpdir         (void);
void      fw_test_rmdir          (const char *dir);
char     *fw_test_write          (const char *dir, const char *name, const char *contents, gssize length);

/* A new store with one inspection of the given framework file. */
FwStore  *fw_test_store_with_inspection (const char *dir, const char *framework_path, char **inspection_id);

/* sha256 of a file, to show that a failed operation changed nothing. */
char     *fw_test_file_digest    (const char *path);

int       fw_test_run            (Suite *suite);

#define ck_assert_error(err, dom, cod) \
  do { \
    ck_assert_msg ((err) != NULL, "expected an error"); \
    ck_assert_msg ((err)->domain == (dom) && (err)->code == (int) (cod), \
                   "expected error %s/%d, got %s/%d: %s", g_quark_to_string (dom), (int) (cod), \
                   g_quark_to_string ((err)->domain), (err)->code, (err)->message); \
  } while (0)
