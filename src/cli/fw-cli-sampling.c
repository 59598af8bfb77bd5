/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* fieldwork-cli: the sample size, the population and the draw. */

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "fw-cli.h"

/* sample-size --population N [--confidence 80] [--margin 5] [--framework ID --kind KIND] */
int
cmd_sample_size (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwFramework) fw = NULL;
  g_autofree char *population_text = NULL, *confidence_text = NULL, *margin_text = NULL;
  g_autofree char *framework = NULL, *kind_id = NULL;
  guint confidence = 80, margin = 5;
  guint64 population, value;
  FwKind *kind = NULL;
  GOptionEntry entries[] = {
    { "population", 0, 0, G_OPTION_ARG_STRING, &population_text, "Eligible cases in the caseload", "N" },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &confidence_text, "Confidence in percent (default: the framework's, else 80)", "PERCENT" },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin_text, "Margin of error in percent (default: the framework's, else 5)", "PERCENT" },
    { "framework", 0, 0, G_OPTION_ARG_STRING, &framework, "Framework whose sampling rule and limits apply", "ID" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_id, "Case kind, for the framework's limits", "KIND" },
    G_OPTION_ENTRY_NULL
  };

  if (!cli_parse ("sample-size", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (population_text == NULL
      || !g_ascii_string_to_unsigned (population_text, 10, 0, G_MAXUINT32, &population, NULL))
    return cli_fail (_("--population needs a whole number of cases"));
  if (kind_id != NULL && framework == NULL)
    return cli_fail (_("--kind needs --framework"));
  if (framework != NULL)
    {
      if ((fw = fw_framework_load_available (framework, &error)) == NULL)
        return cli_fail_error (error);
      fw_framework_get_sampling (fw, &confidence, &margin);
      if (kind_id != NULL && (kind = fw_framework_find_kind (fw, kind_id)) == NULL)
        return cli_fail (_("“%s” is not a case kind of framework %s"), kind_id, framework);
    }
  if (confidence_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (confidence_text, 10, 1, 99, &value, NULL))
        return cli_fail (_("--confidence must be a whole percent from 1 to 99"));
      confidence = value;
    }
  if (margin_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (margin_text, 10, 1, 99, &value, NULL))
        return cli_fail (_("--margin must be a whole percent from 1 to 99"));
      margin = value;
    }
  g_print ("%u\n", fw_sample_size_for_kind ((guint) population, confidence, margin, kind));
  return 0;
}

/* import-population --inspection ID POPULATION.csv */
int
cmd_import_population (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autofree char *inspection = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    G_OPTION_ENTRY_NULL
  };

  if (!cli_parse ("import-population", "POPULATION.csv", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || argc != 2)
    return cli_fail ("import-population: --inspection ID and one CSV file are required");
  if ((store = cli_open_store (g, &error)) == NULL
      || !fw_population_import (store, inspection, argv[1], &n, &error)
      || (summary = fw_draw_summarize (store, inspection, 0, 0, &error)) == NULL)
    return cli_fail_error (error);
  text = fw_draw_summary_format (summary);
  g_print (_("%s: imported %u cases\n"), argv[1], n);
  g_print ("%s", text);
  return 0;
}

gboolean
cli_parse_percent (const char *text, const char *option, guint *value, GError **error)
{
  guint64 v;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 99, &v, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be a whole percent from 1 to 99"), option);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

/* draw --inspection ID [--seed S] [--per-case-manager 6] [--reserve N] [--confidence C --margin M] */
int
cmd_draw (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwDrawSummary) summary = NULL;
  g_autofree char *inspection = NULL, *seed = NULL, *cap_text = NULL, *reserve_text = NULL;
  g_autofree char *confidence_text = NULL, *margin_text = NULL, *text = NULL;
  gboolean show = FALSE;
  FwDrawOptions options;
  guint64 value;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Seed to draw with (default: a new one, printed and recorded)", "S" },
    { "per-case-manager", 0, 0, G_OPTION_ARG_STRING, &cap_text, "At most this many cases per case manager (default 6; 0: no cap)", "N" },
    { "reserve", 0, 0, G_OPTION_ARG_STRING, &reserve_text, "Reserve cases per kind (default 5)", "N" },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &confidence_text, "Confidence in percent (default: the framework's)", "PERCENT" },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin_text, "Margin of error in percent (default: the framework's)", "PERCENT" },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show, "Only show the size calculation, or the draw made", NULL },
    G_OPTION_ENTRY_NULL
  };

  fw_draw_options_init (&options);
  if (!cli_parse ("draw", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL)
    return cli_fail ("draw: --inspection ID is required");
  if (cap_text && !g_ascii_string_to_unsigned (cap_text, 10, 0, 1000, &value, NULL))
    return cli_fail (_("--per-case-manager needs a whole number"));
  if (cap_text)
    options.per_case_manager = value;
  if (reserve_text && !g_ascii_string_to_unsigned (reserve_text, 10, 0, 100000, &value, NULL))
    return cli_fail (_("--reserve needs a whole number"));
  if (reserve_text)
    options.reserve = value;
  if (!cli_parse_percent (confidence_text, "--confidence", &options.confidence, &error)
      || !cli_parse_percent (margin_text, "--margin", &options.margin, &error))
    return cli_fail_error (error);
  options.seed = seed;
  if ((store = cli_open_store (g, &error)) == NULL)
    return cli_fail_error (error);
  summary = show ? fw_draw_summarize (store, inspection, options.confidence, options.margin, &error)
                 : fw_draw_sample (store, inspection, &options, &error);
  if (summary == NULL)
    return cli_fail_error (error);
  text = fw_draw_summary_format (summary);
  g_print ("%s", text);
  return 0;
}

/* replace-case --inspection ID --case REF --reason TEXT */
int
cmd_replace_case (Globals *g, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *inspection = NULL, *reference = NULL, *reason = NULL, *by = NULL;
  GOptionEntry entries[] = {
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &inspection, "Inspection id", "ID" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &reference, "Reference of the drawn case", "REFERENCE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why it is replaced (required)", "TEXT" },
    G_OPTION_ENTRY_NULL
  };

  if (!cli_parse ("replace-case", "", entries, &argc, &argv, &error))
    return cli_fail_error (error);
  if (inspection == NULL || reference == NULL || reason == NULL)
    return cli_fail ("replace-case: --inspection ID, --case REFERENCE and --reason TEXT are required");
  if ((store = cli_open_store (g, &error)) == NULL
      || (by = fw_draw_replace_case (store, inspection, reference, reason, &error)) == NULL)
    return cli_fail_error (error);
  g_print (_("%s replaced by %s\n"), reference, by);
  return 0;
}
