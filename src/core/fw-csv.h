/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An RFC 4180 CSV file read whole: an optional UTF-8 byte order mark,
 * CRLF or LF line ends, quoted fields with "" escapes, commas and line
 * breaks inside quotes. Entirely blank lines are skipped. Every row
 * remembers the line it starts on, so errors can name it. */
typedef struct {
  guint   line;      /* 1-based line of the row's first character */
  GStrv   fields;
} FwCsvRow;

typedef struct {
  char      *filename;  /* for messages */
  FwCsvRow  *header;
  GPtrArray *rows;      /* FwCsvRow*, data rows only */
} FwCsv;

FwCsv *fw_csv_parse      (const char *data,
                          gsize       length,
                          const char *filename,
                          GError    **error);
FwCsv *fw_csv_read_file  (const char *path,
                          GError    **error);
void   fw_csv_free       (FwCsv *csv);

/* Writing: a field quoted when it needs to be. */
void   fw_csv_append_field (GString *out, const char *value, gboolean first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCsv, fw_csv_free)

G_END_DECLS
