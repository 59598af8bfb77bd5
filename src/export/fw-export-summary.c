/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-export-summary.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

char *
fw_summary_sample_text (FwExportData *data)
{
  GPtrArray *kinds = fw_framework_get_kinds (data->rating->framework);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < kinds->len; i++)
    {
      FwKind *k = g_ptr_array_index (kinds, i);
      g_autofree char *lower = g_utf8_strdown (k->title, -1);

      if (out->len)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%u %s", data->cases_of_kind[i], lower);
    }
  return g_string_free (out, FALSE);
}

char *
fw_summary_missing_text (FwExportData *data)
{
  GPtrArray *missing = data->rating->missing;

  if (data->rating->complete)
    return NULL;
  /* key questions with answers still to give, standards with no judgement */
  return g_strdup_printf (ngettext ("Provisional: %u key question or standard incomplete",
                                    "Provisional: %u key questions or standards incomplete", missing->len),
                          missing->len);
}

char *
fw_summary_overall_text (FwRating *rating)
{
  if (rating->rating == NULL)
    return g_strdup (_("Overall rating — not rated yet"));
  return g_strdup_printf (_("Overall rating — Score %u/%u"), rating->score, rating->max_score);
}

char *
fw_summary_provisional_text (FwRating *rating)
{
  g_autoptr(GString) out = NULL;

  if (rating->provisional->len == 0)
    return NULL;
  out = g_string_new (_("Provisional: "));
  for (guint i = 0; i < rating->provisional->len; i++)
    g_string_append_printf (out, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (rating->provisional, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
fw_summary_standard_text (FwStandardResult *s)
{
  if (fw_standard_result_informs (s))
    return _("Reported, not scored");
  if (s->band)
    return s->band->title;
  if (s->state == FW_STANDARD_NOT_RATED)
    return _("Not rated");
  return s->judged ? _("Judgement needed") : _("No rating yet");
}

char *
fw_summary_percent_text (FwQuestionResult *q)
{
  return q->has_percent ? g_strdup_printf ("%u%%", q->shown_percent) : g_strdup ("—");
}

char *
fw_summary_counts_text (FwQuestionResult *q)
{
  /* TRANSLATORS: yes answers of the relevant cases, e.g. "25 of 29" */
  return g_strdup_printf (_("%u of %u"), q->yes, q->yes + q->no);
}

char *
fw_summary_interval_text (FwQuestionResult *q)
{
  if (!q->has_percent)
    return NULL;
  /* TRANSLATORS: how sure a % is, e.g. "likely 62.2–95.6 %: the band could change" */
  return q->band_could_change
    ? g_strdup_printf (_("likely %u.%u–%u.%u %%: the band could change"),
                       q->ci_low / 10, q->ci_low % 10, q->ci_high / 10, q->ci_high % 10)
    : g_strdup_printf (_("likely %u.%u–%u.%u %%"),
                       q->ci_low / 10, q->ci_low % 10, q->ci_high / 10, q->ci_high % 10);
}

const char *
fw_summary_wording_note (FwQuestion *question)
{
  return question->provisional ? _(" (provisional wording)") : "";
}

void
fw_summary_parse_colour (const char *hex, double rgb[3])
{
  guint value = hex && hex[0] == '#' ? (guint) g_ascii_strtoull (hex + 1, NULL, 16) : 0x777777;

  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

gboolean
fw_export_create_private (const char *tmp, const char *path, GError **error)
{
  int fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}
