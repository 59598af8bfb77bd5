/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-csv.h"
#include "fw-error.h"

static void
fw_csv_row_free (gpointer data)
{
  FwCsvRow *row = data;

  g_strfreev (row->fields);
  g_free (row);
}

void
fw_csv_free (FwCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->filename);
  if (csv->header)
    fw_csv_row_free (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

/* A line ends at CRLF, LF or a lone CR (old Mac files, and some
 * spreadsheets' line breaks inside a cell). p < end. */
static inline gboolean
ends_line (const char *p, const char *end)
{
  return *p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n'));
}

static guint
line_of_offset (const char *data, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (ends_line (data + i, data + offset + 1))
      line++;
  return line;
}

static gboolean
row_is_blank (GPtrArray *fields)
{
  return fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0';
}

FwCsv *
fw_csv_parse (const char *data,
              gsize       length,
              const char *filename,
              GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (fw_csv_row_free);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  const char *end_valid = NULL;
  const char *p, *end;
  guint line = 1, row_line = 1;
  gboolean at_field_start = TRUE;
  FwCsv *csv;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  filename = filename ? filename : "(csv)";

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate_len (data, length, &end_valid))
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
                   _("%s:%u: the file is not UTF-8 text (invalid byte 0x%02X); "
                   "save it as “CSV UTF-8”"),
                   filename, line_of_offset (data, end_valid - data),
                   (guchar) *end_valid);
      return NULL;
    }

  p = data;
  end = data + length;
  fields = g_ptr_array_new_with_free_func (g_free);

  while (p <= end)
    {
      gboolean end_of_row = FALSE;

      if (p == end)
        {
          /* end of input: finish a row that has content */
          if (fields->len == 0 && field->len == 0 && at_field_start)
            break;
          end_of_row = TRUE;
        }
      else if (at_field_start && *p == '"')
        {
          /* a quoted field runs to the matching quote */
          guint quote_line = line;

          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_SYNTAX,
                               _("%s:%u: field %u: a quoted field is never closed"),
                               filename, quote_line, fields->len + 1);
                  return NULL;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (ends_line (p, end))
                line++;
              g_string_append_c (field, *p++);
            }
          at_field_start = FALSE;
          if (p < end && *p != ',' && *p != '\n' && *p != '\r')
            {
              g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_SYNTAX,
                           _("%s:%u: field %u: unexpected text after a closing quote"),
                           filename, line, fields->len + 1);
              return NULL;
            }
          continue;
        }
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          at_field_start = TRUE;
          p++;
          continue;
        }
      else if (*p == '\r' && p + 1 < end && p[1] == '\n')
        {
          p += 2;
          end_of_row = TRUE;
        }
      else if (*p == '\n' || *p == '\r')
        {
          p++;
          end_of_row = TRUE;
        }
      else if (*p == '"')
        {
          g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_SYNTAX,
                       _("%s:%u: field %u: a quote inside an unquoted field"),
                       filename, line, fields->len + 1);
          return NULL;
        }
      else
        {
          g_string_append_c (field, *p++);
          at_field_start = FALSE;
          continue;
        }

      if (end_of_row)
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          at_field_start = TRUE;

          if (!row_is_blank (fields))
            {
              FwCsvRow *row = g_new0 (FwCsvRow, 1);

              row->line = row_line;
              g_ptr_array_add (fields, NULL);
              row->fields = (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
              g_ptr_array_add (rows, row);
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          else
            g_ptr_array_set_size (fields, 0);

          if (p >= end)
            break;
          line++;
          row_line = line;
        }
    }

  if (rows->len == 0)
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_EMPTY,
                   _("%s:1: the file is empty; expected a header row"), filename);
      return NULL;
    }

  csv = g_new0 (FwCsv, 1);
  csv->filename = g_strdup (filename);
  csv->header = g_ptr_array_steal_index (rows, 0);
  g_ptr_array_set_free_func (rows, NULL);
  csv->rows = g_ptr_array_new_with_free_func (fw_csv_row_free);
  for (guint i = 0; i < rows->len; i++)
    {
      FwCsvRow *row = g_ptr_array_index (rows, i);
      guint n = g_strv_length (row->fields);
      guint m = g_strv_length (csv->header->fields);

      g_ptr_array_add (csv->rows, row);
      if (n != m)
        {
          g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_FIELD_COUNT,
                       _("%s:%u: the row has %u fields but the header has %u"),
                       filename, row->line, n, m);
          for (guint j = i + 1; j < rows->len; j++)
            fw_csv_row_free (g_ptr_array_index (rows, j));
          fw_csv_free (csv);
          return NULL;
        }
    }

  return csv;
}

FwCsv *
fw_csv_read_file (const char *path,
                  GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return fw_csv_parse (contents, length, path, error);
}

void
fw_csv_append_field (GString    *out,
                     const char *value,
                     gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}
