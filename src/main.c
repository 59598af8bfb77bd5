/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <glib/gi18n.h>

#include "fw-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(FwApplication) app = NULL;
  const char *localedir = g_getenv ("FIELDWORK_LOCALEDIR");

  /* FIELDWORK_LOCALEDIR points at the build tree's catalogues (meson devenv) */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = fw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
