/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FW_CSV_ERROR (fw_csv_error_quark ())
#define FW_FRAMEWORK_ERROR (fw_framework_error_quark ())
#define FW_STORE_ERROR (fw_store_error_quark ())
#define FW_IMPORT_ERROR (fw_import_error_quark ())

typedef enum {
  FW_CSV_ERROR_EMPTY,        /* no header row */
  FW_CSV_ERROR_ENCODING,     /* bytes that are not UTF-8 */
  FW_CSV_ERROR_SYNTAX,       /* unterminated quote, stray quote */
  FW_CSV_ERROR_FIELD_COUNT,  /* a row with more or fewer fields than the header */
  FW_CSV_ERROR_IO,
} FwCsvError;

typedef enum {
  FW_FRAMEWORK_ERROR_IO,
  FW_FRAMEWORK_ERROR_MALFORMED,   /* not well-formed XML */
  FW_FRAMEWORK_ERROR_SCHEMA,      /* fails the RELAX NG schema */
  FW_FRAMEWORK_ERROR_INVALID,     /* well-formed and schema-valid, but inconsistent */
  FW_FRAMEWORK_ERROR_NOT_FOUND,   /* no framework with this id */
  FW_FRAMEWORK_ERROR_TOO_LARGE,   /* larger than FW_FRAMEWORK_MAX_SIZE */
} FwFrameworkError;

typedef enum {
  FW_STORE_ERROR_IO,
  FW_STORE_ERROR_NOT_DATABASE,    /* not an SQLite file at all */
  FW_STORE_ERROR_FOREIGN,         /* an SQLite file of another program */
  FW_STORE_ERROR_TOO_NEW,         /* made by a newer Fieldwork */
  FW_STORE_ERROR_CORRUPT,         /* fails PRAGMA quick_check */
  FW_STORE_ERROR_SQL,
  FW_STORE_ERROR_NOT_FOUND,
  FW_STORE_ERROR_INVALID,         /* a value the store refuses */
  FW_STORE_ERROR_LOCKED,          /* the inspection is locked */
  FW_STORE_ERROR_CASE_CLOSED,     /* the case is complete or quality-assured: reopen it first */
  FW_STORE_ERROR_NOT_ALLOWED,     /* the user's role may not make this change */
  FW_STORE_ERROR_BUSY,            /* another program holds the write lock */
} FwStoreError;

typedef enum {
  FW_IMPORT_ERROR_MISSING_COLUMN,
  FW_IMPORT_ERROR_UNKNOWN_COLUMN,
  FW_IMPORT_ERROR_DUPLICATE_COLUMN,
  FW_IMPORT_ERROR_EMPTY_VALUE,
  FW_IMPORT_ERROR_BAD_VALUE,
  FW_IMPORT_ERROR_UNKNOWN_KIND,
  FW_IMPORT_ERROR_UNKNOWN_CASE,
  FW_IMPORT_ERROR_UNKNOWN_QUESTION,
  FW_IMPORT_ERROR_NOT_APPLICABLE,   /* question does not apply to the case's kind */
  FW_IMPORT_ERROR_DUPLICATE,        /* the same case or answer twice */
  FW_IMPORT_ERROR_UNKNOWN_STANDARD,
  FW_IMPORT_ERROR_NOT_JUDGED,
  FW_IMPORT_ERROR_UNKNOWN_BAND,
  FW_IMPORT_ERROR_NO_ROWS,
} FwImportError;

GQuark fw_csv_error_quark       (void);
GQuark fw_framework_error_quark (void);
GQuark fw_store_error_quark     (void);
GQuark fw_import_error_quark    (void);

G_END_DECLS
